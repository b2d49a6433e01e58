/*
 * outliers.h - values that stand out, as warnings (never errors):
 *
 *   W_OUTLIER          a unit's value far from the values of its level's
 *                      other units: robust z = 0.6745 (x - median) / MAD
 *                      beyond settings.csv's outlier_threshold, when at
 *                      least outlier_min_units units reported the figure.
 *                      Counts and money are judged on a log scale (unit
 *                      sizes differ by factors, not by amounts), zeros
 *                      apart; numbers and percentages as they are.
 *   W_BASELINE_CHANGE  a provincial figure that moved from baseline.csv
 *                      by more than baseline_max_points (percentages) or
 *                      baseline_max_change (other figures, relative);
 *                      only a whole figure the report prints
 *                      (eg_figure_impossible not).
 */
#ifndef EG_OUTLIERS_H
#define EG_OUTLIERS_H

#include "core/diag.h"
#include "core/model.h"
#include "layout/layout.h"
#include "normalize/figures.h"

void eg_outliers_check(const eg_layouts *L, const eg_dataset *ds, eg_diag_list *dl);
void eg_baseline_check(const eg_layouts *L, const eg_dataset *ds, const eg_results *res,
                       eg_diag_list *dl);

/* The median of v[0..n) (n > 0); reorders v. */
double eg_median(double *v, size_t n);

#endif
