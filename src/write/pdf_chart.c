#include "write/pdf_chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/number.h"
#include "write/pdf_text.h"

#define TITLE_SIZE 11.0
#define LABEL_SIZE 9.0
#define VALUE_SIZE 9.0
#define TICK_SIZE 8.5
#define LABEL_SHARE 0.42      /* of the width, for the labels */
#define LABEL_GAP 6.0         /* labels to the axis */
#define BAR_GREY 0.55
#define GRID_GREY 0.82
#define TITLE_GAP 6.0         /* title to the first bar */
#define AXIS_H (4.0 + TICK_SIZE * 1.4)   /* ticks and their labels */
#define AXIS_TITLE_SIZE 8.5
#define AXIS_TITLE_H (AXIS_TITLE_SIZE * 1.6)
#define REF_SIZE 8.5
#define REF_H (REF_SIZE * 1.5)           /* the reference line's label */
#define MIN_PITCH 13.0                   /* rows no tighter, to fit a page's rest */

/* Everything the chart's drawing needs, computed once from the block. */
typedef struct {
    eg_pdf_lines title;
    eg_pdf_lines labels;       /* every bar's lines, one after the other */
    int cut;                   /* a label was cut short ("…") to fit */
    size_t *first, *count;     /* per bar: its lines in labels */
    char (*value_text)[48];    /* per bar */
    double label_size, label_lead, value_size;
    double pitch, bar_h;       /* row height, bar thickness */
    double label_w, plot_x, plot_w;
    double axis_end, step;
    int n_steps, tick_dec;
    double height;
    double min_height;         /* with rows of MIN_PITCH */
} chart;

/* A value as printed: Vietnamese decimal comma and thousands dots, the
 * project's rounding (eg_fmt_dec), then the suffix ("%"); an en dash for
 * a missing value. */
static char *fmt_value(char *buf, size_t cap, double v, int decimals, const char *suffix)
{
    size_t n;

    if (!isfinite(v)) {
        snprintf(buf, cap, "%s", "\xE2\x80\x93");
        return buf;
    }
    eg_fmt_dec(buf, cap, v, decimals);
    n = strlen(buf);
    if (suffix)
        snprintf(buf + n, cap - n, "%s", suffix);
    return buf;
}

/* The value of bar i; a chart without values has none, nor has the row
 * saying how many units are left out, whatever values holds there. */
static double bar_value(const eg_block *b, size_t i)
{
    return b->values && i + 1 != b->gap_row ? b->values[i] : NAN;
}

/* Decimals needed to write v exactly (up to 3). */
static int decimals_of(double v)
{
    int d;

    for (d = 0; d < 3; d++) {
        double t = v * pow(10, d);

        if (fabs(t - round(t)) < 1e-6 * fmax(1, fabs(t)))
            break;
    }
    return d;
}

/* Chooses the axis: ticks every round step (1, 2, 2.5, 3, 4 or 5 times a
 * power of ten), 3 to 5 intervals.  Free (fixed 0), the axis ends at the
 * first tick at or above maxv, as close to it as possible.  Fixed (the
 * layout gives the maximum, say 130), the axis ends at maxv: on a tick if
 * a round step divides it, else after the last tick below it (0, 25 ...
 * 125 on an axis to 130). */
static void nice_axis(double maxv, int fixed, chart *c)
{
    static const double mant[] = { 1, 2, 2.5, 3, 4, 5 };
    double tol = 1e-9 * maxv, best_end = 0;
    int e0 = (int)floor(log10(maxv / 5)) - 1, n = 0;

    for (int pass = 0; pass < 2 && n == 0; pass++) {
        for (int e = e0; e <= e0 + 3; e++) {
            for (size_t m = 0; m < sizeof mant / sizeof *mant; m++) {
                double s = mant[m] * pow(10, e);
                /* pass 0: the last tick at or above maxv; pass 1 (fixed
                 * only): the last tick at or below it */
                int k = pass == 0 ? (int)ceil(maxv / s - 1e-9)
                                  : (int)floor(maxv / s + 1e-9);
                double end = k * s;
                int better;

                if (k < 3 || k > 5)
                    continue;
                if (pass == 0 && fixed && fabs(end - maxv) > tol)
                    continue;
                better = pass == 0 ? end < best_end - tol : end > best_end + tol;
                if (n == 0 || better ||
                    (fabs(end - best_end) <= tol && abs(k - 4) < abs(n - 4))) {
                    best_end = end;
                    c->step = s;
                    n = k;
                }
            }
        }
        if (!fixed)
            break;
    }
    if (n == 0)                   /* not expected: some step always fits */
        c->step = maxv / 4;
    c->axis_end = fixed || n == 0 ? maxv : best_end;
    c->n_steps = (int)floor(c->axis_end / c->step + 1e-9);
    c->tick_dec = decimals_of(c->step);
}

