/*
 * test_merge.c - extract/merge.h and the table's reading of merged cells.
 *
 * input-format.md leaves merged cells to us; docs/input.md, "Merged
 * cells": a cell covered by a range merged over rows reads as the range's
 * top-left cell in that cell's column (a unit's code merged down its
 * rows), a header merged down two rows is found in its second, a range
 * begun at or above the header fills no record, and a value cell merged
 * over rows is marked so that the acceptor leaves it out.  The rows here
 * are made by hand, as a workbook reader hands them on.
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
#include "extract/merge.h"
#include "extract/table.h"

/* --- ranges ---------------------------------------------------------------- */

static void refs_are_read_as_a_workbook_writes_them(void **state)
{
    eg_merges m = { 0 };

    (void)state;
    assert_int_equal(eg_merges_add_ref(&m, "A5:A8"), 0);
    assert_int_equal(eg_merges_add_ref(&m, "$C$2:$D$3"), 0);
    assert_int_equal(eg_merges_add_ref(&m, "D3:B2"), 0);            /* corners swapped */
    assert_int_equal(eg_merges_add_ref(&m, "A1:XFD1048576"), 0);
    assert_int_equal(m.n, 4);
    assert_int_equal(m.v[0].first_row, 5);
    assert_int_equal(m.v[0].last_row, 8);
    assert_int_equal(m.v[0].first_col, 1);
    assert_int_equal(m.v[0].last_col, 1);
    assert_int_equal(m.v[1].first_row, 2);
    assert_int_equal(m.v[1].first_col, 3);
    assert_int_equal(m.v[1].last_col, 4);
    assert_int_equal(m.v[2].first_row, 2);
    assert_int_equal(m.v[2].last_row, 3);
    assert_int_equal(m.v[2].first_col, 2);
    assert_int_equal(m.v[2].last_col, 4);
    assert_int_equal(m.v[3].last_row, 1048576L);
    assert_int_equal(m.v[3].last_col, 16384);

    /* letters of either case, as cell references are read */
    assert_int_equal(eg_merges_add_ref(&m, "ab7:Ab9"), 0);
    assert_int_equal(m.n, 5);
    assert_int_equal(m.v[4].first_col, 28);
    assert_int_equal(m.v[4].last_col, 28);
    m.n = 4;

    /* within one row: kept apart, for a header (it changes no value's
     * row); a single cell is not kept */
    assert_int_equal(eg_merges_add_ref(&m, "B1:F1"), 0);
    assert_int_equal(eg_merges_add_ref(&m, "B7"), 0);
    assert_int_equal(m.n, 4);
    assert_int_equal(m.n_wide, 1);
    assert_int_equal(m.wide[0].first_row, 1);
    assert_int_equal(m.wide[0].last_row, 1);
    assert_int_equal(m.wide[0].first_col, 2);
    assert_int_equal(m.wide[0].last_col, 6);

    /* no range of a spreadsheet: nothing added */
    static const char *const bad[] = { "", ":", "A0:A3", "A1:A", "1:3", "A:C", "XFE1:XFE2",
                                       "A1:A1048577", "A1:A2x", "A1 :A2", "A1:B2:C3",
                                       "AAAA1:A2", "A12345678:A2" };

    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (eg_merges_add_ref(&m, bad[i]) != 1)
            fail_msg("'%s' was read as a range", bad[i]);
    assert_int_equal(m.n, 4);
    eg_merges_free(&m);
    assert_null(m.v);
    assert_null(m.wide);
    assert_int_equal(m.n, 0);
    assert_int_equal(m.n_wide, 0);
}

static void ranges_are_sorted_for_a_reading_row_by_row_and_named(void **state)
{
    eg_merges m = { 0 };
    char name[64];

    (void)state;
    eg_merges_add(&m, 9, 2, 12, 2);
    eg_merges_add(&m, 5, 3, 8, 3);
    eg_merges_add(&m, 5, 1, 6, 1);
    eg_merges_sort(&m);
    assert_int_equal(m.v[0].first_row, 5);
    assert_int_equal(m.v[0].first_col, 1);
    assert_int_equal(m.v[1].first_col, 3);
    assert_int_equal(m.v[2].first_row, 9);
    assert_string_equal(eg_merge_name(name, sizeof name, &m.v[1]), "C5:C8");
    assert_string_equal(eg_merge_name(name, sizeof name, &m.v[2]), "B9:B12");
    eg_merges_free(&m);
}

/* The ranges within one row are sorted as well, row by row then by
 * column (then by their end): the table takes them in that order as its
 * rows go by. */
static void ranges_within_one_row_are_sorted_too(void **state)
{
    eg_merges m = { 0 };
    char name[64];

    (void)state;
    eg_merges_add(&m, 7, 4, 7, 2);
    eg_merges_add(&m, 3, 5, 3, 6);
    eg_merges_add(&m, 3, 1, 3, 4);              /* overlapping: the shorter first */
    eg_merges_add(&m, 3, 1, 3, 2);
    eg_merges_sort(&m);
    assert_int_equal(m.n, 0);
    assert_int_equal(m.n_wide, 4);
    assert_string_equal(eg_merge_name(name, sizeof name, &m.wide[0]), "A3:B3");
    assert_string_equal(eg_merge_name(name, sizeof name, &m.wide[1]), "A3:D3");
    assert_string_equal(eg_merge_name(name, sizeof name, &m.wide[2]), "E3:F3");
    assert_string_equal(eg_merge_name(name, sizeof name, &m.wide[3]), "B7:D7");
    eg_merges_free(&m);
}

static void the_range_past_the_cap_is_refused(void **state)
{
    eg_merges m = { 0 };

    (void)state;
    for (long i = 0; i < EG_MAX_MERGES; i++)
        assert_int_equal(eg_merges_add(&m, 2 * i + 1, 1, 2 * i + 2, 1), 0);
    assert_int_equal(eg_merges_add(&m, 1, 2, 2, 2), -1);
    assert_int_equal(eg_merges_add_ref(&m, "B1:B2"), -1);
    /* a range within one row is kept apart, never past the cap: the
     * first EG_MAX_MERGES of them, the rest let go without an error */
    assert_int_equal(eg_merges_add_ref(&m, "B1:C1"), 0);
    assert_int_equal(m.n, (size_t)EG_MAX_MERGES);
    assert_int_equal(m.n_wide, 1);
    for (long i = 1; i < EG_MAX_MERGES; i++)
        assert_int_equal(eg_merges_add(&m, i + 1, 1, i + 1, 2), 0);
    assert_int_equal(eg_merges_add(&m, 1, 4, 1, 5), 0);
    assert_int_equal(m.n_wide, (size_t)EG_MAX_MERGES);
    eg_merges_free(&m);
}

/* --- the table ------------------------------------------------------------- */

enum { R_UNIT, R_INDICATOR, R_VALUE, R_NOTE, N_ROLES };

typedef struct {
    long row;
    char *field[N_ROLES];
    const eg_merge *merged[N_ROLES];
    char *error[N_ROLES];
    char alien_delimiter;
    int stray_col;
    unsigned next_unnamed;
    int extra_col;
    char *next_value;       /* next[R_VALUE] */
    int hidden;
    char origin_value;      /* origin[R_VALUE] */
} crec;

typedef struct {
    crec *recs;
    size_t n;
} recs_seen;

