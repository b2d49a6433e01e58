/*
 * test_pdf_table.c - write/pdf_table.c: a table's rows are as tall as
 * their lines and padding, split across pages with at least three rows on
 * either side and the header repeated, moved to a new page whole when too
 * few of them would stand under the header; its cells are padded, the
 * header centred, a cell of one line in a taller row centred in it.
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

/* A row of one line: 10.5-point type, its leading 1.25 times that, and
 * 3 points above and below; 10 points after a table. */
#define ROW (10.5 * 1.25 + 2 * 3.0)
#define AFTER 10.0

/* A layout context on a first A4 page (nothing drawn when dry). */
static void new_ctx(eg_pdf_ctx *c, int dry)
{
    eg_test_pdf_ctx_faces(c, dry);
    eg_pdf_new_page(c);
}

static void free_ctx(eg_pdf_ctx *c)
{
    eg_test_pdf_ctx_free(c);
}

/* A table of two columns and rows rows (the header included), each cell
 * a short word. */
typedef struct {
    eg_block b;
    char *cells[2 * 64];
} small_table;

static void make_table(small_table *t, size_t rows)
{
    static char *const words[] = { "Đơn vị", "Điểm", "Pleiku", "140,28" };

    assert_true(rows <= 64);
    memset(t, 0, sizeof *t);
    t->b.kind = EG_BLOCK_TABLE;
    t->b.n_cols = 2;
    t->b.n_rows = rows;
    t->b.cells = t->cells;
    for (size_t i = 0; i < 2 * rows; i++)
        t->cells[i] = words[i < 2 ? i : 2 + i % 2];
}

/* A row of one line is its leading and 3 points above and below; a table
 * ends 10 points above what follows; the header and the three rows a page
 * keeps at its foot are what a table needs to start there. */
static void a_row_of_one_line_is_its_leading_and_its_padding(void **state)
{
    eg_pdf_ctx c;
    small_table t;

    (void)state;
    new_ctx(&c, 1);
    make_table(&t, 3);
    eg_pdf_table_draw(&c, &t.b);
    assert_int_equal(c.n_pages, 1);
    assert_true(fabs(c.y - (c.top - 3 * ROW - AFTER)) < 1e-6);
    make_table(&t, 20);
    assert_true(fabs(eg_pdf_table_keep(&c, &t.b, 100) - 4 * ROW) < 1e-6);
    /* where not even those fit, a long table still needs them alone */
    assert_true(fabs(eg_pdf_table_keep(&c, &t.b, 30) - 4 * ROW) < 1e-6);
    /* a table of five rows that fits whole needs only those four too */
    make_table(&t, 5);
    assert_true(fabs(eg_pdf_table_keep(&c, &t.b, 1000) - 4 * ROW) < 1e-6);
    /* one that does not fit, and a page holds, needs the whole of it */
    assert_true(fabs(eg_pdf_table_keep(&c, &t.b, 4 * ROW) - 5 * ROW) < 1e-6);
    free_ctx(&c);
}

/* Rows on a page, from the top: as many as fit under the header, the last
 * one to the page's foot included; when fewer than three would be left
 * for the next page, this one gives it some; the next page repeats the
 * header. */
static void a_table_split_by_a_page_keeps_three_rows_on_the_next_under_its_header(void **state)
{
    eg_pdf_ctx c;
    small_table t;

    (void)state;
    /* a page exactly as tall as the header and 37 rows holds them */
    new_ctx(&c, 1);
    c.bottom = c.top - 38 * ROW;
    c.y = c.top;
    make_table(&t, 38);
    eg_pdf_table_draw(&c, &t.b);
    assert_int_equal(c.n_pages, 1);
    assert_true(fabs(c.y - (c.top - 38 * ROW - AFTER)) < 1e-6);
    free_ctx(&c);
    /* 38 rows on such a page: 35 there, 3 under the header on the next */
    new_ctx(&c, 1);
    c.bottom = c.top - 38 * ROW;
    c.y = c.top;
    make_table(&t, 39);
    eg_pdf_table_draw(&c, &t.b);
    assert_int_equal(c.n_pages, 2);
    assert_true(fabs(c.y - (c.top - 4 * ROW - AFTER)) < 1e-6);
    free_ctx(&c);
}

