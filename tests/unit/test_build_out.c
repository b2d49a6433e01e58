/*
 * test_build_out.c - cli/build_out.c, the output side of `egreport
 * build`: the outputs' names, the lock and what stands in the way of the
 * year's folder (each said before anything is read), the transaction that
 * puts the outputs in place with their manifest, and the check that finds
 * them up to date.
 *
 * The lock file and the commit themselves have their own tests
 * (test_outlock, test_publish, test_manifest); builds killed at each step
 * are run end to end (tests/e2e_ops.py).
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
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli/build_out.h"
#include "cli/cli.h"
#include "core/diag.h"
#include "core/mem.h"

#include "support.h"

static int is_file(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void put_file(const char *path, const char *text)
{
    FILE *o = fopen(path, "wb");

    assert_non_null(o);
    fputs(text, o);
    assert_int_equal(fclose(o), 0);
}

/* The only problem of dl, a fatal: its code, file and message. */
static void said_once(const eg_diag_list *dl, const char *code, const char *file,
                      const char *message)
{
    assert_int_equal(dl->n, 1);
    assert_int_equal(dl->items[0].severity, EG_FATAL);
    assert_string_equal(dl->items[0].code, code);
    assert_string_equal(dl->items[0].file, file);
    assert_string_equal(dl->items[0].message, message);
}

/* The lock of year 2020's outputs under root: its code, b then freed. */
static int lock_2020(const char *root, eg_diag_list *dl)
{
    eg_build_out b;
    int rc;

    eg_build_out_init(&b, root, 2020);
    rc = eg_build_out_lock(&b, 0, dl);
    eg_build_out_free(&b);
    return rc;
}

/* The lock of year 2020's outputs under root refused with one fatal:
 * its code, file and message (printf's format and arguments). */
