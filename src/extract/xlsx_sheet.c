/*
 * xlsx_sheet.c - one worksheet, streamed into rows.
 *
 * The sheet is never held: expat hands over <row> and <c> elements as
 * the part is decompressed, and each row goes to the caller as soon as it
 * ends.  What stays in memory is the shared strings (read before) and one
 * row.  A field sits at its spreadsheet column (column F is field 6)
 * whatever cells are missing before it; a row's number is its r
 * attribute, and rows missing from the file are simply absent.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"
#include "core/number.h"
#include "core/text.h"
#include "extract/encoding.h"
#include "extract/xlsx.h"
#include "extract/xlsx_priv.h"
#include "extract/xml_fast.h"

typedef enum { T_NUMBER, T_SHARED, T_INLINE, T_STR, T_BOOL, T_ERROR, T_DATE } cell_type;

/* The field of an empty slot: never freed, never written. */
static char empty_field[1];

typedef struct {
    const eg_xlsx_book *book;
    eg_row_fn fn;
    void *ctx;
    int in_data;            /* inside <sheetData> */
    int in_row;
    long row;               /* the current row's number */
    int row_hidden;         /* the current row is hidden (<row hidden="1">) */
    long last_row;          /* the previous row's, for rows without r */
    int row_unnumbered;     /* the current <row> has no r: its first cell's
                             * reference, when it has one, numbers it */
    int last_col;           /* the previous cell's column, for cells without r */
    /* the cell being read */
    int in_cell;
    int col;
    cell_type type;
    size_t style;
    int has_f, has_v, has_is, in_v, in_is, in_t, rph;
    eg_xlsx_text text;
    /* the row being built: slots 0..cap, n the highest used + 1 */
    char **fields;
    const char **errors;
    size_t cap, n;
    char *origin;           /* per slot: what its cell held, EG_FROM_* (row.h) */
    char **stored;          /* per slot: a date or time's number (eg_row.stored), or NULL */
    int *dirty;             /* slots set in this row, to clear after it */
    size_t n_dirty;
    int any_error;
    int any_stored;         /* a slot of this row has its stored number */
    int content;            /* a non-empty field or an error cell */
    eg_merges *collect;     /* where the sheet's merged ranges go, or NULL */
    const eg_merges *merges;   /* handed on with each row, or NULL */
    unsigned char *hidden_cols;   /* eg_row.hidden_cols: from <cols>, before the rows */
    size_t n_hidden_cols;
} sheet;

static const char *col_letters(char *buf, size_t cap, long col)
{
    char name[24];

    eg_cell_name(name, sizeof name, (int)col, 0);
    name[strcspn(name, "0123456789")] = '\0';
    snprintf(buf, cap, "%s", name);
    return buf;
}

/* Reads a cell reference, "F12" (or "F", row 0), into col and row.
 * Returns 0, or -1 when malformed (absolute "$F$12" is no cell name).
 * Values past Excel's bounds are returned as read (the row capped at
 * 10^7) for the caller to judge. */
static int parse_ref(const char *s, long *col, long *row)
{
    long c = 0, r = 0;
    int letters = 0, digits = 0;

    for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++, letters++) {
        if (letters >= 7)
            return -1;
        c = c * 26 + ((*s | 0x20) - 'a' + 1);
    }
    if (*s == '$')
        return -1;
    for (; *s >= '0' && *s <= '9'; s++, digits++)
        if (r < 10000000L)
            r = r * 10 + (*s - '0');
    if (*s || !letters || (digits && r == 0))     /* "C0": rows count from 1 */
        return -1;
    *col = c;
    *row = digits ? r : 0;
    return 0;
}

/* A whole number of digits only ("12"), or -1. */
static long parse_index(const char *s)
{
    long v = 0;

    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > 100000000L)
            return -1;
        v = v * 10 + (*s - '0');
    }
    return v;
}

/* --- the row buffer ----------------------------------------------------- */

static void clear_row(sheet *sh)
{
    for (size_t i = 0; i < sh->n_dirty; i++) {
        int c = sh->dirty[i];

        if (sh->fields[c] != empty_field)
            free(sh->fields[c]);
        free((char *)sh->errors[c]);
        free(sh->stored[c]);
        sh->fields[c] = empty_field;
        sh->errors[c] = NULL;
        sh->origin[c] = EG_FROM_OTHER;
        sh->stored[c] = NULL;
    }
    sh->n_dirty = 0;
    sh->n = 0;
    sh->any_error = 0;
    sh->any_stored = 0;
    sh->content = 0;
}

/* Puts a cell's field (owned) or error (owned) at column col; origin
 * says what the cell held (EG_FROM_*), stored (owned, or NULL) the
 * number of a cell shown as a date or a time. */
