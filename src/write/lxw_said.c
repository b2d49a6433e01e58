/*
 * lxw_said.c - a libxlsxwriter workbook closed, and a failure said once
 * (lxw_said.h).
 */
#include "write/lxw_said.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/fsize.h"

/* The kept lines to stderr: all of them when pass_on, else those that are
 * not the library's ("[ERROR]...", "[WARNING]..."), should another thread
 * have written any meanwhile. */
static int starts(const char *line, size_t k, const char *prefix)
{
    size_t n = strlen(prefix);

    return k >= n && memcmp(line, prefix, n) == 0;
}

static void pass_lines(const char *text, size_t len, int pass_on)
{
    for (size_t i = 0; i < len;) {
        const char *line = text + i, *nl = memchr(line, '\n', len - i);
        size_t k = nl ? (size_t)(nl - line) + 1 : len - i;

        if (pass_on || !(starts(line, k, "[ERROR]") || starts(line, k, "[WARNING]")))
            fwrite(line, 1, k, stderr);
        i += k;
    }
}

void eg_lxw_said_begin(eg_lxw_said *s)
{
    int err = errno;

    memset(s, 0, sizeof *s);
    s->fsize0 = eg_fsize_hits();
    s->mem = open_memstream(&s->text, &s->len);
    if (s->mem) {
        fflush(stderr);
        s->real = stderr;
        stderr = s->mem;
    }
    errno = err;
}

size_t eg_lxw_said_end(eg_lxw_said *s, int pass_on)
{
    int err = errno;
    size_t kept = 0;

    if (s->real) {
        stderr = s->real;
        /* fclose sets text and len; a stream that cannot be flushed (no
         * memory) leaves what it had */
        fclose(s->mem);
        kept = s->text ? s->len : 0;
        pass_lines(s->text, kept, pass_on);
        free(s->text);
    }
    memset(s, 0, sizeof *s);
    errno = err;
    return kept;
}

int eg_lxw_file_error(int err)
{
    return err == LXW_ERROR_CREATING_XLSX_FILE || err == LXW_ERROR_ZIP_FILE_OPERATION;
}

lxw_error eg_lxw_close(eg_lxw_said *s, lxw_workbook *wb, int made_ok, int *sys_err)
{
    lxw_error closing;

    errno = 0;
    closing = workbook_close(wb);
    *sys_err = errno;
    if (eg_fsize_hits() != s->fsize0 && made_ok && closing == LXW_NO_ERROR) {
        closing = LXW_ERROR_ZIP_FILE_OPERATION;
        *sys_err = EFBIG;
    }
    eg_lxw_said_end(s, made_ok && closing == LXW_NO_ERROR);
    return closing;
}

void eg_lxw_report(eg_diag_list *dl, const char *what, const char *path, lxw_error made,
                   const char *doing, lxw_error closing, int sys_err)
{
    if (made != LXW_NO_ERROR)
        eg_diag_add(dl, EG_FATAL, "F_XLSX", path, 0, 0, NULL, NULL,
                    "cannot write the %s '%s': %s (while %s)", what, path, lxw_strerror(made),
                    doing);
    else if (closing == LXW_ERROR_CREATING_TMPFILE && sys_err)
        eg_diag_add(dl, EG_FATAL, "F_XLSX", path, 0, 0, NULL, NULL,
                    "cannot write the %s '%s': cannot create a temporary file for its "
                    "parts: %s", what, path, strerror(sys_err));
    else if (eg_lxw_file_error(closing) && sys_err)
        eg_diag_add(dl, EG_FATAL, "F_XLSX", path, 0, 0, NULL, NULL,
                    "cannot write the %s '%s': %s", what, path, strerror(sys_err));
    else
        eg_diag_add(dl, EG_FATAL, "F_XLSX", path, 0, 0, NULL, NULL,
                    "cannot write the %s '%s': %s", what, path, lxw_strerror(closing));
}
