/*
 * test_thread.c - core/thread.h: a thread runs its function with its
 * argument, under the name it was given.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_thread_runs_its_function_under_its_name),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
