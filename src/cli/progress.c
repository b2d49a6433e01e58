#include "cli/progress.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define DELAY_MS 500
#define EVERY_MS 100
#define BAR 24

static struct {
    int enabled;
    int shown;              /* something is on the line */
    long long start, last;  /* ms */
    const char *what;
} P;

static long long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void eg_progress_init(int enabled)
{
    memset(&P, 0, sizeof P);
    P.enabled = enabled;
    P.start = now_ms();
}

void eg_progress_set(const char *what, size_t done, size_t total)
{
    long long t;
    char bar[BAR + 1];

    if (!P.enabled)
        return;
    t = now_ms();
    if (t - P.start < DELAY_MS || (what == P.what && t - P.last < EVERY_MS))
        return;
    P.what = what;
    P.last = t;
    if (total) {
        size_t fill = done >= total ? BAR : done * BAR / total;

        memset(bar, '#', fill);
        memset(bar + fill, '-', BAR - fill);
        bar[BAR] = '\0';
        fprintf(stderr, "\r\033[Kegreport: [%s] %s %zu/%zu", bar, what, done, total);
    } else {
        fprintf(stderr, "\r\033[Kegreport: %s…", what);
    }
    fflush(stderr);
    P.shown = 1;
}

void eg_progress_done(void)
{
    if (P.enabled && P.shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    P.shown = 0;
    P.what = NULL;
}
