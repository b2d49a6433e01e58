/*
 * parallel.c - submissions extracted by a pool of threads.
 *
 * What may run in a worker: eg_submission_read on its own file, with its
 * own diagnostics list and its own buffer of raw values.  The readers
 * keep no shared state (their caps are _Thread_local); ds->files is
 * complete before the workers start and each worker touches only its
 * file's entry.  Everything that decides the outputs (the acceptor, the
 * order of the diagnostics) happens afterwards in the calling thread, in
 * file-name order, so that 1 and N threads give the same bytes.
 *
 * What the workers hold is bounded, in bytes, whatever the files: a
 * worker holds no more than FILE_HOLD of one file's values (past them it
 * stops reading it and lets go of what it held), and takes no new file
 * while the files read ahead hold twice that; a file larger than half of
 * FILE_HOLD on disk is not read by a worker at all.  Such a file the
 * calling thread reads itself in its turn, as one thread does, its values
 * accepted as they come.  So memory grows neither with the size of a
 * file nor with how far the workers run ahead (some 64 MB at most with 2
 * workers), and the outputs stay those of one thread.
 */
#include "extract/parallel.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/number.h"
#include "core/thread.h"

typedef struct {
    eg_raw_value rv;        /* its strings owned here */
} held_value;

/* The bytes of one file's values a worker holds at most, and of the
 * files read ahead before a worker takes another (EGREPORT_HOLD_BYTES
 * sets the first, the second twice it: for the tests). */
#define FILE_HOLD ((size_t)16 << 20)

typedef struct pool pool;

typedef struct {
    pool *p;
    int file;               /* position in ds->files, -1 when not added */
    eg_diag_list add_dl;    /* eg_submission_add's diagnostics */
    eg_diag_list read_dl;   /* eg_submission_read's */
    held_value *v;
    size_t n, cap, bytes;
    int too_many;           /* left for the calling thread (FILE_HOLD) */
    int done;               /* read to its end (or left), under lock */
} file_job;

struct pool {
    eg_dataset *ds;
    const eg_colspec *cols;
    const eg_limits *lim;
    file_job *jobs;
    size_t n_jobs;
    size_t next;            /* the next file to take, under lock */
    size_t file_hold, ahead_hold;
    _Atomic size_t held;    /* bytes the jobs hold */
    pthread_mutex_t lock;
    pthread_cond_t file_done;
    pthread_cond_t room;    /* held went down */
};

static char *dup_or_null(const char *s)
{
    return s ? eg_xstrdup(s) : NULL;
}

/* What a copy of s takes, about: its bytes and malloc's own. */
static size_t len_or_0(const char *s)
{
    return s ? strlen(s) + 1 + 16 : 0;
}

/* The reader's callback in a worker: a copy of the raw value, or stop
 * past the values a file may hold. */
static int hold(void *ctx, const eg_raw_value *rv)
{
    file_job *j = ctx;
    held_value *h;

    size_t size = sizeof *h + len_or_0(rv->unit) + len_or_0(rv->indicator) +
                  len_or_0(rv->value) + len_or_0(rv->note) + len_or_0(rv->submitted_on) +
                  len_or_0(rv->unit_name) + len_or_0(rv->extra) + len_or_0(rv->value_next) +
                  len_or_0(rv->value_stored);

    if (j->bytes + size > j->p->file_hold) {
        j->too_many = 1;
        return 1;
    }
    j->bytes += size;
    atomic_fetch_add(&j->p->held, size);
    if (j->n == j->cap) {
        j->cap = j->cap ? j->cap * 2 : 256;
        j->v = eg_xrealloc(j->v, j->cap * sizeof *j->v);
    }
    h = &j->v[j->n++];
    h->rv = *rv;
    h->rv.unit = dup_or_null(rv->unit);
    h->rv.indicator = dup_or_null(rv->indicator);
    h->rv.value = dup_or_null(rv->value);
    h->rv.note = dup_or_null(rv->note);
    h->rv.submitted_on = dup_or_null(rv->submitted_on);
    h->rv.unit_name = dup_or_null(rv->unit_name);
    h->rv.extra = dup_or_null(rv->extra);
    h->rv.value_next = dup_or_null(rv->value_next);
    h->rv.value_stored = dup_or_null(rv->value_stored);
    return 0;
}

/* Lets go of the values j holds, and says so to a worker waiting for
 * room. */
static void free_held(file_job *j)
{
    for (size_t k = 0; k < j->n; k++) {
        eg_raw_value *rv = &j->v[k].rv;

        free((char *)rv->unit);
        free((char *)rv->indicator);
        free((char *)rv->value);
        free((char *)rv->note);
        free((char *)rv->submitted_on);
        free((char *)rv->unit_name);
        free((char *)rv->extra);
        free((char *)rv->value_next);
        free((char *)rv->value_stored);
    }
    free(j->v);
    j->v = NULL;
    j->n = j->cap = 0;
    if (j->bytes) {
        atomic_fetch_sub(&j->p->held, j->bytes);
        j->bytes = 0;
        pthread_mutex_lock(&j->p->lock);
        pthread_cond_broadcast(&j->p->room);
        pthread_mutex_unlock(&j->p->lock);
    }
}

