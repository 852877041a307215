/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Images purged under the retention policy in the casework views: the candidates page's tile
 * and the examination workspace (an examination opened before the purge) say "Image purged on
 * DAY under rule “RULE”", read from the core's typed error (its purge record), instead of a
 * blank tile or the core's message. */
#include "config.h"

#include <string.h>

#include "lk-candidate-item.h"
#include "lk-candidates-page.h"
#include "lk-test-ui.h"
#include "lk-triage-probe.h"
#include "lk-workspace.h"
#include "store/lk-store-private.h"

#define ADMIN_PASSWORD "amber lantern 41"
#define EXAMINER_PASSWORD "copper kettle 27"

typedef struct
{
  char      *folder;
  LkStore   *store;
  LkSession *examiner;
  gint64     probe;
  gint64     retained;     /* the candidate retained at triage */
  gint64     examination;  /* of it, opened before the purge */
  char      *expected;  /* what a purged image's view says */
  GtkWidget *window;
  GtkWidget *page;
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
  g_autoptr(GString) json = g_string_new ("{\"format\": \"likeness-candidate-list\", "
                                          "\"version\": 1, \"engine\": {\"name\": \"E\", "
                                          "\"version\": \"1\"}, \"reference_database\": "
                                          "{\"name\": \"Custody\"}, \"search\": "
                                          "{\"performed_at\": \"2026-11-27T10:00:00Z\"}, "
                                          "\"candidates\": [");

  for (int i = 1; i <= 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("c%d.png", i);
      g_autofree char *image = g_build_filename (folder, name, NULL);

      write_face_png (image, i / 3.0);
      g_string_append_printf (json, "%s{\"rank\": %d, \"score\": 0.9, \"subject_ref\": "
                              "\"SUBJ-%d\", \"image\": \"%s\"}", i > 1 ? ", " : "", i, i, name);
    }
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, -1, NULL));
  return g_steal_pointer (&path);
}

/* Candidate images are kept a day after the list's import when the probe produced no lead: a
 * run two days on purges both. */
static void
purge_candidates (LkSession *admin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 2);
  g_autoptr(LkRetentionReport) report = NULL;

  g_assert_true (lk_policy_set (admin, "retention.candidate_days", "1", "Retention test",
                                &error));
  g_assert_no_error (error);
  report = lk_retention_run (admin, later, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->images, ==, 2);
}

/* The day and rule as the database holds them, not as the view is expected to word them. */
static char *
expected_text (LkStore *store)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT substr (purged_at, 1, 10), rule FROM"
                                                 " purged_images ORDER BY run_id LIMIT 1", NULL);

  g_assert_true (lk_stmt_next (stmt, NULL));
  return g_strdup_printf ("Image purged on %s under rule “%s”", lk_stmt_text (stmt, 0),
                          lk_stmt_text (stmt, 1));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) admin = NULL;
  g_autofree char *image = g_build_filename (g_getenv ("LIKENESS_SOURCE_DIR"), "data", "demo",
                                             "grace_hopper.jpg", NULL);
  LkCaseRequest request = { "P-1", "Purge test", "ROB", "Statute s. 1", "Needed.", "DI Grey",
                            "CID", NULL };
  LkProvenance provenance = { "cctv", "video-frame", "PC Jones", "2026-11-20T21:40:00Z",
                              "Warrant 7", "Exhibit 1", FALSE };
  const char * const components[] = { "eyes", "nose", NULL };
  LkAnalysis analysis = { "suitable", NULL, components, "Clear frontal view." };
  g_autoptr(LkCase) c = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(LkCandidate) first = NULL;
  g_autofree char *list_path = NULL;
  gint64 probe;

  f->store = lk_test_store_new (&f->folder, ADMIN_PASSWORD);
  admin = lk_session_login (f->store, "admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  lk_users_add (admin, "erin", "Erin Examiner", LK_ROLE_EXAMINER, EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  lk_reference_db_create (admin, "Custody", "Custody images act s. 3", "external", &error);
  g_assert_no_error (error);
  f->examiner = lk_session_login (f->store, "erin", EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  c = lk_cases_create (f->examiner, &request, &error);
  g_assert_no_error (error);
  probe = lk_probes_import_file (f->examiner, "P-1", image, &provenance, NULL, &error);
  g_assert_no_error (error);
  lk_analysis_lock (f->examiner, probe, &analysis, &error);
  g_assert_no_error (error);
  list_path = write_list (f->folder);
  lk_candidates_import (f->examiner, probe, list_path, &error);
  g_assert_no_error (error);
  list = lk_candidates_for_probe (f->examiner, probe, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (list, 0);
  f->retained = lk_candidate_get_id (first);
  g_assert_true (lk_candidates_set_triage (f->examiner, f->retained, "retained", NULL, &error));
  g_assert_no_error (error);
  f->examination = lk_examinations_open (f->examiner, f->retained, &error);
  g_assert_no_error (error);
  purge_candidates (admin);
  f->expected = expected_text (f->store);
  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 800);
  adw_window_set_content (ADW_WINDOW (f->window), adw_toast_overlay_new ());
  gtk_window_present (GTK_WINDOW (f->window));
  f->probe = probe;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lk_test_destroy_window (f->window, f->page, NULL);
  g_clear_object (&f->examiner);
  lk_test_unref_finalized (g_steal_pointer (&f->store));
  lk_test_remove_folder (f->folder);
  g_free (f->folder);
  g_free (f->expected);
}

static void
show (Fixture   *f,
      GtkWidget *page)
{
  f->page = page;
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (adw_window_get_content (ADW_WINDOW (f->window))),
                               page);
}

