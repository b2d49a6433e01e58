/*
 * test_pdf_form.c - write/pdf_form.c: the parts of the Nghị định
 * 30/2020/NĐ-CP form, drawn on a page of their own and read back operator
 * by operator (hpdf_support.h): page 1's heading, the issuing body and the
 * number in the left 40 % of the text width, the national motto, its
 * slogan and the place and date in the right 60 %, each centred in its
 * column, a short rule under the issuer and one as wide as the slogan
 * under it, then the title across the page; the signature block, the
 * signer's titles and name centred in the right 55 % with room to sign,
 * Nơi nhận and its recipients after a dash in the left 45 %; an appendix's
 * label, title and note centred on a page of its own, numbered afresh.
 * Faces, sizes and positions are those the form sets, to a hundredth of
 * a point.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpdf_support.h"
#include "write/pdf.h"
#include "write/pdf_priv.h"
#include "write/pdf_text.h"
#include "pdf_ctx_support.h"

#define REG "NotoSerif-Regular"
#define BOLD "NotoSerif-Bold,Bold"
#define IT "NotoSerif-Italic,Italic"
#define BI "NotoSerif-BoldItalic,Bold"

/* A layout context with the program's four faces, on its first page. */
static void new_ctx(eg_pdf_ctx *c)
{
    const char *name;
    int trimmed = 0;

    eg_test_pdf_ctx_faces(c, 0);
    name = eg_pdf_load_face(c->pdf, EG_PDF_FONT_DIR "/NotoSerif-Italic.ttf", &trimmed);
    c->it = eg_pdf_get_font(c->pdf, name);
    name = eg_pdf_load_face(c->pdf, EG_PDF_FONT_DIR "/NotoSerif-BoldItalic.ttf", &trimmed);
    c->bi = eg_pdf_get_font(c->pdf, name);
    assert_non_null(c->it);
    assert_non_null(c->bi);
    eg_pdf_new_page(c);
}

/* The string text drawn on pg (the nth such), or a failure. */
static const pdf_op *shown(const pdf_page *pg, const char *text, int nth)
{
    for (size_t i = 0; i < pg->n; i++)
        if (!strcmp(pg->ops[i].op, "Tj") && !strcmp(pg->ops[i].text, text) && nth-- == 0)
            return &pg->ops[i];
    fail_msg("'%s' is not drawn", text);
    return NULL;
}

static int times_shown(const pdf_page *pg, const char *text)
{
    int k = 0;

    for (size_t i = 0; i < pg->n; i++)
        k += !strcmp(pg->ops[i].op, "Tj") && !strcmp(pg->ops[i].text, text);
    return k;
}

/* The face the PDF names for an HPDF_Font of the context. */
static const char *face(const eg_pdf_ctx *c, HPDF_Font f)
{
    return f == c->reg ? REG : f == c->bold ? BOLD : f == c->it ? IT : BI;
}

/* text drawn on pg once, in font f at size, centred in [x, x + w) with its
 * baseline at y */
static void assert_centred(const eg_pdf_ctx *c, const pdf_page *pg, const char *text,
                           HPDF_Font f, double size, double x, double w, double y)
{
    const pdf_op *o = shown(pg, text, 0);

    assert_int_equal(times_shown(pg, text), 1);
    if (strcmp(o->font, face(c, f)) != 0)
        fail_msg("'%s' in %s, not %s", text, o->font, face(c, f));
    assert_near(o->size, size);
    assert_near(o->x, x + (w - eg_pdf_text_width(f, size, text, strlen(text))) / 2);
    assert_near(o->y, y);
}

/* The horizontal rules of pg (an m, an l, stroked): left, right, y, width. */
typedef struct {
    double x0, x1, y, lw;
} rule_seen;

static size_t rules(const pdf_page *pg, rule_seen *out, size_t cap)
{
    size_t n = 0;

    for (size_t i = 0; i + 1 < pg->n; i++)
        if (!strcmp(pg->ops[i].op, "m") && !strcmp(pg->ops[i + 1].op, "l")) {
            assert_true(n < cap);
            out[n].x0 = pg->ops[i].x;
            out[n].x1 = pg->ops[i + 1].x;
            assert_near(pg->ops[i + 1].y, pg->ops[i].y);
            out[n].y = pg->ops[i].y;
            out[n++].lw = pg->ops[i].gs.lw;
        }
    return n;
}

