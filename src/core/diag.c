#include "core/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/number.h"
#include "core/strmap.h"

/* Per file, code and severity: how many came, how many were not kept. */
struct eg_diag_tally {
    eg_strmap index;        /* "severity\x1fcode\x1ffile" -> entry */
    struct tally_entry {
        eg_severity sev;
        char *code, *file;
        size_t seen, unlisted;
        char *unit, *indicator;     /* of all not listed, when one; else NULL */
        int units_differ, indicators_differ;
    } *e;
    size_t n, cap;
};

static struct tally_entry *tally_of(eg_diag_list *dl, eg_severity sev, const char *code,
                                    const char *file)
{
    struct eg_diag_tally *t = dl->tally;
    char *key = eg_xasprintf("%d\x1f%s\x1f%s", (int)sev, code, file);
    int k;

    if (!t)
        t = dl->tally = eg_xcalloc(1, sizeof *t);
    k = eg_strmap_get(&t->index, key);
    if (k < 0) {
        if (t->n == t->cap) {
            t->cap = t->cap ? t->cap * 2 : 16;
            t->e = eg_xrealloc(t->e, t->cap * sizeof *t->e);
        }
        k = (int)t->n++;
        t->e[k] = (struct tally_entry){ sev, eg_xstrdup(code), eg_xstrdup(file), 0, 0,
                                        NULL, NULL, 0, 0 };
        eg_strmap_put(&t->index, key, k);
    }
    free(key);
    return &t->e[k];
}

/* *keep: what every text seen so far was, NULL when none (no text is
 * one text: "" and NULL alike), or when they differed (*differ then
 * set); differs: the text stands for texts that differed already. */
static void same_text(char **keep, int *differ, int first, const char *text, int differs)
{
    const char *t = text ? text : "";

    if (*differ)
        return;
    if (first && !differs) {
        *keep = *t ? eg_xstrdup(t) : NULL;
    } else if (differs || strcmp(*keep ? *keep : "", t) != 0) {
        free(*keep);
        *keep = NULL;
        *differ = 1;
    }
}

/* n more of e not listed, of unit and indicator (each of them standing
 * for several that differed when units_differ, indicators_differ). */
static void unlisted(struct tally_entry *e, size_t n, const char *unit, int units_differ,
                     const char *indicator, int indicators_differ)
{
    same_text(&e->unit, &e->units_differ, e->unlisted == 0, unit, units_differ);
    same_text(&e->indicator, &e->indicators_differ, e->unlisted == 0, indicator,
              indicators_differ);
    e->unlisted += n;
}

static void count(eg_diag_list *dl, eg_severity sev, size_t n)
{
    switch (sev) {
    case EG_WARNING: dl->n_warning += n; break;
    case EG_ERROR: dl->n_error += n; break;
    case EG_FATAL: dl->n_fatal += n; break;
    }
}

static void tally_free(struct eg_diag_tally *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        free(t->e[i].code);
        free(t->e[i].file);
        free(t->e[i].unit);
        free(t->e[i].indicator);
    }
    free(t->e);
    eg_strmap_free(&t->index);
    free(t);
}

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

    /* past the cap: counted, not kept (nor formatted) */
    if (dl->listed_max && file && sev != EG_FATAL) {
        struct tally_entry *e = tally_of(dl, sev, code, file);

        if (++e->seen > dl->listed_max) {
            unlisted(e, 1, unit, 0, indicator, 0);
            count(dl, sev, 1);
            return;
        }
    }
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
    count(dl, sev, 1);
}

void eg_diag_name_row(eg_diag_list *dl, const char *file, long row, int value_col,
                      const char *unit, const char *indicator)
{
    for (size_t i = dl->n; i-- > 0;) {
        eg_diag *d = &dl->items[i];

        if (d->row != row || !d->file || !file || strcmp(d->file, file) != 0)
            break;
        if (d->unit || d->more)
            continue;
        d->unit = unit && *unit ? eg_xstrdup(unit) : NULL;
        if (!d->indicator && (value_col < 0 || (d->col == value_col && value_col > 0)))
            d->indicator = indicator && *indicator ? eg_xstrdup(indicator) : NULL;
    }
}

static int cmp_str(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

int eg_diag_cmp_in_file(const eg_diag *a, const eg_diag *b)
{
    /* a file's "… N more" lines after what was listed of it */
    if ((a->more != 0) != (b->more != 0))
        return a->more ? 1 : -1;
    if (a->more) {
        int c = cmp_str(a->code, b->code);

        if (a->severity != b->severity)
            return a->severity > b->severity ? -1 : 1;
        if (c)
            return c;
    }
    if (a->row != b->row)
        return a->row < b->row ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int cmp_diag(const void *pa, const void *pb)
{
    const eg_diag *a = pa, *b = pb;
    int c = cmp_str(a->file, b->file);

    return c ? c : eg_diag_cmp_in_file(a, b);
}

void eg_diag_sort(eg_diag_list *dl)
{
    if (dl->n > 1)
        qsort(dl->items, dl->n, sizeof *dl->items, cmp_diag);
}

/* s to f, each line break in it (CR, LF, VT, FF, NEL, U+2028, U+2029)
 * as U+FFFD, as eg_display_text shows one in a file's name: a value
 * quoted in a message (a cell of two lines) split its diagnostic's line,
 * the second part without its file, row or severity.  A tab is kept. */
void eg_put_one_line(const char *s, void *file_stream)
{
    FILE *f = file_stream;
    const unsigned char *p = (const unsigned char *)s, *from = p;

    for (;;) {
        size_t k = *p == '\n' || *p == '\r' || *p == '\v' || *p == '\f' ? 1
                 : p[0] == 0xC2 && p[1] == 0x85 ? 2
                 : p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9) ? 3 : 0;

        if (!k && *p) {
            p++;
            continue;
        }
        fwrite(from, 1, (size_t)(p - from), f);
        if (!*p)
            return;
        fputs("\xEF\xBF\xBD", f);
        p += k;
        from = p;
    }
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
        fprintf(f, "%s: ", eg_severity_name(d->severity));
        eg_put_one_line(d->message, f);
        fprintf(f, " [%s]\n", d->code);
    }
}

