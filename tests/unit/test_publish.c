/*
 * test_publish.c - the output transaction (write/publish.h) and the
 * folder's lock (write/outlock.h): outputs appear together, a failed
 * rename puts the old ones back, a dead build's journal is undone or
 * finished, leftovers go and nothing else does; a held lock names its
 * holder.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/mem.h"
#include "write/outlock.h"
#include "write/publish.h"

#include "support.h"

/* The file's contents, or "(none)". */
static char *get(const char *dir, const char *name)
{
    char *p = eg_xasprintf("%s/%s", dir, name);
    FILE *f = fopen(p, "rb");
    char buf[256];
    size_t n;

    free(p);
    if (!f)
        return eg_xstrdup("(none)");
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return eg_xstrdup(buf);
}

static void expect(const char *dir, const char *name, const char *want)
{
    char *got = get(dir, name);

    if (strcmp(got, want) != 0)
        fail_msg("%s: '%s', want '%s'", name, got, want);
    free(got);
}

/* Names in dir starting with '.', joined by spaces. */
static char *hidden(const char *dir)
{
    char *cmd = eg_xasprintf("ls -A '%s' | grep '^\\.' | tr '\\n' ' '", dir);
    FILE *p = popen(cmd, "r");
    char buf[512] = "";
    size_t n = fread(buf, 1, sizeof buf - 1, p);

    buf[n] = '\0';
    pclose(p);
    free(cmd);
    return eg_xstrdup(buf);
}

static void expect_no_hidden(const char *dir)
{
    char *h = hidden(dir);

    if (h[0])
        fail_msg("leftovers: %s", h);
    free(h);
}

static void write_outputs(eg_publish *p, const char *a, const char *b, const char *c)
{
    const char *t;

    t = eg_publish_add(p, "a.xlsx");
    eg_test_put(p->dir, strrchr(t, '/') + 1, a);
    t = eg_publish_add(p, "b.pdf");
    eg_test_put(p->dir, strrchr(t, '/') + 1, b);
    t = eg_publish_add(p, "c.manifest");
    eg_test_put(p->dir, strrchr(t, '/') + 1, c);
}

static void a_commit_puts_every_output_in_place_and_leaves_nothing_else(void **state)
{
    char *dir = eg_test_scratch("egpublish");
    eg_publish p;
    eg_diag_list dl = { 0 };

    (void)state;
    eg_test_put(dir, "a.xlsx", "old a");
    eg_test_put(dir, "b.pdf", "old b");
    eg_publish_init(&p, dir);
    write_outputs(&p, "new a", "new b", "new c");
    expect(dir, "a.xlsx", "old a");
    assert_int_equal(eg_publish_commit(&p, &dl), 0);
    eg_publish_free(&p);
    expect(dir, "a.xlsx", "new a");
    expect(dir, "b.pdf", "new b");
    expect(dir, "c.manifest", "new c");
    expect_no_hidden(dir);
    assert_int_equal(dl.n, 0);
    eg_test_rm_rf(dir);
}

static void a_transaction_dropped_before_its_commit_changes_nothing(void **state)
{
    char *dir = eg_test_scratch("egpublish");
    eg_publish p;

    (void)state;
    eg_test_put(dir, "a.xlsx", "old a");
    eg_publish_init(&p, dir);
    write_outputs(&p, "new a", "new b", "new c");
    eg_publish_free(&p);
    expect(dir, "a.xlsx", "old a");
    expect(dir, "b.pdf", "(none)");
    expect_no_hidden(dir);
    eg_test_rm_rf(dir);
}

static void a_refused_rename_puts_the_old_outputs_back(void **state)
{
    char *dir = eg_test_scratch("egpublish");
    char *blocker = eg_xasprintf("%s/c.manifest", dir);
    eg_publish p;
    eg_diag_list dl = { 0 };

    (void)state;
    eg_test_put(dir, "a.xlsx", "old a");
    /* A folder where the last output goes: rename(2) refuses (EISDIR)
     * after the first two outputs were put in place. */
    assert_int_equal(mkdir(blocker, 0777), 0);
    eg_publish_init(&p, dir);
    write_outputs(&p, "new a", "new b", "new c");
    assert_int_equal(eg_publish_commit(&p, &dl), -1);
    eg_publish_free(&p);
    assert_int_equal(dl.n_fatal, 1);
    assert_string_equal(dl.items[0].code, "F_OUTPUT");
    expect(dir, "a.xlsx", "old a");
    expect(dir, "b.pdf", "(none)");       /* it did not exist before */
    expect_no_hidden(dir);
    eg_diag_free(&dl);
    free(blocker);
    eg_test_rm_rf(dir);
}

