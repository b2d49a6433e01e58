/*
 * test_rules_load.c - layout/rules_load.h: the rulebook's syntax.
 *
 * Each test writes one rule into a copy of the real layouts (the real
 * catalogue, so that real indicator codes resolve) and loads it: a good
 * rule must come out as the tree it means, a bad one must be refused with
 * F_LAYOUT at rules.csv line 2 and a message saying what is wrong.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/mem.h"
#include "layout/layout.h"
#include "layout/rules_load.h"
#include "support.h"

#ifdef EG_SOURCE_DIR
#define LAYOUT_DIR EG_SOURCE_DIR "/layouts"
#else
#define LAYOUT_DIR "layouts"
#endif

#define HEADER "code,severity,levels,left,op,right,message,tolerance,missing\n"

typedef struct {
    char dir[64];
    eg_layouts L;
    eg_diag_list dl;
} fixture;

static int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    char buf[8192];
    size_t n;

    if (!in || !out) {
        if (in)
            fclose(in);
        return -1;
    }
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, out);
    fclose(in);
    return fclose(out);
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    DIR *d;
    struct dirent *e;

    if (!fx)
        return -1;
    *state = fx;
    strcpy(fx->dir, "/tmp/egreport-test-rules-XXXXXX");
    if (!mkdtemp(fx->dir) || !(d = opendir(LAYOUT_DIR)))
        return -1;
    while ((e = readdir(d)) != NULL) {
        char from[512], to[512];

        if (e->d_name[0] == '.')
            continue;
        snprintf(from, sizeof from, "%s/%s", LAYOUT_DIR, e->d_name);
        snprintf(to, sizeof to, "%s/%s", fx->dir, e->d_name);
        if (copy_file(from, to)) {
            closedir(d);
            return -1;
        }
    }
    closedir(d);
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    eg_test_remove_dir(fx->dir);
    eg_layouts_free(&fx->L);
    eg_diag_free(&fx->dl);
    free(fx);
    return 0;
}

/* Writes rules.csv with the header and the given lines, and loads. */
static int load_rules(fixture *fx, const char *lines)
{
    char path[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/rules.csv", fx->dir);
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs(HEADER, f);
    fputs(lines, f);
    fclose(f);
    return eg_layouts_load(&fx->L, fx->dir, &fx->dl);
}

static const eg_rule *only_rule(fixture *fx, const char *line)
{
    if (load_rules(fx, line) != 0)
        fail_msg("refused: %s", fx->dl.n ? fx->dl.items[0].message : "(no diagnostic)");
    assert_int_equal(fx->L.n_rules, 1);
    return &fx->L.rules[0];
}

/* The rule must be refused at line 2 with words in the message. */
static void refused(fixture *fx, const char *line, const char *words)
{
    char path[512];

    snprintf(path, sizeof path, "%s/rules.csv", fx->dir);
    assert_int_equal(load_rules(fx, line), -1);
    for (size_t i = 0; i < fx->dl.n; i++) {
        const eg_diag *d = &fx->dl.items[i];

        if (strcmp(d->code, "F_LAYOUT") == 0 && d->file && strcmp(d->file, path) == 0 &&
            d->row == 2 && strstr(d->message, words))
            return;
    }
    fail_msg("no F_LAYOUT at rules.csv:2 with \"%s\"; first: %s", words,
             fx->dl.n ? fx->dl.items[0].message : "(none)");
}

/* The rule must be refused at rules.csv line `row`, column 0, by exactly
 * this F_LAYOUT, and by it alone. */
static void refused_exactly(fixture *fx, const char *lines, long row, const char *message)
{
    char path[512];
    const eg_diag *d;

    snprintf(path, sizeof path, "%s/rules.csv", fx->dir);
    assert_int_equal(load_rules(fx, lines), -1);
    assert_int_equal(fx->dl.n, 1);
    d = &fx->dl.items[0];
    assert_string_equal(d->code, "F_LAYOUT");
    assert_int_equal(d->severity, EG_FATAL);
    assert_non_null(d->file);
    assert_string_equal(d->file, path);
    assert_int_equal(d->row, row);
    assert_int_equal(d->col, 0);
    assert_string_equal(d->message, message);
}

static void reload(fixture *fx)
{
    eg_layouts_free(&fx->L);
    eg_diag_free(&fx->dl);
}

static int ind(fixture *fx, const char *code)
{
    return eg_catalogue_find(&fx->L.cat, code);
}

static const eg_expr_node *node(const eg_rule *r, int at)
{
    assert_true(at >= 0 && (size_t)at < r->n_nodes);
    return &r->nodes[at];
}

/* --- good rules ------------------------------------------------------------- */

static void a_chain_gives_three_operands_and_two_comparisons(void **state)
{
    fixture *fx = *state;
    const eg_rule *r = only_rule(fx, "R_T,error,so huyen xa,tt.dung_thu,<=,tt.hop_thu ≤ ht.cbcc,m {1} {2} {3}\n");

    assert_int_equal(r->kind, EG_RULE_COMPARE);
    assert_int_equal(r->n_operands, 3);
    assert_int_equal(r->cmps[0], EG_CMP_LE);
    assert_int_equal(r->cmps[1], EG_CMP_LE);
    assert_int_equal(node(r, r->operands[2].root)->indicator, ind(fx, "ht.cbcc"));
    assert_string_equal(r->operands[1].text, "tt.hop_thu");
    assert_int_equal(r->missing, EG_MISSING_SKIP_ANY);
    assert_true(r->tolerance == 0);
}

static void multiplication_binds_tighter_than_addition(void **state)
{
    fixture *fx = *state;
    const eg_rule *r = only_rule(fx, "R_T,error,so,100 * ht.cbcc_may_tinh / ht.cbcc + 1,>=,0,m\n");
    const eg_expr_node *add = node(r, r->operands[0].root), *div, *mul;

    assert_int_equal(add->kind, EG_EX_ADD);
    assert_int_equal(node(r, add->b)->kind, EG_EX_NUMBER);
    div = node(r, add->a);
    assert_int_equal(div->kind, EG_EX_DIV);
    assert_int_equal(node(r, div->b)->indicator, ind(fx, "ht.cbcc"));
    mul = node(r, div->a);
    assert_int_equal(mul->kind, EG_EX_MUL);
    assert_true(node(r, mul->a)->number == 100);
}

static void parentheses_group_and_decimals_take_a_comma(void **state)
{
    fixture *fx = *state;
    const eg_rule *r = only_rule(fx, "R_T,warning,huyen,\"(tt.vb_di + tt.vb_den) * 0,5\",>=,tt.vb_di,m\n");
    const eg_expr_node *mul = node(r, r->operands[0].root);

    assert_int_equal(r->severity, EG_WARNING);
    assert_int_equal(mul->kind, EG_EX_MUL);
    assert_int_equal(node(r, mul->a)->kind, EG_EX_ADD);
    assert_true(node(r, mul->b)->number == 0.5);
}

static void sums_over_levels_and_children(void **state)
{
    fixture *fx = *state;
    const eg_rule *r = only_rule(fx, "R_T,error,huyen,ht.cbcc,>=,sum(children; ht.cbcc) + sum(so huyen; nl.cb_cntt),m\n");
    const eg_expr_node *add = node(r, r->operands[1].root);

    assert_int_equal(add->kind, EG_EX_ADD);
    assert_int_equal(node(r, add->a)->kind, EG_EX_SUM);
    assert_int_equal(node(r, add->a)->children, 1);
    assert_int_equal(node(r, add->b)->sum_levels,
                     EG_LEVEL_BIT(EG_LEVEL_SO) | EG_LEVEL_BIT(EG_LEVEL_HUYEN));
    assert_int_equal(node(r, add->b)->indicator, ind(fx, "nl.cb_cntt"));
}

static void tolerance_absolute_or_relative_and_missing_words(void **state)
{
    fixture *fx = *state;
    const eg_rule *r;

    assert_int_equal(load_rules(fx, "R_A,error,so,nl.thcs,=,sum(huyen; nl.thcs),m,\"1,5\",skip_all\n"
                                    "R_B,error,so,nl.thcs,=,sum(huyen; nl.thcs),m,2 %,never\n"
                                    "R_C,error,so,nl.thcs,>,1,m,,skip_any\n"), 0);
    r = &fx->L.rules[0];
    assert_true(r->tolerance == 1.5 && !r->tolerance_relative);
    assert_int_equal(r->missing, EG_MISSING_SKIP_ALL);
    r = &fx->L.rules[1];
    assert_true(r->tolerance > 0.0199 && r->tolerance < 0.0201 && r->tolerance_relative);
    assert_int_equal(r->missing, EG_MISSING_NEVER);
    assert_int_equal(fx->L.rules[2].cmps[0], EG_CMP_GT);
}

static void required_takes_a_list_and_an_optional_condition(void **state)
{
    fixture *fx = *state;
    const eg_rule *r;

    assert_int_equal(load_rules(fx, "R_A,warning,xa,ht.cbcc tt.vb_di,required,,thiếu {indicator} ({label})\n"
                                    "R_B,warning,so huyen,hd.du_thong_tin,required,hd.cong_ttdt,{unit}\n"
                                    "R_C,error,huyen,ht.bdvhx,only_if,not ht.mo_hinh_mot_cua in chua,{condition}\n"), 0);
    r = &fx->L.rules[0];
    assert_int_equal(r->kind, EG_RULE_REQUIRED);
    assert_int_equal(r->n_indicators, 2);
    assert_int_equal(r->indicators[1], ind(fx, "tt.vb_di"));
    assert_int_equal(r->cond.indicator, -1);
    r = &fx->L.rules[1];
    assert_int_equal(r->cond.indicator, ind(fx, "hd.cong_ttdt"));
    assert_int_equal(r->cond.negate, 0);
    r = &fx->L.rules[2];
    assert_int_equal(r->kind, EG_RULE_ONLY_IF);
    assert_int_equal(r->cond.negate, 1);
    assert_int_equal(r->cond.options, 1u << 2);      /* chua, the third option */
    assert_string_equal(r->cond.text, "not ht.mo_hinh_mot_cua in chua");
}

/* Alternatives joined by or, each with its own not and options. */
static void a_condition_may_join_alternatives_with_or(void **state)
{
    fixture *fx = *state;
    const eg_rule *r = only_rule(fx, "R_T,error,so,nl.thpt,only_if,nl.thcs or not "
                                     "ht.mo_hinh_mot_cua in chua dien_tu or nl.th,m\n");
    const eg_condition *c = &r->cond;

    assert_int_equal(c->indicator, ind(fx, "nl.thcs"));
    assert_int_equal(c->negate, 0);
    assert_non_null(c = c->or);
    assert_int_equal(c->indicator, ind(fx, "ht.mo_hinh_mot_cua"));
    assert_int_equal(c->negate, 1);
    assert_int_equal(c->options, (1u << 2) | (1u << 1));     /* chua, dien_tu */
    assert_non_null(c = c->or);
    assert_int_equal(c->indicator, ind(fx, "nl.th"));
    assert_int_equal(c->negate, 0);
    assert_null(c->or);
    assert_string_equal(r->cond.text, "nl.thcs or not ht.mo_hinh_mot_cua in chua dien_tu or nl.th");
}

static void a_required_list_may_be_separated_by_commas(void **state)
{
    fixture *fx = *state;
    const eg_rule *r = only_rule(fx, "R_A,warning,xa,\"ht.cbcc, tt.vb_di\",required,,m\n");

    assert_int_equal(r->n_indicators, 2);
    assert_int_equal(r->indicators[0], ind(fx, "ht.cbcc"));
    assert_int_equal(r->indicators[1], ind(fx, "tt.vb_di"));
}

static void an_old_rule_file_of_seven_columns_still_loads(void **state)
{
    fixture *fx = *state;
    char path[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/rules.csv", fx->dir);
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs("code,severity,levels,left,op,right,message\n"
          "R_HO_SO_TRE,error,so huyen xa,gd.ho_so_tre,<=,gd.ho_so,trễ ({left}) > ({right})\n", f);
    fclose(f);
    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), 0);
    assert_int_equal(fx->L.n_rules, 1);
    assert_int_equal(fx->L.rules[0].missing, EG_MISSING_SKIP_ANY);
}

