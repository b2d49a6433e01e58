/*
 * xlsx_rank.c - the Xếp hạng sheet: every ranking of rankings.csv, one
 * row per unit (ranked units first, then those missing a criterion), and
 * a bar chart of each ranking beside it.
 *
 * `Tổng điểm` is ROUND(SUM(criteria), 2) and `Hạng` is 1 + COUNTIFS of
 * the higher totals of the same Cấp over the whole table (not RANK over a
 * block of rows: a sort by the filter buttons must leave every rank as
 * it is), each with our own result cached; a formula is only
 * written where we checked that a spreadsheet gets exactly that result
 * (the value alone otherwise).  Totals under highlight_below times the
 * ranking's maximum are highlighted.
 */
#include "write/xlsx_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/mem.h"

#define SHEET "Xếp hạng"
/* every level's criteria, each its own column (layout.c: a ranking's
 * criteria are all the score indicators of its level) */
#define MAX_CRIT (EG_LEVEL_COUNT * EG_RANKING_CRITERIA)

/* The ranking criteria over every ranking, in order: one column each. */
typedef struct {
    int ind[MAX_CRIT];
    size_t n;
} crit_cols;

static size_t crit_col(const crit_cols *cc, int ind)
{
    size_t k = 0;

    while (k < cc->n && cc->ind[k] != ind)
        k++;
    return k;
}

/* A criterion's heading: its label without "Điểm đánh giá: ", capitalised
 * ("điều kiện sẵn sàng" -> "Điều kiện sẵn sàng"). */
static char *crit_heading(const eg_indicator *ind)
{
    static const char prefix[] = "Điểm đánh giá: ";
    const char *label = ind->label && *ind->label ? ind->label : ind->code;
    utf8proc_int32_t cp;
    utf8proc_ssize_t len;

    if (strncmp(label, prefix, sizeof prefix - 1) == 0 && label[sizeof prefix - 1])
        label += sizeof prefix - 1;
    len = utf8proc_iterate((const utf8proc_uint8_t *)label, -1, &cp);
    if (len > 0) {
        utf8proc_uint8_t first[8];
        utf8proc_ssize_t k = utf8proc_encode_char(utf8proc_toupper(cp), first);

        return eg_xasprintf("%.*s%s", (int)k, (const char *)first, label + len);
    }
    return eg_xstrdup(label);
}

/* The total of a unit's row as the cells hold it: its criteria added up in
 * column order, as SUM does, then rounded to hundredths as ROUND(x, 2).
 * 0 when the sum lies too near a half hundredth for both roundings to be
 * sure to agree. */
static int row_total(const crit_cols *cc, const eg_rank_entry *e, const eg_ranking_def *def,
                     double *out)
{
    double sum = 0, h;

    for (size_t k = 0; k < cc->n; k++)
        for (size_t c = 0; c < def->n_criteria; c++)
            if (def->criteria[c] == cc->ind[k] && e->present[c])
                sum += e->criteria[c];
    h = sum * 100.0 - floor(sum * 100.0);
    if (fabs(h - 0.5) < 1e-6)
        return 0;
    *out = (double)llround(sum * 100.0) / 100.0;
    return 1;
}

/* A level's label may be a COUNTIFS criterion as it is: no wildcard, no
 * comparison operator in front. */
static int label_safe(const char *s)
{
    return s && *s && !strpbrk(s, "*?~") && !strchr("<>=", s[0]);
}

/* A total as ">"&J5 turns it into text: 15 significant digits, as a
 * spreadsheet prints it, must read back as the same number. */
static int total_as_text_exact(double t)
{
    char buf[40];

    snprintf(buf, sizeof buf, "%.15G", t);
    return strtod(buf, NULL) == t;
}

/* What COUNTIFS($A:$A, this level, $J:$J, ">"&total)+1 gives over the
 * whole sheet: 1 + the totals above this one among every ranking of the
 * same level (the units without a total leave theirs blank).  -1 when a
 * total would not go through the criterion exactly. */
static int rank_by_level(const eg_ranking *all, size_t n_rankings, const eg_ranking *rk,
                         size_t i)
{
    const char *label = eg_level_label(rk->def->level);
    double t = rk->rows[i].total;
    int r = 1;

    if (!label_safe(label) || !total_as_text_exact(t))
        return -1;
    for (size_t k = 0; k < n_rankings; k++) {
        if (strcmp(eg_level_label(all[k].def->level), label) != 0)
            continue;
        for (size_t j = 0; j < all[k].n; j++)
            if (all[k].rows[j].complete && all[k].rows[j].total > t)
                r++;
    }
    return r;
}

/* One unit's row; last_row is the sheet's last row (0-based).  Hạng counts
 * the higher totals of the unit's level over the whole table, keyed by
 * Cấp, so that it does not depend on the order of the rows (a sort). */