static void an_output_that_cannot_be_synced_fails_the_commit_and_leaves_the_old_ones(void **state)
{
    char *dir = eg_test_scratch("egpublish");
    char *pdf = eg_xasprintf("%s/b.pdf", dir);
    eg_publish p;
    eg_diag_list dl = { 0 };

    (void)state;
    eg_test_put(dir, "a.xlsx", "old a");
    eg_test_put(dir, "b.pdf", "old b");
    eg_publish_init(&p, dir);
    write_outputs(&p, "new a", "new b", "new c");
    /* The PDF's temporary file gone before the commit: step 1 cannot
     * sync it, and nothing may be shown, kept or journaled. */
    assert_int_equal(unlink(p.tmp[1]), 0);
    assert_int_equal(eg_publish_commit(&p, &dl), -1);
    eg_publish_free(&p);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.n_fatal, 1);
    assert_string_equal(dl.items[0].code, "F_OUTPUT");
    assert_string_equal(dl.items[0].file, pdf);
    assert_string_equal(dl.items[0].message,
                        "cannot write the output: No such file or directory");
    expect(dir, "a.xlsx", "old a");
    expect(dir, "b.pdf", "old b");
    expect(dir, "c.manifest", "(none)");
    expect_no_hidden(dir);
    eg_diag_free(&dl);
    free(pdf);
    eg_test_rm_rf(dir);
}

static void a_journal_that_cannot_be_put_in_place_fails_the_commit_and_leaves_no_copy(void **state)
{
    char *dir = eg_test_scratch("egpublish");
    char *journal = eg_xasprintf("%s/.egreport-commit", dir);
    char *h;
    eg_publish p;
    eg_diag_list dl = { 0 };

    (void)state;
    eg_test_put(dir, "a.xlsx", "old a");
    /* A folder, not empty, where the journal goes: its rename(2) fails
     * once the journal was written under its temporary name. */
    assert_int_equal(mkdir(journal, 0777), 0);
    eg_test_put(journal, "x", "x");
    eg_publish_init(&p, dir);
    write_outputs(&p, "new a", "new b", "new c");
    assert_int_equal(eg_publish_commit(&p, &dl), -1);
    eg_publish_free(&p);
    assert_int_equal(dl.n_fatal, 1);
    assert_string_equal(dl.items[0].file, journal);
    expect(dir, "a.xlsx", "old a");
    expect(dir, "b.pdf", "(none)");
    h = hidden(dir);
    assert_string_equal(h, ".egreport-commit ");
    free(h);
    eg_diag_free(&dl);
    free(journal);
    eg_test_rm_rf(dir);
}

/* fgets, wrapped at link time (Makefile): the nth call from here on fails
 * with EIO, as a failing disk fails it, when fail_fgets_at is set. */
char *__real_fgets(char *s, int n, FILE *f);
char *__wrap_fgets(char *s, int n, FILE *f);

static int fail_fgets_at;

char *__wrap_fgets(char *s, int n, FILE *f)
{
    if (fail_fgets_at && --fail_fgets_at == 0) {
        eg_test_stream_fails(f);
        return NULL;
    }
    return __real_fgets(s, n, f);
}

/* A dead build's journal that cannot be read to its end (the disk fails
 * at its fourth line, past the first name: a.xlsx, whose old copy would
 * be put back) is not acted on in part, nor dropped: the recovery
 * fails (the build stops, exit 3), the outputs and the journal as they
 * were; read whole at the next build, it is undone. */
