/*
 * xlsx.c - the analysts' workbook: the common cell helpers, every sheet
 * but Tổng hợp (xlsx_summary.c), the document properties, and the one
 * entry point.
 *
 * libxlsxwriter builds the whole workbook in memory and writes the file at
 * workbook_close().  Its errors are kept in the context (the first one
 * wins, later writes are skipped) and turned into one F_XLSX diagnostic.
 */
#include "write/xlsx.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

#include "core/mem.h"
#include "core/sha256.h"
#include "core/text.h"
#include "write/xlsx_priv.h"

#ifndef EG_VERSION
#define EG_VERSION "0.0.0"
#endif

/* Excel's limit is 32767 characters a cell; keep room for the mark. */
#define TEXT_MAX_CHARS 32000

#define GREY_FILL    0xD9D9D9
#define SECTION_FILL 0xDDEBF7
#define MISSING_FILL 0xFFF2CC

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

/* s as the file may hold it: NULL when s can go as it is, else a new
 * copy with invalid UTF-8 (and the non-characters XML refuses) replaced
 * by U+FFFD and cut to TEXT_MAX_CHARS characters. */
static char *safe_copy(const char *s)
{
    size_t n = strlen(s), chars = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s, *end = p + n;
    char *out, *o;
    int clean = 1;

    for (const utf8proc_uint8_t *q = p; q < end && clean; chars++) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(q, end - q, &cp);

        if (k < 0 || cp == 0xFFFE || cp == 0xFFFF)
            clean = 0;
        else
            q += k;
    }
    if (clean && chars <= TEXT_MAX_CHARS)
        return NULL;
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
    }
    *o = '\0';
    return out;
}

static void widen(eg_xsheet *sh, lxw_col_t col, double w)
{
    if (col < sh->n_cols && w > sh->width[col])
        sh->width[col] = w;
}

void eg_xlsx_put_text(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, lxw_col_t col,
                      const char *s, lxw_format *fmt)
{
    char *copy;

    if (x->err || !sh->ws)
        return;
    if (!s || !*s) {
        eg_xlsx_put_blank(x, sh, row, col, fmt);
        return;
    }
    copy = safe_copy(s);
    eg_xlsx_check(x, worksheet_write_string(sh->ws, row, col, copy ? copy : s, fmt),
                  "writing text at row %u, column %u", (unsigned)row + 1, (unsigned)col + 1);
    widen(sh, col, (double)eg_utf8_len(copy ? copy : s));
    free(copy);
}

/* The characters a number takes in its format, roughly. */
static double number_width(double v, const lxw_format *fmt, const eg_xctx *x)
{
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%.0f", fabs(v));

    if (fmt == x->pct || fmt == x->points)
        return n + 5;
    if (fmt == x->dec2 || fmt == x->dec)
        return n + n / 3 + 3;
    if (fmt == x->count)
        return n + n / 3;
    return v == floor(v) ? n : n + 6;
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
    eg_xlsx_check(x, worksheet_write_number(sh->ws, row, col, v, fmt),
                  "writing a number at row %u, column %u", (unsigned)row + 1, (unsigned)col + 1);
    widen(sh, col, number_width(v, fmt, x));
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
    eg_xlsx_check(x, worksheet_write_formula_num(sh->ws, row, col, formula, fmt, cached),
                  "writing the formula at row %u, column %u", (unsigned)row + 1,
                  (unsigned)col + 1);
    widen(sh, col, number_width(cached, fmt, x));
}

void eg_xlsx_put_blank(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, lxw_col_t col,
                       lxw_format *fmt)
{
    if (x->err || !sh->ws || !fmt)
        return;
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
        *out = v->d / 100.0;  /* 84,04 % as typed -> 0.8404 */
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
    sh->n_cols = n_cols;
    sh->width = eg_xcalloc(n_cols ? n_cols : 1, sizeof *sh->width);
    if (x->err)
        return;
    err = workbook_validate_sheet_name(x->wb, name);
    if (err == LXW_NO_ERROR) {
        sh->ws = workbook_add_worksheet(x->wb, name);
        if (!sh->ws)
            err = LXW_ERROR_MEMORY_MALLOC_FAILED;
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
            eg_xlsx_check(x, worksheet_set_column(sh->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL),
                          "setting the width of column %zu", c + 1);
        }
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
}

