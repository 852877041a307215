/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Retention: a dry run changes nothing; a purge clears the bytes and the templates of expired
 * images but keeps every record with its SHA-256, under a purge record and audit events, the
 * chain intact; views, the report and the bundle of a purged case still work; a legal hold
 * stops the purge; the database refuses every other way to clear or restore bytes. The data are
 * aged by running the rules at a later date. */
#include "config.h"

#include <string.h>

#include "lk-test-casework.h"
#include "lk-test-util.h"

#define PASSWORD "a long enough password"

static GDateTime *
days_ahead (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_add_days (now, days);
}

static void
set_policy (LkSession  *admin,
            const char *key,
            const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_policy_set (admin, key, value, "Retention test", &error));
  g_assert_no_error (error);
}

/* A closed case (its probe led to a +1 conclusion) whose candidate images expire 30 days after
 * closing, as its probe does. */
static void
build_closed_case (LkTestFixture *fixture,
                   LkTestCase    *c)
{
  g_autofree char *folder = lk_test_path (fixture, "list");

  g_mkdir_with_parents (folder, 0700);
  lk_test_case_build (c, fixture->db_path, folder, 3, 1, TRUE);
  set_policy (c->admin, "retention.closed_case_days", "30");
  set_policy (c->admin, "retention.candidate_days", "30");
}

static gint64
stored_bytes (const char *db)
{
  return lk_test_sql_int (db, "SELECT coalesce (sum (length (bytes)), 0) FROM images");
}

static LkRetentionReport *
run_at (LkSession *admin,
        int        days,
        gboolean   dry_run)
{
  g_autoptr(GDateTime) as_of = days_ahead (days);
  g_autoptr(GError) error = NULL;
  LkRetentionReport *report = lk_retention_run (admin, as_of, dry_run, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
test_dry_run_changes_nothing (LkTestFixture *fixture,
                              gconstpointer  data)
{
  LkTestCase c = { 0 };
  g_autoptr(LkRetentionReport) report = NULL;
  gint64 events, bytes;

  build_closed_case (fixture, &c);
  events = lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM audit_event");
  bytes = stored_bytes (fixture->db_path);
  g_assert_cmpint (bytes, >, 0);

  report = run_at (c.admin, 40, TRUE);
  g_assert_true (report->dry_run);
  /* The probe and its three candidates: the probe's image is also candidate 1's (the same demo
   * portrait), so two distinct images would go. */
  g_assert_cmpuint (report->items->len, ==, 4);
  g_assert_cmpint (report->images, ==, 2);
  g_assert_cmpint (report->image_bytes, ==, bytes);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM audit_event"), ==,
                   events);
  g_assert_cmpint (stored_bytes (fixture->db_path), ==, bytes);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM purged_images"), ==,
                   0);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM retention_runs"),
                   ==, 0);

  /* Before the periods end nothing is due. */
  {
    g_autoptr(LkRetentionReport) early = run_at (c.admin, 20, TRUE);

    g_assert_cmpuint (early->items->len, ==, 0);
    g_assert_cmpint (early->images, ==, 0);
  }
  lk_test_case_clear (&c);
}

static void
assert_chain_intact (LkStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gint64 n = 0, broken = 0;

  g_assert_true (lk_audit_verify (store, &n, &broken, &reason, &error));
  g_assert_no_error (error);
  g_assert_cmpint (broken, ==, 0);
}

static void
assert_views_of_purged (LkTestFixture *fixture,
                        LkTestCase    *c)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) image = lk_probes_read_image (c->examiner, c->probe, &error);
  g_autofree char *pdf = lk_test_path (fixture, "report.pdf");
  g_autofree char *dir = lk_test_path (fixture, "bundle");
  g_autofree char *sha = NULL;
  g_autoptr(LkRetentionItem) item = NULL;
  g_autoptr(LkBundle) bundle = NULL;
  LkReportOptions options = { LK_PAPER_A4, FALSE };

  g_assert_null (image);
  g_assert_error (error, LK_ERROR, LK_ERROR_PURGED);
  g_assert_nonnull (strstr (error->message, "closed-case"));
  g_clear_error (&error);

  item = lk_retention_item (c->store, LK_RETENTION_PROBE, c->probe, &error);
  g_assert_no_error (error);
  g_assert_true (item->purged);
  g_assert_cmpstr (item->sha256, ==, c->probe_sha256);

  g_assert_true (lk_report_write (c->examiner, c->number, pdf, &options, NULL, NULL, &sha, NULL,
                                  &error));
  g_assert_no_error (error);
  bundle = lk_bundle_export (c->examiner, c->number, dir, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bundle);
  /* The bundle carries no image bytes of a purged image, only its record. */
  {
    g_autofree char *images = g_build_filename (bundle->path, "images", NULL);
    g_autoptr(GDir) folder = g_dir_open (images, 0, NULL);

    g_assert_true (folder == NULL || g_dir_read_name (folder) == NULL);
  }
}

