/*
 * cmd_build.c - `egreport build YEAR`: extract, normalize, write.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/build_out.h"
#include "cli/build_write.h"
#include "cli/cli.h"
#include "cli/progress.h"
#include "core/mem.h"
#include "core/number.h"
#include "core/testpoint.h"
#include "core/thread.h"
#include "extract/parallel.h"
#include "extract/registry.h"
#include "extract/submissions.h"
#include "layout/layout.h"
#include "normalize/accept.h"
#include "normalize/checks.h"
#include "normalize/figures.h"
#include "normalize/owners.h"
#include "write/doc.h"
#include "write/narrative.h"
#include "write/pdf.h"

/* How long a build waits for another one on the same folder by default:
 * long enough for a run started by hand while cron's finishes, short
 * enough that a hung build does not pile up waiting processes. */
#define DEFAULT_WAIT_SECONDS 60

typedef struct {
    int year;
    const char *input;
    const char *output;
    const char *layouts;
    int strict;
    int quiet;
    int force;            /* rebuild even when the manifest says up to date */
    long wait;            /* seconds to wait for another build's lock */
    int jobs;             /* threads: --jobs, else EGREPORT_JOBS, else 2 */
    long long sde;        /* SOURCE_DATE_EPOCH, 0 when unset */
    eg_limits lim;        /* caps on what one input file may make us hold */
} build_opts;

/* What the summary line reports. */
typedef struct {
    int up_to_date;
    int written;
    long units_got, units_expected, values, errors, warnings;
    char provisional_to[11];  /* the year is not over: the day its figures run
                               * to (YYYY-MM-DD); "" when it is over */
} outcome;

static const char build_usage[] =
    "usage: egreport build YEAR [--input DIR] [--output DIR] [--layouts DIR]\n"
    "                      [--strict] [--force] [--quiet] [--wait SECONDS] [--jobs N]\n"
    "                      [--max-... N]\n";

static int usage_error(const char *fmt, const char *arg)
{
    fputs("egreport build: ", stderr);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    fputs(build_usage, stderr);
    return EG_EXIT_USAGE;
}

/* The resource caps, one option each (docs/operations.md); sizes take a
 * K, M or G suffix (powers of 1024). */
static const struct {
    const char *name;
    size_t offset;
    int is_long;          /* a long field, else size_t */
    int is_size;          /* bytes: a suffix is allowed */
} limit_opts[] = {
    { "--max-file-size", offsetof(eg_limits, max_file_bytes), 0, 1 },
    { "--max-rows", offsetof(eg_limits, max_rows), 1, 0 },
    { "--max-cell", offsetof(eg_limits, max_field), 0, 1 },
    { "--max-fields", offsetof(eg_limits, max_fields), 0, 0 },
    { "--max-part-size", offsetof(eg_limits, max_entry_bytes), 0, 1 },
    { "--max-unzipped-size", offsetof(eg_limits, max_total_bytes), 0, 1 },
    { "--max-parts", offsetof(eg_limits, max_entries), 0, 0 },
    { "--max-strings", offsetof(eg_limits, max_strings), 0, 0 },
    { "--max-strings-size", offsetof(eg_limits, max_string_bytes), 0, 1 },
};

/* A whole number >= 1 (grouping allowed, as everywhere), with an optional
 * K, M or G suffix when is_size.  Returns 0 or -1. */
static int parse_amount(const char *s, int is_size, int64_t *out)
{
    char buf[64];
    size_t n = strlen(s);
    int shift = 0;
    int64_t v;

    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, s, n + 1);
    if (is_size && strchr("kKmMgG", buf[n - 1])) {
        char c = buf[n - 1];

        shift = c == 'k' || c == 'K' ? 10 : c == 'm' || c == 'M' ? 20 : 30;
        buf[--n] = '\0';
    }
    if (eg_parse_count(buf, &v) != EG_NUM_OK || v < 1 || v > (INT64_MAX >> shift))
        return -1;
    *out = v << shift;
    return 0;
}

