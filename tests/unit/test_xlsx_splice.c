/*
 * test_xlsx_splice.c - write/xlsx_splice.c, the workbook libxlsxwriter
 * wrote written again with our rows: the zip archive a reader opens, read
 * byte by byte (headers that agree, the central directory and its end
 * record, the 1980 date, parts stored or deflated as they were); the
 * 4 GiB limit of a part without ZIP64; the sheets it refuses, made by
 * hand where libxlsxwriter would never write them; and the numbers it
 * writes again (eg_xfix), in any order, each only in its own cell.
 *
 * The workbook written whole, our rows against libxlsxwriter's, is tested
 * in test_xlsx_write.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include <zlib.h>

#include "core/diag.h"
#include "core/mem.h"
#include "layout/layout.h"
#include "normalize/figures.h"
#include "write/xlsx.h"
#include "write/xlsx_priv.h"

#include "xlsx_write_support.h"

#define SHEET1 "xl/worksheets/sheet1.xml"

/* "" deflated, then a sync flush: a block of no rows. */
static unsigned char empty_z[] = { 0x02, 0x00, 0x00, 0x00, 0xff, 0xff };

/* The CRC-32 of part data (size bytes, deflated when method is 8) inflated,
 * which must be usize bytes. */
static uint32_t crc_inflated(const unsigned char *data, uint32_t size, unsigned method,
                             uint32_t usize)
{
    unsigned char *out = eg_xmalloc((size_t)usize + 1);
    z_stream zs;
    uint32_t crc;

    if (method == 0) {
        assert_int_equal(size, usize);
        memcpy(out, data, size);
    } else {
        memset(&zs, 0, sizeof zs);
        assert_int_equal(inflateInit2(&zs, -15), Z_OK);
        zs.next_in = (Bytef *)data;
        zs.avail_in = size;
        zs.next_out = out;
        zs.avail_out = usize + 1;
        assert_int_equal(inflate(&zs, Z_FINISH), Z_STREAM_END);
        assert_int_equal(zs.avail_in, 0);
        assert_int_equal(zs.total_out, usize);
        inflateEnd(&zs);
    }
    crc = (uint32_t)crc32(0L, out, usize);
    free(out);
    return crc;
}

static unsigned get16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)get16(p) | (uint32_t)get16(p + 2) << 16;
}

/* A zip archive at dir/name, made with libzip, of the parts given as
 * name, text pairs (NULL ends them); a name starting with '=' is stored,
 * not deflated (the '=' is not part of it). */
static char *zip_by_hand(const char *dir, const char *name, ...)
{
    char *path = eg_xasprintf("%s/%s", dir, name);
    int err = 0;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    va_list ap;
    const char *part;

    assert_non_null(za);
    va_start(ap, name);
    while ((part = va_arg(ap, const char *))) {
        const char *text = va_arg(ap, const char *);
        int stored = part[0] == '=';
        zip_source_t *src = zip_source_buffer(za, text, strlen(text), 0);
        zip_int64_t i;

        assert_non_null(src);
        i = zip_file_add(za, part + stored, src, ZIP_FL_ENC_UTF_8);
        assert_true(i >= 0);
        assert_int_equal(zip_set_file_compression(za, (zip_uint64_t)i,
                                                  stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0),
                         0);
    }
    va_end(ap);
    assert_int_equal(zip_close(za), 0);
    return path;
}

/* A sheet of 11 columns, as libxlsxwriter writes one: its dimension, then
 * sheetData holding rows (the XML of the rows). */
static char *sheet_xml(const char *dimension, const char *rows)
{
    return eg_xasprintf("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
                        "2006/main\"><dimension ref=\"%s\"/><sheetViews><sheetView "
                        "workbookViewId=\"0\"/></sheetViews><sheetData>%s</sheetData>"
                        "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" "
                        "header=\"0.3\" footer=\"0.3\"/></worksheet>",
                        dimension, rows);
}

/* The archive a (n bytes), read as a reader does from its end record:
 * one record of no comment at the very end, whose counts are the entries
 * of the central directory that ends where it starts; each entry made by
 * and needing 2.0, no flags, no extra field, no comment, dated 1980-01-01
 * 00:00, and its local header, where the entry says, the same in every
 * field, its CRC and size those of the part inflated; the parts one
 * after the other from byte 0 up to the central
 * directory.  The number of parts; the method and size deflated of the
 * part named `name` in *method and *csize (unless NULL). */
