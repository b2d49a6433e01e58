/*
 * outlock.h - one build at a time per output folder.
 *
 * The lock is flock(2) on a lock file beside the year's output folder
 * (<output>/.egreport-<YEAR>.lock).  The kernel drops it when its holder
 * dies, however it dies, so a killed build never leaves a stale lock.
 * The holder writes its process id into the file, for the message of a
 * build that has to give up.  The file itself stays: removing a lock file
 * races with the next build opening it.
 *
 * Two output folders can reach one year's folder through a symbolic link
 * at the year's level (output/2020 -> /share/2020), each with its own
 * lock file: the year's folder is then locked as well, by flock(2) on the
 * folder itself (eg_outlock_take_dir), which is never renamed.
 */
#ifndef EG_OUTLOCK_H
#define EG_OUTLOCK_H

typedef struct {
    int fd;               /* -1 when not held */
    int dir;              /* a folder's lock (eg_outlock_take_dir): no process id */
} eg_outlock;

typedef enum {
    EG_LOCK_TAKEN = 0,    /* held by us now */
    EG_LOCK_BUSY,         /* another process still held it after the wait */
    EG_LOCK_ERROR         /* the lock file cannot be created or locked (errno) */
} eg_lock_status;

/* Takes the lock of path (creating the file), trying again every 50 ms
 * for up to wait_ms milliseconds.  On EG_LOCK_BUSY, *holder is the
 * holder's process id, or 0 when it has not written it yet. */
eg_lock_status eg_outlock_take(eg_outlock *l, const char *path, long wait_ms, long *holder);

/* Takes the lock of the folder dir itself, waiting as eg_outlock_take
 * does; nothing can be said of its holder.  EG_LOCK_TAKEN also when
 * there is nothing to lock: dir does not exist yet (the build that makes
 * it holds the lock beside it), or its file system cannot lock a folder
 * (flock on a folder opened read-only fails on some network file
 * systems); l then holds nothing.  EG_LOCK_ERROR when dir cannot be
 * opened (errno). */
eg_lock_status eg_outlock_take_dir(eg_outlock *l, const char *dir, long wait_ms);

/* Releases the lock (clearing the process id); a lock not held is fine. */
void eg_outlock_release(eg_outlock *l);

#endif
