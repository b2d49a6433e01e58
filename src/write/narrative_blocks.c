/*
 * narrative_blocks.c - the report's tables and charts made from the data:
 * the figures of a section, a ranking in full and as a bar chart, a rate
 * by unit as a bar chart, the coverage by level, and the data-quality
 * appendix (the validation list grouped by unit).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/mem.h"
#include "core/number.h"
#include "core/strmap.h"
#include "core/text.h"
#include "layout/layout.h"
#include "normalize/completeness.h"
#include "normalize/owners.h"
#include "write/narrative_priv.h"

/* The appendix lists at most this many problems of one unit, and this
 * many in all: the PDF is for reading, validation.csv and the workbook's
 * "Kiểm tra" sheet hold every one. */
#define PROBLEMS_PER_UNIT 25
#define PROBLEMS_IN_ALL 400
/* Units named in a "not submitted" or "late" sentence, per level. */
#define MISSING_NAMED 40
/* A chart of more units than this shows the first and the last CHART_HALF
 * of them and how many lie between: 700 districts on one page were bars
 * and names 1 pt tall.  Its table and the workbook list them all. */
#define CHART_HALF 15

static char *dupstr(const char *s)
{
    return eg_xstrdup(s ? s : "");
}

static eg_block *add_table(eg_doc *doc, size_t cols, const char *align, const double *widths)
{
    eg_block *b = eg_doc_add(doc, EG_BLOCK_TABLE);

    b->n_cols = cols;
    b->align = eg_xstrndup(align, cols);
    b->widths = eg_xmalloc(cols * sizeof *b->widths);
    memcpy(b->widths, widths, cols * sizeof *b->widths);
    return b;
}

static void add_row(eg_block *b, const char *const *cells)
{
    b->cells = eg_xrealloc(b->cells, (b->n_rows + 1) * b->n_cols * sizeof *b->cells);
    for (size_t i = 0; i < b->n_cols; i++)
        b->cells[b->n_rows * b->n_cols + i] = dupstr(cells[i]);
    b->n_rows++;
}

/* Takes out of table b the columns named in cols (their header's text)
 * whose body cells are all empty, their width going to the others in
 * proportion: a column of row numbers for problems that have none is
 * room taken from the words that say them. */
static void drop_empty_columns(eg_block *b, const char *const *cols, size_t n_names)
{
    size_t keep = 0;
    char **cells;

    if (b->n_rows < 2)
        return;
    for (size_t j = 0; j < b->n_cols; j++) {
        int drop = 0;

        for (size_t k = 0; k < n_names && !drop; k++)
            drop = b->cells[j] && strcmp(b->cells[j], cols[k]) == 0;
        for (size_t r = 1; r < b->n_rows && drop; r++)
            drop = !b->cells[r * b->n_cols + j] || !b->cells[r * b->n_cols + j][0];
        if (drop) {
            for (size_t r = 0; r < b->n_rows; r++) {
                free(b->cells[r * b->n_cols + j]);
                b->cells[r * b->n_cols + j] = NULL;
            }
            continue;
        }
        b->align[keep] = b->align[j];
        b->widths[keep] = b->widths[j];
        /* the column's cells, moved left in each row below */
        for (size_t r = 0; r < b->n_rows; r++)
            b->cells[r * b->n_cols + keep] = b->cells[r * b->n_cols + j];
        keep++;
    }
    if (keep == b->n_cols)
        return;
    /* rows of keep cells, from rows of n_cols whose first keep are set */
    cells = eg_xmalloc(b->n_rows * keep * sizeof *cells);
    for (size_t r = 0; r < b->n_rows; r++)
        memcpy(cells + r * keep, b->cells + r * b->n_cols, keep * sizeof *cells);
    free(b->cells);
    b->cells = cells;
    b->align[keep] = '\0';
    b->n_cols = keep;
}

static void add_para(eg_doc *doc, char *text)
{
    eg_doc_add(doc, EG_BLOCK_PARA)->text = text;
}

/* ---- the figures of a section ------------------------------------------ */

/* A figure's value and pair cells; impossible: eg_figure_impossible;
 * show_pair: its pair is whole counts to show, and printable. */
static void figure_cells(const eg_figure_def *def, const eg_figure *f, int impossible,
                         int show_pair, char *val, char *pair, size_t cap)
{
    strcpy(val, "…");
    pair[0] = '\0';
    if (f->has_value && !impossible) {
        switch (def->format) {
        case EG_FMT_PERCENT: eg_fmt_pct(val, cap, f->value, 2); break;
        case EG_FMT_POINTS: {
            char t[48];
            double m = eg_round(f->value * 100, 2);

            eg_fmt_dec(t, sizeof t, fabs(m), 2);
            /* the label says the unit, "(điểm phần trăm)" */
            snprintf(val, cap, "%s%s", m > 0 ? "+" : m < 0 ? "-" : "", t);
            break;
        }
        case EG_FMT_NUMBER: eg_fmt_dec(val, cap, f->value, 2); break;
        default: eg_fmt_int(val, cap, llround(f->value)); break;
        }
    }
    if (show_pair) {
        char a[32], b[32];

        eg_fmt_int(a, sizeof a, llround(f->num));
        eg_fmt_int(b, sizeof b, llround(f->den));
        snprintf(pair, cap, "%s/%s", a, b);
    }
}

