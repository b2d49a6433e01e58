/*
 * text.h - UTF-8 text as clerks type it.
 */
#ifndef EG_TEXT_H
#define EG_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* 1 when the n bytes at s are valid UTF-8. */
int eg_utf8_valid(const char *s, size_t n);

/* A copy of s fit to be shown in an output (a file name read from a
 * folder): a byte that is no UTF-8, a control character (C0, DEL, C1)
 * and a line or paragraph separator (a line break in a name would split
 * a diagnostic's line) become U+FFFD. */
char *eg_display_text(const char *s);

/* A new NFC copy of s (valid UTF-8 expected; invalid input is copied). */
char *eg_nfc(const char *s);

/* A new copy folded for comparison: NFC, lower case, diacritics removed,
 * đ -> d, runs of white space (incl. U+00A0) and '_' -> one space,
 * trimmed, characters nothing shows (zero-width space, soft hyphen,
 * marks of writing direction) dropped.  "Mã đơn vị" and "ma_don_vi"
 * both fold to "ma don vi". */
char *eg_fold(const char *s);

/* As eg_fold, but with the diacritics and đ kept: for telling apart names
 * that fold alike (Xã Ia Le, Xã Ia Lê).  What eg_fold reads as a space or
 * drops, this does too: "Xã Ia Lê" copied with no-break spaces is Xã Ia
 * Lê's name, not one of the two. */
char *eg_casefold(const char *s);

/* 1 when name, folded (eg_fold) and without its spaces, is `folded`: the
 * sheet "Báo cáo", "BÁO CÁO" or "BaoCao" is "baocao". */
int eg_fold_is(const char *name, const char *folded);

/* 1 when name ends with suffix, case ignored, and has more before it
 * (".csv" alone is no name ending in .csv). */
int eg_has_suffix_nocase(const char *name, const char *suffix);

/* Trims ASCII white space and U+00A0 at both ends, and byte-order marks
 * (U+FEFF) in front, in place; returns s. */
char *eg_trim(char *s);

/* Removes, in place, the characters a copy from a word processor or a web
 * page leaves unseen in a code: zero-width space, joiners, word joiner,
 * byte-order mark, soft hyphen, the marks of writing direction (U+200E,
 * U+200F, U+202A-U+202E, U+2066-U+2069); then trims as eg_trim.
 * Returns s. */
char *eg_code_clean(char *s);

/* Upper-cases ASCII letters in place; returns s. */
char *eg_ascii_upper(char *s);
/* The same, to lower case. */
char *eg_ascii_lower(char *s);

/* Levenshtein distance between two byte strings, capped at limit+1. */
size_t eg_edit_distance(const char *a, const char *b, size_t limit);

/* The bytes of s's longest prefix of at most max bytes that ends between
 * two characters: what "%.*s" may print of it without cutting one. */
size_t eg_utf8_prefix(const char *s, size_t max);

/* s copied into buf (cap bytes, at least 1), cut short if it must be
 * between two characters (a sheet's name kept for a message).  Returns
 * buf. */
char *eg_utf8_copy(char *buf, size_t cap, const char *s);

/* Number of UTF-8 characters (code points) in s. */
size_t eg_utf8_len(const char *s);

/* Writes code point cp (at most U+10FFFF) as UTF-8 at o (room for 4
 * bytes); returns the bytes written. */
size_t eg_utf8_put(char *o, uint32_t cp);

#endif
