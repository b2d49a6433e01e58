/*
 * xlsx_fixture.h - what the XLSX tests share: a fresh mkdtemp() folder per
 * test, workbooks built part by part with libzip, rows collected with
 * their cell errors.  Included by tests/unit/test_xlsx*.c only; the
 * helpers are static inline so a test file may leave some unused.
 */
#ifndef EG_TEST_XLSX_FIXTURE_H
#define EG_TEST_XLSX_FIXTURE_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "core/diag.h"
#include "core/mem.h"
#include "extract/merge.h"
#include "extract/xlsx.h"

#include "support.h"

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define SHEET(rows) "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" \
                    "<worksheet " NS "><sheetData>" rows "</sheetData></worksheet>"
#define SST(items) "<sst " NS ">" items "</sst>"
#define REL_T "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* --- collecting rows ----------------------------------------------------- */

typedef struct {
    long row;
    size_t n;
    char **f;
    char **err;             /* NULL, or per field */
    char origin[32];        /* the first 32 fields' EG_FROM_*; all 0 without origins */
    char *stored[8];        /* the first 8 fields' eg_row.stored, copied; NULL when none */
} crow;

typedef struct {
    crow *rows;
    size_t n;
    size_t stop_after;
    /* the sheet's ranges merged over rows, as the first row gave them
     * (the first 4), and the rows that gave other ones or none */
    size_t n_merges;
    eg_merge merges[4];
    const struct eg_merges *merges_of;
    size_t rows_merges_differ;
} rows_seen;

static inline int collect_row(void *ctx, const eg_row *row)
{
    rows_seen *rs = ctx;
    crow *c;

    rs->rows = eg_xrealloc(rs->rows, (rs->n + 1) * sizeof *rs->rows);
    c = &rs->rows[rs->n++];
    c->row = row->row;
    c->n = row->n;
    c->f = eg_xcalloc(row->n + 1, sizeof *c->f);
    c->err = NULL;
    memset(c->origin, 0, sizeof c->origin);
    if (row->origins)
        memcpy(c->origin, row->origins, row->n < sizeof c->origin ? row->n : sizeof c->origin);
    for (size_t i = 0; i < 8; i++)
        c->stored[i] = row->stored && i < row->n && row->stored[i] ? eg_xstrdup(row->stored[i])
                                                                   : NULL;
    if (rs->n == 1 && row->merges) {
        rs->merges_of = row->merges;
        rs->n_merges = row->merges->n;
        if (row->merges->n)
            memcpy(rs->merges, row->merges->v,
                   (row->merges->n < 4 ? row->merges->n : 4) * sizeof *rs->merges);
    } else if (row->merges != rs->merges_of) {
        rs->rows_merges_differ++;
    }
    if (row->cell_errors)
        c->err = eg_xcalloc(row->n + 1, sizeof *c->err);
    for (size_t i = 0; i < row->n; i++) {
        assert_non_null(row->fields[i]);
        c->f[i] = eg_xstrdup(row->fields[i]);
        if (row->cell_errors && row->cell_errors[i])
            c->err[i] = eg_xstrdup(row->cell_errors[i]);
    }
    return rs->stop_after && rs->n >= rs->stop_after;
}

static inline void rows_free(rows_seen *rs)
{
    for (size_t i = 0; i < rs->n; i++) {
        for (size_t k = 0; k < rs->rows[i].n; k++) {
            free(rs->rows[i].f[k]);
            if (rs->rows[i].err)
                free(rs->rows[i].err[k]);
        }
        free(rs->rows[i].f);
        for (size_t k = 0; k < 8; k++)
            free(rs->rows[i].stored[k]);
        free(rs->rows[i].err);
    }
    free(rs->rows);
    memset(rs, 0, sizeof *rs);
}

/* --- fixture ------------------------------------------------------------- */

typedef struct {
    char dir[64];
    char path[256];
    eg_diag_list dl;
    rows_seen rows;
    rows_seen csv_rows;     /* the CSV side of a comparison */
} fixture;

static inline int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);

    if (!fx)
        return -1;
    strcpy(fx->dir, "/tmp/egreport-test-xlsx-XXXXXX");
    if (!mkdtemp(fx->dir)) {
        free(fx);
        return -1;
    }
    *state = fx;
    return 0;
}

static inline int teardown(void **state)
{
    fixture *fx = *state;

    eg_test_remove_dir(fx->dir);
    eg_diag_free(&fx->dl);
    rows_free(&fx->rows);
    rows_free(&fx->csv_rows);
    free(fx);
    return 0;
}