/* Breaks every label with at most max_lines lines; returns the most
 * lines any label took. */
static size_t break_labels(const eg_block *b, HPDF_Font regular, chart *c,
                           size_t max_lines)
{
    size_t most = 1;

    eg_pdf_lines_clear(&c->labels);
    for (size_t i = 0; i < b->n_bars; i++) {
        const char *s = b->labels && b->labels[i] ? b->labels[i] : "";

        c->first[i] = c->labels.n;
        c->count[i] = eg_pdf_break(regular, c->label_size, s, c->label_w,
                                   c->label_w, max_lines, &c->labels);
        if (c->count[i] > most)
            most = c->count[i];
    }
    c->cut = 0;
    for (size_t k = 0; k < c->labels.n; k++)
        c->cut |= c->labels.v[k].cut;
    return most;
}

static void chart_layout(const eg_block *b, HPDF_Font regular, HPDF_Font bold,
                         double width, double max_height, chart *c)
{
    double maxv = 0, value_w = 0, title_h, fixed_h, lines;
    size_t n = b->n_bars;

    memset(c, 0, sizeof *c);
    c->first = eg_xcalloc(n ? n : 1, sizeof *c->first);
    c->count = eg_xcalloc(n ? n : 1, sizeof *c->count);
    c->value_text = eg_xcalloc(n ? n : 1, sizeof *c->value_text);
    c->label_size = LABEL_SIZE;
    c->value_size = VALUE_SIZE;

    /* Step 1: the title, and the values as they will be printed. */
    if (b->text && *b->text)
        eg_pdf_break_balanced(bold, TITLE_SIZE, b->text, width, &c->title);
    title_h = c->title.n ? c->title.n * TITLE_SIZE * 1.25 + TITLE_GAP : 0;
    for (size_t i = 0; i < n; i++) {
        double v = bar_value(b, i), w;

        if (i + 1 == b->gap_row)
            c->value_text[i][0] = '\0';    /* the row of the units left out */
        else
            fmt_value(c->value_text[i], sizeof c->value_text[i], v, b->decimals,
                      b->value_suffix);
        w = eg_pdf_text_width(regular, c->value_size, c->value_text[i],
                              strlen(c->value_text[i]));
        if (w > value_w)
            value_w = w;
        if (isfinite(v) && v > maxv)
            maxv = v;
    }

    /* Step 2: the axis, and the columns: labels, bars, room for values. */
    if (b->max_value > 0)
        nice_axis(b->max_value, 1, c);
    else
        nice_axis(maxv > 0 ? maxv : 1, 0, c);
    /* Labels take what the longest needs, at most LABEL_SHARE. */
    for (size_t i = 0; i < n; i++) {
        const char *s = b->labels && b->labels[i] ? b->labels[i] : "";
        double w = eg_pdf_text_width(regular, c->label_size, s, strlen(s));

        if (w > c->label_w)
            c->label_w = w;
    }
    c->label_w = fmin(c->label_w + 1, width * LABEL_SHARE);
    c->plot_x = c->label_w + LABEL_GAP;
    c->plot_w = width - c->plot_x - value_w - 6;

    /* Step 3: row height: two-line labels if the page allows, else one
     * line, else smaller rows and type. */
    fixed_h = title_h + AXIS_H + (b->axis_title && *b->axis_title ? AXIS_TITLE_H : 0) +
              (b->has_ref ? REF_H : 0);
    c->label_lead = c->label_size * 1.2;
    lines = (double)break_labels(b, regular, c, 2);
    c->pitch = fmax(lines * c->label_lead + 5, 17);
    if (fixed_h + n * c->pitch > max_height) {
        lines = (double)break_labels(b, regular, c, 1);
        c->pitch = fmax(lines * c->label_lead + 5, 17);
    }
    if (n > 0 && fixed_h + n * c->pitch > max_height) {
        c->pitch = (max_height - fixed_h) / (double)n;
        c->label_size = fmin(LABEL_SIZE, c->pitch / 1.3);
        c->value_size = fmin(VALUE_SIZE, c->pitch / 1.3);
        c->label_lead = c->label_size * 1.2;
        break_labels(b, regular, c, 1);
    }
    c->bar_h = fmin(14, c->pitch * 0.58);
    c->height = fixed_h + n * c->pitch;
    c->min_height = fixed_h + n * MIN_PITCH;
}

