/*
 * sysexport.c - a system export, plain or gzip, streamed through libcsv.
 *
 * zlib's gzread reads a plain file as it is and a gzip file decompressed,
 * so both take the same path.  Memory: the decompression buffer, one
 * chunk of text, libcsv's field buffer (capped) and the row being built.
 */
#include "extract/sysexport.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define CHUNK (256 * 1024)

/* libcsv grows its field buffer through this: a field past the cap is an
 * unclosed quote swallowing the file, and is refused (CSV_ENOMEM). */
static void *capped_realloc(void *p, size_t n)
{
    if (n > 64 * 1024)
        return NULL;
    return realloc(p, n);
}

typedef struct {
    eg_export_fn fn;
    void *ctx;
    char buf[EG_EXPORT_MAX_FIELDS][EG_EXPORT_MAX_FIELD + 1];
    const char *field[EG_EXPORT_MAX_FIELDS];
    size_t n;
    int overflow;
    long row;               /* the row being read */
    int last_term;
    int stop;
} reader;

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;

    if (r->stop)
        return;
    if (r->n == EG_EXPORT_MAX_FIELDS) {
        r->overflow = 1;
        return;
    }
    if (len > EG_EXPORT_MAX_FIELD) {
        r->overflow = 1;
        len = EG_EXPORT_MAX_FIELD;
    }
    if (len)
        memcpy(r->buf[r->n], s, len);
    r->buf[r->n][len] = '\0';
    r->n++;
}

static void on_record(int c, void *data)
{
    reader *r = data;

    /* With CSV_REPALL_NL the '\n' of a CRLF comes as a record of its own. */
    if (r->n == 0 && !r->overflow && c == '\n' && r->last_term == '\r') {
        r->last_term = c;
        return;
    }
    r->last_term = c;
    if (!r->stop && (r->n || r->overflow)) {
        eg_export_row row = { r->row, r->n, r->field, r->overflow };

        if (r->fn(r->ctx, &row))
            r->stop = 1;
    }
    if (!(c == -1 && r->n == 0 && !r->overflow))
        r->row++;
    r->n = 0;
    r->overflow = 0;
}

int eg_export_read(const char *path, const char *display, eg_export_fn fn, void *ctx,
                   long long *bytes, eg_diag_list *dl)
{
    struct csv_parser p;
    reader *r;
    gzFile gz;
    char *chunk;
    long long total = 0;
    int rc = 0, first = 1, n;

    if (bytes)
        *bytes = 0;
    gz = gzopen(path, "rb");
    if (!gz) {
        eg_diag_add(dl, EG_ERROR, "E_SYSTEM_READ", display, 0, 0, NULL, NULL,
                    "cannot open the export: %s; it was not reconciled",
                    errno ? strerror(errno) : "out of memory");
        return -1;
    }
    gzbuffer(gz, CHUNK);
    r = calloc(1, sizeof *r);
    chunk = malloc(CHUNK);
    if (!r || !chunk || csv_init(&p, CSV_REPALL_NL)) {
        free(r);
        free(chunk);
        gzclose(gz);
        eg_diag_add(dl, EG_ERROR, "E_SYSTEM_READ", display, 0, 0, NULL, NULL,
                    "out of memory reading the export; it was not reconciled");
        return -1;
    }
    csv_set_realloc_func(&p, capped_realloc);
    csv_set_free_func(&p, free);
    for (int i = 0; i < EG_EXPORT_MAX_FIELDS; i++)
        r->field[i] = r->buf[i];
    r->fn = fn;
    r->ctx = ctx;
    r->row = 1;

    /* One pass: decompress a chunk, parse it, forget it. */
    while (!r->stop && (n = gzread(gz, chunk, CHUNK)) > 0) {
        const char *s = chunk;
        size_t len = (size_t)n;

        total += n;
        if (first && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            len -= 3;
        }
        first = 0;
        if (csv_parse(&p, s, len, on_field, on_record, r) != len) {
            eg_diag_add(dl, EG_ERROR, "E_SYSTEM_READ", display, r->row, (int)r->n + 1, NULL,
                        NULL,
                        "a field longer than 64 KiB (an unclosed quote?); the rest of the export was not read and it was not reconciled");
            rc = -1;
            break;
        }
    }
    if (rc == 0 && !r->stop) {
        int err;
        const char *msg = gzerror(gz, &err);

        if (n < 0 || (err != Z_OK && err != Z_STREAM_END)) {
            size_t k = strlen(path);

            /* zlib puts the path first: the message names the file already */
            if (strncmp(msg, path, k) == 0 && msg[k] == ':')
                msg += k + 1 + (msg[k + 1] == ' ');
            eg_diag_add(dl, EG_ERROR, "E_SYSTEM_READ", display, r->row, 0, NULL, NULL,
                        "cannot read the export to its end (%s); it was not reconciled",
                        err == Z_ERRNO ? strerror(errno) : msg);
            rc = -1;
        } else {
            csv_fini(&p, on_field, on_record, r);
        }
    }
    csv_free(&p);
    gzclose(gz);
    free(chunk);
    free(r);
    if (bytes)
        *bytes = total;
    return rc;
}
