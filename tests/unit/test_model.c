/*
 * test_model.c - core/model.h: the levels' and types' codes both ways, a
 * dataset's cells (value, refusal, blank) by unit and indicator, its facts
 * and kept strings, and the day its figures run to (set from a clock, as
 * YYYY-MM-DD and as dd/mm/yyyy).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/model.h"

static void level_codes_and_labels(void **state)
{
    static const char *const codes[] = { "tinh", "so", "huyen", "xa" };
    static const char *const labels[] = {
        "Tỉnh", "Sở, ban, ngành", "Cấp huyện", "Cấp xã"
    };

    (void)state;
    for (int l = 0; l < EG_LEVEL_COUNT; l++) {
        eg_level got = EG_LEVEL_COUNT;

        assert_string_equal(eg_level_code((eg_level)l), codes[l]);
        assert_string_equal(eg_level_label((eg_level)l), labels[l]);
        assert_int_equal(eg_level_parse(codes[l], &got), 0);
        assert_int_equal(got, l);
    }
    /* out of range: a question mark, not a neighbour's code */
    assert_string_equal(eg_level_code(EG_LEVEL_COUNT), "?");
    assert_string_equal(eg_level_code((eg_level)-1), "?");
    assert_string_equal(eg_level_label(EG_LEVEL_COUNT), "?");
    assert_string_equal(eg_level_label((eg_level)-1), "?");
}

static void level_parse_refuses_what_is_not_a_code(void **state)
{
    static const char *const bad[] = {
        "", "tin", "tinhx", "Tinh", "s", "sox", "huye", "huyenx", "x", "xã", "xa "
    };
    eg_level got = EG_LEVEL_HUYEN;

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(eg_level_parse(bad[i], &got), -1);
        assert_int_equal(got, EG_LEVEL_HUYEN);   /* left alone */
    }
}

static void type_codes_both_ways(void **state)
{
    static const struct { const char *code; eg_type type; } types[] = {
        { "count", EG_TYPE_COUNT }, { "money", EG_TYPE_MONEY },
        { "number", EG_TYPE_NUMBER }, { "percent", EG_TYPE_PERCENT },
        { "bool", EG_TYPE_BOOL }, { "enum", EG_TYPE_ENUM },
        { "score", EG_TYPE_SCORE }, { "text", EG_TYPE_TEXT },
    };
    static const char *const bad[] = {
        "", "cou", "counts", "mon", "num", "numbers", "per", "boolean", "enu", "sco",
        "tex", "texts", "Text", "integer"
    };
    eg_type got;

    (void)state;
    for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
        got = (eg_type)99;
        assert_int_equal(eg_type_parse(types[i].code, &got), 0);
        assert_int_equal(got, types[i].type);
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        got = (eg_type)99;
        assert_int_equal(eg_type_parse(bad[i], &got), -1);
        assert_int_equal(got, 99);
    }
}

/* Two units, three indicators: unit 0 has values of indicators 0 and 2,
 * unit 1 of indicator 1; unit 1 left indicator 0 blank and unit 0
 * indicator 1; unit 1's indicator 2 was refused, and unit 0's indicator 1. */
static void cells_by_unit_and_indicator(void **state)
{
    eg_dataset ds;
    eg_value values[3];
    eg_place blanks[2];
    int32_t cell[6] = { 0, -1, 2, -1, 1, -1 };
    int32_t blank_cell[6] = { -1, 1, -1, 0, -1, -1 };
    unsigned char refused[6] = { 0, 1, 0, 0, 0, 1 };

    (void)state;
    memset(&ds, 0, sizeof ds);
    memset(values, 0, sizeof values);
    memset(blanks, 0, sizeof blanks);
    ds.n_indicators = 3;

    /* nothing filled in yet: no value, no refusal, no blank anywhere */
    assert_null(eg_dataset_get(&ds, 0, 0));
    assert_int_equal(eg_dataset_refused(&ds, 1, 2), 0);
    assert_null(eg_dataset_blank(&ds, 1, 0));

    ds.values = values;
    ds.n_values = 3;
    ds.cell = cell;
    ds.blanks = blanks;
    ds.n_blanks = 2;
    ds.blank_cell = blank_cell;
    ds.refused = refused;

    assert_ptr_equal(eg_dataset_get(&ds, 0, 0), &values[0]);
    assert_null(eg_dataset_get(&ds, 0, 1));
    assert_ptr_equal(eg_dataset_get(&ds, 0, 2), &values[2]);
    assert_null(eg_dataset_get(&ds, 1, 0));
    assert_ptr_equal(eg_dataset_get(&ds, 1, 1), &values[1]);
    assert_null(eg_dataset_get(&ds, 1, 2));

    assert_int_equal(eg_dataset_refused(&ds, 0, 0), 0);
    assert_int_equal(eg_dataset_refused(&ds, 0, 1), 1);
    assert_int_equal(eg_dataset_refused(&ds, 0, 2), 0);
    assert_int_equal(eg_dataset_refused(&ds, 1, 0), 0);
    assert_int_equal(eg_dataset_refused(&ds, 1, 1), 0);
    assert_int_equal(eg_dataset_refused(&ds, 1, 2), 1);

    assert_null(eg_dataset_blank(&ds, 0, 0));
    assert_ptr_equal(eg_dataset_blank(&ds, 0, 1), &blanks[1]);
    assert_null(eg_dataset_blank(&ds, 0, 2));
    assert_ptr_equal(eg_dataset_blank(&ds, 1, 0), &blanks[0]);
    assert_null(eg_dataset_blank(&ds, 1, 1));
    assert_null(eg_dataset_blank(&ds, 1, 2));

    /* a unit or an indicator of -1 (not found) has nothing */
    assert_null(eg_dataset_get(&ds, -1, 2));
    assert_null(eg_dataset_get(&ds, 1, -1));
    assert_int_equal(eg_dataset_refused(&ds, -1, 2), 0);
    assert_int_equal(eg_dataset_refused(&ds, 1, -1), 0);
    assert_null(eg_dataset_blank(&ds, -1, 1));
    assert_null(eg_dataset_blank(&ds, 1, -1));
}

