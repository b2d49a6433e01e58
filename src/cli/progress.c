#include "cli/progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DELAY_MS 500
#define EVERY_MS 100
#define BAR 24
#define MAX_PHASES 16

static struct {
    int enabled;
    int shown;              /* something is on the line */
    long long start, last;  /* ms */
    const char *what;
    /* EGREPORT_TIMINGS: how long each phase took, in the order they ran */
    int timings;
    size_t n_phases;
    const char *phase[MAX_PHASES];
    double phase_ms[MAX_PHASES];
    double phase_cpu_ms[MAX_PHASES];  /* processor time of all threads */
    double phase_start, phase_cpu_start;
} P;

/* Clock c in milliseconds: CLOCK_MONOTONIC for the wall, and the
 * process's processor time, every thread, which against a phase's wall
 * time shows how busy the cores were. */
static double clock_ms(clockid_t c)
{
    struct timespec ts;

    clock_gettime(c, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double now_precise(void)
{
    return clock_ms(CLOCK_MONOTONIC);
}

static double cpu_precise(void)
{
    return clock_ms(CLOCK_PROCESS_CPUTIME_ID);
}

static long long now_ms(void)
{
    return (long long)now_precise();
}

void eg_progress_init(int enabled)
{
    const char *t = getenv("EGREPORT_TIMINGS");

    memset(&P, 0, sizeof P);
    P.enabled = enabled;
    P.timings = t && *t && strcmp(t, "0") != 0;
    P.start = now_ms();
    P.phase_start = now_precise();
    P.phase_cpu_start = cpu_precise();
}

/* Closes the running phase when the build moves to another one. */
static void time_phase(const char *what)
{
    double t, c;

    if (!P.timings || (P.n_phases && strcmp(P.phase[P.n_phases - 1], what) == 0))
        return;
    t = now_precise();
    c = cpu_precise();
    if (P.n_phases) {
        P.phase_ms[P.n_phases - 1] = t - P.phase_start;
        P.phase_cpu_ms[P.n_phases - 1] = c - P.phase_cpu_start;
    }
    if (P.n_phases == MAX_PHASES)
        return;
    P.phase[P.n_phases++] = what;
    P.phase_start = t;
    P.phase_cpu_start = c;
}

void eg_progress_set(const char *what, size_t done, size_t total)
{
    long long t;
    char bar[BAR + 1];

    time_phase(what);
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
    if (P.timings && P.n_phases) {
        P.phase_ms[P.n_phases - 1] = now_precise() - P.phase_start;
        P.phase_cpu_ms[P.n_phases - 1] = cpu_precise() - P.phase_cpu_start;
        for (size_t i = 0; i < P.n_phases; i++)
            fprintf(stderr, "egreport: timing: %-36s %8.1f ms (processor %.1f ms)\n", P.phase[i],
                    P.phase_ms[i], P.phase_cpu_ms[i]);
        P.n_phases = 0;
    }
    P.shown = 0;
    P.what = NULL;
}
