/*
 * test_xlsx_summary.c - write/xlsx_summary.c, the Tổng hợp sheet: a small
 * year's workbook written whole (xlsx_write_support.h) and the sheet's
 * XML read back: each figure's formulas and cached value, the plain
 * numbers written where a formula could not give the figure exactly, the
 * notes under Ghi chú, the names, and the conditional formats.
 *
 * LibreOffice recalculates real workbooks end to end
 * (tests/e2e_workbook.py).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/mem.h"
#include "core/text.h"
#include "layout/layout.h"
#include "normalize/figures.h"
#include "write/xlsx.h"
#include "write/xlsx_priv.h"

#include "xlsx_write_support.h"

/* --- Tổng hợp (xlsx_summary.c) ----------------------------------------------- */

/* The Tổng hợp sheet (sheet1.xml) and the shared strings (NULL when
 * streamed) of a workbook's parts. */
typedef struct {
    char *parts;
    const char *sheet, *strings;
    size_t n, len, slen;
} summary;

static void summary_written(fixture *f, const char *name, summary *s)
{
    s->parts = parts_written(f, name, &s->n);
    s->sheet = part_named(s->parts, s->n, "xl/worksheets/sheet1.xml", &s->len);
    s->strings = part_named(s->parts, s->n, "xl/sharedStrings.xml", &s->slen);
    assert_non_null(s->sheet);
}

/* The row of Tổng hợp whose Mã chỉ tiêu (A) is code, a shared string or,
 * streamed, inline; 0 when there is none. */
static unsigned figure_row(const summary *s, const char *code)
{
    char t[128];
    const char *p, *at = NULL;
    long idx = 0;

    if (s->strings) {
        snprintf(t, sizeof t, "<t>%s</t>", code);
        if (!(at = memmem(s->strings, s->slen, t, strlen(t))))
            return 0;
        for (p = s->strings; (p = memmem(p, (size_t)(at - p), "<si>", 4)); p += 4)
            idx++;
        snprintf(t, sizeof t, "\" t=\"s\"><v>%ld</v></c>", idx - 1);
    } else
        snprintf(t, sizeof t, "\" t=\"inlineStr\"><is><t>%s</t></is></c>", code);
    for (p = s->sheet; (p = memmem(p, s->len - (size_t)(p - s->sheet), "<c r=\"A", 7)); p += 7) {
        char *e;
        unsigned long r = strtoul(p + 7, &e, 10);

        if (strncmp(e, t, strlen(t)) == 0)
            return (unsigned)r;
    }
    return 0;
}

/* What cell col (a letter) of figure code's row holds: "<f>…</f><v>…</v>"
 * or "<v>…</v>" as the XML says it, "" for a cell of a format alone,
 * "(none)" for no cell; into out. */
static const char *figure_cell(const summary *s, const char *code, char col, char *out,
                               size_t size)
{
    char at[32];
    unsigned r = figure_row(s, code);
    const char *c, *gt, *close;

    if (!r)
        fail_msg("no row of %s in Tổng hợp", code);
    snprintf(at, sizeof at, "<c r=\"%c%u\"", col, r);
    snprintf(out, size, "(none)");
    c = memmem(s->sheet, s->len, at, strlen(at));
    if (!c)
        return out;
    gt = memchr(c, '>', s->len - (size_t)(c - s->sheet));
    assert_non_null(gt);
    if (gt[-1] == '/') {
        snprintf(out, size, "%s", "");
        return out;
    }
    close = memmem(gt, s->len - (size_t)(gt - s->sheet), "</c>", 4);
    assert_non_null(close);
    snprintf(out, size, "%.*s", (int)(close - gt - 1), gt + 1);
    return out;
}

static void expect_cell(const summary *s, const char *code, char col, const char *want)
{
    static char got[20000];

    figure_cell(s, code, col, got, sizeof got);
    if (strcmp(got, want) != 0)
        fail_msg("%s, column %c: '%s', not '%s'", code, col, got, want);
}

/* Giá trị (C) of ratio code's row: Tử số over Mẫu số where Mẫu số is
 * more than 0, else "", with v cached. */
static void expect_ratio(const summary *s, const char *code, const char *v)
{
    char want[128];
    unsigned r = figure_row(s, code);

    snprintf(want, sizeof want, "<f>IF(E%u&gt;0,D%u/E%u,\"\")</f><v>%s</v>", r, r, r, v);
    expect_cell(s, code, 'C', want);
}

/* The text of the shared string in cell col of figure code's row. */
static const char *figure_text(const summary *s, const char *code, char col, char *out,
                               size_t size)
{
    char ref[32];

    snprintf(ref, sizeof ref, "%c%u", col, figure_row(s, code));
    return shared_text(s->sheet, s->len, s->strings, s->slen, ref, out, size);
}

/* Last year's figure code was value (baseline.csv's one line). */
static void last_year(fixture *f, const char *code, const char *value)
{
    f->ds.baseline = eg_xcalloc(1, sizeof *f->ds.baseline);
    f->ds.baseline[0].key = eg_xstrdup(code);
    f->ds.baseline[0].value = eg_xstrdup(value);
    f->ds.n_baseline = 1;
}

/* Gives *code (of the layouts) the text to, for a test of what a code
 * or a unit may hold; the layouts free it. */
static void recode(char **code, const char *to)
{
    free(*code);
    *code = eg_xstrdup(to);
}

/* SUMIFS over Dữ liệu sheet `sheet` of indicator code at level lv, as
 * Tổng hợp writes it. */
static char *sumifs(const char *sheet, const char *code, const char *lv)
{
    return eg_xasprintf("SUMIFS('%s'!$H:$H,'%s'!$F:$F,\"%s\",'%s'!$D:$D,\"%s\")", sheet, sheet,
                        code, sheet, lv);
}

#define SUMIFS3(code)                                                                          \
    "SUMIFS('Dữ liệu'!$H:$H,'Dữ liệu'!$F:$F,\"" code "\",'Dữ liệu'!$D:$D,\"so\")+"            \
    "SUMIFS('Dữ liệu'!$H:$H,'Dữ liệu'!$F:$F,\"" code "\",'Dữ liệu'!$D:$D,\"huyen\")+"         \
    "SUMIFS('Dữ liệu'!$H:$H,'Dữ liệu'!$F:$F,\"" code "\",'Dữ liệu'!$D:$D,\"xa\")"

/* A sum past 2^53 that SUMIFS, adding in its order, would make
 * 9999999999999996 where the figure is 9999999999999994: Tổng hợp holds
 * the figure as a number, no formula. */
