/*
 * test_datacsv.c - write/datacsv.h: data.csv byte for byte: its header,
 * one row per accepted value with its unit, parent, indicator, file and
 * row, each type's value as the workbook holds it (a percent as a
 * fraction, a decimal never with an exponent), the day the figures run
 * to, and a write that fails said.
 *
 * The year is made by hand: a province, a department, a district, a
 * catalogue of one indicator of each type.
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
#include "core/model.h"
#include "layout/layout.h"
#include "write/datacsv.h"

#include "support.h"

#define HEADER "year,unit_code,unit_name,level,parent_code,indicator,indicator_label,value," \
               "file,row,note,as_of,provisional\n"

static eg_enum_option options[] = {
    { .code = (char *)"mot_cua", .label = (char *)"một cửa" },
    { .code = (char *)"lien_thong", .label = (char *)"liên thông" },
};

/* One indicator of each type, at their eg_type's place. */
static eg_indicator indicators[] = {
    { .code = (char *)"ht.cbcc", .label = (char *)"Số cán bộ", .type = EG_TYPE_COUNT },
    { .code = (char *)"dt.kinh_phi", .label = (char *)"Kinh phí, đồng", .type = EG_TYPE_MONEY },
    { .code = (char *)"ht.ty_so", .label = (char *)"Tỷ số", .type = EG_TYPE_NUMBER },
    { .code = (char *)"tl.ho_so", .label = (char *)"Tỷ lệ \"đúng hạn\"", .type = EG_TYPE_PERCENT },
    { .code = (char *)"tt.qlvb", .label = (char *)"Có QLVB", .type = EG_TYPE_BOOL },
    { .code = (char *)"tt.mo_hinh", .label = (char *)"Mô hình", .type = EG_TYPE_ENUM,
      .options = options, .n_options = 2 },
    { .code = (char *)"diem.san_sang", .label = (char *)"Điểm sẵn sàng", .type = EG_TYPE_SCORE },
    { .code = (char *)"tt.cong", .label = (char *)"Địa chỉ cổng", .type = EG_TYPE_TEXT },
};

enum { TINH, SO, HUYEN };

typedef struct {
    eg_dataset ds;
    eg_layouts L;
} year;

static int year_setup(void **state)
{
    year *y = eg_xcalloc(1, sizeof *y);

    y->L.cat.items = indicators;
    y->L.cat.n = sizeof indicators / sizeof *indicators;
    eg_test_add_unit(&y->ds, "GL", "Tỉnh Gia Lai", EG_LEVEL_TINH, -1);
    eg_test_add_unit(&y->ds, "GL.STP", "Sở Tư pháp", EG_LEVEL_SO, TINH);
    eg_test_add_unit(&y->ds, "GL.HA", "Huyện A, B", EG_LEVEL_HUYEN, TINH);
    y->ds.year = 2020;
    y->ds.files = eg_xcalloc(2, sizeof *y->ds.files);
    y->ds.files[0].path = eg_xstrdup("submissions/stp.csv");
    y->ds.files[1].path = eg_xstrdup("submissions/huyen a.xlsx");
    y->ds.n_files = 2;
    *state = y;
    return 0;
}

static int year_teardown(void **state)
{
    year *y = *state;

    eg_dataset_free(&y->ds);
    free(y);
    return 0;
}

/* Adds a value of unit u for the indicator of type t: i or d as the
 * type holds it, its text and note as read (note may be NULL). */
static eg_value *add(year *y, int u, eg_type t, int64_t i, double d, const char *text,
                     const char *note, int file, long row)
{
    eg_dataset *ds = &y->ds;
    eg_value *v;

    ds->values = eg_xrealloc(ds->values, (ds->n_values + 1) * sizeof *ds->values);
    v = &ds->values[ds->n_values++];
    memset(v, 0, sizeof *v);
    v->unit = u;
    v->indicator = (int)t;
    v->i = i;
    v->d = d;
    v->text = eg_dataset_keep(ds, text);
    v->note = note ? eg_dataset_keep(ds, note) : NULL;
    v->file = file;
    v->row = row;
    return v;
}

