/*
 * cmd_status.c - `egreport status YEAR`: who has submitted, who has not,
 * and who is late, as the build counts them (normalize/completeness.h),
 * without writing anything.  Those that submitted are counted, and named
 * with --all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/mem.h"
#include "core/number.h"
#include "extract/registry.h"
#include "extract/submissions.h"
#include "layout/layout.h"
#include "normalize/accept.h"
#include "normalize/completeness.h"

typedef struct {
    int year;
    const char *input;
    const char *layouts;
    int all;                /* --all: the units that submitted named too */
} status_opts;

static int usage_error(const char *fmt, const char *arg)
{
    fputs("egreport status: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nusage: egreport status YEAR [--input DIR] [--layouts DIR] [--all]\n", stderr);
    return EG_EXIT_USAGE;
}

static int parse_args(int argc, char **argv, status_opts *o)
{
    int have_year = 0;
    const char *err;

    memset(o, 0, sizeof *o);
    o->input = "input";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];

        if (strcmp(a, "--input") == 0 || strcmp(a, "--layouts") == 0) {
            if (i + 1 >= argc || !argv[i + 1][0])
                return usage_error("option %s needs a folder", a);
            *(a[2] == 'i' ? &o->input : &o->layouts) = eg_cli_folder_arg(argv[++i]);
        } else if (strcmp(a, "--all") == 0) {
            o->all = 1;
        } else if ((err = eg_cli_year_arg(a, &o->year, &have_year)) != NULL) {
            return usage_error(err, a);
        }
    }
    if (!have_year)
        return usage_error("which YEAR?%s", "");
    return -1;
}

static void print_unit(const eg_dataset *ds, const eg_completeness *c, int u)
{
    const eg_unit *unit = &ds->registry.items[u];
    const eg_arrival *a = &c->units[u];
    char date[16];

    printf("  %-14s ", unit->code);
    eg_put_one_line(unit->name, stdout);        /* a name typed on two lines of its cell */
    if (a->received && a->date) {
        printf(" - %s", eg_date_format(date, sizeof date, a->date));
        if (a->file >= 0)
            printf(" (%s, %s)", ds->files[a->file].path,
                   a->from_column ? "submitted_on column" : "file date");
    } else if (a->received) {
        printf(" - undated");
    }
    putchar('\n');
}

/* Prints the table of levels, then the names of the missing and the late
 * (and with all, of every unit that submitted, first). */
static void print_status(const eg_dataset *ds, const eg_completeness *c, int all)
{
    char date[16];
    size_t missing = c->expected - c->received;

    printf("egreport: status %d: %zu units expected, %zu submitted (%zu late), %zu not submitted; "
           "deadline %s\n", ds->year, c->expected, c->received, c->late, missing,
           c->deadline ? eg_date_format(date, sizeof date, c->deadline) : "none");
    printf("\n%-16s %8s %9s %7s %5s %7s %7s\n", "level", "expected", "submitted", "on time",
           "late", "undated", "missing");
    for (int l = 0; l < EG_LEVEL_COUNT; l++) {
        const eg_level_completeness *lc = &c->level[l];

        if (!lc->expected)
            continue;
        printf("%-16s %8zu %9zu %7zu %5zu %7zu %7zu\n", eg_level_code((eg_level)l),
               lc->expected, lc->received, lc->on_time, lc->late, lc->undated, lc->n_missing);
    }
    if (all && c->received) {
        printf("\nsubmitted (%zu):\n", c->received);
        for (int l = 0; l < EG_LEVEL_COUNT; l++)
            for (size_t u = 0; u < ds->registry.n; u++)
                if ((int)ds->registry.items[u].level == l && c->units[u].received)
                    print_unit(ds, c, (int)u);
    }
    if (missing) {
        printf("\nnot submitted (%zu):\n", missing);
        for (int l = 0; l < EG_LEVEL_COUNT; l++)
            for (size_t i = 0; i < c->level[l].n_missing; i++)
                print_unit(ds, c, c->level[l].missing[i]);
    }
    if (c->late) {
        printf("\nlate (%zu):\n", c->late);
        for (int l = 0; l < EG_LEVEL_COUNT; l++)
            for (size_t i = 0; i < c->level[l].n_late; i++)
                print_unit(ds, c, c->level[l].late_units[i]);
    }
}

