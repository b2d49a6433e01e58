#include "write/pdf_text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/mem.h"

#define ELLIPSIS "\xE2\x80\xA6"   /* U+2026 */
#define EPS 0.01                  /* points: rounding slack when fitting */

static int is_hspace(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static int is_space(char c)
{
    return is_hspace(c) || c == '\n';
}

/* The widths kept between eg_pdf_widths_begin and _end: for each font,
 * libharu's width of each code point below WIDTH_CODES (in 1/1000 em),
 * or UNKNOWN until measured. */
#define WIDTH_FONTS 8
#define WIDTH_CODES 0x2600
#define UNKNOWN 0xFFFFu

typedef struct {
    HPDF_Font font;
    uint16_t w[WIDTH_CODES];
} font_widths;

static _Thread_local struct {
    int on;
    size_t n;
    font_widths *f[WIDTH_FONTS];
} widths;

void eg_pdf_widths_begin(void)
{
    widths.on = 1;
    widths.n = 0;
}

void eg_pdf_widths_end(void)
{
    for (size_t i = 0; i < widths.n; i++)
        free(widths.f[i]);
    widths.on = 0;
    widths.n = 0;
}

size_t eg_pdf_widths_fonts(void)
{
    return widths.n;
}

/* The kept widths of font, made when it is new; NULL when none are kept. */
static font_widths *widths_of(HPDF_Font font)
{
    font_widths *fw;

    for (size_t i = 0; i < widths.n; i++)
        if (widths.f[i]->font == font)
            return widths.f[i];
    if (widths.n == WIDTH_FONTS)
        return NULL;
    fw = eg_xmalloc(sizeof *fw);
    fw->font = font;
    memset(fw->w, 0xFF, sizeof fw->w);
    widths.f[widths.n++] = fw;
    return fw;
}

/* The width of s[0..n) in 1/1000 em from the kept widths, each new one
 * asked of libharu (one character, its UTF-8 bytes); -1 when s is not
 * UTF-8 of code points below WIDTH_CODES (overlong forms, surrogates and
 * stray bytes included), which libharu then measures whole. */
static long long kept_width(font_widths *fw, const unsigned char *s, size_t n)
{
    long long sum = 0;

    for (size_t i = 0; i < n;) {
        unsigned cp, k;

        if (s[i] < 0x80) {
            cp = s[i];
            k = 1;
        } else if (s[i] >= 0xC2 && s[i] <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
            cp = (s[i] & 0x1Fu) << 6 | (s[i + 1] & 0x3Fu);
            k = 2;
        } else if ((s[i] & 0xF0) == 0xE0 && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
                   (s[i + 2] & 0xC0) == 0x80) {
            cp = (s[i] & 0x0Fu) << 12 | (s[i + 1] & 0x3Fu) << 6 | (s[i + 2] & 0x3Fu);
            k = 3;
            if (cp < 0x800 || cp >= WIDTH_CODES)
                return -1;
        } else {
            return -1;
        }
        if (fw->w[cp] == UNKNOWN) {
            HPDF_TextWidth one = HPDF_Font_TextWidth(fw->font, s + i, k);

            if (one.width >= UNKNOWN)
                return -1;
            fw->w[cp] = (uint16_t)one.width;
        }
        sum += fw->w[cp];
        i += k;
    }
    return sum;
}

double eg_pdf_text_width(HPDF_Font font, double size, const char *s, size_t n)
{
    HPDF_TextWidth tw;
    double width = 0;
    font_widths *fw = widths.on && font ? widths_of(font) : NULL;

    if (fw) {
        long long kept = kept_width(fw, (const unsigned char *)s, n);

        if (kept >= 0)
            return (double)kept * size / 1000.0;
    }

    /* libharu refuses a string past 65535 bytes (HPDF_STRING_OUT_OF_RANGE):
     * a longer one (a 100,000-character code a clerk pasted) is measured
     * in pieces cut at character boundaries; widths add up exactly. */
    while (n > 60000) {
        size_t k = 60000;

        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)s, (HPDF_UINT)k);
        width += tw.width;
        s += k;
        n -= k;
    }
    if (n == 0)
        return width * size / 1000.0;
    tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)s, (HPDF_UINT)n);
    return (width + tw.width) * size / 1000.0;
}

