/*
 * test_thread_refused.c - a build whose threads cannot be had.
 *
 * Every place that starts a thread (reading the submissions, the parts of
 * a large export, inflating a gzip export, counting the exports beside the
 * checks, the statistics, the workbook's rows, the PDF, the manifest's
 * digests) does the work on its own thread when the system refuses one
 * (pthread_create's EAGAIN: a container's pid limit, ulimit -u).  This
 * program is linked with eg_thread_create wrapped (Makefile), so it can
 * refuse threads by name; a build with --jobs 2 must then give the same
 * exit code and the same bytes in every output as with its threads, and
 * as with one job.
 *
 * The input is the demo's (input/2020, made by `make systems-2020`) with
 * its exports cut short: a dossier export large enough to be split into
 * parts, a document export gzipped.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "cli/cli.h"
#include "core/mem.h"

#include "support.h"

/* ---- the wrapped eg_thread_create ---------------------------------------- */

int __real_eg_thread_create(pthread_t *th, const char *name, void *(*fn)(void *), void *arg);
int __wrap_eg_thread_create(pthread_t *th, const char *name, void *(*fn)(void *), void *arg);

enum { GRANT_ALL, REFUSE_ALL, REFUSE_EVERY_OTHER, REFUSE_NAMED };

static pthread_mutex_t asked_mu = PTHREAD_MUTEX_INITIALIZER;
static int policy = GRANT_ALL;
static const char *refused_name;
static int asked, refused;
static char names_asked[512];   /* each name asked for, once, comma-separated */

int __wrap_eg_thread_create(pthread_t *th, const char *name, void *(*fn)(void *), void *arg)
{
    int refuse;

    pthread_mutex_lock(&asked_mu);
    refuse = policy == REFUSE_ALL || (policy == REFUSE_EVERY_OTHER && asked % 2 == 1) ||
             (policy == REFUSE_NAMED && strcmp(name, refused_name) == 0);
    asked++;
    refused += refuse;
    if (!strstr(names_asked, name) &&
        strlen(names_asked) + strlen(name) + 2 < sizeof names_asked) {
        strcat(names_asked, name);
        strcat(names_asked, ",");
    }
    pthread_mutex_unlock(&asked_mu);
    if (refuse)
        return EAGAIN;
    return __real_eg_thread_create(th, name, fn, arg);
}

/* ---- the input ----------------------------------------------------------- */

static char *root;                /* the scratch folder */
static char demo[PATH_MAX];       /* input/2020, absolute */

static void must(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "test_thread_refused: %s: %s\n", what, strerror(errno));
        abort();
    }
}

/* The first records of from, at least want bytes, cut after a newline. */
static char *first_records(const char *from, size_t want, size_t *n)
{
    FILE *f = fopen(from, "rb");
    char *b;
    size_t k;

    must(f != NULL, from);
    b = eg_xmalloc(want + 4096);
    k = fread(b, 1, want + 4096, f);
    fclose(f);
    must(k > want, "the demo's export is too small: run make systems-2020");
    while (k > want && b[k - 1] != '\n')
        k--;
    must(k > want, "no line ends in the export's first bytes");
    *n = k;
    return b;
}

static void link_from_demo(const char *year_dir, const char *name)
{
    char from[PATH_MAX + 64], to[PATH_MAX + 64];

    snprintf(from, sizeof from, "%s/%s", demo, name);
    snprintf(to, sizeof to, "%s/%s", year_dir, name);
    must(symlink(from, to) == 0, to);
}

