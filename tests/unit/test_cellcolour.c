/*
 * test_cellcolour.c - a cell's colours as RGB, and what a font the colour
 * of its fill hides (extract/cellcolour.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "extract/cellcolour.h"
#include "extract/cellfmt.h"

#define ALL (EG_HIDES_POSITIVE | EG_HIDES_NEGATIVE | EG_HIDES_TEXT)

static void palette_indices_are_excels_colours(void **state)
{
    int32_t own[56];

    (void)state;
    assert_int_equal(eg_colour_indexed(0, NULL), 0x000000);
    assert_int_equal(eg_colour_indexed(1, NULL), 0xFFFFFF);
    assert_int_equal(eg_colour_indexed(8, NULL), 0x000000);
    assert_int_equal(eg_colour_indexed(9, NULL), 0xFFFFFF);
    assert_int_equal(eg_colour_indexed(10, NULL), 0xFF0000);
    assert_int_equal(eg_colour_indexed(22, NULL), 0xC0C0C0);
    assert_int_equal(eg_colour_indexed(63, NULL), 0x333333);
    /* the system's text and window colours, and "automatic": the viewer's */
    assert_int_equal(eg_colour_indexed(64, NULL), EG_COLOUR_UNKNOWN);
    assert_int_equal(eg_colour_indexed(65, NULL), EG_COLOUR_UNKNOWN);
    assert_int_equal(eg_colour_indexed(0x7FFF, NULL), EG_COLOUR_UNKNOWN);
    assert_int_equal(eg_colour_indexed(66, NULL), EG_COLOUR_UNKNOWN);
    /* a workbook's own palette redefines 8-63, never 0-7 */
    for (int i = 0; i < 56; i++)
        own[i] = 0x123456;
    own[1] = 0x000000;                    /* its "white" made black */
    assert_int_equal(eg_colour_indexed(9, own), 0x000000);
    assert_int_equal(eg_colour_indexed(1, own), 0xFFFFFF);
    assert_int_equal(eg_colour_indexed(40, own), 0x123456);
}

static void argb_text_is_read_without_its_alpha(void **state)
{
    (void)state;
    assert_int_equal(eg_colour_argb("FFFFFFFF"), 0xFFFFFF);
    assert_int_equal(eg_colour_argb("00ffffff"), 0xFFFFFF);
    assert_int_equal(eg_colour_argb("FF1F4E78"), 0x1F4E78);
    assert_int_equal(eg_colour_argb("1F4E78"), 0x1F4E78);
    /* every hex digit, 0-9 a-f A-F, at its value */
    assert_int_equal(eg_colour_argb("FF012345"), 0x012345);
    assert_int_equal(eg_colour_argb("00678999"), 0x678999);
    assert_int_equal(eg_colour_argb("abcdef"), 0xABCDEF);
    assert_int_equal(eg_colour_argb("ABCDEF"), 0xABCDEF);
    assert_int_equal(eg_colour_argb("FFF"), EG_COLOUR_UNKNOWN);
    /* seven digits are neither RGB nor ARGB */
    assert_int_equal(eg_colour_argb("F1F4E78"), EG_COLOUR_UNKNOWN);
    assert_int_equal(eg_colour_argb("FF1F4E7G"), EG_COLOUR_UNKNOWN);
    assert_int_equal(eg_colour_argb("FFFFFFFFFF"), EG_COLOUR_UNKNOWN);
    assert_int_equal(eg_colour_argb(""), EG_COLOUR_UNKNOWN);
    assert_int_equal(eg_colour_argb(NULL), EG_COLOUR_UNKNOWN);
}

