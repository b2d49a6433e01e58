/*
 * test_manifest.c - the manifest (write/manifest.h): what a scan records,
 * that it leaves out an output folder reached through a link, that it
 * reads back as written (odd names too), what counts as a change,
 * when a digest may be taken from the last scan, and that a manifest
 * that is not whole is no manifest.  Then what mutants of manifest.c got
 * past those: the stat cache's every field and its two-second bound,
 * the order, loops and depth of a scan, the layouts' digest, every field
 * of the text form written and checked, a full disk, each change that
 * makes another build, when the record is refreshed, when the outputs in
 * place are trusted, and what cannot be read.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/mem.h"
#include "write/manifest.h"

#include "support.h"

/* The SHA-256 of "abc" and of nothing. */
#define ABC_SHA "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define EMPTY_SHA "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

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

/* A copy of prev's only input a.csv, altered by what, shows whether the
 * next scan takes its digest ('f'...) or reads the file again. */
static int reused(const char *d, const eg_manifest *prev, void (*what)(eg_mf_entry *e))
{
    eg_manifest p = *prev, now;
    eg_mf_entry e = prev->inputs[0];
    int r;

    e.path = prev->inputs[0].path;
    if (what)
        what(&e);
    p.inputs = &e;
    p.n_inputs = 1;
    eg_manifest_init(&now);
    assert_int_equal(eg_manifest_scan(&now, d, &p), 0);
    assert_int_equal(now.n_inputs, 1);
    r = now.inputs[0].sha[0] == 'f';
    if (!r)
        assert_string_equal(now.inputs[0].sha,
                            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    eg_manifest_free(&now);
    return r;
}

static void other_inode(eg_mf_entry *e) { e->ino++; }
static void other_size(eg_mf_entry *e) { e->size = 4; }
static void other_mtime(eg_mf_entry *e) { e->mtime_ns++; }
static void other_ctime(eg_mf_entry *e) { e->ctime_ns++; }

/* Each of the inode, the size, the modification and the change time
 * recorded must be the file's for its digest to be taken; and "within
 * two seconds before the scan" is exact, for either time. */
static void a_digest_is_reused_only_for_the_same_inode_size_and_times_two_seconds_old(void **state)
{
    char *d = eg_test_scratch("egmanifest");
    char *p = eg_xasprintf("%s/a.csv", d);
    struct timespec t[2] = { { 1600000000, 0 }, { 1600000000, 0 } };
    eg_manifest prev;
    long long two = 2LL * 1000000000;

    (void)state;
    eg_test_put(d, "a.csv", "abc");
    /* modified long ago, changed (ctime) now */
    assert_int_equal(utimensat(AT_FDCWD, p, t, 0), 0);
    eg_manifest_init(&prev);
    assert_int_equal(eg_manifest_scan(&prev, d, NULL), 0);
    memset(prev.inputs[0].sha, 'f', 64);
    prev.scanned_ns = prev.inputs[0].ctime_ns + two + 1;
    assert_true(reused(d, &prev, NULL));
    assert_false(reused(d, &prev, other_inode));
    assert_false(reused(d, &prev, other_size));
    assert_false(reused(d, &prev, other_mtime));
    assert_false(reused(d, &prev, other_ctime));
    /* changed exactly two seconds before the scan: racy */
    prev.scanned_ns = prev.inputs[0].ctime_ns + two;
    assert_false(reused(d, &prev, NULL));
    prev.scanned_ns = prev.inputs[0].ctime_ns + two / 2;      /* one second */
    assert_false(reused(d, &prev, NULL));
    eg_manifest_free(&prev);

    /* modified "in the future" (a clock set wrong), changed now: the
     * modification time alone makes it racy */
    t[0].tv_sec = t[1].tv_sec = time(NULL) + 100;
    assert_int_equal(utimensat(AT_FDCWD, p, t, 0), 0);
    eg_manifest_init(&prev);
    assert_int_equal(eg_manifest_scan(&prev, d, NULL), 0);
    memset(prev.inputs[0].sha, 'f', 64);
    prev.scanned_ns = prev.inputs[0].mtime_ns + two;
    assert_false(reused(d, &prev, NULL));
    prev.scanned_ns = prev.inputs[0].mtime_ns + two + 1;
    assert_true(reused(d, &prev, NULL));
    prev.scanned_ns = prev.inputs[0].ctime_ns + 10 * two;     /* ctime quiet, mtime not */
    assert_false(reused(d, &prev, NULL));
    eg_manifest_free(&prev);
    free(p);
    eg_test_rm_rf(d);
}

/* The entries in strcmp order, a folder's own right after it; a link to
 * the folder it is in is listed, not entered; a folder 16 below the
 * scanned one is entered, one 17 below is listed only; the time of the
 * scan is taken while it runs. */
static void a_scan_lists_in_name_order_and_stops_at_loops_and_depth(void **state)
{
    static const char *const order[] = { "B.csv", "a", "a/z.csv", "b.csv", "c.csv", "d.csv",
                                         "e.csv", "f.csv", "g.csv", "self_dir", "self_dir/self" };
    char *d = eg_test_scratch("egmanifest");
    char *p, *deep;
    eg_manifest m;
    struct timespec before, after;

    (void)state;
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        size_t k = (i * 7) % (sizeof order / sizeof *order);   /* made out of order */

        if (strcmp(order[k], "a") == 0 || strcmp(order[k], "self_dir") == 0) {
            p = eg_xasprintf("%s/%s", d, order[k]);
            mkdir(p, 0777);
            free(p);
        }
    }
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        size_t k = (i * 7) % (sizeof order / sizeof *order);

        if (strstr(order[k], ".csv"))
            eg_test_put(d, order[k], "x");
    }
    p = eg_xasprintf("%s/self_dir/self", d);
    assert_int_equal(symlink(".", p), 0);
    free(p);
    eg_manifest_init(&m);
    assert_int_equal(clock_gettime(CLOCK_REALTIME, &before), 0);
    assert_int_equal(eg_manifest_scan(&m, d, NULL), 0);
    assert_int_equal(clock_gettime(CLOCK_REALTIME, &after), 0);
    assert_true(m.scanned_ns >= before.tv_sec * 1000000000LL + before.tv_nsec);
    assert_true(m.scanned_ns <= after.tv_sec * 1000000000LL + after.tv_nsec);
    assert_int_equal(m.n_inputs, sizeof order / sizeof *order);
    for (size_t i = 0; i < m.n_inputs; i++)
        assert_string_equal(m.inputs[i].path, order[i]);
    assert_int_equal(find(&m, "self_dir/self")->kind, 'd');
    eg_manifest_free(&m);
    eg_test_rm_rf(d);

    /* 1/2/.../18, each folder holding a file f */
    d = eg_test_scratch("egmanifest");
    deep = eg_xstrdup(d);
    for (int i = 1; i <= 18; i++) {
        char *next = eg_xasprintf("%s/%d", deep, i);

        assert_int_equal(mkdir(next, 0777), 0);
        eg_test_put(next, "f", "x");
        free(deep);
        deep = next;
    }
    free(deep);
    eg_manifest_init(&m);
    assert_int_equal(eg_manifest_scan(&m, d, NULL), 0);
    assert_non_null(find(&m, "1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/f"));
    assert_int_equal(find(&m, "1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17")->kind, 'd');
    assert_null(find(&m, "1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17/f"));
    eg_manifest_free(&m);
    eg_test_rm_rf(d);
}

