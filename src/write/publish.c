#include "write/publish.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/testpoint.h"
#include "core/thread.h"

#define JOURNAL ".egreport-commit"

void eg_publish_init(eg_publish *p, const char *dir)
{
    memset(p, 0, sizeof *p);
    p->dir = eg_xstrdup(dir);
    p->journal = eg_xasprintf("%s/%s", dir, JOURNAL);
}

const char *eg_publish_add(eg_publish *p, const char *name)
{
    size_t i = p->n;

    if (i >= EG_PUBLISH_MAX)
        return NULL;
    p->name[i] = eg_xstrdup(name);
    p->final[i] = eg_xasprintf("%s/%s", p->dir, name);
    p->tmp[i] = eg_xasprintf("%s/.%s.tmp-%ld", p->dir, name, (long)getpid());
    p->old[i] = eg_xasprintf("%s/.%s.old", p->dir, name);
    p->n++;
    /* A file of that name can only be a leftover of a dead build with our
     * process id: the caller holds the folder's lock. */
    unlink(p->tmp[i]);
    return p->tmp[i];
}

void eg_publish_remove_temps(const eg_publish *p)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->tmp[i])
            unlink(p->tmp[i]);
}

void eg_publish_free(eg_publish *p)
{
    eg_publish_remove_temps(p);
    for (size_t i = 0; i < p->n; i++) {
        free(p->name[i]);
        free(p->final[i]);
        free(p->tmp[i]);
        free(p->old[i]);
    }
    free(p->dir);
    free(p->journal);
    memset(p, 0, sizeof *p);
}

int eg_publish_start_writeback(int fd)
{
    if (sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE) == 0 || errno == ENOSYS ||
        errno == EINVAL || errno == ESPIPE || errno == EOPNOTSUPP)
        return 0;
    return -1;
}

/* fsync of a file or folder by path.  Returns 0 or -1 (errno set). */
static int sync_path(const char *path, int flags)
{
    int fd = open(path, flags | O_RDONLY | O_CLOEXEC);
    int rc, err;

    if (fd < 0)
        return -1;
    rc = fsync(fd);
    /* Some file systems cannot sync a folder: that is no failure. */
    if (rc != 0 && (flags & O_DIRECTORY) && (errno == EINVAL || errno == ENOTSUP))
        rc = 0;
    err = errno;
    close(fd);
    errno = err;
    return rc;
}

static int sync_dir(const char *dir)
{
    return sync_path(dir, O_DIRECTORY);
}

/* Writes the journal under a temporary name and renames it, so that a
 * journal, when there is one, is whole.  Returns 0 or -1 (errno set). */
static int write_journal(const eg_publish *p, unsigned long long mark)
{
    char *tmp = eg_xasprintf("%s.tmp-%ld", p->journal, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    int rc = 0, err = 0;

    if (!f) {
        free(tmp);
        return -1;
    }
    /* "kept": the output it replaces waits as .NAME.old; "new": there was
     * none, and undoing the commit removes it */
    fprintf(f, "egreport-commit 2\nmark %llu\n", mark);
    for (size_t i = 0; i < p->n; i++)
        fprintf(f, "%s %s\n", p->kept[i] ? "kept" : "new", p->name[i]);
    if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
        rc = -1;
        err = errno;
    }
    if (fclose(f) != 0 && !rc) {
        rc = -1;
        err = errno;
    }
    if (!rc && rename(tmp, p->journal) != 0) {
        rc = -1;
        err = errno;
    }
    if (rc)
        unlink(tmp);
    free(tmp);
    errno = err;
    return rc;
}

/* Step 2: a hard link to every output being replaced.  Returns 1 when
 * every one could be kept, 0 when the file system has no hard links (the
 * commit then goes on without a journal), -1 on another error. */
