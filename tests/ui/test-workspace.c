/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The examination workspace: modes, opacity, lock, wipe, alignment and eye markers, annotations
 * both ways with the features, dragging and labelling them, going to the next retained candidate.
 * */
#include "config.h"

#include "lk-test-workspace.h"

static gboolean
flickered (gpointer data)
{
  Phase *phase = data;

  return lk_compare_view_get_flicker_phase (phase->compare) != phase->start;
}

/* Emits a drag of the compare view from the original point (x, y) of @image by (dx, dy) screen
 * pixels, as the pointer would. */
static void
drag_image_point (Fixture    *f,
                  const char *image,
                  double      x,
                  double      y,
                  double      dx,
                  double      dy)
{
  LkCompareView *compare = lk_workspace_get_compare_view (f->workspace);
  GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (compare));
  graphene_point_t at = compare_point (f, image, x, y);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_GESTURE_DRAG (c))
        continue;
      g_signal_emit_by_name (c, "drag-begin", (double) at.x, (double) at.y);
      g_signal_emit_by_name (c, "drag-update", dx, dy);
      g_signal_emit_by_name (c, "drag-end", dx, dy);
    }
  g_object_unref (controllers);
}

static void
marker_point (Fixture *f,
              gint64   exam,
              gint64   id,
              double  *x,
              double  *y)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = lk_examinations_get (f->examiner, exam, &error);
  JsonArray *all = json_object_get_array_member (o, "annotations");

  g_assert_no_error (error);
  *x = *y = -1;
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *a = json_array_get_object_element (all, i);
      JsonArray *p;

      if (json_object_get_int_member (a, "id") != id)
        continue;
      p = json_array_get_array_element (json_object_get_array_member (a, "geometry"), 0);
      *x = json_array_get_double_element (p, 0);
      *y = json_array_get_double_element (p, 1);
    }
}

static void
on_navigate (LkWorkspace *workspace,
             gint64       candidate,
             gint64      *out)
{
  *out = candidate;
}

static gboolean
label_starting_shown (GtkWidget  *root,
                      const char *prefix)
{
  return find_label_containing (root, prefix) != NULL;
}

static gboolean
too_short_shown (gpointer data)
{
  return label_starting_shown (data, "at least 20 characters");
}

/* The row to write in has the focus, and its text is scrolled into view. */
static gboolean
row_focused_in_view (gpointer data)
{
  GtkWidget *row = data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (row));

  return focus != NULL && gtk_widget_is_ancestor (focus, row) &&
         lk_test_in_view (focus, GTK_WIDGET (gtk_widget_get_root (row)));
}

static void
test_modes (Fixture       *f,
            gconstpointer  data)
{
  LkCompareView *compare;
  GtkWidget *overlay;
  Phase phase = { NULL, FALSE };

  open_workspace (f, 0);
  compare = lk_workspace_get_compare_view (f->workspace);
  phase.compare = compare;
  g_assert_cmpstr (lk_compare_view_get_mode (compare), ==, "side-by-side");

  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.mode", "s", "overlay");
  g_assert_cmpstr (lk_compare_view_get_mode (compare), ==, "overlay");
  overlay = lk_test_find (GTK_WIDGET (f->workspace), GTK_TYPE_TOGGLE_BUTTON, "Overlay");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (overlay)));
  lk_compare_view_set_opacity (compare, 0.7);
  g_assert_cmpfloat_with_epsilon (lk_compare_view_get_opacity (compare), 0.7, 1e-9);
  gtk_widget_activate_action (GTK_WIDGET (compare), "compare.opacity-up", NULL);
  g_assert_cmpfloat_with_epsilon (lk_compare_view_get_opacity (compare), 0.8, 1e-9);

  /* The mode buttons drive the view too. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (lk_test_find (GTK_WIDGET (f->workspace),
                                                                 GTK_TYPE_TOGGLE_BUTTON,
                                                                 "Wipe")), TRUE);
  g_assert_cmpstr (lk_compare_view_get_mode (compare), ==, "wipe");
  lk_compare_view_set_wipe_position (compare, 0.25);
  gtk_widget_activate_action (GTK_WIDGET (compare), "compare.wipe-right", NULL);
  g_assert_cmpfloat_with_epsilon (lk_compare_view_get_wipe_position (compare), 0.30, 1e-9);

  /* Flicker alternates the images on its own. */
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.mode", "s", "flicker");
  phase.start = lk_compare_view_get_flicker_phase (compare);
  g_assert_true (lk_test_wait (flickered, &phase, 5000));
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.mode", "s", "difference");
  g_assert_cmpstr (lk_compare_view_get_mode (compare), ==, "difference");
}