static void set_cell(sheet *sh, int col, char *field, char *error, int origin, char *stored)
{
    size_t i = (size_t)col - 1;

    if (i >= sh->cap) {
        size_t cap = sh->cap ? sh->cap : 16;

        while (cap <= i)
            cap *= 2;
        sh->fields = eg_xrealloc(sh->fields, cap * sizeof *sh->fields);
        sh->errors = eg_xrealloc(sh->errors, cap * sizeof *sh->errors);
        sh->dirty = eg_xrealloc(sh->dirty, cap * sizeof *sh->dirty);
        sh->origin = eg_xrealloc(sh->origin, cap);
        sh->stored = eg_xrealloc(sh->stored, cap * sizeof *sh->stored);
        for (size_t k = sh->cap; k < cap; k++) {
            sh->fields[k] = empty_field;
            sh->errors[k] = NULL;
            sh->origin[k] = EG_FROM_OTHER;
            sh->stored[k] = NULL;
        }
        sh->cap = cap;
    }
    if (sh->fields[i] == empty_field && !sh->errors[i])
        sh->dirty[sh->n_dirty++] = (int)i;
    else {                                  /* a cell given twice: the last wins */
        if (sh->fields[i] != empty_field)
            free(sh->fields[i]);
        free((char *)sh->errors[i]);
        free(sh->stored[i]);
    }
    sh->fields[i] = field ? field : empty_field;
    sh->errors[i] = error;
    sh->origin[i] = (char)(field ? origin : EG_FROM_OTHER);
    sh->stored[i] = field ? stored : NULL;
    if (!field)
        free(stored);
    else if (stored)
        sh->any_stored = 1;
    if (error)
        sh->any_error = 1;
    if (error || (field && field[0])) {
        sh->content = 1;
        if (i + 1 > sh->n)
            sh->n = i + 1;
    }
}

/* An xsd:boolean attribute that holds: "1" or "true". */
static int xml_true(const char *v)
{
    return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}

static void end_row(eg_xml *x, sheet *sh)
{
    /* Rows with nothing in them (formatting only) are blank lines. */
    if (sh->content) {
        eg_row r = { .row = sh->row, .n = sh->n, .fields = sh->fields,
                     .cell_errors = sh->any_error ? sh->errors : NULL,
                     .origins = sh->origin,
                     .stored = sh->any_stored ? (const char *const *)sh->stored : NULL,
                     .sheet = sh->book->sheet_name, .merges = sh->merges,
                     .hidden = sh->row_hidden, .hidden_cols = sh->hidden_cols,
                     .n_hidden_cols = sh->n_hidden_cols };

        if (sh->fn(sh->ctx, &r))
            eg_xml_stop(x);
    }
    clear_row(sh);
}

/* --- cells -------------------------------------------------------------- */

static cell_type type_of(const char *t)
{
    if (!t || strcmp(t, "n") == 0)
        return T_NUMBER;
    if (strcmp(t, "s") == 0)
        return T_SHARED;
    if (strcmp(t, "inlineStr") == 0)
        return T_INLINE;
    if (strcmp(t, "str") == 0)
        return T_STR;
    if (strcmp(t, "b") == 0)
        return T_BOOL;
    if (strcmp(t, "e") == 0)
        return T_ERROR;
    if (strcmp(t, "d") == 0)
        return T_DATE;
    return T_NUMBER;
}

/* A cell of type d holds an ISO 8601 date: "2021-12-15T00:00:00" ->
 * "2021-12-15"; a time of day other than midnight is kept. */
static char *iso_date(const char *s)
{
    char *out = eg_xstrdup(s), *t = strchr(out, 'T');

    if (t) {
        const char *p = t + 1;

        while (*p == '0' || *p == ':' || *p == '.' || *p == 'Z')
            p++;
        if (!*p)
            *t = '\0';
        else
            *t = ' ';
    }
    return out;
}

/* The sheet goes on past the rows read (--max-rows): row is the first
 * one left. */
static void too_long(eg_xml *x, long row)
{
    char n[32];

    eg_xml_fail(x, "E_FILE_TOO_LONG", row, 0, "trang tính có hơn %s dòng; phần còn lại không được đọc",
                eg_fmt_int(n, sizeof n, (int64_t)x->pkg->lim.max_rows));
}

