/*
 * test_narrative.c - write/narrative.h: the report layout expanded
 * against the data: formats, conditions, ranking phrases, the blocks made
 * from data, and the mistakes a layout editor can make (F_LAYOUT at the
 * right line).
 *
 * The real layouts give the catalogue, figures and rankings; each test
 * writes its own report.txt into a temporary folder and points the
 * layouts at it.  The year: a province, three departments, two districts,
 * three communes, values put through the acceptor as in a build.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/mem.h"
#include "core/text.h"
#include "layout/layout.h"
#include "normalize/accept.h"
#include "normalize/figures.h"
#include "write/doc.h"
#include "write/narrative.h"
#include "write/narrative_priv.h"

#include "support.h"

static eg_layouts layouts;
static char report_path[64];
static char *real_report;

static int group_setup(void **state)
{
    eg_diag_list dl = { 0 };
    int fd, rc = eg_layouts_load(&layouts, LAYOUT_DIR, &dl);

    (void)state;
    eg_diag_free(&dl);
    if (rc != 0)
        return rc;
    snprintf(report_path, sizeof report_path, "/tmp/test_narrative_XXXXXX");
    fd = mkstemp(report_path);
    if (fd < 0)
        return -1;
    close(fd);
    real_report = layouts.report_path;
    layouts.report_path = report_path;
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    unlink(report_path);
    layouts.report_path = real_report;
    eg_layouts_free(&layouts);
    return 0;
}

/* ---- a year ----------------------------------------------------------- */

typedef struct {
    eg_dataset ds;
    eg_acceptor acc;
    eg_diag_list accept_dl;
    eg_diag_list dl;          /* what the narrative says */
    eg_results res;
    eg_doc doc;
    int built;
} year;

enum { TINH, SA, SB, SC, HA, HB, XA1, XA2, XB1 };

static void add_fact(eg_fact **v, size_t *n, const char *key, const char *value)
{
    *v = eg_xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[*n].key = eg_xstrdup(key);
    (*v)[*n].value = eg_xstrdup(value);
    (*v)[*n].row = (long)*n + 2;
    (*n)++;
}

/* A year with extra departments GL.S01, GL.S02, … after the others;
 * without communes when communes is 0. */
static int year_make(void **state, int extra_so, int communes)
{
    year *y = calloc(1, sizeof *y);

    if (!y)
        return -1;
    eg_test_add_unit(&y->ds, "GL", "Tỉnh Gia Lai", EG_LEVEL_TINH, -1);
    eg_test_add_unit(&y->ds, "GL.SA", "Sở An", EG_LEVEL_SO, TINH);
    eg_test_add_unit(&y->ds, "GL.SB", "Sở Bình", EG_LEVEL_SO, TINH);
    eg_test_add_unit(&y->ds, "GL.SC", "Sở Cường", EG_LEVEL_SO, TINH);
    eg_test_add_unit(&y->ds, "GL.HA", "Huyện A", EG_LEVEL_HUYEN, TINH);
    eg_test_add_unit(&y->ds, "GL.HB", "Huyện B", EG_LEVEL_HUYEN, TINH);
    if (communes) {
        eg_test_add_unit(&y->ds, "GL.HA.1", "Xã A Một", EG_LEVEL_XA, HA);
        eg_test_add_unit(&y->ds, "GL.HA.2", "Xã A Hai", EG_LEVEL_XA, HA);
        eg_test_add_unit(&y->ds, "GL.HB.1", "Xã B Một", EG_LEVEL_XA, HB);
    }
    for (int i = 1; i <= extra_so; i++) {
        char code[16], name[32];

        snprintf(code, sizeof code, "GL.S%02d", i);
        snprintf(name, sizeof name, "Sở %02d", i);
        eg_test_add_unit(&y->ds, code, name, EG_LEVEL_SO, TINH);
    }
    add_fact(&y->ds.facts, &y->ds.n_facts, "province", "Gia Lai");
    add_fact(&y->ds.facts, &y->ds.n_facts, "issuer", "Ủy ban nhân dân tỉnh Gia Lai");
    add_fact(&y->ds.facts, &y->ds.n_facts, "issued_on", "2021-01-15");
    add_fact(&y->ds.facts, &y->ds.n_facts, "number", "18/BC-UBND");
    add_fact(&y->ds.baseline, &y->ds.n_baseline, "tl.ho_may_tinh_internet", "45,7");
    y->ds.year = 2020;
    y->ds.files = eg_xcalloc(1, sizeof *y->ds.files);
    y->ds.files[0].path = eg_xstrdup("submissions/bao-cao.csv");
    y->ds.n_files = 1;
    eg_acceptor_init(&y->acc, &y->ds, &layouts, &y->accept_dl);
    *state = y;
    return 0;
}

static int year_setup(void **state)
{
    return year_make(state, 0, 1);
}

static int year_setup_no_communes(void **state)
{
    return year_make(state, 0, 0);
}

static int year_setup_13_so(void **state)
{
    return year_make(state, 10, 1);
}

static int year_setup_31_so(void **state)
{
    return year_make(state, 28, 1);
}

static int year_setup_32_so(void **state)
{
    return year_make(state, 29, 1);
}

static int year_setup_38_so(void **state)
{
    return year_make(state, 35, 1);
}

static int year_setup_41_so(void **state)
{
    return year_make(state, 38, 1);
}

static int year_setup_2001_so(void **state)
{
    return year_make(state, 1998, 1);
}

static int year_teardown(void **state)
{
    year *y = *state;

    if (!y->built)
        eg_acceptor_finish(&y->acc);
    eg_doc_free(&y->doc);
    eg_results_free(&y->res);
    eg_dataset_free(&y->ds);
    eg_diag_free(&y->accept_dl);
    eg_diag_free(&y->dl);
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

/* Five scores of a unit summing to total (all in the first criterion but
 * fixed amounts in the others). */
static void scores(year *y, const char *unit, const char *first)
{
    put(y, unit, "diem.san_sang", first);
    put(y, unit, "diem.hien_dien", "10");
    put(y, unit, "diem.tuong_tac", "20");
    put(y, unit, "diem.giao_dich", "20");
    put(y, unit, "diem.chuyen_doi", "10");
}

/* Writes the layout, finishes the year and expands it; returns what
 * eg_narrative_build returned. */
static int build(year *y, const char *layout)
{
    FILE *f = fopen(report_path, "w");

    assert_non_null(f);
    fputs(layout, f);
    fclose(f);
    eg_acceptor_finish(&y->acc);
    eg_results_compute(&y->res, &layouts, &y->ds);
    y->built = 1;
    return eg_narrative_build(&y->doc, &layouts, &y->ds, &y->res, &y->accept_dl, &y->dl);
}

/* getline (glibc's __getdelim, which its inline getline calls), wrapped
 * at link time (Makefile): the nth call from here on fails with EIO, as
 * a failing disk fails it, when fail_getline_at is set. */
ssize_t __real___getdelim(char **line, size_t *cap, int delim, FILE *f);
ssize_t __wrap___getdelim(char **line, size_t *cap, int delim, FILE *f);

static int fail_getline_at;

ssize_t __wrap___getdelim(char **line, size_t *cap, int delim, FILE *f)
{
    if (fail_getline_at && --fail_getline_at == 0) {
        eg_test_stream_fails(f);
        return -1;
    }
    return __real___getdelim(line, cap, delim, f);
}

/* The text of the n-th block of a kind. */
static const char *text_of(const year *y, eg_block_kind kind, int n)
{
    for (size_t i = 0; i < y->doc.n_blocks; i++)
        if (y->doc.blocks[i].kind == kind && n-- == 0)
            return y->doc.blocks[i].text;
    fail_msg("no block %d of kind %d", n, (int)kind);
    return NULL;
}

/* report.txt read in part (a disk failing at its third line): no report
 * of its first two paragraphs is published, but a fatal error saying
 * why; read whole, the same file gives its three. */
static void a_report_layout_read_in_part_is_fatal(void **state)
{
    static const char layout[] = "Một.\n\nHai.\n\nBa.\n";
    year *y = *state;
    const eg_diag *d = NULL;

    fail_getline_at = 3;
    assert_int_equal(build(y, layout), -1);
    assert_int_equal(fail_getline_at, 0);
    for (size_t i = 0; i < y->dl.n; i++)
        if (strcmp(y->dl.items[i].code, "F_LAYOUT") == 0)
            d = &y->dl.items[i];
    assert_non_null(d);
    assert_int_equal(d->severity, EG_FATAL);
    assert_int_equal(d->row, 0);
    assert_string_equal(d->message, "cannot read the report layout to its end: Input/output error");
    eg_doc_free(&y->doc);
    eg_diag_free(&y->dl);
    assert_int_equal(eg_narrative_build(&y->doc, &layouts, &y->ds, &y->res, &y->accept_dl, &y->dl),
                     0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 2), "Ba.");
}


static const eg_block *block_of(const year *y, eg_block_kind kind, int n)
{
    for (size_t i = 0; i < y->doc.n_blocks; i++)
        if (y->doc.blocks[i].kind == kind && n-- == 0)
            return &y->doc.blocks[i];
    fail_msg("no block %d of kind %d", n, (int)kind);
    return NULL;
}

static size_t count_kind(const year *y, eg_block_kind kind)
{
    size_t n = 0;

    for (size_t i = 0; i < y->doc.n_blocks; i++)
        n += y->doc.blocks[i].kind == kind;
    return n;
}

/* The one fatal diagnostic: its line and that its message holds what. */
static void assert_fatal_at(const year *y, long line, const char *what)
{
    size_t n = 0;

    for (size_t i = 0; i < y->dl.n; i++) {
        const eg_diag *d = &y->dl.items[i];

        if (d->severity != EG_FATAL)
            continue;
        n++;
        assert_string_equal(d->code, "F_LAYOUT");
        if (d->row != line || !strstr(d->message, what))
            fail_msg("F_LAYOUT at line %ld: %s; want line %ld and '%s'", d->row, d->message,
                     line, what);
    }
    if (n != 1)
        fail_msg("%zu fatal diagnostics, want 1", n);
}

static size_t count_code(const eg_diag_list *dl, const char *code)
{
    size_t n = 0;

    for (size_t i = 0; i < dl->n; i++)
        n += strcmp(dl->items[i].code, code) == 0;
    return n;
}

/* ---- formats ----------------------------------------------------------- */

static void formats_write_vietnamese_numbers(void **state)
{
    year *y = *state;

    put(y, "GL.HA", "ht.bdvhx", "1.000");
    put(y, "GL.HA", "ht.bdvhx_internet", "962");
    put(y, "GL.SA", "gd.ho_so", "403.086");
    put(y, "GL.HA", "ht.ho_gia_dinh", "1000");
    put(y, "GL.HA", "ht.ho_may_tinh_internet", "574");
    /* both districts: a change on the year is of a figure of all */
    put(y, "GL.HB", "ht.ho_gia_dinh", "1000");
    put(y, "GL.HB", "ht.ho_may_tinh_internet", "574");
    assert_int_equal(build(y, "{tong.ho_so:int} {tl.bdvhx_internet:pct2} {tl.bdvhx_internet:pct0} "
                              "{tl.bdvhx_internet:pair} {tl.bdvhx_internet:num}/"
                              "{tl.bdvhx_internet:den} {tl.bdvhx_internet:dec3} "
                              "{tl.bdvhx_internet:pctfloor} {tl.ho_may_tinh_internet.tang:pts1} "
                              "{tl.ho_may_tinh_internet.tang:sign1}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0),
                        "403.086 96,20% 96% 962/1.000 962/1.000 0,962 96% 11,7 +11,7");
}

static void rate_is_100_only_when_all_and_never_rounds_up_to_it(void **state)
{
    year *y = *state;

    put(y, "GL.HA", "ht.bdvhx", "10000");
    put(y, "GL.HA", "ht.bdvhx_internet", "9996");       /* 99,96% */
    put(y, "GL.HA", "ht.ho_gia_dinh", "500");
    put(y, "GL.HA", "ht.ho_may_tinh_internet", "500");  /* all */
    assert_int_equal(build(y, "a {tl.bdvhx_internet:rate1}, b {tl.bdvhx_internet:pct1}, "
                              "c {tl.ho_may_tinh_internet:rate1}, d {tl.ho_may_tinh_internet:rate2}\n"),
                     0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0),
                        "a 99,9%, b 100,0%, c 100%, d 100%");
}

static void change_says_tang_or_giam_or_khong_doi(void **state)
{
    year *y = *state;

    /* 40% this year against 45,7% last year: down 5,7 points */
    put(y, "GL.HA", "ht.ho_gia_dinh", "1000");
    put(y, "GL.HA", "ht.ho_may_tinh_internet", "400");
    put(y, "GL.HB", "ht.ho_gia_dinh", "1000");
    put(y, "GL.HB", "ht.ho_may_tinh_internet", "400");
    assert_int_equal(build(y, "({tl.ho_may_tinh_internet.tang:chg1} so với năm {prev_year}) "
                              "{tl.ho_may_tinh_internet.tang:sign1} "
                              "{tl.ho_may_tinh_internet.tang:pts1}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "(giảm 5,7% so với năm 2019) -5,7 -5,7");
}

/* One district of two has sent: its rate is no province's, so no change
 * on last year's whole-province figure is printed, and the warning of
 * the "…" says why. */
static void change_of_part_of_the_units_is_not_printed(void **state)
{
    year *y = *state;

    put(y, "GL.HA", "ht.ho_gia_dinh", "1000");
    put(y, "GL.HA", "ht.ho_may_tinh_internet", "400");
    assert_int_equal(build(y, "{tl.ho_may_tinh_internet:pct1}"
                              "{if has tl.ho_may_tinh_internet.tang} (đổi){end}; "
                              "{tl.ho_may_tinh_internet.tang:chg1}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "40,0%; …");
    assert_int_equal(y->dl.n, 1);
    assert_string_equal(y->dl.items[0].code, "W_FIGURE_MISSING");
    assert_non_null(strstr(y->dl.items[0].message, "chưa tính trên đủ các đơn vị"));
}

static void change_that_rounds_to_zero_is_khong_doi(void **state)
{
    year *y = *state;

    put(y, "GL.HA", "ht.ho_gia_dinh", "100000");
    put(y, "GL.HA", "ht.ho_may_tinh_internet", "45702");   /* +0,002 points */
    put(y, "GL.HB", "ht.ho_gia_dinh", "100000");
    put(y, "GL.HB", "ht.ho_may_tinh_internet", "45702");
    assert_int_equal(build(y, "{tl.ho_may_tinh_internet.tang:chg1}; "
                              "{tl.ho_may_tinh_internet.tang:chg3}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "không đổi; tăng 0,002%");
}

static void facts_dates_and_years(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "@number Số: {fact:number}\n"
                              "{fact:province:upper}, {date:issued_on}, {date:issued_on:short}, "
                              "{year}/{prev_year} {{x}\n"), 0);
    assert_string_equal(y->doc.number, "Số: 18/BC-UBND");
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0),
                        "GIA LAI, ngày 15 tháng 01 năm 2021, 15/01/2021, 2020/2019 {x}");
}

/* A document's date as Nghị định 30/2020/NĐ-CP writes it: a 0 before a day
 * below 10 and before months 1 and 2, none before months 3 to 9. */
static void dates_pad_the_day_and_months_1_and_2_only(void **state)
{
    year *y = *state;

    add_fact(&y->ds.facts, &y->ds.n_facts, "d_feb", "2021-02-03");
    add_fact(&y->ds.facts, &y->ds.n_facts, "d_jul", "2021-07-05");
    add_fact(&y->ds.facts, &y->ds.n_facts, "d_dec", "2021-12-25");
    assert_int_equal(build(y, "{date:d_feb}; {date:d_jul}; {date:d_dec}; {date:d_jul:short}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0),
                        "ngày 03 tháng 02 năm 2021; ngày 05 tháng 7 năm 2021; "
                        "ngày 25 tháng 12 năm 2021; 05/07/2021");
}

/* ---- conditions ---------------------------------------------------------- */

static void condition_takes_the_first_branch_that_holds(void **state)
{
    year *y = *state;
    const char *layout =
        "{if tl.bdvhx_internet = 100%}toàn bộ{elif tl.bdvhx_internet >= 90%}hầu hết"
        "{else}{tl.bdvhx_internet:pct1}{end} điểm BĐVHX.\n\n"
        "{if tl.bdvhx_internet:pct0 = 100%}A{else}B{end} "
        "{if tl.bdvhx_internet < tl.bdvhx_internet:pct1}gần {end}{tl.bdvhx_internet:pct1}\n";

    put(y, "GL.HA", "ht.bdvhx", "1000");
    put(y, "GL.HA", "ht.bdvhx_internet", "996");     /* 99,6% */
    assert_int_equal(build(y, layout), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "hầu hết điểm BĐVHX.");
    /* as printed, 99,6% is 100% with no decimals; exactly, it is under */
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 1), "A 99,6%");
}

static void condition_on_all_and_on_few(void **state)
{
    year *y = *state;
    const char *layout =
        "{if dem.qlvb.so = 100% and dem.qlvb.huyen = 100%}100% đơn vị cấp tỉnh, cấp huyện"
        "{else}{dem.qlvb.so:pair} đơn vị cấp tỉnh, {dem.qlvb.huyen:pair} đơn vị cấp huyện{end}.\n";

    put(y, "GL.SA", "tt.qlvb", "có");
    put(y, "GL.SB", "tt.qlvb", "có");
    put(y, "GL.SC", "tt.qlvb", "không");
    put(y, "GL.HA", "tt.qlvb", "có");
    put(y, "GL.HB", "tt.qlvb", "có");
    assert_int_equal(build(y, layout), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "2/3 đơn vị cấp tỉnh, 2/2 đơn vị cấp huyện.");
}

static void has_and_not_look_at_the_data_without_a_warning(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "Cổng{if has fact:dvc_portal} tại {fact:dvc_portal}{end}; "
                              "{if not has gd.dvc_muc_3}chưa có số liệu{else}{gd.dvc_muc_3:int}{end}.\n"),
                     0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "Cổng; chưa có số liệu.");
    assert_int_equal(y->dl.n, 0);
}

/* A test whose outcome cannot change the condition's is still checked for
 * its names, but warns of no missing figure: "has x and x > 0". */
static void a_settled_condition_warns_of_no_missing_figure_after_it(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if has gd.dvc_muc_3 and gd.dvc_muc_3 > 0}có{else}không{end}; "
                              "{if not has gd.dvc_muc_4 or gd.dvc_muc_4 > 0}chưa rõ{end}.\n"
                              "{if gd.dvc_muc_3 > 0 or 1 > 0}một{end}.\n"),
                     0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "không; chưa rõ. một.");
    /* only the last line's first test, which could have decided it */
    assert_int_equal(count_code(&y->dl, "W_FIGURE_MISSING"), 1);
    assert_int_equal(y->dl.items[0].row, 2);
    assert_string_equal(y->dl.items[0].indicator, "gd.dvc_muc_3");
}

static void a_settled_test_is_still_checked_for_its_names(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "A\n{if 1 = 2 and tong.ho_soo > 0}a{end}.\n"), -1);
    assert_fatal_at(y, 2, "unknown figure 'tong.ho_soo'");
}

static void a_settled_test_still_needs_its_fact(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if 1 = 1 or fact:khong_co = 1}a{end}.\n"), -1);
    assert_fatal_at(y, 1, "report.csv has no key 'khong_co'");
}

static void a_missing_figure_prints_an_ellipsis_with_a_warning_at_its_line(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "# comment\n\nCó {gd.dvc_muc_3:int} dịch vụ\nvà "
                              "{gd.dvc_muc_4:int}.\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "Có … dịch vụ và ….");
    assert_int_equal(count_code(&y->dl, "W_FIGURE_MISSING"), 2);
    assert_int_equal(y->dl.items[0].row, 3);
    assert_int_equal(y->dl.items[1].row, 4);
    assert_string_equal(y->dl.items[1].indicator, "gd.dvc_muc_4");
}

static void one_warning_per_line_and_figure(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{gd.dvc_muc_3:int}, {gd.dvc_muc_4:int}, {gd.dvc_muc_3:int} và "
                              "{gd.dvc_muc_3:dec0}.\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "…, …, … và ….");
    /* dvc_muc_3, dvc_muc_4, then dvc_muc_3 again (another code came between) */
    assert_int_equal(count_code(&y->dl, "W_FIGURE_MISSING"), 3);
    assert_string_equal(y->dl.items[0].indicator, "gd.dvc_muc_3");
    assert_string_equal(y->dl.items[1].indicator, "gd.dvc_muc_4");
}

static void a_phrase_left_out_leaves_no_stray_space(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "Xếp thứ nhất\n{if 1 > 2}, thứ hai{end}\n; cuối ( {year} ) .\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "Xếp thứ nhất; cuối (2020).");
}

static void a_paragraph_that_a_condition_empties_is_left_out(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "Một.\n\n{if has gd.dvc_muc_3}Hai {gd.dvc_muc_3:int}.{end}\n\nBa.\n"),
                     0);
    assert_int_equal(count_kind(y, EG_BLOCK_PARA), 2);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 1), "Ba.");
}

static void nested_conditions(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if 1 = 1}a{if 2 = 3}b{else}c{if 1 < 2 or 5 < 4}d{end}{end}e"
                              "{else}f{end}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "acde");
}

/* A condition's words are split at tabs as at spaces; "not", "has" and
 * "provisional" are words only when whole ("notgd.x" is a name). */
static void a_conditions_words_stand_alone(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if 1\t=\t1}a{end}{if not\t1 = 2}b{end}.\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "ab.");
}

