/*
 * test_cli_args.c - cli/args.c, what the commands' arguments have in
 * common: the YEAR, a folder given with slashes after it, mkdir -p, the
 * year's input folder checked, the year's fatal problems named with its
 * folder, an output folder refused inside the input or the layouts, the
 * layouts found, SOURCE_DATE_EPOCH read.
 *
 * The commands themselves are run end to end (tests/e2e_*.py).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli/cli.h"
#include "core/diag.h"
#include "core/mem.h"

#include "support.h"

/* What stderr got while a check ran; its return in *rc. */
typedef int (*check_fn)(void *arg);

static char *stderr_of(check_fn fn, void *arg, int *rc)
{
    FILE *tmp = tmpfile();
    int saved = dup(STDERR_FILENO);
    static char got[4096];
    ssize_t n;

    assert_non_null(tmp);
    assert_true(saved >= 0);
    fflush(stderr);
    assert_true(dup2(fileno(tmp), STDERR_FILENO) >= 0);
    *rc = fn(arg);
    fflush(stderr);
    assert_true(dup2(saved, STDERR_FILENO) >= 0);
    close(saved);
    n = pread(fileno(tmp), got, sizeof got - 1, 0);
    fclose(tmp);
    assert_true(n >= 0);
    got[n] = '\0';
    return got;
}

static void makedir(const char *dir, const char *name)
{
    char *p = eg_xasprintf("%s/%s", dir, name);

    assert_int_equal(mkdir(p, 0755), 0);
    free(p);
}

/* --- YEAR ---------------------------------------------------------------- */

static void a_year_is_four_digits_from_1900(void **state)
{
    (void)state;
    assert_int_equal(eg_cli_year("2020"), 2020);
    assert_int_equal(eg_cli_year("1900"), 1900);
    assert_int_equal(eg_cli_year("9999"), 9999);
    assert_int_equal(eg_cli_year("0999"), -1);
    assert_int_equal(eg_cli_year("1899"), -1);
    assert_int_equal(eg_cli_year("202"), -1);
    assert_int_equal(eg_cli_year("20201"), -1);
    assert_int_equal(eg_cli_year(""), -1);
    assert_int_equal(eg_cli_year("20a0"), -1);
    assert_int_equal(eg_cli_year("202/"), -1);
    assert_int_equal(eg_cli_year("202:"), -1);
    assert_int_equal(eg_cli_year("+202"), -1);
    assert_int_equal(eg_cli_year(" 202"), -1);
}

static void an_argument_is_an_option_the_year_or_one_too_many(void **state)
{
    int year = 0, have = 0;

    (void)state;
    assert_string_equal(eg_cli_year_arg("-x", &year, &have), "unknown option '%s'");
    assert_string_equal(eg_cli_year_arg("-2020", &year, &have), "unknown option '%s'");
    assert_int_equal(have, 0);
    assert_string_equal(eg_cli_year_arg("20", &year, &have),
                        "YEAR must be a year such as 2020, not '%s'");
    assert_int_equal(have, 0);
    assert_null(eg_cli_year_arg("2021", &year, &have));
    assert_int_equal(year, 2021);
    assert_int_equal(have, 1);
    /* a second year, good or bad, is one too many; an option is still one */
    assert_string_equal(eg_cli_year_arg("2020", &year, &have), "unexpected argument '%s'");
    assert_string_equal(eg_cli_year_arg("x", &year, &have), "unexpected argument '%s'");
    assert_string_equal(eg_cli_year_arg("--strict", &year, &have), "unknown option '%s'");
    assert_int_equal(year, 2021);
}

/* --- folders -------------------------------------------------------------- */

static void a_folder_loses_the_slashes_after_it_but_the_root_stays(void **state)
{
    char a[] = "input///", b[] = "/", c[] = "///", d[] = "a/b/", e[] = "a", f[] = "";

    (void)state;
    assert_string_equal(eg_cli_folder_arg(a), "input");
    assert_string_equal(eg_cli_folder_arg(b), "/");
    assert_string_equal(eg_cli_folder_arg(c), "/");
    assert_string_equal(eg_cli_folder_arg(d), "a/b");
    assert_string_equal(eg_cli_folder_arg(e), "a");
    assert_string_equal(eg_cli_folder_arg(f), "");
}