static gboolean
every_tile_says_why (gpointer data)
{
  GListModel *model = data;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LkCandidateItem) item = g_list_model_get_item (model, i);

      if (lk_candidate_item_get_problem (item) == NULL)
        return FALSE;
    }
  return g_list_model_get_n_items (model) > 0;
}

static guint
count_shown (GtkWidget  *root,
             const char *text)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_is_drawable (child) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        n++;
      n += count_shown (child, text);
    }
  return n;
}

/* Both tiles, and the preview of the selected candidate beside the probe. */
static gboolean
every_view_says_why (gpointer data)
{
  Fixture *f = data;

  return count_shown (f->page, f->expected) >= 3;
}

static void
test_tiles (Fixture       *f,
            gconstpointer  data)
{
  LkCandidatesPage *page = lk_candidates_page_new (f->examiner, lk_test_sql_int64 (f->store,
                                                   "SELECT min (id) FROM probes"));
  GListModel *model = lk_candidates_page_get_model (page);

  show (f, GTK_WIDGET (page));
  g_assert_true (lk_test_wait (every_tile_says_why, model, 10000));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LkCandidateItem) item = g_list_model_get_item (model, i);
      g_autofree char *label = NULL;
      g_autofree char *spoken = g_utf8_strdown (f->expected, -1);
      gboolean missing = FALSE;

      g_assert_cmpstr (lk_candidate_item_get_problem (item), ==, f->expected);
      g_assert_null (lk_candidate_item_get_thumbnail (item));
      g_object_get (item, "accessible-label", &label, "has-problem", &missing, NULL);
      g_assert_true (missing);
      g_assert_true (g_str_has_suffix (label, spoken));
    }
  /* shown on the tile, where the picture would be, and beside the probe for the selected
   * candidate, in the same words */
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (page), f->expected, 5000));
  g_assert_true (lk_test_wait (every_view_says_why, f, 5000));
  lk_test_shoot (f->window, "purged-tiles.png");
}

/* Whether any control under @root that acts through one of @actions is sensitive. */
static gboolean
any_action_offered (GtkWidget          *root,
                    const char * const *actions)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *name = GTK_IS_ACTIONABLE (child)
                         ? gtk_actionable_get_action_name (GTK_ACTIONABLE (child)) : NULL;

      if (name != NULL && g_strv_contains (actions, name) && gtk_widget_is_sensitive (child))
        {
          g_test_message ("%s is still offered", name);
          return TRUE;
        }
      if (any_action_offered (child, actions))
        return TRUE;
    }
  return FALSE;
}

static gboolean
nothing_offered (gpointer data)
{
  static const char * const actions[] = {
    "workspace.zoom-in", "workspace.zoom-out", "workspace.zoom-faces", "workspace.zoom-fit",
    "workspace.zoom-1to1", "workspace.enhancements", "workspace.align",
    "workspace.reset-alignment", "workspace.undo-annotation", NULL,
  };

  return !any_action_offered (data, actions);
}

