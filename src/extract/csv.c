#include "extract/csv.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/file.h"
#include "core/mem.h"
#include "core/number.h"
#include "core/text.h"
#include "extract/encoding.h"
#include "extract/filesig.h"

#define CHUNK (64 * 1024)
#define PROBE_ROWS 20
#define PROBE_PIECE 4096

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

/* Excel's text formula in a CSV: a web system's export writes
 * ="GL.STTTT" and ="046" so that a spreadsheet keeps the text (its
 * leading zeros) and shows GL.STTTT and 046.  The '=' before a field's
 * opening quote is dropped from the bytes before libcsv sees them (a
 * quote inside an unquoted field is a syntax error to it, and the rest
 * of the file would go unread); quoted, "=""046""" is unwrapped in
 * on_field.  The state runs on from one piece of the file to the next. */
typedef struct {
    int delim;
    int quoted;             /* inside a quoted field */
    int closing;            /* a quote just ended one, unless another follows */
    int at_start;           /* at a field's first byte */
} formula_quotes;

/* One byte of a CSV's quoting, as a spreadsheet program reads it: a
 * quote that begins a field opens it, two inside it are one, and a quote
 * anywhere else is a letter.  1 when c ends a record.  Inlined: it runs
 * on every byte of a CSV file (drop_formula_eq). */
static inline __attribute__((always_inline)) int quote_step(formula_quotes *q, char c)
{
    if (q->quoted) {
        if (c == '"')
            q->quoted = 0, q->closing = 1;
        return 0;
    }
    if (q->closing && c == '"') {               /* "" inside a quoted field */
        q->closing = 0;
        q->quoted = 1;
        return 0;
    }
    q->closing = 0;
    if (c == q->delim || c == '\n' || c == '\r') {
        q->at_start = 1;
        return c != q->delim;
    }
    if (q->at_start && c == '"') {
        q->quoted = 1;
        q->at_start = 0;
    } else if (c != ' ' && (c != '\t' || q->delim == '\t')) {
        /* libcsv trims spaces, and tabs but for a tab delimiter */
        q->at_start = 0;
    }
    return 0;
}

/* Drops, in place, each '=' of buf[0, len) that begins a field and is
 * followed by a quote; returns the bytes left.  A last '=' that begins a
 * field is held back (*held set): whether a quote follows is in the next
 * piece, before which the caller puts it again. */
static size_t drop_formula_eq(formula_quotes *q, char *buf, size_t len, int *held)
{
    size_t w = 0;

    *held = 0;
    for (size_t i = 0; i < len; i++) {
        char c = buf[i];

        /* at a field's first byte, no quote is open */
        if (q->at_start && c == '=') {
            if (i + 1 == len) {
                *held = 1;
                break;
            }
            if (buf[i + 1] == '"')
                continue;                       /* the quote opens the field */
            q->at_start = 0;
        } else {
            quote_step(q, c);
        }
        buf[w++] = c;
    }
    return w;
}

typedef struct {
    const char *display;
    eg_diag_list *dl;
    eg_row_fn fn;
    void *ctx;
    const eg_limits *lim;
    char **fields;
    const char **errors;    /* per field, as eg_row's cell_errors */
    size_t n, cap;
    int any_error;          /* an entry of errors is set */
    long row;               /* spreadsheet row of the record being read */
    int last_term;          /* terminator of the previous record */
    int stop;               /* the consumer asked to stop, or a cap hit */
    int failed;
    struct csv_parser *parser;
    int delim;
    /* A record whose quoting libcsv refused is read to its end as a
     * spreadsheet program splits it (quote_step), before the parser
     * starts again: skip holds the quoting state, skip_field the field
     * it is in (0-based), skip_text and skip_len that field's text so far
     * (the refused field's is not kept: refused_len counts it),
     * skip_open the 1-based column of the last quote opened,
     * skip_breaks the line breaks inside quotes and skip_broken_at the
     * column of the first, skip_cr a '\r' just before; broken_col the
     * 1-based column refused. */
    int skipping;
    formula_quotes skip;
    size_t skip_field;
    char *skip_text;
    size_t skip_len, skip_cap, refused_len;
    int skip_open, skip_breaks, skip_broken_at, skip_cr;
    int broken_col;
    eg_text *text;          /* the file's encoding (extract/encoding.h) */
    char limit[32];         /* a limit in a message (limit_text) */
} reader;

