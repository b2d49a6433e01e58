/*
 * test_template.c - write/template.h: who gets a form, what a form holds
 * when our own XLSX reader reads it back, reproducible bytes, and a form
 * that cannot be written.
 *
 * The forms filled in (by openpyxl and LibreOffice), validated and built
 * are checked end to end (tests/e2e_template.py).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/mem.h"
#include "core/text.h"
#include "extract/xlsx.h"
#include "layout/layout.h"
#include "write/template.h"

#include "support.h"

typedef struct {
    eg_layouts L;
    eg_dataset ds;
    char dir[64];
} fixture;

static int fixture_setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    if (eg_test_load_layouts(&f->L) != 0) {
        free(f);
        return -1;
    }
    strcpy(f->dir, "/tmp/egreport-tpl-XXXXXX");
    if (!mkdtemp(f->dir)) {
        eg_layouts_free(&f->L);
        free(f);
        return -1;
    }
    f->ds.year = 2021;
    eg_test_add_unit(&f->ds, "KT", "Tỉnh Kon Tum", EG_LEVEL_TINH, -1);
    eg_test_add_unit(&f->ds, "KT.STP", "Sở Tư pháp", EG_LEVEL_SO, 0);
    eg_test_add_unit(&f->ds, "KT.DHA", "Huyện Đăk Hà", EG_LEVEL_HUYEN, 0);
    eg_test_add_unit(&f->ds, "KT.DHA.01", "Thị trấn Đăk Hà", EG_LEVEL_XA, 2);
    eg_test_add_unit(&f->ds, "KT.STH", "Huyện Sa Thầy", EG_LEVEL_HUYEN, 0);
    eg_test_add_unit(&f->ds, "KT.DHA.02", "Xã Đăk Mar", EG_LEVEL_XA, 2);
    eg_test_add_unit(&f->ds, "KT.STH.01", "Thị trấn Sa Thầy", EG_LEVEL_XA, 4);
    *state = f;
    return 0;
}

static int fixture_teardown(void **state)
{
    fixture *f = *state;
    char *cmd = eg_xasprintf("rm -rf '%s'", f->dir);

    if (system(cmd) != 0)
        print_error("cannot remove %s\n", f->dir);
    free(cmd);
    eg_dataset_free(&f->ds);
    eg_layouts_free(&f->L);
    free(f);
    return 0;
}

/* What our reader hands on from a form: the rows, as unit \t indicator \t
 * value lines of the table, and the header row's number. */
typedef struct {
    long header;
    char *rows;             /* "unit\tindicator\tvalue\n"... */
    size_t n_rows;
    char *top;              /* the text of the rows above the header */
    char *headings;         /* "STT\tlabel\n" of each row without an indicator code */
} readback;

static int on_row(void *ctx, const eg_row *row)
{
    readback *rb = ctx;
    char *next;

    if (!rb->header) {
        if (row->n >= 7 && strcmp(row->fields[1], "Mã đơn vị") == 0 &&
            strcmp(row->fields[2], "Mã chỉ tiêu") == 0 && strcmp(row->fields[5], "Giá trị") == 0 &&
            strcmp(row->fields[6], "Ghi chú") == 0) {
            rb->header = row->row;
        } else {
            for (size_t i = 0; i < row->n; i++) {
                next = eg_xasprintf("%s%s|", rb->top ? rb->top : "", row->fields[i]);
                free(rb->top);
                rb->top = next;
            }
        }
        return 0;
    }
    if (row->n < 3 || !row->fields[2][0]) {
        if (row->n > 3 && row->fields[0][0]) {
            next = eg_xasprintf("%s%s\t%s\n", rb->headings ? rb->headings : "", row->fields[0],
                                row->fields[3]);
            free(rb->headings);
            rb->headings = next;
        }
        return 0;
    }
    next = eg_xasprintf("%s%s\t%s\t%s\n", rb->rows ? rb->rows : "", row->fields[1],
                        row->fields[2], row->n > 5 ? row->fields[5] : "");
    free(rb->rows);
    rb->rows = next;
    rb->n_rows++;
    return 0;
}

static void read_back(const char *path, readback *rb)
{
    eg_diag_list dl = { 0 };

    memset(rb, 0, sizeof *rb);
    assert_int_equal(eg_xlsx_read(path, "form.xlsx", on_row, rb, NULL, &dl), 0);
    if (dl.n)
        fail_msg("reading the form: %s", dl.items[0].message);
    eg_diag_free(&dl);
}

