/*
 * xlsx.c - the analysts' workbook: the common cell helpers, the
 * conditional formats, Kiểm tra and Thông tin, the formats and document
 * properties, and the one entry point.  Tổng hợp is xlsx_summary.c,
 * Xếp hạng xlsx_rank.c, the unit sheets xlsx_units.c, Dữ liệu xlsx_data.c.
 *
 * libxlsxwriter builds the workbook in memory (or, for large data, streams
 * each sheet's rows to a temporary file) and writes the file at
 * workbook_close().  Its errors are kept in the context (the first one
 * wins, later writes are skipped) and turned into one F_XLSX diagnostic.
 */
#include "write/xlsx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

#include "core/mem.h"
#include "core/number.h"
#include "core/sha256.h"
#include "core/strmap.h"
#include "core/text.h"
#include "write/deflate_level.h"
#include "write/lxw_said.h"
#include "write/xlsx_priv.h"

#ifndef EG_VERSION
#define EG_VERSION "0.0.0"
#endif

/* Excel's limit is 32767 characters a cell; keep room for the mark. */
#define TEXT_MAX_CHARS 32000

#define GREY_FILL    0xD9D9D9
#define SECTION_FILL 0xDDEBF7
#define MISSING_FILL 0xFFF2CC
#define BELOW_FILL   0xFFC7CE
#define BELOW_FONT   0x9C0006
#define BAR_COLOR    0x63BE7B

/* --- errors and cells ---------------------------------------------------- */

void eg_xlsx_check(eg_xctx *x, lxw_error err, const char *fmt, ...)
{
    va_list ap;

    if (err == LXW_NO_ERROR || x->err != LXW_NO_ERROR)
        return;
    x->err = err;
    va_start(ap, fmt);
    vsnprintf(x->what, sizeof x->what, fmt, ap);
    va_end(ap);
}

/* Cut to TEXT_MAX_CHARS characters (above). */
char *eg_xlsx_safe_text(const char *s, size_t *n_chars)
{
    size_t n = 0, chars = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s, *end;
    char *out, *o;
    int clean = 1;

    /* Codes, numbers, file names: plain ASCII is the common case. */
    while (s[n] && !(s[n] & 0x80))
        n++;
    if (!s[n] && n <= TEXT_MAX_CHARS) {
        *n_chars = n;
        return NULL;
    }
    n += strlen(s + n);
    end = p + n;
    for (const utf8proc_uint8_t *q = p; q < end && clean; chars++) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(q, end - q, &cp);

        if (k < 0 || cp == 0xFFFE || cp == 0xFFFF)
            clean = 0;
        else
            q += k;
    }
    if (clean && chars <= TEXT_MAX_CHARS) {
        *n_chars = chars;
        return NULL;
    }
    o = out = eg_xmalloc(3 * n + 8);
    for (chars = 0; p < end && chars < TEXT_MAX_CHARS; chars++) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, end - p, &cp);

        if (k < 0 || cp == 0xFFFE || cp == 0xFFFF) {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
            p += k < 0 ? 1 : k;
        } else {
            memcpy(o, p, (size_t)k);
            o += k;
            p += k;
        }
    }
    if (p < end) {
        memcpy(o, "\xE2\x80\xA6", 3);  /* … */
        o += 3;
        chars++;
    }
    *o = '\0';
    *n_chars = chars;
    return out;
}

static void widen(eg_xsheet *sh, lxw_col_t col, double w)
{
    if (col < sh->n_cols && w > sh->width[col])
        sh->width[col] = w;
}

/* --- planned cells (xlsx_priv.h eg_xcells_sheet) ----------------------- */

eg_xcells_sheet *eg_xlsx_cells_sheet(eg_xctx *x, const eg_xsheet *sh, size_t header_rows)
{
    eg_xcells_sheet *c;

    if (!x->own_rows || x->err || !sh->ws || x->n_cell_sheets == EG_XLSX_MAX_CELL_SHEETS)
        return NULL;
    c = &x->cell_sheets[x->n_cell_sheets++];
    memset(c, 0, sizeof *c);
    c->inline_text = x->stream;
    c->sheet_no = (size_t)sh->ws->index + 1;
    c->n_cols = sh->n_cols;
    c->header_rows = header_rows;
    return c;
}

void eg_xlsx_cells_free(eg_xcells_sheet *c)
{
    free(c->cells);
    free(c->texts.p);
    for (size_t k = 0; k < c->n_blocks; k++)
        free(c->blocks[k].z);
    free(c->blocks);
    free(c->first);
    memset(c, 0, sizeof *c);
}

/* A planned cell at row, col of format fmt, where libxlsxwriter would
 * have put one; NULL (and x->err set, as libxlsxwriter would refuse it)
 * past a sheet's last row or column. */
static eg_xcell *plan_cell(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, lxw_col_t col, int kind,
                           lxw_format *fmt)
{
    eg_xcells_sheet *c = sh->cells;
    eg_xcell *e;

    if (row >= LXW_ROW_MAX || col >= LXW_COL_MAX) {
        eg_xlsx_check(x, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, "writing row %lu, column %u",
                      (unsigned long)row + 1, (unsigned)col + 1);
        return NULL;
    }
    if (c->n_cells == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 1024;
        c->cells = eg_xrealloc(c->cells, c->cap * sizeof *c->cells);
    }
    e = &c->cells[c->n_cells++];
    memset(e, 0, sizeof *e);
    e->row = row;
    e->col = col;
    e->kind = (uint8_t)kind;
    /* asked now, in the order of the cells, as Dữ liệu's plan asks */
    e->style = fmt ? (uint16_t)lxw_format_get_xf_index(fmt) : 0;
    return e;
}

/* Text s (not "", as eg_xlsx_safe_text made it): in memory, entered in
 * the shared strings as worksheet_write_string enters it; streamed, kept
 * with the sheet's texts, to be written inline as libxlsxwriter's
 * constant-memory mode writes it. */
