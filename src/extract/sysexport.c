/*
 * sysexport.c - a system export, plain or gzip, streamed through libcsv.
 *
 * A plain file is read as it lies (pread, straight into the chunk), a
 * gzip file through zlib (sysexport_inflate.c: with more than one job, a
 * thread of its own inflates it while this one reads); both then take
 * the same path.  Memory: zlib's buffers and the inflated slots, one
 * chunk of text, libcsv's field buffer (capped) and the row being built.
 *
 * The fast path.  libcsv is the reference parser; but an export is
 * nearly always plain ASCII without a quote, where a record is a line and
 * a field what lies between commas.  Whole lines without a quote or a NUL
 * byte (where a field's C string would end) of a plain file, or of the
 * text a gzip stream inflates to, are cut by hand
 * (the separators of a whole chunk found first, 32 or 16 bytes at a time,
 * as bitmaps: sysexport_scan.c; fields ended in place) and handed to
 * the very callbacks libcsv calls, exactly as libcsv would call them:
 * '\r' and '\n' each end a record (CSV_REPALL_NL), an unquoted field loses
 * its leading and trailing spaces and tabs, a line of nothing but spaces has
 * no field, a last line without an end is ended by csv_fini.  From the
 * first record that holds a quote or a NUL (or is longer than FAST_LINE)
 * to the end of the file, libcsv parses, starting at that record, which
 * is a record boundary since no quote came before.  tests/unit/test_sysexport_fast.c
 * and tests/fuzz/fuzz_sysexport.c compare the paths (this one, libcsv
 * alone, and sysexport_split.c's) row by row.
 *
 * The shortcut (eg_export_column, sysexport.h): for a reader that needs
 * one field of a well-formed row, a chunk of lines (no CRLF) where no
 * field is empty or trimmed is read record by record (column_chunk): a record of
 * the reader's width has its separators counted on the bitmap and its one
 * field found (a record of up to 56 bytes counted in one window of the
 * bitmap, and a last field of the length the reader expects found by its
 * separator alone: how a record falls across the bitmap's words is
 * chance, and no branch asks), and is handed over without being cut into a row; any other
 * record, and one the reader gives back, is cut as the fast path cuts it.
 * The same tests compare the shortcut's records with libcsv's rows.
 */
#include "extract/sysexport_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/file.h"
#include "core/text.h"

#define CHUNK (256 * 1024)
/* Lines longer than this go to libcsv (its field cap, 64 KiB, stays the
 * judge of what is too long). */
#define FAST_LINE (16 * 1024)
/* Bytes past the text that the bitmaps are made from (masked off). */
#define CHUNK_SLACK 64

/* libcsv grows its field buffer through this: a field past the cap is an
 * unclosed quote swallowing the file, and is refused (CSV_ENOMEM). */
static void *capped_realloc(void *p, size_t n)
{
    if (n > 64 * 1024)
        return NULL;
    return realloc(p, n);
}

/* Keeps field s (len bytes) as the row's next one: copied into buf (libcsv
 * reuses its text) or, in_place, ended where it is (the fast path's line
 * is done with once cut).  Past the caps the row is marked overflowing. */
static inline __attribute__((always_inline)) void keep_field(export_reader *r, char *s,
                                                             size_t len, int in_place)
{
    if (r->stop)
        return;
    if (r->n == EG_EXPORT_MAX_FIELDS) {
        r->overflow = 1;
        return;
    }
    if (len > EG_EXPORT_MAX_FIELD) {
        r->overflow = 1;
        len = EG_EXPORT_MAX_FIELD;
    }
    if (!in_place) {
        if (len)
            memcpy(r->buf[r->n], s, len);
        s = r->buf[r->n];
    }
    s[len] = '\0';
    r->field[r->n] = s;
    r->len[r->n++] = len;
}

static void on_field(void *s, size_t len, void *data)
{
    keep_field(data, s, len, 0);
}