static void a_sum_a_spreadsheet_would_round_otherwise_is_its_value(void **state)
{
    static const int64_t dossiers[] = {
        999999999999999, 999999999999999, 999999999999999, 999999999999999, 999999999999999,
        999999999999999, 999999999999999, 999999999999999, 999999999999999, 999999999999997,
        3, 3
    };
    fixture *f = *state;
    summary s;

    for (size_t i = 0; i < sizeof dossiers / sizeof *dossiers; i++)
        add_count(f, 1 + (int)i, "gd.ho_so", dossiers[i], NULL);
    summary_written(f, "big.xlsx", &s);
    assert_non_null(memmem(s.sheet, s.len, "<v>9999999999999994</v>", 23));
    assert_null(memmem(s.sheet, s.len, "\"gd.ho_so\"", 10));
    /* the staff's sums are still formulas */
    assert_non_null(memmem(s.sheet, s.len, "\"ht.cbcc\"", 9));
    free(s.parts);
}

/* A sum is a SUMIFS of its indicator for each of its levels over Dữ
 * liệu, added up, its figure cached; a figure of the province alone
 * takes the province's level only (the department's value of the same
 * indicator is not in it); Đơn vị tính is its indicator's unit, đồng for
 * money without one, % for a ratio. */
static void a_sum_is_a_sumifs_per_level_with_its_figure_cached(void **state)
{
    fixture *f = *state;
    summary s;
    char text[128];

    add_count(f, 1, "gd.ho_so", 100, NULL);
    add_count(f, 2, "gd.ho_so", 50, NULL);
    add_count(f, 3, "gd.ho_so", 7, NULL);
    add_count(f, 0, "gd.dvc_muc_3", 12, NULL);
    add_count(f, 1, "gd.dvc_muc_3", 5, NULL);
    add_value(f, 1, "dt.kinh_phi_cntt", 3000, 3000, "3000", NULL);
    recode(&f->L.cat.items[eg_catalogue_find(&f->L.cat, "dt.kinh_phi_cntt")].unit_label, "");
    summary_written(f, "sum.xlsx", &s);
    expect_cell(&s, "tong.ho_so", 'C', "<f>" SUMIFS3("gd.ho_so") "</f><v>157</v>");
    expect_cell(&s, "gd.dvc_muc_3", 'C',
                "<f>SUMIFS('Dữ liệu'!$H:$H,'Dữ liệu'!$F:$F,\"gd.dvc_muc_3\",'Dữ liệu'!$D:$D,"
                "\"tinh\")</f><v>12</v>");
    expect_cell(&s, "tong.ho_so", 'D', "(none)");
    assert_string_equal(figure_text(&s, "tong.ho_so", 'F', text, sizeof text), "hồ sơ");
    assert_string_equal(figure_text(&s, "tong.kinh_phi_cntt", 'F', text, sizeof text), "đồng");
    assert_string_equal(figure_text(&s, "tl.cbcc_may_tinh", 'F', text, sizeof text), "%");
    free(s.parts);
}

/* A ratio every unit gave both parts of: Tử số and Mẫu số are SUMIFS,
 * Giá trị the one over the other where Mẫu số is more than 0; a unit of
 * another level that gave one part changes nothing. */
static void a_ratio_whose_units_gave_both_parts_is_its_sumifs_over_each_other(void **state)
{
    fixture *f = *state;
    summary s;

    add_count(f, 2, "ht.bdvhx", 10, NULL);
    add_count(f, 2, "ht.bdvhx_internet", 8, NULL);
    add_count(f, 1, "ht.bdvhx", 3, NULL);
    summary_written(f, "ratio.xlsx", &s);
    expect_ratio(&s, "tl.cbcc_may_tinh", "0.8540540540540541");
    expect_cell(&s, "tl.cbcc_may_tinh", 'D', "<f>" SUMIFS3("ht.cbcc_may_tinh") "</f><v>158</v>");
    expect_cell(&s, "tl.cbcc_may_tinh", 'E', "<f>" SUMIFS3("ht.cbcc") "</f><v>185</v>");
    expect_ratio(&s, "tl.bdvhx_internet", "0.8");
    expect_cell(&s, "tl.bdvhx_internet", 'D',
                "<f>SUMIFS('Dữ liệu'!$H:$H,'Dữ liệu'!$F:$F,\"ht.bdvhx_internet\",'Dữ liệu'!$D:$D,"
                "\"huyen\")</f><v>8</v>");
    free(s.parts);
}

/* A ratio some units gave one part of leaves them out, which SUMIFS
 * cannot say: Tử số and Mẫu số are plain numbers (40 of the
 * department's 45, not of 185), Giá trị still the one over the other. */
static void a_ratio_some_units_gave_one_part_of_has_plain_parts(void **state)
{
    fixture *f = *state;
    summary s;

    add_count(f, 1, "tt.hop_thu", 40, NULL);
    summary_written(f, "onepart.xlsx", &s);
    expect_ratio(&s, "tl.hop_thu", "0.8888888888888888");
    expect_cell(&s, "tl.hop_thu", 'D', "<v>40</v>");
    expect_cell(&s, "tl.hop_thu", 'E', "<v>45</v>");
    free(s.parts);
}

/* A ratio whose Mẫu số adds up to 0 has no value: Giá trị is the formula
 * with an empty text cached, not 0, and Ghi chú says why. */
static void a_ratio_of_a_mau_so_of_0_caches_an_empty_text(void **state)
{
    fixture *f = *state;
    summary s;
    char text[200];

    add_count(f, 1, "nl.thpt_tin_hoc", 0, NULL);
    add_count(f, 1, "nl.thpt", 0, NULL);
    summary_written(f, "den0.xlsx", &s);
    expect_ratio(&s, "tl.thpt_tin_hoc", "");
    expect_cell(&s, "tl.thpt_tin_hoc", 'E',
                "<f>SUMIFS('Dữ liệu'!$H:$H,'Dữ liệu'!$F:$F,\"nl.thpt\",'Dữ liệu'!$D:$D,"
                "\"so\")</f><v>0</v>");
    assert_string_equal(figure_text(&s, "tl.thpt_tin_hoc", 'G', text, sizeof text),
                        "Chưa tính được: tổng nl.thpt (mẫu số) của các đơn vị báo cáo bằng 0, "
                        "không chia được");
    free(s.parts);
}

#define COUNTIFS(sheet, code, lv) \
    "COUNTIFS('" sheet "'!$F:$F,\"" code "\",'" sheet "'!$D:$D,\"" lv "\""

/* A count of units is COUNTIFS of the units with a yes (1), with more
 * than 0 or with one of the options, over those that reported; a yes of
 * a department is not counted among the districts'. */
