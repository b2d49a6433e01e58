/*
 * xls_freexl.c - what FreeXL 1.0.6 would misread in a workbook stream,
 * found before FreeXL reads it (xls_freexl.h).
 */
#include "extract/xls_freexl.h"

#include <stdlib.h>

#include "core/mem.h"
#include "extract/xls_records.h"

/* The sheets as FreeXL 1.0.6 follows them, for what it cannot hold.  It
 * reads the records in turn (a record 0000 of no bytes ends a stream
 * outside the mini stream): a substream starts at a BOF after an EOF (a
 * BOF within one starts none), and is the sheet of the BOUNDSHEET (found
 * anywhere) naming its offset.  A sheet gets its table of cells at each
 * DIMENSION record of its substream; a sheet without one gets, after the
 * stream, a table given to the sheet FreeXL read last.  Either way a
 * table already given is lost.  1 when a substream has two DIMENSION
 * records, or a BOUNDSHEET names no substream with one, one that comes
 * before it, or one another BOUNDSHEET names: such a file is not handed
 * to FreeXL. */
static int sheets_freexl_loses(const unsigned char *s, size_t n, int zero_ends)
{
    records r = { s, n, 0, 0, NULL, 0 };
    size_t *sub = NULL, n_sub = 0;          /* each substream's offset, ... */
    unsigned char *dims = NULL;             /* ... and its DIMENSION records */
    uint32_t *named = NULL;
    size_t n_named = 0;
    int in_sub = 0, bad = 0;

    while (!bad) {
        size_t at = r.pos;

        if (!next_record(&r) || (zero_ends && r.type == 0 && r.len == 0))
            break;
        if (r.type == 0x0085 && r.len >= 4) {
            /* a sheet whose BOF comes first is not found at its BOF */
            bad = rd32(r.data) <= at;
            named = eg_xrealloc(named, (n_named + 1) * sizeof *named);
            named[n_named++] = rd32(r.data);
        }
        if (!in_sub) {
            in_sub = r.type == 0x0809;
            if (in_sub) {
                sub = eg_xrealloc(sub, (n_sub + 1) * sizeof *sub);
                dims = eg_xrealloc(dims, n_sub + 1);
                sub[n_sub] = at;
                dims[n_sub++] = 0;
            }
        } else if (r.type == 0x000A) {
            in_sub = 0;
        } else if (r.type == 0x0200 && ++dims[n_sub - 1] > 1) {
            bad = 1;
        }
    }
    for (size_t i = 0; !bad && i < n_named; i++) {
        size_t k = 0;

        while (k < n_sub && sub[k] != named[i])
            k++;
        bad = k == n_sub || dims[k] != 1;
        for (size_t j = 0; j < i && !bad; j++)
            bad = named[j] == named[i];            /* one substream, two sheets */
    }
    free(sub);
    free(dims);
    free(named);
    return bad;
}

/* The shared strings as FreeXL 1.0.6 reads them: the first SST record
 * says how many there are; each later SST record, and each CONTINUE after
 * an SST, goes on where the one before stopped.  A string whose characters
 * run past its record is completed from the start of the next one (after
 * a byte of flags) by as many bytes as the characters left need, however
 * short that record is; it skips a string's formatting runs and extra
 * data by a 32-bit count, tells the record's end by the offset's low 32
 * bits, and goes on in the next record past what a skip ran over the end
 * of the last, without looking at that record's length.  1 when FreeXL would so read past a record, or past a string's
 * header, or be told of more strings than the stream can hold (it makes
 * room for each). */