static void start_cell(eg_xml *x, sheet *sh, const char **attrs)
{
    const char *r = eg_xml_attr(attrs, "r");
    const char *s = eg_xml_attr(attrs, "s");
    long col, row, style;
    char name[24];

    if (r) {
        if (parse_ref(r, &col, &row) || row > EG_XLSX_MAX_ROWS) {
            eg_xml_fail(x, "E_XLSX_BAD_REF", sh->row, sh->last_col + 1,
                        "trang tính có ô mang địa chỉ '%.*s', không phải địa chỉ ô hợp lệ (từ A1 đến XFD1048576): bảng tính bị hỏng; lưu lại bằng Excel hoặc LibreOffice",
                        (int)eg_utf8_prefix(r, 20), r);
            return;
        }
        /* <row> without r, <c r="A5">: row 5, as Excel and LibreOffice
         * read it, not the one after the previous row; past the rows
         * read, as a <row r> past them */
        if (sh->row_unnumbered && row > sh->row) {
            if (row > (long)x->pkg->lim.max_rows) {
                too_long(x, row);
                return;
            }
            sh->row = sh->last_row = row;
        }
    } else {
        col = sh->last_col + 1;     /* cells without r follow each other */
    }
    sh->row_unnumbered = 0;
    if (col > EG_XLSX_MAX_COLS || (size_t)col > x->pkg->lim.max_fields) {
        char max[32];

        eg_xml_fail(x, "E_FILE_TOO_WIDE", sh->row, 0,
                    "dòng %ld có ô ở cột %s, vượt quá %s cột cho phép: chỉ gửi riêng trang tính báo cáo",
                    sh->row, col_letters(name, sizeof name, col),
                    eg_fmt_int(max, sizeof max, (int64_t)x->pkg->lim.max_fields));
        return;
    }
    style = s ? parse_index(s) : 0;
    sh->in_cell = 1;
    sh->col = (int)col;
    sh->last_col = (int)col;
    sh->type = type_of(eg_xml_attr(attrs, "t"));
    sh->style = style > 0 ? (size_t)style : 0;
    sh->has_f = sh->has_v = sh->has_is = sh->in_v = sh->in_is = sh->in_t = sh->rph = 0;
    sh->text.len = 0;
    if (sh->text.s)
        sh->text.s[0] = '\0';
}

static eg_cell_kind kind_of(const sheet *sh)
{
    return sh->style < sh->book->n_xf ? sh->book->xf_kind[sh->style] : EG_CELL_NUMBER;
}

static unsigned hides_of(const sheet *sh)
{
    return sh->style < sh->book->n_xf ? sh->book->xf_hides[sh->style] : 0;
}

