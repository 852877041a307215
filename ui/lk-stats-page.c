/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Administration > Statistics: a span of days and a period chooser, a chart per measure, the
 * figures computed in a worker thread (first when the page is shown), exported as CSV or as
 * the publishable PDF summary, also in a worker thread. */
#include "config.h"

#include "lk-stats-page.h"
#include "lk-ui-util.h"

struct _LkStatsPage
{
  AdwBin                parent_instance;

  LkSession            *session;
  GCancellable         *cancellable;  /* the page's life */
  GCancellable         *computing;    /* the computation under way, if any */
  GPtrArray            *stats;        /* shown, for the span below */
  char                 *from;
  char                 *to;
  LkStatsPeriod         period;
  GHashTable           *charts;       /* measure -> LkStatsChart */
  GtkFileChooserNative *chooser;
  LkStatsFormat         format;       /* of the export being chosen */
  gboolean              shown_once;

  AdwActionRow         *demo_row;
  AdwEntryRow          *from_row;
  AdwEntryRow          *to_row;
  AdwComboRow          *period_row;
  AdwActionRow         *status_row;
  GtkSpinner           *spinner;
};

G_DEFINE_FINAL_TYPE (LkStatsPage, lk_stats_page, ADW_TYPE_BIN)

static void
set_exportable (LkStatsPage *self,
                gboolean     exportable)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stats.export", exportable);
}

static void
show_stats (LkStatsPage *self,
            GPtrArray   *stats)
{
  g_auto(GStrv) periods = lk_stats_periods (self->from, self->to, self->period);
  g_autofree char *title = g_strdup_printf ("%s to %s, by %s", self->from, self->to,
                                            lk_stats_period_name (self->period));
  g_autofree char *subtitle = g_strdup_printf ("%u figures in %u periods", stats->len,
                                               periods ? g_strv_length (periods) : 0);
  GHashTableIter iter;
  gpointer chart;

  g_clear_pointer (&self->stats, g_ptr_array_unref);
  self->stats = stats;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
  adw_action_row_set_subtitle (self->status_row, subtitle);
  g_hash_table_iter_init (&iter, self->charts);
  while (g_hash_table_iter_next (&iter, NULL, &chart))
    lk_stats_chart_set_data (chart, stats, (const char * const *) periods);
  set_exportable (self, TRUE);
}

static void
on_computed (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkStatsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *stats = lk_stats_compute_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  g_clear_object (&self->computing);
  if (stats == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row),
                                     "Cannot Compute the Figures");
      adw_action_row_set_subtitle (self->status_row, error->message);
      return;
    }
  show_stats (self, stats);
}

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
compute (LkStatsPage *self)
{
  if (self->session == NULL || !lk_session_has_role (self->session, LK_ROLE_ADMINISTRATOR))
    return;
  g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);
  self->computing = g_cancellable_new ();
  g_free (self->from);
  g_free (self->to);
  self->from = row_text (self->from_row);
  self->to = row_text (self->to_row);
  self->period = (LkStatsPeriod) MIN (adw_combo_row_get_selected (self->period_row),
                                      LK_STATS_YEAR);
  set_exportable (self, FALSE);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  adw_action_row_set_subtitle (self->status_row, "Computing…");
  lk_stats_compute_async (self->session, self->from, self->to, self->period, self->computing,
                          on_computed, g_object_ref (self));
}

static void
on_span_changed (LkStatsPage *self)
{
  if (self->shown_once)
    compute (self);
}

static void
compute_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  compute (LK_STATS_PAGE (widget));
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkStatsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (lk_stats_export_finish (result, &error))
    lk_toast (GTK_WIDGET (self), "Statistics exported");
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    lk_show_error (GTK_WIDGET (self), "Cannot Export the Statistics", error->message);
}

void
lk_stats_page_export_to (LkStatsPage   *self,
                         LkStatsFormat  format,
                         const char    *path)
{
  g_return_if_fail (LK_IS_STATS_PAGE (self));

  if (self->stats == NULL)
    return;
  lk_stats_export_async (self->session, self->stats, self->from, self->to, self->period, format,
                         path, self->cancellable, on_exported, g_object_ref (self));
}

