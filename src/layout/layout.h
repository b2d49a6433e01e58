/*
 * layout.h - what changes from year to year, loaded from layouts/ as data.
 *
 *   indicators.csv  the indicator catalogue: codes, labels, types, levels,
 *                   enum options, score maxima, patterns
 *   settings.csv    key,value: the unit code pattern, the workbook's highlight threshold
 *   columns.csv     the header names a submission's columns may go by
 *   rules.csv       the rulebook: comparisons, sums, required and
 *                   conditional indicators (layout/rules_load.c)
 *   figures.csv     the derived provincial figures
 *   rankings.csv    the rankings by total score
 *   report.txt      the report's sections and sentences (write/narrative)
 *
 * Any mistake in these files is fatal: a diagnostic F_LAYOUT naming file
 * and line, and the command exits 3.
 */
#ifndef EG_LAYOUT_H
#define EG_LAYOUT_H

#include "core/diag.h"
#include "core/model.h"
#include "extract/table.h"
#include "layout/rule.h"

/* Roles of a submission's columns, in columns.csv.  submitted_on
 * (optional): the date the unit sent it, for completeness.  unit_name
 * (optional): the unit's name, which may stand in for a missing unit code
 * column (normalize/accept.c matches it against the registry). */
enum { EG_COL_UNIT, EG_COL_INDICATOR, EG_COL_VALUE, EG_COL_NOTE, EG_COL_SUBMITTED_ON,
       EG_COL_UNIT_NAME, EG_COL_COUNT };

/* The rules of rules.csv (eg_rule) and the check settings: layout/rule.h. */

typedef enum {
    EG_FIG_SUM,           /* Σ a over levels */
    EG_FIG_RATIO,         /* Σ a / Σ b over units with both */
    EG_FIG_COUNT,         /* units with a qualifying, of those reporting a */
    EG_FIG_DIFF_BASELINE, /* figure a minus its baseline */
    EG_FIG_COMPLEMENT,    /* 1 - figure a */
    EG_FIG_QUOTIENT       /* figure a / figure b */
} eg_fig_kind;

typedef enum { EG_FMT_COUNT, EG_FMT_MONEY, EG_FMT_PERCENT, EG_FMT_POINTS, EG_FMT_NUMBER } eg_fig_format;

/* 1 when option i (an enum value's position among its indicator's
 * options) is in set, a set of the first 64 options, bit k for option k;
 * 0 for an option past them, which no set can name. */
static inline int eg_option_in(uint64_t set, long long i)
{
    return i >= 0 && i < 64 && ((set >> i) & 1);
}

typedef struct {
    char *code, *section, *label;
    eg_fig_kind kind;
    int a, b;                 /* indicator positions, or figure positions */
    unsigned levels;
    int cond_yes;             /* count: bool is yes */
    int cond_positive;        /* count: a number above 0 ("> 0") */
    uint64_t cond_options;    /* count: enum option bit set */
    eg_fig_format format;
    int lower_better;         /* "better" column: lower (a rate of late dossiers):
                               * no data bar, no highlight under the threshold */
    int line;
} eg_figure_def;

/* 1 when baseline.csv gives the figure as a count of units, as the
 * contract gives every code but tl.*: a count figure (dem.*) not named
 * tl.*, set against this year's count of qualifying units, not its share. */
int eg_figure_baseline_counts_units(const eg_figure_def *f);

/* The longest title a chart takes (characters): a ranking's label, a
 * [chart-rate]'s title.  Longer, it would leave no room for the bars. */
#define EG_CHART_TITLE_MAX 250

/* The score indicators a ranking adds at most (indicators.csv). */
#define EG_RANKING_CRITERIA 8

typedef struct {
    char *code;               /* xh.so */
    eg_level level;
    char *label;
    int criteria[EG_RANKING_CRITERIA]; /* score indicators of the level, in order */
    size_t n_criteria;
    double max_total;
    int line;
} eg_ranking_def;

typedef struct {
    char *dir;
    eg_catalogue cat;
    eg_colspec columns[EG_COL_COUNT];
    eg_rule *rules;
    size_t n_rules;
    eg_figure_def *figures;
    size_t n_figures;
    eg_strmap figure_index;
    eg_ranking_def *rankings;
    size_t n_rankings;
    char *report_path;        /* layouts/report.txt */
    char *shown;              /* the folder as validation.csv and the workbook name it:
                               * "layouts", or "layouts/2021" for a year's own */
    char *report_shown;       /* shown + "/report.txt" */
    /* problems.csv (optional): a problem's code -> what the PDF's appendix
     * says of it in Vietnamese (problem_text), where its message, made for
     * validation.csv, may be in English */
    eg_strmap problem_index;
    char **problem_text;
    size_t n_problems;
    double highlight_below;   /* settings.csv: rates under it are highlighted in the workbook; 0 none */
    eg_check_settings checks; /* settings.csv: thresholds of outliers and baseline changes */
} eg_layouts;

/* Loads every layout file of dir.  Returns 0, or -1 after adding F_LAYOUT
 * diagnostics (as many as found, each with file and line). */
int eg_layouts_load(eg_layouts *L, const char *dir, eg_diag_list *dl);

/* The layouts loaded are a year's own folder (layouts/2021/): the workbook
 * and validation.csv name their files so. */
void eg_layouts_show_year(eg_layouts *L, int year);
void eg_layouts_free(eg_layouts *L);

/* What problems.csv says of a problem's code, or NULL. */
const char *eg_layouts_problem_text(const eg_layouts *L, const char *code);

/* Position of an indicator code in the catalogue, or -1. */
int eg_catalogue_find(const eg_catalogue *cat, const char *code);

/* Parses "so huyen xa" into a level mask; 0 on a bad word. */
unsigned eg_levels_parse(const char *s);

#endif
