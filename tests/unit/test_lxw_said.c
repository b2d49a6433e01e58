/*
 * test_lxw_said.c - write/lxw_said.h: what libxlsxwriter says on stderr
 * while a workbook is written is kept, then dropped or passed on.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "write/lxw_said.h"

/* The test's own stderr is a file it reads back. */
static FILE *real;

static int swap_stderr(void **state)
{
    (void)state;
    real = stderr;
    stderr = tmpfile();
    return stderr ? 0 : -1;
}

static int restore_stderr(void **state)
{
    (void)state;
    fclose(stderr);
    stderr = real;
    return 0;
}

static char *seen(void)
{
    static char buf[4096];
    size_t n;

    fflush(stderr);
    rewind(stderr);
    n = fread(buf, 1, sizeof buf - 1, stderr);
    buf[n] = '\0';
    return buf;
}

static void what_is_said_meanwhile_is_dropped_or_passed_on(void **state)
{
    eg_lxw_said s;

    (void)state;
    fputs("before\n", stderr);
    eg_lxw_said_begin(&s);
    fprintf(stderr, "[ERROR] workbook_close(): '%s'\n", ".a.xlsx.tmp-1");
    fputs("egreport: another thread's line\n", stderr);    /* not the library's */
    fputs("[WARNING] worksheet_write_string(): ...\n", stderr);
    errno = ENOSPC;
    assert_int_equal(eg_lxw_said_end(&s, 0), 114);
    assert_int_equal(errno, ENOSPC);        /* the failure's reason outlives the end */
    assert_string_equal(seen(), "before\negreport: another thread's line\n");

    eg_lxw_said_begin(&s);
    fputs("[WARNING] a fault of ours\n", stderr);
    assert_int_equal(eg_lxw_said_end(&s, 1), 26);
    fputs("after\n", stderr);
    assert_string_equal(seen(), "before\negreport: another thread's line\n[WARNING] a fault of ours\nafter\n");

    eg_lxw_said_begin(&s);                  /* nothing said: nothing kept */
    assert_int_equal(eg_lxw_said_end(&s, 1), 0);
    assert_string_equal(seen(), "before\negreport: another thread's line\n[WARNING] a fault of ours\nafter\n");
}

/* libxlsxwriter itself, failing to create its file: its lines go nowhere,
 * and the system's reason is left for the caller's message. */
static void a_workbook_that_cannot_be_created_says_nothing_itself(void **state)
{
    eg_lxw_said s;
    lxw_workbook *wb;
    lxw_error e;
    int err;

    (void)state;
    eg_lxw_said_begin(&s);
    wb = workbook_new("/nonexistent-folder-of-egreport/a.xlsx");
    assert_non_null(wb);
    assert_non_null(workbook_add_worksheet(wb, NULL));
    errno = 0;
    e = workbook_close(wb);
    err = errno;
    assert_true(eg_lxw_said_end(&s, e == LXW_NO_ERROR) > 0);    /* it did speak */
    assert_int_equal(e, LXW_ERROR_CREATING_XLSX_FILE);
    assert_true(eg_lxw_file_error(e));
    assert_int_equal(err, ENOENT);
    assert_string_equal(seen(), "");
}

static void only_a_files_errors_take_the_systems_reason(void **state)
{
    (void)state;
    assert_true(eg_lxw_file_error(LXW_ERROR_CREATING_XLSX_FILE));
    assert_true(eg_lxw_file_error(LXW_ERROR_ZIP_FILE_OPERATION));
    assert_false(eg_lxw_file_error(LXW_ERROR_CREATING_TMPFILE));     /* not the workbook's */
    assert_false(eg_lxw_file_error(LXW_NO_ERROR));
    assert_false(eg_lxw_file_error(LXW_ERROR_MEMORY_MALLOC_FAILED));
    assert_false(eg_lxw_file_error(LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(what_is_said_meanwhile_is_dropped_or_passed_on,
                                        swap_stderr, restore_stderr),
        cmocka_unit_test_setup_teardown(a_workbook_that_cannot_be_created_says_nothing_itself,
                                        swap_stderr, restore_stderr),
        cmocka_unit_test(only_a_files_errors_take_the_systems_reason),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
