#include "extract/xls_biff.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"
#include "core/text.h"
#include "extract/cellcolour.h"
#include "extract/cellfmt.h"
#include "extract/cfb.h"
#include "extract/xls_records.h"

static double rd_double(const unsigned char *p)
{
    uint64_t u = (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
    double d;

    memcpy(&d, &u, sizeof d);
    return d;
}

/* ---- texts (BIFF8: Latin-1 or UTF-16; BIFF5: a code page) -------------- */

/* UTF-16 code units as UTF-8 appended to a growing buffer; a lone
 * surrogate becomes U+FFFD. */
typedef struct {
    char *s;
    size_t n, cap;
} utf8_buf;

static void buf_room(utf8_buf *o, size_t more)
{
    if (o->n + more > o->cap) {
        o->cap = (o->n + more) * 2;
        o->s = eg_xrealloc(o->s, o->cap);
    }
}

static void put_units(utf8_buf *o, const uint16_t *u, size_t n)
{
    buf_room(o, n * 3 + 1);
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = u[i];

        if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < n && u[i + 1] >= 0xDC00 && u[i + 1] < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (u[i + 1] - 0xDC00u);
            i++;
        } else if (cp >= 0xD800 && cp < 0xE000) {
            cp = 0xFFFD;
        }
        o->n += eg_utf8_put(o->s + o->n, cp);
    }
    o->s[o->n] = '\0';
}

/* A text that may go on past its record (MS-XLS 2.5.293): its bytes are
 * read in turn from the record in hand and then from the CONTINUE records
 * after it; where its characters go on in the next record, that record's
 * first byte says whether they are one byte (Latin-1) or two (UTF-16LE)
 * each from there on. */
typedef struct {
    records r;              /* after the record in hand */
    const unsigned char *d;
    size_t len, p;          /* the record in hand, and the place in it */
    int biff5;              /* a count of bytes of a code page, then the bytes */
    iconv_t conv;           /* BIFF5: from the code page to UTF-8 */
} text_cursor;

static void cursor_at(text_cursor *c, const eg_biff *b, const records *r, size_t p)
{
    c->biff5 = b->biff5;
    c->conv = (iconv_t)b->conv;
    c->r = *r;
    c->d = r->data;
    c->len = r->len;
    c->p = p;
}

/* On to the CONTINUE record after the one in hand: 0 when none follows. */
static int cursor_next(text_cursor *c)
{
    records save = c->r;

    if (!next_record(&c->r) || c->r.type != 0x003C) {
        c->r = save;
        return 0;
    }
    c->d = c->r.data;
    c->len = c->r.len;
    c->p = 0;
    return 1;
}

/* Whether the records end where the cursor stands: the record in hand
 * read to its end, and no CONTINUE record after it. */
static int cursor_at_end(const text_cursor *c)
{
    records after = c->r;

    return c->p == c->len && (!next_record(&after) || after.type != 0x003C);
}

/* n bytes into out (or passed over when out is NULL); -1 when the records
 * end first. */
static int cursor_bytes(text_cursor *c, unsigned char *out, size_t n)
{
    while (n > 0) {
        size_t k;

        if (c->p == c->len && !cursor_next(c))
            return -1;
        k = c->len - c->p < n ? c->len - c->p : n;
        if (out) {
            memcpy(out, c->d + c->p, k);
            out += k;
        }
        c->p += k;
        n -= k;
    }
    return 0;
}

/* cch characters, one or two bytes each (wide) as far as the record in
 * hand holds them, appended to o as UTF-8; -1 when the records end first,
 * or a character's two bytes fall in two records. */
static int cursor_chars(text_cursor *c, size_t cch, int wide, utf8_buf *o)
{
    uint16_t *u = eg_xmalloc((cch ? cch : 1) * sizeof *u);
    size_t i = 0;

    while (i < cch) {
        if (c->p == c->len) {
            if (!cursor_next(c) || c->len == 0) {
                free(u);
                return -1;
            }
            wide = c->d[0] & 1;
            c->p = 1;
            continue;
        }
        if (wide) {
            if (c->len - c->p < 2) {
                free(u);
                return -1;
            }
            u[i++] = rd16(c->d + c->p);
            c->p += 2;
        } else {
            u[i++] = c->d[c->p++];
        }
    }
    put_units(o, u, cch);
    free(u);
    return 0;
}

/* n bytes of a BIFF5 text, in the code page conv converts from, appended
 * to o as UTF-8: the text whole, as a character may take two bytes
 * (Japanese, Chinese, Korean) and a Vietnamese letter its tone mark after
 * it (Windows-1258).  A byte that is no character, or that starts one cut
 * short, is U+FFFD. */
