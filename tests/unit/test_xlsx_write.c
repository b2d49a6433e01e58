/*
 * test_xlsx_write.c - write/xlsx.h and its helpers (xlsx_priv.h): names
 * Excel accepts, ranges, how values are split over Dữ liệu sheets, the
 * number a value is in Dữ liệu, and the workbook of a small year written
 * whole, in memory and streamed, or refused with F_XLSX; the rows of
 * Dữ liệu we write, the rankings, Thông tin.  Tổng hợp is tested in
 * test_xlsx_summary.c, more of Xếp hạng in test_xlsx_rank.c.
 *
 * The content of real workbooks is checked end to end (tests/e2e_workbook.py):
 * LibreOffice recalculates them there.
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
#include <zip.h>
#include <zlib.h>

#include "core/diag.h"
#include "core/mem.h"
#include "core/text.h"
#include "layout/layout.h"
#include "normalize/figures.h"
#include "write/xlsx.h"
#include "write/xlsx_priv.h"

#include "xlsx_write_support.h"

/* --- names and ranges ---------------------------------------------------- */

static void names_excel_accepts_are_valid(void **state)
{
    static const char *const good[] = {
        "DuLieu", "TongHoSo", "_x", "A1B", "ABCD1", "RC1D", "x_1", "R1C1x", NULL
    };

    (void)state;
    for (size_t i = 0; good[i]; i++)
        if (!eg_xlsx_name_valid(good[i]))
            fail_msg("'%s' should be a valid name", good[i]);
}

static void names_that_read_as_cells_or_hold_other_characters_are_refused(void **state)
{
    static const char *const bad[] = {
        "", "A1", "XFD1048576", "abc123", "R", "C", "r", "R1C1", "R12C", "R1C", "RC", "1abc",
        "Dữ liệu", "Tổng", "a b", "a-b", "a'b", "=A1", NULL
    };
    char longname[300];

    (void)state;
    for (size_t i = 0; bad[i]; i++)
        if (eg_xlsx_name_valid(bad[i]))
            fail_msg("'%s' should be refused", bad[i]);
    assert_false(eg_xlsx_name_valid(NULL));
    memset(longname, 'a', 256);
    longname[256] = '\0';
    assert_false(eg_xlsx_name_valid(longname));
    longname[255] = '\0';
    assert_true(eg_xlsx_name_valid(longname));
}

static void ranges_are_written_as_excel_writes_them(void **state)
{
    char buf[64];

    (void)state;
    eg_xlsx_range(buf, sizeof buf, 7, 2, 6361, 1);
    assert_string_equal(buf, "$H$2:$H$6361");
    eg_xlsx_range(buf, sizeof buf, 2, 4, 12, 0);
    assert_string_equal(buf, "C4:C12");
    eg_xlsx_range(buf, sizeof buf, 2, 7, 7, 0);
    assert_string_equal(buf, "C7");
    eg_xlsx_range(buf, sizeof buf, 26, 1, 1048576, 1);
    assert_string_equal(buf, "$AA$1:$AA$1048576");
}

/* --- Dữ liệu sheets -------------------------------------------------------- */

/* Numbers are written as the shortest decimal that reads back as the
 * same double: %.15G, %.16G or %.17G, the first that does. */
static void numbers_are_the_shortest_decimal_that_reads_back(void **state)
{
    static const struct { double v; const char *want; } cases[] = {
        { 0.1, "0.1" },
        { 1.0 / 3.0, "0.3333333333333333" },
        { 0.010238509896151193, "0.010238509896151193" },
        { 4127.0 / 403086.0, "0.010238509896151193" },
        { 1e-7, "1E-07" },
        { 123456789012345680.0, "1.2345678901234568E+17" },
        { 9007199254740992.0, "9007199254740992" },
        { -9007199254740992.0, "-9007199254740992" },
        { 0.8404, "0.8404" },
        { 0.1 + 0.2, "0.30000000000000004" },
        { 2.5, "2.5" },
        { -0.0, "-0" },
        { 0.0, "0" },
        { 1e300, "1E+300" },
        { 5e-324, "4.94065645841247E-324" },
    };
    char buf[40];

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t n = eg_xlsx_fmt_double(buf, cases[i].v);

        assert_int_equal(n, strlen(buf));
        assert_string_equal(buf, cases[i].want);
        assert_true(strtod(buf, NULL) == cases[i].v);
    }
    /* and %.16G is exact for those that need no more */
    assert_true(eg_xlsx_16g_exact(0.1) && eg_xlsx_16g_exact(1.0 / 3.0) &&
                eg_xlsx_16g_exact(123456.0));
    assert_false(eg_xlsx_16g_exact(0.010238509896151193));
    /* a whole number from 10^15 on is exact only where its 16 digits are:
     * 10^16 + 2 prints as 1E+16 */
    assert_true(eg_xlsx_16g_exact(999999999999999.0) && eg_xlsx_16g_exact(9999999999999998.0));
    assert_false(eg_xlsx_16g_exact(10000000000000002.0));
    assert_false(eg_xlsx_16g_exact(-10000000000000002.0));
}

/* Text for a cell: NULL (the text as it is) when it is valid UTF-8 of at
 * most 32,000 characters; else a copy with each byte that is no
 * character, and the noncharacters U+FFFE and U+FFFF that XML refuses,
 * made U+FFFD, cut at 32,000 characters and "…" added. */
static void text_is_made_safe_for_a_cell(void **state)
{
    static const struct { const char *in, *want; size_t chars; } cases[] = {
        { "Đăk Hà", NULL, 6 },
        { "a\xEF\xBF\xBE" "b", "a\xEF\xBF\xBD" "b", 3 },
        { "a\xEF\xBF\xBF" "b", "a\xEF\xBF\xBD" "b", 3 },
        { "\xC3(ab", "\xEF\xBF\xBD(ab", 4 },
        { "x\xFF\xFEy", "x\xEF\xBF\xBD\xEF\xBF\xBDy", 4 },
    };
    char *big = malloc(32002 * 3), *out;
    size_t chars;

    (void)state;
    assert_non_null(big);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        out = eg_xlsx_safe_text(cases[i].in, &chars);
        if (cases[i].want)
            assert_string_equal(out, cases[i].want);
        else
            assert_null(out);
        assert_int_equal(chars, cases[i].chars);
        free(out);
    }
    /* 32,000 characters are kept, one more is cut: 32,000 and "…" */
    memset(big, 'a', 32000);
    big[32000] = '\0';
    assert_null(eg_xlsx_safe_text(big, &chars));
    assert_int_equal(chars, 32000);
    strcpy(big + 32000, "bc");
    out = eg_xlsx_safe_text(big, &chars);
    assert_non_null(out);
    assert_int_equal(chars, 32001);
    assert_int_equal(strlen(out), 32003);
    assert_memory_equal(out + 31999, "a\xE2\x80\xA6", 4);
    free(out);
    /* counted in characters, not bytes: 32,000 "ư" are kept */
    for (size_t i = 0; i < 32000; i++)
        memcpy(big + 2 * i, "\xC6\xB0", 2);
    big[64000] = '\0';
    assert_null(eg_xlsx_safe_text(big, &chars));
    assert_int_equal(chars, 32000);
    memcpy(big + 64000, "\xC6\xB0", 3);
    out = eg_xlsx_safe_text(big, &chars);
    assert_int_equal(chars, 32001);
    assert_memory_equal(out + 63998, "\xC6\xB0\xE2\x80\xA6", 6);
    free(out);
    free(big);
}

/* The characters a number takes in its column, as its format shows it:
 * the digits of its whole part, the thousands' separators, the decimals
 * and the sign of a change. */
static void a_number_is_as_wide_as_its_format_shows_it(void **state)
{
    /* only the formats' addresses are compared */
    static char fmts[9];
    eg_xctx x;

    (void)state;
    memset(&x, 0, sizeof x);
    x.pct = (lxw_format *)&fmts[0];
    x.points = (lxw_format *)&fmts[1];
    x.dec2 = (lxw_format *)&fmts[2];
    x.dec = (lxw_format *)&fmts[3];
    x.signed_dec = (lxw_format *)&fmts[4];
    x.count = (lxw_format *)&fmts[5];
    x.signed_count = (lxw_format *)&fmts[6];
    assert_true(eg_xlsx_number_width(0.8404, x.pct, &x) == 6);         /* 84.04% */
    assert_true(eg_xlsx_number_width(-0.117, x.points, &x) == 6);      /* -11.70% */
    assert_true(eg_xlsx_number_width(123.456, x.dec2, &x) == 7);       /* 123.46 */
    assert_true(eg_xlsx_number_width(1234567.5, x.dec, &x) == 12);     /* 1,234,567.50 */
    assert_true(eg_xlsx_number_width(1234.5, x.signed_dec, &x) == 9);  /* +1,234.50 */
    assert_true(eg_xlsx_number_width(1234567, x.count, &x) == 9);      /* 1,234,567 */
    assert_true(eg_xlsx_number_width(-1234, x.signed_count, &x) == 6); /* -1,234 */
    assert_true(eg_xlsx_number_width(2020, NULL, &x) == 4);
    assert_true(eg_xlsx_number_width(2.5, NULL, &x) == 7);             /* 1 + decimals */
    assert_true(eg_xlsx_number_width(9.6, NULL, &x) == 8);             /* 10 when rounded */
    assert_true(eg_xlsx_number_width(1e15, NULL, &x) == 16);
    assert_true(eg_xlsx_number_width(-1e20, x.count, &x) == 21 + 7);
}

static void plan(eg_xctx *x, eg_dataset *ds, size_t n_values, size_t per_sheet)
{
    memset(x, 0, sizeof *x);
    memset(ds, 0, sizeof *ds);
    ds->n_values = n_values;
    x->ds = ds;
    eg_xlsx_data_plan(x, per_sheet);
}

static void no_values_make_one_empty_data_sheet(void **state)
{
    eg_xctx x;
    eg_dataset ds;

    (void)state;
    plan(&x, &ds, 0, EG_XLSX_MAX_DATA_ROWS);
    assert_int_equal(x.n_data, 1);
    assert_string_equal(x.data[0].name, "Dữ liệu");
    assert_int_equal(x.data[0].n, 0);
    free(x.data);
}

