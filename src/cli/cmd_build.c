/*
 * cmd_build.c - `egreport build YEAR`: extract, normalize, write.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/mem.h"
#include "extract/registry.h"
#include "extract/submissions.h"
#include "layout/layout.h"
#include "normalize/accept.h"
#include "normalize/figures.h"
#include "write/doc.h"
#include "write/narrative.h"
#include "write/pdf.h"
#include "write/validation.h"
#include "write/xlsx.h"

typedef struct {
    int year;
    const char *input;
    const char *output;
    const char *layouts;
    int strict;
    int quiet;
} build_opts;

static int is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *exe_dir(void)
{
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    char *slash;

    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    slash = strrchr(buf, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    return eg_xstrdup(buf);
}

char *eg_find_layouts(const char *option)
{
    const char *env = getenv("EGREPORT_LAYOUTS");
    char *dir, *cand;

    if (option)
        return eg_xstrdup(option);
    if (env && *env)
        return eg_xstrdup(env);
    if (is_dir("layouts"))
        return eg_xstrdup("layouts");
    dir = exe_dir();
    if (!dir)
        return NULL;
    cand = eg_xasprintf("%s/layouts", dir);
    if (!is_dir(cand)) {
        free(cand);
        cand = eg_xasprintf("%s/../share/egreport/layouts", dir);
        if (!is_dir(cand)) {
            free(cand);
            cand = NULL;
        }
    }
    free(dir);
    return cand;
}

static int usage_error(const char *fmt, const char *arg)
{
    fputs("egreport build: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nusage: egreport build YEAR [--input DIR] [--output DIR] [--layouts DIR] [--strict] [--quiet]\n",
          stderr);
    return EG_EXIT_USAGE;
}

static int parse_args(int argc, char **argv, build_opts *o)
{
    int have_year = 0;

    memset(o, 0, sizeof *o);
    o->input = "input";
    o->output = "output";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **target = NULL;

        if (strcmp(a, "--input") == 0)
            target = &o->input;
        else if (strcmp(a, "--output") == 0)
            target = &o->output;
        else if (strcmp(a, "--layouts") == 0)
            target = &o->layouts;
        if (target) {
            if (i + 1 >= argc || !argv[i + 1][0])
                return usage_error("option %s needs a folder", a);
            *target = argv[++i];
        } else if (strcmp(a, "--strict") == 0) {
            o->strict = 1;
        } else if (strcmp(a, "--quiet") == 0) {
            o->quiet = 1;
        } else if (a[0] == '-') {
            return usage_error("unknown option '%s'", a);
        } else if (!have_year) {
            char *end;
            long y = strtol(a, &end, 10);

            if (*end || y < 1900 || y > 9999 || strlen(a) != 4)
                return usage_error("YEAR must be a year such as 2020, not '%s'", a);
            o->year = (int)y;
            have_year = 1;
        } else {
            return usage_error("unexpected argument '%s'", a);
        }
    }
    if (!have_year)
        return usage_error("which YEAR?%s", "");
    return -1;
}

/* The time written into the outputs: SOURCE_DATE_EPOCH when set, else
 * the report's issue date at midnight UTC, so that the same inputs give
 * the same bytes. */
static long long output_time(const eg_dataset *ds)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    const char *issued = eg_dataset_fact(ds, "issued_on");
    struct tm tm;

    if (sde && *sde) {
        char *end;
        long long t = strtoll(sde, &end, 10);

        if (!*end && t > 0)
            return t;
    }
    memset(&tm, 0, sizeof tm);
    if (issued && sscanf(issued, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) == 3) {
        tm.tm_year -= 1900;
        tm.tm_mon -= 1;
        return (long long)timegm(&tm);
    }
    return 946684800;   /* 2000-01-01 */
}

static int mkdir_p(const char *path)
{
    char *p = eg_xstrdup(path);
    int rc = 0;

    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            rc = -1;
        *s = '/';
    }
    if (mkdir(p, 0777) != 0 && errno != EEXIST)
        rc = -1;
    free(p);
    return rc || !is_dir(path) ? -1 : 0;
}

