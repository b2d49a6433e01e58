/*
 * layout_priv.h - what the loaders of layouts/ share (layout.c,
 * rules_load.c): reading a layout table and reporting its mistakes.
 */
#ifndef EG_LAYOUT_PRIV_H
#define EG_LAYOUT_PRIV_H

#include <stdint.h>

#include "core/diag.h"
#include "core/model.h"
#include "extract/table.h"

typedef struct {
    char *f[EG_MAX_ROLES];    /* the columns asked for, "" when empty */
    int line;
} eg_layout_row;

typedef struct {
    eg_layout_row *rows;      /* rows that are not wholly empty */
    size_t n, cap;
    size_t n_cols;
    const char *const *names; /* while read: the columns' names */
    int stray_said;
    size_t seen, wide;        /* rows not wholly empty; of those, wider than the header */
    size_t header_fields;
    long header_row;
    long wide_row[3];         /* the first wide rows: their widths, the column */
    size_t wide_fields[3];    /* of a filled field past the header's (0: none) */
    int wide_col[3];          /* and its text */
    char wide_extra[3][48];
    int wide_alike;           /* every wide row as wide as the first */
    eg_diag_list *dl;         /* while read: a row's problems */
} eg_layout_table;

/* Reads dir/name whose header must hold the given columns (the first
 * n_required of them required).  Returns 0 or -1 (F_LAYOUT added). */
int eg_layout_read(const char *dir, const char *name, const char *const *cols, size_t n_cols,
                   size_t n_required, eg_layout_table *out, eg_diag_list *dl);
void eg_layout_table_free(eg_layout_table *t);

/* Adds the option of ind called code to set (bit k for option k): 0; -1
 * when ind has no such option; -2 when it is past the first 64, which a
 * set cannot hold (eg_option_in). */
int eg_layout_option_add(const eg_indicator *ind, const char *code, uint64_t *set);

/* Why code cannot be a layout's code (an indicator's, figure's, ranking's,
 * rule's), or NULL: not empty; ASCII letters, digits, '.', '_', '-'. */
const char *eg_layout_code_why(const char *code);
/* As eg_layout_code_why, for the codes of indicators, figures and rankings,
 * which are in small letters. */
const char *eg_layout_name_why(const char *code);

/* Adds F_LAYOUT at dir/name:line; fmt takes two %s, a and b (NULL is ""). */
void eg_layout_error(eg_diag_list *dl, const char *dir, const char *name, int line,
                     const char *fmt, const char *a, const char *b);

#endif