static void lock_refused(const char *root, const char *code, const char *file,
                         const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void lock_refused(const char *root, const char *code, const char *file,
                         const char *fmt, ...)
{
    eg_diag_list dl = { 0 };
    char *message;
    va_list ap;

    va_start(ap, fmt);
    assert_true(vasprintf(&message, fmt, ap) >= 0);
    va_end(ap);
    assert_int_equal(lock_2020(root, &dl), -1);
    said_once(&dl, code, file, message);
    eg_diag_free(&dl);
    free(message);
}

static void the_outputs_are_named_after_the_year(void **state)
{
    static const char *const names[EG_OUT_COUNT] = {
        "egov-2021.xlsx", "egov-2021.pdf", "validation.csv", "data.csv", "baseline-2022.csv",
        "egov-2021.manifest",
    };
    eg_build_out b;

    (void)state;
    eg_build_out_init(&b, "out", 2021);
    assert_int_equal(b.year, 2021);
    assert_string_equal(b.root, "out");
    assert_string_equal(b.dir, "out/2021");
    assert_string_equal(b.lock_path, "out/.egreport-2021.lock");
    for (int i = 0; i < EG_OUT_COUNT; i++) {
        char *want = eg_xasprintf("out/2021/%s", names[i]);

        assert_string_equal(b.names[i], names[i]);
        assert_string_equal(b.paths[i], want);
        assert_null(b.tmp[i]);
        assert_string_equal(b.sha[i], "");
        free(want);
    }
    assert_int_equal(b.lock.fd, -1);
    assert_int_equal(b.dir_lock.fd, -1);
    assert_int_equal(b.pub_open, 0);
    eg_build_out_free(&b);
    assert_null(b.root);
    assert_int_equal(b.lock.fd, -1);
}

/* The lock makes the output folder, its parents too, and the lock file
 * beside the year's folder, which only the transaction makes. */
static void the_lock_makes_the_output_folder_but_not_the_years(void **state)
{
    char *dir = eg_test_scratch("eg-bout"), *root = eg_xasprintf("%s/a/b/out", dir), *p;
    eg_diag_list dl = { 0 };
    eg_build_out b;

    (void)state;
    eg_build_out_init(&b, root, 2020);
    assert_int_equal(eg_build_out_lock(&b, 0, &dl), 0);
    assert_int_equal(dl.n, 0);
    assert_true(eg_cli_is_dir(root));
    assert_true(is_file(b.lock_path));
    assert_false(eg_cli_is_dir(b.dir));
    assert_true(b.lock.fd >= 0);
    /* the year's folder is not there to lock */
    assert_int_equal(b.dir_lock.fd, -1);
    assert_int_equal(eg_build_out_writable(&b, &dl), 0);
    assert_int_equal(eg_build_out_begin(&b, &dl), 0);
    assert_true(eg_cli_is_dir(b.dir));
    assert_true(b.dir_lock.fd >= 0);
    for (int i = 0; i < EG_OUT_COUNT; i++) {
        p = eg_xasprintf("%s/.%s.tmp-%ld", b.dir, b.names[i], (long)getpid());
        assert_string_equal(b.tmp[i], p);
        free(p);
    }
    assert_int_equal(dl.n, 0);
    eg_build_out_free(&b);
    free(root);
    eg_test_rm_rf(dir);
}

static void an_output_folder_that_is_a_file_is_said_so(void **state)
{
    char *dir = eg_test_scratch("eg-bout"), *root = eg_xasprintf("%s/out", dir), *under;

    (void)state;
    eg_test_put(dir, "out", "a file\n");
    lock_refused(root, "F_OUTPUT", root,
                 "is not a folder: the output folder given is a file; give --output a folder, "
                 "or move the file away");
    /* a folder under it: mkdir's own words */
    under = eg_xasprintf("%s/out/x", dir);
    lock_refused(under, "F_OUTPUT", under, "cannot create the output folder: Not a directory");
    free(under);
    /* a name too long: mkdir's own words, not "Not a directory" */
    under = eg_xasprintf("%s/%0300d", dir, 0);
    lock_refused(under, "F_OUTPUT", under, "cannot create the output folder: File name too long");
    free(under);
    free(root);
    eg_test_rm_rf(dir);
}

static void an_output_folder_linked_to_nowhere_names_where_it_points(void **state)
{
    char *dir = eg_test_scratch("eg-bout"), *root = eg_xasprintf("%s/out", dir);
    char *to = eg_xasprintf("%s/share/out", dir), *through = eg_xasprintf("%s/file/out", dir);

    (void)state;
    assert_int_equal(symlink(to, root), 0);
    lock_refused(root, "F_OUTPUT", root,
                 "is a symbolic link to %s, which does not exist (is its file system mounted?)",
                 to);
    /* nothing was made where it points */
    assert_false(eg_cli_is_dir(to));
    /* a link to itself cannot be followed */
    assert_int_equal(unlink(root), 0);
    assert_int_equal(symlink(root, root), 0);
    lock_refused(root, "F_OUTPUT", root, "is a symbolic link to %s, which cannot be reached: %s",
                 root, strerror(ELOOP));
    /* nor a link through a file */
    assert_int_equal(unlink(root), 0);
    eg_test_put(dir, "file", "x\n");
    assert_int_equal(symlink(through, root), 0);
    lock_refused(root, "F_OUTPUT", root, "is a symbolic link to %s, which cannot be reached: %s",
                 through, strerror(ENOTDIR));
    free(through);
    free(to);
    free(root);
    eg_test_rm_rf(dir);
}

/* What stands where the year's outputs go is said once the lock is
 * taken, and the lock is let go. */
static void what_stands_where_the_years_folder_goes_is_said(void **state)
{
    char *dir = eg_test_scratch("eg-bout"), *year = eg_xasprintf("%s/2020", dir);
    char *to = eg_xasprintf("%s/gone/2020", dir);
    eg_diag_list dl = { 0 };
    eg_build_out b;

    (void)state;
    eg_test_put(dir, "2020", "not a folder\n");
    lock_refused(dir, "F_OUTPUT", year,
                 "is not a folder: something else stands where the year's outputs go; move it "
                 "away");
    assert_int_equal(unlink(year), 0);
    assert_int_equal(symlink(to, year), 0);
    lock_refused(dir, "F_OUTPUT", year,
                 "is a symbolic link to %s, which does not exist (is its file system mounted?)",
                 to);
    /* and the lock is free again */
    assert_int_equal(unlink(year), 0);
    eg_build_out_init(&b, dir, 2020);
    assert_int_equal(eg_build_out_lock(&b, 0, &dl), 0);
    assert_int_equal(dl.n, 0);
    eg_build_out_free(&b);
    free(to);
    free(year);
    eg_test_rm_rf(dir);
}

/* An output's name taken by a folder: each said, at its path; a link
 * there is no folder (the rename replaces it). */
static void each_folder_standing_at_an_outputs_name_is_said(void **state)
{
    char *dir = eg_test_scratch("eg-bout"), *p;
    eg_diag_list dl = { 0 };
    eg_build_out b;

    (void)state;
    eg_build_out_init(&b, dir, 2020);
    assert_int_equal(mkdir(b.dir, 0755), 0);
    assert_int_equal(mkdir(b.paths[EG_OUT_PDF], 0755), 0);
    assert_int_equal(mkdir(b.paths[EG_OUT_MANIFEST], 0755), 0);
    p = eg_xasprintf("%s/elsewhere", dir);
    assert_int_equal(mkdir(p, 0755), 0);
    assert_int_equal(symlink(p, b.paths[EG_OUT_DATA]), 0);
    free(p);
    assert_int_equal(eg_build_out_lock(&b, 0, &dl), -1);
    assert_int_equal(dl.n, 2);
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(dl.items[i].severity, EG_FATAL);
        assert_string_equal(dl.items[i].code, "F_OUTPUT");
        assert_string_equal(dl.items[i].message,
                            "is a folder: the build writes a file of that name there; move it "
                            "away");
    }
    assert_string_equal(dl.items[0].file, b.paths[EG_OUT_PDF]);
    assert_string_equal(dl.items[1].file, b.paths[EG_OUT_MANIFEST]);
    eg_diag_free(&dl);
    eg_build_out_free(&b);
    eg_test_rm_rf(dir);
}