/* What eg_datacsv_write writes of y, which it must write without error. */
static char *written(const year *y)
{
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);

    assert_non_null(f);
    assert_int_equal(eg_datacsv_write(f, &y->ds, &y->L), 0);
    assert_int_equal(fclose(f), 0);
    return out;
}

/* The value cell of data.csv's only row. */
static char *value_of(year *y)
{
    char *out = written(y), *v = out + strlen(HEADER);

    /* the value is the 8th field; none before it holds a comma here */
    for (int k = 0; k < 7; k++)
        v = strchr(v, ',') + 1;
    *strchr(v, ',') = '\0';
    memmove(out, v, strlen(v) + 1);
    return out;
}

/* ---- rows ---------------------------------------------------------------- */

static void nothing_accepted_is_the_header_alone(void **state)
{
    year *y = *state;
    char *out = written(y);

    assert_string_equal(out, HEADER);
    free(out);
}

/* Every column of a row, each type's value as the workbook holds it; a
 * unit, label or file met again is written the same (its CSV text is
 * kept, not made again). */
static void each_value_is_a_row_with_its_unit_indicator_and_place(void **state)
{
    year *y = *state;
    char *out;

    add(y, SO, EG_TYPE_COUNT, 45, 45, "45", NULL, 0, 7);
    add(y, SO, EG_TYPE_MONEY, 5000000, 5e6, "5.000.000", "dự toán", 0, 8);
    add(y, SO, EG_TYPE_NUMBER, 0, 2.5, "2,5", NULL, 0, 9);
    add(y, SO, EG_TYPE_PERCENT, 0, 84.04, "84,04", NULL, 0, 10);
    add(y, SO, EG_TYPE_BOOL, 1, 1, "có", NULL, 0, 11);
    add(y, SO, EG_TYPE_BOOL, 0, 0, "không", NULL, 0, 12);
    add(y, SO, EG_TYPE_ENUM, 1, 1, "Liên thông", NULL, 0, 13);
    add(y, SO, EG_TYPE_SCORE, 0, 31.25, "31,25", NULL, 0, 14);
    add(y, SO, EG_TYPE_TEXT, 0, 0, "https://stp.gialai.gov.vn", NULL, 0, 15);
    add(y, HUYEN, EG_TYPE_COUNT, 0, 0, "0", "=SUM(A1)", 1, 2);
    add(y, TINH, EG_TYPE_PERCENT, 0, 100, "100%", NULL, 1, 3);
    add(y, HUYEN, EG_TYPE_ENUM, 0, 0, "một cửa", NULL, 1, 4);
    out = written(y);
    assert_string_equal(out,
        HEADER
        "2020,GL.STP,Sở Tư pháp,so,GL,ht.cbcc,Số cán bộ,45,submissions/stp.csv,7,,2020-12-31,0\n"
        "2020,GL.STP,Sở Tư pháp,so,GL,dt.kinh_phi,\"Kinh phí, đồng\",5000000,"
        "submissions/stp.csv,8,dự toán,2020-12-31,0\n"
        "2020,GL.STP,Sở Tư pháp,so,GL,ht.ty_so,Tỷ số,2.5,submissions/stp.csv,9,,2020-12-31,0\n"
        "2020,GL.STP,Sở Tư pháp,so,GL,tl.ho_so,\"Tỷ lệ \"\"đúng hạn\"\"\",0.8404,"
        "submissions/stp.csv,10,,2020-12-31,0\n"
        "2020,GL.STP,Sở Tư pháp,so,GL,tt.qlvb,Có QLVB,1,submissions/stp.csv,11,,2020-12-31,0\n"
        "2020,GL.STP,Sở Tư pháp,so,GL,tt.qlvb,Có QLVB,0,submissions/stp.csv,12,,2020-12-31,0\n"
        "2020,GL.STP,Sở Tư pháp,so,GL,tt.mo_hinh,Mô hình,lien_thong,submissions/stp.csv,13,,"
        "2020-12-31,0\n"
        "2020,GL.STP,Sở Tư pháp,so,GL,diem.san_sang,Điểm sẵn sàng,31.25,submissions/stp.csv,14,,"
        "2020-12-31,0\n"
        "2020,GL.STP,Sở Tư pháp,so,GL,tt.cong,Địa chỉ cổng,https://stp.gialai.gov.vn,"
        "submissions/stp.csv,15,,2020-12-31,0\n"
        "2020,GL.HA,\"Huyện A, B\",huyen,GL,ht.cbcc,Số cán bộ,0,submissions/huyen a.xlsx,2,"
        "'=SUM(A1),2020-12-31,0\n"
        "2020,GL,Tỉnh Gia Lai,tinh,,tl.ho_so,\"Tỷ lệ \"\"đúng hạn\"\"\",1,"
        "submissions/huyen a.xlsx,3,,2020-12-31,0\n"
        "2020,GL.HA,\"Huyện A, B\",huyen,GL,tt.mo_hinh,Mô hình,mot_cua,"
        "submissions/huyen a.xlsx,4,,2020-12-31,0\n");
    free(out);
}