/* A table that would start with fewer than three rows under its header
 * starts on the next page; so does one of fewer than six rows that a page
 * holds, rather than be split. */
static void a_table_with_too_few_rows_left_starts_on_the_next_page(void **state)
{
    eg_pdf_ctx c;
    small_table t;

    (void)state;
    /* room for the header and two rows (and the space above) of eight */
    new_ctx(&c, 1);
    c.y = c.bottom + EG_PDF_TABLE_BEFORE + 3 * ROW + 1;
    make_table(&t, 9);
    eg_pdf_table_draw(&c, &t.b);
    assert_int_equal(c.n_pages, 2);
    assert_true(fabs(c.y - (c.top - 9 * ROW - AFTER)) < 1e-6);
    free_ctx(&c);
    /* room for the header and three rows of eight, were the space above
     * the table not counted: two */
    new_ctx(&c, 1);
    c.y = c.bottom + EG_PDF_TABLE_BEFORE + 4 * ROW - 1;
    make_table(&t, 9);
    eg_pdf_table_draw(&c, &t.b);
    assert_int_equal(c.n_pages, 2);
    assert_true(fabs(c.y - (c.top - 9 * ROW - AFTER)) < 1e-6);
    free_ctx(&c);
    /* room for the header and four rows of five */
    new_ctx(&c, 1);
    c.y = c.bottom + EG_PDF_TABLE_BEFORE + 5 * ROW + 1;
    make_table(&t, 6);
    eg_pdf_table_draw(&c, &t.b);
    assert_int_equal(c.n_pages, 2);
    assert_true(fabs(c.y - (c.top - 6 * ROW - AFTER)) < 1e-6);
    free_ctx(&c);
}

/* A body cell starts 4 points inside its column (or ends 4 points inside
 * it, aligned right); the header is centred in its columns; a cell of one
 * line in a row of two is centred in its height. */
static void cells_are_padded_and_the_header_centred(void **state)
{
    static char *cells[] = { "Đơn vị", "Điểm", "Thành phố Pleiku Thành phố Pleiku", "140,28" };
    static double widths[] = { 1, 3 };
    eg_pdf_ctx c;
    eg_block b = { .kind = EG_BLOCK_TABLE, .n_cols = 2, .n_rows = 2, .cells = cells,
                   .align = "lr", .widths = widths };
    shown_text s;
    double col, col1, lead = 10.5 * 1.25;

    (void)state;
    new_ctx(&c, 0);
    col = c.width / 4;
    col1 = c.width - col;
    /* the first body cell takes two lines */
    assert_true(eg_pdf_text_width(c.reg, 10.5, cells[2], strlen(cells[2])) > col - 8);
    assert_true(eg_pdf_text_width(c.reg, 10.5, cells[2], strlen(cells[2])) < 2 * (col - 8) - 20);
    eg_pdf_table_draw(&c, &b);
    page_shows(c.pdf, &s);
    assert_int_equal(s.n, 5);
    /* the header */
    assert_true(fabs(s.x[0] - (c.left + col / 2 -
                                eg_pdf_text_width(c.bold, 10.5, "Đơn vị", strlen("Đơn vị")) / 2)) <
                0.01);
    assert_true(fabs(s.x[1] - (c.left + col + col1 / 2 -
                                eg_pdf_text_width(c.bold, 10.5, "Điểm", strlen("Điểm")) / 2)) <
                0.01);
    /* the body: left, two lines; right, one line between them */
    assert_true(fabs(s.x[2] - (c.left + 4)) < 0.01);
    assert_true(fabs(s.x[3] - (c.left + 4)) < 0.01);
    assert_true(fabs(s.y[2] - s.y[3] - lead) < 0.01);
    assert_true(fabs(s.x[4] + eg_pdf_text_width(c.reg, 10.5, "140,28", 6) -
                     (c.left + c.width - 4)) < 0.01);
    assert_true(fabs(s.y[2] - s.y[4] - lead / 2) < 0.01);
    free_ctx(&c);
}

