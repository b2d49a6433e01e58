/*
 * test_registry.c - extract/registry.h: report.csv's `systems`, the
 * provincial systems a province has, and what it makes of odd values;
 * units.csv's rows and parents, each problem at its row and column.
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

#include "core/mem.h"
#include "core/pattern.h"
#include "extract/registry.h"

static const char head[] = "key,value\nprovince,Gia Lai\nissuer,UBND\nsigner,A\n"
                           "signer_title,B\nplace,Gia Lai\nissued_on,2021-01-15\n"
                           "deadline,2020-12-31\n";

/* A year's folder (of year 2020) holding one file, name, of text: ds set
 * up on it.  Returns the file's path, for year_folder_gone. */
static char *year_folder(eg_dataset *ds, const char *name, const char *text)
{
    char dir[] = "/tmp/egreport-test-registry-XXXXXX";
    char *path;
    FILE *f;

    assert_non_null(mkdtemp(dir));
    path = eg_xasprintf("%s/%s", dir, name);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    memset(ds, 0, sizeof *ds);
    ds->year = 2020;
    ds->year_dir = eg_xstrdup(dir);
    return path;
}

/* Removes the file at path and the folder year_folder made. */
static void year_folder_gone(const eg_dataset *ds, char *path)
{
    unlink(path);
    rmdir(ds->year_dir);
    free(path);
}

/* report.csv of text, loaded into ds (of year 2020) as a build loads it:
 * eg_facts_load's rc; when it loaded, eg_facts_check_year's warnings
 * follow its diagnostics in dl. */
static int load_text(const char *text, eg_dataset *ds, eg_diag_list *dl)
{
    char *path = year_folder(ds, "report.csv", text);
    int rc = eg_facts_load(ds, dl);

    if (rc == 0)
        eg_facts_check_year(ds, dl);
    year_folder_gone(ds, path);
    return rc;
}

/* report.csv of head and tail, loaded: rc, the systems it has as bits
 * (when it loaded), its first diagnostic's message into msg. */
static int load(const char *tail, int *bits, char *msg, size_t cap)
{
    char *text = eg_xasprintf("%s%s", head, tail);
    eg_dataset ds;
    eg_diag_list dl = { 0 };
    int rc = load_text(text, &ds, &dl);

    *bits = 0;
    for (int k = 0; k < EG_SYSTEMS; k++)
        *bits |= eg_facts_has_system(&ds, k) << k;
    snprintf(msg, cap, "%s", dl.n ? dl.items[0].message : "");
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
    free(text);
    return rc;
}

static void the_systems_listed_are_the_provinces(void **state)
{
    static const struct {
        const char *tail;
        int bits;
    } ok[] = {
        { "", 3 },                                  /* no key: every system */
        { "systems,dossiers\n", 1 },
        { "systems,documents\n", 2 },
        { "systems,dossiers;documents\n", 3 },
        { "systems, Dossiers ; DOCUMENTS \n", 3 },  /* case and spaces aside */
        { "systems,documents;\n", 2 },              /* a last ';' of habit */
        { "systems,\n", 0 },                        /* none */
        { "systems,  \n", 0 },
        { "systems,\tdossiers\t;\tdocuments\t\n", 3 },  /* tabs as spaces */
        { "systems,\t\n", 0 },
    };
    char msg[512];
    int bits;

    (void)state;
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        assert_int_equal(load(ok[i].tail, &bits, msg, sizeof msg), 0);
        assert_int_equal(bits, ok[i].bits);
        assert_string_equal(msg, "");
    }
}

static void another_name_or_an_empty_one_is_fatal(void **state)
{
    static const struct {
        const char *tail, *said;
    } bad[] = {
        { "systems,dossiers;document\n", "key 'systems' names 'document', which is no system" },
        { "systems,  one stop  \n", "key 'systems' names 'one stop', which is no system" },
        { "systems,\"dossiers\nx\"\n", "key 'systems' names 'dossiers\xef\xbf\xbdx', which" },
        { "systems,;\n", "key 'systems' has an empty name between its ';'" },
        { "systems,dossiers;;documents\n", "key 'systems' has an empty name between its ';'" },
        { "systems,dossiers;;\n", "key 'systems' has an empty name between its ';'" },
    };
    char msg[512];
    int bits;

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(load(bad[i].tail, &bits, msg, sizeof msg), -1);
        if (strncmp(msg, bad[i].said, strlen(bad[i].said)) != 0)
            fail_msg("%s: said \"%s\"", bad[i].tail, msg);
        assert_non_null(strstr(msg, ": list the systems the province has, among 'dossiers' "
                                    "and 'documents', separated by ';' (an empty value for "
                                    "none)"));
    }
}

/* head with its two dates replaced */
static char *with_dates(const char *issued_on, const char *deadline)
{
    return eg_xasprintf("key,value\nprovince,Gia Lai\nissuer,UBND\nsigner,A\n"
                        "signer_title,B\nplace,Gia Lai\nissued_on,%s\ndeadline,%s\n",
                        issued_on, deadline);
}

