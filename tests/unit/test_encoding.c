/*
 * test_encoding.c - extract/encoding.h: a text file's encoding, and its
 * text as NFC UTF-8.
 *
 * input-format.md, "Files": UTF-8 with or without BOM, UTF-16 LE or BE
 * with BOM, Windows-1258 where the bytes are not UTF-8; text typed with
 * TCVN3 (ABC, .VnTime) or VNI fonts converted to Unicode.  The samples
 * below are written byte by byte from the code tables, and the guard
 * against false detection is run over all the real Vietnamese text the
 * project holds (the demo registry, the catalogue, the report's text), as
 * UTF-8 and converted to Windows-1258.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/mem.h"
#include "extract/encoding.h"

#ifdef EG_SOURCE_DIR
#define SOURCE_DIR EG_SOURCE_DIR "/"
#else
#define SOURCE_DIR ""
#endif

/* --- helpers ------------------------------------------------------------- */

/* s, begun afresh, with the n bytes of UTF-8 text at t scanned. */
static void scanned(eg_legacy_scan *s, const char *t, size_t n)
{
    eg_legacy_scan_init(s);
    eg_legacy_scan_utf8(s, t, n);
}

/* A temporary file holding n bytes, rewound. */
static FILE *file_of(const void *data, size_t n)
{
    FILE *f = tmpfile();

    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    rewind(f);
    return f;
}

/* Sniffs and reads all of f through eg_text_read with chunks of cap
 * bytes; returns the UTF-8 read (malloc'd, NUL-terminated). */
static char *read_all(eg_text *t, FILE *f, size_t cap, size_t *n_out)
{
    char *out = NULL, *buf = eg_xmalloc(cap);
    size_t n = 0, len;
    int err = 0;

    assert_int_equal(eg_text_sniff(t, f), 0);
    while ((len = eg_text_read(t, f, buf, cap, &err)) > 0) {
        out = eg_xrealloc(out, n + len + 1);
        memcpy(out + n, buf, len);
        n += len;
    }
    assert_int_equal(err, 0);
    out = eg_xrealloc(out, n + 1);
    out[n] = '\0';
    free(buf);
    if (n_out)
        *n_out = n;
    return out;
}

/* s (UTF-8) as UTF-16 in the given byte order with a BOM; *n its size. */
static char *utf16_of(const char *s, int big_endian, size_t *n)
{
    iconv_t cd = iconv_open(big_endian ? "UTF-16BE" : "UTF-16LE", "UTF-8");
    size_t inleft = strlen(s), outleft = inleft * 4 + 4;
    char *out = eg_xmalloc(outleft + 2), *o = out + 2, *in = (char *)s;

    assert_true(cd != (iconv_t)-1);
    memcpy(out, big_endian ? "\xFE\xFF" : "\xFF\xFE", 2);
    assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
    iconv_close(cd);
    *n = (size_t)(o - out);
    return out;
}

/* Sniffs data and returns what was decided. */
static eg_text sniff(const void *data, size_t n)
{
    FILE *f = file_of(data, n);
    eg_text t;

    assert_int_equal(eg_text_sniff(&t, f), 0);
    fclose(f);
    return t;
}

