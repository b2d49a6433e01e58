/*
 * cmd_validate.c - `egreport validate FILE...`: the checks a build makes
 * that need only the files, the registry and the catalogue, printed as
 * file:row:column: severity: message.  What a clerk runs before sending.
 *
 * Run on the given files, as a build reads them: reading, the header,
 * unit and indicator codes, the reporting level, the value syntax,
 * duplicates among the given files, and the rules of rules.csv that
 * speak of one unit's own values (no sum over a level or over a unit's
 * children: those need the whole year's submissions).  Not run: who has
 * not submitted, lateness, system exports, outliers, baseline.
 * Nothing is written.  docs/forms.md says why each choice was made.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/file.h"
#include "core/mem.h"
#include "core/number.h"
#include "extract/registry.h"
#include "extract/submissions.h"
#include "layout/layout.h"
#include "normalize/accept.h"
#include "normalize/figures.h"

typedef struct {
    int year;             /* 0: the only year folder under input */
    const char *input;
    const char *layouts;
    char **files;         /* as given: a file, or a folder standing for its files */
    size_t n_files;
} validate_opts;

static const char validate_usage[] =
    "usage: egreport validate FILE... [--year YEAR] [--input DIR] [--layouts DIR]\n";

static int usage_error(const char *fmt, const char *arg)
{
    fputs("egreport validate: ", stderr);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    fputs(validate_usage, stderr);
    return EG_EXIT_USAGE;
}

/* A year such as 2020: its value, or 0. */
static int parse_year(const char *s)
{
    int y = eg_cli_year(s);

    return y > 0 ? y : 0;
}

/* Returns -1 when the command may go on, else the exit code.  Options and
 * files may come in any order; after `--` everything is a file. */
static int parse_args(int argc, char **argv, validate_opts *o)
{
    int only_files = 0;

    memset(o, 0, sizeof *o);
    o->input = "input";
    o->files = eg_xcalloc((size_t)argc, sizeof *o->files);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];

        if (only_files || a[0] != '-' || !a[1]) {
            o->files[o->n_files++] = argv[i];
        } else if (strcmp(a, "--") == 0) {
            only_files = 1;
        } else if (strcmp(a, "--input") == 0 || strcmp(a, "--layouts") == 0) {
            if (i + 1 >= argc || !argv[i + 1][0])
                return usage_error("option %s needs a folder", a);
            *(a[2] == 'i' ? &o->input : &o->layouts) = eg_cli_folder_arg(argv[++i]);
        } else if (strcmp(a, "--year") == 0) {
            if (i + 1 >= argc || !(o->year = parse_year(argv[i + 1])))
                return usage_error("option --year needs a year such as 2020%s", "");
            i++;
        } else {
            return usage_error("unknown option '%s'", a);
        }
    }
    if (!o->n_files)
        return usage_error("which FILE? give the submission files to check%s", "");
    return -1;
}

static int cmp_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;

    return (x > y) - (x < y);
}

/* Without --year: the one year folder (a folder named like 2020) under
 * input.  Returns the year, or 0 after saying why on stderr. */
static int only_year(const char *input)
{
    DIR *d = opendir(input);
    struct dirent *e;
    int years[16];
    size_t n = 0;
    char list[128] = "";

    if (!d) {
        fprintf(stderr, "egreport validate: cannot read '%s' (%s) to find the year: give "
                "--year YEAR and --input DIR, the folder that holds YEAR/units.csv\n",
                input, strerror(errno));
        return 0;
    }
    while ((e = readdir(d)) != NULL) {
        int y = parse_year(e->d_name);
        char *path;

        if (!y)
            continue;
        path = eg_xasprintf("%s/%s", input, e->d_name);
        if (eg_cli_is_dir(path) && n < sizeof years / sizeof *years)
            years[n++] = y;
        free(path);
    }
    closedir(d);
    if (n == 1)
        return years[0];
    if (n == 0) {
        fprintf(stderr, "egreport validate: no year folder in '%s': give --year YEAR and "
                "--input DIR, the folder that holds YEAR/units.csv\n", input);
        return 0;
    }
    /* Named in order, whatever the directory's order. */
    qsort(years, n, sizeof *years, cmp_ints);
    for (size_t i = 0; i < n && strlen(list) + 8 < sizeof list; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%d", i ? ", " : "",
                 years[i]);
    fprintf(stderr, "egreport validate: '%s' holds several years (%s): say which with "
            "--year YEAR\n", input, list);
    return 0;
}

/* Adds one file given on the command line to ds->files.  A name of
 * another kind cannot be checked: that is an error here (a build would
 * pass over it with a warning), so that "no error" never means "not
 * read". */
