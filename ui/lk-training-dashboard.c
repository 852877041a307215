/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The trainer's dashboard of an exercise. */
#include "config.h"

#include "lk-training-dashboard.h"

#include "lk-training-review.h"
#include "lk-training-chart.h"
#include "lk-ui-util.h"
#include "reference/lk-scale.h"

struct _LkTrainingDashboard
{
  AdwBin               parent_instance;

  LkSession           *session;
  LkTrainingExercise  *exercise;
  GPtrArray           *results;
  GtkFileChooserNative *chooser;
  char                *report_trainee;
  GCancellable        *cancellable;  /* the summary being written */

  GtkLabel            *title_label;
  GtkLabel            *subtitle_label;
  GtkBox              *trainees_box;
  GtkWidget           *busy_box;
  GtkLabel            *busy_label;
  AdwPreferencesGroup *agreement_group;
  GPtrArray           *agreement_rows;
};

G_DEFINE_FINAL_TYPE (LkTrainingDashboard, lk_training_dashboard, ADW_TYPE_BIN)

/* ---- figures ------------------------------------------------------------------------------- */

static char *
figure_text (const LkTrainingFigure *f,
             guint                   count,
             guint                   denominator,
             gboolean                share)
{
  if (!f->defined)
    return g_strdup_printf ("Undefined: %s", f->reason);
  if (share)
    return g_strdup_printf ("%.1f %% (%u of %u)", f->value * 100, count, denominator);
  return g_strdup_printf ("%.3f", f->value);
}

static void
add_row (AdwPreferencesGroup *group,
         const char          *title,
         char                *value)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *owned = value;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), owned);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
}

static GtkWidget *
calibration_row (const LkTrainingScore *s)
{
  GtkWidget *expander = adw_expander_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), "Calibration");
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                 "Per level: mated and non-mated counts, likelihood ratio");
  for (guint i = s->calibration->len; i-- > 0;)
    {
      const LkTrainingCalibration *c = &g_array_index (s->calibration, LkTrainingCalibration, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("Level %+d", c->level);
      g_autofree char *lr = c->likelihood_ratio.defined
                            ? g_strdup_printf ("LR %.2f", c->likelihood_ratio.value)
                            : g_strdup_printf ("LR undefined (%s)", c->likelihood_ratio.reason);
      g_autofree char *subtitle = g_strdup_printf ("%u mated, %u non-mated · %s", c->n_mated,
                                                   c->n_nonmated, lr);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  return expander;
}

static GtkWidget *
titled (const char *title,
        GtkWidget  *chart)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), chart);
  return box;
}

static GtkWidget *
charts (const LkTrainingResult *r,
        int                     min_level,
        int                     max_level)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *roc = lk_training_chart_new (LK_TRAINING_CHART_ROC);
  GtkWidget *levels = lk_training_chart_new (LK_TRAINING_CHART_LEVELS);

  gtk_widget_set_hexpand (roc, TRUE);
  gtk_widget_set_hexpand (levels, TRUE);
  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  gtk_widget_set_margin_top (box, 12);
  lk_training_chart_set_ratings (LK_TRAINING_CHART (roc), (LkTrainingRating *) r->ratings->data,
                                 r->ratings->len, min_level, max_level);
  lk_training_chart_set_ratings (LK_TRAINING_CHART (levels),
                                 (LkTrainingRating *) r->ratings->data, r->ratings->len,
                                 min_level, max_level);
  gtk_box_append (GTK_BOX (box), titled ("ROC Curve", roc));
  gtk_box_append (GTK_BOX (box), titled ("Ratings per Level", levels));
  return box;
}

static GtkWidget *
comment_button_new (LkTrainingItem *item,
                    const char     *trainee)
{
  g_autofree char *name = g_strdup_printf ("Comment on pair %s of %s",
                                           lk_training_item_get_pair_id (item), trainee);
  GtkWidget *button = gtk_button_new_with_mnemonic ("_Comment…");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "dashboard.comment");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xs)",
                                    lk_training_item_get_id (item), trainee);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, name, -1);
  return button;
}

