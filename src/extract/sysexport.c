/*
 * sysexport.c - a system export, plain or gzip, streamed through libcsv.
 *
 * zlib's gzread reads a plain file as it is and a gzip file decompressed,
 * so both take the same path.  Memory: the decompression buffer, one
 * chunk of text, libcsv's field buffer (capped) and the row being built.
 *
 * The fast path.  libcsv is the reference parser; but an export is
 * nearly always plain ASCII without a quote, where a record is a line and
 * a field what lies between commas.  Whole lines without a quote (of a
 * plain file or of the text a gzip stream inflates to) are cut by hand (memchr) and handed to the very
 * callbacks libcsv calls, exactly as libcsv would call them: '\r' and
 * '\n' each end a record (CSV_REPALL_NL), an unquoted field loses its
 * leading and trailing spaces and tabs, a line of nothing but spaces has
 * no field, a last line without an end is ended by csv_fini.  From the
 * first line that holds a quote (or is longer than FAST_LINE) to the end
 * of the file, libcsv parses, starting at that line, which is a record
 * boundary since no quote came before.  tests/unit/test_sysexport.c and
 * tests/fuzz/fuzz_sysexport.c compare the two paths row by row.
 *
 * Both cores (eg_export_read_split).  A plain file is cut at line ends
 * into a small first part (the header) and one part per thread.  Where a
 * cut falls is a guess: a quoted field may hold a line break, and then the
 * text after the cut is not the start of a record.  The guess is checked,
 * not trusted: the part before a cut is read from a true record boundary
 * (the file's start, or a cut already checked), so when its reader ends
 * the part between records (libcsv's state ROW_NOT_BEGUN, nothing
 * pending) the cut is a true boundary too, and the part after it, read by
 * a fresh reader, gives what one reader would have given.  When it does
 * not, the parts from that cut on are dropped and that reader goes on to
 * the end of the file alone.  The same tests and fuzz target compare this
 * path with libcsv alone, with parts of a few bytes.
 */
#include "extract/sysexport.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define CHUNK (256 * 1024)
/* Lines longer than this go to libcsv (its field cap, 64 KiB, stays the
 * judge of what is too long). */
#define FAST_LINE (16 * 1024)
/* Bytes past the text that fast_record may read (and one it may write). */
#define CHUNK_SLACK 32
/* Splitting: at most this many parts; the first holds at least this many
 * bytes (the header row); a cut looks this far for a line end. */
#define MAX_PARTS 8
#define FIRST_PART (64 * 1024)
#define CUT_LOOK (1024 * 1024)
#define MIN_PART_DEFAULT (4LL * 1024 * 1024)

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
    char buf[EG_EXPORT_MAX_FIELDS][EG_EXPORT_MAX_FIELD + 1];   /* libcsv's fields */
    const char *field[EG_EXPORT_MAX_FIELDS];    /* buf, or the fast path's text */
    size_t len[EG_EXPORT_MAX_FIELDS];
    size_t n;
    int overflow;
    long row;               /* the row being read */
    long delivered;         /* rows handed to fn */
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
    r->field[r->n] = r->buf[r->n];
    r->len[r->n++] = len;
}

/* The fast path's field [a, b): ended in place (the line is done with
 * once cut), not copied. */
static void fast_field(reader *r, char *a, char *b)
{
    size_t len = (size_t)(b - a);

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
    a[len] = '\0';
    r->field[r->n] = a;
    r->len[r->n++] = len;
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
        eg_export_row row = { r->row, r->n, r->field, r->len, r->overflow };

        r->delivered++;
        if (r->fn(r->ctx, &row))
            r->stop = 1;
    }
    if (!(c == -1 && r->n == 0 && !r->overflow))
        r->row++;
    r->n = 0;
    r->overflow = 0;
}

static int is_blank(int c)
{
    return c == ' ' || c == '\t';
}

/* Trims field [a, b) of its blanks and hands it on. */
static void fast_trimmed(reader *r, char *a, char *b)
{
    while (a < b && is_blank((unsigned char)*a))
        a++;
    while (b > a && is_blank((unsigned char)b[-1]))
        b--;
    fast_field(r, a, b);
}

