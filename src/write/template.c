/*
 * template.c - the submission form a unit fills in (see template.h).
 */
#include "write/template.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>
#include <xlsxwriter.h>

#include "core/mem.h"
#include "core/number.h"
#include "core/text.h"
#include "core/version.h"
#include "write/lxw_said.h"

#define SHEET_FORM  "Báo cáo"
#define SHEET_LISTS "DanhSach"

/* The table's columns: the header names are those of layouts/columns.csv
 * (Mã đơn vị, Mã chỉ tiêu, Giá trị, Ghi chú); the others are for the
 * clerk and ignored by the reader. */
enum { C_STT, C_UNIT, C_IND, C_LABEL, C_MEASURE, C_VALUE, C_NOTE, C_COUNT };

static const char *const head[C_COUNT] = {
    "STT", "Mã đơn vị", "Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính", "Giá trị", "Ghi chú"
};
static const double widths[C_COUNT] = { 6, 14, 25, 58, 13, 18, 30 };

/* Rows above the header: issuing body, title, unit, how to fill it in,
 * a blank row.  Well within the 20 rows the reader searches. */
#define HEADER_ROW 5
#define LABEL_CHARS_PER_LINE 56

typedef struct {
    lxw_workbook *wb;
    lxw_worksheet *ws;       /* Báo cáo */
    lxw_worksheet *lists;    /* DanhSach, hidden: the drop-downs' lists */
    const eg_dataset *ds;
    const eg_catalogue *cat;
    lxw_error err;           /* the first failure; later calls change nothing */
    char what[160];
    int *list_col;           /* per indicator: its list's column in DanhSach, -1 none */
    lxw_format *body, *title, *unit_line, *guide, *header, *heading, *code, *label, *measure,
               *count, *number, *note, *sign, *sign_note;
} tpl;

static void check(tpl *t, lxw_error err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void check(tpl *t, lxw_error err, const char *fmt, ...)
{
    va_list ap;

    if (err == LXW_NO_ERROR || t->err != LXW_NO_ERROR)
        return;
    t->err = err;
    va_start(ap, fmt);
    vsnprintf(t->what, sizeof t->what, fmt, ap);
    va_end(ap);
}

int eg_template_own_form(const eg_dataset *ds, int u)
{
    return u >= 0 && (size_t)u < ds->registry.n && ds->registry.items[u].level != EG_LEVEL_XA;
}

/* ---- small helpers --------------------------------------------------------- */

/* s in capitals, as the issuing body is written on a Vietnamese form
 * (Huyện Đăk Hà -> HUYỆN ĐĂK HÀ). */
static char *upper(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t n = strlen(s);
    char *out = eg_xmalloc(4 * n + 1), *o = out;

    while (n > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, (utf8proc_ssize_t)n, &cp);

        if (k <= 0) {
            *o++ = (char)*p;   /* not UTF-8: kept as it is */
            k = 1;
        } else {
            o += utf8proc_encode_char(utf8proc_toupper(cp), (utf8proc_uint8_t *)o);
        }
        p += k;
        n -= (size_t)k;
    }
    *o = '\0';
    return out;
}

/* I, II, III, ... for the blocks of a district's form. */
static void roman(char *buf, size_t cap, unsigned n)
{
    static const struct { unsigned v; const char *s; } tab[] = {
        { 1000, "M" }, { 900, "CM" }, { 500, "D" }, { 400, "CD" }, { 100, "C" }, { 90, "XC" },
        { 50, "L" }, { 40, "XL" }, { 10, "X" }, { 9, "IX" }, { 5, "V" }, { 4, "IV" }, { 1, "I" }
    };
    size_t len = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < sizeof tab / sizeof *tab; i++)
        while (n >= tab[i].v && len + strlen(tab[i].s) < cap) {
            memcpy(buf + len, tab[i].s, strlen(tab[i].s) + 1);
            len += strlen(tab[i].s);
            n -= tab[i].v;
        }
}

