/* SPDX-License-Identifier: GPL-3.0-or-later */
/* likeness-cli end to end, as an administrator's script would drive it. */
#include "config.h"

#include <string.h>

#include "lk-test-util.h"
#include "demo/lk-demo.h"
#include "people/lk-session.h"
#include "store/lk-store.h"

#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse"
#define EXAMINER "erin"
#define EXAMINER_PASSWORD "battery staple"

static void
init_db (LkTestFixture *fixture)
{
  g_autoptr(LkCliRun) run = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path,
                                         "init", "--admin", ADMIN, "--display-name", "Ada Admin",
                                         NULL);

  lk_test_cli_assert_ok (run);
  g_assert_nonnull (strstr (run->out, "initialised"));
}

static void
add_examiner (LkTestFixture *fixture)
{
  g_autoptr(LkCliRun) run = lk_test_cli (ADMIN_PASSWORD, EXAMINER_PASSWORD, NULL,
                                         "--db", fixture->db_path, "--user", ADMIN,
                                         "user", "add", EXAMINER, "--roles", "examiner",
                                         "--display-name", "Erin Examiner", NULL);

  lk_test_cli_assert_ok (run);
  g_assert_cmpstr (run->out, ==, "added " EXAMINER "\n");
}

static char *
user_list (LkTestFixture *fixture)
{
  g_autoptr(LkCliRun) run = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path,
                                         "--user", ADMIN, "user", "list", NULL);

  lk_test_cli_assert_ok (run);
  return g_steal_pointer (&run->out);
}

static void
test_init (LkTestFixture *fixture,
           gconstpointer  data)
{
  g_autoptr(LkCliRun) again = NULL;
  g_autoptr(LkCliRun) no_password = NULL;
  g_autofree char *other = lk_test_path (fixture, "other.db");

  init_db (fixture);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM users"), ==, 1);

  again = lk_test_cli ("another password", NULL, NULL, "--db", fixture->db_path,
                       "init", "--admin", "usurper", NULL);
  lk_test_cli_assert_failed (again, "initialised");
  g_assert_cmpstr (again->out, ==, "");
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM users"), ==, 1);

  no_password = lk_test_cli (NULL, NULL, NULL, "--db", other, "init", "--admin", ADMIN, NULL);
  lk_test_cli_assert_failed (no_password, "LIKENESS_PASSWORD");
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
}

static void
test_user_add_list (LkTestFixture *fixture,
                    gconstpointer  data)
{
  g_autofree char *list = NULL;

  init_db (fixture);
  add_examiner (fixture);
  list = user_list (fixture);
  g_assert_cmpstr (list, ==,
                   "admin\tAda Admin\tadministrator\tactive\n"
                   "erin\tErin Examiner\texaminer\tactive\n");
}

static void
test_permission_denied (LkTestFixture *fixture,
                        gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(LkCliRun) run = NULL;
  g_autoptr(LkCliRun) list = NULL;

  init_db (fixture);
  add_examiner (fixture);
  before = user_list (fixture);

  run = lk_test_cli (EXAMINER_PASSWORD, "mallory's password", NULL, "--db", fixture->db_path,
                     "--user", EXAMINER, "user", "add", "mallory", "--roles", "administrator",
                     NULL);
  lk_test_cli_assert_failed (run, "Only an administrator can do this; the account");
  list = lk_test_cli (EXAMINER_PASSWORD, NULL, NULL, "--db", fixture->db_path,
                      "--user", EXAMINER, "user", "list", NULL);
  lk_test_cli_assert_failed (list, "Only an administrator can do this");
  g_assert_cmpstr (list->out, ==, "");

  after = user_list (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_password_stdin (LkTestFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr(LkCliRun) run = NULL;
  g_autoptr(LkCliRun) wrong = NULL;

  init_db (fixture);
  run = lk_test_cli (NULL, NULL, ADMIN_PASSWORD "\n", "--db", fixture->db_path,
                     "--user", ADMIN, "user", "list", NULL);
  lk_test_cli_assert_ok (run);
  g_assert_true (g_str_has_prefix (run->out, "admin\t"));

  wrong = lk_test_cli (NULL, NULL, "not the password\n", "--db", fixture->db_path,
                       "--user", ADMIN, "user", "list", NULL);
  lk_test_cli_assert_failed (wrong, "Wrong user name or password");
  g_assert_cmpstr (wrong->out, ==, "");
}

static void
test_user_disable (LkTestFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr(LkCliRun) run = NULL;
  g_autoptr(LkCliRun) login = NULL;
  g_autofree char *list = NULL;

  init_db (fixture);
  add_examiner (fixture);
  run = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", ADMIN,
                     "user", "disable", EXAMINER, NULL);
  lk_test_cli_assert_ok (run);
  list = user_list (fixture);
  g_assert_nonnull (strstr (list, "erin\tErin Examiner\texaminer\tdisabled\n"));

  login = lk_test_cli (EXAMINER_PASSWORD, NULL, NULL, "--db", fixture->db_path,
                       "--user", EXAMINER, "audit", "verify", NULL);
  lk_test_cli_assert_failed (login, "disabled");
}

static void
check_jsonl_line (const char *line,
                  gint64      expected_seq)
{
  static const char * const members[] = {
    "seq", "at", "user", "role", "action", "object", "details", "hash",
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  object = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (object, members[i]));
  g_assert_cmpint (json_object_get_int_member (object, "seq"), ==, expected_seq);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "details")));
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "hash")), ==, 64);
}

