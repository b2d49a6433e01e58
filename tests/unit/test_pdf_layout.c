/*
 * test_pdf_layout.c - write/pdf.c: a small report written with
 * eg_pdf_write and read back as a reader's tools see it (the words of
 * each page and where they stand, from pdftotext -bbox; the bookmarks,
 * from qpdf --json; the document's own dictionaries, from its bytes):
 * A4 upright with the margins of Nghị định 30/2020; a paragraph's first
 * line indented, the rest from the margin, justified to the right one;
 * bullets hung under their text, "-" then "+"; headings at the margin,
 * the spaces before and after them; a page break starts one page, two in
 * a row still one; page numbers centred in the top margin from page 2,
 * none on page 1 nor on an appendix's first page, which numbers its own;
 * a bookmark per heading under the one above it, the contents' entry as
 * its title, opened two levels deep, pointing just above it; /Lang and
 * the document properties; a heading never alone at the foot of a page.
 * Positions are in points from the top-left corner, as pdftotext gives.
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
#include <unistd.h>

#include "core/diag.h"
#include "core/mem.h"
#include "write/doc.h"
#include "write/pdf.h"

#define MM(x) ((x) * 72.0 / 25.4)
#define PAGE_W 595.276
#define PAGE_H 841.89
#define LEFT MM(30)
#define RIGHT (PAGE_W - MM(15))
#define LEAD (13.0 * 1.3)

/* A word of the written report: its page (1-based) and box. */
typedef struct {
    int page;
    double x0, y0, x1, y1;
    char text[96];
} word;

typedef struct {
    size_t n, cap;
    word *v;
    int pages;
    double page_w, page_h;
} words;

static char tmp_dir[64];
static char pdf_path[96];

static char *sdup(const char *s)
{
    return eg_xstrdup(s);
}

static eg_block *add(eg_doc *d, eg_block_kind kind, int level, const char *text)
{
    eg_block *b = eg_doc_add(d, kind);

    b->level = level;
    b->text = text ? sdup(text) : NULL;
    b->bookmark = kind == EG_BLOCK_HEADING || kind == EG_BLOCK_APPENDIX;
    return b;
}

static void form(eg_doc *d)
{
    d->issuer_parent = sdup("");
    d->issuer = sdup("Ủy ban nhân dân tỉnh Gia Lai");
    d->number = sdup("Số: 25/BC-UBND");
    d->place_date = sdup("Gia Lai, ngày 15 tháng 01 năm 2021");
    d->title = sdup("BÁO CÁO");
    d->subtitle = sdup("Kết quả thử");
    d->signer_title = sdup("CHỦ TỊCH");
    d->signer = sdup("Mai Xuân Cường");
}

/* Writes d into the test's folder; it must go without a diagnostic. */
static void write_doc(const eg_doc *d)
{
    eg_diag_list dl = { 0 };

    unlink(pdf_path);
    assert_int_equal(eg_pdf_write(d, pdf_path, NULL, &dl), 0);
    assert_int_equal(dl.n, 0);
    eg_diag_free(&dl);
}

static double attr(const char *line, const char *name)
{
    const char *p = strstr(line, name);

    assert_non_null(p);
    return atof(p + strlen(name) + 2);
}

