/*
 * encoding.h - which encoding a text file is in, and its text as NFC UTF-8.
 *
 * A submission's encoding is decided once per file, from all its bytes:
 *
 *   - a byte order mark: UTF-8 (EF BB BF), UTF-16 LE (FF FE) or BE (FE FF);
 *     UTF-16 without a mark is recognised by its zero bytes;
 *   - else UTF-8 when the bytes are valid UTF-8 (or when valid multi-byte
 *     sequences outnumber the invalid bytes: a UTF-8 file with a few
 *     broken bytes, reported field by field);
 *   - else single bytes: TCVN3 or VNI when the text carries their marks
 *     (below), else Windows-1258 (CP1258).
 *
 * Text typed with the legacy Vietnamese fonts also arrives inside Unicode
 * files, as the Latin-1 look-alikes of its bytes ("Mã đơn vị" typed with
 * .VnTime and saved as CSV UTF-8 reads "M· ®¬n vÞ").  The same evidence is
 * gathered over the characters of a Unicode file, and a field made only of
 * characters that stand for single bytes is then read back through the
 * legacy table; a field holding real Vietnamese Unicode is left alone.
 *
 * The evidence, counted per word (a run of letters):
 *
 *   TCVN3: a word with an ASCII letter and one of the bytes A1-AE, B5-B9,
 *          BB-BE, D7, F7.  In TCVN3 these are ă â ê ô ơ ư đ (and their
 *          capitals), à ả ã á ạ, ằ ẳ ẵ ắ, ì, ữ, among the most frequent
 *          Vietnamese letters; in Latin-1, Windows-1252 and Windows-1258
 *          they are symbols (¡ © ª « ¬ ­ ® µ ¶ · ¸ ¹ » ½ × ÷) that real text
 *          never puts inside a word.
 *   VNI:   a word with an ASCII letter and either a VNI mark byte after a
 *          vowel (F8 ø grave, FB û hook, EF ï dot, E4 ä E5 å EB ë FC ü and
 *          their capitals), or one of VNI's own letters F1 ñ (đ), F6 ö
 *          (ư), E6 æ (ỉ), EE î (ỵ) and capitals: Latin letters that are
 *          not Vietnamese, and so never in real Vietnamese text.
 *
 * A file is TCVN3 when at least one word in five of those with non-ASCII
 * characters carries TCVN3 evidence (and at least one word for a
 * single-byte file, two for a Unicode one); else VNI by the same rule;
 * else nothing (Unicode) or Windows-1258 (single bytes).  TCVN3 is tried
 * first: its text also holds VNI's mark bytes, VNI's never holds TCVN3's.
 *
 * TCVN3 here is the VN3 table of TCVN 5712:1993, what .VnTime fonts and
 * the ABC keyboard produce: glibc's "TCVN5712-1" is VN1, which agrees on
 * the 134 letters but puts capitals with tone marks (and combining marks)
 * at positions VN3 leaves to Windows-1252; VN3 has no such capitals
 * (.VnTimeH fonts draw the small letters' codes as capitals), so converted
 * text comes out in small letters where the clerk used a capital font.
 */
#ifndef EG_ENCODING_H
#define EG_ENCODING_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/diag.h"

typedef enum {
    EG_FORM_UTF8,           /* UTF-8, with or without BOM */
    EG_FORM_UTF16LE,
    EG_FORM_UTF16BE,
    EG_FORM_8BIT            /* single bytes, see eg_legacy */
} eg_text_form;

typedef enum {
    EG_LEGACY_NONE,         /* Unicode text, as it is */
    EG_LEGACY_CP1258,       /* Windows-1258 */
    EG_LEGACY_TCVN3,        /* TCVN3 (ABC, .VnTime) */
    EG_LEGACY_VNI           /* VNI Windows (VNI-Times) */
} eg_legacy;

/* ---- evidence of legacy encodings --------------------------------------- */