static void on_record(int c, void *data)
{
    export_reader *r = data;

    /* With CSV_REPALL_NL the '\n' of a CRLF comes as a record of its own. */
    if (r->n == 0 && !r->overflow && c == '\n' && r->last_term == '\r') {
        r->last_term = c;
        return;
    }
    r->last_term = c;
    if (!r->stop && (r->n || r->overflow)) {
        /* c is -1 for the last row when no line end follows it (the fast
         * path's and csv_fini's alike) */
        eg_export_row row = { r->row, r->n, r->field, r->len, r->overflow, c == -1 };

        r->delivered++;
        if (r->fn(r->ctx, &row))
            r->stop = 1;
    }
    if (!(c == -1 && r->n == 0 && !r->overflow))
        r->row++;
    r->n = 0;
    r->overflow = 0;
}

/* on_record for a record of the tight path: at least one field, none too
 * long, not the '\n' of a CRLF (the '\r' before it ended a record with
 * fields, and this one has fields too). */
static inline __attribute__((always_inline)) void tight_record(int c, export_reader *r)
{
    r->last_term = c;
    if (!r->stop) {
        eg_export_row row = { r->row, r->n, r->field, r->len, 0, 0 };

        r->delivered++;
        if (r->fn(r->ctx, &row))
            r->stop = 1;
    }
    r->row++;
    r->n = 0;
}

static int is_blank(int c)
{
    return c == ' ' || c == '\t';
}

/* Trims field [a, b) of its blanks and hands it on. */
static inline __attribute__((always_inline)) void fast_trimmed(export_reader *r, char *a, char *b)
{
    while (a < b && is_blank((unsigned char)*a))
        a++;
    while (b > a && is_blank((unsigned char)b[-1]))
        b--;
    keep_field(r, a, (size_t)(b - a), 1);
}

/* One record [s, e) without a quote or a NUL, ended by c ('\r', '\n', or
 * -1 at the end of the file), its fields ended at cut[0..n) (the commas; at most
 * EG_EXPORT_MAX_FIELDS of them, the row overflows past that anyway): the
 * callbacks libcsv would make.  The text is written to (each field ended
 * by a NUL), e itself included.  tight: no field starts or ends with a
 * blank, and none is empty for want of one. */
static void fast_record(export_reader *r, char *s, char *e, char *const *cut, size_t n, int c,
                        int tight)
{
    char *field = s;

    if (tight && n < EG_EXPORT_MAX_FIELDS && e - s <= EG_EXPORT_MAX_FIELD && (n || e > s)) {
        /* Nothing to trim, no field or row too long: the fields as they
         * lie (what keep_field would keep). */
        for (size_t i = 0; i < n; i++) {
            *cut[i] = '\0';
            r->field[i] = field;
            r->len[i] = (size_t)(cut[i] - field);
            field = cut[i] + 1;
        }
        *e = '\0';
        r->field[n] = field;
        r->len[n] = (size_t)(e - field);
        r->n = n + 1;
        on_record(c, r);
        return;
    }
    if (n == 0) {
        while (field < e && is_blank((unsigned char)*field))
            field++;
        if (field == e) {
            /* Nothing but blanks: libcsv never began a row; it reports the
             * line end alone (CSV_REPALL_NL) and nothing at the file's end. */
            if (c != -1)
                on_record(c, r);
            return;
        }
    }
    for (size_t i = 0; i < n; i++) {
        fast_trimmed(r, field, cut[i]);
        field = cut[i] + 1;
    }
    fast_trimmed(r, field, e);
    on_record(c, r);
}

/* 1 when a blank of [s, s + 64 words) touches a field's edge: the text's
 * first byte (a record starts there), a byte before or after a separator,
 * or (final) the last byte.  Else no field of the text needs trimming.
 * *twice is set when a separator stands first or right after another:
 * an empty field, an empty line, or a CRLF; else every field is some
 * bytes long. */
static int blanks_at_edges(const export_parser *ps, size_t words, size_t len, int final,
                           int *twice)
{
    uint64_t edges = 0, again = 0;

    for (size_t w = 0; w < words; w++) {
        uint64_t before = ps->sep[w] << 1 | (w ? ps->sep[w - 1] >> 63 : 1);
        uint64_t after = ps->sep[w] >> 1 | (w + 1 < words ? ps->sep[w + 1] << 63 : 0);

        edges |= ps->blank[w] & (before | after);
        again |= ps->sep[w] & before;
    }
    if (final && len && (ps->blank[(len - 1) / 64] >> ((len - 1) % 64) & 1))
        edges = 1;
    *twice = again != 0;
    return edges != 0;
}

