/*
 * test_pdf_chart.c - write/pdf_chart.c: a bar chart is as tall as its
 * title, its rows and its axis; its labels take two lines while the page
 * has room, then one, then its rows and type shrink to fit; its axis ends
 * on a round tick (3 to 5 steps) or, fixed, at the layout's maximum; its
 * bars, values, grid, reference line and axis are drawn where the layout
 * puts them.
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
#include "write/pdf_chart.h"
#include "write/pdf_font.h"
#include "write/pdf_priv.h"
#include "pdf_ctx_support.h"
#include "write/pdf_text.h"

#define REGULAR "NotoSerif-Regular"
#define BOLD "NotoSerif-Bold,Bold"

/* The chart's measures (pdf_chart.c): the axis and its tick labels under
 * the rows, the axis title under them, the reference line's label above;
 * a title line and the gap under the title; a row of one line of labels
 * and of two; a row pressed into the rest of a page. */
#define AXIS_H (4.0 + 8.5 * 1.4)
#define AXIS_TITLE_H (8.5 * 1.6)
#define REF_H (8.5 * 1.5)
#define TITLE_LEAD (11.0 * 1.25)
#define TITLE_GAP 6.0
#define ROW1 17.0
#define ROW2 (2 * 9.0 * 1.2 + 5)
#define MIN_ROW 13.0

static const char LONG_LABEL[] = "Trung tâm Phục vụ hành chính công tỉnh Gia Lai và các huyện";

/* A document with the program's two faces and an A4 page, its text
 * uncompressed (the context gives the page's text area). */
static void new_ctx(eg_pdf_ctx *c)
{
    eg_test_pdf_ctx_faces(c, 0);
    eg_pdf_new_page(c);
}

static void free_ctx(eg_pdf_ctx *c)
{
    eg_test_pdf_ctx_free(c);
}

static double width_of(HPDF_Font f, double size, const char *s)
{
    return eg_pdf_text_width(f, size, s, strlen(s));
}

static double height(const eg_pdf_ctx *c, const eg_block *b, double max_height)
{
    return eg_pdf_chart_height(b, c->reg, c->bold, c->width, max_height);
}

static int cuts(const eg_pdf_ctx *c, const eg_block *b, double max_height)
{
    return eg_pdf_chart_cuts(b, c->reg, c->bold, c->width, max_height);
}

static double min_height(const eg_pdf_ctx *c, const eg_block *b)
{
    return eg_pdf_chart_min_height(b, c->reg, c->bold, c->width);
}

/* The chart b drawn at the top of the text area within max_height, and
 * the page read back. */
static pdf_page *drawn(eg_pdf_ctx *c, const eg_block *b, double max_height)
{
    pdf_page *pg;

    eg_pdf_chart_draw(c->page, b, c->reg, c->bold, c->left, c->top, c->width, max_height);
    assert_int_equal(read_pages(c->pdf, &pg), 1);
    /* every q has its Q (a colour or dash set for a part ends with it):
     * the text is in black */
    {
        size_t saves = 0, restores = 0;

        for (size_t i = 0; i < pg->n; i++) {
            saves += strcmp(pg->ops[i].op, "q") == 0;
            restores += strcmp(pg->ops[i].op, "Q") == 0;
            if (pg->ops[i].text)
                assert_near(pg->ops[i].gs.fill[0], 0);
        }
        assert_int_equal(saves, restores);
    }
    return pg;
}

/* Where text is shown the k-th time (0: the first); -1 when it is not. */
static long shown(const pdf_page *pg, const char *text, int k)
{
    for (size_t i = 0; i < pg->n; i++)
        if (pg->ops[i].text && strcmp(pg->ops[i].text, text) == 0 && k-- == 0)
            return (long)i;
    return -1;
}

/* The string shown after the one at ops[i]. */
static long next_shown(const pdf_page *pg, long i)
{
    for (size_t k = (size_t)i + 1; k < pg->n; k++)
        if (pg->ops[k].text)
            return (long)k;
    fail_msg("nothing shown after \"%s\"", pg->ops[i].text);
    return -1;
}

static const pdf_op *text_op(const pdf_page *pg, const char *text)
{
    long i = shown(pg, text, 0);

    if (i < 0)
        fail_msg("the page does not show \"%s\"", text);
    return &pg->ops[i];
}

/* The strings shown at size, joined by " ". */
static void shown_at_size(const pdf_page *pg, double size, char *out, size_t cap)
{
    size_t n = 0;

    out[0] = '\0';
    for (size_t i = 0; i < pg->n; i++)
        if (pg->ops[i].text && NEAR(pg->ops[i].size, size))
            n += (size_t)snprintf(out + n, cap - n, "%s%s", n ? " " : "", pg->ops[i].text);
}

/* How many operators op the page has. */
/* The rectangles filled in grey g, in order: their index in ops. */
static size_t rects(const pdf_page *pg, double g, size_t *at, size_t cap)
{
    size_t k = 0;

    for (size_t i = 0; i < pg->n; i++)
        if (strcmp(pg->ops[i].op, "re") == 0 && NEAR(pg->ops[i].gs.fill[0], g)) {
            assert_true(k < cap);
            at[k++] = i;
        }
    return k;
}

/* The segments stroked at line width lw: "m" then "l", index of the "m". */
static size_t segments(const pdf_page *pg, double lw, size_t *at, size_t cap)
{
    size_t k = 0;

    for (size_t i = 0; i + 1 < pg->n; i++)
        if (strcmp(pg->ops[i].op, "m") == 0 && strcmp(pg->ops[i + 1].op, "l") == 0 &&
            NEAR(pg->ops[i].gs.lw, lw)) {
            assert_true(k < cap);
            at[k++] = i;
        }
    return k;
}