/* The words of the written report, page by page. */
static void read_words(words *w)
{
    char cmd[256], line[1024];
    FILE *f;

    memset(w, 0, sizeof *w);
    snprintf(cmd, sizeof cmd, "pdftotext -bbox '%s' -", pdf_path);
    f = popen(cmd, "r");
    assert_non_null(f);
    while (fgets(line, sizeof line, f)) {
        char *p;

        if (strstr(line, "<page ")) {
            w->pages++;
            w->page_w = attr(line, "width");
            w->page_h = attr(line, "height");
        } else if ((p = strstr(line, "<word ")) != NULL) {
            char *s = strchr(p, '>') + 1, *e = strstr(s, "</word>");
            word *x;

            if (w->n == w->cap) {
                w->cap = w->cap ? 2 * w->cap : 256;
                w->v = eg_xrealloc(w->v, w->cap * sizeof *w->v);
            }
            x = &w->v[w->n++];
            x->page = w->pages;
            x->x0 = attr(p, "xMin");
            x->y0 = attr(p, "yMin");
            x->x1 = attr(p, "xMax");
            x->y1 = attr(p, "yMax");
            assert_true(e && (size_t)(e - s) < sizeof x->text);
            memcpy(x->text, s, (size_t)(e - s));
            x->text[e - s] = '\0';
        }
    }
    assert_int_equal(pclose(f), 0);
    if (getenv("EG_TEST_DUMP"))
        for (size_t i = 0; i < w->n; i++)
            printf("p%d %8.3f %8.3f %8.3f %8.3f %s\n", w->v[i].page, w->v[i].x0,
                   w->v[i].y0, w->v[i].x1, w->v[i].y1, w->v[i].text);
}

/* The nth (0-based) word that is text. */
static const word *find(const words *w, const char *text, int nth)
{
    for (size_t i = 0; i < w->n; i++)
        if (strcmp(w->v[i].text, text) == 0 && nth-- == 0)
            return &w->v[i];
    fail_msg("no word '%s'", text);
    return NULL;
}

static int count(const words *w, const char *text)
{
    int n = 0;

    for (size_t i = 0; i < w->n; i++)
        n += strcmp(w->v[i].text, text) == 0;
    return n;
}

/* The words of page p, in reading order, joined by spaces. */
static void page_text(const words *w, int p, char *out, size_t size)
{
    size_t k = 0;

    out[0] = '\0';
    for (size_t i = 0; i < w->n; i++)
        if (w->v[i].page == p)
            k += (size_t)snprintf(out + k, k < size ? size - k : 0, "%s%s",
                                  k ? " " : "", w->v[i].text);
    assert_true(k < size);
}

#define assert_near(a, b) assert_true_msg(a, b)
static void assert_true_msg(double got, double want)
{
    if (fabs(got - want) > 0.05)
        fail_msg("got %.3f, want %.3f", got, want);
}

/* The bookmarks as qpdf lists them, one line each, a parent after its
 * children: "depth page open y title". */
static void read_outline(char *out, size_t size)
{
    char cmd[256], line[1024];
    FILE *f;
    size_t k = 0;
    int page[64] = { 0 }, dest_at = 0, want_y = 0;
    double y[64] = { 0 };
    int open[64] = { 0 };

    snprintf(cmd, sizeof cmd, "qpdf --json --json-key=outlines '%s'", pdf_path);
    f = popen(cmd, "r");
    assert_non_null(f);
    out[0] = '\0';
    while (fgets(line, sizeof line, f)) {
        int ind = (int)strspn(line, " ");
        const char *p = line + ind;

        assert_true(ind < 64);
        if (want_y) {
            y[dest_at] = atof(p);
            want_y = 0;
        } else if (strncmp(p, "\"dest\": [", 9) == 0) {
            dest_at = ind;
        } else if (strncmp(p, "\"/FitH\"", 7) == 0) {
            want_y = 1;
        } else if (strncmp(p, "\"destpageposfrom1\": ", 20) == 0) {
            page[ind] = atoi(p + 20);
        } else if (strncmp(p, "\"open\": ", 8) == 0) {
            open[ind] = strncmp(p + 8, "true", 4) == 0;
        } else if (strncmp(p, "\"title\": \"", 10) == 0) {
            char *e = strrchr(p, '"');

            k += (size_t)snprintf(out + k, k < size ? size - k : 0, "%d %d %d %.1f %.*s\n",
                                  (ind - 6) / 4, page[ind], open[ind], y[ind],
                                  (int)(e - p - 10), p + 10);
        }
    }
    assert_int_equal(pclose(f), 0);
    assert_true(k < size);
    if (getenv("EG_TEST_DUMP"))
        printf("%s", out);
}

