#include "extract/xls_biff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/mem.h"
#include "core/text.h"
#include "extract/cellfmt.h"
#include "extract/filesig.h"
#include "extract/xls_freexl.h"
#include "extract/xls_records.h"

#define ENDOFCHAIN 0xFFFFFFFEu
#define MAX_FILE   ((size_t)256 << 20)   /* an .xls larger than this is no report */

static double rd_double(const unsigned char *p)
{
    uint64_t u = (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
    double d;

    memcpy(&d, &u, sizeof d);
    return d;
}

/* ---- the compound file (MS-CFB) ---------------------------------------- */

typedef struct {
    const unsigned char *f;
    size_t n;
    size_t ss;              /* sector size */
    size_t n_sectors;
    uint32_t *fat;
    size_t n_fat;
} cfb;

static const unsigned char *sector(const cfb *c, uint32_t s)
{
    return s < c->n_sectors ? c->f + ((size_t)s + 1) * c->ss : NULL;
}

/* Set by read_chain when a chain points past the end of the file: the
 * file was cut short rather than damaged. */
static _Thread_local int chain_cut;

/* Concatenates the chain of sectors from start (at most max bytes) into a
 * new buffer; NULL when the chain leaves the file or loops. */
static unsigned char *read_chain(const cfb *c, uint32_t start, size_t max, size_t *got)
{
    unsigned char *out = NULL;
    size_t n = 0, steps = 0;

    for (uint32_t s = start; s != ENDOFCHAIN && n < max; s = c->fat[s]) {
        const unsigned char *p = sector(c, s);

        if (!p || s >= c->n_fat || ++steps > c->n_sectors) {
            chain_cut = s >= c->n_sectors && s < 0xFFFFFFFAu;
            free(out);
            return NULL;
        }
        out = eg_xrealloc(out, n + c->ss);
        memcpy(out + n, p, c->ss);
        n += c->ss;
    }
    *got = n < max ? n : max;
    return out ? out : eg_xmalloc(1);
}

/* The FAT: its sectors are listed in the header (109) and then in a
 * chain of DIFAT sectors. */
static int load_fat(cfb *c, const char **why)
{
    const unsigned char *h = c->f;
    uint32_t n_fat_sectors = rd32(h + 0x2C), difat = rd32(h + 0x44);
    size_t per = c->ss / 4, have = 0, steps = 0;

    if (n_fat_sectors == 0 || n_fat_sectors > c->n_sectors) {
        *why = "bảng cấp phát của tệp bị hỏng";
        return -1;
    }
    c->n_fat = (size_t)n_fat_sectors * per;
    c->fat = eg_xmalloc(c->n_fat * sizeof *c->fat);
    for (size_t i = 0; i < n_fat_sectors; i++) {
        uint32_t s;
        const unsigned char *p;

        if (i < 109) {
            s = rd32(h + 0x4C + 4 * i);
        } else {
            size_t k = (i - 109) % (per - 1);
            const unsigned char *ds = sector(c, difat);

            if (ds && k == 0 && i > 109) {      /* on to the next DIFAT sector */
                difat = rd32(ds + 4 * (per - 1));
                ds = sector(c, difat);
            }
            if (!ds || ++steps > c->n_sectors) {
                *why = "bảng cấp phát của tệp bị hỏng";
                return -1;
            }
            s = rd32(ds + 4 * k);
        }
        p = sector(c, s);
        if (!p) {
            *why = "tệp bị mất phần cuối (bảng cấp phát trỏ ra ngoài cuối tệp)";
            return -1;
        }
        for (size_t k = 0; k < per; k++)
            c->fat[have++] = rd32(p + 4 * k);
    }
    return 0;
}

/* 1 when the directory entry's UTF-16 name is the ASCII word. */
static int entry_named(const unsigned char *e, const char *word)
{
    size_t len = rd16(e + 0x40), n = strlen(word);

    if (len != 2 * (n + 1))
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned ch = rd16(e + 2 * i);

        if (ch > 0x7F || (ch | 0x20) != (unsigned)(word[i] | 0x20))
            return 0;
    }
    return 1;
}