static lxw_error plan_text(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, lxw_col_t col,
                           const char *s, lxw_format *fmt)
{
    eg_xcells_sheet *c = sh->cells;
    struct sst_element *el;
    eg_xcell *e;

    if (c->inline_text) {
        if ((e = plan_cell(x, sh, row, col, EG_XC_TEXT, fmt)) != NULL) {
            e->text = c->texts.n;
            eg_buf_put(&c->texts, s, strlen(s) + 1);
        }
        return LXW_NO_ERROR;
    }
    if (!(el = lxw_get_sst_index(x->wb->sst, s, LXW_FALSE)))
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    if ((e = plan_cell(x, sh, row, col, EG_XC_TEXT, fmt)) != NULL)
        e->sst = (uint32_t)el->index;
    return LXW_NO_ERROR;
}

void eg_xlsx_put_text(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, lxw_col_t col,
                      const char *s, lxw_format *fmt)
{
    char *copy;
    size_t chars;

    if (x->err || !sh->ws)
        return;
    if (!s || !*s) {
        eg_xlsx_put_blank(x, sh, row, col, fmt);
        return;
    }
    copy = eg_xlsx_safe_text(s, &chars);
    eg_xlsx_check(x, sh->cells ? plan_text(x, sh, row, col, copy ? copy : s, fmt)
                               : worksheet_write_string(sh->ws, row, col, copy ? copy : s, fmt),
                  "writing text at row %u, column %u", (unsigned)row + 1, (unsigned)col + 1);
    widen(sh, col, (double)chars);
    free(copy);
    if (fmt && (fmt == x->header || fmt == x->wrap) && !sh->cells && !x->stream) {
        if (sh->n_wrapped == sh->cap_wrapped) {
            sh->cap_wrapped = sh->cap_wrapped ? 2 * sh->cap_wrapped : 64;
            sh->wrapped = eg_xrealloc(sh->wrapped, sh->cap_wrapped * sizeof *sh->wrapped);
        }
        sh->wrapped[sh->n_wrapped++] = (eg_xwrapped){ row, col, chars };
    }
}

static int by_row(const void *pa, const void *pb)
{
    const eg_xwrapped *a = pa, *b = pb;

    return a->row < b->row ? -1 : a->row > b->row;
}

/* The heights of the rows whose wrapped texts take more than a line at
 * the columns' widths (w, in widths of '0'): Excel fits such a row when
 * the file opens, LibreOffice does not, and showed the first line
 * alone.  In the 11-point Calibri (or Carlito) a width unit is 7 pixels
 * and 5 of a column's go to its margins; a letter of Vietnamese text
 * takes 5.3 pixels on average, bold a little more: 5.6 is reckoned, and
 * three letters a line lost to the wrap between words; 15 points a line. */
static void set_wrapped_heights(eg_xctx *x, eg_xsheet *sh, const double *w)
{
    if (sh->n_wrapped)
        qsort(sh->wrapped, sh->n_wrapped, sizeof *sh->wrapped, by_row);
    for (size_t i = 0; i < sh->n_wrapped && !x->err;) {
        lxw_row_t row = sh->wrapped[i].row;
        size_t lines = 1;

        for (; i < sh->n_wrapped && sh->wrapped[i].row == row; i++) {
            const eg_xwrapped *c = &sh->wrapped[i];
            double room = (c->col < sh->n_cols ? w[c->col] * 7 - 5 : 51) / 5.6 - 3;
            size_t k = (size_t)ceil((double)c->chars / (room > 1 ? room : 1));

            if (k > lines)
                lines = k;
        }
        if (lines > 27)
            lines = 27;        /* 405 points: Excel's tallest row is 409 */
        if (lines > 1)
            eg_xlsx_check(x, worksheet_set_row(sh->ws, row, 15.0 * (double)lines, NULL),
                          "setting the height of row %u", (unsigned)row + 1);
    }
}

double eg_xlsx_number_width(double v, const lxw_format *fmt, const eg_xctx *x)
{
    double a = fabs(v);
    int n = 1;

    /* the digits of its whole part, as "%.0f" would print them */
    if (a >= 1e15) {
        char buf[400];

        n = snprintf(buf, sizeof buf, "%.0f", a);
    } else {
        for (long long w = llround(a); w >= 10; w /= 10)
            n++;
    }

    if (fmt == x->pct || fmt == x->points)
        return n + 5;
    if (fmt == x->dec2 || fmt == x->dec || fmt == x->signed_dec)
        return n + n / 3 + 3 + (fmt == x->signed_dec);
    if (fmt == x->count || fmt == x->signed_count)
        return n + n / 3 + (fmt == x->signed_count);
    return v == floor(v) ? n : n + 6;
}

/* A number libxlsxwriter is about to print with "%.16G": when that does
 * not read back as v, the splice writes it again (eg_xfix). */
static void note_inexact(eg_xctx *x, const eg_xsheet *sh, lxw_row_t row, lxw_col_t col,
                         double v)
{
    if (eg_xlsx_16g_exact(v))
        return;
    if (x->n_fix == x->cap_fix) {
        x->cap_fix = x->cap_fix ? 2 * x->cap_fix : 64;
        x->fix = eg_xrealloc(x->fix, x->cap_fix * sizeof *x->fix);
    }
    x->fix[x->n_fix++] = (eg_xfix){ (size_t)sh->ws->index + 1, row, col, v };
}

void eg_xlsx_put_number(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, lxw_col_t col,
                        double v, lxw_format *fmt)
{
    if (x->err || !sh->ws)
        return;
    if (!isfinite(v)) {
        eg_xlsx_put_blank(x, sh, row, col, fmt);
        return;
    }
    if (sh->cells) {
        eg_xcell *e = plan_cell(x, sh, row, col, EG_XC_NUMBER, fmt);

        if (e)
            e->num = v;
    } else {
        eg_xlsx_check(x, worksheet_write_number(sh->ws, row, col, v, fmt),
                      "writing a number at row %u, column %u", (unsigned)row + 1,
                      (unsigned)col + 1);
        note_inexact(x, sh, row, col, v);
    }
    widen(sh, col, eg_xlsx_number_width(v, fmt, x));
}