static void a_full_sheet_stays_one_sheet_and_one_more_value_makes_two(void **state)
{
    eg_xctx x;
    eg_dataset ds;

    (void)state;
    plan(&x, &ds, EG_XLSX_MAX_DATA_ROWS, EG_XLSX_MAX_DATA_ROWS);
    assert_int_equal(x.n_data, 1);
    assert_int_equal(x.data[0].n, 1048575);
    free(x.data);
    plan(&x, &ds, EG_XLSX_MAX_DATA_ROWS + 1, EG_XLSX_MAX_DATA_ROWS);
    assert_int_equal(x.n_data, 2);
    assert_string_equal(x.data[1].name, "Dữ liệu (2)");
    assert_int_equal(x.data[0].first, 0);
    assert_int_equal(x.data[1].first, 1048575);
    assert_int_equal(x.data[1].n, 1);
    free(x.data);
}

static void values_are_cut_into_sheets_in_order(void **state)
{
    eg_xctx x;
    eg_dataset ds;
    size_t total = 0;

    (void)state;
    plan(&x, &ds, 1000, 150);
    assert_int_equal(x.n_data, 7);
    for (size_t s = 0; s < x.n_data; s++) {
        char want[48];

        if (s == 0)
            snprintf(want, sizeof want, "Dữ liệu");
        else
            snprintf(want, sizeof want, "Dữ liệu (%zu)", s + 1);
        assert_string_equal(x.data[s].name, want);
        assert_int_equal(x.data[s].first, total);
        assert_true(eg_utf8_len(x.data[s].name) <= 31);
        total += x.data[s].n;
    }
    assert_int_equal(x.data[6].n, 100);
    assert_int_equal(total, 1000);
    free(x.data);
}

static void dulieu_holds_numbers_as_a_spreadsheet_adds_them(void **state)
{
    eg_indicator ind;
    eg_value v;
    double d;

    (void)state;
    memset(&ind, 0, sizeof ind);
    memset(&v, 0, sizeof v);
    ind.type = EG_TYPE_COUNT;
    v.i = 403086;
    assert_true(eg_xlsx_data_number(&ind, &v, &d));
    assert_true(d == 403086.0);
    ind.type = EG_TYPE_PERCENT;
    v.d = 84.04;
    assert_true(eg_xlsx_data_number(&ind, &v, &d));
    assert_true(d == 84.04 / 100.0);
    ind.type = EG_TYPE_BOOL;
    v.i = 1;
    assert_true(eg_xlsx_data_number(&ind, &v, &d));
    assert_true(d == 1.0);
    ind.type = EG_TYPE_SCORE;
    v.d = 29.5;
    assert_true(eg_xlsx_data_number(&ind, &v, &d));
    assert_true(d == 29.5);
    ind.type = EG_TYPE_ENUM;
    assert_false(eg_xlsx_data_number(&ind, &v, &d));
    ind.type = EG_TYPE_TEXT;
    assert_false(eg_xlsx_data_number(&ind, &v, &d));
}

/* Giá trị is formatted as a percentage for a percentage, with thousands
 * for a count and for money, and not at all otherwise. */
static void dulieu_formats_percentages_counts_and_money(void **state)
{
    static const struct { eg_type type; int want; } cases[] = {
        { EG_TYPE_PERCENT, 1 }, { EG_TYPE_COUNT, 2 }, { EG_TYPE_MONEY, 2 }, { EG_TYPE_NUMBER, 0 },
        { EG_TYPE_BOOL, 0 }, { EG_TYPE_ENUM, 0 }, { EG_TYPE_SCORE, 0 }, { EG_TYPE_TEXT, 0 },
    };
    lxw_format pct, count;
    eg_xctx x;
    eg_indicator ind;

    (void)state;
    memset(&x, 0, sizeof x);
    memset(&ind, 0, sizeof ind);
    x.pct = &pct;
    x.count = &count;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        lxw_format *want = cases[i].want == 1 ? &pct : cases[i].want == 2 ? &count : NULL;

        ind.type = cases[i].type;
        assert_ptr_equal(eg_xlsx_value_format(&x, &ind), want);
    }
}

/* --- whole workbooks --------------------------------------------------------- */

static void the_same_year_gives_the_same_bytes_in_memory_and_streamed(void **state)
{
    fixture *f = *state;
    size_t n1, n2, n3, n4;
    char *a = write_workbook(f, "a.xlsx", &n1), *b = write_workbook(f, "b.xlsx", &n2), *c, *d;

    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    /* streamed over sheets of 2 rows: another file, itself reproducible */
    setenv("EGREPORT_XLSX_ROWS_PER_SHEET", "2", 1);
    c = write_workbook(f, "c.xlsx", &n3);
    d = write_workbook(f, "d.xlsx", &n4);
    unsetenv("EGREPORT_XLSX_ROWS_PER_SHEET");
    assert_int_equal(n3, n4);
    assert_memory_equal(c, d, n3);
    assert_true(n3 != n1 || memcmp(a, c, n1) != 0);
    free(a);
    free(b);
    free(c);
    free(d);
}

static void a_hook_value_that_is_not_a_count_is_ignored(void **state)
{
    fixture *f = *state;
    size_t n1, n2;
    char *a = write_workbook(f, "e.xlsx", &n1), *b;

    setenv("EGREPORT_XLSX_ROWS_PER_SHEET", "0", 1);
    setenv("EGREPORT_XLSX_STREAM_VALUES", "-1", 1);
    b = write_workbook(f, "f.xlsx", &n2);
    unsetenv("EGREPORT_XLSX_ROWS_PER_SHEET");
    unsetenv("EGREPORT_XLSX_STREAM_VALUES");
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    free(b);
    /* blocks of rows of "2x" or 0 rows are blocks of 1024, as given none
     * (blocks of 2 would make other bytes) */
    for (size_t i = 0; i < 2; i++) {
        setenv("EGREPORT_XLSX_BLOCK_ROWS", i ? "0" : "2x", 1);
        b = write_workbook(f, "g.xlsx", &n2);
        assert_int_equal(n1, n2);
        assert_memory_equal(a, b, n1);
        free(b);
    }
    setenv("EGREPORT_XLSX_BLOCK_ROWS", "2", 1);
    b = write_workbook(f, "h.xlsx", &n2);
    unsetenv("EGREPORT_XLSX_BLOCK_ROWS");
    assert_true(n1 != n2 || memcmp(a, b, n1) != 0);
    free(a);
    free(b);
}

static void a_workbook_that_cannot_be_written_is_f_xlsx_and_leaves_nothing(void **state)
{
    fixture *f = *state;
    eg_diag_list dl = { 0 };
    char *path = eg_xasprintf("%s/no-such-folder/x.xlsx", f->dir);
    struct stat st;

    assert_int_equal(eg_xlsx_write(path, &f->ds, &f->L, &f->res, NULL, 1600000000, NULL, &dl), -1);
    assert_int_equal(dl.n_fatal, 1);
    assert_string_equal(dl.items[0].code, "F_XLSX");
    assert_non_null(strstr(dl.items[0].message, "x.xlsx"));
    assert_int_not_equal(stat(path, &st), 0);
    eg_diag_free(&dl);
    /* streamed: the temporary files would go beside it, which fails too */
    setenv("EGREPORT_XLSX_STREAM_VALUES", "0", 1);
    assert_int_equal(eg_xlsx_write(path, &f->ds, &f->L, &f->res, NULL, 1600000000, NULL, &dl), -1);
    unsetenv("EGREPORT_XLSX_STREAM_VALUES");
    assert_int_equal(dl.n_fatal, 1);
    assert_string_equal(dl.items[0].code, "F_XLSX");
    eg_diag_free(&dl);
    free(path);
}

/* --- the rows of Dữ liệu that we write (xlsx_rows.c, xlsx_splice.c) ---------- */

/* The workbook written with our rows and with libxlsxwriter's, as parts. */
static void write_both(fixture *f, const char *tag, char **ours, size_t *n_ours,
                       char **theirs, size_t *n_theirs)
{
    char *name = eg_xasprintf("ours-%s.xlsx", tag), *path = eg_xasprintf("%s/%s", f->dir, name);
    size_t n;

    unsetenv("EGREPORT_XLSX_LXW_ROWS");
    free(write_workbook(f, name, &n));
    *ours = parts_of(path, n_ours);
    free(name);
    free(path);
    name = eg_xasprintf("theirs-%s.xlsx", tag);
    path = eg_xasprintf("%s/%s", f->dir, name);
    setenv("EGREPORT_XLSX_LXW_ROWS", "1", 1);
    free(write_workbook(f, name, &n));
    unsetenv("EGREPORT_XLSX_LXW_ROWS");
    *theirs = parts_of(path, n_theirs);
    free(name);
    free(path);
}

/* Sets variable name to value, or unsets it for NULL. */
static void set_env(const char *name, const char *value)
{
    if (value)
        setenv(name, value, 1);
    else
        unsetenv(name);
}

/* Fails run r, naming where, unless the parts of the two workbooks (as
 * parts_of gives them) are the same bytes. */
static void expect_same_parts(size_t r, const char *a, size_t na, const char *b, size_t nb)
{
    size_t i = 0;

    if (na == nb && memcmp(a, b, na) == 0)
        return;
    while (i < na && i < nb && a[i] == b[i])
        i++;
    fail_msg("run %zu: the parts differ from byte %zu: ours '%.80s', theirs '%.80s'", r, i,
             a + (i > 40 ? i - 40 : 0), b + (i > 40 ? i - 40 : 0));
}

/* The workbooks a and b of the fixture's folder hold the same parts. */
static void expect_same_files(const fixture *f, const char *a, const char *b)
{
    char *path_a = eg_xasprintf("%s/%s", f->dir, a), *path_b = eg_xasprintf("%s/%s", f->dir, b);
    size_t na, nb;
    char *pa = parts_of(path_a, &na), *pb = parts_of(path_b, &nb);

    expect_same_parts(0, pa, na, pb, nb);
    free(pa);
    free(pb);
    free(path_a);
    free(path_b);
}

/* Streamed, libxlsxwriter writes inline strings as we do: every part of the
 * two workbooks is the same, byte for byte, the sheets of Dữ liệu too;
 * whatever the blocks, threads and sheets. */
