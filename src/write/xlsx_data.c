/*
 * xlsx_data.c - the Dữ liệu sheets: every accepted value in long form,
 * with where it came from.
 *
 * Up to EG_XLSX_STREAM_VALUES values the workbook is built in memory and
 * Dữ liệu is the Excel table DuLieu.  Above, the whole workbook is written
 * in libxlsxwriter's constant-memory mode: each row goes to a temporary
 * file as soon as the next one starts, so memory stays flat, but every
 * sheet must be written row by row in order and a sheet can hold no table;
 * Dữ liệu then gets an autofilter instead.  Past EG_XLSX_MAX_DATA_ROWS
 * values the data continues on `Dữ liệu (2)`, `Dữ liệu (3)`, ..., each
 * with the same header; the summary formulas then add up every sheet.
 *
 * libxlsxwriter writes each sheet's header row, its table or filter and its
 * settings; the rows themselves are ours (xlsx_rows.c, spliced into the
 * file in xlsx_splice.c), made by both cores.  put_value below is the
 * reference they are tested against: EGREPORT_XLSX_LXW_ROWS=1 has
 * libxlsxwriter write them instead.
 */
#include "write/xlsx_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

static const char *const data_head[EG_XD_COUNT] = {
    "Năm", "Mã đơn vị", "Tên đơn vị", "Cấp", "Mã đơn vị cấp trên", "Mã chỉ tiêu",
    "Tên chỉ tiêu", "Giá trị", "Tệp", "Dòng", "Ghi chú"
};

void eg_xlsx_data_plan(eg_xctx *x, size_t per_sheet)
{
    size_t n = x->ds->n_values;
    size_t k = n ? (n + per_sheet - 1) / per_sheet : 1;

    x->data = eg_xcalloc(k, sizeof *x->data);
    x->n_data = k;
    for (size_t s = 0; s < k; s++) {
        eg_xdata_sheet *d = &x->data[s];

        d->first = s * per_sheet;
        d->n = n - d->first < per_sheet ? n - d->first : per_sheet;
        if (s == 0)
            snprintf(d->name, sizeof d->name, "%s", EG_XLSX_SHEET_DATA);
        else
            snprintf(d->name, sizeof d->name, "%s (%zu)", EG_XLSX_SHEET_DATA, s + 1);
    }
}

lxw_format *eg_xlsx_value_format(const eg_xctx *x, const eg_indicator *ind)
{
    if (ind->type == EG_TYPE_PERCENT)
        return x->pct;
    if (ind->type == EG_TYPE_COUNT || ind->type == EG_TYPE_MONEY)
        return x->count;
    return NULL;
}

/* One value's row. */
static void put_value(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, const eg_value *v)
{
    const eg_dataset *ds = x->ds;
    const eg_unit *u = &ds->registry.items[v->unit];
    const eg_indicator *ind = &x->L->cat.items[v->indicator];
    double d;

    eg_xlsx_put_number(x, sh, row, EG_XD_YEAR, ds->year, NULL);
    eg_xlsx_put_text(x, sh, row, EG_XD_UNIT, u->code, NULL);
    eg_xlsx_put_text(x, sh, row, EG_XD_NAME, u->name, NULL);
    eg_xlsx_put_text(x, sh, row, EG_XD_LEVEL, eg_level_code(u->level), NULL);
    if (u->parent >= 0 && (size_t)u->parent < ds->registry.n)
        eg_xlsx_put_text(x, sh, row, EG_XD_PARENT, ds->registry.items[u->parent].code, NULL);
    eg_xlsx_put_text(x, sh, row, EG_XD_INDICATOR, ind->code, NULL);
    eg_xlsx_put_text(x, sh, row, EG_XD_LABEL, ind->label, NULL);
    /* Numbers as numbers (the summary formulas add them up), option codes
     * and text as text. */
    if (eg_xlsx_data_number(ind, v, &d))
        eg_xlsx_put_number(x, sh, row, EG_XD_VALUE, d, eg_xlsx_value_format(x, ind));
    else if (ind->type == EG_TYPE_ENUM && v->i >= 0 && (size_t)v->i < ind->n_options)
        eg_xlsx_put_text(x, sh, row, EG_XD_VALUE, ind->options[v->i].code, NULL);
    else
        eg_xlsx_put_text(x, sh, row, EG_XD_VALUE, v->text, NULL);
    if (v->file >= 0 && (size_t)v->file < ds->n_files)
        eg_xlsx_put_text(x, sh, row, EG_XD_FILE, ds->files[v->file].path, NULL);
    if (v->row > 0)
        eg_xlsx_put_number(x, sh, row, EG_XD_ROW, (double)v->row, NULL);
    eg_xlsx_put_text(x, sh, row, EG_XD_NOTE, v->note, NULL);
}

