/*
 * test_pdf_text.c - write/pdf_text.h: the widths eg_pdf_text_width keeps
 * between eg_pdf_widths_begin and _end are libharu's, for every kind of
 * text (ASCII, Vietnamese, punctuation, what is past the kept code points
 * and what is not UTF-8 at all); and a document measured with them is the
 * same document, byte for byte, as one measured by libharu alone (the
 * glyphs a measuring marks for embedding included); and the lines a text
 * breaks into (each fitting, a long word cut after a '/', a figure kept
 * with its unit, a last word not left alone, a heading's two lines, "…"
 * after a text cut short) and where their words are drawn (justified to
 * both edges but for a paragraph's last line, centred, right-aligned).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
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

/* The width of a line as drawn: its words joined by single spaces, then
 * "…" when it is cut. */
static double drawn_width(HPDF_Font font, double size, const char *text, const eg_pdf_line *ln)
{
    char buf[512];
    size_t n = 0, pos = ln->start;

    while (pos < ln->end) {
        while (pos < ln->end && strchr(" \t\r\n", text[pos]))
            pos++;
        if (pos >= ln->end)
            break;
        if (n)
            buf[n++] = ' ';
        while (pos < ln->end && !strchr(" \t\r\n", text[pos]) && n < sizeof buf - 4)
            buf[n++] = text[pos++];
    }
    if (ln->cut) {
        memcpy(buf + n, "\xE2\x80\xA6", 3);
        n += 3;
    }
    return eg_pdf_text_width(font, size, buf, n);
}

/* Every line of a paragraph, with an indented (shorter) first line, a long
 * address and figures in it, is no wider than its own width, and its
 * width is that of what is drawn: its words one space apart; the lines
 * hold every character of the text, in order. */
static void every_line_fits_and_measures_what_it_draws(void **state)
{
    static const char text[] = "Cổng Dịch vụ công của tỉnh tại https://dichvucong.gialai.gov.vn/"
                               "portal/p/home/dvc-gioi-thieu.html đã tiếp nhận 403.086 hồ sơ, "
                               "đạt 98,98%; Trung tâm Phục vụ hành chính công trên địa bàn tỉnh.";
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    eg_pdf_lines l = { 0 };

    (void)state;
    for (double w = 50; w <= 330; w += 9)
        for (int flow = 0; flow < 3; flow++) {
            double first = w * 0.8;
            size_t n, pos = 0;

            eg_pdf_lines_clear(&l);
            n = flow == 0   ? eg_pdf_break(reg, 11, text, first, w, 0, &l)
                : flow == 1 ? eg_pdf_break_flow(reg, 11, text, first, w, &l)
                            : eg_pdf_break(reg, 11, text, first, w, 2, &l);
            assert_int_equal(n, l.n);
            for (size_t i = 0; i < n; i++) {
                const eg_pdf_line *ln = &l.v[i];
                double avail = i == 0 ? first : w;

                if (ln->width > avail + 0.01)
                    fail_msg("width %.0f, line %zu: %.2f wide in %.2f", w, i, ln->width, avail);
                if (fabs(ln->width - drawn_width(reg, 11, text, ln)) > 0.01)
                    fail_msg("width %.0f, line %zu: said %.2f wide, drawn %.2f", w, i, ln->width,
                             drawn_width(reg, 11, text, ln));
                assert_true(ln->end > ln->start);
                /* nothing but white space between one line and the next */
                for (; pos < ln->start; pos++)
                    assert_non_null(strchr(" \t\r\n", text[pos]));
                pos = ln->end;
            }
            if (flow < 2)
                assert_int_equal(pos, strlen(text));
            else
                assert_true(l.v[n - 1].cut);
        }
    eg_pdf_lines_free(&l);
    HPDF_Free(pdf);
}

/* Where the first line of text ends, broken at width (first_width for
 * the first line). */
static size_t first_end(HPDF_Font font, const char *text, double first_width, double width)
{
    eg_pdf_lines l = { 0 };
    size_t end;

    assert_true(eg_pdf_break(font, 13, text, first_width, width, 0, &l) >= 2);
    end = l.v[0].end;
    eg_pdf_lines_free(&l);
    return end;
}

/* A word wider than the line is cut after the last '/' in the second half
 * of what fits, else after a '-' (or '?', '&', '=', '_'), else after a '.'
 * that is not a thousands mark, else where the line is full. */
