/*
 * number.c - reading and writing numbers the Vietnamese way.
 *
 * Reading.  A field is lexed as runs of ASCII digits ("groups") joined by
 * single separators.  There are three kinds of separator: '.', ',' and a
 * blank, where a blank is U+0020, U+00A0, U+202F, U+2009 (thin space) or
 * U+2007 (figure space); the blanks are one kind because they look the
 * same on screen, and refusing "1 234 567"
 * because one of its spaces happens to be a no-break space would be a
 * message nobody could act on.  Anything else (a letter, an exponent, a
 * '%', two separators in a row, a separator at either end) is a syntax
 * error; a leading '+', '-' or U+2212 is a sign error.
 *
 * Which separator is the decimal mark, if any, is decided from the kinds
 * present (see check_layout()); every other separator groups thousands,
 * and those must all be of one kind, with a first group of 1-3 digits not
 * starting with '0' and then groups of exactly 3.  A number without any
 * grouping may have leading zeros ("007").
 *
 * Values are exact: the digits become an integer mantissa (at most 18
 * significant digits) and a decimal scale, and the double is the one
 * nearest to mantissa / 10^scale (ties to even), never strtod's idea of
 * it under some locale.  Whole parts above 10^15 are refused.
 *
 * Writing.  Every formatter scales by a power of ten, rounds to an integer
 * once (round_scaled()), and prints that integer's digits; no floating
 * point conversion is ever printed, so the locale cannot show through.
 */
#include "core/number.h"

#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <utf8proc.h>

#include "core/mem.h"

/* The largest value any parser accepts: 1.000.000.000.000.000. */
#define NUM_MAX         UINT64_C(1000000000000000)
/* Significant digits a uint64_t mantissa holds with room for one more. */
#define MAX_SIG         18
/* Decimal places we read; more is not a figure anyone writes. */
#define MAX_SCALE       40
/* Decimal places the formatters print; 10^15 is still an exact double. */
#define MAX_DECIMALS    15

enum sep_kind { SEP_DOT, SEP_COMMA, SEP_BLANK, SEP_NKINDS };

/* 10^0 .. 10^22: every one is exactly representable as a double. */
static const double pow10_exact[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

static const uint64_t pow10_int[] = {
    UINT64_C(1), UINT64_C(10), UINT64_C(100), UINT64_C(1000),
    UINT64_C(10000), UINT64_C(100000), UINT64_C(1000000),
    UINT64_C(10000000), UINT64_C(100000000), UINT64_C(1000000000),
    UINT64_C(10000000000), UINT64_C(100000000000),
    UINT64_C(1000000000000), UINT64_C(10000000000000),
    UINT64_C(100000000000000), UINT64_C(1000000000000000)
};

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

size_t eg_num_blank_len(const char *p, const char *end)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t n = (size_t)(end - p);

    if (n >= 1 && u[0] == ' ')
        return 1;
    if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
        (u[2] == 0xAF || u[2] == 0x89 || u[2] == 0x87))
        return 3;
    return 0;
}

/* Bytes of the blank ending just before end, 0 if none. */
static size_t blank_len_before(const char *s, const char *end)
{
    size_t n = (size_t)(end - s);

    if (n >= 1 && eg_num_blank_len(end - 1, end) == 1)
        return 1;
    if (n >= 2 && eg_num_blank_len(end - 2, end) == 2)
        return 2;
    if (n >= 3 && eg_num_blank_len(end - 3, end) == 3)
        return 3;
    return 0;
}

char *eg_num_trim_blanks(char *s)
{
    char *p = s, *end = s + strlen(s);
    size_t n;

    while (p < end && (n = eg_num_blank_len(p, end)))
        p += n;
    while (end > p && (n = blank_len_before(p, end)))
        end -= n;
    memmove(s, p, (size_t)(end - p));
    s[end - p] = '\0';
    return s;
}

static int is_blank_only(const char *p, const char *end)
{
    size_t n;

    while (p < end) {
        if (!(n = eg_num_blank_len(p, end)))
            return 0;
        p += n;
    }
    return 1;
}

