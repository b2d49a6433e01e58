/*
 * test_manifest.c - the manifest (write/manifest.h): what a scan records,
 * that it leaves out an output folder reached through a link, that it
 * reads back as written (odd names too), what counts as a change,
 * when a digest may be taken from the last scan, and that a manifest
 * that is not whole is no manifest.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/mem.h"
#include "write/manifest.h"

#include "support.h"

static const eg_mf_entry *find(const eg_manifest *m, const char *path)
{
    for (size_t i = 0; i < m->n_inputs; i++)
        if (strcmp(m->inputs[i].path, path) == 0)
            return &m->inputs[i];
    return NULL;
}

/* A year folder: two files, a subfolder, a loop, a pipe, hidden files. */
static char *year(void)
{
    char *d = eg_test_scratch("egmanifest");
    char *p;

    eg_test_put(d, "units.csv", "code,name\n");
    p = eg_xasprintf("%s/submissions", d);
    assert_int_equal(mkdir(p, 0777), 0);
    free(p);
    eg_test_put(d, "submissions/a.csv", "abc");
    eg_test_put(d, "submissions/.hidden.csv", "x");
    eg_test_put(d, "submissions/~$a.xlsx", "x");
    p = eg_xasprintf("%s/submissions/loop.csv", d);
    assert_int_equal(symlink("loop.csv", p), 0);
    free(p);
    p = eg_xasprintf("%s/submissions/again", d);
    assert_int_equal(symlink("..", p), 0);
    free(p);
    p = eg_xasprintf("%s/submissions/pipe.csv", d);
    assert_int_equal(mkfifo(p, 0666), 0);
    free(p);
    return d;
}

