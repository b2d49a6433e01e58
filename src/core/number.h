/*
 * number.h - reading and writing numbers the Vietnamese way.
 *
 * Our own parsers, never strtod/atoi: they follow the contract's value
 * table exactly (input-format.md, "Values") and ignore the locale.
 * Each parser takes a NUL-terminated UTF-8 field that the caller has
 * already trimmed of surrounding white space, and returns EG_NUM_OK or the
 * reason it refused; *out is written only on success.
 */
#ifndef EG_NUMBER_H
#define EG_NUMBER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef enum {
    EG_NUM_OK = 0,
    EG_NUM_EMPTY,        /* nothing there: a missing value, not an error */
    EG_NUM_SIGN,         /* a leading + or - */
    EG_NUM_SYNTAX,       /* letters, exponent, stray marks, a lone % */
    EG_NUM_GROUPING,     /* irregular thousands groups: 1.23.4567 */
    EG_NUM_FRACTION,     /* a decimal part where a whole number is due */
    EG_NUM_OVERFLOW,     /* too large to hold exactly */
    EG_NUM_RANGE         /* percent outside 0..100 */
} eg_num_status;

/* count and money: whole number >= 0; '.', ',' or a blank (' ', U+00A0,
 * U+202F, U+2009, U+2007: they look alike) group
 * thousands in groups of three ("403.086", "403 086"); at most 10^15. */
eg_num_status eg_parse_count(const char *s, int64_t *out);

/* A count's or an amount's value as a clerk sends it: as eg_parse_count,
 * and a whole number written with a decimal part of zeros is that number
 * ("46,00" -> 46, "5.000,00" -> 5000, "0,000" -> 0), as a Number or
 * Currency format with decimals writes it into a CSV, and as a workbook's
 * number cell showing "46,00" holds 46.  "46,50" is EG_NUM_FRACTION;
 * "1.000,000" stays EG_NUM_GROUPING (grouping, or a decimal?).  The
 * command line's and the registry's counts keep eg_parse_count. */
eg_num_status eg_parse_count_value(const char *s, int64_t *out);

/* Bytes of the blank that groups thousands starting at p (a space,
 * U+00A0, U+202F, U+2009, U+2007), 0 if none; end the text's end. */
size_t eg_num_blank_len(const char *p, const char *end);

/* Removes, in place, the blanks that group thousands (a space, U+00A0,
 * U+202F, U+2009, U+2007) at both ends of s; returns s. */
char *eg_num_trim_blanks(char *s);

/* number and score: decimal >= 0.  With both '.' and ',' the last is the
 * decimal mark; with one alone it is the decimal mark, unless it is
 * repeated ("1.234.567"), when it groups.  Blanks group. */
eg_num_status eg_parse_decimal(const char *s, double *out);

/* percent: as eg_parse_decimal, optional '%' at the end (space allowed
 * before it), 0 to 100 (a rounding error above 100 of at most 1e-9 is
 * 100).  "84,04 %" -> 84.04 (not a fraction). */
eg_num_status eg_parse_percent(const char *s, double *out);

/* bool: có co x 1 yes true đạt dat -> 1; không khong 0 no false
 * "không đạt" "khong dat" -> 0 (the contract's words, and đạt typed
 * without its marks as có and không may be); case-insensitive.  Returns
 * EG_NUM_SYNTAX for anything else. */
eg_num_status eg_parse_bool(const char *s, int *out);

/* A short Vietnamese phrase for a status, for the messages of values. */
const char *eg_num_status_text(eg_num_status st);

/* The local day of time t (seconds since the epoch) as yyyymmdd, in the
 * process's time zone; 0 when it has none.  What dates a file by its
 * modification (W_LATE), and what the manifest compares. */
int eg_local_day(long long t);

/* "2020-12-31 08:30:00" (or with a 'T' for the space), exactly n == 19
 * bytes, as the number 20201231083000; -1 when it is not such a time of a
 * real day (2019-02-29, 24:00:00, 12:60:00 are not).  Reads s[0..18] only.
 * Made for the millions of rows of an export: the digits and separators
 * are checked sixteen bytes at a time with SSE2, else eight at a time in
 * a 64-bit word. */
long long eg_parse_timestamp(const char *s, size_t n);

/* The same, eight bytes at a time whatever the processor: what
 * eg_parse_timestamp is elsewhere, for the tests to check here too. */
long long eg_parse_timestamp_words(const char *s, size_t n);

/* The days of month mo (1-12) of year y, Gregorian; 0 for no month. */
unsigned eg_days_in_month(unsigned y, unsigned mo);

/* The day s[0..n) names as YYYY-MM-DD, exactly (ten bytes, digits where
 * digits go, a day of the calendar from 1900 on), as yyyymmdd; 0 when it
 * is not one ("2021-+1-01", "2021-1-5", "2021-02-29", "2021-01-05 "). */