static void our_rows_are_the_bytes_libxlsxwriter_writes(void **state)
{
    static const struct { const char *per_sheet, *block; int jobs; } runs[] = {
        { NULL, NULL, 1 }, { NULL, "1", 2 }, { "2", "1", 3 }, { "3", "2", 2 }, { "7", "5", 1 },
    };
    fixture *f = *state;

    setenv("EGREPORT_XLSX_STREAM_VALUES", "0", 1);
    for (size_t r = 0; r < sizeof runs / sizeof *runs; r++) {
        char *a, *b, tag[16];
        size_t na, nb;

        set_env("EGREPORT_XLSX_ROWS_PER_SHEET", runs[r].per_sheet);
        set_env("EGREPORT_XLSX_BLOCK_ROWS", runs[r].block);
        f->ds.jobs = runs[r].jobs;
        snprintf(tag, sizeof tag, "%zu", r);
        write_both(f, tag, &a, &na, &b, &nb);
        expect_same_parts(r, a, na, b, nb);
        free(a);
        free(b);
    }
}

/* The cells that are ours: found in the sheet as libxlsxwriter would put
 * them (the nasty ones: escaped, preserved, cut). */
static void our_rows_hold_the_cells_as_excel_reads_them(void **state)
{
    fixture *f = *state;
    char *a, *b, *sheet;
    size_t na, nb;

    setenv("EGREPORT_XLSX_STREAM_VALUES", "0", 1);
    write_both(f, "cells", &a, &na, &b, &nb);
    sheet = memmem(a, na, "xl/worksheets/sheet7.xml", sizeof "xl/worksheets/sheet7.xml");
    assert_non_null(sheet);
    assert_non_null(strstr(sheet + 40, "<dimension ref=\"A1:K"));
    HAS(a, na, "<t>a_x0001_b_x001F_</t>");
    HAS(a, na, "<t xml:space=\"preserve\"> lead</t>");
    HAS(a, na, "<t>&amp;&lt;&gt;\"'</t>");
    HAS(a, na, "<t>\xEF\xBF\xBD(bad</t>");
    HAS(a, na, "<v>0.3333333333333333</v>");
    HAS(a, na, "<v>1E+17</v>");
    HAS(a, na, "<v>1E-07</v>");
    HAS(a, na, "<v>9999999999999998</v>");
    /* whole, past 2^53 and under 10^16: all 16 digits, as %.16G prints
     * them, though 9.1E+15 would read back the same */
    HAS(a, na, "<v>9100000000000000</v>");
    HAS(a, na, "<v>-9100000000000000</v>");
    HAS(a, na, "<v>-0</v>");
    HAS(a, na, "<v>0.8404</v>");
    HAS(a, na, "<v>1234567890123</v>");
    HAS(a, na, "\xE2\x80\xA6</t>");  /* the long note, cut */
    free(a);
    free(b);
}

/* In memory, ours is the same with one thread or three, and with blocks
 * of any size the same cells. */
static void our_rows_are_the_same_with_one_thread_or_three(void **state)
{
    fixture *f = *state;
    size_t n1, n3;
    char *a, *b;

    f->ds.jobs = 1;
    setenv("EGREPORT_XLSX_BLOCK_ROWS", "2", 1);
    a = write_workbook(f, "j1.xlsx", &n1);
    f->ds.jobs = 3;
    b = write_workbook(f, "j3.xlsx", &n3);
    assert_int_equal(n1, n3);
    assert_memory_equal(a, b, n1);
    free(a);
    free(b);
    /* blocks of 2 rows or of all of them: the same parts */
    unsetenv("EGREPORT_XLSX_BLOCK_ROWS");
    free(write_workbook(f, "whole.xlsx", &n1));
    expect_same_files(f, "j1.xlsx", "whole.xlsx");
}

/* Thông tin shows the SHA-256 the build's manifest made of a file of the
 * year folder, of the size it has now, rather than reading the file again;
 * a file the manifest knows at another size is read (here: it cannot be). */
static int shows_text(fixture *f, const eg_manifest *m, const char *name, const char *text)
{
    eg_diag_list dl = { 0 };
    char *path = eg_xasprintf("%s/%s", f->dir, name), *parts;
    const char *strings;
    size_t n, len;
    int found;

    assert_int_equal(eg_xlsx_write(path, &f->ds, &f->L, &f->res, NULL, 1600000000, m, &dl), 0);
    parts = parts_of(path, &n);
    strings = part_named(parts, n, "xl/sharedStrings.xml", &len);
    assert_non_null(strings);
    found = memmem(strings, len, text, strlen(text)) != NULL;
    free(parts);
    free(path);
    eg_diag_free(&dl);
    return found;
}

static void thong_tin_takes_the_hashes_the_manifest_made(void **state)
{
    fixture *f = *state;
    eg_mf_entry e = { 'f', "submissions/=1+1.csv", 12, "", 0, 0, 0 };
    eg_manifest m;

    memset(e.sha, 'a', 64);
    eg_manifest_init(&m);
    m.inputs = &e;
    m.n_inputs = 1;
    f->ds.files[0].size = 12;
    assert_true(shows_text(f, &m, "m1.xlsx", e.sha));
    assert_false(shows_text(f, &m, "m1.xlsx", "(không đọc được)"));
    /* another size: the file is read, and here it is not there */
    f->ds.files[0].size = 13;
    assert_false(shows_text(f, &m, "m2.xlsx", e.sha));
    assert_true(shows_text(f, &m, "m2.xlsx", "(không đọc được)"));
    /* no manifest: the same */
    assert_true(shows_text(f, NULL, "m3.xlsx", "(không đọc được)"));
}

/* Tổng điểm is ROUND(SUM(criteria),2) where that gives the total: a
 * department's 85.126 is 85.13, rounded half up as ROUND does; a
 * district's 85.125000001, a billionth from the half hundredth, where
 * the sum's last bits could round it either way, is its value. */
static void a_total_is_a_formula_only_where_round_gives_it(void **state)
{
    static const char *const crit[] = {
        "diem.san_sang", "diem.hien_dien", "diem.tuong_tac", "diem.giao_dich", "diem.chuyen_doi"
    };
    static const double so[] = { 30.126, 10, 20, 15, 10 };
    static const double huyen[] = { 30.125000001, 10, 20, 15, 10 };
    fixture *f = *state;
    char *parts, *s, want[64];
    const char *sheet;
    size_t n, len;

    for (size_t i = 0; i < 5; i++) {
        add_value(f, 1, crit[i], 0, so[i], "x", NULL);
        add_value(f, 2, crit[i], 0, huyen[i], "x", NULL);
    }
    parts = parts_written(f, "rank.xlsx", &n);
    sheet = part_named(parts, n, "xl/worksheets/sheet2.xml", &len);
    assert_non_null(sheet);
    assert_non_null(memmem(sheet, len, "<f>ROUND(SUM(E2:I2),2)</f><v>85.13</v>", 38));
    assert_null(memmem(sheet, len, "<f>ROUND(SUM(E3:I3),2)</f>", 26));
    assert_non_null(memmem(sheet, len, "<v>85.13</v>", 12));
    /* the value alone in the criteria's style as well */
    s = memmem(sheet, len, "<c r=\"E3\" s=\"", 13);
    assert_non_null(s);
    snprintf(want, sizeof want, "<c r=\"J3\" s=\"%d\"><v>85.13</v>", atoi(s + 13));
    assert_non_null(memmem(sheet, len, want, strlen(want)));
    free(parts);
}

/* A district missing a criterion: no rank, no total, "thiếu điểm" under
 * Ghi chú (K), as the report's ranking tables list it. */
static void a_unit_missing_a_criterion_has_its_note_under_ghi_chu(void **state)
{
    static const char *const crit[] = {
        "diem.san_sang", "diem.hien_dien", "diem.tuong_tac", "diem.giao_dich"
    };
    fixture *f = *state;
    char *parts;
    const char *sheet, *strings;
    size_t n, len;

    for (size_t i = 0; i < 4; i++)
        add_value(f, 2, crit[i], 0, 10, "10", NULL);
    parts = parts_written(f, "short.xlsx", &n);
    sheet = part_named(parts, n, "xl/worksheets/sheet2.xml", &len);
    strings = part_named(parts, n, "xl/sharedStrings.xml", &n);
    assert_non_null(sheet);
    assert_non_null(strings);
    assert_non_null(memmem(strings, n, "thiếu điểm", strlen("thiếu điểm")));
    assert_non_null(memmem(sheet, len, "<c r=\"K3\"", 9));
    assert_null(memmem(sheet, len, "<c r=\"J3\"", 9));
    assert_null(memmem(sheet, len, "<c r=\"B3\"", 9));
    free(parts);
}

/* The rankings over the many units' fixture: the department KT.STP 90;
 * the districts KT.X02 95, KT.DHA and KT.X00 80 each, KT.X04 100 from
 * four criteria of five (no rank), and three with nothing. */
static char *rankings_written(fixture *f, const char *name, size_t *n)
{
    static const char *const crit[] = {
        "diem.san_sang", "diem.hien_dien", "diem.tuong_tac", "diem.giao_dich", "diem.chuyen_doi"
    };
    static const struct { int unit; double first; size_t n_crit; } rows[] = {
        { 1, 50, 5 }, { 6, 55, 5 }, { 2, 40, 5 }, { 4, 40, 5 }, { 8, 70, 4 },
    };

    for (size_t r = 0; r < sizeof rows / sizeof *rows; r++)
        for (size_t i = 0; i < rows[r].n_crit; i++)
            add_value(f, rows[r].unit, crit[i], 0, i ? 10 : rows[r].first, "x", NULL);
    return parts_written(f, name, n);
}

/* Xếp hạng: Hạng is 1 + COUNTIFS of the higher totals of the same Cấp
 * over the whole table ($A$2:$A$9, $J$2:$J$9), our rank cached: the
 * department's 90 is 1 though a district has 95, the two districts of 80
 * are both 2, and the district of 100 from four criteria, unranked, is
 * counted by no one; no rank for the unranked.  A criterion not reported
 * is a blank.  Tổng điểm is in the criteria's number format; Mã đơn vị
 * holds the codes. */