/* A column too narrow for a body cell it keeps whole (its alignment in
 * capitals) widens to hold it, padding included, on one line; in small
 * letters it holds the cell's longest word only, and the cell takes two
 * lines.  A column asks for no more than two fifths of the width. */
static void a_column_widens_to_keep_its_cells_whole_up_to_two_fifths(void **state)
{
    static char *cells[] = { "Mức", "Đơn vị", "Ghi chú", "Cảnh báo", "Sở Nội vụ", "Không" };
    static double widths[] = { 1, 8, 8 };
    eg_block b = { .kind = EG_BLOCK_TABLE, .n_cols = 3, .n_rows = 2, .cells = cells,
                   .widths = widths };
    eg_pdf_ctx c;

    (void)state;
    new_ctx(&c, 1);
    assert_true(eg_pdf_text_width(c.reg, 10.5, "Cảnh báo", strlen("Cảnh báo")) + 8 > c.width / 17);
    b.align = "Lll";
    eg_pdf_table_draw(&c, &b);
    assert_true(fabs(c.y - (c.top - 2 * ROW - AFTER)) < 1e-6);
    free_ctx(&c);
    new_ctx(&c, 1);
    b.align = "lll";
    eg_pdf_table_draw(&c, &b);
    assert_true(fabs(c.y - (c.top - ROW - (ROW + 10.5 * 1.25) - AFTER)) < 1e-6);
    free_ctx(&c);

    /* an address wider than two fifths: its column takes two fifths, the
     * next one starts there */
    {
        static char *url[] = { "Cổng", "Đơn vị", "Ghi chú",
                               "https://dichvucong.gialai.gov.vn/portal/p/home/dvc-gioi-thieu.html",
                               "Sở Nội vụ", "Không" };
        static double even[] = { 1, 1, 1 };
        eg_block u = { .kind = EG_BLOCK_TABLE, .n_cols = 3, .n_rows = 2, .cells = url,
                       .align = "lll", .widths = even };
        shown_text s;

        new_ctx(&c, 0);
        assert_true(eg_pdf_text_width(c.reg, 10.5, url[3], strlen(url[3])) > c.width / 2);
        eg_pdf_table_draw(&c, &u);
        page_shows(c.pdf, &s);
        /* the header's three, then the address's lines, then "Sở Nội vụ" */
        assert_true(s.n >= 6);
        assert_true(fabs(s.x[s.n - 2] - (c.left + 0.4 * c.width + 4)) < 0.01);
        free_ctx(&c);
    }
}

/* A row whose longest word is wider than its column gets smaller type, in
 * quarter points, so that it fits, down to 8 points: its lines are as
 * much closer; a word that would need less than 8 points is cut instead,
 * at 10.5. */
static void a_row_with_a_word_too_wide_gets_smaller_type_down_to_eight_points(void **state)
{
    static double widths[] = { 1, 1 };
    char word[256];
    char *cells[4] = { "A", "B", word, word };
    eg_block b = { .kind = EG_BLOCK_TABLE, .n_cols = 2, .n_rows = 2, .cells = cells,
                   .align = "ll", .widths = widths };
    eg_pdf_ctx c;
    int seen_eight = 0, seen_less = 0, seen_more = 0;

    (void)state;
    new_ctx(&c, 1);
    for (size_t m = 20; m < 40; m++)
        for (size_t i = 0; i < 8; i++) {
            double w = c.width / 2 - 8, lw, fit, want;

            memset(word, 'm', m);
            memset(word + m, 'i', i);
            word[m + i] = '\0';
            lw = eg_pdf_text_width(c.reg, 10.5, word, m + i);
            if (lw <= w)
                continue;
            fit = floor(10.5 * w / lw * 4) / 4;
            if (fit < 8) {
                /* cut in two at 10.5 points */
                assert_true(lw < 1.9 * w);
                seen_less = 1;
                want = c.top - ROW - (2 * 10.5 * 1.25 + 6) - AFTER;
            } else {
                seen_eight |= fit == 8;
                seen_more |= fit > 8;
                want = c.top - ROW - (fit * 1.25 + 6) - AFTER;
            }
            c.y = c.top;
            eg_pdf_table_draw(&c, &b);
            if (fabs(c.y - want) > 1e-6)
                fail_msg("'%s': a row %.3f tall, not %.3f", word, c.top - ROW - AFTER - c.y,
                         c.top - ROW - AFTER - want);
        }
    assert_true(seen_eight && seen_less && seen_more);
    free_ctx(&c);
}

