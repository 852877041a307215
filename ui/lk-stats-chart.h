/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_STATS_CHART (lk_stats_chart_get_type ())
G_DECLARE_FINAL_TYPE (LkStatsChart, lk_stats_chart, LK, STATS_CHART, GtkWidget)

/* One measure of the transparency statistics as a chart drawn with cairo (by the core's
 * lk_stats_chart_draw, as in the published PDF). Its accessible label is the measure's title
 * and its description the figures in words, so a screen-reader user gets what it shows. */
GtkWidget  *lk_stats_chart_new      (const char         *measure);
void        lk_stats_chart_set_data (LkStatsChart       *self,
                                     GPtrArray          *stats,
                                     const char * const *periods);
/* The figures in words, as a screen reader gets them; for tests. */
const char *lk_stats_chart_get_description (LkStatsChart *self);

G_END_DECLS