void eg_diag_move(eg_diag_list *dl, eg_diag_list *from, long row_shift, size_t max)
{
    for (size_t i = 0; i < from->n && i < max; i++) {
        const eg_diag *d = &from->items[i];

        eg_diag_add(dl, d->severity, d->code, d->file, d->row ? d->row + row_shift : 0, d->col,
                    d->unit, d->indicator, "%s", d->message);
    }
    /* what from did not keep: counted here too, and past dl's cap */
    for (size_t i = 0; from->tally && i < from->tally->n; i++) {
        const struct tally_entry *f = &from->tally->e[i];

        if (f->unlisted) {
            struct tally_entry *e = tally_of(dl, f->sev, f->code, f->file);

            e->seen += f->unlisted;
            unlisted(e, f->unlisted, f->unit, f->units_differ, f->indicator,
                     f->indicators_differ);
            count(dl, f->sev, f->unlisted);
        }
    }
    eg_diag_free(from);
}

void eg_diag_close(eg_diag_list *dl)
{
    for (size_t i = 0; dl->tally && i < dl->tally->n; i++) {
        struct tally_entry *e = &dl->tally->e[i];
        char more[32], all[32], first[32];
        const char *kind;
        eg_diag *d;

        if (!e->unlisted)
            continue;
        if (dl->n == dl->cap) {
            dl->cap = dl->cap ? dl->cap * 2 : 64;
            dl->items = eg_xrealloc(dl->items, dl->cap * sizeof *dl->items);
        }
        eg_fmt_int(more, sizeof more, (int64_t)e->unlisted);
        eg_fmt_int(all, sizeof all, (int64_t)e->seen);
        eg_fmt_int(first, sizeof first, (int64_t)dl->listed_max);
        d = &dl->items[dl->n];
        memset(d, 0, sizeof *d);
        d->severity = e->sev;
        d->code = eg_xstrdup(e->code);
        d->file = eg_xstrdup(e->file);
        d->unit = e->unit;
        d->units_differ = e->units_differ;
        d->indicator = e->indicator;
        e->unit = e->indicator = NULL;
        e->units_differ = e->indicators_differ = 0;
        kind = e->sev == EG_WARNING ? "cảnh báo" : "lỗi";
        d->message = eg_xasprintf("còn %s %s %s khác của tệp này không được liệt kê (tổng cộng "
                                  "%s); %s %s đầu tiên đã được liệt kê", more, kind, e->code,
                                  all, first, kind);
        d->more = e->unlisted;
        d->seq = dl->n++;
        e->unlisted = 0;
    }
}

size_t eg_diag_weight(const eg_diag *d)
{
    return d->more ? d->more : 1;
}

static void uncount(eg_diag_list *dl, eg_severity sev, size_t n)
{
    switch (sev) {
    case EG_WARNING: dl->n_warning -= n; break;
    case EG_ERROR: dl->n_error -= n; break;
    case EG_FATAL: dl->n_fatal -= n; break;
    }
}

static void item_free(eg_diag *d)
{
    free(d->code);
    free(d->file);
    free(d->unit);
    free(d->indicator);
    free(d->message);
}

void eg_stderr_line(const char *fmt, ...)
{
    char line[256];
    va_list ap;
    int n;
    ssize_t w;

    va_start(ap, fmt);
    n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    w = write(STDERR_FILENO, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
    (void)w;    /* nowhere else to say it */
}

void eg_diag_rename_file(eg_diag_list *dl, const char *tmp, const char *final)
{
    size_t k = strlen(tmp);

    for (size_t i = 0; i < dl->n; i++) {
        eg_diag *d = &dl->items[i];
        char *at;

        if (d->file && strcmp(d->file, tmp) == 0) {
            free(d->file);
            d->file = eg_xstrdup(final);
        }
        /* from past each name put in, which may hold tmp itself */
        for (size_t from = 0; k && (at = strstr(d->message + from, tmp)) != NULL;) {
            size_t before = (size_t)(at - d->message);
            char *m = eg_xasprintf("%.*s%s%s", (int)before, d->message, final, at + k);

            free(d->message);
            d->message = m;
            from = before + strlen(final);
        }
    }
}

void eg_diag_drop(eg_diag_list *dl, const char *code)
{
    size_t k = 0;

    for (size_t i = 0; i < dl->n; i++) {
        eg_diag *d = &dl->items[i];

        if (strcmp(d->code, code) == 0) {
            uncount(dl, d->severity, eg_diag_weight(d));
            item_free(d);
            continue;
        }
        dl->items[k++] = *d;
    }
    dl->n = k;
    for (size_t i = 0; dl->tally && i < dl->tally->n; i++) {
        struct tally_entry *e = &dl->tally->e[i];

        if (strcmp(e->code, code) == 0) {
            uncount(dl, e->sev, e->unlisted);
            e->unlisted = 0;
            e->seen = 0;
            free(e->unit);
            free(e->indicator);
            e->unit = e->indicator = NULL;
            e->units_differ = e->indicators_differ = 0;
        }
    }
}

void eg_diag_free(eg_diag_list *dl)
{
    for (size_t i = 0; i < dl->n; i++)
        item_free(&dl->items[i]);
    free(dl->items);
    tally_free(dl->tally);
    memset(dl, 0, sizeof *dl);
}
