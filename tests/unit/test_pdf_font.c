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

#include <hpdf.h>

#include "core/mem.h"
#include "write/pdf.h"
#include "write/pdf_font.h"

#define FACE EG_PDF_FONT_DIR "/NotoSerif-Regular.ttf"

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

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
        assert_int_equal(glyph(cut, vn[i]), glyph(ttf, vn[i]));
    }
    /* Greek is in the font, not in the copy */
    assert_true(glyph(ttf, 0x3A9) != 0);
    assert_int_equal(glyph(cut, 0x3A9), 0);
    /* no glyph names, no OpenType layout, the same glyphs */
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

static void HPDF_STDCALL no_error(HPDF_STATUS e, HPDF_STATUS d, void *u)
{
    (void)u;
    fail_msg("libharu error 0x%04lX detail %lu", (unsigned long)e, (unsigned long)d);
}

static void the_copy_measures_text_as_the_font_does(void **state)
{
    static const char text[] = "Kết quả xây dựng Chính quyền điện tử năm 2020: 98,98% ĐƯỢC";
    HPDF_Doc a = HPDF_New(no_error, NULL), b = HPDF_New(no_error, NULL);
    HPDF_Font fa, fb;
    HPDF_TextWidth wa, wb;
    int trimmed = 0;

    (void)state;
    HPDF_UseUTFEncodings(a);
    HPDF_UseUTFEncodings(b);
    fa = HPDF_GetFont(a, HPDF_LoadTTFontFromFile(a, FACE, HPDF_TRUE), "UTF-8");
    fb = HPDF_GetFont(b, eg_pdf_load_face(b, FACE, NULL, &trimmed), "UTF-8");
    assert_true(trimmed);
    wa = HPDF_Font_TextWidth(fa, (const HPDF_BYTE *)text, sizeof text - 1);
    wb = HPDF_Font_TextWidth(fb, (const HPDF_BYTE *)text, sizeof text - 1);
    assert_int_equal(wa.width, wb.width);
    assert_int_equal(wa.numchars, wb.numchars);
    HPDF_Free(a);
    HPDF_Free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_copy_maps_vietnamese_as_the_font_does_and_little_else),
        cmocka_unit_test(what_is_no_truetype_font_is_refused),
        cmocka_unit_test(the_copy_measures_text_as_the_font_does),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
