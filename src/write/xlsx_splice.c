/*
 * xlsx_splice.c - the rows of Dữ liệu (and, in memory, of the units'
 * sheets) put into the workbook libxlsxwriter wrote with the sheets'
 * header rows only.
 *
 * The file libxlsxwriter wrote is small without those rows; it is read
 * into memory (through libzip) and written again in place as a plain zip
 * archive: every part copied as it is, still deflated, except each such
 * sheet, whose XML is cut before </sheetData>, its <dimension> set to the
 * whole range, and whose deflate stream is the head, the blocks of rows
 * (xlsx_rows.c) and the tail one after the other.  Only what libxlsxwriter
 * is known to write is accepted: a sheet that does not look like a header
 * row alone stops the workbook with an error rather than a wrong file.
 *
 * libxlsxwriter prints numbers with "%.16G", which for some doubles (a
 * quotient like 4127/403086) reads back one binary step off; the cells
 * where it would (eg_xfix, noted as they were written) get the shortest
 * decimal that reads back exactly, in whatever sheet they are.
 *
 * No ZIP64: a workbook part is under 4 GiB (1,048,576 rows of Dữ liệu are
 * about 600 MB of XML), and so is the workbook, of at most 65,534 parts;
 * past them, an error.  Times are 1980-01-01 00:00, as libxlsxwriter
 * writes them, so the same data gives the same bytes.
 */
#include "write/xlsx_priv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>
#include <zlib.h>

#include "core/mem.h"

#define DOS_DATE_1980 0x0021  /* 1980-01-01 */
#define U32_MAX 0xFFFFFFFFu

/* One part of the archive, as the central directory lists it. */
typedef struct {
    char *name;
    uint16_t method;
    uint32_t crc, csize, usize, offset;
} entry;

typedef struct {
    FILE *out;
    unsigned long long at;     /* bytes written so far */
    entry *e;
    size_t n, cap;
    char *why;
    size_t why_cap;
    int failed;
} zout;