/* A column's letters: 0 -> A, 27 -> AB. */
static void col_name(char *buf, unsigned col)
{
    char tmp[8];
    size_t n = 0;

    col++;
    while (col > 0 && n < sizeof tmp) {
        tmp[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
}

static void put_text(tpl *t, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
                     lxw_format *fmt)
{
    if (!s || !*s)
        check(t, worksheet_write_blank(ws, row, col, fmt), "writing row %u", (unsigned)row + 1);
    else
        check(t, worksheet_write_string(ws, row, col, s, fmt), "writing row %u",
              (unsigned)row + 1);
}

/* Text across the table's width, in one merged cell. */
static void put_line(tpl *t, lxw_row_t row, const char *s, lxw_format *fmt, double height)
{
    check(t, worksheet_merge_range(t->ws, row, 0, row, C_COUNT - 1, s, fmt),
          "writing row %u", (unsigned)row + 1);
    if (height > 0)
        check(t, worksheet_set_row(t->ws, row, height, NULL), "sizing row %u", (unsigned)row + 1);
}

static lxw_format *fmt(tpl *t, int bold, int border, uint32_t fill, int locked)
{
    lxw_format *f = workbook_add_format(t->wb);

    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, 12);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (bold)
        format_set_bold(f);
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    if (fill)
        format_set_bg_color(f, fill);
    if (!locked)
        format_set_unlocked(f);
    return f;
}

static void make_formats(tpl *t)
{
    /* the cells to fill in: light yellow, unlocked */
    const uint32_t fill_in = 0xFFF2CC, head_fill = 0xD9E1F2, block_fill = 0xEDEDED;

    t->body = fmt(t, 1, 0, 0, 1);
    format_set_align(t->body, LXW_ALIGN_CENTER);
    t->title = fmt(t, 1, 0, 0, 1);
    format_set_font_size(t->title, 14);
    format_set_align(t->title, LXW_ALIGN_CENTER);
    format_set_text_wrap(t->title);
    t->unit_line = fmt(t, 0, 0, 0, 1);
    format_set_italic(t->unit_line);
    format_set_align(t->unit_line, LXW_ALIGN_CENTER);
    t->guide = fmt(t, 0, 0, 0, 1);
    format_set_text_wrap(t->guide);
    format_set_font_size(t->guide, 11);
    t->header = fmt(t, 1, 1, head_fill, 1);
    format_set_align(t->header, LXW_ALIGN_CENTER);
    format_set_text_wrap(t->header);
    t->heading = fmt(t, 1, 1, block_fill, 1);
    t->code = fmt(t, 0, 1, 0, 1);
    t->label = fmt(t, 0, 1, 0, 1);
    format_set_text_wrap(t->label);
    t->measure = fmt(t, 0, 1, 0, 1);
    format_set_align(t->measure, LXW_ALIGN_CENTER);
    t->count = fmt(t, 0, 1, fill_in, 0);
    format_set_num_format(t->count, "#,##0");
    t->number = fmt(t, 0, 1, fill_in, 0);
    t->note = fmt(t, 0, 1, fill_in, 0);
    format_set_text_wrap(t->note);
    t->sign = fmt(t, 1, 0, 0, 1);
    format_set_align(t->sign, LXW_ALIGN_CENTER);
    t->sign_note = fmt(t, 0, 0, 0, 1);
    format_set_italic(t->sign_note);
    format_set_align(t->sign_note, LXW_ALIGN_CENTER);
}

/* ---- DanhSach: the lists of the drop-downs ------------------------------ */

/* Column A holds có and không; then one column per enum indicator that a
 * unit of the form reports, with its options' labels (what a clerk
 * reads; the reader takes labels as well as codes). */
static void write_lists(tpl *t, unsigned levels)
{
    unsigned col = 1;

    put_text(t, t->lists, 0, 0, "có", NULL);
    put_text(t, t->lists, 1, 0, "không", NULL);
    for (size_t k = 0; k < t->cat->n; k++) {
        const eg_indicator *ind = &t->cat->items[k];

        t->list_col[k] = -1;
        if (ind->type != EG_TYPE_ENUM || !(ind->levels & levels) || !ind->n_options)
            continue;
        for (size_t i = 0; i < ind->n_options; i++)
            put_text(t, t->lists, (lxw_row_t)i, (lxw_col_t)col,
                     ind->options[i].label && ind->options[i].label[0] ? ind->options[i].label
                                                                       : ind->options[i].code,
                     NULL);
        t->list_col[k] = (int)col++;
    }
    worksheet_hide(t->lists);
    worksheet_protect(t->lists, NULL, NULL);
}

/* ---- the value cell: its format and its check ---------------------------- */

static void validate_value(tpl *t, lxw_row_t row, int k, eg_level lv)
{
    const eg_indicator *ind = &t->cat->items[k];
    lxw_data_validation dv;
    char formula[64], col[8], msg[200];

    memset(&dv, 0, sizeof dv);
    dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    dv.error_title = "Giá trị không hợp lệ";
    switch (ind->type) {
    case EG_TYPE_BOOL:
        dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        snprintf(formula, sizeof formula, "=%s!$A$1:$A$2", SHEET_LISTS);
        dv.value_formula = formula;
        snprintf(msg, sizeof msg, "Chọn có hoặc không trong danh sách.");
        break;
    case EG_TYPE_ENUM:
        if (t->list_col[k] < 0)
            return;
        col_name(col, (unsigned)t->list_col[k]);
        dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        snprintf(formula, sizeof formula, "=%s!$%s$1:$%s$%zu", SHEET_LISTS, col, col,
                 ind->n_options);
        dv.value_formula = formula;
        snprintf(msg, sizeof msg, "Chọn một mục trong danh sách.");
        break;
    case EG_TYPE_COUNT:
    case EG_TYPE_MONEY:
        dv.validate = LXW_VALIDATION_TYPE_INTEGER;
        dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        dv.value_number = 0;
        snprintf(msg, sizeof msg, "Nhập số nguyên không âm%s. Để trống nếu không có số liệu.",
                 ind->type == EG_TYPE_MONEY ? ", tính bằng đồng" : "");
        break;
    case EG_TYPE_NUMBER:
        dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
        dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        dv.value_number = 0;
        snprintf(msg, sizeof msg, "Nhập số không âm. Để trống nếu không có số liệu.");
        break;
    case EG_TYPE_PERCENT:
        dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
        dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        dv.minimum_number = 0;
        dv.maximum_number = 100;
        snprintf(msg, sizeof msg, "Nhập tỷ lệ phần trăm từ 0 đến 100.");
        break;
    case EG_TYPE_SCORE: {
        char mx[32];

        dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
        dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        dv.minimum_number = 0;
        dv.maximum_number = ind->max[lv];
        /* as the clerk writes it, to the decimals it has: 12,5; 12,125 */
        eg_fmt_dec(mx, sizeof mx, ind->max[lv], eg_decimals_of(ind->max[lv]));
        snprintf(msg, sizeof msg, "Nhập điểm từ 0 đến %s.", mx);
        break;
    }
    default:
        return;
    }
    dv.input_message = msg;
    dv.error_message = msg;
    /* Excel shows at most 32 characters of a title. */
    if (strlen(ind->code) <= 32)
        dv.input_title = ind->code;
    check(t, worksheet_data_validation_cell(t->ws, row, C_VALUE, &dv),
          "adding the check of cell F%u", (unsigned)row + 1);
}

/* ---- the form ------------------------------------------------------------- */

/* The rows of unit u: one per indicator of its level.  Returns the next
 * free row. */
static lxw_row_t write_unit_rows(tpl *t, lxw_row_t row, int u)
{
    const eg_unit *unit = &t->ds->registry.items[u];
    unsigned stt = 0;

    for (size_t k = 0; k < t->cat->n; k++) {
        const eg_indicator *ind = &t->cat->items[k];
        size_t lines;

        if (!(ind->levels & EG_LEVEL_BIT(unit->level)))
            continue;
        check(t, worksheet_write_number(t->ws, row, C_STT, (double)++stt, t->measure),
              "writing row %u", (unsigned)row + 1);
        put_text(t, t->ws, row, C_UNIT, unit->code, t->code);
        put_text(t, t->ws, row, C_IND, ind->code, t->code);
        put_text(t, t->ws, row, C_LABEL, ind->label, t->label);
        put_text(t, t->ws, row, C_MEASURE,
                 ind->unit_label && ind->unit_label[0] ? ind->unit_label
                 : ind->type == EG_TYPE_BOOL ? "có/không" : "", t->measure);
        put_text(t, t->ws, row, C_VALUE, NULL,
                 ind->type == EG_TYPE_COUNT || ind->type == EG_TYPE_MONEY ? t->count : t->number);
        put_text(t, t->ws, row, C_NOTE, NULL, t->note);
        validate_value(t, row, (int)k, unit->level);
        /* Excel does not size a row to its wrapped text by itself. */
        lines = (eg_utf8_len(ind->label) + LABEL_CHARS_PER_LINE - 1) / LABEL_CHARS_PER_LINE;
        if (lines > 1)
            check(t, worksheet_set_row(t->ws, row, 16.0 * (double)lines, NULL),
                  "sizing row %u", (unsigned)row + 1);
        row++;
    }
    return row;
}

/* A block's heading: its number in STT, the unit's name and code. */
static lxw_row_t write_heading(tpl *t, lxw_row_t row, unsigned block, int u)
{
    const eg_unit *unit = &t->ds->registry.items[u];
    char num[16], *text = eg_xasprintf("%s (%s)", unit->name, unit->code);

    roman(num, sizeof num, block);
    put_text(t, t->ws, row, C_STT, num, t->heading);
    for (int c = C_UNIT; c < C_COUNT; c++)
        put_text(t, t->ws, row, (lxw_col_t)c, c == C_LABEL ? text : NULL, t->heading);
    free(text);
    return row + 1;
}

/* The lines above the table. */
static void write_top(tpl *t, int u, size_t n_communes)
{
    const eg_unit *unit = &t->ds->registry.items[u];
    const char *deadline = eg_dataset_fact(t->ds, "deadline");
    char *body, *cap = upper(unit->name), *line, *guide, due[40] = "", first[16];

    /* The issuing body as a form names it: a department by its name, the
     * others by their people's committee. */
    body = unit->level == EG_LEVEL_SO ? eg_xstrdup(cap)
                                      : eg_xasprintf("ỦY BAN NHÂN DÂN %s", cap);
    put_line(t, 0, body, t->body, 0);
    line = eg_xasprintf("BÁO CÁO SỐ LIỆU ỨNG DỤNG CÔNG NGHỆ THÔNG TIN, "
                        "XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ NĂM %d", t->ds->year);
    put_line(t, 1, line, t->title, 40);
    free(line);
    if (n_communes)
        line = eg_xasprintf("Đơn vị báo cáo: %s (mã %s), gồm số liệu của %zu xã, phường, "
                            "thị trấn trực thuộc", unit->name, unit->code, n_communes);
    else
        line = eg_xasprintf("Đơn vị báo cáo: %s (mã %s)", unit->name, unit->code);
    put_line(t, 2, line, t->unit_line, 0);
    free(line);
    /* An ISO date from report.csv, written the Vietnamese way; not one
     * before the year begins (last year's report.csv, W_REPORT_DATE):
     * no form of the year can be due then. */
    snprintf(first, sizeof first, "%04d-01-01", t->ds->year);
    if (deadline && eg_iso_date(deadline, strlen(deadline)) && strcmp(deadline, first) >= 0)
        snprintf(due, sizeof due, " Hạn gửi: %.2s/%.2s/%.4s.", deadline + 8, deadline + 5,
                 deadline);
    guide = eg_xasprintf("Hướng dẫn: chỉ điền cột Giá trị (ô nền vàng) và Ghi chú; "
                         "để trống ô không có số liệu (không ghi 0 thay cho ô trống). "
                         "Ô có danh sách thả xuống (có/không, các lựa chọn): chọn trong danh sách. "
                         "Không sửa mã, không thêm hay xóa dòng.%s", due);
    put_line(t, 3, guide, t->guide, 48);
    free(guide);
    free(body);
    free(cap);
}

static void write_form(tpl *t, int u)
{
    const eg_registry *reg = &t->ds->registry;
    const eg_unit *unit = &reg->items[u];
    size_t n_communes = 0;
    unsigned levels = EG_LEVEL_BIT(unit->level), block = 1;
    lxw_row_t row = HEADER_ROW;
    lxw_protection prot;

    if (unit->level == EG_LEVEL_HUYEN)
        for (size_t c = 0; c < reg->n; c++)
            if (reg->items[c].parent == u && reg->items[c].level == EG_LEVEL_XA)
                n_communes++;
    if (n_communes)
        levels |= EG_LEVEL_BIT(EG_LEVEL_XA);
    write_lists(t, levels);

    for (int c = 0; c < C_COUNT; c++)
        check(t, worksheet_set_column(t->ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL),
              "sizing column %d", c + 1);
    write_top(t, u, n_communes);
    for (int c = 0; c < C_COUNT; c++)
        put_text(t, t->ws, row, (lxw_col_t)c, head[c], t->header);
    row++;

    /* The unit's own rows; a district's communes follow, each under its
     * heading, so that a clerk sees whose figures a row holds. */
    if (n_communes)
        row = write_heading(t, row, block++, u);
    row = write_unit_rows(t, row, u);
    for (size_t c = 0; c < reg->n && n_communes; c++) {
        if (reg->items[c].parent != u || reg->items[c].level != EG_LEVEL_XA)
            continue;
        row = write_heading(t, row, block++, (int)c);
        row = write_unit_rows(t, row, (int)c);
    }

    /* Signatures: rows without an indicator, which the reader skips. */
    row++;
    put_text(t, t->ws, row, C_LABEL, "NGƯỜI LẬP BIỂU", t->sign);
    check(t, worksheet_merge_range(t->ws, row, C_VALUE, row, C_NOTE, "THỦ TRƯỞNG ĐƠN VỊ",
                                   t->sign), "writing row %u", (unsigned)row + 1);
    row++;
    put_text(t, t->ws, row, C_LABEL, "(Ký, ghi rõ họ tên)", t->sign_note);
    check(t, worksheet_merge_range(t->ws, row, C_VALUE, row, C_NOTE,
                                   "(Ký tên, đóng dấu)", t->sign_note),
          "writing row %u", (unsigned)row + 1);

    /* Printing and moving about: A4, as wide as a page, the header on
     * every page and always in sight. */
    worksheet_set_paper(t->ws, 9);
    worksheet_fit_to_pages(t->ws, 1, 0);
    check(t, worksheet_repeat_rows(t->ws, HEADER_ROW, HEADER_ROW), "setting the print titles");
    worksheet_freeze_panes(t->ws, HEADER_ROW + 1, 0);

    /* Everything locked but the cells to fill in; no password, so that a
     * province's staff can still correct a form.  Columns and rows may be
     * resized. */
    memset(&prot, 0, sizeof prot);
    prot.format_columns = 1;
    prot.format_rows = 1;
    worksheet_protect(t->ws, NULL, &prot);
}

static void set_properties(tpl *t, int u, long long created)
{
    const eg_unit *unit = &t->ds->registry.items[u];
    lxw_doc_properties props;
    char *title = eg_xasprintf("Biểu mẫu báo cáo Chính quyền điện tử năm %d: %s",
                               t->ds->year, unit->name);
    char *subject = eg_xasprintf("Số liệu ứng dụng công nghệ thông tin năm %d của %s (%s)",
                                 t->ds->year, unit->name, unit->code);

    memset(&props, 0, sizeof props);
    props.title = title;
    props.subject = subject;
    props.author = "egreport";
    props.keywords = "Chính quyền điện tử, công nghệ thông tin, biểu mẫu";
    props.comments = "Lập bằng egreport " EG_VERSION
                     ": điền cột Giá trị và Ghi chú rồi gửi lại; kiểm tra bằng egreport validate.";
    props.category = "Biểu mẫu báo cáo";
    props.created = (time_t)created;
    check(t, workbook_set_properties(t->wb, &props), "setting the document properties");
    free(title);
    free(subject);
}

int eg_template_write(const char *path, const eg_dataset *ds, const eg_catalogue *cat, int u,
                      long long created, eg_diag_list *dl)
{
    tpl t;
    lxw_error closing;
    eg_lxw_said said;
    int sys_err;

    memset(&t, 0, sizeof t);
    t.ds = ds;
    t.cat = cat;
    eg_lxw_said_begin(&said);
    t.wb = workbook_new(path);
    if (!t.wb) {
        eg_lxw_said_end(&said, 0);
        eg_diag_add(dl, EG_FATAL, "F_XLSX", path, 0, 0, NULL, NULL,
                    "cannot create the form '%s': %s", path,
                    lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED));
        return -1;
    }
    t.list_col = eg_xmalloc((cat->n ? cat->n : 1) * sizeof *t.list_col);
    /* Báo cáo first: the sheet a reader takes, and the one that opens. */
    t.ws = workbook_add_worksheet(t.wb, SHEET_FORM);
    t.lists = workbook_add_worksheet(t.wb, SHEET_LISTS);
    if (!t.ws || !t.lists)
        check(&t, LXW_ERROR_PARAMETER_VALIDATION, "adding the sheets");
    else {
        make_formats(&t);
        set_properties(&t, u, created);
        write_form(&t, u);
    }

    closing = eg_lxw_close(&said, t.wb, t.err == LXW_NO_ERROR, &sys_err);
    free(t.list_col);
    if (t.err == LXW_NO_ERROR && closing == LXW_NO_ERROR)
        return 0;
    unlink(path);
    eg_lxw_report(dl, "form", path, t.err, t.what, closing, sys_err);
    return -1;
}