static void assert_rule(const rule_seen *r, double cx, double len, double y)
{
    assert_near(r->x0, cx - len / 2);
    assert_near(r->x1, cx + len / 2);
    assert_near(r->y, y);
    assert_near(r->lw, 0.6);
}

static double width(HPDF_Font f, double size, const char *s)
{
    return eg_pdf_text_width(f, size, s, strlen(s));
}

static void header_doc(eg_doc *d)
{
    memset(d, 0, sizeof *d);
    d->issuer_parent = "Bộ Nội vụ";
    d->issuer = "Sở Nội vụ";
    d->number = "Số: 25/BC-UBND";
    d->place_date = "Gia Lai, ngày 15 tháng 01 năm 2021";
    d->title = "BÁO CÁO";
    d->subtitle = "Kết quả thử";
    d->subtitle_note = "(Số liệu tạm tính)";
}

/* Page 1's heading: the two columns side by side from the top margin,
 * the number and the place and date 8 points under the lower of their
 * rules, the title 22 points under them across the page, a rule under
 * the subtitle, 20 points left under it. */
static void the_heading_stands_in_its_two_columns_then_the_title(void **state)
{
    static const char motto[] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    static const char slogan[] = "Độc lập - Tự do - Hạnh phúc";
    eg_pdf_ctx c;
    eg_doc d;
    pdf_page *pg;
    rule_seen r[8];
    double top, lx, lw, rx, rw, yl, yr, y, sw, tw;

    (void)state;
    new_ctx(&c);
    header_doc(&d);
    top = c.top;
    lx = c.left;
    lw = c.width * 0.40;
    rx = lx + lw;
    rw = c.width - lw;
    eg_pdf_form_header(&c, &d);
    assert_int_equal(read_pages(c.pdf, &pg), 1);

    /* left: the parent body, the issuer in bold capitals, a rule 5
     * points under it, 15 mm long when the issuer is short */
    assert_centred(&c, pg, "BỘ NỘI VỤ", c.reg, 12.5, lx, lw,
                   top - eg_pdf_baseline(c.reg, 12.5, 15));
    assert_centred(&c, pg, "SỞ NỘI VỤ", c.bold, 12.5, lx, lw,
                   top - 15 - eg_pdf_baseline(c.bold, 12.5, 15));
    yl = top - 30 - 5;
    /* right: the motto at 12.5 points, the slogan at 13, a rule as wide
     * as the slogan 5 points under it */
    assert_true(width(c.bold, 12.5, motto) <= rw);
    assert_centred(&c, pg, motto, c.bold, 12.5, rx, rw, top - eg_pdf_baseline(c.bold, 12.5, 15));
    assert_centred(&c, pg, slogan, c.bold, 13, rx, rw,
                   top - 15 - eg_pdf_baseline(c.bold, 13, 15.5));
    yr = top - 15 - 15.5 - 5;
    sw = width(c.bold, 13, slogan);
    assert_int_equal(rules(pg, r, 8), 3);
    assert_rule(&r[0], lx + lw / 2, EG_PDF_MM(15), yl);
    assert_rule(&r[1], rx + rw / 2, sw, yr);

    /* the number at the left, the place and date in italics at the right */
    y = (yl < yr ? yl : yr) - 8;
    assert_centred(&c, pg, "Số: 25/BC-UBND", c.reg, 13, lx, lw,
                   y - eg_pdf_baseline(c.reg, 13, 16));
    assert_centred(&c, pg, "Gia Lai, ngày 15 tháng 01 năm 2021", c.it, 13, rx, rw,
                   y - eg_pdf_baseline(c.it, 13, 16));

    /* the title, the subtitle, its note in italics, a rule under them */
    y -= 16 + 22;
    assert_centred(&c, pg, "BÁO CÁO", c.bold, 14, c.left, c.width,
                   y - eg_pdf_baseline(c.bold, 14, 18));
    assert_centred(&c, pg, "Kết quả thử", c.bold, 14, c.left, c.width,
                   y - 18 - eg_pdf_baseline(c.bold, 14, 18));
    assert_centred(&c, pg, "(Số liệu tạm tính)", c.it, 13, c.left, c.width,
                   y - 36 - eg_pdf_baseline(c.it, 13, 17));
    y -= 36 + 17 + 6;
    tw = width(c.bold, 14, "Kết quả thử");
    assert_rule(&r[2], c.left + c.width / 2, tw / 3 > EG_PDF_MM(25) ? tw / 3 : EG_PDF_MM(25), y);
    assert_near(c.y, y - 20);
    free_pages(pg, 1);
    eg_test_pdf_ctx_free(&c);
}

