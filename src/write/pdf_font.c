#include "write/pdf_font.h"

#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/mem.h"
#include "write/pdf_glyphs.h"
#include "write/ttf_bytes.h"

/* The code points the cut-down cmap keeps: Basic Latin, Latin-1, Latin
 * Extended-A and -B (Đ đ Ơ ơ Ư ư), combining marks, Latin Extended
 * Additional (the precomposed Vietnamese letters), general punctuation,
 * currency (₫), letterlike symbols (№) and geometric shapes. */
static const struct { unsigned lo, hi; } KEEP[] = {
    { 0x0020, 0x007E }, { 0x00A0, 0x024F }, { 0x0300, 0x036F }, { 0x1E00, 0x1EFF },
    { 0x2000, 0x206F }, { 0x20A0, 0x20CF }, { 0x2100, 0x214F }, { 0x25A0, 0x25FF },
};
#define N_KEEP (sizeof KEEP / sizeof *KEEP)

/* Fonts larger than this are loaded as they are. */
#define MAX_FONT_BYTES (64u << 20)

/* A table of the font: where it is and how long. */
typedef struct {
    unsigned char tag[4];
    const unsigned char *data;
    size_t len;
    unsigned char *own;      /* a replacement we made, or NULL */
} table;

/* The (3,1) format-4 subtable of a cmap, bounds checked. */
typedef struct {
    const unsigned char *sub;
    size_t len;
    unsigned segs;
} cmap4;

static int find_cmap4(const unsigned char *cmap, size_t n, cmap4 *m)
{
    unsigned count;

    if (n < 4)
        return -1;
    count = be16(cmap + 2);
    if (4 + 8 * (size_t)count > n)
        return -1;
    for (unsigned i = 0; i < count; i++) {
        const unsigned char *r = cmap + 4 + 8 * i;
        uint32_t off = be32(r + 4);

        /* (off + 16 in 32 bits would wrap round past 4 GiB) */
        if (be16(r) != 3 || be16(r + 2) != 1 || off > n || n - off < 16)
            continue;
        m->sub = cmap + off;
        if (be16(m->sub) != 4)
            return -1;
        m->len = be16(m->sub + 2);
        m->segs = be16(m->sub + 6) / 2;
        if (m->len > n - off || m->segs == 0 || 16 + 8 * (size_t)m->segs > m->len)
            return -1;
        return 0;
    }
    return -1;
}

/* The glyph of code point cp, 0 for none (format 4 as the spec has it). */
static unsigned lookup(const cmap4 *m, unsigned cp)
{
    size_t s2 = 2 * (size_t)m->segs;

    for (size_t k = 0; k < m->segs; k++) {
        unsigned end = be16(m->sub + 14 + 2 * k), start, delta, roff;
        size_t at;

        if (end < cp)
            continue;
        start = be16(m->sub + 16 + s2 + 2 * k);
        delta = be16(m->sub + 16 + 2 * s2 + 2 * k);
        roff = be16(m->sub + 16 + 3 * s2 + 2 * k);
        if (start > cp)
            return 0;
        if (roff == 0)
            return (cp + delta) & 0xFFFF;
        at = 16 + 3 * s2 + 2 * k + roff + 2 * (size_t)(cp - start);
        if (at + 2 > m->len)
            return 0;
        return be16(m->sub + at) ? (be16(m->sub + at) + delta) & 0xFFFF : 0;
    }
    return 0;
}

/* The code points KEEP holds, all ranges together. */
static size_t kept_codes(void)
{
    size_t n = 0;

    for (size_t k = 0; k < N_KEEP; k++)
        n += KEEP[k].hi - KEEP[k].lo + 1;
    return n;
}

/* A cmap of one (3,1) format-4 subtable: a segment per KEEP range, the
 * glyphs in its glyph array (gid: the glyph of each of KEEP's code points
 * in turn), and the closing 0xFFFF segment. */
