/*
 * test_submissions.c - extract/submissions.h: one clerk's file read into
 * raw values, and what is said of it at the file: hidden rows, a hidden
 * value column, values whose format shows nothing, a value cell merged
 * over several indicators' rows, cells that show an error, the other
 * sheets that hold a table, the size cap, empty files; which names are
 * read, in which format, and what a folder among the files is told.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "extract/cfb.h"
#include "extract/submissions.h"
#include "xlsx_fixture.h"

/* --- reading one file -------------------------------------------------------- */

/* Each raw value a line: what a reader of the values would act on. */
typedef struct {
    char *line[32];
    size_t n;
    int stop_after;         /* fn says stop after this many values; 0 never */
} got;

static const char *or_dash(const char *s)
{
    return s && s[0] ? s : "-";
}

static int collect(void *ctx, const eg_raw_value *rv)
{
    got *g = ctx;

    assert_true(g->n < sizeof g->line / sizeof *g->line);
    g->line[g->n++] = eg_xasprintf("%ld %s@%d|%s@%d|%s@%d e%d n%d d%d s%s p%d note%s "
                                   "on%s@%d name%s@%d said%d next%s",
                                   rv->row, or_dash(rv->unit), rv->unit_col,
                                   or_dash(rv->indicator), rv->indicator_col, or_dash(rv->value),
                                   rv->value_col, rv->value_error, rv->value_number,
                                   rv->value_dated, or_dash(rv->value_stored), rv->value_percent,
                                   or_dash(rv->note), or_dash(rv->submitted_on),
                                   rv->submitted_on_col, or_dash(rv->unit_name),
                                   rv->unit_name_col, rv->row_said, or_dash(rv->value_next));
    if (rv->alien_delimiter) {
        char *both = eg_xasprintf("%s split%c@%d", g->line[g->n - 1], rv->alien_delimiter,
                                  rv->alien_col);

        free(g->line[g->n - 1]);
        g->line[g->n - 1] = both;
    }
    return g->stop_after && g->n >= (size_t)g->stop_after;
}

static void got_free(got *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->line[i]);
    memset(g, 0, sizeof *g);
}

/* Reads the file at abs as submissions/<name> of 2020, its values into g
 * and its problems into fx->dl; *rows_read, when asked, the rows it read.
 * Returns eg_submission_read's return, or what eg_submission_add said. */
static int read_as(fixture *fx, const char *abs, const char *name, const eg_limits *lim, got *g,
                   size_t *rows_read)
{
    eg_dataset ds;
    char *rel = eg_xasprintf("submissions/%s", name);
    int file, rc;

    memset(&ds, 0, sizeof ds);
    ds.year = 2020;
    ds.year_dir = eg_xstrdup(fx->dir);
    file = eg_submission_add(&ds, abs, rel, &fx->dl);
    rc = file < 0 ? file
                  : eg_submission_read(&ds, file, eg_test_layouts.columns, collect, g, lim,
                                       &fx->dl);
    if (rows_read)
        *rows_read = file < 0 ? 0 : ds.files[file].rows_read;
    eg_dataset_free(&ds);
    free(rel);
    return rc;
}

/* The book written last (book.xlsx). */
static int read_xlsx(fixture *fx, got *g)
{
    return read_as(fx, fx->path, "book.xlsx", NULL, g, NULL);
}

/* Writes b as book.xlsx and reads it (read_xlsx). */
static int write_and_read(fixture *fx, const book *b, got *g)
{
    write_book(fx, b);
    return read_xlsx(fx, g);
}

/* Writes n bytes as <dir>/name; its path in fx->path. */
static const char *put_bytes(fixture *fx, const char *name, const char *data, size_t n)
{
    FILE *f;

    snprintf(fx->path, sizeof fx->path, "%s/%s", fx->dir, name);
    f = fopen(fx->path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
    return fx->path;
}

/* The one problem of that code: there is exactly one. */
static const eg_diag *the(const fixture *fx, const char *code)
{
    const eg_diag *found = NULL;

    for (size_t i = 0; i < fx->dl.n; i++)
        if (strcmp(fx->dl.items[i].code, code) == 0) {
            if (found)
                fail_msg("%s said twice", code);
            found = &fx->dl.items[i];
        }
    if (!found) {
        for (size_t i = 0; i < fx->dl.n; i++)
            print_message("said: %s %s\n", fx->dl.items[i].code, fx->dl.items[i].message);
        fail_msg("%s not said", code);
    }
    return found;
}

static void assert_contains(const char *text, const char *piece)
{
    if (!strstr(text, piece))
        fail_msg("\"%s\"\n  does not contain \"%s\"", text, piece);
}

#define IS(ref, text) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"
#define NUM(ref, v) "<c r=\"" ref "\"><v>" v "</v></c>"
#define HEAD "<row r=\"1\">" IS("A1", "Mã đơn vị") IS("B1", "Mã chỉ tiêu") IS("C1", "Giá trị") "</row>"
#define SHEET_MERGED(rows, merges) \
    "<worksheet " NS "><sheetData>" HEAD rows "</sheetData><mergeCells>" merges \
    "</mergeCells></worksheet>"

/* --- hidden rows, a hidden column, values not shown ----------------------------- */

/* Hidden rows that give a value (a number, or an error in its cell) are
 * said once, at the first, with the numbers of the first five and how many
 * more; a hidden row whose value cell is empty gives none.  The first has
 * no unit code: none is named. */
static void hidden_rows_that_give_values_are_said_once_with_the_first_five(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET(HEAD
        "<row r=\"2\">" IS("A2", "GL.X") IS("B2", "a.2") NUM("C2", "2") "</row>"
        "<row r=\"3\" hidden=\"1\">" IS("B3", "a.3") NUM("C3", "3") "</row>"
        "<row r=\"4\" hidden=\"1\">" IS("A4", "GL.X") IS("B4", "a.4") NUM("C4", "4") "</row>"
        "<row r=\"5\" hidden=\"1\">" IS("A5", "GL.X") IS("B5", "a.5") NUM("C5", "5") "</row>"
        "<row r=\"6\" hidden=\"1\">" IS("A6", "GL.X") IS("B6", "a.6") NUM("C6", "6") "</row>"
        "<row r=\"7\" hidden=\"1\">" IS("A7", "GL.X") IS("B7", "a.7") NUM("C7", "7") "</row>"
        "<row r=\"8\" hidden=\"1\">" IS("A8", "GL.X") IS("B8", "a.8") NUM("C8", "8") "</row>"
        "<row r=\"9\" hidden=\"1\">" IS("A9", "GL.X") IS("B9", "a.9") "</row>"
        "<row r=\"10\" hidden=\"1\">" IS("A10", "GL.X") IS("B10", "a.10")
        "<c r=\"C10\" t=\"e\"><v>#N/A</v></c></row>") };
    got g = { 0 };
    const eg_diag *d;

    assert_int_equal(write_and_read(fx, &b, &g), 0);
    assert_int_equal(g.n, 9);
    d = the(fx, "W_ROW_HIDDEN");
    assert_int_equal(d->severity, EG_WARNING);
    assert_string_equal(d->file, "submissions/book.xlsx");
    assert_int_equal(d->row, 3);
    assert_int_equal(d->col, 3);
    assert_null(d->unit);
    assert_null(d->indicator);
    assert_string_equal(d->message,
                        "các dòng bị ẩn trong trang tính 'Sheet1' nhưng vẫn có giá trị, và giá trị "
                        "của chúng vẫn được tính vào báo cáo (dòng 3, 4, 5, 6, 7 và 2 dòng khác): "
                        "bỏ ẩn để kiểm tra; xóa dòng nếu không muốn tính giá trị của dòng đó");
    got_free(&g);
    eg_diag_free(&fx->dl);

    /* one hidden row: said with its unit and indicator */
    b.sheet1 = SHEET(HEAD
        "<row r=\"2\">" IS("A2", "GL.X") IS("B2", "a.2") NUM("C2", "2") "</row>"
        "<row r=\"3\" hidden=\"1\">" IS("A3", "gl.y") IS("B3", "A.3") NUM("C3", "3") "</row>");
    assert_int_equal(write_and_read(fx, &b, &g), 0);
    assert_int_equal(fx->dl.n, 1);
    d = the(fx, "W_ROW_HIDDEN");
    assert_string_equal(d->unit, "GL.Y");
    assert_string_equal(d->indicator, "a.3");
    assert_string_equal(d->message,
                        "một dòng bị ẩn trong trang tính 'Sheet1' nhưng vẫn có giá trị, và giá trị "
                        "đó vẫn được tính vào báo cáo (dòng 3): bỏ ẩn để kiểm tra; xóa dòng nếu "
                        "không muốn tính giá trị của dòng đó");
    got_free(&g);
}