/* An issuer wider than 15 mm / 0.4 has its rule 0.4 of its width; an
 * empty parent body takes no line; a subtitle wider than 75 mm has its
 * rule a third of its width; a place and date on two lines puts the
 * title 22 points under the second; no subtitle, no rule under the
 * title. */
static void the_rules_follow_what_they_underline(void **state)
{
    static const char issuer[] = "UBND TỈNH GIA LAI";
    static const char subtitle[] = "Kết quả xây dựng Chính quyền điện tử năm 2020";
    eg_pdf_ctx c;
    eg_doc d;
    pdf_page *pg;
    rule_seen r[8];
    double top, lw;

    (void)state;
    new_ctx(&c);
    header_doc(&d);
    d.issuer_parent = "";
    d.issuer = "UBND tỉnh Gia Lai";
    d.subtitle = (char *)subtitle;
    d.subtitle_note = NULL;
    d.place_date = "Thành phố Pleiku, tỉnh Gia Lai, ngày 15 tháng 01 năm 2021, lúc 8 giờ";
    top = c.top;
    lw = c.width * 0.40;
    assert_true(width(c.bold, 12.5, issuer) * 0.4 > EG_PDF_MM(15));
    assert_true(width(c.bold, 14, subtitle) / 3 > EG_PDF_MM(25));
    eg_pdf_form_header(&c, &d);
    assert_int_equal(read_pages(c.pdf, &pg), 1);
    assert_centred(&c, pg, issuer, c.bold, 12.5, c.left, lw,
                   top - eg_pdf_baseline(c.bold, 12.5, 15));
    assert_int_equal(rules(pg, r, 8), 3);
    assert_rule(&r[0], c.left + lw / 2, width(c.bold, 12.5, issuer) * 0.4, top - 15 - 5);
    assert_near(r[2].x1 - r[2].x0, width(c.bold, 14, subtitle) / 3);
    {
        /* the place and date's last line, and the title under it */
        double y = -1;

        for (size_t i = 0; i < pg->n; i++)
            if (!strcmp(pg->ops[i].op, "Tj") && !strcmp(pg->ops[i].font, IT))
                y = pg->ops[i].y;
        assert_near(y, top - 15 - 15.5 - 5 - 8 - 16 - eg_pdf_baseline(c.it, 13, 16));
        assert_near(shown(pg, "BÁO CÁO", 0)->y,
                    top - 15 - 15.5 - 5 - 8 - 32 - 22 - eg_pdf_baseline(c.bold, 14, 18));
    }
    free_pages(pg, 1);
    eg_test_pdf_ctx_free(&c);

    /* no subtitle: the title alone, no rule under it */
    new_ctx(&c);
    header_doc(&d);
    d.subtitle = NULL;
    d.subtitle_note = NULL;
    eg_pdf_form_header(&c, &d);
    assert_int_equal(read_pages(c.pdf, &pg), 1);
    assert_int_equal(rules(pg, r, 8), 2);
    assert_near(c.y, shown(pg, "BÁO CÁO", 0)->y + eg_pdf_baseline(c.bold, 14, 18) - 18 - 20);
    free_pages(pg, 1);
    eg_test_pdf_ctx_free(&c);
}

/* The motto is never broken: in a narrow column it shrinks by half
 * points until it fits, down to 9 points and no further. */
static void the_motto_shrinks_rather_than_wrap(void **state)
{
    static const char motto[] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    eg_pdf_ctx c;
    eg_doc d;
    pdf_page *pg;
    double rw, want = 12.5;

    (void)state;
    /* a column where 12.5 and 12 points are too wide, 11.5 fits */
    new_ctx(&c);
    header_doc(&d);
    rw = (width(c.bold, 11.5, motto) + width(c.bold, 12, motto)) / 2;
    c.width = rw / 0.6;
    while (width(c.bold, want, motto) > rw)
        want -= 0.5;
    assert_near(want, 11.5);
    eg_pdf_form_header(&c, &d);
    assert_int_equal(read_pages(c.pdf, &pg), 1);
    assert_centred(&c, pg, motto, c.bold, 11.5, c.left + c.width * 0.4, rw,
                   c.top - eg_pdf_baseline(c.bold, 11.5, 15));
    free_pages(pg, 1);
    eg_test_pdf_ctx_free(&c);

    /* too narrow for 9 points: 9 points, on two lines */
    new_ctx(&c);
    header_doc(&d);
    c.width = width(c.bold, 9, motto) * 0.9 / 0.6;
    eg_pdf_form_header(&c, &d);
    assert_int_equal(read_pages(c.pdf, &pg), 1);
    assert_int_equal(times_shown(pg, motto), 0);
    for (size_t i = 0; i < pg->n; i++)
        if (!strcmp(pg->ops[i].op, "Tj") && strstr(motto, pg->ops[i].text) == motto)
            assert_near(pg->ops[i].size, 9);
    free_pages(pg, 1);
    eg_test_pdf_ctx_free(&c);
}

