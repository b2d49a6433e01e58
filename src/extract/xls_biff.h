/*
 * xls_biff.h - an Excel workbook of 1993 to 2019 (.xls: BIFF5 and BIFF8),
 * read from the file itself.
 *
 * The compound file's "Workbook" (BIFF8, Excel 97-2003) or "Book" (BIFF5,
 * Excel 5/95) stream (MS-CFB, extract/cfb.h), then its records (MS-XLS):
 * in the globals BOUNDSHEET (names, visibility), FORMAT and XF (number formats),
 * DATEMODE, FILEPASS, CODEPAGE (BIFF5's texts are bytes of a code page)
 * and the shared strings (SST and its CONTINUE records, BIFF8); in one
 * sheet every cell (NUMBER, RK, MULRK, LABELSST, LABEL, RSTRING, BOOLERR,
 * FORMULA and the STRING after it), MERGEDCELLS and ROW (hidden rows).  A
 * chart drawn on a sheet is a substream inside the sheet's, and is passed
 * over.  Every offset and length is checked against the bytes there; a
 * file it cannot follow is refused with a reason.
 *
 * It replaced FreeXL 1.0.6, which gave nothing for a formula, a yes/no or
 * an error cell, nor any number format, could not follow a chart on a
 * sheet nor a text of more than about 4,000 characters, and read past its
 * memory on eleven kinds of damaged file that fuzzing found.
 */
#ifndef EG_XLS_BIFF_H
#define EG_XLS_BIFF_H

#include <stddef.h>
#include <stdint.h>

#include "extract/merge.h"

enum {
    EG_BIFF_NUM,           /* a number, typed or a formula's */
    EG_BIFF_STR,           /* a text: a formula's, or a LABEL's (str) */
    EG_BIFF_SST,           /* a shared string (value: its index) */
    EG_BIFF_BOOL,          /* a yes/no cell or formula result */
    EG_BIFF_ERROR,         /* an error cell or formula result */
    EG_BIFF_NONE           /* a formula without a saved result */
};

typedef struct {
    uint16_t row, col;     /* 0-based */
    uint8_t what;          /* EG_BIFF_* */
    uint8_t kind;          /* eg_cell_kind of the cell's format */
    uint8_t hides;         /* EG_HIDES_* of the cell's format */
    uint8_t formula;       /* a FORMULA record's result */
    int value;             /* BOOL: 0/1; ERROR: Excel's error code; SST: index */
    uint32_t seq;          /* the record's place in the sheet: of two records
                            * for one cell, the later holds */
    double num;            /* NUM */
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
    int biff5;             /* Excel 5/95: texts are bytes of a code page */
    void *conv;            /* BIFF5: an iconv_t from its code page to UTF-8 */
    eg_biff_sheet *sheets;
    size_t n_sheets;
    uint8_t *xf_kind;      /* per XF record: eg_cell_kind */
    uint8_t *xf_hides;     /* per XF record: its format's EG_HIDES_* */
    size_t n_xf;
    char *sst_text;        /* the shared strings, UTF-8, each ending in NUL ... */
    uint32_t *sst_at;      /* ... string i at sst_text + sst_at[i] */
    size_t n_sst;
    eg_biff_cell *cells;   /* of the sheet read, by row then column */
    size_t n_cells;
    eg_merges merges;      /* the sheet's ranges merged over rows (MERGEDCELLS) */
    uint16_t *hidden_rows; /* the sheet's hidden rows (ROW records of zero height),
                            * 0-based, in order */
    size_t n_hidden_rows;
    unsigned char hidden_cols[256]; /* the sheet's hidden columns (COLINFO), 0-based */
    size_t n_hidden_cols;  /* 1 + the last hidden one, 0 when none */
    unsigned rows, cols;   /* the sheet read: 1 + its last row and column with a cell */
    int too_many_merges;   /* more than EG_MAX_MERGES of them: the sheet refused */
    int too_many_cells;    /* more than EG_BIFF_MAX_CELLS: the sheet refused */
} eg_biff;

/* The cells of a sheet held at most (at 32 bytes each); a worksheet of
 * Excel 97-2003 has up to 65,536 rows of 256 columns. */
#define EG_BIFF_MAX_CELLS ((size_t)1 << 22)

/* Reads the workbook globals of the .xls at path.  Returns 0; -1 when the
 * compound file is broken (cut short, damaged tables, a name longer than
 * its field, no workbook in it), holds a workbook older than BIFF5, names
 * a code page iconv does not know, or a text of its globals (a sheet's
 * name, a number format's code, the shared strings) runs past its
 * records; *why then says why in a few words (a static string, in the
 * clerk's words: it goes into E_XLS_BROKEN's message); -2 when the system
 * failed to open or read the file (errno says why).  A workbook with a
 * password gives 0 with encrypted set, and no sheet can be read. */
int eg_biff_open(eg_biff *b, const char *path, const char **why);

/* Reads sheet i (a position in b->sheets), in place of the sheet read
 * before; 0, or -1 with *why: its listed offset holds no sheet, it ends
 * before its end record, a text cell runs past its record or names no
 * shared string, a cell lies past the 256th column, or it has more than
 * EG_BIFF_MAX_CELLS cells (too_many_cells) or EG_MAX_MERGES merged ranges
 * (too_many_merges). */
int eg_biff_read_sheet(eg_biff *b, size_t i, const char **why);

/* The text of a STR or SST cell. */
const char *eg_biff_cell_text(const eg_biff *b, const eg_biff_cell *c);

/* The cell at (row, col) (0-based) of the sheet read, or NULL. */
const eg_biff_cell *eg_biff_cell_at(const eg_biff *b, unsigned row, unsigned col);

/* 1 when row (0-based) of the sheet read is hidden. */
int eg_biff_row_hidden(const eg_biff *b, unsigned row);

/* "#DIV/0!" and the others, for an error code; "#N/A" for an unknown one. */
const char *eg_biff_error_text(int code);

void eg_biff_free(eg_biff *b);

#endif
