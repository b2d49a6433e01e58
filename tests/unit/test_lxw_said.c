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
#include <sys/resource.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/fsize.h"
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

/* Where a line ends and whose it is: an empty line, a last line without
 * its newline, "[ERROR" without its bracket (not the library's), a line
 * that is "[ERROR]" alone, at the end, without newline (the library's). */
static void a_line_is_the_librarys_by_its_whole_tag(void **state)
{
    eg_lxw_said s;

    (void)state;
    eg_lxw_said_begin(&s);
    fputs("[ERROR\n\n[WARNING] dropped\n[WARNIN] ours\n[ERROR]", stderr);
    assert_int_equal(eg_lxw_said_end(&s, 0), 47);
    assert_string_equal(seen(), "[ERROR\n\n[WARNIN] ours\n");

    eg_lxw_said_begin(&s);
    fputs("[WARN", stderr);                 /* shorter than the tag: ours */
    assert_int_equal(eg_lxw_said_end(&s, 0), 5);
    assert_string_equal(seen(), "[ERROR\n\n[WARNIN] ours\n[WARN");
}

/* A workbook closed: whole, the library's lines passed on; made badly
 * (made_ok 0) though closed well, dropped; not created, dropped, with
 * the system's reason. */
static void a_workbook_closed_passes_on_the_librarys_lines_only_when_whole(void **state)
{
    char dir[] = "/tmp/egreport-said-XXXXXX", path[600];
    eg_lxw_said s;
    lxw_workbook *wb;
    int err = -1;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/a.xlsx", dir);
    eg_lxw_said_begin(&s);
    wb = workbook_new(path);
    assert_non_null(workbook_add_worksheet(wb, NULL));
    fputs("[WARNING] a fault of ours\n", stderr);
    assert_int_equal(eg_lxw_close(&s, wb, 1, &err), LXW_NO_ERROR);
    assert_string_equal(seen(), "[WARNING] a fault of ours\n");
    assert_null(s.real);                    /* stderr given back */
    assert_int_equal(unlink(path), 0);

    eg_lxw_said_begin(&s);
    wb = workbook_new(path);
    assert_non_null(workbook_add_worksheet(wb, NULL));
    fputs("[WARNING] said of a workbook made badly\n", stderr);
    assert_int_equal(eg_lxw_close(&s, wb, 0, &err), LXW_NO_ERROR);
    assert_string_equal(seen(), "[WARNING] a fault of ours\n");
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);

    eg_lxw_said_begin(&s);
    wb = workbook_new("/nonexistent-folder-of-egreport/a.xlsx");
    assert_non_null(workbook_add_worksheet(wb, NULL));
    assert_int_equal(eg_lxw_close(&s, wb, 1, &err), LXW_ERROR_CREATING_XLSX_FILE);
    assert_int_equal(err, ENOENT);
    assert_string_equal(seen(), "[WARNING] a fault of ours\n");
}

/* A write of this thread's past a file size limit of 4 KiB, counted. */
static void hit_the_limit(void)
{
    static char block[8192];
    struct rlimit old, small = { 4096, 0 };
    unsigned before = eg_fsize_hits();
    FILE *f = tmpfile();

    assert_non_null(f);
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    small.rlim_max = old.rlim_max;
    eg_fsize_catch();
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    assert_int_equal(write(fileno(f), block, sizeof block), 4096);
    assert_int_equal(write(fileno(f), block, 1), -1);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    fclose(f);
    assert_int_equal(eg_fsize_hits(), before + 1);
}

/* A part cut at the file size limit while the workbook was written: the
 * workbook is said damaged (a zip error, EFBIG), the library's lines
 * dropped; not when it was made badly anyway (made_ok 0: the caller says
 * why), nor when its closing failed of itself (that reason kept). */
static void a_part_cut_at_the_file_size_limit_fails_the_workbook(void **state)
{
    char dir[] = "/tmp/egreport-said-XXXXXX", path[600];
    eg_lxw_said s;
    lxw_workbook *wb;
    int err = -1;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/a.xlsx", dir);
    eg_lxw_said_begin(&s);
    wb = workbook_new(path);
    assert_non_null(workbook_add_worksheet(wb, NULL));
    fputs("[WARNING] a part cut short\n", stderr);
    hit_the_limit();
    assert_int_equal(eg_lxw_close(&s, wb, 1, &err), LXW_ERROR_ZIP_FILE_OPERATION);
    assert_int_equal(err, EFBIG);
    assert_string_equal(seen(), "");
    assert_int_equal(unlink(path), 0);

    eg_lxw_said_begin(&s);
    wb = workbook_new(path);
    assert_non_null(workbook_add_worksheet(wb, NULL));
    hit_the_limit();
    err = -1;
    assert_int_equal(eg_lxw_close(&s, wb, 0, &err), LXW_NO_ERROR);
    assert_int_not_equal(err, EFBIG);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);

    eg_lxw_said_begin(&s);
    wb = workbook_new("/nonexistent-folder-of-egreport/a.xlsx");
    assert_non_null(workbook_add_worksheet(wb, NULL));
    hit_the_limit();
    assert_int_equal(eg_lxw_close(&s, wb, 1, &err), LXW_ERROR_CREATING_XLSX_FILE);
    assert_int_equal(err, ENOENT);
    assert_string_equal(seen(), "");
}

