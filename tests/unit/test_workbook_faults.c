/*
 * test_workbook_faults.c - a workbook whose reading the system fails: the
 * first bytes of an .xlsx or an .xls, libzip's open, a part's open and a
 * part's read, the whole of an .xls, refused as a failing disk or a file
 * cut away under the reader refuses them.
 *
 * Linked with fread and libzip's zip_open, zip_fopen_index, zip_fread,
 * zip_get_error and zip_file_get_error wrapped (Makefile): each passes
 * through until a test arms a fault.  What a clerk or an operator must
 * see then is one E_FILE_READ naming the file (and the part being read)
 * in the system's words, not "an empty file" nor a damaged one to save
 * again; no rows after it; and no crash or leak (ASan, valgrind).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>

#include "xlsx_fixture.h"
#include "extract/xls.h"

#ifdef EG_SOURCE_DIR
#define XLS_FIXTURES EG_SOURCE_DIR "/tests/fixtures/xls/"
#else
#define XLS_FIXTURES "tests/fixtures/xls/"
#endif

/* ---- the wrapped libzip -------------------------------------------------- */

zip_t *__real_zip_open(const char *path, int flags, int *errorp);
zip_file_t *__real_zip_fopen_index(zip_t *za, zip_uint64_t index, zip_flags_t flags);
zip_int64_t __real_zip_fread(zip_file_t *f, void *buf, zip_uint64_t n);
zip_error_t *__real_zip_get_error(zip_t *za);
zip_error_t *__real_zip_file_get_error(zip_file_t *f);

zip_t *__wrap_zip_open(const char *path, int flags, int *errorp);
zip_file_t *__wrap_zip_fopen_index(zip_t *za, zip_uint64_t index, zip_flags_t flags);
zip_int64_t __wrap_zip_fread(zip_file_t *f, void *buf, zip_uint64_t n);
zip_error_t *__wrap_zip_get_error(zip_t *za);
zip_error_t *__wrap_zip_file_get_error(zip_file_t *f);

size_t __real_fread(void *p, size_t size, size_t n, FILE *f);
size_t __wrap_fread(void *p, size_t size, size_t n, FILE *f);

static int fread_fails;     /* the next fread fails with EIO */
static int arm_second_fread; /* the fread after the next fails */

size_t __wrap_fread(void *p, size_t size, size_t n, FILE *f)
{
    if (arm_second_fread) {
        arm_second_fread = 0;
        fread_fails = 1;
    } else if (fread_fails) {
        fread_fails = 0;
        eg_test_stream_fails(f);
        return 0;
    }
    return __real_fread(p, size, n, f);
}

static struct {
    int open_err;           /* zip_open fails with this code (0: it does not) */
    int fopen_at;           /* the nth zip_fopen_index fails (1-based; 0: none) */
    int fread_at;           /* the nth zip_fread fails */
    int zip_code, sys_code; /* the error the failed call leaves */
    int fopens, freads;     /* calls seen */
    char part[128];         /* the part whose open or read failed */
    int failed;             /* the fault was met */
    zip_error_t err;
} fault;

static void arm(int open_err, int fopen_at, int fread_at, int zip_code, int sys_code)
{
    memset(&fault, 0, sizeof fault);
    fault.open_err = open_err;
    fault.fopen_at = fopen_at;
    fault.fread_at = fread_at;
    fault.zip_code = zip_code;
    fault.sys_code = sys_code;
    zip_error_init(&fault.err);
}

static void disarm(void)
{
    zip_error_fini(&fault.err);
    memset(&fault, 0, sizeof fault);
}

zip_t *__wrap_zip_open(const char *path, int flags, int *errorp)
{
    if (fault.open_err && !(flags & ZIP_CREATE)) {
        fault.failed = 1;
        *errorp = fault.open_err;
        errno = fault.sys_code;     /* as libzip leaves it after a failed read */
        return NULL;
    }
    return __real_zip_open(path, flags, errorp);
}

zip_file_t *__wrap_zip_fopen_index(zip_t *za, zip_uint64_t index, zip_flags_t flags)
{
    if (++fault.fopens == fault.fopen_at) {
        const char *name = zip_get_name(za, index, 0);

        snprintf(fault.part, sizeof fault.part, "%s", name ? name : "?");
        zip_error_set(&fault.err, fault.zip_code, fault.sys_code);
        fault.failed = 1;
        return NULL;
    }
    return __real_zip_fopen_index(za, index, flags);
}

zip_int64_t __wrap_zip_fread(zip_file_t *f, void *buf, zip_uint64_t n)
{
    if (++fault.freads == fault.fread_at) {
        zip_error_set(&fault.err, fault.zip_code, fault.sys_code);
        fault.failed = 1;
        return -1;
    }
    return __real_zip_fread(f, buf, n);
}

