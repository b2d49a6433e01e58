/*
 * test_figures.c - normalize/figures.h: the derived provincial figures,
 * the rankings, and the rules of rules.csv.
 *
 * The real layouts, and a registry of a province with two departments,
 * two districts and three communes; values go in through the acceptor as
 * in a build, so that what is computed is what a build would compute.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/mem.h"
#include "core/text.h"
#include "layout/layout.h"
#include "normalize/accept.h"
#include "normalize/figures.h"

#include "support.h"


/* --- a year built by hand ------------------------------------------------ */

typedef struct {
    eg_dataset ds;
    eg_acceptor acc;
    eg_diag_list dl;          /* what accepting said: must stay empty */
    eg_diag_list rules;       /* what eg_rules_check says */
    eg_results res;
    eg_layouts own;           /* the real ones with figures of a test's own */
    int finished, computed;
} year;

static void start(year *y)
{
    y->ds.year = 2021;
    y->ds.files = eg_xcalloc(1, sizeof *y->ds.files);
    y->ds.files[0].path = eg_xstrdup("submissions/bao-cao.csv");
    y->ds.n_files = 1;
    eg_acceptor_init(&y->acc, &y->ds, &eg_test_layouts, &y->dl);
}

/* Province GL; departments STTTT, SGDDT; districts PKU (communes 01, 02)
 * and CPU (commune 01). */
enum { TINH, STTTT, SGDDT, PKU, CPU, PKU01, PKU02, CPU01 };

static int province_setup(void **state)
{
    year *y = calloc(1, sizeof *y);

    if (!y)
        return -1;
    eg_test_add_unit(&y->ds, "GL", "Tỉnh Gia Lai", EG_LEVEL_TINH, -1);
    eg_test_add_unit(&y->ds, "GL.STTTT", "Sở Thông tin và Truyền thông", EG_LEVEL_SO, TINH);
    eg_test_add_unit(&y->ds, "GL.SGDDT", "Sở Giáo dục và Đào tạo", EG_LEVEL_SO, TINH);
    eg_test_add_unit(&y->ds, "GL.PKU", "Thị xã Ayun Pa", EG_LEVEL_HUYEN, TINH);
    eg_test_add_unit(&y->ds, "GL.CPU", "Huyện Chư Pưh", EG_LEVEL_HUYEN, TINH);
    eg_test_add_unit(&y->ds, "GL.PKU.01", "Phường Cheo Reo", EG_LEVEL_XA, PKU);
    eg_test_add_unit(&y->ds, "GL.PKU.02", "Phường Hòa Bình", EG_LEVEL_XA, PKU);
    eg_test_add_unit(&y->ds, "GL.CPU.01", "Xã Ia Dreng", EG_LEVEL_XA, CPU);
    start(y);
    *state = y;
    return 0;
}

/* Province GL and five departments, listed out of code order. */
enum { RK_TINH, RK_SE, RK_SB, RK_SA, RK_SD, RK_SC };

static int departments_setup(void **state)
{
    year *y = calloc(1, sizeof *y);

    if (!y)
        return -1;
    eg_test_add_unit(&y->ds, "GL", "Tỉnh Gia Lai", EG_LEVEL_TINH, -1);
    eg_test_add_unit(&y->ds, "GL.SE", "Sở E", EG_LEVEL_SO, 0);
    eg_test_add_unit(&y->ds, "GL.SB", "Sở B", EG_LEVEL_SO, 0);
    eg_test_add_unit(&y->ds, "GL.SA", "Sở A", EG_LEVEL_SO, 0);
    eg_test_add_unit(&y->ds, "GL.SD", "Sở D", EG_LEVEL_SO, 0);
    eg_test_add_unit(&y->ds, "GL.SC", "Sở C", EG_LEVEL_SO, 0);
    start(y);
    *state = y;
    return 0;
}

static int year_teardown(void **state)
{
    year *y = *state;

    if (!y->finished)
        eg_acceptor_finish(&y->acc);
    if (y->computed)
        eg_results_free(&y->res);
    eg_dataset_free(&y->ds);
    eg_diag_free(&y->dl);
    eg_diag_free(&y->rules);
    free(y);
    return 0;
}

static long next_row = 2;

static void put(year *y, const char *unit, const char *ind, const char *value)
{
    eg_raw_value rv = {
        .file = 0, .row = next_row++,
        .unit = unit, .unit_col = 1,
        .indicator = ind, .indicator_col = 2,
        .value = value, .value_col = 3,
        .note = "",
    };

    eg_accept_raw(&y->acc, &rv);
}

/* Ends accepting (which must have been silent but for W_NOT_SUBMITTED and
 * a file of empty cells' W_NO_VALUES) and computes the figures of L. */
static void compute_with(year *y, const eg_layouts *L)
{
    eg_acceptor_finish(&y->acc);
    y->finished = 1;
    for (size_t i = 0; i < y->dl.n; i++)
        if (strcmp(y->dl.items[i].code, "W_NOT_SUBMITTED") != 0 &&
            strcmp(y->dl.items[i].code, "W_NO_VALUES") != 0)
            fail_msg("accepting the test values said %s: %s", y->dl.items[i].code,
                     y->dl.items[i].message);
    eg_results_compute(&y->res, L, &y->ds);
    y->computed = 1;
}

static void compute(year *y)
{
    compute_with(y, &eg_test_layouts);
}

/* The same with the figures of a layout of a test's own (n of them, in
 * file order) in place of the real ones, and no ranking: y->res.figures
 * is parallel to defs. */
static void compute_own(year *y, const eg_figure_def *defs, size_t n)
{
    y->own = eg_test_layouts;
    y->own.figures = (eg_figure_def *)defs;
    y->own.n_figures = n;
    y->own.rankings = NULL;
    y->own.n_rankings = 0;
    compute_with(y, &y->own);
}

/* The position of an indicator of the catalogue. */
static int ind(const char *code)
{
    int k = eg_catalogue_find(&eg_test_layouts.cat, code);

    if (k < 0)
        fail_msg("the catalogue has no indicator %s", code);
    return k;
}

static const eg_figure *fig(const year *y, const char *code)
{
    const eg_figure *f = eg_results_figure(&y->res, code);

    if (!f)
        fail_msg("the layouts declare no figure %s", code);
    return f;
}