static void a_word_run_into_a_name_is_part_of_the_name(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if notgd.dvc_muc_3 > 0}a{end}.\n"), -1);
    assert_fatal_at(y, 1, "unknown figure 'notgd.dvc_muc_3'");
}

static void provisional_run_into_a_name_is_a_name(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if provisionally > 0}a{end}.\n"), -1);
    assert_fatal_at(y, 1, "'provisionally'");
}

/* A name longer than a condition holds is cut at 127 bytes in what is
 * said of it. */
static void a_name_too_long_for_a_condition_is_said_cut(void **state)
{
    year *y = *state;
    char layout[400], want[200];

    snprintf(layout, sizeof layout, "{if gd.%0200d > 0}a{end}.\n", 0);
    snprintf(want, sizeof want, "unknown figure 'gd.%0124d'", 0);
    assert_int_equal(build(y, layout), -1);
    assert_fatal_at(y, 1, want);
}

/* Two bad numbers in one comparison: one fatal for the condition. */
static void a_condition_with_two_mistakes_is_said_once(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if 5.000 > 6.000}a{end}.\n"), -1);
    assert_fatal_at(y, 1, "a number with a thousands mark");
}

/* A dot before three digits then a letter is a bad number, not a
 * thousands mark. */
static void a_dot_before_three_digits_and_a_letter_is_a_bad_number(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if 5.000a > 1}a{end}.\n"), -1);
    assert_fatal_at(y, 1, "bad number in condition '5.000a > 1'");
}

/* = allows a relative slack of 10^-9: a trillion and a half is a
 * trillion. */
static void equal_is_relative_for_large_numbers(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if 1000000000000 = 1000000000000,5}a{else}b{end}"
                              "{if 1 = 1,000001}c{else}d{end}.\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "ad.");
}

/* An {elif} inside a branch not taken is not taken, however it tests. */
static void an_elif_inside_a_branch_not_taken_is_not_taken(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "x{if 1 = 2}{if 1 = 2}a{elif 1 = 1}b{else}c{end}{end}y.\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "xy.");
}

/* A tab after "if" or "elif" is the blank it is between a condition's
 * words, not an unknown placeholder "{if<TAB>…}". */
static void a_tab_after_if_or_elif_is_a_blank(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if\t1 = 2}a{elif\t1 = 1}b{else}c{end}.\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "b.");
}

static void an_elif_without_a_condition_is_said_so(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if 1 = 1}a{elif}b{end}.\n"), -1);
    assert_fatal_at(y, 1, "{elif} needs a condition");
}

/* An {if} left open is said at its own line, not at the last
 * placeholder's. */
static void an_if_without_end_is_said_at_its_line(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "Một\nhai {if 1 = 1}a\nba {year}.\n"), -1);
    assert_fatal_at(y, 2, "{if} without {end}");
}

/* ---- rankings ------------------------------------------------------------ */

static void ranking_phrases_name_units_by_place(void **state)
{
    year *y = *state;

    scores(y, "GL.SA", "30");      /* 90 */
    scores(y, "GL.SB", "35,5");    /* 95,5 */
    scores(y, "GL.SC", "25");      /* 85 */
    assert_int_equal(build(y, "{xh.so#1:name} xếp thứ {xh.so#1:ordinal} đạt {xh.so#1:total} "
                              "điểm, thứ {xh.so#2:ordinal} là {xh.so#2:code}; cuối cùng "
                              "{xh.so#last:name} ({xh.so:count}).\n\n{xh.so#1-3:names}\n\n"
                              "{xh.so#2-last:list}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0),
                        "Sở Bình xếp thứ nhất đạt 95,50 điểm, thứ 2 là GL.SA; cuối cùng "
                        "Sở Cường (3).");
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 1), "Sở Bình, Sở An và Sở Cường");
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 2), "Sở An (90,00 điểm) và Sở Cường (85,00 điểm)");
}

static void a_place_shared_names_every_unit_of_it(void **state)
{
    year *y = *state;

    scores(y, "GL.SA", "30");      /* 90 */
    scores(y, "GL.SB", "30");      /* 90 */
    scores(y, "GL.SC", "25");      /* 85 */
    assert_int_equal(build(y, "{xh.so#1:tied} ({xh.so#1:ties}); {xh.so#2:tied} ({xh.so#2:ties}"
                              "); {xh.so#3:tied} ({xh.so#3:ties}, {xh.so#3:rank}); "
                              "{xh.so#last:tied}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0),
                        "Sở An và Sở Bình (2); Sở An và Sở Bình (2); Sở Cường (1, 3); Sở Cường");
}

/* Ten units of a tie named at most, the others counted: "A, B, …, J và 3
 * đơn vị khác", no "và" before the tenth; a tie in the order of names. */
static void a_tie_of_thirteen_names_ten_and_counts_the_rest(void **state)
{
    year *y = *state;
    char code[16];

    scores(y, "GL.SA", "30");
    scores(y, "GL.SB", "30");
    scores(y, "GL.SC", "30");
    for (int i = 1; i <= 10; i++) {
        snprintf(code, sizeof code, "GL.S%02d", i);
        scores(y, code, "30");
    }
    assert_int_equal(build(y, "{xh.so#1:tied} ({xh.so#1:ties})\n\n{xh.so#1-last:names}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0),
                        "Sở 01, Sở 02, Sở 03, Sở 04, Sở 05, Sở 06, Sở 07, Sở 08, Sở 09, "
                        "Sở 10 và 3 đơn vị khác (13)");
    /* a range is named in full */
    assert_non_null(strstr(text_of(y, EG_BLOCK_PARA, 1), "Sở 10, Sở An, Sở Bình và Sở Cường"));
    assert_null(strstr(text_of(y, EG_BLOCK_PARA, 1), "khác"));
}

/* The paragraph of layouts/report.txt that names the first places of the
 * departments' ranking and the last. */
static const char *real_ranking_sentence(void)
{
    static char buf[4096];
    char line[2048];
    size_t used = 0;
    int in = 0;
    FILE *f = fopen(real_report, "r");

    assert_non_null(f);
    buf[0] = '\0';
    while (fgets(line, sizeof line, f)) {
        size_t k = strlen(line);

        if (strncmp(line, "Kết quả mức độ chính quyền điện tử cấp sở:", 45) == 0)
            in = 1;
        if (in && line[0] == '\n')
            break;
        if (in) {
            assert_true(used + k < sizeof buf);
            memcpy(buf + used, line, k + 1);
            used += k;
        }
    }
    fclose(f);
    assert_true(in);
    return buf;
}

static void the_ranking_sentence_names_a_tie_for_first_together(void **state)
{
    year *y = *state;

    scores(y, "GL.SA", "30");
    scores(y, "GL.SB", "30");
    scores(y, "GL.SC", "30");
    assert_int_equal(build(y, real_ranking_sentence()), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0),
                        "Kết quả mức độ chính quyền điện tử cấp sở: Sở An, Sở Bình và Sở Cường "
                        "đồng xếp thứ nhất đạt 90,00 điểm.");
    assert_int_equal(count_code(&y->dl, "W_FIGURE_MISSING"), 0);
}

static void the_ranking_sentence_names_a_tie_for_second_once(void **state)
{
    year *y = *state;

    scores(y, "GL.SA", "30");      /* 90 */
    scores(y, "GL.SB", "35,5");    /* 95,5 */
    scores(y, "GL.SC", "30");      /* 90 */
    assert_int_equal(build(y, real_ranking_sentence()), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0),
                        "Kết quả mức độ chính quyền điện tử cấp sở: Sở Bình xếp thứ nhất đạt "
                        "95,50 điểm, đồng xếp thứ 2 là Sở An và Sở Cường đạt 90,00 điểm.");
}

static void a_list_of_names_is_never_cut(void **state)
{
    year *y = *state;
    char want[1024];
    static const char *const codes[] = { "GL.SA", "GL.SB", "GL.SC" };

    /* three names of 100 letters: a list longer than a placeholder's
     * 256 bytes, which used to end mid-name */
    for (int i = 0; i < 3; i++) {
        eg_unit *u = &y->ds.registry.items[SA + i];
        char name[101];

        memset(name, 'a' + i, 100);
        name[100] = '\0';
        free(u->name);
        u->name = eg_xstrdup(name);
        scores(y, codes[i], "30");
    }
    snprintf(want, sizeof want, "%s, %s và %s", y->ds.registry.items[SA].name,
             y->ds.registry.items[SB].name, y->ds.registry.items[SC].name);
    assert_int_equal(build(y, "{xh.so#1:tied}\n\n{xh.so#1-3:names}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), want);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 1), want);
}

static void unranked_units_are_said_why_beneath_the_table(void **state)
{
    year *y = *state;
    const eg_block *t;

    scores(y, "GL.SA", "30");
    put(y, "GL.SB", "diem.san_sang", "30");      /* one criterion of five */
    assert_int_equal(build(y, "[ranking xh.so]\n"), 0);
    t = block_of(y, EG_BLOCK_TABLE, 0);
    assert_int_equal(t->n_rows, 4);
    assert_string_equal(t->cells[3 * t->n_cols], "-");
    assert_string_equal(t->cells[3 * t->n_cols + t->n_cols - 1], "…");
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0),
                        "Chưa xếp hạng: Sở Cường (chưa có điểm); Sở Bình (thiếu điểm).");
}

static void a_share_above_the_whole_is_not_printed(void **state)
{
    year *y = *state;
    const eg_block *t = NULL;
    int shares = 0;

    /* a district's households online above its households (a slip of a
     * digit): 300% is no share, nor its change on the year before; the
     * late dossiers above the dossiers, nor their complement */
    put(y, "GL.HA", "ht.ho_may_tinh_internet", "3000");
    put(y, "GL.HA", "ht.ho_gia_dinh", "1000");
    put(y, "GL.HB", "ht.ho_may_tinh_internet", "3000");
    put(y, "GL.HB", "ht.ho_gia_dinh", "1000");
    put(y, "GL.SA", "gd.ho_so", "100");
    put(y, "GL.SA", "gd.ho_so_tre", "104");
    assert_int_equal(build(y, "{tl.ho_may_tinh_internet:pct1} ({tl.ho_may_tinh_internet.tang:chg1}"
                              "), {tl.ho_so_tre:rate2}, {tl.ho_so_dung_han:pct2}, "
                              "{tl.ho_so_tre:pair}, {tl.ho_so_dung_han:pair}"
                              "{if has tl.ho_so_tre} has{end}.\n\n"
                              "[figures Mức độ giao dịch]\n"), 0);
    /* the pair as reported, 104/100, prints; its complement's, -4/100,
     * does not; and the data has the share (wrong), so a clause under
     * {if has} stays, and says "…" with the warning */
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "… (…), …, …, 104/100, … has.");
    for (size_t i = 0; i < y->dl.n; i++)
        assert_string_equal(y->dl.items[i].code, "W_FIGURE_MISSING");
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(y->dl.items[i].row, 1);
    assert_non_null(strstr(y->dl.items[0].message, "tính ra 300,00%, ngoài khoảng 0–100%"));
    assert_non_null(strstr(y->dl.items[1].message, "được tính từ một tỷ lệ ngoài khoảng"));
    assert_non_null(strstr(y->dl.items[3].message, "tính ra -4,00%, ngoài khoảng 0–100%"));
    /* the table's "…" cells warn too, at its line, each with its reason
     * (the section's other figures, which no unit of this year reported,
     * as missing) */
    for (size_t i = 4; i < y->dl.n; i++) {
        const eg_diag *d = &y->dl.items[i];

        assert_int_equal(d->row, 3);
        if (strcmp(d->indicator, "tl.ho_so_tre") == 0)
            assert_non_null(strstr(d->message, "tính ra 104,00%, ngoài khoảng 0–100%"));
        else if (strcmp(d->indicator, "tl.ho_so_dung_han") == 0)
            assert_non_null(strstr(d->message, "tính ra -4,00%, ngoài khoảng 0–100%"));
        else
            assert_non_null(strstr(d->message, "mà số liệu không cung cấp"));
        shares += strncmp(d->indicator, "tl.ho_so_", 9) == 0;
    }
    assert_int_equal(shares, 2);
    shares = 0;
    for (size_t i = 0; i < y->doc.n_blocks; i++)
        if (y->doc.blocks[i].kind == EG_BLOCK_TABLE)
            t = &y->doc.blocks[i];
    assert_non_null(t);
    for (size_t r = 1; r < t->n_rows; r++)
        if (strncmp(t->cells[r * t->n_cols], "Tỷ lệ hồ sơ", strlen("Tỷ lệ hồ sơ")) == 0) {
            assert_string_equal(t->cells[r * t->n_cols + 1], "…");
            /* trễ hạn: 104/100, as reported; đúng hạn: no -4/100 */
            assert_string_equal(t->cells[r * t->n_cols + 2], shares ? "" : "104/100");
            shares++;
        }
    assert_int_equal(shares, 2);
}

static void a_guarded_place_past_the_ranked_units_says_nothing(void **state)
{
    year *y = *state;

    scores(y, "GL.SA", "30");
    assert_int_equal(build(y, "{xh.so#1:name}{if xh.so:count >= 2}, {xh.so#2:name}{end}.\n\n"
                              "{xh.so#3:name}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "Sở An.");
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 1), "…");
    assert_int_equal(count_code(&y->dl, "W_FIGURE_MISSING"), 1);
    assert_int_equal(y->dl.items[0].row, 3);
}

/* "has" asks of a place of a ranking as of a figure: without a warning
 * when the ranking has no unit there. */
static void has_a_place_past_the_ranked_units_warns_of_nothing(void **state)
{
    year *y = *state;

    scores(y, "GL.SA", "30");
    assert_int_equal(build(y, "{xh.so#1:name}{if has xh.so#2:name}, {xh.so#2:name}{end}"
                              "{if not has xh.so#2-last:names} một mình{end}.\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "Sở An một mình.");
    assert_int_equal(count_code(&y->dl, "W_FIGURE_MISSING"), 0);
}

/* ---- mistakes in the layout: F_LAYOUT at their line ---------------------- */

static void unknown_figure_in_a_branch_not_taken_is_still_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "Một.\n\n{if 1 = 2}\n{tong.ho_soo:int}\n{end}\n"), -1);
    assert_fatal_at(y, 4, "unknown figure 'tong.ho_soo'");
}

static void bad_format_is_a_mistake_on_its_line_of_the_paragraph(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "Dòng một\ndòng hai\nvà {tong.ho_so:pct7}.\n"), -1);
    assert_fatal_at(y, 3, "unknown format 'pct7'");
}

static void if_without_end_is_reported_at_the_if(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "\nA {if 1 = 1}b\nc.\n"), -1);
    assert_fatal_at(y, 2, "{if} without {end}");
}

static void else_and_end_without_if(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "A {end}\n"), -1);
    assert_fatal_at(y, 1, "{end} without {if}");
}

static void a_pair_is_not_a_number_in_a_condition(void **state)
{
    year *y = *state;

    put(y, "GL.SA", "tt.qlvb", "có");
    assert_int_equal(build(y, "{if dem.qlvb.so:pair = 1}a{end}\n"), -1);
    assert_fatal_at(y, 1, "not a number");
}

static void a_condition_needs_an_operator(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "x\n{if tong.ho_so 5}a{end}\n"), -1);
    assert_fatal_at(y, 2, "expected OPERAND OP OPERAND");
}

static void unknown_block_and_second_contents(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "[contents]\n[contents]\n[chart-rate huyen ht.bdvhx]\n"), -1);
    assert_int_equal(y->dl.n_fatal, 2);
    assert_int_equal(y->dl.items[0].row, 2);
    assert_int_equal(y->dl.items[1].row, 3);
}

static void rate_chart_checks_level_and_indicators(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "[chart-rate xa tt.vb_di_dien_tu ht.bdvhx Tỷ lệ]\n"), -1);
    assert_fatal_at(y, 1, "not reported at level 'xa'");
}

/* ---- blocks --------------------------------------------------------------- */

static void rate_chart_ranks_units_and_draws_the_overall_rate(void **state)
{
    year *y = *state;
    const eg_block *b;

    put(y, "GL.HA", "ht.bdvhx", "10");
    put(y, "GL.HA", "ht.bdvhx_internet", "5");
    put(y, "GL.HB", "ht.bdvhx", "30");
    put(y, "GL.HB", "ht.bdvhx_internet", "27");
    assert_int_equal(build(y, "[chart-rate huyen ht.bdvhx_internet ht.bdvhx Tỷ lệ năm {year}]\n"), 0);
    b = block_of(y, EG_BLOCK_BARCHART, 0);
    assert_string_equal(b->text, "Tỷ lệ năm 2020");
    assert_int_equal(b->n_bars, 2);
    assert_string_equal(b->labels[0], "Huyện B");
    assert_true(fabs(b->values[0] - 90) < 1e-9 && fabs(b->values[1] - 50) < 1e-9);
    assert_true(b->has_ref && fabs(b->ref_value - 80) < 1e-9);
    assert_string_equal(b->ref_label, "Chung: 80,0%");
    assert_string_equal(b->value_suffix, "%");
}

/* Departments S01 to S<valued> with both parts of a rate of i %, the
 * others with none; their rate chart built. */
static const eg_block *department_rate_chart(year *y, int valued)
{
    for (int i = 1; i <= valued; i++) {
        char code[16], part[16];

        snprintf(code, sizeof code, "GL.S%02d", i);
        snprintf(part, sizeof part, "%d", i);
        put(y, code, "ht.cbcc", "100");
        put(y, code, "ht.cbcc_may_tinh", part);
    }
    assert_int_equal(build(y, "[chart-rate so ht.cbcc_may_tinh ht.cbcc Tỷ lệ]\n"), 0);
    return block_of(y, EG_BLOCK_BARCHART, 0);
}

/* 38 departments, 31 with a rate: the 15 highest, a line for the 8 left
 * out (the 16th highest and the 7 lacking a part), the 15 lowest. */
static void a_long_rate_chart_keeps_its_fifteen_highest_and_lowest(void **state)
{
    const eg_block *b = department_rate_chart(*state, 31);

    assert_int_equal(b->n_bars, 31);
    assert_int_equal(b->gap_row, 16);
    assert_string_equal(b->labels[0], "Sở 31");
    assert_string_equal(b->labels[14], "Sở 17");
    assert_string_equal(b->labels[15], "… và 8 đơn vị khác");
    assert_true(isnan(b->values[15]));
    assert_string_equal(b->labels[16], "Sở 15");
    assert_true(fabs(b->values[16] - 15) < 1e-9);
    assert_string_equal(b->labels[30], "Sở 01");
    assert_true(fabs(b->values[30] - 1) < 1e-9);
}

/* 38 departments, 20 with a rate: those 20, then a line for the 18
 * lacking a part (no bars of nothing). */
static void a_long_rate_chart_of_few_rates_says_how_many_lack_one(void **state)
{
    const eg_block *b = department_rate_chart(*state, 20);

    assert_int_equal(b->n_bars, 21);
    assert_int_equal(b->gap_row, 21);
    assert_string_equal(b->labels[0], "Sở 20");
    assert_string_equal(b->labels[19], "Sở 01");
    assert_string_equal(b->labels[20], "… và 18 đơn vị chưa đủ số liệu");
    assert_true(isnan(b->values[20]));
}

/* 38 departments, 30 with a rate: all 30 fit the chart's 15 and 15, so
 * none of them is left out; the line is for the 8 lacking a part. */
static void a_long_rate_chart_of_thirty_rates_shows_them_all(void **state)
{
    const eg_block *b = department_rate_chart(*state, 30);

    assert_int_equal(b->n_bars, 31);
    assert_int_equal(b->gap_row, 31);
    assert_string_equal(b->labels[0], "Sở 30");
    assert_string_equal(b->labels[15], "Sở 15");
    assert_string_equal(b->labels[29], "Sở 01");
    assert_string_equal(b->labels[30], "… và 8 đơn vị chưa đủ số liệu");
}

/* 31 departments, 28 with a rate: all 31 shown, no line left out. */
static void a_rate_chart_of_thirty_one_units_is_whole(void **state)
{
    const eg_block *b = department_rate_chart(*state, 28);

    assert_int_equal(b->n_bars, 31);
    assert_int_equal(b->gap_row, 0);
    assert_string_equal(b->labels[0], "Sở 28");
    for (size_t i = 0; i < 31; i++)
        assert_null(strstr(b->labels[i], "…"));
}

static void a_rate_chart_leaves_out_a_part_above_its_whole(void **state)
{
    year *y = *state;
    const eg_block *b;

    put(y, "GL.HA", "ht.bdvhx", "10");
    put(y, "GL.HA", "ht.bdvhx_internet", "30");     /* 300%: no share */
    put(y, "GL.HB", "ht.bdvhx", "30");
    put(y, "GL.HB", "ht.bdvhx_internet", "15");
    assert_int_equal(build(y, "[chart-rate huyen ht.bdvhx_internet ht.bdvhx Tỷ lệ]\n"), 0);
    b = block_of(y, EG_BLOCK_BARCHART, 0);
    assert_int_equal(b->n_bars, 2);
    assert_string_equal(b->labels[0], "Huyện B");
    assert_true(fabs(b->values[0] - 50) < 1e-9);
    assert_string_equal(b->labels[1], "Huyện A");
    assert_true(isnan(b->values[1]));
    /* the overall, 45/40, is no share either: no line drawn at 112,5% */
    assert_false(b->has_ref);
}

