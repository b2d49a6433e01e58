/*
 * sysexport.h - reading the exports of provincial systems (the CSV files of systems/,
 * plain or gzip), in one pass, with memory independent of their size.
 *
 * An export can hold tens of millions of rows: nothing is kept but the
 * row being read.  Fields are plain bytes (exports are ASCII codes and
 * times), comma-separated with RFC 4180 quoting.  A field longer than
 * EG_EXPORT_MAX_FIELD, or a row with more than EG_EXPORT_MAX_FIELDS fields,
 * is delivered with `overflow` set so that the caller can count the row
 * as malformed; only what makes the rest of the file unreadable (a
 * broken gzip stream, an unclosed quote) stops the reading.
 */
#ifndef EG_SYSEXPORT_H
#define EG_SYSEXPORT_H

#include <stddef.h>

#include "core/diag.h"

#define EG_EXPORT_MAX_FIELD  512
#define EG_EXPORT_MAX_FIELDS 32

typedef struct {
    long row;                   /* 1 for the file's first line */
    size_t n;                   /* fields kept (at most EG_EXPORT_MAX_FIELDS) */
    const char *const *field;   /* NUL-terminated, "" when empty */
    int overflow;               /* a field or the row was too long: malformed */
} eg_export_row;

/* Return 0 to go on, non-zero to stop. */
typedef int (*eg_export_fn)(void *ctx, const eg_export_row *row);

/* Reads the file at path (gzip or not, told by its content) and hands
 * every non-blank row, the header included, to fn.  display names the file
 * in diagnostics.  Returns 0, or -1 after an E_SYSTEM_READ error when it
 * could not be read to its end.  *bytes (may be NULL) gets the bytes of
 * text read, after decompression. */
int eg_export_read(const char *path, const char *display, eg_export_fn fn, void *ctx,
                   long long *bytes, eg_diag_list *dl);

/* The same with libcsv alone, never the fast path (see sysexport.c): the
 * reference the tests compare the fast path with. */
int eg_export_read_libcsv(const char *path, const char *display, eg_export_fn fn, void *ctx,
                          long long *bytes, eg_diag_list *dl);

#endif
