/*
 * build_write.c - the writers of `egreport build` (build_write.h).
 */
#include "cli/build_write.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/sha256.h"
#include "core/testpoint.h"
#include "core/thread.h"
#include "write/baselinecsv.h"
#include "write/datacsv.h"
#include "write/pdf.h"
#include "write/publish.h"
#include "write/validation.h"
#include "write/xlsx.h"

/* A termination signal and the second thread.  The handler removes the
 * temporary files, then the process dies; a file the second thread
 * created in between would stay.  So the handler first says the build is
 * dying and waits until no file is being created (eg_build_write_halt),
 * and the second thread creates none once it is (may_create).  Lock-free
 * atomics only: the handler may use nothing else. */
static atomic_int dying, creating;

/* Before the second thread creates a file: 0 to go on (then created()
 * once the file exists), -1 when the build is being killed. */
static int may_create(int threaded)
{
    if (!threaded)
        return 0;               /* the handler interrupts this thread itself */
    atomic_store(&creating, 1);
    if (atomic_load(&dying)) {
        atomic_store(&creating, 0);
        return -1;
    }
    return 0;
}

/* The file may_create allowed exists (or could not be made).  A no-op on
 * the main thread: the flag is the second thread's alone. */
static void created(int threaded)
{
    if (threaded)
        atomic_store(&creating, 0);
}

void eg_build_write_halt(void)
{
    const struct timespec ms = { 0, 1000000 };

    atomic_store(&dying, 1);
    /* At most two seconds: the handler interrupted this thread wherever
     * it was, maybe holding a lock the second thread waits for (the
     * allocator's, the loader's).  Past that the temporary files are
     * removed anyway; one the second thread then creates is a leftover
     * of a dead build, which the next build removes (build_out.h). */
    for (int i = 0; i < 2000 && atomic_load(&creating); i++)
        nanosleep(&ms, NULL);
}

#define CSV_BUF (256 * 1024)

/* A CSV output: opened, written by write_rows, flushed and synced; a
 * fatal F_OUTPUT naming path when any of it failed. */
static int write_csv(const char *path, int threaded,
                     int (*write_rows)(FILE *f, const void *a, const void *b), const void *a,
                     const void *b, eg_diag_list *dl)
{
    FILE *f;
    char *buf;
    int rc;

    if (may_create(threaded))
        return -1;
    f = fopen(path, "wb");
    created(threaded);
    if (!f) {
        eg_diag_add(dl, EG_FATAL, "F_OUTPUT", path, 0, 0, NULL, NULL, "cannot write: %s",
                    strerror(errno));
        return -1;
    }
    /* stdio's own 4 KiB (glibc takes no size without a buffer) would make
     * data.csv some 250 writes */
    buf = malloc(CSV_BUF);
    if (buf)
        setvbuf(f, buf, _IOFBF, CSV_BUF);
    rc = write_rows(f, a, b);
    /* On the disk by the commit, which syncs every output before any is
     * shown (write/publish.h); here the writing out only starts, while
     * the other outputs are made. */
    if (fflush(f) != 0 || eg_publish_start_writeback(fileno(f)) != 0)
        rc = -1;
    if (fclose(f) != 0)
        rc = -1;
    {
        int e = errno;          /* what failed, for the message */

        free(buf);
        errno = e;
    }
    if (rc)
        eg_diag_add(dl, EG_FATAL, "F_OUTPUT", path, 0, 0, NULL, NULL, "cannot write: %s",
                    strerror(errno));
    return rc;
}

/* validation.csv: every problem of the build (write/validation.h). */
static int validation_rows(FILE *f, const void *problems, const void *unused)
{
    (void)unused;
    return eg_validation_write(f, problems);
}

/* data.csv: every accepted value in long form (write/datacsv.h). */
static int data_rows(FILE *f, const void *ds, const void *L)
{
    return eg_datacsv_write(f, ds, L);
}

/* The writers other than the workbook's: the PDF, by a second thread
 * while the workbook is written; then validation.csv, data.csv and
 * next year's baseline, each taken by whichever thread is free first.
 * Each writer keeps its own list of problems; one that fails stops those
 * not begun, and of the failures only the first in the order PDF,
 * validation.csv, data.csv, baseline is reported, as when one thread
 * wrote them one after the other, whoever wrote what (two can fail at
 * once: a full disk).  They read what the build made and write their own
 * files only. */
enum { W_PDF, W_VALIDATION, W_DATA, W_BASELINE, N_SIDE };

/* Each one's output and test point. */
static const struct {
    int out;
    const char *point;
} side_out[N_SIDE] = { { EG_OUT_PDF, "pdf" }, { EG_OUT_VALIDATION, "validation" },
                       { EG_OUT_DATA, "data" }, { EG_OUT_BASELINE, "baseline" } };

typedef struct {
    eg_build_out *bo;
    const eg_doc *doc;
    const eg_dataset *ds;
    const eg_layouts *L;
    const eg_results *res;
    const eg_diag_list *problems;
    const char *font_dir;
    eg_diag_list dl[N_SIDE];
    int rc[N_SIDE];       /* -1 until written whole */
    atomic_int next_csv;  /* the next of W_VALIDATION .. W_BASELINE to take */
    atomic_int give_up;   /* a writer failed: the build is lost anyway */
} side_writers;