/* Why a field could not be read as text, in the file's encoding. */
static const char *encoding_complaint(const eg_text *t, int en)
{
    switch (t->form) {
    case EG_FORM_UTF16LE:
    case EG_FORM_UTF16BE:
        return en ? "field holds a broken UTF-16 character; save the file again as \"CSV UTF-8\""
                  : "ô chứa một ký tự UTF-16 bị hỏng; lưu lại tệp dưới dạng \"CSV UTF-8\"";
    case EG_FORM_8BIT:
        return en ? "field holds a byte that Windows-1258 does not define; save the file as "
                    "\"CSV UTF-8\""
                  : "ô chứa một byte không có trong bảng mã Windows-1258; lưu lại tệp dưới dạng "
                    "\"CSV UTF-8\"";
    default:
        return en ? "field is not valid UTF-8; save the file as \"CSV UTF-8\""
                  : "ô không phải văn bản UTF-8 hợp lệ; lưu lại tệp dưới dạng \"CSV UTF-8\"";
    }
}

/* A limit as the list's reader writes numbers: 16.384 for the clerk,
 * 16384 for the operator (eg_diag_list.english).  In r's own buffer. */
static const char *limit_text(reader *r, int64_t v)
{
    if (r->dl->english) {
        snprintf(r->limit, sizeof r->limit, "%lld", (long long)v);
        return r->limit;
    }
    return eg_fmt_int(r->limit, sizeof r->limit, v);
}

static void grow_fields(reader *r)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->fields = eg_xrealloc(r->fields, r->cap * sizeof *r->fields);
        r->errors = eg_xrealloc(r->errors, r->cap * sizeof *r->errors);
    }
}

/* Field n + 1 of r's row is one past the cap: the reading stops. */
static void too_wide(reader *r)
{
    eg_diag_add(r->dl, EG_ERROR, "E_FILE_TOO_WIDE", r->display, r->row, (int)r->n + 1, NULL,
                NULL,
                r->dl->english ? "row has more than %s fields; the rest of the file was not read"
                               : "dòng có hơn %s ô; phần còn lại của tệp không được đọc",
                limit_text(r, (int64_t)r->lim->max_fields));
    r->stop = r->failed = 1;
}

/* Field n + 1 of r's row is longer than the cap: the reading stops. */
static void too_long(reader *r)
{
    eg_diag_add(r->dl, EG_ERROR, "E_CSV_FIELD_TOO_LONG", r->display, r->row, (int)r->n + 1,
                NULL, NULL,
                r->dl->english ? "field longer than %s bytes (an unclosed quote?); the rest "
                                 "of the file was not read"
                               : "ô dài hơn %s byte (thiếu dấu ngoặc kép đóng?); phần còn lại "
                                 "của tệp không được đọc",
                limit_text(r, (int64_t)r->lim->max_field));
    r->stop = r->failed = 1;
}

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    char *f;

    if (r->stop)
        return;
    /* Both caps are checked exactly here: the buffer growth below and
     * libcsv's (capped_realloc) only bound them roughly. */
    if (r->n >= r->lim->max_fields) {
        too_wide(r);
        return;
    }
    if (len > r->lim->max_field) {
        too_long(r);
        return;
    }
    grow_fields(r);
    if (!s)
        len = 0;
    r->errors[r->n] = NULL;
    if (s && memchr(s, '\0', len)) {
        /* Not cut at the NUL: "3\0008" read as 3 would be a wrong number
         * taken without a word.  The field is not read at all. */
        eg_diag_add(r->dl, EG_ERROR, "E_TEXT_NUL", r->display, r->row, (int)r->n + 1,
                    NULL, NULL,
                    r->dl->english ? "field contains a NUL byte (the file is damaged, or not a "
                                     "text file); the field was not read"
                                   : "ô chứa ký tự rỗng (byte NUL): tệp bị hỏng hoặc không phải "
                                     "tệp văn bản; ô này không được đọc");
        len = 0;
        r->errors[r->n] = EG_CELL_UNREAD;   /* a value sent all the same */
        r->any_error = 1;
    }
    /* Into NFC UTF-8 from the file's encoding, then trimmed (a legacy
     * byte may be a no-break space). */
    f = eg_text_field(r->text, s ? s : "", len);
    if (!f) {
        eg_diag_add(r->dl, EG_ERROR, "E_TEXT_ENCODING", r->display, r->row,
                    (int)r->n + 1, NULL, NULL, "%s",
                    encoding_complaint(r->text, r->dl->english));
        f = eg_xstrdup("");
    }
    eg_trim(f);
    /* "=""046""" as a field: Excel's text formula, quoted (formula_quotes) */
    {
        size_t n = strlen(f);

        if (n >= 3 && f[0] == '=' && f[1] == '"' && f[n - 1] == '"' &&
            !memchr(f + 2, '"', n - 3)) {
            memmove(f, f + 2, n - 3);
            f[n - 3] = '\0';
        }
    }
    r->fields[r->n++] = f;
}

