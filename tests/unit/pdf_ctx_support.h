/*
 * pdf_ctx_support.h - a layout context for the PDF writer's unit tests: a
 * document with the program's two faces, its text uncompressed, and its
 * first A4 page.  Header-only, after hpdf_support.h and write/pdf_priv.h.
 */
#ifndef EG_TEST_PDF_CTX_SUPPORT_H
#define EG_TEST_PDF_CTX_SUPPORT_H

#include <math.h>

#include "write/pdf_font.h"

/* Positions agree to a hundredth of a point. */
#define NEAR(a, b) (fabs((a) - (b)) < 0.01)
#define assert_near(a, b)                                                                  \
    do {                                                                                   \
        double a_ = (a), b_ = (b);                                                         \
        if (!NEAR(a_, b_))                                                                 \
            fail_msg("%s is %.4f, not %.4f (%s)", #a, a_, b_, #b);                         \
    } while (0)

#define EG_TEST_FACE EG_PDF_FONT_DIR "/NotoSerif-Regular.ttf"
#define EG_TEST_FACE_BOLD EG_PDF_FONT_DIR "/NotoSerif-Bold.ttf"

/* c as the writer sets it up, nothing drawn when dry; before its first
 * page, the caller may set more of it (what the contents need). */
static inline void eg_test_pdf_ctx_faces(eg_pdf_ctx *c, int dry)
{
    const char *name;
    int trimmed = 0;

    memset(c, 0, sizeof *c);
    c->pdf = HPDF_New(eg_test_hpdf_no_error, NULL);
    assert_non_null(c->pdf);
    HPDF_UseUTFEncodings(c->pdf);
    HPDF_SetCurrentEncoder(c->pdf, "UTF-8");
    HPDF_SetCompressionMode(c->pdf, HPDF_COMP_METADATA);
    name = eg_pdf_load_face(c->pdf, EG_TEST_FACE, &trimmed);
    c->reg = eg_pdf_get_font(c->pdf, name);
    name = eg_pdf_load_face(c->pdf, EG_TEST_FACE_BOLD, &trimmed);
    c->bold = eg_pdf_get_font(c->pdf, name);
    assert_non_null(c->reg);
    assert_non_null(c->bold);
    c->dry = dry;
}

/* What eg_test_pdf_ctx_faces and the pages made. */
static inline void eg_test_pdf_ctx_free(eg_pdf_ctx *c)
{
    free(c->pages);
    free(c->page_no);
    HPDF_Free(c->pdf);
}

#endif