/* A date of report.csv is a day of the calendar written YYYY-MM-DD: a
 * deadline of "2021-+1-01" or "2021-02-30" was taken for one (sscanf's
 * %2d reads a sign, and any day up to 31 passed), then printed on the
 * forms and used to date every unit's report.  Refused at its row and
 * column, and no key of the file is kept. */
static void a_date_that_is_no_day_of_the_calendar_is_fatal_at_its_cell(void **state)
{
    static const struct {
        const char *issued_on, *deadline, *key, *shown;
        long row;
    } bad[] = {
        { "2021-01-15", "2021-+1-01", "deadline", "2021-+1-01", 8 },
        { "2021-01-15", "2021-02-29", "deadline", "2021-02-29", 8 },
        { "2021-04-31", "2020-12-31", "issued_on", "2021-04-31", 7 },
        { "2021-1-15", "2020-12-31", "issued_on", "2021-1-15", 7 },
        { "15/01/2021", "2020-12-31", "issued_on", "15/01/2021", 7 },
        { "2021-01-15", "2020-12-31 17:00", "deadline", "2020-12-31 17:00", 8 },
        { "2021-01-15", "\"2020-12-\n31\"", "deadline", "2020-12-\xef\xbf\xbd" "31", 8 },
    };

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *text = with_dates(bad[i].issued_on, bad[i].deadline);
        char *said = eg_xasprintf("key '%s' must be a real day written YYYY-MM-DD (as "
                                  "2021-01-15), not '%s'", bad[i].key, bad[i].shown);
        eg_dataset ds;
        eg_diag_list dl = { 0 };

        if (load_text(text, &ds, &dl) != -1)
            fail_msg("%s, %s: loaded", bad[i].issued_on, bad[i].deadline);
        assert_int_equal(dl.n, 1);
        assert_int_equal(dl.items[0].severity, EG_FATAL);
        assert_string_equal(dl.items[0].code, "F_REPORT");
        assert_string_equal(dl.items[0].file, "report.csv");
        assert_int_equal(dl.items[0].row, bad[i].row);
        assert_int_equal(dl.items[0].col, 2);
        assert_string_equal(dl.items[0].message, said);
        assert_null(eg_dataset_fact(&ds, "province"));
        eg_diag_free(&dl);
        eg_dataset_free(&ds);
        free(said);
        free(text);
    }
}

/* A leap day is a day; so is the last of a 30-day month */
static void the_calendars_days_are_read_as_dates(void **state)
{
    char *text = with_dates("2021-04-30", "2020-02-29");
    eg_dataset ds;
    eg_diag_list dl = { 0 };

    (void)state;
    assert_int_equal(load_text(text, &ds, &dl), 0);
    assert_int_equal(dl.n, 0);
    assert_string_equal(eg_dataset_fact(&ds, "deadline"), "2020-02-29");
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
    free(text);
}

/* {date:as_of} is the program's day: a key as_of in report.csv, written
 * to date the figures, had no effect and no word said so */
static void a_key_as_of_is_warned_of_at_its_row(void **state)
{
    char *text = eg_xasprintf("%sas_of,2020-11-30\n", head);
    eg_dataset ds;
    eg_diag_list dl = { 0 };

    (void)state;
    assert_int_equal(load_text(text, &ds, &dl), 0);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.items[0].severity, EG_WARNING);
    assert_string_equal(dl.items[0].code, "W_REPORT_DATE");
    assert_int_equal(dl.items[0].row, 9);
    assert_int_equal(dl.items[0].col, 1);
    assert_string_equal(dl.items[0].message,
                        "khóa as_of không được dùng: ngày số liệu tính đến ({date:as_of}) do "
                        "chương trình xác định, là ngày 31/12/2020 khi năm đã hết, hoặc ngày lập "
                        "báo cáo khi năm chưa hết (số liệu tạm tính); xóa dòng này");
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
    free(text);
}

/* A required key left empty is said by its name, as a missing one is;
 * every one is said, and no date is read then */
static void a_required_key_left_empty_is_fatal(void **state)
{
    char *text = eg_xasprintf("key,value\nprovince,\nissuer,UBND\nsigner,A\nsigner_title,B\n"
                              "issued_on,2021-01-15\ndeadline,31/12/2020\n");
    eg_dataset ds;
    eg_diag_list dl = { 0 };

    (void)state;
    assert_int_equal(load_text(text, &ds, &dl), -1);
    assert_int_equal(dl.n, 2);
    assert_string_equal(dl.items[0].message, "key 'province' is missing or empty");
    assert_string_equal(dl.items[1].message, "key 'place' is missing or empty");
    for (size_t i = 0; i < dl.n; i++) {
        assert_int_equal(dl.items[i].severity, EG_FATAL);
        assert_string_equal(dl.items[i].code, "F_REPORT");
        assert_string_equal(dl.items[i].file, "report.csv");
    }
    assert_null(eg_dataset_fact(&ds, "issuer"));
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
    free(text);
}

/* A required key written in capitals (`Signer`, as the header may be,
 * `Key,Value`) was said to be missing, beside its row the clerk sees:
 * still fatal (keys are read as written), but the message names the row
 * and the spelling the key takes. */
