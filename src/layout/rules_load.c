/*
 * rules_load.c - layouts/rules.csv: the rulebook, parsed once at start-up.
 *
 * An operand is a small arithmetic expression:
 *
 *   operand := term (('+' | '-') term)*
 *   term    := factor (('*' | '/') factor)*
 *   factor  := number | indicator | sum '(' levels ';' indicator ')'
 *            | '(' operand ')'
 *   levels  := words among tinh so huyen xa, or the word children
 *
 * A compare rule is `left op right` where right may continue the chain
 * (`tt.hop_thu <= ht.cbcc`).  Errors name what is wrong and where in the
 * text, and the line of the file is the diagnostic's row.
 */
#include "layout/rules_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/number.h"
#include "core/text.h"
#include "layout/layout_priv.h"

#define MAX_DEPTH 32
#define MAX_OPERANDS 9
#define MAX_NODES 1000

static const char *const rule_file = "rules.csv";

const char *eg_cmp_symbol(eg_cmp c)
{
    switch (c) {
    case EG_CMP_LE: return "≤";
    case EG_CMP_GE: return "≥";
    case EG_CMP_EQ: return "=";
    case EG_CMP_LT: return "<";
    case EG_CMP_GT: return ">";
    }
    return "?";
}

/* ---- tokens ------------------------------------------------------------ */

typedef enum { T_END, T_NUM, T_NAME, T_LP, T_RP, T_PLUS, T_MINUS, T_STAR, T_SLASH,
               T_SEMI, T_CMP, T_BAD } tok_kind;

typedef struct {
    const eg_catalogue *cat;
    unsigned rule_levels;
    const char *s;            /* the text being parsed */
    size_t pos;               /* start of the next token */
    tok_kind kind;            /* the current token */
    size_t start, len;        /* its place in s */
    eg_cmp cmp;               /* T_CMP */
    int depth;
    eg_rule *rule;            /* nodes are added here */
    char *why;                /* the first error, owned */
} parser;

static int is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '.';
}

/* Reads the token at p->pos into p->kind/start/len. */
static void next(parser *p)
{
    const char *s = p->s;
    size_t i = p->pos;

    while (s[i] == ' ' || s[i] == '\t')
        i++;
    p->start = i;
    p->len = 1;
    switch (s[i]) {
    case '\0': p->kind = T_END; p->len = 0; break;
    case '(': p->kind = T_LP; break;
    case ')': p->kind = T_RP; break;
    case '+': p->kind = T_PLUS; break;
    case '-': p->kind = T_MINUS; break;
    case '*': p->kind = T_STAR; break;
    case '/': p->kind = T_SLASH; break;
    case ';': p->kind = T_SEMI; break;
    case '<':
    case '>':
    case '=':
        p->kind = T_CMP;
        if (s[i + 1] == '=' && s[i] != '=') {
            p->cmp = s[i] == '<' ? EG_CMP_LE : EG_CMP_GE;
            p->len = 2;
        } else {
            p->cmp = s[i] == '<' ? EG_CMP_LT : s[i] == '>' ? EG_CMP_GT : EG_CMP_EQ;
        }
        /* "<<", "=<", "==" and the like are no operators of ours */
        if (s[i + p->len] == '<' || s[i + p->len] == '>' || s[i + p->len] == '=') {
            p->kind = T_BAD;
            p->len++;
        }
        break;
    default:
        if (strncmp(s + i, "≤", 3) == 0 || strncmp(s + i, "≥", 3) == 0) {
            p->kind = T_CMP;
            p->cmp = s[i + 2] == '\xa4' ? EG_CMP_LE : EG_CMP_GE;
            p->len = 3;
        } else if (s[i] >= '0' && s[i] <= '9') {
            size_t k = i;

            while (s[k] >= '0' && s[k] <= '9')
                k++;
            if ((s[k] == '.' || s[k] == ',') && s[k + 1] >= '0' && s[k + 1] <= '9') {
                k++;
                while (s[k] >= '0' && s[k] <= '9')
                    k++;
            }
            p->kind = T_NUM;
            p->len = k - i;
        } else if (is_name_char(s[i])) {
            size_t k = i;

            while (is_name_char(s[k]))
                k++;
            p->kind = T_NAME;
            p->len = k - i;
        } else {
            /* one UTF-8 character, for the message */
            size_t k = i + 1;

            while (((unsigned char)s[k] & 0xc0) == 0x80)
                k++;
            p->kind = T_BAD;
            p->len = k - i;
        }
        break;
    }
    p->pos = p->start + p->len;
}