static unsigned char *make_cmap(const uint16_t *gid, size_t *len)
{
    unsigned segs = N_KEEP + 1, sel = 0, range;
    size_t n_gids = kept_codes(), s2 = 2 * (size_t)segs, sub_len, at;
    unsigned char *t, *sub;

    while ((2u << sel) <= segs)
        sel++;
    range = 2u << sel;
    sub_len = 16 + 4 * s2 + 2 * n_gids;
    *len = 12 + sub_len;
    t = eg_xcalloc(1, *len);
    put16(t + 2, 1);                       /* version 0, one subtable */
    put16(t + 4, 3);
    put16(t + 6, 1);
    put32(t + 8, 12);
    sub = t + 12;
    put16(sub, 4);
    put16(sub + 2, (unsigned)sub_len);
    put16(sub + 6, (unsigned)s2);
    put16(sub + 8, range);
    put16(sub + 10, sel);
    put16(sub + 12, (unsigned)s2 - range);
    at = 0;
    for (size_t k = 0; k < segs; k++) {
        int last = k == N_KEEP;

        put16(sub + 14 + 2 * k, last ? 0xFFFF : KEEP[k].hi);
        put16(sub + 16 + s2 + 2 * k, last ? 0xFFFF : KEEP[k].lo);
        put16(sub + 16 + 2 * s2 + 2 * k, last ? 1 : 0);
        /* from this offset word to the segment's first glyph id */
        put16(sub + 16 + 3 * s2 + 2 * k, last ? 0 : (unsigned)(2 * (segs - k) + 2 * at));
        if (last)
            break;
        for (unsigned cp = KEEP[k].lo; cp <= KEEP[k].hi; cp++, at++)
            put16(sub + 16 + 4 * s2 + 2 * at, gid[at]);
    }
    return t;
}

/* post format 3: the header (post's first 32 bytes) without glyph names. */
static unsigned char *make_post(const unsigned char *post, size_t *len)
{
    unsigned char *t;

    *len = 32;
    t = eg_xmalloc(32);
    memcpy(t, post, 32);
    put32(t, 0x00030000);
    return t;
}

/* The sum of the big-endian words of p, the last one padded with zeros. */
static uint32_t checksum(const unsigned char *p, size_t n)
{
    uint32_t sum = 0;
    size_t whole = n & ~(size_t)3;
    unsigned char w[4] = { 0, 0, 0, 0 };

    for (size_t i = 0; i < whole; i += 4)
        sum += be32(p + i);
    if (whole < n) {
        memcpy(w, p + whole, n - whole);
        sum += be32(w);
    }
    return sum;
}

/* The tables a copy keeps: those libharu reads or embeds, and gasp.  The
 * others (OpenType layout, kerning, per-glyph device metrics, ...) either
 * go unread or hold glyph numbers the copy changes. */
static const char *const KEEP_TABLES[] = {
    "OS/2", "cmap", "cvt ", "fpgm", "gasp", "glyf", "head", "hhea", "hmtx", "loca", "maxp",
    "name", "post", "prep",
};
enum { T_CMAP = 1, T_GLYF = 5, T_HEAD, T_HHEA, T_HMTX, T_LOCA, T_MAXP, T_NAME, T_POST,
       N_TABLES = 14 };

/* The tables a copy cannot be made without (libharu wants cvt, fpgm and
 * prep too, and reports their absence itself), with the least length
 * each is read at. */
static const struct { int k; size_t len; } NEEDED[] = {
    { T_CMAP, 0 }, { T_GLYF, 0 }, { T_HEAD, 54 }, { T_HHEA, 36 }, { T_HMTX, 0 },
    { T_LOCA, 0 }, { T_MAXP, 6 }, { T_NAME, 0 }, { T_POST, 32 },
};

/* A table of the copy that is new: a copy of t's bytes (len of them) to
 * change. */
static unsigned char *own_copy(table *t)
{
    t->own = eg_xmalloc(t->len);
    memcpy(t->own, t->data, t->len);
    t->data = t->own;
    return t->own;
}