/* The plot as the axes show it: the horizontal axis (the second segment
 * at 0.8 points) from (px, bottom) to (px + w, bottom), the vertical one
 * from the plot's top. */
typedef struct {
    double px, w, top, bottom;
} plot;

static plot plot_of(const pdf_page *pg)
{
    size_t at[16];
    plot p;

    assert_true(segments(pg, 0.8, at, 16) >= 2);
    p.px = pg->ops[at[1]].x;
    p.bottom = pg->ops[at[1]].y;
    p.w = pg->ops[at[1] + 1].a[0] - p.px;
    p.top = pg->ops[at[0]].y;
    /* the vertical axis: from the top to 3 points under the bottom */
    assert_near(pg->ops[at[0]].x, p.px);
    assert_near(pg->ops[at[0] + 1].a[0], p.px);
    assert_near(pg->ops[at[0] + 1].a[1], p.bottom - 3);
    assert_near(pg->ops[at[1] + 1].a[1], p.bottom);
    /* in black, whole */
    assert_near(pg->ops[at[0]].gs.stroke[0], 0);
    assert_int_equal(pg->ops[at[0]].gs.n_dash, 0);
    return p;
}

/* Three short labels and their values: 57.4 the largest. */
static char *short_labels[] = { "Pleiku", "An Khê", "Ayun Pa" };
static double short_values[] = { 57.4, 12.5, 30 };

static eg_block short_chart(void)
{
    eg_block b = { .kind = EG_BLOCK_BARCHART, .n_bars = 3, .labels = short_labels,
                   .values = short_values, .decimals = 1, .value_suffix = "%" };

    return b;
}

/* A chart is its rows of 17 points (one line of labels) and its axis with
 * its tick labels; a title adds its lines and a gap, an axis title and a
 * reference line their own lines; an empty title or axis title nothing.
 * Pressed to rows of 13 points, the same. */
static void a_chart_is_as_tall_as_its_title_its_rows_and_its_axis(void **state)
{
    static char title1[] = "Tỉ lệ hồ sơ trực tuyến";
    static char title2[] = "Tỉ lệ hồ sơ được giải quyết trực tuyến toàn trình trên tổng số hồ sơ "
                           "tiếp nhận của các cơ quan, đơn vị cấp tỉnh và cấp huyện";
    eg_pdf_ctx c;
    eg_block b = short_chart();

    (void)state;
    new_ctx(&c);
    assert_near(height(&c, &b, 1e9), AXIS_H + 3 * ROW1);
    assert_near(min_height(&c, &b), AXIS_H + 3 * MIN_ROW);
    assert_int_equal(cuts(&c, &b, 1e9), 0);
    b.text = "";
    b.axis_title = "";
    assert_near(height(&c, &b, 1e9), AXIS_H + 3 * ROW1);

    b.text = title1;
    assert_true(width_of(c.bold, 11, title1) < c.width);
    assert_near(height(&c, &b, 1e9), TITLE_LEAD + TITLE_GAP + AXIS_H + 3 * ROW1);
    assert_near(min_height(&c, &b), TITLE_LEAD + TITLE_GAP + AXIS_H + 3 * MIN_ROW);
    b.text = title2;
    assert_true(width_of(c.bold, 11, title2) > c.width);
    assert_true(width_of(c.bold, 11, title2) < 1.8 * c.width);
    assert_near(height(&c, &b, 1e9), 2 * TITLE_LEAD + TITLE_GAP + AXIS_H + 3 * ROW1);

    b.text = NULL;
    b.axis_title = "Tổng điểm";
    assert_near(height(&c, &b, 1e9), AXIS_H + AXIS_TITLE_H + 3 * ROW1);
    assert_near(min_height(&c, &b), AXIS_H + AXIS_TITLE_H + 3 * MIN_ROW);
    b.axis_title = NULL;
    b.has_ref = 1;
    b.ref_value = 40;
    assert_near(height(&c, &b, 1e9), AXIS_H + REF_H + 3 * ROW1);
    assert_near(min_height(&c, &b), AXIS_H + REF_H + 3 * MIN_ROW);
    b.text = title1;
    b.axis_title = "Tổng điểm";
    assert_near(height(&c, &b, 1e9),
                TITLE_LEAD + TITLE_GAP + AXIS_H + AXIS_TITLE_H + REF_H + 3 * ROW1);

    /* no bars: the title and the axis alone, however little room */
    b.n_bars = 0;
    assert_near(height(&c, &b, 1e9),
                TITLE_LEAD + TITLE_GAP + AXIS_H + AXIS_TITLE_H + REF_H);
    assert_near(height(&c, &b, 5), TITLE_LEAD + TITLE_GAP + AXIS_H + AXIS_TITLE_H + REF_H);
    assert_near(min_height(&c, &b), TITLE_LEAD + TITLE_GAP + AXIS_H + AXIS_TITLE_H + REF_H);
    free_ctx(&c);
}

/* A label wider than its column (two fifths of the width and a little)
 * takes two lines, and every row is as tall as two, while the chart fits
 * in the height given; given less, every label takes one line and the
 * long one is cut short. */