static void a_count_of_units_is_countifs_of_its_condition_over_those_that_reported(void **state)
{
    fixture *f = *state;
    summary s;

    add_value(f, 2, "ht.lan_internet", 1, 1, "có", NULL);
    add_value(f, 4, "ht.lan_internet", 0, 0, "không", NULL);
    add_value(f, 6, "ht.lan_internet", 1, 1, "có", NULL);
    add_value(f, 1, "ht.lan_internet", 1, 1, "có", NULL);
    add_value(f, 1, "dt.kinh_phi_cntt", 5000, 5000, "5000", NULL);
    add_value(f, 2, "dt.kinh_phi_cntt", 0, 0, "0", NULL);
    add_value(f, 2, "ht.mo_hinh_mot_cua", 1, 0, "dien_tu", NULL);
    add_value(f, 4, "ht.mo_hinh_mot_cua", 2, 0, "chua", NULL);
    add_value(f, 6, "ht.mo_hinh_mot_cua", 0, 0, "lien_thong", NULL);
    summary_written(f, "count.xlsx", &s);
    expect_cell(&s, "dem.lan_internet.huyen", 'D',
                "<f>" COUNTIFS("Dữ liệu", "ht.lan_internet", "huyen") ",'Dữ liệu'!$H:$H,1)</f>"
                "<v>2</v>");
    expect_cell(&s, "dem.lan_internet.huyen", 'E',
                "<f>" COUNTIFS("Dữ liệu", "ht.lan_internet", "huyen") ")</f><v>3</v>");
    expect_cell(&s, "dem.kinh_phi_cntt", 'D',
                "<f>" COUNTIFS("Dữ liệu", "dt.kinh_phi_cntt", "so") ",'Dữ liệu'!$H:$H,\"&gt;0\")+"
                COUNTIFS("Dữ liệu", "dt.kinh_phi_cntt", "huyen") ",'Dữ liệu'!$H:$H,\"&gt;0\")"
                "</f><v>1</v>");
    expect_cell(&s, "dem.kinh_phi_cntt", 'E',
                "<f>" COUNTIFS("Dữ liệu", "dt.kinh_phi_cntt", "so") ")+"
                COUNTIFS("Dữ liệu", "dt.kinh_phi_cntt", "huyen") ")</f><v>2</v>");
    expect_cell(&s, "dem.mot_cua_dien_tu.huyen", 'D',
                "<f>" COUNTIFS("Dữ liệu", "ht.mo_hinh_mot_cua", "huyen")
                ",'Dữ liệu'!$H:$H,\"lien_thong\")+"
                COUNTIFS("Dữ liệu", "ht.mo_hinh_mot_cua", "huyen")
                ",'Dữ liệu'!$H:$H,\"dien_tu\")</f><v>2</v>");
    expect_cell(&s, "dem.mot_cua_dien_tu.huyen", 'E',
                "<f>" COUNTIFS("Dữ liệu", "ht.mo_hinh_mot_cua", "huyen") ")</f><v>3</v>");
    free(s.parts);
}

/* A quotient's parts are the Giá trị of its two figures found by code
 * over the sheet (rows 3 to the last), a complement 1 less its figure,
 * its parts the rest of that figure's whole where that is a whole
 * number. */
static void a_quotient_and_a_complement_refer_to_their_figures_by_code(void **state)
{
    fixture *f = *state;
    summary s;
    char want[300];
    unsigned r, last;

    add_count(f, 1, "gd.ho_so", 100, NULL);
    add_count(f, 2, "gd.ho_so", 50, NULL);
    add_count(f, 1, "gd.ho_so_tre", 5, NULL);
    summary_written(f, "quot.xlsx", &s);
    r = figure_row(&s, "tl.ho_so_tre");
    last = figure_row(&s, "dem.bieu_mau_dt.huyen");
    assert_true(last > r);
    expect_ratio(&s, "tl.ho_so_tre", "0.03333333333333333");
    snprintf(want, sizeof want,
             "<f>INDEX($C$3:$C$%u,MATCH(\"tong.ho_so_tre\",$A$3:$A$%u,0))</f><v>5</v>", last,
             last);
    expect_cell(&s, "tl.ho_so_tre", 'D', want);
    snprintf(want, sizeof want,
             "<f>INDEX($C$3:$C$%u,MATCH(\"tong.ho_so\",$A$3:$A$%u,0))</f><v>150</v>", last, last);
    expect_cell(&s, "tl.ho_so_tre", 'E', want);
    snprintf(want, sizeof want,
             "<f>1-INDEX($C$3:$C$%u,MATCH(\"tl.ho_so_tre\",$A$3:$A$%u,0))</f>"
             "<v>0.9666666666666667</v>", last, last);
    expect_cell(&s, "tl.ho_so_dung_han", 'C', want);
    snprintf(want, sizeof want,
             "<f>INDEX($E$3:$E$%u,MATCH(\"tl.ho_so_tre\",$A$3:$A$%u,0))-"
             "INDEX($D$3:$D$%u,MATCH(\"tl.ho_so_tre\",$A$3:$A$%u,0))</f><v>145</v>",
             last, last, last, last);
    expect_cell(&s, "tl.ho_so_dung_han", 'D', want);
    snprintf(want, sizeof want,
             "<f>INDEX($E$3:$E$%u,MATCH(\"tl.ho_so_tre\",$A$3:$A$%u,0))</f><v>150</v>", last,
             last);
    expect_cell(&s, "tl.ho_so_dung_han", 'E', want);
    free(s.parts);
    /* the dossiers a number with decimals: no rest of a whole to show */
    f->L.figures[eg_strmap_get(&f->L.figure_index, "tong.ho_so")].format = EG_FMT_NUMBER;
    summary_written(f, "quot2.xlsx", &s);
    expect_cell(&s, "tl.ho_so_dung_han", 'D', "(none)");
    expect_cell(&s, "tl.ho_so_dung_han", 'E', "(none)");
    free(s.parts);
}

/* A code a criterion would read as a pattern (* or ?) or as a number
 * (a digit first) makes its figure's cells plain numbers: a sum, the
 * parts of a ratio, both parts of a count; a code with - in it is
 * plain text, and a formula. */