int eg_pdf_trim_ttf(const unsigned char *ttf, size_t n, unsigned char **out, size_t *out_n)
{
    table t[N_TABLES];
    unsigned count, kept = 0, sel = 0;
    size_t total, at, head_at = 0, n_codes = kept_codes();
    unsigned char *buf, *wanted;
    uint16_t *gid;
    eg_ttf_face face;
    eg_ttf_subset_out sub;
    cmap4 m;
    int ok = 1;

    /* Step 1: the table directory, every table inside the file; the ones
     * kept found by tag (a table not there has no data). */
    if (n < 12 || (be32(ttf) != 0x00010000 && memcmp(ttf, "true", 4) != 0))
        return -1;
    count = be16(ttf + 4);
    if (count == 0 || 12 + 16 * (size_t)count > n)
        return -1;
    memset(t, 0, sizeof t);
    for (unsigned i = 0; i < count; i++) {
        const unsigned char *d = ttf + 12 + 16 * i;
        uint32_t off = be32(d + 8), len = be32(d + 12);

        if (off > n || len > n - off)
            return -1;
        for (int k = 0; k < N_TABLES; k++)
            if (memcmp(d, KEEP_TABLES[k], 4) == 0 && !t[k].data) {
                memcpy(t[k].tag, d, 4);
                t[k].data = ttf + off;
                t[k].len = len;
            }
    }
    for (size_t i = 0; i < sizeof NEEDED / sizeof *NEEDED; i++)
        if (!t[NEEDED[i].k].data || t[NEEDED[i].k].len < NEEDED[i].len)
            return -1;
    if (find_cmap4(t[T_CMAP].data, t[T_CMAP].len, &m) != 0)
        return -1;

    /* Step 2: the glyph of each kept code point, looked up once; those
     * glyphs kept (pdf_glyphs.h) and their tables made anew; the cmap,
     * post, head, hhea and maxp to match. */
    face = (eg_ttf_face){ t[T_GLYF].data, t[T_LOCA].data, t[T_HMTX].data,
                          t[T_GLYF].len, t[T_LOCA].len, t[T_HMTX].len,
                          be16(t[T_MAXP].data + 4), be16(t[T_HHEA].data + 34),
                          be16(t[T_HEAD].data + 50) != 0 };
    wanted = eg_xcalloc(face.n_glyphs ? face.n_glyphs : 1, 1);
    gid = eg_xmalloc(n_codes * sizeof *gid);
    at = 0;
    for (size_t k = 0; k < N_KEEP; k++)
        for (unsigned cp = KEEP[k].lo; cp <= KEEP[k].hi; cp++, at++) {
            gid[at] = (uint16_t)lookup(&m, cp);
            if (gid[at] < face.n_glyphs)
                wanted[gid[at]] = 1;
            else
                ok = 0;     /* a cmap past the glyphs: used as it is */
        }
    ok = ok && eg_ttf_subset(&face, wanted, &sub) == 0;
    free(wanted);
    if (!ok) {
        free(gid);
        return -1;
    }
    for (size_t i = 0; i < n_codes; i++)
        gid[i] = sub.newid[gid[i]];
    free(sub.newid);
    t[T_CMAP].data = t[T_CMAP].own = make_cmap(gid, &t[T_CMAP].len);
    free(gid);
    t[T_POST].data = t[T_POST].own = make_post(t[T_POST].data, &t[T_POST].len);
    t[T_GLYF].data = t[T_GLYF].own = sub.glyf;
    t[T_GLYF].len = sub.glyf_len;
    t[T_LOCA].data = t[T_LOCA].own = sub.loca;
    t[T_LOCA].len = sub.loca_len;
    t[T_HMTX].data = t[T_HMTX].own = sub.hmtx;
    t[T_HMTX].len = sub.hmtx_len;
    put16(own_copy(&t[T_MAXP]) + 4, sub.n_glyphs);
    put16(own_copy(&t[T_HHEA]) + 34, sub.n_glyphs);
    put16(own_copy(&t[T_HEAD]) + 50, 1);                /* long offsets */

    /* Step 3: the new file, tables in tag order as the directory must
     * have them, each on a 4-byte boundary with its checksum; then the
     * whole file's checksum into head.checkSumAdjustment. */
    for (int k = 0; k < N_TABLES; k++)
        if (t[k].data)
            t[kept++] = t[k];
    total = 12 + 16 * (size_t)kept;
    for (unsigned i = 0; i < kept; i++)
        total += (t[i].len + 3) & ~(size_t)3;
    buf = eg_xcalloc(1, total);
    memcpy(buf, ttf, 4);
    put16(buf + 4, kept);
    while ((2u << sel) <= kept)
        sel++;
    put16(buf + 6, 16u << sel);
    put16(buf + 8, sel);
    put16(buf + 10, 16 * kept - (16u << sel));
    at = 12 + 16 * (size_t)kept;
    for (unsigned i = 0; i < kept; i++) {
        unsigned char *d = buf + 12 + 16 * i;
        int is_head = memcmp(t[i].tag, "head", 4) == 0;

        memcpy(buf + at, t[i].data, t[i].len);
        if (is_head) {
            put32(buf + at + 8, 0);
            head_at = at;
        }
        memcpy(d, t[i].tag, 4);
        put32(d + 4, checksum(buf + at, t[i].len));
        put32(d + 8, (uint32_t)at);
        put32(d + 12, (uint32_t)t[i].len);
        at += (t[i].len + 3) & ~(size_t)3;
    }
    put32(buf + head_at + 8, 0xB1B0AFBAu - checksum(buf, total));
    for (unsigned i = 0; i < kept; i++)
        free(t[i].own);
    *out = buf;
    *out_n = total;
    return 0;
}