static void problems_are_grouped_by_unit_in_registry_order(void **state)
{
    year *y = *state;
    const eg_block *t;

    put(y, "GL.HB", "gd.ho_so", "abc");
    put(y, "GL.SA", "gd.ho_so", "-3");
    put(y, "GL.SA", "gd.ho_so_tre", "x");
    put(y, "GL.ZZ", "gd.ho_so", "1");
    assert_int_equal(build(y, "[problems]\n"), 0);
    /* Sở An first (registry order), then Huyện B, then the unknown unit */
    assert_int_equal(count_kind(y, EG_BLOCK_HEADING), 3);
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 0), "Sở An (GL.SA): 2 vấn đề");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 1), "Huyện B (GL.HB): 1 vấn đề");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 2), "Không gắn với đơn vị nào trong danh sách");
    t = block_of(y, EG_BLOCK_TABLE, 0);
    assert_int_equal(t->n_rows, 3);
    assert_string_equal(t->cells[t->n_cols + 0], "bao-cao.csv");
    assert_string_equal(t->cells[t->n_cols + 3], "gd.ho_so");
    assert_string_equal(t->cells[t->n_cols + 4], "Lỗi");
    t = block_of(y, EG_BLOCK_TABLE, 2);
    assert_int_equal(t->n_cols, 7);                  /* with the unit's code */
    assert_string_equal(t->cells[t->n_cols], "GL.ZZ");
    /* W_NOT_SUBMITTED is the coverage table's business */
    assert_true(count_code(&y->accept_dl, "W_NOT_SUBMITTED") > 0);
    assert_null(strstr(text_of(y, EG_BLOCK_PARA, 0), "W_NOT"));
}

/* Every unit of the year sends a value, with no problem. */
static void every_unit_sends(year *y)
{
    put(y, "GL", "gd.dvc_muc_3", "5");
    for (const char *const *u = (const char *const[]){ "GL.SA", "GL.SB", "GL.SC", "GL.HA",
                                                        "GL.HB", "GL.HA.1", "GL.HA.2", "GL.HB.1",
                                                        NULL }; *u; u++)
        put(y, *u, "tt.qlvb", "có");
}

static void a_figure_the_report_lacks_is_not_a_units_problem(void **state)
{
    year *y = *state;

    every_unit_sends(y);
    eg_diag_add(&y->accept_dl, EG_WARNING, "W_FIGURE_MISSING", "layouts/report.txt", 12, 0,
                NULL, "tl.thpt_tin_hoc", "báo cáo cần tl.thpt_tin_hoc mà số liệu không cung cấp");
    assert_int_equal(build(y, "[problems]\n"), 0);
    assert_int_equal(count_kind(y, EG_BLOCK_HEADING), 0);
    assert_int_equal(count_kind(y, EG_BLOCK_TABLE), 0);
    assert_non_null(strstr(text_of(y, EG_BLOCK_PARA, 0), "Không phát hiện lỗi"));
    /* but the reader of its "…" is told what it stands for */
    assert_non_null(strstr(text_of(y, EG_BLOCK_PARA, 0),
                           " Trong báo cáo có 1 chỗ in “…” thay cho giá trị chưa tính được"));
}

static void no_problem_is_said_in_a_sentence(void **state)
{
    year *y = *state;

    every_unit_sends(y);
    assert_int_equal(build(y, "[problems]\n[coverage]\n"), 0);
    assert_int_equal(count_kind(y, EG_BLOCK_HEADING), 0);
    assert_non_null(strstr(text_of(y, EG_BLOCK_PARA, 0), "Không phát hiện lỗi"));
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 1),
                        "Tất cả các đơn vị trong danh sách đã gửi số liệu.");
}

static void coverage_names_the_units_that_sent_nothing(void **state)
{
    year *y = *state;
    const eg_block *t;

    put(y, "GL", "gd.dvc_muc_3", "5");
    put(y, "GL.SA", "tt.qlvb", "có");
    put(y, "GL.HA", "tt.qlvb", "có");
    put(y, "GL.HA.1", "tt.qlvb", "có");
    assert_int_equal(build(y, "[coverage]\n"), 0);
    t = block_of(y, EG_BLOCK_TABLE, 0);
    assert_int_equal(t->n_rows, 6);                   /* header, 4 levels, total */
    assert_string_equal(t->cells[2 * t->n_cols + 1], "3");    /* Sở: 3 expected */
    assert_string_equal(t->cells[2 * t->n_cols + 2], "1");    /* 1 sent */
    assert_string_equal(t->cells[5 * t->n_cols], "Tổng cộng");
    assert_string_equal(text_of(y, EG_BLOCK_BULLET, 0),
                        "Sở, ban, ngành (2/3 đơn vị chưa nộp): Sở Bình và Sở Cường.");
}

static void units_counts_who_had_to_send_and_who_did(void **state)
{
    year *y = *state;

    put(y, "GL", "gd.dvc_muc_3", "5");
    put(y, "GL.SA", "tt.qlvb", "có");
    put(y, "GL.HA", "tt.qlvb", "có");
    put(y, "GL.HA.1", "tt.qlvb", "có");
    assert_int_equal(build(y, "{units:sent}/{units:expected}, {units:missing} "
                              "{units:missing:so} {units:sent:xa}/{units:expected:xa} "
                              "{units:late}{if units:missing:tinh > 0} tinh{end}"
                              "{if units:missing > 4} thiếu{end}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "4/9, 5 2 1/3 0 thiếu");
}

/* Units late: the file came after the deadline; counted per level and
 * over levels joined by '+'. */
static void units_late_are_counted_per_level_and_summed(void **state)
{
    year *y = *state;

    add_fact(&y->ds.facts, &y->ds.n_facts, "deadline", "2021-01-05");
    y->ds.files[0].mtime = 1610236800;      /* 2021-01-10, after the deadline */
    put(y, "GL.SA", "tt.qlvb", "có");
    put(y, "GL.HA", "tt.qlvb", "có");
    put(y, "GL.HB", "tt.qlvb", "có");
    assert_int_equal(build(y, "{units:late} {units:late:so} {units:late:huyen} "
                              "{units:late:so+huyen} {units:late:xa}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "3 1 2 3 0");
}

static void units_with_an_unknown_count_or_level_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "Một.\n{units:received}\n"), -1);
    assert_fatal_at(y, 2, "unknown count 'received' of units");
}

static void units_with_an_unknown_level_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if units:missing:phuong > 0}x{end}\n"), -1);
    assert_fatal_at(y, 1, "unknown level 'phuong'");
}

static void units_of_several_levels_joined_by_plus_are_summed(void **state)
{
    year *y = *state;

    put(y, "GL", "gd.dvc_muc_3", "5");
    put(y, "GL.SA", "tt.qlvb", "có");
    put(y, "GL.HA", "tt.qlvb", "có");
    put(y, "GL.HA.1", "tt.qlvb", "có");
    assert_int_equal(build(y, "{units:expected:so+huyen+xa} {units:sent:so+huyen} "
                              "{units:missing:xa+so}{if units:missing:so+huyen+xa = 5} năm{end}"
                              "{if units:expected:tinh+so = 4} bốn{end}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "8 2 4 năm bốn");
}

static void units_of_an_unknown_level_in_a_sum_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if units:missing:so+phuong > 0}x{end}\n"), -1);
    assert_fatal_at(y, 1, "unknown level 'phuong'");
}

static void units_of_a_level_named_twice_in_a_sum_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "Một.\n{units:sent:so+huyen+so}\n"), -1);
    assert_fatal_at(y, 2, "level 'so' named twice");
}

static void units_of_a_sum_with_an_empty_level_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{units:sent:so+}\n"), -1);
    assert_fatal_at(y, 1, "unknown level ''");
}

/* The year again after a build, for the next layout of a test (its
 * values kept); nothing when it was not built. */
static void year_again(year *y)
{
    if (!y->built)
        return;
    eg_doc_free(&y->doc);
    eg_diag_free(&y->dl);
    eg_results_free(&y->res);
    y->built = 0;
    free(y->ds.cell);       /* made again by the acceptor */
    eg_acceptor_init(&y->acc, &y->ds, &layouts, &y->accept_dl);
}

static void a_format_that_misreads_its_figure_is_a_mistake(void **state)
{
    static const struct { const char *layout, *words; } bad[] = {
        { "{tong.ho_so:pct1}\n", "pct, pctfloor and rate print a share" },
        { "{tl.ho_so_tre:int}\n", "int prints a whole number" },
        { "{tong.ho_so:chg1}\n", "sign and chg print a change" },
        { "{tong.ho_so:pair}\n", "pair, num and den print the two counts" },
        { "{tl.ho_so_tre:pts1}\n", "pts prints a change in percentage points" },
    };
    year *y = *state;

    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        year_again(y);
        assert_int_equal(build(y, bad[i].layout), -1);
        assert_fatal_at(y, 1, bad[i].words);
    }
}

static void formats_that_fit_their_figures_are_taken(void **state)
{
    year *y = *state;

    put(y, "GL.SA", "gd.ho_so", "200");
    put(y, "GL.SA", "gd.ho_so_tre", "3");
    assert_int_equal(build(y, "{tl.ho_so_tre:pair} {tl.ho_so_dung_han:pair} "
                              "{tl.ho_so_dung_han:rate1} {tong.ho_so:dec1}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "3/200 197/200 98,5% 200,0");
}

static void a_number_with_a_thousands_mark_in_a_condition_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if tong.ho_so > 5.000}lớn{end}\n"), -1);
    assert_fatal_at(y, 1, "thousands mark");
}

static void a_decimal_in_a_condition_is_still_read(void **state)
{
    year *y = *state;

    put(y, "GL.SA", "gd.ho_so", "200");
    put(y, "GL.SA", "gd.ho_so_tre", "3");
    assert_int_equal(build(y, "{if tl.ho_so_tre < 0.015}a{end}{if tl.ho_so_tre < 0.125}b{end}"
                              "{if tong.ho_so > 199.5}c{end}{if tong.ho_so < 200,25}d{end}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "bcd");
}

static void a_layout_not_in_utf8_is_said_once(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "Một.\n\nC\xF3 l\xE0 Windows-1258.\n\nV\xE0 n\xE0y.\n"), -1);
    assert_fatal_at(y, 3, "save report.txt as UTF-8");
}

static void a_number_too_long_in_a_condition_is_said_so(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if tong.ho_so > 9999999999999999999999999999999999999999999999"
                              "99999999999999999999999}x{end}\n"), -1);
    assert_fatal_at(y, 1, "a number too long");
}

static void a_chart_title_too_long_for_a_page_is_a_mistake(void **state)
{
    year *y = *state;
    char layout[4096] = "[chart-rate huyen ht.bdvhx_internet ht.bdvhx ";

    for (int i = 0; i < 30; i++)
        strcat(layout, "Tỷ lệ rất dài ");
    strcat(layout, "]\n");
    assert_int_equal(build(y, layout), -1);
    assert_fatal_at(y, 1, "the chart's title is 419 characters long: at most 250");
}

static void appendix_numbers_its_headings_afresh(void **state)
{
    year *y = *state;
    const eg_block *a;

    assert_int_equal(build(y, "@appendix_note (Kèm theo Báo cáo số {fact:number})\n"
                              "= Một\n== Hai\n[signature]\n[appendix Chất lượng số liệu]\n"
                              "= Nộp\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 0), "1. Một");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 1), "1.1. Hai");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 2), "1. Nộp");
    a = block_of(y, EG_BLOCK_APPENDIX, 0);
    assert_string_equal(a->label, "PHỤ LỤC");
    assert_string_equal(a->entry, "Phụ lục: Chất lượng số liệu");
    assert_string_equal(a->note, "(Kèm theo Báo cáo số 18/BC-UBND)");
    assert_int_equal(count_kind(y, EG_BLOCK_SIGNATURE), 1);
}

static void headings_are_numbered_in_the_style_the_layout_asks(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "@heading_numbers roman\n= A\n== B\n=== C\n=== D\n== E\n= F\n"
                              "== G\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 0), "I. A");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 1), "1. B");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 2), "a) C");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 3), "b) D");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 4), "2. E");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 5), "II. F");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 6), "1. G");
}

/* Roman numbers run to XV and letters to z); past them, plain numbers. */
static void roman_headings_past_xv_and_letters_past_z_are_numbers(void **state)
{
    year *y = *state;
    char *text = eg_xstrdup("@heading_numbers roman\n");

    for (int i = 1; i <= 16; i++) {
        char *more = eg_xasprintf("%s= H%d\n", text, i);

        free(text);
        text = more;
    }
    {
        char *more = eg_xasprintf("%s== S\n", text);

        free(text);
        text = more;
    }
    for (int i = 1; i <= 27; i++) {
        char *more = eg_xasprintf("%s=== L%d\n", text, i);

        free(text);
        text = more;
    }
    assert_int_equal(build(y, text), 0);
    free(text);
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 0), "I. H1");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 3), "IV. H4");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 8), "IX. H9");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 13), "XIV. H14");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 14), "XV. H15");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 15), "16. H16");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 16), "1. S");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 17), "a) L1");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 42), "z) L26");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 43), "27. L27");
}

static void headings_may_carry_the_published_marks(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "@heading_numbers marks\n= Kết quả\n== Hạ tầng\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 0), "- Kết quả");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 1), "+ Hạ tầng");
}

static void an_unknown_heading_style_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "= A\n@heading_numbers greek\n"), -1);
    assert_fatal_at(y, 2, "decimal, roman or marks");
}

/* A second @title would silently undo the first (an empty one erased the
 * title); @recipients may be given on several lines. */
static void a_directive_given_twice_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "@recipients A\n@recipients B\n@title BÁO CÁO\n\nMột.\n@title\n"),
                     -1);
    assert_fatal_at(y, 6, "@title is given twice (first on line 3)");
    assert_int_equal(y->dl.n, 1);
}

/* "Nơi nhận" over several @recipients lines: each line but the last ends
 * with ';', the last with '.', as if given on one; a line that ends with
 * its own stop keeps it. */
static void recipients_over_several_lines_end_with_a_semicolon_but_the_last(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "@recipients Như trên; ; Bộ TT&TT\n@recipients Lưu: VT!\n"
                              "@recipients UBND tỉnh\n\nMột.\n"), 0);
    assert_int_equal(y->doc.n_recipients, 4);
    assert_string_equal(y->doc.recipients[0], "Như trên;");
    assert_string_equal(y->doc.recipients[1], "Bộ TT&TT;");
    assert_string_equal(y->doc.recipients[2], "Lưu: VT!");
    assert_string_equal(y->doc.recipients[3], "UBND tỉnh.");
}

/* "- " marks a point, "+ " a point within it; a point a condition
 * empties is left out. */
static void bullets_of_two_levels(void **state)
{
    year *y = *state;
    const eg_block *a, *b;

    assert_int_equal(build(y, "- Một {year}\n- {if 1 = 2}Không{end}\n+ Hai\n"), 0);
    assert_int_equal(count_kind(y, EG_BLOCK_BULLET), 2);     /* none emptied */
    a = block_of(y, EG_BLOCK_BULLET, 0);
    b = block_of(y, EG_BLOCK_BULLET, 1);
    assert_string_equal(a->text, "Một 2020");
    assert_int_equal(a->level, 1);
    assert_string_equal(b->text, "Hai");
    assert_int_equal(b->level, 2);
}

/* Tabs stand for spaces after a heading's marks and a bullet's dash, and
 * "decimal" is the default numbering named. */
static void a_tab_after_a_headings_marks_or_a_bullets_dash_is_a_space(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "@heading_numbers decimal\n=\tMột\n==\tHai\n-\tGạch\n+\tCộng\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 0), "1. Một");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 1), "1.1. Hai");
    assert_string_equal(text_of(y, EG_BLOCK_BULLET, 0), "Gạch");
    assert_string_equal(text_of(y, EG_BLOCK_BULLET, 1), "Cộng");
    assert_int_equal(y->dl.n, 0);
}

static void a_heading_of_four_marks_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "= Một\n==== Bốn\n"), -1);
    assert_fatal_at(y, 2, "a heading is '=', '==' or '===' and a space");
}

/* A heading goes into the contents and the PDF's outline; one that a
 * condition empties is left out and takes no number. */
static void a_heading_is_listed_and_one_a_condition_empties_is_left_out(void **state)
{
    year *y = *state;
    const eg_block *h;

    assert_int_equal(build(y, "= {if has gd.dvc_muc_3}Không có{end}\n= Có\n"), 0);
    assert_int_equal(count_kind(y, EG_BLOCK_HEADING), 1);
    h = block_of(y, EG_BLOCK_HEADING, 0);
    assert_string_equal(h->text, "1. Có");
    assert_int_equal(h->in_contents, 1);
    assert_int_equal(h->bookmark, 1);
}

/* A line that starts a block ends the paragraph before it: the blocks
 * stay in the order of the lines. */
static void a_block_line_ends_the_paragraph_before_it(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "Đoạn một\nvẫn đoạn một\n- Gạch\nĐoạn hai\n= Mục\n"), 0);
    assert_int_equal(y->doc.n_blocks, 4);
    assert_int_equal(y->doc.blocks[0].kind, EG_BLOCK_PARA);
    assert_string_equal(y->doc.blocks[0].text, "Đoạn một vẫn đoạn một");
    assert_int_equal(y->doc.blocks[1].kind, EG_BLOCK_BULLET);
    assert_int_equal(y->doc.blocks[2].kind, EG_BLOCK_PARA);
    assert_string_equal(y->doc.blocks[2].text, "Đoạn hai");
    assert_int_equal(y->doc.blocks[3].kind, EG_BLOCK_HEADING);
}

/* [contents] takes its title from its argument, "MỤC LỤC" without one
 * (spaces alone are none); [coverage] takes no argument. */
static void contents_takes_its_title_and_coverage_no_argument(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "[contents Mục lục báo cáo]\n= Một\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_CONTENTS, 0), "Mục lục báo cáo");
    year_again(y);
    assert_int_equal(build(y, "[contents   ]\n= Một\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_CONTENTS, 0), "MỤC LỤC");
    year_again(y);
    assert_int_equal(build(y, "= Một\n[coverage tỉnh]\n"), -1);
    assert_fatal_at(y, 2, "unknown block '[coverage]' or wrong arguments");
}

static void a_second_signature_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "= Một\n[signature]\n\n[signature]\n"), -1);
    assert_fatal_at(y, 4, "a second [signature]");
}

static void a_block_line_without_its_bracket_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "= Một\n[contents\n"), -1);
    assert_fatal_at(y, 2, "a block line ends with ']'");
}

/* @heading_numbers and @appendix_note are two directives, each once; an
 * empty note adds none; "\n" in a value is a new line; without @title
 * the report is a BÁO CÁO, and its metadata's title is the title. */
static void directives_of_the_first_page_and_the_appendix(void **state)
{
    year *y = *state;
    const eg_block *a;

    assert_int_equal(build(y, "@heading_numbers roman\n@appendix_note\n"
                              "@signer_title KT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH\n"
                              "= Một\n[appendix Số liệu]\n"), 0);
    assert_int_equal(y->dl.n, 0);
    assert_string_equal(y->doc.signer_title, "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH");
    assert_string_equal(y->doc.title, "BÁO CÁO");
    assert_string_equal(y->doc.meta_title, "BÁO CÁO");
    a = block_of(y, EG_BLOCK_APPENDIX, 0);
    assert_null(a->note);
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 0), "I. Một");
}

/* Several appendices are numbered I, II, … in their labels and in the
 * contents; their note goes with each. */
static void several_appendices_are_numbered_in_roman(void **state)
{
    year *y = *state;
    const eg_block *a, *b;

    assert_int_equal(build(y, "@appendix_note (Kèm theo)\n= Một\n[appendix Số liệu]\n"
                              "[appendix Chất lượng]\n"), 0);
    a = block_of(y, EG_BLOCK_APPENDIX, 0);
    b = block_of(y, EG_BLOCK_APPENDIX, 1);
    assert_string_equal(a->label, "PHỤ LỤC I");
    assert_string_equal(a->entry, "Phụ lục I: Số liệu");
    assert_string_equal(b->label, "PHỤ LỤC II");
    assert_string_equal(b->entry, "Phụ lục II: Chất lượng");
    assert_string_equal(b->note, "(Kèm theo)");
}

/* A layout of comments and directives alone would publish a report of
 * its first page's form: a mistake, said once, of the file. */
static void a_layout_without_a_heading_paragraph_or_block_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "# nothing yet\n@title BÁO CÁO\n\n"), -1);
    assert_fatal_at(y, 0, "the report layout has no heading, paragraph or block");
}

/* A line of "Nơi nhận" of a no-break space alone (as a word processor
 * types between two semicolons) is no line. */
static void a_recipient_of_a_no_break_space_alone_is_no_line(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "@recipients Như trên;\xc2\xa0" "; Lưu: VT\n\nMột.\n"), 0);
    assert_int_equal(y->doc.n_recipients, 2);
    assert_string_equal(y->doc.recipients[0], "Như trên;");
    assert_string_equal(y->doc.recipients[1], "Lưu: VT.");
}

static void a_fact_without_its_key_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "Một.\n{fact:}\n"), -1);
    assert_fatal_at(y, 2, "{fact:} needs what to print after ':'");
}

/* A share is a fraction: "dem.x >= 50" never held and said nothing. */
static void a_share_compared_with_a_number_above_one_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "A\n{if 1 = 1}b{elif dem.qlvb.so >= 50}c{end}.\n"), -1);
    assert_fatal_at(y, 2, "'dem.qlvb.so' is a share, a fraction from 0 to 1, and 50 more than a "
                          "whole: write the number with '%' (80%, not 80)");
}