static void put_entry(eg_xctx *x, eg_xsheet *sh, const crit_cols *cc, const eg_ranking *rk,
                      size_t i, lxw_row_t row, lxw_row_t last_row)
{
    const eg_rank_entry *e = &rk->rows[i];
    const eg_unit *u = &x->ds->registry.items[e->unit];
    lxw_col_t tc = (lxw_col_t)(4 + cc->n);
    char first[16], last[16], tcol[16], formula[200], lv[64], tot[64];
    double total;

    lxw_col_to_name(tcol, tc, 0);
    eg_xlsx_put_text(x, sh, row, 0, eg_level_label(rk->def->level), NULL);
    if (e->rank > 0 && e->complete) {
        eg_xlsx_range(lv, sizeof lv, 0, 2, last_row + 1u, 1);
        eg_xlsx_range(tot, sizeof tot, tc, 2, last_row + 1u, 1);
        snprintf(formula, sizeof formula, "COUNTIFS(%s,A%u,%s,\">\"&%s%u)+1", lv,
                 (unsigned)row + 1, tot, tcol, (unsigned)row + 1);
        if (rank_by_level(x->res->rankings, x->L->n_rankings, rk, i) == e->rank)
            eg_xlsx_put_formula(x, sh, row, 1, formula, e->rank, NULL);
        else
            eg_xlsx_put_number(x, sh, row, 1, e->rank, NULL);
    } else if (e->rank > 0) {
        eg_xlsx_put_number(x, sh, row, 1, e->rank, NULL);
    }
    eg_xlsx_put_text(x, sh, row, 2, u->code, NULL);
    eg_xlsx_put_text(x, sh, row, 3, u->name, NULL);
    for (size_t c = 0; c < rk->def->n_criteria; c++) {
        size_t k = crit_col(cc, rk->def->criteria[c]);

        if (k < cc->n && e->present[c])
            eg_xlsx_put_number(x, sh, row, (lxw_col_t)(4 + k), e->criteria[c], x->dec2);
    }
    if (!e->complete) {
        eg_xlsx_put_text(x, sh, row, tc + 1, eg_rank_entry_note(rk, e), NULL);
        return;
    }
    lxw_col_to_name(first, 4, 0);
    lxw_col_to_name(last, (lxw_col_t)(tc - 1), 0);
    snprintf(formula, sizeof formula, "ROUND(SUM(%s%u:%s%u),2)", first, (unsigned)row + 1, last,
             (unsigned)row + 1);
    if (cc->n > 0 && row_total(cc, e, rk->def, &total) && total == e->total)
        eg_xlsx_put_formula(x, sh, row, tc, formula, e->total, x->dec2);
    else
        eg_xlsx_put_number(x, sh, row, tc, e->total, x->dec2);
}

/* 1 when ranking r's level is no other ranking's: its totals can then be
 * told from the others' by Cấp alone. */
static int level_own(const eg_layouts *L, size_t r)
{
    for (size_t k = 0; k < L->n_rankings; k++)
        if (k != r && L->rankings[k].level == L->rankings[r].level)
            return 0;
    return 1;
}

/* The highlight of ranking rk's low totals: over the whole table's column
 * of totals (rows 2 to last, 1-based), the totals of rk's Cấp under
 * limit, AND(ISNUMBER(J2),$A2="Cấp huyện",J2<124), so that a sort by the
 * filter buttons, which moves the totals and not the rule, leaves every
 * unit's highlight on it (a rule over the ranking's block of rows gave a
 * district's 107 moved among the departments the departments' 104).  0
 * when the level's label cannot be put in the rule. */
static int highlight_level(eg_xctx *x, lxw_worksheet *ws, const eg_ranking *rk, lxw_col_t tc,
                           lxw_row_t last, double limit)
{
    const char *label = eg_level_label(rk->def->level);
    char tcol[16], sqref[64], rule[256];
    int n;

    if (!label || !*label || strchr(label, '"'))
        return 0;
    lxw_col_to_name(tcol, tc, 0);
    eg_xlsx_range(sqref, sizeof sqref, tc, 2, last, 0);
    n = snprintf(rule, sizeof rule, "=AND(ISNUMBER(%s2),$A2=\"%s\",%s2<%.15g)", tcol, label, tcol,
                 limit);
    if (n < 0 || (size_t)n >= sizeof rule)
        return 0;
    eg_xlsx_highlight_rule(x, ws, 1, tc, sqref, rule);
    return 1;
}