#define assert_near(a, b) \
    do { \
        double a_ = (a), b_ = (b); \
        if (fabs(a_ - b_) > 1e-12) \
            fail_msg("%s = %.17g; want %.17g", #a, a_, b_); \
    } while (0)

/* --- sums ---------------------------------------------------------------- */

static void sum_adds_every_unit_that_reported_the_figure(void **state)
{
    year *y = *state;
    const eg_figure *f;

    put(y, "GL.STTTT", "gd.ho_so", "100");
    put(y, "GL.PKU", "gd.ho_so", "200");
    put(y, "GL.CPU", "gd.ho_so", "1.300");
    put(y, "GL.PKU.01", "gd.ho_so", "10");
    put(y, "GL.CPU.01", "gd.ho_so", "5");
    /* SGDDT and PKU.02 did not report it */
    compute(y);
    f = fig(y, "tong.ho_so");
    assert_true(f->has_value);
    assert_near(f->value, 1615);
    assert_int_equal(f->n_units, 5);
}

static void sum_stays_within_its_levels(void **state)
{
    year *y = *state;
    const eg_figure *f;

    /* nl.thcs is summed over the districts only, not the department */
    put(y, "GL.SGDDT", "nl.thcs", "45");
    put(y, "GL.PKU", "nl.thcs", "20");
    put(y, "GL.CPU", "nl.thcs", "25");
    compute(y);
    f = fig(y, "nl.thcs");
    assert_near(f->value, 45);
    assert_int_equal(f->n_units, 2);
}

static void sum_of_money_is_exact_in_dong(void **state)
{
    year *y = *state;
    const eg_figure *f;

    put(y, "GL.STTTT", "dt.kinh_phi_cntt", "1.250.000.000");
    put(y, "GL.PKU", "dt.kinh_phi_cntt", "999.999.999");
    compute(y);
    f = fig(y, "tong.kinh_phi_cntt");
    assert_true(f->has_value);
    assert_true(f->value == 2249999999.0);
}

/* The figure's place in the layouts, for eg_figure_impossible. */
static size_t fig_at(const char *code)
{
    int i = eg_strmap_get(&eg_test_layouts.figure_index, code);

    if (i < 0)
        fail_msg("the layouts declare no figure %s", code);
    return (size_t)i;
}

/* Fails unless the figures named (up to NULL), and no other, are
 * impossible, and with too_large too large as well. */
static void only_these_are_impossible(const year *y, const char *const *codes, int too_large)
{
    for (size_t i = 0; i < eg_test_layouts.n_figures; i++) {
        const char *fc = eg_test_layouts.figures[i].code;
        int named = 0;

        for (size_t k = 0; codes[k]; k++)
            named |= strcmp(fc, codes[k]) == 0;
        if (eg_figure_impossible(&y->res, i) != named)
            fail_msg("%s is%s impossible", fc, named ? " not" : "");
        if (eg_figure_too_large(&y->res, i) != (named && too_large))
            fail_msg("%s is%s too large", fc, named && too_large ? " not" : "");
    }
}

static void a_sum_past_two_to_the_53_is_too_large_to_print(void **state)
{
    year *y = *state;
    char code[16];

    /* twelve departments' dossiers of 10^15 - 1: past 2^53 (9.007e15)
     * after the tenth, where a double no longer holds the unit; nine are
     * still exact */
    for (int k = 1; k <= 12; k++) {
        snprintf(code, sizeof code, "GL.S%02d", k);
        put(y, code, "gd.ho_so", "999.999.999.999.999");
        put(y, code, "gd.ho_so_tre", "3");
        if (k <= 9)
            put(y, code, "dt.kinh_phi_cntt", "999.999.999.999.999");
    }
    compute(y);
    assert_true(fig(y, "tong.ho_so")->too_large);
    /* added up to the end all the same, exactly, for the workbook, whose
     * formula gives that total too: 12 * (10^15 - 1) */
    assert_true(fig(y, "tong.ho_so")->value == 11999999999999988.0);
    assert_false(eg_figure_pair_printable(&y->res, fig_at("tl.ho_so_tre")));
    assert_true(eg_figure_impossible(&y->res, fig_at("tong.ho_so")));
    /* made from it: the share of late ones and its complement */
    assert_true(eg_figure_too_large(&y->res, fig_at("tl.ho_so_tre")));
    assert_true(eg_figure_impossible(&y->res, fig_at("tl.ho_so_dung_han")));
    assert_true(eg_figure_too_large(&y->res, fig_at("tl.ho_so_dung_han")));
    assert_false(fig(y, "tong.ho_so_tre")->too_large);
    assert_true(fig(y, "tong.ho_so_tre")->value == 36.0);
    assert_false(fig(y, "tong.kinh_phi_cntt")->too_large);
    assert_true(fig(y, "tong.kinh_phi_cntt")->value == 8999999999999991.0);
    assert_false(eg_figure_impossible(&y->res, fig_at("tong.kinh_phi_cntt")));
    /* and no other figure: none is made from those three */
    only_these_are_impossible(y, (const char *const[]){ "tong.ho_so", "tl.ho_so_tre",
                                                        "tl.ho_so_dung_han", NULL }, 1);
}

/* 2^53 itself is a double's exactly: a sum of it is printed (past it,
 * a_sum_past_two_to_the_53_is_too_large_to_print). */
static void a_sum_of_exactly_two_to_the_53_is_still_printed(void **state)
{
    year *y = *state;
    char code[16];

    for (int k = 1; k <= 9; k++) {
        snprintf(code, sizeof code, "GL.S%02d", k);
        put(y, code, "dt.kinh_phi_cntt", "999.999.999.999.999");
    }
    /* 2^53 - 9 * (10^15 - 1) */
    put(y, "GL.S10", "dt.kinh_phi_cntt", "7.199.254.741.001");
    compute(y);
    assert_true(fig(y, "tong.kinh_phi_cntt")->value == 9007199254740992.0);
    assert_false(fig(y, "tong.kinh_phi_cntt")->too_large);
    assert_false(eg_figure_impossible(&y->res, fig_at("tong.kinh_phi_cntt")));
}

/* Nine departments' 10^15 - 1, and a tenth's to make 2^53, or 2^53 + 1,
 * as the dossiers and the staff of a ratio's denominator. */
static void two_to_the_53(year *y, const char *tenth)
{
    char code[16];

    for (int k = 1; k <= 10; k++) {
        snprintf(code, sizeof code, "GL.S%02d", k);
        put(y, code, "gd.ho_so", k <= 9 ? "999.999.999.999.999" : tenth);
        put(y, code, "ht.cbcc", k <= 9 ? "999.999.999.999.999" : tenth);
        put(y, code, "ht.cbcc_may_tinh", "1");
    }
    compute(y);
}

/* A ratio's denominator of 2^53 is printed, as a sum of it is. */
static void a_denominator_of_exactly_two_to_the_53_is_still_printed(void **state)
{
    year *y = *state;

    two_to_the_53(y, "7.199.254.741.001");
    assert_true(fig(y, "tl.cbcc_may_tinh")->den == 9007199254740992.0);
    assert_false(fig(y, "tl.cbcc_may_tinh")->too_large);
    assert_true(eg_figure_pair_printable(&y->res, fig_at("tl.cbcc_may_tinh")));
    assert_false(eg_figure_impossible(&y->res, fig_at("tl.cbcc_may_tinh")));
}

/* 2^53 + 1 is past it, though as a double it reads 2^53 (the sum, added
 * as doubles, rounds to it): a sum, a denominator of it is too large. */
static void one_past_two_to_the_53_is_too_large_though_a_double_rounds_it_down(void **state)
{
    year *y = *state;

    two_to_the_53(y, "7.199.254.741.002");
    assert_true(fig(y, "tong.ho_so")->too_large);
    assert_true(fig(y, "tl.cbcc_may_tinh")->too_large);
    assert_false(eg_figure_pair_printable(&y->res, fig_at("tl.cbcc_may_tinh")));
}

static void a_share_above_its_whole_is_impossible(void **state)
{
    year *y = *state;

    put(y, "GL.STTTT", "gd.ho_so", "100");
    put(y, "GL.STTTT", "gd.ho_so_tre", "104");
    put(y, "GL.STTTT", "ht.cbcc", "10");
    put(y, "GL.STTTT", "tt.dung_thu", "12");
    compute(y);
    assert_true(fig(y, "tl.ho_so_tre")->has_value);
    assert_true(eg_figure_impossible(&y->res, fig_at("tl.ho_so_tre")));
    assert_true(eg_figure_impossible(&y->res, fig_at("tl.ho_so_dung_han")));
    assert_false(eg_figure_too_large(&y->res, fig_at("tl.ho_so_tre")));
    assert_false(eg_figure_impossible(&y->res, fig_at("tong.ho_so_tre")));
    /* its pair is as reported; the complement's, -4/100, is no count */
    assert_true(eg_figure_pair_printable(&y->res, fig_at("tl.ho_so_tre")));
    assert_false(eg_figure_pair_printable(&y->res, fig_at("tl.ho_so_dung_han")));
    /* 12 of 10 staff using the e-mail: a share above its whole too; what
     * is made from neither is possible */
    only_these_are_impossible(y, (const char *const[]){ "tl.ho_so_tre", "tl.ho_so_dung_han",
                                                        "tl.dung_thu", NULL }, 0);
}

/* Province GL and twelve departments, GL.S01 to GL.S12. */
static int twelve_setup(void **state)
{
    year *y = calloc(1, sizeof *y);
    char code[16], name[32];

    if (!y)
        return -1;
    eg_test_add_unit(&y->ds, "GL", "Tỉnh Gia Lai", EG_LEVEL_TINH, -1);
    for (int k = 1; k <= 12; k++) {
        snprintf(code, sizeof code, "GL.S%02d", k);
        snprintf(name, sizeof name, "Sở %d", k);
        eg_test_add_unit(&y->ds, code, name, EG_LEVEL_SO, 0);
    }
    start(y);
    *state = y;
    return 0;
}

static void sum_that_nobody_reported_has_no_value(void **state)
{
    year *y = *state;
    const eg_figure *f;

    put(y, "GL.PKU", "gd.ho_so", "");           /* an empty cell is not zero */
    compute(y);
    f = fig(y, "tong.ho_so");
    assert_false(f->has_value);
    assert_int_equal(f->n_units, 0);
    assert_false(fig(y, "tong.chung_thu_so")->has_value);
}

/* --- ratios -------------------------------------------------------------- */

static void ratio_counts_only_units_that_reported_both_parts(void **state)
{
    year *y = *state;
    const eg_figure *f;

    put(y, "GL.STTTT", "ht.cbcc", "50");
    put(y, "GL.STTTT", "ht.cbcc_may_tinh", "40");
    put(y, "GL.PKU", "ht.cbcc", "100");
    put(y, "GL.PKU", "ht.cbcc_may_tinh", "90");
    put(y, "GL.CPU", "ht.cbcc_may_tinh", "70");      /* numerator only: left out */
    put(y, "GL.PKU.01", "ht.cbcc", "20");            /* denominator only: left out */
    put(y, "GL.CPU.01", "ht.cbcc", "10");
    put(y, "GL.CPU.01", "ht.cbcc_may_tinh", "5");
    compute(y);
    f = fig(y, "tl.cbcc_may_tinh");
    assert_true(f->has_pair);
    assert_true(f->has_value);
    assert_near(f->num, 135);
    assert_near(f->den, 160);
    assert_near(f->value, 135.0 / 160.0);
    assert_int_equal(f->n_units, 3);
}

static void ratio_over_a_zero_denominator_has_a_pair_but_no_value(void **state)
{
    year *y = *state;
    const eg_figure *f;

    put(y, "GL.PKU", "ht.bdvhx", "0");
    put(y, "GL.PKU", "ht.bdvhx_internet", "0");
    compute(y);
    f = fig(y, "tl.bdvhx_internet");
    assert_true(f->has_pair);
    assert_false(f->has_value);
    assert_near(f->den, 0);
    assert_int_equal(f->n_units, 1);
    /* 0/0 is what the units reported: the report says it */
    assert_true(eg_figure_pair_printable(&y->res, fig_at("tl.bdvhx_internet")));
}

/* --- counts -------------------------------------------------------------- */

static void count_of_a_bool_counts_yes_among_those_that_reported(void **state)
{
    year *y = *state;
    const eg_figure *f;

    put(y, "GL.PKU.01", "ht.lan_internet", "có");
    put(y, "GL.PKU.02", "ht.lan_internet", "không");
    put(y, "GL.CPU.01", "ht.lan_internet", "x");
    put(y, "GL.STTTT", "ht.lan_internet", "Có");
    /* SGDDT did not report it; a district's yes is not a commune's */
    put(y, "GL.PKU", "ht.lan_internet", "có");
    compute(y);
    f = fig(y, "dem.lan_internet.xa");
    assert_true(f->has_pair);
    assert_near(f->num, 2);
    assert_near(f->den, 3);
    assert_near(f->value, 2.0 / 3.0);
    f = fig(y, "dem.lan_internet.so");
    assert_near(f->num, 1);
    assert_near(f->den, 1);
    assert_near(f->value, 1);
    f = fig(y, "dem.lan_internet.huyen");
    assert_near(f->num, 1);
    assert_near(f->den, 1);
}

/* "> 0": the units that set funds aside, of those that said how much */
static void count_of_a_number_counts_those_above_zero(void **state)
{
    year *y = *state;
    const eg_figure *f;

    put(y, "GL.STTTT", "dt.kinh_phi_cntt", "1.500.000.000");
    put(y, "GL.SGDDT", "dt.kinh_phi_cntt", "0");
    put(y, "GL.PKU", "dt.kinh_phi_cntt", "250.000.000");
    /* GL.CPU did not say; a commune's funds are not counted */
    compute(y);
    f = fig(y, "dem.kinh_phi_cntt");
    assert_true(f->has_pair);
    assert_near(f->num, 2);
    assert_near(f->den, 3);
    assert_near(f->value, 2.0 / 3.0);
    f = fig(y, "tong.kinh_phi_cntt");
    assert_near(f->value, 1750000000.0);
}

static void count_of_an_enum_counts_the_options_of_its_condition(void **state)
{
    year *y = *state;
    const eg_figure *f;

    put(y, "GL.PKU.01", "ht.mo_hinh_mot_cua", "lien_thong");
    put(y, "GL.PKU.02", "ht.mo_hinh_mot_cua", "lien_thong");
    put(y, "GL.CPU.01", "ht.mo_hinh_mot_cua", "Một cửa điện tử");
    put(y, "GL.STTTT", "ht.mo_hinh_mot_cua", "lien_thong");
    put(y, "GL.SGDDT", "ht.mo_hinh_mot_cua", "Dien_Tu");
    put(y, "GL.PKU", "ht.mo_hinh_mot_cua", "dien_tu");
    put(y, "GL.CPU", "ht.mo_hinh_mot_cua", "chưa triển khai");
    compute(y);
    /* in lien_thong dien_tu: option 0 counts as much as option 1 */
    f = fig(y, "dem.mot_cua_dien_tu.xa");
    assert_near(f->num, 3);
    assert_near(f->den, 3);
    /* and chua does not */
    f = fig(y, "dem.mot_cua_dien_tu.huyen");
    assert_near(f->num, 1);
    assert_near(f->den, 2);
    /* in lien_thong: the department with dien_tu does not count */
    f = fig(y, "dem.mot_cua_lien_thong.so");
    assert_near(f->num, 1);
    assert_near(f->den, 2);
    assert_near(f->value, 0.5);
}

/* --- figures over figures ------------------------------------------------ */

static void quotient_and_complement_follow_the_figures_they_name(void **state)
{
    year *y = *state;
    const eg_figure *tre, *dung;

    put(y, "GL.STTTT", "gd.ho_so", "400");
    put(y, "GL.STTTT", "gd.ho_so_tre", "12");
    put(y, "GL.PKU", "gd.ho_so", "600");
    put(y, "GL.PKU", "gd.ho_so_tre", "30");
    put(y, "GL.CPU.01", "gd.ho_so_tre", "8");       /* in the total of late ones too */
    compute(y);
    assert_near(fig(y, "tong.ho_so")->value, 1000);
    assert_near(fig(y, "tong.ho_so_tre")->value, 50);
    tre = fig(y, "tl.ho_so_tre");
    assert_true(tre->has_value);
    assert_true(tre->has_pair);
    assert_near(tre->num, 50);
    assert_near(tre->den, 1000);
    assert_near(tre->value, 0.05);
    dung = fig(y, "tl.ho_so_dung_han");
    assert_true(dung->has_value);
    assert_near(dung->value, 0.95);
}

static void quotient_without_its_denominator_has_no_value(void **state)
{
    year *y = *state;

    put(y, "GL.PKU", "gd.ho_so_tre", "3");
    compute(y);
    assert_true(fig(y, "tong.ho_so_tre")->has_value);
    assert_false(fig(y, "tong.ho_so")->has_value);
    assert_false(fig(y, "tl.ho_so_tre")->has_value);
    assert_false(fig(y, "tl.ho_so_dung_han")->has_value);
}

static void set_baseline(year *y, const char *key, const char *value)
{
    y->ds.baseline = eg_xcalloc(1, sizeof *y->ds.baseline);
    y->ds.baseline[0].key = eg_xstrdup(key);
    y->ds.baseline[0].value = eg_xstrdup(value);
    y->ds.baseline[0].row = 2;
    y->ds.n_baseline = 1;
}

static void change_from_the_baseline_is_in_fraction_points(void **state)
{
    year *y = *state;
    const eg_figure *f;

    put(y, "GL.PKU", "ht.ho_gia_dinh", "1.000");
    put(y, "GL.PKU", "ht.ho_may_tinh_internet", "500");
    put(y, "GL.CPU", "ht.ho_gia_dinh", "1.000");
    put(y, "GL.CPU", "ht.ho_may_tinh_internet", "300");
    set_baseline(y, "tl.ho_may_tinh_internet", "45,7");
    compute(y);
    assert_near(fig(y, "tl.ho_may_tinh_internet")->value, 0.4);
    assert_true(fig(y, "tl.ho_may_tinh_internet")->whole);
    f = fig(y, "tl.ho_may_tinh_internet.tang");
    assert_true(f->has_value);
    assert_true(f->whole);
    /* 40 % this year, 45,7 % last year: 5,7 points down, as a fraction */
    assert_near(f->value, 0.4 - 0.457);
    assert_true(f->value < -0.0569 && f->value > -0.0571);
}

static void change_without_a_baseline_has_no_value(void **state)
{
    year *y = *state;

    put(y, "GL.PKU", "ht.ho_gia_dinh", "1.000");
    put(y, "GL.PKU", "ht.ho_may_tinh_internet", "500");
    compute(y);
    assert_true(fig(y, "tl.ho_may_tinh_internet")->has_value);
    assert_false(fig(y, "tl.ho_may_tinh_internet.tang")->has_value);
}

/* One district of two has both parts, the other one of them (as in a
 * monthly build where a district has not sent yet, or left a figure out):
 * the rate is a figure of part of the districts, not the province's,
 * and no change on last year's.  tl.ho_so_tre, with no unit's dossiers,
 * is not whole either. */
static void change_of_a_figure_over_part_of_its_units_has_no_value(void **state)
{
    year *y = *state;
    const eg_figure *f;

    put(y, "GL.PKU", "ht.ho_gia_dinh", "1.000");
    put(y, "GL.PKU", "ht.ho_may_tinh_internet", "500");
    put(y, "GL.CPU", "ht.ho_gia_dinh", "1.000");
    set_baseline(y, "tl.ho_may_tinh_internet", "45,7");
    compute(y);
    f = fig(y, "tl.ho_may_tinh_internet");
    assert_true(f->has_value);
    assert_near(f->value, 0.5);
    assert_false(f->whole);
    assert_int_equal(f->n_units, 1);
    assert_int_equal(f->n_expected, 2);
    assert_false(fig(y, "tl.ho_may_tinh_internet.tang")->has_value);
    assert_false(fig(y, "tl.ho_may_tinh_internet.tang")->whole);
    assert_false(fig(y, "tl.ho_so_tre")->whole);
}

/* Every unit has sent its report, and one department alone reports the
 * upper secondary schools (the education department's own figure): the
 * sum speaks for the province, as a monthly build with a unit missing
 * does not. */
static void a_figure_no_other_unit_has_is_whole_once_every_unit_sent(void **state)
{
    year *y = *state;
    const char *codes[] = { "GL.STTTT", "GL.PKU", "GL.CPU", "GL.PKU.01", "GL.PKU.02",
                            "GL.CPU.01" };

    put(y, "GL.SGDDT", "nl.thpt", "47");
    put(y, "GL.SGDDT", "nl.thpt_tin_hoc", "47");
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        put(y, codes[i], "ht.cbcc", "10");
    compute(y);
    assert_true(fig(y, "nl.thpt")->whole);
    assert_int_equal(fig(y, "nl.thpt")->n_units, 1);
    assert_int_equal(fig(y, "nl.thpt")->n_expected, 2);
    assert_true(fig(y, "tl.thpt_tin_hoc")->whole);
}

/* The same with one commune that has sent nothing: no figure of the
 * communes' level is whole, the departments' still is. */
static void a_unit_that_sent_nothing_leaves_its_levels_figures_short(void **state)
{
    year *y = *state;
    const char *codes[] = { "GL.STTTT", "GL.SGDDT", "GL.PKU", "GL.CPU", "GL.PKU.01",
                            "GL.PKU.02" };

    put(y, "GL.SGDDT", "nl.thpt", "47");
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        put(y, codes[i], "gd.ho_so", "10");
    compute(y);
    assert_true(fig(y, "nl.thpt")->whole);
    assert_false(fig(y, "tong.ho_so")->whole);
}

/* Every unit has sent its report; one's dossiers could not be read: the
 * total is short of that unit's, no province's to set against last
 * year's or to hand on as next year's baseline. */
static void a_value_refused_leaves_its_figure_short(void **state)
{
    year *y = *state;
    const char *codes[] = { "GL.STTTT", "GL.SGDDT", "GL.PKU", "GL.CPU", "GL.PKU.01",
                            "GL.PKU.02", "GL.CPU.01" };
    size_t errors = 0;

    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        put(y, codes[i], "gd.ho_so", i == 3 ? "850 hồ sơ" : "10");
    eg_acceptor_finish(&y->acc);
    y->finished = 1;
    for (size_t i = 0; i < y->dl.n; i++)
        errors += y->dl.items[i].severity == EG_ERROR;
    assert_int_equal(errors, 1);
    assert_true(eg_dataset_refused(&y->ds, CPU, eg_catalogue_find(&eg_test_layouts.cat,
                                                                  "gd.ho_so")));
    eg_results_compute(&y->res, &eg_test_layouts, &y->ds);
    y->computed = 1;
    assert_int_equal(fig(y, "tong.ho_so")->n_units, 6);
    assert_false(fig(y, "tong.ho_so")->whole);
}

/* Every unit has sent its report; the education department's upper
 * secondary schools, which no rule requires, could not be read: the sum
 * is short of them, and the share of them teaching informatics, of which
 * it gave no other part, as well. */
static void a_refused_value_no_rule_requires_leaves_its_figures_short(void **state)
{
    year *y = *state;
    const char *codes[] = { "GL.STTTT", "GL.PKU", "GL.CPU", "GL.PKU.01", "GL.PKU.02",
                            "GL.CPU.01" };

    put(y, "GL", "ht.doanh_nghiep", "10");
    put(y, "GL.SGDDT", "nl.thpt", "47 trường");
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        put(y, codes[i], "ht.cbcc", "10");
    eg_acceptor_finish(&y->acc);
    y->finished = 1;
    assert_true(eg_dataset_refused(&y->ds, SGDDT, eg_catalogue_find(&eg_test_layouts.cat,
                                                                    "nl.thpt")));
    eg_results_compute(&y->res, &eg_test_layouts, &y->ds);
    y->computed = 1;
    assert_int_equal(fig(y, "nl.thpt")->n_units, 0);
    assert_false(fig(y, "nl.thpt")->whole);
    assert_false(fig(y, "tl.thpt_tin_hoc")->whole);
}

/* Every unit has sent its report; the education department gave its
 * schools that teach informatics but not its schools: the share is short
 * of that department's, though no rule requires either figure of it. */
static void a_ratio_of_which_a_unit_gave_one_part_only_is_short(void **state)
{
    year *y = *state;
    const char *codes[] = { "GL.STTTT", "GL.PKU", "GL.CPU", "GL.PKU.01", "GL.PKU.02",
                            "GL.CPU.01" };

    put(y, "GL", "ht.doanh_nghiep", "10");
    put(y, "GL.SGDDT", "nl.thpt_tin_hoc", "47");
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        put(y, codes[i], "ht.cbcc", "10");
    compute(y);
    assert_true(fig(y, "nl.thpt_tin_hoc")->whole);
    assert_false(fig(y, "tl.thpt_tin_hoc")->whole);
    assert_false(fig(y, "tl.thpt_tin_hoc")->has_pair);
}

/* hd.du_thong_tin is required of a unit with a portal (hd.cong_ttdt): a
 * commune that did not say whether it has one is not short of it, one
 * with a portal that left it blank is. */
static void a_figure_required_only_under_a_condition_is_whole_without_it(void **state)
{
    year *y = *state;
    const char *codes[] = { "GL.STTTT", "GL.SGDDT", "GL.PKU", "GL.CPU" };

    put(y, "GL", "ht.doanh_nghiep", "10");
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        put(y, codes[i], "ht.cbcc", "10");
    put(y, "GL.PKU.01", "hd.cong_ttdt", "có");
    put(y, "GL.PKU.01", "hd.du_thong_tin", "có");
    put(y, "GL.PKU.02", "ht.cbcc", "8");             /* no word of a portal */
    put(y, "GL.CPU.01", "hd.cong_ttdt", "không");
    compute(y);
    assert_true(fig(y, "dem.du_thong_tin.xa")->whole);
    assert_near(fig(y, "dem.du_thong_tin.xa")->value, 1.0);
}

static void a_figure_required_under_its_condition_and_left_blank_is_short(void **state)
{
    year *y = *state;
    const char *codes[] = { "GL.STTTT", "GL.SGDDT", "GL.PKU", "GL.CPU", "GL.PKU.02" };

    put(y, "GL", "ht.doanh_nghiep", "10");
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        put(y, codes[i], "ht.cbcc", "10");
    put(y, "GL.PKU.01", "hd.cong_ttdt", "có");
    put(y, "GL.PKU.01", "hd.du_thong_tin", "có");
    put(y, "GL.CPU.01", "hd.cong_ttdt", "có");      /* and hd.du_thong_tin left out */
    compute(y);
    assert_int_equal(fig(y, "dem.du_thong_tin.xa")->n_units, 1);
    assert_false(fig(y, "dem.du_thong_tin.xa")->whole);
}

/* A quotient is the province's only when both its figures are: the late
 * dossiers of every unit over the dossiers of some. */
static void a_quotient_is_whole_only_when_both_its_figures_are(void **state)
{
    year *y = *state;
    const char *codes[] = { "GL.STTTT", "GL.SGDDT", "GL.PKU", "GL.CPU", "GL.PKU.01",
                            "GL.PKU.02", "GL.CPU.01" };

    put(y, "GL", "ht.doanh_nghiep", "10");
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
        put(y, codes[i], "gd.ho_so_tre", "1");
        if (i != 2)
            put(y, codes[i], "gd.ho_so", "10");
    }
    compute(y);
    assert_true(fig(y, "tong.ho_so_tre")->whole);
    assert_false(fig(y, "tong.ho_so")->whole);
    assert_true(fig(y, "tl.ho_so_tre")->has_value);
    assert_false(fig(y, "tl.ho_so_tre")->whole);
    assert_false(fig(y, "tl.ho_so_dung_han")->whole);
}