static void a_points_figure_compared_with_a_number_above_one_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if 100 = tl.ho_may_tinh_internet.tang:pts1}b{end}.\n"), -1);
    assert_fatal_at(y, 1, "'tl.ho_may_tinh_internet.tang:pts1' is a share");
}

static void a_share_compared_with_a_fraction_or_a_count_with_a_number_is_no_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "A\n{if tong.ho_so > 50 or dem.qlvb.so >= 0.5 or "
                              "dem.qlvb.so:pct0 = 100% or dem.qlvb.so:num > 2}b{end}.\n"), 0);
}

/* ---- found by changing the engine on purpose: each test below fails when
 * one comparison, rounding or branch of it is changed --------------------- */

/* None of a share prints 0% without decimals, as all of it prints 100%; a
 * share above none never prints 0,0%. */
static void rate_is_0_only_when_none_and_never_rounds_down_to_it(void **state)
{
    year *y = *state;

    put(y, "GL.HA", "ht.bdvhx", "100000");
    put(y, "GL.HA", "ht.bdvhx_internet", "1");          /* 0,001% */
    put(y, "GL.HA", "ht.ho_gia_dinh", "500");
    put(y, "GL.HA", "ht.ho_may_tinh_internet", "0");    /* none */
    assert_int_equal(build(y, "a {tl.bdvhx_internet:rate1}, b {tl.bdvhx_internet:pct1}, "
                              "c {tl.ho_may_tinh_internet:rate1}, d {tl.bdvhx_internet:rate2}\n"),
                     0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "a 0,1%, b 0,0%, c 0%, d 0,01%");
}

/* pctfloor cuts the decimals: 96,6% is 96%, and 29/100 (28,999…% in
 * binary) is 29%. */
static void pctfloor_cuts_and_is_exact_on_whole_percents(void **state)
{
    year *y = *state;

    put(y, "GL.HA", "ht.bdvhx", "1000");
    put(y, "GL.HA", "ht.bdvhx_internet", "966");
    put(y, "GL.HA", "ht.ho_gia_dinh", "100");
    put(y, "GL.HA", "ht.ho_may_tinh_internet", "29");
    assert_int_equal(build(y, "{tl.bdvhx_internet:pctfloor} {tl.ho_may_tinh_internet:pctfloor}"
                              "{if tl.ho_may_tinh_internet:pctfloor = 29%} đúng{end}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "96% 29% đúng");
}

/* A change of none: 0,0 without a sign, "không đổi" in words. */
static void a_change_of_none_has_no_sign(void **state)
{
    year *y = *state;

    put(y, "GL.HA", "ht.ho_gia_dinh", "1000");
    put(y, "GL.HA", "ht.ho_may_tinh_internet", "457");  /* 45,7%, as last year */
    put(y, "GL.HB", "ht.ho_gia_dinh", "1000");
    put(y, "GL.HB", "ht.ho_may_tinh_internet", "457");
    assert_int_equal(build(y, "{tl.ho_may_tinh_internet.tang:pts1}; "
                              "{tl.ho_may_tinh_internet.tang:sign1}; "
                              "{tl.ho_may_tinh_internet.tang:chg1}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "0,0; 0,0; không đổi");
}

/* Without a format a figure prints in its own: a share with two decimals,
 * a change in points with one; a count or a sum of money as a whole
 * number, rounded half away from zero. */
static void a_figure_without_a_format_prints_in_its_own(void **state)
{
    year *y = *state;

    put(y, "GL.HA", "ht.bdvhx", "1000");
    put(y, "GL.HA", "ht.bdvhx_internet", "962");
    put(y, "GL.HA", "ht.ho_gia_dinh", "1000");
    put(y, "GL.HA", "ht.ho_may_tinh_internet", "574");
    put(y, "GL.HB", "ht.ho_gia_dinh", "1000");
    put(y, "GL.HB", "ht.ho_may_tinh_internet", "574");
    put(y, "GL.SA", "gd.ho_so", "1234567");
    assert_int_equal(build(y, "{tl.bdvhx_internet}; {tl.ho_may_tinh_internet.tang}; "
                              "{tong.ho_so}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "96,20%; 11,7; 1.234.567");
}

/* A condition on a figure without a format compares its value, not the
 * value printed: 99,996% is under 100% though it prints 100,00%. */
static void a_condition_on_a_bare_figure_compares_it_unrounded(void **state)
{
    year *y = *state;

    put(y, "GL.HA", "ht.bdvhx", "100000");
    put(y, "GL.HA", "ht.bdvhx_internet", "99996");
    assert_int_equal(build(y, "{if tl.bdvhx_internet < 100%}chưa đủ{else}đủ{end} "
                              "{tl.bdvhx_internet}; {if tl.bdvhx_internet:dec1 = 1}một{end}\n"),
                     0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "chưa đủ 100,00%; một");
}

static void a_change_in_points_compared_with_a_number_above_one_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if tl.ho_may_tinh_internet.tang > 5}b{end}.\n"), -1);
    assert_fatal_at(y, 1, "'tl.ho_may_tinh_internet.tang' is a share");
}

static void int_of_a_change_in_points_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "Một.\n{tl.ho_may_tinh_internet.tang:int}\n"), -1);
    assert_fatal_at(y, 2, "int prints a whole number");
}

static void a_format_with_four_decimals_is_unknown(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{tl.bdvhx_internet:pct4}\n"), -1);
    assert_fatal_at(y, 1, "unknown format 'pct4'");
}

/* A change on the year and a negative number in a condition. */
static void a_condition_reads_a_negative_number(void **state)
{
    year *y = *state;

    put(y, "GL.HA", "ht.ho_gia_dinh", "1000");
    put(y, "GL.HA", "ht.ho_may_tinh_internet", "400");
    put(y, "GL.HB", "ht.ho_gia_dinh", "1000");
    put(y, "GL.HB", "ht.ho_may_tinh_internet", "400");
    assert_int_equal(build(y, "{if tl.ho_may_tinh_internet.tang < -5%}giảm mạnh{end}"
                              "{if tl.ho_may_tinh_internet.tang > -6%} hơn -6{end}"
                              "{if -1 < 0} âm{end}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "giảm mạnh hơn -6 âm");
}

/* The denominator of a pair in a condition. */
static void den_and_num_compare_their_own_count(void **state)
{
    year *y = *state;

    put(y, "GL.HA", "ht.bdvhx", "1000");
    put(y, "GL.HA", "ht.bdvhx_internet", "962");
    assert_int_equal(build(y, "{if tl.bdvhx_internet:den = 1000}a{end}"
                              "{if tl.bdvhx_internet:num = 962}b{end}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "ab");
}

/* ---- rankings, mutants ---- */

static void position_0_is_no_place(void **state)
{
    year *y = *state;

    scores(y, "GL.SA", "30");
    assert_int_equal(build(y, "{xh.so#0:name}\n"), -1);
    assert_fatal_at(y, 1, "bad position '0'");
}

/* Second in the table but tied for first: "thứ nhất" too. */
static void ordinal_says_nhat_of_a_unit_tied_for_first(void **state)
{
    year *y = *state;

    scores(y, "GL.SA", "30");
    scores(y, "GL.SB", "30");
    scores(y, "GL.SC", "25");
    assert_int_equal(build(y, "{xh.so#2:ordinal}, {xh.so#3:ordinal}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "nhất, 3");
}

static void a_range_backwards_names_no_one(void **state)
{
    year *y = *state;

    scores(y, "GL.SA", "30");
    scores(y, "GL.SB", "35");
    scores(y, "GL.SC", "25");
    assert_int_equal(build(y, "Từ 3 đến 2: {xh.so#3-2:names}.\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "Từ 3 đến 2: ….");
    assert_int_equal(count_code(&y->dl, "W_FIGURE_MISSING"), 1);
}

/* A total is compared as printed, with two decimals. */
static void a_total_is_compared_as_printed(void **state)
{
    year *y = *state;

    scores(y, "GL.SA", "30,004");
    assert_int_equal(build(y, "{xh.so#1:total}{if xh.so#1:total = 90} chín mươi{end}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "90,00 chín mươi");
}

/* ---- conditions, mutants ---- */

/* 1 − 42% is 58,000000000000007% in binary: still 58%, by = and not by <
 * or >. */
static void comparisons_take_a_rounding_slip_as_equal(void **state)
{
    year *y = *state;

    put(y, "GL.SA", "gd.ho_so", "100");
    put(y, "GL.SA", "gd.ho_so_tre", "42");
    assert_int_equal(build(y, "{tl.ho_so_dung_han:pct0}"
                              "{if tl.ho_so_dung_han = 58%} a{end}"
                              "{if tl.ho_so_dung_han > 58%} b{end}"
                              "{if 58% < tl.ho_so_dung_han} c{end}"
                              "{if tl.ho_so_dung_han <= 58%} d{end}"
                              "{if 58% >= tl.ho_so_dung_han} e{end}"
                              "{if tl.ho_so_dung_han ≤ 58%} f{end}"
                              "{if tl.ho_so_dung_han == 58%} g{end}"
                              "{if 1≠2} h{end}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "58% a d e f g h");
}

/* A share may be compared with 1, the whole, and with a percentage above
 * 100%. */
static void a_share_compared_with_one_or_a_percentage_above_100_is_no_mistake(void **state)
{
    year *y = *state;

    put(y, "GL.HA", "ht.bdvhx", "10");
    put(y, "GL.HA", "ht.bdvhx_internet", "10");
    assert_int_equal(build(y, "{if tl.bdvhx_internet = 1}a{end}{if 1 = tl.bdvhx_internet}b{end}"
                              "{if tl.bdvhx_internet < 150%}c{end}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "abc");
}

/* A missing figure on either side makes a comparison false. */
static void a_comparison_with_a_missing_figure_on_the_right_is_false(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if 5 > gd.dvc_muc_3}a{else}b{end}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "b");
    assert_int_equal(count_code(&y->dl, "W_FIGURE_MISSING"), 1);
}

/* "A or B and C": once A holds, C cannot change the outcome, and warns of
 * nothing missing, whatever B; once one "or" held, a later false one does
 * not undo it. */
static void or_holds_once_any_part_held(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if 1 = 1 or 1 = 1 and gd.dvc_muc_3 > 0}a{end}"
                              "{if 1 = 1 or 1 = 2 or 1 = 2}b{end}"
                              "{if 1 = 2 or 1 = 1 and 2 = 2 or 1 = 2}c{end}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "abc");
    assert_int_equal(count_code(&y->dl, "W_FIGURE_MISSING"), 0);
}

/* Two unknown figures in one condition: the first is said, once. */
static void a_condition_stops_at_its_first_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if tong.ho_soo > 0 and tong.ho_soo2 > 0}a{end}\n"), -1);
    assert_fatal_at(y, 1, "unknown figure 'tong.ho_soo'");
}

/* An ellipsis keeps the space before it. */
static void an_ellipsis_keeps_its_space(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "các đơn vị ... và hơn thế .\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "các đơn vị ... và hơn thế.");
}

/* Once a branch is taken, no later {elif} nor {else} is, and an {if} in a
 * branch not taken takes none of its own. */
static void only_one_branch_is_taken(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if 1 = 1}a{elif 1 = 1}b{end}"
                              "{if 1 = 1}c{elif 1 = 2}d{else}e{end}"
                              "{if 1 = 2}{if 1 = 2}f{else}g{end}{end}i\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "aci");
}

/* The condition of an {if} inside a branch not taken, and of an {elif}
 * after a branch taken, warns of no missing figure (the data never asks
 * for it); the same figure where it is asked for does. */
static void an_if_in_a_branch_not_taken_warns_of_nothing(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if 1 = 2}{if gd.dvc_muc_3 > 0}h{end}{end}x\n\n"
                              "{gd.dvc_muc_3:int}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "x");
    assert_int_equal(count_code(&y->dl, "W_FIGURE_MISSING"), 1);
    assert_int_equal(y->dl.items[0].row, 3);
}

static void an_elif_after_a_branch_taken_warns_of_nothing(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if 1 = 1}i{elif gd.dvc_muc_3 > 0}j{end}\n\n"
                              "{gd.dvc_muc_3:int}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "i");
    assert_int_equal(count_code(&y->dl, "W_FIGURE_MISSING"), 1);
    assert_int_equal(y->dl.items[0].row, 3);
}

static void if_nested_17_deep_is_a_mistake(void **state)
{
    year *y = *state;
    char layout[1024] = "";

    for (int i = 0; i < 17; i++)
        strcat(layout, "{if 1 = 1}");
    strcat(layout, "x");
    for (int i = 0; i < 16; i++)        /* the 17th is refused */
        strcat(layout, "{end}");
    strcat(layout, "\n");
    assert_int_equal(build(y, layout), -1);
    assert_fatal_at(y, 1, "nested more than 16 deep");
}

/* The same missing figure on two lines warns on each. */
static void a_missing_figure_warns_again_on_another_line(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{gd.dvc_muc_3:int}\n{gd.dvc_muc_3:int}\n"), 0);
    assert_int_equal(count_code(&y->dl, "W_FIGURE_MISSING"), 2);
    assert_int_equal(y->dl.items[0].row, 1);
    assert_int_equal(y->dl.items[1].row, 2);
}

/* A unit with none of the whole (0 points of service) has no bar, and its
 * part is not added to the overall rate. */
static void a_rate_chart_leaves_out_a_unit_without_a_whole(void **state)
{
    year *y = *state;
    const eg_block *b;

    put(y, "GL.HA", "ht.bdvhx", "0");
    put(y, "GL.HA", "ht.bdvhx_internet", "5");
    put(y, "GL.HB", "ht.bdvhx", "4");
    put(y, "GL.HB", "ht.bdvhx_internet", "2");
    assert_int_equal(build(y, "[chart-rate huyen ht.bdvhx_internet ht.bdvhx Tỷ lệ]\n"), 0);
    b = block_of(y, EG_BLOCK_BARCHART, 0);
    assert_int_equal(b->n_bars, 2);
    assert_string_equal(b->labels[0], "Huyện B");
    assert_true(isnan(b->values[1]));
    assert_true(b->has_ref && fabs(b->ref_value - 50) < 1e-9);
    assert_string_equal(b->ref_label, "Chung: 50,0%");
}

/* The table of a section prints a change in points of none as 0,00, with
 * no sign, also when it is a hair below none. */
static const char *change_cell(const year *y)
{
    for (size_t i = 0; i < y->doc.n_blocks; i++) {
        const eg_block *t = &y->doc.blocks[i];

        if (t->kind != EG_BLOCK_TABLE)
            continue;
        for (size_t r = 1; r < t->n_rows; r++)
            if (strstr(t->cells[r * t->n_cols], "thay đổi so với năm trước"))
                return t->cells[r * t->n_cols + 1];
    }
    fail_msg("no row of the change");
    return NULL;
}

static void the_figures_table_prints_no_change_without_a_sign(void **state)
{
    year *y = *state;

    put(y, "GL.HA", "ht.ho_gia_dinh", "1000");
    put(y, "GL.HA", "ht.ho_may_tinh_internet", "457");  /* 45,7%, as last year */
    put(y, "GL.HB", "ht.ho_gia_dinh", "1000");
    put(y, "GL.HB", "ht.ho_may_tinh_internet", "457");
    assert_int_equal(build(y, "[figures Hạ tầng kỹ thuật]\n"), 0);
    assert_string_equal(change_cell(y), "0,00");
}

static void the_figures_table_prints_a_change_a_hair_below_none_as_none(void **state)
{
    year *y = *state;

    put(y, "GL.HA", "ht.ho_gia_dinh", "100000");
    put(y, "GL.HA", "ht.ho_may_tinh_internet", "45699");    /* -0,001 points */
    put(y, "GL.HB", "ht.ho_gia_dinh", "100000");
    put(y, "GL.HB", "ht.ho_may_tinh_internet", "45699");
    assert_int_equal(build(y, "[figures Hạ tầng kỹ thuật]\n\n"
                              "{tl.ho_may_tinh_internet.tang:pts1} "
                              "{tl.ho_may_tinh_internet.tang:sign2}\n"), 0);
    assert_string_equal(change_cell(y), "0,00");
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "0,0 0,00");
}

/* Two units without scores: "Sở B và Sở C (chưa có điểm)". */
static void unranked_units_of_one_reason_are_joined_by_va(void **state)
{
    year *y = *state;

    scores(y, "GL.SA", "30");
    assert_int_equal(build(y, "[ranking xh.so]\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0),
                        "Chưa xếp hạng: Sở Bình và Sở Cường (chưa có điểm).");
}

/* A number of 64 digits, one more than the reader keeps, is too long (not
 * cut to 63 and read as another number). */
static void a_number_of_64_digits_in_a_condition_is_too_long(void **state)
{
    year *y = *state;
    char layout[160] = "{if tong.ho_so > ";

    for (int i = 0; i < 64; i++)
        strcat(layout, "9");
    strcat(layout, "}x{end}\n");
    assert_int_equal(build(y, layout), -1);
    assert_fatal_at(y, 1, "a number too long");
}

static void an_operator_without_spaces_is_read(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if 1!=2}a{end}{if 2>1}b{end}{if 1<=1}c{end}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "abc");
}

/* = allows a slip of arithmetic, not a real difference: 58,00001% is not
 * 58%. */
static void a_share_a_hair_above_is_not_equal(void **state)
{
    year *y = *state;

    put(y, "GL.HA", "ht.bdvhx", "10000000");
    put(y, "GL.HA", "ht.bdvhx_internet", "5800001");
    assert_int_equal(build(y, "{if tl.bdvhx_internet = 58%}bằng{else}khác{end}"
                              "{if tl.bdvhx_internet > 58%} hơn{end}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "khác hơn");
}

static void a_pair_without_its_counts_prints_an_ellipsis(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{tl.bdvhx_internet:pair}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "…");
    assert_int_equal(count_code(&y->dl, "W_FIGURE_MISSING"), 1);
    assert_non_null(strstr(y->dl.items[0].message, "mà số liệu không cung cấp"));
}

static void pct_of_a_change_in_points_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{tl.ho_may_tinh_internet.tang:pct1}\n"), -1);
    assert_fatal_at(y, 1, "pct, pctfloor and rate print a share");
}

static void a_range_with_a_single_unit_word_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{xh.so#1-2:name}\n"), -1);
    assert_fatal_at(y, 1, "a range of positions (1-2) goes with :names or :list");
}

static void a_fact_with_an_unknown_filter_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{fact:province:lower}\n"), -1);
    assert_fatal_at(y, 1, "unknown filter 'lower'");
}

static void else_twice_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if 1 = 2}a{else}b{else}c{end}\n"), -1);
    assert_fatal_at(y, 1, "{else} twice in one {if}");
}

static void elif_after_else_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if 1 = 2}a{else}b{elif 1 = 1}c{end}\n"), -1);
    assert_fatal_at(y, 1, "{elif} after {else}");
}

static void if_without_a_condition_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if}a\n"), -1);
    assert_fatal_at(y, 1, "{if} needs a condition");
}

static void an_unclosed_brace_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "Một.\nNăm {year\n"), -1);
    assert_fatal_at(y, 2, "unbalanced '{'");
}

static void an_unknown_date_form_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{date:issued_on:long}\n"), -1);
    assert_fatal_at(y, 1, "unknown date form 'long' (short)");
}

/* Builds the report of layouts/report.txt with y's data and a page-1 form's
 * facts: 0, or -1 with its mistakes in y->dl. */
static int build_real_report(year *y)
{
    FILE *f = fopen(real_report, "r");
    char *text;
    long n;
    int rc;

    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    text = eg_xcalloc((size_t)n + 1, 1);
    assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    add_fact(&y->ds.facts, &y->ds.n_facts, "place", "Gia Lai");
    add_fact(&y->ds.facts, &y->ds.n_facts, "signer", "Mai Xuân Cường");
    add_fact(&y->ds.facts, &y->ds.n_facts, "signer_title", "CHỦ TỊCH");
    add_fact(&y->ds.facts, &y->ds.n_facts, "recipients", "A;B");
    rc = build(y, text);
    free(text);
    return rc;
}

/* 1 when a paragraph of the report holds s. */
static int a_paragraph_holds(const year *y, const char *s)
{
    for (size_t i = 0; i < y->doc.n_blocks; i++)
        if (y->doc.blocks[i].kind == EG_BLOCK_PARA && strstr(y->doc.blocks[i].text, s))
            return 1;
    return 0;
}

static void the_real_report_layout_expands_without_a_mistake(void **state)
{
    year *y = *state;

    /* nearly no data: every branch must still expand */
    assert_int_equal(build_real_report(y), 0);
    assert_int_equal(y->dl.n_fatal, 0);
    assert_int_equal(count_kind(y, EG_BLOCK_CONTENTS), 1);
    assert_int_equal(count_kind(y, EG_BLOCK_APPENDIX), 1);
    /* a year over: no note under the subtitle, no word of a part of it */
    assert_string_equal(y->doc.subtitle_note, "");
    assert_false(a_paragraph_holds(y, "tạm tính"));
}

/* ---- a year not over --------------------------------------------------------- */

/* The seconds since the epoch of a day and time in UTC. */
static long long utc(int yyyy, int month, int day, int hour, int minute)
{
    struct tm tm = { .tm_year = yyyy - 1900, .tm_mon = month - 1, .tm_mday = day,
                     .tm_hour = hour, .tm_min = minute };

    return (long long)timegm(&tm);
}

/* The build's day is the local day (the zone W_LATE dates files in): at
 * 20:00 UTC it is already the next day at UTC+7 (TZ's "UTC-7"). */