/* Nơi nhận: its recipients, a long one on two lines */
static char *recipients[] = {
    "Như trên;",
    "Văn phòng Chính phủ, Bộ Thông tin và Truyền thông, Bộ Nội vụ;",
    "Lưu: VT.",
};

static void signature_doc(eg_doc *d)
{
    memset(d, 0, sizeof *d);
    d->signer_title = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH";
    d->signer = "Mai Xuân Cường";
    d->recipients = recipients;
    d->n_recipients = 3;
}

/* The signature block: the titles, one a line, in bold centred in the
 * right 55 %, 20 mm to sign, the name; at the left "Nơi nhận:" in bold
 * italics, then each recipient at 11 points after a dash, its second
 * line under its text; the cursor under the longer column. */
static void the_signature_stands_at_the_right_and_its_recipients_at_the_left(void **state)
{
    eg_pdf_ctx c;
    eg_doc d;
    pdf_page *pg;
    double top, lx, lw, rx, rw, dash, base, rh, lh, y;
    int second = -1;

    (void)state;
    new_ctx(&c);
    signature_doc(&d);
    top = c.top;
    lx = c.left;
    lw = c.width * 0.45;
    rx = lx + lw;
    rw = c.width - lw;
    dash = width(c.reg, 11, "- ");
    eg_pdf_form_signature(&c, &d);
    assert_int_equal(read_pages(c.pdf, &pg), 1);

    assert_centred(&c, pg, "KT. CHỦ TỊCH", c.bold, 13, rx, rw,
                   top - eg_pdf_baseline(c.bold, 13, 16));
    assert_centred(&c, pg, "PHÓ CHỦ TỊCH", c.bold, 13, rx, rw,
                   top - 16 - eg_pdf_baseline(c.bold, 13, 16));
    assert_centred(&c, pg, "Mai Xuân Cường", c.bold, 13, rx, rw,
                   top - 32 - EG_PDF_MM(20) - eg_pdf_baseline(c.bold, 13, 16));
    rh = 32 + EG_PDF_MM(20) + 16;

    assert_int_equal(times_shown(pg, "Nơi nhận:"), 1);
    assert_string_equal(shown(pg, "Nơi nhận:", 0)->font, BI);
    assert_near(shown(pg, "Nơi nhận:", 0)->size, 12);
    assert_near(shown(pg, "Nơi nhận:", 0)->x, lx);
    assert_near(shown(pg, "Nơi nhận:", 0)->y, top - eg_pdf_baseline(c.bi, 12, 15.6));

    /* a dash per recipient, each at the margin on its first line */
    base = eg_pdf_baseline(c.reg, 11, 13.75);
    y = top - 15.6;
    assert_int_equal(times_shown(pg, "-"), 3);
    assert_near(shown(pg, "-", 0)->x, lx);
    assert_near(shown(pg, "-", 0)->y, y - base);
    assert_string_equal(shown(pg, "-", 0)->font, REG);
    assert_near(shown(pg, "-", 0)->size, 11);
    assert_near(shown(pg, "Như trên;", 0)->x, lx + dash);
    assert_near(shown(pg, "Như trên;", 0)->y, y - base);
    assert_near(shown(pg, "Như trên;", 0)->size, 11);
    assert_near(shown(pg, "-", 1)->y, y - 13.75 - base);
    /* the long one's second line: no dash, under its text */
    for (size_t i = 0; i < pg->n; i++)
        if (!strcmp(pg->ops[i].op, "Tj") && NEAR(pg->ops[i].y, y - 2 * 13.75 - base))
            second = (int)i;
    assert_true(second >= 0);
    assert_near(pg->ops[second].x, lx + dash);
    for (size_t i = 0; i < pg->n; i++)
        if (!strcmp(pg->ops[i].op, "Tj") && NEAR(pg->ops[i].x, lx + dash))
            assert_true(width(c.reg, 11, pg->ops[i].text) <= lw - dash + 0.01);
    assert_near(shown(pg, "-", 2)->y, y - 3 * 13.75 - base);
    assert_near(shown(pg, "Lưu: VT.", 0)->y, y - 3 * 13.75 - base);
    lh = 15.6 + 4 * 13.75;
    assert_true(lh < rh);
    assert_near(c.y, top - rh);
    free_pages(pg, 1);
    eg_test_pdf_ctx_free(&c);

    /* a recipient a little wider than the room after its dash, narrower
     * than the column: two lines, not one over the column's edge */
    new_ctx(&c);
    {
        char text[256] = "Lưu: VT, KSTTHC, số 1";
        char *one[1] = { text };
        size_t k = strlen(text);

        while (width(c.reg, 11, text) <= lw - dash) {
            assert_true(k + 2 < sizeof text);
            text[k++] = '1';
            text[k] = '\0';
        }
        assert_true(width(c.reg, 11, text) <= lw);
        d.recipients = one;
        d.n_recipients = 1;
        eg_pdf_form_signature(&c, &d);
        assert_int_equal(read_pages(c.pdf, &pg), 1);
        assert_int_equal(times_shown(pg, text), 0);
        assert_int_equal(times_shown(pg, "Lưu: VT, KSTTHC, số"), 1);
        assert_near(shown(pg, "Lưu: VT, KSTTHC, số", 0)->y, top - 15.6 - base);
        free_pages(pg, 1);
    }
    eg_test_pdf_ctx_free(&c);
}

