/*
 * build_out.h - the output side of `egreport build`: the folder's lock,
 * the repair of what a dead build left, the manifest and its "up to date"
 * check, and the transaction that puts the outputs in place.  Used by
 * cmd_build.c and build_write.c only.
 */
#ifndef EG_BUILD_OUT_H
#define EG_BUILD_OUT_H

#include "core/diag.h"
#include "write/manifest.h"
#include "write/outlock.h"
#include "write/publish.h"

/* The outputs of a year, in the order they are put in place (the
 * manifest last: it is the commit mark). */
enum { EG_OUT_XLSX, EG_OUT_PDF, EG_OUT_VALIDATION, EG_OUT_DATA, EG_OUT_BASELINE, EG_OUT_MANIFEST,
       EG_OUT_COUNT };

typedef struct {
    int year;
    char *root;                 /* --output */
    char *dir;                  /* <root>/<year> */
    char *lock_path;            /* <root>/.egreport-<year>.lock */
    char *names[EG_OUT_COUNT];  /* egov-2020.xlsx ... */
    char *paths[EG_OUT_COUNT];  /* <dir>/<name>: what the summary names */
    const char *tmp[EG_OUT_COUNT];  /* where the writers write (in pub) */
    /* each output's SHA-256, made by the thread that wrote it while the
     * others still write ("" when none was made: the commit reads it) */
    char sha[EG_OUT_COUNT][65];
    eg_outlock lock;
    eg_outlock dir_lock;        /* of dir itself, which another root may reach by a link */
    long wait_seconds;          /* --wait, for dir's lock when dir is made after the lock */
    eg_manifest prev;           /* the last build's, when have_prev */
    int have_prev;
    eg_manifest now;            /* this build's */
    int have_now;               /* the inputs could be scanned */
    eg_publish pub;
    int pub_open;
} eg_build_out;

/* Names the outputs of year under root. */
void eg_build_out_init(eg_build_out *b, const char *root, int year);

/* Creates root if needed and takes the lock, waiting up to wait_seconds.
 * Then repairs dir after a build that died and removes its leftovers.
 * Returns 0, or -1 after a fatal diagnostic (F_BUSY, F_OUTPUT). */
int eg_build_out_lock(eg_build_out *b, long wait_seconds, eg_diag_list *dl);

/* The year's folder, when it exists, is one this build may write in:
 * 0; else -1 after an F_OUTPUT saying why (made by a build run by hand
 * as root: whose it is and what to do).  Called once the outputs are
 * known not to be up to date (a folder made read-only once its report
 * was final stays up to date) and before anything is read, which the
 * workbook's "Permission denied" came only after. */
int eg_build_out_writable(const eg_build_out *b, eg_diag_list *dl);

/* Fills b->now from the inputs in year_dir, the layouts in layouts_dir
 * (own_year: the year's own folder, layouts/YEAR, which the outputs name
 * as such: the same bytes there as in layouts/ are not the same build)
 * and settings (what else changes the bytes written), and reads the last
 * build's manifest.  Returns 1 when the outputs in place are those this
 * build would write, and intact; else 0, and always 0 with force (the
 * outputs in place are then not read back: they are rebuilt anyway).
 * Never fatal: what it cannot read, the build itself then reports.  The
 * inputs whose bytes must be read are read by up to jobs threads
 * (eg_manifest_scan_jobs). */
int eg_build_out_check(eg_build_out *b, const char *year_dir, const char *layouts_dir,
                       int own_year, const char *settings, int force, int jobs);

/* After a check that found the outputs up to date: rewrites the manifest
 * with this scan's look of the inputs when that spares the next check
 * some reading (eg_manifest_cache_stale), as git refreshes its index.
 * The outputs and the build's counts stay as recorded.  Quietly does
 * nothing when it cannot (the next check reads those files again). */
void eg_build_out_refresh(eg_build_out *b);

/* Creates dir and starts the transaction: b->tmp[] are where the writers
 * must write.  Returns 0, or -1 after F_OUTPUT. */
int eg_build_out_begin(eg_build_out *b, eg_diag_list *dl);

/* Records the outputs and the build's counts in the manifest, writes it,
 * and puts every output in place.  Returns 0, or -1 after a fatal
 * diagnostic (nothing changed in dir then). */
int eg_build_out_commit(eg_build_out *b, int exit_code, long units_got, long units_expected,
                        long values, long errors, long warnings, eg_diag_list *dl);

/* Removes what is not committed, releases the lock and frees b. */
void eg_build_out_free(eg_build_out *b);

/* For a signal handler: removes the temporary files (unlink only). */
void eg_build_out_remove_temps(const eg_build_out *b);

#endif
