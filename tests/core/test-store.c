/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lk-test-util.h"
#include "store/lk-schema.h"
#include "demo/lk-demo.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-audit.h"
#include "store/lk-store-private.h"
#include "store/lk-store.h"

#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse"
/* LK_STORE_POLL_MS of lk-store-backend.h (private to the store): how often a file is looked at. */
#define LK_STORE_POLL_MS_FOR_TESTS 500

static LkStore *
open_ok (const char       *path,
         LkStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  LkStore *store = lk_store_open (path, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
assert_refused (const char       *path,
                LkStoreOpenFlags  flags,
                int               code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) store = lk_store_open (path, flags, &error);
  g_autofree char *folder = g_path_get_dirname (path);

  g_assert_error (error, LK_ERROR, code);
  g_assert_null (store);
  /* The message names the file (or the folder that could not be made), so that the user
   * knows which one is wrong. */
  g_assert_nonnull (strstr (error->message, code == LK_ERROR_UNWRITABLE ? folder : path));
}

/* How the database says which schema version it is at, and whose it is. */
static const char *
version_sql (void)
{
  return lk_test_server () != NULL ? "SELECT version FROM likeness_schema"
                                   : "PRAGMA user_version";
}

static const char *
application_id_sql (void)
{
  return lk_test_server () != NULL ? "SELECT application_id FROM likeness_schema"
                                   : "PRAGMA application_id";
}

/* The tables in the database. */
static gint64
count_tables (const char *path,
              const char *names)
{
  g_autofree char *sql = NULL;

  if (lk_test_server () != NULL)
    sql = g_strdup_printf ("SELECT count(*) FROM pg_catalog.pg_tables"
                           " WHERE schemaname = current_schema ()%s%s%s",
                           names ? " AND tablename IN (" : "", names ? names : "",
                           names ? ")" : "");
  else
    sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema%s%s%s",
                           names ? " WHERE name IN (" : "", names ? names : "",
                           names ? ")" : "");
  return lk_test_sql_int (path, sql);
}

static void
test_create (LkTestFixture *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "sub", "folder", "new.db", NULL);
  g_autoptr(LkStore) store = open_ok (path, LK_STORE_OPEN_CREATE);
  g_autofree char *kind = NULL;
  g_autofree char *mode = NULL;

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (lk_store_get_path (store), ==, path);
  g_assert_cmpint (lk_store_get_schema_version (store), ==, LK_SCHEMA_VERSION);
  g_assert_false (lk_store_is_demo (store));
  g_assert_false (lk_test_store_initialised (store));

  g_assert_cmpint (lk_test_sql_int (path, "PRAGMA user_version"), ==, LK_SCHEMA_VERSION);
  g_assert_cmpint (lk_test_sql_int (path, "PRAGMA application_id"), ==, LK_APPLICATION_ID);
  kind = lk_test_sql_text (path, "SELECT value FROM meta WHERE key = 'kind'");
  g_assert_cmpstr (kind, ==, "casework");
  mode = lk_test_sql_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
}

static void
test_reopen (LkTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAuditEvent) before = lk_test_last_event (store);
  g_autoptr(LkAuditEvent) after = NULL;

  g_assert_nonnull (before);
  g_clear_object (&store);
  store = open_ok (fixture->db_path, LK_STORE_OPEN_DEFAULT);
  g_assert_true (lk_test_store_initialised (store));
  g_assert_cmpint (lk_store_get_schema_version (store), ==, LK_SCHEMA_VERSION);
  after = lk_test_last_event (store);
  g_assert_cmpint (after->seq, ==, before->seq);
  g_assert_cmpstr (after->hash, ==, before->hash);
  g_assert_cmpint (lk_test_count_action (store, "user.created-first-administrator"), ==, 1);

  session = lk_session_login (store, ADMIN, ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_session_get_display_name (session), ==, "Test Administrator");
  g_assert_cmpint (lk_session_get_roles (session), ==, LK_ROLE_ADMINISTRATOR);
}

