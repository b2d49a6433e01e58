/*
 * test_diag.c - core/diag.h: the run's list of problems, and the cap on
 * one file's flood of one problem (listed_max): counted, not kept, and
 * said in one "… N more" line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/diag.h"

static void a_flood_is_counted_and_its_first_listed(void **state)
{
    eg_diag_list dl = { .listed_max = 3 };

    (void)state;
    for (long r = 1; r <= 10; r++)
        eg_diag_add(&dl, EG_WARNING, "W_DUPLICATE", "submissions/a.csv", r, 3, "GL.KBA",
                    "ht.cbcc", "row %ld", r);
    for (long r = 1; r <= 2; r++)
        eg_diag_add(&dl, EG_WARNING, "W_DUPLICATE", "submissions/b.csv", r, 3, "GL.KBA",
                    "ht.cbcc", "row %ld", r);
    for (long r = 1; r <= 5; r++)           /* another code, a unit each */
        eg_diag_add(&dl, EG_ERROR, "E_VALUE_COUNT", "submissions/a.csv", r, 3,
                    r % 2 ? "GL.KBA" : "GL.PKU", "ht.cbcc", "row %ld", r);
    for (int k = 0; k < 5; k++) {           /* fatal, and of no file: all kept */
        eg_diag_add(&dl, EG_FATAL, "F_LAYOUT", "layouts/x.csv", 1, 0, NULL, NULL, "x");
        eg_diag_add(&dl, EG_WARNING, "W_NOT_SUBMITTED", NULL, 0, 0, "GL.X", NULL, "x");
    }
    assert_int_equal(dl.n, 3 + 2 + 3 + 5 + 5);
    assert_int_equal(dl.n_warning, 10 + 2 + 5);
    assert_int_equal(dl.n_error, 5);
    assert_int_equal(dl.n_fatal, 5);
    assert_string_equal(dl.items[2].message, "row 3");

    eg_diag_close(&dl);
    assert_int_equal(dl.n, 18 + 2);
    assert_int_equal(dl.n_warning, 17);     /* the lines add no count */
    assert_int_equal(dl.n_error, 5);
    {
        const eg_diag *w = &dl.items[18], *e = &dl.items[19];

        assert_string_equal(w->code, "W_DUPLICATE");
        assert_string_equal(w->file, "submissions/a.csv");
        assert_int_equal(w->severity, EG_WARNING);
        assert_int_equal(w->row, 0);
        assert_int_equal(w->more, 7);
        assert_string_equal(w->unit, "GL.KBA");     /* all its rows' unit */
        assert_string_equal(w->indicator, "ht.cbcc");
        assert_string_equal(w->message, "còn 7 cảnh báo W_DUPLICATE khác của tệp này không "
                                        "được liệt kê (tổng cộng 10); 3 cảnh báo đầu tiên đã "
                                        "được liệt kê");
        assert_int_equal(w->units_differ, 0);
        assert_int_equal(e->more, 2);
        assert_null(e->unit);                        /* GL.PKU, then GL.KBA */
        assert_int_equal(e->units_differ, 1);
        assert_string_equal(e->indicator, "ht.cbcc");
        assert_string_equal(e->message, "còn 2 lỗi E_VALUE_COUNT khác của tệp này không được "
                                        "liệt kê (tổng cộng 5); 3 lỗi đầu tiên đã được liệt kê");
    }
    /* a second close says nothing again */
    eg_diag_close(&dl);
    assert_int_equal(dl.n, 20);
    /* sorted: no file first, then by file, each file's lines after the
     * rest of it, errors first */
    eg_diag_sort(&dl);
    assert_null(dl.items[4].file);
    assert_string_equal(dl.items[5].file, "layouts/x.csv");
    assert_string_equal(dl.items[10].file, "submissions/a.csv");
    assert_int_equal(dl.items[10].row, 1);
    assert_int_equal(dl.items[15].more, 0);
    assert_int_equal(dl.items[16].more, 2);
    assert_int_equal(dl.items[17].more, 7);
    assert_string_equal(dl.items[18].file, "submissions/b.csv");
    eg_diag_free(&dl);
}

