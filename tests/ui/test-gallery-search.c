/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Searching a gallery held by Likeness from the triage page: the dialog offers the held
 * galleries and the policy's number of candidates, records the search as a list the page then
 * shows; without a gallery, or with one not enrolled yet, it says why and records nothing;
 * before the analysis is locked no search is offered. */
#include "config.h"

#include "lk-candidates-page.h"
#include "lk-gallery-search-dialog.h"
#include "lk-test-ui.h"

#define ADMIN_PASSWORD "amber lantern 41"
#define EXAMINER_PASSWORD "copper kettle 27"
#define GALLERY "Custody gallery"
#define NO_GALLERY "No gallery is held by Likeness yet. An administrator registers one and " \
                   "enrols its images under Administration."

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

static char *
demo_path (const char *name)
{
  return g_build_filename (g_getenv ("LIKENESS_SOURCE_DIR"), "data", "demo", name, NULL);
}

static void
copy_demo (const char *demo,
           const char *target)
{
  g_autofree char *source = demo_path (demo);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (target, contents, (gssize) length, NULL));
}

/* Another picture of Grace Hopper, as a CCTV camera would take it: the probe. */
static void
import_probe (Fixture *f)
{
  LkProvenance provenance = { "cctv", "video-frame", "PC Jones", "2026-11-20T21:40:00Z",
                              "Warrant 7", "Exhibit 1", FALSE };
  g_autofree char *path = demo_path ("grace_hopper.jpg");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) still = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  original = g_bytes_new_take (g_steal_pointer (&contents), length);
  still = lk_cv_simulate_cctv (original, 300, 4.0, 75, &error);
  g_assert_no_error (error);
  f->probe_id = lk_probes_import (f->examiner, "T-1", still, "still.jpg", &provenance, NULL,
                                  &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  LkCaseRequest request = { "T-1", "Search test", "ROB", "Statute s. 1", "Needed.", "DI Grey",
                            "CID", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) c = NULL;

  f->store = lk_test_store_new (&f->folder, ADMIN_PASSWORD);
  f->admin = lk_session_login (f->store, "admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  lk_users_add (f->admin, "erin", "Erin Examiner", LK_ROLE_EXAMINER, EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  f->examiner = lk_session_login (f->store, "erin", EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  c = lk_cases_create (f->examiner, &request, &error);
  g_assert_no_error (error);
  import_probe (f);

  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 800);
  adw_window_set_content (ADW_WINDOW (f->window), adw_toast_overlay_new ());
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *dialog;

  while ((dialog = lk_test_find_window (LK_TYPE_GALLERY_SEARCH_DIALOG)) != NULL)
    lk_test_destroy_window (dialog, NULL);
  lk_test_destroy_window (f->window, f->page, NULL);
  g_clear_object (&f->examiner);
  g_clear_object (&f->admin);
  /* No widget kept a session: the database closes. */
  lk_test_unref_finalized (g_steal_pointer (&f->store));
  lk_test_remove_folder (f->folder);
  g_free (f->folder);
}

/* The gallery: hopper/ and collins/ with one demo portrait each, enrolled by the administrator. */
static void
enrol_gallery (Fixture *f)
{
  g_autofree char *root = g_build_filename (f->folder, "gallery", NULL);
  g_autofree char *hopper = g_build_filename (root, "hopper", NULL);
  g_autofree char *collins = g_build_filename (root, "collins", NULL);
  g_autofree char *a = g_build_filename (hopper, "grace.jpg", NULL);
  g_autofree char *b = g_build_filename (collins, "astronaut.png", NULL);
  g_autoptr(GError) error = NULL;
  LkEnrolReport report = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (hopper, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (collins, 0700), ==, 0);
  copy_demo ("grace_hopper.jpg", a);
  copy_demo ("astronaut.png", b);
  lk_reference_db_create (f->admin, GALLERY, "Custody images act s. 3", "likeness", &error);
  g_assert_no_error (error);
  g_assert_true (lk_gallery_enrol (f->admin, GALLERY, root, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.enrolled, ==, 2);
  lk_enrol_report_clear (&report);
}

static void
lock_analysis (Fixture *f)
{
  const char * const components[] = { "eyes", "nose", "mouth", NULL };
  LkAnalysis analysis = { "suitable", NULL, components, "Clear frontal view." };
  g_autoptr(GError) error = NULL;

  lk_analysis_lock (f->examiner, f->probe_id, &analysis, &error);
  g_assert_no_error (error);
}

/* The triage page, and the dialog opened by its own action. */
static GtkWidget *
open_dialog (Fixture *f)
{
  GtkWidget *dialog;

  f->page = lk_candidates_page_new (f->examiner, f->probe_id);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (adw_window_get_content (ADW_WINDOW (f->window))),
                               GTK_WIDGET (f->page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "triage.search", NULL));
  dialog = lk_test_find_window (LK_TYPE_GALLERY_SEARCH_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  return dialog;
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return lk_test_sql_int64 (f->store, sql);
}

static GtkSpinButton *
top_spin (GtkWidget *dialog)
{
  GtkWidget *row = lk_test_find (dialog, ADW_TYPE_ACTION_ROW, "Candidates to return");

  g_assert_nonnull (row);
  return GTK_SPIN_BUTTON (lk_test_find_type (row, GTK_TYPE_SPIN_BUTTON));
}

static gboolean
page_shows_two (gpointer data)
{
  return g_list_model_get_n_items (lk_candidates_page_get_model (data)) == 2;
}

/* A gallery is there and the analysis locked: the search runs off the main loop, the dialog
 * closes, the list is recorded with the number asked for and the page shows both subjects. */
static void
test_search_lists_candidates (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *dialog, *search;
  AdwComboRow *gallery;
  g_autoptr(GError) error = NULL;
  gint64 top_k = 0;

  g_assert_true (lk_policy_get_int (f->store, "search_top_k", &top_k, &error));
  g_assert_no_error (error);
  enrol_gallery (f);
  lock_analysis (f);
  dialog = open_dialog (f);
  gallery = ADW_COMBO_ROW (lk_test_find (dialog, ADW_TYPE_PREFERENCES_ROW, "Gallery"));
  g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (
                     adw_combo_row_get_selected_item (gallery))), ==, GALLERY);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (top_spin (dialog)), ==, top_k);
  g_assert_nonnull (lk_test_find (dialog, GTK_TYPE_LABEL,
                                  "Classic engine (Haar, eye alignment, LBP histograms): a "
                                  "baseline that is weak on unconstrained images such as CCTV. "
                                  "Its list is only a starting point for triage."));
  g_assert_cmpuint (g_list_model_get_n_items (lk_candidates_page_get_model (f->page)), ==, 0);

  gtk_spin_button_set_value (top_spin (dialog), 5);
  lk_test_click (dialog, "Search");
  search = lk_test_find (dialog, GTK_TYPE_BUTTON, "Search");
  g_assert_false (gtk_widget_get_sensitive (search));
  g_assert_true (lk_test_wait_closed (LK_TYPE_GALLERY_SEARCH_DIALOG, 30000));
  g_assert_true (lk_test_wait (page_shows_two, f->page, 5000));
  g_assert_cmpint (count (f, "SELECT count(*) FROM candidate_lists WHERE engine_name ="
                             " 'likeness-classic' AND max_candidates = 5 AND list_length = 2"),
                   ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_event"
                             " WHERE action = 'candidates.searched'"), ==, 1);
}

