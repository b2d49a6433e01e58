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
#include <xlsxwriter.h>

#include "core/model.h"
#include "layout/layout.h"
#include "normalize/figures.h"

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

typedef struct {
    lxw_worksheet *ws;
    size_t n_cols;
    double *width;         /* per column, in characters */
} eg_xsheet;

/* One Dữ liệu sheet: values [first, first + n) of the dataset, in rows
 * 2 .. n + 1. */
typedef struct {
    char name[48];
    size_t first, n;
} eg_xdata_sheet;

typedef struct {
    lxw_workbook *wb;
    const eg_dataset *ds;
    const eg_layouts *L;
    const eg_results *res;
    lxw_error err;         /* the first failure, LXW_NO_ERROR until then */
    char what[200];        /* what was being written when it failed */
    /* constant-memory mode: every sheet is written row by row, in order */
    int stream;
    eg_xdata_sheet *data;  /* the Dữ liệu sheets, at least one */
    size_t n_data;
    /* formats */
    lxw_format *title, *header, *section, *bold, *wrap;
    lxw_format *count, *pct, *points, *dec2, *dec, *yesno, *missing, *below;
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
void eg_xlsx_put_blank(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, lxw_col_t col,
                       lxw_format *fmt);

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

#endif