static void put_codepage(utf8_buf *o, iconv_t conv, const unsigned char *in, size_t n)
{
    char *ip = (char *)in, *op;
    size_t il = n, ol;

    iconv(conv, NULL, NULL, NULL, NULL);
    buf_room(o, 4 * n + 16);
    while (il > 0) {
        op = o->s + o->n;
        ol = o->cap - o->n - 1;
        if (iconv(conv, &ip, &il, &op, &ol) != (size_t)-1) {
            o->n = (size_t)(op - o->s);
            break;
        }
        o->n = (size_t)(op - o->s);
        if (errno == E2BIG) {
            buf_room(o, 4 * il + 16);
            continue;
        }
        /* what the converter holds back (a letter a tone mark may
         * follow, Windows-1258) came before the byte: out first */
        buf_room(o, 4 * il + 16);
        op = o->s + o->n;
        ol = o->cap - o->n - 1;
        if (iconv(conv, NULL, NULL, &op, &ol) != (size_t)-1)
            o->n = (size_t)(op - o->s);
        o->n += eg_utf8_put(o->s + o->n, 0xFFFD);
        ip++;
        il--;
    }
    buf_room(o, 16);                               /* what the converter held back */
    op = o->s + o->n;
    ol = o->cap - o->n - 1;
    if (iconv(conv, NULL, NULL, &op, &ol) != (size_t)-1)
        o->n = (size_t)(op - o->s);
    o->s[o->n] = '\0';
}

/* A text (XLUnicodeString, or XLUnicodeRichExtendedString when rich): a
 * count of characters (cch_bytes: 1 or 2 bytes), a byte of flags, for a
 * rich one the count of its formatting runs and the size of its extra
 * (phonetic) data when its flags say so, the characters, then the runs
 * and the extra data, passed over.  Appended to o; -1 when it runs past
 * the records. */
static int cursor_text(text_cursor *c, int cch_bytes, int rich, utf8_buf *o)
{
    unsigned char h[4];
    size_t cch, runs = 0, ext = 0;
    unsigned fl;

    if (c->biff5) {                                /* BIFF5: a count, then bytes */
        unsigned char *bytes;

        if (cursor_bytes(c, h, (size_t)cch_bytes))
            return -1;
        cch = cch_bytes == 1 ? h[0] : rd16(h);
        bytes = eg_xmalloc(cch ? cch : 1);
        if (cursor_bytes(c, bytes, cch)) {
            free(bytes);
            return -1;
        }
        put_codepage(o, c->conv, bytes, cch);
        free(bytes);
        return 0;
    }
    if (cursor_bytes(c, h, (size_t)cch_bytes + 1))
        return -1;
    cch = cch_bytes == 1 ? h[0] : rd16(h);
    fl = h[cch_bytes];
    if (rich && (fl & 8)) {
        if (cursor_bytes(c, h, 2))
            return -1;
        runs = rd16(h);
    }
    if (rich && (fl & 4)) {
        if (cursor_bytes(c, h, 4))
            return -1;
        ext = rd32(h);
    }
    if (cursor_chars(c, cch, fl & 1, o))
        return -1;
    return cursor_bytes(c, NULL, runs * 4) || cursor_bytes(c, NULL, ext) ? -1 : 0;
}

/* The text at offset p of the record r (and the CONTINUE records after
 * it), as a new UTF-8 string; NULL when it runs past them.  cch_bytes:
 * the size of its count of characters. */
static char *record_text(const eg_biff *b, const records *r, size_t p, int cch_bytes)
{
    text_cursor c;
    utf8_buf o = { NULL, 0, 0 };

    cursor_at(&c, b, r, p);
    buf_room(&o, 1);
    o.s[0] = '\0';
    if (p > r->len || cursor_text(&c, cch_bytes, 0, &o)) {
        free(o.s);
        return NULL;
    }
    return o.s;
}

static const char *const TEXT_PAST_RECORD =
    "một bản ghi văn bản của tệp dài hơn chính nó (tệp bị hỏng)";
static const char *const SST_BROKEN = "bảng chuỗi dùng chung của tệp bị hỏng";

/* The shared strings (SST, MS-XLS 2.4.265), the record r and the CONTINUE
 * records after it; r is left on the last of them.  The strings are not
 * held by the count the record claims but as they are read.  Records that
 * end between two strings before that count end the strings, as
 * LibreOffice reads them (a writer's count too high): a cell naming one
 * past them refuses the sheet.  -1 when they end inside a string. */