/* Planned rows (sh->cells) hold ratios (eg_xlsx_put_ratio), no other
 * formula: 1 after saying so, else 0. */
static int planned_refuses_formula(eg_xctx *x, const eg_xsheet *sh, lxw_row_t row,
                                   lxw_col_t col)
{
    if (!sh->cells)
        return 0;
    eg_xlsx_check(x, LXW_ERROR_PARAMETER_VALIDATION,
                  "writing the formula at row %u, column %u: planned rows take a ratio "
                  "(eg_xlsx_put_ratio), no formula", (unsigned)row + 1, (unsigned)col + 1);
    return 1;
}

void eg_xlsx_put_formula(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, lxw_col_t col,
                         const char *formula, double cached, lxw_format *fmt)
{
    if (x->err || !sh->ws)
        return;
    if (!isfinite(cached)) {
        eg_xlsx_put_blank(x, sh, row, col, fmt);
        return;
    }
    if (planned_refuses_formula(x, sh, row, col))
        return;
    eg_xlsx_check(x, worksheet_write_formula_num(sh->ws, row, col, formula, fmt, cached),
                  "writing the formula at row %u, column %u", (unsigned)row + 1,
                  (unsigned)col + 1);
    note_inexact(x, sh, row, col, cached);
    widen(sh, col, eg_xlsx_number_width(cached, fmt, x));
}

void eg_xlsx_put_formula_text(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, lxw_col_t col,
                              const char *formula, const char *cached, lxw_format *fmt)
{
    if (x->err || !sh->ws)
        return;
    if (planned_refuses_formula(x, sh, row, col))
        return;
    eg_xlsx_check(x, worksheet_write_formula_str(sh->ws, row, col, formula, fmt, cached),
                  "writing the formula at row %u, column %u", (unsigned)row + 1,
                  (unsigned)col + 1);
}

