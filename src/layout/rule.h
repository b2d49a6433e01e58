/*
 * rule.h - one check of layouts/rules.csv, as loaded (layout/rules_load.c)
 * and evaluated (normalize/rules.c).
 *
 * Three kinds, chosen by the row's `op` column:
 *
 *   compare    left op right, where right may go on with more operators:
 *              a chain `tt.dung_thu <= tt.hop_thu <= ht.cbcc`.  Operands
 *              are arithmetic over numbers, the unit's own values and
 *              sums (`sum(huyen; nl.thcs)`, `sum(children; gd.ho_so)`).
 *   required   every indicator of left must be reported by a unit of the
 *              rule's levels that submitted anything (where the condition
 *              of right holds, when there is one).
 *   only_if    an indicator of left may be reported only where the
 *              condition of right holds.
 */
#ifndef EG_RULE_H
#define EG_RULE_H

#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"

typedef enum {
    EG_EX_NUMBER,     /* a constant */
    EG_EX_VALUE,      /* the unit's own value of an indicator */
    EG_EX_SUM,        /* Σ an indicator over a level or the unit's children */
    EG_EX_ADD,
    EG_EX_SUB,
    EG_EX_MUL,
    EG_EX_DIV
} eg_expr_kind;

/* A node of an operand's expression tree; the tree is an array of nodes
 * and a and b are positions in it. */
typedef struct {
    eg_expr_kind kind;
    int a, b;                 /* ADD SUB MUL DIV: operands */
    int indicator;            /* VALUE, SUM: position in the catalogue */
    unsigned sum_levels;      /* SUM over every unit of these levels ... */
    int children;             /* ... or, when set, over the unit's children */
    double number;            /* NUMBER */
} eg_expr_node;

typedef enum { EG_CMP_LE, EG_CMP_GE, EG_CMP_EQ, EG_CMP_LT, EG_CMP_GT } eg_cmp;
typedef enum { EG_RULE_COMPARE, EG_RULE_REQUIRED, EG_RULE_ONLY_IF } eg_rule_kind;

/* What a rule does when a figure it needs is missing. */
typedef enum {
    EG_MISSING_SKIP_ANY,      /* skip the unit when any operand is missing (default) */
    EG_MISSING_SKIP_ALL,      /* skip only when every operand is; the rest count as 0 */
    EG_MISSING_NEVER          /* never skip: a missing figure counts as 0 */
} eg_missing;

typedef struct {
    int root;                 /* node of the operand's expression */
    char *text;               /* as written, for messages */
} eg_operand;

/* `hd.cong_ttdt`, `not hd.cong_ttdt`, `ht.mo_hinh_mot_cua in lien_thong
 * dien_tu`: holds when the unit's value is yes (non-zero), or one of the
 * options; negated by `not`.  Alternatives joined by `or` (`nl.thcs or
 * nl.th`): holds when one of them does. */
typedef struct eg_condition {
    int indicator;            /* -1: no condition, always holds */
    int negate;
    uint64_t options;         /* enum: the options that qualify; 0 otherwise */
    char *text;               /* the whole condition as written; on the first alternative only */
    struct eg_condition *or;  /* the next alternative, or NULL */
} eg_condition;

typedef struct {
    char *code;               /* R_...: the diagnostic's stable code */
    eg_severity severity;     /* EG_ERROR or EG_WARNING */
    eg_rule_kind kind;
    unsigned levels;          /* units the rule applies to */
    eg_missing missing;
    /* compare */
    eg_expr_node *nodes;
    size_t n_nodes;
    eg_operand *operands;     /* the chain's operands, at least two */
    size_t n_operands;
    eg_cmp *cmps;             /* n_operands - 1 comparisons */
    double tolerance;         /* allowed difference: absolute, or a fraction ... */
    int tolerance_relative;   /* ... of the larger side when set ("2%") */
    /* required, only_if */
    int *indicators;
    size_t n_indicators;
    eg_condition cond;
    char *message;            /* template: {left} {right} {1}..{9} {diff} ... */
    int line;                 /* line in rules.csv */
} eg_rule;

/* Thresholds of the statistical checks, from settings.csv. */
typedef struct {
    double outlier_threshold;     /* robust z beyond which a value is an outlier */
    size_t outlier_min_units;     /* fewer reported values than this: no judgement */
    double baseline_max_change;   /* counts: relative change allowed (0.5 = 50 %) */
    double baseline_max_points;   /* percentages: change allowed, as a fraction (0.2 = 20 points) */
} eg_check_settings;

/* The symbol of a comparison, for messages: "≤", "≥", "=", "<", ">". */
const char *eg_cmp_symbol(eg_cmp c);

#endif
