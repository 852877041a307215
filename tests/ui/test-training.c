/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Training section: a trainee opens an assigned exercise and an item, sees it marked as an
 * exercise without its ground truth, submits a level and gets the feedback; the trainer's
 * dashboard shows the figures and both charts and exports the ratings as CSV. With
 * LIKENESS_TEST_SHOTS set to a folder, each view is also saved there as a PNG to look at. */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "lk-competency-page.h"
#include "lk-feature-panel.h"
#include "lk-test-training.h"
#include "lk-training-chart.h"
#include "lk-training-dashboard.h"
#include "lk-training-exercise-dialog.h"
#include "lk-training-item-view.h"
#include "lk-training-page.h"
#include "store/lk-store-private.h"

#define EXERCISE "Portraits, first set"

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) a1 = portrait ("grace_hopper.jpg", 300, 0);
  g_autoptr(GBytes) b1 = portrait ("grace_hopper.jpg", 200, 4);
  g_autoptr(GBytes) a2 = portrait ("grace_hopper.jpg", 260, -3);
  g_autoptr(GBytes) b2 = portrait ("astronaut.png", 260, 2);
  LkTrainingPair pairs[] = {
    { "pair-1", a1, b1, TRUE, "easy", "One portrait, scaled twice" },
    { "pair-2", a2, b2, FALSE, "medium", "Two people" },
  };
  LkTrainingExerciseSpec spec = { EXERCISE, "Compare each pair and give your level.", NULL, 600 };

  training_fixture_set_up (f, &spec, pairs, G_N_ELEMENTS (pairs), 1200, 800);
}

static guint
lk_test_count_newlines (const char *text)
{
  guint n = 0;

  for (; *text != '\0'; text++)
    n += *text == '\n';
  return n;
}

