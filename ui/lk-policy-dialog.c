/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Change one policy setting, with the reason the audit trail records. */
#include "config.h"

#include "lk-policy-dialog.h"
#include "lk-policy-value.h"
#include "lk-ui-util.h"

typedef enum
{
  INPUT_TEXT,
  INPUT_SCALE,
  INPUT_SWITCH,
  INPUT_KINDS,
  INPUT_SEVERITY,
} Input;

static const char * const severities[] = { LK_SEVERITY_WARN, LK_SEVERITY_REFUSE, NULL };

struct _LkPolicyDialog
{
  AdwWindow             parent_instance;

  LkSession            *session;
  const LkPolicyKey    *def;
  Input                 input;
  GPtrArray            *kind_checks;
  GtkFileChooserNative *chooser;

  AdwWindowTitle       *window_title;
  GtkButton            *accept_button;
  GtkLabel             *message_label;
  GtkLabel             *description_label;
  GtkLabel             *current_label;
  AdwPreferencesGroup  *value_group;
  AdwEntryRow          *value_row;
  GtkButton            *browse_button;
  AdwComboRow          *scale_row;
  AdwComboRow          *severity_row;
  AdwActionRow         *scores_row;
  GtkSwitch            *scores_switch;
  AdwEntryRow          *reason_row;
};

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkPolicyDialog, lk_policy_dialog, ADW_TYPE_WINDOW)

/* ---- the value as entered ---------------------------------------------------------------- */

static char *
checked_kinds (LkPolicyDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kinds = NULL;

  for (guint i = 0; i < self->kind_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->kind_checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, gtk_widget_get_name (GTK_WIDGET (check)));
    }
  kinds = g_strv_builder_end (builder);
  return g_strjoinv (",", kinds);
}

static char *
entered_value (LkPolicyDialog *self)
{
  const char * const *scales = lk_scale_names ();
  guint selected;

  switch (self->input)
    {
    case INPUT_SCALE:
      selected = adw_combo_row_get_selected (self->scale_row);
      return g_strdup (selected < g_strv_length ((char **) scales) ? scales[selected] : "");
    case INPUT_SWITCH:
      return g_strdup (gtk_switch_get_active (self->scores_switch) ? "1" : "0");
    case INPUT_SEVERITY:
      selected = adw_combo_row_get_selected (self->severity_row);
      return g_strdup (selected < G_N_ELEMENTS (severities) - 1 ? severities[selected] : "");
    case INPUT_KINDS:
      return checked_kinds (self);
    case INPUT_TEXT:
    default:
      return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->value_row))));
    }
}

/* ---- applying ---------------------------------------------------------------------------- */

static void
fail (LkPolicyDialog *self,
      const char     *message)
{
  lk_label_set_message (self->message_label, message);
}

static void
on_accept (LkPolicyDialog *self)
{
  g_autofree char *value = entered_value (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *current = lk_policy_get_string (lk_session_get_store (self->session),
                                                   self->def->key, &error);

  if (current == NULL)
    {
      fail (self, error->message);
      return;
    }
  if (g_strcmp0 (value, current) == 0)
    {
      fail (self, "This is already the current value. Choose another value, or cancel.");
      return;
    }
  if (!lk_policy_set (self->session, self->def->key, value,
                      gtk_editable_get_text (GTK_EDITABLE (self->reason_row)), &error))
    {
      fail (self, error->message);
      return;
    }
  g_signal_emit (self, signals[DONE], 0, self->def->key);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_file_chosen (LkPolicyDialog *self,
                int             response)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->value_row), path);
}

static void
on_browse (LkPolicyDialog *self)
{
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new ("Choose the Model File", GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, "_Choose",
                                               "_Cancel");
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- the input each setting needs -------------------------------------------------------- */

static void
set_up_scale (LkPolicyDialog *self,
              const char     *current)
{
  const char * const *names = lk_scale_names ();
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      /* Every listed name is a shipped scale; the name alone would still do. */
      const LkScale *scale = lk_scale_lookup (names[i], NULL);
      g_autofree char *title = g_strdup_printf ("%s (%s)", scale ? scale->title : names[i],
                                                names[i]);

      gtk_string_list_append (titles, title);
    }
  adw_combo_row_set_model (self->scale_row, G_LIST_MODEL (titles));
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], current))
      adw_combo_row_set_selected (self->scale_row, i);
  gtk_widget_set_visible (GTK_WIDGET (self->scale_row), TRUE);
}

static void
set_up_severity (LkPolicyDialog *self,
                 const char     *current)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

  for (guint i = 0; severities[i] != NULL; i++)
    gtk_string_list_append (titles, lk_policy_severity_label (severities[i]));
  adw_combo_row_set_model (self->severity_row, G_LIST_MODEL (titles));
  for (guint i = 0; severities[i] != NULL; i++)
    if (g_str_equal (severities[i], current))
      adw_combo_row_set_selected (self->severity_row, i);
  adw_preferences_group_set_description (self->value_group,
                                         "What happens when a conclusion breaks this rule.");
  gtk_widget_set_visible (GTK_WIDGET (self->severity_row), TRUE);
}