static void a_word_wider_than_the_line_breaks_after_a_slash_near_its_end(void **state)
{
    static const struct {
        const char *word;
        size_t fits, end;
    } cases[] = {
        { "abcdefgh/ijklmnop/qrstuvwxyz", 22, 18 },    /* the last '/' */
        { "abcdefghij/klmnopqrstuvwxyz", 20, 11 },     /* a '/' just past the half */
        { "abcdefgh/ijklmnopqrstuvwxyz", 20, 20 },     /* a '/' in the first half: none */
        { "abcdefghijkl-mnopq/rstuvwxyz", 22, 19 },    /* '/' before '-' */
        { "abcdefghijkl-mnopqrstuvwxyz", 20, 13 },     /* else '-' */
        { "abcdefghijkl.mnopqrstuvwxyz", 20, 13 },     /* else '.' */
        { "abcdefgh.ijklmn.1234567890", 20, 20 },      /* not a thousands mark */
        { "abcdefgh.ijklmn.0234567890", 20, 20 },      /* nor before a 0 */
    };
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double w = eg_pdf_text_width(reg, 13, cases[i].word, cases[i].fits) + 0.5;

        if (first_end(reg, cases[i].word, w, w) != cases[i].end)
            fail_msg("'%s' at the width of %zu bytes: cut at %zu, not %zu", cases[i].word,
                     cases[i].fits, first_end(reg, cases[i].word, w, w), cases[i].end);
    }
    HPDF_Free(pdf);
}

/* A text as wide as its line, give or take rounding, stays on it; so does
 * the part of a word too long for a line that fits it. */
static void a_text_as_wide_as_its_line_stays_on_it(void **state)
{
    static const char text[] = "Kết quả xây dựng Chính quyền điện tử";
    static const char word[] = "abcdefghijklmnopqrstuvwxyz";
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    eg_pdf_lines l = { 0 };
    double w = eg_pdf_text_width(reg, 13, text, strlen(text)) - 0.005;

    (void)state;
    assert_int_equal(eg_pdf_break(reg, 13, text, w, w, 0, &l), 1);
    assert_int_equal(l.v[0].end, strlen(text));
    w = eg_pdf_text_width(reg, 13, word, 10) - 0.005;
    assert_int_equal(first_end(reg, word, w, w), 10);
    eg_pdf_lines_free(&l);
    HPDF_Free(pdf);
}

/* A word no line can hold starts on the line it comes to when at least
 * four bytes of it fit there, else on the next; one that the next line
 * holds whole goes there whole, though the first line (indented) could
 * not; a first word wider than the first line is cut to it. */
static void a_long_word_starts_where_enough_of_it_fits(void **state)
{
    static const char text[] = "Xem abcdefghijklmnopqrstuvwxyzabcdefghij";
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    const char *word = text + 4;
    double xem = eg_pdf_text_width(reg, 13, "Xem ", 4);
    double whole = eg_pdf_text_width(reg, 13, word, strlen(word));
    double w;

    (void)state;
    /* room for three bytes of it: it goes down */
    w = xem + eg_pdf_text_width(reg, 13, word, 3) + 0.5;
    assert_int_equal(first_end(reg, text, w, w), 3);
    /* room for eight: they stay */
    w = xem + eg_pdf_text_width(reg, 13, word, 8) + 0.5;
    assert_int_equal(first_end(reg, text, w, w), 4 + 8);
    /* the next line holds it whole: it goes there whole */
    w = xem + eg_pdf_text_width(reg, 13, word, 8) + 0.5;
    assert_int_equal(first_end(reg, text, w, whole + 1), 3);
    /* the first word wider than the first line, not the others: cut */
    w = eg_pdf_text_width(reg, 13, word, 10) + 0.5;
    assert_int_equal(first_end(reg, word, w, whole + 1), 10);
    HPDF_Free(pdf);
}

/* A '\n' ends a paragraph: the line before it is its last (not
 * justified); a paragraph of one short word does not take a word from
 * the one before it. */
static void a_line_before_a_newline_ends_its_paragraph(void **state)
{
    static const char text[] = "Các cơ quan nhà nước của tỉnh đã thực hiện.\nLai.";
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    eg_pdf_lines l = { 0 };
    const char *nl = strchr(text, '\n');
    double w = eg_pdf_text_width(reg, 13, text, (size_t)(nl - text)) + 1;

    (void)state;
    assert_int_equal(eg_pdf_break_flow(reg, 13, text, w, w, &l), 2);
    assert_int_equal(l.v[0].end, (size_t)(nl - text));
    assert_true(l.v[0].last);
    assert_int_equal(l.v[1].start, (size_t)(nl + 1 - text));
    assert_true(l.v[1].last);
    eg_pdf_lines_free(&l);
    HPDF_Free(pdf);
}

