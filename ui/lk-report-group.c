/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The report and the disclosure bundle of a case, made in the core's worker thread. */
#include "config.h"

#include "lk-report-group.h"
#include "lk-ui-util.h"

struct _LkReportGroup
{
  AdwPreferencesGroup   parent_instance;

  LkSession            *session;
  char                 *number;
  gboolean              final;
  GCancellable         *work;
  LkProgress           *progress;
  GtkFileChooserNative *chooser;
  GFile                *pending;    /* the file or folder being made */
  GFile                *result;     /* the file or folder last made */
  gboolean              result_is_folder;

  AdwComboRow          *paper_row;
  AdwActionRow         *report_row;
  AdwActionRow         *bundle_row;
  GtkButton            *report_button;
  GtkButton            *export_button;
  AdwActionRow         *progress_row;
  GtkProgressBar       *progress_bar;
  AdwActionRow         *result_row;
};

G_DEFINE_FINAL_TYPE (LkReportGroup, lk_report_group, ADW_TYPE_PREFERENCES_GROUP)

/* ---- state --------------------------------------------------------------------------------- */

static void
update_actions (LkReportGroup *self)
{
  gboolean idle = self->work == NULL && self->session != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.make", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.export", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.cancel", self->work != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.open", self->result != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.reveal", self->result != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_row), self->work != NULL);
}

void
lk_report_group_reload (LkReportGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (LK_IS_REPORT_GROUP (self));
  if (self->session == NULL)
    return;
  if (!lk_report_check_final (self->session, self->number, &self->final, &why, &error))
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  description = self->final
    ? g_strdup ("Every conclusion of this case is countersigned: the report and the bundle are "
                "final. Each is recorded in the audit trail with its SHA-256.")
    : g_strdup_printf ("Only drafts can be made until every conclusion is countersigned, each "
                       "page marked “DRAFT - NOT VERIFIED”. %s.", why);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);
  /* The visible labels name the action in full: an accessible label beside them would be read
   * out twice. */
  gtk_button_set_label (self->report_button,
                        self->final ? "_Make Report…" : "_Make Draft Report…");
  gtk_button_set_label (self->export_button, self->final ? "_Export…" : "_Export Draft…");
  update_actions (self);
}

void
lk_report_group_set_case (LkReportGroup *self,
                          LkSession     *session,
                          const char    *number)
{
  g_return_if_fail (LK_IS_REPORT_GROUP (self));
  g_set_object (&self->session, session);
  g_free (self->number);
  self->number = g_strdup (number);
  lk_report_group_reload (self);
}

static LkReportOptions
options_of (LkReportGroup *self)
{
  LkReportOptions options = { LK_PAPER_A4, !self->final };

  if (adw_combo_row_get_selected (self->paper_row) == 1)
    options.paper = LK_PAPER_LETTER;
  return options;
}

/* ---- progress and result ------------------------------------------------------------------- */

static void
on_progress (LkReportGroup *self)
{
  const char *text = lk_progress_get_text (self->progress);

  gtk_progress_bar_set_fraction (self->progress_bar, lk_progress_get_fraction (self->progress));
  if (text != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->progress_row), text);
}

static GCancellable *
begin (LkReportGroup *self,
       GFile         *target,
       const char    *what)
{
  self->work = g_cancellable_new ();
  g_set_object (&self->pending, target);
  g_clear_object (&self->result);
  gtk_widget_set_visible (GTK_WIDGET (self->result_row), FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->progress_row), what);
  update_actions (self);
  return self->work;
}

/* Ends the work; FALSE when it failed (said in a dialog) or was cancelled (said in a toast). */
static gboolean
end (LkReportGroup *self,
     const GError  *error,
     const char    *what)
{
  g_clear_object (&self->work);
  update_actions (self);
  if (error == NULL)
    return TRUE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf ("%s cancelled; nothing was written", what);
      lk_toast (GTK_WIDGET (self), text);
    }
  else
    {
      g_autofree char *heading = g_strdup_printf ("%s Was Not Made", what);
      lk_show_error (GTK_WIDGET (self), heading, error->message);
    }
  return FALSE;
}

