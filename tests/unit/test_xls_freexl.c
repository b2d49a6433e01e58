/*
 * test_xls_freexl.c - our .xls reader (extract/xls_biff.c) against FreeXL
 * 1.0.6, the library it replaced, on every workbook FreeXL reads: each
 * cell FreeXL gives (a text, a number, a date) must be the same cell in
 * ours, on every worksheet, and ours may hold only what FreeXL leaves out
 * (formulas' results, yes/no and error cells).  FreeXL is the reference
 * here only: the program does not link it.
 *
 * The workbooks: the unit tests' fixtures that FreeXL can read (chart.xls
 * and long.xls it cannot: a chart on the sheet, texts past about 4,000
 * characters), the demo's two .xls, saved by LibreOffice, and
 * biff5-1252.xls, an Excel 5/95 workbook in Windows-1252.  Not biff5.xls,
 * in Windows-1258: FreeXL 1.0.6 leaves glibc's converter holding each
 * text's last letter (it may take a tone mark after it) and gives it at
 * the start of the next text ("Báo cá", then "oMa don v").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <freexl.h>

#include "core/text.h"
#include "extract/cellfmt.h"
#include "extract/xls_biff.h"

#ifdef EG_SOURCE_DIR
#define ROOT EG_SOURCE_DIR "/"
#else
#define ROOT ""
#endif

/* Our k-th worksheet (FreeXL lists the worksheets alone), or -1. */
static int our_sheet(const eg_biff *b, unsigned k)
{
    for (size_t i = 0; i < b->n_sheets; i++)
        if (b->sheets[i].worksheet && k-- == 0)
            return (int)i;
    return -1;
}

/* FreeXL's name of a sheet is ours, or for an Excel 5/95 workbook the
 * start of ours: FreeXL 1.0.6 cuts such a name of letters outside ASCII
 * short (by as many characters as their UTF-8 has bytes more). */
static void assert_same_name(const char *freexl, const char *ours, int biff5, const char *path)
{
    if (strcmp(freexl, ours) == 0 ||
        (biff5 && strncmp(freexl, ours, strlen(freexl)) == 0 && strlen(freexl) > 0))
        return;
    fail_msg("%s: sheet '%s' of FreeXL's is '%s' of ours", path, freexl, ours);
}

/* FreeXL's text of a cell as ours reads it: NFC, as both readers' texts
 * go to the rules (FreeXL leaves Windows-1258's combining marks apart). */
static void assert_same_text(const char *freexl, const char *ours, const char *where)
{
    char *a = eg_nfc(freexl), *b = eg_nfc(ours);

    if (strcmp(a, b) != 0)
        fail_msg("%s: FreeXL '%s', ours '%s'", where, a, b);
    free(a);
    free(b);
}

