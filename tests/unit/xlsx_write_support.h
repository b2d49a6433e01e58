/*
 * xlsx_write_support.h - what the tests of the workbook writer share
 * (test_xlsx_write.c, test_xlsx_summary.c, test_xlsx_rank.c,
 * test_xlsx_splice.c): a fixture of the layouts, a
 * small year (four units, one of each level, with a few counts, and more
 * units on request) and its results in a fresh mkdtemp() folder; values
 * placed as the acceptor places them; the workbook written and read back
 * part by part.  The helpers are static inline so a test file may leave
 * some unused.
 */
#ifndef EG_TEST_XLSX_WRITE_SUPPORT_H
#define EG_TEST_XLSX_WRITE_SUPPORT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include <zip.h>
#include <zlib.h>

#include "core/diag.h"
#include "core/mem.h"
#include "layout/layout.h"
#include "normalize/figures.h"
#include "write/xlsx.h"

#include "support.h"

typedef struct {
    eg_layouts L;
    eg_dataset ds;
    eg_results res;
    char dir[64];
} fixture;

/* A unit of the registry that has sent its file. */
static inline void add_unit(eg_dataset *ds, const char *code, const char *name, eg_level level,
                     int parent)
{
    eg_test_add_unit(ds, code, name, level, parent)->submitted = 1;
}

/* A value of unit u, placed in the dataset as the acceptor would. */
static inline void add_value(fixture *f, int u, const char *code, int64_t i, double d,
                      const char *text, const char *note)
{
    eg_dataset *ds = &f->ds;
    int k = eg_catalogue_find(&f->L.cat, code);
    eg_value *v;

    assert_true(k >= 0);
    ds->values = eg_xrealloc(ds->values, (ds->n_values + 1) * sizeof *ds->values);
    v = &ds->values[ds->n_values];
    memset(v, 0, sizeof *v);
    v->unit = u;
    v->indicator = k;
    v->i = i;
    v->d = d;
    v->text = eg_dataset_keep(ds, text);
    v->note = note ? eg_dataset_keep(ds, note) : NULL;
    v->file = 0;
    v->row = (long)ds->n_values + 2;
    v->col = 3;
    ds->cell[(size_t)u * ds->n_indicators + (size_t)k] = (int32_t)ds->n_values;
    ds->n_values++;
}

static inline void add_count(fixture *f, int u, const char *code, int64_t n, const char *note)
{
    add_value(f, u, code, n, (double)n, "1", note);
}

/* The fixture: four units, one of each level, with a few counts; and
 * extra more communes and districts, taking turns, with counts, texts and
 * options of their own. */