/* A value of no file or row of one, a unit of no parent among the units
 * (never so in a build) leave those cells empty rather than name a file
 * or a parent that is not one of the year's, or row 0. */
static void a_value_of_no_file_nor_row_leaves_them_empty(void **state)
{
    year *y = *state;
    char *out;

    eg_test_add_unit(&y->ds, "GL.X", "Xã X", EG_LEVEL_XA, HUYEN + 2);
    add(y, SO, EG_TYPE_COUNT, 3, 3, "3", NULL, -1, 0);
    add(y, SO, EG_TYPE_COUNT, 4, 4, "4", NULL, 1, -1);
    add(y, HUYEN + 1, EG_TYPE_COUNT, 5, 5, "5", NULL, 0, 2);
    /* the second file and a unit after the new one are there, but past
     * what the year counts (its parent is the one after it) */
    eg_test_add_unit(&y->ds, "GL.Y", "Xã Y", EG_LEVEL_XA, HUYEN);
    y->ds.n_files = 1;
    y->ds.registry.n--;
    out = written(y);
    y->ds.n_files = 2;
    y->ds.registry.n++;
    assert_string_equal(out,
        HEADER
        "2020,GL.STP,Sở Tư pháp,so,GL,ht.cbcc,Số cán bộ,3,,,,2020-12-31,0\n"
        "2020,GL.STP,Sở Tư pháp,so,GL,ht.cbcc,Số cán bộ,4,,,,2020-12-31,0\n"
        "2020,GL.X,Xã X,xa,,ht.cbcc,Số cán bộ,5,submissions/stp.csv,2,,2020-12-31,0\n");
    free(out);
}

/* A whole number at both ends of its range, a row of many digits: every
 * digit and its sign. */
static void whole_numbers_keep_every_digit_and_their_sign(void **state)
{
    year *y = *state;
    char *out;

    add(y, SO, EG_TYPE_MONEY, -1200, -1200, "-1.200", NULL, 0, 1234567890);
    add(y, SO, EG_TYPE_MONEY, INT64_MAX, 0, "x", NULL, 0, 10);
    add(y, SO, EG_TYPE_MONEY, INT64_MIN, 0, "x", NULL, 0, 1);
    out = written(y);
    assert_string_equal(out,
        HEADER
        "2020,GL.STP,Sở Tư pháp,so,GL,dt.kinh_phi,\"Kinh phí, đồng\",-1200,submissions/stp.csv,"
        "1234567890,,2020-12-31,0\n"
        "2020,GL.STP,Sở Tư pháp,so,GL,dt.kinh_phi,\"Kinh phí, đồng\",9223372036854775807,"
        "submissions/stp.csv,10,,2020-12-31,0\n"
        "2020,GL.STP,Sở Tư pháp,so,GL,dt.kinh_phi,\"Kinh phí, đồng\",-9223372036854775808,"
        "submissions/stp.csv,1,,2020-12-31,0\n");
    free(out);
}

/* A decimal is the shortest that reads back as the double (15, 16 or 17
 * significant digits, as the workbook's cell holds it), but never with
 * an exponent: an engine reading the column as text, or a person, takes
 * it as written. */
