/*
 * test_sysexport.c - extract/sysexport.h: a system export read row by row,
 * plain or gzip, whatever its line endings, with rows numbered as lines.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "core/diag.h"
#include "core/mem.h"
#include "extract/sysexport.h"

typedef struct {
    char rows[16][256];       /* "row:field|field|...", "row!:..." when overflowing,
                               * "row$:..." for the last without a line end */
    int n;
    int stop_after;
} seen;

static int collect(void *ctx, const eg_export_row *r)
{
    seen *s = ctx;
    char *out;
    size_t len;

    if (s->n == 16)
        return 0;           /* read on, keep the first 16 */
    out = s->rows[s->n++];
    len = (size_t)snprintf(out, 256, "%ld%s%s:", r->row, r->overflow ? "!" : "",
                           r->unended ? "$" : "");
    for (size_t i = 0; i < r->n && len < 256; i++)
        len += (size_t)snprintf(out + len, 256 - len, "%s%s", i ? "|" : "", r->field[i]);
    return s->stop_after && s->n == s->stop_after;
}

static void write_file(const char *path, const char *data, size_t n, int gz)
{
    if (gz) {
        gzFile f = gzopen(path, "wb");

        assert_non_null(f);
        assert_int_equal(gzwrite(f, data, (unsigned)n), (int)n);
        gzclose(f);
    } else {
        FILE *f = fopen(path, "wb");

        assert_non_null(f);
        fwrite(data, 1, n, f);
        fclose(f);
    }
}

/* The file at a fresh temporary path with data written as it is (gz: 0)
 * or gzipped; the path in path (the caller unlinks it). */
static void temp_export(char path[40], const char *data, size_t n, int gz)
{
    int fd;

    strcpy(path, "/tmp/egreport-test-export-XXXXXX");
    fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    write_file(path, data, n, gz);
}

static int read_text(const char *data, int gz, seen *s, eg_diag_list *dl)
{
    char path[40];
    int rc;

    temp_export(path, data, strlen(data), gz);
    rc = eg_export_read(path, "systems/x.csv", collect, s, NULL, dl);
    unlink(path);
    return rc;
}

static void plain_and_gzip_give_the_same_rows(void **state)
{
    const char *text = "\xEF\xBB\xBF" "id,unit\r\nA1,GL.STP\r\n\r\n\"B,2\",\"GL \"\"X\"\"\"\nC3,GL\n";

    (void)state;
    for (int gz = 0; gz < 2; gz++) {
        seen s;
        eg_diag_list dl = { 0 };

        memset(&s, 0, sizeof s);
        assert_int_equal(read_text(text, gz, &s, &dl), 0);
        assert_int_equal(s.n, 4);
        assert_string_equal(s.rows[0], "1:id|unit");
        assert_string_equal(s.rows[1], "2:A1|GL.STP");
        /* the blank line is row 3 and is not handed on */
        assert_string_equal(s.rows[2], "4:B,2|GL \"X\"");
        assert_string_equal(s.rows[3], "5:C3|GL");
        assert_int_equal(dl.n, 0);
        eg_diag_free(&dl);
    }
}

/* The file's last row is marked when no line end follows it, whichever
 * reader ends it (the fast path, libcsv after a quote), plain or gzip; a
 * last line of blanks is no row. */
