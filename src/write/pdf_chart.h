/*
 * pdf_chart.h - horizontal bar charts drawn with libharu paths.
 *
 * A chart is drawn whole on one page: the title above (two balanced
 * lines at most), one bar per label (the label at the left, wrapped to two
 * lines or cut with "…"), the bars in mid grey so they survive grey-scale
 * printing, each value at its bar's end with the Vietnamese decimal comma
 * and the block's suffix ("%"), a vertical axis at zero, an x-axis with 4
 * to 6 ticks and the axis title under it, and, when the block asks, a
 * dashed reference line with its label (the rate over all units).  The
 * writer asks for the height first, to decide whether the chart fits on
 * the current page.
 */
#ifndef EG_PDF_CHART_H
#define EG_PDF_CHART_H

#include <stddef.h>

#include <hpdf.h>

#include "write/doc.h"

/* Height in points the chart b takes at width.  When the natural height
 * is more than max_height (the page's text height), labels go to one line
 * and then rows and type shrink so the chart fits. */
double eg_pdf_chart_height(const eg_block *b, HPDF_Font regular, HPDF_Font bold,
                           double width, double max_height);

/* 1 when, laid out within max_height, a label of the chart would be cut
 * short ("…"): the writer presses a chart into the rest of a page only
 * when every label stays whole. */
int eg_pdf_chart_cuts(const eg_block *b, HPDF_Font regular, HPDF_Font bold, double width,
                      double max_height);

/* The least height the chart can take, rows pressed to 13 points: the
 * writer presses a chart into the rest of a page rather than leave half
 * of it empty, if it fits so. */
double eg_pdf_chart_min_height(const eg_block *b, HPDF_Font regular, HPDF_Font bold,
                               double width);

/* Draws the chart b with its top-left corner at (x, top); same layout as
 * eg_pdf_chart_height with the same arguments. */
void eg_pdf_chart_draw(HPDF_Page page, const eg_block *b, HPDF_Font regular,
                       HPDF_Font bold, double x, double top, double width,
                       double max_height);

#endif
