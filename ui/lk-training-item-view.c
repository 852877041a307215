/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A trainee's examination of one exercise item, in training mode: the casework comparison
 * view (side by side, overlay, wipe, flicker) and enhancement panels over the pair, the
 * analysis, comparison, feature observations and the conclusion, the time left of the limit,
 * and the feedback once submitted. */
#include "config.h"

#include <math.h>

#include "lk-training-item-view.h"

#include "lk-annotator.h"
#include "lk-compare-view.h"
#include "lk-enhance-panel.h"
#include "lk-feature-panel.h"
#include "lk-ui-util.h"
#include "reference/lk-scale.h"

struct _LkTrainingItemView
{
  AdwBin              parent_instance;

  LkSession          *session;
  LkTrainingExercise *exercise;
  LkTrainingItem     *item;
  const LkScale      *scale;
  GCancellable       *cancellable;

  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  GtkLabel           *time_label;
  guint               tick_source;
  GtkToggleButton    *side_button;
  GtkToggleButton    *overlay_button;
  GtkToggleButton    *wipe_button;
  GtkToggleButton    *flicker_button;
  GtkScale           *opacity_scale;
  GtkToggleButton    *enhance_button;
  GtkRevealer        *enhance_revealer;
  GtkBox             *enhance_box;
  GtkWidget          *panels[2];
  GtkStack           *image_stack;
  AdwStatusPage      *loading_page;
  LkCompareView      *compare;
  LkAnnotator        *annotator;  /* casework's annotation tools, on the attempt's storage */
  GtkMenuButton      *tool_button;
  GtkToggleButton    *annotations_button;
  LkPyramid          *originals[2];
  guint               generation[2];
  GtkTextView        *analysis_view;
  GtkTextView        *comparison_view;
  GtkBox             *features_box;
  GtkWidget          *features;  /* LkFeaturePanel of the attempt */
  AdwPreferencesGroup *conclusion_group;
  AdwComboRow        *level_row;
  AdwEntryRow        *notes_row;
  GtkWidget          *submit_button;
  AdwPreferencesGroup *feedback_group;
  AdwActionRow       *truth_row;
  AdwActionRow       *answer_row;
  AdwActionRow       *time_row;
  AdwActionRow       *truth_notes_row;
  AdwActionRow       *comment_row;
};

G_DEFINE_FINAL_TYPE (LkTrainingItemView, lk_training_item_view, ADW_TYPE_BIN)

enum { SUBMITTED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- images: decoded and enhanced by the core's async image work ------------------------ */

static LkImageView *
view_of (LkTrainingItemView *self,
         int                 which)
{
  return which == 0 ? lk_compare_view_get_probe_view (self->compare)
                    : lk_compare_view_get_candidate_view (self->compare);
}

static void
clear_images (LkTrainingItemView *self)
{
  for (int i = 0; i < 2; i++)
    {
      g_clear_pointer (&self->originals[i], lk_pyramid_unref);
      self->generation[i]++;
      lk_enhance_panel_set_stack (LK_ENHANCE_PANEL (self->panels[i]), NULL);
    }
}

static void restore_enhancements (LkTrainingItemView *self);

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LkTrainingItemView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImagePair) pair = lk_training_images_load_finish (result, &error);

  if (pair == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_title (self->loading_page,
                                     g_error_matches (error, LK_ERROR, LK_ERROR_PURGED)
                                     ? "Purged Under the Retention Policy"
                                     : "The Images Cannot Be Shown");
          adw_status_page_set_description (self->loading_page, error->message);
        }
      return;
    }
  for (int i = 0; i < 2; i++)
    {
      self->originals[i] = lk_pyramid_new_for_image (lk_image_pair_get_pyramid (pair, i));
      lk_image_view_set_pyramid (view_of (self, i), self->originals[i]);
    }
  gtk_stack_set_visible_child_name (self->image_stack, "compare");
  restore_enhancements (self);
}

static void
load_images (LkTrainingItemView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  clear_images (self);
  adw_status_page_set_title (self->loading_page, "Opening the Images");
  adw_status_page_set_description (self->loading_page, NULL);
  gtk_stack_set_visible_child_name (self->image_stack, "loading");
  lk_training_images_load_async (self->session, lk_training_item_get_id (self->item), NULL,
                                 self->cancellable, on_loaded, g_object_ref (self));
}

