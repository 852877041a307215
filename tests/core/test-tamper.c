/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Signed records edited behind the application's back (lk_test_sql_tamper: a connection to
 * the file on which no trigger fires, a server in a superuser's session that fires none):
 * `audit verify` names each record that no longer matches its signing event, and
 * `examination show --json` says so of a conclusion. Against the demo workspace. */
#include "config.h"

#include <string.h>

#include "lk-test-util.h"
#include "demo/lk-demo.h"
#include "governance/lk-audit-log.h"
#include "people/lk-session.h"
#include "store/lk-store.h"

#define EXAMINER "demo-examiner"
#define ADMIN "demo-admin"

static void
make_demo (LkTestFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) store = lk_demo_create (fixture->db_path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
}

/* Edits rows past the triggers; at least one changes. */
static void
tamper (LkTestFixture *fixture,
        const char    *sql)
{
  g_assert_cmpint (lk_test_sql_tamper (fixture->db_path, sql, NULL), >, 0);
}

static LkCliRun *
audit_verify (LkTestFixture *fixture)
{
  return lk_test_cli (LK_DEMO_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", ADMIN,
                      "audit", "verify", NULL);
}

/* audit verify fails, naming @record (or the start of it) on a line of its own, and says so in
 * its error line. */
static void
assert_named (LkTestFixture *fixture,
              const char    *record)
{
  g_autoptr(LkCliRun) run = audit_verify (fixture);
  g_autofree char *line = g_strdup_printf ("\n  %s", record);

  g_test_message ("%s%s", run->out, run->err);
  g_assert_cmpint (run->status, !=, 0);
  g_assert_nonnull (strstr (run->out, "audit chain intact"));
  g_assert_nonnull (strstr (run->out, line));
  g_assert_nonnull (strstr (run->out, "differs from signing event "));
  g_assert_nonnull (strstr (run->err, "likeness-cli: 1 signed record was changed after signing\n"));
}

static JsonObject *
first_conclusion (LkTestFixture *fixture,
                  gint64         examination,
                  JsonNode     **root)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, examination);
  g_autoptr(LkCliRun) run = lk_test_cli (LK_DEMO_PASSWORD, NULL, NULL, "--db",
                                         fixture->db_path, "--user", EXAMINER, "examination",
                                         "show", id, "--json", NULL);
  g_autoptr(GError) error = NULL;
  JsonArray *conclusions;

  lk_test_cli_assert_ok (run);
  *root = json_from_string (run->out, &error);
  g_assert_no_error (error);
  conclusions = json_object_get_array_member (json_node_get_object (*root), "conclusions");
  g_assert_nonnull (conclusions);
  g_assert_cmpuint (json_array_get_length (conclusions), >, 0);
  return json_array_get_object_element (conclusions, 0);
}

static void
test_intact (LkTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(LkCliRun) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  gint64 examination;

  make_demo (fixture);
  run = audit_verify (fixture);
  lk_test_cli_assert_ok (run);
  examination = lk_test_sql_int (fixture->db_path,
                                 "SELECT examination_id FROM conclusions ORDER BY id LIMIT 1");
  g_assert_true (json_object_get_boolean_member (first_conclusion (fixture, examination, &root),
                                                 "content_intact"));
}

/* The first conclusion as audit verify names it. */
static char *
conclusion_record (LkTestFixture *fixture,
                   gint64        *examination)
{
  *examination = lk_test_sql_int (fixture->db_path,
                                  "SELECT examination_id FROM conclusions ORDER BY id LIMIT 1");
  return g_strdup_printf ("conclusion %" G_GINT64_FORMAT " (examination %" G_GINT64_FORMAT
                          ", revision %" G_GINT64_FORMAT ")",
                          lk_test_sql_int (fixture->db_path, "SELECT min (id) FROM conclusions"),
                          *examination,
                          lk_test_sql_int (fixture->db_path,
                                           "SELECT revision FROM conclusions ORDER BY id"
                                           " LIMIT 1"));
}