static int read_sst(eg_biff *b, records *r)
{
    text_cursor c;
    utf8_buf o = { NULL, 0, 0 };
    size_t count, cap = 0;

    if (r->len < 8 || b->sst_text)
        return -1;
    count = rd32(r->data + 4);
    cursor_at(&c, b, r, 8);
    buf_room(&o, 1);
    for (size_t i = 0; i < count && !cursor_at_end(&c); i++) {
        if (o.n > UINT32_MAX - 1) {
            free(o.s);
            return -1;
        }
        if (b->n_sst == cap) {
            cap = cap ? cap * 2 : 256;
            b->sst_at = eg_xrealloc(b->sst_at, cap * sizeof *b->sst_at);
        }
        b->sst_at[b->n_sst++] = (uint32_t)o.n;
        if (cursor_text(&c, 2, 1, &o)) {
            free(o.s);
            return -1;
        }
        buf_room(&o, 1);
        o.s[o.n++] = '\0';
    }
    b->sst_text = o.s;
    *r = c.r;
    return 0;
}

/* iconv's name for a BIFF5 CODEPAGE record's value (MS-XLS 2.4.52): the
 * values iconv knows by another name; any other is "CP<value>". */
static void codepage_name(unsigned cp, char *name, size_t cap)
{
    static const struct {
        uint16_t cp;
        const char *name;
    } other[] = {
        { 367, "ASCII" },
        { 1200, "CP1252" },                        /* UTF-16: not in BIFF5's bytes */
        { 32769, "CP1252" },
        { 10000, "MACINTOSH" },
        { 32768, "MACINTOSH" },
        { 10007, "MAC-CYRILLIC" },
        { 10029, "MAC-CENTRALEUROPE" },
        { 10079, "MAC-IS" },
    };

    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
        if (other[i].cp == cp) {
            snprintf(name, cap, "%s", other[i].name);
            return;
        }
    snprintf(name, cap, "CP%u", cp);
}

/* The converter from the code page a BIFF5 workbook's CODEPAGE record
 * names (Windows-1252 without one), from the globals after r, to UTF-8,
 * into b->conv.  0, or -1 with *why when iconv knows no such code page. */
static int codepage_open(eg_biff *b, records r, const char **why)
{
    char name[32];
    unsigned cp = 1252;
    iconv_t cd;

    /* past a FILEPASS the records are ciphered, the CODEPAGE's number too:
     * the workbook is refused for its password, not for that number */
    while (next_record(&r) && r.type != 0x000A && r.type != 0x002F)
        if (r.type == 0x0042 && r.len >= 2)
            cp = rd16(r.data);
    codepage_name(cp, name, sizeof name);
    cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1) {
        *why = "văn bản trong tệp dùng bảng mã không đọc được";
        return -1;
    }
    b->conv = (void *)cd;
    return 0;
}

/* ---- the globals' cell styles ------------------------------------------ */

/* What the globals say of the cells' looks, gathered until their end:
 * the FORMAT records (the number formats a workbook defines), the FONT
 * and XF records, the PALETTE. */
typedef struct {
    int8_t *fmt_kind;      /* per format id: its FORMAT record's kind, or -1 */
    uint8_t *fmt_hides;    /* per format id: the EG_HIDES_* of its FORMAT record */
    uint32_t *fmt_colours; /* and the colours its sections set (eg_cellfmt_colours) */
    uint16_t *fonts;       /* per font index: its colour's palette index */
    size_t n_fonts;
    struct {
        uint16_t fmt, font;
        int32_t back;      /* its fill's palette index, or BACK_NONE, or EG_COLOUR_UNKNOWN */
    } *xfs;
    size_t cap_xfs;
    int32_t palette[56];
    int own_palette;
} looks;

#define BACK_NONE (-2)     /* no fill: the sheet's white */

static void looks_init(looks *l)
{
    memset(l, 0, sizeof *l);
    l->fmt_kind = eg_xmalloc(65536 * sizeof *l->fmt_kind);
    memset(l->fmt_kind, -1, 65536 * sizeof *l->fmt_kind);
    l->fmt_hides = eg_xcalloc(65536, 1);
    l->fmt_colours = eg_xcalloc(65536, sizeof *l->fmt_colours);
}

static void looks_free(looks *l)
{
    free(l->fmt_kind);
    free(l->fmt_hides);
    free(l->fmt_colours);
    free(l->fonts);
    free(l->xfs);
}

