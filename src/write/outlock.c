#include "write/outlock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The process id written in the lock file, or 0. */
static long read_holder(int fd)
{
    char buf[32];
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    long pid = 0;

    if (n <= 0)
        return 0;
    buf[n] = '\0';
    for (const char *p = buf; *p >= '0' && *p <= '9'; p++) {
        if (pid > 100000000L)
            return 0;
        pid = pid * 10 + (*p - '0');
    }
    return pid;
}

/* flock(fd) exclusively, trying again every 50 ms for up to wait_ms:
 * EG_LOCK_TAKEN, EG_LOCK_BUSY, or EG_LOCK_ERROR (errno). */
static eg_lock_status lock_fd(int fd, long wait_ms)
{
    long long deadline = now_ms() + (wait_ms > 0 ? wait_ms : 0);

    for (;;) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            return EG_LOCK_TAKEN;
        if (errno == EINTR)
            continue;
        if (errno != EWOULDBLOCK)
            return EG_LOCK_ERROR;
        if (now_ms() >= deadline)
            return EG_LOCK_BUSY;
        {
            struct timespec ts = { 0, 50 * 1000000L };

            nanosleep(&ts, NULL);
        }
    }
}

eg_lock_status eg_outlock_take(eg_outlock *l, const char *path, long wait_ms, long *holder)
{
    eg_lock_status st;
    char buf[32];
    int fd, n;

    l->fd = -1;
    l->dir = 0;
    *holder = 0;
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd < 0)
        return EG_LOCK_ERROR;
    st = lock_fd(fd, wait_ms);
    if (st != EG_LOCK_TAKEN) {
        int err = errno;

        if (st == EG_LOCK_BUSY)
            *holder = read_holder(fd);
        close(fd);
        errno = err;
        return st;
    }
    /* Ours: say who holds it.  A failure here only loses the message. */
    n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) == 0 && pwrite(fd, buf, (size_t)n, 0) != n && ftruncate(fd, 0) != 0)
        n = 0;
    l->fd = fd;
    return EG_LOCK_TAKEN;
}

eg_lock_status eg_outlock_take_dir(eg_outlock *l, const char *dir, long wait_ms)
{
    eg_lock_status st;
    int fd;

    l->fd = -1;
    l->dir = 1;
    fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? EG_LOCK_TAKEN : EG_LOCK_ERROR;
    st = lock_fd(fd, wait_ms);
    if (st == EG_LOCK_TAKEN) {
        l->fd = fd;
        return st;
    }
    close(fd);
    /* a file system that cannot lock a folder: the lock beside it stands */
    return st == EG_LOCK_ERROR ? EG_LOCK_TAKEN : st;
}

void eg_outlock_release(eg_outlock *l)
{
    if (l->fd < 0)
        return;
    if (!l->dir && ftruncate(l->fd, 0) != 0) {
        /* the process id stays: harmless, the lock is what counts */
    }
    flock(l->fd, LOCK_UN);
    close(l->fd);
    l->fd = -1;
}
