/*
 * xlsx_rows.c - the rows of a Dữ liệu sheet, written by us rather than by
 * libxlsxwriter: the XML of each block of rows, deflated, by both cores;
 * and the rows of the units' sheets, planned as cells (eg_xcells_sheet),
 * in blocks of rows too.
 *
 * At national scale Dữ liệu is most of the workbook (250,000 values, 150 MB
 * of XML), and libxlsxwriter prints it with fprintf and deflates it at
 * zlib's level 6 on one core, which 1.1.4 gives no way to change.  Here the
 * rows are cut into blocks; each block's XML is made and deflated at level
 * 1 by one of `jobs` threads, on its own (a fresh deflate state, ended by a
 * sync flush on a byte boundary), so that the blocks joined in order are
 * one deflate stream whatever thread made which block, and their CRC-32s
 * join with crc32_combine.  xlsx_splice.c puts them into the file that
 * libxlsxwriter wrote with the sheet's header row only.
 *
 * Streamed, the XML is what libxlsxwriter writes for the same cells in
 * its constant-memory mode, byte for byte (a test compares the two):
 * inline strings with control characters as _xHHHH_, xml:space="preserve"
 * for text that starts or ends with white space, &, < and > escaped,
 * numbers as the shortest decimal that reads back as the same double
 * (libxlsxwriter prints "%.16G", which the splice corrects where it is
 * not exact: eg_xfix), a style index where the cell has a format.  In memory the texts are shared, as libxlsxwriter shares them:
 * the plan enters each in its table of shared strings (sharedStrings.xml,
 * which it writes) in the order of the cells, as worksheet_write_string
 * would, and the cells refer to them by number (a test compares that
 * table with libxlsxwriter's own).  The cells are those put_value in
 * xlsx_data.c writes, which stays the reference (EGREPORT_XLSX_LXW_ROWS=1
 * uses it).
 */
#include "write/xlsx_priv.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/thread.h"

/* The deflate level of the rows: level 1 makes a file about a quarter
 * larger than libxlsxwriter's level 6, four times faster. */
#define ROWS_LEVEL 1

#define PUT_LIT(b, lit) eg_buf_put((b), (lit), sizeof(lit) - 1)

