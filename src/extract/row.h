/*
 * row.h - the one interface between a file reader and what reads rows.
 *
 * Every format (CSV now; XLSX and XLS behind the same callback) hands
 * over rows of NFC UTF-8 fields, numbered as a spreadsheet program numbers
 * them, and knows nothing of what the fields mean.
 */
#ifndef EG_ROW_H
#define EG_ROW_H

#include <stddef.h>

#include "core/diag.h"

typedef struct {
    long row;              /* 1 for the first line of the file */
    size_t n;              /* number of fields */
    char **fields;         /* never NULL entries; "" for an empty cell */
} eg_row;

/* Return 0 to go on, non-zero to stop reading the file. */
typedef int (*eg_row_fn)(void *ctx, const eg_row *row);

/* Caps on what one file may make us hold; 0 means the default. */
typedef struct {
    size_t max_field;      /* bytes in one field (default 1 MiB) */
    size_t max_fields;     /* fields in one row (default 16384) */
    long max_rows;         /* rows in one file (default 10 million) */
} eg_limits;

#define EG_DEFAULT_MAX_FIELD  (1u << 20)
#define EG_DEFAULT_MAX_FIELDS 16384
#define EG_DEFAULT_MAX_ROWS   10000000L

/* The formats a submission may come in. */
typedef enum { EG_FORMAT_CSV, EG_FORMAT_XLSX, EG_FORMAT_XLS, EG_FORMAT_OTHER } eg_format;

#endif