/* A bar chart of a ranking's totals, by unit name, rank 1 on top. */
static void add_chart(eg_xctx *x, eg_xsheet *sh, const eg_ranking *rk, lxw_row_t first,
                      lxw_col_t tc, lxw_row_t at, lxw_col_t at_col, double height)
{
    lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_BAR);
    lxw_chart_series *s;
    lxw_chart_options opt;
    lxw_row_t last = (lxw_row_t)(first + rk->n_ranked - 1);

    if (!ch || !(s = chart_add_series(ch, NULL, NULL))) {
        eg_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding the chart of %s",
                      rk->def->code);
        return;
    }
    chart_series_set_categories(s, SHEET, first, 3, last, 3);
    chart_series_set_values(s, SHEET, first, tc, last, tc);
    chart_series_set_labels(s);
    chart_series_set_labels_num_format(s, "0.00");
    chart_title_set_name(ch, rk->def->label);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    /* In a bar chart the categories run up the y axis: reversed, rank 1
     * comes first from the top.  The value axis spans the maximum, and is
     * drawn at the foot (below). */
    chart_axis_set_reverse(ch->y_axis);
    /* the value axis crosses at the last category, at the foot once the
     * order is reversed (it stood at the top) */
    chart_axis_set_crossing_max(ch->y_axis);
    chart_axis_set_min(ch->x_axis, 0);
    if (rk->def->max_total > 0)
        chart_axis_set_max(ch->x_axis, rk->def->max_total);
    memset(&opt, 0, sizeof opt);
    opt.x_scale = 1.6;
    opt.y_scale = height / 288.0;
    opt.object_position = LXW_OBJECT_MOVE_DONT_SIZE;
    opt.description = rk->def->label;
    eg_xlsx_check(x, worksheet_insert_chart_opt(sh->ws, at, at_col, ch, &opt),
                  "inserting the chart of %s", rk->def->code);
}

void eg_xlsx_write_rankings(eg_xctx *x)
{
    const eg_layouts *L = x->L;
    crit_cols cc = { .n = 0 };
    size_t n_cols, n_rows = 0;
    const char **names;
    char **owned;
    lxw_row_t *firsts = eg_xcalloc(L->n_rankings + 1, sizeof *firsts);
    eg_xsheet sh;
    lxw_row_t row = 1, chart_row = 1;
    lxw_col_t tc;

    for (size_t r = 0; r < L->n_rankings; r++)
        for (size_t c = 0; c < L->rankings[r].n_criteria; c++)
            if (crit_col(&cc, L->rankings[r].criteria[c]) == cc.n && cc.n < MAX_CRIT)
                cc.ind[cc.n++] = L->rankings[r].criteria[c];
    tc = (lxw_col_t)(4 + cc.n);
    n_cols = 4 + cc.n + 2;
    names = eg_xcalloc(n_cols, sizeof *names);
    owned = eg_xcalloc(cc.n + 1, sizeof *owned);
    names[0] = "Cấp";
    names[1] = "Hạng";
    names[2] = "Mã đơn vị";
    names[3] = "Tên đơn vị";
    for (size_t k = 0; k < cc.n; k++)
        names[4 + k] = owned[k] = crit_heading(&L->cat.items[cc.ind[k]]);
    names[4 + cc.n] = "Tổng điểm";
    names[5 + cc.n] = "Ghi chú";

    eg_xlsx_sheet_begin(x, &sh, SHEET, n_cols);
    eg_xlsx_header_row(x, &sh, 0, names, n_cols);
    for (size_t r = 0; r < L->n_rankings; r++)
        n_rows += x->res->rankings[r].n;
    for (size_t r = 0; r < L->n_rankings && sh.ws; r++) {
        const eg_ranking *rk = &x->res->rankings[r];

        firsts[r] = row;
        for (size_t i = 0; i < rk->n; i++, row++)
            put_entry(x, &sh, &cc, rk, i, row, (lxw_row_t)n_rows);
    }
    if (sh.ws) {
        eg_xlsx_check(x, worksheet_autofilter(sh.ws, 0, 0, row > 1 ? row - 1 : 0,
                                              (lxw_col_t)(n_cols - 1)),
                      "setting the autofilter of %s", SHEET);
        /* Per ranking: the highlight of low totals, and the chart, each
         * chart below the one before, beside the table. */
        for (size_t r = 0; r < L->n_rankings && !x->err; r++) {
            const eg_ranking *rk = &x->res->rankings[r];
            /* a bar a unit, and room for the title and the axis: under
             * 220 px LibreOffice showed one label of three units' */
            double height = fmax(220.0, 90.0 + 22.0 * (double)rk->n_ranked);
            char sqref[64];

            if (rk->n_ranked == 0)
                continue;
            eg_xlsx_range(sqref, sizeof sqref, tc, firsts[r] + 1u, firsts[r] + rk->n_ranked, 0);
            if (L->highlight_below > 0 && rk->def->max_total > 0 &&
                !(level_own(L, r) && highlight_level(x, sh.ws, rk, tc, row,
                                                     L->highlight_below * rk->def->max_total)))
                eg_xlsx_highlight_below(x, sh.ws, firsts[r], tc, sqref,
                                        L->highlight_below * rk->def->max_total);
            if (chart_row < firsts[r])
                chart_row = firsts[r];
            add_chart(x, &sh, rk, firsts[r], tc, chart_row, (lxw_col_t)(tc + 3), height);
            chart_row += (lxw_row_t)ceil(height / 20.0) + 2;
        }
    }
    eg_xlsx_sheet_finish(x, &sh, 1, 0, 45);
    for (size_t k = 0; k < cc.n; k++)
        free(owned[k]);
    free(owned);
    free(names);
    free(firsts);
}