static void ranks_count_the_higher_totals_of_the_same_level(void **state)
{
    fixture *f = *state;
    char *parts, text[128], want[128], *s;
    const char *sheet, *strings;
    size_t n, len, slen;
    int style;

    parts = rankings_written(f, "ranks.xlsx", &n);
    sheet = part_named(parts, n, "xl/worksheets/sheet2.xml", &len);
    strings = part_named(parts, n, "xl/sharedStrings.xml", &slen);
    assert_non_null(sheet);
    assert_non_null(strings);
    HAS(sheet, len, "<c r=\"B2\"><f>COUNTIFS($A$2:$A$9,A2,$J$2:$J$9,\"&gt;\"&amp;J2)+1</f>"
                    "<v>1</v></c>");
    HAS(sheet, len, "<c r=\"B3\"><f>COUNTIFS($A$2:$A$9,A3,$J$2:$J$9,\"&gt;\"&amp;J3)+1</f>"
                    "<v>1</v></c>");
    HAS(sheet, len, "<c r=\"B4\"><f>COUNTIFS($A$2:$A$9,A4,$J$2:$J$9,\"&gt;\"&amp;J4)+1</f>"
                    "<v>2</v></c>");
    HAS(sheet, len, "<c r=\"B5\"><f>COUNTIFS($A$2:$A$9,A5,$J$2:$J$9,\"&gt;\"&amp;J5)+1</f>"
                    "<v>2</v></c>");
    for (int r = 6; r <= 9; r++) {
        snprintf(want, sizeof want, "<c r=\"B%d\"", r);
        assert_null(memmem(sheet, len, want, strlen(want)));
        snprintf(want, sizeof want, "<c r=\"J%d\"", r);
        assert_null(memmem(sheet, len, want, strlen(want)));
    }
    /* KT.X04: four criteria, the fifth (I) a blank */
    HAS(sheet, len, "<c r=\"H6\" s=\"");
    assert_null(memmem(sheet, len, "<c r=\"I6\"", 9));
    /* the total in the criteria's style */
    s = memmem(sheet, len, "<c r=\"E2\" s=\"", 13);
    assert_non_null(s);
    style = atoi(s + 13);
    snprintf(want, sizeof want, "<c r=\"J2\" s=\"%d\"><f>ROUND(SUM(E2:I2),2)</f><v>90</v>", style);
    assert_non_null(memmem(sheet, len, want, strlen(want)));
    assert_string_equal(shared_text(sheet, len, strings, slen, "J1", text, sizeof text),
                        "Tổng điểm");
    assert_string_equal(shared_text(sheet, len, strings, slen, "C2", text, sizeof text),
                        "KT.STP");
    assert_string_equal(shared_text(sheet, len, strings, slen, "C3", text, sizeof text),
                        "KT.X02");
    assert_string_equal(shared_text(sheet, len, strings, slen, "D3", text, sizeof text),
                        "Xã số 2");
    assert_string_equal(shared_text(sheet, len, strings, slen, "A2", text, sizeof text),
                        "Sở, ban, ngành");
    assert_string_equal(shared_text(sheet, len, strings, slen, "A3", text, sizeof text),
                        "Cấp huyện");
    assert_string_equal(shared_text(sheet, len, strings, slen, "K1", text, sizeof text),
                        "Ghi chú");
    /* a criterion by its label without "Điểm đánh giá: ", capitalised */
    assert_string_equal(shared_text(sheet, len, strings, slen, "E1", text, sizeof text),
                        "Điều kiện sẵn sàng");
    /* the header row frozen */
    HAS(sheet, len, "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" "
                    "state=\"frozen\"/>");
    free(parts);
}

/* The low totals of each ranking (under 80% of its maximum: 104 of 130,
 * 124 of 155) are highlighted over the whole column of totals, keyed by
 * Cấp, so that a sort leaves them on their units. */
static void low_totals_are_highlighted_by_level_over_the_whole_column(void **state)
{
    fixture *f = *state;
    char *parts;
    const char *sheet;
    size_t n, len;

    parts = rankings_written(f, "low.xlsx", &n);
    sheet = part_named(parts, n, "xl/worksheets/sheet2.xml", &len);
    assert_non_null(sheet);
    HAS(sheet, len, "<conditionalFormatting sqref=\"J2:J9\">");
    HAS(sheet, len, "<formula>AND(ISNUMBER(J2),$A2=\"Sở, ban, ngành\",J2&lt;104)</formula>");
    HAS(sheet, len, "<formula>AND(ISNUMBER(J2),$A2=\"Cấp huyện\",J2&lt;124)</formula>");
    free(parts);
}

/* A chart a ranking: the ranked units' names (D) and totals (J), rank 1
 * on top, the value axis up to the ranking's maximum; the second below
 * the first, beside the table. */
static void each_ranking_has_a_chart_of_its_ranked_rows(void **state)
{
    fixture *f = *state;
    char *parts;
    const char *c1, *c2, *dr;
    size_t n, l1, l2, ld;

    parts = rankings_written(f, "charts.xlsx", &n);
    c1 = part_named(parts, n, "xl/charts/chart1.xml", &l1);
    c2 = part_named(parts, n, "xl/charts/chart2.xml", &l2);
    dr = part_named(parts, n, "xl/drawings/drawing1.xml", &ld);
    assert_non_null(c1);
    assert_non_null(c2);
    assert_non_null(dr);
    HAS(c1, l1, "<c:f>'Xếp hạng'!$D$2</c:f>");
    HAS(c1, l1, "<c:f>'Xếp hạng'!$J$2</c:f>");
    HAS(c1, l1, "<c:max val=\"130\"/>");
    /* horizontal bars titled by the ranking, no legend, the values from
     * 0 along the foot */
    HAS(c1, l1, "<c:barDir val=\"bar\"/>");
    HAS(c1, l1, "<a:t>Xếp hạng mức độ Chính quyền điện tử cấp sở, ban, ngành</a:t>");
    assert_null(memmem(c1, l1, "<c:legend>", 10));
    HAS(c1, l1, "<c:min val=\"0\"/></c:scaling><c:axPos val=\"b\"/>");
    HAS(c1, l1, "<c:crossAx val=\"50010001\"/><c:crosses val=\"max\"/>");
    HAS(c1, l1, "<c:dLbls><c:numFmt formatCode=\"0.00\" sourceLinked=\"0\"/>"
                "<c:showVal val=\"1\"/></c:dLbls>");
    HAS(c1, l1, "<c:catAx><c:axId val=\"50010001\"/><c:scaling><c:orientation val=\"maxMin\"/>");
    HAS(c2, l2, "<c:f>'Xếp hạng'!$D$3:$D$5</c:f>");
    HAS(c2, l2, "<c:f>'Xếp hạng'!$J$3:$J$5</c:f>");
    HAS(c2, l2, "<c:max val=\"155\"/>");
    HAS(c2, l2, "<c:catAx><c:axId val=\"50010001\"/><c:scaling><c:orientation val=\"maxMin\"/>");
    /* M2, then 220 px (11 rows) and 2 rows lower */
    HAS(dr, ld, "<xdr:from><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row>");
    HAS(dr, ld, "<xdr:from><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>14</xdr:row>");
    free(parts);
}

/* No department ranked: no chart of them, and the districts' chart is
 * beside their first row (M3); a district's total of 16 digits, which
 * ">"&J3 would cut to 15, has its rank as a value, no COUNTIFS. */
static void a_ranking_of_no_one_ranked_has_no_chart(void **state)
{
    static const char *const crit[] = {
        "diem.san_sang", "diem.hien_dien", "diem.tuong_tac", "diem.giao_dich", "diem.chuyen_doi"
    };
    fixture *f = *state;
    char *parts;
    const char *sheet, *c1, *dr;
    size_t n, len, l1, ld, none;

    add_value(f, 1, crit[0], 0, 50, "x", NULL);
    for (size_t i = 0; i < 5; i++)
        add_value(f, 2, crit[i], 0, i ? 10 : 12345678901234.56, "x", NULL);
    parts = parts_written(f, "none.xlsx", &n);
    sheet = part_named(parts, n, "xl/worksheets/sheet2.xml", &len);
    c1 = part_named(parts, n, "xl/charts/chart1.xml", &l1);
    dr = part_named(parts, n, "xl/drawings/drawing1.xml", &ld);
    assert_non_null(sheet);
    assert_non_null(c1);
    assert_non_null(dr);
    assert_null(part_named(parts, n, "xl/charts/chart2.xml", &none));
    HAS(c1, l1, "<c:f>'Xếp hạng'!$D$3</c:f>");
    HAS(dr, ld, "<xdr:from><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row>");
    HAS(sheet, len, "<c r=\"B3\"><v>1</v></c>");
    assert_null(memmem(sheet, len, "<c r=\"B2\"", 9));
    free(parts);
}

/* Two rankings of the departments, which Cấp cannot tell apart: each
 * highlights the low totals of its own rows (J2, J10) without a Cấp; the
 * districts' rule is still keyed by Cấp over the whole column. */
static void two_rankings_of_one_level_highlight_each_its_own_rows(void **state)
{
    fixture *f = *state;
    eg_ranking_def *def;
    char *parts;
    const char *sheet;
    size_t n, len;

    /* the results point into the rankings they were computed from */
    eg_results_free(&f->res);
    f->L.rankings = eg_xrealloc(f->L.rankings, (f->L.n_rankings + 1) * sizeof *f->L.rankings);
    def = &f->L.rankings[f->L.n_rankings++];
    *def = f->L.rankings[0];
    def->code = eg_xstrdup("xh.so2");
    def->label = eg_xstrdup("Xếp hạng thứ hai cấp sở");
    parts = rankings_written(f, "two.xlsx", &n);
    sheet = part_named(parts, n, "xl/worksheets/sheet2.xml", &len);
    assert_non_null(sheet);
    HAS(sheet, len, "<c r=\"C10\" t=\"s\">");
    HAS(sheet, len, "<conditionalFormatting sqref=\"J2\"><cfRule type=\"expression\" dxfId=\"0\" "
                    "priority=\"1\"><formula>AND(ISNUMBER(J2),J2&lt;104)</formula>");
    HAS(sheet, len, "<conditionalFormatting sqref=\"J2:J10\"><cfRule type=\"expression\" "
                    "dxfId=\"0\" priority=\"2\"><formula>AND(ISNUMBER(J2),$A2=\"Cấp huyện\","
                    "J2&lt;124)</formula>");
    HAS(sheet, len, "<conditionalFormatting sqref=\"J10\"><cfRule type=\"expression\" "
                    "dxfId=\"0\" priority=\"3\"><formula>AND(ISNUMBER(J10),J10&lt;104)</formula>");
    assert_null(memmem(sheet, len, "$A2=\"Sở, ban, ngành\"", strlen("$A2=\"Sở, ban, ngành\"")));
    free(parts);
}

