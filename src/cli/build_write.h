/*
 * build_write.h - the writers of `egreport build`: every output under its
 * temporary name in the output folder (build_out.h puts them in place).
 *
 * The workbook is written by the calling thread; the PDF by a second one
 * at the same time when jobs allows (the two take about as long), then
 * validation.csv, data.csv and baseline-<YEAR+1>.csv by whichever of the
 * two is free first.  The
 * writers read what the build made and write only their own files and
 * their own lists of problems.  The second thread takes no termination
 * signal: the handler that removes the temporary files runs in the
 * calling thread, after eg_build_write_halt.  Once an output failed no
 * other is started (one being written is finished, then dropped).  The
 * problems are reported workbook first, then the first failure in the
 * order PDF, validation.csv, data.csv, baseline, whatever finished first, each
 * naming the output by its final name.
 * Used by cmd_build.c only.
 */
#ifndef EG_BUILD_WRITE_H
#define EG_BUILD_WRITE_H

#include "cli/build_out.h"
#include "core/diag.h"
#include "core/model.h"
#include "layout/layout.h"
#include "normalize/figures.h"
#include "write/doc.h"

/* Returns 0, or -1 when a writer failed (dl says why). */
int eg_build_write(eg_build_out *bo, const eg_dataset *ds, const eg_layouts *L,
                   const eg_results *res, const eg_doc *doc, const eg_diag_list *problems,
                   const char *font_dir, int jobs, eg_diag_list *dl);

/* For the handler of a termination signal, before it removes the
 * temporary files: from now on the second thread creates no file, and
 * this returns once none is being created, or after two seconds (the
 * signal may have interrupted this thread holding a lock the second
 * thread needs).  Async-signal-safe. */
void eg_build_write_halt(void);

#endif