/* Bytes of the separator at p (p < end), 0 if none; its kind in *kind. */
static size_t sep_len(const char *p, const char *end, enum sep_kind *kind)
{
    if (*p == '.') {
        *kind = SEP_DOT;
        return 1;
    }
    if (*p == ',') {
        *kind = SEP_COMMA;
        return 1;
    }
    *kind = SEP_BLANK;
    return eg_num_blank_len(p, end);
}

/* A leading sign: '+', '-' or U+2212 MINUS SIGN (what word processors
 * put in "−3"); all three mean the writer gave a sign, which no type takes. */
static int starts_with_sign(const char *p, const char *end)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t n = (size_t)(end - p);

    if (n >= 1 && (u[0] == '+' || u[0] == '-'))
        return 1;
    return n >= 3 && u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92;
}

/* What lex() learns about a field: separators by kind, and where the
 * last '.' or ',' is.  Separator number i (1-based) precedes group i. */
struct lexed {
    const char *s, *end;
    size_t nsep;
    size_t nkind[SEP_NKINDS];
    size_t last_punct;
    enum sep_kind last_punct_kind;
};

/* Checks the shape digits (sep digits)*, nothing else. */
static eg_num_status lex(const char *s, const char *end, struct lexed *lx)
{
    const char *p = s;

    memset(lx, 0, sizeof *lx);
    lx->s = s;
    lx->end = end;
    if (is_blank_only(s, end))
        return EG_NUM_EMPTY;
    if (starts_with_sign(s, end))
        return EG_NUM_SIGN;
    for (;;) {
        enum sep_kind kind;
        size_t n;

        /* Also catches a separator first, last, or doubled: ",5" "5," */
        if (p == end || !is_digit(*p))
            return EG_NUM_SYNTAX;
        while (p < end && is_digit(*p))
            p++;
        if (p == end)
            return EG_NUM_OK;
        if (!(n = sep_len(p, end, &kind)))
            return EG_NUM_SYNTAX;
        p += n;
        lx->nsep++;
        lx->nkind[kind]++;
        if (kind != SEP_BLANK) {
            lx->last_punct = lx->nsep;
            lx->last_punct_kind = kind;
        }
    }
}

/* How the separators of a lexed field are read. */
struct layout {
    size_t dm;          /* number of the separator that is the decimal mark, 0: none */
    size_t frac_len;    /* digits after the decimal mark */
};

/*
 * Decides the decimal mark and checks the grouping.  For a count there is
 * never a decimal mark.  For a number: with both '.' and ',' the last of
 * them is the mark; with one of them alone it is the mark if it occurs
 * once, and groups if repeated; blanks always group.  The mark must be the
 * last separator: nothing groups the decimals.
 */
static eg_num_status check_layout(const struct lexed *lx, int decimal,
                                  struct layout *lo)
{
    size_t int_groups, i;
    const char *p = lx->s;
    int kinds = 0;
    int k;

    lo->dm = 0;
    lo->frac_len = 0;
    if (decimal) {
        if (lx->nkind[SEP_DOT] && lx->nkind[SEP_COMMA])
            lo->dm = lx->last_punct;
        else if (lx->nkind[SEP_DOT] == 1 || lx->nkind[SEP_COMMA] == 1)
            lo->dm = lx->last_punct;
    }
    if (lo->dm && lo->dm != lx->nsep)
        return EG_NUM_GROUPING;

    /* What is left after the decimal mark groups: one kind throughout. */
    for (k = 0; k < SEP_NKINDS; k++) {
        size_t n = lx->nkind[k];

        if (lo->dm && (enum sep_kind)k == lx->last_punct_kind)
            n--;
        if (n)
            kinds++;
    }
    if (kinds > 1)
        return EG_NUM_GROUPING;

    int_groups = lo->dm ? lx->nsep : lx->nsep + 1;
    for (i = 0; i <= lx->nsep; i++) {
        const char *g = p;
        size_t len;
        enum sep_kind kind;

        while (p < lx->end && is_digit(*p))
            p++;
        len = (size_t)(p - g);
        /* Only a grouped whole part has rules; "007" alone is fine, but a
         * first group "0" or "01" is not how anyone groups thousands. */
        if (int_groups > 1 && i < int_groups) {
            if (i == 0 ? (len > 3 || *g == '0') : len != 3)
                return EG_NUM_GROUPING;
        }
        if (lo->dm && i == lo->dm)
            lo->frac_len = len;
        if (p < lx->end)
            p += sep_len(p, lx->end, &kind);
    }
    return EG_NUM_OK;
}

