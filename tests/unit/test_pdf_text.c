/*
 * test_pdf_text.c - write/pdf_text.h: the widths eg_pdf_text_width keeps
 * between eg_pdf_widths_begin and _end are libharu's, for every kind of
 * text (ASCII, Vietnamese, punctuation, what is past the kept code points
 * and what is not UTF-8 at all); and a document measured with them is the
 * same document, byte for byte, as one measured by libharu alone (the
 * glyphs a measuring marks for embedding included).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <math.h>
#include <string.h>

#include <hpdf.h>

#include "hpdf_support.h"
#include "write/pdf.h"
#include "write/pdf_font.h"
#include "write/pdf_text.h"

#define FACE EG_PDF_FONT_DIR "/NotoSerif-Regular.ttf"
#define FACE_BOLD EG_PDF_FONT_DIR "/NotoSerif-Bold.ttf"

static const char *const samples[] = {
    "",
    "Kết quả xây dựng Chính quyền điện tử năm 2020",
    "ĐƯỢC Ơ Ư đ ơ ư — “trích dẫn” … 98,98% ₫ № ■",
    "Sở Thông tin và Truyền thông, Huyện Chư Pưh, Xã Ia Dreng",
    "tab\there and\r\nline ends",
    "U+25FF ◿ then U+2600 ☀ and ✓ past the kept ones",
    "\xF0\x9F\x98\x80 an emoji (four bytes)",
    "stray \x80 continuation",
    "truncated \xE1\xBA",
    "overlong \xC0\x80 and \xE0\x80\x80",
    "surrogate \xED\xA0\x80",
    "lone lead \xC3 then text",
};
#define N_SAMPLES (sizeof samples / sizeof *samples)

/* A document with the UTF-8 encoder and two cut-down faces. */
static HPDF_Doc new_doc(HPDF_Font *reg, HPDF_Font *bold)
{
    HPDF_Doc pdf = HPDF_New(eg_test_hpdf_no_error, NULL);
    const char *name;
    int trimmed = 0;

    assert_non_null(pdf);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    name = eg_pdf_load_face(pdf, FACE, &trimmed);
    assert_true(trimmed);
    *reg = eg_pdf_get_font(pdf, name);
    name = eg_pdf_load_face(pdf, FACE_BOLD, &trimmed);
    assert_true(trimmed);
    *bold = eg_pdf_get_font(pdf, name);
    assert_non_null(*reg);
    assert_non_null(*bold);
    return pdf;
}

static void kept_widths_are_libharus(void **state)
{
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    double plain[2][N_SAMPLES];

    (void)state;
    for (size_t i = 0; i < N_SAMPLES; i++) {
        plain[0][i] = eg_pdf_text_width(reg, 11, samples[i], strlen(samples[i]));
        plain[1][i] = eg_pdf_text_width(bold, 11, samples[i], strlen(samples[i]));
    }
    assert_true(plain[0][1] > 0);
    assert_true(plain[1][1] != plain[0][1]);    /* the faces differ */
    eg_pdf_widths_begin();
    for (int round = 0; round < 2; round++)     /* measured, then kept */
        for (size_t i = 0; i < N_SAMPLES; i++) {
            assert_true(eg_pdf_text_width(reg, 11, samples[i], strlen(samples[i])) ==
                        plain[0][i]);
            assert_true(eg_pdf_text_width(bold, 11, samples[i], strlen(samples[i])) ==
                        plain[1][i]);
        }
    /* a text measured in pieces adds up to the text (at 1000 points, the
     * widths are libharu's whole numbers) */
    assert_true(eg_pdf_text_width(reg, 1000, "Kết quả", strlen("Kết quả")) +
                    eg_pdf_text_width(reg, 1000, " xây", strlen(" xây")) ==
                eg_pdf_text_width(reg, 1000, "Kết quả xây", strlen("Kết quả xây")));
    eg_pdf_widths_end();
    HPDF_Free(pdf);
}

/* Measures then draws every sample in a document, with the widths kept
 * or not; returns the saved bytes. */
