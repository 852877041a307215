/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A trainee's PDF summary, laid out by the report's layout code: the history over time (a
 * table and a chart of the AUC and the error rates by date), then each exercise with its
 * figures and their denominators, the calibration table and the ROC curve drawn with cairo. */
#include "config.h"

#include <errno.h>
#include <math.h>

#include <glib/gstdio.h>

#include "training/lk-training-private.h"

#include "lk-build-id.h"
#include "lk-error.h"
#include "lk-task.h"
#include "lk-util.h"
#include "report/lk-report-layout-private.h"
#include "store/lk-audit.h"

#define CHART_W 420
#define CHART_H 300
#define CHART_MARGIN 44.0

/* ---- figures as text ----------------------------------------------------------------------- */

static char *
value_text (const LkTrainingFigure *f)
{
  if (!f->defined)
    return g_strdup_printf ("undefined: %s", f->reason);
  return g_strdup_printf ("%.3f", f->value);
}

static char *
rate_text (const LkTrainingFigure *f,
           guint                   count,
           guint                   denominator)
{
  if (!f->defined)
    return g_strdup_printf ("undefined: %s", f->reason);
  return g_strdup_printf ("%.1f %% (%u of %u)", f->value * 100, count, denominator);
}

static char *
seconds_text (const LkTrainingFigure *f)
{
  if (!f->defined)
    return g_strdup_printf ("undefined: %s", f->reason);
  return g_strdup_printf ("%.0f s", f->value);
}

/* ---- charts drawn with cairo --------------------------------------------------------------- */

static void
chart_frame (cairo_t    *cr,
             const char *x_label,
             const char *y_label)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
  cairo_set_line_width (cr, 0.5);
  for (int i = 0; i <= 4; i++)
    {
      double y = CHART_H - CHART_MARGIN - i * (CHART_H - 1.5 * CHART_MARGIN) / 4;
      char tick[8];

      cairo_move_to (cr, CHART_MARGIN, y);
      cairo_line_to (cr, CHART_W - CHART_MARGIN / 2, y);
      cairo_stroke (cr);
      g_snprintf (tick, sizeof tick, "%.2f", i / 4.0);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      cairo_move_to (cr, 8, y + 4);
      cairo_show_text (cr, tick);
      cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, CHART_MARGIN, CHART_MARGIN / 2);
  cairo_line_to (cr, CHART_MARGIN, CHART_H - CHART_MARGIN);
  cairo_line_to (cr, CHART_W - CHART_MARGIN / 2, CHART_H - CHART_MARGIN);
  cairo_stroke (cr);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 11);
  cairo_move_to (cr, CHART_MARGIN, CHART_H - 10);
  cairo_show_text (cr, x_label);
  cairo_move_to (cr, CHART_MARGIN + 4, CHART_MARGIN / 2 - 6);
  cairo_show_text (cr, y_label);
}

static double
chart_x (double fraction)
{
  return CHART_MARGIN + fraction * (CHART_W - 1.5 * CHART_MARGIN);
}

static double
chart_y (double fraction)
{
  return CHART_H - CHART_MARGIN - fraction * (CHART_H - 1.5 * CHART_MARGIN);
}

/* The ROC of the ordinal ratings: one point per cut, from above the highest level (0, 0) down
 * to the lowest (1, 1), read off the calibration table. */
static void
draw_roc (cairo_t  *cr,
          gpointer  data)
{
  const LkTrainingScore *score = data;
  guint mated = 0, nonmated = 0;

  chart_frame (cr, "False positive rate (non-mated at or above the cut)",
               "True positive rate (mated at or above the cut)");
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  cairo_move_to (cr, chart_x (0), chart_y (0));
  cairo_line_to (cr, chart_x (1), chart_y (1));
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_source_rgb (cr, 0.10, 0.37, 0.71);
  cairo_set_line_width (cr, 2);
  cairo_move_to (cr, chart_x (0), chart_y (0));
  for (guint i = score->calibration->len; i-- > 0;)
    {
      const LkTrainingCalibration *row = &g_array_index (score->calibration,
                                                         LkTrainingCalibration, i);

      mated += row->n_mated;
      nonmated += row->n_nonmated;
      cairo_line_to (cr, chart_x ((double) nonmated / score->n_nonmated),
                     chart_y ((double) mated / score->n_mated));
    }
  cairo_stroke (cr);
}