static void
test_text_file (LkTestFixture *fixture,
                gconstpointer  data)
{
  static const char text[] = "Dear diary, today I examined no faces at all.\n";
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (fixture->db_path, "-wal", NULL);
  g_autoptr(GError) error = NULL;

  if (lk_test_skip_on_server ("a text file in place of the database file: a server database is "
                              "never a file (another application's database: foreign-sqlite)"))
    return;
  g_file_set_contents (fixture->db_path, text, -1, &error);
  g_assert_no_error (error);
  assert_refused (fixture->db_path, LK_STORE_OPEN_DEFAULT, LK_ERROR_NOT_LIKENESS_DATABASE);
  assert_refused (fixture->db_path, LK_STORE_OPEN_CREATE, LK_ERROR_NOT_LIKENESS_DATABASE);

  /* Refusing must not touch the file. */
  g_file_get_contents (fixture->db_path, &after, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, text);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_folder (LkTestFixture *fixture,
             gconstpointer  data)
{
  assert_refused (fixture->dir, LK_STORE_OPEN_CREATE, LK_ERROR_NOT_LIKENESS_DATABASE);
}

static void
test_foreign_sqlite (LkTestFixture *fixture,
                     gconstpointer  data)
{
  g_autofree char *versioned = lk_test_path (fixture, "versioned.db");
  g_autofree char *mode = NULL;

  lk_test_sql (fixture->db_path, "CREATE TABLE recipes (name TEXT); "
                                 "INSERT INTO recipes VALUES ('soup')");
  assert_refused (fixture->db_path, LK_STORE_OPEN_CREATE, LK_ERROR_NOT_LIKENESS_DATABASE);
  /* Nothing of ours was written into the other application's database. */
  g_assert_cmpint (count_tables (fixture->db_path, NULL), ==, 1);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM recipes"), ==, 1);
  /* A server database has neither an application id nor a journal of its own; another
   * application's versioned schema is a table there, as in this database. */
  if (lk_test_server () != NULL)
    return;
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "PRAGMA application_id"), ==, 0);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "PRAGMA user_version"), ==, 0);
  mode = lk_test_sql_text (fixture->db_path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "delete");

  /* Another application that versions its schema, but is still not us. */
  lk_test_sql (versioned, "CREATE TABLE t (x); PRAGMA user_version = 1");
  assert_refused (versioned, LK_STORE_OPEN_DEFAULT, LK_ERROR_NOT_LIKENESS_DATABASE);
}

/* An application id that reads as a negative number is just another application's id: a clear
 * refusal, in the core and in likeness-cli (which once crashed on it). */
static void
test_negative_application_id (LkTestFixture *fixture,
                              gconstpointer  data)
{
  g_autoptr(LkCliRun) run = NULL;

  /* On a server the application id is a column of the table likeness_schema. */
  lk_test_sql (fixture->db_path,
               lk_test_server () != NULL
                 ? "CREATE TABLE likeness_schema (application_id BIGINT NOT NULL,"
                   " version BIGINT NOT NULL); INSERT INTO likeness_schema VALUES (-5, 1)"
                 : "PRAGMA application_id = -5; CREATE TABLE t (x)");
  assert_refused (fixture->db_path, LK_STORE_OPEN_DEFAULT, LK_ERROR_NOT_LIKENESS_DATABASE);
  run = lk_test_cli (NULL, NULL, NULL, "--db", fixture->db_path, "--user", "admin",
                     "audit", "verify", NULL);
  lk_test_cli_assert_failed (run, "not a Likeness database");
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, application_id_sql ()), ==, -5);
}

static void
test_newer_schema (LkTestFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr(LkStore) store = open_ok (fixture->db_path, LK_STORE_OPEN_CREATE);
  g_autofree char *pragma = lk_test_server () != NULL
    ? g_strdup_printf ("UPDATE likeness_schema SET version = %d", LK_SCHEMA_VERSION + 1)
    : g_strdup_printf ("PRAGMA user_version = %d", LK_SCHEMA_VERSION + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) again = NULL;

  g_clear_object (&store);
  lk_test_sql (fixture->db_path, pragma);

  again = lk_store_open (fixture->db_path, LK_STORE_OPEN_DEFAULT, &error);
  g_assert_error (error, LK_ERROR, LK_ERROR_NEWER_SCHEMA);
  g_assert_null (again);
  g_assert_nonnull (strstr (error->message, "newer"));
  /* Not downgraded by the attempt. */
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, version_sql ()), ==,
                   LK_SCHEMA_VERSION + 1);
}

