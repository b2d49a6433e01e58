/*
 * test_xlsx_hostile.c - extract/xlsx.h against hostile and broken files.
 *
 * A zip bomb (also one that lies about its size), entity expansion, a
 * truncated or CRC-broken archive, things that are no workbook, Strict
 * Open XML, cells and sheets beyond a spreadsheet's bounds, giant tags:
 * each gives one error naming the file, within the caps of eg_limits, and
 * hands on no row it should not.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "xlsx_fixture.h"

/* --- hostile and broken files -------------------------------------------- */

static void what_is_no_zip_archive_says_what_it_is(void **state)
{
    fixture *fx = *state;
    static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
                                         'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0 };
    static const unsigned char ole[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0 };

    write_raw(fx, "", 0);
    assert_int_equal(read_book(fx, NULL), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_NOT_ZIP")->message, "tệp trống"));
    eg_diag_free(&fx->dl);

    write_raw(fx, png, sizeof png);
    assert_int_equal(read_book(fx, NULL), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_NOT_ZIP")->message, "ảnh PNG"));
    eg_diag_free(&fx->dl);

    write_raw(fx, ole, sizeof ole);
    assert_int_equal(read_book(fx, NULL), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_NOT_ZIP")->message, "97-2003"));
    eg_diag_free(&fx->dl);

    write_raw(fx, "Mã đơn vị,Mã chỉ tiêu,Giá trị\n", strlen("Mã đơn vị,Mã chỉ tiêu,Giá trị\n"));
    assert_int_equal(read_book(fx, NULL), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_NOT_ZIP")->message, "tệp văn bản"));
    assert_int_equal(fx->rows.n, 0);
    eg_diag_free(&fx->dl);

    write_raw(fx, "<html><body>Báo cáo</body></html>", strlen("<html><body>Báo cáo</body></html>"));
    assert_int_equal(read_book(fx, NULL), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_NOT_ZIP")->message, "trang web hoặc tệp XML"));
    eg_diag_free(&fx->dl);

    /* bytes with a NUL are no text, valid UTF-8 as they may be */
    write_raw(fx, "AB\0\0CD\0\0", 8);
    assert_int_equal(read_book(fx, NULL), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_NOT_ZIP")->message,
                           "tệp không phải bảng tính Excel (.xlsx), cũng không phải tệp nén zip"));
    eg_diag_free(&fx->dl);

    /* text whose first 512 bytes, looked at, end inside a letter */
    {
        char text[600];

        memset(text, 'a', sizeof text);
        memcpy(text + 511, "ă", 2);
        write_raw(fx, text, sizeof text);
        assert_int_equal(read_book(fx, NULL), -1);
        assert_non_null(strstr(only_diag(fx, "E_XLSX_NOT_ZIP")->message, "tệp văn bản"));
    }
}

static void a_truncated_archive_is_damaged(void **state)
{
    fixture *fx = *state;
    size_t n;
    char *data = slurp(valid_book(fx, 0), &n);

    write_raw(fx, data, n / 2);
    assert_int_equal(read_book(fx, NULL), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_DAMAGED")->message, "không đầy đủ (thiếu phần cuối của tệp nén)"));
    assert_int_equal(fx->rows.n, 0);
    free(data);
}

static void a_crc_error_hands_on_no_row(void **state)
{
    fixture *fx = *state;
    size_t n;
    char *data = slurp(valid_book(fx, 1), &n), *p;

    /* stored, so the bytes are there to change: 39 becomes 49, still XML */
    p = memmem(data, n, "<v>39</v>", 9);
    assert_non_null(p);
    p[3] = '4';
    write_raw(fx, data, n);
    assert_int_equal(read_book(fx, NULL), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_CRC")->message, "xl/worksheets/sheet1.xml"));
    assert_int_equal(fx->rows.n, 0);
    free(data);
}

/* The sheet's headers in a valid deflated book: its local header and
 * its central directory entry (each found by the part's name, which both
 * hold: the local one first). */
static void sheet_headers(char *data, size_t n, unsigned char **local, unsigned char **central)
{
    static const char name[] = "xl/worksheets/sheet1.xml";
    char *first = memmem(data, n, name, sizeof name - 1), *second;

    assert_non_null(first);
    second = memmem(first + 1, n - (size_t)(first + 1 - data), name, sizeof name - 1);
    assert_non_null(second);
    *local = (unsigned char *)first - 30;
    *central = (unsigned char *)second - 46;
    assert_memory_equal(*local, "PK\3\4", 4);
    assert_memory_equal(*central, "PK\1\2", 4);
}

/* The one E_XLSX_DAMAGED of a book made from data, which must name the
 * sheet (when names_part) and say why in the clerk's words. */
static void damaged_says(fixture *fx, const char *data, size_t n, int names_part, const char *why)
{
    const eg_diag *d;

    write_raw(fx, data, n);
    assert_int_equal(read_book(fx, NULL), -1);
    d = only_diag(fx, "E_XLSX_DAMAGED");
    assert_non_null(strstr(d->message, why));
    if (names_part)
        assert_non_null(strstr(d->message, "xl/worksheets/sheet1.xml"));
    assert_int_equal(d->row, 0);
    assert_int_equal(fx->rows.n, 0);
}

static void a_garbled_compressed_part_is_damage_in_the_clerks_words(void **state)
{
    fixture *fx = *state;
    size_t n;
    char *data = slurp(valid_book(fx, 0), &n);
    unsigned char *local, *central;

    sheet_headers(data, n, &local, &central);
    /* its deflate stream's first bytes: no valid block type */
    memset(local + 30 + (local[26] | local[27] << 8) + (local[28] | local[29] << 8), 0xff, 8);
    damaged_says(fx, data, n, 1, "không giải nén được thành phần xl/worksheets/sheet1.xml "
                                 "(dữ liệu nén bị hỏng): gửi lại");
    free(data);
}

static void an_encrypted_part_asks_for_a_workbook_without_a_password(void **state)
{
    fixture *fx = *state;
    size_t n;
    char *data = slurp(valid_book(fx, 0), &n);
    unsigned char *local, *central;

    /* the general purpose flag's bit 0: encrypted (PKWARE) */
    sheet_headers(data, n, &local, &central);
    local[6] |= 1;
    central[8] |= 1;
    damaged_says(fx, data, n, 1, "(cần mật khẩu để đọc): lưu lại bằng Excel hoặc LibreOffice, "
                                 "không đặt mật khẩu");
    free(data);
}

static void a_part_compressed_by_an_old_method_is_said_so(void **state)
{
    fixture *fx = *state;
    size_t n;
    char *data = slurp(valid_book(fx, 0), &n);
    unsigned char *local, *central;

    /* method 6, "imploded": PKZIP 1's, which no spreadsheet writes */
    sheet_headers(data, n, &local, &central);
    local[8] = 6;
    central[10] = 6;
    damaged_says(fx, data, n, 1, "(phương thức nén không được hỗ trợ)");
    free(data);
}

/* A stored part's header giving a compressed size past its bytes would
 * read on into the next part: damage, said as such, not a zip bomb; one
 * giving less would stop short. */
static void a_stored_part_whose_sizes_disagree_is_damage(void **state)
{
    fixture *fx = *state;
    static const unsigned char big[4] = { 0, 0, 0x10, 0 }, small[4] = { 10, 0, 0, 0 };
    const unsigned char *sizes[] = { big, small };

    for (size_t i = 0; i < 2; i++) {
        size_t n;
        char *data = slurp(valid_book(fx, 1), &n);
        unsigned char *local, *central;

        /* the compressed size: offset 18 of the local header, 20 of the
         * central directory's */
        sheet_headers(data, n, &local, &central);
        memcpy(local + 18, sizes[i], 4);
        memcpy(central + 20, sizes[i], 4);
        damaged_says(fx, data, n, 1, "(cấu trúc tệp nén không nhất quán): gửi lại");
        eg_diag_free(&fx->dl);
        free(data);
    }
}

static void a_directory_that_miscounts_its_entries_is_damage(void **state)
{
    fixture *fx = *state;
    size_t n;
    char *data = slurp(valid_book(fx, 0), &n);
    unsigned char *end = (unsigned char *)data + n - 22;

    /* the end record's two counts of entries, one more than there are */
    assert_memory_equal(end, "PK\5\6", 4);
    end[8]++;
    end[10]++;
    damaged_says(fx, data, n, 0, "tệp nén của bảng tính bị hỏng (cấu trúc tệp nén không nhất "
                                 "quán): lưu lại bằng Excel hoặc LibreOffice rồi gửi lại");
    free(data);
}

static void a_doctype_is_refused_before_any_entity_expands(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"),
               .sst = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                      "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                      "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
                      "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
                      "<!ENTITY lol9 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>"
                      "<sst " NS "><si><t>&lol9;</t></si></sst>" };
    const eg_diag *d;

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), -1);
    d = only_diag(fx, "E_XLSX_DOCTYPE");
    assert_non_null(strstr(d->message, "không cho phép DOCTYPE"));
    assert_non_null(strstr(d->message, "xl/sharedStrings.xml"));
    assert_int_equal(fx->rows.n, 0);
}

static void malformed_xml_names_the_part_and_line(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = "<worksheet " NS "><sheetData>\n<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>\n"
                         "<row r=\"2\"><c r=\"A2\"><v>2</v></row></sheetData></worksheet>" };
    const eg_diag *d;

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), -1);
    d = only_diag(fx, "E_XLSX_XML");
    assert_non_null(strstr(d->message, "xl/worksheets/sheet1.xml"));
    /* the column as an editor counts it, from 1: the name of "</row>",
     * at 32 */
    assert_non_null(strstr(d->message, "tại dòng 3, cột 32 (thẻ đóng không khớp với thẻ mở)"));
    /* the sheet is parsed once for legacy text before any row goes out,
     * so malformed XML, like a damaged archive, hands on no row */
    assert_int_equal(fx->rows.n, 0);

    /* an unfinished part is an error too */
    eg_diag_free(&fx->dl);
    rows_free(&fx->rows);
    b.sheet1 = "<worksheet " NS "><sheetData><row r=\"1\">";
    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), -1);
    only_diag(fx, "E_XLSX_XML");

    /* a sheet past 4 MiB, read in two passes: said once, by the first */
    {
        static const char head[] = "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>";
        static const char tail[] = "<row r=\"2\"><c r=\"A2\"><v>2</v></row></sheetData></worksheet>";
        size_t n = ((size_t)4 << 20) + 4096;
        char *big = eg_xmalloc(n + 1);

        memset(big, ' ', n);
        memcpy(big, head, strlen(head));
        memcpy(big + n - strlen(tail), tail, strlen(tail));
        big[n] = '\0';
        eg_diag_free(&fx->dl);
        rows_free(&fx->rows);
        b.sheet1 = big;
        write_book(fx, &b);
        assert_int_equal(read_book(fx, NULL), -1);
        assert_non_null(strstr(only_diag(fx, "E_XLSX_XML")->message, "thẻ đóng không khớp với thẻ mở"));
        assert_int_equal(fx->rows.n, 0);
        free(big);
    }
}

