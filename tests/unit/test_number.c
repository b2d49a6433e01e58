/*
 * test_number.c - the value table of input-format.md, "Values", and the
 * Vietnamese figures of figures-2020.md, "Writing the figures".
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/number.h"

#define NBSP    "\xC2\xA0"      /* U+00A0 NO-BREAK SPACE */
#define NNBSP   "\xE2\x80\xAF"  /* U+202F NARROW NO-BREAK SPACE */
#define THIN    "\xE2\x80\x89"  /* U+2009 THIN SPACE */
#define FIGSP   "\xE2\x80\x87"  /* U+2007 FIGURE SPACE */
#define MINUS   "\xE2\x88\x92"  /* U+2212 MINUS SIGN */

/* --- helpers ------------------------------------------------------------ */

/*
 * Each helper names the input when it fails, since cmocka would only
 * point at the helper's own line.  A refusal must name the reason and
 * leave *out alone.
 */
static void expect_count(const char *s, int64_t want)
{
    int64_t v = -1;
    eg_num_status st = eg_parse_count(s, &v);

    if (st != EG_NUM_OK || v != want)
        fail_msg("count \"%s\": %s, %lld; want %lld", s,
                 eg_num_status_text(st), (long long)v, (long long)want);
}

static void expect_count_error(const char *s, eg_num_status want)
{
    int64_t v = -42;
    eg_num_status st = eg_parse_count(s, &v);

    if (st != want || v != -42)
        fail_msg("count \"%s\": %s; want %s", s, eg_num_status_text(st),
                 eg_num_status_text(want));
}

/* Exact equality: the parsers promise the double nearest the decimal,
 * which is what the compiler makes of the same C literal. */
static void expect_decimal(const char *s, double want)
{
    double v = -1.0;
    eg_num_status st = eg_parse_decimal(s, &v);

    if (st != EG_NUM_OK || v != want)
        fail_msg("decimal \"%s\": %s, %.17g; want %.17g", s,
                 eg_num_status_text(st), v, want);
}

static void expect_decimal_error(const char *s, eg_num_status want)
{
    double v = -42.0;
    eg_num_status st = eg_parse_decimal(s, &v);

    if (st != want || v != -42.0)
        fail_msg("decimal \"%s\": %s; want %s", s, eg_num_status_text(st),
                 eg_num_status_text(want));
}

static void expect_percent(const char *s, double want)
{
    double v = -1.0;
    eg_num_status st = eg_parse_percent(s, &v);

    if (st != EG_NUM_OK || v != want)
        fail_msg("percent \"%s\": %s, %.17g; want %.17g", s,
                 eg_num_status_text(st), v, want);
}

static void expect_percent_error(const char *s, eg_num_status want)
{
    double v = -42.0;
    eg_num_status st = eg_parse_percent(s, &v);

    if (st != want || v != -42.0)
        fail_msg("percent \"%s\": %s; want %s", s, eg_num_status_text(st),
                 eg_num_status_text(want));
}

static void expect_bool(const char *s, int want)
{
    int v = -1;
    eg_num_status st = eg_parse_bool(s, &v);

    if (st != EG_NUM_OK || v != want)
        fail_msg("bool \"%s\": %s, %d; want %d", s,
                 eg_num_status_text(st), v, want);
}

static void expect_bool_error(const char *s, eg_num_status want)
{
    int v = -42;
    eg_num_status st = eg_parse_bool(s, &v);

    if (st != want || v != -42)
        fail_msg("bool \"%s\": %s; want %s", s, eg_num_status_text(st),
                 eg_num_status_text(want));
}

static void expect_dec_text(double v, int decimals, const char *want)
{
    char buf[64];

    assert_string_equal(eg_fmt_dec(buf, sizeof buf, v, decimals), want);
}

static void expect_pct_text(double fraction, int decimals, const char *want)
{
    char buf[64];

    assert_string_equal(eg_fmt_pct(buf, sizeof buf, fraction, decimals), want);
}

static void expect_int_text(int64_t v, const char *want)
{
    char buf[64];

    assert_string_equal(eg_fmt_int(buf, sizeof buf, v), want);
}

/* --- count -------------------------------------------------------------- */

static void count_accepts_vietnamese_grouping(void **state)
{
    (void)state;
    expect_count("403.086", 403086);
    expect_count("1.817.077", 1817077);
    expect_count("1.250.000.000", INT64_C(1250000000));
}

static void count_accepts_comma_space_and_no_grouping(void **state)
{
    (void)state;
    expect_count("403,086", 403086);
    expect_count("403 086", 403086);
    expect_count("403086", 403086);
    expect_count("1,250,000,000", INT64_C(1250000000));
}

static void count_accepts_no_break_spaces_as_grouping(void **state)
{
    (void)state;
    expect_count("403" NBSP "086", 403086);
    expect_count("1" NNBSP "234" NNBSP "567", 1234567);
    /* The three blanks look alike, so they are one kind of separator. */
    expect_count("1 234" NBSP "567", 1234567);
    /* A word processor's thin space, and the figure space made for
     * grouping digits, look as the others do: "'1 234' không phải là
     * số" beside a "1 234" read was a message nobody could act on. */
    expect_count("1" THIN "234" THIN "567", 1234567);
    expect_count("403" FIGSP "086", 403086);
}

static void count_reads_a_single_dot_as_thousands(void **state)
{
    (void)state;
    expect_count("1.234", 1234);
    expect_count("1,234", 1234);
}

static void count_allows_leading_zeros_without_grouping(void **state)
{
    (void)state;
    expect_count("007", 7);
    expect_count("0", 0);
    expect_count("0000000000000000000000000042", 42);
}