/* The layouts' digest: the SHA-256 over "KIND SIZE SHA " and the path
 * with its NUL of each entry, in the scan's order (kept as it is: a
 * change rebuilds every year once); a year's own folder and all in it
 * left out, a folder only named like one not. */
static void the_layouts_digest_is_their_names_and_bytes_but_a_years_own(void **state)
{
    char *d = eg_test_scratch("egmanifest");
    char hex[65], again[65];
    char *p;

    (void)state;
    eg_test_put(d, "a", "abc");
    p = eg_xasprintf("%s/s", d);
    assert_int_equal(mkdir(p, 0777), 0);
    free(p);
    eg_test_put(d, "s/b", "");
    assert_int_equal(eg_manifest_digest_dir(d, hex), 0);
    assert_string_equal(hex, "d39ae8928ef066e0b64fcac8396c3f63f72829b114e62d88ce146794b61791d4");

    /* a year's own layouts, empty or not: the same digest */
    p = eg_xasprintf("%s/2021", d);
    assert_int_equal(mkdir(p, 0777), 0);
    free(p);
    assert_int_equal(eg_manifest_digest_dir(d, again), 0);
    assert_string_equal(again, hex);
    eg_test_put(d, "2021/indicators.csv", "x");
    assert_int_equal(eg_manifest_digest_dir(d, again), 0);
    assert_string_equal(again, hex);
    /* a folder of five digits is no year */
    p = eg_xasprintf("%s/20211", d);
    assert_int_equal(mkdir(p, 0777), 0);
    free(p);
    assert_int_equal(eg_manifest_digest_dir(d, again), 0);
    assert_string_not_equal(again, hex);
    eg_test_rm_rf(d);
    assert_int_equal(eg_manifest_digest_dir("/nonexistent/egreport", hex), -1);
    assert_string_equal(hex, "");
}