static void a_year_runs_to_the_local_day_of_the_build_until_it_ends(void **state)
{
    year *y = *state;
    const struct {
        long long now;
        int provisional;
        const char *as_of;
    } cases[] = {
        { utc(2020, 9, 13, 16, 59), 1, "2020-09-13" },    /* 23:59 local */
        { utc(2020, 9, 13, 20, 0), 1, "2020-09-14" },     /* 03:00 local, the next day */
        { utc(2020, 12, 31, 16, 59), 1, "2020-12-31" },   /* the year's last minute */
        { utc(2020, 12, 31, 17, 0), 0, "2020-12-31" },    /* 01/01 00:00 local: over */
        { utc(2023, 11, 14, 22, 13), 0, "2020-12-31" },
        { utc(2019, 12, 31, 12, 0), 1, "2019-12-31" },    /* before the year: that day */
    };
    char *tz = getenv("TZ") ? eg_xstrdup(getenv("TZ")) : NULL;

    setenv("TZ", "UTC-7", 1);
    tzset();
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        y->ds.provisional = -1;
        eg_dataset_set_as_of(&y->ds, cases[i].now);
        assert_int_equal(y->ds.provisional, cases[i].provisional);
        assert_string_equal(y->ds.as_of, cases[i].as_of);
    }
    if (tz)
        setenv("TZ", tz, 1);
    else
        unsetenv("TZ");
    tzset();
    free(tz);
}

static void a_provisional_year_says_the_day_its_figures_run_to(void **state)
{
    year *y = *state;

    y->ds.provisional = 1;
    snprintf(y->ds.as_of, sizeof y->ds.as_of, "2020-09-14");
    assert_int_equal(build(y, "@subtitle_note {if provisional}(đến {date:as_of:short}){end}\n"
                              "{if provisional}Tạm tính đến {date:as_of}{else}Cả năm{end}; "
                              "{if not provisional}đủ{else}chưa đủ{end}; "
                              "{if provisional and tong.ho_so > 0}a{else}b{end}.\n"), 0);
    assert_string_equal(y->doc.subtitle_note, "(đến 14/09/2020)");
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0),
                        "Tạm tính đến ngày 14 tháng 9 năm 2020; chưa đủ; b.");
}

/* A build of a year over (or a dataset nothing dated) runs to its last day. */
static void assert_runs_to_the_last_day(year *y)
{
    assert_int_equal(build(y, "@subtitle_note {if provisional}(đến {date:as_of:short}){end}\n"
                              "{if provisional}Tạm tính{else}Cả năm{end}, đến "
                              "{date:as_of:short}.\n"), 0);
    assert_string_equal(y->doc.subtitle_note, "");
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "Cả năm, đến 31/12/2020.");
}

static void a_year_over_runs_to_its_last_day(void **state)
{
    year *y = *state;

    eg_dataset_set_as_of(&y->ds, utc(2023, 11, 14, 22, 13));
    assert_runs_to_the_last_day(y);
}

static void a_dataset_nothing_dated_runs_to_the_years_last_day(void **state)
{
    assert_runs_to_the_last_day(*state);
}

static void provisional_is_compared_with_nothing(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{if provisional = 1}a{end}\n"), -1);
    assert_fatal_at(y, 1, "'provisional' is a test of its own, compared with nothing: "
                          "{if provisional} or {if not provisional}");
}

/* Written without spaces, the comparison is the same mistake, not a figure
 * named "provisional" that figures.csv lacks. */
static void assert_provisional_compared(year *y, const char *layout)
{
    assert_int_equal(build(y, layout), -1);
    assert_fatal_at(y, 1, "'provisional' is a test of its own, compared with nothing");
}

static void provisional_is_compared_with_nothing_without_spaces_too(void **state)
{
    assert_provisional_compared(*state, "{if provisional=1}a{end}\n");
}

static void provisional_is_compared_with_nothing_by_any_operator(void **state)
{
    assert_provisional_compared(*state, "{if not provisional≥1}a{end}\n");
}

static void the_real_report_of_a_year_not_over_says_so(void **state)
{
    year *y = *state;

    y->ds.provisional = 1;
    snprintf(y->ds.as_of, sizeof y->ds.as_of, "2020-09-14");
    assert_int_equal(build_real_report(y), 0);
    assert_int_equal(y->dl.n_fatal, 0);
    assert_string_equal(y->doc.subtitle_note, "(Số liệu tạm tính đến ngày 14/09/2020)");
    assert_true(a_paragraph_holds(y, "Do năm 2020 chưa kết thúc, số liệu trong báo cáo là số "
                                     "liệu tạm tính từ ngày 01/01/2020 đến ngày 14/09/2020."));
    assert_non_null(strstr(y->doc.meta_subject, "(số liệu tạm tính đến ngày 14/09/2020)"));
}

/* ---- the blocks made from the data, cell by cell ------------------------- */

static const char *cell(const eg_block *t, size_t row, size_t col)
{
    return t->cells[row * t->n_cols + col];
}

/* The row of table t whose first cell is label, or fails. */
static size_t row_labelled(const eg_block *t, const char *label)
{
    for (size_t r = 1; r < t->n_rows; r++)
        if (strcmp(cell(t, r, 0), label) == 0)
            return r;
    fail_msg("no row '%s'", label);
    return 0;
}

static size_t figure_index(const char *code)
{
    for (size_t i = 0; i < layouts.n_figures; i++)
        if (strcmp(layouts.figures[i].code, code) == 0)
            return i;
    fail_msg("no figure '%s'", code);
    return 0;
}

/* [figures SECTION]: under its header, a row per figure of the section in
 * figures.csv's order, its value in its format (a share with two decimals,
 * a change in points with its sign) and a share's two counts. */
static void the_figures_table_prints_each_figure_of_its_section_in_its_format(void **state)
{
    year *y = *state;
    const eg_block *t;
    size_t in_section = 0, r;

    for (size_t i = 0; i < layouts.n_figures; i++)
        in_section += strcmp(layouts.figures[i].section, "Hạ tầng kỹ thuật") == 0;
    put(y, "GL.HA", "ht.bdvhx", "1.000");
    put(y, "GL.HA", "ht.bdvhx_internet", "962");
    put(y, "GL.HA", "ht.ho_gia_dinh", "1000");
    put(y, "GL.HA", "ht.ho_may_tinh_internet", "400");
    put(y, "GL.HB", "ht.ho_gia_dinh", "1000");
    put(y, "GL.HB", "ht.ho_may_tinh_internet", "400");
    assert_int_equal(build(y, "[figures Hạ tầng kỹ thuật]\n"), 0);
    t = block_of(y, EG_BLOCK_TABLE, 0);
    assert_int_equal(t->n_cols, 3);
    assert_int_equal(t->n_rows, 1 + in_section);
    assert_string_equal(t->align, "lrr");
    assert_string_equal(cell(t, 0, 0), "Chỉ tiêu");
    assert_string_equal(cell(t, 0, 1), "Giá trị");
    assert_string_equal(cell(t, 0, 2), "Tử số/Mẫu số");
    r = row_labelled(t, "Tỷ lệ điểm Bưu điện văn hóa xã có kết nối Internet");
    assert_string_equal(cell(t, r, 1), "96,20%");
    assert_string_equal(cell(t, r, 2), "962/1.000");
    /* 40% against 45,7% last year: down 5,7 points */
    r = row_labelled(t, "Tỷ lệ hộ gia đình có máy tính kết nối Internet: thay đổi so với năm "
                        "trước (điểm phần trăm)");
    assert_string_equal(cell(t, r, 1), "-5,70");
}

/* figures.csv may print a ratio as a number (two decimals) or as an
 * amount (rounded to the nearest whole, not cut). */
static void the_figures_table_prints_a_number_and_an_amount_as_figures_csv_says(void **state)
{
    year *y = *state;
    size_t k = figure_index("tl.bdvhx_internet"), m = figure_index("tl.doanh_nghiep_internet");
    eg_fig_format was_k = layouts.figures[k].format, was_m = layouts.figures[m].format;
    const eg_block *t;
    int rc;

    put(y, "GL.HA", "ht.bdvhx", "1.000");
    put(y, "GL.HA", "ht.bdvhx_internet", "962");
    put(y, "GL", "ht.doanh_nghiep", "1.000");
    put(y, "GL", "ht.doanh_nghiep_internet", "962");
    layouts.figures[k].format = EG_FMT_NUMBER;
    layouts.figures[m].format = EG_FMT_MONEY;
    rc = build(y, "[figures Hạ tầng kỹ thuật]\n");
    layouts.figures[k].format = was_k;
    layouts.figures[m].format = was_m;
    assert_int_equal(rc, 0);
    t = block_of(y, EG_BLOCK_TABLE, 0);
    assert_string_equal(cell(t, row_labelled(t, layouts.figures[k].label), 1), "0,96");
    assert_string_equal(cell(t, row_labelled(t, layouts.figures[m].label), 1), "1");
}

/* A quotient of figures that are not whole counts has no "a/b" to print:
 * 4,5/100 is no count of dossiers. */
static void the_figures_table_prints_no_pair_of_a_quotient_of_numbers(void **state)
{
    year *y = *state;
    size_t k = figure_index("tong.ho_so_tre");
    eg_fig_format was = layouts.figures[k].format;
    const eg_block *t;
    int rc;

    put(y, "GL.SA", "gd.ho_so", "100");
    put(y, "GL.SA", "gd.ho_so_tre", "4");
    layouts.figures[k].format = EG_FMT_NUMBER;
    rc = build(y, "[figures Mức độ giao dịch]\n");
    layouts.figures[k].format = was;
    assert_int_equal(rc, 0);
    t = block_of(y, EG_BLOCK_TABLE, 0);
    assert_string_equal(cell(t, row_labelled(t, "Tỷ lệ hồ sơ trễ hạn"), 1), "4,00%");
    assert_string_equal(cell(t, row_labelled(t, "Tỷ lệ hồ sơ trễ hạn"), 2), "");
}

/* Nor does a placeholder: {tl.ho_so_tre:pair} of sums that are numbers
 * would print 4,5 as 5, a count no unit reported; the layout is refused
 * at its line, as for any format that misreads its figure. */
static void a_pair_of_a_quotient_of_numbers_is_a_mistake(void **state)
{
    static const char *const layouts_of[] = {
        "Một.\n{tl.ho_so_tre:pair}\n", "Một.\n{tl.ho_so_tre:num}\n",
        "Một.\n{tl.ho_so_dung_han:den}\n",
    };
    year *y = *state;
    size_t k = figure_index("tong.ho_so_tre");
    eg_fig_format was = layouts.figures[k].format;

    put(y, "GL.SA", "gd.ho_so", "100");
    put(y, "GL.SA", "gd.ho_so_tre", "4");
    for (size_t i = 0; i < sizeof layouts_of / sizeof *layouts_of; i++) {
        int rc;

        year_again(y);
        layouts.figures[k].format = EG_FMT_NUMBER;
        rc = build(y, layouts_of[i]);
        layouts.figures[k].format = was;
        assert_int_equal(rc, -1);
        assert_fatal_at(y, 2, "are not counts or amounts");
    }
}

static void a_figures_table_of_a_section_without_figures_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "Một.\n\n[figures Hạ tầng]\n"), -1);
    assert_fatal_at(y, 3, "no figure of figures.csv is in section 'Hạ tầng'");
}

/* [ranking CODE]: rank, unit, each criterion headed by its words after
 * the colon with a capital (a letter of two bytes too), and the total; a
 * criterion not reported and the total of a unit without all of them
 * print "…". */
static void the_ranking_table_heads_its_criteria_and_prints_every_score(void **state)
{
    year *y = *state;
    static const char *const head[] = { "Hạng", "Đơn vị", "Điều kiện sẵn sàng",
                                        "Mức độ hiện diện", "Mức độ tương tác",
                                        "Mức độ giao dịch", "Mức độ chuyển đổi", "Tổng điểm" };
    static const char *const an[] = { "1", "Sở An", "30,25", "10,00", "20,00", "20,00", "10,00",
                                      "90,25" };
    static const char *const binh[] = { "-", "Sở Bình", "30,00", "…", "…", "…", "…", "…" };
    const eg_block *t;

    scores(y, "GL.SA", "30,25");
    put(y, "GL.SB", "diem.san_sang", "30");
    assert_int_equal(build(y, "[ranking xh.so]\n"), 0);
    t = block_of(y, EG_BLOCK_TABLE, 0);
    assert_int_equal(t->n_cols, 8);
    assert_int_equal(t->n_rows, 4);
    assert_string_equal(t->align, "clrrrrrr");
    for (size_t j = 0; j < 8; j++) {
        assert_string_equal(cell(t, 0, j), head[j]);
        assert_string_equal(cell(t, 1, j), an[j]);
        assert_string_equal(cell(t, 2, j), binh[j]);
    }
}

/* [chart CODE]: the ranking's title, its ranked units' totals on an axis
 * to the most a unit can score (130 points for a department). */
static void the_ranking_chart_draws_the_ranked_totals_up_to_the_most_possible(void **state)
{
    year *y = *state;
    const eg_block *b;

    scores(y, "GL.SA", "30");
    scores(y, "GL.SB", "35,5");
    assert_int_equal(build(y, "[chart xh.so]\n"), 0);
    b = block_of(y, EG_BLOCK_BARCHART, 0);
    assert_string_equal(b->text, "Xếp hạng mức độ Chính quyền điện tử cấp sở, ban, ngành");
    assert_string_equal(b->axis_title, "Tổng điểm (tối đa 130 điểm)");
    assert_true(fabs(b->max_value - 130) < 1e-9);
    assert_int_equal(b->decimals, 2);
    assert_int_equal(b->n_bars, 2);
    assert_int_equal(b->gap_row, 0);
    assert_string_equal(b->labels[0], "Sở Bình");
    assert_true(fabs(b->values[0] - 95.5) < 1e-9);
    assert_string_equal(b->labels[1], "Sở An");
    assert_true(fabs(b->values[1] - 90) < 1e-9);
}

/* ---- a rate by unit: what the layout must give ---------------------------- */

static void a_rate_chart_without_its_title_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "[chart-rate huyen ht.bdvhx_internet ht.bdvhx]\n"), -1);
    assert_fatal_at(y, 1, "needs all four");
}

static void a_rate_chart_of_an_unknown_level_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "[chart-rate quan ht.bdvhx_internet ht.bdvhx Tỷ lệ]\n"), -1);
    assert_fatal_at(y, 1, "unknown level 'quan'");
}

static void a_rate_chart_of_an_unknown_indicator_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "\n[chart-rate huyen ht.bdvhx_net ht.bdvhx Tỷ lệ]\n"), -1);
    assert_fatal_at(y, 2, "unknown indicator 'ht.bdvhx_net'");
}

/* A word is named whole, however long: a level of 16 letters or more was
 * cut at 15 (and its rest read as the numerator), an indicator's code at
 * 63, and the mistake named a word no one wrote. */
static void a_rate_chart_names_a_long_wrong_level_whole(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "[chart-rate huyen_thi_xa_thanh_pho ht.bdvhx_internet ht.bdvhx "
                              "Tỷ lệ]\n"), -1);
    assert_fatal_at(y, 1, "unknown level 'huyen_thi_xa_thanh_pho' (tinh, so, huyen, xa)");
}

static void a_rate_chart_names_a_long_wrong_code_whole(void **state)
{
    year *y = *state;
    char code[128], layout[256], want[192];

    memset(code, 'x', 80);
    memcpy(code, "ht.", 3);
    code[80] = '\0';
    snprintf(layout, sizeof layout, "[chart-rate huyen %s ht.bdvhx Tỷ lệ]\n", code);
    snprintf(want, sizeof want, "unknown indicator '%s' (not in indicators.csv)", code);
    assert_int_equal(build(y, layout), -1);
    assert_fatal_at(y, 1, want);
}

/* Both indicators wrong: both are said, not the first alone */
static void a_rate_chart_with_both_indicators_wrong_says_both(void **state)
{
    year *y = *state;
    size_t n = 0;

    assert_int_equal(build(y, "[chart-rate huyen ht.bdvhx_net ht.bdvhx_tong Tỷ lệ]\n"), -1);
    for (size_t i = 0; i < y->dl.n; i++) {
        if (y->dl.items[i].severity != EG_FATAL)
            continue;
        assert_string_equal(y->dl.items[i].message,
                            n++ ? "unknown indicator 'ht.bdvhx_tong' (not in indicators.csv)"
                                : "unknown indicator 'ht.bdvhx_net' (not in indicators.csv)");
    }
    assert_int_equal(n, 2);
}

static void a_rate_chart_of_a_yes_or_no_is_a_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "[chart-rate so tt.qlvb ht.cbcc Tỷ lệ]\n"), -1);
    assert_fatal_at(y, 1, "indicator 'tt.qlvb' is not a number");
}

/* Amounts and scores are numbers a rate is made of, and so are the
 * catalogue's percentages and plain numbers. */
static void a_rate_chart_takes_amounts_scores_percentages_and_numbers(void **state)
{
    year *y = *state;
    int kn = eg_catalogue_find(&layouts.cat, "ht.bdvhx_internet");
    int kd = eg_catalogue_find(&layouts.cat, "ht.bdvhx");
    eg_type was_n = layouts.cat.items[kn].type, was_d = layouts.cat.items[kd].type;
    int rc;

    put(y, "GL.SA", "dt.kinh_phi_cntt", "1.000.000");
    scores(y, "GL.SA", "30");
    layouts.cat.items[kn].type = EG_TYPE_PERCENT;
    layouts.cat.items[kd].type = EG_TYPE_NUMBER;
    rc = build(y, "[chart-rate so dt.kinh_phi_cntt dt.kinh_phi_cntt Tiền]\n\n"
                  "[chart-rate so diem.hien_dien diem.san_sang Điểm]\n\n"
                  "[chart-rate huyen ht.bdvhx_internet ht.bdvhx Phần trăm]\n");
    layouts.cat.items[kn].type = was_n;
    layouts.cat.items[kd].type = was_d;
    assert_int_equal(rc, 0);
    assert_int_equal(count_kind(y, EG_BLOCK_BARCHART), 3);
    assert_true(fabs(block_of(y, EG_BLOCK_BARCHART, 0)->values[0] - 100) < 1e-9);
    assert_true(fabs(block_of(y, EG_BLOCK_BARCHART, 1)->values[0] - 100.0 / 3) < 1e-9);
}

/* A title of EG_CHART_TITLE_MAX characters fits. */
static void a_chart_title_of_the_most_that_fits_is_taken(void **state)
{
    year *y = *state;
    char layout[4096] = "[chart-rate huyen ht.bdvhx_internet ht.bdvhx ";

    for (int i = 0; i < EG_CHART_TITLE_MAX; i++)
        strcat(layout, "ầ");
    strcat(layout, "]\n");
    assert_int_equal(build(y, layout), 0);
    assert_int_equal(eg_utf8_len(block_of(y, EG_BLOCK_BARCHART, 0)->text), EG_CHART_TITLE_MAX);
}

/* Units of the same rate in registry order; the axis to 100%. */
static void a_rate_chart_lists_units_of_one_rate_in_registry_order(void **state)
{
    year *y = *state;
    const eg_block *b;

    put(y, "GL.HB", "ht.bdvhx", "10");
    put(y, "GL.HB", "ht.bdvhx_internet", "5");
    put(y, "GL.HA", "ht.bdvhx", "20");
    put(y, "GL.HA", "ht.bdvhx_internet", "10");
    assert_int_equal(build(y, "[chart-rate huyen ht.bdvhx_internet ht.bdvhx Tỷ lệ]\n"), 0);
    b = block_of(y, EG_BLOCK_BARCHART, 0);
    assert_string_equal(b->labels[0], "Huyện A");
    assert_string_equal(b->labels[1], "Huyện B");
    assert_string_equal(b->axis_title, "Tỷ lệ (%)");
    assert_true(fabs(b->max_value - 100) < 1e-9);
    assert_int_equal(b->decimals, 1);
}

/* 32 departments, all with a rate: one more than a chart shows whole, so
 * the 15 highest, a line for the 2 between, the 15 lowest. */
static void a_rate_chart_of_thirty_two_units_leaves_out_its_middle(void **state)
{
    const eg_block *b;
    year *y = *state;

    for (const char *const *u = (const char *const[]){ "GL.SA", "GL.SB", "GL.SC", NULL }; *u; u++) {
        put(y, *u, "ht.cbcc", "100");
        put(y, *u, "ht.cbcc_may_tinh", "100");
    }
    b = department_rate_chart(y, 29);
    assert_int_equal(b->n_bars, 31);
    assert_int_equal(b->gap_row, 16);
    assert_string_equal(b->labels[15], "… và 2 đơn vị khác");
    assert_string_equal(b->labels[16], "Sở 15");
}

/* 38 departments, 35 with a rate: the bars after the gap keep their own
 * values (the 15 lowest rates, 15% down to 1%). */
static void a_long_rate_chart_keeps_the_values_of_its_lowest(void **state)
{
    const eg_block *b = department_rate_chart(*state, 35);

    assert_int_equal(b->n_bars, 31);
    assert_string_equal(b->labels[14], "Sở 21");
    assert_true(fabs(b->values[14] - 21) < 1e-9);
    assert_string_equal(b->labels[15], "… và 8 đơn vị khác");
    for (size_t i = 16; i < 31; i++) {
        char name[16];

        snprintf(name, sizeof name, "Sở %02zu", 31 - i);
        assert_string_equal(b->labels[i], name);
        assert_true(fabs(b->values[i] - (double)(31 - i)) < 1e-9);
    }
}

/* ---- coverage, in full ------------------------------------------------------ */