static unsigned expect_plain_zip(const unsigned char *a, size_t n, const char *name,
                                 unsigned *method, uint32_t *csize)
{
    const unsigned char *end = a + n - 22, *c;
    uint32_t cd_size, cd_at, next = 0;
    unsigned count;

    assert_true(n > 22);
    assert_int_equal(get32(end), 0x06054b50);
    assert_int_equal(get16(end + 4), 0);
    assert_int_equal(get16(end + 6), 0);
    count = get16(end + 8);
    assert_int_equal(get16(end + 10), count);
    cd_size = get32(end + 12);
    cd_at = get32(end + 16);
    assert_int_equal(get16(end + 20), 0);
    assert_int_equal((size_t)cd_at + cd_size, n - 22);
    c = a + cd_at;
    for (unsigned i = 0; i < count; i++) {
        unsigned len = get16(c + 28);
        const unsigned char *l;

        assert_true(c + 46 + len <= end);
        assert_int_equal(get32(c), 0x02014b50);
        assert_int_equal(get16(c + 4), 20);
        assert_int_equal(get16(c + 6), 20);
        assert_int_equal(get16(c + 8), 0);
        assert_true(get16(c + 10) == 0 || get16(c + 10) == 8);
        assert_int_equal(get16(c + 12), 0);       /* 00:00 */
        assert_int_equal(get16(c + 14), 0x0021);  /* 1980-01-01 */
        assert_int_equal(get16(c + 30), 0);
        assert_int_equal(get16(c + 32), 0);
        assert_int_equal(get16(c + 34), 0);
        assert_int_equal(get16(c + 36), 0);
        assert_int_equal(get32(c + 38), 0);
        /* each part right after the one before */
        assert_int_equal(get32(c + 42), next);
        l = a + next;
        assert_int_equal(get32(l), 0x04034b50);
        assert_int_equal(get16(l + 4), 20);
        assert_int_equal(get16(l + 6), 0);
        assert_int_equal(get16(l + 8), get16(c + 10));
        assert_int_equal(get16(l + 10), 0);
        assert_int_equal(get16(l + 12), 0x0021);
        assert_int_equal(get32(l + 14), get32(c + 16));
        assert_int_equal(get32(l + 18), get32(c + 20));
        assert_int_equal(get32(l + 22), get32(c + 24));
        assert_int_equal(get16(l + 26), len);
        assert_int_equal(get16(l + 28), 0);
        assert_memory_equal(l + 30, c + 46, len);
        if (get16(c + 10) == 0)
            assert_int_equal(get32(c + 20), get32(c + 24));
        assert_int_equal(crc_inflated(l + 30 + len, get32(c + 20), get16(c + 10),
                                      get32(c + 24)),
                         get32(c + 16));
        if (name && len == strlen(name) && !memcmp(c + 46, name, len)) {
            if (method)
                *method = get16(c + 10);
            if (csize)
                *csize = get32(c + 20);
        }
        next += 30 + len + get32(c + 20);
        c += 46 + len;
    }
    assert_ptr_equal(c, end);
    assert_int_equal(next, cd_at);
    return count;
}

/* The workbook of a small year, its Dữ liệu and units' sheets spliced,
 * is a plain zip archive every field of which a reader agrees with; its
 * parts read back whole. */
static void the_workbook_is_a_plain_zip_archive_whose_headers_agree(void **state)
{
    fixture *f = *state;
    size_t n, np;
    char *bytes = write_workbook(f, "plain.xlsx", &n);
    char *path = eg_xasprintf("%s/plain.xlsx", f->dir);
    char *parts = parts_of(path, &np);
    unsigned method = 99;

    assert_true(expect_plain_zip((unsigned char *)bytes, n, SHEET1, &method, NULL) >= 10);
    assert_int_equal(method, 8);
    free(parts);
    free(path);
    free(bytes);
}

/* A part stored, not deflated, is copied stored, beside a sheet spliced
 * and a sheet whose numbers are written again (deflated anew); the
 * archive agrees with itself and every part reads back. */