static void the_years_folder_is_under_its_root_and_under_slash_once(void **state)
{
    char *p;

    (void)state;
    p = eg_cli_year_path("input", 2020);
    assert_string_equal(p, "input/2020");
    free(p);
    p = eg_cli_year_path("/", 1999);
    assert_string_equal(p, "/1999");
    free(p);
    p = eg_cli_year_path("/srv/in", 2021);
    assert_string_equal(p, "/srv/in/2021");
    free(p);
}

static void mkdir_p_makes_the_folders_above_and_says_why_it_cannot(void **state)
{
    char *dir = eg_test_scratch("eg-args"), *p;

    (void)state;
    p = eg_xasprintf("%s/a/b//c/", dir);
    assert_int_equal(eg_cli_mkdir_p(p), 0);
    assert_true(eg_cli_is_dir(p));
    /* there already */
    assert_int_equal(eg_cli_mkdir_p(p), 0);
    assert_int_equal(eg_cli_mkdir_p("/"), 0);
    free(p);
    /* a file in the way, above or at the end */
    eg_test_put(dir, "f", "x\n");
    p = eg_xasprintf("%s/f/x/y", dir);
    errno = 0;
    assert_int_equal(eg_cli_mkdir_p(p), -1);
    assert_int_equal(errno, ENOTDIR);
    free(p);
    p = eg_xasprintf("%s/f", dir);
    errno = 0;
    assert_int_equal(eg_cli_mkdir_p(p), -1);
    assert_int_equal(errno, ENOTDIR);
    free(p);
    /* a name too long, and none */
    p = eg_xasprintf("%s/%0300d/x", dir, 0);
    assert_int_equal(eg_cli_mkdir_p(p), -1);
    assert_int_equal(errno, ENAMETOOLONG);
    free(p);
    assert_int_equal(eg_cli_mkdir_p(""), -1);
    assert_int_equal(errno, ENOENT);
    eg_test_rm_rf(dir);
}

/* The F_INPUT fatal of a year's folder, its message whole. */
static void year_dir_said(const char *dir, const char *message)
{
    eg_diag_list dl = { 0 };

    assert_int_equal(eg_cli_year_dir_check(dir, &dl), -1);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.n_fatal, 1);
    assert_int_equal(dl.items[0].severity, EG_FATAL);
    assert_string_equal(dl.items[0].code, "F_INPUT");
    assert_string_equal(dl.items[0].file, dir);
    assert_int_equal(dl.items[0].row, 0);
    assert_int_equal(dl.items[0].col, 0);
    assert_string_equal(dl.items[0].message, message);
    eg_diag_free(&dl);
}

static void the_years_folder_is_a_folder_or_said_missing_or_a_file(void **state)
{
    char *dir = eg_test_scratch("eg-args"), *p, *q, *want;
    eg_diag_list dl = { 0 };

    (void)state;
    makedir(dir, "2020");
    eg_test_put(dir, "2021", "not a folder\n");
    p = eg_xasprintf("%s/2020", dir);
    assert_int_equal(eg_cli_year_dir_check(p, &dl), 0);
    assert_int_equal(dl.n, 0);
    free(p);

    p = eg_xasprintf("%s/2021", dir);
    want = eg_xasprintf("is not a folder: the year's inputs go in a folder %s/", p);
    year_dir_said(p, want);
    free(want);
    /* through the file, as if it were a folder: ENOTDIR, as missing */
    q = eg_xasprintf("%s/2021/x", dir);
    want = eg_xasprintf("no such folder: the year's inputs go in %s/", q);
    year_dir_said(q, want);
    free(want);
    free(q);
    free(p);

    p = eg_xasprintf("%s/2022", dir);
    want = eg_xasprintf("no such folder: the year's inputs go in %s/", p);
    year_dir_said(p, want);
    free(want);
    free(p);
    eg_test_rm_rf(dir);
}