static void
test_unwritable (LkTestFixture *fixture,
                 gconstpointer  data)
{
  g_autofree char *file = lk_test_path (fixture, "plain-file");
  g_autofree char *inside = g_build_filename (file, "x.db", NULL);
  g_autofree char *deeper = g_build_filename (file, "a", "b", "x.db", NULL);
  g_autoptr(GError) error = NULL;

  /* A path inside a regular file cannot be created, not even by root. */
  g_file_set_contents (file, "not a folder", -1, &error);
  g_assert_no_error (error);
  assert_refused (inside, LK_STORE_OPEN_CREATE, LK_ERROR_UNWRITABLE);
  assert_refused (deeper, LK_STORE_OPEN_CREATE, LK_ERROR_UNWRITABLE);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
}

/* A server database that does not exist cannot be reached at all; one that is empty is not
 * filled without CREATE (likeness-cli init): the server's missing file. */
static void
test_missing_server (LkTestFixture *fixture)
{
  g_autofree char *absent = g_strconcat (fixture->db_path, "_absent", NULL);
  g_autoptr(LkStore) store = NULL;
  g_autoptr(GError) error = NULL;

  assert_refused (fixture->db_path, LK_STORE_OPEN_DEFAULT, LK_ERROR_NOT_INITIALISED);
  g_assert_cmpint (count_tables (fixture->db_path, NULL), ==, 0);

  store = lk_store_open (absent, LK_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, LK_ERROR, LK_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, absent));
  g_assert_nonnull (strstr (error->message, "does not exist"));
}

static void
test_missing (LkTestFixture *fixture,
              gconstpointer  data)
{
  if (lk_test_server () != NULL)
    {
      test_missing_server (fixture);
      return;
    }
  assert_refused (fixture->db_path, LK_STORE_OPEN_DEFAULT, LK_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (fixture->db_path, G_FILE_TEST_EXISTS));
}

static void
test_migrate_empty (LkTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) store = NULL;

  /* An empty file is a version-0 database: ours to set up, even without CREATE. An empty
   * server database is set up only when asked (test_missing): with CREATE. */
  if (lk_test_server () != NULL)
    store = open_ok (fixture->db_path, LK_STORE_OPEN_CREATE);
  else
    {
      g_file_set_contents (fixture->db_path, "", 0, &error);
      g_assert_no_error (error);
      store = open_ok (fixture->db_path, LK_STORE_OPEN_DEFAULT);
    }
  g_assert_cmpint (lk_store_get_schema_version (store), ==, LK_SCHEMA_VERSION);
  g_assert_false (lk_store_is_demo (store));
  g_assert_false (lk_test_store_initialised (store));
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, application_id_sql ()), ==,
                   LK_APPLICATION_ID);
  g_assert_cmpint (count_tables (fixture->db_path, "'meta', 'settings', 'users', 'images',"
                                                   " 'audit_event'"), ==, 5);
}

/* A database as Likeness wrote it at schema version 1, with one user in it. */
static void
write_version_1 (const char *path)
{
  g_autofree char *identity = g_strdup_printf ("PRAGMA application_id = %d", LK_APPLICATION_ID);
  sqlite3 *db = lk_test_sqlite_open (path);

  lk_test_sqlite_exec (db, "BEGIN");
  lk_test_sqlite_exec (db, lk_migrations[0].sqlite);
  lk_test_sqlite_exec (db, identity);
  lk_test_sqlite_exec (db, "INSERT INTO meta VALUES ('kind', 'casework');"
                           "INSERT INTO users (name, display_name, password_hash, roles,"
                           " created_at, password_changed_at) VALUES ('old-admin', 'Old',"
                           " 'x', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');"
                           "PRAGMA user_version = 1");
  lk_test_sqlite_exec (db, "COMMIT");
  sqlite3_close (db);
}

/* A server database as Likeness wrote it at the first version a server database has
 * (LK_PG_BASE_VERSION, one script), with one user in it. */
