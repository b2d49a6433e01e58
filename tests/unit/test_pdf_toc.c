/*
 * test_pdf_toc.c - write/pdf_toc.c: the table of contents lists the
 * headings and appendices marked for it, the highest in bold at the
 * margin, the others indented by their depth, an entry's later lines
 * hanging after its number; each entry's last line is led by dots on one
 * grid to its page number, right-aligned; a page too full for the next
 * line goes on to a new one; each line links to its heading.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#include "hpdf_support.h"
#include "write/pdf.h"
#include "write/pdf_font.h"
#include "write/pdf_priv.h"
#include "pdf_ctx_support.h"
#include "write/pdf_text.h"

#define REGULAR "NotoSerif-Regular"
#define BOLD "NotoSerif-Bold,Bold"

/* The contents' measures (pdf_toc.c): 12-point entries 16.8 points
 * apart, indented 7 mm a level, 6 points from text to dots and from dots
 * to the number; the title at 13 points on a line of 20.8 and 4 points
 * under it; 14 points after the last entry, 10 above the title when it
 * does not start a page; dots 3.6 points apart, 0.9 wide. */
#define SIZE 12.0
#define LEAD (12.0 * 1.4)
#define INDENT (7 * 72.0 / 25.4)
#define GAP 6.0
#define TITLE_SIZE 13.0
#define TITLE_LEAD (13.0 * 1.6)
#define TITLE_AFTER 4.0
#define AFTER 14.0
#define BEFORE 10.0
#define PITCH 3.6

/* Entries of three lines and of two: a number "9.3. " (or "0.1. ") that
 * the later lines hang after; a first word that is no number. */
static const char LONG9[] = "9.3. Ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà "
                            "nước và cung cấp dịch vụ công trực tuyến cho người dân, doanh "
                            "nghiệp trên địa bàn tỉnh Gia Lai năm 2020 và kế hoạch năm 2021";
static const char LONG0[] = "0.1. Các ứng dụng công nghệ thông tin trong hoạt động của cơ quan "
                            "nhà nước và cung cấp dịch vụ công trực tuyến cho người dân, doanh "
                            "nghiệp trên địa bàn tỉnh Gia Lai năm 2020 và kế hoạch năm 2021";
static const char LONG_NODOT[] = "2020 là năm ứng dụng công nghệ thông tin trong hoạt động của "
                                 "cơ quan nhà nước và cung cấp dịch vụ công trực tuyến";
static const char LONG_APPX[] = "B. Danh sách các cơ quan, đơn vị và địa phương gửi báo cáo "
                                "kết quả xây dựng Chính quyền điện tử năm 2020";

/* A document of blocks, made by add(). */
typedef struct {
    eg_doc d;
    eg_block b[128];
    int depth[129];
} doc;

static size_t add(doc *x, eg_block_kind kind, int level, const char *text, const char *entry,
                  int listed, int depth)
{
    eg_block *b = &x->b[x->d.n_blocks];

    assert_true(x->d.n_blocks < 128);
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->level = level;
    b->text = (char *)text;
    b->entry = (char *)entry;
    b->in_contents = listed;
    x->depth[x->d.n_blocks] = depth;
    x->d.blocks = x->b;
    return x->d.n_blocks++;
}

