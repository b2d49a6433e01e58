#include "extract/csv.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/text.h"

#define CHUNK (64 * 1024)
#define PROBE_ROWS 20

/* libcsv grows its field buffer through this; refusing past the cap is how
 * an unterminated quote is kept from buffering the rest of a large file. */
static _Thread_local size_t field_cap;

static void *capped_realloc(void *p, size_t n)
{
    if (n > field_cap + 64)
        return NULL;
    return realloc(p, n);
}

/* With a tab delimiter, tab must not count as white space to trim, or
 * libcsv would swallow empty fields between two tabs. */
static int space_only(unsigned char c)
{
    return c == ' ';
}

static int space_or_tab(unsigned char c)
{
    return c == ' ' || c == '\t';
}

typedef struct {
    const char *display;
    eg_diag_list *dl;
    eg_row_fn fn;
    void *ctx;
    const eg_limits *lim;
    char **fields;
    size_t n, cap;
    long row;               /* spreadsheet row of the record being read */
    int last_term;          /* terminator of the previous record */
    int stop;               /* the consumer asked to stop, or a cap hit */
    int failed;
    int bad_utf8_reported;
} reader;

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    char *f;

    if (r->stop)
        return;
    /* Both caps are checked exactly here: the buffer growth below and
     * libcsv's (capped_realloc) only bound them roughly. */
    if (r->n >= r->lim->max_fields) {
        eg_diag_add(r->dl, EG_ERROR, "E_FILE_TOO_WIDE", r->display, r->row,
                    (int)r->n + 1, NULL, NULL,
                    "row has more than %zu fields; the rest of the file was not read",
                    r->lim->max_fields);
        r->stop = r->failed = 1;
        return;
    }
    if (len > r->lim->max_field) {
        eg_diag_add(r->dl, EG_ERROR, "E_CSV_FIELD_TOO_LONG", r->display, r->row,
                    (int)r->n + 1, NULL, NULL,
                    "field longer than %zu bytes (an unclosed quote?); the rest of the file was not read",
                    r->lim->max_field);
        r->stop = r->failed = 1;
        return;
    }
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->fields = eg_xrealloc(r->fields, r->cap * sizeof *r->fields);
    }
    f = eg_xstrndup(s ? s : "", s ? len : 0);
    if (strlen(f) != len && s) {
        eg_diag_add(r->dl, EG_ERROR, "E_TEXT_NUL", r->display, r->row, (int)r->n + 1,
                    NULL, NULL, "field contains a NUL byte; it was cut there");
    }
    eg_trim(f);
    if (!eg_utf8_valid(f, strlen(f))) {
        eg_diag_add(r->dl, EG_ERROR, "E_TEXT_ENCODING", r->display, r->row,
                    (int)r->n + 1, NULL, NULL,
                    "field is not valid UTF-8; save the file as \"CSV UTF-8\"");
        f[0] = '\0';
    } else {
        for (const char *p = f; *p; p++) {
            if ((unsigned char)*p >= 0x80) {      /* ASCII is already NFC */
                char *nfc = eg_nfc(f);

                free(f);
                f = nfc;
                break;
            }
        }
    }
    r->fields[r->n++] = f;
}

static void clear_fields(reader *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->fields[i]);
    r->n = 0;
}

static void on_record(int c, void *data)
{
    reader *r = data;

    /* With CSV_REPALL_NL the '\n' of a CRLF is reported as an empty
     * record of its own: it is not a row. */
    if (r->n == 0 && c == '\n' && r->last_term == '\r') {
        r->last_term = c;
        return;
    }
    r->last_term = c;
    if (r->stop) {
        clear_fields(r);
        return;
    }
    if (r->row > r->lim->max_rows) {
        eg_diag_add(r->dl, EG_ERROR, "E_FILE_TOO_LONG", r->display, r->row, 0, NULL,
                    NULL, "file has more than %ld rows; the rest was not read",
                    r->lim->max_rows);
        r->stop = r->failed = 1;
        clear_fields(r);
        return;
    }
    if (!(c == -1 && r->n == 0)) {       /* csv_fini on an empty tail */
        eg_row row = { .row = r->row, .n = r->n, .fields = r->fields };

        if (r->fn(r->ctx, &row))
            r->stop = 1;
        r->row++;
    }
    clear_fields(r);
}

static int init_parser(struct csv_parser *p, int delim)
{
    if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_REPALL_NL))
        return -1;
    csv_set_delim(p, (unsigned char)delim);
    csv_set_space_func(p, delim == '\t' ? space_only : space_or_tab);
    csv_set_realloc_func(p, capped_realloc);
    csv_set_free_func(p, free);
    return 0;
}

static void report_parse_error(reader *r, struct csv_parser *p)
{
    int e = csv_error(p);

    if (e == CSV_ENOMEM || e == CSV_ETOOBIG)
        eg_diag_add(r->dl, EG_ERROR, "E_CSV_FIELD_TOO_LONG", r->display, r->row,
                    (int)r->n + 1, NULL, NULL,
                    "field longer than %zu bytes (an unclosed quote?); the rest of the file was not read",
                    r->lim->max_field);
    else
        eg_diag_add(r->dl, EG_ERROR, "E_CSV_SYNTAX", r->display, r->row, (int)r->n + 1,
                    NULL, NULL,
                    "malformed quoting (%s); quote a field that holds a quote, the delimiter or a line break, and double the quotes inside it; the rest of the file was not read",
                    csv_strerror(e));
    r->failed = 1;
}