static char *slurp(const char *rel)
{
    char path[512];
    FILE *f;
    long n;
    char *s;

    snprintf(path, sizeof path, "%s%s", SOURCE_DIR, rel);
    f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s: %s", path, strerror(errno));
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    s = eg_xmalloc((size_t)n + 1);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

/* --- UTF-16 -------------------------------------------------------------- */

static const char *const vietnamese_line =
    "Mã đơn vị\tMã chỉ tiêu\tGiá trị\tGhi chú\nGL.STTTT\tht.cbcc\t120\tSở Thông tin và "
    "Truyền thông 😀 Nguyễn\n";

static void utf16_le_and_be_with_a_bom_read_as_utf8(void **state)
{
    (void)state;
    for (int be = 0; be <= 1; be++) {
        size_t n;
        char *raw = utf16_of(vietnamese_line, be, &n);
        FILE *f = file_of(raw, n);
        eg_text t;
        char *got = read_all(&t, f, 4096, NULL);

        assert_int_equal(t.form, be ? EG_FORM_UTF16BE : EG_FORM_UTF16LE);
        assert_int_equal(t.legacy, EG_LEGACY_NONE);
        assert_string_equal(got, vietnamese_line);      /* no BOM in the text */
        eg_text_close(&t);
        fclose(f);
        free(got);
        free(raw);
    }
}

static void utf16_characters_cut_by_every_chunk_border_come_out_whole(void **state)
{
    (void)state;
    /* Chunks of 64 bytes read 32 raw bytes at a time: shifting the text
     * by 0..40 bytes puts the BOM, every Vietnamese letter and the
     * surrogate pair of the emoji across a border somewhere. */
    for (int be = 0; be <= 1; be++)
        for (int shift = 0; shift <= 40; shift++) {
            char text[512];
            size_t n;
            char *raw, *got;
            FILE *f;
            eg_text t;

            memset(text, 'x', (size_t)shift);
            strcpy(text + shift, vietnamese_line);
            raw = utf16_of(text, be, &n);
            f = file_of(raw, n);
            got = read_all(&t, f, 64, NULL);
            if (strcmp(got, text) != 0)
                fail_msg("shift %d (%s): got \"%s\"", shift, be ? "BE" : "LE", got);
            eg_text_close(&t);
            fclose(f);
            free(got);
            free(raw);
        }
}

static void utf16_broken_surrogate_becomes_an_invalid_byte_in_place(void **state)
{
    /* "a", a lone low surrogate, "b", then half a unit at the end */
    static const char raw[] = "\xFF\xFE" "a\0" "\x00\xDC" "b\0" "c";
    FILE *f = file_of(raw, sizeof raw - 1);
    eg_text t;
    size_t n;
    char *got;

    (void)state;
    got = read_all(&t, f, 64, &n);
    assert_int_equal(n, 4);
    assert_memory_equal(got, "a\xFF" "b\xFF", 4);
    assert_null(eg_text_field(&t, got, n));       /* the field is reported */
    eg_text_close(&t);
    fclose(f);
    free(got);
}

static void utf16_without_a_bom_is_recognised_by_its_zero_bytes(void **state)
{
    static const char le[] = "u\0n\0i\0t\0_\0c\0o\0d\0e\0\t\0v\0a\0l\0u\0e\0\n\0";
    eg_text t;

    (void)state;
    t = sniff(le, sizeof le - 1);
    assert_int_equal(t.form, EG_FORM_UTF16LE);
    assert_int_equal(t.bom, 0);
    eg_text_close(&t);
}

/* --- UTF-8 and Windows-1258 ---------------------------------------------- */

static void utf8_with_and_without_a_bom_is_utf8(void **state)
{
    eg_text t;

    (void)state;
    t = sniff("\xEF\xBB\xBF" "Mã đơn vị\n", strlen("\xEF\xBB\xBF" "Mã đơn vị\n"));
    assert_int_equal(t.form, EG_FORM_UTF8);
    assert_int_equal(t.bom, 3);
    assert_int_equal(t.legacy, EG_LEGACY_NONE);
    eg_text_close(&t);
    t = sniff("Mã đơn vị\n", strlen("Mã đơn vị\n"));
    assert_int_equal(t.form, EG_FORM_UTF8);
    assert_int_equal(t.bom, 0);
    eg_text_close(&t);
}

static void plain_ascii_is_utf8_with_nothing_to_convert(void **state)
{
    static const char ascii[] = "unit_code,indicator,value\nGL,ht.cbcc,120\n";
    eg_text t = sniff(ascii, sizeof ascii - 1);
    eg_legacy_scan s;

    (void)state;
    assert_int_equal(t.form, EG_FORM_UTF8);
    assert_int_equal(t.legacy, EG_LEGACY_NONE);
    eg_text_close(&t);
    scanned(&s, ascii, sizeof ascii - 1);
    assert_int_equal(s.words_nonascii, 0);
    assert_int_equal(eg_legacy_decide(&s, 1), EG_LEGACY_NONE);
}

static void cp1258_with_combining_marks_reads_as_nfc(void **state)
{
    /* "Mã đơn vị,Việt Nam,Nguyễn": CP1258 writes ã, ị, ệ, ễ as a letter
     * and a combining mark (DE tilde, F2 dot below) */
    static const char cp[] = "Ma\xDE \xF0\xF5n vi\xF2,Vi\xEA\xF2t Nam,Nguy\xEA\xDEn\n";
    FILE *f = file_of(cp, sizeof cp - 1);
    eg_text t;
    char *field;

    (void)state;
    assert_int_equal(eg_text_sniff(&t, f), 0);
    assert_int_equal(t.form, EG_FORM_8BIT);
    assert_int_equal(t.legacy, EG_LEGACY_CP1258);
    field = eg_text_field(&t, cp, 11);
    assert_string_equal(field, "Mã đơn vị");      /* precomposed: NFC */
    free(field);
    field = eg_text_field(&t, cp + 12, 9);
    assert_string_equal(field, "Việt Nam");
    free(field);
    field = eg_text_field(&t, cp + 22, 7);
    assert_string_equal(field, "Nguyễn");
    free(field);
    /* 0x81 is a hole of Windows-1258: no text */
    assert_null(eg_text_field(&t, "a\x81", 2));
    /* and the field after it starts afresh: nothing of it held back */
    field = eg_text_field(&t, "\xF0\xF5", 2);
    assert_string_equal(field, "đơ");
    free(field);
    eg_text_close(&t);
    fclose(f);
}

static void utf8_file_with_a_few_broken_bytes_stays_utf8(void **state)
{
    static const char mixed[] = "Mã đơn vị,Giá trị,Ghi chú\nGL,1,Vi\xEAt\n";
    eg_text t = sniff(mixed, sizeof mixed - 1);

    (void)state;
    assert_int_equal(t.form, EG_FORM_UTF8);
    assert_int_equal(t.bad_bytes, 1);
    assert_null(eg_text_field(&t, "Vi\xEAt", 4));
    eg_text_close(&t);
}

/* --- TCVN3 --------------------------------------------------------------- */

typedef struct {
    const char *bytes;
    const char *unicode;
} sample;

/* Lines as .VnTime and the ABC keyboard write them (TCVN 5712:1993 VN3). */
static const sample tcvn3_samples[] = {
    { "M\xB7 \xAE\xACn v\xDE", "Mã đơn vị" },
    { "M\xB7 ch\xD8 ti\xAAu", "Mã chỉ tiêu" },
    { "Gi\xB8 tr\xDE", "Giá trị" },
    { "Ghi ch\xF3", "Ghi chú" },
    { "S\xEB Th\xABng tin v\xB5 Truy\xD2n th\xABng", "Sở Thông tin và Truyền thông" },
    { "Huy\xD6n Ch\xAD P\xADh", "Huyện Chư Pưh" },
    { "X\xB7 Ia Dreng", "Xã Ia Dreng" },
    { "\xA7\xB5o t\xB9o c\xE8 \xAE\xE3ng m\xAD\xEAi ng\xAD\xEAi", "Đào tạo cố đóng mười người" },
    { "\xA1\xA2\xA3\xA4\xA5\xA6\xA7 \xA8\xA9\xAA\xAB\xAC\xAD\xAE", "ĂÂÊÔƠƯĐ ăâêôơưđ" },
    { "\xB5\xB6\xB7\xB8\xB9 \xBB\xBC\xBD\xBE\xC6 \xC7\xC8\xC9\xCA\xCB", "àảãáạ ằẳẵắặ ầẩẫấậ" },
    { "\xCC\xCE\xCF\xD0\xD1 \xD2\xD3\xD4\xD5\xD6 \xD7\xD8\xDC\xDD\xDE", "èẻẽéẹ ềểễếệ ìỉĩíị" },
    { "\xDF\xE1\xE2\xE3\xE4 \xE5\xE6\xE7\xE8\xE9 \xEA\xEB\xEC\xED\xEE", "òỏõóọ ồổỗốộ ờởỡớợ" },
    { "\xEF\xF1\xF2\xF3\xF4 \xF5\xF6\xF7\xF8\xF9 \xFA\xFB\xFC\xFD\xFE", "ùủũúụ ừửữứự ỳỷỹýỵ" },
    /* below A0, what Windows-1252 has there: 0x80 the euro sign */
    { "Gi\xB8 5\x80", "Giá 5€" },
};

static void tcvn3_sample_lines_convert_to_the_expected_unicode(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof tcvn3_samples / sizeof *tcvn3_samples; i++) {
        char *got = eg_legacy_decode(EG_LEGACY_TCVN3, tcvn3_samples[i].bytes,
                                     strlen(tcvn3_samples[i].bytes));

        if (strcmp(got, tcvn3_samples[i].unicode) != 0)
            fail_msg("sample %zu: got \"%s\", want \"%s\"", i, got, tcvn3_samples[i].unicode);
        free(got);
    }
}

static void tcvn3_file_of_single_bytes_is_detected(void **state)
{
    char text[1024] = "";
    eg_text t;
    char *field;

    (void)state;
    strcat(text, "\"M\xB7 \xAE\xACn v\xDE\",\"M\xB7 ch\xDE ti\xAAu\",\"Gi\xB8 tr\xDE\",\"Ghi ch\xF3\"\n");
    strcat(text, "GL.STTTT,ht.cbcc,120,\"S\xEB Th\xABng tin v\xB5 Truy\xD2n th\xABng\"\n");
    t = sniff(text, strlen(text));
    assert_int_equal(t.form, EG_FORM_8BIT);
    assert_int_equal(t.legacy, EG_LEGACY_TCVN3);
    field = eg_text_field(&t, "M\xB7 \xAE\xACn v\xDE", 9);
    assert_string_equal(field, "Mã đơn vị");
    free(field);
    eg_text_close(&t);
}

/* The single bytes are read a second time only when the file is found
 * not to be UTF-8: a file of many chunks (SNIFF_CHUNK is 64 KiB) whose
 * UTF-8 look-alikes come first and its TCVN3 bytes after them is still
 * decided by all of its bytes. */
static void a_long_tcvn3_file_is_decided_by_all_its_bytes(void **state)
{
    static const char utf8_line[] = "GL.STTTT,ht.cbcc,120,\"S\xC3\xA9 v\xC3\xA0\"\n";
    static const char tcvn3_line[] =
        "GL.STTTT,ht.cbcc,120,\"S\xEB Th\xABng tin v\xB5 Truy\xD2n th\xABng\"\n";
    size_t cap = 400 * 1024, n = 0;
    char *text = eg_xmalloc(cap);
    eg_text t;

    (void)state;
    while (n + sizeof utf8_line < 100 * 1024) {
        memcpy(text + n, utf8_line, sizeof utf8_line - 1);
        n += sizeof utf8_line - 1;
    }
    while (n + sizeof tcvn3_line < cap) {
        memcpy(text + n, tcvn3_line, sizeof tcvn3_line - 1);
        n += sizeof tcvn3_line - 1;
    }
    t = sniff(text, n);
    assert_int_equal(t.form, EG_FORM_8BIT);
    assert_int_equal(t.legacy, EG_LEGACY_TCVN3);
    eg_text_close(&t);
    free(text);
}

