/*
 * owners.h - whose file a submission is: the one unit its values are of,
 * or whose communes (districts...) they are of.  A problem about a whole
 * file (a legacy encoding read, a form sent back blank) names no unit; the
 * file's owner is its unit in validation.csv, Kiểm tra and the appendix.
 */
#ifndef EG_OWNERS_H
#define EG_OWNERS_H

#include "core/diag.h"
#include "core/model.h"

/* Per file of ds->files: its owner's position in the registry, or -1
 * when its values are of units apart, or it has none.  Freed by the
 * caller. */
int *eg_file_owners(const eg_dataset *ds);

/* Gives each problem of dl about a whole file of ds (a file, no row, no
 * unit) its file's owner as its unit, where the file has one. */
void eg_diag_name_owners(eg_diag_list *dl, const eg_dataset *ds);

#endif