/* The written file's bytes, NUL-terminated. */
static char *read_pdf(size_t *n)
{
    FILE *f = fopen(pdf_path, "rb");
    char *buf;
    long size;

    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    size = ftell(f);
    rewind(f);
    buf = eg_xmalloc((size_t)size + 1);
    assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
    buf[size] = '\0';
    fclose(f);
    *n = (size_t)size;
    return buf;
}

static int has(const char *buf, size_t n, const char *needle)
{
    size_t k = strlen(needle);

    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(buf + i, needle, k) == 0)
            return 1;
    return 0;
}

static const char *const long_para =
    "Hạ tầng công nghệ thông tin trong các cơ quan hành chính nhà nước của tỉnh "
    "tiếp tục được quan tâm đầu tư. Hầu hết cán bộ, công chức trong các cơ quan "
    "hành chính nhà nước được trang bị máy tính phục vụ công tác chuyên môn, "
    "nghiệp vụ; mạng nội bộ kết nối Internet cáp quang tốc độ cao đáp ứng được "
    "nhu cầu công tác trong hoạt động của cơ quan hành chính nhà nước Alfa.";

/* The report of most tests: headings at three levels, a paragraph, two
 * bullets, two page breaks, a heading with its own entry, an appendix
 * with a heading of its own, the signature at the end. */
static void sample(eg_doc *d)
{
    eg_block *b;

    memset(d, 0, sizeof *d);
    form(d);
    d->meta_title = sdup("Tiêu đề thử");
    d->meta_author = sdup("Tác giả thử");
    d->meta_subject = sdup("");
    d->meta_keywords = sdup("khóa; thử");
    d->meta_creator = sdup("egreport thử");
    d->created = 1700000000;
    add(d, EG_BLOCK_PARA, 0, "Mở đầu ngắn.");
    add(d, EG_BLOCK_HEADING, 1, "I. MỘT");
    add(d, EG_BLOCK_HEADING, 2, "1. Hai");
    add(d, EG_BLOCK_HEADING, 3, "a) Ba");
    add(d, EG_BLOCK_PARA, 0, long_para);
    add(d, EG_BLOCK_BULLET, 1, "Gạch đầu dòng thứ nhất, đủ dài để sang dòng thứ hai khi "
        "được dàn trang theo khổ giấy A4 với lề của Nghị định, Beta.");
    add(d, EG_BLOCK_BULLET, 2, "Cấp hai Gamma.");
    add(d, EG_BLOCK_PAGEBREAK, 0, NULL);
    add(d, EG_BLOCK_PAGEBREAK, 0, NULL);
    b = add(d, EG_BLOCK_HEADING, 1, "II. HAI");
    b->entry = sdup("II. Mục hai");
    add(d, EG_BLOCK_PARA, 0, "Delta ở trang hai.");
    add(d, EG_BLOCK_HEADING, 3, "b) Bốn");
    add(d, EG_BLOCK_PARA, 0, "Epsilon.");
    b = add(d, EG_BLOCK_APPENDIX, 0, "Danh sách thử");
    b->label = sdup("PHỤ LỤC");
    add(d, EG_BLOCK_HEADING, 1, "1. Trong phụ lục");
    add(d, EG_BLOCK_PARA, 0, "Zeta.");
    add(d, EG_BLOCK_PAGEBREAK, 0, NULL);
    add(d, EG_BLOCK_PARA, 0, "Eta ở trang hai của phụ lục.");
}

/* The page: A4 upright; the text between the margins of 30 mm left and
 * 15 mm right, a paragraph's first line 10 mm in, the rest from the left
 * margin, every line but the last justified to the right margin, 1.3
 * times the type's size apart; 6 points after a paragraph. */
