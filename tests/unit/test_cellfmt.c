/*
 * test_cellfmt.c - extract/cellfmt.h: a spreadsheet's numbers as text.
 *
 * Whole numbers as digits, others as the shortest decimal that reads back
 * as the same double, within the 15 significant digits a spreadsheet
 * shows, '.' as the decimal mark and never an exponent;
 * percent formats as "96.2%"; date formats as ISO dates in either date
 * system, Excel's phantom 29 February 1900 included.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/number.h"
#include "extract/cellfmt.h"

static const char *text(double x, eg_cell_kind kind, int date1904)
{
    static char buf[EG_CELL_TEXT_MAX];

    return eg_cell_number_text(buf, sizeof buf, x, kind, date1904);
}

static double parsed(const char *s)
{
    double v = -12345.0;

    assert_int_equal(eg_cell_parse_number(s, &v), 0);
    return v;
}

/* --- numbers ------------------------------------------------------------ */

static void whole_numbers_are_plain_digits(void **state)
{
    (void)state;
    assert_string_equal(text(403086, EG_CELL_NUMBER, 0), "403086");
    assert_string_equal(text(0, EG_CELL_NUMBER, 0), "0");
    assert_string_equal(text(-0.0, EG_CELL_NUMBER, 0), "0");
    assert_string_equal(text(2150000000.0, EG_CELL_NUMBER, 0), "2150000000");
    assert_string_equal(text(9007199254740993.0, EG_CELL_NUMBER, 0), "9007199254740992");
    assert_string_equal(text(1e20, EG_CELL_NUMBER, 0), "100000000000000000000");
    assert_string_equal(text(-5, EG_CELL_NUMBER, 0), "-5");
}

static void fractions_are_the_shortest_decimal_that_reads_back(void **state)
{
    (void)state;
    assert_string_equal(text(116.83, EG_CELL_NUMBER, 0), "116.83");
    assert_string_equal(text(36.5, EG_CELL_NUMBER, 0), "36.5");
    assert_string_equal(text(1e-7, EG_CELL_NUMBER, 0), "0.0000001");
    assert_string_equal(text(123456789012.5, EG_CELL_NUMBER, 0), "123456789012.5");
    assert_string_equal(text(-0.25, EG_CELL_NUMBER, 0), "-0.25");
    assert_string_equal(text(1.5, EG_CELL_NUMBER, 0), "1.5");      /* one digit before the point */
    /* past 2^53, a whole number to its 17 digits */
    assert_string_equal(text(12345678901234568.0, EG_CELL_NUMBER, 0), "12345678901234568");
    assert_string_equal(text(5e-324, EG_CELL_NUMBER, 0),
                        "0.000000000000000000000000000000000000000000000000000000000000000000000"
                        "000000000000000000000000000000000000000000000000000000000000000000000"
                        "000000000000000000000000000000000000000000000000000000000000000000000"
                        "000000000000000000000000000000000000000000000000000000000000000000000"
                        "000000000000000000000000000000000000000000000005");
}

/* A formula's result off the number by the last bits of a double: Excel
 * and LibreOffice show 15 significant digits, in the cell, the formula
 * bar and a CSV, and compare by them (=A1=46 is TRUE), so the clerk sees
 * 46 and 29.5; read so, a count is no "46,00000000000001 with a decimal
 * part" and a score no conflict with the same 29,5 sent in a CSV. */
static void fractions_are_read_to_the_15_digits_a_spreadsheet_shows(void **state)
{
    (void)state;
    assert_string_equal(text(0.46 * 100, EG_CELL_NUMBER, 0), "46");
    assert_string_equal(text(46.00000000000001, EG_CELL_NUMBER, 0), "46");
    assert_string_equal(text(5.1 + 4.7 + 5.2 + 14.5 - 15, EG_CELL_NUMBER, 0), "14.5");
    assert_string_equal(text(29.499999999999996, EG_CELL_NUMBER, 0), "29.5");
    assert_string_equal(text(0.1 + 0.2, EG_CELL_NUMBER, 0), "0.3");
    assert_string_equal(text(4750000000.0000005, EG_CELL_NUMBER, 0), "4750000000");
    assert_string_equal(text(1.0 / 3.0, EG_CELL_NUMBER, 0), "0.333333333333333");
    assert_string_equal(text(0.45999999999999996, EG_CELL_PERCENT, 0), "46%");
    /* a digit a spreadsheet shows stays */
    assert_string_equal(text(95.0000000000001, EG_CELL_NUMBER, 0), "95.0000000000001");
    assert_string_equal(text(123456789012.345, EG_CELL_NUMBER, 0), "123456789012.345");
}

