/*
 * rules.c - the rulebook of layouts/rules.csv, unit by unit.
 *
 * Rules run for the units of their levels that submitted anything: a unit
 * that sent nothing is named by W_NOT_SUBMITTED, once, not by every rule.
 * What a rule does with a missing figure is its `missing` strategy
 * (layout/rule.h).  With skip_any, a sum over a level or over a unit's
 * children is missing unless every unit summed reported the figure, since
 * a partial sum compared with a whole would be a false alarm.
 */
#include "normalize/figures.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/number.h"

/* What evaluating an operand found besides its value. */
typedef struct {
    size_t terms;            /* own values and sums met */
    size_t absent;           /* of them, with nothing reported */
    size_t partial;          /* sums with some units missing */
    int div_zero;
    const eg_value *where;   /* the first own value met: the diagnostic's place */
} eval_state;

typedef struct {
    const eg_layouts *L;
    const eg_dataset *ds;
    const eg_rule *rule;
    int u;                   /* the unit */
} eval_ctx;

/* The unit's name for the end of a rule's message, or "" when the
 * message names it already ({unit}). */
static const char *named_unit(const eg_rule *rule, const eg_unit *unit)
{
    return rule->message && strstr(rule->message, "{unit}") ? "" : unit->name;
}

static void sum_over(const eval_ctx *c, const eg_expr_node *n, double *out, eval_state *st)
{
    const eg_dataset *ds = c->ds;
    size_t members = 0, present = 0;
    double s = 0;

    for (size_t u = 0; u < ds->registry.n; u++) {
        const eg_unit *unit = &ds->registry.items[u];
        const eg_value *v;

        if (n->children ? unit->parent != c->u
                        : !(n->sum_levels & EG_LEVEL_BIT(unit->level)))
            continue;
        /* a unit whose level does not report the figure is not missing it */
        if (!(c->L->cat.items[n->indicator].levels & EG_LEVEL_BIT(unit->level)))
            continue;
        members++;
        v = eg_dataset_get(ds, (int)u, n->indicator);
        if (v) {
            present++;
            s += v->d;
        }
    }
    st->terms++;
    if (members && !present)
        st->absent++;
    else if (present < members)
        st->partial++;
    *out = s;
}

static double eval(const eval_ctx *c, int at, eval_state *st)
{
    const eg_expr_node *n = &c->rule->nodes[at];
    double a, b;

    switch (n->kind) {
    case EG_EX_NUMBER:
        return n->number;
    case EG_EX_VALUE: {
        const eg_value *v = eg_dataset_get(c->ds, c->u, n->indicator);

        st->terms++;
        if (!v) {
            st->absent++;
            return 0;
        }
        if (!st->where)
            st->where = v;
        return v->d;
    }
    case EG_EX_SUM:
        sum_over(c, n, &a, st);
        return a;
    default:
        break;
    }
    a = eval(c, n->a, st);
    b = eval(c, n->b, st);
    switch (n->kind) {
    case EG_EX_ADD: return a + b;
    case EG_EX_SUB: return a - b;
    case EG_EX_MUL: return a * b;
    default:
        if (b == 0) {
            st->div_zero = 1;
            return 0;
        }
        return a / b;
    }
}

/* Whether the strategy lets the comparison run with what was found. */
static int may_run(eg_missing m, const eval_state *st)
{
    if (st->div_zero)
        return 0;           /* a ratio of nothing cannot be recomputed */
    switch (m) {
    case EG_MISSING_SKIP_ANY: return !st->absent && !st->partial;
    case EG_MISSING_SKIP_ALL: return !st->terms || st->absent < st->terms;
    case EG_MISSING_NEVER: break;
    }
    return 1;
}

static int holds(eg_cmp cmp, double l, double r, double tol)
{
    /* decimal figures compare to a millionth of the larger side; whole
     * numbers (counts, amounts in đồng) exactly, however large: a
     * millionth of 2.000.000 documents let 2.000.001 pass as equal */
    double eps = l == floor(l) && r == floor(r) ? 0 : 1e-6 * fmax(1.0, fmax(fabs(l), fabs(r)));

    switch (cmp) {
    case EG_CMP_LE: return l <= r + tol + eps;
    case EG_CMP_GE: return l + tol + eps >= r;
    case EG_CMP_EQ: return fabs(l - r) <= tol + eps;
    case EG_CMP_LT: return l + eps < r + tol;
    case EG_CMP_GT: return l + tol > r + eps;
    }
    return 1;
}