/* The cell is over: its value becomes a field (or an error). */
static void end_cell(eg_xml *x, sheet *sh)
{
    const char *v = sh->text.s ? sh->text.s : "", *word;
    char *field = NULL, *error = NULL, *stored = NULL, name[24], count[32];
    size_t chars = 0;
    double num;
    int origin = sh->type == T_SHARED || sh->type == T_INLINE || sh->type == T_STR
                 ? EG_FROM_TEXT : EG_FROM_OTHER;
    int unshown = origin == EG_FROM_TEXT && (hides_of(sh) & EG_HIDES_TEXT);

    sh->in_cell = 0;
    /* A formula without a saved result (openpyxl writes <v></v> or no
     * <v>): not empty to the clerk's eyes, so not silently missing.  A
     * text formula may well have "" as its result. */
    if (sh->type != T_INLINE &&
        (!sh->has_v || (sh->has_f && sh->type != T_STR && !v[strspn(v, " \t\r\n")]))) {
        if (sh->has_f)
            set_cell(sh, sh->col, NULL, eg_xstrdup(""), EG_FROM_OTHER, NULL);
        return;
    }
    switch (sh->type) {
    case T_SHARED: {
        long i = parse_index(v);

        if (i < 0 || (size_t)i >= sh->book->n_strings) {
            eg_xml_fail(x, "E_XLSX_DAMAGED", sh->row, sh->col,
                        "ô %s tham chiếu đến chuỗi văn bản dùng chung '%.*s', nhưng bảng tính có %s chuỗi: bảng tính bị hỏng; lưu lại bằng Excel hoặc LibreOffice",
                        eg_cell_name(name, sizeof name, sh->col, sh->row),
                        (int)eg_utf8_prefix(v, 20), v,
                        eg_fmt_int(count, sizeof count, (int64_t)sh->book->n_strings));
            return;
        }
        field = eg_xstrdup(sh->book->strings[i]);
        break;
    }
    case T_INLINE:
    case T_STR:
        field = eg_xlsx_field(v, sh->text.len, &chars);
        if (chars > EG_XLSX_MAX_CELL_CHARS) {
            free(field);
            eg_xml_fail(x, "E_XLSX_CELL_TOO_LONG", sh->row, sh->col,
                        "ô %s có %s ký tự, nhiều hơn 32.767 ký tự mà một ô bảng tính chứa được: tệp này không phải do chương trình bảng tính lưu ra; phần còn lại của tệp không được đọc",
                        eg_cell_name(name, sizeof name, sh->col, sh->row),
                        eg_fmt_int(count, sizeof count, (int64_t)chars));
            return;
        }
        if (sh->book->legacy != EG_LEGACY_NONE) {
            char *fixed = eg_legacy_fix_utf8((eg_legacy)sh->book->legacy, field);

            if (fixed) {
                free(field);
                field = fixed;
            }
        }
        break;
    case T_BOOL:
        field = eg_xlsx_field(v, sh->text.len, NULL);
        /* 0 or 1, as spreadsheets write it; "true" and "false", as some
         * libraries do and Excel reads */
        if (strcasecmp(field, "true") == 0 || strcasecmp(field, "false") == 0) {
            field[0] = (field[0] | 0x20) == 't' ? '1' : '0';
            field[1] = '\0';
        }
        if (strcmp(field, "1") != 0 && strcmp(field, "0") != 0) {
            /* "2" in a yes/no cell was read as the count 2 */
            eg_xml_fail(x, "E_XLSX_DAMAGED", sh->row, sh->col,
                        "ô %s là ô có/không chứa '%.*s', trong khi chương trình bảng tính ghi 0 hoặc 1 (TRUE hoặc FALSE): bảng tính bị hỏng; lưu lại bằng Excel hoặc LibreOffice",
                        eg_cell_name(name, sizeof name, sh->col, sh->row),
                        (int)eg_utf8_prefix(field, 20), field);
            free(field);
            return;
        }
        word = field[0] == '1' ? "TRUE" : "FALSE";
        free(field);
        field = eg_xstrdup(word);
        break;
    case T_ERROR:
        error = eg_xlsx_field(v, sh->text.len, NULL);
        break;
    case T_DATE:
        field = iso_date(v);
        break;
    case T_NUMBER:
        if (eg_cell_parse_number(v, &num) == 0) {
            char buf[EG_CELL_TEXT_MAX];
            eg_cell_kind kind = kind_of(sh);

            field = eg_xstrdup(eg_cell_number_text(buf, sizeof buf, num, kind,
                                                   sh->book->date1904));
            unshown = eg_cellfmt_hidden(hides_of(sh), num);
            if (kind == EG_CELL_NUMBER) {
                origin = EG_FROM_NUMBER;
            } else if (kind == EG_CELL_PERCENT) {
                origin = EG_FROM_PERCENT;
            } else {
                origin = EG_FROM_DATE;
                stored = eg_xstrdup(eg_cell_number_text(buf, sizeof buf, num, EG_CELL_NUMBER,
                                                        sh->book->date1904));
            }
        } else {
            field = eg_xlsx_field(v, sh->text.len, NULL);
        }
        break;
    }
    set_cell(sh, sh->col, field, error, origin | (unshown ? EG_FROM_UNSHOWN : 0), stored);
}

/* --- expat handlers ----------------------------------------------------- */

/* A <mergeCell ref="A5:A8"/> (after the sheet's data) kept in m. */
static void add_merge(eg_xml *x, eg_merges *m, const char **attrs)
{
    const char *ref = eg_xml_attr(attrs, "ref");
    int rc = ref ? eg_merges_add_ref(m, ref) : 1;

    if (rc > 0)
        eg_xml_fail(x, "E_XLSX_BAD_REF", 0, 0,
                    "trang tính gộp các ô '%.*s', không phải vùng ô hợp lệ: bảng tính bị hỏng; lưu lại bằng Excel hoặc LibreOffice",
                    (int)eg_utf8_prefix(ref ? ref : "", 20), ref ? ref : "");
    else if (rc < 0)
        eg_xml_fail(x, "E_XLSX_TOO_MANY_MERGES", 0, 0, EG_MERGES_TOO_MANY_MSG);
}

static void check_dimension(eg_xml *x, const char *ref)
{
    const char *colon = ref ? strchr(ref, ':') : NULL;
    long col, row;
    char name[24], count[32];

    /* "A1:G53": only the far corner can be out of bounds. */
    if (!ref || parse_ref(colon ? colon + 1 : ref, &col, &row))
        return;
    if (col > EG_XLSX_MAX_COLS)
        eg_xml_fail(x, "E_FILE_TOO_WIDE", 0, 0,
                    "trang tính khai báo %s cột (đến cột %s), nhiều hơn 16.384 cột (đến XFD) mà một trang tính có thể có: tệp này không phải do chương trình bảng tính lưu ra",
                    eg_fmt_int(count, sizeof count, col), col_letters(name, sizeof name, col));
    else if (row > EG_XLSX_MAX_ROWS)
        eg_xml_fail(x, "E_XLSX_BAD_REF", 0, 0,
                    "trang tính khai báo %s dòng, nhiều hơn 1.048.576 dòng mà một trang tính có thể có: tệp này không phải do chương trình bảng tính lưu ra",
                    eg_fmt_int(count, sizeof count, row));
}

