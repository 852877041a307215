/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A trainee annotates a training item with casework's tools (the Annotate menu, clicks on the
 * images, the feature panel's link, removal), in training's own table; the submission freezes
 * them; the trainer's review shows them over the pair, read-only, beside the feature comparison
 * without its hint about keys. With LIKENESS_TEST_SHOTS set to a folder, the views are also
 * saved there as PNGs to look at. */
#include "config.h"

#include "lk-annotator.h"
#include "lk-feature-panel.h"
#include "lk-test-training.h"
#include "lk-training-item-view.h"
#include "lk-training-page.h"
#include "lk-training-review.h"

#define KEYS_HINT "Morphological comparison, component by component. With a characteristic " \
                  "focused: S similar, D dissimilar, N not assessable, X explainable " \
                  "difference; C class, I individualising."

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) a = portrait ("grace_hopper.jpg", 300, 0);
  g_autoptr(GBytes) b = portrait ("grace_hopper.jpg", 240, 4);
  LkTrainingPair pairs[] = { { "pair-1", a, b, TRUE, "easy", "One portrait, scaled twice" } };
  LkTrainingExerciseSpec spec = { "Charting", "Chart what you compare.", NULL, 0 };

  training_fixture_set_up (f, &spec, pairs, G_N_ELEMENTS (pairs), 1400, 900);
}

/* Both images shown, side by side, laid out: a click lands where the user sees them. */
static gboolean
images_shown (gpointer data)
{
  LkCompareView *compare = lk_training_item_view_get_compare (data);
  LkImageView *a = lk_compare_view_get_probe_view (compare);
  LkImageView *b = lk_compare_view_get_candidate_view (compare);

  return lk_image_view_get_pyramid (a) != NULL && lk_image_view_get_pyramid (b) != NULL &&
         gtk_widget_get_width (GTK_WIDGET (a)) > 0 && gtk_widget_get_width (GTK_WIDGET (b)) > 0;
}

/* A click on the compare view at an original point of image A (0) or B (1), as the user
 * makes it: every click gesture of the view hears it. */
static void
click_image (LkCompareView *compare,
             int            image,
             double         x,
             double         y)
{
  LkImageView *view = image == 0 ? lk_compare_view_get_probe_view (compare)
                                 : lk_compare_view_get_candidate_view (compare);
  GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (compare));
  graphene_point_t at;
  double wx, wy;

  lk_image_view_image_to_widget (view, x, y, &wx, &wy);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (compare),
                                           &GRAPHENE_POINT_INIT (wx, wy), &at));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (c))
        g_signal_emit_by_name (c, "pressed", 1, at.x, at.y);
    }
  g_object_unref (controllers);
}

static gint64
count (Fixture    *f,
       const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM training_annotations WHERE %s",
                                          where);

  return lk_test_sql_int64 (f->store, sql);
}

static GtkWidget *
open_item (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = lk_training_items_list (f->trainee, f->exercise, NULL, &error);
  g_autoptr(LkTrainingItem) item = g_list_model_get_item (items, 0);
  GtkWidget *view;

  g_assert_no_error (error);
  lk_training_page_set_session (f->page, f->trainee);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "training.open-exercise", "x", f->exercise);
  lk_test_spin (200);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "training.open-item", "x",
                              lk_training_item_get_id (item));
  view = lk_training_page_get_item_view (f->page);
  g_assert_true (lk_test_wait (images_shown, view, 10000));
  lk_test_spin (200);
  return view;
}

/* Paired markers, a rectangle linked to the open characteristic, a removal; the Annotate menu
 * says the tool, the database holds it all as training's. */
