#include "core/testpoint.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/diag.h"

/* 1 when list (comma-separated) holds name as one of its items. */
static int listed(const char *list, const char *name)
{
    size_t n = strlen(name);

    for (const char *p = list; *p; ) {
        const char *end = strchr(p, ',');
        size_t k = end ? (size_t)(end - p) : strlen(p);

        if (k == n && memcmp(p, name, n) == 0)
            return 1;
        if (!end)
            break;
        p = end + 1;
    }
    return 0;
}

void eg_test_point(const char *name)
{
    const char *list = getenv("EGREPORT_TEST_STOP");

    if (!list || !*list || !listed(list, name))
        return;
    eg_stderr_line("egreport: test point %s reached (pid %ld)\n", name, (long)getpid());
    raise(SIGSTOP);
}
