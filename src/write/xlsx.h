/*
 * xlsx.h - the analysts' workbook (libxlsxwriter).
 *
 * Sheets, in this order: Tổng hợp (the derived provincial figures, as
 * formulas over Dữ liệu with cached results, data bars on the rates),
 * Xếp hạng (the rankings, with COUNTIFS ranks and ROUND(SUM) totals and a bar chart
 * each), Sở ban ngành, Huyện, Xã (one row per unit, one column per
 * indicator of the level, then the unit's own rates), Kiểm tra (the
 * validation list), Dữ liệu (every accepted value in long form with its
 * unit, parent, indicator, file, row and note: the Excel table DuLieu;
 * continued on Dữ liệu (2), ... past a sheet's rows) and Thông tin
 * (program version, build time, and every input file with its size and
 * SHA-256).  Above EG_XLSX_STREAM_VALUES values the workbook is written in
 * constant-memory mode.  docs/workbook.md says what and why.
 *
 * The same inputs and `created` give the same bytes.  Text from
 * submissions is only ever written as text, never as a formula.
 */
#ifndef EG_XLSX_H
#define EG_XLSX_H

#include "core/diag.h"
#include "core/model.h"
#include "layout/layout.h"
#include "normalize/figures.h"
#include "write/manifest.h"

/* Writes the workbook to path (a temporary name chosen by the caller; it is
 * renamed into place later).  `problems` is the validation list to show in
 * `Kiểm tra` (sorted already); created is the time written into the document
 * properties (never 0); inputs: the year folder's files as the build's
 * manifest found them, whose SHA-256 `Thông tin` shows rather than reading
 * them again (NULL: each is read and hashed here).  Returns 0, or -1 after
 * adding an EG_FATAL diagnostic "F_XLSX" to dl carrying libxlsxwriter's own
 * error string (lxw_strerror); path is then removed. */
int eg_xlsx_write(const char *path, const eg_dataset *ds, const eg_layouts *L,
                  const eg_results *res, const eg_diag_list *problems,
                  long long created, const eg_manifest *inputs, eg_diag_list *dl);

#endif
