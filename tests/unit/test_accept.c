/*
 * test_accept.c - normalize/accept.h: from raw submitted text to values.
 *
 * First eg_value_parse, type by type, on the value table of
 * input-format.md; then a small year run by hand: a registry of a
 * province, two departments, two districts and two communes, raw values
 * fed through eg_accept_raw as eg_submissions_read would, and the
 * diagnostics and kept values checked after eg_acceptor_finish.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/mem.h"
#include "core/pattern.h"
#include "core/text.h"
#include "layout/layout.h"
#include "normalize/accept.h"

#include "support.h"

/* --- the catalogue ------------------------------------------------------ */

static const eg_indicator *indicator(const char *code)
{
    int k = eg_catalogue_find(&eg_test_layouts.cat, code);

    if (k < 0)
        fail_msg("indicator %s is not in the real catalogue", code);
    return &eg_test_layouts.cat.items[k];
}

/* --- eg_value_parse ------------------------------------------------------ */

typedef struct {
    int rc;
    eg_value v;
    const char *code;
    char msg[512];
} parsed;

static parsed parse(const eg_indicator *ind, eg_level lv, const char *text)
{
    parsed p;

    memset(&p, 0, sizeof p);
    p.rc = eg_value_parse(ind, lv, text, &p.v, &p.code, p.msg, sizeof p.msg);
    return p;
}

static void expect_whole(const eg_indicator *ind, const char *text, int64_t want)
{
    parsed p = parse(ind, EG_LEVEL_HUYEN, text);

    if (p.rc != 0 || p.v.i != want || p.v.d != (double)want)
        fail_msg("%s \"%s\": rc %d, %lld (%s); want %lld", ind->code, text, p.rc,
                 (long long)p.v.i, p.msg, (long long)want);
}

static void expect_refused(const eg_indicator *ind, eg_level lv, const char *text,
                           const char *code)
{
    parsed p = parse(ind, lv, text);

    if (p.rc != -1 || !p.code || strcmp(p.code, code) != 0)
        fail_msg("%s \"%s\": rc %d, code %s; want -1, %s", ind->code, text, p.rc,
                 p.code ? p.code : "(none)", code);
    if (!p.msg[0])
        fail_msg("%s \"%s\": refused without a message", ind->code, text);
}

static void count_reads_dotted_thousands(void **state)
{
    (void)state;
    expect_whole(indicator("ht.cbcc"), "1.234", 1234);
    expect_whole(indicator("ht.cbcc"), "403 086", 403086);
    expect_whole(indicator("ht.cbcc"), "0", 0);
}

static void count_refuses_fractions_signs_and_words(void **state)
{
    const eg_indicator *ind;
    parsed p;

    (void)state;
    ind = indicator("ht.cbcc");
    expect_refused(ind, EG_LEVEL_SO, "1.234,5", "E_VALUE_COUNT");
    expect_refused(ind, EG_LEVEL_SO, "-5", "E_VALUE_COUNT");
    expect_refused(ind, EG_LEVEL_SO, "mười", "E_VALUE_COUNT");
    expect_refused(ind, EG_LEVEL_SO, "1.23.4567", "E_VALUE_COUNT");
    p = parse(ind, EG_LEVEL_SO, "12a");
    assert_non_null(strstr(p.msg, "'12a'"));       /* the message quotes the value */
    /* a dash alone: 0 in an accounting format, or no figure; said so */
    for (int i = 0; i < 3; i++) {
        static const char *const dashes[] = { "-", "\xE2\x80\x93", "\xE2\x80\x94" };

        p = parse(ind, EG_LEVEL_SO, dashes[i]);
        assert_int_equal(p.rc, -1);
        assert_non_null(strstr(p.msg, "thì không phải là số: chương trình bảng tính hiển thị số 0 như vậy"));
        p = parse(indicator("diem.san_sang"), EG_LEVEL_SO, dashes[i]);
        assert_non_null(strstr(p.msg, "ghi 0, hoặc để trống ô"));
    }
    p = parse(ind, EG_LEVEL_SO, "--");
    assert_null(strstr(p.msg, "hiển thị số 0 như vậy"));
}

static void money_reads_dong_and_has_its_own_code(void **state)
{
    (void)state;
    expect_whole(indicator("dt.kinh_phi_cntt"), "1.250.000.000", 1250000000);
    expect_refused(indicator("dt.kinh_phi_cntt"), EG_LEVEL_SO, "1,5 tỷ", "E_VALUE_MONEY");
}

static void number_reads_a_lone_dot_as_the_decimal_mark(void **state)
{
    eg_indicator ind = { .code = "x.number", .type = EG_TYPE_NUMBER };
    parsed p;

    (void)state;
    p = parse(&ind, EG_LEVEL_SO, "1.234");
    assert_int_equal(p.rc, 0);
    assert_true(p.v.d == 1.234);
    p = parse(&ind, EG_LEVEL_SO, "116,83");
    assert_int_equal(p.rc, 0);
    assert_true(p.v.d == 116.83);
    p = parse(&ind, EG_LEVEL_SO, "1.234,5");
    assert_true(p.v.d == 1234.5);
    expect_refused(&ind, EG_LEVEL_SO, "1e3", "E_VALUE_NUMBER");
    expect_refused(&ind, EG_LEVEL_SO, "12%", "E_VALUE_NUMBER");
}

static void percent_reads_a_percentage_not_a_fraction(void **state)
{
    eg_indicator ind = { .code = "x.percent", .type = EG_TYPE_PERCENT };
    parsed p;

    (void)state;
    p = parse(&ind, EG_LEVEL_SO, "84,04 %");
    assert_int_equal(p.rc, 0);
    assert_true(p.v.d == 84.04);
    p = parse(&ind, EG_LEVEL_SO, "96.2");
    assert_true(p.v.d == 96.2);
    expect_refused(&ind, EG_LEVEL_SO, "100,5%", "E_VALUE_PERCENT");
    expect_refused(&ind, EG_LEVEL_SO, "-1%", "E_VALUE_PERCENT");
    /* a dash alone is said as a count's is, not as a sign ("không được
     * ghi dấu + hoặc -"): it stands for 0 or for no figure */
    p = parse(&ind, EG_LEVEL_SO, "-");
    assert_int_equal(p.rc, -1);
    assert_string_equal(p.code, "E_VALUE_PERCENT");
    assert_non_null(strstr(p.msg, "ghi 0, hoặc để trống ô"));
    p = parse(&ind, EG_LEVEL_SO, "\xE2\x80\x94");
    assert_non_null(strstr(p.msg, "ghi 0, hoặc để trống ô"));
}

static void bool_reads_vietnamese_yes_and_no(void **state)
{
    const eg_indicator *ind;
    parsed p;

    (void)state;
    ind = indicator("ht.wan");
    p = parse(ind, EG_LEVEL_SO, "Có");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.v.i, 1);
    p = parse(ind, EG_LEVEL_SO, "không đạt");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.v.i, 0);
    p = parse(ind, EG_LEVEL_SO, "Đạt");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.v.i, 1);
    p = parse(ind, EG_LEVEL_SO, "KHÔNG");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.v.i, 0);
    expect_refused(ind, EG_LEVEL_SO, "có lẽ", "E_VALUE_BOOL");
    expect_refused(ind, EG_LEVEL_SO, "2", "E_VALUE_BOOL");
    /* blanks alone are no answer, least of all "không" */
    assert_int_equal(parse(ind, EG_LEVEL_SO, "\xE2\x80\xAF").rc, -1);
}

static void enum_reads_a_code_without_regard_to_case(void **state)
{
    const eg_indicator *ind;
    parsed p;

    (void)state;
    ind = indicator("ht.mo_hinh_mot_cua");
    p = parse(ind, EG_LEVEL_XA, "LIEN_THONG");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.v.i, 0);
    p = parse(ind, EG_LEVEL_XA, "dien_tu");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.v.i, 1);
    p = parse(ind, EG_LEVEL_XA, "Chua");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.v.i, 2);
}

static void enum_reads_a_label_without_case_or_diacritics(void **state)
{
    const eg_indicator *ind;
    parsed p;

    (void)state;
    ind = indicator("ht.mo_hinh_mot_cua");
    p = parse(ind, EG_LEVEL_SO, "Một cửa điện tử liên thông");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.v.i, 0);
    p = parse(ind, EG_LEVEL_SO, "MOT CUA DIEN TU LIEN THONG");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.v.i, 0);
    p = parse(ind, EG_LEVEL_SO, "một cửa điện tử");      /* dien_tu, not a prefix match */
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.v.i, 1);
    p = parse(ind, EG_LEVEL_SO, "Chưa triển khai");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.v.i, 2);
}

static void enum_refuses_another_word_and_lists_the_options(void **state)
{
    const eg_indicator *ind;
    parsed p;

    (void)state;
    ind = indicator("ht.mo_hinh_mot_cua");
    expect_refused(ind, EG_LEVEL_SO, "một cửa", "E_VALUE_ENUM");     /* a prefix of labels */
    expect_refused(ind, EG_LEVEL_SO, "lien_thong dien_tu", "E_VALUE_ENUM");
    expect_refused(ind, EG_LEVEL_SO, "3", "E_VALUE_ENUM");
    p = parse(ind, EG_LEVEL_SO, "khác");
    assert_string_equal(p.msg, "'khác' không phải là một trong các lựa chọn: lien_thong (một cửa "
                               "điện tử liên thông), dien_tu (một cửa điện tử), chua (chưa triển "
                               "khai)");
}

static void score_reads_a_decimal_comma(void **state)
{
    parsed p;

    (void)state;
    p = parse(indicator("diem.san_sang"), EG_LEVEL_SO, "29,5");
    assert_int_equal(p.rc, 0);
    assert_true(p.v.d == 29.5);
    /* the maximum itself is allowed */
    p = parse(indicator("diem.san_sang"), EG_LEVEL_SO, "40");
    assert_int_equal(p.rc, 0);
    assert_true(p.v.d == 40);
    expect_refused(indicator("diem.san_sang"), EG_LEVEL_SO, "vắng", "E_VALUE_SCORE");
}

static void score_above_the_maximum_of_its_level_is_refused(void **state)
{
    parsed p;

    (void)state;
    /* diem.san_sang: 40 for a department, 45 for a district */
    expect_refused(indicator("diem.san_sang"), EG_LEVEL_SO, "40,5", "E_SCORE_RANGE");
    expect_refused(indicator("diem.san_sang"), EG_LEVEL_SO, "45", "E_SCORE_RANGE");
    p = parse(indicator("diem.san_sang"), EG_LEVEL_HUYEN, "45");
    assert_int_equal(p.rc, 0);
    expect_refused(indicator("diem.san_sang"), EG_LEVEL_HUYEN, "45,01", "E_SCORE_RANGE");
    /* what a formula's rounding leaves (a billionth) is no more than the
     * maximum; a ten-millionth typed is */
    expect_refused(indicator("diem.san_sang"), EG_LEVEL_SO, "40,0000001", "E_SCORE_RANGE");
    p = parse(indicator("diem.hien_dien"), EG_LEVEL_SO, "16");
    assert_int_equal(p.rc, -1);
    assert_string_equal(p.code, "E_SCORE_RANGE");
    assert_non_null(strstr(p.msg, "15"));
    assert_non_null(strstr(p.msg, "cấp sở/ban/ngành"));
}

static void a_score_s_maximum_is_said_with_the_decimals_it_has(void **state)
{
    eg_indicator ind = { .code = "diem.x", .type = EG_TYPE_SCORE };
    parsed p;

    (void)state;
    /* as the form's prompt says it: not 40,00, and never rounded above
     * itself (12,125 said as 12,13, a score the clerk would then type) */
    p = parse(indicator("diem.san_sang"), EG_LEVEL_SO, "41");
    assert_string_equal(p.code, "E_SCORE_RANGE");
    assert_non_null(strstr(p.msg, "tối đa 40 "));
    ind.max[EG_LEVEL_SO] = 12.125;
    p = parse(&ind, EG_LEVEL_SO, "12,13");
    assert_string_equal(p.code, "E_SCORE_RANGE");
    assert_non_null(strstr(p.msg, "tối đa 12,125 "));
    ind.max[EG_LEVEL_SO] = 12.5;
    p = parse(&ind, EG_LEVEL_SO, "13");
    assert_non_null(strstr(p.msg, "tối đa 12,5 "));
    p = parse(&ind, EG_LEVEL_SO, "12,5");
    assert_int_equal(p.rc, 0);
}

static void pattern_constrains_a_text_value(void **state)
{
    char err[256];
    eg_indicator ind = { .code = "x.ma", .type = EG_TYPE_TEXT };
    parsed p;

    (void)state;
    ind.pattern = eg_pattern_compile("[0-9]{3}\\.[A-Z]+", err, sizeof err);
    assert_non_null(ind.pattern);
    p = parse(&ind, EG_LEVEL_SO, "000.ABC");
    assert_int_equal(p.rc, 0);
    p = parse(&ind, EG_LEVEL_SO, "000.ABC x");
    assert_int_equal(p.rc, -1);
    assert_string_equal(p.code, "E_VALUE_PATTERN");
    /* a text loses no blank that groups thousands (U+202F) at its end:
     * that is for the other types */
    p = parse(&ind, EG_LEVEL_SO, "000.ABC\xE2\x80\xAF");
    eg_pattern_free(ind.pattern);
    assert_int_equal(p.rc, -1);
    assert_string_equal(p.code, "E_VALUE_PATTERN");
}

/* A pattern on a value of another type is tried on a value read: one
 * that is no number is said to be no number, not to miss the pattern. */
static void a_value_of_the_wrong_type_is_said_so_before_its_pattern_is_tried(void **state)
{
    char err[256];
    eg_indicator ind = { .code = "x.so", .type = EG_TYPE_COUNT };
    parsed p;

    (void)state;
    ind.pattern = eg_pattern_compile("[0-9]{1,3}", err, sizeof err);
    assert_non_null(ind.pattern);
    p = parse(&ind, EG_LEVEL_SO, "12a");
    assert_int_equal(p.rc, -1);
    assert_string_equal(p.code, "E_VALUE_COUNT");
    assert_non_null(strstr(p.msg, "không phải là số nguyên ≥ 0"));
    p = parse(&ind, EG_LEVEL_SO, "1.234");
    assert_int_equal(p.rc, -1);
    assert_string_equal(p.code, "E_VALUE_PATTERN");
    p = parse(&ind, EG_LEVEL_SO, "123");
    eg_pattern_free(ind.pattern);
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.v.i, 123);
}

