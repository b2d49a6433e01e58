/*
 * test_thread.c - core/thread.h: a thread runs its function with its
 * argument, under the name it was given, and takes no termination signal.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <signal.h>
#include <string.h>

#include "core/thread.h"

typedef struct {
    int arg_seen;
    char name[16];
} seen;

static void *note(void *arg)
{
    seen *s = arg;

    s->arg_seen = 1;
    pthread_getname_np(pthread_self(), s->name, sizeof s->name);
    return s;
}

static void a_thread_runs_its_function_under_its_name(void **state)
{
    seen s = { 0, "" };
    pthread_t th;
    void *ret = NULL;
    char mine[16] = "";

    (void)state;
    pthread_getname_np(pthread_self(), mine, sizeof mine);
    assert_int_equal(eg_thread_create(&th, "eg-test-thread", note, &s), 0);
    assert_int_equal(pthread_join(th, &ret), 0);
    assert_ptr_equal(ret, &s);
    assert_int_equal(s.arg_seen, 1);
    assert_string_equal(s.name, "eg-test-thread");
    /* the creating thread keeps its own name */
    {
        char after[16] = "";

        pthread_getname_np(pthread_self(), after, sizeof after);
        assert_string_equal(after, mine);
    }
}

static void *mask_of(void *arg)
{
    pthread_sigmask(SIG_BLOCK, NULL, arg);
    return NULL;
}

/* A build's termination handler must run in the thread that runs the
 * build (it removes the temporary files while nothing else creates one):
 * the threads it starts block SIGINT, SIGTERM, SIGHUP and SIGQUIT, and
 * the one that started them keeps its mask. */
static void a_thread_takes_no_termination_signal(void **state)
{
    static const int stop[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
    sigset_t theirs, mine_before, mine_after;
    pthread_t th;

    (void)state;
    sigemptyset(&theirs);
    pthread_sigmask(SIG_BLOCK, NULL, &mine_before);
    assert_int_equal(eg_thread_create(&th, "eg-test-mask", mask_of, &theirs), 0);
    assert_int_equal(pthread_join(th, NULL), 0);
    pthread_sigmask(SIG_BLOCK, NULL, &mine_after);
    for (size_t i = 0; i < sizeof stop / sizeof *stop; i++) {
        assert_int_equal(sigismember(&theirs, stop[i]), 1);
        assert_int_equal(sigismember(&mine_after, stop[i]), sigismember(&mine_before, stop[i]));
    }
    assert_int_equal(sigismember(&mine_after, SIGTERM), 0);
}

static volatile sig_atomic_t caught[65];

static void note_signal(int sig)
{
    if (sig > 0 && sig < 65)
        caught[sig]++;
}

/* eg_stop_signals_catch: the handler for each of SIGINT, SIGTERM, SIGHUP
 * and SIGQUIT, with nothing else blocked while it runs; each signal
 * raised reaches it once. */
static void each_termination_signal_is_caught_by_the_handler(void **state)
{
    static const int stop[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
    struct sigaction dfl, now;

    (void)state;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    eg_stop_signals_catch(note_signal);
    for (size_t i = 0; i < sizeof stop / sizeof *stop; i++) {
        assert_int_equal(sigaction(stop[i], NULL, &now), 0);
        assert_true(now.sa_handler == note_signal);
        for (size_t k = 0; k < sizeof stop / sizeof *stop; k++)
            assert_int_equal(sigismember(&now.sa_mask, stop[k]), 0);
        assert_int_equal(sigismember(&now.sa_mask, SIGUSR1), 0);
        assert_int_equal(raise(stop[i]), 0);
        assert_int_equal(caught[stop[i]], 1);
    }
    for (size_t i = 0; i < sizeof stop / sizeof *stop; i++)
        sigaction(stop[i], &dfl, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_thread_runs_its_function_under_its_name),
        cmocka_unit_test(a_thread_takes_no_termination_signal),
        cmocka_unit_test(each_termination_signal_is_caught_by_the_handler),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