/* Records the first error; later ones would only be its consequences. */
static int fail(parser *p, const char *fmt, const char *arg)
{
    if (!p->why)
        p->why = eg_xasprintf(fmt, arg ? arg : "");
    return -1;
}

static char *token_text(const parser *p)
{
    return eg_xstrndup(p->s + p->start, p->len);
}

static int fail_token(parser *p, const char *fmt)
{
    char *t = p->kind == T_END ? eg_xstrdup("the end") : token_text(p);
    char *q = p->kind == T_END ? t : eg_xasprintf("'%s'", t);

    fail(p, fmt, q);
    if (q != t)
        free(q);
    free(t);
    return -1;
}

static int add_node(parser *p, eg_expr_node n)
{
    eg_rule *r = p->rule;

    /* evaluation recurses over the tree: keep it to a size no rule needs */
    if (r->n_nodes >= MAX_NODES)
        return fail(p, "expression longer than %s terms and operators", "1000");

    r->nodes = eg_xrealloc(r->nodes, (r->n_nodes + 1) * sizeof *r->nodes);
    r->nodes[r->n_nodes] = n;
    return (int)r->n_nodes++;
}

/* ---- indicators in a rule ------------------------------------------------ */

static const char *level_list(unsigned mask, char *buf, size_t cap)
{
    size_t n = 0;

    buf[0] = '\0';
    for (int l = 0; l < EG_LEVEL_COUNT; l++)
        if (mask & EG_LEVEL_BIT(l))
            n += (size_t)snprintf(buf + n, n < cap ? cap - n : 0, "%s%s", n ? " " : "",
                                  eg_level_code((eg_level)l));
    return buf;
}

/* An indicator code of the catalogue, reported at every level of mask
 * (when mask is not 0) and, when numeric is set, a number.  Its position,
 * or -1 after an error. */
static int find_indicator(parser *p, const char *code, unsigned mask, int numeric)
{
    int k = eg_catalogue_find(p->cat, code);
    const eg_indicator *ind;
    char buf[64];

    if (k < 0)
        return fail(p, "unknown indicator '%s'", code);
    ind = &p->cat->items[k];
    if (numeric && (ind->type == EG_TYPE_ENUM || ind->type == EG_TYPE_TEXT)) {
        char *m = eg_xasprintf("indicator '%s' is %s: only numbers can be compared", code,
                               ind->type == EG_TYPE_ENUM ? "an enum" : "text");

        fail(p, "%s", m);
        free(m);
        return -1;
    }
    if (mask && (ind->levels & mask) != mask) {
        char *m = eg_xasprintf("indicator '%s' is not reported at level %s", code,
                               level_list(mask & ~ind->levels, buf, sizeof buf));

        fail(p, "%s", m);
        free(m);
        return -1;
    }
    return k;
}

/* The levels whose units are children of units of mask in the registry. */
static unsigned child_levels(unsigned mask)
{
    unsigned out = 0;

    if (mask & EG_LEVEL_BIT(EG_LEVEL_TINH))
        out |= EG_LEVEL_BIT(EG_LEVEL_SO) | EG_LEVEL_BIT(EG_LEVEL_HUYEN);
    if (mask & EG_LEVEL_BIT(EG_LEVEL_HUYEN))
        out |= EG_LEVEL_BIT(EG_LEVEL_XA);
    return out;
}

/* ---- expressions ----------------------------------------------------------- */

static int parse_sum(parser *p, eg_expr_node *n);
static int parse_operand(parser *p);