static int collect_rec(void *ctx, const eg_record *rec)
{
    recs_seen *rs = ctx;
    crec *c;

    rs->recs = eg_xrealloc(rs->recs, (rs->n + 1) * sizeof *rs->recs);
    c = &rs->recs[rs->n++];
    c->row = rec->row;
    c->alien_delimiter = rec->alien_delimiter;
    c->stray_col = rec->stray_col;
    c->next_unnamed = rec->next_unnamed;
    c->extra_col = rec->extra_col;
    c->next_value = eg_xstrdup(rec->next[R_VALUE]);
    c->hidden = rec->hidden;
    c->origin_value = rec->origin[R_VALUE];
    for (int r = 0; r < N_ROLES; r++) {
        c->field[r] = eg_xstrdup(rec->field[r]);
        c->merged[r] = rec->merged[r];
        c->error[r] = rec->error[r] ? eg_xstrdup(rec->error[r]) : NULL;
    }
    return 0;
}

typedef struct {
    eg_colspec spec[N_ROLES];
    eg_table table;
    eg_merges merges;
    recs_seen recs;
} fixture;

static int setup(void **state)
{
    static const char *const unit[] = { "Mã đơn vị", NULL };
    static const char *const ind[] = { "Mã chỉ tiêu", NULL };
    static const char *const val[] = { "Giá trị", NULL };
    static const char *const note[] = { "Ghi chú", NULL };
    fixture *fx = eg_xcalloc(1, sizeof *fx);

    eg_colspec_set(&fx->spec[R_UNIT], "unit_code", 1, unit);
    eg_colspec_set(&fx->spec[R_INDICATOR], "indicator", 1, ind);
    eg_colspec_set(&fx->spec[R_VALUE], "value", 1, val);
    eg_colspec_set(&fx->spec[R_NOTE], "note", 0, note);
    eg_table_init(&fx->table, fx->spec, N_ROLES, collect_rec, &fx->recs);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;

    eg_table_release(&fx->table);
    eg_colspec_free(fx->spec, N_ROLES);
    eg_merges_free(&fx->merges);
    for (size_t i = 0; i < fx->recs.n; i++) {
        free(fx->recs.recs[i].next_value);
        for (int r = 0; r < N_ROLES; r++) {
            free(fx->recs.recs[i].field[r]);
            free(fx->recs.recs[i].error[r]);
        }
    }
    free(fx->recs.recs);
    free(fx);
    return 0;
}

/* Hands the table a row of up to 5 cells (NULL ends it; "" an empty
 * cell), with the sheet's merges and, when error is not NULL, that error
 * shown in its column err_col (1-based). */
static void feed_error(fixture *fx, long row, const char *const *cells, int err_col,
                       const char *error)
{
    char *fields[5];
    const char *errors[5] = { NULL };
    eg_row r = { .row = row, .fields = fields, .sheet = "Báo cáo" };

    while (r.n < 5 && cells[r.n]) {
        fields[r.n] = (char *)cells[r.n];
        r.n++;
    }
    if (error) {
        errors[err_col - 1] = error;
        r.cell_errors = errors;
    }
    r.merges = fx->merges.n || fx->merges.n_wide ? &fx->merges : NULL;
    assert_int_equal(eg_table_row(&fx->table, &r), 0);
}

static void feed(fixture *fx, long row, const char *const *cells)
{
    feed_error(fx, row, cells, 0, NULL);
}

#define ROW(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void a_code_merged_down_its_rows_reads_in_every_row(void **state)
{
    fixture *fx = *state;

    eg_merges_add_ref(&fx->merges, "A2:A4");
    eg_merges_add_ref(&fx->merges, "D3:D4");        /* a note over two rows */
    eg_merges_sort(&fx->merges);
    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị", "Ghi chú"));
    feed(fx, 2, ROW("KT.STP", "ht.cbcc", "45"));
    feed(fx, 3, ROW("", "ht.cbcc_may_tinh", "43", "ước tính"));
    feed(fx, 4, ROW("", "ht.wan", "x"));
    feed(fx, 5, ROW("KT.STH", "ht.cbcc", "88"));
    assert_int_equal(fx->recs.n, 4);
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(fx->recs.recs[i].field[R_UNIT], "KT.STP");
        assert_ptr_equal(fx->recs.recs[i].merged[R_UNIT], &fx->merges.v[0]);
        assert_null(fx->recs.recs[i].merged[R_VALUE]);
        assert_null(fx->recs.recs[i].merged[R_INDICATOR]);
    }
    assert_string_equal(fx->recs.recs[1].field[R_VALUE], "43");
    assert_string_equal(fx->recs.recs[2].field[R_INDICATOR], "ht.wan");
    assert_string_equal(fx->recs.recs[2].field[R_NOTE], "ước tính");
    assert_string_equal(fx->recs.recs[0].field[R_NOTE], "");
    /* past the range, a row's own code */
    assert_string_equal(fx->recs.recs[3].field[R_UNIT], "KT.STH");
    assert_null(fx->recs.recs[3].merged[R_UNIT]);
    assert_string_equal(fx->recs.recs[3].field[R_NOTE], "");
}

static void a_covered_cell_reads_as_its_range_whatever_it_holds(void **state)
{
    fixture *fx = *state;

    /* A writer other than a spreadsheet may leave text in a covered cell:
     * the clerk sees the range's, and so does the table.  A cell of the
     * range's other columns is empty, as the clerk sees it. */
    eg_merges_add_ref(&fx->merges, "A2:B3");
    eg_merges_sort(&fx->merges);
    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị"));
    feed(fx, 2, ROW("KT.STP", "", "45"));
    feed(fx, 3, ROW("KT.STH", "ht.wan", "43"));
    assert_int_equal(fx->recs.n, 2);
    assert_string_equal(fx->recs.recs[1].field[R_UNIT], "KT.STP");
    assert_string_equal(fx->recs.recs[1].field[R_INDICATOR], "");
    assert_ptr_equal(fx->recs.recs[1].merged[R_INDICATOR], &fx->merges.v[0]);
}

static void a_two_row_header_merged_down_is_found_in_its_second_row(void **state)
{
    fixture *fx = *state;

    eg_merges_add_ref(&fx->merges, "A1:E1");        /* the title, across */
    eg_merges_add_ref(&fx->merges, "A2:A3");
    eg_merges_add_ref(&fx->merges, "B2:B3");
    eg_merges_add_ref(&fx->merges, "C2:C3");
    eg_merges_add_ref(&fx->merges, "D2:E2");        /* over its two columns */
    eg_merges_sort(&fx->merges);
    assert_int_equal(fx->merges.n, 3);
    feed(fx, 1, ROW("BÁO CÁO SỐ LIỆU NĂM 2021"));
    feed(fx, 2, ROW("STT", "Mã đơn vị", "Mã chỉ tiêu", "Số liệu"));
    feed(fx, 3, ROW("", "", "", "Giá trị", "Ghi chú"));
    feed(fx, 4, ROW("1", "KT.STP", "ht.cbcc", "45", "đủ"));
    assert_int_equal(fx->table.have_header, 1);
    assert_int_equal(fx->recs.n, 1);
    assert_int_equal(fx->recs.recs[0].row, 4);
    assert_string_equal(fx->recs.recs[0].field[R_UNIT], "KT.STP");
    assert_string_equal(fx->recs.recs[0].field[R_INDICATOR], "ht.cbcc");
    assert_string_equal(fx->recs.recs[0].field[R_VALUE], "45");
    assert_string_equal(fx->recs.recs[0].field[R_NOTE], "đủ");
    assert_null(fx->recs.recs[0].merged[R_UNIT]);

    /* without the merges the same rows have no header */
    {
        eg_table t;
        recs_seen rs = { 0 };
        char *f2[] = { "STT", "Mã đơn vị", "Mã chỉ tiêu", "Số liệu" };
        char *f3[] = { "", "", "", "Giá trị", "Ghi chú" };
        eg_row r2 = { .row = 2, .n = 4, .fields = f2 }, r3 = { .row = 3, .n = 5, .fields = f3 };

        eg_table_init(&t, fx->spec, N_ROLES, collect_rec, &rs);
        eg_table_row(&t, &r2);
        eg_table_row(&t, &r3);
        assert_int_equal(t.have_header, 0);
        eg_table_release(&t);
    }
}

