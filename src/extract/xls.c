#include "extract/xls.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/file.h"
#include "core/mem.h"
#include "core/number.h"
#include "core/text.h"
#include "extract/cellfmt.h"
#include "extract/encoding.h"
#include "extract/filesig.h"
#include "extract/xls_biff.h"

/* A worksheet of the workbook, as listed. */
typedef struct {
    const char *name;       /* held by the BIFF reader */
    int hidden;             /* hidden or very hidden */
    unsigned at;            /* its place in the BIFF reader's list */
} sheet_ref;

typedef struct {
    eg_biff biff;           /* the workbook (xls_biff.h) */
    eg_legacy legacy;       /* TCVN3 or VNI text, else NONE */
    sheet_ref *sheets;      /* the worksheets, in the workbook's order */
    unsigned n_sheets;
    unsigned rows, cols;    /* of the sheet selected */
    int probing;            /* rows go to the probe: no merges, no hidden rows */
} book;

/* What a file that is no .xls looks like, from its first bytes; NULL
 * when it starts as a compound file (an .xls) does. */
static const char *looks_like(const unsigned char *b, size_t n)
{
    eg_file_sig sig = eg_file_sig_of(b, n);
    int text = n > 0;

    if (n == 0)
        return "tệp trống";
    if (sig == EG_SIG_OLE)
        return NULL;
    if (sig == EG_SIG_ZIP)
        return "tệp là tệp nén zip, nhiều khả năng là bảng tính .xlsx: đổi đuôi tệp thành .xlsx";
    if (b[0] == '<')
        return "tệp là trang web (HTML hoặc XML), không phải bảng tính: mở tệp bằng chương trình bảng tính rồi lưu lại dưới dạng bảng tính Excel";
    for (size_t i = 0; i < n; i++)
        if (b[i] < 0x09 || (b[i] > 0x0D && b[i] < 0x20))
            text = 0;
    if (text)
        return "tệp là tệp văn bản: nếu là tệp CSV, đổi đuôi tệp thành .csv";
    return "tệp thuộc loại khác";
}

/* 0 when path starts as an .xls does; else -1 after E_FILE_READ or
 * E_XLS_NOT_XLS saying what it looks like. */
static int check_signature(const char *path, const char *display, eg_diag_list *dl)
{
    unsigned char b[8] = { 0 };
    FILE *f = fopen(path, "rb");
    size_t n;
    const char *what;

    if (!f) {
        eg_diag_add(dl, EG_ERROR, "E_FILE_READ", display, 0, 0, NULL, NULL,
                    "không mở được tệp: %s", eg_strerror_vi(errno));
        return -1;
    }
    n = fread(b, 1, sizeof b, f);
    if (ferror(f)) {
        /* no bytes to judge it by: not "an empty file" */
        int err = errno;

        fclose(f);
        eg_diag_add(dl, EG_ERROR, "E_FILE_READ", display, 0, 0, NULL, NULL,
                    "không đọc được tệp: %s", eg_strerror_vi(err));
        return -1;
    }
    fclose(f);
    what = looks_like(b, n);
    if (!what)
        return 0;
    eg_diag_add(dl, EG_ERROR, "E_XLS_NOT_XLS", display, 0, 0, NULL, NULL,
                "tệp không phải bảng tính Excel 97-2003 (.xls): %s", what);
    return -1;
}

/* input-format.md: the report's sheet is "BaoCao" or "Báo cáo", told
 * apart folded and without spaces, as the other spreadsheet reader does. */
static int is_report_sheet(const char *name)
{
    return eg_fold_is(name, "baocao");
}

/* The worksheets (not the chart or macro sheets). */
static void list_sheets(book *bk)
{
    bk->sheets = eg_xcalloc(bk->biff.n_sheets ? bk->biff.n_sheets : 1, sizeof *bk->sheets);
    for (size_t i = 0; i < bk->biff.n_sheets; i++)
        if (bk->biff.sheets[i].worksheet) {
            sheet_ref *s = &bk->sheets[bk->n_sheets++];

            s->name = bk->biff.sheets[i].name;
            s->hidden = bk->biff.sheets[i].hidden;
            s->at = (unsigned)i;
        }
}

/* The sheet to read: the report sheet, else the first visible one, else
 * the first; -1 when there is none. */
static int choose_sheet(const book *bk)
{
    int first_visible = -1;

    for (unsigned i = 0; i < bk->n_sheets; i++) {
        if (is_report_sheet(bk->sheets[i].name))
            return (int)i;
        if (first_visible < 0 && !bk->sheets[i].hidden)
            first_visible = (int)i;
    }
    return first_visible >= 0 ? first_visible : bk->n_sheets > 0 ? 0 : -1;
}