static int parse_args(int argc, char **argv, build_opts *o)
{
    int have_year = 0;
    const char *err;

    memset(o, 0, sizeof *o);
    o->input = "input";
    o->output = "output";
    o->wait = DEFAULT_WAIT_SECONDS;
    /* a two-core program: two threads unless told otherwise */
    o->jobs = eg_jobs_from_env(2);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **target = NULL;
        size_t lim = sizeof limit_opts / sizeof *limit_opts;

        for (size_t k = 0; k < sizeof limit_opts / sizeof *limit_opts; k++)
            if (strcmp(a, limit_opts[k].name) == 0)
                lim = k;
        if (strcmp(a, "--input") == 0)
            target = &o->input;
        else if (strcmp(a, "--output") == 0)
            target = &o->output;
        else if (strcmp(a, "--layouts") == 0)
            target = &o->layouts;
        if (target) {
            if (i + 1 >= argc || !argv[i + 1][0])
                return usage_error("option %s needs a folder", a);
            *target = eg_cli_folder_arg(argv[++i]);
        } else if (lim < sizeof limit_opts / sizeof *limit_opts) {
            int64_t v;
            char *field = (char *)&o->lim + limit_opts[lim].offset;

            if (i + 1 >= argc || parse_amount(argv[i + 1], limit_opts[lim].is_size, &v) != 0)
                return usage_error(limit_opts[lim].is_size
                                   ? "option %s needs a size in bytes such as 1048576 or 200M"
                                   : "option %s needs a whole number of at least 1", a);
            i++;
            if (limit_opts[lim].is_long)
                *(long *)(void *)field = v > LONG_MAX ? LONG_MAX : (long)v;
            else
                *(size_t *)(void *)field = (uint64_t)v > SIZE_MAX ? SIZE_MAX : (size_t)v;
        } else if (strcmp(a, "--wait") == 0) {
            int64_t v;

            if (i + 1 >= argc || (strcmp(argv[i + 1], "0") != 0 &&
                                  (parse_amount(argv[i + 1], 0, &v) != 0 || v > 86400)))
                return usage_error("option %s needs a number of seconds from 0 to 86400", a);
            o->wait = strcmp(argv[++i], "0") == 0 ? 0 : (long)v;
        } else if (strcmp(a, "--jobs") == 0) {
            int64_t v;

            if (i + 1 >= argc || parse_amount(argv[i + 1], 0, &v) != 0 || v > EG_MAX_JOBS)
                return usage_error("option %s needs a number of threads from 1 to 8", a);
            o->jobs = (int)v;
            i++;
        } else if (strcmp(a, "--strict") == 0) {
            o->strict = 1;
        } else if (strcmp(a, "--force") == 0) {
            o->force = 1;
        } else if (strcmp(a, "--quiet") == 0) {
            o->quiet = 1;
        } else if ((err = eg_cli_year_arg(a, &o->year, &have_year)) != NULL) {
            return usage_error(err, a);
        }
    }
    if (!have_year)
        return usage_error("which YEAR?%s", "");
    return -1;
}

/* The year's output folder is its input folder or inside it (--output
 * the same as --input, or a folder of the year's): the outputs would be
 * read as the next build's inputs, which then never is up to date, and
 * could land among the submissions. */
static int check_folders(const build_opts *o)
{
    int rc = eg_cli_output_outside_input("build", o->input, o->output, o->year,
                                         "the outputs would be read as inputs, and no build "
                                         "would ever be up to date", build_usage);

    if (rc < 0)
        rc = eg_cli_output_outside_layouts("build", o->layouts, o->output, o->year, build_usage);
    return rc;
}

/* The time written into the outputs: SOURCE_DATE_EPOCH when set (sde,
 * checked before the build began), else the report's issue date at
 * midnight UTC, so that the same inputs give the same bytes. */