/* --- mistakes ---------------------------------------------------------------- */

static void mistakes_are_refused_with_the_line_and_what_is_wrong(void **state)
{
    static const struct { const char *line, *words; } bad[] = {
        { "R_T,error,so,(gd.ho_so + gd.ho_so_tre,<=,1,m\n", "'(' without ')'" },
        { "R_T,error,so,gd.ho_so),<=,1,m\n", "')' without '('" },
        { "R_T,error,so,gd.ho_so +,<=,1,m\n", "empty operand" },
        { "R_T,error,so,gd.ho_so gd.ho_so_tre,<=,1,m\n", "unexpected 'gd.ho_so_tre'" },
        { "R_T,error,so,gd.ho_so <= 5,<=,1,m\n", "goes in the op column" },
        { "R_T,error,so,gd.ho_so,<<,1,m\n", "operator must be" },
        { "R_T,error,so,gd.ho_so,<=,1 == 2,m\n", "unknown operator '=='" },
        { "R_T,error,so,gd.ho_so,<=,sum(huyen nl.thcs),m\n", "expected sum(levels; indicator)" },
        { "R_T,error,so,gd.ho_so,<=,sum(quan; nl.thcs),m\n", "bad levels 'quan'" },
        { "R_T,error,so,gd.ho_so,<=,sum(children; gd.ho_so),m\n", "have no children" },
        { "R_T,error,so,gd.ho_so,<=,sum(xa; nl.thcs),m\n", "not reported by the units summed" },
        { "R_T,error,so,ht.mo_hinh_mot_cua,<=,1,m\n", "an enum" },
        { "R_T,error,xa,ht.bdvhx,<=,1,m\n", "not reported at level xa" },
        { "R_T,error,so,gd.ho_so,<=,1 # 2,m\n", "'#'" },
        { "R_T,error,so,gd.ho_so,<=,1,{trai}\n", "unknown placeholder '{trai}'" },
        { "R_T,error,so,gd.ho_so,<=,1,{4}\n", "unknown placeholder '{4}'" },
        { "R_T,error,so,gd.ho_so,<=,1,\n", "the message is empty" },
        { "R_T,error,so,gd.ho_so,<=,1,m {left\n", "'{' without '}'" },
        { "R_T,error,so,gd.ho_so,<=,1,m,2 phần,\n", "bad tolerance" },
        { "R_T,error,so,gd.ho_so,<=,1,m,,sometimes\n", "missing must be" },
        { "R_T,fatal,so,gd.ho_so,<=,1,m\n", "severity must be" },
        { "R_T,error,quan,gd.ho_so,<=,1,m\n", "bad levels" },
        { "T,error,so,gd.ho_so,<=,1,m\n", "must start with R_" },
        { "R_T,error,so,,required,,m\n", "no indicator" },
        { "R_T,error,so,gd.ho_so,required,,m,1\n", "tolerance applies to comparisons only" },
        { "R_T,error,so,gd.ho_so,only_if,,m\n", "only_if needs a condition" },
        { "R_T,error,so,gd.ho_so,only_if,ht.mo_hinh_mot_cua,m\n", "needs 'in' and options" },
        { "R_T,error,so,gd.ho_so,only_if,ht.mo_hinh_mot_cua in fax,m\n", "option 'fax'" },
        { "R_T,error,so,gd.ho_so,only_if,hd.cong_ttdt co,m\n", "unexpected 'co'" },
        { "R_T,error,so,gd.ho_so,required,,{left}\n", "unknown placeholder '{left}'" },
        { "R_T,error,so,gd.hoso,required,,m\n", "unknown indicator 'gd.hoso'" },
        /* the ';' of a later sum is not this sum's */
        { "R_T,error,so,gd.ho_so,<=,sum(huyen nl.thcs) + sum(huyen; nl.thcs),m\n",
          "expected sum(levels; indicator)" },
        { "R_T,error,xa,gd.ho_so,<=,sum(children; ht.cbcc),m\n", "so and xa have no children" },
        /* reported at one of the rule's levels but not at the other: that one is named */
        { "R_T,error,huyen xa,ht.bdvhx,<=,1,m\n", "indicator 'ht.bdvhx' is not reported at level xa" },
        { "R_T,error,so,gd.ho_so,<=,1,{0}\n", "unknown placeholder '{0}'" },
        { "R_,error,so,gd.ho_so,<=,1,m\n", "must start with R_" },
        { "R_t,error,so,gd.ho_so,<=,1,m\n", "must start with R_ and hold only A-Z" },
        { "R_T,error,so,gd.ho_so,only_if,ht.mo_hinh_mot_cua in,m\n", "needs options after 'in'" },
        { "R_T,error,so,gd.ho_so,only_if,ht.mo_hinh_mot_cua co lien_thong,m\n", "needs 'in' and options" },
        { "R_T,error,so,gd.ho_so,<=,1,m,-5\n", "bad tolerance '-5'" },
        { "R_T,error,so,gd.ho_so,<=,sum(childs; nl.thcs),m\n", "bad levels 'childs'" },
        { "R_T,error,so,gd.ho_so,<=,sum(huyen; nl.thcs,m\n", "'(' without ')'" },
        { "R_T,error,so,gd.ho_so,<=,sum huyen; nl.thcs),m\n", "expected sum(levels; indicator)" },
        /* a code that starts with sum is an indicator's */
        { "R_T,error,so,sum.x,<=,1,m\n", "unknown indicator 'sum.x'" },
        { "R_T,error,so,gd.ho_so,<=,1,{lef}\n", "unknown placeholder '{lef}'" },
    };

    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        fixture *fx = *state;

        eg_layouts_free(&fx->L);
        eg_diag_free(&fx->dl);
        refused(fx, bad[i].line, bad[i].words);
    }
}