/* The table DuLieu over rows 0..n (in-memory mode only). */
static void add_table(eg_xctx *x, eg_xsheet *sh, size_t n)
{
    lxw_table_column cols[EG_XD_COUNT], *colp[EG_XD_COUNT + 1];
    lxw_table_options opt;

    memset(cols, 0, sizeof cols);
    memset(&opt, 0, sizeof opt);
    for (size_t c = 0; c < EG_XD_COUNT; c++) {
        cols[c].header = (char *)data_head[c];
        cols[c].header_format = x->header;
        colp[c] = &cols[c];
    }
    colp[EG_XD_COUNT] = NULL;
    opt.name = "DuLieu";
    opt.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    opt.style_type_number = 9;
    opt.columns = colp;
    if (eg_xlsx_name_valid(opt.name))
        eg_xlsx_check(x, worksheet_add_table(sh->ws, 0, 0, (lxw_row_t)n, EG_XD_COUNT - 1, &opt),
                      "adding the table DuLieu");
}

/* The rows as blocks of our own (xlsx_rows.c), made once every sheet is
 * written and spliced in after workbook_close; the columns widened for
 * them now. */
static void plan_rows(eg_xctx *x, eg_xsheet *sh, eg_xdata_sheet *d)
{
    eg_xlsx_rows_plan(x, d);
    for (size_t c = 0; c < EG_XD_COUNT && c < sh->n_cols; c++)
        if (d->width[c] > sh->width[c])
            sh->width[c] = d->width[c];
}

void eg_xlsx_write_data(eg_xctx *x)
{
    for (size_t s = 0; s < x->n_data && !x->err; s++) {
        eg_xdata_sheet *d = &x->data[s];
        eg_xsheet sh;

        eg_xlsx_sheet_begin(x, &sh, d->name, EG_XD_COUNT);
        /* its part, xl/worksheets/sheet<N>.xml, is numbered from 1 */
        d->sheet_no = sh.ws ? (size_t)sh.ws->index + 1 : 0;
        eg_xlsx_header_row(x, &sh, 0, data_head, EG_XD_COUNT);
        if (x->own_rows && sh.ws && !x->err && d->n > 0)
            plan_rows(x, &sh, d);
        for (size_t i = 0; i < d->n && sh.ws && !x->err && !x->own_rows; i++)
            put_value(x, &sh, (lxw_row_t)(i + 1), &x->ds->values[d->first + i]);
        /* A table needs a data row, and constant-memory mode allows none:
         * then an autofilter does the filtering. */
        if (sh.ws && !x->err && d->n > 0 && !x->stream)
            add_table(x, &sh, d->n);
        else if (sh.ws && !x->err)
            eg_xlsx_check(x, worksheet_autofilter(sh.ws, 0, 0, (lxw_row_t)d->n, EG_XD_COUNT - 1),
                          "setting the autofilter of %s", d->name);
        eg_xlsx_sheet_finish(x, &sh, 1, 0, 50);
    }
}