/* The report's contents: what is listed, what is not. */
static void sample(doc *x)
{
    memset(x, 0, sizeof *x);
    add(x, EG_BLOCK_CONTENTS, 0, NULL, NULL, 0, 0);
    add(x, EG_BLOCK_HEADING, 1, "1. Kết quả chung", NULL, 1, 0);
    add(x, EG_BLOCK_PARA, 0, "Năm 2020, tỉnh đã hoàn thành.", NULL, 1, 0);
    add(x, EG_BLOCK_HEADING, 2, "1.1. Hạ tầng kỹ thuật", NULL, 1, 1);
    add(x, EG_BLOCK_HEADING, 3, "a) Mạng truyền số liệu", NULL, 1, 2);
    add(x, EG_BLOCK_HEADING, 2, "1.2. Không liệt kê", NULL, 0, 1);
    add(x, EG_BLOCK_HEADING, 2, "", NULL, 1, 1);
    add(x, EG_BLOCK_HEADING, 2, NULL, NULL, 1, 1);
    add(x, EG_BLOCK_HEADING, 2, "Văn bản của đề mục", "1.3. Mục nhập riêng", 1, 1);
    add(x, EG_BLOCK_HEADING, 2, LONG9, NULL, 1, 1);
    add(x, EG_BLOCK_HEADING, 2, LONG0, NULL, 1, 1);
    add(x, EG_BLOCK_HEADING, 2, LONG_NODOT, NULL, 1, 1);
    add(x, EG_BLOCK_BARCHART, 0, "Biểu đồ", NULL, 1, 0);
    add(x, EG_BLOCK_TABLE, 0, "Bảng", NULL, 1, 0);
    add(x, EG_BLOCK_APPENDIX, 0, "Danh sách", LONG_APPX, 1, 0);
    add(x, EG_BLOCK_HEADING, 1, "1. Số liệu", NULL, 1, 1);
    add(x, EG_BLOCK_HEADING, 1, "2. Kiến nghị", NULL, 1, 1);
}

/* A layout context on a first A4 page (nothing drawn when dry), the
 * depths of x's blocks, each block found on page (block % 3) of the
 * measuring pass, numbered 7, 8 and 19. */
static void new_ctx(eg_pdf_ctx *c, doc *x, int dry)
{
    static size_t numbers[] = { 7, 8, 19 };

    eg_test_pdf_ctx_faces(c, dry);
    c->depth = x->depth;
    c->toc_page = eg_xcalloc(x->d.n_blocks + 1, sizeof *c->toc_page);
    for (size_t i = 0; i < x->d.n_blocks; i++)
        c->toc_page[i] = i % 3;
    c->toc_page_no = numbers;
    c->at_page = eg_xcalloc(x->d.n_blocks + 1, sizeof *c->at_page);
    c->at_y = eg_xcalloc(x->d.n_blocks + 1, sizeof *c->at_y);
    eg_pdf_new_page(c);
}

static void free_ctx(eg_pdf_ctx *c)
{
    eg_pdf_toc_free(c);
    free(c->toc_page);
    free(c->at_page);
    free(c->at_y);
    eg_test_pdf_ctx_free(c);
}

static double width_of(HPDF_Font f, const char *s)
{
    return eg_pdf_text_width(f, SIZE, s, strlen(s));
}

static double num_w(const eg_pdf_ctx *c)
{
    return width_of(c->reg, "0000");
}

/* One line the contents should show: its text, font, where, and for an
 * entry's last line its page number. */
typedef struct {
    char text[256];
    int bold;
    double x, top;
    double width;         /* of its text */
    size_t page;          /* 0: not the last line */
    size_t block;
} want_line;

/* The entry's text of block b. */
static const char *entry_of(const eg_block *b)
{
    return b->entry ? b->entry : b->text ? b->text : "";
}

/* The lines the contents of x should show, from top down on one page: an
 * entry's lines break as body text does in the room its indent, the number
 * column and two gaps leave; its later lines hang after its number "9.3. ". */
static size_t want_lines(const eg_pdf_ctx *c, const doc *x, double top, want_line *w, size_t cap)
{
    static const size_t numbers[] = { 7, 8, 19 };
    size_t n = 0;

    for (size_t i = 0; i < x->d.n_blocks; i++) {
        const eg_block *b = &x->b[i];
        const char *t = entry_of(b);
        HPDF_Font f = x->depth[i] == 0 ? c->bold : c->reg;
        double xl = c->left + x->depth[i] * INDENT, hang = 0, room;
        eg_pdf_lines l = { 0 };

        if ((b->kind != EG_BLOCK_HEADING && b->kind != EG_BLOCK_APPENDIX) || !b->in_contents ||
            !*t)
            continue;
        if (t == LONG9 || t == LONG0)
            hang = eg_pdf_text_width(f, SIZE, t, strlen("9.3. "));
        room = c->left + c->width - xl - num_w(c) - 2 * GAP;
        eg_pdf_break(f, SIZE, t, room, room - hang, 0, &l);
        for (size_t k = 0; k < l.n; k++) {
            assert_true(n < cap);
            memset(&w[n], 0, sizeof w[n]);
            memcpy(w[n].text, t + l.v[k].start, l.v[k].end - l.v[k].start);
            w[n].bold = f == c->bold;
            w[n].x = k ? xl + hang : xl;
            w[n].top = top;
            w[n].width = l.v[k].width;
            w[n].page = k + 1 == l.n ? numbers[i % 3] : 0;
            w[n].block = i;
            top -= LEAD;
            n++;
        }
        eg_pdf_lines_free(&l);
    }
    return n;
}