/* The shortcut counts separators with POPCNT (x86-64's baseline lacks it;
 * the processor is asked first: eg_export_has_popcnt). */
#if defined(__x86_64__) && defined(__GNUC__)
#define WITH_POPCNT __attribute__((target("popcnt")))
#else
#define WITH_POPCNT
#endif

/* The separators among bits [a, e] of the bitmap. */
static inline __attribute__((always_inline)) WITH_POPCNT size_t seps_in(const uint64_t *sep,
                                                                       size_t a, size_t e)
{
    size_t wa = a / 64, we = e / 64, n;
    uint64_t from = ~0ULL << (a % 64), to = ~0ULL >> (63 - e % 64);

    if (wa == we)
        return (size_t)__builtin_popcountll(sep[wa] & from & to);
    n = (size_t)__builtin_popcountll(sep[wa] & from) + (size_t)__builtin_popcountll(sep[we] & to);
    for (size_t w = wa + 1; w < we; w++)
        n += (size_t)__builtin_popcountll(sep[w]);
    return n;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define BITS_AS_BYTES 1
/* Bits i, i + 1, ... of a bitmap, at least 57 of them, as the low bits of
 * a number: its words are little-endian, so bit i is bit i % 8 of its byte
 * i / 8, and eight bytes from there hold it and the next 56 at least.
 * For a bit of the chunk's text (i < CHUNK) those bytes are the bitmap's
 * own: each has a word to spare (get_buffers). */
static inline uint64_t bits_at(const uint64_t *map, size_t i)
{
    uint64_t x;

    memcpy(&x, (const unsigned char *)map + i / 8, 8);
    return x >> (i % 8);
}
#endif

/* The first separator at or after bit i (there is one: a record's end). */
static inline size_t sep_from(const uint64_t *sep, size_t i)
{
    size_t w = i / 64;
    uint64_t m = sep[w] & ~0ULL << (i % 64);

    while (!m)
        m = sep[++w];
    return 64 * w + (size_t)__builtin_ctzll(m);
}

/* The last separator before bit i (there is one: the caller knows). */
static inline size_t sep_before(const uint64_t *sep, size_t i)
{
    size_t w = i / 64;
    uint64_t m = sep[w] & ((1ULL << (i % 64)) - 1);

    while (!m)
        m = sep[--w];
    return 64 * w + 63 - (size_t)__builtin_clzll(m);
}

/* Parses the whole records of [s, s + len) by hand, up to the first one
 * holding a quote or a NUL, or longer than FAST_LINE, walking the bitmaps
 * of the separators (eg_export_classify).  final: s + len is the file's end, and
 * a last record without a line end is parsed too.  Returns the bytes
 * consumed (always up to a record boundary); *stop is set when the rest
 * must go to libcsv. */
/* The first n fields of the record being read, kept by tight_chunk and
 * ended in place: their commas put back (for libcsv, or for the next
 * chunk) and, when cut is not NULL, their places in cut. */
static void unend_fields(export_reader *r, size_t n, char **cut)
{
    for (size_t i = 0; i < n; i++) {
        char *end = (char *)r->field[i] + r->len[i];

        *end = ',';
        if (cut)
            cut[i] = end;
    }
}

/* The end of record [rec, at) of a tight chunk, its first n fields kept
 * (ended in place), the last one starting at field; c ends it: handed on
 * as it lies when it can be, else through fast_record with its cuts. */
static inline __attribute__((always_inline)) void end_record(export_reader *r, char *rec,
                                                             char *field, char *at, size_t n,
                                                             int c)
{
    if (n < EG_EXPORT_MAX_FIELDS && at - rec <= EG_EXPORT_MAX_FIELD && (n || at > rec)) {
        *at = '\0';
        r->field[n] = field;
        r->len[n] = (size_t)(at - field);
        r->n = n + 1;
        tight_record(c, r);
    } else {
        char *cut[EG_EXPORT_MAX_FIELDS];

        unend_fields(r, n, cut);
        r->n = 0;
        fast_record(r, rec, at, cut, n, c, 1);
    }
}

/* The records of a tight chunk (see fast_record) walked with their fields
 * kept as the separators come: what fast_record's first branch keeps,
 * without a second pass.  A record it would not keep so (too many fields,
 * too long, empty) goes to fast_record with its cuts. */
static size_t tight_chunk(export_parser *ps, char *s, size_t words, int *stop, char **rec_out)
{
    export_reader *r = &ps->r;
    char *rec = s, *field = s;
    size_t n = 0;

    for (size_t w = 0; w < words; w++) {
        uint64_t m = ps->sep[w], e = ps->eol[w];

        while (m) {
            unsigned b = (unsigned)__builtin_ctzll(m);
            char *at = s + 64 * w + b;
            int c;

            m &= m - 1;
            if (!(e >> b & 1)) {
                if (n < EG_EXPORT_MAX_FIELDS) {
                    *at = '\0';
                    r->field[n] = field;
                    r->len[n++] = (size_t)(at - field);
                    field = at + 1;
                }
                continue;
            }
            c = (unsigned char)*at;
            if (at - rec > FAST_LINE) {
                unend_fields(r, n, NULL);   /* libcsv reads it from its start */
                *stop = 1;
                *rec_out = rec;
                return 0;
            }
            end_record(r, rec, field, at, n, c);
            rec = field = at + 1;
            n = 0;
            if (r->stop) {
                *rec_out = rec;
                return 0;
            }
        }
    }
    r->n = 0;
    *rec_out = rec;
    return n;
}

/* One record [s + a, s + e) of a tight chunk, ended by the separator at
 * e, cut into its fields and handed on as tight_chunk does. */
static void cut_record(export_parser *ps, char *s, size_t a, size_t e)
{
    export_reader *r = &ps->r;
    char *rec = s + a, *field = rec, *at = s + e;
    int c = (unsigned char)*at;
    size_t n = 0;

    for (size_t i = sep_from(ps->sep, a); i < e; i = sep_from(ps->sep, i + 1)) {
        if (n < EG_EXPORT_MAX_FIELDS) {
            s[i] = '\0';
            r->field[n] = field;
            r->len[n++] = (size_t)(s + i - field);
            field = s + i + 1;
        }
    }
    end_record(r, rec, field, at, n, c);
}

/* The separators of record [a, e] (e its end): a record of at most 56
 * bytes and its end are counted in one window of the bitmap, however it
 * falls across its words (which is chance, and would be a branch). */
static inline __attribute__((always_inline)) WITH_POPCNT size_t record_seps(const uint64_t *sep,
                                                                           size_t a, size_t e)
{
#ifdef BITS_AS_BYTES
    if (e - a <= 56)
        return (size_t)__builtin_popcountll(bits_at(sep, a) & ((2ULL << (e - a)) - 1));
#endif
    return seps_in(sep, a, e);
}

/* Where the last field of record [a, e] starts, the record having more
 * than one: when hint (the reader's usual length of it) is set and the
 * record's last hint bytes are preceded by a separator and hold none,
 * found from the window of those bits alone; else by looking back for
 * the separator. */
static inline size_t last_field(const uint64_t *sep, size_t a, size_t e, size_t hint)
{
#ifdef BITS_AS_BYTES
    if (hint && hint <= 56 && e - a > hint &&
        (bits_at(sep, e - hint - 1) & ((2ULL << hint) - 1)) == 1)
        return e - hint;
#else
    (void)a;
    (void)hint;
#endif
    return sep_before(sep, e) + 1;
}

/* The records of a tight chunk where no field is empty, for a reader with
 * a shortcut (eg_export_column): a record of the shortcut's width and at
 * most EG_EXPORT_MAX_FIELD bytes has its one field found (the separators
 * counted, not walked) and given to the shortcut; any other record, or one
 * the shortcut gives back, is cut as tight_chunk cuts it.  What
 * tight_chunk would do, record for record.  Returns the separators of the
 * unfinished record at the end, their places in cut. */
static WITH_POPCNT size_t column_chunk(export_parser *ps, char *s, size_t words, int *stop,
                                        char **rec_out, char **cut)
{
    export_reader *r = &ps->r;
    const eg_export_column *col = r->column;
    size_t width = col->width, k = col->col, a = 0, n = 0;

    for (size_t w = 0; w < words; w++) {
        uint64_t m = ps->eol[w];

        while (m) {
            size_t e = 64 * w + (size_t)__builtin_ctzll(m);

            m &= m - 1;
            if (e - a > FAST_LINE) {
                *stop = 1;
                *rec_out = s + a;
                return 0;
            }
            if (e - a <= EG_EXPORT_MAX_FIELD && record_seps(ps->sep, a, e) == width) {
                size_t from, to;

                if (k + 1 == width) {
                    to = e;
                    from = k ? last_field(ps->sep, a, e, col->len) : a;
                } else {
                    from = a;
                    for (size_t i = 0; i < k; i++)
                        from = sep_from(ps->sep, from) + 1;
                    to = sep_from(ps->sep, from);
                }
                if (col->fn(r->ctx, s + from, to - from) == 0) {
                    r->last_term = (unsigned char)s[e];
                    r->delivered++;
                    r->row++;
                    a = e + 1;
                    continue;
                }
            }
            cut_record(ps, s, a, e);
            a = e + 1;
            if (r->stop) {
                *rec_out = s + a;
                return 0;
            }
        }
    }
    /* the unfinished record: its separators, as the chunk ends */
    for (size_t w = a / 64; w < words; w++) {
        uint64_t m = ps->sep[w] & (w == a / 64 ? ~0ULL << (a % 64) : ~0ULL);

        for (; m && n < EG_EXPORT_MAX_FIELDS; m &= m - 1)
            cut[n++] = s + 64 * w + (size_t)__builtin_ctzll(m);
    }
    *rec_out = s + a;
    return n;
}

static size_t fast_chunk(export_parser *ps, char *s, size_t len, int final, int *stop)
{
    export_reader *r = &ps->r;
    size_t limit;
    size_t words = eg_export_classify(s, len, ps->sep, ps->eol, ps->blank, &limit);
    int quote = limit < len, twice;
    int tight = !blanks_at_edges(ps, words, limit, final && !quote, &twice);
    char *rec = s, *cut[EG_EXPORT_MAX_FIELDS];
    size_t n = 0;

    if (tight && !twice && r->column && r->column->width && eg_export_has_popcnt()) {
        n = column_chunk(ps, s, words, stop, &rec, cut);
        if (*stop || r->stop)
            return (size_t)(rec - s);
    } else if (tight) {
        size_t left = tight_chunk(ps, s, words, stop, &rec);

        if (*stop || r->stop)
            return (size_t)(rec - s);
        unend_fields(r, left, cut);     /* the unfinished record, ended below */
        n = left;
    } else {
        for (size_t w = 0; w < words; w++) {
            uint64_t m = ps->sep[w], e = ps->eol[w];

            while (m) {
                unsigned b = (unsigned)__builtin_ctzll(m);
                char *at = s + 64 * w + b;
                int c = (unsigned char)*at;

                m &= m - 1;
                if (!(e >> b & 1)) {
                    if (n < EG_EXPORT_MAX_FIELDS)
                        cut[n++] = at;
                    continue;
                }
                if (at - rec > FAST_LINE) {
                    *stop = 1;
                    return (size_t)(rec - s);
                }
                fast_record(r, rec, at, cut, n, c, 0);
                rec = at + 1;
                n = 0;
                if (r->stop)
                    return (size_t)(rec - s);
            }
        }
    }
    if (quote || (size_t)(s + len - rec) > FAST_LINE) {
        *stop = 1;
    } else if (final) {
        fast_record(r, rec, s + len, cut, n, -1, tight);
        rec = s + len;
    }
    return (size_t)(rec - s);
}

/* ---- what went wrong, in words (E_SYSTEM_READ) ---------------------------- */

/* The system's error err in Vietnamese (eg_strerror_vi); one an export's
 * reading is not known to meet keeps its number and the system's own
 * (English) words, written in buf (n bytes). */
static const char *errno_words(int err, char *buf, size_t n)
{
    const char *vi = eg_strerror_vi(err), *en = strerror(err);

    if (strcmp(vi, en) != 0)
        return vi;
    snprintf(buf, n, "lỗi hệ thống số %d (%.*s)", err, (int)eg_utf8_prefix(en, 100), en);
    return buf;
}

/* zlib's message msg about a gzip stream (gzerror's, its file's name
 * taken off) in Vietnamese; one not known keeps zlib's words, in buf. */
static const char *zlib_words(const char *msg, char *buf, size_t n)
{
    static const char *const words[][2] = {
        { "unexpected end of file", "tệp kết thúc giữa chừng" },
        { "incorrect data check", "sai mã kiểm tra CRC của dữ liệu" },
        { "incorrect length check", "độ dài dữ liệu không khớp với độ dài ghi trong tệp" },
        { "incorrect header check", "sai mã kiểm tra phần đầu" },
        { "header crc mismatch", "sai mã kiểm tra CRC của phần đầu gzip" },
        { "unknown header flags set", "phần đầu gzip có cờ không xác định" },
        { "unknown compression method", "phương thức nén không xác định" },
        { "invalid window size", "kích thước cửa sổ nén không hợp lệ" },
        { "invalid block type", "loại khối dữ liệu nén không hợp lệ" },
        { "invalid stored block lengths", "độ dài khối dữ liệu không nén không hợp lệ" },
        { "too many length or distance symbols", "quá nhiều ký hiệu độ dài hoặc khoảng cách" },
        { "invalid code lengths set", "bảng độ dài mã không hợp lệ" },
        { "invalid bit length repeat", "lặp độ dài bit không hợp lệ" },
        { "invalid code -- missing end-of-block", "mã không hợp lệ: thiếu mã kết thúc khối" },
        { "invalid literal/lengths set", "bảng mã ký tự/độ dài không hợp lệ" },
        { "invalid distances set", "bảng mã khoảng cách không hợp lệ" },
        { "invalid literal/length code", "mã ký tự/độ dài không hợp lệ" },
        { "invalid distance code", "mã khoảng cách không hợp lệ" },
        { "invalid distance too far back", "khoảng cách tham chiếu vượt quá phần dữ liệu trước đó" },
        { "compressed data error", "dữ liệu nén bị lỗi" },
        { "out of memory", "hết bộ nhớ" },
        { "internal error: inflate stream corrupt", "lỗi nội bộ: luồng giải nén bị hỏng" },
    };

    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(msg, words[i][0]) == 0)
            return words[i][1];
    snprintf(buf, n, "lỗi giải nén gzip (%.*s)", (int)eg_utf8_prefix(msg, 100), msg);
    return buf;
}