static GtkWidget *
features_button_new (LkTrainingItem *item,
                     const char     *trainee)
{
  g_autofree char *name = g_strdup_printf ("The annotations and feature comparison of pair %s "
                                           "by %s",
                                           lk_training_item_get_pair_id (item), trainee);
  GtkWidget *button = gtk_button_new_with_mnemonic ("_Review…");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "dashboard.features");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xs)",
                                    lk_training_item_get_id (item), trainee);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, name, -1);
  return button;
}

/* Each item of the trainee: the truth, their level, time and the trainer's comment. */
static GtkWidget *
items_row (LkTrainingDashboard    *self,
           const LkTrainingResult *r)
{
  GtkWidget *expander = adw_expander_row_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items =
    lk_training_items_list (self->session, lk_training_exercise_get_id (self->exercise),
                            r->trainee, &error);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), "Items");
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                 items != NULL
                                 ? "Each pair with the level given; for a submitted one, the "
                                   "annotations, the feature comparison and your comment"
                                 : error->message);
  for (guint i = 0; items != NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(LkTrainingItem) item = g_list_model_get_item (items, i);
      GtkWidget *row = adw_action_row_new ();
      gboolean done = lk_training_item_get_has_level (item);
      const char *comment = lk_training_item_get_comment (item);
      g_autofree char *title = g_strdup_printf ("Pair %s · %s",
                                                lk_training_item_get_pair_id (item),
                                                lk_training_item_get_mated (item) ? "mated"
                                                                                  : "non-mated");
      g_autofree char *subtitle =
        done ? g_strdup_printf ("Level %+d · %.0f s%s%s", lk_training_item_get_level (item),
                                lk_training_item_get_seconds (item), comment ? " · " : "",
                                comment ? comment : "")
             : g_strdup ("Not submitted");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (done)
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), features_button_new (item, r->trainee));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), comment_button_new (item, r->trainee));
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  return expander;
}

/* The trainee's figures per exercise by date (@history NULL: @why it cannot be shown). */
static GtkWidget *
history_chart (GPtrArray  *history,
               const char *why)
{
  GtkWidget *chart = lk_training_chart_new (LK_TRAINING_CHART_HISTORY);
  GtkWidget *box;

  gtk_widget_set_size_request (chart, -1, 200);
  lk_training_chart_set_history (LK_TRAINING_CHART (chart), history);
  box = titled ("History Over Time", chart);
  gtk_widget_set_margin_top (box, 12);
  if (history == NULL)
    gtk_box_append (GTK_BOX (box), gtk_label_new (why));
  return box;
}

static GtkWidget *
action_button_new (const char *mnemonic,
                   const char *action,
                   const char *trainee,
                   const char *name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", trainee);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  return button;
}

static GtkWidget *
report_button_new (const char *trainee)
{
  g_autofree char *name = g_strdup_printf ("Save the PDF summary of %s: every exercise and the "
                                           "history", trainee);

  return action_button_new ("_Summary PDF…", "dashboard.report", trainee, name);
}

/* Whether the trainee passed the exercise (policy's criteria), and a proposal from it. */
static GtkWidget *
competency_row (LkTrainingDashboard    *self,
                const LkTrainingResult *r)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL, *name = NULL, *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  gboolean passed = lk_training_passed (lk_session_get_store (self->session), r,
                                        lk_training_exercise_get_n_items (self->exercise),
                                        &summary, &error);

  name = g_strdup_printf ("Propose a competency record for %s from this exercise", r->trainee);
  button = action_button_new ("_Propose Competency…", "dashboard.propose", r->trainee, name);
  subtitle = passed ? g_strdup_printf ("Passed: %s", summary) : g_strdup (error->message);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Pass Criteria");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_sensitive (button, passed);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static GtkWidget *