/* One record [s, e) without a quote, ended by c ('\r', '\n', or -1 at the
 * end of the file): the callbacks libcsv would make.  The text is written
 * to (each field ended by a NUL), e itself included; and the commas are
 * looked for 16 bytes at a time, which may read up to 15 bytes past e: the
 * buffer has CHUNK_SLACK bytes more than it reads into. */
static void fast_record(char *s, char *e, int c, reader *r)
{
    char *p = s, *field;

    while (p < e && is_blank((unsigned char)*p))
        p++;
    if (p == e) {
        /* Nothing but blanks: libcsv never began a row; it reports the
         * line end alone (CSV_REPALL_NL) and nothing at the file's end. */
        if (c != -1)
            on_record(c, r);
        return;
    }
    field = p;
#ifdef __SSE2__
    {
        const __m128i comma = _mm_set1_epi8(',');

        for (char *base = p; base < e; base += 16) {
            unsigned m = (unsigned)_mm_movemask_epi8(
                _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)base), comma));

            if (e - base < 16)
                m &= (1u << (e - base)) - 1;
            while (m) {
                char *at = base + __builtin_ctz(m);

                m &= m - 1;
                fast_trimmed(r, field, at);
                field = at + 1;
            }
        }
    }
#else
    for (char *at = p; at < e; at++)
        if (*at == ',') {
            fast_trimmed(r, field, at);
            field = at + 1;
        }
#endif
    fast_trimmed(r, field, e);
    on_record(c, r);
}

/* Parses the whole records of [s, s + len) by hand, up to the first line
 * holding a quote or longer than FAST_LINE.  Returns the bytes consumed
 * (always up to a record boundary); *stop is set when the rest must go to
 * libcsv. */
static size_t fast_chunk(char *s, size_t len, reader *r, int *stop)
{
    char *p = s, *end = s + len;
    const char *quote = memchr(s, '"', len);

    while (p < end && !r->stop) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *cr, *t;

        if (!nl)
            break;                      /* an unfinished line: the next chunk */
        if ((quote && quote < nl) || nl - p > FAST_LINE) {
            *stop = 1;
            break;
        }
        /* '\r' ends a record too: CRLF gives an empty record that
         * on_record folds into the line before. */
        while (p <= nl && (cr = memchr(p, '\r', (size_t)(nl - p))) != NULL) {
            fast_record(p, cr, '\r', r);
            p = cr + 1;
        }
        t = nl;
        fast_record(p, t, '\n', r);
        p = nl + 1;
    }
    if (!*stop && (size_t)(end - p) > FAST_LINE)
        *stop = 1;                      /* a line too long for a chunk */
    return (size_t)(p - s);
}


/* ---- where the bytes come from ------------------------------------------- */

typedef struct {
    gzFile gz;                  /* the whole file through zlib, or NULL: */
    int fd;                     /* a plain file's bytes [pos, end) */
    long long pos, end;
} source;

/* Bytes read into buf (at most n), 0 at the end, -1 on an error (errno). */
static int source_read(source *s, char *buf, size_t n)
{
    ssize_t k;

    if (s->gz)
        return gzread(s->gz, buf, (unsigned)n);
    if (s->pos >= s->end)
        return 0;
    if ((long long)n > s->end - s->pos)
        n = (size_t)(s->end - s->pos);
    do
        k = pread(s->fd, buf, n, (off_t)s->pos);
    while (k < 0 && errno == EINTR);
    if (k > 0)
        s->pos += k;
    return (int)k;
}

/* ---- one reader: the fast path, then libcsv ------------------------------- */

typedef struct {
    reader r;
    struct csv_parser p;
    int p_ready;
    char *chunk;
    size_t have;                /* an unfinished line kept at chunk's start */
    int fast;                   /* still on the fast path */
    int first;                  /* the file's first bytes come next (a BOM) */
    long long total;            /* bytes read */
    int rc;
    eg_diag_list dl;            /* a part's own problems, joined with it */
} parser;

