/*
 * narrative_expand.c - the placeholders and conditions of the report
 * layout, replaced by the data.
 *
 *   {FIGURE:FORMAT}           a figure of figures.csv, written as FORMAT says
 *   {RANKING#POS:WHAT}        a unit of a ranking; {RANKING:count}
 *   {fact:KEY} {date:KEY}     report.csv
 *   {year} {prev_year}
 *   {if COND}…{elif COND}…{else}…{end}
 *
 * Every reference is checked where it stands, also in a branch that the
 * data does not take: a misspelt code must fail this year, not the year
 * the data first takes that branch.  A branch not taken is resolved
 * "quietly" (c->quiet): its names are checked, nothing is printed and no
 * missing figure is reported.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/number.h"
#include "core/text.h"
#include "write/narrative_priv.h"

#define MAX_DEPTH 16            /* {if} inside {if} */
#define CMP_EPS 1e-9            /* relative slack of = in conditions */

/* ---- small shared helpers ------------------------------------------------ */

void eg_sb_add(eg_sbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->s = eg_xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

void eg_sb_puts(eg_sbuf *b, const char *s)
{
    eg_sb_add(b, s, strlen(s));
}

char *eg_sb_take(eg_sbuf *b)
{
    char *s = b->s ? b->s : eg_xstrdup("");

    memset(b, 0, sizeof *b);
    return s;
}

void eg_nctx_fail(eg_nctx *c, const char *fmt, const char *what)
{
    char *msg = eg_xasprintf(fmt, what);

    eg_diag_add(c->dl, EG_FATAL, "F_LAYOUT", c->file, c->line, 0, NULL, NULL, "%s", msg);
    free(msg);
    c->bad = 1;
}

void eg_nctx_warn_missing(eg_nctx *c, const char *code, char *msg)
{
    if (!c->quiet && !c->settled &&
        !(c->warned_line == c->line && strcmp(c->warned_code, code) == 0)) {
        c->warned_line = c->line;
        snprintf(c->warned_code, sizeof c->warned_code, "%s", code);
        eg_diag_add(c->dl, EG_WARNING, "W_FIGURE_MISSING", c->L->report_shown, c->line, 0, NULL,
                    code, "%s", msg);
    }
    free(msg);
}

int eg_narrative_date(const char *iso, int shortform, char *buf, size_t cap)
{
    int ymd = iso ? eg_iso_date(iso, strlen(iso)) : 0, y = ymd / 10000, m = ymd / 100 % 100,
        d = ymd % 100;

    if (!ymd)
        return -1;
    if (shortform)
        snprintf(buf, cap, "%02d/%02d/%d", d, m, y);
    else    /* as Nghị định 30/2020/NĐ-CP dates a document: a 0 before a
             * day below 10 and before months 1 and 2 only ("ngày 05
             * tháng 02", "ngày 25 tháng 7") */
        snprintf(buf, cap, m < 3 ? "ngày %02d tháng %02d năm %d" : "ngày %02d tháng %d năm %d",
                 d, m, y);
    return 0;
}

/* ---- conditions ------------------------------------------------------------- */

typedef struct {
    eg_nctx *c;
    const char *p;          /* the rest of the condition */
    const char *whole;      /* for messages */
    int bad;
} cond_t;

static void skip_spaces(cond_t *k)
{
    while (*k->p == ' ' || *k->p == '\t')
        k->p++;
}

/* 1 when a word or operand ends at p: the end, a space or an operator. */
static int token_ends(const char *p)
{
    return !*p || *p == ' ' || *p == '\t' || strchr("<>=!", *p) || !strncmp(p, "≤", 3) ||
           !strncmp(p, "≥", 3) || !strncmp(p, "≠", 3);
}

/* The next word or operand (up to a space or an operator), in buf. */
static int next_token(cond_t *k, char *buf, size_t cap)
{
    size_t n = 0;

    skip_spaces(k);
    while (!token_ends(k->p)) {
        if (n + 1 < cap)
            buf[n++] = *k->p;
        k->p++;
    }
    buf[n] = '\0';
    return n > 0;
}

static int word_is(cond_t *k, const char *w)
{
    size_t n = strlen(w);

    skip_spaces(k);
    if (strncmp(k->p, w, n) == 0 && (k->p[n] == ' ' || k->p[n] == '\t')) {
        k->p += n;
        return 1;
    }
    return 0;
}

/* w as a word of its own: followed by a space, a tab, the end or an
 * operator (`provisional=1` is the word compared, a mistake test() names,
 * not a figure of that name). */
static int word_alone(cond_t *k, const char *w)
{
    size_t n = strlen(w);

    skip_spaces(k);
    if (strncmp(k->p, w, n) == 0 && token_ends(k->p + n)) {
        k->p += n;
        return 1;
    }
    return 0;
}

/* A comparison operator: '<', 'l' (<=), '=', 'n' (!=), 'g' (>=), '>'. */
static int next_op(cond_t *k)
{
    static const struct { const char *s; int op; } ops[] = {
        { "<=", 'l' }, { ">=", 'g' }, { "!=", 'n' }, { "≤", 'l' }, { "≥", 'g' }, { "≠", 'n' },
        { "==", '=' }, { "=", '=' }, { "<", '<' }, { ">", '>' },
    };

    skip_spaces(k);
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
        size_t n = strlen(ops[i].s);

        if (strncmp(k->p, ops[i].s, n) == 0) {
            k->p += n;
            return ops[i].op;
        }
    }
    return 0;
}