/* The one problem `code` of a book whose sheet is sheet, which hands on
 * no row; what a case before left is cleared first. */
static const eg_diag *sheet_refused(fixture *fx, const char *sheet, const char *code)
{
    book b = { .sheet1 = sheet };

    eg_diag_free(&fx->dl);
    rows_free(&fx->rows);
    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), -1);
    assert_int_equal(fx->rows.n, 0);
    return only_diag(fx, code);
}

/* Each of expat's reasons a damaged sheet can give, in the clerk's words
 * (never expat's English), with the part's name. */
static void each_xml_fault_is_said_in_the_clerks_words(void **state)
{
    fixture *fx = *state;
    static const struct {
        const char *sheet, *words;
    } cases[] = {
        { "<worksheet " NS "><sheetData/>< </worksheet>", "(ký hiệu không hợp lệ)" },
        { "<worksheet " NS "><sheetData/></worksheet", "(ký hiệu chưa kết thúc)" },
        { "<worksheet " NS "><sheetData/>\xc3", "(ký tự không đầy đủ)" },
        { "<worksheet " NS "><sheetData><row r=\"1\" r=\"1\"/></sheetData></worksheet>",
          "(thuộc tính bị lặp)" },
        { "<worksheet " NS "><sheetData/></worksheet><x/>", "(có nội dung thừa sau phần tử gốc)" },
        { "<worksheet " NS "><sheetData/>&foo;</worksheet>", "(thực thể chưa được khai báo)" },
        { "<worksheet " NS "><sheetData/>&#0;</worksheet>",
          "(tham chiếu đến mã ký tự không hợp lệ)" },
        { "<worksheet " NS "><?xml version=\"1.0\"?><sheetData/></worksheet>",
          "(khai báo XML không nằm ở đầu)" },
        { "<?xml version=\"1.0\" encoding=\"x-unknown\"?><worksheet " NS "/>",
          "(bảng mã không xác định)" },
        { "<worksheet " NS "><sheetData/><![CDATA[ abc", "(đoạn CDATA chưa đóng)" },
        { "<worksheet " NS "><x:sheetData/></worksheet>",
          "(tiền tố chưa gắn với không gian tên nào)" },
        { "<?xml version=\"1.0\" foo=\"bar\"?><worksheet " NS "/>", "(khai báo XML sai cấu trúc)" },
        { "   ", "(không có phần tử nào)" },
    };

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const eg_diag *d = sheet_refused(fx, cases[i].sheet, "E_XLSX_XML");

        if (!strstr(d->message, cases[i].words) ||
            !strstr(d->message, "xl/worksheets/sheet1.xml"))
            fail_msg("case %zu: %s", i, d->message);
    }
}

/* A cell with two values (two <v>, two <is>, or one of each) is damage
 * at the cell: the two joined made a figure neither is. */