/* The "Workbook" (BIFF8) or "Book" (BIFF5) stream of the compound file. */
static int workbook_stream(const unsigned char *f, size_t n, unsigned char **out, size_t *out_n,
                           const char **why)
{
    cfb c = { f, n, 0, 0, NULL, 0 };
    unsigned char *dir = NULL, *mini = NULL, *minifat = NULL;
    size_t n_dir = 0, n_mini = 0, n_minifat = 0;
    const unsigned char *root = NULL, *wb = NULL;
    uint16_t shift;
    int rc = -1;

    if (n < 512 || eg_file_sig_of(f, n) != EG_SIG_OLE) {
        *why = "tệp không phải tệp Excel 97-2003";
        return -1;
    }
    chain_cut = 0;
    shift = rd16(f + 0x1E);
    if ((shift != 9 && shift != 12) || rd16(f + 0x20) != 6) {
        *why = "phần đầu của tệp bị hỏng";
        return -1;
    }
    c.ss = (size_t)1 << shift;
    c.n_sectors = n / c.ss - 1;
    if (load_fat(&c, why))
        goto done;
    /* The directory: 128-byte entries; the root first, owning the mini
     * stream where streams under the cutoff (4096 bytes) live. */
    dir = read_chain(&c, rd32(f + 0x30), (size_t)c.n_sectors * c.ss, &n_dir);
    if (!dir || n_dir < 128) {
        *why = chain_cut ? "tệp bị mất phần cuối" : "thư mục bên trong tệp bị hỏng";
        goto done;
    }
    root = dir;
    /* A name is at most 32 UTF-16 units (64 bytes with its NUL); FreeXL
     * 1.0.6 converts each entry's name by the length the entry claims,
     * reading up to 64 KiB past the name's 64 bytes. */
    for (size_t e = 0; e + 128 <= n_dir; e += 128)
        if (rd16(dir + e + 0x40) > 64) {
            *why = "thư mục bên trong tệp bị hỏng";
            goto done;
        }
    for (size_t e = 0; e + 128 <= n_dir; e += 128)
        if (dir[e + 0x42] == 2 && (entry_named(dir + e, "Workbook") || entry_named(dir + e, "Book"))) {
            wb = dir + e;
            break;
        }
    if (!wb) {
        *why = "tệp không chứa bảng tính (có thể là loại tệp Office khác?)";
        goto done;
    }
    {
        uint32_t start = rd32(wb + 0x74);
        size_t size = rd32(wb + 0x78);

        if (size > n) {
            *why = "tệp bị mất phần cuối";
            goto done;
        }
        if (size >= rd32(f + 0x38)) {
            size_t got = 0, need = (size + c.ss - 1) / c.ss, k = 0;

            *out = read_chain(&c, start, size, &got);
            if (!*out || got < size) {
                *why = chain_cut || *out ? "tệp bị mất phần cuối" : "luồng dữ liệu bảng tính (Workbook) bị hỏng";
                free(*out);
                *out = NULL;
                goto done;
            }
            /* FreeXL 1.0.6 reads on past the stream's size while its chain
             * goes on: the chain must end where the size does */
            for (uint32_t s = start; s != ENDOFCHAIN && s < c.n_fat && k <= need; s = c.fat[s])
                k++;
            if (k > need) {
                free(*out);
                *out = NULL;
                *why = "bảng cấp phát của tệp bị hỏng";
                goto done;
            }
            *out_n = size;
        } else {
            size_t steps = 0, k = 0;

            mini = read_chain(&c, rd32(root + 0x74), rd32(root + 0x78), &n_mini);
            minifat = read_chain(&c, rd32(f + 0x3C), (size_t)c.n_sectors * c.ss, &n_minifat);
            if (!mini || !minifat) {
                *why = chain_cut ? "tệp bị mất phần cuối" : "bảng cấp phát các luồng dữ liệu nhỏ bị hỏng";
                goto done;
            }
            *out = eg_xmalloc(size + 1);
            for (uint32_t s = start; s != ENDOFCHAIN && k < size; s = rd32(minifat + 4 * s)) {
                size_t take = size - k < 64 ? size - k : 64;

                if ((size_t)s * 64 + 64 > n_mini || (size_t)s * 4 + 4 > n_minifat ||
                    ++steps > n_mini / 64) {
                    free(*out);
                    *out = NULL;
                    *why = "bảng cấp phát các luồng dữ liệu nhỏ bị hỏng";
                    goto done;
                }
                memcpy(*out + k, mini + (size_t)s * 64, take);
                k += take;
            }
            if (k < size) {
                free(*out);
                *out = NULL;
                *why = "tệp bị mất phần cuối";
                goto done;
            }
            /* FreeXL 1.0.6 reads a small workbook as the mini stream's
             * first bytes, whatever its table says: the two must agree */
            if (n_mini < size || memcmp(*out, mini, size) != 0) {
                free(*out);
                *out = NULL;
                *why = "bảng cấp phát các luồng dữ liệu nhỏ bị hỏng";
                goto done;
            }
            *out_n = size;
        }
    }
    rc = 0;
done:
    free(c.fat);
    free(dir);
    free(mini);
    free(minifat);
    return rc;
}

