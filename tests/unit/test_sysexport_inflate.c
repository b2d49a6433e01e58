/*
 * test_sysexport_inflate.c - the text of a gzip export as its reader gets
 * it (extract/sysexport_inflate.c): as gzread gives it, byte for byte,
 * whatever the sizes asked and whether one thread inflates ahead or the
 * reader inflates itself; a last read of a single byte is that byte; a
 * damaged stream gives the same bytes before its damage either way.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "core/mem.h"
#include "extract/sysexport_priv.h"

/* More than three of the inflater's slots of 512 KiB, and one byte. */
#define TEXT_BYTES (3 * 512 * 1024 + 100000 + 1)

/* A text that does not repeat within a slot: a row number in each row. */
static char *make_text(size_t n)
{
    char *t = eg_xmalloc(n);
    size_t at = 0;

    for (unsigned row = 0; at < n; row++) {
        char line[64];
        int k = snprintf(line, sizeof line, "%u,HS-%07u,%u\n", row, row * 7919u % 9999991u,
                         row % 97);

        for (int i = 0; i < k && at < n; i++)
            t[at++] = line[i];
    }
    return t;
}

/* The text gzipped into a fresh temporary file; its path in path. */
static void write_gz(char path[40], const char *text, size_t n)
{
    gzFile gz;
    int fd;

    snprintf(path, 40, "/tmp/test_inflate_XXXXXX");
    fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    gz = gzopen(path, "wb");
    assert_non_null(gz);
    assert_int_equal(gzwrite(gz, text, (unsigned)n), (int)n);
    assert_int_equal(gzclose(gz), Z_OK);
}

/* Reads the whole stream at path with jobs, asking the sizes of ask in
 * turn; the bytes into out (cap of them), their count returned; *last the
 * return of the read that ended it, *err gzerror's code then. */
static size_t read_all(const char *path, int jobs, const size_t *ask, size_t n_ask, char *out,
                       size_t cap, int *last, int *err)
{
    gzFile gz = gzopen(path, "rb");
    export_inflater *z;
    size_t got = 0;
    int k;

    assert_non_null(gz);
    gzbuffer(gz, 256 * 1024);
    z = eg_inflater_new(gz, jobs);
    assert_non_null(z);
    for (size_t i = 0, was_short = 0;; i++) {
        size_t n = ask[i % n_ask];

        assert_true(got + n <= cap);
        k = eg_inflater_read(z, out + got, n);
        if (k <= 0)
            break;
        assert_true((size_t)k <= n);
        /* as gzread: the whole of n unless the stream ends first, so
         * that a short read is the last to give bytes */
        assert_false(was_short);
        was_short = (size_t)k < n;
        got += (size_t)k;
    }
    *last = k;
    *err = Z_OK;
    gzerror(gz, err);
    eg_inflater_free(z);
    gzclose(gz);
    return got;
}

/* Sizes of all kinds, a slot's and more than one, a single byte; with
 * one thread and with two the text comes out whole and in order. */
static void the_text_comes_out_as_it_went_in_whatever_the_sizes_asked(void **state)
{
    static const size_t ask[] = { 1, 7, 4096, 300000, 524288, 524289, 1000000, 3 };
    char path[40], *text = make_text(TEXT_BYTES), *out = eg_xmalloc(TEXT_BYTES + 2000000);

    (void)state;
    write_gz(path, text, TEXT_BYTES);
    for (int jobs = 1; jobs <= 2; jobs++) {
        int last, err;
        size_t got = read_all(path, jobs, ask, sizeof ask / sizeof *ask, out,
                              TEXT_BYTES + 2000000, &last, &err);

        assert_int_equal(got, TEXT_BYTES);
        assert_memory_equal(out, text, TEXT_BYTES);
        assert_int_equal(last, 0);
        assert_int_equal(err, Z_OK);
    }
    unlink(path);
    free(text);
    free(out);
}

/* The last byte of the stream, alone in the last read, is given (a read
 * that gets one byte before the end returns 1, not the end). */
static void a_last_read_of_one_byte_gives_that_byte(void **state)
{
    static const size_t ask[] = { TEXT_BYTES - 1, 100, 100 };
    char path[40], *text = make_text(TEXT_BYTES), *out = eg_xmalloc(TEXT_BYTES + 200);

    (void)state;
    write_gz(path, text, TEXT_BYTES);
    for (int jobs = 1; jobs <= 2; jobs++) {
        int last, err;
        size_t got = read_all(path, jobs, ask, 3, out, TEXT_BYTES + 200, &last, &err);

        assert_int_equal(got, TEXT_BYTES);
        assert_int_equal(out[TEXT_BYTES - 1], text[TEXT_BYTES - 1]);
        assert_memory_equal(out, text, TEXT_BYTES);
        assert_int_equal(last, 0);
    }
    unlink(path);
    free(text);
    free(out);
}

/* A stream cut short: the bytes before the cut are the same with one
 * thread and with two, and gzerror then says the stream is damaged. */
static void a_stream_cut_short_gives_the_same_bytes_before_its_end_either_way(void **state)
{
    static const size_t ask[] = { 65536, 5 };
    char path[40], *text = make_text(TEXT_BYTES), *out[2];
    size_t got[2];
    FILE *f;
    long size;

    (void)state;
    write_gz(path, text, TEXT_BYTES);
    f = fopen(path, "rb+");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    assert_int_equal(ftruncate(fileno(f), size / 2), 0);
    fclose(f);
    for (int jobs = 1; jobs <= 2; jobs++) {
        int last, err;

        out[jobs - 1] = eg_xmalloc(TEXT_BYTES + 65536);
        got[jobs - 1] = read_all(path, jobs, ask, 2, out[jobs - 1], TEXT_BYTES + 65536, &last,
                                 &err);
        assert_true(got[jobs - 1] > 0);
        assert_true(got[jobs - 1] < TEXT_BYTES);
        assert_memory_equal(out[jobs - 1], text, got[jobs - 1]);
        assert_true(err != Z_OK && err != Z_STREAM_END);
    }
    assert_int_equal(got[0], got[1]);
    unlink(path);
    free(text);
    free(out[0]);
    free(out[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_text_comes_out_as_it_went_in_whatever_the_sizes_asked),
        cmocka_unit_test(a_last_read_of_one_byte_gives_that_byte),
        cmocka_unit_test(a_stream_cut_short_gives_the_same_bytes_before_its_end_either_way),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