/* Only the fatal problems of the year's own files (units.csv, report.csv,
 * submissions/) get the year's folder, and only when they lack it. */
static void the_years_own_fatal_problems_are_named_with_its_folder(void **state)
{
    eg_diag_list dl = { 0 };
    static const char *const want[] = {
        "in/2020/units.csv",         /* F_UNITS */
        "in/2020/report.csv",        /* F_REPORT */
        "in/2020/submissions",       /* F_INPUT */
        "units.csv",                 /* F_LAYOUT: not the year's file */
        "units.csv",                 /* an error, not a fatal */
        "/abs/units.csv",            /* a whole path already */
        "in/2020/report.csv",        /* named already */
        "in/20201/report.csv",       /* another folder, named alike */
        NULL,                        /* no file */
    };

    (void)state;
    eg_diag_add(&dl, EG_FATAL, "F_UNITS", "units.csv", 0, 0, NULL, NULL, "a");
    eg_diag_add(&dl, EG_FATAL, "F_REPORT", "report.csv", 0, 0, NULL, NULL, "b");
    eg_diag_add(&dl, EG_FATAL, "F_INPUT", "submissions", 0, 0, NULL, NULL, "c");
    eg_diag_add(&dl, EG_FATAL, "F_LAYOUT", "units.csv", 0, 0, NULL, NULL, "d");
    eg_diag_add(&dl, EG_ERROR, "F_UNITS", "units.csv", 3, 1, NULL, NULL, "e");
    eg_diag_add(&dl, EG_FATAL, "F_UNITS", "/abs/units.csv", 0, 0, NULL, NULL, "f");
    eg_diag_add(&dl, EG_FATAL, "F_REPORT", "in/2020/report.csv", 0, 0, NULL, NULL, "g");
    eg_diag_add(&dl, EG_FATAL, "F_REPORT", "in/20201/report.csv", 0, 0, NULL, NULL, "h");
    eg_diag_add(&dl, EG_FATAL, "F_INPUT", NULL, 0, 0, NULL, NULL, "i");
    eg_cli_name_year_files(&dl, "in", 2020);
    assert_int_equal(dl.n, 9);
    for (size_t i = 0; i < dl.n; i++) {
        char message[2] = { (char)('a' + i), '\0' };

        assert_string_equal(dl.items[i].message, message);
        if (want[i])
            assert_string_equal(dl.items[i].file, want[i]);
        else
            assert_null(dl.items[i].file);
    }
    eg_diag_free(&dl);
}

/* --- the output folder, outside the input -------------------------------- */

typedef struct {
    const char *input, *output, *layouts;
    int year;
} outside_args;

static int outside_input(void *arg)
{
    const outside_args *a = arg;

    return eg_cli_output_outside_input("build", a->input, a->output, a->year,
                                       "the outputs would be read as inputs", "usage: U\n");
}

/* eg_cli_output_outside_input's stderr for output against input, its
 * code in *rc. */
static char *input_check(const char *input, const char *output, int *rc)
{
    outside_args a = { input, output, NULL, 2020 };

    return stderr_of(outside_input, &a, rc);
}

/* output/2020 refused as how ("inside", "the same as") input/2020: the
 * whole of what is said, with the usage. */
static void input_refused(const char *input, const char *output, const char *how)
{
    int rc;
    char *got = input_check(input, output, &rc);
    char *want = eg_xasprintf("egreport build: the output folder %s/2020 is %s the input folder "
                              "%s/2020: the outputs would be read as inputs; give --output a "
                              "folder outside %s/2020\nusage: U\n", output, how, input, input);

    assert_int_equal(rc, EG_EXIT_USAGE);
    assert_string_equal(got, want);
    free(want);
}

/* output/2020 let be against input/2020, without a word. */
static void input_let_be(const char *input, const char *output)
{
    int rc;

    assert_string_equal(input_check(input, output, &rc), "");
    assert_int_equal(rc, -1);
}

