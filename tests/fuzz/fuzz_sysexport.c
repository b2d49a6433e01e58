/*
 * fuzz_sysexport.c - the system exports' fast path against libcsv.
 *
 * The input is written as a plain file and read twice: by eg_export_read
 * (the hand-written scanner where it applies, libcsv from the first quote
 * on) and by eg_export_read_libcsv (libcsv alone).  Every row handed on
 * (its number, fields and overflow flag), the bytes counted and the
 * diagnostics must be the same; any difference aborts.  The first byte,
 * when it is below 4, makes the reader stop after that many rows (the
 * callback's "stop"), so that stopping is compared too.
 */
#include "fuzz.h"

#include "core/diag.h"
#include "extract/sysexport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    char *buf;
    size_t n, cap;
    long rows;
    long stop_after;
} sx_trace;

static void sx_put(sx_trace *t, const char *s, size_t len)
{
    if (t->n + len + 1 > t->cap) {
        t->cap = (t->n + len + 1) * 2;
        t->buf = eg_xrealloc(t->buf, t->cap);
    }
    memcpy(t->buf + t->n, s, len);
    t->n += len;
    t->buf[t->n] = '\0';
}

static int sx_on_row(void *ctx, const eg_export_row *row)
{
    sx_trace *t = ctx;
    char head[64];

    snprintf(head, sizeof head, "\x1e%ld%s:%zu", row->row, row->overflow ? "!" : "", row->n);
    sx_put(t, head, strlen(head));
    for (size_t i = 0; i < row->n; i++) {
        sx_put(t, "\x1f", 1);
        sx_put(t, row->field[i], strlen(row->field[i]));
    }
    t->rows++;
    return t->stop_after && t->rows == t->stop_after;
}

static void sx_diags(sx_trace *t, const eg_diag_list *dl)
{
    for (size_t i = 0; i < dl->n; i++) {
        const eg_diag *d = &dl->items[i];
        char *s = eg_xasprintf("\x1d%s %s %ld %d %s", eg_severity_name(d->severity), d->code,
                               d->row, d->col, d->message);

        sx_put(t, s, strlen(s));
        free(s);
    }
}

/* Reads path both ways; returns 1 when they agree (the traces are left
 * in a and b for the caller to show), 0 otherwise. */
static int sx_compare(const char *path, long stop_after, sx_trace *a, sx_trace *b)
{
    eg_diag_list da, db;
    long long ba = -1, bb = -2;
    int ra, rb;

    memset(&da, 0, sizeof da);
    memset(&db, 0, sizeof db);
    memset(a, 0, sizeof *a);
    memset(b, 0, sizeof *b);
    a->stop_after = b->stop_after = stop_after;
    sx_put(a, "", 0);
    sx_put(b, "", 0);
    ra = eg_export_read(path, "x.csv", sx_on_row, a, &ba, &da);
    rb = eg_export_read_libcsv(path, "x.csv", sx_on_row, b, &bb, &db);
    sx_diags(a, &da);
    sx_diags(b, &db);
    eg_diag_free(&da);
    eg_diag_free(&db);
    return ra == rb && ba == bb && a->n == b->n && memcmp(a->buf, b->buf, a->n) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    long stop_after = size && data[0] < 4 ? data[0] : 0;
    char *path = fuzz_write("export.csv", data, size);
    sx_trace a, b;

    if (!sx_compare(path, stop_after, &a, &b)) {
        fprintf(stderr, "fuzz_sysexport: the fast path differs from libcsv\nfast:   %s\nlibcsv: %s\n",
                a.buf, b.buf);
        abort();
    }
    free(a.buf);
    free(b.buf);
    free(path);
    return 0;
}
