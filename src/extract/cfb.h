/*
 * cfb.h - the compound file (MS-CFB) an .xls workbook lives in: its
 * header, sector allocation table (with its DIFAT chain), directory and
 * mini stream, followed to the one stream the workbook's records are in.
 *
 * Every sector number, chain and size is checked against the file: a
 * chain that leaves the file or loops, a directory entry with a name too
 * long, a stream longer than the file are refused with a reason, the
 * file's end cut short told apart from damage.  A last sector short of
 * its end (a size no whole number of sectors, as some programs write it)
 * is read with zeros after the file's bytes, as LibreOffice reads it.
 */
#ifndef EG_CFB_H
#define EG_CFB_H

#include <stddef.h>

/* An .xls is read whole into memory (its stream copied out besides): a
 * file larger than this is refused whatever --max-file-size allows. */
#define EG_CFB_MAX_FILE ((size_t)256 << 20)

/* Reads the file at path (at most EG_CFB_MAX_FILE bytes) and copies out the stream named
 * by the first of names (NULL-ended; ASCII, matched without case) that the
 * root storage holds itself, not one in a storage under it (an object
 * embedded in a workbook holds a "Workbook" of its own); where the
 * directory's tree is broken, the first entry of the name.  0 with *out
 * (malloc'd, *out_n bytes); else -1 with *why, in Vietnamese, for the
 * clerk, or -2 when the system failed to open or read the file (errno
 * says why; *why set too). */
int eg_cfb_read(const char *path, const char *const names[], unsigned char **out, size_t *out_n,
                const char **why);

#endif
