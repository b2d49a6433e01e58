/*
 * pdf_table.c - tables for the PDF writer.
 *
 * Column widths come from the block's weights, widened where a column
 * cannot hold its longest word; cells wrap within their column; the header
 * row is bold and centred on light grey; borders are thin.  A row is never
 * split: when it does not fit, a new page starts with the header row again.
 * Either side of a page break keeps at least TABLE_MIN_ROWS rows.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "write/pdf_priv.h"
#include "write/pdf_text.h"

#define TABLE_SIZE 10.5
#define TABLE_MIN_SIZE 8.0       /* a row's type shrinks to here, no further */
#define TABLE_LEADING 1.25       /* times the type size */
#define CELL_PAD_X 4.0
#define CELL_PAD_Y 3.0
#define TABLE_AFTER 10.0
#define TABLE_MIN_ROWS 3         /* rows kept together at either side of a page break */
#define HEADER_GREY 0.87

/* A table wrapped to its columns. */
typedef struct {
    double *colw, *rowh, *rowsize;
    eg_pdf_lines *cells;        /* n_rows * n_cols */
} table;

static const char *cell(const eg_block *b, size_t r, size_t j)
{
    return b->cells && b->cells[r * b->n_cols + j] ? b->cells[r * b->n_cols + j] : "";
}

/* Whether column j keeps each body cell on one line: its alignment is
 * given in capitals ('L', 'R', 'C'), for short words of a closed list
 * ("Cảnh báo", which a column as wide as "Cảnh" broke in two). */
static int keeps_whole(const eg_block *b, size_t j)
{
    return b->align && b->align[j] >= 'A' && b->align[j] <= 'Z';
}

/* A column too narrow for its longest word (a syllable such as "Hạng",
 * a number), or for its widest cell when it keeps cells whole, takes the
 * room it lacks from the columns that have some to spare, in proportion
 * to their spare room.  No column asks for more than 40% of the width: a
 * long URL is cut instead. */
static void widen_columns(const eg_pdf_ctx *c, const eg_block *b, table *t)
{
    size_t nc = b->n_cols;
    double *need = eg_xcalloc(nc, sizeof *need), lack = 0, spare = 0;

    for (size_t j = 0; j < nc; j++) {
        for (size_t r = 0; r < b->n_rows; r++) {
            HPDF_Font f = r == 0 ? c->bold : c->reg;
            const char *text = cell(b, r, j);
            double w = r > 0 && keeps_whole(b, j)
                       ? eg_pdf_text_width(f, TABLE_SIZE, text, strlen(text))
                       : eg_pdf_longest_word(f, TABLE_SIZE, text);

            need[j] = fmax(need[j], w + 2 * CELL_PAD_X + 0.5);
        }
        need[j] = fmin(need[j], 0.4 * c->width);
        if (need[j] > t->colw[j])
            lack += need[j] - t->colw[j];
        else
            spare += t->colw[j] - need[j];
    }
    if (lack > 0 && spare > 0) {
        double give = fmin(1, lack / spare), take = fmin(1, spare / lack);

        for (size_t j = 0; j < nc; j++) {
            if (need[j] > t->colw[j])
                t->colw[j] += (need[j] - t->colw[j]) * take;
            else
                t->colw[j] -= (t->colw[j] - need[j]) * give;
        }
    }
    free(need);
}

