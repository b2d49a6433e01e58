/*
 * test_strmap.c - core/strmap.h: codes to positions.
 *
 * The registry and the catalogue look every code up here, so a lost key
 * after the table grows would silently drop a unit's figures.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/strmap.h"

static void empty_map_answers_minus_one(void **state)
{
    eg_strmap m = { 0 };

    (void)state;
    assert_int_equal(eg_strmap_get(&m, "GL"), -1);
    assert_int_equal(eg_strmap_get(&m, ""), -1);
    eg_strmap_free(&m);
}

static void put_then_get_returns_the_value(void **state)
{
    eg_strmap m = { 0 };

    (void)state;
    eg_strmap_put(&m, "GL", 0);
    eg_strmap_put(&m, "GL.PKU", 7);
    eg_strmap_put(&m, "", 3);
    assert_int_equal(eg_strmap_get(&m, "GL"), 0);
    assert_int_equal(eg_strmap_get(&m, "GL.PKU"), 7);
    assert_int_equal(eg_strmap_get(&m, ""), 3);
    assert_int_equal(m.n, 3);
    eg_strmap_free(&m);
}

static void absent_key_answers_minus_one(void **state)
{
    eg_strmap m = { 0 };

    (void)state;
    eg_strmap_put(&m, "ht.cbcc", 1);
    assert_int_equal(eg_strmap_get(&m, "ht.cbc"), -1);
    assert_int_equal(eg_strmap_get(&m, "ht.cbcc "), -1);
    assert_int_equal(eg_strmap_get(&m, "HT.CBCC"), -1);      /* keys are exact */
    eg_strmap_free(&m);
}

static void put_on_an_existing_key_replaces_its_value(void **state)
{
    eg_strmap m = { 0 };

    (void)state;
    eg_strmap_put(&m, "GL.PKU", 1);
    eg_strmap_put(&m, "GL.PKU", 42);
    assert_int_equal(eg_strmap_get(&m, "GL.PKU"), 42);
    assert_int_equal(m.n, 1);
    eg_strmap_free(&m);
}

static void keys_are_copied(void **state)
{
    eg_strmap m = { 0 };
    char key[16] = "GL.PKU";

    (void)state;
    eg_strmap_put(&m, key, 5);
    strcpy(key, "XX.XXX");
    assert_int_equal(eg_strmap_get(&m, "GL.PKU"), 5);
    assert_int_equal(eg_strmap_get(&m, "XX.XXX"), -1);
    eg_strmap_free(&m);
}

static void many_keys_survive_every_growth(void **state)
{
    enum { N = 5000 };
    eg_strmap m = { 0 };
    char key[32];

    (void)state;
    for (int i = 0; i < N; i++) {
        snprintf(key, sizeof key, "GL.X%04d", i);
        eg_strmap_put(&m, key, i);
    }
    assert_int_equal(m.n, N);
    assert_true(m.cap >= 2 * (size_t)N);          /* load factor kept at or under 1/2 */
    for (int i = 0; i < N; i++) {
        snprintf(key, sizeof key, "GL.X%04d", i);
        if (eg_strmap_get(&m, key) != i)
            fail_msg("key %s gives %d after growth; want %d", key, eg_strmap_get(&m, key), i);
    }
    /* replace half of them, the count stays */
    for (int i = 0; i < N; i += 2) {
        snprintf(key, sizeof key, "GL.X%04d", i);
        eg_strmap_put(&m, key, i + N);
    }
    assert_int_equal(m.n, N);
    for (int i = 0; i < N; i++) {
        snprintf(key, sizeof key, "GL.X%04d", i);
        assert_int_equal(eg_strmap_get(&m, key), i % 2 ? i : i + N);
    }
    assert_int_equal(eg_strmap_get(&m, "GL.X5000"), -1);
    eg_strmap_free(&m);
}

static void free_leaves_an_empty_reusable_map(void **state)
{
    eg_strmap m = { 0 };

    (void)state;
    eg_strmap_put(&m, "a", 1);
    eg_strmap_free(&m);
    assert_int_equal(m.n, 0);
    assert_null(m.keys);
    assert_int_equal(eg_strmap_get(&m, "a"), -1);
    eg_strmap_put(&m, "b", 2);
    assert_int_equal(eg_strmap_get(&m, "b"), 2);
    eg_strmap_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(empty_map_answers_minus_one),
        cmocka_unit_test(put_then_get_returns_the_value),
        cmocka_unit_test(absent_key_answers_minus_one),
        cmocka_unit_test(put_on_an_existing_key_replaces_its_value),
        cmocka_unit_test(keys_are_copied),
        cmocka_unit_test(many_keys_survive_every_growth),
        cmocka_unit_test(free_leaves_an_empty_reusable_map),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