/* End of the word starting at pos (the first white space byte or len). */
static size_t word_end(const char *t, size_t len, size_t pos)
{
    while (pos < len && !is_space(t[pos]))
        pos++;
    return pos;
}

double eg_pdf_longest_word(HPDF_Font font, double size, const char *text)
{
    size_t len = strlen(text), pos = 0;
    double most = 0;

    while (pos < len) {
        size_t we;
        double w;

        while (pos < len && is_space(text[pos]))
            pos++;
        we = word_end(text, len, pos);
        w = eg_pdf_text_width(font, size, text + pos, we - pos);
        if (w > most)
            most = w;
        pos = we;
    }
    return most;
}

/* End of the grapheme cluster starting at pos.  Invalid UTF-8 counts one
 * byte at a time, so the walk always moves on. */
static size_t grapheme_end(const char *t, size_t len, size_t pos)
{
    utf8proc_int32_t c1, c2, state = 0;
    utf8proc_ssize_t k;

    k = utf8proc_iterate((const utf8proc_uint8_t *)t + pos,
                         (utf8proc_ssize_t)(len - pos), &c1);
    if (k <= 0)
        return pos + 1;
    pos += (size_t)k;
    while (pos < len) {
        k = utf8proc_iterate((const utf8proc_uint8_t *)t + pos,
                             (utf8proc_ssize_t)(len - pos), &c2);
        if (k <= 0 || utf8proc_grapheme_break_stateful(c1, c2, &state))
            break;
        pos += (size_t)k;
        c1 = c2;
    }
    return pos;
}

/* Longest prefix of t[start, end) whose width, with runs of white space
 * drawn as one space, is at most avail; at least one grapheme when
 * at_least_one.  Trailing spaces are left out.  Sets *w to its width. */
static size_t fit_prefix(HPDF_Font font, double size, const char *t,
                         size_t start, size_t end, double avail,
                         int at_least_one, double *w)
{
    double sp = eg_pdf_text_width(font, size, " ", 1), acc = 0;
    size_t pos = start, best = start;
    int pending = 0;

    *w = 0;
    while (pos < end) {
        size_t g = grapheme_end(t, end, pos);

        if (is_space(t[pos])) {
            pending = best > start;
            pos = g;
            continue;
        }
        acc += (pending ? sp : 0) + eg_pdf_text_width(font, size, t + pos, g - pos);
        pending = 0;
        if (acc > avail + EPS && !(at_least_one && best == start))
            break;
        best = g;
        *w = acc;
        pos = g;
        if (acc > avail + EPS)
            break;
    }
    return best;
}

/* Where to cut a word too long for a line whose longest fitting prefix
 * ends at cut: after the last '/' in the second half of the prefix, else
 * after the last '-', '?', '&', '=' or '_', else after a '.' that is not
 * a thousands mark ("367.520/368.552" breaks after the '/'); 0 when there
 * is none (cut where it is). */
static size_t soft_break(const char *t, size_t start, size_t cut)
{
    static const char *const tiers[] = { "/", "-?&=_", "." };
    size_t half = start + (cut - start) / 2;

    for (size_t k = 0; k < sizeof tiers / sizeof *tiers; k++)
        for (size_t p = cut; p > half; p--)
            if (strchr(tiers[k], t[p - 1]) &&
                !(t[p - 1] == '.' && t[p] >= '0' && t[p] <= '9'))
                return p;
    return 0;
}

/* Where the word that ends at end starts, not before lo. */
static size_t word_start(const char *t, size_t lo, size_t end)
{
    while (end > lo && !is_space(t[end - 1]))
        end--;
    return end;
}

/* Where the white space that ends at p starts (the end of the word
 * before it), not before lo. */
static size_t space_start(const char *t, size_t lo, size_t p)
{
    while (p > lo && is_space(t[p - 1]))
        p--;
    return p;
}

