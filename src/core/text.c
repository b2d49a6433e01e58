#include "core/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "core/mem.h"

int eg_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;

    while (p < end) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k;
        uint64_t w;

        /* ASCII, most of any text here, eight bytes at a time */
        if (end - p >= 8 && (memcpy(&w, p, 8), !(w & 0x8080808080808080ull))) {
            p += 8;
            continue;
        }
        if (*p < 0x80) {
            p++;
            continue;
        }
        k = utf8proc_iterate(p, end - p, &cp);
        if (k < 0)
            return 0;
        p += k;
    }
    return 1;
}

char *eg_display_text(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    char *out = eg_xmalloc(3 * n + 1), *o = out;   /* a byte gives at most 3 */

    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = *p < 0x80 ? (cp = *p, 1) : utf8proc_iterate(p, -1, &cp);
        utf8proc_category_t cat = k < 0 ? UTF8PROC_CATEGORY_CN : utf8proc_category(cp);

        /* no UTF-8, a control character (C0, DEL, C1: U+0085 breaks a
         * line too), a line or paragraph separator */
        if (k < 0 || cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_ZL ||
            cat == UTF8PROC_CATEGORY_ZP) {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
            p += k > 0 ? k : 1;
            continue;
        }
        memcpy(o, p, (size_t)k);
        o += k;
        p += k;
    }
    *o = '\0';
    return out;
}

/* 1 when s is already in NFC because every character of it is one that
 * normalisation never touches: below U+0300 (ASCII, Latin-1, Latin
 * Extended-A and B: no combining mark, no excluded or singleton
 * decomposition) or in U+1E00..U+1EFF (Latin Extended Additional, where
 * Vietnamese's precomposed letters are).  That is nearly all the text
 * this program reads, and utf8proc need not see it.  Anything else (a
 * combining mark, another script, invalid UTF-8) says 0. */
static int plainly_nfc(const unsigned char *p)
{
    for (;;) {
        if (*p < 0x80) {
            if (!*p)
                return 1;
            p++;
        } else if (*p >= 0xC2 && *p <= 0xCB && (p[1] & 0xC0) == 0x80) {
            p += 2;                     /* U+0080..U+02FF */
        } else if (*p == 0xE1 && p[1] >= 0xB8 && p[1] <= 0xBB && (p[2] & 0xC0) == 0x80) {
            p += 3;                     /* U+1E00..U+1EFF */
        } else {
            return 0;
        }
    }
}

char *eg_nfc(const char *s)
{
    utf8proc_uint8_t *out = NULL;

    if (plainly_nfc((const unsigned char *)s))
        return eg_xstrdup(s);
    if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE) < 0)
        return eg_xstrdup(s);
    return (char *)out;
}

/* dec (taken, freed) with its runs of spaces as one space and none at
 * either end: a space, tab, line break, no-break space, narrow no-break
 * space or underscore is one; đ and Đ become d when fold_d.  An invalid
 * byte is kept. */
static char *squeeze(utf8proc_uint8_t *dec, int fold_d)
{
    char *out = eg_xmalloc(strlen((char *)dec) + 1), *o = out;
    const unsigned char *p = dec;
    int space = 0;

    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);

        if (k <= 0) {           /* invalid byte: keep it */
            cp = *p;
            k = 1;
        }
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
            cp == 0xA0 || cp == 0x202F || cp == '_') {
            space = 1;
        } else {
            if (space && o > out)
                *o++ = ' ';
            space = 0;
            if (fold_d && (cp == 0x111 || cp == 0x110)) {        /* đ Đ */
                *o++ = 'd';
            } else {
                memcpy(o, p, (size_t)k);
                o += k;
            }
        }
        p += k;
    }
    *o = '\0';
    free(dec);
    return out;
}

char *eg_fold(const char *s)
{
    utf8proc_uint8_t *dec = NULL;
    const unsigned char *p;

    /* Decompose and case-fold, then drop the combining marks: what is
     * left of "Mã đơn vị" is "ma đon vi"; đ has no decomposition.  The
     * characters nothing shows (zero-width space, soft hyphen, the marks
     * of writing direction: Unicode's default ignorables) go too: a
     * header "Mã chỉ tiêu" copied from a web page with one was read as
     * no such column, beside a clerk who sees it there.  ASCII
     * has nothing to decompose or strip, and folds to lower case: done
     * here, without utf8proc (header cells are mostly ASCII). */
    for (p = (const unsigned char *)s; *p && *p < 0x80; p++)
        ;
    if (!*p) {
        utf8proc_uint8_t *d = (utf8proc_uint8_t *)eg_xstrdup(s);

        for (utf8proc_uint8_t *c = d; *c; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c = (utf8proc_uint8_t)(*c + ('a' - 'A'));
        dec = d;
    } else if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &dec,
                            UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
                                UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                                UTF8PROC_IGNORE) < 0) {
        dec = (utf8proc_uint8_t *)eg_xstrdup(s);
    }
    return squeeze(dec, 1);
}