/* next year's baseline.csv: this year's figures (write/baselinecsv.h). */
static int baseline_rows(FILE *f, const void *writers, const void *unused)
{
    const side_writers *w = writers;

    (void)unused;
    return eg_baselinecsv_write(f, w->L, w->res, w->ds->provisional);
}

/* The SHA-256 of output `out`, written whole, for the manifest: made by
 * the thread that wrote it, while the others still write, rather than
 * by the commit after them all.  Left "" when the file cannot be read
 * back (the commit then says so). */
static void digest(eg_build_out *bo, int out)
{
    if (eg_sha256_file(bo->tmp[out], bo->sha[out]) != 0)
        bo->sha[out][0] = '\0';
}

/* The workbook, closed by libxlsxwriter: its writing out to the disk
 * starts now, as the other outputs' do when they are written, rather than
 * at the commit.  Nothing is lost when it cannot: the commit syncs it. */
static void start_writeback(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd >= 0) {
        eg_publish_start_writeback(fd);
        close(fd);
    }
}

/* Writes output k; threaded: by the second thread.  0, or -1 with the
 * problem in w->dl[k] (or none when it gave up). */
static int write_one(side_writers *w, int k, int threaded)
{
    eg_build_out *bo = w->bo;
    int failed;

    eg_test_point(side_out[k].point);
    if (atomic_load(&w->give_up))
        return -1;
    if (k == W_PDF) {
        /* libharu creates its file when it saves, at the end: the whole
         * writing counts as creating */
        if (may_create(threaded))
            return -1;
        failed = eg_pdf_write(w->doc, bo->tmp[EG_OUT_PDF], w->font_dir, &w->dl[k]);
        created(threaded);
    } else if (k == W_VALIDATION) {
        failed = write_csv(bo->tmp[EG_OUT_VALIDATION], threaded, validation_rows, w->problems,
                           NULL, &w->dl[k]);
    } else if (k == W_DATA) {
        failed = write_csv(bo->tmp[EG_OUT_DATA], threaded, data_rows, w->ds, w->L, &w->dl[k]);
    } else {
        failed = write_csv(bo->tmp[EG_OUT_BASELINE], threaded, baseline_rows, w, NULL,
                           &w->dl[k]);
    }
    if (failed) {
        eg_diag_rename_file(&w->dl[k], bo->tmp[side_out[k].out], bo->paths[side_out[k].out]);
        atomic_store(&w->give_up, 1);
        return -1;
    }
    digest(bo, side_out[k].out);
    w->rc[k] = 0;
    return 0;
}

/* The CSV outputs no thread has taken yet, in order. */
static void write_csvs(side_writers *w, int threaded)
{
    int k;

    while ((k = atomic_fetch_add(&w->next_csv, 1)) < N_SIDE)
        if (write_one(w, k, threaded))
            break;
}

static void *write_side(void *arg)
{
    side_writers *w = arg;

    if (write_one(w, W_PDF, 1) == 0)
        write_csvs(w, 1);
    return NULL;
}

int eg_build_write(eg_build_out *bo, const eg_dataset *ds, const eg_layouts *L,
                   const eg_results *res, const eg_doc *doc, const eg_diag_list *problems,
                   const char *font_dir, int jobs, eg_diag_list *dl)
{
    side_writers side = { bo, doc, ds, L, res, problems, font_dir, { { 0 } }, { -1, -1, -1, -1 },
                          W_VALIDATION, 0 };
    eg_diag_list xdl = { 0 };
    pthread_t th;
    int threaded = 0, xrc, rc = 0;

    /* The second thread takes no termination signal (core/thread.h): the
     * handler, which removes the temporary files, runs in this one
     * (cmd_build.c). */
    if (jobs > 1)
        threaded = eg_thread_create(&th, "eg-pdf", write_side, &side) == 0;
    xrc = eg_xlsx_write(bo->tmp[EG_OUT_XLSX], ds, L, res, problems, doc->created,
                        bo->have_now ? &bo->now : NULL, &xdl);
    if (xrc) {
        eg_diag_rename_file(&xdl, bo->tmp[EG_OUT_XLSX], bo->paths[EG_OUT_XLSX]);
        atomic_store(&side.give_up, 1);
    } else {
        start_writeback(bo->tmp[EG_OUT_XLSX]);
        digest(bo, EG_OUT_XLSX);
        if (!threaded && write_one(&side, W_PDF, 0) == 0)
            write_csvs(&side, 0);
    }
    if (threaded) {
        write_csvs(&side, 0);   /* those the second thread has not taken */
        pthread_join(th, NULL);
    }
    eg_diag_move(dl, &xdl, 0, SIZE_MAX);
    /* once the workbook failed, what the others met adds nothing; past
     * the first of them that failed, neither */
    for (int k = 0, reported = 0; k < N_SIDE; k++) {
        size_t said = side.dl[k].n;

        if (!xrc && !reported) {
            eg_diag_move(dl, &side.dl[k], 0, SIZE_MAX);
            reported = side.rc[k] != 0 && said > 0;   /* one skipped says nothing */
        }
        eg_diag_free(&side.dl[k]);
        rc |= side.rc[k] != 0;
    }
    return xrc || rc ? -1 : 0;
}