static void a_long_label_takes_two_lines_while_the_chart_fits(void **state)
{
    static char *labels[] = { (char *)LONG_LABEL, "Pleiku" };
    static double values[] = { 30, 60 };
    eg_block b = { .kind = EG_BLOCK_BARCHART, .n_bars = 2, .labels = labels,
                   .values = values, .decimals = 0 };
    eg_pdf_ctx c;
    double natural;

    (void)state;
    new_ctx(&c);
    assert_true(width_of(c.reg, 9, LONG_LABEL) > 0.42 * c.width);
    assert_true(width_of(c.reg, 9, LONG_LABEL) < 1.8 * 0.42 * c.width);
    natural = height(&c, &b, 1e9);
    assert_near(natural, AXIS_H + 2 * ROW2);
    assert_int_equal(cuts(&c, &b, 1e9), 0);
    /* exactly the height it takes: as it is */
    assert_near(height(&c, &b, natural), AXIS_H + 2 * ROW2);
    assert_int_equal(cuts(&c, &b, natural), 0);
    /* a little less: one line each */
    assert_near(height(&c, &b, natural - 0.001), AXIS_H + 2 * ROW1);
    assert_int_equal(cuts(&c, &b, natural - 0.001), 1);
    assert_near(height(&c, &b, AXIS_H + 2 * ROW1), AXIS_H + 2 * ROW1);
    assert_near(min_height(&c, &b), AXIS_H + 2 * MIN_ROW);
    free_ctx(&c);
}

/* Less room than rows of one line take: the rows share what there is,
 * the chart takes all of it and no more; the labels and values are set
 * 1.3 times smaller than their row, at most 9 points; a bar is 0.58 of
 * its row. */
static void rows_and_type_shrink_to_fit_the_height_given(void **state)
{
    static char *labels[] = { (char *)LONG_LABEL, "Pleiku" };
    static double values[] = { 30, 60 };
    eg_block b = { .kind = EG_BLOCK_BARCHART, .n_bars = 2, .labels = labels,
                   .values = values, .decimals = 0 };
    eg_pdf_ctx c;
    pdf_page *pg;
    size_t at[8];
    const pdf_op *o;
    double size = 10.0 / 1.3, lead = size * 1.2, cy;

    (void)state;
    new_ctx(&c);
    assert_near(height(&c, &b, AXIS_H + 2 * 10), AXIS_H + 2 * 10);
    assert_int_equal(cuts(&c, &b, AXIS_H + 2 * 10), 1);
    pg = drawn(&c, &b, AXIS_H + 2 * 10);
    /* the label of the second row, right-aligned, centred in its row */
    o = text_op(pg, "Pleiku");
    assert_near(o->size, size);
    cy = c.top - 1.5 * 10;
    assert_near(o->y, cy + lead / 2 - eg_pdf_baseline(c.reg, size, lead));
    /* the values too */
    assert_near(text_op(pg, "60")->size, size);
    assert_near(text_op(pg, "60")->y, cy - 0.36 * size);
    /* the long label on one line, cut short */
    o = NULL;
    for (size_t i = 0; i < pg->n; i++)
        if (pg->ops[i].text && strncmp(pg->ops[i].text, "Trung tâm", strlen("Trung tâm")) == 0) {
            assert_null(o);
            o = &pg->ops[i];
        }
    assert_non_null(o);
    assert_true(strstr(o->text, "…") != NULL);
    assert_near(o->size, size);
    /* bars 5.8 points thick */
    assert_int_equal(rects(pg, 0.55, at, 8), 2);
    assert_near(pg->ops[at[0]].a[3], 5.8);
    assert_near(pg->ops[at[1]].y, cy - 2.9);
    free_pages(pg, 1);
    free_ctx(&c);

    /* rows of 12.5 points: the type stays at 9 */
    new_ctx(&c);
    assert_near(height(&c, &b, AXIS_H + 2 * 12.5), AXIS_H + 2 * 12.5);
    pg = drawn(&c, &b, AXIS_H + 2 * 12.5);
    assert_near(text_op(pg, "Pleiku")->size, 9);
    assert_near(text_op(pg, "60")->size, 9);
    assert_int_equal(rects(pg, 0.55, at, 8), 2);
    assert_near(pg->ops[at[0]].a[3], 12.5 * 0.58);
    free_pages(pg, 1);
    free_ctx(&c);
}

/* A label of more than two lines' length is cut short even with all the
 * room there is; its first line is whole, its second ends with "…". */
static void a_label_longer_than_two_lines_is_cut_however_tall_the_page(void **state)
{
    char label[512];
    char *labels[] = { label, "Pleiku" };
    static double values[] = { 30, 60 };
    eg_block b = { .kind = EG_BLOCK_BARCHART, .n_bars = 2, .labels = labels,
                   .values = values, .decimals = 0 };
    eg_pdf_ctx c;
    pdf_page *pg;
    long first;

    (void)state;
    snprintf(label, sizeof label, "%s %s %s", LONG_LABEL, LONG_LABEL, LONG_LABEL);
    new_ctx(&c);
    assert_int_equal(cuts(&c, &b, 1e9), 1);
    assert_near(height(&c, &b, 1e9), AXIS_H + 2 * ROW2);
    pg = drawn(&c, &b, 1e9);
    first = -1;
    for (size_t i = 0; i < pg->n && first < 0; i++)
        if (pg->ops[i].text && strncmp(pg->ops[i].text, "Trung tâm", strlen("Trung tâm")) == 0)
            first = (long)i;
    assert_true(first >= 0);
    assert_null(strstr(pg->ops[first].text, "…"));
    assert_non_null(strstr(pg->ops[next_shown(pg, first)].text, "…"));
    assert_near(pg->ops[first].y - pg->ops[next_shown(pg, first)].y, 9 * 1.2);
    free_pages(pg, 1);
    free_ctx(&c);
}

