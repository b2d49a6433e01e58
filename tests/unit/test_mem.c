/*
 * test_mem.c - core/mem.h: out of memory is one line on standard error
 * and exit 3, even while stdio's stderr is a stream in memory (a
 * workbook being written: write/lxw_said.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/mem.h"
#include "write/lxw_said.h"

static void out_of_memory_reaches_the_descriptor_whatever_stderr_is(void **state)
{
    int fds[2], status;
    char got[256];
    ssize_t n;
    pid_t pid;

    (void)state;
    assert_int_equal(pipe(fds), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        eg_lxw_said said;

        dup2(fds[1], STDERR_FILENO);
        close(fds[0]);
        eg_lxw_said_begin(&said);          /* stdio's stderr now in memory */
        eg_out_of_memory("asked for 42 bytes");
    }
    close(fds[1]);
    n = read(fds[0], got, sizeof got - 1);
    close(fds[0]);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 3);
    assert_true(n > 0);
    got[n] = '\0';
    assert_string_equal(got, "egreport: fatal: out of memory (asked for 42 bytes)\n");
}

/* What a child that asks allocator `which` for 64 TiB says on standard
 * error, and its exit status in *status. */
static char *refused_in_a_child(int which, int *status)
{
    static char got[256];
    int fds[2];
    ssize_t n;
    pid_t pid;

    assert_int_equal(pipe(fds), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        static void *p;         /* reachable when the child exits */

        dup2(fds[1], STDERR_FILENO);
        close(fds[0]);
        if (which == 0)
            p = eg_xmalloc((size_t)1 << 46);
        else if (which == 1)
            p = eg_xcalloc((size_t)1 << 23, (size_t)1 << 23);
        else {
            p = eg_xmalloc(16);
            p = eg_xrealloc(p, (size_t)1 << 46);
        }
        _exit(p ? 0 : 1);
    }
    close(fds[1]);
    n = read(fds[0], got, sizeof got - 1);
    close(fds[0]);
    assert_int_equal(waitpid(pid, status, 0), pid);
    got[n > 0 ? n : 0] = '\0';
    return got;
}

/* More than the machine can give, from any of the allocators: one line
 * saying how many bytes were asked for, and exit 3 (a sanitizer's own
 * allocator would stop the program first: not run under it). */
static void an_allocation_refused_says_how_much_and_exits_3(void **state)
{
    int status;

    (void)state;
#ifdef __SANITIZE_ADDRESS__
    skip();
#endif
    for (int which = 0; which < 3; which++) {
        const char *said = refused_in_a_child(which, &status);

        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 3);
        assert_string_equal(said, "egreport: fatal: out of memory (asked for 70368744177664 bytes)\n");
    }
}

/* eg_xcalloc's memory is zero, even where a block just freed was not
 * (written through a volatile pointer, lest the writes be left out as
 * dead before the free). */
static void calloc_memory_is_zero_where_freed_memory_was_not(void **state)
{
    unsigned char *p = eg_xmalloc(256), *q;
    volatile unsigned char *w = p;

    (void)state;
    for (size_t i = 0; i < 256; i++)
        w[i] = 0xAB;
    free(p);
    q = eg_xcalloc(64, 4);
    for (size_t i = 0; i < 256; i++)
        if (q[i])
            fail_msg("byte %zu is %#x", i, q[i]);
    free(q);
}

/* Copies are whole and end where the text ends; formatted text is as long
 * as it prints, however long that is. */
static void copies_and_formatted_text_are_whole(void **state)
{
    char long_text[300];
    char *p;

    (void)state;
    p = eg_xstrdup("");
    assert_string_equal(p, "");
    free(p);
    p = eg_xstrdup("a");
    assert_string_equal(p, "a");
    free(p);
    p = eg_xstrdup("Cấp xã");
    assert_string_equal(p, "Cấp xã");
    free(p);
    p = eg_xstrndup("abc\0def", 7);
    assert_memory_equal(p, "abc\0def", 8);
    free(p);
    p = eg_xstrndup("abcdef", 3);
    assert_string_equal(p, "abc");
    free(p);
    p = eg_xasprintf("%s=%d", "n", 42);
    assert_string_equal(p, "n=42");
    free(p);
    p = eg_xasprintf("%s", "");
    assert_string_equal(p, "");
    free(p);
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    p = eg_xasprintf("[%s]", long_text);
    assert_int_equal(strlen(p), sizeof long_text + 1);
    assert_int_equal(p[0], '[');
    assert_int_equal(p[sizeof long_text], ']');
    free(p);
}

/* A text the C library cannot format (a wide character that is no
 * character: vsnprintf fails with EILSEQ) is the empty text, whole. */
static void a_text_that_cannot_be_formatted_is_empty(void **state)
{
    static const wchar_t not_a_character[] = { 0xD800, 0 };
    char *p;

    (void)state;
    p = eg_xasprintf("%ls", not_a_character);
    assert_non_null(p);
    assert_string_equal(p, "");
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(out_of_memory_reaches_the_descriptor_whatever_stderr_is),
        cmocka_unit_test(copies_and_formatted_text_are_whole),
        cmocka_unit_test(an_allocation_refused_says_how_much_and_exits_3),
        cmocka_unit_test(calloc_memory_is_zero_where_freed_memory_was_not),
        cmocka_unit_test(a_text_that_cannot_be_formatted_is_empty),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
