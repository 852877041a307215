/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-test-workspace.h"

char *
demo_path (const char *name)
{
  return g_build_filename (g_getenv ("LIKENESS_SOURCE_DIR"), "data", "demo", name, NULL);
}

void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *bytes = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (from, &bytes, &size, NULL));
  g_assert_true (g_file_set_contents (to, bytes, (gssize) size, NULL));
}

char *
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

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) admin = NULL;
  g_autofree char *image = demo_path ("grace_hopper.jpg");
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
      f->by_subject[g_str_equal (lk_candidate_get_subject_ref (candidate), "S-1") ? 0 : 1] =
        f->candidates[i];
      lk_candidates_set_triage (f->examiner, f->candidates[i], "retained", NULL, &error);
      g_assert_no_error (error);
    }
  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  adw_window_set_content (ADW_WINDOW (f->window), adw_toast_overlay_new ());
  gtk_window_present (GTK_WINDOW (f->window));
}

gboolean
loaded (gpointer data)
{
  return lk_workspace_is_loaded (data);
}

void
open_candidate (Fixture *f,
                gint64   candidate)
{
  g_autoptr(GError) error = NULL;

  f->workspace = lk_workspace_new (f->examiner, candidate, &error);
  g_assert_no_error (error);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (adw_window_get_content (ADW_WINDOW (f->window))),
                               GTK_WIDGET (f->workspace));
  g_assert_true (lk_test_wait (loaded, f->workspace, 15000));
}

void
open_workspace (Fixture *f,
                int      which)
{
  open_candidate (f, f->candidates[which]);
}

void
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

gint64
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
gboolean
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
graphene_point_t
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
void
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

gboolean
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

/* The text views of the Evaluate step in order: propositions, reasoning, limitations. */
void
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

void
set_text (GtkTextView *view,
          const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

void
on_signed (LkEvaluateDialog *dialog,
           gint64            id,
           gint64           *out)
{
  *out = id;
}

gboolean
has_signed (gpointer data)
{
  return *(gint64 *) data != 0;
}

/* The entry rows where a consistency warning is acknowledged, each under its warning's text. */
void
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
GtkWidget *
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

gboolean
message_in_view (gpointer data)
{
  Message *m = data;
  GtkWidget *label = find_label_containing (m->dialog, m->text);

  return label != NULL && lk_test_in_view (label, m->dialog);
}

gboolean
page_scrolls (gpointer data)
{
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (data);

  return gtk_adjustment_get_upper (v) > gtk_adjustment_get_page_size (v) + 1;
}

/* Where the examiner is when pressing Sign: at the signature, the bottom of the page. */
void
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

const char *
password_of (GtkWidget *dialog)
{
  return gtk_editable_get_text (GTK_EDITABLE (lk_test_find (dialog, ADW_TYPE_PREFERENCES_ROW,
                                                            "Your password")));
}

/* Chooses a level in the Evaluate step as a user does: its radio button, found by the row
 * that shows the level in full. */
void
choose_level (GtkWidget  *dialog,
              const char *title)
{
  GtkWidget *row = lk_test_find (dialog, ADW_TYPE_ACTION_ROW, title);

  g_assert_nonnull (row);
  gtk_check_button_set_active (
    GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row))), TRUE);
}