/* ---- where the bytes come from ------------------------------------------- */

/* Bytes read into buf (at most n), 0 at the end, -1 on an error (errno). */
static int source_read(export_source *s, char *buf, size_t n)
{
    ssize_t k;

    if (s->z)
        return eg_inflater_read(s->z, buf, n);
    if (s->pos >= s->end)
        return 0;
    if ((long long)n > s->end - s->pos)
        n = (size_t)(s->end - s->pos);
    do
        k = pread(s->fd, buf, n, (off_t)s->pos);
    while (k < 0 && errno == EINTR);
    if (k > 0)
        s->pos += k;
    return (int)k;
}

/* ---- one reader: the fast path, then libcsv ------------------------------- */

/* The chunk and its bitmaps; -1 when memory ran out (none then). */
static int get_buffers(export_parser *ps)
{
    /* zeroed: the slack the bitmaps are made from is never garbage */
    ps->chunk = calloc(1, CHUNK + CHUNK_SLACK);
    ps->sep = malloc(3 * (CHUNK / 64 + 1) * sizeof *ps->sep);
    ps->eol = ps->sep ? ps->sep + CHUNK / 64 + 1 : NULL;
    ps->blank = ps->sep ? ps->eol + CHUNK / 64 + 1 : NULL;
    if (ps->chunk && ps->sep)
        return 0;
    eg_export_parser_rest(ps);
    return -1;
}