/* The rows a form of unit u must hold: each indicator of its level. */
static char *expected_rows(const fixture *f, int u, size_t *n)
{
    const eg_unit *unit = &f->ds.registry.items[u];
    char *out = eg_xstrdup(""), *next;

    for (size_t k = 0; k < f->L.cat.n; k++) {
        if (!(f->L.cat.items[k].levels & EG_LEVEL_BIT(unit->level)))
            continue;
        next = eg_xasprintf("%s%s\t%s\t\n", out, unit->code, f->L.cat.items[k].code);
        free(out);
        out = next;
        (*n)++;
    }
    return out;
}

static void who_gets_a_form_of_their_own(void **state)
{
    fixture *f = *state;
    int want[] = { 1, 1, 1, 0, 1, 0, 0 };

    for (int u = 0; u < 7; u++)
        assert_int_equal(eg_template_own_form(&f->ds, u), want[u]);
    assert_int_equal(eg_template_own_form(&f->ds, -1), 0);
    assert_int_equal(eg_template_own_form(&f->ds, 7), 0);
}

static void a_district_form_reads_back_as_its_rows_then_each_communes(void **state)
{
    fixture *f = *state;
    eg_diag_list dl = { 0 };
    char *path = eg_xasprintf("%s/KT.DHA.xlsx", f->dir);
    char *want = eg_xstrdup(""), *part, *next;
    size_t n = 0;
    readback rb;

    assert_int_equal(eg_template_write(path, &f->ds, &f->L.cat, 2, 1609459200, &dl), 0);
    assert_int_equal(dl.n, 0);
    /* the district, then its communes in registry order, not KT.STH.01 */
    for (int u = 2; u <= 5; u += (u == 2 ? 1 : 2)) {
        part = expected_rows(f, u, &n);
        next = eg_xasprintf("%s%s", want, part);
        free(want);
        free(part);
        want = next;
    }
    read_back(path, &rb);
    assert_int_equal(rb.header, 6);
    assert_int_equal(rb.n_rows, n);
    assert_string_equal(rb.rows, want);
    assert_non_null(strstr(rb.top, "ỦY BAN NHÂN DÂN HUYỆN ĐĂK HÀ"));
    assert_non_null(strstr(rb.top, "NĂM 2021"));
    assert_non_null(strstr(rb.top, "Huyện Đăk Hà (mã KT.DHA), gồm số liệu của 2 xã"));
    /* no report.csv facts: no deadline */
    assert_null(strstr(rb.top, "Hạn gửi"));
    free(rb.rows);
    free(rb.top);
    free(rb.headings);
    free(want);
    free(path);
}

static void a_department_form_prints_the_deadline_of_report_csv(void **state)
{
    fixture *f = *state;
    eg_diag_list dl = { 0 };
    char *path = eg_xasprintf("%s/KT.STP.xlsx", f->dir);
    size_t n = 0;
    char *want = expected_rows(f, 1, &n);
    readback rb;

    f->ds.facts = eg_xcalloc(1, sizeof *f->ds.facts);
    f->ds.facts[0].key = eg_xstrdup("deadline");
    f->ds.facts[0].value = eg_xstrdup("2021-12-31");
    f->ds.n_facts = 1;
    assert_int_equal(eg_template_write(path, &f->ds, &f->L.cat, 1, 1609459200, &dl), 0);
    read_back(path, &rb);
    assert_string_equal(rb.rows, want);
    assert_non_null(strstr(rb.top, "SỞ TƯ PHÁP|"));
    assert_non_null(strstr(rb.top, "Hạn gửi: 31/12/2021."));
    free(rb.rows);
    free(rb.top);
    free(rb.headings);
    free(want);
    free(path);
}

/* Last year's report.csv (deadline 2020-12-31 for a 2021 form): no
 * form of 2021 can be due before 2021 begins, so none says so. */