/* The same with the late dossiers of one unit left out: the share of
 * late ones is short by its numerator. */
static void a_quotient_whose_numerator_is_short_is_short(void **state)
{
    year *y = *state;
    const char *codes[] = { "GL.STTTT", "GL.SGDDT", "GL.PKU", "GL.CPU", "GL.PKU.01",
                            "GL.PKU.02", "GL.CPU.01" };

    put(y, "GL", "ht.doanh_nghiep", "10");
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
        put(y, codes[i], "gd.ho_so", "10");
        if (i != 2)
            put(y, codes[i], "gd.ho_so_tre", "1");
    }
    compute(y);
    assert_false(fig(y, "tong.ho_so_tre")->whole);
    assert_true(fig(y, "tong.ho_so")->whole);
    assert_true(fig(y, "tl.ho_so_tre")->has_value);
    assert_false(fig(y, "tl.ho_so_tre")->whole);
}

/* Both given by every unit: the share and its complement speak for the
 * province. */
static void a_quotient_and_its_complement_are_whole_when_both_figures_are(void **state)
{
    year *y = *state;
    const char *codes[] = { "GL.STTTT", "GL.SGDDT", "GL.PKU", "GL.CPU", "GL.PKU.01",
                            "GL.PKU.02", "GL.CPU.01" };

    put(y, "GL", "ht.doanh_nghiep", "10");
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
        put(y, codes[i], "gd.ho_so", "10");
        put(y, codes[i], "gd.ho_so_tre", "1");
    }
    compute(y);
    assert_true(fig(y, "tl.ho_so_tre")->whole);
    assert_true(fig(y, "tl.ho_so_dung_han")->whole);
    assert_near(fig(y, "tl.ho_so_dung_han")->value, 0.9);
    assert_near(fig(y, "tl.ho_so_dung_han")->num, 63);
    assert_near(fig(y, "tl.ho_so_dung_han")->den, 70);
}

