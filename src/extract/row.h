/*
 * row.h - the one interface between a file reader and what reads rows.
 *
 * Every format (CSV, XLSX; XLS behind the same callback) hands
 * over rows of NFC UTF-8 fields, numbered as a spreadsheet program numbers
 * them, and knows nothing of what the fields mean.
 */
#ifndef EG_ROW_H
#define EG_ROW_H

#include <stddef.h>

#include "core/diag.h"

struct eg_merges;

/* A cell_errors entry: the field could not be read, and its reader has
 * said why at the field (no spreadsheet error is written so). */
#define EG_CELL_UNREAD "\x7f"

/* What a workbook's cell held (eg_row.origins). */
#define EG_FROM_OTHER 0    /* empty, an error, a yes/no, a date cell (t="d") */
#define EG_FROM_TEXT 1     /* text: a shared or inline string, a formula's string */
#define EG_FROM_NUMBER 2   /* a number stored as a number, not shown as a percent, date
                            * or time: its field has '.' as the decimal mark ("1.234"
                            * is 1.234, never 1234) */
#define EG_FROM_DATE 3     /* a number shown as a date or a time: its field is what the
                            * format shows ("1900-05-21", "00:00:00"), eg_row.stored
                            * the number itself */
#define EG_FROM_PERCENT 4  /* a number shown as a percentage: its field is what the
                            * format shows, the fraction as a percentage ("46%") */
/* Added to any of those: the cell's number format shows nothing of what
 * it holds, or a dash or other digits in its place (";;;",
 * extract/cellfmt.h's EG_HIDES_*), or its font is the colour of its fill
 * (extract/cellcolour.h), so the clerk sees an empty cell where a value
 * is read.  EG_FROM_WHAT takes it off. */
#define EG_FROM_UNSHOWN 0x10
#define EG_FROM_WHAT(origin) ((origin) & 0x0f)

typedef struct {
    long row;              /* 1 for the first line of the file */
    size_t n;              /* number of fields */
    char **fields;         /* never NULL entries; "" for an empty cell */
    /* NULL, or per field: why a cell gave no value though it was not
     * empty (its field is then ""): the error a spreadsheet cell shows
     * ("#DIV/0!", "#N/A"), "" for a formula whose result was not saved,
     * or EG_CELL_UNREAD for a field the reader could not read and has
     * said so itself (a CSV field holding a NUL byte).  NULL entries where
     * the cell is fine. */
    const char *const *cell_errors;
    const char *origins;   /* NULL (CSV), or per field what its cell held: EG_FROM_* */
    /* NULL, or per field: the number a cell shown as a date or a time
     * holds (EG_FROM_DATE), as its reader writes a number ("142"); NULL
     * entries for every other cell.  A count typed into a cell formatted
     * as a date is said with the number the clerk typed. */
    const char *const *stored;
    const char *sheet;     /* the worksheet's name (XLSX, XLS); NULL for CSV */
    /* A workbook's ranges merged over rows (extract/merge.h), the same
     * for every row of its sheet, all known before its first row; NULL
     * or empty when none, NULL for CSV. */
    const struct eg_merges *merges;
    /* A workbook's row hidden in its sheet (XLSX <row hidden="1">, an
     * .xls ROW record's zero height): read as any row, though the clerk
     * does not see it.  0 for CSV. */
    int hidden;
    /* A workbook's columns hidden in its sheet (XLSX <col hidden="1"> or
     * of width 0, an .xls COLINFO's hidden bit), the same for every row
     * of its sheet, known before its first row: column c (1-based) is
     * hidden when c <= n_hidden_cols and hidden_cols[c - 1]; NULL when
     * none, and for CSV. */
    const unsigned char *hidden_cols;
    size_t n_hidden_cols;
    /* CSV: the 1-based column where the row's quoting was refused (a
     * quote inside a bare field, text after a closing quote, a quote
     * never closed), said by the reader (E_CSV_SYNTAX).  That field is
     * "" and EG_CELL_UNREAD; the fields after it are the text a
     * spreadsheet program shows, split as it splits them; no value of
     * the row is to be read.  0 for a sound row. */
    int broken_col;
} eg_row;

/* Return 0 to go on, non-zero to stop reading the file. */
typedef int (*eg_row_fn)(void *ctx, const eg_row *row);