static void a_second_build_of_the_year_finds_it_busy(void **state)
{
    char *dir = eg_test_scratch("eg-bout"), *year = eg_xasprintf("%s/2020", dir);
    eg_diag_list dl = { 0 };
    eg_build_out first, other;

    (void)state;
    eg_build_out_init(&first, dir, 2020);
    assert_int_equal(eg_build_out_lock(&first, 0, &dl), 0);
    lock_refused(dir, "F_BUSY", year,
                 "another build (process %ld) is writing this folder; gave up after waiting 0 s "
                 "(--wait SECONDS waits longer)", (long)getpid());
    /* another year is another lock */
    eg_build_out_init(&other, dir, 2021);
    assert_int_equal(eg_build_out_lock(&other, 0, &dl), 0);
    eg_build_out_free(&other);
    eg_build_out_free(&first);
    assert_int_equal(lock_2020(dir, &dl), 0);
    assert_int_equal(dl.n, 0);
    free(year);
    eg_test_rm_rf(dir);
}

/* The year's folder reached from a second output folder by a link is
 * locked by the first build that made it. */
static void the_years_folder_reached_through_a_link_is_busy(void **state)
{
    char *dir = eg_test_scratch("eg-bout"), *a = eg_xasprintf("%s/a", dir);
    char *b_root = eg_xasprintf("%s/b", dir), *link = eg_xasprintf("%s/b/2020", dir);
    char *to = eg_xasprintf("%s/a/2020", dir);
    eg_diag_list dl = { 0 };
    eg_build_out first;

    (void)state;
    eg_build_out_init(&first, a, 2020);
    assert_int_equal(eg_build_out_lock(&first, 0, &dl), 0);
    assert_int_equal(eg_build_out_begin(&first, &dl), 0);
    assert_int_equal(mkdir(b_root, 0755), 0);
    assert_int_equal(symlink(to, link), 0);
    lock_refused(b_root, "F_BUSY", link,
                 "another build is writing this folder, reached through another output folder "
                 "(a symbolic link leads both here); gave up after waiting 0 s (--wait SECONDS "
                 "waits longer)");
    eg_build_out_free(&first);
    free(to);
    free(link);
    free(b_root);
    free(a);
    eg_test_rm_rf(dir);
}

/* --- the transaction and the check ------------------------------------- */

/* A year's inputs and layouts to check against: in/2020/units.csv,
 * layouts/indicators.csv. */
typedef struct {
    char *dir, *out, *year_dir, *layouts;
} folders;

static void folders_make(folders *f)
{
    char *in;

    f->dir = eg_test_scratch("eg-bout");
    f->out = eg_xasprintf("%s/out", f->dir);
    in = eg_xasprintf("%s/in", f->dir);
    assert_int_equal(mkdir(in, 0755), 0);
    f->year_dir = eg_xasprintf("%s/2020", in);
    assert_int_equal(mkdir(f->year_dir, 0755), 0);
    eg_test_put(f->year_dir, "units.csv", "code,name,level,parent\nGL,Gia Lai,tinh,\n");
    f->layouts = eg_xasprintf("%s/layouts", f->dir);
    assert_int_equal(mkdir(f->layouts, 0755), 0);
    eg_test_put(f->layouts, "indicators.csv", "code\nx\n");
    free(in);
}

static void folders_free(folders *f)
{
    free(f->out);
    free(f->year_dir);
    free(f->layouts);
    eg_test_rm_rf(f->dir);
}