static void clear_fields(reader *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->fields[i]);
    r->n = 0;
    r->any_error = 0;
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
                    NULL, r->dl->english ? "file has more than %s rows; the rest was not read"
                                         : "tệp có hơn %s dòng; phần còn lại của tệp không được đọc",
                    limit_text(r, (int64_t)r->lim->max_rows));
        r->stop = r->failed = 1;
        clear_fields(r);
        return;
    }
    if (!(c == -1 && r->n == 0)) {       /* csv_fini on an empty tail */
        eg_row row = { .row = r->row, .n = r->n, .fields = r->fields,
                       .cell_errors = r->any_error ? r->errors : NULL,
                       .broken_col = r->broken_col };

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

/* libcsv's reason for a parse error (csv_strerror's), in the clerk's words
 * unless en. */
static const char *parse_complaint(int e, int en)
{
    if (en)
        return csv_strerror(e);
    switch (e) {
    case CSV_EPARSE:
        return "lỗi cú pháp CSV";
    case CSV_EINVALID:
        return "lỗi nội bộ của bộ đọc CSV";
    default:
        return csv_strerror(e);
    }
}

/* A quote opened in field col (1-based) of r's row and never closed:
 * the rest of the file was read as that field. */
static void report_unclosed_quote(reader *r, int col)
{
    eg_diag_add(r->dl, EG_ERROR, "E_CSV_SYNTAX", r->display, r->row, col, NULL, NULL, "%s",
                r->dl->english
                    ? "a quote opened in this field is never closed: nothing from this field "
                      "to the end of the file was read; close the quote at the field's end, "
                      "and double the quotes inside it"
                    : "ô mở bằng dấu ngoặc kép nhưng không có dấu ngoặc kép đóng: từ ô này "
                      "đến hết tệp không được đọc; đóng dấu ngoặc kép ở cuối ô, và mỗi dấu "
                      "ngoặc kép bên trong ô phải được gõ thành hai dấu (\"\")");
    r->failed = 1;
}

/* libcsv refused the bytes from where it stopped (at_end: at the file's
 * end, csv_fini).  A field past its cap stops the reading; malformed
 * quoting costs its row alone.  0 when the reading may go on. */
static int report_parse_error(reader *r, int at_end)
{
    int e = csv_error(r->parser);

    if (e == CSV_ENOMEM || e == CSV_ETOOBIG) {
        too_long(r);
        return -1;
    }
    if (at_end) {       /* CSV_STRICT_FINI's one complaint */
        report_unclosed_quote(r, (int)r->n + 1);
        return -1;
    }
    /* The list's reader: the operator of units.csv, report.csv and the
     * layouts, where the row is skipped (eg_table.take_broken), or the
     * clerk of a submission, where its value is not counted. */
    eg_diag_add(r->dl, EG_ERROR, "E_CSV_SYNTAX", r->display, r->row, (int)r->n + 1,
                NULL, NULL,
                r->dl->english
                    ? "malformed quoting (%s); quote a field that holds a quote, the "
                      "delimiter or a line break, and double the quotes inside it; this row "
                      "was skipped"
                    : "dấu ngoặc kép đặt sai (%s); ô có chứa dấu ngoặc kép, dấu phân cách "
                      "hoặc dấu xuống dòng phải được đặt trong dấu ngoặc kép, và mỗi dấu "
                      "ngoặc kép bên trong ô phải được gõ thành hai dấu (\"\"); giá trị của "
                      "dòng này không được tính",
                parse_complaint(e, r->dl->english));
    return 0;
}

/* Starts reading the rest of r's row, refused at field r->n (0-based),
 * as a spreadsheet program splits it: no quote is open there (the byte
 * refused is a quote inside a bare field, or text right after a closing
 * quote, or the file ended inside a quoted field). */
static void skip_start(reader *r)
{
    r->skip = (formula_quotes){ .delim = r->delim };
    r->skip_field = r->n;
    r->broken_col = (int)r->n + 1;
    r->skip_len = r->refused_len = 0;
    r->skip_open = r->skip_breaks = r->skip_broken_at = r->skip_cr = 0;
    r->skipping = 1;
}

/* The end of a field of a refused row's rest: the refused field unread,
 * any other with the text a spreadsheet program shows. */
static void skip_field_end(reader *r)
{
    if (r->skip_field + 1 == (size_t)r->broken_col) {
        if (r->n >= r->lim->max_fields) {
            too_wide(r);
            return;
        }
        grow_fields(r);
        r->fields[r->n] = eg_xstrdup("");
        r->errors[r->n++] = EG_CELL_UNREAD;
        r->any_error = 1;
    } else {
        on_field(r->skip_text, r->skip_len, r);
    }
    r->skip_len = 0;
}

/* Adds byte c to the text of the refused row's field being read; the
 * reading stops past the field cap, as libcsv's does. */
static void skip_keep(reader *r, char c)
{
    size_t *len = r->skip_field + 1 == (size_t)r->broken_col ? &r->refused_len : &r->skip_len;

    if (*len >= r->lim->max_field) {
        too_long(r);
        return;
    }
    if (len == &r->skip_len) {
        if (r->skip_len == r->skip_cap) {
            r->skip_cap = r->skip_cap ? r->skip_cap * 2 : 256;
            r->skip_text = eg_xrealloc(r->skip_text, r->skip_cap);
        }
        r->skip_text[r->skip_len] = c;
    }
    (*len)++;
}

/* One byte of a refused row's rest; 1 when it ends the row. */
static int skip_byte(reader *r, char c)
{
    formula_quotes was = r->skip;
    int cr = r->skip_cr;

    r->skip_cr = c == '\r';
    if (quote_step(&r->skip, c))
        return 1;
    if (c == r->delim && !was.quoted) {
        skip_field_end(r);
        r->skip_field++;
    } else if (was.quoted && c == '"') {
        ;                               /* a closing quote, or the first of two */
    } else if (was.at_start && c == '"') {
        r->skip_open = (int)r->skip_field + 1;      /* an opening one */
    } else {
        /* a line break inside quotes: a line of the file that is no row */
        if ((c == '\n' && !cr) || c == '\r') {
            if (!r->skip_breaks++)
                r->skip_broken_at = r->skip_open;
        }
        skip_keep(r, c);
    }
    return 0;
}

/* The end (c: its terminator, -1 at the file's) of a row whose quoting
 * was refused: the row is handed on as a spreadsheet program splits it,
 * its refused field unread and eg_row.broken_col set, so that it names
 * its unit and indicator, and counts as their report, while no value of
 * it is read.  Line breaks inside a quoted field of its rest made lines
 * of the file part of it: said, as they are no rows. */
static void broken_row_end(reader *r, int c)
{
    r->skipping = 0;
    skip_field_end(r);
    if (r->skip_breaks && !r->skip.quoted && !r->stop)
        eg_diag_add(r->dl, EG_ERROR, "E_CSV_SYNTAX", r->display, r->row, r->skip_broken_at,
                    NULL, NULL,
                    r->dl->english
                        ? "a quote opened in this field closes only after %d line breaks: the "
                          "lines between are part of this field, not rows of their own; close "
                          "the quote at the field's end"
                        : "dấu ngoặc kép mở ở ô này chỉ đóng sau %d lần xuống dòng: các dòng ở "
                          "giữa là một phần của ô này, không phải các dòng riêng; đóng dấu ngoặc "
                          "kép ở cuối ô",
                    r->skip_breaks);
    on_record(c, r);                    /* sets last_term: a CRLF's '\n' is no row */
    r->broken_col = 0;
}

/* Feeds b[0, n) to r's parser.  A record whose quoting is malformed is
 * said (E_CSV_SYNTAX) and read to its end as a spreadsheet program reads
 * it (skip_byte), and the parser starts again past it, so that one stray
 * quote costs its row, not the rows after it.  -1 when the reading stops
 * there. */
static int parse_bytes(reader *r, const char *b, size_t n)
{
    while (n > 0 && !r->stop) {
        size_t k = 0;

        if (r->skipping) {
            while (k < n && !r->stop) {
                char c = b[k++];

                if (skip_byte(r, c)) {
                    broken_row_end(r, c);
                    break;
                }
            }
            b += k;
            n -= k;
            continue;
        }
        k = csv_parse(r->parser, b, n, on_field, on_record, r);
        if (k == n || r->stop)
            return r->stop ? -1 : 0;
        if (report_parse_error(r, 0) != 0)
            return -1;
        skip_start(r);
        csv_free(r->parser);
        if (init_parser(r->parser, r->delim)) {
            r->stop = r->failed = 1;
            return -1;
        }
        b += k;
        n -= k;
    }
    return r->stop ? -1 : 0;
}

/* The file's end: the last record, or the row being skipped. */
static void parse_end(reader *r)
{
    if (r->stop)
        return;
    if (r->skipping) {
        /* a quote opened in the refused row's rest took the file: that
         * field is handed on empty, as the message says nothing of it
         * was read */
        if (r->skip.quoted) {
            report_unclosed_quote(r, r->skip_open);
            r->skip_len = 0;
        }
        broken_row_end(r, -1);
    } else if (csv_fini(r->parser, on_field, on_record, r) != 0) {
        int unclosed = csv_error(r->parser) == CSV_EPARSE;

        report_parse_error(r, 1);
        if (unclosed && !r->stop) {     /* the row, up to the quote, as a refused one's */
            skip_start(r);
            broken_row_end(r, -1);
        }
    }
}

/* Parses buf[0..len) as a whole, for delimiter detection: its first
 * max_rows rows go to the probe until it says yes; returns the 0-based
 * index of that row, or -1. */
typedef struct {
    eg_header_probe probe;
    void *ctx;
    int found;
    int index;
    int max_rows;
} probe_state;

static int probe_row(void *ctx, const eg_row *row)
{
    probe_state *ps = ctx;

    if (ps->probe(ps->ctx, row)) {
        ps->found = 1;
        ps->index = (int)(row->row - 1);
        return 1;
    }
    /* by row number: a row skipped for its quoting counts too */
    return row->row >= ps->max_rows;
}

static int probe_delim(const char *buf, size_t len, int delim, int max_rows,
                       eg_header_probe probe, void *probe_ctx, const eg_limits *lim,
                       eg_text *text)
{
    struct csv_parser p;
    eg_diag_list quiet = { 0 };
    probe_state ps = { probe, probe_ctx, 0, 0, max_rows };
    reader r = { .display = "", .dl = &quiet, .fn = probe_row, .ctx = &ps,
                 .lim = lim, .row = 1, .text = text, .parser = &p, .delim = delim };

    /* the '=' of Excel's text formulas is dropped here as in the read
     * (drop_formula_eq), or a title or a header written ="..." would be
     * a syntax error to the probe, and no delimiter found */
    formula_quotes fq = { .delim = delim, .at_start = 1 };
    char piece[PROBE_PIECE + 1];
    int held = 0;

    if (init_parser(&p, delim))
        return -1;
    /* a piece at a time: libcsv reads on to the end of what it is given,
     * and the header is nearly always in the first rows */
    for (size_t at = 0; at < len && !r.stop; at += PROBE_PIECE) {
        size_t n = len - at < PROBE_PIECE ? len - at : PROBE_PIECE, k = 0;

        if (held)
            piece[k++] = '=';
        memcpy(piece + k, buf + at, n);
        n = drop_formula_eq(&fq, piece, n + k, &held);
        if (parse_bytes(&r, piece, n) != 0) {
            held = 0;
            break;
        }
    }
    if (held && !r.stop)
        parse_bytes(&r, "=", 1);
    parse_end(&r);
    clear_fields(&r);
    free(r.fields);
    free(r.errors);
    free(r.skip_text);
    csv_free(&p);
    eg_diag_free(&quiet);
    return ps.found ? ps.index : -1;
}

/* Why the system failed an open or a read, in the list's reader's words. */
static const char *os_reason(const eg_diag_list *dl, int err)
{
    return dl->english ? eg_strerror(err) : eg_strerror_vi(err);
}

int eg_csv_read(const char *path, const char *display, int delim,
                eg_header_probe probe, void *probe_ctx, int *found_delim,
                eg_row_fn fn, void *ctx, const eg_limits *lim_in,
                eg_diag_list *dl)
{
    eg_limits lim = eg_limits_of(lim_in);
    struct csv_parser p;
    reader r = { 0 };
    eg_text text;
    char *buf;
    size_t len;
    FILE *f;
    int rc = 0, err = 0, held = 0;
    formula_quotes fq = { 0 };

    field_cap = lim.max_field;
    if (found_delim)
        *found_delim = 0;

    f = eg_fopen_input(path);
    if (!f) {
        eg_diag_add(dl, EG_ERROR, "E_FILE_READ", display, 0, 0, NULL, NULL,
                    dl->english ? "cannot open: %s" : "không mở được tệp: %s",
                    os_reason(dl, errno));
        return -1;
    }
    /* The encoding is decided once, from all of the file's bytes
     * (extract/encoding.h): UTF-8, UTF-16, or a legacy 8-bit one. */
    if (eg_text_sniff(&text, f) != 0) {
        eg_diag_add(dl, EG_ERROR, "E_FILE_READ", display, 0, 0, NULL, NULL,
                    dl->english ? "read error: %s" : "lỗi khi đọc tệp: %s",
                    os_reason(dl, errno));
        eg_text_close(&text);
        fclose(f);
        return -1;
    }
    /* one byte before the piece read, for an '=' held back from the one
     * before it (drop_formula_eq) */
    buf = eg_xmalloc(CHUNK + 1);
    len = eg_text_read(&text, f, buf + 1, CHUNK, &err);

    if (probe) {
        static const int candidates[] = { ',', ';', '\t' };
        int best = -1;

        delim = 0;
        /* The delimiter whose header comes first, the first one on a tie:
         * a later one is only looked for in the rows before the best. */
        for (size_t i = 0; i < sizeof candidates / sizeof *candidates && best != 0; i++) {
            int at = probe_delim(buf + 1, len, candidates[i], best < 0 ? PROBE_ROWS : best, probe,
                                 probe_ctx, &lim, &text);

            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
                delim = candidates[i];
            }
        }
        if (!delim) {
            free(buf);
            eg_text_close(&text);
            fclose(f);
            return 0;
        }
    }
    if (found_delim)
        *found_delim = delim;
    eg_text_warn(&text, display, dl);

    r.display = display;
    r.dl = dl;
    r.fn = fn;
    r.ctx = ctx;
    r.lim = &lim;
    r.row = 1;
    r.text = &text;
    r.parser = &p;
    r.delim = delim;
    if (init_parser(&p, delim)) {
        free(buf);
        eg_text_close(&text);
        fclose(f);
        eg_diag_add(dl, EG_FATAL, "F_MEMORY", display, 0, 0, NULL, NULL, "cannot start the CSV parser");
        return -1;
    }
    /* Stream the file: the first chunk is already in buf + 1. */
    fq.delim = delim;
    fq.at_start = 1;
    while (len > 0 && !r.stop) {
        char *at = buf + 1;
        size_t n;

        if (held) {
            *--at = '=';
            len++;
        }
        n = drop_formula_eq(&fq, at, len, &held);
        if (parse_bytes(&r, at, n) != 0) {
            held = 0;
            break;
        }
        len = eg_text_read(&text, f, buf + 1, CHUNK, &err);
    }
    /* the file's last byte, an '=' alone in its field */
    if (held && !err && !r.stop)
        parse_bytes(&r, "=", 1);
    if (err) {
        eg_diag_add(dl, EG_ERROR, "E_FILE_READ", display, r.row, 0, NULL, NULL,
                    dl->english ? "read error: %s" : "lỗi khi đọc tệp: %s",
                    os_reason(dl, errno));
        r.failed = 1;
    } else {
        parse_end(&r);
    }
    if (r.failed)
        rc = -1;
    clear_fields(&r);
    free(r.fields);
    free(r.errors);
    free(r.skip_text);
    csv_free(&p);
    free(buf);
    eg_text_close(&text);
    fclose(f);
    return rc;
}