/* Saves what the window shows when LIKENESS_TEST_SHOTS names a folder. */
static void
maybe_shoot (GtkWidget  *window,
             const char *name)
{
  const char *folder = g_getenv ("LIKENESS_TEST_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int w, h;

  if (folder == NULL || *folder == '\0')
    return;
  gtk_widget_queue_draw (window);
  lk_test_spin (1000);
  paintable = gtk_widget_paintable_new (window);
  w = gtk_widget_get_width (window);
  h = gtk_widget_get_height (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_test_message ("nothing drawn yet for %s", name);
      return;
    }
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (folder, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static gboolean
view_is (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (lk_training_page_get_view (args[0]), args[1]) == 0;
}

static void
assert_view (LkTrainingPage *page,
             const char     *view)
{
  gpointer args[2] = { page, (gpointer) view };

  g_assert_true (lk_test_wait (view_is, args, 5000));
}

static void
activate_row (GtkWidget  *root,
              const char *title)
{
  GtkWidget *row = lk_test_find (root, ADW_TYPE_ACTION_ROW, title);
  GtkWidget *list;

  g_assert_nonnull (row);
  list = gtk_widget_get_parent (row);
  g_assert_true (GTK_IS_LIST_BOX (list));
  g_signal_emit_by_name (list, "row-activated", row);
}

static gboolean
images_loaded (gpointer data)
{
  LkCompareView *compare = lk_training_item_view_get_compare (data);

  return lk_image_view_get_pyramid (lk_compare_view_get_probe_view (compare)) != NULL &&
         lk_image_view_get_pyramid (lk_compare_view_get_candidate_view (compare)) != NULL;
}

static gboolean
pyramid_changed (gpointer data)
{
  gpointer *args = data;

  return lk_image_view_get_pyramid (args[0]) != args[1];
}

static gboolean
stack_saved (gpointer data)
{
  LkTrainingItemView *view = data;
  LkTrainingItem *item = lk_training_item_view_get_item (view);
  LkSession *session = g_object_get_data (G_OBJECT (view), "test-session");
  g_autoptr(LkEnhancementStack) stack =
    lk_training_item_get_enhancements (session, lk_training_item_get_id (item), NULL, 'a',
                                       NULL);

  return stack != NULL && lk_enhancement_stack_get_n_steps (stack) == 1;
}

/* The casework comparison: the modes switch the compare view, and an enhancement of image A
 * replaces what its view shows (worked out in a worker thread). */
static void
compare_and_enhance (GtkWidget *view)
{
  LkCompareView *compare = lk_training_item_view_get_compare (LK_TRAINING_ITEM_VIEW (view));
  LkImageView *a = lk_compare_view_get_probe_view (compare);
  GtkWidget *panel = lk_training_item_view_get_enhance_panel (LK_TRAINING_ITEM_VIEW (view), 'a');
  gpointer args[2] = { a, lk_image_view_get_pyramid (a) };
  GtkWidget *overlay = lk_test_find (view, GTK_TYPE_TOGGLE_BUTTON, "Overlay");
  GtkWidget *wipe = lk_test_find (view, GTK_TYPE_TOGGLE_BUTTON, "Wipe");

  g_assert_cmpstr (lk_image_view_get_label (a), ==, "Image A of the pair");
  g_assert_cmpstr (lk_compare_view_get_mode (compare), ==, "side-by-side");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (overlay), TRUE);
  g_assert_cmpstr (lk_compare_view_get_mode (compare), ==, "overlay");
  g_assert_true (gtk_widget_get_visible (lk_test_find_type (view, GTK_TYPE_SCALE)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (wipe), TRUE);
  g_assert_cmpstr (lk_compare_view_get_mode (compare), ==, "wipe");
  g_assert_true (gtk_widget_activate_action (panel, "enhance.add", "s", "clahe"));
  g_assert_true (lk_test_wait (pyramid_changed, args, 10000));
  /* Saved with the attempt, step by step, as in casework. */
  g_assert_true (lk_test_wait (stack_saved, view, 5000));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (lk_test_find (view, GTK_TYPE_TOGGLE_BUTTON,
                                                                 "Side by Side")), TRUE);
}

static void
test_trainee_path (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *view, *panel;
  gint64 submitted;

  lk_training_page_set_session (f->page, f->trainee);
  g_assert_true (lk_test_wait_shown (f->window, "0 of 2 items submitted · no due date", 5000));
  maybe_shoot (f->window, "training-trainee-exercises.png");
  activate_row (f->window, EXERCISE);
  assert_view (f->page, "items");
  g_assert_true (lk_test_wait_shown (f->window, "Pair pair-1", 5000));
  activate_row (f->window, "Pair pair-1");
  assert_view (f->page, "item");
  view = lk_training_page_get_item_view (f->page);
  /* Marked as an exercise; no ground truth before submitting. */
  g_assert_true (lk_test_wait_shown (view, "Training exercise, not casework. The ground truth is "
                                           "shown once you submit the item.", 5000));
  g_assert_false (gtk_widget_is_visible (lk_test_find (view, ADW_TYPE_ACTION_ROW,
                                                      "Ground truth")));
  g_assert_true (lk_test_wait (images_loaded, view, 10000));
  /* The exercise's limit of 10 minutes per item, counting down from the opening. */
  g_assert_true (g_str_has_prefix (lk_training_item_view_get_time_text (LK_TRAINING_ITEM_VIEW
                                                                        (view)), "9:") ||
                 g_str_has_prefix (lk_training_item_view_get_time_text (LK_TRAINING_ITEM_VIEW
                                                                        (view)), "10:00"));
  g_assert_true (g_str_has_suffix (lk_training_item_view_get_time_text (LK_TRAINING_ITEM_VIEW
                                                                        (view)), " left"));
  g_object_set_data (G_OBJECT (view), "test-session", f->trainee);
  compare_and_enhance (view);
  /* Feature observations in casework's feature panel: recorded as they are picked, in
   * training's own table. */
  panel = lk_test_find_type (view, LK_TYPE_FEATURE_PANEL);
  g_assert_nonnull (panel);
  g_assert_true (lk_test_find (panel, ADW_TYPE_COMBO_ROW, "Visibility in image A") != NULL);
  g_assert_false (gtk_widget_is_visible (lk_test_find (panel, GTK_TYPE_BUTTON, "Evaluate…")));
  g_assert_true (lk_training_item_view_observe (LK_TRAINING_ITEM_VIEW (view), "eyes.fissure", 1));
  g_assert_cmpint (lk_test_sql_int64 (f->store, "SELECT count(*) FROM training_observations"
                                                " WHERE characteristic = 'eyes.fissure'"
                                                " AND result = 'similar'"), ==, 1);
  g_assert_cmpint (lk_test_sql_int64 (f->store, "SELECT count(*) FROM observations"), ==, 0);
  g_assert_true (lk_training_item_view_choose (LK_TRAINING_ITEM_VIEW (view), 2,
                                               "Both frontal, the second smaller.", "Close"));
  maybe_shoot (f->window, "training-trainee-item.png");
  gtk_widget_activate_action (view, "training-item.submit", NULL);
  /* The feedback: the truth, the level given, the notes on the pair. */
  g_assert_true (lk_test_wait_shown (view, "Mated: the same person · difficulty easy", 5000));
  g_assert_true (lk_test_wait_shown (view, "One portrait, scaled twice", 5000));
  g_assert_cmpstr (lk_training_item_view_get_time_text (LK_TRAINING_ITEM_VIEW (view)), ==,
                   "Submitted within the time limit");
  submitted = lk_test_sql_int64 (f->store, "SELECT count(*) FROM training_attempts"
                                           " WHERE submitted_at IS NOT NULL AND level = 2"
                                           " AND analysis = 'Both frontal, the second smaller.'");
  g_assert_cmpint (submitted, ==, 1);
  maybe_shoot (f->window, "training-trainee-feedback.png");
  /* Back to the items: the submitted one shows its truth, the other does not. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "training.back", NULL);
  assert_view (f->page, "items");
  g_assert_true (lk_test_wait_shown (f->window, "Your level +2 · mated (same person)", 5000));
  g_assert_true (lk_test_wait_shown (f->window, "Item 2", 5000));
}

static void
conclude (Fixture *f,
          guint    index,
          int      level)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = lk_training_items_list (f->trainee, f->exercise, NULL, &error);
  g_autoptr(LkTrainingItem) item = g_list_model_get_item (items, index);
  g_autoptr(LkTrainingItem) opened = lk_training_item_open (f->trainee,
                                                            lk_training_item_get_id (item),
                                                            &error);

  g_assert_no_error (error);
  g_assert_true (lk_training_item_observe (f->trainee, lk_training_item_get_id (item),
                                           "eyes.fissure", "similar", &error));
  g_assert_no_error (error);
  g_assert_true (lk_training_item_conclude (f->trainee, lk_training_item_get_id (item), level,
                                            NULL, &error));
  g_assert_no_error (error);
}

/* The trainer comments on a submitted item from the dashboard; the trainee reads it. */
static void
comment_from_dashboard (Fixture   *f,
                        GtkWidget *dashboard)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = lk_training_items_list (f->trainer, f->exercise, "tim", &error);
  g_autoptr(LkTrainingItem) item = g_list_model_get_item (items, 1);
  g_autoptr(LkTrainingItem) seen = NULL;
  GtkWidget *dialog;

  gtk_widget_activate_action (dashboard, "dashboard.comment", "(xs)",
                              lk_training_item_get_id (item), "tim");
  dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (lk_test_find_type (dialog, GTK_TYPE_ENTRY)),
                         "Look again at the ears");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "comment");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (lk_test_wait_shown_containing (dashboard, "Look again at the ears", 5000));
  seen = lk_training_item_get (f->trainee, lk_training_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_training_item_get_comment (seen), ==, "Look again at the ears");
}

