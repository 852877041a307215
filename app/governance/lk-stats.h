/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Transparency statistics: what the laboratory did, per period, with no personal data (no
 * names, no case numbers), for publication. Administrators only.
 *
 * Demo workspaces and training never count. Training never enters the figures: exercises live
 * in their own tables (training_*), their images can never become probes, candidates or gallery
 * images, and purges of exercise material are left out. A demo workspace is a database of its
 * own, so its figures are never added to casework; they are computed (the demo has something
 * to show) but flagged wherever they go: "workspace" in the JSON, a "# demo workspace" first
 * line in the CSV, the demo marker on every page of the PDF and a banner on the page. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "people/lk-session.h"

G_BEGIN_DECLS

typedef enum
{
  LK_STATS_MONTH,
  LK_STATS_QUARTER,
  LK_STATS_YEAR,
} LkStatsPeriod;

typedef struct
{
  char   *period;   /* "2026-12", "2026-Q4", "2026" */
  char   *measure;  /* one of lk_stats_measures () */
  char   *category; /* what the figure is broken down by ("" when not): offence category,
                     * probe kind, why refused, engine / reference database, level,
                     * verification state, resolution, purge rule, case status */
  double  value;
} LkStat;

void        lk_stat_free          (LkStat       *stat);

/* The measures in the order they are shown, NULL-terminated. */
const char * const *lk_stats_measures (void);
/* What a measure is, in words ("Cases opened, by offence category"), and whether its values
 * are rates (0 to 1) rather than counts or days; NULL for an unknown measure. */
const char *lk_stats_measure_title (const char *measure);
gboolean    lk_stats_measure_is_rate (const char *measure);
const char *lk_stats_period_name  (LkStatsPeriod  period);
/* Every period from @from to @to (YYYY-MM-DD, checked by the caller or not: NULL when either
 * is not a date or @to comes first), in order: "2026-11", "2026-12". */
GStrv       lk_stats_periods      (const char    *from,
                                   const char    *to,
                                   LkStatsPeriod  period);

gboolean    lk_stats_period_parse (const char    *text,
                                   LkStatsPeriod *period,
                                   GError       **error);
/* The figures of events from @from to @to (YYYY-MM-DD, both days included), by @period, in
 * period then measure order. */
GPtrArray  *lk_stats_compute      (LkSession     *session,
                                   const char    *from,
                                   const char    *to,
                                   LkStatsPeriod  period,
                                   GError       **error);
void        lk_stats_compute_async  (LkSession           *session,
                                     const char          *from,
                                     const char          *to,
                                     LkStatsPeriod        period,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
/* The figures (of LkStat), or NULL with @error. */
GPtrArray  *lk_stats_compute_finish (GAsyncResult        *result,
                                     GError             **error);
/* "period,measure,category,value" lines with a header; a demo workspace's CSV begins with a
 * line "# demo workspace, not casework". */
char       *lk_stats_to_csv       (GPtrArray     *stats,
                                   LkSession     *session);
/* Administrators: the publishable summary as a PDF at @path, laid out by the report's layout
 * code: the period, what is counted and how, then per measure a table of its figures. No names
 * and no case numbers; a demo workspace's pages say so. Audited ("stats.exported"). */
gboolean    lk_stats_export_pdf   (LkSession     *session,
                                   GPtrArray     *stats,
                                   const char    *from,
                                   const char    *to,
                                   LkStatsPeriod  period,
                                   const char    *path,
                                   GError       **error);
/* {workspace, from, to, period, figures: [{period, measure, category, value}]} */
JsonObject *lk_stats_to_json      (GPtrArray     *stats,
                                   LkSession     *session,
                                   const char    *from,
                                   const char    *to,
                                   LkStatsPeriod  period);

typedef enum
{
  LK_STATS_FORMAT_CSV,
  LK_STATS_FORMAT_PDF,
} LkStatsFormat;

/* Administrators: @stats (as computed for @from, @to, @period) written to @path as CSV or as
 * the PDF summary, in a worker thread; audited ("stats.exported" with the format). */
void        lk_stats_export_async  (LkSession           *session,
                                    GPtrArray           *stats,
                                    const char          *from,
                                    const char          *to,
                                    LkStatsPeriod        period,
                                    LkStatsFormat        format,
                                    const char          *path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean    lk_stats_export_finish (GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS
