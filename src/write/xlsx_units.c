/*
 * xlsx_units.c - the sheets Sở ban ngành, Huyện and Xã: one row per unit
 * of the level, one column per indicator the level reports, then one
 * column per ratio figure of figures.csv the level's own values make (the
 * unit's rate, as a formula over its own cells).
 *
 * Missing values are blank cells with a fill; units that sent nothing are
 * marked "chưa nộp".  Rates carry a data bar, and those under the layouts'
 * highlight_below threshold are highlighted.
 */
#include "write/xlsx_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

/* A rate column: indicator a over indicator b, named after a figure. */
typedef struct {
    const eg_figure_def *def;
    size_t col_a, col_b;      /* the sheet's columns of a and b */
} rate_col;

/* The ratio figures a unit of `level` can be measured by: both parts are
 * among the sheet's indicator columns; one column per pair of parts. */
static size_t find_rates(const eg_xctx *x, eg_level level, const int *cols, size_t n_ind,
                         rate_col *out)
{
    size_t n = 0;

    for (size_t i = 0; i < x->L->n_figures; i++) {
        const eg_figure_def *def = &x->L->figures[i];
        size_t ja = n_ind, jb = n_ind, k;

        if (def->kind != EG_FIG_RATIO || !(def->levels & EG_LEVEL_BIT(level)))
            continue;
        for (size_t j = 0; j < n_ind; j++) {
            if (cols[j] == def->a)
                ja = j;
            if (cols[j] == def->b)
                jb = j;
        }
        if (ja == n_ind || jb == n_ind)
            continue;
        for (k = 0; k < n; k++)
            if (out[k].col_a == 4 + ja && out[k].col_b == 4 + jb)
                break;
        if (k < n)
            continue;
        out[n].def = def;
        out[n].col_a = 4 + ja;
        out[n].col_b = 4 + jb;
        n++;
    }
    return n;
}

/* The number a unit's cell holds for indicator k, when it holds one. */
static int cell_number(const eg_xctx *x, size_t u, int k, double *out)
{
    const eg_value *v = eg_dataset_get(x->ds, (int)u, k);

    return v && eg_xlsx_data_number(&x->L->cat.items[k], v, out);
}

/* The value of one indicator in a unit's row; expected: the rulebook
 * asks it of the unit, whose blank is then marked missing. */
static void put_indicator(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, lxw_col_t c,
                          const eg_indicator *ind, const eg_value *v, int expected)
{
    double d;

    if (!v) {
        if (expected)
            eg_xlsx_put_blank(x, sh, row, c, x->missing);
        return;
    }
    switch (ind->type) {
    case EG_TYPE_ENUM:
        /* the option's label, as the report says it ("một cửa điện tử
         * liên thông"); Dữ liệu keeps its code, which formulas count */
        if (v->i >= 0 && (size_t)v->i < ind->n_options)
            eg_xlsx_put_text(x, sh, row, c,
                             ind->options[v->i].label && *ind->options[v->i].label
                                 ? ind->options[v->i].label : ind->options[v->i].code, NULL);
        else
            eg_xlsx_put_text(x, sh, row, c, v->text, NULL);
        break;
    case EG_TYPE_TEXT:
        eg_xlsx_put_text(x, sh, row, c, v->text, NULL);
        break;
    default:
        eg_xlsx_data_number(ind, v, &d);
        eg_xlsx_put_number(x, sh, row, c, d,
                           ind->type == EG_TYPE_BOOL ? x->yesno
                           : ind->type == EG_TYPE_PERCENT ? x->pct
                           : ind->type == EG_TYPE_SCORE ? x->dec2
                           : ind->type == EG_TYPE_NUMBER ? NULL : x->count);
        break;
    }
}

