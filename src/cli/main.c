/*
 * egreport - compiles a province's e-government report from the
 * spreadsheets its units submit.  A command table, as git has.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/version.h"

static const char usage[] =
    "usage: egreport build YEAR [--input DIR] [--output DIR] [--layouts DIR]\n"
    "                      [--strict] [--quiet]\n"
    "       egreport --help | --version\n"
    "\n"
    "  build     read <input>/YEAR/ (default input/), check every value, and write\n"
    "            <output>/YEAR/ (default output/): egov-YEAR.xlsx, egov-YEAR.pdf\n"
    "            and validation.csv\n"
    "\n"
    "options of build:\n"
    "  --input DIR     the folder holding YEAR/ (default: input)\n"
    "  --output DIR    the folder to write YEAR/ into (default: output)\n"
    "  --layouts DIR   catalogue, rules and report layout (default: $EGREPORT_LAYOUTS,\n"
    "                  ./layouts, or the installed copy)\n"
    "  --strict        any data error stops the build: exit 3, nothing written\n"
    "  --quiet         print fatal problems only, not the summary\n"
    "\n"
    "exit status: 0 written without data errors; 1 written, data errors listed in\n"
    "validation.csv; 2 wrong command line; 3 nothing written.\n";

static const struct {
    const char *name;
    int (*fn)(int argc, char **argv);
} commands[] = {
    { "build", cmd_build },
};

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return EG_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(usage, stdout);
        return EG_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("egreport %s\n", EG_VERSION);
        return EG_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].fn(argc - 1, argv + 1);
    if (strcmp(argv[1], "validate") == 0 || strcmp(argv[1], "template") == 0 ||
        strcmp(argv[1], "status") == 0) {
        fprintf(stderr, "egreport: '%s' is not available in this version yet\n", argv[1]);
        return EG_EXIT_USAGE;
    }
    fprintf(stderr, "egreport: unknown command '%s'\n\n%s", argv[1], usage);
    return EG_EXIT_USAGE;
}
