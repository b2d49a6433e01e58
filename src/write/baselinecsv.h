/*
 * baselinecsv.h - baseline-<YEAR+1>.csv: this year's provincial figures in
 * baseline.csv's form, to be next year's baseline.csv as it is.
 */
#ifndef EG_BASELINECSV_H
#define EG_BASELINECSV_H

#include <stdio.h>

#include "layout/layout.h"
#include "normalize/figures.h"

/* Writes the header `indicator,value` and a row per figure of res that
 * speaks for the whole province, in figures.csv's order, as
 * input-format.md has baseline.csv give it: a tl.* figure as a
 * percentage with the two decimals the report's tables and the workbook
 * show (57.38), a dem.* figure as its count of units that qualify, a sum
 * as its count (eg_figure_baseline_side).  Left out: a change on last
 * year (no baseline of its own), a figure not every unit of its levels
 * went into (a mid-year build's), one the report does not print (a
 * share outside 0-100 %, a sum past 2^53), and one baseline.csv cannot
 * give (a share not named tl.*, a sum that is no whole number).  A
 * provisional build's (the year not over: eg_dataset_set_as_of) has the
 * header alone: none of its figures is the year's, and next year would
 * compare with a part of this one.  UTF-8, LF, no BOM.  Returns 0, or -1
 * on a write error. */
int eg_baselinecsv_write(FILE *f, const eg_layouts *L, const eg_results *res, int provisional);

#endif