static void
write_server_base (const char *uri)
{
  g_autofree char *sql =
    g_strdup_printf ("BEGIN; %s;"
                     " INSERT INTO likeness_schema (application_id, version) VALUES (%d, %d);"
                     " INSERT INTO meta VALUES ('kind', 'casework');"
                     " INSERT INTO users (name, display_name, password_hash, roles, created_at,"
                     " password_changed_at) VALUES ('old-admin', 'Old', 'x', 1,"
                     " '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'); COMMIT",
                     lk_migrations[LK_PG_BASE_VERSION - 1].postgresql, LK_APPLICATION_ID,
                     LK_PG_BASE_VERSION);

  lk_test_sql (uri, sql);
}

/* The oldest database of each backend: version 1 on a file, the base version on a server. */
static void
write_oldest (const char *path)
{
  if (lk_test_server () != NULL)
    write_server_base (path);
  else
    write_version_1 (path);
}

static void
test_migrate_forward (LkTestFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(LkStore) store = NULL;
  g_autofree char *name = NULL;

  if (LK_SCHEMA_VERSION < 2 || (lk_test_server () && LK_SCHEMA_VERSION <= LK_PG_BASE_VERSION))
    {
      g_test_skip ("only one schema version so far");
      return;
    }
  write_oldest (fixture->db_path);
  store = open_ok (fixture->db_path, LK_STORE_OPEN_DEFAULT);
  g_assert_cmpint (lk_store_get_schema_version (store), ==, LK_SCHEMA_VERSION);
  g_assert_true (lk_test_store_initialised (store));
  g_assert_false (lk_store_is_demo (store));
  name = lk_test_sql_text (fixture->db_path, "SELECT name FROM users");
  g_assert_cmpstr (name, ==, "old-admin");
}

/* On a server: the first step after the base version fails half-way (its first statement
 * adds a column; a table in the way stops a later one). */
static void
test_migrate_atomic_server (LkTestFixture *fixture)
{
  const char *step = LK_SCHEMA_VERSION > LK_PG_BASE_VERSION
                       ? lk_migrations[LK_PG_BASE_VERSION].postgresql : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) store = NULL;

  if (step == NULL || !g_str_has_prefix (step, "ALTER TABLE training_attempts ADD COLUMN"
                                               " over_time") ||
      strstr (step, "CREATE TABLE training_proposals") == NULL)
    {
      g_test_skip ("needs the migration that adds training proposals");
      return;
    }
  write_server_base (fixture->db_path);
  lk_test_sql (fixture->db_path, "CREATE TABLE training_proposals (x BIGINT)");
  store = lk_store_open (fixture->db_path, LK_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  /* All or nothing: the database stays at the base version with nothing of the next. */
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, version_sql ()), ==, LK_PG_BASE_VERSION);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM"
                                    " information_schema.columns WHERE table_name ="
                                    " 'training_attempts' AND column_name = 'over_time'"), ==, 0);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM users"), ==, 1);
}

static void
test_migrate_atomic (LkTestFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) store = NULL;

  if (lk_test_server () != NULL)
    {
      test_migrate_atomic_server (fixture);
      return;
    }
  if (LK_SCHEMA_VERSION < 2 || strstr (lk_migrations[1].sqlite, "CREATE TABLE cases") == NULL)
    {
      g_test_skip ("needs the migration that adds cases");
      return;
    }
  /* Something in the way makes the step to version 2 fail half-way. */
  write_version_1 (fixture->db_path);
  lk_test_sql (fixture->db_path, "CREATE TABLE cases (x)");
  store = lk_store_open (fixture->db_path, LK_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  /* All or nothing: the database stays at version 1 with nothing of version 2 in it. */
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM sqlite_schema"
                                                      " WHERE name = 'probes'"), ==, 0);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM users"), ==, 1);
}

static gboolean
sql_fails (const char *path,
           const char *sql,
           const char *expected_message)
{
  g_autofree char *refusal = lk_test_sql_error (path, sql);

  return refusal != NULL && strstr (refusal, expected_message) != NULL;
}

/* A database as Likeness wrote it at schema version 5: an examination with one annotation,
 * an alignment, an enhancement stack and a signed conclusion (other rows left out: the
 * connection does not enforce foreign keys). */
