/*
 * xlsx_tmpfile.h - where libxlsxwriter keeps a workbook's parts while it
 * writes them.
 *
 * libxlsxwriter 1.1.4 writes each part of a workbook (some 25 for the
 * 2020 report: sheets, styles, shared strings, charts...) to a temporary
 * file, then reads it back into the archive.  Without a folder of ours
 * (a workbook small enough to be held in memory), each is a new file in
 * /tmp, created, unlinked and written through the file system's journal:
 * about 2 ms of a 2020 build, and a workbook that fails when /tmp is full.
 *
 * The library makes them all through one function, lxw_tmpfile, which it
 * declares to be overridden ("a thin wrapper for tmpfile() so it can be
 * over-ridden with a user defined version"), and calls through its
 * procedure linkage table.  So egreport defines it (the Makefile exports
 * it, --export-dynamic-symbol): without a folder, a part is an anonymous
 * file in memory (memfd_create), gone when closed, as tmpfile()'s is;
 * with a folder (a workbook in constant-memory mode, whose rows wait
 * beside the output: xlsx.c), or when no such file can be had, the
 * library's own way (tmpfileplus, in that folder or in /tmp).
 */
#ifndef EG_XLSX_TMPFILE_H
#define EG_XLSX_TMPFILE_H

#include <stddef.h>
#include <stdio.h>

/* A temporary file opened for reading and writing, deleted when closed;
 * in tmpdir when given; NULL, errno set, when none can be made. */
FILE *lxw_tmpfile(char *tmpdir);

/* How many of them were made in memory so far, by this process (for the
 * tests). */
size_t eg_xlsx_tmpfiles_in_memory(void);

#endif
