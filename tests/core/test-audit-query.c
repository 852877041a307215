/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit trail's filters against known events: 600 events written by the test in a pattern
 * (every other one by ann, every third one test.alpha, every fourth one on the case's probe),
 * around the real events of a case; the lazy list model's pages; the filtered export; the role
 * gate; and `audit list` through likeness-cli. */
#include "config.h"

#include <string.h>

#include "lk-test-util.h"

#define PASSWORD "a long enough password"
#define N_EVENTS 600

typedef struct
{
  LkStore   *store;
  LkSession *admin;
  LkSession *examiner;
  gint64     probe;
  char      *probe_object;
} Fixture;

static void
fixture_build (Fixture    *f,
               const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) created = NULL;
  LkCaseRequest request = {
    "2026-0600", "Robbery at the petrol station", "ROB", "Criminal Procedure Act, section 55",
    "The offender's face is visible on CCTV", "Chief Inspector Ward", "Robbery Squad", NULL,
  };

  f->store = lk_test_store_new (db_path, "admin", PASSWORD);
  f->admin = lk_test_login (f->store, "admin", PASSWORD);
  g_assert_true (lk_users_add (f->admin, "erin", NULL, LK_ROLE_EXAMINER, PASSWORD, &error));
  g_assert_no_error (error);
  f->examiner = lk_test_login (f->store, "erin", PASSWORD);
  created = lk_cases_create (f->examiner, &request, &error);
  g_assert_no_error (error);
  f->probe = lk_test_import_portrait (f->examiner, "2026-0600", NULL);
  f->probe_object = g_strdup_printf ("probe:%" G_GINT64_FORMAT, f->probe);

  for (guint i = 0; i < N_EVENTS; i++)
    {
      LkActor actor = { i % 2 ? "ann" : "bob", "examiner" };

      g_assert_true (lk_audit_record (f->store, &actor, i % 3 == 0 ? "test.alpha" : "test.beta",
                                      i % 4 == 0 ? f->probe_object : "other:1", NULL, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->examiner);
  g_clear_object (&f->admin);
  g_clear_object (&f->store);
  g_free (f->probe_object);
}

static guint
count (Fixture     *f,
       const char  *case_number,
       const char  *user,
       const char  *action,
       const char  *object,
       const char  *from,
       const char  *to)
{
  LkAuditFilter filter = { (char *) case_number, (char *) user, (char *) action,
                           (char *) object, (char *) from, (char *) to };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) seqs = lk_audit_log_select (f->admin, &filter, &error);

  g_assert_no_error (error);
  for (guint i = 1; i < seqs->len; i++)
    g_assert_cmpint (g_array_index (seqs, gint64, i - 1), <, g_array_index (seqs, gint64, i));
  return seqs->len;
}

static char *
day (int offset)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, offset);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
test_filters (LkTestFixture *fixture,
              gconstpointer  data)
{
  Fixture f = { 0 };
  g_autofree char *yesterday = day (-1), *today = day (0), *tomorrow = day (1);
  guint real;

  fixture_build (&f, fixture->db_path);
  g_assert_cmpuint (count (&f, NULL, "ann", NULL, NULL, NULL, NULL), ==, N_EVENTS / 2);
  g_assert_cmpuint (count (&f, NULL, NULL, "test.alpha", NULL, NULL, NULL), ==, N_EVENTS / 3);
  g_assert_cmpuint (count (&f, NULL, NULL, "test.*", NULL, NULL, NULL), ==, N_EVENTS);
  g_assert_cmpuint (count (&f, NULL, "ann", "test.alpha", NULL, NULL, NULL), ==, N_EVENTS / 6);
  g_assert_cmpuint (count (&f, NULL, "bob", "test.*", "other:1", NULL, NULL), ==,
                    N_EVENTS / 2 - N_EVENTS / 4);
  g_assert_cmpuint (count (&f, NULL, NULL, "test.*", NULL, today, today), ==, N_EVENTS);
  g_assert_cmpuint (count (&f, NULL, NULL, "test.*", NULL, yesterday, yesterday), ==, 0);
  g_assert_cmpuint (count (&f, NULL, NULL, "test.*", NULL, tomorrow, NULL), ==, 0);
  g_assert_cmpuint (count (&f, NULL, NULL, "test.*", NULL, NULL, yesterday), ==, 0);

  /* A case is its number and its objects: the real events of the case and the probe, and the
   * test's events on the probe (all bob's). */
  real = count (&f, "2026-0600", "erin", NULL, NULL, NULL, NULL);
  g_assert_cmpuint (real, >=, 2);
  g_assert_cmpuint (count (&f, "2026-0600", NULL, NULL, NULL, NULL, NULL), ==,
                    real + N_EVENTS / 4);
  g_assert_cmpuint (count (&f, "2026-0600", "ann", NULL, NULL, NULL, NULL), ==, 0);
  g_assert_cmpuint (count (&f, "2026-9999", NULL, NULL, NULL, NULL, NULL), ==, 0);
  g_assert_cmpuint (count (&f, NULL, NULL, NULL, f.probe_object, NULL, NULL), ==,
                    count (&f, "2026-0600", NULL, NULL, f.probe_object, NULL, NULL));

  /* Each selection is a read of the audit log, and audited with its filter. */
  {
    g_autoptr(LkAuditEvent) last = lk_test_last_event_of (f.store, "audit.listed");

    g_assert_nonnull (strstr (last->details, "\"object\""));
    g_assert_cmpstr (last->user, ==, "admin");
  }
  fixture_clear (&f);
}