/* Makes sheet k the one whose cells are read, and its extent known; 0,
 * or -1 with *why. */
static int select_sheet(book *bk, unsigned k, const char **why)
{
    if (eg_biff_read_sheet(&bk->biff, bk->sheets[k].at, why) != 0)
        return -1;
    bk->rows = bk->biff.rows;
    bk->cols = bk->biff.cols;
    return 0;
}

/* A text cell as a field: from TCVN3 or VNI when the sheet's text was
 * typed so, NFC, trimmed. */
static char *text_field(const book *bk, const char *s)
{
    char *out = NULL;

    if (!eg_utf8_valid(s, strlen(s)))
        return eg_xstrdup("");
    if (bk->legacy != EG_LEGACY_NONE)
        out = eg_legacy_fix_utf8(bk->legacy, s);
    if (!out)
        out = eg_nfc(s);
    return eg_trim(out);
}

static char *number_field(double x, int kind, int date1904)
{
    char buf[EG_CELL_TEXT_MAX];

    return eg_xstrdup(eg_cell_number_text(buf, sizeof buf, x, (eg_cell_kind)kind, date1904));
}

/* What a number cell of format kind held (EG_FROM_*); *stored set to the
 * number itself (owned) when it is shown as a date or a time. */
static char number_origin(double x, int kind, int date1904, char **stored)
{
    if (kind == EG_CELL_NUMBER)
        return EG_FROM_NUMBER;
    if (kind == EG_CELL_PERCENT)
        return EG_FROM_PERCENT;
    *stored = number_field(x, EG_CELL_NUMBER, date1904);
    return EG_FROM_DATE;
}

/* A cell's field: *err set to the error it shows ("" for a formula
 * without a saved result), else NULL; *origin to what the cell held
 * (EG_FROM_*), *stored to the number of a cell shown as a date or a time
 * (owned), else NULL. */
typedef struct {
    char **fields;
    const char **errors;
    char *origins;
    char **stored;
} row_cells;

static void biff_field(const book *bk, const eg_biff_cell *x, row_cells *rc, unsigned c)
{
    int date1904 = bk->biff.date1904;

    switch (x->what) {
    case EG_BIFF_NUM:
        rc->origins[c] = (char)(number_origin(x->num, x->kind, date1904, &rc->stored[c]) |
                                (eg_cellfmt_hidden(x->hides, x->num) ? EG_FROM_UNSHOWN : 0));
        rc->fields[c] = number_field(x->num, x->kind, date1904);
        return;
    case EG_BIFF_STR:
    case EG_BIFF_SST:
        rc->origins[c] = (char)(EG_FROM_TEXT | (x->hides & EG_HIDES_TEXT ? EG_FROM_UNSHOWN : 0));
        rc->fields[c] = text_field(bk, eg_biff_cell_text(&bk->biff, x));
        return;
    case EG_BIFF_BOOL:
        rc->fields[c] = eg_xstrdup(x->value ? "TRUE" : "FALSE");
        return;
    case EG_BIFF_ERROR:
        rc->errors[c] = eg_biff_error_text(x->value);
        break;
    default:                                       /* a formula without a saved result */
        rc->errors[c] = "";
        break;
    }
    rc->fields[c] = eg_xstrdup("");
}

/* Gathers the evidence of TCVN3 or VNI over the sheet's text cells. */
static eg_legacy sheet_legacy(const book *bk)
{
    eg_legacy_scan s;

    eg_legacy_scan_init(&s);
    for (size_t i = 0; i < bk->biff.n_cells; i++) {
        const eg_biff_cell *x = &bk->biff.cells[i];
        const char *t;

        if (x->what != EG_BIFF_STR && x->what != EG_BIFF_SST)
            continue;
        t = eg_biff_cell_text(&bk->biff, x);
        if (eg_utf8_valid(t, strlen(t)))
            eg_legacy_scan_utf8(&s, t, strlen(t));
    }
    return eg_legacy_decide(&s, 0);
}

/* Hands row r (0-based) of the cells filled to fn, unless none holds
 * anything (a row of empty cells is no row, as for XLSX); then empties
 * the cells.  1 when fn says stop. */