/* ---- BIFF8 records ----------------------------------------------------- */

/* cch characters at p (n bytes there): Latin-1 bytes when !wide, else
 * UTF-16LE; as a new UTF-8 string (what the record holds of it). */
static char *biff_chars(const unsigned char *p, size_t n, size_t cch, int wide)
{
    char *out = eg_xmalloc(cch * 4 + 1);
    size_t o = 0;

    for (size_t i = 0; i < cch; i++) {
        uint32_t cp;

        if (!wide) {
            if (i >= n)
                break;
            cp = p[i];
        } else {
            if (2 * i + 2 > n)
                break;
            cp = rd16(p + 2 * i);
            if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < cch && 2 * i + 4 <= n) {
                uint32_t lo = rd16(p + 2 * i + 2);

                if (lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i++;
                }
            }
            if (cp >= 0xD800 && cp < 0xE000)
                cp = 0xFFFD;
        }
        o += eg_utf8_put(out + o, cp);
    }
    out[o] = '\0';
    return out;
}

typedef struct {
    uint16_t id;
    uint8_t kind;
} fmt_kind;

int eg_biff_open(eg_biff *b, const char *path, const char **why)
{
    struct stat st;
    unsigned char *file;
    FILE *f;
    fmt_kind *fmts = NULL;
    size_t n_fmts = 0;
    uint16_t *xf_fmt = NULL;
    records r;
    int rc = -1;

    memset(b, 0, sizeof *b);
    if (stat(path, &st) != 0 || (size_t)st.st_size > MAX_FILE) {
        *why = "không đọc được toàn bộ tệp";
        return -1;
    }
    f = fopen(path, "rb");
    if (!f) {
        *why = "không mở được tệp";
        return -1;
    }
    file = eg_xmalloc((size_t)st.st_size + 1);
    if (fread(file, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
        fclose(f);
        free(file);
        *why = "không đọc được toàn bộ tệp";
        return -1;
    }
    fclose(f);
    rc = workbook_stream(file, (size_t)st.st_size, &b->stream, &b->n_stream, why);
    free(file);
    if (rc)
        return -1;
    rc = -1;

    /* The globals: a BIFF8 BOF, then the records up to the first EOF. */
    memset(&r, 0, sizeof r);
    r.s = b->stream;
    r.n = b->n_stream;
    if (!next_record(&r) || r.type != 0x0809 || r.len < 2 || rd16(r.data) != 0x0600) {
        *why = "tệp ở định dạng cũ hơn Excel 97 (BIFF8)";
        rc = eg_xls_freexl_refuses(b->stream, b->n_stream, 0, why) ? -1 : -2;
        goto done;
    }
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
            if (r.len >= 8) {
                eg_biff_sheet *sh;

                b->sheets = eg_xrealloc(b->sheets, (b->n_sheets + 1) * sizeof *b->sheets);
                sh = &b->sheets[b->n_sheets++];
                sh->offset = rd32(d);
                sh->hidden = (d[4] & 3) != 0;
                sh->worksheet = d[5] == 0;
                sh->name = biff_chars(d + 8, r.len - 8, d[6], d[7] & 1);
            }
            break;
        case 0x041E:                               /* FORMAT */
            if (r.len >= 5) {
                char *code = biff_chars(d + 5, r.len - 5, rd16(d + 2), d[4] & 1);

                fmts = eg_xrealloc(fmts, (n_fmts + 1) * sizeof *fmts);
                fmts[n_fmts].id = rd16(d);
                fmts[n_fmts++].kind = (uint8_t)eg_cellfmt_code(code);
                free(code);
            }
            break;
        case 0x00E0:                               /* XF */
            if (r.len >= 4) {
                xf_fmt = eg_xrealloc(xf_fmt, (b->n_xf + 1) * sizeof *xf_fmt);
                xf_fmt[b->n_xf++] = rd16(d + 2);
            }
            break;
        default:
            break;
        }
    }
    /* Each XF's kind: its FORMAT record's code when the workbook has one
     * for the id (it may redefine a built-in), else the built-in's. */
    b->xf_kind = eg_xcalloc(b->n_xf, 1);
    for (size_t i = 0; i < b->n_xf; i++) {
        int kind = -1;

        for (size_t k = 0; k < n_fmts; k++)
            if (fmts[k].id == xf_fmt[i])
                kind = fmts[k].kind;
        b->xf_kind[i] = (uint8_t)(kind >= 0 ? kind : (int)eg_cellfmt_builtin(xf_fmt[i]));
    }
    rc = b->encrypted ? 0 : eg_xls_freexl_refuses(b->stream, b->n_stream, 1, why);
