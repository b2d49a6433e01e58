/*
 * fuzz_sysexport.c - the system exports' fast path and split reading
 * against libcsv.
 *
 * The input is written as a plain file and read three ways: by
 * eg_export_read (the hand-written scanner where it applies, libcsv from
 * the first quote on), by eg_export_read_split (parts of a few bytes read
 * by 2 to 4 threads, joined in order) and by eg_export_read_libcsv
 * (libcsv alone).  Every row handed on (its number, fields, overflow
 * flag and whether it is the last without a line end), the bytes counted
 * and the diagnostics must be the same; any difference aborts.  The
 * first byte, when it is below 4, makes the reader stop after that many
 * rows (the callback's "stop"), so that stopping is
 * compared too (the split reading only with 1: a part cannot know how many
 * rows came before it).  The input's size picks the way the separators are
 * found (a byte at a time, SSE2 or AVX2; sysexport_scan.c), so that each
 * is compared with libcsv.
 *
 * Without a stop, the input is read twice more with a shortcut
 * (eg_export_column, armed on the first row, for its last, first or
 * middle field, or its last with a hint of that field's length: 19, the
 * header's own, or 57, past what the hint's window holds), whole and
 * split: a record the shortcut took must be one
 * libcsv reads as a row of the header's width, no field empty, at most
 * EG_EXPORT_MAX_FIELD bytes, with that field's bytes; the shortcut gives
 * back the records whose field starts with an odd byte, and those, as
 * every other row, must come as libcsv gives them, with their numbers.
 * The traces compared are strings; a field's bytes that are their
 * separators (0x1d to 0x1f) are escaped in them, and the shortcut's rows
 * are put back from libcsv's fields as they came.
 *
 * Then the input is gzipped and read with 2 threads (one inflating beside
 * the reader) and with 1: the same trace, and, when the stream is whole,
 * that of the plain file; a stream damaged in one byte (the second input
 * byte odd) must give the same rows and error either way.
 */
#include "fuzz.h"

#include <stdatomic.h>
#include <zlib.h>

#include "core/diag.h"
#include "extract/sysexport.h"
#include "extract/sysexport_priv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    long row;
    char *text;             /* "!" when overflowing, "$" when the file's last row
                             * without a line end, then the fields (escaped) */
    char **field;           /* libcsv's fields as they came (n_field) */
    size_t n_field;
    int shortcut;           /* taken by the shortcut: text is its field, as it came */
} sx_row;

typedef struct {
    sx_row *rows;
    size_t n, cap;
    long stop_after;
    eg_export_column *column;   /* armed on the first row (the reading's own ctx) */
    int pick;                   /* its field: 0 the last, 1 the first, 2 the middle;
                                 * 3 to 5 the last, with a hint of its length:
                                 * 19, the header's, 57 */
} sx_trace;

static sx_row *sx_next(sx_trace *t)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->rows = eg_xrealloc(t->rows, t->cap * sizeof *t->rows);
    }
    memset(&t->rows[t->n], 0, sizeof t->rows[t->n]);
    return &t->rows[t->n++];
}

/* A field's bytes at p, the trace's own separators (0x1d, 0x1e, 0x1f)
 * and the backslash escaped, so that a field holding one of them is not
 * read as two; the end of what was written. */
static char *sx_escape(char *p, const char *field)
{
    for (; *field; field++) {
        unsigned char c = (unsigned char)*field;

        if (c == '\\' || (c >= 0x1d && c <= 0x1f))
            p += sprintf(p, "\\%02x", c);
        else
            *p++ = (char)c;
    }
    *p = '\0';
    return p;
}

static int sx_on_row(void *ctx, const eg_export_row *row)
{
    sx_trace *t = ctx;
    size_t len = 16;
    char *s, *p, **field = eg_xcalloc(row->n + 1, sizeof *field);

    for (size_t i = 0; i < row->n; i++) {
        len += 3 * strlen(row->field[i]) + 1;
        field[i] = eg_xstrdup(row->field[i]);
    }
    p = s = eg_xmalloc(len);
    p += sprintf(p, "%s%s%zu", row->overflow ? "!" : "", row->unended ? "$" : "", row->n);
    for (size_t i = 0; i < row->n; i++) {
        *p++ = '\x1f';
        p = sx_escape(p, row->field[i]);
    }
    if (t->column && !t->column->width && t->n == 0) {
        size_t last = row->n - 1;

        t->column->col = t->pick == 1 ? 0 : t->pick == 2 ? row->n / 2 : last;
        t->column->len = t->pick == 3 ? 19 : t->pick == 4 ? row->len[last] : t->pick == 5 ? 57 : 0;
        t->column->width = row->n;
    }
    {
        sx_row *r = sx_next(t);

        r->row = row->row;
        r->text = s;
        r->field = field;
        r->n_field = row->n;
    }
    return t->stop_after && (long)t->n == t->stop_after;
}