static void a_decimal_is_never_written_with_an_exponent(void **state)
{
    static const struct { double d; const char *want; } cases[] = {
        { 0, "0" },
        { 2.5, "2.5" },
        { -2.5, "-2.5" },
        { 0.0001, "0.0001" },                   /* %.16g's last without one */
        { 0.00001, "0.00001" },                 /* 1e-05 */
        { -0.00001, "-0.00001" },
        { 0.000012345, "0.000012345" },
        { 1.234567890123456e-10, "0.0000000001234567890123456" },
        { 1e15, "1000000000000000" },
        { 1e16, "10000000000000000" },          /* 1e+16 */
        { 1.5e17, "150000000000000000" },
        { -1.5e17, "-150000000000000000" },
        { 123456789012345678.0, "123456789012345680" },  /* 17: ...700 reads back as another */
        { 9.999999999999999e22, "100000000000000000000000" },   /* the same double as 1e23 */
        { 9007199254740994.0, "9007199254740994" },     /* 2^53 + 2: 16 digits */
        { 123.45, "123.45" },
        { -1234567.125, "-1234567.125" },
        { 0.1 + 0.2, "0.30000000000000004" },           /* 17 digits, not 0.3 */
        { 2.0 / 3.0, "0.6666666666666666" },            /* 16 */
        { 1e-11, "0.00000000001" },                     /* %.16g: 9.999999999999999e-12 */
        { 0.07, "0.07" },
        { 1e300, "1" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
                 "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
                 "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
                 "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
                 "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
                 "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" },
    };
    year *y = *state;

    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char *got;

        y->ds.n_values = 0;
        add(y, SO, EG_TYPE_NUMBER, 0, cases[k].d, "x", NULL, 0, 2);
        got = value_of(y);
        if (strcmp(got, cases[k].want) != 0)
            fail_msg("%.17g: wrote '%s', want '%s'", cases[k].d, got, cases[k].want);
        free(got);
    }
}

/* A percent as typed is a fraction in data.csv, as in the workbook; a
 * score is the decimal as typed. */
static void a_percent_is_a_fraction_and_a_score_as_typed(void **state)
{
    static const struct { eg_type t; double d; const char *want; } cases[] = {
        { EG_TYPE_PERCENT, 84.04, "0.8404" },
        { EG_TYPE_PERCENT, 0.001, "0.00001" },
        { EG_TYPE_PERCENT, 0, "0" },
        { EG_TYPE_PERCENT, 250, "2.5" },
        { EG_TYPE_PERCENT, 1e-9, "0.00000000001" },
        { EG_TYPE_SCORE, 0.00001, "0.00001" },
        { EG_TYPE_SCORE, 7, "7" },
    };
    year *y = *state;

    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char *got;

        y->ds.n_values = 0;
        add(y, SO, cases[k].t, 99, cases[k].d, "x", NULL, 0, 2);
        got = value_of(y);
        if (strcmp(got, cases[k].want) != 0)
            fail_msg("type %d, %.17g: wrote '%s', want '%s'", (int)cases[k].t, cases[k].d, got,
                     cases[k].want);
        free(got);
    }
}

/* An option's code; an option the catalogue does not have (never so in
 * a build) is the text as read rather than another option's code or
 * a byte past the list. */
static void an_option_is_its_code_and_one_past_the_list_its_text(void **state)
{
    static const struct { int64_t i; const char *want; } cases[] = {
        { 0, "mot_cua" },
        { 1, "lien_thong" },
        { 2, "như đọc" },
        { -1, "như đọc" },
    };
    year *y = *state;

    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char *got;

        y->ds.n_values = 0;
        add(y, SO, EG_TYPE_ENUM, cases[k].i, 0, "như đọc", NULL, 0, 2);
        got = value_of(y);
        if (strcmp(got, cases[k].want) != 0)
            fail_msg("option %lld: wrote '%s', want '%s'", (long long)cases[k].i, got,
                     cases[k].want);
        free(got);
    }
}

