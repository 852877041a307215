/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A lab's server set up as README says (LIKENESS_TEST_PG, set by tests/pg-server):
 * data/postgresql/roles.sql applied with psql, the schema made by the owner's login, the
 * application's login refused UPDATE and DELETE on the audit log and the evidence by the grants
 * while its normal work succeeds; an empty database that is not made a Likeness database unless
 * asked; a database whose encoding or collation Likeness cannot work with, refused. */
#include "config.h"

#include <libpq-fe.h>
#include <string.h>

#include "lk-test-util.h"
#include "store/lk-audit.h"
#include "store/lk-store-private.h"
#include "store/lk-store.h"

#define ADMIN "alice"
#define ADMIN_PASSWORD "correct horse battery"
#define EXAMINER "erin"
#define EXAMINER_PASSWORD "examiner horse battery"
#define OWNER_LOGIN "lkt_admin"
#define APP_LOGIN "lkt_desk"

static gboolean
need_server (void)
{
  if (lk_test_server () != NULL)
    return TRUE;
  g_test_skip ("needs a PostgreSQL server: run under tests/pg-server (LIKENESS_TEST_PG)");
  return FALSE;
}

/* The database's name, the last part of its URI. */
static const char *
database_name (const char *uri)
{
  return strrchr (uri, '/') + 1;
}

/* @uri with @user instead of the test server's superuser. */
static char *
uri_as (const char *uri,
        const char *user)
{
  const char *host = strchr (uri, '@');

  return g_strdup_printf ("postgresql://%s%s", user, host);
}

/* Runs @sql as @uri's user; the SQLSTATE of its failure, or NULL when it succeeded. */
static char *
sql_state (const char *uri,
           const char *sql)
{
  PGconn *conn = PQconnectdb (uri);
  PGresult *result;
  char *state = NULL;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    state = g_strdup (PQresultErrorField (result, PG_DIAG_SQLSTATE));
  PQclear (result);
  PQfinish (conn);
  return state;
}

static void
superuser (const char *sql)
{
  g_autofree char *state = sql_state (lk_test_server (), sql);

  g_assert_null (state);
}

/* psql -f data/postgresql/roles.sql on @uri, with -v NAME=VALUE for each pair of @vars. */
static void
apply_roles (const char        *uri,
             const char *const *vars)
{
  g_autofree char *script = g_build_filename (g_getenv ("LIKENESS_SOURCE_DIR"), "data",
                                              "postgresql", "roles.sql", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, g_strdup ("psql"));
  g_ptr_array_add (argv, g_strdup ("-X"));
  g_ptr_array_add (argv, g_strdup ("-q"));
  g_ptr_array_add (argv, g_strdup ("-v"));
  g_ptr_array_add (argv, g_strdup ("ON_ERROR_STOP=1"));
  for (guint i = 0; vars != NULL && vars[i] != NULL; i += 2)
    {
      g_ptr_array_add (argv, g_strdup ("-v"));
      g_ptr_array_add (argv, g_strdup_printf ("%s=%s", vars[i], vars[i + 1]));
    }
  g_ptr_array_add (argv, g_strdup ("-d"));
  g_ptr_array_add (argv, g_strdup (uri));
  g_ptr_array_add (argv, g_strdup ("-f"));
  g_ptr_array_add (argv, g_strdup (script));
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("roles.sql failed: %s", err);
}

static void
drop_roles (void)
{
  superuser ("DROP ROLE IF EXISTS " OWNER_LOGIN ", " APP_LOGIN ", likeness_app, likeness_owner");
}

static void
assert_refused_by_grants (const char *uri,
                          const char *sql)
{
  g_autofree char *state = sql_state (uri, sql);

  g_test_message ("%s: %s", sql, state ? state : "allowed");
  /* 42501: insufficient privilege, refused before any trigger runs. */
  g_assert_cmpstr (state, ==, "42501");
}