static void a_cell_with_two_values_is_damage_at_the_cell(void **state)
{
    fixture *fx = *state;
    static const struct {
        const char *sheet, *words;
    } cases[] = {
        { SHEET("<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"C2\"><v>5</v><v>7</v></c></row>"),
          "ô C2 có hai giá trị (hai thẻ <v>)" },
        { SHEET("<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>5</t></is><is><t>7</t></is>"
                "</c></row>"), "ô B3 có hai giá trị (hai thẻ <is>)" },
        /* a <v> and an <is>, either way round, whatever the type: Excel
         * shows the <is>, LibreOffice nothing (these were read "451.2",
         * then "1.2") */
        { SHEET("<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><v>45</v><is><t>1.2</t></is>"
                "</c></row>"), "ô B3 có hai giá trị (một thẻ <v> và một thẻ <is>), mà Excel hiện "
                               "một giá trị còn LibreOffice hiện ô trống" },
        { SHEET("<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><r><t>1.</t></r></is>"
                "<v>1.0</v></c></row>"), "(một thẻ <v> và một thẻ <is>)" },
        { SHEET("<row r=\"3\"><c r=\"B3\" t=\"str\"><v>7</v><is><t>8</t></is></c></row>"),
          "(một thẻ <v> và một thẻ <is>)" },
    };

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const eg_diag *d = sheet_refused(fx, cases[i].sheet, "E_XLSX_DAMAGED");

        if (!strstr(d->message, cases[i].words))
            fail_msg("case %zu: %s", i, d->message);
        assert_int_equal(d->row, i ? 3 : 2);
        assert_int_equal(d->col, i ? 2 : 3);
    }
}

static void strict_open_xml_asks_for_a_normal_workbook(void **state)
{
    fixture *fx = *state;
    book b = { .root_rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                            "<Relationship Id=\"rId1\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument\" "
                            "Target=\"xl/workbook.xml\"/></Relationships>",
               .workbook = "<workbook xmlns=\"http://purl.oclc.org/ooxml/spreadsheetml/main\" "
                           "xmlns:r=\"http://purl.oclc.org/ooxml/officeDocument/relationships\">"
                           "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
               .sheet1 = ONE("x") };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_STRICT")->message,
                           "lưu lại dưới dạng bảng tính Excel thông thường"));
}

static void a_zip_that_is_no_workbook_says_so(void **state)
{
    fixture *fx = *state;
    part docx[] = { { "[Content_Types].xml", "<Types/>", 0 },
                    { "word/document.xml", "<document/>", 0 } };
    book nosheet = { .workbook = "<workbook " NS "><sheets/></workbook>" };

    write_zip(fx, "book.xlsx", docx, 2, 0);
    assert_int_equal(read_book(fx, NULL), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_NOT_WORKBOOK")->message, "tài liệu Word"));
    eg_diag_free(&fx->dl);

    write_book(fx, &nosheet);
    assert_int_equal(read_book(fx, NULL), -1);
    only_diag(fx, "E_XLSX_NOT_WORKBOOK");
    eg_diag_free(&fx->dl);

    /* a presentation says so */
    {
        part pptx[] = { { "[Content_Types].xml", "<Types/>", 0 },
                        { "ppt/presentation.xml", "<presentation/>", 0 } };

        write_zip(fx, "book.xlsx", pptx, 2, 0);
        assert_int_equal(read_book(fx, NULL), -1);
        assert_non_null(strstr(only_diag(fx, "E_XLSX_NOT_WORKBOOK")->message,
                               "tệp là bản trình chiếu PowerPoint, không phải bảng tính Excel"));
        eg_diag_free(&fx->dl);
    }

    /* an Office file whose main part is no workbook names its root */
    {
        book doc = { .sheet1 = ONE("x"), .workbook = "<document " NS "/>" };

        write_book(fx, &doc);
        assert_int_equal(read_book(fx, NULL), -1);
        assert_non_null(strstr(only_diag(fx, "E_XLSX_NOT_WORKBOOK")->message,
                               "không phải bảng tính Excel (thành phần chính của tệp là <document>)"));
        assert_int_equal(fx->rows.n, 0);
        eg_diag_free(&fx->dl);
    }

    /* a mimetype without content.xml (an e-book) is no OpenDocument file */
    {
        part epub[] = { { "mimetype", "application/epub+zip", 0 },
                        { "OEBPS/content.opf", "<package/>", 0 } };

        write_zip(fx, "book.xlsx", epub, 2, 0);
        assert_int_equal(read_book(fx, NULL), -1);
        assert_non_null(strstr(only_diag(fx, "E_XLSX_NOT_WORKBOOK")->message,
                               "tệp là tệp nén zip, không phải bảng tính Excel"));
        eg_diag_free(&fx->dl);
    }

    /* the workbook's relationships missing */
    {
        part norels[] = { { "_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>", 0 },
                          { "xl/workbook.xml", "<workbook " NS "><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>", 0 } };

        write_zip(fx, "book.xlsx", norels, 2, 0);
        assert_int_equal(read_book(fx, NULL), -1);
        assert_non_null(strstr(only_diag(fx, "E_XLSX_DAMAGED")->message, "xl/_rels/workbook.xml.rels"));
        eg_diag_free(&fx->dl);
    }

    /* a sheet named by the workbook but missing from the archive */
    nosheet.workbook = NULL;
    write_book(fx, &nosheet);
    assert_int_equal(read_book(fx, NULL), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_DAMAGED")->message, "thiếu trang tính"));
}

/* A sheet of n bytes: a row, then white space the parser must wade through. */
static char *padded_sheet(size_t n)
{
    static const char head[] = "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>";
    static const char tail[] = "</sheetData></worksheet>";
    char *s = eg_xmalloc(n + 1);

    memset(s, ' ', n);
    memcpy(s, head, strlen(head));
    memcpy(s + n - strlen(tail), tail, strlen(tail));
    s[n] = '\0';
    return s;
}

static void a_part_over_its_cap_is_refused_before_any_row(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_entry_bytes = 1 << 20 };
    char *big = padded_sheet((size_t)3 << 20);
    book b = { .sheet1 = big };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, &lim), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_TOO_BIG")->message, "xl/worksheets/sheet1.xml"));
    assert_int_equal(fx->rows.n, 0);

    /* within the cap it reads */
    eg_diag_free(&fx->dl);
    lim.max_entry_bytes = 4 << 20;
    assert_int_equal(read_book(fx, &lim), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 1);
    free(big);
}

/* The archive's header claims a tiny size for a part that inflates to
 * megabytes: counting what comes out catches it, as soon as it passes the
 * size its header gives (not at the cap, 1 MiB here). */