static void tcvn3_look_alikes_in_a_utf8_file_are_detected_and_fixed(void **state)
{
    /* The same text after Excel saved a .VnTime sheet as CSV UTF-8: each
     * byte became the Latin-1 character it shows as. */
    static const char text[] =
        "M\xC2\xB7 \xC2\xAE\xC2\xACn v\xC3\x9E,Gi\xC2\xB8 tr\xC3\x9E,Ghi ch\xC3\xB3\n"
        "GL,120,S\xC3\xAB Th\xC2\xABng tin v\xC2\xB5 Truy\xC3\x92n th\xC2\xABng\n";
    eg_text t = sniff(text, sizeof text - 1);
    char *field;

    (void)state;
    assert_int_equal(t.form, EG_FORM_UTF8);
    assert_int_equal(t.legacy, EG_LEGACY_TCVN3);
    field = eg_text_field(&t, "S\xC3\xAB Th\xC2\xABng", strlen("S\xC3\xAB Th\xC2\xABng"));
    assert_string_equal(field, "Sở Thông");
    free(field);
    /* a field in real Unicode (ị is no byte) is left as it is */
    field = eg_text_field(&t, "Giá trị", strlen("Giá trị"));
    assert_string_equal(field, "Giá trị");
    free(field);
    assert_null(eg_legacy_fix_utf8(EG_LEGACY_TCVN3, "Giá trị"));
    eg_text_close(&t);
}

static void one_tcvn3_word_is_not_enough_in_a_unicode_file(void **state)
{
    eg_legacy_scan s;

    (void)state;
    /* "Công ty ABC®" in otherwise real Vietnamese: a single word */
    scanned(&s, "Công ty ABC® báo cáo số liệu", strlen("Công ty ABC® báo cáo số liệu"));
    assert_int_equal(s.words_tcvn3, 1);
    assert_int_equal(eg_legacy_decide(&s, 0), EG_LEGACY_NONE);
}

/* --- VNI ----------------------------------------------------------------- */

static const sample vni_samples[] = {
    { "Ma\xF5 \xF1\xF4n v\xF2", "Mã đơn vị" },
    { "Gia\xF9 tr\xF2", "Giá trị" },
    { "Ghi chu\xF9", "Ghi chú" },
    { "S\xF4\xFB Tho\xE2ng tin va\xF8 Truye\xE0n tho\xE2ng", "Sở Thông tin và Truyền thông" },
    { "Huye\xE4n Ch\xF6 P\xF6h", "Huyện Chư Pưh" },
    { "Vie\xE4t Nam", "Việt Nam" },
    { "\xD1" "a\xEBk \xD1o\xE2ng", "Đặk Đông" },
    { "ng\xF6\xF4\xF8i, m\xF4\xF9i, kho\xFB, th\xF6\xF5" "a, ky\xF9, M\xEE", "người, mới, khỏ, thữa, ký, Mỵ" },
    { "VIE\xC4T NAM, TA\xCAN, A\xC1P", "VIỆT NAM, TĂN, ẤP" },
    { "a\xE9 a\xE8 a\xFA a\xFC a\xEB, \xEC \xED \xE6 \xF3 \xF2", "ắ ằ ẳ ẵ ặ, ì í ỉ ĩ ị" },
    /* a mark byte after no vowel is the Latin letter it looks like */
    { "n\xF9, \xF8" "a", "nù, øa" },
    /* capital Ơ and Ư take a mark as the small ones do */
    { "TR\xD6\xD4\xD8NG, \xD6\xD9", "TRƯỜNG, Ứ" },
    /* a mark byte after a marked vowel marks nothing: it is a letter */
    { "a\xF9\xF9", "áù" },
    /* every mark byte, small and capital, and every letter of one byte */
    { "a\xF9 a\xF8 a\xFB a\xF5 a\xEF a\xE2 a\xEA a\xE1 a\xE0 a\xE5 a\xE3 a\xE4 "
      "a\xE9 a\xE8 a\xFA a\xFC a\xEB",
      "á à ả ã ạ â ă ấ ầ ẩ ẫ ậ ắ ằ ẳ ẵ ặ" },
    { "A\xD9 A\xD8 A\xDB A\xD5 A\xCF A\xC2 A\xCA A\xC1 A\xC0 A\xC5 A\xC3 A\xC4 "
      "A\xC9 A\xC8 A\xDA A\xDC A\xCB",
      "Á À Ả Ã Ạ Â Ă Ấ Ầ Ẩ Ẫ Ậ Ắ Ằ Ẳ Ẵ Ặ" },
    { "\xF1 \xF4 \xF6 \xED \xEC \xE6 \xF3 \xF2 \xEE, \xD1 \xD4 \xD6 \xCD \xCC \xC6 \xD3 \xD2 \xCE",
      "đ ơ ư í ì ỉ ĩ ị ỵ, Đ Ơ Ư Í Ì Ỉ Ĩ Ị Ỵ" },
};

static void vni_sample_lines_convert_to_the_expected_unicode(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof vni_samples / sizeof *vni_samples; i++) {
        char *got = eg_legacy_decode(EG_LEGACY_VNI, vni_samples[i].bytes,
                                     strlen(vni_samples[i].bytes));

        if (strcmp(got, vni_samples[i].unicode) != 0)
            fail_msg("sample %zu: got \"%s\", want \"%s\"", i, got, vni_samples[i].unicode);
        free(got);
    }
}

static void vni_file_is_detected_and_not_taken_for_tcvn3(void **state)
{
    char text[1024] = "";
    eg_text t;

    (void)state;
    strcat(text, "Ma\xF5 \xF1\xF4n v\xF2,Gia\xF9 tr\xF2,Ghi chu\xF9\n");
    strcat(text, "GL.STTTT,120,S\xF4\xFB Tho\xE2ng tin va\xF8 Truye\xE0n tho\xE2ng\n");
    t = sniff(text, strlen(text));
    assert_int_equal(t.form, EG_FORM_8BIT);
    assert_int_equal(t.legacy, EG_LEGACY_VNI);
    eg_text_close(&t);
}

/* --- no false detection on real Vietnamese -------------------------------- */

/* All the Vietnamese text of the project, as one UTF-8 string. */
static char *real_vietnamese(void)
{
    char *units = slurp("input/2020/units.csv");
    char *cat = slurp("layouts/indicators.csv");
    char *report = slurp("layouts/report.txt");
    char *all = eg_xasprintf("%s\n%s\n%s", units, cat, report);

    free(units);
    free(cat);
    free(report);
    return all;
}

static void real_vietnamese_utf8_is_never_taken_for_tcvn3_or_vni(void **state)
{
    char *all = real_vietnamese();
    eg_legacy_scan s;
    eg_text t;

    (void)state;
    scanned(&s, all, strlen(all));
    assert_true(s.words_nonascii > 500);          /* there is text to judge */
    assert_int_equal(s.words_tcvn3, 0);
    assert_int_equal(s.words_vni, 0);
    assert_int_equal(eg_legacy_decide(&s, 0), EG_LEGACY_NONE);
    t = sniff(all, strlen(all));
    assert_int_equal(t.form, EG_FORM_UTF8);
    assert_int_equal(t.legacy, EG_LEGACY_NONE);
    eg_text_close(&t);
    free(all);
}

