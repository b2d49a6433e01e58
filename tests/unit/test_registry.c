/*
 * test_registry.c - extract/registry.h: report.csv's `systems`, the
 * provincial systems a province has, and what it makes of odd values.
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

#include "core/mem.h"
#include "extract/registry.h"

static const char head[] = "key,value\nprovince,Gia Lai\nissuer,UBND\nsigner,A\n"
                           "signer_title,B\nplace,Gia Lai\nissued_on,2021-01-15\n"
                           "deadline,2020-12-31\n";

/* report.csv of text, loaded into ds (of year 2020) as a build loads it:
 * eg_facts_load's rc; when it loaded, eg_facts_check_year's warnings
 * follow its diagnostics in dl. */
static int load_text(const char *text, eg_dataset *ds, eg_diag_list *dl)
{
    char dir[] = "/tmp/egreport-test-registry-XXXXXX";
    char *path;
    FILE *f;
    int rc;

    assert_non_null(mkdtemp(dir));
    path = eg_xasprintf("%s/report.csv", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    memset(ds, 0, sizeof *ds);
    ds->year = 2020;
    ds->year_dir = eg_xstrdup(dir);
    rc = eg_facts_load(ds, dl);
    if (rc == 0)
        eg_facts_check_year(ds, dl);
    unlink(path);
    rmdir(dir);
    free(path);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_systems_listed_are_the_provinces),
        cmocka_unit_test(another_name_or_an_empty_one_is_fatal),
        cmocka_unit_test(a_date_that_is_no_day_of_the_calendar_is_fatal_at_its_cell),
        cmocka_unit_test(the_calendars_days_are_read_as_dates),
        cmocka_unit_test(a_key_as_of_is_warned_of_at_its_row),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