static void a_required_key_in_capitals_is_said_at_its_row(void **state)
{
    char *text = eg_xasprintf("Key,Value\nprovince,Gia Lai\nissuer,UBND\nSigner,A\n"
                              "signer_title,B\nPLACE,Gia Lai\nissued_on,2021-01-15\n"
                              "deadline,2020-12-31\n");
    eg_dataset ds;
    eg_diag_list dl = { 0 };

    (void)state;
    assert_int_equal(load_text(text, &ds, &dl), -1);
    assert_int_equal(dl.n, 2);
    assert_string_equal(dl.items[0].message, "key 'signer' is missing or empty; row 4 has "
                        "'Signer': write the key as 'signer', in lower case");
    assert_int_equal(dl.items[0].row, 4);
    assert_int_equal(dl.items[0].col, 1);
    assert_string_equal(dl.items[1].message, "key 'place' is missing or empty; row 6 has "
                        "'PLACE': write the key as 'place', in lower case");
    assert_int_equal(dl.items[1].row, 6);
    assert_int_equal(dl.items[1].col, 1);
    for (size_t i = 0; i < dl.n; i++) {
        assert_int_equal(dl.items[i].severity, EG_FATAL);
        assert_string_equal(dl.items[i].code, "F_REPORT");
        assert_string_equal(dl.items[i].file, "report.csv");
    }
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
    free(text);
}

/* A key with a bad date and a bad `systems`: the date is said, alone */
static void a_bad_date_is_said_before_the_systems_are_read(void **state)
{
    char *text = eg_xasprintf("key,value\nprovince,Gia Lai\nissuer,UBND\nsigner,A\n"
                              "signer_title,B\nplace,Gia Lai\nissued_on,2021-01-15\n"
                              "deadline,2020-12-32\nsystems,one stop\n");
    eg_dataset ds;
    eg_diag_list dl = { 0 };

    (void)state;
    assert_int_equal(load_text(text, &ds, &dl), -1);
    assert_int_equal(dl.n, 1);
    assert_non_null(strstr(dl.items[0].message, "key 'deadline' must be a real day"));
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
    free(text);
}

/* The dates of a year's report.csv (2020): a deadline from 1 January of
 * the year on, an issue date on the deadline or after, say nothing; a
 * deadline before the year is said at its row (8) and then alone, an
 * issue date before the deadline at its row (7), in the value's column. */