static void the_last_row_without_a_line_end_is_marked(void **state)
{
    static const struct {
        const char *text, *last;
    } cases[] = {
        { "id,unit\nA1,GL\nA2,GL", "3$:A2|GL" },
        { "id,unit\nA1,GL\nA2,GL\n", "3:A2|GL" },
        { "id,unit\r\nA1,GL\r\nA2,GL\r\n", "3:A2|GL" },
        { "id,unit\r\nA1,GL\r\nA2,G", "3$:A2|G" },
        { "id,unit\nA1,GL\nA2", "3$:A2" },
        { "id,unit\n\"A1\",GL\nA2,GL", "3$:A2|GL" },
        { "id,unit\nA1,GL\n\"A2,G", "3$:A2,G" },
        { "id,unit\nA1,GL\n  ", "2:A1|GL" },
        { "id,unit", "1$:id|unit" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        for (int gz = 0; gz < 2; gz++) {
            seen s;
            eg_diag_list dl = { 0 };

            memset(&s, 0, sizeof s);
            assert_int_equal(read_text(cases[i].text, gz, &s, &dl), 0);
            assert_true(s.n > 0);
            if (strcmp(s.rows[s.n - 1], cases[i].last) != 0)
                fail_msg("case %zu%s: last row '%s', want '%s'", i, gz ? " (gzip)" : "",
                         s.rows[s.n - 1], cases[i].last);
            for (int k = 0; k < s.n - 1; k++)
                assert_null(strchr(s.rows[k], '$'));
            eg_diag_free(&dl);
        }
}

static void a_long_field_or_row_is_handed_on_as_overflowing(void **state)
{
    char text[4096];
    seen s;
    eg_diag_list dl = { 0 };
    size_t n = 0;

    (void)state;
    n += (size_t)snprintf(text, sizeof text, "a,b\n");
    for (int i = 0; i < 600; i++)
        text[n++] = 'x';
    n += (size_t)snprintf(text + n, sizeof text - n, ",y\n");
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "%d,", i);
    snprintf(text + n, sizeof text - n, "z\nok,1\n");
    memset(&s, 0, sizeof s);
    assert_int_equal(read_text(text, 0, &s, &dl), 0);
    assert_int_equal(s.n, 4);
    assert_memory_equal(s.rows[1], "2!:", 3);
    assert_memory_equal(s.rows[2], "3!:", 3);
    assert_string_equal(s.rows[3], "4:ok|1");
    eg_diag_free(&dl);
}

/* A field of EG_EXPORT_MAX_FIELD bytes (beside another, and alone on its
 * line) and a row of EG_EXPORT_MAX_FIELDS fields are whole; a byte or a
 * field more overflows.  So whichever way the line is read: as it lies,
 * with a blank to trim at the field's edge, quoted (libcsv), plain or
 * gzip. */
static void a_field_or_row_at_the_caps_is_whole_and_one_more_overflows(void **state)
{
    static const char *const ways[][2] = { { "", "" }, { " ", "\t" }, { "\"", "\"" } };

    (void)state;
    for (size_t w = 0; w < sizeof ways / sizeof *ways; w++)
        for (int more = 0; more < 2; more++)
            for (int gz = 0; gz < 2; gz++) {
                char text[4096], want[8];
                size_t n = (size_t)snprintf(text, sizeof text, "a,b\n%s", ways[w][0]);
                seen s;
                eg_diag_list dl = { 0 };

                memset(text + n, 'x', EG_EXPORT_MAX_FIELD + (size_t)more);
                n += EG_EXPORT_MAX_FIELD + (size_t)more;
                n += (size_t)snprintf(text + n, sizeof text - n, "%s,y\n", ways[w][1]);
                for (int f = 0; f < EG_EXPORT_MAX_FIELDS - 1 + more; f++)
                    n += (size_t)snprintf(text + n, sizeof text - n, "%s%d%s,", ways[w][0], f,
                                          ways[w][1]);
                n += (size_t)snprintf(text + n, sizeof text - n, "%sz%s\n%s", ways[w][0],
                                      ways[w][1], ways[w][0]);
                /* the field alone on its line */
                memset(text + n, 'x', EG_EXPORT_MAX_FIELD + (size_t)more);
                n += EG_EXPORT_MAX_FIELD + (size_t)more;
                snprintf(text + n, sizeof text - n, "%s\nok,1\n", ways[w][1]);
                memset(&s, 0, sizeof s);
                assert_int_equal(read_text(text, gz, &s, &dl), 0);
                assert_int_equal(s.n, 5);
                snprintf(want, sizeof want, "2%s:x", more ? "!" : "");
                if (strncmp(s.rows[1], want, strlen(want)) != 0)
                    fail_msg("way %zu, %d more byte%s: field row '%.40s', want '%s'", w, more,
                             gz ? " (gzip)" : "", s.rows[1], want);
                snprintf(want, sizeof want, "3%s:", more ? "!" : "");
                if (strncmp(s.rows[2], want, strlen(want)) != 0)
                    fail_msg("way %zu, %d more field%s: row '%.40s', want '%s'", w, more,
                             gz ? " (gzip)" : "", s.rows[2], want);
                if (!more)
                    assert_string_equal(s.rows[2] + strlen(s.rows[2]) - 4, "30|z");
                snprintf(want, sizeof want, "4%s:x", more ? "!" : "");
                if (strncmp(s.rows[3], want, strlen(want)) != 0)
                    fail_msg("way %zu, %d more byte%s, alone: row '%.40s', want '%s'", w, more,
                             gz ? " (gzip)" : "", s.rows[3], want);
                assert_string_equal(s.rows[4], "5:ok|1");
                assert_int_equal(dl.n, 0);
            }
}

/* A blank beside a comma, the one blank of the file, is trimmed wherever
 * the two fall: either side of the 64-byte words the separators are
 * found by, or first in the file. */
static void a_blank_beside_a_separator_is_trimmed_at_any_offset(void **state)
{
    static const struct {
        const char *head, *tail, *row;
    } ways[] = {
        { "a,b\n", " ,B\n", "2:%.*s|B" },     /* before the comma */
        { "a,b\n", ", B\n", "2:%.*s|B" },     /* after it */
        { "a,b\n", ",B\n ", "2:%.*s|B" },     /* a line of a blank after it */
        { " a,b\n", ",B\n", "2:%.*s|B" },     /* first in the file */
    };

    (void)state;
    for (size_t w = 0; w < sizeof ways / sizeof *ways; w++)
        for (int pad = 1; pad < 140; pad++)
            for (int gz = 0; gz < 2; gz++) {
                char text[512], want[256];
                int n = snprintf(text, sizeof text, "%s", ways[w].head), start = n;
                seen s;
                eg_diag_list dl = { 0 };

                memset(text + n, 'A', (size_t)pad);
                n += pad;
                snprintf(text + n, sizeof text - (size_t)n, "%s", ways[w].tail);
                memset(&s, 0, sizeof s);
                assert_int_equal(read_text(text, gz, &s, &dl), 0);
                assert_int_equal(s.n, 2);
                assert_string_equal(s.rows[0], "1:a|b");
                snprintf(want, sizeof want, ways[w].row, pad, text + start);
                if (strcmp(s.rows[1], want) != 0)
                    fail_msg("way %zu, pad %d%s: row '%s', want '%s'", w, pad,
                             gz ? " (gzip)" : "", s.rows[1], want);
                eg_diag_free(&dl);
            }
}

static void a_truncated_gzip_is_an_error_after_the_rows_before(void **state)
{
    char path[] = "/tmp/egreport-test-export-XXXXXX";
    int fd = mkstemp(path);
    char *text = malloc(400000), *data;
    size_t n = 0, len;
    FILE *f;
    seen s;
    eg_diag_list dl = { 0 };

    (void)state;
    assert_true(fd >= 0 && text);
    close(fd);
    n += (size_t)sprintf(text, "id,unit\n");
    for (int i = 0; i < 20000; i++)
        n += (size_t)sprintf(text + n, "HS%07d,GL.U%d\n", i * 7919 % 1000003, i % 97);
    write_file(path, text, n, 1);
    f = fopen(path, "rb");
    fseek(f, 0, SEEK_END);
    len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    data = malloc(len);
    assert_int_equal(fread(data, 1, len, f), len);
    fclose(f);
    write_file(path, data, len / 2, 0);
    memset(&s, 0, sizeof s);
    s.stop_after = 0;
    assert_int_equal(eg_export_read(path, "systems/x.csv.gz", collect, &s, NULL, &dl), -1);
    assert_int_equal(dl.n, 1);
    assert_string_equal(dl.items[0].code, "E_SYSTEM_READ");
    assert_null(strstr(dl.items[0].message, "/tmp/"));
    /* nor the descriptor zlib names a file it was given open by */
    assert_string_equal(dl.items[0].message,
                        "không đọc được hết tệp xuất của hệ thống (tệp kết thúc giữa chừng); "
                        "không đối chiếu với tệp này");
    unlink(path);
    free(data);
    free(text);
    eg_diag_free(&dl);
}

/* The row of a line and its first field, for a_bom_only_starts_the_file. */
typedef struct {
    long want_row;
    char first[16];
    long rows;
} one_row;

static int keep_one_row(void *ctx, const eg_export_row *r)
{
    one_row *o = ctx;

    o->rows++;
    if (r->row == o->want_row && r->n)
        snprintf(o->first, sizeof o->first, "%s", r->field[0]);
    return 0;
}

/* A UTF-8 byte order mark is taken off the file's start only: one that
 * starts a later line, even one read first of its chunk, is the field's. */
static void a_bom_only_starts_the_file(void **state)
{
    size_t lines = 256 * 1024 / 4, n = 0;
    char *text = malloc(lines * 4 + 64);

    (void)state;
    assert_non_null(text);
    for (size_t i = 0; i < lines; i++) {
        memcpy(text + n, "A,B\n", 4);
        n += 4;
    }
    n += (size_t)sprintf(text + n, "\xEF\xBB\xBFX,Y\n");
    for (int gz = 0; gz < 2; gz++) {
        char path[40];
        one_row o = { (long)lines + 1, "", 0 };
        eg_diag_list dl = { 0 };

        temp_export(path, text, n, gz);
        assert_int_equal(eg_export_read(path, "systems/x.csv", keep_one_row, &o, NULL, &dl), 0);
        unlink(path);
        assert_int_equal(o.rows, (long)lines + 1);
        assert_string_equal(o.first, "\xEF\xBB\xBFX");
        assert_int_equal(dl.n, 0);
    }
    free(text);
}

/* A gzip export whose stream is whole but for its trailer: a CRC that
 * does not match, or a length that does not, each said in words of its
 * own (zlib's message in Vietnamese); the rows of the read that met it
 * are not handed on (zlib gives nothing of that read). */
static void a_gzip_trailer_that_does_not_match_is_said_so(void **state)
{
    static const struct {
        size_t from_end;        /* the trailer's byte changed, counted from the end */
        const char *why;
    } cases[] = {
        { 8, "sai mã kiểm tra CRC của dữ liệu" },
        { 4, "độ dài dữ liệu không khớp với độ dài ghi trong tệp" },
    };
    const char *text = "id,unit\nA1,GL\nA2,GL\n";

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char path[40];
        unsigned char data[4096];
        size_t len;
        FILE *f;
        char *want;
        seen s;
        eg_diag_list dl = { 0 };

        temp_export(path, text, strlen(text), 1);
        f = fopen(path, "rb");
        assert_non_null(f);
        len = fread(data, 1, sizeof data, f);
        fclose(f);
        assert_true(len > 8);
        data[len - cases[i].from_end] ^= 0x55;
        write_file(path, (const char *)data, len, 0);
        memset(&s, 0, sizeof s);
        assert_int_equal(eg_export_read(path, "systems/x.csv.gz", collect, &s, NULL, &dl), -1);
        unlink(path);
        assert_int_equal(s.n, 0);
        assert_int_equal(dl.n, 1);
        assert_string_equal(dl.items[0].code, "E_SYSTEM_READ");
        want = eg_xasprintf("không đọc được hết tệp xuất của hệ thống (%s); không đối chiếu với "
                            "tệp này",
                            cases[i].why);
        assert_string_equal(dl.items[0].message, want);
        free(want);
        eg_diag_free(&dl);
    }
}