static int parse_factor(parser *p)
{
    eg_expr_node n;
    int at;

    memset(&n, 0, sizeof n);
    n.a = n.b = n.indicator = -1;
    switch (p->kind) {
    case T_NUM: {
        char *t = token_text(p);

        for (char *c = t; *c; c++)
            if (*c == ',')
                *c = '.';
        n.kind = EG_EX_NUMBER;
        if (eg_parse_decimal(t, &n.number) != EG_NUM_OK) {
            /* quoted as the file writes it, decimal comma and all: the
             * token is still the current one */
            free(t);
            t = token_text(p);
            fail(p, "bad number '%s'", t);
            free(t);
            return -1;
        }
        free(t);
        next(p);
        return add_node(p, n);
    }
    case T_NAME:
        if (p->len == 3 && strncmp(p->s + p->start, "sum", 3) == 0) {
            next(p);
            if (parse_sum(p, &n))
                return -1;
            return add_node(p, n);
        } else {
            char *code = token_text(p);

            n.kind = EG_EX_VALUE;
            n.indicator = find_indicator(p, code, p->rule_levels, 1);
            free(code);
            if (n.indicator < 0)
                return -1;
            next(p);
            return add_node(p, n);
        }
    case T_LP:
        if (++p->depth > MAX_DEPTH)
            return fail(p, "expression nested more than %s deep", "32");
        next(p);
        at = parse_operand(p);
        if (at < 0)
            return -1;
        if (p->kind != T_RP)
            return fail(p, "unbalanced parentheses: '(' without ')'%s", NULL);
        p->depth--;
        next(p);
        return at;
    case T_RP:
        return fail(p, "unbalanced parentheses: ')' without '('%s", NULL);
    case T_END:
        return fail(p, "empty operand: expected an indicator, a number, sum(...) or '('%s", NULL);
    default:
        return fail_token(p, "expected an indicator, a number, sum(...) or '(', not %s");
    }
}

/* After the word sum: "(levels; indicator)". */
static int parse_sum(parser *p, eg_expr_node *n)
{
    const char *open = p->s + p->start, *semi, *close;
    char *levels, *code;
    unsigned over;

    if (p->kind != T_LP)
        return fail(p, "expected sum(levels; indicator)%s", NULL);
    semi = strchr(open, ';');
    close = strchr(open, ')');
    if (!close)
        return fail(p, "unbalanced parentheses: '(' without ')'%s", NULL);
    if (!semi || semi > close)
        return fail(p, "expected sum(levels; indicator)%s", NULL);
    levels = eg_xstrndup(open + 1, (size_t)(semi - open - 1));
    code = eg_xstrndup(semi + 1, (size_t)(close - semi - 1));
    eg_trim(levels);
    eg_trim(code);
    n->kind = EG_EX_SUM;
    if (strcmp(levels, "children") == 0) {
        n->children = 1;
        over = child_levels(p->rule_levels);
        if (p->rule_levels & (EG_LEVEL_BIT(EG_LEVEL_SO) | EG_LEVEL_BIT(EG_LEVEL_XA)))
            fail(p, "sum(children; %s): units of level so and xa have no children in the registry",
                 code);
    } else {
        over = n->sum_levels = eg_levels_parse(levels);
        if (!over)
            fail(p, "bad levels '%s' in sum(levels; indicator): words among tinh, so, huyen, xa, or children",
                 levels);
    }
    if (!p->why) {
        n->indicator = find_indicator(p, code, 0, 1);
        if (n->indicator >= 0 && !(p->cat->items[n->indicator].levels & over))
            fail(p, "indicator '%s' is not reported by the units summed", code);
    }
    free(levels);
    free(code);
    if (p->why)
        return -1;
    /* continue after the ')' */
    p->pos = (size_t)(close - p->s) + 1;
    next(p);
    return 0;
}

static int parse_term(parser *p)
{
    int left = parse_factor(p);

    while (left >= 0 && (p->kind == T_STAR || p->kind == T_SLASH)) {
        eg_expr_node n;

        memset(&n, 0, sizeof n);
        n.kind = p->kind == T_STAR ? EG_EX_MUL : EG_EX_DIV;
        n.indicator = -1;
        next(p);
        n.a = left;
        n.b = parse_factor(p);
        if (n.b < 0)
            return -1;
        left = add_node(p, n);
    }
    return left;
}

