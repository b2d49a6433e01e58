/*
 * test_pattern.c - core/pattern.h: the patterns layouts declare.
 *
 * A pattern describes the whole value (anchored at both ends, as Table
 * Schema's `pattern` is), runs in UTF and UCP mode, and a bad one is
 * refused with a message that a layout author can act on.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/pattern.h"

#define UNIT_CODE "[A-Z0-9][A-Z0-9_.-]{0,31}"

static int unit_setup(void **state)
{
    char err[256] = "";
    eg_pattern *p = eg_pattern_compile(UNIT_CODE, err, sizeof err);

    if (!p) {
        print_error("unit code pattern: %s\n", err);
        return -1;
    }
    *state = p;
    return 0;
}

static int unit_teardown(void **state)
{
    eg_pattern_free(*state);
    return 0;
}

static void unit_code_pattern_matches_registry_codes(void **state)
{
    const eg_pattern *p = *state;

    assert_true(eg_pattern_match(p, "GL.PKU"));
    assert_true(eg_pattern_match(p, "GL"));
    assert_true(eg_pattern_match(p, "KT.KTU.01"));
    assert_true(eg_pattern_match(p, "X"));
    assert_true(eg_pattern_match(p, "9_A-B.C"));
}

static void unit_code_pattern_refuses_lower_case_and_a_leading_mark(void **state)
{
    const eg_pattern *p = *state;

    assert_false(eg_pattern_match(p, "gl"));
    assert_false(eg_pattern_match(p, "GL.pku"));
    assert_false(eg_pattern_match(p, "-X"));
    assert_false(eg_pattern_match(p, ".GL"));
    assert_false(eg_pattern_match(p, ""));
    assert_false(eg_pattern_match(p, "GL PKU"));
    assert_false(eg_pattern_match(p, "ĐL"));
}

static void unit_code_pattern_allows_32_characters_and_no_more(void **state)
{
    const eg_pattern *p = *state;
    char code[40];

    memset(code, 'A', sizeof code);
    code[32] = '\0';
    assert_true(eg_pattern_match(p, code));
    code[32] = 'A';
    code[33] = '\0';
    assert_false(eg_pattern_match(p, code));
}

static void pattern_is_anchored_at_both_ends(void **state)
{
    const eg_pattern *p = *state;

    /* a valid code inside a longer value is not a match */
    assert_false(eg_pattern_match(p, "GL.PKU x"));
    assert_false(eg_pattern_match(p, " GL.PKU"));
    assert_false(eg_pattern_match(p, "gl GL"));
    /* nor with a line break after it: '$' alone would allow one */
    assert_false(eg_pattern_match(p, "GL.PKU\n"));
}

static void alternation_is_anchored_as_a_whole(void **state)
{
    char err[256] = "";
    eg_pattern *p = eg_pattern_compile("ab|cd", err, sizeof err);

    (void)state;
    assert_non_null(p);
    assert_true(eg_pattern_match(p, "ab"));
    assert_true(eg_pattern_match(p, "cd"));
    assert_false(eg_pattern_match(p, "abx"));
    assert_false(eg_pattern_match(p, "xcd"));
    eg_pattern_free(p);

    /* the end anchor makes a shorter first alternative give way */
    p = eg_pattern_compile("a|ab", err, sizeof err);
    assert_non_null(p);
    assert_true(eg_pattern_match(p, "ab"));
    assert_true(eg_pattern_match(p, "a"));
    assert_false(eg_pattern_match(p, "b"));
    eg_pattern_free(p);
}

static void word_class_matches_vietnamese_letters(void **state)
{
    char err[256] = "";
    eg_pattern *p = eg_pattern_compile("\\w+", err, sizeof err);

    (void)state;
    assert_non_null(p);
    assert_true(eg_pattern_match(p, "Nguyễn"));
    assert_true(eg_pattern_match(p, "Đức"));
    assert_false(eg_pattern_match(p, "Nguyễn Văn"));
    eg_pattern_free(p);
}

static void dot_matches_one_character_not_one_byte(void **state)
{
    char err[256] = "";
    eg_pattern *p = eg_pattern_compile("...", err, sizeof err);

    (void)state;
    assert_non_null(p);
    assert_true(eg_pattern_match(p, "Đức"));      /* 3 characters, 6 bytes */
    assert_false(eg_pattern_match(p, "Đứcx"));
    eg_pattern_free(p);
}

static void source_is_kept_as_written(void **state)
{
    const eg_pattern *p = *state;

    assert_string_equal(eg_pattern_source(p), UNIT_CODE);
}

static void bad_pattern_returns_null_with_a_message(void **state)
{
    char err[256] = "";
    eg_pattern *p = eg_pattern_compile("[A-Z", err, sizeof err);

    (void)state;
    assert_null(p);
    /* names the pattern, the offset in the pattern as written, and why */
    assert_non_null(strstr(err, "'[A-Z'"));
    assert_non_null(strstr(err, "offset 4"));
    assert_true(strlen(err) > strlen("bad pattern '[A-Z' near offset 4: "));
    /* the reason whole, as PCRE2 words it, not the first letters of it */
    assert_non_null(strstr(err, ": missing terminating ] for character class"));

    memset(err, 0, sizeof err);
    assert_null(eg_pattern_compile("a{2,1}", err, sizeof err));
    assert_non_null(strstr(err, "offset 5"));
}

static void unbalanced_parenthesis_cannot_escape_the_anchors(void **state)
{
    char err[256] = "";
    eg_pattern *p = eg_pattern_compile("[A-Z]+)|(.*", err, sizeof err);

    (void)state;
    /* Either refused, or, if compiled, it must not match anything at all. */
    if (p) {
        int any = eg_pattern_match(p, "hello world");

        eg_pattern_free(p);
        fail_msg("pattern with an unbalanced ')' compiled and %s \"hello world\"",
                 any ? "matches" : "does not match");
    }
    assert_true(err[0] != '\0');
}

static void free_accepts_null(void **state)
{
    (void)state;
    eg_pattern_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(unit_code_pattern_matches_registry_codes,
                                        unit_setup, unit_teardown),
        cmocka_unit_test_setup_teardown(unit_code_pattern_refuses_lower_case_and_a_leading_mark,
                                        unit_setup, unit_teardown),
        cmocka_unit_test_setup_teardown(unit_code_pattern_allows_32_characters_and_no_more,
                                        unit_setup, unit_teardown),
        cmocka_unit_test_setup_teardown(pattern_is_anchored_at_both_ends,
                                        unit_setup, unit_teardown),
        cmocka_unit_test(alternation_is_anchored_as_a_whole),
        cmocka_unit_test(word_class_matches_vietnamese_letters),
        cmocka_unit_test(dot_matches_one_character_not_one_byte),
        cmocka_unit_test_setup_teardown(source_is_kept_as_written, unit_setup, unit_teardown),
        cmocka_unit_test(bad_pattern_returns_null_with_a_message),
        cmocka_unit_test(unbalanced_parenthesis_cannot_escape_the_anchors),
        cmocka_unit_test(free_accepts_null),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