/* The value column hidden (here Z, the last of one letter): said once, at
 * the first value read from it, with how many; an empty cell is none.
 * Another column hidden is not the value's. */
static void a_hidden_value_column_is_said_with_its_letters_and_count(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = "<worksheet " NS "><cols><col min=\"26\" max=\"26\" hidden=\"1\"/></cols>"
        "<sheetData><row r=\"1\">" IS("A1", "Mã đơn vị") IS("B1", "Mã chỉ tiêu") IS("Z1", "Giá trị") "</row>"
        "<row r=\"2\">" IS("A2", "GL.X") IS("B2", "a.1") NUM("Z2", "12") "</row>"
        "<row r=\"3\">" IS("A3", "GL.X") IS("B3", "a.2") "</row>"
        "<row r=\"4\">" IS("A4", "GL.X") IS("B4", "a.3") NUM("Z4", "34") "</row>"
        "</sheetData></worksheet>" };
    got g = { 0 };
    const eg_diag *d;

    assert_int_equal(write_and_read(fx, &b, &g), 0);
    assert_int_equal(fx->dl.n, 1);
    d = the(fx, "W_COLUMN_HIDDEN");
    assert_int_equal(d->row, 2);
    assert_int_equal(d->col, 26);
    assert_string_equal(d->unit, "GL.X");
    assert_null(d->indicator);
    assert_contains(d->message, "cột giá trị (cột Z) bị ẩn trong trang tính 'Sheet1', nhưng 2 "
                                "giá trị ở cột này (từ ô Z2) vẫn được đọc");
    got_free(&g);
    eg_diag_free(&fx->dl);

    /* one value: its indicator named */
    b.sheet1 = "<worksheet " NS "><cols><col min=\"3\" max=\"3\" hidden=\"1\"/></cols><sheetData>"
        HEAD "<row r=\"2\">" IS("A2", "GL.X") IS("B2", "a.1") NUM("C2", "12") "</row>"
        "</sheetData></worksheet>";
    assert_int_equal(write_and_read(fx, &b, &g), 0);
    d = the(fx, "W_COLUMN_HIDDEN");
    assert_string_equal(d->indicator, "a.1");
    assert_contains(d->message, "(cột C)");
    assert_contains(d->message, "nhưng 1 giá trị ở cột này (từ ô C2)");
    got_free(&g);
    eg_diag_free(&fx->dl);

    /* the indicator's column hidden is not the value's */
    b.sheet1 = "<worksheet " NS "><cols><col min=\"2\" max=\"2\" hidden=\"1\"/></cols><sheetData>"
        HEAD "<row r=\"2\">" IS("A2", "GL.X") IS("B2", "a.1") NUM("C2", "12") "</row>"
        "</sheetData></worksheet>";
    assert_int_equal(write_and_read(fx, &b, &g), 0);
    assert_int_equal(fx->dl.n, 0);
    got_free(&g);
}

static const char unshown_styles[] =
    "<styleSheet " NS "><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\";;;\"/></numFmts>"
    "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"/></cellXfs>"
    "</styleSheet>";

/* Values whose format (;;;) shows nothing: said once, at the first, with
 * its value as read (up to 30 characters) and how many when more than
 * one; a cell of that format that holds nothing is none. */
static void values_their_format_hides_are_said_with_the_first_and_how_many(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET(HEAD
        "<row r=\"2\">" IS("A2", "GL.X") IS("B2", "a.1") "<c r=\"C2\" s=\"1\"><v>123456</v></c></row>"
        "<row r=\"3\">" IS("A3", "GL.X") IS("B3", "a.2") "<c r=\"C3\" s=\"1\"/></row>"
        "<row r=\"4\">" IS("A4", "GL.X") IS("B4", "a.3") "<c r=\"C4\" s=\"1\"><v>7</v></c></row>"),
        .styles = unshown_styles };
    got g = { 0 };
    const eg_diag *d;

    assert_int_equal(write_and_read(fx, &b, &g), 0);
    assert_int_equal(fx->dl.n, 1);
    d = the(fx, "W_VALUE_UNSHOWN");
    assert_int_equal(d->row, 2);
    assert_int_equal(d->col, 3);
    assert_string_equal(d->unit, "GL.X");
    assert_null(d->indicator);
    assert_contains(d->message, "định dạng của ô C2 không hiện giá trị của ô");
    assert_contains(d->message, "giá trị '123456' của ô vẫn được đọc và tính vào báo cáo (2 ô như "
                                "vậy): đặt lại");
    got_free(&g);
    eg_diag_free(&fx->dl);

    b.sheet1 = SHEET(HEAD
        "<row r=\"2\">" IS("A2", "GL.X") IS("B2", "a.1") "<c r=\"C2\" s=\"1\"><v>123456</v></c></row>");
    assert_int_equal(write_and_read(fx, &b, &g), 0);
    d = the(fx, "W_VALUE_UNSHOWN");
    assert_string_equal(d->indicator, "a.1");
    assert_contains(d->message, "giá trị '123456' của ô vẫn được đọc và tính vào báo cáo: đặt lại");
    got_free(&g);
}

/* --- merged value cells, error cells ---------------------------------------------- */

/* A value cell merged over two indicators' rows (C2:C4, from a heading's
 * row): said once, at the range's first row and cell, with the first
 * indicator's codes; both rows' values are no one's (a value in a covered
 * cell too), sent all the same.  A range after it over one indicator's
 * row and a blank one keeps its value. */
static void a_value_merged_over_two_indicators_is_no_ones(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET_MERGED(
        "<row r=\"2\">" IS("A2", "I. Hạ tầng") NUM("C2", "45") "</row>"
        "<row r=\"3\">" IS("A3", "GL.X") IS("B3", "a.1") NUM("C3", "7") "</row>"
        "<row r=\"4\">" IS("A4", "GL.X") IS("B4", "a.2") "</row>"
        "<row r=\"5\">" IS("A5", "GL.X") IS("B5", "a.3") NUM("C5", "9") "</row>"
        "<row r=\"6\">" IS("A6", "GL.X") IS("B6", "a.4") NUM("C6", "8") "</row>"
        "<row r=\"7\"/>",
        "<mergeCell ref=\"C2:C4\"/><mergeCell ref=\"C6:C7\"/>") };
    got g = { 0 };
    const eg_diag *d;

    assert_int_equal(write_and_read(fx, &b, &g), 0);
    assert_int_equal(fx->dl.n, 1);
    d = the(fx, "E_VALUE_MERGED");
    assert_int_equal(d->severity, EG_ERROR);
    assert_int_equal(d->row, 2);
    assert_int_equal(d->col, 3);
    assert_string_equal(d->unit, "GL.X");
    assert_string_equal(d->indicator, "a.1");
    assert_contains(d->message, "ô giá trị C2 được gộp từ dòng 2 đến dòng 4 (C2:C4), các dòng "
                                "này thuộc nhiều chỉ tiêu");
    assert_int_equal(g.n, 4);
    assert_string_equal(g.line[0], "3 GL.X@1|a.1@2|-@3 e1 n0 d0 s- p0 note- on-@0 name-@0 said0 next-");
    assert_string_equal(g.line[1], "4 GL.X@1|a.2@2|-@3 e1 n0 d0 s- p0 note- on-@0 name-@0 said0 next-");
    assert_string_equal(g.line[2], "5 GL.X@1|a.3@2|9@3 e0 n1 d0 s- p0 note- on-@0 name-@0 said0 next-");
    assert_string_equal(g.line[3], "6 GL.X@1|a.4@2|8@3 e0 n1 d0 s- p0 note- on-@0 name-@0 said0 next-");
    got_free(&g);
}