/* What the rules require of a unit (the workbook's cells marked as left
 * blank): nothing of one that sent nothing, W_NOT_SUBMITTED's once. */
static void nothing_is_required_of_a_unit_that_sent_nothing(void **state)
{
    year *y = *state;
    unsigned char *expect = eg_xcalloc(eg_test_layouts.cat.n, 1);
    int cbcc = eg_catalogue_find(&eg_test_layouts.cat, "ht.cbcc");
    size_t n = 0;

    put(y, "GL.STTTT", "tt.vb_di", "10");
    compute(y);
    eg_rules_expected(&eg_test_layouts, &y->ds, STTTT, expect);
    assert_true(expect[cbcc]);
    eg_rules_expected(&eg_test_layouts, &y->ds, SGDDT, expect);
    for (size_t k = 0; k < eg_test_layouts.cat.n; k++)
        n += expect[k];
    assert_int_equal(n, 0);
    free(expect);
}

static void province_figures_are_its_own_values(void **state)
{
    year *y = *state;

    put(y, "GL", "gd.dvc_muc_4", "312");
    put(y, "GL", "ht.doanh_nghiep", "4.000");
    put(y, "GL", "ht.doanh_nghiep_internet", "3.000");
    compute(y);
    assert_near(fig(y, "gd.dvc_muc_4")->value, 312);
    assert_near(fig(y, "tl.doanh_nghiep_internet")->value, 0.75);
    assert_null(eg_results_figure(&y->res, "no.such_figure"));
}

