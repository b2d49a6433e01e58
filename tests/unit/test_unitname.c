/*
 * test_unitname.c - normalize/unitname.h on registries built by hand:
 * which unit a name written in a spreadsheet designates (its kind word
 * dropped or shortened, an "UBND" in front, names that fold alike decided
 * by their diacritics), what is said of a name of several units or of
 * none (the units listed, the nearest name), and names written where a
 * code goes.  test_accept.c runs the same through eg_accept_raw.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/mem.h"
#include "core/model.h"
#include "core/text.h"
#include "normalize/unitname.h"

#include "support.h"

typedef struct {
    eg_registry reg;
    eg_unit_names names;
    eg_diag_list dl;
} fixture;

/* A registry of n units (code, name), in that order, all communes. */
static void registry_of(fixture *fx, const char *const (*units)[2], size_t n)
{
    eg_registry *reg = &fx->reg;

    reg->items = eg_xcalloc(n, sizeof *reg->items);
    for (size_t i = 0; i < n; i++) {
        reg->items[i].code = eg_xstrdup(units[i][0]);
        reg->items[i].name = eg_xstrdup(units[i][1]);
        reg->items[i].folded_name = eg_fold(units[i][1]);
        reg->items[i].level = EG_LEVEL_XA;
        reg->items[i].parent = -1;
        eg_strmap_put(&reg->index, units[i][0], (int)i);
    }
    reg->n = n;
}

static int setup(void **state)
{
    fixture *fx = eg_xcalloc(1, sizeof *fx);

    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;

    eg_unit_names_free(&fx->names);
    eg_diag_free(&fx->dl);
    eg_registry_free(&fx->reg);
    free(fx);
    return 0;
}

static int named(fixture *fx, const char *name)
{
    return eg_unit_named(&fx->names, &fx->reg, name);
}

/* eg_unit_by_name at row `row` of x.csv, column 2. */
static int by_name(fixture *fx, const char *name, long row)
{
    return eg_unit_by_name(&fx->names, &fx->reg, name, 0, "x.csv", row, 2, "ht.cbcc", &fx->dl);
}

static const char *const gia_lai[][2] = {
    { "GL.CPU.02", "Xã Ia Le" }, { "GL.CPU.03", "Xã Ia Lê" }, { "GL.CPU.04", "Xã Ia Dreng" },
};

/* --- what a name designates ---------------------------------------------- */

/* A name is read as eg_fold reads it whether or not its diacritics
 * decide: a no-break space or a line break between its words (a cell
 * copied from a web page, or broken with Alt+Enter), an underscore (a
 * system's export) or a character nothing shows does not make "Xã Ia Lê"
 * a name of both Xã Ia Le and Xã Ia Lê. */
static void a_name_is_decided_by_its_diacritics_whatever_its_spaces(void **state)
{
    fixture *fx = *state;

    registry_of(fx, gia_lai, 3);
    assert_int_equal(named(fx, "Xã Ia Lê"), 1);
    assert_int_equal(named(fx, "Xã\xc2\xa0Ia\xc2\xa0Lê"), 1);       /* U+00A0 */
    assert_int_equal(named(fx, "Xã\xc2\xa0Ia\xc2\xa0Le"), 0);
    assert_int_equal(named(fx, "XÃ_IA_LÊ"), 1);
    assert_int_equal(named(fx, "Xã Ia\nLê"), 1);
    assert_int_equal(named(fx, "Xã Ia\r\nLê"), 1);
    assert_int_equal(named(fx, "Xã Ia Lê\xe2\x80\x8b"), 1);         /* U+200B */
    assert_int_equal(named(fx, "Xã Ia\xe2\x80\xaf" "Lê"), 1);       /* U+202F */
    /* without its diacritics, still of both */
    assert_int_equal(named(fx, "Xa\xc2\xa0Ia\xc2\xa0Le"), -1);
    assert_int_equal(by_name(fx, "Xã\xc2\xa0Ia\xc2\xa0Lê", 4), 1);
    assert_int_equal(fx->dl.n, 1);
    assert_string_equal(fx->dl.items[0].code, "W_UNIT_BY_NAME");
    assert_string_equal(fx->dl.items[0].unit, "GL.CPU.03");
}

/* Without its kind word, or with an "UBND" in front, a name is decided by
 * its diacritics as the whole name is. */
