/*
 * test_checks.c - normalize/rules.c, completeness.h, outliers.h and
 * checks.h on years built by hand: what a rule does with missing figures,
 * a ratio of nothing, tolerances and strict comparisons, and how its
 * message says the figures; how submissions are dated and counted; when a
 * value is an outlier, and when a figure moved too far from last year's;
 * that every check runs, with one thread or two.
 *
 * The layouts are a copy of the real ones whose rules.csv each test
 * writes; the registry is a province GL, two departments, a district PKU
 * with two communes and, for the outliers, ten more communes (and, for
 * a sum over no children, a district GL.CPU without any).
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
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/mem.h"
#include "core/text.h"
#include "layout/layout.h"
#include "normalize/accept.h"
#include "normalize/checks.h"
#include "normalize/completeness.h"
#include "normalize/figures.h"
#include "normalize/outliers.h"
#include "normalize/reconcile.h"
#include "support.h"

typedef struct {
    char dir[64];
    eg_layouts L;
    eg_dataset ds;
    eg_acceptor acc;
    eg_diag_list dl;          /* acceptance */
    eg_diag_list out;         /* what the checks say */
    long row;
} fixture;

enum { TINH, SO_A, SO_B, PKU, PKU1, PKU2, N_UNITS };

/* A unit named after its code. */
static void add_unit(eg_dataset *ds, const char *code, eg_level level, int parent)
{
    char *name = eg_xasprintf("Đơn vị %s", code);

    eg_test_add_unit(ds, code, name, level, parent);
    free(name);
}

static int copy_layouts(fixture *fx)
{
    DIR *d = opendir(LAYOUT_DIR);
    struct dirent *e;

    strcpy(fx->dir, "/tmp/egreport-test-checks-XXXXXX");
    if (!d || !mkdtemp(fx->dir))
        return -1;
    while ((e = readdir(d)) != NULL) {
        char from[512], to[512], buf[8192];
        FILE *in, *out;
        size_t n;

        if (e->d_name[0] == '.')
            continue;
        snprintf(from, sizeof from, "%s/%s", LAYOUT_DIR, e->d_name);
        snprintf(to, sizeof to, "%s/%s", fx->dir, e->d_name);
        in = fopen(from, "rb");
        out = fopen(to, "wb");
        while (in && out && (n = fread(buf, 1, sizeof buf, in)) > 0)
            fwrite(buf, 1, n, out);
        if (in)
            fclose(in);
        if (out)
            fclose(out);
    }
    closedir(d);
    return 0;
}

/* Writes text to the layouts' file name ("wb"), or adds it ("ab"). */
static void layout_file(fixture *fx, const char *name, const char *mode, const char *text)
{
    char path[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", fx->dir, name);
    f = fopen(path, mode);
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Loads the layouts with rules.csv holding lines; then a year with the
 * registry (and extra_communes more communes of PKU, and with lonely a
 * district GL.CPU without communes, last) and four files. */
static void start_with(fixture *fx, const char *rules, size_t extra_communes, int lonely)
{
    layout_file(fx, "rules.csv", "wb", "code,severity,levels,left,op,right,message,tolerance,"
                                       "missing\n");
    layout_file(fx, "rules.csv", "ab", rules);
    if (eg_layouts_load(&fx->L, fx->dir, &fx->dl))
        fail_msg("layouts refused: %s", fx->dl.items[0].message);
    fx->ds.year = 2021;
    add_unit(&fx->ds, "GL", EG_LEVEL_TINH, -1);
    add_unit(&fx->ds, "GL.SA", EG_LEVEL_SO, TINH);
    add_unit(&fx->ds, "GL.SB", EG_LEVEL_SO, TINH);
    add_unit(&fx->ds, "GL.PKU", EG_LEVEL_HUYEN, TINH);
    add_unit(&fx->ds, "GL.PKU.01", EG_LEVEL_XA, PKU);
    add_unit(&fx->ds, "GL.PKU.02", EG_LEVEL_XA, PKU);
    for (size_t i = 0; i < extra_communes; i++) {
        char code[32];

        snprintf(code, sizeof code, "GL.PKU.%02zu", i + 3);
        add_unit(&fx->ds, code, EG_LEVEL_XA, PKU);
    }
    if (lonely)
        add_unit(&fx->ds, "GL.CPU", EG_LEVEL_HUYEN, TINH);
    fx->ds.files = eg_xcalloc(4, sizeof *fx->ds.files);
    for (int i = 0; i < 4; i++)
        fx->ds.files[i].path = eg_xasprintf("submissions/f%d.csv", i);
    fx->ds.n_files = 4;
    fx->row = 2;
    eg_acceptor_init(&fx->acc, &fx->ds, &fx->L, &fx->dl);
}

static void start(fixture *fx, const char *rules, size_t extra_communes)
{
    start_with(fx, rules, extra_communes, 0);
}

static void put_in(fixture *fx, int file, const char *unit, const char *ind, const char *value,
                   const char *submitted_on)
{
    eg_raw_value rv = {
        .file = file, .row = fx->row++,
        .unit = unit, .unit_col = 1,
        .indicator = ind, .indicator_col = 2,
        .value = value, .value_col = 3,
        .note = "", .submitted_on = submitted_on, .submitted_on_col = 4,
    };

    eg_accept_raw(&fx->acc, &rv);
}

static void put(fixture *fx, const char *unit, const char *ind, const char *value)
{
    put_in(fx, 0, unit, ind, value, NULL);
}

static void finish(fixture *fx)
{
    eg_acceptor_finish(&fx->acc);
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);

    if (!fx || copy_layouts(fx))
        return -1;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    eg_test_remove_dir(fx->dir);
    eg_dataset_free(&fx->ds);
    eg_layouts_free(&fx->L);
    eg_diag_free(&fx->dl);
    eg_diag_free(&fx->out);
    free(fx);
    return 0;
}

static size_t count(const eg_diag_list *dl, const char *code, const char *unit)
{
    size_t n = 0;

    for (size_t i = 0; i < dl->n; i++)
        n += strcmp(dl->items[i].code, code) == 0 &&
             (!unit || (dl->items[i].unit && strcmp(dl->items[i].unit, unit) == 0));
    return n;
}

/* --- rules ---------------------------------------------------------------- */

static void a_ratio_of_nothing_skips_the_rule(void **state)
{
    fixture *fx = *state;

    start(fx, "R_TL,error,so,100 * ht.cbcc_may_tinh / ht.cbcc,<=,50,tỷ lệ {left}\n", 0);
    put(fx, "GL.SA", "ht.cbcc", "0");
    put(fx, "GL.SA", "ht.cbcc_may_tinh", "0");
    put(fx, "GL.SB", "ht.cbcc", "10");
    put(fx, "GL.SB", "ht.cbcc_may_tinh", "6");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(count(&fx->out, "R_TL", NULL), 1);
    assert_int_equal(count(&fx->out, "R_TL", "GL.SB"), 1);
    assert_non_null(strstr(fx->out.items[0].message, "tỷ lệ 60"));
}

static void strict_comparisons_refuse_equality(void **state)
{
    fixture *fx = *state;

    start(fx, "R_LT,warning,so,ht.cbcc_may_tinh,<,ht.cbcc,m\n"
              "R_GT,warning,so,ht.cbcc,>,ht.cbcc_may_tinh,m\n", 0);
    put(fx, "GL.SA", "ht.cbcc", "10");
    put(fx, "GL.SA", "ht.cbcc_may_tinh", "10");
    put(fx, "GL.SB", "ht.cbcc", "10");
    put(fx, "GL.SB", "ht.cbcc_may_tinh", "9");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(count(&fx->out, "R_LT", "GL.SA"), 1);
    assert_int_equal(count(&fx->out, "R_GT", "GL.SA"), 1);
    assert_int_equal(fx->out.n, 2);
    assert_int_equal(fx->out.items[0].severity, EG_WARNING);
}

static void never_counts_missing_as_zero_but_not_for_units_that_sent_nothing(void **state)
{
    fixture *fx = *state;

    start(fx, "R_N,error,so,gd.ho_so_tre,<=,gd.ho_so,{left} {right},,never\n", 0);
    put(fx, "GL.SA", "gd.ho_so_tre", "5");     /* gd.ho_so missing: 5 <= 0 fails */
    finish(fx);                                /* GL.SB sent nothing: not checked */
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(count(&fx->out, "R_N", NULL), 1);
    assert_string_equal(fx->out.items[0].unit, "GL.SA");
    assert_string_equal(fx->out.items[0].message, "5 0 (Đơn vị GL.SA: gd.ho_so_tre ≤ gd.ho_so)");
}

static void a_chain_reports_its_first_failing_pair_once(void **state)
{
    fixture *fx = *state;

    start(fx, "R_C,error,xa,tt.dung_thu,<=,tt.hop_thu <= ht.cbcc,{left}>{right} of {1} {2} {3}\n", 0);
    put(fx, "GL.PKU.01", "tt.dung_thu", "30");
    put(fx, "GL.PKU.01", "tt.hop_thu", "20");
    put(fx, "GL.PKU.01", "ht.cbcc", "10");      /* both pairs fail */
    put(fx, "GL.PKU.02", "tt.dung_thu", "5");
    put(fx, "GL.PKU.02", "ht.cbcc", "10");      /* tt.hop_thu missing: skipped */
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(count(&fx->out, "R_C", NULL), 1);
    assert_non_null(strstr(fx->out.items[0].message, "30>20 of 30 20 10"));
    assert_string_equal(fx->out.items[0].indicator, "tt.dung_thu");
}

/* A message that names the unit ({unit}) is not followed by its name again. */
static void a_message_naming_the_unit_is_not_followed_by_its_name(void **state)
{
    fixture *fx = *state;

    start(fx, "R_U,error,xa,tt.dung_thu,<=,tt.hop_thu,{unit}: {left} > {right}\n"
              "R_V,error,xa,tt.hop_thu,<=,ht.cbcc,{left} > {right}\n", 0);
    put(fx, "GL.PKU.01", "tt.dung_thu", "30");
    put(fx, "GL.PKU.01", "tt.hop_thu", "20");
    put(fx, "GL.PKU.01", "ht.cbcc", "10");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 2);
    for (size_t i = 0; i < 2; i++) {
        const eg_diag *d = &fx->out.items[i];

        if (strcmp(d->code, "R_U") == 0)
            assert_string_equal(d->message, "Đơn vị GL.PKU.01: 30 > 20 (tt.dung_thu ≤ tt.hop_thu)");
        else
            assert_string_equal(d->message, "20 > 10 (Đơn vị GL.PKU.01: tt.hop_thu ≤ ht.cbcc)");
    }
}

static void required_skips_values_already_refused(void **state)
{
    fixture *fx = *state;

    start(fx, "R_REQ,warning,so,ht.cbcc tt.vb_di,required,,thiếu {indicator}\n", 0);
    put(fx, "GL.SA", "ht.cbcc", "mười");        /* refused: E_VALUE_COUNT */
    put(fx, "GL.SB", "tt.vb_di", "7");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->dl);   /* the list that holds the refusal */
    assert_int_equal(count(&fx->dl, "E_VALUE_COUNT", "GL.SA"), 1);
    assert_int_equal(count(&fx->dl, "R_REQ", "GL.SA"), 1);    /* tt.vb_di only */
    assert_int_equal(count(&fx->dl, "R_REQ", "GL.SB"), 1);    /* ht.cbcc */
    for (size_t i = 0; i < fx->dl.n; i++)
        if (strcmp(fx->dl.items[i].code, "R_REQ") == 0 &&
            strcmp(fx->dl.items[i].unit, "GL.SA") == 0)
            assert_string_equal(fx->dl.items[i].indicator, "tt.vb_di");
}

/* The message of the first diagnostic of code in the list, or "". */
static const char *message_of(const eg_diag_list *dl, const char *code, const char *unit)
{
    for (size_t i = 0; i < dl->n; i++)
        if (strcmp(dl->items[i].code, code) == 0 &&
            (!unit || (dl->items[i].unit && strcmp(dl->items[i].unit, unit) == 0)))
            return dl->items[i].message;
    return "";
}

/* The education department is the one that reports nl.thcs or nl.th
 * (indicators.md): a department that gave its primary schools alone may
 * give the upper secondary ones; one that gave neither may not. */
