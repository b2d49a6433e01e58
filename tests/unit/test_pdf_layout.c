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

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/mem.h"
#include "write/doc.h"
#include "write/pdf.h"
#include "write/pdf_chart.h"
#include "write/pdf_font.h"

#include "support.h"

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

/* The sweeps below write a report for every 2 points of room; under
 * valgrind (EGREPORT_TEST_SLOW) for every 6. */
static int sweep_step(void)
{
    return getenv("EGREPORT_TEST_SLOW") ? 3 : 1;
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

/* A file's bytes, NUL-terminated; *n its size. */
static char *read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
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

/* The written report's bytes. */
static char *read_pdf(size_t *n)
{
    return read_file(pdf_path, n);
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
 * third-level heading with one under it (in an appendix) shows it.  A
 * heading of no text but an entry has a bookmark. */
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
    add(&d, EG_BLOCK_HEADING, 1, "")->entry = sdup("Chỉ mục");
    write_doc(&d);
    read_outline(o, sizeof o);
    assert_string_equal(o,
        "2 1 1 583.9 C1\n"
        "1 1 1 611.8 B1\n"
        "0 1 1 639.7 A1\n"
        "3 2 1 667.4 C2\n"
        "2 2 0 695.3 B2\n"
        "1 2 1 723.2 A2\n"
        "1 2 1 639.5 Chỉ mục\n"
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
 * to the second (none when not given), its language Vietnamese, the file
 * PDF 1.4. */
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
    /* no date when none is given; the first second of 1970 is one */
    d.created = 0;
    write_doc(&d);
    buf = read_pdf(&n);
    assert_false(has(buf, n, "/CreationDate"));
    free(buf);
    d.created = 1;
    write_doc(&d);
    buf = read_pdf(&n);
    assert_true(has(buf, n, "/CreationDate (D:19700101000001Z00'00')"));
    free(buf);
    eg_doc_free(&d);
}

/* Where a word whose line's top is at y (points from the bottom, as the
 * writer counts) stands for pdftotext: its box starts 0.403 points above. */
static double word_top(double y)
{
    return PAGE_H - y - 0.403;
}

/* A table of two columns, its header and rows rows under it. */
static void add_table(eg_doc *d, size_t rows)
{
    eg_block *b = add(d, EG_BLOCK_TABLE, 0, NULL);

    b->n_cols = 2;
    b->n_rows = rows + 1;
    b->cells = eg_xcalloc(2 * (rows + 1), sizeof *b->cells);
    b->cells[0] = sdup("Đơn vị");
    b->cells[1] = sdup("Điểm");
    for (size_t r = 1; r <= rows; r++) {
        b->cells[2 * r] = sdup("Pleiku");
        b->cells[2 * r + 1] = sdup("140,28");
    }
    b->align = sdup("lr");
    b->widths = eg_xcalloc(2, sizeof *b->widths);
    b->widths[0] = 3;
    b->widths[1] = 1;
}

/* A heading before a table, after fillers that leave rooms around what
 * the two need at the foot of page 2: the heading stays on the page
 * where the table starts, with its header and at least three rows (all
 * of a table of two); it moves only when that is not there, and then
 * stands at the top of the next page. */
static void a_heading_stays_with_the_start_of_the_table_under_it(void **state)
{
    static const struct { size_t rows; double lo, hi; } variant[] = {
        { 2, 60, 120 }, { 12, 70, 140 },
    };
    const double top = PAGE_H - MM(20), bottom = MM(20);

    (void)state;
    for (size_t v = 0; v < sizeof variant / sizeof *variant; v++) {
        double stays_from = 1e9, moves_up_to = -1;

        for (int total = 20; total < 34; total++)
            for (int m = 0; m <= 10; m += sweep_step()) {
                int k = total - m, page, here = 0;
                double left = top - k * (LEAD + 6) - m * (LEAD + 4) - bottom;
                eg_doc d;
                words w;
                const word *head;

                if (left < variant[v].lo || left >= variant[v].hi)
                    continue;
                memset(&d, 0, sizeof d);
                form(&d);
                add(&d, EG_BLOCK_PAGEBREAK, 0, NULL);
                for (int i = 0; i < k; i++)
                    add(&d, EG_BLOCK_PARA, 0, "Dòng.");
                for (int i = 0; i < m; i++)
                    add(&d, EG_BLOCK_BULLET, 1, "Ý.");
                add(&d, EG_BLOCK_HEADING, 2, "Giữ");
                add_table(&d, variant[v].rows);
                add(&d, EG_BLOCK_PAGEBREAK, 0, NULL);
                add(&d, EG_BLOCK_PARA, 0, "Kết.");
                write_doc(&d);
                read_words(&w);
                head = find(&w, "Giữ", 0);
                page = head->page;
                for (int r = 0; r < count(&w, "Pleiku"); r++)
                    here += find(&w, "Pleiku", r)->page == page;
                print_message("%zu rows, %d paragraphs, %d bullets: %.3f points left; the "
                              "heading on page %d with %d rows\n", variant[v].rows, k, m,
                              left, page, here);
                assert_int_equal(find(&w, "Điểm", 0)->page, page);
                assert_true(here >= (variant[v].rows < 3 ? (int)variant[v].rows : 3));
                if (page == 2) {
                    assert_near(head->y0, word_top(top - k * (LEAD + 6) - m * (LEAD + 4) - 8));
                    stays_from = fmin(stays_from, left);
                } else {
                    assert_int_equal(page, 3);
                    assert_near(head->y0, word_top(top));
                    moves_up_to = fmax(moves_up_to, left);
                }
                free(w.v);
                eg_doc_free(&d);
            }
        /* both met, and the heading moves only below what it stays with */
        assert_true(moves_up_to >= 0 && stays_from < 1e9);
        assert_true(moves_up_to < stays_from);
    }
}

/* A bar chart of n districts. */
static eg_block *add_chart(eg_doc *d, size_t n, int long_labels)
{
    static const char *const names[] = {
        "Huyện Chư Pưh", "Thành phố Pleiku", "Huyện Chư Sê", "Thị xã An Khê",
        "Huyện Ia Grai", "Huyện Đức Cơ", "Huyện Chư Prông", "Huyện Đak Đoa",
        "Thị xã Ayun Pa", "Huyện Chư Păh", "Huyện Mang Yang", "Huyện Kbang",
    };
    eg_block *b = add(d, EG_BLOCK_BARCHART, 0, "Biểu đồ thử");

    b->n_bars = n;
    b->labels = eg_xcalloc(n, sizeof *b->labels);
    b->values = eg_xcalloc(n, sizeof *b->values);
    for (size_t i = 0; i < n; i++) {
        b->labels[i] = long_labels ? eg_xasprintf("%s, Ban Chỉ đạo xây dựng Chính quyền điện tử "
                                                  "và chuyển đổi số", names[i])
                                   : sdup(names[i]);
        b->values[i] = 140.29 - 3.5 * (double)i;
    }
    b->decimals = 2;
    return b;
}

/* The report's regular and bold faces, in a document of their own, for
 * the chart's measures. */
typedef struct {
    HPDF_Doc pdf;
    HPDF_Font reg, bold;
} test_faces;

static void load_faces(test_faces *f)
{
    int trimmed = 0;

    f->pdf = HPDF_New(NULL, NULL);
    assert_non_null(f->pdf);
    HPDF_UseUTFEncodings(f->pdf);
    HPDF_SetCurrentEncoder(f->pdf, "UTF-8");
    f->reg = eg_pdf_get_font(f->pdf, eg_pdf_load_face(f->pdf, EG_PDF_FONT_DIR "/NotoSerif-Regular.ttf", &trimmed));
    f->bold = eg_pdf_get_font(f->pdf, eg_pdf_load_face(f->pdf, EG_PDF_FONT_DIR "/NotoSerif-Bold.ttf", &trimmed));
    assert_non_null(f->reg);
    assert_non_null(f->bold);
}

/* A chart after fillers that leave rooms around its height at the foot
 * of page 2: 8 points above it and 12 below; on this page when it fits,
 * or when it fits pressed into the rest with every label whole, else at
 * the top of the next; a heading before it stays on its page when the
 * chart follows it there, whole or pressed, else goes with it; a chart
 * whose labels pressing would cut goes to the next page whole. */
static void a_chart_goes_whole_where_it_fits_or_pressed_into_the_rest(void **state)
{
    const double top = PAGE_H - MM(20), bottom = MM(20), width = RIGHT - LEFT;
    test_faces f;
    eg_doc probe;
    double h, hmin;
    int checked[5] = { 0, 0, 0, 0, 0 };

    (void)state;
    load_faces(&f);
    /* short labels, with a heading before, long labels */
    for (int variant = 0; variant < 3; variant++) {
        int heading = variant == 1, long_labels = variant == 2;

        memset(&probe, 0, sizeof probe);
        add_chart(&probe, 12, long_labels);
        h = eg_pdf_chart_height(&probe.blocks[0], f.reg, f.bold, width, top - bottom);
        hmin = eg_pdf_chart_min_height(&probe.blocks[0], f.reg, f.bold, width);
        assert_true(hmin < h - 20);
        eg_doc_free(&probe);
        for (int total = 0; total < 40; total++)
            for (int m = 0; m <= 10; m += 2 * sweep_step()) {
                int k = total - m, page = 2;
                double y = top - k * (LEAD + 6) - m * (LEAD + 4), rest, chart_top, drawn = h;
                eg_doc d;
                words w;

                if (k < 1 || y - bottom < hmin - 30 || y - bottom > h + 40)
                    continue;
                memset(&d, 0, sizeof d);
                form(&d);
                add(&d, EG_BLOCK_PAGEBREAK, 0, NULL);
                for (int i = 0; i < k; i++)
                    add(&d, EG_BLOCK_PARA, 0, "Dòng.");
                for (int i = 0; i < m; i++)
                    add(&d, EG_BLOCK_BULLET, 1, "Ý.");
                if (heading)
                    add(&d, EG_BLOCK_HEADING, 2, "Giữ");
                add_chart(&d, 12, long_labels);
                add(&d, EG_BLOCK_PARA, 0, "Sau.");
                add(&d, EG_BLOCK_PAGEBREAK, 0, NULL);
                add(&d, EG_BLOCK_PARA, 0, "Kết.");
                write_doc(&d);
                read_words(&w);

                if (heading) {
                    /* the heading with all of the chart, or with all of
                     * it pressed as it would be there, or at the top */
                    double r = y - 8 - (LEAD + 3) - 8 - bottom;
                    const eg_block *ch = &d.blocks[d.n_blocks - 4];

                    if (h > r + 0.01 &&
                        (hmin > r || eg_pdf_chart_cuts(ch, f.reg, f.bold, width, r))) {
                        page = 3;
                        y = top;
                    } else {
                        y -= 8;
                    }
                    assert_int_equal(find(&w, "Giữ", 0)->page, page);
                    assert_near(find(&w, "Giữ", 0)->y0, word_top(y));
                    y -= LEAD + 3;
                }
                rest = y - 8 - bottom;
                if (h > rest && !(y >= top - 0.01) && hmin <= rest) {
                    if (!eg_pdf_chart_cuts(&d.blocks[d.n_blocks - 4], f.reg, f.bold, width, rest))
                        drawn = eg_pdf_chart_height(&d.blocks[d.n_blocks - 4], f.reg, f.bold,
                                                    width, rest);
                    else
                        checked[3]++;   /* pressed, a label would be cut: not pressed */
                }
                if (y >= top - 0.01) {
                    chart_top = top;
                } else if (y - 8 - drawn < bottom - 0.01) {
                    page++;
                    chart_top = top;
                } else {
                    chart_top = y - 8;
                }
                checked[drawn < h ? 2 : page == 2 ? 0 : 1]++;
                checked[4] += heading && drawn < h;   /* a heading, its chart pressed */
                print_message("%s%d paragraphs, %d bullets: %.3f points left; the chart on "
                              "page %d, %.3f high\n", heading ? "a heading, " : "", k, m,
                              y - bottom, page, drawn);
                assert_int_equal(find(&w, "Biểu", 0)->page, page);
                /* the line after it, 12 points below, where it fits */
                if (chart_top - drawn - 12 - LEAD >= bottom - 0.01) {
                    assert_int_equal(find(&w, "Sau.", 0)->page, page);
                    assert_near(find(&w, "Sau.", 0)->y0, word_top(chart_top - drawn - 12));
                } else {
                    assert_int_equal(find(&w, "Sau.", 0)->page, page + 1);
                }
                free(w.v);
                eg_doc_free(&d);
            }
    }
    /* each of the ways met */
    assert_true(checked[0] > 0 && checked[1] > 0 && checked[2] > 0 && checked[3] > 0 &&
                checked[4] > 0);
    HPDF_Free(f.pdf);
}

/* The lines of the paragraph that starts with the word from, up to the
 * word to, on each page: on[p] for page p (1-based). */
static void lines_per_page(const words *w, const char *from, const char *to, int on[8])
{
    const word *x = find(w, from, 0);
    double last = -1;

    memset(on, 0, 8 * sizeof *on);
    for (; x < w->v + w->n && x->page < 8; x++) {
        if (x->y0 != last && x->y0 > MM(20) - 10) {
            on[x->page]++;
            last = x->y0;
        }
        if (strcmp(x->text, to) == 0)
            break;
    }
}

static const char *const three_lines =
    "Hạ tầng công nghệ thông tin trong các cơ quan hành chính nhà nước của tỉnh "
    "tiếp tục được quan tâm đầu tư. Hầu hết cán bộ, công chức trong các cơ quan "
    "hành chính Omega.";

/* Headings (none, one of level 2, or one of level 1 and one of level 2)
 * then a paragraph (of six lines, or three), after fillers that leave
 * rooms from 18 to 143 points at the foot of page 2 in steps of 2.
 * The headings stay there only when 8 points before the first, each
 * line with 3 points after it, 8 points between them and the first two
 * lines of the paragraph (all three of a paragraph of three) fit; else
 * they go to the top of page 3 with it.  The paragraph then puts as many
 * lines as fit on that page, but never one alone there nor one alone on
 * the next (a paragraph of three whole or not at all). */
static void a_heading_stays_at_the_foot_only_with_two_lines_of_what_follows(void **state)
{
    /* each with the rooms where something changes */
    static const struct { int heads; const char *last; int lines; double lo, hi, lo2, hi2; } variant[] = {
        { 1, "Alfa.", 6, 40, 140, 0, 0 }, { 2, "Alfa.", 6, 70, 110, 0, 0 },
        { 1, "Omega.", 3, 60, 100, 0, 0 }, { 0, "Alfa.", 6, 18, 50, 80, 115 },
        { 0, "Omega.", 3, 18, 60, 0, 0 },
    };
    const double top = PAGE_H - MM(20), bottom = MM(20);

    (void)state;
    for (size_t v = 0; v < sizeof variant / sizeof *variant; v++)
        for (int total = 28; total < 34; total++)
            for (int m = 0; m <= 10; m += sweep_step()) {
                int k = total - m, heads = variant[v].heads, n = variant[v].lines;
                int keep = n <= 3 ? n : 2, page = 2, fit, on[8];
                double y = top - k * (LEAD + 6) - m * (LEAD + 4), left = y - bottom;
                double need = heads * (LEAD + 3) + (heads > 1 ? 8 : 0) + keep * LEAD;
                double hy[2] = { 0, 0 };
                const char *text = variant[v].lines == 6 ? long_para : three_lines;
                eg_doc d;
                words w;
                const word *first;

                if (!(left >= variant[v].lo && left < variant[v].hi) &&
                    !(left >= variant[v].lo2 && left < variant[v].hi2))
                    continue;
                memset(&d, 0, sizeof d);
                form(&d);
                add(&d, EG_BLOCK_PAGEBREAK, 0, NULL);
                for (int i = 0; i < k; i++)
                    add(&d, EG_BLOCK_PARA, 0, "Dòng.");
                for (int i = 0; i < m; i++)
                    add(&d, EG_BLOCK_BULLET, 1, "Ý.");
                if (heads > 1)
                    add(&d, EG_BLOCK_HEADING, 1, "Chương");
                if (heads > 0)
                    add(&d, EG_BLOCK_HEADING, 2, "Giữ");
                add(&d, EG_BLOCK_PARA, 0, text);
                add(&d, EG_BLOCK_PAGEBREAK, 0, NULL);
                add(&d, EG_BLOCK_PARA, 0, "Kết.");
                write_doc(&d);
                read_words(&w);

                /* where the headings go */
                if (heads > 0) {
                    if (y - 8 - need < bottom - 0.01) {
                        page = 3;
                        y = top;
                    } else {
                        y -= 8;
                    }
                    for (int j = 0; j < heads; j++) {
                        y -= j > 0 ? 8 : 0;
                        hy[j] = y;
                        y -= LEAD + 3;
                    }
                }
                /* how many lines of the paragraph go on that page */
                fit = (int)((y - bottom + 0.01) / LEAD);
                if (fit > n)
                    fit = n;
                if (fit < n && n - fit == 1 && fit > 1)
                    fit--;
                if (fit < keep) {
                    page++;
                    y = top;
                    fit = n;
                }
                print_message("%d headings, %d lines, %d paragraphs, %d bullets: %.3f points "
                              "left; on page %d, %d lines there\n",
                              heads, n, k, m, left, page, fit);
                if (heads > 1) {
                    assert_int_equal(find(&w, "Chương", 0)->page, hy[0] == top ? 3 : 2);
                    assert_near(find(&w, "Chương", 0)->y0, word_top(hy[0]));
                }
                if (heads > 0) {
                    assert_int_equal(find(&w, "Giữ", 0)->page, hy[0] == top ? 3 : 2);
                    assert_near(find(&w, "Giữ", 0)->y0, word_top(hy[heads - 1]));
                    assert_near(find(&w, "Giữ", 0)->x0, LEFT);
                }
                first = find(&w, "Hạ", 0);
                assert_int_equal(first->page, page);
                assert_near(first->y0, word_top(y));
                lines_per_page(&w, "Hạ", variant[v].last, on);
                assert_int_equal(on[page], fit);
                assert_int_equal(on[page + 1], n - fit);
                if (fit < n)
                    assert_near(find(&w, variant[v].last, 0)->y0, word_top(top - (n - fit - 1) * LEAD));
                free(w.v);
                eg_doc_free(&d);
            }
}

/* The signature is not left alone on a page: the paragraph before it
 * brings its last two lines along when the signature does not fit under
 * it, and is otherwise split only as a paragraph is (never one line alone
 * on a page).  Swept over the rooms left above that paragraph where that
 * changes, in steps of 2 points, at the end of the report and before a
 * signature block; a paragraph of three lines goes over whole. */
static void the_signature_takes_the_last_lines_of_the_text_before_it_along(void **state)
{
    (void)state;
    /* a paragraph of six lines at the end and before a signature block,
     * one of three lines at the end */
    for (int block = 0; block < 3; block++)
        for (int total = 22; total < 34; total++)
            for (int m = 0; m <= 10; m += sweep_step()) {
                int k = total - m;
                double left = PAGE_H - MM(20) - k * (LEAD + 6) - m * (LEAD + 4) - MM(20);
                eg_doc d;
                words w;
                int on[8], pages = 0, first = 0, lastp = 0;

                /* where the paragraph goes over, or takes the signature
                 * with it */
                int n = block < 2 ? 6 : 3;

                if (block < 2 && !(left >= 40 && left < 75) && !(left >= 150 && left < 225))
                    continue;
                if (block == 2 && !(left >= 135 && left < 165))
                    continue;
                memset(&d, 0, sizeof d);
                form(&d);
                add(&d, EG_BLOCK_PAGEBREAK, 0, NULL);
                for (int i = 0; i < k; i++)
                    add(&d, EG_BLOCK_PARA, 0, "Dòng.");
                for (int i = 0; i < m; i++)
                    add(&d, EG_BLOCK_BULLET, 1, "Ý.");
                add(&d, EG_BLOCK_PARA, 0, n == 6 ? long_para : three_lines);
                if (block == 1) {
                    add(&d, EG_BLOCK_SIGNATURE, 0, NULL);
                    add(&d, EG_BLOCK_PAGEBREAK, 0, NULL);
                    add(&d, EG_BLOCK_PARA, 0, "Sau chữ ký.");
                }
                write_doc(&d);
                read_words(&w);
                lines_per_page(&w, "Hạ", n == 6 ? "Alfa." : "Omega.", on);
                for (int p = 1; p < 8; p++)
                    if (on[p]) {
                        pages++;
                        lastp = p;
                        first = first ? first : p;
                    }
                print_message("%s, %d paragraphs, %d bullets: lines %d %d %d, signature on %d\n",
                              block == 1 ? "block" : "end", k, m, on[2], on[3], on[4],
                              find(&w, "Mai", 0)->page);
                assert_int_equal(count(&w, "Mai"), 1);
                assert_int_equal(count(&w, "TỊCH"), 1);
                assert_int_equal(find(&w, "Mai", 0)->page, lastp);
                assert_int_equal(find(&w, "TỊCH", 0)->page, lastp);
                assert_true(pages == 1 || (pages == 2 && lastp == first + 1));
                assert_true(on[first] >= 2 && on[lastp] >= 2);
                assert_true(n > 3 || pages == 1);
                assert_int_equal(on[first] + (pages == 2 ? on[lastp] : 0), n);
                if (block == 1)
                    assert_int_equal(find(&w, "Sau", 0)->page, lastp + 1);
                free(w.v);
                eg_doc_free(&d);
            }
}

/* The signature is drawn once: at the first signature block, not again
 * at a second nor at the end. */
static void the_signature_is_drawn_once(void **state)
{
    eg_doc d;
    words w;

    (void)state;
    memset(&d, 0, sizeof d);
    form(&d);
    add(&d, EG_BLOCK_PARA, 0, "Trước.");
    add(&d, EG_BLOCK_SIGNATURE, 0, NULL);
    add(&d, EG_BLOCK_PARA, 0, "Giữa.");
    add(&d, EG_BLOCK_SIGNATURE, 0, NULL);
    add(&d, EG_BLOCK_PARA, 0, "Sau.");
    write_doc(&d);
    read_words(&w);
    assert_int_equal(count(&w, "Mai"), 1);
    assert_int_equal(count(&w, "TỊCH"), 1);
    assert_true(find(&w, "Mai", 0)->y0 > find(&w, "Trước.", 0)->y0);
    assert_true(find(&w, "Mai", 0)->y0 < find(&w, "Giữa.", 0)->y0);
    free(w.v);
    eg_doc_free(&d);
}

/* How many times "/FitH y" (to a tenth) stands in buf. */
static int fith_count(const char *buf, size_t n, double y)
{
    int k = 0;

    for (size_t i = 0; i + 6 < n; i++)
        if (memcmp(buf + i, "/FitH ", 6) == 0 && fabs(atof(buf + i + 6) - y) < 0.05)
            k++;
    return k;
}

/* The contents' links and the bookmarks lead to the same place, 6 points
 * above the heading's top on its page, not to the page's top. */
static void the_contents_link_to_just_above_each_heading(void **state)
{
    eg_doc d;
    char *buf;
    size_t n;

    (void)state;
    memset(&d, 0, sizeof d);
    form(&d);
    add(&d, EG_BLOCK_CONTENTS, 0, "MỤC LỤC");
    add(&d, EG_BLOCK_PAGEBREAK, 0, NULL);
    add(&d, EG_BLOCK_PARA, 0, "Mở đầu.");
    add(&d, EG_BLOCK_HEADING, 1, "Một")->in_contents = 1;
    add(&d, EG_BLOCK_PARA, 0, "Văn bản.");
    add(&d, EG_BLOCK_HEADING, 2, "Hai")->in_contents = 1;
    write_doc(&d);
    buf = read_pdf(&n);
    /* "Một" 8 points under the line before it, "Hai" under it */
    assert_int_equal(fith_count(buf, n, PAGE_H - MM(20) - LEAD - 6 - 8 + 6), 2);
    assert_int_equal(fith_count(buf, n, PAGE_H - MM(20) - 3 * LEAD - 6 - 8 - 3 - 6 - 8 + 6), 2);
    free(buf);
    eg_doc_free(&d);
}

/* The faces of the report, copied into dir, the regular one as given
 * (bytes, n) when bytes is not NULL. */
static void font_dir_with(const char *dir, const unsigned char *bytes, size_t n)
{
    static const char *const faces[] = {
        "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf",
        "NotoSerif-Italic.ttf", "NotoSerif-BoldItalic.ttf",
    };

    mkdir(dir, 0777);
    for (int i = 0; i < 4; i++) {
        char *from = eg_xasprintf("%s/%s", EG_PDF_FONT_DIR, faces[i]);
        char *to = eg_xasprintf("%s/%s", dir, faces[i]);
        size_t size;
        unsigned char *own = (unsigned char *)read_file(from, &size);
        FILE *f = fopen(to, "wb");

        assert_non_null(f);
        if (i == 0 && bytes)
            assert_int_equal(fwrite(bytes, 1, n, f), n);
        else
            assert_int_equal(fwrite(own, 1, size, f), size);
        assert_int_equal(fclose(f), 0);
        free(own);
        free(from);
        free(to);
    }
}

static void remove_font_dir(const char *dir)
{
    char *cmd = eg_xasprintf("rm -rf '%s'", dir);

    assert_int_equal(system(cmd), 0);
    free(cmd);
}

/* The names in the test's folder, sorted, joined by spaces. */
static void folder(char *out, size_t size)
{
    char *cmd = eg_xasprintf("ls -A '%s' | tr '\\n' ' '", tmp_dir);
    FILE *f = popen(cmd, "r");
    size_t k;

    assert_non_null(f);
    k = fread(out, 1, size - 1, f);
    out[k] = '\0';
    assert_int_equal(pclose(f), 0);
    free(cmd);
}

/* Writing d to path must fail with one F_PDF diagnostic at path that
 * says want, and leave nothing behind. */
static void write_fails(const eg_doc *d, const char *path, const char *fonts, const char *want)
{
    eg_diag_list dl = { 0 };

    if (eg_pdf_write(d, path, fonts, &dl) != -1)
        fail_msg("written, where it should say: %s", want);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.n_fatal, 1);
    assert_string_equal(dl.items[0].code, "F_PDF");
    assert_string_equal(dl.items[0].file, path);
    assert_string_equal(dl.items[0].message, want);
    eg_diag_free(&dl);
}

static unsigned long be32_at(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

/* fread, wrapped at link time (Makefile): the nth call from here on
 * fails with EIO when fail_fread_at is set, the stream's error set as a
 * failing disk sets it. */
size_t __real_fread(void *p, size_t size, size_t n, FILE *f);
size_t __wrap_fread(void *p, size_t size, size_t n, FILE *f);

static int fail_fread_at;

size_t __wrap_fread(void *p, size_t size, size_t n, FILE *f)
{
    if (fail_fread_at && --fail_fread_at == 0) {
        eg_test_stream_fails(f);
        return 0;
    }
    return __real_fread(p, size, n, f);
}

/* A face whose header or table directory the disk fails to read is said
 * in the system's words, not as a font too short or damaged (which would
 * send the operator to reinstall the package). */
static void a_font_the_disk_fails_to_read_is_said_so(void **state)
{
    char *fonts = eg_xasprintf("%s/fonts", tmp_dir);
    char *regular = eg_xasprintf("%s/NotoSerif-Regular.ttf", fonts);
    size_t size;
    unsigned char *font = (unsigned char *)read_file(EG_PDF_FONT_DIR "/NotoSerif-Regular.ttf", &size);
    char *want = eg_xasprintf("cannot use font '%s': Input/output error (package fonts-noto-core)",
                              regular);
    eg_doc d;

    (void)state;
    unlink(pdf_path);
    sample(&d);
    font_dir_with(fonts, font, size);
    for (int at = 1; at <= 2; at++) {       /* its header, its table directory */
        fail_fread_at = at;
        write_fails(&d, pdf_path, fonts, want);
        assert_int_equal(fail_fread_at, 0);
    }
    remove_font_dir(fonts);
    free(want);
    free(font);
    free(regular);
    free(fonts);
    eg_doc_free(&d);
}

/* A regular face that is not TrueType, too short, with a damaged table
 * directory, without a table libharu reads or with one cut short is
 * refused before libharu reads it, saying which file and why; one whose
 * header says "true" (an older Mac TrueType) is used. */
static void a_font_the_pdf_library_cannot_read_is_refused_saying_why(void **state)
{
    char *fonts = eg_xasprintf("%s/fonts", tmp_dir);
    char *regular = eg_xasprintf("%s/NotoSerif-Regular.ttf", fonts);
    char *want, listing[512];
    size_t size, n, cut = 0;
    unsigned char *font = (unsigned char *)read_file(EG_PDF_FONT_DIR "/NotoSerif-Regular.ttf", &size);
    unsigned char *copy = eg_xmalloc(size);
    eg_doc d;
    eg_diag_list dl = { 0 };
    static const struct { const char *tag; } none[] = { { "cmap" }, { "OS/2" } };

    (void)state;
    unlink(pdf_path);
    sample(&d);
    n = (size_t)(font[4] << 8 | font[5]);
    assert_true(n > 10 && 12 + 16 * n < size);

    /* an OpenType font of outlines (CFF), not TrueType */
    memcpy(copy, font, size);
    memcpy(copy, "OTTO", 4);
    font_dir_with(fonts, copy, size);
    want = eg_xasprintf("cannot use font '%s': not a TrueType font (package fonts-noto-core)", regular);
    write_fails(&d, pdf_path, fonts, want);
    free(want);

    /* too short for its header */
    font_dir_with(fonts, font, 11);
    want = eg_xasprintf("cannot use font '%s': too short to be a font (package fonts-noto-core)", regular);
    write_fails(&d, pdf_path, fonts, want);
    free(want);

    /* a directory of more tables than the file holds, or of none */
    want = eg_xasprintf("cannot use font '%s': damaged table directory (package fonts-noto-core)", regular);
    font_dir_with(fonts, font, 12 + 16 * n - 1);
    write_fails(&d, pdf_path, fonts, want);
    memcpy(copy, font, size);
    copy[4] = copy[5] = 0;
    font_dir_with(fonts, copy, size);
    write_fails(&d, pdf_path, fonts, want);
    free(want);

    /* a table libharu reads missing (its tag changed), the first and the
     * last it looks for */
    want = eg_xasprintf("cannot use font '%s': a table the PDF library needs is missing "
                        "or cut short (package fonts-noto-core)", regular);
    for (size_t t = 0; t < sizeof none / sizeof *none; t++) {
        memcpy(copy, font, size);
        for (size_t i = 0; i < n; i++)
            if (memcmp(copy + 12 + 16 * i, none[t].tag, 4) == 0)
                copy[12 + 16 * i + 3] ^= 0x20;
        font_dir_with(fonts, copy, size);
        write_fails(&d, pdf_path, fonts, want);
    }
    /* the file cut just inside the table "post" (the one libharu reads
     * that ends last in this face) */
    for (size_t i = 0; i < n; i++)
        if (memcmp(font + 12 + 16 * i, "post", 4) == 0)
            cut = be32_at(font + 12 + 16 * i + 8) + 1;
    assert_true(cut > 12 + 16 * n);
    font_dir_with(fonts, font, cut);
    write_fails(&d, pdf_path, fonts, want);
    free(want);

    /* no such file */
    remove_font_dir(fonts);
    want = eg_xasprintf("cannot use font '%s': No such file or directory (package fonts-noto-core)",
                        regular);
    write_fails(&d, pdf_path, fonts, want);
    free(want);
    folder(listing, sizeof listing);
    assert_string_equal(listing, "");

    /* "true": used */
    memcpy(copy, font, size);
    memcpy(copy, "true", 4);
    font_dir_with(fonts, copy, size);
    assert_int_equal(eg_pdf_write(&d, pdf_path, fonts, &dl), 0);
    assert_int_equal(dl.n, 0);
    remove_font_dir(fonts);
    unlink(pdf_path);

    free(font);
    free(copy);
    free(regular);
    free(fonts);
    eg_doc_free(&d);
}

/* The file is written whole or not at all: into a folder that is not
 * there, or over a folder, it fails saying why, at the report's path,
 * and leaves no temporary file; a temporary left by an earlier run of
 * the same process id is replaced; no font folder given ("") is the
 * system's. */
static void the_file_is_written_whole_or_not_at_all(void **state)
{
    char *missing = eg_xasprintf("%s/nowhere/out.pdf", tmp_dir);
    char *over = eg_xasprintf("%s/out.pdf", tmp_dir);
    char *stale = eg_xasprintf("%s.%ld.tmp", pdf_path, (long)getpid());
    char listing[512];
    eg_doc d;
    eg_diag_list dl = { 0 };
    FILE *f;

    (void)state;
    unlink(pdf_path);
    sample(&d);
    write_fails(&d, missing, NULL, "cannot write the PDF report: No such file or directory");
    folder(listing, sizeof listing);
    assert_string_equal(listing, "");

    assert_int_equal(mkdir(over, 0777), 0);
    write_fails(&d, over, NULL, "cannot write the PDF report: Is a directory");
    folder(listing, sizeof listing);
    assert_string_equal(listing, "out.pdf ");
    assert_int_equal(rmdir(over), 0);

    f = fopen(stale, "w");
    assert_non_null(f);
    fputs("half a report", f);
    fclose(f);
    assert_int_equal(eg_pdf_write(&d, pdf_path, "", &dl), 0);
    assert_int_equal(dl.n, 0);
    folder(listing, sizeof listing);
    assert_string_equal(listing, "out.pdf ");
    unlink(pdf_path);

    free(missing);
    free(over);
    free(stale);
    eg_doc_free(&d);
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
        cmocka_unit_test(the_signature_takes_the_last_lines_of_the_text_before_it_along),
        cmocka_unit_test(the_signature_is_drawn_once),
        cmocka_unit_test(the_contents_link_to_just_above_each_heading),
        cmocka_unit_test(a_chart_goes_whole_where_it_fits_or_pressed_into_the_rest),
        cmocka_unit_test(a_heading_stays_with_the_start_of_the_table_under_it),
        cmocka_unit_test(a_font_the_pdf_library_cannot_read_is_refused_saying_why),
        cmocka_unit_test(a_font_the_disk_fails_to_read_is_said_so),
        cmocka_unit_test(the_file_is_written_whole_or_not_at_all),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