/* Whether t[start, end) is a figure that the word after it measures or
 * counts ("140,28" before "điểm", "403.086" before "hồ sơ",
 * "40.480.000.000" before "đồng", "17/17" before "đơn vị"): digits, with
 * '.', ',' or '/' between them, after an optional '(' or sign, ending in a
 * digit.  A line does not end with one when the word after it goes to the
 * next line; "2020," or "100%" end their own phrase and may, as does a
 * figure that the word before it names ("năm 2020 của"). */
static int is_figure(const char *t, size_t start, size_t end)
{
    size_t p = start;

    if (p < end && (t[p] == '(' || t[p] == '+' || t[p] == '-'))
        p++;
    if (p >= end || t[p] < '0' || t[p] > '9' || t[end - 1] < '0' || t[end - 1] > '9')
        return 0;
    for (; p < end; p++)
        if (!((t[p] >= '0' && t[p] <= '9') || t[p] == '.' || t[p] == ',' || t[p] == '/'))
            return 0;
    return 1;
}

/* Whether t[start, end) is a word that a figure after it names rather
 * than counts: "năm 2020", "ngày 15", "mức độ 3", "thứ 2", "Số: 18".  Such
 * a figure belongs with the word before it, not the one after. */
static int names_a_figure(const char *t, size_t start, size_t end)
{
    static const char *const heads[] = {
        "năm", "Năm", "tháng", "Tháng", "ngày", "Ngày", "quý", "Quý", "độ", "thứ",
        "số", "Số", "Số:", "điều", "Điều", "khoản", "Khoản", "mục", "Mục", "trang",
        "Trang", "hạng", "Hạng", "lần",
    };

    for (size_t k = 0; k < sizeof heads / sizeof *heads; k++)
        if (strlen(heads[k]) == end - start && memcmp(heads[k], t + start, end - start) == 0)
            return 1;
    return 0;
}

static void push_line(eg_pdf_lines *out, const eg_pdf_line *ln)
{
    if (out->n == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 16;
        out->v = eg_xrealloc(out->v, out->cap * sizeof *out->v);
    }
    out->v[out->n++] = *ln;
}

static double span_width(HPDF_Font font, double size, const char *t, size_t start,
                         size_t end);

/* Shortens ln so that "…" fits after it within avail, and marks it cut:
 * after its last whole word that leaves room, else within a word. */
static void ellipsize(HPDF_Font font, double size, const char *t,
                      eg_pdf_line *ln, double avail)
{
    double ew = eg_pdf_text_width(font, size, ELLIPSIS, 3), w;

    if (ln->width + ew > avail + EPS) {
        size_t end = fit_prefix(font, size, t, ln->start, ln->end, avail - ew, 0, &w), p;

        if (end < ln->end && !is_space(t[end])) {
            p = space_start(t, ln->start, word_start(t, ln->start, end));
            if (p > ln->start) {
                end = p;
                w = span_width(font, size, t, ln->start, end);
            }
        }
        ln->end = end;
        ln->width = w;
    }
    ln->width += ew;
    ln->cut = 1;
    ln->last = 1;
}

/* How much wider than a space mend_runts may make each gap of the line
 * it takes a word from, justified: the demo's mends take 0.50 and 0.98. */
#define MEND_STRETCH_MAX 1.5

/* A paragraph's last line holding one short word ("Lai." under "... tỉnh
 * Gia"): the word before it goes down with it, and a figure that word
 * counts with them ("403.086 hồ sơ."), when that line keeps three fifths
 * of its width, its gaps stretch by at most MEND_STRETCH_MAX spaces, and
 * they fit.  v[0, n) are the lines just
 * made, v[0] the text's first (first_width). */
