/*
 * test_pdf_font.c - write/pdf_font.h: the cut-down copy of a TrueType
 * face that the PDF writer loads (fonts-noto-core's Noto Serif).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>

#include "core/mem.h"
#include "hpdf_support.h"
#include "write/pdf.h"
#include "write/pdf_font.h"
#include "write/pdf_glyphs.h"
#include "write/ttf_bytes.h"

#define FACE EG_PDF_FONT_DIR "/NotoSerif-Regular.ttf"
#define FACE_BOLD EG_PDF_FONT_DIR "/NotoSerif-Bold.ttf"

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf;
    long len;

    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = eg_xmalloc((size_t)len);
    assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    *n = (size_t)len;
    return buf;
}

/* The table tag of a font, or NULL; *len its length. */
static const unsigned char *table_of(const unsigned char *ttf, const char *tag, size_t *len)
{
    unsigned n = be16(ttf + 4);

    for (unsigned i = 0; i < n; i++) {
        const unsigned char *d = ttf + 12 + 16 * i;

        if (memcmp(d, tag, 4) == 0) {
            *len = be32(d + 12);
            return ttf + be32(d + 8);
        }
    }
    return NULL;
}

/* The glyph of cp in the (3,1) format-4 cmap of ttf. */
static unsigned glyph(const unsigned char *ttf, unsigned cp)
{
    size_t len;
    const unsigned char *cmap = table_of(ttf, "cmap", &len), *sub = NULL;
    unsigned segs;

    for (unsigned i = 0; i < be16(cmap + 2); i++)
        if (be16(cmap + 4 + 8 * i) == 3 && be16(cmap + 6 + 8 * i) == 1)
            sub = cmap + be32(cmap + 8 + 8 * i);
    assert_non_null(sub);
    segs = be16(sub + 6) / 2;
    for (unsigned k = 0; k < segs; k++) {
        unsigned end = be16(sub + 14 + 2 * k), start = be16(sub + 16 + 2 * segs + 2 * k);
        unsigned delta = be16(sub + 16 + 4 * segs + 2 * k);
        unsigned roff = be16(sub + 16 + 6 * segs + 2 * k);
        const unsigned char *g;

        if (end < cp)
            continue;
        if (start > cp)
            return 0;
        if (!roff)
            return (cp + delta) & 0xFFFF;
        g = sub + 16 + 6 * segs + 2 * k + roff + 2 * (cp - start);
        return be16(g) ? (be16(g) + delta) & 0xFFFF : 0;
    }
    return 0;
}

/* Glyph g's bytes in ttf (*len of them). */
static const unsigned char *glyph_bytes(const unsigned char *ttf, unsigned g, size_t *len)
{
    size_t n;
    const unsigned char *head = table_of(ttf, "head", &n), *loca = table_of(ttf, "loca", &n);
    const unsigned char *glyf = table_of(ttf, "glyf", &n);
    uint32_t a, b;

    if (be16(head + 50)) {
        a = be32(loca + 4 * g);
        b = be32(loca + 4 * g + 4);
    } else {
        a = 2u * be16(loca + 2 * g);
        b = 2u * be16(loca + 2 * g + 2);
    }
    assert_true(a <= b && b <= n);
    *len = b - a;
    return glyf + a;
}

/* Glyph g's advance and left side bearing, as one word. */
static uint32_t metric(const unsigned char *ttf, unsigned g)
{
    size_t n;
    unsigned nh = be16(table_of(ttf, "hhea", &n) + 34);
    const unsigned char *hmtx = table_of(ttf, "hmtx", &n);

    if (g < nh)
        return be32(hmtx + 4 * g);
    return (uint32_t)be16(hmtx + 4 * (nh - 1)) << 16 | be16(hmtx + 4 * nh + 2 * (g - nh));
}

/* Glyph a of font x and glyph b of font y are the same glyph: the same
 * metrics and bytes, a composite's components (numbered otherwise) the
 * same glyphs in turn. */