static void a_paragraph_is_indented_justified_and_led_between_the_margins(void **state)
{
    eg_doc d;
    words w;
    const word *first, *second, *last;

    (void)state;
    sample(&d);
    write_doc(&d);
    read_words(&w);
    assert_int_equal(w.pages, 4);
    assert_near(w.page_w, PAGE_W);
    assert_near(w.page_h, PAGE_H);
    first = find(&w, "Hạ", 0);
    assert_int_equal(first->page, 1);
    assert_near(first->x0, LEFT + MM(10));
    assert_near(first->y0, 306.390);
    assert_near(find(&w, "nước", 0)->x1, RIGHT);        /* the first line's end */
    second = find(&w, "của", 0);
    assert_near(second->x0, LEFT);
    assert_near(second->y0, first->y0 + LEAD);
    assert_near(find(&w, "trong", 1)->x1, RIGHT);
    last = find(&w, "Alfa.", 0);
    assert_near(last->y0, first->y0 + 5 * LEAD);
    assert_near(find(&w, "nhà", 2)->x0, LEFT);
    assert_near(last->x1, 175.779);                     /* the last line not stretched */
    free(w.v);
    eg_doc_free(&d);
}

/* Bullets: "-" 10 mm in at level 1, "+" 15 mm in at level 2, the text
 * 5 mm after the mark and every further line under it; 4 points after a
 * bullet, 6 after a paragraph. */
static void bullets_hang_their_lines_under_their_text(void **state)
{
    eg_doc d;
    words w;
    const word *dash, *plus, *more;

    (void)state;
    sample(&d);
    write_doc(&d);
    read_words(&w);
    dash = find(&w, "-", 2);          /* after the two of the motto */
    assert_near(dash->x0, LEFT + MM(10));
    assert_near(dash->y0, find(&w, "Alfa.", 0)->y0 + LEAD + 6);
    assert_near(find(&w, "Gạch", 0)->x0, LEFT + MM(15));
    assert_near(find(&w, "Gạch", 0)->y0, dash->y0);
    assert_near(find(&w, "dàn", 0)->x1, RIGHT);
    more = find(&w, "trang", 1);
    assert_near(more->x0, LEFT + MM(15));
    assert_near(more->y0, dash->y0 + LEAD);
    plus = find(&w, "+", 0);
    assert_near(plus->x0, LEFT + MM(15));
    assert_near(plus->y0, more->y0 + LEAD + 4);
    assert_near(find(&w, "Cấp", 0)->x0, LEFT + MM(20));
    assert_near(find(&w, "Cấp", 0)->y0, plus->y0);
    assert_int_equal(count(&w, "-"), 3);
    assert_int_equal(count(&w, "+"), 1);
    free(w.v);
    eg_doc_free(&d);
}

/* Headings at the left margin, 8 points before each, 3 after; level 3
 * in bold italic, narrower than bold. */
static void headings_stand_at_the_margin_with_their_spaces(void **state)
{
    eg_doc d;
    words w;
    const word *one, *two, *three;

    (void)state;
    sample(&d);
    write_doc(&d);
    read_words(&w);
    one = find(&w, "I.", 0);
    two = find(&w, "1.", 0);
    three = find(&w, "a)", 0);
    assert_near(one->x0, LEFT);
    assert_near(one->y0, find(&w, "Mở", 0)->y0 + LEAD + 6 + 8);
    assert_near(two->x0, LEFT);
    assert_near(two->y0, one->y0 + LEAD + 3 + 8);
    assert_near(three->x0, LEFT);
    assert_near(three->y0, two->y0 + LEAD + 3 + 8);
    assert_near(find(&w, "Hạ", 0)->y0, three->y0 + LEAD + 3);
    assert_near(find(&w, "MỘT", 0)->x1, 128.550);     /* bold */
    assert_near(find(&w, "Ba", 0)->x1, 119.645);      /* bold italic */
    assert_near(find(&w, "Hai", 0)->x1, 122.518);     /* level 2: bold */
    free(w.v);
    eg_doc_free(&d);
}

