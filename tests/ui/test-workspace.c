/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The examination workspace: modes, opacity, lock, wipe, alignment, navigation, and the tools
 * a signed conclusion disables. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <math.h>

#include "lk-test-ui.h"
#include "lk-enhance-panel.h"
#include "lk-evaluate-dialog.h"
#include "lk-feature-panel.h"
#include "lk-workspace.h"
#include "store/lk-store-private.h"
#include "candidates/lk-candidates.h"
#include "casework/lk-cases.h"
#include "casework/lk-probes.h"
#include "examination/lk-conclusions.h"
#include "examination/lk-examinations.h"
#include "imaging/lk-cv.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-store.h"
#include "verification/lk-competency.h"

#define ADMIN_PASSWORD "amber lantern 41"
#define EXAMINER_PASSWORD "copper kettle 27"

typedef struct
{
  char        *folder;
  LkStore     *store;
  LkSession   *examiner;
  gint64       probe;
  gint64       candidates[2];
  GtkWidget   *window;
  LkWorkspace *workspace;
} Fixture;

static char *
demo_path (const char *name)
{
  return g_build_filename (g_getenv ("LIKENESS_SOURCE_DIR"), "data", "demo", name, NULL);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *bytes = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (from, &bytes, &size, NULL));
  g_assert_true (g_file_set_contents (to, bytes, (gssize) size, NULL));
}

static char *
write_list (Fixture *f)
{
  g_autofree char *grace = demo_path ("grace_hopper.jpg");
  g_autofree char *astronaut = demo_path ("astronaut.png");
  g_autofree char *c1 = g_build_filename (f->folder, "c1.jpg", NULL);
  g_autofree char *c2 = g_build_filename (f->folder, "c2.png", NULL);
  char *path = g_build_filename (f->folder, "list.json", NULL);

  copy_file (grace, c1);
  copy_file (astronaut, c2);
  g_assert_true (g_file_set_contents (path,
    "{\"format\": \"likeness-candidate-list\", \"version\": 1,"
    " \"engine\": {\"name\": \"E\", \"version\": \"1\"},"
    " \"reference_database\": {\"name\": \"Custody\"},"
    " \"search\": {\"performed_at\": \"2026-11-27T10:00:00Z\", \"max_candidates\": 2},"
    " \"candidates\": [{\"rank\": 1, \"score\": 0.9, \"subject_ref\": \"S-1\", \"image\": \"c1.jpg\"},"
    " {\"rank\": 2, \"score\": 0.5, \"subject_ref\": \"S-2\", \"image\": \"c2.png\"}]}", -1, NULL));
  return path;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) admin = NULL;
  g_autofree char *image = demo_path ("grace_hopper.jpg");
  g_autofree char *still_path = g_build_filename (g_get_tmp_dir (), "unused", NULL);
  LkCaseRequest request = { "W-1", "Workspace", "ROB", "Statute", "Needed.", "DI", "CID", NULL };
  LkProvenance provenance = { "cctv", "video-frame", "PC", "2026-11-20T21:40:00Z", "W 7",
                              "Exhibit", FALSE };
  const char * const components[] = { "eyes", NULL };
  LkAnalysis analysis = { "suitable", NULL, components, "Frontal." };
  g_autoptr(LkCase) c = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autofree char *list_path = NULL;
  gint64 probe;

  f->store = lk_test_store_new (&f->folder, ADMIN_PASSWORD);
  admin = lk_session_login (f->store, "admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  lk_users_add (admin, "erin", "Erin", LK_ROLE_EXAMINER, EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  /* Signing a conclusion needs a current examiner competency record. */
  lk_competencies_add (admin, "erin", "examiner", "2020-01-01", "2099-12-31",
                       "Facial examiner course and proficiency test", &error);
  g_assert_no_error (error);
  lk_reference_db_create (admin, "Custody", "Act s. 3", "external", &error);
  g_assert_no_error (error);
  f->examiner = lk_session_login (f->store, "erin", EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  c = lk_cases_create (f->examiner, &request, &error);
  g_assert_no_error (error);
  probe = lk_probes_import_file (f->examiner, "W-1", image, &provenance, NULL, &error);
  g_assert_no_error (error);
  lk_analysis_lock (f->examiner, probe, &analysis, &error);
  g_assert_no_error (error);
  f->probe = probe;
  list_path = write_list (f);
  lk_candidates_import (f->examiner, probe, list_path, &error);
  g_assert_no_error (error);
  list = lk_candidates_for_probe (f->examiner, probe, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(LkCandidate) candidate = g_list_model_get_item (list, i);

      f->candidates[i] = lk_candidate_get_id (candidate);
      lk_candidates_set_triage (f->examiner, f->candidates[i], "retained", NULL, &error);
      g_assert_no_error (error);
    }
  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  adw_window_set_content (ADW_WINDOW (f->window), adw_toast_overlay_new ());
  gtk_window_present (GTK_WINDOW (f->window));
  (void) still_path;
}

static gboolean
loaded (gpointer data)
{
  return lk_workspace_is_loaded (data);
}

static void
open_workspace (Fixture *f,
                int      which)
{
  g_autoptr(GError) error = NULL;

  f->workspace = lk_workspace_new (f->examiner, f->candidates[which], &error);
  g_assert_no_error (error);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (adw_window_get_content (ADW_WINDOW (f->window))),
                               GTK_WIDGET (f->workspace));
  g_assert_true (lk_test_wait (loaded, f->workspace, 15000));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lk_test_destroy_window (f->window, f->workspace, NULL);
  g_clear_object (&f->examiner);
  /* No widget kept a session: the database closes. */
  lk_test_unref_finalized (g_steal_pointer (&f->store));
  lk_test_remove_folder (f->folder);
  g_free (f->folder);
}