/* 1 when s is whole UTF-8 characters: no sequence cut at its end. */
static int whole_characters(const char *s)
{
    while (*s) {
        unsigned char c = (unsigned char)*s++;
        int more = c < 0x80 ? 0 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;

        if (more < 0)
            return 0;
        for (; more > 0; more--)
            if (((unsigned char)*s++ & 0xC0) != 0x80)
                return 0;
    }
    return 1;
}

/* A long cell's text is quoted in part, cut between two characters, and
 * the advice after it still fits; a message longer than its buffer is cut
 * between two characters too. */
/* What a copy from a web page or a word processor leaves unseen in a
 * value (zero-width space, word joiner, soft hyphen; a narrow no-break
 * space at an end) is dropped, as from a code: the clerk sees "5", and
 * "'5' không phải là số" was a message nobody could act on. */
static void a_value_is_read_without_the_characters_no_one_sees(void **state)
{
    eg_indicator pct = { .code = "x.ty_le", .type = EG_TYPE_PERCENT };
    eg_indicator text = { .code = "x.ghi", .type = EG_TYPE_TEXT };
    parsed p;

    (void)state;
    expect_whole(indicator("ht.cbcc"), "5\xE2\x80\x8B", 5);               /* U+200B */
    expect_whole(indicator("ht.cbcc"), "\xE2\x80\x8B" "1.234", 1234);
    expect_whole(indicator("ht.cbcc"), "1\xC2\xAD" "234", 1234);            /* U+00AD */
    expect_whole(indicator("ht.cbcc"), "5\xE2\x81\xA0", 5);               /* U+2060 */
    expect_whole(indicator("ht.cbcc"), "5\xE2\x80\xAF", 5);               /* U+202F */
    expect_whole(indicator("ht.cbcc"), "\xE2\x80\xAF 1\xE2\x80\xAF" "234 \xE2\x80\xAF", 1234);
    expect_whole(indicator("ht.cbcc"), "\xE2\x80\x89" "5\xE2\x80\x87", 5);    /* U+2009, U+2007 */
    /* a tab between two blanks: trimmed in turns until none is left */
    expect_whole(indicator("ht.cbcc"), "46\xE2\x80\xAF\t\xE2\x80\xAF", 46);
    expect_whole(indicator("ht.cbcc"), "\xE2\x80\xAF\t\xE2\x80\xAF" "46", 46);
    expect_whole(indicator("ht.lan_internet"), "c\xC3\xB3\xE2\x80\x8B", 1);  /* "có" */
    p = parse(indicator("ht.mo_hinh_mot_cua"), EG_LEVEL_SO, "lien_thong\xE2\x80\x8C");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.v.i, 0);
    p = parse(&pct, EG_LEVEL_SO, "12,5%\xE2\x80\x8B");
    assert_int_equal(p.rc, 0);
    assert_true(p.v.d == 12.5);
    /* still refused when what is seen is no number, and quoted so */
    p = parse(indicator("ht.cbcc"), EG_LEVEL_SO, "5\xE2\x80\x8B người");
    assert_int_equal(p.rc, -1);
    assert_non_null(strstr(p.msg, "'5 người'"));
    /* a text is kept as written */
    p = parse(&text, EG_LEVEL_SO, "a\xE2\x80\x8B");
    assert_int_equal(p.rc, 0);
}

/* An amount of money in đồng may carry its sign, as a spreadsheet set
 * for Vietnam writes its Currency format into a CSV; an amount counted in
 * another unit may not, as which is meant cannot be told. */
static void an_amount_in_dong_is_read_with_its_currency_sign(void **state)
{
    eg_indicator millions = { .code = "dt.trieu", .type = EG_TYPE_MONEY,
                              .unit_label = "triệu đồng" };
    eg_indicator vnd = { .code = "dt.vnd", .type = EG_TYPE_MONEY, .unit_label = "VNĐ" };
    parsed p;

    (void)state;
    expect_whole(indicator("dt.kinh_phi_cntt"), "4.750.000.000 \xE2\x82\xAB", 4750000000);
    expect_whole(indicator("dt.kinh_phi_cntt"), "4.750.000.000\xC2\xA0\xE2\x82\xAB", 4750000000);
    expect_whole(indicator("dt.kinh_phi_cntt"), "5000đ", 5000);
    expect_whole(indicator("dt.kinh_phi_cntt"), "5.000 VNĐ", 5000);
    expect_whole(indicator("dt.kinh_phi_cntt"), "5.000 Vnđ", 5000);
    expect_whole(indicator("dt.kinh_phi_cntt"), "5.000 đồng", 5000);
    /* every spelling of the sign, after a space or none */
    {
        static const char *const signs[] = { "\xE2\x82\xAB", "đồng", "Đồng", "ĐỒNG", "VNĐ", "Vnđ",
                                             "vnđ", "VND", "Vnd", "vnd", "đ", "Đ" };
        char text[32];

        for (size_t i = 0; i < sizeof signs / sizeof *signs; i++) {
            snprintf(text, sizeof text, "5.000 %s", signs[i]);
            expect_whole(indicator("dt.kinh_phi_cntt"), text, 5000);
            snprintf(text, sizeof text, "5.000%s", signs[i]);
            expect_whole(indicator("dt.kinh_phi_cntt"), text, 5000);
        }
    }
    /* a sign alone, after a word, or on a count is no amount */
    assert_int_equal(parse(indicator("dt.kinh_phi_cntt"), EG_LEVEL_SO, "\xE2\x82\xAB").rc, -1);
    assert_int_equal(parse(indicator("dt.kinh_phi_cntt"), EG_LEVEL_SO, "năm đồng").rc, -1);
    assert_int_equal(parse(indicator("ht.cbcc"), EG_LEVEL_SO, "5 đ").rc, -1);
    p = parse(&millions, EG_LEVEL_SO, "5.000.000 \xE2\x82\xAB");
    assert_int_equal(p.rc, -1);
    assert_string_equal(p.code, "E_VALUE_MONEY");
    assert_non_null(strstr(p.msg, "tính bằng triệu đồng"));
    expect_whole(&millions, "5", 5);
    /* after a word, a sign is no amount: said as no number, not as a sign
     * beside another unit */
    p = parse(&millions, EG_LEVEL_SO, "năm đồng");
    assert_int_equal(p.rc, -1);
    assert_non_null(strstr(p.msg, "'năm đồng' không phải là số nguyên"));
    /* an indicator counted in VNĐ is in đồng as one in "đồng" is */
    expect_whole(&vnd, "5.000 \xE2\x82\xAB", 5000);
    /* a Currency format with two decimals writes them, zeros */
    expect_whole(indicator("dt.kinh_phi_cntt"), "5.000,00 \xE2\x82\xAB", 5000);
    expect_whole(indicator("dt.kinh_phi_cntt"), "4.750.000.000,00", 4750000000);
    expect_refused(indicator("dt.kinh_phi_cntt"), EG_LEVEL_SO, "5.000,50 \xE2\x82\xAB",
                   "E_VALUE_MONEY");
}

/* A count shown with decimals by its format ("46,00") is the whole number
 * the clerk sees; decimals that are not zeros are still refused. */
static void a_count_with_a_decimal_part_of_zeros_is_whole(void **state)
{
    parsed p;

    (void)state;
    expect_whole(indicator("ht.cbcc"), "46,00", 46);
    expect_whole(indicator("ht.cbcc"), "1.234,00", 1234);
    p = parse(indicator("ht.cbcc"), EG_LEVEL_SO, "46,50");
    assert_int_equal(p.rc, -1);
    assert_string_equal(p.code, "E_VALUE_COUNT");
    assert_non_null(strstr(p.msg, "'46,50' không phải là số nguyên ≥ 0 (có phần thập phân)"));
}

/* Letters typed for the digits they look like (O or o for 0, l or I for
 * 1) are still refused, and the message says what the value would be
 * with digits: "9O" beside a 90 the clerk sees is no message to act on.
 * No guess without a digit, nor where the digits do not make a number. */
static void letters_that_look_like_digits_are_named_with_the_value_they_make(void **state)
{
    static const struct {
        const char *code, *text, *said;
    } hinted[] = {
        { "ht.cbcc", "9O", "'9O' không phải là số nguyên ≥ 0 (không phải là số); ghi theo dạng "
                           "403.086 hoặc 403086; có lẽ là '90': chữ 'O' được gõ thay cho số 0" },
        { "ht.cbcc", "l.2o5", "; có lẽ là '1.205': chữ 'o' được gõ thay cho số 0, chữ 'l' được "
                              "gõ thay cho số 1" },
        { "ht.cbcc", "I0O", "; có lẽ là '100': chữ 'O' được gõ thay cho số 0, chữ 'I' được gõ "
                            "thay cho số 1" },
        { "diem.san_sang", "3O,5", "'3O,5' không phải là số ≥ 0 (không phải là số); ghi theo "
                                   "dạng 116,83; có lẽ là '30,5': chữ 'O' được gõ thay cho số 0" },
    };
    static const char *const plain[] = { "lO", "OO", "9O,5", "1O 000 l", "2 lần" };
    parsed p;

    (void)state;
    for (size_t i = 0; i < sizeof hinted / sizeof *hinted; i++) {
        p = parse(indicator(hinted[i].code), EG_LEVEL_SO, hinted[i].text);
        assert_int_equal(p.rc, -1);
        if (!strstr(p.msg, hinted[i].said))
            fail_msg("%s: \"%s\" does not say \"%s\"", hinted[i].text, p.msg, hinted[i].said);
        assert_non_null(strstr(p.msg, "không phải là số"));
    }
    /* a whole number where a fraction is due is refused for that, and no
     * letter is guessed at where the digits make no number */
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
        p = parse(indicator("ht.cbcc"), EG_LEVEL_SO, plain[i]);
        assert_int_equal(p.rc, -1);
        assert_string_equal(p.code, "E_VALUE_COUNT");
        if (strstr(p.msg, "có lẽ là"))
            fail_msg("%s: \"%s\" guesses", plain[i], p.msg);
    }
}

/* Full-width digits, comma, full stop and percent sign (an input method
 * for Chinese or Japanese) are the ASCII ones they look like. */
static void full_width_digits_are_read_as_the_digits_they_look_like(void **state)
{
    eg_indicator pct = { .code = "x.ty_le", .type = EG_TYPE_PERCENT };
    parsed p;

    (void)state;
    expect_whole(indicator("ht.cbcc"), "\xEF\xBC\x94\xEF\xBC\x96", 46);             /* ４６ */
    expect_whole(indicator("ht.cbcc"), "1\xEF\xBC\x8E" "234", 1234);                  /* 1．234 */
    p = parse(&pct, EG_LEVEL_SO, "\xEF\xBC\x99\xEF\xBC\x96\xEF\xBC\x8C" "2\xEF\xBC\x85");
    assert_int_equal(p.rc, 0);                                            /* ９６，2％ */
    assert_true(p.v.d == 96.2);
    /* a full-width letter is no digit: refused, quoted as folded */
    p = parse(indicator("ht.cbcc"), EG_LEVEL_SO, "4\xEF\xBC\xA1");                 /* 4Ａ */
    assert_int_equal(p.rc, -1);
    assert_non_null(strstr(p.msg, "'4\xEF\xBC\xA1'"));
}

static void a_long_value_is_quoted_cut_between_characters(void **state)
{
    char text[301 * 3 + 1] = "";
    const char *q;
    eg_value v;
    const char *code;
    char small[41];
    parsed p;

    (void)state;
    for (int i = 0; i < 301; i++)
        strcat(text, "ữ");
    p = parse(indicator("ht.cbcc"), EG_LEVEL_SO, text);
    assert_int_equal(p.rc, -1);
    assert_true(whole_characters(p.msg));
    assert_non_null(strstr(p.msg, "ghi theo dạng 403.086 hoặc 403086"));
    q = strchr(p.msg + 1, '\'');
    assert_non_null(q);
    assert_true(q - (p.msg + 1) > 100 && (q - (p.msg + 1)) % 3 == 0);
    for (int cap = 1; cap <= (int)sizeof small; cap++) {
        assert_int_equal(eg_value_parse(indicator("ht.mo_hinh_mot_cua"), EG_LEVEL_SO, "khác", &v,
                                        &code, small, (size_t)cap), -1);
        assert_true(strlen(small) < (size_t)cap && whole_characters(small));
    }
    /* cut where the buffer ends, not a byte before: as much of the
     * message as fits whole ('á' is two bytes) */
    eg_value_parse(indicator("ht.mo_hinh_mot_cua"), EG_LEVEL_SO, "khác", &v, &code, small, 4);
    assert_string_equal(small, "'kh");
    eg_value_parse(indicator("ht.mo_hinh_mot_cua"), EG_LEVEL_SO, "khác", &v, &code, small, 6);
    assert_string_equal(small, "'khá");
    eg_value_parse(indicator("ht.mo_hinh_mot_cua"), EG_LEVEL_SO, "khác", &v, &code, small, 5);
    assert_string_equal(small, "'kh");
}

/* --- a small year, by hand ----------------------------------------------- */

enum { TINH, STTTT, SGDDT, PKU, CPU, PKU01, CPU01, N_UNITS };

typedef struct {
    eg_dataset ds;
    eg_acceptor acc;
    eg_diag_list dl;
    int finished;
} year;

static void add_file(eg_dataset *ds, const char *path)
{
    ds->files = eg_xrealloc(ds->files, (ds->n_files + 1) * sizeof *ds->files);
    memset(&ds->files[ds->n_files], 0, sizeof *ds->files);
    ds->files[ds->n_files].path = eg_xstrdup(path);
    ds->files[ds->n_files].format = 0;
    ds->n_files++;
}

/* The small year, with extra_communes more communes of Chư Pưh
 * (GL.CPU.02, …). */
