/*
 * fuzz_sysexport.c - the system exports' fast path and split reading
 * against libcsv.
 *
 * The input is written as a plain file and read three ways: by
 * eg_export_read (the hand-written scanner where it applies, libcsv from
 * the first quote on), by eg_export_read_split (parts of a few bytes read
 * by 2 to 4 threads, joined in order) and by eg_export_read_libcsv
 * (libcsv alone).  Every row handed on (its number, fields and overflow
 * flag), the bytes counted and the diagnostics must be the same; any
 * difference aborts.  The first byte, when it is below 4, makes the reader
 * stop after that many rows (the callback's "stop"), so that stopping is
 * compared too (the split reading only with 1: a part cannot know how many
 * rows came before it).  The input's size picks the way the separators are
 * found (a byte at a time, SSE2 or AVX2; sysexport_scan.c), so that each
 * is compared with libcsv.
 */
#include "fuzz.h"

#include "core/diag.h"
#include "extract/sysexport.h"
#include "extract/sysexport_priv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    long row;
    char *text;             /* "!" when overflowing, then the fields */
} sx_row;

typedef struct {
    sx_row *rows;
    size_t n, cap;
    long stop_after;
} sx_trace;

static int sx_on_row(void *ctx, const eg_export_row *row)
{
    sx_trace *t = ctx;
    size_t len = 16;
    char *s, *p;

    for (size_t i = 0; i < row->n; i++)
        len += strlen(row->field[i]) + 1;
    p = s = eg_xmalloc(len);
    p += sprintf(p, "%s%zu", row->overflow ? "!" : "", row->n);
    for (size_t i = 0; i < row->n; i++)
        p += sprintf(p, "\x1f%s", row->field[i]);
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->rows = eg_xrealloc(t->rows, t->cap * sizeof *t->rows);
    }
    t->rows[t->n].row = row->row;
    t->rows[t->n++].text = s;
    return t->stop_after && (long)t->n == t->stop_after;
}

static void sx_free(sx_trace *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->rows[i].text);
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
        if (t->n == t->cap) {
            t->cap = t->cap ? t->cap * 2 : 16;
            t->rows = eg_xrealloc(t->rows, t->cap * sizeof *t->rows);
        }
        t->rows[t->n].row = p->rows[i].row + rows_before;
        t->rows[t->n++].text = p->rows[i].text;
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

enum { SX_FAST, SX_LIBCSV, SX_SPLIT };

static char *sx_read(const char *path, int how, long stop_after, int jobs, long long part_size,
                     int with_bytes)
{
    sx_trace *t = eg_xcalloc(1, sizeof *t);
    eg_diag_list dl;
    long long bytes = -1;
    int rc;
    char *s;

    memset(&dl, 0, sizeof dl);
    t->stop_after = stop_after;
    if (how == SX_FAST) {
        rc = eg_export_read(path, "x.csv", sx_on_row, t, &bytes, &dl);
    } else if (how == SX_LIBCSV) {
        rc = eg_export_read_libcsv(path, "x.csv", sx_on_row, t, &bytes, &dl);
    } else {
        eg_export_split sp = { sx_on_row, sx_fork, sx_join, sx_drop, jobs, part_size };

        rc = eg_export_read_split(path, "x.csv", &sp, t, &bytes, &dl);
    }
    s = sx_dump(t, rc, with_bytes ? bytes : 0, &dl);
    eg_diag_free(&dl);
    sx_free(t);
    return s;
}

/* Reads path the three ways; NULL when they agree, else which one differs
 * from libcsv, with both traces in *got and *want (to be freed). */
static const char *sx_differs(const char *path, long stop_after, int jobs, long long part_size,
                              char **got, char **want)
{
    long split_stop = stop_after == 1 ? 1 : 0;
    char *ref = sx_read(path, SX_LIBCSV, stop_after, 1, 0, 1);
    char *fast = sx_read(path, SX_FAST, stop_after, 1, 0, 1);
    char *ref_split, *split;

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

    eg_export_classify_use(was);
    if (which) {
        fprintf(stderr, "fuzz_sysexport: %s differs from libcsv (separators found by way %d)\n"
                "%s:   %s\nlibcsv: %s\n", which, classifiers[size / 7 % 4], which, got, want);
        abort();
    }
    free(path);
    return 0;
}