/* The tick labels of a chart whose values (or fixed maximum, when fixed)
 * reach maxv. */
static void ticks_of(double maxv, int fixed, const char *suffix, char *out, size_t cap,
                     double *end_at)
{
    static char *labels[] = { "Pleiku", "An Khê" };
    double values[] = { fixed ? 0.9 * maxv : maxv, maxv / 2 };
    eg_block b = { .kind = EG_BLOCK_BARCHART, .n_bars = 2, .labels = labels,
                   .values = values, .decimals = 0, .value_suffix = (char *)suffix,
                   .max_value = fixed ? maxv : 0 };
    eg_pdf_ctx c;
    pdf_page *pg;
    plot p;
    size_t at[16], n_ticks = 0, n;

    new_ctx(&c);
    pg = drawn(&c, &b, 1e9);
    shown_at_size(pg, 8.5, out, cap);
    p = plot_of(pg);
    /* the tick labels centred on their ticks, under the axis; the ticks
     * down from it, the grid's lines up from it to the plot's top */
    n = segments(pg, 0.8, at, 16);
    for (size_t i = 0; i < pg->n; i++) {
        const pdf_op *o = &pg->ops[i];
        double w, gx;

        if (!o->text || !NEAR(o->size, 8.5))
            continue;
        w = width_of(c.reg, 8.5, o->text);
        assert_near(o->y, p.bottom - 4 - 8.5);
        gx = o->x + w / 2;
        if (n_ticks == 0) {
            assert_near(gx, p.px);
        } else {
            size_t g[16];
            size_t ng = segments(pg, 0.4, g, 16);

            /* the tick under the axis */
            assert_true(2 + n_ticks - 1 < n);
            assert_near(pg->ops[at[2 + n_ticks - 1]].x, gx);
            assert_near(pg->ops[at[2 + n_ticks - 1]].y, p.bottom);
            assert_near(pg->ops[at[2 + n_ticks - 1] + 1].a[1], p.bottom - 3);
            /* the grid's line, light grey */
            assert_true(n_ticks - 1 < ng);
            assert_near(pg->ops[g[n_ticks - 1]].x, gx);
            assert_near(pg->ops[g[n_ticks - 1]].y, p.top);
            assert_near(pg->ops[g[n_ticks - 1] + 1].a[1], p.bottom);
            assert_near(pg->ops[g[n_ticks - 1]].gs.stroke[0], 0.82);
        }
        *end_at = (gx - p.px) / p.w;
        n_ticks++;
    }
    /* as many ticks under the axis and grid lines as steps */
    assert_int_equal(n, 2 + n_ticks - 1);
    assert_int_equal(segments(pg, 0.4, at, 16), n_ticks - 1);
    free_pages(pg, 1);
    free_ctx(&c);
}

#define assert_ticks(maxv, fixed, suffix, want, last_at)                                   \
    do {                                                                                   \
        char got_[256];                                                                    \
        double at_ = -1;                                                                   \
        ticks_of(maxv, fixed, suffix, got_, sizeof got_, &at_);                            \
        if (strcmp(got_, want) != 0)                                                       \
            fail_msg("%s axis to %g: ticks \"%s\", not \"%s\"", fixed ? "fixed" : "free",  \
                     (double)(maxv), got_, want);                                          \
        if (!NEAR(at_, last_at))                                                           \
            fail_msg("%s axis to %g: the last tick at %.4f of the plot, not %.4f",         \
                     fixed ? "fixed" : "free", (double)(maxv), at_, (double)(last_at));    \
    } while (0)

/* A free axis ends at the first round tick (1, 2, 2.5, 3, 4 or 5 times a
 * power of ten) at or above the largest value, 3 to 5 steps, the one
 * nearest the value, of two alike the one of 4 steps; its ticks are
 * written with the decimals the step needs, and the block's suffix. */
static void a_free_axis_ends_at_the_nearest_round_tick_above_the_largest_value(void **state)
{
    (void)state;
    assert_ticks(57.4, 0, NULL, "0 20 40 60", 1);
    assert_ticks(57.4, 0, "%", "0% 20% 40% 60%", 1);
    assert_ticks(100, 0, NULL, "0 25 50 75 100", 1);
    assert_ticks(120, 0, NULL, "0 30 60 90 120", 1);
    assert_ticks(7, 0, NULL, "0,0 2,5 5,0 7,5", 1);
    assert_ticks(0.9, 0, NULL, "0,0 0,3 0,6 0,9", 1);
    assert_ticks(1234, 0, NULL, "0 250 500 750 1.000 1.250", 1);
    assert_ticks(0.004, 0, NULL, "0,000 0,001 0,002 0,003 0,004", 1);
    assert_ticks(31, 0, NULL, "0 10 20 30 40", 1);
    assert_ticks(24, 0, NULL, "0 5 10 15 20 25", 1);
    assert_ticks(16, 0, NULL, "0 4 8 12 16", 1);
    assert_ticks(200, 0, NULL, "0 50 100 150 200", 1);
    /* not 0 3 ... 18 (6 steps) */
    assert_ticks(17, 0, NULL, "0 5 10 15 20", 1);
    /* 3 and 5 steps alike: the first found, the smaller step */
    assert_ticks(15, 0, NULL, "0 3 6 9 12 15", 1);
}

