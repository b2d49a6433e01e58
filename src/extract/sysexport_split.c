/*
 * sysexport_split.c - a plain export read by several threads
 * (eg_export_read_split, sysexport.h).
 *
 * A plain file is cut at line ends into a small first part (the header)
 * and parts of about PART_BYTES (at least one per thread, at most
 * MAX_PARTS), which the threads take one after the other as they come
 * free: a thread that got less of the processor (the submissions are
 * read meanwhile) takes fewer parts, and the last part to end is a small
 * one, not half of the file.  Where a cut falls is a guess: a quoted
 * field may hold a line break, and then the text after the cut is not
 * the start of a record.  The guess is checked, not trusted: the part
 * before a cut is read from a true record boundary (the file's start, or
 * a cut already checked), so when its reader ends the part between
 * records (libcsv's state ROW_NOT_BEGUN, nothing pending) the cut is a
 * true boundary too, and the part after it, read by a fresh reader, gives
 * what one reader would have given.  When it does not, the parts from
 * that cut on are dropped and that reader goes on to the end of the file
 * alone.  tests/unit/test_sysexport_fast.c and tests/fuzz/fuzz_sysexport.c
 * compare this path with libcsv alone, with parts of a few bytes.
 */
#include "extract/sysexport_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/thread.h"

/* Splitting: at most this many parts; the first holds at least this many
 * bytes (the header row); a cut looks this far for a line end; parts of
 * this size, unless the caller says. */
#define MAX_PARTS 32
#define FIRST_PART (64 * 1024)
#define CUT_LOOK (1024 * 1024)
#define PART_BYTES (4LL * 1024 * 1024)

typedef struct {
    export_parser *ps;
    void *state;                /* fork(ctx), for parts 2.. */
    export_source src;
    int final;
    int rc;
} part;

/* The parts 1 .. n - 1 of a file, taken in turn by whichever thread is
 * free.  A part's parser is made when it is taken, and kept (its buffers
 * given back) until the part is joined. */
typedef struct {
    part *parts;
    int n;
    atomic_int next;
    const eg_export_split *how;
    const char *path, *display;
    eg_diag_list *dl;           /* the caller's: part 1's problems */
} part_queue;

static atomic_size_t parts_read;

size_t eg_export_parts_read(void)
{
    return atomic_load(&parts_read);
}

static void take_parts(part_queue *q)
{
    int k;

    while ((k = atomic_fetch_add(&q->next, 1)) < q->n) {
        part *pt = &q->parts[k];

        if (k > 1) {
            /* without memory the part before reads on over this one */
            if (!pt->state || !(pt->ps = eg_export_parser_new(q->how->row, pt->state, 1, 0)))
                continue;
            pt->ps->r.column = q->how->column;
        }
        pt->rc = eg_export_parse(pt->ps, &pt->src, pt->final, q->path, q->display,
                                 k == 1 ? q->dl : &pt->ps->dl);
        atomic_fetch_add(&parts_read, 1);
        if (eg_export_at_boundary(pt->ps))
            eg_export_parser_rest(pt->ps);
    }
}

