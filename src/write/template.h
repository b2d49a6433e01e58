/*
 * template.h - the submission form a unit fills in (libxlsxwriter).
 *
 * One workbook per form, for one year: a sheet `Báo cáo` with the
 * issuing body, a title, the unit's name and code and how to fill it in,
 * then a table whose header egreport's reader accepts (STT, Mã đơn vị,
 * Mã chỉ tiêu, Tên chỉ tiêu, Đơn vị tính, Giá trị, Ghi chú) and one row
 * per indicator of the unit's level, in catalogue order.  A district's
 * form goes on with a block per commune of the registry (every
 * commune-level indicator), each under a heading row.
 *
 * Only Giá trị and Ghi chú can be typed into: the sheet is protected
 * (without a password) and those cells are unlocked.  Yes/no and enum
 * cells have a drop-down whose list is a range of the hidden sheet
 * `DanhSach` (never a literal list: libxlsxwriter 1.1.4 overflows past
 * 255 bytes, #394); counts accept whole numbers >= 0, scores 0 to the
 * level's maximum.  An unfilled form is valid: empty cells are missing
 * values.  The same registry, catalogue, unit and `created` give the
 * same bytes.
 */
#ifndef EG_TEMPLATE_H
#define EG_TEMPLATE_H

#include "core/diag.h"
#include "core/model.h"

/* Whether unit u gets a form of its own when every form is written: the
 * province, departments and districts do; a commune's rows are in its
 * district's form (a commune's own form is made on request). */
int eg_template_own_form(const eg_dataset *ds, int u);

/* Writes the form of unit u (a position in ds->registry) for ds->year to
 * path.  ds->facts may hold report.csv's `deadline`, printed when
 * present and not before 1 January of ds->year (last year's report.csv,
 * which the caller warns of: W_REPORT_DATE).  created is the time written
 * into the document properties (never 0).  Returns 0, or -1 after adding an EG_FATAL "F_XLSX"
 * diagnostic (the system's reason when the file could not be written,
 * else libxlsxwriter's words; none of the library's own lines reach
 * stderr: write/lxw_said.h); path is then removed. */
int eg_template_write(const char *path, const eg_dataset *ds, const eg_catalogue *cat, int u,
                      long long created, eg_diag_list *dl);

#endif