/* As put, into the year's file-th file. */
static void put_in(year *y, int file, const char *unit, const char *ind, const char *value)
{
    eg_raw_value rv = {
        .file = file, .row = next_row++,
        .unit = unit, .unit_col = 1,
        .indicator = ind, .indicator_col = 2,
        .value = value, .value_col = 3,
        .note = "",
    };

    eg_accept_raw(&y->acc, &rv);
}

/* A second file, undated: its time is none to go by. */
static void add_undated_file(year *y)
{
    y->ds.files = eg_xrealloc(y->ds.files, 2 * sizeof *y->ds.files);
    memset(&y->ds.files[1], 0, sizeof y->ds.files[1]);
    y->ds.files[1].path = eg_xstrdup("submissions/khong-ngay.csv");
    y->ds.n_files = 2;
}

static void assert_row(const eg_block *t, size_t r, const char *const *want)
{
    for (size_t j = 0; j < t->n_cols; j++)
        assert_string_equal(cell(t, r, j), want[j]);
}

/* With a deadline: a department late, two districts whose day is not
 * known, six units that sent nothing; the table counts each level and
 * all, then who sent nothing, who was late and how many are undated. */
static void coverage_counts_each_level_and_names_the_missing_and_the_late(void **state)
{
    year *y = *state;
    const eg_block *t;

    add_fact(&y->ds.facts, &y->ds.n_facts, "deadline", "2021-01-05");
    y->ds.files[0].mtime = 1610236800;      /* 2021-01-10, after the deadline */
    add_undated_file(y);
    put_in(y, 0, "GL.SA", "tt.qlvb", "có");
    put_in(y, 1, "GL.HA", "tt.qlvb", "có");
    put_in(y, 1, "GL.HB", "tt.qlvb", "có");
    assert_int_equal(build(y, "[coverage]\n"), 0);
    t = block_of(y, EG_BLOCK_TABLE, 0);
    assert_int_equal(t->n_cols, 6);
    assert_int_equal(t->n_rows, 6);
    assert_string_equal(t->align, "lrrrrr");
    assert_row(t, 0, (const char *const[]){ "Cấp", "Phải nộp", "Đã nộp", "Tỷ lệ đã nộp",
                                            "Nộp muộn", "Không rõ ngày nộp" });
    assert_row(t, 1, (const char *const[]){ "Tỉnh", "1", "0", "0,0%", "0", "0" });
    assert_row(t, 2, (const char *const[]){ "Sở, ban, ngành", "3", "1", "33,3%", "1", "0" });
    assert_row(t, 3, (const char *const[]){ "Cấp huyện", "2", "2", "100,0%", "0", "2" });
    assert_row(t, 4, (const char *const[]){ "Cấp xã", "3", "0", "0,0%", "0", "0" });
    assert_row(t, 5, (const char *const[]){ "Tổng cộng", "9", "3", "33,3%", "1", "2" });
    assert_int_equal(count_kind(y, EG_BLOCK_PARA), 3);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0),
                        "Còn 6/9 đơn vị chưa gửi số liệu; các chỉ tiêu tổng hợp trong báo cáo "
                        "chỉ tính trên số liệu đã nhận:");
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 1),
                        "Hạn nộp số liệu là ngày 05/01/2021; 1 đơn vị nộp sau hạn:");
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 2),
                        "Không xác định được ngày nộp của 2 đơn vị: tệp số liệu không ghi ngày "
                        "nộp, và ngày lưu tệp muộn hơn ngày ban hành báo cáo nên không dùng làm "
                        "ngày nộp được; các đơn vị này không được tính là nộp muộn.");
    assert_int_equal(count_kind(y, EG_BLOCK_BULLET), 4);
    assert_string_equal(text_of(y, EG_BLOCK_BULLET, 0),
                        "Tỉnh (1/1 đơn vị chưa nộp): Tỉnh Gia Lai.");
    assert_string_equal(text_of(y, EG_BLOCK_BULLET, 1),
                        "Sở, ban, ngành (2/3 đơn vị chưa nộp): Sở Bình và Sở Cường.");
    assert_string_equal(text_of(y, EG_BLOCK_BULLET, 2),
                        "Cấp xã (3/3 đơn vị chưa nộp): Xã A Một, Xã A Hai và Xã B Một.");
    assert_string_equal(text_of(y, EG_BLOCK_BULLET, 3),
                        "Sở, ban, ngành (1/3 đơn vị nộp muộn): Sở An.");
    for (int i = 0; i < 4; i++)
        assert_int_equal(block_of(y, EG_BLOCK_BULLET, i)->level, 1);
    /* the bullets come each after its paragraph */
    assert_int_equal(y->doc.blocks[2].kind, EG_BLOCK_BULLET);
    assert_int_equal(y->doc.blocks[6].kind, EG_BLOCK_BULLET);
}

/* None late of those whose day is known, when some is not: said of
 * those alone. */
static void coverage_says_none_late_of_the_units_whose_day_is_known(void **state)
{
    year *y = *state;

    add_fact(&y->ds.facts, &y->ds.n_facts, "deadline", "2021-01-05");
    y->ds.files[0].mtime = 1609718400;      /* 2021-01-04, on time */
    add_undated_file(y);
    put_in(y, 0, "GL.SA", "tt.qlvb", "có");
    put_in(y, 0, "GL.SB", "tt.qlvb", "có");
    put_in(y, 1, "GL.HA", "tt.qlvb", "có");
    assert_int_equal(build(y, "[coverage]\n"), 0);
    assert_int_equal(count_kind(y, EG_BLOCK_PARA), 3);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 1),
                        "Hạn nộp số liệu là ngày 05/01/2021; trong 2 đơn vị xác định được ngày "
                        "nộp, không có đơn vị nào nộp sau hạn.");
    assert_non_null(strstr(text_of(y, EG_BLOCK_PARA, 2), "Không xác định được ngày nộp của 1 "));
}

/* Every unit's day known and none late. */
static void coverage_says_none_late_when_every_day_is_known(void **state)
{
    year *y = *state;
    const eg_block *t;

    add_fact(&y->ds.facts, &y->ds.n_facts, "deadline", "2021-01-05");
    y->ds.files[0].mtime = 1609718400;      /* 2021-01-04, on time */
    every_unit_sends(y);
    assert_int_equal(build(y, "[coverage]\n"), 0);
    t = block_of(y, EG_BLOCK_TABLE, 0);
    assert_int_equal(t->n_cols, 5);
    assert_int_equal(count_kind(y, EG_BLOCK_PARA), 2);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 1),
                        "Hạn nộp số liệu là ngày 05/01/2021; không có đơn vị nào nộp sau hạn.");
}

/* No unit's day known: nothing is said of lateness but that. */
static void coverage_says_nothing_of_lateness_when_no_day_is_known(void **state)
{
    year *y = *state;

    add_fact(&y->ds.facts, &y->ds.n_facts, "deadline", "2021-01-05");
    put(y, "GL.SA", "tt.qlvb", "có");
    assert_int_equal(build(y, "[coverage]\n"), 0);
    assert_int_equal(block_of(y, EG_BLOCK_TABLE, 0)->n_cols, 6);
    assert_int_equal(count_kind(y, EG_BLOCK_PARA), 2);
    assert_non_null(strstr(text_of(y, EG_BLOCK_PARA, 1), "Không xác định được ngày nộp của 1 "));
}

/* Without a deadline no unit is late nor undated: no column, no sentence
 * of either. */
static void coverage_without_a_deadline_says_nothing_of_days(void **state)
{
    year *y = *state;
    const eg_block *t;

    put(y, "GL.SA", "tt.qlvb", "có");
    assert_int_equal(build(y, "[coverage]\n"), 0);
    t = block_of(y, EG_BLOCK_TABLE, 0);
    assert_int_equal(t->n_cols, 5);
    assert_string_equal(t->align, "lrrrr");
    assert_string_equal(cell(t, 0, 4), "Nộp muộn");
    assert_int_equal(count_kind(y, EG_BLOCK_PARA), 1);
}

/* A level without units has no row. */
static void coverage_has_no_row_of_a_level_without_units(void **state)
{
    year *y = *state;
    const eg_block *t;

    put(y, "GL.SA", "tt.qlvb", "có");
    assert_int_equal(build(y, "[coverage]\n"), 0);
    t = block_of(y, EG_BLOCK_TABLE, 0);
    assert_int_equal(t->n_rows, 5);
    assert_string_equal(cell(t, 3, 0), "Cấp huyện");
    assert_string_equal(cell(t, 4, 0), "Tổng cộng");
    assert_string_equal(cell(t, 4, 1), "6");
}

/* 41 departments, none sent: 40 named, the last of them after a comma,
 * and the one more counted. */
static void coverage_names_forty_units_of_a_level_and_counts_the_rest(void **state)
{
    year *y = *state;
    char want[1024] = "Sở, ban, ngành (41/41 đơn vị chưa nộp): Sở An, Sở Bình, Sở Cường";

    put(y, "GL", "gd.dvc_muc_3", "5");
    assert_int_equal(build(y, "[coverage]\n"), 0);
    for (int i = 1; i <= 37; i++)
        snprintf(want + strlen(want), sizeof want - strlen(want), ", Sở %02d", i);
    strcat(want, " và 1 đơn vị khác.");
    assert_string_equal(text_of(y, EG_BLOCK_BULLET, 0), want);
}

/* 2,000 of 2,001 departments, and 1 of them (below): the share that
 * sent is 99,9% and 0,1%, not 100,0% with one missing (a national
 * roll-up's level) nor 0,0% with one in. */
static void coverage_says_no_100_percent_while_one_is_missing_nor_0_while_one_sent(void **state)
{
    year *y = *state;
    const eg_block *t;

    put(y, "GL.SB", "tt.qlvb", "có");
    put(y, "GL.SC", "tt.qlvb", "có");
    for (int i = 1; i <= 1998; i++) {
        char code[16];

        snprintf(code, sizeof code, "GL.S%02d", i);
        put(y, code, "tt.qlvb", "có");
    }
    put(y, "GL.HA", "tt.qlvb", "có");
    assert_int_equal(build(y, "[coverage]\n"), 0);
    t = block_of(y, EG_BLOCK_TABLE, 0);
    assert_row(t, 2, (const char *const[]){ "Sở, ban, ngành", "2.001", "2.000", "99,9%", "0",
                                            "0" });
    assert_row(t, 3, (const char *const[]){ "Cấp huyện", "2", "1", "50,0%", "0", "0" });
}

static void coverage_says_no_0_percent_while_one_has_sent(void **state)
{
    year *y = *state;
    const eg_block *t;

    put(y, "GL.SA", "tt.qlvb", "có");
    assert_int_equal(build(y, "[coverage]\n"), 0);
    t = block_of(y, EG_BLOCK_TABLE, 0);
    /* 1 of 2,001: 0,05 %; 1 of 2,007 in all */
    assert_row(t, 2, (const char *const[]){ "Sở, ban, ngành", "2.001", "1", "0,1%", "0", "0" });
    assert_row(t, 5, (const char *const[]){ "Tổng cộng", "2.007", "1", "0,1%", "0", "0" });
}

/* ---- the data-quality appendix, in full -------------------------------------- */

/* A problem of the year: added to what the acceptor found; more: a "… N
 * more" line's count. */
static void problem(year *y, eg_severity sev, const char *code, const char *file, long row,
                    int col, const char *unit, const char *indicator, size_t more)
{
    eg_diag_add(&y->accept_dl, sev, code, file, row, col, unit, indicator, "lời của %s", code);
    y->accept_dl.items[y->accept_dl.n - 1].more = more;
}

/* A unit's problems in file, row and column order, the lines standing
 * for more after those of their file, each line's words in problems.csv's
 * Vietnamese; the table's header and alignment; the sentence counting
 * them by weight. */
static void a_units_problems_are_listed_by_file_row_and_column(void **state)
{
    year *y = *state;
    static const char *const head[] = { "Tệp", "Dòng", "Cột", "Chỉ tiêu", "Loại", "Nội dung" };
    const char *merged = "Một ô giá trị được gộp cho nhiều chỉ tiêu; các giá trị này không "
                         "được tính";
    const char *hidden = "Có dòng bị ẩn trong bảng tính nhưng giá trị của dòng vẫn được tính "
                         "vào báo cáo; bỏ ẩn để kiểm tra";
    char more_merged[512], more_hidden[512];
    const eg_block *h, *t;

    every_unit_sends(y);
    problem(y, EG_WARNING, "W_ROW_HIDDEN", "submissions/b.csv", 0, 0, "GL.SA", NULL, 2);
    problem(y, EG_WARNING, "W_ROW_HIDDEN", "submissions/b.csv", 2, 0, "GL.SA", NULL, 0);
    problem(y, EG_ERROR, "E_VALUE_MERGED", "submissions/a.csv", 0, 0, "GL.SA", NULL, 3);
    problem(y, EG_ERROR, "E_VALUE_MERGED", "submissions/a.csv", 9, 3, "GL.SA", "gd.ho_so", 0);
    problem(y, EG_ERROR, "E_VALUE_MERGED", "submissions/a.csv", 3, 4, "GL.SA", "gd.ho_so", 0);
    assert_int_equal(build(y, "[problems]\n"), 0);
    assert_int_equal(strncmp(text_of(y, EG_BLOCK_PARA, 0),
                             "Khi kiểm tra số liệu các đơn vị gửi về, có 5 lỗi và 3 cảnh báo, "
                             "thuộc 1 đơn vị. ", strlen("Khi kiểm tra số liệu các đơn vị gửi về, "
                                                       "có 5 lỗi và 3 cảnh báo, thuộc 1 đơn "
                                                       "vị. ")), 0);
    assert_int_equal(count_kind(y, EG_BLOCK_PARA), 1);
    assert_int_equal(count_kind(y, EG_BLOCK_HEADING), 1);
    h = block_of(y, EG_BLOCK_HEADING, 0);
    assert_string_equal(h->text, "Sở An (GL.SA): 8 vấn đề");
    assert_int_equal(h->level, 3);
    assert_int_equal(h->bookmark, 1);
    t = block_of(y, EG_BLOCK_TABLE, 0);
    assert_int_equal(t->n_cols, 6);
    assert_int_equal(t->n_rows, 6);
    assert_string_equal(t->align, "lrrlLl");
    assert_row(t, 0, head);
    snprintf(more_merged, sizeof more_merged, "Còn 3 lỗi cùng loại (E_VALUE_MERGED) trong tệp "
             "này không được liệt kê: %s", merged);
    snprintf(more_hidden, sizeof more_hidden, "Còn 2 cảnh báo cùng loại (W_ROW_HIDDEN) trong "
             "tệp này không được liệt kê: %s", hidden);
    assert_row(t, 1, (const char *const[]){ "a.csv", "3", "4", "gd.ho_so", "Lỗi", merged });
    assert_row(t, 2, (const char *const[]){ "a.csv", "9", "3", "gd.ho_so", "Lỗi", merged });
    assert_row(t, 3, (const char *const[]){ "a.csv", "", "", "", "Lỗi", more_merged });
    assert_row(t, 4, (const char *const[]){ "b.csv", "2", "", "", "Cảnh báo", hidden });
    assert_row(t, 5, (const char *const[]){ "b.csv", "", "", "", "Cảnh báo", more_hidden });
}

/* Errors alone, or warnings alone, are said without "0". */
static void problems_of_one_severity_say_none_of_the_other_in_words(void **state)
{
    year *y = *state;

    every_unit_sends(y);
    problem(y, EG_ERROR, "E_VALUE_MERGED", "submissions/a.csv", 3, 4, "GL.SA", "gd.ho_so", 0);
    problem(y, EG_ERROR, "E_VALUE_MERGED", "submissions/a.csv", 4, 4, "GL.HA", "gd.ho_so", 0);
    assert_int_equal(build(y, "[problems]\n"), 0);
    assert_non_null(strstr(text_of(y, EG_BLOCK_PARA, 0),
                           "gửi về, có 2 lỗi, không có cảnh báo, thuộc 2 đơn vị. "));
}

static void warnings_alone_say_no_error_in_words(void **state)
{
    year *y = *state;

    every_unit_sends(y);
    problem(y, EG_WARNING, "W_ROW_HIDDEN", "submissions/a.csv", 3, 0, "GL.SA", NULL, 0);
    assert_int_equal(build(y, "[problems]\n"), 0);
    assert_non_null(strstr(text_of(y, EG_BLOCK_PARA, 0),
                           "gửi về, không có lỗi, có 1 cảnh báo, thuộc 1 đơn vị. "));
}

/* A line standing for more counts them towards the 25 of a unit: after
 * 3 rows and a line for 30 more, the unit's other 5 problems are
 * counted, not listed. */
static void a_line_for_more_counts_them_towards_a_units_twenty_five(void **state)
{
    year *y = *state;

    every_unit_sends(y);
    for (long r = 1; r <= 3; r++)
        problem(y, EG_WARNING, "W_ROW_HIDDEN", "submissions/a.csv", r, 0, "GL.SA", NULL, 0);
    problem(y, EG_WARNING, "W_ROW_HIDDEN", "submissions/a.csv", 0, 0, "GL.SA", NULL, 30);
    for (long r = 1; r <= 5; r++)
        problem(y, EG_WARNING, "W_ROW_HIDDEN", "submissions/b.csv", r, 0, "GL.SA", NULL, 0);
    assert_int_equal(build(y, "[problems]\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 0), "Sở An (GL.SA): 38 vấn đề");
    assert_int_equal(block_of(y, EG_BLOCK_TABLE, 0)->n_rows, 5);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 1),
                        "… và 5 vấn đề khác của đơn vị này (xem validation.csv).");
}

/* Of a unit's 30 problems the first 25 are listed and the other 5
 * counted beneath. */
static void a_unit_lists_twenty_five_problems_and_counts_the_rest(void **state)
{
    year *y = *state;

    every_unit_sends(y);
    for (long r = 1; r <= 30; r++)
        problem(y, EG_WARNING, "W_ROW_HIDDEN", "submissions/a.csv", r, 0, "GL.SA", NULL, 0);
    assert_int_equal(build(y, "[problems]\n"), 0);
    assert_int_equal(block_of(y, EG_BLOCK_TABLE, 0)->n_rows, 26);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 1),
                        "… và 5 vấn đề khác của đơn vị này (xem validation.csv).");
}

/* Problems of no unit of the registry: the table has the unit's code; its
 * columns of the unit and the file stay though empty (only the row,
 * column and indicator go); a problem naming no unit in a unit's file is
 * that unit's, a "… N more" line of rows of several units is no one's. */
static void problems_of_no_unit_keep_their_unit_and_file_columns(void **state)
{
    year *y = *state;
    const eg_block *t;

    every_unit_sends(y);
    add_undated_file(y);
    put_in(y, 1, "GL.HA", "ht.bdvhx", "5");
    problem(y, EG_WARNING, "W_ROW_HIDDEN", "submissions/khong-ngay.csv", 4, 0, NULL, NULL, 0);
    problem(y, EG_WARNING, "W_ROW_HIDDEN", "submissions/khong-ngay.csv", 0, 0, NULL, NULL, 3);
    y->accept_dl.items[y->accept_dl.n - 1].units_differ = 1;
    problem(y, EG_WARNING, "R_TU_DAT", NULL, 0, 0, NULL, NULL, 0);
    assert_int_equal(build(y, "[problems]\n"), 0);
    assert_int_equal(count_kind(y, EG_BLOCK_HEADING), 2);
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 0), "Huyện A (GL.HA): 1 vấn đề");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 1),
                        "Không gắn với đơn vị nào trong danh sách");
    assert_non_null(strstr(text_of(y, EG_BLOCK_PARA, 0), "có 5 cảnh báo, thuộc 1 đơn vị. "));
    t = block_of(y, EG_BLOCK_TABLE, 1);
    assert_int_equal(t->n_cols, 4);
    assert_string_equal(t->align, "llLl");
    /* each column kept keeps its width */
    assert_true(t->widths[0] == 1.6 && t->widths[1] == 2.1 && t->widths[2] == 1.45 &&
                t->widths[3] == 4.6);
    assert_row(t, 0, (const char *const[]){ "Mã đơn vị", "Tệp", "Loại", "Nội dung" });
    assert_row(t, 1, (const char *const[]){ "", "", "Cảnh báo", "lời của R_TU_DAT" });
    assert_string_equal(cell(t, 2, 1), "khong-ngay.csv");
}

/* The first n units of the registry with warnings W_ROW_HIDDEN and
 * errors E_VALUE_MERGED, rows 1 onwards of a file each. */
static void problems_of_units(year *y, size_t n, int warnings, int errors)
{
    for (size_t u = 0; u < n; u++) {
        const char *code = y->ds.registry.items[u].code;
        char file[64];

        snprintf(file, sizeof file, "submissions/%s.csv", code);
        for (int i = 0; i < warnings + errors; i++)
            problem(y, i < warnings ? EG_WARNING : EG_ERROR,
                    i < warnings ? "W_ROW_HIDDEN" : "E_VALUE_MERGED", file, i + 1, 3, code,
                    "gd.ho_so", 0);
    }
}

/* 516 problems, more than the appendix lists: a table of them by kind,
 * the most frequent first, with how many units have each; then 400
 * lines (a line standing for 10 more is one of them), the last unit's
 * cut short, and the other units' 106 problems counted at the end. */
