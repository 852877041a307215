/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <libpq-fe.h>

#include "lk-test-util.h"
#include "governance/lk-policy.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-audit.h"
#include "store/lk-store-private.h"
#include "store/lk-store.h"

const char *
lk_test_server (void)
{
  const char *uri = g_getenv ("LIKENESS_TEST_PG");

  return uri != NULL && *uri != '\0' ? uri : NULL;
}

gboolean
lk_test_skip_on_server (const char *reason)
{
  if (lk_test_server () == NULL)
    return FALSE;
  g_test_skip (reason);
  return TRUE;
}

/* Runs @sql on the server's maintenance database (the test stops when it fails). */
static void
server_admin (const char *sql)
{
  PGconn *conn = PQconnectdb (lk_test_server ());
  PGresult *result;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Cannot connect to the test server: %s", PQerrorMessage (conn));
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("SQL failed on the test server: %s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

/* A URI of the test server naming the database @name instead of its own. */
static char *
server_database_uri (const char *name)
{
  const char *uri = lk_test_server ();
  const char *slash = strrchr (uri, '/');

  return g_strdup_printf ("%.*s/%s", (int) (slash - uri), uri, name);
}

char *
lk_test_server_database_new (void)
{
  static int counter;
  g_autofree char *name = g_strdup_printf ("lkt_%d_%d_%u", (int) getpid (),
                                           g_atomic_int_add (&counter, 1), g_random_int ());
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0"
                                          " ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'", name);

  server_admin (sql);
  return server_database_uri (name);
}

void
lk_test_server_database_drop (const char *uri)
{
  const char *name = strrchr (uri, '/') + 1;
  g_autofree char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", name);

  server_admin (sql);
}

void
lk_test_fixture_setup (LkTestFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("likeness-test-XXXXXX", &error);
  g_assert_no_error (error);
  if (lk_test_server () != NULL)
    fixture->db_path = lk_test_server_database_new ();
  else
    fixture->db_path = g_build_filename (fixture->dir, "likeness.db", NULL);
}

void
lk_test_fixture_teardown (LkTestFixture *fixture,
                          gconstpointer  data)
{
  if (lk_test_server () != NULL && g_str_has_prefix (fixture->db_path, "postgres"))
    lk_test_server_database_drop (fixture->db_path);
  lk_test_remove_tree (fixture->dir);
  g_assert_false (g_file_test (fixture->dir, G_FILE_TEST_EXISTS));
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->db_path, g_free);
}

char *
lk_test_path (LkTestFixture *fixture,
              const char    *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

void
lk_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          lk_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

sqlite3 *
lk_test_sqlite_open (const char *path)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    g_error ("Cannot open %s: %s", path, sqlite3_errmsg (db));
  return db;
}

void
lk_test_sqlite_exec (sqlite3    *db,
                     const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQL failed: %s: %s", sql, message);
}

/* A query on a server database: its one row's first value, or (with @want_row FALSE) none. */
static char *
server_sql (const char *uri,
            const char *sql,
            gboolean    want_row)
{
  PGconn *conn = PQconnectdb (uri);
  PGresult *result;
  char *value = NULL;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Cannot connect to %s: %s", uri, PQerrorMessage (conn));
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("SQL failed: %s: %s", sql, PQerrorMessage (conn));
  if (want_row && PQntuples (result) < 1)
    g_error ("SQL returned no row: %s", sql);
  if (want_row && !PQgetisnull (result, 0, 0))
    value = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  PQfinish (conn);
  return value;
}

static gboolean
is_uri (const char *path)
{
  return g_str_has_prefix (path, "postgresql://") || g_str_has_prefix (path, "postgres://");
}

void
lk_test_sql (const char *path,
             const char *sql)
{
  sqlite3 *db;

  if (is_uri (path))
    {
      g_free (server_sql (path, sql, FALSE));
      return;
    }
  db = lk_test_sqlite_open (path);

  lk_test_sqlite_exec (db, sql);
  sqlite3_close (db);
}