/* A FONT record: the font index skips 4 (MS-XLS 2.5.129 FontIndex). */
static void font_record(looks *l, const unsigned char *d, size_t len)
{
    size_t idx = l->n_fonts == 4 ? 5 : l->n_fonts;

    if (idx >= 65536)
        return;
    l->fonts = eg_xrealloc(l->fonts, (idx + 1) * sizeof *l->fonts);
    if (idx == 5)
        l->fonts[4] = 0x7FFF;
    l->fonts[idx] = len >= 6 ? rd16(d + 4) : 0x7FFF;
    l->n_fonts = idx + 1;
}

/* An XF record (BIFF8, MS-XLS 2.4.353; BIFF5's shorter one): its font,
 * its format, and its fill: none, solid in its pattern colour, or a
 * pattern of two (unknown). */
static void xf_record(eg_biff *b, looks *l, const unsigned char *d, size_t len)
{
    unsigned fill = 0, fore = 0;
    int known = 1;

    if (b->n_xf == l->cap_xfs) {
        l->cap_xfs = l->cap_xfs ? l->cap_xfs * 2 : 64;
        l->xfs = eg_xrealloc(l->xfs, l->cap_xfs * sizeof *l->xfs);
    }
    if (!b->biff5 && len >= 20) {
        fill = rd32(d + 14) >> 26;
        fore = rd16(d + 18) & 0x7F;
    } else if (b->biff5 && len >= 12) {
        fill = rd32(d + 8) >> 16 & 0x3F;
        fore = rd32(d + 8) & 0x7F;
    } else {
        known = 0;
    }
    l->xfs[b->n_xf].font = rd16(d);
    l->xfs[b->n_xf].fmt = rd16(d + 2);
    l->xfs[b->n_xf].back = !known || fill > 1 ? EG_COLOUR_UNKNOWN
                           : fill == 0 ? BACK_NONE : (int32_t)fore;
    b->n_xf++;
}

static void palette_record(looks *l, const unsigned char *d, size_t len)
{
    unsigned n = len >= 2 ? rd16(d) : 0;

    eg_colour_palette_init(l->palette);
    for (unsigned i = 0; i < n && i < 56 && 2 + 4 * (size_t)i + 3 <= len; i++)
        l->palette[i] = (int32_t)d[2 + 4 * i] << 16 | (int32_t)d[3 + 4 * i] << 8 | d[4 + 4 * i];
    l->own_palette = 1;
}

/* Each XF's kind and what it hides, into b: the kind from its FORMAT
 * record's code when the workbook has one for the id (it may redefine a
 * built-in), else the built-in's; what it hides from that code, and from
 * its font's colour against its fill's. */
static void looks_resolve(eg_biff *b, const looks *l)
{
    const int32_t *palette = l->own_palette ? l->palette : NULL;

    b->xf_kind = eg_xcalloc(b->n_xf ? b->n_xf : 1, 1);
    b->xf_hides = eg_xcalloc(b->n_xf ? b->n_xf : 1, 1);
    for (size_t i = 0; i < b->n_xf; i++) {
        unsigned fmt = l->xfs[i].fmt, font = l->xfs[i].font;
        int kind = l->fmt_kind[fmt];
        uint32_t colours = kind >= 0 ? l->fmt_colours[fmt] : eg_cellfmt_builtin_colours((int)fmt);
        int32_t text = font < l->n_fonts ? eg_colour_indexed(l->fonts[font], palette)
                                         : EG_COLOUR_UNKNOWN;
        int32_t back = l->xfs[i].back == BACK_NONE ? EG_COLOUR_WHITE
                       : l->xfs[i].back < 0 ? EG_COLOUR_UNKNOWN
                       : eg_colour_indexed((unsigned)l->xfs[i].back, palette);

        b->xf_kind[i] = (uint8_t)(kind >= 0 ? kind : (int)eg_cellfmt_builtin((int)fmt));
        b->xf_hides[i] = (uint8_t)(l->fmt_hides[fmt] |
                                   eg_colour_hides(text, back, colours, palette));
    }
}