trainee_group (LkTrainingDashboard    *self,
               const LkTrainingResult *r,
               GPtrArray              *history,
               const char             *why)
{
  const LkTrainingScore *s = r->score;
  GtkWidget *group = adw_preferences_group_new ();
  AdwPreferencesGroup *g = ADW_PREFERENCES_GROUP (group);
  /* The scale was checked when the exercise was made; its results were read with it. */
  const LkScale *scale = lk_scale_lookup (lk_training_exercise_get_scale (self->exercise), NULL);
  int max_level = scale ? ((LkScaleLevel *) g_ptr_array_index (scale->levels, 0))->ordinal : 3;
  g_autofree char *description =
    g_strdup_printf ("%u of %u items submitted: %u mated, %u non-mated. Decisions: %+d and "
                     "above “same”, %+d and below “different”.", r->ratings->len,
                     lk_training_exercise_get_n_items (self->exercise), s->n_mated,
                     s->n_nonmated, s->same_cut, s->different_cut);

  adw_preferences_group_set_title (g, r->trainee);
  adw_preferences_group_set_description (g, description);
  add_row (g, "AUC (ties count half)", figure_text (&s->auc, 0, 0, FALSE));
  add_row (g, "False “same” on non-mated pairs",
           figure_text (&s->false_same_rate, s->false_same, s->n_nonmated, TRUE));
  add_row (g, "False “different” on mated pairs",
           figure_text (&s->false_different_rate, s->false_different, s->n_mated, TRUE));
  add_row (g, "Inconclusive on mated pairs",
           figure_text (&s->inconclusive_rate_mated, s->inconclusive_mated, s->n_mated, TRUE));
  add_row (g, "Inconclusive on non-mated pairs",
           figure_text (&s->inconclusive_rate_nonmated, s->inconclusive_nonmated,
                        s->n_nonmated, TRUE));
  add_row (g, "Time per item (mean / median)",
           s->mean_seconds.defined
           ? g_strdup_printf ("%.0f s / %.0f s", s->mean_seconds.value, s->median_seconds.value)
           : g_strdup_printf ("Undefined: %s", s->mean_seconds.reason));
  adw_preferences_group_add (g, competency_row (self, r));
  adw_preferences_group_add (g, calibration_row (s));
  adw_preferences_group_add (g, items_row (self, r));
  adw_preferences_group_add (g, charts (r, -max_level, max_level));
  adw_preferences_group_add (g, history_chart (history, why));
  adw_preferences_group_set_header_suffix (g, report_button_new (r->trainee));
  return group;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
add_agreement (LkTrainingDashboard    *self,
               const LkTrainingResult *a,
               const LkTrainingResult *b)
{
  GtkWidget *row = adw_action_row_new ();
  guint n;
  LkTrainingFigure kappa = lk_training_results_agreement (a, b, &n);
  g_autofree char *title = g_strdup_printf ("%s and %s", a->trainee, b->trainee);
  g_autofree char *value = kappa.defined
                           ? g_strdup_printf ("κ = %.2f on %u items", kappa.value, n)
                           : g_strdup_printf ("Undefined: %s", kappa.reason);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_preferences_group_add (self->agreement_group, row);
  g_ptr_array_add (self->agreement_rows, row);
}

static void
show_agreement (LkTrainingDashboard *self)
{
  for (guint i = 0; i < self->agreement_rows->len; i++)
    adw_preferences_group_remove (self->agreement_group,
                                  g_ptr_array_index (self->agreement_rows, i));
  g_ptr_array_set_size (self->agreement_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->agreement_group), self->results->len > 1);
  for (guint i = 0; i < self->results->len; i++)
    for (guint j = i + 1; j < self->results->len; j++)
      add_agreement (self, g_ptr_array_index (self->results, i),
                     g_ptr_array_index (self->results, j));
}