static int year_open(void **state, int extra_communes)
{
    year *y = calloc(1, sizeof *y);
    eg_dataset *ds;

    if (!y)
        return -1;
    ds = &y->ds;
    ds->year = 2021;
    eg_test_add_unit(ds, "GL", "Tỉnh Gia Lai", EG_LEVEL_TINH, -1);
    eg_test_add_unit(ds, "GL.STTTT", "Sở Thông tin và Truyền thông", EG_LEVEL_SO, TINH);
    eg_test_add_unit(ds, "GL.SGDDT", "Sở Giáo dục và Đào tạo", EG_LEVEL_SO, TINH);
    eg_test_add_unit(ds, "GL.PKU", "Thị xã Ayun Pa", EG_LEVEL_HUYEN, TINH);
    eg_test_add_unit(ds, "GL.CPU", "Huyện Chư Pưh", EG_LEVEL_HUYEN, TINH);
    eg_test_add_unit(ds, "GL.PKU.01", "Phường Cheo Reo", EG_LEVEL_XA, PKU);
    eg_test_add_unit(ds, "GL.CPU.01", "Xã Ia Dreng", EG_LEVEL_XA, CPU);
    for (int i = 0; i < extra_communes; i++) {
        char code[32], name[32];

        snprintf(code, sizeof code, "GL.CPU.%02d", i + 2);
        snprintf(name, sizeof name, "Xã %d", i + 2);
        eg_test_add_unit(ds, code, name, EG_LEVEL_XA, CPU);
    }
    add_file(ds, "submissions/01-huyen.csv");
    add_file(ds, "submissions/02-so.csv");
    eg_acceptor_init(&y->acc, ds, &eg_test_layouts, &y->dl);
    *state = y;
    return 0;
}

static int year_setup(void **state)
{
    return year_open(state, 0);
}

/* Room for more than 1,024 reports kept: the first growth of the
 * dataset's values. */
static int big_year_setup(void **state)
{
    return year_open(state, 60);
}

static int year_teardown(void **state)
{
    year *y = *state;

    if (!y->finished)
        eg_acceptor_finish(&y->acc);
    eg_dataset_free(&y->ds);
    eg_diag_free(&y->dl);
    free(y);
    return 0;
}

/* One submitted row: unit in column 2, indicator in 3, value in 4. */
static void feed(year *y, int file, long row, const char *unit, const char *ind,
                 const char *value)
{
    eg_raw_value rv = {
        .file = file, .row = row,
        .unit = unit, .unit_col = 2,
        .indicator = ind, .indicator_col = 3,
        .value = value, .value_col = 4,
        .note = "",
    };

    eg_accept_raw(&y->acc, &rv);
}

/* The same row from a workbook whose value cell holds a number stored
 * as one (EG_FROM_NUMBER): its text has '.' as the decimal mark. */
static void feed_number(year *y, int file, long row, const char *unit, const char *ind,
                        const char *value)
{
    eg_raw_value rv = {
        .file = file, .row = row,
        .unit = unit, .unit_col = 2,
        .indicator = ind, .indicator_col = 3,
        .value = value, .value_col = 4, .value_number = 1,
        .note = "",
    };

    eg_accept_raw(&y->acc, &rv);
}

/* The same row from a workbook whose value cell holds a number shown as
 * a date or a time (EG_FROM_DATE): value is what the format gives,
 * stored the number (NULL when the reader does not know it). */
static void feed_dated(year *y, long row, const char *ind, const char *value,
                       const char *stored)
{
    eg_raw_value rv = {
        .file = 1, .row = row,
        .unit = "GL.STTTT", .unit_col = 2,
        .indicator = ind, .indicator_col = 3,
        .value = value, .value_col = 4, .value_dated = 1, .value_stored = stored,
        .note = "",
    };

    eg_accept_raw(&y->acc, &rv);
}

static void finish(year *y)
{
    eg_acceptor_finish(&y->acc);
    y->finished = 1;
}

static int count_code(const eg_diag_list *dl, const char *code)
{
    int n = 0;

    for (size_t i = 0; i < dl->n; i++)
        n += strcmp(dl->items[i].code, code) == 0;
    return n;
}

static const eg_diag *find_diag(const eg_diag_list *dl, const char *code)
{
    for (size_t i = 0; i < dl->n; i++)
        if (strcmp(dl->items[i].code, code) == 0)
            return &dl->items[i];
    return NULL;
}

/* Every unit counts as having submitted (a value of it in another file,
 * say), so that W_NOT_SUBMITTED stays out of the way of the diagnostics a
 * test looks at. */
static void everyone_submits(year *y)
{
    for (size_t u = 0; u < y->ds.registry.n; u++)
        y->ds.registry.items[u].submitted = 1;
}

static int ind_of(const char *code)
{
    return eg_catalogue_find(&eg_test_layouts.cat, code);
}

/* The year read with the project's layouts but for the indicator code,
 * of type t (the catalogue has no percentage nor text): *L, whose
 * items the caller frees.  The indicator's position. */
static int retyped(year *y, eg_layouts *L, const char *code, eg_type t)
{
    int k = ind_of(code);

    *L = eg_test_layouts;
    L->cat.items = eg_xmalloc(L->cat.n * sizeof *L->cat.items);
    memcpy(L->cat.items, eg_test_layouts.cat.items, L->cat.n * sizeof *L->cat.items);
    L->cat.items[k].type = t;
    y->acc.L = L;
    return k;
}

static void accepted_value_is_kept_with_its_place(void **state)
{
    year *y = *state;
    const eg_value *v;

    feed(y, 0, 7, "GL.PKU", "ht.cbcc", "1.234");
    everyone_submits(y);
    finish(y);
    assert_int_equal(y->dl.n, 0);
    assert_int_equal(y->ds.n_values, 1);
    v = eg_dataset_get(&y->ds, PKU, ind_of("ht.cbcc"));
    assert_non_null(v);
    assert_int_equal(v->i, 1234);
    assert_string_equal(v->text, "1.234");
    assert_int_equal(v->file, 0);
    assert_int_equal(v->row, 7);
    assert_int_equal(v->col, 4);
    assert_int_equal(v->unit, PKU);
    assert_null(v->note);
}

static void unit_and_indicator_codes_are_matched_without_case(void **state)
{
    year *y = *state;
    const eg_value *v;

    feed(y, 0, 2, "gl.pku", "HT.CBCC", "12");
    everyone_submits(y);
    finish(y);
    assert_int_equal(y->dl.n, 0);
    v = eg_dataset_get(&y->ds, PKU, ind_of("ht.cbcc"));
    assert_non_null(v);
    assert_int_equal(v->i, 12);
}

static void unknown_unit_is_an_error_that_suggests_the_nearest_code(void **state)
{
    year *y = *state;
    const eg_diag *d;

    feed(y, 0, 5, "GL.PKI", "ht.cbcc", "10");
    everyone_submits(y);
    finish(y);
    assert_int_equal(y->dl.n, 1);
    d = find_diag(&y->dl, "E_UNKNOWN_UNIT");
    assert_non_null(d);
    assert_int_equal(d->severity, EG_ERROR);
    assert_string_equal(d->file, "submissions/01-huyen.csv");
    assert_int_equal(d->row, 5);
    assert_int_equal(d->col, 2);
    assert_string_equal(d->unit, "GL.PKI");
    assert_non_null(strstr(d->message, "có phải là 'GL.PKU' không?"));
    assert_int_equal(y->ds.n_values, 0);
}

static void unit_name_in_the_code_column_is_said_with_its_code(void **state)
{
    year *y = *state;
    const eg_diag *d;

    feed(y, 0, 5, "Huyện Chư Pưh", "ht.cbcc", "10");
    feed(y, 0, 6, "Chư", "ht.wan", "có");               /* no one's name: no guess */
    /* the district has sent its report, its code mistyped as its name */
    assert_int_equal(y->ds.registry.items[CPU].submitted, 1);
    assert_int_equal(y->ds.registry.items[PKU].submitted, 0);
    everyone_submits(y);
    finish(y);
    assert_int_equal(count_code(&y->dl, "E_UNKNOWN_UNIT"), 2);
    d = find_diag(&y->dl, "E_UNKNOWN_UNIT");
    assert_int_equal(d->row, 5);
    assert_string_equal(d->unit, "GL.CPU");             /* filed under the unit it names */
    assert_int_equal(d->col, 2);
    assert_string_equal(d->message, "'Huyện Chư Pưh' là tên đơn vị, không phải mã đơn vị: ghi "
                                    "mã GL.CPU của Huyện Chư Pưh vào cột này");
    d = &y->dl.items[1];
    assert_int_equal(d->row, 6);
    assert_string_equal(d->unit, "Chư");
    assert_null(strstr(d->message, "là tên đơn vị"));
    assert_int_equal(y->ds.n_values, 0);
}

static void unknown_unit_far_from_every_code_gets_no_suggestion(void **state)
{
    year *y = *state;
    const eg_diag *d;

    feed(y, 0, 5, "QUANGNAM.HOIAN", "ht.cbcc", "10");
    finish(y);
    d = find_diag(&y->dl, "E_UNKNOWN_UNIT");
    assert_non_null(d);
    assert_null(strstr(d->message, "có phải là"));
}

/* ht.wifi shares its group with every ht.* code, and is a slip of none */
static void unknown_indicator_of_a_known_group_gets_no_far_suggestion(void **state)
{
    year *y = *state;
    const eg_diag *d;

    feed(y, 1, 9, "GL.STTTT", "ht.wifi", "10");
    feed(y, 1, 10, "GL.STTTT", "tt.chung_thu_sox", "10");
    finish(y);
    d = find_diag(&y->dl, "E_UNKNOWN_INDICATOR");
    assert_non_null(d);
    assert_string_equal(d->indicator, "ht.wifi");
    assert_int_equal(d->col, 3);
    assert_null(strstr(d->message, "có phải là"));
    /* a slip in a longer code is still named */
    assert_non_null(strstr(y->dl.items[1].message, "có phải là 'tt.chung_thu_so' không?"));
}

/* indicators.md: a unit's total score "is computed, never submitted"; so
 * are the province's figures and the rankings.  A clerk who sends one is
 * told so, not sent to a code it is a slip of (tong.ho_so is one letter
 * from no indicator, diem.tong two from none). */
static void a_computed_figure_sent_is_said_to_be_computed(void **state)
{
    year *y = *state;

    feed(y, 1, 9, "GL.STTTT", "diem.tong", "112.5");
    feed(y, 1, 10, "GL.STTTT", "TONG.HO_SO", "100");
    feed(y, 1, 11, "GL.STTTT", "xh.so", "1");
    feed(y, 1, 12, "GL.STTTT", "diem.tongg", "1");
    everyone_submits(y);
    finish(y);
    assert_int_equal(y->dl.n, 4);
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(y->dl.items[i].code, "E_UNKNOWN_INDICATOR");
        assert_int_equal(y->dl.items[i].row, 9 + (int)i);
        assert_int_equal(y->dl.items[i].col, 3);
    }
    assert_string_equal(y->dl.items[0].message,
                        "'diem.tong' không phải chỉ tiêu đơn vị gửi: đó là tổng điểm của đơn vị, "
                        "chương trình tự cộng từ các tiêu chí diem.*; bỏ dòng này");
    assert_string_equal(y->dl.items[1].message,
                        "'tong.ho_so' không phải chỉ tiêu đơn vị gửi: đó là số liệu tổng hợp của "
                        "tỉnh, chương trình tự tính từ số liệu các đơn vị; bỏ dòng này");
    assert_string_equal(y->dl.items[2].message,
                        "'xh.so' không phải chỉ tiêu đơn vị gửi: đó là bảng xếp hạng, chương "
                        "trình tự xếp theo tổng điểm của các đơn vị; bỏ dòng này");
    /* a slip of a computed code is an unknown code as before */
    assert_null(strstr(y->dl.items[3].message, "không phải chỉ tiêu đơn vị gửi"));
    assert_int_equal(y->ds.n_values, 0);
}

static void unknown_indicator_is_an_error_that_suggests_the_nearest_code(void **state)
{
    year *y = *state;
    const eg_diag *d;

    feed(y, 1, 9, "GL.STTTT", "ht.cbc", "10");
    everyone_submits(y);
    finish(y);
    assert_int_equal(y->dl.n, 1);
    d = find_diag(&y->dl, "E_UNKNOWN_INDICATOR");
    assert_non_null(d);
    assert_string_equal(d->file, "submissions/02-so.csv");
    assert_int_equal(d->row, 9);
    assert_int_equal(d->col, 3);
    assert_string_equal(d->indicator, "ht.cbc");
    assert_non_null(strstr(d->message, "có phải là 'ht.cbcc' không?"));
    assert_int_equal(y->ds.n_values, 0);
}

static void indicator_of_another_level_is_an_error(void **state)
{
    year *y = *state;
    const eg_diag *d;

    /* a commune has no firewall figure (S H), the province no staff count */
    feed(y, 0, 11, "GL.PKU.01", "ht.attt_tuong_lua", "có");
    feed(y, 0, 12, "GL", "ht.cbcc", "50");
    everyone_submits(y);
    finish(y);
    assert_int_equal(count_code(&y->dl, "E_WRONG_LEVEL"), 2);
    assert_int_equal(y->dl.n, 2);
    d = find_diag(&y->dl, "E_WRONG_LEVEL");
    assert_int_equal(d->row, 11);
    assert_int_equal(d->col, 3);
    assert_string_equal(d->unit, "GL.PKU.01");
    assert_string_equal(d->message, "chỉ tiêu 'ht.attt_tuong_lua' do cấp sở/ban/ngành, huyện báo "
                                    "cáo, không phải cấp xã (Phường Cheo Reo)");
    assert_null(eg_dataset_get(&y->ds, PKU01, ind_of("ht.attt_tuong_lua")));
    assert_null(eg_dataset_get(&y->ds, TINH, ind_of("ht.cbcc")));
    assert_int_equal(y->ds.n_values, 0);
}

/* A level's words in E_WRONG_LEVEL name the province as the others: an
 * indicator of the province alone, and the province's own level. */
static void indicator_of_the_province_alone_is_said_with_its_level(void **state)
{
    year *y = *state;

    feed(y, 0, 2, "GL.PKU", "ht.doanh_nghiep", "5");
    feed(y, 0, 3, "GL", "ht.cbcc", "50");
    everyone_submits(y);
    finish(y);
    assert_int_equal(count_code(&y->dl, "E_WRONG_LEVEL"), 2);
    assert_string_equal(y->dl.items[0].message, "chỉ tiêu 'ht.doanh_nghiep' do cấp tỉnh báo cáo, "
                                                "không phải cấp huyện (Thị xã Ayun Pa)");
    assert_string_equal(y->dl.items[1].message, "chỉ tiêu 'ht.cbcc' do cấp sở/ban/ngành, huyện, "
                                                "xã báo cáo, không phải cấp tỉnh (Tỉnh Gia Lai)");
}

/* The code suggested for an unknown one is a slip of one character, or
 * two in a code of eight or more, and the nearest of those (the first
 * of the nearest), not the last within reach. */