/* Rows sharing a merged value cell are one report only when unit code,
 * indicator and unit name are all the same (a row made tall, a note in the
 * line under it): another unit, or another unit's name, is another
 * report, and the value is no one's. */
static void rows_sharing_a_value_are_one_only_of_one_unit_and_indicator(void **state)
{
    fixture *fx = *state;
    static const char *const sheets[] = {
        SHEET_MERGED("<row r=\"2\">" IS("A2", "GL.A") IS("B2", "a.1") NUM("C2", "5") "</row>"
                     "<row r=\"3\">" IS("A3", "GL.B") IS("B3", "a.1") "</row>",
                     "<mergeCell ref=\"C2:C3\"/>"),
        "<worksheet " NS "><sheetData><row r=\"1\">" IS("B1", "Mã chỉ tiêu") IS("C1", "Giá trị")
        IS("D1", "Tên đơn vị") "</row>"
        "<row r=\"2\">" IS("B2", "a.1") NUM("C2", "5") IS("D2", "Xã A") "</row>"
        "<row r=\"3\">" IS("B3", "a.1") IS("D3", "Xã B") "</row>"
        "</sheetData><mergeCells><mergeCell ref=\"C2:C3\"/></mergeCells></worksheet>",
    };
    book b = { 0 };
    got g = { 0 };

    for (size_t i = 0; i < sizeof sheets / sizeof *sheets; i++) {
        b.sheet1 = sheets[i];
        assert_int_equal(write_and_read(fx, &b, &g), 0);
        assert_int_equal(the(fx, "E_VALUE_MERGED")->row, 2);
        assert_int_equal(g.n, 2);
        got_free(&g);
        eg_diag_free(&fx->dl);
    }

    /* the same unit and indicator going on below: one value, its own */
    b.sheet1 = SHEET_MERGED("<row r=\"2\">" IS("A2", "GL.A") IS("B2", "a.1") NUM("C2", "5") "</row>"
                            "<row r=\"3\">" IS("A3", "gl.a") IS("B3", "A.1") "</row>",
                            "<mergeCell ref=\"C2:C3\"/>");
    assert_int_equal(write_and_read(fx, &b, &g), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.line[0], "2 GL.A@1|a.1@2|5@3 e0 n1 d0 s- p0 note- on-@0 name-@0 said0 next-");
    got_free(&g);
}

/* A merged value cell left empty is no value to argue about: nothing said,
 * the rows sent without a value.  One that shows an error is said merged,
 * not an error besides. */
static void an_empty_or_error_merged_value_is_said_at_most_once(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET_MERGED(
        "<row r=\"2\">" IS("A2", "GL.A") IS("B2", "a.1") "</row>"
        "<row r=\"3\">" IS("A3", "GL.A") IS("B3", "a.2") "</row>",
        "<mergeCell ref=\"C2:C3\"/>") };
    got g = { 0 };

    assert_int_equal(write_and_read(fx, &b, &g), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.line[0], "2 GL.A@1|a.1@2|-@3 e0 n0 d0 s- p0 note- on-@0 name-@0 said0 next-");
    assert_string_equal(g.line[1], "3 GL.A@1|a.2@2|-@3 e0 n0 d0 s- p0 note- on-@0 name-@0 said0 next-");
    got_free(&g);

    b.sheet1 = SHEET_MERGED(
        "<row r=\"2\">" IS("A2", "GL.A") IS("B2", "a.1") "<c r=\"C2\" t=\"e\"><v>#DIV/0!</v></c></row>"
        "<row r=\"3\">" IS("A3", "GL.A") IS("B3", "a.2") "</row>",
        "<mergeCell ref=\"C2:C3\"/>");
    assert_int_equal(write_and_read(fx, &b, &g), 0);
    assert_int_equal(fx->dl.n, 1);
    the(fx, "E_VALUE_MERGED");
    assert_int_equal(g.n, 2);
    /* said at its row (row_said), as the range starts there */
    assert_string_equal(g.line[0], "2 GL.A@1|a.1@2|-@3 e1 n0 d0 s- p0 note- on-@0 name-@0 said1 next-");
    assert_string_equal(g.line[1], "3 GL.A@1|a.2@2|-@3 e1 n0 d0 s- p0 note- on-@0 name-@0 said0 next-");
    got_free(&g);
    eg_diag_free(&fx->dl);

    /* an empty range after one said: its rows are values left blank */
    b.sheet1 = SHEET_MERGED(
        "<row r=\"2\">" IS("A2", "GL.A") IS("B2", "a.1") NUM("C2", "5") "</row>"
        "<row r=\"3\">" IS("A3", "GL.A") IS("B3", "a.2") "</row>"
        "<row r=\"4\">" IS("A4", "GL.A") IS("B4", "a.3") "</row>"
        "<row r=\"5\">" IS("A5", "GL.A") IS("B5", "a.4") "</row>",
        "<mergeCell ref=\"C2:C3\"/><mergeCell ref=\"C4:C5\"/>");
    assert_int_equal(write_and_read(fx, &b, &g), 0);
    assert_int_equal(fx->dl.n, 1);
    assert_int_equal(the(fx, "E_VALUE_MERGED")->row, 2);
    assert_int_equal(g.n, 4);
    assert_string_equal(g.line[1], "3 GL.A@1|a.2@2|-@3 e1 n0 d0 s- p0 note- on-@0 name-@0 said0 next-");
    assert_string_equal(g.line[2], "4 GL.A@1|a.3@2|-@3 e0 n0 d0 s- p0 note- on-@0 name-@0 said0 next-");
    assert_string_equal(g.line[3], "5 GL.A@1|a.4@2|-@3 e0 n0 d0 s- p0 note- on-@0 name-@0 said0 next-");
    got_free(&g);
}

/* A numeric, a percent and a date value merged over two indicators are
 * sent as no value of any kind. */