/* The strings shown on a page, in order: index in ops. */
static size_t texts(const pdf_page *pg, size_t *at, size_t cap)
{
    size_t n = 0;

    for (size_t i = 0; i < pg->n; i++)
        if (pg->ops[i].text) {
            assert_true(n < cap);
            at[n++] = i;
        }
    return n;
}

/* How many operators op a page has. */
/* The lines of w go on pages of per_page[0], per_page[1] ... lines: the
 * first page's from top, the others' from the top of the text area;
 * returns how many pages. */
static size_t paginate(want_line *w, size_t n, const size_t *per_page, double top,
                       double page_top)
{
    size_t p = 0, on = 0;

    for (size_t k = 0; k < n; k++) {
        if (on == per_page[p]) {
            p++;
            on = 0;
            top = page_top;
        }
        w[k].top = top - on * LEAD;
        on++;
    }
    return p + 1;
}

/* The dotted leaders of a page: the index of each "m" drawn with dashes. */
static size_t leaders(const pdf_page *pg, size_t *at, size_t cap)
{
    size_t n = 0;

    for (size_t i = 0; i < pg->n; i++)
        if (strcmp(pg->ops[i].op, "m") == 0 && pg->ops[i].gs.n_dash > 0) {
            assert_true(n < cap);
            at[n++] = i;
        }
    return n;
}

/* The lines of want, drawn on pg from its text number t on: each entry
 * line where it should be, in its font; each last line's page number
 * right-aligned at the right margin on its baseline, its dots between. */
static size_t check_lines(const eg_pdf_ctx *c, const pdf_page *pg, const want_line *w,
                          size_t n, size_t t, size_t *dots_seen)
{
    size_t at[256], n_at = texts(pg, at, 256), dots[256], n_dots = leaders(pg, dots, 256);
    double right = c->left + c->width;

    for (size_t k = 0; k < n; k++) {
        const pdf_op *o;
        HPDF_Font f = w[k].bold ? c->bold : c->reg;
        double base = w[k].top - eg_pdf_baseline(f, SIZE, LEAD);

        assert_true(t < n_at);
        o = &pg->ops[at[t++]];
        if (strcmp(o->text, w[k].text) != 0)
            fail_msg("line %zu: \"%s\", not \"%s\"", k, o->text, w[k].text);
        assert_string_equal(o->font, w[k].bold ? BOLD : REGULAR);
        assert_near(o->size, SIZE);
        assert_near(o->x, w[k].x);
        assert_near(o->y, base);
        if (!w[k].page)
            continue;
        /* the page number */
        {
            char num[24];

            snprintf(num, sizeof num, "%zu", w[k].page);
            assert_true(t < n_at);
            o = &pg->ops[at[t++]];
            assert_string_equal(o->text, num);
            assert_string_equal(o->font, REGULAR);
            assert_near(o->size, SIZE);
            assert_near(o->x + width_of(c->reg, num), right);
            assert_near(o->y, base);
        }
        /* the dots: on the 3.6-point grid of the page, from the first
         * point of it 6 points after the text to the last 6 points before
         * the number column; 0.45 points over the baseline */
        {
            double x0 = w[k].x + w[k].width + GAP, x1 = right - num_w(c) - GAP;
            double first = ceil(x0 / PITCH) * PITCH;
            double last = first + floor((x1 - first) / PITCH + 1e-9) * PITCH;
            const pdf_op *m, *l;

            if (first > x1)
                continue;
            assert_true(*dots_seen < n_dots);
            m = &pg->ops[dots[(*dots_seen)++]];
            l = m + 1;
            assert_string_equal(l->op, "l");
            assert_string_equal(pg->ops[m - pg->ops + 2].op, "S");
            /* a dash of next to nothing, round-capped, every 3.6 points */
            assert_near(m->gs.ctm[0], 0.04);
            assert_near(m->gs.ctm[3], 0.04);
            assert_near(m->gs.ctm[4], 0);
            assert_near(m->gs.ctm[5], 0);
            assert_int_equal(m->gs.n_dash, 2);
            assert_near(m->gs.dash[0], 1);
            assert_near(m->gs.dash[1], 89);
            assert_near(m->gs.phase, 0);
            assert_int_equal(m->gs.cap, 1);
            assert_near(m->gs.lw * m->gs.ctm[0], 0.9);
            assert_near(m->x, first - 0.02);
            assert_near(l->x, last + 0.02);
            assert_near(m->y, base + 0.45);
            assert_near(l->y, base + 0.45);
            /* in the drawing's units (1/25 point): each end half a dash
             * beyond the dot's centre */
            assert_near(m->a[0], first / 0.04 - 0.5);
            assert_near(l->a[0], last / 0.04 + 0.5);
            /* in the ink of the text */
            for (int i = 0; i < 3; i++)
                assert_near(m->gs.stroke[i], m->gs.fill[i]);
            assert_true(last <= x1 + 1e-6 && last + PITCH > x1);
            assert_true(first >= x0 - 1e-6 && first - PITCH < x0);
        }
    }
    return t;
}