static void text_written_reads_back_through_our_own_parser(void **state)
{
    static const double xs[] = { 116.83, 0.962, 1284, 29.5, 84.04, 0.1, 1e15 - 1, 12.345678901234 };
    double back;

    (void)state;
    for (size_t i = 0; i < sizeof xs / sizeof *xs; i++) {
        assert_int_equal(eg_parse_decimal(text(xs[i], EG_CELL_NUMBER, 0), &back), EG_NUM_OK);
        assert_true(back == xs[i]);
    }
    assert_int_equal(eg_parse_percent(text(0.962, EG_CELL_PERCENT, 0), &back), EG_NUM_OK);
    assert_true(back == 96.2);
}

static void stored_numbers_are_read_as_spreadsheets_write_them(void **state)
{
    double v;

    (void)state;
    assert_true(parsed("38") == 38);
    assert_true(parsed("116.83") == 116.83);
    assert_true(parsed(" 12 ") == 12);
    assert_true(parsed("1.284E3") == 1284);
    assert_true(parsed("1E-3") == 0.001);
    assert_true(parsed("-0.5") == -0.5);
    assert_true(parsed(".5") == 0.5);
    /* zeros after the point before the first digit still place it */
    assert_true(parsed("0.05") == 0.05);
    assert_true(parsed("0.00123") == 0.00123);
    assert_true(parsed("0.96199999999999997") == 0.962);   /* Excel's 17 digits */
    assert_true(parsed("0.30000000000000004") == 0.1 + 0.2);
    /* More digits than a double holds go through long double, which
     * valgrind emulates with 64 bits only: checked natively. */
    if (!getenv("EGREPORT_TEST_SLOW"))
        assert_true(parsed("123456789012345678901234") == 1.2345678901234568e23);
    assert_int_equal(eg_cell_parse_number("", &v), -1);
    assert_int_equal(eg_cell_parse_number("abc", &v), -1);
    assert_int_equal(eg_cell_parse_number("1,5", &v), -1);
    assert_int_equal(eg_cell_parse_number("1e", &v), -1);
    assert_int_equal(eg_cell_parse_number("1e99999", &v), -1);
    assert_int_equal(eg_cell_parse_number("NaN", &v), -1);
    assert_true(parsed("1e-99999") == 0);
    /* a sign, spacing of any kind, and zeros before the first digit,
     * however many, which take none of the 19 digits kept */
    assert_true(parsed("+5") == 5);
    assert_true(parsed("\t12\r\n") == 12);
    assert_true(parsed("000000000000000000012") == 12);
    assert_true(parsed("0.0000000000000000000012") == 1.2e-21);
}

/* --- percent ------------------------------------------------------------ */

static void percent_moves_the_point_instead_of_multiplying(void **state)
{
    (void)state;
    /* 0.962 * 100 is 96.19999999999999 in doubles: the digits must stay */
    assert_string_equal(text(0.962, EG_CELL_PERCENT, 0), "96.2%");
    assert_string_equal(text(parsed("0.96199999999999997"), EG_CELL_PERCENT, 0), "96.2%");
    assert_string_equal(text(0.8404, EG_CELL_PERCENT, 0), "84.04%");
    assert_string_equal(text(1, EG_CELL_PERCENT, 0), "100%");
    assert_string_equal(text(0, EG_CELL_PERCENT, 0), "0%");
    assert_string_equal(text(0.005, EG_CELL_PERCENT, 0), "0.5%");
    assert_string_equal(text(0.015, EG_CELL_PERCENT, 0), "1.5%");
    assert_string_equal(text(0.00001, EG_CELL_PERCENT, 0), "0.001%");
}

/* --- formats ------------------------------------------------------------ */

