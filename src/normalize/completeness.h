/*
 * completeness.h - who was expected to report, who did, who did not, and
 * who was late: DHIS2's reporting rate, per level of the registry.
 *
 * Expected: every unit of the registry.  Received: a unit that at least
 * one submitted row named (W_NOT_SUBMITTED names the others).  Late: a
 * received unit whose submission is dated after report.csv's `deadline`;
 * lateness is a warning (W_LATE), never an error.
 *
 * How a submission is dated, in order:
 *   1. a `submitted_on` column in the file's rows (the file's date is the
 *      latest date found there; a date after the build's day, ds->today,
 *      is a slip, W_SUBMITTED_ON, and no date);
 *   2. else the file's modification time, as a local date, but only when
 *      it is not after report.csv's `issued_on`: a file changed after the
 *      report was issued was copied, restored or checked out since (git
 *      keeps no modification times), and its date says nothing about when
 *      it was sent.  Such a file is undated.
 * A unit's date is the earliest date among the files that carry its
 * accepted values: a correction sent later does not make it late.
 *
 * The same table feeds validation.csv (W_LATE, W_NOT_SUBMITTED), the
 * workbook and the PDF's data-quality appendix: call
 * eg_completeness_compute on the dataset after acceptance.
 */
#ifndef EG_COMPLETENESS_H
#define EG_COMPLETENESS_H

#include "core/diag.h"
#include "core/model.h"
#include "extract/submissions.h"

/* When and how one unit's submission is dated. */
typedef struct {
    int received;          /* a submitted row named it */
    int date;              /* yyyymmdd; 0 when undated or not received */
    int file;              /* position in ds->files the date came from; -1 none */
    int from_column;       /* the date came from a submitted_on column */
    int late;              /* dated after the deadline */
} eg_arrival;

/* One level of the registry. */
typedef struct {
    size_t expected;       /* units of the level in the registry */
    size_t received;       /* of them, those that submitted */
    size_t on_time;        /* received and dated no later than the deadline */
    size_t late;           /* received and dated after it */
    size_t undated;        /* received, but no date can be trusted */
    int *missing;          /* registry positions of those that did not submit, in registry order */
    size_t n_missing;
    int *late_units;       /* registry positions of the late ones, in registry order */
    size_t n_late;
} eg_level_completeness;

typedef struct {
    int deadline;          /* yyyymmdd from report.csv; 0 when it has none */
    int issued_on;         /* yyyymmdd: file dates after it are not trusted; 0 none */
    eg_level_completeness level[EG_LEVEL_COUNT];
    size_t expected, received, late;   /* over every level */
    eg_arrival *units;     /* per registry unit */
    size_t n_units;
} eg_completeness;

/* Fills c from the dataset (after eg_acceptor_finish).  c needs no
 * initialisation; free it with eg_completeness_free. */
void eg_completeness_compute(eg_completeness *c, const eg_dataset *ds);
void eg_completeness_free(eg_completeness *c);

/* One W_LATE warning per late unit, filed at the file that dates it. */
void eg_completeness_check(const eg_completeness *c, const eg_dataset *ds, eg_diag_list *dl);

/* Called by the acceptor for every raw row: reads the row's submitted_on
 * column, when there is one, into the file's date; an unreadable date, or
 * one after ds->today (the first kept in ds->not_yet_come), is
 * W_SUBMITTED_ON, once per file. */
void eg_arrival_note(eg_dataset *ds, const eg_raw_value *rv, eg_diag_list *dl);

/* yyyymmdd from "2020-12-31", "31/12/2020", "31-12-2020" or "31.12.2020"
 * (day and month may have one digit); 0 when s is no calendar date. */
int eg_date_parse(const char *s);
/* "31/12/2020" into buf (cap bytes, 11 are enough); returns buf. */
char *eg_date_format(char *buf, size_t cap, int yyyymmdd);

#endif