/* The whole of a small file, NUL-terminated. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = eg_xmalloc(65536);
    size_t n;

    assert_non_null(f);
    n = fread(buf, 1, 65535, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Every field of the text form, read back as written: the counts each in
 * its place, a file's inode and times (a time before 1970 too), the time
 * of the scan; a carriage return in a name escaped as docs/operations.md
 * says, so that the line is one line to any reader. */
static void every_field_reads_back_in_its_place(void **state)
{
    char *d = eg_test_scratch("egmanifest");
    char *path = eg_xasprintf("%s/m", d);
    eg_manifest m, back;
    eg_mf_entry *e;
    char *text;

    (void)state;
    eg_manifest_init(&m);
    m.version = eg_xstrdup("1");
    m.program = eg_xstrdup("p");
    m.layouts = eg_xstrdup("l");
    m.settings = eg_xstrdup("s");
    m.scanned_ns = 1700000000123456789LL;
    m.exit_code = 0;
    m.units_got = 11;
    m.units_expected = 12;
    m.values = 13;
    m.errors = 14;
    m.warnings = 15;
    m.inputs = eg_xcalloc(2, sizeof *m.inputs);
    m.n_inputs = 2;
    e = &m.inputs[0];
    e->kind = 'f';
    e->path = eg_xstrdup("a\rb.csv");
    e->size = 3;
    memcpy(e->sha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", 65);
    e->ino = 18446744073709551609ULL;
    e->mtime_ns = -86400LL * 1000000000;
    e->ctime_ns = 1600000000000000007LL;
    m.inputs[1].kind = 'o';
    m.inputs[1].path = eg_xstrdup("pipe");
    m.inputs[1].size = -1;
    assert_int_equal(eg_manifest_save(&m, path), 0);
    text = slurp(path);
    assert_non_null(strstr(text, "\nscanned 1700000000123456789\nresult 0 11 12 13 14 15\n"
                                 "input f 3 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad "
                                 "18446744073709551609 -86400000000000 1600000000000000007 a\\rb.csv\n"
                                 "input o - - - - - pipe\nend\n"));
    free(text);
    assert_int_equal(eg_manifest_load(&back, path), 0);
    assert_int_equal(back.scanned_ns, m.scanned_ns);
    assert_int_equal(back.exit_code, 0);
    assert_int_equal(back.units_got, 11);
    assert_int_equal(back.units_expected, 12);
    assert_int_equal(back.values, 13);
    assert_int_equal(back.errors, 14);
    assert_int_equal(back.warnings, 15);
    assert_int_equal(back.n_inputs, 2);
    assert_int_equal(back.inputs[0].kind, 'f');
    assert_string_equal(back.inputs[0].path, "a\rb.csv");
    assert_int_equal(back.inputs[0].size, 3);
    assert_true(back.inputs[0].ino == 18446744073709551609ULL);
    assert_true(back.inputs[0].mtime_ns == -86400LL * 1000000000);
    assert_true(back.inputs[0].ctime_ns == 1600000000000000007LL);
    assert_int_equal(back.inputs[1].kind, 'o');
    assert_true(eg_manifest_same_build(&m, &back));
    eg_manifest_free(&back);
    eg_manifest_free(&m);
    free(path);
    eg_test_rm_rf(d);
}

/* A manifest that cannot be written whole says so, with the system's
 * reason. */
static void a_manifest_on_a_full_disk_is_an_error(void **state)
{
    eg_manifest m;

    (void)state;
    eg_manifest_init(&m);
    m.version = eg_xstrdup("1");
    m.layouts = eg_xstrdup("l");
    errno = 0;
    assert_int_equal(eg_manifest_save(&m, "/dev/full"), -1);
    assert_int_equal(errno, ENOSPC);
    assert_int_equal(eg_manifest_save(&m, "/nonexistent/egreport/m"), -1);
    assert_int_equal(errno, ENOENT);
    eg_manifest_free(&m);
}

/* Each field of each record is checked: a manifest with one that is not
 * what this program writes is no manifest (and the build builds). */
static void a_manifest_with_any_field_amiss_is_not_read(void **state)
{
#define SHA "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    static const char *const amiss[] = {
        "scanned \n",                                          /* no number */
        "scanned 99999999999999999999\n",                      /* past 64 bits */
        "scanned 1x\n",
        "end x\n",                                             /* more after end, last */
        "program\n",                                           /* a key, no value */
        "result 2 1 1 1 1 1\n",                                /* exit codes 0 and 1 only */
        "result -1 1 1 1 1 1\n",
        "result 0 1 1 1 1 1 1\n",                              /* seven numbers */
        "result 0 1 1 1 1\n",                                  /* five */
        "input ff 3 " SHA " 1 1 1 a\n",                        /* kinds f d o x */
        "input z - - - - - a\n",
        "input  - - - - - a\n",
        "input f x " SHA " 1 1 1 a\n",                         /* size */
        "input f 3 " SHA "0 1 1 1 a\n",                        /* 65 hex digits */
        "input f 3 " "ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" " 1 1 1 a\n",
        "input f 3 " "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD" " 1 1 1 a\n",
        "input f 3 " SHA " -1 1 1 a\n",                        /* inode */
        "input f 3 " SHA " 99999999999999999999 1 1 a\n",
        "input f 3 " SHA " 1 x 1 a\n",                         /* mtime */
        "input f 3 " SHA " 1 1 x a\n",                         /* ctime */
        "input f 3 " SHA " 1 1 1\n",                           /* no path */
        "input d - - - - -\n",
        "output 3 " SHA "\n",                                  /* no name */
        "output 3 zz egov-2021.pdf\n",
        "output x " SHA " egov-2021.pdf\n",
        "version 1\0\n",                                       /* a NUL */
    };
    char *d = eg_test_scratch("egmanifest");
    char *path = eg_xasprintf("%s/m", d);
    eg_manifest m;

    (void)state;
    for (size_t i = 0; i < sizeof amiss / sizeof *amiss; i++) {
        char *text = eg_xasprintf("egreport-manifest 1\nversion 1\nlayouts x\n%s%s", amiss[i],
                                  strncmp(amiss[i], "end", 3) == 0 ? "" : "end\n");
        FILE *f = fopen(path, "wb");

        assert_non_null(f);
        /* "version 1\0\n": the NUL written too */
        if (strncmp(amiss[i], "version 1", 9) == 0) {
            fputs("egreport-manifest 1\nversion 1", f);
            fputc('\0', f);
            fputs("\nlayouts x\nend\n", f);
        } else {
            fputs(text, f);
        }
        fclose(f);
        free(text);
        if (eg_manifest_load(&m, path) != -1)
            fail_msg("manifest with %s was read", amiss[i]);
        assert_null(m.version);
    }
    /* nor without its version or its layouts */
    eg_test_put(d, "m", "egreport-manifest 1\nlayouts x\nend\n");
    assert_int_equal(eg_manifest_load(&m, path), -1);
    eg_test_put(d, "m", "egreport-manifest 1\nversion 1\nend\n");
    assert_int_equal(eg_manifest_load(&m, path), -1);
    /* what each checked field may be: read */
    eg_test_put(d, "m", "egreport-manifest 1\nversion 1\nlayouts x\nscanned -5\n"
                        "result 1 0 0 0 0 0\ninput f 0 " SHA " 0 -1 -1 a\\\n"
                        "input x - - - - - b\noutput 0 " SHA " c\nend\n");
    assert_int_equal(eg_manifest_load(&m, path), 0);
    assert_true(m.scanned_ns == -5);
    assert_int_equal(m.exit_code, 1);
    assert_string_equal(m.inputs[0].path, "a\\");
    assert_true(m.inputs[0].mtime_ns == -1);
    assert_int_equal(m.inputs[1].kind, 'x');
    assert_string_equal(m.outputs[0].path, "c");
    eg_manifest_free(&m);
    free(path);
    eg_test_rm_rf(d);
#undef SHA
}