static void
open_second_case (LkTestCase *c)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) second = NULL;
  LkCaseRequest request = {
    "2026-0501", "Assault outside a club", "ASL", "Criminal Procedure Act, section 55",
    "The offender's face is visible on a witness's phone", "Chief Inspector Ward",
    "Assault Team", NULL,
  };

  second = lk_cases_create (c->examiner, &request, &error);
  g_assert_no_error (error);
}

static void
test_purge_keeps_records (LkTestFixture *fixture,
                          gconstpointer  data)
{
  LkTestCase c = { 0 };
  g_autoptr(LkRetentionReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 n_images;

  build_closed_case (fixture, &c);
  n_images = lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM images");
  report = run_at (c.admin, 40, FALSE);
  g_assert_false (report->dry_run);
  g_assert_cmpint (report->run_id, >, 0);
  g_assert_cmpint (report->images, ==, 2);

  /* The bytes are gone; every record, hash and size stays, with its purge record. */
  g_assert_cmpint (stored_bytes (fixture->db_path), ==, 0);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM images"), ==,
                   n_images);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM images"
                                                      " WHERE size > 0"), ==, n_images);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM purged_images"), ==,
                   2);
  sql = g_strdup_printf ("SELECT count (*) FROM probes WHERE image_sha256 = '%s'",
                         c.probe_sha256);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, sql), ==, 1);
  g_assert_cmpint (lk_test_count_action (c.store, "image.purged"), ==, 2);
  g_assert_cmpint (lk_test_count_action (c.store, "probe.image-purged"), ==, 1);
  g_assert_cmpint (lk_test_count_action (c.store, "candidate.image-purged"), ==, 3);
  g_assert_cmpint (lk_test_count_action (c.store, "retention.run"), ==, 1);
  assert_chain_intact (c.store);
  assert_views_of_purged (fixture, &c);
  assert_chain_intact (c.store);

  /* A second run finds them purged already and purges nothing. */
  {
    g_autoptr(LkRetentionReport) again = run_at (c.admin, 40, FALSE);

    g_assert_cmpint (again->images, ==, 0);
  }
  /* What was purged is not stored again. */
  {
    g_autofree char *path = lk_test_demo_path ("grace_hopper.jpg");
    LkProvenance p = { "cctv", "video-frame", "PC Ada Jones", "2026-01-15T14:32:00Z",
                       "Warrant 2026/19", "Exhibit AJ/3", FALSE };

    open_second_case (&c);
    g_assert_cmpint (lk_probes_import_file (c.examiner, "2026-0501", path, &p, NULL, &error), ==,
                     0);
    g_assert_error (error, LK_ERROR, LK_ERROR_PURGED);
  }
  lk_test_case_clear (&c);
}

/* Plain SQL cannot clear bytes without a purge record, restore purged bytes, remove a purge
 * record, or write one without its audit event: each statement is refused by the rule that
 * guards it, on a connection of its own. */
typedef struct
{
  const char *sql;
  const char *blob;     /* when not NULL, @sql ends with a literal of these bytes (in hex) */
  const char *expected; /* in the refusal */
} Refused;

/* A literal of the bytes @hex (hexadecimal) in the SQL of @path's backend. */
static char *
blob_literal (const char *path,
              const char *hex)
{
  return g_str_has_prefix (path, "postgres") ? g_strdup_printf ("'\\x%s'::bytea", hex)
                                             : g_strdup_printf ("X'%s'", hex);
}