/* --- a layout's own figures ---------------------------------------------- */

/* Figures the real layouts do not declare, but a layout may: scores added
 * up keep their decimals, as a denominator of them does under a numerator
 * of whole numbers; ratios of an optional part over a required one and
 * the other way round; a quotient over an impossible share; the
 * complement of a ratio over 0. */
static void a_layouts_own_figures_of_decimals_parts_and_shares(void **state)
{
    year *y = *state;
    const eg_figure_def defs[] = {
        { .code = "tong.diem", .kind = EG_FIG_SUM, .a = ind("diem.chuyen_doi"),
          .levels = EG_LEVEL_BIT(EG_LEVEL_SO), .format = EG_FMT_NUMBER },
        { .code = "x.cbcc_diem", .kind = EG_FIG_RATIO, .a = ind("ht.cbcc"),
          .b = ind("diem.giao_dich"), .levels = EG_LEVEL_BIT(EG_LEVEL_SO),
          .format = EG_FMT_NUMBER },
        { .code = "tl.thpt_cbcc", .kind = EG_FIG_RATIO, .a = ind("nl.thpt"), .b = ind("ht.cbcc"),
          .levels = EG_LEVEL_BIT(EG_LEVEL_SO), .format = EG_FMT_NUMBER },
        { .code = "tl.may_tinh", .kind = EG_FIG_RATIO, .a = ind("ht.cbcc_may_tinh"),
          .b = ind("ht.cbcc"), .levels = EG_LEVEL_BIT(EG_LEVEL_SO), .format = EG_FMT_PERCENT },
        { .code = "x.diem_may_tinh", .kind = EG_FIG_QUOTIENT, .a = 0, .b = 3,
          .format = EG_FMT_NUMBER },
        { .code = "tl.bdvhx", .kind = EG_FIG_RATIO, .a = ind("ht.bdvhx_internet"),
          .b = ind("ht.bdvhx"), .levels = EG_LEVEL_BIT(EG_LEVEL_HUYEN),
          .format = EG_FMT_PERCENT },
        { .code = "tl.bdvhx_khong", .kind = EG_FIG_COMPLEMENT, .a = 5, .format = EG_FMT_PERCENT },
        { .code = "x.cbcc_thpt", .kind = EG_FIG_RATIO, .a = ind("ht.cbcc"), .b = ind("nl.thpt"),
          .levels = EG_LEVEL_BIT(EG_LEVEL_SO), .format = EG_FMT_NUMBER },
    };
    const eg_figure *f;

    put(y, "GL.STTTT", "diem.chuyen_doi", "8,5");
    put(y, "GL.SGDDT", "diem.chuyen_doi", "10,25");
    put(y, "GL.STTTT", "diem.giao_dich", "20,5");
    /* the department of education sent its report without its staff */
    put(y, "GL.STTTT", "nl.thpt", "2");
    put(y, "GL.STTTT", "ht.cbcc", "10");
    put(y, "GL.STTTT", "ht.cbcc_may_tinh", "12");
    put(y, "GL.PKU", "ht.bdvhx", "0");
    put(y, "GL.PKU", "ht.bdvhx_internet", "0");
    compute_own(y, defs, sizeof defs / sizeof *defs);
    f = y->res.figures;
    assert_true(f[0].value == 18.75);
    /* whole numerators do not make a denominator of decimals whole */
    assert_true(f[1].num == 10 && f[1].den == 20.5);
    /* 2/10 of the one department, short of the other's staff, which a
     * rule requires of it */
    assert_near(f[2].value, 0.2);
    assert_false(f[2].whole);
    /* and its mirror, short of a required numerator */
    assert_near(f[7].value, 5);
    assert_false(f[7].whole);
    /* 12 of 10 staff with a computer: impossible, and what is made from it */
    assert_true(eg_figure_impossible(&y->res, 3));
    assert_true(f[4].has_value);
    assert_true(eg_figure_impossible(&y->res, 4));
    assert_false(eg_figure_too_large(&y->res, 4));
    /* 0/0 has a pair and no value; its complement has neither */
    assert_true(f[5].has_pair);
    assert_false(f[5].has_value);
    assert_false(f[6].has_value);
    assert_false(f[6].has_pair);
}