/* The contents at the top of a page: the title "MỤC LỤC" in bold,
 * centred, then each heading and appendix marked for it, in order, with
 * its page number (from the measuring pass) and the dots between; a
 * heading not marked, without text, or a block of another kind is not
 * listed; the text after it starts 14 points under the last entry. */
static void the_contents_list_the_headings_marked_with_their_pages(void **state)
{
    eg_pdf_ctx c;
    doc x;
    pdf_page *pg;
    want_line w[64];
    size_t n, at[256], n_at, t, dots_seen = 0, dots[256];
    double top;

    (void)state;
    sample(&x);
    new_ctx(&c, &x, 0);
    HPDF_Page_SetRGBFill(c.page, 0.2f, 0.3f, 0.4f);
    eg_pdf_toc_place(&c, &x.d, 0);
    top = c.top - TITLE_LEAD - TITLE_AFTER;
    n = want_lines(&c, &x, top, w, 64);
    assert_near(c.y, top - n * LEAD - AFTER);
    assert_int_equal(c.n_pages, 1);
    /* the sample's long entries take three lines, two and two, the others one */
    assert_int_equal(n, 16);

    assert_int_equal(read_pages(c.pdf, &pg), 1);
    n_at = texts(pg, at, 256);
    assert_string_equal(pg->ops[at[0]].text, "MỤC LỤC");
    assert_string_equal(pg->ops[at[0]].font, BOLD);
    assert_near(pg->ops[at[0]].size, TITLE_SIZE);
    assert_near(pg->ops[at[0]].x + eg_pdf_text_width(c.bold, TITLE_SIZE, "MỤC LỤC",
                                                     strlen("MỤC LỤC")) / 2,
                c.left + c.width / 2);
    assert_near(pg->ops[at[0]].y,
                c.top - eg_pdf_baseline(c.bold, TITLE_SIZE, TITLE_LEAD));
    t = check_lines(&c, pg, w, n, 1, &dots_seen);
    assert_int_equal(t, n_at);
    assert_int_equal(dots_seen, leaders(pg, dots, 256));
    assert_near(pg->ops[dots[0]].gs.stroke[0], 0.2);
    assert_near(pg->ops[dots[0]].gs.stroke[1], 0.3);
    assert_near(pg->ops[dots[0]].gs.stroke[2], 0.4);
    /* no link before eg_pdf_toc_links */
    assert_int_equal(pg->n_links, 0);
    free_pages(pg, 1);
    free_ctx(&c);
}

/* The block's own title, when it has one; a second table of contents is
 * not drawn, nor given room. */