void eg_export_parser_rest(export_parser *ps)
{
    free(ps->chunk);
    free(ps->sep);
    ps->chunk = NULL;
    ps->sep = ps->eol = ps->blank = NULL;
}

export_parser *eg_export_parser_new(eg_export_fn fn, void *ctx, int fast, int first)
{
    export_parser *ps = calloc(1, sizeof *ps);

    if (!ps)
        return NULL;
    if (get_buffers(ps) != 0 || csv_init(&ps->p, CSV_REPALL_NL)) {
        eg_export_parser_rest(ps);
        free(ps);
        return NULL;
    }
    ps->p_ready = 1;
    csv_set_realloc_func(&ps->p, capped_realloc);
    csv_set_free_func(&ps->p, free);
    for (int i = 0; i < EG_EXPORT_MAX_FIELDS; i++)
        ps->r.field[i] = ps->r.buf[i];
    ps->r.fn = fn;
    ps->r.ctx = ctx;
    ps->r.row = 1;
    ps->fast = fast;
    ps->first = first;
    return ps;
}

void eg_export_parser_free(export_parser *ps)
{
    if (!ps)
        return;
    if (ps->p_ready)
        csv_free(&ps->p);
    eg_diag_free(&ps->dl);
    free(ps->sep);
    free(ps->chunk);
    free(ps);
}

