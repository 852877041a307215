/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The analysis form: the template holds the layout, the rows of checks come from the core's
 * vocabulary and feature list. */
#include "config.h"

#include "lk-analysis-form.h"
#include "lk-core.h"
#include "lk-ui-util.h"

struct _LkAnalysisForm
{
  AdwBin          parent_instance;

  GPtrArray      *suitability_checks;
  GPtrArray      *factor_checks;
  GPtrArray      *component_checks;
  const char     *suitability;    /* owned by its check */
  gboolean        amending;

  GtkListBox     *suitability_list;
  GtkListBox     *factors_list;
  AdwExpanderRow *components_row;
  GtkTextView    *notes_view;
  GtkWidget      *amend_group;
  AdwEntryRow    *reason_row;
  GtkLabel       *message_label;
  GtkWidget      *cancel_amend_button;
  GtkWidget      *save_draft_button;
  GtkWidget      *lock_button;
  GtkWidget      *lock_amendment_button;
};

enum {
  PROP_0,
  PROP_AMENDING,
  PROP_SUITABILITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LkAnalysisForm, lk_analysis_form, ADW_TYPE_BIN)

/* ---- the rows of checks ------------------------------------------------------------------- */

static const char *
check_id (gpointer check)
{
  return g_object_get_data (G_OBJECT (check), "lk-id");
}

static GtkWidget *
check_row_new (const char     *id,
               const char     *title,
               const char     *subtitle,
               GtkCheckButton *group,
               GPtrArray      *checks)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  g_object_set_data_full (G_OBJECT (check), "lk-id", g_strdup (id), g_free);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_ptr_array_add (checks, check);
  return row;
}

static const char *
suitability_hint (const char *id)
{
  if (g_str_equal (id, "suitable"))
    return "Enough detail for a comparison";
  if (g_str_equal (id, "limited"))
    return "A comparison is possible with stated limitations";
  return "Closes the probe: no candidate is examined";
}

static GStrv
checked_ids (GPtrArray *checks)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      g_strv_builder_add (builder, check_id (g_ptr_array_index (checks, i)));
  return g_strv_builder_end (builder);
}

static void
set_checks (GPtrArray          *checks,
            const char * const *ids)
{
  for (guint i = 0; i < checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (checks, i),
                                 ids != NULL && g_strv_contains (ids, check_id (
                                                  g_ptr_array_index (checks, i))));
}

static void
on_suitability_toggled (LkAnalysisForm *self)
{
  const char *chosen = NULL;

  for (guint i = 0; i < self->suitability_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->suitability_checks, i)))
      chosen = check_id (g_ptr_array_index (self->suitability_checks, i));
  if (chosen == self->suitability)
    return;
  self->suitability = chosen;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUITABILITY]);
}

static void
update_components_subtitle (LkAnalysisForm *self)
{
  g_auto(GStrv) components = checked_ids (self->component_checks);
  g_autofree char *subtitle = g_strdup_printf ("%u of %u marked as visible",
                                               g_strv_length (components),
                                               self->component_checks->len);

  adw_expander_row_set_subtitle (self->components_row, subtitle);
}

static void
add_checks (LkAnalysisForm *self)
{
  const char * const *suitabilities = lk_vocabulary_suitabilities ();
  const char * const *factors = lk_vocabulary_factors ();
  const char * const *components = lk_feature_list_component_ids ();
  GtkCheckButton *group = NULL;

  for (guint i = 0; suitabilities[i] != NULL; i++)
    {
      gtk_list_box_append (self->suitability_list,
                           check_row_new (suitabilities[i], lk_vocabulary_label (suitabilities[i]),
                                          suitability_hint (suitabilities[i]), group,
                                          self->suitability_checks));
      group = g_ptr_array_index (self->suitability_checks, 0);
    }
  for (guint i = 0; factors[i] != NULL; i++)
    gtk_list_box_append (self->factors_list,
                         check_row_new (factors[i], lk_vocabulary_label (factors[i]), NULL, NULL,
                                        self->factor_checks));
  for (guint i = 0; components[i] != NULL; i++)
    adw_expander_row_add_row (self->components_row,
                              check_row_new (components[i],
                                             lk_feature_list_component_name (components[i]),
                                             NULL, NULL, self->component_checks));
  for (guint i = 0; i < self->suitability_checks->len; i++)
    g_signal_connect_swapped (g_ptr_array_index (self->suitability_checks, i), "toggled",
                              G_CALLBACK (on_suitability_toggled), self);
  for (guint i = 0; i < self->component_checks->len; i++)
    g_signal_connect_swapped (g_ptr_array_index (self->component_checks, i), "toggled",
                              G_CALLBACK (update_components_subtitle), self);
  update_components_subtitle (self);
}