static void facts_by_key(void **state)
{
    eg_fact facts[3] = {
        { "title", "Báo cáo", 2 }, { "title_en", "Report", 3 }, { "signer", "A", 4 },
    };
    eg_dataset ds;

    (void)state;
    memset(&ds, 0, sizeof ds);
    assert_null(eg_dataset_fact(&ds, "title"));
    ds.facts = facts;
    ds.n_facts = 3;
    assert_string_equal(eg_dataset_fact(&ds, "title"), "Báo cáo");
    assert_string_equal(eg_dataset_fact(&ds, "title_en"), "Report");
    assert_string_equal(eg_dataset_fact(&ds, "signer"), "A");
    assert_null(eg_dataset_fact(&ds, "titl"));
    assert_null(eg_dataset_fact(&ds, "signers"));
    assert_null(eg_dataset_fact(&ds, ""));
}

/* Kept strings are copies that live as long as the dataset, however many. */
static void kept_strings_are_copies(void **state)
{
    eg_dataset ds;
    const char *kept[1000];
    char buf[16];

    (void)state;
    memset(&ds, 0, sizeof ds);
    for (int i = 0; i < 1000; i++) {
        snprintf(buf, sizeof buf, "s%d", i);
        kept[i] = eg_dataset_keep(&ds, buf);
        assert_non_null(kept[i]);
        assert_ptr_not_equal(kept[i], buf);
        assert_string_equal(kept[i], buf);
    }
    assert_int_equal(ds.n_strings, 1000);
    for (int i = 0; i < 1000; i++) {
        snprintf(buf, sizeof buf, "s%d", i);
        assert_string_equal(kept[i], buf);
    }
    eg_dataset_free(&ds);
    assert_null(ds.strings);
    assert_int_equal(ds.n_strings, 0);
}

static void as_of(long long now, int year, const char *iso, const char *shrt, int provisional)
{
    eg_dataset ds;
    char buf[16], sbuf[16];

    memset(&ds, 0, sizeof ds);
    ds.year = year;
    eg_dataset_set_as_of(&ds, now);
    assert_string_equal(ds.as_of, iso);
    assert_int_equal(ds.provisional, provisional);
    assert_string_equal(eg_dataset_as_of(&ds, buf, sizeof buf), iso);
    assert_string_equal(eg_dataset_as_of_short(&ds, sbuf, sizeof sbuf), shrt);
}

/* In UTC: a day in the year is the day the figures run to, and the build
 * is provisional up to and with 31 December; after it, or with a clock of
 * no day, the figures run to 31 December and are final. */
static void as_of_from_the_clock(void **state)
{
    (void)state;
    setenv("TZ", "UTC0", 1);
    tzset();
    as_of(1592222400LL, 2020, "2020-06-15", "15/06/2020", 1);   /* 2020-06-15 12:00 */
    as_of(1577836800LL, 2020, "2020-01-01", "01/01/2020", 1);   /* its first second */
    as_of(1609416000LL, 2020, "2020-12-31", "31/12/2020", 1);   /* its last day */
    as_of(1609459199LL, 2020, "2020-12-31", "31/12/2020", 1);   /* its last second */
    as_of(1609459200LL, 2020, "2020-12-31", "31/12/2020", 0);   /* 2021-01-01 00:00 */
    as_of(1609459200LL, 2021, "2021-01-01", "01/01/2021", 1);
    as_of(LLONG_MAX, 2020, "2020-12-31", "31/12/2020", 0);      /* no local day */
    as_of(1592222400LL + 86400LL * 120, 2020, "2020-10-13", "13/10/2020", 1);
    /* the build's day is kept whatever the year: a later one too */
    {
        eg_dataset ds;

        memset(&ds, 0, sizeof ds);
        ds.year = 2020;
        eg_dataset_set_as_of(&ds, 1609459200LL);
        assert_int_equal(ds.today, 20210101);
        eg_dataset_set_as_of(&ds, LLONG_MAX);
        assert_int_equal(ds.today, 0);
    }
}

/* Not set: 31 December of the year, in both forms. */
static void as_of_unset_is_the_last_day(void **state)
{
    eg_dataset ds;
    char buf[16], sbuf[16];

    (void)state;
    memset(&ds, 0, sizeof ds);
    ds.year = 2021;
    assert_string_equal(eg_dataset_as_of(&ds, buf, sizeof buf), "2021-12-31");
    assert_string_equal(eg_dataset_as_of_short(&ds, sbuf, sizeof sbuf), "31/12/2021");
    /* set by hand, it is what is said */
    memcpy(ds.as_of, "2021-03-09", 11);
    assert_string_equal(eg_dataset_as_of(&ds, buf, sizeof buf), "2021-03-09");
    assert_string_equal(eg_dataset_as_of_short(&ds, sbuf, sizeof sbuf), "09/03/2021");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(level_codes_and_labels),
        cmocka_unit_test(level_parse_refuses_what_is_not_a_code),
        cmocka_unit_test(type_codes_both_ways),
        cmocka_unit_test(cells_by_unit_and_indicator),
        cmocka_unit_test(facts_by_key),
        cmocka_unit_test(kept_strings_are_copies),
        cmocka_unit_test(as_of_from_the_clock),
        cmocka_unit_test(as_of_unset_is_the_last_day),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