static void count_refuses_a_decimal_part_as_not_whole(void **state)
{
    (void)state;
    expect_count_error("1.234,5", EG_NUM_FRACTION);
    expect_count_error("1,234.5", EG_NUM_FRACTION);
    expect_count_error("1.234,56", EG_NUM_FRACTION);
    expect_count_error("1.234,5678", EG_NUM_FRACTION);
    expect_count_error("1 234,5", EG_NUM_FRACTION);
    expect_count_error("1,5", EG_NUM_FRACTION);
    expect_count_error("12.34", EG_NUM_FRACTION);
    expect_count_error("1.2345", EG_NUM_FRACTION);
    expect_count_error("12,0", EG_NUM_FRACTION);
    expect_count_error("0.001", EG_NUM_FRACTION);
}

/* A count's value may carry a decimal part of zeros, as a Number or
 * Currency format with decimals writes it into a CSV ("46,00",
 * "5.000,00"); other decimals are still refused, "1.000,000" is still
 * grouping or a decimal, and the command line's counts stay strict. */
static void count_value_reads_a_decimal_part_of_zeros_as_whole(void **state)
{
    static const struct {
        const char *s;
        int64_t want;
    } whole[] = {
        { "46,00", 46 }, { "46.00", 46 }, { "12,0", 12 }, { "5.000,00", 5000 },
        { "5 000,00", 5000 }, { "1,234.00", 1234 }, { "0,00", 0 }, { "0,000", 0 },
        { "1.000.000.000.000.000,00", INT64_C(1000000000000000) },
        { "403.086", 403086 }, { "1,000", 1000 },
    };
    static const struct {
        const char *s;
        eg_num_status want;
    } refused[] = {
        { "46,50", EG_NUM_FRACTION },  { "46,01", EG_NUM_FRACTION },
        { "0.001", EG_NUM_FRACTION },  { "1.234,5", EG_NUM_FRACTION },
        { "1.000,000", EG_NUM_GROUPING }, { "1.23.4567", EG_NUM_GROUPING },
        { "1.000.000.000.000.001,00", EG_NUM_OVERFLOW }, { "-46,00", EG_NUM_SIGN },
        { "46,", EG_NUM_SYNTAX },
    };

    (void)state;
    for (size_t i = 0; i < sizeof whole / sizeof *whole; i++) {
        int64_t v = -1;
        eg_num_status st = eg_parse_count_value(whole[i].s, &v);

        if (st != EG_NUM_OK || v != whole[i].want)
            fail_msg("count value \"%s\": %s, %lld; want %lld", whole[i].s,
                     eg_num_status_text(st), (long long)v, (long long)whole[i].want);
    }
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        int64_t v = -42;
        eg_num_status st = eg_parse_count_value(refused[i].s, &v);

        if (st != refused[i].want || v != -42)
            fail_msg("count value \"%s\": %s; want %s", refused[i].s, eg_num_status_text(st),
                     eg_num_status_text(refused[i].want));
    }
    expect_count_error("46,00", EG_NUM_FRACTION);
}

static void count_refuses_irregular_grouping(void **state)
{
    (void)state;
    expect_count_error("1.23.4567", EG_NUM_GROUPING);
    expect_count_error("12.34.567", EG_NUM_GROUPING);
    expect_count_error("1.2345.678", EG_NUM_GROUPING);
    expect_count_error("1.234.5", EG_NUM_GROUPING);
    expect_count_error("1234.567", EG_NUM_GROUPING);
    /* Mixed marks ending in three digits: mixed grouping as likely as a
     * decimal, so the message speaks of grouping. */
    expect_count_error("1.234,567", EG_NUM_GROUPING);
    expect_count_error("1,234.567", EG_NUM_GROUPING);
    expect_count_error("1.234 567", EG_NUM_GROUPING);
    expect_count_error("1 234.567.890", EG_NUM_GROUPING);
}

static void count_refuses_a_sign(void **state)
{
    (void)state;
    expect_count_error("-3", EG_NUM_SIGN);
    expect_count_error("+3", EG_NUM_SIGN);
    expect_count_error(MINUS "3", EG_NUM_SIGN);
    expect_count_error("-", EG_NUM_SIGN);
    expect_count_error("-1.234,5", EG_NUM_SIGN);
}

static void count_reads_an_empty_field_as_missing(void **state)
{
    (void)state;
    expect_count_error("", EG_NUM_EMPTY);
    expect_count_error(" ", EG_NUM_EMPTY);
    expect_count_error(NBSP, EG_NUM_EMPTY);
}

static void count_refuses_what_is_not_a_number(void **state)
{
    (void)state;
    expect_count_error("abc", EG_NUM_SYNTAX);
    expect_count_error("1e5", EG_NUM_SYNTAX);
    expect_count_error("12%", EG_NUM_SYNTAX);
    expect_count_error("%", EG_NUM_SYNTAX);
    expect_count_error("1..234", EG_NUM_SYNTAX);
    expect_count_error("1. 234", EG_NUM_SYNTAX);
    expect_count_error(",5", EG_NUM_SYNTAX);
    expect_count_error("5,", EG_NUM_SYNTAX);
    expect_count_error("3-", EG_NUM_SYNTAX);
    expect_count_error("1\t234", EG_NUM_SYNTAX);
    expect_count_error("0x10", EG_NUM_SYNTAX);
    expect_count_error("\xEF\xBC\x91\xEF\xBC\x92", EG_NUM_SYNTAX);    /* full-width 12 */
    expect_count_error("\xFF", EG_NUM_SYNTAX);
}

