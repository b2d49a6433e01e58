/*
 * xls_biff.h - what FreeXL does not tell of an Excel 97-2003 sheet.
 *
 * FreeXL 1.0.6 reads an .xls file's text, numbers and dates, but gives
 * nothing for a formula (not even its saved result), a yes/no cell or an
 * error cell, says nothing of number formats (a percent-formatted 96,2 %
 * comes out as 0.962), and lists hidden sheets with the others.  This
 * module reads those from the file itself: the compound file's
 * "Workbook" stream (MS-CFB), then its BIFF8 records (MS-XLS): BOUNDSHEET
 * (names, visibility), FORMAT and XF (number formats), DATEMODE, FILEPASS,
 * and in one sheet FORMULA and the STRING after it, BOOLERR, MERGEDCELLS,
 * ROW (hidden rows), and the format and number of NUMBER, RK and MULRK
 * cells shown as a percent, a date or a time.  Every offset is checked against
 * the bytes there; a file it cannot follow is refused with a reason, and
 * the caller reads on with FreeXL alone.
 */
#ifndef EG_XLS_BIFF_H
#define EG_XLS_BIFF_H

#include <stddef.h>
#include <stdint.h>

#include "extract/merge.h"

enum {
    EG_BIFF_KIND,          /* a number cell shown as a percent, a date or a time */
    EG_BIFF_NUM,           /* a formula's number */
    EG_BIFF_STR,           /* a formula's text */
    EG_BIFF_BOOL,          /* a yes/no cell or formula result */
    EG_BIFF_ERROR,         /* an error cell or formula result */
    EG_BIFF_NONE           /* a formula without a saved result */
};

typedef struct {
    uint16_t row, col;     /* 0-based */
    uint8_t what;          /* EG_BIFF_* */
    uint8_t kind;          /* eg_cell_kind of the cell's format */
    int value;             /* BOOL: 0/1; ERROR: Excel's error code */
    double num;            /* NUM, KIND */
    char *str;             /* STR: UTF-8 */
} eg_biff_cell;

typedef struct {
    char *name;            /* UTF-8 */
    int hidden;            /* hidden or very hidden */
    int worksheet;         /* a worksheet (not a chart or macro sheet) */
    uint32_t offset;       /* of its BOF in the stream */
} eg_biff_sheet;

typedef struct {
    unsigned char *stream; /* the Workbook stream */
    size_t n_stream;
    int date1904;
    int encrypted;         /* FILEPASS: the workbook has a password */
    eg_biff_sheet *sheets;
    size_t n_sheets;
    uint8_t *xf_kind;      /* per XF record: eg_cell_kind */
    size_t n_xf;
    eg_biff_cell *cells;   /* of the sheet read, by row then column */
    size_t n_cells;
    eg_merges merges;      /* the sheet's ranges merged over rows (MERGEDCELLS) */
    uint16_t *hidden_rows; /* the sheet's hidden rows (ROW records of zero height),
                            * 0-based, in order */
    size_t n_hidden_rows;
    int too_many_merges;   /* more than EG_MAX_MERGES of them: the sheet refused */
} eg_biff;

/* Reads the workbook globals of the .xls at path.  Returns 0; -1 when the
 * compound file is broken (cut short, damaged tables, a name longer than
 * its field, no workbook in it) or its sheets are not as FreeXL 1.0.6 can
 * hold them (a sheet's DIMENSION record twice, or a sheet listed without
 * its own) or its texts (shared strings, names, format codes, LABEL
 * cells) run past their records as FreeXL reads them (xls_freexl.h):
 * such a file must not be handed to FreeXL;
 * -2 when it holds a workbook older than BIFF8 (Excel 5/95), which FreeXL
 * may still read; *why then says why in a few words (a static string, in
 * the clerk's words: it goes into E_XLS_BROKEN's or W_XLS_PARTIAL's message). */
int eg_biff_open(eg_biff *b, const char *path, const char **why);

/* Reads the cells FreeXL misses of sheet i (a position in b->sheets);
 * 0, or -1 with *why. */
int eg_biff_read_sheet(eg_biff *b, size_t i, const char **why);

/* The cell at (row, col) (0-based) of the sheet read, or NULL. */
const eg_biff_cell *eg_biff_cell_at(const eg_biff *b, unsigned row, unsigned col);

/* 1 when row (0-based) of the sheet read is hidden. */
int eg_biff_row_hidden(const eg_biff *b, unsigned row);

/* "#DIV/0!" and the others, for an error code; "#N/A" for an unknown one. */
const char *eg_biff_error_text(int code);

void eg_biff_free(eg_biff *b);

#endif
