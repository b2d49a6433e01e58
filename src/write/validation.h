/*
 * validation.h - validation.csv: every problem found, one a row.
 */
#ifndef EG_VALIDATION_H
#define EG_VALIDATION_H

#include <stdio.h>

#include "core/diag.h"

/* Writes the header and one row per diagnostic (sorted by the caller).
 * Cells that a spreadsheet would read as a formula (=, +, -, @) are
 * prefixed with an apostrophe.  Returns 0, or -1 on a write error. */
int eg_validation_write(FILE *f, const eg_diag_list *problems);

/* Writes s as one CSV field (quoted when needed, neutralised). */
void eg_csv_field(FILE *f, const char *s);

/* The same into out, which holds EG_CSV_FIELD_MAX(strlen(s)) bytes; the
 * bytes written (no NUL).  NULL writes nothing. */
size_t eg_csv_field_to(char *out, const char *s);
#define EG_CSV_FIELD_MAX(len) (2 * (len) + 4)

#endif