static void an_unclosed_quote_stops_at_a_bounded_field(void **state)
{
    char *text = malloc(200000);
    seen s;
    eg_diag_list dl = { 0 };
    size_t n;

    (void)state;
    assert_non_null(text);
    n = (size_t)sprintf(text, "id,unit\nA,\"open\n");
    memset(text + n, 'q', 150000);
    text[n + 150000] = '\0';
    memset(&s, 0, sizeof s);
    assert_int_equal(read_text(text, 0, &s, &dl), -1);
    assert_int_equal(dl.n, 1);
    assert_string_equal(dl.items[0].code, "E_SYSTEM_READ");
    assert_int_equal(dl.items[0].row, 2);
    free(text);
    eg_diag_free(&dl);
}

/* A folder given for an export opens but does not read (no gzip stream
 * either): the system's error in its own words, not zlib's. */
static void a_folder_read_as_an_export_says_the_system_s_error(void **state)
{
    char dir[] = "/tmp/egreport-test-export-XXXXXX";
    seen s;
    eg_diag_list dl = { 0 };

    (void)state;
    assert_non_null(mkdtemp(dir));
    memset(&s, 0, sizeof s);
    assert_int_equal(eg_export_read(dir, "systems/x.csv", collect, &s, NULL, &dl), -1);
    rmdir(dir);
    assert_int_equal(dl.n, 1);
    assert_string_equal(dl.items[0].code, "E_SYSTEM_READ");
    assert_string_equal(dl.items[0].message, "không đọc được hết tệp xuất của hệ thống (là một "
                                             "thư mục, không phải tệp); không đối chiếu với tệp "
                                             "này");
    assert_int_equal(s.n, 0);
    eg_diag_free(&dl);
}