static void a_code_a_criterion_would_read_as_a_pattern_makes_plain_numbers(void **state)
{
    fixture *f = *state;
    eg_catalogue *cat = &f->L.cat;
    summary s;

    add_count(f, 1, "gd.ho_so", 100, NULL);
    add_count(f, 2, "gd.ho_so", 50, NULL);
    add_count(f, 1, "gd.ho_so_tre", 5, NULL);
    add_value(f, 2, "ht.lan_internet", 1, 1, "có", NULL);
    recode(&cat->items[eg_catalogue_find(cat, "gd.ho_so")].code, "gd.ho*so");
    recode(&cat->items[eg_catalogue_find(cat, "gd.ho_so_tre")].code, "gd.ho-so-tre");
    recode(&cat->items[eg_catalogue_find(cat, "ht.cbcc")].code, "ht.cbcc?");
    recode(&cat->items[eg_catalogue_find(cat, "ht.lan_internet")].code, "1lan");
    summary_written(f, "wild.xlsx", &s);
    expect_cell(&s, "tong.ho_so", 'C', "<v>150</v>");
    expect_cell(&s, "tong.ho_so_tre", 'C', "<f>" SUMIFS3("gd.ho-so-tre") "</f><v>5</v>");
    expect_cell(&s, "tl.cbcc_may_tinh", 'D', "<v>158</v>");
    expect_cell(&s, "tl.cbcc_may_tinh", 'E', "<v>185</v>");
    expect_cell(&s, "dem.lan_internet.huyen", 'D', "<v>1</v>");
    expect_cell(&s, "dem.lan_internet.huyen", 'E', "<v>1</v>");
    expect_ratio(&s, "dem.lan_internet.huyen", "1");
    free(s.parts);
}

/* A sum SUMIFS would add otherwise than we do is its value: values that
 * are not whole (0.1 + 0.2), a whole one past 2^53. */
static void a_sum_of_values_not_whole_or_past_2_53_is_its_value(void **state)
{
    fixture *f = *state;
    summary s;
    int k = eg_catalogue_find(&f->L.cat, "gd.ho_so");

    assert_true(k >= 0);
    f->L.cat.items[k].type = EG_TYPE_NUMBER;
    add_value(f, 1, "gd.ho_so", 0, 0.1, "0,1", NULL);
    add_value(f, 2, "gd.ho_so", 0, 0.2, "0,2", NULL);
    add_count(f, 1, "gd.ho_so_tre", 18014398509481984, NULL);
    summary_written(f, "notwhole.xlsx", &s);
    expect_cell(&s, "tong.ho_so", 'C', "<v>0.30000000000000004</v>");
    expect_cell(&s, "tong.ho_so_tre", 'C', "<v>18014398509481984</v>");
    free(s.parts);
}

/* Dữ liệu over several sheets: each SUMIFS and COUNTIFS term repeated
 * for every sheet, level by level. */
static void over_several_dulieu_sheets_each_term_is_repeated_for_every_one(void **state)
{
    static const char *const lv[] = { "so", "huyen", "xa" };
    fixture *f = *state;
    summary s;
    char *want = eg_xstrdup("<f>"), *more;

    add_value(f, 2, "ht.lan_internet", 1, 1, "có", NULL);
    setenv("EGREPORT_XLSX_ROWS_PER_SHEET", "3", 1);
    summary_written(f, "sheets.xlsx", &s);
    unsetenv("EGREPORT_XLSX_ROWS_PER_SHEET");
    /* 7 values over 3 sheets */
    for (size_t l = 0; l < 3; l++)
        for (int sh = 1; sh <= 3; sh++) {
            char name[32], *term;

            snprintf(name, sizeof name, sh == 1 ? "Dữ liệu" : "Dữ liệu (%d)", sh);
            term = sumifs(name, "ht.cbcc", lv[l]);
            more = eg_xasprintf("%s%s%s", want, l || sh > 1 ? "+" : "", term);
            free(term);
            free(want);
            want = more;
        }
    more = eg_xasprintf("%s</f><v>185</v>", want);
    free(want);
    expect_cell(&s, "tl.cbcc_may_tinh", 'E', more);
    free(more);
    expect_cell(&s, "dem.lan_internet.huyen", 'E',
                "<f>" COUNTIFS("Dữ liệu", "ht.lan_internet", "huyen") ")+"
                COUNTIFS("Dữ liệu (2)", "ht.lan_internet", "huyen") ")+"
                COUNTIFS("Dữ liệu (3)", "ht.lan_internet", "huyen") ")</f><v>1</v>");
    free(s.parts);
}

/* A formula past Excel's 8,192 characters is its value: a sum over three
 * levels and 40 sheets of Dữ liệu, where one over one level is not. */
static void a_formula_past_8192_characters_is_its_value(void **state)
{
    fixture *f = *state;
    summary s;
    char *want;

    add_count(f, 1, "gd.ho_so", 100, NULL);
    add_count(f, 0, "gd.dvc_muc_3", 12, NULL);
    for (int i = 0; i < 32; i++)
        add_value(f, 2, "diem.san_sang", 0, i, "x", NULL);
    setenv("EGREPORT_XLSX_ROWS_PER_SHEET", "1", 1);
    summary_written(f, "long.xlsx", &s);
    unsetenv("EGREPORT_XLSX_ROWS_PER_SHEET");
    expect_cell(&s, "tong.ho_so", 'C', "<v>100</v>");
    want = sumifs("Dữ liệu (40)", "gd.dvc_muc_3", "tinh");
    assert_non_null(memmem(s.sheet, s.len, want, strlen(want)));
    free(want);
    free(s.parts);
}

/* The percentages of Giá trị have data bars over their cells as written,
 * runs of rows as ranges; the highlight under highlight_below is one rule
 * over the whole column keyed by Đơn vị tính, leaving out by code the
 * share where lower is better.  Without a threshold, no highlight.  The
 * filter buttons cover the header and every row. */
static void the_rates_have_data_bars_and_the_highlight_keyed_by_their_row(void **state)
{
    fixture *f = *state;
    summary s;
    char want[400];
    unsigned last;

    summary_written(f, "bars.xlsx", &s);
    last = figure_row(&s, "dem.bieu_mau_dt.huyen");
    snprintf(want, sizeof want,
             "<conditionalFormatting sqref=\"C3:C%u\"><cfRule type=\"expression\" dxfId=\"0\" "
             "priority=\"2\"><formula>AND(ISNUMBER(C3),$F3=\"%%\",C3&lt;0.8,"
             "$A3&lt;&gt;\"tl.ho_so_tre\")</formula></cfRule></conditionalFormatting>", last);
    assert_non_null(memmem(s.sheet, s.len, want, strlen(want)));
    HAS(s.sheet, s.len, "<conditionalFormatting sqref=\"C4:C18 C20 C24 C27 C30 C32:C35 C38 "
                        "C40:C45 C47:C56 C58:C63 C68 C76:C77\"><cfRule type=\"dataBar\" "
                        "priority=\"1\">");
    /* the filter buttons over the header and the rows */
    snprintf(want, sizeof want, "<autoFilter ref=\"A2:G%u\"/>", last);
    assert_non_null(memmem(s.sheet, s.len, want, strlen(want)));
    free(s.parts);
    f->L.highlight_below = 0;
    summary_written(f, "nobars.xlsx", &s);
    assert_null(memmem(s.sheet, s.len, "type=\"expression\"", 17));
    HAS(s.sheet, s.len, "<cfRule type=\"dataBar\" priority=\"1\">");
    free(s.parts);
}

