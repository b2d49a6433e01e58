/*
 * thread.h - threads with a name: `top -H`, `ps -L` and perf show which
 * part of a build a thread is (eg-read, eg-exports, eg-pdf, ...).
 */
#ifndef EG_THREAD_H
#define EG_THREAD_H

#include <pthread.h>
#include <signal.h>

/* The termination signals: SIGINT, SIGTERM, SIGHUP and SIGQUIT.  A build
 * catches them to remove its temporary files (cmd_build.c), holds them
 * back while it renames its outputs into place (publish.c), and keeps
 * them away from the threads it starts (below). */
#define EG_STOP_SIGNALS 4
extern const int eg_stop_signals[EG_STOP_SIGNALS];

/* *set: the termination signals alone. */
void eg_stop_signal_set(sigset_t *set);

/* handler for each termination signal, from now on (a command that must
 * remove its temporary files before it dies: build, template). */
void eg_stop_signals_catch(void (*handler)(int));

/* pthread_create(th, NULL, fn, arg) for a thread called name (at most 15
 * bytes: the kernel's limit), which takes no termination signal
 * (eg_stop_signals): those go to the thread that runs the build,
 * whose handler removes the temporary files while no other thread can be
 * caught creating one behind it.  Returns pthread_create's result;
 * nothing is left allocated when it fails. */
int eg_thread_create(pthread_t *th, const char *name, void *(*fn)(void *), void *arg);

#endif