static int parse_operand(parser *p)
{
    int left = parse_term(p);

    while (left >= 0 && (p->kind == T_PLUS || p->kind == T_MINUS)) {
        eg_expr_node n;

        memset(&n, 0, sizeof n);
        n.kind = p->kind == T_PLUS ? EG_EX_ADD : EG_EX_SUB;
        n.indicator = -1;
        next(p);
        n.a = left;
        n.b = parse_term(p);
        if (n.b < 0)
            return -1;
        left = add_node(p, n);
    }
    return left;
}

static void add_operand(parser *p, int root, size_t from, size_t to)
{
    eg_rule *r = p->rule;
    char *text = eg_xstrndup(p->s + from, to - from);

    r->operands = eg_xrealloc(r->operands, (r->n_operands + 1) * sizeof *r->operands);
    r->operands[r->n_operands].root = root;
    r->operands[r->n_operands].text = eg_xstrdup(eg_trim(text));
    r->n_operands++;
    free(text);
}

/* Parses s as one operand (chain 0) or as operands joined by comparisons
 * (chain 1), adding them to the rule.  0 or -1 (p->why set). */
static int parse_side(parser *p, const char *s, int chain)
{
    p->s = s;
    p->pos = 0;
    p->depth = 0;
    next(p);
    for (;;) {
        size_t from = p->start;
        int root = parse_operand(p);

        if (root < 0)
            return -1;
        add_operand(p, root, from, p->start);
        if (p->kind == T_END)
            return 0;
        if (p->kind == T_RP)
            return fail(p, "unbalanced parentheses: ')' without '('%s", NULL);
        if (p->kind == T_CMP && chain) {
            eg_rule *r = p->rule;

            if (r->n_operands >= MAX_OPERANDS)
                return fail(p, "a chain holds at most %s operands", "9");
            r->cmps = eg_xrealloc(r->cmps, r->n_operands * sizeof *r->cmps);
            r->cmps[r->n_operands - 1] = p->cmp;
            next(p);
            continue;
        }
        if (p->kind == T_BAD && strchr("<>=", p->s[p->start]))
            return fail_token(p, "unknown operator %s: write <=, >=, =, < or >");
        if (p->kind == T_CMP)
            return fail_token(p, "operator %s where an operand ends: the operator goes in the op column (<=, >= or =)");
        return fail_token(p, "unexpected %s after an operand");
    }
}

/* ---- required, only_if: lists of indicators and a condition ------------ */

static int parse_list(parser *p, const char *s)
{
    char *copy = eg_xstrdup(s), *save = NULL;
    eg_rule *r = p->rule;

    for (char *w = strtok_r(copy, " ,", &save); w; w = strtok_r(NULL, " ,", &save)) {
        int k = find_indicator(p, w, p->rule_levels, 0);

        if (k < 0)
            break;
        r->indicators = eg_xrealloc(r->indicators, (r->n_indicators + 1) * sizeof *r->indicators);
        r->indicators[r->n_indicators++] = k;
    }
    free(copy);
    if (!p->why && !r->n_indicators)
        fail(p, "no indicator in left: list the indicators, separated by spaces%s", NULL);
    return p->why ? -1 : 0;
}

/* One alternative of a condition, the words w[0..n): [not] CODE, or
 * [not] CODE in OPTION... for an enum. */