static void
test_audit_export_jsonl (LkTestFixture *fixture,
                         gconstpointer  data)
{
  g_autoptr(LkCliRun) run = NULL;
  g_auto(GStrv) lines = NULL;
  guint n;

  init_db (fixture);
  add_examiner (fixture);
  run = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", ADMIN,
                     "audit", "export", "--format", "jsonl", NULL);
  lk_test_cli_assert_ok (run);
  g_assert_true (g_str_has_suffix (run->out, "\n"));
  lines = g_strsplit (run->out, "\n", -1);
  n = g_strv_length (lines) - 1;
  g_assert_cmpstr (lines[n], ==, "");
  /* created admin, log-in, created erin, log-in, exported */
  g_assert_cmpuint (n, ==, 5);
  for (guint i = 0; i < n; i++)
    check_jsonl_line (lines[i], i + 1);
  g_assert_nonnull (strstr (lines[2], "\"action\":\"user.created\""));
  g_assert_nonnull (strstr (lines[n - 1], "\"action\":\"audit.exported\""));
}

static void
test_audit_export_csv (LkTestFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr(LkCliRun) run = NULL;
  g_autoptr(LkCliRun) bad = NULL;
  g_auto(GStrv) lines = NULL;

  init_db (fixture);
  run = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", ADMIN,
                     "audit", "export", "--format", "csv", NULL);
  lk_test_cli_assert_ok (run);
  lines = g_strsplit (run->out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "seq,at,user,role,action,object,details,prev_hash,hash,workspace");
  g_assert_cmpuint (g_strv_length (lines), ==, 5); /* header, 3 events, empty tail */
  g_assert_true (g_str_has_prefix (lines[1], "\"1\","));
  g_assert_nonnull (strstr (lines[1], "\"{\"\"display_name\"\":\"\"Ada Admin\"\""));
  g_assert_true (g_str_has_suffix (lines[3], ",\"casework\""));

  bad = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", ADMIN,
                     "audit", "export", "--format", "xml", NULL);
  lk_test_cli_assert_failed (bad, "xml");
}