static int strings_freexl_overreads(const unsigned char *s, size_t n)
{
    records r = { s, n, 0, 0, NULL, 0 };
    uint16_t prev = 0;
    int started = 0;
    size_t count = 0, index = 0, left = 0, off = 0, skip = 0, carry = 0;

    while (next_record(&r)) {
        const unsigned char *d = r.data;
        size_t len = r.len, p = 0;

        if (r.type != 0x003C)
            prev = r.type;
        if (prev != 0x00FC)
            continue;
        if (!started) {
            if (len < 8 || (count = rd32(d + 4)) > n / 3)
                return 1;
            started = 1;
            p = 8;
        } else if (left > 0) {                     /* a string's characters go on */
            size_t need = 1 + (left - off) * (len ? (d[0] & 1) + 1u : 1u);

            if (need > len)
                return 1;
            p = need + skip;
            index++;
            left = 0;
        } else {                                   /* past what the last one skipped */
            p = carry;
            if (p > 0 && index < count && p + 3 > len)
                return 1;
        }
        carry = 0;
        for (; index < count; index++) {
            size_t cch, hdr, chars;
            unsigned fl;

            /* FreeXL tells the record's end by the offset's low 32 bits */
            if (p >= len) {
                if ((uint32_t)p < len)
                    return 1;
                carry = p - len;
                break;
            }
            if (p + 3 > len)
                return 1;
            cch = rd16(d + p);
            fl = d[p + 2];
            hdr = 3 + (fl & 8 ? 2 : 0) + (fl & 4 ? 4 : 0);
            if (p + hdr > len)
                return 1;
            skip = (uint32_t)((fl & 8 ? rd16(d + p + 3) * 4u : 0) +
                              (fl & 4 ? rd32(d + p + 3 + (fl & 8 ? 2 : 0)) : 0));
            p += hdr;
            chars = fl & 1 ? cch * 2 : cch;
            if (chars > len - p) {                 /* it goes on in the next record */
                left = cch;
                off = fl & 1 ? (len - p) / 2 : len - p;
                break;
            }
            p += chars + skip;
        }
    }
    return 0;
}

/* 1 when a record FreeXL 1.0.6 takes a text from (a sheet's name, a
 * number format's code, a LABEL cell) claims more characters than it
 * holds: FreeXL converts as many as the record claims (up to 128 KiB),
 * reading past the record.  biff8: the texts are BIFF8's (a count, a byte
 * of flags, Latin-1 or UTF-16 characters), else BIFF5's (a count, bytes). */
static int texts_freexl_overreads(const unsigned char *s, size_t n, int biff8)
{
    records r = { s, n, 0, 0, NULL, 0 };

    while (next_record(&r)) {
        const unsigned char *d = r.data;
        size_t len = r.len, at, cch;

        switch (r.type) {
        case 0x0085:                               /* BOUNDSHEET: a byte of count */
            at = 6;
            if (at + 1 > len)
                continue;
            cch = d[at++];
            break;
        case 0x041E:                               /* FORMAT */
            at = 2;
            if (at + (biff8 ? 2 : 1) > len)
                continue;
            cch = biff8 ? rd16(d + at) : d[at];
            at += biff8 ? 2 : 1;
            break;
        case 0x0204:                               /* LABEL */
        case 0x00D6:                               /* RSTRING */
            at = 6;
            if (at + 2 > len)
                continue;
            cch = rd16(d + at);
            at += 2;
            break;
        default:
            continue;
        }
        if (biff8) {
            if (at + 1 > len) {
                if (cch > 0)
                    return 1;
                continue;
            }
            cch *= (d[at] & 1) + 1u;
            at++;
        }
        if (at + cch > len)
            return 1;
    }
    return 0;
}

int eg_xls_freexl_refuses(const unsigned char *stream, size_t n, int biff8, const char **why)
{
    if (sheets_freexl_loses(stream, n, 0) || sheets_freexl_loses(stream, n, 1)) {
        *why = "danh sách trang tính không khớp với các trang tính trong tệp (tệp bị hỏng)";
        return -1;
    }
    if (strings_freexl_overreads(stream, n)) {
        *why = "bảng chuỗi dùng chung của tệp bị hỏng";
        return -1;
    }
    if (texts_freexl_overreads(stream, n, biff8)) {
        *why = "một bản ghi văn bản của tệp dài hơn chính nó (tệp bị hỏng)";
        return -1;
    }
    return 0;
}