/* Xếp hạng: both rankings, ranked units then the rest. */
static void write_rankings(eg_xctx *x)
{
    static const char prefix[] = "Điểm đánh giá: ";
    const eg_layouts *L = x->L;
    const eg_dataset *ds = x->ds;
    int crit[64];
    size_t n_crit = 0, n_cols;
    const char **names;
    char **owned;
    eg_xsheet sh;
    lxw_row_t row = 1;

    /* One column per criterion, over every ranking, in order. */
    for (size_t r = 0; r < L->n_rankings; r++)
        for (size_t c = 0; c < L->rankings[r].n_criteria; c++) {
            size_t k = 0;

            while (k < n_crit && crit[k] != L->rankings[r].criteria[c])
                k++;
            if (k == n_crit && n_crit < sizeof crit / sizeof *crit)
                crit[n_crit++] = L->rankings[r].criteria[c];
        }
    n_cols = 4 + n_crit + 2;
    names = eg_xcalloc(n_cols, sizeof *names);
    owned = eg_xcalloc(n_crit + 1, sizeof *owned);
    names[0] = "Cấp";
    names[1] = "Hạng";
    names[2] = "Mã đơn vị";
    names[3] = "Tên đơn vị";
    for (size_t k = 0; k < n_crit; k++) {
        const eg_indicator *ind = &L->cat.items[crit[k]];
        const char *label = ind->label && *ind->label ? ind->label : ind->code;
        utf8proc_int32_t cp;
        utf8proc_ssize_t len;

        if (strncmp(label, prefix, sizeof prefix - 1) == 0 && label[sizeof prefix - 1])
            label = label + sizeof prefix - 1;
        /* "điều kiện sẵn sàng" -> "Điều kiện sẵn sàng" */
        len = utf8proc_iterate((const utf8proc_uint8_t *)label, -1, &cp);
        if (len > 0) {
            utf8proc_uint8_t first[8];
            utf8proc_ssize_t k2 = utf8proc_encode_char(utf8proc_toupper(cp), first);

            owned[k] = eg_xasprintf("%.*s%s", (int)k2, (const char *)first, label + len);
        } else {
            owned[k] = eg_xstrdup(label);
        }
        names[4 + k] = owned[k];
    }
    names[4 + n_crit] = "Tổng điểm";
    names[5 + n_crit] = "Ghi chú";

    eg_xlsx_sheet_begin(x, &sh, "Xếp hạng", n_cols);
    eg_xlsx_header_row(x, &sh, 0, names, n_cols);
    for (size_t r = 0; r < L->n_rankings && sh.ws; r++) {
        const eg_ranking *rk = &x->res->rankings[r];

        for (size_t i = 0; i < rk->n; i++, row++) {
            const eg_rank_entry *e = &rk->rows[i];
            const eg_unit *u = &ds->registry.items[e->unit];

            eg_xlsx_put_text(x, &sh, row, 0, eg_level_label(rk->def->level), NULL);
            if (e->rank > 0)
                eg_xlsx_put_number(x, &sh, row, 1, e->rank, NULL);
            eg_xlsx_put_text(x, &sh, row, 2, u->code, NULL);
            eg_xlsx_put_text(x, &sh, row, 3, u->name, NULL);
            for (size_t c = 0; c < rk->def->n_criteria; c++) {
                size_t k = 0;

                while (k < n_crit && crit[k] != rk->def->criteria[c])
                    k++;
                if (k < n_crit && e->present[c])
                    eg_xlsx_put_number(x, &sh, row, (lxw_col_t)(4 + k), e->criteria[c], x->dec2);
            }
            if (e->complete)
                eg_xlsx_put_number(x, &sh, row, (lxw_col_t)(4 + n_crit), e->total, x->dec2);
            else
                eg_xlsx_put_text(x, &sh, row, (lxw_col_t)(5 + n_crit), "chưa đủ điểm", NULL);
        }
    }
    if (sh.ws)
        eg_xlsx_check(x, worksheet_autofilter(sh.ws, 0, 0, row > 1 ? row - 1 : 0,
                                              (lxw_col_t)(n_cols - 1)),
                      "setting the autofilter of Xếp hạng");
    eg_xlsx_sheet_finish(x, &sh, 1, 0, 45);
    for (size_t k = 0; k < n_crit; k++)
        free(owned[k]);
    free(owned);
    free(names);
}