static parser *parser_new(eg_export_fn fn, void *ctx, int fast, int first)
{
    parser *ps = calloc(1, sizeof *ps);

    if (!ps)
        return NULL;
    /* zeroed: the slack fast_record reads past a line is never garbage */
    ps->chunk = calloc(1, CHUNK + CHUNK_SLACK);
    if (!ps->chunk || csv_init(&ps->p, CSV_REPALL_NL)) {
        free(ps->chunk);
        free(ps);
        return NULL;
    }
    ps->p_ready = 1;
    csv_set_realloc_func(&ps->p, capped_realloc);
    csv_set_free_func(&ps->p, free);
    for (int i = 0; i < EG_EXPORT_MAX_FIELDS; i++)
        ps->r.field[i] = ps->r.buf[i];
    ps->r.fn = fn;
    ps->r.ctx = ctx;
    ps->r.row = 1;
    ps->fast = fast;
    ps->first = first;
    return ps;
}

static void parser_free(parser *ps)
{
    if (!ps)
        return;
    if (ps->p_ready)
        csv_free(&ps->p);
    eg_diag_free(&ps->dl);
    free(ps->chunk);
    free(ps);
}

/* 1 when ps stands between two records with nothing pending: the next
 * byte starts a record whoever reads it. */
static int at_boundary(const parser *ps)
{
    return ps->rc == 0 && !ps->r.stop && ps->have == 0 && ps->r.n == 0 && !ps->r.overflow &&
           ps->p.pstate == 0 && !ps->p.quoted && ps->p.entry_pos == 0;
}

/* Reads src into ps; final: src ends the file (its last line and
 * csv_fini).  Problems go to dl. */
static int parse(parser *ps, source *src, int final, const char *path, const char *display,
                 eg_diag_list *dl)
{
    reader *r = &ps->r;
    int n = 0;

    /* One pass: read a chunk, parse it, forget it.  On the fast path an
     * unfinished last line (at most FAST_LINE bytes) is kept at the
     * chunk's start for the next read. */
    while (ps->rc == 0 && !r->stop &&
           (n = source_read(src, ps->chunk + ps->have, CHUNK - ps->have)) > 0) {
        char *s = ps->chunk;
        size_t len = ps->have + (size_t)n;

        ps->total += n;
        if (ps->first && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            len -= 3;
        }
        ps->first = 0;
        ps->have = 0;
        if (ps->fast) {
            int to_libcsv = 0;
            size_t used = fast_chunk(s, len, r, &to_libcsv);

            s += used;
            len -= used;
            if (!to_libcsv) {
                memmove(ps->chunk, s, len);
                ps->have = len;
                continue;
            }
            ps->fast = 0;               /* libcsv from this record on */
        }
        /* libcsv goes on to the chunk's end after a stop: what it finds
         * there was not asked for */
        if (csv_parse(&ps->p, s, len, on_field, on_record, r) != len && !r->stop) {
            eg_diag_add(dl, EG_ERROR, "E_SYSTEM_READ", display, r->row, (int)r->n + 1, NULL,
                        NULL,
                        "a field longer than 64 KiB (an unclosed quote?); the rest of the export was not read and it was not reconciled");
            ps->rc = -1;
        }
    }
    if (ps->rc != 0 || r->stop)
        return ps->rc;
    {
        int err = Z_OK;
        const char *msg = src->gz ? gzerror(src->gz, &err) : "";

        if (n < 0 || (err != Z_OK && err != Z_STREAM_END)) {
            size_t k = strlen(path);

            /* zlib puts the path first: the message names the file already */
            if (strncmp(msg, path, k) == 0 && msg[k] == ':')
                msg += k + 1 + (msg[k + 1] == ' ');
            eg_diag_add(dl, EG_ERROR, "E_SYSTEM_READ", display, r->row, 0, NULL, NULL,
                        "cannot read the export to its end (%s); it was not reconciled",
                        !src->gz || err == Z_ERRNO ? strerror(errno) : msg);
            ps->rc = -1;
            return -1;
        }
    }
    if (!final)
        return 0;
    /* The fast path's last line without its end, as libcsv ends it (a
     * quote in it: libcsv itself). */
    if (ps->have && memchr(ps->chunk, '"', ps->have)) {
        csv_parse(&ps->p, ps->chunk, ps->have, on_field, on_record, r);
    } else if (ps->have) {
        char *q = ps->chunk, *cr, *end = ps->chunk + ps->have;

        while ((cr = memchr(q, '\r', (size_t)(end - q))) != NULL) {
            fast_record(q, cr, '\r', r);
            q = cr + 1;
        }
        fast_record(q, end, -1, r);
    }
    ps->have = 0;
    csv_fini(&ps->p, on_field, on_record, r);
    return 0;
}