/* The height the block takes is 14 points before it and its taller
 * column; below the text it leaves those 14 points above it. */
static void the_signature_measures_what_it_draws(void **state)
{
    static char *many[12];
    eg_pdf_ctx c;
    eg_doc d;
    pdf_page *pg;
    double top, rh = 32 + EG_PDF_MM(20) + 16;

    (void)state;
    new_ctx(&c);
    signature_doc(&d);
    assert_near(eg_pdf_form_signature_height(&c, &d), 14 + rh);
    /* twelve recipients: the left column is the taller */
    for (size_t i = 0; i < 12; i++)
        many[i] = "Sở Nội vụ;";
    d.recipients = many;
    d.n_recipients = 12;
    assert_near(eg_pdf_form_signature_height(&c, &d), 14 + 15.6 + 12 * 13.75);
    top = c.y = c.top - 100;
    eg_pdf_form_signature(&c, &d);
    assert_near(c.y, top - 14 - 15.6 - 12 * 13.75);
    assert_int_equal(read_pages(c.pdf, &pg), 1);
    assert_near(shown(pg, "KT. CHỦ TỊCH", 0)->y, top - 14 - eg_pdf_baseline(c.bold, 13, 16));
    free_pages(pg, 1);
    /* too little room for the taller column: on the next page, whole */
    c.y = c.bottom + 14 + 15.6 + 12 * 13.75 - 1;
    eg_pdf_form_signature(&c, &d);
    assert_int_equal(c.n_pages, 2);
    assert_near(c.y, c.top - 15.6 - 12 * 13.75);
    /* a title too wide for its column: its two lines measured */
    d.signer_title = "KT. GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH GIA LAI";
    {
        eg_pdf_lines l = { 0 };

        assert_int_equal(eg_pdf_break_balanced(c.bold, 13, d.signer_title, c.width * 0.55, &l), 2);
        eg_pdf_lines_free(&l);
    }
    d.n_recipients = 1;
    assert_near(eg_pdf_form_signature_height(&c, &d), 14 + rh);
    d.signer_title = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH";
    /* no recipients: the right column alone, no "Nơi nhận:" */
    d.n_recipients = 0;
    assert_near(eg_pdf_form_signature_height(&c, &d), 14 + rh);
    /* a signer's name alone, or recipients alone, is a block; nothing
     * at all is none */
    memset(&d, 0, sizeof d);
    assert_near(eg_pdf_form_signature_height(&c, &d), 0);
    d.signer = "Mai Xuân Cường";
    assert_near(eg_pdf_form_signature_height(&c, &d), 14 + EG_PDF_MM(20) + 16);
    d.signer = NULL;
    d.signer_title = "CHỦ TỊCH";
    assert_near(eg_pdf_form_signature_height(&c, &d), 14 + 16 + EG_PDF_MM(20) + 16);
    d.signer_title = NULL;
    d.recipients = recipients;
    d.n_recipients = 1;
    assert_near(eg_pdf_form_signature_height(&c, &d), 14 + EG_PDF_MM(20) + 16);
    eg_test_pdf_ctx_free(&c);
}