static gboolean
report_done (gpointer data)
{
  return !lk_training_dashboard_get_busy (data);
}

static GtkWidget *
window_titled (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (window), title) == 0)
        return GTK_WIDGET (window);
    }
  return NULL;
}

/* The trainer reads a trainee's feature comparison of an item, read-only, from the dashboard. */
static void
features_from_dashboard (Fixture   *f,
                         GtkWidget *dashboard)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = lk_training_items_list (f->trainer, f->exercise, "tim", &error);
  g_autoptr(LkTrainingItem) item = g_list_model_get_item (items, 0);
  GtkWidget *window, *panel, *row;

  gtk_widget_activate_action (dashboard, "dashboard.features", "(xs)",
                              lk_training_item_get_id (item), "tim");
  window = window_titled ("Pair pair-1 by tim");
  g_assert_nonnull (window);
  panel = lk_test_find_type (window, LK_TYPE_FEATURE_PANEL);
  g_assert_nonnull (panel);
  row = lk_test_find (panel, ADW_TYPE_EXPANDER_ROW, "Fissure shape and tilt");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "Similar");
  g_assert_false (lk_feature_panel_set_result (LK_FEATURE_PANEL (panel), "eyes.fissure",
                                               "dissimilar"));
  maybe_shoot (window, "training-dashboard-features.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The trainee's PDF summary from the dashboard, the history chart, and a competency proposal
 * from the passed exercise that the administrator confirms on the Competency page. */
static void
summary_and_proposal (Fixture   *f,
                      GtkWidget *dashboard)
{
  g_autofree char *pdf = g_build_filename (f->folder, "summary.pdf", NULL);
  g_autofree char *bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) records = NULL;
  GtkWidget *dialog, *window, *page, *history;
  gsize length;

  /* Written in a worker thread while the dashboard says so. */
  lk_training_dashboard_report (LK_TRAINING_DASHBOARD (dashboard), "tim", pdf);
  g_assert_true (lk_training_dashboard_get_busy (LK_TRAINING_DASHBOARD (dashboard)));
  g_assert_true (lk_test_find (dashboard, GTK_TYPE_LABEL, "Writing the summary of tim…") != NULL);
  g_assert_true (lk_test_wait (report_done, dashboard, 30000));
  g_assert_true (g_file_get_contents (pdf, &bytes, &length, NULL));
  g_assert_true (length > 1000 && g_str_has_prefix (bytes, "%PDF-"));
  history = lk_test_find (dashboard, GTK_TYPE_LABEL, "History Over Time");
  g_assert_nonnull (history);
  g_assert_true (LK_IS_TRAINING_CHART (gtk_widget_get_next_sibling (history)));
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (history, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v));
    maybe_shoot (gtk_widget_get_ancestor (dashboard, GTK_TYPE_WINDOW),
                 "training-dashboard-history.png");
  }
  /* Passed: AUC 1 and no false "same" of 1 non-mated pair. */
  g_assert_true (lk_test_wait_shown_containing (dashboard, "Passed: 2 of 2 items submitted",
                                                5000));
  gtk_widget_activate_action (dashboard, "dashboard.propose", "s", "tim");
  dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "propose");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (lk_test_sql_int64 (f->store, "SELECT count(*) FROM training_proposals"
                                                " WHERE kind = 'examiner' AND decision IS NULL"),
                   ==, 1);
  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  page = g_object_new (LK_TYPE_COMPETENCY_PAGE, NULL);
  adw_window_set_content (ADW_WINDOW (window), adw_toast_overlay_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (adw_window_get_content (ADW_WINDOW (window))),
                               page);
  gtk_window_present (GTK_WINDOW (window));
  lk_competency_page_set_session (LK_COMPETENCY_PAGE (page), f->admin);
  g_assert_true (lk_test_wait_shown (window, "Proposed from Training", 5000));
  g_assert_true (lk_test_wait_shown (window, "tim · Examiner", 5000));
  maybe_shoot (window, "training-competency-proposal.png");
  /* A trainee touches no casework: the administrator makes tim an examiner, then confirms. */
  g_assert_true (lk_users_set_roles (f->admin, "tim", LK_ROLE_EXAMINER, &error));
  g_assert_no_error (error);
  gtk_widget_activate_action (page, "competency.confirm", "x",
                              lk_test_sql_int64 (f->store, "SELECT id FROM training_proposals"));
  records = lk_competencies_list (f->admin, "tim", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (records), ==, 1);
  g_assert_false (gtk_widget_get_visible (lk_test_find (window, GTK_TYPE_LABEL,
                                                        "Proposed from Training")));
  lk_test_destroy_window (window, page, NULL);
}