static char *udec(char *end, unsigned long long v)
{
    do {
        *--end = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return end;
}

static void put_uint(eg_buf *b, unsigned long long v)
{
    char tmp[24], *s = udec(tmp + sizeof tmp, v);

    eg_buf_put(b, s, (size_t)(tmp + sizeof tmp - s));
}

/* `<c r="H12"` (the column letters of the first 26 columns are enough:
 * Dữ liệu has 11). */
_Static_assert(EG_XD_COUNT <= 26, "Dữ liệu's columns are named by one letter");
static void put_ref(eg_buf *b, unsigned col, unsigned long long row)
{
    char c = (char)('A' + col);

    PUT_LIT(b, "<c r=\"");
    eg_buf_put(b, &c, 1);
    put_uint(b, row);
    PUT_LIT(b, "\"");
}

static void put_style(eg_buf *b, int style)
{
    if (style > 0) {
        PUT_LIT(b, " s=\"");
        put_uint(b, (unsigned)style);
        PUT_LIT(b, "\"");
    }
}

size_t eg_xlsx_fmt_double(char *buf, double v)
{
    static const char *const fmts[] = { "%.15G", "%.16G", "%.17G" };
    int n = 0;

    if (v == 0) {
        strcpy(buf, signbit(v) ? "-0" : "0");
        return strlen(buf);
    }
    if (v == floor(v) && fabs(v) <= 9007199254740992.0)
        return (size_t)snprintf(buf, 32, "%lld", (long long)v);
    for (size_t k = 0; k < sizeof fmts / sizeof *fmts; k++) {
        n = snprintf(buf, 32, fmts[k], v);
        if (k == 2 || strtod(buf, NULL) == v)
            break;
    }
    return n > 0 ? (size_t)n : 0;
}

int eg_xlsx_16g_exact(double v)
{
    char tmp[40];

    if (v == floor(v) && fabs(v) < 1e15)
        return 1;
    snprintf(tmp, sizeof tmp, "%.16G", v);
    return strtod(tmp, NULL) == v;
}

/* A number as the shortest decimal that reads back as it: whole numbers
 * under 10^16 without snprintf. */
static void put_double(eg_buf *b, double v)
{
    char tmp[40];

    if (v == 0) {
        if (signbit(v))
            PUT_LIT(b, "-0");
        else
            PUT_LIT(b, "0");
        return;
    }
    if (v == floor(v) && fabs(v) < 1e16) {
        if (v < 0) {
            PUT_LIT(b, "-");
            v = -v;
        }
        put_uint(b, (unsigned long long)v);
        return;
    }
    eg_buf_put(b, tmp, eg_xlsx_fmt_double(tmp, v));
}

/* The letters of column col (0: A, 26: AA). */
static void put_col(eg_buf *b, unsigned col)
{
    char name[16];

    lxw_col_to_name(name, (lxw_col_t)col, 0);
    eg_buf_put(b, name, strlen(name));
}

static void put_safe_text_xml(eg_buf *b, const char *p);

/* A unit's rate's formula (eg_xlsx_ratio_formula) in XML: '>' as "&gt;". */
static void put_ratio_formula(eg_buf *b, unsigned long row, unsigned a, unsigned c)
{
    char f[128];

    eg_buf_put(b, f, eg_xlsx_ratio_formula(f, sizeof f, row, (lxw_col_t)a, (lxw_col_t)c, "&gt;"));
}

/* The rows of planned cells [from, to) of a sheet (eg_xcells_sheet), as
 * libxlsxwriter writes their cells: a text `<c r=.. s=.. t="s">` in memory,
 * inline streamed; a blank only with a style; a formula's cached result as
 * a number is printed. */
static void cells_xml(const eg_xcells_sheet *c, size_t from, size_t to, eg_buf *b)
{
    for (size_t i = from; i < to;) {
        unsigned long long row = (unsigned long long)c->cells[i].row + 1;

        PUT_LIT(b, "<row r=\"");
        put_uint(b, row);
        PUT_LIT(b, "\">");
        for (; i < to && c->cells[i].row + 1ULL == row; i++) {
            const eg_xcell *e = &c->cells[i];

            PUT_LIT(b, "<c r=\"");
            put_col(b, e->col);
            put_uint(b, row);
            PUT_LIT(b, "\"");
            put_style(b, e->style);
            switch (e->kind) {
            case EG_XC_BLANK:
                PUT_LIT(b, "/>");
                break;
            case EG_XC_TEXT:
                if (c->inline_text) {
                    put_safe_text_xml(b, c->texts.p + e->text);
                    break;
                }
                PUT_LIT(b, " t=\"s\"><v>");
                put_uint(b, e->sst);
                PUT_LIT(b, "</v></c>");
                break;
            case EG_XC_FORMULA:
                /* as libxlsxwriter writes a formula: its text escaped
                 * (its '>' as "&gt;"), a text result with t="str" */
                if (isnan(e->num))
                    PUT_LIT(b, " t=\"str\"><f>");
                else
                    PUT_LIT(b, "><f>");
                put_ratio_formula(b, (unsigned long)row - 1, e->a, e->b);
                PUT_LIT(b, "</f><v>");
                if (!isnan(e->num))
                    put_double(b, e->num);
                PUT_LIT(b, "</v></c>");
                break;
            default:
                PUT_LIT(b, "><v>");
                put_double(b, e->num);
                PUT_LIT(b, "</v></c>");
                break;
            }
        }
        PUT_LIT(b, "</row>");
    }
}

/* The shared strings of a sheet's rows (eg_xdata_sheet.shared): each text
 * by its pointer (a unit's name is the same pointer in every row of the
 * unit, and is looked up as such: by the pointer, not the bytes), with
 * its number in libxlsxwriter's table and its width in characters.  Open
 * addressing, cap a power of two and at most half full.  Filled by the
 * plan; only read by the threads that make the rows. */
struct eg_xshared {
    const char **key;
    uint32_t *index;
    size_t *chars;
    size_t n, cap;
};

static size_t shared_slot(const struct eg_xshared *t, const char *s)
{
    size_t h = (size_t)(((uint64_t)(uintptr_t)s * 0x9E3779B97F4A7C15ull) >> 32) & (t->cap - 1);

    while (t->key[h] && t->key[h] != s)
        h = (h + 1) & (t->cap - 1);
    return h;
}

static void shared_grow(struct eg_xshared *t)
{
    struct eg_xshared old = *t;

    t->cap = old.cap ? 2 * old.cap : 1024;
    t->key = eg_xcalloc(t->cap, sizeof *t->key);
    t->index = eg_xcalloc(t->cap, sizeof *t->index);
    t->chars = eg_xcalloc(t->cap, sizeof *t->chars);
    for (size_t i = 0; i < old.cap; i++)
        if (old.key[i]) {
            size_t at = shared_slot(t, old.key[i]);

            t->key[at] = old.key[i];
            t->index[at] = old.index[i];
            t->chars[at] = old.chars[i];
        }
    free(old.key);
    free(old.index);
    free(old.chars);
}

static void shared_free(struct eg_xshared *t)
{
    if (!t)
        return;
    free(t->key);
    free(t->index);
    free(t->chars);
    free(t);
}

/* The widths the cells of a sheet need, while they are measured.  A text
 * met before (a unit's name, an indicator's label: the same pointer, for
 * every value of the unit or indicator) is not measured again.  shared:
 * in memory, the texts are entered in sst as they are met. */
#define MEMO 1024
typedef struct {
    double *col;
    const char *text[MEMO];
    size_t chars[MEMO];
    struct eg_xshared *shared;
    lxw_sst *sst;
    int failed;
} widths;

/* Text s of a cell (not "") entered in the shared strings, as
 * worksheet_write_string enters it: what eg_xlsx_put_text writes (the
 * safe copy), counted once more when it is there already.  Its width in
 * *chars.  -1 when libxlsxwriter is out of memory. */
static int share(widths *wd, const char *s, size_t *chars)
{
    struct eg_xshared *t = wd->shared;
    size_t at = shared_slot(t, s);
    struct sst_element *el;
    char *copy;

    if (t->key[at]) {
        wd->sst->string_count++;      /* what lxw_get_sst_index counts */
        *chars = t->chars[at];
        return 0;
    }
    copy = eg_xlsx_safe_text(s, chars);
    el = lxw_get_sst_index(wd->sst, copy ? copy : s, LXW_FALSE);
    free(copy);
    if (!el)
        return -1;
    t->key[at] = s;
    t->index[at] = el->index;
    t->chars[at] = *chars;
    if (2 * ++t->n >= t->cap)
        shared_grow(t);
    return 0;
}

/* A number cell: its XML into b, or (b NULL) its width into wd. */
static void number_cell(eg_buf *b, unsigned col, unsigned long long row, double v, int style,
                        widths *wd, const eg_xctx *x, const lxw_format *fmt)
{
    if (!b) {
        double w = isfinite(v) ? eg_xlsx_number_width(v, fmt, x) : 0;

        if (w > wd->col[col])
            wd->col[col] = w;
        return;
    }
    if (!isfinite(v)) {
        /* put_number leaves it blank: a blank cell only with a format */
        if (style > 0) {
            put_ref(b, col, row);
            put_style(b, style);
            PUT_LIT(b, "/>");
        }
        return;
    }
    put_ref(b, col, row);
    put_style(b, style);
    PUT_LIT(b, "><v>");
    put_double(b, v);
    PUT_LIT(b, "</v></c>");
}

static int is_control(unsigned char c)
{
    return (c >= 0x01 && c <= 0x08) || (c >= 0x0B && c <= 0x1F);
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n';  /* the others are escaped */
}

/* The rest of a text cell after its reference: text (not "") as an inline
 * string, text being already what eg_xlsx_safe_text makes of it. */
static void put_safe_text_xml(eg_buf *b, const char *text)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p = (const unsigned char *)text;
    size_t n = strlen(text);
    int plain = 1;

    if (is_space(p[0]) || is_space(p[n - 1]))
        PUT_LIT(b, " t=\"inlineStr\"><is><t xml:space=\"preserve\">");
    else
        PUT_LIT(b, " t=\"inlineStr\"><is><t>");
    for (size_t i = 0; i < n; i++)
        if (is_control(p[i]) || p[i] == '&' || p[i] == '<' || p[i] == '>') {
            plain = 0;
            break;
        }
    if (plain) {
        eg_buf_put(b, (const char *)p, n);
    } else {
        eg_buf_reserve(b, 7 * n);
        for (size_t i = 0; i < n; i++) {
            unsigned char c = p[i];

            if (is_control(c)) {
                char e[7] = { '_', 'x', '0', '0', hex[c >> 4], hex[c & 15], '_' };

                eg_buf_put(b, e, 7);
            } else if (c == '&') {
                PUT_LIT(b, "&amp;");
            } else if (c == '<') {
                PUT_LIT(b, "&lt;");
            } else if (c == '>') {
                PUT_LIT(b, "&gt;");
            } else {
                b->p[b->n++] = (char)c;
            }
        }
    }
    PUT_LIT(b, "</t></is></c>");
}