/* The whole of file, at most MAX_FONT_BYTES; NULL when it cannot be read. */
static unsigned char *slurp(const char *file, size_t *n)
{
    FILE *f = fopen(file, "rb");
    struct stat st;
    unsigned char *buf = NULL;

    if (!f)
        return NULL;
    if (fstat(fileno(f), &st) == 0 && st.st_size > 0 && (size_t)st.st_size <= MAX_FONT_BYTES) {
        buf = eg_xmalloc((size_t)st.st_size);
        if (fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
            free(buf);
            buf = NULL;
        }
        *n = (size_t)st.st_size;
    }
    fclose(f);
    return buf;
}

/* libharu 2.3.0 loads a TrueType face from a file only, and reads it
 * through stdio with a seek for each table it parses and each glyph it
 * draws or embeds: some 350 lseek and read calls a face.  The copy is
 * given to it in memory instead, by the steps HPDF_LoadTTFontFromFile
 * takes (its installed headers declare them): a memory stream holding
 * the bytes, the face loaded from it (the face keeps the stream), added
 * to the document's faces unless one of its name is there, and tagged as
 * libharu tags an embedded face (HPDFAA, then the next tag each time), so
 * that the PDF is byte for byte the one a file would give.  NULL when
 * libharu refuses it (its error is then reset: the file is tried). */
static const char *load_from_memory(HPDF_Doc pdf, const unsigned char *buf, size_t n)
{
    HPDF_Stream s;
    HPDF_FontDef def, had;

    if (n == 0 || n > UINT_MAX)
        return NULL;
    s = HPDF_MemStream_New(pdf->mmgr, (HPDF_UINT)n);
    if (!s)
        goto refused;
    if (HPDF_Stream_Write(s, buf, (HPDF_UINT)n) != HPDF_OK) {
        HPDF_Stream_Free(s);
        goto refused;
    }
    def = HPDF_TTFontDef_Load(pdf->mmgr, s, HPDF_TRUE);
    if (!def)
        goto refused;
    had = HPDF_Doc_FindFontDef(pdf, def->base_font);
    if (had) {
        HPDF_FontDef_Free(def);
        return had->base_font;
    }
    if (HPDF_List_Add(pdf->fontdef_list, def) != HPDF_OK) {
        HPDF_FontDef_Free(def);
        goto refused;
    }
    if (pdf->ttfont_tag[0] == 0) {
        memcpy(pdf->ttfont_tag, "HPDFAA", 6);
    } else {
        for (int i = 5; i >= 0; i--) {
            if (++pdf->ttfont_tag[i] <= 'Z')
                break;
            pdf->ttfont_tag[i] = 'A';
        }
    }
    HPDF_TTFontDef_SetTagName(def, (char *)pdf->ttfont_tag);
    return def->base_font;

refused:
    HPDF_ResetError(pdf);
    return NULL;
}

