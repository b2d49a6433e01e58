/*
 * sysexport.c - a system export, plain or gzip, streamed through libcsv.
 *
 * zlib's gzread reads a plain file as it is and a gzip file decompressed,
 * so both take the same path.  Memory: the decompression buffer, one
 * chunk of text, libcsv's field buffer (capped) and the row being built.
 *
 * The fast path.  libcsv is the reference parser; but an export is
 * nearly always plain ASCII without a quote, where a record is a line and
 * a field what lies between commas.  For a plain (not gzip) file, whole
 * lines without a quote are cut by hand (memchr) and handed to the very
 * callbacks libcsv calls, exactly as libcsv would call them: '\r' and
 * '\n' each end a record (CSV_REPALL_NL), an unquoted field loses its
 * leading and trailing spaces and tabs, a line of nothing but spaces has
 * no field, a last line without an end is ended by csv_fini.  From the
 * first line that holds a quote (or is longer than FAST_LINE) to the end
 * of the file, libcsv parses, starting at that line, which is a record
 * boundary since no quote came before.  tests/unit/test_sysexport.c and
 * tests/fuzz/fuzz_sysexport.c compare the two paths row by row.
 */
#include "extract/sysexport.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define CHUNK (256 * 1024)
/* Lines longer than this go to libcsv (its field cap, 64 KiB, stays the
 * judge of what is too long). */
#define FAST_LINE (16 * 1024)

/* libcsv grows its field buffer through this: a field past the cap is an
 * unclosed quote swallowing the file, and is refused (CSV_ENOMEM). */
static void *capped_realloc(void *p, size_t n)
{
    if (n > 64 * 1024)
        return NULL;
    return realloc(p, n);
}

typedef struct {
    eg_export_fn fn;
    void *ctx;
    char buf[EG_EXPORT_MAX_FIELDS][EG_EXPORT_MAX_FIELD + 1];
    const char *field[EG_EXPORT_MAX_FIELDS];
    size_t n;
    int overflow;
    long row;               /* the row being read */
    int last_term;
    int stop;
} reader;

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;

    if (r->stop)
        return;
    if (r->n == EG_EXPORT_MAX_FIELDS) {
        r->overflow = 1;
        return;
    }
    if (len > EG_EXPORT_MAX_FIELD) {
        r->overflow = 1;
        len = EG_EXPORT_MAX_FIELD;
    }
    if (len)
        memcpy(r->buf[r->n], s, len);
    r->buf[r->n][len] = '\0';
    r->n++;
}

static void on_record(int c, void *data)
{
    reader *r = data;

    /* With CSV_REPALL_NL the '\n' of a CRLF comes as a record of its own. */
    if (r->n == 0 && !r->overflow && c == '\n' && r->last_term == '\r') {
        r->last_term = c;
        return;
    }
    r->last_term = c;
    if (!r->stop && (r->n || r->overflow)) {
        eg_export_row row = { r->row, r->n, r->field, r->overflow };

        if (r->fn(r->ctx, &row))
            r->stop = 1;
    }
    if (!(c == -1 && r->n == 0 && !r->overflow))
        r->row++;
    r->n = 0;
    r->overflow = 0;
}

static int is_blank(int c)
{
    return c == ' ' || c == '\t';
}

/* One record [s, e) without a quote, ended by c ('\r', '\n', or -1 at the
 * end of the file): the callbacks libcsv would make. */
static void fast_record(const char *s, const char *e, int c, reader *r)
{
    const char *p = s;

    while (p < e && is_blank((unsigned char)*p))
        p++;
    if (p == e) {
        /* Nothing but blanks: libcsv never began a row; it reports the
         * line end alone (CSV_REPALL_NL) and nothing at the file's end. */
        if (c != -1)
            on_record(c, r);
        return;
    }
    for (;;) {
        const char *comma = memchr(p, ',', (size_t)(e - p));
        const char *end = comma ? comma : e;
        const char *a = p, *b = end;

        while (a < b && is_blank((unsigned char)*a))
            a++;
        while (b > a && is_blank((unsigned char)b[-1]))
            b--;
        on_field((void *)a, (size_t)(b - a), r);
        if (!comma)
            break;
        p = comma + 1;
    }
    on_record(c, r);
}

/* Parses the whole records of [s, s + len) by hand, up to the first line
 * holding a quote or longer than FAST_LINE.  Returns the bytes consumed
 * (always up to a record boundary); *stop is set when the rest must go to
 * libcsv. */
static size_t fast_chunk(const char *s, size_t len, reader *r, int *stop)
{
    const char *p = s, *end = s + len;
    const char *quote = memchr(s, '"', len);

    while (p < end && !r->stop) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *cr, *t;

        if (!nl)
            break;                      /* an unfinished line: the next chunk */
        if ((quote && quote < nl) || nl - p > FAST_LINE) {
            *stop = 1;
            break;
        }
        /* '\r' ends a record too: CRLF gives an empty record that
         * on_record folds into the line before. */
        while (p <= nl && (cr = memchr(p, '\r', (size_t)(nl - p))) != NULL) {
            fast_record(p, cr, '\r', r);
            p = cr + 1;
        }
        t = nl;
        fast_record(p, t, '\n', r);
        p = nl + 1;
    }
    if (!*stop && (size_t)(end - p) > FAST_LINE)
        *stop = 1;                      /* a line too long for a chunk */
    return (size_t)(p - s);
}