/* Compares every worksheet of path; returns the cells FreeXL gave. */
static size_t compare_workbook(const char *path)
{
    const void *h = NULL;
    unsigned n_sheets = 0;
    size_t given = 0;
    const char *why = NULL;
    eg_biff b;

    assert_int_equal(freexl_open(path, &h), FREEXL_OK);
    assert_non_null(h);
    if (eg_biff_open(&b, path, &why) != 0)
        fail_msg("%s: ours refused it: %s", path, why);
    assert_int_equal(freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &n_sheets), FREEXL_OK);
    assert_true(n_sheets > 0);
    for (unsigned i = 0; i < n_sheets; i++) {
        const char *name = NULL;
        unsigned rows = 0;
        unsigned short cols = 0;
        int k;

        assert_int_equal(freexl_get_worksheet_name(h, (unsigned short)i, &name), FREEXL_OK);
        k = our_sheet(&b, i);
        if (k < 0)
            fail_msg("%s: sheet '%s' of FreeXL's is not ours", path, name);
        assert_same_name(name, b.sheets[k].name, b.biff5, path);
        assert_int_equal(freexl_select_active_worksheet(h, (unsigned short)i), FREEXL_OK);
        assert_int_equal(freexl_worksheet_dimensions(h, &rows, &cols), FREEXL_OK);
        if (eg_biff_read_sheet(&b, (size_t)k, &why) != 0)
            fail_msg("%s: ours refused sheet '%s': %s", path, name, why);
        assert_true(b.rows <= rows);
        assert_true(b.cols <= cols);
        for (unsigned r = 0; r < rows; r++)
            for (unsigned short c = 0; c < cols; c++) {
                const eg_biff_cell *x = eg_biff_cell_at(&b, r, c);
                FreeXL_CellValue v;
                char where[600];

                snprintf(where, sizeof where, "%s, %s!R%uC%u", path, name, r + 1, c + 1u);
                assert_int_equal(freexl_get_cell_value(h, r, c, &v), FREEXL_OK);
                switch (v.type) {
                case FREEXL_CELL_NULL:
                    /* what FreeXL leaves out: a formula, a yes/no or error cell */
                    if (x && !x->formula && x->what != EG_BIFF_BOOL && x->what != EG_BIFF_ERROR)
                        fail_msg("%s: a cell FreeXL does not give", where);
                    continue;
                case FREEXL_CELL_INT:
                    if (!x || x->what != EG_BIFF_NUM || x->num != (double)v.value.int_value)
                        fail_msg("%s: FreeXL %d, ours not that number", where,
                                 v.value.int_value);
                    break;
                case FREEXL_CELL_DOUBLE:
                    if (!x || x->what != EG_BIFF_NUM || x->num != v.value.double_value)
                        fail_msg("%s: FreeXL %.17g, ours not that number", where,
                                 v.value.double_value);
                    break;
                case FREEXL_CELL_TEXT:
                case FREEXL_CELL_SST_TEXT:
                    if (!x || (x->what != EG_BIFF_STR && x->what != EG_BIFF_SST))
                        fail_msg("%s: FreeXL '%s', ours no text", where, v.value.text_value);
                    assert_same_text(v.value.text_value, eg_biff_cell_text(&b, x), where);
                    break;
                case FREEXL_CELL_DATE: {
                    char text[EG_CELL_TEXT_MAX];

                    if (!x || x->what != EG_BIFF_NUM || x->kind != EG_CELL_DATE)
                        fail_msg("%s: FreeXL a date, ours none", where);
                    assert_string_equal(eg_cell_number_text(text, sizeof text, x->num,
                                                            EG_CELL_DATE, b.date1904),
                                        v.value.text_value);
                    break;
                }
                case FREEXL_CELL_DATETIME:
                case FREEXL_CELL_TIME:
                    if (!x || x->what != EG_BIFF_NUM ||
                        (x->kind != EG_CELL_DATE && x->kind != EG_CELL_TIME))
                        fail_msg("%s: FreeXL a date or time, ours none", where);
                    break;
                default:
                    fail_msg("%s: FreeXL's cell of type %d", where, (int)v.type);
                }
                given++;
            }
    }
    eg_biff_free(&b);
    freexl_close(h);
    return given;
}

static void every_cell_freexl_gives_is_ours(void **state)
{
    static const struct {
        const char *path;
        size_t cells;                /* the cells FreeXL gives: it read them all */
    } books[] = {
        { "tests/fixtures/xls/cells.xls", 45 },
        { "tests/fixtures/xls/hidden.xls", 7 },
        { "tests/fixtures/xls/probe.xls", 8 },
        { "tests/fixtures/xls/tcvn3.xls", 12 },
        { "tests/fixtures/xls/merged.xls", 15 },
        { "tests/fixtures/xls/biff5-1252.xls", 14 },
        { "input/2020/submissions/sgtvt.xls", 175 },
        { "input/2020/submissions/ducco.xls", 1353 },
    };

    (void)state;
    for (size_t i = 0; i < sizeof books / sizeof books[0]; i++) {
        char path[512];
        size_t given;

        snprintf(path, sizeof path, "%s%s", ROOT, books[i].path);
        given = compare_workbook(path);
        if (given != books[i].cells)
            fail_msg("%s: FreeXL gave %zu cells, not %zu", path, given, books[i].cells);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_cell_freexl_gives_is_ours),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
