/*
 * test_sysexport_fast.c - the system exports' fast path and their reading
 * split over threads (extract/sysexport.c) give the same rows as libcsv
 * alone, on every row: generated exports with
 * CRLF, empty and blank fields, quoted fields (with commas and line ends)
 * appearing late, a BOM, no final line end, lines longer than the fast
 * path takes and than libcsv allows, across chunk boundaries; and random
 * bytes; and the rows a reader's shortcut (eg_export_column) takes.  The
 * comparison is the libFuzzer target's (tests/fuzz/).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <zlib.h>

#define LLVMFuzzerTestOneInput fuzz_sysexport_one
#include "../fuzz/fuzz_sysexport.c"
#undef LLVMFuzzerTestOneInput

static uint64_t rng_state = 88172645463325252ULL;

static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state % n);
}

typedef struct {
    char *s;
    size_t n, cap;
} text;

static void add(text *t, const char *s, size_t len)
{
    if (t->n + len + 1 > t->cap) {
        t->cap = (t->n + len + 1) * 2;
        t->s = eg_xrealloc(t->s, t->cap);
    }
    memcpy(t->s + t->n, s, len);
    t->n += len;
    t->s[t->n] = '\0';
}

static void adds(text *t, const char *s)
{
    add(t, s, strlen(s));
}

/* Compares the readers on data (the split one in parts of part_size
 * bytes or more, by jobs threads); fails with both traces. */
static void same_rows_split(const char *what, const char *data, size_t n, long stop_after,
                            int jobs, long long part_size)
{
    char *path = fuzz_write("export.csv", (const uint8_t *)data, n);
    char *got, *want;
    const char *which = sx_differs(path, stop_after, jobs, part_size, &got, &want);

    if (which) {
        size_t at = 0;

        while (got[at] && got[at] == want[at])
            at++;
        at = at > 200 ? at - 200 : 0;
        fail_msg("%s: %s differs from libcsv from byte %zu\ngot:    %.600s\nlibcsv: %.600s",
                 what, which, at, got + at, want + at);
    }
    free(path);
}

/* The same text gzipped: the fast path over what zlib inflates against
 * libcsv over it. */
static void same_rows_gzip(const char *what, const char *data, size_t n)
{
    char *path = eg_xasprintf("%s/export.csv.gz", fuzz_dir());
    gzFile gz = gzopen(path, "wb1");
    char *got, *want;

    assert_non_null(gz);
    assert_int_equal(gzwrite(gz, data, (unsigned)n), (int)n);
    assert_int_equal(gzclose(gz), Z_OK);
    got = sx_read(path, SX_FAST, 0, 1, 0, 1);
    want = sx_read(path, SX_LIBCSV, 0, 1, 0, 1);
    if (strcmp(got, want) != 0)
        fail_msg("%s, gzip: the fast path differs from libcsv", what);
    free(got);
    free(want);
    free(path);
}

static void same_rows(const char *what, const char *data, size_t n, long stop_after)
{
    same_rows_split(what, data, n, stop_after, 2 + (int)(n % 3), 1 + (long long)(n / 3 % 16));
}

/* A dossier export of n rows; flags: 1 CRLF, 2 quoted fields from row
 * quoted_from on, 4 blank and empty fields, 8 no final line end, 16 BOM. */
static text export_text(long n, int flags, long quoted_from)
{
    text t = { 0 };
    const char *eol = flags & 1 ? "\r\n" : "\n";
    char line[256];

    if (flags & 16)
        adds(&t, "\xEF\xBB\xBF");
    adds(&t, "dossier_id,unit_code,procedure_code,channel,received_at,due_at,finished_at");
    adds(&t, eol);
    for (long i = 1; i <= n; i++) {
        int q = (flags & 2) && i >= quoted_from && rnd(4) == 0;

        snprintf(line, sizeof line, "HS%07ld,%sGL.X%03u%s,TTHC.%03u,%s,2020-03-%02u 09:15:00,"
                 "2020-03-%02u 09:15:00,%s", i, q ? "\"" : "", rnd(300), q ? "\"" : "",
                 rnd(90), rnd(2) ? "truc_tiep" : "muc_4", 1 + rnd(28), 1 + rnd(28),
                 rnd(5) ? "2020-04-01 10:00:00" : "");
        adds(&t, line);
        if (q && rnd(3) == 0)
            adds(&t, ",\"a note, with a comma\nand a line end\"");
        if ((flags & 4) && rnd(7) == 0)
            adds(&t, rnd(2) ? ", ,\t," : "  ");
        if ((flags & 4) && rnd(11) == 0)
            adds(&t, eol);          /* a blank line */
        if (!(flags & 8) || i < n)
            adds(&t, eol);
    }
    return t;
}