/*
 * The digits as mantissa * 10^-scale.  Leading zeros and the decimals'
 * trailing zeros are not significant, so "0,50000000000000000000" still
 * fits; more than MAX_SIG significant digits, more than MAX_SCALE
 * decimals, or a value above NUM_MAX is an overflow.
 */
static eg_num_status accumulate(const struct lexed *lx, const struct layout *lo,
                                uint64_t *mant, int *scale)
{
    const char *p = lx->s;
    const char *frac_end = lx->end;
    uint64_t m = 0;
    size_t seps = 0, nsig = 0, sc = 0;
    int in_frac = 0;

    /* The fraction is the last group; its trailing zeros stop at the mark. */
    if (lo->dm)
        while (frac_end > lx->s && frac_end[-1] == '0')
            frac_end--;

    while (p < lx->end) {
        int d;

        if (!is_digit(*p)) {
            enum sep_kind kind;

            p += sep_len(p, lx->end, &kind);
            if (++seps == lo->dm) {
                in_frac = 1;
                /* Here m is the whole part; 10^15 itself is allowed only
                 * without a fraction, checked below. */
                if (m > NUM_MAX)
                    return EG_NUM_OVERFLOW;
                if (m == NUM_MAX && frac_end > p)
                    return EG_NUM_OVERFLOW;
            }
            continue;
        }
        if (in_frac && p >= frac_end)
            break;
        d = *p++ - '0';
        if (in_frac && ++sc > MAX_SCALE)
            return EG_NUM_OVERFLOW;
        if (m == 0 && d == 0)
            continue;
        if (++nsig > MAX_SIG)
            return EG_NUM_OVERFLOW;
        m = m * 10 + (uint64_t)d;
    }
    if (!in_frac && m > NUM_MAX)
        return EG_NUM_OVERFLOW;
    *mant = m;
    *scale = (int)sc;
    return EG_NUM_OK;
}

/*
 * Just enough bignum to compare m / 10^s with a double's midpoint.  Both
 * sides of a comparison stay below about 2^152 (55-bit midpoint times
 * 5^40, or the mantissa shifted to the same size), so 256 bits is ample.
 */
#define BIG_LIMBS 8

struct big {
    uint32_t d[BIG_LIMBS];      /* least significant first */
};

static void big_set(struct big *b, uint64_t v)
{
    memset(b, 0, sizeof *b);
    b->d[0] = (uint32_t)v;
    b->d[1] = (uint32_t)(v >> 32);
}

static void big_mul(struct big *b, uint32_t f)
{
    uint64_t carry = 0;
    int i;

    for (i = 0; i < BIG_LIMBS; i++) {
        uint64_t t = (uint64_t)b->d[i] * f + carry;

        b->d[i] = (uint32_t)t;
        carry = t >> 32;
    }
}

static void big_shl(struct big *b, unsigned n)
{
    unsigned limbs = n / 32, bits = n % 32;
    int i;

    for (i = BIG_LIMBS - 1; i >= 0; i--) {
        int from = i - (int)limbs;
        uint32_t hi = from >= 0 ? b->d[from] : 0;
        uint32_t lo = from >= 1 ? b->d[from - 1] : 0;

        /* Shifting a uint32_t by 32 is undefined: bits == 0 is a copy. */
        b->d[i] = bits ? (hi << bits) | (lo >> (32 - bits)) : hi;
    }
}

static int big_cmp(const struct big *a, const struct big *b)
{
    int i;

    for (i = BIG_LIMBS - 1; i >= 0; i--)
        if (a->d[i] != b->d[i])
            return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}

/* The sign of m / 10^s - n * 2^f, exactly: compares m with n * 5^s * 2^(s+f). */
static int cmp_exact(uint64_t m, int s, uint64_t n, int f)
{
    struct big a, b;
    int g = s + f, i;

    big_set(&a, m);
    big_set(&b, n);
    for (i = 0; i < s; i++)
        big_mul(&b, 5);
    if (g >= 0)
        big_shl(&b, (unsigned)g);
    else
        big_shl(&a, (unsigned)-g);
    return big_cmp(&a, &b);
}