typedef struct
{
  LkCompareView *compare;
  gboolean       start;
} Phase;

static gboolean
flickered (gpointer data)
{
  Phase *phase = data;

  return lk_compare_view_get_flicker_phase (phase->compare) != phase->start;
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

static gint64
add_marker (Fixture    *f,
            gint64      exam,
            const char *image,
            double      x,
            double      y,
            const char *characteristic)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) point = json_array_new ();
  g_autoptr(JsonArray) geometry = json_array_new ();
  LkAnnotationSpec spec = { image, "marker", 0, geometry, NULL, characteristic };
  gint64 id;

  json_array_add_double_element (point, x);
  json_array_add_double_element (point, y);
  json_array_add_array_element (geometry, json_array_ref (point));
  id = lk_examinations_add_annotation (f->examiner, exam, &spec, &error);
  g_assert_no_error (error);
  return id;
}

/* Both images are laid out on screen, so that a point of an image has its place in the view. */
static gboolean
laid_out (gpointer data)
{
  LkCompareView *compare = lk_workspace_get_compare_view (data);
  GtkWidget *views[] = { GTK_WIDGET (lk_compare_view_get_probe_view (compare)),
                         GTK_WIDGET (lk_compare_view_get_candidate_view (compare)) };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (!gtk_widget_get_mapped (views[i]) || gtk_widget_get_width (views[i]) == 0 ||
        gtk_widget_get_height (views[i]) == 0 ||
        lk_image_view_get_zoom (LK_IMAGE_VIEW (views[i])) <= 0)
      return FALSE;
  return TRUE;
}

/* Where the original point (x, y) of @image lies in the compare view. */
static graphene_point_t
compare_point (Fixture    *f,
               const char *image,
               double      x,
               double      y)
{
  LkCompareView *compare = lk_workspace_get_compare_view (f->workspace);
  LkImageView *view = g_str_equal (image, "probe") ? lk_compare_view_get_probe_view (compare)
                                                   : lk_compare_view_get_candidate_view (compare);
  graphene_point_t at;
  double wx, wy;

  lk_image_view_image_to_widget (view, x, y, &wx, &wy);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (compare),
                                           &GRAPHENE_POINT_INIT (wx, wy), &at));
  return at;
}

/* A click of the compare view at an original point of @image, as the user would make it with
 * no tool chosen. */