static void nesting_is_capped_not_a_stack_overflow(void **state)
{
    fixture *fx = *state;
    char line[4096];
    size_t n = 0;

    n += (size_t)snprintf(line + n, sizeof line - n, "R_T,error,so,");
    for (int i = 0; i < 200; i++)
        line[n++] = '(';
    n += (size_t)snprintf(line + n, sizeof line - n, "gd.ho_so");
    for (int i = 0; i < 200; i++)
        line[n++] = ')';
    snprintf(line + n, sizeof line - n, ",<=,1,m\n");
    refused(fx, line, "nested more than 32 deep");
}

static void a_very_long_expression_is_refused(void **state)
{
    fixture *fx = *state;
    size_t cap = 1200 * 11 + 64, n = 0;
    char *line = eg_xmalloc(cap);

    n += (size_t)snprintf(line, cap, "R_T,error,so,gd.ho_so");
    for (int i = 0; i < 1200; i++)
        n += (size_t)snprintf(line + n, cap - n, " + gd.ho_so");
    snprintf(line + n, cap - n, ",<=,1,m\n");
    refused(fx, line, "longer than 1000");
    free(line);
}

static void every_faulty_line_is_reported(void **state)
{
    fixture *fx = *state;
    int rows = 0;

    assert_int_equal(load_rules(fx, "R_A,error,so,gd.ho_so,<=,1,m\n"
                                    "R_B,error,so,gd.hoso,<=,1,m\n"
                                    "R_C,error,so,gd.ho_so,<=,(1,m\n"), -1);
    for (size_t i = 0; i < fx->dl.n; i++)
        rows |= 1 << fx->dl.items[i].row;
    assert_int_equal(rows, (1 << 3) | (1 << 4));
}