/* A code a formula cannot name (a wildcard in it) leaves the highlight on
 * the percentages' cells as written, with the data bars; the figures
 * that refer to it by code hold their values, and the name TyLeHoSoTre is
 * its address. */
static void a_figure_code_a_formula_cannot_name_is_referred_to_by_address(void **state)
{
    fixture *f = *state;
    summary s;
    const char *workbook;
    size_t n;

    add_count(f, 1, "gd.ho_so", 100, NULL);
    add_count(f, 1, "gd.ho_so_tre", 5, NULL);
    recode(&f->L.figures[eg_strmap_get(&f->L.figure_index, "tl.ho_so_tre")].code,
           "tl.ho_so_tre?");
    summary_written(f, "unnamed.xlsx", &s);
    HAS(s.sheet, s.len, "<conditionalFormatting sqref=\"C4:C18 C20 C24 C27 C30 C32:C35 C38 "
                        "C40:C45 C47:C56 C58:C63 C68 C76:C77\"><cfRule type=\"dataBar\" "
                        "priority=\"1\">");
    HAS(s.sheet, s.len, "</dataBar></cfRule><cfRule type=\"expression\" dxfId=\"0\" "
                        "priority=\"2\"><formula>AND(ISNUMBER(C4),C4&lt;0.8)</formula>");
    assert_null(memmem(s.sheet, s.len, "$F3=", 4));
    expect_cell(&s, "tl.ho_so_dung_han", 'C', "<v>0.95</v>");
    expect_cell(&s, "tl.ho_so_dung_han", 'D', "<v>95</v>");
    expect_cell(&s, "tl.ho_so_dung_han", 'E', "<v>100</v>");
    workbook = part_named(s.parts, s.n, "xl/workbook.xml", &n);
    assert_non_null(workbook);
    HAS(workbook, n, "<definedName name=\"TyLeHoSoTre\">'Tổng hợp'!$C$67</definedName>");
    HAS(workbook, n, "<definedName name=\"TongHoSo\">INDEX('Tổng hợp'!$C$3:$C$77,"
                     "MATCH(\"tong.ho_so\",'Tổng hợp'!$A$3:$A$77,0))</definedName>");
    free(s.parts);
}

/* MATCH compares without case: a figure whose code another's equals but
 * for case is referred to by address, not by code (the name TongHoSo),
 * and what refers to it holds its value (a quotient's three cells). */
static void a_figure_code_another_equals_but_for_case_is_not_looked_up(void **state)
{
    fixture *f = *state;
    summary s;
    const char *workbook;
    char want[200];
    size_t n;

    add_count(f, 1, "gd.ho_so", 100, NULL);
    add_count(f, 1, "gd.ho_so_tre", 5, NULL);
    recode(&f->L.figures[eg_strmap_get(&f->L.figure_index, "gd.dvc_muc_3")].code, "TONG.HO_SO");
    summary_written(f, "case.xlsx", &s);
    expect_cell(&s, "tl.ho_so_tre", 'C', "<v>0.05</v>");
    expect_cell(&s, "tl.ho_so_tre", 'D', "<v>5</v>");
    expect_cell(&s, "tl.ho_so_tre", 'E', "<v>100</v>");
    workbook = part_named(s.parts, s.n, "xl/workbook.xml", &n);
    assert_non_null(workbook);
    snprintf(want, sizeof want, "<definedName name=\"TongHoSo\">'Tổng hợp'!$C$%u</definedName>",
             figure_row(&s, "tong.ho_so"));
    assert_non_null(memmem(workbook, n, want, strlen(want)));
    free(s.parts);
}

/* The title says the year (and to which day when it is not over); a
 * section's heading is under Chỉ tiêu, Mã chỉ tiêu left for codes. */
static void the_title_says_the_year_and_headings_are_under_chi_tieu(void **state)
{
    fixture *f = *state;
    summary s;
    char text[200];

    summary_written(f, "title.xlsx", &s);
    assert_string_equal(shared_text(s.sheet, s.len, s.strings, s.slen, "A1", text, sizeof text),
                        "Tổng hợp số liệu Chính quyền điện tử năm 2021");
    assert_string_equal(shared_text(s.sheet, s.len, s.strings, s.slen, "B3", text, sizeof text),
                        "Hạ tầng kỹ thuật");
    HAS(s.sheet, s.len, "<c r=\"A3\" s=\"6\"/>");
    free(s.parts);
}

/* A change on last year: Tử số is this year's figure found by code,
 * Mẫu số last year's from the baseline, Giá trị the one less the other;
 * Đơn vị tính is in points.  This year's figure short of a value: no
 * change, and Ghi chú says why. */
static void a_change_on_last_year_is_this_years_figure_less_the_baseline(void **state)
{
    fixture *f = *state;
    summary s;
    char want[400], text[64];
    unsigned r, last;

    add_count(f, 2, "ht.ho_may_tinh_internet", 30, NULL);
    add_count(f, 2, "ht.ho_gia_dinh", 120, NULL);
    last_year(f, "tl.ho_may_tinh_internet", "20");
    summary_written(f, "diff.xlsx", &s);
    r = figure_row(&s, "tl.ho_may_tinh_internet.tang");
    last = figure_row(&s, "dem.bieu_mau_dt.huyen");
    snprintf(want, sizeof want, "<f>D%u-E%u</f><v>0.04999999999999999</v>", r, r);
    expect_cell(&s, "tl.ho_may_tinh_internet.tang", 'C', want);
    snprintf(want, sizeof want,
             "<f>INDEX($C$3:$C$%u,MATCH(\"tl.ho_may_tinh_internet\",$A$3:$A$%u,0))</f>"
             "<v>0.25</v>", last, last);
    expect_cell(&s, "tl.ho_may_tinh_internet.tang", 'D', want);
    expect_cell(&s, "tl.ho_may_tinh_internet.tang", 'E', "<v>0.2</v>");
    assert_string_equal(figure_text(&s, "tl.ho_may_tinh_internet.tang", 'F', text, sizeof text),
                        "điểm phần trăm");
    free(s.parts);
    /* this year's short by a value refused: no change, and why */
    f->ds.refused = eg_xcalloc(f->ds.registry.n * f->ds.n_indicators, 1);
    f->ds.refused[2 * f->ds.n_indicators +
                  (size_t)eg_catalogue_find(&f->L.cat, "ht.ho_may_tinh_internet")] = 1;
    summary_written(f, "diff2.xlsx", &s);
    expect_cell(&s, "tl.ho_may_tinh_internet.tang", 'C', "(none)");
    assert_string_equal(figure_text(&s, "tl.ho_may_tinh_internet.tang", 'G', want, sizeof want),
                        "Chưa so sánh với năm trước: tl.ho_may_tinh_internet năm nay thiếu số "
                        "liệu của đơn vị có giá trị bị loại (xem Kiểm tra), bỏ trống chỉ tiêu "
                        "phải báo cáo, hoặc chỉ báo cáo một trong hai số của tỷ lệ, chưa so được "
                        "với số liệu cả tỉnh năm trước trong baseline.csv");
    free(s.parts);
}