char *
lk_test_sql_error (const char *path,
                   const char *sql)
{
  sqlite3 *db;
  char *message = NULL;
  char *refusal = NULL;

  if (is_uri (path))
    {
      PGconn *conn = PQconnectdb (path);
      PGresult *result;

      if (PQstatus (conn) != CONNECTION_OK)
        g_error ("Cannot connect to %s: %s", path, PQerrorMessage (conn));
      result = PQexec (conn, sql);
      if (PQresultStatus (result) != PGRES_COMMAND_OK &&
          PQresultStatus (result) != PGRES_TUPLES_OK)
        refusal = g_strdup (PQresultErrorMessage (result));
      PQclear (result);
      PQfinish (conn);
      return refusal;
    }
  db = lk_test_sqlite_open (path);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    refusal = g_strdup (message != NULL ? message : sqlite3_errmsg (db));
  sqlite3_free (message);
  sqlite3_close (db);
  return refusal;
}

const char *
lk_test_foreign_keys (void)
{
  return lk_test_server () != NULL ? "" : "PRAGMA foreign_keys = ON; ";
}

static sqlite3_stmt *
query_one_row (sqlite3    *db,
               const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("SQL failed: %s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("SQL returned no row: %s", sql);
  return stmt;
}

gint64
lk_test_sql_int (const char *path,
                 const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 value;

  if (is_uri (path))
    {
      g_autofree char *text = server_sql (path, sql, TRUE);

      return text == NULL ? 0 : g_ascii_strcasecmp (text, "t") == 0 ? 1
                                : g_ascii_strtoll (text, NULL, 10);
    }
  db = lk_test_sqlite_open (path);
  stmt = query_one_row (db, sql);
  value = sqlite3_column_int64 (stmt, 0);

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

char *
lk_test_sql_text (const char *path,
                  const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *value;

  if (is_uri (path))
    return server_sql (path, sql, TRUE);
  db = lk_test_sqlite_open (path);
  stmt = query_one_row (db, sql);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

GBytes *
lk_test_sql_blob (const char *path,
                  const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  GBytes *bytes;

  if (is_uri (path))
    {
      PGconn *conn = PQconnectdb (path);
      PGresult *result;

      if (PQstatus (conn) != CONNECTION_OK)
        g_error ("Cannot connect to %s: %s", path, PQerrorMessage (conn));
      /* Binary results: a bytea value arrives as its bytes. */
      result = PQexecParams (conn, sql, 0, NULL, NULL, NULL, NULL, 1);
      if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) < 1)
        g_error ("SQL returned no row: %s: %s", sql, PQerrorMessage (conn));
      bytes = g_bytes_new (PQgetvalue (result, 0, 0), (gsize) PQgetlength (result, 0, 0));
      PQclear (result);
      PQfinish (conn);
      return bytes;
    }
  db = lk_test_sqlite_open (path);
  stmt = query_one_row (db, sql);
  bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return bytes;
}

struct _LkTestWriter
{
  LkStore *store;
  LkTxn   *txn;
};

LkTestWriter *
lk_test_writer_new (const char *path)
{
  g_autoptr(GError) error = NULL;
  LkTestWriter *writer = g_new0 (LkTestWriter, 1);

  writer->store = lk_store_open (path, LK_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  writer->txn = lk_txn_begin (writer->store, &error);
  g_assert_no_error (error);
  return writer;
}

void
lk_test_writer_free (LkTestWriter *writer)
{
  if (writer == NULL)
    return;
  g_clear_pointer (&writer->txn, lk_txn_free);
  g_clear_object (&writer->store);
  g_free (writer);
}

LkStore *
lk_test_store_new (const char *path,
                   const char *admin,
                   const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) store = lk_store_open (path, LK_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  lk_users_create_administrator (store, admin, "Test Administrator", password, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

typedef struct
{
  const char   *action;
  gint64        count;
  LkAuditEvent *last;
} EventScan;

static gboolean
scan_event (const LkAuditEvent  *event,
            gpointer             user_data,
            GError             **error)
{
  EventScan *scan = user_data;

  if (scan->action != NULL && g_strcmp0 (event->action, scan->action) == 0)
    scan->count++;
  g_clear_pointer (&scan->last, lk_audit_event_free);
  scan->last = g_new0 (LkAuditEvent, 1);
  scan->last->seq = event->seq;
  scan->last->at = g_strdup (event->at);
  scan->last->user = g_strdup (event->user);
  scan->last->role = g_strdup (event->role);
  scan->last->action = g_strdup (event->action);
  scan->last->object = g_strdup (event->object);
  scan->last->details = g_strdup (event->details);
  scan->last->prev_hash = g_strdup (event->prev_hash);
  scan->last->hash = g_strdup (event->hash);
  return TRUE;
}

LkAuditEvent *
lk_test_last_event (LkStore *store)
{
  g_autoptr(GError) error = NULL;
  EventScan scan = { NULL, 0, NULL };

  lk_audit_foreach (store, scan_event, &scan, &error);
  g_assert_no_error (error);
  return scan.last;
}

typedef struct
{
  const char   *action;
  LkAuditEvent *last;
} ActionScan;

static gboolean
scan_action (const LkAuditEvent  *event,
             gpointer             user_data,
             GError             **error)
{
  ActionScan *scan = user_data;
  EventScan copy = { NULL, 0, scan->last };

  if (g_strcmp0 (event->action, scan->action) != 0)
    return TRUE;
  scan_event (event, &copy, error);
  scan->last = copy.last;
  return TRUE;
}

LkAuditEvent *
lk_test_last_event_of (LkStore    *store,
                       const char *action)
{
  g_autoptr(GError) error = NULL;
  ActionScan scan = { action, NULL };

  lk_audit_foreach (store, scan_action, &scan, &error);
  g_assert_no_error (error);
  g_assert_nonnull (scan.last);
  return scan.last;
}

gpointer
lk_test_item_at (GListModel *model,
                 guint       i)
{
  g_autoptr(GObject) item = g_list_model_get_item (model, i);

  g_assert_nonnull (item);
  return item;
}

gint64
lk_test_count_action (LkStore    *store,
                      const char *action)
{
  g_autoptr(GError) error = NULL;
  EventScan scan = { action, 0, NULL };

  lk_audit_foreach (store, scan_event, &scan, &error);
  g_assert_no_error (error);
  g_clear_pointer (&scan.last, lk_audit_event_free);
  return scan.count;
}

gboolean
lk_test_store_initialised (LkStore *store)
{
  g_autoptr(GError) error = NULL;
  gboolean initialised = FALSE;

  g_assert_true (lk_store_is_initialised (store, &initialised, &error));
  g_assert_no_error (error);
  return initialised;
}

void
lk_cli_run_free (LkCliRun *run)
{
  if (run == NULL)
    return;
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

static GSubprocessLauncher *
cli_launcher (const char *password,
              const char *new_password)
{
  GSubprocessLauncher *launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE);

  if (password != NULL)
    g_subprocess_launcher_setenv (launcher, "LIKENESS_PASSWORD", password, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "LIKENESS_PASSWORD");
  if (new_password != NULL)
    g_subprocess_launcher_setenv (launcher, "LIKENESS_NEW_PASSWORD", new_password, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "LIKENESS_NEW_PASSWORD");
  return launcher;
}

LkCliRun *
lk_test_cli (const char *password,
             const char *new_password,
             const char *input,
             const char *first_arg,
             ...)
{
  g_autoptr(GSubprocessLauncher) launcher = cli_launcher (password, new_password);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  LkCliRun *run = g_new0 (LkCliRun, 1);
  const char *cli = g_getenv ("LIKENESS_CLI");
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL, &run->out, &run->err,
                                 &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  return run;
}

guint
lk_test_count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (*p == '\n')
      n++;
  return n;
}

LkSession *
lk_test_login (LkStore    *store,
               const char *name,
               const char *password)
{
  g_autoptr(GError) error = NULL;
  LkSession *session = lk_session_login (store, name, password, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

void
lk_test_grant_competency (LkSession  *admin,
                          const char *user,
                          const char *kind)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) before = g_date_time_add_years (now, -1);
  g_autoptr(GDateTime) after = g_date_time_add_years (now, 1);
  g_autofree char *from = g_date_time_format (before, "%Y-%m-%d");
  g_autofree char *until = g_date_time_format (after, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (lk_competencies_add (admin, user, kind, from, until,
                                        "Test: proficiency test passed", &error), >, 0);
  g_assert_no_error (error);
}

void
lk_test_grant_competencies (LkSession  *admin,
                            const char *user,
                            LkRoles     roles)
{
  if (roles & LK_ROLE_EXAMINER)
    lk_test_grant_competency (admin, user, "examiner");
  if (roles & LK_ROLE_REVIEWER)
    lk_test_grant_competency (admin, user, "reviewer");
}

char *
lk_test_demo_path (const char *name)
{
  const char *source = g_getenv ("LIKENESS_SOURCE_DIR");

  g_assert_nonnull (source);
  return g_build_filename (source, "data", "demo", name, NULL);
}

void
lk_test_cli_assert_ok (LkCliRun *run)
{
  if (run->status != 0)
    g_error ("likeness-cli failed (%d): %s", run->status, run->err);
}

void
lk_test_cli_assert_failed (LkCliRun   *run,
                           const char *expected)
{
  g_assert_cmpint (run->status, >, 0);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_cmpuint (lk_test_count_lines (run->err), ==, 1);
  g_assert_true (g_str_has_prefix (run->err, "likeness-cli: "));
  if (expected != NULL && strstr (run->err, expected) == NULL)
    g_error ("Expected “%s” in: %s", expected, run->err);
}

GBytes *
lk_test_read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

void
lk_test_write_bytes (const char *path,
                     GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                       &error);
  g_assert_no_error (error);
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
lk_test_gradient_png (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 320, 240);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *gradient = cairo_pattern_create_linear (0, 0, 320, 240);
  GByteArray *png = g_byte_array_new ();

  cairo_pattern_add_color_stop_rgb (gradient, 0, 0.1, 0.2, 0.6);
  cairo_pattern_add_color_stop_rgb (gradient, 1, 0.9, 0.8, 0.3);
  cairo_set_source (cr, gradient);
  cairo_paint (cr);
  cairo_pattern_destroy (gradient);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

gint64
lk_test_import_portrait (LkSession  *examiner,
                         const char *number,
                         char      **sha256)
{
  static const LkProvenance provenance = {
    "cctv", "video-frame", "PC Ada Jones", "2026-01-15T14:32:00Z", "Warrant 2026/17",
    "Exhibit AJ/1, received sealed", FALSE,
  };
  g_autofree char *path = lk_test_demo_path ("grace_hopper.jpg");
  g_autoptr(GError) error = NULL;
  gint64 id = lk_probes_import_file (examiner, number, path, &provenance, sha256, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

void
lk_test_lock_suitable (LkSession *examiner,
                       gint64     probe_id)
{
  static const char * const components[] = { "eyes", "nose", "mouth", NULL };
  LkAnalysis analysis = { "suitable", NULL, components, "Frontal, well lit" };
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_analysis_lock (examiner, probe_id, &analysis, &error));
  g_assert_no_error (error);
}

void
lk_test_no_minimums (LkSession *admin)
{
  static const char * const keys[] = {
    "min_assessed_strength_2", "min_assessed_strength_3", "min_individualising_strength_2",
    "min_individualising_strength_3",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (lk_policy_set (admin, keys[i], "0", "Not the rule under test", &error));
      g_assert_no_error (error);
    }
}

/* ---- values ------------------------------------------------------------------------------ */

static void
server_values (const char *uri,
               const char *sql,
               GPtrArray  *values,
               guint      *n_columns)
{
  PGconn *conn = PQconnectdb (uri);
  PGresult *result;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Cannot connect to %s: %s", uri, PQerrorMessage (conn));
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("SQL failed: %s: %s", sql, PQerrorMessage (conn));
  *n_columns = PQnfields (result);
  for (int row = 0; row < PQntuples (result); row++)
    for (int column = 0; column < PQnfields (result); column++)
      {
        const char *text = PQgetvalue (result, row, column);
        size_t length = 0;
        guint8 *bytes;

        if (PQftype (result, column) != 17 /* bytea */)
          {
            g_ptr_array_add (values, g_bytes_new (text, strlen (text)));
            continue;
          }
        bytes = PQunescapeBytea ((const guint8 *) text, &length);
        g_assert_nonnull (bytes);
        g_ptr_array_add (values, g_bytes_new (bytes, length));
        PQfreemem (bytes);
      }
  PQclear (result);
  PQfinish (conn);
}

GPtrArray *
lk_test_sql_values (const char *path,
                    const char *sql,
                    guint      *n_columns)
{
  GPtrArray *values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (is_uri (path))
    {
      server_values (path, sql, values, n_columns);
      return values;
    }
  db = lk_test_sqlite_open (path);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("SQL failed: %s: %s", sql, sqlite3_errmsg (db));
  *n_columns = sqlite3_column_count (stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (guint column = 0; column < *n_columns; column++)
      {
        gconstpointer data = sqlite3_column_type (stmt, column) == SQLITE_BLOB
                               ? sqlite3_column_blob (stmt, column)
                               : (gconstpointer) sqlite3_column_text (stmt, column);

        g_ptr_array_add (values, g_bytes_new (data, sqlite3_column_bytes (stmt, column)));
      }
  if (rc != SQLITE_DONE)
    g_error ("SQL failed: %s: %s", sql, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return values;
}

/* ---- Tampering ---------------------------------------------------------------------------- */

static gint64
server_tamper (const char *uri,
               const char *sql,
               GBytes     *blob)
{
  PGconn *conn = PQconnectdb (uri);
  PGresult *result;
  gint64 changes;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Cannot connect to %s: %s", uri, PQerrorMessage (conn));
  result = PQexec (conn, "SET session_replication_role = replica");
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("Cannot turn the triggers off on %s: %s", uri, PQerrorMessage (conn));
  PQclear (result);
  if (blob != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (sql, "?", 2);
      g_autofree char *numbered = NULL;
      const Oid types[] = { 17 }; /* bytea */
      const char *values[] = { g_bytes_get_data (blob, NULL) };
      const int lengths[] = { (int) g_bytes_get_size (blob) };
      const int formats[] = { 1 };

      g_assert_cmpuint (g_strv_length (parts), ==, 2);
      numbered = g_strjoin ("$1", parts[0], parts[1], NULL);
      result = PQexecParams (conn, numbered, 1, types, values, lengths, formats, 0);
    }
  else
    result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("SQL failed: %s: %s", sql, PQerrorMessage (conn));
  changes = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
  PQclear (result);
  PQfinish (conn);
  return changes;
}

gint64
lk_test_sql_tamper (const char *path,
                    const char *sql,
                    GBytes     *blob)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int triggers = -1;
  gint64 changes;

  if (is_uri (path))
    return server_tamper (path, sql, blob);
  db = lk_test_sqlite_open (path);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &triggers);
  g_assert_cmpint (triggers, ==, 0);
  if (blob != NULL)
    {
      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        g_error ("SQL failed: %s: %s", sql, sqlite3_errmsg (db));
      sqlite3_bind_blob (stmt, 1, g_bytes_get_data (blob, NULL), (int) g_bytes_get_size (blob),
                         SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("SQL failed: %s: %s", sql, sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
    }
  else
    lk_test_sqlite_exec (db, sql);
  changes = sqlite3_changes (db);
  sqlite3_close (db);
  return changes;
}
