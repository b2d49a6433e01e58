#include "extract/encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/mem.h"
#include "core/text.h"

#define SNIFF_CHUNK (64 * 1024)

/* ---- tables ------------------------------------------------------------- */

/* Windows-1252 at 0x80-0x9F; its five holes read as the C1 controls, as
 * Windows itself maps them. */
static const uint16_t cp1252_hi[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/* TCVN3 (TCVN 5712:1993 VN3, the .VnTime fonts) at 0xA0-0xFF: the 134
 * Vietnamese letters it encodes; 0 where VN3 leaves the position free
 * (it then reads as Latin-1). */
static const uint16_t tcvn3_hi[96] = {
    /* A0 */ 0,      0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,
    /* A8 */ 0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0,
    /* B0 */ 0,      0,      0,      0,      0,      0x00E0, 0x1EA3, 0x00E3,
    /* B8 */ 0x00E1, 0x1EA1, 0,      0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0,
    /* C0 */ 0,      0,      0,      0,      0,      0,      0x1EB7, 0x1EA7,
    /* C8 */ 0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0,      0x1EBB, 0x1EBD,
    /* D0 */ 0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,
    /* D8 */ 0x1EC9, 0,      0,      0,      0x0129, 0x00ED, 0x1ECB, 0x00F2,
    /* E0 */ 0,      0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,
    /* E8 */ 0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,
    /* F0 */ 0,      0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,
    /* F8 */ 0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0,
};

/* VNI Windows: a vowel is followed by a mark byte (one or two combining
 * marks), or a letter is one byte of its own.  Mark bytes come in small
 * and capital forms, which differ by 0x20. */
typedef struct {
    unsigned char byte;
    uint16_t mark[2];
} vni_mark;

static const vni_mark vni_marks[] = {
    { 0xF9, { 0x0301, 0 } },      /* ù  sắc */
    { 0xF8, { 0x0300, 0 } },      /* ø  huyền */
    { 0xFB, { 0x0309, 0 } },      /* û  hỏi */
    { 0xF5, { 0x0303, 0 } },      /* õ  ngã */
    { 0xEF, { 0x0323, 0 } },      /* ï  nặng */
    { 0xE2, { 0x0302, 0 } },      /* â  circumflex */
    { 0xEA, { 0x0306, 0 } },      /* ê  breve */
    { 0xE1, { 0x0302, 0x0301 } }, /* á  ấ ế ố */
    { 0xE0, { 0x0302, 0x0300 } }, /* à  ầ ề ồ */
    { 0xE5, { 0x0302, 0x0309 } }, /* å  ẩ ể ổ */
    { 0xE3, { 0x0302, 0x0303 } }, /* ã  ẫ ễ ỗ */
    { 0xE4, { 0x0302, 0x0323 } }, /* ä  ậ ệ ộ */
    { 0xE9, { 0x0306, 0x0301 } }, /* é  ắ */
    { 0xE8, { 0x0306, 0x0300 } }, /* è  ằ */
    { 0xFA, { 0x0306, 0x0309 } }, /* ú  ẳ */
    { 0xFC, { 0x0306, 0x0303 } }, /* ü  ẵ */
    { 0xEB, { 0x0306, 0x0323 } }, /* ë  ặ */
};

/* VNI letters of one byte (small; the capital is 0x20 lower). */
static const struct { unsigned char byte; uint16_t small, capital; } vni_letters[] = {
    { 0xF1, 0x0111, 0x0110 },     /* ñ  đ */
    { 0xF4, 0x01A1, 0x01A0 },     /* ô  ơ */
    { 0xF6, 0x01B0, 0x01AF },     /* ö  ư */
    { 0xED, 0x00ED, 0x00CD },     /* í  í */
    { 0xEC, 0x00EC, 0x00CC },     /* ì  ì */
    { 0xE6, 0x1EC9, 0x1EC8 },     /* æ  ỉ */
    { 0xF3, 0x0129, 0x0128 },     /* ó  ĩ */
    { 0xF2, 0x1ECB, 0x1ECA },     /* ò  ị */
    { 0xEE, 0x1EF5, 0x1EF4 },     /* î  ỵ */
};

static const vni_mark *vni_mark_of(int b)
{
    for (size_t i = 0; i < sizeof vni_marks / sizeof *vni_marks; i++)
        if (vni_marks[i].byte == b || vni_marks[i].byte - 0x20 == b)
            return &vni_marks[i];
    return NULL;
}

static uint32_t vni_letter_of(int b)
{
    for (size_t i = 0; i < sizeof vni_letters / sizeof *vni_letters; i++) {
        if (vni_letters[i].byte == b)
            return vni_letters[i].small;
        if (vni_letters[i].byte - 0x20 == b)
            return vni_letters[i].capital;
    }
    return 0;
}

/* The Windows-1252 reading of a byte: what a byte no legacy table claims
 * stands for. */
static uint32_t cp1252_of(int b)
{
    return b >= 0x80 && b < 0xA0 ? cp1252_hi[b - 0x80] : (uint32_t)b;
}

/* The byte a character looks like (Latin-1, or Windows-1252 at
 * 0x80-0x9F), or -1 when it stands for no single byte. */
static int byte_image(uint32_t cp)
{
    if (cp < 0x100)
        return (int)cp;
    for (int i = 0; i < 32; i++)
        if (cp1252_hi[i] == cp)
            return 0x80 + i;
    return -1;
}

/* ---- evidence ----------------------------------------------------------- */

static int ascii_letter(int b)
{
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
}

static int vni_vowel(int b)
{
    return (b < 0x80 && b > 0 && strchr("aeiouyAEIOUY", b) != NULL) ||
           b == 0xF4 || b == 0xF6 || b == 0xD4 || b == 0xD6;
}

/* TCVN3 letters that are symbols in Latin-1 and Windows-125x. */
static int tcvn3_evidence(int b)
{
    return (b >= 0xA1 && b <= 0xAE) || (b >= 0xB5 && b <= 0xB9) ||
           (b >= 0xBB && b <= 0xBE) || b == 0xD7 || b == 0xF7;
}

/* VNI mark bytes that are no Vietnamese letter in any other reading. */
static int vni_strong_mark(int b)
{
    switch (b | 0x20) {
    case 0xF8: case 0xFB: case 0xEF: case 0xE5: case 0xE4: case 0xEB: case 0xFC:
        return 1;
    default:
        return 0;
    }
}

/* VNI letters of one byte that are no Vietnamese letter otherwise. */
static int vni_strong_letter(int b)
{
    switch (b | 0x20) {
    case 0xF1: case 0xF6: case 0xE6: case 0xEE:
        return 1;
    default:
        return 0;
    }
}

void eg_legacy_scan_init(eg_legacy_scan *s)
{
    memset(s, 0, sizeof *s);
    s->prev = -1;
}

void eg_legacy_scan_end(eg_legacy_scan *s)
{
    if (s->in_word) {
        s->words_nonascii += s->w_nonascii;
        s->words_tcvn3 += s->w_tcvn3 && s->w_ascii;
        s->words_vni += s->w_vni && s->w_ascii;
    }
    s->in_word = s->w_ascii = s->w_nonascii = s->w_tcvn3 = s->w_vni = 0;
    s->prev = -1;
}

void eg_legacy_scan_char(eg_legacy_scan *s, uint32_t cp)
{
    int b = byte_image(cp);
    int letter;

    /* Words are runs of letters: ASCII letters, any byte from A1 up (the
     * legacy letters live there), and Unicode letters and marks. */
    if (b >= 0)
        letter = ascii_letter(b) || b >= 0xA1;
    else {
        utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);

        letter = c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME;
    }
    if (!letter) {
        eg_legacy_scan_end(s);
        return;
    }
    s->in_word = 1;
    if (b >= 0 && b < 0x80) {
        s->w_ascii = 1;
    } else {
        s->w_nonascii = 1;
        if (b >= 0) {
            if (tcvn3_evidence(b))
                s->w_tcvn3 = 1;
            if ((vni_strong_mark(b) && s->prev >= 0 && vni_vowel(s->prev)) ||
                vni_strong_letter(b))
                s->w_vni = 1;
        }
    }
    s->prev = b;
}

