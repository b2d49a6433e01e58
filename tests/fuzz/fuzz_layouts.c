/*
 * fuzz_layouts.c - the layout and rule loader, and the report layout's
 * expansion: one layout file at a time replaced by the input.
 *
 * The first byte chooses the file (every file of layouts/ in name order:
 * columns.csv, figures.csv, indicators.csv, rankings.csv, report.txt,
 * rules.csv, settings.csv ...); the others keep the shipped contents, so
 * that a mutation reaches the checks deep inside one file.  When the layouts load, the report layout is
 * expanded against the small 2021 year read with the shipped layouts.
 */
#include "fuzz.h"

#include <dirent.h>

#include "extract/registry.h"
#include "extract/submissions.h"
#include "layout/layout.h"
#include "normalize/accept.h"
#include "normalize/figures.h"
#include "write/doc.h"
#include "write/narrative.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *lay_files[64];
static size_t lay_n;
static int lay_report = -1;      /* which one is report.txt */

static int lay_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The shipped layouts and the small year read with them. */
static eg_layouts lay_base;
static eg_dataset lay_ds;
static eg_results lay_res;

static void lay_setup(void)
{
    eg_diag_list dl = { 0 };
    eg_acceptor acc;
    char *dir = eg_xasprintf("%s/layouts", fuzz_dir());
    char *cmd = eg_xasprintf("mkdir -p '%s'", dir);

    DIR *d = opendir(FUZZ_LAYOUTS);
    struct dirent *e;

    if (system(cmd) != 0 || !d)
        abort();
    free(cmd);
    while ((e = readdir(d)) != NULL && lay_n < 64)
        if (e->d_name[0] != '.')
            lay_files[lay_n++] = eg_xstrdup(e->d_name);
    closedir(d);
    qsort(lay_files, lay_n, sizeof *lay_files, lay_cmp);
    for (size_t i = 0; i < lay_n; i++) {
        if (strcmp(lay_files[i], "report.txt") == 0)
            lay_report = (int)i;
        char *from = eg_xasprintf("%s/%s", FUZZ_LAYOUTS, lay_files[i]);
        char *to = eg_xasprintf("layouts/%s", lay_files[i]);

        fuzz_copy(from, to);
        free(from);
        free(to);
    }
    free(dir);
    if (eg_layouts_load(&lay_base, FUZZ_LAYOUTS, &dl) != 0)
        abort();
    lay_ds.year = 2021;
    lay_ds.year_dir = eg_xstrdup(FUZZ_YEAR_DIR);
    if (eg_registry_load(&lay_ds, &lay_base.cat, &dl) || eg_facts_load(&lay_ds, &dl))
        abort();
    eg_acceptor_init(&acc, &lay_ds, &lay_base, &dl);
    eg_submissions_read(&lay_ds, lay_base.columns, eg_accept_raw, &acc, NULL, &dl);
    eg_acceptor_finish(&acc);
    eg_results_compute(&lay_res, &lay_base, &lay_ds);
    eg_diag_free(&dl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    eg_layouts L;
    eg_diag_list dl = { 0 };
    size_t which;
    char *name, *path, *dir, *orig;

    if (!ready) {
        lay_setup();
        ready = 1;
    }
    if (size == 0)
        return 0;
    which = data[0] % lay_n;
    name = eg_xasprintf("layouts/%s", lay_files[which]);
    path = fuzz_write(name, data + 1, size - 1);
    dir = eg_xasprintf("%s/layouts", fuzz_dir());

    memset(&L, 0, sizeof L);
    if (eg_layouts_load(&L, dir, &dl) == 0 && (int)which == lay_report) {
        /* The report layout against real data: the shipped layouts'
         * figures, the mutated report.txt. */
        eg_doc doc;
        eg_diag_list problems = { 0 };

        orig = lay_base.report_path;
        lay_base.report_path = path;
        memset(&doc, 0, sizeof doc);
        eg_narrative_build(&doc, &lay_base, &lay_ds, &lay_res, &problems, &dl);
        eg_doc_free(&doc);
        eg_diag_free(&problems);
        lay_base.report_path = orig;
    }
    eg_layouts_free(&L);
    eg_diag_free(&dl);

    /* Back to the shipped file for the next input. */
    orig = eg_xasprintf("%s/%s", FUZZ_LAYOUTS, lay_files[which]);
    fuzz_copy(orig, name);
    free(orig);
    free(name);
    free(path);
    free(dir);
    return 0;
}