/* An appendix: on a page of its own numbered 1 (no number shown), its
 * label and title in bold at 14 points, its note in italics at 13, a
 * rule a third as wide as the wider of title and note, 6 points under
 * them, 18 points left under the rule; marked where its label starts. */
static void an_appendix_starts_a_page_numbered_afresh(void **state)
{
    static const char note[] = "(Kèm theo Báo cáo số 25/BC-UBND ngày 15/01/2021)";
    eg_pdf_ctx c;
    eg_doc d;
    eg_block b[2];
    pdf_page *pg;
    size_t at_page[3] = { 9, 9, 9 };
    double at_y[3] = { 0 }, top, tw;
    int depth[3] = { 0 };
    rule_seen r[4];

    (void)state;
    new_ctx(&c);
    memset(&d, 0, sizeof d);
    memset(b, 0, sizeof b);
    b[0].kind = b[1].kind = EG_BLOCK_APPENDIX;
    b[0].label = b[1].label = "PHỤ LỤC";
    b[0].text = "Danh sách";
    b[0].note = (char *)note;
    b[1].text = "Danh sách dài hơn của các đơn vị chưa gửi báo cáo đúng hạn";
    d.blocks = b;
    d.n_blocks = 2;
    c.at_page = at_page;
    c.at_y = at_y;
    c.depth = depth;
    c.y -= 50;                  /* something on page 1 */
    eg_pdf_form_appendix(&c, &d, 0);
    assert_int_equal(c.n_pages, 2);
    assert_int_equal(c.page_no[1], 1);
    top = c.top;
    assert_int_equal(at_page[0], 1);
    assert_near(at_y[0], top);
    /* a second at the top of its page takes it: no blank page */
    c.y = c.top;
    eg_pdf_form_appendix(&c, &d, 1);
    assert_int_equal(c.n_pages, 2);
    assert_int_equal(read_pages(c.pdf, &pg), 2);
    assert_int_equal(pg[0].n, 0);

    assert_centred(&c, &pg[1], "Danh sách", c.bold, 14, c.left, c.width,
                   top - 18 - eg_pdf_baseline(c.bold, 14, 18));
    assert_centred(&c, &pg[1], note, c.it, 13, c.left, c.width,
                   top - 36 - eg_pdf_baseline(c.it, 13, 17));
    assert_near(shown(&pg[1], "PHỤ LỤC", 0)->y, top - eg_pdf_baseline(c.bold, 14, 18));
    assert_string_equal(shown(&pg[1], "PHỤ LỤC", 0)->font, BOLD);
    tw = width(c.it, 13, note);
    assert_true(tw > width(c.bold, 14, "Danh sách") && tw / 3 > EG_PDF_MM(25));
    assert_int_equal(rules(&pg[1], r, 4), 2);
    assert_rule(&r[0], c.left + c.width / 2, tw / 3, top - 36 - 17 - 6);
    /* the second: no note, its title's third */
    tw = width(c.bold, 14, b[1].text);
    assert_true(tw / 3 > EG_PDF_MM(25));
    assert_near(at_y[1], top);
    assert_rule(&r[1], c.left + c.width / 2, tw / 3, at_y[1] - 36 - 6);
    assert_near(c.y, at_y[1] - 36 - 6 - 18);
    free_pages(pg, 2);
    eg_test_pdf_ctx_free(&c);

    /* a short title: a rule of 25 mm (on page 1, at its top) */
    new_ctx(&c);
    c.at_page = at_page;
    c.at_y = at_y;
    c.depth = depth;
    b[1].text = "Danh sách";
    eg_pdf_form_appendix(&c, &d, 1);
    assert_int_equal(read_pages(c.pdf, &pg), 1);
    assert_int_equal(rules(pg, r, 4), 1);
    assert_rule(&r[0], c.left + c.width / 2, EG_PDF_MM(25), top - 36 - 6);
    free_pages(pg, 1);
    eg_test_pdf_ctx_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_heading_stands_in_its_two_columns_then_the_title),
        cmocka_unit_test(the_rules_follow_what_they_underline),
        cmocka_unit_test(the_motto_shrinks_rather_than_wrap),
        cmocka_unit_test(the_signature_stands_at_the_right_and_its_recipients_at_the_left),
        cmocka_unit_test(the_signature_measures_what_it_draws),
        cmocka_unit_test(an_appendix_starts_a_page_numbered_afresh),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