static long long output_time(const eg_dataset *ds, long long sde)
{
    const char *issued = eg_dataset_fact(ds, "issued_on");
    int ymd = issued ? eg_iso_date(issued, strlen(issued)) : 0;
    struct tm tm;

    if (sde > 0)
        return sde;
    memset(&tm, 0, sizeof tm);
    if (ymd) {
        tm.tm_year = ymd / 10000 - 1900;
        tm.tm_mon = ymd / 100 % 100 - 1;
        tm.tm_mday = ymd % 100;
        return (long long)timegm(&tm);
    }
    return 946684800;   /* 2000-01-01 */
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

/* " SIZE:MTIME" of the file at path (a link followed), or " -". */
static char *file_look(const char *path)
{
    struct stat st;

    if (stat(path, &st) != 0)
        return eg_xstrdup(" -");
    return eg_xasprintf(" %lld:%lld", (long long)st.st_size, (long long)st.st_mtim.tv_sec);
}

/* The time zone the dates are read in (W_LATE dates a file by its local
 * day): TZ, the zone file TZ names ("Asia/Ho_Chi_Minh" or ":/path", as
 * glibc finds it under TZDIR), and the system's zone (/etc/localtime's
 * target); each file by its size and time, so that a tzdata update that
 * keeps the zone's name rebuilds too. */
static char *zone_settings(void)
{
    const char *tz = getenv("TZ"), *tzdir = getenv("TZDIR");
    char target[256] = "-";
    ssize_t n;
    char *sys, *named = NULL, *s;

    if ((n = readlink("/etc/localtime", target, sizeof target - 1)) > 0)
        target[n] = '\0';
    sys = file_look("/etc/localtime");
    if (tz && *tz) {
        const char *name = tz[0] == ':' ? tz + 1 : tz;

        if (name[0] == '/') {
            named = file_look(name);
        } else {
            char *path = eg_xasprintf("%s/%s", tzdir && *tzdir ? tzdir : "/usr/share/zoneinfo",
                                      name);

            named = file_look(path);
            free(path);
        }
    }
    s = eg_xasprintf("TZ=%s%s%s TZDIR=%s zone=%s%s", tz ? "set:" : "unset", tz ? tz : "",
                     named ? named : "", tzdir ? tzdir : "", target, sys);
    free(sys);
    free(named);
    return s;
}

/* What changes the bytes written besides the inputs, the layouts and the
 * program: the time written into the outputs, the time zone, the day the
 * figures run to (while the year is not over, a build of the next day is
 * not up to date), the caps on what is read, and the fonts embedded. */
static char *output_settings(const eg_limits *lim, const eg_dataset *ds)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    /* The caps (--max-...) decide what is read: a build under other caps
     * is not up to date.  Each as it applies, 0 being its default. */
    eg_limits l = eg_limits_of(lim);
    char *zone = zone_settings(), *s;

    s = eg_xasprintf("SOURCE_DATE_EPOCH=%s %s as_of=%s%s "
                     "caps=%zu,%zu,%zu,%zu,%zu,%zu,%zu,%zu,%zu fonts=%s",
                     sde ? sde : "", zone, ds->as_of, ds->provisional ? ",provisional" : "",
                     l.max_field,
                     l.max_fields, (size_t)l.max_rows, l.max_file_bytes, l.max_entry_bytes,
                     l.max_total_bytes, l.max_entries, l.max_strings, l.max_string_bytes,
                     font_dir());
    free(zone);

    for (int i = 0; i < EG_PDF_FACES; i++) {
        char *path = eg_xasprintf("%s/%s", font_dir(), eg_pdf_face_files[i]);
        char *look = file_look(path);
        char *next = eg_xasprintf("%s%s", s, look);

        free(path);
        free(look);
        free(s);
        s = next;
    }
    return s;
}

/* ---- signals ------------------------------------------------------------ */

/* The build whose temporary files a signal must remove. */
static eg_build_out *volatile live_out;

/* What a stop says on standard error, made before any signal can come
 * (a handler may only write(2)): "egreport: build 2020: stopped by". */
static char stop_said[64];

static void say(const char *s)
{
    ssize_t n = write(2, s, strlen(s));

    (void)n;
}

/* How far the commit went (write/publish.h), as the log line of a build
 * stopped or failed says it: a string constant, for the handler too. */
static const char *commit_words(void)
{
    return eg_publish_committed == 1 ? " after its new outputs were put in place"
           : eg_publish_committed == 2 ? ", some outputs replaced and others not: the next "
                                         "build writes them all again"
                                       : ", nothing was written";
}

static void on_signal(int sig)
{
    eg_build_out *b = live_out;

    eg_build_write_halt();
    if (b)
        eg_build_out_remove_temps(b);
    /* a 3 a.m. log keeps one line of a build, stopped too */
    say(stop_said);
    say(sig == SIGTERM ? " SIGTERM" : sig == SIGINT ? " SIGINT" : sig == SIGHUP ? " SIGHUP"
                                                                                 : " SIGQUIT");
    say(commit_words());
    say(eg_publish_committed ? "\n" : ": the previous outputs are as they were\n");
    signal(sig, SIG_DFL);
    raise(sig);
}

