/*
 * thread.c - threads with a name (thread.h).
 */
#include "core/thread.h"

#include <signal.h>
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
    sigset_t quiet, before;
    int rc, blocked;

    if (!s)
        return -1;
    s->fn = fn;
    s->arg = arg;
    s->name = name;
    /* the new thread inherits this mask: the termination signals blocked */
    sigemptyset(&quiet);
    sigaddset(&quiet, SIGINT);
    sigaddset(&quiet, SIGTERM);
    sigaddset(&quiet, SIGHUP);
    sigaddset(&quiet, SIGQUIT);
    blocked = pthread_sigmask(SIG_BLOCK, &quiet, &before) == 0;
    rc = pthread_create(th, NULL, named, s);
    if (blocked)
        pthread_sigmask(SIG_SETMASK, &before, NULL);
    if (rc != 0)
        free(s);
    return rc;
}