/* A text that its lines hold is not cut, however few they may be. */
static void a_text_its_lines_hold_is_not_cut(void **state)
{
    static const char text[] = "Gia Lai";
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    eg_pdf_lines l = { 0 };
    double w = eg_pdf_text_width(reg, 13, "Gia", 3) + 1;

    (void)state;
    assert_int_equal(eg_pdf_break(reg, 13, text, 200, 200, 1, &l), 1);
    assert_false(l.v[0].cut);
    eg_pdf_lines_clear(&l);
    assert_int_equal(eg_pdf_break(reg, 13, text, w, w, 2, &l), 2);
    assert_false(l.v[0].cut || l.v[1].cut);
    assert_true(fabs(l.v[1].width - eg_pdf_text_width(reg, 13, "Lai", 3)) < 0.01);
    eg_pdf_lines_free(&l);
    HPDF_Free(pdf);
}

/* A text cut short keeps every whole word that leaves room for "…". */
static void a_text_cut_short_keeps_every_word_that_fits_before_its_ellipsis(void **state)
{
    static const char name[] = "Trung tâm Phục vụ hành chính công trên địa bàn tỉnh Gia Lai";
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    eg_pdf_lines l = { 0 };

    (void)state;
    for (double w = 60; w < eg_pdf_text_width(reg, 9, name, strlen(name)); w += 3) {
        const eg_pdf_line *ln;
        const char *next;

        eg_pdf_lines_clear(&l);
        assert_int_equal(eg_pdf_break(reg, 9, name, w, w, 1, &l), 1);
        ln = &l.v[0];
        assert_true(ln->cut && ln->last);
        next = strchr(name + ln->end + 1, ' ');
        if (!next)
            next = name + strlen(name);
        /* the line and the next word, then "…", would not fit */
        if (eg_pdf_text_width(reg, 9, name, (size_t)(next - name)) +
                eg_pdf_text_width(reg, 9, "\xE2\x80\xA6", 3) <= w)
            fail_msg("width %.0f: '%.*s…' leaves out a word that fits", w, (int)ln->end, name);
    }
    eg_pdf_lines_free(&l);
    HPDF_Free(pdf);
}

/* Breaks text (two lines: all but its last word, then that word) with
 * eg_pdf_break_flow; where the second line starts. */
static size_t mended_start(HPDF_Font font, const char *text, double first_width, double width)
{
    eg_pdf_lines l = { 0 };
    size_t start;

    assert_int_equal(eg_pdf_break_flow(font, 13, text, first_width, width, &l), 2);
    start = l.v[1].start;
    eg_pdf_lines_free(&l);
    return start;
}

/* The limits of taking a word down to a paragraph's last line, each at
 * its edge: the last word no wider than a quarter of the line, the line
 * above keeping three fifths of its own width (an indented first line's
 * own), the two words and a space fitting the last line, the gaps left
 * above no wider than one and a half spaces more (counting a run of
 * spaces as one gap). */