static int emit_row(const book *bk, unsigned r, const char *sheet, row_cells *rc,
                    eg_row_fn fn, void *ctx)
{
    size_t n = 0;
    int any_error = 0, any_stored = 0, stop = 0;
    eg_row row = { 0 };

    for (unsigned c = 0; c < bk->cols; c++) {
        if ((rc->fields[c] && rc->fields[c][0]) || rc->errors[c])
            n = (size_t)c + 1;
        any_error |= rc->errors[c] != NULL;
        any_stored |= rc->stored[c] != NULL;
    }
    if (n > 0) {
        for (size_t c = 0; c < n; c++)
            if (!rc->fields[c])
                rc->fields[c] = eg_xstrdup("");
        row.row = (long)r + 1;
        row.n = n;
        row.fields = rc->fields;
        row.cell_errors = any_error ? rc->errors : NULL;
        row.origins = rc->origins;
        row.stored = any_stored ? (const char *const *)rc->stored : NULL;
        row.sheet = sheet;
        row.merges = bk->probing ? NULL : &bk->biff.merges;
        row.hidden = !bk->probing && eg_biff_row_hidden(&bk->biff, r);
        row.hidden_cols = bk->probing || !bk->biff.n_hidden_cols ? NULL : bk->biff.hidden_cols;
        row.n_hidden_cols = bk->probing ? 0 : bk->biff.n_hidden_cols;
        stop = fn(ctx, &row) != 0;
    }
    for (unsigned c = 0; c < bk->cols; c++) {
        free(rc->fields[c]);
        free(rc->stored[c]);
        rc->fields[c] = NULL;
        rc->stored[c] = NULL;
        rc->errors[c] = NULL;
        rc->origins[c] = EG_FROM_OTHER;
    }
    return stop;
}

/* Delivers the first rows of the sheet selected (its cells in order),
 * until fn says stop. */
static void deliver_rows(book *bk, unsigned rows, const char *sheet, eg_row_fn fn, void *ctx)
{
    size_t w = bk->cols ? bk->cols : 1;
    const eg_biff_cell *x = bk->biff.cells, *end = x ? x + bk->biff.n_cells : x;
    row_cells rc;
    int stop = 0;

    rc.fields = eg_xcalloc(w, sizeof *rc.fields);
    rc.errors = eg_xcalloc(w, sizeof *rc.errors);
    rc.origins = eg_xcalloc(w, 1);
    rc.stored = eg_xcalloc(w, sizeof *rc.stored);
    memset(rc.origins, EG_FROM_OTHER, w);
    while (x < end && x->row < rows && !stop) {
        unsigned r = x->row;

        for (; x < end && x->row == r; x++)
            biff_field(bk, x, &rc, x->col);
        stop = emit_row(bk, r, sheet, &rc, fn, ctx);
    }
    free(rc.fields);
    free(rc.stored);
    free(rc.errors);
    free(rc.origins);
}

/* The rows of another sheet scanned at most for the first EG_PROBE_ROWS
 * with a cell (a sheet formatted down to its 65,536th row is not read
 * whole). */
#define PROBE_SCAN_ROWS 1000

/* The first rows of each other visible worksheet (of the first
 * EG_PROBE_SHEETS), to probe. */
static void probe_others(book *bk, int read, size_t max_fields, eg_sheet_probe *probe)
{
    size_t listed = 0, visible = 0;
    int read_listed = 0;

    /* cut short, if it must be, between two characters */
    eg_utf8_copy(probe->read_sheet, sizeof probe->read_sheet, bk->sheets[read].name);
    bk->probing = 1;
    for (unsigned i = 0; i < bk->n_sheets; i++) {
        eg_probe_pass p = { probe->fn, probe->ctx, 0 };
        const char *why;

        if (bk->sheets[i].hidden)
            continue;
        visible++;
        if (listed == EG_PROBE_SHEETS)
            continue;
        listed++;
        if ((int)i == read) {
            read_listed = 1;
            continue;
        }
        if (select_sheet(bk, i, &why) != 0 || bk->cols > max_fields)
            continue;
        deliver_rows(bk, bk->rows < PROBE_SCAN_ROWS ? bk->rows : PROBE_SCAN_ROWS,
                     bk->sheets[i].name, eg_probe_row, &p);
    }
    bk->probing = 0;
    probe->not_probed = visible - listed - (!read_listed && !bk->sheets[read].hidden);
    probe->read_hidden = bk->sheets[read].hidden;
}

int eg_xls_read(const char *path, const char *display, eg_row_fn fn, void *ctx,
                const eg_limits *lim, eg_diag_list *dl)
{
    return eg_xls_read_probing(path, display, fn, ctx, NULL, lim, dl);
}

/* E_XLS_BROKEN for why: a file cut short (cfb.c's words) is sent again whole (opened
 * and saved, it would lose what is missing, or not open at all); any
 * other damage is mended by the spreadsheet program that opens it. */