/* Sở ban ngành, Huyện, Xã: one row per unit, one column per indicator. */
static void write_units(eg_xctx *x, const char *sheet, eg_level level)
{
    static const char *const fixed[] = { "Mã đơn vị", "Tên đơn vị", "Đơn vị cấp trên", "Đã nộp" };
    const eg_dataset *ds = x->ds;
    const eg_catalogue *cat = &x->L->cat;
    int *cols = eg_xcalloc(cat->n + 1, sizeof *cols);
    size_t n_ind = 0;
    eg_xsheet sh;
    lxw_row_t row = 2;

    for (size_t k = 0; k < cat->n; k++)
        if (cat->items[k].levels & EG_LEVEL_BIT(level))
            cols[n_ind++] = (int)k;
    eg_xlsx_sheet_begin(x, &sh, sheet, 4 + n_ind);
    /* Row 1: the indicator codes (to look up and match); row 2: labels. */
    eg_xlsx_header_row(x, &sh, 1, fixed, 4);
    for (lxw_col_t c = 0; c < 4; c++)
        eg_xlsx_put_blank(x, &sh, 0, c, x->header);
    for (size_t j = 0; j < n_ind; j++) {
        const eg_indicator *ind = &cat->items[cols[j]];
        lxw_col_t c = (lxw_col_t)(4 + j);

        eg_xlsx_put_text(x, &sh, 0, c, ind->code, x->header);
        eg_xlsx_put_text(x, &sh, 1, c, ind->label && *ind->label ? ind->label : ind->code,
                         x->header);
        /* The label wraps: the code sets the width. */
        sh.width[c] = (double)strlen(ind->code);
        if (sh.width[c] < 12)
            sh.width[c] = 12;
    }
    for (size_t u = 0; u < ds->registry.n && sh.ws; u++) {
        const eg_unit *unit = &ds->registry.items[u];

        if (unit->level != level)
            continue;
        eg_xlsx_put_text(x, &sh, row, 0, unit->code, NULL);
        eg_xlsx_put_text(x, &sh, row, 1, unit->name, NULL);
        if (unit->parent >= 0 && (size_t)unit->parent < ds->registry.n)
            eg_xlsx_put_text(x, &sh, row, 2, ds->registry.items[unit->parent].name, NULL);
        eg_xlsx_put_text(x, &sh, row, 3, unit->submitted ? "có" : "chưa nộp", NULL);
        for (size_t j = 0; j < n_ind; j++) {
            const eg_indicator *ind = &cat->items[cols[j]];
            const eg_value *v = eg_dataset_get(ds, (int)u, cols[j]);
            lxw_col_t c = (lxw_col_t)(4 + j);
            double d;

            if (!v) {
                eg_xlsx_put_blank(x, &sh, row, c, x->missing);
                continue;
            }
            switch (ind->type) {
            case EG_TYPE_ENUM:
                eg_xlsx_put_text(x, &sh, row, c,
                                 v->i >= 0 && (size_t)v->i < ind->n_options
                                     ? ind->options[v->i].code : v->text, NULL);
                break;
            case EG_TYPE_TEXT:
                eg_xlsx_put_text(x, &sh, row, c, v->text, NULL);
                break;
            default:
                eg_xlsx_data_number(ind, v, &d);
                eg_xlsx_put_number(x, &sh, row, c, d,
                                   ind->type == EG_TYPE_BOOL ? x->yesno
                                   : ind->type == EG_TYPE_PERCENT ? x->pct
                                   : ind->type == EG_TYPE_SCORE ? x->dec2
                                   : ind->type == EG_TYPE_NUMBER ? NULL : x->count);
                break;
            }
        }
        row++;
    }
    if (sh.ws)
        eg_xlsx_check(x, worksheet_autofilter(sh.ws, 1, 0, row - 1, (lxw_col_t)(3 + n_ind)),
                      "setting the autofilter of %s", sheet);
    eg_xlsx_sheet_finish(x, &sh, 2, 2, 40);
    free(cols);
}