static void builtin_formats_are_classified(void **state)
{
    (void)state;
    assert_int_equal(eg_cellfmt_builtin(0), EG_CELL_NUMBER);
    assert_int_equal(eg_cellfmt_builtin(3), EG_CELL_NUMBER);
    assert_int_equal(eg_cellfmt_builtin(9), EG_CELL_PERCENT);
    assert_int_equal(eg_cellfmt_builtin(10), EG_CELL_PERCENT);
    assert_int_equal(eg_cellfmt_builtin(14), EG_CELL_DATE);
    assert_int_equal(eg_cellfmt_builtin(17), EG_CELL_DATE);
    assert_int_equal(eg_cellfmt_builtin(18), EG_CELL_TIME);
    assert_int_equal(eg_cellfmt_builtin(22), EG_CELL_DATETIME);
    assert_int_equal(eg_cellfmt_builtin(46), EG_CELL_TIME);
    assert_int_equal(eg_cellfmt_builtin(49), EG_CELL_NUMBER);
    assert_int_equal(eg_cellfmt_builtin(50), EG_CELL_DATE);     /* East Asian dates, 50-58 */
    assert_int_equal(eg_cellfmt_builtin(58), EG_CELL_DATE);
    assert_int_equal(eg_cellfmt_builtin(59), EG_CELL_NUMBER);
    assert_int_equal(eg_cellfmt_builtin(164), EG_CELL_NUMBER);
    /* both ends of every range */
    assert_int_equal(eg_cellfmt_builtin(21), EG_CELL_TIME);
    assert_int_equal(eg_cellfmt_builtin(27), EG_CELL_DATE);
    assert_int_equal(eg_cellfmt_builtin(31), EG_CELL_DATE);
    assert_int_equal(eg_cellfmt_builtin(32), EG_CELL_TIME);
    assert_int_equal(eg_cellfmt_builtin(35), EG_CELL_TIME);
    assert_int_equal(eg_cellfmt_builtin(36), EG_CELL_DATE);
    assert_int_equal(eg_cellfmt_builtin(45), EG_CELL_TIME);
    assert_int_equal(eg_cellfmt_builtin(47), EG_CELL_TIME);
}