static void
test_lock (Fixture       *f,
           gconstpointer  data)
{
  LkCompareView *compare;
  LkImageView *probe, *candidate;

  open_workspace (f, 0);
  compare = lk_workspace_get_compare_view (f->workspace);
  probe = lk_compare_view_get_probe_view (compare);
  candidate = lk_compare_view_get_candidate_view (compare);
  g_assert_true (lk_compare_view_get_locked (compare));
  lk_image_view_set_zoom (probe, 2.0);
  g_assert_cmpfloat_with_epsilon (lk_image_view_get_zoom (candidate), 2.0, 1e-9);
  lk_compare_view_set_locked (compare, FALSE);
  lk_image_view_set_zoom (probe, 4.0);
  g_assert_cmpfloat_with_epsilon (lk_image_view_get_zoom (candidate), 2.0, 1e-9);
}

static void
test_alignment_and_time (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JsonObject) exam = NULL;
  g_autoptr(GError) error = NULL;

  open_workspace (f, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.align", NULL);
  exam = lk_examinations_get (f->examiner, lk_workspace_get_examination (f->workspace), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (exam, "alignment")));
}

static void
test_eye_markers_realign (Fixture       *f,
                          gconstpointer  data)
{
  LkCompareView *compare;
  LkPoint probe[2], candidate[2];
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  JsonObject *t1, *t2;

  open_workspace (f, 0);
  compare = lk_workspace_get_compare_view (f->workspace);
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.align", NULL);
  before = lk_examinations_get (f->examiner, lk_workspace_get_examination (f->workspace), NULL);
  /* Drag a candidate eye ten pixels, as the examiner corrects the detector. */
  lk_compare_view_get_eye_markers (compare, probe, candidate);
  candidate[1].x += 10;
  lk_compare_view_set_eye_markers (compare, probe, candidate);
  g_signal_emit_by_name (compare, "eyes-moved");
  after = lk_examinations_get (f->examiner, lk_workspace_get_examination (f->workspace), NULL);
  t1 = json_object_get_object_member (json_object_get_object_member (before, "alignment"),
                                      "transform");
  t2 = json_object_get_object_member (json_object_get_object_member (after, "alignment"),
                                      "transform");
  g_assert_cmpfloat (fabs (json_object_get_double_member (t1, "a") -
                           json_object_get_double_member (t2, "a")), >, 1e-6);
}