/* A fixed axis ends at its maximum: on a tick when a round step of 3 to 5
 * divides it, else after the last tick below it, as high as it goes, of
 * two alike the one of 4 steps. */
static void a_fixed_axis_ends_at_its_maximum(void **state)
{
    (void)state;
    assert_ticks(100, 1, NULL, "0 25 50 75 100", 1);
    assert_ticks(60, 1, NULL, "0 20 40 60", 1);
    assert_ticks(9, 1, NULL, "0 3 6 9", 1);
    assert_ticks(130, 1, NULL, "0 25 50 75 100 125", 125.0 / 130);
    assert_ticks(7, 1, NULL, "0 2 4 6", 6.0 / 7);
    assert_ticks(11, 1, NULL, "0,0 2,5 5,0 7,5 10,0", 10.0 / 11);
    assert_ticks(12.4, 1, NULL, "0 3 6 9 12", 12 / 12.4);
    /* to 1, though the values reach 0.9 only */
    assert_ticks(1, 1, NULL, "0,00 0,25 0,50 0,75 1,00", 1);
}

/* Labels end at the widest label and a point, the plot starts 6 points
 * further, and leaves room at its right for the widest value and 6
 * points; a bar is as long as its share of the axis, 0.58 of its row
 * thick, in mid grey; its value is written 3 points after its end on a
 * white ground 1.5 points wider on each side; the rows start at the top. */
static void bars_and_values_stand_where_the_layout_puts_them(void **state)
{
    eg_pdf_ctx c;
    eg_block b = short_chart();
    pdf_page *pg;
    plot p;
    size_t bars[8], white[8];
    double label_w, value_w, px, plot_w;

    (void)state;
    new_ctx(&c);
    pg = drawn(&c, &b, 1e9);
    label_w = width_of(c.reg, 9, "Ayun Pa");
    assert_true(label_w > width_of(c.reg, 9, "Pleiku"));
    assert_true(label_w > width_of(c.reg, 9, "An Khê"));
    label_w += 1;
    value_w = width_of(c.reg, 9, "57,4%");
    assert_true(value_w >= width_of(c.reg, 9, "12,5%"));
    assert_true(value_w >= width_of(c.reg, 9, "30,0%"));
    px = c.left + label_w + 6;
    plot_w = c.width - label_w - 6 - value_w - 6;
    p = plot_of(pg);
    assert_near(p.px, px);
    assert_near(p.w, plot_w);
    assert_near(p.top, c.top);
    assert_near(p.bottom, c.top - 3 * ROW1);
    /* labels right-aligned at the end of their column */
    for (size_t i = 0; i < 3; i++) {
        const pdf_op *o = text_op(pg, short_labels[i]);
        double cy = c.top - (i + 0.5) * ROW1;

        assert_string_equal(o->font, REGULAR);
        assert_near(o->size, 9);
        assert_near(o->x + width_of(c.reg, 9, short_labels[i]), c.left + label_w);
        assert_near(o->y, cy + 9 * 1.2 / 2 - eg_pdf_baseline(c.reg, 9, 9 * 1.2));
    }
    /* bars, then the values on white */
    assert_int_equal(rects(pg, 0.55, bars, 8), 3);
    assert_int_equal(rects(pg, 1, white, 8), 3);
    for (size_t i = 0; i < 3; i++) {
        static const char *const text[] = { "57,4%", "12,5%", "30,0%" };
        const pdf_op *bar = &pg->ops[bars[i]], *w = &pg->ops[white[i]], *v = text_op(pg, text[i]);
        double cy = c.top - (i + 0.5) * ROW1, len = plot_w * short_values[i] / 60;
        double vw = width_of(c.reg, 9, text[i]);

        assert_near(bar->x, px);
        assert_near(bar->y, cy - ROW1 * 0.58 / 2);
        assert_near(bar->a[2], len);
        assert_near(bar->a[3], ROW1 * 0.58);
        assert_string_equal(pg->ops[bars[i] + 1].op, "f");
        assert_near(w->x, px + len + 1.5);
        assert_near(w->y, cy - 9 * 0.6);
        assert_near(w->a[2], vw + 3);
        assert_near(w->a[3], 9 * 1.2);
        assert_string_equal(pg->ops[white[i] + 1].op, "f");
        assert_true(white[i] > bars[2]);
        assert_near(v->x, px + len + 3);
        assert_near(v->y, cy - 0.36 * 9);
        assert_near(v->size, 9);
        assert_true(v - pg->ops > (long)white[i]);
    }
    /* the grid behind the bars, the axes over them */
    {
        size_t g[8], ax[8];

        assert_int_equal(segments(pg, 0.4, g, 8), 3);
        assert_true(g[0] < bars[0]);
        assert_true(segments(pg, 0.8, ax, 8) >= 2);
        assert_true(ax[0] > white[2]);
    }
    free_pages(pg, 1);
    free_ctx(&c);
}

/* A value is written with the decimal comma, thousands dots, the block's
 * decimals and suffix; a missing one as an en dash, with no bar, as a
 * value of zero or less is; the row of the units left out has its label
 * and neither bar nor value; a value past a fixed axis's end fills the
 * plot.  With no labels, none is drawn. */
