/*
 * test_cfb.c - extract/cfb.h: the stream of a compound file, by name.
 *
 * The files are the .xls fixtures of tests/fixtures/xls/: cells.xls as
 * LibreOffice saved it (its "Workbook" of 3,472 bytes is under the
 * 4,096-byte cutoff, so it lives in the mini stream, as do the property
 * streams beside it), biff5.xls as make-fixtures.py writes it (one "Book"
 * of 4,096 bytes: whole sectors of the file).  Each stream's SHA-256 was
 * taken from the file by a separate reading of MS-CFB (a script that
 * follows the chains itself), so the test holds the bytes, not only their
 * count; a fixture made again changes them, and this test with it.
 * Damaged files are in test_xls.c, where the clerk's message is checked.
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
#include <unistd.h>

#include "core/sha256.h"
#include "extract/cfb.h"

#ifdef EG_SOURCE_DIR
#define FIXTURES EG_SOURCE_DIR "/tests/fixtures/xls/"
#else
#define FIXTURES "tests/fixtures/xls/"
#endif

/* Reads the stream of path named by the first of names it holds and
 * checks its length and SHA-256. */
static void assert_stream(const char *path, const char *const names[], size_t n,
                          const char *sha256)
{
    unsigned char *s = NULL;
    size_t got = 0;
    const char *why = NULL;
    char hex[65];

    assert_int_equal(eg_cfb_read(path, names, &s, &got, &why), 0);
    assert_null(why);
    assert_non_null(s);
    assert_int_equal(got, n);
    eg_sha256_hex(s, got, hex);
    assert_string_equal(hex, sha256);
    free(s);
}

/* eg_cfb_read refuses path with rc (-1 for the file, -2 for the
 * system's failure) and message. */
static void assert_refused_rc(const char *path, const char *const names[], int rc,
                              const char *message)
{
    unsigned char *s = (unsigned char *)"not set";
    size_t got = 99;
    const char *why = NULL;

    assert_int_equal(eg_cfb_read(path, names, &s, &got, &why), rc);
    assert_null(s);
    assert_int_equal(got, 0);
    assert_non_null(why);
    assert_string_equal(why, message);
}

static void assert_refused(const char *path, const char *const names[], const char *message)
{
    assert_refused_rc(path, names, -1, message);
}

#define CELLS_WORKBOOK "c286454c33ed21cd6a4c5b7d3722c265716f2d6dbfbefcc410bb2b5f2580f454"
#define BIFF5_BOOK "fd9f3723605bf665fb7770050867af6e222bbd9250c55124f069fd58a58fb3d9"

static void stream_in_the_mini_stream_is_read_whole(void **state)
{
    (void)state;
    assert_stream(FIXTURES "cells.xls", (const char *const[]){ "Workbook", NULL }, 3472,
                  CELLS_WORKBOOK);
    /* the document's properties: 200 bytes, four mini sectors */
    assert_stream(FIXTURES "cells.xls", (const char *const[]){ "\005SummaryInformation", NULL },
                  200, "25ec6ea639041263eec2d369859f39628678bc150d9f4c6d78afa62abc08990e");
}

static void stream_in_whole_sectors_is_read_whole(void **state)
{
    (void)state;
    assert_stream(FIXTURES "biff5.xls", (const char *const[]){ "Book", NULL }, 4096, BIFF5_BOOK);
}

static void first_name_the_file_holds_is_taken(void **state)
{
    (void)state;
    /* "Workbook" first, as an .xls is read: cells.xls has it, biff5.xls
     * only a "Book" */
    assert_stream(FIXTURES "cells.xls", (const char *const[]){ "Workbook", "Book", NULL }, 3472,
                  CELLS_WORKBOOK);
    assert_stream(FIXTURES "biff5.xls", (const char *const[]){ "Workbook", "Book", NULL }, 4096,
                  BIFF5_BOOK);
    /* the order of the names, not the directory's, decides */
    assert_stream(FIXTURES "cells.xls", (const char *const[]){ "\001Ole", "Workbook", NULL }, 20,
                  "c36c8a4b7dee703b9ce6e288032033b718feef01ca283cfaa4332a8334b2adf3");
}

static void names_are_matched_without_case_but_whole(void **state)
{
    (void)state;
    assert_stream(FIXTURES "cells.xls", (const char *const[]){ "WORKBOOK", NULL }, 3472,
                  CELLS_WORKBOOK);
    /* a name's beginning is not the name */
    assert_refused(FIXTURES "cells.xls", (const char *const[]){ "Work", NULL },
                   "tệp không chứa bảng tính (có thể là loại tệp Office khác?)");
    assert_refused(FIXTURES "cells.xls", (const char *const[]){ "Workbook2", NULL },
                   "tệp không chứa bảng tính (có thể là loại tệp Office khác?)");
}

static void file_without_the_stream_or_not_a_compound_file_is_refused(void **state)
{
    (void)state;
    assert_refused(FIXTURES "biff5.xls", (const char *const[]){ "Workbook", NULL },
                   "tệp không chứa bảng tính (có thể là loại tệp Office khác?)");
    assert_refused(FIXTURES "make-fixtures.py", (const char *const[]){ "Workbook", NULL },
                   "tệp không phải tệp Excel 97-2003");
    /* not the file's fault: the system's, errno saying why */
    errno = 0;
    assert_refused_rc(FIXTURES "no-such-file.xls", (const char *const[]){ "Workbook", NULL }, -2,
                      "không đọc được toàn bộ tệp");
    assert_int_equal(errno, ENOENT);
}

/* A file past EG_CFB_MAX_FILE is refused for its size before a byte of it
 * is read (a compound file's signature, then a hole). */
static void a_file_past_the_size_cap_is_refused_for_its_size(void **state)
{
    char path[] = "/tmp/egreport-test-cfb-XXXXXX";
    int fd = mkstemp(path);

    (void)state;
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), 8);
    assert_int_equal(ftruncate(fd, (off_t)EG_CFB_MAX_FILE + 1), 0);
    assert_int_equal(close(fd), 0);
    assert_refused(path, (const char *const[]){ "Workbook", NULL },
                   "tệp lớn hơn 256 MiB, mức đọc được của một tệp Excel 97-2003");
    assert_int_equal(unlink(path), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stream_in_the_mini_stream_is_read_whole),
        cmocka_unit_test(stream_in_whole_sectors_is_read_whole),
        cmocka_unit_test(first_name_the_file_holds_is_taken),
        cmocka_unit_test(names_are_matched_without_case_but_whole),
        cmocka_unit_test(file_without_the_stream_or_not_a_compound_file_is_refused),
        cmocka_unit_test(a_file_past_the_size_cap_is_refused_for_its_size),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