static void a_deadline_before_the_year_is_left_out_of_the_form(void **state)
{
    fixture *f = *state;
    eg_diag_list dl = { 0 };
    char *path = eg_xasprintf("%s/KT.STP.xlsx", f->dir);
    readback rb;

    f->ds.facts = eg_xcalloc(1, sizeof *f->ds.facts);
    f->ds.facts[0].key = eg_xstrdup("deadline");
    f->ds.facts[0].value = eg_xstrdup("2020-12-31");
    f->ds.n_facts = 1;
    assert_int_equal(eg_template_write(path, &f->ds, &f->L.cat, 1, 1609459200, &dl), 0);
    assert_int_equal(dl.n, 0);
    read_back(path, &rb);
    assert_null(strstr(rb.top, "Hạn gửi"));
    assert_null(strstr(rb.top, "2020"));
    free(rb.rows);
    free(rb.top);
    free(rb.headings);
    free(path);
}

/* A district's blocks are numbered in Roman numerals, each commune's
 * after its district's: with 49 communes, I to L. */
static void a_districts_blocks_are_numbered_i_to_l_in_roman_numerals(void **state)
{
    static const char *const want[] = {
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
        "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
        "XXI", "XXII", "XXIII", "XXIV", "XXV", "XXVI", "XXVII", "XXVIII", "XXIX", "XXX",
        "XXXI", "XXXII", "XXXIII", "XXXIV", "XXXV", "XXXVI", "XXXVII", "XXXVIII", "XXXIX", "XL",
        "XLI", "XLII", "XLIII", "XLIV", "XLV", "XLVI", "XLVII", "XLVIII", "XLIX", "L"
    };
    fixture *f = *state;
    eg_diag_list dl = { 0 };
    char *path = eg_xasprintf("%s/KT.DHA.xlsx", f->dir);
    char *expect = eg_xasprintf("I\tHuyện Đăk Hà (KT.DHA)\nII\tThị trấn Đăk Hà (KT.DHA.01)\n"
                                "III\tXã Đăk Mar (KT.DHA.02)\n"), *next;
    readback rb;

    for (int i = 3; i <= 49; i++) {
        char code[32], name[32];

        snprintf(code, sizeof code, "KT.DHA.%02d", i);
        snprintf(name, sizeof name, "Xã số %d", i);
        eg_test_add_unit(&f->ds, code, name, EG_LEVEL_XA, 2);
        next = eg_xasprintf("%s%s\t%s (%s)\n", expect, want[i], name, code);
        free(expect);
        expect = next;
    }
    assert_int_equal(eg_template_write(path, &f->ds, &f->L.cat, 2, 1609459200, &dl), 0);
    assert_int_equal(dl.n, 0);
    read_back(path, &rb);
    assert_non_null(strstr(rb.top, "gồm số liệu của 49 xã"));
    assert_non_null(rb.headings);
    /* the signature rows close the form: STT empty, so not among these */
    assert_string_equal(rb.headings, expect);
    free(rb.rows);
    free(rb.top);
    free(rb.headings);
    free(expect);
    free(path);
}

/* The deadline printed as report.csv's facts give it: only an ISO date
 * (YYYY-MM-DD, 10 characters), 1 January of the year included. */
static void only_an_iso_deadline_from_the_first_of_january_on_is_printed(void **state)
{
    static const struct { const char *deadline, *said; } cases[] = {
        { "2021-01-01", "Hạn gửi: 01/01/2021." },
        { "2021/12-31", NULL },
        { "2021-12/31", NULL },
        { "2021-12-3", NULL },
        { "2021-12-310", NULL },
    };
    fixture *f = *state;
    char *path = eg_xasprintf("%s/KT.STP.xlsx", f->dir);

    f->ds.facts = eg_xcalloc(1, sizeof *f->ds.facts);
    f->ds.facts[0].key = eg_xstrdup("deadline");
    f->ds.n_facts = 1;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        eg_diag_list dl = { 0 };
        readback rb;

        free(f->ds.facts[0].value);
        f->ds.facts[0].value = eg_xstrdup(cases[i].deadline);
        assert_int_equal(eg_template_write(path, &f->ds, &f->L.cat, 1, 1609459200, &dl), 0);
        read_back(path, &rb);
        if (cases[i].said ? !strstr(rb.top, cases[i].said) : strstr(rb.top, "Hạn gửi") != NULL)
            fail_msg("deadline '%s': the form says '%s'", cases[i].deadline, rb.top);
        free(rb.rows);
        free(rb.top);
        free(rb.headings);
    }
    free(path);
}

/* A failure while the form is made (a label longer than a cell holds,
 * that of the district's first row and of each commune's) is said once,
 * at the row where it first happened, and leaves no file. */