static void a_missing_file_is_an_error(void **state)
{
    seen s;
    eg_diag_list dl = { 0 };

    (void)state;
    memset(&s, 0, sizeof s);
    assert_int_equal(eg_export_read("/nonexistent/x.csv", "systems/x.csv", collect, &s, NULL, &dl),
                     -1);
    assert_string_equal(dl.items[0].code, "E_SYSTEM_READ");
    /* the system's error in words of its own */
    assert_string_equal(dl.items[0].message, "không mở được tệp xuất của hệ thống: không có tệp "
                                             "hoặc thư mục này; không đối chiếu với tệp này");
    assert_int_equal(s.n, 0);
    eg_diag_free(&dl);
}

/* The readers of the file at path: the fast path with libcsv behind it,
 * and libcsv alone. */
static int (*const readers[2])(const char *, const char *, eg_export_fn, void *, long long *,
                               eg_diag_list *) = { eg_export_read, eg_export_read_libcsv };

/* Line ends mixed in one file, as a copy joined from two systems has
 * them: a row ended by a lone CR, the next by a LF, the last by CRLF;
 * each row handed on and numbered as a line, by either reader, plain or
 * gzip. */
static void rows_between_mixed_line_ends_are_each_handed_on(void **state)
{
    static const char text[] = "a,1\rb,2\nc,3\r\nd,4\n";

    (void)state;
    for (int rd = 0; rd < 2; rd++)
        for (int gz = 0; gz < 2; gz++) {
            char path[40];
            seen s;
            eg_diag_list dl = { 0 };

            temp_export(path, text, sizeof text - 1, gz);
            memset(&s, 0, sizeof s);
            assert_int_equal(readers[rd](path, "systems/x.csv", collect, &s, NULL, &dl), 0);
            unlink(path);
            assert_int_equal(s.n, 4);
            assert_string_equal(s.rows[0], "1:a|1");
            assert_string_equal(s.rows[1], "2:b|2");
            assert_string_equal(s.rows[2], "3:c|3");
            assert_string_equal(s.rows[3], "4:d|4");
            assert_int_equal(dl.n, 0);
        }
}

