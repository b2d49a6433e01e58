/*
 * args.c - what the commands' arguments have in common.
 */
#include <string.h>

#include "cli/cli.h"

int eg_cli_year(const char *a)
{
    int y = 0;

    if (strlen(a) != 4)
        return -1;
    for (int k = 0; k < 4; k++) {
        if (a[k] < '0' || a[k] > '9')
            return -1;
        y = y * 10 + (a[k] - '0');
    }
    return y >= 1900 ? y : -1;
}