static void a_zip_bomb_that_lies_about_its_size_is_caught_by_counting(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_entry_bytes = 1 << 20 };
    char *big = padded_sheet((size_t)8 << 20), *data, *p;
    book b = { .sheet1 = big };
    size_t n;
    unsigned char small[4] = { 0xE8, 0x03, 0, 0 };   /* 1000 */

    write_book(fx, &b);
    data = slurp(fx->path, &n);
    /* the sheet's uncompressed size, in its local header (offset 22) and
     * in the central directory (offset 24) */
    p = memmem(data, n, "PK\x03\x04", 4);
    while (p && memcmp(p + 30, "xl/worksheets/sheet1.xml", 24) != 0)
        p = memmem(p + 4, n - (size_t)(p + 4 - data), "PK\x03\x04", 4);
    assert_non_null(p);
    memcpy(p + 22, small, 4);
    p = memmem(data, n, "PK\x01\x02", 4);
    while (p && memcmp(p + 46, "xl/worksheets/sheet1.xml", 24) != 0)
        p = memmem(p + 4, n - (size_t)(p + 4 - data), "PK\x01\x02", 4);
    assert_non_null(p);
    memcpy(p + 24, small, 4);
    write_raw(fx, data, n);

    assert_int_equal(read_book(fx, &lim), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_TOO_BIG")->message, "tệp nén độc hại"));
    assert_non_null(strstr(only_diag(fx, "E_XLSX_TOO_BIG")->message,
                            "lớn hơn 1.000 byte mà phần đầu của nó khai báo"));
    assert_int_equal(fx->rows.n, 0);
    free(data);
    free(big);
}

/* The cap is the size a part may have: a sheet of exactly max_entry_bytes
 * reads, one byte more is refused, by its declared size, before any row,
 * and the message gives the cap in MiB. */
static void a_part_of_exactly_its_cap_reads_and_one_byte_more_does_not(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_entry_bytes = 1 << 20 };
    char *at = padded_sheet((size_t)1 << 20), *over = padded_sheet(((size_t)1 << 20) + 1);
    book b = { .sheet1 = at };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, &lim), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 1);
    rows_free(&fx->rows);

    b.sheet1 = over;
    write_book(fx, &b);
    assert_int_equal(read_book(fx, &lim), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_TOO_BIG")->message,
                           "thành phần xl/worksheets/sheet1.xml của bảng tính khi giải nén lớn hơn 1 MiB"));
    assert_int_equal(fx->rows.n, 0);
    free(at);
    free(over);
}

/* A part whose header claims more than the cap is refused by that claim,
 * before a byte is inflated: the sheet below is a few bytes, its headers
 * say 2 MiB. */
static void a_part_claiming_more_than_its_cap_is_refused_by_its_claim(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_entry_bytes = 1 << 20 };
    size_t n;
    char *data = slurp(valid_book(fx, 0), &n);
    unsigned char *local, *central;
    static const unsigned char two_mib[4] = { 0, 0, 0x20, 0 };

    sheet_headers(data, n, &local, &central);
    memcpy(local + 22, two_mib, 4);
    memcpy(central + 24, two_mib, 4);
    write_raw(fx, data, n);
    assert_int_equal(read_book(fx, &lim), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_TOO_BIG")->message,
                           "thành phần xl/worksheets/sheet1.xml của bảng tính khi giải nén lớn hơn 1 MiB"));
    assert_int_equal(fx->rows.n, 0);
    free(data);
}

/* A part of exactly its cap that takes the whole file past its own is
 * the whole file's fault, and said so. */
static void a_part_at_its_cap_passing_the_whole_files_cap_names_the_whole_file(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_entry_bytes = 1 << 20, .max_total_bytes = 1 << 20 };
    char *at = padded_sheet((size_t)1 << 20);
    book b = { .sheet1 = at };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, &lim), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_TOO_BIG")->message,
                           "tổng dung lượng bảng tính sau khi giải nén lớn hơn 1 MiB"));
    assert_int_equal(fx->rows.n, 0);
    free(at);
}

static void the_whole_file_has_a_cap_too(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_total_bytes = 1 << 20 };
    char *sheet = padded_sheet((size_t)600 << 10);
    char *sst = padded_sheet((size_t)600 << 10);
    static const char sst_head[] = "<sst " NS "><si><t>x</t></si>";
    static const char sst_tail[] = "</sst>";
    book b = { .sheet1 = sheet, .sst = sst };

    /* two parts of 600 KiB: each within the part cap, not together */
    memset(sst, ' ', (size_t)600 << 10);
    memcpy(sst, sst_head, strlen(sst_head));
    memcpy(sst + ((size_t)600 << 10) - strlen(sst_tail), sst_tail, strlen(sst_tail));
    write_book(fx, &b);
    assert_int_equal(read_book(fx, &lim), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_TOO_BIG")->message, "tổng dung lượng bảng tính sau khi giải nén lớn hơn"));
    assert_int_equal(fx->rows.n, 0);
    eg_diag_free(&fx->dl);

    lim.max_total_bytes = 2 << 20;
    assert_int_equal(read_book(fx, &lim), 0);
    assert_int_equal(fx->dl.n, 0);
    free(sheet);
    free(sst);
}

/* The whole file's cap counts the bytes of every part read (all but
 * [Content_Types].xml, the styles as well): a book of exactly the cap reads, one byte less of
 * cap and it is refused. */
static void a_book_of_exactly_the_whole_cap_reads_and_one_byte_less_of_cap_does_not(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = ONE("x"), .styles = "<styleSheet " NS "><cellXfs><xf/></cellXfs></styleSheet>" };
    eg_limits lim = { 0 };
    uint64_t sum = 0;
    zip_int64_t n;
    zip_t *za;
    int err;

    write_book(fx, &b);
    za = zip_open(fx->path, ZIP_RDONLY, &err);
    assert_non_null(za);
    n = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;

        assert_int_equal(zip_stat_index(za, (zip_uint64_t)i, 0, &st), 0);
        if (strcmp(st.name, "[Content_Types].xml") != 0)
            sum += st.size;
    }
    zip_discard(za);

    lim.max_total_bytes = sum;
    assert_int_equal(read_book(fx, &lim), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 1);
    rows_free(&fx->rows);

    lim.max_total_bytes = sum - 1;
    assert_int_equal(read_book(fx, &lim), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_TOO_BIG")->message,
                           "tổng dung lượng bảng tính sau khi giải nén lớn hơn"));
    assert_int_equal(fx->rows.n, 0);
}

static void too_many_entries_are_refused(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_entries = 5 };

    valid_book(fx, 0);             /* 5 entries */
    assert_int_equal(read_book(fx, &lim), 0);
    lim.max_entries = 4;
    assert_int_equal(read_book(fx, &lim), -1);
    only_diag(fx, "E_XLSX_TOO_MANY_ENTRIES");
}

static void shared_strings_have_caps(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_strings = 2 };
    book b = { .sheet1 = ONE("x"), .sst = SST("<si><t>a</t></si><si><t>b</t></si><si><t>c</t></si>") };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, &lim), -1);
    only_diag(fx, "E_XLSX_TOO_MANY_STRINGS");
    eg_diag_free(&fx->dl);

    lim = (eg_limits){ .max_string_bytes = 5 };
    assert_int_equal(read_book(fx, &lim), -1);
    only_diag(fx, "E_XLSX_TOO_MANY_STRINGS");
    /* the cap as given, not "hơn 0 MiB" */
    assert_non_null(strstr(fx->dl.items[0].message, "hơn 5 byte"));
    eg_diag_free(&fx->dl);

    lim = (eg_limits){ .max_string_bytes = 6 };
    assert_int_equal(read_book(fx, &lim), 0);
    assert_int_equal(fx->dl.n, 0);
}