/* eg_legacy_scan_char with its commonest case in place: an ASCII byte,
 * a letter that goes on a word or anything else that ends one.  The scans
 * below meet every byte of a file. */
static inline void scan_char(eg_legacy_scan *s, uint32_t cp)
{
    if (cp >= 0x80) {
        eg_legacy_scan_char(s, cp);
    } else if (ascii_letter((int)cp)) {
        s->in_word = 1;
        s->w_ascii = 1;
        s->prev = (int)cp;
    } else if (s->in_word) {
        eg_legacy_scan_end(s);
    } else {
        s->prev = -1;   /* what eg_legacy_scan_end leaves outside a word */
    }
}

/* The length of the valid UTF-8 sequence at p (n bytes there), 0 when
 * the buffer ends inside a sequence that may still be valid, -1 when the
 * byte at p starts no valid sequence. */
static int utf8_next(const unsigned char *p, size_t n, uint32_t *cp)
{
    unsigned c = p[0];
    uint32_t v, min;
    int len;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        return -1;
    }
    for (int i = 1; i < len; i++) {
        if ((size_t)i >= n)
            return 0;
        if ((p[i] & 0xC0) != 0x80)
            return -1;
        v = (v << 6) | (p[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return -1;
    *cp = v;
    return len;
}

static int has_high_byte(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)p[i] >= 0x80)
            return 1;
    return 0;
}