static void count_refuses_more_than_ten_to_the_fifteen(void **state)
{
    (void)state;
    expect_count("999.999.999.999.999", INT64_C(999999999999999));
    expect_count("1.000.000.000.000.000", INT64_C(1000000000000000));
    expect_count_error("1.000.000.000.000.001", EG_NUM_OVERFLOW);
    expect_count_error("1000000000000001", EG_NUM_OVERFLOW);
    expect_count_error("99999999999999999999999", EG_NUM_OVERFLOW);
    expect_count_error("9.223.372.036.854.775.808", EG_NUM_OVERFLOW);
}

/* --- number ------------------------------------------------------------- */

static void decimal_reads_either_mark_alone_as_the_decimal_mark(void **state)
{
    (void)state;
    expect_decimal("116,83", 116.83);
    expect_decimal("116.83", 116.83);
    expect_decimal("1.234", 1.234);
    expect_decimal("1,234", 1.234);
    expect_decimal("29,5", 29.5);
    expect_decimal("0,0", 0.0);
    expect_decimal("007,5", 7.5);
}

static void decimal_reads_the_last_of_two_marks_as_the_decimal_mark(void **state)
{
    (void)state;
    expect_decimal("1.234,5", 1234.5);
    expect_decimal("1,234.5", 1234.5);
    expect_decimal("1.234.567,89", 1234567.89);
    expect_decimal("1,234,567.89", 1234567.89);
}

static void decimal_reads_a_repeated_mark_as_grouping(void **state)
{
    (void)state;
    expect_decimal("1.234.567", 1234567.0);
    expect_decimal("1,234,567", 1234567.0);
}

static void decimal_accepts_blank_grouping_with_either_mark(void **state)
{
    (void)state;
    expect_decimal("1 234,5", 1234.5);
    expect_decimal("1 234.5", 1234.5);
    expect_decimal("1" NBSP "234,5", 1234.5);
    expect_decimal("1" NNBSP "234" NNBSP "567", 1234567.0);
    expect_decimal("403 086", 403086.0);
}

static void decimal_refuses_irregular_grouping(void **state)
{
    (void)state;
    expect_decimal_error("1.23.4567", EG_NUM_GROUPING);
    expect_decimal_error("1.234.5", EG_NUM_GROUPING);
    expect_decimal_error("1234.567,8", EG_NUM_GROUPING);
    expect_decimal_error("1.234,5.6", EG_NUM_GROUPING);
    expect_decimal_error("1,5 000", EG_NUM_GROUPING);
    expect_decimal_error("1 234.567.890", EG_NUM_GROUPING);
    expect_decimal_error("01.234.567", EG_NUM_GROUPING);
    /* nothing groups the decimals: a blank after the one mark is no
     * thousands group of the whole part (1234,567) nor of the fraction
     * (1,234567) */
    expect_decimal_error("1,234 567", EG_NUM_GROUPING);
    expect_decimal_error("1.234 567", EG_NUM_GROUPING);
}

static void decimal_refuses_a_bare_mark_at_either_end(void **state)
{
    (void)state;
    expect_decimal_error(",5", EG_NUM_SYNTAX);
    expect_decimal_error("5,", EG_NUM_SYNTAX);
    expect_decimal_error(".5", EG_NUM_SYNTAX);
    expect_decimal_error("5.", EG_NUM_SYNTAX);
    expect_decimal_error(",", EG_NUM_SYNTAX);
}

static void decimal_refuses_sign_exponent_and_words(void **state)
{
    (void)state;
    expect_decimal_error("-1", EG_NUM_SIGN);
    expect_decimal_error("+1,5", EG_NUM_SIGN);
    expect_decimal_error("1e3", EG_NUM_SYNTAX);
    expect_decimal_error("1,5E3", EG_NUM_SYNTAX);
    expect_decimal_error("inf", EG_NUM_SYNTAX);
    expect_decimal_error("nan", EG_NUM_SYNTAX);
    expect_decimal_error("abc", EG_NUM_SYNTAX);
    expect_decimal_error("5%", EG_NUM_SYNTAX);
    expect_decimal_error("", EG_NUM_EMPTY);
}

static void decimal_gives_the_nearest_double(void **state)
{
    (void)state;
    expect_decimal("0,1", 0.1);
    expect_decimal("0.3", 0.3);
    expect_decimal("57,38", 57.38);
    expect_decimal("98,975", 98.975);
    expect_decimal("45,7", 45.7);
    /* 17 significant digits, past 2^53: the slow, exact path. */
    expect_decimal("0,84042553191489366", 0.84042553191489366);
    expect_decimal("0.10000000000000001", 0.10000000000000001);
    expect_decimal("9007199,254740993", 9007199.254740993);
    expect_decimal("123.456.789.012.345,678", 123456789012345.678);
    /* Where dividing in long double and then rounding to double rounds
     * twice and lands one ulp off. */
    expect_decimal("13790154856,146348", 13790154856.146348);
    expect_decimal("1110524300.0474087", 1110524300.0474087);
    /* More than 22 decimals: 10^scale is no longer exact. */
    expect_decimal("0,000000000000000000000000123", 1.23e-25);
    expect_decimal("0,0000000000000000000000000000000000000001", 1e-40);
}

static void decimal_ignores_insignificant_zeros(void **state)
{
    (void)state;
    expect_decimal("0,50000000000000000000000000000000000000000000", 0.5);
    expect_decimal("000000000000000000000012,5", 12.5);
    expect_decimal("100,000", 100.0);
}

