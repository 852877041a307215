/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store on a PostgreSQL server (LIKENESS_TEST_PG, set by tests/pg-server): the schema and
 * its rules, several writers at once on one audit chain, live updates between two connections,
 * a server that goes away mid-action, and moving a lab from a file. Registered as not parallel:
 * one case stops and starts the server. */
#include "config.h"

#include <string.h>

#include "lk-test-util.h"
#include "store/lk-audit.h"
#include "store/lk-schema.h"
#include "store/lk-store-copy.h"
#include "store/lk-store-private.h"
#include "store/lk-store.h"

#define ADMIN "alice"
#define ADMIN_PASSWORD "correct horse battery"
#define EXAMINER "erin"
#define EXAMINER_PASSWORD "examiner horse battery"

static const LkActor tester = { "tester", "examiner" };

static gboolean
need_server (void)
{
  if (lk_test_server () != NULL)
    return TRUE;
  g_test_skip ("needs a PostgreSQL server: run under tests/pg-server (LIKENESS_TEST_PG)");
  return FALSE;
}

/* Every migration from the PostgreSQL base on has its PostgreSQL twin. */
static void
test_twins (void)
{
  g_assert_cmpuint (lk_n_migrations, ==, LK_SCHEMA_VERSION);
  g_assert_cmpint (LK_PG_BASE_VERSION, <=, LK_SCHEMA_VERSION);
  for (guint i = 0; i < lk_n_migrations; i++)
    {
      g_assert_nonnull (lk_migrations[i].sqlite);
      if (i + 1 >= LK_PG_BASE_VERSION)
        g_assert_nonnull (lk_migrations[i].postgresql);
      else
        g_assert_null (lk_migrations[i].postgresql);
    }
}

static void
test_init (LkTestFixture *fixture,
           gconstpointer  data)
{
  g_autoptr(LkCliRun) run = NULL;
  g_autoptr(LkStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_server ())
    return;
  run = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path, "init", "--admin",
                     ADMIN, NULL);
  lk_test_cli_assert_ok (run);
  store = lk_store_open (fixture->db_path, LK_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (lk_store_is_server (store));
  g_assert_true (lk_test_store_initialised (store));
  g_assert_false (lk_store_is_demo (store));
  g_assert_cmpint (lk_store_get_schema_version (store), ==, LK_SCHEMA_VERSION);
  g_clear_object (&store);

  /* Initialised once. */
  g_clear_pointer (&run, lk_cli_run_free);
  run = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path, "init", "--admin",
                     "bob", NULL);
  lk_test_cli_assert_failed (run, "already has users");
}

static void
test_refuses (LkTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) store = NULL;
  g_autofree char *unreachable = NULL;

  if (!need_server ())
    return;
  /* Another application's database. */
  lk_test_sql (fixture->db_path, "CREATE TABLE orders (id BIGINT PRIMARY KEY)");
  store = lk_store_open (fixture->db_path, LK_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_LIKENESS_DATABASE);
  g_clear_error (&error);

  /* A server that cannot be reached is an error, never a local file. */
  unreachable = g_strdup ("postgresql://likeness@127.0.0.1:1/likeness?connect_timeout=2");
  store = lk_store_open (unreachable, LK_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, LK_ERROR, LK_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "Cannot connect"));
  g_assert_false (g_file_test ("postgresql:", G_FILE_TEST_EXISTS));
}