/* The cmap libharu read of face def; NULL when def is no TrueType face. */
static const HPDF_TTF_CmapRange *cmap_of(HPDF_FontDef def)
{
    if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || !def->attr)
        return NULL;
    return &((HPDF_TTFontDefAttr)def->attr)->cmap;
}

/* 1 when face def is a cut-down copy: a TrueType face whose cmap is the
 * one make_cmap writes, a segment per KEEP range and the closing one
 * (whatever eg_pdf_load_face said: a face of that name loaded whole
 * before is given back under the same name). */
static int cut_down(HPDF_FontDef def)
{
    const HPDF_TTF_CmapRange *m = cmap_of(def);

    if (!m || m->format != 4 || m->seg_count_x2 != 2 * (N_KEEP + 1) || !m->end_count ||
        !m->start_count || m->end_count[N_KEEP] != 0xFFFF)
        return 0;
    for (size_t k = 0; k < N_KEEP; k++)
        if (m->start_count[k] != KEEP[k].lo || m->end_count[k] != KEEP[k].hi)
            return 0;
    return 1;
}

const char *eg_pdf_load_face(HPDF_Doc pdf, const char *file, int *trimmed)
{
    unsigned char *ttf, *cut = NULL;
    size_t n = 0, cut_n = 0;
    const char *name = NULL;

    if (trimmed)
        *trimmed = 0;
    ttf = slurp(file, &n);
    if (ttf && eg_pdf_trim_ttf(ttf, n, &cut, &cut_n) == 0)
        name = load_from_memory(pdf, cut, cut_n);
    free(ttf);
    free(cut);
    if (name) {
        if (trimmed)
            *trimmed = cut_down(HPDF_Doc_FindFontDef(pdf, name));
        return name;
    }
    return HPDF_LoadTTFontFromFile(pdf, file, HPDF_TRUE);
}

/* 0 when def's cmap is of format 4 and its last segment does not end at
 * U+FFFF, as the format requires: libharu 2.3.0 looks a code point up
 * (HPDF_TTFontDef_GetGlyphid) by the first segment ending at or after
 * it, and when none does reads past the segments it allocated, for every
 * code point above the last, while it maps a whole face.  A cut-down
 * copy always closes so; a face loaded whole, which eg_pdf_trim_ttf
 * refused, may not. */
static int closes_at_ffff(HPDF_FontDef def)
{
    const HPDF_TTF_CmapRange *m = cmap_of(def);

    return !m || m->format != 4 ||
           (m->seg_count_x2 >= 2 && m->end_count && m->end_count[m->seg_count_x2 / 2 - 1] == 0xFFFF);
}