static char *measured_and_drawn(int keep, HPDF_UINT32 *n)
{
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    HPDF_Page page;
    char *buf;
    double y = 800;

    HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
    if (keep)
        eg_pdf_widths_begin();
    /* measured only: "…" and "☀" are never drawn, "₫" only in bold */
    eg_pdf_text_width(reg, 10, "… ☀ ₫", strlen("… ☀ ₫"));
    for (size_t i = 0; i < N_SAMPLES; i++)
        eg_pdf_text_width(reg, 10, samples[i], strlen(samples[i]));
    page = HPDF_AddPage(pdf);
    HPDF_Page_BeginText(page);
    for (size_t i = 1; i < 5; i++) {
        HPDF_Page_SetFontAndSize(page, i % 2 ? reg : bold, 10);
        HPDF_Page_TextOut(page, 40, y, samples[i]);
        y -= 14;
    }
    HPDF_Page_EndText(page);
    if (keep)
        eg_pdf_widths_end();
    buf = eg_test_hpdf_saved(pdf, n);
    HPDF_Free(pdf);
    return buf;
}

static void a_document_measured_with_kept_widths_is_the_same(void **state)
{
    HPDF_UINT32 na, nb;
    char *a = measured_and_drawn(0, &na), *b = measured_and_drawn(1, &nb);

    (void)state;
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, na);
    free(a);
    free(b);
}

/* Widths are kept between begin and end only, and end lets go of them
 * all: outside, every measuring is libharu's. */
static void nothing_is_kept_outside(void **state)
{
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    double w = eg_pdf_text_width(reg, 12, "Gia Lai", 7);

    (void)state;
    assert_int_equal(eg_pdf_widths_fonts(), 0);
    eg_pdf_widths_begin();
    assert_int_equal(eg_pdf_widths_fonts(), 0);
    assert_true(eg_pdf_text_width(reg, 12, "Gia Lai", 7) == w);
    assert_true(eg_pdf_text_width(bold, 12, "Gia Lai", 7) != w);
    assert_int_equal(eg_pdf_widths_fonts(), 2);
    eg_pdf_widths_end();
    assert_int_equal(eg_pdf_widths_fonts(), 0);
    assert_true(eg_pdf_text_width(reg, 12, "Gia Lai", 7) == w);
    assert_int_equal(eg_pdf_widths_fonts(), 0);
    HPDF_Free(pdf);
}

/* A text cut short to one line ends after a whole word, then "…"; a
 * single word wider than the line is cut within it. */
static void a_text_cut_short_ends_after_a_whole_word(void **state)
{
    static const char name[] = "Trung tâm Phục vụ hành chính công trên địa bàn tỉnh Gia Lai";
    eg_pdf_lines l = { 0 };
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);

    (void)state;
    for (double w = 60; w <= 200; w += 7) {
        const eg_pdf_line *ln;

        eg_pdf_lines_clear(&l);
        assert_int_equal(eg_pdf_break(reg, 9, name, w, w, 1, &l), 1);
        ln = &l.v[0];
        assert_true(ln->cut);
        assert_true(ln->width <= w + 1e-6);
        assert_true(ln->end > ln->start);
        if (name[ln->end] != ' ' || name[ln->end - 1] == ' ')
            fail_msg("width %.0f: cut inside a word: '%.*s…'", w, (int)(ln->end - ln->start),
                     name + ln->start);
    }
    eg_pdf_lines_clear(&l);
    assert_int_equal(eg_pdf_break(reg, 9, "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bb", 40, 40, 1,
                                  &l), 1);
    assert_true(l.v[0].cut && l.v[0].end > 0 && l.v[0].end < 39);
    eg_pdf_lines_free(&l);
    HPDF_Free(pdf);
}

/* The first line of text broken at the width of its first `fits` bytes
 * (and a little more): where it ends. */
static size_t first_line_end(HPDF_Font font, const char *text, size_t fits)
{
    eg_pdf_lines l = { 0 };
    double w = eg_pdf_text_width(font, 13, text, fits) + 1;
    size_t end;

    assert_true(eg_pdf_break(font, 13, text, w, w, 0, &l) >= 2);
    end = l.v[0].end;
    assert_true(l.v[0].width <= w);
    eg_pdf_lines_free(&l);
    return end;
}

/* A figure is not left at the end of a line without the word it counts
 * ("140,28" alone, "điểm" on the next line); a figure that the word
 * before it names ("năm 2020"), or one that ends its phrase ("100%",
 * "2020,"), may end a line; a figure alone on its line stays. */
