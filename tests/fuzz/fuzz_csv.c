/*
 * fuzz_csv.c - the CSV extractor: delimiter and header detection, quoting,
 * BOMs, encodings, the caps; and the year folder's own files (units.csv,
 * report.csv) read through it.
 *
 * The first byte chooses what is done with the rest:
 *   0  a submission table with the default caps
 *   1  the same with tiny caps (cell 64 bytes, 8 cells, 16 rows)
 *   2  raw rows with ';' as the delimiter, no header detection
 *   3  units.csv of a year folder (the registry)
 *   4  report.csv of a year folder (the report's facts)
 *   5  a submission file read as a build reads it (its rows to values,
 *      a row whose quoting was refused among them)
 */
#include "fuzz.h"

#include "core/model.h"
#include "extract/csv.h"
#include "extract/registry.h"
#include "extract/submissions.h"
#include "extract/table.h"
#include "layout/layout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t csv_touch(const char *s)
{
    return strlen(s);
}

static int csv_on_record(void *ctx, const eg_record *rec)
{
    size_t *n = ctx;

    for (size_t r = 0; r < EG_MAX_ROLES && rec->field[r]; r++)
        *n += csv_touch(rec->field[r]);
    return 0;
}

static int csv_on_value(void *ctx, const eg_raw_value *rv)
{
    size_t *n = ctx;

    *n += csv_touch(rv->unit) + csv_touch(rv->indicator) + csv_touch(rv->value) +
          csv_touch(rv->note) + csv_touch(rv->value_next) + (size_t)rv->value_error;
    return 0;
}

static int csv_on_row(void *ctx, const eg_row *row)
{
    size_t *n = ctx;

    for (size_t i = 0; i < row->n; i++)
        *n += csv_touch(row->fields[i]);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static eg_layouts L;
    static int ready;
    eg_diag_list dl = { 0 };
    eg_limits lim = { 0 };
    size_t seen = 0;
    int mode;
    char *path;

    if (!ready) {
        eg_diag_list ldl = { 0 };

        if (eg_layouts_load(&L, FUZZ_LAYOUTS, &ldl) != 0) {
            eg_diag_print(&ldl, stderr, EG_WARNING);
            abort();
        }
        eg_diag_free(&ldl);
        ready = 1;
    }
    if (size == 0)
        return 0;
    mode = data[0] % 6;
    data++;
    size--;

    if (mode <= 2) {
        path = fuzz_write("fuzz.csv", data, size);
        if (mode == 1) {
            lim.max_field = 64;
            lim.max_fields = 8;
            lim.max_rows = 16;
        }
        if (mode == 2)
            eg_csv_read(path, "fuzz.csv", ';', NULL, NULL, NULL, csv_on_row, &seen, &lim, &dl);
        else
            eg_table_read_csv(path, "fuzz.csv", L.columns, EG_COL_COUNT, csv_on_record, &seen,
                              &lim, "E_NO_HEADER", &dl);
    } else {
        eg_dataset ds;

        memset(&ds, 0, sizeof ds);
        ds.year = 2021;
        ds.year_dir = eg_xstrdup(fuzz_dir());
        if (mode == 5) {
            int file;

            path = fuzz_write("fuzz.csv", data, size);
            file = eg_submission_add(&ds, path, "submissions/fuzz.csv", &dl);
            if (file >= 0)
                eg_submission_read(&ds, file, L.columns, csv_on_value, &seen, &lim, &dl);
        } else if (mode == 3) {
            path = fuzz_write("units.csv", data, size);
            eg_registry_load(&ds, &L.cat, &dl);
        } else {
            path = fuzz_write("report.csv", data, size);
            eg_facts_load(&ds, &dl);
        }
        eg_dataset_free(&ds);
    }
    /* Every diagnostic must be printable. */
    for (size_t i = 0; i < dl.n; i++)
        seen += strlen(dl.items[i].message) + strlen(dl.items[i].code);
    eg_diag_free(&dl);
    free(path);
    return seen == (size_t)-1;
}