size_t eg_xlsx_ratio_formula(char *out, size_t cap, unsigned long row, lxw_col_t a, lxw_col_t b,
                             const char *gt)
{
    char fa[16], fb[16];
    int n;

    lxw_col_to_name(fa, a, 0);
    lxw_col_to_name(fb, b, 0);
    n = snprintf(out, cap, "IF(AND(ISNUMBER(%s%lu),ISNUMBER(%s%lu),%s%lu%s0),%s%lu/%s%lu,\"\")",
                 fa, row + 1, fb, row + 1, fb, row + 1, gt, fa, row + 1, fb, row + 1);
    return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

void eg_xlsx_put_ratio(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, lxw_col_t col, lxw_col_t a,
                       lxw_col_t b, double cached, lxw_format *fmt)
{
    char formula[128];
    eg_xcell *e;

    if (x->err || !sh->ws)
        return;
    if (!sh->cells) {
        eg_xlsx_ratio_formula(formula, sizeof formula, (unsigned long)row, a, b, ">");
        if (isfinite(cached))
            eg_xlsx_put_formula(x, sh, row, col, formula, cached, fmt);
        else
            eg_xlsx_put_formula_text(x, sh, row, col, formula, "", fmt);
        return;
    }
    e = plan_cell(x, sh, row, col, EG_XC_FORMULA, fmt);
    if (e) {
        e->num = isfinite(cached) ? cached : NAN;
        e->a = a;
        e->b = b;
    }
    if (isfinite(cached))
        widen(sh, col, eg_xlsx_number_width(cached, fmt, x));
}

void eg_xlsx_put_blank(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, lxw_col_t col,
                       lxw_format *fmt)
{
    if (x->err || !sh->ws || !fmt)
        return;
    if (sh->cells) {
        plan_cell(x, sh, row, col, EG_XC_BLANK, fmt);
        return;
    }
    eg_xlsx_check(x, worksheet_write_blank(sh->ws, row, col, fmt),
                  "writing a blank cell at row %u, column %u", (unsigned)row + 1,
                  (unsigned)col + 1);
}

void eg_xlsx_header_row(eg_xctx *x, eg_xsheet *sh, lxw_row_t row,
                        const char *const *names, size_t n)
{
    for (size_t c = 0; c < n; c++) {
        /* Header cells wrap: a long name widens its column to 18 at most. */
        double keep = sh->width[c] > 18 ? sh->width[c] : 18;

        eg_xlsx_put_text(x, sh, row, (lxw_col_t)c, names[c], x->header);
        if (c < sh->n_cols && sh->width[c] > keep)
            sh->width[c] = keep;
    }
}

int eg_xlsx_name_valid(const char *name)
{
    size_t n = name ? strlen(name) : 0, letters = 0, digits = 0;

    if (n == 0 || n > 255)
        return 0;
    if (!((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z') ||
          name[0] == '_'))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((name[i] >= 'A' && name[i] <= 'Z') || (name[i] >= 'a' && name[i] <= 'z') ||
              (name[i] >= '0' && name[i] <= '9') || name[i] == '_'))
            return 0;
    /* R and C alone, and R1C1 style references. */
    if (n == 1 && (name[0] == 'R' || name[0] == 'r' || name[0] == 'C' || name[0] == 'c'))
        return 0;
    if (name[0] == 'R' || name[0] == 'r') {
        size_t i = 1;

        while (i < n && name[i] >= '0' && name[i] <= '9')
            i++;
        if (i < n && (name[i] == 'C' || name[i] == 'c')) {
            i++;
            while (i < n && name[i] >= '0' && name[i] <= '9')
                i++;
            if (i == n)
                return 0;
        }
    }
    /* A1 style: up to three letters then digits (XFD1048576 at most, but
     * anything of that shape is refused). */
    while (letters < n && ((name[letters] >= 'A' && name[letters] <= 'Z') ||
                           (name[letters] >= 'a' && name[letters] <= 'z')))
        letters++;
    while (letters + digits < n && name[letters + digits] >= '0' && name[letters + digits] <= '9')
        digits++;
    if (letters >= 1 && letters <= 3 && digits >= 1 && letters + digits == n)
        return 0;
    return 1;
}

int eg_xlsx_data_number(const eg_indicator *ind, const eg_value *v, double *out)
{
    switch (ind->type) {
    case EG_TYPE_COUNT:
    case EG_TYPE_MONEY:
        *out = (double)v->i;
        return 1;
    case EG_TYPE_NUMBER:
    case EG_TYPE_SCORE:
        *out = v->d;
        return 1;
    case EG_TYPE_PERCENT:
        *out = eg_percent_fraction(v->d);   /* 84,04 % as typed -> 0.8404 */
        return 1;
    case EG_TYPE_BOOL:
        *out = v->i ? 1 : 0;
        return 1;
    case EG_TYPE_ENUM:
    case EG_TYPE_TEXT:
        break;
    }
    return 0;
}

/* --- sheets ---------------------------------------------------------- */

void eg_xlsx_sheet_begin(eg_xctx *x, eg_xsheet *sh, const char *name, size_t n_cols)
{
    lxw_error err;

    sh->ws = NULL;
    sh->cells = NULL;
    sh->wrapped = NULL;
    sh->n_wrapped = sh->cap_wrapped = 0;
    sh->n_cols = n_cols;
    sh->width = eg_xcalloc(n_cols ? n_cols : 1, sizeof *sh->width);
    if (x->err)
        return;
    err = workbook_validate_sheet_name(x->wb, name);
    if (err == LXW_NO_ERROR) {
        sh->ws = workbook_add_worksheet(x->wb, name);
        /* Streamed, a sheet starts with its temporary file. */
        if (!sh->ws)
            err = x->stream ? LXW_ERROR_CREATING_TMPFILE : LXW_ERROR_MEMORY_MALLOC_FAILED;
    }
    eg_xlsx_check(x, err, "adding the sheet %s", name);
}

void eg_xlsx_sheet_finish(eg_xctx *x, eg_xsheet *sh, lxw_row_t header_rows,
                          lxw_col_t frozen_cols, size_t cap_width)
{
    if (sh->ws && !x->err) {
        for (size_t c = 0; c < sh->n_cols && !x->err; c++) {
            double w = sh->width[c] * 1.1 + 2;

            if (w < 8)
                w = 8;
            if (w > (double)cap_width)
                w = (double)cap_width;
            sh->width[c] = w;
            eg_xlsx_check(x, worksheet_set_column(sh->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL),
                          "setting the width of column %zu", c + 1);
        }
        set_wrapped_heights(x, sh, sh->width);
        if (header_rows) {
            worksheet_freeze_panes(sh->ws, header_rows, frozen_cols);
            eg_xlsx_check(x, worksheet_repeat_rows(sh->ws, 0, header_rows - 1),
                          "repeating the header rows");
        }
        worksheet_set_landscape(sh->ws);
        worksheet_set_paper(sh->ws, 9);  /* A4 */
        worksheet_fit_to_pages(sh->ws, 1, 0);
    }
    free(sh->width);
    sh->width = NULL;
    free(sh->wrapped);
    sh->wrapped = NULL;
    sh->n_wrapped = sh->cap_wrapped = 0;
}

void eg_xlsx_range(char *buf, size_t cap, lxw_col_t col, size_t first, size_t last,
                   int absolute)
{
    char name[16];

    lxw_col_to_name(name, col, 0);
    if (absolute)
        snprintf(buf, cap, "$%s$%zu:$%s$%zu", name, first, name, last);
    else if (first == last)
        snprintf(buf, cap, "%s%zu", name, first);
    else
        snprintf(buf, cap, "%s%zu:%s%zu", name, first, name, last);
}

/* --- conditional formats ---------------------------------------------- */

/* Excel 2007 data bars: the 2010 kind lives in an extension list that
 * some readers (openpyxl) warn about and drop. */
void eg_xlsx_data_bar(eg_xctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                      const char *sqref, double max)
{
    lxw_conditional_format cf;

    if (x->err || !ws)
        return;
    memset(&cf, 0, sizeof cf);
    cf.type = LXW_CONDITIONAL_DATA_BAR;
    cf.min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
    cf.min_value = 0;
    cf.max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
    cf.max_value = max;
    cf.bar_color = BAR_COLOR;
    cf.multi_range = (char *)sqref;
    eg_xlsx_check(x, worksheet_conditional_format_range(ws, row, col, row, col, &cf),
                  "adding data bars to %s", sqref);
}

void eg_xlsx_highlight_rule(eg_xctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                            const char *sqref, const char *rule)
{
    lxw_conditional_format cf;

    if (x->err || !ws)
        return;
    memset(&cf, 0, sizeof cf);
    cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
    cf.value_string = (char *)rule;
    cf.format = x->below;
    cf.multi_range = (char *)sqref;
    eg_xlsx_check(x, worksheet_conditional_format_range(ws, row, col, row, col, &cf),
                  "highlighting %s", sqref);
}

/* A formula rule, so that blank cells (which compare as 0) stay plain:
 * AND(ISNUMBER(C4),C4<0.8) for the first cell, relative for the rest. */
void eg_xlsx_highlight_below(eg_xctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                             const char *sqref, double limit)
{
    char cell[24], rule[96];

    if (!(limit > 0))
        return;
    lxw_rowcol_to_cell(cell, row, col);
    snprintf(rule, sizeof rule, "=AND(ISNUMBER(%s),%s<%.15g)", cell, cell, limit);
    eg_xlsx_highlight_rule(x, ws, row, col, sqref, rule);
}

/* Kiểm tra: the validation list as validation.csv has it, as far as a
 * sheet holds it (1,048,574 problems, or EGREPORT_XLSX_PROBLEM_ROWS):
 * then a last row says how many more validation.csv lists. */
static void write_problems(eg_xctx *x, const eg_diag_list *problems)
{
    static const char *const names[] = {
        "Mức độ", "Mã lỗi", "Tệp", "Dòng", "Cột", "Mã đơn vị", "Chỉ tiêu", "Nội dung"
    };
    eg_xsheet sh;
    lxw_row_t row = 1;

    eg_xlsx_sheet_begin(x, &sh, "Kiểm tra", 8);
    eg_xlsx_header_row(x, &sh, 0, names, 8);
    for (size_t i = 0; problems && i < problems->n && sh.ws; i++, row++) {
        const eg_diag *d = &problems->items[i];

        if (i == x->problem_rows) {
            char more[160], n[32];
            size_t left = 0;

            for (size_t k = i; k < problems->n; k++)
                left += eg_diag_weight(&problems->items[k]);    /* "… N more" lines: N */
            eg_fmt_int(n, sizeof n, (long long)left);
            snprintf(more, sizeof more,
                     "… và %s vấn đề nữa, quá số dòng một trang tính chứa được: xem validation.csv",
                     n);
            eg_xlsx_put_text(x, &sh, row++, 7, more, NULL);
            break;
        }
        eg_xlsx_put_text(x, &sh, row, 0,
                         d->severity == EG_WARNING ? "cảnh báo"
                         : d->severity == EG_ERROR ? "lỗi" : "lỗi nghiêm trọng", NULL);
        eg_xlsx_put_text(x, &sh, row, 1, d->code, NULL);
        eg_xlsx_put_text(x, &sh, row, 2, d->file, NULL);
        if (d->row > 0)
            eg_xlsx_put_number(x, &sh, row, 3, (double)d->row, NULL);
        if (d->col > 0)
            eg_xlsx_put_number(x, &sh, row, 4, d->col, NULL);
        eg_xlsx_put_text(x, &sh, row, 5, d->unit, NULL);
        eg_xlsx_put_text(x, &sh, row, 6, d->indicator, NULL);
        eg_xlsx_put_text(x, &sh, row, 7, d->message, x->wrap);
    }
    if (sh.ws)
        eg_xlsx_check(x, worksheet_autofilter(sh.ws, 0, 0, row > 1 ? row - 1 : 0, 7),
                      "setting the autofilter of Kiểm tra");
    eg_xlsx_sheet_finish(x, &sh, 1, 0, 90);
}

/* One input file of Thông tin: its name, size and SHA-256; known: the
 * manifest's files of the year folder by their path there (shown), whose
 * SHA-256 is taken for a file of the same size rather than read again
 * (NULL: the file is read). */
static void put_file(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, const char *shown,
                     const char *path, long long size, const eg_strmap *known)
{
    char hex[65];
    int k;
    struct stat st;

    eg_xlsx_put_text(x, sh, row, 0, shown, NULL);
    if (size < 0 && stat(path, &st) == 0)
        size = (long long)st.st_size;
    if (size >= 0)
        eg_xlsx_put_number(x, sh, row, 1, (double)size, x->count);
    if (known && size >= 0 && (k = eg_strmap_get(known, shown)) >= 0 &&
        x->inputs->inputs[k].size == size)
        eg_xlsx_put_text(x, sh, row, 2, x->inputs->inputs[k].sha, NULL);
    else if (eg_sha256_file(path, hex) == 0)
        eg_xlsx_put_text(x, sh, row, 2, hex, NULL);
    else
        eg_xlsx_put_text(x, sh, row, 2, "(không đọc được)", NULL);
}

/* Thông tin: what built the workbook, when, and from which files. */
static void write_info(eg_xctx *x, const eg_diag_list *problems, long long created)
{
    static const char *const head[] = { "Mục", "Giá trị", "" };
    static const char *const files_head[] = { "Tệp đầu vào", "Kích thước (byte)", "SHA-256" };
    /* the year's tables, then the system exports the figures of dossiers
     * and documents come from (normalize/reconcile.h), by the manifest's
     * SHA-256 when it has them: they may be gigabytes */
    static const char *const fixed[] = {
        "units.csv", "report.csv", "baseline.csv",
        "systems/dossiers.csv", "systems/dossiers.csv.gz",
        "systems/documents.csv", "systems/documents.csv.gz"
    };
    static const char *const layouts[] = {
        "indicators.csv", "settings.csv", "columns.csv", "rules.csv",
        "figures.csv", "rankings.csv", "report.txt"
    };
    const eg_dataset *ds = x->ds;
    const char *province = eg_dataset_fact(ds, "province");
    const char *issuer = eg_dataset_fact(ds, "issuer");
    char when[32] = "", buf[160];
    time_t t = (time_t)created;
    struct tm tm;
    eg_strmap known = { 0 };
    eg_xsheet sh;
    lxw_row_t row = 1;

    if (gmtime_r(&t, &tm))
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    eg_xlsx_sheet_begin(x, &sh, "Thông tin", 3);
    eg_xlsx_header_row(x, &sh, 0, head, 3);
    eg_xlsx_put_text(x, &sh, row, 0, "Chương trình", NULL);
    eg_xlsx_put_text(x, &sh, row++, 1, "egreport " EG_VERSION, NULL);
    eg_xlsx_put_text(x, &sh, row, 0, "Năm báo cáo", NULL);
    eg_xlsx_put_number(x, &sh, row++, 1, ds->year, NULL);
    /* the day the figures run to (core/model.h): the build's while the
     * year is not over */
    {
        char day[16];

        snprintf(buf, sizeof buf, ds->provisional ? "%s (tạm tính: năm %d chưa kết thúc)"
                                                  : "%s (cả năm %d)",
                 eg_dataset_as_of_short(ds, day, sizeof day), ds->year);
    }
    eg_xlsx_put_text(x, &sh, row, 0, "Số liệu đến ngày", NULL);
    eg_xlsx_put_text(x, &sh, row++, 1, buf, NULL);
    eg_xlsx_put_text(x, &sh, row, 0, "Tỉnh", NULL);
    eg_xlsx_put_text(x, &sh, row++, 1, province, NULL);
    eg_xlsx_put_text(x, &sh, row, 0, "Cơ quan ban hành", NULL);
    eg_xlsx_put_text(x, &sh, row++, 1, issuer, NULL);
    /* not the build's clock: the same inputs give the same bytes */
    eg_xlsx_put_text(x, &sh, row, 0, "Thời điểm ghi trong tệp (UTC)", NULL);
    eg_xlsx_put_text(x, &sh, row, 1, when, NULL);
    eg_xlsx_put_text(x, &sh, row++, 2,
                     "SOURCE_DATE_EPOCH nếu được đặt, nếu không là 0 giờ ngày ban hành "
                     "(issued_on); không phải lúc chạy, để cùng đầu vào cho cùng một tệp", NULL);
    eg_xlsx_put_text(x, &sh, row, 0, "Số đơn vị trong danh mục", NULL);
    eg_xlsx_put_number(x, &sh, row++, 1, (double)ds->registry.n, x->count);
    eg_xlsx_put_text(x, &sh, row, 0, "Số giá trị được chấp nhận", NULL);
    eg_xlsx_put_number(x, &sh, row++, 1, (double)ds->n_values, x->count);
    {
        char e[32], w[32];

        /* counts in Vietnamese text, as the report writes them: 1.234 */
        snprintf(buf, sizeof buf, "%s lỗi, %s cảnh báo",
                 eg_fmt_int(e, sizeof e, (int64_t)(problems ? problems->n_error : 0)),
                 eg_fmt_int(w, sizeof w, (int64_t)(problems ? problems->n_warning : 0)));
    }
    eg_xlsx_put_text(x, &sh, row, 0, "Kết quả kiểm tra", NULL);
    eg_xlsx_put_text(x, &sh, row++, 1, buf, NULL);
    /* Where the values are, and how: an analyst looking for the table
     * DuLieu learns why a large workbook has none. */
    for (size_t s = 0; s < x->n_data; s++) {
        char n[32];
        char *where = eg_xasprintf("%s: %s giá trị", x->data[s].name,
                                   eg_fmt_int(n, sizeof n, (int64_t)x->data[s].n));

        eg_xlsx_put_text(x, &sh, row, 0, s == 0 ? "Trang dữ liệu" : "", NULL);
        eg_xlsx_put_text(x, &sh, row++, 1, where, NULL);
        free(where);
    }
    eg_xlsx_put_text(x, &sh, row, 0, "Cách ghi dữ liệu", NULL);
    eg_xlsx_put_text(x, &sh, row++, 1,
                     x->stream ? "bộ lọc trên dòng tiêu đề; không có bảng DuLieu (sổ lớn, ghi theo "
                                 "chế độ tiết kiệm bộ nhớ)"
                               : "bảng DuLieu", NULL);
    if (x->L->highlight_below > 0) {
        char pct[32];

        double p = x->L->highlight_below * 100;

        eg_fmt_pct(pct, sizeof pct, x->L->highlight_below, fabs(p - round(p)) < 1e-9 ? 0 : 2);
        snprintf(buf, sizeof buf, "tỷ lệ dưới %s; tổng điểm dưới %s điểm tối đa", pct, pct);
        eg_xlsx_put_text(x, &sh, row, 0, "Tô màu cảnh báo", NULL);
        eg_xlsx_put_text(x, &sh, row++, 1, buf, NULL);
    }

    row++;
    eg_xlsx_header_row(x, &sh, row++, files_head, 3);
    for (size_t i = 0; x->inputs && i < x->inputs->n_inputs; i++)
        if (x->inputs->inputs[i].kind == 'f' && x->inputs->inputs[i].sha[0])
            eg_strmap_put(&known, x->inputs->inputs[i].path, (int)i);
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
        char *path = eg_xasprintf("%s/%s", ds->year_dir ? ds->year_dir : ".", fixed[i]);

        if (access(path, F_OK) == 0)
            put_file(x, &sh, row++, fixed[i], path, -1, &known);
        free(path);
    }
    for (size_t i = 0; i < ds->n_files; i++) {
        const eg_source *src = &ds->files[i];
        char *path = src->abs_path ? eg_xstrdup(src->abs_path)
                                   : eg_xasprintf("%s/%s", ds->year_dir ? ds->year_dir : ".",
                                                  src->path);

        put_file(x, &sh, row++, src->path, path, src->size, &known);
        free(path);
    }
    /* The layouts decide what the figures mean: pin them too. */
    for (size_t i = 0; x->L->dir && i < sizeof layouts / sizeof *layouts; i++) {
        char *path = eg_xasprintf("%s/%s", x->L->dir, layouts[i]);
        char *shown = eg_xasprintf("%s/%s", x->L->shown, layouts[i]);

        if (access(path, F_OK) == 0)
            put_file(x, &sh, row++, shown, path, -1, NULL);
        free(path);
        free(shown);
    }
    eg_strmap_free(&known);
    eg_xlsx_sheet_finish(x, &sh, 1, 0, 70);
}