/* A build of 2020 from f's inputs with settings: its check's answer;
 * when it is up to date, the manifest refreshed, as the command does;
 * when it is not (and write), its outputs written as their own names and
 * committed with the counts 1, 2, 3, 4, 5, 6. */
static int build(const folders *f, const char *settings, int own_year, int force, int write)
{
    eg_diag_list dl = { 0 };
    eg_build_out b;
    int up_to_date;

    eg_build_out_init(&b, f->out, 2020);
    assert_int_equal(eg_build_out_lock(&b, 0, &dl), 0);
    up_to_date = eg_build_out_check(&b, f->year_dir, f->layouts, own_year, settings, force, 1);
    if (up_to_date)
        eg_build_out_refresh(&b);
    if (!up_to_date && write) {
        assert_int_equal(eg_build_out_begin(&b, &dl), 0);
        for (int i = 0; i < EG_OUT_MANIFEST; i++)
            put_file(b.tmp[i], b.names[i]);
        assert_int_equal(eg_build_out_commit(&b, 1, 2, 3, 4, 5, 6, &dl), 0);
    }
    assert_int_equal(dl.n, 0);
    eg_build_out_free(&b);
    return up_to_date;
}

static void the_outputs_are_put_in_place_with_their_manifest(void **state)
{
    folders f;
    eg_manifest m;
    eg_build_out b;

    (void)state;
    folders_make(&f);
    assert_int_equal(build(&f, "s", 0, 0, 1), 0);
    eg_build_out_init(&b, f.out, 2020);
    for (int i = 0; i < EG_OUT_MANIFEST; i++) {
        char got[64] = "";
        FILE *in = fopen(b.paths[i], "rb");

        assert_non_null(in);
        assert_non_null(fgets(got, sizeof got, in));
        fclose(in);
        assert_string_equal(got, b.names[i]);
    }
    eg_manifest_init(&m);
    assert_int_equal(eg_manifest_load(&m, b.paths[EG_OUT_MANIFEST]), 0);
    assert_int_equal(m.exit_code, 1);
    assert_int_equal(m.units_got, 2);
    assert_int_equal(m.units_expected, 3);
    assert_int_equal(m.values, 4);
    assert_int_equal(m.errors, 5);
    assert_int_equal(m.warnings, 6);
    assert_string_equal(m.settings, "s");
    eg_manifest_free(&m);
    /* no temporary file is left */
    for (int i = 0; i < EG_OUT_COUNT; i++) {
        char *tmp = eg_xasprintf("%s/.%s.tmp-%ld", b.dir, b.names[i], (long)getpid());

        assert_false(is_file(tmp));
        free(tmp);
    }
    eg_build_out_free(&b);
    folders_free(&f);
}

/* The same inputs, layouts and settings, with the outputs as written: up
 * to date; anything else, or --force, is another build. */
static void a_build_is_up_to_date_only_with_the_same_inputs_and_outputs(void **state)
{
    folders f;
    char *pdf;

    (void)state;
    folders_make(&f);
    assert_int_equal(build(&f, "s", 0, 0, 1), 0);
    assert_int_equal(build(&f, "s", 0, 0, 0), 1);
    assert_int_equal(build(&f, "s", 0, 1, 0), 0);       /* --force */
    assert_int_equal(build(&f, "t", 0, 0, 0), 0);       /* other settings */
    assert_int_equal(build(&f, "s", 1, 0, 0), 0);       /* the year's own layouts */
    assert_int_equal(build(&f, "s", 0, 0, 0), 1);
    /* an output changed in place */
    pdf = eg_xasprintf("%s/2020/egov-2020.pdf", f.out);
    eg_test_put(f.out, "2020/egov-2020.pdf", "egov-2020.pdX");
    assert_int_equal(build(&f, "s", 0, 0, 1), 0);
    assert_int_equal(build(&f, "s", 0, 0, 0), 1);
    /* the last output, next year's baseline, changed in place */
    eg_test_put(f.out, "2020/baseline-2021.csv", "baseline-2021.csX");
    assert_int_equal(build(&f, "s", 0, 0, 1), 0);
    assert_int_equal(build(&f, "s", 0, 0, 0), 1);
    /* an input added, and a layout changed */
    eg_test_put(f.year_dir, "report.csv", "key,value\n");
    assert_int_equal(build(&f, "s", 0, 0, 1), 0);
    assert_int_equal(build(&f, "s", 0, 0, 0), 1);
    eg_test_put(f.layouts, "indicators.csv", "code\ny\n");
    assert_int_equal(build(&f, "s", 0, 0, 1), 0);
    assert_int_equal(build(&f, "s", 0, 0, 0), 1);
    /* an output gone */
    assert_int_equal(unlink(pdf), 0);
    assert_int_equal(build(&f, "s", 0, 0, 0), 0);
    free(pdf);
    folders_free(&f);
}

