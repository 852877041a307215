/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The examination workspace: probe and candidate compared, aligned, enhanced and annotated. */
#include "config.h"

#include "lk-enhance-panel.h"
#include "lk-feature-panel.h"
#include "lk-workspace-private.h"

enum {
  NAVIGATE,
  CONCLUSION_SIGNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkWorkspace, lk_workspace, ADW_TYPE_BIN)

gint64
lk_workspace_get_examination (LkWorkspace *self)
{
  return self->examination_id;
}

gboolean
lk_workspace_get_reviewing (LkWorkspace *self)
{
  g_return_val_if_fail (LK_IS_WORKSPACE (self), FALSE);
  return self->reviewing;
}

LkCompareView *
lk_workspace_get_compare_view (LkWorkspace *self)
{
  return self->compare;
}

gboolean
lk_workspace_is_loaded (LkWorkspace *self)
{
  return self->loaded;
}

/* ---- status line -------------------------------------------------------------------------- */

/* " · probe shown before its Contrast step", or "". */
static char *
describe_before (LkWorkspace *self)
{
  GString *text = g_string_new (NULL);

  for (int i = 0; i < 2; i++)
    {
      LkEnhancementStack *stack = self->stacks[i];
      int step = self->before_step[i];

      if (stack == NULL || step < 0 || (guint) step >= lk_enhancement_stack_get_n_steps (stack))
        continue;
      g_string_append_printf (text, " · %s shown before its %s step",
                              i == 0 ? "probe" : "candidate",
                              lk_enhancement_step_get_label (
                                lk_enhancement_stack_get_step (stack, step)));
    }
  return g_string_free (text, FALSE);
}

void
_lk_workspace_update_status (LkWorkspace *self)
{
  int total = (int) lk_workspace_get_seconds_spent (self);
  g_autofree char *annotations = lk_annotator_describe (
    self->examination ? lk_examination_get_annotations (self->examination) : NULL);
  const char *alignment = self->aligned ? "Aligned by the eyes"
                          : self->matched ? "Not aligned; faces shown at one size"
                          : "Not aligned";
  const char *chosen = lk_annotator_get_tool (self->annotator);
  gboolean tool = chosen != NULL && !g_str_equal (chosen, "none");
  g_autofree char *before = describe_before (self);
  g_autofree char *text =
    g_strdup_printf ("%s · %s · time on this comparison %d:%02d:%02d%s%s%s", alignment,
                     annotations, total / 3600, total / 60 % 60, total % 60,
                     tool ? " · tool: " : "", tool ? lk_annotator_tool_title (chosen) : "",
                     before);

  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), text);
  gtk_label_set_text (self->conclusion_label, self->conclusion_text);
  gtk_widget_set_visible (GTK_WIDGET (self->conclusion_label), self->conclusion_text != NULL);
}

/* ---- the examination ---------------------------------------------------------------------- */

static void freeze_if_signed (LkWorkspace *self);

void
_lk_workspace_refresh (LkWorkspace *self)
{
  g_autoptr(GError) error = NULL;

  if (!_lk_workspace_reload (self, &error))
    _lk_workspace_problem (self, error->message);
}

gboolean
_lk_workspace_reload (LkWorkspace  *self,
                      GError      **error)
{
  g_autoptr(LkExamination) examination =
    lk_examinations_get_examination (self->session, self->examination_id, error);
  LkEnhancementStack *stacks[2] = { NULL, NULL };

  if (examination == NULL)
    return FALSE;
  for (int i = 0; i < 2; i++)
    if ((stacks[i] = lk_examination_get_enhancements (examination,
                                                      i == 0 ? "probe" : "candidate",
                                                      error)) == NULL)
      {
        g_clear_object (&stacks[0]);
        return FALSE;
      }
  g_set_object (&self->examination, examination);
  /* The time flushed so far is in what was read. */
  self->flushed_seconds = 0;
  for (int i = 0; i < 2; i++)
    {
      g_clear_object (&self->stacks[i]);
      self->stacks[i] = stacks[i];
    }
  freeze_if_signed (self);
  _lk_workspace_update_actions (self);
  lk_annotator_set_annotations (self->annotator, lk_examination_get_annotations (examination));
  _lk_workspace_update_status (self);
  return TRUE;
}

