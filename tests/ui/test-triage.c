/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Triage: masked before the analysis lock, hidden scores, retain and eliminate, reveal. */
#include "config.h"

#include <cairo.h>
#include <math.h>

#include "lk-candidate-item.h"
#include "lk-candidates-page.h"
#include "lk-texture.h"
#include "lk-test-ui.h"

#define ADMIN_PASSWORD "admin password 1"
#define EXAMINER_PASSWORD "examiner password"

typedef struct
{
  char             *folder;
  LkStore          *store;
  LkSession        *admin;
  LkSession        *examiner;
  gint64            probe_id;
  GtkWidget        *window;
  LkCandidatesPage *page;
} Fixture;

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

static char *
write_list (const char *folder)
{
  g_autofree char *path = g_build_filename (folder, "list.json", NULL);
  GString *json = g_string_new ("{\"format\": \"likeness-candidate-list\", \"version\": 1,"
                                " \"engine\": {\"name\": \"TestEngine\", \"version\": \"2.1\"},"
                                " \"reference_database\": {\"name\": \"Custody\"},"
                                " \"search\": {\"performed_at\": \"2026-11-27T10:00:00Z\","
                                " \"threshold\": 0.5, \"max_candidates\": 3},"
                                " \"candidates\": [");

  for (int i = 1; i <= 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("c%d.png", i);
      g_autofree char *image = g_build_filename (folder, name, NULL);

      write_face_png (image, i / 4.0);
      g_string_append_printf (json, "%s{\"rank\": %d, \"score\": %.2f, \"subject_ref\": "
                              "\"SUBJ-%d\", \"image\": \"%s\"}", i > 1 ? ", " : "", i,
                              0.95 - i * 0.1, i, name);
    }
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, -1, NULL));
  g_string_free (json, TRUE);
  return g_steal_pointer (&path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *image = g_build_filename (g_getenv ("LIKENESS_SOURCE_DIR"), "data", "demo",
                                             "grace_hopper.jpg", NULL);
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

static void
show_page (Fixture *f)
{
  f->page = lk_candidates_page_new (f->examiner, f->probe_id);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (adw_window_get_content (ADW_WINDOW (f->window))),
                               GTK_WIDGET (f->page));
}