static void more_problems_than_the_appendix_lists_are_counted_by_kind(void **state)
{
    year *y = *state;
    const eg_block *t;
    char want[512];
    size_t absent, n_para;

    problems_of_units(y, 25, 15, 5);
    problem(y, EG_WARNING, "W_ROW_HIDDEN", "submissions/GL.csv", 0, 0, "GL", NULL, 10);
    problem(y, EG_WARNING, "W_ROW_HIDDEN", "submissions/GL.S16.csv", 0, 0, "GL.S16", NULL, 5);
    problem(y, EG_WARNING, "R_TU_DAT", NULL, 0, 0, NULL, NULL, 0);
    assert_int_equal(build(y, "[problems]\n"), 0);
    absent = count_code(&y->accept_dl, "W_NOT_SUBMITTED");
    assert_true(absent > 0);
    snprintf(want, sizeof want, "Khi kiểm tra số liệu các đơn vị gửi về, có 125 lỗi và 391 "
             "cảnh báo, thuộc 25 đơn vị. ");
    assert_int_equal(strncmp(text_of(y, EG_BLOCK_PARA, 0), want, strlen(want)), 0);
    snprintf(want, sizeof want, " Ngoài ra có %zu cảnh báo về đơn vị chưa gửi số liệu, nêu tại "
             "phần tình hình nộp số liệu.", absent);
    assert_non_null(strstr(text_of(y, EG_BLOCK_PARA, 0), want));
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 1),
                        "Bảng sau tổng hợp cả 516 vấn đề theo loại; danh sách theo từng đơn vị "
                        "sau đó chỉ nêu 400 vấn đề đầu tiên.");
    t = block_of(y, EG_BLOCK_TABLE, 0);
    assert_int_equal(t->n_rows, 4);
    assert_string_equal(t->align, "lLlrr");
    assert_row(t, 0, (const char *const[]){ "Mã", "Loại", "Nội dung", "Số vấn đề", "Số đơn vị" });
    assert_row(t, 1, (const char *const[]){ "W_ROW_HIDDEN", "Cảnh báo",
                                            "Có dòng bị ẩn trong bảng tính nhưng giá trị của "
                                            "dòng vẫn được tính vào báo cáo; bỏ ẩn để kiểm tra",
                                            "390", "25" });
    assert_row(t, 2, (const char *const[]){ "E_VALUE_MERGED", "Lỗi",
                                            "Một ô giá trị được gộp cho nhiều chỉ tiêu; các giá "
                                            "trị này không được tính", "125", "25" });
    assert_row(t, 3, (const char *const[]){ "R_TU_DAT", "Cảnh báo", "Ví dụ: lời của R_TU_DAT",
                                            "1", "0" });
    assert_int_equal(count_kind(y, EG_BLOCK_HEADING), 20);
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 19), "Sở 11 (GL.S11): 20 vấn đề");
    assert_string_equal(text_of(y, EG_BLOCK_HEADING, 0), "Tỉnh Gia Lai (GL): 30 vấn đề");
    n_para = count_kind(y, EG_BLOCK_PARA);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, (int)n_para - 2),
                        "… và 1 vấn đề khác của đơn vị này (xem validation.csv).");
    assert_string_equal(text_of(y, EG_BLOCK_PARA, (int)n_para - 1),
                        "Phụ lục chỉ liệt kê 400 vấn đề; 106 vấn đề của các đơn vị còn lại có "
                        "trong tệp validation.csv.");
}

/* Kinds of as many problems in order of their codes. */
static void kinds_of_as_many_problems_are_in_order_of_their_codes(void **state)
{
    year *y = *state;
    const eg_block *t;

    problems_of_units(y, 41, 5, 5);
    assert_int_equal(build(y, "[problems]\n"), 0);
    t = block_of(y, EG_BLOCK_TABLE, 0);
    assert_int_equal(t->n_rows, 3);
    assert_string_equal(cell(t, 1, 0), "E_VALUE_MERGED");
    assert_string_equal(cell(t, 2, 0), "W_ROW_HIDDEN");
    assert_string_equal(cell(t, 1, 3), "205");
}

/* 400 problems, as many as the appendix lists: all of them, no table of
 * kinds, no count of the rest. */
static void four_hundred_problems_are_all_listed(void **state)
{
    year *y = *state;

    problems_of_units(y, 16, 25, 0);
    assert_int_equal(build(y, "[problems]\n"), 0);
    assert_int_equal(count_kind(y, EG_BLOCK_HEADING), 16);
    assert_int_equal(count_kind(y, EG_BLOCK_TABLE), 16);
    assert_int_equal(count_kind(y, EG_BLOCK_PARA), 1);
    for (int i = 0; i < 16; i++)
        assert_int_equal(block_of(y, EG_BLOCK_TABLE, i)->n_rows, 26);
}

/* Problems of no unit alone: no "thuộc 0 đơn vị". */
static void problems_of_no_unit_alone_are_said_of_no_unit(void **state)
{
    year *y = *state;

    every_unit_sends(y);
    problem(y, EG_WARNING, "R_TU_DAT", NULL, 0, 0, NULL, NULL, 0);
    assert_int_equal(build(y, "[problems]\n"), 0);
    assert_non_null(strstr(text_of(y, EG_BLOCK_PARA, 0),
                           "gửi về, không có lỗi, có 1 cảnh báo. Giá trị không hợp lệ"));
}

/* Units that sent nothing past the cap of a file's warnings are a line
 * for them all: counted in full. */
static void units_that_sent_nothing_are_counted_in_full(void **state)
{
    year *y = *state;

    every_unit_sends(y);
    problem(y, EG_WARNING, "W_NOT_SUBMITTED", "units.csv", 0, 0, "GL.SA", NULL, 0);
    problem(y, EG_WARNING, "W_NOT_SUBMITTED", "units.csv", 0, 0, NULL, NULL, 500);
    problem(y, EG_WARNING, "W_ROW_HIDDEN", "submissions/a.csv", 3, 0, "GL.SA", NULL, 0);
    assert_int_equal(build(y, "[problems]\n"), 0);
    assert_non_null(strstr(text_of(y, EG_BLOCK_PARA, 0),
                           " Ngoài ra có 501 cảnh báo về đơn vị chưa gửi số liệu, nêu tại phần "
                           "tình hình nộp số liệu."));
}

/* A line standing for more figures the report lacks counts them all. */
static void the_places_the_report_prints_an_ellipsis_are_counted_in_full(void **state)
{
    year *y = *state;

    every_unit_sends(y);
    problem(y, EG_WARNING, "W_FIGURE_MISSING", "layouts/report.txt", 0, 0, NULL, NULL, 3);
    assert_int_equal(build(y, "[problems]\n"), 0);
    assert_non_null(strstr(text_of(y, EG_BLOCK_PARA, 0),
                           " Trong báo cáo có 3 chỗ in “…” thay cho giá trị"));
}

/* ---- what mutants of narrative_value.c got past ----------------------------- */

/* A format is its name and at most one digit, a placeholder a name: any
 * more is a mistake, not the format or value it starts with. */
static void placeholders_with_more_than_a_name_and_format_are_mistakes(void **state)
{
    static const struct { const char *layout, *words; } bad[] = {
        { "{tl.bdvhx_internet:pct12}\n", "unknown format 'pct12'" },
        { "{tong.ho_so:int2}\n", "unknown format 'int2'" },
        { "{tl.bdvhx_internet:pairs}\n", "unknown format 'pairs'" },
        { "{year:short}\n", "{year:short} takes no format: {year} and {prev_year} print "
                             "as four digits (2020)" },
        { "{prev_year:int}\n", "{prev_year:int} takes no format" },
        { "{xh.so#1:name:x}\n", "unknown placeholder '{xh.so#1:name:x}'" },
        { "{xh.so:count:x}\n", "unknown placeholder '{xh.so:count:x}'" },
        { "A {} B\n", "empty placeholder '{}'" },
        { "{ :pct1}\n", "empty placeholder '{:pct1}'" },
        { "{xh.so#1000000:name}\n", "bad position '1000000'" },
        { "{xh.so#las:name}\n", "bad position 'las'" },
    };
    year *y = *state;

    scores(y, "GL.SA", "30");
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        year_again(y);
        assert_int_equal(build(y, bad[i].layout), -1);
        assert_fatal_at(y, 1, bad[i].words);
    }
}

/* The fraction a share prints as: rounded to its decimals, never to 100%
 * from below or above nor to 0% from above. */
static void a_share_is_shown_rounded_but_never_to_the_whole_or_none(void **state)
{
    static const struct { double v; int dec; double want; } cases[] = {
        { 0.5, 0, 0.5 },
        { 0.12345, 1, 0.123 },
        { 0.99996, 2, 0.9999 },
        { 0.9996, 1, 0.999 },
        { 0.00004, 2, 0.0001 },
        { 1.00004, 2, 1.0001 },         /* 100,01%, not 100,00% */
        { 1.0004, 1, 1.001 },
        { 1.2, 1, 1.2 },
        { 1, 1, 1 },
        { 0, 2, 0 },
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double got = eg_nshare_shown(cases[i].v, cases[i].dec);

        if (fabs(got - cases[i].want) > 1e-12)
            fail_msg("%.17g with %d decimals: %.17g, want %.17g", cases[i].v, cases[i].dec, got,
                     cases[i].want);
    }
}

/* figures.csv may make a ratio a number: without a format it prints with
 * two decimals, and :int compares as it prints, rounded. */
static void a_number_prints_two_decimals_and_its_int_compares_as_printed(void **state)
{
    year *y = *state;
    size_t k = figure_index("tl.bdvhx_internet");
    eg_fig_format was = layouts.figures[k].format;
    int rc;

    put(y, "GL.HA", "ht.bdvhx", "1000");
    put(y, "GL.HA", "ht.bdvhx_internet", "962");
    layouts.figures[k].format = EG_FMT_NUMBER;
    rc = build(y, "{tl.bdvhx_internet}; {tl.bdvhx_internet:int}"
                  "{if tl.bdvhx_internet:int = 1} một{end}\n");
    layouts.figures[k].format = was;
    assert_int_equal(rc, 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "0,96; 1 một");
}

/* A change in points is compared as it prints: -5,66 points printed -5,7
 * is -5,7%; its bare figure is not. */
