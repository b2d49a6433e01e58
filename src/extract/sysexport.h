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
    const size_t *len;          /* their lengths */
    int overflow;               /* a field or the row was too long: malformed */
    int unended;                /* the file's last row, with no line end after it
                                 * (a file cut short ends so, as does one whose
                                 * writer leaves out the last line end) */
} eg_export_row;

/* Return 0 to go on, non-zero to stop. */
typedef int (*eg_export_fn)(void *ctx, const eg_export_row *row);

/* A shortcut for a reader that needs, of a well-formed row, one field
 * only.  Once width is set (by the row callback, on the header: before
 * any other part of the file is read), a record read on the fast path
 * that has exactly width fields, none of them empty, and is at most
 * EG_EXPORT_MAX_FIELD bytes long (no quote, no NUL byte: those go to
 * libcsv) is not cut into a row: fn gets the bytes of its field col
 * (len of them, not NUL-terminated), with the reader's ctx.  fn returns
 * 0 when it took the record as that row, 1 to have it handed to the row
 * callback after all, as any other.  The record counts as a row either
 * way.  Only the fast path's records ended by one line end ('\n' or a
 * lone '\r', never a CRLF), in a stretch without an empty field, take the
 * shortcut; the rows and their numbers are those of the row callback
 * alone. */
typedef struct {
    size_t width, col;
    int (*fn)(void *ctx, const char *s, size_t len);
    size_t len;         /* the field's usual length, or 0; a hint (the last field
                         * only): a record whose last len bytes follow a
                         * separator and hold none has them taken as the
                         * field without looking further back */
} eg_export_column;

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

/* Reading a plain export with several threads.  The file is cut into
 * parts at line ends; the first part (the header and a little more) is
 * read first, with ctx; the second goes on with ctx, and each later part
 * is read with fork(ctx), a fresh state that knows the header, its rows
 * numbered from 1 within the part; `jobs` threads take the parts one
 * after the other as they come free.  The parts are then joined in file
 * order: join(ctx, part, rows_before) folds a part into ctx (its row
 * numbers are rows_before more in the file) and frees it.  A part whose
 * start turns out not to be a record boundary (a quoted field held a line
 * break across the cut) is given to drop instead, and the file from there
 * is read on by the reader of the part before, with ctx: the rows
 * and their numbers are exactly those of one thread reading the file.
 * fn must only touch its own state (ctx or a part); fork and join run on
 * the calling thread. */
typedef struct {
    eg_export_fn row;
    void *(*fork)(void *ctx);
    void (*join)(void *ctx, void *part, long rows_before);
    void (*drop)(void *part);
    int jobs;                   /* threads: 1 reads as eg_export_read */
    long long part_size;        /* the parts' size (a file of fewer than two is read
                                 * whole); 0: 4 MiB */
    const eg_export_column *column; /* the caller's shortcut, or NULL */
} eg_export_split;

/* As eg_export_read, split as `how` says when the file is plain and large
 * enough.  A gzip stream is one: with jobs > 1 it is inflated by a thread
 * of its own while this one reads what it inflated. */
int eg_export_read_split(const char *path, const char *display, const eg_export_split *how,
                         void *ctx, long long *bytes, eg_diag_list *dl);

/* The parts read apart so far, in this process (for the tests: a file
 * meant to be cut was cut). */
size_t eg_export_parts_read(void);

/* The gzip streams inflated by a thread of their own so far, in this
 * process (for the tests: a gzip export read with jobs > 1 had both
 * cores). */
size_t eg_export_inflated_ahead(void);

#endif