static void broken(const char *display, const char *why, eg_diag_list *dl)
{
    static const char cut_short[] = "tệp bị mất phần cuối";
    int cut = strncmp(why, cut_short, sizeof cut_short - 1) == 0;

    eg_diag_add(dl, EG_ERROR, "E_XLS_BROKEN", display, 0, 0, NULL, NULL,
                "không đọc được bảng tính: %s; %s", why,
                cut ? "tệp chưa được sao chép hoặc tải về đầy đủ: gửi lại tệp đầy đủ"
                    : "mở tệp bằng chương trình bảng tính rồi lưu lại");
}

int eg_xls_read_probing(const char *path, const char *display, eg_row_fn fn, void *ctx,
                        eg_sheet_probe *probe, const eg_limits *lim, eg_diag_list *dl)
{
    book bk;
    const char *why = NULL;
    long max_rows = eg_limits_of(lim).max_rows;
    size_t max_fields = eg_limits_of(lim).max_fields;
    int sheet, opened, rc = -1;

    memset(&bk, 0, sizeof bk);
    if (check_signature(path, display, dl))
        return -1;
    if ((opened = eg_biff_open(&bk.biff, path, &why)) != 0) {
        if (opened == -2)
            eg_diag_add(dl, EG_ERROR, "E_FILE_READ", display, 0, 0, NULL, NULL,
                        "không đọc được tệp: %s", eg_strerror_vi(errno));
        else
            broken(display, why, dl);
        return -1;
    }
    if (bk.biff.encrypted) {
        eg_diag_add(dl, EG_ERROR, "E_XLS_PASSWORD", display, 0, 0, NULL, NULL,
                    "bảng tính được đặt mật khẩu: gỡ mật khẩu (Tệp → Thông tin → Bảo vệ Sổ làm việc; File → Info → Protect Workbook) rồi gửi lại");
        goto done;
    }

    /* The sheet: BaoCao / Báo cáo, else the first visible one. */
    list_sheets(&bk);
    if ((sheet = choose_sheet(&bk)) < 0) {
        eg_diag_add(dl, EG_ERROR, "E_XLS_BROKEN", display, 0, 0, NULL, NULL,
                    "bảng tính không có trang tính nào");
        goto done;
    }
    if (select_sheet(&bk, (unsigned)sheet, &why) != 0) {
        if (bk.biff.too_many_merges) {
            eg_diag_add(dl, EG_ERROR, "E_XLSX_TOO_MANY_MERGES", display, 0, 0, NULL, NULL,
                        EG_MERGES_TOO_MANY_MSG);
        } else if (bk.biff.too_many_cells) {
            char n[32];

            eg_diag_add(dl, EG_ERROR, "E_FILE_TOO_LONG", display, 0, 0, NULL, NULL,
                        "trang tính có hơn %s ô; trang tính không được đọc",
                        eg_fmt_int(n, sizeof n, (int64_t)EG_BIFF_MAX_CELLS));
        } else {
            broken(display, why, dl);
        }
        goto done;
    }
    if ((long)bk.rows > max_rows) {
        char n[32];

        eg_diag_add(dl, EG_ERROR, "E_FILE_TOO_LONG", display, 0, 0, NULL, NULL,
                    "trang tính có hơn %s dòng; trang tính không được đọc",
                    eg_fmt_int(n, sizeof n, (int64_t)max_rows));
        goto done;
    }
    if (bk.cols > max_fields) {
        char n[32];

        eg_diag_add(dl, EG_ERROR, "E_FILE_TOO_WIDE", display, 0, 0, NULL, NULL,
                    "trang tính có hơn %s cột; trang tính không được đọc",
                    eg_fmt_int(n, sizeof n, (int64_t)max_fields));
        goto done;
    }

    /* Two passes over the cells: the text's legacy encoding is decided
     * over the whole sheet, then the rows go out. */
    bk.legacy = sheet_legacy(&bk);
    if (bk.legacy != EG_LEGACY_NONE) {
        eg_text t = { .legacy = bk.legacy };

        eg_text_warn(&t, display, dl);
    }
    /* as for XLSX, also when fn stopped the reading (a header naming a
     * column twice; rows of instructions only) */
    deliver_rows(&bk, bk.rows, bk.sheets[sheet].name, fn, ctx);
    if (probe)
        probe_others(&bk, sheet, max_fields, probe);
    rc = 0;
done:
    free(bk.sheets);
    eg_biff_free(&bk.biff);
    return rc;
}
