/*
 * test_xlsx_tmpfile.c - libxlsxwriter's temporary files (write/xlsx_tmpfile.h):
 * without a folder, an anonymous file in memory that reads back what was
 * written; with one, or without a memory file to be had, a file in that
 * folder (or $TMPDIR), already unlinked; and the
 * library's own calls, while it writes a workbook, come here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "write/xlsx_tmpfile.h"

/* memfd_create and fdopen, wrapped at link time (Makefile): refused, as
 * an old kernel or a process out of descriptors or memory refuses them,
 * when a test says so. */
int __real_memfd_create(const char *name, unsigned flags);
FILE *__real_fdopen(int fd, const char *mode);
int __wrap_memfd_create(const char *name, unsigned flags);
FILE *__wrap_fdopen(int fd, const char *mode);

static int refuse_memfd, refuse_fdopen;

int __wrap_memfd_create(const char *name, unsigned flags)
{
    if (refuse_memfd) {
        errno = ENOSYS;
        return -1;
    }
    return __real_memfd_create(name, flags);
}

FILE *__wrap_fdopen(int fd, const char *mode)
{
    if (refuse_fdopen) {
        errno = ENOMEM;
        return NULL;
    }
    return __real_fdopen(fd, mode);
}

/* What /proc says file f is. */
static void name_of(FILE *f, char *buf, size_t cap)
{
    char link[64];
    ssize_t k;

    snprintf(link, sizeof link, "/proc/self/fd/%d", fileno(f));
    k = readlink(link, buf, cap - 1);
    assert_true(k > 0);
    buf[k] = '\0';
}

