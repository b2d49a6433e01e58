#include "extract/xls.h"

#include <errno.h>
#include <freexl.h>
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

typedef struct {
    const void *h;          /* FreeXL */
    eg_biff biff;           /* what FreeXL misses (xls_biff.h) */
    int have_biff;
    eg_legacy legacy;       /* TCVN3 or VNI text, else NONE */
    const char *display;
    eg_diag_list *dl;
    unsigned char *hidden;  /* per sheet of FreeXL's, as the sheet list says it */
} book;

/* FreeXL's error codes in a clerk's words. */
static const char *freexl_reason(int rc)
{
    switch (rc) {
    case FREEXL_CFBF_READ_ERROR:
    case FREEXL_CFBF_SEEK_ERROR:
        return "tệp bị mất phần cuối";
    case FREEXL_INSUFFICIENT_MEMORY:
        return "tệp quá lớn, không đọc được";
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
        return "tệp không chứa bảng tính (có thể là loại tệp Office khác?)";
    case FREEXL_UNSUPPORTED_CHARSET:
    case FREEXL_INVALID_CHARACTER:
        return "văn bản trong tệp dùng bảng mã không đọc được";
    case FREEXL_CRAFTED_FILE:
        return "cấu trúc tệp không nhất quán (bị hỏng, hoặc không do chương trình bảng tính tạo ra)";
    default:
        return "tệp bị hỏng";
    }
}

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
    fclose(f);
    what = looks_like(b, n);
    if (!what)
        return 0;
    eg_diag_add(dl, EG_ERROR, "E_XLS_NOT_XLS", display, 0, 0, NULL, NULL,
                "tệp không phải bảng tính Excel 97-2003 (.xls): %s", what);
    return -1;
}

static void open_error(int rc, const char *display, eg_diag_list *dl)
{
    if (rc == FREEXL_FILE_NOT_FOUND)
        eg_diag_add(dl, EG_ERROR, "E_FILE_READ", display, 0, 0, NULL, NULL,
                    "không mở được tệp: %s", eg_strerror_vi(errno ? errno : ENOENT));
    else
        eg_diag_add(dl, EG_ERROR, "E_XLS_BROKEN", display, 0, 0, NULL, NULL,
                    "không đọc được bảng tính: %s (lỗi FreeXL %d); mở tệp bằng chương trình bảng tính rồi lưu lại",
                    freexl_reason(rc), rc);
}

/* input-format.md: the report's sheet is "BaoCao" or "Báo cáo", told
 * apart folded and without spaces, as the other spreadsheet reader does. */
static int is_report_sheet(const char *name)
{
    return eg_fold_is(name, "baocao");
}

