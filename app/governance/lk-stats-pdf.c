/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The publishable summary of the transparency statistics as a PDF, laid out by the report's
 * own layout code: what is counted and how, then per measure its chart and its figures. It
 * names no person and no case: the figures are counts, rates and days, broken down only by
 * vocabulary (offence category, probe kind, engine, level, state, rule, status). */
#include "config.h"

#include "governance/lk-stats-chart.h"
#include "governance/lk-stats.h"
#include "lk-build-id.h"
#include "lk-error.h"
#include "lk-task.h"
#include "people/lk-roles.h"
#include "report/lk-report-layout-private.h"
#include "store/lk-audit.h"

#define CHART_WIDTH  480
#define CHART_HEIGHT 180

typedef struct
{
  GPtrArray          *stats;
  const char         *measure;
  const char * const *periods;
} ChartData;

static void
draw_chart (cairo_t  *cr,
            gpointer  data)
{
  const ChartData *chart = data;
  static const double ink[3] = { 0.1, 0.1, 0.1 };

  lk_stats_chart_draw (cr, CHART_WIDTH, CHART_HEIGHT, chart->stats, chart->measure,
                       chart->periods, ink);
}

static void
lay_out_table (LkLayout   *layout,
               GPtrArray  *stats,
               const char *measure)
{
  static const double widths[] = { 0.2, 0.6, 0.2 };
  static const char * const headers[] = { "Period", "Breakdown", "Figure" };
  gboolean any = FALSE;

  for (guint i = 0; i < stats->len; i++)
    {
      const LkStat *s = g_ptr_array_index (stats, i);
      g_autofree char *value = NULL;

      if (!g_str_equal (s->measure, measure))
        continue;
      if (!any)
        lk_layout_table_begin (layout, 3, widths, headers);
      any = TRUE;
      value = lk_stats_format_value (measure, s->value);
      lk_layout_table_row (layout, (const char * const []) { s->period,
                                                             *s->category ? s->category : "all",
                                                             value }, FALSE);
    }
  if (any)
    lk_layout_table_end (layout);
  else
    lk_layout_note (layout, "None in these periods.");
}

static int
lay_out (GPtrArray           *stats,
         const char * const  *periods,
         const char          *from,
         const char          *to,
         LkStatsPeriod        period,
         const LkLayoutPage  *page,
         const char          *path,
         int                  n_pages,
         GError             **error)
{
  g_autoptr(LkLayout) layout = lk_layout_new (path, page, n_pages, error);
  const char * const *measures = lk_stats_measures ();
  g_autofree char *span = g_strdup_printf ("%s to %s, by %s", from, to,
                                           lk_stats_period_name (period));

  if (layout == NULL)
    return 0;
  lk_layout_heading (layout, 1, page->title);
  lk_layout_text (layout, "What the laboratory did with facial recognition results in these "
                  "periods, for publication. The figures are counts, rates and days only: no "
                  "person and no case is named. Training exercises never count, nor does the "
                  "material purged from them.");
  lk_layout_field (layout, "Periods", span);
  lk_layout_field (layout, "Workspace", page->demo ? "demo workspace, not casework"
                                                   : "casework");
  lk_layout_note (layout, "Each figure counts what happened in its period: a case in the period "
                  "it was opened or closed, a conclusion when it was signed (the last revision "
                  "of each examination), a verification when it was submitted. A lead is "
                  "exported when its case's final report is made. The turnaround of a stage is "
                  "the median of the days cases spent in it, counted when they left it.");
  for (guint i = 0; measures[i] != NULL; i++)
    {
      ChartData data = { stats, measures[i], periods };

      /* the heading stays with its chart */
      lk_layout_need (layout, CHART_HEIGHT + 40);
      lk_layout_heading (layout, 2, lk_stats_measure_title (measures[i]));
      lk_layout_drawing (layout, CHART_WIDTH, CHART_HEIGHT, draw_chart, &data);
      lay_out_table (layout, stats, measures[i]);
      lk_layout_space (layout, 8);
    }
  return lk_layout_finish (layout, error);
}