/* COUNTIFS compares text without case and reads * and ? as patterns: an
 * option another equals but for case, which COUNTIFS would count too,
 * or one with a wildcard, makes Tử số of a count of units a plain
 * number. */
static void an_option_countifs_cannot_tell_apart_makes_the_count_a_plain_number(void **state)
{
    fixture *f = *state;
    eg_indicator *ind = &f->L.cat.items[eg_catalogue_find(&f->L.cat, "ht.mo_hinh_mot_cua")];
    summary s;

    add_value(f, 2, "ht.mo_hinh_mot_cua", 1, 0, "dien_tu", NULL);
    add_value(f, 4, "ht.mo_hinh_mot_cua", 2, 0, "chua", NULL);
    recode(&ind->options[2].code, "Dien_Tu");
    summary_written(f, "optcase.xlsx", &s);
    expect_cell(&s, "dem.mot_cua_dien_tu.huyen", 'D', "<v>1</v>");
    expect_cell(&s, "dem.mot_cua_dien_tu.huyen", 'E',
                "<f>" COUNTIFS("Dữ liệu", "ht.mo_hinh_mot_cua", "huyen") ")</f><v>2</v>");
    free(s.parts);
    recode(&ind->options[2].code, "chua");
    recode(&ind->options[0].code, "lien*thong");
    summary_written(f, "optwild.xlsx", &s);
    expect_cell(&s, "dem.mot_cua_dien_tu.huyen", 'D', "<v>1</v>");
    free(s.parts);
}

/* Ghi chú of a figure short of some of its units: a ratio no unit gave
 * both parts of; a value refused (the quotient made from it names the
 * first of its figures that is short); a unit that has not sent its
 * report, counted. */
static void a_figure_short_of_units_says_why_under_ghi_chu(void **state)
{
    fixture *f = *state;
    summary s;
    char text[400];
    int k = eg_catalogue_find(&f->L.cat, "gd.ho_so");

    add_count(f, 2, "gd.ho_so", 50, NULL);
    add_count(f, 3, "gd.ho_so", 7, NULL);
    add_count(f, 1, "gd.ho_so_tre", 5, NULL);
    add_count(f, 2, "gd.ho_so_tre", 1, NULL);
    add_count(f, 3, "gd.ho_so_tre", 0, NULL);
    f->ds.refused = eg_xcalloc(f->ds.registry.n * f->ds.n_indicators, 1);
    f->ds.refused[1 * f->ds.n_indicators + (size_t)k] = 1;
    summary_written(f, "short.xlsx", &s);
    assert_string_equal(figure_text(&s, "tl.bdvhx_internet", 'G', text, sizeof text),
                        "Chưa tính được: không đơn vị nào báo cáo cả ht.bdvhx_internet và "
                        "ht.bdvhx");
    assert_string_equal(figure_text(&s, "tong.ho_so", 'G', text, sizeof text),
                        "Chưa đủ: thiếu số liệu của đơn vị có giá trị bị loại (xem Kiểm tra) "
                        "hoặc bỏ trống chỉ tiêu phải báo cáo; giá trị chưa phải của cả tỉnh");
    assert_string_equal(figure_text(&s, "tl.ho_so_tre", 'G', text, sizeof text),
                        "Chưa đủ: tong.ho_so thiếu số liệu của đơn vị có giá trị bị loại (xem "
                        "Kiểm tra) hoặc bỏ trống chỉ tiêu phải báo cáo; giá trị chưa phải của cả "
                        "tỉnh");
    free(s.parts);
    /* the dossiers late short instead: the quotient names them */
    f->ds.refused[1 * f->ds.n_indicators + (size_t)k] = 0;
    f->ds.refused[1 * f->ds.n_indicators + (size_t)eg_catalogue_find(&f->L.cat, "gd.ho_so_tre")] =
        1;
    summary_written(f, "short2.xlsx", &s);
    assert_string_equal(figure_text(&s, "tl.ho_so_tre", 'G', text, sizeof text),
                        "Chưa đủ: tong.ho_so_tre thiếu số liệu của đơn vị có giá trị bị loại "
                        "(xem Kiểm tra) hoặc bỏ trống chỉ tiêu phải báo cáo; giá trị chưa phải "
                        "của cả tỉnh");
    free(s.parts);
    f->ds.registry.items[3].submitted = 0;
    summary_written(f, "unsent.xlsx", &s);
    assert_string_equal(figure_text(&s, "tong.ho_so", 'G', text, sizeof text),
                        "Chưa đủ: mới có 2/3 đơn vị gửi báo cáo; giá trị chưa phải của cả tỉnh");
    free(s.parts);
}

/* A change on last year of a count of units (dem.*): baseline.csv gives
 * last year's count, so Tử số is this year's count, the figure's own Tử
 * số (D) found by code, not its share; Đơn vị tính is units. */
static void a_change_in_a_count_of_units_is_set_against_its_count_not_its_share(void **state)
{
    fixture *f = *state;
    eg_figure_def *def;
    summary s;
    char want[300], text[64];
    unsigned r, last;

    /* every district: a yes from two of seven */
    for (int u = 2; u <= 14; u += 2)
        add_value(f, u, "ht.lan_internet", u == 2 || u == 6, u == 2 || u == 6, "x", NULL);
    /* the results point into the figures they were computed from */
    eg_results_free(&f->res);
    f->L.figures = eg_xrealloc(f->L.figures, (f->L.n_figures + 1) * sizeof *f->L.figures);
    def = &f->L.figures[f->L.n_figures];
    memset(def, 0, sizeof *def);
    def->code = eg_xstrdup("dem.lan_internet.huyen.tang");
    def->section = eg_xstrdup("Hạ tầng kỹ thuật");
    def->label = eg_xstrdup("Thay đổi so với năm trước");
    def->kind = EG_FIG_DIFF_BASELINE;
    def->a = eg_strmap_get(&f->L.figure_index, "dem.lan_internet.huyen");
    def->b = -1;
    def->format = EG_FMT_COUNT;
    eg_strmap_put(&f->L.figure_index, def->code, (int)f->L.n_figures);
    f->L.n_figures++;
    last_year(f, "dem.lan_internet.huyen", "1");
    summary_written(f, "diffcount.xlsx", &s);
    r = figure_row(&s, "dem.lan_internet.huyen.tang");
    last = figure_row(&s, "dem.bieu_mau_dt.huyen");
    snprintf(want, sizeof want, "<f>D%u-E%u</f><v>1</v>", r, r);
    expect_cell(&s, "dem.lan_internet.huyen.tang", 'C', want);
    snprintf(want, sizeof want,
             "<f>INDEX($D$3:$D$%u,MATCH(\"dem.lan_internet.huyen\",$A$3:$A$%u,0))</f>"
             "<v>2</v>", last, last);
    expect_cell(&s, "dem.lan_internet.huyen.tang", 'D', want);
    expect_cell(&s, "dem.lan_internet.huyen.tang", 'E', "<v>1</v>");
    assert_string_equal(figure_text(&s, "dem.lan_internet.huyen.tang", 'F', text, sizeof text),
                        "đơn vị");
    free(s.parts);
}

