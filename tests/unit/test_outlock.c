/* test_outlock.c - one build at a time: the lock file, and the year's
 * folder locked itself (write/outlock.h). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "write/outlock.h"

static char tmp[64];

static int make_dir(void **state)
{
    (void)state;
    snprintf(tmp, sizeof tmp, "/tmp/eg-outlock-XXXXXX");
    return mkdtemp(tmp) ? 0 : -1;
}

static int remove_dir(void **state)
{
    char p[128];

    (void)state;
    snprintf(p, sizeof p, "%s/2021.lock", tmp);
    unlink(p);
    snprintf(p, sizeof p, "%s/other-2021", tmp);
    unlink(p);
    snprintf(p, sizeof p, "%s/2021", tmp);
    rmdir(p);
    return rmdir(tmp);
}

static void a_lock_file_is_held_once_and_names_its_holder(void **state)
{
    char path[128];
    eg_outlock a, b;
    long holder = -1;

    (void)state;
    snprintf(path, sizeof path, "%s/2021.lock", tmp);
    assert_int_equal(eg_outlock_take(&a, path, 0, &holder), EG_LOCK_TAKEN);
    assert_int_equal(holder, 0);
    assert_int_equal(eg_outlock_take(&b, path, 120, &holder), EG_LOCK_BUSY);
    assert_int_equal(holder, (long)getpid());
    assert_int_equal(b.fd, -1);
    eg_outlock_release(&a);
    assert_int_equal(a.fd, -1);
    assert_int_equal(eg_outlock_take(&b, path, 0, &holder), EG_LOCK_TAKEN);
    eg_outlock_release(&b);
    eg_outlock_release(&b);                     /* twice is fine */
}

static void a_held_lock_without_a_wait_is_busy_at_once_and_follows_no_link(void **state)
{
    char path[128], target[128];
    eg_outlock a, b;
    long holder = -1;
    struct timespec t0, t1;
    FILE *f;

    (void)state;
    snprintf(path, sizeof path, "%s/2021.lock", tmp);
    assert_int_equal(eg_outlock_take(&a, path, 0, &holder), EG_LOCK_TAKEN);
    /* --wait 0: busy at once, not after a poll or a second */
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(eg_outlock_take(&b, path, 0, &holder), EG_LOCK_BUSY);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_true((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000 < 500);
    /* a holder's id too long for a process's is no holder */
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("99999999999999999999\n", f);
    fclose(f);
    assert_int_equal(eg_outlock_take(&b, path, 0, &holder), EG_LOCK_BUSY);
    assert_int_equal(holder, 0);
    eg_outlock_release(&a);
    /* a symbolic link where the lock file goes is not followed: what it
     * leads to is not made */
    assert_int_equal(unlink(path), 0);
    snprintf(target, sizeof target, "%s/other-2021", tmp);
    assert_int_equal(symlink(target, path), 0);
    assert_int_equal(eg_outlock_take(&b, path, 0, &holder), EG_LOCK_ERROR);
    assert_int_equal(errno, ELOOP);
    assert_int_equal(access(target, F_OK), -1);
    assert_int_equal(unlink(path), 0);
}

static void a_folder_is_held_once_through_any_of_its_names(void **state)
{
    char dir[128], link[128];
    eg_outlock a, b;

    (void)state;
    snprintf(dir, sizeof dir, "%s/2021", tmp);
    snprintf(link, sizeof link, "%s/other-2021", tmp);   /* a link, as another root's year */
    /* not made yet: nothing to lock, and nothing held */
    assert_int_equal(eg_outlock_take_dir(&a, dir, 0), EG_LOCK_TAKEN);
    assert_int_equal(a.fd, -1);
    assert_int_equal(mkdir(dir, 0777), 0);
    assert_int_equal(symlink(dir, link), 0);
    assert_int_equal(eg_outlock_take_dir(&a, dir, 0), EG_LOCK_TAKEN);
    assert_true(a.fd >= 0);
    assert_int_equal(eg_outlock_take_dir(&b, link, 100), EG_LOCK_BUSY);
    assert_int_equal(b.fd, -1);
    eg_outlock_release(&a);
    assert_int_equal(eg_outlock_take_dir(&b, link, 0), EG_LOCK_TAKEN);
    assert_true(b.fd >= 0);
    eg_outlock_release(&b);
    /* a file where the folder should be cannot be opened as one */
    assert_int_equal(unlink(link), 0);
    {
        FILE *f = fopen(link, "w");

        assert_non_null(f);
        fclose(f);
    }
    assert_int_equal(eg_outlock_take_dir(&b, link, 0), EG_LOCK_ERROR);
    assert_int_equal(errno, ENOTDIR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_lock_file_is_held_once_and_names_its_holder),
        cmocka_unit_test(a_held_lock_without_a_wait_is_busy_at_once_and_follows_no_link),
        cmocka_unit_test(a_folder_is_held_once_through_any_of_its_names),
    };

    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