static void values_are_written_as_the_report_writes_them(void **state)
{
    static char *labels[] = { "Một", "Hai", "Ba", "Bốn", "Năm", "Sáu" };
    double values[] = { 1234.56, NAN, -3, 0, 40, 0.5 };
    eg_block b = { .kind = EG_BLOCK_BARCHART, .n_bars = 6, .labels = labels,
                   .values = values, .decimals = 1, .value_suffix = " đ", .max_value = 1000 };
    eg_pdf_ctx c;
    pdf_page *pg;
    plot p;
    size_t bars[8], white[8];

    (void)state;
    new_ctx(&c);
    pg = drawn(&c, &b, 1e9);
    p = plot_of(pg);
    assert_int_equal(rects(pg, 0.55, bars, 8), 3);
    assert_near(pg->ops[bars[0]].a[2], p.w);
    assert_near(pg->ops[bars[1]].a[2], p.w * 40 / 1000);
    assert_near(pg->ops[bars[1]].y, c.top - 4.5 * ROW1 - ROW1 * 0.58 / 2);
    assert_near(pg->ops[bars[2]].a[2], p.w * 0.5 / 1000);
    assert_true(pg->ops[bars[2]].a[2] < 1);
    assert_near(text_op(pg, "1.234,6 đ")->x, p.px + p.w + 3);
    assert_near(text_op(pg, "\xE2\x80\x93")->x, p.px + 3);
    assert_near(text_op(pg, "-3,0 đ")->x, p.px + 3);
    assert_near(text_op(pg, "0,0 đ")->x, p.px + 3);
    assert_near(text_op(pg, "40,0 đ")->x, p.px + p.w * 40 / 1000 + 3);
    assert_near(text_op(pg, "0,5 đ")->x, p.px + p.w * 0.5 / 1000 + 3);
    assert_int_equal(rects(pg, 1, white, 8), 6);
    /* the room at the right is the widest value's */
    {
        double lw = 0;

        for (size_t i = 0; i < 6; i++)
            lw = fmax(lw, width_of(c.reg, 9, labels[i]));
        assert_near(p.w, c.width - (lw + 1) - 6 - width_of(c.reg, 9, "1.234,6 đ") - 6);
    }
    free_pages(pg, 1);
    free_ctx(&c);

    /* the second row says how many units are left out: its label, neither
     * bar nor dash nor a stretch of the axis, even if given a value */
    new_ctx(&c);
    values[1] = 5000;
    b.gap_row = 2;
    b.max_value = 0;
    b.decimals = 0;
    b.value_suffix = NULL;
    pg = drawn(&c, &b, 1e9);
    assert_true(shown(pg, "Hai", 0) >= 0);
    assert_int_equal(shown(pg, "\xE2\x80\x93", 0), -1);
    assert_int_equal(rects(pg, 1, white, 8), 5);
    assert_int_equal(rects(pg, 0.55, bars, 8), 3);
    assert_true(shown(pg, "1.235", 0) >= 0);
    assert_true(shown(pg, "-3", 0) >= 0);
    assert_int_equal(shown(pg, "5.000", 0), -1);
    assert_true(shown(pg, "1.250", 0) >= 0);
    free_pages(pg, 1);
    free_ctx(&c);

    /* no labels, no values: nothing at the left, dashes at the right */
    new_ctx(&c);
    b.labels = NULL;
    b.values = NULL;
    b.gap_row = 0;
    assert_near(height(&c, &b, 1e9), AXIS_H + 6 * ROW1);
    pg = drawn(&c, &b, 1e9);
    p = plot_of(pg);
    assert_near(p.px, c.left + 1 + 6);
    assert_int_equal(rects(pg, 0.55, bars, 8), 0);
    for (int k = 0; k < 6; k++)
        assert_true(shown(pg, "\xE2\x80\x93", k) >= 0);
    assert_int_equal(shown(pg, "\xE2\x80\x93", 6), -1);
    /* an axis of 0 to 1 */
    assert_true(shown(pg, "1,00", 0) >= 0);
    free_pages(pg, 1);
    free_ctx(&c);
}

/* Labels take what the longest needs, up to two fifths of the width and
 * a point; a label of two lines is centred in its row. */
static void labels_take_at_most_two_fifths_of_the_width(void **state)
{
    static char *labels[] = { (char *)LONG_LABEL, "Pleiku" };
    static double values[] = { 30, 60 };
    eg_block b = { .kind = EG_BLOCK_BARCHART, .n_bars = 2, .labels = labels,
                   .values = values, .decimals = 0 };
    eg_pdf_ctx c;
    pdf_page *pg;
    plot p;
    long first = -1;
    double lw, lead = 9 * 1.2, cy;
    size_t bars[4];

    (void)state;
    new_ctx(&c);
    lw = 0.42 * c.width;
    pg = drawn(&c, &b, 1e9);
    p = plot_of(pg);
    assert_near(p.px, c.left + lw + 6);
    assert_near(p.w, c.width - lw - 6 - width_of(c.reg, 9, "60") - 6);
    for (size_t i = 0; i < pg->n && first < 0; i++)
        if (pg->ops[i].text && strncmp(pg->ops[i].text, "Trung tâm", strlen("Trung tâm")) == 0)
            first = (long)i;
    assert_true(first >= 0);
    /* two lines, both right-aligned, centred around the row's middle */
    cy = c.top - ROW2 / 2;
    assert_near(pg->ops[first].y, cy + lead - eg_pdf_baseline(c.reg, 9, lead));
    assert_near(pg->ops[next_shown(pg, first)].y, cy - eg_pdf_baseline(c.reg, 9, lead));
    for (long k = first; k >= 0 && k <= next_shown(pg, first); k = next_shown(pg, k))
        assert_near(pg->ops[k].x + width_of(c.reg, 9, pg->ops[k].text), c.left + lw);
    /* the two lines are the label, whole */
    {
        char both[256];

        snprintf(both, sizeof both, "%s %s", pg->ops[first].text,
                 pg->ops[next_shown(pg, first)].text);
        assert_string_equal(both, LONG_LABEL);
    }
    /* "Pleiku" one line in a row of two */
    cy = c.top - 1.5 * ROW2;
    assert_near(text_op(pg, "Pleiku")->y, cy + lead / 2 - eg_pdf_baseline(c.reg, 9, lead));
    /* bars at most 14 points thick */
    assert_int_equal(rects(pg, 0.55, bars, 4), 2);
    assert_near(pg->ops[bars[1]].a[3], 14);
    assert_near(pg->ops[bars[1]].y, cy - 7);
    free_pages(pg, 1);
    free_ctx(&c);
}

