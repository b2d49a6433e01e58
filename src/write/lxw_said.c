/*
 * lxw_said.c - what libxlsxwriter says on standard error, kept while it
 * writes a workbook (lxw_said.h).
 */
#include "write/lxw_said.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

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