static void unknown_unit_is_said_with_the_nearest_code_within_a_slip(void **state)
{
    year *y = *state;

    feed(y, 0, 2, "GL.STTXX", "ht.cbcc", "1");      /* 8 characters, 2 from GL.STTTT */
    feed(y, 0, 3, "GL.PXX", "ht.cbcc", "1");        /* 6 characters, 2 from GL.PKU */
    feed(y, 0, 4, "GL.PCU.01", "ht.cbcc", "1");     /* 1 from GL.PKU.01, 2 from GL.CPU.01 */
    feed(y, 0, 5, "GL.CKU.01", "ht.cbcc", "1");     /* 1 from either */
    everyone_submits(y);
    finish(y);
    assert_int_equal(count_code(&y->dl, "E_UNKNOWN_UNIT"), 4);
    assert_string_equal(y->dl.items[0].message, "mã đơn vị 'GL.STTXX' không có trong danh mục "
                                                "đơn vị (units.csv); có phải là 'GL.STTTT' không?");
    assert_string_equal(y->dl.items[1].message, "mã đơn vị 'GL.PXX' không có trong danh mục đơn "
                                                "vị (units.csv)");
    assert_non_null(strstr(y->dl.items[2].message, "có phải là 'GL.PKU.01' không?"));
    assert_non_null(strstr(y->dl.items[3].message, "có phải là 'GL.PKU.01' không?"));
}

static void unreadable_value_is_an_error_at_its_cell_and_is_left_out(void **state)
{
    year *y = *state;
    const eg_diag *d;

    feed(y, 0, 4, "GL.CPU", "ht.cbcc", "1.23.4567");
    everyone_submits(y);
    finish(y);
    assert_int_equal(y->dl.n, 1);
    d = find_diag(&y->dl, "E_VALUE_COUNT");
    assert_non_null(d);
    assert_int_equal(d->row, 4);
    assert_int_equal(d->col, 4);
    assert_string_equal(d->unit, "GL.CPU");
    assert_string_equal(d->indicator, "ht.cbcc");
    assert_null(eg_dataset_get(&y->ds, CPU, ind_of("ht.cbcc")));
}

static void duplicate_with_the_same_value_is_a_warning_and_counts_once(void **state)
{
    year *y = *state;
    const eg_value *v;
    const eg_diag *d;

    feed(y, 0, 3, "GL.PKU", "ht.cbcc", "1.200");
    feed(y, 1, 8, "GL.PKU", "ht.cbcc", "1200");      /* same value, written otherwise */
    everyone_submits(y);
    finish(y);
    assert_int_equal(y->dl.n, 1);
    d = find_diag(&y->dl, "W_DUPLICATE");
    assert_non_null(d);
    assert_int_equal(d->severity, EG_WARNING);
    assert_string_equal(d->file, "submissions/02-so.csv");
    assert_int_equal(d->row, 8);
    assert_int_equal(d->col, 4);
    assert_non_null(strstr(d->message, "submissions/01-huyen.csv:3:4"));   /* the first place */
    assert_int_equal(y->ds.n_values, 1);
    v = eg_dataset_get(&y->ds, PKU, ind_of("ht.cbcc"));
    assert_non_null(v);
    assert_int_equal(v->i, 1200);
    assert_int_equal(v->file, 0);                    /* the first one is kept */
    assert_int_equal(v->row, 3);
}

/* A conflict found when the kept reports are full: keeping the second
 * report moves them, and the first is named from where it now is (under
 * ASan the old place is freed memory). */
static void a_conflict_that_grows_the_kept_reports_names_the_first(void **state)
{
    year *y = *state;
    const eg_diag *d = NULL;
    long row = 4;

    feed(y, 0, 3, "GL.CPU", "ht.cbcc", "80");
    for (size_t u = 0; u < y->ds.registry.n && y->ds.n_values < 1024; u++)
        for (size_t k = 0; k < eg_test_layouts.cat.n && y->ds.n_values < 1024; k++)
            if (!(u == CPU && (int)k == ind_of("ht.cbcc")))
                feed(y, 0, row++, y->ds.registry.items[u].code,
                     eg_test_layouts.cat.items[k].code, "1");
    assert_int_equal(y->ds.n_values, 1024);
    assert_int_equal(y->ds.cap_values, 1024);
    feed(y, 1, 6, "GL.CPU", "ht.cbcc", "81");
    assert_true(y->ds.cap_values > 1024);
    for (size_t i = 0; i < y->dl.n; i++)
        if (strcmp(y->dl.items[i].code, "E_DUPLICATE_CONFLICT") == 0)
            d = &y->dl.items[i];
    assert_non_null(d);
    assert_int_equal(d->row, 6);
    assert_non_null(strstr(d->message, "'81'"));
    assert_non_null(strstr(d->message, "'80'"));
    assert_non_null(strstr(d->message, "submissions/01-huyen.csv:3:4"));
}

static void duplicate_with_a_different_value_is_an_error_and_neither_is_kept(void **state)
{
    year *y = *state;
    const eg_diag *d;
    int k = ind_of("ht.cbcc");

    feed(y, 0, 3, "GL.CPU", "ht.cbcc", "80");
    feed(y, 0, 4, "GL.STTTT", "ht.cbcc", "50");
    feed(y, 1, 6, "GL.CPU", "ht.cbcc", "81");
    everyone_submits(y);
    finish(y);
    assert_int_equal(y->dl.n, 1);
    d = find_diag(&y->dl, "E_DUPLICATE_CONFLICT");
    assert_non_null(d);
    assert_int_equal(d->severity, EG_ERROR);
    assert_int_equal(d->row, 6);
    assert_int_equal(d->col, 4);
    assert_string_equal(d->unit, "GL.CPU");
    /* it names both values and both places */
    assert_non_null(strstr(d->message, "'81'"));
    assert_non_null(strstr(d->message, "'80'"));
    assert_non_null(strstr(d->message, "submissions/01-huyen.csv:3:4"));
    assert_null(eg_dataset_get(&y->ds, CPU, k));
    /* the other values survive the removal, still where they belong */
    assert_int_equal(y->ds.n_values, 1);
    assert_non_null(eg_dataset_get(&y->ds, STTTT, k));
    assert_int_equal(eg_dataset_get(&y->ds, STTTT, k)->i, 50);
    /* the cell points into the compacted values, not past their end */
    assert_ptr_equal(eg_dataset_get(&y->ds, STTTT, k), &y->ds.values[0]);
}

/* Reports of a score are compared as numbers: 29,5 and 29.50 are the
 * same, 29,25 is another. */
static void duplicate_scores_are_compared_to_their_decimals(void **state)
{
    year *y = *state;
    int k = ind_of("diem.san_sang");

    feed(y, 0, 3, "GL.CPU", "diem.san_sang", "29,5");
    feed(y, 1, 6, "GL.CPU", "diem.san_sang", "29,25");
    feed(y, 0, 4, "GL.PKU", "diem.san_sang", "29,5");
    feed(y, 1, 7, "GL.PKU", "diem.san_sang", "29.50");
    everyone_submits(y);
    finish(y);
    assert_int_equal(count_code(&y->dl, "E_DUPLICATE_CONFLICT"), 1);
    assert_int_equal(find_diag(&y->dl, "E_DUPLICATE_CONFLICT")->row, 6);
    assert_int_equal(count_code(&y->dl, "W_DUPLICATE"), 1);
    assert_int_equal(find_diag(&y->dl, "W_DUPLICATE")->row, 7);
    assert_null(eg_dataset_get(&y->ds, CPU, k));
    assert_true(eg_dataset_get(&y->ds, PKU, k)->d == 29.5);
}

static void third_report_after_a_conflict_is_a_conflict_too(void **state)
{
    year *y = *state;

    feed(y, 0, 3, "GL.CPU", "ht.cbcc", "80");
    feed(y, 0, 4, "GL.CPU", "ht.cbcc", "81");
    feed(y, 0, 5, "GL.CPU", "ht.cbcc", "80");        /* same as the first: still no */
    everyone_submits(y);
    finish(y);
    assert_int_equal(count_code(&y->dl, "E_DUPLICATE_CONFLICT"), 2);
    assert_int_equal(count_code(&y->dl, "W_DUPLICATE"), 0);
    assert_null(eg_dataset_get(&y->ds, CPU, ind_of("ht.cbcc")));
    assert_int_equal(y->ds.n_values, 0);
}

static void later_report_after_a_conflict_names_a_value_it_differs_from(void **state)
{
    year *y = *state;
    const eg_diag *third = NULL;

    feed(y, 0, 3, "GL.CPU", "ht.cbcc", "80");
    feed(y, 1, 4, "GL.CPU", "ht.cbcc", "81");
    feed(y, 1, 5, "GL.CPU", "ht.cbcc", "80");        /* the first's value again */
    everyone_submits(y);
    finish(y);
    for (size_t i = 0; i < y->dl.n; i++)
        if (strcmp(y->dl.items[i].code, "E_DUPLICATE_CONFLICT") == 0 && y->dl.items[i].row == 5)
            third = &y->dl.items[i];
    assert_non_null(third);
    /* not "'80' here and as '80' at ...": the report it differs from */
    assert_non_null(strstr(third->message,
                           "là '80' ở dòng này và là '81' tại submissions/02-so.csv:4:4"));
}

static void unreadable_report_and_a_readable_one_are_a_conflict(void **state)
{
    year *y = *state;
    const eg_diag *d;

    feed(y, 0, 3, "GL.CPU", "ht.cbcc", "46");
    feed(y, 1, 7, "GL.CPU", "ht.cbcc", "4 6");       /* not a count */
    feed(y, 1, 8, "GL.STTTT", "ht.cbcc", "4 6");     /* first report of its pair */
    feed(y, 1, 9, "GL.STTTT", "ht.cbcc", "50");
    everyone_submits(y);
    finish(y);
    assert_int_equal(count_code(&y->dl, "E_VALUE_COUNT"), 2);
    assert_int_equal(count_code(&y->dl, "E_DUPLICATE_CONFLICT"), 2);
    d = find_diag(&y->dl, "E_DUPLICATE_CONFLICT");
    assert_int_equal(d->row, 7);
    assert_non_null(strstr(d->message,
                           "là '4 6' ở dòng này và là '46' tại submissions/01-huyen.csv:3:4"));
    /* neither pair has a value, and no report kept to be named survives */
    assert_null(eg_dataset_get(&y->ds, CPU, ind_of("ht.cbcc")));
    assert_null(eg_dataset_get(&y->ds, STTTT, ind_of("ht.cbcc")));
    assert_int_equal(y->ds.n_values, 0);
}

static void same_unreadable_text_twice_is_two_errors_and_leaves_the_pair_missing(void **state)
{
    year *y = *state;

    feed(y, 0, 3, "GL.CPU", "ht.cbcc", "4 6");
    feed(y, 0, 4, "GL.CPU", "ht.cbcc", "4 6");
    feed(y, 0, 5, "GL.STTTT", "ht.cbcc", "50");
    everyone_submits(y);
    finish(y);
    /* no conflict, nor "counted once": each row has its error */
    assert_int_equal(count_code(&y->dl, "E_VALUE_COUNT"), 2);
    assert_int_equal(count_code(&y->dl, "W_DUPLICATE"), 0);
    assert_int_equal(count_code(&y->dl, "E_DUPLICATE_CONFLICT"), 0);
    assert_null(eg_dataset_get(&y->ds, CPU, ind_of("ht.cbcc")));
    assert_int_equal(y->ds.n_values, 1);
    assert_int_equal(eg_dataset_get(&y->ds, STTTT, ind_of("ht.cbcc"))->i, 50);
    assert_ptr_equal(eg_dataset_get(&y->ds, STTTT, ind_of("ht.cbcc")), &y->ds.values[0]);
}

static void empty_value_is_missing_without_a_diagnostic(void **state)
{
    year *y = *state;

    feed(y, 1, 2, "GL.STTTT", "ht.wan", "");
    feed(y, 1, 3, "GL.STTTT", "ht.wan", "có");       /* an empty cell is no first report */
    everyone_submits(y);
    finish(y);
    assert_int_equal(y->dl.n, 0);
    assert_non_null(eg_dataset_get(&y->ds, STTTT, ind_of("ht.wan")));
    assert_int_equal(eg_dataset_get(&y->ds, STTTT, ind_of("ht.wan"))->row, 3);
    assert_null(eg_dataset_get(&y->ds, STTTT, ind_of("ht.lan_internet")));
}

static void workbook_number_with_three_decimals_is_no_grouped_count(void **state)
{
    year *y = *state;
    const eg_diag *d;

    /* 1.234 typed as text is 1234 (grouping); stored as a number it is
     * one and a bit, which no count is; a decimal reads it as 1.234 */
    feed(y, 1, 2, "GL.STTTT", "ht.cbcc", "1.234");
    feed_number(y, 1, 3, "GL.STTTT", "ht.cbcc_may_tinh", "98.571");
    feed_number(y, 1, 4, "GL.STTTT", "nl.luot_tap_huan", "1234");
    feed_number(y, 1, 5, "GL.STTTT", "dt.kinh_phi_cntt", "1250000.5");
    feed_number(y, 1, 6, "GL.STTTT", "diem.san_sang", "1.234");
    everyone_submits(y);
    finish(y);
    assert_int_equal(eg_dataset_get(&y->ds, STTTT, ind_of("ht.cbcc"))->i, 1234);
    assert_null(eg_dataset_get(&y->ds, STTTT, ind_of("ht.cbcc_may_tinh")));
    assert_int_equal(eg_dataset_get(&y->ds, STTTT, ind_of("nl.luot_tap_huan"))->i, 1234);
    assert_null(eg_dataset_get(&y->ds, STTTT, ind_of("dt.kinh_phi_cntt")));
    assert_true(eg_dataset_get(&y->ds, STTTT, ind_of("diem.san_sang"))->d == 1.234);
    assert_int_equal(count_code(&y->dl, "E_VALUE_COUNT"), 1);
    d = find_diag(&y->dl, "E_VALUE_COUNT");
    assert_int_equal(d->row, 3);
    assert_int_equal(d->col, 4);
    assert_string_equal(d->indicator, "ht.cbcc_may_tinh");
    assert_non_null(strstr(d->message, "ô chứa số 98,571, có phần thập phân"));
    d = find_diag(&y->dl, "E_VALUE_MONEY");
    assert_non_null(d);
    assert_non_null(strstr(d->message, "ô chứa số 1250000,5,"));
}