/* A document export of n rows, LF, no field empty: what the shortcut
 * (eg_export_column) takes.  flags: 1 some rows of another width, 2 some
 * rows longer than EG_EXPORT_MAX_FIELD, 4 a few empty fields, 8 quoted
 * fields in the last third, 16 a NUL in the last third, 32 CRLF, 64 no
 * final line end, 128 some times a byte short or long, or a day alone
 * after a longer code, its separator 19 bytes from the end (a hint of 19
 * bytes misses them all).  Some
 * fields start with an odd byte ('1', 'W', 'G'): the tests' shortcut
 * gives those records back. */
static text document_text(long n, int flags)
{
    text t = { 0 };
    const char *eol = flags & 32 ? "\r\n" : "\n";
    char line[256];

    adds(&t, "doc_id,sender_code,receiver_code,sent_at");
    adds(&t, eol);
    for (long i = 1; i <= n; i++) {
        snprintf(line, sizeof line, "%s%09ld,GL.X%03u,%s.Y%03u,%s-%02u-%02u %02u:%02u:%02u",
                 rnd(9) ? "VB" : "WB", i, rnd(300), rnd(3) ? "HL" : "GL", rnd(300),
                 rnd(7) ? "2020" : "1999", 1 + rnd(12), 1 + rnd(28), rnd(24), rnd(60), rnd(60));
        if ((flags & 128) && rnd(20) == 0)
            line[strlen(line) - 1] = '\0';
        else if ((flags & 128) && rnd(20) == 0)
            strcat(line, "7");
        else if ((flags & 128) && rnd(20) == 0)    /* the last 19 bytes: two fields */
            snprintf(line, sizeof line, "VB%09ld,GL.X%03u,HL.Y%04u,2020-03-%02u", i, rnd(300),
                     rnd(10000), 1 + rnd(28));
        adds(&t, line);
        if ((flags & 1) && rnd(50) == 0)
            adds(&t, ",extra");
        if ((flags & 2) && rnd(200) == 0)
            for (int k = 0; k < 60; k++)
                adds(&t, rnd(2) ? "abcdefghi" : "0123456789");
        if ((flags & 4) && rnd(5000) == 0)
            adds(&t, ",");
        if ((flags & 8) && i > n * 2 / 3 && rnd(100) == 0)
            adds(&t, ",\"a, b\"");
        if ((flags & 16) && i > n * 2 / 3 && rnd(1000) == 0)
            add(&t, "\0", 1);
        if (!(flags & 64) || i < n)
            adds(&t, eol);
    }
    return t;
}

/* The shortcut takes a record only as the row libcsv reads it, and gives
 * the others, and those it gives back, to the row callback with their
 * numbers (the comparison is in tests/fuzz/fuzz_sysexport.c). */
static void the_shortcut_takes_only_what_libcsv_reads_so(void **state)
{
    static const int flagsets[] = { 0, 1, 2, 4, 7, 8, 16, 31, 32, 33, 64, 65 };
    long rows = getenv("EGREPORT_TEST_SLOW") ? 3000 : 30000;
    long long part = getenv("EGREPORT_TEST_SLOW") ? 6 * 1024 : 64 * 1024;
    long taken;

    (void)state;
    sx_taken = sx_given = 0;
    for (size_t k = 0; k < sizeof flagsets / sizeof flagsets[0]; k++) {
        text t = document_text(rows, flagsets[k]);
        char what[64];

        snprintf(what, sizeof what, "document export with flags %d", flagsets[k]);
        taken = sx_taken;
        same_rows(what, t.s, t.n, 0);
        for (int jobs = 2; jobs <= 3; jobs++)
            same_rows_split(what, t.s, t.n, 0, jobs, part);
        /* CRLF lines are never taken; LF lines are, all along */
        if (flagsets[k] & 32)
            assert_int_equal(sx_taken, taken);
        else
            assert_true(sx_taken - taken > rows);
        free(t.s);
    }
    assert_true(sx_given > 0);
}

/* The shortcut for the last field with a hint of its length
 * (eg_export_column's len): 19 bytes, as a time is, on exports where most
 * times are that long and some a byte shorter or longer, or a field of
 * another width, a quote or a NUL comes; the header's own length; and
 * 57, more than the hint's window holds.  Each way, whole and in parts,
 * the records taken must be libcsv's rows with that field's bytes. */
