/*
 * xlsx_priv.h - shared by the workbook writer's files (xlsx*.c); no other
 * module includes it.
 *
 * Every cell goes through the eg_xlsx_put_* helpers: they keep the first
 * libxlsxwriter error (later calls become no-ops), make text safe for the
 * file (valid UTF-8, within Excel's 32767 characters) and estimate the
 * column widths as they go.
 */
#ifndef EG_XLSX_PRIV_H
#define EG_XLSX_PRIV_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <xlsxwriter.h>

#include "core/buf.h"
#include "core/model.h"
#include "layout/layout.h"
#include "normalize/figures.h"
#include "write/manifest.h"

/* Sheet names, as the spec gives them; formulas quote them. */
#define EG_XLSX_SHEET_SUMMARY "Tổng hợp"
#define EG_XLSX_SHEET_DATA    "Dữ liệu"

/* Columns of Dữ liệu; the summary formulas read Cấp, Mã chỉ tiêu and
 * Giá trị. */
enum {
    EG_XD_YEAR, EG_XD_UNIT, EG_XD_NAME, EG_XD_LEVEL, EG_XD_PARENT, EG_XD_INDICATOR,
    EG_XD_LABEL, EG_XD_VALUE, EG_XD_FILE, EG_XD_ROW, EG_XD_NOTE, EG_XD_COUNT
};

/* The most values one Dữ liệu sheet holds: Excel's 1,048,576 rows less the
 * header.  Past it the data continues on `Dữ liệu (2)`, ... */
#define EG_XLSX_MAX_DATA_ROWS 1048575u
/* Above this many values the workbook is written in constant-memory mode
 * (see xlsx_data.c). */
#define EG_XLSX_STREAM_VALUES 100000u

/* The cells of a sheet's rows planned rather than given to libxlsxwriter
 * (the units' sheets, xlsx_units.c): what eg_xlsx_put_* would
 * have written, in the order written, for the rows' threads to make into
 * XML (xlsx_rows.c) and the splice to put after the header rows. */
enum { EG_XC_NUMBER, EG_XC_TEXT, EG_XC_BLANK, EG_XC_FORMULA };
typedef struct {
    union {                /* a cell: 24 bytes on a 64-bit system */
        double num;        /* NUMBER; FORMULA: its cached result */
        size_t text;       /* TEXT, streamed: where it starts in the sheet's texts */
        uint32_t sst;      /* TEXT, in memory: its number in the shared strings */
    };
    uint32_t row;          /* 0-based */
    uint16_t col;
    uint16_t a, b;         /* FORMULA: columns a / b of the same row (num NAN: "") */
    uint16_t style;        /* 0: none */
    uint8_t kind;
} eg_xcell;

typedef struct eg_xcells_sheet eg_xcells_sheet;

/* A text cell that wraps (the header and wrap formats), for its row's
 * height once the widths are known. */
typedef struct {
    lxw_row_t row;
    lxw_col_t col;
    size_t chars;
} eg_xwrapped;

typedef struct {
    lxw_worksheet *ws;
    size_t n_cols;
    double *width;         /* per column, in characters */
    eg_xcells_sheet *cells; /* not NULL: the cells go there, not to ws */
    eg_xwrapped *wrapped;  /* in memory only (a streamed row is gone) */
    size_t n_wrapped, cap_wrapped;
} eg_xsheet;

/* A block of Dữ liệu rows (xlsx_rows.c): their XML, len bytes with CRC-32
 * crc, deflated into z_len bytes of z that end with a sync flush. */
typedef struct {
    unsigned char *z;
    size_t z_len, len;
    uint32_t crc;
} eg_xblock;

/* One Dữ liệu sheet: values [first, first + n) of the dataset, in rows
 * 2 .. n + 1; the sheet's number among the worksheets (1 for the first,
 * as in xl/worksheets/sheet1.xml); and, when we write its rows ourselves,
 * their blocks, the widths they need and the styles of their numbers. */