/* A new item, or a newer stack, makes an older result stale. */
typedef struct
{
  LkTrainingItemView *self;
  int                 which;
  guint               generation;
} Enhancing;

static void
on_enhanced (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Enhancing *e = user_data;
  g_autoptr(LkTrainingItemView) self = e->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImagePyramid) enhanced = lk_image_pyramid_enhance_finish (result, &error);

  if (enhanced == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lk_toast (GTK_WIDGET (self), error->message);
    }
  else if (e->generation == self->generation[e->which])
    {
      g_autoptr(LkPyramid) pyramid = lk_pyramid_new_for_image (enhanced);

      lk_image_view_set_pyramid (view_of (self, e->which), pyramid);
    }
  g_free (e);
}

/* Shows image @which through @stack (enhanced in a worker thread). */
static void
show_stack (LkTrainingItemView *self,
            int                 which,
            LkEnhancementStack *stack)
{
  Enhancing *e;

  if (self->originals[which] == NULL)
    return;
  self->generation[which]++;
  if (stack == NULL || lk_enhancement_stack_get_n_steps (stack) == 0)
    {
      lk_image_view_set_pyramid (view_of (self, which), self->originals[which]);
      return;
    }
  e = g_new0 (Enhancing, 1);
  e->self = g_object_ref (self);
  e->which = which;
  e->generation = self->generation[which];
  lk_image_pyramid_enhance_async (lk_pyramid_get_image (self->originals[which]), 0, stack,
                                  self->cancellable, on_enhanced, e);
}

/* Each change of a stack is saved with the attempt (and audited) until it is submitted;
 * afterwards the trainee may still look through other enhancements, which are not kept. */
static void
on_stack_changed (LkEnhancePanel     *panel,
                  LkEnhancementStack *stack,
                  LkTrainingItemView *self)
{
  int which = GTK_WIDGET (panel) == self->panels[0] ? 0 : 1;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (lk_training_item_get_state (self->item), "in-progress") == 0 &&
      !lk_training_item_set_enhancements (self->session, lk_training_item_get_id (self->item),
                                          "ab"[which], stack, &error))
    lk_show_error (GTK_WIDGET (self), "Could Not Save the Enhancements", error->message);
  show_stack (self, which, stack);
}

/* The stacks saved with the attempt, once the images are there. */
static void
restore_enhancements (LkTrainingItemView *self)
{
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LkEnhancementStack) stack =
        lk_training_item_get_enhancements (self->session, lk_training_item_get_id (self->item),
                                           NULL, "ab"[i], &error);

      if (stack == NULL)
        {
          lk_show_error (GTK_WIDGET (self), "Could Not Read the Enhancements", error->message);
          continue;
        }
      lk_enhance_panel_set_stack (LK_ENHANCE_PANEL (self->panels[i]), stack);
      show_stack (self, i, stack);
    }
}

/* ---- comparing ----------------------------------------------------------------------------- */

static void
on_mode_toggled (LkTrainingItemView *self,
                 GtkToggleButton    *button)
{
  GtkToggleButton *buttons[] = { self->side_button, self->overlay_button, self->wipe_button,
                                 self->flicker_button };
  static const char * const modes[] = { "side-by-side", "overlay", "wipe", "flicker" };

  if (!gtk_toggle_button_get_active (button))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    if (buttons[i] == button)
      lk_compare_view_set_mode (self->compare, modes[i]);
  gtk_widget_set_visible (GTK_WIDGET (self->opacity_scale), button == self->overlay_button);
}

static void
on_opacity_changed (LkTrainingItemView *self,
                    GtkRange           *range)
{
  lk_compare_view_set_opacity (self->compare, gtk_range_get_value (range));
}

static void
on_enhance_toggled (LkTrainingItemView *self,
                    GtkToggleButton    *button)
{
  gtk_revealer_set_reveal_child (self->enhance_revealer, gtk_toggle_button_get_active (button));
}

/* ---- the time limit ------------------------------------------------------------------------ */