/* --- the workbook ----------------------------------------------------- */

enum { BOLD = 1, WRAP = 2, BORDER = 4 };

/* A format; NULL (and the error kept) only when memory ran out. */
static lxw_format *new_format(eg_xctx *x, const char *num_format, unsigned style,
                              lxw_color_t fill, double font_size)
{
    lxw_format *f = workbook_add_format(x->wb);

    if (!f) {
        eg_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding a cell format");
        return NULL;
    }
    if (num_format)
        format_set_num_format(f, num_format);
    if (style & BOLD)
        format_set_bold(f);
    if (style & WRAP) {
        format_set_text_wrap(f);
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    }
    if (style & BORDER)
        format_set_border(f, LXW_BORDER_THIN);
    if (fill)
        format_set_bg_color(f, fill);
    if (font_size > 0)
        format_set_font_size(f, font_size);
    return f;
}

static void make_formats(eg_xctx *x)
{
    x->title = new_format(x, NULL, BOLD, 0, 14);
    x->header = new_format(x, NULL, BOLD | WRAP | BORDER, GREY_FILL, 0);
    x->section = new_format(x, NULL, BOLD, SECTION_FILL, 0);
    x->bold = new_format(x, NULL, BOLD, 0, 0);
    x->wrap = new_format(x, NULL, WRAP, 0, 0);
    x->count = new_format(x, "#,##0", 0, 0, 0);
    x->pct = new_format(x, "0.00%", 0, 0, 0);
    /* A change in percentage points, signed: +11.70% for 0.117. */
    x->points = new_format(x, "+0.00%;-0.00%;0.00%", 0, 0, 0);
    /* A change in a count or a sum, signed as one in points: +3, -1.250. */
    x->signed_count = new_format(x, "+#,##0;-#,##0;0", 0, 0, 0);
    /* and in a number: +1.50 */
    x->signed_dec = new_format(x, "+#,##0.00;-#,##0.00;0.00", 0, 0, 0);
    x->dec2 = new_format(x, "0.00", 0, 0, 0);
    x->dec = new_format(x, "#,##0.00", 0, 0, 0);
    x->yesno = new_format(x, "\"có\";;\"không\"", 0, 0, 0);
    x->missing = new_format(x, NULL, 0, MISSING_FILL, 0);
    /* The highlight of rates under the layouts' threshold (a conditional
     * format: only the fill and the font colour count). */
    x->below = new_format(x, NULL, 0, BELOW_FILL, 0);
    if (x->below)
        format_set_font_color(x->below, BELOW_FONT);
}