static void
click_image_point (Fixture    *f,
                   const char *image,
                   double      x,
                   double      y)
{
  LkCompareView *compare = lk_workspace_get_compare_view (f->workspace);
  GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (compare));
  graphene_point_t at = compare_point (f, image, x, y);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (c))
        g_signal_emit_by_name (c, "pressed", 1, (double) at.x, (double) at.y);
    }
  g_object_unref (controllers);
}

static gboolean
is_selected (LkCompareView *compare,
             gint64         id)
{
  guint n = 0;
  const gint64 *ids = lk_compare_view_get_selected (compare, &n);

  for (guint i = 0; i < n; i++)
    if (ids[i] == id)
      return TRUE;
  return FALSE;
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
on_navigate (LkWorkspace *workspace,
             gint64       candidate,
             gint64      *out)
{
  *out = candidate;
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

/* The text views of the Evaluate step in order: propositions, reasoning, limitations. */
static void
collect_text_views (GtkWidget *root,
                    GPtrArray *views)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w))
    {
      if (GTK_IS_TEXT_VIEW (w))
        g_ptr_array_add (views, w);
      collect_text_views (w, views);
    }
}

static void
set_text (GtkTextView *view,
          const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static void
on_signed (LkEvaluateDialog *dialog,
           gint64            id,
           gint64           *out)
{
  *out = id;
}

static gboolean
has_signed (gpointer data)
{
  return *(gint64 *) data != 0;
}

static gboolean
message_shown (gpointer data)
{
  return lk_test_find (data, GTK_TYPE_LABEL, "Wrong user name or password") != NULL;
}

/* The entry rows where a consistency warning is acknowledged, each under its warning's text. */
static void
collect_acknowledgement_rows (GtkWidget *root,
                              GPtrArray *rows)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w))
    {
      if (ADW_IS_ENTRY_ROW (w) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)),
                     "Why the conclusion stands") == 0)
        g_ptr_array_add (rows, w);
      collect_acknowledgement_rows (w, rows);
    }
}

/* The first visible label under @root whose text contains @text. */
static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (w) && gtk_widget_get_visible (w) &&
          strstr (gtk_label_get_text (GTK_LABEL (w)), text) != NULL)
        return w;
      if ((found = find_label_containing (w, text)) != NULL)
        return found;
    }
  return NULL;
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

typedef struct
{
  GtkWidget  *dialog;
  const char *text;
} Message;

static gboolean
message_in_view (gpointer data)
{
  Message *m = data;
  GtkWidget *label = find_label_containing (m->dialog, m->text);

  return label != NULL && lk_test_in_view (label, m->dialog);
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

static gboolean
page_scrolls (gpointer data)
{
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (data);

  return gtk_adjustment_get_upper (v) > gtk_adjustment_get_page_size (v) + 1;
}

/* Where the examiner is when pressing Sign: at the signature, the bottom of the page. */
static void
scroll_to_bottom (GtkWidget *dialog)
{
  GtkScrolledWindow *page = GTK_SCROLLED_WINDOW (lk_test_find_type (dialog,
                                                                    GTK_TYPE_SCROLLED_WINDOW));
  GtkAdjustment *v;

  g_assert_nonnull (page);
  g_assert_true (lk_test_wait (page_scrolls, page, 5000));
  v = gtk_scrolled_window_get_vadjustment (page);
  gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v));
  lk_test_spin (50);
}

static const char *
password_of (GtkWidget *dialog)
{
  return gtk_editable_get_text (GTK_EDITABLE (lk_test_find (dialog, ADW_TYPE_PREFERENCES_ROW,
                                                            "Your password")));
}

/* Chooses a level in the Evaluate step as a user does: its radio button, found by the row
 * that shows the level in full. */
static void
choose_level (GtkWidget  *dialog,
              const char *title)
{
  GtkWidget *row = lk_test_find (dialog, ADW_TYPE_ACTION_ROW, title);

  g_assert_nonnull (row);
  gtk_check_button_set_active (
    GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row))), TRUE);
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

static gboolean
sign_insensitive (gpointer data)
{
  return !gtk_widget_get_sensitive (lk_test_find (data, GTK_TYPE_BUTTON, "Sign"));
}