static char *
clock_text (double seconds)
{
  gint64 s = (gint64) ceil (ABS (seconds));

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", s / 60, (int) (s % 60));
}

static void
show_time_left (LkTrainingItemView *self)
{
  LkTrainingItem *item = self->item;
  double left = lk_training_item_seconds_left (item, NULL);
  gboolean submitted = g_strcmp0 (lk_training_item_get_state (item), "submitted") == 0;
  g_autofree char *clock = clock_text (left);
  g_autofree char *text = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->time_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->time_label), "warning");
  if (lk_training_item_get_time_limit (item) <= 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->time_label), FALSE);
      return;
    }
  if (submitted)
    text = g_strdup (lk_training_item_get_over_time (item) ? "Submitted over the time limit"
                                                            : "Submitted within the time limit");
  else if (lk_training_item_get_opened_at (item) == NULL)
    text = g_strdup_printf ("%s for this item", clock);
  else if (left >= 0)
    text = g_strdup_printf ("%s left", clock);
  else
    text = g_strdup_printf ("Time is over by %s: your answer will be marked over time", clock);
  if (!submitted && left < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->time_label), "error");
  else if (!submitted && left < 60)
    gtk_widget_add_css_class (GTK_WIDGET (self->time_label), "warning");
  gtk_label_set_label (self->time_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->time_label), TRUE);
}

static gboolean
tick (gpointer data)
{
  show_time_left (data);
  return G_SOURCE_CONTINUE;
}

static void
stop_clock (LkTrainingItemView *self)
{
  g_clear_handle_id (&self->tick_source, g_source_remove);
}

static void
start_clock (LkTrainingItemView *self)
{
  stop_clock (self);
  show_time_left (self);
  if (lk_training_item_get_time_limit (self->item) > 0 &&
      g_strcmp0 (lk_training_item_get_state (self->item), "in-progress") == 0)
    self->tick_source = g_timeout_add_seconds (1, tick, self);
}

const char *
lk_training_item_view_get_time_text (LkTrainingItemView *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_ITEM_VIEW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->time_label))
         ? gtk_label_get_label (self->time_label) : NULL;
}

LkCompareView *
lk_training_item_view_get_compare (LkTrainingItemView *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_ITEM_VIEW (self), NULL);
  return self->compare;
}

GtkWidget *
lk_training_item_view_get_enhance_panel (LkTrainingItemView *self,
                                         char                which)
{
  g_return_val_if_fail (LK_IS_TRAINING_ITEM_VIEW (self), NULL);
  g_return_val_if_fail (which == 'a' || which == 'b', NULL);
  return self->panels[which == 'a' ? 0 : 1];
}

/* ---- annotations ----------------------------------------------------------------------------- */

static gboolean
is_open (LkTrainingItemView *self)
{
  return self->item != NULL &&
         g_strcmp0 (lk_training_item_get_state (self->item), "in-progress") == 0;
}

/* The attempt's annotations, read again after each change. */
static void
read_annotations (LkTrainingItemView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) annotations =
    lk_training_item_list_annotations (self->session, lk_training_item_get_id (self->item), NULL,
                                       &error);

  if (annotations == NULL)
    lk_toast (GTK_WIDGET (self), error->message);
  lk_annotator_set_annotations (self->annotator, annotations);
  lk_annotator_set_frozen (self->annotator, !is_open (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->tool_button), is_open (self));
}

/* The menu button says which tool is chosen, to the eye and to a screen reader (its text names
 * it; the description says what it is). */
static void
on_tool_changed (LkTrainingItemView *self)
{
  const char *tool = lk_annotator_get_tool (self->annotator);
  g_autofree char *spoken = g_strdup_printf ("Annotation tool: %s", g_str_equal (tool, "none")
                                             ? "none, a click selects"
                                             : lk_annotator_tool_title (tool));

  gtk_menu_button_set_label (self->tool_button, lk_annotator_tool_title (tool));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tool_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, spoken, -1);
}

static void
on_characteristic_chosen (LkTrainingItemView *self,
                          const char         *characteristic)
{
  if (LK_IS_FEATURE_PANEL (self->features))
    lk_feature_panel_show (LK_FEATURE_PANEL (self->features), characteristic);
}