static void table_layout(const eg_pdf_ctx *c, const eg_block *b, table *t)
{
    size_t nc = b->n_cols, nr = b->n_rows;
    double sum = 0, body = c->top - c->bottom;

    t->colw = eg_xcalloc(nc, sizeof *t->colw);
    t->rowh = eg_xcalloc(nr, sizeof *t->rowh);
    t->rowsize = eg_xcalloc(nr, sizeof *t->rowsize);
    t->cells = eg_xcalloc(nr * nc, sizeof *t->cells);

    /* Step 1: column widths from the weights (missing or bad ones = 1). */
    for (size_t j = 0; j < nc; j++) {
        t->colw[j] = b->widths && b->widths[j] > 0 && isfinite(b->widths[j])
                   ? b->widths[j] : 1;
        sum += t->colw[j];
    }
    for (size_t j = 0; j < nc; j++)
        t->colw[j] = c->width * t->colw[j] / sum;
    widen_columns(c, b, t);

    for (size_t r = 0; r < nr; r++) {
        HPDF_Font f = r == 0 ? c->bold : c->reg;
        double room = r == 0 ? body / 3 : body - t->rowh[0], size = TABLE_SIZE, lead;
        size_t cap, most = 1;

        /* Step 2: a row whose longest word (a syllable, a number) is wider
         * than its column gets smaller type, down to TABLE_MIN_SIZE, so
         * that the word need not be cut.  A word that would not fit even
         * then (a URL) is cut, at the row's normal size. */
        for (size_t j = 0; j < nc; j++) {
            double w = t->colw[j] - 2 * CELL_PAD_X;
            double lw = eg_pdf_longest_word(f, TABLE_SIZE, cell(b, r, j));
            double fit = lw > w ? floor(TABLE_SIZE * w / lw * 4) / 4 : TABLE_SIZE;

            if (fit >= TABLE_MIN_SIZE)
                size = fmin(size, fit);
        }
        t->rowsize[r] = size;
        lead = size * TABLE_LEADING;

        /* Step 3: wrap each cell.  A row is never split, so no row may be
         * taller than a page under the header: cut such cells with "…". */
        cap = (size_t)fmax(1, floor((room - 2 * CELL_PAD_Y) / lead));
        for (size_t j = 0; j < nc; j++) {
            eg_pdf_lines *l = &t->cells[r * nc + j];
            double w = t->colw[j] - 2 * CELL_PAD_X;

            eg_pdf_break(f, size, cell(b, r, j), w, w, cap, l);
            if (l->n > most)
                most = l->n;
        }
        t->rowh[r] = most * lead + 2 * CELL_PAD_Y;
    }
}

static void table_free(const eg_block *b, table *t)
{
    for (size_t i = 0; i < b->n_rows * b->n_cols; i++)
        eg_pdf_lines_free(&t->cells[i]);
    free(t->cells);
    free(t->colw);
    free(t->rowh);
    free(t->rowsize);
}

static eg_pdf_align col_align(const eg_block *b, size_t j)
{
    char a = b->align ? b->align[j] : 'l';

    return a == 'r' || a == 'R' ? EG_PDF_RIGHT : a == 'c' || a == 'C' ? EG_PDF_CENTER
                                                                       : EG_PDF_LEFT;
}

/* Draws row r at c->y: the header row bold and centred on grey. */
static void table_row(eg_pdf_ctx *c, const eg_block *b, const table *t, size_t r)
{
    double top = c->y, h = t->rowh[r], x = c->left;
    double size = t->rowsize[r], lead = size * TABLE_LEADING;
    HPDF_Font f = r == 0 ? c->bold : c->reg;
    double base = eg_pdf_baseline(f, size, lead);

    if (r == 0 && c->page) {
        HPDF_Page_GSave(c->page);
        HPDF_Page_SetGrayFill(c->page, HEADER_GREY);
        HPDF_Page_Rectangle(c->page, (HPDF_REAL)c->left, (HPDF_REAL)(top - h),
                            (HPDF_REAL)c->width, (HPDF_REAL)h);
        HPDF_Page_Fill(c->page);
        HPDF_Page_GRestore(c->page);
    }
    for (size_t j = 0; j < b->n_cols; j++) {
        const eg_pdf_lines *l = &t->cells[r * b->n_cols + j];
        double ty = top - (h - l->n * lead) / 2 - base;

        for (size_t k = 0; k < l->n; k++)
            eg_pdf_draw_line(c->page, f, size, cell(b, r, j), &l->v[k],
                             x + CELL_PAD_X, ty - k * lead,
                             t->colw[j] - 2 * CELL_PAD_X,
                             r == 0 ? EG_PDF_CENTER : col_align(b, j));
        x += t->colw[j];
    }
    if (c->page) {
        HPDF_Page_SetLineWidth(c->page, 0.5f);
        x = c->left;
        for (size_t j = 0; j < b->n_cols; j++) {
            HPDF_Page_Rectangle(c->page, (HPDF_REAL)x, (HPDF_REAL)(top - h),
                                (HPDF_REAL)t->colw[j], (HPDF_REAL)h);
            x += t->colw[j];
        }
        HPDF_Page_Stroke(c->page);
    }
    c->y -= h;
}

