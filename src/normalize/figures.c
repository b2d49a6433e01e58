#include "normalize/figures.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "extract/registry.h"

/* Σ over the units of the figure's levels; ratios only over units that
 * reported both parts, so that a unit missing one does not skew them.
 * expect: per unit, the indicators the rules require of it
 * (eg_rules_expected, ds->n_indicators a unit), or NULL. */
static void over_units(eg_figure *f, const eg_figure_def *def, const eg_dataset *ds,
                       const unsigned char *expect)
{
    /* 128 bits: values below 10^15 (core/number.h) never overflow them,
     * whatever the number of units, and the sum stays exact to the end
     * (a sum past 2^53 is too_large to print, but the workbook's formula
     * still adds it up, as a double: the same total as this one's) */
    __int128 inum = 0, iden = 0;
    double dnum = 0, dden = 0;
    int exact = 1, lacking = 0;

    for (size_t u = 0; u < ds->registry.n; u++) {
        const eg_unit *unit = &ds->registry.items[u];
        const eg_value *a, *b = NULL;

        if (!(def->levels & EG_LEVEL_BIT(unit->level)))
            continue;
        f->n_expected++;
        /* a unit that has sent nothing yet, a value of it refused
         * (unreadable, in conflict), one the rules require of it left out
         * (R_THIEU_CHI_TIEU: a district's dossiers left blank), one part
         * of a ratio only: the figure is short of the province's; a unit
         * that sent its report without an optional indicator has none to
         * give (the upper secondary schools of a department other than
         * education's) */
        const unsigned char *wants = expect ? expect + u * ds->n_indicators : NULL;

        lacking += !unit->submitted || eg_dataset_refused(ds, (int)u, def->a);
        a = eg_dataset_get(ds, (int)u, def->a);
        lacking += !a && wants && wants[def->a];
        if (def->kind == EG_FIG_RATIO) {
            b = eg_dataset_get(ds, (int)u, def->b);
            lacking += !a != !b || eg_dataset_refused(ds, (int)u, def->b) ||
                       (!b && wants && wants[def->b]);
            if (!b)
                continue;
        }
        if (!a)
            continue;
        f->n_units++;
        switch (def->kind) {
        case EG_FIG_COUNT: {
            int yes = def->cond_yes        ? a->i != 0
                      : def->cond_positive ? a->d > 0
                                           : eg_option_in(def->cond_options, a->i);

            inum += yes;
            iden += 1;
            break;
        }
        default:
            if (a->d != (double)a->i)
                exact = 0;
            inum += a->i;
            dnum += a->d;
            if (b) {
                if (b->d != (double)b->i)
                    exact = 0;
                iden += b->i;
                dden += b->d;
            }
            break;
        }
    }
    f->too_large = inum > EG_FIGURE_EXACT_MAX || iden > EG_FIGURE_EXACT_MAX ||
                   fabs(dnum) > (double)EG_FIGURE_EXACT_MAX ||
                   fabs(dden) > (double)EG_FIGURE_EXACT_MAX;
    if (def->kind == EG_FIG_COUNT || exact) {
        dnum = (double)inum;
        dden = (double)iden;
    }
    f->whole = !lacking;
    if (!f->n_units)
        return;
    switch (def->kind) {
    case EG_FIG_SUM:
        f->has_value = 1;
        f->value = dnum;
        break;
    case EG_FIG_RATIO:
    case EG_FIG_COUNT:
        f->has_pair = 1;
        f->num = dnum;
        f->den = dden;
        if (dden > 0) {
            f->has_value = 1;
            f->value = dnum / dden;
        }
        break;
    default:
        break;
    }
}

/* Sets f's made_too_large and impossible from its own value and from the
 * figures it is made from (def->a, and def->b of a quotient), whose flags
 * are set already: a figure refers only to figures above it. */