/* The one diagnostic the reading gave: it has this code and names the file. */
static inline const eg_diag *only_diag(const fixture *fx, const char *code)
{
    if (fx->dl.n != 1) {
        for (size_t i = 0; i < fx->dl.n; i++)
            print_message("diag %s: %s\n", fx->dl.items[i].code, fx->dl.items[i].message);
    }
    assert_int_equal(fx->dl.n, 1);
    assert_string_equal(fx->dl.items[0].code, code);
    assert_int_equal(fx->dl.items[0].severity, EG_ERROR);
    assert_string_equal(fx->dl.items[0].file, "book.xlsx");
    return &fx->dl.items[0];
}

/* --- building workbooks -------------------------------------------------- */

typedef struct {
    const char *name;
    const char *data;
    size_t len;              /* 0: strlen(data) */
} part;

/* Writes an archive of parts at <dir>/name (deflated unless stored). */
static inline const char *write_zip(fixture *fx, const char *name, const part *parts, size_t n,
                             int stored)
{
    int err;
    zip_t *za;

    snprintf(fx->path, sizeof fx->path, "%s/%s", fx->dir, name);
    unlink(fx->path);
    za = zip_open(fx->path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(za);
    for (size_t i = 0; i < n; i++) {
        size_t len = parts[i].len ? parts[i].len : strlen(parts[i].data);
        zip_source_t *src = zip_source_buffer(za, parts[i].data, len, 0);
        zip_int64_t idx;

        assert_non_null(src);
        idx = zip_file_add(za, parts[i].name, src, ZIP_FL_OVERWRITE);
        assert_true(idx >= 0);
        zip_set_file_compression(za, (zip_uint64_t)idx, stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
    }
    assert_int_equal(zip_close(za), 0);
    return fx->path;
}

typedef struct {
    const char *workbook;    /* NULL: one sheet, "Sheet1" */
    const char *wb_rels;     /* NULL: rId1..3 sheets 1..3, rId4 strings, rId5 styles */
    const char *root_rels;   /* NULL: the usual */
    const char *sheet1, *sheet2, *sheet3;
    const char *sst;
    const char *styles;
    int stored;
} book;

static inline const char *write_book(fixture *fx, const book *b)
{
    part parts[10];
    size_t n = 0;

    parts[n++] = (part){ "[Content_Types].xml",
        "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>", 0 };
    parts[n++] = (part){ "_rels/.rels", b->root_rels ? b->root_rels :
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"" REL_T "officeDocument\" Target=\"xl/workbook.xml\"/>"
        "</Relationships>", 0 };
    parts[n++] = (part){ "xl/workbook.xml", b->workbook ? b->workbook :
        "<workbook " NS "><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>", 0 };
    parts[n++] = (part){ "xl/_rels/workbook.xml.rels", b->wb_rels ? b->wb_rels :
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"" REL_T "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"" REL_T "worksheet\" Target=\"worksheets/sheet2.xml\"/>"
        "<Relationship Id=\"rId3\" Type=\"" REL_T "worksheet\" Target=\"/xl/worksheets/sheet3.xml\"/>"
        "<Relationship Id=\"rId4\" Type=\"" REL_T "sharedStrings\" Target=\"sharedStrings.xml\"/>"
        "<Relationship Id=\"rId5\" Type=\"" REL_T "styles\" Target=\"./styles.xml\"/>"
        "</Relationships>", 0 };
    if (b->sheet1)
        parts[n++] = (part){ "xl/worksheets/sheet1.xml", b->sheet1, 0 };
    if (b->sheet2)
        parts[n++] = (part){ "xl/worksheets/sheet2.xml", b->sheet2, 0 };
    if (b->sheet3)
        parts[n++] = (part){ "xl/worksheets/sheet3.xml", b->sheet3, 0 };
    if (b->sst)
        parts[n++] = (part){ "xl/sharedStrings.xml", b->sst, 0 };
    if (b->styles)
        parts[n++] = (part){ "xl/styles.xml", b->styles, 0 };
    return write_zip(fx, "book.xlsx", parts, n, b->stored);
}

static inline int read_book(fixture *fx, const eg_limits *lim)
{
    return eg_xlsx_read(fx->path, "book.xlsx", collect_row, &fx->rows, lim, &fx->dl);
}

#define ONE(text) SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" text "</t></is></c></row>")

static inline const char *write_raw(fixture *fx, const void *data, size_t n)
{
    FILE *f;

    snprintf(fx->path, sizeof fx->path, "%s/book.xlsx", fx->dir);
    f = fopen(fx->path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
    return fx->path;
}

static inline const char *valid_book(fixture *fx, int stored)
{
    book b = { .sheet1 = SHEET("<row r=\"1\"><c r=\"A1\"><v>38</v></c></row>"
                               "<row r=\"2\"><c r=\"A2\"><v>39</v></c></row>"),
               .stored = stored };

    return write_book(fx, &b);
}

static inline char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *buf;

    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = eg_xmalloc(*n + 1);
    assert_int_equal(fread(buf, 1, *n, f), *n);
    fclose(f);
    return buf;
}

#endif