static void *take_parts_thread(void *arg)
{
    take_parts(arg);
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

int eg_export_read_split(const char *path, const char *display, const eg_export_split *how,
                         void *ctx, long long *bytes, eg_diag_list *dl)
{
    long long part_bytes = how->part_size > 0 ? how->part_size : PART_BYTES;
    long long cut[MAX_PARTS + 2], size, rows_before;
    int jobs = how->jobs < 1 ? 1 : how->jobs > MAX_PARTS ? MAX_PARTS : how->jobs;
    int n_cut = 0, n_parts, fd, rc = 0, started = 0;
    part parts[MAX_PARTS + 1];
    pthread_t th[MAX_PARTS];
    part_queue q;
    export_parser *main_ps, *prev;
    struct stat st;

    if (jobs == 1)
        return eg_export_read_whole(path, display, how->row, how->column, ctx, bytes, dl, 1, jobs);
    errno = 0;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        eg_export_open_failed(display, dl);
        return -1;
    }
    /* a gzip stream, or one whose first bytes cannot be read (the reading
     * whole says so, if they cannot be read again), is read whole */
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || eg_export_is_gzip(fd) != 0 ||
        st.st_size < 2 * part_bytes) {
        close(fd);
        return eg_export_read_whole(path, display, how->row, how->column, ctx, bytes, dl, 1, jobs);
    }
    size = st.st_size;
    n_parts = size / part_bytes < jobs ? jobs
              : size / part_bytes > MAX_PARTS ? MAX_PARTS : (int)(size / part_bytes);

    /* The cuts: the first part ends at the first line end past FIRST_PART
     * bytes (fewer when the parts are small), then n_parts parts, each
     * ended at the first line end past its share. */
    cut[n_cut++] = 0;
    for (int k = 0; k < n_parts; k++) {
        long long want = k == 0 ? (FIRST_PART < part_bytes ? FIRST_PART : part_bytes) - 1
                                : cut[1] + (size - cut[1]) * k / n_parts;
        long long at = line_end_after(fd, want, size);

        if (at < 0 || at >= size)
            break;
        if (at > cut[n_cut - 1])
            cut[n_cut++] = at;
    }
    cut[n_cut++] = size;

    main_ps = eg_export_parser_new(how->row, ctx, 1, 1);
    if (!main_ps) {
        close(fd);
        eg_export_no_memory(display, dl);
        return -1;
    }
    main_ps->r.column = how->column;
    memset(parts, 0, sizeof parts);

    /* The first part, alone: it holds the header the others need. */
    parts[0].ps = main_ps;
    parts[0].src = (export_source){ .fd = fd, .end = cut[1] };
    rc = eg_export_parse(main_ps, &parts[0].src, cut[1] == size, path, display, dl);
    if (rc != 0 || main_ps->r.stop || cut[1] == size)
        goto done;
    if (main_ps->r.delivered == 0 || !eg_export_at_boundary(main_ps) || n_cut < 4) {
        export_source rest = { .fd = fd, .pos = cut[1], .end = size };

        rc = eg_export_parse(main_ps, &rest, 1, path, display, dl);
        goto done;
    }

    /* Part 1 goes on with ctx; each later part gets its state now, on
     * this thread (fork reads ctx, which part 1's rows then change).
     * Then jobs - 1 threads and this one take the parts in turn. */
    for (int k = 1; k < n_cut - 1; k++) {
        parts[k].src = (export_source){ .fd = fd, .pos = cut[k], .end = cut[k + 1] };
        parts[k].final = cut[k + 1] == size;
        if (k == 1)
            parts[k].ps = main_ps;
        else
            parts[k].state = how->fork(ctx);
    }
    q = (part_queue){ parts, n_cut - 1, 1, how, path, display, dl };
    for (int t = 0; t < jobs - 1 && t < n_cut - 3; t++) {
        if (eg_thread_create(&th[started], "eg-export-part", take_parts_thread, &q) != 0)
            break;
        started++;
    }
    take_parts(&q);
    for (int t = 0; t < started; t++)
        pthread_join(th[t], NULL);
    rc = parts[1].rc;

    /* Join in file order, each part only when the one before ended
     * between records. */
    prev = main_ps;
    rows_before = main_ps->r.row - 1;
    for (int k = 2; k < n_cut - 1; k++) {
        part *pt = &parts[k];

        if (!prev)
            goto drop;                  /* ended before this part */
        if (pt->ps && eg_export_at_boundary(prev)) {
            long long got = pt->ps->total;

            /* its rows first, then what stopped its reading, as one
             * reader would have found them */
            how->join(ctx, pt->ps->r.ctx, rows_before);
            eg_diag_move(dl, &pt->ps->dl, rows_before, SIZE_MAX);
            pt->ps->r.ctx = NULL;
            pt->state = NULL;
            pt->ps->total = 0;
            main_ps->total += got;
            rc = pt->rc;
            if (prev != main_ps)
                eg_export_parser_free(prev);
            prev = pt->ps;
            prev->r.row += rows_before;     /* its rows as the file counts them */
            rows_before = prev->r.row - 1;
            pt->ps = NULL;
            if (rc != 0 || prev->r.stop) {
                eg_export_parser_free(prev);
                prev = NULL;
            }
            continue;
        }
        if (prev->rc == 0 && !prev->r.stop) {
            /* Not a record boundary: the reader of the part before reads
             * on, with ctx, to the end. */
            export_source rest = { .fd = fd, .pos = cut[k], .end = size };
            long long before = prev->total;

            prev->r.ctx = ctx;
            rc = eg_export_parse(prev, &rest, 1, path, display, dl);
            if (prev != main_ps)
                main_ps->total += prev->total - before;
        }
        if (prev != main_ps)
            eg_export_parser_free(prev);
        prev = NULL;
drop:
        if (pt->state)
            how->drop(pt->state);
        pt->state = NULL;
        eg_export_parser_free(pt->ps);
        pt->ps = NULL;
    }
    if (prev && prev != main_ps)
        eg_export_parser_free(prev);
done:
    if (bytes)
        *bytes = main_ps->total;
    eg_export_parser_free(main_ps);
    close(fd);
    return rc;
}