LkAnnotator *
lk_training_item_view_get_annotator (LkTrainingItemView *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_ITEM_VIEW (self), NULL);
  return self->annotator;
}

/* ---- feature observations ------------------------------------------------------------------ */

/* Casework's feature panel, on the attempt's own storage. */
static void
fill_features (LkTrainingItemView *self)
{
  g_autoptr(GError) error = NULL;

  if (self->features != NULL)
    gtk_box_remove (self->features_box, self->features);
  self->features = lk_feature_panel_new_for_training (self->session,
                                                      lk_training_item_get_id (self->item),
                                                      NULL, &error);
  if (self->features == NULL)
    {
      self->features = gtk_label_new (error->message);
      gtk_label_set_wrap (GTK_LABEL (self->features), TRUE);
      gtk_widget_add_css_class (self->features, "error");
    }
  else
    {
      lk_feature_panel_set_embedded (LK_FEATURE_PANEL (self->features), TRUE);
      lk_annotator_set_feature_panel (self->annotator, LK_FEATURE_PANEL (self->features));
    }
  gtk_box_append (self->features_box, self->features);
}

/* ---- the form ------------------------------------------------------------------------------ */

static char *
level_text (const LkScale *scale,
            int            ordinal)
{
  const LkScaleLevel *level = scale != NULL ? lk_scale_get_level (scale, ordinal) : NULL;

  return g_strdup_printf ("%+d · %s", ordinal, level != NULL ? level->label : "");
}

static void
fill_levels (LkTrainingItemView *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  /* Checked when the exercise was made; a rating on an unknown scale is refused with why. */
  self->scale = lk_scale_lookup (lk_training_exercise_get_scale (self->exercise), NULL);
  for (guint i = 0; self->scale != NULL && i < self->scale->levels->len; i++)
    {
      const LkScaleLevel *level = g_ptr_array_index (self->scale->levels, i);
      g_autofree char *text = level_text (self->scale, level->ordinal);

      gtk_string_list_append (list, text);
    }
  adw_combo_row_set_model (self->level_row, G_LIST_MODEL (list));
  /* Nothing chosen for the trainee: the middle of the scale (0) is no default answer. */
  adw_combo_row_set_selected (self->level_row, GTK_INVALID_LIST_POSITION);
}

static void
set_text (GtkTextView *view,
          const char  *text,
          gboolean     editable)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
  gtk_text_view_set_editable (view, editable);
  gtk_text_view_set_cursor_visible (view, editable);
}

static char *
get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
show_feedback (LkTrainingItemView *self)
{
  LkTrainingItem *item = self->item;
  g_autofree char *answer = level_text (self->scale, lk_training_item_get_level (item));
  gint64 limit = lk_training_item_get_time_limit (item);
  g_autofree char *time =
    limit <= 0 ? g_strdup_printf ("%.0f s", lk_training_item_get_seconds (item))
    : g_strdup_printf ("%.0f s of the %" G_GINT64_FORMAT " s allowed%s",
                       lk_training_item_get_seconds (item), limit,
                       lk_training_item_get_over_time (item) ? ": over time" : "");
  g_autofree char *truth = g_strdup_printf ("%s · difficulty %s",
                                            lk_training_item_get_mated (item)
                                            ? "Mated: the same person"
                                            : "Non-mated: different people",
                                            lk_training_item_get_difficulty (item));
  const char *notes = lk_training_item_get_truth_notes (item);
  const char *comment = lk_training_item_get_comment (item);

  adw_action_row_set_subtitle (self->truth_row, truth);
  adw_action_row_set_subtitle (self->answer_row, answer);
  adw_action_row_set_subtitle (self->time_row, time);
  adw_action_row_set_subtitle (self->truth_notes_row, notes && *notes ? notes : "None");
  adw_action_row_set_subtitle (self->comment_row, comment ? comment : "No comment yet");
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_group), TRUE);
}

