/*
 * publish.h - the output transaction: a build's outputs appear together,
 * whole, or not at all.
 *
 * Each output is written under a temporary name in the output folder
 * (".NAME.tmp-PID"), so that renaming it into place never crosses a file
 * system.  eg_publish_commit then:
 *
 *   1. syncs every temporary file to the disk;
 *   2. keeps the outputs being replaced as hard links ".NAME.old";
 *   3. writes a journal ".egreport-commit" naming the outputs and the
 *      inode of the last one (the commit mark), and syncs the folder;
 *   4. renames every output into place, the last one (the manifest) last,
 *      with SIGINT, SIGTERM, SIGHUP and SIGQUIT held back until step 5
 *      is over;
 *   5. syncs the folder, removes the journal and the old copies.
 *
 * A build killed before step 4 leaves the previous outputs untouched and
 * only hidden leftovers, which the next build removes
 * (eg_publish_recover).  A build killed inside step 4 (a few system calls
 * long) leaves a journal: the next build puts every old output back
 * unless the last rename had happened, in which case the new set stands.
 * Where hard links are not possible (some network file systems), step 2
 * and 3 are skipped and a kill inside step 4 can leave a mix of old and
 * new outputs; the manifest, renamed last, then makes the next build redo
 * them.
 *
 * Only one build may use a folder at a time: callers hold its lock
 * (write/outlock.h) around every function here.
 */
#ifndef EG_PUBLISH_H
#define EG_PUBLISH_H

#include <signal.h>
#include <stddef.h>

#include "core/diag.h"

#define EG_PUBLISH_MAX 8

typedef struct {
    char *dir;
    size_t n;
    char *name[EG_PUBLISH_MAX];    /* final names, in dir */
    char *final[EG_PUBLISH_MAX];   /* dir/name */
    char *tmp[EG_PUBLISH_MAX];     /* dir/.name.tmp-PID */
    char *old[EG_PUBLISH_MAX];     /* dir/.name.old */
    int kept[EG_PUBLISH_MAX];      /* 1: the output being replaced is kept as old */
    char *journal;                 /* dir/.egreport-commit */
} eg_publish;

/* Starts a transaction for the folder dir (which must exist). */
void eg_publish_init(eg_publish *p, const char *dir);

/* Adds an output called name (no '/') and returns the temporary path the
 * writer must create it at.  The outputs are put in place in the order
 * they were added: add the manifest last. */
const char *eg_publish_add(eg_publish *p, const char *name);

/* Starts writing the file open as fd out to the disk, without waiting
 * for it (sync_file_range): a writer calls it on its output once that is
 * whole, so that step 1 finds the bytes on their way, or there, while
 * the other outputs are still being made.  0, or -1 with errno set (a
 * file system that cannot is no failure). */
int eg_publish_start_writeback(int fd);

/* Puts every output in place (steps 1 to 5 above).  Returns 0, or -1 after
 * an F_OUTPUT diagnostic; the previous outputs are then in place again (or,
 * without hard links, the next build redoes them). */
int eg_publish_commit(eg_publish *p, eg_diag_list *dl);

/* Set before a signal held through the commit is let in: 1 once a commit
 * has put the new outputs in place, 2 when it replaced some and not the
 * others (no hard links to undo it): a stop's handler says which outputs
 * are left. */
extern volatile sig_atomic_t eg_publish_committed;

/* Removes the temporary files.  Uses only unlink(), so a signal handler
 * may call it. */
void eg_publish_remove_temps(const eg_publish *p);

/* Removes the temporary files and frees p. */
void eg_publish_free(eg_publish *p);

/* Finishes or undoes the commit of a build that died (see above), then
 * removes the leftovers of dead builds: ".NAME.tmp*" and ".NAME.old" for
 * each of the n names.  A journal that names a file other than the n is
 * dropped, not followed.  Nothing else in dir is touched.  Returns the
 * number of files removed or restored, or -1 after an F_OUTPUT diagnostic
 * when the folder cannot be repaired.  A missing dir is fine (0). */
int eg_publish_recover(const char *dir, const char *const *names, size_t n,
                       eg_diag_list *dl);

#endif
