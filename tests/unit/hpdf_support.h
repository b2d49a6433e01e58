/*
 * hpdf_support.h - what the PDF unit tests need of libharu: an error
 * handler that fails the test, a document saved into memory, and the
 * strings its page shows and where.
 * Header-only, after cmocka.h: each test is one program.
 */
#ifndef EG_TEST_HPDF_SUPPORT_H
#define EG_TEST_HPDF_SUPPORT_H

#include <hpdf.h>

#include "core/mem.h"

/* libharu's error handler: any error fails the test. */
static void HPDF_STDCALL eg_test_hpdf_no_error(HPDF_STATUS e, HPDF_STATUS d, void *u)
{
    (void)u;
    fail_msg("libharu error 0x%04lX detail %lu", (unsigned long)e, (unsigned long)d);
}

/* The saved document of pdf, NUL-terminated; *n its size. */
static inline char *eg_test_hpdf_saved(HPDF_Doc pdf, HPDF_UINT32 *n)
{
    char *buf;

    assert_int_equal(HPDF_SaveToStream(pdf), HPDF_OK);
    *n = HPDF_GetStreamSize(pdf);
    buf = eg_xmalloc(*n + 1);
    assert_int_equal(HPDF_ReadFromStream(pdf, (HPDF_BYTE *)buf, n), HPDF_OK);
    buf[*n] = '\0';
    return buf;
}

/* What a page shows: each string's hex and where it starts. */
typedef struct {
    size_t n;
    double x[32], y[32];
    char hex[32][256];
} shown_text;

/* The first needle in [p, end) (the saved document holds NUL bytes, in
 * its fonts); NULL when there is none. */
static inline char *find_in(char *p, const char *end, const char *needle)
{
    size_t k = strlen(needle);

    for (; p + k <= end; p++)
        if (memcmp(p, needle, k) == 0)
            return p;
    return NULL;
}

/* The strings shown on the only page of pdf, saved with its text
 * uncompressed: each BT .. ET starts at the origin, each "a b Td" moves
 * by (a, b), each "<hex> Tj" shows a string there. */
static inline void page_shows(HPDF_Doc pdf, shown_text *s)
{
    HPDF_UINT32 n;
    char *buf = eg_test_hpdf_saved(pdf, &n), *p = buf;

    memset(s, 0, sizeof *s);
    while ((p = find_in(p, buf + n, "\nBT\n")) != NULL) {
        char *et = find_in(p, buf + n, "\nET\n");
        double x = 0, y = 0;

        assert_non_null(et);
        for (p += 4; p < et;) {
            double a, b;
            int used = 0;

            if (sscanf(p, "%lf %lf Td%n", &a, &b, &used) == 2 && used > 0) {
                x += a;
                y += b;
                p += used;
            } else if (*p == '<') {
                char *e = strchr(p, '>');

                assert_true(s->n < 32 && e && (size_t)(e - p) < 256);
                memcpy(s->hex[s->n], p + 1, (size_t)(e - p - 1));
                s->x[s->n] = x;
                s->y[s->n++] = y;
                p = e + 1;
            } else {
                p = strchr(p, '\n') ? strchr(p, '\n') + 1 : et;
            }
        }
        p = et;
    }
    free(buf);
}

#endif