static void a_list_moved_brings_what_it_did_not_keep(void **state)
{
    eg_diag_list run = { .listed_max = 4 }, part = { .listed_max = 4 };

    (void)state;
    eg_diag_add(&run, EG_WARNING, "W_DUPLICATE", "submissions/a.csv", 1, 3, NULL, NULL, "r1");
    for (long r = 2; r <= 7; r++)
        eg_diag_add(&part, EG_WARNING, "W_DUPLICATE", "submissions/a.csv", r, 3, NULL, NULL,
                    "r%ld", r);
    assert_int_equal(part.n, 4);
    eg_diag_move(&run, &part, 10, SIZE_MAX);
    assert_int_equal(part.n, 0);
    /* 1 + 4 moved: 4 kept, 1 past the cap; 2 the part did not keep */
    assert_int_equal(run.n, 4);
    assert_int_equal(run.n_warning, 7);
    assert_int_equal(run.items[1].row, 12);
    eg_diag_close(&run);
    assert_int_equal(run.n, 5);
    assert_int_equal(run.items[4].more, 3);
    assert_string_equal(run.items[4].message, "còn 3 cảnh báo W_DUPLICATE khác của tệp này "
                                               "không được liệt kê (tổng cộng 7); 4 cảnh báo "
                                               "đầu tiên đã được liệt kê");
    /* rows of no unit: a line of no unit, not of units that differed */
    assert_null(run.items[4].unit);
    assert_int_equal(run.items[4].units_differ, 0);
    eg_diag_free(&run);

    /* units that differed in a part stay so in the run, whatever comes */
    {
        eg_diag_list r2 = { .listed_max = 1 }, p2 = { .listed_max = 1 };

        for (long r = 1; r <= 3; r++)
            eg_diag_add(&p2, EG_ERROR, "E_X", "a.csv", r, 1, r % 2 ? "GL.A" : "GL.B", "i", "x");
        eg_diag_move(&r2, &p2, 0, SIZE_MAX);
        eg_diag_add(&r2, EG_ERROR, "E_X", "a.csv", 9, 1, "GL.A", "i", "x");
        eg_diag_close(&r2);
        assert_int_equal(r2.n, 2);
        assert_int_equal(r2.items[1].more, 3);
        assert_null(r2.items[1].unit);
        assert_int_equal(r2.items[1].units_differ, 1);
        assert_string_equal(r2.items[1].indicator, "i");
        eg_diag_free(&r2);
    }
}

/* Two threads may pass a file's cap in two codes in either order: the
 * "… N more" lines come out in one order all the same (severity, code). */
static void more_lines_sort_the_same_whichever_came_first(void **state)
{
    static const struct { const char *code; long rows; } flood[] = {
        { "W_DUPLICATE", 2 }, { "E_VALUE_COUNT", 3 }, { "W_CSV_EXTRA_FIELD", 4 },
    };
    static const int order[2][3] = { { 0, 1, 2 }, { 2, 1, 0 } };
    char *seen[2] = { 0 };

    (void)state;
    for (int way = 0; way < 2; way++) {
        eg_diag_list dl = { .listed_max = 1 };
        size_t len = 0;

        for (int k = 0; k < 3; k++) {
            int f = order[way][k];

            for (long r = 1; r <= flood[f].rows; r++)
                eg_diag_add(&dl, flood[f].code[0] == 'E' ? EG_ERROR : EG_WARNING,
                            flood[f].code, "submissions/a.csv", 10 * f + r, 2, NULL, NULL,
                            "x");
        }
        eg_diag_close(&dl);
        eg_diag_sort(&dl);
        seen[way] = calloc(1, 256);
        for (size_t i = 0; i < dl.n; i++)
            len += (size_t)snprintf(seen[way] + len, 256 - len, "%s:%zu;", dl.items[i].code,
                                    dl.items[i].more);
        eg_diag_free(&dl);
    }
    assert_string_equal(seen[0], seen[1]);
    /* the first of each, by row; then the error's line, the warnings' */
    assert_string_equal(seen[0], "W_DUPLICATE:0;E_VALUE_COUNT:0;W_CSV_EXTRA_FIELD:0;"
                                 "E_VALUE_COUNT:2;W_CSV_EXTRA_FIELD:3;W_DUPLICATE:1;");
    free(seen[0]);
    free(seen[1]);
}