static void a_stored_part_stays_stored_beside_parts_written_again(void **state)
{
    fixture *f = *state;
    char *one = sheet_xml("A1:K1", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
    char *two = sheet_xml("A1:C2", "<row r=\"2\"><c r=\"C2\"><v>0.01017152667172762</v></c></row>");
    char *path = zip_by_hand(f->dir, "stored.xlsx", "=docProps/stored.txt", "kept as it is",
                             SHEET1, one, "xl/worksheets/sheet2.xml", two, NULL);
    eg_xblock blk = { .z = empty_z, .z_len = sizeof empty_z, .len = 0, .crc = 0 };
    eg_xspliced d = { .sheet_no = 1, .n_cols = 11, .header_rows = 1, .rows = 5,
                      .blocks = &blk, .n_blocks = 1 };
    eg_xfix fix = { .sheet_no = 2, .row = 1, .col = 2, .v = 4100.0 / 403086 };
    char why[300], *bytes, *parts;
    const char *p;
    size_t n, len;
    unsigned method = 99;

    assert_int_equal(eg_xlsx_splice(path, &d, 1, &fix, 1, why, sizeof why), 0);
    bytes = slurp(path, &n);
    assert_int_equal(expect_plain_zip((unsigned char *)bytes, n, "docProps/stored.txt", &method, NULL),
                     3);
    assert_int_equal(method, 0);
    method = 99;
    expect_plain_zip((unsigned char *)bytes, n, "xl/worksheets/sheet2.xml", &method, NULL);
    assert_int_equal(method, 8);
    parts = parts_of(path, &n);
    p = part_required(parts, n, "docProps/stored.txt", &len);
    assert_int_equal(len, strlen("kept as it is"));
    assert_memory_equal(p, "kept as it is", len);
    p = part_required(parts, n, SHEET1, &len);
    HAS(p, len, "<dimension ref=\"A1:K5\"/>");
    p = part_required(parts, n, "xl/worksheets/sheet2.xml", &len);
    HAS(p, len, "<c r=\"C2\"><v>0.010171526671727622</v></c>");
    free(parts);
    free(bytes);
    free(path);
    free(one);
    free(two);
}

/* Without ZIP64, a part of 2^32 - 1 bytes or more, inflated or deflated,
 * stops the workbook with its name and size; one of 2^32 - 2 does not. */
static void a_part_of_4_gib_is_refused_and_one_byte_less_is_not(void **state)
{
    fixture *f = *state;
    eg_xblock blk = { .z = empty_z, .z_len = sizeof empty_z, .len = 0, .crc = 0 };
    eg_xspliced d = { .sheet_no = 1, .n_cols = 11, .header_rows = 1, .rows = 2,
                      .blocks = &blk, .n_blocks = 1 };
    char why[300], *path, *parts, *bytes, want[200];
    size_t n, own;
    uint32_t own_z = 0;

    /* the sheet's own bytes, its header and its end, with no rows, and
     * those deflated (with the block of none) */
    path = lxw_book(f->dir, "own.xlsx", 1);
    assert_int_equal(eg_xlsx_splice(path, &d, 1, NULL, 0, why, sizeof why), 0);
    parts = parts_of(path, &n);
    part_required(parts, n, SHEET1, &own);
    assert_true(own > 100 && own < 4000);
    free(parts);
    bytes = slurp(path, &n);
    expect_plain_zip((unsigned char *)bytes, n, SHEET1, NULL, &own_z);
    assert_true(own_z > sizeof empty_z && own_z < own);
    free(bytes);
    free(path);

    blk.len = (size_t)0xFFFFFFFFu - own;
    path = lxw_book(f->dir, "4gib.xlsx", 1);
    assert_int_equal(eg_xlsx_splice(path, &d, 1, NULL, 0, why, sizeof why), -1);
    assert_string_equal(why, "the part " SHEET1 " is too large for a workbook "
                        "(4294967295 bytes)");
    free(path);

    blk.len--;
    path = lxw_book(f->dir, "4gib-less-1.xlsx", 1);
    assert_int_equal(eg_xlsx_splice(path, &d, 1, NULL, 0, why, sizeof why), 0);
    free(path);

    /* deflated, 2^32 - 1 bytes: the message gives the size inflated */
    blk.len = 0;
    blk.z_len = (size_t)0xFFFFFFFFu - (own_z - sizeof empty_z);
    path = lxw_book(f->dir, "4gib-z.xlsx", 1);
    assert_int_equal(eg_xlsx_splice(path, &d, 1, NULL, 0, why, sizeof why), -1);
    snprintf(want, sizeof want, "the part " SHEET1 " is too large for a workbook (%zu bytes)",
             own);
    assert_string_equal(why, want);
    free(path);
}

/* A zip archive at dir/name of n parts, empty and stored. */
static char *zip_of_parts(const char *dir, const char *name, unsigned n)
{
    char *path = eg_xasprintf("%s/%s", dir, name), part[32];
    int err = 0;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);

    assert_non_null(za);
    for (unsigned i = 0; i < n; i++) {
        zip_source_t *src = zip_source_buffer(za, "", 0, 0);
        zip_int64_t k;

        snprintf(part, sizeof part, "p/%05u", i);
        assert_non_null(src);
        k = zip_file_add(za, part, src, 0);
        assert_true(k >= 0);
        assert_int_equal(zip_set_file_compression(za, (zip_uint64_t)k, ZIP_CM_STORE, 0), 0);
    }
    assert_int_equal(zip_close(za), 0);
    return path;
}