static void
chart (Fixture   *f,
       GtkWidget *view)
{
  LkCompareView *compare = lk_training_item_view_get_compare (LK_TRAINING_ITEM_VIEW (view));
  GtkWidget *tool_button = lk_test_find_type (view, GTK_TYPE_MENU_BUTTON);
  GtkWidget *panel = lk_test_find_type (view, LK_TYPE_FEATURE_PANEL);
  GActionGroup *actions;

  g_assert_nonnull (tool_button);
  g_assert_true (gtk_widget_is_sensitive (tool_button));
  g_assert_true (gtk_widget_is_visible (lk_test_find (panel, GTK_TYPE_LABEL, KEYS_HINT)));
  g_assert_true (gtk_widget_activate_action (view, "annotate.tool", "s", "marker"));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (tool_button)), ==,
                   "Paired Marker");
  click_image (compare, 0, 120, 110);
  click_image (compare, 1, 95, 90);
  g_assert_cmpint (count (f, "kind = 'marker' AND pair = 1 AND deleted_at IS NULL"), ==, 2);
  g_assert_cmpint (count (f, "image = 'a'"), ==, 1);
  /* A rectangle, two corners on image A, linked to the characteristic open in the panel. */
  lk_feature_panel_show (LK_FEATURE_PANEL (panel), "eyes.fissure");
  g_assert_true (gtk_widget_activate_action (view, "annotate.tool", "s", "rectangle"));
  click_image (compare, 0, 30, 30);
  click_image (compare, 0, 90, 70);
  g_assert_cmpint (count (f, "kind = 'rectangle' AND characteristic = 'eyes.fissure'"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (lk_annotator_get_annotations (
                      lk_training_item_view_get_annotator (LK_TRAINING_ITEM_VIEW (view)))), ==, 3);
  g_assert_true (lk_test_wait_shown (panel, "1 annotation", 5000));
  lk_test_shoot (f->window, "training-item-annotated.png");
  /* With no tool a click selects; Delete removes (kept on record). */
  g_assert_true (gtk_widget_activate_action (view, "annotate.tool", "s", "none"));
  click_image (compare, 0, 120, 110);
  actions = lk_annotator_get_actions (
    lk_training_item_view_get_annotator (LK_TRAINING_ITEM_VIEW (view)));
  g_assert_nonnull (actions);
  g_assert_true (g_action_group_get_action_enabled (actions, "delete"));
  g_assert_true (gtk_widget_activate_action (view, "annotate.delete", NULL));
  g_assert_cmpint (count (f, "kind = 'marker' AND deleted_at IS NOT NULL"), ==, 2);
  g_assert_cmpint (lk_test_sql_int64 (f->store, "SELECT count(*) FROM annotations"), ==, 0);
  g_assert_cmpint (lk_test_sql_int64 (f->store, "SELECT count(*) FROM audit_event WHERE action"
                                                " = 'training.annotation.added'"), ==, 3);
}

static void
test_annotate_and_review (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *view, *tool_button, *panel;
  LkTrainingReview *review;
  GActionGroup *actions;

  view = open_item (f);
  chart (f, view);
  /* The submission freezes them: the tools go, what was charted stays. */
  g_assert_true (lk_training_item_view_choose (LK_TRAINING_ITEM_VIEW (view), 2, "Frontal", ""));
  gtk_widget_activate_action (view, "training-item.submit", NULL);
  g_assert_true (lk_test_wait_shown (view, "Mated: the same person · difficulty easy", 5000));
  tool_button = lk_test_find_type (view, GTK_TYPE_MENU_BUTTON);
  g_assert_false (gtk_widget_is_sensitive (tool_button));
  actions = lk_annotator_get_actions (
    lk_training_item_view_get_annotator (LK_TRAINING_ITEM_VIEW (view)));
  g_assert_false (g_action_group_get_action_enabled (actions, "tool"));
  g_assert_false (g_action_group_get_action_enabled (actions, "undo"));
  g_assert_cmpuint (g_list_model_get_n_items (lk_annotator_get_annotations (
                      lk_training_item_view_get_annotator (LK_TRAINING_ITEM_VIEW (view)))), ==, 1);

  /* The trainer's review: the rectangle over the pair, the panel read-only without the keys. */
  review = lk_training_review_new (f->trainer, lk_test_sql_int64 (f->store, "SELECT min (id)"
                                                                   " FROM training_items"),
                                   "tim", &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (review));
  g_assert_true (lk_test_wait ((LkTestCondition) lk_training_review_is_loaded, review, 10000));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (review)), ==, "Pair pair-1 by tim");
  g_assert_cmpuint (g_list_model_get_n_items (lk_training_review_get_annotations (review)), ==, 1);
  g_assert_true (lk_test_wait_shown_containing (GTK_WIDGET (review), "1 annotation", 5000));
  panel = lk_test_find_type (GTK_WIDGET (review), LK_TYPE_FEATURE_PANEL);
  g_assert_nonnull (panel);
  g_assert_false (gtk_widget_is_visible (lk_test_find (panel, GTK_TYPE_LABEL, KEYS_HINT)));
  g_assert_false (lk_feature_panel_set_result (LK_FEATURE_PANEL (panel), "eyes.fissure",
                                               "similar"));
  lk_test_shoot (GTK_WIDGET (review), "training-review.png");
  lk_test_destroy_window (review, NULL);
}

int
main (int   argc,
      char *argv[])
{
  lk_test_ui_init (&argc, &argv);
  g_test_add ("/likeness/training-annotations/annotate-and-review", Fixture, NULL,
              fixture_set_up, test_annotate_and_review, fixture_tear_down);
  return g_test_run ();
}