/* The formula of a figure of the province alone over n sheets of Dữ
 * liệu, with its indicator's code. */
static char *sumifs_over(size_t n, const char *code)
{
    char *all = eg_xstrdup(""), *term, *more, name[32];

    for (size_t k = 1; k <= n; k++) {
        snprintf(name, sizeof name, k == 1 ? "Dữ liệu" : "Dữ liệu (%zu)", k);
        term = sumifs(name, code, "tinh");
        more = eg_xasprintf("%s%s%s", all, k > 1 ? "+" : "", term);
        free(term);
        free(all);
        all = more;
    }
    return all;
}

/* Excel counts a formula's characters, the '=' with them, and takes
 * 8,192: a sum over 56 sheets of Dữ liệu whose formula is 8,192
 * characters without its '=' is its value, with a code one shorter it is
 * the formula, though it takes 672 bytes more than 8,192 (each of its
 * 168 ranges names a sheet with two letters of three bytes). */
static void a_formula_of_8192_characters_is_its_value_and_one_shorter_is_written(void **state)
{
    fixture *f = *state;
    int k = eg_catalogue_find(&f->L.cat, "gd.dvc_muc_3");
    summary s;
    char code[80], *want, *cell;
    static char got[10000];

    add_count(f, 0, "gd.dvc_muc_3", 12, NULL);
    for (int i = 0; i < 49; i++)
        add_value(f, 2, "diem.san_sang", 0, i, "x", NULL);
    assert_int_equal(f->ds.n_values, 56);
    snprintf(code, sizeof code, "gd.dvc%060d", 3);
    want = sumifs_over(56, code);
    assert_int_equal(eg_utf8_len(want), 8192);
    assert_int_equal(strlen(want), 8192 + 56 * 3 * 4);
    free(want);
    recode(&f->L.cat.items[k].code, code);
    setenv("EGREPORT_XLSX_ROWS_PER_SHEET", "1", 1);
    summary_written(f, "8192.xlsx", &s);
    expect_cell(&s, "gd.dvc_muc_3", 'C', "<v>12</v>");
    free(s.parts);
    code[strlen(code) - 1] = '\0';
    recode(&f->L.cat.items[k].code, code);
    summary_written(f, "8191.xlsx", &s);
    unsetenv("EGREPORT_XLSX_ROWS_PER_SHEET");
    want = sumifs_over(56, code);
    cell = eg_xasprintf("<f>%s</f><v>12</v>", want);
    figure_cell(&s, "gd.dvc_muc_3", 'C', got, sizeof got);
    assert_string_equal(got, cell);
    free(cell);
    free(want);
    free(s.parts);
}

/* The parts of a ratio of values that are not whole are plain numbers,
 * Tử số even where it is 0: 0.1 + 0.3 - 0.4, added unit by unit, is 0,
 * but SUMIFS, adding in Dữ liệu's order, would make it -0.4 + 0.1 + 0.3,
 * not 0. */
static void a_ratio_part_of_values_not_whole_is_its_value_even_at_0(void **state)
{
    fixture *f = *state;
    summary s;

    f->L.cat.items[eg_catalogue_find(&f->L.cat, "ht.bdvhx_internet")].type = EG_TYPE_NUMBER;
    add_value(f, 6, "ht.bdvhx_internet", 0, -0.4, "-0,4", NULL);
    add_value(f, 2, "ht.bdvhx_internet", 0, 0.1, "0,1", NULL);
    add_value(f, 4, "ht.bdvhx_internet", 0, 0.3, "0,3", NULL);
    for (int u = 2; u <= 6; u += 2)
        add_count(f, u, "ht.bdvhx", 10, NULL);
    summary_written(f, "ratio0.xlsx", &s);
    expect_cell(&s, "tl.bdvhx_internet", 'D', "<v>0</v>");
    expect_cell(&s, "tl.bdvhx_internet", 'E', "<v>30</v>");
    free(s.parts);
}

/* Appends n figures to the layouts: shares where lower is better, sums
 * of gd.ho_so in percent, their codes code_width characters long. */
static void add_lower_better_shares(fixture *f, size_t n, int code_width)
{
    /* the results point into the figures they were computed from */
    eg_results_free(&f->res);
    f->L.figures = eg_xrealloc(f->L.figures, (f->L.n_figures + n) * sizeof *f->L.figures);
    for (size_t i = 0; i < n; i++) {
        eg_figure_def *def = &f->L.figures[f->L.n_figures];

        memset(def, 0, sizeof *def);
        def->code = eg_xasprintf("tl.thap%0*zu", code_width - 7, i);
        def->section = eg_xstrdup("Mức độ giao dịch");
        def->label = eg_xstrdup("Tỷ lệ thấp là tốt");
        def->kind = EG_FIG_SUM;
        def->a = eg_catalogue_find(&f->L.cat, "gd.ho_so");
        def->b = -1;
        def->levels = EG_LEVEL_BIT(EG_LEVEL_SO);
        def->format = EG_FMT_PERCENT;
        def->lower_better = 1;
        eg_strmap_put(&f->L.figure_index, def->code, (int)f->L.n_figures);
        f->L.n_figures++;
    }
}

/* The highlight's rule leaves out every share where lower is better by
 * its code, over 80 characters; past 8,000 characters, which Excel would
 * not read, the highlight is on the percentages' cells as written. */
