/*
 * cmd_template.c - `egreport template YEAR [--unit CODE]`: the XLSX forms
 * the units fill in and send back (write/template.h), one per province,
 * department and district (a district's with its communes), or one for
 * the unit asked for, in <output>/<YEAR>/templates/<CODE>.xlsx.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/mem.h"
#include "core/testpoint.h"
#include "core/text.h"
#include "core/thread.h"
#include "extract/registry.h"
#include "layout/layout.h"
#include "write/template.h"

typedef struct {
    int year;
    const char *unit;     /* NULL: every form */
    const char *input;
    const char *output;
    const char *layouts;
} template_opts;

static const char template_usage[] =
    "usage: egreport template YEAR [--unit CODE] [--input DIR] [--output DIR] [--layouts DIR]\n";

static int usage_error(const char *fmt, const char *arg)
{
    fputs("egreport template: ", stderr);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    fputs(template_usage, stderr);
    return EG_EXIT_USAGE;
}

static int parse_args(int argc, char **argv, template_opts *o)
{
    int have_year = 0;
    const char *err;

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
        else if (strcmp(a, "--unit") == 0)
            target = &o->unit;
        if (target) {
            if (i + 1 >= argc || !argv[i + 1][0])
                return usage_error(strcmp(a, "--unit") == 0 ? "option %s needs a unit code"
                                                            : "option %s needs a folder", a);
            *target = strcmp(a, "--unit") == 0 ? argv[++i] : eg_cli_folder_arg(argv[++i]);
        } else if ((err = eg_cli_year_arg(a, &o->year, &have_year)) != NULL) {
            return usage_error(err, a);
        }
    }
    if (!have_year)
        return usage_error("which YEAR?%s", "");
    return -1;
}

/* The time written into the forms: SOURCE_DATE_EPOCH when set (sde,
 * checked before anything was made), else midnight UTC of 1 January of
 * the year, so that the same registry and catalogue always give the same
 * bytes. */
static long long form_time(int year, long long sde)
{
    struct tm tm;

    if (sde > 0)
        return sde;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = year - 1900;
    tm.tm_mday = 1;
    return (long long)timegm(&tm);
}

/* The registry position of --unit, or -1 after saying on stderr which
 * code was meant. */
static int find_unit(const eg_registry *reg, const char *code)
{
    char *want = eg_ascii_upper(eg_xstrdup(code));
    int u = eg_strmap_get(&reg->index, want);
    const char *near = NULL;
    size_t best = strlen(want) / 2 + 2;

    if (u < 0) {
        for (size_t i = 0; i < reg->n; i++) {
            size_t d = eg_edit_distance(want, reg->items[i].code, best);

            if (d < best) {
                best = d;
                near = reg->items[i].code;
            }
        }
        fprintf(stderr, "egreport template: unit '%s' is not in the registry (units.csv)%s%s%s\n",
                want, near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
    }
    free(want);
    return u;
}

/* The temporary file of the form being written, which a termination
 * signal removes before the command dies (the forms already renamed
 * into place stay). */
static const char *volatile live_tmp;

static void on_signal(int sig)
{
    const char *tmp = live_tmp;

    if (tmp)
        unlink(tmp);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* The process id a form's temporary name ends with (".KT.xlsx.tmp-4242"),
 * or 0 when the name is not one of ours; -1 for the name without an id
 * that versions before it used. */
static long tmp_owner(const char *name)
{
    const char *t;
    char *end;
    long pid;

    if (name[0] != '.' || !(t = strstr(name, ".xlsx.tmp")) || t <= name + 1)
        return 0;
    t += strlen(".xlsx.tmp");
    if (*t == '\0')
        return -1;
    if (*t != '-' || t[1] < '1' || t[1] > '9')
        return 0;
    errno = 0;
    pid = strtol(t + 1, &end, 10);
    return *end == '\0' && errno == 0 ? pid : 0;
}

/* 1 when a process of that id runs (one we may not signal runs too); our
 * own id is a dead process's, since this one has written no form yet. */
static int process_lives(long pid)
{
    if (pid == (long)getpid() || pid > INT_MAX)
        return 0;
    return kill((pid_t)pid, 0) == 0 || errno != ESRCH;
}

/* Removes the forms a killed template left half-written in dir (SIGKILL,
 * a power cut: no handler ran).  Two templates may write the same folder
 * at once, so a temporary form is left alone while the process whose id
 * it bears lives; a process of that id that is not a template only keeps
 * a dead one's leftover until it ends. */
static void sweep_dead_forms(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        long pid = tmp_owner(e->d_name);
        struct stat st;
        char *path;

        if (pid == 0 || (pid > 0 && process_lives(pid)))
            continue;
        path = eg_xasprintf("%s/%s", dir, e->d_name);
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
            unlink(path);
        free(path);
    }
    closedir(d);
}

/* One form, written under a temporary name and renamed into place: a
 * form is there whole or not at all. */
static int write_one(const char *dir, const eg_dataset *ds, const eg_catalogue *cat, int u,
                     long long created, eg_diag_list *dl)
{
    const char *code = ds->registry.items[u].code;
    char *tmp = eg_xasprintf("%s/.%s.xlsx.tmp-%ld", dir, code, (long)getpid());
    char *path = eg_xasprintf("%s/%s.xlsx", dir, code);
    int rc;

    live_tmp = tmp;
    rc = eg_template_write(tmp, ds, cat, u, created, dl);
    eg_diag_rename_file(dl, tmp, path);     /* the form, not its temporary name */
    if (rc == 0)
        eg_test_point("form");
    if (rc == 0 && rename(tmp, path) != 0) {
        eg_diag_add(dl, EG_FATAL, "F_OUTPUT", path, 0, 0, NULL, NULL, "cannot write: %s",
                    strerror(errno));
        unlink(tmp);
        rc = -1;
    }
    live_tmp = NULL;
    if (rc == 0)
        printf("%s\n", path);
    free(tmp);
    free(path);
    return rc;
}

int cmd_template(int argc, char **argv)
{
    template_opts o;
    eg_layouts L;
    eg_dataset ds;
    eg_diag_list dl = { 0 }, facts = { 0 }, dates = { 0 };
    char *layouts = NULL, *dir = NULL, *year_out;
    long long created, sde = 0;
    int rc = parse_args(argc, argv, &o), only = -1;
    size_t written = 0;

    if (rc < 0)
        rc = eg_cli_output_outside_input("template", o.input, o.output, o.year,
                                         "the forms would be written among the year's inputs",
                                         template_usage);
    if (rc < 0)
        rc = eg_cli_output_outside_layouts("template", o.layouts, o.output, o.year,
                                           template_usage);
    if (rc < 0)
        rc = eg_cli_source_date_epoch("template", &sde);
    if (rc >= 0)
        return rc;
    rc = EG_EXIT_FATAL;
    memset(&L, 0, sizeof L);
    memset(&ds, 0, sizeof ds);

    /* The catalogue says what a form asks; the registry who gets one. */
    layouts = eg_find_layouts(o.layouts, o.year, NULL, &dl);
    if (!layouts)
        goto done;
    if (eg_layouts_load(&L, layouts, &dl))
        goto done;
    ds.year = o.year;
    ds.year_dir = eg_cli_year_path(o.input, o.year);
    if (!eg_cli_is_dir(ds.year_dir)) {
        eg_diag_add(&dl, EG_FATAL, "F_INPUT", ds.year_dir, 0, 0, NULL, NULL,
                    "no such folder: the registry of %d is read from %s/units.csv",
                    o.year, ds.year_dir);
        goto done;
    }
    if (eg_registry_load(&ds, &L.cat, &dl))
        goto done;
    /* report.csv is not needed: when it reads, the forms print its
     * deadline; when not, they go without (one that is there is said
     * why, below).  A
     * deadline before the year (report.csv copied from last year's
     * folder) is said as status says it, and the forms go without it
     * (write/template.h): 258 forms of 2021 due on 31/12/2020 would be
     * sent out otherwise. */
    if (eg_facts_load(&ds, &facts) == 0) {
        eg_facts_check_year(&ds, &dates);
    } else {
        /* A report.csv the build refuses (F_REPORT) gives the forms no
         * deadline (eg_facts_load keeps none of its keys), as a warning:
         * the forms still go out. */
        char *rpt = eg_xasprintf("%s/report.csv", ds.year_dir);
        struct stat st;

        if (stat(rpt, &st) == 0)
            for (size_t i = 0; i < facts.n; i++) {
                const eg_diag *d = &facts.items[i];

                eg_diag_add(&dates, EG_WARNING, d->code, d->file, d->row, d->col, d->unit,
                            d->indicator, "%s; the forms go without a deadline", d->message);
            }
        free(rpt);
    }
    if (o.unit && (only = find_unit(&ds.registry, o.unit)) < 0) {
        rc = EG_EXIT_USAGE;
        goto done;
    }

    year_out = eg_cli_year_path(o.output, o.year);
    dir = eg_xasprintf("%s/templates", year_out);
    free(year_out);
    if (eg_cli_mkdir_p(dir) != 0) {
        eg_diag_add(&dl, EG_FATAL, "F_OUTPUT", dir, 0, 0, NULL, NULL,
                    "cannot make the folder: %s", strerror(errno));
        goto done;
    }
    created = form_time(o.year, sde);
    eg_stop_signals_catch(on_signal);
    sweep_dead_forms(dir);
    for (size_t u = 0; u < ds.registry.n; u++) {
        if (only >= 0 ? (int)u != only : !eg_template_own_form(&ds, (int)u))
            continue;
        if (write_one(dir, &ds, &L.cat, (int)u, created, &dl))
            goto done;
        written++;
    }
    printf("egreport: template %d: wrote %zu form%s in %s/\n", o.year, written,
           written == 1 ? "" : "s", dir);
    rc = EG_EXIT_OK;

done:
    eg_stdout_flush();
    eg_diag_print(&dates, stderr, EG_WARNING);
    eg_cli_name_year_files(&dl, o.input, o.year);
    eg_diag_print(&dl, stderr, EG_FATAL);
    eg_dataset_free(&ds);
    eg_layouts_free(&L);
    eg_diag_free(&dl);
    eg_diag_free(&facts);
    eg_diag_free(&dates);
    free(layouts);
    free(dir);
    return rc;
}
