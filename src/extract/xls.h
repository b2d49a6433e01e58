/*
 * xls.h - reading a submission saved as an Excel workbook of 1993 to 2019
 * (.xls: Excel 5/95 and 97-2003).
 *
 * extract/xls_biff.h reads the workbook's records: texts (as UTF-8, from
 * UTF-16 or the workbook's code page), numbers with their formats,
 * formulas' saved results, yes/no and error cells, merged ranges, hidden
 * rows and sheets.  The sheet is the one named "BaoCao" or "Báo cáo"
 * (without case, diacritics or spaces), else the first visible worksheet,
 * as for XLSX.  Fields are as extract/xlsx.h gives them: numbers as
 * input-format.md reads them ("403086", "116.83"), percent-formatted
 * numbers as "96.2%", dates as "2021-12-15", yes/no cells as TRUE/FALSE,
 * error cells as "" with row->cell_errors saying which error; text in
 * NFC, trimmed, and converted from TCVN3 or VNI when the sheet's text was
 * typed with those fonts (extract/encoding.h; W_TEXT_TCVN3, W_TEXT_VNI).
 *
 * The sheet's cells are held in memory (at most 65,536 rows of 256 cells
 * in this format, and EG_BIFF_MAX_CELLS).
 */
#ifndef EG_XLS_H
#define EG_XLS_H

#include "extract/row.h"

/* Reads the sheet and hands each row with a non-empty cell to fn, numbered
 * as a spreadsheet program numbers it (field i is column i + 1).  display
 * names the file in messages; lim may be NULL.  Returns 0 when the sheet
 * was read to its end or fn stopped it, -1 after an error naming the
 * file (E_XLS_NOT_XLS, E_XLS_PASSWORD, E_XLS_BROKEN, E_FILE_READ) when it
 * could not be read. */
int eg_xls_read(const char *path, const char *display, eg_row_fn fn, void *ctx,
                const eg_limits *lim, eg_diag_list *dl);

/* As eg_xls_read; then, when the sheet was read to its end and probe is
 * not NULL, the other visible worksheets are probed (row.h). */
int eg_xls_read_probing(const char *path, const char *display, eg_row_fn fn, void *ctx,
                        eg_sheet_probe *probe, const eg_limits *lim, eg_diag_list *dl);

#endif
