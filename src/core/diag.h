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
    size_t more;          /* a line that stands for this many not listed
                           * (eg_diag_close), else 0 */
    int units_differ;     /* such a line: of rows of several units (unit NULL) */
} eg_diag;

/* Diagnostics of one file, code and severity past a list's listed_max:
 * counted, not kept (eg_diag_list.tally). */
struct eg_diag_tally;

typedef struct {
    eg_diag *items;
    size_t n, cap;
    size_t n_error, n_warning, n_fatal;   /* all, listed or not */
    /* When not 0: of one file's errors or warnings of one code, the first
     * listed_max are kept, the rest counted (a file of a million rows
     * repeated would otherwise hold gigabytes of W_DUPLICATE); fatal ones
     * and those of no file are all kept. */
    size_t listed_max;
    struct eg_diag_tally *tally;
    /* The list is the operator's (a layout's, units.csv's, report.csv's
     * problems, all fatal): the readers word their messages in English,
     * as every fatal one is, where a clerk's are Vietnamese. */
    int english;
} eg_diag_list;

/* The listed_max of the lists a build's and validate's problems go to. */
#define EG_DIAG_LISTED_MAX 1000

/* Adds a diagnostic; file, unit and indicator may be NULL, row/col 0. */
void eg_diag_add(eg_diag_list *dl, eg_severity sev, const char *code,
                 const char *file, long row, int col,
                 const char *unit, const char *indicator,
                 const char *fmt, ...)
    __attribute__((format(printf, 9, 10)));

/* Adds a line for each file, code and severity that had diagnostics
 * past listed_max: "… N more …", with `more` = N, not counted again (the
 * counts hold them already); then forgets them. */
void eg_diag_close(eg_diag_list *dl);

/* Orders by file, row, column, then arrival: the order of validation.csv;
 * a file's "… N more" lines (eg_diag_close) after the rest of it, by
 * severity and code (not arrival, which the threads decide). */
void eg_diag_sort(eg_diag_list *dl);

/* That order within one file, for a list sorted otherwise first (the
 * report's appendix groups by unit): <0, 0 or >0 as for qsort. */
int eg_diag_cmp_in_file(const eg_diag *a, const eg_diag *b);

/* Prints "file:row:col: severity: message" to f for each diagnostic,
 * each on one line (the message as eg_put_one_line puts it). */
void eg_diag_print(const eg_diag_list *dl, void *file_stream, int min_severity);

/* s to the stream, each line break in it (CR, LF, VT, FF, NEL, U+2028,
 * U+2029) as U+FFFD: for text quoted from an input (a cell of two lines)
 * on a line of a listing.  A tab is kept. */
void eg_put_one_line(const char *s, void *file_stream);

/* One line (printf's fmt, at most 255 bytes written) to standard error's
 * descriptor, past stdio: its stderr may be a stream in memory just now,
 * set by another thread (write/lxw_said.h).  For what any thread may say
 * at any time: out of memory, a test point. */
void eg_stderr_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Adds the first max diagnostics of from to dl (all: SIZE_MAX), their
 * rows (those not 0) moved down by row_shift, then empties from: how the
 * results of work done apart (a thread, a part of a file) join the run's
 * list.  What from counted past its listed_max is counted in dl too. */
void eg_diag_move(eg_diag_list *dl, eg_diag_list *from, long row_shift, size_t max);

/* Gives the problems of file's row that name no unit (a field its reader
 * could not read, found before the row's columns were known) the row's
 * unit, and those at its value's column (value_col) its indicator too:
 * a note's problem is no refused value (a `required` rule reads a
 * problem naming both as one); with value_col < 0, every one of them:
 * the row's value is refused for them all (malformed quoting).  Unit
 * and indicator may be NULL or empty.  Those at the end of dl, the
 * latest added, back to the first of another row. */
void eg_diag_name_row(eg_diag_list *dl, const char *file, long row, int value_col,
                      const char *unit, const char *indicator);

/* How many problems d stands for: 1, or the `more` of a "… N more" line. */
size_t eg_diag_weight(const eg_diag *d);

/* A writer's diagnostics name the file it was given, a temporary one;
 * the operator must read the output's own name: tmp becomes final, as
 * every diagnostic's file and wherever a message quotes it. */
void eg_diag_rename_file(eg_diag_list *dl, const char *tmp, const char *final);

/* Forgets every diagnostic of code, listed or only counted, and takes
 * them off the counts. */
void eg_diag_drop(eg_diag_list *dl, const char *code);

const char *eg_severity_name(eg_severity sev);
void eg_diag_free(eg_diag_list *dl);

#endif