/* The double nearest to m / 10^s, ties to even. */
static double to_double(uint64_t m, int s)
{
    double q;
    int rest;

    if (m == 0)
        return 0.0;
    /* Both operands exact, so the one division is correctly rounded. */
    if (m < (UINT64_C(1) << 53) && s <= 22)
        return (double)m / pow10_exact[s];

    /* Otherwise start within a few ulps and walk to the nearest double,
     * deciding each step by exact comparison with the midpoints. */
    q = (double)m;
    for (rest = s; rest > 22; rest -= 22)
        q /= 1e22;
    q /= pow10_exact[rest];
    for (;;) {
        int e, c;
        uint64_t M = (uint64_t)ldexp(frexp(q, &e), 53);     /* q = M * 2^E */
        int E = e - 53;

        c = cmp_exact(m, s, 2 * M + 1, E - 1);
        if (c > 0 || (c == 0 && (M & 1))) {
            q = nextafter(q, INFINITY);
            continue;
        }
        /* Below a power of two the neighbour is half as far. */
        if (M == (UINT64_C(1) << 52))
            c = cmp_exact(m, s, 4 * M - 1, E - 2);
        else
            c = cmp_exact(m, s, 2 * M - 1, E - 1);
        if (c < 0 || (c == 0 && (M & 1))) {
            q = nextafter(q, -INFINITY);
            continue;
        }
        return q;
    }
}

static eg_num_status parse_decimal(const char *s, const char *end, double *out)
{
    struct lexed lx;
    struct layout lo;
    eg_num_status st;
    uint64_t m;
    int scale;

    if ((st = lex(s, end, &lx)) != EG_NUM_OK)
        return st;
    if ((st = check_layout(&lx, 1, &lo)) != EG_NUM_OK)
        return st;
    if ((st = accumulate(&lx, &lo, &m, &scale)) != EG_NUM_OK)
        return st;
    *out = to_double(m, scale);
    return EG_NUM_OK;
}

/* eg_parse_count, and with zeros_ok a whole number written with a decimal
 * part of zeros. */
static eg_num_status parse_count(const char *s, int zeros_ok, int64_t *out)
{
    const char *end = s + strlen(s);
    struct lexed lx;
    struct layout lo;
    eg_num_status st;
    uint64_t m;
    int scale;

    if ((st = lex(s, end, &lx)) != EG_NUM_OK)
        return st;
    if ((st = check_layout(&lx, 0, &lo)) != EG_NUM_OK) {
        /*
         * Not a regular count.  Say "not a whole number" when it reads
         * as a decimal whose decimals cannot be a thousands group
         * ("1.234,5", "1,5", "12.34", "0.001"); but "1,234.567" is as
         * likely mixed grouping as a decimal, so that stays GROUPING.
         * Such a decimal whose decimals are all zeros ("46,00") is, with
         * zeros_ok, its whole part (its trailing zeros do not count in
         * its scale).
         */
        struct layout dec;

        if (check_layout(&lx, 1, &dec) != EG_NUM_OK || !dec.dm ||
            (dec.frac_len == 3 && *s != '0'))
            return st;
        if (!zeros_ok)
            return EG_NUM_FRACTION;
        if ((st = accumulate(&lx, &dec, &m, &scale)) != EG_NUM_OK)
            return st;
        if (scale != 0)
            return EG_NUM_FRACTION;
        *out = (int64_t)m;
        return EG_NUM_OK;
    }
    if ((st = accumulate(&lx, &lo, &m, &scale)) != EG_NUM_OK)
        return st;
    *out = (int64_t)m;
    return EG_NUM_OK;
}

eg_num_status eg_parse_count(const char *s, int64_t *out)
{
    return parse_count(s, 0, out);
}

eg_num_status eg_parse_count_value(const char *s, int64_t *out)
{
    return parse_count(s, 1, out);
}

eg_num_status eg_parse_decimal(const char *s, double *out)
{
    return parse_decimal(s, s + strlen(s), out);
}