static void add_file(eg_dataset *ds, const char *path, eg_diag_list *dl)
{
    const char *base = strrchr(path, '/');

    base = base ? base + 1 : path;
    /* Excel's lock file beside a workbook it has open (~$BaoCao.xlsx),
     * which `validate *.xlsx` names: a build passes over it without a
     * word; here a warning, since it was named */
    if (strncmp(base, "~$", 2) == 0 && !eg_cli_is_dir(path) && access(path, F_OK) == 0) {
        eg_diag_add(dl, EG_WARNING, "W_FILE_IGNORED", path, 0, 0, NULL, NULL,
                    "tệp khóa mà Excel tạo khi bảng tính đang mở, không phải báo cáo; tệp bị "
                    "bỏ qua");
        return;
    }
    /* a name that is not there is a mistyped name whatever its ending:
     * said not to exist (E_FILE_READ), not to be of the wrong kind */
    if (eg_format_of(base) == EG_FORMAT_OTHER && !eg_cli_is_dir(path) && access(path, F_OK) == 0) {
        eg_diag_add(dl, EG_ERROR, "E_FILE_TYPE", path, 0, 0, NULL, NULL,
                    "không phải tệp báo cáo (.csv, .txt, .xlsx hoặc .xls): không kiểm tra được tệp "
                    "này%s", eg_format_advice(base));
        return;
    }
    eg_submission_add(ds, path, path, dl);
}

/* A folder stands for its files, in name order, as a build reads
 * submissions/: hidden files and Excel's lock files are passed over,
 * files of other kinds are named with a warning.  Returns how many names
 * it holds besides those passed over, or -1 for a folder that cannot be
 * read (which is said: it is not "empty"). */
static long add_folder(eg_dataset *ds, const char *dir, eg_diag_list *dl)
{
    size_t n, len = strlen(dir);
    char **names = eg_submission_names(dir, &n);

    if (!names) {
        eg_diag_add(dl, EG_ERROR, "E_FILE_READ", dir, 0, 0, NULL, NULL,
                    "không đọc được thư mục: %s", eg_strerror_vi(errno));
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        char *path = eg_xasprintf("%.*s/%s", (int)(len > 1 && dir[len - 1] == '/' ? len - 1 : len),
                                  dir, names[i]);

        eg_submission_add(ds, path, path, dl);
        free(path);
        free(names[i]);
    }
    free(names);
    return (long)n;
}

/* Nothing was checked (no file given is a submission that could be
 * added): said on stderr, since "0 errors" must not read as "sound".
 * empty is a folder given that holds nothing, or NULL; said, when
 * nothing else was, what the other files were. */
static void say_nothing_checked(const validate_opts *o, const char *empty, size_t said)
{
    eg_stdout_flush();
    if (empty && o->n_files == 1)
        fprintf(stderr, "egreport validate: nothing was checked: the folder '%s' is empty; ",
                empty);
    else
        fprintf(stderr, "egreport validate: nothing was checked: no submission file (.csv, "
                ".txt, .xlsx or .xls) was found in what was given (%s); ",
                said ? "each file is said above" : "the folders are empty");
    fputs("give the report's file (.xlsx, .xls or .csv), or the folder that holds it\n",
          stderr);
}

/* A rule that speaks of one unit's own values only: a comparison without
 * sums over a level or the unit's children, or a required / only-if
 * list (its condition is the unit's own value too). */
static int own_values_only(const eg_rule *r)
{
    if (r->kind != EG_RULE_COMPARE)
        return 1;
    for (size_t i = 0; i < r->n_nodes; i++)
        if (r->nodes[i].kind == EG_EX_SUM)
            return 0;
    return 1;
}

/* Runs the rules of L that fit a unit's own values, on the units that
 * have at least one value in the files: a unit whose rows are all empty
 * (a form not filled in yet) would otherwise be told of every figure it
 * has not given. */
static void run_own_rules(const eg_layouts *L, eg_dataset *ds, eg_diag_list *dl)
{
    eg_layouts own = *L;
    size_t n = 0;

    own.rules = eg_xcalloc(L->n_rules ? L->n_rules : 1, sizeof *own.rules);
    for (size_t i = 0; i < L->n_rules; i++)
        if (own_values_only(&L->rules[i]))
            own.rules[n++] = L->rules[i];
    own.n_rules = n;
    for (size_t u = 0; u < ds->registry.n; u++)
        ds->registry.items[u].submitted = 0;
    for (size_t i = 0; i < ds->n_values; i++)
        ds->registry.items[ds->values[i].unit].submitted = 1;
    eg_rules_check(&own, ds, dl);
    free(own.rules);
}