static void a_last_word_is_joined_only_within_the_limits(void **state)
{
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    double sp, w;
    char text[256];

    (void)state;
    sp = eg_pdf_text_width(reg, 13, " ", 1);
    /* a last word just wider than a quarter of the line: alone */
    {
        static const char head[] = "aa bb cc dd ee ff gg hh ii ";
        size_t k = 1;

        w = eg_pdf_text_width(reg, 13, head, strlen(head) - 1) + 1;
        for (;; k++) {
            memset(text, 0, sizeof text);
            strcpy(text, head);
            memset(text + strlen(head), 'o', k);
            if (eg_pdf_text_width(reg, 13, text + strlen(head), k) > w / 4)
                break;
        }
        assert_true(eg_pdf_text_width(reg, 13, text + strlen(head), k) < w / 3);
        assert_int_equal(mended_start(reg, text, w, w), strlen(head));
        /* one 'o' fewer: joined */
        text[strlen(text) - 1] = '\0';
        assert_int_equal(mended_start(reg, text, w, w), strlen(head) - 3);
    }
    /* the line above keeps 11/20 of its width, between a half and three
     * fifths: left alone */
    {
        static const char t[] = "xxxxxxxxxxx yyyyyyyy Lai.";
        double kept = eg_pdf_text_width(reg, 13, t, 11);

        w = eg_pdf_text_width(reg, 13, t, 20) + 1;
        assert_true(kept < 0.6 * w && kept > 0.5 * w);
        assert_int_equal(mended_start(reg, t, w, w), 21);
    }
    /* a first line indented: measured against its own width, the line
     * above keeps enough, though not three fifths of the other lines' */
    {
        static const char t[] = "Sau đây là một số kết quả chung đã đạt được tỉnh Gia Lai.";
        const char *lai = strstr(t, "Lai."), *gia = strstr(t, "Gia Lai.");

        w = eg_pdf_text_width(reg, 13, t, (size_t)(lai - 1 - t)) + 1;
        assert_int_equal(mended_start(reg, t, w, w), (size_t)(gia - t));
        assert_int_equal(mended_start(reg, t, w, 2 * w), (size_t)(gia - t));
    }
    /* the last line holds the two words but not the space between them:
     * left alone */
    {
        static const char moved[] = "oooooooooooooooooo";
        double mw = eg_pdf_text_width(reg, 13, moved, strlen(moved));
        double lw = eg_pdf_text_width(reg, 13, "Lai.", 4), first;
        size_t head;

        text[0] = '\0';
        for (int i = 0; i < 30; i++)
            strcat(text, "aa ");
        head = strlen(text);
        strcat(text, moved);
        strcat(text, " Lai.");
        first = eg_pdf_text_width(reg, 13, text, strlen(text) - 5) + 1;
        w = mw + lw + sp / 2;
        assert_true(lw <= w / 4);
        assert_int_equal(mended_start(reg, text, first, w), strlen(text) - 4);
        w = mw + lw + sp + 0.005;
        assert_int_equal(mended_start(reg, text, first, w), head);
    }
    /* gaps stretched by between one and a half and two and a half spaces:
     * left alone, runs of spaces counting as one gap */
    {
        size_t k;
        char single[sizeof text + 16];

        for (k = 1; k < 40; k++) {
            double kept, stretch;

            memset(text, 0, sizeof text);
            strcpy(text, "aaaa  bbbb  cccc ");
            memset(text + strlen(text), 'i', k);
            snprintf(single, sizeof single, "aaaa bbbb cccc %s", text + 17);
            strcat(text, " ở.");
            w = eg_pdf_text_width(reg, 13, single, strlen(single)) + 1;
            kept = eg_pdf_text_width(reg, 13, "aaaa bbbb cccc", 14);
            stretch = (w - kept) / 2;
            assert_true(eg_pdf_text_width(reg, 13, " ở.", strlen(" ở.")) <= w / 4);
            if (stretch > 1.5 * sp) {
                assert_true(stretch < 2.5 * sp && stretch / 2 < 1.5 * sp);
                assert_true(kept >= 0.6 * w);
                assert_int_equal(mended_start(reg, text, w, w), (size_t)(strstr(text, "ở.") - text));
                break;
            }
            assert_int_equal(mended_start(reg, text, w, w), 17);
        }
        assert_true(k < 40);
    }
    HPDF_Free(pdf);
}

/* A centred heading: one line when it fits, else the two lines that make
 * the longer one shortest with the first no shorter than the second, else
 * the most even pair of lines that fit, else as many lines as it takes,
 * each fitting. */
static void a_heading_breaks_into_two_lines_the_first_the_longer(void **state)
{
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    eg_pdf_lines l = { 0 };
    double w;

    (void)state;
    /* fits, with half a point to spare: one line */
    w = eg_pdf_text_width(bold, 13, "TỈNH GIA LAI", strlen("TỈNH GIA LAI")) + 0.5;
    assert_int_equal(eg_pdf_break_balanced(bold, 13, "TỈNH GIA LAI", w, &l), 1);
    eg_pdf_lines_clear(&l);
    /* two equal halves: broken between them */
    w = eg_pdf_text_width(reg, 13, "Gia Lai Gia Lai", 15) - 1;
    assert_int_equal(eg_pdf_break_balanced(reg, 13, "Gia Lai Gia Lai", w, &l), 2);
    assert_int_equal(l.v[0].end, 7);
    assert_int_equal(l.v[1].start, 8);
    eg_pdf_lines_clear(&l);
    /* "aaaa bbbb / c", not the more even "aaaa / bbbb c" */
    w = eg_pdf_text_width(reg, 13, "aaaa bbbb c", 11) - 1;
    assert_int_equal(eg_pdf_break_balanced(reg, 13, "aaaa bbbb c", w, &l), 2);
    assert_int_equal(l.v[0].end, 9);
    eg_pdf_lines_clear(&l);
    /* no first line can be the longer: the most even of the others */
    w = eg_pdf_text_width(reg, 13, "bb cccccccccccccccccccc", strlen("bb cccccccccccccccccccc")) + 1;
    assert_int_equal(eg_pdf_break_balanced(reg, 13, "a bb cccccccccccccccccccc", w, &l), 2);
    assert_int_equal(l.v[0].end, 4);
    eg_pdf_lines_clear(&l);
    /* three lines' worth: three lines, each fitting */
    {
        static const char t[] = "BÁO CÁO KẾT QUẢ XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ TỈNH GIA LAI";

        w = eg_pdf_text_width(bold, 13, t, strlen(t)) / 2.6;
        assert_true(eg_pdf_break_balanced(bold, 13, t, w, &l) >= 3);
        for (size_t i = 0; i < l.n; i++)
            assert_true(l.v[i].width <= w + 0.01);
    }
    eg_pdf_lines_free(&l);
    HPDF_Free(pdf);
}