static void cond_fail(cond_t *k, const char *why)
{
    char *m;

    if (k->bad)
        return;
    m = eg_xasprintf("%s in condition '%s'", why, k->whole);
    eg_nctx_fail(k->c, "%s", m);
    free(m);
    k->bad = 1;
}

/* An operand: a number ("95", "95,5%", "0.5") or a reference.  Sets *ok
 * to whether it has a value, and *kind to 'n' for a number written
 * without '%', 's' for a share (a fraction), 0 otherwise. */
static double operand(cond_t *k, const char *tok, int *ok, int *kind)
{
    char buf[64];
    size_t n = strlen(tok);
    int neg = tok[0] == '-', pct = n > 0 && tok[n - 1] == '%';
    double d;
    eg_nvalue v;

    *ok = 0;
    *kind = 0;
    if ((tok[neg] >= '0' && tok[neg] <= '9') && n >= sizeof buf) {
        cond_fail(k, "a number too long");
        return 0;
    }
    if ((tok[neg] >= '0' && tok[neg] <= '9') && n < sizeof buf) {
        const char *dot = strchr(tok, '.');

        /* "5.000" is five thousand to a Vietnamese reader and 5 to the
         * number reader: a dot before three digits is refused (0.125 is
         * no thousand) */
        if (dot && strspn(dot + 1, "0123456789") == 3 && strchr(".,%", dot[4]) &&
            strspn(tok + neg, "0") != (size_t)(dot - tok - neg)) {
            cond_fail(k, "a number with a thousands mark (write 5000, not 5.000; a decimal "
                         "with ',' or '.', as 95,5 or 0.5)");
            return 0;
        }
        snprintf(buf, sizeof buf, "%.*s", (int)(n - neg - pct), tok + neg);
        if (eg_parse_decimal(buf, &d) != EG_NUM_OK) {
            cond_fail(k, "bad number");
            return 0;
        }
        *ok = 1;
        *kind = pct ? 0 : 'n';
        return (neg ? -d : d) / (pct ? 100 : 1);
    }
    if (eg_narrative_resolve(k->c, tok, 0, &v) != 0) {
        k->bad = 1;
        return 0;
    }
    eg_nvalue_release(&v);
    if (v.ok && !v.is_num) {
        char *m = eg_xasprintf("'%s' is not a number (for a count pair, use :num or :den)", tok);

        cond_fail(k, m);
        free(m);
        return 0;
    }
    *ok = v.ok;
    *kind = v.is_share ? 's' : 0;
    return v.num;
}

static int compare(double a, int op, double b)
{
    double eps = CMP_EPS * fmax(1, fmax(fabs(a), fabs(b)));
    int eq = fabs(a - b) <= eps;

    switch (op) {
    case '=': return eq;
    case 'n': return !eq;
    case '<': return a < b && !eq;
    case 'l': return a < b || eq;
    case '>': return a > b && !eq;
    default: return a > b || eq;
    }
}