static void real_vietnamese_in_cp1258_is_read_as_cp1258_and_round_trips(void **state)
{
    char *all = real_vietnamese();
    iconv_t cd = iconv_open("CP1258", "UTF-8");
    size_t cap = strlen(all) * 2 + 16, n = 0, kept_n = 0, lines = 0;
    char *cp = eg_xmalloc(cap), *kept = eg_xmalloc(strlen(all) + 1);
    eg_text t;
    char *back, *want;

    (void)state;
    assert_true(cd != (iconv_t)-1);
    /* Line by line: a line with a character Windows-1258 lacks (a math
     * sign, say) is left out of both texts. */
    for (char *line = all, *next; *line; line = next) {
        size_t len = strcspn(line, "\n"), inleft = len + (line[len] == '\n'), outleft = cap - n;
        char *in = line, *o = cp + n;

        next = line + inleft;
        iconv(cd, NULL, NULL, NULL, NULL);
        if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1 ||
            iconv(cd, NULL, NULL, &o, &outleft) == (size_t)-1)
            continue;
        n = (size_t)(o - cp);
        memcpy(kept + kept_n, line, (size_t)(next - line));
        kept_n += (size_t)(next - line);
        lines++;
    }
    kept[kept_n] = '\0';
    iconv_close(cd);
    assert_true(lines > 200);
    t = sniff(cp, n);
    assert_int_equal(t.form, EG_FORM_8BIT);
    assert_int_equal(t.legacy, EG_LEGACY_CP1258);
    /* the whole text decodes back to the NFC original */
    back = eg_text_field(&t, cp, n);
    want = eg_text_field(&(eg_text){ .form = EG_FORM_UTF8 }, kept, kept_n);
    assert_non_null(back);
    assert_string_equal(back, want);
    free(back);
    free(want);
    eg_text_close(&t);
    free(cp);
    free(kept);
    free(all);
}

static void real_vietnamese_rewritten_in_tcvn3_is_detected(void **state)
{
    /* Every sample line together with the registry's names typed in
     * TCVN3 would be; here: the samples repeated among ASCII codes. */
    char text[4096] = "";
    eg_text t;

    (void)state;
    for (size_t i = 0; i < 7; i++) {
        strcat(text, "GL.X,ht.cbcc,1,\"");
        strcat(text, tcvn3_samples[i].bytes);
        strcat(text, "\"\n");
    }
    t = sniff(text, strlen(text));
    assert_int_equal(t.legacy, EG_LEGACY_TCVN3);
    eg_text_close(&t);
}

/* --- warnings ------------------------------------------------------------ */

static void each_legacy_encoding_warns_with_its_code_naming_the_file(void **state)
{
    static const struct { eg_legacy enc; const char *code; } cases[] = {
        { EG_LEGACY_CP1258, "W_TEXT_CP1258" },
        { EG_LEGACY_TCVN3, "W_TEXT_TCVN3" },
        { EG_LEGACY_VNI, "W_TEXT_VNI" },
    };
    eg_diag_list dl = { 0 };
    eg_text t = { 0 };

    (void)state;
    eg_text_warn(&t, "submissions/a.csv", &dl);
    assert_int_equal(dl.n, 0);                    /* UTF-8: nothing to say */
    for (size_t i = 0; i < 3; i++) {
        t.legacy = cases[i].enc;
        eg_text_warn(&t, "submissions/a.csv", &dl);
        assert_int_equal(dl.n, i + 1);
        assert_string_equal(dl.items[i].code, cases[i].code);
        assert_string_equal(dl.items[i].file, "submissions/a.csv");
        assert_int_equal(dl.items[i].severity, EG_WARNING);
    }
    eg_diag_free(&dl);
}

static void utf8_read_as_a_legacy_code_page_is_undone_and_real_text_is_not(void **state)
{
    static const struct { const char *in, *want; } cases[] = {
        { "c\xC3\x83\xC2\xB3", "c\xC3\xB3" },                   /* "cÃ³" (1252): có */
        { "c\xC4\x82\xC2\xB3", "c\xC3\xB3" },                   /* "cĂ³" (1258): có */
        { "li\xC3\x83\xC2\xAAn", "li\xC3\xAAn" },               /* "liÃªn": liên */
        { "Vi\xC3\xA1\xC2\xBB\xE2\x80\xA1t", "Vi\xE1\xBB\x87t" },   /* "Viá»‡t": Việt */
        /* a byte Windows-1252 leaves free reads as its C1 control */
        { "tr\xC3\xA1\xC2\xBB\xC2\x9Di", "tr\xE1\xBB\x9Di" },       /* trời */
        { "h\xC3\xA1\xC2\xBB\xC2\x8D" "c", "h\xE1\xBB\x8D" "c" },         /* học */
        /* an emoji through Windows-1258 alone: its lead byte F0 is đ there */
        { "\xC4\x91\xC5\xB8\xCB\x9C\xE2\x82\xAC", "\xF0\x9F\x98\x80" },  /* "đŸ˜€": 😀 */
    };
    static const char *const real[] = {
        "c\xC3\xB3", "kh\xC3\xB4ng", "Vi\xE1\xBB\x87t Nam", "\xE2\x82\xAC",  /* có không Việt € */
        "abc", "", "\xC3\xA9t\xC3\xA9",                                      /* été */
        /* "Ã" and U+008A: no Windows-1252 (8A is Š there), and Windows-1258
         * has no Ã (its C3 is Ă): no reading of a code page */
        "\xC3\x83\xC2\x8A",
    };
    char *got;

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        got = eg_mojibake_undo(cases[i].in);
        assert_non_null(got);
        assert_string_equal(got, cases[i].want);
        free(got);
    }
    for (size_t i = 0; i < sizeof real / sizeof *real; i++)
        assert_null(eg_mojibake_undo(real[i]));
}

/* UTF-16 without a BOM is told by its zeros from four pairs on, with at
 * most one in twenty of the other bytes zero. */
static void utf16_without_a_bom_needs_four_pairs_and_few_zeros_on_the_other_side(void **state)
{
    char le[40];
    eg_text t;

    (void)state;
    t = sniff("a\0b\0c\0", 6);
    assert_int_equal(t.form, EG_FORM_UTF8);
    eg_text_close(&t);
    t = sniff("a\0b\0c\0d\0", 8);
    assert_int_equal(t.form, EG_FORM_UTF16LE);
    eg_text_close(&t);
    /* 20 pairs: one zero on the even side is one in twenty, two are not */
    for (int i = 0; i < 20; i++)
        le[2 * i] = 'a', le[2 * i + 1] = '\0';
    le[0] = '\0';
    t = sniff(le, sizeof le);
    assert_int_equal(t.form, EG_FORM_UTF16LE);
    eg_text_close(&t);
    le[2] = '\0';
    t = sniff(le, sizeof le);
    assert_int_equal(t.form, EG_FORM_UTF8);
    eg_text_close(&t);
}

/* As many broken bytes as UTF-8 letters: the file is not UTF-8, and is
 * read as Windows-1258. */
static void as_many_broken_bytes_as_utf8_letters_is_no_utf8(void **state)
{
    static const char tie[] = "T\xC3\xB4,\xFF\n";
    eg_text t = sniff(tie, sizeof tie - 1);

    (void)state;
    assert_int_equal(t.form, EG_FORM_8BIT);
    assert_int_equal(t.legacy, EG_LEGACY_CP1258);
    eg_text_close(&t);
}

/* In Unicode text, TCVN3 look-alikes decide from two words on, and when
 * they are at least one in five of the words with a letter past ASCII;
 * in a file of single bytes one word is enough. */
static void tcvn3_look_alikes_decide_from_two_words_and_one_in_five(void **state)
{
    static const char one[] = "M\xC2\xB7 Vi\xE1\xBB\x87t";
    static const char fifth[] = "M\xC2\xB7 M\xC2\xB7 Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t "
                                "Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t "
                                "Vi\xE1\xBB\x87t";
    static const char less[] = "M\xC2\xB7 M\xC2\xB7 Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t "
                               "Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t "
                               "Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t";
    eg_legacy_scan s;

    (void)state;
    scanned(&s, one, sizeof one - 1);
    assert_int_equal(s.words_tcvn3, 1);
    assert_int_equal(eg_legacy_decide(&s, 0), EG_LEGACY_NONE);
    assert_int_equal(eg_legacy_decide(&s, 1), EG_LEGACY_TCVN3);

    scanned(&s, fifth, sizeof fifth - 1);
    assert_int_equal(s.words_tcvn3, 2);
    assert_int_equal(s.words_nonascii, 10);
    assert_int_equal(eg_legacy_decide(&s, 0), EG_LEGACY_TCVN3);

    scanned(&s, less, sizeof less - 1);
    assert_int_equal(s.words_nonascii, 11);
    assert_int_equal(eg_legacy_decide(&s, 0), EG_LEGACY_NONE);
}

