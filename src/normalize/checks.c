/*
 * checks.c - the checks after acceptance, in the order their findings are
 * easiest to read: broken rules, then who is late, then the systems'
 * differences, then what merely stands out.
 */
#include "normalize/checks.h"

#include <pthread.h>
#include <stdint.h>

#include "core/thread.h"
#include "normalize/completeness.h"
#include "normalize/figures.h"
#include "normalize/outliers.h"
#include "normalize/reconcile.h"

/* The statistics: what merely stands out, and the figures against last
 * year's.  They read the dataset and the layouts only, and make a list
 * of their own. */
typedef struct {
    const eg_layouts *L;
    const eg_dataset *ds;
    eg_results *res;
    eg_diag_list dl;
} statistics_job;

static void *statistics(void *arg)
{
    statistics_job *job = arg;

    eg_outliers_check(job->L, job->ds, &job->dl);
    eg_results_compute(job->res, job->L, job->ds);
    eg_baseline_check(job->L, job->ds, job->res, &job->dl);
    return NULL;
}

void eg_checks_run(const eg_layouts *L, const eg_dataset *ds, eg_reconcile_reading *systems,
                   eg_diag_list *dl, eg_results *res)
{
    eg_completeness c;
    statistics_job stats = { L, ds, res, { 0 } };
    pthread_t th;
    /* With more than one thread, the statistics are made by one of their
     * own beside the rulebook (on a national dataset the two take about
     * as long as each other). */
    int side = ds->jobs > 1 && eg_thread_create(&th, "eg-checks", statistics, &stats) == 0;

    /* The rulebook first: it reads the list for the values already
     * refused, which `required` must not report again. */
    eg_rules_check(L, ds, dl);

    eg_completeness_compute(&c, ds);
    eg_completeness_check(&c, ds, dl);
    eg_completeness_free(&c);

    /* Statistics last in the list: warnings that send the analyst to look
     * again.  They are made before the exports are waited for (they need
     * the submissions only), while the exports' last parts are read, and
     * put after what the exports found. */
    if (!side)
        statistics(&stats);

    if (systems)
        eg_reconcile_finish(L, ds, systems, dl, NULL);
    else
        eg_reconcile(L, ds, dl, NULL);
    if (side)
        pthread_join(th, NULL);
    eg_diag_move(dl, &stats.dl, 0, SIZE_MAX);
}