/* The acceptor's list without what only a whole year can say: who has
 * not submitted is no business of a file being checked.  from is
 * emptied. */
static void keep_file_problems(eg_diag_list *from, eg_diag_list *to)
{
    /* with its count past the cap: no "… N more W_NOT_SUBMITTED" line */
    eg_diag_drop(from, "W_NOT_SUBMITTED");
    eg_diag_move(to, from, 0, SIZE_MAX);
}

int cmd_validate(int argc, char **argv)
{
    validate_opts o;
    eg_layouts L;
    eg_dataset ds;
    eg_acceptor acc;
    eg_diag_list dl = { 0 }, raw = { .listed_max = EG_DIAG_LISTED_MAX },
                 problems = { .listed_max = EG_DIAG_LISTED_MAX };
    char *layouts = NULL;
    const char *empty = NULL;   /* a folder given that holds nothing */
    size_t units = 0, said;
    int rc = parse_args(argc, argv, &o);

    memset(&L, 0, sizeof L);
    memset(&ds, 0, sizeof ds);
    if (rc >= 0)
        goto out;
    if (!o.year && !(o.year = only_year(o.input))) {
        rc = EG_EXIT_USAGE;
        goto out;
    }
    rc = EG_EXIT_FATAL;

    /* The catalogue and the registry: without them nothing can be said
     * about a value, so their problems are fatal as in a build. */
    layouts = eg_find_layouts(o.layouts, o.year, NULL, &dl);
    if (!layouts)
        goto out;
    if (eg_layouts_load(&L, layouts, &dl))
        goto out;
    ds.year = o.year;
    ds.today = eg_local_day((long long)time(NULL));     /* a submitted_on not yet come */
    ds.year_dir = eg_cli_year_path(o.input, o.year);
    if (!eg_cli_is_dir(ds.year_dir)) {
        eg_diag_add(&dl, EG_FATAL, "F_INPUT", ds.year_dir, 0, 0, NULL, NULL,
                    "no such folder: the registry of %d is read from %s/units.csv "
                    "(give --input DIR or --year YEAR)", o.year, ds.year_dir);
        goto out;
    }
    if (eg_registry_load(&ds, &L.cat, &dl))
        goto out;

    /* Every file as a build reads it, each row through the acceptor:
     * codes, level, value syntax, duplicates among these files. */
    for (size_t i = 0; i < o.n_files; i++) {
        if (!eg_cli_is_dir(o.files[i]))
            add_file(&ds, o.files[i], &raw);
        else if (add_folder(&ds, o.files[i], &raw) == 0 && !empty)
            empty = o.files[i];
    }
    said = raw.n;
    eg_acceptor_init(&acc, &ds, &L, &raw);
    for (size_t f = 0; f < ds.n_files; f++)
        eg_submission_read(&ds, (int)f, L.columns, eg_accept_raw, &acc, NULL, &raw);
    eg_acceptor_finish(&acc);
    keep_file_problems(&raw, &problems);

    /* Then the rules a unit's own values can break. */
    run_own_rules(&L, &ds, &problems);
    for (size_t u = 0; u < ds.registry.n; u++)
        units += ds.registry.items[u].submitted != 0;

    eg_diag_close(&problems);
    eg_diag_sort(&problems);
    eg_diag_print(&problems, stdout, EG_WARNING);
    printf("egreport: validate: %zu file%s checked against %s/units.csv: %zu unit%s with values, "
           "%zu value%s, %zu error%s, %zu warning%s\n", ds.n_files, ds.n_files == 1 ? "" : "s",
           ds.year_dir, units,
           units == 1 ? "" : "s", ds.n_values, ds.n_values == 1 ? "" : "s", problems.n_error,
           problems.n_error == 1 ? "" : "s", problems.n_warning,
           problems.n_warning == 1 ? "" : "s");
    rc = problems.n_error ? EG_EXIT_DATA : EG_EXIT_OK;
    /* Not one file to read: the command named nothing to check, as
     * `validate` without FILE does (no exit 0, nor 1 for "errors found in
     * the files", when no file was looked at). */
    if (!ds.n_files) {
        say_nothing_checked(&o, empty, said);
        rc = EG_EXIT_USAGE;
    }

out:
    if (o.year)
        eg_cli_name_year_files(&dl, o.input, o.year);
    eg_diag_print(&dl, stderr, EG_FATAL);
    eg_dataset_free(&ds);
    eg_layouts_free(&L);
    eg_diag_free(&dl);
    eg_diag_free(&raw);
    eg_diag_free(&problems);
    free(layouts);
    free(o.files);
    return rc;
}