void
_lk_workspace_read_alignment (LkWorkspace *self)
{
  graphene_matrix_t m;
  LkSimilarity t;

  self->aligned = lk_examination_get_alignment (self->examination, &self->alignment);
  _lk_workspace_display_transform (self, &t);
  graphene_matrix_init_from_2d (&m, t.a, t.b, -t.b, t.a, t.tx, t.ty);
  lk_image_view_set_transform (_lk_workspace_view_of (self, 1), &m);
  _lk_workspace_update_actions (self);
  _lk_workspace_update_status (self);
}

/* ---- alignment ---------------------------------------------------------------------------- */

void
_lk_workspace_apply_alignment (LkWorkspace *self)
{
  g_autoptr(GError) error = NULL;

  if (!lk_examinations_set_alignment (self->session, self->examination_id, self->eyes[0],
                                      self->eyes[1], &error) ||
      !_lk_workspace_reload (self, &error))
    {
      _lk_workspace_problem (self, error->message);
      return;
    }
  _lk_workspace_read_alignment (self);
  _lk_workspace_refresh_difference (self);
  _lk_workspace_update_status (self);
}

static void
on_eyes_moved (LkWorkspace *self)
{
  lk_compare_view_get_eye_markers (self->compare, self->eyes[0], self->eyes[1]);
  _lk_workspace_apply_alignment (self);
}

/* ---- modes -------------------------------------------------------------------------------- */

static GtkToggleButton *
mode_button (LkWorkspace *self,
             const char  *mode)
{
  GtkToggleButton *buttons[] = { self->side_button, self->overlay_button, self->wipe_button,
                                 self->flicker_button, self->difference_button };
  static const char * const names[] = { "side-by-side", "overlay", "wipe", "flicker",
                                        "difference" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i], mode))
      return buttons[i];
  return NULL;
}

static void
on_compare_mode (LkWorkspace *self)
{
  const char *mode = lk_compare_view_get_mode (self->compare);
  GtkToggleButton *button = mode_button (self, mode);

  if (button != NULL && !gtk_toggle_button_get_active (button))
    gtk_toggle_button_set_active (button, TRUE);
  gtk_widget_set_visible (self->opacity_box, g_str_equal (mode, "overlay"));
  gtk_widget_set_visible (self->wipe_box, g_str_equal (mode, "wipe"));
  gtk_widget_set_visible (self->flicker_box, g_str_equal (mode, "flicker"));
  gtk_widget_set_visible (self->difference_box, g_str_equal (mode, "difference"));
  /* A difference of images that do not line up shows mostly the misalignment. */
  if (g_str_equal (mode, "difference") && !self->aligned)
    lk_toast (GTK_WIDGET (self), "Not aligned by the eyes: the difference shows mostly the "
              "misalignment. Align them by the eyes first");
  _lk_workspace_refresh_difference (self);
}

static void
on_mode_toggled (LkWorkspace     *self,
                 GtkToggleButton *button)
{
  static const char * const names[] = { "side-by-side", "overlay", "wipe", "flicker",
                                        "difference" };
  GtkToggleButton *buttons[] = { self->side_button, self->overlay_button, self->wipe_button,
                                 self->flicker_button, self->difference_button };

  if (!gtk_toggle_button_get_active (button))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (buttons[i] == button)
      lk_compare_view_set_mode (self->compare, names[i]);
}

/* The side panels' widths; both open only where the images still keep half the width. */
#define FEATURES_WIDTH 380
#define ENHANCE_WIDTH 360

/* Shows or hides side panel @which: 0 the feature comparison, 1 the enhancements. On a narrow
 * window opening one closes the other. */
void
_lk_workspace_show_side_panel (LkWorkspace *self,
                               int          which,
                               gboolean     shown)
{
  GtkRevealer *revealers[2] = { self->features_revealer, self->enhance_revealer };
  GtkToggleButton *buttons[2] = { self->features_button, self->enhance_button };
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  gboolean both_fit = width - FEATURES_WIDTH - ENHANCE_WIDTH >= width / 2;

  gtk_revealer_set_reveal_child (revealers[which], shown);
  gtk_toggle_button_set_active (buttons[which], shown);
  if (shown && !both_fit)
    {
      gtk_revealer_set_reveal_child (revealers[1 - which], FALSE);
      gtk_toggle_button_set_active (buttons[1 - which], FALSE);
    }
}

/* ---- annotations -------------------------------------------------------------------------- */

