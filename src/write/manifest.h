/*
 * manifest.h - what a build's outputs were made from, kept beside them
 * (<output>/<YEAR>/egov-<YEAR>.manifest), so that a build with nothing
 * changed can say "up to date" without reading a single row.
 *
 * The manifest records every file and folder under the year's input
 * folder (path, size, SHA-256), one digest over the layout files, the
 * program (version, size and time of the executable), the settings that
 * change the bytes written (SOURCE_DATE_EPOCH, the caps on what is read,
 * the font folder), each
 * output's size and SHA-256, and the build's counts and exit code.
 *
 * Hashing is what makes the check safe, and what it costs.  Like git's
 * index, an input whose inode, size, modification and change times are
 * those recorded is not read again, unless it was modified within two
 * seconds before the scan that recorded it (its time stamps could then
 * miss a later change).
 *
 * The file is UTF-8 text, one record a line, the path last on its line
 * with '\' and line breaks escaped; docs/operations.md describes it.
 */
#ifndef EG_MANIFEST_H
#define EG_MANIFEST_H

#include <stddef.h>

typedef struct {
    char kind;                   /* 'f' file, 'd' folder, 'o' other (pipe, device), 'x' unreadable */
    char *path;                  /* relative to the scanned folder, '/'-separated */
    long long size;              /* 'f': bytes */
    char sha[65];                /* 'f': SHA-256 in hex */
    unsigned long long ino;      /* 'f': what it looked like when hashed */
    long long mtime_ns, ctime_ns;
} eg_mf_entry;

typedef struct {
    char *version;               /* the program's version */
    char *program;               /* size and modification time of the executable */
    char *layouts;               /* digest over the layout files */
    char *settings;              /* SOURCE_DATE_EPOCH, the caps, fonts: what else changes the bytes */
    long long scanned_ns;        /* when the inputs were scanned (CLOCK_REALTIME) */
    eg_mf_entry *inputs;
    size_t n_inputs;
    eg_mf_entry *outputs;        /* path is the output's name */
    size_t n_outputs;
    int exit_code;               /* of the build that wrote the outputs: 0 or 1 */
    long units_got, units_expected, values, errors, warnings;
} eg_manifest;

void eg_manifest_init(eg_manifest *m);
void eg_manifest_free(eg_manifest *m);

/* Records every entry under dir (hidden names and Excel's "~$" lock files
 * left out, as the build leaves them out) into m->inputs, reusing the
 * digests of prev (may be NULL) where the stat cache allows.  A folder met
 * again through a symbolic link is recorded but not entered.  Returns 0,
 * or -1 (errno set) when dir itself cannot be read. */
int eg_manifest_scan(eg_manifest *m, const char *dir, const eg_manifest *prev);

/* eg_manifest_scan, but the folders out[0] and out[1] (the output folder
 * and the year's in it; either NULL or missing), reached through a
 * symbolic link under dir (input/2021/archive -> /srv/egreport/output),
 * are recorded and not entered, as a loop is: their files are the
 * build's own outputs, which would make every build find its inputs
 * changed, and never be up to date. */
int eg_manifest_scan_outside(eg_manifest *m, const char *dir, const eg_manifest *prev,
                             const char *const out[2]);

/* eg_manifest_scan_outside, with the files whose bytes must be read (new,
 * changed, or too young for the stat cache) read by up to jobs threads
 * (at most 8), the largest first, once the folders are walked: the same
 * manifest, in about the time of the largest file when there are two
 * cores and two large exports. */
int eg_manifest_scan_jobs(eg_manifest *m, const char *dir, const eg_manifest *prev,
                          const char *const out[2], int jobs);

/* One digest over every file under dir (names and contents) into hex,
 * but those of a folder named as a year (a year's own layouts, 2021/).
 * Returns 0, or -1 (errno set) when dir cannot be read. */
int eg_manifest_digest_dir(const char *dir, char hex[65]);

/* Adds the output called name whose bytes are at path (its temporary
 * name); sha: their SHA-256 already made by whoever wrote them, or NULL
 * to read them.  Returns 0, or -1 (errno set) when it cannot be read. */
int eg_manifest_add_output(eg_manifest *m, const char *name, const char *path, const char *sha);

/* Writes m to path.  Returns 0, or -1 (errno set). */
int eg_manifest_save(const eg_manifest *m, const char *path);

/* Reads a manifest.  Returns 0, or -1 when there is none or it is not a
 * manifest this program wrote (m is then empty). */
int eg_manifest_load(eg_manifest *m, const char *path);

/* 1 when now describes the same build as old: program, layouts, settings
 * and every input the same. */
int eg_manifest_same_build(const eg_manifest *old, const eg_manifest *now);

/* 1 when now (the same build as old) would spare the next check the
 * reading of a file that old's record makes it read again: a file modified
 * within two seconds before old's scan (the demo's exports, written just
 * before the first build), or touched since without a change.  Writing
 * now's inputs down in place of old's then keeps later checks fast. */
int eg_manifest_cache_stale(const eg_manifest *old, const eg_manifest *now);

/* 1 when every output of m is in dir with the size and digest recorded. */
int eg_manifest_outputs_intact(const eg_manifest *m, const char *dir);

#endif
