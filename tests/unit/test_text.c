/*
 * test_text.c - core/text.h: UTF-8 text as clerks type it.
 *
 * Header names are matched after eg_fold, fields are trimmed with eg_trim
 * and normalised with eg_nfc, and unknown codes are answered with the
 * nearest known one by eg_edit_distance: each is checked here on the
 * Vietnamese text it meets in submissions.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <utf8proc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

#define NBSP  "\xC2\xA0"        /* U+00A0 NO-BREAK SPACE */
#define NNBSP "\xE2\x80\xAF"    /* U+202F NARROW NO-BREAK SPACE */

/* eg_fold of s must be want; names the input when it is not. */
static void expect_fold(const char *s, const char *want)
{
    char *got = eg_fold(s);

    if (strcmp(got, want) != 0) {
        char copy[256];

        strncpy(copy, got, sizeof copy - 1);
        copy[sizeof copy - 1] = '\0';
        free(got);
        fail_msg("eg_fold(\"%s\") = \"%s\"; want \"%s\"", s, copy, want);
    }
    free(got);
}

static void expect_trim(const char *s, const char *want)
{
    char buf[256];
    char *got;

    strcpy(buf, s);
    got = eg_trim(buf);
    assert_ptr_equal(got, buf);            /* in place */
    if (strcmp(got, want) != 0)
        fail_msg("eg_trim(\"%s\") = \"%s\"; want \"%s\"", s, got, want);
}

static void expect_nfc(const char *s, const char *want)
{
    char *got = eg_nfc(s);

    assert_string_equal(got, want);
    free(got);
}

/* --- eg_fold ------------------------------------------------------------- */

static void fold_makes_the_vietnamese_and_ascii_header_names_equal(void **state)
{
    (void)state;
    expect_fold("Mã đơn vị", "ma don vi");
    expect_fold("ma_don_vi", "ma don vi");
    expect_fold("MÃ ĐƠN VỊ", "ma don vi");
    expect_fold("Mã chỉ tiêu", "ma chi tieu");
    expect_fold("Giá trị", "gia tri");
    expect_fold("Số liệu", "so lieu");
}

static void fold_turns_d_with_stroke_into_d_in_both_cases(void **state)
{
    (void)state;
    expect_fold("Đ", "d");
    expect_fold("đ", "d");
    expect_fold("Đăk Hà", "dak ha");
}

static void fold_treats_no_break_spaces_and_underscores_as_one_space(void **state)
{
    (void)state;
    expect_fold("Mã" NBSP "đơn" NNBSP "vị", "ma don vi");
    expect_fold("ma__don \t _vi", "ma don vi");
    expect_fold(NBSP " Ghi chú " NBSP "\r\n", "ghi chu");
    expect_fold("   ", "");
    expect_fold("", "");
}

/* A header copied from a web page or a word processor: what nothing
 * shows is no letter of the name */
static void fold_drops_the_characters_nothing_shows(void **state)
{
    (void)state;
    expect_fold("Mã chỉ tiêu\xE2\x80\x8B", "ma chi tieu");                 /* U+200B */
    expect_fold("\xEF\xBB\xBFGiá trị\xE2\x80\x8E", "gia tri");            /* U+FEFF, U+200E */
    expect_fold("indi\xC2\xAD" "cator", "indicator");                      /* U+00AD */
    expect_fold("\xE2\x80\xAA" "Báo cáo\xE2\x80\xAC", "bao cao");          /* U+202A, U+202C */
}

static void fold_reads_decomposed_and_composed_text_alike(void **state)
{
    (void)state;
    /* "Mã" typed as M, a, COMBINING TILDE */
    expect_fold("Ma\xCC\x83 \xC4\x91o\xCC\x9Bn vi\xCC\xA3", "ma don vi");
    /* ễ as e + circumflex + tilde */
    expect_fold("Nguye\xCC\x82\xCC\x83n", "nguyen");
}

static void fold_keeps_bytes_that_are_not_utf8(void **state)
{
    char *got;

    (void)state;
    got = eg_fold("AB\xFF" "C");
    /* never crashes, keeps the stray byte, and folds what it can */
    assert_non_null(strchr(got, '\xFF'));
    assert_int_equal(strlen(got), 4);
    free(got);
}