/* A document with one page, its text uncompressed. */
static HPDF_Doc page_doc(HPDF_Font *reg, HPDF_Page *page)
{
    HPDF_Font bold;
    HPDF_Doc pdf = new_doc(reg, &bold);

    HPDF_SetCompressionMode(pdf, HPDF_COMP_METADATA);
    *page = HPDF_AddPage(pdf);
    return pdf;
}

/* A justified line puts its first word at the left edge and its last
 * word's end at the right, the gaps between words (a run of spaces being
 * one) all alike; the last line of a paragraph, justified or not, is one
 * string, at the left, the centre or the right; a line wider than its
 * box keeps one space between words. */
static void a_justified_line_fills_its_width_and_a_last_line_does_not(void **state)
{
    static const char text[] = "Kết  quả xây  dựng Chính quyền";
    static const char *const words[] = { "Kết", "quả", "xây", "dựng", "Chính", "quyền" };
    HPDF_Font reg;
    HPDF_Page page;
    HPDF_Doc pdf = page_doc(&reg, &page);
    double lw = eg_pdf_text_width(reg, 11, "Kết quả xây dựng Chính quyền",
                                  strlen("Kết quả xây dựng Chính quyền"));
    double sp = eg_pdf_text_width(reg, 11, " ", 1), gap = 0;
    eg_pdf_line ln = { 0, strlen(text), lw, 0, 0 };
    shown_text s;

    (void)state;
    eg_pdf_draw_line(page, reg, 11, text, &ln, 50, 700, 300, EG_PDF_JUSTIFY);
    page_shows(pdf, &s);
    assert_int_equal(s.n, 6);
    assert_true(fabs(s.x[0] - 50) < 0.01 && fabs(s.y[0] - 700) < 0.01);
    assert_true(fabs(s.x[5] + eg_pdf_text_width(reg, 11, "quyền", strlen("quyền")) - 350) < 0.01);
    for (size_t i = 1; i < 6; i++) {
        double g = s.x[i] - s.x[i - 1] - eg_pdf_text_width(reg, 11, words[i - 1],
                                                            strlen(words[i - 1]));

        if (i > 1)
            assert_true(fabs(g - gap) < 0.01);
        gap = g;
    }
    HPDF_Free(pdf);

    /* the last line: one string */
    for (int a = 0; a < 4; a++) {
        static const double at[] = { 50, 50, 50 + 150, 50 + 300 };
        eg_pdf_align align[] = { EG_PDF_JUSTIFY, EG_PDF_LEFT, EG_PDF_CENTER, EG_PDF_RIGHT };

        pdf = page_doc(&reg, &page);
        ln.last = 1;
        eg_pdf_draw_line(page, reg, 11, text, &ln, 50, 700, 300, align[a]);
        page_shows(pdf, &s);
        assert_int_equal(s.n, 1);
        if (fabs(s.x[0] - (at[a] - (a == 2 ? lw / 2 : a == 3 ? lw : 0))) > 0.01)
            fail_msg("align %d: at %.2f", a, s.x[0]);
        HPDF_Free(pdf);
    }

    /* wider than its box: one space apart */
    pdf = page_doc(&reg, &page);
    ln.last = 0;
    eg_pdf_draw_line(page, reg, 11, text, &ln, 50, 700, lw / 2, EG_PDF_JUSTIFY);
    page_shows(pdf, &s);
    assert_int_equal(s.n, 6);
    assert_true(fabs(s.x[1] - (50 + eg_pdf_text_width(reg, 11, "Kết", strlen("Kết")) + sp)) < 0.01);
    HPDF_Free(pdf);
}

/* A line cut short is drawn with "…" after it; a string drawn centred on x
 * or ending at x is placed so. */
static void a_line_cut_short_is_drawn_with_its_ellipsis(void **state)
{
    static const char text[] = "Trung tâm Phục vụ hành chính công";
    HPDF_Font reg;
    HPDF_Page page;
    HPDF_Doc pdf = page_doc(&reg, &page);
    eg_pdf_line ln = { 0, strlen("Trung tâm"), 0, 1, 1 };
    double w = eg_pdf_text_width(reg, 11, "Trung tâm…", strlen("Trung tâm…"));
    shown_text s;

    (void)state;
    ln.width = w;
    eg_pdf_draw_line(page, reg, 11, text, &ln, 50, 700, 200, EG_PDF_LEFT);
    eg_pdf_draw_string(page, reg, 11, "Trung tâm…", 300, 600, EG_PDF_CENTER);
    eg_pdf_draw_string(page, reg, 11, "Trung tâm…", 300, 500, EG_PDF_RIGHT);
    page_shows(pdf, &s);
    assert_int_equal(s.n, 3);
    assert_string_equal(s.hex[0], s.hex[1]);
    assert_true(fabs(s.x[1] - (300 - w / 2)) < 0.01);
    assert_true(fabs(s.x[2] - (300 - w)) < 0.01);
    HPDF_Free(pdf);
}