/* A yes is 1 whatever non-zero number holds it. */
static void a_yes_is_1_and_a_no_0(void **state)
{
    year *y = *state;
    char *got;

    add(y, SO, EG_TYPE_BOOL, 2, 2, "có", NULL, 0, 2);
    got = value_of(y);
    assert_string_equal(got, "1");
    free(got);
}

/* Text cells that a spreadsheet would run are neutralised: a unit's name
 * and a note, in every row (the name's CSV text is kept after its first). */
static void a_name_or_note_like_a_formula_is_neutralised_in_every_row(void **state)
{
    year *y = *state;
    char *out;

    free(y->ds.registry.items[SO].name);
    y->ds.registry.items[SO].name = eg_xstrdup("=Sở \"A\"");
    add(y, SO, EG_TYPE_COUNT, 1, 1, "1", "-5 so với năm trước", 0, 2);
    add(y, SO, EG_TYPE_COUNT, 2, 2, "2", "+", 0, 3);
    add(y, SO, EG_TYPE_TEXT, 0, 0, "@x", "", 0, 4);
    out = written(y);
    assert_string_equal(out,
        HEADER
        "2020,GL.STP,\"'=Sở \"\"A\"\"\",so,GL,ht.cbcc,Số cán bộ,1,submissions/stp.csv,2,"
        "'-5 so với năm trước,2020-12-31,0\n"
        "2020,GL.STP,\"'=Sở \"\"A\"\"\",so,GL,ht.cbcc,Số cán bộ,2,submissions/stp.csv,3,'+,"
        "2020-12-31,0\n"
        "2020,GL.STP,\"'=Sở \"\"A\"\"\",so,GL,tt.cong,Địa chỉ cổng,'@x,submissions/stp.csv,4,,"
        "2020-12-31,0\n");
    free(out);
}

/* A field at its longest, each byte a quote doubled (a row's room is made
 * for that, EG_CSV_FIELD_MAX): a note of 5000 quotes is 10002 bytes. */
static void a_note_of_thousands_of_quotes_is_written_whole(void **state)
{
    year *y = *state;
    enum { N = 5000 };
    char *note = eg_xmalloc(N + 1), *want = eg_xmalloc(2 * N + 3), *out, *cell;

    memset(note, '"', N);
    note[N] = '\0';
    want[0] = '"';
    memset(want + 1, '"', 2 * N);
    want[2 * N + 1] = '"';
    want[2 * N + 2] = '\0';
    add(y, SO, EG_TYPE_TEXT, 0, 0, note, note, 0, 2);
    out = written(y);
    cell = strstr(out, ",2,\"");
    assert_non_null(cell);
    assert_int_equal(strlen(cell), 3 + strlen(want) + strlen(",2020-12-31,0\n"));
    assert_memory_equal(cell + 3, want, strlen(want));
    assert_string_equal(cell + 3 + strlen(want), ",2020-12-31,0\n");
    free(out);
    free(want);
    free(note);
}

/* Many units, more than the texts kept by their pointer: each row still
 * names its own unit, whichever text took another's place. */
static void each_row_of_many_units_names_its_own(void **state)
{
    year *y = *state;
    enum { N = 3000 };
    char *out, *p;

    for (int u = 0; u < N; u++) {
        char code[32], name[48];

        snprintf(code, sizeof code, "GL.X%04d", u);
        snprintf(name, sizeof name, "Xã, số %d", u);
        eg_test_add_unit(&y->ds, code, name, EG_LEVEL_XA, HUYEN);
    }
    /* each unit twice, the second pass in another order */
    for (int k = 0; k < 2 * N; k++) {
        int u = k < N ? k : (int)(((long)(k - N) * 7919) % N);

        add(y, 3 + u, EG_TYPE_COUNT, u, u, "x", NULL, 1, k + 2);
    }
    out = written(y);
    p = out + strlen(HEADER);
    for (int k = 0; k < 2 * N; k++) {
        int u = k < N ? k : (int)(((long)(k - N) * 7919) % N);
        char want[160];
        size_t n = (size_t)snprintf(want, sizeof want,
                                    "2020,GL.X%04d,\"Xã, số %d\",xa,GL.HA,ht.cbcc,Số cán bộ,%d,"
                                    "submissions/huyen a.xlsx,%d,,2020-12-31,0\n",
                                    u, u, u, k + 2);

        if (strncmp(p, want, n) != 0)
            fail_msg("row %d: '%.*s', want '%s'", k + 2, (int)n, p, want);
        p += n;
    }
    assert_string_equal(p, "");
    free(out);
}

