/*
 * build_write.h - the writers of `egreport build`: every output under its
 * temporary name in the output folder (build_out.h puts them in place).
 *
 * The workbook is written by the calling thread; the PDF, validation.csv
 * and data.csv, in that order, by a second one at the same time when jobs
 * allows (the two take about as long), which reads what the build made and
 * writes only its own files and its own list of problems.  It takes no
 * termination signal: the handler that removes the temporary files runs
 * in the calling thread, after eg_build_write_halt.  Once the workbook
 * failed the second thread starts no other output (a PDF being written is
 * finished, then dropped).  The problems are reported workbook first,
 * whatever finished first, each naming the output by its final name.
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
 * this returns once none is being created.  Async-signal-safe. */
void eg_build_write_halt(void);

#endif
