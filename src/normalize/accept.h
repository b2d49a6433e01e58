/*
 * accept.h - from raw submitted text to typed values.
 *
 * Matches unit and indicator codes (suggesting the nearest known code
 * when one is unknown), checks the reporting level, reads the value by
 * the indicator's type, and resolves a (unit, indicator) pair reported
 * twice.  What cannot be read or does not belong is left out with an
 * error; the build goes on.
 */
#ifndef EG_ACCEPT_H
#define EG_ACCEPT_H

#include "extract/submissions.h"
#include "layout/layout.h"
#include "normalize/unitname.h"

typedef struct {
    eg_dataset *ds;
    const eg_layouts *L;
    eg_diag_list *dl;
    int32_t *first_place;  /* per cell: the pair's first report (its value index),
                            * readable or not, named by the next ones */
    int32_t *other_place;  /* per cell: the first report that differed from it;
                            * made at the first conflict */
    eg_unit_names names;   /* units named instead of coded (unitname.h) */
    /* The file being read: its rows that named a unit of the registry,
     * the first such unit (-2 when several), and whether any row gave a
     * value (a blank form names its units and gives none). */
    int file;
    size_t file_named;
    int file_unit;
    int file_filled;
    /* Its rows that named their unit by name only and whose unreadable
     * field was said before the name was known: named at the file's end. */
    struct eg_said_row { long row; int unit; } *said;
    size_t n_said, cap_said;
} eg_acceptor;

void eg_acceptor_init(eg_acceptor *a, eg_dataset *ds, const eg_layouts *L, eg_diag_list *dl);
/* An eg_raw_fn: takes one raw value; 0 (it never stops a reading). */
int eg_accept_raw(void *acceptor, const eg_raw_value *rv);
/* After the last file: drops the pairs in conflict, reports the registry
 * units that sent nothing (W_NOT_SUBMITTED), and frees the acceptor. */
void eg_acceptor_finish(eg_acceptor *a);

/* Reads text as a value of indicator ind for a unit of level lv: 0 and v
 * filled, or -1 with code and a message in msg (cap bytes). */
int eg_value_parse(const eg_indicator *ind, eg_level lv, const char *text, eg_value *v,
                   const char **code, char *msg, size_t cap);

#endif