/* A cell taller than a page is cut with "…" to what a page holds under the
 * header: no row is drawn past the page's foot. */
static void a_cell_taller_than_a_page_is_cut_to_what_a_page_holds_under_the_header(void **state)
{
    static double widths[] = { 1, 1 };
    size_t n = 0;
    char *text = malloc(20000);
    char *cells[4] = { "Nội dung", "Ghi chú", text, "Không" };
    eg_block b = { .kind = EG_BLOCK_TABLE, .n_cols = 2, .n_rows = 2, .cells = cells,
                   .align = "ll", .widths = widths };
    eg_pdf_ctx c;

    (void)state;
    assert_non_null(text);
    while (n + 32 < 20000) {
        memcpy(text + n, "hồ sơ trực ", strlen("hồ sơ trực "));
        n += strlen("hồ sơ trực ");
    }
    text[n] = '\0';
    new_ctx(&c, 1);
    eg_pdf_table_draw(&c, &b);
    assert_int_equal(c.n_pages, 1);
    assert_true(c.y + AFTER >= c.bottom - 1e-6);
    assert_true(c.y + AFTER < c.bottom + 10.5 * 1.25);
    free_ctx(&c);
    free(text);
}

/* A table of one or two rows that fits where it is stays there; with
 * four rows left for a table of five at the top of a page, the page keeps
 * three and the next gets two under the header. */
static void a_short_table_that_fits_stays_and_a_split_keeps_three_rows_on_the_first_page(void **state)
{
    eg_pdf_ctx c;
    small_table t;

    (void)state;
    new_ctx(&c, 1);
    c.y = c.bottom + EG_PDF_TABLE_BEFORE + 3 * ROW + 1;
    make_table(&t, 3);
    eg_pdf_table_draw(&c, &t.b);
    assert_int_equal(c.n_pages, 1);
    free_ctx(&c);

    new_ctx(&c, 1);
    c.bottom = c.top - 5 * ROW;
    c.y = c.top;
    make_table(&t, 6);
    eg_pdf_table_draw(&c, &t.b);
    assert_int_equal(c.n_pages, 2);
    assert_true(fabs(c.y - (c.top - 3 * ROW - AFTER)) < 1e-6);
    free_ctx(&c);
}

/* Columns that lack more room than the others can spare take only what
 * there is: the table ends at the right margin, its last column's cell
 * 4 points inside it. */
static void columns_widened_take_no_more_than_the_others_spare(void **state)
{
    static char m17[] = "mmmmmmmmmmmmmmmmm", m11[] = "mmmmmmmmmmm";
    static char *cells[] = { "A", "B", "C", m17, m17, "D", "a", "b", m11 };
    static double widths[] = { 1, 1, 1 };
    eg_block b = { .kind = EG_BLOCK_TABLE, .n_cols = 3, .n_rows = 3, .cells = cells,
                   .align = "llr", .widths = widths };
    eg_pdf_ctx c;
    shown_text s;
    double third;

    (void)state;
    new_ctx(&c, 0);
    third = c.width / 3;
    /* the first two lack more than the third spares */
    assert_true(eg_pdf_text_width(c.reg, 10.5, m17, strlen(m17)) + 8.5 > third);
    assert_true(eg_pdf_text_width(c.reg, 10.5, m17, strlen(m17)) + 8.5 < 0.4 * c.width);
    assert_true(2 * (eg_pdf_text_width(c.reg, 10.5, m17, strlen(m17)) + 8.5 - third) >
                third - (eg_pdf_text_width(c.reg, 10.5, m11, strlen(m11)) + 8.5));
    eg_pdf_table_draw(&c, &b);
    page_shows(c.pdf, &s);
    assert_true(s.n >= 9);
    assert_true(fabs(s.x[s.n - 1] + eg_pdf_text_width(c.reg, 10.5, m11, strlen(m11)) -
                     (c.left + c.width - 4)) < 0.01);
    free_ctx(&c);
}

