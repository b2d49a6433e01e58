/*
 * Unit tests: next year's baseline.csv from this year's figures
 * (write/baselinecsv.c), against the project's layouts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "normalize/figures.h"
#include "write/baselinecsv.h"

#include "support.h"

/* The results of the project's layouts, every figure without a value. */
static eg_results empty_results(void)
{
    eg_results r = { .L = &eg_test_layouts };

    r.figures = eg_xcalloc(eg_test_layouts.n_figures, sizeof *r.figures);
    return r;
}

static eg_figure *figure(eg_results *r, const char *code)
{
    int i = eg_strmap_get(&eg_test_layouts.figure_index, code);

    assert_true(i >= 0);
    return &r->figures[i];
}

/* What eg_baselinecsv_write writes of r, the year over or not. */
static char *written(const eg_results *r, int provisional)
{
    char *text = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);

    assert_non_null(f);
    assert_int_equal(eg_baselinecsv_write(f, &eg_test_layouts, r, provisional), 0);
    fclose(f);
    return text;
}

/* Three figures written and three left out, the year over. */
static void some_figures(eg_results *r)
{
    eg_figure *f;

    /* a share with the report's two decimals, a dem.* figure as its
     * count of units, a sum as its count */
    f = figure(r, "tl.ho_may_tinh_internet");
    *f = (eg_figure){ .has_value = 1, .value = 0.573822, .whole = 1 };
    f = figure(r, "dem.lan_internet.so");
    *f = (eg_figure){ .has_value = 1, .value = 0.95, .has_pair = 1, .num = 19, .den = 20,
                      .whole = 1 };
    f = figure(r, "tong.ho_so");
    *f = (eg_figure){ .has_value = 1, .value = 403086, .whole = 1 };
    /* left out: a change on last year, a figure over part of its units, a
     * share the report does not print */
    f = figure(r, "tl.ho_may_tinh_internet.tang");
    *f = (eg_figure){ .has_value = 1, .value = 0.117, .whole = 1 };
    f = figure(r, "tong.chung_thu_so");
    *f = (eg_figure){ .has_value = 1, .value = 3525, .whole = 0 };
    f = figure(r, "tl.ho_so_tre");
    *f = (eg_figure){ .has_value = 1, .value = 1.04, .whole = 1, .impossible = 1 };
}

static void figures_are_written_as_baseline_reads_them(void **state)
{
    eg_results r = empty_results();
    char *text;

    (void)state;
    some_figures(&r);
    text = written(&r, 0);
    assert_string_equal(text, "indicator,value\n"
                              "dem.lan_internet.so,19\n"
                              "tl.ho_may_tinh_internet,57.38\n"
                              "tong.ho_so,403086\n");
    free(text);
    free(r.figures);
}

static void no_figure_gives_the_header_alone(void **state)
{
    eg_results r = empty_results();
    char *text = written(&r, 0);

    (void)state;
    assert_string_equal(text, "indicator,value\n");
    free(text);
    free(r.figures);
}

/* While the year is not over its figures are a part of it: next year's
 * baseline has none of them, whole as they are. */
static void a_provisional_build_gives_the_header_alone(void **state)
{
    eg_results r = empty_results();
    char *text;

    (void)state;
    some_figures(&r);
    text = written(&r, 1);
    assert_string_equal(text, "indicator,value\n");
    free(text);
    free(r.figures);
}

/* A count is written as the whole number baseline.csv reads: one with a
 * fraction, or past the integers a double holds exactly (9e15 and over),
 * is left out; the largest under is written to its last digit. */
static void only_whole_counts_under_9e15_are_written(void **state)
{
    eg_results r = empty_results();
    char *text;

    (void)state;
    *figure(&r, "tong.ho_so") = (eg_figure){ .has_value = 1, .value = 12.5, .whole = 1 };
    *figure(&r, "tong.chung_thu_so") = (eg_figure){ .has_value = 1, .value = 8999999999999999.0,
                                                    .whole = 1 };
    *figure(&r, "tong.kinh_phi_cntt") = (eg_figure){ .has_value = 1, .value = 9e15, .whole = 1 };
    text = written(&r, 0);
    assert_string_equal(text, "indicator,value\n"
                              "tong.chung_thu_so,8999999999999999\n");
    free(text);
    free(r.figures);
}

/* A file that cannot be written to is said so: -1. */
static void a_write_error_returns_minus_1(void **state)
{
    eg_results r = empty_results();
    FILE *f = fopen("/dev/full", "w");

    (void)state;
    assert_non_null(f);
    setvbuf(f, NULL, _IONBF, 0);      /* each write fails as it is made */
    some_figures(&r);
    assert_int_equal(eg_baselinecsv_write(f, &eg_test_layouts, &r, 0), -1);
    fclose(f);
    free(r.figures);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(figures_are_written_as_baseline_reads_them),
        cmocka_unit_test(no_figure_gives_the_header_alone),
        cmocka_unit_test(a_provisional_build_gives_the_header_alone),
        cmocka_unit_test(only_whole_counts_under_9e15_are_written),
        cmocka_unit_test(a_write_error_returns_minus_1),
    };

    return cmocka_run_group_tests(tests, eg_test_layouts_setup, eg_test_layouts_teardown);
}