static void a_condition_of_alternatives_holds_when_one_of_them_does(void **state)
{
    fixture *fx = *state;

    start(fx, "R_GD,error,so,nl.thpt,only_if,nl.thcs or nl.th,{indicator} khi {condition},,never\n", 0);
    put(fx, "GL.SA", "nl.th", "45");
    put(fx, "GL.SA", "nl.thpt", "24");
    put(fx, "GL.SB", "nl.thpt", "2");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(count(&fx->out, "R_GD", "GL.SA"), 0);
    assert_int_equal(count(&fx->out, "R_GD", "GL.SB"), 1);
    assert_non_null(strstr(message_of(&fx->out, "R_GD", "GL.SB"),
                           "nl.thpt khi nl.thcs or nl.th"));
}

/* An alternative sent and refused is not missing: its own error says
 * what to mend, and the rule says nothing more. */
static void a_condition_with_a_refused_alternative_is_skipped(void **state)
{
    fixture *fx = *state;

    start(fx, "R_GD,error,so,nl.thpt,only_if,nl.thcs or nl.th,m,,never\n", 0);
    put(fx, "GL.SA", "nl.th", "bốn lăm");      /* refused: E_VALUE_COUNT */
    put(fx, "GL.SA", "nl.thpt", "24");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->dl);   /* the list that holds the refusal */
    assert_int_equal(count(&fx->dl, "E_VALUE_COUNT", "GL.SA"), 1);
    assert_int_equal(count(&fx->dl, "R_GD", NULL), 0);
}

/* 0 in 0 is no ratio: the rule is skipped, even one that a 0 would break */
static void a_ratio_of_nothing_skips_even_a_rule_that_zero_would_break(void **state)
{
    fixture *fx = *state;

    start(fx, "R_TL,error,so,100 * ht.cbcc_may_tinh / ht.cbcc,>=,50,tỷ lệ {left}\n", 0);
    put(fx, "GL.SA", "ht.cbcc", "0");
    put(fx, "GL.SA", "ht.cbcc_may_tinh", "0");
    put(fx, "GL.SB", "ht.cbcc", "10");
    put(fx, "GL.SB", "ht.cbcc_may_tinh", "4");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_int_equal(count(&fx->out, "R_TL", "GL.SB"), 1);
    assert_non_null(strstr(fx->out.items[0].message, "tỷ lệ 40"));
}

/* An absolute tolerance lets a difference up to it pass, either way of
 * the comparison; beyond it, the message says the difference and the
 * tolerance. */
static void a_difference_within_the_tolerance_passes_and_one_beyond_it_is_told(void **state)
{
    fixture *fx = *state;

    start(fx, "R_LE,error,so,ht.cbcc_may_tinh,<=,ht.cbcc,{left} {right} {diff} {tolerance},2\n"
              "R_GE,error,so,ht.cbcc,>=,ht.cbcc_may_tinh,m,2\n", 0);
    put(fx, "GL.SA", "ht.cbcc", "10");
    put(fx, "GL.SA", "ht.cbcc_may_tinh", "12");     /* 2 over: within */
    put(fx, "GL.SB", "ht.cbcc", "10");
    put(fx, "GL.SB", "ht.cbcc_may_tinh", "13");     /* 3 over */
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(count(&fx->out, "R_LE", "GL.SA"), 0);
    assert_int_equal(count(&fx->out, "R_GE", "GL.SA"), 0);
    assert_int_equal(count(&fx->out, "R_LE", "GL.SB"), 1);
    assert_int_equal(count(&fx->out, "R_GE", "GL.SB"), 1);
    assert_string_equal(message_of(&fx->out, "R_LE", "GL.SB"),
                        "13 10 3 2 (Đơn vị GL.SB: ht.cbcc_may_tinh ≤ ht.cbcc, sai số cho phép 2)");
}

/* A relative tolerance is of the larger side: 10% of 111 lets 111 stand
 * against 100; 112 is 12 over, more than 11,2. */
static void a_relative_tolerance_is_of_the_larger_side(void **state)
{
    fixture *fx = *state;

    start(fx, "R_REL,error,so,ht.cbcc_may_tinh,<=,ht.cbcc,{diff} {tolerance},10%\n", 0);
    put(fx, "GL.SA", "ht.cbcc", "100");
    put(fx, "GL.SA", "ht.cbcc_may_tinh", "111");
    put(fx, "GL.SB", "ht.cbcc", "100");
    put(fx, "GL.SB", "ht.cbcc_may_tinh", "112");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(message_of(&fx->out, "R_REL", "GL.SB"),
                        "12 10% (Đơn vị GL.SB: ht.cbcc_may_tinh ≤ ht.cbcc, sai số cho phép 10%)");
}

/* 0,1 + 0,2 is 0,30000000000000004 in binary: equal to 0,3 to a
 * millionth, so neither less nor more than it. */
static void decimals_equal_to_a_millionth_are_equal_and_neither_less_nor_more(void **state)
{
    fixture *fx = *state;

    start(fx, "R_EQ,warning,so,diem.san_sang + diem.hien_dien,=,diem.tuong_tac,m\n"
              "R_LT,warning,so,diem.tuong_tac,<,diem.san_sang + diem.hien_dien,m\n"
              "R_GT,warning,so,diem.san_sang + diem.hien_dien,>,diem.tuong_tac,m\n", 0);
    put(fx, "GL.SA", "diem.san_sang", "0,1");
    put(fx, "GL.SA", "diem.hien_dien", "0,2");
    put(fx, "GL.SA", "diem.tuong_tac", "0,3");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(count(&fx->out, "R_EQ", NULL), 0);
    assert_int_equal(count(&fx->out, "R_LT", "GL.SA"), 1);
    assert_int_equal(count(&fx->out, "R_GT", "GL.SA"), 1);
    assert_int_equal(fx->out.n, 2);
}

/* The millionth is of the larger side: 30,00002 equals 30 to it (a
 * millionth of 30 is 0,00003); 30,0001 does not. */
static void decimals_are_equal_to_a_millionth_of_the_larger_side(void **state)
{
    fixture *fx = *state;

    start(fx, "R_EQ,warning,so,diem.san_sang,=,diem.tuong_tac,m\n", 0);
    put(fx, "GL.SA", "diem.san_sang", "30,00002");
    put(fx, "GL.SA", "diem.tuong_tac", "30");
    put(fx, "GL.SB", "diem.san_sang", "30,0001");
    put(fx, "GL.SB", "diem.tuong_tac", "30");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_int_equal(count(&fx->out, "R_EQ", "GL.SB"), 1);
}

/* Counts are compared exactly, however large: a millionth of two million
 * documents would let one more pass as equal, and call one fewer "not
 * less". */
static void whole_numbers_are_compared_exactly_however_large(void **state)
{
    fixture *fx = *state;

    start(fx, "R_EQ,error,so,tt.vb_di_dien_tu,=,tt.vb_di,m\n"
              "R_LE,error,so,tt.vb_di_dien_tu,<=,tt.vb_di,m\n"
              "R_LT,error,so,tt.vb_di,<,tt.vb_den,m\n", 0);
    put(fx, "GL.SA", "tt.vb_di", "2000000");
    put(fx, "GL.SA", "tt.vb_di_dien_tu", "2000001");
    put(fx, "GL.SA", "tt.vb_den", "2000001");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(count(&fx->out, "R_EQ", "GL.SA"), 1);
    assert_int_equal(count(&fx->out, "R_LE", "GL.SA"), 1);
    assert_int_equal(count(&fx->out, "R_LT", NULL), 0);
    assert_string_equal(message_of(&fx->out, "R_EQ", "GL.SA"),
                        "m (Đơn vị GL.SA: tt.vb_di_dien_tu = tt.vb_di)");
}

/* The figures of a message as a clerk writes them: a sign, two decimals
 * at most, no trailing zero, and a difference without a sign. */
static void a_message_says_its_figures_as_a_clerk_writes_them(void **state)
{
    fixture *fx = *state;

    start(fx, "R_M,warning,so,diem.san_sang - diem.hien_dien,>=,diem.tuong_tac,"
              "{left} {right} {diff}\n", 0);
    put(fx, "GL.SA", "diem.san_sang", "2,5");
    put(fx, "GL.SA", "diem.hien_dien", "5");
    put(fx, "GL.SA", "diem.tuong_tac", "0,25");
    put(fx, "GL.SB", "diem.san_sang", "1");
    put(fx, "GL.SB", "diem.hien_dien", "0");
    put(fx, "GL.SB", "diem.tuong_tac", "10,004");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 2);
    assert_string_equal(message_of(&fx->out, "R_M", "GL.SA"),
                        "-2,5 0,25 2,75 (Đơn vị GL.SA: diem.san_sang - diem.hien_dien ≥ "
                        "diem.tuong_tac)");
    /* 10,004 to two decimals is 10,00: written 10 */
    assert_string_equal(message_of(&fx->out, "R_M", "GL.SB"),
                        "1 10 9 (Đơn vị GL.SB: diem.san_sang - diem.hien_dien ≥ "
                        "diem.tuong_tac)");
}

/* A rule broken by less than a hundredth says by how much, where two
 * decimals said it was broken by "-0" and "0". */
static void a_rule_broken_by_less_than_a_hundredth_says_by_how_much(void **state)
{
    fixture *fx = *state;

    start(fx, "R_M,warning,so,diem.san_sang - diem.hien_dien,>=,diem.tuong_tac,"
              "{left} {right} {diff}\n", 0);
    put(fx, "GL.SA", "diem.san_sang", "1");
    put(fx, "GL.SA", "diem.hien_dien", "1,003");
    put(fx, "GL.SA", "diem.tuong_tac", "0");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(message_of(&fx->out, "R_M", "GL.SA"),
                        "-0,003 0 0,003 (Đơn vị GL.SA: diem.san_sang - diem.hien_dien ≥ "
                        "diem.tuong_tac)");
}

/* A compare diagnostic is filed at the first value of its failing pair's
 * left side. */
static void a_broken_rule_is_filed_at_its_first_own_value(void **state)
{
    fixture *fx = *state;
    long row;

    start(fx, "R_W,error,so,tt.vb_di_dien_tu + tt.vb_den_xu_ly,<=,tt.vb_di,m\n", 0);
    row = fx->row;
    put_in(fx, 2, "GL.SA", "tt.vb_di_dien_tu", "5", NULL);
    put_in(fx, 3, "GL.SA", "tt.vb_den_xu_ly", "6", NULL);
    put_in(fx, 3, "GL.SA", "tt.vb_di", "10", NULL);
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(fx->out.items[0].indicator, "tt.vb_di_dien_tu");
    assert_string_equal(fx->out.items[0].file, "submissions/f2.csv");
    assert_int_equal(fx->out.items[0].row, row);
}

/* skip_all runs with what there is, missing figures as 0, and is
 * skipped only when every figure is missing. */
static void skip_all_runs_unless_every_figure_is_missing(void **state)
{
    fixture *fx = *state;

    start(fx, "R_A,error,so huyen,tt.vb_di_dien_tu,<=,tt.vb_di - 1,m,,skip_all\n", 0);
    put(fx, "GL.SA", "tt.vb_di_dien_tu", "3");      /* 3 <= 0 - 1 fails */
    put(fx, "GL.SB", "ht.cbcc", "10");              /* both missing: skipped */
    put(fx, "GL.PKU", "tt.vb_di", "1");             /* 0 <= 1 - 1 holds */
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_int_equal(count(&fx->out, "R_A", "GL.SA"), 1);
}

/* A sum over no units is 0, not missing: a district without communes in
 * units.csv has none of their staff, and the rule runs. */
static void a_sum_over_no_children_is_zero_not_missing(void **state)
{
    fixture *fx = *state;

    start_with(fx, "R_K,error,huyen,ht.cbcc,>=,sum(children; ht.cbcc) + 1,{left} {right}\n",
               0, 1);
    put(fx, "GL.PKU", "ht.cbcc", "10");             /* its communes' missing: skipped */
    put(fx, "GL.CPU", "ht.cbcc", "0");              /* 0 >= 0 + 1 fails */
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(message_of(&fx->out, "R_K", "GL.CPU"),
                        "0 1 (Đơn vị GL.CPU: ht.cbcc ≥ sum(children; ht.cbcc) + 1)");
}

/* A sum over levels counts as missing only for the units whose level
 * reports the figure: nl.thcs is no commune's. */