/* --- rankings ------------------------------------------------------------ */

static void scores(year *y, const char *unit, const char *a, const char *b, const char *c,
                   const char *d, const char *e)
{
    put(y, unit, "diem.san_sang", a);
    put(y, unit, "diem.hien_dien", b);
    put(y, unit, "diem.tuong_tac", c);
    put(y, unit, "diem.giao_dich", d);
    put(y, unit, "diem.chuyen_doi", e);
}

static void equal_totals_share_a_rank_and_the_next_rank_skips(void **state)
{
    year *y = *state;
    const eg_ranking *rk;
    const char *const want_codes[] = { "GL.SA", "GL.SB", "GL.SE", "GL.SC", "GL.SD" };
    const int want_ranks[] = { 1, 1, 3, 4, 0 };

    scores(y, "GL.SE", "35", "12", "25", "15", "8,5");         /* 95,5 */
    scores(y, "GL.SB", "35", "10", "25", "20", "10");          /* 100 */
    scores(y, "GL.SA", "30", "15", "25", "20", "10,001");      /* 100,001: 100,00 to 0.01 */
    scores(y, "GL.SD", "40", "15", "30", "25", "");            /* a criterion missing */
    scores(y, "GL.SC", "30", "10", "20", "20", "10");          /* 90 */
    compute(y);
    rk = eg_results_ranking(&y->res, "xh.so");
    assert_non_null(rk);
    assert_int_equal(rk->n, 5);
    assert_int_equal(rk->n_ranked, 4);
    for (size_t i = 0; i < 5; i++) {
        const char *code = y->ds.registry.items[rk->rows[i].unit].code;

        if (strcmp(code, want_codes[i]) != 0 || rk->rows[i].rank != want_ranks[i])
            fail_msg("row %zu is %s ranked %d; want %s ranked %d", i, code, rk->rows[i].rank,
                     want_codes[i], want_ranks[i]);
    }
    assert_true(rk->rows[0].complete);
    assert_near(rk->rows[0].total, 100.0);
    assert_near(rk->rows[1].total, 100.0);
    assert_near(rk->rows[2].total, 95.5);
    assert_near(rk->rows[2].criteria[4], 8.5);
    assert_true(rk->rows[2].present[4]);
    /* the unranked one is listed with what it has */
    assert_false(rk->rows[4].complete);
    assert_false(rk->rows[4].present[4]);
    assert_true(rk->rows[4].present[0]);
    assert_near(rk->rows[4].criteria[0], 40);
    /* what the tables say of each */
    assert_null(eg_rank_entry_note(rk, &rk->rows[0]));
    assert_null(eg_rank_entry_note(rk, &rk->rows[3]));
    assert_string_equal(eg_rank_entry_note(rk, &rk->rows[4]), "thiếu điểm");
}

static void ranking_of_the_districts_is_separate_and_may_be_empty(void **state)
{
    year *y = *state;
    const eg_ranking *rk;

    scores(y, "GL.SB", "35", "10", "25", "20", "10");
    compute(y);
    rk = eg_results_ranking(&y->res, "xh.huyen");
    assert_non_null(rk);
    assert_int_equal(rk->n, 0);
    assert_int_equal(rk->n_ranked, 0);
    rk = eg_results_ranking(&y->res, "xh.so");
    assert_int_equal(rk->n, 5);
    assert_int_equal(rk->n_ranked, 1);
    assert_string_equal(y->ds.registry.items[rk->rows[0].unit].code, "GL.SB");
    assert_int_equal(rk->rows[0].rank, 1);
    /* the four with nothing are unranked, listed by code */
    assert_string_equal(y->ds.registry.items[rk->rows[1].unit].code, "GL.SA");
    assert_string_equal(y->ds.registry.items[rk->rows[4].unit].code, "GL.SE");
    assert_int_equal(rk->rows[4].rank, 0);
    assert_string_equal(eg_rank_entry_note(rk, &rk->rows[4]), "chưa có điểm");
    assert_null(eg_results_ranking(&y->res, "xh.xa"));
    assert_null(eg_results_ranking(&y->res, "xh.s"));      /* its whole code */
}

/* Units short of a criterion are listed after the ranked ones by code,
 * whatever they have; their total is of what they gave. */
static void the_unranked_are_listed_by_code_with_the_total_of_what_they_gave(void **state)
{
    year *y = *state;
    const eg_ranking *rk;

    scores(y, "GL.SB", "35", "10", "25", "20", "10");          /* 100 */
    scores(y, "GL.SA", "10", "5", "", "5", "5");               /* 25 */
    scores(y, "GL.SC", "40", "15", "30", "", "20");            /* 105 */
    compute(y);
    rk = eg_results_ranking(&y->res, "xh.so");
    assert_int_equal(rk->n_ranked, 1);
    assert_string_equal(y->ds.registry.items[rk->rows[0].unit].code, "GL.SB");
    assert_string_equal(y->ds.registry.items[rk->rows[1].unit].code, "GL.SA");
    assert_string_equal(y->ds.registry.items[rk->rows[2].unit].code, "GL.SC");
    assert_near(rk->rows[1].total, 25);
    assert_near(rk->rows[1].criteria[2], 0);
    assert_near(rk->rows[2].total, 105);
    assert_int_equal(rk->rows[2].rank, 0);
}

