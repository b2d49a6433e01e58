/*
 * egreport - compiles a province's e-government report from the
 * spreadsheets its units submit.  A command table, as git has.
 */
#include <malloc.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/fsize.h"
#include "core/mem.h"
#include "core/version.h"

static const char usage[] =
    "usage: egreport build YEAR [--input DIR] [--output DIR] [--layouts DIR]\n"
    "                      [--strict] [--force] [--quiet] [--wait SECONDS]\n"
    "                      [--jobs N] [--max-... N]\n"
    "       egreport status YEAR [--input DIR] [--layouts DIR] [--all]\n"
    "       egreport validate FILE... [--year YEAR] [--input DIR] [--layouts DIR]\n"
    "       egreport template YEAR [--unit CODE] [--input DIR] [--output DIR]\n"
    "                         [--layouts DIR]\n"
    "       egreport --help | --version\n"
    "\n"
    "  build     read <input>/YEAR/ (default input/), check every value, and write\n"
    "            <output>/YEAR/ (default output/): egov-YEAR.xlsx, egov-YEAR.pdf,\n"
    "            validation.csv, data.csv, baseline-(YEAR+1).csv (next year's\n"
    "            baseline.csv) and egov-YEAR.manifest; nothing is\n"
    "            rewritten when nothing changed\n"
    "  status    how many units of each level have submitted, and are late; who\n"
    "            has not, who is late (and with --all who has submitted)\n"
    "  validate  check submission files (or folders of them) as a build would, print\n"
    "            FILE:ROW:COLUMN: error|warning: message [CODE], write nothing;\n"
    "            exit 1 on errors\n"
    "  template  write the XLSX forms the units fill in:\n"
    "            <output>/YEAR/templates/CODE.xlsx\n"
    "\n"
    "options (each command takes those its usage line names):\n"
    "  --input DIR     the folder holding YEAR/ (default: input)\n"
    "  --output DIR    the folder to write YEAR/ into (default: output)\n"
    "  --layouts DIR   catalogue, rules and report layout (default:\n"
    "                  $EGREPORT_LAYOUTS, ./layouts, layouts/ beside the executable,\n"
    "                  or the installed copy); its YEAR/ folder when it has one\n"
    "  --year YEAR     validate: whose units.csv to check against (default: the\n"
    "                  only year folder under --input)\n"
    "  --unit CODE     template: that unit's form alone (a commune's too)\n"
    "  --all           status: name every unit that has submitted too, with its\n"
    "                  date and the file it came from\n"
    "\n"
    "options of build alone:\n"
    "  --strict        any data error stops the build: exit 3, nothing written\n"
    "  --force         build even when the outputs are up to date\n"
    "  --quiet         print fatal problems only, not the summary\n"
    "  --wait SECONDS  how long to wait for another build of the same folder\n"
    "                  (default 60), then give up with exit 3\n"
    "  --jobs N        threads, 1 to 8 (default: $EGREPORT_JOBS, else 2); the outputs\n"
    "                  are the same bytes whatever the number\n"
    "  --max-file-size BYTES   one submission file (default 256M)\n"
    "  --max-rows N            rows in one file (default 10000000)\n"
    "  --max-cell BYTES        one cell (default 1M)\n"
    "  --max-fields N          cells in one row (default 16384)\n"
    "  --max-part-size BYTES   one unzipped part of an XLSX file (default 128M)\n"
    "  --max-unzipped-size BYTES   all parts of one XLSX file (default 1G)\n"
    "  --max-parts N           parts in one XLSX file (default 10000)\n"
    "  --max-strings N         shared strings of one XLSX file (default 1000000)\n"
    "  --max-strings-size BYTES    their total size (default 64M)\n"
    "\n"
    "exit status: 0 written (or up to date) without data errors; 1 written, data\n"
    "errors listed in validation.csv; 2 wrong command line; 3 nothing written.\n"
    "See egreport(1).\n";

/* prints: what it prints is what it is run for (checked_exit) */
static const struct {
    const char *name;
    int (*fn)(int argc, char **argv);
    int prints;
} commands[] = {
    { "build", cmd_build, 0 },
    { "status", cmd_status, 1 },
    { "validate", cmd_validate, 1 },
    { "template", cmd_template, 0 },
};

/* Whether what was printed reached standard output: a full disk, or a
 * pipe or socket closed under us (SIGPIPE ignored), fails a write that
 * stdio only remembers.  Said on standard error.  What status, validate,
 * --help and --version print is what they are run for: their exit status
 * becomes 3.  A build's and a template's products are the files they
 * wrote, whole (their summary line is a report on them): they keep theirs. */