zip_error_t *__wrap_zip_get_error(zip_t *za)
{
    return fault.failed ? &fault.err : __real_zip_get_error(za);
}

zip_error_t *__wrap_zip_file_get_error(zip_file_t *f)
{
    return fault.failed ? &fault.err : __real_zip_file_get_error(f);
}

/* ---- the tests ----------------------------------------------------------- */

/* The one diagnostic of fx, of code, with file book.xlsx. */
static const eg_diag *the_error(fixture *fx, const char *code)
{
    const eg_diag *d = only_diag(fx, code);

    assert_string_equal(d->file, "book.xlsx");
    assert_int_equal(d->severity, EG_ERROR);
    return d;
}

/* A workbook that cannot be opened for a read error or an open error is
 * said in the clerk's words, not taken for a damaged one. */
static void an_archive_that_cannot_be_read_is_a_read_error(void **state)
{
    fixture *fx = *state;

    valid_book(fx, 0);
    arm(ZIP_ER_READ, 0, 0, 0, 0);
    assert_int_equal(read_book(fx, NULL), -1);
    assert_string_equal(the_error(fx, "E_FILE_READ")->message,
                        "không đọc được tệp: lỗi đọc tệp");
    assert_int_equal(fx->rows.n, 0);
    eg_diag_free(&fx->dl);

    arm(ZIP_ER_SEEK, 0, 0, 0, 0);
    assert_int_equal(read_book(fx, NULL), -1);
    assert_string_equal(the_error(fx, "E_FILE_READ")->message,
                        "không đọc được tệp: lỗi đọc tệp");
    eg_diag_free(&fx->dl);

    arm(ZIP_ER_OPEN, 0, 0, 0, 0);
    assert_int_equal(read_book(fx, NULL), -1);
    assert_string_equal(the_error(fx, "E_FILE_READ")->message,
                        "không đọc được tệp: lỗi mở tệp");
    eg_diag_free(&fx->dl);

    /* other failures of the archive are its damage, in the clerk's words */
    arm(ZIP_ER_INCONS, 0, 0, 0, 0);
    assert_int_equal(read_book(fx, NULL), -1);
    assert_non_null(strstr(the_error(fx, "E_XLSX_DAMAGED")->message,
                           "(cấu trúc tệp nén không nhất quán)"));
    assert_int_equal(fx->rows.n, 0);
    disarm();
}

/* Opens and reads of a sound book, counted. */
static void count_calls(fixture *fx, int *fopens, int *freads)
{
    arm(0, 0, 0, 0, 0);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->rows.n, 2);
    *fopens = fault.fopens;
    *freads = fault.freads;
    rows_free(&fx->rows);
}

/* A small sheet is read first in one pass; whatever goes wrong there is
 * read again, in two, which say it: a fault met in that pass only is no
 * error, and the book reads whole. */
static void read_whole_again(fixture *fx)
{
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 2);
    assert_string_equal(fx->rows.rows[1].f[0], "39");
}

/* Each part's open refused in turn (a seek past a disk's bad sector): one
 * E_FILE_READ naming that part, in the system's words, and no row; but for
 * the sheet's first reading, which is read again. */
static void each_part_that_cannot_be_opened_is_said_by_name(void **state)
{
    fixture *fx = *state;
    int opens, reads, said = 0, again = 0;

    valid_book(fx, 0);
    count_calls(fx, &opens, &reads);
    /* the root's relationships, the workbook's, the workbook, the sheet */
    assert_int_equal(opens, 4);
    for (int n = 1; n <= opens; n++) {
        char want[256];

        eg_diag_free(&fx->dl);
        rows_free(&fx->rows);
        arm(0, n, 0, ZIP_ER_SEEK, EIO);
        if (read_book(fx, NULL) == 0) {
            assert_string_equal(fault.part, "xl/worksheets/sheet1.xml");
            read_whole_again(fx);
            again++;
            continue;
        }
        snprintf(want, sizeof want, "không đọc được thành phần %s: lỗi vào/ra của ổ đĩa",
                 fault.part);
        assert_string_equal(the_error(fx, "E_FILE_READ")->message, want);
        assert_int_equal(fx->rows.n, 0);
        said++;
    }
    assert_int_equal(again, 1);
    assert_int_equal(said, opens - 1);
    disarm();
}

/* Each read refused in turn, in a stored and in a compressed book: one
 * E_FILE_READ naming the file, its words the system's, or libzip's when
 * the system gave no code; and no row. */