/* Two records of one folder, a and b, to compare: version "1" and
 * layouts "L" each. */
static void rescan(eg_manifest *m, const char *d)
{
    eg_manifest_free(m);
    m->version = eg_xstrdup("1");
    m->layouts = eg_xstrdup("L");
    m->settings = eg_xstrdup("S");
    assert_int_equal(eg_manifest_scan(m, d, NULL), 0);
}

/* What else counts as a change: the version, the settings, a file added
 * or removed, a name changed, a file become a folder, the same bytes
 * modified on another day. */
static void more_of_what_counts_as_a_change(void **state)
{
    char *d = eg_test_scratch("egmanifest");
    char *p = eg_xasprintf("%s/x", d);
    eg_manifest a, b;

    (void)state;
    eg_manifest_init(&a);
    eg_manifest_init(&b);
    eg_test_put(d, "units.csv", "abc");
    assert_int_equal(mkdir(p, 0777), 0);
    rescan(&a, d);
    rescan(&b, d);
    assert_true(eg_manifest_same_build(&a, &b));
    free(b.version);
    b.version = eg_xstrdup("2");
    assert_false(eg_manifest_same_build(&a, &b));
    rescan(&b, d);
    free(b.settings);
    b.settings = eg_xstrdup("S2");
    assert_false(eg_manifest_same_build(&a, &b));
    free(b.settings);
    b.settings = NULL;
    assert_false(eg_manifest_same_build(&a, &b));
    /* a file added (last in order), then removed */
    eg_test_put(d, "z.csv", "abc");
    rescan(&b, d);
    assert_false(eg_manifest_same_build(&a, &b));
    assert_false(eg_manifest_same_build(&b, &a));
    /* renamed, the same bytes (in the same place in the order) */
    {
        char *u = eg_xasprintf("%s/units.csv", d), *v = eg_xasprintf("%s/v.csv", d);
        char *z = eg_xasprintf("%s/z.csv", d);

        assert_int_equal(unlink(z), 0);
        assert_int_equal(rename(u, v), 0);
        rescan(&b, d);
        assert_int_equal(b.n_inputs, a.n_inputs);
        assert_false(eg_manifest_same_build(&a, &b));
        assert_int_equal(rename(v, u), 0);
        free(u);
        free(v);
        free(z);
    }
    rescan(&b, d);
    assert_true(eg_manifest_same_build(&a, &b));
    /* the folder x become an empty file x */
    assert_int_equal(rmdir(p), 0);
    eg_test_put(d, "x", "");
    rescan(&b, d);
    assert_false(eg_manifest_same_build(&a, &b));
    assert_false(eg_manifest_same_build(&b, &a));
    eg_manifest_free(&b);
    eg_manifest_free(&a);

    /* a file's day of modification, in the process's time zone: an hour
     * later the same day is the same build, a day later is not */
    setenv("TZ", "UTC", 1);
    tzset();
    eg_manifest_init(&a);
    eg_manifest_init(&b);
    rescan(&a, d);
    rescan(&b, d);
    a.inputs[0].mtime_ns = 1600000000LL * 1000000000;    /* 2020-09-13 12:26:40 */
    b.inputs[0].mtime_ns = a.inputs[0].mtime_ns + 3600LL * 1000000000;
    assert_true(eg_manifest_same_build(&a, &b));
    b.inputs[0].mtime_ns = a.inputs[0].mtime_ns + 86400LL * 1000000000;
    assert_false(eg_manifest_same_build(&a, &b));
    unsetenv("TZ");
    tzset();
    eg_manifest_free(&b);
    eg_manifest_free(&a);
    free(p);
    eg_test_rm_rf(d);
}