/* The same for text s as it comes: what it is made safe first. */
static void put_text_xml(eg_buf *b, const char *s)
{
    size_t chars;
    char *copy = eg_xlsx_safe_text(s, &chars);

    put_safe_text_xml(b, copy ? copy : s);
    free(copy);
}

/* Text into b, inline or (shared not NULL) as the number of a shared
 * string; or (b NULL) its width into wd, and in memory the text entered
 * in the shared strings; nothing for NULL or "".  memo (may be NULL): s
 * is a text met again, its XML kept there. */
static void text_cell(eg_buf *b, unsigned col, unsigned long long row, const char *s,
                      widths *wd, eg_buf_memo *memo, const struct eg_xshared *shared)
{
    size_t h, at;

    if (!s || !*s)
        return;
    h = ((uintptr_t)s >> 3) % MEMO;
    if (!b) {
        size_t chars;

        if (wd->shared) {
            if (wd->failed || share(wd, s, &chars) != 0) {
                wd->failed = 1;
                return;
            }
        } else {
            if (wd->text[h] != s) {
                free(eg_xlsx_safe_text(s, &wd->chars[h]));
                wd->text[h] = s;
            }
            chars = wd->chars[h];
        }
        if ((double)chars > wd->col[col])
            wd->col[col] = (double)chars;
        return;
    }
    put_ref(b, col, row);
    if (shared) {
        PUT_LIT(b, " t=\"s\"><v>");
        put_uint(b, shared->index[shared_slot(shared, s)]);
        PUT_LIT(b, "</v></c>");
        return;
    }
    /* memo: the XML after the reference of a text met before */
    if (memo && eg_buf_recall(b, memo, s))
        return;
    at = b->n;
    put_text_xml(b, s);
    if (memo)
        eg_buf_remember(memo, s, b, at);
}