/* Kiểm tra: the validation list as validation.csv has it. */
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

/* Dữ liệu: every accepted value, one a row, as the table DuLieu.  The
 * summary formulas read columns D, E and F (xlsx_priv.h). */
static void write_data(eg_xctx *x)
{
    static const char *const names[] = {
        "Năm", "Mã đơn vị", "Tên đơn vị", "Cấp", "Mã chỉ tiêu", "Giá trị", "Tệp", "Dòng"
    };
    const eg_dataset *ds = x->ds;
    const eg_catalogue *cat = &x->L->cat;
    lxw_table_column cols[8], *colp[9];
    lxw_table_options opt;
    eg_xsheet sh;

    eg_xlsx_sheet_begin(x, &sh, EG_XLSX_SHEET_DATA, 8);
    eg_xlsx_header_row(x, &sh, 0, names, 8);
    for (size_t i = 0; i < ds->n_values && sh.ws && !x->err; i++) {
        const eg_value *v = &ds->values[i];
        const eg_unit *u = &ds->registry.items[v->unit];
        const eg_indicator *ind = &cat->items[v->indicator];
        lxw_row_t row = (lxw_row_t)(i + 1);
        double d;

        eg_xlsx_put_number(x, &sh, row, 0, ds->year, NULL);
        eg_xlsx_put_text(x, &sh, row, 1, u->code, NULL);
        eg_xlsx_put_text(x, &sh, row, 2, u->name, NULL);
        eg_xlsx_put_text(x, &sh, row, 3, eg_level_code(u->level), NULL);
        eg_xlsx_put_text(x, &sh, row, 4, ind->code, NULL);
        if (eg_xlsx_data_number(ind, v, &d))
            eg_xlsx_put_number(x, &sh, row, 5, d,
                               ind->type == EG_TYPE_PERCENT ? x->pct
                               : ind->type == EG_TYPE_COUNT || ind->type == EG_TYPE_MONEY
                                   ? x->count : NULL);
        else if (ind->type == EG_TYPE_ENUM && v->i >= 0 && (size_t)v->i < ind->n_options)
            eg_xlsx_put_text(x, &sh, row, 5, ind->options[v->i].code, NULL);
        else
            eg_xlsx_put_text(x, &sh, row, 5, v->text, NULL);
        if (v->file >= 0 && (size_t)v->file < ds->n_files)
            eg_xlsx_put_text(x, &sh, row, 6, ds->files[v->file].path, NULL);
        if (v->row > 0)
            eg_xlsx_put_number(x, &sh, row, 7, (double)v->row, NULL);
    }
    /* A table needs a data row: without values, the header alone. */
    if (sh.ws && ds->n_values > 0 && !x->err) {
        memset(cols, 0, sizeof cols);
        memset(&opt, 0, sizeof opt);
        for (size_t c = 0; c < 8; c++) {
            cols[c].header = (char *)names[c];
            cols[c].header_format = x->header;
            colp[c] = &cols[c];
        }
        colp[8] = NULL;
        opt.name = "DuLieu";
        opt.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
        opt.style_type_number = 9;
        opt.columns = colp;
        if (eg_xlsx_name_valid(opt.name))
            eg_xlsx_check(x, worksheet_add_table(sh.ws, 0, 0, (lxw_row_t)ds->n_values, 7, &opt),
                          "adding the table DuLieu");
    }
    eg_xlsx_sheet_finish(x, &sh, 1, 0, 50);
}