static void a_range_begun_at_the_header_fills_no_record(void **state)
{
    fixture *fx = *state;

    eg_merges_add_ref(&fx->merges, "A1:A3");
    eg_merges_add_ref(&fx->merges, "D1:D2");
    eg_merges_sort(&fx->merges);
    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị", "Ghi chú"));
    feed(fx, 2, ROW("", "ht.cbcc", "45"));
    feed(fx, 3, ROW("", "ht.wan", "x"));
    assert_int_equal(fx->recs.n, 2);
    for (size_t i = 0; i < 2; i++) {
        assert_string_equal(fx->recs.recs[i].field[R_UNIT], "");
        assert_string_equal(fx->recs.recs[i].field[R_NOTE], "");
        assert_null(fx->recs.recs[i].merged[R_UNIT]);
    }
}

static void a_value_merged_over_rows_is_marked_in_each_of_them(void **state)
{
    fixture *fx = *state;

    eg_merges_add_ref(&fx->merges, "C2:C3");
    eg_merges_add_ref(&fx->merges, "B5:C6");        /* the value covered, not its top-left */
    eg_merges_sort(&fx->merges);
    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị"));
    feed(fx, 2, ROW("KT.STP", "ht.cbcc", "45"));
    feed(fx, 3, ROW("KT.STP", "ht.cbcc_may_tinh"));
    feed(fx, 4, ROW("KT.STP", "ht.wan", "x"));
    feed(fx, 5, ROW("KT.STP", "ht.lan_internet"));
    feed(fx, 6, ROW("KT.STH"));
    assert_int_equal(fx->recs.n, 5);
    assert_ptr_equal(fx->recs.recs[0].merged[R_VALUE], &fx->merges.v[0]);
    assert_ptr_equal(fx->recs.recs[1].merged[R_VALUE], &fx->merges.v[0]);
    assert_string_equal(fx->recs.recs[1].field[R_VALUE], "45");
    assert_null(fx->recs.recs[2].merged[R_VALUE]);
    assert_string_equal(fx->recs.recs[2].field[R_VALUE], "x");
    assert_ptr_equal(fx->recs.recs[3].merged[R_VALUE], &fx->merges.v[1]);
    assert_ptr_equal(fx->recs.recs[4].merged[R_VALUE], &fx->merges.v[1]);
    /* the indicator merged down from B5 */
    assert_string_equal(fx->recs.recs[4].field[R_INDICATOR], "ht.lan_internet");
    assert_string_equal(fx->recs.recs[4].field[R_VALUE], "");
}

static void ranges_over_rows_never_handed_on_fill_nothing(void **state)
{
    fixture *fx = *state;

    /* A3:A5's top row is blank (not handed on): nothing to fill; A6:A7
     * lies wholly in rows not handed on: it must not reach row 8. */
    eg_merges_add_ref(&fx->merges, "A3:A5");
    eg_merges_add_ref(&fx->merges, "A6:A7");
    eg_merges_add_ref(&fx->merges, "C6:C7");
    eg_merges_sort(&fx->merges);
    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị"));
    feed(fx, 2, ROW("KT.STP", "ht.cbcc", "45"));
    feed(fx, 4, ROW("", "ht.wan", "x"));
    feed(fx, 8, ROW("KT.STH", "ht.cbcc", "88"));
    assert_int_equal(fx->recs.n, 3);
    assert_string_equal(fx->recs.recs[1].field[R_UNIT], "");
    assert_ptr_equal(fx->recs.recs[1].merged[R_UNIT], &fx->merges.v[0]);
    assert_string_equal(fx->recs.recs[2].field[R_UNIT], "KT.STH");
    assert_null(fx->recs.recs[2].merged[R_UNIT]);
    assert_null(fx->recs.recs[2].merged[R_VALUE]);
    assert_string_equal(fx->recs.recs[2].field[R_VALUE], "88");
}

static void a_cells_error_reaches_the_record_of_its_column(void **state)
{
    fixture *fx = *state;

    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị"));
    feed_error(fx, 2, ROW("KT.STP", "ht.cbcc", ""), 3, "#DIV/0!");
    feed_error(fx, 3, ROW("KT.STP", "ht.wan", "x"), 1, "#N/A");
    assert_int_equal(fx->recs.n, 2);
    assert_string_equal(fx->recs.recs[0].error[R_VALUE], "#DIV/0!");
    assert_null(fx->recs.recs[0].error[R_UNIT]);
    assert_null(fx->recs.recs[1].error[R_VALUE]);
    assert_string_equal(fx->recs.recs[1].error[R_UNIT], "#N/A");
}

static void rows_out_of_order_turn_the_merges_off(void **state)
{
    fixture *fx = *state;

    /* Rows 1, 4, 2, 3 with C3:C4 merged: once row 2 comes after row 4 no
     * range can be followed; the rows read as stored. */
    eg_merges_add_ref(&fx->merges, "C3:C4");
    eg_merges_add_ref(&fx->merges, "A2:A3");
    eg_merges_sort(&fx->merges);
    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị"));
    feed(fx, 4, ROW("KT.STP", "ht.wan", "x"));
    feed(fx, 2, ROW("KT.STP", "ht.cbcc", "45"));
    feed(fx, 3, ROW("", "ht.lan_internet", "1"));
    assert_int_equal(fx->recs.n, 3);
    assert_ptr_equal(fx->recs.recs[0].merged[R_VALUE], &fx->merges.v[1]);
    for (size_t i = 1; i < 3; i++) {
        assert_null(fx->recs.recs[i].merged[R_VALUE]);
        assert_null(fx->recs.recs[i].merged[R_UNIT]);
    }
    assert_string_equal(fx->recs.recs[1].field[R_VALUE], "45");
    assert_string_equal(fx->recs.recs[2].field[R_UNIT], "");
    assert_string_equal(fx->recs.recs[2].field[R_VALUE], "1");
}