static void an_output_folder_in_the_input_folder_is_a_wrong_command_line(void **state)
{
    char *dir = eg_test_scratch("eg-args"), *in, *out;

    (void)state;
    makedir(dir, "in");
    makedir(dir, "in/2020");
    in = eg_xasprintf("%s/in", dir);
    input_refused(in, in, "the same as");
    /* inside, as a folder not made yet: as mkdir -p would make it */
    out = eg_xasprintf("%s/2020/out", in);
    input_refused(in, out, "inside");
    free(out);
    free(in);
    eg_test_rm_rf(dir);
}

static void the_same_folder_by_another_path_is_the_same(void **state)
{
    char *dir = eg_test_scratch("eg-args"), *in, *out, *link;

    (void)state;
    makedir(dir, "in");
    in = eg_xasprintf("%s/in", dir);
    /* through a symbolic link */
    link = eg_xasprintf("%s/link", dir);
    assert_int_equal(symlink(in, link), 0);
    input_refused(in, link, "the same as");
    /* through a folder that does not exist and "..", and "." */
    out = eg_xasprintf("%s/none/./../in/.", dir);
    input_refused(in, out, "the same as");
    free(out);
    /* a slash twice after a folder not made, before ".." */
    out = eg_xasprintf("%s/none//../in", dir);
    input_refused(in, out, "the same as");
    free(out);
    /* ".." up to the root stays at the root */
    out = eg_xasprintf("%s/none/../../../../../../../../../../../../../../..%s/in", dir, dir);
    input_refused(in, out, "the same as");
    free(out);
    free(link);
    free(in);
    eg_test_rm_rf(dir);
}

/* Folders not made yet right under the root are compared too. */
static void an_input_folder_not_made_under_the_root_is_still_compared(void **state)
{
    char *in = eg_xasprintf("/egreport-none-%ld", (long)getpid());

    (void)state;
    assert_false(eg_cli_is_dir(in));
    input_refused(in, in, "the same as");
    free(in);
}

static void a_folder_beside_the_input_named_alike_is_outside_it(void **state)
{
    char *dir = eg_test_scratch("eg-args"), *in, *out;

    (void)state;
    makedir(dir, "in");
    in = eg_xasprintf("%s/in", dir);
    out = eg_xasprintf("%s/in-out", dir);
    input_let_be(in, out);
    free(out);
    /* the input inside the output is fine: output/2020 is not in input/2020 */
    input_let_be(in, dir);
    /* nor an output folder in the input's root beside its years: in/x/2020
     * is not in in/2020 */
    out = eg_xasprintf("%s/in/x", dir);
    input_let_be(in, out);
    free(out);
    free(in);
    eg_test_rm_rf(dir);
}

/* --- the layouts ---------------------------------------------------------- */

static void the_layouts_option_comes_before_the_environment(void **state)
{
    eg_diag_list dl = { 0 };
    char *got;
    int own = -1;

    (void)state;
    setenv("EGREPORT_LAYOUTS", "/from/env//", 1);
    got = eg_find_layouts("/from/option/", 0, &own, &dl);
    assert_string_equal(got, "/from/option");
    assert_int_equal(own, 0);
    free(got);
    got = eg_find_layouts(NULL, 0, &own, &dl);
    assert_string_equal(got, "/from/env");
    free(got);
    /* an empty variable is no variable: ./layouts (the tests run from the
     * repository) */
    setenv("EGREPORT_LAYOUTS", "", 1);
    got = eg_find_layouts(NULL, 0, NULL, &dl);
    assert_string_equal(got, "layouts");
    free(got);
    unsetenv("EGREPORT_LAYOUTS");
    got = eg_find_layouts(NULL, 0, NULL, &dl);
    assert_string_equal(got, "layouts");
    free(got);
    assert_int_equal(dl.n, 0);
}

