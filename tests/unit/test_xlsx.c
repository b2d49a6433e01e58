/*
 * test_xlsx.c - extract/xlsx.h: submissions as Excel workbooks.
 *
 * input-format.md, "XLSX": the sheet named BaoCao or Báo cáo, else the
 * first; shared and inline strings (rich text without its phonetic runs),
 * numbers, booleans, errors, formulas' cached values, percent and date
 * formats; cells and rows without r; a field per spreadsheet column.  The
 * last test writes a real submission with libxlsxwriter and compares it
 * with the CSV.  Hostile files: test_xlsx_hostile.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <xlsxwriter.h>

#include "core/number.h"
#include "extract/csv.h"
#include "extract/xlsx.h"
#include "extract/xlsx_priv.h"
#include "xlsx_fixture.h"

/* --- cells --------------------------------------------------------------- */

static void every_cell_type_becomes_the_text_a_clerk_sees(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET(
        "<row r=\"1\">"
        "<c r=\"A1\" t=\"s\"><v>0</v></c>"
        "<c r=\"B1\" t=\"inlineStr\"><is><t>inline</t></is></c>"
        "<c r=\"C1\"><v>403086</v></c>"
        "<c r=\"D1\" t=\"n\"><v>116.83</v></c>"
        "<c r=\"E1\" t=\"b\"><v>1</v></c>"
        "<c r=\"F1\" t=\"b\"><v>0</v></c>"
        "<c r=\"G1\" t=\"str\"><f>A1&amp;\"x\"</f><v>có</v></c>"
        "<c r=\"H1\"><f>SUM(C1:D1)</f><v>403202.83</v></c>"
        "<c r=\"I1\" t=\"d\"><v>2021-12-15T00:00:00</v></c>"
        "<c r=\"J1\"><v>1.284E3</v></c>"
        "<c r=\"K1\"><v>-5</v></c>"
        "<c r=\"L1\" t=\"s\"><v>1</v></c>"
        "</row>"),
        .sst = SST("<si><t>Mã đơn vị</t></si><si><t xml:space=\"preserve\">  padded  </t></si>") };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 1);
    assert_int_equal(fx->rows.rows[0].row, 1);
    assert_int_equal(fx->rows.rows[0].n, 12);
    assert_string_equal(fx->rows.rows[0].f[0], "Mã đơn vị");
    assert_string_equal(fx->rows.rows[0].f[1], "inline");
    assert_string_equal(fx->rows.rows[0].f[2], "403086");
    assert_string_equal(fx->rows.rows[0].f[3], "116.83");
    assert_string_equal(fx->rows.rows[0].f[4], "TRUE");
    assert_string_equal(fx->rows.rows[0].f[5], "FALSE");
    assert_string_equal(fx->rows.rows[0].f[6], "có");
    assert_string_equal(fx->rows.rows[0].f[7], "403202.83");
    assert_string_equal(fx->rows.rows[0].f[8], "2021-12-15");
    assert_string_equal(fx->rows.rows[0].f[9], "1284");
    assert_string_equal(fx->rows.rows[0].f[10], "-5");
    assert_string_equal(fx->rows.rows[0].f[11], "padded");
    assert_null(fx->rows.rows[0].err);
    /* what each cell held: text, a number (its '.' a decimal mark) or other */
    assert_memory_equal(fx->rows.rows[0].origin,
                        ((char[]){ EG_FROM_TEXT, EG_FROM_TEXT, EG_FROM_NUMBER, EG_FROM_NUMBER,
                                   EG_FROM_OTHER, EG_FROM_OTHER, EG_FROM_TEXT, EG_FROM_NUMBER,
                                   EG_FROM_OTHER, EG_FROM_NUMBER, EG_FROM_NUMBER, EG_FROM_TEXT }),
                        12);
}

static void error_cells_and_formulas_without_results_are_flagged_empty(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET(
        "<row r=\"2\">"
        "<c r=\"A2\"><v>1</v></c>"
        "<c r=\"B2\" t=\"e\"><v>#DIV/0!</v></c>"
        "<c r=\"C2\"><f>A2*2</f></c>"
        "<c r=\"D2\" t=\"e\"><f>NA()</f><v>#N/A</v></c>"
        "<c r=\"E2\"><f>1/0</f><v></v></c>"
        "<c r=\"F2\" t=\"str\"><f>IF(A2,\"\",\"x\")</f><v></v></c>"
        "<c r=\"G2\"><v></v></c>"
        "</row>"
        "<row r=\"3\"><c r=\"A3\"><v>2</v></c></row>") };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 2);
    assert_non_null(fx->rows.rows[0].err);
    assert_string_equal(fx->rows.rows[0].f[1], "");
    assert_string_equal(fx->rows.rows[0].err[1], "#DIV/0!");
    assert_string_equal(fx->rows.rows[0].f[2], "");
    assert_string_equal(fx->rows.rows[0].err[2], "");
    assert_string_equal(fx->rows.rows[0].err[3], "#N/A");
    assert_string_equal(fx->rows.rows[0].err[4], "");        /* <v></v>, as openpyxl writes */
    assert_null(fx->rows.rows[0].err[0]);
    /* a text formula whose result is "" is fine, and so is an empty cell;
     * neither extends the row */
    assert_int_equal(fx->rows.rows[0].n, 5);
    /* the next row starts clean */
    assert_null(fx->rows.rows[1].err);
}

static void rich_text_runs_are_joined_without_phonetic_runs(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET(
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
        "<c r=\"B1\" t=\"inlineStr\"><is><r><t>Giá </t></r><r><rPr><b/></rPr><t>trị</t></r>"
        "<rPh sb=\"0\" eb=\"1\"><t>XX</t></rPh></is></c></row>"),
        .sst = SST("<si><r><rPr><b/></rPr><t>Mã </t></r><r><t>chỉ</t></r><r><t xml:space=\"preserve\"> tiêu</t></r>"
                   "<rPh sb=\"0\" eb=\"2\"><t>フリガナ</t></rPh><phoneticPr fontId=\"1\"/></si>") };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->rows.n, 1);
    assert_string_equal(fx->rows.rows[0].f[0], "Mã chỉ tiêu");
    assert_string_equal(fx->rows.rows[0].f[1], "Giá trị");
}

/* An inline string is its <is>, rich text runs joined; one with a <v>
 * and no <is> is as empty as LibreOffice shows it; a number is its <v>.
 * (A cell with both: test_xlsx_hostile.) */
static void an_inline_string_is_its_is_and_a_v_alone_is_empty(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET(
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>1.2</t></is></c>"
        "<c r=\"B1\" t=\"inlineStr\"><is><r><t>1.</t></r><r><t>5</t></r></is></c>"
        "<c r=\"C1\" t=\"inlineStr\"><v>45</v></c><c r=\"D1\"><v>7</v></c>"
        "</row>") };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->rows.n, 1);
    assert_string_equal(fx->rows.rows[0].f[0], "1.2");
    assert_string_equal(fx->rows.rows[0].f[1], "1.5");
    assert_string_equal(fx->rows.rows[0].f[2], "");
    assert_string_equal(fx->rows.rows[0].f[3], "7");
}

static void text_is_nfc_and_xml_escapes_are_decoded(void **state)
{
    fixture *fx = *state;
    /* "Mã" with a combining tilde (NFD), a line break as _x000D_, and an
     * escaped underscore that must stay an underscore. */
    book b = { .sheet1 = SHEET(
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
        "<c r=\"C1\" t=\"s\"><v>2</v></c></row>"),
        .sst = SST("<si><t>Ma\xCC\x83</t></si><si><t>a_x000D_\nb</t></si><si><t>x_x005F_x0041_</t></si>") };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_string_equal(fx->rows.rows[0].f[0], "M\xC3\xA3");
    assert_string_equal(fx->rows.rows[0].f[1], "a\r\nb");
    assert_string_equal(fx->rows.rows[0].f[2], "x_x0041_");
    rows_free(&fx->rows);

    /* an escape that ends the text is decoded; a surrogate's or NUL's
     * escape stays as written */
    b.sheet1 = SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
                     "<c r=\"C1\" t=\"s\"><v>2</v></c></row>");
    b.sst = SST("<si><t>a_x0041_</t></si><si><t>_xD83D_</t></si><si><t>_x0000_x</t></si>");
    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_string_equal(fx->rows.rows[0].f[0], "aA");
    assert_string_equal(fx->rows.rows[0].f[1], "_xD83D_");
    assert_string_equal(fx->rows.rows[0].f[2], "_x0000_x");
}

/* An escape is _x, four hex digits and _, within the bytes given: one
 * cut by the field's end, one with a letter past F, and the last
 * surrogate's stay as written. */
static void an_escape_cut_short_not_hex_or_a_surrogate_stays_as_written(void **state)
{
    char *f;
    size_t chars;

    (void)state;
    f = eg_xlsx_field("a_x0041_", 7, &chars);    /* its closing _ not given */
    assert_string_equal(f, "a_x0041");
    assert_int_equal(chars, 7);
    free(f);
    f = eg_xlsx_field("_x00G1_", 7, NULL);
    assert_string_equal(f, "_x00G1_");
    free(f);
    f = eg_xlsx_field("_xDFFF_", 7, NULL);
    assert_string_equal(f, "_xDFFF_");
    free(f);
    f = eg_xlsx_field("_xE000_", 7, &chars);     /* the first past the surrogates */
    assert_string_equal(f, "\xEE\x80\x80");
    assert_int_equal(chars, 1);
    free(f);
}