static void
test_conclusion (LkTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *record = NULL;
  gint64 examination;

  make_demo (fixture);
  record = conclusion_record (fixture, &examination);
  tamper (fixture,
          "UPDATE conclusions SET ordinal = ordinal + 1, level_label = 'Strong',"
          " reasoning = 'Rewritten' WHERE id = (SELECT min (id) FROM conclusions)");
  assert_named (fixture, record);
  g_assert_false (json_object_get_boolean_member (first_conclusion (fixture, examination, &root),
                                                  "content_intact"));
}

/* Whoever rewrites the content and its stored hash alike still cannot rewrite the event. */
static void
test_conclusion_hash (LkTestFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *record = NULL;
  g_autofree char *zeros = NULL;
  g_autofree char *update = NULL;
  gint64 examination;

  make_demo (fixture);
  record = conclusion_record (fixture, &examination);
  zeros = g_strnfill (64, '0');
  update = g_strdup_printf ("UPDATE conclusions SET content_sha256 = '%s'"
                            " WHERE id = (SELECT min (id) FROM conclusions)", zeros);
  tamper (fixture, update);
  assert_named (fixture, record);
  g_assert_false (json_object_get_boolean_member (first_conclusion (fixture, examination, &root),
                                                  "content_intact"));
}

static void
test_analysis (LkTestFixture *fixture,
               gconstpointer  data)
{
  g_autofree char *record = NULL;

  make_demo (fixture);
  record = g_strdup_printf ("analysis %" G_GINT64_FORMAT,
                            lk_test_sql_int (fixture->db_path, "SELECT min (id) FROM analyses"));
  tamper (fixture,
          "UPDATE analyses SET suitability = 'limited', notes = 'Rewritten'"
          " WHERE id = (SELECT min (id) FROM analyses)");
  assert_named (fixture, record);
}

static void
test_verification (LkTestFixture *fixture,
                   gconstpointer  data)
{
  g_autofree char *record = NULL;

  make_demo (fixture);
  record = g_strdup_printf ("verification record %" G_GINT64_FORMAT,
                            lk_test_sql_int (fixture->db_path,
                                             "SELECT min (id) FROM verification_signatures"));
  tamper (fixture,
          "UPDATE verification_signatures SET note = 'Rewritten'"
          " WHERE id = (SELECT min (id) FROM verification_signatures)");
  assert_named (fixture, record);
}

/* The verdict lists the records that differ, each with its signing event. */
static void
test_verdict (LkTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(LkStore) store = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(GPtrArray) mismatches =
    g_ptr_array_new_with_free_func ((GDestroyNotify) lk_audit_mismatch_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  LkAuditMismatch *m;
  gint64 n_events = 0, broken = 0;

  make_demo (fixture);
  tamper (fixture, "UPDATE verification_signatures SET note = 'Rewritten'");
  tamper (fixture, "UPDATE analyses SET notes = 'Rewritten'");
  store = lk_store_open (fixture->db_path, LK_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  session = lk_test_login (store, ADMIN, LK_DEMO_PASSWORD);
  g_assert_false (lk_audit_log_verify_watched (session, 0, NULL, NULL, NULL, &n_events, &broken,
                                               &reason, mismatches, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mismatches->len, ==,
                    lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM analyses") +
                    lk_test_sql_int (fixture->db_path,
                                     "SELECT count (*) FROM verification_signatures"));
  m = g_ptr_array_index (mismatches, 0);
  g_assert_cmpint (broken, ==, m->event_seq);
  g_assert_true (g_str_has_prefix (m->record, "analysis "));
  g_assert_nonnull (strstr (reason, m->record));
  g_assert_nonnull (strstr (reason, "the chain holds"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/tamper/intact", test_intact);
  LK_TEST_ADD ("/likeness/tamper/conclusion", test_conclusion);
  LK_TEST_ADD ("/likeness/tamper/conclusion-hash", test_conclusion_hash);
  LK_TEST_ADD ("/likeness/tamper/analysis", test_analysis);
  LK_TEST_ADD ("/likeness/tamper/verification", test_verification);
  LK_TEST_ADD ("/likeness/tamper/verdict", test_verdict);

  return g_test_run ();
}