static void a_year_with_a_layouts_folder_of_its_own_takes_it(void **state)
{
    char *dir = eg_test_scratch("eg-args"), *got, *want;
    eg_diag_list dl = { 0 };
    int own = -1;

    (void)state;
    makedir(dir, "2021");
    makedir(dir, "0");
    eg_test_put(dir, "2022", "a file, not a folder\n");
    got = eg_find_layouts(dir, 2021, &own, &dl);
    want = eg_xasprintf("%s/2021", dir);
    assert_string_equal(got, want);
    assert_int_equal(own, 1);
    free(want);
    free(got);
    got = eg_find_layouts(dir, 2020, &own, &dl);
    assert_string_equal(got, dir);
    assert_int_equal(own, 0);
    free(got);
    got = eg_find_layouts(dir, 2022, &own, &dl);
    assert_string_equal(got, dir);
    assert_int_equal(own, 0);
    free(got);
    /* no year (validate of a file alone): the folder itself, whatever
     * is in it */
    own = -1;
    got = eg_find_layouts(dir, 0, &own, &dl);
    assert_string_equal(got, dir);
    assert_int_equal(own, 0);
    free(got);
    assert_int_equal(dl.n, 0);
    eg_test_rm_rf(dir);
}

static void no_layouts_anywhere_says_how_to_give_them(void **state)
{
    char *dir = eg_test_scratch("eg-args"), cwd[4096];
    eg_diag_list dl = { 0 };
    int own = -1;

    (void)state;
    assert_non_null(getcwd(cwd, sizeof cwd));
    unsetenv("EGREPORT_LAYOUTS");
    assert_int_equal(chdir(dir), 0);
    /* the test's executable has no layouts beside it nor installed */
    assert_null(eg_find_layouts(NULL, 2020, &own, &dl));
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(own, 0);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.items[0].severity, EG_FATAL);
    assert_string_equal(dl.items[0].code, "F_LAYOUT");
    assert_null(dl.items[0].file);
    assert_string_equal(dl.items[0].message,
                        "cannot find the layouts folder: give --layouts DIR or set "
                        "EGREPORT_LAYOUTS");
    eg_diag_free(&dl);
    eg_test_rm_rf(dir);
}

static int outside_layouts(void *arg)
{
    const outside_args *a = arg;

    return eg_cli_output_outside_layouts("build", a->layouts, a->output, a->year, "usage: U\n");
}

/* output/YEAR refused as how ("inside", "the same as") the layouts
 * folder, as the year's own layouts (own) or as layouts: the whole of
 * what is said, with the usage. */
static void layouts_refused(const char *layouts, const char *output, int year, const char *how,
                            int own)
{
    outside_args a = { NULL, output, layouts, year };
    int rc;
    char *got = stderr_of(outside_layouts, &a, &rc);
    char *want = eg_xasprintf("egreport build: the output folder %s/%d is %s the layouts folder "
                              "%s: %s; give --output a folder outside %s\nusage: U\n", output,
                              year, how, layouts,
                              own ? "the outputs would be read as the year's own layouts, and "
                                    "every build of the year after it would fail"
                                  : "the outputs would be read as layouts, and no build would "
                                    "ever be up to date", layouts);

    assert_int_equal(rc, EG_EXIT_USAGE);
    assert_string_equal(got, want);
    free(want);
}

static void an_output_folder_in_the_layouts_is_a_wrong_command_line(void **state)
{
    char *dir = eg_test_scratch("eg-args"), *L, *out;
    outside_args a = { NULL, NULL, NULL, 2021 };
    int rc;

    (void)state;
    makedir(dir, "layouts");
    L = eg_xasprintf("%s/layouts", dir);
    /* --output layouts: layouts/2021 would be 2021's own layouts */
    layouts_refused(L, L, 2021, "inside", 1);
    /* deeper in: read as layouts, the layouts' digest changed */
    out = eg_xasprintf("%s/out", L);
    layouts_refused(L, out, 2021, "inside", 0);
    free(out);
    /* layouts/x/2021: four digits after a folder, not the year's own */
    out = eg_xasprintf("%s/x", L);
    layouts_refused(L, out, 2021, "inside", 0);
    free(out);
    /* the layouts of another year as the output's year folder are not its
     * own: L/2020 as --layouts, --output L with the year 2020 */
    makedir(dir, "layouts/2020");
    out = eg_xasprintf("%s/2020", L);
    layouts_refused(out, L, 2020, "the same as", 0);
    free(out);
    /* beside them, named alike: fine */
    out = eg_xasprintf("%s/layouts-out", dir);
    a.layouts = L;
    a.output = out;
    assert_string_equal(stderr_of(outside_layouts, &a, &rc), "");
    assert_int_equal(rc, -1);
    free(out);
    free(L);
    eg_test_rm_rf(dir);
}