static void a_highlight_rule_past_8000_characters_is_on_the_cells_as_written(void **state)
{
    fixture *f = *state;
    summary s;

    add_lower_better_shares(f, 3, 20);
    summary_written(f, "rule.xlsx", &s);
    HAS(s.sheet, s.len, "<formula>AND(ISNUMBER(C3),$F3=\"%\",C3&lt;0.8,"
                        "$A3&lt;&gt;\"tl.ho_so_tre\",$A3&lt;&gt;\"tl.thap0000000000000\","
                        "$A3&lt;&gt;\"tl.thap0000000000001\",$A3&lt;&gt;\"tl.thap0000000000002\")"
                        "</formula>");
    free(s.parts);
    add_lower_better_shares(f, 80, 100);
    summary_written(f, "longrule.xlsx", &s);
    assert_null(memmem(s.sheet, s.len, "$F3=", 4));
    HAS(s.sheet, s.len, "</dataBar></cfRule><cfRule type=\"expression\" dxfId=\"0\" "
                        "priority=\"2\"><formula>AND(ISNUMBER(C4),C4&lt;0.8)</formula>");
    free(s.parts);
}

/* A figure code too long for the reference to it to fit (ours holds 240
 * bytes) is referred to by its value: a change on last year's Tử số. */
static void a_figure_code_too_long_to_refer_to_leaves_its_value(void **state)
{
    fixture *f = *state;
    summary s;
    char code[220], want[64];
    unsigned r;

    add_count(f, 2, "ht.ho_may_tinh_internet", 30, NULL);
    add_count(f, 2, "ht.ho_gia_dinh", 120, NULL);
    snprintf(code, sizeof code, "tl.%0200d", 0);
    recode(&f->L.figures[eg_strmap_get(&f->L.figure_index, "tl.ho_may_tinh_internet")].code,
           code);
    last_year(f, code, "20");
    summary_written(f, "longcode.xlsx", &s);
    r = figure_row(&s, "tl.ho_may_tinh_internet.tang");
    expect_cell(&s, "tl.ho_may_tinh_internet.tang", 'D', "<v>0.25</v>");
    snprintf(want, sizeof want, "<f>D%u-E%u</f><v>0.04999999999999999</v>", r, r);
    expect_cell(&s, "tl.ho_may_tinh_internet.tang", 'C', want);
    free(s.parts);
}

/* Ghi chú of a figure without a value: a sum no unit gave; a quotient
 * and a complement whose figure has none (named); a change on last year
 * the baseline has nothing of. */
static void a_figure_without_a_value_says_why_under_ghi_chu(void **state)
{
    fixture *f = *state;
    summary s;
    char text[200];

    add_count(f, 1, "gd.ho_so_tre", 5, NULL);
    summary_written(f, "novalue.xlsx", &s);
    assert_string_equal(figure_text(&s, "tong.ho_so", 'G', text, sizeof text),
                        "Chưa tính được: không đơn vị nào gửi số liệu cho chỉ tiêu này");
    assert_string_equal(figure_text(&s, "tl.ho_so_tre", 'G', text, sizeof text),
                        "Chưa tính được: tong.ho_so chưa có giá trị (xem dòng của chỉ tiêu đó)");
    assert_string_equal(figure_text(&s, "tl.ho_so_dung_han", 'G', text, sizeof text),
                        "Chưa tính được: tl.ho_so_tre chưa có giá trị (xem dòng của chỉ tiêu "
                        "đó)");
    assert_string_equal(figure_text(&s, "tl.ho_may_tinh_internet.tang", 'G', text, sizeof text),
                        "Chưa tính được: baseline.csv không có số liệu năm trước của chỉ tiêu "
                        "này");
    free(s.parts);
}

/* A ratio over 0 short of a unit that gave one part says both; a ratio
 * some units gave one part of, short of a unit that has not sent its
 * report, too. */
static void a_ratio_short_of_units_says_each_reason(void **state)
{
    fixture *f = *state;
    summary s;
    char text[600];

    add_count(f, 2, "ht.bdvhx_internet", 0, NULL);
    add_count(f, 2, "ht.bdvhx", 0, NULL);
    add_count(f, 4, "ht.bdvhx", 5, NULL);
    add_count(f, 1, "tt.hop_thu", 40, NULL);
    f->ds.registry.items[5].submitted = 0;
    summary_written(f, "ratioshort.xlsx", &s);
    assert_string_equal(figure_text(&s, "tl.bdvhx_internet", 'G', text, sizeof text),
                        "Chưa tính được: tổng ht.bdvhx (mẫu số) của các đơn vị báo cáo bằng 0, "
                        "không chia được. Chưa đủ: không tính 1 đơn vị chỉ báo cáo một trong hai "
                        "số của tỷ lệ (KT.X00); giá trị chưa phải của cả tỉnh");
    assert_string_equal(figure_text(&s, "tl.hop_thu", 'G', text, sizeof text),
                        "Tính trên các đơn vị báo cáo cả tt.hop_thu và ht.cbcc; 11 đơn vị chỉ "
                        "báo cáo một trong hai không được tính: KT.DHA, KT.DHA.01, KT.X00, "
                        "KT.X01, KT.X02 và 6 đơn vị khác. Chưa đủ: mới có 13/14 đơn vị gửi báo "
                        "cáo; giá trị chưa phải của cả tỉnh");
    free(s.parts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_sum_a_spreadsheet_would_round_otherwise_is_its_value,
                                        many_units_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_sum_is_a_sumifs_per_level_with_its_figure_cached,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_ratio_whose_units_gave_both_parts_is_its_sumifs_over_each_other,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_ratio_some_units_gave_one_part_of_has_plain_parts,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_ratio_of_a_mau_so_of_0_caches_an_empty_text,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_count_of_units_is_countifs_of_its_condition_over_those_that_reported,
                                        many_units_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_quotient_and_a_complement_refer_to_their_figures_by_code,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_code_a_criterion_would_read_as_a_pattern_makes_plain_numbers,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_sum_of_values_not_whole_or_past_2_53_is_its_value,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(over_several_dulieu_sheets_each_term_is_repeated_for_every_one,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_formula_past_8192_characters_is_its_value,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(the_rates_have_data_bars_and_the_highlight_keyed_by_their_row,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_figure_code_a_formula_cannot_name_is_referred_to_by_address,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_figure_code_another_equals_but_for_case_is_not_looked_up,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(the_title_says_the_year_and_headings_are_under_chi_tieu,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_change_on_last_year_is_this_years_figure_less_the_baseline,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(an_option_countifs_cannot_tell_apart_makes_the_count_a_plain_number,
                                        many_units_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_figure_short_of_units_says_why_under_ghi_chu,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_change_in_a_count_of_units_is_set_against_its_count_not_its_share,
                                        many_units_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_formula_of_8192_characters_is_its_value_and_one_shorter_is_written,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_ratio_part_of_values_not_whole_is_its_value_even_at_0,
                                        many_units_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_highlight_rule_past_8000_characters_is_on_the_cells_as_written,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_figure_code_too_long_to_refer_to_leaves_its_value,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_figure_without_a_value_says_why_under_ghi_chu,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_ratio_short_of_units_says_each_reason,
                                        many_units_setup, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