static int make_input(void **state)
{
    char year_dir[PATH_MAX + 16], systems[PATH_MAX + 32], path[PATH_MAX + 64], src[PATH_MAX + 64];
    char *b;
    size_t n;
    FILE *f;
    gzFile gz;

    (void)state;
    must(realpath("input/2020", demo) != NULL, "input/2020 (run from the repository)");
    root = eg_test_scratch("egreport-thread-refused");
    snprintf(year_dir, sizeof year_dir, "%s/in/2020", root);
    snprintf(path, sizeof path, "%s/in", root);
    must(mkdir(path, 0755) == 0 && mkdir(year_dir, 0755) == 0, year_dir);
    link_from_demo(year_dir, "units.csv");
    link_from_demo(year_dir, "report.csv");
    link_from_demo(year_dir, "baseline.csv");
    link_from_demo(year_dir, "submissions");
    snprintf(systems, sizeof systems, "%s/systems", year_dir);
    must(mkdir(systems, 0755) == 0, systems);

    /* 9 MiB: two parts of the 4 MiB a build splits an export into */
    snprintf(src, sizeof src, "%s/systems/dossiers.csv", demo);
    b = first_records(src, 9u << 20, &n);
    snprintf(path, sizeof path, "%s/dossiers.csv", systems);
    f = fopen(path, "wb");
    must(f && fwrite(b, 1, n, f) == n && fclose(f) == 0, path);
    free(b);

    snprintf(src, sizeof src, "%s/systems/documents.csv", demo);
    b = first_records(src, 2u << 20, &n);
    snprintf(path, sizeof path, "%s/documents.csv.gz", systems);
    gz = gzopen(path, "wb");
    must(gz && gzwrite(gz, b, (unsigned)n) == (int)n && gzclose(gz) == Z_OK, path);
    free(b);
    return 0;
}

static int remove_input(void **state)
{
    (void)state;
    eg_test_rm_rf(root);            /* the links to the demo's files, not what they name */
    return 0;
}

/* ---- builds and their outputs -------------------------------------------- */

/* Runs `egreport build 2020` into root/out-<name> under policy p; its exit
 * code. */
static int build(const char *name, int p, const char *jobs)
{
    char input[PATH_MAX + 8], output[PATH_MAX + 64];
    char *argv[] = { "build", "2020", "--input", input, "--output", output,
                     "--layouts", "layouts", "--quiet", "--jobs", (char *)jobs, NULL };

    snprintf(input, sizeof input, "%s/in", root);
    snprintf(output, sizeof output, "%s/out-%s", root, name);
    policy = p;
    asked = refused = 0;
    names_asked[0] = '\0';
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    return cmd_build((int)(sizeof argv / sizeof *argv) - 1, argv);
}

/* A manifest's "scanned" line (when the inputs were scanned) differs
 * from build to build by design (docs/operations.md): dropped from b. */
static void drop_scanned(char *b, size_t *n)
{
    char *line = *n > 8 ? memmem(b, *n, "\nscanned ", 9) : NULL;
    char *end = line ? memchr(line + 1, '\n', *n - (size_t)(line + 1 - b)) : NULL;

    if (end) {
        memmove(line, end, *n - (size_t)(end - b));
        *n -= (size_t)(end - line);
    }
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *b = NULL;
    size_t cap = 0, k;

    *n = 0;
    if (!f)
        return NULL;
    do {
        if (*n + 65536 > cap)
            b = eg_xrealloc(b, cap = cap * 2 + 65536);
        k = fread(b + *n, 1, cap - *n, f);
        *n += k;
    } while (k > 0);
    fclose(f);
    return b;
}

/* Asserts that folder a/rel and b/rel hold the same files with the same
 * bytes; the number of files compared. */
static int same_tree(const char *a, const char *b, const char *rel)
{
    char pa[PATH_MAX + 256], pb[PATH_MAX + 256];
    struct dirent **names;
    int n, files = 0, nb;

    snprintf(pa, sizeof pa, "%s%s", a, rel);
    snprintf(pb, sizeof pb, "%s%s", b, rel);
    n = scandir(pa, &names, NULL, alphasort);
    assert_true(n >= 0);
    {
        struct dirent **other;

        nb = scandir(pb, &other, NULL, alphasort);
        assert_int_equal(nb, n);
        for (int i = 0; i < nb; i++) {
            assert_string_equal(other[i]->d_name, names[i]->d_name);
            free(other[i]);
        }
        free(other);
    }
    for (int i = 0; i < n; i++) {
        char sub[PATH_MAX], fa[PATH_MAX + 512], fb[PATH_MAX + 512];
        struct stat st;

        if (strcmp(names[i]->d_name, ".") != 0 && strcmp(names[i]->d_name, "..") != 0) {
            snprintf(sub, sizeof sub, "%s/%s", rel, names[i]->d_name);
            snprintf(fa, sizeof fa, "%s%s", a, sub);
            snprintf(fb, sizeof fb, "%s%s", b, sub);
            assert_int_equal(lstat(fa, &st), 0);
            if (S_ISDIR(st.st_mode)) {
                files += same_tree(a, b, sub);
            } else {
                size_t na, nbytes;
                char *ba = slurp(fa, &na), *bb = slurp(fb, &nbytes);

                if (ba && bb && strstr(fa, ".manifest")) {
                    drop_scanned(ba, &na);
                    drop_scanned(bb, &nbytes);
                }

                if (!ba || !bb || na != nbytes || memcmp(ba, bb, na) != 0)
                    fail_msg("%s differs from %s", fb, fa);
                free(ba);
                free(bb);
                files++;
            }
        }
        free(names[i]);
    }
    free(names);
    return files;
}