/* A code dropped goes with its count past the cap: no "… N more" line. */
static void a_code_dropped_leaves_no_count_and_no_more_line(void **state)
{
    eg_diag_list dl = { .listed_max = 2 };

    (void)state;
    for (long r = 1; r <= 5; r++) {
        eg_diag_add(&dl, EG_WARNING, "W_NOT_SUBMITTED", "units.csv", 0, 0, "GL.X", NULL, "x");
        eg_diag_add(&dl, EG_ERROR, "E_X", "a.csv", r, 1, NULL, NULL, "y");
    }
    eg_diag_drop(&dl, "W_NOT_SUBMITTED");
    assert_int_equal(dl.n, 2);
    assert_int_equal(dl.n_warning, 0);
    assert_int_equal(dl.n_error, 5);
    eg_diag_close(&dl);
    assert_int_equal(dl.n, 3);
    assert_string_equal(dl.items[2].code, "E_X");
    assert_int_equal(dl.items[2].more, 3);
    eg_diag_drop(&dl, "E_X");               /* its "more" line too */
    assert_int_equal(dl.n, 0);
    assert_int_equal(dl.n_error, 0);
    /* dropped after units that differed: the code past the cap again is
     * as new */
    for (long r = 1; r <= 4; r++)
        eg_diag_add(&dl, EG_ERROR, "E_Y", "a.csv", r, 1, r % 2 ? "GL.A" : "GL.B", NULL, "y");
    eg_diag_drop(&dl, "E_Y");
    for (long r = 1; r <= 4; r++)
        eg_diag_add(&dl, EG_ERROR, "E_Y", "a.csv", r, 1, "GL.C", NULL, "y");
    eg_diag_close(&dl);
    assert_int_equal(dl.n, 3);
    assert_int_equal(dl.items[2].more, 2);
    assert_string_equal(dl.items[2].unit, "GL.C");
    assert_int_equal(dl.items[2].units_differ, 0);
    eg_diag_free(&dl);
}

static void without_a_cap_everything_is_kept(void **state)
{
    eg_diag_list dl = { 0 };

    (void)state;
    for (int i = 0; i < 2000; i++)
        eg_diag_add(&dl, EG_ERROR, "E_X", "f.csv", i + 1, 0, NULL, NULL, "%d", i);
    eg_diag_close(&dl);
    assert_int_equal(dl.n, 2000);
    assert_int_equal(dl.n_error, 2000);
    eg_diag_free(&dl);
}

/* A row's problems found before its columns were known name its unit
 * afterwards, and the indicator those at the value's column: those of
 * that file's row at the end of the list, not a row before it, nor one
 * that names a unit already. */