static void comparisons_keep_their_direction_in_the_op_column_and_in_a_chain(void **state)
{
    fixture *fx = *state;
    const eg_rule *r;

    assert_int_equal(load_rules(fx, "R_A,error,so,tt.dung_thu,>=,tt.hop_thu >= 1 ≥ 0,m\n"
                                    "R_B,error,so,tt.dung_thu,≤,tt.hop_thu,m\n"
                                    "R_C,error,so,tt.dung_thu,≥,tt.hop_thu,m\n"), 0);
    r = &fx->L.rules[0];
    assert_int_equal(r->n_operands, 4);
    assert_int_equal(r->cmps[0], EG_CMP_GE);
    assert_int_equal(r->cmps[1], EG_CMP_GE);
    assert_int_equal(r->cmps[2], EG_CMP_GE);
    assert_int_equal(fx->L.rules[1].cmps[0], EG_CMP_LE);
    assert_int_equal(fx->L.rules[2].cmps[0], EG_CMP_GE);
}

static void a_chain_holds_nine_operands_and_a_tenth_is_refused(void **state)
{
    fixture *fx = *state;

    assert_int_equal(only_rule(fx, "R_T,error,so,1,<=,1 <= 2 <= 3 <= 4 <= 5 <= 6 <= 7 <= 8,m\n")
                         ->n_operands, 9);
    eg_layouts_free(&fx->L);
    eg_diag_free(&fx->dl);
    refused(fx, "R_T,error,so,1,<=,1 <= 2 <= 3 <= 4 <= 5 <= 6 <= 7 <= 8 <= 9,m\n",
            "rule 'R_T': a chain holds at most 9 operands");
}

static void thirty_two_nested_parentheses_are_allowed(void **state)
{
    fixture *fx = *state;
    const eg_rule *r;
    char line[512];
    size_t n = 0;

    n += (size_t)snprintf(line + n, sizeof line - n, "R_T,error,so,");
    for (int i = 0; i < 32; i++)
        line[n++] = '(';
    n += (size_t)snprintf(line + n, sizeof line - n, "gd.ho_so");
    for (int i = 0; i < 32; i++)
        line[n++] = ')';
    snprintf(line + n, sizeof line - n, ",<=,1,m\n");
    r = only_rule(fx, line);
    assert_int_equal(node(r, r->operands[0].root)->indicator, ind(fx, "gd.ho_so"));
}