static gboolean
sign_sensitive (gpointer data)
{
  return gtk_widget_get_sensitive (lk_test_find (data, GTK_TYPE_BUTTON, "Sign"));
}

/* Above the policy's cap for a probe of limited suitability: the level is refused, the dialog
 * says why with the rule and its numbers, and Sign is insensitive; a level within the cap that
 * breaks rules set to warn asks for their acknowledgement instead, then signs. */
static void
test_evaluate_refused_cap (Fixture       *f,
                           gconstpointer  data)
{
  const char * const components[] = { "eyes", NULL };
  LkAnalysis limited = { "limited", NULL, components, "Compressed." };
  LkObservationSpec nose = { "nose.tip", "visible", "visible", "similar", "class", NULL, NULL,
                             0 };
  LkEvaluateDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  Message refusal, acknowledge;
  gint64 signed_id = 0;
  gint64 exam;

  open_workspace (f, 0);
  exam = lk_workspace_get_examination (f->workspace);
  lk_analysis_amend (f->examiner, f->probe, &limited, "Compression seen at a second look",
                     &error);
  g_assert_no_error (error);
  lk_observations_set (f->examiner, exam, &nose, &error);
  g_assert_no_error (error);

  dialog = lk_evaluate_dialog_new (f->examiner, exam, FALSE, &error);
  g_assert_no_error (error);
  g_signal_connect (dialog, "signed", G_CALLBACK (on_signed), &signed_id);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 680, 600);
  gtk_window_present (GTK_WINDOW (dialog));
  collect_text_views (GTK_WIDGET (dialog), views);
  set_text (g_ptr_array_index (views, 1),
            "The nose tip corresponds in form and position; the other components could not be "
            "compared at this resolution.");
  set_text (g_ptr_array_index (views, 2), "Low resolution and JPEG blocking.");
  lk_test_set_text (GTK_WIDGET (dialog), "Your password", EXAMINER_PASSWORD);

  choose_level (GTK_WIDGET (dialog),
                "+3  The observations strongly support that it is the same person");
  refusal = (Message) { GTK_WIDGET (dialog), "Refused by policy (rule rules.limited_cap): Policy "
                                             "allows at most strength 2 (of 3) for a probe of "
                                             "limited suitability; the level +3 has strength 3" };
  g_assert_true (lk_test_wait (message_in_view, &refusal, 5000));
  g_assert_true (lk_test_wait (sign_insensitive, dialog, 5000));
  /* nothing to acknowledge for a refusal */
  collect_acknowledgement_rows (GTK_WIDGET (dialog), rows);
  /* the limited probe's warning and the minimums', none for the cap */
  g_assert_cmpuint (rows->len, ==, 2);

  choose_level (GTK_WIDGET (dialog),
                "+2  The observations support that it is the same person");
  g_assert_true (lk_test_wait (sign_sensitive, dialog, 5000));
  g_assert_true (lk_test_wait_shown_containing (GTK_WIDGET (dialog),
                                                "1 of 90 characteristics assessed; policy asks "
                                                "at least 12 for +2", 5000));
  g_assert_null (find_label_containing (GTK_WIDGET (dialog), "Refused by policy"));
  g_ptr_array_set_size (rows, 0);
  collect_acknowledgement_rows (GTK_WIDGET (dialog), rows);
  g_assert_cmpuint (rows->len, ==, 2);
  scroll_to_bottom (GTK_WIDGET (dialog));
  lk_test_click (GTK_WIDGET (dialog), "Sign");
  acknowledge = (Message) { GTK_WIDGET (dialog), "Acknowledge each consistency warning in "
                                                 "writing" };
  g_assert_true (lk_test_wait (message_in_view, &acknowledge, 5000));
  g_assert_cmpint (signed_id, ==, 0);
  for (guint i = 0; i < rows->len; i++)
    gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, i)),
                           "The nose tip is clear enough in this frame for this level.");
  lk_test_click (GTK_WIDGET (dialog), "Sign");
  g_assert_true (lk_test_wait (has_signed, &signed_id, 10000));
}

