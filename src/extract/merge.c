#include "extract/merge.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/mem.h"
#include "extract/cellfmt.h"

int eg_merges_add(eg_merges *m, long r1, int c1, long r2, int c2)
{
    eg_merge *g;

    if (r1 > r2) {
        long t = r1;

        r1 = r2;
        r2 = t;
    }
    if (c1 > c2) {
        int t = c1;

        c1 = c2;
        c2 = t;
    }
    if (r1 == r2) {
        if (c1 == c2 || m->n_wide >= EG_MAX_MERGES)
            return 0;
        if (m->n_wide == m->cap_wide) {
            m->cap_wide = m->cap_wide ? 2 * m->cap_wide : 16;
            m->wide = eg_xrealloc(m->wide, m->cap_wide * sizeof *m->wide);
        }
        g = &m->wide[m->n_wide++];
        g->first_row = g->last_row = r1;
        g->first_col = c1;
        g->last_col = c2;
        return 0;
    }
    if (m->n >= EG_MAX_MERGES)
        return -1;
    if (m->n == m->cap) {
        m->cap = m->cap ? 2 * m->cap : 16;
        m->v = eg_xrealloc(m->v, m->cap * sizeof *m->v);
    }
    g = &m->v[m->n++];
    g->first_row = r1;
    g->last_row = r2;
    g->first_col = c1;
    g->last_col = c2;
    return 0;
}

/* A cell's reference ("$AB$12"): its column and row, and where it ends;
 * NULL when it is none within XFD1048576. */
static const char *parse_cell(const char *s, int *col, long *row)
{
    long c = 0, r = 0;
    int letters = 0, digits = 0;

    if (*s == '$')
        s++;
    /* letters of either case, as the cell references' reader takes them */
    for (; ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')) && letters < 3; s++, letters++)
        c = c * 26 + ((*s | 0x20) - 'a' + 1);
    if (*s == '$')
        s++;
    for (; *s >= '0' && *s <= '9' && digits < 7; s++, digits++)
        r = r * 10 + (*s - '0');
    if (!letters || !digits || c > 16384 || r < 1 || r > 1048576L)
        return NULL;
    *col = (int)c;
    *row = r;
    return s;
}

int eg_merges_add_ref(eg_merges *m, const char *ref)
{
    int c1, c2;
    long r1, r2;
    const char *s = parse_cell(ref, &c1, &r1);

    if (!s)
        return 1;
    if (*s == ':') {
        s = parse_cell(s + 1, &c2, &r2);
        if (!s)
            return 1;
    } else {
        c2 = c1;
        r2 = r1;
    }
    if (*s)
        return 1;
    return eg_merges_add(m, r1, c1, r2, c2);
}

static int cmp_merge(const void *a, const void *b)
{
    const eg_merge *x = a, *y = b;

    if (x->first_row != y->first_row)
        return x->first_row < y->first_row ? -1 : 1;
    if (x->first_col != y->first_col)
        return x->first_col < y->first_col ? -1 : 1;
    if (x->last_row != y->last_row)
        return x->last_row < y->last_row ? -1 : 1;
    return (x->last_col > y->last_col) - (x->last_col < y->last_col);
}

void eg_merges_sort(eg_merges *m)
{
    if (m->n > 1)
        qsort(m->v, m->n, sizeof *m->v, cmp_merge);
    if (m->n_wide > 1)
        qsort(m->wide, m->n_wide, sizeof *m->wide, cmp_merge);
}

void eg_merges_free(eg_merges *m)
{
    free(m->v);
    free(m->wide);
    m->v = m->wide = NULL;
    m->n = m->cap = m->n_wide = m->cap_wide = 0;
}

const char *eg_merge_name(char *buf, size_t cap, const eg_merge *g)
{
    char a[24], b[24];

    snprintf(buf, cap, "%s:%s", eg_cell_name(a, sizeof a, g->first_col, g->first_row),
             eg_cell_name(b, sizeof b, g->last_col, g->last_row));
    return buf;
}