static void dates_that_cannot_be_the_years_are_warned_of_at_their_row(void **state)
{
    static const struct {
        const char *issued_on, *deadline;
        long row;               /* of the one warning; 0: none */
        const char *said;
    } dates[] = {
        { "2021-01-15", "2020-01-01", 0, NULL },
        { "2020-12-31", "2020-12-31", 0, NULL },
        { "2021-01-15", "2019-12-31", 8,
          "hạn nộp (deadline) 2019-12-31 ở trước năm 2020 của báo cáo: report.csv có lẽ được "
          "chép từ năm trước mà chưa sửa ngày; mọi tệp số liệu năm 2020 sẽ bị tính là nộp muộn "
          "hoặc không rõ ngày nộp. Sửa deadline (và issued_on, number) cho năm 2020" },
        { "2019-12-01", "2019-12-31", 8, "hạn nộp (deadline) 2019-12-31 ở trước năm 2020" },
        { "2020-12-30", "2020-12-31", 7,
          "ngày ban hành báo cáo (issued_on) 2020-12-30 ở trước hạn nộp số liệu (deadline) "
          "2020-12-31: báo cáo in ngày này trên trang đầu; sửa issued_on thành ngày dự kiến "
          "ban hành, sau hạn nộp" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
        char *text = with_dates(dates[i].issued_on, dates[i].deadline);
        eg_dataset ds;
        eg_diag_list dl = { 0 };

        assert_int_equal(load_text(text, &ds, &dl), 0);
        if (dl.n != (dates[i].row ? 1u : 0u))
            fail_msg("%s, %s: %zu warnings", dates[i].issued_on, dates[i].deadline, dl.n);
        if (dates[i].row) {
            assert_int_equal(dl.items[0].severity, EG_WARNING);
            assert_string_equal(dl.items[0].code, "W_REPORT_DATE");
            assert_string_equal(dl.items[0].file, "report.csv");
            assert_int_equal(dl.items[0].row, dates[i].row);
            assert_int_equal(dl.items[0].col, 2);
            if (strncmp(dl.items[0].message, dates[i].said, strlen(dates[i].said)) != 0)
                fail_msg("said \"%s\"", dl.items[0].message);
        }
        eg_diag_free(&dl);
        eg_dataset_free(&ds);
        free(text);
    }
}

/* units.csv of text, loaded into ds with the unit code pattern of
 * layouts/settings.csv: eg_registry_load's rc. */
static int load_units(const char *text, eg_dataset *ds, eg_diag_list *dl)
{
    char err[256], *path = year_folder(ds, "units.csv", text);
    eg_catalogue cat;
    int rc;

    memset(&cat, 0, sizeof cat);
    cat.unit_code_pattern = eg_pattern_compile("[A-Z0-9][A-Z0-9_.-]{0,31}", err, sizeof err);
    assert_non_null(cat.unit_code_pattern);
    rc = eg_registry_load(ds, &cat, dl);
    eg_pattern_free(cat.unit_code_pattern);
    year_folder_gone(ds, path);
    return rc;
}

/* dl's diagnostics, one a line: "row:col: message" */
static char *said(const eg_diag_list *dl)
{
    char *out = eg_xstrdup("");

    for (size_t i = 0; i < dl->n; i++) {
        char *more;

        assert_int_equal(dl->items[i].severity, EG_FATAL);
        assert_string_equal(dl->items[i].code, "F_UNITS");
        assert_string_equal(dl->items[i].file, "units.csv");
        more = eg_xasprintf("%s%ld:%d: %s\n", out, dl->items[i].row, dl->items[i].col,
                            dl->items[i].message);
        free(out);
        out = more;
    }
    return out;
}

/* units.csv read back, and what is said of it; rc is eg_registry_load's */
static void expect_units(const char *text, int rc, const char *want)
{
    eg_dataset ds;
    eg_diag_list dl = { .english = 1 };
    char *got;

    assert_int_equal(load_units(text, &ds, &dl), rc);
    got = said(&dl);
    if (strcmp(got, want) != 0)
        fail_msg("%s: said\n%s\nnot\n%s", text, got, want);
    free(got);
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
}

/* A registry read whole: codes in capitals whatever the file's case,
 * each unit's parent and the province found wherever their rows are, a
 * blank line let be; each level counted. */
static void a_registry_is_read_with_its_parents_and_province(void **state)
{
    static const char text[] =
        "code,name,level,parent\n"
        "gl.stp,Sở Tư pháp,so,gl\n"
        "GL.AP,Huyện A,huyen,GL\n"
        ",,,\n"
        "gl,Tỉnh Gia Lai,tinh,\n"
        "GL.AP.01,Xã B,xa,gl.ap\n";
    eg_dataset ds;
    eg_diag_list dl = { .english = 1 };
    const eg_registry *r = &ds.registry;

    (void)state;
    assert_int_equal(load_units(text, &ds, &dl), 0);
    assert_int_equal(dl.n, 0);
    assert_int_equal(r->n, 4);
    assert_string_equal(r->items[0].code, "GL.STP");
    assert_string_equal(r->items[0].name, "Sở Tư pháp");
    assert_string_equal(r->items[2].code, "GL");
    assert_int_equal(r->province, 2);
    assert_int_equal(r->items[0].parent, 2);
    assert_int_equal(r->items[1].parent, 2);
    assert_int_equal(r->items[2].parent, -1);
    assert_int_equal(r->items[3].parent, 1);
    assert_int_equal(r->items[3].level, EG_LEVEL_XA);
    assert_int_equal(r->count[EG_LEVEL_TINH], 1);
    assert_int_equal(r->count[EG_LEVEL_SO], 1);
    assert_int_equal(r->count[EG_LEVEL_HUYEN], 1);
    assert_int_equal(r->count[EG_LEVEL_XA], 1);
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
}

/* A name typed on two lines of its cell is one name: each run of blanks
 * with a line break or a tab in it is one space; the blanks typed
 * between words otherwise are kept. */
static void a_name_on_two_lines_of_its_cell_is_one_line(void **state)
{
    static const char text[] =
        "code,name,level,parent\n"
        "GL,Tỉnh Gia Lai,tinh,\n"
        "GL.DH,\"Huyện Đăk\r\nHà\",huyen,GL\n"
        "GL.DH.01,\"Xã  Ia \n\t Dreng\",xa,GL.DH\n"
        "GL.DH.02,\"Xã\tHà\",xa,GL.DH\n";
    eg_dataset ds;
    eg_diag_list dl = { .english = 1 };
    const eg_registry *r = &ds.registry;

    (void)state;
    assert_int_equal(load_units(text, &ds, &dl), 0);
    assert_int_equal(dl.n, 0);
    assert_string_equal(r->items[1].name, "Huyện Đăk Hà");
    assert_string_equal(r->items[2].name, "Xã  Ia Dreng");
    assert_string_equal(r->items[3].name, "Xã Hà");
    assert_string_equal(r->items[1].folded_name, "huyen dak ha");
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
}

/* Each broken row is said at its row and column and the registry is
 * refused; a row left out (a bad code, a code twice) is not then taken
 * for a missing parent of the units under it. */
static void a_broken_row_is_refused_at_its_cell(void **state)
{
    (void)state;
    /* a code outside the pattern; the commune under it is not said */
    expect_units("code,name,level,parent\nGL,T,tinh,\nGL AP,Huyện A,huyen,GL\n"
                 "GL.AP.01,Xã B,xa,GL AP\n", -1,
                 "3:1: unit code 'GL AP' does not match the pattern [A-Z0-9][A-Z0-9_.-]{0,31}\n");
    /* the first unit's code again */
    expect_units("code,name,level,parent\nGL,T,tinh,\nGL.AP,Huyện A,huyen,GL\ngl,U,tinh,\n", -1,
                 "4:1: unit code 'GL' appears twice\n");
    expect_units("code,name,level,parent\nGL,T,tinh,\nGL.AP,Huyện A,huyen,GL\n"
                 "GL.AP,Huyện B,huyen,GL\n", -1,
                 "4:1: unit code 'GL.AP' appears twice\n");
    expect_units("code,name,level,parent\nGL,T,tinh,\nGL.AP,Huyện A,huyện,GL\n", -1,
                 "3:3: level 'huyện' is not one of tinh, so, huyen, xa\n");
    expect_units("code,name,level,parent\nGL,T,tinh,\nGL.AP,,huyen,GL\n", -1,
                 "3:2: unit 'GL.AP' has no name\n");
    /* blanks alone, a line break among them, are no name either */
    expect_units("code,name,level,parent\nGL,T,tinh,\nGL.AP,\"\v\n\",huyen,GL\n", -1,
                 "3:2: unit 'GL.AP' has no name\n");
    /* the file's own problems, at their row: a quote left open, the
     * columns named again with one twice (the rows before it were read) */
    expect_units("code,name,level,parent\nGL,T,tinh,\nGL.A,\"A,huyen,GL\n", -1,
                 "3:2: a quote opened in this field is never closed: nothing from this field "
                 "to the end of the file was read; close the quote at the field's end, and "
                 "double the quotes inside it\n");
    /* a quote inside a field costs its row, which the registry skips:
     * the rows after it are read, and what is wrong with them said too
     * (before the reader's own problems here; a build sorts them) */
    expect_units("code,name,level,parent\nGL,T,tinh,\nGL.A,A\"x,huyen,GL\n"
                 "GL.B,B,huyen,GL\nGL.B,C,huyen,GL\n", -1,
                 "5:1: unit code 'GL.B' appears twice\n"
                 "3:2: malformed quoting (error parsing data while strict checking enabled); "
                 "quote a field that holds a quote, the delimiter or a line break, and double "
                 "the quotes inside it; this row was skipped\n");
    expect_units("code,name,level,parent\nGL,T,tinh,\nname,code,level,parent,code\n"
                 "GL.A,A,huyen,GL\n", -1,
                 "3:5: row 3 names the columns again, and names the column 'code' twice: "
                 "column 2 ('code') and column 5 ('code'); the rows from it on were not read, "
                 "since which column holds this year's figures cannot be told: keep one such "
                 "column (delete or rename the other)\n");
    /* a name holding a comma outside quotes: said as a cut, at the field
     * past the header's last or in the column a padded header leaves
     * unnamed, not as the level the cut made; a column the header names
     * is the province's own */
    expect_units("code,name,level,parent\nGL,T,tinh,\nGL.A,Huyện A, Gia Lai,huyen,GL\n", -1,
                 "3:5: the row of unit 'GL.A' has 'GL' in column 5, past the header row's 4 "
                 "columns: a field holding a comma outside quotes (a name such as \"Xã A, "
                 "huyện B\") is cut in two there, and each field after it is read one column "
                 "late; put that field in quotes\n");
    expect_units("code,name,level,parent,\nGL,T,tinh,,\nGL.A,A,huyen,GL,x\n", -1,
                 "3:5: the row of unit 'GL.A' has 'x' in column 5, which the header row "
                 "leaves unnamed: a field holding a comma outside quotes (a name such as \"Xã "
                 "A, huyện B\") is cut in two there, and each field after it is read one "
                 "column late; put that field in quotes\n");
    expect_units("code,name,level,parent,note\nGL,T,tinh,,tỉnh\nGL.A,A,huyen,GL,\n", 0, "");
    expect_units("code,name,level,parent,\nGL,T,tinh,,\nGL.A,A,huyen,GL,\n", 0, "");
    /* a row with a level alone is no blank line: its code is missing */
    expect_units("code,name,level,parent\nGL,T,tinh,\n,,huyen,\n", -1,
                 "3:1: unit code '' does not match the pattern [A-Z0-9][A-Z0-9_.-]{0,31}\n");
}

/* Parents that do not fit their units' levels, each said at its row in
 * the parent's column (4); the registry holds one province. */
static void a_parent_that_does_not_fit_is_said_at_its_row(void **state)
{
    (void)state;
    expect_units("code,name,level,parent\nGL,T,tinh,VN\n", -1,
                 "2:4: unit 'GL' has parent 'VN': the province has no parent\n");
    expect_units("code,name,level,parent\nGL,T,tinh,GL\n", -1,
                 "2:4: unit 'GL' has parent 'GL': the province has no parent\n");
    expect_units("code,name,level,parent\nGL,T,tinh,\nGL.A,A,huyen,GL\nGL.S,S,so,GL.A\n"
                 "GL.A.1,X,xa,GL.A.1\nGL.B,B,huyen,\nGL.A.2,Y,xa,GL.Z\n", -1,
                 "4:4: unit 'GL.S' has parent 'GL.A': the parent of a department or district "
                 "is the province's code\n"
                 "5:4: unit 'GL.A.1' has parent 'GL.A.1': the parent of a commune is its "
                 "district's code\n"
                 "6:4: unit 'GL.B' has no parent: the parent of a department or district is "
                 "the province's code\n"
                 "7:4: unit 'GL.A.2' has parent 'GL.Z', which is no unit's code in units.csv: "
                 "the parent of a commune is its district's code\n");
    expect_units("code,name,level,parent\nGL,T,tinh,\nGL.A,A,huyen,GL\nGL.A.1,X,xa,GL\n", -1,
                 "4:4: unit 'GL.A.1' has parent 'GL': the parent of a commune is its "
                 "district's code\n");
    expect_units("code,name,level,parent\nGL.A,A,huyen,\n", -1,
                 "2:4: unit 'GL.A' has no parent: the parent of a department or district is "
                 "the province's code\n"
                 "0:0: the registry must hold exactly one unit of level tinh (it holds 0)\n");
    expect_units("code,name,level,parent\nGL,T,tinh,\nKT,K,tinh,\n", -1,
                 "0:0: the registry must hold exactly one unit of level tinh (it holds 2)\n");
}

/* baseline.csv of text, loaded into ds (of year 2020) with no output
 * folder: eg_baseline_load's rc. */
static int load_baseline(const char *text, eg_dataset *ds, eg_diag_list *dl)
{
    char *path = year_folder(ds, "baseline.csv", text);
    int rc = eg_baseline_load(ds, NULL, dl);

    year_folder_gone(ds, path);
    return rc;
}

/* Codes without case or spaces around them; a tl.* value a percentage,
 * given back as a fraction, any other a count with its thousands
 * grouped; a blank row let be; a figure not in the file has none. */
static void baseline_values_are_read_as_the_contract_has_them(void **state)
{
    eg_dataset ds;
    eg_diag_list dl = { 0 };
    double v = -1;

    (void)state;
    assert_int_equal(load_baseline("indicator,value\nTL.Dung_Thu ,\"45,7\"\n,\n"
                                   "tong.chung_thu_so,20.000\n", &ds, &dl), 0);
    assert_int_equal(dl.n, 0);
    assert_int_equal(eg_baseline_get(&ds, "tl.dung_thu", &v), 0);
    assert_true(v > 0.457 - 1e-12 && v < 0.457 + 1e-12);
    assert_int_equal(eg_baseline_get(&ds, "tong.chung_thu_so", &v), 0);
    assert_true(v == 20000);
    assert_int_equal(eg_baseline_get(&ds, "tong.khac", &v), -1);
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
}

/* A value that cannot be read is said at its cell and left out: the
 * figure's next row, readable, is its value */
static void a_baseline_value_that_cannot_be_read_is_left_out(void **state)
{
    eg_dataset ds;
    eg_diag_list dl = { 0 };
    double v = -1;

    (void)state;
    assert_int_equal(load_baseline("indicator,value\ntong.chung_thu_so,khoảng 300\n"
                                   "tong.chung_thu_so,310\n", &ds, &dl), 0);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.items[0].severity, EG_ERROR);
    assert_string_equal(dl.items[0].code, "E_BASELINE");
    assert_int_equal(dl.items[0].row, 2);
    assert_int_equal(dl.items[0].col, 2);
    assert_string_equal(dl.items[0].message,
                        "'khoảng 300' không phải số nguyên dạng 20.000 (không phải là số)");
    assert_int_equal(eg_baseline_get(&ds, "tong.chung_thu_so", &v), 0);
    assert_true(v == 310);
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
}