static void a_rows_problems_are_named_after_it_was_read(void **state)
{
    eg_diag_list dl = { .listed_max = 100 };

    (void)state;
    eg_diag_add(&dl, EG_ERROR, "E_TEXT_NUL", "submissions/a.csv", 2, 3, NULL, NULL, "x");
    eg_diag_add(&dl, EG_ERROR, "E_TEXT_NUL", "submissions/a.csv", 3, 3, NULL, NULL, "x");
    eg_diag_add(&dl, EG_ERROR, "E_VALUE_COUNT", "submissions/a.csv", 3, 3, "GL.PKU", "ht.cbcc",
                "x");
    eg_diag_add(&dl, EG_ERROR, "E_TEXT_ENCODING", "submissions/a.csv", 3, 4, NULL, NULL, "x");
    eg_diag_name_row(&dl, "submissions/a.csv", 3, 3, "GL.KBA", "nl.cb_cntt");
    assert_null(dl.items[0].unit);                      /* the row before: as it was */
    assert_null(dl.items[0].indicator);
    assert_string_equal(dl.items[1].unit, "GL.KBA");     /* the value's column */
    assert_string_equal(dl.items[1].indicator, "nl.cb_cntt");
    assert_string_equal(dl.items[2].unit, "GL.PKU");     /* named already */
    assert_string_equal(dl.items[2].indicator, "ht.cbcc");
    assert_string_equal(dl.items[3].unit, "GL.KBA");     /* a note's: no value refused */
    assert_null(dl.items[3].indicator);

    /* another file's row of the same number, and a row without a unit code */
    eg_diag_name_row(&dl, "submissions/b.csv", 3, 3, "GL.X", "x.y");
    assert_string_equal(dl.items[3].unit, "GL.KBA");
    assert_null(dl.items[3].indicator);
    eg_diag_add(&dl, EG_ERROR, "E_TEXT_NUL", "submissions/a.csv", 4, 3, NULL, NULL, "x");
    eg_diag_name_row(&dl, "submissions/a.csv", 4, 3, "", "ht.wan");
    assert_null(dl.items[4].unit);
    assert_string_equal(dl.items[4].indicator, "ht.wan");
    eg_diag_free(&dl);
}

static void a_temporary_name_gives_way_to_the_outputs_own(void **state)
{
    eg_diag_list dl = { 0 };

    (void)state;
    eg_diag_add(&dl, EG_FATAL, "F_XLSX", "out/.a.xlsx.tmp", 0, 0, NULL, NULL,
                "cannot write '%s' ('%s'): %s", "out/.a.xlsx.tmp", "out/.a.xlsx.tmp",
                "File too large");
    eg_diag_add(&dl, EG_FATAL, "F_PDF", "out/b.pdf", 0, 0, NULL, NULL, "about %s", "b.pdf");
    /* a final name holding the temporary one is put in once, not forever */
    eg_diag_rename_file(&dl, "out/.a.xlsx.tmp", "out/.a.xlsx.tmp.final");
    assert_string_equal(dl.items[0].file, "out/.a.xlsx.tmp.final");
    assert_string_equal(dl.items[0].message,
                        "cannot write 'out/.a.xlsx.tmp.final' ('out/.a.xlsx.tmp.final'): "
                        "File too large");
    eg_diag_rename_file(&dl, "out/.a.xlsx.tmp.final", "out/a.xlsx");
    assert_string_equal(dl.items[0].file, "out/a.xlsx");
    assert_string_equal(dl.items[0].message, "cannot write 'out/a.xlsx' ('out/a.xlsx'): "
                        "File too large");
    assert_string_equal(dl.items[1].file, "out/b.pdf");
    assert_string_equal(dl.items[1].message, "about b.pdf");
    eg_diag_free(&dl);
}

/* An empty unit or indicator is none; each diagnostic's seq is its
 * place of arrival. */
static void an_empty_unit_is_none_and_arrival_is_counted(void **state)
{
    eg_diag_list dl = { 0 };

    (void)state;
    eg_diag_add(&dl, EG_ERROR, "E_X", "a.csv", 1, 1, "", "", "x");
    eg_diag_add(&dl, EG_ERROR, "E_X", "a.csv", 1, 1, "GL.A", "i", "x");
    eg_diag_add(&dl, EG_WARNING, "W_X", NULL, 0, 0, NULL, NULL, "x");
    assert_null(dl.items[0].unit);
    assert_null(dl.items[0].indicator);
    assert_string_equal(dl.items[1].unit, "GL.A");
    assert_string_equal(dl.items[1].indicator, "i");
    for (size_t i = 0; i < dl.n; i++)
        assert_int_equal(dl.items[i].seq, i);
    eg_diag_free(&dl);
}

/* Within a file: by row, then column, then arrival, whatever the order
 * they came in; two are sorted as well as many. */