/* The body rows from row r on that fit in avail under a header of its own. */
static size_t rows_fitting(const eg_block *b, const table *t, size_t r, double avail)
{
    double h = t->rowh[0];
    size_t k = 0;

    while (r + k < b->n_rows && h + t->rowh[r + k] <= avail + EG_PDF_EPS)
        h += t->rowh[r + k++];
    return k;
}

static double table_height(const eg_block *b, const table *t)
{
    double h = 0;

    for (size_t r = 0; r < b->n_rows; r++)
        h += t->rowh[r];
    return h;
}

/* True when a table is not split at all, but moves to the next page whole
 * when it does not fit: one page holds it, and it has too few rows to
 * keep TABLE_MIN_ROWS on either side of a break. */
static int moves_whole(const eg_pdf_ctx *c, const eg_block *b, const table *t)
{
    return b->n_rows - 1 < 2 * TABLE_MIN_ROWS &&
           table_height(b, t) <= c->top - c->bottom + EG_PDF_EPS;
}

/* True when the table should start on the next page rather than in avail:
 * its header would stand there with fewer than TABLE_MIN_ROWS rows (all of
 * them, in a shorter table), or a table that one page holds would be cut
 * into parts that cannot both keep as many. */
static int starts_next_page(const eg_pdf_ctx *c, const eg_block *b, const table *t, double avail)
{
    size_t body = b->n_rows - 1, fit = rows_fitting(b, t, 1, avail);

    if (fit == body)
        return 0;
    if (fit < (body < TABLE_MIN_ROWS ? body : TABLE_MIN_ROWS))
        return 1;
    return moves_whole(c, b, t);
}

/* The row after the last one to draw on this page, from row r on, avail
 * being the room under the header drawn there: as many rows as fit, but
 * fewer when the next page would get fewer than TABLE_MIN_ROWS of the
 * rest (the last rows alone under a repeated header), as long as this one
 * keeps as many.  A row taller than a page is drawn all the same. */
static size_t page_end(const eg_block *b, const table *t, size_t r, double avail)
{
    size_t k = rows_fitting(b, t, r, avail + t->rowh[0]), left = b->n_rows - r - k;

    if (k == 0)
        return r + 1;
    if (left > 0 && left < TABLE_MIN_ROWS && k > TABLE_MIN_ROWS) {
        size_t give = TABLE_MIN_ROWS - left;    /* rows the next page lacks */

        k = k - give >= TABLE_MIN_ROWS ? k - give : TABLE_MIN_ROWS;
    }
    return r + k;
}

void eg_pdf_table_draw(eg_pdf_ctx *c, const eg_block *b)
{
    table t;
    size_t end;

    if (b->n_cols == 0 || b->n_rows == 0)
        return;
    table_layout(c, b, &t);
    if (!eg_pdf_at_top(c) && starts_next_page(c, b, &t, c->y - EG_PDF_TABLE_BEFORE - c->bottom))
        eg_pdf_new_page(c);
    eg_pdf_room_for(c, EG_PDF_TABLE_BEFORE, t.rowh[0] + (b->n_rows > 1 ? t.rowh[1] : 0));
    table_row(c, b, &t, 0);
    end = page_end(b, &t, 1, c->y - c->bottom);
    for (size_t r = 1; r < b->n_rows; r++) {
        if (r == end) {
            eg_pdf_new_page(c);
            table_row(c, b, &t, 0);
            end = page_end(b, &t, r, c->y - c->bottom);
        }
        table_row(c, b, &t, r);
    }
    c->y -= TABLE_AFTER;
    table_free(b, &t);
}

double eg_pdf_table_keep(const eg_pdf_ctx *c, const eg_block *b, double avail)
{
    table t;
    double h = 0;

    if (b->n_cols == 0 || b->n_rows == 0)
        return 0;
    table_layout(c, b, &t);
    if (starts_next_page(c, b, &t, avail) && moves_whole(c, b, &t)) {
        h = table_height(b, &t);
    } else {
        /* the header and the rows it keeps at a page's foot */
        for (size_t r = 0; r < b->n_rows && r <= TABLE_MIN_ROWS; r++)
            h += t.rowh[r];
    }
    table_free(b, &t);
    return h;
}