static void
set_all_components (LkAnalysisForm *self,
                    gboolean        active)
{
  for (guint i = 0; i < self->component_checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->component_checks, i), active);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  set_all_components (LK_ANALYSIS_FORM (widget), TRUE);
}

static void
clear_components_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  set_all_components (LK_ANALYSIS_FORM (widget), FALSE);
}

/* ---- public ------------------------------------------------------------------------------- */

GtkWidget *
lk_analysis_form_new (void)
{
  return g_object_new (LK_TYPE_ANALYSIS_FORM, NULL);
}

void
lk_analysis_form_set_analysis (LkAnalysisForm  *self,
                               LkProbeAnalysis *analysis)
{
  const char *suitability = NULL;
  const char *notes = NULL;

  g_return_if_fail (LK_IS_ANALYSIS_FORM (self));
  g_return_if_fail (analysis == NULL || LK_IS_PROBE_ANALYSIS (analysis));

  if (analysis != NULL)
    {
      suitability = lk_probe_analysis_get_suitability (analysis);
      notes = lk_probe_analysis_get_notes (analysis);
    }
  for (guint i = 0; i < self->suitability_checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->suitability_checks, i),
                                 g_strcmp0 (suitability,
                                            check_id (g_ptr_array_index (self->suitability_checks,
                                                                         i))) == 0);
  set_checks (self->factor_checks,
              analysis != NULL ? lk_probe_analysis_get_factors (analysis) : NULL);
  set_checks (self->component_checks,
              analysis != NULL ? lk_probe_analysis_get_components (analysis) : NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            notes != NULL ? notes : "", -1);
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), "");
  lk_label_set_message (self->message_label, NULL);
}

gboolean
lk_analysis_form_get_amending (LkAnalysisForm *self)
{
  g_return_val_if_fail (LK_IS_ANALYSIS_FORM (self), FALSE);
  return self->amending;
}

void
lk_analysis_form_set_amending (LkAnalysisForm *self,
                               gboolean        amending)
{
  g_return_if_fail (LK_IS_ANALYSIS_FORM (self));

  amending = !!amending;
  gtk_widget_set_visible (self->amend_group, amending);
  gtk_widget_set_visible (self->cancel_amend_button, amending);
  gtk_widget_set_visible (self->lock_amendment_button, amending);
  gtk_widget_set_visible (self->save_draft_button, !amending);
  gtk_widget_set_visible (self->lock_button, !amending);
  if (self->amending == amending)
    return;
  self->amending = amending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AMENDING]);
}

const char *
lk_analysis_form_get_suitability (LkAnalysisForm *self)
{
  g_return_val_if_fail (LK_IS_ANALYSIS_FORM (self), NULL);
  return self->suitability;
}

GStrv
lk_analysis_form_dup_factors (LkAnalysisForm *self)
{
  g_return_val_if_fail (LK_IS_ANALYSIS_FORM (self), NULL);
  return checked_ids (self->factor_checks);
}

GStrv
lk_analysis_form_dup_components (LkAnalysisForm *self)
{
  g_return_val_if_fail (LK_IS_ANALYSIS_FORM (self), NULL);
  return checked_ids (self->component_checks);
}