static void
test_features_and_sign (Fixture       *f,
                        gconstpointer  data)
{
  LkFeaturePanel *panel;
  LkEvaluateDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) observations = NULL;
  g_autoptr(JsonArray) conclusions = NULL;
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autofree char *progress = NULL;
  Message no_reasoning = { NULL, "The reasoning is required" };
  Message no_level = { NULL, "Choose a level of the conclusion scale" };
  guint assessed, total;
  gint64 signed_id = 0;
  gint64 exam;

  open_workspace (f, 0);
  exam = lk_workspace_get_examination (f->workspace);
  panel = LK_FEATURE_PANEL (lk_test_find_type (GTK_WIDGET (f->workspace), LK_TYPE_FEATURE_PANEL));
  g_assert_nonnull (panel);
  lk_feature_panel_get_progress (panel, &assessed, &total);
  g_assert_cmpuint (assessed, ==, 0);
  g_assert_cmpuint (total, >, 50);
  g_assert_true (lk_feature_panel_set_result (panel, "eyes.fissure", "similar"));
  g_assert_true (lk_feature_panel_set_result (panel, "nose.bridge", "similar"));
  lk_feature_panel_get_progress (panel, &assessed, &total);
  g_assert_cmpuint (assessed, ==, 2);
  observations = lk_observations_get (f->examiner, exam, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (observations), >=, 2);
  progress = g_strdup_printf ("2 of %u characteristics assessed", total);
  g_assert_nonnull (lk_test_find (GTK_WIDGET (panel), GTK_TYPE_LABEL, progress));

  dialog = lk_evaluate_dialog_new (f->examiner, exam, FALSE, &error);
  g_assert_no_error (error);
  g_signal_connect (dialog, "signed", G_CALLBACK (on_signed), &signed_id);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 680, 600);
  gtk_window_present (GTK_WINDOW (dialog));
  collect_text_views (GTK_WIDGET (dialog), views);
  g_assert_cmpuint (views->len, ==, 3); /* the propositions keep their default text */
  no_reasoning.dialog = GTK_WIDGET (dialog);
  no_level.dialog = GTK_WIDGET (dialog);
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (dialog), "0 of at least 80 characters", 5000));

  /* There is no default level: Sign asks for one. */
  lk_test_set_text (GTK_WIDGET (dialog), "Your password", EXAMINER_PASSWORD);
  scroll_to_bottom (GTK_WIDGET (dialog));
  lk_test_click (GTK_WIDGET (dialog), "Sign");
  g_assert_true (lk_test_wait (message_in_view, &no_level, 5000));
  choose_level (GTK_WIDGET (dialog),
                "+0  The observations support neither same nor different persons");

  /* Signed from the bottom of the page with no reasoning: the refusal is in view, and the
   * password typed stays. */
  lk_test_click (GTK_WIDGET (dialog), "Sign");
  g_assert_true (lk_test_wait (message_in_view, &no_reasoning, 5000));
  g_assert_cmpstr (password_of (GTK_WIDGET (dialog)), ==, EXAMINER_PASSWORD);
  g_assert_cmpint (signed_id, ==, 0);

  set_text (g_ptr_array_index (views, 1),
            "The eye fissures and the nose bridge correspond in shape and proportion; no "
            "dissimilarity was observed in the components that could be compared.");
  set_text (g_ptr_array_index (views, 2), "Low resolution of the probe.");
  /* The counters follow the typing. */
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (dialog), "144 characters (at least 80)", 5000));
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (dialog), "28 characters", 5000));
  lk_test_set_text (GTK_WIDGET (dialog), "Your password", "not my password");
  lk_test_click (GTK_WIDGET (dialog), "Sign");
  g_assert_true (lk_test_wait (message_shown, dialog, 10000));
  g_assert_cmpint (signed_id, ==, 0);
  /* A wrong password is typed again from scratch. */
  g_assert_cmpstr (password_of (GTK_WIDGET (dialog)), ==, "");

  lk_test_set_text (GTK_WIDGET (dialog), "Your password", EXAMINER_PASSWORD);
  lk_test_click (GTK_WIDGET (dialog), "Sign");
  g_assert_true (lk_test_wait (has_signed, &signed_id, 10000));
  conclusions = lk_conclusions_list (f->examiner, exam, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (conclusions), ==, 1);
}