/* A width or a height of 0 ("0", "0.0"): what a column dragged shut,
 * or a row, has; the spreadsheet shows nothing of it, as of one hidden. */
static int zero_size(const char *v)
{
    char *end = NULL;

    return v && v[0] && strtod(v, &end) == 0 && !*end;
}

/* A <col> of <cols> (before the rows): columns min to max hidden, or
 * of width 0, which hides them as well.  Out of range, nothing. */
static void hide_cols(sheet *sh, const char **attrs)
{
    const char *mn = eg_xml_attr(attrs, "min"), *mx = eg_xml_attr(attrs, "max");
    long lo, hi;

    if (!xml_true(eg_xml_attr(attrs, "hidden")) && !zero_size(eg_xml_attr(attrs, "width")))
        return;
    lo = mn ? parse_index(mn) : -1;
    hi = mx ? parse_index(mx) : -1;
    if (lo < 1 || hi < lo || hi > EG_XLSX_MAX_COLS)
        return;
    if ((size_t)hi > sh->n_hidden_cols) {
        sh->hidden_cols = eg_xrealloc(sh->hidden_cols, (size_t)hi);
        memset(sh->hidden_cols + sh->n_hidden_cols, 0, (size_t)hi - sh->n_hidden_cols);
        sh->n_hidden_cols = (size_t)hi;
    }
    memset(sh->hidden_cols + lo - 1, 1, (size_t)(hi - lo + 1));
}

static void on_start(eg_xml *x, const char *name, const char **attrs)
{
    sheet *sh = x->ud;
    const char *local = eg_xml_local(name);

    if (sh->in_cell) {
        if (strcmp(local, "v") == 0 || strcmp(local, "is") == 0) {
            int is_v = local[0] == 'v';
            int *seen = is_v ? &sh->has_v : &sh->has_is;
            char cell[24];

            /* Two values in one cell: joined, they were a figure neither
             * is (5 and 7 read 57); LibreOffice shows the last.  A <v>
             * and an <is>: Excel shows the <is>, LibreOffice nothing, so
             * the clerk may have seen either. */
            if (*seen)
                eg_xml_fail(x, "E_XLSX_DAMAGED", sh->row, sh->col,
                            "ô %s có hai giá trị (hai thẻ <%s>), trong khi chương trình bảng tính ghi một: bảng tính bị hỏng; lưu lại bằng Excel hoặc LibreOffice",
                            eg_cell_name(cell, sizeof cell, sh->col, sh->row), local);
            else if (sh->has_v || sh->has_is)
                eg_xml_fail(x, "E_XLSX_DAMAGED", sh->row, sh->col,
                            "ô %s có hai giá trị (một thẻ <v> và một thẻ <is>), mà Excel hiện một giá trị còn LibreOffice hiện ô trống: bảng tính bị hỏng; lưu lại bằng Excel hoặc LibreOffice rồi kiểm tra ô này",
                            eg_cell_name(cell, sizeof cell, sh->col, sh->row));
            *seen = 1;
            *(is_v ? &sh->in_v : &sh->in_is) = 1;
        } else if (strcmp(local, "f") == 0) {
            sh->has_f = 1;
        } else if (strcmp(local, "rPh") == 0) {
            sh->rph++;
        } else if (strcmp(local, "t") == 0 && sh->in_is && !sh->rph) {
            sh->in_t = 1;
        }
        return;
    }
    if (sh->in_row) {
        if (strcmp(local, "c") == 0)
            start_cell(x, sh, attrs);
        return;
    }
    if (!sh->in_data) {
        if (strcmp(local, "sheetData") == 0)
            sh->in_data = 1;
        else if (strcmp(local, "dimension") == 0)
            check_dimension(x, eg_xml_attr(attrs, "ref"));
        else if (sh->collect && strcmp(local, "mergeCell") == 0)
            add_merge(x, sh->collect, attrs);
        else if (strcmp(local, "col") == 0)
            hide_cols(sh, attrs);
        return;
    }
    if (strcmp(local, "row") == 0) {
        const char *r = eg_xml_attr(attrs, "r");
        long row = r ? parse_index(r) : sh->last_row + 1;

        if (row < 1 || row > EG_XLSX_MAX_ROWS) {
            eg_xml_fail(x, "E_XLSX_BAD_REF", sh->last_row + 1, 0,
                        "trang tính có dòng mang số '%.*s', không phải số dòng hợp lệ (từ 1 đến 1.048.576): bảng tính bị hỏng; lưu lại bằng Excel hoặc LibreOffice",
                        (int)eg_utf8_prefix(r ? r : "", 20), r ? r : "");
            return;
        }
        if (row > x->pkg->lim.max_rows) {
            too_long(x, row);
            return;
        }
        sh->in_row = 1;
        sh->row = row;
        sh->row_hidden = xml_true(eg_xml_attr(attrs, "hidden")) ||
                         zero_size(eg_xml_attr(attrs, "ht"));
        sh->row_unnumbered = !r;
        sh->last_row = row;
        sh->last_col = 0;
    }
}