static void one_range_per_column_is_held_before_the_header(void **state)
{
    fixture *fx = *state;

    /* The same range given 50,000 times (or ranges over one another): one
     * copy of its top-left text, and the header still found below it. */
    for (int i = 0; i < 50000; i++)
        eg_merges_add_ref(&fx->merges, "A1:A2");
    eg_merges_add_ref(&fx->merges, "B1:B3");
    eg_merges_sort(&fx->merges);
    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu"));
    assert_non_null(fx->table.pre);
    assert_int_equal(fx->table.pre_cols, 3);
    assert_string_equal(fx->table.pre[1].text, "Mã đơn vị");
    assert_string_equal(fx->table.pre[2].text, "Mã chỉ tiêu");
    feed(fx, 2, ROW("", "", "Giá trị"));
    assert_int_equal(fx->table.have_header, 1);
    assert_null(fx->table.pre);
    feed(fx, 3, ROW("KT.STP", "", "45"));
    assert_int_equal(fx->recs.n, 1);
    /* B1:B3 began at the header: it fills no record */
    assert_string_equal(fx->recs.recs[0].field[R_INDICATOR], "");
}

static void a_header_again_elsewhere_is_the_header_of_the_rows_below(void **state)
{
    fixture *fx = *state;

    /* a second table under the first: last year's figures where the
     * first had this year's, this year's one column on; its unit's code
     * merged down from its header row fills nothing, as at the first */
    eg_merges_add_ref(&fx->merges, "A3:A4");
    eg_merges_sort(&fx->merges);
    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị"));
    feed(fx, 2, ROW("KT.STP", "ht.cbcc", "45"));
    feed(fx, 3, ROW("Mã đơn vị", "Mã chỉ tiêu", "Năm 2020", "Giá trị", "Ghi chú"));
    feed(fx, 4, ROW("", "ht.cbcc_may_tinh", "40", "43", "ước tính"));
    assert_int_equal(fx->recs.n, 2);    /* the header again is no record */
    assert_string_equal(fx->recs.recs[0].field[R_VALUE], "45");
    assert_int_equal(fx->recs.recs[1].row, 4);
    assert_string_equal(fx->recs.recs[1].field[R_VALUE], "43");
    assert_string_equal(fx->recs.recs[1].field[R_NOTE], "ước tính");
    assert_string_equal(fx->recs.recs[1].field[R_UNIT], "");
    assert_null(fx->recs.recs[1].merged[R_UNIT]);
    assert_int_equal(fx->table.header_row, 3);
}

static void a_header_again_in_the_same_places_is_no_record(void **state)
{
    fixture *fx = *state;

    /* a page's header repeated: skipped, its rows read as before (a
     * hidden one was said to be a hidden value still counted) */
    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị"));
    feed(fx, 2, ROW("KT.STP", "ht.cbcc", "45"));
    feed(fx, 3, ROW("mã đơn vị", "MÃ CHỈ TIÊU", "Giá trị"));
    feed(fx, 4, ROW("KT.STP", "ht.wan", "x"));
    assert_int_equal(fx->recs.n, 2);
    assert_int_equal(fx->recs.recs[1].row, 4);
    assert_string_equal(fx->recs.recs[1].field[R_VALUE], "x");
    assert_int_equal(fx->table.header_row, 1);
}

static void a_header_again_wrapped_in_its_cells_is_found(void **state)
{
    fixture *fx = *state;

    /* "Số\nliệu" typed with Alt+Enter: a header all the same, which the
     * quick look at each row let pass as a record */
    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị"));
    feed(fx, 2, ROW("KT.STP", "ht.cbcc", "45"));
    feed(fx, 3, ROW("Mã đơn\nvị", "Mã chỉ tiêu", "Năm 2020", "Giá\r\ntrị"));
    feed(fx, 4, ROW("KT.STP", "ht.cbcc_may_tinh", "40", "43"));
    assert_int_equal(fx->recs.n, 2);
    assert_string_equal(fx->recs.recs[1].field[R_VALUE], "43");
    assert_int_equal(fx->table.header_row, 3);
}

static void a_header_again_naming_the_value_twice_stops_the_table(void **state)
{
    fixture *fx = *state;
    char *cells[] = { "Mã đơn vị", "Mã chỉ tiêu", "Giá trị", "Giá trị" };
    eg_row r = { .row = 3, .n = 4, .fields = cells };
    eg_diag_list dl = { 0 };

    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị"));
    feed(fx, 2, ROW("KT.STP", "ht.cbcc", "45"));
    assert_int_not_equal(eg_table_row(&fx->table, &r), 0);
    assert_int_equal(fx->recs.n, 1);
    /* the header was found: the rows above it stand, and the row is said */
    assert_int_equal(eg_table_finish(&fx->table, "a.xlsx", "E_NO_HEADER", &dl), 1);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.items[0].row, 3);
    assert_int_equal(dl.items[0].col, 4);
    assert_non_null(strstr(dl.items[0].message, "dòng 3 lại ghi tên các cột"));
    eg_diag_free(&dl);
}

/* A header's first row: the codes' names merged down into the second,
 * "Giá trị" merged across C1:D1.  The row under it may name the value
 * alone: the search goes on. */
static void value_merged_across_the_first_row(fixture *fx)
{
    char *cells[] = { "Mã đơn vị", "Mã chỉ tiêu", "Giá trị" };
    eg_row r = { .row = 1, .n = 3, .fields = cells, .merges = &fx->merges };

    eg_merges_add_ref(&fx->merges, "A1:A2");
    eg_merges_add_ref(&fx->merges, "B1:B2");
    eg_merges_add_ref(&fx->merges, "C1:D1");
    eg_merges_sort(&fx->merges);
    assert_int_equal(eg_table_row(&fx->table, &r), 0);
}

/* "Giá trị" merged across the columns of its sub-headings: the clerk sees
 * it over last year's and this year's figures, the sheet keeps it in the
 * first (last year's), which was read as this year's without a word.  It
 * names the value in both, and nothing is read, as with two columns
 * named alike; the same over rows, and in a header again below. */
static void a_name_merged_across_columns_names_each_of_them(void **state)
{
    fixture *fx = *state;
    eg_diag_list dl = { 0 };

    value_merged_across_the_first_row(fx);
    /* it names the years: no header, and the rows below are no records */
    feed(fx, 2, ROW("", "", "Năm 2020", "Năm 2021"));
    feed(fx, 3, ROW("KT.STP", "ht.cbcc", "40", "45"));
    assert_int_equal(fx->recs.n, 0);
    assert_int_equal(fx->table.have_header, 0);
    assert_int_equal(fx->table.twice, R_VALUE + 1);
    assert_int_equal(fx->table.twice_col[0], 2);
    assert_int_equal(fx->table.twice_col[1], 3);
    assert_string_equal(fx->table.twice_merged, "C1:D1");
    assert_int_equal(eg_table_finish(&fx->table, "a.xlsx", "E_NO_HEADER", &dl), 0);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.items[0].row, 1);
    assert_int_equal(dl.items[0].col, 4);
    assert_string_equal(dl.items[0].message,
                        "ở dòng tiêu đề, ô 'Giá trị' (C1:D1) được gộp qua nhiều cột, nên cột "
                        "'value' là cả cột 3 và cột 4; không có số liệu nào được đọc, vì không "
                        "xác định được cột nào chứa số liệu năm nay: bỏ gộp ô và chỉ ghi tên cột "
                        "trên cột số liệu năm nay");
    eg_diag_free(&dl);
}