void eg_legacy_scan_utf8(eg_legacy_scan *s, const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t i = 0;

    /* A text of ASCII alone, begun outside a word: its words are ASCII
     * words, which count for no encoding; only the state ends as a scan
     * ends it (a code, a number: most cells of a form). */
    if (!s->in_word && !has_high_byte(p, n)) {
        s->prev = -1;
        return;
    }
    while (i < n) {
        uint32_t cp;
        int k = utf8_next(u + i, n - i, &cp);

        if (k <= 0) {           /* not expected: the caller checked */
            eg_legacy_scan_end(s);
            i++;
            continue;
        }
        scan_char(s, cp);
        i += (size_t)k;
    }
    eg_legacy_scan_end(s);
}

eg_legacy eg_legacy_decide(const eg_legacy_scan *s, int eight_bit)
{
    size_t min = eight_bit ? 1 : 2;

    if (s->words_tcvn3 >= min && s->words_tcvn3 * 5 >= s->words_nonascii)
        return EG_LEGACY_TCVN3;
    if (s->words_vni >= min && s->words_vni * 5 >= s->words_nonascii)
        return EG_LEGACY_VNI;
    return EG_LEGACY_NONE;
}

/* ---- converting --------------------------------------------------------- */

static char *put_cp(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | (cp >> 6));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xE0 | (cp >> 12));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* NFC of the n bytes written at buf (NUL-terminated here); frees buf. */
static char *finish_nfc(char *buf, char *end)
{
    char *nfc;

    *end = '\0';
    nfc = eg_nfc(buf);
    free(buf);
    return nfc;
}

static char *decode_tcvn3(const unsigned char *p, size_t n)
{
    char *out = eg_xmalloc(n * 3 + 1), *o = out;

    for (size_t i = 0; i < n; i++) {
        int b = p[i];
        uint32_t cp = b >= 0xA0 && tcvn3_hi[b - 0xA0] ? tcvn3_hi[b - 0xA0] : cp1252_of(b);

        o = put_cp(o, cp);
    }
    return finish_nfc(out, o);
}

static char *decode_vni(const unsigned char *p, size_t n)
{
    /* a mark byte becomes up to two combining marks (6 bytes) */
    char *out = eg_xmalloc(n * 6 + 1), *o = out;
    int prev = -1;            /* the byte before, while it is a vowel */

    for (size_t i = 0; i < n; i++) {
        int b = p[i];
        const vni_mark *m = b >= 0x80 ? vni_mark_of(b) : NULL;
        uint32_t letter;

        /* A mark byte only marks the vowel before it; anywhere else it
         * is the Latin letter it looks like. */
        if (m && prev >= 0) {
            o = put_cp(o, m->mark[0]);
            if (m->mark[1])
                o = put_cp(o, m->mark[1]);
            prev = -1;
            continue;
        }
        letter = b >= 0x80 ? vni_letter_of(b) : 0;
        o = put_cp(o, letter ? letter : cp1252_of(b));
        prev = vni_vowel(b) ? b : -1;
    }
    return finish_nfc(out, o);
}