static void chart_free(chart *c)
{
    eg_pdf_lines_free(&c->title);
    eg_pdf_lines_free(&c->labels);
    free(c->first);
    free(c->count);
    free(c->value_text);
}

double eg_pdf_chart_min_height(const eg_block *b, HPDF_Font regular, HPDF_Font bold,
                               double width)
{
    chart c;
    double h;

    chart_layout(b, regular, bold, width, 1e9, &c);
    h = c.min_height;
    chart_free(&c);
    return h;
}

double eg_pdf_chart_height(const eg_block *b, HPDF_Font regular, HPDF_Font bold,
                           double width, double max_height)
{
    chart c;
    double h;

    chart_layout(b, regular, bold, width, max_height, &c);
    h = c.height;
    chart_free(&c);
    return h;
}

int eg_pdf_chart_cuts(const eg_block *b, HPDF_Font regular, HPDF_Font bold, double width,
                      double max_height)
{
    chart c;
    int cut;

    chart_layout(b, regular, bold, width, max_height, &c);
    cut = c.cut;
    chart_free(&c);
    return cut;
}

static void line(HPDF_Page page, double x0, double y0, double x1, double y1)
{
    HPDF_Page_MoveTo(page, (HPDF_REAL)x0, (HPDF_REAL)y0);
    HPDF_Page_LineTo(page, (HPDF_REAL)x1, (HPDF_REAL)y1);
}

