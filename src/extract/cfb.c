#include "extract/cfb.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/mem.h"
#include "extract/filesig.h"
#include "extract/xls_records.h"

#define ENDOFCHAIN 0xFFFFFFFEu

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
 * chain of DIFAT sectors, followed for as many sectors as the header
 * counts (at most the file's), so a DIFAT chain that loops ends too. */
static int load_fat(cfb *c, const char **why)
{
    const unsigned char *h = c->f;
    uint32_t n_fat_sectors = rd32(h + 0x2C), difat = rd32(h + 0x44);
    size_t per = c->ss / 4, have = 0;

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
            if (!ds) {
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

/* The stream named word among the root's own entries (MS-CFB 2.6: the
 * root's child and, from it, the left and right siblings, a tree), not one
 * of a storage under it (an object embedded in the workbook, "MBD...",
 * holds streams of its own, a "Workbook" among them); NULL when none.  An
 * entry is visited once, so a tree that loops ends. */
static const unsigned char *root_stream(const unsigned char *dir, size_t n_dir, const char *word)
{
    size_t n = n_dir / 128, top = 0;
    uint32_t *stack = eg_xmalloc((2 * n + 1) * sizeof *stack);
    unsigned char *seen = eg_xcalloc(n ? n : 1, 1);
    const unsigned char *found = NULL;

    stack[top++] = rd32(dir + 0x4C);
    while (top > 0 && !found) {
        uint32_t id = stack[--top];
        const unsigned char *e;

        if (id >= n || seen[id])
            continue;
        seen[id] = 1;
        e = dir + (size_t)id * 128;
        if (e[0x42] == 2 && entry_named(e, word))
            found = e;
        stack[top++] = rd32(e + 0x44);
        stack[top++] = rd32(e + 0x48);
    }
    free(stack);
    free(seen);
    return found;
}

/* The stream of the compound file f[0..n) (with zero bytes readable past
 * n up to a whole sector) named by the first of names it holds. */
static int named_stream(const unsigned char *f, size_t n, const char *const names[],
                        unsigned char **out, size_t *out_n, const char **why)
{
    cfb c = { f, n, 0, 0, NULL, 0 };
    unsigned char *dir = NULL, *mini = NULL, *minifat = NULL;
    size_t n_dir = 0, n_mini = 0, n_minifat = 0;
    const unsigned char *root = NULL, *wb = NULL;
    uint16_t shift;
    int rc = -1;

    if (eg_file_sig_of(f, n) != EG_SIG_OLE) {
        *why = "tệp không phải tệp Excel 97-2003";
        return -1;
    }
    if (n < 512) {  /* the signature, then less than a header: cut short */
        *why = "tệp bị mất phần cuối";
        return -1;
    }
    chain_cut = 0;
    shift = rd16(f + 0x1E);
    if ((shift != 9 && shift != 12) || rd16(f + 0x20) != 6) {
        *why = "phần đầu của tệp bị hỏng";
        return -1;
    }
    c.ss = (size_t)1 << shift;
    /* the header takes a whole sector (4,096 bytes in a version 4 file):
     * a file shorter than it and one sector more has no sector to read */
    if (n / c.ss < 2) {
        *why = "tệp bị mất phần cuối";
        return -1;
    }
    /* a last sector short of its end (a size no whole number of sectors,
     * as some programs write it) is read with zeros after the file's
     * bytes: f holds 4,096 zero bytes past n */
    c.n_sectors = (n - c.ss + c.ss - 1) / c.ss;
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
    /* A name is at most 32 UTF-16 units (64 bytes with its NUL): an entry
     * claiming more is damaged. */
    for (size_t e = 0; e + 128 <= n_dir; e += 128)
        if (rd16(dir + e + 0x40) > 64) {
            *why = "thư mục bên trong tệp bị hỏng";
            goto done;
        }
    /* The first of the names the file holds: the root's own, down its
     * tree; where the tree is broken, the first entry of the name. */
    for (size_t i = 0; names[i] && !wb; i++)
        wb = root_stream(dir, n_dir, names[i]);
    for (size_t i = 0; names[i] && !wb; i++)
        for (size_t e = 0; e + 128 <= n_dir && !wb; e += 128)
            if (dir[e + 0x42] == 2 && entry_named(dir + e, names[i]))
                wb = dir + e;
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
            size_t got = 0;

            *out = read_chain(&c, start, size, &got);
            if (!*out || got < size) {
                *why = chain_cut || *out ? "tệp bị mất phần cuối" : "luồng dữ liệu bảng tính (Workbook) bị hỏng";
                free(*out);
                *out = NULL;
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

int eg_cfb_read(const char *path, const char *const names[], unsigned char **out, size_t *out_n,
                const char **why)
{
    struct stat st;
    unsigned char *file;
    FILE *f;
    int rc;

    *out = NULL;
    *out_n = 0;
    if (stat(path, &st) != 0) {
        *why = "không đọc được toàn bộ tệp";
        return -2;
    }
    if ((unsigned long long)st.st_size > EG_CFB_MAX_FILE) {
        *why = "tệp lớn hơn 256 MiB, mức đọc được của một tệp Excel 97-2003";
        return -1;
    }
    f = fopen(path, "rb");
    if (!f) {
        *why = "không mở được tệp";
        return -2;
    }
    file = eg_xcalloc((size_t)st.st_size + 4096, 1);    /* a last sector cut short: zeros */
    if (fread(file, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
        /* the system's failure (errno), or a file cut shorter since
         * its size was read */
        int failed = ferror(f), err = errno;

        fclose(f);
        free(file);
        *why = "không đọc được toàn bộ tệp";
        errno = err;
        return failed ? -2 : -1;
    }
    fclose(f);
    rc = named_stream(file, (size_t)st.st_size, names, out, out_n, why);
    free(file);
    return rc;
}