static void
update (LkTrainingItemView *self)
{
  LkTrainingItem *item = self->item;
  gboolean submitted = g_strcmp0 (lk_training_item_get_state (item), "submitted") == 0;
  gint64 limit = lk_training_exercise_get_time_limit (self->exercise);
  g_autofree char *title = g_strdup_printf ("Pair %s", lk_training_item_get_pair_id (item));
  g_autofree char *subtitle =
    limit > 0 ? g_strdup_printf ("%s · item %u of %u · time limit %" G_GINT64_FORMAT
                                 " min per item", lk_training_exercise_get_name (self->exercise),
                                 lk_training_item_get_position (item),
                                 lk_training_exercise_get_n_items (self->exercise), limit / 60)
              : g_strdup_printf ("%s · item %u of %u",
                                 lk_training_exercise_get_name (self->exercise),
                                 lk_training_item_get_position (item),
                                 lk_training_exercise_get_n_items (self->exercise));

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->subtitle_label, subtitle);
  set_text (self->analysis_view, lk_training_item_get_analysis (item), !submitted);
  set_text (self->comparison_view, lk_training_item_get_comparison (item), !submitted);
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), lk_training_item_get_notes (item));
  gtk_widget_set_sensitive (GTK_WIDGET (self->conclusion_group), !submitted);
  if (LK_IS_FEATURE_PANEL (self->features))
    lk_feature_panel_set_locked (LK_FEATURE_PANEL (self->features), submitted);
  gtk_widget_set_visible (self->submit_button, !submitted);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training-item.submit", !submitted);
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_group), FALSE);
  if (submitted)
    {
      guint n = self->scale != NULL ? self->scale->levels->len : 0;

      for (guint i = 0; i < n; i++)
        if (((LkScaleLevel *) g_ptr_array_index (self->scale->levels, i))->ordinal ==
            lk_training_item_get_level (item))
          adw_combo_row_set_selected (self->level_row, i);
      if (lk_training_item_get_truth_visible (item))
        show_feedback (self);
    }
}

void
lk_training_item_view_set_item (LkTrainingItemView *self,
                                LkSession          *session,
                                LkTrainingExercise *exercise,
                                LkTrainingItem     *item)
{
  g_return_if_fail (LK_IS_TRAINING_ITEM_VIEW (self));

  g_set_object (&self->session, session);
  g_set_object (&self->exercise, exercise);
  g_set_object (&self->item, item);
  lk_annotator_set_owner (self->annotator, session, lk_training_item_get_id (item));
  lk_annotator_set_tool (self->annotator, "none");
  fill_levels (self);
  fill_features (self);
  update (self);
  read_annotations (self);
  gtk_toggle_button_set_active (self->side_button, TRUE);
  load_images (self);
  start_clock (self);
}

LkTrainingItem *
lk_training_item_view_get_item (LkTrainingItemView *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_ITEM_VIEW (self), NULL);
  return self->item;
}

gboolean
lk_training_item_view_observe (LkTrainingItemView *self,
                               const char         *characteristic,
                               guint               result)
{
  const char * const *results = lk_observation_results ();

  g_return_val_if_fail (LK_IS_TRAINING_ITEM_VIEW (self), FALSE);

  if (!LK_IS_FEATURE_PANEL (self->features) || result > g_strv_length ((char **) results))
    return FALSE;
  return lk_feature_panel_set_result (LK_FEATURE_PANEL (self->features), characteristic,
                                      result > 0 ? results[result - 1] : NULL);
}

gboolean
lk_training_item_view_choose (LkTrainingItemView *self,
                              int                 ordinal,
                              const char         *analysis,
                              const char         *notes)
{
  g_return_val_if_fail (LK_IS_TRAINING_ITEM_VIEW (self), FALSE);

  for (guint i = 0; self->scale != NULL && i < self->scale->levels->len; i++)
    if (((LkScaleLevel *) g_ptr_array_index (self->scale->levels, i))->ordinal == ordinal)
      {
        adw_combo_row_set_selected (self->level_row, i);
        set_text (self->analysis_view, analysis, TRUE);
        gtk_editable_set_text (GTK_EDITABLE (self->notes_row), notes);
        return TRUE;
      }
  return FALSE;
}

/* ---- submitting ---------------------------------------------------------------------------- */

