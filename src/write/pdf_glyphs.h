/*
 * pdf_glyphs.h - the glyphs of a TrueType face that a cut-down copy keeps
 * (pdf_font.c): those of the kept code points, renumbered from 0.
 */
#ifndef EG_PDF_GLYPHS_H
#define EG_PDF_GLYPHS_H

#include <stddef.h>
#include <stdint.h>

/* The tables of a face that hold its glyphs, as the file has them. */
typedef struct {
    const unsigned char *glyf, *loca, *hmtx;
    size_t glyf_len, loca_len, hmtx_len;
    unsigned n_glyphs;          /* maxp.numGlyphs */
    unsigned n_hmetrics;        /* hhea.numberOfHMetrics */
    int long_loca;              /* head.indexToLocFormat */
} eg_ttf_face;

/* The kept glyphs' tables, new: newid[old glyph] is its new number (0
 * for a glyph not kept); loca has long offsets; hmtx one full metric a
 * glyph (hhea.numberOfHMetrics = n_glyphs). */
typedef struct {
    uint16_t *newid;
    unsigned n_glyphs;
    unsigned char *glyf, *loca, *hmtx;
    size_t glyf_len, loca_len, hmtx_len;
} eg_ttf_subset_out;

/* Keeps glyph 0, the glyphs g with wanted[g] (f->n_glyphs of them), and
 * the components of the composite ones.  0, or -1 when the tables do not
 * hold together (nothing allocated then: the face is used as it is). */
int eg_ttf_subset(const eg_ttf_face *f, const unsigned char *wanted, eg_ttf_subset_out *out);

void eg_ttf_subset_free(eg_ttf_subset_out *out);

#endif