static void a_cell_longer_than_excel_allows_is_refused(void **state)
{
    fixture *fx = *state;
    size_t n = 40000;
    char *text = eg_xmalloc(n + 1);
    char *sheet;
    book b = { 0 };
    eg_limits lim = { .max_field = 100 };
    const eg_diag *d;

    memset(text, 'x', n);
    text[n] = '\0';
    /* 40,000 characters: more than the 32,767 of a spreadsheet cell */
    sheet = eg_xasprintf(SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                               "<row r=\"3\"><c r=\"C3\" t=\"inlineStr\"><is><t>%s</t></is></c></row>"), text);
    b.sheet1 = sheet;
    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), -1);
    d = only_diag(fx, "E_XLSX_CELL_TOO_LONG");
    assert_int_equal(d->row, 3);
    assert_int_equal(d->col, 3);
    assert_non_null(strstr(d->message, "C3"));
    assert_non_null(strstr(d->message, "có 40.000 ký tự, nhiều hơn 32.767 ký tự"));
    assert_int_equal(fx->rows.n, 1);
    eg_diag_free(&fx->dl);
    rows_free(&fx->rows);

    /* and max_field, in bytes, caps it lower */
    assert_int_equal(read_book(fx, &lim), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_CELL_TOO_LONG")->message, "hơn 100 byte"));
    eg_diag_free(&fx->dl);
    rows_free(&fx->rows);

    /* the same in a shared string */
    free(sheet);
    sheet = eg_xasprintf(SST("<si><t>a</t></si><si><t>%s</t></si>"), text);
    b.sheet1 = ONE("x");
    b.sst = sheet;
    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_CELL_TOO_LONG")->message,
                           "chuỗi văn bản thứ 2 của bảng tính có 40.000 ký tự, nhiều hơn 32.767 ký tự"));
    assert_int_equal(fx->rows.n, 0);
    eg_diag_free(&fx->dl);
    free(sheet);

    /* and a shared string of 150 bytes past a max_field of 100, counted
     * as it is read, not at twice the cap */
    text[150] = '\0';
    sheet = eg_xasprintf(SST("<si><t>a</t></si><si><t>%s</t></si>"), text);
    b.sst = sheet;
    write_book(fx, &b);
    assert_int_equal(read_book(fx, &lim), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_CELL_TOO_LONG")->message,
                           "chuỗi văn bản thứ 2 của bảng tính chứa hơn 100 byte"));
    assert_int_equal(fx->rows.n, 0);
    free(sheet);
    free(text);
}

static void a_sheet_claiming_a_million_columns_is_refused(void **state)
{
    fixture *fx = *state;
    /* BDWGN is column 1,000,000 */
    book b = { .sheet1 = "<worksheet " NS "><dimension ref=\"A1:BDWGN3\"/><sheetData>"
                         "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>" };
    const eg_diag *d;

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), -1);
    d = only_diag(fx, "E_FILE_TOO_WIDE");
    /* the count as Vietnamese text writes it, beside the 16.384 */
    assert_non_null(strstr(d->message, "khai báo 1.000.000 cột"));
    assert_non_null(strstr(d->message, "BDWGN"));
    assert_int_equal(fx->rows.n, 0);
    eg_diag_free(&fx->dl);

    /* a cell out there */
    b.sheet1 = SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                     "<row r=\"2\"><c r=\"BDWGN2\"><v>1</v></c></row>");
    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), -1);
    d = only_diag(fx, "E_FILE_TOO_WIDE");
    assert_int_equal(d->row, 2);
    assert_int_equal(fx->rows.n, 1);
    eg_diag_free(&fx->dl);
    rows_free(&fx->rows);

    /* XFD is the last column a sheet has: it reads */
    b.sheet1 = SHEET("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row>");
    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.rows[0].n, 16384);
    assert_string_equal(fx->rows.rows[0].f[16383], "1");
}

static void columns_and_rows_have_settable_caps(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_fields = 3, .max_rows = 5 };
    book b = { .sheet1 = SHEET("<row r=\"1\"><c r=\"C1\"><v>1</v></c></row>"
                               "<row r=\"2\"><c r=\"D2\"><v>1</v></c></row>") };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, &lim), -1);
    assert_int_equal(only_diag(fx, "E_FILE_TOO_WIDE")->row, 2);
    eg_diag_free(&fx->dl);
    rows_free(&fx->rows);

    /* past XFD, the cap said is XFD's, whatever max_fields allows */
    {
        eg_limits wide = { .max_fields = 20000 };
        book far = { .sheet1 = SHEET("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>") };

        write_book(fx, &far);
        assert_int_equal(read_book(fx, &wide), -1);
        assert_non_null(strstr(only_diag(fx, "E_FILE_TOO_WIDE")->message,
                               "dòng 1 có ô ở cột XFE, vượt quá 16.384 cột cho phép"));
        eg_diag_free(&fx->dl);
        rows_free(&fx->rows);
    }

    b.sheet1 = SHEET("<row r=\"5\"><c r=\"A5\"><v>1</v></c></row><row r=\"6\"><c r=\"A6\"><v>1</v></c></row>");
    write_book(fx, &b);
    assert_int_equal(read_book(fx, &lim), -1);
    assert_int_equal(only_diag(fx, "E_FILE_TOO_LONG")->row, 6);
    assert_int_equal(fx->rows.n, 1);
    eg_diag_free(&fx->dl);
    rows_free(&fx->rows);

    /* a <row> without r numbered by its cells' references past the cap
     * is as long: it was read as row 2, after the one before */
    b.sheet1 = SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row><c r=\"A9\"><v>1</v></c></row>");
    write_book(fx, &b);
    assert_int_equal(read_book(fx, &lim), -1);
    assert_int_equal(only_diag(fx, "E_FILE_TOO_LONG")->row, 9);
    assert_int_equal(fx->rows.n, 1);
}

static void references_beyond_the_last_cell_are_damage(void **state)
{
    fixture *fx = *state;
    static const char *const sheets[] = {
        SHEET("<row r=\"1048577\"><c><v>1</v></c></row>"),
        SHEET("<row r=\"0\"><c><v>1</v></c></row>"),
        SHEET("<row r=\"x\"><c><v>1</v></c></row>"),
        SHEET("<row r=\"1\"><c r=\"A1048577\"><v>1</v></c></row>"),
        SHEET("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>"),
        SHEET("<row r=\"1\"><c r=\"$A$1\"><v>1</v></c></row>"),
        SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>"),
    };

    for (size_t i = 0; i < sizeof sheets / sizeof *sheets; i++) {
        book b = { .sheet1 = sheets[i] };

        eg_diag_free(&fx->dl);
        write_book(fx, &b);
        assert_int_equal(read_book(fx, NULL), -1);
        assert_int_equal(fx->dl.n, 1);
        assert_true(strcmp(fx->dl.items[0].code, "E_XLSX_BAD_REF") == 0 ||
                    strcmp(fx->dl.items[0].code, "E_XLSX_DAMAGED") == 0);
        assert_int_equal(fx->rows.n, 0);
    }
}