/* The header's words are measured in bold: a narrow column widens to
 * hold its bold header word at full size.  A header cell longer than a
 * third of the page is cut to a third. */
static void the_header_is_measured_bold_and_kept_to_a_third_of_the_page(void **state)
{
    static double widths[] = { 0.01, 1 };
    char *cells[4] = { "Huyện", "Ghi chú", "1", "Không" };
    eg_block b = { .kind = EG_BLOCK_TABLE, .n_cols = 2, .n_rows = 2, .cells = cells,
                   .align = "ll", .widths = widths };
    eg_pdf_ctx c;
    char *text = malloc(8000);
    size_t n = 0;

    (void)state;
    new_ctx(&c, 1);
    assert_true(eg_pdf_text_width(c.bold, 10.5, "Huyện", strlen("Huyện")) >
                eg_pdf_text_width(c.reg, 10.5, "Huyện", strlen("Huyện")) + 0.5);
    eg_pdf_table_draw(&c, &b);
    assert_true(fabs(c.y - (c.top - 2 * ROW - AFTER)) < 1e-6);
    free_ctx(&c);

    assert_non_null(text);
    while (n + 32 < 8000) {
        memcpy(text + n, "hồ sơ trực ", strlen("hồ sơ trực "));
        n += strlen("hồ sơ trực ");
    }
    text[n] = '\0';
    cells[0] = text;
    widths[0] = 1;
    new_ctx(&c, 1);
    eg_pdf_table_draw(&c, &b);
    assert_true(c.top - c.y - AFTER - ROW <= (c.top - c.bottom) / 3 + 1e-6);
    assert_true(c.top - c.y - AFTER - ROW > (c.top - c.bottom) / 3 - 10.5 * 1.25);
    free_ctx(&c);
    free(text);
}

/* A cell left empty (NULL) is drawn as nothing, in a row of one line. */
static void an_empty_cell_is_drawn_as_nothing(void **state)
{
    char *cells[] = { "Đơn vị", "Điểm", NULL, "140,28" };
    eg_block b = { .kind = EG_BLOCK_TABLE, .n_cols = 2, .n_rows = 2, .cells = cells,
                   .align = "lr" };
    eg_pdf_ctx c;
    shown_text s;

    (void)state;
    new_ctx(&c, 0);
    eg_pdf_table_draw(&c, &b);
    assert_true(fabs(c.y - (c.top - 2 * ROW - AFTER)) < 1e-6);
    page_shows(c.pdf, &s);
    assert_int_equal(s.n, 3);
    free_ctx(&c);
}

/* A column that keeps its body cells whole (its alignment in capitals)
 * still holds only its header's longest word: the header wraps, and the
 * column is as wide as its widest body cell. */
static void a_column_kept_whole_is_not_widened_for_its_header(void **state)
{
    static char *cells[] = { "Mức độ cảnh báo", "Đơn vị", "Có", "Sở Nội vụ" };
    static double widths[] = { 1, 20 };
    eg_block b = { .kind = EG_BLOCK_TABLE, .n_cols = 2, .n_rows = 2, .cells = cells,
                   .align = "Ll", .widths = widths };
    eg_pdf_ctx c;
    shown_text s;
    double col;

    (void)state;
    new_ctx(&c, 0);
    col = eg_pdf_longest_word(c.bold, 10.5, cells[0]) + 8.5;
    assert_true(col > c.width / 21);
    assert_true(eg_pdf_text_width(c.reg, 10.5, "Có", strlen("Có")) + 8.5 < col);
    eg_pdf_table_draw(&c, &b);
    page_shows(c.pdf, &s);
    /* the header's lines, then "Đơn vị", "Có" and "Sở Nội vụ" */
    assert_true(s.n > 4);
    assert_true(fabs(s.x[s.n - 1] - (c.left + col + 4)) < 0.01);
    free_ctx(&c);
}