static void same_outputs(const char *x, const char *y)
{
    char a[PATH_MAX + 64], b[PATH_MAX + 64];

    snprintf(a, sizeof a, "%s/out-%s", root, x);
    snprintf(b, sizeof b, "%s/out-%s", root, y);
    /* the workbook, the PDF, validation.csv, data.csv, the manifest... */
    assert_true(same_tree(a, b, "") >= 5);
}

static int granted_rc = -1;

/* The build with its threads: the reference, and a check that this input
 * reaches every place that starts one. */
static void the_build_with_threads_starts_each_kind_of_thread(void **state)
{
    static const char *const kinds[] = { "eg-read", "eg-export-part", "eg-inflate",
                                         "eg-exports", "eg-checks", "eg-xlsx-rows",
                                         "eg-pdf", "eg-digest" };

    (void)state;
    granted_rc = build("granted", GRANT_ALL, "2");
    assert_in_range(granted_rc, 0, 1);   /* the exports cut short: warnings, no failure */
    assert_int_equal(refused, 0);
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (!strstr(names_asked, kinds[i]))
            fail_msg("no %s thread was asked for (asked: %s)", kinds[i], names_asked);
}

static void one_job_gives_the_same_bytes(void **state)
{
    (void)state;
    assert_int_equal(build("one-job", GRANT_ALL, "1"), granted_rc);
    assert_int_equal(asked, 0);
    same_outputs("granted", "one-job");
}

static void no_thread_at_all_gives_the_same_bytes(void **state)
{
    (void)state;
    assert_int_equal(build("refused", REFUSE_ALL, "2"), granted_rc);
    assert_true(refused >= 8);
    assert_int_equal(refused, asked);
    same_outputs("granted", "refused");
}

/* A pool that gets some of its threads: the first granted, the next
 * refused, and so on, wherever they are asked for. */
static void every_other_thread_refused_gives_the_same_bytes(void **state)
{
    (void)state;
    assert_int_equal(build("every-other", REFUSE_EVERY_OTHER, "2"), granted_rc);
    assert_true(refused >= 4);
    assert_true(refused < asked);
    same_outputs("granted", "every-other");
}

/* Each kind refused alone, the others granted. */
static void each_kind_refused_alone_gives_the_same_bytes(void **state)
{
    static const char *const kinds[] = { "eg-read", "eg-export-part", "eg-inflate",
                                         "eg-exports", "eg-checks", "eg-xlsx-rows",
                                         "eg-pdf", "eg-digest" };

    (void)state;
    refused_name = NULL;
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        char name[64];

        snprintf(name, sizeof name, "no-%s", kinds[i]);
        refused_name = kinds[i];
        assert_int_equal(build(name, REFUSE_NAMED, "2"), granted_rc);
        if (refused == 0)
            fail_msg("no %s thread was asked for", kinds[i]);
        same_outputs("granted", name);
    }
}

/* A build that waits for a thread never started hangs: said, and failed. */
static void hung(int sig)
{
    static const char said[] = "test_thread_refused: a build hung (waiting for a thread "
                               "that was refused?)\n";

    (void)sig;
    if (write(2, said, sizeof said - 1) < 0)
        _exit(1);
    _exit(1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_build_with_threads_starts_each_kind_of_thread),
        cmocka_unit_test(one_job_gives_the_same_bytes),
        cmocka_unit_test(no_thread_at_all_gives_the_same_bytes),
        cmocka_unit_test(every_other_thread_refused_gives_the_same_bytes),
        cmocka_unit_test(each_kind_refused_alone_gives_the_same_bytes),
    };

    int failed;

    signal(SIGALRM, hung);
    alarm(getenv("EGREPORT_TEST_SLOW") ? 3600 : 300);
    failed = cmocka_run_group_tests(tests, make_input, remove_input);
    alarm(0);
    return failed;
}