static void open_failed(const char *display, eg_diag_list *dl)
{
    eg_diag_add(dl, EG_ERROR, "E_SYSTEM_READ", display, 0, 0, NULL, NULL,
                "cannot open the export: %s; it was not reconciled",
                errno ? strerror(errno) : "out of memory");
}

static void no_memory(const char *display, eg_diag_list *dl)
{
    eg_diag_add(dl, EG_ERROR, "E_SYSTEM_READ", display, 0, 0, NULL, NULL,
                "out of memory reading the export; it was not reconciled");
}

/* One reader over the whole file, zlib deciding whether it is gzip. */
static int export_read(const char *path, const char *display, eg_export_fn fn, void *ctx,
                       long long *bytes, eg_diag_list *dl, int allow_fast)
{
    source src = { 0 };
    parser *ps;
    int rc;

    if (bytes)
        *bytes = 0;
    errno = 0;
    src.gz = gzopen(path, "rb");
    if (!src.gz) {
        open_failed(display, dl);
        return -1;
    }
    gzbuffer(src.gz, CHUNK);
    ps = parser_new(fn, ctx, allow_fast, 1);
    if (!ps) {
        gzclose(src.gz);
        no_memory(display, dl);
        return -1;
    }
    rc = parse(ps, &src, 1, path, display, dl);
    if (bytes)
        *bytes = ps->total;
    parser_free(ps);
    gzclose(src.gz);
    return rc;
}

int eg_export_read(const char *path, const char *display, eg_export_fn fn, void *ctx,
                   long long *bytes, eg_diag_list *dl)
{
    return export_read(path, display, fn, ctx, bytes, dl, 1);
}

int eg_export_read_libcsv(const char *path, const char *display, eg_export_fn fn, void *ctx,
                          long long *bytes, eg_diag_list *dl)
{
    return export_read(path, display, fn, ctx, bytes, dl, 0);
}

/* ---- split over threads -------------------------------------------------- */

typedef struct {
    parser *ps;
    source src;
    int final;
    const char *path, *display;
    pthread_t th;
    int started;
} part;

static void *read_part(void *arg)
{
    part *pt = arg;

    parse(pt->ps, &pt->src, pt->final, pt->path, pt->display, &pt->ps->dl);
    return NULL;
}

/* The offset just after the first '\n' at or after off, looking at most
 * CUT_LOOK bytes; -1 when there is none there. */
static long long line_end_after(int fd, long long off, long long size)
{
    char buf[64 * 1024];
    long long looked = 0;

    while (off < size && looked < CUT_LOOK) {
        size_t want = sizeof buf;
        ssize_t k;
        const char *nl;

        if ((long long)want > size - off)
            want = (size_t)(size - off);
        k = pread(fd, buf, want, (off_t)off);
        if (k <= 0)
            return -1;
        nl = memchr(buf, '\n', (size_t)k);
        if (nl)
            return off + (nl - buf) + 1;
        off += k;
        looked += k;
    }
    return -1;
}

static int is_gzip(int fd)
{
    unsigned char m[2];

    return pread(fd, m, 2, 0) == 2 && m[0] == 0x1f && m[1] == 0x8b;
}