static void a_hint_of_the_last_fields_length_takes_what_libcsv_reads(void **state)
{
    static const int flagsets[] = { 128, 129, 130, 132, 136, 144, 192, 0 };
    long rows = getenv("EGREPORT_TEST_SLOW") ? 2000 : 20000;

    (void)state;
    for (size_t k = 0; k < sizeof flagsets / sizeof flagsets[0]; k++) {
        text t = document_text(rows, flagsets[k]);
        char *path = fuzz_write("export.csv", (const uint8_t *)t.s, t.n);

        for (int pick = 3; pick <= 5; pick++) {
            for (int jobs = 1; jobs <= 3; jobs += 2) {
                char *got, *want;
                const char *which = sx_shortcut_differs(path, jobs, jobs == 1 ? 0 : 48 * 1024,
                                                        pick, &got, &want);

                if (which)
                    fail_msg("flags %d, hint %d: %s differs from libcsv\ngot:    %.400s\n"
                             "libcsv: %.400s", flagsets[k], pick, which, got, want);
            }
        }
        free(path);
        free(t.s);
    }
}

static void generated_exports_give_the_same_rows(void **state)
{
    static const int flagsets[] = { 0, 1, 4, 5, 8, 9, 16, 17, 2, 3, 6, 7, 15, 31 };
    char what[64];

    /* Under valgrind (EGREPORT_TEST_SLOW) a tenth of the rows, in parts as
     * small: the same paths, at valgrind's pace. */
    int slow = getenv("EGREPORT_TEST_SLOW") != NULL;
    long rows = slow ? 3000 : 30000;
    long long part = slow ? 6 * 1024 : 64 * 1024;

    (void)state;
    sx_joins = sx_drops = 0;
    for (size_t k = 0; k < sizeof flagsets / sizeof flagsets[0]; k++) {
        /* 30,000 rows: over a megabyte, several chunks of the reader. */
        text t = export_text(rows, flagsets[k], rows * 2 / 3);

        snprintf(what, sizeof what, "export with flags %d", flagsets[k]);
        same_rows(what, t.s, t.n, 0);
        same_rows(what, t.s, t.n, 3);
        /* parts of 64 KiB and more (6 KiB): cuts inside quoted line
         * breaks too */
        for (int jobs = 2; jobs <= 4; jobs++)
            same_rows_split(what, t.s, t.n, 0, jobs, part);
        same_rows_gzip(what, t.s, t.n);
        free(t.s);
    }
    /* parts were read apart and joined, and some cuts fell inside a
     * quoted line break and were read on instead */
    assert_true(sx_joins > 20);
    assert_true(sx_drops > 0);
}

static void long_lines_and_odd_line_ends_give_the_same_rows(void **state)
{
    text t = { 0 };

    (void)state;
    adds(&t, "a,b\r\rc, d \n\n  \n\t,\r\n");
    for (int i = 0; i < 20000; i++)
        adds(&t, "x");                          /* past the fast path's line */
    adds(&t, ",y\n");
    for (int i = 0; i < 70000; i++)
        adds(&t, "z");                          /* past libcsv's cap */
    adds(&t, "\nlast,line");
    same_rows("long lines", t.s, t.n, 0);
    free(t.s);
    same_rows("only a CR", "a,b\rc,d", 7, 0);
    same_rows("blank last line", "a,b\n   ", 7, 0);
    same_rows("quote in the last line", "a,b\nc,\"d", 8, 0);
    same_rows("a NUL", "a,\0b\nc\n", 7, 0);
    /* Stopped at the header (which holds a quote: libcsv reads on), with
     * a quoted field of over 64 KiB after it in the same chunk: what comes
     * after the stop is not read, whatever the reading. */
    t = (text){ 0 };
    adds(&t, "\"id\",unit\nA,\"");
    for (int i = 0; i < 70000; i++)
        adds(&t, i % 100 ? "q" : "\n");
    adds(&t, "\"\nB,2\n");
    for (int jobs = 2; jobs <= 3; jobs++)
        same_rows_split("stopped before a long field", t.s, t.n, 1, jobs, 16);
    free(t.s);
    same_rows("empty", "", 0, 0);
    /* Just past the fast path's line, with few enough fields none too long
     * for libcsv to keep them all: handed to libcsv with its commas
     * intact, after the fast path began cutting it. */
    for (int fields = 30; fields <= 32; fields++) {
        t = (text){ 0 };
        adds(&t, "a,b,c\n");
        for (int f = 0; f < fields; f++) {
            if (f)
                adds(&t, ",");
            for (int i = 0; i < 16 * 1024 / fields + 40; i++)
                adds(&t, "x");
        }
        adds(&t, "\nd,e,f\n");
        same_rows("a line just past the fast path's", t.s, t.n, 0);
        free(t.s);
    }
}