static void decimal_refuses_what_it_cannot_hold_exactly(void **state)
{
    (void)state;
    expect_decimal("1000000000000000", 1e15);
    expect_decimal("999999999999999,999", 999999999999999.999);
    expect_decimal_error("1000000000000000,5", EG_NUM_OVERFLOW);
    /* zeros after the mark are no fraction: 10^15 itself */
    expect_decimal("1.000.000.000.000.000,00", 1e15);
    expect_decimal_error("1.000.000.000.000.000,001", EG_NUM_OVERFLOW);
    expect_decimal_error("1000000000000001", EG_NUM_OVERFLOW);
    expect_decimal_error("1,2345678901234567891", EG_NUM_OVERFLOW);
    expect_decimal_error("0,00000000000000000000000000000000000000001", EG_NUM_OVERFLOW);
}

/* A fixed-seed generator, so a failure is reproducible. */
static uint64_t lcg_next(uint64_t *x)
{
    *x = *x * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
    return *x >> 11;
}

/* strtod (in the "C" locale a test program starts in) as the oracle for
 * long mantissas, where one division would round twice. */
static void decimal_matches_a_correctly_rounding_oracle(void **state)
{
    uint64_t seed = 20201231;
    int i;

    (void)state;
    for (i = 0; i < 20000; i++) {
        char digits[24], text[32], *w = text;
        int ndig = 14 + (int)(lcg_next(&seed) % 5);     /* 14..18 */
        int point = 1 + (int)(lcg_next(&seed) % 15);    /* digits before the mark */
        double got = -1.0, want;
        int j;

        if (point > ndig - 1)
            point = ndig - 1;
        for (j = 0; j < ndig; j++)
            digits[j] = (char)('0' + lcg_next(&seed) % 10);
        digits[0] = (char)('1' + lcg_next(&seed) % 9);
        for (j = 0; j < ndig; j++) {
            if (j == point)
                *w++ = '.';
            *w++ = digits[j];
        }
        *w = '\0';
        want = strtod(text, NULL);
        if (eg_parse_decimal(text, &got) != EG_NUM_OK || got != want)
            fail_msg("\"%s\": got %.17g, want %.17g", text, got, want);
    }
}

/* --- percent ------------------------------------------------------------ */

static void percent_accepts_an_optional_percent_sign(void **state)
{
    (void)state;
    expect_percent("96,2%", 96.2);
    expect_percent("96.2", 96.2);
    expect_percent("84,04 %", 84.04);
    expect_percent("84,04" NBSP "%", 84.04);
    expect_percent("84,04" NNBSP "%", 84.04);
    expect_percent("84,04" THIN "%", 84.04);
    expect_percent("84,04  %", 84.04);
    expect_percent("100", 100.0);
    expect_percent("100%", 100.0);
    expect_percent("0", 0.0);
    expect_percent("1.000", 1.0);
}

static void percent_refuses_values_above_a_hundred(void **state)
{
    (void)state;
    expect_percent_error("100,5", EG_NUM_RANGE);
    expect_percent_error("100,01%", EG_NUM_RANGE);
    expect_percent_error("101", EG_NUM_RANGE);
    expect_percent_error("1.000.000", EG_NUM_RANGE);
    expect_percent_error("100.000001%", EG_NUM_RANGE);
    /* a spreadsheet's rounding past 100 % (=B5/B6 of two equal sums,
     * 1.0000000000000002 shown as 100%) is 100 */
    expect_percent("100.00000000000002%", 100.0);
    expect_percent("100.0000000001", 100.0);
}

static void percent_refuses_a_lone_or_misplaced_percent_sign(void **state)
{
    (void)state;
    expect_percent_error("%", EG_NUM_SYNTAX);
    expect_percent_error(" %", EG_NUM_SYNTAX);
    expect_percent_error("%5", EG_NUM_SYNTAX);
    expect_percent_error("5%%", EG_NUM_SYNTAX);
    expect_percent_error("5%5", EG_NUM_SYNTAX);
    expect_percent_error("5,%", EG_NUM_SYNTAX);
}

static void percent_refuses_sign_and_reads_empty_as_missing(void **state)
{
    (void)state;
    expect_percent_error("-5%", EG_NUM_SIGN);
    expect_percent_error("+5", EG_NUM_SIGN);
    expect_percent_error("", EG_NUM_EMPTY);
    expect_percent_error(NBSP, EG_NUM_EMPTY);
    expect_percent_error("1.23.4567%", EG_NUM_GROUPING);
}

/* --- bool --------------------------------------------------------------- */

static void bool_reads_every_spelling_of_yes(void **state)
{
    (void)state;
    expect_bool("có", 1);
    expect_bool("Có", 1);
    expect_bool("CÓ", 1);
    expect_bool("co\xCC\x81", 1);       /* o + COMBINING ACUTE: NFD input */
    expect_bool("co", 1);
    expect_bool("CO", 1);
    expect_bool("x", 1);
    expect_bool("X", 1);
    expect_bool("1", 1);
    expect_bool("yes", 1);
    expect_bool("Yes", 1);
    expect_bool("true", 1);
    expect_bool("TRUE", 1);
    expect_bool("đạt", 1);
    expect_bool("Đạt", 1);
    expect_bool("ĐẠT", 1);
    /* blanks around the word, a no-break space among them, are not part of it */
    expect_bool(" có", 1);
    expect_bool(NBSP "Đạt  ", 1);
    expect_bool("dat", 1);                  /* without the marks, as "co" */
    expect_bool("DAT", 1);
}