/* The baseline sits so that the middle of the glyphs' height, from the
 * top of the highest mark to the foot of the lowest, is the middle of the
 * line's box. */
static void the_glyphs_stand_in_the_middle_of_the_line(void **state)
{
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    double asc = HPDF_Font_GetAscent(reg) * 12 / 1000.0;
    double desc = -HPDF_Font_GetDescent(reg) * 12 / 1000.0;
    double base = eg_pdf_baseline(reg, 12, 18);

    (void)state;
    assert_true(asc > 0 && desc > 0);
    /* top of the glyphs at base - asc below the box's top, foot at base + desc */
    assert_true(fabs((base - asc + base + desc) / 2 - 9) < 1e-9);
    HPDF_Free(pdf);
}

/* The longest word is the widest run between white space of any kind
 * (space, tab, line end). */
static void the_longest_word_is_the_widest_between_any_white_space(void **state)
{
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);

    (void)state;
    assert_true(eg_pdf_longest_word(reg, 10, "Ia\tDreng\r\nChư Pưh") ==
                eg_pdf_text_width(reg, 10, "Dreng", 5));
    assert_true(eg_pdf_longest_word(reg, 10, "  Pleiku  ") == eg_pdf_text_width(reg, 10, "Pleiku", 6));
    assert_true(eg_pdf_longest_word(reg, 10, "") == 0);
    HPDF_Free(pdf);
}

/* A figure in brackets or a fraction ("(140,28", "17/17") goes down with
 * the word it counts too; a word that only begins like one that names a
 * figure ("ngà", "tra") does not keep it. */
static void a_bracketed_or_fractional_figure_goes_down_with_its_unit(void **state)
{
    static const char bracket[] = "xếp thứ hai đạt (140,28 điểm)";
    static const char fraction[] = "có kết nối đạt 17/17 đơn vị";
    static const char prefix[] = "tổng số lần tra 403.086 hồ sơ";
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    const char *p;

    (void)state;
    p = strstr(bracket, " (140,28");
    assert_int_equal(first_line_end(reg, bracket, (size_t)(p + 8 - bracket)), (size_t)(p - bracket));
    p = strstr(fraction, " 17/17");
    assert_int_equal(first_line_end(reg, fraction, (size_t)(p + 6 - fraction)),
                     (size_t)(p - fraction));
    p = strstr(prefix, " 403.086");
    assert_int_equal(first_line_end(reg, prefix, (size_t)(p + 8 - prefix)), (size_t)(p - prefix));
    HPDF_Free(pdf);
}

/* A text longer than libharu measures at once (65,535 bytes), measured
 * in pieces cut between characters, is as wide as its characters. */
static void a_text_longer_than_libharu_takes_is_as_wide_as_its_characters(void **state)
{
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    size_t n = 1 + 3 * 25000;
    char *s = malloc(n + 1);

    (void)state;
    assert_non_null(s);
    s[0] = 'a';
    for (size_t i = 1; i < n; i += 3)
        memcpy(s + i, "ệ", 3);
    s[n] = '\0';
    assert_true(eg_pdf_text_width(reg, 10, s, n) ==
                (eg_pdf_text_width(reg, 1000, "a", 1) +
                 25000 * eg_pdf_text_width(reg, 1000, "ệ", 3)) * 10 / 1000);
    free(s);
    HPDF_Free(pdf);
}

/* White space before a text is no part of its first line; a heading with
 * a '\n' in it breaks there, though it would fit on one line; a word
 * wider than the line is never cut inside a grapheme cluster (a letter
 * and the mark on it); upper case is Vietnamese upper case. */
