/*
 * lxw_said.h - what libxlsxwriter says on standard error, kept while it
 * writes a workbook.
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

typedef struct {
    FILE *real;      /* stderr before; NULL when nothing is kept */
    FILE *mem;
    char *text;
    size_t len;
} eg_lxw_said;

/* From now on, what is written to stderr is kept in s.  When no stream in
 * memory can be had, stderr stays as it is. */
void eg_lxw_said_begin(eg_lxw_said *s);

/* stderr as before; what was kept written to it, the library's lines
 * only when pass_on.  Returns how many bytes were kept. */
size_t eg_lxw_said_end(eg_lxw_said *s, int pass_on);

/* Whether libxlsxwriter's error err (an lxw_error) is one of creating or
 * writing the workbook's file, whose reason is the system's (errno, which
 * workbook_close leaves as the failed call set it).  Not one of its
 * temporary files (LXW_ERROR_CREATING_TMPFILE), which are elsewhere. */
int eg_lxw_file_error(int err);

#endif