static void a_sum_over_levels_is_whole_without_the_levels_that_do_not_report_it(void **state)
{
    fixture *fx = *state;

    start(fx, "R_S,error,tinh,sum(huyen xa; nl.thcs),>=,1,m\n", 0);
    put(fx, "GL", "ht.doanh_nghiep", "10");
    put(fx, "GL.PKU", "nl.thcs", "0");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_int_equal(count(&fx->out, "R_S", "GL"), 1);
}

/* skip_all counts a sum as one of the rule's figures: a district's own
 * staff against its communes' that none reported is run, the sum 0. */
static void skip_all_runs_a_figure_against_a_sum_of_nothing(void **state)
{
    fixture *fx = *state;

    start(fx, "R_A,error,huyen,sum(children; ht.cbcc),>=,ht.cbcc,{left} {right},,skip_all\n", 0);
    put(fx, "GL.PKU", "ht.cbcc", "5");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(message_of(&fx->out, "R_A", "GL.PKU"),
                        "0 5 (Đơn vị GL.PKU: sum(children; ht.cbcc) ≥ ht.cbcc)");
}

/* A rule of numbers alone misses no figure: skip_all runs it. */
static void skip_all_runs_a_rule_of_numbers_alone(void **state)
{
    fixture *fx = *state;

    start(fx, "R_K,error,so,2,<=,1,{left} {right},,skip_all\n", 0);
    put(fx, "GL.SA", "ht.cbcc", "5");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(message_of(&fx->out, "R_K", "GL.SA"), "2 1 (Đơn vị GL.SA: 2 ≤ 1)");
}

/* A ratio of nothing on the right side skips the rule as on the left. */
static void a_ratio_of_nothing_on_the_right_skips_the_rule(void **state)
{
    fixture *fx = *state;

    start(fx, "R_TL,error,so,50,<=,100 * ht.cbcc_may_tinh / ht.cbcc,tỷ lệ {right}\n", 0);
    put(fx, "GL.SA", "ht.cbcc", "0");
    put(fx, "GL.SA", "ht.cbcc_may_tinh", "0");
    put(fx, "GL.SB", "ht.cbcc", "10");
    put(fx, "GL.SB", "ht.cbcc_may_tinh", "4");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(message_of(&fx->out, "R_TL", "GL.SB"),
                        "tỷ lệ 40 (Đơn vị GL.SB: 50 ≤ 100 * ht.cbcc_may_tinh / ht.cbcc)");
}

/* Below a thousandth a figure is said with the decimals its first digit
 * needs (0,0004); below half a millionth it is 0, never -0. */
static void a_rule_broken_by_less_than_a_thousandth_says_by_how_much(void **state)
{
    fixture *fx = *state;

    start(fx, "R_M,warning,so,diem.san_sang - diem.hien_dien,>=,diem.tuong_tac,"
              "{left} {right} {diff}\n"
              "R_S,warning,so,diem.san_sang - diem.hien_dien,>,diem.tuong_tac,"
              "{left} {right} {diff}\n", 0);
    put(fx, "GL.SA", "diem.san_sang", "1");
    put(fx, "GL.SA", "diem.hien_dien", "1,0004");
    put(fx, "GL.SA", "diem.tuong_tac", "0");
    put(fx, "GL.SB", "diem.san_sang", "1");
    put(fx, "GL.SB", "diem.hien_dien", "1,0000001");
    put(fx, "GL.SB", "diem.tuong_tac", "0");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 3);
    assert_string_equal(message_of(&fx->out, "R_M", "GL.SA"),
                        "-0,0004 0 0,0004 (Đơn vị GL.SA: diem.san_sang - diem.hien_dien ≥ "
                        "diem.tuong_tac)");
    /* equal to a millionth: not more */
    assert_int_equal(count(&fx->out, "R_M", "GL.SB"), 0);
    assert_string_equal(message_of(&fx->out, "R_S", "GL.SB"),
                        "0 0 0 (Đơn vị GL.SB: diem.san_sang - diem.hien_dien > "
                        "diem.tuong_tac)");
}

/* The millionth is of the larger side, not the smaller: 1.000.000,5 and
 * 999.999,5 are 1 apart, within a millionth of the first (1,0000005),
 * past one of the second (0,9999995). */
static void decimals_apart_by_a_millionth_of_the_larger_side_alone_are_equal(void **state)
{
    fixture *fx = *state;

    start(fx, "R_EQ,warning,so,diem.san_sang + 1000000,=,diem.tuong_tac + 999999,m\n", 0);
    put(fx, "GL.SA", "diem.san_sang", "0,5");
    put(fx, "GL.SA", "diem.tuong_tac", "0,5");
    put(fx, "GL.SB", "diem.san_sang", "0,5");
    put(fx, "GL.SB", "diem.tuong_tac", "0,4");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_int_equal(count(&fx->out, "R_EQ", "GL.SB"), 1);
}

/* = is broken by a left side below the right as by one above it. */
static void equality_is_broken_either_way(void **state)
{
    fixture *fx = *state;

    start(fx, "R_EQ,error,so,tt.vb_di_dien_tu,=,tt.vb_di,{left} {right} {diff},1\n", 0);
    put(fx, "GL.SA", "tt.vb_di", "10");
    put(fx, "GL.SA", "tt.vb_di_dien_tu", "8");      /* 2 under */
    put(fx, "GL.SB", "tt.vb_di", "10");
    put(fx, "GL.SB", "tt.vb_di_dien_tu", "12");     /* 2 over */
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 2);
    assert_string_equal(message_of(&fx->out, "R_EQ", "GL.SA"),
                        "8 10 2 (Đơn vị GL.SA: tt.vb_di_dien_tu = tt.vb_di, sai số cho phép 1)");
    assert_string_equal(message_of(&fx->out, "R_EQ", "GL.SB"),
                        "12 10 2 (Đơn vị GL.SB: tt.vb_di_dien_tu = tt.vb_di, sai số cho phép 1)");
}

/* A tolerance loosens a strict comparison too: with 2, 11 < 10 and 9 > 10
 * pass (the difference is within it), 12 < 10 and 8 > 10 do not. */
static void a_tolerance_loosens_strict_comparisons_too(void **state)
{
    fixture *fx = *state;

    start(fx, "R_LT,warning,so,tt.vb_di_dien_tu,<,tt.vb_di,m,2\n"
              "R_GT,warning,so,tt.vb_den,>,tt.vb_di,m,2\n", 0);
    put(fx, "GL.SA", "tt.vb_di", "10");
    put(fx, "GL.SA", "tt.vb_di_dien_tu", "11");
    put(fx, "GL.SA", "tt.vb_den", "9");
    put(fx, "GL.SB", "tt.vb_di", "10");
    put(fx, "GL.SB", "tt.vb_di_dien_tu", "12");
    put(fx, "GL.SB", "tt.vb_den", "8");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 2);
    assert_int_equal(count(&fx->out, "R_LT", "GL.SB"), 1);
    assert_int_equal(count(&fx->out, "R_GT", "GL.SB"), 1);
}

/* A figure that five decimals would show as 0 is written with six:
 * 3 millionths against 3 millionths is not less. */
static void a_figure_of_a_few_millionths_is_said_to_six_decimals(void **state)
{
    fixture *fx = *state;

    start(fx, "R_LT,warning,so,diem.san_sang / 1000000,<,diem.tuong_tac / 1000000,"
              "{left} {right}\n", 0);
    put(fx, "GL.SA", "diem.san_sang", "3");
    put(fx, "GL.SA", "diem.tuong_tac", "3");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(message_of(&fx->out, "R_LT", "GL.SA"),
                        "0,000003 0,000003 (Đơn vị GL.SA: diem.san_sang / 1000000 < "
                        "diem.tuong_tac / 1000000)");
}

/* A product past what a figure can hold exactly is said as "?", not as a
 * count wrapped round: 10^16 is written whole, 10^20 is not. */
static void a_figure_too_large_to_write_is_said_as_a_question_mark(void **state)
{
    fixture *fx = *state;

    start(fx, "R_BIG,warning,so,tt.vb_di * tt.vb_den,<,0,{left} {diff}\n", 0);
    put(fx, "GL.SA", "tt.vb_di", "100000000");
    put(fx, "GL.SA", "tt.vb_den", "100000000");
    put(fx, "GL.SB", "tt.vb_di", "10000000000");
    put(fx, "GL.SB", "tt.vb_den", "10000000000");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 2);
    assert_string_equal(message_of(&fx->out, "R_BIG", "GL.SA"),
                        "10.000.000.000.000.000 10.000.000.000.000.000 (Đơn vị GL.SA: "
                        "tt.vb_di * tt.vb_den < 0)");
    assert_string_equal(message_of(&fx->out, "R_BIG", "GL.SB"),
                        "? ? (Đơn vị GL.SB: tt.vb_di * tt.vb_den < 0)");
}

/* A chain's pair that fails after one that holds says its own sides, and
 * with no value of its own in the rule is filed under the first figure of
 * that pair's left side (a sum's), not of the rule or of the right. */
static void a_chain_says_and_files_its_failing_pair_not_its_first(void **state)
{
    fixture *fx = *state;

    start(fx, "R_C,error,xa,tt.dung_thu,<=,tt.hop_thu <= ht.cbcc,{left}>{right} of {1} {2} {3}\n"
              "R_G,error,huyen,ht.cbcc_may_tinh,<=,sum(children; ht.cbcc) <= tt.vb_di,m,,never\n",
          0);
    put(fx, "GL.PKU.01", "tt.dung_thu", "5");
    put(fx, "GL.PKU.01", "tt.hop_thu", "20");
    put(fx, "GL.PKU.01", "ht.cbcc", "10");      /* 5 <= 20, but 20 > 10 */
    put(fx, "GL.PKU.02", "ht.cbcc", "3");
    put(fx, "GL.PKU", "tt.vb_den", "1");        /* 0 <= 13, but 13 > 0 */
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 2);
    assert_string_equal(message_of(&fx->out, "R_C", "GL.PKU.01"),
                        "20>10 of 5 20 10 (Đơn vị GL.PKU.01: tt.hop_thu ≤ ht.cbcc)");
    for (size_t i = 0; i < fx->out.n; i++)
        if (strcmp(fx->out.items[i].code, "R_G") == 0) {
            assert_string_equal(fx->out.items[i].unit, "GL.PKU");
            assert_int_equal(fx->out.items[i].row, 0);
            assert_string_equal(fx->out.items[i].indicator, "ht.cbcc");
        }
    assert_int_equal(count(&fx->out, "R_G", "GL.PKU"), 1);
}

/* A denominator below 0 (a difference) is no ratio of nothing: the ratio
 * is recomputed and the rule it breaks is told. */
static void a_negative_denominator_is_divided_by(void **state)
{
    fixture *fx = *state;

    start(fx, "R_D,warning,so,100 * tt.vb_di_dien_tu / (tt.vb_di - tt.vb_den),>=,0,{left}\n", 0);
    put(fx, "GL.SA", "tt.vb_di_dien_tu", "5");
    put(fx, "GL.SA", "tt.vb_di", "10");
    put(fx, "GL.SA", "tt.vb_den", "20");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(message_of(&fx->out, "R_D", "GL.SA"),
                        "-50 (Đơn vị GL.SA: 100 * tt.vb_di_dien_tu / (tt.vb_di - tt.vb_den) ≥ 0)");
}

/* 3 less a ten-millionth is 2,9999999: said as 3, the whole number two
 * decimals and more would show, not cut down to 2. */
static void a_figure_a_hair_under_a_whole_number_is_said_as_that_number(void **state)
{
    fixture *fx = *state;

    start(fx, "R_W,warning,so,diem.san_sang - 1 / 10000000,>,3,{left}\n", 0);
    put(fx, "GL.SA", "diem.san_sang", "3");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(message_of(&fx->out, "R_W", "GL.SA"),
                        "3 (Đơn vị GL.SA: diem.san_sang - 1 / 10000000 > 3)");
}

/* A relative tolerance is of the larger side whichever side it is: 10%
 * of 111 lets 100 stand against it the other way round too. */