void eg_nblock_figures(eg_nctx *c, eg_doc *doc, const char *section)
{
    static const double w[] = { 6, 2.2, 1.8 };
    const char *head[] = { "Chỉ tiêu", "Giá trị", "Tử số/Mẫu số" };
    eg_block *b = add_table(doc, 3, "lrr", w);
    int any = 0;

    add_row(b, head);
    for (size_t i = 0; i < c->L->n_figures; i++) {
        const eg_figure_def *def = &c->L->figures[i];
        char val[64], pair[64];
        const char *row[3];

        if (strcmp(def->section, section) != 0)
            continue;
        figure_cells(def, &c->res->figures[i], eg_figure_impossible(c->res, i),
                     eg_figure_pair_whole(c->L, i) && eg_figure_pair_printable(c->res, i), val,
                     pair, sizeof val);
        /* the cell's "…" is warned of and counted as a placeholder's is,
         * with the same reason, at the block's line */
        if (strcmp(val, "…") == 0)
            eg_narrative_warn_figure(c, i);
        row[0] = def->label;
        row[1] = val;
        row[2] = pair;
        add_row(b, row);
        any = 1;
    }
    if (!any)
        eg_nctx_fail(c, "no figure of figures.csv is in section '%s'", section);
}

/* ---- rankings ------------------------------------------------------------ */

/* A copy of s with its first letter in capitals. */
static char *capitalise(const char *s)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
    utf8proc_uint8_t first[4];
    size_t n;

    if (k <= 0)
        return eg_xstrdup(s);
    n = (size_t)utf8proc_encode_char(utf8proc_toupper(cp), first);
    return eg_xasprintf("%.*s%s", (int)n, (const char *)first, s + k);
}

/* Beneath a ranking's table, why its unranked units (rank "-") are not
 * ranked, in the words of eg_rank_entry_note: "Chưa xếp hạng: Sở A, Sở B
 * (chưa có điểm); Sở C (thiếu điểm)."  A word too wide for the table's
 * last column, said once here. */
static void unranked_note(eg_nctx *c, eg_doc *doc, const eg_ranking *rk)
{
    static const char *const notes[] = { "chưa có điểm", "thiếu điểm" };
    eg_sbuf b = { 0 };

    for (size_t k = 0; k < 2; k++) {
        size_t n = 0, at = 0;

        for (size_t i = rk->n_ranked; i < rk->n; i++)
            n += strcmp(eg_rank_entry_note(rk, &rk->rows[i]), notes[k]) == 0;
        if (!n)
            continue;
        eg_sb_puts(&b, b.s ? "; " : "Chưa xếp hạng: ");
        for (size_t i = rk->n_ranked; i < rk->n; i++) {
            if (strcmp(eg_rank_entry_note(rk, &rk->rows[i]), notes[k]) != 0)
                continue;
            if (at++)
                eg_sb_puts(&b, at == n ? " và " : ", ");
            eg_sb_puts(&b, c->ds->registry.items[rk->rows[i].unit].name);
        }
        eg_sb_puts(&b, " (");
        eg_sb_puts(&b, notes[k]);
        eg_sb_puts(&b, ")");
    }
    if (b.s) {
        eg_sb_puts(&b, ".");
        add_para(doc, b.s);
    }
}

void eg_nblock_ranking(eg_nctx *c, eg_doc *doc, const char *code)
{
    enum { MOST = 2 + EG_RANKING_CRITERIA + 1 };    /* rank, unit, criteria, total */
    const eg_ranking *rk = eg_results_ranking(c->res, code);
    double w[MOST] = { 0.8, 4.6 };
    char align[MOST + 1] = "cl";
    const char *head[MOST];
    char *owned[EG_RANKING_CRITERIA] = { 0 };
    eg_block *b;
    size_t nc;

    if (!rk) {
        eg_nctx_fail(c, "unknown ranking '%s' (not in rankings.csv)", code);
        return;
    }
    nc = 2 + rk->def->n_criteria + 1;
    head[0] = "Hạng";
    head[1] = "Đơn vị";
    for (size_t k = 0; k < rk->def->n_criteria; k++) {
        const char *label = c->L->cat.items[rk->def->criteria[k]].label;
        const char *colon = strstr(label, ": ");

        /* "Điểm đánh giá: mức độ hiện diện" heads its column as "Mức độ
         * hiện diện": the part after the colon, capitalised. */
        head[2 + k] = owned[k] = capitalise(colon ? colon + 2 : label);
        w[2 + k] = 1.25;
        align[2 + k] = 'r';
    }
    head[nc - 1] = "Tổng điểm";
    w[nc - 1] = 1.2;
    align[nc - 1] = 'r';
    align[nc] = '\0';
    b = add_table(doc, nc, align, w);
    add_row(b, head);
    for (size_t k = 0; k < EG_RANKING_CRITERIA; k++)
        free(owned[k]);
    for (size_t i = 0; i < rk->n; i++) {
        const eg_rank_entry *e = &rk->rows[i];
        char cells[MOST][48];
        const char *row[MOST];

        if (e->rank)
            eg_fmt_int(cells[0], sizeof cells[0], e->rank);
        else
            strcpy(cells[0], "-");
        row[0] = cells[0];
        row[1] = c->ds->registry.items[e->unit].name;
        for (size_t k = 0; k < rk->def->n_criteria; k++) {
            if (e->present[k])
                eg_fmt_dec(cells[2 + k], sizeof cells[0], e->criteria[k], 2);
            else
                strcpy(cells[2 + k], "…");
            row[2 + k] = cells[2 + k];
        }
        if (e->complete)
            eg_fmt_dec(cells[nc - 1], sizeof cells[0], e->total, 2);
        else
            strcpy(cells[nc - 1], "…");
        row[nc - 1] = cells[nc - 1];
        add_row(b, row);
    }
    unranked_note(c, doc, rk);
}