/* 997 nodes on the left (499 terms, 498 '+') and 2 or 4 on the right:
 * a rule of 999 nodes loads, one of 1001 is refused. */
static void a_rule_of_999_nodes_loads_and_one_of_1001_is_refused(void **state)
{
    fixture *fx = *state;
    size_t cap = 499 * 12 + 64, n = 0;
    char *left = eg_xmalloc(cap), *line = eg_xmalloc(cap + 64);

    n += (size_t)snprintf(left, cap, "R_T,error,so,gd.ho_so");
    for (int i = 0; i < 498; i++)
        n += (size_t)snprintf(left + n, cap - n, " + gd.ho_so");
    snprintf(line, cap + 64, "%s,<=,1 <= 1,m\n", left);
    assert_int_equal(only_rule(fx, line)->n_nodes, 999);
    eg_layouts_free(&fx->L);
    eg_diag_free(&fx->dl);
    snprintf(line, cap + 64, "%s,<=,1 <= 1 + 1,m\n", left);
    refused(fx, line, "expression longer than 1000 terms and operators");
    free(line);
    free(left);
}

static void children_of_a_province_are_its_departments_and_districts(void **state)
{
    fixture *fx = *state;
    const eg_rule *r = only_rule(fx, "R_T,error,tinh,ht.doanh_nghiep,>=,sum(children; ht.bdvhx),m\n");

    assert_int_equal(node(r, r->operands[1].root)->kind, EG_EX_SUM);
    assert_int_equal(node(r, r->operands[1].root)->children, 1);
    assert_int_equal(node(r, r->operands[1].root)->indicator, ind(fx, "ht.bdvhx"));
}