static void a_name_merged_across_columns_below_the_header_stops_the_table(void **state)
{
    fixture *fx = *state;
    eg_diag_list dl = { 0 };

    eg_merges_add_ref(&fx->merges, "C3:D4");        /* over rows as well */
    eg_merges_add_ref(&fx->merges, "C6:D6");        /* not reached */
    eg_merges_sort(&fx->merges);
    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị"));
    feed(fx, 2, ROW("KT.STP", "ht.cbcc", "45"));
    {
        char *cells[] = { "Mã đơn vị", "Mã chỉ tiêu", "Giá trị" };
        eg_row r = { .row = 3, .n = 3, .fields = cells, .merges = &fx->merges };

        assert_int_not_equal(eg_table_row(&fx->table, &r), 0);
    }
    assert_int_equal(fx->recs.n, 1);
    assert_string_equal(fx->table.twice_merged, "C3:D4");
    assert_int_equal(eg_table_finish(&fx->table, "a.xlsx", "E_NO_HEADER", &dl), 1);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.items[0].row, 3);
    assert_non_null(strstr(dl.items[0].message, "các cột lại được ghi tên ở dưới dòng tiêu đề, "
                                                "và ô 'Giá trị' (C3:D4) được gộp qua nhiều cột"));
    eg_diag_free(&dl);
}

/* The same name merged across as a group's heading, the row under it
 * naming the value's column alone ("Số liệu" over "Giá trị | Ghi chú"):
 * that row is the header, and the note of the first goes. */
static void a_name_merged_across_a_row_that_names_the_value_alone_is_a_heading(void **state)
{
    fixture *fx = *state;
    eg_diag_list dl = { 0 };

    /* the fixture's value has one name: over itself and the note */
    value_merged_across_the_first_row(fx);
    assert_int_equal(fx->table.twice, R_VALUE + 1);
    feed(fx, 2, ROW("", "", "Giá trị", "Ghi chú"));
    assert_int_equal(fx->table.have_header, 1);
    assert_int_equal(fx->table.header_row, 2);
    assert_int_equal(fx->table.twice, 0);
    feed(fx, 3, ROW("KT.STP", "ht.cbcc", "45", "cả năm"));
    assert_int_equal(fx->recs.n, 1);
    assert_string_equal(fx->recs.recs[0].field[R_VALUE], "45");
    assert_string_equal(fx->recs.recs[0].field[R_NOTE], "cả năm");
    assert_int_equal(eg_table_finish(&fx->table, "a.xlsx", "E_NO_HEADER", &dl), 1);
    assert_int_equal(dl.n, 0);
    eg_diag_free(&dl);
}

/* A header of two rows, the codes merged down into the second and
 * "Giá trị" merged across that second row, its covered cell not stored
 * (the row one cell shorter than the range): the row as the clerk sees
 * it is made wider than the one filled from above, and read from that. */
static void a_name_merged_across_the_second_row_of_a_header_past_its_cells(void **state)
{
    fixture *fx = *state;

    eg_merges_add_ref(&fx->merges, "A1:A2");
    eg_merges_add_ref(&fx->merges, "B1:B2");
    eg_merges_add_ref(&fx->merges, "C2:D2");
    eg_merges_sort(&fx->merges);
    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu"));
    {
        char *cells[] = { "", "", "Giá trị" };
        eg_row r = { .row = 2, .n = 3, .fields = cells, .merges = &fx->merges };

        assert_int_equal(eg_table_row(&fx->table, &r), 0);
    }
    assert_int_equal(fx->table.have_header, 0);
    assert_int_equal(fx->table.twice, R_VALUE + 1);
    assert_int_equal(fx->table.twice_col[0], 2);
    assert_int_equal(fx->table.twice_col[1], 3);
    assert_string_equal(fx->table.twice_name[1], "Giá trị");
    assert_string_equal(fx->table.twice_merged, "C2:D2");
}

/* Ranges that overlap within a row, which no spreadsheet program writes
 * (a damaged or crafted file): the second's first cell, empty as stored,
 * is covered by the first; the row as the clerk sees it never grows past
 * what the ranges with a text ask for. */
static void ranges_that_overlap_in_a_row_stay_within_it(void **state)
{
    fixture *fx = *state;

    eg_merges_add_ref(&fx->merges, "A1:A2");
    eg_merges_add_ref(&fx->merges, "E1:E2");
    eg_merges_add_ref(&fx->merges, "C2:D2");
    eg_merges_add_ref(&fx->merges, "D2:H2");
    eg_merges_sort(&fx->merges);
    feed(fx, 1, ROW("Mã đơn vị", "", "", "", "x"));
    {
        char *cells[] = { "", "Mã chỉ tiêu", "Giá trị" };
        eg_row r = { .row = 2, .n = 3, .fields = cells, .merges = &fx->merges };

        assert_int_equal(eg_table_row(&fx->table, &r), 0);
    }
    assert_int_equal(fx->table.twice, R_VALUE + 1);
    assert_int_equal(fx->table.twice_col[0], 2);
    assert_int_equal(fx->table.twice_col[1], 3);
}

static void a_row_of_one_cell_in_another_delimiter_is_split_when_asked(void **state)
{
    fixture *fx = *state;

    /* a file of ';' with rows pasted from one of ',': each row one cell */
    fx->table.delimiter = ';';
    fx->table.split_alien = 1;
    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị", "Ghi chú"));
    feed(fx, 2, ROW("KT.STP,ht.cbcc, 45 "));
    feed(fx, 3, ROW("Người lập biểu, Thủ trưởng"));     /* two parts: no row */
    feed(fx, 4, ROW("KT.STP", "ht.wan", "x"));
    assert_int_equal(fx->recs.n, 3);
    assert_string_equal(fx->recs.recs[0].field[R_UNIT], "KT.STP");
    assert_string_equal(fx->recs.recs[0].field[R_INDICATOR], "ht.cbcc");
    assert_string_equal(fx->recs.recs[0].field[R_VALUE], "45");
    assert_string_equal(fx->recs.recs[0].field[R_NOTE], "");
    assert_string_equal(fx->recs.recs[1].field[R_UNIT], "Người lập biểu, Thủ trưởng");
    assert_string_equal(fx->recs.recs[1].field[R_INDICATOR], "");
    assert_string_equal(fx->recs.recs[2].field[R_VALUE], "x");
}

static void a_note_with_commas_in_its_own_column_is_a_note(void **state)
{
    fixture *fx = *state;

    /* the lone text is the note's, not a row pasted into column A: its
     * parts were taken for a unit's name and an indicator */
    fx->table.delimiter = ';';
    fx->table.split_alien = 1;
    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị", "Ghi chú"));
    feed(fx, 2, ROW("", "", "", "Gồm: Phòng A, Phòng B, Phòng C"));
    assert_int_equal(fx->recs.n, 1);
    assert_string_equal(fx->recs.recs[0].field[R_UNIT], "");
    assert_string_equal(fx->recs.recs[0].field[R_INDICATOR], "");
    assert_string_equal(fx->recs.recs[0].field[R_NOTE], "Gồm: Phòng A, Phòng B, Phòng C");
    assert_int_equal(fx->recs.recs[0].alien_delimiter, 0);
}

/* A title merged down two rows ends there: the row under it is read as
 * it stands, and may be the header. */