static void bool_reads_every_spelling_of_no(void **state)
{
    (void)state;
    expect_bool("không", 0);
    expect_bool("Không", 0);
    expect_bool("KHÔNG", 0);
    expect_bool("khong", 0);
    expect_bool("KHONG", 0);
    expect_bool("0", 0);
    expect_bool("no", 0);
    expect_bool("No", 0);
    expect_bool("false", 0);
    expect_bool("False", 0);
    expect_bool("không đạt", 0);
    expect_bool("Không Đạt", 0);
    expect_bool("KHÔNG ĐẠT", 0);
    expect_bool("không  đạt", 0);
    expect_bool("không" NBSP "đạt", 0);
    expect_bool("khong dat", 0);            /* without the marks, as "khong" */
    expect_bool("Khong Dat", 0);
}

static void bool_refuses_any_other_word(void **state)
{
    (void)state;
    expect_bool_error("ok", EG_NUM_SYNTAX);
    expect_bool_error("2", EG_NUM_SYNTAX);
    expect_bool_error("yes!", EG_NUM_SYNTAX);
    expect_bool_error("có không", EG_NUM_SYNTAX);
    expect_bool_error("khôngđạt", EG_NUM_SYNTAX);
    expect_bool_error("khongdat", EG_NUM_SYNTAX);
    expect_bool_error("đat", EG_NUM_SYNTAX);      /* đ kept, the tone left out: no word */
    expect_bool_error("y", EG_NUM_SYNTAX);
    expect_bool_error("\xFF", EG_NUM_SYNTAX);
    expect_bool_error("", EG_NUM_EMPTY);
}

/* --- messages ----------------------------------------------------------- */

static void every_status_has_a_distinct_phrase(void **state)
{
    int a, b;

    (void)state;
    assert_string_equal(eg_num_status_text(EG_NUM_FRACTION), "có phần thập phân");
    assert_string_equal(eg_num_status_text(EG_NUM_GROUPING), "dấu phân cách hàng nghìn không đúng chỗ");
    for (a = EG_NUM_OK; a <= EG_NUM_RANGE; a++) {
        assert_non_null(eg_num_status_text((eg_num_status)a));
        for (b = EG_NUM_OK; b < a; b++)
            assert_string_not_equal(eg_num_status_text((eg_num_status)a),
                                    eg_num_status_text((eg_num_status)b));
    }
}

/* --- writing ------------------------------------------------------------ */

static void fmt_int_groups_thousands_with_dots(void **state)
{
    (void)state;
    expect_int_text(403086, "403.086");
    expect_int_text(1817077, "1.817.077");
    expect_int_text(4127, "4.127");
    expect_int_text(0, "0");
    expect_int_text(999, "999");
    expect_int_text(1000, "1.000");
    expect_int_text(-4127, "-4.127");
    expect_int_text(INT64_MAX, "9.223.372.036.854.775.807");
    expect_int_text(INT64_MIN, "-9.223.372.036.854.775.808");
}

static void fmt_dec_writes_a_decimal_comma(void **state)
{
    (void)state;
    expect_dec_text(1234.5, 2, "1.234,50");
    expect_dec_text(116.83, 2, "116,83");
    expect_dec_text(57.38, 1, "57,4");
    expect_dec_text(0.0, 1, "0,0");
    expect_dec_text(1817077.0, 0, "1.817.077");
    expect_dec_text(1e15, 0, "1.000.000.000.000.000");
    expect_dec_text(999999999999.99, 2, "999.999.999.999,99");
    expect_dec_text(-1234.5, 1, "-1.234,5");
    expect_dec_text(3.0, -1, "3");
}

static void fmt_dec_rounds_half_away_from_zero_as_printed(void **state)
{
    (void)state;
    expect_dec_text(98.975, 2, "98,98");    /* stored as 98.97499999... */
    expect_dec_text(2.675, 2, "2,68");
    expect_dec_text(1.005, 2, "1,01");
    expect_dec_text(0.125, 2, "0,13");
    expect_dec_text(-0.125, 2, "-0,13");
    expect_dec_text(12.5, 0, "13");
    expect_dec_text(-2.5, 0, "-3");
    expect_dec_text(0.124999, 2, "0,12");
    expect_dec_text(1.0049, 2, "1,00");
    expect_dec_text(0.1 + 0.2, 1, "0,3");
    expect_dec_text(-0.001, 2, "0,00");     /* no "-0,00" */
}

/* A figure summed from many is off by more than a few ulps of the
 * result: 25 times 0,633 is 15,825, and the sum of doubles
 * 15.824999999999989.  Still a half as printed: the tolerance is 1e-9,
 * not only the ulps of the sum. */
static void fmt_dec_rounds_a_sum_of_many_figures_as_its_printed_half(void **state)
{
    double sum = 0;

    (void)state;
    for (int i = 0; i < 25; i++)
        sum += 0.633;
    assert_true(sum < 15.825);
    expect_dec_text(sum, 2, "15,83");
    expect_pct_text(sum / 100, 2, "15,83%");
}

static void fmt_pct_writes_a_fraction_as_a_percentage(void **state)
{
    (void)state;
    expect_pct_text(0.9898, 2, "98,98%");
    expect_pct_text(1.0, 0, "100%");
    expect_pct_text(1.0, 2, "100,00%");
    expect_pct_text(0.84042553, 2, "84,04%");
    expect_pct_text(0.5106, 1, "51,1%");
    expect_pct_text(158.0 / 188.0, 2, "84,04%");
    expect_pct_text(144.0 / 282.0, 1, "51,1%");
    expect_pct_text(0.962, 1, "96,2%");
    expect_pct_text(0.0102384, 2, "1,02%");
    expect_pct_text(4127.0 / 403086.0, 2, "1,02%");
    expect_pct_text(0.98975, 2, "98,98%");
    expect_pct_text(98.975 / 100.0, 2, "98,98%");
    expect_pct_text(0.0, 1, "0,0%");
    expect_pct_text(12.5, 0, "1.250%");
    /* at most 13 decimals: the percentage's 15 digits past the fraction's point */
    expect_pct_text(0.5, 15, "50,0000000000000%");
    expect_pct_text(0.5, 13, "50,0000000000000%");
}

