/*
 * test_xls.c - extract/xls.h: submissions saved as Excel 97-2003 (.xls).
 *
 * input-format.md, "XLS": the same rules as XLSX.  The workbooks are the
 * fixtures of tests/fixtures/xls/, made by make-fixtures.py there (openpyxl,
 * then LibreOffice's "save as .xls"); the broken files are made here from
 * them, byte by byte, in a fresh mkdtemp() folder.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/mem.h"
#include "extract/xls.h"
#include "extract/cellfmt.h"
#include "extract/xls_biff.h"
#include "support.h"

#ifdef EG_SOURCE_DIR
#define FIXTURES EG_SOURCE_DIR "/tests/fixtures/xls/"
#else
#define FIXTURES "tests/fixtures/xls/"
#endif

/* --- collecting rows ----------------------------------------------------- */

typedef struct {
    long row;
    size_t n;
    char **f;
    char **err;             /* per field: the error shown, or NULL */
    char *origin;           /* per field: EG_FROM_* */
    char **stored;          /* per field: the number of a date or a time, or NULL */
    int hidden;             /* the row is hidden in its sheet */
    size_t merges;          /* the sheet's merged ranges handed with the row */
    size_t hidden_cols;     /* the columns the row's hidden_cols covers */
} xrow;

typedef struct {
    xrow *rows;
    size_t n;
    size_t stop_after;
} rows_seen;

static int collect(void *ctx, const eg_row *row)
{
    rows_seen *rs = ctx;
    xrow *r;

    rs->rows = eg_xrealloc(rs->rows, (rs->n + 1) * sizeof *rs->rows);
    r = &rs->rows[rs->n++];
    r->row = row->row;
    r->n = row->n;
    r->f = eg_xcalloc(row->n, sizeof *r->f);
    r->err = eg_xcalloc(row->n, sizeof *r->err);
    r->origin = eg_xcalloc(row->n ? row->n : 1, 1);
    r->stored = eg_xcalloc(row->n ? row->n : 1, sizeof *r->stored);
    r->hidden = row->hidden;
    r->merges = row->merges ? row->merges->n + row->merges->n_wide : 0;
    r->hidden_cols = row->hidden_cols ? row->n_hidden_cols : 0;
    if (row->origins)
        memcpy(r->origin, row->origins, row->n);
    for (size_t i = 0; i < row->n; i++) {
        r->f[i] = eg_xstrdup(row->fields[i]);
        if (row->cell_errors && row->cell_errors[i])
            r->err[i] = eg_xstrdup(row->cell_errors[i]);
        if (row->stored && row->stored[i])
            r->stored[i] = eg_xstrdup(row->stored[i]);
    }
    return rs->stop_after && rs->n >= rs->stop_after;
}

static void rows_free(rows_seen *rs)
{
    for (size_t i = 0; i < rs->n; i++) {
        for (size_t k = 0; k < rs->rows[i].n; k++) {
            free(rs->rows[i].f[k]);
            free(rs->rows[i].err[k]);
            free(rs->rows[i].stored[k]);
        }
        free(rs->rows[i].stored);
        free(rs->rows[i].f);
        free(rs->rows[i].err);
        free(rs->rows[i].origin);
    }
    free(rs->rows);
    memset(rs, 0, sizeof *rs);
}

/* The row numbered row, or fails. */
static const xrow *row_at(const rows_seen *rs, long row)
{
    for (size_t i = 0; i < rs->n; i++)
        if (rs->rows[i].row == row)
            return &rs->rows[i];
    fail_msg("no row %ld", row);
    return NULL;
}

static const char *field(const rows_seen *rs, long row, size_t col)
{
    const xrow *r = row_at(rs, row);

    if (col < 1 || col > r->n)
        fail_msg("row %ld has %zu fields, not %zu", row, r->n, col);
    return r->f[col - 1];
}

static const eg_diag *find_diag(const eg_diag_list *dl, const char *code)
{
    for (size_t i = 0; i < dl->n; i++)
        if (strcmp(dl->items[i].code, code) == 0)
            return &dl->items[i];
    return NULL;
}

/* --- fixture: a temporary folder for broken files ------------------------- */

typedef struct {
    char dir[64];
    char path[128];
    eg_diag_list dl;
    rows_seen rows;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);

    if (!fx)
        return -1;
    strcpy(fx->dir, "/tmp/egreport-test-xls-XXXXXX");
    if (!mkdtemp(fx->dir)) {
        free(fx);
        return -1;
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    eg_test_remove_dir(fx->dir);
    eg_diag_free(&fx->dl);
    rows_free(&fx->rows);
    free(fx);
    return 0;
}

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf;
    long len;

    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    rewind(f);
    buf = eg_xmalloc((size_t)len + 1);
    assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    *n = (size_t)len;
    return buf;
}