/* The outputs are written under temporary names and renamed into place
 * only when all of them are whole. */
typedef struct {
    char *final[3];
    char *tmp[3];
} outputs;

static void outputs_discard(outputs *o)
{
    for (int i = 0; i < 3; i++) {
        if (o->tmp[i])
            unlink(o->tmp[i]);
        free(o->tmp[i]);
        free(o->final[i]);
    }
}

static int write_validation(const char *path, const eg_diag_list *problems, eg_diag_list *dl)
{
    FILE *f = fopen(path, "wb");
    int rc;

    if (!f) {
        eg_diag_add(dl, EG_FATAL, "F_OUTPUT", path, 0, 0, NULL, NULL, "cannot write: %s",
                    strerror(errno));
        return -1;
    }
    rc = eg_validation_write(f, problems);
    if (fflush(f) != 0 || fsync(fileno(f)) != 0)
        rc = -1;
    if (fclose(f) != 0)
        rc = -1;
    if (rc)
        eg_diag_add(dl, EG_FATAL, "F_OUTPUT", path, 0, 0, NULL, NULL, "cannot write: %s",
                    strerror(errno));
    return rc;
}

/* Copies the fatal diagnostics of a stage's list to the run's own list,
 * which is what the operator sees when nothing is written. */
static void move_fatal(const eg_diag_list *from, eg_diag_list *to)
{
    for (size_t i = 0; i < from->n; i++) {
        const eg_diag *d = &from->items[i];

        if (d->severity == EG_FATAL)
            eg_diag_add(to, EG_FATAL, d->code, d->file, d->row, d->col, d->unit, d->indicator,
                        "%s", d->message);
    }
}

static const char *font_dir(void)
{
    const char *env = getenv("EGREPORT_FONTS");

    return env && *env ? env : EG_PDF_FONT_DIR;
}