/* What acts on the selected annotations needs some selected, and an unsigned examination. */
static void
update_selection_actions (LkWorkspace *self)
{
  static const char * const actions[] = {
    "workspace.delete-annotation", "workspace.link-annotation", "workspace.label-annotation",
  };
  gboolean frozen = self->examination != NULL && lk_examination_get_signed (self->examination);
  guint n = 0;

  lk_compare_view_get_selected (self->compare, &n);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], n > 0 && !frozen);
}

/* With no tool chosen, a drag on an annotation moves it, until the conclusion is signed. */
void
_lk_workspace_update_movable (LkWorkspace *self)
{
  lk_annotator_set_frozen (self->annotator, self->examination != NULL &&
                                            lk_examination_get_signed (self->examination));
}

/* ---- annotations and characteristics, both ways ------------------------------------------- */

/* An annotation clicked with no tool opens the characteristic it is linked to. */
static void
on_characteristic_chosen (LkWorkspace *self,
                          const char  *characteristic)
{
  if (self->features == NULL)
    return;
  _lk_workspace_show_side_panel (self, 0, TRUE);
  lk_feature_panel_show (LK_FEATURE_PANEL (self->features), characteristic);
}

static void
add_features (LkWorkspace *self)
{
  g_autoptr(GError) error = NULL;

  self->features = lk_feature_panel_new (self->session, self->examination_id,
                                         lk_examination_get_feature_list (self->examination),
                                         &error);
  if (self->features == NULL)
    {
      _lk_workspace_problem (self, error->message);
      return;
    }
  adw_bin_set_child (self->features_bin, self->features);
  lk_annotator_set_feature_panel (self->annotator, LK_FEATURE_PANEL (self->features));
  gtk_toggle_button_set_active (self->features_button, TRUE);
  _lk_workspace_read_conclusion (self);
}

/* ---- frozen with the signed conclusion ---------------------------------------------------- */

/* The actions that change the annotations or the alignment. */
static const char * const charting_actions[] = {
  "workspace.tool", "workspace.undo-annotation", "workspace.delete-annotation", "workspace.align",
  "workspace.reset-alignment", "workspace.link-annotation", "workspace.label-annotation",
};

/* Once a conclusion is signed the core refuses changes to the annotations, the alignment and
 * the enhancements it rests on: their tools are disabled rather than left to fail. What was
 * charted stays on view. */
static void
freeze_if_signed (LkWorkspace *self)
{
  gboolean frozen = lk_examination_get_signed (self->examination);

  if (frozen && g_strcmp0 (lk_annotator_get_tool (self->annotator), "none") != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "workspace.tool", "s", "none");
  if (frozen)
    lk_compare_view_set_eye_markers (self->compare, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (charting_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), charting_actions[i], !frozen);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tool_button), !frozen);
  for (int i = 0; i < 2; i++)
    gtk_widget_set_sensitive (self->panels[i], !frozen);
  _lk_workspace_update_movable (self);
  update_selection_actions (self);
}

/* Actions are offered only when they can work: a newest annotation to remove, eyes found on
 * both images to align by, an alignment to reset; none once the conclusion is signed. */
void
_lk_workspace_update_actions (LkWorkspace *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean frozen = self->examination != NULL && lk_examination_get_signed (self->examination);
  GListModel *annotations = self->examination != NULL
    ? lk_examination_get_annotations (self->examination) : NULL;
  gboolean any = annotations != NULL && g_list_model_get_n_items (annotations) > 0;

  gtk_widget_action_set_enabled (widget, "workspace.undo-annotation", any && !frozen);
  gtk_widget_action_set_enabled (widget, "workspace.reset-alignment", self->aligned && !frozen);
  gtk_widget_action_set_enabled (widget, "workspace.align",
                                 self->have_eyes[0] && self->have_eyes[1] && !frozen);
}

/* ---- navigation --------------------------------------------------------------------------- */