static void mend_runts(HPDF_Font font, double size, const char *t, eg_pdf_line *v, size_t n,
                       double first_width, double width)
{
    double sp = eg_pdf_text_width(font, size, " ", 1);

    for (size_t i = 1; i < n; i++) {
        eg_pdf_line *prev = &v[i - 1], *ln = &v[i];
        double avail_prev = i - 1 == 0 ? first_width : width, moved_w, kept_w;
        size_t word, kept_end;

        if (!ln->last || ln->cut || prev->last || prev->cut || ln->width > width / 4)
            continue;
        if (word_start(t, ln->start, ln->end) > ln->start)
            continue;                         /* more than one word */
        word = word_start(t, prev->start, prev->end);
        kept_end = space_start(t, prev->start, word);
        if (kept_end == prev->start)
            continue;                         /* the line's only word */
        /* A figure the moved word measures goes down with it ("403.086 /
         * hồ sơ.", not "403.086 hồ / sơ." made "403.086 / hồ sơ."). */
        {
            size_t fig = word_start(t, prev->start, kept_end);
            size_t before_end = space_start(t, prev->start, fig);
            size_t before = word_start(t, prev->start, before_end);

            if (is_figure(t, fig, kept_end) && !names_a_figure(t, before, before_end)) {
                if (before_end == prev->start)
                    continue;                 /* the figure is all that would stay */
                word = fig;
                kept_end = before_end;
            }
        }
        moved_w = span_width(font, size, t, word, prev->end);
        kept_w = span_width(font, size, t, prev->start, kept_end);
        if (kept_w < avail_prev * 0.6 || moved_w + sp + ln->width > width + EPS)
            continue;
        /* justified, the line above must not open gaps wider than two
         * and a half spaces (a long word taken from a line of few) */
        {
            size_t gaps = 0;

            for (size_t p = prev->start + 1; p < kept_end; p++)
                gaps += is_space(t[p]) && !is_space(t[p - 1]);
            if (gaps && (avail_prev - kept_w) / (double)gaps > MEND_STRETCH_MAX * sp)
                continue;
        }
        prev->end = kept_end;
        prev->width = kept_w;
        ln->start = word;
        ln->width += moved_w + sp;
    }
}

size_t eg_pdf_break(HPDF_Font font, double size, const char *text,
                    double first_width, double width, size_t max_lines,
                    eg_pdf_lines *out)
{
    size_t len = strlen(text), pos = 0, added = 0;
    double sp = eg_pdf_text_width(font, size, " ", 1);

    while (pos < len && is_space(text[pos]))
        pos++;
    while (pos < len) {
        double avail = added == 0 ? first_width : width;
        eg_pdf_line ln = { pos, pos, 0, 0, 0 };
        int n_words = 0;
        /* The line's last word, and the word before it. */
        size_t last_start = pos, before_start = pos, before_end = pos;
        double before_width = 0;

        /* Fill the line word by word; the first word always goes in, cut
         * between graphemes if it is wider than the whole line. */
        for (;;) {
            size_t we = word_end(text, len, pos);
            double ww = eg_pdf_text_width(font, size, text + pos, we - pos);

            if (n_words == 0 && ww > avail + EPS) {
                size_t soft;

                ln.end = fit_prefix(font, size, text, pos, we, avail, 1, &ln.width);
                soft = soft_break(text, pos, ln.end);
                if (soft) {
                    ln.end = soft;
                    ln.width = eg_pdf_text_width(font, size, text + pos, soft - pos);
                }
                pos = ln.end;
                break;
            }
            if (n_words > 0 && ln.width + sp + ww > avail + EPS) {
                /* A word that no line can hold (a long URL) starts here,
                 * rather than leave a line of wide gaps behind. */
                if (ww > width + EPS) {
                    double pw;
                    size_t cut = fit_prefix(font, size, text, pos, we,
                                            avail - ln.width - sp, 0, &pw);
                    size_t soft = soft_break(text, pos, cut);

                    if (soft) {
                        cut = soft;
                        pw = eg_pdf_text_width(font, size, text + pos, cut - pos);
                    }
                    if (cut >= pos + 4) {
                        ln.width += sp + pw;
                        ln.end = pos = cut;
                        break;
                    }
                }
                /* A figure goes to the next line with the word it
                 * measures ("140,28 điểm"), unless it is the line's only
                 * word. */
                if (n_words > 1 && is_figure(text, last_start, ln.end) &&
                    !names_a_figure(text, before_start, before_end)) {
                    ln.end = before_end;
                    ln.width = before_width;
                    pos = last_start;
                }
                break;
            }
            before_start = last_start;
            before_end = ln.end;
            before_width = ln.width;
            last_start = pos;
            ln.width += (n_words > 0 ? sp : 0) + ww;
            ln.end = pos = we;
            n_words++;
            while (pos < len && is_hspace(text[pos]))
                pos++;
            if (pos >= len || text[pos] == '\n')
                break;
        }

        /* A '\n' or the end of the text ends the paragraph here. */
        while (pos < len && is_hspace(text[pos]))
            pos++;
        if (pos < len && text[pos] == '\n') {
            ln.last = 1;
            while (pos < len && is_space(text[pos]))
                pos++;
        }
        if (pos >= len)
            ln.last = 1;

        if (max_lines && added + 1 == max_lines && pos < len) {
            ellipsize(font, size, text, &ln, avail);
            push_line(out, &ln);
            return added + 1;
        }
        push_line(out, &ln);
        added++;
    }
    return added;
}