/* A column weight that is no positive finite number (0, infinite, below
 * 0) counts as 1: the second column starts half-way. */
static void a_weight_of_zero_or_infinity_counts_as_one(void **state)
{
    static const double bad[] = { 0, INFINITY, -2 };
    char *cells[] = { "A", "B", "a", "b" };
    eg_pdf_ctx c;

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        double widths[] = { bad[i], 1 };
        eg_block b = { .kind = EG_BLOCK_TABLE, .n_cols = 2, .n_rows = 2, .cells = cells,
                       .align = "ll", .widths = widths };
        shown_text s;

        new_ctx(&c, 0);
        eg_pdf_table_draw(&c, &b);
        page_shows(c.pdf, &s);
        assert_int_equal(s.n, 4);
        if (fabs(s.x[3] - (c.left + c.width / 2 + 4)) > 0.01)
            fail_msg("weight %g: the second column at %.2f, not %.2f", bad[i], s.x[3] - c.left,
                     c.width / 2 + 4);
        free_ctx(&c);
    }
}

/* A row's type is the smallest its columns need: a word too wide in one
 * column makes the whole row smaller, though the next column's fits. */
static void a_row_takes_the_smallest_type_any_of_its_columns_needs(void **state)
{
    static double widths[] = { 1, 1 };
    char word[64];
    char *cells[4] = { "A", "B", word, "x" };
    eg_block b = { .kind = EG_BLOCK_TABLE, .n_cols = 2, .n_rows = 2, .cells = cells,
                   .align = "ll", .widths = widths };
    eg_pdf_ctx c;
    double w, lw, fit;

    (void)state;
    new_ctx(&c, 1);
    w = c.width / 2 - 8;
    memset(word, 'm', 24);
    word[24] = '\0';
    lw = eg_pdf_text_width(c.reg, 10.5, word, 24);
    fit = floor(10.5 * w / lw * 4) / 4;
    assert_true(fit >= 8 && fit < 10.5);
    eg_pdf_table_draw(&c, &b);
    assert_true(fabs(c.y - (c.top - ROW - (fit * 1.25 + 6) - AFTER)) < 1e-6);
    free_ctx(&c);
}

/* An alignment in capitals aligns as in small letters: 'R' to the right,
 * 'C' to the centre, padded 4 points. */
static void capital_alignments_align_as_small_ones(void **state)
{
    char *cells[] = { "A", "B", "C", "12", "34", "56" };
    eg_block b = { .kind = EG_BLOCK_TABLE, .n_cols = 3, .n_rows = 2, .cells = cells,
                   .align = "LRC" };
    eg_pdf_ctx c;
    shown_text s;
    double third, w2 = 0, w3 = 0;

    (void)state;
    new_ctx(&c, 0);
    third = c.width / 3;
    w2 = eg_pdf_text_width(c.reg, 10.5, "34", 2);
    w3 = eg_pdf_text_width(c.reg, 10.5, "56", 2);
    eg_pdf_table_draw(&c, &b);
    page_shows(c.pdf, &s);
    assert_int_equal(s.n, 6);
    assert_true(fabs(s.x[3] - (c.left + 4)) < 0.01);
    assert_true(fabs(s.x[4] + w2 - (c.left + 2 * third - 4)) < 0.01);
    assert_true(fabs(s.x[5] + w3 / 2 - (c.left + 2.5 * third)) < 0.01);
    free_ctx(&c);
}

/* The header row alone is on light grey (0.87), filled once; every cell
 * has its border, half a point wide, stroked once. */