static void a_scan_lists_every_entry_the_build_could_read(void **state)
{
    char *d = year();
    eg_manifest m;
    const eg_mf_entry *e;

    (void)state;
    eg_manifest_init(&m);
    assert_int_equal(eg_manifest_scan(&m, d, NULL), 0);
    /* submissions, its again/ a.csv loop.csv pipe.csv, and what again/
     * leads to (the year folder, met again: listed, not entered), units.csv */
    e = find(&m, "submissions/a.csv");
    assert_non_null(e);
    assert_int_equal(e->kind, 'f');
    assert_int_equal(e->size, 3);
    assert_string_equal(e->sha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_int_equal(find(&m, "submissions/loop.csv")->kind, 'x');
    assert_int_equal(find(&m, "submissions/pipe.csv")->kind, 'o');
    assert_int_equal(find(&m, "submissions")->kind, 'd');
    assert_int_equal(find(&m, "units.csv")->kind, 'f');
    assert_null(find(&m, "submissions/.hidden.csv"));
    assert_null(find(&m, "submissions/~$a.xlsx"));
    assert_non_null(find(&m, "submissions/again"));
    assert_null(find(&m, "submissions/again/units.csv"));     /* not entered */
    assert_int_equal(eg_manifest_scan(&m, "/nonexistent/egreport", NULL), -1);
    eg_manifest_free(&m);
    eg_test_rm_rf(d);
}

/* The output folder reached through a link in the year folder: listed,
 * not entered, as a loop is; its files are the build's outputs. */
static void an_output_folder_reached_through_a_link_is_not_entered(void **state)
{
    char *d = eg_test_scratch("egmanifest");
    char *in = eg_xasprintf("%s/in", d), *out = eg_xasprintf("%s/out", d);
    char *year_out = eg_xasprintf("%s/2021", out), *link = eg_xasprintf("%s/archive", in);
    const char *const outs[2] = { out, year_out };
    const char *const none[2] = { NULL, "/nonexistent/egreport" };
    eg_manifest m;

    (void)state;
    assert_int_equal(mkdir(in, 0777), 0);
    assert_int_equal(mkdir(out, 0777), 0);
    assert_int_equal(mkdir(year_out, 0777), 0);
    eg_test_put(in, "units.csv", "code,name\n");
    eg_test_put(year_out, "egov-2021.pdf", "%PDF");
    assert_int_equal(symlink("../out", link), 0);

    eg_manifest_init(&m);
    assert_int_equal(eg_manifest_scan(&m, in, NULL), 0);
    assert_non_null(find(&m, "archive/2021/egov-2021.pdf"));    /* a plain scan enters it */
    eg_manifest_free(&m);

    eg_manifest_init(&m);
    assert_int_equal(eg_manifest_scan_outside(&m, in, NULL, outs), 0);
    assert_int_equal(find(&m, "archive")->kind, 'd');
    assert_null(find(&m, "archive/2021"));
    assert_null(find(&m, "archive/2021/egov-2021.pdf"));
    assert_int_equal(find(&m, "units.csv")->kind, 'f');
    eg_manifest_free(&m);

    /* the year's folder alone (output/2021 -> elsewhere), linked to */
    assert_int_equal(unlink(link), 0);
    assert_int_equal(symlink("../out/2021", link), 0);
    eg_manifest_init(&m);
    assert_int_equal(eg_manifest_scan_outside(&m, in, NULL, outs), 0);
    assert_int_equal(find(&m, "archive")->kind, 'd');
    assert_null(find(&m, "archive/egov-2021.pdf"));
    eg_manifest_free(&m);

    /* output folders not given or missing: nothing left out */
    eg_manifest_init(&m);
    assert_int_equal(eg_manifest_scan_outside(&m, in, NULL, none), 0);
    assert_non_null(find(&m, "archive/egov-2021.pdf"));
    eg_manifest_free(&m);

    free(in);
    free(out);
    free(year_out);
    free(link);
    eg_test_rm_rf(d);
}

static void a_manifest_reads_back_as_written_odd_names_too(void **state)
{
    char *d = eg_test_scratch("egmanifest");
    char *path = eg_xasprintf("%s/m", d);
    eg_manifest m, back;

    (void)state;
    eg_test_put(d, "name with\nnewline and \\ back", "x");
    eg_test_put(d, "Báo cáo tháng 12.csv", "y");
    eg_manifest_init(&m);
    assert_int_equal(eg_manifest_scan(&m, d, NULL), 0);
    m.version = eg_xstrdup("1.2.3");
    m.program = eg_xstrdup("1.2.3 100 5.000000001");
    m.layouts = eg_xstrdup("abc");
    m.settings = eg_xstrdup("SOURCE_DATE_EPOCH= fonts=/usr/share\\x");
    m.exit_code = 1;
    m.units_got = 13;
    m.units_expected = 14;
    m.values = 200;
    m.errors = 2;
    m.warnings = 3;
    assert_int_equal(eg_manifest_add_output(&m, "egov-2021.pdf", path, NULL), -1);  /* no such file */
    eg_test_put(d, "out.pdf", "%PDF");
    {
        char *out = eg_xasprintf("%s/out.pdf", d);

        assert_int_equal(eg_manifest_add_output(&m, "egov-2021.pdf", out, NULL), 0);
        free(out);
    }
    assert_int_equal(eg_manifest_save(&m, path), 0);
    assert_int_equal(eg_manifest_load(&back, path), 0);
    assert_true(eg_manifest_same_build(&m, &back));
    assert_string_equal(back.settings, m.settings);
    assert_int_equal(back.n_inputs, m.n_inputs);
    assert_non_null(find(&back, "name with\nnewline and \\ back"));
    assert_non_null(find(&back, "Báo cáo tháng 12.csv"));
    assert_int_equal(back.exit_code, 1);
    assert_int_equal(back.units_got, 13);
    assert_int_equal(back.values, 200);
    assert_int_equal(back.warnings, 3);
    assert_int_equal(back.n_outputs, 1);
    assert_int_equal(back.outputs[0].size, 4);
    assert_true(eg_manifest_outputs_intact(&back, d) == 0);   /* egov-2021.pdf is not in d */
    eg_manifest_free(&back);
    eg_manifest_free(&m);
    free(path);
    eg_test_rm_rf(d);
}

static void only_a_whole_manifest_is_read(void **state)
{
    char *d = eg_test_scratch("egmanifest");
    char *path = eg_xasprintf("%s/m", d);
    eg_manifest m;
    static const char *const broken[] = {
        "",
        "egreport-manifest 1\nversion 1\nlayouts x\n",                        /* no end */
        "egreport-manifest 2\nversion 1\nlayouts x\nend\n",                   /* another format */
        "egreport-manifest 1\nversion 1\nlayouts x\nresult 7 1 1 1 1 1\nend\n",
        "egreport-manifest 1\nversion 1\nlayouts x\ninput f 3 zz 1 1 1 a\nend\n",
        "egreport-manifest 1\nversion 1\nlayouts x\nwhat is this\nend\n",
        "egreport-manifest 1\nversion 1\nlayouts x\nend\nversion 2\n",
        "egreport-manifest 1\nversion 1\nlayouts x\nend",                     /* cut short */
    };

    (void)state;
    for (size_t i = 0; i < sizeof broken / sizeof *broken; i++) {
        eg_test_put(d, "m", broken[i]);
        if (eg_manifest_load(&m, path) != -1)
            fail_msg("manifest %zu was read", i);
        assert_null(m.version);
    }
    assert_int_equal(eg_manifest_load(&m, "/nonexistent/egreport"), -1);
    free(path);
    eg_test_rm_rf(d);
}

static void what_counts_as_a_change(void **state)
{
    char *d = eg_test_scratch("egmanifest");
    eg_manifest a, b;

    (void)state;
    eg_test_put(d, "units.csv", "abc");
    eg_manifest_init(&a);
    eg_manifest_init(&b);
    assert_int_equal(eg_manifest_scan(&a, d, NULL), 0);
    a.version = eg_xstrdup("1");
    a.layouts = eg_xstrdup("L");
    b.version = eg_xstrdup("1");
    b.layouts = eg_xstrdup("L");
    /* the same bytes written again: no change */
    eg_test_put(d, "units.csv", "abc");
    assert_int_equal(eg_manifest_scan(&b, d, NULL), 0);
    assert_true(eg_manifest_same_build(&a, &b));
    /* the same size, other bytes: a change */
    eg_test_put(d, "units.csv", "abd");
    eg_manifest_free(&b);
    b.version = eg_xstrdup("1");
    b.layouts = eg_xstrdup("L");
    assert_int_equal(eg_manifest_scan(&b, d, NULL), 0);
    assert_false(eg_manifest_same_build(&a, &b));
    /* other layouts, another program: a change */
    eg_test_put(d, "units.csv", "abc");
    eg_manifest_free(&b);
    b.version = eg_xstrdup("1");
    b.layouts = eg_xstrdup("L2");
    assert_int_equal(eg_manifest_scan(&b, d, NULL), 0);
    assert_false(eg_manifest_same_build(&a, &b));
    free(b.layouts);
    b.layouts = eg_xstrdup("L");
    assert_true(eg_manifest_same_build(&a, &b));
    b.program = eg_xstrdup("p");
    assert_false(eg_manifest_same_build(&a, &b));
    eg_manifest_free(&a);
    eg_manifest_free(&b);
    eg_test_rm_rf(d);
}

static void a_digest_is_reused_only_when_the_file_was_quiet_long_before_the_scan(void **state)
{
    char *d = eg_test_scratch("egmanifest");
    char *p;
    eg_manifest prev, now;
    struct timespec old[2] = { { 1600000000, 0 }, { 1600000000, 0 } };

    (void)state;
    eg_test_put(d, "a.csv", "abc");
    p = eg_xasprintf("%s/a.csv", d);
    assert_int_equal(utimensat(AT_FDCWD, p, old, 0), 0);
    eg_manifest_init(&prev);
    assert_int_equal(eg_manifest_scan(&prev, d, NULL), 0);
    /* A digest recorded as something else shows whether it was reused. */
    memset(prev.inputs[0].sha, 'f', 64);
    /* The change time is now, within two seconds of the scan: racy, so
     * the file is read again. */
    eg_manifest_init(&now);
    assert_int_equal(eg_manifest_scan(&now, d, &prev), 0);
    assert_string_equal(now.inputs[0].sha,
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    eg_manifest_free(&now);
    /* Scanned long after the last change: the stat data is trusted. */
    prev.scanned_ns += 10LL * 1000000000;
    eg_manifest_init(&now);
    assert_int_equal(eg_manifest_scan(&now, d, &prev), 0);
    assert_int_equal(now.inputs[0].sha[0], 'f');
    eg_manifest_free(&now);
    /* ...unless the file's stat data differ (another size, or time). */
    eg_test_put(d, "a.csv", "abcd");
    eg_manifest_init(&now);
    assert_int_equal(eg_manifest_scan(&now, d, &prev), 0);
    assert_int_equal(now.inputs[0].size, 4);
    assert_true(now.inputs[0].sha[0] != 'f');
    eg_manifest_free(&now);
    eg_manifest_free(&prev);
    free(p);
    eg_test_rm_rf(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_scan_lists_every_entry_the_build_could_read),
        cmocka_unit_test(an_output_folder_reached_through_a_link_is_not_entered),
        cmocka_unit_test(a_manifest_reads_back_as_written_odd_names_too),
        cmocka_unit_test(only_a_whole_manifest_is_read),
        cmocka_unit_test(what_counts_as_a_change),
        cmocka_unit_test(a_digest_is_reused_only_when_the_file_was_quiet_long_before_the_scan),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