eg_num_status eg_parse_percent(const char *s, double *out)
{
    const char *end = s + strlen(s);
    eg_num_status st;
    double v;
    size_t n;

    if (is_blank_only(s, end))
        return EG_NUM_EMPTY;
    if (end[-1] == '%') {
        end--;
        while ((n = blank_len_before(s, end)))
            end -= n;
        /* A '%' with nothing before it is not an empty cell. */
        if (end == s)
            return EG_NUM_SYNTAX;
    }
    if ((st = parse_decimal(s, end, &v)) != EG_NUM_OK)
        return st;
    /* a spreadsheet's rounding past 100 % (a formula's 1.0000000000000002
     * shown as 100%, written "100.00000000000002%") is 100, within the
     * scores' 1e-9 */
    if (v > 100.0 + 1e-9)
        return EG_NUM_RANGE;
    *out = v > 100.0 ? 100.0 : v;
    return EG_NUM_OK;
}

/* Collapses runs of blanks to one space and trims both ends, in place. */
static void collapse_blanks(char *s)
{
    const char *end = s + strlen(s);
    const char *p = s;
    char *w = s;
    int pending = 0;

    while (p < end) {
        size_t n = eg_num_blank_len(p, end);

        if (n) {
            pending = w > s;
            p += n;
            continue;
        }
        if (pending)
            *w++ = ' ';
        pending = 0;
        *w++ = *p++;
    }
    *w = '\0';
}

eg_num_status eg_parse_bool(const char *s, int *out)
{
    static const struct {
        const char *word;
        int value;
    } words[] = {
        { "có", 1 }, { "co", 1 }, { "x", 1 }, { "1", 1 },
        { "yes", 1 }, { "true", 1 }, { "đạt", 1 }, { "dat", 1 },
        { "không", 0 }, { "khong", 0 }, { "0", 0 }, { "no", 0 },
        { "false", 0 }, { "không đạt", 0 }, { "khong dat", 0 },
    };
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t n;
    size_t i;

    if (is_blank_only(s, s + strlen(s)))
        return EG_NUM_EMPTY;
    /* Case folding alone would leave "có" typed as o + U+0301 unequal
     * to the precomposed word; COMPOSE brings both to NFC. */
    n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &folded,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE |
                     UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    if (n == UTF8PROC_ERROR_NOMEM) {
        /* Same policy as mem.c: not a per-row error, stop. */
        eg_out_of_memory("folding a yes/no value");
    }
    if (n < 0)
        return EG_NUM_SYNTAX;   /* invalid UTF-8 */
    collapse_blanks((char *)folded);
    for (i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (!strcmp((const char *)folded, words[i].word)) {
            free(folded);
            *out = words[i].value;
            return EG_NUM_OK;
        }
    }
    free(folded);
    return EG_NUM_SYNTAX;
}

const char *eg_num_status_text(eg_num_status st)
{
    switch (st) {
    case EG_NUM_OK: return "giá trị hợp lệ";
    case EG_NUM_EMPTY: return "trống";
    case EG_NUM_SIGN: return "không được ghi dấu + hoặc -";
    case EG_NUM_SYNTAX: return "không phải là số";
    case EG_NUM_GROUPING: return "dấu phân cách hàng nghìn không đúng chỗ";
    case EG_NUM_FRACTION: return "có phần thập phân";
    case EG_NUM_OVERFLOW: return "quá lớn hoặc quá nhiều chữ số";
    case EG_NUM_RANGE: return "nằm ngoài khoảng cho phép";
    }
    return "không phải là số";
}

static int clamp_decimals(int decimals)
{
    if (decimals < 0)
        return 0;
    return decimals > MAX_DECIMALS ? MAX_DECIMALS : decimals;
}

/*
 * |v| * 10^e rounded half away from zero, into *r; 0 if that is not a
 * finite number below 2^64.
 *
 * "As printed": a half typed in decimal is rarely a half in binary
 * (98.975 is stored as 98.97499999999999...), and the reader expects
 * 98,98.  So a scaled value within a tolerance below the half counts as
 * the half.  The tolerance is the larger of 1e-9 (well above the error of
 * a few arithmetic steps, and below the distance 1/(2b) of any ratio a/b
 * with b < 5e8 from a half) and 4 ulps (for large values), but never more
 * than 2^-10 so that it cannot move a value that is nowhere near a half.
 * Above 2^52 a double has no fraction left to round.
 */