static void a_merged_value_dropped_is_no_number_percent_or_date(void **state)
{
    fixture *fx = *state;
    book b = { .styles = "<styleSheet " NS "><cellXfs count=\"3\"><xf numFmtId=\"0\"/>"
                         "<xf numFmtId=\"9\" applyNumberFormat=\"1\"/><xf numFmtId=\"14\" "
                         "applyNumberFormat=\"1\"/></cellXfs></styleSheet>" };
    static const char *const sheets[] = {
        SHEET_MERGED("<row r=\"2\">" IS("A2", "GL.A") IS("B2", "a.1") "<c r=\"C2\" s=\"1\"><v>0.5</v></c></row>"
                     "<row r=\"3\">" IS("A3", "GL.A") IS("B3", "a.2") "</row>",
                     "<mergeCell ref=\"C2:C3\"/>"),
        SHEET_MERGED("<row r=\"2\">" IS("A2", "GL.A") IS("B2", "a.1") "<c r=\"C2\" s=\"2\"><v>44000</v></c></row>"
                     "<row r=\"3\">" IS("A3", "GL.A") IS("B3", "a.2") "</row>",
                     "<mergeCell ref=\"C2:C3\"/>"),
    };
    got g = { 0 };

    for (size_t i = 0; i < sizeof sheets / sizeof *sheets; i++) {
        b.sheet1 = sheets[i];
        assert_int_equal(write_and_read(fx, &b, &g), 0);
        the(fx, "E_VALUE_MERGED");
        assert_int_equal(g.n, 2);
        assert_string_equal(g.line[0], "2 GL.A@1|a.1@2|-@3 e1 n0 d0 s- p0 note- on-@0 name-@0 said1 next-");
        assert_string_equal(g.line[1], "3 GL.A@1|a.2@2|-@3 e1 n0 d0 s- p0 note- on-@0 name-@0 said0 next-");
        got_free(&g);
        eg_diag_free(&fx->dl);
    }

    /* not merged, they are what they are */
    b.sheet1 = SHEET(HEAD
        "<row r=\"2\">" IS("A2", "GL.A") IS("B2", "a.1") "<c r=\"C2\" s=\"1\"><v>0.5</v></c></row>"
        "<row r=\"3\">" IS("A3", "GL.A") IS("B3", "a.2") "<c r=\"C3\" s=\"2\"><v>44000</v></c></row>"
        "<row r=\"4\">" IS("A4", "GL.A") IS("B4", "a.3") NUM("C4", "12") "</row>");
    assert_int_equal(write_and_read(fx, &b, &g), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(g.n, 3);
    assert_string_equal(g.line[0], "2 GL.A@1|a.1@2|50%@3 e0 n0 d0 s- p1 note- on-@0 name-@0 said0 next-");
    assert_string_equal(g.line[1], "3 GL.A@1|a.2@2|2020-06-18@3 e0 n0 d1 s44000 p0 note- on-@0 name-@0 said0 next-");
    assert_string_equal(g.line[2], "4 GL.A@1|a.3@2|12@3 e0 n1 d0 s- p0 note- on-@0 name-@0 said0 next-");
    got_free(&g);
}

/* A value cell that shows an error, or a formula whose result was not
 * saved: an error at the cell, each in its words, the value sent empty. */
static void error_cells_and_formulas_without_results_are_said_at_the_cell(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET(HEAD
        "<row r=\"2\">" IS("A2", "GL.A") IS("B2", "a.1") "<c r=\"C2\" t=\"e\"><v>#DIV/0!</v></c></row>"
        "<row r=\"3\">" IS("A3", "GL.A") IS("B3", "a.2") "<c r=\"C3\"><f>1/0</f></c></row>") };
    got g = { 0 };
    const eg_diag *d;

    assert_int_equal(write_and_read(fx, &b, &g), 0);
    assert_int_equal(fx->dl.n, 2);
    d = the(fx, "E_CELL_ERROR");
    assert_int_equal(d->row, 2);
    assert_int_equal(d->col, 3);
    assert_string_equal(d->unit, "GL.A");
    assert_string_equal(d->indicator, "a.1");
    assert_string_equal(d->message, "ô C2 hiện lỗi #DIV/0! thay cho giá trị: sửa công thức của ô "
                                    "hoặc nhập giá trị");
    d = the(fx, "E_CELL_NO_RESULT");
    assert_int_equal(d->row, 3);
    assert_string_equal(d->indicator, "a.2");
    assert_contains(d->message, "ô C3 chứa công thức chưa được lưu kết quả");
    assert_int_equal(g.n, 2);
    assert_string_equal(g.line[0], "2 GL.A@1|a.1@2|-@3 e1 n0 d0 s- p0 note- on-@0 name-@0 said0 next-");
    got_free(&g);
}

/* A field the reader could not read (a NUL byte) is said where it was
 * read and named with its row's codes once they are known; the row's
 * value says so (row_said), and no cell error is added.  A row after it,
 * or another file's row of the same number, is not taken for it. */
static void an_unreadable_field_is_named_with_its_rows_codes_and_no_more(void **state)
{
    fixture *fx = *state;
    static const char csv[] = "ma_don_vi,ma_chi_tieu,gia_tri\nGL.A,a.1,3\0008\nGL.A,a.2,4\n";
    static const char other[] = "ma_don_vi,ma_chi_tieu,gia_tri\nGL.B,a.1,5\n";
    char *first;
    got g = { 0 };
    const eg_diag *d;

    first = eg_xstrdup(put_bytes(fx, "a.csv", csv, sizeof csv - 1));
    assert_int_equal(read_as(fx, first, "a.csv", NULL, &g, NULL), 0);
    assert_int_equal(fx->dl.n, 1);
    d = the(fx, "E_TEXT_NUL");
    assert_int_equal(d->row, 2);
    assert_int_equal(d->col, 3);
    assert_string_equal(d->unit, "GL.A");
    assert_string_equal(d->indicator, "a.1");
    assert_int_equal(g.n, 2);
    assert_string_equal(g.line[0], "2 GL.A@1|a.1@2|-@3 e1 n0 d0 s- p0 note- on-@0 name-@0 said1 next-");
    assert_string_equal(g.line[1], "3 GL.A@1|a.2@2|4@3 e0 n0 d0 s- p0 note- on-@0 name-@0 said0 next-");
    got_free(&g);

    /* the next file's row 2, read with that problem last in the list */
    put_bytes(fx, "b.csv", other, sizeof other - 1);
    assert_int_equal(read_as(fx, fx->path, "b.csv", NULL, &g, NULL), 0);
    assert_int_equal(fx->dl.n, 1);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.line[0], "2 GL.B@1|a.1@2|5@3 e0 n0 d0 s- p0 note- on-@0 name-@0 said0 next-");
    got_free(&g);
    free(first);
}

/* A CSV row whose quoting was refused (E_CSV_SYNTAX, at the field): its
 * value is not read, whether the refusal came after it (a note's stray
 * quote) or in it, nor when it was read before the refusal and may be a
 * number's first half, its opening quote lost (45,5"), but the row is
 * its pair's report, a value sent all the same, and the problem names its
 * unit and indicator; the rows after it are read. */
static void a_row_whose_quoting_was_refused_is_its_pairs_report_without_a_value(void **state)
{
    fixture *fx = *state;
    static const char csv[] = "ma_don_vi,ma_chi_tieu,gia_tri,ghi_chu\n"
                              "GL.A,a.1,3,gồm \"x\"\n"
                              "GL.A,a.2,45,5\",ghi\n"
                              "GL.A,a.3,4\"5\n"
                              "GL.A,a.4,6,\n";
    static const int col[] = { 4, 4, 3 };
    got g = { 0 };

    put_bytes(fx, "a.csv", csv, sizeof csv - 1);
    assert_int_equal(read_as(fx, fx->path, "a.csv", NULL, &g, NULL), 0);
    assert_int_equal(fx->dl.n, 3);
    for (int i = 0; i < 3; i++) {
        const eg_diag *d = &fx->dl.items[i];
        char ind[16];

        snprintf(ind, sizeof ind, "a.%d", i + 1);
        assert_string_equal(d->code, "E_CSV_SYNTAX");
        assert_int_equal(d->row, i + 2);
        assert_int_equal(d->col, col[i]);
        assert_string_equal(d->unit, "GL.A");
        assert_string_equal(d->indicator, ind);
    }
    assert_int_equal(g.n, 4);
    assert_string_equal(g.line[0], "2 GL.A@1|a.1@2|-@3 e1 n0 d0 s- p0 note- on-@0 name-@0 said1 next-");
    assert_string_equal(g.line[1], "3 GL.A@1|a.2@2|-@3 e1 n0 d0 s- p0 note- on-@0 name-@0 said1 next-");
    assert_string_equal(g.line[2], "4 GL.A@1|a.3@2|-@3 e1 n0 d0 s- p0 note- on-@0 name-@0 said1 next-");
    assert_string_equal(g.line[3], "5 GL.A@1|a.4@2|6@3 e0 n0 d0 s- p0 note- on-@0 name-@0 said0 next-");
    got_free(&g);
}