/* The record is worth rewriting (cache_stale) only when some file that
 * the old record makes the next check read again would not be read by
 * the new one: racy then, quiet now. */
static void the_record_is_refreshed_only_when_that_spares_a_read(void **state)
{
    char *d = eg_test_scratch("egmanifest");
    char *p = eg_xasprintf("%s/b.csv", d);
    struct timespec t[2] = { { 1600000000, 0 }, { 1600000000, 0 } };
    eg_manifest old, now;
    long long quiet;

    (void)state;
    eg_test_put(d, "a.csv", "abc");
    eg_test_put(d, "b.csv", "abc");
    assert_int_equal(utimensat(AT_FDCWD, p, t, 0), 0);
    eg_manifest_init(&old);
    eg_manifest_init(&now);
    assert_int_equal(eg_manifest_scan(&old, d, NULL), 0);
    assert_int_equal(eg_manifest_scan(&now, d, NULL), 0);
    quiet = old.inputs[1].ctime_ns + 3LL * 1000000000;
    if (old.inputs[0].ctime_ns + 3LL * 1000000000 > quiet)
        quiet = old.inputs[0].ctime_ns + 3LL * 1000000000;
    /* both racy: nothing to spare */
    old.scanned_ns = now.scanned_ns = quiet - 3LL * 1000000000;
    assert_false(eg_manifest_cache_stale(&old, &now));
    /* racy in the old record, quiet in the new: the second file too */
    now.scanned_ns = quiet;
    assert_true(eg_manifest_cache_stale(&old, &now));
    /* quiet in both */
    old.scanned_ns = quiet;
    assert_false(eg_manifest_cache_stale(&old, &now));
    /* old's look of b.csv another than now's: old makes it read */
    old.inputs[1].ctime_ns--;
    assert_true(eg_manifest_cache_stale(&old, &now));
    eg_manifest_free(&now);
    eg_manifest_free(&old);
    free(p);
    eg_test_rm_rf(d);
}