static void giant_tags_and_deep_nesting_cannot_run_memory_away(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_field = 1 << 10 };
    size_t n = (size_t)12 << 20, depth = 2000000;
    char *s = eg_xmalloc(n + 512), *p;
    book b = { 0 };

    /* one attribute of 12 MiB */
    p = s + sprintf(s, "<worksheet " NS " x=\"");
    memset(p, 'a', n);
    strcpy(p + n, "\"><sheetData/></worksheet>");
    b.sheet1 = s;
    write_book(fx, &b);
    assert_int_equal(read_book(fx, &lim), -1);
    only_diag(fx, "E_XLSX_TOO_BIG");
    eg_diag_free(&fx->dl);
    free(s);

    /* elements nested two million deep */
    s = eg_xmalloc(depth * 3 + 512);
    p = s + sprintf(s, "<worksheet " NS ">");
    for (size_t i = 0; i < depth; i++, p += 3)
        memcpy(p, "<a>", 3);
    *p = '\0';
    b.sheet1 = s;
    write_book(fx, &b);
    assert_int_equal(read_book(fx, &lim), -1);
    only_diag(fx, "E_XLSX_TOO_BIG");
    free(s);
}

/* XFD1048576 is the last cell a sheet has: it reads.  A reference past
 * it, a row number past the last, an index one past the shared strings
 * and a dimension one column past XFD are damage, said where they are:
 * the cell after the last one read, the row after the last one read. */
static void the_last_cell_reads_and_one_past_it_is_damage_where_it_is(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET("<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>") };
    const eg_diag *d;

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 1);
    assert_int_equal(fx->rows.rows[0].row, 1048576);
    assert_int_equal(fx->rows.rows[0].n, 16384);
    rows_free(&fx->rows);

    b.sheet1 = SHEET("<row r=\"4\"><c r=\"A4\"><v>1</v></c><c r=\"B4\"><v>2</v></c>"
                     "<c r=\"A1048577\"><v>3</v></c></row>");
    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), -1);
    d = only_diag(fx, "E_XLSX_BAD_REF");
    assert_int_equal(d->row, 4);
    assert_int_equal(d->col, 3);
    assert_non_null(strstr(d->message, "'A1048577'"));
    eg_diag_free(&fx->dl);
    rows_free(&fx->rows);

    b.sheet1 = SHEET("<row r=\"4\"><c r=\"A4\"><v>1</v></c></row><row r=\"1048577\"><c><v>1</v></c></row>");
    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), -1);
    d = only_diag(fx, "E_XLSX_BAD_REF");
    assert_int_equal(d->row, 5);
    assert_int_equal(d->col, 0);
    assert_non_null(strstr(d->message, "'1048577'"));
    eg_diag_free(&fx->dl);
    rows_free(&fx->rows);

    b.sheet1 = SHEET("<row r=\"2\"><c r=\"B2\" t=\"s\"><v>1</v></c><c r=\"C2\" t=\"s\"><v>2</v></c></row>");
    b.sst = SST("<si><t>a</t></si><si><t>b</t></si>");
    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), -1);
    d = only_diag(fx, "E_XLSX_DAMAGED");
    assert_int_equal(d->row, 2);
    assert_int_equal(d->col, 3);
    assert_non_null(strstr(d->message, "ô C2 tham chiếu đến chuỗi văn bản dùng chung '2', nhưng "
                                       "bảng tính có 2 chuỗi"));
    assert_int_equal(fx->rows.n, 0);
    eg_diag_free(&fx->dl);
    rows_free(&fx->rows);
    b.sst = NULL;

    b.sheet1 = "<worksheet " NS "><dimension ref=\"A1:XFE3\"/><sheetData>"
               "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>";
    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), -1);
    assert_non_null(strstr(only_diag(fx, "E_FILE_TOO_WIDE")->message, "khai báo 16.385 cột"));
    eg_diag_free(&fx->dl);

    b.sheet1 = "<worksheet " NS "><dimension ref=\"A1:XFD1048576\"/><sheetData>"
               "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>";
    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
}

/* 32,767 characters fill a cell; one more does not: inline, or as a
 * shared string (said by its number). */
static void a_cell_of_32767_characters_reads_and_one_more_does_not(void **state)
{
    fixture *fx = *state;
    static const char *const said[] = { "có 32.768 ký tự, nhiều hơn 32.767 ký tự",
                                        "chuỗi văn bản thứ 1 của bảng tính có 32.768 ký tự" };
    size_t n = 32768;
    char *text = eg_xmalloc(n + 1);
    book b = { 0 };

    memset(text, 'x', n);
    text[n] = '\0';
    for (int shared = 0; shared <= 1; shared++)
        for (int over = 0; over <= 1; over++) {
            char *xml;

            text[n - 1] = over ? 'x' : '\0';
            if (shared) {
                xml = eg_xasprintf(SST("<si><t>%s</t></si>"), text);
                b.sheet1 = SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>");
                b.sst = xml;
            } else {
                xml = eg_xasprintf(SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>%s</t></is></c></row>"),
                                    text);
                b.sheet1 = xml;
            }
            write_book(fx, &b);
            if (!over) {
                assert_int_equal(read_book(fx, NULL), 0);
                assert_int_equal(fx->dl.n, 0);
                assert_int_equal(strlen(fx->rows.rows[0].f[0]), 32767);
            } else {
                assert_int_equal(read_book(fx, NULL), -1);
                assert_non_null(strstr(only_diag(fx, "E_XLSX_CELL_TOO_LONG")->message, said[shared]));
                assert_int_equal(fx->rows.n, 0);
            }
            eg_diag_free(&fx->dl);
            rows_free(&fx->rows);
            free(xml);
        }
    free(text);
}

/* A <row> without r numbered by its cell's reference at the cap is read;
 * a <row r> keeps its own number whatever its cells' references say. */
static void rows_are_numbered_up_to_the_cap_and_by_their_own_r_first(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_rows = 5 };
    book b = { .sheet1 = SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                               "<row><c r=\"A5\"><v>5</v></c></row>") };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, &lim), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 2);
    assert_int_equal(fx->rows.rows[1].row, 5);
    assert_string_equal(fx->rows.rows[1].f[0], "5");
    rows_free(&fx->rows);

    b.sheet1 = SHEET("<row r=\"3\"><c r=\"A5\"><v>7</v></c></row>");
    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 1);
    assert_int_equal(fx->rows.rows[0].row, 3);
    assert_string_equal(fx->rows.rows[0].f[0], "7");
}