/* 1 when ps stands between two records with nothing pending: the next
 * byte starts a record whoever reads it. */
int eg_export_at_boundary(const export_parser *ps)
{
    return ps->rc == 0 && !ps->r.stop && ps->have == 0 && ps->r.n == 0 && !ps->r.overflow &&
           ps->p.pstate == 0 && !ps->p.quoted && ps->p.entry_pos == 0;
}

/* Reads src into ps; final: src ends the file (its last line and
 * csv_fini).  Problems go to dl. */
int eg_export_parse(export_parser *ps, export_source *src, int final, const char *path, const char *display,
                    eg_diag_list *dl)
{
    export_reader *r = &ps->r;
    int n = 0;

    /* a parser at rest reads on (its part was read by the time the file
     * turned out to need it further) */
    if (!ps->chunk && ps->rc == 0 && get_buffers(ps) != 0) {
        eg_export_no_memory(display, dl);
        ps->rc = -1;
    }
    /* One pass: read a chunk, parse it, forget it.  On the fast path an
     * unfinished last line (at most FAST_LINE bytes) is kept at the
     * chunk's start for the next read. */
    while (ps->rc == 0 && !r->stop &&
           (n = source_read(src, ps->chunk + ps->have, CHUNK - ps->have)) > 0) {
        char *s = ps->chunk;
        size_t len = ps->have + (size_t)n;

        ps->total += n;
        if (ps->first && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            len -= 3;
        }
        ps->first = 0;
        ps->have = 0;
        if (ps->fast) {
            int to_libcsv = 0;
            size_t used = fast_chunk(ps, s, len, 0, &to_libcsv);

            s += used;
            len -= used;
            if (!to_libcsv) {
                memmove(ps->chunk, s, len);
                ps->have = len;
                continue;
            }
            ps->fast = 0;               /* libcsv from this record on */
        }
        /* libcsv goes on to the chunk's end after a stop: what it finds
         * there was not asked for */
        if (csv_parse(&ps->p, s, len, on_field, on_record, r) != len && !r->stop) {
            eg_diag_add(dl, EG_ERROR, "E_SYSTEM_READ", display, r->row, (int)r->n + 1, NULL,
                        NULL,
                        "tệp xuất của hệ thống có một trường dài quá 64 KiB (thiếu dấu ngoặc kép "
                        "đóng?); phần còn lại của tệp không được đọc; không đối chiếu với tệp này");
            ps->rc = -1;
        }
    }
    if (ps->rc != 0 || r->stop)
        return ps->rc;
    {
        int err = Z_OK, sys_err = errno;
        const char *msg = src->gz ? gzerror(src->gz, &err) : "";
        char words[160];

        if (n < 0 || (err != Z_OK && err != Z_STREAM_END)) {
            size_t k = strlen(path);
            const char *fd_end;

            /* zlib puts the path first, "<fd:N>" for a file it was given
             * open: the message names the file already (and N, a
             * descriptor, would differ from one build to the next) */
            if (strncmp(msg, path, k) == 0 && msg[k] == ':')
                msg += k + 1 + (msg[k + 1] == ' ');
            else if (strncmp(msg, "<fd:", 4) == 0 && (fd_end = strstr(msg, ">: ")) != NULL)
                msg = fd_end + 3;
            eg_diag_add(dl, EG_ERROR, "E_SYSTEM_READ", display, r->row, 0, NULL, NULL,
                        "không đọc được hết tệp xuất của hệ thống (%s); không đối chiếu với "
                        "tệp này",
                        !src->gz || err == Z_ERRNO ? errno_words(sys_err, words, sizeof words)
                                                   : zlib_words(msg, words, sizeof words));
            ps->rc = -1;
            return -1;
        }
    }
    if (!final)
        return 0;
    /* The fast path's last line without its end, as libcsv ends it (a
     * quote in it: libcsv itself). */
    if (ps->have) {
        int to_libcsv = 0;
        size_t used = fast_chunk(ps, ps->chunk, ps->have, 1, &to_libcsv);

        if (to_libcsv)
            csv_parse(&ps->p, ps->chunk + used, ps->have - used, on_field, on_record, r);
    }
    ps->have = 0;
    csv_fini(&ps->p, on_field, on_record, r);
    return 0;
}