/* The outputs in place are trusted only as listed: none listed is no
 * build; one of the same size with other bytes is not it. */
static void outputs_are_intact_only_as_listed(void **state)
{
    char *d = eg_test_scratch("egmanifest");
    char *out = eg_xasprintf("%s/egov-2021.pdf", d);
    eg_manifest m;

    (void)state;
    eg_manifest_init(&m);
    assert_false(eg_manifest_outputs_intact(&m, d));
    eg_test_put(d, "egov-2021.pdf", "%PDF");
    assert_int_equal(eg_manifest_add_output(&m, "egov-2021.pdf", out,
                                            "0000000000000000000000000000000000000000000000000000000000000000"),
                     0);
    assert_int_equal(m.outputs[0].size, 4);
    assert_string_equal(m.outputs[0].sha, "0000000000000000000000000000000000000000000000000000000000000000");
    assert_false(eg_manifest_outputs_intact(&m, d));
    eg_manifest_free(&m);
    assert_int_equal(eg_manifest_add_output(&m, "egov-2021.pdf", out, NULL), 0);
    assert_true(eg_manifest_outputs_intact(&m, d));
    eg_test_put(d, "egov-2021.pdf", "%PDX");
    assert_false(eg_manifest_outputs_intact(&m, d));
    eg_manifest_free(&m);
    free(out);
    eg_test_rm_rf(d);
}

/* What the scan cannot read is recorded as unreadable ('x'): a file it
 * cannot open, a folder it cannot list.  Run as nobody when run as
 * root, whom no mode stops. */
static void what_cannot_be_read_is_recorded_as_unreadable(void **state)
{
    char *d = eg_test_scratch("egmanifest");
    char *file = eg_xasprintf("%s/a.csv", d), *sub = eg_xasprintf("%s/sub", d);
    int status;
    pid_t pid;

    (void)state;
    assert_int_equal(chmod(d, 0755), 0);
    eg_test_put(d, "a.csv", "abc");
    eg_test_put(d, "c.csv", "abc");
    assert_int_equal(mkdir(sub, 0777), 0);
    eg_test_put(sub, "b.csv", "abc");
    assert_int_equal(chmod(file, 0), 0);
    assert_int_equal(chmod(sub, 0), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        eg_manifest m;
        const eg_mf_entry *a, *c, *s;
        int rc = 0;

        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            rc = 77;
        /* read by one thread, then by two (a.csv and c.csv each by one) */
        for (int jobs = 1; jobs <= 2 && !rc; jobs++) {
            eg_manifest_init(&m);
            if (eg_manifest_scan_jobs(&m, d, NULL, NULL, jobs) != 0) {
                rc = 1;
            } else {
                a = find(&m, "a.csv");
                c = find(&m, "c.csv");
                s = find(&m, "sub");
                if (!a || a->kind != 'x' || a->size != -1 || a->sha[0])
                    rc = 2;
                else if (!s || s->kind != 'x' || m.n_inputs != 3)
                    rc = 3;
                else if (!c || c->kind != 'f' || strcmp(c->sha, ABC_SHA) != 0)
                    rc = 4;
            }
            eg_manifest_free(&m);
        }
        free(file);             /* the child's copies: leak checkers see it exit */
        free(sub);
        free(d);
        _exit(rc);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) != 77)
        assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(chmod(sub, 0755), 0);
    free(file);
    free(sub);
    eg_test_rm_rf(d);
}