/* An overlong sequence or a surrogate written as UTF-8 is no UTF-8: a
 * file of them is read as single bytes. */
static void overlong_and_surrogate_sequences_are_no_utf8(void **state)
{
    static const char overlong[] = "a\xE0\x80\x80" "b\n";
    static const char surrogate[] = "a\xED\xA0\x80" "b\n";
    eg_text t;

    (void)state;
    t = sniff(overlong, sizeof overlong - 1);
    assert_int_equal(t.form, EG_FORM_8BIT);
    assert_int_equal(t.legacy, EG_LEGACY_CP1258);
    eg_text_close(&t);
    t = sniff(surrogate, sizeof surrogate - 1);
    assert_int_equal(t.form, EG_FORM_8BIT);
    assert_int_equal(t.legacy, EG_LEGACY_CP1258);
    eg_text_close(&t);
}

/* A UTF-8 letter whose bytes the first 64 KiB read cut in two is one
 * letter, not two broken bytes: the file stays UTF-8. */
static void a_utf8_letter_cut_by_the_first_chunk_is_one_letter(void **state)
{
    size_t n = 65535 + 3;
    char *data = eg_xmalloc(n);
    eg_text t;

    (void)state;
    memset(data, 'a', 65535);
    memcpy(data + 65535, "\xC4\x83\n", 3);          /* ă, its first byte the chunk's last */
    t = sniff(data, n);
    assert_int_equal(t.form, EG_FORM_UTF8);
    assert_int_equal(t.bad_bytes, 0);
    assert_int_equal(t.legacy, EG_LEGACY_NONE);
    eg_text_close(&t);
    free(data);
}

/* Words are runs of letters: a no-break space parts two as a space does,
 * and a sign alone (©, ®) with no ASCII letter beside it is no TCVN3
 * word, however TCVN3 would read its byte. */
static void a_no_break_space_parts_words_and_signs_alone_are_no_tcvn3(void **state)
{
    static const char nbsp[] = "Ma\xC2\xA0" "don";
    static const char signs[] = "\xC2\xA9 \xC2\xAE Vi\xE1\xBB\x87t";
    eg_legacy_scan s;

    (void)state;
    scanned(&s, nbsp, sizeof nbsp - 1);
    assert_int_equal(s.words_nonascii, 0);

    scanned(&s, signs, sizeof signs - 1);
    assert_int_equal(s.words_tcvn3, 0);
    assert_int_equal(s.words_nonascii, 3);
    assert_int_equal(eg_legacy_decide(&s, 0), EG_LEGACY_NONE);
}

/* A file whose only byte past ASCII is 0x80 (Windows-1258's euro sign)
 * is no UTF-8: it is read as Windows-1258. */
static void a_euro_sign_alone_in_cp1258_is_read_as_cp1258(void **state)
{
    static const char euro[] = "Gia,5\x80\n";
    eg_text t;
    char *field;

    (void)state;
    t = sniff(euro, sizeof euro - 1);
    assert_int_equal(t.form, EG_FORM_8BIT);
    assert_int_equal(t.legacy, EG_LEGACY_CP1258);
    field = eg_text_field(&t, euro + 4, 2);
    assert_string_equal(field, "5\xE2\x82\xAC");
    free(field);
    eg_text_close(&t);
}

/* VNI look-alikes in Unicode text decide as TCVN3's do: two words at
 * least one in five of those past ASCII; fewer leave the text alone. */
static void vni_look_alikes_decide_at_one_in_five_too(void **state)
{
    static const char fifth[] = "va\xC3\xB8 va\xC3\xB8 Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t "
                                "Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t "
                                "Vi\xE1\xBB\x87t";
    static const char less[] = "va\xC3\xB8 va\xC3\xB8 Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t "
                               "Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t "
                               "Vi\xE1\xBB\x87t Vi\xE1\xBB\x87t";
    eg_legacy_scan s;

    (void)state;
    scanned(&s, fifth, sizeof fifth - 1);
    assert_int_equal(s.words_vni, 2);
    assert_int_equal(s.words_nonascii, 10);
    assert_int_equal(eg_legacy_decide(&s, 0), EG_LEGACY_VNI);

    scanned(&s, less, sizeof less - 1);
    assert_int_equal(s.words_nonascii, 11);
    assert_int_equal(eg_legacy_decide(&s, 0), EG_LEGACY_NONE);
}

/* A VNI mark byte's look-alike counts as VNI only after a vowel: names
 * such as Søren and Jørgen in Unicode text are no VNI. */
static void a_vni_mark_after_a_consonant_is_no_vni_evidence(void **state)
{
    static const char names[] = "S\xC3\xB8ren J\xC3\xB8rgen, S\xC3\xB8ren J\xC3\xB8rgen";
    eg_legacy_scan s;

    (void)state;
    scanned(&s, names, sizeof names - 1);
    assert_int_equal(s.words_nonascii, 4);
    assert_int_equal(s.words_vni, 0);
    assert_int_equal(eg_legacy_decide(&s, 0), EG_LEGACY_NONE);
}

/* --- evidence, byte by byte ---------------------------------------------- */

/* Each TCVN3 letter that is a sign in Latin-1, at both ends of its
 * ranges, makes a word with an ASCII letter (from a to z) TCVN3
 * evidence. */
static void tcvn3_letters_at_the_ends_of_their_ranges_are_evidence(void **state)
{
    static const char *const words[] = {
        "z\xC2\xA1", "z\xC2\xAE", "z\xC2\xB5", "z\xC2\xB9",     /* A1 AE B5 B9 */
        "z\xC2\xBB", "z\xC2\xBE", "z\xC3\x97", "z\xC3\xB7",     /* BB BE D7 F7 */
    };
    eg_legacy_scan s;

    (void)state;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        scanned(&s, words[i], strlen(words[i]));
        if (s.words_tcvn3 != 1 || s.words_nonascii != 1)
            fail_msg("word %zu: %zu TCVN3 words of %zu", i, s.words_tcvn3, s.words_nonascii);
    }
}

/* A VNI letter of one byte with no ASCII letter beside it is no VNI
 * word: "ñ" alone is no "đ", "ñi" is "đi". */
static void a_vni_letter_alone_is_no_vni_word(void **state)
{
    static const char alone[] = "\xC3\xB1 \xC3\xB1 \xC3\xB1";
    static const char in_words[] = "\xC3\xB1i \xC3\xB1i \xC3\xB1i";
    eg_legacy_scan s;

    (void)state;
    scanned(&s, alone, sizeof alone - 1);
    assert_int_equal(s.words_nonascii, 3);
    assert_int_equal(s.words_vni, 0);
    assert_int_equal(eg_legacy_decide(&s, 0), EG_LEGACY_NONE);

    scanned(&s, in_words, sizeof in_words - 1);
    assert_int_equal(s.words_vni, 3);
    assert_int_equal(eg_legacy_decide(&s, 0), EG_LEGACY_VNI);
}

/* Text in NFD: a combining mark goes on the word of the letter it
 * marks, which is one word past ASCII, not two ASCII ones. */
static void a_combining_mark_goes_on_the_word_it_marks(void **state)
{
    static const char nfd[] = "Vie\xCC\xA3\xCC\x82t Nam";     /* Việt, e + dot below + circumflex */
    eg_legacy_scan s;

    (void)state;
    scanned(&s, nfd, sizeof nfd - 1);
    assert_int_equal(s.words_nonascii, 1);
    assert_int_equal(s.words_tcvn3, 0);
    assert_int_equal(s.words_vni, 0);
}

