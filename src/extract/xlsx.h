/*
 * xlsx.h - reading a submission saved as an Excel workbook (.xlsx).
 *
 * Streaming, with libzip and expat: the workbook's structure, its styles
 * and shared strings are read first, then the sheet goes row by row to
 * the caller, so memory grows with the shared strings, not the sheet.
 * A hostile file (a zip bomb, entity expansion, a damaged or truncated
 * archive, something else named .xlsx) gives one error diagnostic naming
 * the file, within the caps of eg_limits; never a crash or a hang.
 */
#ifndef EG_XLSX_H
#define EG_XLSX_H

#include <stdint.h>

#include "extract/row.h"

/* Reads the sheet of the workbook at path that input-format.md
 * designates: the one named "BaoCao" or "Báo cáo" (compared without case,
 * diacritics or spaces), else the first visible worksheet.  Each row with
 * a non-empty cell goes to fn, numbered as the spreadsheet numbers it;
 * field i is column i + 1 (empty fields fill the gaps).  Fields are NFC
 * text, trimmed: numbers as input-format.md's syntax reads them ("403086",
 * "116.83"), percent-formatted numbers as "96.2%", dates as "2021-12-15",
 * booleans as TRUE/FALSE, error cells and formulas without a saved result
 * as "" with row->cell_errors saying so.  display names the file in
 * messages; lim may be NULL (defaults).  Returns 0 when the sheet was read
 * to its end or fn stopped it, -1 when the file could not be read to its
 * end (a diagnostic says why; the rows before it were delivered, but none
 * when the archive itself is broken). */
int eg_xlsx_read(const char *path, const char *display, eg_row_fn fn, void *ctx,
                 const eg_limits *lim, eg_diag_list *dl);

/* The bytes of another sheet's part inflated at most to find its first
 * rows (a sheet of megabytes of nothing before its first row is not
 * probed further). */
#define EG_PROBE_BYTES ((uint64_t)1 << 20)

/* As eg_xlsx_read; then, when the sheet was read and probe is not NULL,
 * the other visible worksheets are probed (row.h, eg_sheet_probe). */
int eg_xlsx_read_probing(const char *path, const char *display, eg_row_fn fn, void *ctx,
                         eg_sheet_probe *probe, const eg_limits *lim, eg_diag_list *dl);

/* How many sheets this process has read in one pass (a small sheet, its
 * rows held until it was read whole) rather than two: for the tests. */
size_t eg_xlsx_one_pass_reads(void);

/* The bytes this process has inflated probing other sheets: for the
 * tests. */
uint64_t eg_xlsx_probe_bytes(void);

#endif