static void flag_unprintable(eg_results *r, const eg_figure_def *def, eg_figure *f)
{
    const eg_figure *a = def->kind > EG_FIG_COUNT ? &r->figures[def->a] : NULL;
    const eg_figure *b = def->kind == EG_FIG_QUOTIENT ? &r->figures[def->b] : NULL;

    f->made_too_large = f->too_large || (a && a->made_too_large) || (b && b->made_too_large);
    f->impossible = f->made_too_large || (a && a->impossible) || (b && b->impossible) ||
                    (f->has_value && def->format == EG_FMT_PERCENT &&
                     (f->value < -1e-12 || f->value > 1 + 1e-12));
}

int eg_figure_impossible(const eg_results *r, size_t i)
{
    return r->figures[i].impossible;
}

int eg_figure_too_large(const eg_results *r, size_t i)
{
    return r->figures[i].made_too_large;
}

int eg_figure_pair_printable(const eg_results *r, size_t i)
{
    const eg_figure *f = &r->figures[i];

    return f->has_pair && !f->made_too_large && f->num >= 0 && f->den >= 0;
}

const char *eg_rank_entry_note(const eg_ranking *rk, const eg_rank_entry *e)
{
    size_t given = 0;

    if (e->complete)
        return NULL;
    for (size_t k = 0; k < rk->def->n_criteria; k++)
        given += e->present[k] != 0;
    return given ? "thiếu điểm" : "chưa có điểm";
}

void eg_results_compute(eg_results *r, const eg_layouts *L, const eg_dataset *ds)
{
    unsigned char *expect = NULL;

    memset(r, 0, sizeof *r);
    r->L = L;
    r->figures = eg_xcalloc(L->n_figures ? L->n_figures : 1, sizeof *r->figures);
    if (ds->n_indicators == L->cat.n && ds->registry.n && L->cat.n) {
        expect = eg_xmalloc(ds->registry.n * L->cat.n);
        for (size_t u = 0; u < ds->registry.n; u++)
            eg_rules_expected(L, ds, (int)u, expect + u * L->cat.n);
    }
    /* In file order: a figure only refers to figures declared above it. */
    for (size_t i = 0; i < L->n_figures; i++) {
        const eg_figure_def *def = &L->figures[i];
        eg_figure *f = &r->figures[i];
        const eg_figure *a = def->kind > EG_FIG_COUNT ? &r->figures[def->a] : NULL;
        const eg_figure *b = def->kind == EG_FIG_QUOTIENT ? &r->figures[def->b] : NULL;
        double base, now;
        int share;

        switch (def->kind) {
        case EG_FIG_SUM:
        case EG_FIG_RATIO:
        case EG_FIG_COUNT:
            over_units(f, def, ds, expect);
            break;
        case EG_FIG_DIFF_BASELINE:
            /* last year's figure covered the whole province: this
             * year's is set against it only when it does too (a monthly
             * build with 1 district of 17 in is no change on the year) */
            f->whole = a->whole;
            if (a->whole && eg_figure_baseline_side(&L->figures[def->a], a, &now, &share) == 0 &&
                eg_baseline_get(ds, L->figures[def->a].code, &base) == 0) {
                f->has_value = 1;
                f->value = now - base;
            }
            break;
        case EG_FIG_COMPLEMENT:
            f->whole = a->whole;
            if (a->has_value) {
                f->has_value = 1;
                f->value = 1.0 - a->value;
            }
            /* the rest of a pair's whole: 398.959/403.086 of 4.127/403.086 */
            if (a->has_value && a->has_pair) {
                f->has_pair = 1;
                f->num = a->den - a->num;
                f->den = a->den;
            }
            break;
        case EG_FIG_QUOTIENT:
            f->whole = a->whole && b->whole;
            if (a->has_value && b->has_value && b->value > 0) {
                f->has_value = f->has_pair = 1;
                f->num = a->value;
                f->den = b->value;
                f->value = a->value / b->value;
            }
            break;
        }
        flag_unprintable(r, def, f);
    }
    free(expect);

    r->rankings = eg_xcalloc(L->n_rankings ? L->n_rankings : 1, sizeof *r->rankings);
    for (size_t i = 0; i < L->n_rankings; i++) {
        const eg_ranking_def *def = &L->rankings[i];
        eg_ranking *rk = &r->rankings[i];

        rk->def = def;
        rk->rows = eg_xcalloc(ds->registry.count[def->level] + 1, sizeof *rk->rows);
        for (size_t u = 0; u < ds->registry.n; u++) {
            eg_rank_entry *e;
            double sum = 0;

            if (ds->registry.items[u].level != def->level)
                continue;
            e = &rk->rows[rk->n++];
            e->unit = (int)u;
            e->complete = 1;
            for (size_t c = 0; c < def->n_criteria; c++) {
                const eg_value *v = eg_dataset_get(ds, (int)u, def->criteria[c]);

                e->present[c] = v != NULL;
                e->criteria[c] = v ? v->d : 0;
                if (!v)
                    e->complete = 0;
                sum += e->criteria[c];
            }
            /* Totals agree to 0.01: compare and print them in hundredths. */
            e->total = (double)llround(sum * 100.0) / 100.0;
        }
    }
    for (size_t i = 0; i < L->n_rankings; i++) {
        eg_ranking *rk = &r->rankings[i];

        /* Selection of order: ranked by total descending, then code. */
        for (size_t a = 1; a < rk->n; a++) {
            eg_rank_entry e = rk->rows[a];
            size_t b = a;
            const char *code = ds->registry.items[e.unit].code;

            while (b > 0) {
                const eg_rank_entry *p = &rk->rows[b - 1];
                long long ke = llround(e.total * 100), kp = llround(p->total * 100);
                int before;

                if (e.complete != p->complete)
                    before = e.complete;
                else if (e.complete && ke != kp)
                    before = ke > kp;
                else
                    before = strcmp(code, ds->registry.items[p->unit].code) < 0;
                if (!before)
                    break;
                rk->rows[b] = rk->rows[b - 1];
                b--;
            }
            rk->rows[b] = e;
        }
        for (size_t a = 0; a < rk->n && rk->rows[a].complete; a++) {
            eg_rank_entry *e = &rk->rows[a];

            if (a > 0 && llround(rk->rows[a - 1].total * 100) == llround(e->total * 100))
                e->rank = rk->rows[a - 1].rank;
            else
                e->rank = (int)a + 1;
            rk->n_ranked++;
        }
    }
}

