/*
 * sysexport_priv.h - what sysexport.c (one reader over a whole export) and
 * sysexport_split.c (the parts of a plain export read side by side) share:
 * a reader's state and its reading of a range of bytes.
 */
#ifndef EG_SYSEXPORT_PRIV_H
#define EG_SYSEXPORT_PRIV_H

#include <csv.h>
#include <stdint.h>
#include <zlib.h>

#include "extract/sysexport.h"

typedef struct {
    eg_export_fn fn;
    void *ctx;
    const eg_export_column *column; /* fn's shortcut (sysexport.h), or NULL */
    char buf[EG_EXPORT_MAX_FIELDS][EG_EXPORT_MAX_FIELD + 1];   /* libcsv's fields */
    const char *field[EG_EXPORT_MAX_FIELDS];    /* buf, or the fast path's text */
    size_t len[EG_EXPORT_MAX_FIELDS];
    size_t n;
    int overflow;
    long row;               /* the row being read */
    long delivered;         /* rows handed to fn */
    int last_term;
    int stop;
} export_reader;

/* 1 when the file open as fd starts as gzip does, 0 when it does not,
 * -1 when its first bytes cannot be read (errno says why). */
int eg_export_is_gzip(int fd);

/* The text of a gzip stream, inflated by the same gzread calls whatever
 * the threads (sysexport_inflate.c): with jobs > 1 by a thread of its own,
 * a few slots ahead of the reader; else by the reader as it needs it. */
typedef struct export_inflater export_inflater;

/* NULL when memory ran out.  gz stays the caller's, to close after
 * eg_inflater_free (and to ask gzerror once a read said the end). */
export_inflater *eg_inflater_new(gzFile gz, int jobs);

/* As gzread(gz, buf, n): n bytes unless the stream ends first, then 0 at
 * its end or -1 on an error (errno as gzread left it). */
int eg_inflater_read(export_inflater *z, char *buf, size_t n);

/* Stops the thread (where it is inflating ahead, it finishes its call
 * first) and frees z; NULL is nothing. */
void eg_inflater_free(export_inflater *z);

/* Where the bytes come from. */
typedef struct {
    gzFile gz;                  /* the whole file through zlib, or NULL: */
    export_inflater *z;         /*   inflated through this; */
    int fd;                     /* a plain file's bytes [pos, end) */
    long long pos, end;
} export_source;

/* The bitmaps of text s[0..len) up to its first quote or NUL byte: bit i
 * of word i / 64 is set in sep when s[i] ends a field (',' or a record
 * end), in eol when it ends a record ('\n' or '\r'), in blank when it is
 * a space or a tab.  *quote is set to the offset of the first '"' or
 * '\0' of the text, or to len when it has neither; no bit is set from
 * there on.  (A NUL is data to libcsv, but it ends the C string a row's
 * field is: the fast path leaves such text to libcsv, as a quote.)  Reads up to 63
 * bytes past s + len (what they hold counts for nothing).  Returns the
 * words written, (*quote + 63) / 64. */
size_t eg_export_classify(const char *s, size_t len, uint64_t *sep, uint64_t *eol,
                          uint64_t *blank, size_t *quote);

/* The ways of making them: the tests compare them.  _use forces one (the
 * best the processor has below it when it lacks it) and returns what was
 * forced; _has says whether the processor has it; _which, the way the
 * bitmaps are made now. */
enum {
    EG_CLASSIFY_AUTO, EG_CLASSIFY_SCALAR, EG_CLASSIFY_SSE2, EG_CLASSIFY_AVX2, EG_CLASSIFY_AVX512
};
int eg_export_classify_use(int which);
int eg_export_classify_has(int which);
int eg_export_classify_which(void);

/* 1 when the processor counts a word's bits in one instruction (x86's
 * POPCNT; elsewhere, 1): the shortcut of sysexport.c needs it, and is not
 * taken without it. */
int eg_export_has_popcnt(void);

/* One reader: the fast path, then libcsv. */
typedef struct {
    export_reader r;
    struct csv_parser p;
    int p_ready;
    char *chunk;
    uint64_t *sep, *eol, *blank; /* the chunk's bitmaps (eg_export_classify) */
    size_t have;                /* an unfinished line kept at chunk's start */
    int fast;                   /* still on the fast path */
    int first;                  /* the file's first bytes come next (a BOM) */
    long long total;            /* bytes read */
    int rc;
    eg_diag_list dl;            /* a part's own problems, joined with it */
} export_parser;

/* A reader handing rows to fn with ctx; fast: starting on the fast path;
 * first: at the file's start (a BOM is skipped).  NULL without memory. */
export_parser *eg_export_parser_new(eg_export_fn fn, void *ctx, int fast, int first);
void eg_export_parser_free(export_parser *ps);
/* Frees ps's chunk and bitmaps while it waits (its part read, between
 * records: nothing kept in the chunk); eg_export_parse makes them anew
 * should it read on. */
void eg_export_parser_rest(export_parser *ps);

/* Reads src into ps; final: src ends the file (its last line and
 * csv_fini).  Problems go to dl.  0, or -1 when the rest cannot be read. */
int eg_export_parse(export_parser *ps, export_source *src, int final, const char *path, const char *display,
                    eg_diag_list *dl);

/* 1 when ps stands between two records with nothing pending: the next
 * byte starts a record whoever reads it. */
int eg_export_at_boundary(const export_parser *ps);

/* The whole file by one reader, zlib deciding whether it is gzip;
 * column: fn's shortcut, or NULL; jobs > 1: a gzip stream is inflated by
 * a thread of its own beside the reader. */
int eg_export_read_whole(const char *path, const char *display, eg_export_fn fn,
                         const eg_export_column *column, void *ctx, long long *bytes,
                         eg_diag_list *dl, int allow_fast, int jobs);

/* The E_SYSTEM_READ of a file that cannot be opened (errno), or of memory
 * running out. */
void eg_export_open_failed(const char *display, eg_diag_list *dl);
void eg_export_no_memory(const char *display, eg_diag_list *dl);

#endif