static void the_contents_take_their_blocks_title_and_come_once(void **state)
{
    eg_pdf_ctx c;
    doc x;
    pdf_page *pg;
    size_t at[256] = { 0 }, n_at;
    double y;

    (void)state;
    sample(&x);
    x.b[0].text = "NỘI DUNG";
    add(&x, EG_BLOCK_CONTENTS, 0, "MỤC LỤC", NULL, 0, 0);
    new_ctx(&c, &x, 0);
    eg_pdf_toc_place(&c, &x.d, 0);
    y = c.y;
    eg_pdf_toc_place(&c, &x.d, x.d.n_blocks - 1);
    assert_near(c.y, y);
    assert_int_equal(read_pages(c.pdf, &pg), 1);
    n_at = texts(pg, at, 256);
    assert_true(n_at > 0);
    assert_string_equal(pg->ops[at[0]].text, "NỘI DUNG");
    for (size_t i = 1; i < n_at; i++)
        assert_string_not_equal(pg->ops[at[i]].text, "MỤC LỤC");
    free_pages(pg, 1);
    free_ctx(&c);

    /* an empty title is the default's */
    x.b[0].text = "";
    new_ctx(&c, &x, 0);
    eg_pdf_toc_place(&c, &x.d, 0);
    assert_int_equal(read_pages(c.pdf, &pg), 1);
    n_at = texts(pg, at, 256);
    assert_true(n_at > 0);
    assert_string_equal(pg->ops[at[0]].text, "MỤC LỤC");
    free_pages(pg, 1);
    free_ctx(&c);
}

/* Below text, the contents start 10 points lower; with no room there for
 * the space, the title, the space under it and two entries' lines, at the
 * top of the next page (the space under the title was not counted: the
 * title went at the foot of a page with one entry under it). */
static void the_contents_start_under_the_text_or_on_a_new_page(void **state)
{
    eg_pdf_ctx c;
    doc x;
    pdf_page *pg;
    want_line w[64];
    size_t n, np, at[256];
    double y0;

    (void)state;
    sample(&x);
    new_ctx(&c, &x, 1);
    c.y = y0 = c.top - 100;
    eg_pdf_toc_place(&c, &x.d, 0);
    n = want_lines(&c, &x, 0, w, 64);
    assert_int_equal(c.n_pages, 1);
    assert_near(c.y, y0 - BEFORE - TITLE_LEAD - TITLE_AFTER - n * LEAD - AFTER);
    free_ctx(&c);

    /* room for them, to 0.005 of a point: the title here */
    for (int room = 1; room >= 0; room--) {
        new_ctx(&c, &x, 0);
        c.y = c.bottom + BEFORE + TITLE_LEAD + TITLE_AFTER + 2 * LEAD + (room ? 0.005 : -0.02);
        y0 = c.y;
        eg_pdf_toc_place(&c, &x.d, 0);
        np = read_pages(c.pdf, &pg);
        assert_int_equal(np, 2);
        /* with room: the title and two entry lines, each with its number */
        if (room)
            assert_int_equal(texts(&pg[0], at, 256), 1 + 2 * 2);
        assert_true(texts(&pg[room ? 0 : 1], at, 256) > 0);
        assert_string_equal(pg[room ? 0 : 1].ops[at[0]].text, "MỤC LỤC");
        assert_near(pg[room ? 0 : 1].ops[at[0]].y,
                    (room ? y0 - BEFORE : c.top) -
                        eg_pdf_baseline(c.bold, TITLE_SIZE, TITLE_LEAD));
        if (!room) {
            assert_int_equal(texts(&pg[0], at, 256), 0);
            assert_near(c.y, c.top - TITLE_LEAD - TITLE_AFTER - n * LEAD - AFTER);
        }
        free_pages(pg, np);
        free_ctx(&c);
    }

    /* at the top of a page, no space above */
    new_ctx(&c, &x, 1);
    c.bottom = c.top - TITLE_LEAD - LEAD;
    eg_pdf_toc_place(&c, &x.d, 0);
    assert_true(c.n_pages > 1);
    free_ctx(&c);
}

/* An entry line that would reach below the foot of the page (by more
 * than 0.01 of a point) starts the next page, at its top; the lines before
 * stay. */