/* A text reaches max_field bytes and no further. */
static void a_text_of_max_field_bytes_reads_and_one_byte_more_does_not(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_field = 100 };
    char text[102], *sheet;
    book b = { 0 };

    memset(text, 'x', 101);
    text[100] = '\0';
    sheet = eg_xasprintf(SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>%s</t></is></c></row>"),
                         text);
    b.sheet1 = sheet;
    write_book(fx, &b);
    assert_int_equal(read_book(fx, &lim), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(strlen(fx->rows.rows[0].f[0]), 100);
    rows_free(&fx->rows);
    free(sheet);

    text[100] = 'x';
    text[101] = '\0';
    sheet = eg_xasprintf(SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>%s</t></is></c></row>"),
                         text);
    b.sheet1 = sheet;
    write_book(fx, &b);
    assert_int_equal(read_book(fx, &lim), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_CELL_TOO_LONG")->message, "ô A1 chứa hơn 100 byte"));
    assert_int_equal(fx->rows.n, 0);
    free(sheet);
}

/* A relationship whose target climbs out of the package names no part:
 * the workbook has no sheet to read. */
static void a_target_above_the_package_names_no_part(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = ONE("x"),
               .wb_rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                          "<Relationship Id=\"rId1\" Type=\"" REL_T "worksheet\" Target=\"../../../../worksheets/sheet1.xml\"/>"
                          "</Relationships>" };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_NOT_WORKBOOK")->message,
                           "không có trang tính nào"));
    assert_int_equal(fx->rows.n, 0);
}

/* Relationships and sheets are counted against max_entries: as many as
 * it allows read, one more does not. */
#define RELS_OPEN "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
#define REL_TO_SHEET1(id) "<Relationship Id=\"" id "\" Type=\"" REL_T "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
#define SHEET_OF(n, id) "<sheet name=\"S" n "\" sheetId=\"" n "\" r:id=\"" id "\"/>"

static void relationships_and_sheets_count_against_max_entries(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_entries = 6 };
    static const char rels6[] = RELS_OPEN REL_TO_SHEET1("rId1") REL_TO_SHEET1("rId2")
        REL_TO_SHEET1("rId3") REL_TO_SHEET1("rId4") REL_TO_SHEET1("rId5") REL_TO_SHEET1("rId6")
        "</Relationships>";
    static const char rels7[] = RELS_OPEN REL_TO_SHEET1("rId1") REL_TO_SHEET1("rId2")
        REL_TO_SHEET1("rId3") REL_TO_SHEET1("rId4") REL_TO_SHEET1("rId5") REL_TO_SHEET1("rId6")
        REL_TO_SHEET1("rId7") "</Relationships>";
    static const char wb6[] = "<workbook " NS "><sheets>" SHEET_OF("1", "rId1") SHEET_OF("2", "rId2")
        SHEET_OF("3", "rId3") SHEET_OF("4", "rId4") SHEET_OF("5", "rId5") SHEET_OF("6", "rId6")
        "</sheets></workbook>";
    static const char wb7[] = "<workbook " NS "><sheets>" SHEET_OF("1", "rId1") SHEET_OF("2", "rId2")
        SHEET_OF("3", "rId3") SHEET_OF("4", "rId4") SHEET_OF("5", "rId5") SHEET_OF("6", "rId6")
        SHEET_OF("7", "rId1") "</sheets></workbook>";
    book b = { .sheet1 = ONE("x"), .workbook = wb6, .wb_rels = rels6 };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, &lim), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_string_equal(fx->rows.rows[0].f[0], "x");
    rows_free(&fx->rows);

    b.wb_rels = rels7;
    write_book(fx, &b);
    assert_int_equal(read_book(fx, &lim), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_TOO_MANY_ENTRIES")->message,
                           "thành phần xl/_rels/workbook.xml.rels liệt kê hơn 6 quan hệ"));
    eg_diag_free(&fx->dl);

    b.wb_rels = rels6;
    b.workbook = wb7;
    write_book(fx, &b);
    assert_int_equal(read_book(fx, &lim), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_TOO_MANY_ENTRIES")->message,
                           "bảng tính có hơn 6 trang tính"));
    assert_int_equal(fx->rows.n, 0);
}

/* Writes b and reads it: its one row "x", or no sheet and no row. */
static void reads_x_or_names_no_sheet(fixture *fx, const book *b, int reads)
{
    write_book(fx, b);
    if (reads) {
        assert_int_equal(read_book(fx, NULL), 0);
        assert_int_equal(fx->dl.n, 0);
        assert_string_equal(fx->rows.rows[0].f[0], "x");
    } else {
        assert_int_equal(read_book(fx, NULL), -1);
        assert_non_null(strstr(only_diag(fx, "E_XLSX_NOT_WORKBOOK")->message,
                               "không có trang tính nào"));
        assert_int_equal(fx->rows.n, 0);
    }
    eg_diag_free(&fx->dl);
    rows_free(&fx->rows);
}

/* A relationship's target: an absolute one written with a backslash is
 * the package's part, as is one that climbs to the package's root and
 * down again; an external one, or one that names a folder, names no part
 * of it, and the workbook has no sheet to read. */
static void targets_are_parts_of_the_package_or_nothing(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = ONE("x"),
               .wb_rels = RELS_OPEN "<Relationship Id=\"rId1\" Type=\"" REL_T "worksheet\" "
                          "Target=\"\\xl\\worksheets\\sheet1.xml\"/></Relationships>" };
    static const char *const none[] = {
        RELS_OPEN "<Relationship Id=\"rId1\" Type=\"" REL_T "worksheet\" "
        "Target=\"worksheets/sheet1.xml\" TargetMode=\"External\"/></Relationships>",
        RELS_OPEN "<Relationship Id=\"rId1\" Type=\"" REL_T "worksheet\" "
        "Target=\"worksheets/\"/></Relationships>",
    };
    static const char *const climbing[] = {
        /* up to the package's root and down again */
        RELS_OPEN "<Relationship Id=\"rId1\" Type=\"" REL_T "worksheet\" "
        "Target=\"../xl/worksheets/sheet1.xml\"/></Relationships>",
        /* a folder whose name starts with a dot is a folder, and ".." leaves it */
        RELS_OPEN "<Relationship Id=\"rId1\" Type=\"" REL_T "worksheet\" "
        "Target=\"worksheets/.w/../sheet1.xml\"/></Relationships>",
    };

    reads_x_or_names_no_sheet(fx, &b, 1);
    for (size_t i = 0; i < sizeof climbing / sizeof *climbing; i++) {
        b.wb_rels = climbing[i];
        reads_x_or_names_no_sheet(fx, &b, 1);
    }

    /* the package's relationship to its workbook naming its root, or
     * nothing, names no part: the workbook is looked for where every
     * writer puts it */
    b.wb_rels = NULL;
    b.root_rels = RELS_OPEN "<Relationship Id=\"rId1\" Type=\"" REL_T "officeDocument\" "
                  "Target=\"/\"/></Relationships>";
    reads_x_or_names_no_sheet(fx, &b, 1);
    b.root_rels = NULL;

    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        b.wb_rels = none[i];
        reads_x_or_names_no_sheet(fx, &b, 0);
    }
}