/* libharu 2.3.0 makes a font for the UTF-8 encoder (HPDF_GetFont, in
 * CIDFontType2_New) in one of two ways, by the encoder's to_unicode_fn.
 * UTF-8's own function: every code point of the BMP is its own CID, each
 * looked up in the face's cmap, and the CIDToGIDMap stream and the widths
 * run to U+FFFF, 128 KiB a face, copied a byte at a time into memory and
 * deflated at the end.  The CMap encoders' default function: only the
 * CIDs the encoder's cid_map holds (every one not 0).  For a cut-down
 * face, whose cmap maps KEEP's code points and nothing else, every code
 * point past them has glyph 0 anyway: so while the font is made, the
 * encoder takes the default way with a cid_map of KEEP's code points,
 * each its own CID (what UTF-8 gives it), and one past the last (libharu
 * writes the CIDs below the highest).  The map is then the one UTF-8
 * would make, cut after U+25FF (a viewer reads a CID past its end as
 * glyph 0, as the map had it), and the widths are the same.  The rows of
 * both tables up to that last CID are set aside and cleared meanwhile:
 * UTF-8 never fills cid_map, but keeps its state in the first bytes of
 * row 0, left there by the last text it parsed, which must not be read
 * as CIDs.  The encoder is then put back as it was. */
static HPDF_Font make_font(HPDF_Doc pdf, const char *name)
{
    HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
    HPDF_CMapEncoderAttr a;
    HPDF_Encoder_ToUnicode_Func own;
    unsigned after = KEEP[N_KEEP - 1].hi + 1;
    size_t rows = (after >> 8) + 1, cid_bytes, uni_bytes;
    void *cid, *uni;
    HPDF_Font font;

    if (name && !closes_at_ffff(HPDF_Doc_FindFontDef(pdf, name))) {
        HPDF_RaiseError(&pdf->error, HPDF_TTF_INVALID_CMAP, 0);
        return NULL;
    }
    if (!enc || enc->type != HPDF_ENCODER_TYPE_DOUBLE_BYTE || !enc->attr ||
        enc->to_unicode_fn == HPDF_CMapEncoder_ToUnicode || !name ||
        !cut_down(HPDF_Doc_FindFontDef(pdf, name)))
        return HPDF_GetFont(pdf, name, "UTF-8");
    a = enc->attr;
    cid_bytes = rows * sizeof a->cid_map[0];
    uni_bytes = rows * sizeof a->unicode_map[0];
    cid = eg_xmalloc(cid_bytes);
    uni = eg_xmalloc(uni_bytes);
    memcpy(cid, a->cid_map, cid_bytes);
    memcpy(uni, a->unicode_map, uni_bytes);
    memset(a->cid_map, 0, cid_bytes);
    for (size_t k = 0; k < N_KEEP; k++)
        for (unsigned cp = KEEP[k].lo; cp <= KEEP[k].hi; cp++) {
            a->cid_map[cp >> 8][cp & 0xFF] = (HPDF_UINT16)cp;
            a->unicode_map[cp >> 8][cp & 0xFF] = (HPDF_UNICODE)cp;
        }
    a->cid_map[after >> 8][after & 0xFF] = (HPDF_UINT16)after;
    a->unicode_map[after >> 8][after & 0xFF] = (HPDF_UNICODE)after;
    own = enc->to_unicode_fn;
    enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
    font = HPDF_GetFont(pdf, name, "UTF-8");
    enc->to_unicode_fn = own;
    memcpy(a->cid_map, cid, cid_bytes);
    memcpy(a->unicode_map, uni, uni_bytes);
    free(cid);
    free(uni);
    return font;
}

/* The ToUnicode map of a font of the UTF-8 encoder.  libharu 2.3.0 gives
 * such a font, as its ToUnicode map, the encoder's own CMap: code to CID
 * ranges (begincidrange), which a ToUnicode map cannot hold (ISO 32000-1,
 * 9.10.3); poppler says "Invalid 'begincidrange' operator in ToUnicode
 * CMap" for every page it reads, and guesses right.  With that encoder
 * each code is two bytes, the BMP code point itself (Identity-H; the
 * CIDToGIDMap goes on to the glyph), so the map is the identity: every
 * code to itself in UTF-16BE.  It is written as ranges of one row of 256
 * codes each (a range may not cross one), the surrogates' rows apart, at
 * most 100 ranges to a section; the same bytes for every font. */
