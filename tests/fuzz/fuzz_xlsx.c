/*
 * fuzz_xlsx.c - the XLSX extractor: the zip archive (libzip), the
 * workbook's parts (expat), shared strings, styles, the sheet's cells.
 *
 * The input is the file itself.  The caps are tighter than a build's
 * (8 MiB a part, 32 MiB in all) so that a zip bomb the fuzzer makes up
 * is refused in milliseconds; what is tested is that every cap holds and
 * that no archive, however broken, crashes, hangs or leaks.
 */
#include "fuzz.h"

#include "extract/row.h"
#include "extract/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int xlsx_on_row(void *ctx, const eg_row *row)
{
    size_t *n = ctx;

    for (size_t i = 0; i < row->n; i++) {
        *n += strlen(row->fields[i]);
        if (row->cell_errors && row->cell_errors[i])
            *n += strlen(row->cell_errors[i]);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    eg_diag_list dl = { 0 };
    eg_limits lim = { 0 };
    size_t seen = 0;
    char *path = fuzz_write("fuzz.xlsx", data, size);

    lim.max_entry_bytes = 8u << 20;
    lim.max_total_bytes = 32u << 20;
    lim.max_entries = 1000;
    lim.max_strings = 100000;
    lim.max_string_bytes = 8u << 20;
    lim.max_rows = 100000;
    eg_xlsx_read(path, "fuzz.xlsx", xlsx_on_row, &seen, &lim, &dl);
    for (size_t i = 0; i < dl.n; i++)
        seen += strlen(dl.items[i].message);
    eg_diag_free(&dl);
    free(path);
    return seen == (size_t)-1;
}