/* ---- reading, with progress ---------------------------------------------- */

/* Wraps the acceptor to show which file is being read and to offer the
 * tests a point in the middle of extraction. */
typedef struct {
    eg_acceptor *acc;
    size_t total;           /* files in submissions/, for the bar */
    int file;               /* the file whose rows are coming */
} reading;

static int on_raw(void *ctx, const eg_raw_value *rv)
{
    reading *r = ctx;

    if (rv->file != r->file) {
        r->file = rv->file;
        if (rv->file == 1)
            eg_test_point("extract");
        eg_progress_set("reading submissions", (size_t)rv->file, r->total);
    }
    return eg_accept_raw(r->acc, rv);
}

/* Files directly in submissions/, from the manifest's scan. */
static size_t count_submissions(const eg_manifest *m)
{
    size_t n = 0;

    for (size_t i = 0; i < m->n_inputs; i++)
        if (strncmp(m->inputs[i].path, "submissions/", 12) == 0 &&
            !strchr(m->inputs[i].path + 12, '/'))
            n++;
    return n;
}

/* A build's day before the year it builds (SOURCE_DATE_EPOCH pinned to
 * an old time for a reproducible build, a clock set wrong, a year built
 * before it begins): its report says its figures run to that day. */
static void check_build_day(const eg_dataset *ds, int from_sde, eg_diag_list *problems)
{
    char first[16], day[16];

    snprintf(first, sizeof first, "%04d-01-01", ds->year % 10000);
    if (!ds->provisional || strcmp(ds->as_of, first) >= 0)
        return;
    eg_diag_add(problems, EG_WARNING, "W_BUILD_DAY", NULL, 0, 0, NULL, NULL,
                "ngày lập báo cáo %s (%s) ở trước năm %d: báo cáo ghi số liệu là số liệu tạm "
                "tính đến ngày đó; %s",
                eg_dataset_as_of_short(ds, day, sizeof day),
                from_sde ? "theo SOURCE_DATE_EPOCH" : "theo đồng hồ của máy", ds->year,
                from_sde ? "đặt SOURCE_DATE_EPOCH là một thời điểm sau ngày cuối của năm (hoặc "
                           "bỏ đi) rồi lập lại báo cáo"
                         : "kiểm tra năm cần lập báo cáo và đồng hồ của máy");
}