/* A quotient whose divisor is 0 says so, even where what it divides is
 * not: 3 dossiers late of 0. */
static void a_quotient_of_a_divisor_of_0_says_which_is_0(void **state)
{
    fixture *f = *state;
    char *parts;
    const char *strings, *want = "Chưa tính được: tong.ho_so bằng 0, không chia được";
    size_t n, len;

    add_count(f, 1, "gd.ho_so", 0, NULL);
    add_count(f, 1, "gd.ho_so_tre", 3, NULL);
    parts = parts_written(f, "zero.xlsx", &n);
    strings = part_named(parts, n, "xl/sharedStrings.xml", &len);
    assert_non_null(strings);
    if (!memmem(strings, len, want, strlen(want)))
        fail_msg("no Ghi chú '%s'", want);
    free(parts);
}

/* A ratio most units gave one part of: its Ghi chú names the first five
 * and counts the others. */
static void a_ratio_names_five_units_it_left_out_and_counts_the_rest(void **state)
{
    fixture *f = *state;
    char *parts;
    const char *strings;
    const char *want = "Tính trên các đơn vị báo cáo cả tt.hop_thu và ht.cbcc; 11 đơn vị chỉ báo "
                       "cáo một trong hai không được tính: KT.DHA, KT.DHA.01, KT.X00, KT.X01, "
                       "KT.X02 và 6 đơn vị khác";
    size_t n, len;

    /* every unit gave ht.cbcc, the department alone tt.hop_thu too */
    add_count(f, 1, "tt.hop_thu", 40, NULL);
    parts = parts_written(f, "five.xlsx", &n);
    strings = part_named(parts, n, "xl/sharedStrings.xml", &len);
    assert_non_null(strings);
    if (!memmem(strings, len, want, strlen(want)))
        fail_msg("no Ghi chú '%s'", want);
    free(parts);
}

/* The cells of a sheet's XML (n bytes) as "ref type content\n" lines, what
 * a reader makes of them: their style numbers left out (libxlsxwriter
 * numbers the styles otherwise when its rows are not ours). */
static char *cells_of(const char *xml, size_t n)
{
    const char *p = xml, *end = xml + n;
    char *out = NULL;
    size_t len = 0;

    while ((p = memmem(p, (size_t)(end - p), "<c r=\"", 6)) != NULL) {
        const char *gt = memchr(p, '>', (size_t)(end - p)), *close, *t;
        size_t ref_len = strcspn(p + 6, "\""), body;

        assert_non_null(gt);
        t = memmem(p, (size_t)(gt - p), " t=\"", 4);
        if (gt[-1] == '/') {
            close = gt + 1;
            body = 0;
        } else {
            close = memmem(gt, (size_t)(end - gt), "</c>", 4);
            assert_non_null(close);
            body = (size_t)(close - gt - 1);
            close += 4;
        }
        out = eg_xrealloc(out, len + ref_len + body + 32);
        len += (size_t)sprintf(out + len, "%.*s %.*s %.*s\n", (int)ref_len, p + 6,
                               t ? (int)strcspn(t + 4, "\"") : 1, t ? t + 4 : "n", (int)body,
                               gt + 1);
        p = close;
    }
    return out ? out : eg_xstrdup("");
}

/* The units' sheets' rows are ours too, cut into blocks of rows as Dữ
 * liệu's are: streamed, every part is what libxlsxwriter writes, byte for
 * byte, texts inline (white space kept, & and < escaped, control
 * characters as _xHHHH_), over blocks of 1 to 3 rows and 1 to 3
 * threads; in memory, blocks of one row give the parts one block gives. */
static void the_units_rows_are_the_bytes_libxlsxwriter_writes_over_blocks(void **state)
{
    static const struct { const char *block; int jobs; } runs[] = {
        { "1", 1 }, { "1", 3 }, { "2", 2 }, { "3", 1 }, { NULL, 2 },
    };
    fixture *f = *state;
    char *a, *b;
    size_t na, nb, n;

    setenv("EGREPORT_XLSX_STREAM_VALUES", "0", 1);
    for (size_t r = 0; r < sizeof runs / sizeof *runs; r++) {
        char tag[16];
        const char *xa;
        size_t ya;

        set_env("EGREPORT_XLSX_BLOCK_ROWS", runs[r].block);
        f->ds.jobs = runs[r].jobs;
        snprintf(tag, sizeof tag, "units%zu", r);
        write_both(f, tag, &a, &na, &b, &nb);
        expect_same_parts(r, a, na, b, nb);
        /* Huyện: its six districts, the awkward names as they are written */
        xa = part_named(a, na, "xl/worksheets/sheet4.xml", &ya);
        assert_non_null(xa);
        HAS(xa, ya, "<c r=\"B7\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> Đơn vị "
                    "&lt;6&gt; &amp; </t></is></c>");
        free(a);
        free(b);
    }
    unsetenv("EGREPORT_XLSX_STREAM_VALUES");
    f->ds.jobs = 2;
    setenv("EGREPORT_XLSX_BLOCK_ROWS", "1", 1);
    free(write_workbook(f, "units-rows.xlsx", &n));
    unsetenv("EGREPORT_XLSX_BLOCK_ROWS");
    free(write_workbook(f, "units-whole.xlsx", &n));
    expect_same_files(f, "units-rows.xlsx", "units-whole.xlsx");
}

/* In memory, libxlsxwriter shares the strings, and so do we: the table of
 * shared strings is the same, byte for byte (the same texts, in the same
 * order, counted as often), and so is every cell of Dữ liệu (its
 * reference, its type, the number of its string or its value); with one
 * thread or three. */
static void in_memory_our_rows_share_the_strings_libxlsxwriter_shares(void **state)
{
    fixture *f = *state;
    static const int jobs[] = { 1, 3 };

    unsetenv("EGREPORT_XLSX_STREAM_VALUES");
    setenv("EGREPORT_XLSX_BLOCK_ROWS", "2", 1);
    for (size_t j = 0; j < sizeof jobs / sizeof *jobs; j++) {
        char *a, *b, *ca, *cb, tag[16];
        const char *sa, *sb, *xa, *xb;
        size_t na, nb, la, lb, ya, yb;

        f->ds.jobs = jobs[j];
        snprintf(tag, sizeof tag, "mem%d", jobs[j]);
        write_both(f, tag, &a, &na, &b, &nb);
        sa = part_named(a, na, "xl/sharedStrings.xml", &la);
        sb = part_named(b, nb, "xl/sharedStrings.xml", &lb);
        assert_non_null(sa);
        assert_non_null(sb);
        assert_int_equal(la, lb);
        assert_memory_equal(sa, sb, la);
        /* the awkward texts are in it, as libxlsxwriter escapes them */
        HAS(sa, la, "<t>a_x0001_b_x001F_</t>");
        HAS(sa, la, "<t xml:space=\"preserve\"> lead</t>");
        HAS(sa, la, "<t>&amp;&lt;&gt;\"'</t>");
        xa = part_named(a, na, "xl/worksheets/sheet7.xml", &ya);
        xb = part_named(b, nb, "xl/worksheets/sheet7.xml", &yb);
        assert_non_null(xa);
        assert_non_null(xb);
        assert_null(memmem(xa, ya, "inlineStr", 9));
        ca = cells_of(xa, ya);
        cb = cells_of(xb, yb);
        assert_true(strlen(ca) > 100);
        assert_string_equal(ca, cb);
        free(ca);
        free(cb);
        free(a);
        free(b);
    }
    unsetenv("EGREPORT_XLSX_BLOCK_ROWS");
}

/* The parts of the workbook written with its values streamed (the texts
 * in the cells, not in sharedStrings.xml), n of them. */
static char *parts_written_streamed(fixture *f, const char *name, size_t *n)
{
    char *parts;

    setenv("EGREPORT_XLSX_STREAM_VALUES", "0", 1);
    parts = parts_written(f, name, n);
    unsetenv("EGREPORT_XLSX_STREAM_VALUES");
    return parts;
}

/* The <cols> element of a sheet's XML (n bytes): the columns' widths. */
static char *cols_of(const char *xml, size_t n)
{
    const char *p = memmem(xml, n, "<cols>", 6), *end;

    assert_non_null(p);
    end = memmem(p, n - (size_t)(p - xml), "</cols>", 7);
    assert_non_null(end);
    return eg_xstrndup(p, (size_t)(end - p) + 7);
}

/* In memory, a text met again in another column widens that column too:
 * the province's code, long here, is met first as the department's
 * parent (column E), then as the code of the province's own values
 * (column B); both columns are as wide as with libxlsxwriter's rows,
 * 33 characters * 1.1 + 2, as libxlsxwriter rounds it: 39. */
static void in_memory_a_text_met_again_in_another_column_widens_it_too(void **state)
{
    fixture *f = *state;
    eg_unit *tinh = &f->ds.registry.items[0];
    char *a, *b, *ca, *cb;
    const char *xa, *xb;
    size_t na, nb, ya, yb;

    assert_int_equal(f->ds.values[0].unit, 1);
    assert_int_equal(f->ds.registry.items[1].parent, 0);
    free(tinh->code);
    tinh->code = eg_xstrdup("KT.MOT-MA-DON-VI-RAT-DAI-CUA-TINH");
    assert_int_equal(strlen(tinh->code), 33);
    unsetenv("EGREPORT_XLSX_STREAM_VALUES");
    write_both(f, "widths", &a, &na, &b, &nb);
    xa = part_named(a, na, "xl/worksheets/sheet7.xml", &ya);
    xb = part_named(b, nb, "xl/worksheets/sheet7.xml", &yb);
    assert_non_null(xa);
    assert_non_null(xb);
    ca = cols_of(xa, ya);
    cb = cols_of(xb, yb);
    assert_string_equal(ca, cb);
    HAS(ca, strlen(ca), "<col min=\"2\" max=\"2\" width=\"39\"");
    HAS(ca, strlen(ca), "<col min=\"5\" max=\"5\" width=\"39\"");
    /* and the long note's column stops at 50 */
    HAS(ca, strlen(ca), "<col min=\"11\" max=\"11\" width=\"50.7109375\"");
    free(ca);
    free(cb);
    free(a);
    free(b);
}