static void
test_demo (LkTestFixture *fixture,
           gconstpointer  data)
{
  static const char * const expected[] = {
    "demo-admin", "demo-examiner", "demo-reviewer", "demo-reviewer2", "demo-trainer",
    "demo-trainee", NULL,
  };
  g_autoptr(LkCliRun) run = lk_test_cli (NULL, NULL, NULL, "--db", fixture->db_path, "demo",
                                         NULL);
  g_autoptr(LkCliRun) again = NULL;
  g_autoptr(LkStore) store = NULL;
  g_autoptr(GError) error = NULL;

  lk_test_cli_assert_ok (run);
  g_assert_true (g_strv_equal (lk_demo_user_names (), expected));
  store = lk_store_open (fixture->db_path, LK_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (lk_store_is_demo (store));
  for (guint i = 0; expected[i] != NULL; i++)
    {
      g_autoptr(LkSession) session = lk_session_login (store, expected[i], "demo", &error);

      g_assert_no_error (error);
      g_assert_nonnull (strstr (run->out, expected[i]));
    }
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM users"), ==, 6);

  again = lk_test_cli (NULL, NULL, NULL, "--db", fixture->db_path, "demo", NULL);
  lk_test_cli_assert_failed (again, "exists");
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM users"), ==, 6);
}

/* On a server, the other application's rows are untouched, and an empty database is not
 * filled by any command but init. */
static void
test_bad_db_server (LkTestFixture *fixture)
{
  g_autofree char *empty = lk_test_server_database_new ();
  g_autoptr(LkCliRun) list = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", empty,
                                          "--user", ADMIN, "user", "list", NULL);

  lk_test_cli_assert_failed (list, "is empty");
  g_assert_cmpint (lk_test_sql_int (empty, "SELECT count(*) FROM pg_catalog.pg_tables"
                                           " WHERE schemaname = current_schema ()"), ==, 0);
  lk_test_server_database_drop (empty);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM shopping"), ==, 2);
}

static void
test_bad_db (LkTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(LkCliRun) list = NULL;
  g_autoptr(LkCliRun) init = NULL;
  g_autoptr(LkCliRun) missing = NULL;
  g_autofree char *absent = lk_test_path (fixture, "absent.db");
  g_autoptr(GError) error = NULL;

  /* A server database is never a file: there, another application's tables. */
  if (lk_test_server () != NULL)
    lk_test_sql (fixture->db_path, "CREATE TABLE shopping (item TEXT);"
                                   " INSERT INTO shopping VALUES ('milk'), ('eggs')");
  else
    g_file_set_contents (fixture->db_path, "shopping list: milk, eggs\n", -1, &error);
  g_assert_no_error (error);
  list = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", ADMIN,
                      "user", "list", NULL);
  lk_test_cli_assert_failed (list, "not a Likeness database");
  init = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path,
                      "init", "--admin", ADMIN, NULL);
  lk_test_cli_assert_failed (init, "not a Likeness database");

  missing = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", absent, "--user", ADMIN,
                         "user", "list", NULL);
  lk_test_cli_assert_failed (missing, absent);
  g_assert_false (g_file_test (absent, G_FILE_TEST_EXISTS));
  if (lk_test_server () != NULL)
    test_bad_db_server (fixture);
}

static void
test_unknown_command (LkTestFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(LkCliRun) unknown = lk_test_cli (NULL, NULL, NULL, "--db", fixture->db_path,
                                             "frobnicate", NULL);
  g_autoptr(LkCliRun) missing = lk_test_cli (NULL, NULL, NULL, NULL, NULL);
  g_autoptr(LkCliRun) half = lk_test_cli (NULL, NULL, NULL, "user", "promote", NULL);

  g_assert_cmpint (unknown->status, ==, 2);
  g_assert_cmpuint (lk_test_count_lines (unknown->err), ==, 1);
  g_assert_cmpint (missing->status, ==, 2);
  g_assert_cmpint (half->status, ==, 2);
  g_assert_false (g_file_test (fixture->db_path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/cli/init", test_init);
  LK_TEST_ADD ("/likeness/cli/user-add-list", test_user_add_list);
  LK_TEST_ADD ("/likeness/cli/permission-denied", test_permission_denied);
  LK_TEST_ADD ("/likeness/cli/password-stdin", test_password_stdin);
  LK_TEST_ADD ("/likeness/cli/user-disable", test_user_disable);
  LK_TEST_ADD ("/likeness/cli/audit-export-jsonl", test_audit_export_jsonl);
  LK_TEST_ADD ("/likeness/cli/audit-export-csv", test_audit_export_csv);
  LK_TEST_ADD ("/likeness/cli/demo", test_demo);
  LK_TEST_ADD ("/likeness/cli/bad-db", test_bad_db);
  LK_TEST_ADD ("/likeness/cli/unknown-command", test_unknown_command);

  return g_test_run ();
}