/* A figure on two rows with two values: said at the later row, naming
 * the earlier, and no value of the figure is used, not even one that a
 * third row repeats; a figure given twice alike is used. */
static void a_figure_given_two_values_has_none(void **state)
{
    eg_dataset ds;
    eg_diag_list dl = { 0 };
    double v = -1;

    (void)state;
    assert_int_equal(load_baseline("indicator,value\ntong.chung_thu_so,300\n"
                                   "tong.chung_thu_so,300\ntong.chung_thu_so,310\n"
                                   "tong.chung_thu_so,300\ntl.dung_thu,\"45,7\"\n"
                                   "tl.dung_thu,\"45,70\"\n", &ds, &dl), 0);
    assert_int_equal(dl.n, 2);
    assert_int_equal(dl.items[0].row, 4);
    assert_int_equal(dl.items[0].col, 2);
    assert_string_equal(dl.items[0].indicator, "tong.chung_thu_so");
    assert_string_equal(dl.items[0].message,
                        "chỉ tiêu tong.chung_thu_so có giá trị '310' ở dòng này và '300' ở dòng "
                        "2; không giá trị nào được dùng để so sánh với năm trước cho đến khi "
                        "xóa một trong hai");
    assert_int_equal(dl.items[1].row, 5);
    assert_non_null(strstr(dl.items[1].message, "có giá trị '300' ở dòng này và '310' ở dòng 4;"));
    assert_int_equal(eg_baseline_get(&ds, "tong.chung_thu_so", &v), -1);
    assert_int_equal(eg_baseline_get(&ds, "tl.dung_thu", &v), 0);
    eg_diag_free(&dl);
    eg_dataset_free(&ds);

    /* 1, 2, 3, then 1 again: the last differs from the first other value */
    memset(&dl, 0, sizeof dl);
    assert_int_equal(load_baseline("indicator,value\ntong.dich_vu,1\ntong.dich_vu,2\n"
                                   "tong.dich_vu,3\ntong.dich_vu,1\n", &ds, &dl), 0);
    assert_int_equal(dl.n, 3);
    assert_non_null(strstr(dl.items[0].message, "có giá trị '2' ở dòng này và '1' ở dòng 2;"));
    assert_non_null(strstr(dl.items[1].message, "có giá trị '3' ở dòng này và '1' ở dòng 2;"));
    assert_non_null(strstr(dl.items[2].message, "có giá trị '1' ở dòng này và '2' ở dòng 3;"));
    assert_int_equal(dl.items[2].row, 5);
    assert_int_equal(eg_baseline_get(&ds, "tong.dich_vu", &v), -1);
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
}