/* No gallery held by Likeness (an external database does not count): the dialog says what an
 * administrator must do, and nothing is searched. */
static void
test_no_gallery_held (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  lk_reference_db_create (f->admin, "Agency search", "Agreement 12", "external", &error);
  g_assert_no_error (error);
  lock_analysis (f);
  dialog = open_dialog (f);
  lk_test_click (dialog, "Search");
  g_assert_true (lk_test_wait_shown (dialog, NO_GALLERY, 5000));
  g_assert_nonnull (lk_test_find_window (LK_TYPE_GALLERY_SEARCH_DIALOG));
  g_assert_true (gtk_widget_get_sensitive (lk_test_find (dialog, GTK_TYPE_BUTTON, "Search")));
  g_assert_cmpint (count (f, "SELECT count(*) FROM candidate_lists"), ==, 0);
}

/* A gallery registered but not enrolled yet: the core's refusal is shown once it has answered,
 * the dialog stays and nothing is recorded. */
static void
test_empty_gallery_refused (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  lk_reference_db_create (f->admin, GALLERY, "Custody images act s. 3", "likeness", &error);
  g_assert_no_error (error);
  lock_analysis (f);
  dialog = open_dialog (f);
  lk_test_click (dialog, "Search");
  g_assert_true (lk_test_wait_shown_containing (dialog, "The gallery “" GALLERY "” has no "
                                                "templates of the", 30000));
  g_assert_true (lk_test_wait_shown_containing (dialog, "enrol its images first", 0));
  g_assert_nonnull (lk_test_find_window (LK_TYPE_GALLERY_SEARCH_DIALOG));
  g_assert_true (gtk_widget_get_sensitive (lk_test_find (dialog, GTK_TYPE_BUTTON, "Search")));
  g_assert_cmpint (count (f, "SELECT count(*) FROM candidate_lists"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_event"
                             " WHERE action = 'candidates.searched'"), ==, 0);
}

/* Before the analysis is locked the page does not offer a search at all. */
static void
test_masked_probe_not_offered (Fixture       *f,
                               gconstpointer  data)
{
  enrol_gallery (f);
  f->page = lk_candidates_page_new (f->examiner, f->probe_id);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (adw_window_get_content (ADW_WINDOW (f->window))),
                               GTK_WIDGET (f->page));
  g_assert_nonnull (lk_test_find (GTK_WIDGET (f->page), GTK_TYPE_LABEL, "Candidates Are Masked"));
  /* The action opens its dialog before it returns, when it is enabled: it is not. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "triage.search", NULL);
  g_assert_null (lk_test_find_window (LK_TYPE_GALLERY_SEARCH_DIALOG));
  g_assert_cmpint (count (f, "SELECT count(*) FROM candidate_lists"), ==, 0);
}

#define ADD(path, func) \
  g_test_add ("/likeness/gallery-search/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  lk_test_ui_init (&argc, &argv);
  ADD ("search-lists-candidates", test_search_lists_candidates);
  ADD ("no-gallery-held", test_no_gallery_held);
  ADD ("empty-gallery-refused", test_empty_gallery_refused);
  ADD ("masked-probe-not-offered", test_masked_probe_not_offered);
  return g_test_run ();
}