static void round_returns_the_double_of_the_printed_figure(void **state)
{
    double z;

    (void)state;
    assert_true(eg_round(98.975, 2) == 98.98);
    assert_true(eg_round(57.38, 1) == 57.4);
    assert_true(eg_round(51.063829787234, 1) == 51.1);
    assert_true(eg_round(1.02384, 2) == 1.02);
    assert_true(eg_round(-2.5, 0) == -3.0);
    assert_true(eg_round(2.4, 0) == 2.0);
    assert_true(eg_round(116.83, 2) == 116.83);
    assert_true(eg_round(1e300, 2) == 1e300);
    z = eg_round(-0.001, 2);
    assert_true(z == 0.0 && !signbit(z));
    assert_true(isnan(eg_round(NAN, 2)));
}

static void decimals_of_a_number_are_those_it_has(void **state)
{
    (void)state;
    assert_int_equal(eg_decimals_of(40), 0);
    assert_int_equal(eg_decimals_of(12.5), 1);
    assert_int_equal(eg_decimals_of(12.125), 3);
    assert_int_equal(eg_decimals_of(0.1 + 0.2), 1);
    /* never more than six, whatever the double */
    assert_int_equal(eg_decimals_of(1.0 / 3), 6);
    expect_dec_text(12.125, eg_decimals_of(12.125), "12,125");
}

static void fmt_writes_a_question_mark_for_the_unprintable(void **state)
{
    (void)state;
    expect_dec_text(NAN, 2, "?");
    expect_dec_text(INFINITY, 0, "?");
    expect_dec_text(1e300, 0, "?");
    expect_pct_text(NAN, 1, "?");
}

static void fmt_truncates_to_the_buffer_and_always_terminates(void **state)
{
    char buf[8];

    (void)state;
    assert_string_equal(eg_fmt_int(buf, 4, 403086), "403");
    assert_string_equal(eg_fmt_dec(buf, 1, 1.5, 1), "");
    memset(buf, 'z', sizeof buf);
    assert_ptr_equal(eg_fmt_pct(buf, 0, 0.5, 0), buf);
    assert_int_equal(buf[0], 'z');
}

/* --- timestamps -------------------------------------------------------------- */

/* The plain reading eg_parse_timestamp must agree with, byte by byte. */
static long long reference_timestamp(const char *s, size_t n)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int v[6], at[6] = { 0, 5, 8, 11, 14, 17 }, w[6] = { 4, 2, 2, 2, 2, 2 };

    if (n != 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') ||
        s[13] != ':' || s[16] != ':')
        return -1;
    for (int k = 0; k < 6; k++) {
        v[k] = 0;
        for (int i = 0; i < w[k]; i++) {
            char ch = s[at[k] + i];

            if (ch < '0' || ch > '9')
                return -1;
            v[k] = v[k] * 10 + (ch - '0');
        }
    }
    if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[3] > 23 || v[4] > 59 || v[5] > 59)
        return -1;
    if (v[2] > days[v[1] - 1] + (v[1] == 2 && ((v[0] % 4 == 0 && v[0] % 100 != 0) ||
                                               v[0] % 400 == 0)))
        return -1;
    return ((((v[0] * 100LL + v[1]) * 100 + v[2]) * 100 + v[3]) * 100 + v[4]) * 100 + v[5];
}

/* Checks one way of reading times (eg_parse_timestamp, or the words one it
 * is on processors without SSE2) against the plain reading. */
static void check_timestamps(long long (*parse)(const char *, size_t))
{
    static const char *const bases[] = {
        "2020-12-31 08:30:00", "2019-11-22T13:42:42", "2000-02-29 23:59:59",
        "1900-02-28 00:00:00", "2024-02-29 12:00:00", "9999-09-30 19:09:09",
    };
    char s[64]; /* room for any int the format may print */
    size_t checked = 0;

    assert_int_equal(parse("2020-12-31 08:30:00", 19), 20201231083000LL);
    assert_int_equal(parse("2020-12-31T08:30:00", 19), 20201231083000LL);
    assert_int_equal(parse("2019-02-29 08:30:00", 19), -1);
    assert_int_equal(parse("1900-02-29 08:30:00", 19), -1);
    assert_int_equal(parse("2020-12-31 24:00:00", 19), -1);
    assert_int_equal(parse("2020-12-31 08:30:00", 18), -1);
    assert_int_equal(parse("2020-04-31 08:30:00", 19), -1);
    /* every byte of each base changed to every value, then two at once */
    for (size_t b = 0; b < sizeof bases / sizeof *bases; b++) {
        for (int i = 0; i < 19; i++)
            for (int c = 0; c < 256; c++) {
                memcpy(s, bases[b], 20);
                s[i] = (char)c;
                if (parse(s, 19) != reference_timestamp(s, 19))
                    fail_msg("'%.19s' (byte %d = 0x%02x): %lld, the plain reading %lld", s, i, c,
                             parse(s, 19), reference_timestamp(s, 19));
                checked++;
            }
        for (int i = 0; i < 19; i++)
            for (int j = i + 1; j < 19; j++)
                for (int c = '0' - 1; c <= '9' + 1; c++) {
                    memcpy(s, bases[b], 20);
                    s[i] = (char)c;
                    s[j] = (char)('9' + '0' - c);
                    assert_int_equal(parse(s, 19), reference_timestamp(s, 19));
                    checked++;
                }
    }
    /* every day of four centuries' Februaries and of every month */
    for (int y = 1999; y <= 2401; y += 1)
        for (int mo = 1; mo <= 12; mo++)
            for (int d = 27; d <= 32; d++) {
                snprintf(s, sizeof s, "%04d-%02d-%02d 10:11:12", y, mo, d);
                assert_int_equal(parse(s, 19), reference_timestamp(s, 19));
                checked++;
            }
    assert_true(checked > 60000);
}