/* Two page breaks in a row start one page; the next page's text starts
 * at its top margin; page numbers from page 2, centred over the text 8 mm
 * above it, in 13-point type; an appendix starts a page numbered 1
 * (which shows none) and its next page is 2. */
static void page_breaks_page_numbers_and_an_appendix_number_their_pages(void **state)
{
    eg_doc d;
    words w;
    char text[4096];
    const word *num;

    (void)state;
    sample(&d);
    write_doc(&d);
    read_words(&w);
    assert_int_equal(w.pages, 4);
    page_text(&w, 2, text, sizeof text);
    assert_string_equal(text, "2 II. HAI Delta ở trang hai. b) Bốn Epsilon.");
    page_text(&w, 3, text, sizeof text);
    assert_string_equal(text, "PHỤ LỤC Danh sách thử 1. Trong phụ lục Zeta.");
    page_text(&w, 4, text, sizeof text);
    assert_string_equal(text, "2 Eta ở trang hai của phụ lục. CHỦ TỊCH Mai Xuân Cường");
    assert_int_equal(count(&w, "1"), 0);
    for (int k = 0; k < 2; k++) {
        num = find(&w, "2", k);
        assert_int_equal(num->page, 2 + 2 * k);
        assert_near((num->x0 + num->x1) / 2, LEFT + (RIGHT - LEFT) / 2);
        assert_near(num->x1 - num->x0, 7.267);
        assert_near(num->y0, 20.119);
        assert_near(num->y1, 37.825);
    }
    assert_near(find(&w, "II.", 0)->y0, 56.290);
    assert_near(find(&w, "Eta", 0)->y0, 56.290);
    assert_near(find(&w, "b)", 0)->y0, find(&w, "Delta", 0)->y0 + LEAD + 6 + 8);
    assert_near(find(&w, "Epsilon.", 0)->y0, find(&w, "b)", 0)->y0 + LEAD + 3);
    free(w.v);
    eg_doc_free(&d);
}

/* One bookmark per heading and appendix, under the last one of a higher
 * level (an appendix's headings under it), titled with the contents'
 * entry when there is one, pointing 6 points above its top, the first two
 * levels opened; the reader opens the bookmarks with the document. */
static void bookmarks_nest_by_level_and_point_above_their_heading(void **state)
{
    eg_doc d;
    char o[4096], *buf;
    size_t n;

    (void)state;
    sample(&d);
    d.blocks[6].level = 3;   /* "Gamma": a bullet, no bookmark whatever its level */
    write_doc(&d);
    read_outline(o, sizeof o);
    assert_string_equal(o,
        "2 1 1 561.0 a) Ba\n"
        "1 1 1 588.9 1. Hai\n"
        "0 1 1 616.8 I. MỘT\n"
        "1 2 1 740.4 b) Bốn\n"
        "0 2 1 791.2 II. Mục hai\n"
        "1 3 1 723.2 1. Trong phụ lục\n"
        "0 3 1 791.2 Danh sách thử\n");
    buf = read_pdf(&n);
    assert_true(has(buf, n, "/PageMode /UseOutlines"));
    free(buf);
    eg_doc_free(&d);
}

/* The bookmarks of level 3 and deeper are closed, those above open: a
 * third-level heading with one under it (in an appendix) shows it. */
static void bookmarks_below_the_second_level_are_closed(void **state)
{
    eg_doc d;
    char o[4096];

    (void)state;
    memset(&d, 0, sizeof d);
    form(&d);
    add(&d, EG_BLOCK_HEADING, 1, "A1");
    add(&d, EG_BLOCK_HEADING, 2, "B1");
    add(&d, EG_BLOCK_HEADING, 3, "C1");
    add(&d, EG_BLOCK_PARA, 0, "x.");
    add(&d, EG_BLOCK_APPENDIX, 0, "P")->label = sdup("PHỤ LỤC");
    add(&d, EG_BLOCK_HEADING, 1, "A2");
    add(&d, EG_BLOCK_HEADING, 2, "B2");
    add(&d, EG_BLOCK_HEADING, 3, "C2");
    write_doc(&d);
    read_outline(o, sizeof o);
    assert_string_equal(o,
        "2 1 1 583.9 C1\n"
        "1 1 1 611.8 B1\n"
        "0 1 1 639.7 A1\n"
        "3 2 1 667.4 C2\n"
        "2 2 0 695.3 B2\n"
        "1 2 1 723.2 A2\n"
        "0 2 1 791.2 P\n");
    eg_doc_free(&d);
}