static void
assert_refused (const char    *db_path,
                const Refused *statements,
                guint          n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *blob = statements[i].blob != NULL
                                ? blob_literal (db_path, statements[i].blob) : NULL;
      g_autofree char *sql = g_strconcat (statements[i].sql, blob, NULL);
      g_autofree char *refusal = lk_test_sql_error (db_path, sql);

      if (refusal == NULL)
        g_error ("Accepted: %s", sql);
      g_test_message ("%s: %s", sql, refusal);
      if (strstr (refusal, statements[i].expected) == NULL)
        g_error ("%s: expected “%s”, got: %s", sql, statements[i].expected, refusal);
    }
}

static void
test_database_refuses (LkTestFixture *fixture,
                       gconstpointer  data)
{
  LkTestCase c = { 0 };
  g_autoptr(LkRetentionReport) report = NULL;
  const Refused kept[] = {
    { "UPDATE images SET bytes = ", "", "stored images are immutable" },
    { "DELETE FROM images", NULL, "a stored image cannot be deleted" },
    { "INSERT INTO purged_images (sha256, size, rule, run_id, purged_by, purged_at, audit_seq)"
      " SELECT sha256, size, 'x', 1, 1, 'now', (SELECT max (seq) FROM audit_event) FROM images"
      " LIMIT 1", NULL, "an image is purged only with its audit event" },
  };
  const Refused purged[] = {
    { "UPDATE images SET bytes = ", "00", "stored images are immutable" },
    { "UPDATE images SET size = 1", NULL, "stored images are immutable" },
    { "DELETE FROM purged_images", NULL, "a purge record cannot be deleted" },
    { "UPDATE purged_images SET rule = 'x'", NULL, "a purge record cannot change" },
    { "DELETE FROM retention_runs", NULL, "a retention run cannot be deleted" },
  };

  build_closed_case (fixture, &c);
  /* Only the probe expires, and its image is candidate 1's too: nothing goes. */
  set_policy (c.admin, "retention.candidate_days", "0");
  report = run_at (c.admin, 40, FALSE);
  g_assert_cmpint (report->images, ==, 0);
  g_assert_cmpuint (report->items->len, ==, 1);
  g_assert_true (((LkRetentionItem *) g_ptr_array_index (report->items, 0))->shared);
  assert_refused (fixture->db_path, kept, G_N_ELEMENTS (kept));

  set_policy (c.admin, "retention.candidate_days", "30");
  g_clear_pointer (&report, lk_retention_report_free);
  report = run_at (c.admin, 40, FALSE);
  g_assert_cmpint (report->images, ==, 2);
  assert_refused (fixture->db_path, purged, G_N_ELEMENTS (purged));
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM purged_images"), ==,
                   2);
  assert_chain_intact (c.store);
  lk_test_case_clear (&c);
}