int eg_figure_baseline_side(const eg_figure_def *def, const eg_figure *f, double *now,
                            int *share)
{
    *share = strncmp(def->code, "tl.", 3) == 0;
    if (!f->has_value)
        return -1;
    if (*share) {
        *now = f->value;
        return 0;
    }
    if (eg_figure_baseline_counts_units(def) && f->has_pair) {
        *now = f->num;
        return 0;
    }
    if (def->format == EG_FMT_PERCENT || def->format == EG_FMT_POINTS)
        return -1;
    *now = f->value;
    return 0;
}

const eg_figure *eg_results_figure(const eg_results *r, const char *code)
{
    int i = eg_strmap_get(&r->L->figure_index, code);

    return i >= 0 ? &r->figures[i] : NULL;
}

const eg_ranking *eg_results_ranking(const eg_results *r, const char *code)
{
    for (size_t i = 0; i < r->L->n_rankings; i++)
        if (strcmp(r->L->rankings[i].code, code) == 0)
            return &r->rankings[i];
    return NULL;
}

void eg_results_free(eg_results *r)
{
    if (r->L)
        for (size_t i = 0; i < r->L->n_rankings; i++)
            free(r->rankings[i].rows);
    free(r->rankings);
    free(r->figures);
    memset(r, 0, sizeof *r);
}

static int whole_format(eg_fig_format f)
{
    return f == EG_FMT_COUNT || f == EG_FMT_MONEY;
}

int eg_figure_pair_whole(const eg_layouts *L, size_t i)
{
    const eg_figure_def *def = &L->figures[i];

    if (def->kind == EG_FIG_QUOTIENT)
        return whole_format(L->figures[def->a].format) && whole_format(L->figures[def->b].format);
    if (def->kind == EG_FIG_COMPLEMENT)
        return (size_t)def->a < i && eg_figure_pair_whole(L, (size_t)def->a);
    return 1;
}