static void
test_annotation_links_feature (Fixture       *f,
                               gconstpointer  data)
{
  LkFeaturePanel *panel;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) point = json_array_new ();
  g_autoptr(JsonArray) geometry = json_array_new ();
  g_autoptr(LkExamination) exam = NULL;
  g_autoptr(JsonArray) observations = NULL;
  LkAnnotationSpec spec = { "probe", "marker", 0, geometry, NULL, "nose.bridge" };
  gint64 exam_id, annotation;
  gboolean linked = FALSE;

  open_workspace (f, 0);
  exam_id = lk_workspace_get_examination (f->workspace);
  panel = LK_FEATURE_PANEL (lk_test_find_type (GTK_WIDGET (f->workspace), LK_TYPE_FEATURE_PANEL));
  json_array_add_double_element (point, 250);
  json_array_add_double_element (point, 300);
  json_array_add_array_element (geometry, json_array_ref (point));
  annotation = lk_examinations_add_annotation (f->examiner, exam_id, &spec, &error);
  g_assert_no_error (error);

  /* Jumping to the feature opens its row and records the link with the observation. */
  exam = lk_examinations_get_examination (f->examiner, exam_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lk_annotation_list_find (lk_examination_get_annotations (exam), annotation));
  lk_feature_panel_set_annotations (panel, lk_examination_get_annotations (exam));
  lk_feature_panel_show (panel, "nose.bridge");
  g_assert_cmpstr (lk_feature_panel_get_current (panel), ==, "nose.bridge");
  observations = lk_observations_get (f->examiner, exam_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (observations); i++)
    {
      JsonObject *o = json_array_get_object_element (observations, i);
      JsonArray *ids;

      if (g_strcmp0 (json_object_get_string_member (o, "characteristic"), "nose.bridge") != 0)
        continue;
      ids = json_object_get_array_member (o, "annotations");
      for (guint j = 0; ids && j < json_array_get_length (ids); j++)
        linked |= json_array_get_int_element (ids, j) == annotation;
    }
  g_assert_true (linked);

  /* Added outside the workspace: it offers no removal until it reads the examination again,
   * as aligning does. */
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.undo-annotation", NULL);
  g_clear_object (&exam);
  exam = lk_examinations_get_examination (f->examiner, exam_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lk_annotation_list_find (lk_examination_get_annotations (exam), annotation));
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.align", NULL);
  /* Ctrl+Z removes it again: a soft delete, gone from the examination's annotations. */
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.undo-annotation", NULL);
  g_clear_object (&exam);
  exam = lk_examinations_get_examination (f->examiner, exam_id, &error);
  g_assert_no_error (error);
  g_assert_null (lk_annotation_list_find (lk_examination_get_annotations (exam), annotation));
}

/* Both ways between the images and the feature list: a click on an annotation selects it with
 * its pair and opens its characteristic; a characteristic's button highlights its
 * annotations; an unlinked annotation is linked to the open characteristic. */
