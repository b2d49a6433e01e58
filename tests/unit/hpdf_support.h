/*
 * hpdf_support.h - what the PDF unit tests need of libharu: an error
 * handler that fails the test, a document saved into memory, the strings
 * its page shows and where, and, operator by operator, what each of its
 * pages draws (with the graphics state it is drawn in) and links to.
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

/* ---- a page's drawing, operator by operator ---------------------------- */

/* The state an operator was drawn in: q and Q followed. */
typedef struct {
    double fill[3], stroke[3];   /* RGB; g and G set all three */
    double lw;                   /* line width, in user units */
    int cap;                     /* line cap (J) */
    double dash[4];              /* the dash array (d) and its phase */
    int n_dash;
    double phase;
    double ctm[6];               /* the current matrix (cm) */
} pdf_gstate;

/* One operator of a page's content stream.  For "m", "l" and "re", (x, y)
 * is its first point through the current matrix; for "Tj", where the
 * string starts (each BT at the origin, each Td moving it), text the string
 * in UTF-8 (the fonts' codes are the code points, pdf_font.h), font the
 * face (NotoSerif-Bold,Bold) and size those of the last Tf. */
typedef struct {
    char op[4];
    double a[8];                 /* its numeric operands, a dash array's too */
    int n;
    pdf_gstate gs;
    double x, y;
    char *text;
    char font[64];
    double size;
} pdf_op;

/* A link annotation: its rectangle as written (left, bottom, right, top),
 * the page (0-based) its destination shows and the top it is fitted to. */
typedef struct {
    double rect[4];
    size_t page;
    double fit_h;
    int border_none;             /* /Border [ 0 0 0 ] */
} pdf_link;

typedef struct {
    pdf_op *ops;
    size_t n, cap;
    pdf_link links[256];
    size_t n_links;
} pdf_page;

/* The object n of the saved document: what follows "n 0 obj". */
static inline char *pdf_object(char *buf, const char *end, long n)
{
    char key[48];
    char *p;

    snprintf(key, sizeof key, "\n%ld 0 obj\n", n);
    p = find_in(buf, end, key);
    assert_non_null(p);
    return p + strlen(key);
}

/* The number of the object that contains p. */
static inline long pdf_object_of(const char *buf, const char *p)
{
    while (p > buf && memcmp(p, " 0 obj\n", 7) != 0)
        p--;
    while (p > buf && p[-1] != '\n')
        p--;
    return strtol(p, NULL, 10);
}

/* The UTF-8 of a string of 4-digit hex codes (code points of the BMP). */
static inline char *pdf_hex_text(const char *h, size_t n)
{
    char *out = eg_xmalloc(n + 1), *o = out;

    for (size_t i = 0; i + 4 <= n; i += 4) {
        char d[5] = { h[i], h[i + 1], h[i + 2], h[i + 3], 0 };
        unsigned long u = strtoul(d, NULL, 16);

        if (u < 0x80) {
            *o++ = (char)u;
        } else if (u < 0x800) {
            *o++ = (char)(0xC0 | (u >> 6));
            *o++ = (char)(0x80 | (u & 0x3F));
        } else {
            *o++ = (char)(0xE0 | (u >> 12));
            *o++ = (char)(0x80 | ((u >> 6) & 0x3F));
            *o++ = (char)(0x80 | (u & 0x3F));
        }
    }
    *o = '\0';
    return out;
}

/* The face of font resource name (F1) on the page whose dictionary is
 * [dict, dict_end): its BaseFont, without the subset's tag. */
static inline void pdf_font_of(char *buf, const char *end, const char *dict,
                               const char *dict_end, const char *name, char *out, size_t cap)
{
    char key[48], *p, *f;
    size_t k;

    snprintf(key, sizeof key, "/%s ", name);
    p = find_in((char *)dict, dict_end, key);
    assert_non_null(p);
    f = find_in(pdf_object(buf, end, strtol(p + strlen(key), NULL, 10)), end, "/BaseFont /");
    assert_non_null(f);
    f += strlen("/BaseFont /");
    if (strchr(f, '+') && strchr(f, '+') < strchr(f, '\n'))
        f = strchr(f, '+') + 1;
    k = strcspn(f, "\n");
    assert_true(k < cap);
    memcpy(out, f, k);
    out[k] = '\0';
}