gboolean
lk_stats_export_pdf (LkSession      *session,
                     GPtrArray      *stats,
                     const char     *from,
                     const char     *to,
                     LkStatsPeriod   period,
                     const char     *path,
                     GError        **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(GStrv) periods = lk_stats_periods (from, to, period);
  g_autofree char *title = g_strdup_printf ("Transparency statistics, %s to %s", from, to);
  g_autofree char *footer = g_strdup_printf ("Likeness %s (build %s)", PACKAGE_VERSION,
                                             LK_BUILD_ID);
  g_autoptr(JsonObject) details = json_object_new ();
  /* The author is the laboratory's software, not a person: the summary names no one. */
  LkLayoutPage page = { 595.276, 841.89, NULL, footer, FALSE, lk_store_is_demo (store), title,
                        "Likeness", "Transparency statistics",
                        "Transparency statistics - no person or case is named" };
  LkActor actor;
  int n_pages;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error))
    return FALSE;
  if (periods == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "The period runs from one YYYY-MM-DD date to a later one");
      return FALSE;
    }
  if ((n_pages = lay_out (stats, (const char * const *) periods, from, to, period, &page, NULL,
                          0, error)) == 0 ||
      lay_out (stats, (const char * const *) periods, from, to, period, &page, path, n_pages,
               error) == 0)
    return FALSE;
  json_object_set_string_member (details, "format", "pdf");
  json_object_set_string_member (details, "from", from);
  json_object_set_string_member (details, "to", to);
  json_object_set_string_member (details, "period", lk_stats_period_name (period));
  json_object_set_int_member (details, "pages", n_pages);
  return lk_audit_record (store, &actor, "stats.exported", "", details, error);
}

static gboolean
export_csv (LkSession      *session,
            GPtrArray      *stats,
            const char     *from,
            const char     *to,
            LkStatsPeriod   period,
            const char     *path,
            GError        **error)
{
  g_autofree char *csv = lk_stats_to_csv (stats, session);
  g_autoptr(JsonObject) details = json_object_new ();
  LkActor actor;

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error) ||
      !g_file_set_contents_full (path, csv, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  json_object_set_string_member (details, "format", "csv");
  json_object_set_string_member (details, "from", from);
  json_object_set_string_member (details, "to", to);
  json_object_set_string_member (details, "period", lk_stats_period_name (period));
  return lk_audit_record (lk_session_get_store (session), &actor, "stats.exported", "",
                          details, error);
}

typedef struct
{
  LkSession     *session;
  GPtrArray     *stats;
  char          *from;
  char          *to;
  LkStatsPeriod  period;
  LkStatsFormat  format;
  char          *path;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->session);
  g_clear_pointer (&job->stats, g_ptr_array_unref);
  g_free (job->from);
  g_free (job->to);
  g_free (job->path);
  g_free (job);
}

static gpointer
export_job (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ExportJob *job = data;
  gboolean ok = job->format == LK_STATS_FORMAT_PDF
                ? lk_stats_export_pdf (job->session, job->stats, job->from, job->to,
                                       job->period, job->path, error)
                : export_csv (job->session, job->stats, job->from, job->to, job->period,
                              job->path, error);

  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

void
lk_stats_export_async (LkSession           *session,
                       GPtrArray           *stats,
                       const char          *from,
                       const char          *to,
                       LkStatsPeriod        period,
                       LkStatsFormat        format,
                       const char          *path,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  job->session = g_object_ref (session);
  job->stats = g_ptr_array_ref (stats);
  job->from = g_strdup (from);
  job->to = g_strdup (to);
  job->period = period;
  job->format = format;
  job->path = g_strdup (path);
  lk_task_run_to_completion (session, cancellable, callback, user_data, lk_stats_export_async,
                             export_job, job, (GDestroyNotify) export_job_free, NULL);
}

gboolean
lk_stats_export_finish (GAsyncResult  *result,
                        GError       **error)
{
  return lk_task_finish (result, lk_stats_export_async, error) != NULL;
}
