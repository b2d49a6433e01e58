/*
 * fuzz.h - shared by the libFuzzer targets (tests/fuzz/fuzz_*.c) and by the
 * replay of their corpora in the unit tests (tests/unit/test_fuzz_corpus.c).
 *
 * Each target is one file defining LLVMFuzzerTestOneInput; the replay
 * includes them all into one program with that name renamed, so the
 * targets keep their helpers static and prefixed.  Paths are relative to
 * the top of the source tree, where `make fuzz` and the tests run.
 */
#ifndef EG_FUZZ_H
#define EG_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
#include "extract/row.h"
#include "extract/table.h"

/* The layouts and a small year of inputs the targets start from. */
#define FUZZ_LAYOUTS "layouts"
#define FUZZ_YEAR_DIR "tests/cases/small-2021/input/2021"

/* A scratch folder for this process, removed at exit. */
static char fuzz_dir_path[64];

static void fuzz_dir_remove(void)
{
    char *cmd;

    if (!fuzz_dir_path[0])
        return;
    cmd = eg_xasprintf("rm -rf '%s'", fuzz_dir_path);
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz: cannot remove %s\n", fuzz_dir_path);
    free(cmd);
}

static const char *fuzz_dir(void)
{
    if (!fuzz_dir_path[0]) {
        const char *tmp = getenv("TMPDIR");

        snprintf(fuzz_dir_path, sizeof fuzz_dir_path, "%s/egfuzz.XXXXXX",
                 tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
        if (!mkdtemp(fuzz_dir_path)) {
            perror("fuzz: mkdtemp");
            abort();
        }
        atexit(fuzz_dir_remove);
    }
    return fuzz_dir_path;
}

/* Writes data[0..size) to name in the scratch folder; returns its path
 * (a new string). */
static char *fuzz_write(const char *name, const uint8_t *data, size_t size)
{
    char *path = eg_xasprintf("%s/%s", fuzz_dir(), name);
    FILE *f = fopen(path, "wb");

    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror(path);
        abort();
    }
    return path;
}

/* Copies the file at from to name in the scratch folder. */
__attribute__((unused)) static void fuzz_copy(const char *from, const char *name)
{
    FILE *f = fopen(from, "rb");
    uint8_t *buf = NULL;
    size_t n = 0, cap = 0, k;

    if (!f) {
        perror(from);
        abort();
    }
    do {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            buf = eg_xrealloc(buf, cap);
        }
        k = fread(buf + n, 1, cap - n, f);
        n += k;
    } while (k > 0);
    fclose(f);
    free(fuzz_write(name, buf, n));
    free(buf);
}

/* ---- a submission's table, for the workbook targets ---------------------- */

/* Its columns: unit, indicator, value, note. */
#define FUZZ_ROLES 4

__attribute__((unused)) static void fuzz_submission_columns(eg_colspec spec[FUZZ_ROLES])
{
    static const char *const unit[] = { "Mã đơn vị", NULL }, *const ind[] = { "Mã chỉ tiêu", NULL },
                             *const val[] = { "Giá trị", NULL }, *const note[] = { "Ghi chú", NULL };

    eg_colspec_set(&spec[0], "unit_code", 1, unit);
    eg_colspec_set(&spec[1], "indicator", 1, ind);
    eg_colspec_set(&spec[2], "value", 1, val);
    eg_colspec_set(&spec[3], "note", 0, note);
}

/* The table's records (ctx: a size_t adding up what was seen): a record's
 * merged range must hold the record's cell. */
__attribute__((unused)) static int fuzz_on_record(void *ctx, const eg_record *rec)
{
    size_t *n = ctx;

    for (size_t r = 0; r < FUZZ_ROLES; r++) {
        const eg_merge *g = rec->merged[r];

        *n += strlen(rec->field[r]);
        if (g && (rec->row < g->first_row || rec->row > g->last_row ||
                  rec->col[r] < g->first_col || rec->col[r] > g->last_col))
            abort();
    }
    return 0;
}

/* The other sheets' first rows (a workbook's probe): each must name its
 * sheet and come within the probes' rows of EG_PROBE_SHEETS sheets; a
 * header found stops it. */
typedef struct {
    eg_table *table;
    long rows;
    size_t found;
} fuzz_probe_state;

__attribute__((unused)) static int fuzz_probe(void *ctx, const eg_row *row)
{
    fuzz_probe_state *p = ctx;

    if (!row->sheet || ++p->rows > EG_PROBE_SHEETS * EG_PROBE_ROWS)
        abort();
    if (eg_table_is_header(p->table, row)) {
        p->found++;
        return 1;
    }
    return 0;
}

#endif