static void same_glyph(const unsigned char *x, unsigned a, const unsigned char *y, unsigned b)
{
    size_t la, lb, at = 10;
    const unsigned char *ga = glyph_bytes(x, a, &la), *gb = glyph_bytes(y, b, &lb);
    unsigned flags;

    assert_int_equal(metric(x, a), metric(y, b));
    assert_int_equal(la, lb);
    if (la < 10 || !(be16(ga) & 0x8000)) {
        assert_memory_equal(ga, gb, la);
        return;
    }
    assert_memory_equal(ga, gb, 10);
    do {
        size_t rest;

        flags = be16(ga + at);
        assert_int_equal(be16(gb + at), flags);
        same_glyph(x, be16(ga + at + 2), y, be16(gb + at + 2));
        rest = (flags & 1 ? 4 : 2) + (flags & 8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
        assert_memory_equal(ga + at + 4, gb + at + 4, rest);
        at += 4 + rest;
    } while (flags & 0x20);
    assert_memory_equal(ga + at, gb + at, la - at);   /* the instructions */
}

/* The code points the copy keeps (pdf_font.c's KEEP). */
static const unsigned KEPT[][2] = {
    { 0x20, 0x7E }, { 0xA0, 0x24F }, { 0x300, 0x36F }, { 0x1E00, 0x1EFF },
    { 0x2000, 0x206F }, { 0x20A0, 0x20CF }, { 0x2100, 0x214F }, { 0x25A0, 0x25FF },
};
#define N_KEPT (sizeof KEPT / sizeof *KEPT)

/* The directory entry of table tag in ttf. */
static unsigned char *entry_of(unsigned char *ttf, const char *tag)
{
    for (unsigned i = 0; i < be16(ttf + 4); i++)
        if (memcmp(ttf + 12 + 16 * i, tag, 4) == 0)
            return ttf + 12 + 16 * i;
    fail_msg("no %s table", tag);
    return NULL;
}

/* The record of the (3,1) subtable in ttf's cmap. */
static unsigned char *unicode_record(unsigned char *ttf)
{
    unsigned char *cmap = ttf + be32(entry_of(ttf, "cmap") + 8);

    for (unsigned i = 0; i < be16(cmap + 2); i++)
        if (be16(cmap + 4 + 8 * i) == 3 && be16(cmap + 6 + 8 * i) == 1)
            return cmap + 4 + 8 * i;
    fail_msg("no (3,1) subtable");
    return NULL;
}

/* The (3,1) subtable itself. */
static unsigned char *unicode_subtable(unsigned char *ttf)
{
    return ttf + be32(entry_of(ttf, "cmap") + 8) + be32(unicode_record(ttf) + 4);
}

/* 1 when cp's segment in the (3,1) cmap of ttf takes its glyph from the
 * glyph array (idRangeOffset not 0). */
static int via_glyph_array(unsigned char *ttf, unsigned cp)
{
    const unsigned char *sub = unicode_subtable(ttf);
    unsigned segs = be16(sub + 6) / 2;

    for (unsigned k = 0; k < segs; k++)
        if (be16(sub + 14 + 2 * k) >= cp)
            return be16(sub + 16 + 2 * segs + 2 * k) <= cp &&
                   be16(sub + 16 + 6 * segs + 2 * k) != 0;
    return 0;
}

/* ttf[0..n) is refused, nothing allocated. */
static void expect_refused(const unsigned char *ttf, size_t n, const char *what)
{
    unsigned char *cut = NULL;
    size_t m = 0;

    if (eg_pdf_trim_ttf(ttf, n, &cut, &m) != -1) {
        free(cut);
        fail_msg("a font with %s is not refused", what);
    }
    assert_null(cut);
}

/* Every character the copy keeps is the font's own glyph, in each of the
 * four faces; and the copy holds those glyphs only. */
static void the_copy_draws_every_kept_character_as_the_font_does(void **state)
{
    static const char *const faces[] = { "Regular", "Bold", "Italic", "BoldItalic" };
    static const unsigned ranges[][2] = {
        { 0x20, 0x7E }, { 0xA0, 0x24F }, { 0x300, 0x36F }, { 0x1E00, 0x1EFF },
        { 0x2000, 0x206F }, { 0x20A0, 0x20CF }, { 0x2100, 0x214F }, { 0x25A0, 0x25FF },
    };

    (void)state;
    for (size_t f = 0; f < sizeof faces / sizeof *faces; f++) {
        char *path = eg_xasprintf("%s/NotoSerif-%s.ttf", EG_PDF_FONT_DIR, faces[f]);
        size_t n, m, len;
        unsigned char *ttf = slurp(path, &n), *cut;
        unsigned kept = 0, glyphs;

        assert_int_equal(eg_pdf_trim_ttf(ttf, n, &cut, &m), 0);
        glyphs = be16(table_of(cut, "maxp", &len) + 4);
        assert_int_equal(be16(table_of(cut, "hhea", &len) + 34), glyphs);
        assert_int_equal(be16(table_of(cut, "head", &len) + 50), 1);
        table_of(cut, "loca", &len);
        assert_int_equal(len, 4 * ((size_t)glyphs + 1));
        same_glyph(ttf, 0, cut, 0);
        for (size_t r = 0; r < sizeof ranges / sizeof *ranges; r++)
            for (unsigned cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
                unsigned a = glyph(ttf, cp), b = glyph(cut, cp);

                assert_int_equal(a == 0, b == 0);
                assert_true(b < glyphs);
                same_glyph(ttf, a, cut, b);
                kept += a != 0;
            }
        /* a third of the font's glyphs, a Vietnamese report's */
        assert_true(kept > 1000);
        assert_true(glyphs < be16(table_of(ttf, "maxp", &len) + 4) / 2);
        free(ttf);
        free(cut);
        free(path);
    }
}

/* A face of five glyphs made by hand: glyph 3 a composite of glyph 4,
 * two full metrics (500/10, 600/20) and three bearings alone (30, 40,
 * 50), short offsets. */
static const unsigned char FIVE_GLYF[54] = {
    /* 1: one contour, 14 bytes */
    0, 1, 0, 0, 0, 0, 0, 9, 0, 9, 1, 2, 3, 4,
    /* 2: 12 bytes */
    0, 1, 0, 0, 0, 0, 0, 8, 0, 8, 5, 6,
    /* 3: a composite of glyph 4 (byte arguments), 16 bytes */
    0xFF, 0xFF, 0, 0, 0, 0, 0, 7, 0, 7, 0x00, 0x02, 0, 4, 1, 2,
    /* 4: 12 bytes */
    0, 1, 0, 0, 0, 0, 0, 6, 0, 6, 7, 8,
};
static const unsigned char FIVE_LOCA[12] = { 0, 0, 0, 0, 0, 7, 0, 13, 0, 21, 0, 27 };
static const unsigned char FIVE_HMTX[14] = { 1, 244, 0, 10, 2, 88, 0, 20, 0, 30, 0, 40, 0, 50 };

/* Glyphs 1 and 3 of the five wanted: 0, 1, 3 and its component 4 kept,
 * renumbered 0-3. */
static void the_glyphs_kept_are_renumbered_with_their_components_and_metrics(void **state)
{
    static const unsigned char wanted[5] = { 0, 1, 0, 1, 0 };
    static const unsigned char want_glyf[44] = {
        0, 1, 0, 0, 0, 0, 0, 9, 0, 9, 1, 2, 3, 4, 0, 0,
        0xFF, 0xFF, 0, 0, 0, 0, 0, 7, 0, 7, 0x00, 0x02, 0, 3, 1, 2,
        0, 1, 0, 0, 0, 0, 0, 6, 0, 6, 7, 8,
    };
    static const unsigned char want_loca[20] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16,
                                                 0, 0, 0, 32, 0, 0, 0, 44 };
    /* 500/10, 600/20, then the last advance (600) with 40 and 50 */
    static const unsigned char want_hmtx[16] = { 1, 244, 0, 10, 2, 88, 0, 20,
                                                 2, 88, 0, 40, 2, 88, 0, 50 };
    eg_ttf_face f = { FIVE_GLYF, FIVE_LOCA, FIVE_HMTX, sizeof FIVE_GLYF, sizeof FIVE_LOCA,
                      sizeof FIVE_HMTX, 5, 2, 0 };
    eg_ttf_subset_out out;

    (void)state;
    assert_int_equal(eg_ttf_subset(&f, wanted, &out), 0);
    assert_int_equal(out.n_glyphs, 4);
    assert_int_equal(out.newid[1], 1);
    assert_int_equal(out.newid[3], 2);
    assert_int_equal(out.newid[4], 3);
    assert_int_equal(out.glyf_len, sizeof want_glyf);
    assert_memory_equal(out.glyf, want_glyf, sizeof want_glyf);
    assert_int_equal(out.loca_len, sizeof want_loca);
    assert_memory_equal(out.loca, want_loca, sizeof want_loca);
    assert_int_equal(out.hmtx_len, sizeof want_hmtx);
    assert_memory_equal(out.hmtx, want_hmtx, sizeof want_hmtx);
    eg_ttf_subset_free(&out);

    /* a component past the glyphs, or offsets past glyf: refused */
    {
        unsigned char bad[sizeof FIVE_GLYF];

        memcpy(bad, FIVE_GLYF, sizeof bad);
        bad[39] = 9;                /* glyph 3's component: glyph 9 of 5 */
        f.glyf = bad;
        assert_int_equal(eg_ttf_subset(&f, wanted, &out), -1);
        assert_null(out.glyf);
        f.glyf = FIVE_GLYF;
        f.glyf_len = 40;            /* glyph 4 ends past it */
        assert_int_equal(eg_ttf_subset(&f, wanted, &out), -1);
        f.glyf_len = sizeof FIVE_GLYF;
        f.n_hmetrics = 6;           /* more metrics than glyphs */
        assert_int_equal(eg_ttf_subset(&f, wanted, &out), -1);
    }
}

/* Glyph 2 of the five wanted alone, the first past the two full metrics:
 * the last advance and the first of the bearings that stand alone. */
static void the_first_glyph_past_the_full_metrics_takes_the_first_bearing_alone(void **state)
{
    static const unsigned char wanted[5] = { 0, 0, 1, 0, 0 };
    static const unsigned char want_hmtx[8] = { 1, 244, 0, 10, 2, 88, 0, 30 };
    eg_ttf_face f = { FIVE_GLYF, FIVE_LOCA, FIVE_HMTX, sizeof FIVE_GLYF, sizeof FIVE_LOCA,
                      sizeof FIVE_HMTX, 5, 2, 0 };
    eg_ttf_subset_out out;

    (void)state;
    assert_int_equal(eg_ttf_subset(&f, wanted, &out), 0);
    assert_int_equal(out.n_glyphs, 2);
    assert_int_equal(out.newid[2], 1);
    assert_int_equal(out.hmtx_len, sizeof want_hmtx);
    assert_memory_equal(out.hmtx, want_hmtx, sizeof want_hmtx);
    assert_int_equal(out.glyf_len, 12);
    assert_memory_equal(out.glyf, FIVE_GLYF + 14, 12);      /* glyph 2's bytes */
    eg_ttf_subset_free(&out);
}