static void a_relative_tolerance_is_of_the_larger_side_on_the_right_too(void **state)
{
    fixture *fx = *state;

    start(fx, "R_REL,error,so,ht.cbcc_may_tinh,>=,ht.cbcc,m,10%\n", 0);
    put(fx, "GL.SA", "ht.cbcc", "111");
    put(fx, "GL.SA", "ht.cbcc_may_tinh", "100");
    put(fx, "GL.SB", "ht.cbcc", "112");
    put(fx, "GL.SB", "ht.cbcc_may_tinh", "100");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_int_equal(count(&fx->out, "R_REL", "GL.SB"), 1);
}

/* A whole number against a decimal one is compared to a millionth, on
 * either side: 1 equals 1,0000001 both ways round. */
static void a_whole_number_against_a_decimal_is_compared_to_a_millionth(void **state)
{
    fixture *fx = *state;

    start(fx, "R_L,warning,so,1,=,diem.san_sang,m\n"
              "R_R,warning,so,diem.san_sang,=,1,m\n", 0);
    put(fx, "GL.SA", "diem.san_sang", "1,0000001");
    put(fx, "GL.SB", "diem.san_sang", "1,00001");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 2);
    assert_int_equal(count(&fx->out, "R_L", "GL.SB"), 1);
    assert_int_equal(count(&fx->out, "R_R", "GL.SB"), 1);
}

/* With no value of its own in the rule (all missing, `never` counting
 * them 0), a broken rule is filed at the unit's first file, without a
 * row, under the first figure its left side names, or else the right's. */
static void a_rule_broken_by_missing_figures_is_filed_under_one_it_names(void **state)
{
    fixture *fx = *state;
    const eg_diag *d;

    start(fx, "R_E,error,so,ht.cbcc_may_tinh - ht.cbcc,>=,1,m,,never\n"
              "R_F,error,so,1,<=,tt.vb_di,m,,never\n", 0);
    put_in(fx, 2, "GL.SA", "tt.vb_den", "7", NULL);
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 2);
    for (size_t i = 0; i < 2; i++) {
        d = &fx->out.items[i];
        assert_string_equal(d->unit, "GL.SA");
        assert_non_null(d->file);
        assert_string_equal(d->file, "submissions/f2.csv");
        assert_int_equal(d->row, 0);
        assert_int_equal(d->col, 0);
        assert_non_null(d->indicator);
        assert_string_equal(d->indicator, strcmp(d->code, "R_E") == 0 ? "ht.cbcc_may_tinh"
                                                                        : "tt.vb_di");
    }
}

/* A chain's failing pair is filed at its own first value, else at the
 * first value of the rule: not at a value of an earlier pair when its
 * own right side has one. */
static void a_chain_files_its_failing_pair_at_its_own_value(void **state)
{
    fixture *fx = *state;
    long row1, row2;
    const eg_diag *d;

    start(fx, "R_C,error,xa,tt.dung_thu,<=,tt.hop_thu <= ht.cbcc - 5,m,,never\n", 0);
    put_in(fx, 1, "GL.PKU.01", "tt.dung_thu", "0", NULL);
    row1 = fx->row;
    put_in(fx, 3, "GL.PKU.01", "ht.cbcc", "1", NULL);     /* 0 <= 0, 0 <= -4 fails */
    row2 = fx->row;
    put_in(fx, 2, "GL.PKU.02", "tt.dung_thu", "0", NULL); /* 0 <= 0, 0 <= -5 fails */
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 2);
    d = &fx->out.items[0];
    assert_string_equal(d->unit, "GL.PKU.01");
    assert_string_equal(d->file, "submissions/f3.csv");
    assert_int_equal(d->row, row1);
    assert_string_equal(d->indicator, "ht.cbcc");
    /* neither side of the pair has a value: at the rule's first */
    d = &fx->out.items[1];
    assert_string_equal(d->unit, "GL.PKU.02");
    assert_string_equal(d->file, "submissions/f2.csv");
    assert_int_equal(d->row, row2);
    assert_int_equal(d->col, 3);
    assert_string_equal(d->indicator, "tt.dung_thu");
}

/* A required figure sent empty is filed at its empty cell. */
static void a_required_figure_left_empty_is_filed_at_its_cell(void **state)
{
    fixture *fx = *state;
    long row;

    start(fx, "R_REQ,warning,so,tt.vb_di,required,,thiếu {indicator}\n", 0);
    put_in(fx, 0, "GL.SA", "ht.cbcc", "10", NULL);
    row = fx->row;
    put_in(fx, 1, "GL.SA", "tt.vb_di", "", NULL);
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(fx->out.items[0].code, "R_REQ");
    assert_string_equal(fx->out.items[0].file, "submissions/f1.csv");
    assert_int_equal(fx->out.items[0].row, row);
    assert_int_equal(fx->out.items[0].col, 3);
    assert_string_equal(fx->out.items[0].message, "thiếu tt.vb_di (Đơn vị GL.SA)");
}

/* What a unit is expected to report is what the required rules of its
 * level ask: a department's rule asks nothing of a district. */
static void a_unit_is_expected_only_what_the_rules_of_its_level_require(void **state)
{
    fixture *fx = *state;
    unsigned char *expect;
    int vb_di;
    size_t n = 0;

    start(fx, "R_REQ,warning,so,tt.vb_di,required,,thiếu {indicator}\n", 0);
    put(fx, "GL.SA", "ht.cbcc", "10");
    put(fx, "GL.PKU", "ht.cbcc", "10");
    finish(fx);
    vb_di = eg_catalogue_find(&fx->L.cat, "tt.vb_di");
    expect = eg_xcalloc(fx->L.cat.n, 1);
    eg_rules_expected(&fx->L, &fx->ds, SO_A, expect);
    assert_true(expect[vb_di]);
    eg_rules_expected(&fx->L, &fx->ds, PKU, expect);
    for (size_t k = 0; k < fx->L.cat.n; k++)
        n += expect[k];
    assert_int_equal(n, 0);
    free(expect);
}

/* A condition `not code` holds where the value is no; `only_if` speaks
 * of a value reported where its condition does not hold. */
static void conditions_are_read_as_written(void **state)
{
    fixture *fx = *state;

    start(fx, "R_REQ,warning,so,tt.vb_di,required,not ht.wan,thiếu {indicator}\n"
              "R_ONLY,error,so,hd.du_thong_tin,only_if,hd.cong_ttdt,bỏ {indicator}\n", 0);
    put(fx, "GL.SA", "ht.wan", "không");
    put(fx, "GL.SA", "hd.cong_ttdt", "có");
    put(fx, "GL.SA", "hd.du_thong_tin", "có");
    put(fx, "GL.SB", "ht.wan", "có");
    put(fx, "GL.SB", "hd.cong_ttdt", "không");
    put(fx, "GL.SB", "hd.du_thong_tin", "có");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 2);
    assert_int_equal(count(&fx->out, "R_REQ", "GL.SA"), 1);
    assert_int_equal(count(&fx->out, "R_ONLY", "GL.SB"), 1);
    assert_string_equal(message_of(&fx->out, "R_ONLY", "GL.SB"),
                        "bỏ hd.du_thong_tin (Đơn vị GL.SB: hd.du_thong_tin chỉ được báo cáo "
                        "khi hd.cong_ttdt)");
}

/* A required or only_if message that names the unit ({unit}) is not
 * followed by its name again; one that does not is. */
static void a_list_message_naming_the_unit_is_not_followed_by_its_name(void **state)
{
    fixture *fx = *state;

    start(fx, "R_REQ,warning,so,tt.vb_di,required,,{unit} thiếu {label}\n"
              "R_ONLY,error,so,hd.du_thong_tin,only_if,hd.cong_ttdt,{unit} bỏ {indicator}\n", 0);
    put(fx, "GL.SA", "hd.cong_ttdt", "không");
    put(fx, "GL.SA", "hd.du_thong_tin", "có");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 2);
    assert_string_equal(message_of(&fx->out, "R_REQ", "GL.SA"),
                        "Đơn vị GL.SA thiếu Số văn bản đi (trừ văn bản mật)");
    assert_string_equal(message_of(&fx->out, "R_ONLY", "GL.SA"),
                        "Đơn vị GL.SA bỏ hd.du_thong_tin (hd.du_thong_tin chỉ được báo cáo khi "
                        "hd.cong_ttdt)");
}

/* only_if on an enum's options: a figure sent by a unit whose answer is
 * not among them is told at its cell, with the rule's severity and its
 * {condition}; one whose answer is among them is not. */
static void only_if_an_enum_is_among_its_options_is_told_at_the_cell(void **state)
{
    fixture *fx = *state;
    long row;

    start(fx, "R_ONLY,warning,so,tt.vb_di,only_if,ht.mo_hinh_mot_cua in lien_thong dien_tu,"
              "bỏ {indicator} khi không {condition}\n", 0);
    put(fx, "GL.SA", "ht.mo_hinh_mot_cua", "chua");
    row = fx->row;
    put(fx, "GL.SA", "tt.vb_di", "5");
    put(fx, "GL.SB", "ht.mo_hinh_mot_cua", "lien_thong");
    put(fx, "GL.SB", "tt.vb_di", "5");
    finish(fx);
    for (size_t i = 0; i < fx->dl.n; i++)
        assert_int_not_equal(fx->dl.items[i].severity, EG_ERROR);     /* options read */
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(fx->out.items[0].unit, "GL.SA");
    assert_int_equal(fx->out.items[0].severity, EG_WARNING);
    assert_int_equal(fx->out.items[0].row, row);
    assert_int_equal(fx->out.items[0].col, 3);
    assert_string_equal(fx->out.items[0].message,
                        "bỏ tt.vb_di khi không ht.mo_hinh_mot_cua in lien_thong dien_tu (Đơn vị "
                        "GL.SA: tt.vb_di chỉ được báo cáo khi ht.mo_hinh_mot_cua in lien_thong "
                        "dien_tu)");
}

/* A condition on the catalogue's first indicator is read as any other:
 * ht.cbcc of 0 does not hold. */
static void a_condition_on_the_first_indicator_is_read(void **state)
{
    fixture *fx = *state;

    start(fx, "R_REQ,warning,so,tt.vb_di,required,ht.cbcc,thiếu {indicator}\n", 0);
    put(fx, "GL.SA", "ht.cbcc", "0");
    put(fx, "GL.SB", "ht.cbcc", "4");
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_int_equal(count(&fx->out, "R_REQ", "GL.SB"), 1);
}

/* Without its condition's figure, an `only_if` rule is skipped; with
 * `never` the condition does not hold, unless its value was sent and
 * refused (its own error says so). */
static void a_missing_condition_skips_the_rule_unless_never_and_not_refused(void **state)
{
    fixture *fx = *state;

    start(fx, "R_SKIP,error,so,hd.du_thong_tin,only_if,hd.cong_ttdt,m\n"
              "R_NEV,error,so,nl.thpt,only_if,nl.thcs,m,,never\n", 0);
    put(fx, "GL.SA", "hd.du_thong_tin", "có");      /* hd.cong_ttdt missing */
    put(fx, "GL.SA", "nl.thpt", "5");               /* nl.thcs missing */
    put(fx, "GL.SB", "nl.thpt", "5");
    put(fx, "GL.SB", "nl.thcs", "năm");             /* refused */
    finish(fx);
    eg_rules_check(&fx->L, &fx->ds, &fx->dl);       /* the list that holds the refusal */
    assert_int_equal(count(&fx->dl, "R_SKIP", NULL), 0);
    assert_int_equal(count(&fx->dl, "R_NEV", NULL), 1);
    assert_int_equal(count(&fx->dl, "R_NEV", "GL.SA"), 1);
}

/* Only an error refuses a value: a warning on the same figure (a value
 * that stands out) does not excuse leaving it out. */
static void a_warning_on_a_figure_does_not_excuse_leaving_it_out(void **state)
{
    fixture *fx = *state;

    start(fx, "R_REQ,warning,so,tt.vb_di,required,,thiếu {indicator}\n", 0);
    put(fx, "GL.SA", "ht.cbcc", "10");
    finish(fx);
    eg_diag_add(&fx->dl, EG_WARNING, "W_OUTLIER", "submissions/f0.csv", 2, 3, "GL.SA",
                "tt.vb_di", "a warning");
    eg_rules_check(&fx->L, &fx->ds, &fx->dl);
    assert_int_equal(count(&fx->dl, "R_REQ", "GL.SA"), 1);
}

