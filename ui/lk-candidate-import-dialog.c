/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preview of a candidate list with every problem named, then the import in one transaction. */
#include "config.h"

#include "lk-candidate-import-dialog.h"
#include "lk-ui-util.h"

struct _LkCandidateImportDialog
{
  AdwWindow            parent_instance;

  LkSession           *session;
  gint64               probe_id;
  GFile               *file;
  char                *path; /* the local file, NULL when it is not one */
  GCancellable        *cancellable;

  AdwWindowTitle      *window_title;
  GtkButton           *import_button;
  GtkSpinner          *spinner;
  AdwPreferencesGroup *summary_group;
  GtkLabel            *message_label;
};

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkCandidateImportDialog, lk_candidate_import_dialog, ADW_TYPE_WINDOW)

static void
add_row (LkCandidateImportDialog *self,
         const char              *title,
         const char              *value)
{
  GtkWidget *row = adw_action_row_new ();

  /* The list's own text (engine, database): shown as written, never read as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL ? value : "not stated");
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (self->summary_group, row);
}

static void
show_preview (LkCandidateImportDialog *self,
              LkListProvenance        *facts)
{
  g_autofree char *engine = g_strdup_printf ("%s %s", lk_list_provenance_get_engine_name (facts),
                                             lk_list_provenance_get_engine_version (facts));
  g_autofree char *count = g_strdup_printf ("%d candidates, every image checked",
                                            lk_list_provenance_get_list_length (facts));
  g_autofree char *threshold = lk_list_provenance_get_has_threshold (facts)
    ? g_strdup_printf ("%g", lk_list_provenance_get_threshold (facts)) : NULL;

  add_row (self, "Engine", engine);
  add_row (self, "Reference database", lk_list_provenance_get_reference_database (facts));
  add_row (self, "Candidates", count);
  add_row (self, "Threshold", threshold);
  add_row (self, "Search performed", lk_list_provenance_get_performed_at (facts));
  add_row (self, "List file SHA-256", lk_list_provenance_get_source_sha256 (facts));
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), TRUE);
}

static void
stop_spinner (LkCandidateImportDialog *self)
{
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
}

static void
on_preview (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LkCandidateImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkListProvenance) facts = lk_candidates_preview_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  stop_spinner (self);
  if (facts == NULL)
    {
      lk_label_set_message (self->message_label, error->message);
      return;
    }
  show_preview (self, facts);
}

static void
on_imported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkCandidateImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = lk_candidates_import_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  stop_spinner (self);
  if (id == 0)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), TRUE);
      lk_label_set_message (self->message_label, error->message);
      return;
    }
  g_signal_emit (self, signals[DONE], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_import (LkCandidateImportDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  lk_label_set_message (self->message_label, NULL);
  lk_candidates_import_async (self->session, self->probe_id, self->path, self->cancellable,
                              on_imported, g_object_ref (self));
}

static void
lk_candidate_import_dialog_dispose (GObject *object)
{
  LkCandidateImportDialog *self = LK_CANDIDATE_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_CANDIDATE_IMPORT_DIALOG);
  G_OBJECT_CLASS (lk_candidate_import_dialog_parent_class)->dispose (object);
}

static void
lk_candidate_import_dialog_finalize (GObject *object)
{
  LkCandidateImportDialog *self = LK_CANDIDATE_IMPORT_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_free (self->path);
  G_OBJECT_CLASS (lk_candidate_import_dialog_parent_class)->finalize (object);
}

static void
lk_candidate_import_dialog_class_init (LkCandidateImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_candidate_import_dialog_dispose;
  object_class->finalize = lk_candidate_import_dialog_finalize;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-candidate-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LkCandidateImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LkCandidateImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, LkCandidateImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LkCandidateImportDialog, summary_group);
  gtk_widget_class_bind_template_child (widget_class, LkCandidateImportDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_import);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lk_candidate_import_dialog_init (LkCandidateImportDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

LkCandidateImportDialog *
lk_candidate_import_dialog_new (LkSession *session,
                                gint64     probe_id,
                                GFile     *file)
{
  LkCandidateImportDialog *self = g_object_new (LK_TYPE_CANDIDATE_IMPORT_DIALOG, NULL);
  g_autofree char *name = g_file_get_basename (file);

  self->session = g_object_ref (session);
  self->probe_id = probe_id;
  self->file = g_object_ref (file);
  adw_window_title_set_subtitle (self->window_title, name);
  self->path = g_file_get_path (file);
  if (self->path == NULL)
    {
      stop_spinner (self);
      lk_label_set_message (self->message_label, "Only local files can be imported");
      return self;
    }
  lk_candidates_preview_async (session, probe_id, self->path, self->cancellable, on_preview,
                               g_object_ref (self));
  return self;
}