static void a_full_page_sends_the_next_entry_line_to_a_new_page(void **state)
{
    /* the foot of the page 0.005 of a point over six lines under the title
     * (within the slack): six lines there; 0.015 over: five.  Later pages
     * hold seven. */
    static const double over[] = { 0.005, 0.015 };
    static const size_t per_page[2][3] = { { 6, 7, 3 }, { 5, 7, 4 } };
    eg_pdf_ctx c;
    doc x;
    pdf_page *pg;
    want_line w[64];
    size_t n, t, dots_seen, at[64], np, k0;
    double top;

    (void)state;
    sample(&x);
    for (int v = 0; v < 2; v++)
        for (int dry = 1; dry >= 0; dry--) {
            new_ctx(&c, &x, dry);
            top = c.top - TITLE_LEAD - TITLE_AFTER;
            c.bottom = top - 6 * LEAD + over[v];
            eg_pdf_toc_place(&c, &x.d, 0);
            n = want_lines(&c, &x, top, w, 64);
            assert_int_equal(n, 16);
            assert_int_equal(paginate(w, n, per_page[v], top, c.top), 3);
            assert_int_equal(c.n_pages, 3);
            assert_near(c.y, c.top - per_page[v][2] * LEAD - AFTER);
            if (dry) {
                free_ctx(&c);
                continue;
            }
            np = read_pages(c.pdf, &pg);
            assert_int_equal(np, 3);
            k0 = 0;
            for (size_t p = 0; p < 3; p++) {
                dots_seen = 0;
                t = check_lines(&c, &pg[p], w + k0, per_page[v][p], p == 0, &dots_seen);
                assert_int_equal(t, texts(&pg[p], at, 64));
                k0 += per_page[v][p];
            }
            free_pages(pg, np);
            free_ctx(&c);
        }
}

/* Each line of an entry links, without a border, from its start to the
 * right margin, the height of its line, to the page its heading is on,
 * fitted to 6 points above the heading; the links of the lines on a page
 * are on that page.  Without contents, no link. */
static void each_line_links_to_its_heading(void **state)
{
    static const size_t per_page[] = { 6, 7, 3 };
    eg_pdf_ctx c;
    doc x;
    pdf_page *pg;
    want_line w[64];
    size_t n, np, k = 0;
    double top;

    (void)state;
    sample(&x);
    new_ctx(&c, &x, 0);
    top = c.top - TITLE_LEAD - TITLE_AFTER;
    c.bottom = top - 6 * LEAD + 0.005;
    eg_pdf_toc_place(&c, &x.d, 0);
    n = want_lines(&c, &x, top, w, 64);
    paginate(w, n, per_page, top, c.top);
    eg_pdf_new_page(&c);
    eg_pdf_new_page(&c);
    assert_int_equal(c.n_pages, 5);
    for (size_t i = 0; i < x.d.n_blocks; i++) {
        c.at_page[i] = 4 - i % 2;
        c.at_y[i] = 500 - 10 * (double)i;
    }
    eg_pdf_toc_links(&c, &x.d);
    np = read_pages(c.pdf, &pg);
    assert_int_equal(np, 5);
    for (size_t p = 0; p < 3; p++) {
        assert_int_equal(pg[p].n_links, per_page[p]);
        for (size_t j = 0; j < pg[p].n_links; j++, k++) {
            const pdf_link *l = &pg[p].links[j];

            assert_near(l->rect[0], w[k].x);
            assert_near(l->rect[1], w[k].top - LEAD);
            assert_near(l->rect[2], c.left + c.width);
            assert_near(l->rect[3], w[k].top);
            assert_int_equal(l->page, 4 - w[k].block % 2);
            assert_near(l->fit_h, 500 - 10 * (double)w[k].block + 6);
            assert_true(l->border_none);
        }
    }
    assert_int_equal(k, n);
    assert_int_equal(pg[3].n_links + pg[4].n_links, 0);
    free_pages(pg, np);
    free_ctx(&c);

    /* no contents, no links; none after they are freed */
    new_ctx(&c, &x, 0);
    eg_pdf_toc_links(&c, &x.d);
    eg_pdf_toc_place(&c, &x.d, 0);
    eg_pdf_toc_free(&c);
    assert_null(c.toc);
    eg_pdf_toc_links(&c, &x.d);
    np = read_pages(c.pdf, &pg);
    assert_int_equal(pg[0].n_links, 0);
    free_pages(pg, np);
    free_ctx(&c);
}