/* A BOM is the file's only when it opens the file: one that opens a
 * later record (two exports joined end to end) is field text to libcsv,
 * and stays so when a part of the split reading starts there. */
static void a_bom_opening_a_later_record_stays_in_its_field_in_every_part(void **state)
{
    text t = { 0 };

    (void)state;
    adds(&t, "\xEF\xBB\xBFid,unit\n");
    for (int i = 0; i < 40; i++)
        adds(&t, i % 2 ? "\xEF\xBB\xBFHS01,GL.X001\n" : "\xEF\xBB\xBF\"HS02\",\n");
    for (int jobs = 2; jobs <= 3; jobs++)
        for (long long part = 4; part <= 24; part += 5)
            same_rows_split("a BOM opening later records", t.s, t.n, 0, jobs, part);
    free(t.s);
}

/* The same comparisons with the separators found each way the scanner
 * can (sysexport_scan.c): a byte at a time, SSE2, AVX2 and AVX-512BW
 * (when the processor has them; the test says which it could not try). */
static void every_way_of_finding_separators_gives_the_same_rows(void **state)
{
    static const int ways[] = { EG_CLASSIFY_SCALAR, EG_CLASSIFY_SSE2, EG_CLASSIFY_AVX2,
                                EG_CLASSIFY_AVX512 };
    static const int flagsets[] = { 0, 5, 12, 17, 3 };
    long rows = getenv("EGREPORT_TEST_SLOW") ? 2000 : 20000;

    (void)state;
    for (size_t w = 0; w < sizeof ways / sizeof *ways; w++) {
        int was;

        if (!eg_export_classify_has(ways[w])) {
            print_message("this processor has no way %d: not tried\n", ways[w]);
            continue;
        }
        was = eg_export_classify_use(ways[w]);
        assert_int_equal(eg_export_classify_which(), ways[w]);
        for (size_t k = 0; k < sizeof flagsets / sizeof *flagsets; k++) {
            text t = export_text(rows, flagsets[k], rows / 2);
            char what[64];

            snprintf(what, sizeof what, "way %d, flags %d", ways[w], flagsets[k]);
            same_rows(what, t.s, t.n, 0);
            same_rows_gzip(what, t.s, t.n);
            free(t.s);
        }
        same_rows("way, odd line ends", "a,b\r\rc, d \n\n  \n\t,\r\n", 20, 0);
        eg_export_classify_use(was);
    }
}

static void random_bytes_give_the_same_rows(void **state)
{
    static const char alphabet[] = "ab0,, \t\r\n\n\"";
    char buf[600];

    (void)state;
    for (int k = 0, files = getenv("EGREPORT_TEST_SLOW") ? 300 : 3000; k < files; k++) {
        size_t n = rnd(sizeof buf);
        int quotes = rnd(3) != 0;

        for (size_t i = 0; i < n; i++) {
            buf[i] = alphabet[rnd(sizeof alphabet - (quotes ? 1 : 2))];
            if (rnd(200) == 0)
                buf[i] = (char)rnd(256);
        }
        same_rows("random bytes", buf, n, rnd(4));
    }
}

/* gz: text gzipped as a gzip member, at path. */
static void write_gzip(const char *path, const text *t)
{
    gzFile gz = gzopen(path, "wb1");

    assert_non_null(gz);
    assert_int_equal(gzwrite(gz, t->s, (unsigned)t->n), (int)t->n);
    assert_int_equal(gzclose(gz), Z_OK);
}

/* The file at path's bytes; *n their count. */
static uint8_t *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    uint8_t *b;

    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    b = eg_xmalloc(*n);
    assert_int_equal(fread(b, 1, *n, f), *n);
    fclose(f);
    return b;
}

/* A gzip export read with 2 threads has one inflate it beside the reader
 * (sysexport_inflate.c): the rows, their numbers, the bytes and the
 * problems are those of 1 thread and of libcsv over the plain text, and
 * a reading stopped early (the callback's stop) ends the thread. */