/* A composite whose components carry a scale, an x and y scale and a
 * two by two matrix (2, 4 and 8 bytes after their arguments), then one
 * more: each component is found where it starts and renumbered, the rest
 * of the glyph copied as it is. */
static void components_after_a_scale_or_a_matrix_are_found_and_renumbered(void **state)
{
    enum { COMPOSITE = 48 };
    static const unsigned char glyf[12 + 12 + COMPOSITE + 12] = {
        /* 1: simple, 12 bytes */
        0, 1, 0, 0, 0, 0, 0, 9, 0, 9, 1, 2,
        /* 2: simple, not kept */
        0, 1, 0, 0, 0, 0, 0, 8, 0, 8, 3, 4,
        /* 3: glyph 4 scaled, glyph 1 scaled in x and y, glyph 4 by a
         * matrix, glyph 1 as it is */
        0xFF, 0xFF, 0, 0, 0, 0, 0, 7, 0, 7,
        0x00, 0x28, 0, 4, 5, 6, 0x40, 0x00,
        0x00, 0x60, 0, 1, 7, 8, 0x20, 0x00, 0x40, 0x00,
        0x00, 0xA0, 0, 4, 9, 10, 0x40, 0x00, 0, 0, 0, 0, 0x40, 0x00,
        0x00, 0x00, 0, 1, 11, 12,
        /* 4: simple */
        0, 1, 0, 0, 0, 0, 0, 6, 0, 6, 7, 8,
    };
    static const unsigned char loca[12] = { 0, 0, 0, 0, 0, 6, 0, 12, 0, 36, 0, 42 };
    static const unsigned char hmtx[20] = { 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0,
                                            0, 4, 0, 0, 0, 5, 0, 0 };
    static const unsigned char wanted[5] = { 0, 0, 0, 1, 0 };
    eg_ttf_face f = { glyf, loca, hmtx, sizeof glyf, sizeof loca, sizeof hmtx, 5, 5, 0 };
    unsigned char want[COMPOSITE];
    eg_ttf_subset_out out;

    (void)state;
    memcpy(want, glyf + 24, COMPOSITE);
    want[13] = 3;               /* glyph 4 is now 3; glyph 1 stays 1 */
    want[31] = 3;
    assert_int_equal(eg_ttf_subset(&f, wanted, &out), 0);
    assert_int_equal(out.n_glyphs, 4);
    assert_int_equal(out.newid[1], 1);
    assert_int_equal(out.newid[3], 2);
    assert_int_equal(out.newid[4], 3);
    assert_int_equal(out.glyf_len, 12 + COMPOSITE + 12);
    assert_memory_equal(out.glyf + 12, want, COMPOSITE);
    assert_memory_equal(out.glyf + 12 + COMPOSITE, glyf + 24 + COMPOSITE, 12);
    eg_ttf_subset_free(&out);
}

/* A face of three glyphs with long offsets, glyph 1 a composite of glyph
 * 2 (16 bytes), made to lie in one way at a time: each is refused. */
static void a_glyph_table_that_does_not_hold_together_is_refused(void **state)
{
    static const unsigned char glyf[28] = {
        0xFF, 0xFF, 0, 0, 0, 0, 0, 7, 0, 7, 0x00, 0x02, 0, 2, 1, 2,
        0, 1, 0, 0, 0, 0, 0, 6, 0, 6, 7, 8,
    };
    static const unsigned char hmtx[12] = { 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0 };
    static const unsigned char wanted[3] = { 0, 1, 0 };
    unsigned char loca[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16, 0, 0, 0, 28 };
    unsigned char bad[28], *last;
    eg_ttf_face f = { glyf, loca, hmtx, sizeof glyf, sizeof loca, sizeof hmtx, 3, 3, 1 };
    eg_ttf_subset_out out;

    (void)state;
    assert_int_equal(eg_ttf_subset(&f, wanted, &out), 0);     /* as it is */
    assert_int_equal(out.n_glyphs, 3);
    eg_ttf_subset_free(&out);

    loca[11] = 15;              /* the component one byte past glyph 1 */
    assert_int_equal(eg_ttf_subset(&f, wanted, &out), -1);
    assert_null(out.glyf);
    loca[11] = 10;              /* glyph 1 a composite of its header alone */
    assert_int_equal(eg_ttf_subset(&f, wanted, &out), -1);
    loca[11] = 16;
    loca[15] = 12;              /* glyph 2 ends before it starts */
    assert_int_equal(eg_ttf_subset(&f, wanted, &out), -1);
    loca[15] = 28;

    memcpy(bad, glyf, sizeof bad);
    bad[13] = 3;                /* the component is glyph 3 of 3 */
    f.glyf = bad;
    assert_int_equal(eg_ttf_subset(&f, wanted, &out), -1);
    f.glyf = glyf;

    f.loca_len = 12;            /* no end for the last glyph */
    assert_int_equal(eg_ttf_subset(&f, wanted, &out), -1);
    f.loca_len = sizeof loca;
    f.n_hmetrics = 2;
    f.hmtx_len = 8;             /* no bearing for glyph 2 */
    assert_int_equal(eg_ttf_subset(&f, wanted, &out), -1);
    f.hmtx_len = 10;
    assert_int_equal(eg_ttf_subset(&f, wanted, &out), 0);
    eg_ttf_subset_free(&out);
    f.n_hmetrics = 3;
    f.hmtx_len = sizeof hmtx;

    /* a composite cut after its first component's flags, at the end of
     * glyf: its component's number is not read past the table (an
     * allocation of its own size, so that the sanitizer would see it) */
    last = eg_xmalloc(12);
    memcpy(last, glyf, 12);
    f.glyf = last;
    f.glyf_len = 12;
    loca[11] = 12;
    loca[15] = 12;
    assert_int_equal(eg_ttf_subset(&f, wanted, &out), -1);
    free(last);
}