static inline void pdf_push_op(pdf_page *pg, const pdf_op *o)
{
    if (pg->n == pg->cap) {
        pg->cap = pg->cap ? 2 * pg->cap : 256;
        pg->ops = eg_xrealloc(pg->ops, pg->cap * sizeof *pg->ops);
    }
    pg->ops[pg->n++] = *o;
}

/* The operators of a content stream [p, end) of the page whose dictionary
 * is [dict, dict_end). */
static inline void pdf_parse_content(char *buf, const char *buf_end, const char *dict,
                                     const char *dict_end, const char *p, const char *end,
                                     pdf_page *pg)
{
    pdf_gstate gs = { { 0, 0, 0 }, { 0, 0, 0 }, 1, 0, { 0 }, 0, 0, { 1, 0, 0, 1, 0, 0 } };
    pdf_gstate saved[16];
    int depth = 0;
    double num[8], tx = 0, ty = 0, size = 0;
    int n = 0;
    char name[32] = "", font[64] = "";
    const char *hex = NULL;
    size_t hex_n = 0;

    while (p < end) {
        if (*p == ' ' || *p == '\n' || *p == '\r' || *p == '[' || *p == ']') {
            p++;
        } else if (*p == '/') {
            size_t k = strcspn(p + 1, " \n\r[]");

            assert_true(k < sizeof name);
            memcpy(name, p + 1, k);
            name[k] = '\0';
            p += 1 + k;
        } else if (*p == '<') {
            hex = p + 1;
            p = strchr(p, '>');
            assert_non_null(p);
            hex_n = (size_t)(p - hex);
            p++;
        } else if ((*p >= '0' && *p <= '9') || *p == '-' || *p == '.') {
            char *e;
            double v = strtod(p, &e);

            assert_true(e > p);
            if (n < 8)
                num[n++] = v;
            p = e;
        } else {
            pdf_op o;
            size_t k = strcspn(p, " \n\r[]</");

            memset(&o, 0, sizeof o);
            assert_true(k < sizeof o.op);
            memcpy(o.op, p, k);
            p += k;
            memcpy(o.a, num, sizeof num);
            o.n = n;
            if (!strcmp(o.op, "q")) {
                assert_true(depth < 16);
                saved[depth++] = gs;
            } else if (!strcmp(o.op, "Q")) {
                assert_true(depth > 0);
                gs = saved[--depth];
            } else if (!strcmp(o.op, "cm") && n == 6) {
                double m[6];

                m[0] = num[0] * gs.ctm[0] + num[1] * gs.ctm[2];
                m[1] = num[0] * gs.ctm[1] + num[1] * gs.ctm[3];
                m[2] = num[2] * gs.ctm[0] + num[3] * gs.ctm[2];
                m[3] = num[2] * gs.ctm[1] + num[3] * gs.ctm[3];
                m[4] = num[4] * gs.ctm[0] + num[5] * gs.ctm[2] + gs.ctm[4];
                m[5] = num[4] * gs.ctm[1] + num[5] * gs.ctm[3] + gs.ctm[5];
                memcpy(gs.ctm, m, sizeof m);
            } else if (!strcmp(o.op, "g") && n == 1) {
                gs.fill[0] = gs.fill[1] = gs.fill[2] = num[0];
            } else if (!strcmp(o.op, "G") && n == 1) {
                gs.stroke[0] = gs.stroke[1] = gs.stroke[2] = num[0];
            } else if (!strcmp(o.op, "rg") && n == 3) {
                memcpy(gs.fill, num, sizeof gs.fill);
            } else if (!strcmp(o.op, "RG") && n == 3) {
                memcpy(gs.stroke, num, sizeof gs.stroke);
            } else if (!strcmp(o.op, "w") && n == 1) {
                gs.lw = num[0];
            } else if (!strcmp(o.op, "J") && n == 1) {
                gs.cap = (int)num[0];
            } else if (!strcmp(o.op, "d") && n >= 1) {
                gs.n_dash = n - 1;
                assert_true(gs.n_dash <= 4);
                memcpy(gs.dash, num, (size_t)gs.n_dash * sizeof *num);
                gs.phase = num[n - 1];
            } else if (!strcmp(o.op, "BT")) {
                tx = ty = 0;
            } else if (!strcmp(o.op, "Td") && n == 2) {
                tx += num[0];
                ty += num[1];
            } else if (!strcmp(o.op, "Tf") && n == 1) {
                pdf_font_of(buf, buf_end, dict, dict_end, name, font, sizeof font);
                size = num[0];
            } else if (!strcmp(o.op, "Tj")) {
                assert_non_null(hex);
                o.text = pdf_hex_text(hex, hex_n);
                o.x = tx;
                o.y = ty;
                memcpy(o.font, font, sizeof font);
                o.size = size;
            } else if ((!strcmp(o.op, "m") || !strcmp(o.op, "l") || !strcmp(o.op, "re")) &&
                       n >= 2) {
                o.x = num[0] * gs.ctm[0] + num[1] * gs.ctm[2] + gs.ctm[4];
                o.y = num[0] * gs.ctm[1] + num[1] * gs.ctm[3] + gs.ctm[5];
            }
            o.gs = gs;
            pdf_push_op(pg, &o);
            n = 0;
            hex = NULL;
        }
    }
}

