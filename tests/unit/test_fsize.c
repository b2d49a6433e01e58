/*
 * test_fsize.c - core/fsize.h: a write past the file size limit fails
 * with EFBIG, the process lives on, and the writing thread (only it)
 * counts it; a SIGXFSZ that comes while a thread waits (a read, a lock)
 * does not cut the wait short.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
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

typedef struct {
    int fd;
    ssize_t got;
    int err;
    char byte;
} waiting_read;

static void *read_one(void *arg)
{
    waiting_read *w = arg;

    errno = 0;
    w->got = read(w->fd, &w->byte, 1);
    w->err = errno;
    return NULL;
}

/* A thread waiting in a read when a SIGXFSZ comes (another thread's write
 * is the kernel's to signal; kill -XFSZ anyone's) counts it and reads on:
 * the call is restarted, not failed with EINTR, which a wait on the
 * output lock or a pipe would take for an error. */
static void a_signal_while_waiting_does_not_cut_the_wait_short(void **state)
{
    waiting_read w = { 0 };
    pthread_t th;
    int p[2];

    (void)state;
    eg_fsize_catch();
    assert_int_equal(pipe(p), 0);
    w.fd = p[0];
    assert_int_equal(pthread_create(&th, NULL, read_one, &w), 0);
    usleep(100 * 1000);                 /* let it block in read */
    assert_int_equal(pthread_kill(th, SIGXFSZ), 0);
    usleep(100 * 1000);
    assert_int_equal(write(p[1], "x", 1), 1);
    assert_int_equal(pthread_join(th, NULL), 0);
    assert_int_equal(w.got, 1);
    assert_int_equal(w.byte, 'x');
    close(p[0]);
    close(p[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_write_past_the_limit_is_counted_for_its_thread),
        cmocka_unit_test(a_signal_while_waiting_does_not_cut_the_wait_short),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