static ino_t inode_of(const char *path)
{
    struct stat st;

    assert_int_equal(stat(path, &st), 0);
    return st.st_ino;
}

/* An up-to-date build whose record of the inputs still holds leaves the
 * manifest as it is (the inputs written more than two seconds before the
 * first build's scan, so that its record of them is trusted); when to
 * write it again is test_manifest's and e2e_ops's. */
static void an_up_to_date_build_leaves_a_manifest_that_holds(void **state)
{
    struct timespec wait = { 2, 200 * 1000000L };
    folders f;
    char *manifest;
    ino_t before;

    (void)state;
    folders_make(&f);
    manifest = eg_xasprintf("%s/2020/egov-2020.manifest", f.out);
    while (nanosleep(&wait, &wait) != 0)
        ;
    assert_int_equal(build(&f, "s", 0, 0, 1), 0);
    before = inode_of(manifest);
    assert_int_equal(build(&f, "s", 0, 0, 0), 1);
    assert_true(inode_of(manifest) == before);
    assert_int_equal(build(&f, "s", 0, 0, 0), 1);
    assert_true(inode_of(manifest) == before);
    free(manifest);
    folders_free(&f);
}

/* Without a record of the last build, never up to date; the manifest's
 * record of the outputs is what is committed with them. */
static void a_build_without_a_manifest_is_not_up_to_date(void **state)
{
    folders f;
    char *manifest;

    (void)state;
    folders_make(&f);
    assert_int_equal(build(&f, "s", 0, 0, 1), 0);
    manifest = eg_xasprintf("%s/2020/egov-2020.manifest", f.out);
    assert_int_equal(unlink(manifest), 0);
    assert_int_equal(build(&f, "s", 0, 0, 0), 0);
    free(manifest);
    folders_free(&f);
}

/* An output the writers did not make stops the commit at its name, and
 * nothing is put in place. */
static void an_output_not_written_stops_the_commit(void **state)
{
    folders f;
    eg_diag_list dl = { 0 };
    eg_build_out b;
    char *want;

    (void)state;
    folders_make(&f);
    eg_build_out_init(&b, f.out, 2020);
    assert_int_equal(eg_build_out_lock(&b, 0, &dl), 0);
    assert_int_equal(eg_build_out_check(&b, f.year_dir, f.layouts, 0, "s", 0, 1), 0);
    assert_int_equal(eg_build_out_begin(&b, &dl), 0);
    for (int i = 0; i < EG_OUT_MANIFEST; i++) {
        if (i == EG_OUT_DATA)
            continue;
        put_file(b.tmp[i], "x");
    }
    assert_int_equal(eg_build_out_commit(&b, 0, 1, 1, 1, 0, 0, &dl), -1);
    want = eg_xasprintf("cannot read back the output just written: %s", strerror(ENOENT));
    said_once(&dl, "F_OUTPUT", b.paths[EG_OUT_DATA], want);
    free(want);
    for (int i = 0; i < EG_OUT_COUNT; i++)
        assert_false(is_file(b.paths[i]));
    eg_diag_free(&dl);
    eg_build_out_free(&b);
    folders_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_outputs_are_named_after_the_year),
        cmocka_unit_test(the_lock_makes_the_output_folder_but_not_the_years),
        cmocka_unit_test(an_output_folder_that_is_a_file_is_said_so),
        cmocka_unit_test(an_output_folder_linked_to_nowhere_names_where_it_points),
        cmocka_unit_test(what_stands_where_the_years_folder_goes_is_said),
        cmocka_unit_test(each_folder_standing_at_an_outputs_name_is_said),
        cmocka_unit_test(a_second_build_of_the_year_finds_it_busy),
        cmocka_unit_test(the_years_folder_reached_through_a_link_is_busy),
        cmocka_unit_test(the_outputs_are_put_in_place_with_their_manifest),
        cmocka_unit_test(a_build_is_up_to_date_only_with_the_same_inputs_and_outputs),
        cmocka_unit_test(an_up_to_date_build_leaves_a_manifest_that_holds),
        cmocka_unit_test(a_build_without_a_manifest_is_not_up_to_date),
        cmocka_unit_test(an_output_not_written_stops_the_commit),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
