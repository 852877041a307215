/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"
#include "lk-stats-chart.h"

G_BEGIN_DECLS

#define LK_TYPE_STATS_PAGE (lk_stats_page_get_type ())
G_DECLARE_FINAL_TYPE (LkStatsPage, lk_stats_page, LK, STATS_PAGE, AdwBin)

/* Administration > Statistics: the transparency figures for a span of days, by month, quarter
 * or year, a chart per measure, computed in a worker thread when the page is first shown and
 * whenever the span changes; exported as CSV or as the publishable PDF summary. Actions:
 * stats.compute, stats.export ("csv" or "pdf": asks where). */
void          lk_stats_page_set_session (LkStatsPage   *self,
                                         LkSession     *session);
/* Shows @from to @to by @period (as if typed and chosen) and computes. */
void          lk_stats_page_show_span   (LkStatsPage   *self,
                                         const char    *from,
                                         const char    *to,
                                         LkStatsPeriod  period);
/* For tests: the figures shown (NULL before), and the chart of @measure. */
GPtrArray    *lk_stats_page_get_stats   (LkStatsPage   *self);
LkStatsChart *lk_stats_page_get_chart   (LkStatsPage   *self,
                                         const char    *measure);
/* Writes what is shown to @path without asking where (what the export actions do once a file
 * is chosen). */
void          lk_stats_page_export_to   (LkStatsPage   *self,
                                         LkStatsFormat  format,
                                         const char    *path);

G_END_DECLS