static void
draw_series (cairo_t   *cr,
             GPtrArray *history,
             guint      which)
{
  static const double colours[][3] = { { 0.10, 0.37, 0.71 }, { 0.75, 0.11, 0.16 },
                                       { 0.85, 0.47, 0.0 } };
  static const double dashes[][2] = { { 1, 0 }, { 6, 3 }, { 2, 2 } };
  gboolean started = FALSE;
  guint n = history->len;

  cairo_set_source_rgb (cr, colours[which][0], colours[which][1], colours[which][2]);
  cairo_set_line_width (cr, 2);
  if (which > 0)
    cairo_set_dash (cr, dashes[which], 2, 0);
  for (guint i = 0; i < n; i++)
    {
      const LkTrainingScore *s = ((LkTrainingHistoryEntry *) g_ptr_array_index (history, i))
                                 ->result->score;
      const LkTrainingFigure *f = which == 0 ? &s->auc
                                  : which == 1 ? &s->false_same_rate : &s->false_different_rate;
      double x = chart_x (n > 1 ? (double) i / (n - 1) : 0.5), y;

      if (!f->defined)
        {
          started = FALSE;
          continue;
        }
      y = chart_y (f->value);
      if (started)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      started = TRUE;
      cairo_stroke_preserve (cr);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, 3, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_move_to (cr, x, y);
    }
  cairo_new_path (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* The AUC (solid), the false "same" rate (dashed) and the false "different" rate (dotted) by
 * the date of each exercise, oldest on the left. */
static void
draw_history (cairo_t  *cr,
              gpointer  data)
{
  GPtrArray *history = data;

  chart_frame (cr, "Exercises by date, oldest first", "AUC (solid), false same (dashed), "
               "false different (dotted)");
  for (guint which = 0; which < 3; which++)
    draw_series (cr, history, which);
}

/* ---- sections ------------------------------------------------------------------------------ */

static void
lay_out_history (LkLayout  *layout,
                 GPtrArray *history)
{
  static const double widths[] = { 0.16, 0.28, 0.12, 0.10, 0.17, 0.17 };
  static const char * const headers[] = { "Date", "Exercise", "Answers", "AUC",
                                          "False “same”", "False “different”" };
  LkPlateCell cell = { CHART_W, CHART_H, { { 0 } }, 0, draw_history, history,
                       "AUC and error rates over time" };

  lk_layout_heading (layout, 2, "History over time");
  if (history->len == 0)
    {
      lk_layout_text (layout, "No answers submitted yet.");
      return;
    }
  lk_layout_table_begin (layout, G_N_ELEMENTS (widths), widths, headers);
  for (guint i = 0; i < history->len; i++)
    {
      const LkTrainingHistoryEntry *e = g_ptr_array_index (history, i);
      const LkTrainingScore *s = e->result->score;
      g_autofree char *submitted = g_strdup_printf ("%u of %u", e->n_submitted, e->n_items);
      g_autofree char *auc = value_text (&s->auc);
      g_autofree char *fs = rate_text (&s->false_same_rate, s->false_same, s->n_nonmated);
      g_autofree char *fd = rate_text (&s->false_different_rate, s->false_different,
                                       s->n_mated);
      const char *cells[] = { e->date, e->exercise, submitted, auc, fs, fd };

      lk_layout_table_row (layout, cells, FALSE);
    }
  lk_layout_table_end (layout);
  lk_layout_plate (layout, &cell, 1, "Each point is one exercise at the date of the last answer; "
                   "an undefined figure leaves a gap.");
}

static void
figure_row (LkLayout   *layout,
            const char *name,
            char       *value)
{
  const char *cells[] = { name, value };

  lk_layout_table_row (layout, cells, FALSE);
  g_free (value);
}

static void
lay_out_figures (LkLayout              *layout,
                 const LkTrainingScore *s)
{
  static const double widths[] = { 0.45, 0.55 };
  static const char * const headers[] = { "Figure", "Value (count of denominator)" };

  lk_layout_table_begin (layout, 2, widths, headers);
  figure_row (layout, "AUC (Mann-Whitney, ties counted half)", value_text (&s->auc));
  figure_row (layout, "False “same” rate (non-mated)",
              rate_text (&s->false_same_rate, s->false_same, s->n_nonmated));
  figure_row (layout, "False “different” rate (mated)",
              rate_text (&s->false_different_rate, s->false_different, s->n_mated));
  figure_row (layout, "Inconclusive (mated)",
              rate_text (&s->inconclusive_rate_mated, s->inconclusive_mated, s->n_mated));
  figure_row (layout, "Inconclusive (non-mated)",
              rate_text (&s->inconclusive_rate_nonmated, s->inconclusive_nonmated,
                         s->n_nonmated));
  figure_row (layout, "Mean time per item", seconds_text (&s->mean_seconds));
  figure_row (layout, "Median time per item", seconds_text (&s->median_seconds));
  figure_row (layout, "Answers after the time limit", g_strdup_printf ("%u", s->n_over_time));
  lk_layout_table_end (layout);
}

static void
lay_out_calibration (LkLayout              *layout,
                     const LkTrainingScore *s)
{
  static const double widths[] = { 0.2, 0.2, 0.2, 0.4 };
  static const char * const headers[] = { "Level", "Mated", "Non-mated", "Likelihood ratio" };

  lk_layout_table_begin (layout, 4, widths, headers);
  for (guint i = s->calibration->len; i-- > 0;)
    {
      const LkTrainingCalibration *row = &g_array_index (s->calibration,
                                                         LkTrainingCalibration, i);
      g_autofree char *level = g_strdup_printf ("%+d", row->level);
      g_autofree char *m = g_strdup_printf ("%u", row->n_mated);
      g_autofree char *n = g_strdup_printf ("%u", row->n_nonmated);
      g_autofree char *lr = row->likelihood_ratio.defined
                            ? g_strdup_printf ("%.2f", row->likelihood_ratio.value)
                            : g_strdup_printf ("undefined: %s", row->likelihood_ratio.reason);
      const char *cells[] = { level, m, n, lr };

      lk_layout_table_row (layout, cells, FALSE);
    }
  lk_layout_table_end (layout);
}

static void
lay_out_exercise (LkLayout                     *layout,
                  const LkTrainingHistoryEntry *e)
{
  const LkTrainingScore *s = e->result->score;
  g_autofree char *submitted = g_strdup_printf ("%u of %u items (%u mated, %u non-mated)",
                                                e->n_submitted, e->n_items, s->n_mated,
                                                s->n_nonmated);
  g_autofree char *cuts = g_strdup_printf ("“same” at %+d and above, “different” at %+d and "
                                           "below", s->same_cut, s->different_cut);
  LkPlateCell cell = { CHART_W, CHART_H, { { 0 } }, 0, draw_roc, (gpointer) s,
                       "ROC of the ratings" };

  lk_layout_heading (layout, 2, e->exercise);
  lk_layout_field (layout, "Last answer", e->date);
  lk_layout_field (layout, "Submitted", submitted);
  lk_layout_field (layout, "Scale", e->scale);
  lk_layout_field (layout, "Decision cuts", cuts);
  lay_out_figures (layout, s);
  lk_layout_heading (layout, 3, "Calibration");
  lay_out_calibration (layout, s);
  if (s->n_mated > 0 && s->n_nonmated > 0)
    lk_layout_plate (layout, &cell, 1, "One point per cut, from the highest level down; the "
                     "dashed diagonal is chance.");
  else
    lk_layout_note (layout, "No ROC curve: it needs both mated and non-mated answers.");
}

static int
lay_out (const char          *trainee,
         GPtrArray           *history,
         const LkLayoutPage  *page,
         const char          *path,
         int                  n_pages,
         GError             **error)
{
  g_autoptr(LkLayout) layout = lk_layout_new (path, page, n_pages, error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  if (layout == NULL)
    return 0;
  lk_layout_heading (layout, 1, page->title);
  lk_layout_text (layout, "Proficiency of one trainee on exercises of image pairs with known "
                  "ground truth. Rates are given with their counts and denominators; a figure "
                  "that cannot be computed (no items of a class) is marked undefined, never "
                  "given a number. Answers given after an exercise's time limit count as given "
                  "and are counted separately.");
  lk_layout_field (layout, "Trainee", trainee);
  lk_layout_field (layout, "Prepared on", today);
  lk_layout_field (layout, "Prepared by", page->author);
  lay_out_history (layout, history);
  for (guint i = 0; i < history->len; i++)
    lay_out_exercise (layout, g_ptr_array_index (history, i));
  return lk_layout_finish (layout, error);
}

/* Stops with G_IO_ERROR_CANCELLED between the steps of a cancelled summary. */
static gboolean
still_wanted (GCancellable  *cancellable,
              GError       **error)
{
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Lays the summary out into @partial, then renames it to @path. */
static int
write_pdf (const char          *trainee,
           GPtrArray           *history,
           const LkLayoutPage  *page,
           const char          *path,
           GCancellable        *cancellable,
           GError             **error)
{
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  int n_pages;

  if ((n_pages = lay_out (trainee, history, page, NULL, 0, error)) == 0 ||
      !still_wanted (cancellable, error))
    return 0;
  if (lay_out (trainee, history, page, partial, n_pages, error) == 0 ||
      !still_wanted (cancellable, error))
    {
      g_unlink (partial);
      return 0;
    }
  if (g_rename (partial, path) != 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_UNWRITABLE, "Cannot write the summary to %s: %s",
                   path, g_strerror (errno));
      g_unlink (partial);
      return 0;
    }
  return n_pages;
}

static gboolean
report_pdf (LkSession     *session,
            const char    *trainee,
            const char    *path,
            GCancellable  *cancellable,
            GError       **error)
{
  LkStore *store;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *title = NULL, *footer = NULL, *object = NULL;
  LkLayoutPage page = { 595.276, 841.89, NULL, NULL, FALSE, FALSE, NULL, NULL,
                        "Proficiency record",
                        "Proficiency record - training exercises, not casework" };
  LkActor actor;
  gint64 trainee_id;
  int n_pages;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);
  g_return_val_if_fail (trainee != NULL && path != NULL, FALSE);

  store = lk_session_get_store (session);
  /* The summary's own event (training.report.exported) records the reading. */
  if (!lk_session_require (session, LK_ROLE_TRAINER | LK_ROLE_ADMINISTRATOR, &actor, error) ||
      (trainee_id = lk_training_trainee_of (store, trainee, error)) == 0 ||
      (history = lk_training_history_read (store, trainee, trainee_id, error)) == NULL ||
      !still_wanted (cancellable, error))
    return FALSE;
  title = g_strdup_printf ("Training summary: %s", trainee);
  footer = g_strdup_printf ("Likeness %s (build %s)", PACKAGE_VERSION, LK_BUILD_ID);
  page.footer = footer;
  page.demo = lk_store_is_demo (store);
  page.title = title;
  page.author = lk_session_get_user_name (session);
  if ((n_pages = write_pdf (trainee, history, &page, path, cancellable, error)) == 0)
    return FALSE;
  object = lk_object_name ("user", trainee_id);
  json_object_set_string_member (details, "trainee", trainee);
  json_object_set_int_member (details, "exercises", history->len);
  json_object_set_int_member (details, "pages", n_pages);
  return lk_audit_record (store, &actor, "training.report.exported", object, details, error);
}

gboolean
lk_training_report_pdf (LkSession   *session,
                        const char  *trainee,
                        const char  *path,
                        GError     **error)
{
  return report_pdf (session, trainee, path, NULL, error);
}

typedef struct
{
  LkSession *session;
  char      *trainee;
  char      *path;
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_clear_object (&job->session);
  g_free (job->trainee);
  g_free (job->path);
  g_free (job);
}

static gpointer
report_job (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ReportJob *job = data;

  return report_pdf (job->session, job->trainee, job->path, cancellable, error)
         ? GINT_TO_POINTER (TRUE) : NULL;
}

void
lk_training_report_pdf_async (LkSession           *session,
                              const char          *trainee,
                              const char          *path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  ReportJob *job;

  g_return_if_fail (LK_IS_SESSION (session));
  g_return_if_fail (trainee != NULL && path != NULL);

  job = g_new0 (ReportJob, 1);
  job->session = g_object_ref (session);
  job->trainee = g_strdup (trainee);
  job->path = g_strdup (path);
  /* Once written and audited the summary stands: only the job itself reports a cancel. */
  lk_task_run_to_completion (session, cancellable, callback, user_data,
                             lk_training_report_pdf_async, report_job, job,
                             (GDestroyNotify) report_job_free, NULL);
}

gboolean
lk_training_report_pdf_finish (GAsyncResult  *result,
                               GError       **error)
{
  return lk_task_finish (result, lk_training_report_pdf_async, error) != NULL;
}