static gboolean
has_annotation (Fixture *f,
                gint64   exam,
                gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = lk_examinations_get (f->examiner, exam, &error);
  JsonArray *all;

  g_assert_no_error (error);
  all = json_object_get_array_member (o, "annotations");
  for (guint i = 0; i < json_array_get_length (all); i++)
    if (json_object_get_int_member (json_array_get_object_element (all, i), "id") == id)
      return TRUE;
  return FALSE;
}

static gint64
count_deletions (Fixture *f,
                 gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *object = g_strdup_printf ("annotation:%" G_GINT64_FORMAT, id);
  g_autoptr(LkStmt) stmt = lk_store_stmt (f->store, "SELECT count(*) FROM audit_event "
                                          "WHERE action = 'annotation.deleted' AND object = ?",
                                          &error);

  g_assert_no_error (error);
  lk_stmt_bind_text (stmt, 1, object);
  g_assert_true (lk_stmt_next (stmt, NULL));
  return lk_stmt_int64 (stmt, 0);
}

/* The workspace's own key binding for @keyval (no modifiers), as the Delete key would reach
 * it; fails when there is none. */
static GtkShortcut *
find_binding (GtkWidget *widget,
              guint      keyval)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  GtkShortcut *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && found == NULL; i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)) && found == NULL; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (c), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            found = g_steal_pointer (&shortcut);
        }
    }
  g_object_unref (controllers);
  g_assert_nonnull (found);
  return found;
}

static void
press_delete (Fixture *f)
{
  g_autoptr(GtkShortcut) shortcut = find_binding (GTK_WIDGET (f->workspace), GDK_KEY_Delete);
  GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

  g_assert_true (GTK_IS_NAMED_ACTION (action));
  g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), ==,
                   "workspace.delete-annotation");
  gtk_shortcut_action_activate (action, 0, GTK_WIDGET (f->workspace), NULL);
}

/* The tool menu's item for removing the selected annotations, as built in the menu button's
 * popover: FALSE when its action is disabled. */
/* The annotation tools' menu button (the zoom button is another). */
static GtkWidget *
tool_button (Fixture *f)
{
  GtkWidget *label = lk_test_find (GTK_WIDGET (f->workspace), GTK_TYPE_LABEL,
                                   "Remove Selected Annotation");

  g_assert_nonnull (label);
  return gtk_widget_get_ancestor (label, GTK_TYPE_MENU_BUTTON);
}

static gboolean
remove_selected_enabled (Fixture *f)
{
  GtkWidget *tools = tool_button (f);
  GtkWidget *label = lk_test_find (tools, GTK_TYPE_LABEL, "Remove Selected Annotation");
  GtkWidget *item = label ? gtk_widget_get_ancestor (label, GTK_TYPE_ACTIONABLE) : NULL;

  g_assert_nonnull (item);
  /* Its own flag, which follows its action's; the menu button's may be off as well. */
  return gtk_widget_get_sensitive (item);
}

/* An annotation, an observation and a signed conclusion, before the workspace opens. */
static gint64
sign_examination (Fixture *f,
                  int      which)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) point = json_array_new ();
  g_autoptr(JsonArray) geometry = json_array_new ();
  LkAnnotationSpec spec = { "probe", "marker", 0, geometry, NULL, "nose.tip" };
  LkObservationSpec observation = { "nose.tip", "visible", "visible", "similar", "class", NULL };
  LkConclusionDraft draft = {
    NULL, FALSE, 1,
    "The nose tips correspond in form and in their position relative to the eyes; nothing "
    "dissimilar was observed in what could be compared.",
    "Low resolution of the probe.",
  };
  gint64 exam = lk_examinations_open (f->examiner, f->candidates[which], &error);

  g_assert_no_error (error);
  json_array_add_double_element (point, 250);
  json_array_add_double_element (point, 300);
  json_array_add_array_element (geometry, json_array_ref (point));
  lk_examinations_add_annotation (f->examiner, exam, &spec, &error);
  g_assert_no_error (error);
  lk_observations_set (f->examiner, exam, &observation, &error);
  g_assert_no_error (error);
  lk_conclusions_sign (f->examiner, exam, &draft, NULL, EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  return exam;
}

