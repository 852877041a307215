/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Administration > Retention: what the store holds (images and templates apart), the periods
 * of the policy, and the purge: a preview that changes nothing, then the purge itself after a
 * confirmation, both in a worker thread. */
#include "config.h"

#include "lk-retention-page.h"
#include "lk-ui-util.h"

struct _LkRetentionPage
{
  AdwBin               parent_instance;

  LkSession           *session;
  GCancellable        *cancellable;
  LkRetentionReport   *report;
  GPtrArray           *period_rows;

  AdwActionRow        *images_row;
  AdwActionRow        *templates_row;
  AdwActionRow        *purged_row;
  AdwActionRow        *runs_row;
  AdwPreferencesGroup *periods_group;
  AdwActionRow        *preview_row;
  GtkSpinner          *spinner;
  AdwPreferencesGroup *due_group;
  GtkListBox          *due_list;
};

G_DEFINE_FINAL_TYPE (LkRetentionPage, lk_retention_page, ADW_TYPE_BIN)

static const struct
{
  const char *key;
  const char *title;
  const char *counted;
} periods[] = {
  { "retention.unidentified_days", "Unidentified probes",
    "Probes that produced no lead, counted from their import" },
  { "retention.closed_case_days", "Probes of closed cases", "Counted from the case's closing" },
  { "retention.candidate_days", "Candidate images",
    "Counted from the case's closing, or from the list's import when its probe produced no "
    "lead" },
  { "retention.gallery_days", "Gallery images and their templates",
    "Counted from enrolment" },
  { "retention.exercise_days", "Exercise material",
    "Counted from the exercise's last use: an assignment, an attempt or a trainer's comment" },
};

static void
set_count (AdwActionRow *row,
           gint64        n,
           gint64        bytes,
           const char   *noun)
{
  g_autofree char *size = g_format_size ((guint64) bytes);
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT " %s, %s", n, noun, size);

  adw_action_row_set_subtitle (row, text);
}

static void
show_periods (LkRetentionPage *self)
{
  LkStore *store = lk_session_get_store (self->session);

  for (guint i = 0; i < self->period_rows->len; i++)
    adw_preferences_group_remove (self->periods_group, g_ptr_array_index (self->period_rows, i));
  g_ptr_array_set_size (self->period_rows, 0);
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 days = 0;
      g_autofree char *value = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (!lk_policy_get_int (store, periods[i].key, &days, &error))
        value = g_strdup_printf ("Could not be read: %s", error->message);
      else if (days > 0)
        value = g_strdup_printf ("%" G_GINT64_FORMAT " days", days);
      else
        value = g_strdup ("Kept without limit");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), periods[i].title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), periods[i].counted);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (value));
      adw_preferences_group_add (self->periods_group, row);
      g_ptr_array_add (self->period_rows, row);
    }
}

static void
refresh (LkRetentionPage *self)
{
  g_auto(LkRetentionTotals) totals = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *runs = NULL;

  if (self->session == NULL)
    return;
  if (!lk_retention_totals (lk_session_get_store (self->session), &totals, &error))
    {
      g_autofree char *text = g_strdup_printf ("The totals could not be read: %s",
                                               error->message);

      adw_action_row_set_subtitle (self->images_row, text);
      show_periods (self);
      return;
    }
  set_count (self->images_row, totals.images, totals.image_bytes, "images");
  set_count (self->templates_row, totals.templates, totals.template_bytes, "templates");
  set_count (self->purged_row, totals.purged, totals.purged_bytes, "images purged");
  runs = totals.last_run != NULL
         ? g_strdup_printf ("%" G_GINT64_FORMAT " runs, the last on %.10s", totals.runs,
                            totals.last_run)
         : g_strdup ("No purge has run yet");
  adw_action_row_set_subtitle (self->runs_row, runs);
  show_periods (self);
}

static const char *
item_state (const LkRetentionItem *item)
{
  if (item->purged)
    return "purged before";
  if (item->hold != NULL)
    return "kept: the case is on legal hold";
  if (item->shared)
    return "kept: another item still needs the same image";
  return "goes";
}