static void
test_hold (LkTestFixture *fixture,
           gconstpointer  data)
{
  LkTestCase c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkRetentionReport) held = NULL;
  g_autoptr(LkRetentionReport) released = NULL;
  g_autofree char *reason = NULL;
  gint64 bytes;

  build_closed_case (fixture, &c);
  bytes = stored_bytes (fixture->db_path);
  g_assert_false (lk_retention_hold (c.examiner, c.number, "Appeal pending", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (lk_retention_hold (c.admin, c.number, "  ", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (lk_retention_hold (c.admin, c.number, "Appeal pending", &error));
  g_assert_no_error (error);
  g_assert_false (lk_retention_hold (c.admin, c.number, "Again", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_EXISTS);
  g_clear_error (&error);

  held = run_at (c.admin, 40, FALSE);
  g_assert_cmpint (held->images, ==, 0);
  g_assert_cmpint (held->held, ==, 4);
  g_assert_cmpint (stored_bytes (fixture->db_path), ==, bytes);
  reason = lk_retention_case_hold (c.store, 1, &error);
  g_assert_cmpstr (reason, ==, "Appeal pending");

  g_assert_true (lk_retention_release (c.admin, c.number, "Appeal decided", &error));
  g_assert_no_error (error);
  g_assert_false (lk_retention_release (c.admin, c.number, "Twice", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (lk_test_count_action (c.store, "case.retention-hold"), ==, 1);
  g_assert_cmpint (lk_test_count_action (c.store, "case.retention-release"), ==, 1);
  released = run_at (c.admin, 40, FALSE);
  g_assert_cmpint (released->images, ==, 2);
  g_assert_cmpint (stored_bytes (fixture->db_path), ==, 0);
  lk_test_case_clear (&c);
}

/* A probe with no lead in an open case expires after retention.unidentified_days from import,
 * but its image stays while a kept probe of another case holds the same bytes. */
static void
test_unidentified (LkTestFixture *fixture,
                   gconstpointer  data)
{
  LkTestCase c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkRetentionReport) report = NULL;
  g_autoptr(LkRetentionItem) item = NULL;
  gint64 probe;

  build_closed_case (fixture, &c);
  open_second_case (&c);
  probe = lk_test_import_portrait (c.examiner, "2026-0501", NULL);
  set_policy (c.admin, "retention.unidentified_days", "10");
  set_policy (c.admin, "retention.closed_case_days", "100");
  set_policy (c.admin, "retention.candidate_days", "100");

  item = lk_retention_item (c.store, LK_RETENTION_PROBE, probe, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (item->rule, ==, "unidentified");
  g_assert_nonnull (item->expires);
  g_assert_false (item->expired);

  report = run_at (c.admin, 20, FALSE);
  g_assert_cmpuint (report->items->len, ==, 1);
  g_assert_true (((LkRetentionItem *) g_ptr_array_index (report->items, 0))->shared);
  g_assert_cmpint (report->images, ==, 0);
  lk_test_case_clear (&c);
}

static void
test_cli (LkTestFixture *fixture,
          gconstpointer  data)
{
  LkTestCase c = { 0 };
  g_autoptr(LkCliRun) dry = NULL, json = NULL, hold = NULL, refused = NULL, bad = NULL;
  g_autoptr(LkCliRun) status = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) later = days_ahead (40);
  g_autofree char *day = g_date_time_format (later, "%Y-%m-%d");
  JsonObject *o;

  build_closed_case (fixture, &c);
  dry = lk_test_cli (PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", "admin",
                     "retention", "run", "--dry-run", "--as-of", day, NULL);
  lk_test_cli_assert_ok (dry);
  g_assert_nonnull (strstr (dry->out, "would purge: 2 images"));
  g_assert_nonnull (strstr (dry->out, "probe:1\tclosed-case"));

  json = lk_test_cli (PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", "admin",
                      "retention", "run", "--dry-run", "--as-of", day, "--json", NULL);
  lk_test_cli_assert_ok (json);
  g_assert_true (json_parser_load_from_data (parser, json->out, -1, &error));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (o, "dry_run"));
  g_assert_cmpint (json_object_get_int_member (o, "images"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "items")), ==, 4);

  bad = lk_test_cli (PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", "admin",
                     "retention", "run", "--as-of", day, NULL);
  lk_test_cli_assert_failed (bad, "--dry-run");
  refused = lk_test_cli (PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", "erin",
                         "retention", "hold", c.number, "--reason", "Appeal", NULL);
  lk_test_cli_assert_failed (refused, NULL);
  hold = lk_test_cli (PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", "admin",
                      "retention", "hold", c.number, "--reason", "Appeal pending", NULL);
  lk_test_cli_assert_ok (hold);
  status = lk_test_cli (PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", "admin",
                        "retention", "status", NULL);
  lk_test_cli_assert_ok (status);
  g_assert_nonnull (strstr (status->out, "purged images\t0"));
  g_assert_nonnull (strstr (status->out, "runs\t0\tnever"));
  lk_test_case_clear (&c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  LK_TEST_ADD ("/likeness/retention/dry-run-changes-nothing", test_dry_run_changes_nothing);
  LK_TEST_ADD ("/likeness/retention/purge-keeps-records", test_purge_keeps_records);
  LK_TEST_ADD ("/likeness/retention/database-refuses", test_database_refuses);
  LK_TEST_ADD ("/likeness/retention/hold", test_hold);
  LK_TEST_ADD ("/likeness/retention/unidentified", test_unidentified);
  LK_TEST_ADD ("/likeness/retention/cli", test_cli);
  return g_test_run ();
}