static void
write_version_5_signed (const char *path)
{
  g_autofree char *identity = g_strdup_printf ("PRAGMA application_id = %d", LK_APPLICATION_ID);
  sqlite3 *db = lk_test_sqlite_open (path);

  lk_test_sqlite_exec (db, "BEGIN");
  for (guint i = 0; i < 5; i++)
    lk_test_sqlite_exec (db, lk_migrations[i].sqlite);
  lk_test_sqlite_exec (db, identity);
  lk_test_sqlite_exec (db, "INSERT INTO meta VALUES ('kind', 'casework');"
                           "INSERT INTO examinations (id, candidate_id, probe_id, examiner_id,"
                           " purpose, feature_list, alignment, probe_enhancements, started_at,"
                           " updated_at) VALUES (1, 1, 1, 1, 'examination', 'edition', '{}',"
                           " '[{\"op\": \"invert\"}]', '2025-01-01T00:00:00Z',"
                           " '2025-01-01T00:00:00Z');"
                           "INSERT INTO annotations (examination_id, image, kind, geometry,"
                           " created_at) VALUES (1, 'probe', 'marker', '[[10, 20]]',"
                           " '2025-01-01T00:00:00Z');"
                           "INSERT INTO conclusions (examination_id, revision, scale,"
                           " scale_version, outcome, ordinal, level_label, propositions,"
                           " reasoning, limitations, observations, signed_by, signed_at,"
                           " content_sha256) VALUES (1, 1, 'default-7', '2026-1', 'level', 2,"
                           " 'Level', 'Hp, Hd', 'Reasoning', 'Limitations', '{}', 1,"
                           " '2025-01-02T00:00:00Z', printf ('%064d', 0));"
                           "PRAGMA user_version = 5");
  lk_test_sqlite_exec (db, "COMMIT");
  sqlite3_close (db);
}

/* Migrating freezes what an already signed conclusion rests on, and keeps it as it was. */
static void
test_migrate_freezes_signed (LkTestFixture *fixture,
                             gconstpointer  data)
{
  const char *path = fixture->db_path;
  const char *frozen = "of a signed conclusion cannot change";
  g_autoptr(LkStore) store = NULL;

  if (lk_test_skip_on_server ("a database at schema version 5 exists only as a file; a server "
                              "database starts at version 11 with the freeze in its triggers"))
    return;
  if (LK_SCHEMA_VERSION < 6)
    {
      g_test_skip ("needs the migration that freezes annotations with the conclusion");
      return;
    }
  write_version_5_signed (path);
  store = open_ok (path, LK_STORE_OPEN_DEFAULT);
  g_assert_cmpint (lk_store_get_schema_version (store), ==, LK_SCHEMA_VERSION);
  g_assert_true (sql_fails (path, "INSERT INTO annotations (examination_id, image, kind,"
                                  " geometry, created_at) VALUES (1, 'candidate', 'marker',"
                                  " '[[1, 2]]', 'now')", frozen));
  g_assert_true (sql_fails (path, "UPDATE annotations SET label = 'moved'", frozen));
  g_assert_true (sql_fails (path, "UPDATE annotations SET deleted_at = 'now'", frozen));
  g_assert_true (sql_fails (path, "DELETE FROM annotations", frozen));
  g_assert_true (sql_fails (path, "UPDATE examinations SET alignment = NULL", frozen));
  g_assert_true (sql_fails (path, "UPDATE examinations SET probe_enhancements = '[]'", frozen));
  g_assert_true (sql_fails (path, "UPDATE examinations SET candidate_enhancements ="
                                  " '[{\"op\": \"invert\"}]'", frozen));
  g_assert_cmpint (lk_test_sql_int (path, "SELECT count(*) FROM annotations"
                                          " WHERE label = '' AND deleted_at IS NULL"), ==, 1);
  g_assert_cmpint (lk_test_sql_int (path, "SELECT count(*) FROM examinations WHERE alignment"
                                          " = '{}' AND probe_enhancements LIKE '%invert%'"
                                          " AND candidate_enhancements = '[]'"), ==, 1);
  /* The time spent is no part of the conclusion. */
  lk_test_sql (path, "UPDATE examinations SET seconds_spent = seconds_spent + 30,"
                     " updated_at = 'now'");
  g_assert_cmpint (lk_test_sql_int (path, "SELECT seconds_spent FROM examinations"), ==, 30);
}