static void white_space_marks_and_line_ends_are_kept_in_their_place(void **state)
{
    static const char heading[] = "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI";
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    eg_pdf_lines l = { 0 };
    char word[6 * 20 + 1];
    char *up;

    (void)state;
    assert_int_equal(eg_pdf_break(reg, 13, "  \t Gia Lai", 200, 200, 0, &l), 1);
    assert_int_equal(l.v[0].start, 4);
    assert_true(fabs(l.v[0].width - eg_pdf_text_width(reg, 13, "Gia Lai", 7)) < 0.01);
    eg_pdf_lines_clear(&l);

    assert_int_equal(eg_pdf_break_balanced(bold, 13, heading, 400, &l), 2);
    assert_int_equal(l.v[0].end, (size_t)(strchr(heading, '\n') - heading));
    assert_int_equal(l.v[1].start, (size_t)(strchr(heading, '\n') + 1 - heading));
    eg_pdf_lines_clear(&l);

    /* "a" and a combining acute (3 bytes), a Thai letter and its spacing
     * vowel SARA AM (6 bytes): clusters a line never splits */
    for (int kind = 0; kind < 2; kind++) {
        size_t k = kind ? 6 : 3;

        for (size_t i = 0; i < 20; i++)
            memcpy(word + k * i, kind ? "\xE0\xB8\x81\xE0\xB8\xB3" : "a\xCC\x81", k);
        word[20 * k] = '\0';
        for (double w = 20; w < 80; w += 1.5) {
            eg_pdf_lines_clear(&l);
            eg_pdf_break(reg, 13, word, w, w, 0, &l);
            for (size_t i = 0; i < l.n; i++)
                if (l.v[i].end % k != 0)
                    fail_msg("width %.1f: a line ends at byte %zu, inside a cluster", w,
                             l.v[i].end);
        }
    }
    eg_pdf_lines_free(&l);

    up = eg_pdf_upper("Ủy ban nhân dân tỉnh Gia Lai, Đắk Đoa");
    assert_string_equal(up, "ỦY BAN NHÂN DÂN TỈNH GIA LAI, ĐẮK ĐOA");
    free(up);
    HPDF_Free(pdf);
}

/* Bytes that are not UTF-8 count one at a time, and the letter after a
 * stray byte is whole: a word of stray bytes and Vietnamese letters is
 * cut after a stray byte or a letter, never inside a letter, and its
 * lines follow one another with nothing left out. */
static void a_stray_byte_is_cut_alone_and_the_letter_after_it_stays_whole(void **state)
{
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    eg_pdf_lines l = { 0 };
    char word[4 * 20 + 1];

    (void)state;
    for (size_t i = 0; i < 20; i++)
        memcpy(word + 4 * i, "\xFF\xE1\xBB\x87", 4);     /* a stray byte, "ệ" */
    word[4 * 20] = '\0';
    for (double w = 15; w < 80; w += 1.5) {
        size_t pos = 0;

        eg_pdf_lines_clear(&l);
        assert_true(eg_pdf_break(reg, 13, word, w, w, 0, &l) >= 2);
        for (size_t i = 0; i < l.n; i++) {
            assert_int_equal(l.v[i].start, pos);
            if (l.v[i].end % 4 > 1)
                fail_msg("width %.1f: a line ends at byte %zu, inside a letter", w, l.v[i].end);
            pos = l.v[i].end;
        }
        assert_int_equal(pos, 4 * 20);
    }
    eg_pdf_lines_free(&l);
    HPDF_Free(pdf);
}

/* A line too narrow for a letter and "…" holds "…" alone, no wider than
 * the line. */
static void a_line_too_narrow_for_a_letter_and_its_ellipsis_holds_the_ellipsis_alone(void **state)
{
    static const char text[] = "Wxyz abc";
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    eg_pdf_lines l = { 0 };
    double ew = eg_pdf_text_width(reg, 13, "\xE2\x80\xA6", 3);
    double w = ew + eg_pdf_text_width(reg, 13, "W", 1) / 2;

    (void)state;
    assert_int_equal(eg_pdf_break(reg, 13, text, w, w, 1, &l), 1);
    assert_true(l.v[0].cut && l.v[0].last);
    assert_int_equal(l.v[0].start, 0);
    assert_int_equal(l.v[0].end, 0);
    assert_true(fabs(l.v[0].width - ew) < 0.01);
    eg_pdf_lines_free(&l);
    HPDF_Free(pdf);
}

/* A word with a '/' in it that is as wide as its line, give or take
 * rounding, stays whole on it rather than be cut after the '/'. */
static void a_word_with_a_slash_as_wide_as_its_line_stays_whole(void **state)
{
    static const char text[] = "abcdefgh/ijklmnop more";
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    double exact = eg_pdf_text_width(reg, 13, text, 17);

    (void)state;
    assert_int_equal(first_end(reg, text, exact, exact), 17);
    assert_int_equal(first_end(reg, text, exact - 0.005, exact - 0.005), 17);
    /* a little narrower: cut after the '/' */
    assert_int_equal(first_end(reg, text, exact - 1, exact - 1), 9);
    HPDF_Free(pdf);
}

/* A word no line can hold starts on the line it comes to when exactly
 * four bytes of it fit there. */
