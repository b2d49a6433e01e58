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

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(a_name_is_decided_by_its_diacritics_whatever_its_spaces),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
