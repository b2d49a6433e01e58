/*
 * lxw_said.h - a libxlsxwriter workbook closed, and a failure said once:
 * what the library says on standard error kept while it writes, and the
 * reason in egreport's words (eg_lxw_close, eg_lxw_report).
 *
 * libxlsxwriter 1.1.4 tells of a failure itself, on stderr, before it
 * returns the error: "[ERROR] workbook_close(): Zip ZIP_ERRNO error while
 * creating xlsx file '.../.egov-2020.xlsx.tmp-4242'. System error = No
 * space left on device".  The operator would read two accounts of one
 * failure, the library's naming a temporary file nobody will find.  So
 * while a workbook is written, stderr is a stream in memory (the C
 * library's `stderr` is a variable glibc lets a program set; the file
 * descriptor is untouched, so the sanitizers' reports still reach it),
 * and when the workbook is done the library's lines ("[ERROR]...",
 * "[WARNING]...") are dropped if it failed (the caller's F_XLSX says why,
 * in its words) or passed on if it did not (a warning of the library's is
 * a fault of ours, to be seen).
 *
 * A line another thread writes to stderr meanwhile is kept too, and
 * passed on at the end, late but whole; egreport's other threads write
 * none (its test points and its out-of-memory line, which may come from
 * any thread, write to the descriptor).
 */
#ifndef EG_LXW_SAID_H
#define EG_LXW_SAID_H

#include <stddef.h>
#include <stdio.h>
#include <xlsxwriter.h>

#include "core/diag.h"

typedef struct {
    FILE *real;      /* stderr before; NULL when nothing is kept */
    FILE *mem;
    char *text;
    size_t len;
    unsigned fsize0; /* the thread's writes past the file size limit before */
} eg_lxw_said;

/* From now on, what is written to stderr is kept in s.  When no stream in
 * memory can be had, stderr stays as it is. */
void eg_lxw_said_begin(eg_lxw_said *s);

/* workbook_close(wb), which writes the file and frees the workbook,
 * failed or not, then eg_lxw_said_end: the library's lines passed on
 * only when the workbook is whole (made_ok: nothing failed while it was
 * made).  *sys_err is the system's reason of a failure: errno as the
 * failed call left it, or EFBIG when a part was cut at the file size
 * limit since eg_lxw_said_begin, which libxlsxwriter does not see
 * (core/fsize.h; the workbook would be damaged, and the result is
 * LXW_ERROR_ZIP_FILE_OPERATION). */
lxw_error eg_lxw_close(eg_lxw_said *s, lxw_workbook *wb, int made_ok, int *sys_err);

/* The F_XLSX diagnostic of the workbook at path (what: "workbook",
 * "form") that failed while it was made (made: its error, doing: what it
 * was doing) or closed (closing, sys_err: eg_lxw_close's). */
void eg_lxw_report(eg_diag_list *dl, const char *what, const char *path, lxw_error made,
                   const char *doing, lxw_error closing, int sys_err);

/* stderr as before; what was kept written to it, the library's lines
 * only when pass_on.  Returns how many bytes were kept. */
size_t eg_lxw_said_end(eg_lxw_said *s, int pass_on);

/* Whether libxlsxwriter's error err (an lxw_error) is one of creating or
 * writing the workbook's file, whose reason is the system's (errno, which
 * workbook_close leaves as the failed call set it).  Not one of its
 * temporary files (LXW_ERROR_CREATING_TMPFILE), which are elsewhere. */
int eg_lxw_file_error(int err);

#endif
