/*
 * bench_libcsv.c - the machine's own speed, for reading make bench's
 * figures: a bare libcsv loop over a file, on one core, the reference the
 * performance issue gives for its machine (about 190 MB/s).  Run by
 * `make bench` (tools/bench.sh); never part of the tests.
 *
 *   bench_libcsv FILE [RUNS]
 *
 * Reads FILE RUNS times (default 5) with read(2) in 256 KiB blocks into
 * csv_parse, counting fields and records and nothing else, and prints
 * "<bytes> <records> <fields> <fastest seconds> <median seconds>".
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    long long fields, records;
} counts;

static void on_field(void *s, size_t len, void *data)
{
    (void)s;
    (void)len;
    ((counts *)data)->fields++;
}

static void on_record(int c, void *data)
{
    (void)c;
    ((counts *)data)->records++;
}

static double now_s(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int by_time(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* One pass over path; -1 on an error (said on stderr). */
static int one_pass(const char *path, char *buf, size_t size, counts *c, long long *bytes)
{
    struct csv_parser p;
    int fd = open(path, O_RDONLY);
    ssize_t k;

    if (fd < 0) {
        fprintf(stderr, "bench_libcsv: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (csv_init(&p, CSV_APPEND_NULL) != 0) {
        close(fd);
        return -1;
    }
    memset(c, 0, sizeof *c);
    *bytes = 0;
    while ((k = read(fd, buf, size)) > 0) {
        if (csv_parse(&p, buf, (size_t)k, on_field, on_record, c) != (size_t)k) {
            fprintf(stderr, "bench_libcsv: %s: %s\n", path, csv_strerror(csv_error(&p)));
            break;
        }
        *bytes += k;
    }
    csv_fini(&p, on_field, on_record, c);
    csv_free(&p);
    close(fd);
    return k < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
    size_t size = 256 * 1024;
    char *buf = malloc(size);
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    double t[64];
    counts c = { 0, 0 };
    long long bytes = 0;

    if (argc < 2 || !buf || runs < 1 || runs > 64) {
        fprintf(stderr, "usage: bench_libcsv FILE [RUNS]\n");
        free(buf);
        return 2;
    }
    for (int i = 0; i < runs; i++) {
        double t0 = now_s();

        if (one_pass(argv[1], buf, size, &c, &bytes) != 0) {
            free(buf);
            return 1;
        }
        t[i] = now_s() - t0;
    }
    qsort(t, (size_t)runs, sizeof t[0], by_time);
    printf("%lld %lld %lld %.6f %.6f\n", bytes, c.records, c.fields, t[0],
           runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2);
    free(buf);
    return 0;
}