/* A relationship's id or target longer than 1,024 bytes (no real one
 * comes near) is not kept: the sheet it would name is not there. */
static void an_id_or_target_past_1024_bytes_names_nothing(void **state)
{
    fixture *fx = *state;
    char target[1100], id[1100], *rels, *wb;
    book b = { .sheet1 = ONE("x") };

    /* "./" does nothing, nor does "//": 1,024 bytes naming sheet1.xml */
    for (int extra = 0; extra <= 1; extra++) {
        size_t n = 0;

        for (int i = 0; i < 501; i++)
            n += (size_t)snprintf(target + n, sizeof target - n, "./");
        snprintf(target + n, sizeof target - n, "worksheets//%ssheet1.xml", extra ? "/" : "");
        assert_int_equal(strlen(target), 1024 + (size_t)extra);
        rels = eg_xasprintf(RELS_OPEN "<Relationship Id=\"rId1\" Type=\"" REL_T "worksheet\" "
                            "Target=\"%s\"/></Relationships>", target);
        b.wb_rels = rels;
        reads_x_or_names_no_sheet(fx, &b, !extra);
        free(rels);
    }

    for (int extra = 0; extra <= 1; extra++) {
        memset(id, 'r', 1024 + (size_t)extra);
        id[1024 + extra] = '\0';
        rels = eg_xasprintf(RELS_OPEN "<Relationship Id=\"%s\" Type=\"" REL_T "worksheet\" "
                            "Target=\"worksheets/sheet1.xml\"/></Relationships>", id);
        wb = eg_xasprintf("<workbook " NS "><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"%s\"/>"
                          "</sheets></workbook>", id);
        b.wb_rels = rels;
        b.workbook = wb;
        reads_x_or_names_no_sheet(fx, &b, !extra);
        free(rels);
        free(wb);
    }
}

/* Relationships of kinds the reading has no use for (a theme, a
 * calculation chain) are not kept, and do not count against max_entries:
 * the five parts of the archive and one kept relationship are within 5. */
static void relationships_not_read_do_not_count_against_max_entries(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_entries = 5 };
    book b = { .sheet1 = ONE("x"),
               .wb_rels = RELS_OPEN REL_TO_SHEET1("rId1")
                   "<Relationship Id=\"rId2\" Type=\"" REL_T "theme\" Target=\"theme/theme1.xml\"/>"
                   "<Relationship Id=\"rId3\" Type=\"" REL_T "calcChain\" Target=\"calcChain.xml\"/>"
                   "<Relationship Id=\"rId4\" Type=\"" REL_T "theme\" Target=\"theme/theme2.xml\"/>"
                   "<Relationship Id=\"rId5\" Type=\"" REL_T "theme\" Target=\"theme/theme3.xml\"/>"
                   "<Relationship Id=\"rId6\" Type=\"" REL_T "theme\" Target=\"theme/theme4.xml\"/>"
                   "</Relationships>" };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, &lim), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_string_equal(fx->rows.rows[0].f[0], "x");
}

/* Two relationships of one id, or two shared-strings parts: the first
 * listed is the one read, as Excel reads them. */
static void the_first_of_two_relationships_alike_is_read(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"),
               .sheet2 = SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>second</t></is></c></row>"),
               .sst = SST("<si><t>first</t></si>"),
               .wb_rels = RELS_OPEN
                   "<Relationship Id=\"rId1\" Type=\"" REL_T "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                   "<Relationship Id=\"rId1\" Type=\"" REL_T "worksheet\" Target=\"worksheets/sheet2.xml\"/>"
                   "<Relationship Id=\"rId4\" Type=\"" REL_T "sharedStrings\" Target=\"sharedStrings.xml\"/>"
                   "<Relationship Id=\"rId5\" Type=\"" REL_T "sharedStrings\" Target=\"worksheets/sheet2.xml\"/>"
                   "</Relationships>" };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 1);
    assert_string_equal(fx->rows.rows[0].f[0], "first");
}

/* A styles part that cannot be read stops the reading: no row handed on. */
static void a_damaged_styles_part_hands_on_no_row(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = ONE("x"), .styles = "<styleSheet " NS "><cellXfs><xf></cellXfs>" };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), -1);
    assert_int_equal(fx->dl.n, 1);
    assert_int_equal(fx->dl.items[0].severity, EG_ERROR);
    assert_non_null(strstr(fx->dl.items[0].message, "xl/styles.xml"));
    assert_int_equal(fx->rows.n, 0);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(what_is_no_zip_archive_says_what_it_is),
        T(a_truncated_archive_is_damaged),
        T(a_crc_error_hands_on_no_row),
        T(a_garbled_compressed_part_is_damage_in_the_clerks_words),
        T(an_encrypted_part_asks_for_a_workbook_without_a_password),
        T(a_part_compressed_by_an_old_method_is_said_so),
        T(a_stored_part_whose_sizes_disagree_is_damage),
        T(a_directory_that_miscounts_its_entries_is_damage),
        T(a_doctype_is_refused_before_any_entity_expands),
        T(malformed_xml_names_the_part_and_line),
        T(each_xml_fault_is_said_in_the_clerks_words),
        T(a_cell_with_two_values_is_damage_at_the_cell),
        T(strict_open_xml_asks_for_a_normal_workbook),
        T(a_zip_that_is_no_workbook_says_so),
        T(a_part_over_its_cap_is_refused_before_any_row),
        T(a_zip_bomb_that_lies_about_its_size_is_caught_by_counting),
        T(a_part_of_exactly_its_cap_reads_and_one_byte_more_does_not),
        T(a_part_claiming_more_than_its_cap_is_refused_by_its_claim),
        T(a_part_at_its_cap_passing_the_whole_files_cap_names_the_whole_file),
        T(the_whole_file_has_a_cap_too),
        T(a_book_of_exactly_the_whole_cap_reads_and_one_byte_less_of_cap_does_not),
        T(too_many_entries_are_refused),
        T(shared_strings_have_caps),
        T(a_cell_longer_than_excel_allows_is_refused),
        T(a_sheet_claiming_a_million_columns_is_refused),
        T(columns_and_rows_have_settable_caps),
        T(references_beyond_the_last_cell_are_damage),
        T(the_last_cell_reads_and_one_past_it_is_damage_where_it_is),
        T(a_cell_of_32767_characters_reads_and_one_more_does_not),
        T(rows_are_numbered_up_to_the_cap_and_by_their_own_r_first),
        T(a_text_of_max_field_bytes_reads_and_one_byte_more_does_not),
        T(a_target_above_the_package_names_no_part),
        T(relationships_and_sheets_count_against_max_entries),
        T(targets_are_parts_of_the_package_or_nothing),
        T(an_id_or_target_past_1024_bytes_names_nothing),
        T(relationships_not_read_do_not_count_against_max_entries),
        T(the_first_of_two_relationships_alike_is_read),
        T(a_damaged_styles_part_hands_on_no_row),
        T(giant_tags_and_deep_nesting_cannot_run_memory_away),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