static void a_range_over_rows_before_the_header_ends_at_its_last_row(void **state)
{
    fixture *fx = *state;

    eg_merges_add_ref(&fx->merges, "A1:A2");
    eg_merges_sort(&fx->merges);
    feed(fx, 1, ROW("Báo cáo"));
    feed(fx, 2, ROW(""));
    feed(fx, 3, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị"));
    feed(fx, 4, ROW("KT.STP", "ht.cbcc", "45"));
    assert_int_equal(fx->table.have_header, 1);
    assert_int_equal(fx->table.header_row, 3);
    assert_int_equal(fx->recs.n, 1);
    assert_string_equal(fx->recs.recs[0].field[R_UNIT], "KT.STP");
}

/* The header's first named column of no role (a layout's misspelt one):
 * an empty cell is none, nor a name of blanks and a '#' (a column of
 * notes); one after an empty cell is found. */
static void the_first_named_column_of_no_role_is_the_stray_one(void **state)
{
    fixture *fx = *state;

    feed(fx, 1, ROW("Mã đơn vị", "", "Mã chỉ tiêu", "Giá trị", "STT"));
    feed(fx, 2, ROW("KT.STP", "", "ht.cbcc", "45", "1"));
    assert_int_equal(fx->recs.n, 1);
    assert_int_equal(fx->recs.recs[0].stray_col, 5);
    eg_table_release(&fx->table);
    eg_table_init(&fx->table, fx->spec, N_ROLES, collect_rec, &fx->recs);
    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị", " #ghi chú"));
    feed(fx, 2, ROW("KT.STP", "ht.cbcc", "45", "x"));
    assert_int_equal(fx->recs.n, 2);
    assert_int_equal(fx->recs.recs[1].stray_col, 0);
}

/* A header's cell of blanks right after the value's is no name: what a
 * row has there is looked at as past the header's last. */
static void a_header_cell_of_blanks_after_a_role_is_unnamed(void **state)
{
    fixture *fx = *state;

    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị", " ", "Ghi chú"));
    feed(fx, 2, ROW("KT.STP", "ht.cbcc", "18", "27"));
    assert_int_equal(fx->recs.n, 1);
    assert_int_equal(fx->recs.recs[0].next_unnamed, 1u << R_VALUE);
}

/* A title merged across two columns in the row above is no name over
 * the header's two columns of one name: the plain message, and nothing
 * read. */
static void a_range_across_above_the_header_does_not_name_its_columns(void **state)
{
    fixture *fx = *state;
    eg_diag_list dl = { 0 };

    eg_merges_add_ref(&fx->merges, "C1:D1");
    eg_merges_sort(&fx->merges);
    feed(fx, 1, ROW("", "", "Năm 2021"));
    {
        char *cells[] = { "Mã đơn vị", "Mã chỉ tiêu", "Giá trị", "Giá trị" };
        eg_row r = { .row = 2, .n = 4, .fields = cells, .merges = &fx->merges };

        assert_int_not_equal(eg_table_row(&fx->table, &r), 0);
    }
    assert_int_equal(eg_table_finish(&fx->table, "a.xlsx", "E_NO_HEADER", &dl), 0);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.items[0].row, 2);
    assert_int_equal(dl.items[0].col, 4);
    assert_non_null(strstr(dl.items[0].message, "dòng tiêu đề có hai cột cùng là cột 'value'"));
    eg_diag_free(&dl);
}

/* The header again in the same places keeps the first's stray column;
 * in other places, its own (none here), not the first's. */
