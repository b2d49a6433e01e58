/*
 * test_fsize.c - core/fsize.h: a write past the file size limit fails
 * with EFBIG, the process lives on, and the writing thread (only it)
 * counts it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "core/fsize.h"

static char block[8192];

/* Under a 4 KiB limit: a write that starts under it is cut at it, and
 * the process lives on; the next one fails with EFBIG.  Returns by how
 * much the calling thread's count grew. */
static unsigned cut_then_fail(void)
{
    unsigned before = eg_fsize_hits(), cut;
    FILE *f = tmpfile();

    assert_non_null(f);
    assert_int_equal(write(fileno(f), block, sizeof block), 4096);
    cut = eg_fsize_hits() - before;
    assert_int_equal(write(fileno(f), block, 1), -1);
    assert_int_equal(errno, EFBIG);
    fclose(f);
    assert_int_equal(cut, 0);                   /* a short write, no signal */
    return eg_fsize_hits() - before;
}

static void *in_a_thread(void *arg)
{
    unsigned *seen = arg;

    seen[0] = eg_fsize_hits();
    seen[1] = cut_then_fail();
    return NULL;
}

static void a_write_past_the_limit_is_counted_for_its_thread(void **state)
{
    struct rlimit old, small = { 4096, 0 };
    pthread_t th;
    unsigned mine, seen[2];

    (void)state;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    small.rlim_max = old.rlim_max;
    eg_fsize_catch();
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    assert_int_equal(cut_then_fail(), 1);
    assert_int_equal(cut_then_fail(), 1);       /* each one counts, not the first alone */
    mine = eg_fsize_hits();
    assert_int_equal(mine, 2);
    /* another thread's write past it is that thread's alone */
    assert_int_equal(pthread_create(&th, NULL, in_a_thread, seen), 0);
    assert_int_equal(pthread_join(th, NULL), 0);
    assert_int_equal(seen[0], 0);
    assert_int_equal(seen[1], 1);
    assert_int_equal(eg_fsize_hits(), mine);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_write_past_the_limit_is_counted_for_its_thread),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
