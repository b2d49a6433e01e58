#include "extract/cellfmt.h"

#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

eg_cell_kind eg_cellfmt_builtin(int id)
{
    if (id == 9 || id == 10)
        return EG_CELL_PERCENT;
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 ||
        (id >= 50 && id <= 58))
        return EG_CELL_DATE;
    if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47))
        return EG_CELL_TIME;
    if (id == 22)
        return EG_CELL_DATETIME;
    return EG_CELL_NUMBER;
}

/* 1 when the bracket's content [h], [mm], [ss]... is an elapsed time. */
static int elapsed_bracket(const char *p, const char *end)
{
    char c = (char)(*p | 0x20);

    if (p == end || (c != 'h' && c != 'm' && c != 's'))
        return 0;
    for (; p < end; p++)
        if ((*p | 0x20) != c)
            return 0;
    return 1;
}

eg_cell_kind eg_cellfmt_code(const char *code)
{
    int date = 0, month = 0, time = 0, pct = 0;

    /* Only the first section (positive numbers) counts; literal text is
     * skipped so that "0 \"ngày\"" is no date and "0\"%\"" no percent. */
    for (const char *p = code; *p && *p != ';'; p++) {
        switch (*p) {
        case '"': {
            const char *q = strchr(p + 1, '"');

            if (!q)
                return EG_CELL_NUMBER;
            p = q;
            break;
        }
        case '\\':
        case '_':
        case '*':
            if (p[1])
                p++;
            break;
        case '[': {
            const char *q = strchr(p + 1, ']');

            if (!q)
                return EG_CELL_NUMBER;
            if (elapsed_bracket(p + 1, q))
                time = 1;
            p = q;
            break;
        }
        case 'y': case 'Y': case 'd': case 'D':
            date = 1;
            break;
        case 'm': case 'M':
            month = 1;
            break;
        case 'h': case 'H': case 's': case 'S':
            time = 1;
            break;
        case '%':
            pct = 1;
            break;
        default:
            break;
        }
    }
    /* An 'm' is minutes next to hours or seconds ("h:mm", "mm:ss"), else
     * a month ("mm/yyyy"). */
    if (date)
        return time ? EG_CELL_DATETIME : EG_CELL_DATE;
    if (month)
        return time ? EG_CELL_TIME : EG_CELL_DATE;
    if (time)
        return EG_CELL_TIME;
    return pct ? EG_CELL_PERCENT : EG_CELL_NUMBER;
}

/* What one section of a format code does (section_look). */
#define SHOWS_NUMBER 1u    /* a digit placeholder, a date or time code, General, or '@'
                            * (with which Excel shows a number as General) */
#define SHOWS_TEXT 2u      /* '@' */
#define HAS_CONDITION 4u   /* "[>100]" */
#define SHOWS_WORD 16u     /* a literal text with a letter ("Có", "âm") */
#define SHOWS_DIGIT 32u    /* a literal text with a digit ("100"): another number */