/* Every page of pdf, saved with its content streams uncompressed
 * (HPDF_COMP_METADATA at most), in the order they were added: *pages
 * (free_pages frees them); returns how many. */
static inline size_t read_pages(HPDF_Doc pdf, pdf_page **pages)
{
    HPDF_UINT32 n;
    char *buf = eg_test_hpdf_saved(pdf, &n), *end = buf + n, *p = buf;
    long page_obj[256];
    char *dicts[256];
    size_t n_pages = 0;

    *pages = NULL;
    /* the pages' objects first: a link names the page it goes to */
    while ((p = find_in(p, end, "/Type /Page\n")) != NULL) {
        assert_true(n_pages < 256);
        page_obj[n_pages] = pdf_object_of(buf, p);
        dicts[n_pages++] = p;
        p++;
    }
    *pages = eg_xcalloc(n_pages ? n_pages : 1, sizeof **pages);
    for (size_t i = 0; i < n_pages; i++) {
        char *dict = dicts[i], *dict_end = find_in(dict, end, "\nendobj\n");
        char *c = find_in(dict, dict_end, "/Contents "), *a, *s, *e;

        assert_non_null(dict_end);
        assert_non_null(c);
        s = find_in(pdf_object(buf, end, strtol(c + strlen("/Contents "), NULL, 10)), end,
                    "stream\r\n");
        assert_non_null(s);
        s += strlen("stream\r\n");
        e = find_in(s, end, "endstream");
        assert_non_null(e);
        pdf_parse_content(buf, end, dict, dict_end, s, e, &(*pages)[i]);

        a = find_in(dict, dict_end, "/Annots [");
        for (a = a ? a + strlen("/Annots [") : NULL; a && *a != ']';) {
            char *o, *r, *d, *dst;
            long num = strtol(a, &a, 10);
            pdf_link *l = &(*pages)[i].links[(*pages)[i].n_links];

            assert_true((*pages)[i].n_links < 256);
            (*pages)[i].n_links++;
            a = strstr(a, "R") + 1;
            while (*a == ' ')
                a++;
            o = pdf_object(buf, end, num);
            r = find_in(o, end, "/Rect [");
            assert_non_null(r);
            r += strlen("/Rect [");
            for (int k = 0; k < 4; k++)
                l->rect[k] = strtod(r, &r);
            d = find_in(o, end, "/Dest ");
            assert_non_null(d);
            dst = pdf_object(buf, end, strtol(d + strlen("/Dest "), NULL, 10));
            l->page = n_pages;
            {
                long to = strtol(dst + strlen("["), &dst, 10);

                for (size_t k = 0; k < n_pages; k++)
                    if (page_obj[k] == to)
                        l->page = k;
            }
            dst = find_in(dst, end, "/FitH ");
            assert_non_null(dst);
            l->fit_h = strtod(dst + strlen("/FitH "), NULL);
            {
                char *b = find_in(o, end, "/Border [ 0 0 0 ]"), *oe = find_in(o, end, "endobj");

                l->border_none = b && b < oe;
            }
        }
    }
    free(buf);
    return n_pages;
}

static inline void free_pages(pdf_page *pages, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < pages[i].n; k++)
            free(pages[i].ops[k].text);
        free(pages[i].ops);
    }
    free(pages);
}

/* How many times the operator op (as "re", "d", "cm") is drawn on pg. */
static inline size_t count_op(const pdf_page *pg, const char *op)
{
    size_t n = 0;

    for (size_t i = 0; i < pg->n; i++)
        n += strcmp(pg->ops[i].op, op) == 0;
    return n;
}

#endif
