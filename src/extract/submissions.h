/*
 * submissions.h - every file in <year>/submissions/, as raw values.
 *
 * Files are read in name order (so results never depend on the
 * directory's order); a file's name never decides which unit it speaks
 * for.  Each row with an indicator becomes an eg_raw_value, still text:
 * what the codes and values mean is normalize's business.
 */
#ifndef EG_SUBMISSIONS_H
#define EG_SUBMISSIONS_H

#include "core/model.h"
#include "extract/row.h"
#include "extract/table.h"

typedef struct {
    int file;              /* position in ds->files */
    long row;
    const char *unit;
    int unit_col;
    const char *indicator;
    int indicator_col;
    const char *value;
    int value_col;
    int value_error;       /* the value's cell held an error (#DIV/0!), a formula
                            * without its result, or a value merged over several
                            * indicators' rows: said already, value "" */
    int value_number;      /* the value's cell held a number stored as one (XLSX, XLS:
                            * EG_FROM_NUMBER): its '.' is a decimal mark */
    int value_dated;       /* the value's cell held a number shown as a date or a time
                            * (EG_FROM_DATE): value is what the cell shows */
    const char *value_stored;  /* that number ("142"); NULL when unknown or not dated */
    int value_percent;     /* the value's cell held a number shown as a percentage
                            * (XLSX, XLS): value is what the cell shows, "46%" */
    const char *note;      /* "" when none */
    const char *submitted_on;  /* the row's date of submission as written; NULL or "" when none */
    int submitted_on_col;
    const char *unit_name;     /* the unit's name, where the file names units; NULL or "" when none */
    int unit_name_col;
    int row_said;          /* a field of the row could not be read (E_TEXT_*): said
                            * already, naming the row's unit code (none when the row
                            * names its unit by name only: normalize names it) */
    /* A comma-separated row with a field past its header's columns (at
     * extra_col, 1-based; 0 when none), the rest of a value cut by a comma
     * outside quotes most often: its value is no value (eg_record). */
    int extra_col;
    const char *extra;
    size_t header_fields;
    /* Comma-separated text only: the field right after the value's
     * column when that is the note's column or past the header's last,
     * where a number cut by a comma puts its second half; else "" (a
     * column of another use, a year, follows the value) (eg_record.next). */
    const char *value_next;
    /* The row was one field split by another delimiter than the file's
     * (eg_record.alien_delimiter), at alien_col: its fields are the
     * parts; 0 when not. */
    char alien_delimiter;
    int alien_col;
} eg_raw_value;

/* Takes one raw value: 0 to go on, non-zero to stop reading the file
 * (what was handed on stays so). */
typedef int (*eg_raw_fn)(void *ctx, const eg_raw_value *rv);

/* The roles of a submission's columns (columns.csv): unit, indicator,
 * value, note, submitted_on, unit_name. */
#define EG_SUBMISSION_ROLES 6

/* The format a file's name says it is in. */
eg_format eg_format_of(const char *name);

/* For a file of no format read (EG_FORMAT_OTHER): what to do when its
 * name says it is a spreadsheet of another kind (.ods, .xlsm, .xlsb,
 * .numbers), a Vietnamese clause beginning with "; ", else "". */
const char *eg_format_advice(const char *name);

/* Adds one file to ds->files (name is its name relative to the year
 * folder, shown in messages and outputs as eg_display_text makes it:
 * valid UTF-8, on one line).  Returns its position, or -1 after a
 * diagnostic when it is no readable submission (E_FILE_READ,
 * W_FILE_IGNORED). */
int eg_submission_add(eg_dataset *ds, const char *abs_path, const char *name,
                      eg_diag_list *dl);

/* Reads file (a position in ds->files) in its format and hands each row
 * with an indicator to fn, until fn says stop.  Returns 0, or -1 when it
 * could not be read to its end (diagnostics say why; the rows before
 * were delivered). */
int eg_submission_read(eg_dataset *ds, int file, const eg_colspec *cols, eg_raw_fn fn,
                       void *ctx, const eg_limits *lim, eg_diag_list *dl);

/* The names in dir that a build reads as submissions: every entry but
 * hidden names and Excel's "~$" lock files, sorted by their bytes.
 * Returns the array (*n names; free each and the array), or NULL with
 * errno set when dir cannot be read. */
char **eg_submission_names(const char *dir, size_t *n);

/* Lists and reads the submissions of ds->year_dir, filling ds->files.
 * cols are the roles of columns.csv (unit, indicator, value, note, submitted_on,
 * unit_name).
 * Returns 0, or -1 when the folder itself cannot be read (fatal). */
int eg_submissions_read(eg_dataset *ds, const eg_colspec *cols, eg_raw_fn fn, void *ctx,
                        const eg_limits *lim, eg_diag_list *dl);

#endif