/* A unit that sent nothing is W_NOT_SUBMITTED's, once: no rule speaks of
 * it; a figure it left out is filed at its first file. */
static void rules_say_nothing_of_a_unit_that_sent_nothing(void **state)
{
    fixture *fx = *state;

    start(fx, "R_REQ,warning,so,tt.vb_di,required,,thiếu {indicator}\n", 0);
    put_in(fx, 2, "GL.SA", "ht.cbcc", "10", NULL);
    put_in(fx, 3, "GL.SA", "ht.wan", "có", NULL);
    finish(fx);                                 /* GL.SB sent nothing */
    eg_rules_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(fx->out.items[0].unit, "GL.SA");
    assert_string_equal(fx->out.items[0].file, "submissions/f2.csv");
}

/* --- completeness ------------------------------------------------------------- */

static long long noon(int y, int m, int d)
{
    struct tm tm;

    memset(&tm, 0, sizeof tm);
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_hour = 12;
    tm.tm_isdst = -1;
    return (long long)mktime(&tm);
}

static void dates_are_read_iso_or_day_first(void **state)
{
    char buf[16];

    (void)state;
    assert_int_equal(eg_date_parse("2021-12-31"), 20211231);
    assert_int_equal(eg_date_parse(" 31/12/2021 "), 20211231);
    assert_int_equal(eg_date_parse("5/1/2022"), 20220105);
    assert_int_equal(eg_date_parse("05-01-2022"), 20220105);
    assert_int_equal(eg_date_parse("29.02.2024"), 20240229);
    assert_int_equal(eg_date_parse("29/02/2023"), 0);
    assert_int_equal(eg_date_parse("31/04/2022"), 0);
    assert_int_equal(eg_date_parse("05/01-2022"), 0);
    assert_int_equal(eg_date_parse("2022-1-5"), 0);
    assert_int_equal(eg_date_parse("05/01/22"), 0);
    assert_int_equal(eg_date_parse("hôm qua"), 0);
    assert_int_equal(eg_date_parse("00/01/2022"), 0);
    assert_int_equal(eg_date_parse("2021-12/31"), 0);   /* ISO with one dash */
    assert_int_equal(eg_date_parse(""), 0);
    /* a calendar year from 1900, day first as ISO */
    assert_int_equal(eg_date_parse("01/01/1900"), 19000101);
    assert_int_equal(eg_date_parse("31/12/1899"), 0);
    assert_int_equal(eg_date_parse("1899-12-31"), 0);
    /* a day and a month of at most two digits, a year of four, nothing after */
    assert_int_equal(eg_date_parse("001/01/2022"), 0);
    assert_int_equal(eg_date_parse("01/001/2022"), 0);
    assert_int_equal(eg_date_parse("05/01/20221"), 0);
    assert_int_equal(eg_date_parse("05/01/2022x"), 0);
    assert_int_equal(eg_date_parse("05/01/2022/"), 0);
    assert_string_equal(eg_date_format(buf, sizeof buf, 20220105), "05/01/2022");
    /* no date (0, or a file's -1 for only unreadable ones) is no digits of a sign */
    assert_string_equal(eg_date_format(buf, sizeof buf, 0), "00/00/0000");
    assert_string_equal(eg_date_format(buf, sizeof buf, -1), "00/00/0000");
}

static void a_date_with_its_time_of_day_is_that_date(void **state)
{
    (void)state;
    /* a workbook's date-time cell, as the reader gives it */
    assert_int_equal(eg_date_parse("2021-01-05 09:30:00"), 20210105);
    assert_int_equal(eg_date_parse("2021-01-05T09:30:00"), 20210105);
    assert_int_equal(eg_date_parse("05/01/2021 09:30"), 20210105);
    assert_int_equal(eg_date_parse("5/1/2021  17:05:59 "), 20210105);
    /* not a time of day: the whole text is no date */
    assert_int_equal(eg_date_parse("2021-01-05 24:00"), 0);
    assert_int_equal(eg_date_parse("2021-01-05 09:61:00"), 0);
    assert_int_equal(eg_date_parse("2021-01-05 09:60"), 0);
    assert_int_equal(eg_date_parse("2021-01-05 09:30:60"), 0);
    assert_int_equal(eg_date_parse("2021-01-05 23:59:59"), 20210105);
    assert_int_equal(eg_date_parse("2021-01-05 9:30"), 0);
    assert_int_equal(eg_date_parse("2021-01-05 sáng"), 0);
    assert_int_equal(eg_date_parse("2021-01-05 09.30"), 0);
    assert_int_equal(eg_date_parse("2021-01-05 09:30.00"), 0);
    assert_int_equal(eg_date_parse("09:30:00"), 0);
    assert_int_equal(eg_date_parse("31/02/2021 09:30"), 0);
}

static void completeness_counts_expected_received_missing_and_late(void **state)
{
    fixture *fx = *state;
    eg_completeness c;
    eg_fact facts[2] = { { "deadline", "2021-12-31", 1 }, { "issued_on", "2022-01-14", 2 } };

    start(fx, "", 0);
    fx->ds.facts = eg_xmalloc(sizeof facts);
    for (int i = 0; i < 2; i++) {
        fx->ds.facts[i].key = eg_xstrdup(facts[i].key);
        fx->ds.facts[i].value = eg_xstrdup(facts[i].value);
        fx->ds.facts[i].row = facts[i].row;
    }
    fx->ds.n_facts = 2;
    fx->ds.files[0].mtime = noon(2021, 12, 20);     /* on time */
    fx->ds.files[1].mtime = noon(2022, 1, 5);       /* late */
    fx->ds.files[2].mtime = noon(2022, 3, 1);       /* after the report: untrusted */
    put_in(fx, 0, "GL.SA", "ht.cbcc", "10", NULL);
    put_in(fx, 1, "GL.SA", "tt.vb_di", "1", NULL);  /* a late correction: still on time */
    put_in(fx, 1, "GL.PKU", "ht.cbcc", "30", NULL);
    put_in(fx, 1, "GL.PKU.01", "ht.cbcc", "9", NULL);
    put_in(fx, 2, "GL.PKU.02", "ht.cbcc", "8", NULL);
    fx->ds.files[3].mtime = noon(2021, 12, 1);
    put_in(fx, 3, "GL", "ht.doanh_nghiep", "8", "2022-01-02");  /* the column wins */
    finish(fx);
    eg_completeness_compute(&c, &fx->ds);
    assert_int_equal(c.deadline, 20211231);
    assert_int_equal(c.expected, N_UNITS);
    assert_int_equal(c.received, N_UNITS - 1);
    assert_int_equal(c.level[EG_LEVEL_SO].expected, 2);
    assert_int_equal(c.level[EG_LEVEL_SO].received, 1);
    assert_int_equal(c.level[EG_LEVEL_SO].n_missing, 1);
    assert_int_equal(c.level[EG_LEVEL_SO].missing[0], SO_B);
    assert_int_equal(c.level[EG_LEVEL_SO].on_time, 1);
    assert_int_equal(c.units[SO_A].date, 20211220);
    assert_int_equal(c.level[EG_LEVEL_HUYEN].late, 1);
    assert_int_equal(c.level[EG_LEVEL_HUYEN].late_units[0], PKU);
    assert_int_equal(c.level[EG_LEVEL_XA].late, 1);
    assert_int_equal(c.level[EG_LEVEL_XA].undated, 1);
    assert_int_equal(c.units[PKU2].date, 0);
    assert_int_equal(c.level[EG_LEVEL_TINH].late, 1);
    assert_int_equal(c.units[TINH].from_column, 1);
    assert_int_equal(c.late, 3);
    eg_completeness_check(&c, &fx->ds, &fx->out);
    assert_int_equal(count(&fx->out, "W_LATE", NULL), 3);
    assert_int_equal(count(&fx->out, "W_LATE", "GL.PKU.01"), 1);
    assert_int_equal(fx->out.n_error, 0);
    eg_completeness_free(&c);
}

/* Sets the year's facts: deadline (NULL for none) and issued_on. */
static void set_deadline(fixture *fx, const char *deadline)
{
    fx->ds.facts = eg_xcalloc(2, sizeof *fx->ds.facts);
    fx->ds.facts[0].key = eg_xstrdup("issued_on");
    fx->ds.facts[0].value = eg_xstrdup("2022-01-14");
    fx->ds.n_facts = 1;
    if (deadline) {
        fx->ds.facts[1].key = eg_xstrdup("deadline");
        fx->ds.facts[1].value = eg_xstrdup(deadline);
        fx->ds.n_facts = 2;
    }
}

/* A file is dated by the latest submitted_on of its rows (a correction
 * sent later is in the same file), and a report of the deadline's day is
 * on time. */
static void a_file_is_dated_by_its_latest_row_and_the_deadline_day_is_on_time(void **state)
{
    fixture *fx = *state;
    eg_completeness c;

    start(fx, "", 0);
    set_deadline(fx, "2021-12-31");
    put_in(fx, 0, "GL.SA", "ht.cbcc", "10", "30/12/2021");
    put_in(fx, 0, "GL.SA", "tt.vb_di", "1", "02/01/2022");
    put_in(fx, 0, "GL.SA", "ht.wan", "có", "31/12/2021");
    put_in(fx, 1, "GL.SB", "ht.cbcc", "10", "31/12/2021");
    finish(fx);
    assert_int_equal(fx->ds.files[0].submitted_on, 20220102);
    eg_completeness_compute(&c, &fx->ds);
    assert_int_equal(c.units[SO_A].date, 20220102);
    assert_true(c.units[SO_A].late);
    assert_int_equal(c.units[SO_B].date, 20211231);
    assert_false(c.units[SO_B].late);
    assert_int_equal(c.level[EG_LEVEL_SO].late, 1);
    assert_int_equal(c.level[EG_LEVEL_SO].on_time, 1);
    eg_completeness_free(&c);
}

/* Without a deadline no one is late: a dated report is on time, an
 * undated one undated, and nothing is said. */
static void without_a_deadline_a_dated_report_is_on_time(void **state)
{
    fixture *fx = *state;
    eg_completeness c;

    start(fx, "", 0);
    set_deadline(fx, NULL);
    put_in(fx, 0, "GL.SA", "ht.cbcc", "10", "02/01/2022");
    put_in(fx, 1, "GL.SB", "ht.cbcc", "10", NULL);      /* f1 has no time */
    finish(fx);
    eg_completeness_compute(&c, &fx->ds);
    assert_int_equal(c.deadline, 0);
    assert_int_equal(c.level[EG_LEVEL_SO].received, 2);
    assert_int_equal(c.level[EG_LEVEL_SO].on_time, 1);
    assert_int_equal(c.level[EG_LEVEL_SO].undated, 1);
    assert_int_equal(c.late, 0);
    eg_completeness_check(&c, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 0);
    eg_completeness_free(&c);
}

static void an_unreadable_submitted_on_is_said_once_per_file(void **state)
{
    fixture *fx = *state;

    start(fx, "", 0);
    put_in(fx, 0, "GL.SA", "ht.cbcc", "10", "hôm qua");
    put_in(fx, 0, "GL.SA", "tt.vb_di", "1", "mai");
    put_in(fx, 1, "GL.SB", "tt.vb_di", "1", "31/12/2021");
    /* after a good date too (12/31/2021: month first), once */
    put_in(fx, 1, "GL.SB", "ht.cbcc", "4", "12/31/2021");
    put_in(fx, 1, "GL.SB", "ht.wan", "có", "abc");
    finish(fx);
    assert_int_equal(count(&fx->dl, "W_SUBMITTED_ON", NULL), 2);
    assert_int_equal(fx->ds.files[0].submitted_on, -1);
    assert_int_equal(fx->ds.files[1].submitted_on, 20211231);
    for (size_t i = 0, k = 0; i < fx->dl.n; i++)
        if (strcmp(fx->dl.items[i].code, "W_SUBMITTED_ON") == 0)
            assert_int_equal(fx->dl.items[i].row, fx->dl.items[0].row + 3 * (long)k++);
}

/* The unreadable date's message shows the form to write in the year
 * built: a 2021 clerk was shown 31/12/2020, a day of no report of his. */