/* A text indicator has no number to compare, and no yes/no to hold. */
static void a_text_indicator_is_refused_in_a_comparison_and_in_a_condition(void **state)
{
    fixture *fx = *state;
    char path[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/indicators.csv", fx->dir);
    f = fopen(path, "ab");
    assert_non_null(f);
    fputs("x.ghi_chu,Ghi chú,,text,so huyen xa,,,,\n", f);
    fclose(f);
    refused(fx, "R_T,error,so,x.ghi_chu,<=,1,m\n",
            "rule 'R_T': indicator 'x.ghi_chu' is text: only numbers can be compared");
    eg_layouts_free(&fx->L);
    eg_diag_free(&fx->dl);
    refused(fx, "R_T,error,so,gd.ho_so,only_if,x.ghi_chu,m\n",
            "a condition cannot be on the text indicator 'x.ghi_chu'");
}

static void a_rule_below_a_blank_line_keeps_the_line_of_the_file(void **state)
{
    fixture *fx = *state;

    assert_int_equal(load_rules(fx, "\nR_A,error,so,gd.ho_so,<=,1,m\n\nR_B,error,so,gd.ho_so,<=,2,m\n"), 0);
    assert_int_equal(fx->L.n_rules, 2);
    assert_int_equal(fx->L.rules[0].line, 3);
    assert_int_equal(fx->L.rules[1].line, 5);
}

/* --- what a person editing rules.csv reads ------------------------------------ */

static void a_mistake_is_reported_with_the_file_the_line_and_these_exact_words(void **state)
{
    static const struct { const char *line, *message; } bad[] = {
        { "R_T,error,so,gd.ho_so,<=,1 <> 2,m\n",
          "rule 'R_T': unknown operator '<>': write <=, >=, =, < or >" },
        { "R_T,error,so,gd.ho_so,<=,1 >> 2,m\n",
          "rule 'R_T': unknown operator '>>': write <=, >=, =, < or >" },
        { "R_T,error,so,gd.ho_so,<=,1 =< 2,m\n",
          "rule 'R_T': unknown operator '=<': write <=, >=, =, < or >" },
        /* a character of three bytes is named whole */
        { "R_T,error,so,gd.ho_so,<=,1 ≠ 2,m\n", "rule 'R_T': unexpected '≠' after an operand" },
        { "R_T,error,so,gd.ho_so,<=,1 # 2,m\n", "rule 'R_T': unexpected '#' after an operand" },
        { "R_T,error,so,gd.ho_so,<=,1 + 5.,m\n", "rule 'R_T': unexpected '.' after an operand" },
        { "R_T,error,so,* gd.ho_so,<=,1,m\n",
          "rule 'R_T': expected an indicator, a number, sum(...) or '(', not '*'" },
        { "R_T,error,so,gd.ho_so -,<=,1,m\n",
          "rule 'R_T': empty operand: expected an indicator, a number, sum(...) or '('" },
        { "R_T,error,so,gd.ho_so <= 1,<=,1,m\n",
          "rule 'R_T': operator '<=' where an operand ends: the operator goes in the op column (<=, >= or =)" },
        { "R_T,error,so,gd.ho_so,<=,sum(so; ht.mo_hinh_mot_cua),m\n",
          "rule 'R_T': indicator 'ht.mo_hinh_mot_cua' is an enum: only numbers can be compared" },
        { "R_T,error,so,gd.ho_so,<=,sum(huyen; nl.thpt),m\n",
          "rule 'R_T': indicator 'nl.thpt' is not reported by the units summed" },
        { "R_T,error,so,gd.ho_so,<=,sum(children; gd.ho_so),m\n",
          "rule 'R_T': sum(children; gd.ho_so): units of level so and xa have no children in the registry" },
        { "R_T,error,so,gd.ho_so,<=,sum(tinh xa huyen; ),m\n", "rule 'R_T': unknown indicator ''" },
        /* every level the indicator lacks is named, in the registry's order */
        { "R_T,error,xa so,ht.bdvhx,<=,1,m\n",
          "rule 'R_T': indicator 'ht.bdvhx' is not reported at level so xa" },
        /* {1} to {9}: a two-digit number is no operand */
        { "R_T,error,so,gd.ho_so,<=,1,m {12}\n", "rule 'R_T': unknown placeholder '{12}' in the message" },
        { "R_T,error,so,gd.ho_so,required,,m {1}\n", "rule 'R_T': unknown placeholder '{1}' in the message" },
        /* only the word not negates */
        { "R_T,error,so,gd.ho_so,required,no hd.cong_ttdt,m\n", "rule 'R_T': unknown indicator 'no'" },
        { "R_T,error,so,gd.ho_so,only_if,not,m\n",
          "rule 'R_T': the condition names no indicator: write e.g. hd.cong_ttdt or not hd.cong_ttdt" },
        /* or between two alternatives, each naming its indicator */
        { "R_T,error,so,gd.ho_so,only_if,nl.thcs or,m\n",
          "rule 'R_T': the condition names no indicator: write e.g. hd.cong_ttdt or not hd.cong_ttdt" },
        { "R_T,error,so,gd.ho_so,only_if,or nl.thcs,m\n",
          "rule 'R_T': the condition names no indicator: write e.g. hd.cong_ttdt or not hd.cong_ttdt" },
        { "R_T,error,so huyen,gd.ho_so,only_if,nl.thcs or nl.thpt,m\n",
          "rule 'R_T': indicator 'nl.thpt' is not reported at level huyen" },
        /* a code the layouts cannot hold at all is said so before the R_ rule */
        { "R_ T,error,so,gd.ho_so,<=,1,m\n",
          "rule 'R_ T': a code is written with the letters a-z, digits, '.', '_' and '-' alone "
          "(no space, no Vietnamese letter)" },
        { "RA_T,error,so,gd.ho_so,<=,1,m\n",
          "rule 'RA_T': the code must start with R_ and hold only A-Z, 0-9 and _, not 'RA_T'" },
        /* the indicators of a list, and a condition's, at every level of the rule */
        { "R_T,error,so,ht.bdvhx,required,,m\n", "rule 'R_T': indicator 'ht.bdvhx' is not reported at level so" },
        { "R_T,error,so,gd.ho_so,required,ht.bdvhx,m\n",
          "rule 'R_T': indicator 'ht.bdvhx' is not reported at level so" },
        { "R_T,warn,so,gd.ho_so,<=,1,m\n", "rule 'R_T': severity must be error or warning, not 'warn'" },
        { "R_T,error,so,gd.ho_so,!=,1,m\n",
          "rule 'R_T': operator must be <=, >=, =, <, > (or ≤, ≥), required or only_if, not '!='" },
        { "R_T,error,so,gd.ho_so,<=,1,m,1%%\n",
          "rule 'R_T': bad tolerance '1%%': a number such as 5, or a percentage such as 2%" },
        { "R_T,error,so,gd.ho_so,<=,1,m,,skip\n",
          "rule 'R_T': missing must be skip_any, skip_all or never, not 'skip'" },
    };

    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        fixture *fx = *state;

        reload(fx);
        refused_exactly(fx, bad[i].line, 2, bad[i].message);
    }
}

static void less_greater_and_equal_keep_their_direction_in_a_chain(void **state)
{
    fixture *fx = *state;
    const eg_rule *r = only_rule(fx, "R_T,error,so,0,<=,1 <\t2 > 1 = 1,m {1} {5}\n");

    assert_int_equal(r->n_operands, 5);
    assert_int_equal(r->cmps[0], EG_CMP_LE);
    assert_int_equal(r->cmps[1], EG_CMP_LT);
    assert_int_equal(r->cmps[2], EG_CMP_GT);
    assert_int_equal(r->cmps[3], EG_CMP_EQ);
    assert_string_equal(r->operands[1].text, "1");
    assert_string_equal(r->operands[2].text, "2");
}

static void comparisons_are_written_back_with_their_own_symbols(void **state)
{
    (void)state;
    assert_string_equal(eg_cmp_symbol(EG_CMP_LE), "≤");
    assert_string_equal(eg_cmp_symbol(EG_CMP_GE), "≥");
    assert_string_equal(eg_cmp_symbol(EG_CMP_EQ), "=");
    assert_string_equal(eg_cmp_symbol(EG_CMP_LT), "<");
    assert_string_equal(eg_cmp_symbol(EG_CMP_GT), ">");
}

static void a_decimal_may_take_a_point_as_well_as_a_comma(void **state)
{
    fixture *fx = *state;
    const eg_rule *r = only_rule(fx, "R_T,error,so,gd.ho_so,<=,1.25 * gd.ho_so,m\n");
    const eg_expr_node *mul = node(r, r->operands[1].root);

    assert_int_equal(mul->kind, EG_EX_MUL);
    assert_int_equal(node(r, mul->a)->kind, EG_EX_NUMBER);
    assert_true(node(r, mul->a)->number == 1.25);
}