/* The files whose reading found errors, each with how many and its first
 * (one about the whole file first: it was not read): a damaged file
 * would otherwise show only as its units not submitted. */
static void print_file_errors(const eg_dataset *ds, const eg_diag_list *problems)
{
    size_t n_files = 0;

    for (size_t f = 0; f < ds->n_files; f++) {
        const eg_diag *first = NULL;
        size_t n = 0;

        for (size_t i = 0; i < problems->n; i++) {
            const eg_diag *d = &problems->items[i];

            if (d->severity < EG_ERROR || !d->file || strcmp(d->file, ds->files[f].path) != 0)
                continue;
            n++;
            if (!first || (d->row == 0 && first->row != 0))
                first = d;
        }
        if (!n)
            continue;
        if (!n_files++)
            printf("\nfiles with errors, whose values are left out in part or whole "
                   "(egreport validate FILE lists them all):\n");
        printf("  %s: %zu error%s; ", ds->files[f].path, n, n > 1 ? "s" : "");
        eg_put_one_line(first->message, stdout);
        printf(" [%s]\n", first->code);
    }
}

int cmd_status(int argc, char **argv)
{
    status_opts o;
    eg_layouts L;
    eg_dataset ds;
    eg_acceptor acc;
    eg_completeness c;
    eg_diag_list dl = { 0 }, problems = { 0 };
    char *layouts;
    int rc = parse_args(argc, argv, &o), have_c = 0;

    if (rc >= 0)
        return rc;
    rc = EG_EXIT_FATAL;
    memset(&L, 0, sizeof L);
    memset(&ds, 0, sizeof ds);
    layouts = eg_find_layouts(o.layouts, o.year, NULL, &dl);

    /* The same reading as a build's, up to the completeness table: the
     * registry says who is expected, the rows say who sent what. */
    if (!layouts)
        goto done;
    if (eg_layouts_load(&L, layouts, &dl))
        goto done;
    ds.year = o.year;
    ds.today = eg_local_day((long long)time(NULL));     /* a submitted_on not yet come */
    ds.year_dir = eg_cli_year_path(o.input, o.year);
    if (eg_cli_year_dir_check(ds.year_dir, &dl))
        goto done;
    if (eg_registry_load(&ds, &L.cat, &dl) || eg_facts_load(&ds, &dl))
        goto done;
    eg_acceptor_init(&acc, &ds, &L, &problems);
    if (eg_submissions_read(&ds, L.columns, eg_accept_raw, &acc, NULL, &problems)) {
        eg_acceptor_finish(&acc);
        for (size_t i = 0; i < problems.n; i++)
            if (problems.items[i].severity == EG_FATAL)
                eg_diag_add(&dl, EG_FATAL, problems.items[i].code, problems.items[i].file, 0, 0,
                            NULL, NULL, "%s", problems.items[i].message);
        goto done;
    }
    eg_acceptor_finish(&acc);
    eg_completeness_compute(&c, &ds);
    have_c = 1;
    print_status(&ds, &c, o.all);
    {
        /* a deadline of last year's report.csv makes the table above
         * count every file late or undated: said under it */
        eg_diag_list dates = { 0 };

        eg_facts_check_year(&ds, &dates);
        if (dates.n)
            printf("\n");
        eg_diag_print(&dates, stdout, EG_WARNING);
        eg_diag_free(&dates);
    }
    print_file_errors(&ds, &problems);
    rc = EG_EXIT_OK;

done:
    eg_cli_name_year_files(&dl, o.input, o.year);
    eg_diag_print(&dl, stderr, EG_FATAL);
    if (have_c)
        eg_completeness_free(&c);
    eg_dataset_free(&ds);
    eg_layouts_free(&L);
    eg_diag_free(&dl);
    eg_diag_free(&problems);
    free(layouts);
    return rc;
}