/* Without ZIP64, the end record counts at most 65,534 parts (65,535 would
 * mean "see the ZIP64 record"): that many are written, one more stops the
 * workbook, saying so. */
static void a_workbook_of_65535_parts_is_refused_and_of_65534_is_not(void **state)
{
    fixture *f = *state;
    char why[300], *path = zip_of_parts(f->dir, "65534.xlsx", 65534), *bytes;
    size_t n;

    assert_int_equal(eg_xlsx_splice(path, NULL, 0, NULL, 0, why, sizeof why), 0);
    bytes = slurp(path, &n);
    assert_int_equal(expect_plain_zip((unsigned char *)bytes, n, NULL, NULL, NULL), 65534);
    free(bytes);
    free(path);
    path = zip_of_parts(f->dir, "65535.xlsx", 65535);
    assert_int_equal(eg_xlsx_splice(path, NULL, 0, NULL, 0, why, sizeof why), -1);
    assert_string_equal(why, "the workbook has too many parts (65535)");
    free(path);
}

/* Splices the sheet xml (made by sheet_xml) of a hand-made archive as
 * d says; its result, the message in why. */
static int splice_by_hand(fixture *f, char *xml, eg_xspliced *d, char *why, size_t why_cap)
{
    static eg_xblock blk = { .z = empty_z, .z_len = sizeof empty_z, .len = 0, .crc = 0 };
    char *path = zip_by_hand(f->dir, "hand.xlsx", SHEET1, xml, NULL);
    int rc;

    d->sheet_no = 1;
    d->n_cols = 11;
    d->blocks = &blk;
    d->n_blocks = 1;
    why[0] = '\0';
    rc = eg_xlsx_splice(path, d, 1, NULL, 0, why, why_cap);
    free(path);
    free(xml);
    return rc;
}

#define NOT_HEADER SHEET1 " is not the header rows alone that it should be"

/* What libxlsxwriter never writes is refused, each for itself: the
 * dimension after sheetData, two dimensions, two ends of sheetData, a
 * header of rows 1 and 3 where it has 3 rows, one of rows 3 and 2 where
 * it has 2, one of rows 1 and 3 (or 20) where it has 2, a dimension of
 * another last row; and the same sheets as libxlsxwriter writes them are not. */