/* --- eg_trim ------------------------------------------------------------- */

/* A code copied from a word processor or a web page: its unseen
 * characters go, wherever they are; the letters stay. */
static void code_clean_removes_unseen_characters(void **state)
{
    char a[] = "GL.KBA.01\xE2\x80\x8B";                   /* zero-width space */
    char b[] = "\xEF\xBB\xBFGL.\xC2\xADKBA\xE2\x81\xA0 \xC2\xA0";
    char c[] = "ht.\xE2\x80\x8D" "cbcc\xE2\x80\x8C";
    char d[] = "X\xE2\x80\x8Ey\xE2\x80\x8A";             /* U+200E gone, U+200A kept */
    /* a figure copied from Windows' Calculator: U+202D 46 U+202C */
    char f[] = "\xE2\x80\xAD" "46\xE2\x80\xAC";
    char g[] = "\xE2\x81\xA6" "GL\xE2\x80\x8F\xE2\x81\xA9\xE2\x80\xAA";
    char e[] = "Tổng cộng";

    (void)state;
    assert_string_equal(eg_code_clean(a), "GL.KBA.01");
    assert_string_equal(eg_code_clean(b), "GL.KBA");
    assert_string_equal(eg_code_clean(c), "ht.cbcc");
    assert_string_equal(eg_code_clean(d), "Xy\xE2\x80\x8A");
    assert_string_equal(eg_code_clean(f), "46");
    assert_string_equal(eg_code_clean(g), "GL");
    assert_string_equal(eg_code_clean(e), "Tổng cộng");
}

static void trim_removes_ascii_white_space_at_both_ends(void **state)
{
    (void)state;
    expect_trim("  GL.PKU \t\r\n", "GL.PKU");
    expect_trim("\tabc", "abc");
    expect_trim("a b", "a b");
    expect_trim(" \t \r\n", "");
    expect_trim("", "");
}

static void trim_removes_no_break_spaces_at_both_ends_only(void **state)
{
    (void)state;
    expect_trim(NBSP "403.086" NBSP, "403.086");
    expect_trim(NBSP " " NBSP "x" " " NBSP, "x");
    expect_trim("403" NBSP "086", "403" NBSP "086");
    expect_trim(NBSP, "");
}

/* A second byte-order mark (a program adding its own to a file that had
 * one) is the header's first cell's front: it goes, as white space does. */
static void trim_removes_byte_order_marks_in_front(void **state)
{
    (void)state;
    expect_trim("\xEF\xBB\xBFMã đơn vị", "Mã đơn vị");
    expect_trim("\xEF\xBB\xBF \xEF\xBB\xBF unit_code ", "unit_code");
    expect_trim("a\xEF\xBB\xBF", "a\xEF\xBB\xBF");          /* only in front */
    expect_trim("\xEF\xBB", "\xEF\xBB");                      /* not a whole one */
}

static void trim_keeps_a_letter_whose_last_byte_looks_like_a_no_break_space(void **state)
{
    (void)state;
    /* à is C3 A0: its second byte is the second byte of U+00A0 */
    expect_trim("Hà", "Hà");
    expect_trim(" Đăk Hà ", "Đăk Hà");
    expect_trim("à", "à");
}

/* --- eg_edit_distance ---------------------------------------------------- */

static void edit_distance_counts_insertions_deletions_and_substitutions(void **state)
{
    (void)state;
    assert_int_equal(eg_edit_distance("kitten", "sitting", 10), 3);
    assert_int_equal(eg_edit_distance("GL.PKU", "GL.PKI", 5), 1);
    assert_int_equal(eg_edit_distance("GL.PKU", "GL.PK", 5), 1);
    assert_int_equal(eg_edit_distance("GL.PKU", "XGL.PKU", 5), 1);
    assert_int_equal(eg_edit_distance("ht.cbcc", "ht.cbcc", 0), 0);
    assert_int_equal(eg_edit_distance("", "abc", 5), 3);
    assert_int_equal(eg_edit_distance("abc", "", 5), 3);
}