static inline int fixture_make(void **state, int extra)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    if (eg_test_load_layouts(&f->L) != 0) {
        free(f);
        return -1;
    }
    strcpy(f->dir, "/tmp/egreport-xlsx-XXXXXX");
    if (!mkdtemp(f->dir)) {
        eg_layouts_free(&f->L);
        free(f);
        return -1;
    }
    f->ds.year = 2021;
    add_unit(&f->ds, "KT", "Tỉnh Kon Tum", EG_LEVEL_TINH, -1);
    add_unit(&f->ds, "KT.STP", "=HYPERLINK(\"http://x\",\"y\")", EG_LEVEL_SO, 0);
    add_unit(&f->ds, "KT.DHA", "Huyện Đăk Hà", EG_LEVEL_HUYEN, 0);
    add_unit(&f->ds, "KT.DHA.01", "@SUM(A1)", EG_LEVEL_XA, 2);
    for (int i = 0; i < extra; i++) {
        char code[32], name[64];

        snprintf(code, sizeof code, "KT.X%02d", i);
        snprintf(name, sizeof name, i % 3 ? "Xã số %d" : " Đơn vị <%d> & ", i);
        add_unit(&f->ds, code, name, i % 2 ? EG_LEVEL_XA : EG_LEVEL_HUYEN, i % 2 ? 2 : 0);
    }
    f->ds.n_indicators = f->L.cat.n;
    f->ds.cell = eg_xmalloc(f->ds.registry.n * f->ds.n_indicators * sizeof *f->ds.cell);
    for (size_t i = 0; i < f->ds.registry.n * f->ds.n_indicators; i++)
        f->ds.cell[i] = -1;
    f->ds.files = eg_xcalloc(1, sizeof *f->ds.files);
    f->ds.files[0].path = eg_xstrdup("submissions/=1+1.csv");
    f->ds.n_files = 1;
    add_count(f, 1, "ht.cbcc", 45, "=1+1");
    add_count(f, 1, "ht.cbcc_may_tinh", 43, "+1+1");
    add_count(f, 2, "ht.cbcc", 120, "-2");
    add_count(f, 2, "ht.cbcc_may_tinh", 100, NULL);
    add_count(f, 3, "ht.cbcc", 20, "@SUM(A1)");
    add_count(f, 3, "ht.cbcc_may_tinh", 15, NULL);
    for (int i = 0; i < extra; i++) {
        int u = 4 + i;

        if (i % 4 == 3)
            continue;                   /* a unit without values: blanks */
        add_count(f, u, "ht.cbcc", 10 + i, NULL);
        add_count(f, u, "ht.cbcc_may_tinh", i, NULL);
        if (i % 2)
            add_value(f, u, "ht.mo_hinh_mot_cua", i % 3 ? 0 : 99, 0,
                      i % 3 ? "x" : "  khác\x01 ", NULL);
    }
    eg_results_compute(&f->res, &f->L, &f->ds);
    *state = f;
    return 0;
}

static inline int fixture_setup(void **state)
{
    return fixture_make(state, 0);
}

static inline int many_units_setup(void **state)
{
    return fixture_make(state, 11);
}

/* The fixture, and values whose cells are the hard ones to write: text
 * with control characters, white space at either end, &, < and >, invalid
 * UTF-8, past Excel's length; numbers that are not whole, negative, tiny,
 * huge, not finite; an option code, an option out of range (its text),
 * one just past the last option, yes/no, money, a percentage; an empty
 * note (no cell), a lone '>' and a backspace; values from row 1, from no
 * row and from no file. */
static inline int nasty_setup(void **state)
{
    static char long_note[40000];
    static const char *const notes[] = {
        "a\x01" "b\x1f", " lead", "trail ", "\tx", "x\n", "\rx", "x\r", "&<>\"'", "\xC3" "(bad",
        "_x0041_", "đơn vị\x0b" "cấp", "\x7f", "b\x08", "x>y", "", NULL
    };
    static const double scores[] = {
        1.0 / 3, -2.5, 1e-7, 1e17, 1e16, 9999999999999998.0, -0.0, 0.1, 123456.789,
        9100000000000000.0, -9100000000000000.0
    };
    fixture *f;
    int pct, opt;

    if (fixture_setup(state) != 0)
        return -1;
    f = *state;
    memset(long_note, 'y', sizeof long_note - 1);
    memcpy(long_note + 100, "Đắk Lắk", strlen("Đắk Lắk"));
    for (size_t i = 0; notes[i]; i++)
        add_count(f, (int)(i % 4), "ht.bdvhx", (int64_t)i - 3, notes[i]);
    add_count(f, 1, "ht.bdvhx", 7, long_note);
    for (size_t i = 0; i < sizeof scores / sizeof *scores; i++)
        add_value(f, 2, "diem.san_sang", 0, scores[i], "x", NULL);
    add_value(f, 3, "diem.hien_dien", 0, 0.0 / 0.0, "nan", NULL);
    add_value(f, 3, "ht.mo_hinh_mot_cua", 0, 0, "x", " option ");
    add_value(f, 2, "ht.mo_hinh_mot_cua", 99, 0, " <b>not an option</b>&", NULL);
    opt = eg_catalogue_find(&f->L.cat, "ht.mo_hinh_mot_cua");
    assert_true(opt >= 0);
    add_value(f, 1, "ht.mo_hinh_mot_cua", (int64_t)f->L.cat.items[opt].n_options, 0,
              "one past the options", NULL);
    /* a value from row 1 of a file, one from no row, one from no file */
    add_count(f, 0, "ht.bdvhx", 11, NULL);
    f->ds.values[f->ds.n_values - 1].row = 1;
    add_count(f, 1, "ht.bdvhx", 12, NULL);
    f->ds.values[f->ds.n_values - 1].row = 0;
    add_count(f, 2, "ht.bdvhx", 13, NULL);
    f->ds.values[f->ds.n_values - 1].file = -1;
    add_value(f, 1, "ht.lan_internet", 1, 1, "có", NULL);
    add_value(f, 0, "dt.kinh_phi_cntt", 1234567890123LL, 1234567890123.0, "x", NULL);
    pct = eg_catalogue_find(&f->L.cat, "diem.tuong_tac");
    assert_true(pct >= 0);
    f->L.cat.items[pct].type = EG_TYPE_PERCENT;
    add_value(f, 2, "diem.tuong_tac", 0, 84.04, "84,04", NULL);
    add_value(f, 3, "diem.tuong_tac", 0, 100.0 / 3, "33,3", NULL);
    add_value(f, 1, "diem.tuong_tac", 0, 1.0 / 0.0, "inf", NULL);  /* a blank with its format */
    return 0;
}