/* 10^15 is the largest number a rule may write, as in a submission. */
static void a_number_up_to_ten_to_the_fifteenth_loads_and_one_past_it_is_refused(void **state)
{
    fixture *fx = *state;
    const eg_rule *r = only_rule(fx, "R_T,error,so,gd.ho_so,<=,1000000000000000,m\n");

    assert_true(node(r, r->operands[1].root)->number == 1e15);
    reload(fx);
    refused_exactly(fx, "R_T,error,so,gd.ho_so,<=,1000000000000001,m\n", 2,
                    "rule 'R_T': bad number '1000000000000001'");
}

/* The message quotes the number as the file writes it, comma and all. */
static void a_bad_number_is_quoted_as_written(void **state)
{
    fixture *fx = *state;

    refused_exactly(fx, "R_T,error,so,gd.ho_so,<=,\"1000000000000000,5\",m\n", 2,
                    "rule 'R_T': bad number '1000000000000000,5'");
}

/* A percent sign with no number before it is a figure left out, not 0 %. */
static void a_tolerance_of_a_percent_sign_alone_is_refused(void **state)
{
    fixture *fx = *state;

    refused_exactly(fx, "R_T,error,so,gd.ho_so,<=,1,m, %\n", 2,
                    "rule 'R_T': bad tolerance '%': a number such as 5, or a percentage such as 2%");
}

/* Forty groups side by side are one deep, not forty. */
static void parentheses_side_by_side_do_not_add_to_the_depth(void **state)
{
    fixture *fx = *state;
    char line[512];
    size_t n = 0;

    n += (size_t)snprintf(line + n, sizeof line - n, "R_T,error,so,(gd.ho_so)");
    for (int i = 0; i < 39; i++)
        n += (size_t)snprintf(line + n, sizeof line - n, " + (1)");
    snprintf(line + n, sizeof line - n, ",<=,1,m\n");
    assert_int_equal(only_rule(fx, line)->n_nodes, 40 + 39 + 1);
}

static void children_of_a_province_include_its_departments(void **state)
{
    fixture *fx = *state;
    const eg_rule *r = only_rule(fx, "R_T,error,tinh,ht.doanh_nghiep,>=,sum(children; nl.thpt),m\n");

    assert_int_equal(node(r, r->operands[1].root)->indicator, ind(fx, "nl.thpt"));
}

static void a_code_may_hold_digits_and_underscores(void **state)
{
    fixture *fx = *state;

    only_rule(fx, "R_2020_T1,error,so,gd.ho_so,<=,1,m\n");
    assert_string_equal(fx->L.rules[0].code, "R_2020_T1");
    reload(fx);
    only_rule(fx, "R_AZ,error,so,gd.ho_so,<=,1,m\n");
    assert_string_equal(fx->L.rules[0].code, "R_AZ");
}

/* A chain of nine operands may name the ninth. */
static void the_ninth_operand_of_a_chain_may_be_named_in_the_message(void **state)
{
    fixture *fx = *state;
    const eg_rule *r = only_rule(fx, "R_T,error,so,1,<=,1 <= 2 <= 3 <= 4 <= 5 <= 6 <= 7 <= 8,{1} {9}\n");

    assert_int_equal(r->n_operands, 9);
    assert_string_equal(r->operands[8].text, "8");
    assert_string_equal(r->message, "{1} {9}");
    /* a comparison has no condition */
    assert_int_equal(r->cond.indicator, -1);
}

static void the_levels_of_a_sum_may_have_blanks_around_them(void **state)
{
    fixture *fx = *state;
    const eg_rule *r = only_rule(fx, "R_T,error,huyen,ht.cbcc,>=,sum(  children ; ht.cbcc ),m\n");

    assert_int_equal(node(r, r->operands[1].root)->kind, EG_EX_SUM);
    assert_int_equal(node(r, r->operands[1].root)->children, 1);
    assert_int_equal(node(r, r->operands[1].root)->indicator, ind(fx, "ht.cbcc"));
}

static void a_check_written_twice_is_refused_at_its_second_line_naming_the_first(void **state)
{
    fixture *fx = *state;

    refused_exactly(fx, "\nR_A,error,so,gd.ho_so,<=,1,m\nR_A,warning,so,gd.ho_so,<=,1,another message\n", 4,
                    "rule 'R_A': the same check as line 3 (a check written twice reports each unit twice)");
}

/* Code, levels, left and op alike, right not: another check. */
static void a_check_with_another_right_side_is_not_a_duplicate(void **state)
{
    fixture *fx = *state;

    assert_int_equal(load_rules(fx, "R_A,error,so,gd.ho_so,<=,1,m\nR_A,error,so,gd.ho_so,<=,2,m\n"), 0);
    assert_int_equal(fx->L.n_rules, 2);
    assert_int_equal(fx->dl.n, 0);
}

/* A message typed with combining accents is kept composed (NFC). */
static void a_message_is_kept_in_composed_form(void **state)
{
    fixture *fx = *state;
    const eg_rule *r = only_rule(fx, "R_T,error,so,gd.ho_so,<=,1,So\xcc\x82\xcc\x81 {left}\n");

    assert_string_equal(r->message, "S\xe1\xbb\x91 {left}");
}

static void a_condition_is_kept_as_written_without_the_blanks_around_it(void **state)
{
    fixture *fx = *state;
    const eg_rule *r = only_rule(fx, "R_T,error,so,gd.ho_so,required,\"  not hd.cong_ttdt \",m\n");

    assert_int_equal(r->cond.negate, 1);
    assert_string_equal(r->cond.text, "not hd.cong_ttdt");
}