static void on_end(eg_xml *x, const char *name)
{
    sheet *sh = x->ud;
    const char *local = eg_xml_local(name);

    if (sh->in_cell) {
        if (strcmp(local, "c") == 0)
            end_cell(x, sh);
        else if (strcmp(local, "v") == 0)
            sh->in_v = 0;
        else if (strcmp(local, "is") == 0)
            sh->in_is = 0;
        else if (strcmp(local, "rPh") == 0 && sh->rph > 0)
            sh->rph--;
        else if (strcmp(local, "t") == 0)
            sh->in_t = 0;
        return;
    }
    if (sh->in_row && strcmp(local, "row") == 0) {
        sh->in_row = 0;
        end_row(x, sh);
    } else if (sh->in_data && !sh->in_row && strcmp(local, "sheetData") == 0) {
        sh->in_data = 0;
    }
}

static void on_text(eg_xml *x, const char *s, int len)
{
    sheet *sh = x->ud;
    char name[24], max[32];

    /* An inline string is its <is> alone, any other cell its <v> (a cell
     * with both is refused in on_start). */
    if (sh->type == T_INLINE ? !sh->in_t : !sh->in_v)
        return;
    if (eg_xlsx_text_add(&sh->text, s, (size_t)len) < 0)
        eg_xml_fail(x, "E_XLSX_CELL_TOO_LONG", sh->row, sh->col,
                    "ô %s chứa hơn %s byte, nhiều hơn một ô bảng tính chứa được: phần còn lại của tệp không được đọc",
                    eg_cell_name(name, sizeof name, sh->col, sh->row),
                    eg_fmt_int(max, sizeof max, (int64_t)sh->text.max));
}

/* --- legacy text in inline strings ------------------------------------------ */

typedef struct {
    eg_legacy_scan *scan;
    int inline_cell, in_is, in_t, rph;
    eg_xlsx_text text;
    eg_merges *collect;     /* where the sheet's merged ranges go, or NULL */
} inline_scan;

static void scan_start(eg_xml *x, const char *name, const char **attrs)
{
    inline_scan *is = x->ud;
    const char *local = eg_xml_local(name);

    /* What the reading reads (on_text): the <is> of an inline string
     * alone, not one beside another cell's <v> */
    if (strcmp(local, "c") == 0) {
        is->inline_cell = type_of(eg_xml_attr(attrs, "t")) == T_INLINE;
    } else if (strcmp(local, "is") == 0 && is->inline_cell) {
        is->in_is = 1;
        is->rph = 0;
    } else if (is->in_is && strcmp(local, "rPh") == 0) {
        is->rph++;
    } else if (is->in_is && !is->rph && strcmp(local, "t") == 0) {
        is->in_t = 1;
        is->text.len = 0;
    } else if (is->collect && strcmp(local, "mergeCell") == 0) {
        add_merge(x, is->collect, attrs);
    }
}

static void scan_end(eg_xml *x, const char *name)
{
    inline_scan *is = x->ud;
    const char *local = eg_xml_local(name);

    if (strcmp(local, "t") == 0 && is->in_t) {
        is->in_t = 0;
        if (is->text.len && eg_utf8_valid(is->text.s, is->text.len))
            eg_legacy_scan_utf8(is->scan, is->text.s, is->text.len);
    } else if (strcmp(local, "rPh") == 0 && is->rph > 0) {
        is->rph--;
    } else if (strcmp(local, "is") == 0) {
        is->in_is = 0;
    }
}

static void scan_text(eg_xml *x, const char *s, int len)
{
    inline_scan *is = x->ud;

    /* Past the cap the text is simply not evidence: the reading pass
     * reports the cell. */
    if (is->in_t)
        (void)eg_xlsx_text_add(&is->text, s, (size_t)len);
}

int eg_xlsx_scan_inline(eg_xlsx_pkg *pkg, zip_int64_t index, const char *part, void *scan,
                        eg_merges *merges)
{
    inline_scan is = { 0 };
    int rc;

    is.scan = scan;
    is.collect = merges;
    is.text.max = pkg->lim.max_field;
    rc = eg_xlsx_parse(pkg, index, part, scan_start, scan_end, scan_text, &is, 1);
    eg_xlsx_text_free(&is.text);
    eg_merges_sort(merges);
    return rc;
}

static void sheet_free(sheet *sh)
{
    clear_row(sh);
    free(sh->fields);
    free(sh->errors);
    free(sh->origin);
    free(sh->stored);
    free(sh->dirty);
    free(sh->hidden_cols);
    eg_xlsx_text_free(&sh->text);
}