static void *worker(void *arg)
{
    pool *p = arg;

    for (;;) {
        file_job *j;

        /* no new file while those read ahead hold ahead_hold: the file
         * whose turn it is has been taken already (files are taken in
         * order), so the calling thread frees them in time */
        pthread_mutex_lock(&p->lock);
        while (p->next < p->n_jobs && atomic_load(&p->held) >= p->ahead_hold)
            pthread_cond_wait(&p->room, &p->lock);
        j = p->next < p->n_jobs ? &p->jobs[p->next++] : NULL;
        pthread_mutex_unlock(&p->lock);
        if (!j)
            return NULL;
        if (j->file >= 0 && !j->too_many)
            eg_submission_read(p->ds, j->file, p->cols, hold, j, p->lim, &j->read_dl);
        if (j->too_many) {      /* for the calling thread, from its start */
            free_held(j);
            eg_diag_free(&j->read_dl);
        }
        pthread_mutex_lock(&p->lock);
        j->done = 1;
        pthread_cond_broadcast(&p->file_done);
        pthread_mutex_unlock(&p->lock);
    }
}

int eg_submissions_read_jobs(eg_dataset *ds, const eg_colspec *cols, eg_raw_fn fn, void *ctx,
                             const eg_limits *lim, eg_diag_list *dl, int jobs)
{
    char *dir;
    char **names;
    size_t n;
    pool p;
    pthread_t th[EG_MAX_JOBS];
    int started = 0;
    const char *hold_env = getenv("EGREPORT_HOLD_BYTES");
    int64_t hold_max = (int64_t)FILE_HOLD;

    if (jobs <= 1)
        return eg_submissions_read(ds, cols, fn, ctx, lim, dl);
    if (jobs > EG_MAX_JOBS)
        jobs = EG_MAX_JOBS;
    if (hold_env && (eg_parse_count(hold_env, &hold_max) != EG_NUM_OK || hold_max < 1))
        hold_max = (int64_t)FILE_HOLD;

    /* Step 1: the files in name order, as eg_submissions_read lists them. */
    dir = eg_xasprintf("%s/submissions", ds->year_dir);
    names = eg_submission_names(dir, &n);
    if (!names) {
        eg_diag_add(dl, EG_FATAL, "F_INPUT", "submissions", 0, 0, NULL, NULL,
                    "cannot open the submissions folder: %s", strerror(errno));
        free(dir);
        return -1;
    }

    /* Step 2: every file added to ds here, so that ds->files does not
     * move while the workers read. */
    memset(&p, 0, sizeof p);
    p.ds = ds;
    p.cols = cols;
    p.lim = lim;
    p.jobs = eg_xcalloc(n ? n : 1, sizeof *p.jobs);
    p.n_jobs = n;
    p.file_hold = (size_t)hold_max;
    p.ahead_hold = 2 * (size_t)hold_max;
    atomic_init(&p.held, 0);
    for (size_t i = 0; i < n; i++) {
        char *rel = eg_xasprintf("submissions/%s", names[i]);
        char *abs = eg_xasprintf("%s/%s", dir, names[i]);

        /* a file's flood of one problem is counted, not held (diag.h),
         * as the run's list would count it */
        p.jobs[i].p = &p;
        p.jobs[i].read_dl.listed_max = dl->listed_max;
        p.jobs[i].file = eg_submission_add(ds, abs, rel, &p.jobs[i].add_dl);
        /* a file that large would pass FILE_HOLD: for the calling thread */
        p.jobs[i].too_many = p.jobs[i].file >= 0 &&
                             (unsigned long long)ds->files[p.jobs[i].file].size > p.file_hold / 2;
        free(rel);
        free(abs);
        free(names[i]);
    }
    free(names);
    free(dir);

    /* Step 3: the pool reads; a thread that cannot start leaves its share
     * to the others, and with none started the caller's thread reads. */
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.file_done, NULL);
    pthread_cond_init(&p.room, NULL);
    for (int t = 0; t < jobs && (size_t)t < n; t++)
        if (eg_thread_create(&th[started], "eg-read", worker, &p) == 0)
            started++;
    if (!started)               /* every file read below, as by one thread */
        for (size_t i = 0; i < n; i++)
            p.jobs[i].too_many = p.jobs[i].done = 1;

    /* Step 4: meanwhile, in name order, as soon as a file is read: its
     * diagnostics (adding, then reading) and then its values, as one
     * thread would have given them; its buffer is freed at once, so that
     * only the files read ahead are held.  fn may change ds but for
     * ds->files' other entries, which no worker touches. */
    for (size_t i = 0; i < n; i++) {
        file_job *j = &p.jobs[i];

        pthread_mutex_lock(&p.lock);
        while (!j->done)
            pthread_cond_wait(&p.file_done, &p.lock);
        pthread_mutex_unlock(&p.lock);
        eg_diag_move(dl, &j->add_dl, 0, SIZE_MAX);
        if (j->too_many && j->file >= 0) {
            /* read here, as one thread reads it: its values as they come */
            ds->files[j->file].rows_read = 0;
            eg_submission_read(ds, j->file, cols, fn, ctx, lim, dl);
            continue;
        }
        eg_diag_move(dl, &j->read_dl, 0, SIZE_MAX);
        /* fn saying stop stops the file's values, as it stops one
         * thread's reading (parallel.h: not its diagnostics) */
        for (size_t k = 0; k < j->n && fn(ctx, &j->v[k].rv) == 0; k++)
            ;
        free_held(j);
    }
    for (int t = 0; t < started; t++)
        pthread_join(th[t], NULL);
    pthread_cond_destroy(&p.file_done);
    pthread_cond_destroy(&p.room);
    pthread_mutex_destroy(&p.lock);
    free(p.jobs);
    return 0;
}

int eg_jobs_from_env(int def)
{
    const char *s = getenv("EGREPORT_JOBS");
    int64_t v;

    if (!s || !*s || eg_parse_count(s, &v) != EG_NUM_OK || v < 1)
        return def;
    return v > EG_MAX_JOBS ? EG_MAX_JOBS : (int)v;
}