/* Parses buf[0..len) as a whole, for delimiter detection: rows go to the
 * probe until it says yes; returns the 0-based index of that row, or -1. */
typedef struct {
    eg_header_probe probe;
    void *ctx;
    int found;
    int index;
} probe_state;

static int probe_row(void *ctx, const eg_row *row)
{
    probe_state *ps = ctx;

    if (ps->probe(ps->ctx, row)) {
        ps->found = 1;
        return 1;
    }
    return ++ps->index >= PROBE_ROWS;
}

static int probe_delim(const char *buf, size_t len, int delim, eg_header_probe probe,
                       void *probe_ctx, const eg_limits *lim)
{
    struct csv_parser p;
    eg_diag_list quiet = { 0 };
    probe_state ps = { probe, probe_ctx, 0, 0 };
    reader r = { .display = "", .dl = &quiet, .fn = probe_row, .ctx = &ps,
                 .lim = lim, .row = 1 };

    if (init_parser(&p, delim))
        return -1;
    csv_parse(&p, buf, len, on_field, on_record, &r);
    if (!r.stop)
        csv_fini(&p, on_field, on_record, &r);
    clear_fields(&r);
    free(r.fields);
    csv_free(&p);
    eg_diag_free(&quiet);
    return ps.found ? ps.index : -1;
}

int eg_csv_read(const char *path, const char *display, int delim,
                eg_header_probe probe, void *probe_ctx, int *found_delim,
                eg_row_fn fn, void *ctx, const eg_limits *lim_in,
                eg_diag_list *dl)
{
    eg_limits lim = lim_in ? *lim_in : (eg_limits){ 0 };
    struct csv_parser p;
    reader r = { 0 };
    char *buf;
    size_t len, skip = 0;
    FILE *f;
    int rc = 0;

    if (!lim.max_field) lim.max_field = EG_DEFAULT_MAX_FIELD;
    if (!lim.max_fields) lim.max_fields = EG_DEFAULT_MAX_FIELDS;
    if (!lim.max_rows) lim.max_rows = EG_DEFAULT_MAX_ROWS;
    field_cap = lim.max_field;
    if (found_delim)
        *found_delim = 0;

    f = fopen(path, "rb");
    if (!f) {
        eg_diag_add(dl, EG_ERROR, "E_FILE_READ", display, 0, 0, NULL, NULL,
                    "cannot open: %s", strerror(errno));
        return -1;
    }
    buf = eg_xmalloc(CHUNK);
    len = fread(buf, 1, CHUNK, f);

    /* Byte order marks: UTF-8's is dropped; UTF-16 is another format. */
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        skip = 3;
    } else if (len >= 2 && (memcmp(buf, "\xFF\xFE", 2) == 0 || memcmp(buf, "\xFE\xFF", 2) == 0)) {
        eg_diag_add(dl, EG_ERROR, "E_TEXT_UTF16", display, 0, 0, NULL, NULL,
                    "file is UTF-16 (\"Unicode text\"), which this version does not read; save it as \"CSV UTF-8\"");
        free(buf);
        fclose(f);
        return -1;
    }

    if (probe) {
        static const int candidates[] = { ',', ';', '\t' };
        int best = -1;

        delim = 0;
        for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
            int at = probe_delim(buf + skip, len - skip, candidates[i], probe, probe_ctx, &lim);

            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
                delim = candidates[i];
            }
        }
        if (!delim) {
            free(buf);
            fclose(f);
            return 0;
        }
    }
    if (found_delim)
        *found_delim = delim;

    r.display = display;
    r.dl = dl;
    r.fn = fn;
    r.ctx = ctx;
    r.lim = &lim;
    r.row = 1;
    if (init_parser(&p, delim)) {
        free(buf);
        fclose(f);
        eg_diag_add(dl, EG_FATAL, "F_MEMORY", display, 0, 0, NULL, NULL, "cannot start the CSV parser");
        return -1;
    }
    /* Stream the file: the first chunk is already in buf. */
    while (len > skip && !r.stop) {
        size_t want = len - skip;

        if (csv_parse(&p, buf + skip, want, on_field, on_record, &r) != want && !r.stop) {
            report_parse_error(&r, &p);
            break;
        }
        skip = 0;
        len = fread(buf, 1, CHUNK, f);
    }
    if (ferror(f)) {
        eg_diag_add(dl, EG_ERROR, "E_FILE_READ", display, r.row, 0, NULL, NULL,
                    "read error: %s", strerror(errno));
        r.failed = 1;
    } else if (!r.stop && !r.failed && csv_fini(&p, on_field, on_record, &r) != 0) {
        report_parse_error(&r, &p);
    }
    if (r.failed)
        rc = -1;
    clear_fields(&r);
    free(r.fields);
    csv_free(&p);
    free(buf);
    fclose(f);
    return rc;
}
