/*
 * datacsv.h - data.csv: every accepted value in long form, for a database
 * engine (docs/scaling.md).
 */
#ifndef EG_DATACSV_H
#define EG_DATACSV_H

#include <stdio.h>

#include "core/model.h"
#include "layout/layout.h"

/* Writes the header and one row per accepted value of ds, in the order of
 * the workbook's Dữ liệu (file, then row), with its columns: year,
 * unit_code, unit_name, level, parent_code, indicator, indicator_label,
 * value, file, row, note; then as_of, the day the figures run to
 * (YYYY-MM-DD: 31 December, or a provisional build's day,
 * eg_dataset_as_of), and provisional, 1 while the year is not over (a
 * build of 31 December itself too), else 0.  UTF-8 without BOM, LF line ends; text cells
 * neutralised as in validation.csv (eg_csv_field).  A value is the number
 * the workbook holds (a percent as a fraction, a yes/no as 1/0, 16
 * significant digits), an option's code, or the text.  Returns 0, or -1 on
 * a write error. */
int eg_datacsv_write(FILE *f, const eg_dataset *ds, const eg_layouts *L);

#endif
