#include "cli/build_out.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/testpoint.h"
#include "core/mem.h"
#include "core/version.h"

/* What a folder or lock file another user (root, by hand) made calls for. */
#define RUN_AS_HINT "run egreport as the user the nightly build runs as, e.g. sudo -u egreport"

/* path a symbolic link that leads nowhere (to a network share not
 * mounted at 3 a.m.): an F_OUTPUT naming where it points, said before
 * the build reads anything, and 1; else 0.  mkdir would say only "Not a
 * directory", once the whole build was done. */
static int dangling_link(const char *path, eg_diag_list *dl)
{
    struct stat st;
    char target[PATH_MAX];
    ssize_t n;
    int err;

    if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode) || stat(path, &st) == 0)
        return 0;
    err = errno;
    n = readlink(path, target, sizeof target - 1);
    target[n > 0 ? n : 0] = '\0';
    if (err == ENOENT)
        eg_diag_add(dl, EG_FATAL, "F_OUTPUT", path, 0, 0, NULL, NULL,
                    "is a symbolic link to %s, which does not exist (is its file system "
                    "mounted?)", target);
    else
        eg_diag_add(dl, EG_FATAL, "F_OUTPUT", path, 0, 0, NULL, NULL,
                    "is a symbolic link to %s, which cannot be reached: %s", target,
                    strerror(err));
    return 1;
}

void eg_build_out_init(eg_build_out *b, const char *root, int year)
{
    memset(b, 0, sizeof *b);
    b->year = year;
    b->root = eg_xstrdup(root);
    b->dir = eg_cli_year_path(root, year);
    b->lock_path = eg_xasprintf("%s/.egreport-%d.lock", root, year);
    b->names[EG_OUT_XLSX] = eg_xasprintf("egov-%d.xlsx", year);
    b->names[EG_OUT_PDF] = eg_xasprintf("egov-%d.pdf", year);
    b->names[EG_OUT_VALIDATION] = eg_xstrdup("validation.csv");
    b->names[EG_OUT_DATA] = eg_xstrdup("data.csv");
    b->names[EG_OUT_BASELINE] = eg_xasprintf("baseline-%d.csv", year + 1);
    b->names[EG_OUT_MANIFEST] = eg_xasprintf("egov-%d.manifest", year);
    for (int i = 0; i < EG_OUT_COUNT; i++)
        b->paths[i] = eg_xasprintf("%s/%s", b->dir, b->names[i]);
    b->lock.fd = -1;
    b->dir_lock.fd = -1;
    eg_manifest_init(&b->prev);
    eg_manifest_init(&b->now);
}

/* Locks the year's folder itself, when it exists and is not locked yet:
 * another output folder may reach it through a link (output/2020 ->
 * /share/2020), and that one's lock file is not ours.  0, or -1 after a
 * fatal diagnostic (F_BUSY, F_OUTPUT). */
static int lock_year_folder(eg_build_out *b, eg_diag_list *dl)
{
    if (b->dir_lock.fd >= 0)
        return 0;
    switch (eg_outlock_take_dir(&b->dir_lock, b->dir, b->wait_seconds * 1000)) {
    case EG_LOCK_TAKEN:
        return 0;
    case EG_LOCK_BUSY:
        eg_diag_add(dl, EG_FATAL, "F_BUSY", b->dir, 0, 0, NULL, NULL,
                    "another build is writing this folder, reached through another output "
                    "folder (a symbolic link leads both here); gave up after waiting %ld s "
                    "(--wait SECONDS waits longer)", b->wait_seconds);
        return -1;
    default:
        eg_diag_add(dl, EG_FATAL, "F_OUTPUT", b->dir, 0, 0, NULL, NULL,
                    "cannot open the folder to lock it: %s", strerror(errno));
        return -1;
    }
}

/* A folder where an output goes (egov-2020.pdf/, made by hand or by a
 * copy): the output's rename would fail, once the whole build was done.
 * Said now, each one, before anything is read: -1; else 0.  A symbolic
 * link there is no folder: the rename replaces the link. */