/* The memo's reading of s, the memo holding first the day of the time
 * seed (when it is one). */
static long long memo_seeded(const char *seed, const char *s, size_t n)
{
    eg_day_memo m;

    memset(&m, 0, sizeof m);
    if (seed)
        eg_parse_timestamp_memo(&m, seed, 19);
    return eg_parse_timestamp_memo(&m, s, n);
}

/* ... with the memo holding s's own day (when its first 11 bytes and a
 * clock of 00:00:00 are a time): the clock alone is read. */
static long long memo_of_the_same_day(const char *s, size_t n)
{
    char day[20];

    if (n != 19)
        return memo_seeded(NULL, s, n);
    memcpy(day, s, 11);
    memcpy(day + 11, "00:00:00", 9);
    return memo_seeded(day, s, n);
}

/* ... with the memo holding another day of s's month (the 1st, or the
 * 2nd when s is of the 1st), so that its day and clock are read alone. */
static long long memo_of_the_same_month(const char *s, size_t n)
{
    char day[20];

    if (n != 19)
        return memo_seeded(NULL, s, n);
    memcpy(day, s, 8);
    memcpy(day + 8, memcmp(s + 8, "01", 2) == 0 ? "02 00:00:00" : "01 00:00:00", 12);
    return memo_seeded(day, s, n);
}

/* ... and with one memo kept from each time to the next, as an export's
 * column keeps it. */
static long long memo_running(const char *s, size_t n)
{
    static eg_day_memo m;

    return eg_parse_timestamp_memo(&m, s, n);
}

static void timestamps_are_read_as_the_plain_reading_reads_them(void **state)
{
    eg_day_memo m;

    (void)state;
    check_timestamps(eg_parse_timestamp);
    check_timestamps(eg_parse_timestamp_words);
    check_timestamps(memo_of_the_same_day);
    check_timestamps(memo_of_the_same_month);
    check_timestamps(memo_running);
    /* the memo's day is taken from valid times only, and a clock read
     * with it is checked all the same */
    memset(&m, 0, sizeof m);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-03-01 08:00:00", 19), 20200301080000LL);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-03-01 23:59:59", 19), 20200301235959LL);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-03-01 24:00:00", 19), -1);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-03-01 08:60:00", 19), -1);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-03-01 08:0a:00", 19), -1);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-03-01 08:00", 16), -1);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-02-30 08:00:00", 19), -1);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-03-01T08:00:00", 19), 20200301080000LL);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-03-01T09:30:00", 19), 20200301093000LL);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-03-02 00:00:01", 19), 20200302000001LL);
    /* another day of the memo's month: the month's length, a leap year's
     * February, a 'T' */
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-03-31 10:00:00", 19), 20200331100000LL);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-03-32 10:00:00", 19), -1);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-03-00 10:00:00", 19), -1);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-03-1a 10:00:00", 19), -1);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-03-15T23:59:59", 19), 20200315235959LL);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-03-16 23:60:59", 19), -1);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-03-16_23:59:59", 19), -1);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-04-30 00:00:00", 19), 20200430000000LL);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-04-31 00:00:00", 19), -1);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-02-01 00:00:00", 19), 20200201000000LL);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-02-29 00:00:00", 19), 20200229000000LL);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2020-02-30 00:00:00", 19), -1);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2100-02-01 00:00:00", 19), 21000201000000LL);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2100-02-29 00:00:00", 19), -1);
    assert_int_equal(eg_parse_timestamp_memo(&m, "2100-02-28 00:00:00", 19), 21000228000000LL);
}

/* An ISO date is read exactly: ten bytes, the calendar's days only (a
 * report.csv deadline of "2021-+1-01" or "2021-02-30" was taken for one) */
