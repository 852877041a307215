/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The case page's report and disclosure bundle: made in the background with progress, final
 * only once every conclusion is countersigned, offered to open once made, and a cancel that
 * leaves nothing behind. */
#include "config.h"

#include <string.h>

#include "lk-case-page.h"
#include "lk-report-group.h"
#include "lk-test-ui.h"
#include "demo/lk-demo.h"
#include "people/lk-session.h"
#include "store/lk-store.h"

typedef struct
{
  char      *folder;
  LkStore   *store;
  LkSession *examiner;
  GtkWidget *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->folder = g_dir_make_tmp ("likeness-report-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->folder, "demo.db", NULL);
  f->store = lk_demo_open (path, &error);
  g_assert_no_error (error);
  f->examiner = lk_session_login (f->store, "demo-examiner", "demo", &error);
  g_assert_no_error (error);
  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 800);
  adw_window_set_content (ADW_WINDOW (f->window), adw_toast_overlay_new ());
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lk_test_destroy_window (g_steal_pointer (&f->window), NULL);
  g_clear_object (&f->examiner);
  lk_test_unref_finalized (g_steal_pointer (&f->store));
  lk_test_remove_folder (f->folder);
  g_free (f->folder);
}

static LkReportGroup *
open_case (Fixture    *f,
           const char *number)
{
  LkCasePage *page = lk_case_page_new (f->examiner, number);
  GtkWidget *overlay = adw_window_get_content (ADW_WINDOW (f->window));

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (page));
  return LK_REPORT_GROUP (lk_test_find_type (GTK_WIDGET (page), LK_TYPE_REPORT_GROUP));
}

static gint64
count_action (Fixture    *f,
              const char *action)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_event WHERE action = '%s'",
                                          action);

  return lk_test_sql_int64 (f->store, sql);
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *bytes = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes, length);
}

/* DEMO-2026-001 is closed, its conclusions countersigned: the report is final, made in the
 * background, audited with the hash the page shows, and offered to open. */
static void
test_final_report (Fixture       *f,
                   gconstpointer  data)
{
  LkReportGroup *group = open_case (f, "DEMO-2026-001");
  g_autofree char *path = g_build_filename (f->folder, "DEMO-2026-001-report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *sha256 = NULL;
  GtkWidget *saved;

  g_assert_nonnull (group);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (group)));
  g_assert_nonnull (lk_test_find (GTK_WIDGET (group), GTK_TYPE_BUTTON, "Make Report…"));
  g_assert_false (gtk_widget_is_sensitive (lk_test_find (GTK_WIDGET (group), GTK_TYPE_BUTTON,
                                                         "Open")));
  lk_report_group_make_report (group, file);
  g_assert_false (gtk_widget_is_sensitive (lk_test_find (GTK_WIDGET (group), GTK_TYPE_BUTTON,
                                                         "Make Report…")));
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (group), "Report saved", 120000));
  sha256 = file_sha256 (path);
  saved = lk_test_find (GTK_WIDGET (group), ADW_TYPE_ACTION_ROW, "Report saved");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (saved)), sha256));
  g_assert_cmpint (count_action (f, "report.generated"), ==, 1);
  g_assert_true (gtk_widget_is_sensitive (lk_test_find (GTK_WIDGET (group), GTK_TYPE_BUTTON,
                                                        "Open")));
  g_assert_true (gtk_widget_is_sensitive (lk_test_find (GTK_WIDGET (group), GTK_TYPE_BUTTON,
                                                        "Show in Folder")));
}

/* DEMO-2026-004 waits for its reviewer: the page says only drafts can be made and why, and the
 * bundle it exports is a draft, in a folder named so, that verifies. */
static void
test_draft_bundle (Fixture       *f,
                   gconstpointer  data)
{
  LkReportGroup *group = open_case (f, "DEMO-2026-004");
  g_autofree char *path = g_build_filename (f->folder, "disclosure", NULL);
  g_autofree char *draft = g_strconcat (path, "-DRAFT", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  guint n_files = 0;

  g_assert_nonnull (lk_test_find (GTK_WIDGET (group), GTK_TYPE_BUTTON, "Make Draft Report…"));
  g_assert_nonnull (lk_test_find (GTK_WIDGET (group), GTK_TYPE_BUTTON, "Export Draft…"));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)),
                            "Only drafts can be made"));
  lk_report_group_export (group, folder);
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (group), "Draft bundle exported", 120000));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  problems = lk_bundle_verify (draft, &n_files, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (n_files, >=, 4);
  g_assert_cmpint (count_action (f, "export.created"), ==, 1);
}

static gboolean
idle_again (gpointer data)
{
  GtkWidget *button = lk_test_find (data, GTK_TYPE_BUTTON, "Make Report…");

  return button != NULL && gtk_widget_is_sensitive (button);
}

/* Cancel as soon as it starts: no file, no event, and the page is ready again. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  LkReportGroup *group = open_case (f, "DEMO-2026-001");
  g_autofree char *path = g_build_filename (f->folder, "cancelled.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  lk_report_group_make_report (group, file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group), "report.cancel", NULL));
  g_assert_true (lk_test_wait (idle_again, group, 120000));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_action (f, "report.generated"), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (lk_test_find (GTK_WIDGET (group), GTK_TYPE_BUTTON,
                                                         "Open")));
}

int
main (int   argc,
      char *argv[])
{
  lk_test_ui_init (&argc, &argv);
#define ADD(path, func) \
  g_test_add ("/likeness/report-group/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("final-report", test_final_report);
  ADD ("draft-bundle", test_draft_bundle);
  ADD ("cancel", test_cancel);
  return g_test_run ();
}
