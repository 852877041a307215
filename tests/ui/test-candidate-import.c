/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Importing a candidate list through the triage page: the dialog previews a good list and
 * imports it, and the page then shows its candidates; a malformed list is refused with the
 * core's message and nothing is imported; a masked probe is not offered an import. */
#include "config.h"

#include "lk-candidate-import-dialog.h"
#include "lk-candidates-page.h"
#include "lk-test-ui.h"

#define ADMIN_PASSWORD "amber lantern 41"
#define EXAMINER_PASSWORD "copper kettle 27"
#define DATABASE "Custody"

typedef struct
{
  char             *folder;
  LkStore          *store;
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
copy_demo (Fixture    *f,
           const char *demo,
           const char *target)
{
  g_autofree char *source = demo_path (demo);
  g_autofree char *path = g_build_filename (f->folder, target, NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  LkCaseRequest request = { "T-1", "Import test", "ROB", "Statute s. 1", "Needed.", "DI Grey",
                            "CID", NULL };
  LkProvenance provenance = { "cctv", "video-frame", "PC Jones", "2026-11-20T21:40:00Z",
                              "Warrant 7", "Exhibit 1", FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) admin = NULL;
  g_autoptr(LkCase) c = NULL;
  g_autofree char *image = demo_path ("grace_hopper.jpg");

  f->store = lk_test_store_new (&f->folder, ADMIN_PASSWORD);
  admin = lk_session_login (f->store, "admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  lk_users_add (admin, "erin", "Erin Examiner", LK_ROLE_EXAMINER, EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  lk_reference_db_create (admin, DATABASE, "Custody images act s. 3", "external", &error);
  g_assert_no_error (error);
  f->examiner = lk_session_login (f->store, "erin", EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  c = lk_cases_create (f->examiner, &request, &error);
  g_assert_no_error (error);
  f->probe_id = lk_probes_import_file (f->examiner, "T-1", image, &provenance, NULL, &error);
  g_assert_no_error (error);
  copy_demo (f, "grace_hopper.jpg", "hopper.jpg");
  copy_demo (f, "astronaut.png", "collins.png");

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

  while ((dialog = lk_test_find_window (LK_TYPE_CANDIDATE_IMPORT_DIALOG)) != NULL)
    lk_test_destroy_window (dialog, NULL);
  lk_test_destroy_window (f->window, f->page, NULL);
  g_clear_object (&f->examiner);
  /* No widget kept a session: the database closes. */
  lk_test_unref_finalized (g_steal_pointer (&f->store));
  lk_test_remove_folder (f->folder);
  g_free (f->folder);
}

static void
lock_analysis (Fixture *f)
{
  const char * const components[] = { "eyes", "nose", NULL };
  LkAnalysis analysis = { "suitable", NULL, components, "Clear frontal view." };
  g_autoptr(GError) error = NULL;

  lk_analysis_lock (f->examiner, f->probe_id, &analysis, &error);
  g_assert_no_error (error);
}

static void
show_page (Fixture *f)
{
  f->page = lk_candidates_page_new (f->examiner, f->probe_id);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (adw_window_get_content (ADW_WINDOW (f->window))),
                               GTK_WIDGET (f->page));
}

/* A list file in the fixture's folder, next to the demo portraits it names. */
static GFile *
write_list (Fixture    *f,
            const char *name,
            const char *candidates)
{
  g_autofree char *path = g_build_filename (f->folder, name, NULL);
  g_autofree char *json =
    g_strdup_printf ("{\"format\": \"likeness-candidate-list\", \"version\": 1,"
                     " \"engine\": {\"name\": \"TestEngine\", \"version\": \"2.1\"},"
                     " \"reference_database\": {\"name\": \"" DATABASE "\"},"
                     " \"search\": {\"performed_at\": \"2026-11-27T10:00:00Z\","
                     " \"threshold\": 0.5, \"max_candidates\": 5},"
                     " \"candidates\": [%s]}", candidates);

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  return g_file_new_for_path (path);
}

static GFile *
write_good_list (Fixture *f)
{
  return write_list (f, "good.json",
                     "{\"rank\": 1, \"score\": 0.91, \"subject_ref\": \"SUBJ-1\","
                     " \"image\": \"hopper.jpg\"},"
                     " {\"rank\": 2, \"score\": 0.62, \"subject_ref\": \"SUBJ-2\","
                     " \"image\": \"collins.png\"}");
}

static GtkWidget *
open_dialog (Fixture *f,
             GFile   *file)
{
  GtkWidget *dialog;

  lk_candidates_page_import_file (f->page, file);
  dialog = lk_test_find_window (LK_TYPE_CANDIDATE_IMPORT_DIALOG);
  g_assert_nonnull (dialog);
  /* Modal over the page's window, like every dialog of the page. */
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  return dialog;
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return lk_test_sql_int64 (f->store, sql);
}

static guint
n_shown (Fixture *f)
{
  return g_list_model_get_n_items (lk_candidates_page_get_model (f->page));
}

/* The preview's rows: "Engine" and the others, each with its value as subtitle. */
static const char *
preview_value (GtkWidget  *dialog,
               const char *title)
{
  GtkWidget *row = lk_test_find (dialog, ADW_TYPE_ACTION_ROW, title);

  return row != NULL ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) : NULL;
}

static gboolean
previewed (gpointer data)
{
  return preview_value (data, "Candidates") != NULL;
}

typedef struct
{
  const char *file;
  const char *candidates;
  const char *message;
} Malformed;

static const Malformed malformed[] = {
  { "no-subject.json",
    "{\"rank\": 1, \"score\": 0.9, \"subject_ref\": \"S1\", \"image\": \"hopper.jpg\"},"
    " {\"rank\": 2, \"score\": 0.8, \"image\": \"collins.png\"}",
    "no-subject.json: candidate 2 (rank 2): subject_ref is missing" },
  { "same-rank.json",
    "{\"rank\": 1, \"score\": 0.9, \"subject_ref\": \"S1\", \"image\": \"hopper.jpg\"},"
    " {\"rank\": 1, \"score\": 0.8, \"subject_ref\": \"S2\", \"image\": \"collins.png\"}",
    "same-rank.json: candidate 2 (rank 1) has the same rank as candidate 1 (rank 1)" },
  { "missing-image.json",
    "{\"rank\": 1, \"score\": 0.9, \"subject_ref\": \"S1\", \"image\": \"hopper.jpg\"},"
    " {\"rank\": 2, \"score\": 0.8, \"subject_ref\": \"S2\", \"image\": \"nobody.png\"}",
    "missing-image.json: candidate 2 (rank 2): image nobody.png is missing" },
  { "escape.json",
    "{\"rank\": 1, \"score\": 0.9, \"subject_ref\": \"S1\", \"image\": \"../../etc/passwd\"}",
    "escape.json: candidate 1 (rank 1): image ../../etc/passwd leaves the list's folder" },
  { "empty.json", "", "empty.json: the list has no candidates" },
};

/* Each malformed list: the dialog names the problem once the check has run, Import stays off,
 * and neither the database nor the page gains a candidate. */
static void
test_malformed_refused (Fixture       *f,
                        gconstpointer  data)
{
  lock_analysis (f);
  show_page (f);
  g_assert_cmpuint (n_shown (f), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GFile) file = write_list (f, malformed[i].file, malformed[i].candidates);
      GtkWidget *dialog = open_dialog (f, file);

      g_assert_true (lk_test_wait_shown_containing (dialog, malformed[i].message, 15000));
      g_assert_false (gtk_widget_get_sensitive (lk_test_find (dialog, GTK_TYPE_BUTTON, "Import")));
      g_assert_null (preview_value (dialog, "Candidates"));
      lk_test_click (dialog, "Cancel");
      g_assert_true (lk_test_wait_closed (LK_TYPE_CANDIDATE_IMPORT_DIALOG, 5000));
    }
  g_assert_cmpint (count (f, "SELECT count(*) FROM candidate_lists"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM candidates"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_event"
                             " WHERE action = 'candidates.imported'"), ==, 0);
  g_assert_cmpuint (n_shown (f), ==, 0);
}

typedef struct
{
  Fixture *f;
  guint    n;
} Shown;

static gboolean
page_shows (gpointer data)
{
  Shown *s = data;

  return n_shown (s->f) == s->n;
}

/* A good list: the preview states what the list says of itself, Import records it, the dialog
 * closes and the page shows the candidates, scores hidden. */
static void
test_good_list_imported (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GFile) file = write_good_list (f);
  Shown two = { f, 2 };
  GtkWidget *dialog, *import;

  lock_analysis (f);
  show_page (f);
  dialog = open_dialog (f, file);
  import = lk_test_find (dialog, GTK_TYPE_BUTTON, "Import");
  g_assert_false (gtk_widget_get_sensitive (import));
  g_assert_true (lk_test_wait (previewed, dialog, 15000));
  g_assert_cmpstr (preview_value (dialog, "Engine"), ==, "TestEngine 2.1");
  g_assert_cmpstr (preview_value (dialog, "Reference database"), ==, DATABASE);
  g_assert_cmpstr (preview_value (dialog, "Candidates"), ==, "2 candidates, every image checked");
  g_assert_cmpstr (preview_value (dialog, "Threshold"), ==, "0.5");
  g_assert_cmpuint (strlen (preview_value (dialog, "List file SHA-256")), ==, 64);
  /* Previewing records nothing. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM candidate_lists"), ==, 0);

  g_assert_true (gtk_widget_get_sensitive (import));
  lk_test_click (dialog, "Import");
  g_assert_true (lk_test_wait_closed (LK_TYPE_CANDIDATE_IMPORT_DIALOG, 15000));
  g_assert_true (lk_test_wait (page_shows, &two, 5000));
  g_assert_cmpint (count (f, "SELECT count(*) FROM candidate_lists WHERE engine_name ="
                             " 'TestEngine' AND list_length = 2"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_event"
                             " WHERE action = 'candidates.imported'"), ==, 1);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (lk_candidates_page_get_model (f->page), i);
      g_autofree char *score = NULL;

      g_object_get (item, "score-label", &score, NULL);
      g_assert_cmpstr (score, ==, "");
    }
}

/* Cancelling after the preview imports nothing. */
static void
test_cancel_imports_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GFile) file = write_good_list (f);
  GtkWidget *dialog;

  lock_analysis (f);
  show_page (f);
  dialog = open_dialog (f, file);
  g_assert_true (lk_test_wait (previewed, dialog, 15000));
  lk_test_click (dialog, "Cancel");
  g_assert_true (lk_test_wait_closed (LK_TYPE_CANDIDATE_IMPORT_DIALOG, 5000));
  g_assert_cmpint (count (f, "SELECT count(*) FROM candidate_lists"), ==, 0);
  g_assert_cmpuint (n_shown (f), ==, 0);
}

/* Before the analysis is locked the page does not offer an import at all. */
static void
test_masked_probe_not_offered (Fixture       *f,
                               gconstpointer  data)
{
  show_page (f);
  g_assert_nonnull (lk_test_find (GTK_WIDGET (f->page), GTK_TYPE_LABEL, "Candidates Are Masked"));
  /* The action opens its file chooser before it returns, when it is enabled: it is not. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "triage.import", NULL);
  g_assert_null (lk_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_null (lk_test_find_window (LK_TYPE_CANDIDATE_IMPORT_DIALOG));
}

#define ADD(path, func) \
  g_test_add ("/likeness/candidate-import/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  lk_test_ui_init (&argc, &argv);
  ADD ("malformed-refused", test_malformed_refused);
  ADD ("good-list-imported", test_good_list_imported);
  ADD ("cancel-imports-nothing", test_cancel_imports_nothing);
  ADD ("masked-probe-not-offered", test_masked_probe_not_offered);
  return g_test_run ();
}