int eg_export_read_split(const char *path, const char *display, const eg_export_split *how,
                         void *ctx, long long *bytes, eg_diag_list *dl)
{
    long long min_part = how->min_part > 0 ? how->min_part : MIN_PART_DEFAULT;
    long long cut[MAX_PARTS + 2], size, rows_before;
    int jobs = how->jobs < 1 ? 1 : how->jobs > MAX_PARTS ? MAX_PARTS : how->jobs;
    int n_cut = 0, fd, rc = 0;
    part parts[MAX_PARTS + 1];
    parser *main_ps, *prev;
    struct stat st;

    if (jobs == 1)
        return export_read(path, display, how->row, ctx, bytes, dl, 1);
    errno = 0;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        open_failed(display, dl);
        return -1;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || is_gzip(fd) ||
        st.st_size < 2 * min_part) {
        close(fd);
        return export_read(path, display, how->row, ctx, bytes, dl, 1);
    }
    size = st.st_size;

    /* The cuts: the first part ends at the first line end past FIRST_PART
     * bytes (fewer when the parts are small), then one part per thread,
     * each ended at the first line end past its share. */
    cut[n_cut++] = 0;
    for (int k = 0; k < jobs; k++) {
        long long want = k == 0 ? (FIRST_PART < min_part ? FIRST_PART : min_part) - 1
                                : cut[1] + (size - cut[1]) * k / jobs;
        long long at = line_end_after(fd, want, size);

        if (at < 0 || at >= size)
            break;
        if (at > cut[n_cut - 1])
            cut[n_cut++] = at;
    }
    cut[n_cut++] = size;

    main_ps = parser_new(how->row, ctx, 1, 1);
    if (!main_ps) {
        close(fd);
        no_memory(display, dl);
        return -1;
    }
    memset(parts, 0, sizeof parts);

    /* The first part, alone: it holds the header the others need. */
    parts[0].ps = main_ps;
    parts[0].src = (source){ NULL, fd, 0, cut[1] };
    rc = parse(main_ps, &parts[0].src, cut[1] == size, path, display, dl);
    if (rc != 0 || main_ps->r.stop || cut[1] == size)
        goto done;
    if (main_ps->r.delivered == 0 || !at_boundary(main_ps) || n_cut < 4) {
        source rest = { NULL, fd, cut[1], size };

        rc = parse(main_ps, &rest, 1, path, display, dl);
        goto done;
    }

    /* Parts 2.. by threads of their own, part 1 by this thread. */
    for (int k = 2; k < n_cut - 1; k++) {
        void *mine = how->fork(ctx);

        parts[k].ps = mine ? parser_new(how->row, mine, 1, 0) : NULL;
        if (!parts[k].ps) {
            if (mine)
                how->drop(mine);
            continue;                   /* read on by the part before */
        }
        parts[k].src = (source){ NULL, fd, cut[k], cut[k + 1] };
        parts[k].final = cut[k + 1] == size;
        parts[k].path = path;
        parts[k].display = display;
        parts[k].started = pthread_create(&parts[k].th, NULL, read_part, &parts[k]) == 0;
    }
    parts[1].ps = main_ps;
    parts[1].src = (source){ NULL, fd, cut[1], cut[2] };
    rc = parse(main_ps, &parts[1].src, cut[2] == size, path, display, dl);

    /* Join in file order, each part only when the one before ended
     * between records. */
    prev = main_ps;
    rows_before = main_ps->r.row - 1;
    for (int k = 2; k < n_cut - 1; k++) {
        part *pt = &parts[k];

        if (pt->started)
            pthread_join(pt->th, NULL);
        else if (pt->ps && prev)
            read_part(pt);              /* no thread could be had */
        if (!prev)
            goto drop;                  /* ended before this part */
        if (pt->ps && at_boundary(prev)) {
            long long got = pt->ps->total;

            /* its rows first, then what stopped its reading, as one
             * reader would have found them */
            how->join(ctx, pt->ps->r.ctx, rows_before);
            eg_diag_move(dl, &pt->ps->dl, rows_before, SIZE_MAX);
            pt->ps->r.ctx = NULL;
            pt->ps->total = 0;
            main_ps->total += got;
            rc = pt->ps->rc;
            if (prev != main_ps)
                parser_free(prev);
            prev = pt->ps;
            prev->r.row += rows_before;     /* its rows as the file counts them */
            rows_before = prev->r.row - 1;
            pt->ps = NULL;
            if (rc != 0 || prev->r.stop) {
                parser_free(prev);
                prev = NULL;
            }
            continue;
        }
        if (prev->rc == 0 && !prev->r.stop) {
            /* Not a record boundary: the reader of the part before reads
             * on, with ctx, to the end. */
            source rest = { NULL, fd, cut[k], size };
            long long before = prev->total;

            prev->r.ctx = ctx;
            rc = parse(prev, &rest, 1, path, display, dl);
            if (prev != main_ps)
                main_ps->total += prev->total - before;
        }
        if (prev != main_ps)
            parser_free(prev);
        prev = NULL;
drop:
        if (pt->ps) {
            how->drop(pt->ps->r.ctx);
            parser_free(pt->ps);
            pt->ps = NULL;
        }
    }
    if (prev && prev != main_ps)
        parser_free(prev);
done:
    if (bytes)
        *bytes = main_ps->total;
    parser_free(main_ps);
    close(fd);
    return rc;
}