static int folder_in_the_way(const eg_build_out *b, eg_diag_list *dl)
{
    int found = 0;

    for (int i = 0; i < EG_OUT_COUNT; i++) {
        struct stat st;

        if (lstat(b->paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            eg_diag_add(dl, EG_FATAL, "F_OUTPUT", b->paths[i], 0, 0, NULL, NULL,
                        "is a folder: the build writes a file of that name there; move it "
                        "away");
            found = 1;
        }
    }
    return found ? -1 : 0;
}

int eg_build_out_lock(eg_build_out *b, long wait_seconds, eg_diag_list *dl)
{
    struct stat st;
    long holder = 0;

    /* The lock file sits beside the year's folder, so that a build that
     * fails before writing leaves that folder as it was. */
    if (dangling_link(b->root, dl))
        return -1;
    if (stat(b->root, &st) == 0 && !S_ISDIR(st.st_mode)) {
        /* mkdir would say only "Not a directory" */
        eg_diag_add(dl, EG_FATAL, "F_OUTPUT", b->root, 0, 0, NULL, NULL,
                    "is not a folder: the output folder given is a file; give --output a "
                    "folder, or move the file away");
        return -1;
    }
    if (eg_cli_mkdir_p(b->root) != 0) {
        eg_diag_add(dl, EG_FATAL, "F_OUTPUT", b->root, 0, 0, NULL, NULL,
                    "cannot create the output folder: %s", strerror(errno));
        return -1;
    }
    switch (eg_outlock_take(&b->lock, b->lock_path, wait_seconds * 1000, &holder)) {
    case EG_LOCK_TAKEN:
        break;
    case EG_LOCK_BUSY:
        if (holder > 0)
            eg_diag_add(dl, EG_FATAL, "F_BUSY", b->dir, 0, 0, NULL, NULL,
                        "another build (process %ld) is writing this folder; gave up after "
                        "waiting %ld s (--wait SECONDS waits longer)", holder, wait_seconds);
        else
            eg_diag_add(dl, EG_FATAL, "F_BUSY", b->dir, 0, 0, NULL, NULL,
                        "another build is writing this folder; gave up after waiting %ld s "
                        "(--wait SECONDS waits longer)", wait_seconds);
        return -1;
    default:
        /* most often a build run by hand as another user (root) left the
         * lock file, or the output folder, owned by it */
        eg_diag_add(dl, EG_FATAL, "F_OUTPUT", b->lock_path, 0, 0, NULL, NULL,
                    "cannot create or lock the lock file: %s%s", strerror(errno),
                    errno == EACCES || errno == EPERM
                        ? " (is it, or the output folder, another user's? " RUN_AS_HINT ")"
                        : "");
        return -1;
    }

    if (dangling_link(b->dir, dl))
        return -1;
    if (stat(b->dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        eg_diag_add(dl, EG_FATAL, "F_OUTPUT", b->dir, 0, 0, NULL, NULL,
                    "is not a folder: something else stands where the year's outputs go; "
                    "move it away");
        return -1;
    }
    b->wait_seconds = wait_seconds;
    if (lock_year_folder(b, dl))
        return -1;
    /* Under the lock no other build is alive: whatever temporary file or
     * journal is in the folder belongs to one that died. */
    if (eg_publish_recover(b->dir, (const char *const *)b->names, EG_OUT_COUNT, dl) < 0)
        return -1;
    return folder_in_the_way(b, dl);
}

int eg_build_out_writable(const eg_build_out *b, eg_diag_list *dl)
{
    struct stat st;
    int err;

    if (stat(b->dir, &st) != 0 || access(b->dir, W_OK | X_OK) == 0)
        return 0;
    err = errno;
    eg_diag_add(dl, EG_FATAL, "F_OUTPUT", b->dir, 0, 0, NULL, NULL,
                "cannot write in the year's output folder: %s%s", strerror(err),
                (err == EACCES || err == EPERM) && st.st_uid != geteuid()
                    ? " (it is another user's: " RUN_AS_HINT ", and give the folder to that "
                      "user)"
                    : "");
    return -1;
}

/* What identifies this program: its version, and the size and time of
 * its executable, so that a rebuilt or reinstalled egreport rebuilds. */
static char *program_id(void)
{
    struct stat st;
    char *libs = eg_cli_libraries(), *id;

    if (stat("/proc/self/exe", &st) != 0)
        id = eg_xasprintf("%s; %s", EG_VERSION, libs);
    else
        id = eg_xasprintf("%s %lld %lld.%09ld; %s", EG_VERSION, (long long)st.st_size,
                          (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, libs);
    free(libs);
    return id;
}

int eg_build_out_check(eg_build_out *b, const char *year_dir, const char *layouts_dir,
                       int own_year, const char *settings, int force, int jobs)
{
    char digest[65];

    b->have_prev = eg_manifest_load(&b->prev, b->paths[EG_OUT_MANIFEST]) == 0;
    b->now.version = eg_xstrdup(EG_VERSION);
    b->now.program = program_id();
    b->now.settings = eg_xstrdup(settings);
    /* The outputs name the layouts' files by their folder (validation.csv,
     * Thông tin: layouts/2021/report.txt): a year's own copy of the same
     * bytes, made or removed, is another build. */
    if (eg_manifest_digest_dir(layouts_dir, digest) != 0)
        b->now.layouts = eg_xstrdup("unreadable");
    else if (own_year)
        b->now.layouts = eg_xasprintf("%s layouts/%d", digest, b->year);
    else
        b->now.layouts = eg_xstrdup(digest);
    {
        const char *const out[2] = { b->root, b->dir };

        b->have_now = eg_manifest_scan_jobs(&b->now, year_dir, b->have_prev ? &b->prev : NULL,
                                            out, jobs) == 0;
    }
    return !force && b->have_prev && b->have_now && eg_manifest_same_build(&b->prev, &b->now) &&
           eg_manifest_outputs_intact(&b->prev, b->dir);
}

void eg_build_out_refresh(eg_build_out *b)
{
    eg_manifest m = b->prev;
    char *tmp;

    if (!eg_manifest_cache_stale(&b->prev, &b->now))
        return;
    /* the last build's record, with this scan's look of the same inputs;
     * a temporary of the manifest's name, swept by the next build if this
     * one dies before the rename.  Not synced, to keep an up-to-date
     * build cheap: a crash can leave the manifest empty, which the next
     * build reads as no record, and builds in full. */
    m.inputs = b->now.inputs;
    m.n_inputs = b->now.n_inputs;
    m.scanned_ns = b->now.scanned_ns;
    tmp = eg_xasprintf("%s/.%s.tmp-%ld", b->dir, b->names[EG_OUT_MANIFEST], (long)getpid());
    if (eg_manifest_save(&m, tmp) != 0 || rename(tmp, b->paths[EG_OUT_MANIFEST]) != 0)
        unlink(tmp);
    free(tmp);
}

int eg_build_out_begin(eg_build_out *b, eg_diag_list *dl)
{
    if (eg_cli_mkdir_p(b->dir) != 0) {
        eg_diag_add(dl, EG_FATAL, "F_OUTPUT", b->dir, 0, 0, NULL, NULL,
                    "cannot create the output folder: %s", strerror(errno));
        return -1;
    }
    /* made just now, or made by a build through another output folder
     * since the lock was taken */
    eg_test_point("year-folder");
    if (lock_year_folder(b, dl))
        return -1;
    eg_publish_init(&b->pub, b->dir);
    b->pub_open = 1;
    for (int i = 0; i < EG_OUT_COUNT; i++)
        b->tmp[i] = eg_publish_add(&b->pub, b->names[i]);
    return 0;
}

int eg_build_out_commit(eg_build_out *b, int exit_code, long units_got, long units_expected,
                        long values, long errors, long warnings, eg_diag_list *dl)
{
    eg_manifest *m = &b->now;

    /* The manifest describes the outputs it is committed with. */
    m->exit_code = exit_code;
    m->units_got = units_got;
    m->units_expected = units_expected;
    m->values = values;
    m->errors = errors;
    m->warnings = warnings;
    for (int i = 0; i < EG_OUT_MANIFEST; i++) {
        if (eg_manifest_add_output(m, b->names[i], b->tmp[i], b->sha[i][0] ? b->sha[i] : NULL) !=
            0) {
            eg_diag_add(dl, EG_FATAL, "F_OUTPUT", b->paths[i], 0, 0, NULL, NULL,
                        "cannot read back the output just written: %s", strerror(errno));
            return -1;
        }
    }
    /* Without the inputs' list (the folder could not be scanned) the
     * manifest must never match: an empty list never does, since a year
     * folder that builds holds units.csv. */
    if (eg_manifest_save(m, b->tmp[EG_OUT_MANIFEST]) != 0) {
        eg_diag_add(dl, EG_FATAL, "F_OUTPUT", b->paths[EG_OUT_MANIFEST], 0, 0, NULL, NULL,
                    "cannot write: %s", strerror(errno));
        return -1;
    }
    return eg_publish_commit(&b->pub, dl);
}

void eg_build_out_remove_temps(const eg_build_out *b)
{
    if (b->pub_open)
        eg_publish_remove_temps(&b->pub);
}

void eg_build_out_free(eg_build_out *b)
{
    if (b->pub_open)
        eg_publish_free(&b->pub);
    b->pub_open = 0;
    eg_outlock_release(&b->dir_lock);
    eg_outlock_release(&b->lock);
    eg_manifest_free(&b->prev);
    eg_manifest_free(&b->now);
    for (int i = 0; i < EG_OUT_COUNT; i++) {
        free(b->names[i]);
        free(b->paths[i]);
    }
    free(b->root);
    free(b->dir);
    free(b->lock_path);
    memset(b, 0, sizeof *b);
    b->lock.fd = -1;
    b->dir_lock.fd = -1;
}