static void edit_distance_stops_at_limit_plus_one(void **state)
{
    (void)state;
    assert_int_equal(eg_edit_distance("kitten", "sitting", 2), 3);
    assert_int_equal(eg_edit_distance("kitten", "sitting", 1), 2);
    assert_int_equal(eg_edit_distance("abcdef", "uvwxyz", 3), 4);
    /* a length gap larger than the limit is decided at once */
    assert_int_equal(eg_edit_distance("a", "abcdefgh", 2), 3);
    /* exactly at the limit is still the true distance */
    assert_int_equal(eg_edit_distance("kitten", "sitting", 3), 3);
}

/* --- eg_utf8_valid ------------------------------------------------------- */

static void utf8_valid_accepts_vietnamese_text(void **state)
{
    const char *s = "Nguyễn Văn Đức";

    (void)state;
    assert_true(eg_utf8_valid(s, strlen(s)));
    assert_true(eg_utf8_valid("", 0));
    assert_true(eg_utf8_valid("ascii", 5));
}

static void utf8_valid_refuses_broken_sequences(void **state)
{
    const char *s = "Nguyễn";       /* ễ is E1 BB 85 at bytes 4..6 */

    (void)state;
    assert_false(eg_utf8_valid("\xC3", 1));                  /* truncated */
    assert_false(eg_utf8_valid("Ng\xE1\xBBx", 5));           /* bad continuation */
    assert_false(eg_utf8_valid("\xC0\xAF", 2));              /* overlong '/' */
    assert_false(eg_utf8_valid("\xED\xA0\x80", 3));          /* a surrogate */
    assert_false(eg_utf8_valid("Vi\xEA\x74", 4));            /* CP1258 'ê' then t */
    assert_false(eg_utf8_valid("\xFF", 1));
    /* n counts: cut in the middle of ễ it is not valid, before it it is */
    assert_false(eg_utf8_valid(s, 5));
    assert_true(eg_utf8_valid(s, 4));
}

/* --- eg_nfc -------------------------------------------------------------- */

static void nfc_composes_a_decomposed_tilde(void **state)
{
    (void)state;
    expect_nfc("Ma\xCC\x83", "M\xC3\xA3");                         /* Mã */
    expect_nfc("Nguye\xCC\x82\xCC\x83n", "Nguy\xE1\xBB\x85n");    /* Nguyễn */
}

static void nfc_leaves_composed_text_as_it_is(void **state)
{
    (void)state;
    expect_nfc("Mã đơn vị", "Mã đơn vị");
    expect_nfc("GL.PKU", "GL.PKU");
    expect_nfc("", "");
}

static void nfc_copies_invalid_input_unchanged(void **state)
{
    (void)state;
    expect_nfc("Vi\xEA\x74", "Vi\xEA\x74");
}

/* The characters eg_nfc passes without utf8proc (below U+0300, and
 * U+1E00..U+1EFF), alone, between letters, and followed by a combining
 * mark (which must still compose): what utf8proc's NFC gives. */
static void nfc_fast_path_agrees_with_utf8proc(void **state)
{
    static const long ranges[][2] = { { 0x20, 0x2FF }, { 0x1DF0, 0x1F10 }, { 0x2000, 0x2002 } };
    static const char *const after[] = { "", "b", "\xCC\x81", "\xCC\x82\xCC\x83" };

    (void)state;
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
        for (long cp = ranges[r][0]; cp <= ranges[r][1]; cp++)
            for (size_t a = 0; a < sizeof after / sizeof after[0]; a++) {
                utf8proc_uint8_t ch[8];
                utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)cp, ch);
                char in[32];
                utf8proc_uint8_t *want = NULL;
                char *got;

                ch[k] = 0;
                snprintf(in, sizeof in, "a%s%s", (char *)ch, after[a]);
                assert_true(utf8proc_map((const utf8proc_uint8_t *)in, 0, &want,
                                         UTF8PROC_NULLTERM | UTF8PROC_STABLE |
                                         UTF8PROC_COMPOSE) >= 0);
                got = eg_nfc(in);
                if (strcmp(got, (char *)want) != 0)
                    fail_msg("U+%04lX followed by %zu: got %s, want %s", cp, a, got,
                             (char *)want);
                free(got);
                free(want);
            }
}