/* One group per trainee, with their histories read at once: one audit event for the view. */
static void
add_trainees (LkTrainingDashboard *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) trainees = NULL;
  g_autoptr(GPtrArray) histories = NULL;
  g_autoptr(GError) error = NULL;

  if (self->results->len == 0)
    return;
  for (guint i = 0; i < self->results->len; i++)
    g_strv_builder_add (builder, ((LkTrainingResult *) g_ptr_array_index (self->results,
                                                                          i))->trainee);
  trainees = g_strv_builder_end (builder);
  histories = lk_training_histories (self->session, lk_training_exercise_get_id (self->exercise),
                                     (const char * const *) trainees, &error);
  for (guint i = 0; i < self->results->len; i++)
    gtk_box_append (self->trainees_box,
                    trainee_group (self, g_ptr_array_index (self->results, i),
                                   histories ? g_ptr_array_index (histories, i) : NULL,
                                   error ? error->message : NULL));
}

void
lk_training_dashboard_set_exercise (LkTrainingDashboard *self,
                                    LkSession           *session,
                                    LkTrainingExercise  *exercise)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (LK_IS_TRAINING_DASHBOARD (self));

  g_set_object (&self->session, session);
  g_set_object (&self->exercise, exercise);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  clear_box (self->trainees_box);
  gtk_label_set_label (self->title_label, lk_training_exercise_get_name (exercise));
  subtitle = g_strdup_printf ("%u items · scale %s · %u %s assigned",
                              lk_training_exercise_get_n_items (exercise),
                              lk_training_exercise_get_scale (exercise),
                              lk_training_exercise_get_n_assigned (exercise),
                              lk_training_exercise_get_n_assigned (exercise) == 1 ? "trainee"
                                                                                 : "trainees");
  gtk_label_set_label (self->subtitle_label, subtitle);
  self->results = lk_training_results (session, lk_training_exercise_get_id (exercise), &error);
  if (self->results == NULL)
    {
      self->results = g_ptr_array_new ();
      gtk_box_append (self->trainees_box, gtk_label_new (error->message));
    }
  add_trainees (self);
  lk_fix_button_names (GTK_WIDGET (self->trainees_box));
  if (self->results->len == 0 && error == NULL)
    gtk_box_append (self->trainees_box, gtk_label_new ("No trainee is assigned yet."));
  show_agreement (self);
}

GPtrArray *
lk_training_dashboard_get_results (LkTrainingDashboard *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_DASHBOARD (self), NULL);
  return self->results;
}

gboolean
lk_training_dashboard_export (LkTrainingDashboard *self,
                              const char          *path,
                              GError             **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (LK_IS_TRAINING_DASHBOARD (self), FALSE);

  csv = lk_training_results_to_csv (self->results);
  return g_file_set_contents (path, csv, -1, error);
}

/* ---- export -------------------------------------------------------------------------------- */

static void
on_export_response (LkTrainingDashboard *self,
                    int                  response)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      if (lk_training_dashboard_export (self, path, &error))
        lk_toast (GTK_WIDGET (self), "Ratings exported");
      else
        lk_show_error (GTK_WIDGET (self), "Could Not Export", error->message);
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkTrainingDashboard *self = LK_TRAINING_DASHBOARD (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;

  if (self->exercise == NULL || self->chooser != NULL)
    return;
  name = g_strdup_printf ("%s.csv", lk_training_exercise_get_name (self->exercise));
  g_strdelimit (name, "/:\\", '-');
  self->chooser = gtk_file_chooser_native_new ("Export Ratings", GTK_WINDOW (root),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, "_Export",
                                               "_Cancel");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- the PDF summary ---------------------------------------------------------------------- */

static void
set_busy (LkTrainingDashboard *self,
          const char          *text)
{
  gtk_label_set_label (self->busy_label, text != NULL ? text : "");
  gtk_widget_set_visible (self->busy_box, text != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.report", text == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.cancel-report", text != NULL);
}

static void
on_report_written (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LkTrainingDashboard) self = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->cancellable);
  lk_training_report_pdf_finish (result, &error);
  /* Closed meanwhile: the file is written (or not) all the same, and audited. */
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;
  set_busy (self, NULL);
  if (error == NULL)
    lk_toast (GTK_WIDGET (self), "Summary saved");
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    lk_toast (GTK_WIDGET (self), "Summary not saved");
  else
    lk_show_error (GTK_WIDGET (self), "Could Not Save the Summary", error->message);
}

