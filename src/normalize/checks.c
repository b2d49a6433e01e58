/*
 * checks.c - the checks after acceptance, in the order their findings are
 * easiest to read: broken rules, then who is late, then the systems'
 * differences, then what merely stands out.
 */
#include "normalize/checks.h"

#include <string.h>

#include "normalize/completeness.h"
#include "normalize/figures.h"
#include "normalize/outliers.h"
#include "normalize/reconcile.h"

void eg_checks_run(const eg_layouts *L, const eg_dataset *ds, eg_reconcile_reading *systems,
                   eg_diag_list *dl)
{
    eg_completeness c;
    eg_results res;
    eg_diag_list statistics = { 0 };

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
    eg_outliers_check(L, ds, &statistics);
    memset(&res, 0, sizeof res);
    eg_results_compute(&res, L, ds);
    eg_baseline_check(L, ds, &res, &statistics);
    eg_results_free(&res);

    if (systems)
        eg_reconcile_finish(L, ds, systems, dl, NULL);
    else
        eg_reconcile(L, ds, dl, NULL);
    eg_diag_move(dl, &statistics, 0, SIZE_MAX);
}