/* What looks at the first rows of a workbook's other sheets, after its
 * sheet is read (XLSX, XLS): the first EG_PROBE_ROWS rows of each other
 * visible worksheet of the first EG_PROBE_SHEETS go to fn with their
 * sheet's name in row->sheet, until it returns non-zero for that sheet:
 * whether a unit's rows were put on a sheet that is not read.  Nothing
 * about those sheets is reported. */
#define EG_PROBE_ROWS 20
#define EG_PROBE_SHEETS 16
typedef struct {
    eg_row_fn fn;
    void *ctx;
    char read_sheet[64];    /* set: the name of the sheet read (cut short) */
    int read_hidden;        /* set: the sheet read is hidden (a BaoCao sheet the clerk
                             * hid, or every sheet is): the clerk cannot see it */
    size_t not_probed;      /* set: the visible sheets past the first 16 */
} eg_sheet_probe;

/* One other sheet's rows on their way to a probe: an eg_row_fn that
 * stops after EG_PROBE_ROWS of them (for the readers). */
typedef struct {
    eg_row_fn fn;
    void *ctx;
    long rows;
} eg_probe_pass;

static inline int eg_probe_row(void *ctx, const eg_row *row)
{
    eg_probe_pass *p = ctx;

    return ++p->rows > EG_PROBE_ROWS || p->fn(p->ctx, row) != 0;
}

/* Caps on what one file may make us hold; 0 means the default. */
typedef struct {
    size_t max_field;      /* bytes in one field (default 1 MiB) */
    size_t max_fields;     /* fields in one row (default 16384; XLSX: at most 16384, XFD) */
    long max_rows;         /* rows in one file (default 10 million) */
    size_t max_file_bytes; /* bytes of one submission file (default 256 MiB) */
    /* Workbooks (XLSX) are zip archives of XML parts: what a hostile one
     * could make us inflate or hold.  Decompressed bytes are counted as
     * they come out, whatever the archive's headers claim. */
    size_t max_entry_bytes;   /* decompressed bytes of one part (default 128 MiB) */
    size_t max_total_bytes;   /* decompressed bytes of one file (default 1 GiB) */
    size_t max_entries;       /* entries of the archive (default 10,000) */
    size_t max_strings;       /* shared strings (default 1,000,000) */
    size_t max_string_bytes;  /* bytes of all shared strings (default 64 MiB) */
} eg_limits;

#define EG_DEFAULT_MAX_FIELD  (1u << 20)
#define EG_DEFAULT_MAX_FIELDS 16384
#define EG_DEFAULT_MAX_ROWS   10000000L
#define EG_DEFAULT_MAX_FILE_BYTES ((size_t)256 << 20)
#define EG_DEFAULT_MAX_ENTRY_BYTES  ((size_t)128 << 20)
#define EG_DEFAULT_MAX_TOTAL_BYTES  ((size_t)1 << 30)
#define EG_DEFAULT_MAX_ENTRIES      10000
#define EG_DEFAULT_MAX_STRINGS      1000000
#define EG_DEFAULT_MAX_STRING_BYTES ((size_t)64 << 20)

/* in with every cap left at 0 set to its default (in may be NULL). */
static inline eg_limits eg_limits_of(const eg_limits *in)
{
    eg_limits l = in ? *in : (eg_limits){ 0 };

    if (!l.max_field)
        l.max_field = EG_DEFAULT_MAX_FIELD;
    if (!l.max_fields)
        l.max_fields = EG_DEFAULT_MAX_FIELDS;
    if (!l.max_rows)
        l.max_rows = EG_DEFAULT_MAX_ROWS;
    if (!l.max_file_bytes)
        l.max_file_bytes = EG_DEFAULT_MAX_FILE_BYTES;
    if (!l.max_entry_bytes)
        l.max_entry_bytes = EG_DEFAULT_MAX_ENTRY_BYTES;
    if (!l.max_total_bytes)
        l.max_total_bytes = EG_DEFAULT_MAX_TOTAL_BYTES;
    if (!l.max_entries)
        l.max_entries = EG_DEFAULT_MAX_ENTRIES;
    if (!l.max_strings)
        l.max_strings = EG_DEFAULT_MAX_STRINGS;
    if (!l.max_string_bytes)
        l.max_string_bytes = EG_DEFAULT_MAX_STRING_BYTES;
    return l;
}

/* The formats a submission may come in. */
typedef enum { EG_FORMAT_CSV, EG_FORMAT_XLSX, EG_FORMAT_XLS, EG_FORMAT_OTHER } eg_format;

#endif