char *eg_legacy_decode(eg_legacy enc, const char *p, size_t n)
{
    if (enc == EG_LEGACY_VNI)
        return decode_vni((const unsigned char *)p, n);
    return decode_tcvn3((const unsigned char *)p, n);
}

char *eg_legacy_fix_utf8(eg_legacy enc, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, k = 0;
    unsigned char *bytes;
    char *out;

    if (enc != EG_LEGACY_TCVN3 && enc != EG_LEGACY_VNI)
        return NULL;
    bytes = eg_xmalloc(n + 1);
    while (i < n) {
        uint32_t cp;
        int len = utf8_next(u + i, n - i, &cp);
        int b = len > 0 ? byte_image(cp) : -1;

        if (b < 0) {
            free(bytes);
            return NULL;
        }
        bytes[k++] = (unsigned char)b;
        i += (size_t)len;
    }
    out = eg_legacy_decode(enc, (const char *)bytes, k);
    free(bytes);
    return out;
}

/* ---- a text file -------------------------------------------------------- */

/* UTF-16 without a byte order mark: ASCII text in it has a zero byte in
 * every other position (checked over the first 4 KiB). */
static eg_text_form utf16_by_zeros(const unsigned char *p, size_t n)
{
    size_t even = 0, odd = 0, pairs;

    if (n > 4096)
        n = 4096;
    n &= ~(size_t)1;
    pairs = n / 2;
    if (pairs < 4)
        return EG_FORM_UTF8;
    for (size_t i = 0; i < n; i += 2) {
        even += p[i] == 0;
        odd += p[i + 1] == 0;
    }
    if (odd * 10 >= pairs * 6 && even * 20 <= pairs)
        return EG_FORM_UTF16LE;
    if (even * 10 >= pairs * 6 && odd * 20 <= pairs)
        return EG_FORM_UTF16BE;
    return EG_FORM_UTF8;
}

static void open_cd(eg_text *t)
{
    const char *from = t->form == EG_FORM_UTF16LE ? "UTF-16LE" :
                       t->form == EG_FORM_UTF16BE ? "UTF-16BE" : "CP1258";
    iconv_t cd = iconv_open("UTF-8", from);

    t->cd = cd == (iconv_t)-1 ? NULL : (void *)cd;
}

/* The UTF-16 form: gathers the evidence over the converted text. */
static int sniff_utf16(eg_text *t, FILE *f, char *buf)
{
    eg_legacy_scan s;
    char carry[4];
    size_t n_carry = 0, len;
    int err = 0;

    eg_legacy_scan_init(&s);
    while ((len = eg_text_read(t, f, buf + n_carry, SNIFF_CHUNK, &err)) > 0) {
        size_t i = 0;

        len += n_carry;
        n_carry = 0;
        while (i < len) {
            uint32_t cp;
            int k = utf8_next((unsigned char *)buf + i, len - i, &cp);

            if (k == 0) {           /* a character cut by the chunk */
                n_carry = len - i;
                memcpy(carry, buf + i, n_carry);
                break;
            }
            if (k < 0) {
                eg_legacy_scan_end(&s);
                i++;
                continue;
            }
            scan_char(&s, cp);
            i += (size_t)k;
        }
        memcpy(buf, carry, n_carry);
    }
    eg_legacy_scan_end(&s);
    t->legacy = eg_legacy_decide(&s, 0);
    return err ? -1 : 0;
}

/* The evidence of the file's bytes read as single bytes, from its start
 * (buf: room for SNIFF_CHUNK bytes).  0, or -1 on a read error. */
static int scan_as_bytes(FILE *f, unsigned char *buf, eg_legacy_scan *as_bytes)
{
    size_t len;

    rewind(f);
    while ((len = fread(buf, 1, SNIFF_CHUNK, f)) > 0)
        for (size_t j = 0; j < len; j++)
            scan_char(as_bytes, buf[j]);
    return ferror(f) ? -1 : 0;
}

/* Bytes that are not UTF-8 or not: counts valid multi-byte sequences and
 * invalid bytes, and gathers the evidence read as Unicode; read as single
 * bytes too, in a second pass, only when that is how the text will be
 * read (most of it not UTF-8, and no UTF-8 byte order mark). */