static void a_figure_goes_to_the_next_line_with_its_unit(void **state)
{
    static const char score[] = "xếp thứ 2 là Thành phố Pleiku đạt 140,28 điểm; xếp thứ 3";
    static const char money[] = "trong năm 2020 là 40.480.000.000 đồng.";
    static const char year[] = "Chính quyền điện tử năm 2020 của Ủy ban";
    static const char rate[] = "có kết nối Internet đạt 100% đơn vị cấp xã";
    static const char comma[] = "ngoài các cuộc họp năm 2019, 2020, tỉnh với";
    static const char alone[] = "403.086 hồ sơ";
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    const char *p;

    (void)state;
    p = strstr(score, " 140,28");
    assert_int_equal(first_line_end(reg, score, (size_t)(p + 7 - score)), (size_t)(p - score));
    p = strstr(money, " 40.480");
    assert_int_equal(first_line_end(reg, money, (size_t)(p + 15 - money)), (size_t)(p - money));
    p = strstr(year, " của");
    assert_int_equal(first_line_end(reg, year, (size_t)(p - year)), (size_t)(p - year));
    p = strstr(rate, " đơn");
    assert_int_equal(first_line_end(reg, rate, (size_t)(p - rate)), (size_t)(p - rate));
    p = strstr(comma, " tỉnh");
    assert_int_equal(first_line_end(reg, comma, (size_t)(p - comma)), (size_t)(p - comma));
    assert_int_equal(first_line_end(reg, alone, 7), 7);
    HPDF_Free(pdf);
}

/* A paragraph's last line of one short word takes the word before it
 * down ("tỉnh / Gia Lai." rather than "tỉnh Gia / Lai."), when the line
 * above keeps three fifths of its width; eg_pdf_break alone (table cells)
 * does not; nor does a paragraph whose line above would be left short,
 * or with gaps wider than two and a half spaces, or whose last word is
 * long. */
static void a_paragraphs_last_word_does_not_stand_alone(void **state)
{
    static const char text[] = "Sau đây là một số kết quả chung đã đạt được tỉnh Gia Lai.";
    static const char two[] = "Gia Lai.";
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    const char *lai = strstr(text, "Lai."), *gia = strstr(text, "Gia Lai.");
    /* the first line holds all but "Lai." */
    double w = eg_pdf_text_width(reg, 13, text, (size_t)(lai - 1 - text)) + 1;
    eg_pdf_lines l = { 0 };

    (void)state;
    assert_int_equal(eg_pdf_break(reg, 13, text, w, w, 0, &l), 2);
    assert_int_equal(l.v[1].start, (size_t)(lai - text));
    eg_pdf_lines_clear(&l);
    assert_int_equal(eg_pdf_break_flow(reg, 13, text, w, w, &l), 2);
    assert_int_equal(l.v[0].end, (size_t)(gia - 1 - text));
    assert_int_equal(l.v[1].start, (size_t)(gia - text));
    assert_int_equal(l.v[1].end, strlen(text));
    assert_true(l.v[1].last && !l.v[0].last);
    assert_true(fabs(l.v[1].width - eg_pdf_text_width(reg, 13, two, strlen(two))) < 0.01);
    assert_true(fabs(l.v[0].width - eg_pdf_text_width(reg, 13, text, (size_t)(gia - 1 - text)))
                < 0.01);
    eg_pdf_lines_clear(&l);
    /* the line above would keep less than three fifths: left as it is */
    {
        static const char short_words[] = "Tỉnh Pleiku-Chư-Păh-Đăk-Đoa Lai.";
        const char *s_lai = strstr(short_words, "Lai.");
        double sw = eg_pdf_text_width(reg, 13, short_words, (size_t)(s_lai - 1 - short_words)) + 1;

        assert_int_equal(eg_pdf_break_flow(reg, 13, short_words, sw, sw, &l), 2);
        assert_int_equal(l.v[1].start, (size_t)(s_lai - short_words));
        eg_pdf_lines_clear(&l);
    }
    /* taking "thông" down would leave "Kết nối liên" justified across
     * the whole width, two gaps of more than two and a half spaces each:
     * left as it is */
    {
        static const char loose[] = "Kết nối liên thông tin.";
        const char *tin = strstr(loose, "tin."), *thong = strstr(loose, "thông");
        double lw = eg_pdf_text_width(reg, 13, loose, (size_t)(tin - 1 - loose)) + 1;
        double sp = eg_pdf_text_width(reg, 13, " ", 1);
        double kept = eg_pdf_text_width(reg, 13, loose, (size_t)(thong - 1 - loose));

        assert_true(kept >= lw * 0.6);
        assert_true((lw - kept) / 2 > 1.5 * sp);
        assert_int_equal(eg_pdf_break_flow(reg, 13, loose, lw, lw, &l), 2);
        assert_int_equal(l.v[1].start, (size_t)(tin - loose));
        eg_pdf_lines_clear(&l);
    }
    /* a last word wider than a quarter of the line stays alone, though
     * the word before it would fit beside it */
    {
        static const char wide[] = "aaa bbb ccc eee fff ddddddd";
        const char *d = strstr(wide, "ddddddd");
        double ww = eg_pdf_text_width(reg, 13, wide, (size_t)(d - 1 - wide)) + 1;

        assert_true(eg_pdf_text_width(reg, 13, d, 7) > ww / 4);
        assert_true(eg_pdf_text_width(reg, 13, "fff ddddddd", 11) < ww);
        assert_int_equal(eg_pdf_break_flow(reg, 13, wide, ww, ww, &l), 2);
        assert_int_equal(l.v[1].start, (size_t)(d - wide));
    }
    eg_pdf_lines_free(&l);
    HPDF_Free(pdf);
}