/* Records the shortcut took and gave back: the tests check that both
 * happened. */
static atomic_long sx_taken, sx_given;   /* the parts' threads count too */

/* The shortcut: keeps the field, or gives the record back when the
 * field's first byte is odd. */
static int sx_on_field(void *ctx, const char *s, size_t len)
{
    sx_trace *t = ctx;
    sx_row *r;

    if (len && ((unsigned char)s[0] & 1)) {
        sx_given++;
        return 1;
    }
    sx_taken++;
    r = sx_next(t);
    r->text = eg_xmalloc(len + 1);
    memcpy(r->text, s, len);
    r->text[len] = '\0';
    if (memchr(s, '\0', len)) {         /* no row of libcsv's is that */
        free(r->text);
        r->text = eg_xstrdup("(a NUL)");
    }
    r->shortcut = 1;
    return 0;
}

static void sx_free(sx_trace *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->rows[i].text);
        for (size_t k = 0; k < t->rows[i].n_field; k++)
            free(t->rows[i].field[k]);
        free(t->rows[i].field);
    }
    free(t->rows);
    free(t);
}

/* How many parts were joined and dropped: the tests check that both
 * ways were taken. */
static long sx_joins, sx_drops;

static void *sx_fork(void *ctx)
{
    (void)ctx;
    return eg_xcalloc(1, sizeof(sx_trace));
}

static void sx_join(void *ctx, void *part, long rows_before)
{
    sx_trace *t = ctx, *p = part;

    for (size_t i = 0; i < p->n; i++) {
        sx_row *r = sx_next(t);

        *r = p->rows[i];
        if (!r->shortcut)
            r->row += rows_before;
    }
    p->n = 0;
    sx_free(p);
    sx_joins++;
}

static void sx_drop(void *part)
{
    sx_drops++;
    sx_free(part);
}

/* The whole trace of a reading as one string: rows, rc, bytes (those read
 * to the end; after an error they depend on the reading), problems. */
static char *sx_dump(const sx_trace *t, int rc, long long bytes, const eg_diag_list *dl)
{
    size_t len = 64, at;
    char *s;

    for (size_t i = 0; i < t->n; i++)
        len += strlen(t->rows[i].text) + 32;
    for (size_t i = 0; i < dl->n; i++)
        len += strlen(dl->items[i].message) + strlen(dl->items[i].code) + 64;
    s = eg_xmalloc(len);
    at = (size_t)sprintf(s, "rc=%d bytes=%lld", rc, rc == 0 ? bytes : 0);
    for (size_t i = 0; i < t->n; i++)
        at += (size_t)sprintf(s + at, "\x1e%ld:%s", t->rows[i].row, t->rows[i].text);
    for (size_t i = 0; i < dl->n; i++) {
        const eg_diag *d = &dl->items[i];

        at += (size_t)sprintf(s + at, "\x1d%s %s %ld %d %s", eg_severity_name(d->severity),
                              d->code, d->row, d->col, d->message);
    }
    return s;
}

enum { SX_FAST, SX_LIBCSV, SX_SPLIT, SX_SHORTCUT };

/* One reading, its trace kept (with its shortcut's width and field in
 * *column when how is SX_SHORTCUT: the split reading, or the whole one
 * when jobs is 1, with the shortcut on the field pick says). */