/* --- what is UTF-8, what UTF-16 ------------------------------------------ */

/* Four bytes past U+10FFFF, and U+DFFF (the last surrogate), are no
 * UTF-8; U+10FFFF itself is. */
static void code_points_past_u10ffff_and_the_last_surrogate_are_no_utf8(void **state)
{
    static const char past[] = "a\xF4\x90\x80\x80" "b\n";
    static const char surrogate[] = "a\xED\xBF\xBF" "b\n";
    static const char last[] = "a\xF4\x8F\xBF\xBF" "b\n";
    eg_text t;

    (void)state;
    t = sniff(past, sizeof past - 1);
    assert_int_equal(t.form, EG_FORM_8BIT);
    assert_int_equal(t.legacy, EG_LEGACY_CP1258);
    eg_text_close(&t);
    t = sniff(surrogate, sizeof surrogate - 1);
    assert_int_equal(t.form, EG_FORM_8BIT);
    assert_int_equal(t.legacy, EG_LEGACY_CP1258);
    eg_text_close(&t);
    t = sniff(last, sizeof last - 1);
    assert_int_equal(t.form, EG_FORM_UTF8);
    assert_int_equal(t.bad_bytes, 0);
    eg_text_close(&t);
}

/* UTF-16 BE without a BOM is told by its zeros as LE is, and read. */
static void utf16_be_without_a_bom_is_recognised_and_read(void **state)
{
    static const char be[] = "\0u\0n\0i\0t\0,\0v\0a\0l\0u\0e\0\n";
    char odd[40];
    FILE *f = file_of(be, sizeof be - 1);
    eg_text t;
    char *got;

    (void)state;
    got = read_all(&t, f, 64, NULL);
    assert_int_equal(t.form, EG_FORM_UTF16BE);
    assert_int_equal(t.bom, 0);
    assert_string_equal(got, "unit,value\n");
    eg_text_close(&t);
    fclose(f);
    free(got);
    /* 20 pairs: one zero on the odd side is one in twenty, two are not */
    for (int i = 0; i < 20; i++)
        odd[2 * i] = '\0', odd[2 * i + 1] = 'a';
    odd[1] = '\0';
    t = sniff(odd, sizeof odd);
    assert_int_equal(t.form, EG_FORM_UTF16BE);
    eg_text_close(&t);
    odd[3] = '\0';
    t = sniff(odd, sizeof odd);
    assert_int_equal(t.form, EG_FORM_UTF8);
    eg_text_close(&t);
}

/* Zeros in six pairs of ten are enough for UTF-16, five are not; and
 * only the first 4 KiB count, all of them. */
static void utf16_without_a_bom_needs_zeros_in_six_pairs_of_ten_of_the_first_4_kib(void **state)
{
    char ten[20];
    size_t n = 12 * 1024;
    char *big = eg_xmalloc(n);
    eg_text t;

    (void)state;
    for (int i = 0; i < 10; i++)
        ten[2 * i] = 'a', ten[2 * i + 1] = i < 6 ? '\0' : 'b';
    t = sniff(ten, sizeof ten);
    assert_int_equal(t.form, EG_FORM_UTF16LE);
    eg_text_close(&t);
    ten[11] = 'b';
    t = sniff(ten, sizeof ten);
    assert_int_equal(t.form, EG_FORM_UTF8);
    eg_text_close(&t);
    /* UTF-16 in its first 64 bytes, ASCII after: no UTF-16 */
    memset(big, 'a', n);
    for (size_t i = 1; i < 64; i += 2)
        big[i] = '\0';
    t = sniff(big, n);
    assert_int_equal(t.form, EG_FORM_UTF8);
    eg_text_close(&t);
    /* UTF-16 in its first 4 KiB, ASCII after: UTF-16 */
    for (size_t i = 1; i < 4096; i += 2)
        big[i] = '\0';
    t = sniff(big, n);
    assert_int_equal(t.form, EG_FORM_UTF16LE);
    eg_text_close(&t);
    free(big);
}

/* A UTF-8 file's BOM is not part of its text. */
static void a_utf8_bom_is_not_read_as_text(void **state)
{
    static const char bom[] = "\xEF\xBB\xBF" "M\xC3\xA3,1\n";
    FILE *f = file_of(bom, sizeof bom - 1);
    eg_text t;
    char *got;

    (void)state;
    got = read_all(&t, f, 64, NULL);
    assert_int_equal(t.bom, 3);
    assert_string_equal(got, "M\xC3\xA3,1\n");
    eg_text_close(&t);
    fclose(f);
    free(got);
}

/* --- legacy text in a file ----------------------------------------------- */

/* In a file of single bytes one TCVN3 word decides; in a UTF-8 file one
 * look-alike word does not. */
static void one_tcvn3_word_decides_a_file_of_single_bytes_not_a_utf8_file(void **state)
{
    static const char bytes[] = "GL,120,M\xB7\n";
    static const char utf8[] = "C\xC3\xB4ng ty ABC\xC2\xAE b\xC3\xA1o c\xC3\xA1o\n";  /* Công ty ABC® báo cáo */
    eg_text t;

    (void)state;
    t = sniff(bytes, sizeof bytes - 1);
    assert_int_equal(t.form, EG_FORM_8BIT);
    assert_int_equal(t.legacy, EG_LEGACY_TCVN3);
    eg_text_close(&t);
    t = sniff(utf8, sizeof utf8 - 1);
    assert_int_equal(t.form, EG_FORM_UTF8);
    assert_int_equal(t.legacy, EG_LEGACY_NONE);
    eg_text_close(&t);
}

/* TCVN3 look-alikes saved as UTF-16 ("Unicode text") are found as in
 * UTF-8, from two words: the fields read fixed. */
static void tcvn3_look_alikes_in_a_utf16_file_are_detected_and_fixed(void **state)
{
    static const char text[] =
        "M\xC2\xB7 \xC2\xAE\xC2\xACn v\xC3\x9E,Gi\xC2\xB8 tr\xC3\x9E,Ghi ch\xC3\xB3\n"
        "GL,120,S\xC3\xAB Th\xC2\xABng tin v\xC2\xB5 Truy\xC3\x92n th\xC2\xABng\n";
    static const char one[] = "C\xC3\xB4ng ty ABC\xC2\xAE b\xC3\xA1o c\xC3\xA1o\n";
    size_t n;
    char *raw = utf16_of(text, 0, &n), *got, *field;
    FILE *f = file_of(raw, n);
    eg_text t;

    (void)state;
    got = read_all(&t, f, 4096, NULL);
    assert_int_equal(t.form, EG_FORM_UTF16LE);
    assert_int_equal(t.legacy, EG_LEGACY_TCVN3);
    assert_string_equal(got, text);
    field = eg_text_field(&t, got, strcspn(got, ","));
    assert_string_equal(field, "Mã đơn vị");
    free(field);
    eg_text_close(&t);
    fclose(f);
    free(got);
    free(raw);

    raw = utf16_of(one, 1, &n);
    f = file_of(raw, n);
    got = read_all(&t, f, 4096, NULL);
    assert_int_equal(t.form, EG_FORM_UTF16BE);
    assert_int_equal(t.legacy, EG_LEGACY_NONE);
    eg_text_close(&t);
    fclose(f);
    free(got);
    free(raw);
}

/* A VNI file's fields read as VNI, whether its bytes are single or
 * became UTF-8 look-alikes. */
