/*
 * cli.h - the commands of the command line.  Only this folder exits.
 */
#ifndef EG_CLI_H
#define EG_CLI_H

#include "core/diag.h"

/* Exit codes of cli-and-outputs.md. */
enum {
    EG_EXIT_OK = 0,       /* written, no data errors */
    EG_EXIT_DATA = 1,     /* written, data errors listed */
    EG_EXIT_USAGE = 2,    /* the command line is wrong */
    EG_EXIT_FATAL = 3     /* nothing written */
};

int cmd_build(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_template(int argc, char **argv);

/* Where layouts are: --layouts, $EGREPORT_LAYOUTS, ./layouts, beside the
 * executable, or the installed copy; and in it, the year's own folder
 * (2021/) when it has one (*own_year, when not NULL, says whether it had).
 * Returns a new string, or NULL after an F_LAYOUT fatal in dl saying how
 * to give one. */
char *eg_find_layouts(const char *option, int year, int *own_year, eg_diag_list *dl);

/* Standard input, output and error that the caller left closed
 * (cron's "cmd >&-", a daemon's child) are opened on /dev/null, standard
 * output on /dev/full: else the first files a command opens (the lock
 * file, a form being written) take their numbers, and what is printed
 * lands in them.  What is printed on a closed standard output fails as
 * it did (EBADF, eg_stdout_failed).  0, or -1 when /dev/null cannot be
 * opened (said on standard error, if it is open).  Called first. */
int eg_std_fds_guard(void);

/* Flushes standard output, remembering why the first flush that failed
 * did: a command that must order its lines before standard error's calls
 * it rather than fflush, so that the cause is still known at exit. */
void eg_stdout_flush(void);
/* Flushes standard output; 1 when anything printed on it was lost (a
 * full disk, a closed pipe with SIGPIPE ignored), with *err the errno of
 * the first failure known (0 when unknown). */
int eg_stdout_failed(int *err);

/* 1 when path is a folder. */
int eg_cli_is_dir(const char *path);

/* mkdir -p: path made with every folder above it that is missing.  0
 * when path is a folder at the end, else -1 with errno that of the first
 * mkdir that failed (ENOTDIR when none did: a file took its place). */
int eg_cli_mkdir_p(const char *path);

/* A folder given on the command line, its trailing '/' taken off in place
 * ("input/" is "input", so that input/2021 is not input//2021). */
char *eg_cli_folder_arg(char *s);

/* root/year, allocated: "input" gives "input/2021", and "/" gives "/2021". */
char *eg_cli_year_path(const char *root, int year);

/* The libraries linked, as each says at run time ("libxlsxwriter 1.1.4,
 * libharu 2.3.0, zlib 1.2.13, ..."), malloc'd: printed by --version, and
 * part of the program a build's manifest records, since a library
 * upgraded under the same executable may write other bytes (libxlsxwriter,
 * libharu, zlib) or read a file otherwise (libzip, expat, PCRE2,
 * utf8proc's Unicode tables, glibc's iconv).  libcsv says no version at
 * run time. */
char *eg_cli_libraries(void);

/* 0 when dir, the year's input folder, is one; otherwise -1 after an
 * F_INPUT fatal saying whether it is missing, no folder or unreadable. */
int eg_cli_year_dir_check(const char *dir, eg_diag_list *dl);

/* Names the fatal problems of the year's own files (units.csv,
 * report.csv, submissions/: F_UNITS, F_REPORT, F_INPUT) with the year's
 * folder, root/year, as a log read at 3 a.m. needs them:
 * input/2020/units.csv, not units.csv, which only a clerk's list relative
 * to the folder can leave bare.  Every command that reads a year does. */
void eg_cli_name_year_files(eg_diag_list *dl, const char *root, int year);

/* The year's output folder (output/YEAR) is its input folder or inside
 * it: said on stderr as a wrong command line, with why it would not do
 * and the command's usage, and EG_EXIT_USAGE, before anything is made;
 * the real paths are compared, so a sibling named alike (in, in-out) is
 * fine.  -1 to go on. */
int eg_cli_output_outside_input(const char *cmd, const char *input, const char *output,
                                 int year, const char *why, const char *usage);

/* The year's output folder is the layouts folder (as --layouts DIR,
 * $EGREPORT_LAYOUTS or the search find it) or inside it: said as
 * eg_cli_output_outside_input says it, and EG_EXIT_USAGE.  --output
 * layouts wrote layouts/2021/, which every build of 2021 after it, into
 * any folder, took for the year's own layouts (F_LAYOUT: no
 * indicators.csv); a folder deeper in changed the layouts' digest at
 * every build.  -1 to go on (also when no layouts folder is found: the
 * build says so). */
int eg_cli_output_outside_layouts(const char *cmd, const char *layouts, const char *output,
                                   int year, const char *usage);

/* The time the outputs carry when SOURCE_DATE_EPOCH is set
 * (reproducible-builds.org): *t, in seconds since the epoch, 0 when it is
 * unset, empty or 0 (the command's own time then).  A value that is no
 * whole number of seconds, or past 9999-12-31, which the PDF's and the
 * workbook's dates cannot hold (a huge one crashed libxlsxwriter), is
 * said on stderr as a wrong command line, and EG_EXIT_USAGE, before
 * anything is made.  -1 to go on. */
int eg_cli_source_date_epoch(const char *cmd, long long *t);

/* A command line's YEAR ("2020"): the year, or -1 unless it is four
 * digits from 1900 on. */
int eg_cli_year(const char *a);

/* An argument a command did not take as one of its options: an unknown
 * option, the YEAR (stored in *year, *have_year set), or one argument too
 * many.  Returns NULL, or the usage error's message (a format for a). */
const char *eg_cli_year_arg(const char *a, int *year, int *have_year);

#endif