static sx_trace *sx_collect(const char *path, int how, long stop_after, int jobs,
                            long long part_size, int pick, eg_export_column *column, int *rc,
                            long long *bytes, eg_diag_list *dl)
{
    sx_trace *t = eg_xcalloc(1, sizeof *t);

    t->stop_after = stop_after;
    *bytes = -1;
    if (how == SX_FAST) {
        *rc = eg_export_read(path, "x.csv", sx_on_row, t, bytes, dl);
    } else if (how == SX_LIBCSV) {
        *rc = eg_export_read_libcsv(path, "x.csv", sx_on_row, t, bytes, dl);
    } else {
        eg_export_split sp = { sx_on_row, sx_fork, sx_join, sx_drop, jobs, part_size, NULL };

        if (how == SX_SHORTCUT) {
            column->width = column->col = column->len = 0;
            column->fn = sx_on_field;
            t->column = column;
            t->pick = pick;
            sp.column = column;
        }
        *rc = eg_export_read_split(path, "x.csv", &sp, t, bytes, dl);
    }
    return t;
}

static char *sx_read(const char *path, int how, long stop_after, int jobs, long long part_size,
                     int with_bytes)
{
    eg_diag_list dl;
    long long bytes;
    int rc;
    sx_trace *t;
    char *s;

    memset(&dl, 0, sizeof dl);
    t = sx_collect(path, how, stop_after, jobs, part_size, 0, NULL, &rc, &bytes, &dl);
    s = sx_dump(t, rc, with_bytes ? bytes : 0, &dl);
    eg_diag_free(&dl);
    sx_free(t);
    return s;
}

/* The rows the shortcut took, put back as the libcsv rows they stand for
 * when each is one the shortcut may take (ref's row in the same place:
 * of the width, not overflowing, no field empty, at most
 * EG_EXPORT_MAX_FIELD bytes) with the same field; a row that is not
 * stays marked, and the traces then differ. */
static void sx_put_back(sx_trace *got, const sx_trace *ref, const eg_export_column *column)
{
    for (size_t i = 0; i < got->n && i < ref->n; i++) {
        sx_row *g = &got->rows[i];
        const sx_row *r = &ref->rows[i];
        size_t all = 0;
        int empty = 0;

        if (!g->shortcut)
            continue;
        for (size_t k = 0; k < r->n_field; k++) {
            size_t n = strlen(r->field[k]);

            all += n;
            empty |= n == 0;
        }
        if (r->text[0] != '!' && r->n_field == column->width && column->col < r->n_field &&
            !empty && all + r->n_field - 1 <= EG_EXPORT_MAX_FIELD &&
            strcmp(r->field[column->col], g->text) == 0) {
            free(g->text);
            g->text = eg_xstrdup(r->text);
            g->row = r->row;
            g->shortcut = 0;
        } else {
            char *marked = eg_xmalloc(strlen("shortcut:") + 3 * strlen(g->text) + 1);

            sx_escape(stpcpy(marked, "shortcut:"), g->text);
            free(g->text);
            g->text = marked;
        }
    }
}

/* The shortcut's reading (whole when jobs is 1) against libcsv's; NULL
 * when they agree. */
static const char *sx_shortcut_differs(const char *path, int jobs, long long part_size, int pick,
                                       char **got, char **want)
{
    eg_diag_list dl_ref, dl_got;
    eg_export_column column;
    long long b_ref, b_got;
    int rc_ref, rc_got;
    sx_trace *ref, *t;

    memset(&dl_ref, 0, sizeof dl_ref);
    memset(&dl_got, 0, sizeof dl_got);
    ref = sx_collect(path, SX_LIBCSV, 0, 1, 0, 0, NULL, &rc_ref, &b_ref, &dl_ref);
    t = sx_collect(path, SX_SHORTCUT, 0, jobs, part_size, pick, &column, &rc_got, &b_got, &dl_got);
    sx_put_back(t, ref, &column);
    *want = sx_dump(ref, rc_ref, b_ref, &dl_ref);
    *got = sx_dump(t, rc_got, b_got, &dl_got);
    eg_diag_free(&dl_ref);
    eg_diag_free(&dl_got);
    sx_free(ref);
    sx_free(t);
    if (strcmp(*got, *want) != 0)
        return jobs == 1 ? "the shortcut" : "the shortcut, split";
    free(*got);
    free(*want);
    *got = *want = NULL;
    return NULL;
}

/* Reads path the three ways (five without a stop: the shortcut whole and
 * split); NULL when they agree, else which one differs from libcsv, with
 * both traces in *got and *want (to be freed). */