static void a_font_the_colour_of_its_fill_hides_what_it_draws(void **state)
{
    const uint32_t red_negatives = (EG_COLOUR_NAMED + 10) << EG_SECTION_NEGATIVE;
    const uint32_t white_numbers = (EG_COLOUR_NAMED + 9) << EG_SECTION_POSITIVE |
                                   (EG_COLOUR_NAMED + 9) << EG_SECTION_NEGATIVE;
    int32_t palette[56];

    (void)state;
    assert_int_equal(eg_colour_hides(0xFFFFFF, 0xFFFFFF, 0, NULL), ALL);
    assert_int_equal(eg_colour_hides(0x1F4E78, 0x1F4E78, 0, NULL), ALL);
    /* negatives in the format's own red stay seen */
    assert_int_equal(eg_colour_hides(0xFFFFFF, 0xFFFFFF, red_negatives, NULL),
                     EG_HIDES_POSITIVE | EG_HIDES_TEXT);
    /* ... unless the fill is red too */
    assert_int_equal(eg_colour_hides(0x000000, 0xFF0000, red_negatives, NULL), EG_HIDES_NEGATIVE);
    /* numbers in the format's own white on a white cell, whatever the
     * font, known or the automatic one; a text keeps the font's */
    assert_int_equal(eg_colour_hides(0x000000, 0xFFFFFF, white_numbers, NULL),
                     EG_HIDES_POSITIVE | EG_HIDES_NEGATIVE);
    assert_int_equal(eg_colour_hides(EG_COLOUR_UNKNOWN, 0xFFFFFF, white_numbers, NULL),
                     EG_HIDES_POSITIVE | EG_HIDES_NEGATIVE);
    assert_int_equal(eg_colour_hides(0x000000, 0x1F4E78, white_numbers, NULL), 0);
    /* [Color2] is the palette's 9: white in Excel's, whatever the
     * workbook made it in its own */
    assert_int_equal(eg_colour_hides(0x000000, 0xFFFFFF, 9u << EG_SECTION_POSITIVE, NULL),
                     EG_HIDES_POSITIVE);
    eg_colour_palette_init(palette);
    palette[1] = 0x00B050;
    assert_int_equal(eg_colour_hides(0x000000, 0xFFFFFF, 9u << EG_SECTION_POSITIVE, palette), 0);
    assert_int_equal(eg_colour_hides(0x000000, 0x00B050, 9u << EG_SECTION_POSITIVE, palette),
                     EG_HIDES_POSITIVE);
    /* a name stays Excel's default colour */
    assert_int_equal(eg_colour_hides(0x000000, 0xFFFFFF, white_numbers, palette),
                     EG_HIDES_POSITIVE | EG_HIDES_NEGATIVE);
    /* a colour not known hides nothing */
    assert_int_equal(eg_colour_hides(0xFFFFFF, 0xFFFFFF, EG_COLOUR_OTHER << EG_SECTION_TEXT, NULL),
                     EG_HIDES_POSITIVE | EG_HIDES_NEGATIVE);
    assert_int_equal(eg_colour_hides(0x333333, 0x333333, EG_COLOUR_OTHER << EG_SECTION_POSITIVE,
                                     NULL),
                     EG_HIDES_NEGATIVE | EG_HIDES_TEXT);
    /* [Black], the first name, on a black fill hides what it draws */
    assert_int_equal(eg_colour_hides(0xFFFFFF, 0x000000, EG_COLOUR_NAMED << EG_SECTION_POSITIVE,
                                     NULL),
                     EG_HIDES_POSITIVE);
    assert_int_equal(eg_colour_hides(0xFFFFFF, 0x1F4E78, 0, NULL), 0);
    assert_int_equal(eg_colour_hides(0xFFFFFF, 0xFFFFFE, 0, NULL), 0);
    assert_int_equal(eg_colour_hides(EG_COLOUR_UNKNOWN, EG_COLOUR_UNKNOWN, 0, NULL), 0);
    assert_int_equal(eg_colour_hides(0xFFFFFF, EG_COLOUR_UNKNOWN, white_numbers, NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(palette_indices_are_excels_colours),
        cmocka_unit_test(argb_text_is_read_without_its_alpha),
        cmocka_unit_test(a_font_the_colour_of_its_fill_hides_what_it_draws),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
