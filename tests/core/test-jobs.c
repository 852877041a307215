/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The core's slow work for the application: progress from worker threads reaches the main loop
 * coalesced, and a cancel stops the work and leaves the database and files as they were. */
#include "config.h"

#include "lk-test-util.h"
#include "store/lk-store-private.h"

#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse"
#define N_EVENTS 10000

static const LkActor tester = { "tester", "administrator" };

typedef struct
{
  GThread *main_thread;
  guint    notifications;
  gboolean off_main_thread;
} Watch;

static void
on_done_changed (LkProgress *progress,
                 GParamSpec *pspec,
                 Watch      *watch)
{
  watch->notifications++;
  watch->off_main_thread |= g_thread_self () != watch->main_thread;
}

static gpointer
report_many (gpointer data)
{
  for (guint i = 1; i <= 20000; i++)
    lk_progress_report (data, i, 20000, i % 2 ? "odd" : "even");
  return NULL;
}

static void
test_progress_coalesced (void)
{
  g_autoptr(LkProgress) progress = lk_progress_new ();
  Watch watch = { g_thread_self (), 0, FALSE };
  GThread *worker;

  g_signal_connect (progress, "notify::done", G_CALLBACK (on_done_changed), &watch);
  worker = g_thread_new ("reporter", report_many, progress);
  g_thread_join (worker);
  /* Nothing reaches the owner before its main context runs. */
  g_assert_cmpuint (lk_progress_get_done (progress), ==, 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (watch.notifications, ==, 1);
  g_assert_false (watch.off_main_thread);
  g_assert_cmpuint (lk_progress_get_done (progress), ==, 20000);
  g_assert_cmpuint (lk_progress_get_total (progress), ==, 20000);
  g_assert_cmpfloat (lk_progress_get_fraction (progress), ==, 1.0);
  g_assert_cmpstr (lk_progress_get_text (progress), ==, "even");
}

static void
append_events (LkStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkTxn) txn = lk_txn_begin (store, &error);

  g_assert_no_error (error);
  for (int i = 1; i <= N_EVENTS; i++)
    {
      lk_audit_append (store, &tester, "test.event", "object", NULL, &error);
      g_assert_no_error (error);
    }
  lk_txn_commit (txn, &error);
  g_assert_no_error (error);
}

static void
on_finished (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_audit_check_cancelled (LkTestFixture *fixture,
                            gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) session = lk_test_login (store, ADMIN, ADMIN_PASSWORD);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LkProgress) progress = lk_progress_new ();
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GAsyncResult) finished = NULL;
  g_autoptr(LkAuditLogVerdict) verdict = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;

  append_events (store);
  g_cancellable_cancel (cancellable);
  lk_audit_log_check_async (session, NULL, progress, cancellable, on_finished, &cancelled);
  verdict = lk_audit_log_check_finish (wait_for (&cancelled), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (verdict);
  /* The check stopped part-way: it never reached the point where it records itself. */
  g_assert_cmpint (lk_test_count_action (store, "audit.verified"), ==, 0);
  g_clear_error (&error);

  lk_audit_log_check_async (session, "  ", progress, NULL, on_finished, &finished);
  verdict = lk_audit_log_check_finish (wait_for (&finished), &error);
  g_assert_no_error (error);
  g_assert_cmpint (verdict->broken_seq, ==, 0);
  g_assert_cmpint (verdict->n_events, >, N_EVENTS);
  g_assert_null (verdict->reason);
  g_assert_cmpint (lk_test_count_action (store, "audit.verified"), ==, 1);
  head = lk_audit_log_anchor (session, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (verdict->head, ==, head);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (lk_progress_get_total (progress), ==, verdict->n_events);
  g_assert_cmpuint (lk_progress_get_done (progress), ==, verdict->n_events);
}

static void
test_audit_check_bad_anchor (LkTestFixture *fixture,
                             gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) session = lk_test_login (store, ADMIN, ADMIN_PASSWORD);
  g_autoptr(GAsyncResult) finished = NULL;
  g_autoptr(LkAuditLogVerdict) verdict = NULL;
  g_autoptr(GError) error = NULL;

  lk_audit_log_check_async (session, "12:not-a-hash", NULL, NULL, on_finished, &finished);
  verdict = lk_audit_log_check_finish (wait_for (&finished), &error);
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_assert_null (verdict);
  g_assert_cmpint (lk_test_count_action (store, "audit.verified"), ==, 0);
}

static void
test_export_cancelled_keeps_file (LkTestFixture *fixture,
                                  gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) session = lk_test_login (store, ADMIN, ADMIN_PASSWORD);
  g_autofree char *path = lk_test_path (fixture, "audit.jsonl");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GAsyncResult) finished = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  append_events (store);
  g_assert_true (g_file_set_contents (path, "an earlier export\n", -1, NULL));
  g_cancellable_cancel (cancellable);
  lk_audit_log_export_file_async (session, LK_AUDIT_FORMAT_JSONL, file, cancellable, on_finished,
                                  &cancelled);
  g_assert_false (lk_audit_log_export_file_finish (wait_for (&cancelled), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "an earlier export\n");
  g_clear_pointer (&text, g_free);
  g_clear_error (&error);

  lk_audit_log_export_file_async (session, LK_AUDIT_FORMAT_JSONL, file, NULL, on_finished,
                                  &finished);
  g_assert_true (lk_audit_log_export_file_finish (wait_for (&finished), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "{\"seq\":1,"));
  g_assert_cmpuint (lk_test_count_lines (text), >, N_EVENTS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/likeness/jobs/progress-coalesced", test_progress_coalesced);
  LK_TEST_ADD ("/likeness/jobs/audit-check-cancelled", test_audit_check_cancelled);
  LK_TEST_ADD ("/likeness/jobs/audit-check-bad-anchor", test_audit_check_bad_anchor);
  LK_TEST_ADD ("/likeness/jobs/export-cancelled-keeps-file", test_export_cancelled_keeps_file);

  return g_test_run ();
}