static void a_header_again_has_its_stray_column_only_when_it_moves(void **state)
{
    fixture *fx = *state;

    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị"));
    feed(fx, 2, ROW("KT.STP", "ht.cbcc", "45"));
    feed(fx, 3, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị", "STT"));
    feed(fx, 4, ROW("KT.STH", "ht.cbcc", "46", "2"));
    assert_int_equal(fx->recs.n, 2);
    assert_int_equal(fx->recs.recs[1].stray_col, 0);
    eg_table_release(&fx->table);
    eg_table_init(&fx->table, fx->spec, N_ROLES, collect_rec, &fx->recs);
    feed(fx, 1, ROW("STT", "Mã đơn vị", "Mã chỉ tiêu", "Giá trị"));
    feed(fx, 2, ROW("1", "KT.STP", "ht.cbcc", "45"));
    feed(fx, 3, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị"));
    feed(fx, 4, ROW("KT.STH", "ht.cbcc", "46"));
    assert_int_equal(fx->recs.n, 4);
    assert_int_equal(fx->recs.recs[2].stray_col, 1);
    assert_int_equal(fx->recs.recs[3].stray_col, 0);
    assert_string_equal(fx->recs.recs[3].field[R_VALUE], "46");
}

/* A pasted row's note is its own part, not the rest of the value; a
 * field holding the file's own delimiter was quoted, and is no row
 * pasted from elsewhere. */
static void a_pasted_row_is_split_into_every_column_and_never_by_its_own_delimiter(void **state)
{
    fixture *fx = *state;

    fx->table.delimiter = ';';
    fx->table.split_alien = 1;
    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị", "Ghi chú"));
    feed(fx, 2, ROW("KT.STH,ht.cbcc,46,ước tính"));
    feed(fx, 3, ROW("KT.STH;ht.wan;có"));
    assert_int_equal(fx->recs.n, 2);
    assert_string_equal(fx->recs.recs[0].field[R_VALUE], "46");
    assert_string_equal(fx->recs.recs[0].field[R_NOTE], "ước tính");
    assert_int_equal(fx->recs.recs[0].alien_delimiter, ',');
    assert_string_equal(fx->recs.recs[1].field[R_UNIT], "KT.STH;ht.wan;có");
    assert_string_equal(fx->recs.recs[1].field[R_VALUE], "");
    assert_int_equal(fx->recs.recs[1].alien_delimiter, 0);
}

/* A row numbered as the one before it (no spreadsheet writes one twice)
 * turns the merges off as a row above it does. */
static void a_row_number_met_twice_turns_the_merges_off(void **state)
{
    fixture *fx = *state;

    eg_merges_add_ref(&fx->merges, "A2:A3");
    eg_merges_sort(&fx->merges);
    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị"));
    feed(fx, 2, ROW("KT.STP", "ht.cbcc", "45"));
    feed(fx, 2, ROW("KT.STP", "ht.wan", "x"));
    feed(fx, 3, ROW("", "ht.lan_internet", "1"));
    assert_int_equal(fx->recs.n, 3);
    assert_ptr_equal(fx->recs.recs[0].merged[R_UNIT], &fx->merges.v[0]);
    assert_null(fx->recs.recs[2].merged[R_UNIT]);
    assert_string_equal(fx->recs.recs[2].field[R_UNIT], "");
}

/* Past the header's last column and right after a role's: looked at in
 * comma-separated text alone (a value cut by its decimal comma); past a
 * ';' or a tab, a field there is a note's. */
static void what_is_past_a_column_is_looked_at_after_a_comma_alone(void **state)
{
    fixture *fx = *state;

    fx->table.delimiter = ';';
    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị"));
    feed(fx, 2, ROW("KT.STP", "ht.cbcc", "18", "27"));
    fx->table.delimiter = ',';
    feed(fx, 3, ROW("KT.STP", "ht.cbcc", "18", "27"));
    assert_int_equal(fx->recs.n, 2);
    assert_int_equal(fx->recs.recs[0].extra_col, 0);
    assert_string_equal(fx->recs.recs[0].next_value, "");
    assert_int_equal(fx->recs.recs[1].extra_col, 4);
    assert_string_equal(fx->recs.recs[1].next_value, "27");
}

static int count_title(void *ctx, const eg_row *row)
{
    (void)row;
    ++*(int *)ctx;
    return 0;
}

/* Each row above the header goes to title_fn (the years a title names),
 * the header and the rows below it do not; a hidden row is said so. */
static void titles_go_to_title_fn_and_hidden_rows_are_marked(void **state)
{
    fixture *fx = *state;
    int titles = 0;
    char *cells[] = { "KT.STH", "ht.wan", "x" };
    eg_row hidden = { .row = 5, .n = 3, .fields = cells, .hidden = 1 };

    fx->table.title_fn = count_title;
    fx->table.title_ctx = &titles;
    feed(fx, 1, ROW("BÁO CÁO NĂM 2021"));
    feed(fx, 2, ROW(""));
    feed(fx, 3, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị"));
    feed(fx, 4, ROW("KT.STP", "ht.cbcc", "45"));
    assert_int_equal(eg_table_row(&fx->table, &hidden), 0);
    assert_int_equal(titles, 2);
    assert_int_equal(fx->recs.n, 2);
    assert_int_equal(fx->recs.recs[0].hidden, 0);
    assert_int_equal(fx->recs.recs[1].hidden, 1);
}

/* No header in a sheet: the clerk is told in Vietnamese, with the
 * sheet's name; the operator in English. */
static void no_header_in_a_sheet_is_said_in_the_readers_language(void **state)
{
    fixture *fx = *state;
    eg_diag_list dl = { 0 };

    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu"));
    assert_int_equal(eg_table_finish(&fx->table, "a.xlsx", "E_NO_HEADER", &dl), 0);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.items[0].row, 1);
    assert_non_null(strstr(dl.items[0].message, "không tìm thấy dòng tiêu đề ghi tên các cột "
                                                "unit_code, indicator, value; đã tìm trong 20 "
                                                "dòng đầu tiên của trang tính 'Báo cáo'"));
    eg_diag_free(&dl);
    memset(&dl, 0, sizeof dl);
    dl.english = 1;
    assert_int_equal(eg_table_finish(&fx->table, "a.xlsx", "E_NO_HEADER", &dl), 0);
    assert_int_equal(dl.n, 1);
    assert_non_null(strstr(dl.items[0].message, "no header row naming the columns unit_code, "
                                                "indicator, value in the first 20 rows of the "
                                                "sheet 'Báo cáo'"));
    eg_diag_free(&dl);
}

/* A covered cell whose range's top-left is empty (a writer other than a
 * spreadsheet may leave text there) reads as itself in the search for
 * the header: the range over rows begun in the row above, one begun
 * above the first row handed on, one across columns. */
static void a_covered_cell_under_an_empty_top_left_is_read_as_itself_before_the_header(
    void **state)
{
    fixture *fx = *state;
    static const char *const ranges[] = { "A1:A2", "A1:A3", "C2:D2" };

    for (size_t i = 0; i < 3; i++) {
        eg_merges_free(&fx->merges);
        memset(&fx->merges, 0, sizeof fx->merges);
        eg_table_release(&fx->table);
        eg_table_init(&fx->table, fx->spec, N_ROLES, collect_rec, &fx->recs);
        eg_merges_add_ref(&fx->merges, ranges[i]);
        eg_merges_sort(&fx->merges);
        if (i == 0)
            feed(fx, 1, ROW(""));
        if (i == 2)
            feed(fx, 2, ROW("Mã đơn vị", "Mã chỉ tiêu", "", "Giá trị"));
        else
            feed(fx, 2, ROW(i == 1 ? "Tiêu đề" : "Mã đơn vị", "Mã chỉ tiêu", "Giá trị"));
        if (i == 1)
            feed(fx, 3, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị"));
        if (!fx->table.have_header)
            fail_msg("%s: no header", ranges[i]);
        assert_int_equal(fx->table.header_row, i == 1 ? 3 : 2);
        assert_int_equal(fx->table.col[R_VALUE], i == 2 ? 3 : 2);
    }
}

/* A record of a table of its own columns: counted. */
static int count_rec(void *ctx, const eg_record *rec)
{
    (void)rec;
    ++*(int *)ctx;
    return 0;
}

/* A table of its own columns: roles 0 to n-1 with one header name each,
 * stand_in[r] as eg_colspec.stand_in; the rows (NULL-ended, up to 4
 * cells) handed on; what eg_table_finish says (in English) copied to
 * said, "" when nothing; its return value, or -2 when it found a header
 * and no record came. */
static int read_own(const char *const *names, const int *required, const int *stand_in, size_t n,
                    const char *const *const *rows, char *said, size_t size)
{
    eg_colspec spec[4];
    eg_table t;
    int recs = 0;
    eg_diag_list dl = { .english = 1 };
    int rc;

    for (size_t r = 0; r < n; r++) {
        const char *one[] = { names[r], NULL };

        eg_colspec_set(&spec[r], names[r], required[r], one);
        spec[r].stand_in = stand_in[r];
    }
    eg_table_init(&t, spec, n, count_rec, &recs);
    for (long i = 0; rows[i]; i++) {
        char *fields[4];
        eg_row row = { .row = i + 1, .fields = fields };

        while (row.n < 4 && rows[i][row.n]) {
            fields[row.n] = (char *)rows[i][row.n];
            row.n++;
        }
        eg_table_row(&t, &row);
    }
    rc = eg_table_finish(&t, "a.csv", "E_NO_HEADER", &dl);
    snprintf(said, size, "%s", dl.n ? dl.items[0].message : "");
    eg_diag_free(&dl);
    eg_table_release(&t);
    eg_colspec_free(spec, n);
    return rc == 1 && !recs ? -2 : rc;
}

/* The first role may stand in for another; a cell a role has taken is
 * never asked about as the slip of another's name ("Năm 2021" for "Năm
 * 2020"); two letters off a name of six is a third of it, too many. */
static void a_table_of_its_own_columns_stands_in_and_guesses_as_the_submissions_does(
    void **state)
{
    static const char *const names[] = { "Tên đơn vị", "Mã đơn vị", "Giá trị" };
    static const int required[] = { 0, 1, 1 }, stand_in[] = { 0, 1, 0 }, none[] = { 0, 0, 0 };
    static const char *const years[] = { "Năm 2021", "Năm 2020" };
    static const int both[] = { 1, 1 };
    static const char *const six[] = { "Chỉ số", "Giá trị" };
    char said[1024];

    (void)state;
    assert_int_equal(read_own(names, required, stand_in, 3,
                              (const char *const *const[]){ ROW("Tên đơn vị", "Giá trị"),
                                                            ROW("Phòng Nội vụ", "4"), NULL },
                              said, sizeof said),
                     1);
    assert_string_equal(said, "");
    assert_int_equal(read_own(years, both, none, 2,
                              (const char *const *const[]){ ROW("Năm 2021", "Ghi chú"), NULL },
                              said, sizeof said),
                     0);
    assert_non_null(strstr(said, "; row 1 names some of them but not Năm 2020"));
    assert_null(strstr(said, "meant to be"));
    assert_int_equal(read_own(six, both, none, 2,
                              (const char *const *const[]){ ROW("Chi xy", "Giá trị"), NULL },
                              said, sizeof said),
                     0);
    assert_non_null(strstr(said, "; row 1 names some of them but not Chỉ số"));
    assert_null(strstr(said, "meant to be"));
    assert_int_equal(read_own(six, both, none, 2,
                              (const char *const *const[]){ ROW("Chi sx", "Giá trị"), NULL },
                              said, sizeof said),
                     0);
    assert_non_null(strstr(said, "(is 'Chi sx' meant to be Chỉ số?)"));
}

/* A cell a range covers reads as what its top-left cell held: a number
 * stored as one when it is; a range over two columns, the value's its
 * second, holds nothing known (EG_FROM_OTHER) there, whatever a range
 * before it in that column held. */
static void a_covered_cell_reads_as_what_its_top_left_held(void **state)
{
    fixture *fx = *state;
    char *cells[5][3] = { { "KT.STP", "ht.cbcc", "45" }, { "KT.STP", "ht.wan", "" },
                          { "KT.STP", "ht.lan", "" }, { "KT.STP", "ht.internet", "" } };
    const char number[] = { EG_FROM_TEXT, EG_FROM_TEXT, EG_FROM_NUMBER };
    const char empty[] = { EG_FROM_TEXT, EG_FROM_TEXT, EG_FROM_OTHER };

    eg_merges_add_ref(&fx->merges, "C2:C3");
    eg_merges_add_ref(&fx->merges, "B4:C5");
    eg_merges_sort(&fx->merges);
    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị"));
    for (long i = 0; i < 4; i++) {
        eg_row r = { .row = i + 2, .n = 3, .fields = cells[i], .merges = &fx->merges,
                     .origins = i == 0 ? number : empty };

        assert_int_equal(eg_table_row(&fx->table, &r), 0);
    }
    assert_int_equal(fx->recs.n, 4);
    assert_int_equal(fx->recs.recs[1].origin_value, EG_FROM_NUMBER);
    assert_string_equal(fx->recs.recs[1].field[R_VALUE], "45");
    assert_int_equal(fx->recs.recs[3].origin_value, EG_FROM_OTHER);
    assert_string_equal(fx->recs.recs[3].field[R_VALUE], "");
}

/* A header again in other places is the header from there on: its own
 * count of fields (what is past its last, after a comma), its own
 * unnamed cells, and no range begun above it fills a record. */
static void a_header_again_elsewhere_brings_its_own_width_and_ends_the_ranges_above(
    void **state)
{
    fixture *fx = *state;

    fx->table.delimiter = ',';
    eg_merges_add_ref(&fx->merges, "A2:A5");
    eg_merges_sort(&fx->merges);
    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị", ""));
    feed(fx, 2, ROW("KT.STP", "ht.cbcc", "45"));
    feed(fx, 3, ROW("STT", "Mã đơn vị", "Mã chỉ tiêu", "Giá trị", "Ghi chú"));
    feed(fx, 4, ROW("", "KT.STH", "ht.wan", "x", "đủ"));
    assert_int_equal(fx->recs.n, 2);
    assert_int_equal(fx->recs.recs[0].next_unnamed, 1u << R_VALUE);
    assert_int_equal(fx->recs.recs[1].next_unnamed, 0);
    assert_int_equal(fx->recs.recs[1].extra_col, 0);
    assert_string_equal(fx->recs.recs[1].field[R_UNIT], "KT.STH");
    assert_null(fx->recs.recs[1].merged[R_UNIT]);
    assert_string_equal(fx->recs.recs[1].field[R_NOTE], "đủ");
}

/* A row pasted whole is split only in delimited text, and only when
 * each required part is filled. */
static void a_pasted_row_is_split_in_delimited_text_alone_and_whole(void **state)
{
    fixture *fx = *state;

    fx->table.split_alien = 1;
    feed(fx, 1, ROW("Mã đơn vị", "Mã chỉ tiêu", "Giá trị"));
    feed(fx, 2, ROW("KT.STP;ht.cbcc;45"));
    fx->table.delimiter = ',';
    feed(fx, 3, ROW("KT.STP;;45"));
    assert_int_equal(fx->recs.n, 2);
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(fx->recs.recs[i].alien_delimiter, 0);
        assert_string_equal(fx->recs.recs[i].field[R_VALUE], "");
    }
    assert_string_equal(fx->recs.recs[1].field[R_UNIT], "KT.STP;;45");
    /* a role's own part filled is enough, its stand-in's empty */
    fx->spec[R_UNIT].stand_in = R_NOTE + 1;
    feed(fx, 4, ROW("KT.STP;ht.cbcc;45"));
    assert_int_equal(fx->recs.n, 3);
    assert_int_equal(fx->recs.recs[2].alien_delimiter, ';');
    assert_string_equal(fx->recs.recs[2].field[R_UNIT], "KT.STP");
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(refs_are_read_as_a_workbook_writes_them),
        cmocka_unit_test(ranges_are_sorted_for_a_reading_row_by_row_and_named),
        cmocka_unit_test(ranges_within_one_row_are_sorted_too),
        cmocka_unit_test(the_range_past_the_cap_is_refused),
        T(a_code_merged_down_its_rows_reads_in_every_row),
        T(a_covered_cell_reads_as_its_range_whatever_it_holds),
        T(a_two_row_header_merged_down_is_found_in_its_second_row),
        T(a_range_begun_at_the_header_fills_no_record),
        T(a_value_merged_over_rows_is_marked_in_each_of_them),
        T(ranges_over_rows_never_handed_on_fill_nothing),
        T(a_cells_error_reaches_the_record_of_its_column),
        T(rows_out_of_order_turn_the_merges_off),
        T(one_range_per_column_is_held_before_the_header),
        T(a_header_again_elsewhere_is_the_header_of_the_rows_below),
        T(a_header_again_in_the_same_places_is_no_record),
        T(a_header_again_wrapped_in_its_cells_is_found),
        T(a_header_again_naming_the_value_twice_stops_the_table),
        T(a_name_merged_across_columns_names_each_of_them),
        T(a_name_merged_across_a_row_that_names_the_value_alone_is_a_heading),
        T(a_name_merged_across_columns_below_the_header_stops_the_table),
        T(a_name_merged_across_the_second_row_of_a_header_past_its_cells),
        T(ranges_that_overlap_in_a_row_stay_within_it),
        T(a_row_of_one_cell_in_another_delimiter_is_split_when_asked),
        T(a_note_with_commas_in_its_own_column_is_a_note),
        T(a_range_over_rows_before_the_header_ends_at_its_last_row),
        T(the_first_named_column_of_no_role_is_the_stray_one),
        T(a_header_cell_of_blanks_after_a_role_is_unnamed),
        T(a_range_across_above_the_header_does_not_name_its_columns),
        T(a_header_again_has_its_stray_column_only_when_it_moves),
        T(a_pasted_row_is_split_into_every_column_and_never_by_its_own_delimiter),
        T(a_row_number_met_twice_turns_the_merges_off),
        T(what_is_past_a_column_is_looked_at_after_a_comma_alone),
        T(titles_go_to_title_fn_and_hidden_rows_are_marked),
        T(no_header_in_a_sheet_is_said_in_the_readers_language),
        T(a_covered_cell_under_an_empty_top_left_is_read_as_itself_before_the_header),
        T(a_table_of_its_own_columns_stands_in_and_guesses_as_the_submissions_does),
        T(a_covered_cell_reads_as_what_its_top_left_held),
        T(a_header_again_elsewhere_brings_its_own_width_and_ends_the_ranges_above),
        T(a_pasted_row_is_split_in_delimited_text_alone_and_whole),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