static void an_unreadable_submitted_on_is_shown_the_years_form(void **state)
{
    fixture *fx = *state;

    start(fx, "", 0);
    put_in(fx, 0, "GL.SA", "ht.cbcc", "10", "31/02/2021");
    finish(fx);
    assert_int_equal(count(&fx->dl, "W_SUBMITTED_ON", NULL), 1);
    for (size_t i = 0; i < fx->dl.n; i++)
        if (strcmp(fx->dl.items[i].code, "W_SUBMITTED_ON") == 0)
            assert_string_equal(fx->dl.items[i].message,
                                "ngày nộp '31/02/2021' không đọc được: ghi theo dạng 31/12/2021 "
                                "hoặc 2021-12-31; tệp được tính ngày nộp theo các dòng khác, "
                                "hoặc theo ngày sửa tệp");
}

/* A submitted_on after the build's day (2099 typed for 2021) is a slip,
 * said as one, and the file is dated as one without a readable date: the
 * unit is not late for it.  The day itself is no slip. */
static void a_submitted_on_not_yet_come_is_a_slip_not_a_late_unit(void **state)
{
    fixture *fx = *state;
    eg_completeness c;

    start(fx, "", 0);
    set_deadline(fx, "2021-12-31");
    fx->ds.today = 20220110;
    put_in(fx, 0, "GL.SA", "ht.cbcc", "10", "31/12/2099");
    put_in(fx, 0, "GL.SA", "tt.vb_di", "1", "2099-12-30");
    put_in(fx, 1, "GL.SB", "ht.cbcc", "10", "10/01/2022");
    put_in(fx, 2, "GL.PKU", "ht.cbcc", "10", "11/01/2022");
    put_in(fx, 2, "GL.PKU", "tt.vb_di", "1", "30/12/2021");   /* a good date still wins */
    finish(fx);
    assert_int_equal(count(&fx->dl, "W_SUBMITTED_ON", NULL), 2);
    assert_string_equal(message_of(&fx->dl, "W_SUBMITTED_ON", NULL),
                        "ngày nộp '31/12/2099' là một ngày chưa đến (hôm nay là "
                        "10/01/2022); tệp được tính ngày nộp theo các dòng khác, "
                        "hoặc theo ngày sửa tệp");
    assert_int_equal(fx->ds.not_yet_come, 20991231);
    assert_int_equal(fx->ds.files[0].submitted_on, -1);
    assert_int_equal(fx->ds.files[1].submitted_on, 20220110);
    assert_int_equal(fx->ds.files[2].submitted_on, 20211230);
    eg_completeness_compute(&c, &fx->ds);
    assert_false(c.units[SO_A].late);
    assert_true(c.units[SO_B].late);
    eg_completeness_free(&c);
}

/* A submitted_on cell left empty is no date and says nothing; a file
 * whose dates are all unreadable is dated by its modification time, as
 * one without the column, and W_LATE says which of the two dated it. */
static void a_file_without_a_readable_date_is_dated_by_its_time(void **state)
{
    fixture *fx = *state;
    eg_completeness c;
    const char *late_by_time = NULL, *late_by_column = NULL;

    start(fx, "", 0);
    set_deadline(fx, "2021-12-31");
    fx->ds.files[0].mtime = noon(2022, 1, 5);
    fx->ds.files[1].mtime = noon(2022, 1, 14);      /* the day of issue: still trusted */
    fx->ds.files[2].mtime = noon(2021, 12, 1);
    put_in(fx, 0, "GL.SA", "ht.cbcc", "10", "hôm qua");
    put_in(fx, 1, "GL.SB", "ht.cbcc", "10", "");
    put_in(fx, 2, "GL.PKU", "ht.cbcc", "10", "03/01/2022");
    finish(fx);
    assert_int_equal(count(&fx->dl, "W_SUBMITTED_ON", NULL), 1);
    assert_int_equal(fx->ds.files[0].submitted_on, -1);
    assert_int_equal(fx->ds.files[1].submitted_on, 0);
    eg_completeness_compute(&c, &fx->ds);
    assert_int_equal(c.units[SO_A].date, 20220105);
    assert_int_equal(c.units[SO_A].from_column, 0);
    assert_int_equal(c.units[SO_B].date, 20220114);
    assert_int_equal(c.units[SO_B].from_column, 0);
    assert_int_equal(c.units[PKU].date, 20220103);
    assert_int_equal(c.units[PKU].from_column, 1);
    assert_int_equal(c.late, 3);
    eg_completeness_check(&c, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 3);
    for (size_t i = 0; i < fx->out.n; i++) {
        if (strcmp(fx->out.items[i].unit, "GL.SA") == 0)
            late_by_time = fx->out.items[i].message;
        if (strcmp(fx->out.items[i].unit, "GL.PKU") == 0)
            late_by_column = fx->out.items[i].message;
    }
    assert_non_null(late_by_time);
    assert_non_null(late_by_column);
    assert_string_equal(late_by_time,
                        "Đơn vị GL.SA (GL.SA) nộp báo cáo ngày 05/01/2022, sau hạn 31/12/2021 "
                        "(ngày sửa tệp lần cuối; thêm cột 'Ngày nộp' nếu tệp đã được nộp đúng hạn)");
    assert_string_equal(late_by_column,
                        "Đơn vị GL.PKU (GL.PKU) nộp báo cáo ngày 03/01/2022, sau hạn 31/12/2021 "
                        "(ngày ghi ở cột ngày nộp của tệp)");
    eg_completeness_free(&c);
}

/* --- outliers ------------------------------------------------------------------- */

static void the_median_of_even_and_odd_counts(void **state)
{
    double a[] = { 5, 1, 3 }, b[] = { 4, 1, 3, 2 };

    (void)state;
    assert_true(eg_median(a, 3) == 3);
    assert_true(eg_median(b, 4) == 2.5);
}

static void a_value_far_from_its_level_is_an_outlier_warning(void **state)
{
    fixture *fx = *state;
    static const char *const vals[] = { "100", "120", "90", "110", "105", "95", "130", "80",
                                        "115", "100", "101", "99" };

    start(fx, "", 10);
    for (int i = 0; i < 12; i++) {
        char code[32];

        snprintf(code, sizeof code, "GL.PKU.%02d", i + 1);
        put(fx, code, "gd.ho_so", i == 3 ? "25000" : vals[i]);
        put(fx, code, "tt.vb_di", i == 5 ? "0" : vals[i]);    /* zero: not judged */
    }
    finish(fx);
    eg_outliers_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(fx->out.items[0].code, "W_OUTLIER");
    assert_string_equal(fx->out.items[0].unit, "GL.PKU.04");
    assert_int_equal(fx->out.items[0].severity, EG_WARNING);
    /* at the value's own cell: the fourth commune's dossiers, its 7th put */
    assert_string_equal(fx->out.items[0].file, "submissions/f0.csv");
    assert_int_equal(fx->out.items[0].row, 8);
    assert_int_equal(fx->out.items[0].col, 3);
    assert_string_equal(fx->out.items[0].indicator, "gd.ho_so");
    /* the median of the values as reported (100,5 dossiers: 101), not of
     * their logarithms; z = 0,6745 (ln x - median) / MAD */
    assert_string_equal(fx->out.items[0].message,
                        "Số hồ sơ TTHC tiếp nhận trên hệ thống của Đơn vị GL.PKU.04 là 25.000, "
                        "cao hơn nhiều so với các đơn vị cùng cấp (Cấp xã: trung vị 101, 12 đơn "
                        "vị; độ lệch chuẩn hóa 44,7, ngưỡng 5,0); kiểm tra lại số liệu");

    /* as many units as the least judged: judged */
    eg_diag_free(&fx->out);
    fx->L.checks.outlier_min_units = 12;
    eg_outliers_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);

    /* too few units for the level: no judgement */
    eg_diag_free(&fx->out);
    fx->L.checks.outlier_min_units = 13;
    eg_outliers_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 0);
}

/* Most units of the level report the same value: the MAD is 0, there
 * is nothing to scale by, and nothing is judged. */
static void a_level_of_one_value_has_no_outliers(void **state)
{
    fixture *fx = *state;

    start(fx, "", 10);
    for (int i = 0; i < 12; i++) {
        char code[32];

        snprintf(code, sizeof code, "GL.PKU.%02d", i + 1);
        put(fx, code, "gd.ho_so", i == 3 ? "25000" : "100");
    }
    finish(fx);
    eg_outliers_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 0);
}

/* Money is said in whole đồng, as counts are. */
static void an_amount_of_money_is_said_in_whole_dong(void **state)
{
    fixture *fx = *state;

    start(fx, "", 0);
    put(fx, "GL.SA", "dt.kinh_phi_cntt", "1.250.000.000");
    put(fx, "GL.SB", "dt.kinh_phi_cntt", "10.000.000");
    finish(fx);
    fx->L.checks.outlier_min_units = 2;
    fx->L.checks.outlier_threshold = 0.5;     /* two units: each 0,6745 from their median */
    eg_outliers_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 2);
    assert_non_null(strstr(message_of(&fx->out, "W_OUTLIER", "GL.SA"),
                           " là 1.250.000.000, cao hơn nhiều"));
    assert_non_null(strstr(message_of(&fx->out, "W_OUTLIER", "GL.SA"),
                           "trung vị 630.000.000, 2 đơn vị; độ lệch chuẩn hóa 0,7, ngưỡng 0,5"));
    /* among the departments, said so */
    assert_non_null(strstr(message_of(&fx->out, "W_OUTLIER", "GL.SB"),
                           " là 10.000.000, thấp hơn nhiều so với các đơn vị cùng cấp (Sở, ban, "
                           "ngành: trung vị 630.000.000"));
}

/* A value as far as the threshold, and no farther, does not stand out:
 * scores of 10 and 20 are each 0,6745 (5 - 0) / 5 from their median. */
static void a_value_as_far_as_the_threshold_does_not_stand_out(void **state)
{
    fixture *fx = *state;

    start(fx, "", 0);
    put(fx, "GL.SA", "diem.san_sang", "10");
    put(fx, "GL.SB", "diem.san_sang", "20");
    finish(fx);
    fx->L.checks.outlier_min_units = 2;
    fx->L.checks.outlier_threshold = 0.6745 * (20.0 - 15.0) / 5.0;
    eg_outliers_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 0);
    /* a hair below it, they do: the scale is 0,6745's, not 0,674's */
    fx->L.checks.outlier_threshold = 0.67449;
    eg_outliers_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 2);
}

/* A percentage's values are said with their sign: a fraction typed for
 * one (0,97 among 96,50 and their like) shows as "0,97%" beside a median
 * of "96,50%". */
static void a_percentage_far_from_its_level_is_said_as_one(void **state)
{
    fixture *fx = *state;
    static const char *const vals[] = { "96,5", "97", "95", "0,97", "98", "96", "94,5", "97,5",
                                        "96,5", "95,5", "96,5", "99" };
    layout_file(fx, "indicators.csv", "ab", "tl.thu,Tỷ lệ thử,%,percent,xa,,,,\n");
    start(fx, "", 10);
    for (int i = 0; i < 12; i++) {
        char code[32];

        snprintf(code, sizeof code, "GL.PKU.%02d", i + 1);
        put(fx, code, "tl.thu", vals[i]);
    }
    finish(fx);
    eg_outliers_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(fx->out.items[0].unit, "GL.PKU.04");
    assert_non_null(strstr(fx->out.items[0].message, " là 0,97%, thấp hơn"));
    assert_non_null(strstr(fx->out.items[0].message, "trung vị 96,50%"));
}

/* Money is judged on a log scale, as counts are: the same values as
 * a_value_far_from_its_level_is_an_outlier_warning's dossiers, in đồng,
 * stand as far out (on their own scale, 25.000 among 100 is thousands of
 * MADs away). */
static void money_is_judged_on_a_log_scale(void **state)
{
    fixture *fx = *state;
    static const char *const vals[] = { "100", "120", "90", "110", "105", "95", "130", "80",
                                        "115", "100", "101", "99" };

    layout_file(fx, "indicators.csv", "ab", "dt.thu,Kinh phí thử,đồng,money,xa,,,,\n");
    start(fx, "", 10);
    for (int i = 0; i < 12; i++) {
        char code[32];

        snprintf(code, sizeof code, "GL.PKU.%02d", i + 1);
        put(fx, code, "dt.thu", i == 3 ? "25000" : vals[i]);
    }
    finish(fx);
    eg_outliers_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(fx->out.items[0].message,
                        "Kinh phí thử của Đơn vị GL.PKU.04 là 25.000, cao hơn nhiều so với các "
                        "đơn vị cùng cấp (Cấp xã: trung vị 101, 12 đơn vị; độ lệch chuẩn hóa "
                        "44,7, ngưỡng 5,0); kiểm tra lại số liệu");
}

