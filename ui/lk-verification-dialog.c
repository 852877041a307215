/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Countersign, record a disagreement, or sign a consultation note: one signature each. */
#include "config.h"

#include "lk-ui-util.h"
#include "lk-verification-dialog.h"

struct _LkVerificationDialog
{
  AdwWindow                 parent_instance;

  LkSession                *session;
  LkVerification           *verification;
  LkVerificationDialogMode  mode;
  GCancellable             *cancellable;
  GPtrArray                *resolutions;  /* the resolution ids the combo row offers */

  AdwWindowTitle           *window_title;
  GtkButton                *sign_button;
  GtkSpinner               *spinner;
  GtkLabel                 *intro_label;
  GtkLabel                 *message_label;
  AdwComboRow              *resolution_row;
  AdwEntryRow              *note_row;
  AdwPasswordEntryRow      *password_row;
};

enum {
  SIGNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkVerificationDialog, lk_verification_dialog, ADW_TYPE_WINDOW)

static const char *
resolution_label (const char *resolution)
{
  static const char * const labels[][2] = {
    { "return", "Return to the examiner" },
    { "consult", "Consult the examiner" },
    { "third-reviewer", "Refer to a third reviewer" },
    { "final", "Final: not confirmed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i][0], resolution))
      return labels[i][1];
  return resolution;
}

/* A third reviewer decides; a reviewer may refer to one. */
static void
fill_resolutions (LkVerificationDialog *self)
{
  gboolean third = g_strcmp0 (lk_verification_get_stage (self->verification),
                              "third-review") == 0;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char * const *all = lk_verification_resolutions ();

  for (guint i = 0; all[i] != NULL; i++)
    {
      if (g_str_equal (all[i], third ? "third-reviewer" : "final"))
        continue;
      g_ptr_array_add (self->resolutions, (gpointer) all[i]);
      gtk_string_list_append (labels, resolution_label (all[i]));
    }
  adw_combo_row_set_model (self->resolution_row, G_LIST_MODEL (labels));
}

static gboolean
note_required (LkVerificationDialog *self)
{
  return self->mode != LK_VERIFICATION_DIALOG_COUNTERSIGN;
}

static gboolean
has_text (GtkEditable *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  return text[0] != '\0';
}

static void
update_sign_button (LkVerificationDialog *self)
{
  gboolean busy = gtk_widget_get_visible (GTK_WIDGET (self->spinner));

  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_button),
                            !busy && has_text (GTK_EDITABLE (self->password_row)) &&
                            (!note_required (self) || has_text (GTK_EDITABLE (self->note_row))));
}

static void
set_busy (LkVerificationDialog *self,
          gboolean              busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  update_sign_button (self);
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LkVerificationDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->mode == LK_VERIFICATION_DIALOG_COUNTERSIGN)
    ok = lk_verifications_countersign_finish (result, &error);
  else if (self->mode == LK_VERIFICATION_DIALOG_DISAGREE)
    ok = lk_verifications_disagree_finish (result, &error);
  else
    ok = lk_verifications_add_consultation_note_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (!ok)
    {
      lk_label_set_message (self->message_label, error->message);
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }
  g_signal_emit (self, signals[SIGNED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_sign (LkVerificationDialog *self)
{
  gint64 id = lk_verification_get_id (self->verification);
  g_autofree char *note =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  guint i = adw_combo_row_get_selected (self->resolution_row);

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->sign_button)))
    return;
  lk_label_set_message (self->message_label, NULL);
  set_busy (self, TRUE);
  if (self->mode == LK_VERIFICATION_DIALOG_COUNTERSIGN)
    lk_verifications_countersign_async (self->session, id, note[0] ? note : NULL, password,
                                        self->cancellable, on_done, g_object_ref (self));
  else if (self->mode == LK_VERIFICATION_DIALOG_DISAGREE)
    lk_verifications_disagree_async (self->session, id,
                                     i < self->resolutions->len
                                       ? g_ptr_array_index (self->resolutions, i) : "return",
                                     note, password, self->cancellable, on_done,
                                     g_object_ref (self));
  else
    lk_verifications_add_consultation_note_async (self->session, id, note, password,
                                                  self->cancellable, on_done,
                                                  g_object_ref (self));
}