static inline int fixture_teardown(void **state)
{
    fixture *f = *state;
    char *cmd = eg_xasprintf("rm -rf '%s'", f->dir);

    if (system(cmd) != 0)
        print_error("cannot remove %s\n", f->dir);
    free(cmd);
    eg_results_free(&f->res);
    eg_dataset_free(&f->ds);
    eg_layouts_free(&f->L);
    free(f);
    unsetenv("EGREPORT_XLSX_ROWS_PER_SHEET");
    unsetenv("EGREPORT_XLSX_STREAM_VALUES");
    unsetenv("EGREPORT_XLSX_LXW_ROWS");
    unsetenv("EGREPORT_XLSX_BLOCK_ROWS");
    return 0;
}

static inline char *slurp(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    char *buf;
    long len;

    *n = 0;
    assert_non_null(fp);
    assert_int_equal(fseek(fp, 0, SEEK_END), 0);
    len = ftell(fp);
    rewind(fp);
    buf = eg_xmalloc((size_t)len + 1);
    assert_int_equal(fread(buf, 1, (size_t)len, fp), (size_t)len);
    fclose(fp);
    *n = (size_t)len;
    return buf;
}

/* Writes the fixture's workbook to dir/name; returns its bytes. */
static inline char *write_workbook(fixture *f, const char *name, size_t *n)
{
    eg_diag_list dl = { 0 };
    char *path = eg_xasprintf("%s/%s", f->dir, name);
    char *bytes;
    int rc = eg_xlsx_write(path, &f->ds, &f->L, &f->res, NULL, 1600000000, NULL, &dl);

    if (rc != 0)
        fail_msg("eg_xlsx_write: %s", dl.n ? dl.items[0].message : "?");
    assert_int_equal(dl.n, 0);
    bytes = slurp(path, n);
    assert_true(*n > 4000 && memcmp(bytes, "PK\003\004", 4) == 0);
    free(path);
    eg_diag_free(&dl);
    return bytes;
}

/* Every part of the workbook at path, inflated, in archive order, each as
 * its name, a NUL, its size and its bytes; each part's CRC checked. */
