/*
 * outlock.h - one build at a time per output folder.
 *
 * The lock is flock(2) on a lock file beside the year's output folder
 * (<output>/.egreport-<YEAR>.lock).  The kernel drops it when its holder
 * dies, however it dies, so a killed build never leaves a stale lock.
 * The holder writes its process id into the file, for the message of a
 * build that has to give up.  The file itself stays: removing a lock file
 * races with the next build opening it.
 */
#ifndef EG_OUTLOCK_H
#define EG_OUTLOCK_H

typedef struct {
    int fd;               /* -1 when not held */
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

/* Releases the lock (clearing the process id); a lock not held is fine. */
void eg_outlock_release(eg_outlock *l);

#endif