/* ---- messages ------------------------------------------------------------ */

/* v to at most `decimals` decimals, without trailing zeros. */
static void fmt_decimals(char *tmp, size_t cap, double v, int decimals)
{
    size_t n;

    /* 10,004 to two decimals is 10,00: written 10, not 10,0 */
    eg_fmt_dec(tmp, cap, v, decimals);
    n = strlen(tmp);
    while (n && tmp[n - 1] == '0')
        tmp[--n] = '\0';
    if (n && tmp[n - 1] == ',')
        tmp[--n] = '\0';
}

/* A figure as a clerk writes it: 1.234 for a whole number, else two
 * decimals at most (12,5 and 12,35), never a trailing zero; a figure
 * that two decimals would show as 0 (a side of -0,003, which broke a
 * rule) with as many as its first digit needs, up to six, so that no
 * message says a rule was broken by "-0" or by "0". */
static void fmt_number(char *buf, size_t cap, double v)
{
    char tmp[48];

    if (fabs(v - round(v)) < 5e-7 && fabs(v) < 9e15) {
        eg_fmt_int(tmp, sizeof tmp, (int64_t)llround(fabs(v)));
    } else {
        fmt_decimals(tmp, sizeof tmp, fabs(v), 2);
        for (int d = 3; d <= 6 && strcmp(tmp, "0") == 0; d++)
            fmt_decimals(tmp, sizeof tmp, fabs(v), d);
    }
    snprintf(buf, cap, "%s%s", v < 0 && strcmp(tmp, "0") != 0 ? "-" : "", tmp);
}

typedef struct {
    const char *name;
    const char *text;
} subst;

/* The template with each {name} of subs replaced (unknown ones were
 * refused when the rules were loaded, and are kept as written). */
static char *expand(const char *tmpl, const subst *subs, size_t n_subs)
{
    size_t cap = strlen(tmpl) + 256, n = 0;
    char *out = eg_xmalloc(cap);

    for (const char *p = tmpl; *p;) {
        const char *sub = NULL;
        size_t skip = 0;

        if (*p == '{') {
            for (size_t i = 0; i < n_subs; i++) {
                size_t k = strlen(subs[i].name);

                if (strncmp(p + 1, subs[i].name, k) == 0 && p[1 + k] == '}') {
                    sub = subs[i].text;
                    skip = k + 2;
                    break;
                }
            }
        }
        if (!sub) {
            sub = p;
            skip = 1;
        }
        {
            size_t k = sub == p ? 1 : strlen(sub);

            if (n + k + 1 > cap)
                out = eg_xrealloc(out, cap = (n + k + 1) * 2);
            memcpy(out + n, sub, k);
            n += k;
        }
        p += skip;
    }
    out[n] = '\0';
    return out;
}

/* ---- the (unit, indicator) pairs whose value was refused --------------- */

/* A value that was given but refused is already reported where it was
 * written: `required` does not report it again as left out. */
static void refused_pairs(const eg_diag_list *dl, eg_strmap *out)
{
    for (size_t i = 0; i < dl->n; i++) {
        const eg_diag *d = &dl->items[i];

        if (d->severity == EG_ERROR && d->unit && d->indicator) {
            char *key = eg_xasprintf("%s\t%s", d->unit, d->indicator);

            eg_strmap_put(out, key, 1);
            free(key);
        }
    }
}

static int was_refused(const eg_strmap *refused, const char *unit, const char *ind)
{
    char *key = eg_xasprintf("%s\t%s", unit, ind);
    int r = eg_strmap_get(refused, key) >= 0;

    free(key);
    return r;
}

/* ---- the kinds ------------------------------------------------------------ */

/* The indicator a compare diagnostic is filed under: the place's value's,
 * else the first one the failing pair's left side names. */
static int pair_indicator(const eg_rule *rule, int root)
{
    for (int at = root; at >= 0;) {
        const eg_expr_node *n = &rule->nodes[at];

        if (n->kind == EG_EX_VALUE || n->kind == EG_EX_SUM)
            return n->indicator;
        if (n->kind == EG_EX_NUMBER)
            break;
        at = n->a;
    }
    for (size_t i = 0; i < rule->n_nodes; i++)
        if (rule->nodes[i].kind == EG_EX_VALUE || rule->nodes[i].kind == EG_EX_SUM)
            return rule->nodes[i].indicator;
    return -1;
}