static inline char *parts_of(const char *path, size_t *n)
{
    int err = 0;
    zip_t *za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    char *out = NULL;
    size_t len = 0;

    if (!za)
        fail_msg("%s is not a zip archive that libzip accepts (%d)", path, err);
    for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0); i++) {
        zip_stat_t st;
        zip_file_t *zf;
        size_t name_len;

        assert_int_equal(zip_stat_index(za, (zip_uint64_t)i, 0, &st), 0);
        name_len = strlen(st.name) + 1;
        out = eg_xrealloc(out, len + name_len + sizeof st.size + st.size + 1);
        memcpy(out + len, st.name, name_len);
        memcpy(out + len + name_len, &st.size, sizeof st.size);
        len += name_len + sizeof st.size;
        zf = zip_fopen_index(za, (zip_uint64_t)i, 0);
        assert_non_null(zf);
        assert_int_equal(zip_fread(zf, out + len, st.size + 1), (zip_int64_t)st.size);
        assert_int_equal(zip_fclose(zf), 0);
        /* the CRC the archive gives, which libzip (1.7) does not check */
        assert_true(st.valid & ZIP_STAT_CRC);
        assert_int_equal(crc32(0L, (const Bytef *)out + len, (uInt)st.size), st.crc);
        len += st.size;
    }
    zip_discard(za);
    *n = len;
    return out;
}

/* Part `name` of the parts parts_of made (n bytes), as a string; NULL
 * when there is none.  *len gets its size. */
static inline const char *part_named(const char *parts, size_t n, const char *name, size_t *len)
{
    const char *p = parts, *end = parts + n;

    *len = 0;
    while (p < end) {
        size_t name_len = strlen(p) + 1;
        zip_uint64_t size;

        memcpy(&size, p + name_len, sizeof size);
        if (strcmp(p, name) == 0) {
            *len = (size_t)size;
            return p + name_len + sizeof size;
        }
        p += name_len + sizeof size + size;
    }
    return NULL;
}

/* The parts (parts_of) of the workbook written to dir/name from the
 * fixture's values as they are now, its results computed again. */
static inline char *parts_written(fixture *f, const char *name, size_t *n)
{
    char *path = eg_xasprintf("%s/%s", f->dir, name), *parts;

    eg_results_free(&f->res);
    eg_results_compute(&f->res, &f->L, &f->ds);
    free(write_workbook(f, name, n));
    parts = parts_of(path, n);
    free(path);
    return parts;
}

/* Part name of the parts written, which must be there. */
static inline const char *part_required(const char *parts, size_t n, const char *name,
                                        size_t *len)
{
    const char *p = part_named(parts, n, name, len);

    if (!p)
        fail_msg("the workbook has no %s", name);
    return p;
}

/* A workbook of one sheet with `rows` rows of 11 cells of "x", written by
 * libxlsxwriter as dir/name; its path. */
static inline char *lxw_book(const char *dir, const char *name, int rows)
{
    char *path = eg_xasprintf("%s/%s", dir, name);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "S");

    for (int r = 0; r < rows; r++)
        for (int c = 0; c < 11; c++)
            worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, "x", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    return path;
}

/* The text of the cell ref (a shared string) of sheet; "" when it is not
 * there or not a shared string. */
static inline const char *shared_text(const char *sheet, size_t len, const char *strings, size_t slen,
                               const char *ref, char *out, size_t size)
{
    char at[32];
    const char *c, *end = strings + slen, *t, *e;
    long idx;

    out[0] = '\0';
    snprintf(at, sizeof at, "<c r=\"%s\"", ref);
    c = memmem(sheet, len, at, strlen(at));
    if (!c || !(t = memchr(c, '>', len - (size_t)(c - sheet))) ||
        !memmem(c, (size_t)(t - c), "t=\"s\"", 5) || strncmp(t, "><v>", 4) != 0)
        return out;
    idx = strtol(t + 4, NULL, 10);
    t = strings;
    for (long k = 0; k <= idx; k++)
        if (!(t = memmem(t, (size_t)(end - t), "<si>", 4)) || (t += 4) >= end)
            return out;
    if (!(t = memmem(t, (size_t)(end - t), "<t", 2)) || !(t = memchr(t, '>', (size_t)(end - t))))
        return out;
    t++;
    if (!(e = memmem(t, (size_t)(end - t), "</t>", 4)))
        return out;
    snprintf(out, size, "%.*s", (int)(e - t), t);
    return out;
}

#define HAS(p, n, lit) assert_non_null(memmem((p), (n), (lit), sizeof(lit) - 1))

#endif