static void a_files_problems_sort_by_row_column_then_arrival(void **state)
{
    eg_diag_list dl = { 0 };
    eg_diag a = { .row = 4, .col = 2, .seq = 0 }, b = { .row = 4, .col = 2, .seq = 1 };

    (void)state;
    assert_true(eg_diag_cmp_in_file(&a, &b) < 0);
    assert_true(eg_diag_cmp_in_file(&b, &a) > 0);
    assert_int_equal(eg_diag_cmp_in_file(&a, &a), 0);
    b.col = 1;
    assert_true(eg_diag_cmp_in_file(&a, &b) > 0);
    assert_true(eg_diag_cmp_in_file(&b, &a) < 0);

    eg_diag_add(&dl, EG_ERROR, "E_X", "a.csv", 4, 5, NULL, NULL, "c5");
    eg_diag_add(&dl, EG_ERROR, "E_X", "a.csv", 4, 2, NULL, NULL, "c2");
    eg_diag_sort(&dl);
    assert_string_equal(dl.items[0].message, "c2");
    assert_string_equal(dl.items[1].message, "c5");
    eg_diag_add(&dl, EG_ERROR, "E_Y", "a.csv", 4, 0, NULL, NULL, "c0");
    eg_diag_add(&dl, EG_ERROR, "E_Z", "a.csv", 4, 2, NULL, NULL, "c2 again");
    eg_diag_sort(&dl);
    assert_string_equal(dl.items[0].message, "c0");
    assert_string_equal(dl.items[1].message, "c2");
    assert_string_equal(dl.items[2].message, "c2 again");
    assert_string_equal(dl.items[3].message, "c5");
    eg_diag_free(&dl);
}

/* Naming a row: not another file's, not a "… N more" line's (of row 0,
 * as problems of no row are), not at column 0 for a value of column 0,
 * and an indicator named already is kept. */
static void naming_a_row_touches_only_that_files_unnamed_problems(void **state)
{
    eg_diag_list dl = { .listed_max = 1 };

    (void)state;
    eg_diag_add(&dl, EG_ERROR, "E_TEXT_NUL", "submissions/a.csv", 5, 3, NULL, NULL, "x");
    eg_diag_name_row(&dl, "submissions/b.csv", 5, 3, "GL.X", "x.y");
    assert_null(dl.items[0].unit);
    assert_null(dl.items[0].indicator);
    eg_diag_free(&dl);

    dl = (eg_diag_list){ .listed_max = 1 };
    for (int k = 0; k < 3; k++)
        eg_diag_add(&dl, EG_WARNING, "W_X", "units.csv", 0, 0, NULL, NULL, "x");
    eg_diag_close(&dl);
    assert_int_equal(dl.n, 2);
    assert_int_equal(dl.items[1].more, 2);
    eg_diag_name_row(&dl, "units.csv", 0, 0, "GL.X", "x.y");
    assert_null(dl.items[1].unit);                  /* the "… 2 more" line */
    assert_null(dl.items[1].indicator);
    assert_string_equal(dl.items[0].unit, "GL.X");
    assert_null(dl.items[0].indicator);             /* column 0 is no value's */
    eg_diag_free(&dl);

    dl = (eg_diag_list){ 0 };
    eg_diag_add(&dl, EG_ERROR, "E_X", "a.csv", 2, 3, NULL, "ht.cbcc", "x");
    eg_diag_name_row(&dl, "a.csv", 2, 3, "GL.A", "nl.cb_cntt");
    assert_string_equal(dl.items[0].unit, "GL.A");
    assert_string_equal(dl.items[0].indicator, "ht.cbcc");
    eg_diag_free(&dl);
}