static void a_journal_read_in_part_is_kept_and_nothing_undone(void **state)
{
    char *dir = eg_test_scratch("egpublish");
    const char *names[] = { "a.xlsx", "b.pdf", "c.manifest" };
    eg_diag_list dl = { 0 };

    (void)state;
    eg_test_put(dir, "a.xlsx", "new a");
    eg_test_put(dir, ".a.xlsx.old", "old a");
    eg_test_put(dir, "b.pdf", "new b");
    eg_test_put(dir, ".egreport-commit",
        "egreport-commit 2\nmark 1\nkept a.xlsx\nnew b.pdf\n");
    fail_fgets_at = 4;
    assert_int_equal(eg_publish_recover(dir, names, 3, &dl), -1);
    assert_int_equal(fail_fgets_at, 0);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.items[0].severity, EG_FATAL);
    assert_non_null(strstr(dl.items[0].file, ".egreport-commit"));
    assert_non_null(strstr(dl.items[0].message, "Input/output error"));
    expect(dir, "a.xlsx", "new a");
    expect(dir, ".a.xlsx.old", "old a");
    expect(dir, "b.pdf", "new b");
    expect(dir, ".egreport-commit", "egreport-commit 2\nmark 1\nkept a.xlsx\nnew b.pdf\n");
    eg_diag_free(&dl);
    assert_true(eg_publish_recover(dir, names, 3, &dl) >= 2);
    expect(dir, "a.xlsx", "old a");
    expect(dir, "b.pdf", "(none)");
    expect(dir, ".egreport-commit", "(none)");
    assert_int_equal(dl.n, 0);
    eg_test_rm_rf(dir);
}

static void recovery_undoes_a_commit_killed_before_its_last_rename(void **state)
{
    char *dir = eg_test_scratch("egpublish");
    const char *names[] = { "a.xlsx", "b.pdf", "c.manifest" };
    eg_diag_list dl = { 0 };

    (void)state;
    /* What a build killed after renaming a.xlsx leaves: the new a.xlsx,
     * the old one kept as .a.xlsx.old, the old manifest in place, a new
     * b.pdf that did not exist before, and the journal. */
    eg_test_put(dir, "a.xlsx", "new a");
    eg_test_put(dir, ".a.xlsx.old", "old a");
    eg_test_put(dir, "c.manifest", "old c");
    eg_test_put(dir, ".c.manifest.old", "old c");
    eg_test_put(dir, "b.pdf", "new b");
    eg_test_put(dir, ".b.pdf.tmp-77", "half");
    eg_test_put(dir, "notes.txt", "mine");
    eg_test_put(dir, ".mine", "mine too");
    eg_test_put(dir, ".egreport-commit",
        "egreport-commit 1\nmark 1\nname a.xlsx\nname b.pdf\nname c.manifest\n");
    assert_true(eg_publish_recover(dir, names, 3, &dl) >= 3);
    expect(dir, "a.xlsx", "old a");
    expect(dir, "b.pdf", "(none)");
    expect(dir, "c.manifest", "old c");
    expect(dir, "notes.txt", "mine");
    expect(dir, ".mine", "mine too");
    {
        char *h = hidden(dir);

        assert_string_equal(h, ".mine ");
        free(h);
    }
    assert_int_equal(dl.n, 0);
    eg_test_rm_rf(dir);
}

/* The sweep takes our temporary names only: NAME.tmp-PID, the PDF's own
 * NAME.tmp-PID.PID.tmp and the journal's, not a copy someone named
 * NAME.tmp.bak or anything else that only starts as ours does. */
static void recovery_removes_our_temporary_names_only(void **state)
{
    static const struct { const char *name; int ours; } files[] = {
        { ".a.xlsx.tmp-4242", 1 },
        { ".b.pdf.tmp-77.77.tmp", 1 },
        { ".c.manifest.tmp-9", 1 },
        { ".egreport-commit.tmp-31", 1 },
        { ".a.xlsx.old", 1 },
        { ".a.xlsx.tmp.bak", 0 },
        { ".a.xlsx.tmp", 0 },
        { ".a.xlsx.tmp-", 0 },
        { ".a.xlsx.tmp-12x", 0 },
        { ".b.pdf.tmp-77.tmp", 0 },
        { ".b.pdf.tmp-77.77.tmpx", 0 },
        { ".b.pdf.tmp-77.77", 0 },
        { ".egreport-commit.tmp", 0 },
        { ".egreport-commit.tmp-", 0 },
        { ".a.xlsx.older", 0 },
        { ".d.csv.tmp-1", 0 },              /* not one of the names */
    };
    const char *names[] = { "a.xlsx", "b.pdf", "c.manifest" };
    char *dir = eg_test_scratch("egpublish");
    eg_diag_list dl = { 0 };
    size_t n = sizeof files / sizeof *files;

    (void)state;
    for (size_t i = 0; i < n; i++)
        eg_test_put(dir, files[i].name, "x");
    assert_int_equal(eg_publish_recover(dir, names, 3, &dl), 5);
    for (size_t i = 0; i < n; i++) {
        char *path = eg_xasprintf("%s/%s", dir, files[i].name);
        int there = access(path, F_OK) == 0;

        free(path);
        if (there == files[i].ours)
            fail_msg("%s: %s", files[i].name, there ? "left" : "removed");
    }
    assert_int_equal(dl.n, 0);
    eg_test_rm_rf(dir);
}