/* The migration that moved the training observations into their own table, by its text. */
static guint
training_observations_step (void)
{
  for (guint i = 0; i < lk_n_migrations; i++)
    if (strstr (lk_migrations[i].sqlite, "CREATE TABLE training_observations") != NULL)
      return i;
  g_assert_not_reached ();
}

/* A database as Likeness wrote it just before that migration: a submitted attempt whose
 * observations are JSON in training_attempts.observations, an open one with none and one whose
 * text is not JSON (other rows left out: the connection does not enforce foreign keys). */
static void
write_training_observations_json (const char *path,
                                  guint       version)
{
  g_autofree char *identity = g_strdup_printf ("PRAGMA application_id = %d", LK_APPLICATION_ID);
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %u", version);
  sqlite3 *db = lk_test_sqlite_open (path);

  lk_test_sqlite_exec (db, "BEGIN");
  for (guint i = 0; i < version; i++)
    lk_test_sqlite_exec (db, lk_migrations[i].sqlite);
  lk_test_sqlite_exec (db, identity);
  lk_test_sqlite_exec (db, "INSERT INTO meta VALUES ('kind', 'casework');"
                           "INSERT INTO training_attempts (id, assignment_id, item_id,"
                           " feature_list, observations, level, opened_at, submitted_at)"
                           " VALUES (1, 1, 1, 'edition',"
                           " '{\"eyes.fissure\": \"similar\", \"nose.tip\": \"dissimilar\"}',"
                           " 2, '2026-01-01T09:00:00Z', '2026-01-01T09:10:00Z'),"
                           " (2, 1, 2, 'edition', '{}', NULL, '2026-01-02T09:00:00Z', NULL),"
                           " (3, 2, 1, 'edition', 'not json', NULL, '2026-01-03T09:00:00Z',"
                           " NULL);");
  lk_test_sqlite_exec (db, pragma);
  lk_test_sqlite_exec (db, "COMMIT");
  sqlite3_close (db);
}

/* Migrating copies each result kept as JSON into a row of training_observations, dated when the
 * attempt was opened, drops the old column, and keeps the submitted attempt frozen. */
static void
test_migrate_training_observations (LkTestFixture *fixture,
                                    gconstpointer  data)
{
  const char *path = fixture->db_path;
  g_autoptr(LkStore) store = NULL;
  g_autofree char *result = NULL, *updated = NULL;

  if (lk_test_skip_on_server ("the database before migration 14 is built as an SQLite file;"
                              " a server database takes the same step from its own twin"))
    return;
  write_training_observations_json (path, training_observations_step ());
  store = open_ok (path, LK_STORE_OPEN_DEFAULT);
  g_assert_cmpint (lk_store_get_schema_version (store), ==, LK_SCHEMA_VERSION);
  g_assert_cmpint (lk_test_sql_int (path, "SELECT count(*) FROM training_observations"), ==, 2);
  g_assert_cmpint (lk_test_sql_int (path, "SELECT count(*) FROM training_observations"
                                          " WHERE attempt_id = 1"), ==, 2);
  result = lk_test_sql_text (path, "SELECT result FROM training_observations"
                                   " WHERE characteristic = 'nose.tip'");
  g_assert_cmpstr (result, ==, "dissimilar");
  updated = lk_test_sql_text (path, "SELECT group_concat (DISTINCT updated_at)"
                                    " FROM training_observations");
  g_assert_cmpstr (updated, ==, "2026-01-01T09:00:00Z");
  g_assert_cmpint (lk_test_sql_int (path, "SELECT count(*) FROM training_observations"
                                          " WHERE visibility_a IS NULL AND note = ''"), ==, 2);
  g_assert_cmpint (lk_test_sql_int (path, "SELECT count(*) FROM pragma_table_info"
                                          " ('training_attempts') WHERE name = 'observations'"),
                   ==, 0);
  g_assert_true (sql_fails (path, "UPDATE training_observations SET result = 'similar'",
                            "a submitted attempt cannot change"));
  g_assert_true (sql_fails (path, "UPDATE training_attempts SET level = 3 WHERE id = 1",
                            "a submitted attempt cannot change"));
  g_assert_true (sql_fails (path, "DELETE FROM training_observations", "cannot be deleted"));
  lk_test_sql (path, "UPDATE training_attempts SET notes = 'still open' WHERE id = 2");
}