static void
submit (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  LkTrainingItemView *self = LK_TRAINING_ITEM_VIEW (widget);
  guint selected = adw_combo_row_get_selected (self->level_row);
  g_autofree char *analysis = get_text (self->analysis_view);
  g_autofree char *comparison = get_text (self->comparison_view);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkTrainingItem) fresh = NULL;
  gint64 id = lk_training_item_get_id (self->item);
  const LkScaleLevel *level;

  if (self->scale == NULL || selected == GTK_INVALID_LIST_POSITION ||
      selected >= self->scale->levels->len)
    {
      lk_toast (widget, "Choose a level before submitting");
      return;
    }
  level = g_ptr_array_index (self->scale->levels, selected);
  if (!lk_training_item_save (self->session, id, analysis, comparison, &error) ||
      !lk_training_item_conclude (self->session, id, level->ordinal,
                                  gtk_editable_get_text (GTK_EDITABLE (self->notes_row)),
                                  &error) ||
      (fresh = lk_training_item_get (self->session, id, &error)) == NULL)
    {
      lk_show_error (widget, "Could Not Submit the Item", error->message);
      return;
    }
  g_set_object (&self->item, fresh);
  update (self);
  read_annotations (self);
  start_clock (self);
  g_signal_emit (self, signals[SUBMITTED], 0);
}

/* ---- life cycle ---------------------------------------------------------------------------- */

static void
lk_training_item_view_dispose (GObject *object)
{
  LkTrainingItemView *self = LK_TRAINING_ITEM_VIEW (object);

  stop_clock (self);
  g_clear_object (&self->annotator);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  for (int i = 0; i < 2; i++)
    {
      g_clear_pointer (&self->originals[i], lk_pyramid_unref);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_TRAINING_ITEM_VIEW);
  g_clear_object (&self->item);
  g_clear_object (&self->exercise);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (lk_training_item_view_parent_class)->dispose (object);
}

static void
lk_training_item_view_class_init (LkTrainingItemViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lk_training_item_view_dispose;
  signals[SUBMITTED] = g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/likeness/Likeness/"
                                               "lk-training-item-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, title_label);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, time_label);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, side_button);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, overlay_button);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, wipe_button);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, flicker_button);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, opacity_scale);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, enhance_button);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, enhance_revealer);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, enhance_box);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, image_stack);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, loading_page);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, compare);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, tool_button);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, annotations_button);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_opacity_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_enhance_toggled);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, analysis_view);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, comparison_view);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, features_box);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, conclusion_group);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, level_row);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, notes_row);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, submit_button);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, feedback_group);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, truth_row);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, answer_row);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, time_row);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, truth_notes_row);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingItemView, comment_row);
  gtk_widget_class_install_action (widget_class, "training-item.submit", NULL, submit);
  /* The workspace's keys for the annotation tools. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "annotate.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "annotate.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "annotate.tool", "s",
                                       "none");
}

static void
lk_training_item_view_init (LkTrainingItemView *self)
{
  static const char * const titles[] = { "Image A", "Image B" };

  g_type_ensure (LK_TYPE_COMPARE_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
  lk_label_stack_pages (self->image_stack);
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *label = g_strdup_printf ("%s of the pair", titles[i]);

      lk_image_view_set_label (view_of (self, i), label);
      self->panels[i] = lk_enhance_panel_new ();
      lk_enhance_panel_set_title (LK_ENHANCE_PANEL (self->panels[i]), titles[i]);
      g_signal_connect_object (self->panels[i], "stack-changed", G_CALLBACK (on_stack_changed),
                               self, 0);
      gtk_box_append (self->enhance_box, self->panels[i]);
    }
  lk_compare_view_set_opacity (self->compare, 0.5);
  self->annotator = lk_annotator_new (self->compare, &lk_annotation_store_training);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "annotate",
                                  lk_annotator_get_actions (self->annotator));
  g_signal_connect_object (self->annotator, "changed", G_CALLBACK (read_annotations), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->annotator, "characteristic-chosen",
                           G_CALLBACK (on_characteristic_chosen), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (lk_annotator_get_actions (self->annotator),
                           "action-state-changed::tool", G_CALLBACK (on_tool_changed), self,
                           G_CONNECT_SWAPPED);
  g_object_bind_property (self->compare, "show-annotations", self->annotations_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}