static void print_says_where_what_and_which_code(void **state)
{
    eg_diag_list dl = { 0 };
    char *text = NULL;
    size_t len = 0;
    FILE *f;

    (void)state;
    eg_diag_add(&dl, EG_ERROR, "E_X", "a.csv", 3, 2, NULL, NULL, "bad %d", 1);
    eg_diag_add(&dl, EG_WARNING, "W_X", "a.csv", 3, 0, NULL, NULL, "odd");
    eg_diag_add(&dl, EG_WARNING, "W_Y", "units.csv", 0, 4, NULL, NULL, "late");
    eg_diag_add(&dl, EG_FATAL, "F_X", NULL, 0, 0, NULL, NULL, "cannot");
    f = open_memstream(&text, &len);
    assert_non_null(f);
    eg_diag_print(&dl, f, EG_WARNING);
    fclose(f);
    assert_string_equal(text, "a.csv:3:2: error: bad 1 [E_X]\n"
                              "a.csv:3: warning: odd [W_X]\n"
                              "units.csv: warning: late [W_Y]\n"
                              "egreport: fatal: cannot [F_X]\n");
    free(text);
    text = NULL;
    f = open_memstream(&text, &len);
    assert_non_null(f);
    eg_diag_print(&dl, f, EG_ERROR);                /* warnings left out */
    fclose(f);
    assert_string_equal(text, "a.csv:3:2: error: bad 1 [E_X]\n"
                              "egreport: fatal: cannot [F_X]\n");
    free(text);
    assert_string_equal(eg_severity_name((eg_severity)7), "error");
    eg_diag_free(&dl);
}

/* A value quoted in a message may hold a line break (a cell of two
 * lines, "4" and "5"): printed as it was, the diagnostic took two lines
 * on standard error, the second without its file, row or severity, and
 * a log read line by line lost it.  Each line break (CR, LF, VT, FF,
 * NEL, U+2028, U+2029) is shown as U+FFFD, as in a file's name; a tab is
 * kept, and the list itself (validation.csv) keeps the message whole. */
static void print_gives_a_message_with_a_line_break_one_line(void **state)
{
    eg_diag_list dl = { 0 };
    char *text = NULL;
    size_t len = 0;
    FILE *f;

    (void)state;
    eg_diag_add(&dl, EG_ERROR, "E_X", "a.csv", 2, 3, NULL, NULL,
                "'4\r\n5' and '6\n7\r8\v9\f0' and '1\xc2\x85" "2\xe2\x80\xa8" "3\xe2\x80\xa9" "4\t5'");
    f = open_memstream(&text, &len);
    assert_non_null(f);
    eg_diag_print(&dl, f, EG_WARNING);
    fclose(f);
    assert_string_equal(text, "a.csv:2:3: error: '4\xef\xbf\xbd\xef\xbf\xbd" "5' and "
                              "'6\xef\xbf\xbd" "7\xef\xbf\xbd" "8\xef\xbf\xbd" "9\xef\xbf\xbd" "0' "
                              "and '1\xef\xbf\xbd" "2\xef\xbf\xbd" "3\xef\xbf\xbd" "4\t5' [E_X]\n");
    assert_string_equal(dl.items[0].message, "'4\r\n5' and '6\n7\r8\v9\f0' and "
                                             "'1\xc2\x85" "2\xe2\x80\xa8" "3\xe2\x80\xa9" "4\t5'");
    free(text);
    eg_diag_free(&dl);
}

/* eg_diag_move: only the first max; a row of 0 (none) is not moved down;
 * a part's units that differed, moved where that code had none past the
 * cap yet, still differ. */
static void a_move_takes_at_most_max_and_shifts_only_real_rows(void **state)
{
    eg_diag_list run = { 0 }, part = { 0 };

    (void)state;
    eg_diag_add(&part, EG_ERROR, "E_X", "a.csv", 3, 1, NULL, NULL, "r3");
    eg_diag_add(&part, EG_ERROR, "E_X", "a.csv", 0, 0, NULL, NULL, "r0");
    eg_diag_add(&part, EG_ERROR, "E_X", "a.csv", 5, 1, NULL, NULL, "r5");
    eg_diag_move(&run, &part, 10, 2);
    assert_int_equal(part.n, 0);
    assert_int_equal(run.n, 2);
    assert_int_equal(run.n_error, 2);
    assert_int_equal(run.items[0].row, 13);
    assert_int_equal(run.items[1].row, 0);
    eg_diag_free(&run);

    run = (eg_diag_list){ .listed_max = 1 };
    part = (eg_diag_list){ .listed_max = 1 };
    for (long r = 1; r <= 3; r++)
        eg_diag_add(&part, EG_ERROR, "E_X", "a.csv", r, 1, r % 2 ? "GL.A" : "GL.B", "i", "x");
    eg_diag_move(&run, &part, 0, SIZE_MAX);
    eg_diag_close(&run);
    assert_int_equal(run.n, 2);
    assert_int_equal(run.items[1].more, 2);
    assert_null(run.items[1].unit);
    assert_int_equal(run.items[1].units_differ, 1);
    assert_string_equal(run.items[1].indicator, "i");
    eg_diag_free(&run);
}

