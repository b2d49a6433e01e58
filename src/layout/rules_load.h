/*
 * rules_load.h - loading layouts/rules.csv and the check settings of
 * layouts/settings.csv.
 *
 * rules.csv: code,severity,levels,left,op,right,message[,tolerance,missing]
 * (the last two columns are optional, so that older rule files still
 * load).  Every mistake is F_LAYOUT with the file and line: an unknown
 * indicator, a bad operator, unbalanced parentheses, a placeholder the
 * message cannot fill.  The syntax is documented in docs/layouts.md.
 */
#ifndef EG_RULES_LOAD_H
#define EG_RULES_LOAD_H

#include "layout/layout.h"

/* Loads L->dir/rules.csv into L->rules against L->cat.  Returns 0, or -1
 * after one F_LAYOUT per faulty line. */
int eg_rules_load(eg_layouts *L, eg_diag_list *dl);
void eg_rules_free(eg_rule *rules, size_t n);

/* The check settings' defaults: outlier_threshold 5, outlier_min_units
 * 10, baseline_max_change 50 (%), baseline_max_points 20. */
void eg_check_settings_default(eg_check_settings *s);

/* A key of settings.csv: 0 when it is not a check setting; 1 when it is
 * and was set; -1 when it is but the value is wrong (*why says why). */
int eg_check_setting(eg_check_settings *s, const char *key, const char *value,
                     const char **why);

#endif