static void
test_dashboard (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *csv_path = g_build_filename (f->folder, "ratings.csv", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) points = NULL;
  GtkWidget *dashboard, *chart;
  GPtrArray *results;

  conclude (f, 0, 3);
  conclude (f, 1, -1);
  lk_training_page_set_session (f->page, f->trainer);
  g_assert_true (lk_test_wait_shown (f->window, "2 items · 1 assigned · 2 answers submitted",
                                     5000));
  g_assert_true (lk_test_wait_shown (f->window, "Import Exercise…", 5000));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "training.open-exercise", "x", f->exercise);
  assert_view (f->page, "dashboard");
  dashboard = lk_training_page_get_dashboard (f->page);
  results = lk_training_dashboard_get_results (LK_TRAINING_DASHBOARD (dashboard));
  g_assert_cmpuint (results->len, ==, 1);
  /* One mated at +3 above one non-mated at -1: AUC 1; nothing at the cuts wrong; the
   * non-mated -1 is inconclusive: 1 of 1. */
  g_assert_true (lk_test_wait_shown (dashboard, "1.000", 5000));
  g_assert_true (lk_test_wait_shown (dashboard, "100.0 % (1 of 1)", 5000));
  g_assert_true (lk_test_wait_shown (dashboard, "0.0 % (0 of 1)", 5000));
  chart = lk_test_find_type (dashboard, LK_TYPE_TRAINING_CHART);
  g_assert_nonnull (chart);
  points = lk_training_chart_roc_points (LK_TRAINING_CHART (chart));
  g_assert_nonnull (points);
  /* Cuts +4 .. -3 on the seven levels: eight points from (0, 0) to (1, 1). */
  g_assert_cmpuint (points->len, ==, 8);
  g_assert_cmpfloat (g_array_index (points, graphene_point_t, 0).x, ==, 0);
  g_assert_cmpfloat (g_array_index (points, graphene_point_t, 7).y, ==, 1);
  maybe_shoot (f->window, "training-dashboard.png");
  g_assert_true (lk_training_dashboard_export (LK_TRAINING_DASHBOARD (dashboard), csv_path,
                                               &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "trainee,item,mated,rating,seconds\ntim,pair-1,1,3,"));
  g_assert_nonnull (strstr (csv, "\ntim,pair-2,0,-1,"));
  g_assert_cmpuint (lk_test_count_newlines (csv), ==, 3);
  comment_from_dashboard (f, dashboard);
  features_from_dashboard (f, dashboard);
  summary_and_proposal (f, dashboard);
}