/* The number format shown on cell ref of a sheet (n bytes), as styles.xml
 * (ns bytes) gives its style: "General" where it has none; *fill set to
 * whether the style fills the cell. */
static const char *format_shown(const char *sheet, size_t n, const char *styles, size_t ns,
                                const char *ref, char *buf, size_t cap, int *fill)
{
    char want[64];
    const char *p, *xf;
    int s = 0, id;

    snprintf(want, sizeof want, "<c r=\"%s\"", ref);
    p = memmem(sheet, n, want, strlen(want));
    if (!p)
        fail_msg("no cell %s", ref);
    p += strlen(want);
    if (strncmp(p, " s=\"", 4) == 0)
        s = atoi(p + 4);
    xf = memmem(styles, ns, "<cellXfs", 8);
    assert_non_null(xf);
    for (int i = 0; i <= s; i++) {
        xf = strstr(xf + 1, "<xf ");
        assert_non_null(xf);
    }
    p = strstr(xf, "fillId=\"");
    assert_non_null(p);
    *fill = strncmp(p, "fillId=\"0\"", 10) != 0;
    p = strstr(xf, "numFmtId=\"");
    assert_non_null(p);
    id = atoi(p + 10);
    if (id == 0)
        return "General";
    snprintf(want, sizeof want, "<numFmt numFmtId=\"%d\" formatCode=\"", id);
    p = memmem(styles, ns, want, strlen(want));
    assert_non_null(p);
    p += strlen(want);
    snprintf(buf, cap, "%.*s", (int)strcspn(p, "\""), p);
    return buf;
}

/* Cell ref of a sheet shows format want, filled or not. */
#define SHOWS_FORMAT(sheet, n, styles, ns, ref, want, filled) do { \
        char fmt_[64]; \
        int fill_; \
        assert_string_equal(format_shown(sheet, n, styles, ns, ref, fmt_, sizeof fmt_, &fill_), \
                            want); \
        assert_int_equal(fill_, filled); \
    } while (0)

/* Huyện as an analyst reads it: row 1 the codes of the indicators the
 * districts report and of the rates their values make (the departments'
 * alone left out; two rates over one divisor each a column), row 2 their
 * labels (the code of one that has none); then a row per district: its
 * code, its name, its parent's name, whether it sent its file; each value
 * in its indicator's format (a count "#,##0", yes/no as "có"/"không", a
 * score "0.00", a percentage "0.00%", a plain number none), an option as
 * its label, an expected value missing as a filled blank, one not
 * expected as nothing; a rate as its formula and, where its divisor is 0,
 * no result; a data bar and a highlight over the rate's rows but for a
 * rate where lower is better; the codes' columns as wide as the codes, at
 * least 12 characters, none past 40 (a name of 60).  A commune that sent
 * nothing says "chưa nộp"; its option of no label shows the option's
 * code. */
static void the_huyen_sheet_shows_each_district_as_an_analyst_reads_it(void **state)
{
    fixture *f = *state;
    eg_unit *dha = &f->ds.registry.items[2];
    int bdvhx = eg_catalogue_find(&f->L.cat, "ht.bdvhx");
    int tuong_tac = eg_catalogue_find(&f->L.cat, "diem.tuong_tac");
    int mot_cua = eg_catalogue_find(&f->L.cat, "ht.mo_hinh_mot_cua");
    int wan = eg_catalogue_find(&f->L.cat, "ht.wan");
    char *parts, long_name[61];
    const char *sheet, *styles, *xa;
    size_t n, len, ns, ya;

    assert_true(bdvhx >= 0 && tuong_tac >= 0 && mot_cua >= 0 && wan >= 0);
    assert_string_equal(f->L.cat.items[mot_cua].options[1].code, "dien_tu");
    f->L.cat.items[bdvhx].type = EG_TYPE_NUMBER;
    add_value(f, 2, "ht.mo_hinh_mot_cua", 0, 0, "x", NULL);
    add_value(f, 2, "ht.lan_internet", 1, 1, "có", NULL);
    add_value(f, 2, "diem.san_sang", 0, 30.5, "x", NULL);
    add_value(f, 2, "ht.bdvhx", 7, 7.25, "x", NULL);
    f->L.cat.items[tuong_tac].type = EG_TYPE_PERCENT;
    add_value(f, 2, "diem.tuong_tac", 0, 0.84, "84%", NULL);
    f->L.cat.items[mot_cua].options[1].label[0] = '\0';
    f->L.cat.items[wan].label[0] = '\0';
    add_value(f, 3, "ht.mo_hinh_mot_cua", 1, 0, "x", NULL);
    add_count(f, 2, "tt.vb_di", 0, NULL);
    add_count(f, 2, "tt.vb_di_dien_tu", 3, NULL);
    for (size_t i = 0; i < f->L.n_figures; i++)
        if (strcmp(f->L.figures[i].code, "tl.hop_thu") == 0)
            f->L.figures[i].lower_better = 1;
    memset(long_name, 'h', 60);
    long_name[60] = '\0';
    free(dha->name);
    dha->name = eg_xstrdup(long_name);
    f->ds.registry.items[3].submitted = 0;
    eg_results_free(&f->res);
    eg_results_compute(&f->res, &f->L, &f->ds);
    parts = parts_written_streamed(f, "huyen.xlsx", &n);
    sheet = part_named(parts, n, "xl/worksheets/sheet4.xml", &len);
    styles = part_named(parts, n, "xl/styles.xml", &ns);
    assert_non_null(sheet);
    assert_non_null(styles);
    HAS(sheet, len, "<dimension ref=\"A1:BG3\"/>");
    HAS(sheet, len, "<row r=\"1\"><c r=\"A1\" s=\"2\"/><c r=\"B1\" s=\"2\"/><c r=\"C1\" s=\"2\"/>"
                    "<c r=\"D1\" s=\"2\"/><c r=\"E1\" s=\"2\" t=\"inlineStr\"><is><t>ht.cbcc</t></is></c>");
    HAS(sheet, len, "<c r=\"E2\" s=\"2\" t=\"inlineStr\"><is><t>Tổng số cán bộ, công "
                    "chức</t></is></c>");
    HAS(sheet, len, "<c r=\"H2\" s=\"2\" t=\"inlineStr\"><is><t>ht.wan</t></is></c>");
    HAS(sheet, len, "<c r=\"AY1\" s=\"2\" t=\"inlineStr\"><is><t>tl.cbcc_may_tinh</t>");
    HAS(sheet, len, "<c r=\"AZ1\" s=\"2\" t=\"inlineStr\"><is><t>tl.bdvhx_internet</t>");
    HAS(sheet, len, "<c r=\"BE1\" s=\"2\" t=\"inlineStr\"><is><t>tl.vb_den_xu_ly.huyen</t>");
    HAS(sheet, len, "<c r=\"BF1\" s=\"2\" t=\"inlineStr\"><is><t>tl.hop_thu</t>");
    HAS(sheet, len, "<c r=\"BG1\" s=\"2\" t=\"inlineStr\"><is><t>tl.dung_thu</t>");
    HAS(sheet, len, "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>KT.DHA</t></is></c>");
    HAS(sheet, len, "<c r=\"C3\" t=\"inlineStr\"><is><t>Tỉnh Kon Tum</t></is></c>"
                    "<c r=\"D3\" t=\"inlineStr\"><is><t>có</t></is></c>");
    HAS(sheet, len, "<c r=\"J3\" t=\"inlineStr\"><is><t>một cửa điện tử liên thông</t>");
    SHOWS_FORMAT(sheet, len, styles, ns, "E3", "#,##0", 0);
    SHOWS_FORMAT(sheet, len, styles, ns, "G3", "&quot;có&quot;;;&quot;không&quot;", 0);
    SHOWS_FORMAT(sheet, len, styles, ns, "AT3", "0.00", 0);
    SHOWS_FORMAT(sheet, len, styles, ns, "AV3", "0.00%", 0);
    SHOWS_FORMAT(sheet, len, styles, ns, "O3", "General", 0);
    HAS(sheet, len, "<c r=\"O3\"><v>7.25</v></c>");
    SHOWS_FORMAT(sheet, len, styles, ns, "H3", "General", 1);
    HAS(sheet, len, "<c r=\"H3\" s=\"");
    assert_null(memmem(sheet, len, "<c r=\"AE3\"", 10));
    HAS(sheet, len, "<c r=\"AY3\" s=\"5\"><f>IF(AND(ISNUMBER(F3),ISNUMBER(E3),E3&gt;0),F3/E3,"
                    "\"\")</f><v>0.8333333333333334</v></c>");
    HAS(sheet, len, "<c r=\"BD3\" s=\"5\" t=\"str\"><f>IF(AND(ISNUMBER(AH3),ISNUMBER(AG3),"
                    "AG3&gt;0),AH3/AG3,\"\")</f><v></v></c>");
    SHOWS_FORMAT(sheet, len, styles, ns, "AY3", "0.00%", 0);
    HAS(sheet, len, "<autoFilter ref=\"A2:BG3\"/>");
    HAS(sheet, len, "<conditionalFormatting sqref=\"AY3\"><cfRule type=\"dataBar\"");
    HAS(sheet, len, "<formula>AND(ISNUMBER(AY3),AY3&lt;0.8)</formula>");
    HAS(sheet, len, "<conditionalFormatting sqref=\"BG3\">");
    assert_null(memmem(sheet, len, "sqref=\"BF3\"", 11));
    HAS(sheet, len, "<col min=\"5\" max=\"5\" width=\"15.85546875\"");
    HAS(sheet, len, "<col min=\"11\" max=\"11\" width=\"28\"");  /* ht.phong_hop_truc_tuyen */
    HAS(sheet, len, "<col min=\"2\" max=\"2\" width=\"40.7109375\"");
    xa = part_named(parts, n, "xl/worksheets/sheet5.xml", &ya);
    assert_non_null(xa);
    HAS(xa, ya, "<c r=\"A3\" t=\"inlineStr\"><is><t>KT.DHA.01</t></is></c>");
    HAS(xa, ya, "<c r=\"D3\" t=\"inlineStr\"><is><t>chưa nộp</t></is></c>");
    /* an option of no label: its code */
    HAS(xa, ya, "<is><t>dien_tu</t></is>");
    free(parts);
}