static void a_change_in_points_is_compared_as_printed(void **state)
{
    year *y = *state;

    put(y, "GL.HA", "ht.ho_gia_dinh", "10000");
    put(y, "GL.HA", "ht.ho_may_tinh_internet", "4004");     /* 40,04% against 45,7% */
    put(y, "GL.HB", "ht.ho_gia_dinh", "10000");
    put(y, "GL.HB", "ht.ho_may_tinh_internet", "4004");
    assert_int_equal(build(y, "{tl.ho_may_tinh_internet.tang:pts1}"
                              "{if tl.ho_may_tinh_internet.tang:pts1 = -5,7%} a{end}"
                              "{if tl.ho_may_tinh_internet.tang = -5,7%} b{end}"
                              "{if tl.ho_may_tinh_internet.tang:sign1 > -6%} c{end}"
                              "{if tl.ho_may_tinh_internet.tang:chg2 = -5,66%} d{end}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "-5,7 a c d");
}

/* The change of a count of units (a dem.* figure against baseline.csv's)
 * is a count: in whole units, without a percent sign. */
static void the_change_of_a_count_of_units_is_whole_and_without_a_percent(void **state)
{
    year *y = *state;
    size_t k = figure_index("tl.ho_may_tinh_internet.tang");
    eg_figure_def was = layouts.figures[k];
    int rc;

    add_fact(&y->ds.baseline, &y->ds.n_baseline, "dem.lan_internet.so", "1");
    put(y, "GL.SA", "ht.lan_internet", "có");
    put(y, "GL.SB", "ht.lan_internet", "có");
    put(y, "GL.SC", "ht.lan_internet", "có");
    layouts.figures[k].a = (int)figure_index("dem.lan_internet.so");
    layouts.figures[k].format = EG_FMT_COUNT;
    rc = build(y, "{tl.ho_may_tinh_internet.tang:chg1}; {tl.ho_may_tinh_internet.tang:sign2}; "
                  "{tl.ho_may_tinh_internet.tang:chg0}; {tl.ho_may_tinh_internet.tang}\n");
    layouts.figures[k] = was;
    assert_int_equal(rc, 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "tăng 2; +2; tăng 2; 2");
}

/* Every unit has sent, but baseline.csv has no figure to compare with:
 * the data does not give the change, which is not a part of the units. */
static void a_change_without_last_years_figure_is_said_missing(void **state)
{
    year *y = *state;

    free(y->ds.baseline[0].key);
    y->ds.baseline[0].key = eg_xstrdup("tl.khac");
    put(y, "GL.HA", "ht.ho_gia_dinh", "1000");
    put(y, "GL.HA", "ht.ho_may_tinh_internet", "400");
    put(y, "GL.HB", "ht.ho_gia_dinh", "1000");
    put(y, "GL.HB", "ht.ho_may_tinh_internet", "400");
    assert_int_equal(build(y, "{tl.ho_may_tinh_internet.tang:chg1}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "…");
    assert_int_equal(y->dl.n, 1);
    assert_string_equal(y->dl.items[0].message,
                        "báo cáo cần tl.ho_may_tinh_internet.tang mà số liệu không cung cấp; "
                        "giá trị được in là …");
}

/* A sum past 2^53 is not exact to the unit: not printed, and said so
 * rather than as a share out of its range (year_setup_13_so). */
static void a_sum_too_large_to_be_exact_says_so(void **state)
{
    year *y = *state;

    /* ten departments of 10^15 dossiers, the most a value may be */
    put(y, "GL.SA", "gd.ho_so", "1000000000000000");
    put(y, "GL.SB", "gd.ho_so", "1000000000000000");
    put(y, "GL.SC", "gd.ho_so", "1000000000000000");
    for (int i = 1; i <= 7; i++) {
        char code[16];

        snprintf(code, sizeof code, "GL.S%02d", i);
        put(y, code, "gd.ho_so", "1000000000000000");
    }
    assert_int_equal(build(y, "{tong.ho_so:int}; {tong.ho_so}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "…; …");
    assert_int_equal(count_code(&y->dl, "W_FIGURE_MISSING"), 1);
    assert_non_null(strstr(y->dl.items[y->dl.n - 1].message,
                           "tong.ho_so được cộng từ các giá trị quá lớn (tổng vượt "
                           "9.007.199.254.740.992"));
}

/* The counts of a share above its whole print as reported, one by one as
 * in a pair: 104 of 100, not "…". */
static void the_counts_of_a_share_above_its_whole_print_as_reported(void **state)
{
    year *y = *state;

    put(y, "GL.SA", "gd.ho_so", "100");
    put(y, "GL.SA", "gd.ho_so_tre", "104");
    assert_int_equal(build(y, "{tl.ho_so_tre:num}/{tl.ho_so_tre:den}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "104/100");
}

/* A place of any digits, up to six, is a place: past the ranked units
 * it has no value, with a warning, and is no mistake. */
static void a_place_of_nine_or_of_six_digits_is_past_the_ranked_units(void **state)
{
    year *y = *state;

    scores(y, "GL.SA", "30");
    assert_int_equal(build(y, "{xh.so#9:name}; {xh.so#999999:name}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "…; …");
    assert_int_equal(count_code(&y->dl, "W_FIGURE_MISSING"), 1);
    assert_non_null(strstr(y->dl.items[0].message, "vị trí 9 của bảng xếp hạng xh.so, nhưng chỉ "
                                                   "có 1 đơn vị được xếp hạng"));
}

/* A range past the ranked units names none of them, not the units left
 * unranked after them. */
static void a_range_past_the_ranked_units_names_no_unranked_one(void **state)
{
    year *y = *state;

    scores(y, "GL.SA", "30");
    scores(y, "GL.SB", "35");
    put(y, "GL.SC", "diem.san_sang", "20");     /* one score of five: unranked */
    assert_int_equal(build(y, "{xh.so#1-3:names}; {xh.so#1-last:names}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "…; Sở Bình và Sở An");
    assert_non_null(strstr(y->dl.items[y->dl.n - 1].message, "chỉ có 2 đơn vị được xếp hạng"));
}

/* A ranking's label as rankings.csv gives it; the first's rank is 1 (only
 * :ordinal says "nhất"), and a rank is compared as a number. */
static void a_rankings_label_and_rank_are_its_own(void **state)
{
    year *y = *state;

    scores(y, "GL.SA", "30");
    scores(y, "GL.SB", "30");
    scores(y, "GL.SC", "25");
    assert_int_equal(build(y, "{xh.so:label}: {xh.so#1:rank}, {xh.so#1:ordinal}"
                              "{if xh.so#2:rank = 1}, cùng hạng{end}"
                              "{if xh.so#3:rank = 3}, ba{end}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0),
                        "Xếp hạng mức độ Chính quyền điện tử cấp sở, ban, ngành: 1, nhất, "
                        "cùng hạng, ba");
}

/* A rate is 100% or 0% only when exactly so: one in two million short of
 * all is 99,9%, one in two million 0,1%. */
static void a_rate_a_hair_from_all_or_none_is_not_all_or_none(void **state)
{
    year *y = *state;

    put(y, "GL.HA", "ht.bdvhx", "2.000.000");
    put(y, "GL.HA", "ht.bdvhx_internet", "1.999.999");
    put(y, "GL.HA", "ht.ho_gia_dinh", "2.000.000");
    put(y, "GL.HA", "ht.ho_may_tinh_internet", "1");
    assert_int_equal(build(y, "{tl.bdvhx_internet:rate1}; {tl.ho_may_tinh_internet:rate1}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "99,9%; 0,1%");
}

/* A sum printed in a format is a count, not a share, in a condition: it
 * is compared with numbers above 1. */
static void a_sum_in_a_format_is_compared_with_a_number(void **state)
{
    year *y = *state;

    put(y, "GL.SA", "gd.ho_so", "200");
    assert_int_equal(build(y, "{if tong.ho_so:int > 150}a{end}{if tong.ho_so:dec1 < 200,5}b{end}\n"),
                     0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "ab");
}

/* A fact prints as report.csv writes it; :upper upper-cases it, the
 * Vietnamese letters too. */
static void a_fact_is_upper_cased_only_when_asked(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{fact:issuer}; {fact:issuer:upper}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0),
                        "Ủy ban nhân dân tỉnh Gia Lai; ỦY BAN NHÂN DÂN TỈNH GIA LAI");
}

/* A text of more than 255 bytes prints whole: a fact (as written or upper-
 * cased), a unit's name, a ranking's label; none cut at its 256th byte,
 * in the middle of a letter. */
static void a_long_fact_name_or_label_prints_whole(void **state)
{
    year *y = *state;
    eg_sbuf fact = { 0 }, name = { 0 }, label = { 0 }, want = { 0 };
    char *f, *n, *l, *w, *was_label = layouts.rankings[0].label;
    int rc;

    for (int i = 0; i < 40; i++) {
        eg_sb_puts(&fact, "Sở Tư pháp; ");
        eg_sb_puts(&name, "Ủy ban ");
        eg_sb_puts(&label, "Xếp hạng ");
    }
    eg_sb_puts(&fact, "Lưu: VT.");
    f = eg_sb_take(&fact);
    n = eg_sb_take(&name);
    l = eg_sb_take(&label);
    assert_true(strlen(f) > 400 && strlen(n) > 300 && strlen(l) > 300);
    add_fact(&y->ds.facts, &y->ds.n_facts, "noi_nhan", f);
    free(y->ds.registry.items[SA].name);
    y->ds.registry.items[SA].name = eg_xstrdup(n);
    scores(y, "GL.SA", "30");
    assert_string_equal(layouts.rankings[0].code, "xh.so");
    layouts.rankings[0].label = l;
    rc = build(y, "{fact:noi_nhan}\n\n{fact:noi_nhan:upper}\n\n{xh.so#1:name}\n\n{xh.so:label}\n");
    layouts.rankings[0].label = was_label;
    assert_int_equal(rc, 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), f);
    for (int i = 0; i < 40; i++)
        eg_sb_puts(&want, "SỞ TƯ PHÁP; ");
    eg_sb_puts(&want, "LƯU: VT.");
    w = eg_sb_take(&want);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 1), w);
    /* the paragraph's tidying takes the last space off */
    n[strlen(n) - 1] = '\0';
    l[strlen(l) - 1] = '\0';
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 2), n);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 3), l);
    free(w);
    free(l);
    free(n);
    free(f);
}

/* At the edge of what a value holds in itself: 255 and 256 bytes. */
static void facts_of_255_and_256_bytes_print_whole(void **state)
{
    year *y = *state;
    char f255[256], f256[257];

    memset(f255, 'a', 255);
    f255[255] = '\0';
    memset(f256, 'b', 256);
    f256[256] = '\0';
    add_fact(&y->ds.facts, &y->ds.n_facts, "f255", f255);
    add_fact(&y->ds.facts, &y->ds.n_facts, "f256", f256);
    assert_int_equal(build(y, "{fact:f255}\n\n{fact:f256}\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), f255);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 1), f256);
}

/* Each mistake of a placeholder said in full, with what is allowed: the
 * layout's editor reads it and nothing else. */
static void each_mistake_of_a_placeholder_is_said_in_full(void **state)
{
    static const struct { const char *layout, *message; } bad[] = {
        { "{xh.foo#1:name}\n", "unknown ranking 'xh.foo' (not in rankings.csv)" },
        { "{xh.so:names}\n", "a ranking alone is {CODE:count} or {CODE:label}, not ':names'" },
        { "{xh.so#1:ten}\n", "a ranking placeholder ends in :name, :code, :total, :rank, :ordinal, "
                             ":tied, :ties, :names or :list, not 'ten'" },
        { "{xh.so#x:name}\n", "bad position 'x' (1, 2, ... or last; a range such as 1-3 or "
                              "2-last)" },
        { "{date:khong_co}\n", "report.csv has no ISO date 'khong_co'" },
        { "{date}\n", "{date} needs what to print after ':' ({fact:KEY}, {date:KEY}, "
                      "{units:WHAT})" },
        { "{units:}\n", "{units:} needs what to print after ':' ({fact:KEY}, {date:KEY}, "
                        "{units:WHAT})" },
        { "{fact:province:lower}\n", "unknown filter 'lower' (upper)" },
        { "{units:sent:phuong}\n", "unknown level 'phuong' (tinh, so, huyen, xa, or several "
                                   "joined by '+': so+huyen)" },
        { "{tong.ho_so:pct7}\n", "unknown format 'pct7' for a figure (int, dec0-dec3, pct0-pct3, "
                                 "pctfloor, rate0-rate3, pts0-pts3, sign0-sign3, chg0-chg3, pair, "
                                 "num, den)" },
        { "{tong.ho_so:pct1}\n", "{tong.ho_so:pct1}: pct, pctfloor and rate print a share (a "
                                 "figure of format percent)" },
    };
    year *y = *state;

    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        year_again(y);
        assert_int_equal(build(y, bad[i].layout), -1);
        assert_fatal_at(y, 1, bad[i].message);
        for (size_t k = 0; k < y->dl.n; k++)
            if (y->dl.items[k].severity == EG_FATAL)
                assert_string_equal(y->dl.items[k].message, bad[i].message);
    }
}

/* The warnings of a change of a part of the units and of a share above its
 * whole, in full: which figure, made from which, and why. */
static void the_warnings_of_a_figure_not_printed_are_said_in_full(void **state)
{
    year *y = *state;

    put(y, "GL.HA", "ht.ho_gia_dinh", "1000");
    put(y, "GL.HA", "ht.ho_may_tinh_internet", "400");
    put(y, "GL.SA", "gd.ho_so", "100");
    put(y, "GL.SA", "gd.ho_so_tre", "104");
    assert_int_equal(build(y, "{tl.ho_may_tinh_internet.tang:chg1}\n{tl.ho_so_tre:pct1}\n"), 0);
    assert_int_equal(y->dl.n, 2);
    assert_string_equal(y->dl.items[0].message,
                        "báo cáo cần tl.ho_may_tinh_internet.tang, thay đổi của "
                        "tl.ho_may_tinh_internet so với năm trước, mà tl.ho_may_tinh_internet năm "
                        "nay chưa tính trên đủ các đơn vị (còn đơn vị chưa gửi báo cáo, có giá trị "
                        "bị loại, bỏ trống chỉ tiêu phải báo cáo, hoặc chỉ báo cáo một trong hai "
                        "số của tỷ lệ), nên chưa so được với số liệu cả tỉnh năm trước; giá trị "
                        "được in là …");
    assert_string_equal(y->dl.items[1].message,
                        "tl.ho_so_tre tính ra 104,00%, ngoài khoảng 0–100%: số liệu của các đơn "
                        "vị mâu thuẫn nhau (một phần lớn hơn tổng, xem các lỗi quy tắc so sánh); "
                        "giá trị được in là …");
}

/* A sum of levels stops at its first wrong one: one mistake said. */
static void units_of_two_unknown_levels_is_one_mistake(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "{units:sent:phuong+quan}\n"), -1);
    assert_fatal_at(y, 1, "unknown level 'phuong'");
}

/* A date report.csv may lack, guarded by {if has}: no mistake when the
 * branch is not taken, as of a fact. */
static void a_date_in_a_branch_not_taken_needs_no_key(void **state)
{
    year *y = *state;

    assert_int_equal(build(y, "Một{if has fact:signed_on}, ký {date:signed_on}{end}"
                              "{if 1 = 2}, {date:khong_co:short}{end}.\n"), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0), "Một.");
    assert_int_equal(y->dl.n, 0);
}

/* ---- a long ranking chart, a rate chart's denominator, the appendix's fatal lines */

/* 38 departments, 34 ranked: the chart keeps the 15 highest and the 15
 * lowest totals, and its line counts the 4 ranked ones between; the 4
 * departments without scores are the table's, not the chart's. */
static void a_long_ranking_chart_leaves_out_ranked_units_alone(void **state)
{
    year *y = *state;
    const eg_block *b;

    scores(y, "GL.SA", "32");
    scores(y, "GL.SB", "33");
    scores(y, "GL.SC", "34");
    for (int i = 1; i <= 31; i++) {
        char code[16], first[16];

        snprintf(code, sizeof code, "GL.S%02d", i);
        snprintf(first, sizeof first, "%d", i);
        scores(y, code, first);
    }
    assert_int_equal(build(y, "[chart xh.so]\n"), 0);
    b = block_of(y, EG_BLOCK_BARCHART, 0);
    assert_int_equal(b->n_bars, 31);
    assert_int_equal(b->gap_row, 16);
    assert_string_equal(b->labels[0], "Sở Cường");
    assert_true(fabs(b->values[0] - 94) < 1e-9);
    assert_string_equal(b->labels[14], "Sở 20");
    assert_string_equal(b->labels[15], "… và 4 đơn vị khác");
    assert_true(isnan(b->values[15]));
    assert_string_equal(b->labels[16], "Sở 15");
    assert_true(fabs(b->values[16] - 75) < 1e-9);
    assert_string_equal(b->labels[30], "Sở 01");
    assert_true(fabs(b->values[30] - 61) < 1e-9);
}

/* The denominator wrong and the numerator right: the mistake is said and
 * no chart is drawn, as when the numerator is the wrong one. */
static void a_rate_chart_with_an_unknown_denominator_draws_no_chart(void **state)
{
    year *y = *state;

    put(y, "GL.HA", "ht.bdvhx_internet", "5");
    assert_int_equal(build(y, "[chart-rate huyen ht.bdvhx_internet ht.bdvhx_tong Tỷ lệ]\n"), -1);
    assert_fatal_at(y, 1, "unknown indicator 'ht.bdvhx_tong' (not in indicators.csv)");
    assert_int_equal(count_kind(y, EG_BLOCK_BARCHART), 0);
}

/* A fatal diagnostic (in a build the appendix reads the list the
 * layout's own mistakes go to) is no problem of a unit's data: not
 * listed, not counted. */
static void a_fatal_diagnostic_is_not_listed_in_the_appendix(void **state)
{
    year *y = *state;

    every_unit_sends(y);
    eg_diag_add(&y->accept_dl, EG_FATAL, "F_LAYOUT", "layouts/report.txt", 1, 0, "GL.SA", NULL,
                "unknown figure 'tl.khong_co'");
    assert_int_equal(build(y, "[problems]\n"), 0);
    assert_int_equal(count_kind(y, EG_BLOCK_HEADING), 0);
    assert_int_equal(count_kind(y, EG_BLOCK_TABLE), 0);
    assert_string_equal(text_of(y, EG_BLOCK_PARA, 0),
                        "Không phát hiện lỗi hoặc cảnh báo nào khi kiểm tra số liệu các đơn vị "
                        "gửi về.");
}

#define T(f) cmocka_unit_test_setup_teardown(f, year_setup, year_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(formats_write_vietnamese_numbers),
        T(rate_is_100_only_when_all_and_never_rounds_up_to_it),
        T(change_says_tang_or_giam_or_khong_doi),
        T(change_of_part_of_the_units_is_not_printed),
        T(change_that_rounds_to_zero_is_khong_doi),
        T(facts_dates_and_years),
        T(dates_pad_the_day_and_months_1_and_2_only),
        T(a_year_runs_to_the_local_day_of_the_build_until_it_ends),
        T(a_provisional_year_says_the_day_its_figures_run_to),
        T(a_year_over_runs_to_its_last_day),
        T(a_dataset_nothing_dated_runs_to_the_years_last_day),
        T(provisional_is_compared_with_nothing),
        T(provisional_is_compared_with_nothing_without_spaces_too),
        T(provisional_is_compared_with_nothing_by_any_operator),
        T(the_real_report_of_a_year_not_over_says_so),
        T(condition_takes_the_first_branch_that_holds),
        T(condition_on_all_and_on_few),
        T(has_and_not_look_at_the_data_without_a_warning),
        T(a_settled_condition_warns_of_no_missing_figure_after_it),
        T(a_settled_test_is_still_checked_for_its_names),
        T(a_settled_test_still_needs_its_fact),
        T(a_missing_figure_prints_an_ellipsis_with_a_warning_at_its_line),
        T(one_warning_per_line_and_figure),
        T(a_phrase_left_out_leaves_no_stray_space),
        T(a_paragraph_that_a_condition_empties_is_left_out),
        T(nested_conditions),
        T(a_conditions_words_stand_alone),
        T(a_word_run_into_a_name_is_part_of_the_name),
        T(provisional_run_into_a_name_is_a_name),
        T(a_name_too_long_for_a_condition_is_said_cut),
        T(a_condition_with_two_mistakes_is_said_once),
        T(a_dot_before_three_digits_and_a_letter_is_a_bad_number),
        T(equal_is_relative_for_large_numbers),
        T(an_elif_inside_a_branch_not_taken_is_not_taken),
        T(a_tab_after_if_or_elif_is_a_blank),
        T(an_elif_without_a_condition_is_said_so),
        T(an_if_without_end_is_said_at_its_line),
        T(ranking_phrases_name_units_by_place),
        T(a_share_above_the_whole_is_not_printed),
        T(a_place_shared_names_every_unit_of_it),
        T(the_ranking_sentence_names_a_tie_for_first_together),
        T(the_ranking_sentence_names_a_tie_for_second_once),
        T(a_list_of_names_is_never_cut),
        cmocka_unit_test_setup_teardown(a_tie_of_thirteen_names_ten_and_counts_the_rest,
                                        year_setup_13_so, year_teardown),
        T(unranked_units_are_said_why_beneath_the_table),
        cmocka_unit_test_setup_teardown(a_long_rate_chart_keeps_its_fifteen_highest_and_lowest,
                                        year_setup_38_so, year_teardown),
        cmocka_unit_test_setup_teardown(
            coverage_says_no_100_percent_while_one_is_missing_nor_0_while_one_sent,
            year_setup_2001_so, year_teardown),
        cmocka_unit_test_setup_teardown(coverage_says_no_0_percent_while_one_has_sent,
                                        year_setup_2001_so, year_teardown),
        cmocka_unit_test_setup_teardown(a_long_rate_chart_of_few_rates_says_how_many_lack_one,
                                        year_setup_38_so, year_teardown),
        cmocka_unit_test_setup_teardown(a_long_rate_chart_of_thirty_rates_shows_them_all,
                                        year_setup_38_so, year_teardown),
        cmocka_unit_test_setup_teardown(a_rate_chart_of_thirty_one_units_is_whole,
                                        year_setup_31_so, year_teardown),
        T(a_guarded_place_past_the_ranked_units_says_nothing),
        T(has_a_place_past_the_ranked_units_warns_of_nothing),
        T(unknown_figure_in_a_branch_not_taken_is_still_a_mistake),
        T(bad_format_is_a_mistake_on_its_line_of_the_paragraph),
        T(if_without_end_is_reported_at_the_if),
        T(else_and_end_without_if),
        T(a_pair_is_not_a_number_in_a_condition),
        T(a_condition_needs_an_operator),
        T(unknown_block_and_second_contents),
        T(rate_chart_checks_level_and_indicators),
        T(rate_chart_ranks_units_and_draws_the_overall_rate),
        T(a_rate_chart_leaves_out_a_part_above_its_whole),
        T(problems_are_grouped_by_unit_in_registry_order),
        T(a_figure_the_report_lacks_is_not_a_units_problem),
        T(no_problem_is_said_in_a_sentence),
        T(coverage_names_the_units_that_sent_nothing),
        T(units_counts_who_had_to_send_and_who_did),
        T(units_late_are_counted_per_level_and_summed),
        T(units_with_an_unknown_count_or_level_is_a_mistake),
        T(units_with_an_unknown_level_is_a_mistake),
        T(units_of_several_levels_joined_by_plus_are_summed),
        T(units_of_an_unknown_level_in_a_sum_is_a_mistake),
        T(units_of_a_level_named_twice_in_a_sum_is_a_mistake),
        T(units_of_a_sum_with_an_empty_level_is_a_mistake),
        T(a_format_that_misreads_its_figure_is_a_mistake),
        T(formats_that_fit_their_figures_are_taken),
        T(a_number_with_a_thousands_mark_in_a_condition_is_a_mistake),
        T(a_decimal_in_a_condition_is_still_read),
        T(a_layout_not_in_utf8_is_said_once),
        T(a_number_too_long_in_a_condition_is_said_so),
        T(a_chart_title_too_long_for_a_page_is_a_mistake),
        T(appendix_numbers_its_headings_afresh),
        T(headings_are_numbered_in_the_style_the_layout_asks),
        T(roman_headings_past_xv_and_letters_past_z_are_numbers),
        T(headings_may_carry_the_published_marks),
        T(an_unknown_heading_style_is_a_mistake),
        T(a_directive_given_twice_is_a_mistake),
        T(recipients_over_several_lines_end_with_a_semicolon_but_the_last),
        T(bullets_of_two_levels),
        T(a_tab_after_a_headings_marks_or_a_bullets_dash_is_a_space),
        T(a_heading_of_four_marks_is_a_mistake),
        T(a_heading_is_listed_and_one_a_condition_empties_is_left_out),
        T(a_block_line_ends_the_paragraph_before_it),
        T(contents_takes_its_title_and_coverage_no_argument),
        T(a_second_signature_is_a_mistake),
        T(a_block_line_without_its_bracket_is_a_mistake),
        T(directives_of_the_first_page_and_the_appendix),
        T(several_appendices_are_numbered_in_roman),
        T(a_layout_without_a_heading_paragraph_or_block_is_a_mistake),
        T(a_recipient_of_a_no_break_space_alone_is_no_line),
        T(a_fact_without_its_key_is_a_mistake),
        T(a_share_compared_with_a_number_above_one_is_a_mistake),
        T(a_points_figure_compared_with_a_number_above_one_is_a_mistake),
        T(a_share_compared_with_a_fraction_or_a_count_with_a_number_is_no_mistake),
        T(rate_is_0_only_when_none_and_never_rounds_down_to_it),
        T(pctfloor_cuts_and_is_exact_on_whole_percents),
        T(a_change_of_none_has_no_sign),
        T(a_figure_without_a_format_prints_in_its_own),
        T(a_condition_on_a_bare_figure_compares_it_unrounded),
        T(a_change_in_points_compared_with_a_number_above_one_is_a_mistake),
        T(int_of_a_change_in_points_is_a_mistake),
        T(a_format_with_four_decimals_is_unknown),
        T(a_condition_reads_a_negative_number),
        T(den_and_num_compare_their_own_count),
        T(position_0_is_no_place),
        T(ordinal_says_nhat_of_a_unit_tied_for_first),
        T(a_range_backwards_names_no_one),
        T(a_total_is_compared_as_printed),
        T(comparisons_take_a_rounding_slip_as_equal),
        T(a_share_compared_with_one_or_a_percentage_above_100_is_no_mistake),
        T(a_comparison_with_a_missing_figure_on_the_right_is_false),
        T(or_holds_once_any_part_held),
        T(a_condition_stops_at_its_first_mistake),
        T(an_ellipsis_keeps_its_space),
        T(only_one_branch_is_taken),
        T(an_if_in_a_branch_not_taken_warns_of_nothing),
        T(an_elif_after_a_branch_taken_warns_of_nothing),
        T(if_nested_17_deep_is_a_mistake),
        T(a_missing_figure_warns_again_on_another_line),
        T(a_rate_chart_leaves_out_a_unit_without_a_whole),
        T(the_figures_table_prints_no_change_without_a_sign),
        T(the_figures_table_prints_a_change_a_hair_below_none_as_none),
        T(unranked_units_of_one_reason_are_joined_by_va),
        T(a_number_of_64_digits_in_a_condition_is_too_long),
        T(an_operator_without_spaces_is_read),
        T(a_share_a_hair_above_is_not_equal),
        T(a_pair_without_its_counts_prints_an_ellipsis),
        T(pct_of_a_change_in_points_is_a_mistake),
        T(a_range_with_a_single_unit_word_is_a_mistake),
        T(a_fact_with_an_unknown_filter_is_a_mistake),
        T(else_twice_is_a_mistake),
        T(elif_after_else_is_a_mistake),
        T(if_without_a_condition_is_a_mistake),
        T(an_unclosed_brace_is_a_mistake),
        T(an_unknown_date_form_is_a_mistake),
        T(the_real_report_layout_expands_without_a_mistake),
        T(the_figures_table_prints_each_figure_of_its_section_in_its_format),
        T(the_figures_table_prints_a_number_and_an_amount_as_figures_csv_says),
        T(the_figures_table_prints_no_pair_of_a_quotient_of_numbers),
        T(a_pair_of_a_quotient_of_numbers_is_a_mistake),
        T(a_figures_table_of_a_section_without_figures_is_a_mistake),
        T(the_ranking_table_heads_its_criteria_and_prints_every_score),
        T(the_ranking_chart_draws_the_ranked_totals_up_to_the_most_possible),
        T(a_rate_chart_without_its_title_is_a_mistake),
        T(a_rate_chart_of_an_unknown_level_is_a_mistake),
        T(a_rate_chart_of_an_unknown_indicator_is_a_mistake),
        T(a_rate_chart_names_a_long_wrong_level_whole),
        T(a_rate_chart_names_a_long_wrong_code_whole),
        T(a_rate_chart_with_both_indicators_wrong_says_both),
        T(a_rate_chart_of_a_yes_or_no_is_a_mistake),
        T(a_rate_chart_takes_amounts_scores_percentages_and_numbers),
        T(a_chart_title_of_the_most_that_fits_is_taken),
        T(a_rate_chart_lists_units_of_one_rate_in_registry_order),
        cmocka_unit_test_setup_teardown(a_rate_chart_of_thirty_two_units_leaves_out_its_middle,
                                        year_setup_32_so, year_teardown),
        cmocka_unit_test_setup_teardown(a_long_rate_chart_keeps_the_values_of_its_lowest,
                                        year_setup_38_so, year_teardown),
        T(coverage_counts_each_level_and_names_the_missing_and_the_late),
        T(coverage_says_none_late_of_the_units_whose_day_is_known),
        T(coverage_says_none_late_when_every_day_is_known),
        T(coverage_says_nothing_of_lateness_when_no_day_is_known),
        T(coverage_without_a_deadline_says_nothing_of_days),
        cmocka_unit_test_setup_teardown(coverage_has_no_row_of_a_level_without_units,
                                        year_setup_no_communes, year_teardown),
        cmocka_unit_test_setup_teardown(coverage_names_forty_units_of_a_level_and_counts_the_rest,
                                        year_setup_41_so, year_teardown),
        T(a_units_problems_are_listed_by_file_row_and_column),
        T(problems_of_one_severity_say_none_of_the_other_in_words),
        T(warnings_alone_say_no_error_in_words),
        T(a_line_for_more_counts_them_towards_a_units_twenty_five),
        T(a_unit_lists_twenty_five_problems_and_counts_the_rest),
        T(problems_of_no_unit_keep_their_unit_and_file_columns),
        cmocka_unit_test_setup_teardown(more_problems_than_the_appendix_lists_are_counted_by_kind,
                                        year_setup_38_so, year_teardown),
        cmocka_unit_test_setup_teardown(kinds_of_as_many_problems_are_in_order_of_their_codes,
                                        year_setup_38_so, year_teardown),
        cmocka_unit_test_setup_teardown(four_hundred_problems_are_all_listed,
                                        year_setup_38_so, year_teardown),
        T(problems_of_no_unit_alone_are_said_of_no_unit),
        T(units_that_sent_nothing_are_counted_in_full),
        T(the_places_the_report_prints_an_ellipsis_are_counted_in_full),
        T(placeholders_with_more_than_a_name_and_format_are_mistakes),
        T(a_share_is_shown_rounded_but_never_to_the_whole_or_none),
        T(a_number_prints_two_decimals_and_its_int_compares_as_printed),
        T(a_change_in_points_is_compared_as_printed),
        T(the_change_of_a_count_of_units_is_whole_and_without_a_percent),
        T(a_change_without_last_years_figure_is_said_missing),
        cmocka_unit_test_setup_teardown(a_sum_too_large_to_be_exact_says_so, year_setup_13_so,
                                        year_teardown),
        T(the_counts_of_a_share_above_its_whole_print_as_reported),
        T(a_place_of_nine_or_of_six_digits_is_past_the_ranked_units),
        T(a_range_past_the_ranked_units_names_no_unranked_one),
        T(a_rankings_label_and_rank_are_its_own),
        T(a_rate_a_hair_from_all_or_none_is_not_all_or_none),
        T(a_sum_in_a_format_is_compared_with_a_number),
        T(a_fact_is_upper_cased_only_when_asked),
        T(a_long_fact_name_or_label_prints_whole),
        T(facts_of_255_and_256_bytes_print_whole),
        T(each_mistake_of_a_placeholder_is_said_in_full),
        T(the_warnings_of_a_figure_not_printed_are_said_in_full),
        T(units_of_two_unknown_levels_is_one_mistake),
        T(a_date_in_a_branch_not_taken_needs_no_key),
        cmocka_unit_test_setup_teardown(a_long_ranking_chart_leaves_out_ranked_units_alone,
                                        year_setup_38_so, year_teardown),
        T(a_rate_chart_with_an_unknown_denominator_draws_no_chart),
        T(a_fatal_diagnostic_is_not_listed_in_the_appendix),
        T(a_report_layout_read_in_part_is_fatal),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