static void check_compare(const eg_layouts *L, const eg_dataset *ds, const eg_rule *rule, int u,
                          const eg_value *first, eg_diag_list *dl)
{
    const eg_unit *unit = &ds->registry.items[u];
    const char *name = named_unit(rule, unit);
    eval_ctx c = { L, ds, rule, u };
    double val[9];
    eval_state st[9];
    char txt[9][64], diff[64], tol[64];
    subst subs[16];
    size_t ns = 0;

    memset(st, 0, sizeof st);
    for (size_t i = 0; i < rule->n_operands; i++) {
        val[i] = eval(&c, rule->operands[i].root, &st[i]);
        fmt_number(txt[i], sizeof txt[i], val[i]);
    }
    for (size_t i = 0; i + 1 < rule->n_operands; i++) {
        eval_state both = st[i];
        double l = val[i], r = val[i + 1];
        double t = rule->tolerance_relative ? rule->tolerance * fmax(fabs(l), fabs(r))
                                            : rule->tolerance;
        const eg_value *where;
        int ind;
        char *msg;
        static const char *const names[9] = { "1", "2", "3", "4", "5", "6", "7", "8", "9" };

        both.terms += st[i + 1].terms;
        both.absent += st[i + 1].absent;
        both.partial += st[i + 1].partial;
        both.div_zero |= st[i + 1].div_zero;
        if (!may_run(rule->missing, &both) || holds(rule->cmps[i], l, r, t))
            continue;

        /* The first pair that fails is the one reported. */
        fmt_number(diff, sizeof diff, fabs(l - r));
        fmt_number(tol, sizeof tol, rule->tolerance * (rule->tolerance_relative ? 100 : 1));
        if (rule->tolerance_relative)
            strcat(tol, "%");
        subs[ns++] = (subst){ "left", txt[i] };
        subs[ns++] = (subst){ "right", txt[i + 1] };
        subs[ns++] = (subst){ "diff", diff };
        subs[ns++] = (subst){ "tolerance", tol };
        subs[ns++] = (subst){ "unit", unit->name };
        for (size_t k = 0; k < rule->n_operands; k++)
            subs[ns++] = (subst){ names[k], txt[k] };
        msg = expand(rule->message, subs, ns);
        where = st[i].where ? st[i].where : st[i + 1].where;
        for (size_t k = 0; !where && k < rule->n_operands; k++)
            where = st[k].where;
        ind = where ? where->indicator : pair_indicator(rule, rule->operands[i].root);
        /* with no value of its own in the rule (all missing, counted as 0),
         * the unit's file is named, without a row */
        eg_diag_add(dl, rule->severity, rule->code,
                    where ? ds->files[where->file].path : first ? ds->files[first->file].path : NULL,
                    where ? where->row : 0, where ? where->col : 0, unit->code,
                    ind >= 0 ? L->cat.items[ind].code : NULL, "%s (%s%s%s %s %s%s%s)", msg,
                    name, *name ? ": " : "", rule->operands[i].text, eg_cmp_symbol(rule->cmps[i]),
                    rule->operands[i + 1].text, rule->tolerance > 0 ? ", sai số cho phép " : "",
                    rule->tolerance > 0 ? tol : "");
        free(msg);
        return;
    }
}

/* 1 when the condition holds for unit u, 0 when not, -1 when its figure
 * is missing.  Of alternatives (a or b): 1 when one holds, else -1 when
 * the figure of one is missing (it might hold), else 0. */
static int condition(const eg_dataset *ds, const eg_condition *cond, int u)
{
    int missing = 0;

    if (cond->indicator < 0)
        return 1;
    for (const eg_condition *c = cond; c; c = c->or) {
        const eg_value *v = eg_dataset_get(ds, u, c->indicator);
        int yes;

        if (!v) {
            missing = 1;
            continue;
        }
        yes = c->options ? eg_option_in(c->options, v->i) : v->d != 0;
        if (c->negate ? !yes : yes)
            return 1;
    }
    return missing ? -1 : 0;
}

/* 1 when a figure of the condition was sent by unit and refused. */
static int condition_refused(const eg_layouts *L, const eg_strmap *refused,
                             const eg_unit *unit, const eg_condition *cond)
{
    for (const eg_condition *c = cond; c && c->indicator >= 0; c = c->or)
        if (was_refused(refused, unit->code, L->cat.items[c->indicator].code))
            return 1;
    return 0;
}