static void gaps_and_missing_references_keep_spreadsheet_columns_and_rows(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET(
        "<row r=\"2\"><c r=\"B2\"><v>1</v></c><c r=\"E2\"><v>2</v></c></row>"
        "<row><c><v>3</v></c><c><v>4</v></c><c r=\"D3\"><v>5</v></c><c><v>6</v></c></row>"
        "<row r=\"7\" spans=\"1:3\"><c r=\"C7\" s=\"0\"/></row>"          /* formatting only */
        "<row r=\"9\"><c r=\"A9\" t=\"inlineStr\"><is><t>   </t></is></c><c r=\"AA9\"><v>7</v></c></row>"
        "<row><c r=\"A10\"><v>8</v></c></row>") };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 4);
    assert_int_equal(fx->rows.rows[0].row, 2);
    assert_int_equal(fx->rows.rows[0].n, 5);
    assert_string_equal(fx->rows.rows[0].f[0], "");
    assert_string_equal(fx->rows.rows[0].f[1], "1");
    assert_string_equal(fx->rows.rows[0].f[2], "");
    assert_string_equal(fx->rows.rows[0].f[4], "2");
    /* a row without r follows the one before; cells without r too */
    assert_int_equal(fx->rows.rows[1].row, 3);
    assert_int_equal(fx->rows.rows[1].n, 5);
    assert_string_equal(fx->rows.rows[1].f[0], "3");
    assert_string_equal(fx->rows.rows[1].f[1], "4");
    assert_string_equal(fx->rows.rows[1].f[2], "");
    assert_string_equal(fx->rows.rows[1].f[3], "5");
    assert_string_equal(fx->rows.rows[1].f[4], "6");
    /* row 7 holds nothing: absent, like the rows missing from the file */
    assert_int_equal(fx->rows.rows[2].row, 9);
    assert_int_equal(fx->rows.rows[2].n, 27);
    assert_string_equal(fx->rows.rows[2].f[0], "");
    assert_string_equal(fx->rows.rows[2].f[26], "7");
    assert_int_equal(fx->rows.rows[3].row, 10);
    assert_int_equal(fx->rows.rows[3].n, 1);
}

static void a_row_without_r_is_numbered_by_its_cells_references(void **state)
{
    fixture *fx = *state;
    /* rows left unnumbered by their writer, each cell named: Excel and
     * LibreOffice put "GL.STTTT" in row 5, where a message must send the
     * clerk, not in row 2 */
    book b = { .sheet1 = SHEET(
        "<row><c r=\"A1\"><v>1</v></c></row>"
        "<row><c r=\"A5\"><v>5</v></c><c r=\"B5\"><v>6</v></c></row>"
        "<row><c><v>7</v></c></row>"
        "<row><c r=\"A3\"><v>8</v></c></row>") };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->rows.n, 4);
    assert_int_equal(fx->rows.rows[0].row, 1);
    assert_int_equal(fx->rows.rows[1].row, 5);
    assert_string_equal(fx->rows.rows[1].f[1], "6");
    /* a row without r or a reference follows the one before */
    assert_int_equal(fx->rows.rows[2].row, 6);
    /* a reference behind the rows read cannot be followed: as before */
    assert_int_equal(fx->rows.rows[3].row, 7);
}

static const char styles_xml[] =
    "<styleSheet " NS ">"
    "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"dd/mm/yyyy\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"#,##0\\ &quot;đồng&quot;\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"10\"/></cellStyleXfs>"
    "<cellXfs count=\"7\"><xf numFmtId=\"0\"/><xf numFmtId=\"9\"/><xf numFmtId=\"164\"/>"
    "<xf numFmtId=\"14\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/><xf numFmtId=\"22\"/></cellXfs>"
    "<dxfs count=\"1\"><dxf><numFmt numFmtId=\"164\" formatCode=\"yyyy\"/></dxf></dxfs>"
    "</styleSheet>";

static void percent_and_date_formats_give_percentages_and_iso_dates(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET(
        "<row r=\"1\">"
        "<c r=\"A1\" s=\"1\"><v>0.96199999999999997</v></c>"
        "<c r=\"B1\" s=\"2\"><v>0.8404</v></c>"
        "<c r=\"C1\" s=\"3\"><v>44545</v></c>"
        "<c r=\"D1\" s=\"4\"><v>44545</v></c>"
        "<c r=\"E1\" s=\"5\"><v>2150000000</v></c>"
        "<c r=\"F1\" s=\"6\"><v>44545.5</v></c>"
        "<c r=\"G1\" s=\"99\"><v>0.5</v></c>"
        "<c r=\"H1\" s=\"0\"><v>0.5</v></c>"
        "</row>"),
        .styles = styles_xml };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_string_equal(fx->rows.rows[0].f[0], "96.2%");
    assert_string_equal(fx->rows.rows[0].f[1], "84.04%");
    assert_string_equal(fx->rows.rows[0].f[2], "2021-12-15");
    assert_string_equal(fx->rows.rows[0].f[3], "2021-12-15");
    assert_string_equal(fx->rows.rows[0].f[4], "2150000000");
    assert_string_equal(fx->rows.rows[0].f[5], "2021-12-15 12:00:00");
    assert_string_equal(fx->rows.rows[0].f[6], "0.5");       /* no such style */
    assert_string_equal(fx->rows.rows[0].f[7], "0.5");
    /* a percent or a date is no plain number; "#,##0 đồng" is one; a
     * date keeps its number beside it */
    assert_memory_equal(fx->rows.rows[0].origin,
                        ((char[]){ EG_FROM_PERCENT, EG_FROM_PERCENT, EG_FROM_DATE, EG_FROM_DATE,
                                   EG_FROM_NUMBER, EG_FROM_DATE, EG_FROM_NUMBER,
                                   EG_FROM_NUMBER }),
                        8);
    assert_null(fx->rows.rows[0].stored[0]);
    assert_string_equal(fx->rows.rows[0].stored[2], "44545");
    assert_string_equal(fx->rows.rows[0].stored[3], "44545");
    assert_null(fx->rows.rows[0].stored[4]);
    assert_string_equal(fx->rows.rows[0].stored[5], "44545.5");
    assert_null(fx->rows.rows[0].stored[7]);
}

/* Fonts 0 black (theme 1), 1 white (rgb), 2 indexed 9 (the palette's
 * "white", made black below), 3 indexed 10 (red, made white), 4 white by
 * the theme, 5 the theme's white tinted grey; fills 0 none, 1 gray125, 2
 * solid white, 3 solid dark blue, 4 solid in the system's foreground
 * (the viewer's colour: unknown); formats 165-167 set the numbers'
 * colours of their own ([White], [Color2], [WHITE] negatives).  A dxf's font and fill (white) are not
 * of the lists, nor is a cell style's xf one of the cells' (a cell's
 * fontId="6" or fillId="5" is none, as the first xf is the first of
 * cellXfs). */
static const char colour_styles_xml[] =
    "<styleSheet " NS ">"
    "<numFmts count=\"4\"><numFmt numFmtId=\"164\" formatCode=\";;;\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"[White]General\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"[Color2]0\"/>"
    "<numFmt numFmtId=\"167\" formatCode=\"0;[WHITE]\\-0\"/></numFmts>"
    "<fonts count=\"6\"><font><color theme=\"1\"/></font><font><color rgb=\"FFFFFFFF\"/></font>"
    "<font><color indexed=\"9\"/></font><font><color indexed=\"10\"/></font>"
    "<font><color theme=\"0\"/></font><font><color theme=\"0\" tint=\"-0.15\"/></font></fonts>"
    "<fills count=\"4\"><fill><patternFill patternType=\"none\"/></fill>"
    "<fill><patternFill patternType=\"gray125\"/></fill>"
    "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFFFFFFF\"/></patternFill></fill>"
    "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FF1F4E78\"/></patternFill></fill>"
    "<fill><patternFill patternType=\"solid\"><fgColor indexed=\"64\"/></patternFill></fill>"
    "</fills>"
    "<cellStyleXfs count=\"1\"><xf fontId=\"1\" numFmtId=\"164\"/></cellStyleXfs>"
    "<cellXfs count=\"17\"><xf/><xf numFmtId=\"164\"/><xf fontId=\"1\"/><xf fontId=\"2\"/>"
    "<xf fontId=\"3\"/><xf fontId=\"4\" fillId=\"2\"/><xf fontId=\"1\" fillId=\"1\"/>"
    "<xf fontId=\"1\" fillId=\"3\"/><xf fontId=\"5\"/><xf fontId=\"1\" numFmtId=\"38\"/>"
    "<xf fontId=\"6\"/><xf fontId=\"1\" fillId=\"5\"/><xf fontId=\"0\" fillId=\"4\"/>"
    "<xf numFmtId=\"165\"/><xf numFmtId=\"165\" fillId=\"3\"/><xf numFmtId=\"166\"/>"
    "<xf numFmtId=\"167\"/></cellXfs>"
    "<dxfs count=\"1\"><dxf><font><color rgb=\"FFFFFFFF\"/></font>"
    "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFFFFFFF\"/></patternFill></fill>"
    "</dxf></dxfs>"
    "<colors><indexedColors>"
    "<rgbColor rgb=\"00000000\"/><rgbColor rgb=\"00FFFFFF\"/><rgbColor rgb=\"00FF0000\"/>"
    "<rgbColor rgb=\"0000FF00\"/><rgbColor rgb=\"000000FF\"/><rgbColor rgb=\"00FFFF00\"/>"
    "<rgbColor rgb=\"00FF00FF\"/><rgbColor rgb=\"0000FFFF\"/><rgbColor rgb=\"00000000\"/>"
    "<rgbColor rgb=\"00000000\"/><rgbColor rgb=\"00FFFFFF\"/>"
    "</indexedColors></colors>"
    "</styleSheet>";