static void
lk_verification_dialog_dispose (GObject *object)
{
  LkVerificationDialog *self = LK_VERIFICATION_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_VERIFICATION_DIALOG);
  G_OBJECT_CLASS (lk_verification_dialog_parent_class)->dispose (object);
}

static void
lk_verification_dialog_finalize (GObject *object)
{
  LkVerificationDialog *self = LK_VERIFICATION_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->verification);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->resolutions, g_ptr_array_unref);
  G_OBJECT_CLASS (lk_verification_dialog_parent_class)->finalize (object);
}

static void
lk_verification_dialog_class_init (LkVerificationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_verification_dialog_dispose;
  object_class->finalize = lk_verification_dialog_finalize;

  signals[SIGNED] = g_signal_new ("signed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-verification-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LkVerificationDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationDialog, sign_button);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationDialog, resolution_row);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationDialog, password_row);
  gtk_widget_class_bind_template_callback (widget_class, on_sign);
  gtk_widget_class_bind_template_callback (widget_class, update_sign_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lk_verification_dialog_init (LkVerificationDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->resolutions = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Title, button, explanation and the note's name, by mode. */
static void
set_mode (LkVerificationDialog     *self,
          LkVerificationDialogMode  mode)
{
  static const char * const text[][4] = {
    { "Countersign", "_Countersign",
      "Your countersignature confirms the examiner's conclusion. It is final: it cannot be "
      "changed afterwards.", "Note (optional)" },
    { "Record Disagreement", "_Record",
      "You do not confirm the conclusion as it stands. Choose what happens next: a return lets "
      "the examiner amend it, a consultation has you both sign a note, a third reviewer "
      "decides finally. Both opinions stay on record, signed.",
      "Note for the examiner (required)" },
    { "Consultation Note", "_Sign Note",
      "Record what the consultation found. The examiner and the reviewer each sign their own "
      "note.", "Note (required)" },
  };

  self->mode = mode;
  adw_window_title_set_title (self->window_title, text[mode][0]);
  gtk_button_set_label (self->sign_button, text[mode][1]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sign_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text[mode][0], -1);
  gtk_label_set_text (self->intro_label, text[mode][2]);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->note_row), text[mode][3]);
  gtk_widget_set_visible (GTK_WIDGET (self->resolution_row),
                          mode == LK_VERIFICATION_DIALOG_DISAGREE);
  if (mode == LK_VERIFICATION_DIALOG_DISAGREE)
    gtk_widget_add_css_class (GTK_WIDGET (self->sign_button), "destructive-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->sign_button), "suggested-action");
}

LkVerificationDialog *
lk_verification_dialog_new (LkSession                *session,
                            LkVerification           *verification,
                            LkVerificationDialogMode  mode)
{
  LkVerificationDialog *self;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);
  g_return_val_if_fail (LK_IS_VERIFICATION (verification), NULL);

  self = g_object_new (LK_TYPE_VERIFICATION_DIALOG, NULL);
  self->session = g_object_ref (session);
  self->verification = g_object_ref (verification);
  subtitle = g_strdup_printf ("%s · candidate %s", lk_verification_get_case_number (verification),
                              lk_verification_get_subject_ref (verification));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  fill_resolutions (self);
  set_mode (self, mode);
  update_sign_button (self);
  /* The field that must be filled first: the note where it is required, else the password. */
  gtk_window_set_focus (GTK_WINDOW (self), note_required (self) ? GTK_WIDGET (self->note_row)
                                                                : GTK_WIDGET (self->password_row));
  return self;
}