static void unseen_characters_in_a_value_are_dropped_as_in_a_code(void **state)
{
    year *y = *state;

    /* a figure copied from a web page or a word processor: the clerk
     * sees 46, and was told that '46' is no number */
    feed(y, 1, 2, "GL.STTTT", "ht.cbcc", "46\xE2\x80\x8B");               /* U+200B */
    feed(y, 1, 3, "GL.STTTT", "ht.cbcc_may_tinh", "\xE2\x81\xA0" "45");   /* U+2060 */
    feed(y, 1, 4, "GL.STTTT", "ht.wan", "C\xC3\xB3\xE2\x80\x8D");         /* U+200D */
    feed(y, 1, 5, "GL.STTTT", "dt.kinh_phi_cntt", "4.750.\xC2\xAD" "000.000"); /* U+00AD */
    feed_number(y, 1, 6, "GL.STTTT", "nl.cb_cntt", "8\xEF\xBB\xBF");        /* U+FEFF */
    /* pasted from Windows' Calculator: U+202D 95 U+202C */
    feed(y, 1, 8, "GL.STTTT", "tt.vb_di", "\xE2\x80\xAD" "95\xE2\x80\xAC");
    /* nothing but a zero-width space: an empty cell to the clerk */
    feed(y, 1, 7, "GL.STTTT", "nl.luot_tap_huan", "\xE2\x80\x8B");
    everyone_submits(y);
    finish(y);
    assert_int_equal(eg_dataset_get(&y->ds, STTTT, ind_of("ht.cbcc"))->i, 46);
    assert_int_equal(eg_dataset_get(&y->ds, STTTT, ind_of("ht.cbcc_may_tinh"))->i, 45);
    assert_int_equal(eg_dataset_get(&y->ds, STTTT, ind_of("ht.wan"))->i, 1);
    assert_int_equal(eg_dataset_get(&y->ds, STTTT, ind_of("dt.kinh_phi_cntt"))->i,
                     INT64_C(4750000000));
    assert_int_equal(eg_dataset_get(&y->ds, STTTT, ind_of("nl.cb_cntt"))->i, 8);
    assert_int_equal(eg_dataset_get(&y->ds, STTTT, ind_of("tt.vb_di"))->i, 95);
    assert_null(eg_dataset_get(&y->ds, STTTT, ind_of("nl.luot_tap_huan")));
    assert_int_equal(count_code(&y->dl, "E_VALUE_COUNT"), 0);
    assert_int_equal(count_code(&y->dl, "E_VALUE_MONEY"), 0);
    assert_int_equal(count_code(&y->dl, "E_VALUE_BOOL"), 0);
}

/* A value of blanks alone that a number loses at its ends (U+202F,
 * U+2009, U+2007) is an empty cell to the clerk, as one of unseen
 * characters alone is: no error quoting '' as no number, nor, for a
 * yes/no, no value. */
static void a_value_of_blanks_alone_is_an_empty_cell(void **state)
{
    year *y = *state;
    const eg_place *p;

    feed(y, 1, 2, "GL.STTTT", "ht.cbcc", "\xE2\x80\xAF");
    feed(y, 1, 3, "GL.STTTT", "ht.wan", "\xE2\x80\x89\t\xE2\x80\x87");
    feed(y, 1, 4, "GL.STTTT", "ht.wan", "có");
    everyone_submits(y);
    finish(y);
    assert_int_equal(y->dl.n, 0);
    assert_null(eg_dataset_get(&y->ds, STTTT, ind_of("ht.cbcc")));
    p = eg_dataset_blank(&y->ds, STTTT, ind_of("ht.cbcc"));
    assert_non_null(p);
    assert_int_equal(p->row, 2);
    assert_int_equal(eg_dataset_get(&y->ds, STTTT, ind_of("ht.wan"))->i, 1);
}

/* A soft hyphen alone is an empty cell too; a text loses its unseen
 * characters and keeps its blanks, as written. */
static void a_soft_hyphen_alone_is_empty_and_a_text_keeps_its_blanks(void **state)
{
    year *y = *state;
    eg_layouts L;
    int k = retyped(y, &L, "tt.vb_den", EG_TYPE_TEXT);

    feed(y, 1, 2, "GL.STTTT", "ht.cbcc", "\xC2\xAD");
    feed(y, 1, 3, "GL.STTTT", "tt.vb_den", "VNPT\xE2\x80\x8B iOffice\xE2\x80\xAF");
    everyone_submits(y);
    finish(y);
    free(L.cat.items);
    assert_int_equal(y->dl.n, 0);
    assert_null(eg_dataset_get(&y->ds, STTTT, ind_of("ht.cbcc")));
    assert_non_null(eg_dataset_blank(&y->ds, STTTT, ind_of("ht.cbcc")));
    assert_string_equal(eg_dataset_get(&y->ds, STTTT, k)->text, "VNPT iOffice\xE2\x80\xAF");
}

static void count_in_a_date_formatted_cell_is_said_with_its_number(void **state)
{
    year *y = *state;
    const eg_diag *d;

    /* 148 typed in a cell formatted [h]:mm reads '00:00:00', which is
     * neither what was typed nor what the cell shows (3552:00) */
    feed_dated(y, 2, "ht.cbcc", "00:00:00", "148");
    feed_dated(y, 3, "dt.kinh_phi_cntt", "1900-01-12 12:00:00", "12.5");
    feed_dated(y, 4, "ht.cbcc_may_tinh", "1900-05-21", NULL);
    feed_dated(y, 5, "diem.san_sang", "1900-01-29", "29");        /* a score is a number too */
    feed_dated(y, 6, "ht.wan", "1900-01-01", "1");                /* a yes/no is no number */
    feed_dated(y, 7, "diem.hien_dien", "1900-01-12 12:00:00", NULL);
    everyone_submits(y);
    finish(y);
    assert_string_equal(find_diag(&y->dl, "E_VALUE_SCORE")->message,
                        "ô chứa số 29 nhưng được định dạng ngày/giờ (đọc là '1900-01-29'), không "
                        "phải là số; đổi định dạng ô sang Số (Number), xem lại số liệu rồi lưu lại");
    assert_non_null(strstr(y->dl.items[y->dl.n - 1].message,
                           "ô được định dạng ngày/giờ (đọc là '1900-01-12 12:00:00'), không"));
    assert_string_equal(find_diag(&y->dl, "E_VALUE_BOOL")->message,
                        "'1900-01-01' không phải là giá trị có/không; ghi \"có\" hoặc \"không\"; "
                        "ô được định dạng ngày/giờ nên được đọc là '1900-01-01', không phải như ô "
                        "hiển thị; đổi định dạng ô sang Văn bản (Text) rồi nhập lại giá trị");
    assert_null(eg_dataset_get(&y->ds, STTTT, ind_of("ht.cbcc")));
    assert_int_equal(count_code(&y->dl, "E_VALUE_COUNT"), 2);
    d = find_diag(&y->dl, "E_VALUE_COUNT");
    assert_int_equal(d->row, 2);
    assert_int_equal(d->col, 4);
    assert_string_equal(d->message, "ô chứa số 148 nhưng được định dạng ngày/giờ (đọc là "
                                    "'00:00:00'), không phải là số; đổi định dạng ô sang Số "
                                    "(Number), xem lại số liệu rồi lưu lại");
    d = find_diag(&y->dl, "E_VALUE_MONEY");
    assert_non_null(d);
    assert_non_null(strstr(d->message, "ô chứa số 12,5 nhưng được định dạng ngày/giờ (đọc là "
                                       "'1900-01-12 12:00:00')"));
    for (size_t i = 0; i < y->dl.n; i++)
        if (y->dl.items[i].row == 4)
            d = &y->dl.items[i];
    assert_int_equal(d->row, 4);
    assert_string_equal(d->message, "ô được định dạng ngày/giờ (đọc là '1900-05-21'), không "
                                    "phải là số; đổi định dạng ô sang Số (Number), xem lại số "
                                    "liệu rồi lưu lại");
}

static void garbled_utf8_in_a_refused_value_is_said_with_what_it_was(void **state)
{
    year *y = *state;
    const eg_diag *d;

    feed(y, 1, 2, "GL.STTTT", "ht.wan", "c\xC3\x83\xC2\xB3");           /* cÃ³ */
    feed(y, 1, 3, "GL.STTTT", "ht.lan_internet", "c\xC3\xB3 ch\xE1\xBB\xA9");  /* có chứ */
    everyone_submits(y);
    finish(y);
    assert_int_equal(count_code(&y->dl, "E_VALUE_BOOL"), 2);
    d = find_diag(&y->dl, "E_VALUE_BOOL");
    assert_int_equal(d->row, 2);
    assert_non_null(strstr(d->message, "chữ 'cÃ³' bị lỗi bảng mã, có lẽ là 'có': tệp CSV UTF-8"));
    d = &y->dl.items[y->dl.n - 1];
    assert_int_equal(d->row, 3);
    assert_null(strstr(d->message, "bị lỗi bảng mã"));
}

static void a_long_garbled_value_is_quoted_in_part(void **state)
{
    year *y = *state;
    char value[3 * 100 * 4 + 1] = "";
    const eg_diag *d;

    for (int i = 0; i < 100; i++)
        strcat(value, "c\xC3\x83\xC2\xB3");                   /* cÃ³ a hundred times */
    feed(y, 1, 2, "GL.STTTT", "ht.wan", value);
    everyone_submits(y);
    finish(y);
    d = find_diag(&y->dl, "E_VALUE_BOOL");
    assert_non_null(d);
    assert_true(strlen(d->message) < 600);
    assert_non_null(strstr(d->message, "…' bị lỗi bảng mã, có lẽ là 'cócó"));
    assert_non_null(strstr(d->message, "cóc…': tệp CSV UTF-8"));       /* what it was, cut too */
}

static void empty_value_cell_is_kept_as_the_pairs_blank_place(void **state)
{
    year *y = *state;
    const eg_place *p;

    /* where a required value never given is said missing: the first row
     * that left it empty, at its value cell */
    assert_null(eg_dataset_blank(&y->ds, STTTT, ind_of("ht.wan")));
    feed(y, 1, 7, "GL.STTTT", "ht.wan", "");
    feed(y, 1, 9, "GL.STTTT", "ht.wan", "");
    feed(y, 0, 4, "GL.CPU", "ht.cbcc", "");
    feed(y, 0, 5, "GL.CPU", "ht.cbcc", "3");
    finish(y);
    p = eg_dataset_blank(&y->ds, STTTT, ind_of("ht.wan"));
    assert_non_null(p);
    assert_int_equal(p->file, 1);
    assert_int_equal(p->row, 7);
    assert_int_equal(p->col, 4);
    assert_int_equal(y->ds.n_blanks, 2);
    assert_null(eg_dataset_blank(&y->ds, STTTT, ind_of("ht.cbcc")));
    assert_null(eg_dataset_blank(&y->ds, CPU, ind_of("ht.wan")));
    /* a blank row above a value: the value is the pair's */
    assert_int_equal(eg_dataset_get(&y->ds, CPU, ind_of("ht.cbcc"))->i, 3);
}

static void a_value_sent_but_not_read_is_no_blank_place(void **state)
{
    year *y = *state;
    eg_raw_value rv = {
        .file = 1, .row = 8, .unit = "GL.STTTT", .unit_col = 2,
        .indicator = "tt.vb_den_xu_ly", .indicator_col = 3,
        .value = "", .value_col = 4, .value_error = 1, .note = "",
    };

    /* a value merged over several indicators' rows, an error cell: said
     * at its cell already, and not a cell left empty */
    eg_accept_raw(&y->acc, &rv);
    everyone_submits(y);
    finish(y);
    assert_null(eg_dataset_blank(&y->ds, STTTT, ind_of("tt.vb_den_xu_ly")));
    assert_int_equal(y->ds.n_blanks, 0);
}

static void unit_that_sent_nothing_is_not_submitted(void **state)
{
    year *y = *state;
    const eg_diag *d;

    /* everyone but the education department, one commune and the IT
     * department, whose rows give no value (a form sent back blank): a
     * rejected value and a row of an unknown indicator still count as
     * having sent something */
    feed(y, 0, 2, "GL", "gd.hop_truc_tuyen", "12");
    feed(y, 0, 4, "GL.PKU", "ht.cbcc", "abc");
    feed(y, 0, 5, "GL.CPU", "ht.cbcc", "3");
    feed(y, 0, 6, "GL.PKU.01", "ht.cbc", "3");
    feed(y, 1, 3, "GL.STTTT", "ht.wan", "");
    feed(y, 1, 4, "GL.STTTT", "ht.cbcc", "");
    finish(y);
    assert_int_equal(count_code(&y->dl, "W_NOT_SUBMITTED"), 3);
    d = find_diag(&y->dl, "W_NOT_SUBMITTED");
    assert_int_equal(d->severity, EG_WARNING);
    assert_string_equal(d->unit, "GL.STTTT");
    d = &y->dl.items[y->dl.n - 2];
    assert_string_equal(d->unit, "GL.SGDDT");
    assert_non_null(strstr(d->message, "Sở Giáo dục và Đào tạo"));
    assert_non_null(strstr(d->message, "2021"));
    assert_string_equal(y->dl.items[y->dl.n - 1].unit, "GL.CPU.01");
    assert_int_equal(y->ds.registry.items[STTTT].submitted, 0);
    assert_int_equal(y->ds.registry.items[PKU].submitted, 1);
    assert_int_equal(y->ds.registry.items[SGDDT].submitted, 0);
    /* the blank file said so, once, with its one unit */
    assert_int_equal(count_code(&y->dl, "W_NO_VALUES"), 1);
    d = find_diag(&y->dl, "W_NO_VALUES");
    assert_string_equal(d->file, "submissions/02-so.csv");
    assert_string_equal(d->unit, "GL.STTTT");
    assert_int_equal(d->row, 0);
    assert_non_null(strstr(d->message, "tệp có 2 dòng"));
}

static void row_without_a_unit_code_is_an_error(void **state)
{
    year *y = *state;
    const eg_diag *d;

    eg_raw_value no_name = {
        .file = 0, .row = 7, .unit = "", .indicator = "ht.cbcc", .indicator_col = 3,
        .value = "3", .value_col = 4, .note = "", .unit_name = "", .unit_name_col = 2,
    };

    feed(y, 0, 6, "", "ht.cbcc", "3");
    eg_accept_raw(&y->acc, &no_name);                    /* nor a name */
    everyone_submits(y);
    finish(y);
    assert_int_equal(y->dl.n, 2);
    assert_int_equal(count_code(&y->dl, "E_UNIT_MISSING"), 2);
    d = find_diag(&y->dl, "E_UNIT_MISSING");
    assert_non_null(d);
    assert_int_equal(d->row, 6);
    assert_int_equal(d->col, 2);
}