static void values_their_format_or_colours_hide_are_marked(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET(
        "<row r=\"1\">"
        "<c r=\"A1\" s=\"0\"><v>5</v></c>"
        "<c r=\"B1\" s=\"1\"><v>5</v></c>"
        "<c r=\"C1\" s=\"2\"><v>5</v></c>"
        "<c r=\"D1\" s=\"3\"><v>5</v></c>"
        "<c r=\"E1\" s=\"4\"><v>5</v></c>"
        "<c r=\"F1\" s=\"5\"><v>5</v></c>"
        "<c r=\"G1\" s=\"6\"><v>5</v></c>"
        "<c r=\"H1\" s=\"7\"><v>5</v></c>"
        "<c r=\"I1\" s=\"8\"><v>5</v></c>"
        "<c r=\"J1\" s=\"9\"><v>-5</v></c>"
        "<c r=\"K1\" s=\"9\"><v>5</v></c>"
        "<c r=\"L1\" s=\"1\"><v>0</v></c>"
        "<c r=\"M1\" s=\"2\" t=\"inlineStr\"><is><t>Có</t></is></c>"
        "<c r=\"N1\" s=\"10\"><v>5</v></c>"
        "<c r=\"O1\" s=\"11\"><v>5</v></c>"
        "<c r=\"P1\" s=\"12\"><v>5</v></c>"
        "<c r=\"Q1\" s=\"13\"><v>5</v></c>"
        "<c r=\"R1\" s=\"14\"><v>5</v></c>"
        "<c r=\"S1\" s=\"15\"><v>5</v></c>"
        "<c r=\"T1\" s=\"16\"><v>5</v></c>"
        "<c r=\"U1\" s=\"16\"><v>-5</v></c>"
        "</row>"),
        .styles = colour_styles_xml };
    const char U = EG_FROM_UNSHOWN, N = EG_FROM_NUMBER, T = EG_FROM_TEXT;

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
    /* seen: black; ;;; hides; white hides; the palette's 9 made black is
     * seen, its 10 made white hides; the theme's white on a white fill
     * hides; on a pattern, or a dark fill, is seen; tinted grey is seen;
     * 38's red negatives are seen, its positives not; a zero ;;; hides is
     * the accountant's blank; a text in white hides; a dxf's font or
     * fill is no font or fill of a cell; black on a fill in the system's
     * foreground (the viewer's: maybe black) is not judged; the format's
     * own [White] hides on no fill, not on the dark one; its [Color2],
     * the palette's 9, is black in this workbook; a [WHITE] negative
     * section hides -5, not 5 */
    assert_memory_equal(fx->rows.rows[0].origin,
                        ((char[]){ N, N | U, N | U, N, N | U, N | U, N, N, N, N, N | U, N,
                                   T | U, N, N, N, N | U, N, N, N, N | U }),
                        21);
    assert_string_equal(fx->rows.rows[0].f[1], "5");      /* read all the same */
}

static void dates_follow_the_1904_system_when_the_workbook_says_so(void **state)
{
    fixture *fx = *state;
    book b = { .workbook = "<workbook " NS "><workbookPr date1904=\"1\"/><sheets>"
                           "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
               .sheet1 = SHEET("<row r=\"1\"><c r=\"A1\" s=\"3\"><v>43083</v></c></row>"),
               .styles = styles_xml };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_string_equal(fx->rows.rows[0].f[0], "2021-12-15");
}

static void prefixed_elements_are_read_like_plain_ones(void **state)
{
    fixture *fx = *state;
    book b = { .workbook = "<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                           "<x:sheets><x:sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></x:sheets></x:workbook>",
               .sheet1 = "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                         "<x:sheetData><x:row r=\"4\"><x:c r=\"B4\" t=\"inlineStr\"><x:is><x:t>ok</x:t></x:is></x:c>"
                         "</x:row></x:sheetData></x:worksheet>" };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->rows.n, 1);
    assert_int_equal(fx->rows.rows[0].row, 4);
    assert_string_equal(fx->rows.rows[0].f[1], "ok");
}

/* --- which sheet --------------------------------------------------------- */

static const char *sheet_read(fixture *fx, const char *workbook)
{
    book b = { .workbook = workbook, .sheet1 = ONE("one"), .sheet2 = ONE("two"),
               .sheet3 = ONE("three") };

    rows_free(&fx->rows);
    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->rows.n, 1);
    return fx->rows.rows[0].f[0];
}

static void the_report_sheet_is_chosen_by_name_else_the_first_visible(void **state)
{
    fixture *fx = *state;

    assert_string_equal(sheet_read(fx, "<workbook " NS "><sheets>"
        "<sheet name=\"Hướng dẫn\" sheetId=\"1\" r:id=\"rId1\"/>"
        "<sheet name=\"BaoCao\" sheetId=\"2\" r:id=\"rId2\"/>"
        "<sheet name=\"Báo cáo\" sheetId=\"3\" r:id=\"rId3\"/></sheets></workbook>"), "two");
    assert_string_equal(sheet_read(fx, "<workbook " NS "><sheets>"
        "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>"
        "<sheet name=\"Data\" sheetId=\"2\" r:id=\"rId2\"/>"
        "<sheet name=\"BÁO CÁO\" sheetId=\"3\" r:id=\"rId3\"/></sheets></workbook>"), "three");
    /* a decomposed name folds the same */
    assert_string_equal(sheet_read(fx, "<workbook " NS "><sheets>"
        "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>"
        "<sheet name=\"Ba\xCC\x81o ca\xCC\x81o\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>"), "two");
    /* no report sheet: the first visible one; hidden lists are skipped */
    assert_string_equal(sheet_read(fx, "<workbook " NS "><sheets>"
        "<sheet name=\"DanhMuc\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
        "<sheet name=\"Dữ liệu\" sheetId=\"2\" r:id=\"rId2\"/>"
        "<sheet name=\"Khác\" sheetId=\"3\" r:id=\"rId3\"/></sheets></workbook>"), "two");
    /* a very hidden sheet is hidden as well */
    assert_string_equal(sheet_read(fx, "<workbook " NS "><sheets>"
        "<sheet name=\"DanhMuc\" sheetId=\"1\" state=\"veryHidden\" r:id=\"rId1\"/>"
        "<sheet name=\"Dữ liệu\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>"), "two");
    /* all hidden: the first */
    assert_string_equal(sheet_read(fx, "<workbook " NS "><sheets>"
        "<sheet name=\"A\" sheetId=\"1\" state=\"veryHidden\" r:id=\"rId1\"/>"
        "<sheet name=\"B\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/></sheets></workbook>"), "one");
    /* a sheet whose relationship names another kind of part (the styles) is
     * passed over too */
    assert_string_equal(sheet_read(fx, "<workbook " NS "><sheets>"
        "<sheet name=\"Kiểu\" sheetId=\"1\" r:id=\"rId5\"/>"
        "<sheet name=\"S\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>"), "two");
    /* a sheet whose relationship is no worksheet (a chart sheet) is passed over */
    assert_string_equal(sheet_read(fx, "<workbook " NS "><sheets>"
        "<sheet name=\"Chart\" sheetId=\"1\" r:id=\"rId9\"/>"
        "<sheet name=\"S\" sheetId=\"2\" r:id=\"rId3\"/></sheets></workbook>"), "three");
}

/* The rows of the sheet read carry its name: the first visible one's
 * when the first is hidden, not the hidden one's. */
static int collect_sheet_name(void *ctx, const eg_row *row)
{
    snprintf(ctx, 64, "%s", row->sheet ? row->sheet : "(none)");
    return 0;
}

static void the_rows_read_carry_the_name_of_the_sheet_they_are_in(void **state)
{
    fixture *fx = *state;
    char name[64] = "";
    book b = { .workbook = "<workbook " NS "><sheets>"
                           "<sheet name=\"DanhMuc\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
                           "<sheet name=\"Dữ liệu\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>",
               .sheet1 = ONE("one"), .sheet2 = ONE("two") };

    write_book(fx, &b);
    assert_int_equal(eg_xlsx_read(fx->path, "book.xlsx", collect_sheet_name, name, NULL, &fx->dl), 0);
    assert_string_equal(name, "Dữ liệu");
    b.workbook = "<workbook " NS "><sheets>"
                 "<sheet name=\"Hướng dẫn\" sheetId=\"1\" r:id=\"rId1\"/>"
                 "<sheet name=\"Báo cáo\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/></sheets></workbook>";
    write_book(fx, &b);
    assert_int_equal(eg_xlsx_read(fx->path, "book.xlsx", collect_sheet_name, name, NULL, &fx->dl), 0);
    assert_string_equal(name, "Báo cáo");
    assert_int_equal(fx->dl.n, 0);
}

/* The other visible sheets' first rows go to the probe, named; not the
 * sheet read, nor a hidden one; a damaged one says nothing. */
typedef struct {
    char seen[8][64];
    size_t n;
} probed;

static int probe_collect(void *ctx, const eg_row *row)
{
    probed *p = ctx;

    if (p->n < 8)
        snprintf(p->seen[p->n++], sizeof p->seen[0], "%s:%s", row->sheet,
                 row->n ? row->fields[0] : "");
    return 0;
}