/* Leaves out the middle of a chart of more than 2 * CHART_HALF + 1 rows,
 * rows valued and on lacking a value (a rate chart's units without both
 * parts): it keeps the first CHART_HALF and the last CHART_HALF rows with
 * a value and, between them, a row saying how many are left out; or,
 * with fewer rows valued, those and then that row. */
static void chart_ends(eg_block *b, size_t valued)
{
    size_t n = b->n_bars, head, tail, from, gap;
    char count[32];

    if (n <= 2 * CHART_HALF + 1)
        return;
    head = valued > 2 * CHART_HALF ? CHART_HALF : valued;
    tail = valued > 2 * CHART_HALF ? CHART_HALF : 0;
    from = valued - tail;
    for (size_t i = head; i < n; i++)
        if (i < from || i >= valued) {
            free(b->labels[i]);
            b->labels[i] = NULL;
        }
    memmove(b->labels + head + 1, b->labels + from, tail * sizeof *b->labels);
    memmove(b->values + head + 1, b->values + from, tail * sizeof *b->values);
    gap = n - head - tail;
    eg_fmt_int(count, sizeof count, (int64_t)gap);
    b->labels[head] = eg_xasprintf(tail ? "… và %s đơn vị khác"
                                        : "… và %s đơn vị chưa đủ số liệu", count);
    b->values[head] = NAN;
    b->gap_row = head + 1;
    b->n_bars = head + 1 + tail;
}

void eg_nblock_ranking_chart(eg_nctx *c, eg_doc *doc, const char *code)
{
    const eg_ranking *rk = eg_results_ranking(c->res, code);
    eg_block *b;
    char max[32];

    if (!rk) {
        eg_nctx_fail(c, "unknown ranking '%s' (not in rankings.csv)", code);
        return;
    }
    b = eg_doc_add(doc, EG_BLOCK_BARCHART);
    b->text = eg_xasprintf("%s", rk->def->label);
    b->axis_title = eg_xasprintf("Tổng điểm (tối đa %s điểm)",
                                 eg_fmt_dec(max, sizeof max, rk->def->max_total, 0));
    b->n_bars = rk->n_ranked;
    b->labels = eg_xcalloc(rk->n_ranked + 1, sizeof *b->labels);
    b->values = eg_xcalloc(rk->n_ranked + 1, sizeof *b->values);
    b->max_value = rk->def->max_total;
    b->decimals = 2;
    for (size_t i = 0; i < rk->n_ranked; i++) {
        b->labels[i] = dupstr(c->ds->registry.items[rk->rows[i].unit].name);
        b->values[i] = rk->rows[i].total;
    }
    chart_ends(b, rk->n_ranked);
}

/* ---- a rate by unit ------------------------------------------------------ */

static int is_numeric(eg_type t)
{
    return t == EG_TYPE_COUNT || t == EG_TYPE_MONEY || t == EG_TYPE_NUMBER ||
           t == EG_TYPE_PERCENT || t == EG_TYPE_SCORE;
}

/* An indicator of the catalogue that units of level report as a number;
 * -1 after an F_LAYOUT. */
static int rate_indicator(eg_nctx *c, const char *code, eg_level level)
{
    int k = eg_catalogue_find(&c->L->cat, code);
    char *m;

    if (k < 0) {
        eg_nctx_fail(c, "unknown indicator '%s' (not in indicators.csv)", code);
        return -1;
    }
    if (!is_numeric(c->L->cat.items[k].type)) {
        eg_nctx_fail(c, "indicator '%s' is not a number: a rate needs counts or numbers", code);
        return -1;
    }
    if (!(c->L->cat.items[k].levels & EG_LEVEL_BIT(level))) {
        m = eg_xasprintf("indicator '%s' is not reported at level '%s'", code,
                         eg_level_code(level));
        eg_nctx_fail(c, "%s", m);
        free(m);
        return -1;
    }
    return k;
}

typedef struct {
    int unit;
    double rate;             /* NAN when the unit lacks a part */
} rate_row;

static int by_rate(const void *pa, const void *pb)
{
    const rate_row *a = pa, *b = pb;

    if (isnan(a->rate) != isnan(b->rate))
        return isnan(a->rate) ? 1 : -1;
    if (!isnan(a->rate) && a->rate != b->rate)
        return a->rate > b->rate ? -1 : 1;
    return a->unit - b->unit;
}