static void an_iso_date_is_a_day_of_the_calendar_written_yyyy_mm_dd(void **state)
{
    static const struct {
        const char *s;
        int ymd;
    } cases[] = {
        { "2021-01-15", 20210115 }, { "2020-02-29", 20200229 }, { "2000-02-29", 20000229 },
        { "1900-01-01", 19000101 }, { "9999-12-31", 99991231 }, { "2021-04-30", 20210430 },
        { "2021-02-29", 0 }, { "2100-02-29", 0 }, { "2021-04-31", 0 }, { "2021-13-01", 0 },
        { "2021-00-10", 0 }, { "2021-01-00", 0 }, { "2021-01-32", 0 }, { "1899-12-31", 0 },
        { "2021-+1-01", 0 }, { "2021- 1-01", 0 }, { "+021-01-01", 0 }, { "2021-01--1", 0 },
        { "2021/01/15", 0 }, { "2021-01-1a", 0 }, { "2021-1-15", 0 }, { "2021-01-5", 0 },
        { "2021-01-155", 0 }, { "2021-01-15 ", 0 }, { " 2021-01-15", 0 }, { "", 0 },
        { "15/01/2021", 0 }, { "2021-01-15T00:00:00", 0 },
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        if (eg_iso_date(cases[i].s, strlen(cases[i].s)) != cases[i].ymd)
            fail_msg("'%s': %d, not %d", cases[i].s, eg_iso_date(cases[i].s, strlen(cases[i].s)),
                     cases[i].ymd);
    /* the length given, not the NUL, ends it */
    assert_int_equal(eg_iso_date("2021-01-15 09:30", 10), 20210115);
    assert_int_equal(eg_iso_date("2021-01-15", 9), 0);
}

/* A percentage's fraction is the double nearest the written decimal over
 * 100, not pct / 100.0 rounded twice: 0,07 % is 0.0007 and 99,99 % is
 * 0.9999 exactly as strtod reads them, where the division gave
 * 0.0007000000000000001 and 0.9998999999999999; a value no short decimal
 * writes (a quotient's 33,333333333333336) is divided as before. */
static void a_percentage_is_the_fraction_its_decimal_says(void **state)
{
    static const struct { double pct; const char *fraction; } cases[] = {
        { 0.07, "0.0007" }, { 99.99, "0.9999" }, { 1.1, "0.011" }, { 84.04, "0.8404" },
        { 0.29, "0.0029" }, { 57.14, "0.5714" }, { 12.345, "0.12345" }, { 100, "1" },
        { 0.5, "0.005" }, { 123456789.123, "1234567.89123" }, { 0.000001, "0.00000001" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double got = eg_percent_fraction(cases[i].pct), want = strtod(cases[i].fraction, NULL);

        if (got != want)
            fail_msg("%.17g %%: %.17g, not %.17g (%s)", cases[i].pct, got, want,
                     cases[i].fraction);
    }
    assert_true(0.07 / 100.0 != strtod("0.0007", NULL));       /* what it mends */
    assert_true(eg_percent_fraction(-99.99) == -strtod("0.9999", NULL));
    assert_true(eg_percent_fraction(0.0) == 0.0 && !signbit(eg_percent_fraction(-0.0)));
    assert_true(eg_percent_fraction(100.0 / 3.0) == 100.0 / 3.0 / 100.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(count_accepts_vietnamese_grouping),
        cmocka_unit_test(count_accepts_comma_space_and_no_grouping),
        cmocka_unit_test(count_accepts_no_break_spaces_as_grouping),
        cmocka_unit_test(count_reads_a_single_dot_as_thousands),
        cmocka_unit_test(count_allows_leading_zeros_without_grouping),
        cmocka_unit_test(count_refuses_a_decimal_part_as_not_whole),
        cmocka_unit_test(count_value_reads_a_decimal_part_of_zeros_as_whole),
        cmocka_unit_test(count_refuses_irregular_grouping),
        cmocka_unit_test(count_refuses_a_sign),
        cmocka_unit_test(count_reads_an_empty_field_as_missing),
        cmocka_unit_test(count_refuses_what_is_not_a_number),
        cmocka_unit_test(count_refuses_more_than_ten_to_the_fifteen),
        cmocka_unit_test(decimal_reads_either_mark_alone_as_the_decimal_mark),
        cmocka_unit_test(decimal_reads_the_last_of_two_marks_as_the_decimal_mark),
        cmocka_unit_test(decimal_reads_a_repeated_mark_as_grouping),
        cmocka_unit_test(decimal_accepts_blank_grouping_with_either_mark),
        cmocka_unit_test(decimal_refuses_irregular_grouping),
        cmocka_unit_test(decimal_refuses_a_bare_mark_at_either_end),
        cmocka_unit_test(decimal_refuses_sign_exponent_and_words),
        cmocka_unit_test(decimal_gives_the_nearest_double),
        cmocka_unit_test(decimal_ignores_insignificant_zeros),
        cmocka_unit_test(decimal_refuses_what_it_cannot_hold_exactly),
        cmocka_unit_test(decimal_matches_a_correctly_rounding_oracle),
        cmocka_unit_test(percent_accepts_an_optional_percent_sign),
        cmocka_unit_test(percent_refuses_values_above_a_hundred),
        cmocka_unit_test(percent_refuses_a_lone_or_misplaced_percent_sign),
        cmocka_unit_test(percent_refuses_sign_and_reads_empty_as_missing),
        cmocka_unit_test(bool_reads_every_spelling_of_yes),
        cmocka_unit_test(bool_reads_every_spelling_of_no),
        cmocka_unit_test(bool_refuses_any_other_word),
        cmocka_unit_test(every_status_has_a_distinct_phrase),
        cmocka_unit_test(fmt_int_groups_thousands_with_dots),
        cmocka_unit_test(fmt_dec_writes_a_decimal_comma),
        cmocka_unit_test(fmt_dec_rounds_half_away_from_zero_as_printed),
        cmocka_unit_test(fmt_dec_rounds_a_sum_of_many_figures_as_its_printed_half),
        cmocka_unit_test(fmt_pct_writes_a_fraction_as_a_percentage),
        cmocka_unit_test(round_returns_the_double_of_the_printed_figure),
        cmocka_unit_test(decimals_of_a_number_are_those_it_has),
        cmocka_unit_test(fmt_writes_a_question_mark_for_the_unprintable),
        cmocka_unit_test(fmt_truncates_to_the_buffer_and_always_terminates),
        cmocka_unit_test(timestamps_are_read_as_the_plain_reading_reads_them),
        cmocka_unit_test(an_iso_date_is_a_day_of_the_calendar_written_yyyy_mm_dd),
        cmocka_unit_test(a_percentage_is_the_fraction_its_decimal_says),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