static int checked_exit(const char *what, int rc, int prints)
{
    int err;

    if (!eg_stdout_failed(&err))
        return rc;
    fprintf(stderr, "egreport: %s: cannot write to standard output: %s\n", what,
            err ? strerror(err) : "a write failed");
    return prints && rc < EG_EXIT_USAGE ? EG_EXIT_FATAL : rc;
}

/* 1 when the option named by a's first n bytes takes a value. */
static int takes_value(const char *a, size_t n)
{
    static const char *const named[] = { "--input", "--output", "--layouts", "--wait",
                                         "--jobs", "--year", "--unit" };

    if (n > 6 && strncmp(a, "--max-", 6) == 0)
        return 1;
    for (size_t i = 0; i < sizeof named / sizeof *named; i++)
        if (strlen(named[i]) == n && strncmp(a, named[i], n) == 0)
            return 1;
    return 0;
}

/* "egreport build --help", "egreport validate x.csv -h": what a newcomer
 * tries first.  An option's value is no request for help (--unit -h is a
 * wrong unit code, said so by the command), nor is what follows "--". */
static int asks_help(int argc, char **argv)
{
    for (int k = 2; k < argc; k++) {
        if (strcmp(argv[k], "--") == 0)
            return 0;
        if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0)
            return 1;
        k += takes_value(argv[k], strlen(argv[k]));
    }
    return 0;
}

/* argv with each "--option=VALUE" of an option that takes a value (up to
 * a "--", and not where an option's value is expected) made two
 * arguments, "--option" and "VALUE", as getopt_long takes them: a new
 * array (its strings argv's, or copies of the names, *copies of them). */
static char **split_values(int *argc, char **argv, char ***copies)
{
    char **out = eg_xcalloc((size_t)*argc * 2 + 1, sizeof *out);
    int n = 0, k = 0, m = 0;

    *copies = eg_xcalloc((size_t)*argc + 1, sizeof **copies);
    for (; k < *argc; k++) {
        const char *eq = strchr(argv[k], '=');

        if (k >= 2 && strcmp(argv[k], "--") == 0)
            break;
        if (k >= 2 && eq && takes_value(argv[k], (size_t)(eq - argv[k]))) {
            char *name = eg_xstrndup(argv[k], (size_t)(eq - argv[k]));

            (*copies)[m++] = name;
            out[n++] = name;
            out[n++] = (char *)eq + 1;
            continue;
        }
        out[n++] = argv[k];
        if (k >= 2 && takes_value(argv[k], strlen(argv[k])) && k + 1 < *argc)
            out[n++] = argv[++k];
    }
    for (; k < *argc; k++)
        out[n++] = argv[k];
    *argc = n;
    return out;
}

int main(int argc, char **argv)
{
    /* A build allocates and frees in bursts on several threads; the
     * allocator keeps up to this much free at the top of each heap rather
     * than giving it back and faulting it in again a moment later
     * (docs/scaling.md). */
    mallopt(M_TOP_PAD, 4 << 20);
    if (eg_std_fds_guard() != 0)
        return EG_EXIT_FATAL;
    /* A file size limit (ulimit -f) must be a write error that each
     * command reports (exit 3), not a death that skips its cleanup and
     * leaves a half-written file behind (core/fsize.h). */
    eg_fsize_catch();
    if (argc < 2) {
        fputs(usage, stderr);
        return EG_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(usage, stdout);
        return checked_exit("--help", EG_EXIT_OK, 1);
    }
    if (strcmp(argv[1], "--version") == 0) {
        char *libs = eg_cli_libraries();

        printf("egreport %s\n%s\n", EG_VERSION, libs);
        free(libs);
        return checked_exit("--version", EG_EXIT_OK, 1);
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0) {
            char **copies, **args = split_values(&argc, argv, &copies);
            int rc;

            if (asks_help(argc, args)) {
                fputs(usage, stdout);
                rc = checked_exit("--help", EG_EXIT_OK, 1);
            } else {
                rc = checked_exit(commands[i].name, commands[i].fn(argc - 1, args + 1),
                                  commands[i].prints);
            }
            for (char **c = copies; *c; c++)
                free(*c);
            free(copies);
            free(args);
            return rc;
        }
    fprintf(stderr, "egreport: unknown command '%s'\n\n%s", argv[1], usage);
    return EG_EXIT_USAGE;
}