/* test := [not] (has REF | provisional | OPERAND OP OPERAND) */
static int test(cond_t *k)
{
    char a[128], b[128];
    int neg = word_is(k, "not"), r = 0, op, oka, okb, ka, kb;
    double x, y;

    if (word_alone(k, "provisional")) {
        r = k->c->ds->provisional;      /* the year is not over (model.h) */
        if (next_op(k)) {
            cond_fail(k, "'provisional' is a test of its own, compared with nothing: "
                         "{if provisional} or {if not provisional}");
            return 0;
        }
    } else if (word_is(k, "has")) {
        eg_nvalue v;

        if (!next_token(k, a, sizeof a)) {
            cond_fail(k, "'has' needs a placeholder");
            return 0;
        }
        if (eg_narrative_resolve(k->c, a, 1, &v) != 0)
            k->bad = 1;
        eg_nvalue_release(&v);
        r = v.ok;
    } else {
        if (!next_token(k, a, sizeof a)) {
            cond_fail(k, "a comparison is expected");
            return 0;
        }
        op = next_op(k);
        if (!op || !next_token(k, b, sizeof b)) {
            cond_fail(k, "expected OPERAND OP OPERAND (OP one of = != < <= > >=), has REF or "
                         "provisional");
            return 0;
        }
        x = operand(k, a, &oka, &ka);
        y = operand(k, b, &okb, &kb);
        if ((ka == 's' && kb == 'n' && fabs(y) > 1) || (kb == 's' && ka == 'n' && fabs(x) > 1)) {
            char *m = eg_xasprintf("'%s' is a share, a fraction from 0 to 1, and %s more than "
                                   "a whole: write the number with '%%' (80%%, not 80)",
                                   ka == 's' ? a : b, ka == 's' ? b : a);

            cond_fail(k, m);
            free(m);
            return 0;
        }
        r = oka && okb && compare(x, op, y);
    }
    return neg ? !r : r;
}

/* cond := test (and test)* (or test (and test)*)* ; every test is
 * evaluated, so that each name is checked, but a test whose outcome can no
 * longer change the condition's warns of no missing figure: "has x and
 * x > 0" says nothing of a missing x (its mistakes are still said). */
static int evaluate(eg_nctx *c, const char *text)
{
    cond_t k = { c, text, text, 0 };
    int any = 0, all = test(&k), settled;

    for (;;) {
        skip_spaces(&k);
        if (!*k.p || k.bad)
            break;
        if (word_is(&k, "and")) {
            settled = any || !all;
            c->settled += settled;
            all = test(&k) && all;
            c->settled -= settled;
        } else if (word_is(&k, "or")) {
            any |= all;
            c->settled += any;
            all = test(&k);
            c->settled -= any;
        } else {
            cond_fail(&k, "expected 'and', 'or' or the end");
            break;
        }
    }
    return !k.bad && (any || all);
}

/* ---- expansion -------------------------------------------------------------- */

typedef struct {
    int active;             /* this branch is printed */
    int taken;              /* some branch of this {if} was */
    int parent;             /* the text around the {if} is printed */
    int seen_else;
    int line;
} frame_t;

static int line_at(const eg_linemap *map, size_t off, int dflt)
{
    int line = dflt;

    for (size_t i = 0; map && i < map->n && map->offset[i] <= off; i++)
        line = map->line[i];
    return line;
}

/* Runs of white space become one space; none before , ; . : ! ? ) (but
 * an ellipsis) and none after (; none at either end.  A phrase left out by a condition
 * leaves no trace. */
static char *tidy(const char *s)
{
    size_t n = strlen(s), w = 0;
    char *out = eg_xmalloc(n + 1);
    int space = 0;

    for (size_t i = 0; i < n; i++) {
        char ch = s[i];

        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            space = w > 0;
            continue;
        }
        /* "của tỉnh ...@gialai.gov.vn": an ellipsis keeps its space */
        if (space && (!strchr(",;.:!?)", ch) || (ch == '.' && s[i + 1] == '.')) &&
            out[w - 1] != '(')
            out[w++] = ' ';
        space = 0;
        out[w++] = ch;
    }
    out[w] = '\0';
    return out;
}

/* The condition of "{if COND}" when inner is w followed by a blank (a
 * space or a tab, as between a condition's words), else NULL. */