static int round_scaled(double v, int e, uint64_t *r)
{
    double a, whole, frac, ulp, tol;

    if (!isfinite(v))
        return 0;
    a = fabs(v) * pow10_exact[e];
    if (!(a < 0x1p64))
        return 0;
    if (a >= 0x1p52) {
        *r = (uint64_t)a;
        return 1;
    }
    whole = floor(a);
    frac = a - whole;       /* exact: needs no more bits than a has */
    ulp = nextafter(a, INFINITY) - a;
    tol = fmax(1e-9, 4 * ulp);
    tol = fmin(tol, 0x1p-10);
    *r = (uint64_t)whole + (frac + tol >= 0.5);
    return 1;
}

double eg_round(double v, int decimals)
{
    int d = clamp_decimals(decimals);
    uint64_t r;

    /* Nothing to round (or nothing we can): v is already as printed. */
    if (!(fabs(v) * pow10_exact[d] < 0x1p52) || !round_scaled(v, d, &r))
        return v;
    if (r == 0)
        return 0.0;         /* never -0.0 */
    /* r <= 2^52 and 10^d are exact, so this division gives the double
     * nearest the printed decimal. */
    return copysign((double)r / pow10_exact[d], v);
}

double eg_percent_fraction(double pct)
{
    double a = fabs(pct);

    for (int d = 0; d <= MAX_DECIMALS; d++) {
        double scaled = a * pow10_exact[d], r;

        if (!(scaled < 0x1p53))
            break;
        r = nearbyint(scaled);
        /* r and 10^d exact, so the one division is correctly rounded:
         * equal to a, r·10^-d is the decimal a is written as */
        if (r / pow10_exact[d] == a)
            return r == 0 ? 0.0 : copysign(to_double((uint64_t)r, d + 2), pct);
    }
    return pct / 100.0;
}

/* Writes r as digits with '.' every three, backwards from *w. */
static char *put_grouped(char *w, uint64_t r)
{
    int n = 0;

    do {
        if (n && n % 3 == 0)
            *--w = '.';
        *--w = (char)('0' + r % 10);
        r /= 10;
        n++;
    } while (r);
    return w;
}