/* A rate one of whose parts a level does not report has no column on the
 * level's sheet: here the districts no longer report the households with
 * a computer, so Huyện has neither that count nor its rate. */
static void a_rate_whose_part_a_level_does_not_report_has_no_column(void **state)
{
    fixture *f = *state;
    int k = eg_catalogue_find(&f->L.cat, "ht.ho_may_tinh_internet");
    char *parts;
    const char *sheet;
    size_t n, len;

    assert_true(k >= 0);
    f->L.cat.items[k].levels &= ~EG_LEVEL_BIT(EG_LEVEL_HUYEN);
    parts = parts_written_streamed(f, "parts.xlsx", &n);
    sheet = part_named(parts, n, "xl/worksheets/sheet4.xml", &len);
    assert_non_null(sheet);
    HAS(sheet, len, "<dimension ref=\"A1:BE3\"/>");
    HAS(sheet, len, "<c r=\"AX1\" s=\"2\" t=\"inlineStr\"><is><t>tl.cbcc_may_tinh</t>");
    HAS(sheet, len, "<c r=\"AZ1\" s=\"2\" t=\"inlineStr\"><is><t>tl.thcs_tin_hoc</t>");
    HAS(sheet, len, "<c r=\"BE1\" s=\"2\" t=\"inlineStr\"><is><t>tl.dung_thu</t>");
    assert_null(memmem(sheet, len, "ho_may_tinh_internet", 20));
    free(parts);
}

/* A level of no units has its sheet's two header rows, filtered, and no
 * data bar or highlight over rows it does not have. */
static void a_level_of_no_units_has_no_data_bars(void **state)
{
    fixture *f = *state;
    char *parts;
    const char *sheet;
    size_t n, len;

    f->ds.registry.items[1].level = EG_LEVEL_HUYEN;
    f->ds.registry.count[EG_LEVEL_SO]--;
    f->ds.registry.count[EG_LEVEL_HUYEN]++;
    eg_results_free(&f->res);
    eg_results_compute(&f->res, &f->L, &f->ds);
    parts = parts_written_streamed(f, "no-so.xlsx", &n);
    sheet = part_named(parts, n, "xl/worksheets/sheet3.xml", &len);
    assert_non_null(sheet);
    HAS(sheet, len, "<autoFilter ref=\"A2:BA2\"/>");
    assert_null(memmem(sheet, len, "<row r=\"3\"", 10));
    assert_null(memmem(sheet, len, "<conditionalFormatting", 22));
    /* the department is a district's row now, before KT.DHA, the data
     * bar over both */
    sheet = part_named(parts, n, "xl/worksheets/sheet4.xml", &len);
    assert_non_null(sheet);
    HAS(sheet, len, "<c r=\"A3\" t=\"inlineStr\"><is><t>KT.STP</t>");
    HAS(sheet, len, "<c r=\"A4\" t=\"inlineStr\"><is><t>KT.DHA</t>");
    HAS(sheet, len, "<conditionalFormatting sqref=\"AY3:AY4\"><cfRule type=\"dataBar\"");
    free(parts);
}

/* Dữ liệu of the workbook dir/name as parts_of gives them (sheet 7 of the
 * fixture's workbook), the bytes of its sheet and of its table (NULL when
 * there is none). */
static char *dulieu_of(fixture *f, const char *name, const char **sheet, size_t *n_sheet,
                       const char **table, size_t *n_table)
{
    char *path = eg_xasprintf("%s/%s", f->dir, name), *parts;
    size_t n;

    free(write_workbook(f, name, &n));
    parts = parts_of(path, &n);
    *sheet = part_named(parts, n, "xl/worksheets/sheet7.xml", n_sheet);
    assert_non_null(*sheet);
    HAS(*sheet, *n_sheet, "<c r=\"A2\"><v>2021</v>");
    *table = part_named(parts, n, "xl/tables/table1.xml", n_table);
    free(path);
    return parts;
}

/* In memory Dữ liệu is the table DuLieu, light style 9, over its header
 * and its 6 values (A1:K7), the header cells in the header format;
 * streamed, an autofilter over the same range; either way its header row
 * is frozen.  A year of no values has no table (one needs a data row),
 * the autofilter over the header alone. */
static void dulieu_is_the_table_duLieu_in_memory_and_filtered_streamed(void **state)
{
    fixture *f = *state;
    const char *sheet, *table;
    size_t ns, nt;
    char *parts;

    assert_int_equal(f->ds.n_values, 6);
    parts = dulieu_of(f, "table.xlsx", &sheet, &ns, &table, &nt);
    assert_non_null(table);
    HAS(table, nt, "name=\"DuLieu\" displayName=\"DuLieu\" ref=\"A1:K7\"");
    HAS(table, nt, "<tableColumn id=\"1\" name=\"Năm\"/>");
    HAS(table, nt, "<tableColumn id=\"11\" name=\"Ghi chú\"/></tableColumns>");
    HAS(table, nt, "<tableStyleInfo name=\"TableStyleLight9\"");
    HAS(sheet, ns, "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" "
                   "state=\"frozen\"/>");
    /* the header cells keep the header format (a style), the first and last */
    HAS(sheet, ns, "<c r=\"A1\" s=\"");
    HAS(sheet, ns, "<c r=\"K1\" s=\"");
    assert_null(memmem(sheet, ns, "<autoFilter", 11));
    free(parts);

    setenv("EGREPORT_XLSX_STREAM_VALUES", "0", 1);
    parts = dulieu_of(f, "filter.xlsx", &sheet, &ns, &table, &nt);
    unsetenv("EGREPORT_XLSX_STREAM_VALUES");
    assert_null(table);
    HAS(sheet, ns, "<autoFilter ref=\"A1:K7\"/>");
    HAS(sheet, ns, "<pane ySplit=\"1\" topLeftCell=\"A2\"");
    free(parts);
}

static void a_year_of_no_values_has_a_filter_and_no_table(void **state)
{
    fixture *f = *state;
    char *path = eg_xasprintf("%s/none.xlsx", f->dir), *parts;
    const char *sheet;
    size_t n, ns;

    f->ds.n_values = 0;
    for (size_t i = 0; i < f->ds.registry.n * f->ds.n_indicators; i++)
        f->ds.cell[i] = -1;
    eg_results_free(&f->res);
    eg_results_compute(&f->res, &f->L, &f->ds);
    free(write_workbook(f, "none.xlsx", &n));
    parts = parts_of(path, &n);
    assert_null(part_named(parts, n, "xl/tables/table1.xml", &ns));
    sheet = part_named(parts, n, "xl/worksheets/sheet7.xml", &ns);
    assert_non_null(sheet);
    HAS(sheet, ns, "<dimension ref=\"A1:K1\"/>");
    HAS(sheet, ns, "<autoFilter ref=\"A1:K1\"/>");
    free(parts);
    free(path);
}

/* Block k of a planned sheet, inflated on its own (each block is deflated
 * from a fresh state and ends with a sync flush), as a string; its length
 * and CRC-32 are those the block says. */
static char *block_xml(const eg_xblock *blk)
{
    z_stream z;
    char *out = eg_xmalloc(blk->len + 2);

    memset(&z, 0, sizeof z);
    assert_int_equal(inflateInit2(&z, -15), Z_OK);
    z.next_in = blk->z;
    z.avail_in = (uInt)blk->z_len;
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)blk->len + 1;
    assert_int_equal(inflate(&z, Z_SYNC_FLUSH), Z_OK);
    assert_int_equal(z.avail_in, 0);
    assert_int_equal(z.total_out, blk->len);
    inflateEnd(&z);
    out[blk->len] = '\0';
    assert_int_equal(crc32_z(0L, (const Bytef *)out, blk->len), blk->crc);
    return out;
}

/* A units' sheet's planned cells are cut into blocks of whole rows,
 * EGREPORT_XLSX_BLOCK_ROWS rows each, the last holding the rest; each
 * block is the XML of its rows: numbers, inline texts escaped, a blank
 * with its style (style 1 named as any other: only 0 is left out), the
 * columns past Z named as Excel names them. */
static void planned_cells_are_cut_into_blocks_of_whole_rows(void **state)
{
    static const char *const want[] = {
        "<row r=\"1\"><c r=\"A1\"><v>1.5</v></c>"
        "<c r=\"B1\" t=\"inlineStr\"><is><t>ab</t></is></c></row>"
        "<row r=\"2\"><c r=\"A2\" s=\"1\"/></row>",
        "<row r=\"4\"><c r=\"AB4\" s=\"2\"><v>-2</v></c></row>"
        "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> x&amp;&lt;"
        "</t></is></c></row>",
    };
    static const size_t first[] = { 0, 3 };
    eg_xctx *x = eg_xcalloc(1, sizeof *x);
    eg_xcells_sheet *c = &x->cell_sheets[0];
    struct eg_xrows *rows;

    (void)state;
    c->inline_text = 1;
    eg_buf_put(&c->texts, "ab\0 x&<", 8);
    c->cells = eg_xcalloc(5, sizeof *c->cells);
    c->cells[0] = (eg_xcell){ .num = 1.5, .row = 0, .col = 0, .kind = EG_XC_NUMBER };
    c->cells[1] = (eg_xcell){ .text = 0, .row = 0, .col = 1, .kind = EG_XC_TEXT };
    c->cells[2] = (eg_xcell){ .row = 1, .col = 0, .style = 1, .kind = EG_XC_BLANK };
    c->cells[3] = (eg_xcell){ .num = -2, .row = 3, .col = 27, .style = 2, .kind = EG_XC_NUMBER };
    c->cells[4] = (eg_xcell){ .text = 3, .row = 4, .col = 0, .kind = EG_XC_TEXT };
    c->n_cells = c->cap = 5;
    x->n_cell_sheets = 1;
    x->jobs = 2;
    setenv("EGREPORT_XLSX_BLOCK_ROWS", "2", 1);
    rows = eg_xlsx_rows_start(x);
    unsetenv("EGREPORT_XLSX_BLOCK_ROWS");
    assert_int_equal(eg_xlsx_rows_finish(rows), 0);
    assert_int_equal(c->n_blocks, 2);
    for (size_t k = 0; k < 2; k++) {
        char *xml = block_xml(&c->blocks[k]);

        assert_int_equal(c->first[k], first[k]);
        assert_string_equal(xml, want[k]);
        free(xml);
    }
    eg_xlsx_cells_free(c);
    free(x);
}

