/*
 * pdf_text.h - measuring, breaking and drawing lines of UTF-8 text with
 * libharu, for the PDF writer.
 *
 * libharu's own HPDF_Page_TextRect wraps at ASCII spaces only, gives up
 * (0x1076) on a word wider than the box and has no first-line indent, so
 * the writer breaks lines itself: words are measured with
 * HPDF_Font_TextWidth (a Type0 font with the UTF-8 encoder: widths are
 * per code point, no kerning, so the sum of the parts is the whole), lines
 * are filled greedily, and a justified line places its words one by one.
 * A word wider than the line is cut between grapheme clusters, never inside
 * a UTF-8 sequence, after a '/' or '-' when there is one near the end.
 *
 * Every function takes sizes in points.  Text is NFC UTF-8.  The drawing
 * functions do nothing when page is NULL: the writer's measuring pass lays
 * the report out without drawing it.
 */
#ifndef EG_PDF_TEXT_H
#define EG_PDF_TEXT_H

#include <stddef.h>

#include <hpdf.h>

typedef enum {
    EG_PDF_LEFT,
    EG_PDF_CENTER,
    EG_PDF_RIGHT,
    EG_PDF_JUSTIFY     /* the last line of a paragraph is left-aligned */
} eg_pdf_align;

/* One line: the bytes [start, end) of the source text, words separated by
 * runs of ASCII white space that are drawn as one space each. */
typedef struct {
    size_t start, end;
    double width;      /* natural width, "…" included when cut */
    int last;          /* ends the paragraph or a '\n': never justified */
    int cut;           /* the text went on: draw "…" after this line */
} eg_pdf_line;

typedef struct {
    eg_pdf_line *v;
    size_t n, cap;
} eg_pdf_lines;

/* Width of s[0..n) in font at size. */
double eg_pdf_text_width(HPDF_Font font, double size, const char *s, size_t n);

/* Between these two, on this thread, eg_pdf_text_width keeps the width of
 * each character it has measured, font by font, and adds them up itself
 * rather than have libharu parse the UTF-8 and look each character up in
 * the font again: the same number, libharu's own width of each character
 * (whose first measuring also marks its glyph for embedding, as before).
 * The fonts must stay alive until the end: eg_pdf_write brackets its
 * document with them.  Text that is not plain UTF-8 of the BMP below
 * U+2600, or a ninth font, is measured by libharu as without them. */
void eg_pdf_widths_begin(void);
void eg_pdf_widths_end(void);
/* The fonts whose widths are kept now, on this thread (for the tests). */
size_t eg_pdf_widths_fonts(void);

/* Width of the widest word of text (words split at white space). */
double eg_pdf_longest_word(HPDF_Font font, double size, const char *text);

/* Breaks text into lines of at most first_width (the first line) and
 * width (the others), appending them to out (which may hold lines
 * already).  max_lines 0 means no limit; with a limit, the last line that
 * fits is shortened to make room for "…" and marked cut.  Empty text gives
 * no line.  Returns the number of lines appended. */
size_t eg_pdf_break(HPDF_Font font, double size, const char *text,
                    double first_width, double width, size_t max_lines,
                    eg_pdf_lines *out);

/* eg_pdf_break for a paragraph of running text (no limit): a paragraph's
 * last line of one short word ("Lai." under "... tỉnh Gia") takes the
 * word before it down with it, when the line above keeps three fifths of
 * its width.  Not in table cells, where a column is narrow and the word
 * moved would more often split a compound ("ứng / dụng CNTT"). */
size_t eg_pdf_break_flow(HPDF_Font font, double size, const char *text,
                         double first_width, double width, eg_pdf_lines *out);

/* Breaks text into at most two lines no wider than width, for centred
 * headings: the first line no shorter than the second ("ỦY BAN NHÂN DÂN /
 * TỈNH GIA LAI"), and of those breaks the one that makes the longer line
 * shortest.  Falls back to eg_pdf_break (no limit) when two lines are not
 * enough. */
size_t eg_pdf_break_balanced(HPDF_Font font, double size, const char *text,
                             double width, eg_pdf_lines *out);

/* Empties the list; the storage is kept.  eg_pdf_lines_free releases it
 * (a zeroed list is fine). */
void eg_pdf_lines_clear(eg_pdf_lines *l);
void eg_pdf_lines_free(eg_pdf_lines *l);

/* Draws one line of text with its baseline at y, in the box [x, x+width).
 * JUSTIFY stretches the spaces of a line that is not marked last. */
void eg_pdf_draw_line(HPDF_Page page, HPDF_Font font, double size,
                      const char *text, const eg_pdf_line *line,
                      double x, double y, double width, eg_pdf_align align);

/* Draws s (NUL-terminated, one line) with its baseline at y: align LEFT
 * starts at x, CENTER centres on x, RIGHT ends at x. */
void eg_pdf_draw_string(HPDF_Page page, HPDF_Font font, double size,
                        const char *s, double x, double y, eg_pdf_align align);

/* Offset from the top of a line box of height leading down to the
 * baseline, so that the glyphs' full height (Vietnamese stacked marks
 * included) sits in the middle of the box. */
double eg_pdf_baseline(HPDF_Font font, double size, double leading);

/* Upper-cases UTF-8 text (Vietnamese included) into a new string. */
char *eg_pdf_upper(const char *s);

#endif
