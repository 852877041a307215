/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-gallery-search-dialog.h"
#include "lk-ui-util.h"

struct _LkGallerySearchDialog
{
  AdwWindow      parent_instance;

  LkSession     *session;
  gint64         probe_id;
  GCancellable  *cancellable;
  GtkStringList *databases;

  GtkButton     *search_button;
  GtkSpinner    *spinner;
  AdwComboRow   *database_row;
  GtkSpinButton *top_spin;
  GtkLabel      *engine_label;
  GtkLabel      *message_label;
};

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkGallerySearchDialog, lk_gallery_search_dialog, ADW_TYPE_WINDOW)

static void
set_busy (LkGallerySearchDialog *self,
          gboolean               busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), !busy);
}

static void
on_searched (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkGallerySearchDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = lk_gallery_search_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (id == 0)
    {
      lk_label_set_message (self->message_label, error->message);
      return;
    }
  g_signal_emit (self, signals[DONE], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_search (LkGallerySearchDialog *self)
{
  guint i = adw_combo_row_get_selected (self->database_row);
  const char *name = gtk_string_list_get_string (self->databases, i);

  if (name == NULL)
    {
      lk_label_set_message (self->message_label,
                            "No gallery is held by Likeness yet. An administrator registers one "
                            "and enrols its images under Administration.");
      return;
    }
  lk_label_set_message (self->message_label, NULL);
  set_busy (self, TRUE);
  lk_gallery_search_async (self->session, self->probe_id, name,
                           (guint) gtk_spin_button_get_value_as_int (self->top_spin),
                           self->cancellable, on_searched, g_object_ref (self));
}

static void
lk_gallery_search_dialog_dispose (GObject *object)
{
  LkGallerySearchDialog *self = LK_GALLERY_SEARCH_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_GALLERY_SEARCH_DIALOG);
  G_OBJECT_CLASS (lk_gallery_search_dialog_parent_class)->dispose (object);
}

static void
lk_gallery_search_dialog_finalize (GObject *object)
{
  LkGallerySearchDialog *self = LK_GALLERY_SEARCH_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->databases);
  G_OBJECT_CLASS (lk_gallery_search_dialog_parent_class)->finalize (object);
}

static void
lk_gallery_search_dialog_class_init (LkGallerySearchDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_gallery_search_dialog_dispose;
  object_class->finalize = lk_gallery_search_dialog_finalize;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-gallery-search-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LkGallerySearchDialog, search_button);
  gtk_widget_class_bind_template_child (widget_class, LkGallerySearchDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LkGallerySearchDialog, database_row);
  gtk_widget_class_bind_template_child (widget_class, LkGallerySearchDialog, top_spin);
  gtk_widget_class_bind_template_child (widget_class, LkGallerySearchDialog, engine_label);
  gtk_widget_class_bind_template_child (widget_class, LkGallerySearchDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lk_gallery_search_dialog_init (LkGallerySearchDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->databases = gtk_string_list_new (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->database_row, G_LIST_MODEL (self->databases));
}

static void
fill_databases (LkGallerySearchDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) dbs = lk_reference_db_list (self->session, &error);

  if (dbs == NULL)
    lk_label_set_message (self->message_label, error->message);
  for (guint i = 0; dbs != NULL && i < dbs->len; i++)
    {
      LkReferenceDb *db = g_ptr_array_index (dbs, i);

      if (g_strcmp0 (db->held_by, "likeness") == 0)
        gtk_string_list_append (self->databases, db->name);
    }
}

LkGallerySearchDialog *
lk_gallery_search_dialog_new (LkSession  *session,
                              gint64      probe_id,
                              GError    **error)
{
  LkGallerySearchDialog *self;
  LkStore *store = lk_session_get_store (session);
  LkEngineKind kind = LK_ENGINE_CLASSIC;
  gint64 top_k = 0;

  if (!lk_policy_get_int (store, "search_top_k", &top_k, error) ||
      !lk_gallery_engine_kind (store, &kind, error))
    return NULL;
  self = g_object_new (LK_TYPE_GALLERY_SEARCH_DIALOG, NULL);
  self->session = g_object_ref (session);
  self->probe_id = probe_id;
  fill_databases (self);
  gtk_spin_button_set_value (self->top_spin, (double) top_k);
  gtk_label_set_text (self->engine_label,
                      kind == LK_ENGINE_CLASSIC
                      ? "Classic engine (Haar, eye alignment, LBP histograms): a baseline that is "
                        "weak on unconstrained images such as CCTV. Its list is only a starting "
                        "point for triage."
                      : "Deep engine with the embedding model set in the policy.");
  return self;
}