/* The XML of a units' sheet of one text cell, text (n bytes), made into
 * its one block by a fresh thread's buffer. */
static char *one_text_block(const char *text, size_t n)
{
    eg_xctx *x = eg_xcalloc(1, sizeof *x);
    eg_xcells_sheet *c = &x->cell_sheets[0];
    char *xml;

    c->inline_text = 1;
    eg_buf_put(&c->texts, text, n + 1);
    c->cells = eg_xcalloc(1, sizeof *c->cells);
    c->cells[0] = (eg_xcell){ .text = 0, .row = 0, .col = 0, .kind = EG_XC_TEXT };
    c->n_cells = c->cap = 1;
    x->n_cell_sheets = 1;
    x->jobs = 1;
    assert_int_equal(eg_xlsx_rows_finish(eg_xlsx_rows_start(x)), 0);
    assert_int_equal(c->n_blocks, 1);
    xml = block_xml(&c->blocks[0]);
    eg_xlsx_cells_free(c);
    free(x);
    return xml;
}

/* Texts of control characters, each escaped as 7 bytes (_x0001_), then
 * seven letters, of every length around the first 4 KB a block's XML is
 * made in: whichever one's escapes end right at the end of what the
 * buffer holds, its letters after them are all there, as is the rest. */
static void texts_escaped_up_to_the_end_of_a_block_buffer_are_whole(void **state)
{
    eg_buf text = { 0 }, want = { 0 };

    (void)state;
    for (size_t k = 560; k < 600; k++) {
        static const char head[] = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>";
        static const char tail[] = "abcdefg</t></is></c></row>";
        char *xml;

        text.n = want.n = 0;
        eg_buf_put(&want, head, sizeof head - 1);
        for (size_t i = 0; i < k; i++) {
            eg_buf_put(&text, "\x01", 1);
            eg_buf_put(&want, "_x0001_", 7);
        }
        eg_buf_put(&text, "abcdefg", 8);
        eg_buf_put(&want, tail, sizeof tail);
        xml = one_text_block(text.p, text.n - 1);
        assert_string_equal(xml, want.p);
        free(xml);
    }
    free(text.p);
    free(want.p);
}

/* A number the splice writes again (eg_xfix) must be the one
 * libxlsxwriter printed there with %.16G: a cell holding another number,
 * even of the same length, stops the workbook; the right one is written
 * as the shortest decimal that reads back. */
static void a_fixed_number_must_be_what_libxlsxwriter_printed(void **state)
{
    fixture *f = *state;
    char *path = eg_xasprintf("%s/fix.xlsx", f->dir), why[300], *parts;
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "S");
    eg_xfix fix = { .sheet_no = 1, .row = 1, .col = 2, .v = 0.010238509896151193 };
    size_t n;

    worksheet_write_number(ws, 1, 2, 0.01023850989615117, NULL);  /* as long, not it */
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    assert_int_equal(eg_xlsx_splice(path, NULL, 0, &fix, 1, why, sizeof why), -1);
    assert_string_equal(why, "xl/worksheets/sheet1.xml: cell C2 is not the number "
                        "0.01023850989615119 libxlsxwriter should have written");
    free(path);
    path = eg_xasprintf("%s/fix2.xlsx", f->dir);
    wb = workbook_new(path);
    ws = workbook_add_worksheet(wb, "S");
    worksheet_write_number(ws, 1, 2, fix.v, NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    assert_int_equal(eg_xlsx_splice(path, NULL, 0, &fix, 1, why, sizeof why), 0);
    parts = parts_of(path, &n);
    HAS(parts, n, "<v>0.010238509896151193</v>");
    free(parts);
    free(path);
}

static void a_sheet_that_is_not_the_header_alone_is_refused(void **state)
{
    fixture *f = *state;
    unsigned char z[] = { 0x02, 0x00, 0x00, 0x00, 0xff, 0xff };  /* "" and a sync flush */
    eg_xblock blk = { .z = z, .z_len = sizeof z, .len = 0, .crc = 0 };
    eg_xspliced d = { .sheet_no = 1, .n_cols = 11, .header_rows = 1, .rows = 2,
                      .blocks = &blk, .n_blocks = 1 };
    char why[300], *path, *junk, *parts;
    size_t n;
    FILE *fp;

    /* two rows where the header should be alone */
    path = lxw_book(f->dir, "two.xlsx", 2);
    assert_int_equal(eg_xlsx_splice(path, &d, 1, NULL, 0, why, sizeof why), -1);
    assert_string_equal(why, "xl/worksheets/sheet1.xml is not the header rows alone that it "
                        "should be");
    free(path);
    /* but as two header rows (a units' sheet), it is, and the dimension
     * counts the rows put in after them (a failed splice leaves no file:
     * a fresh one) */
    path = lxw_book(f->dir, "two-headers.xlsx", 2);
    d.header_rows = 2;
    d.rows = 7;
    assert_int_equal(eg_xlsx_splice(path, &d, 1, NULL, 0, why, sizeof why), 0);
    parts = parts_of(path, &n);
    HAS(parts, n, "<dimension ref=\"A1:K7\"/>");
    free(parts);
    free(path);
    /* the header alone: spliced, and the file reads back */
    d.header_rows = 1;
    d.rows = 2;
    path = lxw_book(f->dir, "one.xlsx", 1);
    assert_int_equal(eg_xlsx_splice(path, &d, 1, NULL, 0, why, sizeof why), 0);
    parts = parts_of(path, &n);
    HAS(parts, n, "<dimension ref=\"A1:K2\"/>");
    free(parts);
    /* a sheet that is not there */
    d.sheet_no = 9;
    assert_int_equal(eg_xlsx_splice(path, &d, 1, NULL, 0, why, sizeof why), -1);
    assert_string_equal(why, "1 of the 1 sheets whose rows are ours are not where libxlsxwriter "
                        "should have put them");
    free(path);
    /* not a zip archive */
    junk = eg_xasprintf("%s/junk.xlsx", f->dir);
    fp = fopen(junk, "w");
    assert_non_null(fp);
    fputs("not a zip", fp);
    fclose(fp);
    assert_int_equal(eg_xlsx_splice(junk, &d, 1, NULL, 0, why, sizeof why), -1);
    assert_non_null(strstr(why, "cannot open what libxlsxwriter wrote"));
    free(junk);
}

int main(void)
{
    const struct CMUnitTest pure[] = {
        cmocka_unit_test(names_excel_accepts_are_valid),
        cmocka_unit_test(names_that_read_as_cells_or_hold_other_characters_are_refused),
        cmocka_unit_test(numbers_are_the_shortest_decimal_that_reads_back),
        cmocka_unit_test(text_is_made_safe_for_a_cell),
        cmocka_unit_test(a_number_is_as_wide_as_its_format_shows_it),
        cmocka_unit_test(ranges_are_written_as_excel_writes_them),
        cmocka_unit_test(no_values_make_one_empty_data_sheet),
        cmocka_unit_test(a_full_sheet_stays_one_sheet_and_one_more_value_makes_two),
        cmocka_unit_test(values_are_cut_into_sheets_in_order),
        cmocka_unit_test(dulieu_holds_numbers_as_a_spreadsheet_adds_them),
        cmocka_unit_test(dulieu_formats_percentages_counts_and_money),
        cmocka_unit_test(planned_cells_are_cut_into_blocks_of_whole_rows),
        cmocka_unit_test(texts_escaped_up_to_the_end_of_a_block_buffer_are_whole),
    };
    const struct CMUnitTest whole[] = {
        cmocka_unit_test_setup_teardown(the_same_year_gives_the_same_bytes_in_memory_and_streamed,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_hook_value_that_is_not_a_count_is_ignored,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(thong_tin_takes_the_hashes_the_manifest_made,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_ratio_names_five_units_it_left_out_and_counts_the_rest,
                                        many_units_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_total_is_a_formula_only_where_round_gives_it,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(ranks_count_the_higher_totals_of_the_same_level,
                                        many_units_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(low_totals_are_highlighted_by_level_over_the_whole_column,
                                        many_units_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(each_ranking_has_a_chart_of_its_ranked_rows,
                                        many_units_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_ranking_of_no_one_ranked_has_no_chart,
                                        many_units_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(two_rankings_of_one_level_highlight_each_its_own_rows,
                                        many_units_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_quotient_of_a_divisor_of_0_says_which_is_0,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_unit_missing_a_criterion_has_its_note_under_ghi_chu,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_workbook_that_cannot_be_written_is_f_xlsx_and_leaves_nothing,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(our_rows_are_the_bytes_libxlsxwriter_writes,
                                        nasty_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(our_rows_hold_the_cells_as_excel_reads_them,
                                        nasty_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(in_memory_our_rows_share_the_strings_libxlsxwriter_shares,
                                        nasty_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(in_memory_a_text_met_again_in_another_column_widens_it_too,
                                        nasty_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(the_huyen_sheet_shows_each_district_as_an_analyst_reads_it,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_rate_whose_part_a_level_does_not_report_has_no_column,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_level_of_no_units_has_no_data_bars,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(our_rows_are_the_same_with_one_thread_or_three,
                                        nasty_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(the_units_rows_are_the_bytes_libxlsxwriter_writes_over_blocks,
                                        many_units_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_fixed_number_must_be_what_libxlsxwriter_printed,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_sheet_that_is_not_the_header_alone_is_refused,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(dulieu_is_the_table_duLieu_in_memory_and_filtered_streamed,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_year_of_no_values_has_a_filter_and_no_table,
                                        fixture_setup, fixture_teardown),
    };

    return cmocka_run_group_tests_name("xlsx names, ranges and data sheets", pure, NULL, NULL) |
           cmocka_run_group_tests_name("whole workbooks", whole, NULL, NULL);
}