static int sniff_bytes(eg_text *t, FILE *f, unsigned char *buf, size_t first)
{
    eg_legacy_scan as_utf8, as_bytes;
    size_t n_mb = 0, n_bad = 0, len = first, carry = 0;
    int high = 0;

    eg_legacy_scan_init(&as_utf8);
    eg_legacy_scan_init(&as_bytes);
    for (;;) {
        size_t i = 0, end = carry + len;
        int eof = len == 0;

        high |= has_high_byte((char *)buf + carry, len);
        while (i < end) {
            uint32_t cp;
            int k = utf8_next(buf + i, end - i, &cp);

            if (k == 0 && !eof)
                break;              /* cut by the chunk: read on */
            if (k <= 0) {
                n_bad++;
                eg_legacy_scan_end(&as_utf8);
                i++;
                continue;
            }
            n_mb += k > 1;
            scan_char(&as_utf8, cp);
            i += (size_t)k;
        }
        if (eof)
            break;
        carry = end - i;
        memmove(buf, buf + i, carry);
        len = fread(buf + carry, 1, SNIFF_CHUNK, f);
        if (ferror(f))
            return -1;
    }
    eg_legacy_scan_end(&as_utf8);
    if (!high)
        return 0;                   /* ASCII: UTF-8, nothing to convert */
    /* A UTF-8 byte order mark decides as UTF-16's do: its file is UTF-8
     * whatever its bytes (Excel shows a byte that is not broken). */
    if (t->bom || n_bad == 0 || n_mb > n_bad) {
        t->form = EG_FORM_UTF8;
        t->bad_bytes = n_bad;
        t->legacy = eg_legacy_decide(&as_utf8, 0);
    } else {
        if (scan_as_bytes(f, buf, &as_bytes) != 0)
            return -1;
        eg_legacy_scan_end(&as_bytes);
        t->form = EG_FORM_8BIT;
        t->legacy = eg_legacy_decide(&as_bytes, 1);
        if (t->legacy == EG_LEGACY_NONE)
            t->legacy = EG_LEGACY_CP1258;
    }
    return 0;
}

int eg_text_sniff(eg_text *t, FILE *f)
{
    unsigned char *buf = eg_xmalloc(SNIFF_CHUNK + 8);
    size_t len;
    int rc;

    memset(t, 0, sizeof *t);
    rewind(f);
    len = fread(buf, 1, SNIFF_CHUNK, f);
    if (ferror(f)) {
        free(buf);
        return -1;
    }
    /* The byte order mark decides, else UTF-16's zeros, else the bytes. */
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        t->bom = 3;
    } else if (len >= 2 && memcmp(buf, "\xFF\xFE", 2) == 0) {
        t->form = EG_FORM_UTF16LE;
        t->bom = 2;
    } else if (len >= 2 && memcmp(buf, "\xFE\xFF", 2) == 0) {
        t->form = EG_FORM_UTF16BE;
        t->bom = 2;
    } else {
        t->form = utf16_by_zeros(buf, len);
    }
    if (t->form == EG_FORM_UTF16LE || t->form == EG_FORM_UTF16BE) {
        open_cd(t);
        rewind(f);
        rc = sniff_utf16(t, f, (char *)buf);
        /* start again from the top for the real reading */
        t->n_carry = 0;
        t->started = 0;
        if (t->cd)
            iconv((iconv_t)t->cd, NULL, NULL, NULL, NULL);
    } else {
        rc = sniff_bytes(t, f, buf, len);
        if (t->legacy == EG_LEGACY_CP1258)
            open_cd(t);
    }
    free(buf);
    clearerr(f);
    rewind(f);
    return rc;
}