/* A final name that holds the temporary one further in is put in once;
 * an empty temporary name changes nothing. */
static void a_rename_puts_the_final_name_in_once(void **state)
{
    eg_diag_list dl = { 0 };

    (void)state;
    eg_diag_add(&dl, EG_FATAL, "F_X", "a.tmp", 0, 0, NULL, NULL, "cannot write a.tmp, a.tmp");
    eg_diag_add(&dl, EG_FATAL, "F_Y", NULL, 0, 0, NULL, NULL, "of a.tmp");
    eg_diag_rename_file(&dl, "a.tmp", "old/a.tmp");
    assert_string_equal(dl.items[0].file, "old/a.tmp");
    assert_string_equal(dl.items[0].message, "cannot write old/a.tmp, old/a.tmp");
    assert_null(dl.items[1].file);
    assert_string_equal(dl.items[1].message, "of old/a.tmp");
    eg_diag_rename_file(&dl, "", "x");
    assert_string_equal(dl.items[0].file, "old/a.tmp");
    assert_string_equal(dl.items[0].message, "cannot write old/a.tmp, old/a.tmp");
    eg_diag_free(&dl);
}

/* eg_stderr_line writes to descriptor 2 what it formats, a long line cut
 * at 255 bytes (no NUL written after them). */
static void a_stderr_line_is_written_whole_or_cut_at_255_bytes(void **state)
{
    char long_text[301], got[512];
    FILE *tmp = tmpfile();
    int saved = dup(STDERR_FILENO);
    ssize_t n;

    (void)state;
    assert_non_null(tmp);
    assert_true(saved >= 0);
    memset(long_text, 'x', 300);
    long_text[300] = '\0';
    fflush(stderr);
    assert_true(dup2(fileno(tmp), STDERR_FILENO) >= 0);
    eg_stderr_line("point %s (%d)\n", "a", 7);
    eg_stderr_line("%s", long_text);
    eg_stderr_line("%s", "");
    assert_true(dup2(saved, STDERR_FILENO) >= 0);
    close(saved);
    n = pread(fileno(tmp), got, sizeof got, 0);
    fclose(tmp);
    assert_int_equal(n, 12 + 255);
    assert_memory_equal(got, "point a (7)\n", 12);
    got[n] = '\0';
    assert_int_equal(strspn(got + 12, "x"), 255);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_flood_is_counted_and_its_first_listed),
        cmocka_unit_test(a_list_moved_brings_what_it_did_not_keep),
        cmocka_unit_test(more_lines_sort_the_same_whichever_came_first),
        cmocka_unit_test(a_code_dropped_leaves_no_count_and_no_more_line),
        cmocka_unit_test(without_a_cap_everything_is_kept),
        cmocka_unit_test(a_rows_problems_are_named_after_it_was_read),
        cmocka_unit_test(a_temporary_name_gives_way_to_the_outputs_own),
        cmocka_unit_test(an_empty_unit_is_none_and_arrival_is_counted),
        cmocka_unit_test(a_files_problems_sort_by_row_column_then_arrival),
        cmocka_unit_test(naming_a_row_touches_only_that_files_unnamed_problems),
        cmocka_unit_test(print_says_where_what_and_which_code),
        cmocka_unit_test(print_gives_a_message_with_a_line_break_one_line),
        cmocka_unit_test(a_move_takes_at_most_max_and_shifts_only_real_rows),
        cmocka_unit_test(a_rename_puts_the_final_name_in_once),
        cmocka_unit_test(a_stderr_line_is_written_whole_or_cut_at_255_bytes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