/* A quote refused in the unit's or the indicator's code: whose the row is
 * cannot be told, and nothing but the refusal is said of it (no row
 * without a unit code, no heading); the rows after it are read. */
static void a_quote_refused_in_a_code_says_the_refusal_alone(void **state)
{
    fixture *fx = *state;
    static const char csv[] = "Mã đơn vị,Mã chỉ tiêu,Giá trị\n"
                              "GL.A\",a.1,7\n"
                              "GL.A,a.2\",7\n"
                              "GL.A,a.3,8\n";
    got g = { 0 };

    put_bytes(fx, "a.csv", csv, sizeof csv - 1);
    assert_int_equal(read_as(fx, fx->path, "a.csv", NULL, &g, NULL), 0);
    assert_int_equal(fx->dl.n, 2);
    for (int i = 0; i < 2; i++) {
        assert_string_equal(fx->dl.items[i].code, "E_CSV_SYNTAX");
        assert_int_equal(fx->dl.items[i].row, i + 2);
        assert_int_equal(fx->dl.items[i].col, i + 1);
        assert_null(fx->dl.items[i].unit);
    }
    assert_int_equal(g.n, 1);
    assert_string_equal(g.line[0], "4 GL.A@1|a.3@2|8@3 e0 n0 d0 s- p0 note- on-@0 name-@0 said0 next-");
    got_free(&g);
}

/* A quote refused in a column before the codes (the unit's name, typed
 * with quotes): the codes after it are read as a spreadsheet program
 * shows them, so the row still names its unit and indicator, and its
 * value is not read; a field the reader could not read in that row
 * (a stray byte in the note) names the indicator too. */
static void a_quote_refused_before_the_codes_leaves_them_read(void **state)
{
    fixture *fx = *state;
    static const char csv[] = "Tên đơn vị,Mã đơn vị,Mã chỉ tiêu,Giá trị,Ghi chú\n"
                              "UBND \"TP\" A,GL.A,a.1,7,\"x \xff\"\n"
                              "Xã B,GL.B,a.1,8,\n";
    got g = { 0 };

    put_bytes(fx, "a.csv", csv, sizeof csv - 1);
    assert_int_equal(read_as(fx, fx->path, "a.csv", NULL, &g, NULL), 0);
    assert_int_equal(fx->dl.n, 2);
    assert_string_equal(fx->dl.items[0].code, "E_CSV_SYNTAX");
    assert_int_equal(fx->dl.items[0].col, 1);
    assert_string_equal(fx->dl.items[1].code, "E_TEXT_ENCODING");
    assert_int_equal(fx->dl.items[1].col, 5);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(fx->dl.items[i].row, 2);
        assert_string_equal(fx->dl.items[i].unit, "GL.A");
        assert_string_equal(fx->dl.items[i].indicator, "a.1");
    }
    assert_int_equal(g.n, 2);
    assert_string_equal(g.line[0], "2 GL.A@2|a.1@3|-@4 e1 n0 d0 s- p0 note- on-@0 name-@1 said1 next-");
    assert_string_equal(g.line[1], "3 GL.B@2|a.1@3|8@4 e0 n0 d0 s- p0 note- on-@0 nameXã B@1 said0 next-");
    got_free(&g);
}

/* --- CSV: columns in any order, rows counted ----------------------------------------- */

static void each_role_is_sent_with_its_own_column(void **state)
{
    fixture *fx = *state;
    static const char csv[] = "Ghi chú,Tên đơn vị,Giá trị,Ngày nộp,Mã chỉ tiêu,Mã đơn vị\n"
                              "ghi,Xã A,5,10/01/2021,a.1,GL.X\n"
                              "I. Hạ tầng,,,,,\n"
                              ",Xã A,6,,a.2,GL.X\n";
    got g = { 0 };
    size_t rows = 0;

    put_bytes(fx, "a.csv", csv, sizeof csv - 1);
    assert_int_equal(read_as(fx, fx->path, "a.csv", NULL, &g, &rows), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.line[0], "2 GL.X@6|a.1@5|5@3 e0 n0 d0 s- p0 noteghi on10/01/2021@4 "
                                   "nameXã A@2 said0 next-");
    assert_string_equal(g.line[1], "4 GL.X@6|a.2@5|6@3 e0 n0 d0 s- p0 note- on-@4 nameXã A@2 said0 next-");
    assert_int_equal(rows, 3);      /* the heading's row is read too */
    got_free(&g);
}

/* Comma-separated text: the field after the value's column goes with the
 * value (value_next, where a number cut by a comma puts its second half)
 * when it is the note's column, past the header, or a column the header
 * leaves unnamed that no row above the first value heads; not when it is
 * a column of another use. */
static void the_field_after_the_value_goes_with_it_only_where_a_cut_puts_it(void **state)
{
    fixture *fx = *state;
    static const struct {
        const char *csv, *next;
    } cases[] = {
        { "ma_don_vi,ma_chi_tieu,gia_tri,ghi_chu,nam\nGL.X,a.1,1,500,2020\n", "500" },
        { "ma_don_vi,ma_chi_tieu,gia_tri,nam\nGL.X,a.1,1,2021\n", "-" },
        { "ma_don_vi,ma_chi_tieu,gia_tri,\nGL.X,a.1,1,500\n", "500" },
        { "ma_don_vi,ma_chi_tieu,gia_tri,\n,,Năm 2020,Năm 2021\nGL.X,a.1,1,500\n", "-" },
        /* a row above with nothing in that column heads nothing */
        { "ma_don_vi,ma_chi_tieu,gia_tri,\n,,Năm 2020,\nGL.X,a.1,1,500\n", "500" },
    };
    got g = { 0 };

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *want;

        put_bytes(fx, "a.csv", cases[i].csv, strlen(cases[i].csv));
        assert_int_equal(read_as(fx, fx->path, "a.csv", NULL, &g, NULL), 0);
        assert_int_equal(g.n, 1);
        want = eg_xasprintf(" next%s", cases[i].next);
        if (strlen(g.line[0]) < strlen(want) ||
            strcmp(g.line[0] + strlen(g.line[0]) - strlen(want), want) != 0)
            fail_msg("case %zu: %s, not%s", i, g.line[0], want);
        free(want);
        got_free(&g);
        eg_diag_free(&fx->dl);
    }
}

/* A row without an indicator after the first value, with text in the
 * unnamed column (a total), heads nothing: the next value's field after
 * it is still where a cut puts its second half. */
static void a_row_after_the_first_value_heads_no_column(void **state)
{
    fixture *fx = *state;
    static const char csv[] = "ma_don_vi,ma_chi_tieu,gia_tri,\n"
                              "GL.X,a.1,1,500\n"
                              "Tổng,,,Năm 2021\n"
                              "GL.X,a.2,2,600\n";
    got g = { 0 };

    put_bytes(fx, "a.csv", csv, sizeof csv - 1);
    assert_int_equal(read_as(fx, fx->path, "a.csv", NULL, &g, NULL), 0);
    assert_int_equal(g.n, 2);
    assert_non_null(strstr(g.line[0], " next500"));
    assert_non_null(strstr(g.line[1], " next600"));
    got_free(&g);
}

/* A row split by another delimiter than the file's (a row pasted as one
 * cell) is sent split, saying so. */
static void a_row_in_another_delimiter_is_sent_split(void **state)
{
    fixture *fx = *state;
    static const char csv[] = "ma_don_vi,ma_chi_tieu,gia_tri\nGL.X;a.1;5\n";
    got g = { 0 };

    put_bytes(fx, "a.csv", csv, sizeof csv - 1);
    assert_int_equal(read_as(fx, fx->path, "a.csv", NULL, &g, NULL), 0);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.line[0], "2 GL.X@1|a.1@2|5@3 e0 n0 d0 s- p0 note- on-@0 name-@0 said0 "
                                   "next- split;@1");
    got_free(&g);
}

