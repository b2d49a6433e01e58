/*
 * figures.h - the derived provincial figures and the rankings.
 *
 * Computed from accepted values only.  A value that breaks a rule still
 * counts (it is the unit's statement); values that could not be read or
 * do not belong were never accepted.
 */
#ifndef EG_FIGURES_H
#define EG_FIGURES_H

#include "core/model.h"
#include "layout/layout.h"

typedef struct {
    int has_value;
    double value;          /* percentages as fractions; points as fractions */
    int has_pair;          /* ratio and count figures */
    double num, den;
    size_t n_units;        /* units whose values went into it */
    size_t n_expected;     /* units of the registry at its levels */
    int whole;             /* every one of those has sent its report, none
                            * had a value of it refused, none left out one
                            * a `required` rule asks of it
                            * (eg_rules_expected), and none gave one
                            * part of a ratio only (a figure
                            * made from others: each of them is whole), so
                            * that it speaks for the province and may be
                            * set against last year's (baseline.csv); a
                            * unit whose report lacks the indicator has
                            * none to give (an optional one) */
    int too_large;         /* a sum past 2^53, which a double holds no
                            * longer to the unit (more than the country's
                            * product in đồng): left unprinted */
    int made_too_large;    /* too_large, or made from a figure that is */
    int impossible;        /* made_too_large, a share outside 0-100%, or
                            * made from a figure that is impossible */
} eg_figure;

/* 2^53: the sums of a figure stay below it, or it is too_large. */
#define EG_FIGURE_EXACT_MAX (INT64_C(1) << 53)

typedef struct {
    int unit;
    double criteria[EG_RANKING_CRITERIA];
    int present[EG_RANKING_CRITERIA];
    int complete;          /* every criterion reported */
    double total;          /* rounded to 0.01 */
    int rank;              /* 1-based; 0 when not ranked */
} eg_rank_entry;

typedef struct {
    const eg_ranking_def *def;
    eg_rank_entry *rows;   /* ranked ones by rank then code, then the rest by code */
    size_t n, n_ranked;
} eg_ranking;

typedef struct {
    const eg_layouts *L;
    eg_figure *figures;    /* parallel to L->figures */
    eg_ranking *rankings;  /* parallel to L->rankings */
} eg_results;

/* 1 when figure i has a value no report can state: a share (format
 * percent) below 0 or above 100%, from parts that contradict their whole
 * (a unit's late dossiers above its dossiers, a rule broken), a sum
 * too_large, or a figure made from one (its change on the year before,
 * its complement).  eg_figure_too_large: a sum too_large alone, or a
 * figure made from one (whose pair of counts cannot print either). */
int eg_figure_impossible(const eg_results *r, size_t i);
int eg_figure_too_large(const eg_results *r, size_t i);

/* 1 when figure i's pair of counts can be printed: it has one, no sum in
 * it is too large, and neither count is below 0 (the complement of a share
 * above 100%: -4/100).  A part above its whole, 104/100, is printed: the
 * units reported it so. */
int eg_figure_pair_printable(const eg_results *r, size_t i);

/* What the ranking's tables say of an entry left unranked: "chưa có
 * điểm" when no criterion was reported (the unit sent no score), "thiếu
 * điểm" when some were; NULL for a ranked one. */
const char *eg_rank_entry_note(const eg_ranking *rk, const eg_rank_entry *e);

/* What of a figure baseline.csv's value stands beside.  baseline.csv
 * gives a tl.* figure as a percentage and any other as a count
 * (input-format.md; extract/registry.c reads it so): a tl.* figure's
 * value (a fraction; *share 1), a dem.* figure's count of the units that
 * qualify (the 20 of 20/20, not its share), a sum's value.  0 with *now
 * set, or -1 when the figure has none to stand beside a count (a share
 * not named tl.*) or no value. */
int eg_figure_baseline_side(const eg_figure_def *def, const eg_figure *f, double *now,
                            int *share);

void eg_results_compute(eg_results *r, const eg_layouts *L, const eg_dataset *ds);
/* The figure of a code, or NULL when the layouts declare none. */
const eg_figure *eg_results_figure(const eg_results *r, const char *code);
const eg_ranking *eg_results_ranking(const eg_results *r, const char *code);
void eg_results_free(eg_results *r);

/* 1 when figure i's Tử số/Mẫu số are whole numbers to show: a
 * quotient's when both its figures are counts or money (4.127/403.086),
 * a complement's when the figure it complements shows its own; a
 * count's always. */
int eg_figure_pair_whole(const eg_layouts *L, size_t i);

/* Checks every rule of rules.csv against the accepted values. */
void eg_rules_check(const eg_layouts *L, const eg_dataset *ds, eg_diag_list *dl);

/* Sets expect[k] (L->cat.n of them, cleared first) for each indicator k
 * that a `required` rule asks of unit u: a unit that submitted anything,
 * of the rule's levels, where the rule's condition holds on its figures.
 * What the workbook marks as missing when u left it out. */
void eg_rules_expected(const eg_layouts *L, const eg_dataset *ds, int u, unsigned char *expect);

#endif