/* What the literal text [p, end) shows: SHOWS_WORD, SHOWS_DIGIT. */
static unsigned literal_look(const char *p, const char *end)
{
    unsigned look = 0;

    for (; p < end; p++) {
        unsigned char c = (unsigned char)*p;

        if (c >= '0' && c <= '9')
            look |= SHOWS_DIGIT;
        else if (c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            look |= SHOWS_WORD;
    }
    return look;
}

/* The colour the bracket's content [p, end) names, as a byte of
 * eg_cellfmt_colours: 64 + its index in Excel's default palette for the
 * eight names, 7 + N for [ColorN] (1-56), 255 for another number; 0
 * when it names no colour. */
static unsigned colour_bracket(const char *p, const char *end)
{
    static const struct { const char *name; unsigned idx; } names[] = {
        { "black", 8 }, { "white", 9 }, { "red", 10 }, { "green", 11 }, { "blue", 12 },
        { "yellow", 13 }, { "magenta", 14 }, { "cyan", 15 }
    };
    size_t n = (size_t)(end - p);
    unsigned k = 0;

    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (n == strlen(names[i].name) && strncasecmp(p, names[i].name, n) == 0)
            return EG_COLOUR_NAMED + names[i].idx;
    if (n <= 5 || strncasecmp(p, "color", 5) != 0 || p[5] < '0' || p[5] > '9')
        return 0;
    for (p += 5; p < end && *p >= '0' && *p <= '9' && k < 100; p++)
        k = k * 10 + (unsigned)(*p - '0');
    return p == end && k >= 1 && k <= 56 ? 7 + k : EG_COLOUR_OTHER;
}

/* What the section [p, end) of a format code does: SHOWS_* and HAS_*;
 * *colour the colour it sets (colour_bracket), 0 for none. */
static unsigned section_look(const char *p, const char *end, unsigned *colour)
{
    unsigned look = 0;

    *colour = 0;
    for (; p < end; p++) {
        switch (*p) {
        case '"': {
            const char *q = memchr(p + 1, '"', (size_t)(end - p - 1));

            if (!q)
                return look;
            look |= literal_look(p + 1, q);
            p = q;
            break;
        }
        case '\\':
            if (p + 1 < end)
                look |= literal_look(p + 1, p + 2);
            /* fall through */
        case '_':
        case '*':
            if (p + 1 < end)
                p++;
            break;
        case '[': {
            const char *q = memchr(p + 1, ']', (size_t)(end - p - 1));

            if (!q)
                return look;
            if (p[1] == '<' || p[1] == '>' || p[1] == '=')
                look |= HAS_CONDITION;
            else if (elapsed_bracket(p + 1, q))
                look |= SHOWS_NUMBER;
            else if (!*colour)
                *colour = colour_bracket(p + 1, q);     /* the first, or 0 */
            p = q;
            break;
        }
        case '0': case '#': case '?':
        case 'y': case 'Y': case 'd': case 'D': case 'm': case 'M':
        case 'h': case 'H': case 's': case 'S':
        /* other calendars' and languages' dates, each a format of its
         * own: an era's year (e, and ggg its name), the Buddhist year
         * (bbbb), a weekday in Japanese (aaa); a letter a format shows as
         * it is comes quoted or after a backslash */
        case 'e': case 'E': case 'b': case 'B': case 'a': case 'A':
        case 'g': case 'G':                   /* and General */
            look |= SHOWS_NUMBER;
            break;
        case '@':
            look |= SHOWS_NUMBER | SHOWS_TEXT;
            break;
        default:
            break;
        }
    }
    return look;
}

/* Whether a section that shows no number stands for it by a word. */
static int stands(unsigned look)
{
    return (look & SHOWS_WORD) && !(look & SHOWS_DIGIT);
}

/* The look of the section each kind of value is shown by, as EG_HIDES_*
 * masks: *plain the kinds whose section shows none of it; *colours the
 * colour each sets of its own (eg_cellfmt_colours).  -1 for "" (General), a
 * damaged code, and one with a condition, whose sections cannot be told
 * apart without evaluating it. */
static int sections(const char *code, unsigned *plain, uint32_t *colours)
{
    unsigned sec[4] = { 0 }, colour[4] = { 0 }, pos, neg, text;
    size_t n = 0;
    const char *p = code, *start = code;

    if (!code || !*code)
        return -1;
    /* Split on ';' outside quotes, brackets and escapes. */
    for (;; p++) {
        if (*p == '"') {
            const char *q = strchr(p + 1, '"');

            if (!q)
                return -1;
            p = q;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            if (p[1])
                p++;
        } else if (*p == '[') {
            const char *q = strchr(p + 1, ']');

            if (!q)
                return -1;
            p = q;
        } else if (*p == ';' || !*p) {
            if (n < 4)
                sec[n] = section_look(start, p, &colour[n]);
            if (n < 4 && (sec[n] & HAS_CONDITION))
                return -1;
            n++;
            start = p + 1;
            if (!*p)
                break;
        }
    }
    /* One section: every number; two: positive and zero, then negative;
     * three: positive, negative, zero; the fourth: text, which fewer
     * sections show as it is, in the cell's font. */
    pos = sec[0];
    neg = n >= 2 ? sec[1] : sec[0];
    text = n >= 4 ? sec[3] : SHOWS_TEXT;
    /* a word in the number's place stands for it ("Có" for a yes, 1);
     * nothing, a dash, or other digits ("100") do not */
    *plain = (pos & SHOWS_NUMBER || stands(pos) ? 0 : EG_HIDES_POSITIVE) |
             (neg & SHOWS_NUMBER || stands(neg) ? 0 : EG_HIDES_NEGATIVE) |
             (text & SHOWS_TEXT ? 0 : EG_HIDES_TEXT);
    *colours = (uint32_t)colour[0] << EG_SECTION_POSITIVE |
               (uint32_t)(n >= 2 ? colour[1] : colour[0]) << EG_SECTION_NEGATIVE |
               (uint32_t)(n >= 4 ? colour[3] : 0) << EG_SECTION_TEXT;
    return 0;
}

unsigned eg_cellfmt_hides(const char *code)
{
    unsigned plain;
    uint32_t colours;

    return sections(code, &plain, &colours) ? 0 : plain;
}

uint32_t eg_cellfmt_colours(const char *code)
{
    unsigned plain;
    uint32_t colours;

    return sections(code, &plain, &colours) ? 0 : colours;
}

uint32_t eg_cellfmt_builtin_colours(int id)
{
    /* '#,##0 ;[Red](#,##0)' and their like: negatives in red */
    return id == 6 || id == 8 || id == 38 || id == 40
               ? (uint32_t)(EG_COLOUR_NAMED + 10) << EG_SECTION_NEGATIVE : 0;
}

/* m x 10^k, through long double: m (< 2^64) is exact there, and so is
 * every power of ten up to 10^27, so one rounding in 64 bits and one to
 * the double; for the at most 17 digits a workbook holds that gives the
 * nearest double.  Farther exponents go in steps (not exact, but such
 * numbers mean nothing in a submission). */
static double scale10(uint64_t m, long k)
{
    static const long double p10[28] = {
        1e0L, 1e1L, 1e2L, 1e3L, 1e4L, 1e5L, 1e6L, 1e7L, 1e8L, 1e9L, 1e10L, 1e11L, 1e12L,
        1e13L, 1e14L, 1e15L, 1e16L, 1e17L, 1e18L, 1e19L, 1e20L, 1e21L, 1e22L, 1e23L,
        1e24L, 1e25L, 1e26L, 1e27L
    };
    long double v = (long double)m;

    if (m == 0)
        return 0.0;
    if (k > 0) {
        for (; k > 27 && !isinf(v); k -= 27)
            v *= p10[27];
        if (!isinf(v))
            v *= p10[k > 27 ? 27 : k];
    } else if (k < 0) {
        k = -k;
        for (; k > 27 && v != 0; k -= 27)
            v /= p10[27];
        v /= p10[k > 27 ? 27 : k];
    }
    return (double)v;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int eg_cell_parse_number(const char *s, double *out)
{
    uint64_t mant = 0;
    int ndig = 0, any = 0, neg = 0;
    long exp10 = 0;
    double v;

    while (is_space(*s))
        s++;
    if (*s == '+' || *s == '-')
        neg = *s++ == '-';
    /* Digits before and after the point go into one mantissa of at most
     * 19 digits (more than a double holds); the point moves exp10. */
    for (; *s >= '0' && *s <= '9'; s++) {
        any = 1;
        if (mant == 0 && *s == '0')
            continue;
        if (ndig < 19) {
            mant = mant * 10 + (uint64_t)(*s - '0');
            ndig++;
        } else {
            exp10++;
        }
    }
    if (*s == '.') {
        for (s++; *s >= '0' && *s <= '9'; s++) {
            any = 1;
            if (mant == 0 && *s == '0') {
                exp10--;
                continue;
            }
            if (ndig < 19) {
                mant = mant * 10 + (uint64_t)(*s - '0');
                ndig++;
                exp10--;
            }
        }
    }
    if (!any)
        return -1;
    if (*s == 'e' || *s == 'E') {
        int eneg = 0, edig = 0;
        long e = 0;

        s++;
        if (*s == '+' || *s == '-')
            eneg = *s++ == '-';
        for (; *s >= '0' && *s <= '9'; s++, edig++)
            if (e < 100000)
                e = e * 10 + (*s - '0');
        if (!edig)
            return -1;
        exp10 += eneg ? -e : e;
    }
    while (is_space(*s))
        s++;
    if (*s)
        return -1;
    v = scale10(mant, exp10);
    if (isinf(v))
        return -1;
    *out = neg ? -v : v;
    return 0;
}

/* The shortest digits d1 d2 ... dn (no trailing zeros) and exponent e
 * with x = d1.d2...dn x 10^e that read back as x, for finite x > 0:
 * printf rounds correctly, so the first precision that reads back wins.
 * Below 2^53, at most 15 digits, x rounded to them when none reads
 * back: a spreadsheet holds 15 significant digits, and Excel and
 * LibreOffice show and compare a number so (a formula's 0.46*100,
 * stored as 46.00000000000001, is 46 in the cell, in the formula bar
 * and to =46; 5.1+4.7+5.2 stored as 29.499999999999996 is 29.5).  From
 * 2^53 on, a whole number, its digits to 17. */
static int shortest_digits(double x, char *dig, int *e10)
{
    char tmp[64];
    int n = 0;

    const int most = x < 9007199254740992.0 ? 15 : 17;

    for (int p = 1; p <= most; p++) {
        const char *q = tmp;
        uint64_t m = 0;
        int e = 0, eneg = 0;

        snprintf(tmp, sizeof tmp, "%.*e", p - 1, x);
        n = 0;
        /* Whatever the locale's decimal mark, only the digits count. */
        for (; *q && *q != 'e' && *q != 'E'; q++)
            if (*q >= '0' && *q <= '9') {
                dig[n++] = *q;
                m = m * 10 + (uint64_t)(*q - '0');
            }
        if (*q)
            q++;
        if (*q == '+' || *q == '-')
            eneg = *q++ == '-';
        for (; *q >= '0' && *q <= '9'; q++)
            e = e * 10 + (*q - '0');
        if (eneg)
            e = -e;
        if (p == most || scale10(m, (long)e - (n - 1)) == x) {
            *e10 = e;
            break;
        }
    }
    while (n > 1 && dig[n - 1] == '0')
        n--;
    dig[n] = '\0';
    return n;
}

/* A bounded writer: never past cap - 1, always terminated. */
typedef struct {
    char *buf;
    size_t cap, len;
} out_buf;

static void put(out_buf *o, char c)
{
    if (o->len + 1 < o->cap)
        o->buf[o->len++] = c;
    o->buf[o->len < o->cap ? o->len : o->cap - 1] = '\0';
}

static void put_s(out_buf *o, const char *s)
{
    while (*s)
        put(o, *s++);
}

/* x in positional notation, '.' as the decimal mark; shift moves the
 * point to the right (2 for a percentage). */
static void put_decimal(out_buf *o, double x, int shift)
{
    char dig[24];
    int n, e = 0;

    if (x < 0) {
        put(o, '-');
        x = -x;
    }
    if (x == 0) {
        put(o, '0');
        return;
    }
    /* Whole numbers below 2^53 are exact: their digits, no search (most
     * cells of a submission are counts). */
    if (shift == 0 && x < 9007199254740992.0 && x == (double)(int64_t)x) {
        char t[24];

        snprintf(t, sizeof t, "%" PRId64, (int64_t)x);
        put_s(o, t);
        return;
    }
    n = shortest_digits(x, dig, &e);
    e += shift;
    if (e >= n - 1) {                     /* a whole number */
        put_s(o, dig);
        for (int i = 0; i < e - (n - 1); i++)
            put(o, '0');
    } else if (e >= 0) {                  /* 116.83 */
        for (int i = 0; i < n; i++) {
            put(o, dig[i]);
            if (i == e)
                put(o, '.');
        }
    } else {                              /* 0.00123 */
        put_s(o, "0.");
        for (int i = 0; i < -e - 1; i++)
            put(o, '0');
        put_s(o, dig);
    }
}

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void civil_from_days(long z, long *y, int *m, int *d)
{
    long era, yy;
    unsigned long doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = (unsigned long)(z - era * 146097);
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    yy = (long)yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yy + (*m <= 2);
}

static void put_time(out_buf *o, long secs)
{
    char t[32];

    snprintf(t, sizeof t, "%02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
    put_s(o, t);
}

/* A date or time; 0 when x is no date Excel shows (the caller then writes
 * the number). */
static int put_date(out_buf *o, double x, eg_cell_kind kind, int date1904)
{
    /* The last day Excel shows, 9999-12-31, in either date system. */
    const double last = date1904 ? 2957003.0 : 2958465.0;
    long long secs;
    long days, tod, unix_days, y;
    int m, d;
    char t[32];

    if (!(x >= 0) || x >= last + 1)
        return 0;
    secs = llround(x * 86400.0);
    days = (long)(secs / 86400);
    tod = (long)(secs % 86400);
    if (kind == EG_CELL_TIME) {
        put_time(o, tod);
        return 1;
    }
    if (days > (long)last || (!date1904 && days < 1))
        return 0;
    if (date1904) {
        unix_days = days - 24107;             /* day 0 is 1904-01-01 */
    } else if (days == 60) {
        /* Lotus 1-2-3's leap-year bug, kept by Excel: day 60 is a 29
         * February 1900 that never was.  Write what the clerk sees. */
        put_s(o, "1900-02-29");
        return 1;
    } else {
        /* Day 1 is 1900-01-01; from day 61 on the phantom day shifts
         * every date by one. */
        unix_days = days < 60 ? days - 25568 : days - 25569;
    }
    civil_from_days(unix_days, &y, &m, &d);
    snprintf(t, sizeof t, "%04ld-%02d-%02d", y, m, d);
    put_s(o, t);
    if (kind == EG_CELL_DATETIME && tod) {
        put(o, ' ');
        put_time(o, tod);
    }
    return 1;
}

char *eg_cell_number_text(char *buf, size_t cap, double x, eg_cell_kind kind, int date1904)
{
    out_buf o = { buf, cap, 0 };

    if (!cap)
        return buf;
    buf[0] = '\0';
    if (!isfinite(x)) {
        put_s(&o, "#NUM!");
        return buf;
    }
    switch (kind) {
    case EG_CELL_PERCENT:
        /* The decimal point moves, the digits stay: 0.962 gives "96.2%",
         * where x * 100 would give 96.19999999999999. */
        put_decimal(&o, x, 2);
        put(&o, '%');
        return buf;
    case EG_CELL_DATE:
    case EG_CELL_TIME:
    case EG_CELL_DATETIME:
        if (put_date(&o, x, kind, date1904))
            return buf;
        break;
    case EG_CELL_NUMBER:
        break;
    }
    put_decimal(&o, x, 0);
    return buf;
}

char *eg_cell_name(char *buf, size_t cap, int col, long row)
{
    char letters[8];
    int n = 0;

    /* Bijective base 26: A..Z, AA..ZZ, AAA..XFD. */
    for (; col > 0 && n < (int)sizeof letters; col = (col - 1) / 26)
        letters[n++] = (char)('A' + (col - 1) % 26);
    if (cap)
        buf[0] = '\0';
    for (size_t i = 0; n > 0 && i + 1 < cap; i++) {
        buf[i] = letters[--n];
        buf[i + 1] = '\0';
    }
    if (cap > strlen(buf))
        snprintf(buf + strlen(buf), cap - strlen(buf), "%ld", row);
    return buf;
}