/* A row under the header, before the first value, heading the value
 * column with another year ("Năm 2019" under "Giá trị"): values read under
 * it are said to be most likely that year's, once, at the file, naming the
 * first such heading where it is. */
static void a_value_column_headed_with_another_year_is_said_at_its_heading(void **state)
{
    fixture *fx = *state;
    static const char csv[] = "ma_don_vi,ma_chi_tieu,gia_tri\n"
                              ",,Năm 2019 (số liệu cũ của đơn vị)\n"
                              ",,Năm 2018\n"
                              "GL.X,a.1,5\n"
                              ",,Năm 2017\n"
                              "GL.X,a.2,6\n";
    book b = { .sheet1 = SHEET(HEAD
        "<row r=\"2\">" IS("C2", "Năm 2019") "</row>"
        "<row r=\"3\">" IS("A3", "GL.X") IS("B3", "a.1") NUM("C3", "5") "</row>") };
    got g = { 0 };
    const eg_diag *d;

    put_bytes(fx, "a.csv", csv, sizeof csv - 1);
    assert_int_equal(read_as(fx, fx->path, "a.csv", NULL, &g, NULL), 0);
    assert_int_equal(g.n, 2);
    assert_int_equal(fx->dl.n, 1);
    d = the(fx, "W_VALUE_YEAR");
    assert_int_equal(d->severity, EG_WARNING);
    assert_int_equal(d->row, 0);
    assert_string_equal(d->message,
                        "cột giá trị có tiêu đề 'Năm 2019 (số liệu cũ của đơn vị)' (dòng 2, cột 3, "
                        "dưới dòng tiêu đề): số liệu đọc từ cột này có lẽ là của năm 2019, không "
                        "phải năm 2020 đang tổng hợp, nhưng vẫn được tính cho năm 2020; nếu số "
                        "liệu năm 2020 ở cột khác, xóa cột năm 2019 hoặc đặt tên cột 'Giá trị' cho "
                        "cột số liệu năm 2020");
    got_free(&g);
    eg_diag_free(&fx->dl);

    /* in a workbook, at its cell */
    assert_int_equal(write_and_read(fx, &b, &g), 0);
    assert_contains(the(fx, "W_VALUE_YEAR")->message,
                    "cột giá trị có tiêu đề 'Năm 2019' (ô C2, dưới dòng tiêu đề)");
    got_free(&g);
    eg_diag_free(&fx->dl);

    /* under a header again, after values under the first: said of it */
    {
        static const char again[] = "ma_don_vi,ma_chi_tieu,gia_tri\nGL.X,a.1,5\n"
                                    "ma_chi_tieu,ma_don_vi,gia_tri\n,,Năm 2019\na.2,GL.X,6\n";

        put_bytes(fx, "c.csv", again, sizeof again - 1);
        assert_int_equal(read_as(fx, fx->path, "c.csv", NULL, &g, NULL), 0);
        assert_int_equal(g.n, 2);
        assert_contains(the(fx, "W_VALUE_YEAR")->message, "'Năm 2019' (dòng 4, cột 3,");
        got_free(&g);
        eg_diag_free(&fx->dl);
    }

    /* a heading under a header with no value under it is none: the values
     * come under the header after it */
    {
        static const char none[] = "ma_don_vi,ma_chi_tieu,gia_tri\n,,Năm 2019\n"
                                   "ma_chi_tieu,ma_don_vi,gia_tri\na.1,GL.X,5\n";

        put_bytes(fx, "d.csv", none, sizeof none - 1);
        assert_int_equal(read_as(fx, fx->path, "d.csv", NULL, &g, NULL), 0);
        assert_int_equal(g.n, 1);
        assert_int_equal(fx->dl.n, 0);
        got_free(&g);
    }

    /* a heading of this year, or one after the first value, is none */
    {
        static const char later[] = "ma_don_vi,ma_chi_tieu,gia_tri\n,,Năm 2020\nGL.X,a.1,5\n"
                                    ",,Năm 2019\nGL.X,a.2,6\n";

        put_bytes(fx, "b.csv", later, sizeof later - 1);
        assert_int_equal(read_as(fx, fx->path, "b.csv", NULL, &g, NULL), 0);
        assert_int_equal(g.n, 2);
        assert_int_equal(fx->dl.n, 0);
        got_free(&g);
    }
}

/* Rows hidden in a value merged over two indicators give no value: they
 * are not said hidden (the value is said merged). */
static void hidden_rows_of_a_merged_value_are_not_said_hidden(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET_MERGED(
        "<row r=\"2\" hidden=\"1\">" IS("A2", "GL.A") IS("B2", "a.1") NUM("C2", "5") "</row>"
        "<row r=\"3\" hidden=\"1\">" IS("A3", "GL.A") IS("B3", "a.2") "</row>",
        "<mergeCell ref=\"C2:C3\"/>") };
    got g = { 0 };

    assert_int_equal(write_and_read(fx, &b, &g), 0);
    assert_int_equal(fx->dl.n, 1);
    the(fx, "E_VALUE_MERGED");
    assert_int_equal(g.n, 2);
    got_free(&g);
}

/* --- what is read, and what is told ----------------------------------------------------- */

static void a_files_name_says_its_format_and_what_to_do_with_another(void **state)
{
    (void)state;
    assert_int_equal(eg_format_of("a.csv"), EG_FORMAT_CSV);
    assert_int_equal(eg_format_of("a.TXT"), EG_FORMAT_CSV);
    assert_int_equal(eg_format_of("a.Xlsx"), EG_FORMAT_XLSX);
    assert_int_equal(eg_format_of("a.xls"), EG_FORMAT_XLS);
    assert_int_equal(eg_format_of("a.ods"), EG_FORMAT_OTHER);
    assert_int_equal(eg_format_of("a.csv.bak"), EG_FORMAT_OTHER);
    assert_contains(eg_format_advice("a.ods"), "LibreOffice Calc (.ods)");
    assert_contains(eg_format_advice("a.FODS"), "LibreOffice Calc (.ods)");
    assert_contains(eg_format_advice("a.xlsm"), "có macro hoặc dạng nhị phân");
    assert_contains(eg_format_advice("a.xlsb"), "có macro hoặc dạng nhị phân");
    assert_contains(eg_format_advice("a.numbers"), "Numbers");
    assert_string_equal(eg_format_advice("a.pdf"), "");
}

/* The files of a folder in name order, without hidden files and Excel's
 * lock files (~$). */
