/*
 * test_xlsx_rank.c - write/xlsx_rank.c, the Xếp hạng sheet, beyond what
 * test_xlsx_write.c checks: when Tổng điểm is a formula and when its value
 * alone, the low totals highlighted only with a threshold and a maximum,
 * a chart's value axis left free without a maximum, a chart as tall as its
 * bars, the filter over the table's rows.
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
#include "layout/layout.h"
#include "normalize/figures.h"
#include "write/xlsx.h"

#include "xlsx_write_support.h"

/* The Xếp hạng sheet, the workbook's second. */
#define XEP_HANG "xl/worksheets/sheet2.xml"

static const char *const CRIT[] = {
    "diem.san_sang", "diem.hien_dien", "diem.tuong_tac", "diem.giao_dich", "diem.chuyen_doi"
};

/* Unit u's five criteria: first, then 10 each. */
static void score(fixture *f, int u, double first)
{
    for (size_t i = 0; i < 5; i++)
        add_value(f, u, CRIT[i], 0, i ? 10 : first, "x", NULL);
}

/* The ranking of level lv in the layouts. */
static eg_ranking_def *ranking_of(fixture *f, eg_level lv)
{
    for (size_t r = 0; r < f->L.n_rankings; r++)
        if (f->L.rankings[r].level == lv)
            return &f->L.rankings[r];
    fail_msg("no ranking of level %d", (int)lv);
    return NULL;
}

static int has(const char *p, size_t n, const char *s)
{
    return memmem(p, n, s, strlen(s)) != NULL;
}

/* A sum a ten-thousandth of a hundredth past the half (70.125001) is far
 * enough from it for ROUND to give 70.13 whatever the sum's last bits:
 * Tổng điểm is the formula. */
static void a_total_just_past_the_half_hundredth_is_a_formula(void **state)
{
    fixture *f = *state;
    char *parts;
    const char *sheet;
    size_t n, len;

    score(f, 1, 30.125001);
    parts = parts_written(f, "half.xlsx", &n);
    sheet = part_required(parts, n, XEP_HANG, &len);
    HAS(sheet, len, "<f>ROUND(SUM(E2:I2),2)</f><v>70.13</v>");
    free(parts);
}

/* The districts' ranking lists its criteria the other way round from the
 * columns (the departments' order): 10^15 and four times 0.3 add up to
 * 10^15 + 1 in its order, 10^15 + 1.25 in the columns' order, as SUM
 * adds them.  The district's Tổng điểm is the ranking's total, a value,
 * not a formula a spreadsheet would make another number of; the
 * department's, in the columns' order, is the formula. */
static void a_total_the_columns_sum_to_another_number_is_its_value(void **state)
{
    fixture *f = *state;
    eg_ranking_def *huyen = ranking_of(f, EG_LEVEL_HUYEN);
    char *parts;
    const char *sheet;
    size_t n, len;

    assert_int_equal(huyen->n_criteria, 5);
    for (size_t c = 0; c < 5; c++)
        assert_int_equal(huyen->criteria[c], eg_catalogue_find(&f->L.cat, CRIT[c]));
    for (size_t c = 0; c < 2; c++) {
        int t = huyen->criteria[c];

        huyen->criteria[c] = huyen->criteria[4 - c];
        huyen->criteria[4 - c] = t;
    }
    score(f, 1, 50);
    for (size_t i = 0; i < 5; i++)
        add_value(f, 2, CRIT[i], 0, i == 4 ? 1e15 : 0.3, "x", NULL);
    parts = parts_written(f, "order.xlsx", &n);
    sheet = part_required(parts, n, XEP_HANG, &len);
    HAS(sheet, len, "<f>ROUND(SUM(E2:I2),2)</f><v>90</v>");
    assert_false(has(sheet, len, "ROUND(SUM(E3:I3),2)"));
    HAS(sheet, len, "<v>1000000000000001</v>");
    assert_false(has(sheet, len, "1000000000000001.2"));
    free(parts);
}

/* highlight_below 0 (settings.csv): no total is highlighted, not even one
 * under 0. */