void eg_text_warn(const eg_text *t, const char *display, eg_diag_list *dl)
{
    switch (t->legacy) {
    case EG_LEGACY_CP1258:
        eg_diag_add(dl, EG_WARNING, "W_TEXT_CP1258", display, 0, 0, NULL, NULL,
                    dl->english
                    ? "the file is not UTF-8: it was read as Windows-1258 (CP1258); save it as \"CSV UTF-8\" to be sure every letter is right"
                    : "tệp không dùng bảng mã UTF-8: đã được đọc theo bảng mã Windows-1258 (CP1258); lưu lại dưới dạng \"CSV UTF-8\" để chắc chắn mọi chữ đều đúng");
        break;
    case EG_LEGACY_TCVN3:
        eg_diag_add(dl, EG_WARNING, "W_TEXT_TCVN3", display, 0, 0, NULL, NULL,
                    dl->english
                    ? "text typed with TCVN3 (ABC, .VnTime) fonts was converted to Unicode; check names and notes, and type in Unicode (Times New Roman) next time"
                    : "văn bản gõ bằng phông TCVN3 (ABC, .VnTime) đã được chuyển sang Unicode; cần kiểm tra lại tên và ghi chú, và lần sau hãy gõ bằng Unicode (Times New Roman)");
        break;
    case EG_LEGACY_VNI:
        eg_diag_add(dl, EG_WARNING, "W_TEXT_VNI", display, 0, 0, NULL, NULL,
                    dl->english
                    ? "text typed with VNI fonts (VNI-Times) was converted to Unicode; check names and notes, and type in Unicode (Times New Roman) next time"
                    : "văn bản gõ bằng phông VNI (VNI-Times) đã được chuyển sang Unicode; cần kiểm tra lại tên và ghi chú, và lần sau hãy gõ bằng Unicode (Times New Roman)");
        break;
    default:
        break;
    }
}

/* One chunk of UTF-16 as UTF-8.  Reads at most cap/2 raw bytes, which
 * become at most 3 bytes of UTF-8 per 2: the output always fits. */
static size_t read_utf16(eg_text *t, FILE *f, char *buf, size_t cap, int *err)
{
    size_t raw_cap = (cap / 2) & ~(size_t)3;

    if (!t->raw)
        t->raw = eg_xmalloc(raw_cap + 4);
    for (;;) {
        size_t got, inleft;
        char *in, *out = buf;
        size_t outleft = cap;

        memcpy(t->raw, t->carry, t->n_carry);
        got = fread(t->raw + t->n_carry, 1, raw_cap - t->n_carry, f);
        if (ferror(f)) {
            *err = 1;
            return 0;
        }
        if (got == 0) {
            /* half a character at the end of the file */
            if (t->n_carry) {
                t->n_carry = 0;
                buf[0] = (char)0xFF;
                return 1;
            }
            return 0;
        }
        in = (char *)t->raw;
        inleft = t->n_carry + got;
        t->n_carry = 0;
        if (!t->cd) {               /* no converter: every unit is lost */
            memset(buf, 0xFF, 1);
            return 1;
        }
        while (inleft > 0) {
            if (iconv((iconv_t)t->cd, &in, &inleft, &out, &outleft) != (size_t)-1)
                break;
            if (errno == EILSEQ && inleft >= 2 && outleft > 0) {
                /* a lone surrogate: mark it, skip one unit */
                *out++ = (char)0xFF;
                outleft--;
                in += 2;
                inleft -= 2;
                continue;
            }
            break;                  /* EINVAL: a unit cut by the chunk */
        }
        if (inleft > 3) {           /* E2BIG cannot happen; be safe */
            *err = 1;
            return (size_t)(out - buf);
        }
        memcpy(t->carry, in, inleft);
        t->n_carry = inleft;
        if (out > buf)
            return (size_t)(out - buf);
    }
}

size_t eg_text_read(eg_text *t, FILE *f, char *buf, size_t cap, int *err)
{
    *err = 0;
    if (!t->started) {
        char bom[4];

        t->started = 1;
        if (t->bom && fread(bom, 1, t->bom, f) != t->bom) {
            *err = ferror(f) != 0;
            return 0;
        }
    }
    if (t->form == EG_FORM_UTF16LE || t->form == EG_FORM_UTF16BE)
        return read_utf16(t, f, buf, cap, err);
    {
        size_t n = fread(buf, 1, cap, f);

        if (ferror(f))
            *err = 1;
        return n;
    }
}

/* Windows-1258 at 0x80-0xFF, its holes read as the C1 controls (as
 * Windows maps them), for eg_mojibake_undo. */