/* The next word of *p, blanks before it passed over, as a new string, and
 * *p moved past the blanks after it; NULL when none is left.  A word is
 * taken whole, however long: a mistake names what was written. */
static char *next_word(const char **p)
{
    static const char blank[] = " \t\r\n\v\f";
    const char *s = *p + strspn(*p, blank);
    size_t n = strcspn(s, blank);

    if (n == 0)
        return NULL;
    *p = s + n + strspn(s + n, blank);
    return eg_xstrndup(s, n);
}

/* [chart-rate]'s level and two indicators read from args into *level,
 * *kn, *kd: the title's start, or NULL after a mistake said. */
static const char *rate_chart_args(eg_nctx *c, const char *args, eg_level *level, int *kn,
                                   int *kd)
{
    const char *p = args;
    char *lv = next_word(&p), *num = lv ? next_word(&p) : NULL, *den = num ? next_word(&p) : NULL;
    const char *title = NULL;

    if (!den || !*p)
        eg_nctx_fail(c, "[chart-rate LEVEL NUMERATOR DENOMINATOR TITLE] needs all four, "
                        "e.g. [chart-rate huyen ht.bdvhx_internet ht.bdvhx Tỷ lệ …]%s", "");
    else if (eg_level_parse(lv, level) != 0)
        eg_nctx_fail(c, "unknown level '%s' (tinh, so, huyen, xa)", lv);
    else {
        *kn = rate_indicator(c, num, *level);   /* both said when both are wrong */
        *kd = rate_indicator(c, den, *level);
        if (*kn >= 0 && *kd >= 0)
            title = p;
    }
    free(lv);
    free(num);
    free(den);
    return title;
}

/* [chart-rate LEVEL NUMERATOR DENOMINATOR TITLE]: one bar per unit of the
 * level, its numerator over its denominator in percent, highest first
 * (units lacking a part last, without a bar), and a dashed line at the
 * rate over all of them. */
void eg_nblock_rate_chart(eg_nctx *c, eg_doc *doc, const char *args)
{
    const char *title;
    int kn, kd;
    eg_level level;
    rate_row *rows;
    size_t n = 0, valued = 0;
    double sn = 0, sd = 0;
    eg_block *b;

    if (!(title = rate_chart_args(c, args, &level, &kn, &kd)))
        return;

    /* Step 1: each unit's own rate, and the sums over the units that have
     * both parts (as a ratio of figures.csv is computed). */
    rows = eg_xcalloc(c->ds->registry.n + 1, sizeof *rows);
    for (size_t u = 0; u < c->ds->registry.n; u++) {
        const eg_value *a, *d;

        if (c->ds->registry.items[u].level != level)
            continue;
        a = eg_dataset_get(c->ds, (int)u, kn);
        d = eg_dataset_get(c->ds, (int)u, kd);
        rows[n].unit = (int)u;
        rows[n].rate = NAN;
        if (a && d && d->d > 0) {
            /* a part above its whole is no share: its bar is left out, as
             * a unit's without both parts (its row says "–") */
            if (a->d <= d->d)
                rows[n].rate = a->d / d->d * 100;
            sn += a->d;
            sd += d->d;
        }
        n++;
    }
    qsort(rows, n, sizeof *rows, by_rate);

    /* Step 2: the chart, on an axis from 0 to 100%. */
    b = eg_doc_add(doc, EG_BLOCK_BARCHART);
    b->text = eg_narrative_expand(c, title, NULL);
    if (eg_utf8_len(b->text) > EG_CHART_TITLE_MAX) {
        char *m = eg_xasprintf("the chart's title is %zu characters long: at most %d fit above "
                               "a chart", eg_utf8_len(b->text), EG_CHART_TITLE_MAX);

        eg_nctx_fail(c, "%s", m);
        free(m);
    }
    b->axis_title = eg_xstrdup("Tỷ lệ (%)");
    b->value_suffix = eg_xstrdup("%");
    b->n_bars = n;
    b->labels = eg_xcalloc(n + 1, sizeof *b->labels);
    b->values = eg_xcalloc(n + 1, sizeof *b->values);
    b->max_value = 100;
    b->decimals = 1;
    for (size_t i = 0; i < n; i++) {
        b->labels[i] = dupstr(c->ds->registry.items[rows[i].unit].name);
        b->values[i] = rows[i].rate;
        valued += !isnan(rows[i].rate);
    }
    chart_ends(b, valued);
    if (sd > 0 && sn <= sd) {
        char t[32];

        b->has_ref = 1;
        b->ref_value = sn / sd * 100;
        b->ref_label = eg_xasprintf("Chung: %s",
                                    eg_fmt_pct(t, sizeof t, sn / sd, 1));
    }
    free(rows);
}

/* ---- coverage ------------------------------------------------------------- */

/* "Cấp xã (3/220): Xã A, Xã B và Xã C." for the units of a level in list
 * (registry positions), at most MISSING_NAMED of them by name. */