static void the_other_visible_sheets_are_probed_and_nothing_said_of_them(void **state)
{
    fixture *fx = *state;
    probed p = { .n = 0 };
    eg_sheet_probe how = { probe_collect, &p, "", 0, 0 };
    book b = { .workbook = "<workbook " NS "><sheets>"
                           "<sheet name=\"Xã A\" sheetId=\"1\" r:id=\"rId1\"/>"
                           "<sheet name=\"Ẩn\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>"
                           "<sheet name=\"BaoCao\" sheetId=\"3\" r:id=\"rId3\"/></sheets></workbook>",
               .sheet1 = SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>one</t></is></c></row>"
                               "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>more</t></is></c></row>"
                               "<row r=\"3\"><c r=\"A3\"><v>1</v></c></row><row r=\"4\"><c r=\"A4\""),
               .sheet2 = ONE("two"), .sheet3 = ONE("three") };

    write_book(fx, &b);
    assert_int_equal(eg_xlsx_read_probing(fx->path, "book.xlsx", collect_row, &fx->rows,
                                          &how, NULL, &fx->dl), 0);
    assert_string_equal(how.read_sheet, "BaoCao");
    /* the sheet read: BaoCao's row */
    assert_int_equal(fx->rows.n, 1);
    assert_string_equal(fx->rows.rows[0].f[0], "three");
    /* the first sheet's rows up to its damage, named; not the hidden one */
    assert_int_equal(p.n, 3);
    assert_string_equal(p.seen[0], "Xã A:one");
    assert_string_equal(p.seen[1], "Xã A:more");
    assert_string_equal(p.seen[2], "Xã A:1");
    assert_int_equal(fx->dl.n, 0);
}

/* A sheet's name longer than messages keep (64 bytes) is cut between two
 * characters, never in the middle of one: the messages that name it are
 * UTF-8. */
static void a_long_sheet_name_is_cut_between_characters(void **state)
{
    fixture *fx = *state;
    probed p = { .n = 0 };
    eg_sheet_probe how = { probe_collect, &p, "", 0, 0 };
    /* 66 bytes; the 63rd is inside "ệ" */
    static const char name[] = "Tổng hợp số liệu các xã, phường, thị trấn huyện";
    book b = { .workbook = "<workbook " NS "><sheets>"
                           "<sheet name=\"Tổng hợp số liệu các xã, phường, thị trấn huyện\" "
                           "sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
               .sheet1 = ONE("one") };
    size_t n;

    write_book(fx, &b);
    assert_int_equal(eg_xlsx_read_probing(fx->path, "book.xlsx", collect_row, &fx->rows,
                                          &how, NULL, &fx->dl), 0);
    n = strlen(how.read_sheet);
    assert_true(n > 0 && n < sizeof how.read_sheet);
    assert_true(eg_utf8_valid(how.read_sheet, n));
    assert_memory_equal(how.read_sheet, name, n);
    assert_int_equal(fx->rows.n, 1);
}

/* A sheet of megabytes of nothing before its first row is probed no
 * further than EG_PROBE_BYTES (16 such sheets took seconds); the sheets
 * after it are probed all the same. */
static void a_probe_stops_at_its_budget_of_bytes(void **state)
{
    fixture *fx = *state;
    probed p = { .n = 0 };
    eg_sheet_probe how = { probe_collect, &p, "", 0, 0 };
    size_t pad = (size_t)8 << 20;
    const char *head = "<?xml version=\"1.0\"?><worksheet " NS "><sheetData>";
    const char *tail = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>late</t></is></c>"
                       "</row></sheetData></worksheet>";
    char *big = eg_xmalloc(strlen(head) + pad + strlen(tail) + 1);
    uint64_t before = eg_xlsx_probe_bytes();
    book b = { .workbook = "<workbook " NS "><sheets>"
                           "<sheet name=\"Rỗng\" sheetId=\"1\" r:id=\"rId1\"/>"
                           "<sheet name=\"Xã B\" sheetId=\"2\" r:id=\"rId2\"/>"
                           "<sheet name=\"BaoCao\" sheetId=\"3\" r:id=\"rId3\"/></sheets></workbook>",
               .sheet2 = ONE("two"), .sheet3 = ONE("three") };

    strcpy(big, head);
    memset(big + strlen(head), ' ', pad);
    strcpy(big + strlen(head) + pad, tail);
    b.sheet1 = big;
    write_book(fx, &b);
    assert_int_equal(eg_xlsx_read_probing(fx->path, "book.xlsx", collect_row, &fx->rows,
                                          &how, NULL, &fx->dl), 0);
    assert_string_equal(how.read_sheet, "BaoCao");
    assert_int_equal(fx->rows.n, 1);
    assert_string_equal(fx->rows.rows[0].f[0], "three");
    assert_int_equal(p.n, 1);
    assert_string_equal(p.seen[0], "Xã B:two");
    assert_true(eg_xlsx_probe_bytes() - before < EG_PROBE_BYTES + 64 * 1024);
    assert_true(eg_xlsx_probe_bytes() - before >= EG_PROBE_BYTES);
    assert_int_equal(fx->dl.n, 0);
    free(big);
}

/* --- one pass or two ------------------------------------------------------- */

/* Text typed with TCVN3 fonts, as Excel keeps it (the look-alikes of the
 * bytes), in shared and inline strings alike: converted in both, numbers
 * untouched, the warning given once.  The sheet is small: read in one
 * pass, its rows held until its legacy text is known. */
static void legacy_text_in_shared_and_inline_strings_is_converted(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET(
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
        "<c r=\"C1\" t=\"inlineStr\"><is><t>Ghi ch\xC3\xB3</t></is></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Huy\xC3\x96n Ch\xC2\xAD P\xC2\xADh</t></is></c>"
        "<c r=\"B2\"><v>120</v></c><c r=\"C2\" t=\"s\"><v>2</v></c></row>"),
        .sst = SST("<si><t>M\xC2\xB7 \xC2\xAE\xC2\xACn v\xC3\x9E</t></si>"
                   "<si><t>Gi\xC2\xB8 tr\xC3\x9E</t></si>"
                   "<si><t>S\xC3\xAB Th\xC2\xABng tin v\xC2\xB5 Truy\xC3\x92n th\xC2\xABng</t></si>") };

    size_t one_pass = eg_xlsx_one_pass_reads();

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(eg_xlsx_one_pass_reads(), one_pass + 1);
    assert_int_equal(fx->dl.n, 1);
    assert_string_equal(fx->dl.items[0].code, "W_TEXT_TCVN3");
    assert_int_equal(fx->dl.items[0].severity, EG_WARNING);
    assert_int_equal(fx->rows.n, 2);
    assert_string_equal(fx->rows.rows[0].f[0], "Mã đơn vị");
    assert_string_equal(fx->rows.rows[0].f[1], "Giá trị");
    assert_string_equal(fx->rows.rows[0].f[2], "Ghi chú");
    assert_string_equal(fx->rows.rows[1].f[0], "Huyện Chư Pưh");
    assert_string_equal(fx->rows.rows[1].f[1], "120");
    assert_string_equal(fx->rows.rows[1].f[2], "Sở Thông tin và Truyền thông");
}

/* A small sheet is read in one pass by the fast XML reader
 * (extract/xml_fast.h) when its XML is plain; one it declines (here a
 * comment, after the first row, and a CDATA section) is read by expat in
 * the same one pass, from the bytes already inflated: the same rows, and
 * its inline text's evidence of a legacy encoding counted once.  One
 * TCVN3-looking word is not enough to convert a sheet (two are, below):
 * counted again after the fast reader gave up, it would be two. */
static void a_sheet_the_fast_reader_declines_is_read_by_expat_in_one_pass(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET(
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Ch\xC2\xAD</t></is></c></row>"
        "<!-- sent by hand -->"
        "<row r=\"2\"><c r=\"B2\"><v>5</v></c></row>"
        "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t><![CDATA[a<b]]></t></is></c></row>") };
    size_t one_pass = eg_xlsx_one_pass_reads();

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(eg_xlsx_one_pass_reads(), one_pass + 1);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 3);
    assert_string_equal(fx->rows.rows[0].f[0], "Ch\xC2\xAD");
    assert_int_equal(fx->rows.rows[1].row, 2);
    assert_string_equal(fx->rows.rows[1].f[1], "5");
    assert_string_equal(fx->rows.rows[2].f[0], "a<b");
}

static void two_tcvn3_looking_words_convert_a_plain_sheet_in_one_pass(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET(
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Ch\xC2\xAD</t></is></c>"
        "<c r=\"B1\" t=\"inlineStr\"><is><t>Ch\xC2\xAD</t></is></c></row>") };
    size_t one_pass = eg_xlsx_one_pass_reads();

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(eg_xlsx_one_pass_reads(), one_pass + 1);
    assert_int_equal(fx->dl.n, 1);
    assert_string_equal(fx->dl.items[0].code, "W_TEXT_TCVN3");
    assert_int_equal(fx->rows.n, 1);
    assert_string_equal(fx->rows.rows[0].f[0], "Chư");
    assert_string_equal(fx->rows.rows[0].f[1], "Chư");
}

/* The scan for legacy text reads what the sheet's reading reads: the
 * <is> of an inline string, not one in a number's cell (not read: the
 * cell is its <v>, here none).  Counted, the unread word made two, and
 * the one read was converted. */
static void an_is_that_is_not_read_is_no_evidence_of_legacy_text(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET(
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Ch\xC2\xAD</t></is></c>"
        "<c r=\"B1\"><is><t>Ch\xC2\xAD</t></is></c></row>") };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 1);
    assert_string_equal(fx->rows.rows[0].f[0], "Ch\xC2\xAD");
    assert_int_equal(fx->rows.rows[0].n, 1);    /* B1 is empty: the row ends at A1 */
}

/* Writes a book of `rows` rows, each A<r> the one shared string, 6,999
 * 'x' (together more than a one-pass reading may hold), but for row 1 when
 * first_row is given; *parts: its sheet's and strings' sizes.  Returns the
 * long text (free it). */