char *eg_casefold(const char *s)
{
    utf8proc_uint8_t *cf = NULL;

    if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &cf,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                         UTF8PROC_CASEFOLD | UTF8PROC_IGNORE) < 0)
        cf = (utf8proc_uint8_t *)eg_xstrdup(s);
    return squeeze(cf, 0);
}

int eg_fold_is(const char *name, const char *folded)
{
    char *f = eg_fold(name), *o = f;
    int yes;

    for (const char *p = f; *p; p++)
        if (*p != ' ')
            *o++ = *p;
    *o = '\0';
    yes = strcmp(f, folded) == 0;
    free(f);
    return yes;
}

int eg_has_suffix_nocase(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);

    return n > k && strcasecmp(name + n - k, suffix) == 0;
}

char *eg_trim(char *s)
{
    size_t n = strlen(s), i = 0;

    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
                     s[n - 1] == '\n' ||
                     (n >= 2 && (unsigned char)s[n - 2] == 0xC2 &&
                      (unsigned char)s[n - 1] == 0xA0))) {
        n -= ((unsigned char)s[n - 1] == 0xA0) ? 2 : 1;
    }
    s[n] = '\0';
    /* in front, also byte-order marks (EF BB BF): a second one, when a
     * program added its own to a file that had one, hid the header */
    for (;;) {
        const unsigned char *u = (const unsigned char *)s + i;

        if (*u == ' ' || *u == '\t' || *u == '\r' || *u == '\n')
            i++;
        else if (u[0] == 0xC2 && u[1] == 0xA0)
            i += 2;
        else if (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
            i += 3;
        else
            break;
    }
    if (i)
        memmove(s, s + i, n - i + 1);
    return s;
}

char *eg_code_clean(char *s)
{
    char *o = s;

    for (const char *p = s; *p;) {
        const unsigned char *u = (const unsigned char *)p;

        /* U+200B to U+200D, U+2060 (E2 80 8B-8D, E2 81 A0), U+FEFF
         * (EF BB BF), U+00AD (C2 AD); and the marks of writing direction,
         * U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069 (E2 80 8E-8F,
         * E2 80 AA-AE, E2 81 A6-A9): Windows' Calculator wraps a figure
         * it copies in U+202D ... U+202C */
        if (u[0] == 0xE2 && u[1] == 0x80 &&
            ((u[2] >= 0x8B && u[2] <= 0x8F) || (u[2] >= 0xAA && u[2] <= 0xAE)))
            p += 3;
        else if (u[0] == 0xE2 && u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9)
            p += 3;
        else if (u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0xA0)
            p += 3;
        else if (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
            p += 3;
        else if (u[0] == 0xC2 && u[1] == 0xAD)
            p += 2;
        else
            *o++ = *p++;
    }
    *o = '\0';
    return eg_trim(s);
}

char *eg_ascii_upper(char *s)
{
    for (char *p = s; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    return s;
}

char *eg_ascii_lower(char *s)
{
    for (char *p = s; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return s;
}

size_t eg_edit_distance(const char *a, const char *b, size_t limit)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t *row, best, d;

    if ((la > lb ? la - lb : lb - la) > limit)
        return limit + 1;
    row = eg_xmalloc((lb + 1) * sizeof *row);
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];

        row[0] = i;
        best = row[0];
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t v = diag + cost;

            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best > limit) {
            free(row);
            return limit + 1;
        }
    }
    d = row[lb];
    free(row);
    return d > limit ? limit + 1 : d;
}

size_t eg_utf8_prefix(const char *s, size_t max)
{
    size_t n = strnlen(s, max + 1);

    if (n <= max)
        return n;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

char *eg_utf8_copy(char *buf, size_t cap, const char *s)
{
    size_t n = eg_utf8_prefix(s, cap - 1);

    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

size_t eg_utf8_len(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

size_t eg_utf8_put(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}