static void
on_chooser_response (LkStatsPage *self,
                     int          response)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (response != GTK_RESPONSE_ACCEPT || path == NULL)
    return;
  lk_stats_page_export_to (self, self->format, path);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkStatsPage *self = LK_STATS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  gboolean pdf = g_str_equal (g_variant_get_string (parameter, NULL), "pdf");
  g_autofree char *name = g_strdup_printf ("likeness-statistics-%s-%s.%s", self->from,
                                           self->to, pdf ? "pdf" : "csv");

  self->format = pdf ? LK_STATS_FORMAT_PDF : LK_STATS_FORMAT_CSV;
  if (self->chooser != NULL)
    g_signal_handlers_disconnect_by_data (self->chooser, self);
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (pdf ? "Export the Statistics Summary"
                                                   : "Export the Statistics",
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, "_Export", "_Cancel");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The figures are read when the page is first shown, not at log-in. */
static void
on_map (LkStatsPage *self)
{
  if (self->shown_once || self->session == NULL)
    return;
  self->shown_once = TRUE;
  compute (self);
}

void
lk_stats_page_set_session (LkStatsPage *self,
                           LkSession   *session)
{
  g_return_if_fail (LK_IS_STATS_PAGE (self));

  g_set_object (&self->session, session);
  self->shown_once = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->demo_row),
                          session != NULL && lk_store_is_demo (lk_session_get_store (session)));
  if (session != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    on_map (self);
}

void
lk_stats_page_show_span (LkStatsPage   *self,
                         const char    *from,
                         const char    *to,
                         LkStatsPeriod  period)
{
  g_return_if_fail (LK_IS_STATS_PAGE (self));

  /* one computation for the three changes */
  self->shown_once = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), to);
  adw_combo_row_set_selected (self->period_row, period);
  self->shown_once = TRUE;
  compute (self);
}

GPtrArray *
lk_stats_page_get_stats (LkStatsPage *self)
{
  g_return_val_if_fail (LK_IS_STATS_PAGE (self), NULL);
  return self->stats;
}

LkStatsChart *
lk_stats_page_get_chart (LkStatsPage *self,
                         const char  *measure)
{
  g_return_val_if_fail (LK_IS_STATS_PAGE (self), NULL);
  return g_hash_table_lookup (self->charts, measure);
}

static void
add_charts (LkStatsPage *self)
{
  const char * const *measures = lk_stats_measures ();

  for (guint i = 0; measures[i] != NULL; i++)
    {
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *chart = lk_stats_chart_new (measures[i]);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                       lk_stats_measure_title (measures[i]));
      gtk_widget_add_css_class (chart, "card");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), chart);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (adw_bin_get_child (ADW_BIN (self))),
                                ADW_PREFERENCES_GROUP (group));
      g_hash_table_insert (self->charts, (gpointer) measures[i], chart);
    }
}

static void
default_span (LkStatsPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) year_ago = g_date_time_add_months (now, -11);
  g_autofree char *to = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *from = g_date_time_format (year_ago, "%Y-%m-01");

  gtk_editable_set_text (GTK_EDITABLE (self->from_row), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), to);
}

static void
lk_stats_page_dispose (GObject *object)
{
  LkStatsPage *self = LK_STATS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->computing);
  if (self->chooser != NULL)
    g_signal_handlers_disconnect_by_data (self->chooser, self);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_STATS_PAGE);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (lk_stats_page_parent_class)->dispose (object);
}

static void
lk_stats_page_finalize (GObject *object)
{
  LkStatsPage *self = LK_STATS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->computing);
  g_clear_pointer (&self->stats, g_ptr_array_unref);
  g_clear_pointer (&self->charts, g_hash_table_unref);
  g_free (self->from);
  g_free (self->to);
  G_OBJECT_CLASS (lk_stats_page_parent_class)->finalize (object);
}

static void
lk_stats_page_class_init (LkStatsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_stats_page_dispose;
  object_class->finalize = lk_stats_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-stats-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LkStatsPage, demo_row);
  gtk_widget_class_bind_template_child (widget_class, LkStatsPage, from_row);
  gtk_widget_class_bind_template_child (widget_class, LkStatsPage, to_row);
  gtk_widget_class_bind_template_child (widget_class, LkStatsPage, period_row);
  gtk_widget_class_bind_template_child (widget_class, LkStatsPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, LkStatsPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_span_changed);
  gtk_widget_class_install_action (widget_class, "stats.compute", NULL, compute_action);
  gtk_widget_class_install_action (widget_class, "stats.export", "s", export_action);
}

static void
lk_stats_page_init (LkStatsPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->charts = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_widget_init_template (GTK_WIDGET (self));
  default_span (self);
  add_charts (self);
  set_exportable (self, FALSE);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}