static void each_read_that_fails_is_said_once(void **state)
{
    fixture *fx = *state;

    for (int stored = 0; stored <= 1; stored++) {
        int opens, reads, said = 0, again = 0;

        valid_book(fx, stored);
        count_calls(fx, &opens, &reads);
        for (int n = 1; n <= reads; n++) {
            const eg_diag *d;

            eg_diag_free(&fx->dl);
            rows_free(&fx->rows);
            arm(0, 0, n, ZIP_ER_READ, n % 2 ? EIO : 0);
            if (read_book(fx, NULL) == 0) {
                assert_true(fault.failed);
                read_whole_again(fx);
                again++;
                continue;
            }
            d = the_error(fx, "E_FILE_READ");
            assert_non_null(strstr(d->message, "không đọc được thành phần "));
            assert_non_null(strstr(d->message, n % 2 ? ": lỗi vào/ra của ổ đĩa" : ": lỗi đọc tệp"));
            assert_int_equal(fx->rows.n, 0);
            said++;
        }
        /* two reads of each part (its bytes, then the end, where libzip
         * checks the CRC); the sheet's two in its one-pass reading */
        assert_int_equal(reads, 8);
        assert_int_equal(again, 2);
        assert_int_equal(said, 6);
        eg_diag_free(&fx->dl);
        rows_free(&fx->rows);
    }
    disarm();
}

/* Data that does not inflate, and a part whose CRC is wrong, are damage:
 * the clerk is asked to send the file again. */
static void a_part_that_does_not_inflate_is_damage(void **state)
{
    fixture *fx = *state;

    valid_book(fx, 0);
    arm(0, 0, 1, ZIP_ER_COMPRESSED_DATA, 0);
    assert_int_equal(read_book(fx, NULL), -1);
    assert_non_null(strstr(the_error(fx, "E_XLSX_DAMAGED")->message,
                           "(dữ liệu nén bị hỏng): gửi lại"));
    eg_diag_free(&fx->dl);

    arm(0, 0, 1, ZIP_ER_CRC, 0);
    assert_int_equal(read_book(fx, NULL), -1);
    assert_non_null(strstr(the_error(fx, "E_XLSX_CRC")->message, "sai mã kiểm tra CRC"));
    assert_int_equal(fx->rows.n, 0);
    disarm();
}

/* The first bytes of a workbook, which say what it is, unread: a read
 * error in the system's words, not "an empty file" (E_XLSX_NOT_ZIP,
 * E_XLS_NOT_XLS "tệp trống") nor a file of another kind. */
static void first_bytes_that_cannot_be_read_are_a_read_error(void **state)
{
    fixture *fx = *state;
    const eg_diag *d;

    valid_book(fx, 0);
    fread_fails = 1;
    assert_int_equal(read_book(fx, NULL), -1);
    assert_string_equal(the_error(fx, "E_FILE_READ")->message,
                        "không đọc được tệp: lỗi vào/ra của ổ đĩa");
    assert_int_equal(fx->rows.n, 0);
    eg_diag_free(&fx->dl);

    fread_fails = 1;
    assert_int_equal(eg_xls_read(XLS_FIXTURES "cells.xls", "cells.xls", collect_row, &fx->rows,
                                 NULL, &fx->dl), -1);
    assert_int_equal(fx->dl.n, 1);
    d = &fx->dl.items[0];
    assert_string_equal(d->code, "E_FILE_READ");
    assert_string_equal(d->file, "cells.xls");
    assert_string_equal(d->message, "không đọc được tệp: lỗi vào/ra của ổ đĩa");
    assert_int_equal(fx->rows.n, 0);
}

/* An .xls read whole into memory: a read the system fails there is the
 * system's error, not a damaged workbook the clerk should save again
 * (E_XLS_BROKEN); its first bytes are read first, the whole next. */
static void an_xls_that_cannot_be_read_whole_is_a_read_error(void **state)
{
    fixture *fx = *state;
    const eg_diag *d;

    /* the first fread (its signature) goes through; the second fails */
    assert_int_equal(eg_xls_read(XLS_FIXTURES "cells.xls", "cells.xls", collect_row, &fx->rows,
                                 NULL, &fx->dl), 0);
    assert_int_equal(fx->dl.n, 0);
    rows_free(&fx->rows);
    arm_second_fread = 1;
    assert_int_equal(eg_xls_read(XLS_FIXTURES "cells.xls", "cells.xls", collect_row, &fx->rows,
                                 NULL, &fx->dl), -1);
    assert_int_equal(arm_second_fread, 0);
    assert_int_equal(fx->dl.n, 1);
    d = &fx->dl.items[0];
    assert_string_equal(d->code, "E_FILE_READ");
    assert_string_equal(d->message, "không đọc được tệp: lỗi vào/ra của ổ đĩa");
    assert_int_equal(fx->rows.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(an_archive_that_cannot_be_read_is_a_read_error, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(each_part_that_cannot_be_opened_is_said_by_name, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(each_read_that_fails_is_said_once, setup, teardown),
        cmocka_unit_test_setup_teardown(a_part_that_does_not_inflate_is_damage, setup, teardown),
        cmocka_unit_test_setup_teardown(first_bytes_that_cannot_be_read_are_a_read_error, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(an_xls_that_cannot_be_read_whole_is_a_read_error, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