static void
test_kind_fixed (LkTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(LkStore) store = open_ok (fixture->db_path, LK_STORE_OPEN_CREATE);

  g_assert_true (sql_fails (fixture->db_path, "UPDATE meta SET value = 'demo' WHERE key = 'kind'",
                            "cannot change"));
  g_assert_true (sql_fails (fixture->db_path, "DELETE FROM meta WHERE key = 'kind'",
                            "cannot change"));
  g_clear_object (&store);
  store = open_ok (fixture->db_path, LK_STORE_OPEN_DEFAULT);
  g_assert_false (lk_store_is_demo (store));
}

static void
test_demo_stays_demo (LkTestFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) store = lk_demo_open (fixture->db_path, &error);
  gint64 n_users;

  g_assert_no_error (error);
  g_assert_true (lk_store_is_demo (store));
  g_assert_true (lk_test_store_initialised (store));
  n_users = lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM users");
  g_assert_cmpint (n_users, ==, g_strv_length ((char **) lk_demo_user_names ()));
  g_assert_true (sql_fails (fixture->db_path,
                            "UPDATE meta SET value = 'casework' WHERE key = 'kind'",
                            "cannot change"));
  g_clear_object (&store);

  store = open_ok (fixture->db_path, LK_STORE_OPEN_DEFAULT);
  g_assert_true (lk_store_is_demo (store));
  g_clear_object (&store);

  /* Opening the demo again neither reseeds it nor turns it into anything else. */
  store = lk_demo_open (fixture->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (lk_store_is_demo (store));
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM users"), ==, n_users);
  g_assert_cmpint (lk_test_count_action (store, "demo.created"), ==, 1);
}

static void
test_demo_refuses_casework (LkTestFixture *fixture,
                            gconstpointer  data)
{
  g_autoptr(LkStore) store = open_ok (fixture->db_path, LK_STORE_OPEN_CREATE);
  g_autoptr(LkStore) demo = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&store);
  demo = lk_demo_open (fixture->db_path, &error);
  g_assert_nonnull (error);
  g_assert_true (error->domain == LK_ERROR);
  g_assert_null (demo);
  g_assert_nonnull (strstr (error->message, "casework"));

  store = open_ok (fixture->db_path, LK_STORE_OPEN_DEFAULT);
  g_assert_false (lk_store_is_demo (store));
  g_assert_false (lk_test_store_initialised (store));
}

static void
test_busy (LkTestFixture *fixture,
           gconstpointer  data)
{
  g_autoptr(LkStore) store = open_ok (fixture->db_path, LK_STORE_OPEN_CREATE);
  g_autoptr(GError) error = NULL;
  LkTestWriter *other = lk_test_writer_new (fixture->db_path);
  gint64 start;

  /* Another process holds the write lock. */
  lk_store_set_busy_timeout (store, 100);
  start = g_get_monotonic_time ();
  g_assert_false (lk_users_create_administrator (store, ADMIN, NULL, ADMIN_PASSWORD, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "in use"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);

  lk_test_writer_free (other);
  g_assert_false (lk_test_store_initialised (store));
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM users"), ==, 0);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM audit_event"), ==, 0);

  /* Once the other process is done, the same action goes through. */
  lk_users_create_administrator (store, ADMIN, NULL, ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_true (lk_test_store_initialised (store));
}

/* A database whose users cannot be read is neither fresh nor set up: asking fails, and no first
 * administrator is created in it. */
static void
test_users_unreadable (LkTestFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr(LkStore) store = open_ok (fixture->db_path, LK_STORE_OPEN_CREATE);
  g_autoptr(GError) error = NULL;
  gboolean initialised = TRUE;

  g_assert_false (lk_test_store_initialised (store));
  lk_test_sql (fixture->db_path, "ALTER TABLE users RENAME TO users_moved");
  g_assert_false (lk_store_is_initialised (store, &initialised, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "users"));
  g_clear_error (&error);
  g_assert_false (lk_users_create_administrator (store, ADMIN, NULL, ADMIN_PASSWORD, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM users_moved"), ==, 0);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM audit_event"), ==, 0);
}