static void check_list(const eg_layouts *L, const eg_dataset *ds, const eg_rule *rule, int u,
                       const eg_value *first, const eg_strmap *refused, eg_diag_list *dl)
{
    const eg_unit *unit = &ds->registry.items[u];
    const char *name = named_unit(rule, unit);
    int cond = condition(ds, &rule->cond, u);

    if (cond < 0) {
        /* without the condition's figure: skipped, or taken as not holding;
         * one sent and refused (unreadable, in conflict) is not missing,
         * and its error says so: "it did not report nl.thcs, fill it in"
         * would send the clerk to a figure that is there */
        if (rule->missing != EG_MISSING_NEVER || condition_refused(L, refused, unit, &rule->cond))
            return;
        cond = 0;
    }
    for (size_t i = 0; i < rule->n_indicators; i++) {
        const eg_indicator *ind = &L->cat.items[rule->indicators[i]];
        const eg_value *v = eg_dataset_get(ds, u, rule->indicators[i]);
        const eg_place *blank;
        subst subs[4] = { { "indicator", ind->code }, { "label", ind->label },
                          { "unit", unit->name },
                          { "condition", rule->cond.text ? rule->cond.text : "" } };
        char *msg;

        if (rule->kind == EG_RULE_REQUIRED) {
            if (v || !cond || was_refused(refused, unit->code, ind->code))
                continue;
            /* at the form's row left empty; else filed at the unit's file */
            blank = eg_dataset_blank(ds, u, rule->indicators[i]);
            msg = expand(rule->message, subs, 4);
            eg_diag_add(dl, rule->severity, rule->code,
                        blank ? ds->files[blank->file].path
                              : first ? ds->files[first->file].path : NULL,
                        blank ? blank->row : 0, blank ? blank->col : 0, unit->code, ind->code,
                        "%s%s%s%s", msg, *name ? " (" : "", name, *name ? ")" : "");
        } else {
            if (!v || cond)
                continue;
            msg = expand(rule->message, subs, 4);
            eg_diag_add(dl, rule->severity, rule->code, ds->files[v->file].path, v->row, v->col,
                        unit->code, ind->code, "%s (%s%s%s chỉ được báo cáo khi %s)", msg,
                        name, *name ? ": " : "", ind->code, rule->cond.text);
        }
        free(msg);
    }
}

void eg_rules_expected(const eg_layouts *L, const eg_dataset *ds, int u, unsigned char *expect)
{
    const eg_unit *unit = &ds->registry.items[u];

    memset(expect, 0, L->cat.n);
    if (!unit->submitted)
        return;
    for (size_t i = 0; i < L->n_rules; i++) {
        const eg_rule *rule = &L->rules[i];

        /* as check_list asks: a condition without its figure holds not */
        if (rule->kind != EG_RULE_REQUIRED || !(rule->levels & EG_LEVEL_BIT(unit->level)) ||
            condition(ds, &rule->cond, u) != 1)
            continue;
        for (size_t k = 0; k < rule->n_indicators; k++)
            expect[rule->indicators[k]] = 1;
    }
}

void eg_rules_check(const eg_layouts *L, const eg_dataset *ds, eg_diag_list *dl)
{
    const eg_value **first = eg_xcalloc(ds->registry.n ? ds->registry.n : 1, sizeof *first);
    eg_strmap refused = { 0 };

    /* each unit's first accepted value: where a value it left out is filed */
    for (size_t i = ds->n_values; i-- > 0;)
        first[ds->values[i].unit] = &ds->values[i];
    refused_pairs(dl, &refused);
    for (size_t i = 0; i < L->n_rules; i++) {
        const eg_rule *rule = &L->rules[i];

        for (size_t u = 0; u < ds->registry.n; u++) {
            const eg_unit *unit = &ds->registry.items[u];

            if (!(rule->levels & EG_LEVEL_BIT(unit->level)) || !unit->submitted)
                continue;
            if (rule->kind == EG_RULE_COMPARE)
                check_compare(L, ds, rule, (int)u, first[u], dl);
            else
                check_list(L, ds, rule, (int)u, first[u], &refused, dl);
        }
    }
    eg_strmap_free(&refused);
    free(first);
}