/* What the threads share: every Dữ liệu sheet's blocks, in order, and
 * the next block to take. */
struct eg_xrows {
    const eg_xctx *x;
    size_t block_rows, n_blocks;    /* over all the sheets */
    size_t cell_blocks;             /* of them, the units' sheets' (first) */
    pthread_t th[EG_XLSX_MAX_JOBS];
    int started;
    atomic_size_t next;
    atomic_int failed;
};

/* One value's row, the cells put_value writes: its XML into b, or (b
 * NULL) the widths its cells need into wd. */
static void value_row(const eg_xctx *x, const eg_xdata_sheet *d, eg_buf *b, unsigned long long row,
                      const eg_value *v, widths *wd, eg_buf_memo *memo)
{
    const eg_dataset *ds = x->ds;
    const eg_unit *u = &ds->registry.items[v->unit];
    const eg_indicator *ind = &x->L->cat.items[v->indicator];
    const struct eg_xshared *sh = b ? d->shared : NULL;
    double num;

    if (b) {
        PUT_LIT(b, "<row r=\"");
        put_uint(b, row);
        PUT_LIT(b, "\">");
    }
    number_cell(b, EG_XD_YEAR, row, ds->year, 0, wd, x, NULL);
    text_cell(b, EG_XD_UNIT, row, u->code, wd, memo, sh);
    text_cell(b, EG_XD_NAME, row, u->name, wd, memo, sh);
    text_cell(b, EG_XD_LEVEL, row, eg_level_code(u->level), wd, memo, sh);
    if (u->parent >= 0 && (size_t)u->parent < ds->registry.n)
        text_cell(b, EG_XD_PARENT, row, ds->registry.items[u->parent].code, wd, memo, sh);
    text_cell(b, EG_XD_INDICATOR, row, ind->code, wd, memo, sh);
    text_cell(b, EG_XD_LABEL, row, ind->label, wd, memo, sh);
    if (eg_xlsx_data_number(ind, v, &num)) {
        const lxw_format *fmt = eg_xlsx_value_format(x, ind);

        number_cell(b, EG_XD_VALUE, row, num,
                    fmt == x->pct ? d->style_pct : fmt == x->count ? d->style_count : 0, wd,
                    x, fmt);
    } else if (ind->type == EG_TYPE_ENUM && v->i >= 0 && (size_t)v->i < ind->n_options) {
        text_cell(b, EG_XD_VALUE, row, ind->options[v->i].code, wd, memo, sh);
    } else {
        text_cell(b, EG_XD_VALUE, row, v->text, wd, NULL, sh);
    }
    if (v->file >= 0 && (size_t)v->file < ds->n_files)
        text_cell(b, EG_XD_FILE, row, ds->files[v->file].path, wd, memo, sh);
    if (v->row > 0)
        number_cell(b, EG_XD_ROW, row, (double)v->row, 0, wd, x, NULL);
    text_cell(b, EG_XD_NOTE, row, v->note, wd, NULL, sh);
    if (b)
        PUT_LIT(b, "</row>");
}