static void values_of_every_type_are_stored_by_type(void **state)
{
    year *y = *state;
    const eg_value *v;

    feed(y, 0, 2, "GL.PKU", "ht.mo_hinh_mot_cua", "Một cửa điện tử");
    feed(y, 0, 3, "GL.PKU", "diem.san_sang", "44,5");
    feed(y, 0, 4, "GL.PKU", "ht.lan_internet", "x");
    feed(y, 1, 2, "GL.STTTT", "diem.san_sang", "41");     /* above 40 for a department */
    everyone_submits(y);
    finish(y);
    assert_int_equal(y->dl.n, 1);
    assert_int_equal(count_code(&y->dl, "E_SCORE_RANGE"), 1);
    v = eg_dataset_get(&y->ds, PKU, ind_of("ht.mo_hinh_mot_cua"));
    assert_non_null(v);
    assert_int_equal(v->i, 1);
    v = eg_dataset_get(&y->ds, PKU, ind_of("diem.san_sang"));
    assert_non_null(v);
    assert_true(v->d == 44.5);
    v = eg_dataset_get(&y->ds, PKU, ind_of("ht.lan_internet"));
    assert_int_equal(v->i, 1);
    assert_null(eg_dataset_get(&y->ds, STTTT, ind_of("diem.san_sang")));
}

/* --- a comma-separated row cut by a comma (E_CSV_CUT_VALUE) --------------- */

/* A row of a comma-separated file: the value in column 4, the field after
 * it next, a field past the header's 5 columns at extra_col (0: none). */
static void feed_cut(year *y, long row, const char *ind, const char *value, const char *next,
                     int extra_col, const char *extra, int indicator_col)
{
    eg_raw_value rv = {
        .file = 0, .row = row,
        .unit = "GL.PKU", .unit_col = 2,
        .indicator = ind, .indicator_col = indicator_col,
        .value = value, .value_col = 4,
        .note = next, .value_next = next,
        .extra_col = extra_col, .extra = extra, .header_fields = 5,
    };

    eg_accept_raw(&y->acc, &rv);
}

static void a_number_cut_into_the_note_column_is_no_value(void **state)
{
    year *y = *state;
    const eg_diag *d;

    feed_cut(y, 2, "ht.cbcc", "45", "5", 0, NULL, 3);           /* 45,5 */
    feed_cut(y, 3, "diem.san_sang", "1.234", "5", 0, NULL, 3);   /* 1.234,5 */
    feed_cut(y, 4, "ht.cbcc_may_tinh", "40", "cả năm", 0, NULL, 3);
    feed_cut(y, 5, "ht.wan", "có", "12", 0, NULL, 3);           /* no number's first part */
    feed_cut(y, 6, "tt.vb_di", "45", "5%", 0, NULL, 3);         /* 45,5% */
    feed_cut(y, 7, "tt.vb_den", "45", "5 tờ", 0, NULL, 3);      /* a note */
    /* grouped by blanks, as a dot groups: 1 234,5 and 1 234 567,25 (a
     * space, then U+00A0) were read as 1234 and 1234567, with a note */
    feed_cut(y, 8, "tt.chung_thu_so", "1 234", "5", 0, NULL, 3);
    feed_cut(y, 9, "tt.hop_thu", "1\xC2\xA0" "234\xC2\xA0" "567", "25", 0, NULL, 3);
    feed_cut(y, 10, "tt.dung_thu", "1 234", "5 hồ sơ", 0, NULL, 3);  /* a note */
    everyone_submits(y);
    finish(y);
    assert_int_equal(count_code(&y->dl, "E_CSV_CUT_VALUE"), 5);
    assert_null(eg_dataset_get(&y->ds, PKU, ind_of("tt.chung_thu_so")));
    assert_null(eg_dataset_get(&y->ds, PKU, ind_of("tt.hop_thu")));
    assert_int_equal(eg_dataset_get(&y->ds, PKU, ind_of("tt.dung_thu"))->i, 1234);
    d = find_diag(&y->dl, "E_CSV_CUT_VALUE");
    assert_int_equal(d->row, 2);
    assert_int_equal(d->col, 4);
    assert_non_null(strstr(d->message, "(45,5)"));
    assert_null(eg_dataset_get(&y->ds, PKU, ind_of("ht.cbcc")));
    assert_null(eg_dataset_get(&y->ds, PKU, ind_of("diem.san_sang")));
    assert_int_equal(eg_dataset_get(&y->ds, PKU, ind_of("ht.cbcc_may_tinh"))->i, 40);
    assert_int_equal(eg_dataset_get(&y->ds, PKU, ind_of("ht.wan"))->i, 1);
    assert_null(eg_dataset_get(&y->ds, PKU, ind_of("tt.vb_di")));
    assert_int_equal(eg_dataset_get(&y->ds, PKU, ind_of("tt.vb_den"))->i, 45);
    assert_string_equal(eg_dataset_get(&y->ds, PKU, ind_of("tt.vb_den"))->note, "5 tờ");
}

static void a_note_cut_after_the_value_keeps_the_value_where_the_cut_is_placed(void **state)
{
    year *y = *state;
    const eg_diag *d;

    /* the value's column (4) right after the indicator's (3): read */
    feed_cut(y, 2, "ht.cbcc", "103", "Gồm 50 nam", 6, "53 nữ", 3);
    /* a number cut into the note's column, and the row past the header
     * too: the value is cut, said once */
    feed_cut(y, 4, "ht.bdvhx_internet", "45", "5", 6, "x", 3);
    /* the unit's column (2) and the value's (4) with another between: not placed */
    feed_cut(y, 3, "ht.cbcc_may_tinh", "40", "máy bàn", 6, "laptop", 1);
    everyone_submits(y);
    finish(y);
    assert_int_equal(count_code(&y->dl, "W_CSV_EXTRA_FIELD"), 1);
    d = find_diag(&y->dl, "W_CSV_EXTRA_FIELD");
    assert_int_equal(d->row, 2);
    assert_int_equal(d->col, 6);
    assert_int_equal(eg_dataset_get(&y->ds, PKU, ind_of("ht.cbcc"))->i, 103);
    assert_int_equal(count_code(&y->dl, "E_CSV_EXTRA_FIELD"), 2);
    assert_int_equal(count_code(&y->dl, "E_CSV_CUT_VALUE"), 0);
    assert_int_equal(find_diag(&y->dl, "E_CSV_EXTRA_FIELD")->row, 4);
    assert_int_equal(find_diag(&y->dl, "E_CSV_EXTRA_FIELD")->col, 6);
    assert_int_equal(y->dl.items[y->dl.n - 1].row, 3);
    assert_non_null(strstr(y->dl.items[y->dl.n - 1].message,
                           "dòng có 'laptop' ở cột 6, vượt quá 5 cột của dòng tiêu đề"));
    assert_null(eg_dataset_get(&y->ds, PKU, ind_of("ht.bdvhx_internet")));
    assert_null(eg_dataset_get(&y->ds, PKU, ind_of("ht.cbcc_may_tinh")));
}

/* A value sent that could not be read (an error cell, a value cut by a
 * comma) is sent: the unit has submitted, by code or by a name in the
 * code's column.  A blank form of several units names none of them. */
static void a_unit_has_submitted_a_value_sent_unread_or_cut(void **state)
{
    year *y = *state;
    eg_raw_value error_cell = {
        .file = 0, .row = 2, .unit = "GL.CPU", .unit_col = 2, .indicator = "ht.cbcc",
        .indicator_col = 3, .value = "", .value_col = 4, .value_error = 1, .note = "",
    };
    const eg_diag *d;

    eg_accept_raw(&y->acc, &error_cell);
    error_cell.row = 3;
    error_cell.unit = "Xã Ia Dreng";
    eg_accept_raw(&y->acc, &error_cell);
    feed_cut(y, 4, "ht.cbcc", "", "", 6, "5", 3);
    feed(y, 1, 2, "GL.STTTT", "ht.cbcc", "");
    feed(y, 1, 3, "GL.SGDDT", "ht.cbcc", "");
    finish(y);
    assert_int_equal(y->ds.registry.items[CPU].submitted, 1);
    assert_int_equal(y->ds.registry.items[CPU01].submitted, 1);
    assert_int_equal(y->ds.registry.items[PKU].submitted, 1);
    assert_int_equal(y->ds.registry.items[STTTT].submitted, 0);
    assert_int_equal(count_code(&y->dl, "W_NO_VALUES"), 1);
    d = find_diag(&y->dl, "W_NO_VALUES");
    assert_string_equal(d->file, "submissions/02-so.csv");
    assert_null(d->unit);
    assert_non_null(strstr(d->message, "tệp có 2 dòng"));
    assert_non_null(strstr(d->message, "các đơn vị đó được tính là chưa nộp"));
}

/* A note cut after the value is placed by the unit's and the
 * indicator's columns whichever comes first, both of them known. */
static void a_note_cut_is_placed_after_both_columns_in_either_order(void **state)
{
    year *y = *state;
    eg_raw_value rv = {
        .file = 0, .row = 2, .unit = "GL.PKU", .unit_col = 3,
        .indicator = "ht.cbcc", .indicator_col = 2, .value = "103", .value_col = 4,
        .note = "Gồm 50 nam", .value_next = "Gồm 50 nam",
        .extra_col = 6, .extra = "53 nữ", .header_fields = 5,
    };

    eg_accept_raw(&y->acc, &rv);         /* the indicator's, the unit's, the value's */
    rv.row = 3;
    rv.indicator = "ht.cbcc_may_tinh";
    rv.indicator_col = 0;                 /* no indicator's column known: not placed */
    eg_accept_raw(&y->acc, &rv);
    everyone_submits(y);
    finish(y);
    assert_int_equal(y->dl.n, 2);
    assert_string_equal(y->dl.items[0].code, "W_CSV_EXTRA_FIELD");
    assert_int_equal(eg_dataset_get(&y->ds, PKU, ind_of("ht.cbcc"))->i, 103);
    assert_string_equal(y->dl.items[1].code, "E_CSV_EXTRA_FIELD");
    assert_null(eg_dataset_get(&y->ds, PKU, ind_of("ht.cbcc_may_tinh")));
}

/* An empty value before a note of digits is a blank cell, not the first
 * half of a number; digits and a percent sign after blanks, or an amount
 * in words (VNĐ too), are a second half. */
static void a_cut_is_found_after_blanks_and_never_before_an_empty_value(void **state)
{
    year *y = *state;
    const eg_diag *d;

    feed_cut(y, 2, "ht.cbcc", "", "12", 0, NULL, 3);
    feed_cut(y, 3, "tt.vb_di", "45", "5 %", 0, NULL, 3);        /* 45,5 % */
    feed_cut(y, 4, "dt.kinh_phi_cntt", "1", "5 VNĐ", 0, NULL, 3);
    everyone_submits(y);
    finish(y);
    assert_int_equal(y->dl.n, 2);
    assert_int_equal(count_code(&y->dl, "E_CSV_CUT_VALUE"), 2);
    assert_int_equal(y->dl.items[0].row, 3);
    assert_non_null(strstr(y->dl.items[0].message, "ghi số trong dấu ngoặc kép (\"45,5 %\")"));
    d = &y->dl.items[1];
    assert_int_equal(d->row, 4);
    assert_non_null(strstr(d->message, "ghi giá trị là một số đầy đủ, không kèm chữ"));
    assert_null(eg_dataset_get(&y->ds, PKU, ind_of("ht.cbcc")));
    assert_non_null(eg_dataset_blank(&y->ds, PKU, ind_of("ht.cbcc")));
    assert_null(eg_dataset_get(&y->ds, PKU, ind_of("dt.kinh_phi_cntt")));
}

/* A report that is no value (cut in two, or a row of another delimiter)
 * and a value of the pair are a conflict that says what the first was;
 * the same text cut and unreadable is the same report, said twice. */
static void a_conflict_says_a_report_cut_or_of_another_delimiter_as_such(void **state)
{
    year *y = *state;
    eg_raw_value alien = {
        .file = 0, .row = 5, .unit = "GL.CPU", .unit_col = 1,
        .indicator = "ht.cbcc", .indicator_col = 2,
        .value = "7", .value_col = 3, .note = "",
        .alien_delimiter = ';', .alien_col = 1,
    };

    feed_cut(y, 2, "ht.cbcc", "45", "5", 0, NULL, 3);
    feed(y, 0, 3, "GL.PKU", "ht.cbcc", "46");
    eg_accept_raw(&y->acc, &alien);
    feed(y, 0, 6, "GL.CPU", "ht.cbcc", "7");
    feed_cut(y, 7, "ht.cbcc_may_tinh", "1.2.3", "5", 0, NULL, 3);
    feed(y, 0, 8, "GL.PKU", "ht.cbcc_may_tinh", "1.2.3");
    everyone_submits(y);
    finish(y);
    assert_int_equal(count_code(&y->dl, "E_DUPLICATE_CONFLICT"), 2);
    assert_non_null(strstr(find_diag(&y->dl, "E_DUPLICATE_CONFLICT")->message,
                           "là '46' ở dòng này và là giá trị bị cắt làm hai (do dấu phẩy nằm ngoài "
                           "dấu ngoặc kép) tại submissions/01-huyen.csv:2:4"));
    for (size_t i = 0; i < y->dl.n; i++)
        if (strcmp(y->dl.items[i].code, "E_DUPLICATE_CONFLICT") == 0 && y->dl.items[i].row == 6)
            assert_non_null(strstr(y->dl.items[i].message,
                                   "là '7' ở dòng này và là dòng dùng dấu phân cách khác, nằm cả "
                                   "trong một ô tại submissions/01-huyen.csv:5:3"));
    assert_int_equal(y->dl.items[y->dl.n - 1].row, 8);
    assert_string_equal(y->dl.items[y->dl.n - 1].code, "E_VALUE_COUNT");
    assert_null(eg_dataset_get(&y->ds, CPU, ind_of("ht.cbcc")));
}