static void
on_topic (LkStore    *store,
          const char *topic,
          gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup (topic));
}

#define INSERT_CASE(number) \
  "INSERT INTO cases (number, title, offence_code, offence_name, seriousness, legal_basis," \
  " purpose, authorised_by, requested_by, status, examiner_id, created_at) VALUES ('" number \
  "', 'T', 'ROB', 'Robbery', 3, 'L', 'P', 'A', 'R', 'open', 1, 'now')"

/* Two stores on one file, as two processes: a case made through the second reaches the first's
 * LkStore::changed within a second (PRAGMA data_version, then the change marks); an audit event
 * alone (a consultation, which every refresh writes) is no change to show, or two processes
 * showing each other's changes would wake each other without end. */
static void
test_watch_file (LkTestFixture *fixture,
                 gconstpointer  data)
{
  static const LkActor viewer = { ADMIN, "administrator" };
  g_autoptr(LkStore) here = NULL;
  g_autoptr(LkStore) there = NULL;
  g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gint64 start, deadline;

  if (lk_test_skip_on_server ("a file's change marks (a server notifies: store-server)"))
    return;
  here = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  there = lk_store_open (fixture->db_path, LK_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (lk_store_watch_changes (here, &error));
  g_assert_no_error (error);
  g_signal_connect (here, "changed", G_CALLBACK (on_topic), topics);

  /* Its own case is not news to it. */
  g_assert_true (lk_store_exec (here, INSERT_CASE ("H-1"), &error));
  g_assert_no_error (error);
  g_assert_true (lk_audit_record (there, &viewer, "case.viewed", "H-1", NULL, &error));
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  g_assert_true (lk_store_exec (there, INSERT_CASE ("T-1"), &error));
  g_assert_no_error (error);
  deadline = start + G_USEC_PER_SEC;
  while (topics->len == 0 && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_test_message ("the change arrived after %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  /* One topic, once (its own case is in the marks as well): the consultation added nothing. */
  g_assert_cmpuint (topics->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (topics, 0), ==, "case");

  /* A consultation alone: the marks do not move, nothing is announced by the next looks. */
  g_ptr_array_set_size (topics, 0);
  g_assert_true (lk_audit_record (there, &viewer, "case.viewed", "T-1", NULL, &error));
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 3 * LK_STORE_POLL_MS_FOR_TESTS * 1000;
  while (g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_cmpuint (topics->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/store/create", test_create);
  LK_TEST_ADD ("/likeness/store/reopen", test_reopen);
  LK_TEST_ADD ("/likeness/store/text-file", test_text_file);
  LK_TEST_ADD ("/likeness/store/folder", test_folder);
  LK_TEST_ADD ("/likeness/store/foreign-sqlite", test_foreign_sqlite);
  LK_TEST_ADD ("/likeness/store/negative-application-id", test_negative_application_id);
  LK_TEST_ADD ("/likeness/store/newer-schema", test_newer_schema);
  LK_TEST_ADD ("/likeness/store/unwritable", test_unwritable);
  LK_TEST_ADD ("/likeness/store/missing", test_missing);
  LK_TEST_ADD ("/likeness/store/migrate-empty", test_migrate_empty);
  LK_TEST_ADD ("/likeness/store/migrate-forward", test_migrate_forward);
  LK_TEST_ADD ("/likeness/store/migrate-atomic", test_migrate_atomic);
  LK_TEST_ADD ("/likeness/store/migrate-freezes-signed", test_migrate_freezes_signed);
  LK_TEST_ADD ("/likeness/store/migrate-training-observations",
               test_migrate_training_observations);
  LK_TEST_ADD ("/likeness/store/kind-fixed", test_kind_fixed);
  LK_TEST_ADD ("/likeness/store/demo-stays-demo", test_demo_stays_demo);
  LK_TEST_ADD ("/likeness/store/demo-refuses-casework", test_demo_refuses_casework);
  LK_TEST_ADD ("/likeness/store/busy", test_busy);
  LK_TEST_ADD ("/likeness/store/users-unreadable", test_users_unreadable);
  LK_TEST_ADD ("/likeness/store/watch-file", test_watch_file);

  return g_test_run ();
}