/* The title in bold, centred, its lines one under the other, the rows 6
 * points under it; the axis title centred under the plot's ticks. */
static void the_title_is_centred_above_and_the_axis_title_below(void **state)
{
    static char title[] = "Tỉ lệ hồ sơ được giải quyết trực tuyến toàn trình trên tổng số hồ sơ "
                          "tiếp nhận của các cơ quan, đơn vị cấp tỉnh và cấp huyện";
    eg_pdf_ctx c;
    eg_block b = short_chart();
    pdf_page *pg;
    plot p;
    size_t n_title = 0;
    double base;

    (void)state;
    b.text = title;
    b.axis_title = "Tổng điểm";
    new_ctx(&c);
    base = eg_pdf_baseline(c.bold, 11, TITLE_LEAD);
    pg = drawn(&c, &b, 1e9);
    for (size_t i = 0; i < pg->n; i++) {
        const pdf_op *o = &pg->ops[i];

        if (!o->text || strcmp(o->font, BOLD) != 0)
            continue;
        assert_near(o->size, 11);
        assert_near(o->x + width_of(c.bold, 11, o->text) / 2, c.left + c.width / 2);
        assert_near(o->y, c.top - base - n_title * TITLE_LEAD);
        n_title++;
    }
    assert_int_equal(n_title, 2);
    p = plot_of(pg);
    assert_near(p.top, c.top - 2 * TITLE_LEAD - TITLE_GAP);
    assert_near(p.bottom, p.top - 3 * ROW1);
    {
        const pdf_op *o = text_op(pg, "Tổng điểm");

        assert_near(o->size, 8.5);
        assert_near(o->x + width_of(c.reg, 8.5, "Tổng điểm") / 2, p.px + p.w / 2);
        assert_near(o->y, p.bottom - AXIS_H - 8.5);
    }
    free_pages(pg, 1);
    free_ctx(&c);
}

/* The reference line: dashed 4 on 2, a point wide, from 2 points above
 * the plot to its foot at the reference value (at most the axis's end),
 * drawn over the bars and under the values; its label centred on it 4
 * points above the plot, kept inside the plot's left and the chart's
 * right.  A reference missing or below zero draws nothing. */
static void the_reference_line_is_dashed_over_the_bars_its_label_above(void **state)
{
    static const struct {
        double ref;
        const char *label;
        int where;          /* 0 on the line, 1 kept right of the plot's left, 2 left of
                               the chart's right, -1 none */
    } cases[] = {
        { 40, "Toàn tỉnh: 40%", 0 },
        { 0, "Toàn tỉnh: 0%", 1 },
        { 59, "Toàn tỉnh (bình quân của các đơn vị): 59%", 2 },
        { 75, "Toàn tỉnh: 75%", 0 },       /* at the axis's end */
        { NAN, "Toàn tỉnh", -1 },
        { -1, "Toàn tỉnh", -1 },
    };

    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        eg_pdf_ctx c;
        eg_block b = short_chart();
        pdf_page *pg;
        plot p;
        size_t seg[8], bars[8], white[8];
        long label;
        double rx, lw;

        b.has_ref = 1;
        b.ref_value = cases[k].ref;
        b.ref_label = (char *)cases[k].label;
        new_ctx(&c);
        pg = drawn(&c, &b, 1e9);
        p = plot_of(pg);
        assert_near(p.top, c.top - REF_H);
        label = shown(pg, cases[k].label, 0);
        if (cases[k].where < 0) {
            assert_int_equal(label, -1);
            assert_int_equal(segments(pg, 1.0, seg, 8), 0);
            assert_int_equal(count_op(pg, "d"), 0);
            free_pages(pg, 1);
            free_ctx(&c);
            continue;
        }
        assert_int_equal(segments(pg, 1.0, seg, 8), 1);
        rx = p.px + p.w * fmin(cases[k].ref, 60) / 60;
        assert_near(pg->ops[seg[0]].x, rx);
        assert_near(pg->ops[seg[0]].y, p.top + 2);
        assert_near(pg->ops[seg[0] + 1].a[0], rx);
        assert_near(pg->ops[seg[0] + 1].a[1], p.bottom);
        assert_int_equal(pg->ops[seg[0]].gs.n_dash, 2);
        assert_near(pg->ops[seg[0]].gs.dash[0], 4);
        assert_near(pg->ops[seg[0]].gs.dash[1], 2);
        assert_near(pg->ops[seg[0]].gs.phase, 0);
        assert_string_equal(pg->ops[seg[0] + 2].op, "S");
        assert_int_equal(rects(pg, 0.55, bars, 8), 3);
        assert_int_equal(rects(pg, 1, white, 8), 3);
        assert_true(seg[0] > bars[2] && seg[0] < white[0]);
        /* the bars and values are not dashed */
        assert_int_equal(pg->ops[white[0]].gs.n_dash, 0);
        assert_true(label >= 0);
        lw = width_of(c.reg, 8.5, cases[k].label);
        assert_near(pg->ops[label].size, 8.5);
        assert_near(pg->ops[label].y, p.top + 4);
        assert_near(pg->ops[label].x + lw / 2,
                    cases[k].where == 0 ? rx
                    : cases[k].where == 1 ? p.px + lw / 2 : c.left + c.width - lw / 2);
        if (cases[k].where == 2)
            assert_true(rx + lw / 2 > c.left + c.width);
        free_pages(pg, 1);
        free_ctx(&c);
    }
}

