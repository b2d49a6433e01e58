/*
 * reconcile.h - the units' figures against the provincial systems'
 * exports, when <year>/systems/ holds them (docs/input.md):
 *
 *   systems/dossiers.csv[.gz]   the one-stop system: per unit, dossiers
 *                               received in the year (gd.ho_so) and late
 *                               dossiers finished (gd.ho_so_tre); for the
 *                               province, online dossiers by channel
 *                               (gd.ho_so_muc_3, gd.ho_so_muc_4)
 *   systems/documents.csv[.gz]  the document axis: documents sent in the
 *                               year (cd.vb_lien_thong)
 *
 * With systems/ there, an export absent is said so (W_SYSTEM_MISSING),
 * and any other file in it is named (W_SYSTEM_IGNORED): a misnamed export
 * would otherwise go unread without a word.  Without systems/, nothing is
 * done.  Each file is read once, streaming; what is kept is a few counters
 * per unit of the registry.  A difference is an error filed at the unit's
 * value, naming both figures.  Malformed rows are left out, counted, and
 * the first EG_RECONCILE_LISTED are listed (W_SYSTEM_ROW); but a last
 * row without a line end that is malformed is the sign of a file cut
 * short, and the export is not reconciled (E_SYSTEM_CUT).
 */
#ifndef EG_RECONCILE_H
#define EG_RECONCILE_H

#include <pthread.h>

#include "core/diag.h"
#include "core/model.h"
#include "layout/layout.h"

#define EG_RECONCILE_LISTED 5

/* What reading the exports found, for the caller's summary and the bench. */
typedef struct {
    int have_dossiers, have_documents;
    long long rows;           /* data rows read, over both files */
    long long bytes;          /* text bytes read, after decompression */
    long long malformed;      /* rows left out */
    long long differences;    /* errors added */
} eg_reconcile_stats;

/* The reading of the exports, apart from the comparing, so that it can
 * run while the submissions are read: it needs of the dataset only its
 * year, folder, jobs and registry (which must not change meanwhile), and
 * keeps what it finds (counts, problems) to itself until finished. */
typedef struct {
    const eg_dataset *ds;
    pthread_t th;
    int started;                      /* a thread of its own reads */
    int have_dir;                     /* systems/ exists */
    eg_diag_list folder_dl;           /* its other files (W_SYSTEM_IGNORED) */
    struct {
        int rc;                       /* 0 read whole, 1 absent, -1 unusable */
        char shown[96];               /* its name in messages */
        long long *received, *late;   /* dossiers: per unit, this year */
        long long channel[4];         /* dossiers: this year, by channel */
        long long count;              /* documents: this year */
        eg_diag_list dl;              /* what reading it found */
    } dossiers, documents;
    eg_reconcile_stats stats;
} eg_reconcile_reading;

/* Starts reading ds's exports: in a thread of its own when thread is set
 * and one can be had, else now. */
void eg_reconcile_start(eg_reconcile_reading *rd, const eg_dataset *ds, int thread);

/* Waits for the reading, then compares what it counted with ds's values:
 * diagnostics to dl in the order eg_reconcile gives them.  Frees rd. */
void eg_reconcile_finish(const eg_layouts *L, const eg_dataset *ds, eg_reconcile_reading *rd,
                         eg_diag_list *dl, eg_reconcile_stats *stats);

/* Waits for the reading and frees rd, reporting nothing (a build that
 * stopped early).  Harmless on a zeroed rd. */
void eg_reconcile_abandon(eg_reconcile_reading *rd);

/* Reconciles ds against the exports in ds->year_dir/systems/, adding
 * diagnostics to dl; does nothing when there is no such folder.  stats may
 * be NULL. */
void eg_reconcile(const eg_layouts *L, const eg_dataset *ds, eg_diag_list *dl,
                  eg_reconcile_stats *stats);

#endif