static void recovery_done_twice_puts_back_what_the_first_put_back(void **state)
{
    char *dir = eg_test_scratch("egpublish");
    const char *names[] = { "a.xlsx", "b.pdf", "c.manifest" };
    eg_diag_list dl = { 0 };

    (void)state;
    /* A recovery killed after it put a.xlsx back: its .old is gone, and
     * so is the one proof a version 1 journal had that a.xlsx existed
     * before.  The journal says so itself: a.xlsx was kept. */
    eg_test_put(dir, "a.xlsx", "old a");
    eg_test_put(dir, "b.pdf", "new b");
    eg_test_put(dir, "c.manifest", "new c");
    eg_test_put(dir, ".c.manifest.old", "old c");
    eg_test_put(dir, ".egreport-commit",
        "egreport-commit 2\nmark 1\nkept a.xlsx\nnew b.pdf\nkept c.manifest\n");
    assert_true(eg_publish_recover(dir, names, 3, &dl) >= 2);
    expect(dir, "a.xlsx", "old a");
    expect(dir, "b.pdf", "(none)");
    expect(dir, "c.manifest", "old c");
    expect_no_hidden(dir);
    assert_int_equal(dl.n, 0);
    eg_test_rm_rf(dir);
}

static void recovery_keeps_a_commit_whose_last_rename_happened(void **state)
{
    char *dir = eg_test_scratch("egpublish");
    char *last = eg_xasprintf("%s/c.manifest", dir);
    char *journal;
    const char *names[] = { "a.xlsx", "c.manifest" };
    eg_diag_list dl = { 0 };
    struct stat st;

    (void)state;
    eg_test_put(dir, "a.xlsx", "new a");
    eg_test_put(dir, ".a.xlsx.old", "old a");
    eg_test_put(dir, "c.manifest", "new c");
    assert_int_equal(stat(last, &st), 0);
    journal = eg_xasprintf("egreport-commit 1\nmark %llu\nname a.xlsx\nname c.manifest\n",
                           (unsigned long long)st.st_ino);
    eg_test_put(dir, ".egreport-commit", journal);
    assert_true(eg_publish_recover(dir, names, 2, &dl) >= 0);
    expect(dir, "a.xlsx", "new a");
    expect(dir, "c.manifest", "new c");
    expect_no_hidden(dir);
    free(journal);
    free(last);
    eg_test_rm_rf(dir);
}

static void a_garbled_journal_is_dropped_and_touches_no_output(void **state)
{
    char *dir = eg_test_scratch("egpublish");
    const char *names[] = { "a.xlsx" };
    eg_diag_list dl = { 0 };

    (void)state;
    eg_test_put(dir, "a.xlsx", "a");
    eg_test_put(dir, ".egreport-commit", "egreport-commit 1\nname ../../etc/passwd\nmark x\n");
    assert_true(eg_publish_recover(dir, names, 1, &dl) >= 0);
    expect(dir, "a.xlsx", "a");
    expect_no_hidden(dir);
    assert_int_equal(eg_publish_recover("/nonexistent/egreport", names, 1, &dl), 0);
    assert_int_equal(dl.n, 0);
    eg_test_rm_rf(dir);
}

static void a_journal_naming_a_file_not_an_output_is_dropped_and_touches_nothing(void **state)
{
    char *dir = eg_test_scratch("egpublish");
    const char *names[] = { "a.xlsx", "c.manifest" };
    eg_diag_list dl = { 0 };

    (void)state;
    /* A journal well formed but for another set of files (copied from
     * elsewhere, written by hand): followed, it would remove the clerk's
     * notes.txt as an output new to that build and put the old a.xlsx
     * back. */
    eg_test_put(dir, "a.xlsx", "new a");
    eg_test_put(dir, ".a.xlsx.old", "old a");
    eg_test_put(dir, "notes.txt", "mine");
    eg_test_put(dir, ".egreport-commit",
        "egreport-commit 2\nmark 1\nkept a.xlsx\nnew notes.txt\nkept c.manifest\n");
    assert_true(eg_publish_recover(dir, names, 2, &dl) >= 0);
    expect(dir, "notes.txt", "mine");
    expect(dir, "a.xlsx", "new a");
    expect_no_hidden(dir);
    assert_int_equal(dl.n, 0);
    eg_test_rm_rf(dir);
}