static int run(const build_opts *o, eg_diag_list *dl, eg_diag_list *problems)
{
    eg_layouts L;
    eg_dataset ds;
    eg_acceptor acc;
    eg_results res;
    eg_doc doc;
    outputs out;
    char *layouts = eg_find_layouts(o->layouts);
    char *outdir = NULL;
    struct timespec t0, t1;
    int rc = EG_EXIT_FATAL;
    size_t got = 0;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    memset(&ds, 0, sizeof ds);
    memset(&res, 0, sizeof res);
    memset(&doc, 0, sizeof doc);
    memset(&out, 0, sizeof out);
    memset(&L, 0, sizeof L);
    if (!layouts) {
        eg_diag_add(dl, EG_FATAL, "F_LAYOUT", NULL, 0, 0, NULL, NULL,
                    "cannot find the layouts folder: give --layouts DIR or set EGREPORT_LAYOUTS");
        return EG_EXIT_FATAL;
    }
    if (eg_layouts_load(&L, layouts, dl))
        goto done;

    /* Extract: the registry and the report's facts first, they are fatal. */
    ds.year = o->year;
    ds.year_dir = eg_xasprintf("%s/%d", o->input, o->year);
    if (!is_dir(ds.year_dir)) {
        eg_diag_add(dl, EG_FATAL, "F_INPUT", ds.year_dir, 0, 0, NULL, NULL,
                    "no such folder: the year's inputs go in %s/", ds.year_dir);
        goto done;
    }
    if (eg_registry_load(&ds, &L.cat, dl) || eg_facts_load(&ds, dl))
        goto done;
    eg_baseline_load(&ds, problems);

    /* Normalize: every row through the acceptor, then the checks. */
    eg_acceptor_init(&acc, &ds, &L, problems);
    if (eg_submissions_read(&ds, L.columns, eg_accept_raw, &acc, NULL, problems)) {
        eg_acceptor_finish(&acc);
        move_fatal(problems, dl);
        goto done;
    }
    eg_acceptor_finish(&acc);
    eg_rules_check(&L, &ds, problems);
    eg_results_compute(&res, &L, &ds);
    if (eg_narrative_build(&doc, &L, &ds, &res, problems, problems) != 0) {
        move_fatal(problems, dl);
        goto done;
    }
    doc.created = output_time(&ds);
    eg_diag_sort(problems);
    if (o->strict && problems->n_error) {
        eg_diag_add(dl, EG_FATAL, "F_STRICT", NULL, 0, 0, NULL, NULL,
                    "--strict: %zu data errors, nothing written", problems->n_error);
        goto done;
    }

    /* Write: all three under temporary names, then rename them together. */
    outdir = eg_xasprintf("%s/%d", o->output, o->year);
    if (mkdir_p(outdir)) {
        eg_diag_add(dl, EG_FATAL, "F_OUTPUT", outdir, 0, 0, NULL, NULL,
                    "cannot create the output folder: %s", strerror(errno));
        goto done;
    }
    out.final[0] = eg_xasprintf("%s/egov-%d.xlsx", outdir, o->year);
    out.final[1] = eg_xasprintf("%s/egov-%d.pdf", outdir, o->year);
    out.final[2] = eg_xasprintf("%s/validation.csv", outdir);
    for (int i = 0; i < 3; i++) {
        const char *base = strrchr(out.final[i], '/') + 1;

        out.tmp[i] = eg_xasprintf("%s/.%s.tmp-%ld", outdir, base, (long)getpid());
    }
    if (eg_xlsx_write(out.tmp[0], &ds, &L, &res, problems, doc.created, dl) ||
        eg_pdf_write(&doc, out.tmp[1], font_dir(), dl) ||
        write_validation(out.tmp[2], problems, dl)) {
        outputs_discard(&out);
        goto done;
    }
    for (int i = 0; i < 3; i++) {
        if (rename(out.tmp[i], out.final[i]) != 0) {
            eg_diag_add(dl, EG_FATAL, "F_OUTPUT", out.final[i], 0, 0, NULL, NULL,
                        "cannot put the output in place: %s", strerror(errno));
            outputs_discard(&out);
            goto done;
        }
        free(out.tmp[i]);
        out.tmp[i] = NULL;
    }
    for (size_t u = 0; u < ds.registry.n; u++)
        got += ds.registry.items[u].submitted != 0;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!o->quiet)
        printf("egreport: %d: %zu/%zu units submitted, %zu values, %zu errors, %zu warnings; "
               "wrote %s, %s, %s in %.0f ms\n",
               o->year, got, ds.registry.n, ds.n_values, problems->n_error,
               problems->n_warning, out.final[0], out.final[1], out.final[2],
               (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
    outputs_discard(&out);
    rc = problems->n_error ? EG_EXIT_DATA : EG_EXIT_OK;
done:
    eg_doc_free(&doc);
    eg_results_free(&res);
    eg_dataset_free(&ds);
    eg_layouts_free(&L);
    free(outdir);
    free(layouts);
    return rc;
}

int cmd_build(int argc, char **argv)
{
    build_opts o;
    eg_diag_list dl = { 0 }, problems = { 0 };
    int rc = parse_args(argc, argv, &o);

    if (rc >= 0)
        return rc;
    rc = run(&o, &dl, &problems);
    /* Data problems are in validation.csv; errors also go to stderr for
     * whoever runs the build, and every fatal one always does. */
    if (!o.quiet)
        eg_diag_print(&problems, stderr, EG_ERROR);
    eg_diag_print(&dl, stderr, EG_FATAL);
    if (rc == EG_EXIT_FATAL && !dl.n_fatal)
        fputs("egreport: fatal: nothing was written\n", stderr);
    else if (rc == EG_EXIT_FATAL)
        fputs("egreport: nothing was written\n", stderr);
    eg_diag_free(&dl);
    eg_diag_free(&problems);
    return rc;
}