/* Block k of all the sheets': its rows' XML, deflated on its own and
 * ended by a sync flush. */
static int make_block(struct eg_xrows *J, size_t k, eg_buf *xml, z_stream *z,
                      eg_buf_memo *memo)
{
    const eg_xctx *x = J->x;
    eg_xdata_sheet *d = x->data;
    eg_xblock *blk;
    size_t first, n;
    uLong bound;

    xml->n = 0;
    if (k < J->cell_blocks) {
        /* the units' sheets' blocks first (x is const to the threads but
         * for the blocks: each its own) */
        eg_xcells_sheet *c = (eg_xcells_sheet *)x->cell_sheets;

        while (k >= c->n_blocks) {
            k -= c->n_blocks;
            c++;
        }
        blk = &c->blocks[k];
        cells_xml(c, c->first[k], k + 1 < c->n_blocks ? c->first[k + 1] : c->n_cells, xml);
    } else {
        k -= J->cell_blocks;
        while (k >= d->n_blocks) {
            k -= d->n_blocks;
            d++;
        }
        blk = &d->blocks[k];
        first = k * J->block_rows;
        n = d->n - first < J->block_rows ? d->n - first : J->block_rows;
        for (size_t i = 0; i < n; i++)
            value_row(x, d, xml, (unsigned long long)(first + i) + 2,
                      &x->ds->values[d->first + first + i], NULL, memo);
    }
    blk->len = xml->n;
    blk->crc = (uint32_t)crc32_z(0L, (const Bytef *)xml->p, xml->n);
    if (deflateReset(z) != Z_OK)
        return -1;
    bound = deflateBound(z, (uLong)xml->n) + 16;
    blk->z = eg_xmalloc(bound);
    z->next_in = (Bytef *)xml->p;
    z->avail_in = (uInt)xml->n;
    z->next_out = blk->z;
    z->avail_out = (uInt)bound;
    /* all of it in, and room left: the flush is complete */
    if (deflate(z, Z_SYNC_FLUSH) != Z_OK || z->avail_in != 0 || z->avail_out == 0)
        return -1;
    blk->z_len = bound - z->avail_out;
    blk->z = eg_xrealloc(blk->z, blk->z_len);  /* about a tenth of the bound */
    return 0;
}

static void *worker(void *arg)
{
    struct eg_xrows *J = arg;
    eg_buf xml = { 0 };
    z_stream z;
    eg_buf_memo *memo = eg_xcalloc(1, sizeof *memo);

    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, ROWS_LEVEL, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        atomic_store(&J->failed, 1);
        eg_buf_memo_clear(memo);
        free(memo);
        return NULL;
    }
    for (;;) {
        size_t k = atomic_fetch_add(&J->next, 1);

        if (k >= J->n_blocks || atomic_load(&J->failed))
            break;
        if (make_block(J, k, &xml, &z, memo) != 0)
            atomic_store(&J->failed, 1);
    }
    deflateEnd(&z);
    free(xml.p);
    eg_buf_memo_clear(memo);
    free(memo);
    return NULL;
}

/* The rows in a block: EGREPORT_XLSX_BLOCK_ROWS (a test hook) or 1024,
 * about 600 KB of XML: small enough that the 6,360 rows of the 2020 demo
 * keep both cores busy, large enough that deflating each block on its own
 * costs nothing measurable in size.  Never the number of threads: the
 * blocks make the bytes. */
static size_t block_rows(void)
{
    const char *s = getenv("EGREPORT_XLSX_BLOCK_ROWS");
    char *end;
    unsigned long v;

    if (s && *s) {
        v = strtoul(s, &end, 10);
        if (!*end && v >= 1 && v <= EG_XLSX_MAX_DATA_ROWS)
            return v;
    }
    return 1024;
}

/* The style numbers of the formats the rows use, asked here in this thread
 * and in the order of their first cell, as libxlsxwriter would (asking
 * registers a format with the workbook, and a format the rows never use
 * must not be). */