/* A report without a bookmark does not open its bookmarks' pane; one
 * with empty entries has none. */
static void a_report_without_bookmarks_does_not_open_their_pane(void **state)
{
    eg_doc d;
    char *buf;
    size_t n;

    (void)state;
    memset(&d, 0, sizeof d);
    form(&d);
    add(&d, EG_BLOCK_HEADING, 1, "Không đánh dấu")->bookmark = 0;
    add(&d, EG_BLOCK_HEADING, 1, "")->bookmark = 1;
    add(&d, EG_BLOCK_PARA, 0, "Văn bản.");
    write_doc(&d);
    buf = read_pdf(&n);
    assert_false(has(buf, n, "/PageMode"));
    assert_false(has(buf, n, "/Outlines"));
    free(buf);
    eg_doc_free(&d);
}

/* The document's properties as given, none left empty, its date in UTC
 * to the second, its language Vietnamese, the file PDF 1.4. */
static void properties_date_and_language_are_written(void **state)
{
    eg_doc d;
    char *buf;
    size_t n;

    (void)state;
    sample(&d);
    write_doc(&d);
    buf = read_pdf(&n);
    assert_memory_equal(buf, "%PDF-1.4\n", 9);
    assert_true(has(buf, n, "/Lang (vi-VN)"));
    assert_true(has(buf, n, "/CreationDate (D:20231114221320Z00'00')"));
    /* "Tiêu đề thử", "Tác giả thử", "khóa; thử", "egreport thử" in
     * UTF-16; the subject, empty, left out */
    assert_true(has(buf, n, "/Title <FEFF0054006900EA0075002001111EC10020007400681EED>"));
    assert_true(has(buf, n, "/Author <FEFF005400E100630020006700691EA30020007400681EED>"));
    assert_true(has(buf, n, "/Keywords <FEFF006B006800F30061003B0020007400681EED>"));
    assert_true(has(buf, n, "/Creator <FEFF00650067007200650070006F007200740020007400681EED>"));
    assert_false(has(buf, n, "/Subject"));
    free(buf);
    eg_doc_free(&d);
}

/* Where a word whose line's top is at y (points from the bottom, as the
 * writer counts) stands for pdftotext: its box starts 0.403 points above. */
static double word_top(double y)
{
    return PAGE_H - y - 0.403;
}

/* A heading of level 2 after fillers that leave it rooms of every kind at
 * the foot of page 2: it stays there only when 8 points before it, its
 * line, 3 points after it and the first two lines of the paragraph under
 * it fit; else it goes to the top of page 3 with the paragraph.  The
 * paragraph then puts as many lines on the heading's page as fit, but
 * never leaves one alone for the next. */