/* eg_fold reads ASCII without utf8proc: what utf8proc's decomposition,
 * case folding and mark stripping make of each ASCII character, alone and
 * between letters, is its lower case; and the whole fold of ASCII text. */
static void fold_reads_ascii_as_utf8proc_would(void **state)
{
    (void)state;
    for (int c = 1; c < 0x80; c++) {
        char in[8];
        utf8proc_uint8_t *got = NULL;
        char want = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);

        snprintf(in, sizeof in, "A%cz", c);
        assert_true(utf8proc_map((const utf8proc_uint8_t *)in, 0, &got,
                                 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
                                 UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK) >= 0);
        if (strlen((char *)got) != 3 || got[0] != 'a' || got[1] != (utf8proc_uint8_t)want ||
            got[2] != 'z')
            fail_msg("0x%02X: utf8proc gives %s", c, (char *)got);
        free(got);
    }
    {
        char *f = eg_fold("  Unit_Code\t\r\n  OF  GL.PKU__2020 ");

        assert_string_equal(f, "unit code of gl.pku 2020");
        free(f);
    }
}

/* --- small helpers ------------------------------------------------------- */

static void ascii_upper_changes_only_ascii_letters(void **state)
{
    char buf[32] = "gl.pku-đ1";

    (void)state;
    assert_ptr_equal(eg_ascii_upper(buf), buf);
    assert_string_equal(buf, "GL.PKU-đ1");
}

static void utf8_len_counts_code_points_not_bytes(void **state)
{
    (void)state;
    assert_int_equal(eg_utf8_len("Nguyễn"), 6);
    assert_int_equal(eg_utf8_len("Đăk Hà"), 6);
    assert_int_equal(eg_utf8_len(""), 0);
}

/* Each length's first and last code point, and the letters of a
 * Vietnamese word, as UTF-8 (checked against the encoder's own reading:
 * eg_utf8_valid and eg_utf8_len). */
static void utf8_put_writes_each_length_at_its_bounds(void **state)
{
    static const struct {
        uint32_t cp;
        const char *utf8;
    } cases[] = {
        { 0x00, "\x00" }, { 0x41, "A" }, { 0x7F, "\x7F" },
        { 0x80, "\xC2\x80" }, { 0x111, "\xC4\x91" }, { 0x7FF, "\xDF\xBF" },
        { 0x800, "\xE0\xA0\x80" }, { 0x1EC5, "\xE1\xBB\x85" }, { 0xFFFD, "\xEF\xBF\xBD" },
        { 0xFFFF, "\xEF\xBF\xBF" }, { 0x10000, "\xF0\x90\x80\x80" },
        { 0x1F600, "\xF0\x9F\x98\x80" }, { 0x20000, "\xF0\xA0\x80\x80" },
        { 0x10FFFF, "\xF4\x8F\xBF\xBF" },
    };
    char out[8];

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t want = cases[i].cp ? strlen(cases[i].utf8) : 1;
        size_t n = eg_utf8_put(out, cases[i].cp);

        assert_int_equal(n, want);
        assert_memory_equal(out, cases[i].utf8, n);
        if (cases[i].cp)
            assert_true(eg_utf8_valid(out, n));
    }
}

static void display_text_is_utf8_on_one_line(void **state)
{
    char *s;

    (void)state;
    s = eg_display_text("Báo cáo_2020.csv");
    assert_string_equal(s, "Báo cáo_2020.csv");
    free(s);
    s = eg_display_text("s\xf6-tttt.csv");              /* Latin-1, no UTF-8 */
    assert_string_equal(s, "s" "\xEF\xBF\xBD" "-tttt.csv");
    free(s);
    s = eg_display_text("a\nb\tc\x7f.csv");
    assert_string_equal(s, "a" "\xEF\xBF\xBD" "b" "\xEF\xBF\xBD" "c" "\xEF\xBF\xBD" ".csv");
    free(s);
    s = eg_display_text("a\xC2\x85" "b\xE2\x80\xA8" "c");   /* NEL, LINE SEPARATOR */
    assert_string_equal(s, "a" "\xEF\xBF\xBD" "b" "\xEF\xBF\xBD" "c");
    free(s);
    s = eg_display_text("\xC3");                        /* cut short at the end */
    assert_string_equal(s, "\xEF\xBF\xBD");
    free(s);
    s = eg_display_text("\xED\xA0\x80x");             /* a surrogate */
    assert_int_equal(eg_utf8_valid(s, strlen(s)), 1);
    assert_non_null(strstr(s, "x"));
    free(s);
}

