/*
 * parallel.h - the submissions read by a small fixed pool of threads, with
 * results independent of the scheduling.
 */
#ifndef EG_PARALLEL_H
#define EG_PARALLEL_H

#include "extract/submissions.h"

/* As eg_submissions_read, with the files extracted by `jobs` threads
 * (at most EG_MAX_JOBS).  Each file's raw values and diagnostics are
 * buffered apart; then, in file-name order, its diagnostics are added to
 * dl and its values handed to fn, from the calling thread only: fn need
 * not be thread-safe, and the outputs are those of one thread.  fn
 * saying stop hands on no more of that file's values, as with one thread;
 * but a file read by a worker was read to its end before fn saw its first
 * value, so its diagnostics and rows_read are those of the whole file,
 * where one thread's are those of the rows up to the stop (no caller
 * stops: the acceptor takes every value).  jobs <= 1 is eg_submissions_read
 * itself. */
#define EG_MAX_JOBS 8

int eg_submissions_read_jobs(eg_dataset *ds, const eg_colspec *cols, eg_raw_fn fn, void *ctx,
                             const eg_limits *lim, eg_diag_list *dl, int jobs);

/* The number of threads EGREPORT_JOBS asks for (1 to EG_MAX_JOBS), else
 * def. */
int eg_jobs_from_env(int def);

#endif