void
lk_training_dashboard_report (LkTrainingDashboard *self,
                              const char          *trainee,
                              const char          *path)
{
  g_autofree char *text = NULL;

  g_return_if_fail (LK_IS_TRAINING_DASHBOARD (self));
  g_return_if_fail (self->cancellable == NULL);

  text = g_strdup_printf ("Writing the summary of %s…", trainee);
  self->cancellable = g_cancellable_new ();
  set_busy (self, text);
  lk_training_report_pdf_async (self->session, trainee, path, self->cancellable,
                                on_report_written, g_object_ref (self));
}

gboolean
lk_training_dashboard_get_busy (LkTrainingDashboard *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_DASHBOARD (self), FALSE);
  return self->cancellable != NULL;
}

static void
cancel_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LkTrainingDashboard *self = LK_TRAINING_DASHBOARD (widget);

  g_cancellable_cancel (self->cancellable);
}

static void
on_report_response (LkTrainingDashboard *self,
                    int                  response)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->cancellable == NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    lk_training_dashboard_report (self, self->report_trainee, path);
  g_clear_object (&self->chooser);
}

static void
report_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkTrainingDashboard *self = LK_TRAINING_DASHBOARD (widget);
  const char *trainee = g_variant_get_string (parameter, NULL);
  g_autofree char *name = g_strdup_printf ("Training summary %s.pdf", trainee);

  if (self->chooser != NULL || self->cancellable != NULL)
    return;
  g_strdelimit (name, "/:\\", '-');
  g_free (self->report_trainee);
  self->report_trainee = g_strdup (trainee);
  self->chooser = gtk_file_chooser_native_new ("Save the Summary",
                                               GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, "_Save", "_Cancel");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_report_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- competency proposals ------------------------------------------------------------------ */

static void
on_propose_response (AdwMessageDialog    *dialog,
                     const char          *response,
                     LkTrainingDashboard *self)
{
  AdwComboRow *kind_row = g_object_get_data (G_OBJECT (dialog), "kind");
  const char *trainee = g_object_get_data (G_OBJECT (dialog), "trainee");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "propose"))
    return;
  if (lk_training_propose (self->session, lk_training_exercise_get_id (self->exercise), trainee,
                           lk_competency_kinds ()[adw_combo_row_get_selected (kind_row)], NULL,
                           NULL, &error) == 0)
    {
      lk_show_error (GTK_WIDGET (self), "The Proposal Was Not Made", error->message);
      return;
    }
  lk_toast (GTK_WIDGET (self), "Proposed: an administrator confirms it on the Competency page");
}

static void
propose_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  const char *trainee = g_variant_get_string (parameter, NULL);
  g_autofree char *body = g_strdup_printf ("A competency record for %s, valid from today for a "
                                           "year, with this exercise and its figures as the "
                                           "evidence. An administrator confirms or rejects it.",
                                           trainee);
  static const char * const kinds[] = { "Examiner: may sign conclusions",
                                        "Reviewer: may verify conclusions", NULL };
  g_autoptr(GtkStringList) model = gtk_string_list_new (kinds);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *kind = adw_combo_row_new ();
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                              "Propose a Competency Record?", body);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind), "Kind of record");
  adw_combo_row_set_model (ADW_COMBO_ROW (kind), G_LIST_MODEL (model));
  gtk_list_box_append (GTK_LIST_BOX (list), kind);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", "_Cancel",
                                    "propose", "_Propose", NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "propose",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "kind", kind);
  g_object_set_data_full (G_OBJECT (dialog), "trainee", g_strdup (trainee), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_propose_response), widget, 0);
  lk_present_dialog (GTK_WINDOW (dialog));
}