int eg_iso_date(const char *s, size_t n);

/* The day of the last time read in a column of an export: its first 11
 * bytes ("2020-12-31 ", or with the 'T') as two overlapping words as they
 * lie in memory (bytes 0..7 and 3..10), and its number (eg_parse_timestamp's
 * at 00:00:00).  Zeroed: none yet. */
typedef struct {
    uint64_t day_lo, day_hi;
    int set;
    long long day_value;
    long long month_value;     /* the number of the day's month, day 00 */
    unsigned month_days;       /* the days of that month */
} eg_day_memo;

/* The memo's slow way: s read whole; the memo then holds s's day and
 * month, when s is a time. */
long long eg_parse_timestamp_remember(eg_day_memo *m, const char *s, size_t n);

/* eg_parse_timestamp(s, n): the same number, or -1, for every s.  An
 * export sorted by time repeats its day row after row: a time of the
 * memo's day is checked from its clock on, the day being known good.
 * The memo then holds the day of s, when s is a time.  Inline: it is
 * called for each time of each row of an export, and its common case is
 * a dozen instructions.  A time of another day of the memo's month (a
 * due time, a finishing time) has its day read too, the month's length
 * known (its first 8 bytes, "2020-12-", are the memo's). */
static inline long long eg_parse_timestamp_memo(eg_day_memo *m, const char *s, size_t n)
{
    uint64_t lo, hi, clock, x, c;
    long long day;
    unsigned h, mi, se;

    if (n != 19 || !m->set)
        return eg_parse_timestamp_remember(m, s, n);
    memcpy(&lo, s, 8);
    if (lo != m->day_lo)                        /* another month */
        return eg_parse_timestamp_remember(m, s, n);
    memcpy(&hi, s + 3, 8);
    if (hi == m->day_hi) {
        day = m->day_value;
    } else {
        /* another day of the memo's month: "DD" then ' ' or 'T', the
         * day at most the month's length */
        unsigned d1 = (unsigned char)s[8] - (unsigned)'0';
        unsigned d2 = (unsigned char)s[9] - (unsigned)'0';

        if ((d1 > 9) | (d2 > 9) | ((s[10] != ' ') & (s[10] != 'T')) ||
            d1 * 10 + d2 - 1 >= m->month_days)
            return -1;
        day = m->month_value + (d1 * 10 + d2) * 1000000LL;
    }
    /* "HH:MM:SS": each digit's byte XOR '0' is 0..9, each colon's XOR ':'
     * is 0; then each two digits as one number (10 x the first + the
     * second) in the byte of the first */
    memcpy(&clock, s + 11, 8);
#if defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    clock = __builtin_bswap64(clock);
#endif
    x = clock ^ 0x30303A30303A3030ull;
    if ((x & 0x0000FF0000FF0000ull) |
        (((x + 0x7676767676767676ull) | x) & 0x8080808080808080ull))
        return -1;
    c = x * 10 + (x >> 8);
    h = (unsigned)c & 0xFF;
    mi = (unsigned)(c >> 24) & 0xFF;
    se = (unsigned)(c >> 48) & 0xFF;
    if ((h > 23) | (mi > 59) | (se > 59))
        return -1;
    if (hi != m->day_hi) {                      /* a time: its day is kept */
        m->day_hi = hi;
        m->day_value = day;
    }
    return day + (long long)(h * 10000u + mi * 100u + se);
}

/* Writing: Vietnamese convention, '.' groups thousands, ',' marks
 * decimals.  Each writes a NUL-terminated string into buf (size cap)
 * and returns buf. */
char *eg_fmt_int(char *buf, size_t cap, int64_t v);                 /* 403.086 */
char *eg_fmt_dec(char *buf, size_t cap, double v, int decimals);    /* 116,83; grouping too */
/* A fraction as a percentage: 0.9898 with 2 decimals -> "98,98%";
 * trailing zeros are kept as asked ("100,00%"): callers choose decimals. */
char *eg_fmt_pct(char *buf, size_t cap, double fraction, int decimals);

/* The fewest decimals, 0 to 6, that write v as it is (12 -> 0, 12.5 -> 1,
 * 12.125 -> 3): a maximum said to a clerk is never rounded above itself. */
int eg_decimals_of(double v);

/* Rounds half away from zero at the given decimals, exactly as printed. */
double eg_round(double v, int decimals);

/* A percentage as a fraction: the double nearest pct / 100 taken as the
 * decimal pct is written as (its fewest decimals, up to 15, that give it
 * back), so that 0,07 % is 0.0007, where 0.07 / 100.0 gives
 * 0.0007000000000000001 and 84,04 % 0.8404 either way.  pct / 100.0 when
 * no such decimal writes pct. */
double eg_percent_fraction(double pct);

#endif
