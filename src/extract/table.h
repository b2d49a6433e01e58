/*
 * table.h - a table with a header row, read from any row source.
 *
 * The caller names the columns it wants (roles) and the header names each
 * may go by; the header row is the first row, within the first 20, that
 * names every required role (case, spacing, '_' and diacritics ignored).
 * Rows above it are titles and are ignored; columns no role names are
 * ignored.  A required role may name a stand-in (eg_colspec.stand_in):
 * the header may then hold the stand-in's column instead of its own.
 */
#ifndef EG_TABLE_H
#define EG_TABLE_H

#include "extract/merge.h"
#include "extract/row.h"

#define EG_MAX_ROLES 12
#define EG_HEADER_SEARCH_ROWS 20

typedef struct {
    const char *role;        /* a name for messages: "unit_code" */
    char *shown;             /* the name messages give instead, NULL for role: a
                              * submission's column by its Vietnamese header,
                              * "Mã đơn vị" (layout.c); freed by eg_colspec_free */
    char **aliases;          /* folded header names (eg_fold) */
    size_t n_aliases;
    int required;
    /* 1-based position of another role whose column may stand in for
     * this required one (a unit's name for its code); 0 when none. */
    int stand_in;
} eg_colspec;

typedef struct {
    long row;
    const char *field[EG_MAX_ROLES];   /* "" when the row has no such cell */
    int col[EG_MAX_ROLES];             /* 1-based column of each role */
    size_t n_fields;                   /* cells in the row */
    /* Comma-separated text only: the 1-based column of the row's first
     * filled field past the header's last, 0 when none.  Such a field is
     * most often the rest of a value cut by a comma it held outside
     * quotes, a decimal comma or a thousands separator ("38,79"); past
     * a ';' or a tab it is rather a note, and is not looked for. */
    int extra_col;
    const char *extra;                 /* that field's text */
    size_t header_fields;              /* fields of the header row */
    /* Comma-separated text only: the field right after each role's
     * column, "" when none (the second half of a value cut by a comma,
     * "18,27" read as 18 with 27 in the next column). */
    const char *next[EG_MAX_ROLES];
    /* Bit r: the header row's cell right after role r's column is empty
     * (a header a spreadsheet padded), so next[r] is in a column of no
     * use, as one past the header's last is. */
    unsigned next_unnamed;
    /* A workbook's range merged over rows (merge.h) that holds the
     * role's cell, NULL when none.  The cells a range covers below its
     * top row read as its top-left cell (the unit's code merged down its
     * rows); a range begun at or above the header row fills nothing. */
    const eg_merge *merged[EG_MAX_ROLES];
    /* A workbook's cell that gave no value though it was not empty
     * (eg_row.cell_errors): NULL when fine, always for CSV. */
    const char *error[EG_MAX_ROLES];
    /* What the role's cell held (eg_row.origins, EG_FROM_*): a number
     * stored as one reads with '.' as its decimal mark.  EG_FROM_OTHER
     * for CSV. */
    char origin[EG_MAX_ROLES];
    /* A role's cell shown as a date or a time (EG_FROM_DATE): the number
     * it holds (eg_row.stored), NULL when unknown (a cell a merged range
     * covers, a date FreeXL gives as text) and for every other cell. */
    const char *stored[EG_MAX_ROLES];
    /* The header row's first named column that is none of the roles
     * (1-based, 0 when none) and its name: a submission's "STT", or a
     * layout's misspelt optional column.  A name with a leading '#' is
     * a column of notes, never one. */
    int stray_col;
    const char *stray;
    long header_row;                   /* the header row's number */
    int hidden;                        /* the row is hidden in its sheet (eg_row.hidden) */
    unsigned hidden_col;               /* bit r: role r's column is hidden in its sheet
                                        * (eg_row.hidden_cols) */
    /* Delimited text only: the row was one field that, split by another
     * delimiter (',' in a file of ';'), fills every required column: a
     * table pasted from a file of another kind.  That delimiter, and the
     * field's column (1-based); the fields are the split's parts (no
     * quoting undone): what it says, not what to read.  0 when not. */
    char alien_delimiter;
    int alien_col;
    int broken_col;                    /* eg_row.broken_col */
} eg_record;

typedef int (*eg_record_fn)(void *ctx, const eg_record *rec);

/* A table being read from rows of any source (CSV, XLSX, XLS): feed it
 * rows with eg_table_row, then ask eg_table_finish whether a header was
 * found.  Rows up to the header are titles; each row after it goes to fn
 * as a record. */