int eg_biff_open(eg_biff *b, const char *path, const char **why)
{
    /* "Workbook" (BIFF8) before "Book" (BIFF5): a workbook saved for
     * Excel 97 and 5.0/95 at once holds both. */
    static const char *const names[] = { "Workbook", "Book", NULL };
    looks l;
    size_t sheets_cap = 0;
    records r;
    int rc = -1, stream_rc;

    memset(b, 0, sizeof *b);
    stream_rc = eg_cfb_read(path, names, &b->stream, &b->n_stream, why);
    if (stream_rc != 0)
        return stream_rc;       /* -1 the file's fault, -2 the system's */
    looks_init(&l);

    /* The globals: a BIFF8 BOF (or BIFF5's, Excel 5/95), then the records
     * up to the first EOF. */
    memset(&r, 0, sizeof r);
    r.s = b->stream;
    r.n = b->n_stream;
    if (!next_record(&r) || (r.type != 0x0809 && r.type != 0x0409 && r.type != 0x0209 &&
                             r.type != 0x0009)) {
        /* no BOF of any Excel: the stream is damaged, not old */
        *why = "luồng dữ liệu bảng tính (Workbook) bị hỏng";
        goto done;
    }
    if (r.type != 0x0809 || r.len < 2 || (rd16(r.data) != 0x0600 && rd16(r.data) != 0x0500)) {
        /* Excel 2, 3 or 4's BOF (or one of no version we know) */
        *why = "tệp ở định dạng cũ hơn Excel 5 (trước năm 1993)";
        goto done;
    }
    b->biff5 = rd16(r.data) == 0x0500;
    if (b->biff5 && codepage_open(b, r, why))
        goto done;
    while (next_record(&r) && r.type != 0x000A) {
        const unsigned char *d = r.data;

        switch (r.type) {
        case 0x002F:                               /* FILEPASS: the rest is ciphered */
            b->encrypted = 1;
            r.pos = r.n;
            break;
        case 0x0022:                               /* DATEMODE */
            if (r.len >= 2)
                b->date1904 = rd16(d) == 1;
            break;
        case 0x0085:                               /* BOUNDSHEET */
            if (r.len >= (b->biff5 ? 7u : 8u)) {
                eg_biff_sheet *sh;

                /* a workbook has at most 65,535 sheets (a sheet's index
                 * is 16 bits wide) */
                if (b->n_sheets == 65535) {
                    *why = "danh sách trang tính của tệp bị hỏng";
                    goto done;
                }
                if (b->n_sheets == sheets_cap) {
                    sheets_cap = sheets_cap ? sheets_cap * 2 : 8;
                    b->sheets = eg_xrealloc(b->sheets, sheets_cap * sizeof *b->sheets);
                }
                sh = &b->sheets[b->n_sheets++];
                sh->offset = rd32(d);
                sh->hidden = (d[4] & 3) != 0;
                sh->worksheet = d[5] == 0;
                sh->name = record_text(b, &r, 6, 1);
                if (!sh->name) {
                    *why = TEXT_PAST_RECORD;
                    goto done;
                }
            }
            break;
        case 0x041E:                               /* FORMAT */
            if (r.len >= (b->biff5 ? 3u : 5u)) {
                char *code = record_text(b, &r, 2, b->biff5 ? 1 : 2);

                if (!code) {
                    *why = TEXT_PAST_RECORD;
                    goto done;
                }
                l.fmt_kind[rd16(d)] = (int8_t)eg_cellfmt_code(code);
                l.fmt_hides[rd16(d)] = (uint8_t)eg_cellfmt_hides(code);
                l.fmt_colours[rd16(d)] = eg_cellfmt_colours(code);
                free(code);
            }
            break;
        case 0x00FC:                               /* SST, and its CONTINUE records */
            if (!b->biff5 && read_sst(b, &r)) {
                *why = SST_BROKEN;
                goto done;
            }
            break;
        case 0x00E0:                               /* XF */
            if (r.len >= 4)
                xf_record(b, &l, d, r.len);
            break;
        case 0x0031:                               /* FONT */
            font_record(&l, d, r.len);
            break;
        case 0x0092:                               /* PALETTE */
            palette_record(&l, d, r.len);
            break;
        default:
            break;
        }
    }
    looks_resolve(b, &l);
    if (!b->sst_text) {
        b->sst_text = eg_xmalloc(1);
        b->sst_text[0] = '\0';
    }
    rc = 0;
done:
    looks_free(&l);
    if (rc)
        eg_biff_free(b);
    return rc;
}

/* A cell of the sheet being read; NULL when it cannot be held (a column
 * past the 256th, or more cells than EG_BIFF_MAX_CELLS), *why then set. */
