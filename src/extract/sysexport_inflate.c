/*
 * sysexport_inflate.c - the text of a gzip export, inflated a few slots
 * ahead of its reader by a thread of its own.
 *
 * A gzip stream cannot be cut into parts as a plain file is: its bytes
 * come out of zlib in order, and inflating them takes about four times
 * what reading them takes.  With more than one thread, one inflates into a
 * ring of SLOTS slots while the reader parses the slots already full: the
 * two cores do the two jobs side by side, and the reading takes what the
 * inflating alone takes.  With one thread, the reader fills a slot itself
 * when it has read the last.
 *
 * Either way the stream is inflated by the same gzread calls, SLOT bytes
 * each, from the stream's start: the bytes a reader gets, and those it
 * does not get before a damaged part of the stream (zlib gives nothing of
 * the call that meets it), are the same whatever the number of threads,
 * and so are the rows read and the row an error names.  Memory: SLOTS
 * slots of SLOT bytes, besides zlib's own.
 */
#include "extract/sysexport_priv.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/thread.h"

/* A slot of at least twice zlib's buffer (sysexport.c sets it to 256 KiB)
 * is inflated straight into, with no copy through that buffer. */
#define SLOT  (512 * 1024)
#define SLOTS 4

struct export_inflater {
    gzFile gz;
    char *slot[SLOTS];
    int len[SLOTS];             /* the bytes a full slot holds */
    unsigned n_slots;           /* SLOTS, or 1 without a thread */
    unsigned long filled;       /* slots filled so far (the next: filled % n_slots) */
    unsigned long emptied;      /* slots read to their end so far */
    size_t off;                 /* bytes read of the slot being read */
    int ended;                  /* gzread said the end, or an error: */
    int end_rc, end_errno;      /* what it returned, and errno then */
    /* with a thread of its own: */
    int threaded, quit;
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t full, free_slot;
};

static atomic_size_t inflated_ahead;

size_t eg_export_inflated_ahead(void)
{
    return atomic_load(&inflated_ahead);
}

/* One gzread into the next slot; 0 when it filled it, else the end. */
static int fill(export_inflater *z, int *len, int *rc, int *err)
{
    int k;

    errno = 0;
    k = gzread(z->gz, z->slot[z->filled % z->n_slots], SLOT);
    if (k > 0) {
        *len = k;
        return 0;
    }
    *rc = k;
    *err = errno;
    return -1;
}

static void *inflate_thread(void *arg)
{
    export_inflater *z = arg;

    pthread_mutex_lock(&z->mu);
    for (;;) {
        int len = 0, rc = 0, err = 0, end;

        while (!z->quit && z->filled - z->emptied == z->n_slots)
            pthread_cond_wait(&z->free_slot, &z->mu);
        if (z->quit)
            break;
        /* the slot is this thread's until it is counted filled */
        pthread_mutex_unlock(&z->mu);
        end = fill(z, &len, &rc, &err);
        pthread_mutex_lock(&z->mu);
        if (end) {
            z->ended = 1;
            z->end_rc = rc;
            z->end_errno = err;
        } else {
            z->len[z->filled % z->n_slots] = len;
            z->filled++;
        }
        pthread_cond_signal(&z->full);
        if (end)
            break;
    }
    pthread_mutex_unlock(&z->mu);
    return NULL;
}

export_inflater *eg_inflater_new(gzFile gz, int jobs)
{
    export_inflater *z = calloc(1, sizeof *z);

    if (!z)
        return NULL;
    z->gz = gz;
    z->n_slots = jobs > 1 ? SLOTS : 1;
    for (unsigned i = 0; i < z->n_slots; i++) {
        if (!(z->slot[i] = malloc(SLOT))) {
            eg_inflater_free(z);
            return NULL;
        }
    }
    if (jobs > 1) {
        pthread_mutex_init(&z->mu, NULL);
        pthread_cond_init(&z->full, NULL);
        pthread_cond_init(&z->free_slot, NULL);
        z->threaded = 1;
        if (eg_thread_create(&z->th, "eg-inflate", inflate_thread, z) != 0) {
            /* no thread: this one inflates, as with one job (in
             * SLOTS slots, as allocated) */
            pthread_cond_destroy(&z->free_slot);
            pthread_cond_destroy(&z->full);
            pthread_mutex_destroy(&z->mu);
            z->threaded = 0;
        } else {
            atomic_fetch_add(&inflated_ahead, 1);
        }
    }
    return z;
}

/* Waits for a full slot or the end; 1 when a slot is there to read. */
static int slot_ready(export_inflater *z)
{
    int ready;

    if (!z->threaded) {
        int len = 0;

        if (z->filled != z->emptied)
            return 1;
        if (z->ended)
            return 0;
        if (fill(z, &len, &z->end_rc, &z->end_errno) != 0) {
            z->ended = 1;
            return 0;
        }
        z->len[z->filled % z->n_slots] = len;
        z->filled++;
        return 1;
    }
    pthread_mutex_lock(&z->mu);
    while (z->filled == z->emptied && !z->ended)
        pthread_cond_wait(&z->full, &z->mu);
    ready = z->filled != z->emptied;
    pthread_mutex_unlock(&z->mu);
    return ready;
}

/* The slot being read was read to its end: it is the inflater's again. */
static void slot_done(export_inflater *z)
{
    z->off = 0;
    if (!z->threaded) {
        z->emptied++;
        return;
    }
    pthread_mutex_lock(&z->mu);
    z->emptied++;
    pthread_cond_signal(&z->free_slot);
    pthread_mutex_unlock(&z->mu);
}

int eg_inflater_read(export_inflater *z, char *buf, size_t n)
{
    size_t got = 0;

    if (n > INT_MAX)
        n = INT_MAX;
    /* as gzread: the whole of n unless the stream ends first; the bytes
     * before the end, then the end itself at the next call */
    while (got < n && slot_ready(z)) {
        int i = (int)(z->emptied % z->n_slots);
        size_t take = (size_t)z->len[i] - z->off;

        if (take > n - got)
            take = n - got;
        memcpy(buf + got, z->slot[i] + z->off, take);
        got += take;
        z->off += take;
        if (z->off == (size_t)z->len[i])
            slot_done(z);
    }
    if (got)
        return (int)got;
    /* slot_ready saw the end: the thread, if any, is done with the stream */
    errno = z->end_errno;
    return z->end_rc;
}

void eg_inflater_free(export_inflater *z)
{
    if (!z)
        return;
    if (z->threaded) {
        pthread_mutex_lock(&z->mu);
        z->quit = 1;
        pthread_cond_signal(&z->free_slot);
        pthread_mutex_unlock(&z->mu);
        pthread_join(z->th, NULL);
        pthread_cond_destroy(&z->free_slot);
        pthread_cond_destroy(&z->full);
        pthread_mutex_destroy(&z->mu);
    }
    for (int i = 0; i < SLOTS; i++)
        free(z->slot[i]);
    free(z);
}