static void the_copy_maps_vietnamese_as_the_font_does_and_little_else(void **state)
{
    size_t n, m, len;
    unsigned char *ttf = slurp(FACE, &n), *cut;
    const unsigned char *post;
    uint32_t sum = 0;
    static const unsigned vn[] = { 'A', 'z', 0xC0, 0x110, 0x111, 0x1A0, 0x1AF, 0x1B0, 0x1EA0,
                                   0x1EBF, 0x1EF9, 0x2026, 0x201C, 0x20AB, 0x2116 };

    (void)state;
    assert_int_equal(eg_pdf_trim_ttf(ttf, n, &cut, &m), 0);
    for (size_t i = 0; i < sizeof vn / sizeof *vn; i++) {
        assert_true(glyph(ttf, vn[i]) != 0);
        same_glyph(ttf, glyph(ttf, vn[i]), cut, glyph(cut, vn[i]));
    }
    /* Greek is in the font, not in the copy */
    assert_true(glyph(ttf, 0x3A9) != 0);
    assert_int_equal(glyph(cut, 0x3A9), 0);
    /* no glyph names, no OpenType layout */
    post = table_of(cut, "post", &len);
    assert_int_equal(be32(post), 0x00030000);
    assert_int_equal(len, 32);
    assert_null(table_of(cut, "GSUB", &len));
    assert_null(table_of(cut, "GPOS", &len));
    assert_non_null(table_of(cut, "glyf", &len));
    assert_true(m < n);
    /* the whole file sums to the magic number (head.checkSumAdjustment) */
    for (size_t i = 0; i < m; i += 4)
        sum += be32(cut + i);
    assert_int_equal(sum, 0xB1B0AFBAu);
    /* and each table to its checksum in the directory (head without its
     * adjustment), the last word padded with zeros */
    for (unsigned t = 0; t < (unsigned)(cut[4] << 8 | cut[5]); t++) {
        const unsigned char *d = cut + 12 + 16 * t;
        uint32_t off = be32(d + 8), tlen = be32(d + 12), tsum = 0;

        for (uint32_t i = 0; i < tlen; i += 4) {
            unsigned char w[4] = { 0, 0, 0, 0 };

            memcpy(w, cut + off + i, tlen - i < 4 ? tlen - i : 4);
            if (memcmp(d, "head", 4) == 0 && i == 8)
                memset(w, 0, 4);
            tsum += be32(w);
        }
        assert_int_equal(tsum, be32(d + 4));
    }
    free(ttf);
    free(cut);
}

/* A face tagged 'true' (Apple's TrueType) is cut down as one tagged
 * 0x00010000, and the copy keeps its tag. */
static void a_face_tagged_true_is_cut_down_as_any(void **state)
{
    size_t n, m, len;
    unsigned char *ttf = slurp(FACE, &n), *cut = NULL;

    (void)state;
    memcpy(ttf, "true", 4);
    assert_int_equal(eg_pdf_trim_ttf(ttf, n, &cut, &m), 0);
    assert_memory_equal(cut, "true", 4);
    assert_int_equal(glyph(cut, 0x1EA0) == 0, 0);
    same_glyph(ttf, glyph(ttf, 0x1EA0), cut, glyph(cut, 0x1EA0));
    assert_true(be16(table_of(cut, "maxp", &len) + 4) < be16(table_of(ttf, "maxp", &len) + 4));
    free(ttf);
    free(cut);
}

static void what_is_no_truetype_font_is_refused(void **state)
{
    size_t n, m;
    unsigned char *ttf = slurp(FACE, &n), *cut = NULL;
    unsigned char junk[64] = "not a font at all";
    size_t len;
    unsigned char *cmap;

    (void)state;
    assert_int_equal(eg_pdf_trim_ttf(junk, sizeof junk, &cut, &m), -1);
    assert_int_equal(eg_pdf_trim_ttf(ttf, 40, &cut, &m), -1);
    /* a cmap without a Windows Unicode subtable: loaded as it is instead */
    cmap = (unsigned char *)table_of(ttf, "cmap", &len);
    for (unsigned i = 0; i < be16(cmap + 2); i++)
        cmap[4 + 8 * i] = 9;
    assert_int_equal(eg_pdf_trim_ttf(ttf, n, &cut, &m), -1);
    assert_null(cut);
    free(ttf);
}

/* A damaged font is refused (loaded as it is, for libharu to judge),
 * nothing read past the tables it has: the Unicode subtable 4 GiB on,
 * where its offset and the 16 bytes of its header wrap round. */
static void a_cmap_subtable_at_4_gib_is_refused(void **state)
{
    size_t n;
    unsigned char *ttf = slurp(FACE, &n);

    (void)state;
    put32(unicode_record(ttf) + 4, 0xFFFFFFF8u);
    expect_refused(ttf, n, "its Unicode subtable at 4 GiB");
    put32(unicode_record(ttf) + 4, 0xFFFFFFFFu);
    expect_refused(ttf, n, "its Unicode subtable at 4 GiB");
    free(ttf);
}

/* Other damage, each on a fresh copy: the cmap's Unicode subtable longer
 * than the cmap, or with no segments; a cmap of two bytes at the file's
 * end; a table past the end of the file; tables shorter than the bytes
 * of them that are read; a cmap mapping a glyph the font does not have
 * (maxp says fewer). */
static void a_damaged_font_is_refused(void **state)
{
    size_t n, len;
    unsigned char *ttf = slurp(FACE, &n), *orig = eg_xmalloc(n), *sub, *e;
    unsigned top = 0;

    (void)state;
    memcpy(orig, ttf, n);

    sub = unicode_subtable(ttf);
    e = entry_of(ttf, "cmap");
    put32(e + 12, (uint32_t)(sub - ttf - be32(e + 8)) + be16(sub + 2) - 2);
    expect_refused(ttf, n, "a Unicode subtable 2 bytes longer than its cmap");
    memcpy(ttf, orig, n);

    put16(unicode_subtable(ttf) + 6, 0);
    expect_refused(ttf, n, "no segments in its cmap");
    memcpy(ttf, orig, n);

    put32(entry_of(ttf, "cmap") + 8, (uint32_t)n - 2);
    put32(entry_of(ttf, "cmap") + 12, 2);
    expect_refused(ttf, n, "a cmap of 2 bytes");
    memcpy(ttf, orig, n);

    put32(entry_of(ttf, "name") + 8, (uint32_t)n + 16);
    put32(entry_of(ttf, "name") + 12, 0);
    expect_refused(ttf, n, "a table past the end of the file");
    memcpy(ttf, orig, n);

    put32(entry_of(ttf, "name") + 12, (uint32_t)(n - be32(entry_of(ttf, "name") + 8)) + 1);
    expect_refused(ttf, n, "a table that runs one byte past the end of the file");
    memcpy(ttf, orig, n);

    put16(unicode_record(ttf) + 2, 0);
    expect_refused(ttf, n, "a Windows Symbol subtable and no Unicode one");
    memcpy(ttf, orig, n);

    put16(unicode_subtable(ttf), 6);
    expect_refused(ttf, n, "a Unicode subtable of format 6");
    memcpy(ttf, orig, n);

    sub = unicode_subtable(ttf);
    put16(sub + 2, 16 + 8 * (be16(sub + 6) / 2) - 2);
    expect_refused(ttf, n, "a Unicode subtable too short for its segments");
    memcpy(ttf, orig, n);

    {
        /* the table directory cut short, in an allocation of its own
         * size (so that the sanitizer would see a read past it) */
        size_t cut_at = 12 + 16 * (size_t)be16(ttf + 4) - 1;
        unsigned char *head = eg_xmalloc(cut_at);

        memcpy(head, ttf, cut_at);
        expect_refused(head, cut_at, "a table directory cut short");
        free(head);
    }

    {
        static const struct {
            const char *tag;
            uint32_t len;
        } SHORT[] = { { "head", 53 }, { "hhea", 35 }, { "maxp", 5 }, { "post", 31 } };

        for (size_t i = 0; i < sizeof SHORT / sizeof *SHORT; i++) {
            put32(entry_of(ttf, SHORT[i].tag) + 12, SHORT[i].len);
            expect_refused(ttf, n, SHORT[i].tag);
            memcpy(ttf, orig, n);
        }
    }

    /* the highest glyph the kept code points map to made the first past
     * the font's glyphs (and its metrics) */
    for (size_t r = 0; r < N_KEPT; r++)
        for (unsigned cp = KEPT[r][0]; cp <= KEPT[r][1]; cp++)
            if (glyph(ttf, cp) > top)
                top = glyph(ttf, cp);
    assert_true(top > 1);
    put16((unsigned char *)table_of(ttf, "maxp", &len) + 4, top);
    if (be16(table_of(ttf, "hhea", &len) + 34) > top)
        put16((unsigned char *)table_of(ttf, "hhea", &len) + 34, top);
    expect_refused(ttf, n, "a cmap past its glyphs");
    free(orig);
    free(ttf);
}

