/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The new-case form: the request, its legal basis and purpose, checked again by the core. */
#include "config.h"

#include "lk-case-dialog.h"
#include "lk-ui-util.h"

struct _LkCaseDialog
{
  AdwWindow     parent_instance;

  LkSession    *session;

  GtkButton    *create_button;
  AdwEntryRow  *number_row;
  AdwEntryRow  *title_row;
  AdwComboRow  *offence_row;
  AdwEntryRow  *requested_by_row;
  AdwEntryRow  *review_date_row;
  AdwEntryRow  *legal_basis_row;
  AdwEntryRow  *authorised_by_row;
  GtkTextView  *purpose_view;
  GtkLabel     *approval_label;
  GtkLabel     *message_label;
};

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkCaseDialog, lk_case_dialog, ADW_TYPE_WINDOW)

static const char *
text_of (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

/* The first item of the offence list chooses none: a form left as it opened must not record a
 * case under whichever category happens to come first. */
#define NO_OFFENCE "Choose a category…"

static const LkOffence *
selected_offence (LkCaseDialog *self)
{
  guint i = adw_combo_row_get_selected (self->offence_row);
  const GPtrArray *offences = lk_offences ();

  return i >= 1 && i - 1 < offences->len ? g_ptr_array_index (offences, i - 1) : NULL;
}

static void
on_offence_changed (LkCaseDialog *self)
{
  const LkOffence *offence = selected_offence (self);

  lk_label_set_message (self->approval_label,
                        offence != NULL && offence->approval
                        ? "Cases in this category wait for an administrator's approval before "
                          "any probe can be added."
                        : NULL);
}

static char *
purpose_text (LkCaseDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->purpose_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
on_create (LkCaseDialog *self)
{
  g_autofree char *purpose = purpose_text (self);
  const LkOffence *offence = selected_offence (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) created = NULL;
  LkCaseRequest request = {
    text_of (self->number_row), text_of (self->title_row), offence ? offence->code : NULL,
    text_of (self->legal_basis_row), purpose, text_of (self->authorised_by_row),
    text_of (self->requested_by_row), text_of (self->review_date_row),
  };

  created = lk_cases_create (self->session, &request, &error);
  if (created == NULL)
    {
      lk_label_set_message (self->message_label, error->message);
      return;
    }
  g_signal_emit (self, signals[CREATED], 0, lk_case_get_number (created));
  gtk_window_close (GTK_WINDOW (self));
}

static GListModel *
offence_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  const GPtrArray *offences = lk_offences ();

  gtk_string_list_append (list, NO_OFFENCE);
  for (guint i = 0; i < offences->len; i++)
    {
      const LkOffence *o = g_ptr_array_index (offences, i);
      g_autofree char *label = g_strdup_printf ("%s (seriousness %d%s)", o->name, o->seriousness,
                                                o->approval ? ", needs approval" : "");
      gtk_string_list_append (list, label);
    }
  return G_LIST_MODEL (list);
}

static void
lk_case_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LK_TYPE_CASE_DIALOG);
  G_OBJECT_CLASS (lk_case_dialog_parent_class)->dispose (object);
}

static void
lk_case_dialog_finalize (GObject *object)
{
  g_clear_object (&LK_CASE_DIALOG (object)->session);
  G_OBJECT_CLASS (lk_case_dialog_parent_class)->finalize (object);
}

static void
lk_case_dialog_class_init (LkCaseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_case_dialog_dispose;
  object_class->finalize = lk_case_dialog_finalize;

  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-case-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LkCaseDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, LkCaseDialog, number_row);
  gtk_widget_class_bind_template_child (widget_class, LkCaseDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, LkCaseDialog, offence_row);
  gtk_widget_class_bind_template_child (widget_class, LkCaseDialog, requested_by_row);
  gtk_widget_class_bind_template_child (widget_class, LkCaseDialog, review_date_row);
  gtk_widget_class_bind_template_child (widget_class, LkCaseDialog, legal_basis_row);
  gtk_widget_class_bind_template_child (widget_class, LkCaseDialog, authorised_by_row);
  gtk_widget_class_bind_template_child (widget_class, LkCaseDialog, purpose_view);
  gtk_widget_class_bind_template_child (widget_class, LkCaseDialog, approval_label);
  gtk_widget_class_bind_template_child (widget_class, LkCaseDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_create);
  gtk_widget_class_bind_template_callback (widget_class, on_offence_changed);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lk_case_dialog_init (LkCaseDialog *self)
{
  g_autoptr(GListModel) offences = offence_model ();

  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->offence_row, offences);
  adw_combo_row_set_selected (self->offence_row, 0);
  on_offence_changed (self);
}

LkCaseDialog *
lk_case_dialog_new (LkSession *session)
{
  LkCaseDialog *self = g_object_new (LK_TYPE_CASE_DIALOG, NULL);

  self->session = g_object_ref (session);
  gtk_widget_grab_focus (GTK_WIDGET (self->number_row));
  return self;
}
