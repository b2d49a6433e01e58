/*
 * xlsx_tmpfile.c - libxlsxwriter's temporary files, in memory when they
 * can be (xlsx_tmpfile.h).
 */
#include "write/xlsx_tmpfile.h"

#include <stdatomic.h>
#include <sys/mman.h>
#include <unistd.h>
/* The library's own declarations: of lxw_tmpfile, which this file
 * defines (the compiler checks that the two agree), and of tmpfileplus,
 * which the library's lxw_tmpfile calls: a file in dir (else $TMPDIR,
 * else /tmp), unlinked at once unless keep. */
#include <xlsxwriter/third_party/tmpfileplus.h>
#include <xlsxwriter/utility.h>

static atomic_size_t in_memory;

size_t eg_xlsx_tmpfiles_in_memory(void)
{
    return atomic_load(&in_memory);
}

FILE *lxw_tmpfile(char *tmpdir)
{
    if (!tmpdir) {
        int fd = memfd_create("egreport-xlsx-part", MFD_CLOEXEC);

        if (fd >= 0) {
            FILE *f = fdopen(fd, "w+b");

            if (f) {
                atomic_fetch_add(&in_memory, 1);
                return f;
            }
            close(fd);
        }
    }
    return tmpfileplus(tmpdir, NULL, NULL, 0);
}