/* A number is judged as it is, its zeros with it (a zero is a value of
 * it, not "none"): 0 among values around 100 (median 100, MAD 7,5) is
 * 8,99 below; how far is said without a sign, "thấp hơn" says which way. */
static void a_number_is_judged_as_it_is_with_its_zeros(void **state)
{
    fixture *fx = *state;
    static const char *const vals[] = { "100", "120", "90", "0", "105", "95", "130", "80",
                                        "115", "100", "101", "99" };

    layout_file(fx, "indicators.csv", "ab", "nl.thu,Số thử,,number,xa,,,,\n");
    start(fx, "", 10);
    for (int i = 0; i < 12; i++) {
        char code[32];

        snprintf(code, sizeof code, "GL.PKU.%02d", i + 1);
        put(fx, code, "nl.thu", vals[i]);
    }
    finish(fx);
    eg_outliers_check(&fx->L, &fx->ds, &fx->out);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(fx->out.items[0].unit, "GL.PKU.04");
    assert_string_equal(fx->out.items[0].message,
                        "Số thử của Đơn vị GL.PKU.04 là 0,00, thấp hơn nhiều so với các đơn vị "
                        "cùng cấp (Cấp xã: trung vị 100,00, 12 đơn vị; độ lệch chuẩn hóa 9,0, "
                        "ngưỡng 5,0); kiểm tra lại số liệu");
}

/* --- last year's figures (baseline.csv) ------------------------------------ */

/* Adds key,value to the year's baseline.csv, at the next row. */
static void baseline(fixture *fx, const char *key, const char *value)
{
    eg_fact *b;

    fx->ds.baseline = eg_xrealloc(fx->ds.baseline, (fx->ds.n_baseline + 1) * sizeof *b);
    b = &fx->ds.baseline[fx->ds.n_baseline++];
    b->key = eg_xstrdup(key);
    b->value = eg_xstrdup(value);
    b->row = (long)fx->ds.n_baseline + 1;
}

/* The district PKU's households (80 % with a computer online), its lower
 * secondary schools (4) and its steering committee (1 unit with one):
 * whole figures of the district level, each set against baseline.csv. */
static void baseline_check_at(fixture *fx, const char *online)
{
    eg_results res;

    put(fx, "GL.PKU", "ht.ho_gia_dinh", "1.000");
    put(fx, "GL.PKU", "ht.ho_may_tinh_internet", online);
    put(fx, "GL.PKU", "nl.thcs", "4");
    put(fx, "GL.PKU", "cs.ban_chi_dao", "có");
    finish(fx);
    eg_results_compute(&res, &fx->L, &fx->ds);
    eg_baseline_check(&fx->L, &fx->ds, &res, &fx->out);
    eg_results_free(&res);
}

/* The same with 800 households of 1.000 online (80 %). */
static void baseline_check(fixture *fx)
{
    baseline_check_at(fx, "800");
}

/* A share moves in points: 25 past the 20 of settings.csv is told (20
 * exactly is not, below). */
static void a_share_is_set_against_last_year_in_points(void **state)
{
    fixture *fx = *state;

    start(fx, "", 0);
    baseline(fx, "tl.ho_may_tinh_internet", "55");
    baseline_check(fx);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(fx->out.items[0].code, "W_BASELINE_CHANGE");
    assert_int_equal(fx->out.items[0].severity, EG_WARNING);
    /* at baseline.csv's value, of no unit */
    assert_string_equal(fx->out.items[0].file, "baseline.csv");
    assert_int_equal(fx->out.items[0].row, 2);
    assert_int_equal(fx->out.items[0].col, 2);
    assert_null(fx->out.items[0].unit);
    assert_string_equal(fx->out.items[0].indicator, "tl.ho_may_tinh_internet");
    assert_string_equal(fx->out.items[0].message,
                        "Tỷ lệ hộ gia đình có máy tính kết nối Internet năm nay là 80,00%, năm "
                        "trước 55,00%: tăng 25,0 điểm phần trăm, quá ngưỡng 20 điểm phần trăm "
                        "(settings.csv); kiểm tra lại số liệu năm nay và baseline.csv");
}

static void a_share_that_moved_its_points_exactly_is_not_told(void **state)
{
    fixture *fx = *state;

    start(fx, "", 0);
    baseline(fx, "tl.ho_may_tinh_internet", "60");
    baseline_check(fx);
    assert_int_equal(fx->out.n, 0);
}

/* A count moves in percent of last year's: 4 schools from 10 is down
 * 60 %, past the 50 % of settings.csv (4 from 8 is 50 %, not past). */
static void a_count_is_set_against_last_year_in_percent_of_it(void **state)
{
    fixture *fx = *state;

    start(fx, "", 0);
    baseline(fx, "nl.thcs", "10");
    baseline_check(fx);
    assert_int_equal(fx->out.n, 1);
    assert_non_null(strstr(fx->out.items[0].message,
                           " năm nay là 4, năm trước 10: giảm 60,0%, quá ngưỡng 50% "
                           "(settings.csv)"));
}

static void a_count_that_moved_its_percent_exactly_is_not_told(void **state)
{
    fixture *fx = *state;

    start(fx, "", 0);
    baseline(fx, "nl.thcs", "8");
    baseline_check(fx);
    assert_int_equal(fx->out.n, 0);
}

/* A dem.* figure is set against last year by its count of units, said as
 * such; from nothing last year, any change is no judgement. */
static void a_count_of_units_is_said_in_units_and_nothing_is_no_base(void **state)
{
    fixture *fx = *state;

    start(fx, "", 0);
    baseline(fx, "dem.ban_chi_dao.huyen", "3");
    baseline(fx, "nl.thcs", "0");
    baseline_check(fx);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(fx->out.items[0].indicator, "dem.ban_chi_dao.huyen");
    assert_non_null(strstr(fx->out.items[0].message,
                           " năm nay là 1 đơn vị, năm trước 3 đơn vị: giảm 66,7%"));
}

/* A share of 1 % or less last year and ten times more now was most
 * likely copied as a fraction (0,8 for 80 %): said so, not as a move. */
static void a_share_copied_as_a_fraction_is_said_to_be_one(void **state)
{
    fixture *fx = *state;

    start(fx, "", 0);
    baseline(fx, "tl.ho_may_tinh_internet", "1");
    baseline_check(fx);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(fx->out.items[0].code, "W_BASELINE_CHANGE");
    assert_non_null(strstr(fx->out.items[0].message, "dạng phân số"));
    assert_non_null(strstr(fx->out.items[0].message, "(1 là 100,00%)"));
    assert_string_equal(fx->out.items[0].message,
                        "Tỷ lệ hộ gia đình có máy tính kết nối Internet năm nay là 80,00%, năm "
                        "trước 1,00% theo baseline.csv: có lẽ tỷ lệ đã được chép dạng phân số từ "
                        "bảng tính (1 là 100,00%); ghi tỷ lệ theo phần trăm, như 45,7 cho 45,7%");
    assert_int_equal(fx->out.items[0].row, 2);
    assert_int_equal(fx->out.items[0].col, 2);
    assert_string_equal(fx->out.items[0].indicator, "tl.ho_may_tinh_internet");
}

/* Ten times last year's 1 % exactly is no sign of a fraction (more than
 * ten times is), and 9 points is within the threshold: nothing said. */
static void a_share_ten_times_last_years_one_percent_is_let_be(void **state)
{
    fixture *fx = *state;

    start(fx, "", 0);
    baseline(fx, "tl.ho_may_tinh_internet", "1");
    baseline_check_at(fx, "100");
    assert_int_equal(fx->out.n, 0);
}

/* From 0 % last year a share moved in points, as any other: no fraction
 * is 0. */
static void a_share_from_nothing_last_year_moves_in_points(void **state)
{
    fixture *fx = *state;

    start(fx, "", 0);
    baseline(fx, "tl.ho_may_tinh_internet", "0");
    baseline_check(fx);
    assert_int_equal(fx->out.n, 1);
    assert_non_null(strstr(fx->out.items[0].message,
                           " năm nay là 80,00%, năm trước 0,00%: tăng 80,0 điểm phần trăm, "
                           "quá ngưỡng 20 điểm phần trăm (settings.csv)"));
}

/* A share that fell is told as one that rose. */
static void a_share_that_fell_past_its_points_is_told(void **state)
{
    fixture *fx = *state;

    start(fx, "", 0);
    baseline(fx, "tl.ho_may_tinh_internet", "55");
    baseline_check_at(fx, "300");
    assert_int_equal(fx->out.n, 1);
    assert_non_null(strstr(fx->out.items[0].message,
                           " năm nay là 30,00%, năm trước 55,00%: giảm 25,0 điểm phần trăm, "
                           "quá ngưỡng 20 điểm phần trăm (settings.csv)"));
}

/* A figure the report does not print is not set against last year's
 * either: 1.200 households of 1.000 online (120 %, which the rule on
 * them reports), and dossiers past 2^53 (fifteen units' 10^15 - 1),
 * would have been said to have moved, at values printed nowhere else. */
static void a_figure_the_report_does_not_print_is_not_set_against_last_year(void **state)
{
    fixture *fx = *state;
    static const char *const units[] = { "GL.SA", "GL.SB", "GL.PKU" };

    start(fx, "", 10);
    for (size_t i = 0; i < 15; i++) {
        char code[32];

        if (i < 3)
            snprintf(code, sizeof code, "%s", units[i]);
        else
            snprintf(code, sizeof code, "GL.PKU.%02zu", i - 2);
        put(fx, code, "gd.ho_so", "999.999.999.999.999");
    }
    baseline(fx, "tl.ho_may_tinh_internet", "55");
    baseline(fx, "tong.ho_so", "1.000");
    baseline_check_at(fx, "1.200");
    assert_int_equal(fx->out.n, 0);
}

/* A sum of 2^53 exactly is printed (figures.h), and said as the count it
 * is, not 9.007.199.254.740.992,00. */
static void a_sum_of_two_to_the_53_is_said_whole(void **state)
{
    fixture *fx = *state;
    static const char *const units[] = { "GL.SA", "GL.SB", "GL.PKU" };

    start(fx, "", 10);
    for (size_t i = 0; i < 15; i++) {
        char code[32];

        if (i < 3)
            snprintf(code, sizeof code, "%s", units[i]);
        else
            snprintf(code, sizeof code, "GL.PKU.%02zu", i - 2);
        /* 9 * (10^15 - 1) + 7.199.254.741.001, the rest none */
        put(fx, code, "gd.ho_so", i < 9 ? "999.999.999.999.999" : i == 9 ? "7.199.254.741.001"
                                                                          : "0");
    }
    baseline(fx, "tong.ho_so", "1.000");
    baseline_check(fx);
    assert_int_equal(fx->out.n, 1);
    assert_non_null(strstr(fx->out.items[0].message,
                           " năm nay là 9.007.199.254.740.992, năm trước 1.000: tăng "));
}

/* The first figure of figures.csv is a figure like the others. */
static void the_first_figure_is_set_against_last_year_too(void **state)
{
    fixture *fx = *state;
    static const char *const units[] = { "GL.SA", "GL.SB", "GL.PKU", "GL.PKU.01",
                                         "GL.PKU.02" };

    start(fx, "", 0);
    assert_string_equal(fx->L.figures[0].code, "tl.cbcc_may_tinh");
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        put(fx, units[i], "ht.cbcc", "10");
        put(fx, units[i], "ht.cbcc_may_tinh", "10");
    }
    baseline(fx, "tl.cbcc_may_tinh", "50");
    baseline_check(fx);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(fx->out.items[0].code, "W_BASELINE_CHANGE");
    assert_non_null(strstr(fx->out.items[0].message,
                           " năm nay là 100,00%, năm trước 50,00%: tăng 50,0 điểm phần trăm"));
}

/* A layout's own figures: a count of units named tl.* is a share, as
 * baseline.csv gives it, in points and not "đơn vị"; a sum of scores
 * keeps its decimals, summed and said. */
