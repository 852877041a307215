/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo.h>
#include <string.h>

#include "lk-test-triage.h"

char *
demo_path (const char *name)
{
  return g_build_filename (g_getenv ("LIKENESS_SOURCE_DIR"), "data", "demo", name, NULL);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *bytes = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (to, bytes, (gssize) length, NULL));
}

static void
write_face_png (const char *path,
                double      shade)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 120, 150);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, shade, 0.5, 1 - shade);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.9, 0.8, 0.7);
  cairo_arc (cr, 60, 75, 45, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

/* The list's images: the files at @paths copied beside it, or three drawn faces. */
static char *
write_list (const char         *folder,
            const char * const *paths)
{
  g_autofree char *path = g_build_filename (folder, "list.json", NULL);
  guint n = paths != NULL ? g_strv_length ((char **) paths) : 3;
  GString *json = g_string_new (NULL);

  g_string_printf (json, "{\"format\": \"likeness-candidate-list\", \"version\": 1,"
                   " \"engine\": {\"name\": \"TestEngine\", \"version\": \"2.1\"},"
                   " \"reference_database\": {\"name\": \"Custody\"},"
                   " \"search\": {\"performed_at\": \"2026-11-27T10:00:00Z\","
                   " \"threshold\": 0.5, \"max_candidates\": %u},"
                   " \"candidates\": [", n);
  for (guint i = 1; i <= n; i++)
    {
      const char *extension = paths != NULL ? strrchr (paths[i - 1], '.') : ".png";
      g_autofree char *name = g_strdup_printf ("c%u%s", i, extension);
      g_autofree char *image = g_build_filename (folder, name, NULL);

      if (paths != NULL)
        copy_file (paths[i - 1], image);
      else
        write_face_png (image, i / 4.0);
      g_string_append_printf (json, "%s{\"rank\": %u, \"score\": %.2f, \"subject_ref\": "
                              "\"SUBJ-%u\", \"image\": \"%s\"}", i > 1 ? ", " : "", i,
                              0.95 - i * 0.1, i, name);
    }
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, -1, NULL));
  g_string_free (json, TRUE);
  return g_steal_pointer (&path);
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *image = demo_path ("grace_hopper.jpg");
  LkCaseRequest request = { "T-1", "Triage test", "ROB", "Statute s. 1", "Needed.", "DI Grey",
                            "CID", NULL };
  LkProvenance provenance = { "cctv", "video-frame", "PC Jones", "2026-11-20T21:40:00Z",
                              "Warrant 7", "Exhibit 1", FALSE };
  g_autoptr(LkCase) c = NULL;

  f->store = lk_test_store_new (&f->folder, ADMIN_PASSWORD);
  f->admin = lk_session_login (f->store, "admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  lk_users_add (f->admin, "erin", "Erin Examiner", LK_ROLE_EXAMINER, EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  lk_reference_db_create (f->admin, "Custody", "Custody images act s. 3", "external", &error);
  g_assert_no_error (error);
  f->examiner = lk_session_login (f->store, "erin", EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  c = lk_cases_create (f->examiner, &request, &error);
  g_assert_no_error (error);
  f->probe_id = lk_probes_import_file (f->examiner, "T-1", image, &provenance, NULL, &error);
  g_assert_no_error (error);
  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 800);
  adw_window_set_content (ADW_WINDOW (f->window), adw_toast_overlay_new ());
  gtk_window_present (GTK_WINDOW (f->window));
}

void
show_page (Fixture *f)
{
  f->page = lk_candidates_page_new (f->examiner, f->probe_id);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (adw_window_get_content (ADW_WINDOW (f->window))),
                               GTK_WIDGET (f->page));
}

void
lock_and_import_images (Fixture            *f,
                        const char * const *paths)
{
  const char * const components[] = { "eyes", "nose", NULL };
  LkAnalysis analysis = { "suitable", NULL, components, "Clear frontal view." };
  g_autofree char *list = write_list (f->folder, paths);
  g_autoptr(GError) error = NULL;

  lk_analysis_lock (f->examiner, f->probe_id, &analysis, &error);
  g_assert_no_error (error);
  lk_candidates_import (f->examiner, f->probe_id, list, &error);
  g_assert_no_error (error);
}

void
lock_and_import (Fixture *f)
{
  lock_and_import_images (f, NULL);
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *dialog;

  while ((dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    lk_test_destroy_window (dialog, NULL);
  lk_test_destroy_window (f->window, f->page, NULL);
  g_clear_object (&f->examiner);
  g_clear_object (&f->admin);
  /* No widget kept a session: the database closes. */
  lk_test_unref_finalized (g_steal_pointer (&f->store));
  lk_test_remove_folder (f->folder);
  g_free (f->folder);
}

LkCandidateItem *
item_at (Fixture *f,
         guint    i)
{
  GListModel *model = lk_candidates_page_get_model (f->page);
  LkCandidateItem *item = g_list_model_get_item (model, i);

  g_object_unref (item); /* the model keeps it */
  return item;
}

LkCandidate *
record_at (Fixture *f,
           guint    i)
{
  return lk_candidate_item_get_candidate (item_at (f, i));
}

GtkGridView *
grid_of (Fixture *f)
{
  GtkWidget *grid = lk_test_find_type (GTK_WIDGET (f->page), GTK_TYPE_GRID_VIEW);

  g_assert_nonnull (grid);
  return GTK_GRID_VIEW (grid);
}

guint
selected_position (Fixture *f)
{
  return gtk_single_selection_get_selected (
    GTK_SINGLE_SELECTION (gtk_grid_view_get_model (grid_of (f))));
}

GtkWidget *
tile_at (Fixture *f,
         guint    position)
{
  LkCandidateItem *item = item_at (f, position);

  for (GtkWidget *tile = gtk_widget_get_first_child (GTK_WIDGET (grid_of (f))); tile != NULL;
       tile = gtk_widget_get_next_sibling (tile))
    {
      GtkWidget *cell = gtk_widget_get_first_child (tile);

      if (LK_IS_CANDIDATE_CELL (cell) &&
          lk_candidate_cell_get_item (LK_CANDIDATE_CELL (cell)) == item)
        return tile;
    }
  return NULL;
}

gboolean
tiles_made (gpointer data)
{
  Fixture *f = data;
  guint n = g_list_model_get_n_items (lk_candidates_page_get_model (f->page));

  for (guint i = 0; i < n; i++)
    if (tile_at (f, i) == NULL)
      return FALSE;
  return n > 0;
}

gboolean
tile_focused (gpointer data)
{
  Place *p = data;
  GtkWidget *tile = tile_at (p->f, p->position);

  return tile != NULL && gtk_widget_has_focus (tile);
}

const char *
state_of (Fixture *f,
          guint    position)
{
  return lk_candidate_get_triage_state (record_at (f, position));
}

void
choose_reason (GtkWidget  *dialog,
               const char *reason)
{
  GtkWidget *row = lk_test_find (dialog, ADW_TYPE_ACTION_ROW, reason);

  g_assert_nonnull (row);
  gtk_check_button_set_active (
    GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row))), TRUE);
}