#define TO_UNICODE_HEAD                                                          \
    "/CIDInit /ProcSet findresource begin\n"                                     \
    "12 dict begin\n"                                                            \
    "begincmap\n"                                                                \
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" \
    "/CMapName /Adobe-Identity-UCS def\n"                                        \
    "/CMapType 2 def\n"                                                          \
    "1 begincodespacerange\n"                                                    \
    "<0000> <FFFF>\n"                                                            \
    "endcodespacerange\n"
#define TO_UNICODE_TAIL                                                          \
    "endcmap\n"                                                                  \
    "CMapName currentdict /CMap defineresource pop\n"                            \
    "end\n"                                                                      \
    "end\n"
#define MAX_RANGES_IN_SECTION 100

/* The identity map, appended to b. */
static void identity_cmap(eg_buf *b)
{
    unsigned rows[256], n_rows = 0;
    char line[32];

    for (unsigned r = 0; r < 256; r++)
        if (r < 0xD8 || r > 0xDF)
            rows[n_rows++] = r;
    eg_buf_put(b, TO_UNICODE_HEAD, sizeof TO_UNICODE_HEAD - 1);
    for (unsigned i = 0; i < n_rows; i++) {
        unsigned left = n_rows - i;

        if (i % MAX_RANGES_IN_SECTION == 0)
            eg_buf_put(b, line, (size_t)snprintf(line, sizeof line, "%u beginbfrange\n",
                                                 left < MAX_RANGES_IN_SECTION ? left
                                                                              : MAX_RANGES_IN_SECTION));
        eg_buf_put(b, line, (size_t)snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n",
                                             rows[i], rows[i], rows[i]));
        if (i % MAX_RANGES_IN_SECTION == MAX_RANGES_IN_SECTION - 1 || left == 1)
            eg_buf_put(b, "endbfrange\n", sizeof "endbfrange\n" - 1);
    }
    eg_buf_put(b, TO_UNICODE_TAIL, sizeof TO_UNICODE_TAIL - 1);
}

/* Replaces the ToUnicode map of font, made for the UTF-8 encoder, by the
 * identity, and takes from its stream's dictionary the keys of an
 * encoding CMap (Type, CMapName, CIDSystemInfo, WMode), which a ToUnicode
 * stream does not have.  Only where the stream libharu made is the
 * font's ToUnicode (later libharus make it the Encoding).  0, or -1 with
 * the document's error set (HPDF_GetError; libharu does not call the
 * handler for a failed write into a stream). */
static int identity_to_unicode(HPDF_Font font)
{
    static const char *const cmap_keys[] = { "Type", "CMapName", "CIDSystemInfo", "WMode" };
    HPDF_FontAttr fa = font ? font->attr : NULL;
    HPDF_CMapEncoderAttr ea;
    eg_buf map = { 0 };
    HPDF_STATUS wrote;

    if (!fa || fa->type != HPDF_FONT_TYPE0_TT || !fa->cmap_stream || !fa->encoder ||
        fa->encoder->type != HPDF_ENCODER_TYPE_DOUBLE_BYTE || !fa->encoder->attr ||
        strcmp(fa->encoder->name, "UTF-8") != 0)
        return 0;
    ea = fa->encoder->attr;
    if (strcmp(ea->ordering, "Identity-H") != 0 ||
        HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT) != fa->cmap_stream)
        return 0;
    identity_cmap(&map);
    HPDF_MemStream_FreeData(fa->cmap_stream->stream);
    wrote = HPDF_Stream_Write(fa->cmap_stream->stream, (const HPDF_BYTE *)map.p, (HPDF_UINT)map.n);
    free(map.p);
    if (wrote != HPDF_OK)
        return -1;
    for (size_t k = 0; k < sizeof cmap_keys / sizeof *cmap_keys; k++)
        HPDF_Dict_RemoveElement(fa->cmap_stream, cmap_keys[k]);
    return 0;
}

HPDF_Font eg_pdf_get_font(HPDF_Doc pdf, const char *name)
{
    HPDF_Font font = make_font(pdf, name);

    return identity_to_unicode(font) == 0 ? font : NULL;
}
