/*
 * csv.h - reading delimited text with libcsv.
 *
 * UTF-8 with or without BOM; ',', ';' or tab; RFC 4180 quoting; CRLF or
 * LF.  Fields come out trimmed and NFC-normalised.  A field that is not
 * valid UTF-8 is reported at its row and column and passed on empty.
 */
#ifndef EG_CSV_H
#define EG_CSV_H

#include "extract/row.h"

/* Decides whether a row split with a candidate delimiter is the header
 * the caller is looking for: 1 if so. */
typedef int (*eg_header_probe)(void *ctx, const eg_row *row);

/* Reads the file at path (display is the name used in messages) and calls
 * fn for each row.  With probe set, the delimiter is the first of ',', ';',
 * tab that makes one of the first 20 rows a header (delim is then ignored);
 * when none does, *found_delim is 0 and no row is delivered.  Without
 * probe, delim is used.  A row whose quoting is malformed is said
 * (E_CSV_SYNTAX) and delivered with eg_row.broken_col set, and the rows
 * after it are read.  Returns 0, or -1 when the file could not be read
 * to its end (a diagnostic says why; rows before it were delivered): a
 * cap, a read error, a quote never closed. */
int eg_csv_read(const char *path, const char *display, int delim,
                eg_header_probe probe, void *probe_ctx, int *found_delim,
                eg_row_fn fn, void *ctx, const eg_limits *lim,
                eg_diag_list *dl);

/* What a file named .csv or .txt is when its first bytes (b, n of them)
 * show it is no text at all: a workbook, a PDF, an image.  Returns a
 * clause for the clerk ("it is a zip archive, most likely an Excel
 * workbook (.xlsx)...: rename it..."), ext being the name's extension as
 * written (".csv"), or NULL when the bytes may be text (every encoding
 * of input-format.md, UTF-16 with its BOM too). */
const char *eg_csv_not_text(const unsigned char *b, size_t n, const char *ext,
                            char *buf, size_t size);

#endif