static guint
n_annotations (Fixture *f,
               gint64   exam)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = lk_examinations_get (f->examiner, exam, &error);

  g_assert_no_error (error);
  return json_array_get_length (json_object_get_array_member (o, "annotations"));
}

/* Once signed, the tools that change what the conclusion rests on are disabled: Ctrl+Z, Delete,
 * the annotation tools, the alignment and the enhancement panels. */
static void
test_signed_freezes_charting (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *workspace, *align, *tools, *panel;
  g_autoptr(JsonObject) exam = NULL;
  gint64 id = sign_examination (f, 0);

  open_workspace (f, 0);
  workspace = GTK_WIDGET (f->workspace);
  g_assert_cmpint (lk_workspace_get_examination (f->workspace), ==, id);
  align = lk_test_find (workspace, GTK_TYPE_BUTTON, "Align by Eyes");
  g_assert_nonnull (align);
  g_assert_false (gtk_widget_is_sensitive (align));
  tools = tool_button (f);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (tools)), ==, "Annotate");
  g_assert_false (gtk_widget_is_sensitive (tools));
  panel = lk_test_find_type (workspace, LK_TYPE_ENHANCE_PANEL);
  g_assert_nonnull (panel);
  g_assert_false (gtk_widget_is_sensitive (panel));

  g_assert_false (remove_selected_enabled (f));

  /* Ctrl+Z, Delete on the selected marker and the alignment do nothing now. */
  gtk_widget_activate_action (workspace, "workspace.undo-annotation", NULL);
  click_image_point (f, "probe", 250, 300);
  press_delete (f);
  gtk_widget_activate_action (workspace, "workspace.align", NULL);
  g_assert_cmpuint (n_annotations (f, id), ==, 1);
  exam = lk_examinations_get (f->examiner, id, NULL);
  g_assert_true (json_object_get_null_member (exam, "alignment"));

  /* Another candidate's examination, not signed, keeps its tools. */
  open_workspace (f, 1);
  g_assert_true (gtk_widget_is_sensitive (lk_test_find (GTK_WIDGET (f->workspace),
                                                        GTK_TYPE_BUTTON, "Align by Eyes")));
  g_assert_true (gtk_widget_is_sensitive (lk_test_find_type (GTK_WIDGET (f->workspace),
                                                             LK_TYPE_ENHANCE_PANEL)));
}

/* The Delete key removes the selected annotation and only it: a soft delete, recorded in the
 * audit trail. With nothing selected it removes nothing. */
static void
test_delete_selected_annotation (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 exam = lk_examinations_open (f->examiner, f->candidates[0], &error);
  gint64 chosen, other;
  LkCompareView *compare;
  guint n = 0;

  g_assert_no_error (error);
  /* Both on the probe, so that each is its own pair and a click selects one alone. */
  chosen = add_marker (f, exam, "probe", 250, 300, NULL);
  other = add_marker (f, exam, "probe", 150, 120, NULL);
  open_workspace (f, 0);
  compare = lk_workspace_get_compare_view (f->workspace);
  /* Nothing selected yet: nothing to remove. */
  g_assert_false (remove_selected_enabled (f));
  g_assert_true (lk_test_wait (laid_out, f->workspace, 5000));

  press_delete (f);
  g_assert_true (has_annotation (f, exam, chosen));
  g_assert_true (has_annotation (f, exam, other));
  g_assert_cmpint (count_deletions (f, chosen) + count_deletions (f, other), ==, 0);

  click_image_point (f, "probe", 250, 300);
  g_assert_true (is_selected (compare, chosen));
  g_assert_false (is_selected (compare, other));
  g_assert_true (remove_selected_enabled (f));
  press_delete (f);
  g_assert_false (has_annotation (f, exam, chosen));
  g_assert_true (has_annotation (f, exam, other));
  g_assert_cmpint (count_deletions (f, chosen), ==, 1);
  g_assert_cmpint (count_deletions (f, other), ==, 0);
  lk_compare_view_get_selected (compare, &n);
  g_assert_cmpuint (n, ==, 0);

  /* The selection went with it: a second press removes nothing more. */
  press_delete (f);
  g_assert_true (has_annotation (f, exam, other));
  g_assert_cmpint (count_deletions (f, other), ==, 0);
}