/* A row of report.csv that cuts a value in two (a comma outside quotes)
 * is said at the cell past the header's columns, and the file is
 * refused whole: no key of it is kept */
static void a_report_csv_with_a_value_cut_in_two_is_refused(void **state)
{
    char *text = eg_xasprintf("%snumber,25/BC-UBND, ngày 15\n", head);
    eg_dataset ds;
    eg_diag_list dl = { 0 };

    (void)state;
    assert_int_equal(load_text(text, &ds, &dl), -1);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.items[0].severity, EG_FATAL);
    assert_string_equal(dl.items[0].code, "F_REPORT");
    assert_int_equal(dl.items[0].row, 9);
    assert_int_equal(dl.items[0].col, 3);
    assert_string_equal(dl.items[0].message,
                        "'number' has 'ngày 15' in column 3, past the header row's 2 columns: a "
                        "value holding a comma outside quotes is cut in two there; put the value "
                        "in quotes");
    assert_null(eg_dataset_fact(&ds, "province"));
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
    free(text);
}

/* A key given twice with two values (a new signer added on a row below
 * the old one, the file copied from last year's): the first was printed
 * on page 1 without a word, beside the clerk's correction.  Which one is
 * meant cannot be told: fatal at the later row's value, naming the
 * earlier row, and no key of the file is kept.  The same value twice is
 * let be. */