typedef struct {
    size_t words_nonascii;  /* words with a character outside ASCII */
    size_t words_tcvn3;     /* ... with TCVN3 evidence */
    size_t words_vni;       /* ... with VNI evidence */
    /* the word being read */
    int in_word, w_ascii, w_nonascii, w_tcvn3, w_vni;
    int prev;               /* previous byte image in the word, -1 none */
} eg_legacy_scan;

void eg_legacy_scan_init(eg_legacy_scan *s);
/* Feeds one character: a byte of a single-byte text (0-255), or a Unicode
 * code point of a Unicode text. */
void eg_legacy_scan_char(eg_legacy_scan *s, uint32_t cp);
/* Feeds n bytes of valid UTF-8 and ends the word there (one cell). */
void eg_legacy_scan_utf8(eg_legacy_scan *s, const char *p, size_t n);
/* Ends the word being read (call before deciding). */
void eg_legacy_scan_end(eg_legacy_scan *s);
/* TCVN3, VNI or NONE, by the rule above; eight_bit says whether the text
 * was single bytes (one word of evidence is enough then). */
eg_legacy eg_legacy_decide(const eg_legacy_scan *s, int eight_bit);

/* ---- converting text ---------------------------------------------------- */

/* The n single bytes at p, in TCVN3 or VNI, as a new NFC UTF-8 string.
 * Bytes these tables leave free read as Windows-1252. */
char *eg_legacy_decode(eg_legacy enc, const char *p, size_t n);

/* s (valid UTF-8) read back as the TCVN3 or VNI bytes its characters
 * look like: a new NFC string, or NULL when s holds a character that
 * stands for no single byte (it is then real Unicode text). */
char *eg_legacy_fix_utf8(eg_legacy enc, const char *s);

/* s (valid UTF-8) when it is UTF-8 text whose bytes were read as
 * Windows-1252 or Windows-1258 and saved again ("cÃ³" or "cĂ³" for "có":
 * a CSV UTF-8 file opened in a spreadsheet as a legacy code page): that
 * text, a new NFC string; NULL when s is no such text. */
char *eg_mojibake_undo(const char *s);

/* ---- a text file, chunk by chunk ---------------------------------------- */

/* What eg_text_sniff decided about a file, and the state to read it. */
typedef struct {
    eg_text_form form;
    eg_legacy legacy;       /* 8BIT: CP1258, TCVN3 or VNI; else NONE, TCVN3, VNI */
    size_t bom;             /* bytes of byte order mark at the start */
    size_t bad_bytes;       /* UTF-8 form: invalid bytes seen by the sniff */
    void *cd;               /* iconv: UTF-16 stream, or CP1258 fields */
    unsigned char carry[4]; /* UTF-16: bytes of a code unit cut by a chunk */
    size_t n_carry;
    unsigned char *raw;     /* UTF-16: the raw chunk being converted */
    int started;            /* the BOM has been skipped */
} eg_text;

/* Reads all of f (from its start) to decide its form and legacy encoding,
 * then rewinds it.  Returns 0, or -1 on a read error (errno set). */
int eg_text_sniff(eg_text *t, FILE *f);

/* Adds W_TEXT_CP1258, W_TEXT_TCVN3 or W_TEXT_VNI naming the file when its
 * text is converted from a legacy encoding; nothing otherwise. */
void eg_text_warn(const eg_text *t, const char *display, eg_diag_list *dl);

/* Reads the next chunk of f into buf (at most cap bytes, cap >= 64): UTF-8
 * for the UTF-8 and UTF-16 forms (the BOM dropped; a UTF-16 unit that is
 * no character becomes the byte FF, which no UTF-8 text holds, so that
 * the field holding it is reported), the file's own bytes for 8BIT.
 * Returns the bytes written, 0 at the end of the file; *err is set to 1
 * on a read error. */
size_t eg_text_read(eg_text *t, FILE *f, char *buf, size_t cap, int *err);

/* One field of what eg_text_read gave (n bytes, no NUL), as a new NFC
 * UTF-8 string; NULL when it holds bytes that are no text in the file's
 * encoding. */
char *eg_text_field(eg_text *t, const char *p, size_t n);

/* Frees what eg_text_sniff and eg_text_read hold. */
void eg_text_close(eg_text *t);

#endif