static char *write_heavy_book(fixture *fx, size_t rows, const char *first_row, size_t *parts)
{
    size_t cap = 256 + rows * 64, n;
    char *sheet = eg_xmalloc(cap), *sst = eg_xmalloc(8 * 1024), *text = eg_xmalloc(7000);
    book b = { 0 };

    memset(text, 'x', 6999);
    text[6999] = '\0';
    snprintf(sst, 8 * 1024, SST("<si><t>%s</t></si>"), text);
    n = (size_t)snprintf(sheet, cap, "<worksheet " NS "><sheetData>%s", first_row ? first_row : "");
    for (size_t r = first_row ? 2 : 1; r <= rows; r++)
        n += (size_t)snprintf(sheet + n, cap - n, "<row r=\"%zu\"><c r=\"A%zu\" t=\"s\"><v>0</v></c></row>", r, r);
    snprintf(sheet + n, cap - n, "</sheetData></worksheet>");
    b.sheet1 = sheet;
    b.sst = sst;
    write_book(fx, &b);
    *parts = strlen(sheet) + strlen(sst);
    free(sheet);
    free(sst);
    return text;
}

/* A small sheet whose rows would hold too much (a long shared string in
 * every row) is read again in two passes: the same rows, nothing said,
 * and its bytes counted once against the caps (the first reading's are
 * forgotten). */
static void a_small_sheet_that_would_hold_too_much_is_read_again_alike(void **state)
{
    fixture *fx = *state;
    size_t rows = 3000, parts;
    eg_limits lim = { 0 };
    size_t one_pass = eg_xlsx_one_pass_reads();
    char *text = write_heavy_book(fx, rows, NULL, &parts);

    /* room for every part once, not for the sheet twice */
    lim.max_total_bytes = parts + 8 * 1024;
    assert_true(rows * strlen(text) > ((size_t)16 << 20));
    assert_int_equal(read_book(fx, &lim), 0);
    assert_int_equal(eg_xlsx_one_pass_reads(), one_pass);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, rows);
    assert_int_equal(fx->rows.rows[rows - 1].row, (long)rows);
    assert_string_equal(fx->rows.rows[rows - 1].f[0], text);
    free(text);
}

/* The same, with one TCVN3-looking word in an inline string of its first
 * row: scanned by the first reading before it gave up, it is counted
 * once, not twice, and one word converts nothing. */
static void a_word_scanned_before_the_reading_gave_up_is_counted_once(void **state)
{
    fixture *fx = *state;
    size_t rows = 3000, parts;
    char *text = write_heavy_book(fx, rows, "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Ch\xC2\xAD</t></is></c></row>",
                                  &parts);

    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, rows);
    assert_string_equal(fx->rows.rows[0].f[0], "Ch\xC2\xAD");
    assert_string_equal(fx->rows.rows[rows - 1].f[0], text);
    free(text);
}

/* Rows of one cell in the last column (XFD): each holds 16,384 fields.
 * Held, their empty fields cost the pointers only, counted: 20 such rows
 * are read in one pass, 200 (past the cap) in two, the same rows. */
static void sparse_rows_are_counted_at_what_they_hold(void **state)
{
    fixture *fx = *state;
    static const size_t counts[] = { 20, 200 };

    for (size_t k = 0; k < 2; k++) {
        size_t rows = counts[k], cap = 64 + rows * 80, n;
        char *sheet = eg_xmalloc(cap), last[16];
        book b = { 0 };
        size_t one_pass = eg_xlsx_one_pass_reads();

        n = (size_t)snprintf(sheet, cap, "<worksheet " NS "><sheetData>");
        for (size_t r = 1; r <= rows; r++)
            n += (size_t)snprintf(sheet + n, cap - n,
                                  "<row r=\"%zu\"><c r=\"XFD%zu\"><v>%zu</v></c></row>", r, r, r);
        snprintf(sheet + n, cap - n, "</sheetData></worksheet>");
        b.sheet1 = sheet;
        write_book(fx, &b);
        rows_free(&fx->rows);
        assert_int_equal(read_book(fx, NULL), 0);
        assert_int_equal(eg_xlsx_one_pass_reads(), one_pass + (k == 0));
        assert_int_equal(fx->dl.n, 0);
        assert_int_equal(fx->rows.n, rows);
        assert_int_equal(fx->rows.rows[rows - 1].n, 16384);
        snprintf(last, sizeof last, "%zu", rows);
        assert_string_equal(fx->rows.rows[rows - 1].f[16383], last);
        assert_string_equal(fx->rows.rows[rows - 1].f[0], "");
        free(sheet);
    }
}

/* --- the same submission as CSV and as XLSX (libxlsxwriter) ------------------ */

/* A CSV field as a clerk would have typed it in a spreadsheet: "38" and
 * "1.240" (grouped) as numbers, "36,5" as a decimal; the rest, codes with
 * a leading zero included, as text. */
static int as_number(const char *s, double *v)
{
    int64_t i;

    if (!*s || strchr(s, ' ') || (s[0] == '0' && s[1]))
        return 0;
    if (eg_parse_count(s, &i) == EG_NUM_OK) {
        *v = (double)i;
        return 1;
    }
    if (strchr(s, ',') && !strchr(s, '.') && eg_parse_decimal(s, v) == EG_NUM_OK)
        return 1;
    return 0;
}

/* Equal as the normaliser will read them: the same text, or both numbers
 * of the same value. */
static int same_value(const char *a, const char *b)
{
    int64_t i, j;
    double x, y;

    if (strcmp(a, b) == 0)
        return 1;
    if (eg_parse_count(a, &i) == EG_NUM_OK && eg_parse_count(b, &j) == EG_NUM_OK)
        return i == j;
    return eg_parse_decimal(a, &x) == EG_NUM_OK && eg_parse_decimal(b, &y) == EG_NUM_OK && x == y;
}

static void a_real_submission_reads_the_same_from_csv_and_from_libxlsxwriter(void **state)
{
    static const char *const names[] = { "01-sotttt.csv", "BaoCao_SGDDT_2021.csv",
                                         "DakHa-2021.csv", "SaThay_BC.csv" };
    static const int delims[] = { ',', ';', ';', '\t' };
    fixture *fx = *state;

    for (size_t f = 0; f < sizeof names / sizeof *names; f++) {
        char csv[512];
        rows_seen *from_csv = &fx->csv_rows;
        lxw_workbook *wb;
        lxw_worksheet *ws;
        lxw_format *title;

        /* tests/run.sh runs from the top of the source tree */
        snprintf(csv, sizeof csv, "tests/cases/small-2021/input/2021/submissions/%s", names[f]);
        assert_int_equal(eg_csv_read(csv, names[f], delims[f], NULL, NULL, NULL, collect_row,
                                     from_csv, NULL, &fx->dl), 0);
        assert_int_equal(fx->dl.n, 0);
        assert_true(from_csv->n > 10);

        /* Written as a clerk would: numbers as numbers, the title merged
         * across the table, on a sheet named "Báo cáo" after a guide. */
        snprintf(fx->path, sizeof fx->path, "%s/book.xlsx", fx->dir);
        wb = workbook_new(fx->path);
        assert_non_null(wb);
        title = workbook_add_format(wb);
        format_set_bold(title);
        worksheet_write_string(workbook_add_worksheet(wb, "Hướng dẫn"), 0, 0, "Điền vào sheet Báo cáo", NULL);
        ws = workbook_add_worksheet(wb, "Báo cáo");
        for (size_t r = 0; r < from_csv->n; r++) {
            crow *c = &from_csv->rows[r];
            int nonempty = 0;

            for (size_t k = 1; k < c->n; k++)
                nonempty += c->f[k][0] != '\0';
            if (c->n > 1 && c->f[0][0] && !nonempty) {
                worksheet_merge_range(ws, (lxw_row_t)(c->row - 1), 0, (lxw_row_t)(c->row - 1),
                                      (lxw_col_t)(c->n - 1), c->f[0], title);
                continue;
            }
            for (size_t k = 0; k < c->n; k++) {
                double v;

                if (!c->f[k][0])
                    continue;
                if (as_number(c->f[k], &v))
                    worksheet_write_number(ws, (lxw_row_t)(c->row - 1), (lxw_col_t)k, v, NULL);
                else
                    worksheet_write_string(ws, (lxw_row_t)(c->row - 1), (lxw_col_t)k, c->f[k], NULL);
            }
        }
        assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

        rows_free(&fx->rows);
        assert_int_equal(read_book(fx, NULL), 0);
        assert_int_equal(fx->dl.n, 0);

        /* the same rows, numbered alike, with the same values; rows the
         * CSV has blank are absent from both */
        {
            size_t i = 0, k = 0;

            for (; i < from_csv->n; i++) {
                crow *a = &from_csv->rows[i], *b;
                size_t n = a->n;

                while (n > 0 && !a->f[n - 1][0])
                    n--;
                if (n == 0)
                    continue;
                assert_true(k < fx->rows.n);
                b = &fx->rows.rows[k++];
                assert_int_equal(b->row, a->row);
                assert_int_equal(b->n, n);
                for (size_t c = 0; c < n; c++)
                    if (!same_value(a->f[c], b->f[c]))
                        fail_msg("%s row %ld column %zu: CSV '%s', XLSX '%s'", names[f], a->row,
                                 c + 1, a->f[c], b->f[c]);
            }
            assert_int_equal(k, fx->rows.n);
        }
        rows_free(from_csv);
    }
}

/* --- merged cells ------------------------------------------------------------ */