/* A Unicode subtable with no room for its glyph array (its length the
 * header and four arrays of segments alone) is used: the code points
 * whose segments would read the array have no glyph; the others keep
 * theirs. */
static void a_cmap_cut_before_its_glyph_array_maps_what_it_still_holds(void **state)
{
    size_t n, m;
    unsigned char *ttf = slurp(FACE, &n), *cut, *sub = unicode_subtable(ttf);
    unsigned via_array = 0, direct = 0;

    (void)state;
    put16(sub + 2, 16 + 8 * (be16(sub + 6) / 2));
    assert_int_equal(eg_pdf_trim_ttf(ttf, n, &cut, &m), 0);
    for (size_t r = 0; r < N_KEPT; r++)
        for (unsigned cp = KEPT[r][0]; cp <= KEPT[r][1]; cp++) {
            if (via_glyph_array(ttf, cp)) {
                assert_int_equal(glyph(cut, cp), 0);
                via_array++;
            } else {
                assert_int_equal(glyph(cut, cp) == 0, glyph(ttf, cp) == 0);
                if (glyph(ttf, cp))
                    same_glyph(ttf, glyph(ttf, cp), cut, glyph(cut, cp));
                direct += glyph(ttf, cp) != 0;
            }
        }
    assert_true(via_array > 0);
    assert_true(direct > 0);
    free(ttf);
    free(cut);
}

/* A glyph array's 0 is no glyph whatever the segment's idDelta (the
 * others get the delta added): one entry made 0 and its segment's delta
 * 1, that code point has no glyph in the copy, and the next one of the
 * segment the glyph after its own. */
static void a_glyph_arrays_zero_is_no_glyph_whatever_the_delta(void **state)
{
    size_t n, m;
    unsigned char *ttf = slurp(FACE, &n), *cut, *sub = unicode_subtable(ttf);
    unsigned segs = be16(sub + 6) / 2, cp = 0, k, start, roff, next_was;

    (void)state;
    for (size_t r = 0; r < N_KEPT && !cp; r++)
        for (unsigned c = KEPT[r][0]; c < KEPT[r][1] && !cp; c++)
            if (via_glyph_array(ttf, c) && via_glyph_array(ttf, c + 1) && glyph(ttf, c + 1))
                cp = c;
    assert_true(cp != 0);
    for (k = 0; be16(sub + 14 + 2 * k) < cp; k++)
        ;
    assert_true(k < segs);
    assert_int_equal(be16(sub + 16 + 4 * segs + 2 * k), 0);
    start = be16(sub + 16 + 2 * segs + 2 * k);
    roff = be16(sub + 16 + 6 * segs + 2 * k);
    next_was = glyph(ttf, cp + 1);
    put16(sub + 16 + 6 * segs + 2 * k + roff + 2 * (cp - start), 0);
    put16(sub + 16 + 4 * segs + 2 * k, 1);
    assert_int_equal(glyph(ttf, cp), 0);
    assert_int_equal(glyph(ttf, cp + 1), next_was + 1);
    assert_int_equal(eg_pdf_trim_ttf(ttf, n, &cut, &m), 0);
    assert_int_equal(glyph(cut, cp), 0);
    same_glyph(ttf, next_was + 1, cut, glyph(cut, cp + 1));
    free(ttf);
    free(cut);
}

/* The headers the copy writes, as the TrueType spec has them: the table
 * directory's and the cmap subtable's binary-search fields (searchRange
 * 2^floor(log2 n) units, entrySelector, rangeShift), and the closing
 * segment mapping U+FFFF to glyph 0 (idDelta 1). */
static void the_copy_has_the_search_fields_the_spec_asks(void **state)
{
    size_t n, m;
    unsigned char *ttf = slurp(FACE, &n), *cut, *sub;
    unsigned tables, segs, p = 1, sel = 0;

    (void)state;
    assert_int_equal(eg_pdf_trim_ttf(ttf, n, &cut, &m), 0);
    tables = be16(cut + 4);
    while (2 * p <= tables)
        p *= 2, sel++;
    assert_int_equal(be16(cut + 6), 16 * p);
    assert_int_equal(be16(cut + 8), sel);
    assert_int_equal(be16(cut + 10), 16 * tables - 16 * p);

    sub = unicode_subtable(cut);
    segs = be16(sub + 6) / 2;
    assert_int_equal(segs, N_KEPT + 1);
    for (p = 1, sel = 0; 2 * p <= segs;)
        p *= 2, sel++;
    assert_int_equal(be16(sub + 8), 2 * p);
    assert_int_equal(be16(sub + 10), sel);
    assert_int_equal(be16(sub + 12), 2 * segs - 2 * p);
    assert_int_equal(be16(sub + 14 + 2 * N_KEPT), 0xFFFF);
    assert_int_equal(be16(sub + 16 + 2 * segs + 2 * N_KEPT), 0xFFFF);
    assert_int_equal(be16(sub + 16 + 4 * segs + 2 * N_KEPT), 1);
    assert_int_equal(glyph(cut, 0xFFFF), 0);
    free(ttf);
    free(cut);
}

/* The copy goes to libharu in memory, tagged as libharu tags a face it
 * loads from a file (HPDFAA, HPDFAB...): a face loaded twice is one face
 * (the same name, the tag not spent); the next face takes the next tag. */
static void faces_loaded_from_memory_are_named_and_tagged_as_from_a_file(void **state)
{
    HPDF_Doc a = HPDF_New(eg_test_hpdf_no_error, NULL);
    const char *one, *again, *other;
    int trimmed = 0;
    HPDF_UINT32 size;
    char *pdf;

    (void)state;
    HPDF_UseUTFEncodings(a);
    one = eg_pdf_load_face(a, FACE, &trimmed);
    assert_non_null(one);
    assert_true(trimmed);
    again = eg_pdf_load_face(a, FACE, &trimmed);
    assert_true(trimmed);
    assert_string_equal(one, again);
    other = eg_pdf_load_face(a, FACE_BOLD, &trimmed);
    assert_non_null(other);
    assert_string_not_equal(one, other);
    assert_non_null(HPDF_GetFont(a, one, "UTF-8"));
    assert_non_null(HPDF_GetFont(a, other, "UTF-8"));
    /* the embedded faces' names, in the saved file's font dictionaries */
    pdf = eg_test_hpdf_saved(a, &size);
    assert_non_null(memmem(pdf, size, "/HPDFAA+NotoSerif", 17));
    assert_non_null(memmem(pdf, size, "/HPDFAB+NotoSerif-Bold", 22));
    assert_null(memmem(pdf, size, "/HPDFAC+", 8));
    free(pdf);
    HPDF_Free(a);
}