static void fail(zout *z, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(zout *z, const char *fmt, ...)
{
    va_list ap;

    if (z->failed)
        return;
    z->failed = 1;
    va_start(ap, fmt);
    vsnprintf(z->why, z->why_cap, fmt, ap);
    va_end(ap);
}

static void put_bytes(zout *z, const void *p, size_t n)
{
    if (z->failed || n == 0)
        return;
    if (fwrite(p, 1, n, z->out) != n) {
        fail(z, "%s", strerror(errno ? errno : EIO));
        return;
    }
    z->at += n;
}

static void le16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

static void le32(unsigned char *p, uint32_t v)
{
    le16(p, v & 0xFFFF);
    le16(p + 2, v >> 16);
}

/* Starts a part: its local header, with the sizes and CRC known. */
static void begin_entry(zout *z, const char *name, unsigned method, uint32_t crc,
                        unsigned long long csize, unsigned long long usize)
{
    unsigned char h[30];
    size_t len = strlen(name);
    entry *e;

    if (z->failed)
        return;
    /* 0xFFFFFFFF and 0xFFFF would mean "see the ZIP64 record" */
    if (csize >= U32_MAX || usize >= U32_MAX || z->at >= U32_MAX || len >= 0xFFFF) {
        fail(z, "the part %s is too large for a workbook (%llu bytes)", name, usize);
        return;
    }
    if (z->n == z->cap) {
        z->cap = z->cap ? 2 * z->cap : 32;
        z->e = eg_xrealloc(z->e, z->cap * sizeof *z->e);
    }
    e = &z->e[z->n++];
    e->name = eg_xstrdup(name);
    e->method = (uint16_t)method;
    e->crc = crc;
    e->csize = (uint32_t)csize;
    e->usize = (uint32_t)usize;
    e->offset = (uint32_t)z->at;
    le32(h, 0x04034b50);
    le16(h + 4, 20);              /* version needed: 2.0 */
    le16(h + 6, 0);               /* flags */
    le16(h + 8, method);
    le16(h + 10, 0);              /* time */
    le16(h + 12, DOS_DATE_1980);
    le32(h + 14, crc);
    le32(h + 18, (uint32_t)csize);
    le32(h + 22, (uint32_t)usize);
    le16(h + 26, (unsigned)len);
    le16(h + 28, 0);              /* extra */
    put_bytes(z, h, sizeof h);
    put_bytes(z, name, len);
}

/* The central directory and its end record. */
static void finish(zout *z)
{
    unsigned long long start = z->at;
    unsigned char h[46], end[22];

    for (size_t i = 0; i < z->n && !z->failed; i++) {
        const entry *e = &z->e[i];
        size_t len = strlen(e->name);

        le32(h, 0x02014b50);
        le16(h + 4, 20);          /* made by: MS-DOS, 2.0 */
        le16(h + 6, 20);
        le16(h + 8, 0);
        le16(h + 10, e->method);
        le16(h + 12, 0);
        le16(h + 14, DOS_DATE_1980);
        le32(h + 16, e->crc);
        le32(h + 20, e->csize);
        le32(h + 24, e->usize);
        le16(h + 28, (unsigned)len);
        le16(h + 30, 0);          /* extra */
        le16(h + 32, 0);          /* comment */
        le16(h + 34, 0);          /* disk */
        le16(h + 36, 0);          /* internal attributes */
        le32(h + 38, 0);          /* external attributes */
        le32(h + 42, e->offset);
        put_bytes(z, h, sizeof h);
        put_bytes(z, e->name, len);
    }
    if (z->failed)
        return;
    if (z->at >= U32_MAX) {
        fail(z, "the workbook is too large (%llu bytes)", z->at);
        return;
    }
    if (z->n >= 0xFFFF) {
        fail(z, "the workbook has too many parts (%zu)", z->n);
        return;
    }
    le32(end, 0x06054b50);
    le16(end + 4, 0);
    le16(end + 6, 0);
    le16(end + 8, (unsigned)z->n);
    le16(end + 10, (unsigned)z->n);
    le32(end + 12, (uint32_t)(z->at - start));
    le32(end + 16, (uint32_t)start);
    le16(end + 20, 0);
    put_bytes(z, end, sizeof end);
}

/* A whole part read out of the archive: raw (still compressed) or not. */
static unsigned char *read_part(zout *z, zip_t *za, zip_uint64_t i, zip_uint64_t n, int raw)
{
    zip_file_t *f = zip_fopen_index(za, i, raw ? ZIP_FL_COMPRESSED : 0);
    unsigned char *p = eg_xmalloc(n ? n : 1);
    zip_int64_t got = f ? zip_fread(f, p, n) : -1;

    if (!f || got < 0 || (zip_uint64_t)got != n) {
        fail(z, "cannot read back part %llu of what libxlsxwriter wrote: %s",
             (unsigned long long)i, zip_strerror(za));
        free(p);
        p = NULL;
    }
    if (f)
        zip_fclose(f);
    return p;
}

/* s[0..n) deflated on its own; flush Z_SYNC_FLUSH (more follows) or
 * Z_FINISH (the end of the stream). */
static unsigned char *deflate_piece(zout *z, const char *s, size_t n, int flush, int level,
                                    size_t *out_len)
{
    z_stream zs;
    uLong cap;
    unsigned char *out;
    int rc;

    memset(&zs, 0, sizeof zs);
    if (deflateInit2(&zs, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        fail(z, "zlib cannot start");
        return NULL;
    }
    cap = deflateBound(&zs, (uLong)n) + 16;
    out = eg_xmalloc(cap);
    zs.next_in = (Bytef *)s;
    zs.avail_in = (uInt)n;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    rc = deflate(&zs, flush);
    if (rc != (flush == Z_FINISH ? Z_STREAM_END : Z_OK) || zs.avail_in || !zs.avail_out) {
        fail(z, "zlib failed");
        free(out);
        out = NULL;
    }
    *out_len = cap - zs.avail_out;
    deflateEnd(&zs);
    return out;
}

static const char *find(const char *s, size_t n, const char *what)
{
    return memmem(s, n, what, strlen(what));
}

static size_t count(const char *s, size_t n, const char *what)
{
    size_t k = 0;

    for (const char *p = s; (p = find(p, n - (size_t)(p - s), what)); p++)
        k++;
    return k;
}

/* The fixes of sheet part name, sorted by row and column, in out (NULL
 * when none). */
static int fix_order(const void *a, const void *b)
{
    const eg_xfix *p = a, *q = b;

    if (p->row != q->row)
        return p->row < q->row ? -1 : 1;
    return p->col < q->col ? -1 : p->col > q->col;
}

static eg_xfix *fixes_of(const char *name, const eg_xfix *fix, size_t n_fix, size_t *n)
{
    eg_xfix *out = NULL;
    char want[64];

    *n = 0;
    for (size_t i = 0; i < n_fix; i++) {
        snprintf(want, sizeof want, "xl/worksheets/sheet%zu.xml", fix[i].sheet_no);
        if (strcmp(name, want) != 0)
            continue;
        if (!out)
            out = eg_xmalloc(n_fix * sizeof *out);
        out[(*n)++] = fix[i];
    }
    if (out)
        qsort(out, *n, sizeof *out, fix_order);
    return out;
}

/* libxlsxwriter's XML of a sheet (xml, *n bytes) with the value of each
 * fixed cell, which it printed with "%.16G", written again as the
 * shortest decimal that reads back as the number (eg_xlsx_fmt_double).
 * The cells come in order of row and column, as the fixes are sorted.
 * NULL, having failed, where a cell is not as libxlsxwriter writes it. */
static char *apply_fixes(zout *z, const char *name, const char *xml, size_t *n,
                         const eg_xfix *fix, size_t n_fix)
{
    size_t cap = *n + 24 * n_fix + 1, len = 0;
    char *out = eg_xmalloc(cap);
    const char *at = xml, *end = xml + *n;

    for (size_t i = 0; i < n_fix; i++) {
        char ref[32], open[48], old[40], now[40];
        const char *c, *v, *v_end, *c_end;
        size_t k;

        lxw_rowcol_to_cell(ref, fix[i].row, fix[i].col);
        snprintf(open, sizeof open, "<c r=\"%s\"", ref);
        snprintf(old, sizeof old, "%.16G", fix[i].v);
        c = find(at, (size_t)(end - at), open);
        c_end = c ? find(c, (size_t)(end - c), "</c>") : NULL;
        v = c_end ? find(c, (size_t)(c_end - c), "<v>") : NULL;
        v_end = v ? find(v, (size_t)(c_end - v), "</v>") : NULL;
        if (!v_end || (size_t)(v_end - v - 3) != strlen(old) || memcmp(v + 3, old, strlen(old))) {
            fail(z, "%s: cell %s is not the number %s libxlsxwriter should have written", name,
                 ref, old);
            free(out);
            return NULL;
        }
        k = eg_xlsx_fmt_double(now, fix[i].v);
        memcpy(out + len, at, (size_t)(v + 3 - at));
        len += (size_t)(v + 3 - at);
        memcpy(out + len, now, k);
        len += k;
        at = v_end;
    }
    memcpy(out + len, at, (size_t)(end - at));
    len += (size_t)(end - at);
    *n = len;
    return out;
}

/* Sheet d: libxlsxwriter's XML of it (xml, n bytes) with the rows put in
 * before </sheetData>. */
static void splice_sheet(zout *z, const char *name, const char *xml, size_t n,
                         const eg_xspliced *d)
{
    char dim_open[48], last[16], dim_now[80], rows_all[32], rows_head[32], row_last[40];
    const char *dim, *dim_end, *data = find(xml, n, "<sheetData>");
    const char *end = find(xml, n, "</sheetData>");
    char *head;
    size_t head_len, h_z, t_z, dim_len, open_len;
    unsigned char *hz, *tz;
    unsigned long long usize, csize;
    uint32_t crc;

    lxw_col_to_name(last, (lxw_col_t)(d->n_cols ? d->n_cols - 1 : 0), 0);
    snprintf(dim_open, sizeof dim_open, "<dimension ref=\"A1:%s", last);
    open_len = strlen(dim_open);
    dim = find(xml, n, dim_open);
    dim_end = dim ? find(dim, n - (size_t)(dim - xml), "\"/>") : NULL;
    /* Only the header rows, once each, as libxlsxwriter writes them; the
     * dimension is theirs (with a table) or already the whole range (set
     * by the filter). */
    snprintf(rows_all, sizeof rows_all, "%zu", d->rows);
    snprintf(rows_head, sizeof rows_head, "%zu", d->header_rows);
    snprintf(row_last, sizeof row_last, "<row r=\"%zu\"", d->header_rows);
    dim_len = dim && dim_end ? (size_t)(dim_end - dim) - open_len : 0;
    if (!dim || !dim_end || !data || !end || dim_end > data || data > end ||
        !((dim_len == strlen(rows_head) && !memcmp(dim + open_len, rows_head, dim_len)) ||
          (dim_len == strlen(rows_all) && !memcmp(dim + open_len, rows_all, dim_len))) ||
        count(xml, n, "<dimension ") != 1 || count(xml, n, "</sheetData>") != 1 ||
        count(data, (size_t)(end - data), "<row ") != d->header_rows ||
        !find(data, (size_t)(end - data), "<row r=\"1\"") ||
        !find(data, (size_t)(end - data), row_last)) {
        fail(z, "%s is not the header rows alone that it should be", name);
        return;
    }
    dim_end += 3;  /* past "/> */
    snprintf(dim_now, sizeof dim_now, "%s%zu\"/>", dim_open, d->rows);
    head_len = (size_t)(dim - xml) + strlen(dim_now) + (size_t)(end - dim_end);
    head = eg_xmalloc(head_len + 1);
    memcpy(head, xml, (size_t)(dim - xml));
    memcpy(head + (dim - xml), dim_now, strlen(dim_now));
    memcpy(head + (dim - xml) + strlen(dim_now), dim_end, (size_t)(end - dim_end));

    hz = deflate_piece(z, head, head_len, Z_SYNC_FLUSH, 6, &h_z);
    tz = deflate_piece(z, end, (size_t)(xml + n - end), Z_FINISH, 6, &t_z);
    crc = (uint32_t)crc32(0L, (const Bytef *)head, (uInt)head_len);
    usize = head_len;
    csize = h_z;
    for (size_t k = 0; k < d->n_blocks; k++) {
        crc = (uint32_t)crc32_combine(crc, d->blocks[k].crc, (z_off_t)d->blocks[k].len);
        usize += d->blocks[k].len;
        csize += d->blocks[k].z_len;
    }
    crc = (uint32_t)crc32_combine(crc, (uLong)crc32(0L, (const Bytef *)end,
                                                    (uInt)(xml + n - end)),
                                  (z_off_t)(xml + n - end));
    usize += (size_t)(xml + n - end);
    csize += t_z;
    if (hz && tz) {
        begin_entry(z, name, ZIP_CM_DEFLATE, crc, csize, usize);
        put_bytes(z, hz, h_z);
        for (size_t k = 0; k < d->n_blocks; k++)
            put_bytes(z, d->blocks[k].z, d->blocks[k].z_len);
        put_bytes(z, tz, t_z);
    }
    free(hz);
    free(tz);
    free(head);
}

/* The sheet whose part is name, or NULL. */
static const eg_xspliced *sheet_of(const char *name, const eg_xspliced *sheets, size_t n)
{
    char want[64];

    for (size_t s = 0; s < n; s++) {
        if (!sheets[s].n_blocks)
            continue;
        snprintf(want, sizeof want, "xl/worksheets/sheet%zu.xml", sheets[s].sheet_no);
        if (strcmp(name, want) == 0)
            return &sheets[s];
    }
    return NULL;
}

/* The file at path, whole. */
static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    unsigned char *p;

    if (!f)
        return NULL;
    if (fstat(fileno(f), &st) != 0 || st.st_size < 0) {
        fclose(f);
        return NULL;
    }
    p = eg_xmalloc((size_t)st.st_size + 1);
    *n = fread(p, 1, (size_t)st.st_size, f);
    if (ferror(f) || *n != (size_t)st.st_size) {
        free(p);
        p = NULL;
    }
    fclose(f);
    return p;
}

int eg_xlsx_splice(const char *path, const eg_xspliced *sheets, size_t n_sheets,
                   const eg_xfix *fix, size_t n_fix, char *why, size_t why_cap)
{
    zout z;
    size_t size = 0, spliced = 0, want = 0;
    unsigned char *file;
    zip_error_t zerr;
    zip_source_t *src;
    zip_t *za = NULL;
    zip_int64_t n;

    memset(&z, 0, sizeof z);
    errno = 0;
    z.why = why;
    z.why_cap = why_cap;
    for (size_t s = 0; s < n_sheets; s++)
        want += sheets[s].n_blocks > 0;
    file = slurp(path, &size);  /* after errno = 0: its failure tells why */
    if (!file) {
        fail(&z, "cannot read back what libxlsxwriter wrote: %s", strerror(errno ? errno : EIO));
        return -1;
    }
    zip_error_init(&zerr);
    src = zip_source_buffer_create(file, size, 0, &zerr);
    if (src && !(za = zip_open_from_source(src, ZIP_RDONLY, &zerr)))
        zip_source_free(src);
    if (!za) {
        fail(&z, "cannot open what libxlsxwriter wrote: %s", zip_error_strerror(&zerr));
        zip_error_fini(&zerr);
        free(file);
        return -1;
    }
    zip_error_fini(&zerr);

    errno = 0;
    z.out = fopen(path, "wb");
    if (!z.out)
        fail(&z, "%s", strerror(errno ? errno : EIO));
    else
        setvbuf(z.out, NULL, _IOFBF, 1 << 20);
    n = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; i < n && !z.failed; i++) {
        zip_stat_t st;
        const eg_xspliced *d;
        unsigned char *p;
        eg_xfix *fixes;
        size_t n_fixes;

        if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) != 0 ||
            (st.valid & (ZIP_STAT_NAME | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC |
                         ZIP_STAT_COMP_METHOD)) !=
            (ZIP_STAT_NAME | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC |
             ZIP_STAT_COMP_METHOD)) {
            fail(&z, "cannot read back part %lld of what libxlsxwriter wrote",
                 (long long)i);
            break;
        }
        d = sheet_of(st.name, sheets, n_sheets);
        fixes = fixes_of(st.name, fix, n_fix, &n_fixes);
        p = read_part(&z, za, (zip_uint64_t)i, d || fixes ? st.size : st.comp_size,
                      !d && !fixes);
        if (p && fixes) {
            size_t len = st.size;
            char *fixed = apply_fixes(&z, st.name, (const char *)p, &len, fixes, n_fixes);

            free(p);
            p = (unsigned char *)fixed;
            st.size = len;
        }
        free(fixes);
        if (!p)
            break;
        if (d) {
            splice_sheet(&z, st.name, (const char *)p, st.size, d);
            spliced++;
        } else if (n_fixes) {
            /* deflated again at zlib's level 1, as libxlsxwriter's parts */
            size_t zn;
            unsigned char *zp = deflate_piece(&z, (const char *)p, st.size, Z_FINISH, 1, &zn);

            if (zp) {
                begin_entry(&z, st.name, ZIP_CM_DEFLATE,
                            (uint32_t)crc32(0L, (const Bytef *)p, (uInt)st.size), zn, st.size);
                put_bytes(&z, zp, zn);
            }
            free(zp);
        } else {
            begin_entry(&z, st.name, st.comp_method, st.crc, st.comp_size, st.size);
            put_bytes(&z, p, st.comp_size);
        }
        free(p);
    }
    if (!z.failed && spliced != want)
        fail(&z, "%zu of the %zu sheets whose rows are ours are not where libxlsxwriter "
             "should have put them", want - spliced, want);
    finish(&z);
    if (z.out && fclose(z.out) != 0)
        fail(&z, "%s", strerror(errno ? errno : EIO));
    zip_discard(za);  /* frees the source too */
    free(file);
    for (size_t i = 0; i < z.n; i++)
        free(z.e[i].name);
    free(z.e);
    return z.failed ? -1 : 0;
}