static int run(const build_opts *o, eg_diag_list *dl, eg_diag_list *problems, outcome *oc)
{
    eg_layouts L;
    eg_dataset ds;
    eg_acceptor acc;
    eg_results res;
    eg_doc doc;
    eg_build_out bo;
    eg_reconcile_reading systems;
    reading rd;
    int own_year;
    char *layouts = eg_find_layouts(o->layouts, o->year, &own_year, dl);
    char *settings = NULL;
    int rc = EG_EXIT_FATAL;
    size_t got = 0;

    memset(&ds, 0, sizeof ds);
    memset(&res, 0, sizeof res);
    memset(&doc, 0, sizeof doc);
    memset(&L, 0, sizeof L);
    memset(&systems, 0, sizeof systems);
    if (!layouts)
        return EG_EXIT_FATAL;
    ds.year = o->year;
    ds.jobs = o->jobs;
    ds.year_dir = eg_cli_year_path(o->input, o->year);
    eg_dataset_set_as_of(&ds, o->sde > 0 ? o->sde : (long long)time(NULL));
    if (ds.provisional)
        memcpy(oc->provisional_to, ds.as_of, sizeof oc->provisional_to);

    /* No year folder: said before the output folder or its lock is made */
    eg_build_out_init(&bo, o->output, o->year);
    if (eg_cli_year_dir_check(ds.year_dir, dl))
        goto done;

    /* One build at a time per output folder; then whatever a build that
     * died left there is repaired before anything else looks at it. */
    if (eg_build_out_lock(&bo, o->wait, dl))
        goto done;
    live_out = &bo;

    /* Nothing changed since the outputs in place were built: say so and
     * touch nothing.  --strict cannot take that way out when the last
     * build had data errors: it must refuse them. */
    eg_progress_set("checking what changed", 0, 0);
    settings = output_settings(&o->lim, &ds);
    if (eg_build_out_check(&bo, ds.year_dir, layouts, own_year, settings, o->force,
                           ds.jobs) &&
        !(o->strict && bo.prev.errors)) {
        oc->up_to_date = 1;
        eg_build_out_refresh(&bo);
        oc->units_got = bo.prev.units_got;
        oc->units_expected = bo.prev.units_expected;
        oc->values = bo.prev.values;
        oc->errors = bo.prev.errors;
        oc->warnings = bo.prev.warnings;
        rc = bo.prev.exit_code ? EG_EXIT_DATA : EG_EXIT_OK;
        goto done;
    }

    /* Not up to date: the outputs must be written, so the folder must
     * take them; said now, not once everything is computed. */
    if (eg_build_out_writable(&bo, dl))
        goto done;

    eg_progress_set("loading the layouts and registry", 0, 0);
    if (eg_layouts_load(&L, layouts, dl))
        goto done;
    if (own_year)
        eg_layouts_show_year(&L, o->year);

    /* Extract: the registry and the report's facts first, they are fatal. */
    if (eg_registry_load(&ds, &L.cat, dl) || eg_facts_load(&ds, dl))
        goto done;
    eg_facts_check_year(&ds, problems);
    check_build_day(&ds, o->sde > 0, problems);
    eg_baseline_load(&ds, bo.dir, problems);

    /* With more than one thread, the systems' exports are read meanwhile,
     * by a thread of their own: they need the registry only, until they
     * are compared.  With one, they are read when they are compared. */
    if (ds.jobs > 1)
        eg_reconcile_start(&systems, &ds, 1);

    /* Normalize: every row through the acceptor, then the checks. */
    eg_acceptor_init(&acc, &ds, &L, problems);
    rd.acc = &acc;
    rd.total = count_submissions(&bo.now);
    rd.file = -1;
    /* Read by a pool of threads, accepted in file-name order: the same
     * bytes out whatever the number (extract/parallel.h). */
    if (eg_submissions_read_jobs(&ds, L.columns, on_raw, &rd, &o->lim, problems, ds.jobs)) {
        eg_acceptor_finish(&acc);
        move_fatal(problems, dl);
        goto done;
    }
    eg_acceptor_finish(&acc);
    eg_progress_set("checking and reconciling", 0, 0);
    eg_checks_run(&L, &ds, ds.jobs > 1 ? &systems : NULL, problems, &res);
    eg_diag_close(problems);        /* the lines for what was not listed */
    eg_diag_name_owners(problems, &ds);
    eg_progress_set("composing the report", 0, 0);
    if (eg_narrative_build(&doc, &L, &ds, &res, problems, problems) != 0) {
        move_fatal(problems, dl);
        goto done;
    }
    doc.created = output_time(&ds, o->sde);
    eg_diag_close(problems);
    eg_diag_sort(problems);
    if (o->strict && problems->n_error) {
        eg_diag_add(dl, EG_FATAL, "F_STRICT", NULL, 0, 0, NULL, NULL,
                    "--strict: %zu data error%s, nothing written", problems->n_error,
                    problems->n_error == 1 ? "" : "s");
        goto done;
    }

    /* Write: every output under a temporary name in the output folder,
     * then all put in place together (write/publish.h). */
    for (size_t u = 0; u < ds.registry.n; u++)
        got += ds.registry.items[u].submitted != 0;
    oc->units_got = (long)got;
    oc->units_expected = (long)ds.registry.n;
    oc->values = (long)ds.n_values;
    oc->errors = (long)problems->n_error;
    oc->warnings = (long)problems->n_warning;
    if (ds.not_yet_come) {
        /* A submitted_on judged not yet come is a slip only until the
         * clock reaches it: these outputs hang on the build's day, and a
         * later build is not up to date with them (as a provisional
         * build's as_of makes it). */
        char *s = eg_xasprintf("%s today=%d", bo.now.settings, ds.today);

        free(bo.now.settings);
        bo.now.settings = s;
    }
    if (eg_build_out_begin(&bo, dl))
        goto done;
    eg_test_point("xlsx");
    eg_progress_set("writing the outputs", 0, 0);
    if (eg_build_write(&bo, &ds, &L, &res, &doc, problems, font_dir(), o->jobs, dl))
        goto done;
    eg_test_point("commit");
    eg_progress_set("putting the outputs in place", 0, 0);
    rc = problems->n_error ? EG_EXIT_DATA : EG_EXIT_OK;
    if (eg_build_out_commit(&bo, rc, oc->units_got, oc->units_expected, oc->values,
                            oc->errors, oc->warnings, dl)) {
        rc = EG_EXIT_FATAL;
        goto done;
    }
    oc->written = 1;
done:
    live_out = NULL;
    eg_reconcile_abandon(&systems);
    eg_build_out_free(&bo);
    eg_doc_free(&doc);
    eg_results_free(&res);
    eg_dataset_free(&ds);
    eg_layouts_free(&L);
    free(settings);
    free(layouts);
    return rc;
}