void
_lk_workspace_navigate (LkWorkspace *self,
                        int          step)
{
  g_autoptr(GListModel) retained = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  /* A reviewer examines one candidate, not the list (the core refuses it to them). */
  if (self->reviewing)
    return;
  retained = lk_examinations_retained (self->session, self->probe_id, &error);
  if (retained == NULL)
    {
      lk_show_error (GTK_WIDGET (self), "Cannot Go to Another Candidate", error->message);
      return;
    }
  n = g_list_model_get_n_items (retained);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkCandidate) c = g_list_model_get_item (retained, i);
      g_autoptr(LkCandidate) next = NULL;

      if (lk_candidate_get_id (c) != self->candidate_id)
        continue;
      next = g_list_model_get_item (retained, (i + n + step) % n);
      if (lk_candidate_get_id (next) != self->candidate_id)
        g_signal_emit (self, signals[NAVIGATE], 0, lk_candidate_get_id (next));
      return;
    }
}

/* ---- object ------------------------------------------------------------------------------- */

static void
lk_workspace_dispose (GObject *object)
{
  LkWorkspace *self = LK_WORKSPACE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->clock, g_source_remove);
  g_clear_handle_id (&self->zoom_idle, g_source_remove);
  if (self->session != NULL)
    _lk_workspace_flush_time (self);
  g_clear_object (&self->annotator);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_WORKSPACE);
  G_OBJECT_CLASS (lk_workspace_parent_class)->dispose (object);
}

static void
lk_workspace_finalize (GObject *object)
{
  LkWorkspace *self = LK_WORKSPACE (object);

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_progress);
  for (int i = 0; i < 2; i++)
    {
      g_clear_pointer (&self->originals[i], lk_pyramid_unref);
      g_clear_object (&self->stacks[i]);
    }
  g_clear_object (&self->examination);
  g_free (self->conclusion_text);
  G_OBJECT_CLASS (lk_workspace_parent_class)->finalize (object);
}

static void
lk_workspace_class_init (LkWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_workspace_dispose;
  object_class->finalize = lk_workspace_finalize;

  signals[NAVIGATE] = g_signal_new ("navigate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[CONCLUSION_SIGNED] = g_signal_new ("conclusion-signed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                             0);

  g_type_ensure (LK_TYPE_COMPARE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, LK_RESOURCE_PATH "/lk-workspace.ui");
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, title_label);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, status_label);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, conclusion_label);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, previous_button);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, next_button);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, blind_banner);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, verification_box);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, verification_label);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, submit_button);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, side_button);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, overlay_button);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, wipe_button);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, flicker_button);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, difference_button);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, lock_button);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, difference_box);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, gain_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, legend_label);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, opacity_box);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, wipe_box);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, flicker_box);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, opacity_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, wipe_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, flicker_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, vertical_button);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, tool_button);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, annotations_button);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, enhance_button);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, features_button);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, features_revealer);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, features_bin);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, stack);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, loading_page);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, compare);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, enhance_revealer);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, toolbar_scroll);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, enhance_scroll);
  gtk_widget_class_bind_template_child (widget_class, LkWorkspace, enhance_box);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled);

  _lk_workspace_class_actions_init (widget_class);
  _lk_workspace_class_view_init (widget_class);
  _lk_workspace_class_verification_init (widget_class);
}

static void
bind_controls (LkWorkspace *self)
{
  GBindingFlags both = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;

  g_object_bind_property (self->compare, "opacity", self->opacity_adjustment, "value", both);
  g_object_bind_property (self->compare, "wipe-position", self->wipe_adjustment, "value", both);
  g_object_bind_property (self->compare, "flicker-rate", self->flicker_adjustment, "value",
                          both);
  g_object_bind_property (self->compare, "wipe-vertical", self->vertical_button, "active",
                          both);
  g_object_bind_property (self->compare, "locked", self->lock_button, "active", both);
  g_object_bind_property (self->compare, "difference-gain", self->gain_adjustment, "value",
                          both);
  g_object_bind_property (self->compare, "show-annotations", self->annotations_button, "active",
                          both);
  g_signal_connect_object (self->compare, "notify::mode", G_CALLBACK (on_compare_mode), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare, "selection-changed",
                           G_CALLBACK (update_selection_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare, "eyes-moved", G_CALLBACK (on_eyes_moved), self,
                           G_CONNECT_SWAPPED);
}

static void
add_panels (LkWorkspace *self)
{
  for (int i = 0; i < 2; i++)
    {
      self->panels[i] = lk_enhance_panel_new ();
      lk_enhance_panel_set_title (LK_ENHANCE_PANEL (self->panels[i]),
                                  i == 0 ? "Probe" : "Candidate");
      g_signal_connect_object (self->panels[i], "stack-changed",
                               G_CALLBACK (_lk_workspace_on_stack_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->panels[i], "before-step-changed",
                               G_CALLBACK (_lk_workspace_on_before_step), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (self->enhance_box, self->panels[i]);
    }
}

/* What a screen reader says for the containers that would otherwise be read by class. */
static void
name_for_screen_readers (LkWorkspace *self)
{
  GtkScrolledWindow *windows[] = { self->toolbar_scroll, self->enhance_scroll };
  static const char * const names[] = { "Scroll the tools", "Scroll the enhancement stacks" };

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Examination workspace", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_stack_get_page (
                                    self->stack, GTK_WIDGET (self->loading_page))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Opening the images", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_stack_get_page (
                                    self->stack, gtk_stack_get_child_by_name (self->stack,
                                                                              "compare"))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Probe and candidate", -1);
  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_scrolled_window_get_hscrollbar (
                                        windows[i])),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, names[i], -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_scrolled_window_get_vscrollbar (
                                        windows[i])),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, names[i], -1);
    }
}

