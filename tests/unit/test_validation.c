/*
 * test_validation.c - write/validation.h: one CSV field as a spreadsheet
 * must read it back (quoted when needed, quotes doubled, formulas
 * neutralised), and validation.csv's rows, byte for byte.
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
#include "write/validation.h"

/* What eg_csv_field writes for s. */
static char *field(const char *s)
{
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);

    assert_non_null(f);
    eg_csv_field(f, s);
    assert_int_equal(fclose(f), 0);
    return out;
}

static void fields_are_quoted_and_neutralised_as_needed(void **state)
{
    static const char *const cases[][2] = {
        { "plain", "plain" },
        { "", "" },
        { "a,b", "\"a,b\"" },
        { "say \"hi\"", "\"say \"\"hi\"\"\"" },
        { "\"", "\"\"\"\"" },
        { "\"\"x\"", "\"\"\"\"\"x\"\"\"" },
        { "two\nlines", "\"two\nlines\"" },
        { "cr\r", "\"cr\r\"" },
        { " lead", "\" lead\"" },
        { "trail ", "\"trail \"" },
        { "=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" },
        { "+1", "'+1" },
        { "-2", "'-2" },
        { "@SUM(A1)", "'@SUM(A1)" },
        { "Đắk Lắk", "Đắk Lắk" },
        /* the longest a field can grow: quoted, neutralised, each byte a
         * quote doubled (EG_CSV_FIELD_MAX) */
        { "=\"", "\"'=\"\"\"" },
        { "\"\"\"", "\"\"\"\"\"\"\"\"" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = field(cases[i][0]);

        if (strcmp(got, cases[i][1]) != 0)
            fail_msg("'%s': wrote '%s', want '%s'", cases[i][0], got, cases[i][1]);
        assert_true(strlen(got) <= EG_CSV_FIELD_MAX(strlen(cases[i][0])));
        free(got);
    }
    {
        char *got = field(NULL);

        assert_string_equal(got, "");
        free(got);
    }
    {
        /* into a buffer: NULL writes nothing; an empty text on the heap
         * (AddressSanitizer sees a look before its first byte) neither */
        char out[8] = "xxxxxxx", *empty = strdup("");

        assert_non_null(empty);
        assert_int_equal(eg_csv_field_to(out, NULL), 0);
        assert_int_equal(eg_csv_field_to(out, empty), 0);
        assert_string_equal(out, "xxxxxxx");
        free(empty);
    }
}

/* What eg_validation_write writes of dl. */
static char *written(const eg_diag_list *dl)
{
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);

    assert_non_null(f);
    assert_int_equal(eg_validation_write(f, dl), 0);
    assert_int_equal(fclose(f), 0);
    return out;
}

static void validation_csv_has_one_row_per_problem(void **state)
{
    eg_diag_list dl = { 0 };
    char *out;

    (void)state;
    eg_diag_add(&dl, EG_ERROR, "E_VALUE", "submissions/GL_STP.csv", 7, 3, "GL.STP", "ht.cbcc",
                "giá trị \"%s\" không phải số", "12,5a");
    eg_diag_add(&dl, EG_WARNING, "W_LATE", "submissions/x.csv", 0, 0, NULL, NULL, "gửi muộn");
    out = written(&dl);
    assert_string_equal(out,
                        "severity,code,file,row,column,unit,indicator,message\n"
                        "error,E_VALUE,submissions/GL_STP.csv,7,3,GL.STP,ht.cbcc,"
                        "\"giá trị \"\"12,5a\"\" không phải số\"\n"
                        "warning,W_LATE,submissions/x.csv,,,,,gửi muộn\n");
    free(out);
    eg_diag_free(&dl);
}

/* Every text field is one CSV field whatever it holds: a file name with
 * a comma, a unit or an indicator starting as a formula would; a fatal
 * problem says so. */
static void each_text_of_a_problem_is_one_field(void **state)
{
    eg_diag_list dl = { 0 };
    char *out;

    (void)state;
    eg_diag_add(&dl, EG_FATAL, "F_X,Y", "submissions/a, b.csv", 1, 1, "=GL", "-ht.cbcc",
                "\"ngắn\"");
    out = written(&dl);
    assert_string_equal(out,
                        "severity,code,file,row,column,unit,indicator,message\n"
                        "fatal,\"F_X,Y\",\"submissions/a, b.csv\",1,1,'=GL,'-ht.cbcc,"
                        "\"\"\"ngắn\"\"\"\n");
    free(out);
    eg_diag_free(&dl);
}

/* A file that cannot take what is written (a full disk) is said: -1. */
static void a_write_that_fails_is_said(void **state)
{
    eg_diag_list dl = { 0 };
    FILE *f = fopen("/dev/full", "w");

    (void)state;
    if (!f)
        skip();
    assert_int_equal(setvbuf(f, NULL, _IONBF, 0), 0);
    eg_diag_add(&dl, EG_ERROR, "E_VALUE", "x.csv", 2, 3, "GL", "ht.cbcc", "sai");
    assert_int_equal(eg_validation_write(f, &dl), -1);
    fclose(f);
    eg_diag_free(&dl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fields_are_quoted_and_neutralised_as_needed),
        cmocka_unit_test(validation_csv_has_one_row_per_problem),
        cmocka_unit_test(each_text_of_a_problem_is_one_field),
        cmocka_unit_test(a_write_that_fails_is_said),
    };

    return cmocka_run_group_tests_name("validation.csv", tests, NULL, NULL);
}