/* The document properties, in Vietnamese; `created` makes the bytes
 * reproducible (0 would mean now). */
static void set_properties(eg_xctx *x, long long created)
{
    const char *province = eg_dataset_fact(x->ds, "province");
    const char *issuer = eg_dataset_fact(x->ds, "issuer");
    char *title, *subject, *keywords, *comments, *author = NULL, *company = NULL;
    char *p;
    lxw_doc_properties props;
    size_t chars;

    province = province ? province : "";
    title = eg_xasprintf("Tổng hợp số liệu Chính quyền điện tử năm %d", x->ds->year);
    subject = eg_xasprintf("Số liệu ứng dụng công nghệ thông tin, xây dựng Chính quyền điện tử%s%s năm %d",
                           *province ? " tỉnh " : "", province, x->ds->year);
    keywords = eg_xasprintf("Chính quyền điện tử, công nghệ thông tin, %d%s%s", x->ds->year,
                            *province ? ", " : "", province);
    comments = eg_xstrdup("Lập tự động bằng egreport " EG_VERSION
                          " từ số liệu các đơn vị gửi về; các ô Tổng hợp là công thức trên trang Dữ liệu.");
    if (issuer && *issuer) {
        author = (p = eg_xlsx_safe_text(issuer, &chars)) ? p : eg_xstrdup(issuer);
        company = eg_xstrdup(author);
    }
    if ((p = eg_xlsx_safe_text(subject, &chars))) {
        free(subject);
        subject = p;
    }
    if ((p = eg_xlsx_safe_text(keywords, &chars))) {
        free(keywords);
        keywords = p;
    }
    memset(&props, 0, sizeof props);
    props.title = title;
    props.subject = subject;
    props.author = author;
    props.company = company;
    props.keywords = keywords;
    props.comments = comments;
    props.category = "Báo cáo thống kê";
    props.created = (time_t)created;
    eg_xlsx_check(x, workbook_set_properties(x->wb, &props), "setting the document properties");
    /* libxlsxwriter copies the strings. */
    free(title);
    free(subject);
    free(keywords);
    free(comments);
    free(author);
    free(company);
}