static void
lk_workspace_init (LkWorkspace *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->annotator = lk_annotator_new (self->compare, &lk_annotation_store_examination);
  g_signal_connect_object (self->annotator, "changed", G_CALLBACK (_lk_workspace_refresh), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->annotator, "characteristic-chosen",
                           G_CALLBACK (on_characteristic_chosen), self, G_CONNECT_SWAPPED);
  lk_label_stack_pages (self->stack);
  name_for_screen_readers (self);
  bind_controls (self);
  add_panels (self);
  on_compare_mode (self);
  self->before_step[0] = self->before_step[1] = -1;
  _lk_workspace_start_clock (self);
  _lk_workspace_watch_zoom (self);
}

static void
fill_title (LkWorkspace *self)
{
  g_autofree char *title =
    g_strdup_printf ("Probe %" G_GINT64_FORMAT " and candidate %s",
                     self->probe_id,
                     lk_examination_get_subject_ref (self->examination));

  gtk_label_set_text (self->title_label, title);
}

void
_lk_workspace_emit_signed (LkWorkspace *self)
{
  g_signal_emit (self, signals[CONCLUSION_SIGNED], 0);
}

/* A reviewer's own examination: no way through the candidate list (the blind banner is
 * _lk_workspace_update_verification's). */
static void
show_purpose (LkWorkspace *self)
{
  self->reviewing = g_strcmp0 (lk_examination_get_purpose (self->examination),
                               "verification") == 0;
  gtk_widget_set_visible (self->previous_button, !self->reviewing);
  gtk_widget_set_visible (self->next_button, !self->reviewing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.previous", !self->reviewing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.next", !self->reviewing);
}

static LkWorkspace *
finish_new (LkWorkspace  *self,
            GError      **error)
{
  lk_annotator_set_owner (self->annotator, self->session, self->examination_id);
  if (self->examination_id == 0 || !_lk_workspace_reload (self, error))
    {
      g_object_unref (g_object_ref_sink (self));
      return NULL;
    }
  self->probe_id = lk_examination_get_probe_id (self->examination);
  self->candidate_id = lk_examination_get_candidate_id (self->examination);
  show_purpose (self);
  fill_title (self);
  add_features (self);
  for (int i = 0; i < 2; i++)
    lk_enhance_panel_set_stack (LK_ENHANCE_PANEL (self->panels[i]),
                                _lk_workspace_stack_of (self, i));
  _lk_workspace_load_images (self);
  _lk_workspace_update_verification (self);
  return self;
}

LkWorkspace *
lk_workspace_new (LkSession  *session,
                  gint64      candidate_id,
                  GError    **error)
{
  LkWorkspace *self = g_object_new (LK_TYPE_WORKSPACE, NULL);

  self->session = g_object_ref (session);
  self->examination_id = lk_examinations_open (session, candidate_id, error);
  return finish_new (self, error);
}

LkWorkspace *
lk_workspace_new_for_examination (LkSession  *session,
                                  gint64      examination_id,
                                  GError    **error)
{
  LkWorkspace *self = g_object_new (LK_TYPE_WORKSPACE, NULL);

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);
  g_return_val_if_fail (examination_id > 0, NULL);

  self->session = g_object_ref (session);
  self->examination_id = examination_id;
  return finish_new (self, error);
}