static void a_form_that_fails_while_made_says_where_first_and_leaves_nothing(void **state)
{
    fixture *f = *state;
    eg_diag_list dl = { 0 };
    char *path = eg_xasprintf("%s/KT.DHA.xlsx", f->dir);
    int k = eg_catalogue_find(&f->L.cat, "ht.cbcc");
    char *label = eg_xmalloc(40001);
    struct stat st;

    assert_int_equal(k, 0);
    memset(label, 'n', 40000);
    label[40000] = '\0';
    free(f->L.cat.items[k].label);
    f->L.cat.items[k].label = label;
    assert_int_equal(eg_template_write(path, &f->ds, &f->L.cat, 2, 1609459200, &dl), -1);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.n_fatal, 1);
    assert_string_equal(dl.items[0].code, "F_XLSX");
    /* row 6 the header, 7 the district's heading, 8 its first row */
    if (!strstr(dl.items[0].message, "(while writing row 8)"))
        fail_msg("said: %s", dl.items[0].message);
    assert_int_not_equal(stat(path, &st), 0);
    eg_diag_free(&dl);
    free(path);
}

static char *slurp(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    char *buf;
    long len;

    assert_non_null(fp);
    assert_int_equal(fseek(fp, 0, SEEK_END), 0);
    len = ftell(fp);
    rewind(fp);
    buf = eg_xmalloc((size_t)len + 1);
    assert_int_equal(fread(buf, 1, (size_t)len, fp), (size_t)len);
    fclose(fp);
    *n = (size_t)len;
    return buf;
}

static void the_same_form_and_time_give_the_same_bytes(void **state)
{
    fixture *f = *state;
    eg_diag_list dl = { 0 };
    char *a = eg_xasprintf("%s/a.xlsx", f->dir), *b = eg_xasprintf("%s/b.xlsx", f->dir);
    char *c = eg_xasprintf("%s/c.xlsx", f->dir);
    char *x, *y, *z;
    size_t nx, ny, nz;

    assert_int_equal(eg_template_write(a, &f->ds, &f->L.cat, 0, 1609459200, &dl), 0);
    sleep(1);
    assert_int_equal(eg_template_write(b, &f->ds, &f->L.cat, 0, 1609459200, &dl), 0);
    assert_int_equal(eg_template_write(c, &f->ds, &f->L.cat, 0, 1600000000, &dl), 0);
    x = slurp(a, &nx);
    y = slurp(b, &ny);
    z = slurp(c, &nz);
    assert_int_equal(nx, ny);
    assert_memory_equal(x, y, nx);
    assert_true(nx != nz || memcmp(x, z, nx) != 0);
    free(x);
    free(y);
    free(z);
    free(a);
    free(b);
    free(c);
}

static void a_form_that_cannot_be_written_is_f_xlsx_and_leaves_nothing(void **state)
{
    fixture *f = *state;
    eg_diag_list dl = { 0 };
    char *path = eg_xasprintf("%s/no-such-folder/KT.xlsx", f->dir);
    struct stat st;

    assert_int_equal(eg_template_write(path, &f->ds, &f->L.cat, 0, 1609459200, &dl), -1);
    assert_int_equal(dl.n_fatal, 1);
    assert_string_equal(dl.items[0].code, "F_XLSX");
    assert_non_null(strstr(dl.items[0].message, "KT.xlsx"));
    assert_int_not_equal(stat(path, &st), 0);
    eg_diag_free(&dl);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(who_gets_a_form_of_their_own, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(a_district_form_reads_back_as_its_rows_then_each_communes,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_department_form_prints_the_deadline_of_report_csv,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_deadline_before_the_year_is_left_out_of_the_form,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_districts_blocks_are_numbered_i_to_l_in_roman_numerals,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(
            only_an_iso_deadline_from_the_first_of_january_on_is_printed, fixture_setup,
            fixture_teardown),
        cmocka_unit_test_setup_teardown(
            a_form_that_fails_while_made_says_where_first_and_leaves_nothing, fixture_setup,
            fixture_teardown),
        cmocka_unit_test_setup_teardown(the_same_form_and_time_give_the_same_bytes,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_form_that_cannot_be_written_is_f_xlsx_and_leaves_nothing,
                                        fixture_setup, fixture_teardown),
    };

    return cmocka_run_group_tests_name("submission forms", tests, NULL, NULL);
}