typedef struct {
    char name[48];
    size_t first, n;
    size_t sheet_no;
    eg_xblock *blocks;
    size_t n_blocks;
    double width[EG_XD_COUNT];
    int style_pct, style_count;
    /* in memory (not streamed): the texts of its cells entered in
     * libxlsxwriter's shared strings, which the rows refer to; NULL:
     * the rows hold their texts inline */
    struct eg_xshared *shared;
} eg_xdata_sheet;

/* A sheet whose rows are planned cells: its number among the worksheets,
 * its columns, the rows libxlsxwriter writes (1 .. header_rows); its cells
 * in order, row by row; and, once planned, their XML made and deflated in
 * blocks of rows as Dữ liệu's are (block b: cells first[b] ..
 * first[b + 1] - 1, the last one to the end). */
struct eg_xcells_sheet {
    size_t sheet_no;
    size_t n_cols, header_rows;
    eg_xcell *cells;
    size_t n_cells, cap;
    /* streamed (constant-memory mode), where libxlsxwriter writes texts
     * inline: the texts of the TEXT cells as eg_xlsx_safe_text made them,
     * each ended by a NUL */
    int inline_text;
    eg_buf texts;
    eg_xblock *blocks;
    size_t *first;
    size_t n_blocks;
};

/* A number libxlsxwriter printed with "%.16G", which does not read back
 * as the double it was given: the splice writes it again as
 * eg_xlsx_fmt_double does (sheet: its number among the worksheets). */
typedef struct {
    size_t sheet_no;
    lxw_row_t row;
    lxw_col_t col;
    double v;
} eg_xfix;

/* The shortest of v's "%.15G", "%.16G", "%.17G" that strtod reads back as
 * v, in buf (at least 32 bytes); its length.  Whole numbers up to 2^53
 * are written as integers. */
size_t eg_xlsx_fmt_double(char *buf, double v);

/* 1 when "%.16G" (what libxlsxwriter prints) reads back as v. */
int eg_xlsx_16g_exact(double v);

/* The units' sheets whose rows are planned cells, at most. */
#define EG_XLSX_MAX_CELL_SHEETS 3

/* The making of the rows' blocks, by threads of their own (xlsx_rows.c). */
struct eg_xrows;

/* The most threads that make the rows of Dữ liệu. */
#define EG_XLSX_MAX_JOBS 8

typedef struct {
    lxw_workbook *wb;
    const eg_dataset *ds;
    const eg_layouts *L;
    const eg_results *res;
    const eg_manifest *inputs;  /* the year folder's files, hashed (or NULL) */
    lxw_error err;         /* the first failure, LXW_NO_ERROR until then */
    char what[200];        /* what was being written when it failed */
    /* constant-memory mode: every sheet is written row by row, in order */
    int stream;
    eg_xdata_sheet *data;  /* the Dữ liệu sheets, at least one */
    size_t n_data;
    /* 1: the rows of Dữ liệu are ours (xlsx_rows.c), spliced into the file
     * after libxlsxwriter wrote it (xlsx_splice.c); 0: libxlsxwriter writes
     * them (the reference, EGREPORT_XLSX_LXW_ROWS=1) */
    int own_rows;
    size_t problem_rows;   /* Kiểm tra's rows of problems at most (a sheet's rows) */
    int jobs;
    /* with own_rows: the units' sheets' rows as planned cells */
    eg_xcells_sheet cell_sheets[EG_XLSX_MAX_CELL_SHEETS];
    size_t n_cell_sheets;
    /* while Tổng hợp is written: the dataset's values of each indicator k,
     * in its order, values_of[values_at[k] .. values_at[k + 1]) */
    uint32_t *values_of;
    size_t *values_at;
    /* numbers libxlsxwriter wrote inexactly, to be written again */
    eg_xfix *fix;
    size_t n_fix, cap_fix;
    /* formats */
    lxw_format *title, *header, *section, *bold, *wrap;
    lxw_format *count, *signed_count, *pct, *points, *dec2, *dec, *signed_dec, *yesno, *missing;
    lxw_format *below;
} eg_xctx;