static void no_total_is_highlighted_when_highlight_below_is_0(void **state)
{
    fixture *f = *state;
    char *parts;
    const char *sheet;
    size_t n, len;

    score(f, 1, 50);
    score(f, 2, -50);
    f->L.highlight_below = 0;
    parts = parts_written(f, "nohl.xlsx", &n);
    sheet = part_required(parts, n, XEP_HANG, &len);
    HAS(sheet, len, "<v>-10</v>");
    assert_false(has(sheet, len, "<conditionalFormatting"));
    free(parts);
}

/* A ranking without a maximum (max_total 0): its totals are not
 * highlighted, its chart's value axis ends where the spreadsheet puts it;
 * the other ranking keeps its rule and its maximum. */
static void a_ranking_without_a_maximum_has_no_highlight_and_a_free_axis(void **state)
{
    fixture *f = *state;
    char *parts;
    const char *sheet, *c1, *c2;
    size_t n, len, l1, l2;

    score(f, 1, 10);
    score(f, 2, 10);
    assert_true(f->L.highlight_below > 0);
    ranking_of(f, EG_LEVEL_SO)->max_total = 0;
    parts = parts_written(f, "nomax.xlsx", &n);
    sheet = part_required(parts, n, XEP_HANG, &len);
    c1 = part_required(parts, n, "xl/charts/chart1.xml", &l1);
    c2 = part_required(parts, n, "xl/charts/chart2.xml", &l2);
    HAS(sheet, len, "<formula>AND(ISNUMBER(J2),$A2=\"Cấp huyện\",J2&lt;124)</formula>");
    assert_false(has(sheet, len, "Sở, ban, ngành"));
    assert_false(has(sheet, len, "J2&lt;0"));
    assert_false(has(c1, l1, "<c:max"));
    HAS(c1, l1, "<c:min val=\"0\"/>");
    HAS(c2, l2, "<c:max val=\"155\"/>");
    free(parts);
}

/* A chart is 90 px and 22 px a ranked unit, at least 220: the districts'
 * seven ranked units make it 244 px tall, twelve rows of 20 px and 4 px
 * (38100 EMU) from row 14 (0-based), where it stands under the
 * departments' chart of 220 px. */
static void a_chart_grows_22_px_a_ranked_unit_past_five(void **state)
{
    fixture *f = *state;
    char *parts;
    const char *dr;
    size_t n, ld;

    score(f, 1, 50);
    score(f, 2, 50);
    for (int i = 0; i < 11; i += 2)
        score(f, 4 + i, 40 + i);
    parts = parts_written(f, "tall.xlsx", &n);
    dr = part_required(parts, n, "xl/drawings/drawing1.xml", &ld);
    HAS(dr, ld, "<xdr:from><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>14</xdr:row>");
    HAS(dr, ld, "<xdr:row>26</xdr:row><xdr:rowOff>38100</xdr:rowOff></xdr:to>");
    free(parts);
}

/* The filter's buttons span the header and every unit's row, ranked or
 * not, and no row under them: A1:K9 over the eight units of two levels. */
static void the_filter_spans_the_header_and_every_units_row(void **state)
{
    fixture *f = *state;
    char *parts;
    const char *sheet;
    size_t n, len;

    score(f, 1, 50);
    score(f, 2, 40);
    parts = parts_written(f, "filter.xlsx", &n);
    sheet = part_required(parts, n, XEP_HANG, &len);
    HAS(sheet, len, "<c r=\"C9\" t=\"s\">");
    assert_false(has(sheet, len, "<c r=\"C10\""));
    HAS(sheet, len, "<autoFilter ref=\"A1:K9\"/>");
    free(parts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_total_just_past_the_half_hundredth_is_a_formula,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_total_the_columns_sum_to_another_number_is_its_value,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(no_total_is_highlighted_when_highlight_below_is_0,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(
            a_ranking_without_a_maximum_has_no_highlight_and_a_free_axis, fixture_setup,
            fixture_teardown),
        cmocka_unit_test_setup_teardown(a_chart_grows_22_px_a_ranked_unit_past_five,
                                        many_units_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(the_filter_spans_the_header_and_every_units_row,
                                        many_units_setup, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