/* E_CSV_DELIMITER names the delimiter the row was written with. */
static void a_row_of_another_delimiter_is_said_with_its_delimiter(void **state)
{
    year *y = *state;
    static const struct {
        char delimiter;
        const char *name;
    } rows[] = { { ',', "dấu phẩy (,)" }, { ';', "dấu chấm phẩy (;)" }, { '\t', "dấu tab" } };

    for (size_t i = 0; i < 3; i++) {
        eg_raw_value rv = {
            .file = 0, .row = (long)i + 2, .unit = "GL.CPU", .unit_col = 1,
            .indicator = "ht.cbcc", .indicator_col = 2,
            .value = "12.345", .value_col = 3, .note = "",
            .alien_delimiter = rows[i].delimiter, .alien_col = 1,
        };
        char *want = eg_xasprintf("dòng được phân cách bằng %s, khác với dòng tiêu đề của tệp: "
                                  "cả dòng nằm trong một ô, nên giá trị '12.345' không", rows[i].name);

        eg_accept_raw(&y->acc, &rv);
        assert_string_equal(y->dl.items[i].code, "E_CSV_DELIMITER");
        assert_int_equal(y->dl.items[i].col, 1);
        assert_non_null(strstr(y->dl.items[i].message, want));
        free(want);
    }
    /* a line of text so split that names no unit is no unit's row */
    {
        eg_raw_value text = {
            .file = 0, .row = 9, .unit = "Gồm: Phòng A", .unit_col = 1,
            .indicator = "ht.cbcc", .indicator_col = 2, .value = "Phòng B", .value_col = 3,
            .note = "", .alien_delimiter = ',', .alien_col = 1,
        };

        eg_accept_raw(&y->acc, &text);
        assert_int_equal(y->dl.n, 3);
    }
}

/* A report of a percentage is compared as its number: 96,2% and 96,3%
 * are a conflict, 96,2% and 96,20% the same. */
static void duplicate_percentages_are_compared_as_numbers(void **state)
{
    year *y = *state;
    eg_layouts L;
    int k = retyped(y, &L, "tt.vb_di", EG_TYPE_PERCENT);

    feed(y, 0, 2, "GL.CPU", "tt.vb_di", "96,2%");
    feed(y, 0, 3, "GL.CPU", "tt.vb_di", "96,3%");
    feed(y, 0, 4, "GL.PKU", "tt.vb_di", "96,2%");
    feed(y, 0, 5, "GL.PKU", "tt.vb_di", "96,20%");
    everyone_submits(y);
    finish(y);
    free(L.cat.items);
    assert_int_equal(count_code(&y->dl, "E_DUPLICATE_CONFLICT"), 1);
    assert_int_equal(find_diag(&y->dl, "E_DUPLICATE_CONFLICT")->row, 3);
    assert_int_equal(count_code(&y->dl, "W_DUPLICATE"), 1);
    assert_null(eg_dataset_get(&y->ds, CPU, k));
    assert_true(eg_dataset_get(&y->ds, PKU, k)->d == 96.2);
}

/* A text refused by its pattern that begins with '=' is told of the
 * pattern alone: a formula is said where a number is due, not here. */
static void a_text_beginning_with_an_equals_sign_is_no_formula(void **state)
{
    year *y = *state;
    eg_layouts L;
    char err[256];
    int k = retyped(y, &L, "tt.vb_den", EG_TYPE_TEXT);

    L.cat.items[k].pattern = eg_pattern_compile("[0-9]+", err, sizeof err);
    assert_non_null(L.cat.items[k].pattern);
    feed(y, 1, 2, "GL.STTTT", "tt.vb_den", "=A1");
    everyone_submits(y);
    finish(y);
    eg_pattern_free(L.cat.items[k].pattern);
    free(L.cat.items);
    assert_int_equal(y->dl.n, 1);
    assert_string_equal(y->dl.items[0].code, "E_VALUE_PATTERN");
    assert_string_equal(y->dl.items[0].message, "'=A1' không khớp với mẫu định dạng [0-9]+");
}

/* Reports of a text are compared as written: two texts are a conflict. */
static void duplicate_texts_are_compared_as_written(void **state)
{
    year *y = *state;
    eg_layouts L;
    int k = retyped(y, &L, "tt.vb_den", EG_TYPE_TEXT);

    feed(y, 1, 2, "GL.STTTT", "tt.vb_den", "VNPT iOffice");
    feed(y, 1, 3, "GL.STTTT", "tt.vb_den", "eOffice");
    everyone_submits(y);
    finish(y);
    free(L.cat.items);
    assert_int_equal(count_code(&y->dl, "E_DUPLICATE_CONFLICT"), 1);
    assert_non_null(strstr(y->dl.items[0].message, "là 'eOffice' ở dòng này và là 'VNPT iOffice'"));
    assert_null(eg_dataset_get(&y->ds, STTTT, k));
}

/* A percentage above 100 in a cell formatted Percent is refused as a
 * percentage: the format is no mistake for it. */
static void a_percentage_in_a_percent_cell_is_not_told_of_the_format(void **state)
{
    year *y = *state;
    eg_layouts L;
    eg_raw_value rv = {
        .file = 0, .row = 2, .unit = "GL.PKU", .unit_col = 2, .indicator = "tt.vb_di",
        .indicator_col = 3, .value = "146%", .value_col = 4, .value_percent = 1, .note = "",
    };

    retyped(y, &L, "tt.vb_di", EG_TYPE_PERCENT);
    eg_accept_raw(&y->acc, &rv);
    /* a count is: quoted as the cell shows it, without what no one sees */
    rv.row = 3;
    rv.indicator = "ht.cbcc";
    rv.value = "46%\xE2\x80\x8B";
    eg_accept_raw(&y->acc, &rv);
    everyone_submits(y);
    finish(y);
    free(L.cat.items);
    assert_int_equal(y->dl.n, 2);
    assert_non_null(strstr(y->dl.items[1].message, "ô được định dạng phần trăm (Percent) nên số "
                                                   "trong ô được đọc như ô hiển thị, là '46%'; "));
    assert_string_equal(y->dl.items[0].code, "E_VALUE_PERCENT");
    assert_non_null(strstr(y->dl.items[0].message, "'146%' không phải là tỷ lệ phần trăm"));
    assert_null(strstr(y->dl.items[0].message, "Percent"));
}

/* The header row again is no unit's row; an unknown code is named as
 * written (the codes' capitals are ASCII's). */
static void a_repeated_header_is_skipped_and_an_unknown_code_named_as_written(void **state)
{
    year *y = *state;
    const eg_diag *d;

    feed(y, 0, 5, "Mã đơn vị", "Mã chỉ tiêu", "Giá trị");
    feed(y, 0, 6, "ma_don_vi", "ma_chi_tieu", "gia_tri");
    feed(y, 0, 7, "Tổng cộng", "ht.cbcc", "200");
    feed(y, 0, 8, "Mã đơn vị", "ht.cbcc", "1");     /* an indicator: not the header */
    everyone_submits(y);
    finish(y);
    assert_int_equal(count_code(&y->dl, "E_UNKNOWN_UNIT"), 2);
    d = find_diag(&y->dl, "E_UNKNOWN_UNIT");
    assert_int_equal(d->row, 7);
    assert_string_equal(d->unit, "Tổng cộng");
    assert_non_null(strstr(d->message, "'Tổng cộng'"));
}

/* A header again is found by any name its columns go by, the last too. */
static void a_header_again_is_found_by_each_name_of_its_columns(void **state)
{
    year *y = *state;
    eg_layouts L = eg_test_layouts;
    char *unit_names[] = { "don vi", "ma dv" }, *indicator_names[] = { "chi tieu", "ma ct" };

    L.columns[EG_COL_UNIT].aliases = unit_names;
    L.columns[EG_COL_UNIT].n_aliases = 2;
    L.columns[EG_COL_INDICATOR].aliases = indicator_names;
    L.columns[EG_COL_INDICATOR].n_aliases = 2;
    y->acc.L = &L;
    feed(y, 0, 5, "Mã ĐV", "Mã CT", "Giá trị");
    feed(y, 0, 6, "Đơn vị", "Chỉ tiêu", "Giá trị");
    everyone_submits(y);
    finish(y);
    assert_int_equal(y->dl.n, 0);
}

/* --- units named instead of coded (normalize/unitname.h) ------------------ */

/* One row whose unit is named (column 2) and not coded. */
static void feed_named(year *y, int file, long row, const char *code, const char *name,
                       const char *ind, const char *value)
{
    eg_raw_value rv = {
        .file = file, .row = row,
        .unit = code, .unit_col = code[0] ? 1 : 0,
        .indicator = ind, .indicator_col = 3,
        .value = value, .value_col = 4,
        .note = "",
        .unit_name = name, .unit_name_col = 2,
    };

    eg_accept_raw(&y->acc, &rv);
}

static void unit_named_without_a_code_is_matched_with_one_warning_per_file(void **state)
{
    year *y = *state;
    const eg_value *v;
    const eg_diag *d;

    /* without case or diacritics, twice in one file, once in another */
    feed_named(y, 0, 5, "", "XA IA DRENG", "ht.cbcc", "12");
    feed_named(y, 0, 6, "", "Xã Ia Dreng", "ht.wan", "có");
    feed_named(y, 1, 3, "", "xa ia dreng", "ht.lan_internet", "có");
    everyone_submits(y);
    finish(y);
    assert_int_equal(count_code(&y->dl, "W_UNIT_BY_NAME"), 2);
    assert_int_equal(y->dl.n, 2);
    d = find_diag(&y->dl, "W_UNIT_BY_NAME");
    assert_int_equal(d->severity, EG_WARNING);
    assert_string_equal(d->file, "submissions/01-huyen.csv");
    assert_int_equal(d->row, 5);
    assert_int_equal(d->col, 2);
    assert_string_equal(d->unit, "GL.CPU.01");
    assert_non_null(strstr(d->message, "Xã Ia Dreng"));
    v = eg_dataset_get(&y->ds, CPU01, ind_of("ht.cbcc"));
    assert_non_null(v);
    assert_int_equal(v->i, 12);
    assert_non_null(eg_dataset_get(&y->ds, CPU01, ind_of("ht.wan")));
    assert_non_null(eg_dataset_get(&y->ds, CPU01, ind_of("ht.lan_internet")));
}

/* A problem said at a row before the row's unit name was matched (an
 * unreadable field) names that unit when the file is done: that file's
 * own, at that row, past what the next file's reading has said since,
 * and not another file's at a row of the same number. */
static void a_row_s_earlier_problem_names_the_unit_its_name_matched(void **state)
{
    year *y = *state;
    eg_raw_value rv = {
        .file = 0, .row = 5, .unit = "", .indicator = "ht.cbcc", .indicator_col = 3,
        .value = "12", .value_col = 4, .note = "",
        .unit_name = "Xã Ia Dreng", .unit_name_col = 2, .row_said = 1,
    };

    eg_diag_add(&y->dl, EG_ERROR, "E_TEXT_ENCODING", "submissions/02-so.csv", 5, 5, NULL, NULL,
                "của tệp khác");
    eg_diag_add(&y->dl, EG_ERROR, "E_TEXT_ENCODING", "submissions/01-huyen.csv", 5, 5, NULL, NULL,
                "của dòng này");
    eg_accept_raw(&y->acc, &rv);
    eg_diag_add(&y->dl, EG_ERROR, "E_TEXT_NUL", "submissions/02-so.csv", 9, 5, NULL, NULL,
                "của tệp kế tiếp");
    feed(y, 1, 9, "GL.STTTT", "ht.cbcc", "3");
    everyone_submits(y);
    finish(y);
    assert_string_equal(y->dl.items[1].message, "của dòng này");
    assert_non_null(y->dl.items[1].unit);
    assert_string_equal(y->dl.items[1].unit, "GL.CPU.01");
    assert_null(y->dl.items[0].unit);
    assert_string_equal(y->dl.items[3].message, "của tệp kế tiếp");
    assert_null(y->dl.items[3].unit);
    assert_int_equal(eg_dataset_get(&y->ds, CPU01, ind_of("ht.cbcc"))->i, 12);
}

static void unit_name_may_carry_ubnd_or_drop_its_kind_word(void **state)
{
    year *y = *state;

    feed_named(y, 0, 2, "", "UBND huyện Chư Pưh", "ht.cbcc", "7");
    feed_named(y, 0, 3, "", "Ayun Pa", "ht.cbcc", "8");
    feed_named(y, 0, 4, "", "Ủy ban nhân dân Thị xã Ayun Pa", "ht.wan", "có");
    everyone_submits(y);
    finish(y);
    assert_int_equal(count_code(&y->dl, "W_UNIT_BY_NAME"), 2);    /* one per unit */
    assert_int_equal(count_code(&y->dl, "E_UNKNOWN_UNIT_NAME"), 0);
    assert_int_equal(eg_dataset_get(&y->ds, CPU, ind_of("ht.cbcc"))->i, 7);
    assert_int_equal(eg_dataset_get(&y->ds, PKU, ind_of("ht.cbcc"))->i, 8);
    assert_non_null(eg_dataset_get(&y->ds, PKU, ind_of("ht.wan")));
}

static void unknown_unit_name_is_an_error_that_suggests_the_nearest_name(void **state)
{
    year *y = *state;
    const eg_diag *d;

    feed_named(y, 0, 9, "", "Xã Ia Drang", "ht.cbcc", "12");
    feed_named(y, 0, 10, "", "Phòng Nội vụ Hà Nội", "ht.cbcc", "12");
    everyone_submits(y);
    finish(y);
    assert_int_equal(count_code(&y->dl, "E_UNKNOWN_UNIT_NAME"), 2);
    d = find_diag(&y->dl, "E_UNKNOWN_UNIT_NAME");
    assert_int_equal(d->severity, EG_ERROR);
    assert_int_equal(d->row, 9);
    assert_int_equal(d->col, 2);
    assert_string_equal(d->indicator, "ht.cbcc");
    assert_non_null(strstr(d->message, "có phải là 'Xã Ia Dreng' (GL.CPU.01) không?"));
    assert_null(strstr(y->dl.items[1].message, "có phải là"));   /* nothing close */
    assert_null(eg_dataset_get(&y->ds, CPU01, ind_of("ht.cbcc")));
    assert_int_equal(y->ds.n_values, 0);
    assert_int_equal(y->dl.n, 2);
    assert_int_equal(count_code(&y->dl, "W_UNIT_BY_NAME"), 0);
}

