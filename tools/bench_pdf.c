/*
 * bench_pdf.c - how long the PDF report takes, apart from the rest of a
 * build.  Run by `make bench` (tools/bench.sh); never part of the tests.
 *
 *   bench_pdf LAYOUTS INPUT YEAR OUT.pdf [RUNS]
 *
 * Reads the year as a build does (layouts, registry, report facts,
 * baseline, submissions, figures), once; then, RUNS times (default 15),
 * expands the report layout (narrative) and writes the PDF, and prints
 * the median of each (processor time), the PDF's size, and the time of
 * a PDF with nothing in it but the page-1 form: the floor that loading
 * and embedding the fonts costs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/diag.h"
#include "core/mem.h"
#include "extract/registry.h"
#include "extract/submissions.h"
#include "layout/layout.h"
#include "normalize/accept.h"
#include "normalize/figures.h"
#include "write/doc.h"
#include "write/narrative.h"
#include "write/pdf.h"

/* Processor time of this process: on a busy machine, wall-clock time
 * says more about the neighbours than about the PDF. */
static double now_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int fail(const eg_diag_list *dl, const char *what)
{
    fprintf(stderr, "bench_pdf: %s failed\n", what);
    eg_diag_print(dl, stderr, EG_ERROR);
    return 1;
}

int main(int argc, char **argv)
{
    eg_layouts L;
    eg_dataset ds;
    eg_acceptor acc;
    eg_results res;
    eg_limits lim;
    eg_diag_list dl = { 0 }, problems = { 0 };
    const char *fonts = getenv("EGREPORT_FONTS");
    int runs = argc > 5 ? atoi(argv[5]) : 15;
    double *t_nar, *t_pdf, t0, t_read, t_floor[5];
    struct stat st;

    if (argc < 5 || runs < 1 || runs > 1000) {
        fputs("usage: bench_pdf LAYOUTS INPUT YEAR OUT.pdf [RUNS]\n", stderr);
        return 2;
    }
    memset(&L, 0, sizeof L);
    memset(&ds, 0, sizeof ds);
    memset(&lim, 0, sizeof lim);

    /* Step 1: the year's data, as a build reads it. */
    t0 = now_ms();
    if (eg_layouts_load(&L, argv[1], &dl))
        return fail(&dl, "loading the layouts");
    ds.year = atoi(argv[3]);
    ds.year_dir = eg_xasprintf("%s/%s", argv[2], argv[3]);
    if (eg_registry_load(&ds, &L.cat, &dl) || eg_facts_load(&ds, &dl))
        return fail(&dl, "reading units.csv and report.csv");
    eg_baseline_load(&ds, NULL, &problems);
    eg_acceptor_init(&acc, &ds, &L, &problems);
    if (eg_submissions_read(&ds, L.columns, eg_accept_raw, &acc, &lim, &problems))
        return fail(&problems, "reading the submissions");
    eg_acceptor_finish(&acc);
    eg_results_compute(&res, &L, &ds);
    t_read = now_ms() - t0;

    /* Step 2: the narrative and the PDF, RUNS times each. */
    t_nar = eg_xcalloc((size_t)runs, sizeof *t_nar);
    t_pdf = eg_xcalloc((size_t)runs, sizeof *t_pdf);
    for (int r = 0; r < runs; r++) {
        eg_doc doc;
        eg_diag_list nd = { 0 };

        t0 = now_ms();
        if (eg_narrative_build(&doc, &L, &ds, &res, &problems, &nd) != 0)
            return fail(&nd, "expanding the report layout");
        t_nar[r] = now_ms() - t0;
        doc.created = 1600000000;
        t0 = now_ms();
        if (eg_pdf_write(&doc, argv[4], fonts, &nd) != 0)
            return fail(&nd, "writing the PDF");
        t_pdf[r] = now_ms() - t0;
        eg_doc_free(&doc);
        eg_diag_free(&nd);
    }

    /* Step 3: the floor: the form of page 1 and nothing else. */
    for (int r = 0; r < 5; r++) {
        eg_doc doc;
        eg_diag_list nd = { 0 };
        char *empty = eg_xasprintf("%s.empty.pdf", argv[4]);

        memset(&doc, 0, sizeof doc);
        doc.title = eg_xstrdup("BÁO CÁO");
        doc.issuer = eg_xstrdup("ỦY BAN NHÂN DÂN TỈNH");
        doc.number = eg_xstrdup("Số: 1/BC-UBND");
        doc.place_date = eg_xstrdup("ngày 15 tháng 01 năm 2021");
        doc.signer = eg_xstrdup("Người ký");
        t0 = now_ms();
        if (eg_pdf_write(&doc, empty, fonts, &nd) != 0)
            return fail(&nd, "writing an empty PDF");
        t_floor[r] = now_ms() - t0;
        remove(empty);
        free(empty);
        eg_doc_free(&doc);
        eg_diag_free(&nd);
    }

    if (stat(argv[4], &st) != 0)
        return fail(&dl, "finding the PDF");
    printf("reading the year (once):      %7.1f ms of processor time\n", t_read);
    printf("narrative (median of %d):     %7.1f ms\n", runs, median(t_nar, runs));
    printf("PDF (median of %d):           %7.1f ms  %.0f KB\n", runs, median(t_pdf, runs),
           (double)st.st_size / 1024);
    printf("  of which fonts and form:    %7.1f ms  (a PDF of page 1's form alone, median of 5)\n",
           median(t_floor, 5));
    free(t_nar);
    free(t_pdf);
    eg_results_free(&res);
    eg_dataset_free(&ds);
    eg_layouts_free(&L);
    eg_diag_free(&dl);
    eg_diag_free(&problems);
    return 0;
}