#define MERGED_ROWS \
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Mã đơn vị</t></is></c></row>" \
    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>KT.STP</t></is></c><c r=\"B2\"><v>45</v></c></row>" \
    "<row r=\"3\"><c r=\"A3\"/><c r=\"B3\"><v>43</v></c></row>" \
    "<row r=\"4\"><c r=\"B4\"><v>1</v></c></row>"
#define MERGES "<mergeCells count=\"3\"><mergeCell ref=\"A2:A4\"/><mergeCell ref=\"B1:D1\"/>" \
               "<mergeCell ref=\"$C$2:$D$3\"/></mergeCells>"

/* The sheet's ranges over rows (mergeCell, after the data) go with every
 * row, sorted, whether the sheet is read in one pass or in two (a part
 * past 4 MiB: here padded with white space before its data). */
static void merged_ranges_go_with_every_row_in_one_pass_and_in_two(void **state)
{
    fixture *fx = *state;
    size_t pad = (size_t)4 << 20 | 4096;
    char *big = eg_xmalloc(pad + 4096);
    book b = { .sheet1 = "<worksheet " NS "><sheetData>" MERGED_ROWS "</sheetData>" MERGES
                         "</worksheet>" };

    for (int pass = 1; pass <= 2; pass++) {
        size_t one_pass = eg_xlsx_one_pass_reads();

        if (pass == 2) {
            size_t n = (size_t)sprintf(big, "<worksheet %s>", NS);

            memset(big + n, ' ', pad);
            sprintf(big + n + pad, "<sheetData>%s</sheetData>%s</worksheet>", MERGED_ROWS,
                    MERGES);
            b.sheet1 = big;
        }
        write_book(fx, &b);
        rows_free(&fx->rows);
        assert_int_equal(read_book(fx, NULL), 0);
        assert_int_equal(fx->dl.n, 0);
        assert_int_equal(eg_xlsx_one_pass_reads(), one_pass + (pass == 1));
        assert_int_equal(fx->rows.n, 4);
        /* the row holding only an empty covered cell is still no row */
        assert_int_equal(fx->rows.rows[2].row, 3);
        assert_int_equal(fx->rows.rows[2].n, 2);
        assert_string_equal(fx->rows.rows[2].f[0], "");
        assert_int_equal(fx->rows.n_merges, 2);
        assert_int_equal(fx->rows.rows_merges_differ, 0);
        assert_int_equal(fx->rows.merges[0].first_row, 2);
        assert_int_equal(fx->rows.merges[0].last_row, 4);
        assert_int_equal(fx->rows.merges[0].first_col, 1);
        assert_int_equal(fx->rows.merges[1].first_col, 3);
        assert_int_equal(fx->rows.merges[1].last_col, 4);
        assert_int_equal(fx->rows.merges[1].last_row, 3);
    }
    free(big);
}

static void a_merged_range_that_is_none_is_a_damaged_workbook(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = "<worksheet " NS "><sheetData>" MERGED_ROWS "</sheetData>"
                         "<mergeCells count=\"1\"><mergeCell ref=\"A0:B2\"/></mergeCells>"
                         "</worksheet>" };
    const eg_diag *d;

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), -1);
    d = only_diag(fx, "E_XLSX_BAD_REF");
    assert_non_null(strstr(d->message, "gộp các ô 'A0:B2'"));
    /* the merges follow the data: no row went out before it was known */
    assert_int_equal(fx->rows.n, 0);
}

/* A workbook whose sheet1 is refused with code, the only problem, its
 * message saying says, and no row gone out. */
static void sheet_is_refused(fixture *fx, const char *sheet1, const char *code, const char *says)
{
    book b = { .sheet1 = sheet1 };
    const eg_diag *d;

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), -1);
    d = only_diag(fx, code);
    if (!strstr(d->message, says))
        fail_msg("%s says '%s', not '%s'", code, d->message, says);
    assert_int_equal(fx->rows.n, 0);
}

/* A cell named with a row 0 ("C0") is no cell: it was read into the
 * row around it without a word.  A yes/no cell holds 0 or 1: "2" was
 * read as the count 2. */
static void cells_no_spreadsheet_writes_are_a_damaged_workbook(void **state)
{
    sheet_is_refused(*state, "<worksheet " NS "><sheetData><row r=\"1\">"
                             "<c r=\"C0\"><v>7</v></c></row></sheetData></worksheet>",
                     "E_XLSX_BAD_REF", "ô mang địa chỉ 'C0'");
    eg_diag_free(&((fixture *)*state)->dl);
    sheet_is_refused(*state, "<worksheet " NS "><sheetData><row r=\"1\">"
                             "<c r=\"C1\" t=\"b\"><v>2</v></c></row></sheetData></worksheet>",
                     "E_XLSX_DAMAGED", "ô C1 là ô có/không chứa '2'");
}

/* "true" and "false" in a yes/no cell, as some libraries write them and
 * Excel reads them, are TRUE and FALSE, as 1 and 0 are. */
static void a_yes_no_cell_may_hold_true_or_false(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = "<worksheet " NS "><sheetData><row r=\"1\">"
                         "<c r=\"A1\" t=\"b\"><v>true</v></c><c r=\"B1\" t=\"b\"><v>FALSE</v></c>"
                         "<c r=\"C1\" t=\"b\"><v>1</v></c></row></sheetData></worksheet>" };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 1);
    assert_string_equal(fx->rows.rows[0].f[0], "TRUE");
    assert_string_equal(fx->rows.rows[0].f[1], "FALSE");
    assert_string_equal(fx->rows.rows[0].f[2], "TRUE");
}

static void more_merged_ranges_than_the_cap_refuse_the_sheet(void **state)
{
    fixture *fx = *state;
    size_t cap = (size_t)(EG_MAX_MERGES + 1) * 40 + 4096, n;
    char *sheet = eg_xmalloc(cap);
    book b = { 0 };

    n = (size_t)snprintf(sheet, cap, "<worksheet %s><sheetData>%s</sheetData><mergeCells>", NS,
                         MERGED_ROWS);
    for (long i = 0; i <= EG_MAX_MERGES; i++)
        n += (size_t)snprintf(sheet + n, cap - n, "<mergeCell ref=\"E%ld:E%ld\"/>", 2 * i + 1,
                              2 * i + 2);
    snprintf(sheet + n, cap - n, "</mergeCells></worksheet>");
    b.sheet1 = sheet;
    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), -1);
    assert_non_null(strstr(only_diag(fx, "E_XLSX_TOO_MANY_MERGES")->message, "có hơn 100.000 vùng ô gộp trải trên nhiều dòng"));
    assert_int_equal(fx->rows.n, 0);
    free(sheet);
}

/* A damaged sheet among those probed stops its own probe, not the next
 * sheet's; the sheet read, visible and listed, is neither said hidden
 * nor counted among those not looked at. */
static void a_damaged_sheet_probed_leaves_the_next_one_probed(void **state)
{
    fixture *fx = *state;
    probed p = { .n = 0 };
    eg_sheet_probe how = { probe_collect, &p, "", 0, 0 };
    book b = { .workbook = "<workbook " NS "><sheets>"
                           "<sheet name=\"Xã A\" sheetId=\"1\" r:id=\"rId1\"/>"
                           "<sheet name=\"Xã B\" sheetId=\"2\" r:id=\"rId2\"/>"
                           "<sheet name=\"BaoCao\" sheetId=\"3\" r:id=\"rId3\"/></sheets></workbook>",
               .sheet1 = SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>one</t></is></c></row>"
                               "<row r=\"2\"><c r=\"A2\""),
               .sheet2 = ONE("two"), .sheet3 = ONE("three") };

    write_book(fx, &b);
    assert_int_equal(eg_xlsx_read_probing(fx->path, "book.xlsx", collect_row, &fx->rows,
                                          &how, NULL, &fx->dl), 0);
    assert_string_equal(how.read_sheet, "BaoCao");
    assert_int_equal(how.read_hidden, 0);
    assert_int_equal(how.not_probed, 0);
    assert_int_equal(fx->rows.n, 1);
    assert_string_equal(fx->rows.rows[0].f[0], "three");
    assert_int_equal(p.n, 2);
    assert_string_equal(p.seen[0], "Xã A:one");
    assert_string_equal(p.seen[1], "Xã B:two");
    assert_int_equal(fx->dl.n, 0);
}

/* date1904="true", as some libraries write it, is the 1904 date system
 * as "1" is: serial 0 is 1904-01-01. */
static void the_1904_date_system_may_be_written_true(void **state)
{
    fixture *fx = *state;
    book b = { .workbook = "<workbook " NS "><workbookPr date1904=\"true\"/><sheets>"
                           "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
               .sheet1 = SHEET("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c></row>"),
               .styles = "<styleSheet " NS "><cellXfs count=\"2\"><xf numFmtId=\"0\"/>"
                         "<xf numFmtId=\"14\"/></cellXfs></styleSheet>" };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_string_equal(fx->rows.rows[0].f[0], "1904-01-01");
    rows_free(&fx->rows);

    /* written "false" or "0", it is the 1900 system (day 0 is 1899-12-30) */
    b.workbook = "<workbook " NS "><workbookPr date1904=\"false\"/><sheets>"
                 "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    b.sheet1 = SHEET("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>1462</v></c></row>");
    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_string_equal(fx->rows.rows[0].f[0], "1904-01-01");
    rows_free(&fx->rows);
    b.workbook = "<workbook " NS "><workbookPr date1904=\"0\"/><sheets>"
                 "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_string_equal(fx->rows.rows[0].f[0], "1904-01-01");
}