static void the_header_alone_is_on_grey_and_every_cell_bordered_thinly(void **state)
{
    eg_pdf_ctx c;
    small_table t;
    pdf_page *pg;
    size_t fills = 0, strokes = 0, rects = 0;

    (void)state;
    new_ctx(&c, 0);
    make_table(&t, 4);
    eg_pdf_table_draw(&c, &t.b);
    assert_int_equal(read_pages(c.pdf, &pg), 1);
    for (size_t i = 0; i < pg->n; i++) {
        const pdf_op *o = &pg->ops[i];

        if (strcmp(o->op, "f") == 0) {
            fills++;
            assert_true(fabs(o->gs.fill[0] - 0.87) < 1e-6);
        } else if (strcmp(o->op, "S") == 0) {
            strokes++;
            assert_true(fabs(o->gs.lw - 0.5) < 1e-6);
        } else if (strcmp(o->op, "re") == 0) {
            rects++;
        }
    }
    assert_int_equal(fills, 1);
    assert_int_equal(strokes, 4);
    assert_int_equal(rects, 1 + 4 * 2);
    free_pages(pg, 1);
    free_ctx(&c);
}

/* Six body rows are enough to split three and three: a table of seven
 * rows with room for the header and four is split there, not moved. */
static void six_body_rows_split_three_and_three(void **state)
{
    eg_pdf_ctx c;
    small_table t;

    (void)state;
    new_ctx(&c, 1);
    c.y = c.bottom + EG_PDF_TABLE_BEFORE + 5 * ROW + 1;
    make_table(&t, 7);
    eg_pdf_table_draw(&c, &t.b);
    assert_int_equal(c.n_pages, 2);
    assert_true(fabs(c.y - (c.top - 4 * ROW - AFTER)) < 1e-6);
    free_ctx(&c);
}

/* A table of few rows that no page holds whole is split where it is,
 * not first moved to the next page; one at the top of a page stays there
 * though its first rows do not fit under the header (no page is left
 * blank). */
static void a_table_no_page_holds_is_split_where_it_is(void **state)
{
    eg_pdf_ctx c;
    small_table t;

    (void)state;
    /* a page of the header and four rows; six rows, from a point below
     * the top with room for the header and three */
    new_ctx(&c, 1);
    c.bottom = c.top - 5 * ROW;
    c.y = c.top - 1;
    make_table(&t, 6);
    eg_pdf_table_draw(&c, &t.b);
    assert_int_equal(c.n_pages, 2);
    assert_true(fabs(c.y - (c.top - 3 * ROW - AFTER)) < 1e-6);
    free_ctx(&c);
    /* a page of the header and two rows, a table of eight at its top */
    new_ctx(&c, 1);
    c.bottom = c.top - 3 * ROW;
    c.y = c.top;
    make_table(&t, 8);
    eg_pdf_table_draw(&c, &t.b);
    assert_int_equal(c.n_pages, 4);
    free_ctx(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_row_of_one_line_is_its_leading_and_its_padding),
        cmocka_unit_test(a_table_split_by_a_page_keeps_three_rows_on_the_next_under_its_header),
        cmocka_unit_test(a_table_with_too_few_rows_left_starts_on_the_next_page),
        cmocka_unit_test(cells_are_padded_and_the_header_centred),
        cmocka_unit_test(a_column_widens_to_keep_its_cells_whole_up_to_two_fifths),
        cmocka_unit_test(a_row_with_a_word_too_wide_gets_smaller_type_down_to_eight_points),
        cmocka_unit_test(a_cell_taller_than_a_page_is_cut_to_what_a_page_holds_under_the_header),
        cmocka_unit_test(a_short_table_that_fits_stays_and_a_split_keeps_three_rows_on_the_first_page),
        cmocka_unit_test(columns_widened_take_no_more_than_the_others_spare),
        cmocka_unit_test(the_header_is_measured_bold_and_kept_to_a_third_of_the_page),
        cmocka_unit_test(an_empty_cell_is_drawn_as_nothing),
        cmocka_unit_test(a_column_kept_whole_is_not_widened_for_its_header),
        cmocka_unit_test(a_weight_of_zero_or_infinity_counts_as_one),
        cmocka_unit_test(a_row_takes_the_smallest_type_any_of_its_columns_needs),
        cmocka_unit_test(capital_alignments_align_as_small_ones),
        cmocka_unit_test(the_header_alone_is_on_grey_and_every_cell_bordered_thinly),
        cmocka_unit_test(six_body_rows_split_three_and_three),
        cmocka_unit_test(a_table_no_page_holds_is_split_where_it_is),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