static const char *write_bytes(fixture *fx, const char *name, const void *data, size_t n)
{
    FILE *f;

    snprintf(fx->path, sizeof fx->path, "%s/%s", fx->dir, name);
    f = fopen(fx->path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    return fx->path;
}

/* data[0..n), written as name (or the file fx->path already written,
 * when data is NULL), is refused with E_XLS_BROKEN saying says, and gives
 * no row. */
static void assert_broken(fixture *fx, const char *name, const unsigned char *data, size_t n,
                          const char *says)
{
    const eg_diag *d;

    if (data)
        write_bytes(fx, name, data, n);
    assert_int_equal(eg_xls_read(fx->path, name, collect, &fx->rows, NULL, &fx->dl), -1);
    d = find_diag(&fx->dl, "E_XLS_BROKEN");
    assert_non_null(d);
    if (!strstr(d->message, says))
        fail_msg("%s: '%s' does not say '%s'", name, d->message, says);
    assert_int_equal(fx->rows.n, 0);
}

/* data[0..n), written as name, is read without a problem. */
static void assert_read(fixture *fx, const char *name, const unsigned char *data, size_t n)
{
    write_bytes(fx, name, data, n);
    assert_int_equal(eg_xls_read(fx->path, name, collect, &fx->rows, NULL, &fx->dl), 0);
    assert_int_equal(fx->dl.n, 0);
}

/* --- reading the report sheet --------------------------------------------- */

static void report_sheet_is_read_with_each_kind_of_cell_as_text(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    assert_int_equal(eg_xls_read(FIXTURES "cells.xls", "submissions/cells.xls", collect, rs,
                                 NULL, &fx->dl), 0);
    assert_int_equal(fx->dl.n, 0);
    /* "Báo cáo", not the first sheet "Khác"; row 11 is empty and skipped */
    assert_int_equal(rs->n, 12);
    assert_string_equal(field(rs, 1, 1), "BÁO CÁO SỐ LIỆU ỨNG DỤNG CNTT NĂM 2021");
    assert_string_equal(field(rs, 2, 2), "Mã đơn vị");
    assert_string_equal(field(rs, 3, 4), "38");                 /* whole: digits */
    assert_string_equal(field(rs, 3, 5), "Sở Thông tin và Truyền thông");
    assert_string_equal(field(rs, 4, 4), "96.2%");              /* 0.962 as 0.0% */
    assert_string_equal(field(rs, 5, 4), "116.83");
    assert_string_equal(field(rs, 6, 4), "TRUE");               /* yes/no cell */
    assert_string_equal(field(rs, 7, 4), "76");                 /* =D3*2, its saved result */
    assert_string_equal(field(rs, 8, 4), "lien_thong");         /* a text formula */
    assert_string_equal(field(rs, 10, 4), "2021-12-15");
    assert_string_equal(field(rs, 12, 4), "-5");
    assert_string_equal(field(rs, 12, 5), "có khoảng trắng");   /* trimmed */
    assert_string_equal(field(rs, 13, 4), "1234567890123");
    assert_int_equal(row_at(rs, 2)->n, 5);
    assert_null(row_at(rs, 3)->err[3]);
    /* what the cells held: numbers (their '.' a decimal mark), text, other */
    assert_int_equal(row_at(rs, 3)->origin[3], EG_FROM_NUMBER);
    assert_int_equal(row_at(rs, 3)->origin[4], EG_FROM_TEXT);
    assert_int_equal(row_at(rs, 4)->origin[3], EG_FROM_PERCENT);   /* a percent */
    assert_int_equal(row_at(rs, 5)->origin[3], EG_FROM_NUMBER);
    assert_int_equal(row_at(rs, 6)->origin[3], EG_FROM_OTHER);     /* yes/no */
    assert_int_equal(row_at(rs, 7)->origin[3], EG_FROM_NUMBER);    /* a formula's number */
    assert_int_equal(row_at(rs, 8)->origin[3], EG_FROM_TEXT);      /* a formula's text */
    assert_int_equal(row_at(rs, 10)->origin[3], EG_FROM_DATE);     /* a date */
}

static void error_cell_is_empty_and_says_its_error(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;
    const xrow *r;

    assert_int_equal(eg_xls_read(FIXTURES "cells.xls", "cells.xls", collect, rs, NULL, &fx->dl), 0);
    r = row_at(rs, 9);                                           /* =1/0 */
    assert_string_equal(r->f[3], "");
    assert_non_null(r->err[3]);
    assert_string_equal(r->err[3], "#DIV/0!");
    assert_null(r->err[2]);
}

static void first_visible_sheet_is_read_when_none_is_the_report_sheet(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    /* "Nháp" comes first but is hidden: "Số liệu" is read */
    assert_int_equal(eg_xls_read(FIXTURES "hidden.xls", "hidden.xls", collect, rs, NULL,
                                 &fx->dl), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(rs->n, 2);
    assert_string_equal(field(rs, 1, 1), "Mã đơn vị");
    assert_string_equal(field(rs, 2, 1), "KT.STP");
    assert_string_equal(field(rs, 2, 3), "45");
}

/* The other visible sheets' first rows go to the probe, named (their
 * texts only); not the sheet read, nor a hidden one, nor rows past a
 * sheet's 1,000th. */
typedef struct {
    char seen[4][64];
    size_t n;
} probed;

static int probe_collect(void *ctx, const eg_row *row)
{
    probed *p = ctx;

    if (p->n < 4)
        snprintf(p->seen[p->n], sizeof p->seen[0], "%s:%s", row->sheet,
                 row->n ? row->fields[0] : "");
    p->n++;
    return 0;
}

static void the_other_visible_sheets_are_probed(void **state)
{
    fixture *fx = *state;
    probed p = { .n = 0 };
    eg_sheet_probe how = { probe_collect, &p, "", 0, 0 };

    assert_int_equal(eg_xls_read_probing(FIXTURES "cells.xls", "cells.xls", collect, &fx->rows,
                                         &how, NULL, &fx->dl), 0);
    assert_string_equal(how.read_sheet, "Báo cáo");
    assert_int_equal(how.not_probed, 0);
    assert_int_equal(p.n, 1);
    assert_string_equal(p.seen[0], "Khác:not this sheet");
    assert_string_equal(field(&fx->rows, 2, 1), "STT");           /* the sheet read, as ever */

    p.n = 0;
    rows_free(&fx->rows);
    assert_int_equal(eg_xls_read_probing(FIXTURES "hidden.xls", "hidden.xls", collect, &fx->rows,
                                         &how, NULL, &fx->dl), 0);
    assert_string_equal(how.read_sheet, "Số liệu");
    assert_int_equal(p.n, 0);                                       /* Nháp is hidden */
    assert_int_equal(fx->dl.n, 0);

    /* A sheet formatted far down is not read whole to probe it: its first
     * 1,000 rows are (PROBE_SCAN_ROWS).  A header at row 900 is found, one
     * at row 1,200 is not. */
    p.n = 0;
    rows_free(&fx->rows);
    assert_int_equal(eg_xls_read_probing(FIXTURES "probe.xls", "probe.xls", collect, &fx->rows,
                                         &how, NULL, &fx->dl), 0);
    assert_string_equal(how.read_sheet, "Báo cáo");
    assert_int_equal(p.n, 1);
    assert_string_equal(p.seen[0], "Ngắn:Mã đơn vị");
    assert_string_equal(field(&fx->rows, 2, 3), "45");
}

static void tcvn3_text_is_converted_with_a_warning(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;
    const eg_diag *d;

    assert_int_equal(eg_xls_read(FIXTURES "tcvn3.xls", "submissions/tcvn3.xls", collect, rs,
                                 NULL, &fx->dl), 0);
    d = find_diag(&fx->dl, "W_TEXT_TCVN3");
    assert_non_null(d);
    assert_string_equal(d->file, "submissions/tcvn3.xls");
    assert_int_equal(fx->dl.n, 1);
    assert_string_equal(field(rs, 1, 1), "Mã đơn vị");
    assert_string_equal(field(rs, 1, 2), "Mã chỉ tiêu");
    assert_string_equal(field(rs, 2, 3), "38");
    assert_string_equal(field(rs, 2, 4), "Sở Thông tin và Truyền thông");
    assert_string_equal(field(rs, 3, 3), "có");
    assert_string_equal(field(rs, 3, 4), "đã kết nối");
}

static void consumer_can_stop_the_reading(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    rs->stop_after = 2;
    assert_int_equal(eg_xls_read(FIXTURES "cells.xls", "cells.xls", collect, rs, NULL, &fx->dl), 0);
    assert_int_equal(rs->n, 2);
}

/* --- files that are no readable .xls -------------------------------------- */

static void truncated_workbook_is_an_error_naming_the_file(void **state)
{
    fixture *fx = *state;
    size_t n;
    unsigned char *data = slurp(FIXTURES "cells.xls", &n);
    const eg_diag *d;

    /* cut at several places: inside the header (its signature whole: a
     * file cut short, not "no Excel 97-2003 file"), header only, inside
     * the tables, near the end; said as a file to send again whole, not
     * one to open and save */
    static const size_t cuts[] = { 8, 100, 511, 512, 1500, 3000, 5000 };
    static const char said[] = "không đọc được bảng tính: tệp bị mất phần cuối",
                      advice[] = "; tệp chưa được sao chép hoặc tải về đầy đủ: gửi lại tệp đầy đủ";

    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
        size_t len;

        write_bytes(fx, "cut.xls", data, cuts[i] < n ? cuts[i] : n - 1);
        assert_int_equal(eg_xls_read(fx->path, "submissions/cut.xls", collect, &fx->rows, NULL,
                                     &fx->dl), -1);
        d = find_diag(&fx->dl, "E_XLS_BROKEN");
        if (!d)
            fail_msg("cut at %zu: no E_XLS_BROKEN", cuts[i]);
        len = strlen(d->message);
        if (strncmp(d->message, said, sizeof said - 1) != 0 || len < sizeof advice ||
            strcmp(d->message + len - (sizeof advice - 1), advice) != 0)
            fail_msg("cut at %zu: '%s'", cuts[i], d->message);
        assert_string_equal(d->file, "submissions/cut.xls");
        assert_int_equal(d->severity, EG_ERROR);
        assert_int_equal(fx->rows.n, 0);
        eg_diag_free(&fx->dl);
    }
    free(data);
}

/* A file whose last sector is short of its zero bytes at the end (its
 * size no whole number of 512-byte sectors, as some programs write it):
 * every byte of its streams is there, and it is read, as LibreOffice and
 * xlrd read it. */
static void file_whose_last_sector_lacks_its_trailing_zeros_is_read(void **state)
{
    fixture *fx = *state;
    size_t n;
    unsigned char *data = slurp(FIXTURES "cells.xls", &n);

    assert_int_equal(n % 512, 0);
    for (size_t i = n - 8; i < n; i++)
        assert_int_equal(data[i], 0);
    write_bytes(fx, "short.xls", data, n - 8);
    if (eg_xls_read(fx->path, "short.xls", collect, &fx->rows, NULL, &fx->dl) != 0)
        fail_msg("%s", fx->dl.n ? fx->dl.items[0].message : "no diagnostic");
    assert_string_equal(field(&fx->rows, 2, 2), "Mã đơn vị");
    free(data);
}

static void password_protected_workbook_is_refused(void **state)
{
    fixture *fx = *state;
    size_t n;
    unsigned char *data = slurp(FIXTURES "cells.xls", &n);
    unsigned char *p = NULL;

    /* Turn the workbook's WRITEACCESS record (5C 00, 112 bytes) into a
     * FILEPASS record (2F 00): what Excel writes in front of a ciphered
     * workbook. */
    for (size_t i = 512; i + 4 <= n && !p; i++)
        if (memcmp(data + i, "\x5C\x00\x70\x00", 4) == 0)
            p = data + i;
    assert_non_null(p);
    p[0] = 0x2F;
    write_bytes(fx, "pw.xls", data, n);
    assert_int_equal(eg_xls_read(fx->path, "pw.xls", collect, &fx->rows, NULL, &fx->dl), -1);
    assert_non_null(find_diag(&fx->dl, "E_XLS_PASSWORD"));
    assert_int_equal(fx->dl.n, 1);
    assert_int_equal(fx->rows.n, 0);
    free(data);
}

static void other_files_named_xls_say_what_they_are(void **state)
{
    fixture *fx = *state;
    static const struct { const char *bytes; size_t n; const char *says; } cases[] = {
        { "", 0, "tệp trống" },
        { "PK\x03\x04\x14\0\0\0", 8, ".xlsx" },
        { "unit_code,indicator,value\nGL,ht.cbcc,1\n", 40, ".csv" },
        { "<html><body><table>", 19, "trang web" },
        { "\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16, "loại khác" },
        /* tab, line feed and carriage return are text; a backspace not */
        { "a\tb\r\nc,d\n", 9, ".csv" },
        { "a\tb\r\n\bcd", 8, "loại khác" },
        /* a space is text: a CSV whose header starts "Mã đơn vị" */
        { "M\xC3\xA3 \xC4\x91\xC6\xA1n v\xE1\xBB\x8B,value\n", 22, ".csv" },
    };

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const eg_diag *d;

        write_bytes(fx, "x.xls", cases[i].bytes, cases[i].n);
        assert_int_equal(eg_xls_read(fx->path, "x.xls", collect, &fx->rows, NULL, &fx->dl), -1);
        d = find_diag(&fx->dl, "E_XLS_NOT_XLS");
        if (!d || !strstr(d->message, cases[i].says))
            fail_msg("case %zu: %s", i, d ? d->message : "no E_XLS_NOT_XLS");
        eg_diag_free(&fx->dl);
    }
    assert_int_equal(fx->rows.n, 0);
}

/* The compound file's first directory entry (the root) claiming a name of
 * 32,256 bytes, where a name has 64 (FreeXL 1.0.6, the reader before
 * ours, converted that many bytes from its stack): refused. */
static void directory_name_longer_than_its_field_is_refused(void **state)
{
    fixture *fx = *state;
    size_t n, at;
    unsigned char *data = slurp(FIXTURES "cells.xls", &n);

    at = ((size_t)(data[0x30] | data[0x31] << 8) + 1) * 512 + 0x40;  /* 512-byte sectors */
    assert_true(at + 2 <= n);
    assert_int_equal(data[at], 22);                      /* "Root Entry" and its NUL */
    data[at] = 0x00;
    data[at + 1] = 0x7E;
    assert_broken(fx, "dirname.xls", data, n, "thư mục");
    free(data);
}

/* A header saying 4,096-byte sectors (version 4) in a file shorter than
 * one such sector: no sector at all, a file cut short (the count of
 * sectors was n / 4,096 - 1, wrapped round to SIZE_MAX, and the tables
 * were read past the end of the file). */
static void file_shorter_than_one_of_its_sectors_is_cut_short(void **state)
{
    fixture *fx = *state;
    size_t n;
    unsigned char *data = slurp(FIXTURES "cells.xls", &n);

    assert_true(n > 3072);
    data[0x1A] = 4;                                     /* major version 4 */
    data[0x1E] = 12;                                    /* sectors of 4,096 bytes */
    assert_broken(fx, "v4.xls", data, 3072, "mất phần cuối");
    free(data);
}

/* Sets the directory entry at e: its name (ASCII), its type (1 a
 * storage, 2 a stream), its left and right siblings and its child, and
 * where its data starts and its size. */
static void dir_entry(unsigned char *e, const char *name, int type, uint32_t left,
                      uint32_t right, uint32_t child, uint32_t start, uint32_t size)
{
    size_t k = strlen(name);
    const uint32_t v[5] = { left, right, child, start, size };
    static const size_t at[5] = { 0x44, 0x48, 0x4C, 0x74, 0x78 };

    memset(e, 0, 0x40);
    for (size_t i = 0; i < k; i++)
        e[2 * i] = (unsigned char)name[i];
    e[0x40] = (unsigned char)(2 * (k + 1));
    e[0x41] = 0;
    e[0x42] = (unsigned char)type;
    for (int i = 0; i < 5; i++)
        for (int b = 0; b < 4; b++)
            e[at[i] + b] = (unsigned char)(v[i] >> (8 * b));
}

/* An object embedded in the workbook (a storage "MBD...") holding a
 * "Workbook" stream of its own, listed in the directory before the
 * workbook's: the workbook is the root's own stream, found down the
 * root's tree of entries, not the first entry of the name. */
static void workbook_is_the_roots_stream_not_an_embedded_objects(void **state)
{
    fixture *fx = *state;
    size_t n;
    unsigned char *data = slurp(FIXTURES "cells.xls", &n);
    unsigned char *dir;
    uint32_t wb_start, wb_size, ole_start, ole_size;

    dir = data + ((size_t)(data[0x30] | data[0x31] << 8) + 1) * 512;
    assert_true(dir + 512 <= data + n);
    assert_int_equal(dir[128 + 0], 'W');                 /* Root, Workbook, CompObj, Ole */
    assert_int_equal(dir[384 + 2], 'O');                 /* "\1Ole" */
    wb_start = (uint32_t)(dir[128 + 0x74] | dir[128 + 0x75] << 8);
    wb_size = (uint32_t)(dir[128 + 0x78] | dir[128 + 0x79] << 8);
    ole_start = (uint32_t)(dir[384 + 0x74] | dir[384 + 0x75] << 8);
    ole_size = (uint32_t)(dir[384 + 0x78] | dir[384 + 0x79] << 8);
    /* root -> "MBD00000001" (entry 2) -> its own "Workbook" (entry 1, the
     * Ole stream's bytes); the root's "Workbook" is entry 3, the storage's
     * left sibling */
    dir[0x4C] = 2;
    dir[0x4D] = dir[0x4E] = dir[0x4F] = 0;
    dir_entry(dir + 128, "Workbook", 2, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, ole_start, ole_size);
    dir_entry(dir + 256, "MBD00000001", 1, 3, 0xFFFFFFFF, 1, 0, 0);
    dir_entry(dir + 384, "Workbook", 2, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, wb_start, wb_size);
    write_bytes(fx, "embedded.xls", data, n);
    if (eg_xls_read(fx->path, "embedded.xls", collect, &fx->rows, NULL, &fx->dl) != 0)
        fail_msg("%s", fx->dl.n ? fx->dl.items[0].message : "no diagnostic");
    assert_string_equal(field(&fx->rows, 2, 2), "Mã đơn vị");
    free(data);
}

/* A sheet's first ROW record (08 02, 16 bytes) turned into a second
 * DIMENSION record (00 02): FreeXL 1.0.6 gave the sheet a new table of
 * cells and lost the first.  A DIMENSION record says nothing the cells do
 * not: the sheet is read as any. */
static void sheet_with_two_dimension_records_is_read_as_any(void **state)
{
    fixture *fx = *state;
    size_t n;
    unsigned char *data = slurp(FIXTURES "cells.xls", &n);
    unsigned char *p = NULL;

    for (size_t i = 512; i + 4 <= n && !p; i++)
        if (memcmp(data + i, "\x08\x02\x10\x00", 4) == 0)
            p = data + i;
    assert_non_null(p);
    p[0] = 0x00;
    assert_read(fx, "dim2.xls", data, n);
    assert_int_equal(fx->rows.n, 12);
    assert_string_equal(field(&fx->rows, 3, 4), "38");
    free(data);
}

/* The BOUNDSHEET record (85 00) of "Báo cáo", the sheet read, naming an
 * offset one byte past its BOF: no sheet starts there, and it is refused
 * (FreeXL 1.0.6 gave such a sheet the cells of the sheet it read last).
 * The same done to "Khác", a sheet not read, leaves "Báo cáo" read. */
static unsigned char *boundsheet(unsigned char *data, size_t n, int k)
{
    for (size_t i = 512; i + 8 <= n; i++)
        if (data[i] == 0x85 && data[i + 1] == 0x00 && data[i + 3] == 0x00 && data[i + 2] >= 8 &&
            data[i + 2] < 40 && k-- == 0)
            return data + i;
    return NULL;
}

static void sheet_listed_at_no_substream_is_refused(void **state)
{
    fixture *fx = *state;
    size_t n;
    unsigned char *data = slurp(FIXTURES "cells.xls", &n);
    unsigned char *p = boundsheet(data, n, 1);

    assert_non_null(p);
    p[4]++;
    assert_broken(fx, "offset.xls", data, n, "danh sách trang tính");
    eg_diag_free(&fx->dl);

    p[4]--;
    p = boundsheet(data, n, 0);
    assert_non_null(p);
    p[4]++;
    assert_read(fx, "offset.xls", data, n);
    assert_string_equal(field(&fx->rows, 3, 4), "38");
    free(data);
}

/* probe.xls's second sheet's BOUNDSHEET naming the first sheet's BOF: two
 * sheets, one substream (FreeXL 1.0.6 lost a table of cells to it).  The
 * sheet read is read as any, and the other's probe finds the same cells. */
static void two_sheets_naming_one_substream_read_the_same_cells(void **state)
{
    fixture *fx = *state;
    size_t n;
    unsigned char *data = slurp(FIXTURES "probe.xls", &n);
    unsigned char *p[2] = { boundsheet(data, n, 0), boundsheet(data, n, 1) };

    assert_non_null(p[0]);
    assert_non_null(p[1]);
    memcpy(p[1] + 4, p[0] + 4, 4);
    assert_read(fx, "twice.xls", data, n);
    assert_string_equal(field(&fx->rows, 2, 3), "45");
    free(data);
}

/* The shared strings' first string (SST, FC 00) claiming 65,535 wide
 * characters, and the record after the SST (EXTSST, FF 00) turned into a
 * CONTINUE (3C 00): FreeXL 1.0.6 completed the string from that
 * short record by 128 KiB, reading far past it. */
static void shared_string_longer_than_its_records_is_refused(void **state)
{
    fixture *fx = *state;
    size_t n, len;
    unsigned char *data = slurp(FIXTURES "cells.xls", &n);
    unsigned char *p = NULL;

    for (size_t i = 512; i + 16 <= n && !p; i++)
        if (data[i] == 0xFC && data[i + 1] == 0x00 && data[i + 3] < 0x20)
            p = data + i;
    assert_non_null(p);
    len = (size_t)(p[2] | p[3] << 8);
    assert_true(p + 4 + len + 4 <= data + n);
    assert_int_equal(p[4 + len], 0xFF);                     /* EXTSST */
    p[12] = 0xFF;                                           /* cch */
    p[13] = 0xFF;
    p[14] |= 1;                                             /* wide */
    p[4 + len] = 0x3C;                                      /* CONTINUE */
    p[4 + len + 1] = 0x00;
    assert_broken(fx, "sst.xls", data, n, "chuỗi dùng chung");
    free(data);
}

/* The first number format's record (FORMAT, 1E 04) claiming a code of
 * 65,535 wide characters: FreeXL 1.0.6 converted 128 KiB from a
 * record of a few bytes. */
static void format_code_longer_than_its_record_is_refused(void **state)
{
    fixture *fx = *state;
    size_t n;
    unsigned char *data = slurp(FIXTURES "cells.xls", &n);
    unsigned char *p = NULL;

    for (size_t i = 512; i + 9 <= n && !p; i++)
        if (data[i] == 0x1E && data[i + 1] == 0x04 && data[i + 3] == 0x00 && data[i + 2] >= 5)
            p = data + i;
    assert_non_null(p);
    p[6] = 0xFF;                                            /* cch */
    p[7] = 0xFF;
    p[8] |= 1;                                              /* wide */
    assert_broken(fx, "format.xls", data, n, "bản ghi văn bản");
    free(data);
}

/* A bar chart drawn on the sheet (LibreOffice's): its records are a
 * substream inside the sheet's, passed over; the sheet's cells are read
 * (FreeXL 1.0.6 could not follow them, and the file was refused). */
static void workbook_with_a_chart_on_its_sheet_is_read(void **state)
{
    fixture *fx = *state;

    assert_int_equal(eg_xls_read(FIXTURES "chart.xls", "chart.xls", collect, &fx->rows, NULL,
                                 &fx->dl), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 6);
    assert_string_equal(field(&fx->rows, 1, 3), "Giá trị");
    for (int i = 0; i < 5; i++) {
        char code[16], value[16];

        snprintf(code, sizeof code, "ht.%d", i);
        snprintf(value, sizeof value, "%d", i * 3);
        assert_string_equal(field(&fx->rows, 2 + i, 2), code);
        assert_string_equal(field(&fx->rows, 2 + i, 3), value);
    }
}

/* The long note of long.xls (make-fixtures.py's long_text). */
static char *long_text(size_t n, int wide)
{
    const char *word = wide ? "Ước tính số hồ sơ trực tuyến " : "Estimated online dossiers ";
    char *out = eg_xmalloc(n * 3 + 1);
    size_t o = 0, k = 0;

    /* n characters of the word over and over: copy a character's bytes */
    for (size_t i = 0; i < n; i++) {
        size_t len = 1;

        if (!word[k])
            k = 0;
        while ((word[k + len] & 0xC0) == 0x80)
            len++;
        memcpy(out + o, word + k, len);
        o += len;
        k += len;
    }
    out[o] = '\0';
    return out;
}

/* 602 shared strings over several CONTINUE records, two of them of
 * 10,000 wide and 9,000 narrow characters, long and short ones cut across
 * records (FreeXL 1.0.6 failed on texts past about 4,000 characters). */
static void long_texts_and_many_shared_strings_are_read_whole(void **state)
{
    fixture *fx = *state;
    char *vi = long_text(10000, 1), *en = long_text(9000, 0);

    assert_int_equal(eg_xls_read(FIXTURES "long.xls", "long.xls", collect, &fx->rows, NULL,
                                 &fx->dl), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 603);
    for (int i = 0; i < 600; i++) {
        long row = 2 + i + (i >= 200 ? 2 : 0);
        char want[32];

        snprintf(want, sizeof want, "ghi chú số %d", i);
        assert_string_equal(field(&fx->rows, row, 4), want);
        snprintf(want, sizeof want, "%d", i);
        assert_string_equal(field(&fx->rows, row, 3), want);
    }
    assert_string_equal(field(&fx->rows, 202, 2), "dai.vi");
    assert_int_equal(strlen(field(&fx->rows, 202, 4)), strlen(vi));
    assert_string_equal(field(&fx->rows, 202, 4), vi);
    assert_string_equal(field(&fx->rows, 203, 4), en);
    free(vi);
    free(en);
}

/* hidden.xls with its sheet's end record lost (0A 00 00 00, the last one
 * of the workbook stream, made a record of no meaning): the sheet read
 * runs to the stream's end without its end, and is refused, as a cut
 * workbook is (FreeXL 1.0.6 read on, and its rows were taken). */
static void sheet_without_its_end_is_refused(void **state)
{
    fixture *fx = *state;
    size_t n;
    unsigned char *data = slurp(FIXTURES "hidden.xls", &n);
    const eg_diag *d = NULL;

    /* tried from the end of the file: the first such record that makes a
     * difference is the sheet's */
    for (size_t i = n - 4; i > 512 && !d; i--) {
        if (memcmp(data + i, "\x0A\x00\x00\x00", 4) != 0)
            continue;
        data[i] = 0x0B;
        write_bytes(fx, "noeof.xls", data, n);
        data[i] = 0x0A;
        rows_free(&fx->rows);
        eg_diag_free(&fx->dl);
        if (eg_xls_read(fx->path, "noeof.xls", collect, &fx->rows, NULL, &fx->dl) != 0)
            d = find_diag(&fx->dl, "E_XLS_BROKEN");
    }
    assert_non_null(d);
    assert_string_equal(d->file, "noeof.xls");
    /* the file whole, a sheet in it damaged: opened and saved again, not
     * sent again as it is */
    assert_string_equal(d->message, "không đọc được bảng tính: trang tính bị mất phần cuối; mở "
                                    "tệp bằng chương trình bảng tính rồi lưu lại");
    assert_int_equal(fx->rows.n, 0);
    free(data);
}

/* An Excel 5/95 workbook (biff5.xls, made by make-fixtures.py): its texts
 * are bytes of Windows-1258, its CODEPAGE record says, the tone marks
 * combining characters; its formats are read as BIFF8's. */
static void workbook_of_excel_5_is_read_in_its_code_page(void **state)
{
    fixture *fx = *state;
    probed p = { .n = 0 };
    eg_sheet_probe how = { probe_collect, &p, "", 0, 0 };

    assert_int_equal(eg_xls_read_probing(FIXTURES "biff5.xls", "biff5.xls", collect, &fx->rows,
                                         &how, NULL, &fx->dl), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_string_equal(how.read_sheet, "Báo cáo");
    assert_int_equal(fx->rows.n, 4);
    assert_string_equal(field(&fx->rows, 1, 1), "Ma don vi");
    assert_string_equal(field(&fx->rows, 2, 2), "ht.cbcc");
    assert_string_equal(field(&fx->rows, 2, 3), "45");
    assert_int_equal(row_at(&fx->rows, 2)->origin[2], EG_FROM_NUMBER);
    assert_string_equal(field(&fx->rows, 2, 4), "Sở Tư pháp");    /* composed (NFC) */
    assert_string_equal(field(&fx->rows, 3, 3), "116.83");
    assert_string_equal(field(&fx->rows, 4, 3), "96.2%");
    assert_int_equal(row_at(&fx->rows, 4)->origin[2], EG_FROM_PERCENT);
}

/* An Excel 5/95 workbook in a code page of two bytes a character
 * (Japanese, 932; so are Chinese and Korean): a text is converted whole,
 * not byte by byte (each lead byte was U+FFFD, each second byte a
 * character of its own). */
static void workbook_of_excel_5_in_a_double_byte_code_page_is_read(void **state)
{
    fixture *fx = *state;
    size_t n;
    unsigned char *data = slurp(FIXTURES "biff5.xls", &n);
    unsigned char *cp = NULL, *text = NULL;

    for (size_t i = 512; i + 6 <= n && !cp; i++)
        if (memcmp(data + i, "\x42\x00\x02\x00\xea\x04", 6) == 0)      /* CODEPAGE 1258 */
            cp = data + i;
    for (size_t i = 512; i + 9 <= n && !text; i++)
        if (memcmp(data + i, "Ma don vi", 9) == 0)
            text = data + i;
    assert_non_null(cp);
    assert_non_null(text);
    cp[4] = 0xA4;                                           /* 932: Shift-JIS */
    cp[5] = 0x03;
    memcpy(text, "\x93\xfa\x96\x7b\x8c\xea" "abc", 9);     /* "日本語abc" */
    write_bytes(fx, "sjis.xls", data, n);
    assert_int_equal(eg_xls_read(fx->path, "sjis.xls", collect, &fx->rows, NULL, &fx->dl), 0);
    assert_string_equal(field(&fx->rows, 1, 1), "日本語abc");
    assert_string_equal(field(&fx->rows, 1, 2), "Ma chi tieu");
    free(data);
}

/* An Excel 5/95 workbook whose font is white, on cells without a fill:
 * every cell is drawn white on white, and its value is marked unshown
 * (EG_FROM_UNSHOWN, W_VALUE_UNSHOWN); in black, none is.  The XF records
 * here are BIFF5's, whose fill lies elsewhere than BIFF8's. */
static void workbook_of_excel_5_in_a_white_font_is_marked_unshown(void **state)
{
    fixture *fx = *state;
    size_t n;
    unsigned char *data = slurp(FIXTURES "biff5.xls", &n);
    unsigned char *font = NULL;

    /* FONT: 200 twips, no options, colour 0x7FFF (automatic) */
    for (size_t i = 512; i + 10 <= n && !font; i++)
        if (memcmp(data + i, "\x31\x00", 2) == 0 && memcmp(data + i + 4, "\xc8\x00\x00\x00\xff\x7f", 6) == 0)
            font = data + i;
    assert_non_null(font);
    font[8] = 9;                                            /* white */
    font[9] = 0;
    write_bytes(fx, "white.xls", data, n);
    assert_int_equal(eg_xls_read(fx->path, "white.xls", collect, &fx->rows, NULL, &fx->dl), 0);
    assert_string_equal(field(&fx->rows, 2, 3), "45");
    assert_int_equal(row_at(&fx->rows, 2)->origin[2], EG_FROM_NUMBER | EG_FROM_UNSHOWN);
    assert_int_equal(row_at(&fx->rows, 2)->origin[1], EG_FROM_TEXT | EG_FROM_UNSHOWN);
    assert_int_equal(row_at(&fx->rows, 4)->origin[2], EG_FROM_PERCENT | EG_FROM_UNSHOWN);
    rows_free(&fx->rows);
    font[8] = 8;                                            /* black */
    write_bytes(fx, "white.xls", data, n);
    assert_int_equal(eg_xls_read(fx->path, "white.xls", collect, &fx->rows, NULL, &fx->dl), 0);
    assert_int_equal(row_at(&fx->rows, 2)->origin[2], EG_FROM_NUMBER);
    assert_int_equal(row_at(&fx->rows, 2)->origin[1], EG_FROM_TEXT);
    free(data);
}

/* A BIFF5 workbook naming a code page iconv does not know is refused. */
static void workbook_of_excel_5_in_an_unknown_code_page_is_refused(void **state)
{
    fixture *fx = *state;
    size_t n;
    unsigned char *data = slurp(FIXTURES "biff5.xls", &n);
    unsigned char *p = NULL;

    for (size_t i = 512; i + 6 <= n && !p; i++)
        if (memcmp(data + i, "\x42\x00\x02\x00\xea\x04", 6) == 0)      /* CODEPAGE 1258 */
            p = data + i;
    assert_non_null(p);
    p[4] = 0x39;                                            /* 12345 */
    p[5] = 0x30;
    assert_broken(fx, "cp.xls", data, n, "bảng mã");
    eg_diag_free(&fx->dl);
    /* a Mac code page, by the name iconv knows it (MAC-CENTRALEUROPE) */
    p[4] = 0x2D;                                            /* 10029 */
    p[5] = 0x27;
    assert_read(fx, "cp.xls", data, n);
    assert_string_equal(field(&fx->rows, 2, 2), "ht.cbcc");
    free(data);
}

/* An Excel 5/95 workbook with a password: the records after its FILEPASS
 * are ciphered, its CODEPAGE record's among them, whose number is then
 * any: the password is what the clerk is told, not a code page. */
static void workbook_of_excel_5_with_a_password_is_refused_for_it(void **state)
{
    fixture *fx = *state;
    size_t n;
    unsigned char *data = slurp(FIXTURES "biff5.xls", &n);
    unsigned char *cp = NULL, *fmt = NULL;

    for (size_t i = 512; i + 6 <= n && !cp; i++)
        if (memcmp(data + i, "\x42\x00\x02\x00\xea\x04", 6) == 0)    /* CODEPAGE 1258 */
            cp = data + i;
    for (size_t i = 512; i + 6 <= n && !fmt; i++)
        if (memcmp(data + i, "\x1e\x04\x07\x00\xa4\x00", 6) == 0)    /* FORMAT 164 */
            fmt = data + i;
    assert_non_null(cp);
    assert_non_null(fmt);
    cp[0] = 0x2F;                          /* FILEPASS, then a CODEPAGE reading 164 */
    fmt[0] = 0x42;
    fmt[1] = 0x00;
    write_bytes(fx, "pw5.xls", data, n);
    assert_int_equal(eg_xls_read(fx->path, "pw5.xls", collect, &fx->rows, NULL, &fx->dl), -1);
    if (!find_diag(&fx->dl, "E_XLS_PASSWORD"))
        fail_msg("%s", fx->dl.n ? fx->dl.items[0].message : "no diagnostic");
    assert_int_equal(fx->dl.n, 1);
    assert_int_equal(fx->rows.n, 0);
    free(data);
}

static void missing_file_is_a_read_error(void **state)
{
    fixture *fx = *state;

    assert_int_equal(eg_xls_read("/nonexistent/x.xls", "x.xls", collect, &fx->rows, NULL,
                                 &fx->dl), -1);
    assert_non_null(find_diag(&fx->dl, "E_FILE_READ"));
}

static void damaged_bytes_never_crash_and_always_give_an_answer(void **state)
{
    fixture *fx = *state;
    size_t n;
    unsigned char *data = slurp(FIXTURES "cells.xls", &n);
    unsigned seed = 12345;

    /* 200 copies with a few bytes changed (a fixed pseudo-random walk):
     * each is read to an end or refused with a diagnostic naming it; the
     * sanitizers of `make asan` watch the rest. */
    for (int round = 0; round < 200; round++) {
        unsigned char *copy = eg_xmalloc(n);
        int flips = 1 + round % 8;
        int rc;

        memcpy(copy, data, n);
        for (int k = 0; k < flips; k++) {
            seed = seed * 1103515245u + 12345u;
            copy[(seed >> 8) % n] = (unsigned char)(seed >> 20);
        }
        write_bytes(fx, "damaged.xls", copy, round % 3 ? n : n - (seed >> 8) % n);
        rc = eg_xls_read(fx->path, "damaged.xls", collect, &fx->rows, NULL, &fx->dl);
        if (rc < 0)
            assert_true(fx->dl.n >= 1);
        for (size_t i = 0; i < fx->dl.n; i++)
            assert_string_equal(fx->dl.items[i].file, "damaged.xls");
        eg_diag_free(&fx->dl);
        rows_free(&fx->rows);
        free(copy);
    }
    free(data);
}

/* --- merged cells (MERGEDCELLS) ---------------------------------------------- */

/* Appends a BIFF record to buf at *n. */
static void record(unsigned char *buf, size_t *n, unsigned type, const unsigned char *data,
                   size_t len)
{
    buf[(*n)++] = (unsigned char)type;
    buf[(*n)++] = (unsigned char)(type >> 8);
    buf[(*n)++] = (unsigned char)len;
    buf[(*n)++] = (unsigned char)(len >> 8);
    if (len)
        memcpy(buf + *n, data, len);
    *n += len;
}

/* A MERGEDCELLS record of count ranges (0-based rows r, r + 1, column c,
 * from r0 by 2), claiming claim of them. */
static size_t mergedcells(unsigned char *buf, size_t n, unsigned claim, unsigned count,
                          unsigned r0, unsigned c)
{
    unsigned char d[2 + 1026 * 8];
    size_t len = 2;

    d[0] = (unsigned char)claim;
    d[1] = (unsigned char)(claim >> 8);
    for (unsigned i = 0; i < count; i++, len += 8) {
        unsigned r = r0 + 2 * i;
        unsigned char ref[8] = { (unsigned char)r, (unsigned char)(r >> 8),
                                 (unsigned char)(r + 1), (unsigned char)((r + 1) >> 8),
                                 (unsigned char)c, (unsigned char)(c >> 8),
                                 (unsigned char)c, (unsigned char)(c >> 8) };

        memcpy(d + len, ref, 8);
    }
    record(buf, &n, 0x00E5, d, len);
    return n;
}

/* b a workbook of one sheet, listed at the start of stream (len bytes,
 * malloc'd; b owns it). */
static void one_sheet_at(eg_biff *b, unsigned char *stream, size_t len)
{
    memset(b, 0, sizeof *b);
    b->stream = stream;
    b->n_stream = len;
    b->sheets = eg_xcalloc(1, sizeof *b->sheets);
    b->n_sheets = 1;
}

/* A sheet's records read by hand: BOF, the given records, EOF; the
 * workbook's XF records of the given kinds (n_xf of them, or none). */
static int read_records_xf(eg_biff *b, const unsigned char *recs, size_t n, const uint8_t *xf,
                           size_t n_xf, const char **why)
{
    static const unsigned char bof[16] = { 0x00, 0x06, 0x10, 0x00 };
    unsigned char *stream = eg_xmalloc(n + 64);
    size_t len = 0;

    record(stream, &len, 0x0809, bof, sizeof bof);
    memcpy(stream + len, recs, n);
    len += n;
    record(stream, &len, 0x000A, NULL, 0);
    one_sheet_at(b, stream, len);
    if (n_xf) {
        b->xf_kind = eg_xmalloc(n_xf);
        memcpy(b->xf_kind, xf, n_xf);
        b->xf_hides = eg_xcalloc(n_xf, 1);
        b->n_xf = n_xf;
    }
    return eg_biff_read_sheet(b, 0, why);
}

static int read_records(eg_biff *b, const unsigned char *recs, size_t n, const char **why)
{
    return read_records_xf(b, recs, n, NULL, 0, why);
}

static void merged_ranges_are_read_from_their_records(void **state)
{
    unsigned char *recs = eg_xmalloc(4096);
    const char *why = NULL;
    size_t n = 0;
    eg_biff b;

    (void)state;
    /* B5:B6 and B3:B4 (kept, sorted), a range within one row (not kept),
     * and a record claiming 9 ranges that holds 1: only what it holds */
    n = mergedcells(recs, n, 2, 2, 4, 1);
    n = mergedcells(recs, n, 2, 0, 0, 0);
    {
        unsigned char one_row[10] = { 1, 0, 7, 0, 7, 0, 0, 0, 3, 0 };

        record(recs, &n, 0x00E5, one_row, sizeof one_row);
    }
    n = mergedcells(recs, n, 9, 1, 2, 1);
    /* a range past the sheet's 256 columns is none: not kept */
    n = mergedcells(recs, n, 1, 1, 20, 256);
    assert_int_equal(read_records(&b, recs, n, &why), 0);
    assert_int_equal(b.merges.n, 3);
    assert_int_equal(b.merges.v[0].first_row, 3);
    assert_int_equal(b.merges.v[0].last_row, 4);
    assert_int_equal(b.merges.v[0].first_col, 2);
    assert_int_equal(b.merges.v[1].first_row, 5);
    assert_int_equal(b.merges.v[2].first_row, 7);
    assert_int_equal(b.too_many_merges, 0);
    eg_biff_free(&b);
    free(recs);
}

/* A number cell's record: row, column, XF, then its value's bytes. */
static void number_record(unsigned char *buf, size_t *n, unsigned type, unsigned row,
                          unsigned col, unsigned xf, const unsigned char *v, size_t v_len)
{
    unsigned char d[32] = { (unsigned char)row, (unsigned char)(row >> 8),
                            (unsigned char)col, 0, (unsigned char)xf, 0 };

    memcpy(d + 6, v, v_len);
    record(buf, n, type, d, 6 + v_len);
}

static void numbers_are_read_from_number_rk_and_mulrk_with_their_formats(void **state)
{
    /* XF 0 General, 1 a date, 2 a percent, 3 a time */
    static const uint8_t kinds[] = { EG_CELL_NUMBER, EG_CELL_DATE, EG_CELL_PERCENT, EG_CELL_TIME };
    /* RK: 148 as an integer; 1,23 as 123 hundredths; -7; 12,5 as a
     * double's high bits (0x40290000) */
    static const unsigned char rk_148[4] = { 0x52, 0x02, 0, 0 };      /* 148 << 2 | 2 */
    static const unsigned char rk_123[4] = { 0xEF, 0x01, 0, 0 };      /* 123 << 2 | 3 */
    static const unsigned char rk_neg7[4] = { 0xE6, 0xFF, 0xFF, 0xFF }; /* -7 << 2 | 2 */
    static const unsigned char rk_12_5[4] = { 0, 0, 0x29, 0x40 };
    unsigned char num[8], mulrk[2 + 2 + 3 * 6 + 2] = { 1, 0, 0, 0 }, recs[512];
    double x = 1234567.891;
    const eg_biff_cell *c;
    const char *why = NULL;
    size_t n = 0;
    eg_biff b;

    (void)state;
    memcpy(num, &x, sizeof num);                   /* little-endian, as the file */
    number_record(recs, &n, 0x027E, 0, 0, 1, rk_148, 4);
    number_record(recs, &n, 0x027E, 0, 1, 1, rk_123, 4);
    number_record(recs, &n, 0x027E, 0, 2, 3, rk_neg7, 4);
    number_record(recs, &n, 0x0203, 0, 3, 1, num, 8);
    number_record(recs, &n, 0x027E, 0, 4, 0, rk_148, 4);   /* General */
    /* MULRK on row 1, columns 0-2: a date, a General, a percent */
    memcpy(mulrk + 4, (const unsigned char[]){ 1, 0 }, 2);
    memcpy(mulrk + 6, rk_12_5, 4);
    memcpy(mulrk + 12, rk_123, 4);
    memcpy(mulrk + 16, (const unsigned char[]){ 2, 0 }, 2);
    memcpy(mulrk + 18, rk_148, 4);
    mulrk[22] = 2;                                 /* the last column */
    record(recs, &n, 0x00BD, mulrk, sizeof mulrk);
    assert_int_equal(read_records_xf(&b, recs, n, kinds, sizeof kinds, &why), 0);
    assert_int_equal(b.n_cells, 8);
    assert_int_equal(b.rows, 2);
    assert_int_equal(b.cols, 5);
    c = eg_biff_cell_at(&b, 0, 0);
    assert_non_null(c);
    assert_true(c->what == EG_BIFF_NUM && c->kind == EG_CELL_DATE && c->num == 148);
    c = eg_biff_cell_at(&b, 0, 1);
    assert_true(c && c->num == 1.23);
    c = eg_biff_cell_at(&b, 0, 2);
    assert_true(c && c->kind == EG_CELL_TIME && c->num == -7);
    c = eg_biff_cell_at(&b, 0, 3);
    assert_true(c && c->num == 1234567.891);
    c = eg_biff_cell_at(&b, 0, 4);
    assert_true(c && c->kind == EG_CELL_NUMBER && c->num == 148);
    c = eg_biff_cell_at(&b, 1, 0);
    assert_true(c && c->kind == EG_CELL_DATE && c->num == 12.5);
    c = eg_biff_cell_at(&b, 1, 1);
    assert_true(c && c->kind == EG_CELL_NUMBER && c->num == 1.23);
    c = eg_biff_cell_at(&b, 1, 2);
    assert_true(c && c->kind == EG_CELL_PERCENT && c->num == 148);
    eg_biff_free(&b);
}

/* The bytes most_cells writes: a MULRK record of 256 cells a row. */
#define MOST_CELLS_BYTES ((EG_BIFF_MAX_CELLS / 256) * (4 + 2 + 2 + 256 * 6 + 2))

/* EG_BIFF_MAX_CELLS cells of 1 as MULRK records at buf + *n: 16,384 rows
 * of 256 columns. */
static void most_cells(unsigned char *buf, size_t *n)
{
    static const unsigned char rk_1[4] = { 0x06, 0, 0, 0 };           /* 1 << 2 | 2 */
    unsigned char mulrk[2 + 2 + 256 * 6 + 2] = { 0 };

    for (unsigned c = 0; c < 256; c++)
        memcpy(mulrk + 6 + 6 * c, rk_1, 4);        /* XF 0 */
    mulrk[sizeof mulrk - 2] = 255;                 /* columns 0 to 255 */
    for (unsigned r = 0; r < EG_BIFF_MAX_CELLS / 256; r++) {
        mulrk[0] = (unsigned char)r;
        mulrk[1] = (unsigned char)(r >> 8);
        record(buf, n, 0x00BD, mulrk, sizeof mulrk);
    }
}

/* A sheet of EG_BIFF_MAX_CELLS cells (4,194,304: 16,384 rows of 256, as
 * MULRK records) is held; one cell more and the sheet is refused as too
 * many cells (E_FILE_TOO_LONG), not read in part. */
static void a_sheet_of_the_most_cells_is_held_and_one_more_is_refused(void **state)
{
    static const unsigned char rk_1[4] = { 0x06, 0, 0, 0 };           /* 1 << 2 | 2 */
    const unsigned rows = (unsigned)(EG_BIFF_MAX_CELLS / 256);
    unsigned char *recs = eg_xmalloc(MOST_CELLS_BYTES + 64);
    const char *why = NULL;
    size_t n = 0;
    eg_biff b;

    (void)state;
    assert_int_equal(rows, 16384);
    most_cells(recs, &n);
    assert_int_equal(read_records(&b, recs, n, &why), 0);
    assert_int_equal(b.n_cells, EG_BIFF_MAX_CELLS);
    assert_int_equal(b.rows, rows);
    assert_int_equal(b.cols, 256);
    assert_false(b.too_many_cells);
    assert_true(eg_biff_cell_at(&b, rows - 1, 255)->num == 1);
    eg_biff_free(&b);

    number_record(recs, &n, 0x027E, rows, 0, 0, rk_1, 4);
    assert_int_equal(read_records(&b, recs, n, &why), -1);
    assert_true(b.too_many_cells);
    assert_string_equal(why, "trang tính có quá nhiều ô");
    eg_biff_free(&b);
    free(recs);
}

/* A FORMULA record whose result is a text (its value's bytes: 00, then FF
 * FF at its end), 20 bytes, at (row, 0). */
static void text_formula_record(unsigned char *buf, size_t *n, unsigned row)
{
    unsigned char f[20] = { (unsigned char)row };

    f[12] = 0xFF;
    f[13] = 0xFF;
    record(buf, n, 0x0006, f, sizeof f);
}

static void a_formulas_text_is_its_string_record_past_a_shared_formula(void **state)
{
    static const unsigned char str[] = { 3, 0, 0, 'a', 'b', 'c' };
    static const unsigned char shrfmla[10] = { 0 };
    static const unsigned char rk_7[4] = { 0x1E, 0, 0, 0 };        /* 7 << 2 | 2 */
    unsigned char recs[256];
    const eg_biff_cell *c;
    const char *why = NULL;
    size_t n = 0;
    eg_biff b;

    (void)state;
    /* row 0: FORMULA, SHRFMLA (a formula filled down), STRING */
    text_formula_record(recs, &n, 0);
    record(recs, &n, 0x04BC, shrfmla, sizeof shrfmla);
    record(recs, &n, 0x0207, str, sizeof str);
    /* row 1: FORMULA, then another cell's record: the STRING after it is
     * no longer the formula's, which has no saved result */
    text_formula_record(recs, &n, 1);
    number_record(recs, &n, 0x027E, 1, 1, 0, rk_7, 4);
    record(recs, &n, 0x0207, str, sizeof str);
    assert_int_equal(read_records(&b, recs, n, &why), 0);
    c = eg_biff_cell_at(&b, 0, 0);
    assert_true(c && c->what == EG_BIFF_STR);
    assert_string_equal(eg_biff_cell_text(&b, c), "abc");
    c = eg_biff_cell_at(&b, 1, 0);
    assert_true(c && c->what == EG_BIFF_NONE);
    c = eg_biff_cell_at(&b, 1, 1);
    assert_true(c && c->what == EG_BIFF_NUM && c->num == 7);
    eg_biff_free(&b);
}

/* A LABEL record: row, column, XF 0, then a text of cch characters whose
 * bytes (wide: two each) are given, whatever cch says. */
static void label_record(unsigned char *buf, size_t *n, unsigned row, unsigned cch, int wide,
                         const unsigned char *chars, size_t len)
{
    unsigned char d[64] = { (unsigned char)row, (unsigned char)(row >> 8), 0, 0, 0, 0,
                            (unsigned char)cch, (unsigned char)(cch >> 8),
                            (unsigned char)(wide ? 1 : 0) };

    memcpy(d + 9, chars, len);
    record(buf, n, 0x0204, d, 9 + len);
}

/* UTF-16 in a cell: a pair of surrogates is one character; a high
 * surrogate before anything but a low one is U+FFFD, and the unit after
 * it (U+E000, a letter of private use) is itself. */
static void a_lone_high_surrogate_is_a_replacement_character(void **state)
{
    static const unsigned char pair[] = { 0x3D, 0xD8, 0x00, 0xDE };     /* U+1F600 */
    static const unsigned char lone[] = { 0x00, 0xD8, 0x00, 0xE0, 'x', 0 };
    unsigned char recs[128];
    const char *why = NULL;
    size_t n = 0;
    eg_biff b;

    (void)state;
    label_record(recs, &n, 0, 2, 1, pair, sizeof pair);
    label_record(recs, &n, 1, 3, 1, lone, sizeof lone);
    assert_int_equal(read_records(&b, recs, n, &why), 0);
    assert_string_equal(eg_biff_cell_text(&b, eg_biff_cell_at(&b, 0, 0)), "\xF0\x9F\x98\x80");
    assert_string_equal(eg_biff_cell_text(&b, eg_biff_cell_at(&b, 1, 0)),
                        "\xEF\xBF\xBD\xEE\x80\x80x");
    eg_biff_free(&b);
}

/* A text that claims more characters than its record holds goes on only
 * into CONTINUE records: the record after it being a cell's, the text is
 * broken and the sheet refused. */
static void a_text_running_into_a_cells_record_refuses_the_sheet(void **state)
{
    static const unsigned char num[8] = { 0 };
    unsigned char recs[128];
    const char *why = NULL;
    size_t n = 0;
    eg_biff b;

    (void)state;
    /* 5 characters, 3 in the record: the NUMBER after it would give the
     * other 2 (its first byte, 0, saying one byte each) */
    label_record(recs, &n, 0, 5, 0, (const unsigned char *)"abc", 3);
    number_record(recs, &n, 0x0203, 0, 1, 0, num, 8);
    assert_int_equal(read_records(&b, recs, n, &why), -1);
    assert_string_equal(why, "một bản ghi văn bản của tệp dài hơn chính nó (tệp bị hỏng)");
    eg_biff_free(&b);
}

/* A MERGEDCELLS record's ranges are those its count says, not the bytes
 * after them; a range whose last column is past the 256th is none. */
static void merged_ranges_past_their_count_or_the_last_column_are_not_kept(void **state)
{
    static const unsigned char wide[10] = { 1, 0, 0, 0, 1, 0, 250, 0, 44, 1 }; /* cols 250-300 */
    unsigned char recs[256];
    const char *why = NULL;
    size_t n = 0;
    eg_biff b;

    (void)state;
    n = mergedcells(recs, n, 1, 2, 4, 1);          /* claims 1 of the 2 it holds */
    record(recs, &n, 0x00E5, wide, sizeof wide);
    assert_int_equal(read_records(&b, recs, n, &why), 0);
    assert_int_equal(b.merges.n, 1);
    assert_int_equal(b.merges.v[0].first_row, 5);
    eg_biff_free(&b);
}

/* A sheet the workbook lists at a record that is no BOF (a substream's
 * start) is no sheet of the file: refused. */
static void a_sheet_listed_at_a_record_that_is_no_bof_is_refused(void **state)
{
    static const unsigned char rk_7[4] = { 0x1E, 0, 0, 0 };
    unsigned char *stream = eg_xmalloc(64);
    const char *why = NULL;
    size_t len = 0;
    eg_biff b;

    (void)state;
    number_record(stream, &len, 0x027E, 0, 0, 0, rk_7, 4);
    record(stream, &len, 0x000A, NULL, 0);
    one_sheet_at(&b, stream, len);
    assert_int_equal(eg_biff_read_sheet(&b, 0, &why), -1);
    assert_string_equal(why, "danh sách trang tính không khớp với các trang tính trong tệp (tệp bị "
                             "hỏng)");
    eg_biff_free(&b);
}

/* Excel 5's texts are bytes of the workbook's code page: a byte that is
 * no character in it (0x81 in Windows-1258) is U+FFFD, the letters
 * around it converted. */
static void a_byte_no_character_in_the_code_page_is_a_replacement_character(void **state)
{
    static const unsigned char bof[16] = { 0x00, 0x05, 0x10, 0x00 };
    static const unsigned char label[] = { 0, 0, 0, 0, 0, 0, 3, 0, 'a', 0x81, 0xE2 };
    unsigned char *stream = eg_xmalloc(128);
    const char *why = NULL;
    size_t len = 0;
    eg_biff b;

    (void)state;
    record(stream, &len, 0x0809, bof, sizeof bof);
    record(stream, &len, 0x0204, label, sizeof label);
    record(stream, &len, 0x000A, NULL, 0);
    one_sheet_at(&b, stream, len);
    b.biff5 = 1;
    b.conv = (void *)iconv_open("UTF-8", "CP1258");
    assert_true(b.conv != (void *)(iconv_t)-1);
    assert_int_equal(eg_biff_read_sheet(&b, 0, &why), 0);
    assert_string_equal(eg_biff_cell_text(&b, eg_biff_cell_at(&b, 0, 0)), "a\xEF\xBF\xBD\xC3\xA2");
    eg_biff_free(&b);
}

/* Of two records for one cell, the later one holds; a cell past the 256th
 * column, or naming a shared string that is not there, refuses the sheet. */
static void a_cells_later_record_holds_and_impossible_cells_refuse_the_sheet(void **state)
{
    static const unsigned char rk_7[4] = { 0x1E, 0, 0, 0 };
    static const unsigned char rk_9[4] = { 0x26, 0, 0, 0 };        /* 9 << 2 | 2 */
    static const unsigned char sst_0[4] = { 0, 0, 0, 0 };
    unsigned char recs[256];
    const eg_biff_cell *c;
    const char *why = NULL;
    size_t n = 0;
    eg_biff b;

    (void)state;
    number_record(recs, &n, 0x027E, 4, 2, 0, rk_7, 4);
    number_record(recs, &n, 0x027E, 4, 2, 0, rk_9, 4);
    assert_int_equal(read_records(&b, recs, n, &why), 0);
    assert_int_equal(b.n_cells, 1);
    c = eg_biff_cell_at(&b, 4, 2);
    assert_true(c && c->num == 9);
    assert_int_equal(b.rows, 5);
    assert_int_equal(b.cols, 3);
    eg_biff_free(&b);

    n = 0;
    number_record(recs, &n, 0x027E, 0, 256, 0, rk_7, 4);
    recs[4 + 3] = 1;                                           /* column 256: 00 01 */
    assert_int_equal(read_records(&b, recs, n, &why), -1);
    assert_non_null(strstr(why, "256"));
    eg_biff_free(&b);

    n = 0;
    number_record(recs, &n, 0x00FD, 0, 0, 0, sst_0, 4);      /* LABELSST, no strings */
    assert_int_equal(read_records(&b, recs, n, &why), -1);
    assert_non_null(strstr(why, "chuỗi dùng chung"));
    eg_biff_free(&b);
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

/* A compound file holding stream (len >= 4,096 bytes) as its root's
 * "Workbook": the FAT's sectors, the directory's, then the stream's;
 * written as name.  Version 3 (512-byte sectors) up to 6 MB, as most
 * files are; version 4 (4,096-byte sectors) past it, where 109 FAT
 * sectors of 512 bytes would not reach. */
static const char *write_compound(fixture *fx, const char *name, const unsigned char *stream,
                                  size_t len)
{
    size_t ss = len > ((size_t)6 << 20) ? 4096 : 512, per = ss / 4;
    size_t n_stream = (len + ss - 1) / ss, n_fat = 1, total;
    unsigned char *f;

    while (n_fat * per < n_fat + 1 + n_stream)
        n_fat++;
    assert_true(n_fat <= 109);
    total = ss * (1 + n_fat + 1 + n_stream);
    f = eg_xcalloc(total, 1);
    memcpy(f, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    f[0x18] = 0x3E;                                     /* minor version */
    f[0x1A] = ss == 4096 ? 4 : 3;                       /* major version */
    f[0x1C] = 0xFE;                                     /* byte order FFFE */
    f[0x1D] = 0xFF;
    f[0x1E] = ss == 4096 ? 12 : 9;                      /* the sectors' size */
    f[0x20] = 6;                                        /* 64-byte mini sectors */
    if (ss == 4096)
        put32(f + 0x28, 1);                             /* the directory's sectors */
    put32(f + 0x2C, (uint32_t)n_fat);
    put32(f + 0x30, (uint32_t)n_fat);                   /* the directory's sector */
    put32(f + 0x38, 4096);                              /* the mini stream's cutoff */
    put32(f + 0x3C, 0xFFFFFFFE);
    put32(f + 0x44, 0xFFFFFFFE);
    for (size_t i = 0; i < 109; i++)
        put32(f + 0x4C + 4 * i, i < n_fat ? (uint32_t)i : 0xFFFFFFFF);
    for (size_t s = 0; s < n_fat * per; s++) {
        uint32_t next = 0xFFFFFFFF;                     /* free */

        if (s < n_fat)
            next = 0xFFFFFFFD;                          /* a FAT sector */
        else if (s == n_fat || s == n_fat + n_stream)
            next = 0xFFFFFFFE;                          /* a chain's end */
        else if (s < n_fat + 1 + n_stream)
            next = (uint32_t)s + 1;
        put32(f + ss + 4 * s, next);
    }
    {
        unsigned char *dir = f + ss * (1 + n_fat);
        static const char *const names[2] = { "Root Entry", "Workbook" };

        for (int e = 0; e < 2; e++) {
            unsigned char *d = dir + 128 * e;
            size_t k = strlen(names[e]);

            for (size_t i = 0; i < k; i++)
                d[2 * i] = (unsigned char)names[e][i];
            d[0x40] = (unsigned char)(2 * (k + 1));
            d[0x42] = e == 0 ? 5 : 2;                   /* root storage, stream */
            d[0x43] = 1;
            put32(d + 0x44, 0xFFFFFFFF);
            put32(d + 0x48, 0xFFFFFFFF);
            put32(d + 0x4C, e == 0 ? 1 : 0xFFFFFFFF);   /* the root's child */
            put32(d + 0x74, e == 0 ? 0xFFFFFFFE : (uint32_t)(n_fat + 1));
            put32(d + 0x78, e == 0 ? 0 : (uint32_t)len);
        }
        for (size_t e = 2; e < ss / 128; e++) {
            put32(dir + 128 * e + 0x44, 0xFFFFFFFF);
            put32(dir + 128 * e + 0x48, 0xFFFFFFFF);
            put32(dir + 128 * e + 0x4C, 0xFFFFFFFF);
        }
    }
    memcpy(f + ss * (2 + n_fat), stream, len);
    write_bytes(fx, name, f, total);
    free(f);
    return fx->path;
}

/* A workbook listing 65,536 sheets (each an empty BOUNDSHEET record) is
 * refused: a sheet's index is 16 bits wide, and a file of such records
 * would otherwise hold memory by the million; 65,535 are not refused for
 * their number. */
static void more_sheets_than_a_workbook_can_have_are_refused(void **state)
{
    static const unsigned char bof[16] = { 0x00, 0x06, 0x05, 0x00 };
    static const unsigned char sheet[8] = { 0 };
    fixture *fx = *state;
    size_t cap = 16 + 20 + 65536 * 12, n = 0;
    unsigned char *stream = eg_xcalloc(cap, 1);
    const eg_diag *d;

    record(stream, &n, 0x0809, bof, sizeof bof);
    for (size_t i = 0; i < 65535; i++)
        record(stream, &n, 0x0085, sheet, sizeof sheet);
    record(stream, &n, 0x000A, NULL, 0);
    write_compound(fx, "sheets.xls", stream, n);
    eg_xls_read(fx->path, "sheets.xls", collect, &fx->rows, NULL, &fx->dl);
    d = find_diag(&fx->dl, "E_XLS_BROKEN");
    assert_true(!d || !strstr(d->message, "danh sách trang tính của tệp"));
    eg_diag_free(&fx->dl);
    rows_free(&fx->rows);

    n -= 4;                                             /* one more, then the EOF */
    record(stream, &n, 0x0085, sheet, sizeof sheet);
    record(stream, &n, 0x000A, NULL, 0);
    write_compound(fx, "sheets.xls", stream, n);
    assert_broken(fx, "sheets.xls", NULL, 0, "danh sách trang tính của tệp");
    free(stream);
}

/* --- the cells' looks: FONT, XF and PALETTE records ---------------------------- */

/* An XF record of BIFF8 (20 bytes) or BIFF5 (16) for font, its fill fls
 * (0 none, 1 solid, 2 a pattern) in colours fore and back; len cuts it
 * short when not 0. */
static void xf_looks(unsigned char *buf, size_t *n, int biff5, unsigned font, unsigned fls,
                     unsigned fore, unsigned back, size_t len)
{
    unsigned char d[20] = { 0 };

    d[0] = (unsigned char)font;
    d[4] = 0x01;                                        /* a cell XF, parent 0 */
    if (biff5) {
        put32(d + 8, fore | back << 7 | fls << 16);
    } else {
        put32(d + 14, (uint32_t)fls << 26);
        d[18] = (unsigned char)(fore | (back & 1) << 7);
        d[19] = (unsigned char)(back >> 1);
    }
    record(buf, n, 0x00E0, d, len ? len : biff5 ? 16 : 20);
}

/* A workbook (BIFF8, or BIFF5 in code page 1252) of five FONT records,
 * the fifth white (index 9): font index 5, as index 4 is skipped; a
 * PALETTE making 9 black (and the others grey) when own_palette; and one
 * row of the number 5 in cells of XF 16 to 22, those written by xfs. */
static void read_looks(fixture *fx, int biff5, int own_palette,
                       void (*xfs)(unsigned char *, size_t *, int))
{
    unsigned char *s = eg_xcalloc(8192, 1);
    unsigned char d[300] = { 0 };
    size_t n = 0, bound, sheet_at;

    d[0] = 0x00;
    d[1] = biff5 ? 0x05 : 0x06;                         /* BOF: version, globals */
    d[2] = 0x05;
    record(s, &n, 0x0809, d, biff5 ? 8 : 16);
    if (biff5) {
        d[0] = 0xE4;                                    /* CODEPAGE 1252 */
        d[1] = 0x04;
        record(s, &n, 0x0042, d, 2);
    }
    for (int i = 0; i < 5; i++) {
        unsigned char f[20] = { 200, 0, 0, 0 };
        unsigned colour = i == 4 ? 0x0009 : 0x7FFF;

        f[4] = (unsigned char)colour;
        f[5] = (unsigned char)(colour >> 8);
        f[6] = 0x90;                                    /* weight 400 */
        f[7] = 0x01;
        f[14] = 1;                                      /* a name of one letter */
        f[15] = biff5 ? 'A' : 0;
        f[16] = 'A';
        record(s, &n, 0x0031, f, biff5 ? 16 : 17);
    }
    if (own_palette) {
        unsigned char pal[2 + 56 * 4] = { 56 };

        for (int i = 0; i < 56; i++)
            pal[2 + 4 * i] = pal[3 + 4 * i] = pal[4 + 4 * i] = i == 1 ? 0x00 : 0x80;
        record(s, &n, 0x0092, pal, sizeof pal);
    }
    for (int i = 0; i < 16; i++)
        xf_looks(s, &n, biff5, 0, 0, 64, 65, 0);
    xfs(s, &n, biff5);
    bound = n;
    memset(d, 0, sizeof d);
    d[6] = 1;                                           /* "A" */
    d[7] = biff5 ? 'A' : 0;
    d[8] = 'A';
    record(s, &n, 0x0085, d, biff5 ? 8 : 9);
    record(s, &n, 0x000A, NULL, 0);
    sheet_at = n;
    put32(s + bound + 4, (uint32_t)sheet_at);
    memset(d, 0, sizeof d);
    d[1] = biff5 ? 0x05 : 0x06;
    d[2] = 0x10;                                        /* a sheet */
    record(s, &n, 0x0809, d, biff5 ? 8 : 16);
    for (unsigned c = 0; c < 7; c++)
        number_record(s, &n, 0x0203, 0, c, 16 + c, (const unsigned char *)"\0\0\0\0\0\0\x14\x40", 8);
    record(s, &n, 0x000A, NULL, 0);
    write_compound(fx, "looks.xls", s, n < 4096 ? 4096 : n);
    free(s);
    assert_int_equal(eg_xls_read(fx->path, "looks.xls", collect, &fx->rows, NULL, &fx->dl), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_true(fx->rows.n >= 1);
}

/* XF 16-: no fill; the white font; the white font on a solid fill of
 * red (fore) with white behind it (back), which a solid fill does not
 * show; on a solid white; on a pattern of white on white; the white font
 * in an XF cut short of its fill; the automatic (black) font on a solid
 * fill in the system's foreground (64), the viewer's colour: not judged. */
static void looks_xfs(unsigned char *buf, size_t *n, int biff5)
{
    xf_looks(buf, n, biff5, 0, 0, 64, 65, 0);
    xf_looks(buf, n, biff5, 5, 0, 64, 65, 0);
    xf_looks(buf, n, biff5, 5, 1, 10, 9, 0);
    xf_looks(buf, n, biff5, 5, 1, 9, 10, 0);
    xf_looks(buf, n, biff5, 5, 2, 9, 9, 0);
    xf_looks(buf, n, biff5, 5, 0, 64, 65, 6);
    xf_looks(buf, n, biff5, 0, 1, 64, 65, 0);
}

static void a_white_font_on_a_white_cell_is_read_from_xf_and_font_records(void **state)
{
    fixture *fx = *state;
    const char N = EG_FROM_NUMBER, U = EG_FROM_NUMBER | EG_FROM_UNSHOWN;
    const char want[7] = { N, U, N, U, N, N, N };

    for (int biff5 = 0; biff5 < 2; biff5++) {
        read_looks(fx, biff5, 0, looks_xfs);
        assert_true(fx->rows.rows[0].n >= 7);
        assert_string_equal(fx->rows.rows[0].f[1], "5");
        assert_memory_equal(fx->rows.rows[0].origin, want, 7);
        rows_free(&fx->rows);
        eg_diag_free(&fx->dl);
        /* the workbook's palette makes its "white" (9) black: the font
         * is seen, but on a fill of the same 9 */
        read_looks(fx, biff5, 1, looks_xfs);
        assert_memory_equal(fx->rows.rows[0].origin, ((const char[]){ N, N, N, U, N, N, N }), 7);
        rows_free(&fx->rows);
        eg_diag_free(&fx->dl);
    }
}

/* A FORMAT record of id and code (ASCII), in BIFF8 or BIFF5. */
static void format_record(unsigned char *buf, size_t *n, int biff5, unsigned id, const char *code)
{
    unsigned char d[64] = { (unsigned char)id, (unsigned char)(id >> 8) };
    size_t len = strlen(code), at = 2;

    d[at++] = (unsigned char)len;
    if (!biff5) {
        d[at++] = 0;                                    /* cch's high byte */
        d[at++] = 0;                                    /* 8-bit characters */
    }
    memcpy(d + at, code, len);
    record(buf, n, 0x041E, d, at + len);
}

/* An XF of the automatic font, no fill, number format fmt. */
static void xf_of_format(unsigned char *buf, size_t *n, int biff5, unsigned fmt)
{
    size_t at = *n + 4;

    xf_looks(buf, n, biff5, 0, 0, 64, 65, 0);
    buf[at + 2] = (unsigned char)fmt;
    buf[at + 3] = (unsigned char)(fmt >> 8);
}

/* Built-in ids a workbook redefines: 14 (a date of its own) as "0", 3
 * ("0") as ";;;" that shows nothing, 4 as "[White]0"; 15 and 10 left
 * built-in (a date, a percent). */
static void redefined_xfs(unsigned char *buf, size_t *n, int biff5)
{
    format_record(buf, n, biff5, 14, "0");
    format_record(buf, n, biff5, 3, ";;;");
    format_record(buf, n, biff5, 4, "[White]0");
    xf_of_format(buf, n, biff5, 14);
    xf_of_format(buf, n, biff5, 15);
    xf_of_format(buf, n, biff5, 3);
    xf_of_format(buf, n, biff5, 4);
    xf_of_format(buf, n, biff5, 10);
    xf_of_format(buf, n, biff5, 0);
    xf_of_format(buf, n, biff5, 0);
}

/* A workbook may redefine a built-in number format: its own code, not
 * the built-in's, says the cell's kind, what it hides and its colours. */
static void a_redefined_built_in_format_is_read_from_its_format_record(void **state)
{
    fixture *fx = *state;
    const char N = EG_FROM_NUMBER, U = EG_FROM_NUMBER | EG_FROM_UNSHOWN;
    const char D = EG_FROM_DATE, P = EG_FROM_PERCENT;

    for (int biff5 = 0; biff5 < 2; biff5++) {
        read_looks(fx, biff5, 0, redefined_xfs);
        assert_true(fx->rows.rows[0].n >= 7);
        assert_string_equal(fx->rows.rows[0].f[0], "5");
        assert_memory_equal(fx->rows.rows[0].origin, ((const char[]){ N, D, U, U, P, N, N }), 7);
        rows_free(&fx->rows);
        eg_diag_free(&fx->dl);
    }
}

/* colours.xls, saved by LibreOffice: values whose number formats set
 * their own colours, read from its FORMAT records: [White]General on no
 * fill hides; on a dark blue fill it is seen; [Red] negatives are seen;
 * [White] negatives hide -5, and show 5 in the font's black. */
static void a_white_number_format_on_a_white_cell_hides_the_value(void **state)
{
    fixture *fx = *state;
    const char N = EG_FROM_NUMBER, U = EG_FROM_NUMBER | EG_FROM_UNSHOWN;
    const char want[5] = { U, N, N, U, N };

    assert_int_equal(eg_xls_read(FIXTURES "colours.xls", "colours.xls", collect, &fx->rows, NULL,
                                 &fx->dl), 0);
    for (long r = 2; r <= 6; r++) {
        assert_int_equal(row_at(&fx->rows, r)->origin[2], want[r - 2]);
        assert_string_equal(field(&fx->rows, r, 3), r == 4 || r == 5 ? "-5" : "5");
    }
}

static void more_merged_ranges_than_the_cap_refuse_the_sheet(void **state)
{
    size_t per = 1024, records = (EG_MAX_MERGES + per) / per, n = 0;
    unsigned char *recs = eg_xmalloc(records * (4 + 2 + per * 8));
    const char *why = NULL;
    eg_biff b;

    (void)state;
    for (size_t i = 0; i < records; i++)
        n = mergedcells(recs, n, (unsigned)per, (unsigned)per, 0, (unsigned)i % 256);
    assert_true(records * per > EG_MAX_MERGES);
    assert_int_equal(read_records(&b, recs, n, &why), -1);
    assert_int_equal(b.too_many_merges, 1);
    assert_non_null(strstr(why, "100.000"));
    eg_biff_free(&b);
    free(recs);
}

/* The same through eg_xls_read: the sheet is refused as one of too
 * many merged ranges (the message of the XLSX reader), not as a broken
 * workbook, and no row of it is given. */
static void a_sheet_of_too_many_merged_ranges_is_refused_for_them(void **state)
{
    static const unsigned char bof[16] = { 0x00, 0x06, 0x05, 0x00 };
    static const unsigned char one[8] = { 0, 0, 0, 0, 0, 0, 0xF0, 0x3F };
    static const unsigned char sheet[9] = { 37, 0, 0, 0, 0, 0, 1, 0, 'A' };
    fixture *fx = *state;
    size_t per = 1024, records = (EG_MAX_MERGES + per) / per, n = 0;
    size_t cap = 64 + records * (4 + 2 + per * 8) + 64;
    unsigned char *stream = eg_xcalloc(cap, 1);
    const eg_diag *d;

    record(stream, &n, 0x0809, bof, sizeof bof);
    record(stream, &n, 0x0085, sheet, sizeof sheet);
    record(stream, &n, 0x000A, NULL, 0);
    assert_int_equal(n, 37);
    record(stream, &n, 0x0809, bof, sizeof bof);
    number_record(stream, &n, 0x0203, 0, 0, 0, one, 8);
    for (size_t i = 0; i < records; i++)
        n = mergedcells(stream, n, (unsigned)per, (unsigned)per, 0, (unsigned)i % 256);
    record(stream, &n, 0x000A, NULL, 0);
    assert_true(n <= cap);
    write_compound(fx, "merges.xls", stream, n);
    free(stream);
    assert_int_equal(eg_xls_read(fx->path, "merges.xls", collect, &fx->rows, NULL, &fx->dl), -1);
    assert_int_equal(fx->dl.n, 1);
    d = find_diag(&fx->dl, "E_XLSX_TOO_MANY_MERGES");
    assert_non_null(d);
    assert_string_equal(d->message, EG_MERGES_TOO_MANY_MSG);
    assert_string_equal(d->file, "merges.xls");
    assert_int_equal(fx->rows.n, 0);
}

/* The same through eg_xls_read, in a workbook of some 25 MB: the sheet
 * of one cell more than EG_BIFF_MAX_CELLS is refused as one of too many
 * cells (E_FILE_TOO_LONG, said with the cap), not as a broken workbook,
 * and no row of it is given. */
static void a_workbook_of_too_many_cells_is_refused_for_them(void **state)
{
    static const unsigned char bof[16] = { 0x00, 0x06, 0x05, 0x00 };
    static const unsigned char sheet[9] = { 37, 0, 0, 0, 0, 0, 1, 0, 'A' };
    static const unsigned char rk_1[4] = { 0x06, 0, 0, 0 };
    fixture *fx = *state;
    size_t cap = 64 + MOST_CELLS_BYTES + 64, n = 0;
    unsigned char *stream = eg_xcalloc(cap, 1);
    const eg_diag *d;

    record(stream, &n, 0x0809, bof, sizeof bof);
    record(stream, &n, 0x0085, sheet, sizeof sheet);
    record(stream, &n, 0x000A, NULL, 0);
    assert_int_equal(n, 37);
    record(stream, &n, 0x0809, bof, sizeof bof);
    most_cells(stream, &n);
    number_record(stream, &n, 0x027E, EG_BIFF_MAX_CELLS / 256, 0, 0, rk_1, 4);
    record(stream, &n, 0x000A, NULL, 0);
    assert_true(n <= cap);
    write_compound(fx, "cells.xls", stream, n);
    free(stream);
    assert_int_equal(eg_xls_read(fx->path, "cells.xls", collect, &fx->rows, NULL, &fx->dl), -1);
    assert_int_equal(fx->dl.n, 1);
    d = find_diag(&fx->dl, "E_FILE_TOO_LONG");
    assert_non_null(d);
    assert_string_equal(d->message, "trang tính có hơn 4.194.304 ô; trang tính không được đọc");
    assert_string_equal(d->file, "cells.xls");
    assert_int_equal(fx->rows.n, 0);
}

/* --- edges of the cells' records --------------------------------------------- */

/* BOOLERR: byte 6 the value, byte 7 whether it is an error; RK integers at
 * the ends of their 30 bits and a double's high bits in hundredths; a
 * MULRK record too short to hold its row and column holds no cell. */
static void booleans_errors_and_rk_edges_are_read_as_their_bits_say(void **state)
{
    static const unsigned char bool_true[2] = { 1, 0 }, err_div0[2] = { 0x07, 1 };
    /* -2^29, the least 30-bit integer: 0x20000000 << 2 | 2 */
    static const unsigned char rk_least[4] = { 0x02, 0, 0, 0x80 };
    /* 2^29 - 1, the greatest: 0x1FFFFFFF << 2 | 2 */
    static const unsigned char rk_greatest[4] = { 0xFE, 0xFF, 0xFF, 0x7F };
    /* 12,5 (0x40290000 as a double's high bits) in hundredths: 0,125 */
    static const unsigned char rk_12_5_cents[4] = { 0x01, 0, 0x29, 0x40 };
    unsigned char recs[256];
    const eg_biff_cell *c;
    const char *why = NULL;
    size_t n = 0;
    eg_biff b;

    (void)state;
    number_record(recs, &n, 0x0205, 0, 0, 0, bool_true, 2);
    number_record(recs, &n, 0x0205, 0, 1, 0, err_div0, 2);
    number_record(recs, &n, 0x027E, 1, 0, 0, rk_least, 4);
    number_record(recs, &n, 0x027E, 1, 1, 0, rk_greatest, 4);
    number_record(recs, &n, 0x027E, 1, 2, 0, rk_12_5_cents, 4);
    record(recs, &n, 0x00BD, NULL, 0);
    record(recs, &n, 0x00BD, (const unsigned char[]){ 3, 0 }, 2);
    assert_int_equal(read_records(&b, recs, n, &why), 0);
    assert_int_equal(b.n_cells, 5);
    c = eg_biff_cell_at(&b, 0, 0);
    assert_true(c && c->what == EG_BIFF_BOOL && c->value == 1);
    c = eg_biff_cell_at(&b, 0, 1);
    assert_true(c && c->what == EG_BIFF_ERROR && c->value == 0x07);
    assert_string_equal(eg_biff_error_text(c->value), "#DIV/0!");
    c = eg_biff_cell_at(&b, 1, 0);
    assert_true(c && c->num == -536870912.0);
    c = eg_biff_cell_at(&b, 1, 1);
    assert_true(c && c->num == 536870911.0);
    c = eg_biff_cell_at(&b, 1, 2);
    assert_true(c && c->num == 0.125);
    eg_biff_free(&b);
}

/* A STRING record is the text of the formula just before it, once: a
 * second STRING, or one after a formula with a number, gives no text. */
static void a_string_record_belongs_to_the_text_formula_just_before_it(void **state)
{
    static const unsigned char s_a[4] = { 1, 0, 0, 'a' }, s_b[4] = { 1, 0, 0, 'b' };
    unsigned char recs[256], num_formula[20] = { 1, 0 };
    const eg_biff_cell *c;
    const char *why = NULL;
    size_t n = 0;
    eg_biff b;

    (void)state;
    text_formula_record(recs, &n, 0);
    record(recs, &n, 0x0207, s_a, sizeof s_a);
    record(recs, &n, 0x0207, s_b, sizeof s_b);
    text_formula_record(recs, &n, 2);
    record(recs, &n, 0x0006, num_formula, sizeof num_formula);     /* row 1, 0 */
    record(recs, &n, 0x0207, s_b, sizeof s_b);
    assert_int_equal(read_records(&b, recs, n, &why), 0);
    c = eg_biff_cell_at(&b, 0, 0);
    assert_true(c && c->what == EG_BIFF_STR && c->formula);
    assert_string_equal(eg_biff_cell_text(&b, c), "a");
    c = eg_biff_cell_at(&b, 1, 0);
    assert_true(c && c->what == EG_BIFF_NUM && c->num == 0);
    c = eg_biff_cell_at(&b, 2, 0);
    assert_true(c && c->what == EG_BIFF_NONE);
    eg_biff_free(&b);
}

/* COLINFO hides its columns first to last (bit 0 of its flags), ROW its
 * row (bit 5); other bits hide nothing. */
static void hidden_columns_and_rows_are_read_from_their_flags(void **state)
{
    /* columns 2-3 hidden; 5-6 with another bit only */
    static const unsigned char cols_hidden[12] = { 2, 0, 3, 0, 0, 0, 0, 0, 0x01, 0 };
    static const unsigned char cols_shown[12] = { 5, 0, 6, 0, 0, 0, 0, 0, 0x02, 0 };
    unsigned char recs[256], row[16] = { 0 };
    const char *why = NULL;
    size_t n = 0;
    eg_biff b;

    (void)state;
    record(recs, &n, 0x007D, cols_hidden, sizeof cols_hidden);
    record(recs, &n, 0x007D, cols_shown, sizeof cols_shown);
    row[0] = 7;
    row[12] = 0x20;                                /* row 8 hidden */
    record(recs, &n, 0x0208, row, sizeof row);
    row[0] = 3;
    row[12] = 0x40;                                /* row 4: another bit */
    record(recs, &n, 0x0208, row, sizeof row);
    assert_int_equal(read_records(&b, recs, n, &why), 0);
    assert_int_equal(b.n_hidden_cols, 4);
    assert_true(!b.hidden_cols[1] && b.hidden_cols[2] && b.hidden_cols[3] && !b.hidden_cols[5]);
    assert_true(eg_biff_row_hidden(&b, 7));
    assert_false(eg_biff_row_hidden(&b, 3));
    assert_false(eg_biff_row_hidden(&b, 6));
    assert_false(eg_biff_row_hidden(&b, 8));
    eg_biff_free(&b);
}

/* A chart's substream inside the sheet holds no cell of the sheet's; a
 * chart begun and ended in a sheet that does not end leaves the sheet cut
 * short; a sheet listed at the stream's end is past it. */
static void a_charts_records_are_not_the_sheets_and_the_sheets_end_is_needed(void **state)
{
    static const unsigned char bof[16] = { 0x00, 0x06, 0x20, 0x00 };
    static const unsigned char one[8] = { 0, 0, 0, 0, 0, 0, 0xF0, 0x3F };
    unsigned char recs[256];
    const char *why = NULL;
    size_t n = 0;
    eg_biff b;

    (void)state;
    number_record(recs, &n, 0x0203, 0, 0, 0, one, 8);
    record(recs, &n, 0x0809, bof, sizeof bof);
    number_record(recs, &n, 0x0203, 5, 5, 0, one, 8);
    record(recs, &n, 0x000A, NULL, 0);
    assert_int_equal(read_records(&b, recs, n, &why), 0);
    assert_int_equal(b.n_cells, 1);
    assert_int_equal(b.rows, 1);
    assert_int_equal(b.cols, 1);
    b.sheets[0].offset = (uint32_t)b.n_stream;
    assert_int_equal(eg_biff_read_sheet(&b, 0, &why), -1);
    assert_string_equal(why, "danh sách trang tính trỏ ra ngoài cuối tệp");
    eg_biff_free(&b);

    /* the sheet's own EOF missing: the one read closes the chart */
    n -= 4;
    assert_int_equal(read_records(&b, recs, n, &why), -1);
    assert_string_equal(why, "trang tính bị mất phần cuối");
    eg_biff_free(&b);
}

/* A LABEL record holding its row, column and XF but not its text's count
 * runs past itself. */
static void a_label_without_its_text_is_refused(void **state)
{
    unsigned char recs[64];
    const char *why = NULL;
    size_t n = 0;
    eg_biff b;

    (void)state;
    record(recs, &n, 0x0204, (const unsigned char[]){ 0, 0, 0, 0, 0, 0 }, 6);
    assert_int_equal(read_records(&b, recs, n, &why), -1);
    assert_string_equal(why, "một bản ghi văn bản của tệp dài hơn chính nó (tệp bị hỏng)");
    eg_biff_free(&b);
}

/* --- shared strings (SST) split over CONTINUE records -------------------------- */

/* A workbook's globals: BOF, the records given, EOF, in a compound file
 * written as name and opened; 0 or -1 as eg_biff_open. */
static int open_globals(fixture *fx, const char *name, const unsigned char *recs, size_t n,
                        eg_biff *b, const char **why)
{
    static const unsigned char bof[16] = { 0x00, 0x06, 0x05, 0x00 };
    unsigned char *stream = eg_xcalloc(4096 + n, 1);
    size_t len = 0;
    int rc;

    record(stream, &len, 0x0809, bof, sizeof bof);
    memcpy(stream + len, recs, n);
    len += n;
    record(stream, &len, 0x000A, NULL, 0);
    write_compound(fx, name, stream, len < 4096 ? 4096 : len);
    free(stream);
    rc = eg_biff_open(b, fx->path, why);
    return rc;
}

static const char *sst_string(const eg_biff *b, size_t i)
{
    assert_true(i < b->n_sst);
    return b->sst_text + b->sst_at[i];
}

/* A string's characters go on in the CONTINUE record after the SST, one
 * or two bytes each as that record's first byte says; a rich string's
 * runs and extra data are passed over, wherever they end; UTF-16
 * surrogates paired are one character, alone U+FFFD. */
static void shared_strings_are_read_across_continue_records(void **state)
{
    fixture *fx = *state;
    static const unsigned char sst[] = {
        6, 0, 0, 0, 6, 0, 0, 0,
        6, 0, 0x00, 'a', 'b', 'c',                      /* "abc" then in the CONTINUE */
    };
    static const unsigned char cont[] = {
        0x01, 'd', 0, 0xE9, 0, 'f', 0,                  /* wide from here: "déf" */
        /* rich: 1 run, 3 bytes of extra data, "xy" */
        2, 0, 0x0C, 1, 0, 3, 0, 0, 0, 'x', 'y', 0, 0, 0, 0, 9, 9,
    };
    static const unsigned char cont2[] = {
        9,                                              /* the extra data's last byte */
        /* U+1F600 paired, a low and two high surrogates alone, "A" */
        6, 0, 0x01, 0x3D, 0xD8, 0x00, 0xDE, 0x00, 0xDC, 0x00, 0xD8, 0x00, 0xD8, 'A', 0,
        /* a high surrogate alone at the text's end */
        1, 0, 0x01, 0x00, 0xD8,
        /* rich with runs only (2), then with extra data only (2 bytes) */
        1, 0, 0x08, 2, 0, 'r', 1, 1, 1, 1, 2, 2, 2, 2,
        1, 0, 0x04, 2, 0, 0, 0, 'e', 7, 7,
    };
    unsigned char recs[256];
    const char *why = NULL;
    size_t n = 0;
    eg_biff b;

    record(recs, &n, 0x00FC, sst, sizeof sst);
    record(recs, &n, 0x003C, cont, sizeof cont);
    record(recs, &n, 0x003C, cont2, sizeof cont2);
    assert_int_equal(open_globals(fx, "sst.xls", recs, n, &b, &why), 0);
    assert_int_equal(b.n_sst, 6);
    assert_string_equal(sst_string(&b, 0), "abcdéf");
    assert_string_equal(sst_string(&b, 1), "xy");
    assert_string_equal(sst_string(&b, 2), "\xF0\x9F\x98\x80\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "A");
    assert_string_equal(sst_string(&b, 3), "\xEF\xBF\xBD");
    assert_string_equal(sst_string(&b, 4), "r");
    assert_string_equal(sst_string(&b, 5), "e");
    eg_biff_free(&b);
}

/* An SST too short for its counts, a second SST, a string going on into
 * an empty CONTINUE record: the shared strings are broken. */
static void shared_strings_short_twice_or_into_an_empty_record_are_refused(void **state)
{
    fixture *fx = *state;
    static const unsigned char sst_short[4] = { 1, 0, 0, 0 };
    static const unsigned char sst_one[12] = { 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 'a' };
    static const unsigned char sst_cut[12] = { 1, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 'a' };
    unsigned char recs[256];
    const char *why = NULL;
    size_t n = 0;
    eg_biff b;

    record(recs, &n, 0x00FC, sst_short, sizeof sst_short);
    assert_int_equal(open_globals(fx, "sst.xls", recs, n, &b, &why), -1);
    assert_string_equal(why, "bảng chuỗi dùng chung của tệp bị hỏng");

    n = 0;
    why = NULL;
    record(recs, &n, 0x00FC, sst_one, sizeof sst_one);
    record(recs, &n, 0x00FC, sst_one, sizeof sst_one);
    assert_int_equal(open_globals(fx, "sst.xls", recs, n, &b, &why), -1);
    assert_string_equal(why, "bảng chuỗi dùng chung của tệp bị hỏng");

    n = 0;
    why = NULL;
    record(recs, &n, 0x00FC, sst_cut, sizeof sst_cut);
    record(recs, &n, 0x003C, NULL, 0);
    record(recs, &n, 0x003C, (const unsigned char[]){ 0, 'b', 'c' }, 3);
    assert_int_equal(open_globals(fx, "sst.xls", recs, n, &b, &why), -1);
    assert_string_equal(why, "bảng chuỗi dùng chung của tệp bị hỏng");
}

/* An SST whose records end between two strings before its count (a
 * writer's count too high) holds the strings there are, as LibreOffice
 * reads it: such a file was refused whole.  A cell naming a string past
 * them still refuses its sheet (a_cells_later_record_holds_...). */
static void shared_strings_fewer_than_counted_are_the_strings_there_are(void **state)
{
    fixture *fx = *state;
    static const unsigned char two_of_three[] = { 3, 0, 0, 0, 3, 0, 0, 0,
                                                  1, 0, 0, 'a', 2, 0, 0, 'b', 'c' };
    static const unsigned char one_then[] = { 3, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 'a' };
    static const unsigned char none_of_two[] = { 2, 0, 0, 0, 2, 0, 0, 0 };
    unsigned char recs[256];
    const char *why = NULL;
    size_t n = 0;
    eg_biff b;

    record(recs, &n, 0x00FC, two_of_three, sizeof two_of_three);
    assert_int_equal(open_globals(fx, "sst.xls", recs, n, &b, &why), 0);
    assert_int_equal(b.n_sst, 2);
    assert_string_equal(sst_string(&b, 0), "a");
    assert_string_equal(sst_string(&b, 1), "bc");
    eg_biff_free(&b);

    /* the second string in a CONTINUE record, the third nowhere */
    n = 0;
    record(recs, &n, 0x00FC, one_then, sizeof one_then);
    record(recs, &n, 0x003C, (const unsigned char[]){ 2, 0, 1, 'x', 0, 'y', 0 }, 7);
    assert_int_equal(open_globals(fx, "sst.xls", recs, n, &b, &why), 0);
    assert_int_equal(b.n_sst, 2);
    assert_string_equal(sst_string(&b, 1), "xy");
    eg_biff_free(&b);

    n = 0;
    record(recs, &n, 0x00FC, none_of_two, sizeof none_of_two);
    assert_int_equal(open_globals(fx, "sst.xls", recs, n, &b, &why), 0);
    assert_int_equal(b.n_sst, 0);
    eg_biff_free(&b);
}

/* --- the compound file's chains and directory, damaged by hand ------------------ */

/* A compound file as write_compound makes it for a workbook of 4,096
 * bytes (the globals only: BOF, EOF): sector 0 the FAT, 1 the directory
 * (the root, "Workbook", two unused entries), 2-9 the stream; 5,632
 * bytes, 10 sectors.  Changed by the caller, then opened: 0, or -1 with
 * the reason, which must be says (NULL: opened). */
#define CFB_FAT(f, s) ((f) + 512 + 4 * (s))
#define CFB_ENTRY(f, e) ((f) + 1024 + 128 * (e))

static unsigned char *small_compound(fixture *fx, size_t *n)
{
    static const unsigned char bof[16] = { 0x00, 0x06, 0x05, 0x00 };
    unsigned char *stream = eg_xcalloc(4096, 1);
    size_t len = 0;

    record(stream, &len, 0x0809, bof, sizeof bof);
    record(stream, &len, 0x000A, NULL, 0);
    write_compound(fx, "cfb.xls", stream, 4096);
    free(stream);
    return slurp(fx->path, n);
}

static void assert_opened_or(fixture *fx, const unsigned char *f, size_t n, const char *says)
{
    const char *why = NULL;
    eg_biff b;
    int rc;

    write_bytes(fx, "cfb.xls", f, n);
    rc = eg_biff_open(&b, fx->path, &why);
    if (!says) {
        if (rc != 0)
            fail_msg("refused: %s", why);
        eg_biff_free(&b);
        return;
    }
    assert_int_equal(rc, -1);
    assert_non_null(why);
    assert_string_equal(why, says);
}

#define CUT "tệp bị mất phần cuối"
#define STREAM_BROKEN "luồng dữ liệu bảng tính (Workbook) bị hỏng"
#define FAT_BROKEN "bảng cấp phát của tệp bị hỏng"
#define DIR_BROKEN "thư mục bên trong tệp bị hỏng"

/* A stream's chain that goes past the file's last sector was cut short; one
 * that ends in a free sector, or loops, is broken (a loop as long as the
 * file too); a chain longer than its stream's size is read to that size. */
static void a_streams_chain_past_the_end_is_cut_short_and_a_looping_one_broken(void **state)
{
    fixture *fx = *state;
    size_t n;
    unsigned char *f = small_compound(fx, &n);

    assert_int_equal(n, 5632);
    assert_opened_or(fx, f, n, NULL);
    /* 4,600 bytes claimed, 4,096 in the chain */
    put32(CFB_ENTRY(f, 1) + 0x78, 4600);
    assert_opened_or(fx, f, n, CUT);
    put32(CFB_FAT(f, 9), 10);                      /* sector 10: past the last */
    assert_opened_or(fx, f, n, CUT);
    put32(CFB_FAT(f, 9), 0xFFFFFFFF);              /* a free sector */
    assert_opened_or(fx, f, n, STREAM_BROKEN);
    /* 5,600 bytes, at most the file's, in a chain 9 -> 2 that loops */
    put32(CFB_FAT(f, 9), 2);
    put32(CFB_ENTRY(f, 1) + 0x78, 5600);
    assert_opened_or(fx, f, n, STREAM_BROKEN);
    /* more than the file: cut short, whatever its chain */
    put32(CFB_ENTRY(f, 1) + 0x78, 5633);
    assert_opened_or(fx, f, n, CUT);
    /* the stream whole in its 8 sectors, its chain going on past the end */
    put32(CFB_ENTRY(f, 1) + 0x78, 4096);
    put32(CFB_FAT(f, 9), 10);
    assert_opened_or(fx, f, n, NULL);
    free(f);
}

/* The workbook stream's first record: a BOF of Excel 2, 3 or 4, or of
 * no version we know, is a workbook older than Excel 5; a stream that
 * starts with no BOF at all (a cell's record, an end record) is damaged. */
static void a_workbook_stream_without_its_bof_is_damaged_and_an_old_bof_too_old(void **state)
{
    static const unsigned char biff4[6] = { 0x00, 0x00, 0x10, 0x00 };
    static const unsigned char biff7[16] = { 0x00, 0x07, 0x05, 0x00 };
    static const unsigned char number[14] = { 0 };
    static const struct { unsigned type; const unsigned char *data; size_t len; const char *says; }
        cases[] = {
            { 0x0409, biff4, sizeof biff4, "tệp ở định dạng cũ hơn Excel 5 (trước năm 1993)" },
            { 0x0209, biff4, sizeof biff4, "tệp ở định dạng cũ hơn Excel 5 (trước năm 1993)" },
            { 0x0009, biff4, 4, "tệp ở định dạng cũ hơn Excel 5 (trước năm 1993)" },
            { 0x0809, biff7, sizeof biff7, "tệp ở định dạng cũ hơn Excel 5 (trước năm 1993)" },
            { 0x0203, number, sizeof number, "luồng dữ liệu bảng tính (Workbook) bị hỏng" },
            { 0x0000, NULL, 0, "luồng dữ liệu bảng tính (Workbook) bị hỏng" },
        };
    fixture *fx = *state;

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        unsigned char *stream = eg_xcalloc(4096, 1);
        size_t len = 0;

        if (cases[i].data)
            record(stream, &len, cases[i].type, cases[i].data, cases[i].len);
        record(stream, &len, 0x000A, NULL, 0);
        write_compound(fx, "old.xls", stream, 4096);
        free(stream);
        assert_broken(fx, "old.xls", NULL, 0, cases[i].says);
        eg_diag_free(&fx->dl);
    }
}

/* A file of more sectors than its FAT covers (one FAT sector: 128 of
 * them, of 130): a chain on to sector 128, in the file but in no FAT
 * entry, is broken, not read on (with whatever follows the FAT). */
static void a_chain_into_a_sector_the_fat_does_not_cover_is_broken(void **state)
{
    fixture *fx = *state;
    size_t n, total = 512 * (1 + 130);
    unsigned char *small = small_compound(fx, &n), *f = eg_xcalloc(total, 1);

    memcpy(f, small, n);
    free(small);
    assert_opened_or(fx, f, total, NULL);
    put32(CFB_ENTRY(f, 1) + 0x78, 4600);
    put32(CFB_FAT(f, 9), 127);
    put32(CFB_FAT(f, 127), 0xFFFFFFFE);
    assert_opened_or(fx, f, total, NULL);
    put32(CFB_FAT(f, 9), 128);
    assert_opened_or(fx, f, total, STREAM_BROKEN);
    free(f);
}

/* The header: no FAT sector, or more than the file's sectors, is a broken
 * FAT; mini sectors other than 64 bytes a broken header; a directory
 * starting past the last sector was cut short, in no sector broken; a
 * file of its header alone, cut short. */
static void a_compound_files_header_is_checked_against_the_file(void **state)
{
    fixture *fx = *state;
    size_t n;
    unsigned char *f = small_compound(fx, &n);

    put32(f + 0x2C, 0);
    assert_opened_or(fx, f, n, FAT_BROKEN);
    put32(f + 0x2C, 11);
    assert_opened_or(fx, f, n, FAT_BROKEN);
    put32(f + 0x2C, 1);
    f[0x20] = 7;
    assert_opened_or(fx, f, n, "phần đầu của tệp bị hỏng");
    f[0x20] = 6;
    /* sectors of 512 or 4,096 bytes (shift 9 or 12), none between */
    f[0x1E] = 10;
    assert_opened_or(fx, f, n, "phần đầu của tệp bị hỏng");
    f[0x1E] = 11;
    assert_opened_or(fx, f, n, "phần đầu của tệp bị hỏng");
    f[0x1E] = 9;
    put32(f + 0x30, 10);
    assert_opened_or(fx, f, n, CUT);
    put32(f + 0x30, 0xFFFFFFFE);
    assert_opened_or(fx, f, n, DIR_BROKEN);
    put32(f + 0x30, 1);
    assert_opened_or(fx, f, 512, CUT);
    assert_opened_or(fx, f, n, NULL);
    free(f);
}

/* The directory: a name claiming more than 64 bytes, in its last entry
 * too, is damage; a storage named "Workbook" is not the stream; the
 * root's tree is followed to its right as to its left, and once through
 * an entry that points back to itself; where the tree does not hold the
 * stream, the directory's last entry may. */
static void the_directorys_tree_and_entries_are_read_whole(void **state)
{
    fixture *fx = *state;
    size_t n;
    unsigned char *f = small_compound(fx, &n), *e2 = CFB_ENTRY(f, 2), *e3 = CFB_ENTRY(f, 3);

    e3[0x40] = 66;
    assert_opened_or(fx, f, n, DIR_BROKEN);
    e3[0x40] = 0;
    /* the root's child a storage "Workbook", the stream to its right
     * (the last entry); before them in the directory an empty "Workbook"
     * in no tree, as of an object embedded */
    memcpy(e3, CFB_ENTRY(f, 1), 128);
    put32(CFB_ENTRY(f, 1) + 0x78, 0);
    memcpy(e2, e3, 0x44);
    e2[0x42] = 1;
    put32(e2 + 0x48, 3);
    put32(e2 + 0x74, 0);
    put32(e2 + 0x78, 0);
    put32(CFB_ENTRY(f, 0) + 0x4C, 2);
    assert_opened_or(fx, f, n, NULL);
    /* the storage's own left sibling, itself, and to its right an entry
     * past the directory; the stream not in the tree but the directory's
     * last entry */
    put32(e2 + 0x44, 2);
    put32(e2 + 0x48, 4);
    memset(CFB_ENTRY(f, 1), 0, 128);
    assert_opened_or(fx, f, n, NULL);
    free(f);
}

/* More FAT sectors than the header lists (109): the rest in a chain of
 * DIFAT sectors, 127 each and the next one's number last.  237 FAT
 * sectors (each sector 0 again: the file's chains use its first 128
 * entries) in a file of 240 sectors: 109 in the header, 127 in the DIFAT
 * sector 200, 1 in the next, 201.  A FAT sector there that is no sector
 * is a FAT past the file's end. */
static void fat_sectors_past_the_headers_are_read_from_the_difat_chain(void **state)
{
    fixture *fx = *state;
    size_t n, total = 512 * (1 + 240);
    unsigned char *small = small_compound(fx, &n), *f = eg_xcalloc(total, 1);
    unsigned char *d1 = f + 512 * 201, *d2 = f + 512 * 202;

    memcpy(f, small, n);
    free(small);
    put32(f + 0x2C, 237);
    put32(f + 0x40, 2);
    put32(f + 0x44, 200);
    for (size_t i = 0; i < 109; i++)
        put32(f + 0x4C + 4 * i, 0);
    for (size_t k = 0; k < 127; k++) {
        put32(d1 + 4 * k, 0);
        put32(d2 + 4 * k, k == 0 ? 0 : 0xFFFFFFFF);
    }
    put32(d1 + 4 * 127, 201);
    put32(d2 + 4 * 127, 0xFFFFFFFE);
    assert_opened_or(fx, f, total, NULL);
    put32(d2, 0xFFFFFFFF);
    assert_opened_or(fx, f, total, "tệp bị mất phần cuối (bảng cấp phát trỏ ra ngoài cuối tệp)");
    /* so is the header's last, the 109th */
    put32(d2, 0);
    put32(f + 0x4C + 4 * 108, 0xFFFFFFFF);
    assert_opened_or(fx, f, total, "tệp bị mất phần cuối (bảng cấp phát trỏ ra ngoài cuối tệp)");
    free(f);
}

/* The mini stream (cells.xls: the root's 4,160 bytes from sector 3, its
 * directory at sector 12, the mini FAT at sector 2; "Workbook" of 3,472
 * bytes from mini sector 0 on, 0 -> 1 -> ... -> 54): a stream starting
 * past the mini stream's size, though in its last sector, or whose chain
 * loops past the mini stream's size, is broken; one whose chain ends
 * early, and a mini stream starting past the file's end, cut short. */
static void a_stream_in_the_mini_stream_is_held_to_its_bounds(void **state)
{
    fixture *fx = *state;
    size_t n;
    unsigned char *f = slurp(FIXTURES "cells.xls", &n);
    unsigned char *root = f + 512 + 12 * 512, *wb = root + 128, *minifat = f + 512 + 2 * 512;
    static const char *const mini_broken = "bảng cấp phát các luồng dữ liệu nhỏ bị hỏng";

    assert_int_equal(n, 7680);
    assert_memory_equal(root + 0x78, "\x40\x10\0\0", 4);      /* 4,160 */
    assert_memory_equal(wb + 0x78, "\x90\x0D\0\0", 4);        /* 3,472 */
    assert_opened_or(fx, f, n, NULL);
    put32(wb + 0x74, 65);                          /* 4,160 to 4,224: past the size */
    put32(minifat + 4 * 65, 1);                    /* and on to the stream's own */
    assert_opened_or(fx, f, n, mini_broken);
    put32(wb + 0x74, 0);
    put32(root + 0x78, 1024);                      /* 16 mini sectors, 0 to 15 */
    put32(minifat + 4 * 15, 0);
    assert_opened_or(fx, f, n, mini_broken);
    put32(root + 0x78, 4160);
    put32(minifat + 4 * 15, 16);
    put32(minifat + 4 * 10, 0xFFFFFFFE);
    assert_opened_or(fx, f, n, "tệp bị mất phần cuối");
    put32(minifat + 4 * 10, 11);
    put32(root + 0x74, 100);
    assert_opened_or(fx, f, n, "tệp bị mất phần cuối");
    put32(root + 0x74, 3);
    assert_opened_or(fx, f, n, NULL);
    /* a Workbook of no bytes is read, empty (and then has no BOF), not
     * cut short */
    put32(wb + 0x78, 0);
    assert_opened_or(fx, f, n, STREAM_BROKEN);
    free(f);
}

/* A mini sector in the mini stream but past what the mini FAT holds:
 * cells.xls with its mini stream grown to 136 mini sectors (8 sectors
 * more, 14 to 21, after its 3 to 11) while its mini FAT keeps one sector
 * of 128 entries; a stream starting at mini sector 128 is broken, its
 * next sector not looked up past the mini FAT. */
static void a_mini_sector_past_the_mini_fat_is_broken(void **state)
{
    fixture *fx = *state;
    size_t n, total;
    unsigned char *cells = slurp(FIXTURES "cells.xls", &n), *f, *root, *wb, *fat;

    assert_int_equal(n, 7680);
    total = n + 8 * 512;
    f = eg_xcalloc(total, 1);
    memcpy(f, cells, n);
    free(cells);
    root = f + 512 + 12 * 512;
    wb = root + 128;
    fat = f + 512;
    for (uint32_t s = 11; s < 21; s = s == 11 ? 14 : s + 1)
        put32(fat + 4 * s, s == 11 ? 14 : s + 1);
    put32(fat + 4 * 21, 0xFFFFFFFE);
    put32(root + 0x78, 17 * 512);
    assert_opened_or(fx, f, total, NULL);
    put32(wb + 0x74, 128);
    assert_opened_or(fx, f, total, "bảng cấp phát các luồng dữ liệu nhỏ bị hỏng");
    free(f);
}

/* cells.xls's report sheet has 13 rows and 5 columns: a sheet as long or
 * as wide as the limit is read, one longer or wider is not. */
static void a_sheet_as_long_and_as_wide_as_the_limits_is_read(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { 0 };

    lim.max_rows = 13;
    lim.max_fields = 5;
    assert_int_equal(eg_xls_read(FIXTURES "cells.xls", "cells.xls", collect, &fx->rows, &lim,
                                 &fx->dl), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 12);
    rows_free(&fx->rows);
    lim.max_rows = 12;
    assert_int_equal(eg_xls_read(FIXTURES "cells.xls", "cells.xls", collect, &fx->rows, &lim,
                                 &fx->dl), -1);
    assert_non_null(find_diag(&fx->dl, "E_FILE_TOO_LONG"));
    eg_diag_free(&fx->dl);
    lim.max_rows = 13;
    lim.max_fields = 4;
    assert_int_equal(eg_xls_read(FIXTURES "cells.xls", "cells.xls", collect, &fx->rows, &lim,
                                 &fx->dl), -1);
    assert_non_null(find_diag(&fx->dl, "E_FILE_TOO_WIDE"));
    assert_int_equal(fx->rows.n, 0);
}

/* A workbook of two sheets: the first (its state, its type: 0 a
 * worksheet, 2 a chart) holding 2 in A1, the second (its state, a
 * worksheet) holding 1; each named by one letter.  Its rows read into
 * fx: 0 or -1. */
static int read_two_sheets(fixture *fx, unsigned first_state, unsigned first_type,
                           unsigned second_state)
{
    static const unsigned char bof[16] = { 0x00, 0x06, 0x05, 0x00 };
    static const unsigned char one[8] = { 0, 0, 0, 0, 0, 0, 0xF0, 0x3F };
    static const unsigned char two[8] = { 0, 0, 0, 0, 0, 0, 0x00, 0x40 };
    /* the globals: BOF, two BOUNDSHEETs of 9 bytes, EOF; 50 bytes */
    unsigned char first[9] = { 50, 0, 0, 0, (unsigned char)first_state,
                               (unsigned char)first_type, 1, 0, 'B' };
    unsigned char second[9] = { 92, 0, 0, 0, (unsigned char)second_state, 0, 1, 0, 'A' };
    unsigned char *stream = eg_xcalloc(4096, 1);
    size_t n = 0;

    record(stream, &n, 0x0809, bof, sizeof bof);
    record(stream, &n, 0x0085, first, sizeof first);
    record(stream, &n, 0x0085, second, sizeof second);
    record(stream, &n, 0x000A, NULL, 0);
    assert_int_equal(n, 50);
    record(stream, &n, 0x0809, bof, sizeof bof);
    number_record(stream, &n, 0x0203, 0, 0, 0, two, 8);
    record(stream, &n, 0x000A, NULL, 0);
    assert_int_equal(n, 92);
    record(stream, &n, 0x0809, bof, sizeof bof);
    number_record(stream, &n, 0x0203, 0, 0, 0, one, 8);
    record(stream, &n, 0x000A, NULL, 0);
    write_compound(fx, "sheets.xls", stream, 4096);
    free(stream);
    return eg_xls_read(fx->path, "sheets.xls", collect, &fx->rows, NULL, &fx->dl);
}

/* A workbook of a chart sheet and a hidden worksheet: the worksheet is
 * read, hidden as it is (the only one); the chart is no worksheet. */
static void the_only_worksheet_is_read_hidden_and_a_chart_sheet_never(void **state)
{
    fixture *fx = *state;

    assert_int_equal(read_two_sheets(fx, 0, 2, 1), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 1);
    assert_string_equal(field(&fx->rows, 1, 1), "1");
}

/* A very hidden sheet (state 2, which Excel's own window cannot show)
 * is as hidden as a hidden one: the visible sheet after it is read; with
 * the first visible, the first is read. */
static void a_very_hidden_sheet_is_passed_over_for_the_visible_one(void **state)
{
    fixture *fx = *state;

    assert_int_equal(read_two_sheets(fx, 2, 0, 0), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 1);
    assert_string_equal(field(&fx->rows, 1, 1), "1");
    rows_free(&fx->rows);
    assert_int_equal(read_two_sheets(fx, 0, 0, 0), 0);
    assert_int_equal(fx->rows.n, 1);
    assert_string_equal(field(&fx->rows, 1, 1), "2");
}

/* A sheet of a workbook write_book writes: its name (ASCII), its state (0
 * visible, 1 hidden, 2 very hidden), its type (0 a worksheet, 2 a chart),
 * whether it holds the records given after its A1. */
typedef struct {
    const char *name;
    unsigned state, type;
    int tail;
} sheet_def;

/* A workbook of the n sheets s, written as name: sheet i holds the number
 * i + 1 in A1, then (when s[i].tail) the records tail[0..tail_n). */
static const char *write_book(fixture *fx, const char *name, const sheet_def *s, size_t n,
                              const unsigned char *tail, size_t tail_n)
{
    static const unsigned char bof[16] = { 0x00, 0x06, 0x05, 0x00 };
    unsigned char *stream = eg_xcalloc(16384, 1);
    size_t len = 0, at = 20 + 4;
    const char *path;

    for (size_t i = 0; i < n; i++)
        at += 4 + 8 + strlen(s[i].name);
    record(stream, &len, 0x0809, bof, sizeof bof);
    for (size_t i = 0; i < n; i++) {
        unsigned char bs[64] = { 0 };
        size_t k = strlen(s[i].name);

        put32(bs, (uint32_t)at);
        bs[4] = (unsigned char)s[i].state;
        bs[5] = (unsigned char)s[i].type;
        bs[6] = (unsigned char)k;
        memcpy(bs + 8, s[i].name, k);
        record(stream, &len, 0x0085, bs, 8 + k);
        at += 20 + 18 + (s[i].tail ? tail_n : 0) + 4;
    }
    record(stream, &len, 0x000A, NULL, 0);
    for (size_t i = 0; i < n; i++) {
        unsigned char num[8] = { 0 };
        double v = (double)(i + 1);
        uint64_t bits;

        memcpy(&bits, &v, sizeof bits);
        for (int b = 0; b < 8; b++)
            num[b] = (unsigned char)(bits >> (8 * b));
        record(stream, &len, 0x0809, bof, sizeof bof);
        number_record(stream, &len, 0x0203, 0, 0, 0, num, 8);
        if (s[i].tail) {
            memcpy(stream + len, tail, tail_n);
            len += tail_n;
        }
        record(stream, &len, 0x000A, NULL, 0);
    }
    assert_true(len == at && len <= 16384);
    path = write_compound(fx, name, stream, len < 4096 ? 4096 : len);
    free(stream);
    return path;
}

/* A report sheet the clerk hid is still the one read (last year's
 * BaoCao hidden, this year's figures on a sheet after it): the probe is
 * told it is hidden, to say so. */
static void a_hidden_report_sheet_is_read_and_said_to_be_hidden(void **state)
{
    static const sheet_def s[] = { { "Sheet1", 0, 0, 0 }, { "BaoCao", 1, 0, 0 } };
    fixture *fx = *state;
    probed p = { .n = 0 };
    eg_sheet_probe how = { probe_collect, &p, "", 0, 0 };

    write_book(fx, "hidden.xls", s, 2, NULL, 0);
    assert_int_equal(eg_xls_read_probing(fx->path, "hidden.xls", collect, &fx->rows, &how, NULL,
                                         &fx->dl), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 1);
    assert_string_equal(field(&fx->rows, 1, 1), "2");
    assert_string_equal(how.read_sheet, "BaoCao");
    assert_int_equal(how.read_hidden, 1);
    assert_int_equal(how.not_probed, 0);
    assert_int_equal(p.n, 1);
    assert_string_equal(p.seen[0], "Sheet1:1");
}

/* Every sheet hidden: the first is read, not the last. */
static void when_every_sheet_is_hidden_the_first_is_read(void **state)
{
    static const sheet_def s[] = { { "A", 1, 0, 0 }, { "B", 2, 0, 0 }, { "C", 1, 0, 0 } };
    fixture *fx = *state;

    write_book(fx, "hidden.xls", s, 3, NULL, 0);
    assert_int_equal(eg_xls_read(fx->path, "hidden.xls", collect, &fx->rows, NULL, &fx->dl), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 1);
    assert_string_equal(field(&fx->rows, 1, 1), "1");
}

/* A workbook of a chart sheet only has no sheet to read, and says so. */
static void a_workbook_of_chart_sheets_only_says_it_has_no_sheet(void **state)
{
    static const sheet_def s[] = { { "Chart1", 0, 2, 0 } };
    fixture *fx = *state;
    const eg_diag *d;

    write_book(fx, "chart.xls", s, 1, NULL, 0);
    assert_int_equal(eg_xls_read(fx->path, "chart.xls", collect, &fx->rows, NULL, &fx->dl), -1);
    assert_int_equal(fx->dl.n, 1);
    d = find_diag(&fx->dl, "E_XLS_BROKEN");
    assert_non_null(d);
    assert_string_equal(d->file, "chart.xls");
    assert_string_equal(d->message, "bảng tính không có trang tính nào");
    assert_int_equal(fx->rows.n, 0);
}

/* Of 18 visible sheets with the report sheet the 18th, the first 16 are
 * probed and the 17th is the one visible sheet not looked at (the one
 * read is not counted). */
static void visible_sheets_past_the_sixteenth_are_counted_not_probed(void **state)
{
    sheet_def s[18];
    char names[18][4];
    fixture *fx = *state;
    probed p = { .n = 0 };
    eg_sheet_probe how = { probe_collect, &p, "", 0, 0 };

    for (size_t i = 0; i < 18; i++) {
        snprintf(names[i], sizeof names[i], "S%zu", i + 1);
        s[i].name = names[i];
        s[i].state = s[i].type = 0;
        s[i].tail = 0;
    }
    s[17].name = "BaoCao";
    write_book(fx, "many.xls", s, 18, NULL, 0);
    assert_int_equal(eg_xls_read_probing(fx->path, "many.xls", collect, &fx->rows, &how, NULL,
                                         &fx->dl), 0);
    assert_string_equal(field(&fx->rows, 1, 1), "18");
    assert_string_equal(how.read_sheet, "BaoCao");
    assert_int_equal(how.read_hidden, 0);
    assert_int_equal(how.not_probed, 1);
    assert_int_equal(p.n, 16);
    assert_string_equal(p.seen[3], "S4:4");
}

/* A row whose only text is spaces is no row; a formula without a saved
 * result makes a row, of one empty cell saying so (an error of ""). */
static void a_row_of_spaces_is_none_and_a_formula_without_a_result_is_one(void **state)
{
    static const sheet_def s[] = { { "BaoCao", 0, 0, 1 } };
    static const unsigned char spaces[3] = { ' ', ' ', ' ' };
    unsigned char tail[64];
    size_t n = 0;
    fixture *fx = *state;
    const xrow *r;

    label_record(tail, &n, 1, 3, 0, spaces, sizeof spaces);
    text_formula_record(tail, &n, 2);
    write_book(fx, "rows.xls", s, 1, tail, n);
    assert_int_equal(eg_xls_read(fx->path, "rows.xls", collect, &fx->rows, NULL, &fx->dl), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 2);
    assert_int_equal(fx->rows.rows[0].row, 1);
    r = &fx->rows.rows[1];
    assert_int_equal(r->row, 3);
    assert_int_equal(r->n, 1);
    assert_string_equal(r->f[0], "");
    assert_non_null(r->err[0]);
    assert_string_equal(r->err[0], "");
}

/* The sheet's merged ranges, hidden rows and hidden columns go with each
 * row read; a date's cell gives its number as stored. */
static void merges_hidden_rows_and_columns_and_a_dates_number_go_with_the_rows(void **state)
{
    static const sheet_def s[] = { { "BaoCao", 0, 0, 1 } };
    static const unsigned char cols_hidden[12] = { 2, 0, 3, 0, 0, 0, 0, 0, 0x01, 0 };
    unsigned char tail[32];
    size_t n = 0;
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    assert_int_equal(eg_xls_read(FIXTURES "merged.xls", "merged.xls", collect, rs, NULL,
                                 &fx->dl), 0);
    assert_int_equal(row_at(rs, 1)->merges, 6);
    assert_int_equal(row_at(rs, 3)->merges, 6);
    assert_false(row_at(rs, 4)->hidden);
    assert_true(row_at(rs, 5)->hidden);
    assert_false(row_at(rs, 6)->hidden);
    assert_string_equal(field(rs, 5, 3), "2021-12-15");
    assert_non_null(row_at(rs, 5)->stored[2]);
    assert_string_equal(row_at(rs, 5)->stored[2], "44545");
    assert_null(row_at(rs, 3)->stored[2]);
    assert_int_equal(row_at(rs, 3)->hidden_cols, 0);
    rows_free(rs);

    record(tail, &n, 0x007D, cols_hidden, sizeof cols_hidden);
    write_book(fx, "cols.xls", s, 1, tail, n);
    assert_int_equal(eg_xls_read(fx->path, "cols.xls", collect, rs, NULL, &fx->dl), 0);
    assert_int_equal(rs->n, 1);
    assert_int_equal(rs->rows[0].hidden_cols, 4);
    assert_int_equal(rs->rows[0].merges, 0);
}

/* Another sheet is probed in its first 1,000 rows (its 1,001st is not
 * looked at), and not at all when it is wider than a row may be. */
static void a_probed_sheet_is_read_to_its_thousandth_row_and_not_when_too_wide(void **state)
{
    static const sheet_def s[] = { { "BaoCao", 0, 0, 0 }, { "Khac", 0, 0, 1 } };
    static const unsigned char a[1] = { 'a' }, b[1] = { 'b' };
    static const unsigned char one[8] = { 0, 0, 0, 0, 0, 0, 0xF0, 0x3F };
    fixture *fx = *state;
    probed p = { .n = 0 };
    eg_sheet_probe how = { probe_collect, &p, "", 0, 0 };
    eg_limits lim = { 0 };
    unsigned char tail[64];
    size_t n = 0;

    label_record(tail, &n, 999, 1, 0, a, 1);
    label_record(tail, &n, 1000, 1, 0, b, 1);
    write_book(fx, "long.xls", s, 2, tail, n);
    assert_int_equal(eg_xls_read_probing(fx->path, "long.xls", collect, &fx->rows, &how, NULL,
                                         &fx->dl), 0);
    assert_int_equal(p.n, 2);
    assert_string_equal(p.seen[0], "Khac:2");
    assert_string_equal(p.seen[1], "Khac:a");
    rows_free(&fx->rows);

    /* the other sheet 10 columns wide (a number in J1), rows of 5 at most */
    n = 0;
    number_record(tail, &n, 0x0203, 0, 9, 0, one, 8);
    write_book(fx, "wide.xls", s, 2, tail, n);
    lim.max_fields = 5;
    p.n = 0;
    assert_int_equal(eg_xls_read_probing(fx->path, "wide.xls", collect, &fx->rows, &how, &lim,
                                         &fx->dl), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_string_equal(field(&fx->rows, 1, 1), "1");
    assert_int_equal(p.n, 0);
    lim.max_fields = 10;
    assert_int_equal(eg_xls_read_probing(fx->path, "wide.xls", collect, &fx->rows, &how, &lim,
                                         &fx->dl), 0);
    assert_int_equal(p.n, 1);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(report_sheet_is_read_with_each_kind_of_cell_as_text),
        T(numbers_are_read_from_number_rk_and_mulrk_with_their_formats),
        T(a_sheet_of_the_most_cells_is_held_and_one_more_is_refused),
        T(a_workbook_of_too_many_cells_is_refused_for_them),
        T(error_cell_is_empty_and_says_its_error),
        T(first_visible_sheet_is_read_when_none_is_the_report_sheet),
        T(the_other_visible_sheets_are_probed),
        T(tcvn3_text_is_converted_with_a_warning),
        T(consumer_can_stop_the_reading),
        T(truncated_workbook_is_an_error_naming_the_file),
        T(file_whose_last_sector_lacks_its_trailing_zeros_is_read),
        T(password_protected_workbook_is_refused),
        T(other_files_named_xls_say_what_they_are),
        T(directory_name_longer_than_its_field_is_refused),
        T(file_shorter_than_one_of_its_sectors_is_cut_short),
        T(workbook_is_the_roots_stream_not_an_embedded_objects),
        T(sheet_with_two_dimension_records_is_read_as_any),
        T(sheet_listed_at_no_substream_is_refused),
        T(two_sheets_naming_one_substream_read_the_same_cells),
        T(shared_string_longer_than_its_records_is_refused),
        T(format_code_longer_than_its_record_is_refused),
        T(workbook_with_a_chart_on_its_sheet_is_read),
        T(long_texts_and_many_shared_strings_are_read_whole),
        T(sheet_without_its_end_is_refused),
        T(workbook_of_excel_5_is_read_in_its_code_page),
        T(workbook_of_excel_5_in_an_unknown_code_page_is_refused),
        T(workbook_of_excel_5_in_a_white_font_is_marked_unshown),
        T(workbook_of_excel_5_in_a_double_byte_code_page_is_read),
        T(workbook_of_excel_5_with_a_password_is_refused_for_it),
        T(missing_file_is_a_read_error),
        T(damaged_bytes_never_crash_and_always_give_an_answer),
        T(merged_ranges_are_read_from_their_records),
        T(a_formulas_text_is_its_string_record_past_a_shared_formula),
        T(a_cells_later_record_holds_and_impossible_cells_refuse_the_sheet),
        T(more_merged_ranges_than_the_cap_refuse_the_sheet),
        T(a_sheet_of_too_many_merged_ranges_is_refused_for_them),
        T(more_sheets_than_a_workbook_can_have_are_refused),
        T(a_white_font_on_a_white_cell_is_read_from_xf_and_font_records),
        T(a_redefined_built_in_format_is_read_from_its_format_record),
        T(a_white_number_format_on_a_white_cell_hides_the_value),
        T(booleans_errors_and_rk_edges_are_read_as_their_bits_say),
        T(a_string_record_belongs_to_the_text_formula_just_before_it),
        T(hidden_columns_and_rows_are_read_from_their_flags),
        T(a_charts_records_are_not_the_sheets_and_the_sheets_end_is_needed),
        T(a_label_without_its_text_is_refused),
        T(shared_strings_are_read_across_continue_records),
        T(shared_strings_short_twice_or_into_an_empty_record_are_refused),
        T(shared_strings_fewer_than_counted_are_the_strings_there_are),
        T(a_streams_chain_past_the_end_is_cut_short_and_a_looping_one_broken),
        T(a_workbook_stream_without_its_bof_is_damaged_and_an_old_bof_too_old),
        T(a_chain_into_a_sector_the_fat_does_not_cover_is_broken),
        T(a_compound_files_header_is_checked_against_the_file),
        T(the_directorys_tree_and_entries_are_read_whole),
        T(fat_sectors_past_the_headers_are_read_from_the_difat_chain),
        T(a_stream_in_the_mini_stream_is_held_to_its_bounds),
        T(a_mini_sector_past_the_mini_fat_is_broken),
        T(a_sheet_as_long_and_as_wide_as_the_limits_is_read),
        T(the_only_worksheet_is_read_hidden_and_a_chart_sheet_never),
        T(a_very_hidden_sheet_is_passed_over_for_the_visible_one),
        T(a_lone_high_surrogate_is_a_replacement_character),
        T(a_text_running_into_a_cells_record_refuses_the_sheet),
        T(merged_ranges_past_their_count_or_the_last_column_are_not_kept),
        T(a_sheet_listed_at_a_record_that_is_no_bof_is_refused),
        T(a_byte_no_character_in_the_code_page_is_a_replacement_character),
        T(a_hidden_report_sheet_is_read_and_said_to_be_hidden),
        T(when_every_sheet_is_hidden_the_first_is_read),
        T(a_workbook_of_chart_sheets_only_says_it_has_no_sheet),
        T(visible_sheets_past_the_sixteenth_are_counted_not_probed),
        T(a_row_of_spaces_is_none_and_a_formula_without_a_result_is_one),
        T(merges_hidden_rows_and_columns_and_a_dates_number_go_with_the_rows),
        T(a_probed_sheet_is_read_to_its_thousandth_row_and_not_when_too_wide),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
