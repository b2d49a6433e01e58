/*
 * registry.h - the year folder's fixed files: units.csv (the registry of
 * reporting units), report.csv (the report's own facts) and baseline.csv
 * (last year's published figures).
 */
#ifndef EG_REGISTRY_H
#define EG_REGISTRY_H

#include "core/diag.h"
#include "core/model.h"

/* Reads <ds->year_dir>/units.csv into ds->registry.  Every problem is
 * fatal (F_UNITS) with its row; returns 0 or -1. */
int eg_registry_load(eg_dataset *ds, const eg_catalogue *cat, eg_diag_list *dl);

/* Reads report.csv into ds->facts; fatal (F_REPORT) when missing,
 * malformed, without the keys the report needs, or with a `systems` list
 * naming no system of eg_system_names.  Returns 0, or -1 with no fact
 * kept: no key of a refused file is used. */
int eg_facts_load(eg_dataset *ds, eg_diag_list *dl);

/* The provincial systems whose exports systems/ may hold, by their file's
 * name (systems/<name>.csv or .csv.gz): the one-stop system's dossiers
 * and the document axis's log. */
enum { EG_SYSTEM_DOSSIERS, EG_SYSTEM_DOCUMENTS, EG_SYSTEMS };
extern const char *const eg_system_names[EG_SYSTEMS];

/* Whether the province has system k (EG_SYSTEM_*) this year, so that
 * systems/ lacking its export is worth a warning: report.csv's key
 * `systems` lists it (names separated by ';'), or there is no such key
 * (every system).  eg_facts_load has checked the list. */
int eg_facts_has_system(const eg_dataset *ds, int k);

/* Warns (W_REPORT_DATE) of a key `as_of` in report.csv (the day the
 * figures run to is the program's, {date:as_of}: the key is not read),
 * and of report.csv's dates that cannot be the year's:
 * a deadline before the year begins (a report.csv copied from last
 * year's folder, whose deadline would make every submission of this
 * year late or undated), or an issue date before the deadline (the
 * report signed before the units are due to send).  eg_facts_load has
 * read both as ISO dates. */
void eg_facts_check_year(const eg_dataset *ds, eg_diag_list *dl);

/* Reads baseline.csv when present (it is optional).  Unreadable rows are
 * errors (E_BASELINE) and are left out; returns 0 or -1 when the file
 * exists but cannot be read at all.  A symbolic link to nothing, or to a
 * file of out_dir (the year's output folder; NULL: none), is an error
 * (E_BASELINE) and not read. */
int eg_baseline_load(eg_dataset *ds, const char *out_dir, eg_diag_list *dl);

/* The baseline value of a derived figure: 0 and *out set when present.
 * tl.* values are percentages in the file and come back as fractions. */
int eg_baseline_get(const eg_dataset *ds, const char *code, double *out);

#endif