static void vni_fields_read_as_unicode_from_single_bytes_and_look_alikes(void **state)
{
    static const char bytes[] =
        "Ma\xF5 \xF1\xF4n v\xF2,Gia\xF9 tr\xF2\n"
        "GL,120,S\xF4\xFB Tho\xE2ng tin va\xF8 Truye\xE0n tho\xE2ng\n";
    static const char utf8[] =
        "Ma\xC3\xB5 \xC3\xB1\xC3\xB4n v\xC3\xB2,Gia\xC3\xB9 tr\xC3\xB2\n"
        "GL,120,S\xC3\xB4\xC3\xBB Tho\xC3\xA2ng tin va\xC3\xB8 Truye\xC3\xA0n tho\xC3\xA2ng\n";
    eg_text t;
    char *field;

    (void)state;
    t = sniff(bytes, sizeof bytes - 1);
    assert_int_equal(t.form, EG_FORM_8BIT);
    assert_int_equal(t.legacy, EG_LEGACY_VNI);
    field = eg_text_field(&t, bytes, strcspn(bytes, ","));
    assert_string_equal(field, "Mã đơn vị");
    free(field);
    eg_text_close(&t);

    t = sniff(utf8, sizeof utf8 - 1);
    assert_int_equal(t.form, EG_FORM_UTF8);
    assert_int_equal(t.legacy, EG_LEGACY_VNI);
    field = eg_text_field(&t, utf8, strcspn(utf8, ","));
    assert_string_equal(field, "Mã đơn vị");
    free(field);
    eg_text_close(&t);
}

/* Fixing look-alikes is for TCVN3 and VNI only. */
static void look_alikes_are_fixed_for_tcvn3_and_vni_only(void **state)
{
    static const char s[] = "S\xC3\xAB Th\xC2\xABng";
    char *got;

    (void)state;
    assert_null(eg_legacy_fix_utf8(EG_LEGACY_NONE, s));
    assert_null(eg_legacy_fix_utf8(EG_LEGACY_CP1258, s));
    got = eg_legacy_fix_utf8(EG_LEGACY_TCVN3, s);
    assert_string_equal(got, "Sở Thông");
    free(got);    /* the last character of Windows-1252 at 0x80-0x9F (Ÿ, 0x9F) is a
     * byte as the others are */
    got = eg_legacy_fix_utf8(EG_LEGACY_TCVN3, "M\xC2\xB7 \xC5\xB8");
    assert_non_null(got);
    assert_string_equal(got, "Mã \xC5\xB8");
    free(got);
}

/* The warnings are worded for the clerk in Vietnamese, and in English
 * for the operator's lists. */
static void each_legacy_encoding_warns_in_the_list_s_language(void **state)
{
    static const struct { eg_legacy enc; const char *vi, *en; } cases[] = {
        { EG_LEGACY_CP1258,
          "tệp không dùng bảng mã UTF-8: đã được đọc theo bảng mã Windows-1258 (CP1258); lưu lại dưới dạng \"CSV UTF-8\" để chắc chắn mọi chữ đều đúng",
          "the file is not UTF-8: it was read as Windows-1258 (CP1258); save it as \"CSV UTF-8\" to be sure every letter is right" },
        { EG_LEGACY_TCVN3,
          "văn bản gõ bằng phông TCVN3 (ABC, .VnTime) đã được chuyển sang Unicode; cần kiểm tra lại tên và ghi chú, và lần sau hãy gõ bằng Unicode (Times New Roman)",
          "text typed with TCVN3 (ABC, .VnTime) fonts was converted to Unicode; check names and notes, and type in Unicode (Times New Roman) next time" },
        { EG_LEGACY_VNI,
          "văn bản gõ bằng phông VNI (VNI-Times) đã được chuyển sang Unicode; cần kiểm tra lại tên và ghi chú, và lần sau hãy gõ bằng Unicode (Times New Roman)",
          "text typed with VNI fonts (VNI-Times) was converted to Unicode; check names and notes, and type in Unicode (Times New Roman) next time" },
    };

    (void)state;
    for (size_t i = 0; i < 3; i++)
        for (int english = 0; english <= 1; english++) {
            eg_diag_list dl = { 0 };
            eg_text t = { 0 };

            dl.english = english;
            t.legacy = cases[i].enc;
            eg_text_warn(&t, "a.csv", &dl);
            assert_int_equal(dl.n, 1);
            assert_string_equal(dl.items[0].message, english ? cases[i].en : cases[i].vi);
            eg_diag_free(&dl);
        }
}

/* A file of a byte order mark alone is empty text in its form. */
static void a_file_of_a_bom_alone_reads_as_empty_text(void **state)
{
    static const struct { const char *bom; size_t n; eg_text_form form; } cases[] = {
        { "\xEF\xBB\xBF", 3, EG_FORM_UTF8 },
        { "\xFF\xFE", 2, EG_FORM_UTF16LE },
        { "\xFE\xFF", 2, EG_FORM_UTF16BE },
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        FILE *f = file_of(cases[i].bom, cases[i].n);
        eg_text t;
        size_t n;
        char *got = read_all(&t, f, 64, &n);

        assert_int_equal(t.form, cases[i].form);
        assert_int_equal(t.bom, cases[i].n);
        assert_int_equal(t.legacy, EG_LEGACY_NONE);
        assert_int_equal(n, 0);
        eg_text_close(&t);
        fclose(f);
        free(got);
    }
}

/* Half a letter at the very end of a file is a broken byte, counted as
 * one. */
static void half_a_letter_at_the_end_of_a_file_is_a_broken_byte(void **state)
{
    static const char cut[] = "M\xC3\xA3 \xC3\xA3,1,\xC3";
    eg_text t = sniff(cut, sizeof cut - 1);

    (void)state;
    assert_int_equal(t.form, EG_FORM_UTF8);
    assert_int_equal(t.bad_bytes, 1);
    eg_text_close(&t);
}

/* Where a text carries as much TCVN3 evidence as VNI, both enough, it is
 * TCVN3: VNI is decided only when TCVN3 is not. */
static void tcvn3_is_decided_before_vni(void **state)
{
    static const char both[] = "M\xC2\xB7 M\xC2\xB7 \xC3\xB1i \xC3\xB1i";   /* M· M· ñi ñi */
    eg_legacy_scan s;

    (void)state;
    scanned(&s, both, sizeof both - 1);
    assert_int_equal(s.words_tcvn3, 2);
    assert_int_equal(s.words_vni, 2);
    assert_int_equal(eg_legacy_decide(&s, 0), EG_LEGACY_TCVN3);
}

/* The last word of a file counts though no line end follows it, in a
 * file of single bytes, in UTF-8 and in UTF-16. */
static void the_last_word_of_a_file_without_a_line_end_counts(void **state)
{
    static const char bytes[] = "GL,120,M\xB7";
    static const char utf8[] = "GL,120,M\xC2\xB7 M\xC2\xB7";
    eg_text t;
    size_t n;
    char *raw;
    FILE *f;
    char *got;

    (void)state;
    t = sniff(bytes, sizeof bytes - 1);
    assert_int_equal(t.form, EG_FORM_8BIT);
    assert_int_equal(t.legacy, EG_LEGACY_TCVN3);
    eg_text_close(&t);
    t = sniff(utf8, sizeof utf8 - 1);
    assert_int_equal(t.form, EG_FORM_UTF8);
    assert_int_equal(t.legacy, EG_LEGACY_TCVN3);
    eg_text_close(&t);
    raw = utf16_of(utf8, 0, &n);
    f = file_of(raw, n);
    got = read_all(&t, f, 4096, NULL);
    assert_int_equal(t.form, EG_FORM_UTF16LE);
    assert_int_equal(t.legacy, EG_LEGACY_TCVN3);
    eg_text_close(&t);
    fclose(f);
    free(got);
    free(raw);
}

/* A broken byte in UTF-8 text parts words as a space does: a TCVN3 sign
 * before it and an ASCII letter after it make no TCVN3 word. */