/* The package's relationships name the workbook part wherever it is. */
static void the_workbook_part_is_where_the_package_says(void **state)
{
    fixture *fx = *state;
    const part parts[] = {
        { "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                                 "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>", 0 },
        { "_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                         "<Relationship Id=\"rId1\" Type=\"" REL_T "officeDocument\" Target=\"so/bang.xml\"/>"
                         "</Relationships>", 0 },
        { "so/bang.xml", "<workbook " NS "><sheets><sheet name=\"BaoCao\" sheetId=\"1\" r:id=\"rId1\"/>"
                         "</sheets></workbook>", 0 },
        { "so/_rels/bang.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                    "<Relationship Id=\"rId1\" Type=\"" REL_T "worksheet\" Target=\"trang.xml\"/>"
                                    "</Relationships>", 0 },
        { "so/trang.xml", ONE("đây"), 0 },
    };

    write_zip(fx, "book.xlsx", parts, sizeof parts / sizeof *parts, 0);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 1);
    assert_string_equal(fx->rows.rows[0].f[0], "đây");
}

/* How the styles part's odd corners read: a fill without a pattern type
 * is none (the sheet's white); a pattern other than solid mixes two
 * colours, whatever its fgColor; indexed 0 is the palette's black; a
 * fontId or fillId that is no number or too big, or a theme colour left empty, is a colour
 * not known, which hides nothing; the workbook's own palette begins at
 * index 8. */
static void styles_without_a_pattern_type_a_pattern_or_bad_indices_read_as_excel_does(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET(
        "<row r=\"1\">"
        "<c r=\"A1\" s=\"0\"><v>5</v></c>"
        "<c r=\"B1\" s=\"1\"><v>5</v></c>"
        "<c r=\"C1\" s=\"2\"><v>5</v></c>"
        "<c r=\"D1\" s=\"3\"><v>5</v></c>"
        "<c r=\"E1\" s=\"4\"><v>5</v></c>"
        "<c r=\"F1\" s=\"5\"><v>5</v></c>"
        "<c r=\"G1\" s=\"6\"><v>5</v></c>"
        "<c r=\"H1\" s=\"7\"><v>5</v></c>"
        "<c r=\"I1\" s=\"8\"><v>5</v></c>"
        "<c r=\"J1\" s=\"9\"><v>5</v></c>"
        "<c r=\"K1\" s=\"10\"><v>5</v></c>"
        "</row>"),
        .styles = "<styleSheet " NS ">"
                  "<fonts count=\"3\"><font><color rgb=\"FFFFFFFF\"/></font>"
                  "<font><color indexed=\"0\"/></font><font><color theme=\"\"/></font>"
                  "<font><color indexed=\"8\"/></font><font><color indexed=\"9\"/></font></fonts>"
                  "<fills count=\"5\"><fill><patternFill/></fill>"
                  "<fill><patternFill patternType=\"gray125\"><fgColor rgb=\"FFFFFFFF\"/></patternFill></fill>"
                  "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FF000000\"/></patternFill></fill>"
                  "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFFFFFFF\"/></patternFill></fill>"
                  "<fill><patternFill patternType=\"solid\"><fgColor indexed=\"9\"/></patternFill></fill>"
                  "</fills>"
                  "<cellXfs count=\"5\">"
                  "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\"/>"
                  "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"1\"/>"
                  "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\"/>"
                  "<xf numFmtId=\"0\" fontId=\"x\" fillId=\"3\"/>"
                  "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"3\"/>"
                  "<xf numFmtId=\"0\" fontId=\"3\" fillId=\"3\"/>"
                  "<xf numFmtId=\"0\" fontId=\"4\" fillId=\"4\"/>"
                  "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"x\"/>"
                  "<xf numFmtId=\"0\" fontId=\"4294967296\" fillId=\"0\"/>"
                  "<xf numFmtId=\"0\" fillId=\"0\"/><xf numFmtId=\"0\" fontId=\"0\"/>"
                  "</cellXfs><colors><indexedColors>"
                  "<rgbColor rgb=\"FF000000\"/><rgbColor rgb=\"FFFFFFFF\"/><rgbColor rgb=\"FFFF0000\"/>"
                  "<rgbColor rgb=\"FF00FF00\"/><rgbColor rgb=\"FF0000FF\"/><rgbColor rgb=\"FFFFFF00\"/>"
                  "<rgbColor rgb=\"FFFF00FF\"/><rgbColor rgb=\"FF00FFFF\"/><rgbColor rgb=\"FFFFFFFF\"/>"
                  "<rgbColor indexed=\"5\"/>"
                  "</indexedColors></colors></styleSheet>" };
    const char U = EG_FROM_UNSHOWN, N = EG_FROM_NUMBER;

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
    /* white on none hides; white on a pattern is seen; black on black
     * hides; the unknown font and the empty theme are not judged; the
     * palette's ninth colour (index 8), made white, hides on white; its
     * tenth, no colour, is not known, on itself as well; white on a
     * fillId that is no number is not judged, nor on none a fontId past
     * any index (2^32, which an int would take for font 0); an xf
     * without a fontId or a fillId has the first, as Excel reads it: the
     * white font on none hides */
    assert_memory_equal(fx->rows.rows[0].origin,
                        ((char[]){ N | U, N, N | U, N, N, N | U, N, N, N, N | U, N | U }), 11);
}

/* A workbook palette that stops short keeps Excel's colours past its end
 * (index 9 is white), and a numFmt without a numFmtId is no format, not
 * the one of an xf that names none. */
static void a_short_palette_keeps_excels_colours_and_a_numfmt_without_id_is_none(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET(
        "<row r=\"1\"><c r=\"A1\" s=\"0\"><v>5</v></c><c r=\"B1\" s=\"1\"><v>5</v></c></row>"),
        .styles = "<styleSheet " NS ">"
                  "<numFmts count=\"1\"><numFmt formatCode=\";;;\"/></numFmts>"
                  "<fonts count=\"2\"><font><color indexed=\"9\"/></font>"
                  "<font><color rgb=\"FF000000\"/></font></fonts>"
                  "<fills count=\"1\"><fill><patternFill/></fill></fills>"
                  "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\"/>"
                  "<xf fontId=\"1\" fillId=\"0\"/></cellXfs>"
                  "<colors><indexedColors>"
                  "<rgbColor rgb=\"FF000000\"/><rgbColor rgb=\"FFFFFFFF\"/><rgbColor rgb=\"FFFF0000\"/>"
                  "<rgbColor rgb=\"FF00FF00\"/><rgbColor rgb=\"FF0000FF\"/><rgbColor rgb=\"FFFFFF00\"/>"
                  "<rgbColor rgb=\"FFFF00FF\"/><rgbColor rgb=\"FF00FFFF\"/>"
                  "</indexedColors></colors></styleSheet>" };
    const char U = EG_FROM_UNSHOWN, N = EG_FROM_NUMBER;

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_memory_equal(fx->rows.rows[0].origin, ((char[]){ N | U, N }), 2);
}

/* Cell styles are kept up to 65,536 (more than Excel allows): the
 * 65,537th, here one that would hide its cell, is no style at all. */
static void cell_styles_past_the_65536th_are_not_kept(void **state)
{
    fixture *fx = *state;
    static const char head[] = "<styleSheet " NS ">"
        "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\";;;\"/></numFmts><cellXfs>";
    static const char tail[] = "<xf numFmtId=\"164\"/></cellXfs></styleSheet>";
    size_t n = strlen(head) + 65535 * 5 + 32 + strlen(tail);
    char *styles = eg_xmalloc(n + 1), *p = styles;
    book b = { .sheet1 = SHEET(
        "<row r=\"1\"><c r=\"A1\" s=\"65535\"><v>5</v></c><c r=\"B1\" s=\"65536\"><v>5</v></c></row>") };

    p += sprintf(p, "%s", head);
    for (size_t i = 0; i < 65535; i++, p += 5)
        memcpy(p, "<xf/>", 5);
    p += sprintf(p, "<xf numFmtId=\"164\"/>%s", tail);
    b.styles = styles;
    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
    /* the 65,536th, kept, hides; the next one is none */
    assert_memory_equal(fx->rows.rows[0].origin,
                        ((char[]){ EG_FROM_NUMBER | EG_FROM_UNSHOWN, EG_FROM_NUMBER }), 2);
    free(styles);
}

/* TCVN3 look-alikes in the shared strings alone decide as well: the
 * sheet's numbers and codes are no evidence either way. */
static void legacy_text_in_the_shared_strings_alone_is_converted(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET(
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>GL.STTTT</t></is></c><c r=\"B2\"><v>120</v></c></row>"),
        .sst = SST("<si><t>M\xC2\xB7 \xC2\xAE\xC2\xACn v\xC3\x9E</t></si>"
                   "<si><t>Gi\xC2\xB8 tr\xC3\x9E</t></si>") };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 1);
    assert_string_equal(fx->dl.items[0].code, "W_TEXT_TCVN3");
    assert_string_equal(fx->rows.rows[0].f[0], "Mã đơn vị");
    assert_string_equal(fx->rows.rows[0].f[1], "Giá trị");
    assert_string_equal(fx->rows.rows[1].f[0], "GL.STTTT");
}

/* A cell of type d: midnight, in UTC too (Z), is the day alone; a time
 * of day is kept. */
static void a_date_cell_at_midnight_utc_is_its_day_and_a_time_is_kept(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET("<row r=\"1\"><c r=\"A1\" t=\"d\"><v>2021-12-15T00:00:00Z</v></c>"
                               "<c r=\"B1\" t=\"d\"><v>2021-12-15T08:30:00</v></c></row>") };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_string_equal(fx->rows.rows[0].f[0], "2021-12-15");
    assert_string_equal(fx->rows.rows[0].f[1], "2021-12-15 08:30:00");
}