/* A face's file of up to 64 MiB is read into memory and cut down; one a
 * byte longer is not read so (no font is that large: it is no face the
 * program should hold in memory), and libharu loads it from its file,
 * whole, under the same name.  The bytes past the face's tables are
 * zeros here, as no table points at them. */
static void a_face_file_past_64_mib_is_loaded_whole_from_the_file(void **state)
{
    char path[] = "/tmp/egreport-face-XXXXXX";
    size_t n;
    unsigned char *ttf = slurp(FACE, &n);
    int fd = mkstemp(path);

    (void)state;
    assert_true(fd >= 0);
    assert_int_equal(write(fd, ttf, n), (ssize_t)n);
    for (int past = 0; past <= 1; past++) {
        HPDF_Doc a = HPDF_New(eg_test_hpdf_no_error, NULL);
        const char *name;
        int trimmed = -1;

        assert_int_equal(ftruncate(fd, ((off_t)64 << 20) + past), 0);
        HPDF_UseUTFEncodings(a);
        name = eg_pdf_load_face(a, path, &trimmed);
        assert_non_null(name);
        assert_string_equal(name, "NotoSerif-Regular");
        assert_int_equal(trimmed, !past);
        assert_non_null(HPDF_GetFont(a, name, "UTF-8"));
        HPDF_Free(a);
    }
    close(fd);
    unlink(path);
    free(ttf);
}

/* Tags roll over as libharu rolls them: after HPDFAY comes HPDFAZ, then
 * HPDFBA; after HPDFZZ, HPDGAA; the same as a face loaded from its file. */