static void
set_up_kinds (LkPolicyDialog *self,
              const char     *current)
{
  const char * const *kinds = lk_vocabulary_probe_kinds ();
  g_auto(GStrv) refused = g_strsplit (current, ",", -1);

  for (guint i = 0; refused[i] != NULL; i++)
    g_strstrip (refused[i]);
  adw_preferences_group_set_description (self->value_group,
                                         "Probes of a ticked kind cannot be imported.");
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      const char *label = lk_vocabulary_label (kinds[i]);

      gtk_widget_set_name (check, kinds[i]);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_strv_contains ((const char * const *) refused, kinds[i]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->value_group, row);
      g_ptr_array_add (self->kind_checks, check);
    }
}

static void
set_up_text (LkPolicyDialog *self,
             const char     *current)
{
  gtk_editable_set_text (GTK_EDITABLE (self->value_row), current);
  gtk_widget_set_visible (GTK_WIDGET (self->browse_button),
                          g_str_has_suffix (self->def->key, "_model"));
  gtk_widget_set_visible (GTK_WIDGET (self->value_row), TRUE);
}

static void
set_up_input (LkPolicyDialog *self,
              const char     *current)
{
  if (self->def->type == LK_POLICY_SEVERITY)
    self->input = INPUT_SEVERITY;
  else if (g_str_equal (self->def->key, "conclusion_scale"))
    self->input = INPUT_SCALE;
  else if (g_str_equal (self->def->key, "show_scores"))
    self->input = INPUT_SWITCH;
  else if (g_str_equal (self->def->key, "refused_probe_kinds"))
    self->input = INPUT_KINDS;
  else
    self->input = INPUT_TEXT;

  switch (self->input)
    {
    case INPUT_SCALE:
      set_up_scale (self, current);
      break;
    case INPUT_SWITCH:
      gtk_switch_set_active (self->scores_switch, g_str_equal (current, "1"));
      gtk_widget_set_visible (GTK_WIDGET (self->scores_row), TRUE);
      break;
    case INPUT_KINDS:
      set_up_kinds (self, current);
      break;
    case INPUT_SEVERITY:
      set_up_severity (self, current);
      break;
    case INPUT_TEXT:
    default:
      set_up_text (self, current);
      break;
    }
}

static char *
current_text (LkPolicyDialog *self,
              const char     *current)
{
  const LkPolicyKey *def = self->def;
  g_autofree char *shown = lk_policy_value_format (def, current);
  g_autofree char *fallback = lk_policy_value_format (def, def->fallback);
  g_autofree char *range = NULL;

  if (self->input == INPUT_TEXT && (def->type == LK_POLICY_INT || def->type == LK_POLICY_DOUBLE))
    range = g_strdup_printf (" Allowed from %g to %g.", def->min, def->max);
  if (lk_policy_value_is_default (def, current))
    return g_strdup_printf ("Currently %s, the default.%s", shown, range ? range : "");
  return g_strdup_printf ("Currently %s; the default is %s.%s", shown, fallback,
                          range ? range : "");
}

LkPolicyDialog *
lk_policy_dialog_new (LkSession   *session,
                      const char  *key,
                      GError     **error)
{
  LkPolicyDialog *self;
  const LkPolicyKey *def = lk_policy_key_lookup (key);
  g_autofree char *current = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);
  g_return_val_if_fail (def != NULL, NULL);

  if ((current = lk_policy_get_string (lk_session_get_store (session), key, error)) == NULL)
    return NULL;
  self = g_object_new (LK_TYPE_POLICY_DIALOG, NULL);
  self->session = g_object_ref (session);
  self->def = def;
  set_up_input (self, current);
  text = current_text (self, current);
  adw_window_title_set_subtitle (self->window_title, key);
  gtk_label_set_text (self->description_label, def->description);
  gtk_label_set_text (self->current_label, text);
  return self;
}

/* ---- object ------------------------------------------------------------------------------ */

static void
lk_policy_dialog_dispose (GObject *object)
{
  LkPolicyDialog *self = LK_POLICY_DIALOG (object);

  if (self->chooser != NULL)
    g_signal_handlers_disconnect_by_data (self->chooser, self);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_POLICY_DIALOG);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (lk_policy_dialog_parent_class)->dispose (object);
}

static void
lk_policy_dialog_finalize (GObject *object)
{
  g_ptr_array_unref (LK_POLICY_DIALOG (object)->kind_checks);
  G_OBJECT_CLASS (lk_policy_dialog_parent_class)->finalize (object);
}

static void
lk_policy_dialog_class_init (LkPolicyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_policy_dialog_dispose;
  object_class->finalize = lk_policy_dialog_finalize;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-policy-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LkPolicyDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyDialog, accept_button);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyDialog, description_label);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyDialog, current_label);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyDialog, value_group);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyDialog, value_row);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyDialog, browse_button);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyDialog, severity_row);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyDialog, scores_row);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyDialog, scores_switch);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyDialog, reason_row);
  gtk_widget_class_bind_template_callback (widget_class, on_accept);
  gtk_widget_class_bind_template_callback (widget_class, on_browse);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lk_policy_dialog_init (LkPolicyDialog *self)
{
  self->kind_checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