static void
show_result (LkReportGroup *self,
             GFile         *file,
             gboolean       folder,
             const char    *title,
             const char    *subtitle)
{
  g_set_object (&self->result, file);
  self->result_is_folder = folder;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->result_row), title);
  adw_action_row_set_subtitle (self->result_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->result_row), TRUE);
  update_actions (self);
  lk_toast (GTK_WIDGET (self), title);
}

static void
on_report_written (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LkReportGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_steal_pointer (&self->pending);
  g_autofree char *sha256 = lk_report_write_finish (result, &error);
  g_autofree char *path = NULL, *subtitle = NULL;

  if (self->progress_row == NULL) /* disposed while it ran */
    return;
  if (!end (self, error, "The Report"))
    return;
  path = g_file_get_path (file);
  subtitle = g_strdup_printf ("%s · SHA-256 %s", path, sha256);
  show_result (self, file, FALSE, self->final ? "Report saved" : "Draft report saved",
               subtitle);
}

void
lk_report_group_make_report (LkReportGroup *self,
                             GFile         *file)
{
  LkReportOptions options;
  g_autofree char *path = NULL;
  GCancellable *work;

  g_return_if_fail (LK_IS_REPORT_GROUP (self));
  if (self->work != NULL || (path = g_file_get_path (file)) == NULL)
    return;
  lk_report_group_reload (self);
  options = options_of (self);
  work = begin (self, file, "Making the report");
  lk_report_write_async (self->session, self->number, path, &options, self->progress, work,
                         on_report_written, g_object_ref (self));
}

static void
on_bundle_exported (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LkReportGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkBundle) bundle = lk_bundle_export_finish (result, &error);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *subtitle = NULL;

  g_clear_object (&self->pending);
  if (self->progress_row == NULL) /* disposed while it ran */
    return;
  if (!end (self, error, "The Bundle"))
    return;
  folder = g_file_new_for_path (bundle->path);
  subtitle = g_strdup_printf ("%s · %u files · SHA256SUMS %s", bundle->path, bundle->n_files,
                              bundle->sums_sha256);
  show_result (self, folder, TRUE, bundle->draft ? "Draft bundle exported" : "Bundle exported",
               subtitle);
}

void
lk_report_group_export (LkReportGroup *self,
                        GFile         *folder)
{
  LkReportOptions options;
  g_autofree char *path = NULL;
  GCancellable *work;

  g_return_if_fail (LK_IS_REPORT_GROUP (self));
  if (self->work != NULL || (path = g_file_get_path (folder)) == NULL)
    return;
  lk_report_group_reload (self);
  options = options_of (self);
  work = begin (self, folder, "Exporting the bundle");
  lk_bundle_export_async (self->session, self->number, path, &options, self->progress, work,
                          on_bundle_exported, g_object_ref (self));
}

/* ---- opening what was made ----------------------------------------------------------------- */

static void
open_uri (LkReportGroup *self,
          GFile         *file)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
on_shown_in_folder (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LkReportGroup) self = user_data;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result,
                                                             NULL);
  g_autoptr(GFile) parent = NULL;

  /* Without a file manager that can select an item, open the folder that holds it. */
  if (reply == NULL && self->result != NULL && (parent = g_file_get_parent (self->result)))
    open_uri (self, parent);
}

static void
reveal (LkReportGroup *self)
{
  GDBusConnection *bus = g_application_get_dbus_connection (g_application_get_default ());
  g_autofree char *uri = g_file_get_uri (self->result);
  const char *uris[] = { uri, NULL };
  g_autoptr(GFile) parent = NULL;

  if (bus == NULL)
    {
      if ((parent = g_file_get_parent (self->result)) != NULL)
        open_uri (self, parent);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL,
                          G_DBUS_CALL_FLAGS_NONE, 5000, NULL, on_shown_in_folder,
                          g_object_ref (self));
}