static void names_are_sorted_without_hidden_and_lock_files(void **state)
{
    fixture *fx = *state;
    size_t n;
    char **names;

    put_bytes(fx, "b.csv", "x", 1);
    put_bytes(fx, "a.csv", "x", 1);
    put_bytes(fx, ".a.csv", "x", 1);
    put_bytes(fx, "~$b.xlsx", "x", 1);
    put_bytes(fx, "C.csv", "x", 1);
    names = eg_submission_names(fx->dir, &n);
    assert_non_null(names);
    assert_int_equal(n, 3);
    assert_string_equal(names[0], "C.csv");
    assert_string_equal(names[1], "a.csv");
    assert_string_equal(names[2], "b.csv");
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* A folder among the files is not read: the reports in it are counted
 * (other files are not); a link to a folder is not looked in. */
static void a_folder_is_said_with_the_reports_it_holds(void **state)
{
    fixture *fx = *state;
    char *sub = eg_xasprintf("%s/T11", fx->dir), *link = eg_xasprintf("%s/ln", fx->dir);
    got g = { 0 };
    const eg_diag *d;

    assert_int_equal(mkdir(sub, 0755), 0);
    eg_test_put(sub, "a.csv", "x");
    eg_test_put(sub, "b.xlsx", "x");
    eg_test_put(sub, "c.pdf", "x");
    assert_int_equal(read_as(fx, sub, "T11", NULL, &g, NULL), -1);
    d = the(fx, "W_FILE_IGNORED");
    assert_string_equal(d->file, "submissions/T11");
    assert_contains(d->message, "là một thư mục: 2 tệp báo cáo trong đó không được đọc");
    eg_diag_free(&fx->dl);

    assert_int_equal(symlink(sub, link), 0);
    assert_int_equal(read_as(fx, link, "ln", NULL, &g, NULL), -1);
    assert_string_equal(the(fx, "W_FILE_IGNORED")->message,
                        "là một thư mục; thư mục con không được đọc, bị bỏ qua");
    assert_int_equal(g.n, 0);
    free(sub);
    free(link);
}

/* A file of exactly --max-file-size bytes is read, one byte more is not;
 * an empty CSV file is said to be empty. */
static void the_size_cap_and_an_empty_file(void **state)
{
    fixture *fx = *state;
    static const char csv[] = "ma_don_vi,ma_chi_tieu,gia_tri\nGL.A,a.1,3\n";
    eg_limits lim = { .max_file_bytes = sizeof csv - 1 };
    got g = { 0 };
    const eg_diag *d;

    put_bytes(fx, "a.csv", csv, sizeof csv - 1);
    assert_int_equal(read_as(fx, fx->path, "a.csv", &lim, &g, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(g.n, 1);
    got_free(&g);

    lim.max_file_bytes--;
    assert_int_equal(read_as(fx, fx->path, "a.csv", &lim, &g, NULL), -1);
    d = the(fx, "E_FILE_TOO_BIG");
    assert_string_equal(d->message, "tệp có 41 byte, lớn hơn mức 40 byte cho phép của một báo cáo "
                                    "(--max-file-size); tệp không được đọc");
    assert_int_equal(g.n, 0);
    eg_diag_free(&fx->dl);

    put_bytes(fx, "e.csv", "", 0);
    assert_int_equal(read_as(fx, fx->path, "e.csv", NULL, &g, NULL), 0);
    assert_string_equal(the(fx, "E_NO_HEADER")->message,
                        "tệp trống (0 byte): lưu lại báo cáo rồi gửi lại");
    assert_int_equal(fx->dl.n, 1);
}

/* The titles above a table naming another year are said (W_TITLE_YEAR);
 * above no table, they are not (the file is said to have no header). */
static void titles_naming_another_year_are_said_only_above_a_table(void **state)
{
    fixture *fx = *state;
    static const char table[] = "BÁO CÁO SỐ LIỆU NĂM 2019\nma_don_vi,ma_chi_tieu,gia_tri\nGL.X,a.1,5\n";
    static const char none[] = "BÁO CÁO SỐ LIỆU NĂM 2019\nkhông có bảng\n";
    book b = { .sheet1 = SHEET("<row r=\"1\">" IS("A1", "BÁO CÁO SỐ LIỆU NĂM 2019") "</row>"
                               "<row r=\"2\">" IS("A2", "không có bảng") "</row>") };
    got g = { 0 };

    put_bytes(fx, "a.csv", table, sizeof table - 1);
    assert_int_equal(read_as(fx, fx->path, "a.csv", NULL, &g, NULL), 0);
    assert_int_equal(fx->dl.n, 1);
    assert_int_equal(the(fx, "W_TITLE_YEAR")->severity, EG_WARNING);
    got_free(&g);
    eg_diag_free(&fx->dl);

    put_bytes(fx, "b.csv", none, sizeof none - 1);
    read_as(fx, fx->path, "b.csv", NULL, &g, NULL);
    assert_int_equal(fx->dl.n, 1);
    the(fx, "E_NO_HEADER");
    eg_diag_free(&fx->dl);

    write_and_read(fx, &b, &g);
    assert_int_equal(fx->dl.n, 1);
    the(fx, "E_NO_HEADER");
    assert_int_equal(g.n, 0);
}

/* An .xls is read whole into memory: past its own cap it is not read, even
 * where --max-file-size allows it (a file with a hole: no disk used). */
static void an_xls_past_its_own_cap_is_not_read(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_file_bytes = EG_CFB_MAX_FILE * 2 };
    got g = { 0 };
    int fd;

    put_bytes(fx, "big.xls", "", 0);
    fd = open(fx->path, O_WRONLY);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)EG_CFB_MAX_FILE + 1), 0);
    close(fd);
    assert_int_equal(read_as(fx, fx->path, "big.xls", &lim, &g, NULL), -1);
    assert_string_equal(the(fx, "E_FILE_TOO_BIG")->message,
                        "tệp Excel 97-2003 có 268.435.457 byte, lớn hơn mức 268.435.456 byte đọc "
                        "được của loại tệp này (cả tệp được đọc vào bộ nhớ, dù --max-file-size "
                        "cho phép lớn hơn); tệp không được đọc");
    assert_int_equal(g.n, 0);
}

/* --- the other sheets ------------------------------------------------------------------------ */

#define TABLE_SHEET SHEET(HEAD "<row r=\"2\">" IS("A2", "GL.X") IS("B2", "a.1") NUM("C2", "1") "</row>")

/* A workbook of five sheets, each a table: the first read, the others
 * named, three of them and how many more. */
static const char *write_five_tables(fixture *fx)
{
    static const char wb[] = "<workbook " NS "><sheets>"
        "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"S2\" sheetId=\"2\" r:id=\"rId2\"/>"
        "<sheet name=\"S3\" sheetId=\"3\" r:id=\"rId3\"/><sheet name=\"S4\" sheetId=\"4\" r:id=\"rId4\"/>"
        "<sheet name=\"S5\" sheetId=\"5\" r:id=\"rId5\"/></sheets></workbook>";
#define REL_SHEET(n) "<Relationship Id=\"rId" n "\" Type=\"" REL_T "worksheet\" Target=\"worksheets/sheet" n ".xml\"/>"
    static const char rels[] = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        REL_SHEET("1") REL_SHEET("2") REL_SHEET("3") REL_SHEET("4") REL_SHEET("5") "</Relationships>";
#undef REL_SHEET
    part parts[] = {
        { "_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId1\" Type=\"" REL_T "officeDocument\" Target=\"xl/workbook.xml\"/>"
          "</Relationships>", 0 },
        { "xl/workbook.xml", wb, 0 },
        { "xl/_rels/workbook.xml.rels", rels, 0 },
        { "xl/worksheets/sheet1.xml", TABLE_SHEET, 0 },
        { "xl/worksheets/sheet2.xml", TABLE_SHEET, 0 },
        { "xl/worksheets/sheet3.xml", TABLE_SHEET, 0 },
        { "xl/worksheets/sheet4.xml", TABLE_SHEET, 0 },
        { "xl/worksheets/sheet5.xml", TABLE_SHEET, 0 },
    };

    return write_zip(fx, "book.xlsx", parts, sizeof parts / sizeof *parts, 0);
}