static void a_sheet_unlike_libxlsxwriter_s_header_rows_is_refused(void **state)
{
    fixture *f = *state;
    static const char r1[] = "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>";
    static const char r2[] = "<row r=\"2\"><c r=\"A2\"><v>2</v></c></row>";
    static const char r3[] = "<row r=\"3\"><c r=\"A3\"><v>3</v></c></row>";
    char why[300], rows[400];
    eg_xspliced d = { 0 };

    /* the dimension after sheetData */
    d.header_rows = 1;
    d.rows = 9;
    assert_int_equal(splice_by_hand(f, eg_xasprintf("<worksheet><sheetData>%s</sheetData>"
                                                    "<dimension ref=\"A1:K1\"/></worksheet>",
                                                    r1),
                                    &d, why, sizeof why),
                     -1);
    assert_string_equal(why, NOT_HEADER);
    /* sheetData ended before it starts */
    assert_int_equal(splice_by_hand(f, eg_xasprintf("<worksheet><dimension ref=\"A1:K1\"/>"
                                                    "</sheetData>%s<sheetData></worksheet>",
                                                    r1),
                                    &d, why, sizeof why),
                     -1);
    assert_string_equal(why, NOT_HEADER);
    /* two dimensions */
    assert_int_equal(splice_by_hand(f, eg_xasprintf("<worksheet><dimension ref=\"A1:K1\"/>"
                                                    "<dimension ref=\"A1:K1\"/><sheetData>%s"
                                                    "</sheetData></worksheet>", r1),
                                    &d, why, sizeof why),
                     -1);
    assert_string_equal(why, NOT_HEADER);
    /* two ends of sheetData */
    assert_int_equal(splice_by_hand(f, eg_xasprintf("<worksheet><dimension ref=\"A1:K1\"/>"
                                                    "<sheetData>%s</sheetData></sheetData>"
                                                    "</worksheet>", r1),
                                    &d, why, sizeof why),
                     -1);
    assert_string_equal(why, NOT_HEADER);
    /* three header rows, row 2 missing */
    d.header_rows = 3;
    snprintf(rows, sizeof rows, "%s%s", r1, r3);
    assert_int_equal(splice_by_hand(f, sheet_xml("A1:K3", rows), &d, why, sizeof why), -1);
    assert_string_equal(why, NOT_HEADER);
    /* two header rows, row 1 missing */
    d.header_rows = 2;
    snprintf(rows, sizeof rows, "%s%s", r3, r2);
    assert_int_equal(splice_by_hand(f, sheet_xml("A1:K2", rows), &d, why, sizeof why), -1);
    assert_string_equal(why, NOT_HEADER);
    /* two header rows, the second not row 2: 3, or 20 */
    snprintf(rows, sizeof rows, "%s%s", r1, r3);
    assert_int_equal(splice_by_hand(f, sheet_xml("A1:K2", rows), &d, why, sizeof why), -1);
    assert_string_equal(why, NOT_HEADER);
    snprintf(rows, sizeof rows, "%s<row r=\"20\"><c r=\"A20\"><v>2</v></c></row>", r1);
    assert_int_equal(splice_by_hand(f, sheet_xml("A1:K2", rows), &d, why, sizeof why), -1);
    assert_string_equal(why, NOT_HEADER);
    /* a dimension that is neither the header's nor the whole range */
    snprintf(rows, sizeof rows, "%s%s", r1, r2);
    assert_int_equal(splice_by_hand(f, sheet_xml("A1:K3", rows), &d, why, sizeof why), -1);
    assert_string_equal(why, NOT_HEADER);
    assert_int_equal(splice_by_hand(f, sheet_xml("A1:J2", rows), &d, why, sizeof why), -1);
    assert_string_equal(why, NOT_HEADER);
    /* as libxlsxwriter writes them: the header's dimension, or the whole
     * range already */
    assert_int_equal(splice_by_hand(f, sheet_xml("A1:K2", rows), &d, why, sizeof why), 0);
    d.rows = 9;
    assert_int_equal(splice_by_hand(f, sheet_xml("A1:K9", rows), &d, why, sizeof why), 0);
    d.header_rows = 3;
    snprintf(rows, sizeof rows, "%s%s%s", r1, r2, r3);
    assert_int_equal(splice_by_hand(f, sheet_xml("A1:K3", rows), &d, why, sizeof why), 0);
}

/* A sheet given with no blocks is not ours to splice: it is copied as
 * libxlsxwriter wrote it, its dimension its own. */
static void a_sheet_of_no_blocks_is_copied_as_it_was(void **state)
{
    fixture *f = *state;
    eg_xspliced d = { .sheet_no = 1, .n_cols = 11, .header_rows = 1, .rows = 40 };
    char why[300], *path = lxw_book(f->dir, "no-blocks.xlsx", 1), *parts;
    const char *p;
    size_t n, len;

    assert_int_equal(eg_xlsx_splice(path, &d, 1, NULL, 0, why, sizeof why), 0);
    parts = parts_of(path, &n);
    p = part_required(parts, n, SHEET1, &len);
    HAS(p, len, "<dimension ref=\"A1:K1\"/>");
    assert_null(memmem(p, len, "A1:K40", 6));
    free(parts);
    free(path);
}

/* Numbers to write again, given in no order over rows and columns, are
 * each written again in its cell, the cells between left as they were. */