/* ---- actions ------------------------------------------------------------------------------- */

/* "2026/17" as a file name: "2026-17". */
static char *
file_stem (const char *number)
{
  g_autofree char *stem = g_strdup (number);

  return g_strdelimit (g_steal_pointer (&stem), "/\\:*?\"<>|", '-');
}

static void
on_chosen (LkReportGroup *self,
           int            response)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  gboolean bundle = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self->chooser), "bundle"));

  if (response != GTK_RESPONSE_ACCEPT || file == NULL)
    return;
  if (bundle)
    lk_report_group_export (self, file);
  else
    lk_report_group_make_report (self, file);
}

static void
choose (LkReportGroup *self,
        gboolean       bundle)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *stem = file_stem (self->number);
  g_autofree char *name = g_strdup_printf (bundle ? "%s-disclosure" : "%s-report%s.pdf", stem,
                                           self->final ? "" : "-draft");

  lk_report_group_reload (self);
  if (self->chooser != NULL)
    g_signal_handlers_disconnect_by_data (self->chooser, self);
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (bundle ? "Export the Disclosure Bundle"
                                                      : "Save the Examination Report",
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               bundle ? "_Export" : "_Save", "_Cancel");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_object_set_data (G_OBJECT (self->chooser), "bundle", GINT_TO_POINTER (bundle));
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
make_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  choose (LK_REPORT_GROUP (widget), FALSE);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose (LK_REPORT_GROUP (widget), TRUE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkReportGroup *self = LK_REPORT_GROUP (widget);

  if (self->work != NULL)
    g_cancellable_cancel (self->work);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LkReportGroup *self = LK_REPORT_GROUP (widget);

  if (self->result != NULL)
    open_uri (self, self->result);
}

static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkReportGroup *self = LK_REPORT_GROUP (widget);

  if (self->result != NULL)
    reveal (self);
}

/* ---- object -------------------------------------------------------------------------------- */

static void
lk_report_group_dispose (GObject *object)
{
  LkReportGroup *self = LK_REPORT_GROUP (object);

  if (self->work != NULL)
    g_cancellable_cancel (self->work);
  if (self->chooser != NULL)
    g_signal_handlers_disconnect_by_data (self->chooser, self);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_REPORT_GROUP);
  G_OBJECT_CLASS (lk_report_group_parent_class)->dispose (object);
}

static void
lk_report_group_finalize (GObject *object)
{
  LkReportGroup *self = LK_REPORT_GROUP (object);

  g_clear_object (&self->session);
  g_clear_object (&self->work);
  g_clear_object (&self->progress);
  g_clear_object (&self->pending);
  g_clear_object (&self->result);
  g_free (self->number);
  G_OBJECT_CLASS (lk_report_group_parent_class)->finalize (object);
}

static void
lk_report_group_class_init (LkReportGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_report_group_dispose;
  object_class->finalize = lk_report_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-report-group.ui");
  gtk_widget_class_bind_template_child (widget_class, LkReportGroup, paper_row);
  gtk_widget_class_bind_template_child (widget_class, LkReportGroup, report_row);
  gtk_widget_class_bind_template_child (widget_class, LkReportGroup, bundle_row);
  gtk_widget_class_bind_template_child (widget_class, LkReportGroup, report_button);
  gtk_widget_class_bind_template_child (widget_class, LkReportGroup, export_button);
  gtk_widget_class_bind_template_child (widget_class, LkReportGroup, progress_row);
  gtk_widget_class_bind_template_child (widget_class, LkReportGroup, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LkReportGroup, result_row);

  gtk_widget_class_install_action (widget_class, "report.make", NULL, make_action);
  gtk_widget_class_install_action (widget_class, "report.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "report.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "report.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "report.reveal", NULL, reveal_action);
}

static void
lk_report_group_init (LkReportGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->progress = lk_progress_new ();
  g_signal_connect_object (self->progress, "notify::fraction", G_CALLBACK (on_progress), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->progress, "notify::text", G_CALLBACK (on_progress), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
}
