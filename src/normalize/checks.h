/*
 * checks.h - every check that runs once the submissions are accepted:
 * the rulebook (rules.csv), completeness and timeliness, the systems'
 * exports, outliers and moves from last year.  One call, one list: what
 * it adds goes to validation.csv, the workbook's Kiểm tra sheet and the
 * PDF's appendix alike.
 */
#ifndef EG_CHECKS_H
#define EG_CHECKS_H

#include "core/diag.h"
#include "core/model.h"
#include "layout/layout.h"
#include "normalize/figures.h"
#include "normalize/reconcile.h"

/* Runs every check on the accepted values of ds (after
 * eg_acceptor_finish), adding its diagnostics to dl.  systems: the
 * exports' reading begun with eg_reconcile_start (finished and freed
 * here), or NULL to read them now.  res gets the figures of ds
 * (eg_results_compute), which the checks against last year make anyway;
 * the caller frees them. */
void eg_checks_run(const eg_layouts *L, const eg_dataset *ds, eg_reconcile_reading *systems,
                   eg_diag_list *dl, eg_results *res);

#endif
