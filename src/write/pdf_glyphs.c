/*
 * pdf_glyphs.c - the glyphs a cut-down face keeps (pdf_glyphs.h).
 *
 * The glyphs the kept code points map to, glyph 0, and the components of
 * the composite ones, are renumbered in their order (glyph 0 stays 0), and
 * the tables that hold a glyph's number or one entry per glyph are made
 * anew: glyf (each glyph's bytes as they were, a composite's components
 * renumbered), loca (long offsets), hmtx (a full metric per glyph),
 * and the counts in maxp and hhea.  Outlines, metrics and instructions are
 * the font's own.
 */
#include "write/pdf_glyphs.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "write/ttf_bytes.h"

/* Composite glyph flags (the TrueType spec's names). */
enum {
    ARG_1_AND_2_ARE_WORDS = 0x0001,
    WE_HAVE_A_SCALE = 0x0008,
    MORE_COMPONENTS = 0x0020,
    WE_HAVE_AN_X_AND_Y_SCALE = 0x0040,
    WE_HAVE_A_TWO_BY_TWO = 0x0080,
};

/* Glyph g's bytes in glyf: [*at, *at + *len); -1 when loca says nonsense. */
static int glyph_at(const eg_ttf_face *f, unsigned g, size_t *at, size_t *len)
{
    uint32_t a, b;

    if (f->long_loca) {
        a = be32(f->loca + 4 * (size_t)g);
        b = be32(f->loca + 4 * (size_t)g + 4);
    } else {
        a = 2 * (uint32_t)be16(f->loca + 2 * (size_t)g);
        b = 2 * (uint32_t)be16(f->loca + 2 * (size_t)g + 2);
    }
    if (a > b || b > f->glyf_len)
        return -1;
    *at = a;
    *len = b - a;
    return 0;
}

/* Calls fn(ctx, the component's glyph number's bytes) for each component
 * of the composite glyph p[0..len) (len >= 10, its contour count < 0);
 * -1 when a component runs past the glyph. */
static int each_component(unsigned char *p, size_t len, int (*fn)(void *, unsigned char *),
                          void *ctx)
{
    size_t at = 10;
    unsigned flags;

    do {
        size_t need;

        if (at + 4 > len)
            return -1;
        flags = be16(p + at);
        if (fn(ctx, p + at + 2) != 0)
            return -1;
        need = 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2) +
               (flags & WE_HAVE_A_SCALE ? 2
                : flags & WE_HAVE_AN_X_AND_Y_SCALE ? 4
                : flags & WE_HAVE_A_TWO_BY_TWO ? 8 : 0);
        if (at + need > len)
            return -1;
        at += need;
    } while (flags & MORE_COMPONENTS);
    return 0;
}

typedef struct {
    unsigned char *keep;
    unsigned *todo;
    size_t n_todo;
    unsigned n_glyphs;
} closure;

static int mark_component(void *ctx, unsigned char *g)
{
    closure *c = ctx;
    unsigned id = be16(g);

    if (id >= c->n_glyphs)
        return -1;
    if (!c->keep[id]) {
        c->keep[id] = 1;
        c->todo[c->n_todo++] = id;
    }
    return 0;
}

static int renumber_component(void *ctx, unsigned char *g)
{
    const uint16_t *newid = ctx;

    put16(g, newid[be16(g)]);
    return 0;
}

int eg_ttf_subset(const eg_ttf_face *f, const unsigned char *wanted, eg_ttf_subset_out *out)
{
    unsigned n = f->n_glyphs, n_new = 0;
    closure c = { 0 };
    size_t glyf_len = 0, at, len;
    unsigned char *glyf, *loca, *hmtx;
    uint16_t *newid;
    int bad = 0;

    memset(out, 0, sizeof *out);
    if (n == 0 || f->n_hmetrics == 0 || f->n_hmetrics > n ||
        f->loca_len < (size_t)(n + 1) * (f->long_loca ? 4 : 2) ||
        f->hmtx_len < 4 * (size_t)f->n_hmetrics + 2 * (size_t)(n - f->n_hmetrics))
        return -1;

    /* The glyphs kept: those wanted, glyph 0, and their components. */
    c.keep = eg_xcalloc(n, 1);
    c.todo = eg_xmalloc(n * sizeof *c.todo);
    c.n_glyphs = n;
    for (unsigned g = 0; g < n; g++)
        if ((wanted[g] || g == 0) && !c.keep[g]) {
            c.keep[g] = 1;
            c.todo[c.n_todo++] = g;
        }
    while (c.n_todo && !bad) {
        unsigned g = c.todo[--c.n_todo];

        if (glyph_at(f, g, &at, &len) != 0) {
            bad = 1;
        } else if (len >= 10 && (be16(f->glyf + at) & 0x8000)) {
            /* each_component writes nothing through mark_component */
            bad = each_component((unsigned char *)f->glyf + at, len, mark_component, &c) != 0;
        }
    }
    free(c.todo);
    if (bad) {
        free(c.keep);
        return -1;
    }

    /* Their new numbers, in order, and the new glyf's size. */
    newid = eg_xmalloc(n * sizeof *newid);
    for (unsigned g = 0; g < n; g++) {
        newid[g] = c.keep[g] ? (uint16_t)n_new++ : 0;
        if (c.keep[g]) {
            glyph_at(f, g, &at, &len);
            glyf_len += (len + 3) & ~(size_t)3;
        }
    }

    /* glyf, loca (long offsets), hmtx (a full metric for each glyph). */
    glyf = eg_xcalloc(1, glyf_len ? glyf_len : 1);
    loca = eg_xmalloc(4 * ((size_t)n_new + 1));
    hmtx = eg_xmalloc(4 * (size_t)n_new);
    glyf_len = 0;
    for (unsigned g = 0; g < n; g++) {
        unsigned k = newid[g], last = f->n_hmetrics - 1;

        if (!c.keep[g])
            continue;
        glyph_at(f, g, &at, &len);
        put32(loca + 4 * (size_t)k, (uint32_t)glyf_len);
        memcpy(glyf + glyf_len, f->glyf + at, len);
        if (len >= 10 && (be16(glyf + glyf_len) & 0x8000))
            each_component(glyf + glyf_len, len, renumber_component, newid);
        glyf_len += (len + 3) & ~(size_t)3;
        /* past the last full metric, the last advance and a bearing of its own */
        put16(hmtx + 4 * (size_t)k, be16(f->hmtx + 4 * (size_t)(g < last ? g : last)));
        put16(hmtx + 4 * (size_t)k + 2,
              g < f->n_hmetrics ? be16(f->hmtx + 4 * (size_t)g + 2)
                                : be16(f->hmtx + 4 * (size_t)f->n_hmetrics +
                                       2 * (size_t)(g - f->n_hmetrics)));
    }
    put32(loca + 4 * (size_t)n_new, (uint32_t)glyf_len);
    free(c.keep);
    out->newid = newid;
    out->n_glyphs = n_new;
    out->glyf = glyf;
    out->glyf_len = glyf_len;
    out->loca = loca;
    out->loca_len = 4 * ((size_t)n_new + 1);
    out->hmtx = hmtx;
    out->hmtx_len = 4 * (size_t)n_new;
    return 0;
}

void eg_ttf_subset_free(eg_ttf_subset_out *out)
{
    free(out->newid);
    free(out->glyf);
    free(out->loca);
    free(out->hmtx);
    memset(out, 0, sizeof *out);
}