static void
test_annotations_and_features_both_ways (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 exam = lk_examinations_open (f->examiner, f->candidates[0], &error);
  gint64 probe_marker, candidate_marker, loose;
  LkCompareView *compare;
  LkFeaturePanel *panel;
  guint n = 0;

  g_assert_no_error (error);
  probe_marker = add_marker (f, exam, "probe", 250, 300, "nose.bridge");
  candidate_marker = add_marker (f, exam, "candidate", 60, 70, "nose.bridge");
  loose = add_marker (f, exam, "probe", 150, 120, NULL);
  open_workspace (f, 0);
  compare = lk_workspace_get_compare_view (f->workspace);
  panel = LK_FEATURE_PANEL (lk_test_find_type (GTK_WIDGET (f->workspace), LK_TYPE_FEATURE_PANEL));
  g_assert_true (lk_test_wait (laid_out, f->workspace, 5000));

  /* Image to feature: the probe's marker, and with it its partner on the candidate. */
  click_image_point (f, "probe", 250, 300);
  g_assert_true (is_selected (compare, probe_marker));
  g_assert_true (is_selected (compare, candidate_marker));
  g_assert_false (is_selected (compare, loose));
  g_assert_cmpstr (lk_feature_panel_get_current (panel), ==, "nose.bridge");

  /* A click away from every annotation clears the selection. */
  click_image_point (f, "probe", 10, 10);
  lk_compare_view_get_selected (compare, &n);
  g_assert_cmpuint (n, ==, 0);

  /* Feature to image: the row's button names the count and highlights both markers. */
  lk_test_click (GTK_WIDGET (panel), "2 annotations");
  lk_compare_view_get_selected (compare, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (is_selected (compare, probe_marker) && is_selected (compare, candidate_marker));

  /* The loose marker: selected by a click, then linked to the open characteristic. */
  lk_feature_panel_show (panel, "eyes.fissure");
  click_image_point (f, "probe", 150, 120);
  g_assert_true (is_selected (compare, loose));
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.link-annotation", NULL);
  {
    g_autoptr(JsonObject) o = lk_examinations_get (f->examiner, exam, &error);
    JsonArray *all = json_object_get_array_member (o, "annotations");
    const char *link = NULL;

    g_assert_no_error (error);
    for (guint i = 0; i < json_array_get_length (all); i++)
      if (json_object_get_int_member (json_array_get_object_element (all, i), "id") == loose)
        link = json_object_get_string_member (json_array_get_object_element (all, i),
                                              "characteristic");
    g_assert_cmpstr (link, ==, "eyes.fissure");
  }
  g_assert_nonnull (lk_test_find (GTK_WIDGET (panel), GTK_TYPE_BUTTON, "1 annotation"));
}

/* With no tool, a drag moves an annotation (stored, in image pixels); a twitch of a pixel or
 * two does not. */
static void
test_drag_annotation (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 exam = lk_examinations_open (f->examiner, f->candidates[0], &error);
  LkImageView *probe;
  gint64 marker;
  double x, y, zoom;

  g_assert_no_error (error);
  marker = add_marker (f, exam, "probe", 250, 300, NULL);
  open_workspace (f, 0);
  g_assert_true (lk_test_wait (laid_out, f->workspace, 5000));
  probe = lk_compare_view_get_probe_view (lk_workspace_get_compare_view (f->workspace));
  zoom = lk_image_view_get_zoom (probe);

  drag_image_point (f, "probe", 250, 300, 2, 0);
  marker_point (f, exam, marker, &x, &y);
  g_assert_cmpfloat (x, ==, 250);

  drag_image_point (f, "probe", 250, 300, 40, -20);
  marker_point (f, exam, marker, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 250 + 40 / zoom, 0.5);
  g_assert_cmpfloat_with_epsilon (y, 300 - 20 / zoom, 0.5);
}

/* A selected annotation gets a label through the workspace's dialog; the label is stored. */
static void
test_label_annotation (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 exam = lk_examinations_open (f->examiner, f->candidates[0], &error);
  g_autoptr(JsonObject) o = NULL;
  GtkWidget *dialog;
  JsonArray *all;
  gint64 marker;
  const char *label = NULL;

  g_assert_no_error (error);
  marker = add_marker (f, exam, "probe", 250, 300, NULL);
  open_workspace (f, 0);
  g_assert_true (lk_test_wait (laid_out, f->workspace, 5000));
  click_image_point (f, "probe", 250, 300);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->workspace),
                                             "workspace.label-annotation", NULL));
  dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  lk_test_set_text (dialog, "Label", "Mole below the left eye");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "label");
  o = lk_examinations_get (f->examiner, exam, &error);
  g_assert_no_error (error);
  all = json_object_get_array_member (o, "annotations");
  for (guint i = 0; i < json_array_get_length (all); i++)
    if (json_object_get_int_member (json_array_get_object_element (all, i), "id") == marker)
      label = json_object_get_string_member (json_array_get_object_element (all, i), "label");
  g_assert_cmpstr (label, ==, "Mole below the left eye");
}

static void
test_next_retained (Fixture       *f,
                    gconstpointer  data)
{
  gint64 next = 0;

  open_workspace (f, 0);
  g_signal_connect (f->workspace, "navigate", G_CALLBACK (on_navigate), &next);
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.next", NULL);
  g_assert_cmpint (next, ==, f->candidates[1]);
}

/* A "same person" level with a dissimilar individualising characteristic: the Evaluate step
 * shows the warning, refuses to sign until it is acknowledged in a sentence, then signs. */