static const uint16_t cp1258_hi[128] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x008A, 0x2039, 0x0152, 0x008D, 0x008E, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x009A, 0x203A, 0x0153, 0x009D, 0x009E, 0x0178,
    0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
    0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
    0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
    0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
    0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF,
    0x0110, 0x00D1, 0x0309, 0x00D3, 0x00D4, 0x01A0, 0x00D6, 0x00D7,
    0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF,
    0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0301, 0x00ED, 0x00EE, 0x00EF,
    0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7,
    0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF,
};

/* The byte of code page 1252 (cp1258 0) that shows as cp; -1 when none. */
static int code_page_byte(int32_t cp, int cp1258)
{
    if (cp < 0x80)
        return cp;
    if (!cp1258 && cp >= 0xA0 && cp <= 0xFF)
        return cp;
    for (int i = 0; i < (cp1258 ? 128 : 32); i++)
        if ((cp1258 ? cp1258_hi[i] : cp1252_hi[i]) == cp)
            return 0x80 + i;
    return -1;
}

/* s (valid UTF-8) as the bytes of the code page its characters show;
 * NULL when one of them is in none of its positions. */
static char *to_code_page(const char *s, int cp1258)
{
    size_t n = strlen(s), k = 0;
    char *out = eg_xmalloc(n + 1);
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;

    while (n > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t len = utf8proc_iterate(p, (utf8proc_ssize_t)n, &cp);
        int b = len > 0 ? code_page_byte(cp, cp1258) : -1;

        if (b < 0) {
            free(out);
            return NULL;
        }
        out[k++] = (char)b;
        p += len;
        n -= (size_t)len;
    }
    out[k] = '\0';
    return out;
}

char *eg_mojibake_undo(const char *s)
{
    if (!has_high_byte(s, strlen(s)))
        return NULL;
    for (int cp1258 = 0; cp1258 < 2; cp1258++) {
        char *bytes = to_code_page(s, cp1258);
        size_t n = bytes ? strlen(bytes) : 0;

        /* its bytes UTF-8 with a letter of more than one byte, not s again */
        if (bytes && has_high_byte(bytes, n) && eg_utf8_valid(bytes, n) && strcmp(bytes, s) != 0) {
            char *text = eg_nfc(bytes);

            free(bytes);
            return text;
        }
        free(bytes);
    }
    return NULL;
}

static char *decode_cp1258(eg_text *t, const char *p, size_t n)
{
    char *out, *o, *in = (char *)p;
    size_t inleft = n, outleft = n * 4 + 8;

    if (!t->cd)
        return NULL;
    out = o = eg_xmalloc(outleft + 1);
    /* Each field from a fresh state: the converter holds back a letter
     * until it has seen whether a tone mark follows. */
    iconv((iconv_t)t->cd, NULL, NULL, NULL, NULL);
    if (iconv((iconv_t)t->cd, &in, &inleft, &o, &outleft) == (size_t)-1 ||
        iconv((iconv_t)t->cd, NULL, NULL, &o, &outleft) == (size_t)-1) {
        free(out);
        return NULL;
    }
    return finish_nfc(out, o);
}

char *eg_text_field(eg_text *t, const char *p, size_t n)
{
    char *s;

    if (!has_high_byte(p, n))
        return eg_xstrndup(p, n);
    if (t->form == EG_FORM_8BIT) {
        if (t->legacy == EG_LEGACY_TCVN3 || t->legacy == EG_LEGACY_VNI)
            return eg_legacy_decode(t->legacy, p, n);
        return decode_cp1258(t, p, n);
    }
    if (!eg_utf8_valid(p, n))
        return NULL;
    s = eg_xstrndup(p, n);
    if (t->legacy == EG_LEGACY_TCVN3 || t->legacy == EG_LEGACY_VNI) {
        char *fixed = eg_legacy_fix_utf8(t->legacy, s);

        if (fixed) {
            free(s);
            return fixed;
        }
    }
    {
        char *nfc = eg_nfc(s);

        free(s);
        return nfc;
    }
}

void eg_text_close(eg_text *t)
{
    if (t->cd)
        iconv_close((iconv_t)t->cd);
    free(t->raw);
    memset(t, 0, sizeof *t);
}