size_t eg_pdf_break_flow(HPDF_Font font, double size, const char *text,
                         double first_width, double width, eg_pdf_lines *out)
{
    size_t added = eg_pdf_break(font, size, text, first_width, width, 0, out);

    mend_runts(font, size, text, out->v + out->n - added, added, first_width, width);
    return added;
}

/* Width of t[start, end) as drawn: runs of white space as one space. */
static double span_width(HPDF_Font font, double size, const char *t,
                         size_t start, size_t end)
{
    double sp = eg_pdf_text_width(font, size, " ", 1), w = 0;
    size_t pos = start;
    int words = 0;

    while (pos < end) {
        size_t we;

        while (pos < end && is_space(t[pos]))
            pos++;
        if (pos >= end)
            break;
        we = word_end(t, end, pos);
        w += (words++ ? sp : 0) + eg_pdf_text_width(font, size, t + pos, we - pos);
        pos = we;
    }
    return w;
}

size_t eg_pdf_break_balanced(HPDF_Font font, double size, const char *text,
                             double width, eg_pdf_lines *out)
{
    size_t len = strlen(text), start = 0, end = len, best_gap = 0;
    double best = 0;
    int best_pyramid = 0;

    while (start < len && is_space(text[start]))
        start++;
    while (end > start && is_space(text[end - 1]))
        end--;
    if (start == end)
        return 0;
    if (!memchr(text + start, '\n', end - start)) {
        double whole = span_width(font, size, text, start, end);

        if (whole <= width + EPS) {
            eg_pdf_line ln = { start, end, whole, 1, 0 };

            push_line(out, &ln);
            return 1;
        }
        /* Try every space as the break; keep the most even pair. */
        for (size_t p = start; p < end; p++) {
            double w1, w2, m;
            size_t q = p;

            if (!is_space(text[p]) || is_space(text[p - 1]))
                continue;
            while (q < end && is_space(text[q]))
                q++;
            w1 = span_width(font, size, text, start, p);
            w2 = span_width(font, size, text, q, end);
            m = w1 > w2 ? w1 : w2;
            /* The first line at least as long as the second, as
             * Vietnamese headings are set, unless no break allows it. */
            if (m > width + EPS)
                continue;
            if (best_gap == 0 || (w1 >= w2 && (!best_pyramid || m < best)) ||
                (!best_pyramid && w1 < w2 && m < best)) {
                best = m;
                best_gap = p;
                best_pyramid = w1 >= w2;
            }
        }
        if (best_gap) {
            size_t q = best_gap;
            eg_pdf_line a = { start, best_gap, 0, 0, 0 };
            eg_pdf_line b = { 0, end, 0, 1, 0 };

            while (is_space(text[q]))
                q++;
            b.start = q;
            a.width = span_width(font, size, text, a.start, a.end);
            b.width = span_width(font, size, text, b.start, b.end);
            push_line(out, &a);
            push_line(out, &b);
            return 2;
        }
    }
    return eg_pdf_break(font, size, text, width, width, 0, out);
}

void eg_pdf_lines_clear(eg_pdf_lines *l)
{
    l->n = 0;
}