static void a_name_without_its_kind_word_is_decided_by_its_diacritics_too(void **state)
{
    fixture *fx = *state;

    registry_of(fx, gia_lai, 3);
    assert_int_equal(named(fx, "Ia Lê"), 1);
    assert_int_equal(named(fx, "IA LE"), 0);
    assert_int_equal(named(fx, "UBND Xã Ia Lê"), 1);
    assert_int_equal(named(fx, "Ủy ban nhân dân xã Ia Le"), 0);
    assert_int_equal(named(fx, "ia le"), 0);    /* "Ia Le" without case: Xã Ia Le's */
    assert_int_equal(named(fx, "Ia Lé"), -1);   /* neither's diacritics */
}

/* A unit's whole name is looked for before names without their kind word:
 * "Quản lý dự án" is that unit's, not also Ban Quản lý dự án's. */
static void a_whole_name_is_taken_before_one_without_its_kind_word(void **state)
{
    fixture *fx = *state;
    static const char *const units[][2] = {
        { "GL.BQLDA", "Ban Quản lý dự án" }, { "GL.QLDA", "Quản lý dự án" },
    };

    registry_of(fx, units, 2);
    assert_int_equal(named(fx, "Quản lý dự án"), 1);
    assert_int_equal(named(fx, "quan ly du an"), 1);
    assert_int_equal(named(fx, "Ban Quản lý dự án"), 0);
}

/* A shortened kind word of one letter needs its dot: "H. Đăk Hà" is the
 * district, "H Đăk Hà" no name; of two letters, a dot or a space. */
static void a_kind_word_of_one_letter_is_one_only_with_its_dot(void **state)
{
    fixture *fx = *state;
    static const char *const units[][2] = {
        { "KT", "Tỉnh Kon Tum" }, { "KT.KTU", "Thành phố Kon Tum" }, { "KT.DHA", "Huyện Đăk Hà" },
    };

    registry_of(fx, units, 3);
    assert_int_equal(named(fx, "H. Đăk Hà"), 2);
    assert_int_equal(named(fx, "H.Đăk Hà"), 2);
    assert_int_equal(named(fx, "H Đăk Hà"), -1);
    assert_int_equal(named(fx, "TP Kon Tum"), 1);
    assert_int_equal(named(fx, "TP.Kon Tum"), 1);
    assert_int_equal(named(fx, "TPKon Tum"), -1);
    assert_int_equal(named(fx, "TP."), -1);
}

/* A city's district (quận) is named as a rural one (huyện) is: "Q.",
 * "Q. Hải Châu", or without its kind word. */
static void a_city_district_is_named_with_q_or_without_its_kind_word(void **state)
{
    fixture *fx = *state;
    static const char *const units[][2] = {
        { "DN", "Thành phố Đà Nẵng" }, { "DN.HC", "Quận Hải Châu" }, { "DN.HV", "Huyện Hòa Vang" },
    };

    registry_of(fx, units, 3);
    assert_int_equal(named(fx, "Quận Hải Châu"), 1);
    assert_int_equal(named(fx, "Q. Hải Châu"), 1);
    assert_int_equal(named(fx, "Q.Hải Châu"), 1);
    assert_int_equal(named(fx, "Hải Châu"), 1);
    assert_int_equal(named(fx, "Q Hải Châu"), -1);
    assert_int_equal(named(fx, "Hòa Vang"), 2);
}

/* The first unit of the registry is found like any other. */
static void the_first_unit_of_the_registry_is_named_too(void **state)
{
    fixture *fx = *state;

    registry_of(fx, gia_lai, 3);
    assert_int_equal(named(fx, "Xã Ia Le"), 0);
    assert_int_equal(named(fx, "Xa Ia Dreng"), 2);
    assert_int_equal(named(fx, "Xã Ia Hrung"), -1);
}

/* A name where the code goes is one with a space or a letter beyond
 * ASCII; anything else is taken for a code, and not looked up. */