static GFile *
portrait_file (Fixture    *f,
               const char *name,
               const char *person,
               int         width,
               double      degrees)
{
  g_autoptr(GBytes) bytes = portrait (person, width, degrees);
  g_autofree char *path = g_build_filename (f->folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GtkWidget *
find_tooltip (GtkWidget  *root,
              const char *tooltip)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_tooltip (c, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
exercise_exists (gpointer data)
{
  Fixture *f = data;

  return lk_test_sql_int64 (f->store, "SELECT count(*) FROM training_exercises"
                                      " WHERE name = 'Picked pairs'") == 1;
}

/* A trainer creates an exercise from pairs picked in the dialog, without a folder. */
static void
test_new_exercise (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GFile) a = portrait_file (f, "a.jpg", "grace_hopper.jpg", 280, 0);
  g_autoptr(GFile) b = portrait_file (f, "b.jpg", "grace_hopper.jpg", 220, 3);
  g_autoptr(GFile) c = portrait_file (f, "c.jpg", "astronaut.png", 240, -2);
  LkTrainingExerciseDialog *dialog;
  GtkWidget *row;

  lk_training_page_set_session (f->page, f->trainer);
  g_assert_true (lk_test_wait_shown (f->window, "New Exercise…", 5000));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "training.new-exercise", NULL);
  dialog = LK_TRAINING_EXERCISE_DIALOG (lk_test_find_window (LK_TYPE_TRAINING_EXERCISE_DIALOG));
  g_assert_nonnull (dialog);
  lk_training_exercise_dialog_add_pair (dialog, a, b, TRUE, "easy");
  lk_training_exercise_dialog_add_pair (dialog, a, c, FALSE, "hard");
  lk_training_exercise_dialog_add_pair (dialog, b, c, FALSE, "medium");
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (dialog), "Pair 3", 5000));
  maybe_shoot (GTK_WIDGET (dialog), "training-new-exercise.png");
  /* Removing the second pair renumbers the rest. */
  row = lk_test_find (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Pair 2");
  g_signal_emit_by_name (find_tooltip (row, "Remove the pair"), "clicked");
  g_assert_cmpuint (lk_training_exercise_dialog_get_n_pairs (dialog), ==, 2);
  g_assert_nonnull (lk_test_find (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Pair 2"));
  g_assert_null (lk_test_find (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Pair 3"));
  /* Without instructions the core refuses, and the dialog says so. */
  lk_test_set_text (GTK_WIDGET (dialog), "Name", "Picked pairs");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "exercise-dialog.create", NULL);
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (dialog), "The exercise needs instructions",
                                     10000));
  lk_test_set_text (GTK_WIDGET (dialog), "Instructions for the trainees", "Compare each pair.");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "exercise-dialog.create", NULL);
  g_assert_true (lk_test_wait (exercise_exists, f, 10000));
  g_assert_true (lk_test_wait_closed (LK_TYPE_TRAINING_EXERCISE_DIALOG, 5000));
  g_assert_cmpint (lk_test_sql_int64 (f->store, "SELECT count(*) FROM training_items i"
                                                " JOIN training_exercises e ON e.id = i.exercise_id"
                                                " WHERE e.name = 'Picked pairs'"), ==, 2);
  g_assert_cmpint (lk_test_sql_int64 (f->store, "SELECT mated FROM training_items"
                                                " WHERE pair_id = '2' AND difficulty = 'medium'"),
                   ==, 0);
  g_assert_true (lk_test_wait_shown (f->window, "Picked pairs", 5000));
}