static void code_and_name_of_two_units_on_one_row_is_an_error(void **state)
{
    year *y = *state;
    const eg_diag *d;

    /* Phường Cheo Reo's code, Xã Ia Dreng's name: a row copied from
     * another unit's, or a code typed wrong */
    feed_named(y, 0, 2, "GL.PKU.01", "Xã Ia Dreng", "ht.cbcc", "5");
    /* a district's code, one of its communes' names: no more its own */
    feed_named(y, 0, 3, "GL.CPU", "Xã Ia Dreng", "ht.cbcc", "6");
    everyone_submits(y);
    finish(y);
    assert_int_equal(y->dl.n, 2);
    assert_int_equal(count_code(&y->dl, "E_UNIT_NAME_MISMATCH"), 2);
    d = find_diag(&y->dl, "E_UNIT_NAME_MISMATCH");
    assert_int_equal(d->severity, EG_ERROR);
    assert_string_equal(d->file, "submissions/01-huyen.csv");
    assert_int_equal(d->row, 2);
    assert_int_equal(d->col, 1);
    assert_string_equal(d->unit, "GL.PKU.01");
    assert_string_equal(d->indicator, "ht.cbcc");
    assert_string_equal(d->message,
                        "mã đơn vị GL.PKU.01 là của Phường Cheo Reo, nhưng tên đơn vị ở dòng "
                        "này, 'Xã Ia Dreng', là của Xã Ia Dreng (GL.CPU.01): không rõ số liệu "
                        "của đơn vị nào nên không được tính; sửa mã đơn vị hoặc tên đơn vị cho "
                        "khớp");
    /* left out, for both */
    assert_null(eg_dataset_get(&y->ds, PKU01, ind_of("ht.cbcc")));
    assert_null(eg_dataset_get(&y->ds, CPU, ind_of("ht.cbcc")));
    assert_null(eg_dataset_get(&y->ds, CPU01, ind_of("ht.cbcc")));
}

static void code_wins_over_a_name_of_its_own_unit_above_or_of_none(void **state)
{
    year *y = *state;

    /* its own name, as written or without its kind word */
    feed_named(y, 0, 2, "GL.CPU.01", "XÃ IA DRENG", "ht.cbcc", "5");
    feed_named(y, 0, 3, "GL.CPU.01", "Ia Dreng", "ht.wan", "có");
    /* the district's and the province's names on a commune's rows: the
     * sender's */
    feed_named(y, 0, 4, "GL.PKU.01", "UBND thị xã Ayun Pa", "ht.cbcc", "7");
    feed_named(y, 0, 5, "GL.PKU.01", "Tỉnh Gia Lai", "ht.wan", "có");
    /* a row giving no value says nothing */
    feed_named(y, 0, 6, "GL.PKU", "Xã Ia Dreng", "ht.lan_internet", "");
    /* a name of no unit of the registry, or of several: the code holds */
    feed_named(y, 1, 2, "GL.STTTT", "Phòng Bưu chính", "ht.cbcc", "30");
    feed_named(y, 1, 3, "GL.SGDDT", "Sở", "ht.cbcc", "40");
    everyone_submits(y);
    finish(y);
    assert_int_equal(y->dl.n, 0);
    assert_int_equal(eg_dataset_get(&y->ds, CPU01, ind_of("ht.cbcc"))->i, 5);
    assert_non_null(eg_dataset_get(&y->ds, CPU01, ind_of("ht.wan")));
    assert_int_equal(eg_dataset_get(&y->ds, PKU01, ind_of("ht.cbcc"))->i, 7);
    assert_non_null(eg_dataset_get(&y->ds, PKU01, ind_of("ht.wan")));
    assert_int_equal(eg_dataset_get(&y->ds, STTTT, ind_of("ht.cbcc"))->i, 30);
    assert_int_equal(eg_dataset_get(&y->ds, SGDDT, ind_of("ht.cbcc"))->i, 40);
}

/* A registry of n units (code, name), each at the level given. */
static void registry_of(eg_registry *reg, const char *const (*units)[2], size_t n,
                        eg_level level)
{
    memset(reg, 0, sizeof *reg);
    reg->items = eg_xcalloc(n, sizeof *reg->items);
    for (size_t i = 0; i < n; i++) {
        reg->items[i].code = eg_xstrdup(units[i][0]);
        reg->items[i].name = eg_xstrdup(units[i][1]);
        reg->items[i].folded_name = eg_fold(units[i][1]);
        reg->items[i].level = level;
        reg->items[i].parent = -1;
        eg_strmap_put(&reg->index, units[i][0], (int)i);
    }
    reg->n = n;
}

static void names_that_fold_alike_are_ambiguous_unless_the_diacritics_decide(void **state)
{
    eg_registry reg;
    eg_unit_names cache;
    eg_diag_list dl = { 0 };
    const eg_diag *d;
    static const char *const units[][2] = {
        { "GL.CPU.02", "Xã Ia Le" }, { "GL.CPU.03", "Xã Ia Lê" }, { "GL.CPU.04", "Xã Ia Dreng" },
    };

    (void)state;
    memset(&cache, 0, sizeof cache);
    registry_of(&reg, units, 3, EG_LEVEL_XA);
    /* "Xa Ia Le" fits both and neither exactly */
    assert_int_equal(eg_unit_by_name(&cache, &reg, "Xa Ia Le", 0, "submissions/x.csv", 4, 2,
                                     "ht.cbcc", &dl), -1);
    d = find_diag(&dl, "E_UNIT_NAME_AMBIGUOUS");
    assert_non_null(d);
    assert_int_equal(d->row, 4);
    assert_int_equal(d->col, 2);
    assert_non_null(strstr(d->message, "GL.CPU.02"));
    assert_non_null(strstr(d->message, "GL.CPU.03"));
    /* the same name again: the same error at its row */
    assert_int_equal(eg_unit_by_name(&cache, &reg, "xa ia le", 0, "submissions/x.csv", 5, 2,
                                     "ht.wan", &dl), -1);
    assert_int_equal(count_code(&dl, "E_UNIT_NAME_AMBIGUOUS"), 2);
    /* with its diacritics, only case ignored, a name decides */
    assert_int_equal(eg_unit_by_name(&cache, &reg, "XÃ IA LÊ", 0, "submissions/x.csv", 6, 2,
                                     "ht.cbcc", &dl), 1);
    assert_int_equal(eg_unit_by_name(&cache, &reg, "Ia Dreng", 0, "submissions/x.csv", 7, 2,
                                     "ht.cbcc", &dl), 2);
    assert_int_equal(count_code(&dl, "W_UNIT_BY_NAME"), 2);
    eg_unit_names_free(&cache);
    eg_diag_free(&dl);
    eg_registry_free(&reg);
}

/* Clerks shorten the kind word: "TP Kon Tum" is the city, not the
 * province "Tỉnh Kon Tum" (the nearest name by letters, once suggested). */
static void a_shortened_kind_word_is_written_out(void **state)
{
    eg_registry reg;
    eg_unit_names cache;
    eg_diag_list dl = { 0 };
    const eg_diag *d;
    static const char *const units[][2] = {
        { "KT", "Tỉnh Kon Tum" }, { "KT.KTU", "Thành phố Kon Tum" }, { "KT.DHA", "Huyện Đăk Hà" },
        { "KT.DHA.01", "Thị trấn Đăk Hà" },
    };

    (void)state;
    memset(&cache, 0, sizeof cache);
    registry_of(&reg, units, 4, EG_LEVEL_HUYEN);
    assert_int_equal(eg_unit_by_name(&cache, &reg, "TP Kon Tum", 0, "x.csv", 2, 2, "ht.cbcc", &dl), 1);
    assert_int_equal(eg_unit_by_name(&cache, &reg, "UBND TP. Kon Tum", 0, "x.csv", 3, 2,
                                     "ht.cbcc", &dl), 1);
    assert_int_equal(eg_unit_by_name(&cache, &reg, "H. Đăk Hà", 0, "x.csv", 4, 2, "ht.cbcc", &dl), 2);
    assert_int_equal(eg_unit_by_name(&cache, &reg, "TT Đăk Hà", 0, "x.csv", 5, 2, "ht.cbcc", &dl), 3);
    assert_int_equal(eg_unit_by_name(&cache, &reg, "Kon Tum", 0, "x.csv", 6, 2, "ht.cbcc", &dl), -1);
    assert_non_null(find_diag(&dl, "E_UNIT_NAME_AMBIGUOUS"));     /* the province or the city */
    assert_int_equal(eg_unit_by_name(&cache, &reg, "TP Kon Tumm", 0, "x.csv", 7, 2, "ht.cbcc", &dl), -1);
    d = find_diag(&dl, "E_UNKNOWN_UNIT_NAME");
    assert_non_null(d);
    assert_non_null(strstr(d->message, "có phải là 'Thành phố Kon Tum' (KT.KTU) không?"));
    eg_unit_names_free(&cache);
    eg_diag_free(&dl);
    eg_registry_free(&reg);
}

int main(void)
{
#define Y(name) cmocka_unit_test_setup_teardown(name, year_setup, year_teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(count_reads_dotted_thousands),
        cmocka_unit_test(count_refuses_fractions_signs_and_words),
        cmocka_unit_test(money_reads_dong_and_has_its_own_code),
        cmocka_unit_test(number_reads_a_lone_dot_as_the_decimal_mark),
        cmocka_unit_test(percent_reads_a_percentage_not_a_fraction),
        cmocka_unit_test(bool_reads_vietnamese_yes_and_no),
        cmocka_unit_test(enum_reads_a_code_without_regard_to_case),
        cmocka_unit_test(enum_reads_a_label_without_case_or_diacritics),
        cmocka_unit_test(enum_refuses_another_word_and_lists_the_options),
        cmocka_unit_test(score_reads_a_decimal_comma),
        cmocka_unit_test(score_above_the_maximum_of_its_level_is_refused),
        cmocka_unit_test(a_score_s_maximum_is_said_with_the_decimals_it_has),
        cmocka_unit_test(pattern_constrains_a_text_value),
        cmocka_unit_test(a_value_of_the_wrong_type_is_said_so_before_its_pattern_is_tried),
        cmocka_unit_test(a_long_value_is_quoted_cut_between_characters),
        cmocka_unit_test(a_value_is_read_without_the_characters_no_one_sees),
        cmocka_unit_test(an_amount_in_dong_is_read_with_its_currency_sign),
        cmocka_unit_test(a_count_with_a_decimal_part_of_zeros_is_whole),
        cmocka_unit_test(letters_that_look_like_digits_are_named_with_the_value_they_make),
        cmocka_unit_test(full_width_digits_are_read_as_the_digits_they_look_like),
        Y(accepted_value_is_kept_with_its_place),
        Y(a_number_cut_into_the_note_column_is_no_value),
        Y(a_repeated_header_is_skipped_and_an_unknown_code_named_as_written),
        Y(a_header_again_is_found_by_each_name_of_its_columns),
        Y(a_note_cut_after_the_value_keeps_the_value_where_the_cut_is_placed),
        Y(a_cut_is_found_after_blanks_and_never_before_an_empty_value),
        Y(a_note_cut_is_placed_after_both_columns_in_either_order),
        Y(a_conflict_says_a_report_cut_or_of_another_delimiter_as_such),
        Y(a_row_of_another_delimiter_is_said_with_its_delimiter),
        Y(duplicate_percentages_are_compared_as_numbers),
        Y(a_percentage_in_a_percent_cell_is_not_told_of_the_format),
        Y(duplicate_texts_are_compared_as_written),
        Y(a_text_beginning_with_an_equals_sign_is_no_formula),
        Y(unit_and_indicator_codes_are_matched_without_case),
        Y(unknown_unit_is_an_error_that_suggests_the_nearest_code),
        Y(unknown_unit_far_from_every_code_gets_no_suggestion),
        Y(unit_name_in_the_code_column_is_said_with_its_code),
        Y(a_computed_figure_sent_is_said_to_be_computed),
        Y(unknown_indicator_is_an_error_that_suggests_the_nearest_code),
        Y(unknown_indicator_of_a_known_group_gets_no_far_suggestion),
        Y(indicator_of_another_level_is_an_error),
        Y(indicator_of_the_province_alone_is_said_with_its_level),
        Y(unknown_unit_is_said_with_the_nearest_code_within_a_slip),
        Y(unreadable_value_is_an_error_at_its_cell_and_is_left_out),
        Y(duplicate_with_the_same_value_is_a_warning_and_counts_once),
        Y(duplicate_with_a_different_value_is_an_error_and_neither_is_kept),
        cmocka_unit_test_setup_teardown(a_conflict_that_grows_the_kept_reports_names_the_first,
                                        big_year_setup, year_teardown),
        Y(later_report_after_a_conflict_names_a_value_it_differs_from),
        Y(unreadable_report_and_a_readable_one_are_a_conflict),
        Y(same_unreadable_text_twice_is_two_errors_and_leaves_the_pair_missing),
        Y(duplicate_scores_are_compared_to_their_decimals),
        Y(third_report_after_a_conflict_is_a_conflict_too),
        Y(empty_value_is_missing_without_a_diagnostic),
        Y(empty_value_cell_is_kept_as_the_pairs_blank_place),
        Y(a_value_sent_but_not_read_is_no_blank_place),
        Y(workbook_number_with_three_decimals_is_no_grouped_count),
        Y(unseen_characters_in_a_value_are_dropped_as_in_a_code),
        Y(a_value_of_blanks_alone_is_an_empty_cell),
        Y(a_soft_hyphen_alone_is_empty_and_a_text_keeps_its_blanks),
        Y(count_in_a_date_formatted_cell_is_said_with_its_number),
        Y(garbled_utf8_in_a_refused_value_is_said_with_what_it_was),
        Y(a_long_garbled_value_is_quoted_in_part),
        Y(unit_that_sent_nothing_is_not_submitted),
        Y(row_without_a_unit_code_is_an_error),
        Y(a_unit_has_submitted_a_value_sent_unread_or_cut),
        Y(values_of_every_type_are_stored_by_type),
        Y(unit_named_without_a_code_is_matched_with_one_warning_per_file),
        Y(unit_name_may_carry_ubnd_or_drop_its_kind_word),
        Y(a_row_s_earlier_problem_names_the_unit_its_name_matched),
        Y(unknown_unit_name_is_an_error_that_suggests_the_nearest_name),
        Y(code_and_name_of_two_units_on_one_row_is_an_error),
        Y(code_wins_over_a_name_of_its_own_unit_above_or_of_none),
        cmocka_unit_test(names_that_fold_alike_are_ambiguous_unless_the_diacritics_decide),
        cmocka_unit_test(a_shortened_kind_word_is_written_out),
    };
#undef Y

    return cmocka_run_group_tests(tests, eg_test_layouts_setup, eg_test_layouts_teardown);
}