static void a_layouts_share_of_units_and_sum_of_decimals_are_said_as_they_are(void **state)
{
    fixture *fx = *state;

    layout_file(fx, "figures.csv", "ab",
                "tl.ban_chi_dao_thu,Thử,Huyện có Ban Chỉ đạo (thử),count,cs.ban_chi_dao,,huyen,"
                "yes,percent\n"
                "tong.diem_thu,Thử,Tổng điểm chuyển đổi (thử),sum,diem.chuyen_doi,,so huyen,,"
                "number\n");
    start(fx, "", 0);
    put(fx, "GL.SA", "diem.chuyen_doi", "12,5");
    put(fx, "GL.SB", "diem.chuyen_doi", "10,25");
    put(fx, "GL.PKU", "diem.chuyen_doi", "0,5");
    baseline(fx, "tl.ban_chi_dao_thu", "50");
    baseline(fx, "tong.diem_thu", "10");
    baseline_check(fx);
    assert_int_equal(fx->out.n, 2);
    assert_string_equal(fx->out.items[0].indicator, "tl.ban_chi_dao_thu");
    assert_non_null(strstr(fx->out.items[0].message,
                           " năm nay là 100,00%, năm trước 50,00%: tăng 50,0 điểm phần trăm, "));
    assert_string_equal(fx->out.items[1].indicator, "tong.diem_thu");
    assert_non_null(strstr(fx->out.items[1].message,
                           " năm nay là 23,25, năm trước 10: tăng 132,5%, quá ngưỡng 50% "));
}

/* A code of baseline.csv that is no figure is an error at its row. */
static void a_baseline_code_that_is_no_figure_is_an_error(void **state)
{
    fixture *fx = *state;

    start(fx, "", 0);
    baseline(fx, "tl.khong_co", "45");
    baseline_check(fx);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(fx->out.items[0].code, "E_BASELINE");
    assert_int_equal(fx->out.items[0].severity, EG_ERROR);
    assert_int_equal(fx->out.items[0].row, 2);
    assert_int_equal(fx->out.items[0].col, 1);
    assert_string_equal(fx->out.items[0].file, "baseline.csv");
    assert_string_equal(fx->out.items[0].indicator, "tl.khong_co");
}

/* --- every check at once ---------------------------------------------- */

/* eg_checks_run with one thread and with two (the statistics then by a
 * thread of their own): the same list in the same order, the rulebook's
 * findings before the statistics' warnings; and the figures it gives
 * are the build's (eg_results_compute). */
static void every_check_gives_the_same_list_with_one_thread_or_two(void **state)
{
    fixture *fx = *state;
    static const char *const vals[] = { "100", "120", "90", "110", "105", "95", "130", "80",
                                        "115", "100", "101", "99" };
    eg_diag_list lists[2] = { { 0 }, { 0 } };
    eg_results res[2], want;

    start(fx, "R_LT,warning,so,ht.cbcc_may_tinh,<,ht.cbcc,m\n", 10);
    put(fx, "GL.SA", "ht.cbcc", "10");
    put(fx, "GL.SA", "ht.cbcc_may_tinh", "10");
    for (int i = 0; i < 12; i++) {
        char code[32];

        snprintf(code, sizeof code, "GL.PKU.%02d", i + 1);
        put(fx, code, "gd.ho_so", i == 3 ? "25000" : vals[i]);
    }
    finish(fx);
    fx->ds.year_dir = eg_xstrdup(fx->dir);      /* no systems/ there */
    for (int j = 0; j < 2; j++) {
        fx->ds.jobs = j + 1;
        eg_checks_run(&fx->L, &fx->ds, NULL, &lists[j], &res[j]);
    }
    assert_true(lists[0].n >= 2);
    assert_int_equal(lists[0].n, lists[1].n);
    for (size_t i = 0; i < lists[0].n; i++) {
        assert_string_equal(lists[0].items[i].code, lists[1].items[i].code);
        assert_string_equal(lists[0].items[i].message, lists[1].items[i].message);
    }
    assert_int_equal(count(&lists[1], "R_LT", "GL.SA"), 1);
    assert_string_equal(lists[1].items[lists[1].n - 1].code, "W_OUTLIER");
    assert_string_equal(lists[1].items[lists[1].n - 1].unit, "GL.PKU.04");
    eg_results_compute(&want, &fx->L, &fx->ds);
    for (int j = 0; j < 2; j++) {
        for (size_t f = 0; f < fx->L.n_figures; f++) {
            assert_int_equal(res[j].figures[f].has_value, want.figures[f].has_value);
            if (want.figures[f].has_value)
                assert_true(res[j].figures[f].value == want.figures[f].value);
        }
        eg_results_free(&res[j]);
        eg_diag_free(&lists[j]);
    }
    assert_true(eg_results_figure(&want, "tong.ho_so") != NULL &&
                eg_results_figure(&want, "tong.ho_so")->has_value);
    eg_results_free(&want);
}

/* With one thread the exports are not read beforehand (cli passes no
 * reading): the checks read them, and their differences are in the list
 * as a reading begun before would have put them. */
static void with_no_reading_begun_the_checks_read_the_exports_themselves(void **state)
{
    fixture *fx = *state;
    char *year = eg_test_scratch("egreport-test-checks-year");
    char *systems = eg_xasprintf("%s/systems", year);
    eg_diag_list lists[2] = { { 0 }, { 0 } };
    eg_reconcile_reading rd;
    eg_results res;

    start(fx, "", 0);
    put(fx, "GL.SA", "gd.ho_so", "3");
    finish(fx);
    fx->ds.year_dir = eg_xstrdup(year);
    assert_int_equal(mkdir(systems, 0700), 0);
    eg_test_put(systems, "dossiers.csv",
                "dossier_id,unit_code,channel,received_at,due_at,finished_at\n"
                "1,GL.SA,truc_tiep,2021-03-01 08:00:00,2021-03-05 08:00:00,\n"
                "2,GL.SA,muc_3,2021-03-02 08:00:00,2021-03-06 08:00:00,\n");
    fx->ds.jobs = 1;
    eg_checks_run(&fx->L, &fx->ds, NULL, &lists[0], &res);
    eg_results_free(&res);
    fx->ds.jobs = 2;                /* before the reading's thread reads it */
    eg_reconcile_start(&rd, &fx->ds, 1);
    eg_checks_run(&fx->L, &fx->ds, &rd, &lists[1], &res);
    eg_results_free(&res);
    assert_int_equal(count(&lists[0], "E_SYSTEM_HO_SO", "GL.SA"), 1);
    assert_non_null(strstr(message_of(&lists[0], "E_SYSTEM_HO_SO", "GL.SA"),
                           "báo cáo 3 hồ sơ tiếp nhận (gd.ho_so)"));
    assert_int_equal(lists[0].n, lists[1].n);
    for (size_t i = 0; i < lists[0].n; i++)
        assert_string_equal(lists[0].items[i].message, lists[1].items[i].message);
    eg_diag_free(&lists[0]);
    eg_diag_free(&lists[1]);
    free(systems);
    eg_test_rm_rf(year);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(a_ratio_of_nothing_skips_the_rule),
        T(strict_comparisons_refuse_equality),
        T(never_counts_missing_as_zero_but_not_for_units_that_sent_nothing),
        T(a_chain_reports_its_first_failing_pair_once),
        T(a_message_naming_the_unit_is_not_followed_by_its_name),
        T(required_skips_values_already_refused),
        T(a_ratio_of_nothing_skips_even_a_rule_that_zero_would_break),
        T(a_condition_of_alternatives_holds_when_one_of_them_does),
        T(a_condition_with_a_refused_alternative_is_skipped),
        T(a_difference_within_the_tolerance_passes_and_one_beyond_it_is_told),
        T(a_relative_tolerance_is_of_the_larger_side),
        T(decimals_equal_to_a_millionth_are_equal_and_neither_less_nor_more),
        T(decimals_are_equal_to_a_millionth_of_the_larger_side),
        T(whole_numbers_are_compared_exactly_however_large),
        T(a_message_says_its_figures_as_a_clerk_writes_them),
        T(a_rule_broken_by_less_than_a_hundredth_says_by_how_much),
        T(a_broken_rule_is_filed_at_its_first_own_value),
        T(skip_all_runs_unless_every_figure_is_missing),
        T(a_sum_over_no_children_is_zero_not_missing),
        T(a_sum_over_levels_is_whole_without_the_levels_that_do_not_report_it),
        T(skip_all_runs_a_figure_against_a_sum_of_nothing),
        T(skip_all_runs_a_rule_of_numbers_alone),
        T(a_ratio_of_nothing_on_the_right_skips_the_rule),
        T(a_rule_broken_by_less_than_a_thousandth_says_by_how_much),
        T(decimals_apart_by_a_millionth_of_the_larger_side_alone_are_equal),
        T(equality_is_broken_either_way),
        T(a_tolerance_loosens_strict_comparisons_too),
        T(a_figure_of_a_few_millionths_is_said_to_six_decimals),
        T(a_figure_too_large_to_write_is_said_as_a_question_mark),
        T(a_chain_says_and_files_its_failing_pair_not_its_first),
        T(a_negative_denominator_is_divided_by),
        T(a_figure_a_hair_under_a_whole_number_is_said_as_that_number),
        T(a_relative_tolerance_is_of_the_larger_side_on_the_right_too),
        T(a_whole_number_against_a_decimal_is_compared_to_a_millionth),
        T(a_rule_broken_by_missing_figures_is_filed_under_one_it_names),
        T(a_chain_files_its_failing_pair_at_its_own_value),
        T(a_required_figure_left_empty_is_filed_at_its_cell),
        T(a_unit_is_expected_only_what_the_rules_of_its_level_require),
        T(conditions_are_read_as_written),
        T(a_list_message_naming_the_unit_is_not_followed_by_its_name),
        T(only_if_an_enum_is_among_its_options_is_told_at_the_cell),
        T(a_condition_on_the_first_indicator_is_read),
        T(a_missing_condition_skips_the_rule_unless_never_and_not_refused),
        T(a_warning_on_a_figure_does_not_excuse_leaving_it_out),
        T(rules_say_nothing_of_a_unit_that_sent_nothing),
        cmocka_unit_test(dates_are_read_iso_or_day_first),
        cmocka_unit_test(a_date_with_its_time_of_day_is_that_date),
        T(completeness_counts_expected_received_missing_and_late),
        T(an_unreadable_submitted_on_is_said_once_per_file),
        T(an_unreadable_submitted_on_is_shown_the_years_form),
        T(a_submitted_on_not_yet_come_is_a_slip_not_a_late_unit),
        T(a_file_without_a_readable_date_is_dated_by_its_time),
        T(a_file_is_dated_by_its_latest_row_and_the_deadline_day_is_on_time),
        T(without_a_deadline_a_dated_report_is_on_time),
        cmocka_unit_test(the_median_of_even_and_odd_counts),
        T(a_value_far_from_its_level_is_an_outlier_warning),
        T(a_level_of_one_value_has_no_outliers),
        T(money_is_judged_on_a_log_scale),
        T(a_number_is_judged_as_it_is_with_its_zeros),
        T(an_amount_of_money_is_said_in_whole_dong),
        T(a_value_as_far_as_the_threshold_does_not_stand_out),
        T(a_percentage_far_from_its_level_is_said_as_one),
        T(a_share_is_set_against_last_year_in_points),
        T(a_share_that_moved_its_points_exactly_is_not_told),
        T(a_count_is_set_against_last_year_in_percent_of_it),
        T(a_count_that_moved_its_percent_exactly_is_not_told),
        T(a_count_of_units_is_said_in_units_and_nothing_is_no_base),
        T(a_share_copied_as_a_fraction_is_said_to_be_one),
        T(a_baseline_code_that_is_no_figure_is_an_error),
        T(a_share_ten_times_last_years_one_percent_is_let_be),
        T(a_share_from_nothing_last_year_moves_in_points),
        T(a_share_that_fell_past_its_points_is_told),
        T(the_first_figure_is_set_against_last_year_too),
        T(a_figure_the_report_does_not_print_is_not_set_against_last_year),
        T(a_sum_of_two_to_the_53_is_said_whole),
        T(a_layouts_share_of_units_and_sum_of_decimals_are_said_as_they_are),
        T(every_check_gives_the_same_list_with_one_thread_or_two),
        T(with_no_reading_begun_the_checks_read_the_exports_themselves),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