/* ---- comments ----------------------------------------------------------------------------- */

static void
on_comment_response (AdwMessageDialog    *dialog,
                     const char          *response,
                     LkTrainingDashboard *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  const char *trainee = g_object_get_data (G_OBJECT (dialog), "trainee");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "item"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "comment"))
    return;
  if (!lk_training_item_comment (self->session, id, trainee, gtk_editable_get_text (entry),
                                 &error))
    {
      lk_show_error (GTK_WIDGET (self), "Could Not Save the Comment", error->message);
      return;
    }
  lk_toast (GTK_WIDGET (self), "Comment saved: the trainee sees it with the item");
  lk_training_dashboard_set_exercise (self, self->session, self->exercise);
}

static void
comment_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LkTrainingDashboard *self = LK_TRAINING_DASHBOARD (widget);
  GtkWidget *dialog, *entry;
  const char *trainee;
  gint64 id;

  g_variant_get (parameter, "(x&s)", &id, &trainee);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   "Comment on the Item", "The trainee reads the comment with "
                                   "the item's feedback.");
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "Comment");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Comment", -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", "_Cancel",
                                    "comment", "_Save", NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "comment",
                                              ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data_full (G_OBJECT (dialog), "trainee", g_strdup (trainee), g_free);
  g_object_set_data (G_OBJECT (dialog), "item", GSIZE_TO_POINTER (id));
  g_signal_connect (dialog, "response", G_CALLBACK (on_comment_response), self);
  lk_present_dialog (GTK_WINDOW (dialog));
}

/* ---- the trainee's feature comparison ------------------------------------------------------- */

/* The trainer reviews the trainee's attempt of an item, read-only: the pair with their
 * annotations, and their feature comparison. */
static void
features_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LkTrainingDashboard *self = LK_TRAINING_DASHBOARD (widget);
  g_autoptr(GError) error = NULL;
  LkTrainingReview *review;
  const char *trainee;
  gint64 id;

  g_variant_get (parameter, "(x&s)", &id, &trainee);
  review = lk_training_review_new (self->session, id, trainee, &error);
  if (review == NULL)
    {
      lk_show_error (widget, "Could Not Read the Attempt", error->message);
      return;
    }
  gtk_window_set_transient_for (GTK_WINDOW (review), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (review));
}

/* ---- life cycle ---------------------------------------------------------------------------- */

static void
lk_training_dashboard_dispose (GObject *object)
{
  LkTrainingDashboard *self = LK_TRAINING_DASHBOARD (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_TRAINING_DASHBOARD);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->agreement_rows, g_ptr_array_unref);
  g_clear_pointer (&self->report_trainee, g_free);
  g_clear_object (&self->exercise);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (lk_training_dashboard_parent_class)->dispose (object);
}

static void
lk_training_dashboard_class_init (LkTrainingDashboardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lk_training_dashboard_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/likeness/Likeness/"
                                               "lk-training-dashboard.ui");
  gtk_widget_class_bind_template_child (widget_class, LkTrainingDashboard, title_label);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingDashboard, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingDashboard, trainees_box);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingDashboard, agreement_group);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingDashboard, busy_box);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingDashboard, busy_label);
  gtk_widget_class_install_action (widget_class, "dashboard.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "dashboard.comment", "(xs)", comment_action);
  gtk_widget_class_install_action (widget_class, "dashboard.report", "s", report_action);
  gtk_widget_class_install_action (widget_class, "dashboard.propose", "s", propose_action);
  gtk_widget_class_install_action (widget_class, "dashboard.cancel-report", NULL,
                                   cancel_report_action);
  gtk_widget_class_install_action (widget_class, "dashboard.features", "(xs)", features_action);
}

static void
lk_training_dashboard_init (LkTrainingDashboard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->agreement_rows = g_ptr_array_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.cancel-report", FALSE);
}