/* Many entries: every line is kept (and linked), across pages, the
 * headings before the contents' own place too; without the measuring
 * pass's pages, the numbers are 0. */
static void many_entries_are_all_kept(void **state)
{
    static char text[80][32];
    eg_pdf_ctx c;
    doc x;
    pdf_page *pg;
    size_t np, links = 0, zeros = 0;

    (void)state;
    memset(&x, 0, sizeof x);
    for (int i = 0; i < 80; i++) {
        snprintf(text[i], sizeof text[i], "%d. Mục %d", i + 1, i + 1);
        add(&x, EG_BLOCK_HEADING, 1, text[i], NULL, 1, 0);
    }
    add(&x, EG_BLOCK_CONTENTS, 0, NULL, NULL, 0, 0);
    new_ctx(&c, &x, 0);
    free(c.toc_page);
    c.toc_page = NULL;
    eg_pdf_toc_place(&c, &x.d, 80);
    assert_true(c.n_pages >= 2);
    eg_pdf_toc_links(&c, &x.d);
    np = read_pages(c.pdf, &pg);
    for (size_t p = 0; p < np; p++) {
        links += pg[p].n_links;
        for (size_t i = 0; i < pg[p].n; i++)
            zeros += pg[p].ops[i].text && strcmp(pg[p].ops[i].text, "0") == 0;
    }
    assert_int_equal(links, 80);
    assert_int_equal(zeros, 80);
    free_pages(pg, np);
    free_ctx(&c);
}

/* An entry whose last line ends within a dot's pitch of the number
 * column, with no point of the grid between, has no dots. */
static void an_entry_reaching_the_number_column_has_no_dots(void **state)
{
    static char text[512];
    eg_pdf_ctx c;
    doc x;
    pdf_page *pg;
    size_t found = 0, dots[8];

    (void)state;
    memset(&x, 0, sizeof x);
    add(&x, EG_BLOCK_CONTENTS, 0, NULL, NULL, 0, 0);
    add(&x, EG_BLOCK_HEADING, 1, text, NULL, 1, 0);
    new_ctx(&c, &x, 1);
    /* "Kết quả" and runs of "i" and "." until the line ends with no
     * point of the grid before x1 */
    for (size_t i = 0; i < 40 && !found; i++)
        for (size_t j = 0; j < 40 && !found; j++) {
            double right = c.left + c.width, x1 = right - num_w(&c) - GAP;
            double room = right - c.left - num_w(&c) - 2 * GAP, lw, x0;
            size_t n = (size_t)snprintf(text, sizeof text, "Kết quả ");

            memset(text + n, 'i', 4 * i);
            n += 4 * i;
            text[n++] = ' ';
            memset(text + n, '.', j);
            text[n + j] = '\0';
            lw = width_of(c.bold, text);
            x0 = c.left + lw + GAP;
            found = lw <= room && ceil(x0 / PITCH) * PITCH > x1 + 1e-6;
        }
    assert_true(found);
    free_ctx(&c);
    new_ctx(&c, &x, 0);
    eg_pdf_toc_place(&c, &x.d, 0);
    assert_int_equal(read_pages(c.pdf, &pg), 1);
    assert_int_equal(leaders(pg, dots, 8), 0);
    assert_int_equal(count_op(pg, "cm"), 0);
    assert_int_equal(count_op(pg, "d"), 0);
    free_pages(pg, 1);
    free_ctx(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_contents_list_the_headings_marked_with_their_pages),
        cmocka_unit_test(the_contents_take_their_blocks_title_and_come_once),
        cmocka_unit_test(the_contents_start_under_the_text_or_on_a_new_page),
        cmocka_unit_test(a_full_page_sends_the_next_entry_line_to_a_new_page),
        cmocka_unit_test(each_line_links_to_its_heading),
        cmocka_unit_test(many_entries_are_all_kept),
        cmocka_unit_test(an_entry_reaching_the_number_column_has_no_dots),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