void eg_pdf_chart_draw(HPDF_Page page, const eg_block *b, HPDF_Font regular,
                       HPDF_Font bold, double x, double top, double width,
                       double max_height)
{
    chart c;
    double y = top, px, plot_top, plot_bottom, tlead = TITLE_SIZE * 1.25;
    char buf[48];

    chart_layout(b, regular, bold, width, max_height, &c);
    px = x + c.plot_x;

    /* Step 1: the title, centred. */
    for (size_t i = 0; i < c.title.n; i++) {
        eg_pdf_draw_line(page, bold, TITLE_SIZE, b->text, &c.title.v[i], x,
                         y - eg_pdf_baseline(bold, TITLE_SIZE, tlead), width,
                         EG_PDF_CENTER);
        y -= tlead;
    }
    if (c.title.n)
        y -= TITLE_GAP;
    if (b->has_ref)
        y -= REF_H;
    plot_top = y;
    plot_bottom = y - (double)b->n_bars * c.pitch;

    /* Step 2: light grid lines at the ticks, behind the bars. */
    HPDF_Page_GSave(page);
    HPDF_Page_SetGrayStroke(page, GRID_GREY);
    HPDF_Page_SetLineWidth(page, 0.4f);
    for (int k = 1; k <= c.n_steps; k++) {
        double gx = px + c.plot_w * (k * c.step) / c.axis_end;

        line(page, gx, plot_top, gx, plot_bottom);
    }
    HPDF_Page_Stroke(page);
    HPDF_Page_GRestore(page);

    /* Step 3: one row per bar: its label and its bar. */
    for (size_t i = 0; i < b->n_bars; i++) {
        double cy = plot_top - (i + 0.5) * c.pitch, v = bar_value(b, i), len = 0;
        double block = c.count[i] * c.label_lead;
        double ly = cy + block / 2 - eg_pdf_baseline(regular, c.label_size, c.label_lead);

        for (size_t k = 0; k < c.count[i]; k++) {
            const char *s = b->labels && b->labels[i] ? b->labels[i] : "";

            eg_pdf_draw_line(page, regular, c.label_size, s,
                             &c.labels.v[c.first[i] + k], x, ly - k * c.label_lead,
                             c.label_w, EG_PDF_RIGHT);
        }
        if (isfinite(v) && v > 0)
            len = c.plot_w * fmin(v, c.axis_end) / c.axis_end;
        if (len > 0) {
            HPDF_Page_GSave(page);
            HPDF_Page_SetGrayFill(page, BAR_GREY);
            HPDF_Page_Rectangle(page, (HPDF_REAL)px, (HPDF_REAL)(cy - c.bar_h / 2),
                                (HPDF_REAL)len, (HPDF_REAL)c.bar_h);
            HPDF_Page_Fill(page);
            HPDF_Page_GRestore(page);
        }
    }

    /* Step 4: the reference line over the bars, dashed and dark so that it
     * stays apart from them in grey-scale print; its label above the plot. */
    if (b->has_ref && isfinite(b->ref_value) && b->ref_value >= 0) {
        double rx = px + c.plot_w * fmin(b->ref_value, c.axis_end) / c.axis_end;
        const HPDF_UINT16 dash[] = { 4, 2 };
        const char *label = b->ref_label ? b->ref_label : "";
        double lw = eg_pdf_text_width(regular, REF_SIZE, label, strlen(label));
        double lx = fmin(fmax(rx, px + lw / 2), x + width - lw / 2);

        HPDF_Page_GSave(page);
        HPDF_Page_SetDash(page, dash, 2, 0);
        HPDF_Page_SetLineWidth(page, 1.0f);
        line(page, rx, plot_top + 2, rx, plot_bottom);
        HPDF_Page_Stroke(page);
        HPDF_Page_GRestore(page);
        eg_pdf_draw_string(page, regular, REF_SIZE, label, lx, plot_top + 4, EG_PDF_CENTER);
    }

    /* Step 5: each value at its bar's end, on white, so that neither the
     * grid nor the reference line runs through it. */
    for (size_t i = 0; i < b->n_bars; i++) {
        double cy = plot_top - (i + 0.5) * c.pitch, v = bar_value(b, i), len = 0;
        double vw = eg_pdf_text_width(regular, c.value_size, c.value_text[i],
                                      strlen(c.value_text[i]));

        if (!c.value_text[i][0])
            continue;
        if (isfinite(v) && v > 0)
            len = c.plot_w * fmin(v, c.axis_end) / c.axis_end;
        HPDF_Page_GSave(page);
        HPDF_Page_SetGrayFill(page, 1);
        HPDF_Page_Rectangle(page, (HPDF_REAL)(px + len + 1.5), (HPDF_REAL)(cy - c.value_size * 0.6),
                            (HPDF_REAL)(vw + 3), (HPDF_REAL)(c.value_size * 1.2));
        HPDF_Page_Fill(page);
        HPDF_Page_GRestore(page);
        eg_pdf_draw_string(page, regular, c.value_size, c.value_text[i],
                           px + len + 3, cy - 0.36 * c.value_size, EG_PDF_LEFT);
    }

    /* Step 6: the axes, ticks and tick labels, the axis title. */
    HPDF_Page_SetLineWidth(page, 0.8f);
    line(page, px, plot_top, px, plot_bottom - 3);
    line(page, px, plot_bottom, px + c.plot_w, plot_bottom);
    for (int k = 1; k <= c.n_steps; k++) {
        double gx = px + c.plot_w * (k * c.step) / c.axis_end;

        line(page, gx, plot_bottom, gx, plot_bottom - 3);
    }
    HPDF_Page_Stroke(page);
    for (int k = 0; k <= c.n_steps; k++) {
        double gx = px + c.plot_w * (k * c.step) / c.axis_end;

        fmt_value(buf, sizeof buf, c.step * k, c.tick_dec, b->value_suffix);
        eg_pdf_draw_string(page, regular, TICK_SIZE, buf, gx,
                           plot_bottom - 4 - TICK_SIZE, EG_PDF_CENTER);
    }
    if (b->axis_title && *b->axis_title)
        eg_pdf_draw_string(page, regular, AXIS_TITLE_SIZE, b->axis_title, px + c.plot_w / 2,
                           plot_bottom - AXIS_H - AXIS_TITLE_SIZE, EG_PDF_CENTER);

    chart_free(&c);
}
