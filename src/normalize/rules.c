/*
 * rules.c - the comparisons of rules.csv, unit by unit.
 *
 * A rule is skipped for a unit when any operand is missing: a missing
 * value is reported by completeness, not as a broken rule.  A sum over a
 * level is missing unless every unit of that level reported the figure,
 * since a partial sum compared with a whole would be a false alarm.
 */
#include "normalize/figures.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/number.h"

/* The sum over the units of some levels, or -1 when one of them lacks it. */
static int level_sum(const eg_dataset *ds, int k, unsigned levels, double *out)
{
    double s = 0;

    for (size_t u = 0; u < ds->registry.n; u++) {
        const eg_value *v;

        if (!(levels & EG_LEVEL_BIT(ds->registry.items[u].level)))
            continue;
        v = eg_dataset_get(ds, (int)u, k);
        if (!v)
            return -1;
        s += v->d;
    }
    *out = s;
    return 0;
}

/* Evaluates terms for unit u; -1 when an operand is missing.  *where is
 * the first own value met, for the diagnostic's position. */
static int eval(const eg_dataset *ds, int u, const eg_term *t, size_t n, double *out,
                const eg_value **where)
{
    double s = 0;

    for (size_t i = 0; i < n; i++) {
        double part;

        if (t[i].sum_levels) {
            if (level_sum(ds, t[i].indicator, t[i].sum_levels, &part))
                return -1;
        } else {
            const eg_value *v = eg_dataset_get(ds, u, t[i].indicator);

            if (!v)
                return -1;
            if (!*where)
                *where = v;
            part = v->d;
        }
        s += part;
    }
    *out = s;
    return 0;
}

static void fmt_number(char *buf, size_t cap, double v)
{
    if (v == floor(v) && fabs(v) < 9e15)
        eg_fmt_int(buf, cap, (int64_t)v);
    else
        eg_fmt_dec(buf, cap, v, 2);
}

/* The message with {left} and {right} replaced by the figures. */
static char *expand(const char *tmpl, double left, double right)
{
    char l[64], r[64];
    size_t cap = strlen(tmpl) + 128, n = 0;
    char *out = eg_xmalloc(cap);

    fmt_number(l, sizeof l, left);
    fmt_number(r, sizeof r, right);
    for (const char *p = tmpl; *p;) {
        const char *sub = NULL;

        if (strncmp(p, "{left}", 6) == 0) {
            sub = l;
            p += 6;
        } else if (strncmp(p, "{right}", 7) == 0) {
            sub = r;
            p += 7;
        }
        if (sub) {
            size_t k = strlen(sub);

            if (n + k + 1 > cap)
                out = eg_xrealloc(out, cap = (n + k + 1) * 2);
            memcpy(out + n, sub, k);
            n += k;
        } else {
            if (n + 2 > cap)
                out = eg_xrealloc(out, cap *= 2);
            out[n++] = *p++;
        }
    }
    out[n] = '\0';
    return out;
}

void eg_rules_check(const eg_layouts *L, const eg_dataset *ds, eg_diag_list *dl)
{
    for (size_t i = 0; i < L->n_rules; i++) {
        const eg_rule *rule = &L->rules[i];

        for (size_t u = 0; u < ds->registry.n; u++) {
            const eg_unit *unit = &ds->registry.items[u];
            const eg_value *where = NULL;
            double left, right, tol;
            int ok;
            char *msg;

            if (!(rule->levels & EG_LEVEL_BIT(unit->level)))
                continue;
            if (eval(ds, (int)u, rule->left, rule->n_left, &left, &where) ||
                eval(ds, (int)u, rule->right, rule->n_right, &right, &where))
                continue;
            /* Decimal figures compare to a millionth; counts exactly. */
            tol = 1e-6 * fmax(1.0, fmax(fabs(left), fabs(right)));
            switch (rule->op) {
            case '<': ok = left <= right + tol; break;
            case '>': ok = left + tol >= right; break;
            default: ok = fabs(left - right) <= tol; break;
            }
            if (ok)
                continue;
            msg = expand(rule->message, left, right);
            eg_diag_add(dl, rule->severity, rule->code,
                        where ? ds->files[where->file].path : NULL,
                        where ? where->row : 0, where ? where->col : 0, unit->code,
                        L->cat.items[rule->left[0].indicator].code, "%s (%s: %s %s %s)", msg,
                        unit->name, rule->left_text,
                        rule->op == '<' ? "≤" : rule->op == '>' ? "≥" : "=", rule->right_text);
            free(msg);
        }
    }
}