static void a_name_in_the_code_column_has_a_space_or_a_vietnamese_letter(void **state)
{
    fixture *fx = *state;
    static const char *const units[][2] = {
        { "GL.CPU.04", "Xã Ia Dreng" }, { "GL.PKU.01", "Phường Đoàn Kết" }, { "GL.X", "Dreng" },
    };

    registry_of(fx, units, 3);
    assert_int_equal(eg_unit_named_in_code(&fx->names, &fx->reg, "Xa Ia Dreng"), 0);
    assert_int_equal(eg_unit_named_in_code(&fx->names, &fx->reg, "Ia Dreng"), 0);
    assert_int_equal(eg_unit_named_in_code(&fx->names, &fx->reg, "Đoàn_Kết"), 1);
    /* one word of ASCII: a code, though a unit has that name */
    assert_int_equal(eg_unit_named_in_code(&fx->names, &fx->reg, "Dreng"), -1);
    assert_int_equal(eg_unit_named_in_code(&fx->names, &fx->reg, "GL.CPU.04"), -1);
    assert_int_equal(named(fx, "Dreng"), 2);
}

/* --- what is said --------------------------------------------------------- */

/* An ambiguous name lists the units it fits, five at most, and says when
 * there are more. */
static void an_ambiguous_name_lists_five_units_and_says_when_there_are_more(void **state)
{
    fixture *fx = *state;
    static const char *const units[][2] = {
        { "A.1", "Xã Ia Le" }, { "A.2", "Phường Ia Le" }, { "A.3", "Thị trấn Ia Le" },
        { "A.4", "Huyện Ia Le" }, { "A.5", "Thị xã Ia Le" }, { "A.6", "Thành phố Ia Le" },
    };

    registry_of(fx, units, 5);
    assert_int_equal(by_name(fx, "Ia Le", 3), -1);
    assert_int_equal(fx->dl.n, 1);
    assert_string_equal(fx->dl.items[0].code, "E_UNIT_NAME_AMBIGUOUS");
    assert_int_equal(fx->dl.items[0].severity, EG_ERROR);
    assert_int_equal(fx->dl.items[0].row, 3);
    assert_int_equal(fx->dl.items[0].col, 2);
    assert_null(fx->dl.items[0].unit);
    assert_string_equal(fx->dl.items[0].indicator, "ht.cbcc");
    assert_string_equal(fx->dl.items[0].message,
                        "tên đơn vị 'Ia Le' khớp với nhiều đơn vị: Xã Ia Le (A.1), Phường Ia Le "
                        "(A.2), Thị trấn Ia Le (A.3), Huyện Ia Le (A.4), Thị xã Ia Le (A.5); ghi "
                        "mã đơn vị vào cột 'Mã đơn vị'");
    eg_unit_names_free(&fx->names);
    memset(&fx->names, 0, sizeof fx->names);
    eg_registry_free(&fx->reg);
    memset(&fx->reg, 0, sizeof fx->reg);

    registry_of(fx, units, 6);
    assert_int_equal(by_name(fx, "Ia Le", 4), -1);
    assert_int_equal(fx->dl.n, 2);
    assert_string_equal(fx->dl.items[1].message,
                        "tên đơn vị 'Ia Le' khớp với nhiều đơn vị: Xã Ia Le (A.1), Phường Ia Le "
                        "(A.2), Thị trấn Ia Le (A.3), Huyện Ia Le (A.4), Thị xã Ia Le (A.5) và "
                        "các đơn vị khác; ghi mã đơn vị vào cột 'Mã đơn vị'");
}

/* Communes of one name in six districts: the whole name is ambiguous,
 * five of them listed. */
static void six_units_of_one_whole_name_list_five(void **state)
{
    fixture *fx = *state;
    static const char *const units[][2] = {
        { "B.1", "Xã Ia Le" }, { "B.2", "Xã Ia Le" }, { "B.3", "Xã Ia Le" },
        { "B.4", "Xã Ia Le" }, { "B.5", "Xã Ia Le" }, { "B.6", "Xã Ia Le" },
    };

    registry_of(fx, units, 6);
    assert_int_equal(by_name(fx, "Xã Ia Le", 3), -1);
    assert_int_equal(fx->dl.n, 1);
    assert_string_equal(fx->dl.items[0].message,
                        "tên đơn vị 'Xã Ia Le' khớp với nhiều đơn vị: Xã Ia Le (B.1), Xã Ia Le "
                        "(B.2), Xã Ia Le (B.3), Xã Ia Le (B.4), Xã Ia Le (B.5) và các đơn vị "
                        "khác; ghi mã đơn vị vào cột 'Mã đơn vị'");
}

/* An unknown name is set against the registry's names with and without
 * their kind words: "Ia Đrang" is near "Ia Dreng", though far from "Xã Ia
 * Dreng". */