static char *copy_out(char *buf, size_t cap, const char *s)
{
    size_t n = strlen(s);

    if (!cap)
        return buf;
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

/*
 * The common writer: r is |value| * 10^decimals, already rounded.
 * Writes backwards into a buffer that holds the longest result
 * ("-18.446.744.073.709.551.615" with 15 decimals and a '%').
 */
static char *fmt_scaled(char *buf, size_t cap, int neg, uint64_t r,
                        int decimals, const char *suffix)
{
    char tmp[64];
    char *w = tmp + sizeof tmp;
    size_t slen = strlen(suffix);
    int i;

    w -= slen + 1;
    memcpy(w, suffix, slen + 1);
    if (decimals > 0) {
        uint64_t frac = r % pow10_int[decimals];

        for (i = 0; i < decimals; i++) {
            *--w = (char)('0' + frac % 10);
            frac /= 10;
        }
        *--w = ',';
        r /= pow10_int[decimals];
    }
    w = put_grouped(w, r);
    if (neg)
        *--w = '-';
    return copy_out(buf, cap, w);
}

char *eg_fmt_int(char *buf, size_t cap, int64_t v)
{
    /* The magnitude in unsigned arithmetic: -INT64_MIN overflows int64_t. */
    uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

    return fmt_scaled(buf, cap, v < 0, mag, 0, "");
}

/* Nothing in a validated report is unprintable; should it happen, "?"
 * shows it rather than a plausible wrong figure. */
char *eg_fmt_dec(char *buf, size_t cap, double v, int decimals)
{
    int d = clamp_decimals(decimals);
    uint64_t r;

    if (!round_scaled(v, d, &r))
        return copy_out(buf, cap, "?");
    return fmt_scaled(buf, cap, v < 0 && r != 0, r, d, "");
}

int eg_decimals_of(double v)
{
    int d = 0;

    while (d < 6 && fabs(v * pow(10, d) - nearbyint(v * pow(10, d))) > 1e-9 * pow(10, d))
        d++;
    return d;
}

char *eg_fmt_pct(char *buf, size_t cap, double fraction, int decimals)
{
    int d = clamp_decimals(decimals);
    uint64_t r;

    /* Cap so that decimals + 2 stays an exact power of ten; scaling the
     * fraction once by 10^(d+2) rounds once, not twice as fraction*100
     * and then 10^d would. */
    if (d > MAX_DECIMALS - 2)
        d = MAX_DECIMALS - 2;
    if (!round_scaled(fraction, d + 2, &r))
        return copy_out(buf, cap, "?");
    return fmt_scaled(buf, cap, fraction < 0 && r != 0, r, d, "%");
}

/* ---- timestamps ----------------------------------------------------------- */

static uint64_t load64(const char *s)
{
    uint64_t v;

    memcpy(&v, s, 8);
#if defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;  /* byte k of the text is bits 8k..8k+7 */
}

/* w as eight bytes of a pattern: `pattern` has '0' where a digit goes and
 * the separator itself elsewhere, `sep` 0xFF at the separators.  *x gets
 * the digits' values (0-9 in each digit byte, 0 at the separators); the
 * result is non-zero when a digit is not one or a separator is wrong. */
static uint64_t digits8(uint64_t w, uint64_t pattern, uint64_t sep, uint64_t *x)
{
    const uint64_t ones = 0x0101010101010101ull;

    *x = w ^ pattern;
    /* a digit byte is 0x30..0x39, so x is 0..9 there; a separator is 0 */
    return (*x & sep) | (((*x + 0x76 * ones) | *x) & 0x80 * ones);
}

/* Each byte k of x (digit values) and the next as one number: byte k of
 * the result is 10 x[k] + x[k+1] (at most 99: no byte carries). */
static uint64_t pairs(uint64_t x)
{
    return x * 10 + (x >> 8);
}

#define BYTE(x, k) ((unsigned)((x) >> (8 * (k))) & 0xFF)

/* Days in each month (a leap February), 0 for the months that are not. */
static const unsigned char month_days[16] = { 0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

static int is_leap(unsigned y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned eg_days_in_month(unsigned y, unsigned mo)
{
    if (mo < 1 || mo > 12)
        return 0;
    return mo == 2 && !is_leap(y) ? 28 : month_days[mo];
}

int eg_iso_date(const char *s, size_t n)
{
    unsigned v[3] = { 0, 0, 0 };
    static const unsigned char width[3] = { 4, 2, 2 };
    size_t at = 0;

    if (n != 10)
        return 0;
    for (int k = 0; k < 3; k++) {
        for (unsigned i = 0; i < width[k]; i++, at++) {
            if (s[at] < '0' || s[at] > '9')
                return 0;
            v[k] = v[k] * 10 + (unsigned)(s[at] - '0');
        }
        if (k < 2 && s[at++] != '-')
            return 0;
    }
    if (v[0] < 1900 || v[2] < 1 || v[2] > eg_days_in_month(v[0], v[1]))
        return 0;
    return (int)(v[0] * 10000 + v[1] * 100 + v[2]);
}

/* The number of a time whose fields are read, or -1 when it is not a time
 * of a real day. */
static inline long long timestamp_of(unsigned y, unsigned mo, unsigned dd, unsigned h,
                                     unsigned mi, unsigned se)
{
    if ((mo > 12) | (dd - 1 >= month_days[mo & 15]) | (h > 23) | (mi > 59) | (se > 59))
        return -1;
    if (mo == 2 && dd == 29 && !is_leap(y))
        return -1;
    return y * 10000000000LL + (long long)(mo * 100000000u + dd * 1000000u + h * 10000u +
                                           mi * 100u + se);
}

long long eg_parse_timestamp_words(const char *s, size_t n)
{
    uint64_t a, b, c, bad;
    unsigned y, mo, dd, h, mi, se;

    if (n != 19)
        return -1;
    /* "YYYY-MM-", "DD HH:MM", then "HH:MM:SS" again from byte 11 */
    b = load64(s + 8);
    b ^= (uint64_t)(BYTE(b, 2) == 'T') * ('T' ^ ' ') << 16;
    bad = digits8(load64(s), 0x2D30302D30303030ull, 0xFF0000FF00000000ull, &a) |
          digits8(b, 0x30303A3030203030ull, 0x0000FF0000FF0000ull, &b) |
          digits8(load64(s + 11), 0x30303A30303A3030ull, 0x0000FF0000FF0000ull, &c);
    if (bad)
        return -1;
    a = pairs(a);
    c = pairs(c);
    y = BYTE(a, 0) * 100 + BYTE(a, 2);
    mo = BYTE(a, 5);
    dd = BYTE(pairs(b), 0);
    h = BYTE(c, 0);
    mi = BYTE(c, 3);
    se = BYTE(c, 6);
    return timestamp_of(y, mo, dd, h, mi, se);
}

long long eg_parse_timestamp_remember(eg_day_memo *m, const char *s, size_t n)
{
    long long t;

    t = eg_parse_timestamp(s, n);
    if (t >= 0) {
        unsigned y = (unsigned)(t / 10000000000LL), mo = (unsigned)(t / 100000000 % 100);

        memcpy(&m->day_lo, s, 8);
        memcpy(&m->day_hi, s + 3, 8);
        m->day_value = t - t % 1000000;
        m->month_value = t - t % 100000000;
        m->month_days = eg_days_in_month(y, mo);
        m->set = 1;
    }
    return t;
}

#ifdef __SSE2__
/* Sixteen bytes at a time: s[0..16) is "YYYY-MM-DD HH:MM", s[3..19)
 * "Y-MM-DD HH:MM:SS".  Each is checked against its pattern (a digit's
 * byte XOR '0' is 0-9, a separator's XOR itself 0), then read as 16-bit
 * lanes of two digits (10 x the even byte + the odd one): the year's two
 * halves, the day and the minute fall on lanes of the first, the month,
 * the hour and the second on lanes of the second. */
long long eg_parse_timestamp(const char *s, size_t n)
{
    const __m128i pat_a = _mm_setr_epi8('0', '0', '0', '0', '-', '0', '0', '-', '0', '0', ' ',
                                        '0', '0', ':', '0', '0');
    const __m128i max_a = _mm_setr_epi8(9, 9, 9, 9, 0, 9, 9, 0, 9, 9, 0, 9, 9, 0, 9, 9);
    const __m128i pat_b = _mm_setr_epi8('0', '-', '0', '0', '-', '0', '0', ' ', '0', '0', ':',
                                        '0', '0', ':', '0', '0');
    const __m128i max_b = _mm_setr_epi8(9, 0, 9, 9, 0, 9, 9, 0, 9, 9, 0, 9, 9, 0, 9, 9);
    /* the byte of the space, where a 'T' may stand instead */
    const __m128i at_a = _mm_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0);
    const __m128i at_b = _mm_setr_epi8(0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m128i t = _mm_set1_epi8('T'), t_to_space = _mm_set1_epi8('T' ^ ' ');
    const __m128i low = _mm_set1_epi16(0xFF), ten = _mm_set1_epi16(10);
    __m128i a, b, ok;

    if (n != 19)
        return -1;
    a = _mm_loadu_si128((const __m128i *)(const void *)s);
    b = _mm_loadu_si128((const __m128i *)(const void *)(s + 3));
    a = _mm_xor_si128(a, _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(a, t), at_a), t_to_space));
    b = _mm_xor_si128(b, _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(b, t), at_b), t_to_space));
    a = _mm_xor_si128(a, pat_a);
    b = _mm_xor_si128(b, pat_b);
    ok = _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(a, max_a), max_a),
                       _mm_cmpeq_epi8(_mm_max_epu8(b, max_b), max_b));
    if (_mm_movemask_epi8(ok) != 0xFFFF)
        return -1;
    a = _mm_add_epi16(_mm_mullo_epi16(_mm_and_si128(a, low), ten), _mm_srli_epi16(a, 8));
    b = _mm_add_epi16(_mm_mullo_epi16(_mm_and_si128(b, low), ten), _mm_srli_epi16(b, 8));
    return timestamp_of((unsigned)_mm_extract_epi16(a, 0) * 100 + (unsigned)_mm_extract_epi16(a, 1),
                        (unsigned)_mm_extract_epi16(b, 1), (unsigned)_mm_extract_epi16(a, 4),
                        (unsigned)_mm_extract_epi16(b, 4), (unsigned)_mm_extract_epi16(a, 7),
                        (unsigned)_mm_extract_epi16(b, 7));
}
#else
long long eg_parse_timestamp(const char *s, size_t n)
{
    return eg_parse_timestamp_words(s, n);
}
#endif

int eg_local_day(long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;

    if (!localtime_r(&tt, &tm))
        return 0;
    return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}