int eg_xlsx_read_sheet(eg_xlsx_pkg *pkg, const eg_xlsx_book *book, zip_int64_t index,
                       const char *part, const eg_merges *merges, eg_row_fn fn, void *ctx)
{
    sheet sh = { 0 };
    int rc;

    sh.book = book;
    sh.merges = merges;
    sh.fn = fn;
    sh.ctx = ctx;
    sh.text.max = pkg->lim.max_field;
    rc = eg_xlsx_parse(pkg, index, part, on_start, on_end, on_text, &sh, 0);
    sheet_free(&sh);
    return rc;
}

/* --- a small sheet in one pass ---------------------------------------------- */

/* A row held until the sheet is read whole: its fields, their errors
 * (NULL when none), what their cells held (EG_FROM_*) and the numbers
 * of its cells shown as dates or times (NULL when none). */
typedef struct {
    long row;
    int hidden;
    size_t n;
    char **fields;
    char **errors;
    char *origin;
    char **stored;
} held_row;

typedef struct {
    sheet sh;
    inline_scan is;
    eg_merges merges;
    held_row *rows;
    size_t n, cap;
    size_t bytes;           /* what the rows hold, about */
    int too_big;
} held;

static atomic_size_t one_pass_reads;

size_t eg_xlsx_one_pass_reads(void)
{
    return atomic_load(&one_pass_reads);
}

/* The most a held sheet may take before it is read in two passes instead. */
#define HELD_MAX_BYTES ((size_t)16 << 20)

/* What an allocation of n bytes takes, about: malloc's granule and header. */
static size_t taken(size_t n)
{
    return ((n + 15) & ~(size_t)15) + 16;
}

static int hold_row(void *ctx, const eg_row *r)
{
    held *h = ctx;
    held_row *hr;

    if (h->n == h->cap) {
        h->cap = h->cap ? 2 * h->cap : 64;
        h->rows = eg_xrealloc(h->rows, h->cap * sizeof *h->rows);
    }
    hr = &h->rows[h->n++];
    hr->row = r->row;
    hr->hidden = r->hidden;
    hr->n = r->n;
    hr->fields = eg_xcalloc(r->n ? r->n : 1, sizeof *hr->fields);
    hr->errors = NULL;
    hr->stored = NULL;
    hr->origin = eg_xmalloc(r->n ? r->n : 1);
    memcpy(hr->origin, r->origins, r->n);
    h->bytes += sizeof *hr + taken(r->n * sizeof *hr->fields) + taken(r->n);
    for (size_t i = 0; i < r->n; i++) {
        /* the empty slots of a sparse row share one empty field */
        if (r->fields[i][0]) {
            size_t len = strlen(r->fields[i]);

            hr->fields[i] = eg_xmalloc(len + 1);
            memcpy(hr->fields[i], r->fields[i], len + 1);
            h->bytes += taken(len + 1);
        } else {
            hr->fields[i] = empty_field;
        }
        if (r->cell_errors && r->cell_errors[i]) {
            if (!hr->errors) {
                hr->errors = eg_xcalloc(r->n, sizeof *hr->errors);
                h->bytes += taken(r->n * sizeof *hr->errors);
            }
            hr->errors[i] = eg_xstrdup(r->cell_errors[i]);
            h->bytes += taken(strlen(r->cell_errors[i]) + 1);
        }
        if (r->stored && r->stored[i]) {
            if (!hr->stored) {
                hr->stored = eg_xcalloc(r->n, sizeof *hr->stored);
                h->bytes += taken(r->n * sizeof *hr->stored);
            }
            hr->stored[i] = eg_xstrdup(r->stored[i]);
            h->bytes += taken(strlen(r->stored[i]) + 1);
        }
    }
    if (h->bytes > HELD_MAX_BYTES) {
        h->too_big = 1;
        return 1;               /* stops the parse: two passes instead */
    }
    return 0;
}

static void held_free(held *h)
{
    for (size_t k = 0; k < h->n; k++) {
        for (size_t i = 0; i < h->rows[k].n; i++) {
            if (h->rows[k].fields[i] != empty_field)
                free(h->rows[k].fields[i]);
            if (h->rows[k].errors)
                free(h->rows[k].errors[i]);
            if (h->rows[k].stored)
                free(h->rows[k].stored[i]);
        }
        free(h->rows[k].fields);
        free(h->rows[k].errors);
        free(h->rows[k].stored);
        free(h->rows[k].origin);
    }
    free(h->rows);
    sheet_free(&h->sh);
    eg_xlsx_text_free(&h->is.text);
    eg_merges_free(&h->merges);
}