/* A period alone is answered from its first and last numbers when its events run without a
 * gap, and one by one when an event of another time lies between (a clock set back). */
static void
test_period (LkTestFixture *fixture,
             gconstpointer  data)
{
  Fixture f = { 0 };
  g_autofree char *yesterday = day (-1), *today = day (0);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  LkActor actor = { "ann", "examiner" };
  guint all, of_today;

  fixture_build (&f, fixture->db_path);
  all = (guint) lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM audit_event");
  g_assert_cmpuint (count (&f, NULL, NULL, NULL, NULL, today, today), ==, all + 1);
  g_assert_cmpuint (count (&f, NULL, NULL, NULL, NULL, yesterday, yesterday), ==, 0);

  /* an event stamped yesterday in the middle, then one of today after it */
  sql = g_strdup_printf ("INSERT INTO audit_event (seq, at, \"user\", role, action, object,"
                         " details, prev_hash, hash) SELECT max (seq) + 1, '%sT12:00:00Z', 'ann',"
                         " 'examiner', 'test.clock', '', '{}', '', '' FROM audit_event",
                         yesterday);
  lk_test_sql (fixture->db_path, sql);
  g_assert_true (lk_audit_record (f.store, &actor, "test.after", "", NULL, &error));
  g_assert_no_error (error);
  of_today = (guint) lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM audit_event"
                                      " WHERE action <> 'test.clock'");
  /* (each selection records its own "audit.listed" first) */
  g_assert_cmpuint (count (&f, NULL, NULL, NULL, NULL, today, today), ==, of_today + 1);
  g_assert_cmpuint (count (&f, NULL, NULL, NULL, NULL, yesterday, yesterday), ==, 1);
  fixture_clear (&f);
}

static void
test_refusals (LkTestFixture *fixture,
               gconstpointer  data)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  LkAuditFilter bad_day = { NULL, NULL, NULL, NULL, "2026-02-30", NULL };
  LkAuditFilter backwards = { NULL, NULL, NULL, NULL, "2026-03-02", "2026-03-01" };
  LkAuditFilter none = { 0 };

  fixture_build (&f, fixture->db_path);
  g_assert_null (lk_audit_log_select (f.examiner, &none, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_null (lk_audit_log_select (f.admin, &bad_day, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (lk_audit_log_select (f.admin, &backwards, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  fixture_clear (&f);
}

static void
test_pages (LkTestFixture *fixture,
            gconstpointer  data)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  LkAuditFilter filter = { NULL, "ann", "test.*", NULL, NULL, NULL };
  g_autoptr(LkAuditEventList) list = NULL;
  g_autoptr(GArray) seqs = NULL;
  guint n;

  fixture_build (&f, fixture->db_path);
  seqs = lk_audit_log_select (f.admin, &filter, &error);
  list = lk_audit_event_list_new (f.admin, &filter, &error);
  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, N_EVENTS / 2);
  g_assert_cmpuint (lk_audit_event_list_pages_read (list), ==, 0);

  /* The last row reads one page; the first another; every row then matches the selection. */
  {
    g_autoptr(LkAuditEntry) last = g_list_model_get_item (G_LIST_MODEL (list), n - 1);

    g_assert_cmpint (lk_audit_entry_get_seq (last), ==, g_array_index (seqs, gint64, n - 1));
    g_assert_cmpuint (lk_audit_event_list_pages_read (list), ==, 1);
  }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkAuditEntry) entry = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpint (lk_audit_entry_get_seq (entry), ==, g_array_index (seqs, gint64, i));
      g_assert_cmpstr (lk_audit_entry_get_user (entry), ==, "ann");
      g_assert_cmpuint (strlen (lk_audit_entry_get_hash (entry)), ==, 64);
      g_assert_cmpuint (strlen (lk_audit_entry_get_prev_hash (entry)), ==, 64);
    }
  g_assert_cmpuint (lk_audit_event_list_pages_read (list), ==,
                    (n + LK_AUDIT_EVENT_LIST_PAGE - 1) / LK_AUDIT_EVENT_LIST_PAGE);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n));
  g_assert_null (lk_audit_event_list_get_error (list));
  fixture_clear (&f);
}