static void an_unknown_name_is_near_a_name_without_its_kind_word(void **state)
{
    fixture *fx = *state;

    registry_of(fx, gia_lai, 3);
    assert_int_equal(by_name(fx, "Ia Đrang", 5), -1);
    assert_int_equal(fx->dl.n, 1);
    assert_string_equal(fx->dl.items[0].code, "E_UNKNOWN_UNIT_NAME");
    assert_int_equal(fx->dl.items[0].row, 5);
    assert_string_equal(fx->dl.items[0].message,
                        "không có đơn vị nào trong danh mục đơn vị (units.csv) có tên 'Ia "
                        "Đrang'; có phải là 'Xã Ia Dreng' (GL.CPU.04) không?");
}

/* The nearest name is suggested within a third of the letters given plus
 * one: "xa ia dom" is 4 from "xa ia dreng", "xa ia tor" 5; of two names
 * as near, the first of the registry. */
static void the_nearest_name_is_suggested_within_a_third_of_its_letters_plus_one(void **state)
{
    fixture *fx = *state;
    static const char *const units[][2] = {
        { "GL.CPU.04", "Xã Ia Dreng" }, { "GL.CPU.05", "Xã Ia Dom" }, { "GL.CPU.06", "Xã Ia Dor" },
    };

    registry_of(fx, units, 1);
    assert_int_equal(by_name(fx, "Xã Ia Dom", 2), -1);
    assert_int_equal(by_name(fx, "Xã Ia Tôr", 3), -1);
    assert_int_equal(fx->dl.n, 2);
    assert_non_null(strstr(fx->dl.items[0].message,
                           "; có phải là 'Xã Ia Dreng' (GL.CPU.04) không?"));
    assert_string_equal(fx->dl.items[1].message,
                        "không có đơn vị nào trong danh mục đơn vị (units.csv) có tên 'Xã Ia "
                        "Tôr'");
    eg_unit_names_free(&fx->names);
    memset(&fx->names, 0, sizeof fx->names);
    eg_registry_free(&fx->reg);
    memset(&fx->reg, 0, sizeof fx->reg);

    /* "Ia Do" is 1 from both Ia Dom and Ia Dor */
    registry_of(fx, units, 3);
    assert_int_equal(by_name(fx, "Xã Ia Do", 6), -1);
    assert_non_null(strstr(fx->dl.items[2].message, "; có phải là 'Xã Ia Dom' (GL.CPU.05) không?"));
}

/* A name cut in the middle of a letter (bytes that are no UTF-8) is no
 * unit's: an error at its row, nothing read past its end. */
static void a_name_cut_in_the_middle_of_a_letter_is_no_units(void **state)
{
    fixture *fx = *state;

    registry_of(fx, gia_lai, 3);
    assert_int_equal(named(fx, "Xã Ia L\xc3"), -1);
    assert_int_equal(by_name(fx, "Xã Ia L\xc3", 8), -1);
    assert_int_equal(by_name(fx, "\xff\xfe", 9), -1);
    assert_int_equal(fx->dl.n, 2);
    assert_string_equal(fx->dl.items[0].code, "E_UNKNOWN_UNIT_NAME");
    assert_int_equal(fx->dl.items[0].row, 8);
    assert_string_equal(fx->dl.items[1].code, "E_UNKNOWN_UNIT_NAME");
    assert_int_equal(fx->dl.items[1].row, 9);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(a_name_is_decided_by_its_diacritics_whatever_its_spaces),
        T(a_name_without_its_kind_word_is_decided_by_its_diacritics_too),
        T(a_whole_name_is_taken_before_one_without_its_kind_word),
        T(a_kind_word_of_one_letter_is_one_only_with_its_dot),
        T(a_city_district_is_named_with_q_or_without_its_kind_word),
        T(six_units_of_one_whole_name_list_five),
        T(the_first_unit_of_the_registry_is_named_too),
        T(a_name_in_the_code_column_has_a_space_or_a_vietnamese_letter),
        T(an_ambiguous_name_lists_five_units_and_says_when_there_are_more),
        T(an_unknown_name_is_near_a_name_without_its_kind_word),
        T(the_nearest_name_is_suggested_within_a_third_of_its_letters_plus_one),
        T(a_name_cut_in_the_middle_of_a_letter_is_no_units),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
