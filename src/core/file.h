/*
 * file.h - opening a file to read: a regular file, nothing else.
 *
 * A named pipe blocks whoever opens it until something writes to it, and
 * a device such as /dev/zero never ends: put in the place of units.csv
 * or a layout, either would hang a build at 3 a.m. with its output folder
 * locked.  The year's tables, the layouts, the manifest and the files
 * hashed are opened here, without blocking, and refused unless they are
 * regular files.  Elsewhere: a submission is checked when it is listed
 * (extract/submissions.c), a system export before it is read
 * (normalize/reconcile.c); the fonts are the system's.
 */
#ifndef EG_FILE_H
#define EG_FILE_H

#include <stdio.h>

/* errno when the path names no regular file (a FIFO, a device, a
 * socket); a folder gives EISDIR. */
#define EG_ENOTREG 4097

/* A descriptor of path open to read (close-on-exec), or -1 with errno
 * set. */
int eg_open_input(const char *path);

/* The same as a stream ("rb"), or NULL with errno set. */
FILE *eg_fopen_input(const char *path);

/* strerror, and what EG_ENOTREG means. */
const char *eg_strerror(int err);

/* The same in Vietnamese, for a clerk's message (an E_ or W_ code's):
 * the errors opening and reading a file can give; any other, the
 * system's English words (the caller may name its number). */
const char *eg_strerror_vi(int err);

#endif