/* Totals are compared to the hundredth: 79,99 is below 80, whatever the
 * codes. */
static void a_total_a_hundredth_lower_is_ranked_below(void **state)
{
    year *y = *state;
    const eg_ranking *rk;

    scores(y, "GL.SA", "20", "10", "20", "20", "9,99");        /* 79,99 */
    scores(y, "GL.SB", "20", "10", "20", "20", "10");          /* 80 */
    compute(y);
    rk = eg_results_ranking(&y->res, "xh.so");
    assert_int_equal(rk->n_ranked, 2);
    assert_string_equal(y->ds.registry.items[rk->rows[0].unit].code, "GL.SB");
    assert_int_equal(rk->rows[0].rank, 1);
    assert_string_equal(y->ds.registry.items[rk->rows[1].unit].code, "GL.SA");
    assert_int_equal(rk->rows[1].rank, 2);
}

static void three_way_tie_then_one_below(void **state)
{
    year *y = *state;
    const eg_ranking *rk;

    scores(y, "GL.SC", "20", "10", "20", "20", "10");          /* 80 */
    scores(y, "GL.SB", "20", "10", "20", "20", "10");          /* 80 */
    scores(y, "GL.SA", "20", "10", "20", "20", "10");          /* 80 */
    scores(y, "GL.SE", "20", "10", "20", "20", "9,99");        /* 79,99: not equal to 0.01 */
    compute(y);
    rk = eg_results_ranking(&y->res, "xh.so");
    assert_int_equal(rk->n_ranked, 4);
    assert_int_equal(rk->rows[0].rank, 1);
    assert_int_equal(rk->rows[1].rank, 1);
    assert_int_equal(rk->rows[2].rank, 1);
    assert_int_equal(rk->rows[3].rank, 4);
    assert_string_equal(y->ds.registry.items[rk->rows[0].unit].code, "GL.SA");
    assert_string_equal(y->ds.registry.items[rk->rows[2].unit].code, "GL.SC");
    assert_string_equal(y->ds.registry.items[rk->rows[3].unit].code, "GL.SE");
}

/* --- rules --------------------------------------------------------------- */

static const eg_diag *find_diag(const eg_diag_list *dl, const char *code)
{
    for (size_t i = 0; i < dl->n; i++)
        if (strcmp(dl->items[i].code, code) == 0)
            return &dl->items[i];
    return NULL;
}

static void broken_at_most_rule_names_the_rule_and_the_unit(void **state)
{
    year *y = *state;
    const eg_diag *d;
    long row;

    put(y, "GL.PKU", "ht.cbcc", "100");
    row = next_row;
    put(y, "GL.PKU", "ht.cbcc_may_tinh", "120");
    put(y, "GL.CPU", "ht.cbcc", "80");
    put(y, "GL.CPU", "ht.cbcc_may_tinh", "80");        /* equal is allowed */
    put(y, "GL.CPU.01", "ht.cbcc_may_tinh", "9");      /* no ht.cbcc: skipped */
    compute(y);
    eg_rules_check(&eg_test_layouts, &y->ds, &y->rules);
    assert_int_equal(y->rules.n_error, 1);       /* required rules may warn */
    d = find_diag(&y->rules, "R_CBCC_MAY_TINH");
    assert_non_null(d);
    assert_int_equal(d->severity, EG_ERROR);
    assert_string_equal(d->unit, "GL.PKU");
    assert_string_equal(d->indicator, "ht.cbcc_may_tinh");
    assert_string_equal(d->file, "submissions/bao-cao.csv");
    assert_int_equal(d->row, row);                      /* at the left-hand value */
    assert_int_equal(d->col, 3);
    assert_non_null(strstr(d->message, "(120)"));
    assert_non_null(strstr(d->message, "(100)"));
    assert_non_null(strstr(d->message, "Thị xã Ayun Pa"));
    /* the value that breaks the rule still counts in the figures */
    assert_near(fig(y, "tl.cbcc_may_tinh")->num, 200);
    assert_near(fig(y, "tl.cbcc_may_tinh")->den, 180);
}

static void sum_over_districts_is_skipped_when_a_district_lacks_it(void **state)
{
    year *y = *state;

    put(y, "GL.SGDDT", "nl.thcs", "50");
    put(y, "GL.PKU", "nl.thcs", "20");
    /* GL.CPU did not report nl.thcs: completeness names it, not the rule */
    compute(y);
    eg_rules_check(&eg_test_layouts, &y->ds, &y->rules);
    assert_null(find_diag(&y->rules, "R_THCS_SO_HUYEN"));
    assert_int_equal(y->rules.n_error, 0);       /* required rules may warn */
}

static void sum_over_districts_that_differs_is_an_error_for_the_department(void **state)
{
    year *y = *state;
    const eg_diag *d;

    put(y, "GL.SGDDT", "nl.thcs", "50");
    put(y, "GL.PKU", "nl.thcs", "20");
    put(y, "GL.CPU", "nl.thcs", "25");
    put(y, "GL.SGDDT", "nl.th", "61");
    put(y, "GL.PKU", "nl.th", "30");
    put(y, "GL.CPU", "nl.th", "31");                    /* 61: agrees */
    compute(y);
    eg_rules_check(&eg_test_layouts, &y->ds, &y->rules);
    assert_int_equal(y->rules.n_error, 1);       /* required rules may warn */
    d = find_diag(&y->rules, "R_THCS_SO_HUYEN");
    assert_non_null(d);
    assert_string_equal(d->unit, "GL.SGDDT");
    assert_non_null(strstr(d->message, "(50)"));
    assert_non_null(strstr(d->message, "(45)"));
}

static void province_rule_over_every_unit_runs_only_when_all_reported(void **state)
{
    year *y = *state;
    static const char *const units[] = { "GL.STTTT", "GL.SGDDT", "GL.PKU", "GL.CPU",
                                         "GL.PKU.01", "GL.PKU.02", "GL.CPU.01" };

    put(y, "GL", "gd.ho_so_muc_3", "500");
    put(y, "GL", "gd.ho_so_muc_4", "600");
    for (size_t i = 0; i < 6; i++)                      /* all but the last commune */
        put(y, units[i], "gd.ho_so", "100");
    compute(y);
    eg_rules_check(&eg_test_layouts, &y->ds, &y->rules);
    assert_null(find_diag(&y->rules, "R_HO_SO_TRUC_TUYEN"));
}

static void province_rule_over_every_unit_fires_when_all_reported(void **state)
{
    year *y = *state;
    static const char *const units[] = { "GL.STTTT", "GL.SGDDT", "GL.PKU", "GL.CPU",
                                         "GL.PKU.01", "GL.PKU.02", "GL.CPU.01" };
    const eg_diag *d;

    put(y, "GL", "gd.ho_so_muc_3", "500");
    put(y, "GL", "gd.ho_so_muc_4", "600");
    for (size_t i = 0; i < 7; i++)
        put(y, units[i], "gd.ho_so", "100");
    compute(y);
    eg_rules_check(&eg_test_layouts, &y->ds, &y->rules);
    d = find_diag(&y->rules, "R_HO_SO_TRUC_TUYEN");
    assert_non_null(d);
    assert_string_equal(d->unit, "GL");
    assert_non_null(strstr(d->message, "(1.100)"));     /* 500 + 600 */
    assert_non_null(strstr(d->message, "(700)"));
    assert_int_equal(y->rules.n_error, 1);       /* required rules may warn */
}

/* A quotient's Tử số/Mẫu số are whole numbers when both its figures are
 * counts or money; a complement's when the figure it complements has
 * them: the report shows them and the workbook writes them so. */
