/*
 * test_sysexport_faults.c - a system export whose reading the system
 * fails: a plain file's pread, or a gzip stream's gzread, refused with an
 * I/O error, at every read in turn, with one thread, with a thread
 * inflating ahead and with the file cut in parts.
 *
 * Linked with pread, gzread and gzerror wrapped (Makefile): each passes
 * through until a test arms a fault; gzerror then says what zlib says of
 * a read that failed (Z_ERRNO, "<fd:N>: " and the system's words).  What
 * the operator must see is one E_SYSTEM_READ naming the export, in the
 * system's words (its number and its own words for one not translated),
 * the reading given up (-1), and nothing left running or leaked.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>
#include <zlib.h>

#include "core/diag.h"
#include "core/mem.h"
#include "extract/sysexport.h"

/* ---- the wrapped reads --------------------------------------------------- */

ssize_t __real_pread(int fd, void *buf, size_t n, off_t at);
int __real_gzread(gzFile gz, voidp buf, unsigned n);
const char *__real_gzerror(gzFile gz, int *err);

ssize_t __wrap_pread(int fd, void *buf, size_t n, off_t at);
int __wrap_gzread(gzFile gz, voidp buf, unsigned n);
const char *__wrap_gzerror(gzFile gz, int *err);

static struct {
    int at;                 /* the nth read fails (1-based; 0: none) */
    int errnum;             /* with this errno */
    atomic_int reads;       /* reads seen (the parts' threads count too) */
    atomic_int failed;      /* the fault was met */
    atomic_int in_gzread;   /* by gzread, whose gzerror then says so */
    char said[96];          /* gzerror's message after it */
} fault;

static void arm(int at, int errnum)
{
    fault.at = at;
    fault.errnum = errnum;
    atomic_store(&fault.reads, 0);
    atomic_store(&fault.failed, 0);
    atomic_store(&fault.in_gzread, 0);
    snprintf(fault.said, sizeof fault.said, "<fd:7>: %s", strerror(errnum));
}

static int fails_now(void)
{
    if (atomic_fetch_add(&fault.reads, 1) + 1 != fault.at)
        return 0;
    atomic_store(&fault.failed, 1);
    errno = fault.errnum;
    return 1;
}

ssize_t __wrap_pread(int fd, void *buf, size_t n, off_t at)
{
    return fails_now() ? -1 : __real_pread(fd, buf, n, at);
}

int __wrap_gzread(gzFile gz, voidp buf, unsigned n)
{
    if (!fails_now())
        return __real_gzread(gz, buf, n);
    atomic_store(&fault.in_gzread, 1);
    return -1;
}

const char *__wrap_gzerror(gzFile gz, int *err)
{
    if (atomic_load(&fault.in_gzread)) {
        *err = Z_ERRNO;
        return fault.said;
    }
    return __real_gzerror(gz, err);
}

/* ---- an export and its reading ------------------------------------------- */

#define ROWS 60000

/* ROWS rows after a header, 40-odd bytes each: about 2.6 MB. */
static char *make_export(size_t *n)
{
    size_t cap = 64 + (size_t)ROWS * 64, at;
    char *t = eg_xmalloc(cap);

    at = (size_t)snprintf(t, cap, "dossier_id,unit_code,channel\n");
    for (unsigned i = 1; i <= ROWS; i++)
        at += (size_t)snprintf(t + at, cap - at, "HS2020-%08u,GL.U%04u,truc_tuyen\n", i, i % 977);
    *n = at;
    return t;
}

static char plain[64], gz[64];

static int write_exports(void **state)
{
    size_t n;
    char *t = make_export(&n);
    FILE *f;
    gzFile z;
    int fd;

    (void)state;
    strcpy(plain, "/tmp/egreport-test-faults-XXXXXX");
    strcpy(gz, "/tmp/egreport-test-faults-gz-XXXXXX");
    if ((fd = mkstemp(plain)) < 0)
        return -1;
    close(fd);
    if ((fd = mkstemp(gz)) < 0)
        return -1;
    close(fd);
    f = fopen(plain, "wb");
    if (!f || fwrite(t, 1, n, f) != n || fclose(f) != 0)
        return -1;
    z = gzopen(gz, "wb");
    if (!z || gzwrite(z, t, (unsigned)n) != (int)n || gzclose(z) != Z_OK)
        return -1;
    free(t);
    return 0;
}

static int remove_exports(void **state)
{
    (void)state;
    unlink(plain);
    unlink(gz);
    return 0;
}

typedef struct {
    long rows;
} count;

static int count_row(void *ctx, const eg_export_row *r)
{
    (void)r;
    ((count *)ctx)->rows++;
    return 0;
}

static void *fork_count(void *ctx)
{
    (void)ctx;
    return eg_xcalloc(1, sizeof(count));
}

static void join_count(void *ctx, void *part, long rows_before)
{
    (void)rows_before;
    ((count *)ctx)->rows += ((count *)part)->rows;
    free(part);
}

static void drop_count(void *part)
{
    free(part);
}

/* Reads path with jobs threads (parts of part_size bytes; 0: none) with
 * the nth read failing with errnum; its return, the rows in *rows and
 * its diagnostics in dl. */
static int read_with_fault(const char *path, int jobs, long long part_size, int nth, int errnum,
                           long *rows, eg_diag_list *dl)
{
    count c = { 0 };
    eg_export_split how = { count_row, fork_count, join_count, drop_count, jobs, part_size,
                            NULL };
    int rc;

    arm(nth, errnum);
    rc = eg_export_read_split(path, path == gz ? "systems/dossiers.csv.gz"
                                               : "systems/dossiers.csv",
                              &how, &c, NULL, dl);
    *rows = c.rows;
    return rc;
}