static void a_heading_stays_at_the_foot_only_with_two_lines_of_what_follows(void **state)
{
    static const int sweep[][3] = {     /* paragraphs, bullets, headings */
        { 23, 5, 0 }, { 23, 7, 0 }, { 24, 6, 0 }, { 24, 7, 0 }, { 26, 4, 0 },
        { 28, 2, 0 }, { 29, 1, 0 }, { 30, 0, 0 }, { 27, 0, 0 }, { 22, 6, 0 },
        { 23, 4, 2 }, { 24, 3, 2 }, { 27, 1, 1 }, { 28, 0, 1 }, { 26, 1, 0 }, { 24, 3, 0 }, { 25, 2, 0 },
    };
    const double top = PAGE_H - MM(20), bottom = MM(20);

    (void)state;
    for (size_t t = 0; t < sizeof sweep / sizeof *sweep; t++) {
        int k = sweep[t][0], m = sweep[t][1], h = sweep[t][2], stays, fit, lines = 0, rest = 0;
        double y = top - k * (LEAD + 6) - m * (LEAD + 4) - h * (8 + LEAD + 3), hy, py, last = -1;
        eg_doc d;
        words w;
        const word *head, *first;

        memset(&d, 0, sizeof d);
        form(&d);
        add(&d, EG_BLOCK_PAGEBREAK, 0, NULL);
        add(&d, EG_BLOCK_PARA, 0, "Dòng.");
        for (int i = 0; i < h; i++)
            add(&d, EG_BLOCK_HEADING, 1, "Mục.");
        for (int i = 1; i < k; i++)
            add(&d, EG_BLOCK_PARA, 0, "Dòng.");
        for (int i = 0; i < m; i++)
            add(&d, EG_BLOCK_BULLET, 1, "Ý.");
        add(&d, EG_BLOCK_HEADING, 2, "Giữ");
        add(&d, EG_BLOCK_PARA, 0, long_para);
        add(&d, EG_BLOCK_PAGEBREAK, 0, NULL);
        add(&d, EG_BLOCK_PARA, 0, "Kết.");
        write_doc(&d);
        read_words(&w);

        stays = y - bottom - 8 - (LEAD + 3 + 2 * LEAD) >= -0.01;
        hy = stays ? y - 8 : top;
        py = hy - LEAD - 3;
        fit = (int)((py - bottom + 0.01) / LEAD);
        if (fit > 6)
            fit = 6;            /* the paragraph's six lines */
        if (fit == 5)
            fit = 4;            /* not the last line alone */
        head = find(&w, "Giữ", 0);
        first = find(&w, "Hạ", 0);
        print_message("%d paragraphs, %d bullets, %d headings: %.3f points left, %s\n",
                      k, m, h, y - bottom, stays ? "stays" : "moves");
        assert_int_equal(head->page, stays ? 2 : 3);
        assert_near(head->y0, word_top(hy));
        assert_near(head->x0, LEFT);
        assert_int_equal(first->page, head->page);
        assert_near(first->y0, word_top(py));
        for (const word *x = first; x < w.v + w.n && strcmp(x->text, "Kết.") != 0; x++) {
            if (x->y0 == last || x->y0 < MM(20) - 10)
                continue;       /* a line already counted, a page number */
            last = x->y0;
            if (x->page == head->page) {
                assert_near(x->y0, first->y0 + lines * LEAD);
                lines++;
            } else {
                assert_int_equal(x->page, head->page + 1);
                assert_near(x->y0, 56.290 + rest * LEAD);
                rest++;
            }
        }
        assert_int_equal(lines, fit);
        assert_int_equal(rest, 6 - fit);
        free(w.v);
        eg_doc_free(&d);
    }
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmp_dir, sizeof tmp_dir, "%s/eg-pdf-layout-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_non_null(mkdtemp(tmp_dir));
    snprintf(pdf_path, sizeof pdf_path, "%s/out.pdf", tmp_dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(pdf_path);
    rmdir(tmp_dir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_paragraph_is_indented_justified_and_led_between_the_margins),
        cmocka_unit_test(bullets_hang_their_lines_under_their_text),
        cmocka_unit_test(headings_stand_at_the_margin_with_their_spaces),
        cmocka_unit_test(page_breaks_page_numbers_and_an_appendix_number_their_pages),
        cmocka_unit_test(bookmarks_nest_by_level_and_point_above_their_heading),
        cmocka_unit_test(bookmarks_below_the_second_level_are_closed),
        cmocka_unit_test(a_report_without_bookmarks_does_not_open_their_pane),
        cmocka_unit_test(properties_date_and_language_are_written),
        cmocka_unit_test(a_heading_stays_at_the_foot_only_with_two_lines_of_what_follows),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
