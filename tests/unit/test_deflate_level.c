/*
 * test_deflate_level.c - the libraries' deflate level (write/deflate_level.h):
 * between eg_deflate_fast_begin and _end, a stream asked for the default
 * level or 2 to 9 deflates as level 1 would, through deflateInit and
 * deflateInit2 alike, and inflates back to the same bytes; outside, and
 * on another thread, the level asked for holds; and libharu's deflate
 * (a library's call, not ours) comes here too.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <hpdf.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "write/deflate_level.h"

/* Some kilobytes of text like a sheet's XML: repetitive, so that the
 * levels give different bytes. */
static size_t sample(unsigned char *buf, size_t cap)
{
    size_t n = 0;

    for (unsigned i = 0; n + 80 < cap; i++)
        n += (size_t)snprintf((char *)buf + n, cap - n,
                              "<row r=\"%u\"><c r=\"A%u\" t=\"s\"><v>%u</v></c></row>", i + 2,
                              i + 2, (i * 7919u) % 613u);
    return n;
}

/* in deflated by a stream started with deflateInit (two == 0) or
 * deflateInit2 at level; the bytes in *out, their number returned. */
static size_t squeeze(const unsigned char *in, size_t n, int level, int two, unsigned char *out,
                      size_t cap)
{
    z_stream z;

    memset(&z, 0, sizeof z);
    if (two)
        assert_int_equal(deflateInit2(&z, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
    else
        assert_int_equal(deflateInit(&z, level), Z_OK);
    z.next_in = (unsigned char *)in;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    assert_int_equal(deflateEnd(&z), Z_OK);
    return cap - z.avail_out;
}

/* out (n bytes, from squeeze) inflates back to in. */
static void inflates_to(const unsigned char *out, size_t n, int two, const unsigned char *in,
                        size_t in_n)
{
    unsigned char *back = malloc(in_n + 16);
    z_stream z;

    assert_non_null(back);
    memset(&z, 0, sizeof z);
    assert_int_equal(two ? inflateInit2(&z, -15) : inflateInit(&z), Z_OK);
    z.next_in = (unsigned char *)out;
    z.avail_in = (uInt)n;
    z.next_out = back;
    z.avail_out = (uInt)(in_n + 16);
    assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
    assert_int_equal(in_n + 16 - z.avail_out, in_n);
    assert_memory_equal(back, in, in_n);
    inflateEnd(&z);
    free(back);
}

enum { IN_CAP = 64 * 1024, OUT_CAP = 96 * 1024 };

static void fast_streams_deflate_as_level_one(void **state)
{
    unsigned char *in = malloc(IN_CAP), *one = malloc(OUT_CAP), *six = malloc(OUT_CAP),
                  *got = malloc(OUT_CAP);
    size_t n = sample(in, IN_CAP);

    (void)state;
    assert_true(in && one && six && got);
    for (int two = 0; two <= 1; two++) {
        size_t n1 = squeeze(in, n, 1, two, one, OUT_CAP);
        size_t n6 = squeeze(in, n, Z_DEFAULT_COMPRESSION, two, six, OUT_CAP);
        size_t k;

        /* the levels differ on this text, or the test would prove nothing */
        assert_true(n1 != n6 || memcmp(one, six, n1) != 0);
        eg_deflate_fast_begin();
        eg_deflate_fast_begin();        /* nested */
        eg_deflate_fast_end();
        for (int level = 2; level <= 9; level++) {
            k = squeeze(in, n, level, two, got, OUT_CAP);
            assert_int_equal(k, n1);
            assert_memory_equal(got, one, n1);
        }
        k = squeeze(in, n, Z_DEFAULT_COMPRESSION, two, got, OUT_CAP);
        assert_int_equal(k, n1);
        assert_memory_equal(got, one, n1);
        inflates_to(got, k, two, in, n);
        /* level 0 (stored) is asked for on purpose: it stays */
        k = squeeze(in, n, 0, two, got, OUT_CAP);
        assert_true(k > n);
        eg_deflate_fast_end();
        eg_deflate_fast_end();          /* one end too many changes nothing */
        k = squeeze(in, n, Z_DEFAULT_COMPRESSION, two, got, OUT_CAP);
        assert_int_equal(k, n6);
        assert_memory_equal(got, six, n6);
        inflates_to(got, k, two, in, n);
    }
    free(in);
    free(one);
    free(six);
    free(got);
}

/* Another thread's streams keep their level while this one is fast. */
static void *default_level_size(void *arg)
{
    unsigned char *in = malloc(IN_CAP), *out = malloc(OUT_CAP);
    size_t n = sample(in, IN_CAP);

    *(size_t *)arg = squeeze(in, n, Z_DEFAULT_COMPRESSION, 1, out, OUT_CAP);
    free(in);
    free(out);
    return NULL;
}

static void only_the_thread_that_asked_is_fast(void **state)
{
    unsigned char *in = malloc(IN_CAP), *out = malloc(OUT_CAP);
    size_t n = sample(in, IN_CAP), n6 = squeeze(in, n, Z_DEFAULT_COMPRESSION, 1, out, OUT_CAP);
    size_t other = 0;
    pthread_t th;

    (void)state;
    eg_deflate_fast_begin();
    assert_int_equal(pthread_create(&th, NULL, default_level_size, &other), 0);
    assert_int_equal(pthread_join(th, NULL), 0);
    eg_deflate_fast_end();
    assert_int_equal(other, n6);
    free(in);
    free(out);
}

static void HPDF_STDCALL no_error(HPDF_STATUS e, HPDF_STATUS d, void *u)
{
    (void)e;
    (void)d;
    (void)u;
}

/* The size of a one-page PDF of repetitive text, saved fast or not. */
static HPDF_UINT32 pdf_size(int fast)
{
    HPDF_Doc pdf = HPDF_New(no_error, NULL);
    HPDF_Page page;
    HPDF_UINT32 size;

    assert_non_null(pdf);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    page = HPDF_AddPage(pdf);
    HPDF_Page_SetFontAndSize(page, HPDF_GetFont(pdf, "Helvetica", NULL), 8);
    for (int i = 0; i < 90; i++) {
        char line[96];

        snprintf(line, sizeof line, "row %d: %d units, %d values, %d.%02d%%", i, i * 37 % 101,
                 i * 7919 % 613, i * 13 % 100, i * 29 % 100);
        HPDF_Page_BeginText(page);
        HPDF_Page_TextOut(page, 20, 800 - 8.5f * (float)i, line);
        HPDF_Page_EndText(page);
    }
    if (fast)
        eg_deflate_fast_begin();
    assert_int_equal(HPDF_SaveToStream(pdf), HPDF_OK);
    if (fast)
        eg_deflate_fast_end();
    size = HPDF_GetStreamSize(pdf);
    HPDF_Free(pdf);
    return size;
}

/* libharu calls deflateInit itself: its page stream comes here, and is
 * deflated at level 1 (larger) when the thread asked for it. */
static void a_librarys_deflate_comes_here(void **state)
{
    HPDF_UINT32 slow = pdf_size(0), fast = pdf_size(1);

    (void)state;
    assert_true(fast > slow);
    assert_int_equal(pdf_size(0), slow);
}

/* deflateInit passed on with zlib's own defaults (a window of 15 bits,
 * memLevel 8): deflateBound gives its tight bound for those alone, so a
 * stream begun with deflateInit is bounded as one begun with them. */
static void deflate_init_takes_zlibs_defaults(void **state)
{
    z_stream a, b, c;

    (void)state;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    memset(&c, 0, sizeof c);
    assert_int_equal(deflateInit(&a, 6), Z_OK);
    assert_int_equal(deflateInit2(&b, 6, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    assert_int_equal(deflateInit2(&c, 6, Z_DEFLATED, MAX_WBITS, 9, Z_DEFAULT_STRATEGY), Z_OK);
    assert_int_equal(deflateBound(&a, 100000), deflateBound(&b, 100000));
    assert_int_not_equal(deflateBound(&a, 100000), deflateBound(&c, 100000));
    deflateEnd(&a);
    deflateEnd(&b);
    deflateEnd(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fast_streams_deflate_as_level_one),
        cmocka_unit_test(only_the_thread_that_asked_is_fast),
        cmocka_unit_test(a_librarys_deflate_comes_here),
        cmocka_unit_test(deflate_init_takes_zlibs_defaults),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
