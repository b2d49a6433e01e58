/*
 * fuzz_values.c - the value parsers: counts, decimals, percentages, yes/no,
 * dates, a value read by each indicator of the catalogue, and the text
 * functions they stand on.
 *
 * Besides "no crash", two round trips must hold: a count written the
 * Vietnamese way (eg_fmt_int) reads back as the same count, and a decimal
 * written with 2 decimals reads back as the value rounded to 2 decimals.
 * The first byte chooses the parser, the second and third the indicator
 * and the level where one is needed; the rest is the field.
 */
#include "fuzz.h"

#include <math.h>

#include "core/number.h"
#include "core/text.h"
#include "layout/layout.h"
#include "normalize/accept.h"
#include "normalize/completeness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void val_fail(const char *what, const char *text)
{
    fprintf(stderr, "fuzz_values: %s for input '%s'\n", what, text);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static eg_layouts L;
    static int ready;
    char *s, buf[128];
    int64_t i;
    double d;
    int b;

    if (!ready) {
        eg_diag_list ldl = { 0 };

        if (eg_layouts_load(&L, FUZZ_LAYOUTS, &ldl) != 0)
            abort();
        eg_diag_free(&ldl);
        ready = 1;
    }
    if (size < 3)
        return 0;
    s = eg_xstrndup((const char *)data + 3, size - 3);   /* stops at a NUL, as fields do */

    switch (data[0] % 8) {
    case 0:
        if (eg_parse_count(s, &i) == EG_NUM_OK) {
            int64_t back;

            if (i < 0)
                val_fail("negative count", s);
            eg_fmt_int(buf, sizeof buf, i);
            if (eg_parse_count(buf, &back) != EG_NUM_OK || back != i)
                val_fail("count does not read back", s);
        }
        /* a value's count: the strict count's, or a whole number with
         * zeros after its decimal mark, the decimal it reads as */
        if (eg_parse_count_value(s, &i) == EG_NUM_OK) {
            int64_t strict;

            if (i < 0)
                val_fail("negative count value", s);
            if (eg_parse_count(s, &strict) == EG_NUM_OK ? strict != i
                : eg_parse_decimal(s, &d) != EG_NUM_OK || d != (double)i)
                val_fail("count value is neither the count nor the decimal", s);
        }
        break;
    case 1:
        if (eg_parse_decimal(s, &d) == EG_NUM_OK) {
            double back;

            if (!(d >= 0) || !isfinite(d))
                val_fail("decimal not finite or negative", s);
            if (d < 1e12) {
                eg_fmt_dec(buf, sizeof buf, d, 2);
                if (eg_parse_decimal(buf, &back) != EG_NUM_OK ||
                    fabs(back - eg_round(d, 2)) > 1e-9 * (1 + d))
                    val_fail("decimal does not read back", s);
            }
        }
        break;
    case 2:
        if (eg_parse_percent(s, &d) == EG_NUM_OK && !(d >= 0 && d <= 100))
            val_fail("percent out of range", s);
        if (eg_parse_percent(s, &d) == EG_NUM_OK)
            eg_fmt_pct(buf, sizeof buf, d / 100, 2);
        break;
    case 3:
        if (eg_parse_bool(s, &b) == EG_NUM_OK && b != 0 && b != 1)
            val_fail("bool neither 0 nor 1", s);
        break;
    case 4: {
        const eg_indicator *ind = &L.cat.items[data[1] % L.cat.n];
        eg_value v;
        const char *code = NULL;
        char msg[512];

        memset(&v, 0, sizeof v);
        if (eg_value_parse(ind, (eg_level)(data[2] % EG_LEVEL_COUNT), s, &v, &code, msg,
                           sizeof msg) != 0 && (!code || !msg[0] || strlen(msg) >= sizeof msg))
            val_fail("refusal without a code or message", s);
        break;
    }
    case 5: {
        int ymd = eg_date_parse(s);

        if (ymd && (ymd / 10000 < 1 || ymd % 100 < 1 || ymd % 100 > 31 ||
                    ymd / 100 % 100 < 1 || ymd / 100 % 100 > 12))
            val_fail("date out of the calendar", s);
        if (ymd)
            eg_date_format(buf, sizeof buf, ymd);
        break;
    }
    case 6: {
        char *f = eg_fold(s), *t = eg_xstrdup(s);
        size_t half = strlen(s) / 2;

        if (eg_utf8_valid(s, strlen(s))) {
            char *n = eg_nfc(s);

            if (!eg_utf8_valid(n, strlen(n)))
                val_fail("NFC of valid UTF-8 is not valid", s);
            eg_utf8_len(n);
            free(n);
        }
        eg_trim(t);
        eg_ascii_upper(t);
        eg_edit_distance(s, s + half, 8);
        free(f);
        free(t);
        break;
    }
    default:
        eg_fmt_dec(buf, sizeof buf, (double)(data[1] | data[2] << 8) / 7.0, data[1] % 6);
        if (eg_parse_decimal(s, &d) == EG_NUM_OK && d < 1e15)
            eg_fmt_dec(buf, sizeof buf, d, data[2] % 6);
        break;
    }
    free(s);
    return 0;
}