static int parse_alternative(parser *p, char **w, size_t n, eg_condition *c)
{
    const eg_indicator *ind;
    size_t k = 0;

    c->indicator = -1;
    if (k < n && strcmp(w[k], "not") == 0) {
        c->negate = 1;
        k++;
    }
    if (k == n)
        return fail(p, "the condition names no indicator: write e.g. hd.cong_ttdt or not hd.cong_ttdt%s",
                    NULL);
    c->indicator = find_indicator(p, w[k++], p->rule_levels, 0);
    if (c->indicator < 0)
        return -1;
    ind = &p->cat->items[c->indicator];
    if (ind->type == EG_TYPE_ENUM) {
        if (k == n || strcmp(w[k], "in") != 0)
            return fail(p, "a condition on the enum '%s' needs 'in' and options", ind->code);
        for (k++; k < n; k++)
            if (eg_layout_option_add(ind, w[k], &c->options) != 0)
                return fail(p, "the condition names an option '%s' the indicator does not have",
                            w[k]);
        if (!c->options)
            return fail(p, "a condition on the enum '%s' needs options after 'in'", ind->code);
    } else if (k < n) {
        return fail(p, "unexpected '%s' in the condition: write an indicator, with 'not' before "
                       "it to negate, and 'or' between two", w[k]);
    } else if (ind->type == EG_TYPE_TEXT) {
        return fail(p, "a condition cannot be on the text indicator '%s'", ind->code);
    }
    return 0;
}

/* A condition: alternatives joined by the word "or", each parsed by
 * parse_alternative; the rule's cond is the first, ->or the next. */
static int parse_condition(parser *p, const char *s)
{
    char *copy = eg_xstrdup(s), *save = NULL, **w = NULL;
    eg_condition *c = &p->rule->cond;
    size_t n = 0, from = 0;
    int rc = 0;

    for (char *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        w = eg_xrealloc(w, (n + 1) * sizeof *w);
        w[n++] = t;
    }
    for (size_t k = 0; k <= n; k++) {
        if (k < n && strcmp(w[k], "or") != 0)
            continue;
        rc = parse_alternative(p, w + from, k - from, c);
        if (rc || k == n)
            break;
        from = k + 1;
        c->or = eg_xcalloc(1, sizeof *c->or);
        c = c->or;
    }
    free(w);
    free(copy);
    if (rc)
        return -1;
    copy = eg_xstrdup(s);
    p->rule->cond.text = eg_xstrdup(eg_trim(copy));
    free(copy);
    return 0;
}

/* ---- messages ------------------------------------------------------------ */

/* Every {name} of the template must be one the rule can fill. */
static int check_message(parser *p, const char *msg)
{
    static const char *const compare_names[] = { "left", "right", "diff", "tolerance", "unit", NULL };
    static const char *const list_names[] = { "indicator", "label", "unit", "condition", NULL };
    const eg_rule *r = p->rule;

    if (!*msg)
        return fail(p, "the message is empty: say what is wrong, in words a clerk understands%s", NULL);
    for (const char *s = strchr(msg, '{'); s; s = strchr(s + 1, '{')) {
        const char *e = strchr(s, '}');
        const char *const *names = r->kind == EG_RULE_COMPARE ? compare_names : list_names;
        char *name;
        int ok = 0;

        if (!e)
            return fail(p, "unbalanced braces in the message: '{' without '}'%s", NULL);
        name = eg_xstrndup(s + 1, (size_t)(e - s - 1));
        for (size_t i = 0; names[i]; i++)
            ok |= strcmp(name, names[i]) == 0;
        if (r->kind == EG_RULE_COMPARE && strlen(name) == 1 && name[0] >= '1' &&
            name[0] <= '9' && (size_t)(name[0] - '0') <= r->n_operands)
            ok = 1;
        if (!ok) {
            char *m = eg_xasprintf("unknown placeholder '{%s}' in the message", name);

            fail(p, "%s", m);
            free(m);
            free(name);
            return -1;
        }
        free(name);
    }
    return 0;
}

/* ---- a row -------------------------------------------------------------- */

static int parse_cmp_column(const char *s, eg_cmp *out)
{
    static const struct { const char *text; eg_cmp cmp; } ops[] = {
        { "<=", EG_CMP_LE }, { "≤", EG_CMP_LE }, { ">=", EG_CMP_GE }, { "≥", EG_CMP_GE },
        { "=", EG_CMP_EQ }, { "<", EG_CMP_LT }, { ">", EG_CMP_GT },
    };

    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
        if (strcmp(s, ops[i].text) == 0) {
            *out = ops[i].cmp;
            return 0;
        }
    return -1;
}