/* Both readings at once: the rows and the inline strings' legacy text. */
static void held_start(eg_xml *x, const char *name, const char **attrs)
{
    held *h = x->ud;

    x->ud = &h->is;
    scan_start(x, name, attrs);
    x->ud = &h->sh;
    on_start(x, name, attrs);
    x->ud = h;
}

static void held_end(eg_xml *x, const char *name)
{
    held *h = x->ud;

    x->ud = &h->is;
    scan_end(x, name);
    x->ud = &h->sh;
    on_end(x, name);
    x->ud = h;
}

static void held_text(eg_xml *x, const char *s, int len)
{
    held *h = x->ud;

    x->ud = &h->is;
    scan_text(x, s, len);
    x->ud = &h->sh;
    on_text(x, s, len);
    x->ud = h;
}

/* A held reading made ready: nothing read yet. */
static void held_init(held *h, eg_xlsx_pkg *pkg, eg_xlsx_book *book, void *scan)
{
    memset(h, 0, sizeof *h);
    h->sh.book = book;
    h->sh.fn = hold_row;
    h->sh.ctx = h;
    h->sh.text.max = pkg->lim.max_field;
    h->sh.collect = &h->merges;
    h->is.scan = scan;
    h->is.text.max = pkg->lim.max_field;
}

/* The inflated part read into h: by xml_fast.c when it takes the text,
 * else (h and the scan started again) by expat.  0, or -1 after an error. */
static int held_parse(eg_xlsx_pkg *pkg, eg_xlsx_book *book, const char *part, const char *doc,
                      size_t len, void *scan, held *h)
{
    eg_legacy_scan before = *(eg_legacy_scan *)scan;
    eg_xml x;

    eg_xml_init(&x, pkg, part, held_start, held_end, held_text, h);
    if (eg_xml_fast_parse(&x, doc, len) == EG_XML_FAST_DONE)
        return pkg->failed ? -1 : 0;
    held_free(h);
    held_init(h, pkg, book, scan);
    *(eg_legacy_scan *)scan = before;
    pkg->failed = 0;
    return eg_xlsx_parse_doc(pkg, part, doc, len, held_start, held_end, held_text, h);
}

int eg_xlsx_read_small_sheet(eg_xlsx_pkg *pkg, eg_xlsx_book *book, zip_int64_t index,
                             const char *part, uint64_t max_part, void *scan, eg_row_fn fn,
                             void *ctx, int (*decided)(void *arg), void *arg)
{
    held h;
    eg_diag_list quiet = { 0 }, *dl = pkg->dl;
    uint64_t total = pkg->total;
    char *doc;
    size_t len;
    int rc, stopped = 0;

    if (book->legacy != EG_LEGACY_NONE)
        return 1;
    held_init(&h, pkg, book, scan);
    /* Whatever goes wrong is said by the two passes, which read again. */
    pkg->dl = &quiet;
    rc = eg_xlsx_inflate(pkg, index, part, 1, max_part, &doc, &len);
    if (rc == 0) {
        rc = held_parse(pkg, book, part, doc, len, scan, &h);
        free(doc);
    }
    pkg->dl = dl;
    /* anything said at all, or too big: the two passes say it */
    if (rc != 0 || pkg->failed || h.too_big || quiet.n) {
        eg_diag_free(&quiet);
        pkg->failed = 0;
        pkg->total = total;
        held_free(&h);
        return 1;
    }
    eg_diag_free(&quiet);
    atomic_fetch_add(&one_pass_reads, 1);
    if (decided(arg)) {
        held_free(&h);
        return -1;
    }
    /* The rows, their texts converted as the two passes convert them. */
    eg_merges_sort(&h.merges);
    for (size_t k = 0; k < h.n && !stopped; k++) {
        held_row *hr = &h.rows[k];
        eg_row r = { .row = hr->row, .n = hr->n, .fields = hr->fields,
                     .cell_errors = (const char *const *)hr->errors,
                     .origins = hr->origin,
                     .stored = (const char *const *)hr->stored,
                     .sheet = book->sheet_name,
                     .merges = &h.merges, .hidden = hr->hidden,
                     .hidden_cols = h.sh.hidden_cols, .n_hidden_cols = h.sh.n_hidden_cols };

        for (size_t i = 0; i < hr->n && book->legacy != EG_LEGACY_NONE; i++) {
            char *fixed = EG_FROM_WHAT(hr->origin[i]) == EG_FROM_TEXT && hr->fields[i] != empty_field
                              ? eg_legacy_fix_utf8((eg_legacy)book->legacy, hr->fields[i])
                              : NULL;

            if (fixed) {
                free(hr->fields[i]);
                hr->fields[i] = fixed;
            }
        }
        stopped = fn(ctx, &r) != 0;
    }
    held_free(&h);
    return 0;
}