static void
test_export (LkTestFixture *fixture,
             gconstpointer  data)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  LkAuditFilter filter = { NULL, "ann", "test.alpha", NULL, NULL, NULL };
  g_autoptr(GOutputStream) csv = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) jsonl = g_memory_output_stream_new_resizable ();
  g_autofree char *csv_text = NULL, *jsonl_text = NULL;

  fixture_build (&f, fixture->db_path);
  g_assert_true (lk_audit_log_export_filtered (f.admin, &filter, LK_AUDIT_FORMAT_CSV, csv, NULL,
                                               &error));
  g_assert_true (lk_audit_log_export_filtered (f.admin, &filter, LK_AUDIT_FORMAT_JSONL, jsonl,
                                               NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (csv, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_write_all (jsonl, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (csv, NULL, NULL));
  g_assert_true (g_output_stream_close (jsonl, NULL, NULL));
  csv_text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (csv));
  jsonl_text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (jsonl));
  g_assert_cmpuint (lk_test_count_lines (csv_text), ==, 1 + N_EVENTS / 6);
  g_assert_cmpuint (lk_test_count_lines (jsonl_text), ==, N_EVENTS / 6);
  g_assert_true (g_str_has_prefix (csv_text, "seq,at,user"));
  g_assert_cmpint (lk_test_count_action (f.store, "audit.exported"), ==, 2);
  fixture_clear (&f);
}

static void
test_cli (LkTestFixture *fixture,
          gconstpointer  data)
{
  Fixture f = { 0 };
  g_autoptr(LkCliRun) lines = NULL, json = NULL, refused = NULL, bad = NULL, export = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o;
  JsonArray *events;

  fixture_build (&f, fixture->db_path);
  lines = lk_test_cli (PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", "admin",
                       "audit", "list", "--user", "ann", "--action", "test.alpha", NULL);
  lk_test_cli_assert_ok (lines);
  g_assert_cmpuint (lk_test_count_lines (lines->out), ==, N_EVENTS / 6);
  g_assert_nonnull (strstr (lines->out, "\tann\texaminer\ttest.alpha\tother:1\t"));

  json = lk_test_cli (PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", "admin",
                      "audit", "list", "--case", "2026-0600", "--user", "bob", "--json", NULL);
  lk_test_cli_assert_ok (json);
  g_assert_true (json_parser_load_from_data (parser, json->out, -1, &error));
  o = json_node_get_object (json_parser_get_root (parser));
  events = json_object_get_array_member (o, "events");
  g_assert_cmpint (json_object_get_int_member (o, "count"), ==, N_EVENTS / 4);
  g_assert_cmpuint (json_array_get_length (events), ==, N_EVENTS / 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0),
                                                  "object"), ==, f.probe_object);

  export = lk_test_cli (PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", "admin",
                        "audit", "export", "--format", "csv", "--action", "test.beta", NULL);
  lk_test_cli_assert_ok (export);
  g_assert_cmpuint (lk_test_count_lines (export->out), ==, 1 + N_EVENTS - N_EVENTS / 3);

  refused = lk_test_cli (PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", "erin",
                         "audit", "list", NULL);
  lk_test_cli_assert_failed (refused, NULL);
  bad = lk_test_cli (PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", "admin",
                     "audit", "list", "--from", "yesterday", NULL);
  lk_test_cli_assert_failed (bad, "YYYY-MM-DD");
  fixture_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  LK_TEST_ADD ("/likeness/audit-query/filters", test_filters);
  LK_TEST_ADD ("/likeness/audit-query/period", test_period);
  LK_TEST_ADD ("/likeness/audit-query/refusals", test_refusals);
  LK_TEST_ADD ("/likeness/audit-query/pages", test_pages);
  LK_TEST_ADD ("/likeness/audit-query/export", test_export);
  LK_TEST_ADD ("/likeness/audit-query/cli", test_cli);
  return g_test_run ();
}
