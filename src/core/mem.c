#include "core/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"

void eg_out_of_memory(const char *what)
{
    eg_stderr_line("egreport: fatal: out of memory (%s)\n", what);
    exit(3);
}

static void out_of_memory(size_t n)
{
    eg_stderr_line("egreport: fatal: out of memory (asked for %zu bytes)\n", n);
    exit(3);
}

void *eg_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);

    if (!p)
        out_of_memory(n);
    return p;
}

void *eg_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);

    if (!p)
        out_of_memory(n * size);
    return p;
}

void *eg_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);

    if (!q)
        out_of_memory(n);
    return q;
}

char *eg_xstrdup(const char *s)
{
    return eg_xstrndup(s, strlen(s));
}

char *eg_xstrndup(const char *s, size_t n)
{
    char *p = eg_xmalloc(n + 1);

    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *eg_xvasprintf(const char *fmt, va_list ap)
{
    va_list ap2;
    int n;
    char *p;

    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    p = eg_xmalloc((size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *eg_xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *p;

    va_start(ap, fmt);
    p = eg_xvasprintf(fmt, ap);
    va_end(ap);
    return p;
}