/* The word a paragraph's last line takes down is not one a figure counts:
 * "403.086 hồ / sơ." becomes "/ 403.086 hồ sơ.", not "403.086 / hồ sơ.",
 * which would leave the figure at the line's end without its unit; a
 * figure the word before it names ("năm 2020") may stay behind. */
static void a_last_line_mended_does_not_leave_a_figure_behind(void **state)
{
    static const char text[] = "Trong năm qua, các cơ quan nhà nước trên địa bàn của tỉnh đã "
                               "tiếp nhận và giải quyết 403.086 hồ sơ.";
    static const char named[] = "Các cơ quan đã thực hiện số liệu của năm 2020 hồ sơ.";
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    const char *so = strstr(text, "sơ."), *fig = strstr(text, "403.086");
    double w = eg_pdf_text_width(reg, 13, text, (size_t)(so - 1 - text)) + 1;
    eg_pdf_lines l = { 0 };

    (void)state;
    /* the break alone: "... 403.086 hồ" / "sơ." */
    assert_int_equal(eg_pdf_break(reg, 13, text, w, w, 0, &l), 2);
    assert_int_equal(l.v[1].start, (size_t)(so - text));
    eg_pdf_lines_clear(&l);
    assert_int_equal(eg_pdf_break_flow(reg, 13, text, w, w, &l), 2);
    assert_int_equal(l.v[0].end, (size_t)(fig - 1 - text));
    assert_int_equal(l.v[1].start, (size_t)(fig - text));
    assert_true(fabs(l.v[1].width - eg_pdf_text_width(reg, 13, fig, strlen(fig))) < 0.01);
    eg_pdf_lines_clear(&l);
    /* "năm 2020" names the year: "hồ" alone goes down */
    so = strstr(named, "sơ.");
    w = eg_pdf_text_width(reg, 13, named, (size_t)(so - 1 - named)) + 1;
    assert_int_equal(eg_pdf_break_flow(reg, 13, named, w, w, &l), 2);
    assert_int_equal(l.v[1].start, (size_t)(strstr(named, "hồ sơ.") - named));
    eg_pdf_lines_free(&l);
    HPDF_Free(pdf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kept_widths_are_libharus),
        cmocka_unit_test(a_document_measured_with_kept_widths_is_the_same),
        cmocka_unit_test(nothing_is_kept_outside),
        cmocka_unit_test(a_text_cut_short_ends_after_a_whole_word),
        cmocka_unit_test(a_figure_goes_to_the_next_line_with_its_unit),
        cmocka_unit_test(a_paragraphs_last_word_does_not_stand_alone),
        cmocka_unit_test(a_last_line_mended_does_not_leave_a_figure_behind),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