static gboolean
generated_exists (gpointer data)
{
  Fixture *f = data;

  return lk_test_sql_int64 (f->store, "SELECT count(*) FROM training_items i"
                                      " JOIN training_exercises e ON e.id = i.exercise_id"
                                      " WHERE e.name = 'Generated' AND i.difficulty = 'hard'")
         == 4;
}

/* The same dialog generates the pairs from a labelled gallery (the ORL faces of
 * LIKENESS_SHARED_DATA, persons s1..s4 with three images each). */
static void
test_generate_exercise (Fixture       *f,
                        gconstpointer  data)
{
  const char *shared = g_getenv ("LIKENESS_SHARED_DATA");
  g_autofree char *orl = g_build_filename (shared != NULL ? shared : "/nonexistent", "data",
                                           "faces", "orl", NULL);
  g_autofree char *gallery = g_build_filename (f->folder, "gallery", NULL);
  LkTrainingExerciseDialog *dialog;

  if (shared == NULL || *shared == '\0' || !g_file_test (orl, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("The ORL faces are not available: set LIKENESS_SHARED_DATA");
      return;
    }
  for (guint p = 1; p <= 4; p++)
    for (guint i = 1; i <= 3; i++)
      {
        g_autofree char *person = g_strdup_printf ("s%u", p);
        g_autofree char *file = g_strdup_printf ("%u.pgm", i);
        g_autofree char *folder = g_build_filename (gallery, person, NULL);
        g_autofree char *from = g_build_filename (orl, person, file, NULL);
        g_autofree char *to = g_build_filename (folder, file, NULL);

        g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
        g_assert_cmpint (symlink (from, to), ==, 0);
      }
  lk_training_page_set_session (f->page, f->trainer);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "training.new-exercise", NULL);
  dialog = LK_TRAINING_EXERCISE_DIALOG (lk_test_find_window (LK_TYPE_TRAINING_EXERCISE_DIALOG));
  g_assert_nonnull (dialog);
  lk_test_set_text (GTK_WIDGET (dialog), "Name", "Generated");
  lk_test_set_text (GTK_WIDGET (dialog), "Instructions for the trainees", "Compare each pair.");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "exercise-dialog.generate", NULL);
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (dialog), "Choose the gallery folder first",
                                     5000));
  lk_training_exercise_dialog_set_gallery (dialog, gallery);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (lk_test_find_type (
    lk_test_find (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Pairs"), GTK_TYPE_SPIN_BUTTON)), 4);
  adw_combo_row_set_selected (ADW_COMBO_ROW (lk_test_find (GTK_WIDGET (dialog),
                                                           ADW_TYPE_COMBO_ROW, "Difficulty")), 3);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "exercise-dialog.generate", NULL);
  g_assert_true (lk_test_wait (generated_exists, f, 60000));
  g_assert_true (lk_test_wait_closed (LK_TYPE_TRAINING_EXERCISE_DIALOG, 5000));
  g_assert_cmpint (lk_test_sql_int64 (f->store, "SELECT count(*) FROM training_items"
                                                " WHERE mated = 1 AND difficulty = 'hard'"), ==, 2);
}

/* An item opened longer ago than the limit says that the time is over, before submitting. */
static void
test_over_time (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = lk_training_items_list (f->trainee, f->exercise, NULL, &error);
  g_autoptr(LkTrainingItem) item = g_list_model_get_item (items, 1);
  g_autoptr(LkTrainingItem) opened = lk_training_item_open (f->trainee,
                                                            lk_training_item_get_id (item),
                                                            &error);
  GtkWidget *view;

  g_assert_no_error (error);
  g_assert_true (lk_store_exec (f->store, "UPDATE training_attempts"
                                          " SET opened_at = '2020-01-01T00:00:00.000000Z'",
                                &error));
  g_assert_no_error (error);
  lk_training_page_set_session (f->page, f->trainee);
  g_assert_true (lk_test_wait_shown_containing (f->window, "0 of 2 items submitted", 5000));
  activate_row (f->window, EXERCISE);
  assert_view (f->page, "items");
  g_assert_true (lk_test_wait_shown (f->window, "Pair pair-2", 5000));
  activate_row (f->window, "Pair pair-2");
  assert_view (f->page, "item");
  view = lk_training_page_get_item_view (f->page);
  g_assert_true (g_str_has_prefix (lk_training_item_view_get_time_text (LK_TRAINING_ITEM_VIEW
                                                                        (view)),
                                   "Time is over by "));
  g_assert_true (lk_training_item_view_choose (LK_TRAINING_ITEM_VIEW (view), -2, "Late", ""));
  gtk_widget_activate_action (view, "training-item.submit", NULL);
  g_assert_true (lk_test_wait_shown_containing (view, "s allowed: over time", 5000));
  g_assert_cmpstr (lk_training_item_view_get_time_text (LK_TRAINING_ITEM_VIEW (view)), ==,
                   "Submitted over the time limit");
  g_assert_cmpint (lk_test_sql_int64 (f->store, "SELECT over_time FROM training_attempts"), ==,
                   1);
}

static void
test_others (Fixture       *f,
             gconstpointer  data)
{
  lk_training_page_set_session (f->page, f->admin);
  g_assert_true (lk_test_wait_shown_containing (f->window, "Training is for trainers and "
                                                           "trainees", 5000));
}

int
main (int    argc,
      char **argv)
{
  lk_test_ui_init (&argc, &argv);
  g_test_add ("/likeness/training/trainee-path", Fixture, NULL, fixture_set_up,
              test_trainee_path, fixture_tear_down);
  g_test_add ("/likeness/training/dashboard", Fixture, NULL, fixture_set_up, test_dashboard,
              fixture_tear_down);
  g_test_add ("/likeness/training/others", Fixture, NULL, fixture_set_up, test_others,
              fixture_tear_down);
  g_test_add ("/likeness/training/over-time", Fixture, NULL, fixture_set_up, test_over_time,
              fixture_tear_down);
  g_test_add ("/likeness/training/new-exercise", Fixture, NULL, fixture_set_up,
              test_new_exercise, fixture_tear_down);
  g_test_add ("/likeness/training/generate-exercise", Fixture, NULL, fixture_set_up,
              test_generate_exercise, fixture_tear_down);
  return g_test_run ();
}