static void styles(const eg_xctx *x, eg_xdata_sheet *d)
{
    int have_pct = 0, have_count = 0;
    double v;

    for (size_t i = 0; i < d->n && !(have_pct && have_count); i++) {
        const eg_value *val = &x->ds->values[d->first + i];
        const eg_indicator *ind = &x->L->cat.items[val->indicator];
        lxw_format *fmt;

        if (!eg_xlsx_data_number(ind, val, &v) || !(fmt = eg_xlsx_value_format(x, ind)))
            continue;
        if (fmt == x->pct && !have_pct) {
            d->style_pct = lxw_format_get_xf_index(fmt);
            have_pct = 1;
        } else if (fmt == x->count && !have_count) {
            d->style_count = lxw_format_get_xf_index(fmt);
            have_count = 1;
        }
    }
}

void eg_xlsx_rows_plan(eg_xctx *x, eg_xdata_sheet *d)
{
    size_t block = block_rows();
    widths *w = eg_xcalloc(1, sizeof *w);

    styles(x, d);
    w->col = d->width;
    if (!x->stream) {
        d->shared = eg_xcalloc(1, sizeof *d->shared);
        shared_grow(d->shared);
        w->shared = d->shared;
        w->sst = x->wb->sst;
    }
    for (size_t i = 0; i < d->n && !w->failed; i++)
        value_row(x, d, NULL, 0, &x->ds->values[d->first + i], w, NULL);
    if (w->failed)
        eg_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "entering the texts of %s", d->name);
    free(w);
    d->n_blocks = (d->n + block - 1) / block;
    d->blocks = eg_xcalloc(d->n_blocks ? d->n_blocks : 1, sizeof *d->blocks);
}

/* Cuts the cells of c into blocks of rows rows each: block b starts at
 * cell first[b], the first cell of its first row. */
static void cut_cells(eg_xcells_sheet *c, size_t rows)
{
    size_t cap = 0, in_block = 0;

    for (size_t i = 0; i < c->n_cells; i++) {
        if (i > 0 && c->cells[i].row == c->cells[i - 1].row)
            continue;
        if (i > 0 && ++in_block < rows)
            continue;
        in_block = 0;
        if (c->n_blocks == cap) {
            cap = cap ? 2 * cap : 16;
            c->first = eg_xrealloc(c->first, cap * sizeof *c->first);
        }
        c->first[c->n_blocks++] = i;
    }
    c->blocks = eg_xcalloc(c->n_blocks ? c->n_blocks : 1, sizeof *c->blocks);
}

struct eg_xrows *eg_xlsx_rows_start(eg_xctx *x)
{
    struct eg_xrows *J = eg_xcalloc(1, sizeof *J);
    int jobs = x->jobs > EG_XLSX_MAX_JOBS ? EG_XLSX_MAX_JOBS : x->jobs;

    J->x = x;
    J->block_rows = block_rows();
    for (size_t s = 0; s < x->n_cell_sheets; s++) {
        cut_cells(&x->cell_sheets[s], J->block_rows);
        J->cell_blocks += x->cell_sheets[s].n_blocks;
    }
    J->n_blocks = J->cell_blocks;
    for (size_t s = 0; s < x->n_data; s++)
        J->n_blocks += x->data[s].n_blocks;
    atomic_init(&J->next, 0);
    atomic_init(&J->failed, 0);
    if ((size_t)jobs > J->n_blocks)
        jobs = (int)J->n_blocks;
    /* with one thread (or none to be had) the rows are made at the end */
    if (jobs > 1)
        for (int t = 0; t < jobs && eg_thread_create(&J->th[t], "eg-xlsx-rows", worker, J) == 0; t++)
            J->started = t + 1;
    return J;
}

int eg_xlsx_rows_finish(struct eg_xrows *J)
{
    int failed;

    if (!J)
        return 0;
    worker(J);                  /* this thread takes what is left */
    for (int t = 0; t < J->started; t++)
        pthread_join(J->th[t], NULL);
    failed = atomic_load(&J->failed);
    free(J);
    return failed ? -1 : 0;
}

void eg_xlsx_rows_free(eg_xdata_sheet *d)
{
    for (size_t k = 0; k < d->n_blocks; k++)
        free(d->blocks[k].z);
    free(d->blocks);
    d->blocks = NULL;
    d->n_blocks = 0;
    shared_free(d->shared);
    d->shared = NULL;
}