void eg_xlsx_write_units(eg_xctx *x, const char *sheet, eg_level level)
{
    static const char *const fixed[] = { "Mã đơn vị", "Tên đơn vị", "Đơn vị cấp trên", "Đã nộp" };
    const eg_dataset *ds = x->ds;
    const eg_catalogue *cat = &x->L->cat;
    int *cols = eg_xcalloc(cat->n + 1, sizeof *cols);
    rate_col *rates = eg_xcalloc(x->L->n_figures + 1, sizeof *rates);
    unsigned char *expect = eg_xmalloc(cat->n + 1);
    size_t n_ind = 0, n_rates;
    eg_xsheet sh;
    lxw_row_t row = 2;

    for (size_t k = 0; k < cat->n; k++)
        if (cat->items[k].levels & EG_LEVEL_BIT(level))
            cols[n_ind++] = (int)k;
    n_rates = find_rates(x, level, cols, n_ind, rates);
    eg_xlsx_sheet_begin(x, &sh, sheet, 4 + n_ind + n_rates);

    /* Row 1: the indicator and figure codes (to look up and match); row
     * 2: their labels.  Row by row, for constant-memory mode. */
    for (lxw_col_t c = 0; c < 4; c++)
        eg_xlsx_put_blank(x, &sh, 0, c, x->header);
    for (size_t j = 0; j < n_ind; j++)
        eg_xlsx_put_text(x, &sh, 0, (lxw_col_t)(4 + j), cat->items[cols[j]].code, x->header);
    for (size_t r = 0; r < n_rates; r++)
        eg_xlsx_put_text(x, &sh, 0, (lxw_col_t)(4 + n_ind + r), rates[r].def->code, x->header);
    eg_xlsx_header_row(x, &sh, 1, fixed, 4);
    for (size_t j = 0; j < n_ind; j++) {
        const eg_indicator *ind = &cat->items[cols[j]];

        eg_xlsx_put_text(x, &sh, 1, (lxw_col_t)(4 + j),
                         ind->label && *ind->label ? ind->label : ind->code, x->header);
    }
    for (size_t r = 0; r < n_rates; r++)
        eg_xlsx_put_text(x, &sh, 1, (lxw_col_t)(4 + n_ind + r), rates[r].def->label, x->header);
    /* The units' rows: planned cells, made into XML by the rows' threads
     * while libxlsxwriter writes the rest (xlsx_rows.c). */
    sh.cells = eg_xlsx_cells_sheet(x, &sh, 2);
    /* The labels wrap: the codes set the widths. */
    for (size_t c = 4; c < sh.n_cols; c++) {
        const char *code = c < 4 + n_ind ? cat->items[cols[c - 4]].code
                                         : rates[c - 4 - n_ind].def->code;

        sh.width[c] = (double)strlen(code);
        if (sh.width[c] < 12)
            sh.width[c] = 12;
    }

    for (size_t u = 0; u < ds->registry.n && sh.ws; u++) {
        const eg_unit *unit = &ds->registry.items[u];

        if (unit->level != level)
            continue;
        eg_xlsx_put_text(x, &sh, row, 0, unit->code, NULL);
        eg_xlsx_put_text(x, &sh, row, 1, unit->name, NULL);
        if (unit->parent >= 0 && (size_t)unit->parent < ds->registry.n)
            eg_xlsx_put_text(x, &sh, row, 2, ds->registry.items[unit->parent].name, NULL);
        eg_xlsx_put_text(x, &sh, row, 3, unit->submitted ? "có" : "chưa nộp", NULL);
        eg_rules_expected(x->L, ds, (int)u, expect);
        for (size_t j = 0; j < n_ind; j++)
            put_indicator(x, &sh, row, (lxw_col_t)(4 + j), &cat->items[cols[j]],
                          eg_dataset_get(ds, (int)u, cols[j]), expect[cols[j]]);
        /* A rate's formula in every row: the quotient of the unit's two
         * cells, as a spreadsheet divides, where it gave both parts and
         * the whole is above 0; "" where not, until a part is typed in. */
        for (size_t r = 0; r < n_rates; r++) {
            double a, b, rate = NAN;

            if (cell_number(x, u, rates[r].def->a, &a) && cell_number(x, u, rates[r].def->b, &b) &&
                b > 0)
                rate = a / b;
            eg_xlsx_put_ratio(x, &sh, row, (lxw_col_t)(4 + n_ind + r), (lxw_col_t)rates[r].col_a,
                              (lxw_col_t)rates[r].col_b, rate, x->pct);
        }
        row++;
    }
    if (sh.ws) {
        eg_xlsx_check(x, worksheet_autofilter(sh.ws, 1, 0, row - 1, (lxw_col_t)(sh.n_cols - 1)),
                      "setting the autofilter of %s", sheet);
        for (size_t r = 0; r < n_rates && row > 2; r++) {
            lxw_col_t c = (lxw_col_t)(4 + n_ind + r);
            char sqref[64];

            if (rates[r].def->lower_better)
                continue;

            eg_xlsx_range(sqref, sizeof sqref, c, 3, row, 0);
            eg_xlsx_data_bar(x, sh.ws, 2, c, sqref, 1);
            eg_xlsx_highlight_below(x, sh.ws, 2, c, sqref, x->L->highlight_below);
        }
    }
    eg_xlsx_sheet_finish(x, &sh, 2, 2, 40);
    free(rates);
    free(cols);
    free(expect);
}