void eg_pdf_lines_free(eg_pdf_lines *l)
{
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

/* Shows s[0..n) at (x, y) inside an open text object. */
static void show_span(HPDF_Page page, const char *s, size_t n, double x, double y)
{
    char small[256];
    char *buf = n < sizeof small ? small : eg_xmalloc(n + 1);

    memcpy(buf, s, n);
    buf[n] = '\0';
    HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, buf);
    if (buf != small)
        free(buf);
}

void eg_pdf_draw_line(HPDF_Page page, HPDF_Font font, double size,
                      const char *text, const eg_pdf_line *line,
                      double x, double y, double width, eg_pdf_align align)
{
    size_t pos = line->start, gaps = 0;

    if (!page)
        return;
    for (size_t p = line->start; p < line->end; p++)
        if (is_space(text[p]) && p > line->start && !is_space(text[p - 1]))
            gaps++;

    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)size);
    if (align == EG_PDF_JUSTIFY && !line->last && gaps > 0) {
        /* Justified: each word at its own place, the slack shared out
         * between the gaps. */
        double sp = eg_pdf_text_width(font, size, " ", 1);
        double extra = (width - line->width) / (double)gaps;

        if (extra < 0)
            extra = 0;
        while (pos < line->end) {
            size_t we = word_end(text, line->end, pos);

            show_span(page, text + pos, we - pos, x, y);
            x += eg_pdf_text_width(font, size, text + pos, we - pos) + sp + extra;
            pos = we;
            while (pos < line->end && is_space(text[pos]))
                pos++;
        }
    } else {
        /* Otherwise the words joined by single spaces, in one string. */
        char *buf = eg_xmalloc(line->end - line->start + sizeof ELLIPSIS);
        size_t n = 0;

        while (pos < line->end) {
            size_t we = word_end(text, line->end, pos);

            if (n)
                buf[n++] = ' ';
            memcpy(buf + n, text + pos, we - pos);
            n += we - pos;
            pos = we;
            while (pos < line->end && is_space(text[pos]))
                pos++;
        }
        if (line->cut) {
            memcpy(buf + n, ELLIPSIS, 3);
            n += 3;
        }
        if (align == EG_PDF_CENTER)
            x += (width - line->width) / 2;
        else if (align == EG_PDF_RIGHT)
            x += width - line->width;
        show_span(page, buf, n, x, y);
        free(buf);
    }
    HPDF_Page_EndText(page);
}

void eg_pdf_draw_string(HPDF_Page page, HPDF_Font font, double size,
                        const char *s, double x, double y, eg_pdf_align align)
{
    double w;

    if (!page)
        return;
    w = eg_pdf_text_width(font, size, s, strlen(s));
    if (align == EG_PDF_CENTER)
        x -= w / 2;
    else if (align == EG_PDF_RIGHT)
        x -= w;
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)size);
    HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, s);
    HPDF_Page_EndText(page);
}

double eg_pdf_baseline(HPDF_Font font, double size, double leading)
{
    double asc = HPDF_Font_GetAscent(font) * size / 1000.0;
    double desc = -HPDF_Font_GetDescent(font) * size / 1000.0;

    return leading / 2 + (asc - desc) / 2;
}

char *eg_pdf_upper(const char *s)
{
    size_t len = strlen(s), n = 0;
    utf8proc_uint8_t *buf = eg_xmalloc(4 * len + 1);
    utf8proc_uint8_t *nfc;
    char *res;

    while (len > 0) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                              (utf8proc_ssize_t)len, &c);

        if (k <= 0) {           /* not UTF-8: copy the byte as it is */
            buf[n++] = (utf8proc_uint8_t)*s;
            k = 1;
        } else {
            n += (size_t)utf8proc_encode_char(utf8proc_toupper(c), buf + n);
        }
        s += k;
        len -= (size_t)k;
    }
    buf[n] = '\0';
    /* Upper-casing a precomposed letter gives a precomposed letter; NFC
     * once more costs nothing and guards against odd input. */
    nfc = utf8proc_NFC(buf);
    if (!nfc)
        return (char *)buf;
    res = eg_xstrdup((const char *)nfc);
    free(nfc);
    free(buf);
    return res;
}