static void other_sheets_with_a_table_are_named_three_and_how_many_more(void **state)
{
    fixture *fx = *state;
    got g = { 0 };
    const eg_diag *d;

    write_five_tables(fx);
    assert_int_equal(read_xlsx(fx, &g), 0);
    assert_int_equal(g.n, 1);
    assert_int_equal(fx->dl.n, 1);
    d = the(fx, "W_SHEETS_NOT_READ");
    assert_int_equal(d->severity, EG_WARNING);
    assert_string_equal(d->message,
                        "các trang tính 'S2', 'S3', 'S4' và 1 trang tính khác của bảng tính có bảng "
                        "với các cột của báo cáo nhưng không được đọc: chỉ trang tính 'Sheet1' được "
                        "đọc (trang tính tên BaoCao hoặc Báo cáo, nếu không có thì trang tính đầu "
                        "tiên không bị ẩn); đưa các dòng của mọi đơn vị vào một trang tính tên BaoCao");
    got_free(&g);
    eg_diag_free(&fx->dl);

    /* one other: said in the singular */
    {
        book b = { .sheet1 = TABLE_SHEET, .sheet2 = TABLE_SHEET,
                   .workbook = "<workbook " NS "><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>"
                               "<sheet name=\"Khác\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>" };

        assert_int_equal(write_and_read(fx, &b, &g), 0);
        assert_contains(the(fx, "W_SHEETS_NOT_READ")->message,
                        "trang tính 'Khác' của bảng tính có bảng");
        assert_true(strncmp(the(fx, "W_SHEETS_NOT_READ")->message, "trang tính 'Khác'", 18) == 0);
        got_free(&g);
    }
}

/* Three others are named, no "more"; the report sheet read hidden says
 * so; past the 16 visible sheets looked at, how many were not. */
static void other_sheets_are_named_with_what_the_reading_could_not_see(void **state)
{
    fixture *fx = *state;
    part parts[24];
    char names[24][40];
    size_t n = 0;
    got g = { 0 };
    const eg_diag *d;
    book three = { .sheet1 = TABLE_SHEET, .sheet2 = TABLE_SHEET, .sheet3 = TABLE_SHEET,
                   .wb_rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                              "<Relationship Id=\"rId1\" Type=\"" REL_T "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                              "<Relationship Id=\"rId2\" Type=\"" REL_T "worksheet\" Target=\"worksheets/sheet2.xml\"/>"
                              "<Relationship Id=\"rId3\" Type=\"" REL_T "worksheet\" Target=\"worksheets/sheet3.xml\"/>"
                              "<Relationship Id=\"rId4\" Type=\"" REL_T "worksheet\" Target=\"worksheets/sheet2.xml\"/>"
                              "</Relationships>",
                   .workbook = "<workbook " NS "><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>"
                               "<sheet name=\"S2\" sheetId=\"2\" r:id=\"rId2\"/><sheet name=\"S3\" sheetId=\"3\" r:id=\"rId3\"/>"
                               "<sheet name=\"S4\" sheetId=\"4\" r:id=\"rId4\"/></sheets></workbook>" };
    book hidden = { .sheet1 = TABLE_SHEET, .sheet2 = TABLE_SHEET,
                    .workbook = "<workbook " NS "><sheets><sheet name=\"Báo cáo\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
                                "<sheet name=\"Xã A\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>" };
    char wb[4096] = "<workbook " NS "><sheets>";
    char rels[4096] = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";

    assert_int_equal(write_and_read(fx, &three, &g), 0);
    d = the(fx, "W_SHEETS_NOT_READ");
    if (strncmp(d->message, "các trang tính 'S2', 'S3', 'S4' của bảng tính có bảng", 58) != 0)
        fail_msg("%s", d->message);
    got_free(&g);
    eg_diag_free(&fx->dl);

    assert_int_equal(write_and_read(fx, &hidden, &g), 0);
    assert_contains(the(fx, "W_SHEETS_NOT_READ")->message,
                    "chỉ trang tính 'Báo cáo' (trang tính này đang bị ẩn, nên không nhìn thấy khi "
                    "mở tệp) được đọc");
    assert_contains(the(fx, "W_SHEETS_NOT_READ")->message, ", bỏ ẩn hoặc xóa trang tính bị ẩn kia");
    got_free(&g);
    eg_diag_free(&fx->dl);

    /* 18 sheets: the first 16 listed, the first of them read and 15
     * looked at (the 2nd a table), 2 not */
    parts[n++] = (part){ "_rels/.rels",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"" REL_T "officeDocument\" Target=\"xl/workbook.xml\"/>"
        "</Relationships>", 0 };
    parts[n++] = (part){ "xl/workbook.xml", wb, 0 };
    parts[n++] = (part){ "xl/_rels/workbook.xml.rels", rels, 0 };
    for (int i = 1; i <= 18; i++) {
        size_t k = strlen(wb), r = strlen(rels);

        snprintf(wb + k, sizeof wb - k, "<sheet name=\"T%d\" sheetId=\"%d\" r:id=\"rId%d\"/>", i, i, i);
        snprintf(rels + r, sizeof rels - r, "<Relationship Id=\"rId%d\" Type=\"" REL_T
                 "worksheet\" Target=\"worksheets/sheet%d.xml\"/>", i, i);
        snprintf(names[i], sizeof names[i], "xl/worksheets/sheet%d.xml", i);
        parts[n++] = (part){ names[i], i <= 2 ? TABLE_SHEET : ONE("x"), 0 };
    }
    strcat(wb, "</sheets></workbook>");
    strcat(rels, "</Relationships>");
    write_zip(fx, "book.xlsx", parts, n, 0);
    assert_int_equal(read_xlsx(fx, &g), 0);
    d = the(fx, "W_SHEETS_NOT_READ");
    assert_contains(d->message, "trang tính 'T2' của bảng tính có bảng với các cột của báo cáo "
                                "nhưng không được đọc (và 2 trang tính sau 16 trang tính đầu "
                                "tiên của bảng tính chưa được kiểm tra): chỉ trang tính 'T1'");
    got_free(&g);
}

/* A reading its fn stopped looks at no other sheet, and says nothing of
 * them. */
static void a_reading_stopped_names_no_other_sheet(void **state)
{
    fixture *fx = *state;
    got g = { .stop_after = 1 };

    write_five_tables(fx);
    assert_int_equal(read_xlsx(fx, &g), 0);
    assert_int_equal(g.n, 1);
    assert_int_equal(fx->dl.n, 0);
    got_free(&g);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(hidden_rows_that_give_values_are_said_once_with_the_first_five),
        T(a_hidden_value_column_is_said_with_its_letters_and_count),
        T(values_their_format_hides_are_said_with_the_first_and_how_many),
        T(a_value_merged_over_two_indicators_is_no_ones),
        T(rows_sharing_a_value_are_one_only_of_one_unit_and_indicator),
        T(an_empty_or_error_merged_value_is_said_at_most_once),
        T(a_merged_value_dropped_is_no_number_percent_or_date),
        T(error_cells_and_formulas_without_results_are_said_at_the_cell),
        T(an_unreadable_field_is_named_with_its_rows_codes_and_no_more),
        T(a_row_whose_quoting_was_refused_is_its_pairs_report_without_a_value),
        T(a_quote_refused_before_the_codes_leaves_them_read),
        T(a_quote_refused_in_a_code_says_the_refusal_alone),
        T(each_role_is_sent_with_its_own_column),
        T(the_field_after_the_value_goes_with_it_only_where_a_cut_puts_it),
        T(a_value_column_headed_with_another_year_is_said_at_its_heading),
        T(hidden_rows_of_a_merged_value_are_not_said_hidden),
        T(a_files_name_says_its_format_and_what_to_do_with_another),
        T(names_are_sorted_without_hidden_and_lock_files),
        T(a_folder_is_said_with_the_reports_it_holds),
        T(the_size_cap_and_an_empty_file),
        T(other_sheets_with_a_table_are_named_three_and_how_many_more),
        T(other_sheets_are_named_with_what_the_reading_could_not_see),
        T(a_reading_stopped_names_no_other_sheet),
        T(titles_naming_another_year_are_said_only_above_a_table),
        T(an_xls_past_its_own_cap_is_not_read),
        T(a_row_after_the_first_value_heads_no_column),
        T(a_row_in_another_delimiter_is_sent_split),
    };

    return cmocka_run_group_tests(tests, eg_test_layouts_setup, eg_test_layouts_teardown);
}