/* The xls_biff.h sheet of FreeXL's sheet name, or -1. */
static int biff_sheet(const book *bk, const char *name)
{
    if (!bk->have_biff)
        return -1;
    for (size_t i = 0; i < bk->biff.n_sheets; i++)
        if (bk->biff.sheets[i].worksheet && strcmp(bk->biff.sheets[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* The sheet to read: the report sheet, else the first visible one. */
static int choose_sheet(const book *bk, unsigned n)
{
    int first = -1, first_visible = -1;

    for (unsigned i = 0; i < n; i++) {
        const char *name = NULL;
        int b;

        if (freexl_get_worksheet_name(bk->h, (unsigned short)i, &name) != FREEXL_OK || !name)
            continue;
        if (is_report_sheet(name))
            return (int)i;
        b = biff_sheet(bk, name);
        if (first < 0)
            first = (int)i;
        if (first_visible < 0 && (b < 0 || !bk->biff.sheets[b].hidden))
            first_visible = (int)i;
    }
    return first_visible >= 0 ? first_visible : first;
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
        return EG_FROM_OTHER;
    *stored = number_field(x, EG_CELL_NUMBER, date1904);
    return EG_FROM_DATE;
}

/* The field of cell (r, c); *err set to the error it shows ("" for a
 * formula without a saved result), else NULL; *origin to what the cell
 * held (EG_FROM_*), *stored to the number of a cell shown as a date or a
 * time (owned), else NULL.  FreeXL gives a date as its text alone; the
 * BIFF reader keeps the cell's number. */
static char *cell_field(const book *bk, unsigned r, unsigned short c, const char **err,
                        char *origin, char **stored)
{
    const eg_biff_cell *x = bk->have_biff ? eg_biff_cell_at(&bk->biff, r, c) : NULL;
    int kind = x ? x->kind : EG_CELL_NUMBER;
    int date1904 = bk->have_biff && bk->biff.date1904;
    FreeXL_CellValue v;

    *err = NULL;
    *origin = EG_FROM_OTHER;
    *stored = NULL;
    if (freexl_get_cell_value(bk->h, r, c, &v) != FREEXL_OK)
        return eg_xstrdup("");
    switch (v.type) {
    case FREEXL_CELL_INT:
        *origin = number_origin((double)v.value.int_value, kind, date1904, stored);
        return number_field((double)v.value.int_value, kind, date1904);
    case FREEXL_CELL_DOUBLE:
        *origin = number_origin(v.value.double_value, kind, date1904, stored);
        return number_field(v.value.double_value, kind, date1904);
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
        *origin = EG_FROM_TEXT;
        return text_field(bk, v.value.text_value ? v.value.text_value : "");
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
    case FREEXL_CELL_TIME:
        /* read from the cell's record when kept: FreeXL's text alone has no
         * number, and its dates past a few thousand years are wrong */
        if (x && x->what == EG_BIFF_KIND && kind != EG_CELL_PERCENT) {
            *origin = number_origin(x->num, kind, date1904, stored);
            return number_field(x->num, kind, date1904);
        }
        *origin = EG_FROM_DATE;
        return eg_xstrdup(v.value.text_value ? v.value.text_value : "");
    default:
        break;
    }
    /* Empty to FreeXL: a formula, a yes/no or an error cell, or empty. */
    if (!x)
        return eg_xstrdup("");
    switch (x->what) {
    case EG_BIFF_NUM:
        *origin = number_origin(x->num, kind, date1904, stored);
        return number_field(x->num, kind, date1904);
    case EG_BIFF_STR:
        *origin = EG_FROM_TEXT;
        return text_field(bk, x->str);
    case EG_BIFF_BOOL:
        return eg_xstrdup(x->value ? "TRUE" : "FALSE");
    case EG_BIFF_ERROR:
        *err = eg_biff_error_text(x->value);
        return eg_xstrdup("");
    case EG_BIFF_NONE:
        *err = "";
        return eg_xstrdup("");
    default:
        return eg_xstrdup("");
    }
}

/* Gathers the evidence of TCVN3 or VNI over the sheet's text cells. */
static eg_legacy sheet_legacy(const book *bk, unsigned rows, unsigned short cols)
{
    eg_legacy_scan s;

    eg_legacy_scan_init(&s);
    for (unsigned r = 0; r < rows; r++)
        for (unsigned short c = 0; c < cols; c++) {
            FreeXL_CellValue v;

            if (freexl_get_cell_value(bk->h, r, c, &v) == FREEXL_OK &&
                (v.type == FREEXL_CELL_TEXT || v.type == FREEXL_CELL_SST_TEXT) &&
                v.value.text_value && eg_utf8_valid(v.value.text_value, strlen(v.value.text_value)))
                eg_legacy_scan_utf8(&s, v.value.text_value, strlen(v.value.text_value));
        }
    return eg_legacy_decide(&s, 0);
}

static void partial_warning(const book *bk, const char *why)
{
    eg_diag_add(bk->dl, EG_WARNING, "W_XLS_PARTIAL", bk->display, 0, 0, NULL, NULL,
                "không đọc được kết quả công thức, ô có/không và định dạng phần trăm của bảng tính này (%s): các ô đó được đọc là ô trống hoặc số thông thường; để chắc chắn, lưu lại dưới dạng .xlsx",
                why);
}

/* Delivers the rows of the active sheet, until fn says stop. */
static void deliver_rows(book *bk, unsigned rows, unsigned short cols, const char *sheet,
                         eg_row_fn fn, void *ctx)
{
    char **fields = eg_xcalloc(cols ? cols : 1, sizeof *fields);
    const char **errors = eg_xcalloc(cols ? cols : 1, sizeof *errors);
    char *origins = eg_xcalloc(cols ? cols : 1, 1);
    char **stored = eg_xcalloc(cols ? cols : 1, sizeof *stored);
    int stop = 0;

    for (unsigned r = 0; r < rows && !stop; r++) {
        size_t n = 0;
        int any_error = 0, any_stored = 0;
        eg_row row;

        for (unsigned short c = 0; c < cols; c++) {
            fields[c] = cell_field(bk, r, c, &errors[c], &origins[c], &stored[c]);
            if (fields[c][0] || errors[c])
                n = (size_t)c + 1;
            any_error |= errors[c] != NULL;
            any_stored |= stored[c] != NULL;
        }
        /* A row of empty cells is no row, as for XLSX. */
        if (n > 0) {
            row.row = (long)r + 1;
            row.n = n;
            row.fields = fields;
            row.cell_errors = any_error ? errors : NULL;
            row.origins = origins;
            row.stored = any_stored ? (const char *const *)stored : NULL;
            row.sheet = sheet;
            row.merges = bk->have_biff ? &bk->biff.merges : NULL;
            row.hidden = bk->have_biff && eg_biff_row_hidden(&bk->biff, r);
            stop = fn(ctx, &row) != 0;
        }
        for (unsigned short c = 0; c < cols; c++) {
            free(fields[c]);
            free(stored[c]);
        }
    }
    free(fields);
    free(stored);
    free(errors);
    free(origins);
}

/* Whether sheet i (FreeXL's) is hidden, as xls_biff.h read it. */
static int sheet_hidden(const book *bk, unsigned i)
{
    const char *name = NULL;
    int b;

    if (freexl_get_worksheet_name(bk->h, (unsigned short)i, &name) != FREEXL_OK || !name)
        return 1;
    b = biff_sheet(bk, name);
    return b >= 0 && bk->biff.sheets[b].hidden;
}

/* The rows of another sheet scanned at most for the first EG_PROBE_ROWS
 * with a cell (a sheet formatted down to its 65,536th row is not read
 * whole). */
#define PROBE_SCAN_ROWS 1000

/* The first rows of each other visible worksheet (of the first
 * EG_PROBE_SHEETS), to probe, as their texts read without what
 * xls_biff.h read of the sheet read (its cells are not theirs). */
static void probe_others(book *bk, unsigned n_sheets, int read, const char *read_name,
                         size_t max_fields, eg_sheet_probe *probe)
{
    int have_biff = bk->have_biff;
    size_t listed = 0, visible = 0;
    int read_listed = 0;

    /* cut short, if it must be, between two characters */
    eg_utf8_copy(probe->read_sheet, sizeof probe->read_sheet, read_name);
    for (unsigned i = 0; i < n_sheets; i++) {
        const char *name = NULL;
        unsigned rows = 0;
        unsigned short cols = 0;
        eg_probe_pass p = { probe->fn, probe->ctx, 0 };

        if (bk->hidden[i])
            continue;
        visible++;
        if (listed == EG_PROBE_SHEETS)
            continue;
        listed++;
        if ((int)i == read) {
            read_listed = 1;
            continue;
        }
        if (freexl_select_active_worksheet(bk->h, (unsigned short)i) != FREEXL_OK ||
            freexl_worksheet_dimensions(bk->h, &rows, &cols) != FREEXL_OK ||
            freexl_get_worksheet_name(bk->h, (unsigned short)i, &name) != FREEXL_OK ||
            !name || cols > max_fields)
            continue;
        bk->have_biff = 0;
        deliver_rows(bk, rows < PROBE_SCAN_ROWS ? rows : PROBE_SCAN_ROWS, cols, name,
                     eg_probe_row, &p);
        bk->have_biff = have_biff;
    }
    probe->not_probed = visible - listed - (!read_listed && !bk->hidden[read]);
    probe->read_hidden = bk->hidden[read];
}

int eg_xls_read(const char *path, const char *display, eg_row_fn fn, void *ctx,
                const eg_limits *lim, eg_diag_list *dl)
{
    return eg_xls_read_probing(path, display, fn, ctx, NULL, lim, dl);
}

int eg_xls_read_probing(const char *path, const char *display, eg_row_fn fn, void *ctx,
                        eg_sheet_probe *probe, const eg_limits *lim, eg_diag_list *dl)
{
    book bk;
    unsigned info = 0, n_sheets = 0, rows = 0;
    unsigned short cols = 0;
    const char *why = NULL, *name = NULL;
    long max_rows = eg_limits_of(lim).max_rows;
    size_t max_fields = eg_limits_of(lim).max_fields;
    int sheet, rc = -1, open_rc;

    memset(&bk, 0, sizeof bk);
    bk.display = display;
    bk.dl = dl;
    if (check_signature(path, display, dl))
        return -1;
    /* What FreeXL misses is read from the file itself first: a compound
     * file that this reader finds broken is not handed to FreeXL at all
     * (FreeXL 1.0.6 leaks memory on some broken ones).  A workbook with a
     * password is ciphered past its first records. */
    open_rc = eg_biff_open(&bk.biff, path, &why);
    if (open_rc == -1) {
        eg_diag_add(dl, EG_ERROR, "E_XLS_BROKEN", display, 0, 0, NULL, NULL,
                    "không đọc được bảng tính: %s; mở tệp bằng chương trình bảng tính rồi lưu lại",
                    why);
        return -1;
    }
    bk.have_biff = open_rc == 0;
    errno = 0;
    if (!(bk.have_biff && bk.biff.encrypted)) {
        open_rc = freexl_open(path, &bk.h);
        if (open_rc != FREEXL_OK) {
            open_error(open_rc, display, dl);
            goto done;
        }
        /* FreeXL 1.0.6 gives up on a record it cannot follow saying OK,
         * with no workbook: a chart drawn on a worksheet (its records
         * inside the sheet's end the sheet for FreeXL) is one. */
        if (!bk.h) {
            eg_diag_add(dl, EG_ERROR, "E_XLS_BROKEN", display, 0, 0, NULL, NULL,
                        "không đọc được bảng tính: không theo được cấu trúc bên trong tệp (thường do có biểu đồ vẽ trên trang tính); xoá biểu đồ, hoặc lưu lại dưới dạng .xlsx, rồi gửi lại");
            goto done;
        }
    }
    if ((bk.have_biff && bk.biff.encrypted) ||
        (freexl_get_info(bk.h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
         info == FREEXL_BIFF_OBFUSCATED)) {
        eg_diag_add(dl, EG_ERROR, "E_XLS_PASSWORD", display, 0, 0, NULL, NULL,
                    "bảng tính được đặt mật khẩu: gỡ mật khẩu (File, Info, Protect Workbook) rồi gửi lại");
        goto done;
    }
    if (!bk.have_biff)
        partial_warning(&bk, why);

    /* The sheet: BaoCao / Báo cáo, else the first visible one. */
    if (freexl_get_info(bk.h, FREEXL_BIFF_SHEET_COUNT, &n_sheets) != FREEXL_OK ||
        (sheet = choose_sheet(&bk, n_sheets)) < 0) {
        eg_diag_add(dl, EG_ERROR, "E_XLS_BROKEN", display, 0, 0, NULL, NULL,
                    "bảng tính không có trang tính nào");
        goto done;
    }
    /* which sheets are hidden, before a sheet's records that cannot be
     * followed let go of the sheet list (below) */
    bk.hidden = eg_xcalloc(n_sheets ? n_sheets : 1, 1);
    for (unsigned i = 0; i < n_sheets; i++)
        bk.hidden[i] = (unsigned char)sheet_hidden(&bk, i);
    if (freexl_select_active_worksheet(bk.h, (unsigned short)sheet) != FREEXL_OK ||
        freexl_worksheet_dimensions(bk.h, &rows, &cols) != FREEXL_OK ||
        freexl_get_worksheet_name(bk.h, (unsigned short)sheet, &name) != FREEXL_OK) {
        eg_diag_add(dl, EG_ERROR, "E_XLS_BROKEN", display, 0, 0, NULL, NULL,
                    "không đọc được trang tính của bảng tính: mở tệp bằng chương trình bảng tính rồi lưu lại");
        goto done;
    }
    if ((long)rows > max_rows) {
        char n[32];

        eg_diag_add(dl, EG_ERROR, "E_FILE_TOO_LONG", display, 0, 0, NULL, NULL,
                    "trang tính có hơn %s dòng; trang tính không được đọc",
                    eg_fmt_int(n, sizeof n, (int64_t)max_rows));
        goto done;
    }
    if (cols > max_fields) {
        char n[32];

        eg_diag_add(dl, EG_ERROR, "E_FILE_TOO_WIDE", display, 0, 0, NULL, NULL,
                    "trang tính có hơn %s cột; trang tính không được đọc",
                    eg_fmt_int(n, sizeof n, (int64_t)max_fields));
        goto done;
    }
    if (bk.have_biff) {
        int b = biff_sheet(&bk, name);

        if (b < 0 || eg_biff_read_sheet(&bk.biff, (size_t)b, &why) != 0) {
            if (bk.biff.too_many_merges) {
                eg_diag_add(dl, EG_ERROR, "E_XLSX_TOO_MANY_MERGES", display, 0, 0, NULL, NULL,
                            EG_MERGES_TOO_MANY_MSG);
                goto done;
            }
            partial_warning(&bk, b < 0 ? "danh sách trang tính bất thường" : why);
            eg_biff_free(&bk.biff);
            bk.have_biff = 0;
        }
    }

    /* Two passes over the cells FreeXL holds: the text's legacy encoding
     * is decided over the whole sheet, then the rows go out. */
    bk.legacy = sheet_legacy(&bk, rows, cols);
    if (bk.legacy != EG_LEGACY_NONE) {
        eg_text t = { .legacy = bk.legacy };

        eg_text_warn(&t, display, dl);
    }
    /* as for XLSX, also when fn stopped the reading (a header naming a
     * column twice; rows of instructions only) */
    deliver_rows(&bk, rows, cols, name, fn, ctx);
    if (probe)
        probe_others(&bk, n_sheets, sheet, name, max_fields, probe);
    rc = 0;
done:
    free(bk.hidden);
    if (bk.have_biff)
        eg_biff_free(&bk.biff);
    if (bk.h)
        freexl_close(bk.h);
    return rc;
}