static int export_read(const char *path, const char *display, eg_export_fn fn, void *ctx,
                       long long *bytes, eg_diag_list *dl, int allow_fast)
{
    struct csv_parser p;
    reader *r;
    gzFile gz;
    char *chunk;
    long long total = 0;
    int rc = 0, first = 1, n = 0, fast;
    size_t have = 0;

    if (bytes)
        *bytes = 0;
    gz = gzopen(path, "rb");
    if (!gz) {
        eg_diag_add(dl, EG_ERROR, "E_SYSTEM_READ", display, 0, 0, NULL, NULL,
                    "cannot open the export: %s; it was not reconciled",
                    errno ? strerror(errno) : "out of memory");
        return -1;
    }
    gzbuffer(gz, CHUNK);
    r = calloc(1, sizeof *r);
    chunk = malloc(CHUNK);
    if (!r || !chunk || csv_init(&p, CSV_REPALL_NL)) {
        free(r);
        free(chunk);
        gzclose(gz);
        eg_diag_add(dl, EG_ERROR, "E_SYSTEM_READ", display, 0, 0, NULL, NULL,
                    "out of memory reading the export; it was not reconciled");
        return -1;
    }
    csv_set_realloc_func(&p, capped_realloc);
    csv_set_free_func(&p, free);
    for (int i = 0; i < EG_EXPORT_MAX_FIELDS; i++)
        r->field[i] = r->buf[i];
    r->fn = fn;
    r->ctx = ctx;
    r->row = 1;

    /* The fast path only for a plain file: a gzip stream stays on libcsv
     * (decompression costs more than parsing there anyway). */
    fast = allow_fast && gzdirect(gz) == 1;

    /* One pass: decompress a chunk, parse it, forget it.  On the fast
     * path an unfinished last line (at most FAST_LINE bytes) is kept at
     * the chunk's start for the next read. */
    while (!r->stop && (n = gzread(gz, chunk + have, (unsigned)(CHUNK - have))) > 0) {
        const char *s = chunk;
        size_t len = have + (size_t)n;

        total += n;
        if (first && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            len -= 3;
        }
        first = 0;
        have = 0;
        if (fast) {
            int to_libcsv = 0;
            size_t used = fast_chunk(s, len, r, &to_libcsv);

            s += used;
            len -= used;
            if (!to_libcsv) {
                memmove(chunk, s, len);
                have = len;
                continue;
            }
            fast = 0;                   /* libcsv from this record on */
        }
        if (csv_parse(&p, s, len, on_field, on_record, r) != len) {
            eg_diag_add(dl, EG_ERROR, "E_SYSTEM_READ", display, r->row, (int)r->n + 1, NULL,
                        NULL,
                        "a field longer than 64 KiB (an unclosed quote?); the rest of the export was not read and it was not reconciled");
            rc = -1;
            break;
        }
    }
    if (rc == 0 && !r->stop) {
        int err;
        const char *msg = gzerror(gz, &err);

        if (n < 0 || (err != Z_OK && err != Z_STREAM_END)) {
            size_t k = strlen(path);

            /* zlib puts the path first: the message names the file already */
            if (strncmp(msg, path, k) == 0 && msg[k] == ':')
                msg += k + 1 + (msg[k + 1] == ' ');
            eg_diag_add(dl, EG_ERROR, "E_SYSTEM_READ", display, r->row, 0, NULL, NULL,
                        "cannot read the export to its end (%s); it was not reconciled",
                        err == Z_ERRNO ? strerror(errno) : msg);
            rc = -1;
        } else {
            /* The fast path's last line without its end, as libcsv ends
             * it (a quote in it: libcsv itself). */
            if (have && memchr(chunk, '"', have))
                csv_parse(&p, chunk, have, on_field, on_record, r);
            else if (have) {
                const char *q = chunk, *cr;

                while ((cr = memchr(q, '\r', (size_t)(chunk + have - q))) != NULL) {
                    fast_record(q, cr, '\r', r);
                    q = cr + 1;
                }
                fast_record(q, chunk + have, -1, r);
            }
            csv_fini(&p, on_field, on_record, r);
        }
    }
    csv_free(&p);
    gzclose(gz);
    free(chunk);
    free(r);
    if (bytes)
        *bytes = total;
    return rc;
}

int eg_export_read(const char *path, const char *display, eg_export_fn fn, void *ctx,
                   long long *bytes, eg_diag_list *dl)
{
    return export_read(path, display, fn, ctx, bytes, dl, 1);
}

int eg_export_read_libcsv(const char *path, const char *display, eg_export_fn fn, void *ctx,
                          long long *bytes, eg_diag_list *dl)
{
    return export_read(path, display, fn, ctx, bytes, dl, 0);
}