static void
lock_and_import (Fixture *f)
{
  const char * const components[] = { "eyes", "nose", NULL };
  LkAnalysis analysis = { "suitable", NULL, components, "Clear frontal view." };
  g_autofree char *list = write_list (f->folder);
  g_autoptr(GError) error = NULL;

  lk_probes_lock_analysis (f->examiner, f->probe_id, &analysis, &error);
  g_assert_no_error (error);
  lk_candidates_import (f->examiner, f->probe_id, list, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *dialog;

  while ((dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->examiner);
  g_clear_object (&f->admin);
  g_clear_object (&f->store);
  lk_test_remove_folder (f->folder);
  g_free (f->folder);
}

static LkCandidateItem *
item_at (Fixture *f,
         guint    i)
{
  GListModel *model = lk_candidates_page_get_model (f->page);
  LkCandidateItem *item = g_list_model_get_item (model, i);

  g_object_unref (item); /* the model keeps it */
  return item;
}

static void
test_masked_before_lock (Fixture       *f,
                         gconstpointer  data)
{
  show_page (f);
  g_assert_cmpuint (g_list_model_get_n_items (lk_candidates_page_get_model (f->page)), ==, 0);
  g_assert_nonnull (lk_test_find (GTK_WIDGET (f->page), GTK_TYPE_LABEL, "Candidates Are Masked"));
}

static gboolean
thumbnails_loaded (gpointer data)
{
  Fixture *f = data;

  for (guint i = 0; i < 3; i++)
    if (lk_candidate_item_get_thumbnail (item_at (f, i)) == NULL)
      return FALSE;
  return TRUE;
}

static char *
score_label (LkCandidateItem *item)
{
  char *label = NULL;

  g_object_get (item, "score-label", &label, NULL);
  return label;
}

static void
test_hidden_scores_and_triage (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *dialog;
  GtkEditable *note;

  lock_and_import (f);
  show_page (f);
  g_assert_cmpuint (g_list_model_get_n_items (lk_candidates_page_get_model (f->page)), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const LkCandidate *c = lk_candidate_item_get_candidate (item_at (f, i));
      g_autofree char *label = score_label (item_at (f, i));

      g_assert_false (c->scores_visible);
      g_assert_cmpint (c->rank, ==, 0);
      g_assert_true (isnan (c->score));
      g_assert_cmpstr (label, ==, "");
    }
  g_assert_true (lk_test_wait (thumbnails_loaded, f, 10000));

  lk_candidates_page_select (f->page, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "triage.retain", NULL);
  g_assert_cmpstr (lk_candidate_item_get_candidate (item_at (f, 0))->triage_state, ==,
                   "retained");

  /* Eliminating asks for a reason; the selection moved on to candidate 2. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "triage.eliminate", NULL);
  dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  note = GTK_EDITABLE (lk_test_find (dialog, ADW_TYPE_PREFERENCES_ROW, "Note"));
  gtk_editable_set_text (note, "ears differ");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "eliminate");
  g_assert_cmpstr (lk_candidate_item_get_candidate (item_at (f, 1))->triage_state, ==,
                   "eliminated");
  g_assert_cmpstr (lk_candidate_item_get_candidate (item_at (f, 1))->triage_reason, ==,
                   "Clear differences in facial features: ears differ");
  g_assert_nonnull (lk_test_find (GTK_WIDGET (f->page), GTK_TYPE_LABEL,
                                  "2 of 3 looked at · 1 retained · 1 eliminated"));
}

static void
test_reveal_is_deliberate (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *dialog;
  g_autofree char *label = NULL;

  lock_and_import (f);
  show_page (f);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "triage.reveal", NULL);
  dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (lk_test_find (dialog, ADW_TYPE_PREFERENCES_ROW, "Reason")),
                         "Supervisor asked to compare engine ranking");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "reveal");

  label = score_label (item_at (f, 0));
  g_assert_true (lk_candidate_item_get_candidate (item_at (f, 0))->scores_visible);
  g_assert_cmpstr (label, ==, "Rank 1 · score 0.85");
}

typedef struct
{
  GdkTexture *texture;
  GError     *error;
  gboolean    done;
} Thumbnail;

static void
on_thumbnail (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  Thumbnail *t = data;

  t->texture = lk_texture_load_candidate_finish (result, &t->error);
  t->done = TRUE;
}

static gboolean
thumbnail_done (gpointer data)
{
  return ((Thumbnail *) data)->done;
}

/* Loads candidate @id's thumbnail for @session; returns the texture or NULL with @error. */
static GdkTexture *
thumbnail_for (LkSession  *session,
               gint64      id,
               GError    **error)
{
  Thumbnail t = { NULL, };

  lk_texture_load_candidate_async (session, id, 64, NULL, on_thumbnail, &t);
  g_assert_true (lk_test_wait (thumbnail_done, &t, 10000));
  if (t.error != NULL)
    g_propagate_error (error, t.error);
  return t.texture;
}

static gint64
count_views (Fixture *f)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (f->store, "SELECT count(*) FROM audit_event WHERE "
                                          "action = 'candidate.image-viewed'", NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Thumbnails are read through the core once per session: a session without the right gets the
 * core's refusal, not another session's picture, and a new session's reading is recorded. */
static void
test_thumbnails_per_session (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) trainee = NULL;
  g_autoptr(LkSession) again = NULL;
  g_autoptr(GdkTexture) first = NULL;
  g_autoptr(GdkTexture) cached = NULL;
  g_autoptr(GdkTexture) refused = NULL;
  g_autoptr(GdkTexture) fresh = NULL;
  gint64 id, views;

  lock_and_import (f);
  show_page (f);
  g_assert_true (lk_test_wait (thumbnails_loaded, f, 10000));
  id = lk_candidate_item_get_candidate (item_at (f, 0))->id;

  first = thumbnail_for (f->examiner, id, &error);
  g_assert_no_error (error);
  views = count_views (f);
  cached = thumbnail_for (f->examiner, id, &error);
  g_assert_no_error (error);
  g_assert_true (cached == first);
  g_assert_cmpint (count_views (f), ==, views);

  lk_users_add (f->admin, "tom", "Tom Trainee", LK_ROLE_TRAINEE, "trainee password", &error);
  g_assert_no_error (error);
  trainee = lk_session_login (f->store, "tom", "trainee password", &error);
  g_assert_no_error (error);
  refused = thumbnail_for (trainee, id, &error);
  g_assert_null (refused);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  again = lk_session_login (f->store, "erin", EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  fresh = thumbnail_for (again, id, &error);
  g_assert_no_error (error);
  g_assert_true (fresh != first);
  g_assert_cmpint (count_views (f), ==, views + 1);
}

#define ADD(path, func) \
  g_test_add ("/likeness/triage/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  lk_test_ui_init (&argc, &argv);
  ADD ("masked-before-lock", test_masked_before_lock);
  ADD ("hidden-scores-and-triage", test_hidden_scores_and_triage);
  ADD ("reveal-is-deliberate", test_reveal_is_deliberate);
  ADD ("thumbnails-per-session", test_thumbnails_per_session);
  return g_test_run ();
}
