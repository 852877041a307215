/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One measure of the transparency statistics as a chart drawn with cairo, the same on the
 * Statistics page and in the published PDF: the periods along, a bar per period (counts stacked
 * by category; rates and medians side by side), the scale on the left and a legend on top. */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Draws @measure's figures among @stats (of LkStat) for @periods (NULL-terminated, in order)
 * in the rectangle 0, 0, @width, @height, text and axes in @ink (red, green, blue). */
void  lk_stats_chart_draw     (cairo_t             *cr,
                               double               width,
                               double               height,
                               GPtrArray           *stats,
                               const char          *measure,
                               const char * const  *periods,
                               const double         ink[3]);
/* The same figures in words, for a screen reader: "2026-11: 3 (ROB 2, ASL 1); 2026-12: none". */
char *lk_stats_chart_describe (GPtrArray           *stats,
                               const char          *measure,
                               const char * const  *periods);
/* A value of @measure as written: "12", "25 %", "3.5 days". */
char *lk_stats_format_value   (const char          *measure,
                               double               value);

G_END_DECLS