static char *unit_sentence(const eg_nctx *c, eg_level l, const int *list, size_t n,
                           size_t expected, const char *what)
{
    eg_sbuf s = { 0 };
    size_t named = n < MISSING_NAMED ? n : MISSING_NAMED;
    char a[32], b[32], m[32], *out;

    eg_sb_puts(&s, "");
    for (size_t i = 0; i < named; i++) {
        if (i)
            eg_sb_puts(&s, i + 1 == n ? " và " : ", ");
        eg_sb_puts(&s, c->ds->registry.items[list[i]].name);
    }
    eg_fmt_int(a, sizeof a, (int64_t)n);
    eg_fmt_int(b, sizeof b, (int64_t)expected);
    eg_fmt_int(m, sizeof m, (int64_t)(n - named));
    if (named < n)
        out = eg_xasprintf("%s (%s/%s đơn vị %s): %s và %s đơn vị khác.", eg_level_label(l),
                           a, b, what, s.s, m);
    else
        out = eg_xasprintf("%s (%s/%s đơn vị %s): %s.", eg_level_label(l), a, b, what, s.s);
    free(s.s);
    return out;
}

static void bullet(eg_doc *doc, char *text)
{
    eg_block *p = eg_doc_add(doc, EG_BLOCK_BULLET);

    p->level = 1;
    p->text = text;
}

/* [coverage]: who was expected, who sent, who was late, by level
 * (normalize/completeness.h); then the units that sent nothing and the
 * late ones by name. */
void eg_nblock_coverage(eg_nctx *c, eg_doc *doc)
{
    static const double w5[] = { 3, 1.5, 1.5, 1.5, 1.5 };
    static const double w6[] = { 2.6, 1.3, 1.3, 1.4, 1.3, 1.6 };
    const char *head[] = { "Cấp", "Phải nộp", "Đã nộp", "Tỷ lệ đã nộp", "Nộp muộn",
                           "Không rõ ngày nộp" };
    eg_completeness comp;
    size_t undated = 0;
    size_t n_cols;
    eg_block *b;
    char a[32], t[32], d[16];

    /* Step 1: the table, a row per level that has units, and the total;
     * a column of the units whose day of sending is not known, when there
     * are any: "late" counts only those whose day is. */
    eg_completeness_compute(&comp, c->ds);
    for (int l = 0; l < EG_LEVEL_COUNT; l++)
        undated += comp.level[l].undated;
    n_cols = comp.deadline && undated ? 6 : 5;
    b = add_table(doc, n_cols, n_cols == 6 ? "lrrrrr" : "lrrrr", n_cols == 6 ? w6 : w5);
    add_row(b, head);
    for (int l = 0; l <= EG_LEVEL_COUNT; l++) {
        const eg_level_completeness *lc = l < EG_LEVEL_COUNT ? &comp.level[l] : NULL;
        size_t e = lc ? lc->expected : comp.expected, g = lc ? lc->received : comp.received;
        size_t late = lc ? lc->late : comp.late;
        char es[32], gs[32], rs[32], ls[32], us[32];
        const char *row[6];

        if (!e)
            continue;
        eg_fmt_int(es, sizeof es, (int64_t)e);
        eg_fmt_int(gs, sizeof gs, (int64_t)g);
        /* never 100,0% while one is missing (9,996 of 10,000), nor 0,0%
         * while one has sent */
        eg_fmt_pct(rs, sizeof rs, eg_nshare_shown((double)g / (double)e, 1), 1);
        eg_fmt_int(ls, sizeof ls, (int64_t)late);
        eg_fmt_int(us, sizeof us, (int64_t)(lc ? lc->undated : undated));
        row[0] = lc ? eg_level_label((eg_level)l) : "Tổng cộng";
        row[1] = es;
        row[2] = gs;
        row[3] = rs;
        row[4] = ls;
        row[5] = us;
        add_row(b, row);
    }

    /* Step 2: who did not send, who was late, by name. */
    if (comp.received == comp.expected) {
        add_para(doc, eg_xstrdup("Tất cả các đơn vị trong danh sách đã gửi số liệu."));
    } else {
        eg_fmt_int(a, sizeof a, (int64_t)(comp.expected - comp.received));
        eg_fmt_int(t, sizeof t, (int64_t)comp.expected);
        add_para(doc, eg_xasprintf("Còn %s/%s đơn vị chưa gửi số liệu; các chỉ tiêu tổng hợp "
                                   "trong báo cáo chỉ tính trên số liệu đã nhận:", a, t));
        for (int l = 0; l < EG_LEVEL_COUNT; l++)
            if (comp.level[l].n_missing)
                bullet(doc, unit_sentence(c, (eg_level)l, comp.level[l].missing,
                                          comp.level[l].n_missing, comp.level[l].expected,
                                          "chưa nộp"));
    }
    if (comp.deadline && comp.late) {
        eg_fmt_int(a, sizeof a, (int64_t)comp.late);
        add_para(doc, eg_xasprintf("Hạn nộp số liệu là ngày %s; %s đơn vị nộp sau hạn:",
                                   eg_date_format(d, sizeof d, comp.deadline), a));
        for (int l = 0; l < EG_LEVEL_COUNT; l++)
            if (comp.level[l].n_late)
                bullet(doc, unit_sentence(c, (eg_level)l, comp.level[l].late_units,
                                          comp.level[l].n_late, comp.level[l].expected,
                                          "nộp muộn"));
    } else if (comp.deadline && comp.received > undated && undated) {
        /* "none late" is said of the units whose day is known alone */
        eg_fmt_int(a, sizeof a, (int64_t)(comp.received - undated));
        add_para(doc, eg_xasprintf("Hạn nộp số liệu là ngày %s; trong %s đơn vị xác định được "
                                   "ngày nộp, không có đơn vị nào nộp sau hạn.",
                                   eg_date_format(d, sizeof d, comp.deadline), a));
    } else if (comp.deadline && comp.received > undated) {
        add_para(doc, eg_xasprintf("Hạn nộp số liệu là ngày %s; không có đơn vị nào nộp sau "
                                   "hạn.", eg_date_format(d, sizeof d, comp.deadline)));
    }
    if (comp.deadline && undated) {
        eg_fmt_int(a, sizeof a, (int64_t)undated);
        add_para(doc, eg_xasprintf("Không xác định được ngày nộp của %s đơn vị: tệp số liệu "
                                   "không ghi ngày nộp, và ngày lưu tệp muộn hơn ngày ban hành "
                                   "báo cáo nên không dùng làm ngày nộp được; các đơn vị này "
                                   "không được tính là nộp muộn.", a));
    }
    eg_completeness_free(&comp);
}