/* Every entry of two scans, the same: path, kind, size, digest. */
static void same_entries(const eg_manifest *a, const eg_manifest *b)
{
    assert_int_equal(a->n_inputs, b->n_inputs);
    for (size_t i = 0; i < a->n_inputs; i++) {
        assert_string_equal(a->inputs[i].path, b->inputs[i].path);
        assert_int_equal(a->inputs[i].kind, b->inputs[i].kind);
        assert_int_equal(a->inputs[i].size, b->inputs[i].size);
        assert_string_equal(a->inputs[i].sha, b->inputs[i].sha);
    }
}

/* Files of several sizes (none, three bytes, tens and hundreds of KB, in
 * a subfolder too) read by one thread and by up to four: the same scan,
 * each digest its own file's; with a last scan's record, only the files
 * it cannot vouch for are read, by whichever thread. */
static void files_read_by_several_threads_give_the_scan_of_one(void **state)
{
    char *d = eg_test_scratch("egmanifest");
    char *big = eg_xmalloc(300001), *p;
    eg_manifest one, many, prev;

    (void)state;
    for (size_t i = 0; i < 300000; i++)
        big[i] = (char)('a' + i % 26);
    big[300000] = '\0';
    eg_test_put(d, "a.csv", "abc");
    eg_test_put(d, "b.csv", big + 200000);
    eg_test_put(d, "empty.csv", "");
    eg_test_put(d, "large.csv", big);
    p = eg_xasprintf("%s/sub", d);
    assert_int_equal(mkdir(p, 0777), 0);
    free(p);
    eg_test_put(d, "sub/c.csv", big + 230000);
    eg_manifest_init(&one);
    assert_int_equal(eg_manifest_scan_jobs(&one, d, NULL, NULL, 1), 0);
    assert_int_equal(one.n_inputs, 6);
    assert_string_equal(find(&one, "a.csv")->sha, ABC_SHA);
    assert_string_equal(find(&one, "empty.csv")->sha, EMPTY_SHA);
    assert_int_equal(find(&one, "large.csv")->size, 300000);
    for (int jobs = 2; jobs <= 4; jobs++) {
        eg_manifest_init(&many);
        assert_int_equal(eg_manifest_scan_jobs(&many, d, NULL, NULL, jobs), 0);
        same_entries(&one, &many);
        eg_manifest_free(&many);
    }
    /* A record that vouches for every file (scanned long after their last
     * change), each digest in it marked: b.csv changed size since, so it
     * alone is read again; the others keep the record's mark. */
    eg_manifest_init(&prev);
    assert_int_equal(eg_manifest_scan_jobs(&prev, d, NULL, NULL, 1), 0);
    prev.scanned_ns += 10LL * 1000000000;
    for (size_t i = 0; i < prev.n_inputs; i++)
        if (prev.inputs[i].kind == 'f')
            memset(prev.inputs[i].sha, 'f', 64);
    eg_test_put(d, "b.csv", "abc");
    eg_manifest_init(&many);
    assert_int_equal(eg_manifest_scan_jobs(&many, d, &prev, NULL, 2), 0);
    assert_string_equal(find(&many, "b.csv")->sha, ABC_SHA);
    assert_int_equal(find(&many, "a.csv")->sha[0], 'f');
    assert_int_equal(find(&many, "large.csv")->sha[0], 'f');
    assert_int_equal(find(&many, "sub/c.csv")->sha[0], 'f');
    eg_manifest_free(&many);
    eg_manifest_free(&prev);
    eg_manifest_free(&one);
    free(big);
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
        cmocka_unit_test(a_digest_is_reused_only_for_the_same_inode_size_and_times_two_seconds_old),
        cmocka_unit_test(a_scan_lists_in_name_order_and_stops_at_loops_and_depth),
        cmocka_unit_test(the_layouts_digest_is_their_names_and_bytes_but_a_years_own),
        cmocka_unit_test(every_field_reads_back_in_its_place),
        cmocka_unit_test(a_manifest_on_a_full_disk_is_an_error),
        cmocka_unit_test(a_manifest_with_any_field_amiss_is_not_read),
        cmocka_unit_test(more_of_what_counts_as_a_change),
        cmocka_unit_test(the_record_is_refreshed_only_when_that_spares_a_read),
        cmocka_unit_test(outputs_are_intact_only_as_listed),
        cmocka_unit_test(what_cannot_be_read_is_recorded_as_unreadable),
        cmocka_unit_test(files_read_by_several_threads_give_the_scan_of_one),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