static const char *sx_differs(const char *path, long stop_after, int jobs, long long part_size,
                              char **got, char **want)
{
    long split_stop = stop_after == 1 ? 1 : 0;
    char *ref = sx_read(path, SX_LIBCSV, stop_after, 1, 0, 1);
    char *fast = sx_read(path, SX_FAST, stop_after, 1, 0, 1);
    char *ref_split, *split;
    const char *which;

    if (strcmp(fast, ref) != 0) {
        *got = fast;
        *want = ref;
        return "the fast path";
    }
    free(fast);
    free(ref);
    /* A stopped split reading has read whole parts: its bytes differ. */
    ref_split = sx_read(path, SX_LIBCSV, split_stop, 1, 0, !split_stop);
    split = sx_read(path, SX_SPLIT, split_stop, jobs, part_size, !split_stop);
    if (strcmp(split, ref_split) != 0) {
        *got = split;
        *want = ref_split;
        return "the split reading";
    }
    free(split);
    free(ref_split);
    *got = *want = NULL;
    if (stop_after)
        return NULL;
    which = sx_shortcut_differs(path, 1, 0, (int)(part_size % 6), got, want);
    if (!which)
        which = sx_shortcut_differs(path, jobs, part_size, (int)(part_size / 6 % 6), got, want);
    return which;
}

/* The input gzipped (and, when its second byte is odd, damaged: one byte
 * of the stream flipped where its third byte says): read with 2 threads,
 * one inflating beside the reader, it must give what 1 gives, and, when
 * whole, what the plain file gives.  NULL when they agree. */
static const char *sx_gzip_differs(const char *plain, const uint8_t *data, size_t size,
                                   long stop_after, char **got, char **want)
{
    uLongf n = compressBound((uLong)size) + 32;
    uint8_t *gz = eg_xmalloc(n);
    z_stream zs;
    char *path;
    int damaged = size > 2 && (data[1] & 1);

    /* a gzip member (windowBits 31), as the exports come */
    memset(&zs, 0, sizeof zs);
    if (deflateInit2(&zs, 1, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        abort();
    zs.next_in = (Bytef *)data;
    zs.avail_in = (uInt)size;
    zs.next_out = gz;
    zs.avail_out = (uInt)n;
    if (deflate(&zs, Z_FINISH) != Z_STREAM_END)
        abort();
    n = zs.total_out;
    deflateEnd(&zs);
    if (damaged)
        gz[10 + (n - 10) * data[2] / 256] ^= 0x5a;    /* past the 10-byte header */
    path = fuzz_write("export.csv.gz", gz, n);
    free(gz);
    *got = sx_read(path, SX_SPLIT, stop_after, 2, 0, 1);
    *want = sx_read(path, SX_SPLIT, stop_after, 1, 0, 1);
    free(path);
    if (strcmp(*got, *want) != 0)
        return "the gzip inflated by a thread";
    if (damaged) {
        free(*got);
        free(*want);
        *got = *want = NULL;
        return NULL;
    }
    free(*want);
    *want = sx_read(plain, SX_FAST, stop_after, 1, 0, 1);
    if (strcmp(*got, *want) != 0)
        return "the gzip";
    free(*got);
    free(*want);
    *got = *want = NULL;
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int classifiers[] = { EG_CLASSIFY_SCALAR, EG_CLASSIFY_SSE2, EG_CLASSIFY_AVX2,
                                       EG_CLASSIFY_AVX512 };
    long stop_after = size && data[0] < 4 ? data[0] : 0;
    char *path = fuzz_write("export.csv", data, size);
    char *got, *want;
    int was = eg_export_classify_use(classifiers[size / 7 % 4]);
    const char *which = sx_differs(path, stop_after, 2 + (int)(size % 3),
                                   1 + (long long)(size / 3 % 16), &got, &want);

    if (!which)
        which = sx_gzip_differs(path, data, size, stop_after, &got, &want);
    eg_export_classify_use(was);
    if (which) {
        fprintf(stderr, "fuzz_sysexport: %s differs from libcsv (separators found by way %d)\n"
                "%s:   %s\nlibcsv: %s\n", which, classifiers[size / 7 % 4], which, got, want);
        abort();
    }
    free(path);
    return 0;
}