/* --- settings ------------------------------------------------------------------ */

static void check_settings_have_defaults_and_refuse_nonsense(void **state)
{
    eg_check_settings s;
    const char *why = NULL;

    (void)state;
    eg_check_settings_default(&s);
    assert_true(s.outlier_threshold == 5 && s.outlier_min_units == 10);
    assert_true(s.baseline_max_change == 0.5 && s.baseline_max_points == 0.2);
    assert_int_equal(eg_check_setting(&s, "outlier_threshold", "3,5", &why), 1);
    assert_true(s.outlier_threshold == 3.5);
    assert_int_equal(eg_check_setting(&s, "baseline_max_points", "15", &why), 1);
    assert_true(s.baseline_max_points > 0.1499 && s.baseline_max_points < 0.1501);
    assert_int_equal(eg_check_setting(&s, "outlier_min_units", "2", &why), -1);
    assert_non_null(strstr(why, "at least 3"));
    assert_int_equal(eg_check_setting(&s, "outlier_min_units", "7,5", &why), -1);
    assert_int_equal(eg_check_setting(&s, "baseline_max_change", "-5", &why), -1);
    assert_int_equal(eg_check_setting(&s, "unit_code_pattern", "x", &why), 0);
}

static void check_settings_keep_their_bounds_and_units(void **state)
{
    eg_check_settings s;
    const char *why = NULL;

    (void)state;
    eg_check_settings_default(&s);
    assert_int_equal(eg_check_setting(&s, "outlier_threshold", "0", &why), -1);
    assert_string_equal(why, "outlier_threshold must be a number above 0, such as 5");
    assert_true(s.outlier_threshold == 5);
    assert_int_equal(eg_check_setting(&s, "outlier_min_units", "3", &why), 1);
    assert_int_equal(s.outlier_min_units, 3);
    assert_int_equal(eg_check_setting(&s, "baseline_max_points", "100", &why), 1);
    assert_true(s.baseline_max_points == 1);
    assert_int_equal(eg_check_setting(&s, "baseline_max_points", "100,5", &why), -1);
    /* a percentage: 50 is a change of half */
    assert_int_equal(eg_check_setting(&s, "baseline_max_change", "50", &why), 1);
    assert_true(s.baseline_max_change == 0.5);
    assert_int_equal(eg_check_setting(&s, "baseline_max_change", "0,5", &why), 1);
    assert_true(s.baseline_max_change == 0.005);
    assert_int_equal(eg_check_setting(&s, "baseline_max_change", "0", &why), -1);
    assert_string_equal(why, "baseline_max_change must be a percentage above 0, such as 50");
    assert_int_equal(eg_check_setting(&s, "baseline_max_points", "0", &why), -1);
    assert_string_equal(why, "baseline_max_points must be percentage points above 0 and at most 100, such as 20");
    assert_true(s.baseline_max_points == 1);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(a_chain_gives_three_operands_and_two_comparisons),
        T(multiplication_binds_tighter_than_addition),
        T(parentheses_group_and_decimals_take_a_comma),
        T(sums_over_levels_and_children),
        T(tolerance_absolute_or_relative_and_missing_words),
        T(required_takes_a_list_and_an_optional_condition),
        T(a_condition_may_join_alternatives_with_or),
        T(a_required_list_may_be_separated_by_commas),
        T(an_old_rule_file_of_seven_columns_still_loads),
        T(mistakes_are_refused_with_the_line_and_what_is_wrong),
        T(nesting_is_capped_not_a_stack_overflow),
        T(a_very_long_expression_is_refused),
        T(every_faulty_line_is_reported),
        T(comparisons_keep_their_direction_in_the_op_column_and_in_a_chain),
        T(a_chain_holds_nine_operands_and_a_tenth_is_refused),
        T(thirty_two_nested_parentheses_are_allowed),
        T(a_rule_of_999_nodes_loads_and_one_of_1001_is_refused),
        T(children_of_a_province_are_its_departments_and_districts),
        T(a_text_indicator_is_refused_in_a_comparison_and_in_a_condition),
        T(a_rule_below_a_blank_line_keeps_the_line_of_the_file),
        T(a_mistake_is_reported_with_the_file_the_line_and_these_exact_words),
        T(less_greater_and_equal_keep_their_direction_in_a_chain),
        cmocka_unit_test(comparisons_are_written_back_with_their_own_symbols),
        T(a_decimal_may_take_a_point_as_well_as_a_comma),
        T(a_number_up_to_ten_to_the_fifteenth_loads_and_one_past_it_is_refused),
        T(a_bad_number_is_quoted_as_written),
        T(a_tolerance_of_a_percent_sign_alone_is_refused),
        T(parentheses_side_by_side_do_not_add_to_the_depth),
        T(children_of_a_province_include_its_departments),
        T(a_code_may_hold_digits_and_underscores),
        T(the_ninth_operand_of_a_chain_may_be_named_in_the_message),
        T(the_levels_of_a_sum_may_have_blanks_around_them),
        T(a_check_written_twice_is_refused_at_its_second_line_naming_the_first),
        T(a_check_with_another_right_side_is_not_a_duplicate),
        T(a_message_is_kept_in_composed_form),
        T(a_condition_is_kept_as_written_without_the_blanks_around_it),
        cmocka_unit_test(check_settings_have_defaults_and_refuse_nonsense),
        cmocka_unit_test(check_settings_keep_their_bounds_and_units),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