/* ---- the problems, grouped by unit ---------------------------------------- */

typedef struct {
    const eg_diag *d;
    long group;             /* the unit's place in the registry; n for none */
} problem;

static int by_group(const void *pa, const void *pb)
{
    const problem *a = pa, *b = pb;
    int k;

    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    k = strcmp(a->d->file ? a->d->file : "", b->d->file ? b->d->file : "");
    if (k)
        return k;
    return eg_diag_cmp_in_file(a->d, b->d);
}

/* A submission is named without its folder: every unit's file is in
 * submissions/. */
static const char *short_file(const char *f)
{
    static const char dir[] = "submissions/";

    if (!f)
        return "";
    return strncmp(f, dir, sizeof dir - 1) == 0 ? f + sizeof dir - 1 : f;
}

/* What the appendix says of a problem: in Vietnamese, as problems.csv
 * says its code (its message, made for validation.csv, may be in
 * English), else its message; a "… N more" line in words of its own.  A
 * new string. */
static char *problem_words(const eg_layouts *L, const eg_diag *d)
{
    const char *vi = eg_layouts_problem_text(L, d->code);

    if (d->more) {
        char n[32];

        eg_fmt_int(n, sizeof n, (int64_t)d->more);
        return eg_xasprintf("Còn %s %s cùng loại (%s) trong tệp này không được liệt kê%s%s", n,
                            d->severity == EG_ERROR ? "lỗi" : "cảnh báo", d->code,
                            vi ? ": " : "", vi ? vi : "");
    }
    return eg_xstrdup(vi ? vi : d->message ? d->message : "");
}

static void problem_table_row(const eg_nctx *c, eg_block *t, const eg_diag *d, int with_unit)
{
    char row_s[32] = "", col_s[32] = "";
    const char *cells[7];
    char *words = problem_words(c->L, d);
    size_t k = 0;

    if (d->row > 0)
        eg_fmt_int(row_s, sizeof row_s, d->row);
    if (d->col > 0)
        eg_fmt_int(col_s, sizeof col_s, d->col);
    if (with_unit)
        cells[k++] = d->unit ? d->unit : "";
    cells[k++] = short_file(d->file);
    cells[k++] = row_s;
    cells[k++] = col_s;
    cells[k++] = d->indicator ? d->indicator : "";
    cells[k++] = d->severity == EG_ERROR ? "Lỗi" : "Cảnh báo";
    cells[k++] = words;
    add_row(t, cells);
    free(words);
}

static eg_block *problem_table(eg_doc *doc, int with_unit)
{
    static const double w[] = { 2.3, 0.7, 0.55, 1.8, 1.45, 5.7 };
    static const double wu[] = { 1.6, 2.1, 0.7, 0.55, 1.6, 1.45, 4.6 };
    const char *head[] = { "Tệp", "Dòng", "Cột", "Chỉ tiêu", "Loại", "Nội dung" };
    const char *headu[] = { "Mã đơn vị", "Tệp", "Dòng", "Cột", "Chỉ tiêu", "Loại", "Nội dung" };
    eg_block *t = with_unit ? add_table(doc, 7, "llrrlLl", wu) : add_table(doc, 6, "lrrlLl", w);

    add_row(t, with_unit ? headu : head);
    return t;
}

/* The problems counted by kind (their code), the most frequent first,
 * with how many units have them: with more problems than the appendix
 * lists, the list below names the first units' alone (a nation's first
 * districts' communes), and this is what the reader sees of the whole.
 * v is in group order. */
typedef struct {
    const eg_diag *first;   /* a problem of the kind: its code and severity */
    size_t n, units;
    long last_group;
} problem_kind;

static int by_count(const void *pa, const void *pb)
{
    const problem_kind *a = pa, *b = pb;

    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    return strcmp(a->first->code, b->first->code);
}

