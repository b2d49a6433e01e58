/*
 * fuzz_xls.c - the .xls extractor as a build reads it
 * (eg_xls_read_probing): the compound file (extract/cfb.c) and the BIFF8
 * or BIFF5 records read by extract/xls_biff.c (sheets, XF and FORMAT, the
 * code page, the shared strings and their CONTINUE records, every kind
 * of cell, MERGEDCELLS, ROW).  The crash-* inputs are files on which
 * FreeXL 1.0.6, the reader before ours, read past its memory.
 *
 * The input is the file itself, written to the process's scratch folder
 * (the reader takes a path) and removed after each run.  What is tested
 * is that no workbook, however broken, crashes, hangs or leaks.  The rows go through a submission's
 * table, which fills merged cells: a record's merged range must hold the
 * record's cell, else abort(); each row must come after the one before
 * it, within the format's 65,536 rows of 256 columns, name its sheet, and
 * its fields be UTF-8.  The other visible sheets' first rows go to a
 * probe, which aborts when a row names no sheet or more rows come than
 * 16 sheets' probes may give.
 */
#include "fuzz.h"

#include "core/text.h"
#include "extract/row.h"
#include "extract/table.h"
#include "extract/xls.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    size_t seen;
    long last_row;
    eg_table table;
    int table_done;         /* no header in its first rows: it stopped */
} xls_state;

static int xls_on_row(void *ctx, const eg_row *row)
{
    xls_state *st = ctx;

    if (!row->sheet || row->row <= st->last_row || row->row > 65536 || row->n == 0 ||
        row->n > 256)
        abort();
    st->last_row = row->row;
    for (size_t i = 0; i < row->n; i++) {
        if (!eg_utf8_valid(row->fields[i], strlen(row->fields[i])))
            abort();
        st->seen += strlen(row->fields[i]);
        if (row->cell_errors && row->cell_errors[i])
            st->seen += strlen(row->cell_errors[i]);
        if (row->stored && row->stored[i])
            st->seen += strlen(row->stored[i]);
    }
    if (row->merges)
        for (size_t i = 0; i < row->merges->n; i++) {
            const eg_merge *g = &row->merges->v[i];

            if (g->first_row < 1 || g->first_row >= g->last_row || g->first_col < 1 ||
                g->first_col > g->last_col)
                abort();
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
    xls_state st = { 0 };
    size_t seen;
    int rc;
    char *path = fuzz_write("fuzz.xls", data, size);

    fuzz_submission_columns(spec);
    eg_table_init(&st.table, spec, FUZZ_ROLES, fuzz_on_record, &st.seen);

    lim.max_rows = 100000;
    {
        fuzz_probe_state probe = { &st.table, 0, 0 };
        eg_sheet_probe how = { fuzz_probe, &probe, "", 0, 0 };

        rc = eg_xls_read_probing(path, "fuzz.xls", xls_on_row, &st, &how, &lim, &dl);
        st.seen += probe.found;
    }
    /* a file refused says so, naming the file */
    if (rc < 0 && dl.n == 0)
        abort();
    for (size_t i = 0; i < dl.n; i++)
        if (!dl.items[i].file || strcmp(dl.items[i].file, "fuzz.xls") != 0)
            abort();
    eg_table_release(&st.table);
    eg_colspec_free(spec, FUZZ_ROLES);
    seen = st.seen;
    for (size_t i = 0; i < dl.n; i++)
        seen += strlen(dl.items[i].message);
    eg_diag_free(&dl);
    unlink(path);
    free(path);
    return seen == (size_t)-1;
}