static void a_long_word_starts_where_four_bytes_of_it_fit(void **state)
{
    static const char text[] = "Xem abcdefghijklmnopqrstuvwxyzabcdefghij";
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    double w = eg_pdf_text_width(reg, 13, "Xem ", 4) +
               eg_pdf_text_width(reg, 13, text + 4, 4) + 0.5;

    (void)state;
    assert_true(eg_pdf_text_width(reg, 13, text + 4, 5) > eg_pdf_text_width(reg, 13, text + 4, 4) + 0.5);
    assert_int_equal(first_end(reg, text, w, w), 4 + 4);
    HPDF_Free(pdf);
}

/* A heading as wide as its line, give or take rounding, stays on one
 * line. */
static void a_heading_as_wide_as_its_line_stays_on_one_line(void **state)
{
    static const char t[] = "TỈNH GIA LAI";
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    eg_pdf_lines l = { 0 };
    double w = eg_pdf_text_width(bold, 13, t, strlen(t));

    (void)state;
    assert_int_equal(eg_pdf_break_balanced(bold, 13, t, w, &l), 1);
    assert_int_equal(l.v[0].end, strlen(t));
    eg_pdf_lines_clear(&l);
    assert_int_equal(eg_pdf_break_balanced(bold, 13, t, w - 0.005, &l), 1);
    eg_pdf_lines_clear(&l);
    assert_int_equal(eg_pdf_break_balanced(bold, 13, t, w - 1, &l), 2);
    eg_pdf_lines_free(&l);
    HPDF_Free(pdf);
}

/* A text measured up to a byte inside a character, with the widths kept,
 * measures as libharu measures it: the bytes past the end are not read. */
static void a_text_cut_inside_a_character_is_measured_without_the_bytes_past_it(void **state)
{
    static const char *const texts[] = { "a\xC4\x83", "a\xE1\xBB\x87", "\xE1\xBB\x87" };
    HPDF_Font reg, bold;
    HPDF_Doc pdf = new_doc(&reg, &bold);
    double plain[3][3];

    (void)state;
    for (size_t i = 0; i < 3; i++)
        for (size_t n = 1; n <= strlen(texts[i]) && n <= 3; n++)
            plain[i][n - 1] = eg_pdf_text_width(reg, 11, texts[i], n);
    eg_pdf_widths_begin();
    eg_pdf_text_width(reg, 11, "a\xC4\x83\xE1\xBB\x87", 6);   /* "ă" and "ệ" kept */
    for (size_t i = 0; i < 3; i++)
        for (size_t n = 1; n <= strlen(texts[i]) && n <= 3; n++)
            if (eg_pdf_text_width(reg, 11, texts[i], n) != plain[i][n - 1])
                fail_msg("text %zu, %zu bytes: %.3f kept, %.3f by libharu", i, n,
                         eg_pdf_text_width(reg, 11, texts[i], n), plain[i][n - 1]);
    eg_pdf_widths_end();
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
        cmocka_unit_test(every_line_fits_and_measures_what_it_draws),
        cmocka_unit_test(a_word_wider_than_the_line_breaks_after_a_slash_near_its_end),
        cmocka_unit_test(a_text_as_wide_as_its_line_stays_on_it),
        cmocka_unit_test(a_long_word_starts_where_enough_of_it_fits),
        cmocka_unit_test(a_line_before_a_newline_ends_its_paragraph),
        cmocka_unit_test(a_text_its_lines_hold_is_not_cut),
        cmocka_unit_test(a_text_cut_short_keeps_every_word_that_fits_before_its_ellipsis),
        cmocka_unit_test(a_last_word_is_joined_only_within_the_limits),
        cmocka_unit_test(a_heading_breaks_into_two_lines_the_first_the_longer),
        cmocka_unit_test(a_justified_line_fills_its_width_and_a_last_line_does_not),
        cmocka_unit_test(a_line_cut_short_is_drawn_with_its_ellipsis),
        cmocka_unit_test(the_glyphs_stand_in_the_middle_of_the_line),
        cmocka_unit_test(the_longest_word_is_the_widest_between_any_white_space),
        cmocka_unit_test(a_bracketed_or_fractional_figure_goes_down_with_its_unit),
        cmocka_unit_test(a_text_longer_than_libharu_takes_is_as_wide_as_its_characters),
        cmocka_unit_test(white_space_marks_and_line_ends_are_kept_in_their_place),
        cmocka_unit_test(a_stray_byte_is_cut_alone_and_the_letter_after_it_stays_whole),
        cmocka_unit_test(a_line_too_narrow_for_a_letter_and_its_ellipsis_holds_the_ellipsis_alone),
        cmocka_unit_test(a_word_with_a_slash_as_wide_as_its_line_stays_whole),
        cmocka_unit_test(a_long_word_starts_where_four_bytes_of_it_fit),
        cmocka_unit_test(a_heading_as_wide_as_its_line_stays_on_one_line),
        cmocka_unit_test(a_text_cut_inside_a_character_is_measured_without_the_bytes_past_it),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