static void problem_kinds(const eg_nctx *c, eg_doc *doc, const problem *v, size_t n,
                          size_t total)
{
    static const double w[] = { 2.6, 1.75, 6.15, 1.0, 1.0 };
    const char *head[] = { "Mã", "Loại", "Nội dung", "Số vấn đề", "Số đơn vị" };
    problem_kind *k = eg_xcalloc(n, sizeof *k);
    eg_strmap at = { 0 };
    size_t n_kinds = 0;
    char a[32], b[32];
    eg_block *t;

    for (size_t i = 0; i < n; i++) {
        int j = eg_strmap_get(&at, v[i].d->code);

        if (j < 0) {
            j = (int)n_kinds++;
            eg_strmap_put(&at, v[i].d->code, j);
            k[j].first = v[i].d;
            k[j].last_group = -1;
        }
        k[j].n += eg_diag_weight(v[i].d);
        if (v[i].group < (long)c->ds->registry.n && v[i].group != k[j].last_group) {
            k[j].units++;
            k[j].last_group = v[i].group;
        }
    }
    qsort(k, n_kinds, sizeof *k, by_count);
    eg_fmt_int(a, sizeof a, (int64_t)total);
    add_para(doc, eg_xasprintf("Bảng sau tổng hợp cả %s vấn đề theo loại; danh sách theo từng "
                               "đơn vị sau đó chỉ nêu %d vấn đề đầu tiên.", a, PROBLEMS_IN_ALL));
    t = add_table(doc, 5, "lLlrr", w);
    add_row(t, head);
    for (size_t j = 0; j < n_kinds; j++) {
        const char *vi = eg_layouts_problem_text(c->L, k[j].first->code);
        /* a code problems.csv does not list (a rule's, an export's) is
         * shown by its first problem's message */
        char *example = vi ? NULL : eg_xasprintf("Ví dụ: %s", k[j].first->message ?
                                                 k[j].first->message : "");
        const char *cells[5];

        eg_fmt_int(a, sizeof a, (int64_t)k[j].n);
        eg_fmt_int(b, sizeof b, (int64_t)k[j].units);
        cells[0] = k[j].first->code;
        cells[1] = k[j].first->severity == EG_ERROR ? "Lỗi" : "Cảnh báo";
        cells[2] = vi ? vi : example;
        cells[3] = a;
        cells[4] = b;
        add_row(t, cells);
        free(example);
    }
    eg_strmap_free(&at);
    free(k);
}

/* The units' problems, one sub-heading per unit (registry order), under it
 * a table of its problems in file, row and column order; the problems of
 * no unit of the registry last.  A problem that names no unit (about a
 * whole file, such as a legacy encoding read; a row without a unit code)
 * goes with the unit whose file it is in (file_owners).  "Not submitted"
 * warnings are left to the coverage table, which names those units. */

