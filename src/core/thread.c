/*
 * thread.c - threads with a name (thread.h).
 */
#include "core/thread.h"

#include <stdlib.h>

typedef struct {
    void *(*fn)(void *);
    void *arg;
    const char *name;
} start;

static void *named(void *p)
{
    start s = *(start *)p;

    free(p);
    pthread_setname_np(pthread_self(), s.name);
    return s.fn(s.arg);
}

int eg_thread_create(pthread_t *th, const char *name, void *(*fn)(void *), void *arg)
{
    start *s = malloc(sizeof *s);
    int rc;

    if (!s)
        return -1;
    s->fn = fn;
    s->arg = arg;
    s->name = name;
    rc = pthread_create(th, NULL, named, s);
    if (rc != 0)
        free(s);
    return rc;
}
