/*
 * args.c - what the commands' arguments have in common.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/mem.h"

int eg_cli_year(const char *a)
{
    int y = 0;

    if (strlen(a) != 4)
        return -1;
    for (int k = 0; k < 4; k++) {
        if (a[k] < '0' || a[k] > '9')
            return -1;
        y = y * 10 + (a[k] - '0');
    }
    return y >= 1900 ? y : -1;
}

int eg_cli_is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int eg_cli_mkdir_p(const char *path)
{
    char *p = eg_xstrdup(path);
    int err = 0;

    /* from the second byte: "/" is no folder to make */
    for (char *s = *p ? p + 1 : p; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST && !err)
            err = errno;
        *s = '/';
    }
    if (mkdir(p, 0777) != 0 && errno != EEXIST && !err)
        err = errno;
    free(p);
    if (eg_cli_is_dir(path))
        return 0;
    errno = err ? err : ENOTDIR;
    return -1;
}

char *eg_cli_folder_arg(char *s)
{
    size_t n = strlen(s);

    while (n > 1 && s[n - 1] == '/')
        s[--n] = '\0';
    return s;
}

char *eg_cli_year_path(const char *root, int year)
{
    return eg_xasprintf("%s/%d", strcmp(root, "/") == 0 ? "" : root, year);
}

int eg_cli_year_dir_check(const char *dir, eg_diag_list *dl)
{
    struct stat st;
    int rc = stat(dir, &st);

    if (rc == 0 && S_ISDIR(st.st_mode))
        return 0;
    if (rc == 0)
        eg_diag_add(dl, EG_FATAL, "F_INPUT", dir, 0, 0, NULL, NULL,
                    "is not a folder: the year's inputs go in a folder %s/", dir);
    else if (errno == ENOENT || errno == ENOTDIR)
        eg_diag_add(dl, EG_FATAL, "F_INPUT", dir, 0, 0, NULL, NULL,
                    "no such folder: the year's inputs go in %s/", dir);
    else
        eg_diag_add(dl, EG_FATAL, "F_INPUT", dir, 0, 0, NULL, NULL,
                    "cannot read the year's folder: %s", strerror(errno));
    return -1;
}

void eg_cli_name_year_files(eg_diag_list *dl, const char *root, int year)
{
    char *year_dir = eg_cli_year_path(root, year);

    for (size_t i = 0; i < dl->n; i++) {
        eg_diag *d = &dl->items[i];
        char *full;

        if (d->severity != EG_FATAL || !d->file || d->file[0] == '/' ||
            (strcmp(d->code, "F_UNITS") != 0 && strcmp(d->code, "F_REPORT") != 0 &&
             strcmp(d->code, "F_INPUT") != 0) ||
            strncmp(d->file, year_dir, strlen(year_dir)) == 0)
            continue;
        full = eg_xasprintf("%s/%s", year_dir, d->file);
        free(d->file);
        d->file = full;
    }
    free(year_dir);
}

/* path as an absolute name without symbolic links, "." or "..", for a
 * folder that may not exist yet: the longest part of it that exists
 * through realpath(3), the rest as written (as mkdir -p would make it).
 * A new string, or NULL when not even the current folder resolves. */
static char *real_folder(const char *path)
{
    char *r = realpath(path, NULL), *copy, *slash, *base, *out;
    const char *parent, *last;
    size_t n;

    if (r || !*path)
        return r;
    copy = eg_xstrdup(path);
    n = strlen(copy);
    while (n > 1 && copy[n - 1] == '/')
        copy[--n] = '\0';
    slash = strrchr(copy, '/');
    if (!slash) {
        parent = ".";
        last = copy;
    } else {
        *slash = '\0';
        parent = slash == copy ? "/" : copy;
        last = slash + 1;
    }
    base = real_folder(parent);
    if (!base || strcmp(last, ".") == 0) {
        out = base;
    } else if (strcmp(last, "..") == 0) {
        char *up = strrchr(base, '/');

        if (up)
            up[up == base ? 1 : 0] = '\0';
        out = base;
    } else {
        out = eg_xasprintf("%s%s%s", base, strcmp(base, "/") == 0 ? "" : "/", last);
        free(base);
    }
    free(copy);
    return out;
}

/* Where the real path r stands against the real folder dir (either NULL:
 * unknown): NULL when outside it; else the rest of r after dir, "" when it
 * is dir itself, "/…" when inside it. */
static const char *within(const char *r, const char *dir)
{
    size_t n = dir ? strlen(dir) : 0;

    return r && dir && strncmp(r, dir, n) == 0 && (r[n] == '/' || !r[n]) ? r + n : NULL;
}