typedef struct {
    const eg_colspec *spec;
    size_t n_spec;
    int col[EG_MAX_ROLES];     /* 0-based field index of each role, -1 none */
    int have_header;
    size_t header_n;           /* fields of the header row */
    int delimiter;             /* delimited text: its delimiter; 0 for a sheet */
    char sheet[64];            /* a workbook's sheet read, for messages; "" */
    long rows_seen;
    eg_record_fn fn;
    void *ctx;
    /* Optional: each row before the header that is not the header (the
     * titles) goes to title_fn as well; its return value is ignored. */
    eg_row_fn title_fn;
    void *title_ctx;
    /* A workbook's ranges merged over rows (eg_row.merges), followed
     * row by row: the first range not yet begun; before the header, per
     * column the last range begun there and its top-left text (header
     * names merged down a two-row header; pre[col], 1-based, pre_cols
     * slots); after it, the range holding each role's cell.  Rows out of
     * order (no spreadsheet writes them) turn the merges off. */
    const eg_merges *merges;
    size_t merge_next;
    struct eg_table_range { const eg_merge *g; char *text; char origin; } *pre,
        cover[EG_MAX_ROLES];
    size_t pre_cols;
    long last_row;
    int merges_off;
    /* A header row naming a required role in two columns (last year's
     * figures beside this year's, both "Số liệu"): which role (1-based),
     * the row, the two columns (0-based) and their names as written.  Such
     * a header is no header: the table stops there, whether it is the
     * first or one below it (the rows above it read). */
    /* No header yet: the row before it that names the most required
     * roles (0 when none names any), and those it lacks (bit r for role
     * r), so that the error can say which column is missing. */
    long near_row;
    size_t near_found;
    unsigned near_missing;
    char near_guess[64];       /* its cell most like the first role it lacks, or "" */
    int near_guess_role;
    long header_row;
    int stray_col;             /* eg_record.stray_col and its name */
    unsigned next_unnamed;     /* eg_record.next_unnamed */
    char stray[64];
    /* Set by the caller: a delimited text's row that is one field
     * holding another delimiter is split by it (eg_record.alien_delimiter),
     * for a reader that says so (a submission's); others (units.csv,
     * report.csv, the layouts) read such a row as it is.  The split: a
     * copy of its field cut into parts, freed by eg_table_release. */
    int split_alien;
    /* Set by the caller: a CSV row whose quoting was refused
     * (eg_row.broken_col) is read as a record, for a reader that leaves
     * its value out and counts the row as its unit's report (a
     * submission's); others skip it, the reader having said so. */
    int take_broken;
    char *alien;
    char **alien_parts;
    size_t n_alien_parts;
    /* The ASCII bytes of the header names (folded), known from the
     * first row below the header: a row without enough cells made of
     * them names no columns again (table.c, may_be_header). */
    unsigned char name_bytes[128];
    size_t n_required;         /* the spec's required roles */
    int name_bytes_known;      /* name_bytes and n_required are gathered */
    int twice;
    long twice_row;
    int twice_col[2];
    char twice_name[2][64];
    /* The two are one cell merged across columns: the range ("C5:D5"),
     * "" when they are two cells. */
    char twice_merged[32];
    size_t wide_next;          /* the first range within one row not yet passed */
} eg_table;

void eg_table_init(eg_table *t, const eg_colspec *spec, size_t n_spec, eg_record_fn fn,
                   void *ctx);
/* An eg_row_fn: takes the next row of the source. */
int eg_table_row(void *table, const eg_row *row);
/* 1 when row names every required role of the table (a header probe). */
int eg_table_is_header(void *table, const eg_row *row);
/* Frees what following merged ranges took (a workbook's table), and a
 * delimited table's split rows; t may be read again only after
 * eg_table_init. */
void eg_table_release(eg_table *t);
/* 1 when the header was found; else 0 after adding an error with
 * missing_code that names the columns expected (or the two columns a
 * header row gave one required role). */
int eg_table_finish(const eg_table *t, const char *display, const char *missing_code,
                    eg_diag_list *dl);

/* Reads a CSV table: detects delimiter and header together.  Returns 1
 * when the header was found and every row after it was delivered, 0 when
 * no header was found (a diagnostic with `missing_code` names the columns
 * expected), -1 when the file could not be read to its end. */
int eg_table_read_csv(const char *path, const char *display,
                      const eg_colspec *spec, size_t n_spec,
                      eg_record_fn fn, void *ctx, const eg_limits *lim,
                      const char *missing_code, eg_diag_list *dl);
/* The same into t, made by eg_table_init (its title_fn set or not). */
int eg_table_read_csv_into(eg_table *t, const char *path, const char *display,
                           const eg_limits *lim, const char *missing_code, eg_diag_list *dl);

/* Frees the aliases of spec[0..n) (the strings and arrays). */
void eg_colspec_free(eg_colspec *spec, size_t n);
/* Builds aliases from a NULL-terminated list of header names. */
void eg_colspec_set(eg_colspec *spec, const char *role, int required, const char *const *names);

#endif