/* 1 when the n bytes at b hold the text s. */
static int holds(const unsigned char *b, size_t n, const char *s)
{
    return memmem(b, n, s, strlen(s)) != NULL;
}

const char *eg_csv_not_text(const unsigned char *b, size_t n, const char *ext,
                            char *buf, size_t size)
{
    const char *what;

    /* Each starts with bytes no text has (control characters, a byte no
     * encoding starts a file with): a table whose first cell reads
     * "%PDF-1.4" is not worth a doubt. */
    switch (eg_file_sig_of(b, n)) {
    case EG_SIG_ZIP:
        /* An OpenDocument file's first part is its "mimetype", stored. */
        if (holds(b, n, "application/vnd.oasis.opendocument.spreadsheet"))
            snprintf(buf, size, "tệp không phải tệp văn bản (CSV) mà là bảng tính OpenDocument "
                     "(.ods) nhưng mang đuôi %s, tệp này không được đọc: lưu báo cáo dưới dạng "
                     "bảng tính Excel (.xlsx) hoặc \"CSV UTF-8\"", ext);
        else if (holds(b, n, "application/vnd.oasis.opendocument"))
            snprintf(buf, size, "tệp không phải tệp văn bản (CSV) mà là tài liệu OpenDocument "
                     "nhưng mang đuôi %s: lưu báo cáo dưới dạng bảng tính Excel (.xlsx) hoặc "
                     "\"CSV UTF-8\"", ext);
        else
            snprintf(buf, size, "tệp không phải tệp văn bản (CSV) mà là tệp nén zip, nhiều khả "
                     "năng là bảng tính Excel (.xlsx), nhưng mang đuôi %s: đổi đuôi tệp thành .xlsx, "
                     "hoặc lưu báo cáo dưới dạng \"CSV UTF-8\"", ext);
        return buf;
    case EG_SIG_OLE:
        snprintf(buf, size, "tệp không phải tệp văn bản (CSV) mà là bảng tính Excel 97-2003 "
                 "(.xls) hoặc bảng tính có đặt mật khẩu, nhưng mang đuôi %s: đổi đuôi tệp thành "
                 ".xls, hoặc lưu báo cáo dưới dạng \"CSV UTF-8\" không đặt mật khẩu", ext);
        return buf;
    case EG_SIG_PDF:
        if (n < 6 || b[5] < '0' || b[5] > '9')      /* "%PDF-x,1": a cell */
            return NULL;
        what = "tài liệu PDF";
        break;
    case EG_SIG_PNG:
        what = "ảnh PNG";
        break;
    case EG_SIG_JPEG:
        what = "ảnh JPEG";
        break;
    default:
        return NULL;
    }
    snprintf(buf, size, "tệp không phải tệp văn bản (CSV) mà là %s nhưng mang đuôi %s: gửi chính "
             "bảng tính của báo cáo, dưới dạng bảng tính Excel (.xlsx) hoặc \"CSV UTF-8\"",
             what, ext);
    return buf;
}