static void a_pair_is_whole_when_its_figures_are_counts(void **state)
{
    eg_figure_def defs[] = {
        { .kind = EG_FIG_SUM, .format = EG_FMT_COUNT },                 /* 0 */
        { .kind = EG_FIG_SUM, .format = EG_FMT_COUNT },                 /* 1 */
        { .kind = EG_FIG_RATIO, .format = EG_FMT_PERCENT },             /* 2 */
        { .kind = EG_FIG_QUOTIENT, .a = 0, .b = 1, .format = EG_FMT_PERCENT },
        { .kind = EG_FIG_COMPLEMENT, .a = 3, .format = EG_FMT_PERCENT },
        { .kind = EG_FIG_QUOTIENT, .a = 2, .b = 1, .format = EG_FMT_NUMBER },
        { .kind = EG_FIG_COMPLEMENT, .a = 5, .format = EG_FMT_NUMBER },
        { .kind = EG_FIG_SUM, .format = EG_FMT_MONEY },                 /* 7 */
        { .kind = EG_FIG_QUOTIENT, .a = 7, .b = 1, .format = EG_FMT_NUMBER },
        { .kind = EG_FIG_QUOTIENT, .a = 1, .b = 2, .format = EG_FMT_NUMBER },
    };
    eg_layouts L;

    (void)state;
    memset(&L, 0, sizeof L);
    L.figures = defs;
    L.n_figures = sizeof defs / sizeof defs[0];
    assert_true(eg_figure_pair_whole(&L, 2));      /* a ratio's own parts */
    assert_true(eg_figure_pair_whole(&L, 3));
    assert_true(eg_figure_pair_whole(&L, 4));
    assert_false(eg_figure_pair_whole(&L, 5));     /* a percentage over a count */
    assert_false(eg_figure_pair_whole(&L, 6));
    assert_true(eg_figure_pair_whole(&L, 8));      /* đồng over a count */
    assert_false(eg_figure_pair_whole(&L, 9));     /* a count over a percentage */
    /* the demo's late and on-time rates */
    for (size_t i = 0; i < eg_test_layouts.n_figures; i++)
        if (strcmp(eg_test_layouts.figures[i].code, "tl.ho_so_dung_han") == 0)
            assert_true(eg_figure_pair_whole(&eg_test_layouts, i));
}

/* baseline.csv gives tl.* figures as percentages and any other as a
 * count: a dem.* figure stands beside it by its count of units. */
static void a_figure_stands_beside_its_baseline_as_baseline_gives_it(void **state)
{
    eg_figure_def tl = { .code = "tl.hop_thu", .kind = EG_FIG_RATIO, .format = EG_FMT_PERCENT };
    eg_figure_def dem = { .code = "dem.qlvb.xa", .kind = EG_FIG_COUNT, .format = EG_FMT_PERCENT };
    eg_figure_def sum = { .code = "tong.ho_so", .kind = EG_FIG_SUM, .format = EG_FMT_COUNT };
    eg_figure_def odd = { .code = "x.ty_le", .kind = EG_FIG_RATIO, .format = EG_FMT_PERCENT };
    eg_figure_def tlx = { .code = "tlx.ty_le", .kind = EG_FIG_RATIO, .format = EG_FMT_PERCENT };
    eg_figure_def pts = { .code = "x.tang", .kind = EG_FIG_DIFF_BASELINE, .format = EG_FMT_POINTS };
    eg_figure share = { .has_value = 1, .value = 0.75, .has_pair = 1, .num = 15, .den = 20 };
    eg_figure total = { .has_value = 1, .value = 52680 };
    eg_figure none = { 0 };
    double now = -1;
    int pct = -1;

    (void)state;
    assert_int_equal(eg_figure_baseline_side(&tl, &share, &now, &pct), 0);
    assert_true(now == 0.75 && pct == 1);
    assert_int_equal(eg_figure_baseline_side(&dem, &share, &now, &pct), 0);
    assert_true(now == 15 && pct == 0);
    assert_int_equal(eg_figure_baseline_side(&sum, &total, &now, &pct), 0);
    assert_true(now == 52680 && pct == 0);
    assert_int_equal(eg_figure_baseline_side(&odd, &share, &now, &pct), -1);
    /* "tl." is the prefix, not "tl"; points are a share's too */
    assert_int_equal(eg_figure_baseline_side(&tlx, &share, &now, &pct), -1);
    assert_true(pct == 0);
    assert_int_equal(eg_figure_baseline_side(&pts, &share, &now, &pct), -1);
    assert_int_equal(eg_figure_baseline_side(&tl, &none, &now, &pct), -1);
}

int main(void)
{
#define P(name) cmocka_unit_test_setup_teardown(name, province_setup, year_teardown)
#define D(name) cmocka_unit_test_setup_teardown(name, departments_setup, year_teardown)
    const struct CMUnitTest tests[] = {
        P(sum_adds_every_unit_that_reported_the_figure),
        P(sum_stays_within_its_levels),
        P(sum_of_money_is_exact_in_dong),
        cmocka_unit_test_setup_teardown(a_sum_past_two_to_the_53_is_too_large_to_print, twelve_setup, year_teardown),
        cmocka_unit_test_setup_teardown(a_sum_of_exactly_two_to_the_53_is_still_printed, twelve_setup, year_teardown),
        cmocka_unit_test_setup_teardown(a_denominator_of_exactly_two_to_the_53_is_still_printed, twelve_setup, year_teardown),
        cmocka_unit_test_setup_teardown(one_past_two_to_the_53_is_too_large_though_a_double_rounds_it_down, twelve_setup, year_teardown),
        P(a_share_above_its_whole_is_impossible),
        P(sum_that_nobody_reported_has_no_value),
        P(ratio_counts_only_units_that_reported_both_parts),
        P(ratio_over_a_zero_denominator_has_a_pair_but_no_value),
        P(count_of_a_bool_counts_yes_among_those_that_reported),
        P(count_of_a_number_counts_those_above_zero),
        P(count_of_an_enum_counts_the_options_of_its_condition),
        P(quotient_and_complement_follow_the_figures_they_name),
        P(quotient_without_its_denominator_has_no_value),
        P(change_from_the_baseline_is_in_fraction_points),
        P(change_without_a_baseline_has_no_value),
        P(change_of_a_figure_over_part_of_its_units_has_no_value),
        P(province_figures_are_its_own_values),
        P(a_layouts_own_figures_of_decimals_parts_and_shares),
        P(a_figure_no_other_unit_has_is_whole_once_every_unit_sent),
        P(a_unit_that_sent_nothing_leaves_its_levels_figures_short),
        P(a_value_refused_leaves_its_figure_short),
        P(a_refused_value_no_rule_requires_leaves_its_figures_short),
        P(a_ratio_of_which_a_unit_gave_one_part_only_is_short),
        P(a_figure_required_only_under_a_condition_is_whole_without_it),
        P(a_figure_required_under_its_condition_and_left_blank_is_short),
        P(a_quotient_is_whole_only_when_both_its_figures_are),
        P(a_quotient_whose_numerator_is_short_is_short),
        P(a_quotient_and_its_complement_are_whole_when_both_figures_are),
        P(nothing_is_required_of_a_unit_that_sent_nothing),
        D(equal_totals_share_a_rank_and_the_next_rank_skips),
        D(ranking_of_the_districts_is_separate_and_may_be_empty),
        D(the_unranked_are_listed_by_code_with_the_total_of_what_they_gave),
        D(a_total_a_hundredth_lower_is_ranked_below),
        D(three_way_tie_then_one_below),
        P(broken_at_most_rule_names_the_rule_and_the_unit),
        P(sum_over_districts_is_skipped_when_a_district_lacks_it),
        P(sum_over_districts_that_differs_is_an_error_for_the_department),
        P(province_rule_over_every_unit_runs_only_when_all_reported),
        P(province_rule_over_every_unit_fires_when_all_reported),
        cmocka_unit_test(a_pair_is_whole_when_its_figures_are_counts),
        cmocka_unit_test(a_figure_stands_beside_its_baseline_as_baseline_gives_it),
    };
#undef P
#undef D

    return cmocka_run_group_tests(tests, eg_test_layouts_setup, eg_test_layouts_teardown);
}
