/*
 * narrative.h - the report layout (layouts/report.txt) expanded against
 * the figures into a document ready for the PDF writer.
 */
#ifndef EG_NARRATIVE_H
#define EG_NARRATIVE_H

#include "core/diag.h"
#include "core/model.h"
#include "normalize/figures.h"
#include "write/doc.h"

/* Expands L->report_path into doc.  An unknown placeholder, directive or
 * format is fatal (F_LAYOUT with file and line): returns -1.  A figure
 * that the data cannot give prints as "…" with a W_FIGURE_MISSING. */
int eg_narrative_build(eg_doc *doc, const eg_layouts *L, const eg_dataset *ds,
                       const eg_results *res, const eg_diag_list *problems,
                       eg_diag_list *dl);

#endif