static void utf8_prefix_never_cuts_a_character(void **state)
{
    (void)state;
    assert_int_equal(eg_utf8_prefix("abc", 40), 3);
    assert_int_equal(eg_utf8_prefix("abcdef", 4), 4);
    assert_int_equal(eg_utf8_prefix("ab\xE1\xBB\x87" "c", 3), 2);    /* "abệc": ệ is 3 bytes */
    assert_int_equal(eg_utf8_prefix("ab\xE1\xBB\x87" "c", 4), 2);
    assert_int_equal(eg_utf8_prefix("ab\xE1\xBB\x87" "c", 5), 5);
    assert_int_equal(eg_utf8_prefix("", 0), 0);
}

static void utf8_copy_cuts_between_characters(void **state)
{
    char buf[5];

    (void)state;
    assert_string_equal(eg_utf8_copy(buf, sizeof buf, "ab\xE1\xBB\x87" "c"), "ab");
    assert_string_equal(eg_utf8_copy(buf, sizeof buf, "abcd"), "abcd");
    assert_string_equal(eg_utf8_copy(buf, 1, "abc"), "");
}

/* --- what the cases above leave open ------------------------------------- */

/* eg_utf8_valid reads ASCII eight bytes at a time: a byte past 0x7F is
 * found wherever it is in such a block, the last one too, and one after
 * a whole block still counts; a lone continuation byte (0x80, the first
 * past ASCII) is no character. */
static void utf8_valid_finds_a_bad_byte_anywhere_in_a_block_of_ascii(void **state)
{
    (void)state;
    assert_false(eg_utf8_valid("abcdefg\xFF", 8));
    assert_false(eg_utf8_valid("\xFF" "bcdefgh", 8));
    assert_false(eg_utf8_valid("abcdefgh\xC3", 9));          /* cut short after a block */
    assert_true(eg_utf8_valid("abcdefgh\xC3\xA0", 10));
    assert_false(eg_utf8_valid("\x80", 1));
    assert_false(eg_utf8_valid("abc\x80", 4));
    assert_true(eg_utf8_valid("\xC2\x80", 2));                /* U+0080 itself */
}

/* A paragraph separator breaks a line as a line separator does. */
static void display_text_replaces_a_paragraph_separator(void **state)
{
    char *s;

    (void)state;
    s = eg_display_text("a\xE2\x80\xA9" "b");                 /* U+2029 */
    assert_string_equal(s, "a" "\xEF\xBF\xBD" "b");
    free(s);
    s = eg_display_text("a\xE2\x80\xAF" "b");                 /* U+202F: a space, kept */
    assert_string_equal(s, "a\xE2\x80\xAF" "b");
    free(s);
}

/* Combining marks of U+1DC0..U+1DFF next to one another are put in
 * canonical order: U+1DC2 (below) before U+1DC0 (above).  And a
 * sequence cut short at the end is copied, not read past. */
static void nfc_orders_marks_just_below_the_vietnamese_letters(void **state)
{
    (void)state;
    expect_nfc("a\xE1\xB7\x80\xE1\xB7\x82", "a\xE1\xB7\x82\xE1\xB7\x80");
    expect_nfc("a\xE1\xB7\x82\xE1\xB7\x80", "a\xE1\xB7\x82\xE1\xB7\x80");
    {
        char *cut = strdup("x\xC3");                          /* on the heap: no slack */
        char *got = eg_nfc(cut);

        assert_string_equal(got, "x\xC3");
        free(got);
        free(cut);
    }
}