int eg_cli_output_outside_input(const char *cmd, const char *input, const char *output,
                                 int year, const char *why, const char *usage)
{
    char *in = eg_cli_year_path(input, year);
    char *out = eg_cli_year_path(output, year);
    char *rin = real_folder(in), *rout = real_folder(out);
    const char *rest = within(rout, rin);
    int rc = -1;

    if (rest) {
        fprintf(stderr, "egreport %s: the output folder %s is %s the input folder %s: %s; give "
                "--output a folder outside %s\n", cmd, out, *rest ? "inside" : "the same as",
                in, why, in);
        fputs(usage, stderr);
        rc = EG_EXIT_USAGE;
    }
    free(in);
    free(out);
    free(rin);
    free(rout);
    return rc;
}

/* The last second every output can carry: the PDF's dates and the
 * workbook's (W3CDTF) have four digits for the year. */
#define LAST_TIME 253402300799LL     /* 9999-12-31 23:59:59 UTC */

int eg_cli_source_date_epoch(const char *cmd, long long *t)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    long long v = 0;
    const char *p;

    *t = 0;
    if (!s || !*s)
        return -1;
    for (p = s; *p >= '0' && *p <= '9' && v <= LAST_TIME; p++)
        v = v * 10 + (*p - '0');
    if (*p || v > LAST_TIME) {
        fprintf(stderr, "egreport %s: SOURCE_DATE_EPOCH is '%s': it must be a whole number of "
                "seconds since 1970-01-01 00:00 UTC, from 0 to %lld (9999-12-31 23:59:59), or "
                "unset\n", cmd, s, LAST_TIME);
        return EG_EXIT_USAGE;
    }
    *t = v;
    return -1;
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

/* The search itself, eg_find_layouts without its message. */
static char *search_layouts(const char *option)
{
    const char *env = getenv("EGREPORT_LAYOUTS");
    char *dir, *cand;

    if (option)
        return eg_cli_folder_arg(eg_xstrdup(option));
    if (env && *env)
        return eg_cli_folder_arg(eg_xstrdup(env));
    if (eg_cli_is_dir("layouts"))
        return eg_xstrdup("layouts");
    dir = exe_dir();
    if (!dir)
        return NULL;
    cand = eg_xasprintf("%s/layouts", dir);
    if (!eg_cli_is_dir(cand)) {
        free(cand);
        cand = eg_xasprintf("%s/../share/egreport/layouts", dir);
        if (!eg_cli_is_dir(cand)) {
            free(cand);
            cand = NULL;
        }
    }
    free(dir);
    return cand;
}

char *eg_find_layouts(const char *option, int year, int *own_year, eg_diag_list *dl)
{
    char *dir = search_layouts(option), *own;

    if (own_year)
        *own_year = 0;
    if (!dir) {
        eg_diag_add(dl, EG_FATAL, "F_LAYOUT", NULL, 0, 0, NULL, NULL,
                    "cannot find the layouts folder: give --layouts DIR or set EGREPORT_LAYOUTS");
        return NULL;
    }
    /* a year whose layouts differ keeps them whole in their own folder */
    if (year <= 0)
        return dir;
    own = eg_cli_year_path(dir, year);
    if (!eg_cli_is_dir(own)) {
        free(own);
        return dir;
    }
    free(dir);
    if (own_year)
        *own_year = 1;
    return own;
}

int eg_cli_output_outside_layouts(const char *cmd, const char *layouts, const char *output,
                                   int year, const char *usage)
{
    char *dir = search_layouts(layouts);
    char *out = eg_cli_year_path(output, year);
    char *rdir = dir ? real_folder(dir) : NULL, *rout = rdir ? real_folder(out) : NULL;
    const char *rest = within(rout, rdir);
    int rc = -1;

    if (rest) {
        /* rdir/YEAR: the year's own layouts folder */
        int own = *rest == '/' && eg_cli_year(rest + 1) == year;

        fprintf(stderr, "egreport %s: the output folder %s is %s the layouts folder %s: %s; "
                "give --output a folder outside %s\n", cmd, out, *rest ? "inside" : "the same as",
                dir, own ? "the outputs would be read as the year's own layouts, and every "
                           "build of the year after it would fail"
                         : "the outputs would be read as layouts, and no build would ever be "
                           "up to date", dir);
        fputs(usage, stderr);
        rc = EG_EXIT_USAGE;
    }
    free(dir);
    free(out);
    free(rdir);
    free(rout);
    return rc;
}

const char *eg_cli_year_arg(const char *a, int *year, int *have_year)
{
    if (a[0] == '-')
        return "unknown option '%s'";
    if (*have_year)
        return "unexpected argument '%s'";
    *year = eg_cli_year(a);
    if (*year < 0)
        return "YEAR must be a year such as 2020, not '%s'";
    *have_year = 1;
    return NULL;
}