char *
lk_analysis_form_dup_notes (LkAnalysisForm *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (LK_IS_ANALYSIS_FORM (self), NULL);

  buffer = gtk_text_view_get_buffer (self->notes_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

const char *
lk_analysis_form_get_reason (LkAnalysisForm *self)
{
  g_return_val_if_fail (LK_IS_ANALYSIS_FORM (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->reason_row));
}

void
lk_analysis_form_focus_reason (LkAnalysisForm *self)
{
  g_return_if_fail (LK_IS_ANALYSIS_FORM (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));
}

void
lk_analysis_form_set_message (LkAnalysisForm *self,
                              const char     *message)
{
  g_return_if_fail (LK_IS_ANALYSIS_FORM (self));
  lk_label_set_message (self->message_label, message);
}

/* ---- object ------------------------------------------------------------------------------- */

static void
lk_analysis_form_dispose (GObject *object)
{
  LkAnalysisForm *self = LK_ANALYSIS_FORM (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_ANALYSIS_FORM);
  self->suitability = NULL;
  G_OBJECT_CLASS (lk_analysis_form_parent_class)->dispose (object);
}

static void
lk_analysis_form_finalize (GObject *object)
{
  LkAnalysisForm *self = LK_ANALYSIS_FORM (object);

  g_clear_pointer (&self->suitability_checks, g_ptr_array_unref);
  g_clear_pointer (&self->factor_checks, g_ptr_array_unref);
  g_clear_pointer (&self->component_checks, g_ptr_array_unref);
  G_OBJECT_CLASS (lk_analysis_form_parent_class)->finalize (object);
}

static void
lk_analysis_form_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LkAnalysisForm *self = LK_ANALYSIS_FORM (object);

  switch (prop_id)
    {
    case PROP_AMENDING:
      g_value_set_boolean (value, self->amending);
      break;
    case PROP_SUITABILITY:
      g_value_set_string (value, self->suitability);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_analysis_form_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LkAnalysisForm *self = LK_ANALYSIS_FORM (object);

  switch (prop_id)
    {
    case PROP_AMENDING:
      lk_analysis_form_set_amending (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_analysis_form_class_init (LkAnalysisFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_analysis_form_dispose;
  object_class->finalize = lk_analysis_form_finalize;
  object_class->get_property = lk_analysis_form_get_property;
  object_class->set_property = lk_analysis_form_set_property;

  properties[PROP_AMENDING] =
    g_param_spec_boolean ("amending", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUITABILITY] =
    g_param_spec_string ("suitability", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-analysis-form.ui");
  gtk_widget_class_bind_template_child (widget_class, LkAnalysisForm, suitability_list);
  gtk_widget_class_bind_template_child (widget_class, LkAnalysisForm, factors_list);
  gtk_widget_class_bind_template_child (widget_class, LkAnalysisForm, components_row);
  gtk_widget_class_bind_template_child (widget_class, LkAnalysisForm, notes_view);
  gtk_widget_class_bind_template_child (widget_class, LkAnalysisForm, amend_group);
  gtk_widget_class_bind_template_child (widget_class, LkAnalysisForm, reason_row);
  gtk_widget_class_bind_template_child (widget_class, LkAnalysisForm, message_label);
  gtk_widget_class_bind_template_child (widget_class, LkAnalysisForm, cancel_amend_button);
  gtk_widget_class_bind_template_child (widget_class, LkAnalysisForm, save_draft_button);
  gtk_widget_class_bind_template_child (widget_class, LkAnalysisForm, lock_button);
  gtk_widget_class_bind_template_child (widget_class, LkAnalysisForm, lock_amendment_button);

  gtk_widget_class_install_action (widget_class, "analysis-form.select-all-components", NULL,
                                   select_all_action);
  gtk_widget_class_install_action (widget_class, "analysis-form.clear-components", NULL,
                                   clear_components_action);
}

static void
lk_analysis_form_init (LkAnalysisForm *self)
{
  self->suitability_checks = g_ptr_array_new ();
  self->factor_checks = g_ptr_array_new ();
  self->component_checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  add_checks (self);
}