static void a_gzip_export_inflated_beside_its_reader_gives_the_same_rows(void **state)
{
    long rows = getenv("EGREPORT_TEST_SLOW") ? 30000 : 60000;
    text t = export_text(rows, 2 | 4, rows / 2);    /* quotes from the middle: libcsv then */
    char *path = eg_xasprintf("%s/export.csv.gz", fuzz_dir());
    char *plain = fuzz_write("export.csv", (const uint8_t *)t.s, t.n);
    size_t ahead = eg_export_inflated_ahead();

    (void)state;
    assert_true(t.n > 4 * 512 * 1024);             /* more than the slots hold */
    write_gzip(path, &t);
    for (long stop = 0; stop < 3; stop++) {
        char *two = sx_read(path, SX_SPLIT, stop, 2, 0, 1);
        char *one = sx_read(path, SX_SPLIT, stop, 1, 0, 1);
        char *fast = sx_read(plain, SX_FAST, stop, 1, 0, 1);

        if (strcmp(two, one) != 0 || strcmp(two, fast) != 0)
            fail_msg("stop %ld: the gzip export with 2 threads differs:\n2: %.300s\n1: %.300s",
                     stop, two, strcmp(two, one) ? one : fast);
        if (!stop)
            assert_true(strlen(two) > (size_t)rows * 50);   /* every row is there */
        free(two);
        free(one);
        free(fast);
    }
    /* three readings with 2 threads, each with its thread */
    assert_int_equal(eg_export_inflated_ahead(), ahead + 3);
    {
        char *two = sx_read(path, SX_SPLIT, 0, 2, 0, 1);
        char *ref = sx_read(plain, SX_LIBCSV, 0, 1, 0, 1);

        assert_string_equal(two, ref);
        free(two);
        free(ref);
    }
    free(plain);
    free(path);
    free(t.s);
}

/* A gzip stream damaged in the middle, or cut short: the rows before the
 * damage and the error that names its row are the same with 1 and 2
 * threads, whatever the thread inflating ahead had done. */
static void a_damaged_gzip_export_gives_the_same_rows_and_error_with_2_threads(void **state)
{
    long rows = getenv("EGREPORT_TEST_SLOW") ? 20000 : 60000;
    text t = export_text(rows, 0, 0);
    char *path = eg_xasprintf("%s/export.csv.gz", fuzz_dir());
    size_t n;
    uint8_t *gz;

    (void)state;
    write_gzip(path, &t);
    gz = slurp(path, &n);
    for (int how = 0; how < 3; how++) {
        uint8_t *bad = eg_xmalloc(n);
        size_t len = n;
        char *bad_path, *two, *one;

        memcpy(bad, gz, n);
        if (how == 0)
            bad[n * 3 / 5] ^= 0xff;                 /* a byte of the stream */
        else if (how == 1)
            len = n * 3 / 5;                        /* cut short */
        else
            bad[n - 5] ^= 0x01;                     /* the CRC, read at the end */
        bad_path = fuzz_write("bad.csv.gz", bad, len);
        two = sx_read(bad_path, SX_SPLIT, 0, 2, 0, 1);
        one = sx_read(bad_path, SX_SPLIT, 0, 1, 0, 1);
        assert_string_equal(two, one);
        assert_memory_equal(two, "rc=-1", 5);
        assert_non_null(strstr(two, "E_SYSTEM_READ"));
        /* rows came before the damage: a damaged part loses its own slot only */
        assert_true(strlen(two) > (size_t)rows * 50 / 4);
        free(two);
        free(one);
        free(bad_path);
        free(bad);
    }
    free(gz);
    free(path);
    free(t.s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(generated_exports_give_the_same_rows),
        cmocka_unit_test(the_shortcut_takes_only_what_libcsv_reads_so),
        cmocka_unit_test(a_hint_of_the_last_fields_length_takes_what_libcsv_reads),
        cmocka_unit_test(long_lines_and_odd_line_ends_give_the_same_rows),
        cmocka_unit_test(a_bom_opening_a_later_record_stays_in_its_field_in_every_part),
        cmocka_unit_test(random_bytes_give_the_same_rows),
        cmocka_unit_test(every_way_of_finding_separators_gives_the_same_rows),
        cmocka_unit_test(a_gzip_export_inflated_beside_its_reader_gives_the_same_rows),
        cmocka_unit_test(a_damaged_gzip_export_gives_the_same_rows_and_error_with_2_threads),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