void eg_export_open_failed(const char *display, eg_diag_list *dl)
{
    int err = errno;
    char words[160];

    eg_diag_add(dl, EG_ERROR, "E_SYSTEM_READ", display, 0, 0, NULL, NULL,
                "không mở được tệp xuất của hệ thống: %s; không đối chiếu với tệp này",
                err ? errno_words(err, words, sizeof words) : "hết bộ nhớ");
}

void eg_export_no_memory(const char *display, eg_diag_list *dl)
{
    eg_diag_add(dl, EG_ERROR, "E_SYSTEM_READ", display, 0, 0, NULL, NULL,
                "hết bộ nhớ khi đọc tệp xuất của hệ thống; không đối chiếu với tệp này");
}

int eg_export_is_gzip(int fd)
{
    unsigned char m[2];
    ssize_t k;

    do
        k = pread(fd, m, 2, 0);
    while (k < 0 && errno == EINTR);
    if (k < 0)
        return -1;
    return k == 2 && m[0] == 0x1f && m[1] == 0x8b;
}

/* One reader over the whole file: a plain file's bytes as they lie, read
 * straight into the chunk; a gzip file (or anything but a regular file)
 * through zlib. */
int eg_export_read_whole(const char *path, const char *display, eg_export_fn fn,
                         const eg_export_column *column, void *ctx, long long *bytes,
                         eg_diag_list *dl, int allow_fast, int jobs)
{
    export_source src = { 0 };
    export_parser *ps;
    struct stat st;
    int rc, fd, regular, gzip = 1;

    if (bytes)
        *bytes = 0;
    errno = 0;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        eg_export_open_failed(display, dl);
        return -1;
    }
    regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    if (regular && (gzip = eg_export_is_gzip(fd)) < 0) {
        /* its first bytes, which say how to read it, cannot be read:
         * gzip bytes taken for text would be rows of nonsense */
        int err = errno;
        char words[160];

        close(fd);
        eg_diag_add(dl, EG_ERROR, "E_SYSTEM_READ", display, 0, 0, NULL, NULL,
                    "không đọc được tệp xuất của hệ thống (%s); không đối chiếu với tệp này",
                    errno_words(err, words, sizeof words));
        return -1;
    }
    if (regular && gzip == 0) {
        src = (export_source){ .fd = fd, .end = st.st_size };
    } else {
        src.gz = gzdopen(fd, "rb");
        if (!src.gz) {
            close(fd);
            eg_export_open_failed(display, dl);
            return -1;
        }
        gzbuffer(src.gz, CHUNK);
        if (!(src.z = eg_inflater_new(src.gz, jobs))) {
            gzclose(src.gz);
            eg_export_no_memory(display, dl);
            return -1;
        }
    }
    ps = eg_export_parser_new(fn, ctx, allow_fast, 1);
    if (!ps) {
        eg_export_no_memory(display, dl);
        rc = -1;
    } else {
        ps->r.column = column;
        rc = eg_export_parse(ps, &src, 1, path, display, dl);
        if (bytes)
            *bytes = ps->total;
        eg_export_parser_free(ps);
    }
    if (src.gz) {
        eg_inflater_free(src.z);
        gzclose(src.gz);
    } else {
        close(fd);
    }
    return rc;
}

int eg_export_read(const char *path, const char *display, eg_export_fn fn, void *ctx,
                   long long *bytes, eg_diag_list *dl)
{
    return eg_export_read_whole(path, display, fn, NULL, ctx, bytes, dl, 1, 1);
}

int eg_export_read_libcsv(const char *path, const char *display, eg_export_fn fn, void *ctx,
                          long long *bytes, eg_diag_list *dl)
{
    return eg_export_read_whole(path, display, fn, NULL, ctx, bytes, dl, 0, 1);
}
