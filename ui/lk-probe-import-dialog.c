/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Provenance of a probe image, then the import in a worker thread. */
#include "config.h"

#include "lk-probe-import-dialog.h"
#include "lk-ui-util.h"

struct _LkProbeImportDialog
{
  AdwWindow       parent_instance;

  LkSession      *session;
  char           *case_number;
  GFile          *file;
  GCancellable   *cancellable;

  AdwWindowTitle *window_title;
  GtkButton      *import_button;
  GtkSpinner     *spinner;
  AdwActionRow   *file_row;
  AdwComboRow    *source_row;
  AdwComboRow    *kind_row;
  AdwEntryRow    *acquired_by_row;
  AdwEntryRow    *acquired_at_row;
  AdwEntryRow    *authority_row;
  AdwEntryRow    *custody_row;
  GtkLabel       *refusal_label;
  GtkLabel       *message_label;
};

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkProbeImportDialog, lk_probe_import_dialog, ADW_TYPE_WINDOW)

static const char *
text_of (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static GListModel *
labels_model (const char * const *ids)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    gtk_string_list_append (list, lk_vocabulary_label (ids[i]));
  return G_LIST_MODEL (list);
}

static const char *
selected_id (AdwComboRow        *row,
             const char * const *ids)
{
  guint i = adw_combo_row_get_selected (row);

  return i < g_strv_length ((char **) ids) ? ids[i] : NULL;
}

static void
on_kind_changed (LkProbeImportDialog *self)
{
  const char *kind = selected_id (self->kind_row, lk_vocabulary_probe_kinds ());
  g_autoptr(GError) error = NULL;
  gboolean refused = FALSE;
  g_autofree char *text = NULL;

  /* A policy that cannot be read refuses nothing here; the core checks again on import. */
  if (self->session != NULL && kind != NULL &&
      !lk_policy_list_contains (lk_session_get_store (self->session), "refused_probe_kinds",
                                kind, &refused, &error))
    text = g_strdup_printf ("The refused kinds of probe could not be read: %s", error->message);
  else if (refused)
    text = g_strdup_printf ("“%s” images are refused as probes by policy: a face search needs a "
                            "photographic image of the real face.", lk_vocabulary_label (kind));
  lk_label_set_message (self->refusal_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), !refused);
}

static void
set_busy (LkProbeImportDialog *self,
          gboolean             busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), !busy);
}

static void
on_imported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkProbeImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = lk_probes_import_file_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (id == 0)
    {
      lk_label_set_message (self->message_label, error->message);
      return;
    }
  g_signal_emit (self, signals[IMPORTED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_import (LkProbeImportDialog *self)
{
  g_autofree char *path = g_file_get_path (self->file);
  LkProvenance provenance = {
    selected_id (self->source_row, lk_vocabulary_source_types ()),
    selected_id (self->kind_row, lk_vocabulary_probe_kinds ()),
    text_of (self->acquired_by_row), text_of (self->acquired_at_row),
    text_of (self->authority_row), text_of (self->custody_row), FALSE,
  };

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->import_button)))
    return;
  if (path == NULL)
    {
      lk_label_set_message (self->message_label, "Only local files can be imported.");
      return;
    }
  lk_label_set_message (self->message_label, NULL);
  set_busy (self, TRUE);
  lk_probes_import_file_async (self->session, self->case_number, path, &provenance,
                               self->cancellable, on_imported, g_object_ref (self));
}

static void
lk_probe_import_dialog_dispose (GObject *object)
{
  LkProbeImportDialog *self = LK_PROBE_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_PROBE_IMPORT_DIALOG);
  G_OBJECT_CLASS (lk_probe_import_dialog_parent_class)->dispose (object);
}

static void
lk_probe_import_dialog_finalize (GObject *object)
{
  LkProbeImportDialog *self = LK_PROBE_IMPORT_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_free (self->case_number);
  G_OBJECT_CLASS (lk_probe_import_dialog_parent_class)->finalize (object);
}

static void
lk_probe_import_dialog_class_init (LkProbeImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_probe_import_dialog_dispose;
  object_class->finalize = lk_probe_import_dialog_finalize;

  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-probe-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LkProbeImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LkProbeImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, LkProbeImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LkProbeImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, LkProbeImportDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, LkProbeImportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, LkProbeImportDialog, acquired_by_row);
  gtk_widget_class_bind_template_child (widget_class, LkProbeImportDialog, acquired_at_row);
  gtk_widget_class_bind_template_child (widget_class, LkProbeImportDialog, authority_row);
  gtk_widget_class_bind_template_child (widget_class, LkProbeImportDialog, custody_row);
  gtk_widget_class_bind_template_child (widget_class, LkProbeImportDialog, refusal_label);
  gtk_widget_class_bind_template_child (widget_class, LkProbeImportDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_import);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lk_probe_import_dialog_init (LkProbeImportDialog *self)
{
  g_autoptr(GListModel) sources = labels_model (lk_vocabulary_source_types ());
  g_autoptr(GListModel) kinds = labels_model (lk_vocabulary_probe_kinds ());

  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->source_row, sources);
  adw_combo_row_set_model (self->kind_row, kinds);
}

static char *
describe_file (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autofree char *size = info ? g_format_size (g_file_info_get_size (info)) : NULL;
  g_autofree char *where = g_file_get_parse_name (file);

  return g_strdup_printf ("%s%s%s", size ? size : "", size ? " · " : "", where);
}

LkProbeImportDialog *
lk_probe_import_dialog_new (LkSession  *session,
                            const char *case_number,
                            GFile      *file)
{
  LkProbeImportDialog *self = g_object_new (LK_TYPE_PROBE_IMPORT_DIALOG, NULL);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *description = describe_file (file);
  g_autofree char *subtitle = g_strdup_printf ("Case %s", case_number);

  self->session = g_object_ref (session);
  self->case_number = g_strdup (case_number);
  self->file = g_object_ref (file);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), name);
  adw_action_row_set_subtitle (self->file_row, description);
  gtk_editable_set_text (GTK_EDITABLE (self->acquired_by_row),
                         lk_session_get_display_name (session));
  on_kind_changed (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_row));
  return self;
}