/* A reader that has had what it wanted stops the reading: no row more,
 * and a quote left open further down the same chunk is not said. */
static void a_stop_from_the_reader_hands_on_nothing_more_and_says_nothing_of_the_rest(void **state)
{
    size_t n;
    char *text = malloc(100000);

    (void)state;
    assert_non_null(text);
    n = (size_t)sprintf(text, "id,unit\nA,1\nB,2\nC,\"open\n");
    memset(text + n, 'q', 80000);
    n += 80000;
    for (int rd = 0; rd < 2; rd++)
        for (int gz = 0; gz < 2; gz++) {
            char path[40];
            seen s;
            eg_diag_list dl = { 0 };

            temp_export(path, text, n, gz);
            memset(&s, 0, sizeof s);
            s.stop_after = 2;
            assert_int_equal(readers[rd](path, "systems/x.csv", collect, &s, NULL, &dl), 0);
            unlink(path);
            assert_int_equal(s.n, 2);
            assert_string_equal(s.rows[1], "2:A|1");
            assert_int_equal(dl.n, 0);
        }
    free(text);
}

/* *bytes is the text read, a byte order mark included, after
 * decompression; a plain file whose first byte is gzip's first (0x1F)
 * but not its second is read as text. */
static void the_bytes_read_are_the_texts_and_a_lone_1f_is_text(void **state)
{
    static const char bom[] = "\xEF\xBB\xBF" "id,unit\nA1,GL\n";
    static const char lone[] = "\x1F" "id,unit\nA1,GL\n";

    (void)state;
    for (int gz = 0; gz < 2; gz++) {
        char path[40];
        seen s;
        long long bytes = -1;
        eg_diag_list dl = { 0 };

        temp_export(path, bom, sizeof bom - 1, gz);
        memset(&s, 0, sizeof s);
        assert_int_equal(eg_export_read(path, "systems/x.csv", collect, &s, &bytes, &dl), 0);
        unlink(path);
        assert_int_equal(bytes, (long long)sizeof bom - 1);
        assert_int_equal(s.n, 2);
        assert_string_equal(s.rows[0], "1:id|unit");
    }
    {
        char path[40];
        seen s;
        long long bytes = -1;
        eg_diag_list dl = { 0 };

        temp_export(path, lone, sizeof lone - 1, 0);
        memset(&s, 0, sizeof s);
        assert_int_equal(eg_export_read(path, "systems/x.csv", collect, &s, &bytes, &dl), 0);
        unlink(path);
        assert_int_equal(bytes, (long long)sizeof lone - 1);
        assert_int_equal(s.n, 2);
        assert_string_equal(s.rows[0], "1:\x1Fid|unit");
        assert_int_equal(dl.n, 0);
    }
}