/* --- SOURCE_DATE_EPOCH ---------------------------------------------------- */

static long long epoch_t;

static int read_epoch(void *arg)
{
    (void)arg;
    return eg_cli_source_date_epoch("build", &epoch_t);
}

/* SOURCE_DATE_EPOCH as value (NULL: unset): the code, *t, stderr. */
static char *epoch_of(const char *value, int *rc)
{
    char *got;

    if (value)
        setenv("SOURCE_DATE_EPOCH", value, 1);
    else
        unsetenv("SOURCE_DATE_EPOCH");
    epoch_t = -7;
    got = stderr_of(read_epoch, NULL, rc);
    unsetenv("SOURCE_DATE_EPOCH");
    return got;
}

static void source_date_epoch_is_seconds_up_to_the_end_of_9999(void **state)
{
    static const struct {
        const char *value;
        long long t;
    } good[] = {
        { NULL, 0 },
        { "", 0 },
        { "0", 0 },
        { "1700000000", 1700000000LL },
        { "00042", 42 },
        { "253402300799", 253402300799LL },
    };
    int rc;

    (void)state;
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        assert_string_equal(epoch_of(good[i].value, &rc), "");
        assert_int_equal(rc, -1);
        assert_int_equal(epoch_t, good[i].t);
    }
}

static void a_source_date_epoch_past_9999_or_not_a_number_is_refused(void **state)
{
    static const char *const bad[] = {
        "253402300800", "99999999999999999999999999999",
        "18446744073709551621", /* 2^64 + 5: read on, it would wrap to 5 */
        "-1", "+5", " 5", "5 ", "1e9",
        "17.5", "x",
    };
    int rc;

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *want = eg_xasprintf("egreport build: SOURCE_DATE_EPOCH is '%s': it must be a "
                                  "whole number of seconds since 1970-01-01 00:00 UTC, from 0 "
                                  "to 253402300799 (9999-12-31 23:59:59), or unset\n", bad[i]);

        assert_string_equal(epoch_of(bad[i], &rc), want);
        assert_int_equal(rc, EG_EXIT_USAGE);
        assert_int_equal(epoch_t, 0);
        free(want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_year_is_four_digits_from_1900),
        cmocka_unit_test(an_argument_is_an_option_the_year_or_one_too_many),
        cmocka_unit_test(a_folder_loses_the_slashes_after_it_but_the_root_stays),
        cmocka_unit_test(the_years_folder_is_under_its_root_and_under_slash_once),
        cmocka_unit_test(mkdir_p_makes_the_folders_above_and_says_why_it_cannot),
        cmocka_unit_test(the_years_folder_is_a_folder_or_said_missing_or_a_file),
        cmocka_unit_test(the_years_own_fatal_problems_are_named_with_its_folder),
        cmocka_unit_test(an_output_folder_in_the_input_folder_is_a_wrong_command_line),
        cmocka_unit_test(the_same_folder_by_another_path_is_the_same),
        cmocka_unit_test(an_input_folder_not_made_under_the_root_is_still_compared),
        cmocka_unit_test(a_folder_beside_the_input_named_alike_is_outside_it),
        cmocka_unit_test(the_layouts_option_comes_before_the_environment),
        cmocka_unit_test(a_year_with_a_layouts_folder_of_its_own_takes_it),
        cmocka_unit_test(no_layouts_anywhere_says_how_to_give_them),
        cmocka_unit_test(an_output_folder_in_the_layouts_is_a_wrong_command_line),
        cmocka_unit_test(source_date_epoch_is_seconds_up_to_the_end_of_9999),
        cmocka_unit_test(a_source_date_epoch_past_9999_or_not_a_number_is_refused),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