static void a_key_given_two_values_is_fatal_at_the_later_row(void **state)
{
    char *text = eg_xasprintf("%ssigner,A\nsigner,Mai Xuân Cường\n", head);
    eg_dataset ds;
    eg_diag_list dl = { 0 };

    (void)state;
    assert_int_equal(load_text(text, &ds, &dl), -1);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.items[0].severity, EG_FATAL);
    assert_string_equal(dl.items[0].code, "F_REPORT");
    assert_string_equal(dl.items[0].file, "report.csv");
    assert_int_equal(dl.items[0].row, 10);
    assert_int_equal(dl.items[0].col, 2);
    assert_string_equal(dl.items[0].message,
                        "key 'signer' is given twice, 'Mai Xuân Cường' on this row and 'A' on "
                        "row 4: which one the report is to use cannot be told; keep one row");
    assert_null(eg_dataset_fact(&ds, "province"));
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
    free(text);

    /* the later one in capitals, as a key is not read: the same */
    text = eg_xasprintf("%ssigner,A\nSigner,Mai Xuân Cường\n", head);
    memset(&dl, 0, sizeof dl);
    assert_int_equal(load_text(text, &ds, &dl), -1);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.items[0].row, 10);
    assert_string_equal(dl.items[0].message,
                        "key 'Signer' is given twice, 'Mai Xuân Cường' on this row and 'A' on "
                        "row 4: which one the report is to use cannot be told; keep one row");
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
    free(text);

    text = eg_xasprintf("%ssigner,A\n", head);
    memset(&dl, 0, sizeof dl);
    assert_int_equal(load_text(text, &ds, &dl), 0);
    assert_int_equal(dl.n, 0);
    assert_string_equal(eg_dataset_fact(&ds, "signer"), "A");
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
    free(text);
}

/* baseline.csv is optional and its problems are errors: a row that cuts
 * a value in two is said in Vietnamese and left out, the file still read
 * (0); a file without its header cannot be read at all (-1) */
static void a_baseline_row_cut_in_two_is_left_out_and_the_file_read(void **state)
{
    eg_dataset ds;
    eg_diag_list dl = { 0 };
    double v = -1;

    (void)state;
    assert_int_equal(load_baseline("indicator,value\ntl.dung_thu,45,7\ntong.chung_thu_so,300\n",
                                   &ds, &dl), 0);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.items[0].severity, EG_ERROR);
    assert_string_equal(dl.items[0].code, "E_BASELINE");
    assert_int_equal(dl.items[0].row, 2);
    assert_int_equal(dl.items[0].col, 3);
    assert_string_equal(dl.items[0].message,
                        "'tl.dung_thu' có '7' ở cột 3, vượt quá 2 cột của dòng tiêu đề: giá trị "
                        "có dấu phẩy nằm ngoài dấu ngoặc kép bị cắt làm hai tại đó; đặt giá trị "
                        "trong dấu ngoặc kép");
    assert_int_equal(eg_baseline_get(&ds, "tl.dung_thu", &v), -1);
    assert_int_equal(eg_baseline_get(&ds, "tong.chung_thu_so", &v), 0);
    assert_true(v == 300);
    eg_diag_free(&dl);
    eg_dataset_free(&ds);

    memset(&dl, 0, sizeof dl);
    assert_int_equal(load_baseline("tong.chung_thu_so,300\n", &ds, &dl), -1);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.items[0].severity, EG_ERROR);
    assert_string_equal(dl.items[0].code, "E_BASELINE");
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
}