/* The ASCII path folds every capital, the first and last letters too;
 * text that is no UTF-8 still has its đ folded. */
static void fold_lowers_every_ascii_capital_and_d_with_stroke_in_bad_text(void **state)
{
    (void)state;
    expect_fold("AZ az", "az az");
    expect_fold("ABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{", "abcdefghijklmnopqrstuvwxyz@[`{");
    expect_fold("\xC4\x90\xFF", "d\xFF");                     /* Đ then a stray byte */
    expect_fold("\xC4\x91\xFF", "d\xFF");
}

/* eg_casefold keeps what tells Xã Ia Le from Xã Ia Lê (the marks, đ)
 * and reads spaces and invisible characters as eg_fold does. */
static void casefold_keeps_the_marks_and_reads_spaces_as_fold_does(void **state)
{
    static const struct { const char *s, *want; } cases[] = {
        { "Xã Ia Lê", "xã ia lê" },
        { "  XÃ\xC2\xA0IA\tLÊ  ", "xã ia lê" },                /* no-break space, tab */
        { "Xã_Ia\nLê", "xã ia lê" },                             /* underscore, line break */
        { "Xã Ia L\xE2\x80\x8B\xC3\xAA", "xã ia lê" },         /* a zero-width space */
        { "Xa\xCC\x83 Ia Le\xCC\x82", "xã ia lê" },             /* decomposed: composed */
        { "ĐĂK ĐOA", "đăk đoa" },                                 /* đ kept */
        { "", "" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = eg_casefold(cases[i].s);

        if (strcmp(got, cases[i].want) != 0)
            fail_msg("'%s': '%s', want '%s'", cases[i].s, got, cases[i].want);
        free(got);
    }
}

static void fold_is_compares_without_spaces(void **state)
{
    (void)state;
    assert_true(eg_fold_is("Báo cáo", "baocao"));
    assert_true(eg_fold_is("BÁO CÁO", "baocao"));
    assert_true(eg_fold_is("BaoCao", "baocao"));
    assert_true(eg_fold_is(" bao_cao ", "baocao"));
    assert_false(eg_fold_is("Báo cáo", "bao cao"));
    assert_false(eg_fold_is("Báo cáo 2", "baocao"));
    assert_false(eg_fold_is("Báo", "baocao"));
}

static void has_suffix_nocase_wants_a_name_before_it(void **state)
{
    (void)state;
    assert_true(eg_has_suffix_nocase("a.csv", ".csv"));
    assert_true(eg_has_suffix_nocase("Bao_cao.CSV", ".csv"));
    assert_true(eg_has_suffix_nocase("x.Xlsx", ".XLSX"));
    assert_false(eg_has_suffix_nocase(".csv", ".csv"));
    assert_false(eg_has_suffix_nocase("csv", ".csv"));
    assert_false(eg_has_suffix_nocase("a.csv.bak", ".csv"));
}

/* In front, only a whole no-break space or byte-order mark goes: a
 * character sharing its first bytes (©, U+FEFE) stays; CR and LF go. */
static void trim_takes_only_whole_marks_in_front(void **state)
{
    (void)state;
    expect_trim("\xC2\xA9 2020", "\xC2\xA9 2020");            /* © */
    expect_trim("\xEF\xBB\xBEx", "\xEF\xBB\xBEx");            /* U+FEFE */
    expect_trim("\r\nabc", "abc");
    expect_trim("\n\rabc\n", "abc");
}

/* Each end of each range code_clean drops, and what lies next to them
 * (or shares their first bytes) kept: U+2029, U+202F, U+2065, €, ©, a
 * no-break space between two parts, U+FEFE. */
static void code_clean_drops_its_ranges_and_nothing_next_to_them(void **state)
{
    char a[] = "A\xE2\x80\xAE" "B";                           /* U+202E: goes */
    char b[] = "A\xE2\x80\xA9" "B\xE2\x80\xAF" "C";           /* U+2029, U+202F: stay */
    char c[] = "A\xE2\x81\xA5" "B\xE2\x81\xAA" "C";           /* U+2065, U+206A: stay */
    char d[] = "12\xE2\x82\xAC";                              /* 12€ */
    char e[] = "\xC2\xA9 403" NBSP "086";
    char f[] = "A\xEF\xBB\xBE" "B";                           /* U+FEFE: stays */
    char g[] = "A\xE2\x81\xA0\xE2\x80\x8B" "B\xEF\xBB\xBF";   /* U+2060, U+200B, U+FEFF */

    (void)state;
    assert_string_equal(eg_code_clean(a), "AB");
    assert_string_equal(eg_code_clean(b), "A\xE2\x80\xA9" "B\xE2\x80\xAF" "C");
    assert_string_equal(eg_code_clean(c), "A\xE2\x81\xA5" "B\xE2\x81\xAA" "C");
    assert_string_equal(eg_code_clean(d), "12\xE2\x82\xAC");
    assert_string_equal(eg_code_clean(e), "\xC2\xA9 403" NBSP "086");
    assert_string_equal(eg_code_clean(f), "A\xEF\xBB\xBE" "B");
    assert_string_equal(eg_code_clean(g), "AB");
}

static void ascii_case_changes_every_letter_and_only_letters(void **state)
{
    char up[] = "az AZ @[`{ đ";
    char low[] = "AZ az @[`{ Đ";

    (void)state;
    assert_ptr_equal(eg_ascii_upper(up), up);
    assert_string_equal(up, "AZ AZ @[`{ đ");
    assert_ptr_equal(eg_ascii_lower(low), low);
    assert_string_equal(low, "az az @[`{ Đ");
}

/* A length gap equal to the limit is no reason to stop: the distance is
 * that gap. */
static void edit_distance_of_a_gap_equal_to_the_limit(void **state)
{
    (void)state;
    assert_int_equal(eg_edit_distance("abc", "", 3), 3);
    assert_int_equal(eg_edit_distance("GL.PK", "GL.PKU", 1), 1);
    assert_int_equal(eg_edit_distance("GL", "GL.PKU", 4), 4);
    assert_int_equal(eg_edit_distance("GL", "GL.PKU", 3), 4);
}

/* A distance past the limit that only the last row shows (every row
 * before it has a cell within the limit) is still limit + 1, not the
 * distance itself. */
static void edit_distance_past_the_limit_in_the_last_row_is_limit_plus_one(void **state)
{
    (void)state;
    assert_int_equal(eg_edit_distance("aa", "bbbb", 2), 3);
    assert_int_equal(eg_edit_distance("aa", "bbbb", 4), 4);
}

/* eg_trim of a text that starts with U+00A0's second byte reads no byte
 * in front of the text: the lone byte is kept. */
static void trim_reads_no_byte_before_the_text(void **state)
{
    char buf[] = "\xC2\xA0";

    (void)state;
    assert_string_equal(eg_trim(buf + 1), "\xA0");
    assert_string_equal(buf, "\xC2\xA0");
}

/* A character cut by the end of the text (the first byte of Latin-1 or of
 * a Vietnamese letter, or two of its three) is copied as it is, and
 * eg_nfc reads no byte past the end: each text here is allocated to its
 * size, which the sanitizers check. */
static void nfc_copies_a_character_cut_by_the_end_of_the_text(void **state)
{
    static const char *const cut[] = { "Vi\xC3", "\xC3", "Vi\xE1\xBB", "\xE1\xBB", "a\xE1" };

    (void)state;
    for (size_t i = 0; i < sizeof cut / sizeof *cut; i++) {
        size_t n = strlen(cut[i]) + 1;
        char *s = malloc(n);

        assert_non_null(s);
        memcpy(s, cut[i], n);
        expect_nfc(s, cut[i]);
        free(s);
    }
}

/* Each byte that is no UTF-8 becomes a U+FFFD of three bytes, a text of
 * nothing else too (the most a byte gives). */
static void display_text_of_bytes_that_are_all_no_utf8_is_all_replacement(void **state)
{
    char *s = eg_display_text("\xFF\xFE\x80\xC3\xC3\xF5");

    (void)state;
    assert_string_equal(s, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                           "\xEF\xBF\xBD");
    free(s);
}

/* NFC does not compose what Unicode excludes from composition: U+2ADD
 * U+0338 stays two characters, not U+2ADC, and so do क + ◌़ (U+0915
 * U+093C), not U+0958. */
static void nfc_leaves_a_composition_exclusion_decomposed(void **state)
{
    (void)state;
    expect_nfc("\xE2\xAB\x9D\xCC\xB8", "\xE2\xAB\x9D\xCC\xB8");
    expect_nfc("\xE0\xA4\x95\xE0\xA4\xBC", "\xE0\xA4\x95\xE0\xA4\xBC");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_prefix_never_cuts_a_character),
        cmocka_unit_test(display_text_is_utf8_on_one_line),
        cmocka_unit_test(fold_makes_the_vietnamese_and_ascii_header_names_equal),
        cmocka_unit_test(fold_turns_d_with_stroke_into_d_in_both_cases),
        cmocka_unit_test(fold_treats_no_break_spaces_and_underscores_as_one_space),
        cmocka_unit_test(fold_drops_the_characters_nothing_shows),
        cmocka_unit_test(fold_reads_decomposed_and_composed_text_alike),
        cmocka_unit_test(fold_keeps_bytes_that_are_not_utf8),
        cmocka_unit_test(trim_removes_ascii_white_space_at_both_ends),
        cmocka_unit_test(trim_removes_no_break_spaces_at_both_ends_only),
        cmocka_unit_test(trim_removes_byte_order_marks_in_front),
        cmocka_unit_test(trim_keeps_a_letter_whose_last_byte_looks_like_a_no_break_space),
        cmocka_unit_test(edit_distance_counts_insertions_deletions_and_substitutions),
        cmocka_unit_test(edit_distance_stops_at_limit_plus_one),
        cmocka_unit_test(utf8_valid_accepts_vietnamese_text),
        cmocka_unit_test(utf8_valid_refuses_broken_sequences),
        cmocka_unit_test(nfc_composes_a_decomposed_tilde),
        cmocka_unit_test(nfc_leaves_composed_text_as_it_is),
        cmocka_unit_test(nfc_copies_invalid_input_unchanged),
        cmocka_unit_test(nfc_fast_path_agrees_with_utf8proc),
        cmocka_unit_test(fold_reads_ascii_as_utf8proc_would),
        cmocka_unit_test(ascii_upper_changes_only_ascii_letters),
        cmocka_unit_test(code_clean_removes_unseen_characters),
        cmocka_unit_test(utf8_len_counts_code_points_not_bytes),
        cmocka_unit_test(utf8_put_writes_each_length_at_its_bounds),
        cmocka_unit_test(utf8_copy_cuts_between_characters),
        cmocka_unit_test(utf8_valid_finds_a_bad_byte_anywhere_in_a_block_of_ascii),
        cmocka_unit_test(display_text_replaces_a_paragraph_separator),
        cmocka_unit_test(nfc_orders_marks_just_below_the_vietnamese_letters),
        cmocka_unit_test(fold_lowers_every_ascii_capital_and_d_with_stroke_in_bad_text),
        cmocka_unit_test(fold_is_compares_without_spaces),
        cmocka_unit_test(has_suffix_nocase_wants_a_name_before_it),
        cmocka_unit_test(trim_takes_only_whole_marks_in_front),
        cmocka_unit_test(code_clean_drops_its_ranges_and_nothing_next_to_them),
        cmocka_unit_test(ascii_case_changes_every_letter_and_only_letters),
        cmocka_unit_test(edit_distance_of_a_gap_equal_to_the_limit),
        cmocka_unit_test(casefold_keeps_the_marks_and_reads_spaces_as_fold_does),
        cmocka_unit_test(edit_distance_past_the_limit_in_the_last_row_is_limit_plus_one),
        cmocka_unit_test(trim_reads_no_byte_before_the_text),
        cmocka_unit_test(nfc_copies_a_character_cut_by_the_end_of_the_text),
        cmocka_unit_test(display_text_of_bytes_that_are_all_no_utf8_is_all_replacement),
        cmocka_unit_test(nfc_leaves_a_composition_exclusion_decomposed),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
