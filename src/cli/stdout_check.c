/*
 * stdout_check.c - whether what the commands printed reached standard
 * output (cli.h: eg_stdout_flush, eg_stdout_failed).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

/* errno of the first flush that failed; 0 when none did, or when the
 * write that failed was one of stdio's own. */
static int first_errno;
/* standard output was closed when the command started: on /dev/full */
static int stdout_closed;

int eg_std_fds_guard(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        const char *dev = fd == 1 ? "/dev/full" : "/dev/null";
        int got;

        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        /* the lowest free number: fd itself, those below being open */
        got = open(dev, fd == 0 ? O_RDONLY : O_WRONLY);
        if (got != fd) {
            int err = got < 0 ? errno : EBADF;

            if (got >= 0)
                close(got);
            fprintf(stderr, "egreport: cannot open %s for the closed descriptor %d: %s\n", dev,
                    fd, strerror(err));
            return -1;
        }
        stdout_closed |= fd == 1;
    }
    return 0;
}

void eg_stdout_flush(void)
{
    errno = 0;
    if (fflush(stdout) != 0 && !first_errno)
        first_errno = errno;
}

int eg_stdout_failed(int *err)
{
    eg_stdout_flush();
    *err = stdout_closed ? EBADF : first_errno;
    return ferror(stdout) != 0;
}
