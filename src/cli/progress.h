/*
 * progress.h - a progress bar for a person watching a build at a
 * terminal.
 *
 * Drawn on standard error, only when it is a terminal (isatty) and only
 * once the build has run for more than half a second, so that cron logs,
 * pipes and quick builds never see it.  Each phase says what it does and,
 * when it knows, how far it is ("reading submissions 12/38").
 *
 * With EGREPORT_TIMINGS set (and not 0), eg_progress_done also prints how
 * long each phase took, one line each on standard error: what `make
 * bench` reports and what an operator looks at when a build got slow.
 */
#ifndef EG_PROGRESS_H
#define EG_PROGRESS_H

#include <stddef.h>

/* Starts the clock; enabled 0 makes every other call a no-op. */
void eg_progress_init(int enabled);

/* The build is now in phase what, done of total steps (total 0: unknown).
 * Redraws at most ten times a second, and at once when the phase changes. */
void eg_progress_set(const char *what, size_t done, size_t total);

/* Clears the bar so that what follows starts on a clean line. */
void eg_progress_done(void);

#endif