/* ---- the day the figures run to ----------------------------------------- */

static void a_year_not_over_says_its_day_and_1_on_every_row(void **state)
{
    year *y = *state;
    char *out;

    snprintf(y->ds.as_of, sizeof y->ds.as_of, "2020-06-30");
    y->ds.provisional = 1;
    add(y, SO, EG_TYPE_COUNT, 1, 1, "1", NULL, 0, 2);
    add(y, TINH, EG_TYPE_COUNT, 2, 2, "2", NULL, 0, 3);
    out = written(y);
    assert_string_equal(out,
        HEADER
        "2020,GL.STP,Sở Tư pháp,so,GL,ht.cbcc,Số cán bộ,1,submissions/stp.csv,2,,2020-06-30,1\n"
        "2020,GL,Tỉnh Gia Lai,tinh,,ht.cbcc,Số cán bộ,2,submissions/stp.csv,3,,2020-06-30,1\n");
    free(out);
}

/* A build during 31 December itself: the year's last day, still 1. */
static void a_build_of_31_december_is_still_provisional(void **state)
{
    year *y = *state;
    char *out;

    snprintf(y->ds.as_of, sizeof y->ds.as_of, "2020-12-31");
    y->ds.provisional = 1;
    add(y, SO, EG_TYPE_COUNT, 1, 1, "1", NULL, 0, 2);
    out = written(y);
    assert_string_equal(out,
        HEADER
        "2020,GL.STP,Sở Tư pháp,so,GL,ht.cbcc,Số cán bộ,1,submissions/stp.csv,2,,2020-12-31,1\n");
    free(out);
}

/* ---- a write that fails ---------------------------------------------------- */

/* A file that cannot take what is written (a full disk) is said: -1,
 * whether the header or a row is what it could not take. */
static void a_write_that_fails_is_said(void **state)
{
    year *y = *state;
    FILE *f = fopen("/dev/full", "w");

    if (!f)
        skip();
    assert_int_equal(setvbuf(f, NULL, _IONBF, 0), 0);
    assert_int_equal(eg_datacsv_write(f, &y->ds, &y->L), -1);
    fclose(f);
}

static void a_row_that_does_not_fit_is_said(void **state)
{
    year *y = *state;
    char buf[sizeof HEADER + 8];
    FILE *f = fmemopen(buf, sizeof buf, "w");

    assert_non_null(f);
    assert_int_equal(setvbuf(f, NULL, _IONBF, 0), 0);
    add(y, SO, EG_TYPE_COUNT, 1, 1, "1", NULL, 0, 2);
    assert_int_equal(eg_datacsv_write(f, &y->ds, &y->L), -1);
    fclose(f);
}

#define T(f) cmocka_unit_test_setup_teardown(f, year_setup, year_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(nothing_accepted_is_the_header_alone),
        T(each_value_is_a_row_with_its_unit_indicator_and_place),
        T(a_value_of_no_file_nor_row_leaves_them_empty),
        T(whole_numbers_keep_every_digit_and_their_sign),
        T(a_decimal_is_never_written_with_an_exponent),
        T(a_percent_is_a_fraction_and_a_score_as_typed),
        T(an_option_is_its_code_and_one_past_the_list_its_text),
        T(a_yes_is_1_and_a_no_0),
        T(a_name_or_note_like_a_formula_is_neutralised_in_every_row),
        T(a_note_of_thousands_of_quotes_is_written_whole),
        T(each_row_of_many_units_names_its_own),
        T(a_year_not_over_says_its_day_and_1_on_every_row),
        T(a_build_of_31_december_is_still_provisional),
        T(a_write_that_fails_is_said),
        T(a_row_that_does_not_fit_is_said),
    };

    return cmocka_run_group_tests_name("data.csv", tests, NULL, NULL);
}