static void
test_rules (LkTestFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(LkStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_server ())
    return;
  store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  /* The audit log is append-only, and evidence is never deleted: as on SQLite. */
  g_assert_false (lk_store_exec (store, "UPDATE audit_event SET details = '{}'", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "append-only"));
  g_clear_error (&error);
  g_assert_false (lk_store_exec (store, "DELETE FROM audit_event", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (lk_store_exec (store, "DELETE FROM users", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "disable the account"));
  g_clear_error (&error);
  g_assert_false (lk_store_exec (store, "UPDATE meta SET value = 'demo' WHERE key = 'kind'",
                                 &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  /* A name taken is LK_ERROR_EXISTS. */
  g_assert_false (lk_store_exec (store, "INSERT INTO users (name, display_name, password_hash,"
                                        " roles, created_at, password_changed_at)"
                                        " VALUES ('alice', 'A', 'x', 1, 'now', 'now')", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_EXISTS);
}

static void
add_examiner (LkTestFixture *fixture)
{
  g_autoptr(LkCliRun) run = lk_test_cli (ADMIN_PASSWORD, EXAMINER_PASSWORD, NULL, "--db",
                                         fixture->db_path, "--user", ADMIN, "user", "add",
                                         EXAMINER, "--roles", "examiner", NULL);

  lk_test_cli_assert_ok (run);
}

/* N writers at once, each creating cases through likeness-cli: every case is there, with its
 * event, and the chain holds. */
static void
test_many_writers (LkTestFixture *fixture,
                   gconstpointer  data)
{
  enum { WRITERS = 4, CASES = 6 };
  g_autoptr(LkStore) store = NULL;
  g_autoptr(GPtrArray) processes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gint64 n_events = 0, broken = 0;
  const char *cli = g_getenv ("LIKENESS_CLI");

  if (!need_server ())
    return;
  store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  add_examiner (fixture);
  for (int w = 0; w < WRITERS; w++)
    {
      g_autofree char *script = g_strdup_printf (
        "for i in $(seq 1 %d); do \"$0\" --db \"$1\" --user %s case create --number W%d-$i"
        " --title T --offence ROB --legal-basis L --purpose P --authorised-by A >/dev/null"
        " || exit 1; done", CASES, EXAMINER, w);
      g_autoptr(GSubprocessLauncher) launcher =
        g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
      GSubprocess *process;

      g_subprocess_launcher_setenv (launcher, "LIKENESS_PASSWORD", EXAMINER_PASSWORD, TRUE);
      process = g_subprocess_launcher_spawn (launcher, &error, "sh", "-c", script, cli,
                                             fixture->db_path, NULL);
      g_assert_no_error (error);
      g_ptr_array_add (processes, process);
    }
  for (guint i = 0; i < processes->len; i++)
    {
      g_subprocess_wait_check (g_ptr_array_index (processes, i), NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM cases"), ==,
                   WRITERS * CASES);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM audit_event"
                                                      " WHERE action = 'case.created'"), ==,
                   WRITERS * CASES);
  g_assert_true (lk_audit_verify (store, &n_events, &broken, &reason, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT max (seq) FROM audit_event"), ==,
                   n_events);
}

static void
on_changed (LkStore    *store,
            const char *topic,
            gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup (topic));
}

/* A change on one connection reaches another workstation's store within a second. */
static void
test_live_updates (LkTestFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr(LkStore) here = NULL;
  g_autoptr(LkStore) there = NULL;
  g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gint64 start, deadline;

  if (!need_server ())
    return;
  here = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  there = lk_store_open (fixture->db_path, LK_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (lk_store_watch_changes (here, &error));
  g_assert_no_error (error);
  g_signal_connect (here, "changed", G_CALLBACK (on_changed), topics);

  /* Its own changes are not news to it. */
  g_assert_true (lk_store_exec (here, "INSERT INTO cases (number, title, offence_code,"
                                      " offence_name, seriousness, legal_basis, purpose,"
                                      " authorised_by, requested_by, status, examiner_id,"
                                      " created_at) VALUES ('H1', 'T', 'ROB', 'Robbery', 3, 'L',"
                                      " 'P', 'A', 'R', 'open', 1, 'now')", &error));
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  g_assert_true (lk_store_exec (there, "INSERT INTO cases (number, title, offence_code,"
                                       " offence_name, seriousness, legal_basis, purpose,"
                                       " authorised_by, requested_by, status, examiner_id,"
                                       " created_at) VALUES ('T1', 'T', 'ROB', 'Robbery', 3, 'L',"
                                       " 'P', 'A', 'R', 'open', 1, 'now')", &error));
  g_assert_no_error (error);
  deadline = start + G_USEC_PER_SEC;
  while (topics->len == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (topics->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (topics, 0), ==, "case");
  g_test_message ("the change arrived after %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
}

static void
server_control (const char *what)
{
  const char *control = g_getenv ("LIKENESS_TEST_PG_CONTROL");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, control,
                                                     what, NULL);

  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
}

/* The server goes away in the middle of an action: the action fails and leaves nothing; once
 * the server is back the next action connects again. */
static void
test_server_gone (LkTestFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr(LkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkTxn) txn = NULL;
  g_autofree char *reason = NULL;
  gint64 before, n_events = 0, broken = 0;

  if (!need_server ())
    return;
  if (g_getenv ("LIKENESS_TEST_PG_CONTROL") == NULL)
    {
      g_test_skip ("needs tests/pg-server's LIKENESS_TEST_PG_CONTROL to stop the server");
      return;
    }
  store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  before = lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM audit_event");

  txn = lk_txn_begin (store, &error);
  g_assert_no_error (error);
  g_assert_true (lk_audit_append (store, &tester, "test.half-done", "x", NULL, &error));
  g_assert_no_error (error);
  server_control ("stop");
  g_assert_false (lk_txn_commit (txn, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_DATABASE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "nothing of this action was saved"));
  g_clear_error (&error);
  g_clear_pointer (&txn, lk_txn_free);

  /* Still gone: a clear refusal. */
  g_assert_false (lk_audit_record (store, &tester, "test.while-gone", "x", NULL, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "Cannot reach the database server"));
  g_clear_error (&error);

  server_control ("start");
  g_assert_true (lk_audit_record (store, &tester, "test.after", "x", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM audit_event"), ==,
                   before + 1);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM audit_event"
                                                      " WHERE action LIKE 'test.%'"), ==, 1);
  g_assert_true (lk_audit_verify (store, &n_events, &broken, &reason, &error));
  g_assert_no_error (error);
}

/* likeness-cli migrate: every row and image of a file into an empty server database, the chain
 * verified on both sides; a target that is not empty is refused. */
static void
test_migrate (LkTestFixture *fixture,
              gconstpointer  data)
{
  g_autofree char *file = NULL;
  g_autoptr(LkStore) source = NULL;
  g_autoptr(LkCliRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) target = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *source_head = NULL;
  g_autofree char *target_hash = NULL;
  g_autofree char *png = NULL;
  gint64 n_events = 0, broken = 0;
  const char *tables[] = { "users", "cases", "probes", "images", "audit_event", "settings" };

  if (!need_server ())
    return;
  file = lk_test_path (fixture, "lab.db");
  source = lk_test_store_new (file, ADMIN, ADMIN_PASSWORD);
  run = lk_test_cli (ADMIN_PASSWORD, EXAMINER_PASSWORD, NULL, "--db", file, "--user", ADMIN,
                     "user", "add", EXAMINER, "--roles", "examiner", NULL);
  lk_test_cli_assert_ok (run);
  g_clear_pointer (&run, lk_cli_run_free);
  run = lk_test_cli (EXAMINER_PASSWORD, NULL, NULL, "--db", file, "--user", EXAMINER, "case",
                     "create", "--number", "2026/1", "--title", "T", "--offence", "ROB",
                     "--legal-basis", "L", "--purpose", "P", "--authorised-by", "A", NULL);
  lk_test_cli_assert_ok (run);
  g_clear_pointer (&run, lk_cli_run_free);
  png = lk_test_path (fixture, "gradient.png");
  lk_test_write_bytes (png, lk_test_gradient_png ());
  run = lk_test_cli (EXAMINER_PASSWORD, NULL, NULL, "--db", file, "--user", EXAMINER, "probe",
                     "import", "2026/1", png, "--source-type", "cctv", "--kind", "video-frame",
                     "--acquired-by", "PC Jones", "--authority", "W 1", NULL);
  lk_test_cli_assert_ok (run);
  g_clear_pointer (&run, lk_cli_run_free);
  g_clear_object (&source);

  run = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--user", ADMIN, "migrate", "--from", file,
                     "--to", fixture->db_path, NULL);
  lk_test_cli_assert_ok (run);
  g_assert_nonnull (strstr (run->out, "chain verified"));
  /* The log-in to the file is the last event moved. */
  source_head = lk_test_sql_text (file, "SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1");
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM %s", tables[i]);

      g_assert_cmpint (lk_test_sql_int (fixture->db_path, sql), ==,
                       lk_test_sql_int (file, sql) + (g_str_equal (tables[i], "audit_event")));
    }
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT sum (length (bytes)) FROM images"),
                   ==, lk_test_sql_int (file, "SELECT sum (length (bytes)) FROM images"));
  target_hash = lk_test_sql_text (fixture->db_path, "SELECT prev_hash FROM audit_event"
                                                     " ORDER BY seq DESC LIMIT 1");
  g_assert_cmpstr (target_hash, ==, source_head);
  target = lk_store_open (fixture->db_path, LK_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (lk_audit_verify (target, &n_events, &broken, &reason, &error));
  g_assert_no_error (error);
  /* The server continues the ids. */
  g_clear_pointer (&run, lk_cli_run_free);
  run = lk_test_cli (EXAMINER_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user",
                     EXAMINER, "case", "create", "--number", "2026/2", "--title", "T",
                     "--offence", "ROB", "--legal-basis", "L", "--purpose", "P",
                     "--authorised-by", "A", NULL);
  lk_test_cli_assert_ok (run);

  g_clear_pointer (&run, lk_cli_run_free);
  run = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--user", ADMIN, "migrate", "--from", file,
                     "--to", fixture->db_path, NULL);
  lk_test_cli_assert_failed (run, "not empty");
}

/* The server's shims of SQLite's JSON functions give SQLite's answers, array paths included:
 * each expression against the expected value on a file and on the server. */
static void
test_json_shims (LkTestFixture *fixture,
                 gconstpointer  data)
{
#define DOC "'[{\"eyes\": [[1, 2], [3, 4]], \"box\": [0, 0, 5, 5], \"score\": 0.5, \"n\": 7," \
            " \"ok\": true, \"name\": \"a\", \"none\": null}, {\"x\": 3}]'"
  static const struct
  {
    const char *expression;
    const char *expected; /* NULL: SQL NULL */
  } cases[] = {
    { "json_extract (" DOC ", '$[0].box[2]')", "5" },
    { "json_extract (" DOC ", '$[1].x')", "3" },
    { "json_extract ('{\"a\": {\"b\": 2}}', '$.a.b')", "2" },
    { "json_extract ('{\"a.b\": 1}', '$.\"a.b\"')", "1" },
    { "json_type (" DOC ", '$[0].eyes')", "array" },
    { "json_type (" DOC ", '$[0]')", "object" },
    { "json_type (" DOC ", '$[0].score')", "real" },
    { "json_type (" DOC ", '$[0].n')", "integer" },
    { "json_type (" DOC ", '$[0].ok')", "true" },
    { "json_type (" DOC ", '$[0].name')", "text" },
    { "json_type (" DOC ", '$[0].none')", "null" },
    { "json_type (" DOC ", '$[0].absent')", NULL },
    { "json_type (" DOC ")", "array" },
    { "json_type (json_remove (" DOC ", '$[0].eyes'), '$[0].eyes')", NULL },
    { "json_array_length (json_remove (" DOC ", '$[0].eyes'), '$[0].box')", "4" },
    { "json_array_length (json_remove (" DOC ", '$[1]'))", "1" },
    { "json_array_length (" DOC ", '$[0].eyes')", "2" },
    { "json_array_length (" DOC ", '$[0].eyes[1]')", "2" },
    { "json_array_length (" DOC ", '$[0].score')", "0" },
    { "json_array_length (" DOC ", '$[0].absent')", NULL },
    { "json_extract (json_set (" DOC ", '$[0].name', 'b'), '$[0].name')", "b" },
  };
#undef DOC
  g_autofree char *file = lk_test_path (fixture, "shims.db");

  if (!need_server ())
    return;
  g_object_unref (lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD));
  g_object_unref (lk_test_store_new (file, ADMIN, ADMIN_PASSWORD));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *sql = g_strconcat ("SELECT ", cases[i].expression, NULL);
      g_autofree char *on_file = lk_test_sql_text (file, sql);
      g_autofree char *on_server = lk_test_sql_text (fixture->db_path, sql);

      g_test_message ("%s: file %s, server %s", cases[i].expression, on_file, on_server);
      g_assert_cmpstr (on_file, ==, cases[i].expected);
      g_assert_cmpstr (on_server, ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/likeness/store-server/twins", test_twins);
  LK_TEST_ADD ("/likeness/store-server/init", test_init);
  LK_TEST_ADD ("/likeness/store-server/refuses", test_refuses);
  LK_TEST_ADD ("/likeness/store-server/rules", test_rules);
  LK_TEST_ADD ("/likeness/store-server/many-writers", test_many_writers);
  LK_TEST_ADD ("/likeness/store-server/live-updates", test_live_updates);
  LK_TEST_ADD ("/likeness/store-server/server-gone", test_server_gone);
  LK_TEST_ADD ("/likeness/store-server/migrate", test_migrate);
  LK_TEST_ADD ("/likeness/store-server/json-shims", test_json_shims);
  return g_test_run ();
}
