/*
 * stdout_check.c - whether what the commands printed reached standard
 * output (cli.h: eg_stdout_flush, eg_stdout_failed).
 */
#include <errno.h>
#include <stdio.h>

#include "cli/cli.h"

/* errno of the first flush that failed; 0 when none did, or when the
 * write that failed was one of stdio's own. */
static int first_errno;

void eg_stdout_flush(void)
{
    errno = 0;
    if (fflush(stdout) != 0 && !first_errno)
        first_errno = errno;
}

int eg_stdout_failed(int *err)
{
    eg_stdout_flush();
    *err = first_errno;
    return ferror(stdout) != 0;
}