done:
    free(fmts);
    free(xf_fmt);
    if (rc)
        eg_biff_free(b);
    return rc;
}

static eg_biff_cell *add_cell(eg_biff *b, size_t *cap, unsigned row, unsigned col, int what,
                              unsigned xf)
{
    eg_biff_cell *c;

    if (b->n_cells == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        b->cells = eg_xrealloc(b->cells, *cap * sizeof *b->cells);
    }
    c = &b->cells[b->n_cells++];
    memset(c, 0, sizeof *c);
    c->row = (uint16_t)row;
    c->col = (uint16_t)col;
    c->what = (uint8_t)what;
    c->kind = xf < b->n_xf ? b->xf_kind[xf] : EG_CELL_NUMBER;
    return c;
}

static int cmp_cells(const void *a, const void *b)
{
    const eg_biff_cell *x = a, *y = b;

    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* A FORMULA record's saved result (MS-XLS 2.5.133 FormulaValue); 1 when
 * the text is in the STRING record that follows (the cell added last). */
static int formula_cell(eg_biff *b, size_t *cap, const unsigned char *d, size_t len)
{
    eg_biff_cell *c;

    if (len < 14)
        return 0;
    if (rd16(d + 12) != 0xFFFF) {
        c = add_cell(b, cap, rd16(d), rd16(d + 2), EG_BIFF_NUM, rd16(d + 4));
        c->num = rd_double(d + 6);
        return 0;
    }
    switch (d[6]) {
    case 0:                     /* text: in the STRING record that follows */
        add_cell(b, cap, rd16(d), rd16(d + 2), EG_BIFF_NONE, rd16(d + 4));
        return 1;
    case 1:
        c = add_cell(b, cap, rd16(d), rd16(d + 2), EG_BIFF_BOOL, rd16(d + 4));
        c->value = d[8] != 0;
        break;
    case 2:
        c = add_cell(b, cap, rd16(d), rd16(d + 2), EG_BIFF_ERROR, rd16(d + 4));
        c->value = d[8];
        break;
    default:                    /* 3: an empty text */
        c = add_cell(b, cap, rd16(d), rd16(d + 2), EG_BIFF_STR, rd16(d + 4));
        c->str = eg_xstrdup("");
        break;
    }
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

/* A number cell (NUMBER, RK, MULRK) is kept when its format changes what
 * FreeXL gives: a percent (FreeXL gives the fraction alone), a date or a
 * time (FreeXL gives the date's text alone, and its number is kept). */
static void number_cell(eg_biff *b, size_t *cap, unsigned row, unsigned col, unsigned xf, double x)
{
    eg_biff_cell *c;

    if (xf >= b->n_xf || b->xf_kind[xf] == EG_CELL_NUMBER)
        return;
    c = add_cell(b, cap, row, col, EG_BIFF_KIND, xf);
    c->num = x;
}

/* Rows in order (qsort). */
static int cmp_u16(const void *a, const void *b)
{
    uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;

    return (x > y) - (x < y);
}

int eg_biff_read_sheet(eg_biff *b, size_t i, const char **why)
{
    records r;
    size_t cap = 0;
    int depth = 0;
    size_t pending = SIZE_MAX;      /* the formula cell awaiting its STRING */

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
    while (next_record(&r)) {
        const unsigned char *d = r.data;
        size_t len = r.len;

        if (r.type == 0x0809) {
            depth++;
            continue;
        }
        if (r.type == 0x000A) {
            if (--depth <= 0)
                break;
            continue;
        }
        if (depth != 1)
            continue;
        switch (r.type) {
        case 0x0203:                               /* NUMBER: row, col, xf, double */
            if (len >= 14)
                number_cell(b, &cap, rd16(d), rd16(d + 2), rd16(d + 4), rd_double(d + 6));
            break;
        case 0x027E:                               /* RK: row, col, xf, rk */
            if (len >= 10)
                number_cell(b, &cap, rd16(d), rd16(d + 2), rd16(d + 4), rk_number(rd32(d + 6)));
            break;
        case 0x00BD:                               /* MULRK: (xf, rk) pairs */
            for (size_t k = 4; len >= 6 && k + 6 <= len - 2; k += 6)
                number_cell(b, &cap, rd16(d), rd16(d + 2) + (unsigned)(k - 4) / 6, rd16(d + k),
                            rk_number(rd32(d + k + 2)));
            break;
        case 0x0006:                               /* FORMULA */
            pending = formula_cell(b, &cap, d, len) ? b->n_cells - 1 : SIZE_MAX;
            break;
        case 0x0207:                               /* STRING */
            if (pending < b->n_cells && len >= 3 && !b->cells[pending].str) {
                b->cells[pending].what = EG_BIFF_STR;
                b->cells[pending].str = biff_chars(d + 3, len - 3, rd16(d), d[2] & 1);
            }
            pending = SIZE_MAX;
            break;
        case 0x0205:                               /* BOOLERR */
            if (len >= 8) {
                eg_biff_cell *c = add_cell(b, &cap, rd16(d), rd16(d + 2),
                                           d[7] ? EG_BIFF_ERROR : EG_BIFF_BOOL, rd16(d + 4));

                c->value = d[6];
            }
            break;
        case 0x0208:                               /* ROW: bit 5 of its flags, hidden */
            if (len >= 16 && (rd16(d + 12) & 0x20) && b->n_hidden_rows < 65536) {
                b->hidden_rows = eg_xrealloc(b->hidden_rows,
                                             (b->n_hidden_rows + 1) * sizeof *b->hidden_rows);
                b->hidden_rows[b->n_hidden_rows++] = rd16(d);
            }
            break;
        case 0x00E5:                               /* MERGEDCELLS: (rows, columns) ranges */
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
    }
    if (depth > 0) {
        *why = "trang tính bị mất phần cuối";
        return -1;
    }
    if (b->n_cells > 1)
        qsort(b->cells, b->n_cells, sizeof *b->cells, cmp_cells);
    if (b->n_hidden_rows > 1)
        qsort(b->hidden_rows, b->n_hidden_rows, sizeof *b->hidden_rows, cmp_u16);
    eg_merges_sort(&b->merges);
    return 0;
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
    for (size_t i = 0; i < b->n_sheets; i++)
        free(b->sheets[i].name);
    for (size_t i = 0; i < b->n_cells; i++)
        free(b->cells[i].str);
    free(b->sheets);
    free(b->cells);
    free(b->hidden_rows);
    free(b->xf_kind);
    free(b->stream);
    eg_merges_free(&b->merges);
    memset(b, 0, sizeof *b);
}