static GtkWidget *
menu_button_labelled (GtkWidget  *root,
                      const char *label)
{
  if (GTK_IS_MENU_BUTTON (root) &&
      g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = menu_button_labelled (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* With an image purged nothing can be examined: the view modes, the zoom, the enhancement
 * stacks, the alignment and the annotation tools are not offered, and the clock stands. */
static void
assert_nothing_to_examine (LkWorkspace *workspace)
{
  static const char * const modes[] = { "Side by Side", "Overlay", "Wipe", "Flicker",
                                        "Difference" };
  GtkWidget *root = GTK_WIDGET (workspace);
  double spent;

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      GtkWidget *mode = lk_test_find (root, GTK_TYPE_TOGGLE_BUTTON, modes[i]);

      g_assert_nonnull (mode);
      g_assert_false (gtk_widget_is_sensitive (mode));
    }
  g_assert_nonnull (menu_button_labelled (root, "Annotate"));
  g_assert_false (gtk_widget_is_sensitive (menu_button_labelled (root, "Annotate")));
  g_assert_true (lk_test_wait (nothing_offered, root, 5000));
  /* The status line says the clock stopped; ticks go by and it does not move. */
  g_assert_true (lk_test_wait_shown_containing (root, "(stopped: nothing can be compared)",
                                                5000));
  spent = lk_workspace_get_seconds_spent (workspace);
  lk_test_spin (2500);
  g_assert_cmpfloat (lk_workspace_get_seconds_spent (workspace), ==, spent);
}

static void
test_workspace (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LkWorkspace *workspace = lk_workspace_new_for_examination (f->examiner, f->examination,
                                                             &error);
  g_autofree char *sentence = g_strdup_printf ("%s. The candidate’s record and the image’s "
                                               "SHA-256 are kept; the images cannot be "
                                               "compared.", f->expected);

  g_assert_no_error (error);
  show (f, GTK_WIDGET (workspace));
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (workspace), "The Candidate’s Image Was Purged",
                                     15000));
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (workspace), sentence, 2000));
  lk_test_shoot (f->window, "purged-workspace.png");
  g_assert_false (lk_workspace_is_loaded (workspace));
  assert_nothing_to_examine (workspace);
}

/* Whether a label under @data says, after the probe's name, that its image was purged. */
static gboolean
probe_says_purged (gpointer data)
{
  GtkWidget *root = data;

  if (GTK_IS_LABEL (root) &&
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), "Probe 1: ") &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), "\nImage purged on ") != NULL)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    if (probe_says_purged (c))
      return TRUE;
  return FALSE;
}

/* A probe that produced no lead, its image purged: the triage page's probe panel says so under
 * the probe's name instead of leaving the face blank. */
static void
test_probe_panel (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) admin = lk_session_login (f->store, "admin", ADMIN_PASSWORD, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 3);
  g_autoptr(LkRetentionReport) report = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GtkWidget *panel;

  g_assert_no_error (error);
  g_assert_true (lk_policy_set (admin, "retention.unidentified_days", "1", "Retention test",
                                &error));
  g_assert_no_error (error);
  report = lk_retention_run (admin, later, FALSE, &error);
  g_assert_no_error (error);
  bytes = lk_probes_read_image (f->examiner, f->probe, &error);
  g_assert_error (error, LK_ERROR, LK_ERROR_PURGED);
  g_assert_null (bytes);
  panel = g_object_new (LK_TYPE_TRIAGE_PROBE, NULL);
  show (f, panel);
  lk_triage_probe_set_probe (LK_TRIAGE_PROBE (panel), f->examiner, f->probe);
  g_assert_true (lk_test_wait (probe_says_purged, panel, 10000));
  g_assert_false (lk_triage_probe_get_showing (LK_TRIAGE_PROBE (panel), FALSE));
}

int
main (int    argc,
      char **argv)
{
  lk_test_ui_init (&argc, &argv);
  g_test_add ("/likeness/purged-images/tiles", Fixture, NULL, fixture_set_up, test_tiles,
              fixture_tear_down);
  g_test_add ("/likeness/purged-images/workspace", Fixture, NULL, fixture_set_up,
              test_workspace, fixture_tear_down);
  g_test_add ("/likeness/purged-images/probe-panel", Fixture, NULL, fixture_set_up,
              test_probe_panel, fixture_tear_down);
  return g_test_run ();
}
