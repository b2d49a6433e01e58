/*
 * test_stdout_check.c - whether what was printed reached standard output
 * (cli/cli.h: eg_stdout_flush, eg_stdout_failed): the reason said is the
 * first failure's, not a later one's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "cli/cli.h"

/* A pipe nobody reads (EPIPE), then a full disk (ENOSPC): EPIPE is said. */
static void the_first_failure_is_the_reason(void **state)
{
    int save, p[2], full, err = 0;

    (void)state;
    signal(SIGPIPE, SIG_IGN);
    fflush(stdout);
    save = dup(1);
    assert_true(save >= 0);
    assert_int_equal(pipe(p), 0);
    close(p[0]);
    assert_int_equal(dup2(p[1], 1), 1);
    close(p[1]);
    fputs("status\n", stdout);
    eg_stdout_flush();
    full = open("/dev/full", O_WRONLY);
    assert_true(full >= 0);
    assert_int_equal(dup2(full, 1), 1);
    close(full);
    clearerr(stdout);
    fputs("more\n", stdout);
    eg_stdout_flush();
    assert_int_equal(eg_stdout_failed(&err), 1);
    assert_int_equal(dup2(save, 1), 1);
    close(save);
    clearerr(stdout);
    assert_int_equal(err, EPIPE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_first_failure_is_the_reason),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