/* Records err (when it is the first) with a description of the step. */
void eg_xlsx_check(eg_xctx *x, lxw_error err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Adds a worksheet of n_cols columns; sh->ws is NULL after a failure. */
void eg_xlsx_sheet_begin(eg_xctx *x, eg_xsheet *sh, const char *name, size_t n_cols);
/* Sets the column widths (estimated, at most cap_width characters), the
 * frozen panes (header rows, and frozen_cols columns), the print setup
 * (landscape A4, fit to width, header rows repeated), and frees sh. */
void eg_xlsx_sheet_finish(eg_xctx *x, eg_xsheet *sh, lxw_row_t header_rows,
                          lxw_col_t frozen_cols, size_t cap_width);
/* Writes a row of column names in the header format. */
void eg_xlsx_header_row(eg_xctx *x, eg_xsheet *sh, lxw_row_t row,
                        const char *const *names, size_t n);

/* Text, always as a string cell, whatever it starts with.  NULL or ""
 * writes a blank cell (with fmt, when given). */
void eg_xlsx_put_text(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, lxw_col_t col,
                      const char *s, lxw_format *fmt);
/* A number; a value that is not finite is left blank. */
void eg_xlsx_put_number(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, lxw_col_t col,
                        double v, lxw_format *fmt);
/* A formula with its cached result (what a recalculation gives). */
void eg_xlsx_put_formula(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, lxw_col_t col,
                         const char *formula, double cached, lxw_format *fmt);
/* A formula whose cached result is a text ("" for a figure without a
 * value); not in planned rows. */
void eg_xlsx_put_formula_text(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, lxw_col_t col,
                              const char *formula, const char *cached, lxw_format *fmt);
void eg_xlsx_put_blank(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, lxw_col_t col,
                       lxw_format *fmt);
/* The quotient of columns a and b of the same row, where both hold a
 * number and b's is above 0, else "" (eg_xlsx_ratio_formula), with its
 * cached result: NAN for "" (the unit lacks a part).  A formula in
 * every row, so that a part typed in, or taken out, on the sheet moves
 * the rate; eg_xlsx_put_formula(_text), or a planned cell. */
void eg_xlsx_put_ratio(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, lxw_col_t col, lxw_col_t a,
                       lxw_col_t b, double cached, lxw_format *fmt);
/* That formula's text at 0-based row: IF(AND(ISNUMBER(E3),ISNUMBER(F3),
 * F3>0),E3/F3,""), its '>' written as gt (">", or "&gt;" in XML); its
 * length. */
size_t eg_xlsx_ratio_formula(char *out, size_t cap, unsigned long row, lxw_col_t a, lxw_col_t b,
                             const char *gt);

/* s as the file may hold it: NULL when s can go as it is, else a new copy
 * with invalid UTF-8 (and the non-characters XML refuses) replaced by
 * U+FFFD and cut to 32,000 characters and a "…" (Excel holds 32,767).  *n_chars gets the characters of what
 * is written (the column width counts them). */
char *eg_xlsx_safe_text(const char *s, size_t *n_chars);
/* The characters a number takes in its format, roughly. */
double eg_xlsx_number_width(double v, const lxw_format *fmt, const eg_xctx *x);

/* The format of a number in Giá trị of Dữ liệu: percent, count, or none. */
lxw_format *eg_xlsx_value_format(const eg_xctx *x, const eg_indicator *ind);

/* The number Dữ liệu holds in Giá trị for a value: 1 and *out set, or 0
 * when it holds text there (enum option codes, text). */
int eg_xlsx_data_number(const eg_indicator *ind, const eg_value *v, double *out);

/* 1 when name may be a workbook defined name or a table name: ASCII
 * letters, digits and '_', starting with a letter or '_', at most 255
 * bytes, and not readable as a cell reference (A1, XFD1048576, R1C1, R, C). */
int eg_xlsx_name_valid(const char *name);

/* The cells of column col from row first to last (1-based): `H2:H9`, or
 * `$H$2:$H$9` when absolute. */
void eg_xlsx_range(char *buf, size_t cap, lxw_col_t col, size_t first, size_t last,
                   int absolute);

/* Conditional formats: a data bar from 0 to `max`, and the
 * highlight of numbers under `limit` (nothing when limit <= 0), over the
 * cells of `sqref` ("C4:C9 C12"), whose first cell is row, col. */
void eg_xlsx_data_bar(eg_xctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                      const char *sqref, double max);
void eg_xlsx_highlight_below(eg_xctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                             const char *sqref, double limit);
/* The highlight where the formula rule holds ("=AND(ISNUMBER(J2),$A2=
 * \"Cấp huyện\",J2<124)"), its references those of the first cell. */
void eg_xlsx_highlight_rule(eg_xctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                            const char *sqref, const char *rule);

/* Tổng hợp, with its formulas over Dữ liệu and the defined names of the
 * headline figures (xlsx_summary.c). */
void eg_xlsx_write_summary(eg_xctx *x);
/* Xếp hạng, with its formulas and a bar chart per ranking (xlsx_rank.c). */
void eg_xlsx_write_rankings(eg_xctx *x);
/* Sở ban ngành, Huyện, Xã (xlsx_units.c). */
void eg_xlsx_write_units(eg_xctx *x, const char *sheet, eg_level level);
/* Splits the values into Dữ liệu sheets of at most per_sheet rows, and
 * writes them (xlsx_data.c). */
void eg_xlsx_data_plan(eg_xctx *x, size_t per_sheet);
void eg_xlsx_write_data(eg_xctx *x);
/* The rows of Dữ liệu sheet d, ours (xlsx_rows.c), in three steps (the
 * units' sheets' planned cells are made into blocks by the same threads).
 * _plan, while the sheet is written: the styles of its numbers (asked of
 * libxlsxwriter now, in the order it would ask), in memory its texts
 * (entered in the shared strings now, in the order of their cells, as
 * worksheet_write_string would), the widths its columns need, its
 * blocks.  _start, once every sheet is planned (the units' sheets' cells
 * are then cut into their blocks): x->jobs threads
 * begin making every sheet's blocks (XML, deflated) while libxlsxwriter
 * writes the file.  _finish, before the splice: this thread helps, then
 * waits; -1 when zlib failed.  The same blocks whatever the threads. */
void eg_xlsx_rows_plan(eg_xctx *x, eg_xdata_sheet *d);
struct eg_xrows *eg_xlsx_rows_start(eg_xctx *x);
int eg_xlsx_rows_finish(struct eg_xrows *rows);
void eg_xlsx_rows_free(eg_xdata_sheet *d);
/* The units' sheet of the next planned rows: NULL when there is no room
 * (the sheet's rows then go to libxlsxwriter). */
eg_xcells_sheet *eg_xlsx_cells_sheet(eg_xctx *x, const eg_xsheet *sh, size_t header_rows);
void eg_xlsx_cells_free(eg_xcells_sheet *c);

/* A sheet whose rows the splice puts in after the header rows
 * libxlsxwriter wrote: its part (sheetN.xml), its columns, those rows
 * (1 .. header_rows), all its rows, the deflated blocks of the others. */
typedef struct {
    size_t sheet_no;
    size_t n_cols, header_rows, rows;
    const eg_xblock *blocks;
    size_t n_blocks;
} eg_xspliced;

/* Puts the rows of those sheets into the workbook at path, which
 * libxlsxwriter wrote with their header rows only (xlsx_splice.c).  -1
 * with what went wrong in why. */
int eg_xlsx_splice(const char *path, const eg_xspliced *sheets, size_t n,
                   const eg_xfix *fix, size_t n_fix, char *why, size_t why_cap);

#endif