static const char *after_word(const char *inner, const char *w)
{
    size_t n = strlen(w);

    if (strncmp(inner, w, n) == 0 && (inner[n] == ' ' || inner[n] == '\t'))
        return inner + n + 1;
    return NULL;
}

/* Handles {if …}, {elif …}, {else}, {end}.  Returns 1 when inner was one
 * of them. */
static int control(eg_nctx *c, const char *inner, frame_t *st, int *depth)
{
    frame_t *top = *depth ? &st[*depth - 1] : NULL;
    int outer = top ? top->active : 1;
    const char *cond;

    if ((cond = after_word(inner, "if")) != NULL) {
        frame_t f = { 0, 0, outer, 0, c->line };
        int r;

        if (*depth == MAX_DEPTH) {
            eg_nctx_fail(c, "{if} nested more than %s deep", "16");
            return 1;
        }
        c->quiet += !outer;
        r = evaluate(c, cond);
        c->quiet -= !outer;
        f.active = outer && r;
        f.taken = f.active;
        st[(*depth)++] = f;
        return 1;
    }
    if ((cond = after_word(inner, "elif")) != NULL) {
        int r;

        if (!top || top->seen_else) {
            eg_nctx_fail(c, "{elif} %s", !top ? "without {if}" : "after {else}");
            return 1;
        }
        c->quiet += !(top->parent && !top->taken);
        r = evaluate(c, cond);
        c->quiet -= !(top->parent && !top->taken);
        top->active = top->parent && !top->taken && r;
        top->taken |= top->active;
        return 1;
    }
    if (strcmp(inner, "else") == 0) {
        if (!top || top->seen_else) {
            eg_nctx_fail(c, "{else} %s", !top ? "without {if}" : "twice in one {if}");
            return 1;
        }
        top->seen_else = 1;
        top->active = top->parent && !top->taken;
        top->taken = 1;
        return 1;
    }
    if (strcmp(inner, "end") == 0) {
        if (!top)
            eg_nctx_fail(c, "{end} without {if}%s", "");
        else
            (*depth)--;
        return 1;
    }
    if (strcmp(inner, "if") == 0 || strcmp(inner, "elif") == 0) {
        eg_nctx_fail(c, "{%s} needs a condition", inner);
        return 1;
    }
    return 0;
}

char *eg_narrative_expand(eg_nctx *c, const char *text, const eg_linemap *map)
{
    eg_sbuf out = { 0 };
    frame_t st[MAX_DEPTH];
    int depth = 0, line0 = c->line;
    const char *p = text;
    char *res;

    eg_sb_puts(&out, "");
    while (*p) {
        const char *open = strchr(p, '{'), *close;
        int active = depth ? st[depth - 1].active : 1;
        char *inner;

        /* Step 1: the text up to the next brace, kept if its branch is. */
        if (!open) {
            if (active)
                eg_sb_puts(&out, p);
            break;
        }
        if (active)
            eg_sb_add(&out, p, (size_t)(open - p));
        c->line = line_at(map, (size_t)(open - text), line0);
        if (open[1] == '{') {           /* "{{" is a brace */
            if (active)
                eg_sb_puts(&out, "{");
            p = open + 2;
            continue;
        }
        close = strchr(open, '}');
        if (!close) {
            eg_nctx_fail(c, "unbalanced '{'%s", "");
            break;
        }
        /* Step 2: a condition moves between branches; anything else is a
         * placeholder, checked even in a branch not taken (quietly). */
        inner = eg_xstrndup(open + 1, (size_t)(close - open - 1));
        eg_trim(inner);
        if (!control(c, inner, st, &depth)) {
            eg_nvalue v;

            c->quiet += !active;
            if (eg_narrative_resolve(c, inner, 0, &v) == 0 && active)
                eg_sb_puts(&out, v.ok ? eg_nvalue_text(&v) : "…");
            eg_nvalue_release(&v);
            c->quiet -= !active;
        }
        free(inner);
        p = close + 1;
    }
    /* Step 3: every {if} closed; the spaces a dropped phrase left tidied. */
    if (depth) {
        c->line = st[depth - 1].line;
        eg_nctx_fail(c, "{if} without {end}%s", "");
    }
    c->line = line0;
    res = tidy(out.s);
    free(out.s);
    return res;
}