static int parse_tolerance(parser *p, const char *s)
{
    char *copy = eg_xstrdup(s);
    size_t n;
    int rc = 0;

    eg_trim(copy);
    n = strlen(copy);
    if (n && copy[n - 1] == '%') {
        copy[--n] = '\0';
        eg_trim(copy);
        p->rule->tolerance_relative = 1;
    }
    /* a '%' alone is a figure left out, not a tolerance of none */
    if ((*copy || p->rule->tolerance_relative) &&
        eg_parse_decimal(copy, &p->rule->tolerance) != EG_NUM_OK)
        rc = fail(p, "bad tolerance '%s': a number such as 5, or a percentage such as 2%%", s);
    if (p->rule->tolerance_relative)
        p->rule->tolerance /= 100;
    free(copy);
    return rc;
}

static int valid_code(const char *s)
{
    if (strncmp(s, "R_", 2) != 0 || !s[2])
        return 0;
    for (const char *c = s + 2; *c; c++)
        if (!((*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '_'))
            return 0;
    return 1;
}

/* Fills rule from the columns of one row: 0, or -1 with p->why set. */
static int parse_row(parser *p, char *const *f)
{
    eg_rule *r = p->rule;
    const char *code = f[0], *sev = f[1], *lv = f[2], *left = f[3], *op = f[4], *right = f[5];
    const char *msg = f[6], *tol = f[7], *missing = f[8];
    eg_cmp cmp;

    if (!valid_code(code))
        return fail(p, "the code must start with R_ and hold only A-Z, 0-9 and _, not '%s'", code);
    if (strcmp(sev, "error") == 0)
        r->severity = EG_ERROR;
    else if (strcmp(sev, "warning") == 0)
        r->severity = EG_WARNING;
    else
        return fail(p, "severity must be error or warning, not '%s'", sev);
    r->levels = p->rule_levels = eg_levels_parse(lv);
    if (!r->levels)
        return fail(p, "bad levels '%s' (words among tinh, so, huyen, xa)", lv);
    if (!*missing || strcmp(missing, "skip_any") == 0)
        r->missing = EG_MISSING_SKIP_ANY;
    else if (strcmp(missing, "skip_all") == 0)
        r->missing = EG_MISSING_SKIP_ALL;
    else if (strcmp(missing, "never") == 0)
        r->missing = EG_MISSING_NEVER;
    else
        return fail(p, "missing must be skip_any, skip_all or never, not '%s'", missing);

    if (strcmp(op, "required") == 0 || strcmp(op, "only_if") == 0) {
        r->kind = strcmp(op, "required") == 0 ? EG_RULE_REQUIRED : EG_RULE_ONLY_IF;
        r->cond.indicator = -1;
        if (*tol)
            return fail(p, "a tolerance applies to comparisons only, not to %s", op);
        if (parse_list(p, left))
            return -1;
        if (*right) {
            if (parse_condition(p, right))
                return -1;
        } else if (r->kind == EG_RULE_ONLY_IF) {
            return fail(p, "only_if needs a condition in right, e.g. hd.cong_ttdt%s", NULL);
        }
    } else if (parse_cmp_column(op, &cmp) == 0) {
        r->kind = EG_RULE_COMPARE;
        r->cond.indicator = -1;
        if (parse_side(p, left, 0))
            return -1;
        r->cmps = eg_xmalloc(sizeof *r->cmps);
        r->cmps[0] = cmp;
        if (parse_side(p, right, 1))
            return -1;
        if (parse_tolerance(p, tol))
            return -1;
    } else {
        return fail(p, "operator must be <=, >=, =, <, > (or ≤, ≥), required or only_if, not '%s'", op);
    }
    return check_message(p, msg);
}

static void rule_free(eg_rule *r)
{
    free(r->code);
    free(r->nodes);
    for (size_t i = 0; i < r->n_operands; i++)
        free(r->operands[i].text);
    free(r->operands);
    free(r->cmps);
    free(r->indicators);
    for (eg_condition *c = r->cond.or, *next; c; c = next) {
        next = c->or;
        free(c);
    }
    free(r->cond.text);
    free(r->message);
    memset(r, 0, sizeof *r);
}

void eg_rules_free(eg_rule *rules, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rule_free(&rules[i]);
    free(rules);
}

/* The line of an earlier row of t with row i's code, levels, left, op and
 * right (the same check, whatever its message), 0 when none. */
static int same_rule_above(const eg_layout_table *t, size_t i)
{
    static const int key[] = { 0, 2, 3, 4, 5 };

    for (size_t j = 0; j < i; j++) {
        size_t k = 0;

        while (k < 5 && strcmp(t->rows[j].f[key[k]], t->rows[i].f[key[k]]) == 0)
            k++;
        if (k == 5)
            return t->rows[j].line;
    }
    return 0;
}

int eg_rules_load(eg_layouts *L, eg_diag_list *dl)
{
    static const char *const cols[] = { "code", "severity", "levels", "left", "op", "right",
                                        "message", "tolerance", "missing" };
    eg_layout_table t;
    int bad = 0;

    if (eg_layout_read(L->dir, rule_file, cols, 9, 7, &t, dl))
        return -1;
    L->rules = eg_xcalloc(t.n ? t.n : 1, sizeof *L->rules);
    for (size_t i = 0; i < t.n; i++) {
        eg_layout_row *row = &t.rows[i];
        eg_rule *rule = &L->rules[L->n_rules];
        parser p;

        memset(rule, 0, sizeof *rule);
        memset(&p, 0, sizeof p);
        p.cat = &L->cat;
        p.rule = rule;
        rule->line = row->line;
        if (eg_layout_code_why(row->f[0]) || same_rule_above(&t, i)) {
            char twice[96];

            snprintf(twice, sizeof twice, "the same check as line %d (a check written twice "
                     "reports each unit twice)", same_rule_above(&t, i));
            eg_layout_error(dl, L->dir, rule_file, row->line, "rule '%s': %s", row->f[0],
                            eg_layout_code_why(row->f[0]) ? eg_layout_code_why(row->f[0])
                                                         : twice);
            bad = 1;
            continue;
        }
        if (parse_row(&p, row->f)) {
            eg_layout_error(dl, L->dir, rule_file, row->line, "rule '%s': %s", row->f[0], p.why);
            free(p.why);
            rule_free(rule);
            bad = 1;
            continue;
        }
        rule->code = eg_xstrdup(row->f[0]);
        rule->message = eg_nfc(row->f[6]);
        L->n_rules++;
    }
    eg_layout_table_free(&t);
    return bad ? -1 : 0;
}

/* ---- settings.csv: the thresholds of the statistical checks ------------ */

void eg_check_settings_default(eg_check_settings *s)
{
    s->outlier_threshold = 5;
    s->outlier_min_units = 10;
    s->baseline_max_change = 0.5;
    s->baseline_max_points = 0.2;
}

int eg_check_setting(eg_check_settings *s, const char *key, const char *value,
                     const char **why)
{
    double d;
    int ok = eg_parse_decimal(value, &d) == EG_NUM_OK;

    if (strcmp(key, "outlier_threshold") == 0) {
        if (!ok || d <= 0) {
            *why = "outlier_threshold must be a number above 0, such as 5";
            return -1;
        }
        s->outlier_threshold = d;
    } else if (strcmp(key, "outlier_min_units") == 0) {
        if (!ok || d < 3 || d != (double)(size_t)d) {
            *why = "outlier_min_units must be a whole number of at least 3, such as 10";
            return -1;
        }
        s->outlier_min_units = (size_t)d;
    } else if (strcmp(key, "baseline_max_change") == 0) {
        if (!ok || d <= 0) {
            *why = "baseline_max_change must be a percentage above 0, such as 50";
            return -1;
        }
        s->baseline_max_change = d / 100;
    } else if (strcmp(key, "baseline_max_points") == 0) {
        if (!ok || d <= 0 || d > 100) {
            *why = "baseline_max_points must be percentage points above 0 and at most 100, such as 20";
            return -1;
        }
        s->baseline_max_points = d / 100;
    } else {
        return 0;
    }
    return 1;
}