/* baseline.csv as a symbolic link in a folder of its own: to nothing, to
 * a file of the year's output folder, to itself, to a file elsewhere.
 * eg_baseline_load's rc; the values read, its diagnostics in dl. */
static int load_baseline_link(const char *to, eg_dataset *ds, eg_diag_list *dl)
{
    char dir[] = "/tmp/egreport-test-registry-XXXXXX";
    char *year = NULL, *out = NULL, *link = NULL, *file = NULL;
    FILE *f;
    int rc;

    assert_non_null(mkdtemp(dir));
    year = eg_xasprintf("%s/2020", dir);
    out = eg_xasprintf("%s/out", dir);
    assert_int_equal(mkdir(year, 0755), 0);
    assert_int_equal(mkdir(out, 0755), 0);
    file = eg_xasprintf("%s/out/baseline-2021.csv", dir);
    f = fopen(file, "w");
    assert_non_null(f);
    fputs("indicator,value\ntong.chung_thu_so,300\n", f);
    fclose(f);
    link = eg_xasprintf("%s/baseline.csv", year);
    assert_int_equal(symlink(to, link), 0);
    memset(ds, 0, sizeof *ds);
    ds->year = 2020;
    ds->year_dir = eg_xstrdup(year);
    rc = eg_baseline_load(ds, out, dl);
    unlink(link);
    unlink(file);
    rmdir(out);
    rmdir(year);
    rmdir(dir);
    free(link);
    free(file);
    free(out);
    free(year);
    return rc;
}

/* A link to the year's own output, however its path winds, is said and
 * not read; so is a link to nothing, and one to itself, which cannot be
 * followed. */
static void a_baseline_link_to_nothing_or_to_the_years_output_is_not_read(void **state)
{
    static const struct {
        const char *to, *said;
    } links[] = {
        { "../out/baseline-2021.csv",
          "là liên kết tới '../out/baseline-2021.csv', một tệp đầu ra của chính lần lập báo "
          "cáo năm 2020: số liệu năm trước là baseline-2020.csv do báo cáo năm 2019 ghi ra; "
          "tệp này không được dùng" },
        { "../out/nowhere.csv",
          "là liên kết tới '../out/nowhere.csv', nơi không có tệp nào: không có số liệu năm "
          "trước để so sánh" },
        { "baseline.csv", "không đọc được tệp: " },
        { "../out/../out/../2020/../out/baseline-2021.csv", "là liên kết tới '../out/../out" },
    };
    eg_dataset ds;
    eg_diag_list dl = { 0 };
    double v = -1;

    (void)state;
    for (size_t i = 0; i < sizeof links / sizeof *links; i++) {
        assert_int_equal(load_baseline_link(links[i].to, &ds, &dl), 0);
        if (dl.n != 1 || strncmp(dl.items[0].message, links[i].said, strlen(links[i].said)))
            fail_msg("%s: %zu problems, the first \"%s\"", links[i].to, dl.n,
                     dl.n ? dl.items[0].message : "");
        assert_int_equal(dl.items[0].severity, EG_ERROR);
        assert_string_equal(dl.items[0].code, "E_BASELINE");
        assert_string_equal(dl.items[0].file, "baseline.csv");
        assert_int_equal(dl.items[0].row, 0);
        assert_int_equal(eg_baseline_get(&ds, "tong.chung_thu_so", &v), -1);
        eg_diag_free(&dl);
        eg_dataset_free(&ds);
        memset(&dl, 0, sizeof dl);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_systems_listed_are_the_provinces),
        cmocka_unit_test(another_name_or_an_empty_one_is_fatal),
        cmocka_unit_test(a_date_that_is_no_day_of_the_calendar_is_fatal_at_its_cell),
        cmocka_unit_test(the_calendars_days_are_read_as_dates),
        cmocka_unit_test(a_key_as_of_is_warned_of_at_its_row),
        cmocka_unit_test(a_required_key_left_empty_is_fatal),
        cmocka_unit_test(a_required_key_in_capitals_is_said_at_its_row),
        cmocka_unit_test(a_bad_date_is_said_before_the_systems_are_read),
        cmocka_unit_test(dates_that_cannot_be_the_years_are_warned_of_at_their_row),
        cmocka_unit_test(a_registry_is_read_with_its_parents_and_province),
        cmocka_unit_test(a_name_on_two_lines_of_its_cell_is_one_line),
        cmocka_unit_test(a_broken_row_is_refused_at_its_cell),
        cmocka_unit_test(a_parent_that_does_not_fit_is_said_at_its_row),
        cmocka_unit_test(baseline_values_are_read_as_the_contract_has_them),
        cmocka_unit_test(a_baseline_value_that_cannot_be_read_is_left_out),
        cmocka_unit_test(a_figure_given_two_values_has_none),
        cmocka_unit_test(a_report_csv_with_a_value_cut_in_two_is_refused),
        cmocka_unit_test(a_key_given_two_values_is_fatal_at_the_later_row),
        cmocka_unit_test(a_baseline_row_cut_in_two_is_left_out_and_the_file_read),
        cmocka_unit_test(a_baseline_link_to_nothing_or_to_the_years_output_is_not_read),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
