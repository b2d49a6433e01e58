/*
 * diag.h - the list of problems found during a run.
 *
 * Stages never stop at the first bad row: they add a diagnostic and go on,
 * and the command line decides the exit code from the counts.  Every
 * diagnostic carries a stable code from docs/checks.md.
 */
#ifndef EG_DIAG_H
#define EG_DIAG_H

#include <stddef.h>

typedef enum { EG_WARNING, EG_ERROR, EG_FATAL } eg_severity;

typedef struct {
    eg_severity severity;
    char *code;           /* E_VALUE_COUNT, W_NOT_SUBMITTED, a rule's code (a copy) */
    char *file;           /* relative to the year folder, or a layout path */
    long row;             /* 1-based, 0 when it does not apply */
    int col;              /* 1-based, 0 when it does not apply */
    char *unit;           /* may be NULL */
    char *indicator;      /* may be NULL */
    char *message;
    size_t seq;           /* order of arrival, to keep sorting stable */
} eg_diag;

typedef struct {
    eg_diag *items;
    size_t n, cap;
    size_t n_error, n_warning, n_fatal;
    int echo;             /* print fatal diagnostics to stderr as they come */
} eg_diag_list;

/* Adds a diagnostic; file, unit and indicator may be NULL, row/col 0. */
void eg_diag_add(eg_diag_list *dl, eg_severity sev, const char *code,
                 const char *file, long row, int col,
                 const char *unit, const char *indicator,
                 const char *fmt, ...)
    __attribute__((format(printf, 9, 10)));

/* Orders by file, row, column, then arrival: the order of validation.csv. */
void eg_diag_sort(eg_diag_list *dl);

/* Prints "file:row:col: severity: message" to f for each diagnostic. */
void eg_diag_print(const eg_diag_list *dl, void *file_stream, int min_severity);

/* Adds the first max diagnostics of from to dl (all: SIZE_MAX), their
 * rows (those not 0) moved down by row_shift, then empties from: how the
 * results of work done apart (a thread, a part of a file) join the run's
 * list. */
void eg_diag_move(eg_diag_list *dl, eg_diag_list *from, long row_shift, size_t max);

const char *eg_severity_name(eg_severity sev);
void eg_diag_free(eg_diag_list *dl);

#endif