/* The chart drawn within the height it was measured in takes that
 * height: its axis title's foot is the chart's foot. */
static void the_chart_drawn_is_as_tall_as_measured(void **state)
{
    eg_pdf_ctx c;
    eg_block b = short_chart();
    pdf_page *pg;
    plot p;
    double h;

    (void)state;
    b.text = "Tỉ lệ";
    b.axis_title = "Tỉ lệ";
    b.has_ref = 1;
    b.ref_value = 30;
    b.ref_label = "Toàn tỉnh";
    new_ctx(&c);
    h = height(&c, &b, 1e9);
    pg = drawn(&c, &b, 1e9);
    p = plot_of(pg);
    assert_near(p.bottom - AXIS_H - AXIS_TITLE_H, c.top - h);
    free_pages(pg, 1);
    free_ctx(&c);
}

/* Type made smaller to fit lets a label that was too wide at 9 points
 * stand whole on its line: the chart no longer cuts it.  A chart of one
 * bar shrinks as well. */
static void a_label_whole_in_smaller_type_is_not_cut(void **state)
{
    static const char label[] = "Trung tâm Phục vụ hành chính công tỉnh Gia Lai";
    static char *labels[] = { (char *)label, "Pleiku" };
    static double values[] = { 30, 60 };
    eg_block b = { .kind = EG_BLOCK_BARCHART, .n_bars = 2, .labels = labels,
                   .values = values, .decimals = 0 };
    eg_pdf_ctx c;
    pdf_page *pg;
    const pdf_op *o;

    (void)state;
    new_ctx(&c);
    /* too wide for two fifths at 9 points, not at 7 */
    assert_true(width_of(c.reg, 9, label) > 0.42 * c.width);
    assert_true(width_of(c.reg, 7, label) < 0.42 * c.width - 1);
    assert_int_equal(cuts(&c, &b, AXIS_H + 2 * ROW1), 1);
    assert_int_equal(cuts(&c, &b, AXIS_H + 2 * 9.1), 0);
    assert_near(height(&c, &b, AXIS_H + 2 * 9.1), AXIS_H + 2 * 9.1);
    pg = drawn(&c, &b, AXIS_H + 2 * 9.1);
    o = text_op(pg, label);
    assert_near(o->size, 7);
    assert_near(o->x + width_of(c.reg, 7, label), c.left + 0.42 * c.width);
    free_pages(pg, 1);

    b.n_bars = 1;
    assert_near(height(&c, &b, AXIS_H + 9.1), AXIS_H + 9.1);
    assert_int_equal(cuts(&c, &b, AXIS_H + 9.1), 0);
    free_ctx(&c);
}

/* A suffix too long for a value's room (47 bytes) is cut there: the
 * value does not run into the next. */
static void a_value_too_long_is_cut_to_its_room(void **state)
{
    static char *labels[] = { "Một", "Hai" };
    static double values[] = { 12, 34 };
    char suffix[80], want[48];
    eg_block b = { .kind = EG_BLOCK_BARCHART, .n_bars = 2, .labels = labels,
                   .values = values, .decimals = 0, .value_suffix = suffix };
    eg_pdf_ctx c;
    pdf_page *pg;

    (void)state;
    memset(suffix, 'x', 60);
    suffix[60] = '\0';
    memcpy(want, "12", 2);
    memset(want + 2, 'x', 45);
    want[47] = '\0';
    new_ctx(&c);
    pg = drawn(&c, &b, 1e9);
    assert_true(shown(pg, want, 0) >= 0);
    want[1] = '4';
    want[0] = '3';
    assert_true(shown(pg, want, 0) >= 0);
    free_pages(pg, 1);
    free_ctx(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_chart_is_as_tall_as_its_title_its_rows_and_its_axis),
        cmocka_unit_test(a_long_label_takes_two_lines_while_the_chart_fits),
        cmocka_unit_test(rows_and_type_shrink_to_fit_the_height_given),
        cmocka_unit_test(a_label_longer_than_two_lines_is_cut_however_tall_the_page),
        cmocka_unit_test(a_free_axis_ends_at_the_nearest_round_tick_above_the_largest_value),
        cmocka_unit_test(a_fixed_axis_ends_at_its_maximum),
        cmocka_unit_test(bars_and_values_stand_where_the_layout_puts_them),
        cmocka_unit_test(values_are_written_as_the_report_writes_them),
        cmocka_unit_test(labels_take_at_most_two_fifths_of_the_width),
        cmocka_unit_test(the_title_is_centred_above_and_the_axis_title_below),
        cmocka_unit_test(the_reference_line_is_dashed_over_the_bars_its_label_above),
        cmocka_unit_test(the_chart_drawn_is_as_tall_as_measured),
        cmocka_unit_test(a_label_whole_in_smaller_type_is_not_cut),
        cmocka_unit_test(a_value_too_long_is_cut_to_its_room),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
