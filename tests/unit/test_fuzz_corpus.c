/*
 * test_fuzz_corpus.c - every input kept in tests/fuzz/<target>/ (the seeds,
 * and each crash a fuzzer ever found, as crash-*) goes once more through its
 * target, so that a fixed crash stays fixed in every build: plain, ASan
 * and valgrind.  The targets' own checks abort on a wrong result.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LLVMFuzzerTestOneInput fuzz_csv_one
#include "../fuzz/fuzz_csv.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_values_one
#include "../fuzz/fuzz_values.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_layouts_one
#include "../fuzz/fuzz_layouts.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_xlsx_one
#include "../fuzz/fuzz_xlsx.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_xls_one
#include "../fuzz/fuzz_xls.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_sysexport_one
#include "../fuzz/fuzz_sysexport.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_xml_fast_one
#include "../fuzz/fuzz_xml_fast.c"
#undef LLVMFuzzerTestOneInput

typedef int (*fuzz_fn)(const uint8_t *data, size_t size);

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every file of tests/fuzz/<target>/ through fn; returns how many. */
static size_t replay(const char *target, fuzz_fn fn)
{
    char *dir = eg_xasprintf("tests/fuzz/%s", target);
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0;

    if (!d)
        fail_msg("cannot open %s (run the tests from the top of the tree)", dir);
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        names = eg_xrealloc(names, (n + 1) * sizeof *names);
        names[n++] = eg_xstrdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        char *path = eg_xasprintf("%s/%s", dir, names[i]);
        FILE *f = fopen(path, "rb");
        uint8_t *buf = NULL;
        size_t len = 0, cap = 0, k;

        assert_non_null(f);
        do {
            if (len == cap) {
                cap = cap ? cap * 2 : 4096;
                buf = eg_xrealloc(buf, cap);
            }
            k = fread(buf + len, 1, cap - len, f);
            len += k;
        } while (k > 0);
        fclose(f);
        fn(buf, len);
        free(buf);
        free(path);
        free(names[i]);
    }
    free(names);
    free(dir);
    return n;
}

static void csv_corpus_replays_without_a_crash(void **state)
{
    size_t n = replay("fuzz_csv", fuzz_csv_one);

    (void)state;
    assert_true(n >= 10);
}

static void value_parsers_corpus_replays_without_a_crash(void **state)
{
    size_t n = replay("fuzz_values", fuzz_values_one);

    (void)state;
    assert_true(n >= 10);
}

static void layouts_corpus_replays_without_a_crash(void **state)
{
    size_t n = replay("fuzz_layouts", fuzz_layouts_one);

    (void)state;
    assert_true(n >= 7);
}

static void xlsx_corpus_replays_without_a_crash(void **state)
{
    size_t n = replay("fuzz_xlsx", fuzz_xlsx_one);

    (void)state;
    assert_true(n >= 5);
}

static void xls_corpus_replays_without_a_crash(void **state)
{
    size_t n = replay("fuzz_xls", fuzz_xls_one);

    (void)state;
    assert_true(n >= 6);
}

/* The exports' readings, the shortcut's among them, agree on every seed;
 * the document seeds have the shortcut take records and give some back. */
static void sysexport_corpus_replays_alike(void **state)
{
    size_t n;

    (void)state;
    sx_taken = sx_given = 0;
    n = replay("fuzz_sysexport", fuzz_sysexport_one);
    assert_true(n >= 6);
    assert_true(sx_taken > 0);
    assert_true(sx_given > 0);
}

/* The fast XML reader and expat read every seed alike; the fast reader
 * takes some of them (the others it declines). */
static void xml_fast_corpus_replays_alike(void **state)
{
    size_t n;

    (void)state;
    xf_inputs = xf_taken = 0;
    n = replay("fuzz_xml_fast", fuzz_xml_fast_one);
    assert_true(n >= 8);
    assert_int_equal(xf_inputs, (long)n);
    assert_true(xf_taken > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_corpus_replays_without_a_crash),
        cmocka_unit_test(value_parsers_corpus_replays_without_a_crash),
        cmocka_unit_test(layouts_corpus_replays_without_a_crash),
        cmocka_unit_test(xlsx_corpus_replays_without_a_crash),
        cmocka_unit_test(xls_corpus_replays_without_a_crash),
        cmocka_unit_test(sysexport_corpus_replays_alike),
        cmocka_unit_test(xml_fast_corpus_replays_alike),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
