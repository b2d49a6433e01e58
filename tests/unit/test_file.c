/*
 * test_file.c - core/file.h: opening an input, and saying why it failed.
 *
 * A named pipe or a folder where a file should be is refused without
 * blocking, and the reason a clerk reads is Vietnamese (eg_strerror_vi)
 * where the operator's is the system's (eg_strerror).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/file.h"
#include "core/text.h"

static char dir[] = "/tmp/egreport-test-file-XXXXXX";

static int make_dir(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    char cmd[128];

    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void path_in_dir(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", dir, name);
}

static void a_regular_file_opens(void **state)
{
    char path[256];
    FILE *f;
    int fd;

    (void)state;
    path_in_dir(path, sizeof path, "a.csv");
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("x\n", f);
    fclose(f);
    fd = eg_open_input(path);
    assert_true(fd >= 0);
    /* the descriptor blocks again: a regular file reads as usual */
    assert_int_equal(fcntl(fd, F_GETFL) & O_NONBLOCK, 0);
    close(fd);
    /* and as a stream, which reads its bytes */
    f = eg_fopen_input(path);
    assert_non_null(f);
    assert_int_equal(fgetc(f), 'x');
    assert_int_equal(fgetc(f), '\n');
    assert_int_equal(fgetc(f), EOF);
    fclose(f);
}

static void a_pipe_a_folder_and_nothing_are_refused_in_words(void **state)
{
    char path[256];

    (void)state;
    path_in_dir(path, sizeof path, "pipe.csv");
    assert_int_equal(mkfifo(path, 0600), 0);
    errno = 0;
    assert_int_equal(eg_open_input(path), -1);     /* at once, no writer needed */
    assert_int_equal(errno, EG_ENOTREG);
    assert_string_equal(eg_strerror(errno),
                        "not a regular file (a named pipe, a device or a socket)");
    assert_string_equal(eg_strerror_vi(errno),
                        "không phải tệp thông thường (là đường ống, thiết bị hoặc socket)");

    path_in_dir(path, sizeof path, "folder.csv");
    assert_int_equal(mkdir(path, 0700), 0);
    assert_null(eg_fopen_input(path));
    assert_int_equal(errno, EISDIR);
    assert_string_equal(eg_strerror_vi(errno), "là một thư mục, không phải tệp");

    path_in_dir(path, sizeof path, "missing.csv");
    assert_int_equal(eg_open_input(path), -1);
    assert_int_equal(errno, ENOENT);
    assert_string_equal(eg_strerror_vi(errno), "không có tệp hoặc thư mục này");
    assert_string_equal(eg_strerror(errno), strerror(ENOENT));
}

static void every_reason_is_text_and_others_are_the_systems(void **state)
{
    static const int known[] = { EACCES, EPERM, ENOTDIR, EIO, ENAMETOOLONG, ELOOP, EMFILE, ENXIO,
                                 ENODEV, ENFILE, ENOMEM, EFBIG, EOVERFLOW, ESTALE, ETIMEDOUT,
                                 EAGAIN, EINVAL };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof known / sizeof known[0]; i++) {
        const char *s = eg_strerror_vi(known[i]);

        assert_true(s[0] != '\0');
        assert_true(eg_utf8_valid(s, strlen(s)));
        assert_string_not_equal(s, strerror(known[i]));   /* said in Vietnamese */
    }
    assert_string_equal(eg_strerror_vi(EACCES), "không có quyền truy cập");
    assert_string_equal(eg_strerror_vi(EFBIG), "tệp quá lớn");
    assert_string_equal(eg_strerror_vi(EOVERFLOW), "tệp quá lớn");
    assert_string_equal(eg_strerror_vi(EXDEV), strerror(EXDEV));   /* none to meet reading */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_regular_file_opens),
        cmocka_unit_test(a_pipe_a_folder_and_nothing_are_refused_in_words),
        cmocka_unit_test(every_reason_is_text_and_others_are_the_systems),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