static void numbers_fixed_in_any_order_are_each_written_in_their_cell(void **state)
{
    fixture *f = *state;
    char *path = eg_xasprintf("%s/order.xlsx", f->dir), why[300], *parts;
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "S");
    eg_xfix fix[] = {
        { .sheet_no = 1, .row = 3, .col = 0, .v = 4103.0 / 403086 },
        { .sheet_no = 1, .row = 1, .col = 4, .v = 4102.0 / 403086 },
        { .sheet_no = 1, .row = 1, .col = 1, .v = 4100.0 / 403086 },
        { .sheet_no = 1, .row = 2, .col = 2, .v = 4101.0 / 403086 },
    };
    const char *p;
    size_t n, len;

    for (size_t i = 0; i < sizeof fix / sizeof *fix; i++)
        worksheet_write_number(ws, fix[i].row, fix[i].col, fix[i].v, NULL);
    worksheet_write_number(ws, 1, 2, 0.5, NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    assert_int_equal(eg_xlsx_splice(path, NULL, 0, fix, 4, why, sizeof why), 0);
    parts = parts_of(path, &n);
    p = part_required(parts, n, SHEET1, &len);
    HAS(p, len, "<c r=\"B2\"><v>0.010171526671727622</v></c>"
                "<c r=\"C2\"><v>0.5</v></c>"
                "<c r=\"E2\"><v>0.010176488392055294</v></c>");
    HAS(p, len, "<c r=\"C3\"><v>0.010174007531891457</v></c>");
    HAS(p, len, "<c r=\"A4\"><v>0.010178969252219129</v></c>");
    free(parts);
    free(path);
}

/* The number to write again must be the whole value of its own cell: a
 * cell whose value only begins with it, one that has no value (an inline
 * string) before a cell that holds it, or a cell C20 where C2 is wanted,
 * stops the workbook. */
static void a_fixed_number_is_the_whole_value_of_its_own_cell(void **state)
{
    fixture *f = *state;
    char *path = eg_xasprintf("%s/prefix.xlsx", f->dir), why[300], *xml;
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "S");
    eg_xfix fix = { .sheet_no = 1, .row = 1, .col = 2, .v = 0.5 };

    worksheet_write_number(ws, 1, 2, 0.55, NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    assert_int_equal(eg_xlsx_splice(path, NULL, 0, &fix, 1, why, sizeof why), -1);
    assert_string_equal(why, SHEET1 ": cell C2 is not the number 0.5 libxlsxwriter should "
                        "have written");
    free(path);

    xml = sheet_xml("A1:D2", "<row r=\"2\"><c r=\"C2\" t=\"inlineStr\"><is><t>x</t></is></c>"
                             "<c r=\"D2\"><v>0.5</v></c></row>");
    path = zip_by_hand(f->dir, "inline.xlsx", SHEET1, xml, NULL);
    assert_int_equal(eg_xlsx_splice(path, NULL, 0, &fix, 1, why, sizeof why), -1);
    assert_string_equal(why, SHEET1 ": cell C2 is not the number 0.5 libxlsxwriter should "
                        "have written");
    free(path);
    free(xml);

    /* a cell whose name only begins with the one to fix: C20 is not C2 */
    xml = sheet_xml("A1:D20", "<row r=\"20\"><c r=\"C20\"><v>0.5</v></c></row>");
    path = zip_by_hand(f->dir, "c20.xlsx", SHEET1, xml, NULL);
    assert_int_equal(eg_xlsx_splice(path, NULL, 0, &fix, 1, why, sizeof why), -1);
    assert_string_equal(why, SHEET1 ": cell C2 is not the number 0.5 libxlsxwriter should "
                        "have written");
    free(path);
    free(xml);
}

/* A workbook that is not there, or is no zip archive, is refused with
 * what went wrong. */
static void a_workbook_not_there_or_no_zip_archive_says_why(void **state)
{
    fixture *f = *state;
    char why[300], *path = eg_xasprintf("%s/none.xlsx", f->dir);
    FILE *fp;

    assert_int_equal(eg_xlsx_splice(path, NULL, 0, NULL, 0, why, sizeof why), -1);
    assert_string_equal(why, "cannot read back what libxlsxwriter wrote: No such file or "
                        "directory");
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("PK not a zip archive", fp);
    fclose(fp);
    assert_int_equal(eg_xlsx_splice(path, NULL, 0, NULL, 0, why, sizeof why), -1);
    assert_string_equal(why, "cannot open what libxlsxwriter wrote: Not a zip archive");
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_workbook_is_a_plain_zip_archive_whose_headers_agree,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_stored_part_stays_stored_beside_parts_written_again,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_part_of_4_gib_is_refused_and_one_byte_less_is_not,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_workbook_of_65535_parts_is_refused_and_of_65534_is_not,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_sheet_unlike_libxlsxwriter_s_header_rows_is_refused,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_workbook_not_there_or_no_zip_archive_says_why,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_sheet_of_no_blocks_is_copied_as_it_was,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(numbers_fixed_in_any_order_are_each_written_in_their_cell,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_fixed_number_is_the_whole_value_of_its_own_cell,
                                        fixture_setup, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
