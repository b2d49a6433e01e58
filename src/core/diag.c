#include "core/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

const char *eg_severity_name(eg_severity sev)
{
    switch (sev) {
    case EG_WARNING: return "warning";
    case EG_ERROR: return "error";
    case EG_FATAL: return "fatal";
    }
    return "error";
}

void eg_diag_add(eg_diag_list *dl, eg_severity sev, const char *code,
                 const char *file, long row, int col,
                 const char *unit, const char *indicator,
                 const char *fmt, ...)
{
    eg_diag *d;
    va_list ap;

    if (dl->n == dl->cap) {
        dl->cap = dl->cap ? dl->cap * 2 : 64;
        dl->items = eg_xrealloc(dl->items, dl->cap * sizeof *dl->items);
    }
    d = &dl->items[dl->n];
    memset(d, 0, sizeof *d);
    d->severity = sev;
    d->code = eg_xstrdup(code);
    d->file = file ? eg_xstrdup(file) : NULL;
    d->row = row;
    d->col = col;
    d->unit = unit && *unit ? eg_xstrdup(unit) : NULL;
    d->indicator = indicator && *indicator ? eg_xstrdup(indicator) : NULL;
    va_start(ap, fmt);
    d->message = eg_xvasprintf(fmt, ap);
    va_end(ap);
    d->seq = dl->n++;
    switch (sev) {
    case EG_WARNING: dl->n_warning++; break;
    case EG_ERROR: dl->n_error++; break;
    case EG_FATAL: dl->n_fatal++; break;
    }
    if (dl->echo && sev == EG_FATAL) {
        eg_diag_list one = { .items = d, .n = 1 };
        eg_diag_print(&one, stderr, EG_FATAL);
    }
}

static int cmp_str(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

static int cmp_diag(const void *pa, const void *pb)
{
    const eg_diag *a = pa, *b = pb;
    int c = cmp_str(a->file, b->file);

    if (c)
        return c;
    if (a->row != b->row)
        return a->row < b->row ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void eg_diag_sort(eg_diag_list *dl)
{
    if (dl->n > 1)
        qsort(dl->items, dl->n, sizeof *dl->items, cmp_diag);
}

void eg_diag_print(const eg_diag_list *dl, void *file_stream, int min_severity)
{
    FILE *f = file_stream;

    for (size_t i = 0; i < dl->n; i++) {
        const eg_diag *d = &dl->items[i];

        if ((int)d->severity < min_severity)
            continue;
        if (d->file) {
            fputs(d->file, f);
            if (d->row > 0) {
                fprintf(f, ":%ld", d->row);
                if (d->col > 0)
                    fprintf(f, ":%d", d->col);
            }
            fputs(": ", f);
        } else {
            fputs("egreport: ", f);
        }
        fprintf(f, "%s: %s [%s]\n", eg_severity_name(d->severity),
                d->message, d->code);
    }
}

void eg_diag_move(eg_diag_list *dl, eg_diag_list *from, long row_shift, size_t max)
{
    for (size_t i = 0; i < from->n && i < max; i++) {
        const eg_diag *d = &from->items[i];

        eg_diag_add(dl, d->severity, d->code, d->file, d->row ? d->row + row_shift : 0, d->col,
                    d->unit, d->indicator, "%s", d->message);
    }
    eg_diag_free(from);
}

void eg_diag_free(eg_diag_list *dl)
{
    for (size_t i = 0; i < dl->n; i++) {
        free(dl->items[i].code);
        free(dl->items[i].file);
        free(dl->items[i].unit);
        free(dl->items[i].indicator);
        free(dl->items[i].message);
    }
    free(dl->items);
    memset(dl, 0, sizeof *dl);
}
