/*
 * test_stdout_check.c - whether what was printed reached standard output
 * (cli/cli.h: eg_stdout_flush, eg_stdout_failed): the reason said is the
 * first failure's, not a later one's; and a descriptor 0, 1 or 2 found
 * closed at the start (cli/cli.h: eg_std_fds_guard) that cannot be given
 * its device (no /dev/null in a bare container) is said, and refused.
 *
 * Linked with open wrapped (Makefile): a test may refuse a device, or
 * hand back another descriptor than the lowest free one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
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

int __real_open(const char *path, int flags, ...);
int __wrap_open(const char *path, int flags, ...);

static const char *refused;     /* open of this path fails with ENOENT */
static int elsewhere;           /* open of any path gives descriptor 20 */

int __wrap_open(const char *path, int flags, ...)
{
    va_list ap;
    int mode, fd;

    va_start(ap, flags);
    mode = (flags & O_CREAT) ? va_arg(ap, int) : 0;
    va_end(ap);
    if (refused && strcmp(path, refused) == 0) {
        errno = ENOENT;
        return -1;
    }
    fd = __real_open(path, flags, mode);
    if (elsewhere && fd >= 0 && fd != 20) {
        int moved = dup2(fd, 20);

        close(fd);
        fd = moved;
    }
    return fd;
}

/* In a child: descriptor fd closed, eg_std_fds_guard run, its return and
 * what it wrote on stderr (a pipe) into said; whether descriptor 20 was
 * left open in *stray. */
static int guard_with_closed(int fd, char *said, size_t cap, int *stray)
{
    int p[2], status;
    ssize_t k;
    pid_t pid;

    assert_int_equal(pipe(p), 0);
    fflush(NULL);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int rc;

        dup2(p[1], 2);
        close(p[0]);
        close(p[1]);
        close(fd);
        rc = eg_std_fds_guard();
        /* 0: returned 0; 1: returned -1; +2: descriptor 20 open */
        _exit((rc == 0 ? 0 : 1) + (fcntl(20, F_GETFD) != -1 ? 2 : 0));
    }
    close(p[1]);
    k = read(p[0], said, cap - 1);
    said[k > 0 ? k : 0] = '\0';
    close(p[0]);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    *stray = (WEXITSTATUS(status) & 2) != 0;
    return WEXITSTATUS(status) & 1 ? -1 : 0;
}

/* No /dev/null: a closed standard input is said with the reason, and
 * the start refused (the caller exits 3). */
static void a_closed_descriptor_without_its_device_is_said(void **state)
{
    char said[256];
    int stray;

    (void)state;
    refused = "/dev/null";
    assert_int_equal(guard_with_closed(0, said, sizeof said, &stray), -1);
    assert_string_equal(said, "egreport: cannot open /dev/null for the closed descriptor 0: "
                              "No such file or directory\n");
    refused = "/dev/full";
    assert_int_equal(guard_with_closed(1, said, sizeof said, &stray), -1);
    assert_string_equal(said, "egreport: cannot open /dev/full for the closed descriptor 1: "
                              "No such file or directory\n");
    /* a closed stderr has no word: the start is refused all the same */
    refused = "/dev/null";
    assert_int_equal(guard_with_closed(2, said, sizeof said, &stray), -1);
    refused = NULL;
    /* with the devices there, each is given its device, and nothing said */
    for (int fd = 0; fd <= 1; fd++) {
        assert_int_equal(guard_with_closed(fd, said, sizeof said, &stray), 0);
        assert_string_equal(said, "");
    }
}

/* A device opened on another descriptor than the one closed (the lowest
 * free number taken by another thread) is closed again, and said. */
static void a_device_on_another_descriptor_is_closed_and_said(void **state)
{
    char said[256];
    int stray;

    (void)state;
    elsewhere = 1;
    assert_int_equal(guard_with_closed(0, said, sizeof said, &stray), -1);
    elsewhere = 0;
    assert_string_equal(said, "egreport: cannot open /dev/null for the closed descriptor 0: "
                              "Bad file descriptor\n");
    assert_false(stray);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_first_failure_is_the_reason),
        cmocka_unit_test(a_closed_descriptor_without_its_device_is_said),
        cmocka_unit_test(a_device_on_another_descriptor_is_closed_and_said),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
