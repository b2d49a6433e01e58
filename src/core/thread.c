/*
 * thread.c - threads with a name (thread.h).
 */
#include "core/thread.h"

#include <stdlib.h>
#include <string.h>

const int eg_stop_signals[EG_STOP_SIGNALS] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

void eg_stop_signal_set(sigset_t *set)
{
    sigemptyset(set);
    for (size_t i = 0; i < EG_STOP_SIGNALS; i++)
        sigaddset(set, eg_stop_signals[i]);
}

void eg_stop_signals_catch(void (*handler)(int))
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < EG_STOP_SIGNALS; i++)
        sigaction(eg_stop_signals[i], &sa, NULL);
}

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
    eg_stop_signal_set(&quiet);
    blocked = pthread_sigmask(SIG_BLOCK, &quiet, &before) == 0;
    rc = pthread_create(th, NULL, named, s);
    if (blocked)
        pthread_sigmask(SIG_SETMASK, &before, NULL);
    if (rc != 0)
        free(s);
    return rc;
}