/* Every read failing in turn: the export given up with one E_SYSTEM_READ
 * in the system's words (its first bytes, which say whether it is gzip,
 * or a later read); but for again of them, reads that look ahead (whether
 * a file to be cut is gzip, where its parts begin), which the reading
 * does again or does without: the export then read whole. */
static void each_read(const char *path, int jobs, long long part_size, const char *display,
                      int again)
{
    int reads, said = 0, read_again = 0;
    long rows;
    eg_diag_list dl = { 0 };

    assert_int_equal(read_with_fault(path, jobs, part_size, 0, 0, &rows, &dl), 0);
    assert_int_equal(dl.n, 0);
    assert_int_equal(rows, ROWS + 1);
    reads = atomic_load(&fault.reads);
    assert_true(reads >= 3);
    for (int n = 1; n <= reads; n++) {
        int rc = read_with_fault(path, jobs, part_size, n, EIO, &rows, &dl);

        assert_true(atomic_load(&fault.failed));
        if (rc == 0) {
            assert_int_equal(dl.n, 0);
            assert_int_equal(rows, ROWS + 1);
            read_again++;
            continue;
        }
        assert_int_equal(rc, -1);
        assert_int_equal(dl.n, 1);
        assert_string_equal(dl.items[0].code, "E_SYSTEM_READ");
        assert_string_equal(dl.items[0].file, display);
        assert_int_equal(dl.items[0].severity, EG_ERROR);
        if (dl.items[0].row == 0) {
            /* the first bytes: nothing read */
            assert_int_equal(rows, 0);
            assert_string_equal(dl.items[0].message,
                                "không đọc được tệp xuất của hệ thống (lỗi vào/ra của ổ đĩa); "
                                "không đối chiếu với tệp này");
        } else {
            /* the row after the last handed on */
            assert_int_equal(dl.items[0].row, rows + 1);
            assert_string_equal(dl.items[0].message,
                                "không đọc được hết tệp xuất của hệ thống (lỗi vào/ra của ổ "
                                "đĩa); không đối chiếu với tệp này");
        }
        said++;
        eg_diag_free(&dl);
    }
    assert_int_equal(read_again, again);
    assert_int_equal(said, reads - again);
}

static void a_plain_export_read_by_one_thread(void **state)
{
    (void)state;
    each_read(plain, 1, 0, "systems/dossiers.csv", 0);
}

/* Parts of 256 KiB: ten of them, taken by two threads; whether the file
 * is gzip and where each part begins are looked at first. */
static void a_plain_export_cut_in_parts(void **state)
{
    (void)state;
    each_read(plain, 2, 256 * 1024, "systems/dossiers.csv", 9);
}

static void a_gzip_export_inflated_by_the_reader(void **state)
{
    (void)state;
    each_read(gz, 1, 0, "systems/dossiers.csv.gz", 0);
}

/* With two threads a gzip file is first looked at as one to cut. */
static void a_gzip_export_inflated_ahead_by_a_thread(void **state)
{
    (void)state;
    each_read(gz, 2, 0, "systems/dossiers.csv.gz", 1);
}

/* The rows before a failure are the same whether one thread inflates
 * ahead or the reader inflates itself, and the row the error names with
 * them: the reading is the same, but for who calls gzread. */
static void a_gzip_export_fails_at_the_same_row_either_way(void **state)
{
    eg_diag_list one = { 0 }, two = { 0 };
    long rows_one, rows_two;

    (void)state;
    /* the second gzread: after the look at its first bytes, and with two
     * threads the look before it as at a file to cut */
    assert_int_equal(read_with_fault(gz, 1, 0, 3, EIO, &rows_one, &one), -1);
    assert_int_equal(read_with_fault(gz, 2, 0, 4, EIO, &rows_two, &two), -1);
    assert_true(rows_one > 0);
    assert_int_equal(rows_two, rows_one);
    assert_int_equal(one.n, 1);
    assert_int_equal(two.n, 1);
    assert_int_equal(two.items[0].row, one.items[0].row);
    assert_string_equal(two.items[0].message, one.items[0].message);
    eg_diag_free(&one);
    eg_diag_free(&two);
}

/* An error the project does not translate keeps its number and the
 * system's own words, from either kind of export and thread. */
static void an_error_not_translated_keeps_its_number(void **state)
{
    char want[256];

    (void)state;
    snprintf(want, sizeof want,
             "không đọc được hết tệp xuất của hệ thống (lỗi hệ thống số %d (%s)); không đối "
             "chiếu với tệp này",
             EREMOTEIO, strerror(EREMOTEIO));
    for (int k = 0; k < 3; k++) {
        eg_diag_list dl = { 0 };
        long rows;
        const char *path = k == 0 ? plain : gz;

        /* the first read after the look at its first bytes */
        assert_int_equal(read_with_fault(path, k == 2 ? 2 : 1, 0, k == 2 ? 3 : 2, EREMOTEIO,
                                         &rows, &dl),
                         -1);
        assert_int_equal(dl.n, 1);
        assert_string_equal(dl.items[0].message, want);
        eg_diag_free(&dl);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_plain_export_read_by_one_thread),
        cmocka_unit_test(a_plain_export_cut_in_parts),
        cmocka_unit_test(a_gzip_export_inflated_by_the_reader),
        cmocka_unit_test(a_gzip_export_inflated_ahead_by_a_thread),
        cmocka_unit_test(a_gzip_export_fails_at_the_same_row_either_way),
        cmocka_unit_test(an_error_not_translated_keeps_its_number),
    };

    return cmocka_run_group_tests(tests, write_exports, remove_exports);
}