/* A count from the environment (a test hook), or dflt when unset or
 * not a count from lo to hi. */
static size_t env_count(const char *name, size_t dflt, size_t lo, size_t hi)
{
    const char *s = getenv(name);
    int64_t v;

    if (!s || !*s || eg_parse_count(s, &v) != EG_NUM_OK || (uint64_t)v < lo || (uint64_t)v > hi)
        return dflt;
    return (size_t)v;
}

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* EGREPORT_XLSX_STATS (a bench hook): one line on stderr with the time and
 * the process's peak memory around the workbook. */
static void print_stats(const eg_xctx *x, double t0, long rss0)
{
    struct rusage ru;

    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return;
    fprintf(stderr, "egreport: workbook: %.0f ms, peak RSS %.1f MB (%.1f MB before), "
            "%zu values on %zu sheet%s, %s\n",
            now_ms() - t0, (double)ru.ru_maxrss / 1024, (double)rss0 / 1024, x->ds->n_values,
            x->n_data, x->n_data == 1 ? "" : "s", x->stream ? "constant memory" : "in memory");
}

/* The sheets whose rows are ours, the units' then Dữ liệu's, put into the
 * file libxlsxwriter wrote (xlsx_splice.c). */
static int splice(const char *path, const eg_xctx *x, char *why, size_t why_cap)
{
    eg_xspliced *all = eg_xcalloc(x->n_cell_sheets + x->n_data, sizeof *all);
    size_t n = 0;
    int rc;

    for (size_t s = 0; s < x->n_cell_sheets; s++) {
        const eg_xcells_sheet *c = &x->cell_sheets[s];
        /* the cells come row by row: the last one's row is the last row */
        size_t rows = c->n_cells ? (size_t)c->cells[c->n_cells - 1].row + 1 : c->header_rows;

        all[n++] = (eg_xspliced){ c->sheet_no, c->n_cols, c->header_rows, rows, c->blocks,
                                  c->n_blocks };
    }
    for (size_t s = 0; s < x->n_data; s++) {
        const eg_xdata_sheet *d = &x->data[s];

        all[n++] = (eg_xspliced){ d->sheet_no, EG_XD_COUNT, 1, d->n + 1, d->blocks,
                                  d->n_blocks };
    }
    rc = eg_xlsx_splice(path, all, n, x->fix, x->n_fix, why, why_cap);
    free(all);
    return rc;
}