/* A key press delivered to a characteristic row's key controller, as it would arrive with the
 * row focused; TRUE when the row took it. */
static gboolean
press_row_key (GtkWidget *row,
               guint      keyval)
{
  GListModel *controllers = gtk_widget_observe_controllers (row);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        g_signal_emit_by_name (c, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }
  g_object_unref (controllers);
  return handled;
}

/* One field of the observation the core holds for @characteristic is @expected. */
static void
assert_observed (Fixture    *f,
                 gint64      exam,
                 const char *characteristic,
                 const char *field,
                 const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) observations = lk_observations_get (f->examiner, exam, &error);
  const char *value = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (observations); i++)
    {
      JsonObject *o = json_array_get_object_element (observations, i);

      if (g_strcmp0 (json_object_get_string_member (o, "characteristic"), characteristic) == 0)
        value = json_object_get_string_member_with_default (o, field, NULL);
    }
  g_assert_cmpstr (value, ==, expected);
}

/* Keyboard entry on a focused characteristic: S sets the result, I and C the significance, and
 * the core stores them; once the panel is locked the keys change nothing. */
static void
test_feature_keys (Fixture       *f,
                   gconstpointer  data)
{
  LkFeaturePanel *panel;
  GtkWidget *row;
  gint64 exam;

  open_workspace (f, 0);
  exam = lk_workspace_get_examination (f->workspace);
  panel = LK_FEATURE_PANEL (lk_test_find_type (GTK_WIDGET (f->workspace), LK_TYPE_FEATURE_PANEL));
  lk_feature_panel_show (panel, "nose.bridge");
  g_assert_cmpstr (lk_feature_panel_get_current (panel), ==, "nose.bridge");
  /* The characteristic's name in the feature list. */
  row = lk_test_find (GTK_WIDGET (panel), ADW_TYPE_EXPANDER_ROW, "Bridge profile");
  g_assert_nonnull (row);

  g_assert_true (press_row_key (row, GDK_KEY_s));
  g_assert_true (press_row_key (row, GDK_KEY_i));
  assert_observed (f, exam, "nose.bridge", "result", "similar");
  assert_observed (f, exam, "nose.bridge", "significance", "individualising");

  /* Shift makes no difference; the result stays. */
  g_assert_true (press_row_key (row, GDK_KEY_C));
  assert_observed (f, exam, "nose.bridge", "result", "similar");
  assert_observed (f, exam, "nose.bridge", "significance", "class");

  lk_feature_panel_set_locked (panel, TRUE);
  g_assert_false (press_row_key (row, GDK_KEY_d));
  g_assert_false (press_row_key (row, GDK_KEY_i));
  assert_observed (f, exam, "nose.bridge", "result", "similar");
  assert_observed (f, exam, "nose.bridge", "significance", "class");
}

#define ADD(path, func) \
  g_test_add ("/likeness/workspace/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

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
  ADD ("features-and-sign", test_features_and_sign);
  ADD ("evaluate-warnings", test_evaluate_warnings);
  ADD ("evaluate-refused-cap", test_evaluate_refused_cap);
  ADD ("drag-annotation", test_drag_annotation);
  ADD ("label-annotation", test_label_annotation);
  ADD ("annotations-and-features-both-ways", test_annotations_and_features_both_ways);
  ADD ("annotation-links-feature", test_annotation_links_feature);
  ADD ("signed-freezes-charting", test_signed_freezes_charting);
  ADD ("delete-selected-annotation", test_delete_selected_annotation);
  ADD ("feature-keys", test_feature_keys);
  return g_test_run ();
}
