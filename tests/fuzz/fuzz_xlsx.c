/*
 * fuzz_xlsx.c - the XLSX extractor: the zip archive (libzip), the
 * workbook's parts (expat), shared strings, styles, the sheet's cells.
 *
 * The input is the file itself.  The caps are tighter than a build's
 * (8 MiB a part, 32 MiB in all) so that a zip bomb the fuzzer makes up
 * is refused in milliseconds; what is tested is that every cap holds and
 * that no archive, however broken, crashes, hangs or leaks.  The rows
 * also go through a submission's table, which fills merged cells: a
 * record's merged range must hold the record's cell, else abort().  The
 * other visible sheets' first rows go to a probe, which aborts when a row
 * names no sheet or more rows come than 16 sheets' probes may give.
 */
#include "fuzz.h"

#include "extract/row.h"
#include "extract/table.h"
#include "extract/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    size_t seen;
    eg_table table;
    int table_done;         /* no header in its first rows: it stopped */
} xlsx_state;

static int xlsx_on_row(void *ctx, const eg_row *row)
{
    xlsx_state *st = ctx;

    for (size_t i = 0; i < row->n; i++) {
        st->seen += strlen(row->fields[i]);
        if (row->cell_errors && row->cell_errors[i])
            st->seen += strlen(row->cell_errors[i]);
    }
    if (!st->table_done)
        st->table_done = eg_table_row(&st->table, row) != 0;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    eg_diag_list dl = { 0 };
    eg_limits lim = { 0 };
    eg_colspec spec[FUZZ_ROLES];
    xlsx_state st = { 0 };
    size_t seen;
    char *path = fuzz_write("fuzz.xlsx", data, size);

    fuzz_submission_columns(spec);
    eg_table_init(&st.table, spec, FUZZ_ROLES, fuzz_on_record, &st.seen);

    lim.max_entry_bytes = 8u << 20;
    lim.max_total_bytes = 32u << 20;
    lim.max_entries = 1000;
    lim.max_strings = 100000;
    lim.max_string_bytes = 8u << 20;
    lim.max_rows = 100000;
    {
        fuzz_probe_state probe = { &st.table, 0, 0 };
        eg_sheet_probe how = { fuzz_probe, &probe, "", 0, 0 };

        eg_xlsx_read_probing(path, "fuzz.xlsx", xlsx_on_row, &st, &how, &lim, &dl);
        st.seen += probe.found;
    }
    eg_table_release(&st.table);
    eg_colspec_free(spec, FUZZ_ROLES);
    seen = st.seen;
    for (size_t i = 0; i < dl.n; i++)
        seen += strlen(dl.items[i].message);
    eg_diag_free(&dl);
    free(path);
    return seen == (size_t)-1;
}