/* The number of entries of folder dir, but . and .. */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    assert_non_null(d);
    while ((e = readdir(d)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void written_bytes_read_back(FILE *f)
{
    char got[16] = { 0 };

    assert_int_equal(fputs("<sheet/>", f) >= 0, 1);
    assert_int_equal(fflush(f), 0);
    rewind(f);
    assert_int_equal(fread(got, 1, 8, f), 8);
    assert_string_equal(got, "<sheet/>");
}

static void without_a_folder_a_part_is_in_memory(void **state)
{
    size_t before = eg_xlsx_tmpfiles_in_memory();
    char name[256];
    FILE *f = lxw_tmpfile(NULL);

    (void)state;
    assert_non_null(f);
    name_of(f, name, sizeof name);
    assert_true(strncmp(name, "/memfd:egreport-xlsx-part", 25) == 0);
    assert_true(fcntl(fileno(f), F_GETFD) & FD_CLOEXEC);     /* no child inherits it */
    written_bytes_read_back(f);
    assert_int_equal(eg_xlsx_tmpfiles_in_memory(), before + 1);
    fclose(f);
}

/* Standard input closed: the memory file is descriptor 0, and is used. */
static void a_part_on_descriptor_0_is_in_memory_too(void **state)
{
    size_t before = eg_xlsx_tmpfiles_in_memory();
    int in = dup(0);
    char name[256];
    FILE *f;

    (void)state;
    assert_true(in > 0);
    assert_int_equal(close(0), 0);
    f = lxw_tmpfile(NULL);
    assert_non_null(f);
    assert_int_equal(fileno(f), 0);
    name_of(f, name, sizeof name);
    assert_true(strncmp(name, "/memfd:egreport-xlsx-part", 25) == 0);
    written_bytes_read_back(f);
    assert_int_equal(eg_xlsx_tmpfiles_in_memory(), before + 1);
    fclose(f);
    assert_int_equal(dup2(in, 0), 0);
    close(in);
}

static void with_a_folder_a_part_is_there_already_unlinked(void **state)
{
    char dir[] = "/tmp/egreport-tmpfile-XXXXXX", name[512];
    size_t before = eg_xlsx_tmpfiles_in_memory();
    FILE *f;

    (void)state;
    assert_non_null(mkdtemp(dir));
    f = lxw_tmpfile(dir);
    assert_non_null(f);
    name_of(f, name, sizeof name);
    assert_true(strncmp(name, dir, strlen(dir)) == 0);
    assert_non_null(strstr(name, " (deleted)"));
    assert_int_equal(entries(dir), 0);
    written_bytes_read_back(f);
    assert_int_equal(eg_xlsx_tmpfiles_in_memory(), before);
    fclose(f);
    assert_int_equal(rmdir(dir), 0);
}

/* The descriptors open in this process. */
static int open_fds(void)
{
    return entries("/proc/self/fd") - 1;    /* less opendir's own */
}

/* No memory file to be had (a kernel without memfd_create), or no stream
 * on one: the part is a file in $TMPDIR, already unlinked, and the memory
 * file made for nothing is closed. */
static void without_a_memory_file_a_part_is_a_file_unlinked(void **state)
{
    char dir[] = "/tmp/egreport-tmpfile-XXXXXX", name[512];
    const char *tmpdir = getenv("TMPDIR");
    char *was = tmpdir ? strdup(tmpdir) : NULL;
    size_t before = eg_xlsx_tmpfiles_in_memory();
    int fds = open_fds();

    (void)state;
    assert_non_null(mkdtemp(dir));
    setenv("TMPDIR", dir, 1);
    for (int k = 0; k < 2; k++) {
        FILE *f;

        refuse_memfd = k == 0;
        refuse_fdopen = k == 1;
        f = lxw_tmpfile(NULL);
        refuse_memfd = refuse_fdopen = 0;
        assert_non_null(f);
        name_of(f, name, sizeof name);
        assert_true(strncmp(name, dir, strlen(dir)) == 0);
        assert_non_null(strstr(name, " (deleted)"));
        assert_int_equal(entries(dir), 0);
        assert_int_equal(open_fds(), fds + 1);  /* its own, no other */
        written_bytes_read_back(f);
        fclose(f);
        assert_int_equal(open_fds(), fds);
    }
    assert_int_equal(eg_xlsx_tmpfiles_in_memory(), before);
    if (was)
        setenv("TMPDIR", was, 1);
    else
        unsetenv("TMPDIR");
    free(was);
    assert_int_equal(rmdir(dir), 0);
}

/* A workbook written by libxlsxwriter: in memory mode its parts are ours
 * (one for each of a dozen and more parts), in constant-memory mode with
 * a folder they are the library's, in that folder; both workbooks whole. */
static void the_librarys_parts_come_here(void **state)
{
    char dir[] = "/tmp/egreport-tmpfile-XXXXXX", path[600];
    lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = dir };
    size_t before = eg_xlsx_tmpfiles_in_memory(), made;
    lxw_workbook *wb;
    lxw_worksheet *ws;
    unsigned char magic[4];
    FILE *f;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/a.xlsx", dir);
    wb = workbook_new(path);
    ws = workbook_add_worksheet(wb, "Dữ liệu");
    worksheet_write_string(ws, 0, 0, "Sở Thông tin và Truyền thông", NULL);
    worksheet_write_number(ws, 1, 0, 98.98, NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    made = eg_xlsx_tmpfiles_in_memory() - before;
    assert_true(made >= 8);
    f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fread(magic, 1, 4, f), 4);
    fclose(f);
    assert_memory_equal(magic, "PK\3\4", 4);
    assert_int_equal(unlink(path), 0);

    before = eg_xlsx_tmpfiles_in_memory();
    wb = workbook_new_opt(path, &opt);
    ws = workbook_add_worksheet(wb, "Dữ liệu");
    worksheet_write_string(ws, 0, 0, "Huyện Chư Pưh", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    assert_int_equal(eg_xlsx_tmpfiles_in_memory(), before);
    assert_int_equal(entries(dir), 1);      /* the workbook, no part left */
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(without_a_folder_a_part_is_in_memory),
        cmocka_unit_test(a_part_on_descriptor_0_is_in_memory_too),
        cmocka_unit_test(with_a_folder_a_part_is_there_already_unlinked),
        cmocka_unit_test(without_a_memory_file_a_part_is_a_file_unlinked),
        cmocka_unit_test(the_librarys_parts_come_here),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
