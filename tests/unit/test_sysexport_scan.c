/*
 * test_sysexport_scan.c - the separators' and blanks' bitmaps
 * (extract/sysexport_scan.c): each way of making them (a byte at a time,
 * SSE2, AVX2, AVX-512BW) gives the bits a plain reading of the bytes
 * gives, on every length up to a few words, at every alignment; they
 * stop at the text's first quote or NUL byte, and say where it is;
 * nothing past the text or that byte is set, whatever lies there.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "extract/sysexport_priv.h"

static uint64_t rng_state = 2463534242ULL;

static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state % n);
}

/* Bytes a separator test can trip on: the separators, the quote, and
 * bytes that differ from them by one bit (the high one too). */
static const unsigned char awkward[] = { ',', '\n', '\r', '"', 'a', ' ', '\t', 0,
                                         0xAC, 0x8A, 0x8D, 0xFF, 0x2D, 0x0B, 0x0C, 0x2E,
                                         0xA0, 0x89, 0x21, 0x08 };

static void fill(unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        s[i] = rnd(8) ? awkward[rnd(sizeof awkward)] : (unsigned char)rnd(256);
}

/* Where the first '"' or NUL of s[0..len) is, or len. */
static size_t strcspn_n(const char *s, size_t len)
{
    size_t i = 0;

    while (i < len && s[i] != '"' && s[i] != '\0')
        i++;
    return i;
}

static void check_way(int way, const unsigned char *buf, size_t max_len)
{
    uint64_t sep[16], eol[16], blank[16];

    eg_export_classify_use(way);
    for (size_t off = 0; off < 64; off++)
        for (size_t len = 0; len <= max_len; len++) {
            const char *s = (const char *)buf + off;
            size_t first = strcspn_n(s, len), quote = (size_t)-1;
            size_t words = eg_export_classify(s, len, sep, eol, blank, &quote);

            assert_int_equal(quote, first);
            assert_int_equal(words, (first + 63) / 64);
            for (size_t i = 0; i < 64 * words; i++) {
                unsigned char c = (unsigned char)s[i];
                int end = i < first && (c == '\n' || c == '\r');
                int field = end || (i < first && c == ',');
                int space = i < first && (c == ' ' || c == '\t');

                if ((int)(eol[i / 64] >> (i % 64) & 1) != end ||
                    (int)(sep[i / 64] >> (i % 64) & 1) != field ||
                    (int)(blank[i / 64] >> (i % 64) & 1) != space)
                    fail_msg("way %d, offset %zu, length %zu: byte %zu (0x%02x) "
                             "is %s/%s/%s, not %s/%s/%s", way, off, len, i, c,
                             eol[i / 64] >> (i % 64) & 1 ? "end" : "-",
                             sep[i / 64] >> (i % 64) & 1 ? "sep" : "-",
                             blank[i / 64] >> (i % 64) & 1 ? "blank" : "-",
                             end ? "end" : "-", field ? "sep" : "-", space ? "blank" : "-");
            }
        }
}

static void every_way_gives_the_bytes_plain_reading(void **state)
{
    static const int ways[] = { EG_CLASSIFY_SCALAR, EG_CLASSIFY_SSE2, EG_CLASSIFY_AVX2,
                                EG_CLASSIFY_AVX512 };
    /* 4 words at most, from any of 64 offsets, and the 63 bytes read past */
    unsigned char *buf = malloc(64 + 4 * 64 + 64);
    int tried = 0;

    (void)state;
    assert_non_null(buf);
    for (int round = 0; round < 4; round++) {
        fill(buf, 64 + 4 * 64 + 64);
        /* quotes and NULs come every 12 bytes or so: after the first
         * round, none but a quote far in (round 1), none at all (round 2),
         * or a NUL far in (round 3), so that the bitmaps are checked over
         * every length */
        if (round > 0)
            for (size_t i = 0; i < 64 + 4 * 64 + 64; i++)
                if (buf[i] == '"' || buf[i] == 0)
                    buf[i] = 'q';
        if (round == 1)
            buf[64 + 3 * 64 + 5] = '"';
        if (round == 3)
            buf[64 + 2 * 64 + 40] = 0;
        for (size_t w = 0; w < sizeof ways / sizeof *ways; w++) {
            if (!eg_export_classify_has(ways[w]))
                continue;
            check_way(ways[w], buf, round == 0 ? 130 : 4 * 64);
            assert_int_equal(eg_export_classify_which(), ways[w]);
            tried++;
        }
    }
    eg_export_classify_use(EG_CLASSIFY_AUTO);
#if defined(__x86_64__)
    /* a byte at a time and SSE2 always, AVX2 and AVX-512BW where the processor has them */
    assert_int_equal(tried, 4 * (2 + eg_export_classify_has(EG_CLASSIFY_AVX2) +
                                 eg_export_classify_has(EG_CLASSIFY_AVX512)));
#else
    assert_int_equal(tried, 4);
#endif
    free(buf);
}

/* A way the processor lacks falls back to one it has: forcing it never
 * fails, and it still gives the right bits. */
static void forcing_a_way_the_processor_lacks_still_reads_right(void **state)
{
    const char text[] = "a,b\r\nc, d\n\"x\n";
    uint64_t sep[1], eol[1], blank[1];
    char buf[128] = { 0 };
    size_t quote;

    (void)state;
    memcpy(buf, text, sizeof text - 1);
    eg_export_classify_use(EG_CLASSIFY_AVX2);
    assert_int_equal(eg_export_classify_which(), eg_export_classify_has(EG_CLASSIFY_AVX2)
                                                     ? EG_CLASSIFY_AVX2 : EG_CLASSIFY_SSE2);
    eg_export_classify_use(EG_CLASSIFY_AVX512);
    assert_int_equal(eg_export_classify_which(),
                     eg_export_classify_has(EG_CLASSIFY_AVX512)  ? EG_CLASSIFY_AVX512
                     : eg_export_classify_has(EG_CLASSIFY_AVX2) ? EG_CLASSIFY_AVX2
                                                                : EG_CLASSIFY_SSE2);
    assert_int_equal(eg_export_classify(buf, sizeof text - 1, sep, eol, blank, &quote), 1);
    eg_export_classify_use(EG_CLASSIFY_AUTO);
    assert_int_equal(quote, 10);
    assert_int_equal(eol[0], (1u << 3) | (1u << 4) | (1u << 9));
    assert_int_equal(sep[0], (1u << 1) | (1u << 3) | (1u << 4) | (1u << 6) | (1u << 9));
    assert_int_equal(blank[0], 1u << 7);
    assert_int_equal(eg_export_classify(buf, 0, sep, eol, blank, &quote), 0);
    assert_int_equal(quote, 0);
    /* a quote in the bytes read past the text is not the text's */
    assert_int_equal(eg_export_classify(buf, 9, sep, eol, blank, &quote), 1);
    assert_int_equal(quote, 9);
    assert_int_equal(eol[0], (1u << 3) | (1u << 4));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_way_gives_the_bytes_plain_reading),
        cmocka_unit_test(forcing_a_way_the_processor_lacks_still_reads_right),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