static void tags_roll_over_as_libharus_do(void **state)
{
    static const char *const runs[][2] = {
        { "HPDFAY", "/HPDFAZ+NotoSerif" }, { "HPDFAZ", "/HPDFBA+NotoSerif" },
        { "HPDFZZ", "/HPDGAA+NotoSerif" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof runs / sizeof *runs; i++)
        for (int from_file = 0; from_file < 2; from_file++) {
            HPDF_Doc a = HPDF_New(eg_test_hpdf_no_error, NULL);
            const char *name;
            HPDF_UINT32 size;
            char *pdf;
            int trimmed = 0;

            HPDF_UseUTFEncodings(a);
            memcpy(a->ttfont_tag, runs[i][0], 6);
            name = from_file ? HPDF_LoadTTFontFromFile(a, FACE, HPDF_TRUE)
                             : eg_pdf_load_face(a, FACE, &trimmed);
            assert_non_null(name);
            assert_int_equal(trimmed, !from_file);
            assert_non_null(HPDF_GetFont(a, name, "UTF-8"));
            pdf = eg_test_hpdf_saved(a, &size);
            if (!memmem(pdf, size, runs[i][1], strlen(runs[i][1])))
                fail_msg("after %s (%s): no %s", runs[i][0], from_file ? "file" : "copy",
                         runs[i][1]);
            free(pdf);
            HPDF_Free(a);
        }
}

static void the_copy_measures_text_as_the_font_does(void **state)
{
    static const char text[] = "Kết quả xây dựng Chính quyền điện tử năm 2020: 98,98% ĐƯỢC";
    HPDF_Doc a = HPDF_New(eg_test_hpdf_no_error, NULL), b = HPDF_New(eg_test_hpdf_no_error, NULL);
    HPDF_Font fa, fb;
    HPDF_TextWidth wa, wb;
    int trimmed = 0;

    (void)state;
    HPDF_UseUTFEncodings(a);
    HPDF_UseUTFEncodings(b);
    fa = HPDF_GetFont(a, HPDF_LoadTTFontFromFile(a, FACE, HPDF_TRUE), "UTF-8");
    fb = HPDF_GetFont(b, eg_pdf_load_face(b, FACE, &trimmed), "UTF-8");
    assert_true(trimmed);
    wa = HPDF_Font_TextWidth(fa, (const HPDF_BYTE *)text, sizeof text - 1);
    wb = HPDF_Font_TextWidth(fb, (const HPDF_BYTE *)text, sizeof text - 1);
    assert_int_equal(wa.width, wb.width);
    assert_int_equal(wa.numchars, wb.numchars);
    HPDF_Free(a);
    HPDF_Free(b);
}

/* The bytes of the stream the first /key of doc[0..n) refers to. */
static const unsigned char *stream_of(const char *doc, size_t n, const char *key, size_t *len)
{
    const char *at = memmem(doc, n, key, strlen(key)), *obj, *data, *end;
    char head[32];
    int ref;

    assert_non_null(at);
    assert_int_equal(sscanf(at + strlen(key), " %d 0 R", &ref), 1);
    snprintf(head, sizeof head, "\n%d 0 obj", ref);
    obj = memmem(doc, n, head, strlen(head));
    assert_non_null(obj);
    data = memmem(obj, n - (size_t)(obj - doc), "stream\r\n", 8);
    assert_non_null(data);
    data += 8;
    end = memmem(data, n - (size_t)(data - doc), "endstream", 9);
    assert_non_null(end);
    while (end > data && (end[-1] == '\n' || end[-1] == '\r'))
        end--;
    *len = (size_t)(end - data);
    return (const unsigned char *)data;
}

/* The text of the first "/W [...]" of doc, its brackets balanced. */
static char *widths_of(const char *doc, size_t n)
{
    const char *at = memmem(doc, n, "/W [", 4), *p;
    int depth = 0;

    assert_non_null(at);
    for (p = at + 3; *p; p++) {
        depth += *p == '[';
        depth -= *p == ']';
        if (depth == 0)
            break;
    }
    assert_int_equal(depth, 0);
    return eg_xstrndup(at, (size_t)(p + 1 - at));
}

/* A font of the cut-down face is made with a map from CIDs to glyphs
 * that stops after U+25FF, the last code point the face keeps: the same
 * glyphs as libharu's own map up to there, nothing but glyph 0 in the
 * rest of libharu's (to U+FFFF); the same widths; the same text widths;
 * and the UTF-8 encoder as it was before. */
static void the_font_of_a_cut_down_face_maps_its_code_points_and_stops_there(void **state)
{
    static const char text[] = "Kết quả xây dựng Chính quyền điện tử năm 2020: 98,98% ĐƯỢC ₫ №";
    HPDF_Doc a = HPDF_New(eg_test_hpdf_no_error, NULL), b = HPDF_New(eg_test_hpdf_no_error, NULL);
    HPDF_Font fa, fb;
    HPDF_TextWidth wa, wb;
    HPDF_Encoder enc;
    HPDF_CMapEncoderAttr before;
    HPDF_Encoder_ToUnicode_Func own;
    HPDF_UINT32 na, nb;
    char *da, *db, *ww_a, *ww_b;
    const char *name;
    const unsigned char *ma, *mb;
    size_t la, lb;
    int trimmed = 0;

    (void)state;
    HPDF_UseUTFEncodings(a);
    HPDF_UseUTFEncodings(b);
    fa = HPDF_GetFont(a, eg_pdf_load_face(a, FACE, &trimmed), "UTF-8");
    assert_true(trimmed);
    enc = HPDF_GetEncoder(b, "UTF-8");
    assert_non_null(enc);
    before = eg_xmalloc(sizeof *before);
    memcpy(before, enc->attr, sizeof *before);
    own = enc->to_unicode_fn;
    trimmed = 0;
    name = eg_pdf_load_face(b, FACE, &trimmed);
    assert_true(trimmed);
    fb = eg_pdf_get_font(b, name);
    assert_non_null(fb);
    assert_ptr_equal(enc->to_unicode_fn, own);
    assert_memory_equal(enc->attr, before, sizeof *before);
    free(before);

    wa = HPDF_Font_TextWidth(fa, (const HPDF_BYTE *)text, sizeof text - 1);
    wb = HPDF_Font_TextWidth(fb, (const HPDF_BYTE *)text, sizeof text - 1);
    assert_int_equal(wa.width, wb.width);
    assert_int_equal(wa.numchars, wb.numchars);

    da = eg_test_hpdf_saved(a, &na);
    db = eg_test_hpdf_saved(b, &nb);
    ma = stream_of(da, na, "/CIDToGIDMap", &la);
    mb = stream_of(db, nb, "/CIDToGIDMap", &lb);
    assert_int_equal(la, 2 * 0xFFFF);
    assert_int_equal(lb, 2 * 0x2600);
    assert_memory_equal(ma, mb, lb);
    for (size_t i = lb; i < la; i++)
        assert_int_equal(ma[i], 0);
    assert_int_not_equal(mb[2 * 0x1EBF] << 8 | mb[2 * 0x1EBF + 1], 0);   /* ế has its glyph */
    assert_int_not_equal(mb[2 * 'A'] << 8 | mb[2 * 'A' + 1], 0);
    ww_a = widths_of(da, na);
    ww_b = widths_of(db, nb);
    assert_string_equal(ww_a, ww_b);
    free(ww_a);
    free(ww_b);
    free(da);
    free(db);
    HPDF_Free(a);
    HPDF_Free(b);
}

/* A face loaded as it is (not cut down) gets libharu's own font; so does
 * the copy of a face loaded whole before it, which libharu gives back
 * under the same name. */
static void the_font_of_a_whole_face_is_libharus_own(void **state)
{
    HPDF_Doc a = HPDF_New(eg_test_hpdf_no_error, NULL), b = HPDF_New(eg_test_hpdf_no_error, NULL);
    const char *name;
    HPDF_UINT32 n;
    char *d;
    size_t len;
    int trimmed = 0;

    (void)state;
    HPDF_UseUTFEncodings(a);
    assert_non_null(eg_pdf_get_font(a, HPDF_LoadTTFontFromFile(a, FACE, HPDF_TRUE)));
    d = eg_test_hpdf_saved(a, &n);
    stream_of(d, n, "/CIDToGIDMap", &len);
    assert_int_equal(len, 2 * 0xFFFF);
    free(d);
    HPDF_Free(a);

    HPDF_UseUTFEncodings(b);
    name = HPDF_LoadTTFontFromFile(b, FACE, HPDF_TRUE);
    trimmed = 1;
    assert_string_equal(eg_pdf_load_face(b, FACE, &trimmed), name);
    assert_false(trimmed);
    assert_non_null(eg_pdf_get_font(b, name));
    d = eg_test_hpdf_saved(b, &n);
    stream_of(d, n, "/CIDToGIDMap", &len);
    assert_int_equal(len, 2 * 0xFFFF);
    free(d);
    HPDF_Free(b);
}

/* An error libharu raised, kept in *(HPDF_STATUS *)u (the first). */
static void HPDF_STDCALL recorded_error(HPDF_STATUS e, HPDF_STATUS d, void *u)
{
    (void)d;
    if (*(HPDF_STATUS *)u == 0)
        *(HPDF_STATUS *)u = e;
}

/* Only a face whose cmap is the copy's own, segment for segment, has its
 * font's map cut after U+25FF: the copy loaded from a file is; with its
 * first segment starting a code point late (its end the same), it is a
 * whole face, libharu's map to U+FFFF.  With its closing segment ending
 * before U+FFFF it is no font at all: libharu 2.3.0 would read past the
 * segments it allocated while it maps the whole face (valgrind showed
 * it), so the font is refused as an unusable cmap. */
static void only_the_copys_own_cmap_makes_a_cut_down_font(void **state)
{
    size_t n, m;
    unsigned char *ttf = slurp(FACE, &n), *cut;

    (void)state;
    assert_int_equal(eg_pdf_trim_ttf(ttf, n, &cut, &m), 0);
    for (int change = 0; change < 3; change++) {
        unsigned char *copy = eg_xmalloc(m), *sub;
        HPDF_STATUS raised = 0;
        char path[] = "/tmp/eg-pdf-font-XXXXXX";
        int fd = mkstemp(path);
        HPDF_Doc a = HPDF_New(change == 1 ? recorded_error : eg_test_hpdf_no_error, &raised);
        unsigned segs;
        HPDF_UINT32 size;
        char *pdf;
        size_t len;
        HPDF_Font font;

        memcpy(copy, cut, m);
        sub = unicode_subtable(copy);
        segs = be16(sub + 6) / 2;
        if (change == 1) {
            put16(sub + 14 + 2 * (segs - 1), 0xFFFE);
            put16(sub + 16 + 2 * segs + 2 * (segs - 1), 0xFFFE);
        } else if (change == 2) {
            put16(sub + 16 + 2 * segs, KEPT[0][0] + 1);
        }
        assert_true(fd >= 0);
        assert_int_equal(write(fd, copy, m), (ssize_t)m);
        close(fd);
        HPDF_UseUTFEncodings(a);
        font = eg_pdf_get_font(a, HPDF_LoadTTFontFromFile(a, path, HPDF_TRUE));
        unlink(path);
        if (change == 1) {
            assert_null(font);
            assert_int_equal(raised, HPDF_TTF_INVALID_CMAP);
            free(copy);
            HPDF_Free(a);
            continue;
        }
        assert_non_null(font);
        pdf = eg_test_hpdf_saved(a, &size);
        stream_of(pdf, size, "/CIDToGIDMap", &len);
        if (len != (change == 0 ? 2 * 0x2600 : 2 * 0xFFFF))
            fail_msg("change %d: a CIDToGIDMap of %zu bytes", change, len);
        free(pdf);
        free(copy);
        HPDF_Free(a);
    }
    free(ttf);
    free(cut);
}

/* The UTF-8 encoder keeps the state of the text it parsed last in the
 * first bytes of its cid_map: a font made after some text was measured
 * takes none of it for a CID. */
static void the_encoders_state_is_no_cid(void **state)
{
    HPDF_Doc a = HPDF_New(eg_test_hpdf_no_error, NULL);
    HPDF_Font regular;
    HPDF_Encoder enc;
    HPDF_UINT16 before[16];
    HPDF_UINT32 n;
    const char *name;
    char *d, *bold_at;
    size_t len;
    int trimmed = 0;

    (void)state;
    HPDF_UseUTFEncodings(a);
    HPDF_SetCompressionMode(a, HPDF_COMP_NONE);
    regular = eg_pdf_get_font(a, eg_pdf_load_face(a, FACE, &trimmed));
    assert_non_null(regular);
    HPDF_Font_TextWidth(regular, (const HPDF_BYTE *)"ế", strlen("ế"));
    HPDF_Font_TextWidth(regular, (const HPDF_BYTE *)"A", 1);
    enc = HPDF_GetEncoder(a, "UTF-8");
    memcpy(before, ((HPDF_CMapEncoderAttr)enc->attr)->cid_map[0], sizeof before);
    assert_true(before[1] != 0);        /* the state is there */
    name = eg_pdf_load_face(a, FACE_BOLD, &trimmed);
    assert_true(trimmed);
    assert_non_null(eg_pdf_get_font(a, name));
    assert_memory_equal(((HPDF_CMapEncoderAttr)enc->attr)->cid_map[0], before, sizeof before);
    d = eg_test_hpdf_saved(a, &n);
    bold_at = memmem(d, n, "/BaseFont /HPDFAB+NotoSerif-Bold", 32);
    assert_non_null(bold_at);
    stream_of(bold_at, n - (size_t)(bold_at - d), "/CIDToGIDMap", &len);
    assert_int_equal(len, 2 * 0x2600);
    free(d);
    HPDF_Free(a);
}

/* The ToUnicode map of font made in a fresh document by get (a cut-down
 * or a whole face): every code of the BMP but the surrogates to itself,
 * in ranges within a row of 256 codes, in sections of at most 100 whose
 * counts are right; no encoding CMap's cidrange and no encoding CMap's
 * keys in its dictionary. */
static void check_identity_to_unicode(int cut_down)
{
    static const char map_head[] =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    /* (stream_of leaves out the line end before "endstream") */
    static const char map_tail[] =
        "endbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend";
    HPDF_Doc a = HPDF_New(eg_test_hpdf_no_error, NULL);
    HPDF_Font font;
    static unsigned char seen[0x10000];
    const char *name, *p, *end, *dict;
    const unsigned char *map;
    HPDF_UINT32 n;
    size_t len;
    char *d, *text;
    unsigned lo, hi, to, declared = 0, in_section = 0, sections = 0;
    int trimmed = 0, used;

    HPDF_UseUTFEncodings(a);
    HPDF_SetCompressionMode(a, HPDF_COMP_NONE);
    name = cut_down ? eg_pdf_load_face(a, FACE, &trimmed) : HPDF_LoadTTFontFromFile(a, FACE, HPDF_TRUE);
    assert_int_equal(trimmed, cut_down);
    font = eg_pdf_get_font(a, name);
    assert_non_null(font);
    assert_ptr_equal(eg_pdf_get_font(a, name), font);      /* libharu's own, made again */
    d = eg_test_hpdf_saved(a, &n);
    assert_non_null(memmem(d, n, "/Encoding /Identity-H", 21));
    map = stream_of(d, n, "/ToUnicode", &len);
    assert_null(memmem(map + len, n - (size_t)(map + len - (const unsigned char *)d), "/ToUnicode", 10));
    text = eg_xstrndup((const char *)map, len);
    assert_null(strstr(text, "cidrange"));
    assert_int_equal(strncmp(text, map_head, strlen(map_head)), 0);
    assert_true(len > strlen(map_tail));
    assert_string_equal(text + len - strlen(map_tail), map_tail);
    memset(seen, 0, sizeof seen);
    for (p = text; (p = strstr(p, "beginbfrange")) != NULL; p = end) {
        const char *count = p;

        while (count > text && count[-1] != '\n')
            count--;
        assert_int_equal(sscanf(count, "%u beginbfrange", &declared), 1);
        assert_true(declared >= 1 && declared <= 100);
        end = strstr(p, "endbfrange");
        assert_non_null(end);
        p += strlen("beginbfrange\n");
        in_section = 0;
        while (p < end) {
            used = -1;
            assert_int_equal(sscanf(p, "<%4X> <%4X> <%4X>\n%n", &lo, &hi, &to, &used), 3);
            assert_true(used == 21);                        /* "<XXXX> <XXXX> <XXXX>\n" */
            assert_true(lo <= hi && lo >> 8 == hi >> 8);    /* within one row */
            assert_int_equal(to, lo);                       /* each code to itself */
            for (unsigned c = lo; c <= hi; c++) {
                assert_int_equal(seen[c], 0);
                seen[c] = 1;
            }
            in_section++;
            p += used;
        }
        assert_ptr_equal(p, end);
        assert_int_equal(in_section, declared);
        sections++;
    }
    assert_int_equal(sections, 3);
    for (unsigned c = 0; c <= 0xFFFF; c++)
        assert_int_equal(seen[c], c < 0xD800 || c > 0xDFFF);
    /* the stream's dictionary: what a stream has, and no encoding CMap's keys */
    dict = memmem(d, n, "/ToUnicode", 10);
    assert_non_null(dict);
    assert_int_equal(sscanf(dict, "/ToUnicode %u", &lo), 1);
    {
        char head[32];
        const char *obj, *stream;

        snprintf(head, sizeof head, "\n%u 0 obj", lo);
        obj = memmem(d, n, head, strlen(head));
        assert_non_null(obj);
        stream = memmem(obj, n - (size_t)(obj - d), "stream\r\n", 8);
        assert_non_null(stream);
        for (const char *k = obj; k < stream; k++) {
            assert_false(strncmp(k, "/Type", 5) == 0);
            assert_false(strncmp(k, "/CMapName", 9) == 0);
            assert_false(strncmp(k, "/CIDSystemInfo", 14) == 0);
            assert_false(strncmp(k, "/WMode", 6) == 0);
        }
    }
    free(text);
    free(d);
    HPDF_Free(a);
}

static void a_reader_copies_each_code_as_the_code_point_it_is(void **state)
{
    (void)state;
    check_identity_to_unicode(1);
    check_identity_to_unicode(0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_copy_maps_vietnamese_as_the_font_does_and_little_else),
        cmocka_unit_test(the_copy_draws_every_kept_character_as_the_font_does),
        cmocka_unit_test(the_glyphs_kept_are_renumbered_with_their_components_and_metrics),
        cmocka_unit_test(the_first_glyph_past_the_full_metrics_takes_the_first_bearing_alone),
        cmocka_unit_test(components_after_a_scale_or_a_matrix_are_found_and_renumbered),
        cmocka_unit_test(a_glyph_table_that_does_not_hold_together_is_refused),
        cmocka_unit_test(what_is_no_truetype_font_is_refused),
        cmocka_unit_test(a_face_tagged_true_is_cut_down_as_any),
        cmocka_unit_test(a_cmap_subtable_at_4_gib_is_refused),
        cmocka_unit_test(a_damaged_font_is_refused),
        cmocka_unit_test(a_cmap_cut_before_its_glyph_array_maps_what_it_still_holds),
        cmocka_unit_test(a_glyph_arrays_zero_is_no_glyph_whatever_the_delta),
        cmocka_unit_test(the_copy_has_the_search_fields_the_spec_asks),
        cmocka_unit_test(the_copy_measures_text_as_the_font_does),
        cmocka_unit_test(faces_loaded_from_memory_are_named_and_tagged_as_from_a_file),
        cmocka_unit_test(a_face_file_past_64_mib_is_loaded_whole_from_the_file),
        cmocka_unit_test(tags_roll_over_as_libharus_do),
        cmocka_unit_test(the_font_of_a_cut_down_face_maps_its_code_points_and_stops_there),
        cmocka_unit_test(the_font_of_a_whole_face_is_libharus_own),
        cmocka_unit_test(only_the_copys_own_cmap_makes_a_cut_down_font),
        cmocka_unit_test(the_encoders_state_is_no_cid),
        cmocka_unit_test(a_reader_copies_each_code_as_the_code_point_it_is),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