static void formats_that_show_nothing_of_a_number_are_known(void **state)
{
    (void)state;
    /* the classic: nothing shown, whatever the cell holds */
    assert_int_equal(eg_cellfmt_hides(";;;"),
                     EG_HIDES_POSITIVE | EG_HIDES_NEGATIVE | EG_HIDES_TEXT);
    assert_int_equal(eg_cellfmt_hides(";;"), EG_HIDES_POSITIVE | EG_HIDES_NEGATIVE);
    assert_int_equal(eg_cellfmt_hides(";"), EG_HIDES_POSITIVE | EG_HIDES_NEGATIVE);
    /* other digits, a dash, or only spacing and colour in the number's
     * place */
    assert_int_equal(eg_cellfmt_hides("\"100\""), EG_HIDES_POSITIVE | EG_HIDES_NEGATIVE);
    assert_int_equal(eg_cellfmt_hides("\"Có 100\""), EG_HIDES_POSITIVE | EG_HIDES_NEGATIVE);
    assert_int_equal(eg_cellfmt_hides("\"Có 9\""), EG_HIDES_POSITIVE | EG_HIDES_NEGATIVE);
    assert_int_equal(eg_cellfmt_hides("\\1\\0"), EG_HIDES_POSITIVE | EG_HIDES_NEGATIVE);
    assert_int_equal(eg_cellfmt_hides("\"-\";0"), EG_HIDES_POSITIVE);
    assert_int_equal(eg_cellfmt_hides("[Red]_(;0"), EG_HIDES_POSITIVE);
    assert_int_equal(eg_cellfmt_hides("0;;0;"), EG_HIDES_NEGATIVE | EG_HIDES_TEXT);
    /* a word stands for the number: a yes/no's "Có", a negative's "âm" */
    assert_int_equal(eg_cellfmt_hides("#,##0;\"âm\""), 0);
    assert_int_equal(eg_cellfmt_hides("\"Có\";;\"Không\""), EG_HIDES_NEGATIVE);
    assert_int_equal(eg_cellfmt_hides("\\C\\ó;;0"), EG_HIDES_NEGATIVE);
    /* zeros shown as nothing are no hiding: the accountant's blank */
    assert_int_equal(eg_cellfmt_hides("#,##0;-#,##0;"), 0);
    assert_int_equal(eg_cellfmt_hides("#,##0;-#,##0;\"-\""), 0);
    /* what shows the number, however dressed */
    assert_int_equal(eg_cellfmt_hides(""), 0);
    assert_int_equal(eg_cellfmt_hides("General"), 0);
    assert_int_equal(eg_cellfmt_hides("general;-general"), 0);
    assert_int_equal(eg_cellfmt_hides("@"), 0);
    assert_int_equal(eg_cellfmt_hides("0 \"người\";(0)"), 0);
    assert_int_equal(eg_cellfmt_hides("dd/mm/yyyy;;;@"), EG_HIDES_NEGATIVE);
    assert_int_equal(eg_cellfmt_hides("[h]"), 0);
    /* the date codes of other calendars and languages show the number
     * as a date: an era's year (e, ggg), the Buddhist year (bbbb), a
     * weekday in Japanese (aaa, aaaa), each alone in its format */
    assert_int_equal(eg_cellfmt_hides("e"), 0);
    assert_int_equal(eg_cellfmt_hides("[$-411]ggge"), 0);
    assert_int_equal(eg_cellfmt_hides("[$-411]ggg"), 0);
    assert_int_equal(eg_cellfmt_hides("[$-101041E]bbbb"), 0);
    assert_int_equal(eg_cellfmt_hides("BBBB"), 0);
    assert_int_equal(eg_cellfmt_hides("aaaa"), 0);
    assert_int_equal(eg_cellfmt_hides("[$-411]aaa;aaa"), 0);
    assert_int_equal(eg_cellfmt_hides("[$-411]aaa;"), EG_HIDES_NEGATIVE);
    /* what Excel and LibreOffice offer a clerk: accounting formats with
     * their spacing and fill, locales and currencies, native digits,
     * fractions, scientific numbers, the system's long date */
    assert_int_equal(eg_cellfmt_hides("_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"??_);_(@_)"), 0);
    assert_int_equal(eg_cellfmt_hides("_-* #,##0\\ _₫_-;\\-* #,##0\\ _₫_-;_-* \"-\"??\\ _₫_-;_-@_-"),
                     0);
    assert_int_equal(eg_cellfmt_hides("#,##0\\ [$₫-42A];[Red]\\-#,##0\\ [$₫-42A]"), 0);
    assert_int_equal(eg_cellfmt_hides("[DBNum1][$-804]General"), 0);
    assert_int_equal(eg_cellfmt_hides("# ?/?;-#\" \"?/?"), 0);
    assert_int_equal(eg_cellfmt_hides("0.00E+00;##0.0e-0"), 0);
    assert_int_equal(eg_cellfmt_hides("[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy"), 0);
    assert_int_equal(eg_cellfmt_hides("[$-F400]h:mm:ss\\ AM/PM"), 0);
    assert_int_equal(eg_cellfmt_hides("#,##0;-#,##0;0;@"), 0);
    assert_int_equal(eg_cellfmt_hides("[$-42A]#,##0.00\\ [$₫-42A];\";\""), EG_HIDES_NEGATIVE);
    /* a ';' inside a text or after '\\' is no section */
    assert_int_equal(eg_cellfmt_hides("0\";\"0"), 0);
    assert_int_equal(eg_cellfmt_hides("0\\;"), 0);
    /* conditions change which section is which: unknown, so none */
    assert_int_equal(eg_cellfmt_hides("[>100]0;;"), 0);
    assert_int_equal(eg_cellfmt_hides("0;[=0]"), 0);
    assert_int_equal(eg_cellfmt_hides("[<0]0;;"), 0);
    /* damaged codes hide nothing */
    assert_int_equal(eg_cellfmt_hides(";\"open"), 0);
    assert_int_equal(eg_cellfmt_hides(";[open"), 0);
    assert_int_equal(eg_cellfmt_hides(NULL), 0);

    /* the colours the sections set of their own, a byte a kind:
     * positive, negative, text; the names in Excel's default palette,
     * [ColorN] at N + 7 in the workbook's */
#define POS(c) ((uint32_t)(c) << EG_SECTION_POSITIVE)
#define NEG(c) ((uint32_t)(c) << EG_SECTION_NEGATIVE)
#define TEXT(c) ((uint32_t)(c) << EG_SECTION_TEXT)
    assert_int_equal(eg_cellfmt_colours("#,##0;[Red]-#,##0"), NEG(EG_COLOUR_NAMED + 10));
    assert_int_equal(eg_cellfmt_colours("[Color10]0"), POS(17) | NEG(17));
    assert_int_equal(eg_cellfmt_colours("[blue]0;0;0;[RED]@"),
                     POS(EG_COLOUR_NAMED + 12) | TEXT(EG_COLOUR_NAMED + 10));
    assert_int_equal(eg_cellfmt_colours("[White]General"),
                     POS(EG_COLOUR_NAMED + 9) | NEG(EG_COLOUR_NAMED + 9));
    assert_int_equal(eg_cellfmt_colours("0;[BLACK]-0;[White]0"), NEG(EG_COLOUR_NAMED + 8));
    assert_int_equal(eg_cellfmt_colours("[Color1]0;[Color56]0"), POS(8) | NEG(63));
    assert_int_equal(eg_cellfmt_colours("[Color57]0;[Color0]0"),
                     POS(EG_COLOUR_OTHER) | NEG(EG_COLOUR_OTHER));
    assert_int_equal(eg_cellfmt_colours("[Color5x]0"), POS(EG_COLOUR_OTHER) | NEG(EG_COLOUR_OTHER));
    assert_int_equal(eg_cellfmt_colours("[Colorful]0"), 0);    /* no number after Color */
    /* the eight names, each at its place in Excel's default palette */
    {
        static const char *const names[] = { "Black", "White", "Red", "Green",
                                             "Blue", "Yellow", "Magenta", "Cyan" };
        char code[32];

        for (unsigned i = 0; i < 8; i++) {
            snprintf(code, sizeof code, "[%s]0", names[i]);
            assert_int_equal(eg_cellfmt_colours(code),
                             POS(EG_COLOUR_NAMED + 8 + i) | NEG(EG_COLOUR_NAMED + 8 + i));
        }
    }
    assert_int_equal(eg_cellfmt_colours("[Red][Blue]0"),   /* the first */
                     POS(EG_COLOUR_NAMED + 10) | NEG(EG_COLOUR_NAMED + 10));
    assert_int_equal(eg_cellfmt_colours("[$-42A]0;[h]"), 0);    /* a locale, an elapsed time */
    assert_int_equal(eg_cellfmt_colours("0;\"[Red]\"0"), 0);   /* a text, not a bracket */
    assert_int_equal(eg_cellfmt_colours("[Red][>100]0"), 0);   /* a condition: unknown */
    assert_int_equal(eg_cellfmt_colours("General"), 0);
    assert_int_equal(eg_cellfmt_colours(""), 0);
    /* the four built-in formats with red negatives, and their plain neighbours */
    assert_int_equal(eg_cellfmt_builtin_colours(6), NEG(EG_COLOUR_NAMED + 10));
    assert_int_equal(eg_cellfmt_builtin_colours(8), NEG(EG_COLOUR_NAMED + 10));
    assert_int_equal(eg_cellfmt_builtin_colours(38), NEG(EG_COLOUR_NAMED + 10));
    assert_int_equal(eg_cellfmt_builtin_colours(40), NEG(EG_COLOUR_NAMED + 10));
    assert_int_equal(eg_cellfmt_builtin_colours(39), 0);
    /* a colour whose name starts as an elapsed time's bracket does ([m]) */
    assert_int_equal(eg_cellfmt_colours("[Magenta]0"),
                     POS(EG_COLOUR_NAMED + 14) | NEG(EG_COLOUR_NAMED + 14));
    assert_int_equal(eg_cellfmt_builtin_colours(37), 0);
    assert_int_equal(eg_cellfmt_builtin_colours(0), 0);
#undef POS
#undef NEG
#undef TEXT

    assert_true(eg_cellfmt_hidden(EG_HIDES_POSITIVE, 5));
    assert_false(eg_cellfmt_hidden(EG_HIDES_POSITIVE, -5));
    assert_true(eg_cellfmt_hidden(EG_HIDES_NEGATIVE, -0.5));
    assert_false(eg_cellfmt_hidden(EG_HIDES_POSITIVE | EG_HIDES_NEGATIVE, 0));
    assert_false(eg_cellfmt_hidden(EG_HIDES_TEXT, 5));

    /* a sign that is no ASCII letter stands for the number as a word does:
     * a yes shown as a check mark is seen */
    assert_int_equal(eg_cellfmt_hides("\"\xE2\x9C\x93\";\"\xE2\x9C\x97\""), 0);
}

static void custom_formats_are_classified_by_their_first_section(void **state)
{
    (void)state;
    assert_int_equal(eg_cellfmt_code("General"), EG_CELL_NUMBER);
    assert_int_equal(eg_cellfmt_code("#,##0"), EG_CELL_NUMBER);
    assert_int_equal(eg_cellfmt_code("#,##0.00\\ \"đồng\""), EG_CELL_NUMBER);
    assert_int_equal(eg_cellfmt_code("0 \"ngày\""), EG_CELL_NUMBER);
    assert_int_equal(eg_cellfmt_code("0 \"ngày\";-0 \"ngày\""), EG_CELL_NUMBER);
    /* [Magenta] is a colour, not minutes elapsed ([mm]) */
    assert_int_equal(eg_cellfmt_code("[Magenta]#,##0"), EG_CELL_NUMBER);
    assert_int_equal(eg_cellfmt_code("[Magenta]0%"), EG_CELL_PERCENT);
    assert_int_equal(eg_cellfmt_code("0.0%"), EG_CELL_PERCENT);
    assert_int_equal(eg_cellfmt_code("0.00\\ %"), EG_CELL_PERCENT);
    assert_int_equal(eg_cellfmt_code("0\"%\""), EG_CELL_NUMBER);
    /* letters after a backslash are shown as they are: "ngày" is no date */
    assert_int_equal(eg_cellfmt_code("0\\ \\n\\g\\à\\y"), EG_CELL_NUMBER);
    assert_int_equal(eg_cellfmt_code("[Red]0.0%"), EG_CELL_PERCENT);
    assert_int_equal(eg_cellfmt_code("dd/mm/yyyy"), EG_CELL_DATE);
    assert_int_equal(eg_cellfmt_code("[$-42A]dd/mm/yyyy"), EG_CELL_DATE);
    assert_int_equal(eg_cellfmt_code("m/yyyy"), EG_CELL_DATE);
    assert_int_equal(eg_cellfmt_code("mmm-yy"), EG_CELL_DATE);
    assert_int_equal(eg_cellfmt_code("h:mm"), EG_CELL_TIME);
    assert_int_equal(eg_cellfmt_code("mm:ss"), EG_CELL_TIME);
    assert_int_equal(eg_cellfmt_code("[h]:mm:ss"), EG_CELL_TIME);
    assert_int_equal(eg_cellfmt_code("[ss]"), EG_CELL_TIME);
    assert_int_equal(eg_cellfmt_code("[mm]:ss"), EG_CELL_TIME);
    assert_int_equal(eg_cellfmt_code("[$-409]h:mm:ss AM/PM"), EG_CELL_TIME);
    assert_int_equal(eg_cellfmt_code("dd/mm/yyyy hh:mm"), EG_CELL_DATETIME);
    assert_int_equal(eg_cellfmt_code("0.00;[Red]-0.00%"), EG_CELL_NUMBER);
    assert_int_equal(eg_cellfmt_code("0.00E+00"), EG_CELL_NUMBER);
    assert_int_equal(eg_cellfmt_code("\"unclosed"), EG_CELL_NUMBER);
    assert_int_equal(eg_cellfmt_code("[unclosed"), EG_CELL_NUMBER);
}

/* --- dates -------------------------------------------------------------- */

static void dates_are_iso_in_the_1900_system(void **state)
{
    (void)state;
    assert_string_equal(text(44545, EG_CELL_DATE, 0), "2021-12-15");
    assert_string_equal(text(44545.75, EG_CELL_DATE, 0), "2021-12-15");
    assert_string_equal(text(1, EG_CELL_DATE, 0), "1900-01-01");
    assert_string_equal(text(59, EG_CELL_DATE, 0), "1900-02-28");
    assert_string_equal(text(60, EG_CELL_DATE, 0), "1900-02-29");   /* Excel's phantom day */
    assert_string_equal(text(61, EG_CELL_DATE, 0), "1900-03-01");
    assert_string_equal(text(25569, EG_CELL_DATE, 0), "1970-01-01");
    assert_string_equal(text(2958465, EG_CELL_DATE, 0), "9999-12-31");
}

static void dates_are_iso_in_the_1904_system(void **state)
{
    (void)state;
    assert_string_equal(text(0, EG_CELL_DATE, 1), "1904-01-01");
    assert_string_equal(text(44545 - 1462, EG_CELL_DATE, 1), "2021-12-15");
    assert_string_equal(text(2957003, EG_CELL_DATE, 1), "9999-12-31");
    assert_string_equal(text(2957004, EG_CELL_DATE, 1), "2957004");   /* no date past it */
}

static void times_and_date_times(void **state)
{
    (void)state;
    assert_string_equal(text(0.75, EG_CELL_TIME, 0), "18:00:00");
    assert_string_equal(text(49530.0 / 86400, EG_CELL_TIME, 0), "13:45:30");
    assert_string_equal(text(44545.5, EG_CELL_DATETIME, 0), "2021-12-15 12:00:00");
    assert_string_equal(text(44545, EG_CELL_DATETIME, 0), "2021-12-15");
    /* 23:59:59.9999 rounds to the next midnight */
    assert_string_equal(text(44545.999999999, EG_CELL_DATETIME, 0), "2021-12-16");
}

static void what_no_date_can_be_is_written_as_a_number(void **state)
{
    (void)state;
    assert_string_equal(text(0, EG_CELL_DATE, 0), "0");
    assert_string_equal(text(-3, EG_CELL_DATE, 0), "-3");
    assert_string_equal(text(2958466, EG_CELL_DATE, 0), "2958466");
    assert_string_equal(text(2958466, EG_CELL_TIME, 0), "2958466");
    assert_string_equal(text(2958465.75, EG_CELL_TIME, 0), "18:00:00");
    assert_string_equal(text(1e300, EG_CELL_DATE, 0), text(1e300, EG_CELL_NUMBER, 0));
    assert_string_equal(text(INFINITY, EG_CELL_NUMBER, 0), "#NUM!");
}

static void a_small_buffer_is_never_overrun(void **state)
{
    char buf[6];

    (void)state;
    memset(buf, 'x', sizeof buf);
    eg_cell_number_text(buf, 4, 123456, EG_CELL_NUMBER, 0);
    assert_string_equal(buf, "123");
    assert_int_equal(buf[4], 'x');
}

static void cell_names_are_spreadsheet_names(void **state)
{
    char buf[16];

    (void)state;
    assert_string_equal(eg_cell_name(buf, sizeof buf, 1, 1), "A1");
    assert_string_equal(eg_cell_name(buf, sizeof buf, 6, 12), "F12");
    assert_string_equal(eg_cell_name(buf, sizeof buf, 26, 3), "Z3");
    assert_string_equal(eg_cell_name(buf, sizeof buf, 27, 3), "AA3");
    assert_string_equal(eg_cell_name(buf, sizeof buf, 702, 1), "ZZ1");
    assert_string_equal(eg_cell_name(buf, sizeof buf, 703, 1), "AAA1");
    assert_string_equal(eg_cell_name(buf, sizeof buf, 16384, 1048576), "XFD1048576");    /* a small buffer holds what fits, and nothing past it is written */
    memset(buf, 'x', sizeof buf);
    assert_string_equal(eg_cell_name(buf, 3, 703, 1), "AA");
    assert_int_equal(buf[3], 'x');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whole_numbers_are_plain_digits),
        cmocka_unit_test(fractions_are_the_shortest_decimal_that_reads_back),
        cmocka_unit_test(fractions_are_read_to_the_15_digits_a_spreadsheet_shows),
        cmocka_unit_test(text_written_reads_back_through_our_own_parser),
        cmocka_unit_test(stored_numbers_are_read_as_spreadsheets_write_them),
        cmocka_unit_test(percent_moves_the_point_instead_of_multiplying),
        cmocka_unit_test(builtin_formats_are_classified),
        cmocka_unit_test(custom_formats_are_classified_by_their_first_section),
        cmocka_unit_test(formats_that_show_nothing_of_a_number_are_known),
        cmocka_unit_test(dates_are_iso_in_the_1900_system),
        cmocka_unit_test(dates_are_iso_in_the_1904_system),
        cmocka_unit_test(times_and_date_times),
        cmocka_unit_test(what_no_date_can_be_is_written_as_a_number),
        cmocka_unit_test(a_small_buffer_is_never_overrun),
        cmocka_unit_test(cell_names_are_spreadsheet_names),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