/* The roles and grants of README's lab section, on a database of any name. */
static void
test_roles (LkTestFixture *fixture,
            gconstpointer  data)
{
  const char *name;
  g_autofree char *owner = NULL;
  g_autofree char *desk = NULL;
  g_autofree char *psql = g_find_program_in_path ("psql");
  g_autoptr(LkCliRun) run = NULL;
  g_autoptr(LkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gint64 n_events = 0, broken = 0;
  const char *const grants_vars[] = { "stage", "grants", NULL };

  if (!need_server ())
    return;
  if (psql == NULL)
    {
      g_test_skip ("needs psql (package postgresql-client)");
      return;
    }
  name = database_name (fixture->db_path);
  g_test_message ("database %s", name);
  owner = uri_as (fixture->db_path, OWNER_LOGIN);
  desk = uri_as (fixture->db_path, APP_LOGIN);
  drop_roles ();

  /* As the superuser, connected to the lab's database (whatever its name: the script takes it
   * from psql's DBNAME, or -v db=NAME): the roles, then a login for the owner and one for a
   * workstation. */
  apply_roles (fixture->db_path, NULL);
  superuser ("CREATE ROLE " OWNER_LOGIN " LOGIN IN ROLE likeness_owner");
  superuser ("ALTER ROLE " OWNER_LOGIN " SET role = likeness_owner");
  superuser ("CREATE ROLE " APP_LOGIN " LOGIN IN ROLE likeness_app");
  g_assert_cmpint (lk_test_sql_int (fixture->db_path,
                                    "SELECT count (*) FROM pg_namespace WHERE nspname = 'public'"
                                    " AND pg_get_userbyid (nspowner) = 'likeness_owner'"), ==, 1);

  /* A workstation's login cannot make the schema. */
  run = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", desk, "init", "--admin", ADMIN, NULL);
  lk_test_cli_assert_failed (run, NULL);
  g_clear_pointer (&run, lk_cli_run_free);

  /* The owner makes it; the tables belong to likeness_owner. */
  run = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", owner, "init", "--admin", ADMIN, NULL);
  lk_test_cli_assert_ok (run);
  g_clear_pointer (&run, lk_cli_run_free);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path,
                                    "SELECT count (*) FROM pg_tables WHERE schemaname = 'public'"
                                    " AND tableowner <> 'likeness_owner'"), ==, 0);
  apply_roles (fixture->db_path, grants_vars);

  /* Normal work as the workstation's login: an examiner added, a case created. */
  run = lk_test_cli (ADMIN_PASSWORD, EXAMINER_PASSWORD, NULL, "--db", desk, "--user", ADMIN,
                     "user", "add", EXAMINER, "--roles", "examiner", NULL);
  lk_test_cli_assert_ok (run);
  g_clear_pointer (&run, lk_cli_run_free);
  run = lk_test_cli (EXAMINER_PASSWORD, NULL, NULL, "--db", desk, "--user", EXAMINER, "case",
                     "create", "--number", "R-1", "--title", "T", "--offence", "ROB",
                     "--legal-basis", "L", "--purpose", "P", "--authorised-by", "A", NULL);
  lk_test_cli_assert_ok (run);
  g_clear_pointer (&run, lk_cli_run_free);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path,
                                    "SELECT count (*) FROM cases WHERE number = 'R-1'"), ==, 1);

  /* What the grants refuse the workstation, whatever the triggers would say. */
  assert_refused_by_grants (desk, "UPDATE audit_event SET details = '{}'");
  assert_refused_by_grants (desk, "DELETE FROM audit_event");
  assert_refused_by_grants (desk, "TRUNCATE audit_event");
  assert_refused_by_grants (desk, "UPDATE images SET media_type = media_type");
  assert_refused_by_grants (desk, "DELETE FROM images");
  assert_refused_by_grants (desk, "UPDATE conclusions SET reasoning = reasoning");
  assert_refused_by_grants (desk, "DELETE FROM cases");
  assert_refused_by_grants (desk, "CREATE TABLE notes (id BIGINT)");

  /* Through the store, the refusal reads as one. */
  store = lk_store_open (desk, LK_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (lk_store_exec (store, "DELETE FROM audit_event", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_UNWRITABLE);
  g_clear_error (&error);
  g_assert_true (lk_audit_verify (store, &n_events, &broken, &reason, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_events, >=, 3);
  g_clear_object (&store);

  lk_test_server_database_drop (fixture->db_path);
  drop_roles ();
}

/* An empty database becomes a Likeness database only when asked. */
static void
test_empty (LkTestFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(LkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCliRun) run = NULL;

  if (!need_server ())
    return;
  store = lk_store_open (fixture->db_path, LK_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_INITIALISED);
  g_assert_nonnull (strstr (error->message, "empty"));
  g_assert_nonnull (strstr (error->message, "init"));
  g_clear_error (&error);
  run = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", ADMIN,
                     "case", "list", NULL);
  lk_test_cli_assert_failed (run, "is empty");
  g_assert_cmpint (lk_test_sql_int (fixture->db_path,
                                    "SELECT count (*) FROM pg_class c JOIN pg_namespace n"
                                    " ON n.oid = c.relnamespace WHERE n.nspname = 'public'"), ==,
                   0);

  /* Asked: init makes it. */
  g_clear_pointer (&run, lk_cli_run_free);
  run = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path, "init", "--admin",
                     ADMIN, NULL);
  lk_test_cli_assert_ok (run);
  store = lk_store_open (fixture->db_path, LK_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (lk_test_store_initialised (store));
}

/* A database made with @options, refused at open with a message containing @expected; nothing
 * is written into it. Returns FALSE when the server cannot make such a database. */
static gboolean
assert_settings_refused (const char *options,
                         const char *expected)
{
  g_autofree char *name = g_strdup_printf ("lkt_settings_%u", g_random_int ());
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0 %s", name,
                                             options);
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", name);
  g_autofree char *state = sql_state (lk_test_server (), create);
  g_autofree char *uri = NULL;
  g_autoptr(LkStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (state != NULL)
    {
      g_test_message ("the server cannot make a database with %s (%s)", options, state);
      return FALSE;
    }
  uri = g_strdup_printf ("%.*s/%s", (int) (strrchr (lk_test_server (), '/') -
                                           lk_test_server ()), lk_test_server (), name);
  store = lk_store_open (uri, LK_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_LIKENESS_DATABASE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_nonnull (strstr (error->message, "createdb --encoding UTF8 --locale C"));
  g_assert_cmpint (lk_test_sql_int (uri, "SELECT count (*) FROM pg_class c JOIN pg_namespace n"
                                         " ON n.oid = c.relnamespace"
                                         " WHERE n.nspname = 'public'"), ==, 0);
  superuser (drop);
  return TRUE;
}

/* UTF8 and the C collation, or a clear refusal. */
static void
test_settings (void)
{
  if (!need_server ())
    return;
  g_assert_true (assert_settings_refused ("ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'",
                                          "encoded in LATIN1"));
  /* Debian's server is built with ICU; a locale-sorted database is refused. */
  if (!assert_settings_refused ("ENCODING 'UTF8' LOCALE 'C' LOCALE_PROVIDER icu"
                                " ICU_LOCALE 'en-US'", "ICU"))
    g_test_incomplete ("no ICU on this server: the collation refusal was not tried");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/store-roles/roles", test_roles);
  LK_TEST_ADD ("/likeness/store-roles/empty", test_empty);
  g_test_add_func ("/likeness/store-roles/settings", test_settings);
  return g_test_run ();
}