void eg_nblock_problems(eg_nctx *c, eg_doc *doc)
{
    const eg_diag_list *pl = c->problems;
    problem *v = eg_xcalloc(pl->n + 1, sizeof *v);
    int *owner = NULL;          /* file_owners, made when first needed */
    eg_strmap file_at = { 0 };  /* a file's path -> its place in ds->files */
    size_t n = 0, shown = 0, rest = 0, n_units = 0, n_err = 0, n_warn = 0, n_absent = 0;
    size_t n_unprinted = 0;
    char a[32], b[32], u[32], *absent = NULL, *unprinted = NULL;

    /* Step 1: the problems a reader can act on, with their unit. */
    for (size_t i = 0; i < pl->n; i++) {
        const eg_diag *d = &pl->items[i];
        int pos;

        if (strcmp(d->code, "W_NOT_SUBMITTED") == 0)
            n_absent += eg_diag_weight(d);
        if (strcmp(d->code, "W_FIGURE_MISSING") == 0)
            n_unprinted += eg_diag_weight(d);
        /* a figure the report lacks is the report's, not a unit's data:
         * it is in validation.csv and Kiểm tra for the operator, and the
         * reader sees its "…" */
        if (d->severity == EG_FATAL || strcmp(d->code, "W_NOT_SUBMITTED") == 0 ||
            strcmp(d->code, "W_FIGURE_MISSING") == 0)
            continue;
        if (d->unit) {
            pos = eg_strmap_get(&c->ds->registry.index, d->unit);
        } else if (d->units_differ) {
            pos = -1;           /* a "… N more" line of rows of several units */
        } else {
            int f;

            if (!owner) {
                owner = eg_file_owners(c->ds);
                for (size_t k = 0; k < c->ds->n_files; k++)
                    eg_strmap_put(&file_at, c->ds->files[k].path, (int)k);
            }
            f = d->file ? eg_strmap_get(&file_at, d->file) : -1;
            pos = f >= 0 ? owner[f] : -1;
        }
        v[n].d = d;
        v[n].group = pos >= 0 ? pos : (long)c->ds->registry.n;
        n_err += d->severity == EG_ERROR ? eg_diag_weight(d) : 0;
        n_warn += d->severity == EG_WARNING ? eg_diag_weight(d) : 0;
        n++;
    }
    /* the units that sent nothing are counted in the build's warnings,
     * and named with the coverage */
    if (n_absent) {
        eg_fmt_int(a, sizeof a, (int64_t)n_absent);
        absent = eg_xasprintf(" Ngoài ra có %s cảnh báo về đơn vị chưa gửi số liệu, nêu tại "
                              "phần tình hình nộp số liệu.", a);
    }
    /* the reader of a "…" in the text is told what it stands for */
    eg_fmt_int(a, sizeof a, (int64_t)n_unprinted);
    unprinted = eg_xasprintf("%s%s%s", absent ? absent : "",
                             n_unprinted ? " Trong báo cáo có " : "", n_unprinted ? a : "");
    if (n_unprinted) {
        char *t = eg_xasprintf("%s chỗ in “…” thay cho giá trị chưa tính được từ số liệu gửi "
                               "về (chưa có đơn vị nào báo cáo, số liệu mâu thuẫn, hoặc chưa so được với "
                               "năm trước khi số liệu chưa đủ các đơn vị); lý do "
                               "của từng chỗ có trong tệp validation.csv.", unprinted);

        free(unprinted);
        unprinted = t;
    }
    free(absent);
    absent = unprinted;
    if (n == 0) {
        add_para(doc, eg_xasprintf("Không phát hiện lỗi hoặc cảnh báo nào khi kiểm tra số liệu "
                                   "các đơn vị gửi về.%s", absent ? absent : ""));
        free(absent);
        free(v);
        free(owner);
        eg_strmap_free(&file_at);
        return;
    }
    qsort(v, n, sizeof *v, by_group);
    for (size_t i = 0; i < n; i++)
        n_units += (i == 0 || v[i].group != v[i - 1].group) &&
                   v[i].group < (long)c->ds->registry.n;

    /* Step 2: one sentence on the whole. */
    eg_fmt_int(a, sizeof a, (int64_t)n_err);
    eg_fmt_int(b, sizeof b, (int64_t)n_warn);
    eg_fmt_int(u, sizeof u, (int64_t)n_units);
    {
        /* "có 0 lỗi" reads as a slip: none is said in words */
        char *found = !n_err ? eg_xasprintf("không có lỗi, có %s cảnh báo", b)
                      : !n_warn ? eg_xasprintf("có %s lỗi, không có cảnh báo", a)
                                : eg_xasprintf("có %s lỗi và %s cảnh báo", a, b);

        /* problems of no unit alone (baseline.csv's, the layout's): no
         * "thuộc 0 đơn vị" */
        char *whose = n_units ? eg_xasprintf(", thuộc %s đơn vị", u) : eg_xstrdup("");

        add_para(doc, eg_xasprintf("Khi kiểm tra số liệu các đơn vị gửi về, %s%s. Giá trị không "
                                   "hợp lệ không được tính vào chỉ tiêu tổng "
                                   "hợp; giá trị vi phạm quy tắc so sánh hoặc lệch với số liệu "
                                   "trên hệ thống vẫn được tính. "
                                   "Danh sách đầy đủ có trong tệp validation.csv và trang tính "
                                   "\"Kiểm tra\" của bảng tổng hợp; tệp được ghi theo tên trong "
                                   "thư mục submissions.%s", found, whose, absent ? absent : ""));
        free(whose);
        free(found);
        free(absent);
    }
    if (n_err + n_warn > PROBLEMS_IN_ALL)
        problem_kinds(c, doc, v, n, n_err + n_warn);

    /* Step 3: a heading and a table per unit, until the cap. */
    for (size_t i = 0; i < n;) {
        size_t j = i, in_group, listed = 0;
        long g = v[i].group;
        int other = g >= (long)c->ds->registry.n;
        eg_block *h, *t;

        in_group = 0;
        while (j < n && v[j].group == g)
            in_group += eg_diag_weight(v[j++].d);
        if (shown >= PROBLEMS_IN_ALL) {
            for (size_t k = i; k < n; k++)
                rest += eg_diag_weight(v[k].d);
            break;
        }
        h = eg_doc_add(doc, EG_BLOCK_HEADING);
        h->level = 3;
        h->bookmark = 1;
        if (other) {
            h->text = eg_xstrdup("Không gắn với đơn vị nào trong danh sách");
        } else {
            const eg_unit *x = &c->ds->registry.items[g];

            eg_fmt_int(a, sizeof a, (int64_t)in_group);
            h->text = eg_xasprintf("%s (%s): %s vấn đề", x->name, x->code, a);
        }
        t = problem_table(doc, other);
        for (; i < j && listed < PROBLEMS_PER_UNIT && shown < PROBLEMS_IN_ALL; i++) {
            problem_table_row(c, t, v[i].d, other);
            listed += eg_diag_weight(v[i].d);
            shown++;
        }
        /* a unit's missing report has no row, column or indicator */
        drop_empty_columns(t, (const char *const[]){ "Dòng", "Cột", "Chỉ tiêu" }, 3);
        if (listed < in_group) {
            eg_fmt_int(a, sizeof a, (int64_t)(in_group - listed));
            add_para(doc, eg_xasprintf("… và %s vấn đề khác của đơn vị này (xem validation.csv).",
                                       a));
        }
        i = j;
    }
    if (rest) {
        eg_fmt_int(a, sizeof a, (int64_t)rest);
        add_para(doc, eg_xasprintf("Phụ lục chỉ liệt kê %d vấn đề; %s vấn đề của các đơn vị "
                                   "còn lại có trong tệp validation.csv.", PROBLEMS_IN_ALL, a));
    }
    free(v);
    free(owner);
    eg_strmap_free(&file_at);
}