int eg_xlsx_write(const char *path, const eg_dataset *ds, const eg_layouts *L,
                  const eg_results *res, const eg_diag_list *problems,
                  long long created, const eg_manifest *inputs, eg_diag_list *dl)
{
    const char *stats = getenv("EGREPORT_XLSX_STATS");
    lxw_workbook_options wopt;
    eg_xctx x;
    lxw_error closing;
    eg_lxw_said said;
    struct eg_xrows *rows;
    struct rusage ru;
    double t0 = now_ms();
    long rss0 = getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
    char *tmpdir = NULL, *slash;
    int sys_err, spliced, rows_failed;
    /* Test hooks (docs/workbook.md): fewer rows per Dữ liệu sheet, a lower
     * threshold for constant-memory mode. */
    size_t per_sheet = env_count("EGREPORT_XLSX_ROWS_PER_SHEET", EG_XLSX_MAX_DATA_ROWS, 1,
                                 EG_XLSX_MAX_DATA_ROWS);
    size_t stream_above = env_count("EGREPORT_XLSX_STREAM_VALUES", EG_XLSX_STREAM_VALUES, 0,
                                    SIZE_MAX);
    size_t problem_rows = env_count("EGREPORT_XLSX_PROBLEM_ROWS", LXW_ROW_MAX - 2, 1,
                                    LXW_ROW_MAX - 2);

    const char *lxw_rows = getenv("EGREPORT_XLSX_LXW_ROWS");
    char why[300];

    memset(&x, 0, sizeof x);
    x.ds = ds;
    x.L = L;
    x.res = res;
    x.inputs = inputs;
    x.own_rows = !(lxw_rows && strcmp(lxw_rows, "1") == 0);
    x.problem_rows = problem_rows;
    x.jobs = ds->jobs > 1 ? ds->jobs : 1;
    /* Data on more than one sheet is past any in-memory size anyway. */
    eg_xlsx_data_plan(&x, per_sheet);
    x.stream = ds->n_values > stream_above || x.n_data > 1;

    /* In constant-memory mode the rows wait in temporary files: beside the
     * output rather than in /tmp, which may be small or in memory. */
    memset(&wopt, 0, sizeof wopt);
    wopt.constant_memory = (uint8_t)x.stream;
    if (x.stream) {
        tmpdir = eg_xstrdup(path);
        slash = strrchr(tmpdir, '/');
        if (slash && slash != tmpdir)
            *slash = '\0';
        else if (slash)
            slash[1] = '\0';
        else
            strcpy(tmpdir, ".");
        wopt.tmpdir = tmpdir;
    }
    eg_lxw_said_begin(&said);
    x.wb = workbook_new_opt(path, &wopt);
    if (!x.wb) {
        eg_lxw_said_end(&said, 0);
        eg_diag_add(dl, EG_FATAL, "F_XLSX", path, 0, 0, NULL, NULL,
                    "cannot create the workbook '%s': %s", path,
                    lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED));
        free(tmpdir);
        free(x.data);
        return -1;
    }
    make_formats(&x);
    set_properties(&x, created);

    /* The sheets, in the order of the spec. */
    eg_xlsx_write_summary(&x);
    eg_xlsx_write_rankings(&x);
    eg_xlsx_write_units(&x, "Sở ban ngành", EG_LEVEL_SO);
    eg_xlsx_write_units(&x, "Huyện", EG_LEVEL_HUYEN);
    eg_xlsx_write_units(&x, "Xã", EG_LEVEL_XA);
    write_problems(&x, problems);
    eg_xlsx_write_data(&x);
    /* Our rows of Dữ liệu are made by threads of their own meanwhile (with
     * one thread, by this one after workbook_close). */
    rows = x.own_rows && x.err == LXW_NO_ERROR ? eg_xlsx_rows_start(&x) : NULL;
    write_info(&x, problems, created);

    eg_deflate_fast_begin();
    closing = eg_lxw_close(&said, x.wb, x.err == LXW_NO_ERROR, &sys_err);
    eg_deflate_fast_end();
    free(tmpdir);
    spliced = 0;
    rows_failed = eg_xlsx_rows_finish(rows) != 0;
    if (x.err == LXW_NO_ERROR && closing == LXW_NO_ERROR) {
        if (rows_failed) {
            snprintf(why, sizeof why, "compressing the rows of %s failed", EG_XLSX_SHEET_DATA);
            spliced = -1;
        } else if ((x.own_rows && (x.data[0].n_blocks || x.n_cell_sheets)) || x.n_fix) {
            spliced = splice(path, &x, why, sizeof why);
        }
    }
    if (stats && *stats)
        print_stats(&x, t0, rss0);
    for (size_t s = 0; s < x.n_data; s++)
        eg_xlsx_rows_free(&x.data[s]);
    for (size_t s = 0; s < x.n_cell_sheets; s++)
        eg_xlsx_cells_free(&x.cell_sheets[s]);
    free(x.data);
    free(x.fix);
    if (x.err == LXW_NO_ERROR && closing == LXW_NO_ERROR && spliced == 0)
        return 0;
    unlink(path);
    if (spliced != 0) {
        eg_diag_add(dl, EG_FATAL, "F_XLSX", path, 0, 0, NULL, NULL,
                    "cannot write the workbook '%s': %s", path, why);
        return -1;
    }
    eg_lxw_report(dl, "workbook", path, x.err, x.what, closing, sys_err);
    return -1;
}