static void a_held_lock_makes_the_second_taker_wait_then_names_the_holder(void **state)
{
    char *dir = eg_test_scratch("egpublish");
    char *path = eg_xasprintf("%s/.lock", dir);
    int go[2], ready[2];
    pid_t child;
    eg_outlock mine;
    long holder = -1;
    char c;

    (void)state;
    assert_int_equal(pipe(go), 0);
    assert_int_equal(pipe(ready), 0);
    child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        eg_outlock l;
        long h;
        int rc = 0;

        if (eg_outlock_take(&l, path, 0, &h) != EG_LOCK_TAKEN)
            rc = 1;
        else if (write(ready[1], "r", 1) != 1 || read(go[0], &c, 1) != 1)
            rc = 2;
        eg_outlock_release(&l);
        free(path);           /* the child's copies: leak checkers see it exit */
        free(dir);
        _exit(rc);
    }
    assert_int_equal(read(ready[0], &c, 1), 1);
    assert_int_equal(eg_outlock_take(&mine, path, 120, &holder), EG_LOCK_BUSY);
    assert_int_equal(holder, (long)child);
    assert_int_equal(mine.fd, -1);
    /* Once the holder lets go, the lock is ours and says so. */
    assert_int_equal(write(go[1], "g", 1), 1);
    assert_int_equal(eg_outlock_take(&mine, path, 5000, &holder), EG_LOCK_TAKEN);
    {
        char *text = get(dir, ".lock");
        char *want = eg_xasprintf("%ld\n", (long)getpid());

        assert_string_equal(text, want);
        free(text);
        free(want);
    }
    eg_outlock_release(&mine);
    {
        int status;

        assert_int_equal(waitpid(child, &status, 0), child);
        assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    expect(dir, ".lock", "");
    free(path);
    eg_test_rm_rf(dir);
}

static void a_dead_holder_leaves_no_lock_behind(void **state)
{
    char *dir = eg_test_scratch("egpublish");
    char *path = eg_xasprintf("%s/.lock", dir);
    eg_outlock l;
    long holder;
    pid_t child = fork();
    int status;

    (void)state;
    assert_true(child >= 0);
    if (child == 0) {
        eg_outlock held;
        long h;

        free(dir);
        eg_outlock_take(&held, path, 0, &h);
        free(path);
        raise(SIGKILL);
        _exit(3);
    }
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(eg_outlock_take(&l, path, 0, &holder), EG_LOCK_TAKEN);
    eg_outlock_release(&l);
    assert_int_equal(eg_outlock_take(&l, "/nonexistent/egreport/.lock", 0, &holder),
                     EG_LOCK_ERROR);
    free(path);
    eg_test_rm_rf(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_commit_puts_every_output_in_place_and_leaves_nothing_else),
        cmocka_unit_test(a_transaction_dropped_before_its_commit_changes_nothing),
        cmocka_unit_test(a_refused_rename_puts_the_old_outputs_back),
        cmocka_unit_test(an_output_that_cannot_be_synced_fails_the_commit_and_leaves_the_old_ones),
        cmocka_unit_test(a_journal_that_cannot_be_put_in_place_fails_the_commit_and_leaves_no_copy),
        cmocka_unit_test(recovery_undoes_a_commit_killed_before_its_last_rename),
        cmocka_unit_test(a_journal_read_in_part_is_kept_and_nothing_undone),
        cmocka_unit_test(recovery_removes_our_temporary_names_only),
        cmocka_unit_test(recovery_done_twice_puts_back_what_the_first_put_back),
        cmocka_unit_test(a_journal_naming_a_file_not_an_output_is_dropped_and_touches_nothing),
        cmocka_unit_test(recovery_keeps_a_commit_whose_last_rename_happened),
        cmocka_unit_test(a_garbled_journal_is_dropped_and_touches_no_output),
        cmocka_unit_test(a_held_lock_makes_the_second_taker_wait_then_names_the_holder),
        cmocka_unit_test(a_dead_holder_leaves_no_lock_behind),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