/* What the test wrote to its own (buffered) stderr before is flushed
 * first: a line written to the descriptor meanwhile comes after it; and
 * errno is as it was. */
static void what_was_said_before_is_out_first(void **state)
{
    eg_lxw_said s;

    (void)state;
    fputs("before\n", stderr);              /* in the stream's buffer */
    errno = EINTR;
    eg_lxw_said_begin(&s);
    assert_int_equal(errno, EINTR);
    assert_int_equal(write(fileno(s.real), "direct\n", 7), 7);
    assert_int_equal(eg_lxw_said_end(&s, 1), 0);
    assert_string_equal(seen(), "before\ndirect\n");
}

/* The F_XLSX diagnostic, fatal, in each of its four forms. */
static void a_failure_is_said_in_one_fatal_line(void **state)
{
    eg_diag_list dl = { .listed_max = 10 };

    (void)state;
    eg_lxw_report(&dl, "workbook", "out/a.xlsx", LXW_ERROR_MEMORY_MALLOC_FAILED,
                  "writing Dữ liệu", LXW_ERROR_ZIP_FILE_OPERATION, ENOSPC);
    eg_lxw_report(&dl, "form", "out/b.xlsx", LXW_NO_ERROR, NULL,
                  LXW_ERROR_CREATING_TMPFILE, EMFILE);
    eg_lxw_report(&dl, "workbook", "out/c.xlsx", LXW_NO_ERROR, NULL,
                  LXW_ERROR_ZIP_FILE_OPERATION, EFBIG);
    eg_lxw_report(&dl, "workbook", "out/d.xlsx", LXW_NO_ERROR, NULL,
                  LXW_ERROR_CREATING_TMPFILE, 0);
    eg_lxw_report(&dl, "workbook", "out/e.xlsx", LXW_NO_ERROR, NULL,
                  LXW_ERROR_CREATING_XLSX_FILE, 0);
    eg_lxw_report(&dl, "workbook", "out/f.xlsx", LXW_NO_ERROR, NULL,
                  LXW_ERROR_MEMORY_MALLOC_FAILED, ENOMEM);     /* not the file's */
    assert_int_equal(dl.n, 6);
    assert_int_equal(dl.n_fatal, 6);
    for (size_t i = 0; i < dl.n; i++) {
        assert_int_equal(dl.items[i].severity, EG_FATAL);
        assert_string_equal(dl.items[i].code, "F_XLSX");
    }
    assert_string_equal(dl.items[0].file, "out/a.xlsx");
    assert_string_equal(dl.items[0].message,
                        "cannot write the workbook 'out/a.xlsx': Memory error, failed to "
                        "malloc() required memory. (while writing Dữ liệu)");
    assert_string_equal(dl.items[1].message,
                        "cannot write the form 'out/b.xlsx': cannot create a temporary file "
                        "for its parts: Too many open files");
    assert_string_equal(dl.items[2].message,
                        "cannot write the workbook 'out/c.xlsx': File too large");
    assert_string_equal(dl.items[3].message,
                        "cannot write the workbook 'out/d.xlsx': Error encountered when "
                        "creating a tmpfile during file assembly.");
    assert_string_equal(dl.items[4].message,
                        "cannot write the workbook 'out/e.xlsx': Error creating output xlsx "
                        "file. Usually a permissions error.");
    assert_string_equal(dl.items[5].message,
                        "cannot write the workbook 'out/f.xlsx': Memory error, failed to "
                        "malloc() required memory.");
    eg_diag_free(&dl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(what_is_said_meanwhile_is_dropped_or_passed_on,
                                        swap_stderr, restore_stderr),
        cmocka_unit_test_setup_teardown(a_workbook_that_cannot_be_created_says_nothing_itself,
                                        swap_stderr, restore_stderr),
        cmocka_unit_test(only_a_files_errors_take_the_systems_reason),
        cmocka_unit_test_setup_teardown(a_line_is_the_librarys_by_its_whole_tag,
                                        swap_stderr, restore_stderr),
        cmocka_unit_test_setup_teardown(
            a_workbook_closed_passes_on_the_librarys_lines_only_when_whole,
            swap_stderr, restore_stderr),
        cmocka_unit_test(a_failure_is_said_in_one_fatal_line),
        cmocka_unit_test_setup_teardown(a_part_cut_at_the_file_size_limit_fails_the_workbook,
                                        swap_stderr, restore_stderr),
        cmocka_unit_test_setup_teardown(what_was_said_before_is_out_first,
                                        swap_stderr, restore_stderr),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