static void
test_evaluate_warnings (Fixture       *f,
                        gconstpointer  data)
{
  LkObservationSpec scar = { "scars.location", "visible", "visible", "dissimilar",
                             "individualising", NULL, NULL, 0 };
  LkEvaluateDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(JsonArray) conclusions = NULL;
  Message acknowledge, too_short;
  GtkWidget *warning;
  gint64 signed_id = 0;
  gint64 exam;

  open_workspace (f, 0);
  exam = lk_workspace_get_examination (f->workspace);
  lk_observations_set (f->examiner, exam, &scar, &error);
  g_assert_no_error (error);

  dialog = lk_evaluate_dialog_new (f->examiner, exam, FALSE, &error);
  g_assert_no_error (error);
  g_signal_connect (dialog, "signed", G_CALLBACK (on_signed), &signed_id);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 680, 600);
  gtk_window_present (GTK_WINDOW (dialog));
  /* The observations are summed up before a level is chosen, and none is chosen for the
   * examiner. */
  g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog), "Compared 1 of "));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog), "1 dissimilar"));
  choose_level (GTK_WIDGET (dialog),
                "+1  The observations support to some extent that it is the same person");
  /* The warning appears as the level is chosen, before Sign. */
  g_assert_true (lk_test_wait_shown_containing (GTK_WIDGET (dialog), "The level +1 supports the "
                                                "same person", 5000));
  collect_text_views (GTK_WIDGET (dialog), views);
  set_text (g_ptr_array_index (views, 1),
            "The eye fissures and the nose bridge correspond in shape and proportion; the scar "
            "on the left cheek is absent from the reference image, which is older.");
  set_text (g_ptr_array_index (views, 2), "Low resolution of the probe.");
  lk_test_set_text (GTK_WIDGET (dialog), "Your password", EXAMINER_PASSWORD);

  scroll_to_bottom (GTK_WIDGET (dialog));
  lk_test_click (GTK_WIDGET (dialog), "Sign");
  collect_acknowledgement_rows (GTK_WIDGET (dialog), rows);
  g_assert_cmpuint (rows->len, ==, 1);
  acknowledge = (Message) { GTK_WIDGET (dialog), "Acknowledge each consistency warning in "
                                                 "writing" };
  g_assert_true (lk_test_wait (message_in_view, &acknowledge, 5000));
  g_assert_true (lk_test_wait (row_focused_in_view, g_ptr_array_index (rows, 0), 5000));
  g_assert_cmpint (signed_id, ==, 0);
  /* The warning is read in full, wrapped, not cut short in a row title. */
  warning = find_label_containing (GTK_WIDGET (dialog), "The level +1 supports the same person, "
                                                        "yet individualising characteristics "
                                                        "were found dissimilar (Scars: ");
  g_assert_nonnull (warning);
  g_assert_true (gtk_label_get_wrap (GTK_LABEL (warning)));
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (warning)), ==, PANGO_ELLIPSIZE_NONE);

  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, 0)), "Noted.");
  scroll_to_bottom (GTK_WIDGET (dialog));
  lk_test_click (GTK_WIDGET (dialog), "Sign");
  g_assert_true (lk_test_wait (too_short_shown, dialog, 10000));
  g_assert_cmpint (signed_id, ==, 0);
  too_short = (Message) { GTK_WIDGET (dialog), "(at least 20 characters) why the conclusion "
                                               "stands despite: The level +1 supports" };
  g_assert_true (lk_test_wait (message_in_view, &too_short, 5000));
  /* The draft was refused before the password was tried: it stays for the next Sign. */
  g_assert_cmpstr (password_of (GTK_WIDGET (dialog)), ==, EXAMINER_PASSWORD);

  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, 0)),
                         "The scar is recent: the reference photograph predates the injury.");
  lk_test_click (GTK_WIDGET (dialog), "Sign");
  g_assert_true (lk_test_wait (has_signed, &signed_id, 10000));
  conclusions = lk_conclusions_list (f->examiner, exam, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (conclusions), ==, 1);
  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (),
                                                      json_array_get_object_element (conclusions,
                                                                                     0));
    g_autofree char *text = json_to_string (node, FALSE);

    /* The acknowledgement is kept with the signed conclusion. */
    g_assert_nonnull (strstr (text, "predates the injury"));
  }
}

int
main (int    argc,
      char **argv)
{
  lk_test_ui_init (&argc, &argv);
  ADD ("modes", test_modes);
  ADD ("lock", test_lock);
  ADD ("alignment", test_alignment_and_time);
  ADD ("next-retained", test_next_retained);
  ADD ("eye-markers-realign", test_eye_markers_realign);
  ADD ("evaluate-warnings", test_evaluate_warnings);
  ADD ("drag-annotation", test_drag_annotation);
  ADD ("label-annotation", test_label_annotation);
  ADD ("annotations-and-features-both-ways", test_annotations_and_features_both_ways);
  ADD ("annotation-links-feature", test_annotation_links_feature);
  return g_test_run ();
}