/* An export that is no regular file (a named pipe a job writes into):
 * read as a stream, through zlib, its rows as a file's. */
static void an_export_from_a_named_pipe_is_read_as_a_stream(void **state)
{
    static const char text[] = "id,unit\nA1,GL\nA2,GL\n";
    char dir[] = "/tmp/egreport-test-export-XXXXXX";
    char *fifo;
    pid_t pid;
    int status;
    seen s;
    eg_diag_list dl = { 0 };

    (void)state;
    assert_non_null(mkdtemp(dir));
    fifo = eg_xasprintf("%s/dossiers.csv", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int fd = open(fifo, O_WRONLY);

        _exit(fd >= 0 && write(fd, text, sizeof text - 1) == (ssize_t)sizeof text - 1 ? 0 : 1);
    }
    memset(&s, 0, sizeof s);
    assert_int_equal(eg_export_read(fifo, "systems/dossiers.csv", collect, &s, NULL, &dl), 0);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    unlink(fifo);
    rmdir(dir);
    free(fifo);
    assert_int_equal(s.n, 3);
    assert_string_equal(s.rows[2], "3:A2|GL");
    assert_int_equal(dl.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_and_gzip_give_the_same_rows),
        cmocka_unit_test(the_last_row_without_a_line_end_is_marked),
        cmocka_unit_test(a_long_field_or_row_is_handed_on_as_overflowing),
        cmocka_unit_test(a_field_or_row_at_the_caps_is_whole_and_one_more_overflows),
        cmocka_unit_test(a_blank_beside_a_separator_is_trimmed_at_any_offset),
        cmocka_unit_test(a_truncated_gzip_is_an_error_after_the_rows_before),
        cmocka_unit_test(a_bom_only_starts_the_file),
        cmocka_unit_test(a_gzip_trailer_that_does_not_match_is_said_so),
        cmocka_unit_test(an_unclosed_quote_stops_at_a_bounded_field),
        cmocka_unit_test(a_folder_read_as_an_export_says_the_system_s_error),
        cmocka_unit_test(a_missing_file_is_an_error),
        cmocka_unit_test(rows_between_mixed_line_ends_are_each_handed_on),
        cmocka_unit_test(a_stop_from_the_reader_hands_on_nothing_more_and_says_nothing_of_the_rest),
        cmocka_unit_test(the_bytes_read_are_the_texts_and_a_lone_1f_is_text),
        cmocka_unit_test(an_export_from_a_named_pipe_is_read_as_a_stream),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