static eg_biff_cell *add_cell(eg_biff *b, size_t *cap, unsigned row, unsigned col, int what,
                              unsigned xf, const char **why)
{
    eg_biff_cell *c;

    if (col > 255) {
        *why = "một ô nằm ngoài 256 cột của trang tính Excel 97-2003 (tệp bị hỏng)";
        return NULL;
    }
    if (b->n_cells == EG_BIFF_MAX_CELLS) {
        *why = "trang tính có quá nhiều ô";
        b->too_many_cells = 1;
        return NULL;
    }
    if (b->n_cells == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        b->cells = eg_xrealloc(b->cells, *cap * sizeof *b->cells);
    }
    c = &b->cells[b->n_cells];
    memset(c, 0, sizeof *c);
    c->row = (uint16_t)row;
    c->col = (uint16_t)col;
    c->what = (uint8_t)what;
    c->kind = xf < b->n_xf ? b->xf_kind[xf] : EG_CELL_NUMBER;
    c->hides = xf < b->n_xf ? b->xf_hides[xf] : 0;
    c->seq = (uint32_t)b->n_cells++;
    return c;
}

static int cmp_cells(const void *a, const void *b)
{
    const eg_biff_cell *x = a, *y = b;

    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* A FORMULA record's saved result (MS-XLS 2.5.133 FormulaValue), the cell
 * added; *text set when the text is in the STRING record that follows.
 * 0, or -1 with *why. */
static int formula_cell(eg_biff *b, size_t *cap, const unsigned char *d, size_t len, int *text,
                        const char **why)
{
    eg_biff_cell *c;
    int what;

    *text = 0;
    if (len < 14)
        return 0;
    if (rd16(d + 12) != 0xFFFF) {
        c = add_cell(b, cap, rd16(d), rd16(d + 2), EG_BIFF_NUM, rd16(d + 4), why);
        if (!c)
            return -1;
        c->num = rd_double(d + 6);
        c->formula = 1;
        return 0;
    }
    switch (d[6]) {
    case 0:                     /* text: in the STRING record that follows */
        what = EG_BIFF_NONE;
        break;
    case 1:
        what = EG_BIFF_BOOL;
        break;
    case 2:
        what = EG_BIFF_ERROR;
        break;
    default:                    /* 3: an empty text */
        what = EG_BIFF_STR;
        break;
    }
    c = add_cell(b, cap, rd16(d), rd16(d + 2), what, rd16(d + 4), why);
    if (!c)
        return -1;
    c->formula = 1;
    if (what == EG_BIFF_BOOL)
        c->value = d[8] != 0;
    else if (what == EG_BIFF_ERROR)
        c->value = d[8];
    else if (what == EG_BIFF_STR)
        c->str = eg_xstrdup("");
    *text = what == EG_BIFF_NONE;
    return 0;
}

/* An RK value (MS-XLS 2.5.217): a double's high 30 bits or a 30-bit
 * integer, either of them divided by 100 when bit 0 says so. */
static double rk_number(uint32_t rk)
{
    double x;

    if (rk & 2) {
        int64_t v = rk >> 2;                       /* 30 bits, signed */

        x = (double)(v >= 1 << 29 ? v - (1 << 30) : v);
    } else {
        uint64_t u = (uint64_t)(rk & 0xFFFFFFFCu) << 32;

        memcpy(&x, &u, sizeof x);
    }
    return rk & 1 ? x / 100 : x;
}

/* A number cell (NUMBER, RK, MULRK); 0, or -1 with *why. */
static int number_cell(eg_biff *b, size_t *cap, unsigned row, unsigned col, unsigned xf,
                       double x, const char **why)
{
    eg_biff_cell *c = add_cell(b, cap, row, col, EG_BIFF_NUM, xf, why);

    if (!c)
        return -1;
    c->num = x;
    return 0;
}

/* Rows in order (qsort). */
static int cmp_u16(const void *a, const void *b)
{
    uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;

    return (x > y) - (x < y);
}

/* Forgets the sheet read before. */
static void clear_sheet(eg_biff *b)
{
    for (size_t i = 0; i < b->n_cells; i++)
        free(b->cells[i].str);
    free(b->cells);
    free(b->hidden_rows);
    eg_merges_free(&b->merges);
    b->cells = NULL;
    b->n_cells = 0;
    b->hidden_rows = NULL;
    b->n_hidden_rows = 0;
    memset(b->hidden_cols, 0, sizeof b->hidden_cols);
    b->n_hidden_cols = 0;
    b->rows = b->cols = 0;
    b->too_many_merges = b->too_many_cells = 0;
}

/* The cells in order, of two records for one cell the later one kept; the
 * sheet's extent. */
static void settle_cells(eg_biff *b)
{
    size_t k = 0;

    if (b->n_cells > 1)
        qsort(b->cells, b->n_cells, sizeof *b->cells, cmp_cells);
    for (size_t i = 0; i < b->n_cells; i++) {
        if (k > 0 && b->cells[k - 1].row == b->cells[i].row &&
            b->cells[k - 1].col == b->cells[i].col) {
            free(b->cells[k - 1].str);
            b->cells[k - 1] = b->cells[i];
            continue;
        }
        b->cells[k++] = b->cells[i];
    }
    b->n_cells = k;
    for (size_t i = 0; i < k; i++) {
        if (b->cells[i].row + 1u > b->rows)
            b->rows = b->cells[i].row + 1u;
        if (b->cells[i].col + 1u > b->cols)
            b->cols = b->cells[i].col + 1u;
    }
}

/* One record of the sheet's own (not of a chart drawn on it); 0, or -1
 * with *why.  *pending is the formula cell awaiting its STRING record. */
static int sheet_record(eg_biff *b, const records *r, size_t *cap, size_t *pending,
                        const char **why)
{
    const unsigned char *d = r->data;
    size_t len = r->len;
    eg_biff_cell *c;
    int text;

    /* A formula's STRING record comes after it, past any SHRFMLA, ARRAY or
     * TABLE record, before the next cell's record. */
    switch (r->type) {
    case 0x0203: case 0x027E: case 0x00BD: case 0x00FD: case 0x0204: case 0x00D6:
    case 0x0205: case 0x0201: case 0x00BE: case 0x0006:
        *pending = SIZE_MAX;
        break;
    default:
        break;
    }
    switch (r->type) {
    case 0x0203:                                   /* NUMBER: row, col, xf, double */
        if (len >= 14)
            return number_cell(b, cap, rd16(d), rd16(d + 2), rd16(d + 4), rd_double(d + 6), why);
        break;
    case 0x027E:                                   /* RK: row, col, xf, rk */
        if (len >= 10)
            return number_cell(b, cap, rd16(d), rd16(d + 2), rd16(d + 4), rk_number(rd32(d + 6)),
                               why);
        break;
    case 0x00BD:                                   /* MULRK: (xf, rk) pairs */
        for (size_t k = 4; len >= 6 && k + 6 <= len - 2; k += 6)
            if (number_cell(b, cap, rd16(d), rd16(d + 2) + (unsigned)(k - 4) / 6, rd16(d + k),
                            rk_number(rd32(d + k + 2)), why))
                return -1;
        break;
    case 0x00FD:                                   /* LABELSST: row, col, xf, string's index */
        if (len >= 10) {
            if (rd32(d + 6) >= b->n_sst) {
                *why = "một ô trỏ tới chuỗi không có trong bảng chuỗi dùng chung (tệp bị hỏng)";
                return -1;
            }
            c = add_cell(b, cap, rd16(d), rd16(d + 2), EG_BIFF_SST, rd16(d + 4), why);
            if (!c)
                return -1;
            c->value = (int)rd32(d + 6);
        }
        break;
    case 0x0204:                                   /* LABEL: row, col, xf, text */
    case 0x00D6:                                   /* RSTRING: the same, and its runs */
        if (len >= 6) {
            char *t = record_text(b, r, 6, 2);

            if (!t) {
                *why = TEXT_PAST_RECORD;
                return -1;
            }
            c = add_cell(b, cap, rd16(d), rd16(d + 2), EG_BIFF_STR, rd16(d + 4), why);
            if (!c) {
                free(t);
                return -1;
            }
            c->str = t;
        }
        break;
    case 0x0006:                                   /* FORMULA */
        if (formula_cell(b, cap, d, len, &text, why))
            return -1;
        if (text)
            *pending = b->n_cells - 1;
        break;
    case 0x0207:                                   /* STRING: a formula's text */
        if (*pending < b->n_cells) {
            char *t = record_text(b, r, 0, 2);

            if (!t) {
                *why = TEXT_PAST_RECORD;
                return -1;
            }
            b->cells[*pending].what = EG_BIFF_STR;
            b->cells[*pending].str = t;
        }
        *pending = SIZE_MAX;
        break;
    case 0x0205:                                   /* BOOLERR */
        if (len >= 8) {
            c = add_cell(b, cap, rd16(d), rd16(d + 2), d[7] ? EG_BIFF_ERROR : EG_BIFF_BOOL,
                         rd16(d + 4), why);
            if (!c)
                return -1;
            c->value = d[6];
        }
        break;
    case 0x007D:                                   /* COLINFO: bit 0 of its flags, hidden */
        if (len >= 10 && (rd16(d + 8) & 0x01))
            for (unsigned k = rd16(d); k <= rd16(d + 2) && k < 256; k++) {
                b->hidden_cols[k] = 1;
                if (k + 1 > b->n_hidden_cols)
                    b->n_hidden_cols = k + 1;
            }
        break;
    case 0x0208:                                   /* ROW: bit 5 of its flags, hidden */
        if (len >= 16 && (rd16(d + 12) & 0x20) && b->n_hidden_rows < 65536) {
            b->hidden_rows = eg_xrealloc(b->hidden_rows,
                                         (b->n_hidden_rows + 1) * sizeof *b->hidden_rows);
            b->hidden_rows[b->n_hidden_rows++] = rd16(d);
        }
        break;
    case 0x00E5:                                   /* MERGEDCELLS: (rows, columns) ranges */
        /* a sheet has 256 columns: a range past them is no range */
        for (size_t k = 2; len >= 2 && k + 8 <= len && (k - 2) / 8 < rd16(d); k += 8)
            if (rd16(d + k + 4) < 256 && rd16(d + k + 6) < 256 &&
                eg_merges_add(&b->merges, rd16(d + k) + 1L, rd16(d + k + 4) + 1,
                              rd16(d + k + 2) + 1L, rd16(d + k + 6) + 1) < 0) {
                *why = "tệp có hơn 100.000 vùng ô gộp trải trên nhiều dòng";
                b->too_many_merges = 1;
                return -1;
            }
        break;
    default:
        break;
    }
    return 0;
}

int eg_biff_read_sheet(eg_biff *b, size_t i, const char **why)
{
    records r;
    size_t cap = 0;
    int depth = 0;
    size_t pending = SIZE_MAX;      /* the formula cell awaiting its STRING */

    clear_sheet(b);
    if (i >= b->n_sheets || b->sheets[i].offset >= b->n_stream) {
        *why = "danh sách trang tính trỏ ra ngoài cuối tệp";
        return -1;
    }
    memset(&r, 0, sizeof r);
    r.s = b->stream;
    r.n = b->n_stream;
    r.pos = b->sheets[i].offset;
    /* The sheet's substream, BOF to EOF; a chart inside it is a substream
     * of its own (depth 2), whose records are not the sheet's cells. */
    if (!next_record(&r) || r.type != 0x0809) {
        *why = "danh sách trang tính không khớp với các trang tính trong tệp (tệp bị hỏng)";
        return -1;
    }
    depth = 1;
    while (next_record(&r)) {
        if (r.type == 0x0809) {
            depth++;
            continue;
        }
        if (r.type == 0x000A) {
            if (--depth <= 0)
                break;
            continue;
        }
        if (depth == 1 && sheet_record(b, &r, &cap, &pending, why))
            return -1;
    }
    if (depth > 0) {
        *why = "trang tính bị mất phần cuối";
        return -1;
    }
    settle_cells(b);
    if (b->n_hidden_rows > 1)
        qsort(b->hidden_rows, b->n_hidden_rows, sizeof *b->hidden_rows, cmp_u16);
    eg_merges_sort(&b->merges);
    return 0;
}

const char *eg_biff_cell_text(const eg_biff *b, const eg_biff_cell *c)
{
    if (c->what == EG_BIFF_SST)
        return (size_t)c->value < b->n_sst ? b->sst_text + b->sst_at[c->value] : "";
    return c->str ? c->str : "";
}

int eg_biff_row_hidden(const eg_biff *b, unsigned row)
{
    size_t lo = 0, hi = b->n_hidden_rows;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;

        if (b->hidden_rows[mid] < row)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < b->n_hidden_rows && b->hidden_rows[lo] == row;
}

const eg_biff_cell *eg_biff_cell_at(const eg_biff *b, unsigned row, unsigned col)
{
    size_t lo = 0, hi = b->n_cells;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const eg_biff_cell *c = &b->cells[mid];

        if (c->row < row || (c->row == row && c->col < col))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < b->n_cells && b->cells[lo].row == row && b->cells[lo].col == col)
        return &b->cells[lo];
    return NULL;
}

const char *eg_biff_error_text(int code)
{
    switch (code) {
    case 0x00: return "#NULL!";
    case 0x07: return "#DIV/0!";
    case 0x0F: return "#VALUE!";
    case 0x17: return "#REF!";
    case 0x1D: return "#NAME?";
    case 0x24: return "#NUM!";
    default: return "#N/A";
    }
}

void eg_biff_free(eg_biff *b)
{
    clear_sheet(b);
    for (size_t i = 0; i < b->n_sheets; i++)
        free(b->sheets[i].name);
    free(b->sheets);
    free(b->xf_kind);
    free(b->xf_hides);
    free(b->sst_text);
    free(b->sst_at);
    free(b->stream);
    if (b->conv)
        iconv_close((iconv_t)b->conv);
    memset(b, 0, sizeof *b);
}