/* One input file of Thông tin: its name, size and SHA-256. */
static void put_file(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, const char *shown,
                     const char *path, long long size)
{
    char hex[65];
    struct stat st;

    eg_xlsx_put_text(x, sh, row, 0, shown, NULL);
    if (size < 0 && stat(path, &st) == 0)
        size = (long long)st.st_size;
    if (size >= 0)
        eg_xlsx_put_number(x, sh, row, 1, (double)size, x->count);
    if (eg_sha256_file(path, hex) == 0)
        eg_xlsx_put_text(x, sh, row, 2, hex, NULL);
    else
        eg_xlsx_put_text(x, sh, row, 2, "(không đọc được)", NULL);
}

/* Thông tin: what built the workbook, when, and from which files. */
static void write_info(eg_xctx *x, const eg_diag_list *problems, long long created)
{
    static const char *const head[] = { "Mục", "Giá trị", "" };
    static const char *const files_head[] = { "Tệp đầu vào", "Kích thước (byte)", "SHA-256" };
    static const char *const fixed[] = { "units.csv", "report.csv", "baseline.csv" };
    static const char *const layouts[] = {
        "indicators.csv", "settings.csv", "columns.csv", "rules.csv",
        "figures.csv", "rankings.csv", "report.txt"
    };
    const eg_dataset *ds = x->ds;
    const char *province = eg_dataset_fact(ds, "province");
    const char *issuer = eg_dataset_fact(ds, "issuer");
    char when[32] = "", buf[64];
    time_t t = (time_t)created;
    struct tm tm;
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
    eg_xlsx_put_text(x, &sh, row, 0, "Tỉnh", NULL);
    eg_xlsx_put_text(x, &sh, row++, 1, province, NULL);
    eg_xlsx_put_text(x, &sh, row, 0, "Cơ quan ban hành", NULL);
    eg_xlsx_put_text(x, &sh, row++, 1, issuer, NULL);
    eg_xlsx_put_text(x, &sh, row, 0, "Thời điểm lập (UTC)", NULL);
    eg_xlsx_put_text(x, &sh, row++, 1, when, NULL);
    eg_xlsx_put_text(x, &sh, row, 0, "Số đơn vị trong danh mục", NULL);
    eg_xlsx_put_number(x, &sh, row++, 1, (double)ds->registry.n, x->count);
    eg_xlsx_put_text(x, &sh, row, 0, "Số giá trị được chấp nhận", NULL);
    eg_xlsx_put_number(x, &sh, row++, 1, (double)ds->n_values, x->count);
    snprintf(buf, sizeof buf, "%zu lỗi, %zu cảnh báo", problems ? problems->n_error : 0,
             problems ? problems->n_warning : 0);
    eg_xlsx_put_text(x, &sh, row, 0, "Kết quả kiểm tra", NULL);
    eg_xlsx_put_text(x, &sh, row++, 1, buf, NULL);

    row++;
    eg_xlsx_header_row(x, &sh, row++, files_head, 3);
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
        char *path = eg_xasprintf("%s/%s", ds->year_dir ? ds->year_dir : ".", fixed[i]);

        if (access(path, F_OK) == 0)
            put_file(x, &sh, row++, fixed[i], path, -1);
        free(path);
    }
    for (size_t i = 0; i < ds->n_files; i++) {
        const eg_source *src = &ds->files[i];
        char *path = src->abs_path ? eg_xstrdup(src->abs_path)
                                   : eg_xasprintf("%s/%s", ds->year_dir ? ds->year_dir : ".",
                                                  src->path);

        put_file(x, &sh, row++, src->path, path, src->size);
        free(path);
    }
    /* The layouts decide what the figures mean: pin them too. */
    for (size_t i = 0; x->L->dir && i < sizeof layouts / sizeof *layouts; i++) {
        char *path = eg_xasprintf("%s/%s", x->L->dir, layouts[i]);
        char *shown = eg_xasprintf("layouts/%s", layouts[i]);

        if (access(path, F_OK) == 0)
            put_file(x, &sh, row++, shown, path, -1);
        free(path);
        free(shown);
    }
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
    x->dec2 = new_format(x, "0.00", 0, 0, 0);
    x->dec = new_format(x, "#,##0.00", 0, 0, 0);
    x->yesno = new_format(x, "\"có\";;\"không\"", 0, 0, 0);
    x->missing = new_format(x, NULL, 0, MISSING_FILL, 0);
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

    province = province ? province : "";
    title = eg_xasprintf("Tổng hợp số liệu Chính quyền điện tử năm %d", x->ds->year);
    subject = eg_xasprintf("Số liệu ứng dụng công nghệ thông tin, xây dựng Chính quyền điện tử%s%s năm %d",
                           *province ? " tỉnh " : "", province, x->ds->year);
    keywords = eg_xasprintf("Chính quyền điện tử, công nghệ thông tin, %d%s%s", x->ds->year,
                            *province ? ", " : "", province);
    comments = eg_xstrdup("Lập tự động bằng egreport " EG_VERSION
                          " từ số liệu các đơn vị gửi về; các ô Tổng hợp là công thức trên trang Dữ liệu.");
    if (issuer && *issuer) {
        author = (p = safe_copy(issuer)) ? p : eg_xstrdup(issuer);
        company = eg_xstrdup(author);
    }
    if ((p = safe_copy(subject))) {
        free(subject);
        subject = p;
    }
    if ((p = safe_copy(keywords))) {
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

int eg_xlsx_write(const char *path, const eg_dataset *ds, const eg_layouts *L,
                  const eg_results *res, const eg_diag_list *problems,
                  long long created, eg_diag_list *dl)
{
    eg_xctx x;
    lxw_error closing;
    int sys_err;

    memset(&x, 0, sizeof x);
    x.ds = ds;
    x.L = L;
    x.res = res;
    x.data_last_row = ds->n_values + 1;
    x.wb = workbook_new(path);
    if (!x.wb) {
        eg_diag_add(dl, EG_FATAL, "F_XLSX", path, 0, 0, NULL, NULL,
                    "cannot create the workbook '%s': %s", path,
                    lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED));
        return -1;
    }
    make_formats(&x);
    set_properties(&x, created);

    /* The sheets, in the order of the spec. */
    eg_xlsx_write_summary(&x);
    write_rankings(&x);
    write_units(&x, "Sở ban ngành", EG_LEVEL_SO);
    write_units(&x, "Huyện", EG_LEVEL_HUYEN);
    write_units(&x, "Xã", EG_LEVEL_XA);
    write_problems(&x, problems);
    write_data(&x);
    write_info(&x, problems, created);

    /* workbook_close writes the file and frees the workbook, failed or not. */
    errno = 0;
    closing = workbook_close(x.wb);
    sys_err = errno;
    if (x.err == LXW_NO_ERROR && closing == LXW_NO_ERROR)
        return 0;
    unlink(path);
    if (x.err != LXW_NO_ERROR)
        eg_diag_add(dl, EG_FATAL, "F_XLSX", path, 0, 0, NULL, NULL,
                    "cannot write the workbook '%s': %s (while %s)", path,
                    lxw_strerror(x.err), x.what);
    else if (closing == LXW_ERROR_CREATING_XLSX_FILE && sys_err)
        eg_diag_add(dl, EG_FATAL, "F_XLSX", path, 0, 0, NULL, NULL,
                    "cannot write the workbook '%s': %s (%s)", path, lxw_strerror(closing),
                    strerror(sys_err));
    else
        eg_diag_add(dl, EG_FATAL, "F_XLSX", path, 0, 0, NULL, NULL,
                    "cannot write the workbook '%s': %s", path, lxw_strerror(closing));
    return -1;
}