static int keep_old(eg_publish *p)
{
    for (size_t i = 0; i < p->n; i++) {
        struct stat st;

        unlink(p->old[i]);
        p->kept[i] = 0;
        /* Nothing there, or no file (a folder in the way: its rename
         * will fail and the commit be undone): nothing to keep. */
        if (lstat(p->final[i], &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (link(p->final[i], p->old[i]) == 0) {
            p->kept[i] = 1;
            continue;
        }
        if (errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP || errno == EMLINK ||
            errno == ENOSYS) {
            for (size_t k = 0; k <= i; k++)
                unlink(p->old[k]);
            return 0;
        }
        return -1;
    }
    return 1;
}

/* Puts the old outputs back after a failed rename of output `failed`. */
static void roll_back(const eg_publish *p, size_t failed)
{
    for (size_t i = 0; i < failed; i++) {
        if (!p->kept[i])
            unlink(p->final[i]);          /* there was none before */
        else
            rename(p->old[i], p->final[i]);
    }
}

static void output_error(eg_diag_list *dl, const char *path, const char *what)
{
    eg_diag_add(dl, EG_FATAL, "F_OUTPUT", path, 0, 0, NULL, NULL, "%s: %s", what,
                strerror(errno));
}

volatile sig_atomic_t eg_publish_committed;

int eg_publish_commit(eg_publish *p, eg_diag_list *dl)
{
    sigset_t hold, saved;
    struct stat st;
    int journal = 0, held = 0, keep_way_back = 0, rc = -1;

    if (p->n == 0)
        return 0;

    /* Step 1: every output whole on the disk before any is shown. */
    for (size_t i = 0; i < p->n; i++) {
        if (sync_path(p->tmp[i], 0) != 0) {
            output_error(dl, p->final[i], "cannot write the output");
            return -1;
        }
    }
    if (stat(p->tmp[p->n - 1], &st) != 0) {
        output_error(dl, p->final[p->n - 1], "cannot write the output");
        return -1;
    }

    /* From here on a polite signal waits until the commit is done or
     * undone: let in while the old copies and the journal are being made
     * (steps 2 and 3), it would end the build with them left behind; in
     * the renames (step 4), with the outputs cut in two; after them,
     * with the old copies left. */
    eg_stop_signal_set(&hold);
    sigprocmask(SIG_BLOCK, &hold, &saved);
    held = 1;

    /* Steps 2 and 3: the way back, written down before the first rename. */
    switch (keep_old(p)) {
    case 1:
        eg_test_point("commit-keep");
        if (write_journal(p, (unsigned long long)st.st_ino) != 0 || sync_dir(p->dir) != 0) {
            output_error(dl, p->journal, "cannot write the commit journal");
            goto clean_old;
        }
        journal = 1;
        break;
    case 0:
        break;
    default:
        output_error(dl, p->dir, "cannot keep the previous outputs while replacing them");
        goto clean_old;
    }

    /* Step 4: the renames. */
    for (size_t i = 0; i < p->n; i++) {
        if (rename(p->tmp[i], p->final[i]) != 0) {
            output_error(dl, p->final[i], "cannot put the output in place");
            if (journal) {
                roll_back(p, i);
                unlink(p->journal);
            } else if (i > 0) {
                eg_diag_add(dl, EG_FATAL, "F_OUTPUT", p->dir, 0, 0, NULL, NULL,
                            "some outputs were replaced and others not; the next build will "
                            "write them all again");
                eg_publish_committed = 2;
            }
            sync_dir(p->dir);
            goto clean_old;
        }
        if (i == 0)
            eg_test_point("commit-mid");
    }

    /* Step 5: durable, then the way back is no longer needed. */
    eg_publish_committed = 1;
    if (sync_dir(p->dir) != 0) {
        /* The renames are done but the disk may not hold them: the
         * journal and the old copies stay, so that the next build puts
         * the old outputs back if a power cut lost the renames, and else
         * finds the manifest in place and clears them. */
        output_error(dl, p->dir, "the new outputs are in place, but the folder could not be "
                                 "synced to the disk, so that a power cut could still lose them");
        keep_way_back = journal;
        goto clean_old;
    }
    if (journal)
        unlink(p->journal);
    rc = 0;

clean_old:
    for (size_t i = 0; i < p->n && !keep_way_back; i++)
        unlink(p->old[i]);
    if (held)
        sigprocmask(SIG_SETMASK, &saved, NULL);
    return rc;
}

/* ---- recovery --------------------------------------------------------- */

/* Reads an unsigned decimal (our own parser: no locale, no sign). */
static int parse_ull(const char *s, unsigned long long *out)
{
    unsigned long long v = 0;

    if (*s < '0' || *s > '9')
        return -1;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (v > (~0ULL - 9) / 10)
            return -1;
        v = v * 10 + (unsigned long long)(*s - '0');
    }
    *out = v;
    return *s == '\n' || *s == '\0' ? 0 : -1;
}

/* 1 when s is one of the n outputs' names: a journal that names any
 * other file (a clerk's notes.txt, ../x) was not written by a build of
 * these outputs, and is dropped rather than followed. */
static int ours(const char *s, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return 1;
    return 0;
}

static void add_name(char ***names, char **kinds, size_t *n, const char *name, char kind)
{
    *names = eg_xrealloc(*names, (*n + 1) * sizeof **names);
    *kinds = eg_xrealloc(*kinds, *n + 1);
    (*names)[*n] = eg_xstrdup(name);
    (*kinds)[(*n)++] = kind;
}

/* Finishes or undoes the commit a journal describes.  Returns the number
 * of outputs restored or removed, or -1 (errno set). */
static int replay_journal(const char *dir, const char *journal, const char *const *ours_names,
                          size_t n_ours)
{
    FILE *f = fopen(journal, "rb");
    char line[1024];
    char **names = NULL;
    char *kinds = NULL;          /* per name: 'k' kept, 'n' new, '?' (version 1) */
    size_t n = 0;
    unsigned long long mark = 0;
    int have_mark = 0, ok = 1, done = 0, version = 0, read_err;

    if (!f)
        return errno == ENOENT ? 0 : -1;
    if (!fgets(line, sizeof line, f))
        ok = 0;
    else if (strcmp(line, "egreport-commit 1\n") == 0)
        version = 1;
    else if (strcmp(line, "egreport-commit 2\n") == 0)
        version = 2;
    else
        ok = 0;
    while (ok && fgets(line, sizeof line, f)) {
        size_t k = strlen(line);

        if (k == 0 || line[k - 1] != '\n') {
            ok = 0;
            break;
        }
        line[k - 1] = '\0';
        if (strncmp(line, "mark ", 5) == 0 && parse_ull(line + 5, &mark) == 0) {
            have_mark = 1;
        } else if (version == 1 && strncmp(line, "name ", 5) == 0 &&
                   ours(line + 5, ours_names, n_ours)) {
            add_name(&names, &kinds, &n, line + 5, '?');
        } else if (version == 2 && strncmp(line, "kept ", 5) == 0 &&
                   ours(line + 5, ours_names, n_ours)) {
            add_name(&names, &kinds, &n, line + 5, 'k');
        } else if (version == 2 && strncmp(line, "new ", 4) == 0 &&
                   ours(line + 4, ours_names, n_ours)) {
            add_name(&names, &kinds, &n, line + 4, 'n');
        } else {
            ok = 0;
        }
    }
    /* read in part: the names past the failure would be left as the dead
     * build left them, and the journal dropped with them; nothing is
     * undone and the journal is kept, for the next build to read again */
    read_err = ferror(f) ? (errno ? errno : EIO) : 0;
    fclose(f);

    if (ok && !read_err && have_mark && n > 0) {
        char *last = eg_xasprintf("%s/%s", dir, names[n - 1]);
        struct stat st;
        int committed = stat(last, &st) == 0 && (unsigned long long)st.st_ino == mark;

        free(last);
        for (size_t i = 0; i < n; i++) {
            char *final = eg_xasprintf("%s/%s", dir, names[i]);
            char *old = eg_xasprintf("%s/.%s.old", dir, names[i]);

            /* Undone name by name, so that doing it again (this build
             * killed in turn) finds each as it left it: a kept output
             * whose .old is gone is already back in place. */
            if (committed) {
                unlink(old);
            } else if (kinds[i] == 'n') {
                if (unlink(final) == 0)
                    done++;       /* it did not exist before that build */
            } else if (rename(old, final) == 0) {
                done++;
            } else if (kinds[i] == '?' && errno == ENOENT && unlink(final) == 0) {
                done++;           /* a version 1 journal: read as it was written */
            }
            free(final);
            free(old);
        }
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(kinds);
    if (read_err) {
        errno = read_err;
        return -1;
    }
    /* A journal we cannot make sense of was never complete: it was
     * written under another name and renamed, so it cannot be half
     * there.  Drop it. */
    if (unlink(journal) != 0 && errno != ENOENT)
        return -1;
    sync_dir(dir);
    return done;
}

/* Past the digits at s, NULL when there are none. */
static const char *past_digits(const char *s)
{
    const char *p = s;

    while (*p >= '0' && *p <= '9')
        p++;
    return p > s ? p : NULL;
}

/* 1 when s is what our temporary names add to a name: ".tmp-PID", or
 * ".tmp-PID.PID.tmp" (the PDF's own file beside its temporary one,
 * write/pdf.c).  ".tmp.bak", a copy someone made, is not ours. */
static int is_tmp_suffix(const char *s)
{
    if (strncmp(s, ".tmp-", 5) != 0 || !(s = past_digits(s + 5)))
        return 0;
    if (*s == '\0')
        return 1;
    return *s == '.' && (s = past_digits(s + 1)) != NULL && strcmp(s, ".tmp") == 0;
}

/* 1 when entry is a leftover of a dead build for one of the names. */
static int is_leftover(const char *entry, const char *const *names, size_t n)
{
    if (entry[0] != '.')
        return 0;
    if (strncmp(entry, JOURNAL, strlen(JOURNAL)) == 0 && is_tmp_suffix(entry + strlen(JOURNAL)))
        return 1;
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(names[i]);

        if (strncmp(entry + 1, names[i], k) != 0)
            continue;
        if (is_tmp_suffix(entry + 1 + k) || strcmp(entry + 1 + k, ".old") == 0)
            return 1;
    }
    return 0;
}

int eg_publish_recover(const char *dir, const char *const *names, size_t n,
                       eg_diag_list *dl)
{
    char *journal = eg_xasprintf("%s/%s", dir, JOURNAL);
    DIR *d;
    struct dirent *e;
    int count;

    /* First the journal: it needs the old copies that the sweep removes. */
    count = replay_journal(dir, journal, names, n);
    if (count < 0) {
        output_error(dl, journal, "cannot repair the output folder after a build that died");
        free(journal);
        return -1;
    }
    free(journal);

    d = opendir(dir);
    if (!d)
        return errno == ENOENT ? count : (output_error(dl, dir, "cannot read the output folder"), -1);
    while ((e = readdir(d)) != NULL) {
        char *path;
        struct stat st;

        if (!is_leftover(e->d_name, names, n))
            continue;
        path = eg_xasprintf("%s/%s", dir, e->d_name);
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && unlink(path) == 0)
            count++;
        free(path);
    }
    closedir(d);
    return count;
}