/* A sheet too large for one pass (its part past 4 MiB) is read in two:
 * its inline strings' TCVN3 look-alikes are converted as the rows
 * stream, as they are in one pass. */
static void legacy_inline_text_of_a_sheet_read_in_two_passes_is_converted(void **state)
{
    fixture *fx = *state;
    size_t pad = (size_t)5 << 20;
    char *blank = eg_xmalloc(pad + 1), *sheet;
    book b = { 0 };
    size_t one_pass = eg_xlsx_one_pass_reads();

    memset(blank, ' ', pad);
    blank[pad] = '\0';
    sheet = eg_xasprintf(SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>M\xC2\xB7 \xC2\xAE\xC2\xACn v\xC3\x9E</t></is></c>"
                               "<c r=\"B1\" t=\"inlineStr\"><is><t>Gi\xC2\xB8 tr\xC3\x9E</t></is></c></row>%s"
                               "<row r=\"2\"><c r=\"A2\" t=\"str\"><f>A1</f><v>Ghi ch\xC3\xB3</v></c></row>"),
                         blank);
    b.sheet1 = sheet;
    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(eg_xlsx_one_pass_reads(), one_pass);
    assert_int_equal(fx->dl.n, 1);
    assert_string_equal(fx->dl.items[0].code, "W_TEXT_TCVN3");
    assert_string_equal(fx->rows.rows[0].f[0], "Mã đơn vị");
    assert_string_equal(fx->rows.rows[0].f[1], "Giá trị");
    assert_string_equal(fx->rows.rows[1].f[0], "Ghi chú");
    free(sheet);
    free(blank);
}

/* References no spreadsheet writes: an absolute one ("$A$1"), one without
 * a column ("12"), one of more letters than a column has ("ABCDEFGH1"),
 * and a row number of twenty digits: each a damaged workbook. */
static void references_no_spreadsheet_writes_are_a_damaged_workbook(void **state)
{
    static const struct {
        const char *sheet, *says;
    } cases[] = {
        { SHEET("<row r=\"1\"><c r=\"$A$1\"><v>7</v></c></row>"), "ô mang địa chỉ '$A$1'" },
        { SHEET("<row r=\"1\"><c r=\"12\"><v>7</v></c></row>"), "ô mang địa chỉ '12'" },
        { SHEET("<row r=\"1\"><c r=\"ABCDEFGH1\"><v>7</v></c></row>"),
          "ô mang địa chỉ 'ABCDEFGH1'" },
        { SHEET("<row r=\"99999999999999999999\"><c><v>7</v></c></row>"),
          "dòng mang số '99999999999999999999'" },
    };

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sheet_is_refused(*state, cases[i].sheet, "E_XLSX_BAD_REF", cases[i].says);
        eg_diag_free(&((fixture *)*state)->dl);
    }
}

/* A column past XFD is past what a sheet holds, whatever the limit of
 * fields a build allows. */
static void a_column_past_xfd_is_too_wide_whatever_the_limit(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET("<row r=\"1\"><c r=\"XFE1\"><v>7</v></c></row>") };
    eg_limits lim = { .max_fields = 20000 };
    const eg_diag *d;

    write_book(fx, &b);
    assert_int_equal(read_book(fx, &lim), -1);
    d = only_diag(fx, "E_FILE_TOO_WIDE");
    assert_non_null(strstr(d->message, "cột XFE"));
    assert_int_equal(fx->rows.n, 0);
}

/* What a row says of what is hidden: itself, and the sheet's columns. */
typedef struct {
    int n;
    int hidden[8];          /* by row */
    char cols[32];          /* the hidden columns of row 1: "BCE" */
} hidden_seen;

static int collect_hidden(void *ctx, const eg_row *row)
{
    hidden_seen *h = ctx;

    if (h->n < 8)
        h->hidden[h->n] = row->hidden;
    if (h->n++ == 0)
        for (size_t c = 0; c < row->n_hidden_cols && c < 26; c++)
            if (row->hidden_cols[c])
                h->cols[strlen(h->cols)] = (char)('A' + c);
    return 0;
}

/* Columns hidden (hidden="1" or "true"), or dragged shut (width 0), from
 * min to max, both ends included; a range backwards or a width of "0x"
 * hides nothing.  Rows hidden, or of height 0, are said hidden. */
static void hidden_columns_and_rows_are_said_with_each_row(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = "<worksheet " NS "><cols>"
                         "<col min=\"2\" max=\"3\" hidden=\"1\"/>"
                         "<col min=\"5\" max=\"5\" width=\"0\"/>"
                         "<col min=\"7\" max=\"7\" width=\"0x\"/>"
                         "<col min=\"9\" max=\"8\" hidden=\"1\"/>"
                         "<col min=\"10\" max=\"10\" hidden=\"true\"/>"
                         "</cols><sheetData>"
                         "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                         "<row r=\"2\" hidden=\"true\"><c r=\"A2\"><v>2</v></c></row>"
                         "<row r=\"3\" ht=\"0\" customHeight=\"1\"><c r=\"A3\"><v>3</v></c></row>"
                         "<row r=\"4\" ht=\"0x\"><c r=\"A4\"><v>4</v></c></row>"
                         "</sheetData></worksheet>" };
    hidden_seen h;

    memset(&h, 0, sizeof h);
    write_book(fx, &b);
    assert_int_equal(eg_xlsx_read(fx->path, "book.xlsx", collect_hidden, &h, NULL, &fx->dl), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(h.n, 4);
    assert_string_equal(h.cols, "BCEJ");
    assert_int_equal(h.hidden[0], 0);
    assert_int_equal(h.hidden[1], 1);
    assert_int_equal(h.hidden[2], 1);
    assert_int_equal(h.hidden[3], 0);
}

/* A phonetic run (<rPh>, a reading of Japanese text) is no part of the
 * text; the text after it is. */
static void the_text_after_a_phonetic_run_is_read(void **state)
{
    fixture *fx = *state;
    book b = { .sheet1 = SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>"
                               "<r><t>ab</t></r><rPh sb=\"0\" eb=\"1\"><t>x</t></rPh>"
                               "<r><t>c</t></r></is></c></row>") };

    write_book(fx, &b);
    assert_int_equal(read_book(fx, NULL), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(fx->rows.n, 1);
    assert_string_equal(fx->rows.rows[0].f[0], "abc");
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(legacy_text_in_shared_and_inline_strings_is_converted),
        T(legacy_text_in_the_shared_strings_alone_is_converted),
        T(legacy_inline_text_of_a_sheet_read_in_two_passes_is_converted),
        T(a_date_cell_at_midnight_utc_is_its_day_and_a_time_is_kept),
        T(a_sheet_the_fast_reader_declines_is_read_by_expat_in_one_pass),
        T(two_tcvn3_looking_words_convert_a_plain_sheet_in_one_pass),
        T(an_is_that_is_not_read_is_no_evidence_of_legacy_text),
        T(a_small_sheet_that_would_hold_too_much_is_read_again_alike),
        T(a_word_scanned_before_the_reading_gave_up_is_counted_once),
        T(the_rows_read_carry_the_name_of_the_sheet_they_are_in),
        T(sparse_rows_are_counted_at_what_they_hold),
        T(every_cell_type_becomes_the_text_a_clerk_sees),
        T(error_cells_and_formulas_without_results_are_flagged_empty),
        T(a_row_without_r_is_numbered_by_its_cells_references),
        T(rich_text_runs_are_joined_without_phonetic_runs),
        T(an_inline_string_is_its_is_and_a_v_alone_is_empty),
        T(text_is_nfc_and_xml_escapes_are_decoded),
        T(an_escape_cut_short_not_hex_or_a_surrogate_stays_as_written),
        T(gaps_and_missing_references_keep_spreadsheet_columns_and_rows),
        T(percent_and_date_formats_give_percentages_and_iso_dates),
        T(values_their_format_or_colours_hide_are_marked),
        T(styles_without_a_pattern_type_a_pattern_or_bad_indices_read_as_excel_does),
        T(a_short_palette_keeps_excels_colours_and_a_numfmt_without_id_is_none),
        T(cell_styles_past_the_65536th_are_not_kept),
        T(dates_follow_the_1904_system_when_the_workbook_says_so),
        T(prefixed_elements_are_read_like_plain_ones),
        T(the_report_sheet_is_chosen_by_name_else_the_first_visible),
        T(the_other_visible_sheets_are_probed_and_nothing_said_of_them),
        T(a_damaged_sheet_probed_leaves_the_next_one_probed),
        T(the_1904_date_system_may_be_written_true),
        T(the_workbook_part_is_where_the_package_says),
        T(a_probe_stops_at_its_budget_of_bytes),
        T(a_long_sheet_name_is_cut_between_characters),
        T(a_real_submission_reads_the_same_from_csv_and_from_libxlsxwriter),
        T(merged_ranges_go_with_every_row_in_one_pass_and_in_two),
        T(a_merged_range_that_is_none_is_a_damaged_workbook),
        T(cells_no_spreadsheet_writes_are_a_damaged_workbook),
        T(references_no_spreadsheet_writes_are_a_damaged_workbook),
        T(a_column_past_xfd_is_too_wide_whatever_the_limit),
        T(hidden_columns_and_rows_are_said_with_each_row),
        T(the_text_after_a_phonetic_run_is_read),
        T(a_yes_no_cell_may_hold_true_or_false),
        T(more_merged_ranges_than_the_cap_refuse_the_sheet),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