/* The data errors of the list, not its fatal ones: those were copied to
 * the run's own list (move_fatal), which is printed after. */
static void print_errors(const eg_diag_list *problems)
{
    for (size_t i = 0; i < problems->n; i++) {
        eg_diag_list one = { .items = &problems->items[i], .n = 1 };

        if (problems->items[i].severity == EG_ERROR)
            eg_diag_print(&one, stderr, EG_ERROR);
    }
}

static int layout_broken(const eg_diag_list *dl)
{
    for (size_t i = 0; i < dl->n; i++)
        if (strcmp(dl->items[i].code, "F_LAYOUT") == 0)
            return 1;
    return 0;
}

/* The one line a cron log keeps of a build. */
static void print_summary(const build_opts *o, const outcome *oc, const eg_diag_list *dl,
                          int rc, double ms)
{
    char *dir = eg_cli_year_path(o->output, o->year);

    if (rc == EG_EXIT_FATAL) {
        /* a failure inside the commit after a rename says so */
        fprintf(stderr, "egreport: build %d: failed%s (%zu fatal problem%s); %.0f ms\n", o->year,
                commit_words(), dl->n_fatal, dl->n_fatal == 1 ? "" : "s", ms);
    } else if (!o->quiet) {
        char part[80] = "";

        if (oc->provisional_to[0])
            snprintf(part, sizeof part, "provisional (the year is not over), figures to %s, ",
                     oc->provisional_to);
        printf("egreport: build %d: %s%s%ld/%ld units submitted, %ld value%s, %ld error%s, "
               "%ld warning%s; %s %s/egov-%d.xlsx, %s/egov-%d.pdf, %s/validation.csv, "
               "%s/data.csv, %s/baseline-%d.csv; %.0f ms\n",
               o->year, oc->up_to_date ? "up to date, " : "", part, oc->units_got,
               oc->units_expected, oc->values, oc->values == 1 ? "" : "s", oc->errors,
               oc->errors == 1 ? "" : "s", oc->warnings, oc->warnings == 1 ? "" : "s",
               oc->up_to_date ? "kept" : "wrote", dir, o->year, dir, o->year, dir, dir, dir,
               o->year + 1, ms);
    }
    free(dir);
}

int cmd_build(int argc, char **argv)
{
    build_opts o;
    outcome oc;
    eg_diag_list dl = { 0 }, problems = { .listed_max = EG_DIAG_LISTED_MAX };
    struct timespec t0, t1;
    int rc = parse_args(argc, argv, &o);

    if (rc < 0)
        rc = check_folders(&o);
    if (rc < 0)
        rc = eg_cli_source_date_epoch("build", &o.sde);
    if (rc >= 0)
        return rc;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    memset(&oc, 0, sizeof oc);
    snprintf(stop_said, sizeof stop_said, "egreport: build %d: stopped by", o.year);
    eg_stop_signals_catch(on_signal);
    eg_progress_init(!o.quiet && isatty(2));
    rc = run(&o, &dl, &problems, &oc);
    eg_progress_done();
    clock_gettime(CLOCK_MONOTONIC, &t1);
    /* Data problems are in validation.csv; errors also go to stderr for
     * whoever runs the build, and every fatal one always does.  A broken
     * layout is the operator's to mend first: the clerks' errors read
     * with it would bury its message, and come again once it is mended. */
    if (!o.quiet && !layout_broken(&dl))
        print_errors(&problems);
    eg_cli_name_year_files(&dl, o.input, o.year);
    eg_diag_print(&dl, stderr, EG_FATAL);
    print_summary(&o, &oc, &dl, rc,
                  (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
    eg_diag_free(&dl);
    eg_diag_free(&problems);
    return rc;
}