static void
show_report (LkRetentionPage   *self,
             LkRetentionReport *report)
{
  g_autofree char *size = g_format_size ((guint64) report->image_bytes);
  g_autofree char *summary = NULL;
  GtkWidget *child;

  g_clear_pointer (&self->report, lk_retention_report_free);
  self->report = report;
  summary = g_strdup_printf ("%s %" G_GINT64_FORMAT " images (%s) and %" G_GINT64_FORMAT
                             " templates; %" G_GINT64_FORMAT " expired items on hold.",
                             report->dry_run ? "A purge now would delete" : "Purged",
                             report->images, size, report->templates, report->held);
  adw_action_row_set_subtitle (self->preview_row, summary);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->due_list))) != NULL)
    gtk_list_box_remove (self->due_list, child);
  for (guint i = 0; i < report->items->len; i++)
    {
      const LkRetentionItem *item = g_ptr_array_index (report->items, i);
      g_autofree char *subtitle = g_strdup_printf ("Rule %s, expired on %s: %s", item->rule,
                                                   item->expires, item_state (item));
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->label);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->due_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->due_group), report->items->len > 0);
  refresh (self);
}

static void
set_busy (LkRetentionPage *self,
          gboolean         busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "retention.preview", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "retention.purge", !busy);
}

static void
on_run (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(LkRetentionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  LkRetentionReport *report = lk_retention_run_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (report == NULL)
    {
      lk_show_error (GTK_WIDGET (self), "Cannot Apply the Retention Periods", error->message);
      return;
    }
  if (!report->dry_run)
    lk_toast (GTK_WIDGET (self), "Expired images purged; their records stay");
  show_report (self, report);
}

static void
run (LkRetentionPage *self,
     gboolean         dry_run)
{
  if (self->session == NULL)
    return;
  set_busy (self, TRUE);
  lk_retention_run_async (self->session, dry_run, self->cancellable, on_run,
                          g_object_ref (self));
}

static void
preview_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  run (LK_RETENTION_PAGE (widget), TRUE);
}

static void
purge_confirmed_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  run (LK_RETENTION_PAGE (widget), FALSE);
}

static void
on_purge_response (AdwMessageDialog *dialog,
                   const char       *response,
                   LkRetentionPage  *self)
{
  if (g_str_equal (response, "purge"))
    gtk_widget_activate_action (GTK_WIDGET (self), "retention.purge-confirmed", NULL);
}

static void
purge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, "Purge Expired Images?",
    "The bytes of every image whose retention period has ended, and the templates made from "
    "them, are deleted for good. Each record stays with its SHA-256 and the purge is recorded "
    "in the audit trail. Cases on legal hold keep their images. Use Preview to see what goes."));

  adw_message_dialog_add_responses (dialog, "cancel", "_Cancel", "purge", "_Purge", NULL);
  adw_message_dialog_set_response_appearance (dialog, "purge", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_purge_response), widget, 0);
  lk_present_dialog (GTK_WINDOW (dialog));
}

void
lk_retention_page_set_session (LkRetentionPage *self,
                               LkSession       *session)
{
  g_return_if_fail (LK_IS_RETENTION_PAGE (self));
  g_set_object (&self->session, session);
  if (session != NULL && lk_session_has_role (session, LK_ROLE_ADMINISTRATOR))
    refresh (self);
}

const LkRetentionReport *
lk_retention_page_get_report (LkRetentionPage *self)
{
  g_return_val_if_fail (LK_IS_RETENTION_PAGE (self), NULL);
  return self->report;
}

static void
lk_retention_page_dispose (GObject *object)
{
  LkRetentionPage *self = LK_RETENTION_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_RETENTION_PAGE);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (lk_retention_page_parent_class)->dispose (object);
}

static void
lk_retention_page_finalize (GObject *object)
{
  LkRetentionPage *self = LK_RETENTION_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->report, lk_retention_report_free);
  g_clear_pointer (&self->period_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (lk_retention_page_parent_class)->finalize (object);
}

static void
lk_retention_page_class_init (LkRetentionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_retention_page_dispose;
  object_class->finalize = lk_retention_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-retention-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LkRetentionPage, images_row);
  gtk_widget_class_bind_template_child (widget_class, LkRetentionPage, templates_row);
  gtk_widget_class_bind_template_child (widget_class, LkRetentionPage, purged_row);
  gtk_widget_class_bind_template_child (widget_class, LkRetentionPage, runs_row);
  gtk_widget_class_bind_template_child (widget_class, LkRetentionPage, periods_group);
  gtk_widget_class_bind_template_child (widget_class, LkRetentionPage, preview_row);
  gtk_widget_class_bind_template_child (widget_class, LkRetentionPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LkRetentionPage, due_group);
  gtk_widget_class_bind_template_child (widget_class, LkRetentionPage, due_list);
  gtk_widget_class_install_action (widget_class, "retention.preview", NULL, preview_action);
  gtk_widget_class_install_action (widget_class, "retention.purge", NULL, purge_action);
  gtk_widget_class_install_action (widget_class, "retention.purge-confirmed", NULL,
                                   purge_confirmed_action);
}

static void
lk_retention_page_init (LkRetentionPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->period_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
