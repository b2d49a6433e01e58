/*
 * cli.h - the commands of the command line.  Only this folder exits.
 */
#ifndef EG_CLI_H
#define EG_CLI_H

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
 * executable, or the installed copy.  Returns a new string or NULL. */
char *eg_find_layouts(const char *option);

/* A command line's YEAR ("2020"): the year, or -1 unless it is four
 * digits from 1900 on. */
int eg_cli_year(const char *a);

#endif