static void a_broken_byte_parts_words_in_utf8_text(void **state)
{
    static const char text[] = "\xC2\xB7\xFF" "a \xC2\xB7\xFF" "a \xC3\xA3 \xC3\xA3 \xC3\xA3\n";
    eg_text t = sniff(text, sizeof text - 1);

    (void)state;
    assert_int_equal(t.form, EG_FORM_UTF8);
    assert_int_equal(t.bad_bytes, 2);
    assert_int_equal(t.legacy, EG_LEGACY_NONE);
    eg_text_close(&t);
}

/* So does a UTF-16 unit that is no character (a lone surrogate). */
static void a_lone_surrogate_parts_words_in_utf16_text(void **state)
{
    /* "·", U+DC00 alone, "a", twice; then "ã ã ã" */
    static const char raw[] = "\xFF\xFE"
                              "\xB7\0" "\x00\xDC" "a\0" " \0" "\xB7\0" "\x00\xDC" "a\0" " \0"
                              "\xE3\0" " \0" "\xE3\0" " \0" "\xE3\0" "\n\0";
    FILE *f = file_of(raw, sizeof raw - 1);
    eg_text t;
    char *got;

    (void)state;
    got = read_all(&t, f, 4096, NULL);
    assert_int_equal(t.form, EG_FORM_UTF16LE);
    assert_int_equal(t.legacy, EG_LEGACY_NONE);
    eg_text_close(&t);
    fclose(f);
    free(got);
}

/* A UTF-8 field in NFD (letters and combining marks) reads as NFC. */
static void a_utf8_field_in_nfd_reads_as_nfc(void **state)
{
    static const char nfd[] = "Vie\xCC\xA3\xCC\x82t Nam";
    eg_text t = { .form = EG_FORM_UTF8 };
    char *field;

    (void)state;
    field = eg_text_field(&t, nfd, sizeof nfd - 1);
    assert_string_equal(field, "Việt Nam");
    free(field);
}

/* A UTF-8 byte order mark decides as UTF-16's do: a file that starts
 * with one is UTF-8 however few of its other bytes are (Excel shows them
 * broken), and a field with a byte that is not UTF-8 is reported. */
static void a_utf8_bom_decides_utf8_whatever_the_bytes_after_it(void **state)
{
    static const char euro[] = "\xEF\xBB\xBF" "Gia,5\x80\n";
    static const char look_alikes[] = "\xEF\xBB\xBF" "M\xC2\xB7 \xC2\xAE\xC2\xACn v\xC3\x9E,\xFF\n";
    eg_text t;
    char *field;

    (void)state;
    t = sniff(euro, sizeof euro - 1);
    assert_int_equal(t.form, EG_FORM_UTF8);
    assert_int_equal(t.bom, 3);
    assert_int_equal(t.bad_bytes, 1);
    assert_int_equal(t.legacy, EG_LEGACY_NONE);
    assert_null(eg_text_field(&t, euro + 7, 2));
    field = eg_text_field(&t, euro + 3, 3);
    assert_string_equal(field, "Gia");
    free(field);
    eg_text_close(&t);
    /* TCVN3 look-alikes in it are still found */
    t = sniff(look_alikes, sizeof look_alikes - 1);
    assert_int_equal(t.form, EG_FORM_UTF8);
    assert_int_equal(t.legacy, EG_LEGACY_TCVN3);
    eg_text_close(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf16_le_and_be_with_a_bom_read_as_utf8),
        cmocka_unit_test(utf16_characters_cut_by_every_chunk_border_come_out_whole),
        cmocka_unit_test(utf16_broken_surrogate_becomes_an_invalid_byte_in_place),
        cmocka_unit_test(utf16_without_a_bom_is_recognised_by_its_zero_bytes),
        cmocka_unit_test(utf16_without_a_bom_needs_four_pairs_and_few_zeros_on_the_other_side),
        cmocka_unit_test(as_many_broken_bytes_as_utf8_letters_is_no_utf8),
        cmocka_unit_test(overlong_and_surrogate_sequences_are_no_utf8),
        cmocka_unit_test(a_utf8_letter_cut_by_the_first_chunk_is_one_letter),
        cmocka_unit_test(a_no_break_space_parts_words_and_signs_alone_are_no_tcvn3),
        cmocka_unit_test(a_euro_sign_alone_in_cp1258_is_read_as_cp1258),
        cmocka_unit_test(vni_look_alikes_decide_at_one_in_five_too),
        cmocka_unit_test(a_vni_mark_after_a_consonant_is_no_vni_evidence),
        cmocka_unit_test(tcvn3_look_alikes_decide_from_two_words_and_one_in_five),
        cmocka_unit_test(utf8_with_and_without_a_bom_is_utf8),
        cmocka_unit_test(plain_ascii_is_utf8_with_nothing_to_convert),
        cmocka_unit_test(cp1258_with_combining_marks_reads_as_nfc),
        cmocka_unit_test(utf8_file_with_a_few_broken_bytes_stays_utf8),
        cmocka_unit_test(tcvn3_sample_lines_convert_to_the_expected_unicode),
        cmocka_unit_test(tcvn3_file_of_single_bytes_is_detected),
        cmocka_unit_test(a_long_tcvn3_file_is_decided_by_all_its_bytes),
        cmocka_unit_test(tcvn3_look_alikes_in_a_utf8_file_are_detected_and_fixed),
        cmocka_unit_test(one_tcvn3_word_is_not_enough_in_a_unicode_file),
        cmocka_unit_test(vni_sample_lines_convert_to_the_expected_unicode),
        cmocka_unit_test(vni_file_is_detected_and_not_taken_for_tcvn3),
        cmocka_unit_test(real_vietnamese_utf8_is_never_taken_for_tcvn3_or_vni),
        cmocka_unit_test(real_vietnamese_in_cp1258_is_read_as_cp1258_and_round_trips),
        cmocka_unit_test(real_vietnamese_rewritten_in_tcvn3_is_detected),
        cmocka_unit_test(each_legacy_encoding_warns_with_its_code_naming_the_file),
        cmocka_unit_test(utf8_read_as_a_legacy_code_page_is_undone_and_real_text_is_not),
        cmocka_unit_test(tcvn3_letters_at_the_ends_of_their_ranges_are_evidence),
        cmocka_unit_test(a_vni_letter_alone_is_no_vni_word),
        cmocka_unit_test(a_combining_mark_goes_on_the_word_it_marks),
        cmocka_unit_test(code_points_past_u10ffff_and_the_last_surrogate_are_no_utf8),
        cmocka_unit_test(utf16_be_without_a_bom_is_recognised_and_read),
        cmocka_unit_test(utf16_without_a_bom_needs_zeros_in_six_pairs_of_ten_of_the_first_4_kib),
        cmocka_unit_test(a_utf8_bom_is_not_read_as_text),
        cmocka_unit_test(one_tcvn3_word_decides_a_file_of_single_bytes_not_a_utf8_file),
        cmocka_unit_test(tcvn3_look_alikes_in_a_utf16_file_are_detected_and_fixed),
        cmocka_unit_test(vni_fields_read_as_unicode_from_single_bytes_and_look_alikes),
        cmocka_unit_test(look_alikes_are_fixed_for_tcvn3_and_vni_only),
        cmocka_unit_test(each_legacy_encoding_warns_in_the_list_s_language),
        cmocka_unit_test(a_file_of_a_bom_alone_reads_as_empty_text),
        cmocka_unit_test(half_a_letter_at_the_end_of_a_file_is_a_broken_byte),
        cmocka_unit_test(tcvn3_is_decided_before_vni),
        cmocka_unit_test(the_last_word_of_a_file_without_a_line_end_counts),
        cmocka_unit_test(a_broken_byte_parts_words_in_utf8_text),
        cmocka_unit_test(a_lone_surrogate_parts_words_in_utf16_text),
        cmocka_unit_test(a_utf8_field_in_nfd_reads_as_nfc),
        cmocka_unit_test(a_utf8_bom_decides_utf8_whatever_the_bytes_after_it),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
