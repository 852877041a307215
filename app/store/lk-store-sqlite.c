/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The SQLite backend: one database file, opened in write-ahead mode with full synchronous
 * commits. The file identifies itself by PRAGMA application_id and its schema version by PRAGMA
 * user_version. */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "lk-error.h"
#include "store/lk-schema.h"
#include "store/lk-store-backend.h"
#include "store/lk-store-private.h"

typedef struct
{
  LkStmt        base;
  sqlite3_stmt *handle;
} SqliteStmt;

#define DB(self) ((sqlite3 *) (self)->conn)
#define HANDLE(stmt) (((SqliteStmt *) (stmt))->handle)

const char *
lk_store_sqlite_version (void)
{
  static char version[64];

  if (version[0] == '\0')
    g_snprintf (version, sizeof version, "SQLite %s", sqlite3_libversion ());
  return version;
}

static int
error_code (int rc)
{
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    return LK_ERROR_EXISTS;
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return LK_ERROR_BUSY;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_FULL:
      return LK_ERROR_UNWRITABLE;
    case SQLITE_NOTADB:
      return LK_ERROR_NOT_LIKENESS_DATABASE;
    case SQLITE_CORRUPT:
      return LK_ERROR_INTEGRITY;
    case SQLITE_CONSTRAINT:
      return LK_ERROR_INVALID_INPUT;
    default:
      return LK_ERROR_DATABASE;
    }
}

static void
set_error (LkStore     *self,
           GError     **error,
           const char  *what)
{
  int rc = sqlite3_extended_errcode (DB (self));

  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    g_set_error (error, LK_ERROR, LK_ERROR_BUSY,
                 "%s: the database %s is in use by another Likeness process; try again",
                 what, self->path);
  else
    g_set_error (error, LK_ERROR, error_code (rc), "%s: %s (%s)",
                 what, sqlite3_errmsg (DB (self)), self->path);
}

static gboolean
sqlite_exec (LkStore     *self,
             const char  *sql,
             GError     **error)
{
  g_autofree char *message = NULL;
  char *raw = NULL;

  if (sqlite3_exec (DB (self), sql, NULL, NULL, &raw) == SQLITE_OK)
    return TRUE;
  message = g_strdup (raw != NULL ? raw : sqlite3_errmsg (DB (self)));
  sqlite3_free (raw);
  g_set_error (error, LK_ERROR, error_code (sqlite3_extended_errcode (DB (self))),
               "Database error: %s (%s)", message, self->path);
  return FALSE;
}

/* A pragma or count whose value may be anything, negative included: the result says whether
 * it could be read. */
static gboolean
pragma_int (LkStore     *self,
            const char  *pragma,
            gint64      *value,
            GError     **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (self, pragma, error);

  if (stmt == NULL)
    return FALSE;
  if (lk_stmt_next (stmt, error))
    {
      *value = lk_stmt_int64 (stmt, 0);
      return TRUE;
    }
  g_prefix_error (error, "Could not read the database header: ");
  if (error != NULL && *error == NULL)
    g_set_error (error, LK_ERROR, LK_ERROR_DATABASE, "Could not read the database header (%s)",
                 self->path);
  return FALSE;
}

static gboolean
ensure_folder (const char  *path,
               GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (g_mkdir_with_parents (folder, 0700) == 0)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_UNWRITABLE,
               "Cannot create the folder %s for the database: %s", folder, g_strerror (errno));
  return FALSE;
}

/* SQLite reads "" as a temporary database and ":memory:" as one in memory: nothing would be
 * saved. */
static gboolean
check_path (const char  *path,
            GError     **error)
{
  if (*path != '\0' && strcmp (path, ":memory:") != 0)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "“%s” is not a file name: give the path of the database file", path);
  return FALSE;
}

/* SQLite takes a file too short for its header for an empty database, and would write over
 * it: a file that is neither empty nor starts with SQLite's header is someone else's. */
static gboolean
check_header (const char  *path,
              GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[sizeof magic] = { 0 };
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gsize n = 0;

  in = g_file_read (file, NULL, NULL);
  if (in == NULL)
    return TRUE; /* SQLite says why it cannot open the file */
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), header, sizeof header, &n, NULL, NULL) ||
      n == 0 || (n == sizeof header && memcmp (header, magic, sizeof magic) == 0))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_NOT_LIKENESS_DATABASE,
               "%s is not a Likeness database (it is not an SQLite file)", path);
  return FALSE;
}

static gboolean
sqlite_open (LkStore           *self,
             int                flags,
             GError           **error)
{
  int open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
  gboolean exists;
  sqlite3 *db = NULL;

  if (!check_path (self->path, error))
    return FALSE;
  exists = g_file_test (self->path, G_FILE_TEST_EXISTS);
  if (!exists && !(flags & LK_STORE_OPEN_CREATE))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND,
                   "There is no Likeness database at %s (create one with likeness-cli init)",
                   self->path);
      return FALSE;
    }
  if (exists && g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_NOT_LIKENESS_DATABASE,
                   "%s is a folder, not a Likeness database", self->path);
      return FALSE;
    }
  if (exists && !check_header (self->path, error))
    return FALSE;
  if (!exists && !ensure_folder (self->path, error))
    return FALSE;
  if (flags & LK_STORE_OPEN_CREATE)
    open_flags |= SQLITE_OPEN_CREATE;

  if (sqlite3_open_v2 (self->path, &db, open_flags, NULL) != SQLITE_OK)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_UNWRITABLE, "Cannot open %s for writing: %s",
                   self->path, db ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close_v2 (db);
      return FALSE;
    }
  self->conn = db;
  if (sqlite3_db_readonly (db, "main") == 1)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_UNWRITABLE,
                   "%s is read-only: Likeness needs to write its audit log", self->path);
      return FALSE;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);
  return TRUE;
}

static void
sqlite_close (LkStore *self)
{
  if (self->poll_source != NULL)
    {
      g_source_destroy (self->poll_source);
      g_clear_pointer (&self->poll_source, g_source_unref);
    }
  g_clear_pointer (&self->conn, sqlite3_close_v2);
}

static gboolean
sqlite_check_identity (LkStore  *self,
                       gint64   *version,
                       GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 app_id = 0;
  gint64 objects = 0;

  if (!pragma_int (self, "PRAGMA application_id", &app_id, &local_error))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_NOT_LIKENESS_DATABASE,
                   "%s is not a Likeness database (%s)", self->path, local_error->message);
      return FALSE;
    }
  if (!pragma_int (self, "PRAGMA user_version", version, error) ||
      !pragma_int (self, "SELECT count(*) FROM sqlite_schema", &objects, error))
    return FALSE;

  if (app_id == 0 && *version == 0 && objects == 0)
    return TRUE; /* empty file: ours to initialise */
  if (app_id != LK_APPLICATION_ID)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_NOT_LIKENESS_DATABASE,
                   "%s is an SQLite database of another application, not a Likeness database",
                   self->path);
      return FALSE;
    }
  if (*version > LK_SCHEMA_VERSION)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_NEWER_SCHEMA,
                   "%s was written by a newer Likeness (schema %" G_GINT64_FORMAT
                   ", this version reads up to %d); update Likeness to open it",
                   self->path, *version, LK_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

static gboolean
sqlite_configure (LkStore  *self,
                  GError  **error)
{
  /* FULL: a committed audit event survives a power cut, which matters more than speed. */
  if (!sqlite_exec (self, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL", error))
    return FALSE;
  if (sqlite3_exec (DB (self), "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_UNWRITABLE,
                   "Cannot open %s in write-ahead mode (is its folder writable?): %s",
                   self->path, sqlite3_errmsg (DB (self)));
      return FALSE;
    }
  return TRUE;
}

static const char *
sqlite_initial_schema (gint64 *version)
{
  *version = 1;
  return lk_migrations[0].sqlite;
}

static const char *
sqlite_migration (guint index)
{
  return index < lk_n_migrations ? lk_migrations[index].sqlite : NULL;
}

static gboolean
sqlite_write_identity (LkStore  *self,
                       GError  **error)
{
  g_autofree char *pragma = g_strdup_printf ("PRAGMA application_id = %d", LK_APPLICATION_ID);

  return sqlite_exec (self, pragma, error);
}

static gboolean
sqlite_read_version (LkStore  *self,
                     gint64   *version,
                     GError  **error)
{
  return pragma_int (self, "PRAGMA user_version", version, error);
}

static gboolean
sqlite_write_version (LkStore  *self,
                      gint64    version,
                      GError  **error)
{
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, version);

  return sqlite_exec (self, pragma, error);
}

static gboolean
sqlite_in_transaction (LkStore *self)
{
  return !sqlite3_get_autocommit (DB (self));
}

static gboolean
sqlite_begin (LkStore  *self,
              GError  **error)
{
  /* IMMEDIATE takes the write lock now, so a second process fails here, before any work. */
  if (sqlite3_exec (DB (self), "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  set_error (self, error, "Could not start a transaction");
  return FALSE;
}

static gboolean
sqlite_commit (LkStore  *self,
               GError  **error)
{
  if (sqlite3_exec (DB (self), "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  set_error (self, error, "Could not commit");
  return FALSE;
}

static void
sqlite_rollback (LkStore *self)
{
  sqlite3_exec (DB (self), "ROLLBACK", NULL, NULL, NULL);
}

static void
sqlite_set_busy_timeout (LkStore *self,
                         int      milliseconds)
{
  sqlite3_busy_timeout (DB (self), milliseconds);
}

static LkStmt *
sqlite_prepare (LkStore     *self,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *handle = NULL;
  SqliteStmt *stmt;

  if (sqlite3_prepare_v3 (DB (self), sql, -1, SQLITE_PREPARE_PERSISTENT, &handle,
                          NULL) != SQLITE_OK)
    {
      set_error (self, error, "Could not prepare a query");
      return NULL;
    }
  stmt = g_new0 (SqliteStmt, 1);
  stmt->handle = handle;
  return &stmt->base;
}

static void
sqlite_stmt_free (LkStmt *stmt)
{
  sqlite3_finalize (HANDLE (stmt));
  g_free (stmt);
}

static void
sqlite_stmt_reset (LkStmt *stmt)
{
  sqlite3_reset (HANDLE (stmt));
  sqlite3_clear_bindings (HANDLE (stmt));
}

static void
sqlite_bind (LkStmt        *stmt,
             int            index,
             const LkValue *value)
{
  switch (value->type)
    {
    case LK_VALUE_NULL:
      sqlite3_bind_null (HANDLE (stmt), index);
      break;
    case LK_VALUE_INTEGER:
      sqlite3_bind_int64 (HANDLE (stmt), index, value->integer);
      break;
    case LK_VALUE_REAL:
      sqlite3_bind_double (HANDLE (stmt), index, value->real);
      break;
    case LK_VALUE_TEXT:
      sqlite3_bind_text64 (HANDLE (stmt), index, value->data, value->size, SQLITE_TRANSIENT,
                           SQLITE_UTF8);
      break;
    case LK_VALUE_BLOB:
      sqlite3_bind_blob64 (HANDLE (stmt), index, value->data, value->size, SQLITE_TRANSIENT);
      break;
    default:
      g_assert_not_reached ();
    }
}

static int
sqlite_step (LkStmt  *stmt,
             GError **error)
{
  int rc = sqlite3_step (HANDLE (stmt));

  if (rc == SQLITE_ROW)
    return 1;
  if (rc == SQLITE_DONE)
    return 0;
  set_error (stmt->store, error, sqlite3_stmt_readonly (HANDLE (stmt))
                                   ? "Could not read the database"
                                   : "Could not write to the database");
  return -1;
}

static gint64
sqlite_insert (LkStmt  *stmt,
               GError **error)
{
  if (!lk_stmt_done (stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (DB (stmt->store));
}

static gint64
sqlite_changes (LkStmt *stmt)
{
  return sqlite3_changes64 (DB (stmt->store));
}

static LkValueType
sqlite_column_type (LkStmt *stmt,
                    int     column)
{
  switch (sqlite3_column_type (HANDLE (stmt), column))
    {
    case SQLITE_INTEGER:
      return LK_VALUE_INTEGER;
    case SQLITE_FLOAT:
      return LK_VALUE_REAL;
    case SQLITE_TEXT:
      return LK_VALUE_TEXT;
    case SQLITE_BLOB:
      return LK_VALUE_BLOB;
    default:
      return LK_VALUE_NULL;
    }
}

static const char *
sqlite_column_text (LkStmt *stmt,
                    int     column)
{
  return (const char *) sqlite3_column_text (HANDLE (stmt), column);
}

static gint64
sqlite_column_int64 (LkStmt *stmt,
                     int     column)
{
  return sqlite3_column_int64 (HANDLE (stmt), column);
}

static double
sqlite_column_double (LkStmt *stmt,
                      int     column)
{
  return sqlite3_column_double (HANDLE (stmt), column);
}

static gconstpointer
sqlite_column_blob (LkStmt *stmt,
                    int     column,
                    gsize  *size)
{
  gconstpointer data = sqlite3_column_blob (HANDLE (stmt), column);

  *size = (gsize) sqlite3_column_bytes (HANDLE (stmt), column);
  return data;
}

/* ---- other processes' changes: PRAGMA data_version and change_marks ----------------------- */

/* The topics, in the order of LkStore's poll_marks. */
static const char *const mark_topics[] = { "case", "verification", "conclusion" };

/* Reads the change marks into @marks. */
static gboolean
read_marks (LkStore  *self,
            gint64    marks[G_N_ELEMENTS (mark_topics)],
            GError  **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (self, "SELECT topic, n FROM change_marks", error);

  if (stmt == NULL)
    return FALSE;
  while (lk_stmt_next (stmt, error))
    for (guint i = 0; i < G_N_ELEMENTS (mark_topics); i++)
      if (g_strcmp0 (lk_stmt_text (stmt, 0), mark_topics[i]) == 0)
        marks[i] = lk_stmt_int64 (stmt, 1);
  return !lk_stmt_failed (stmt);
}

/* PRAGMA data_version changes when another connection (another process, or another store on the
 * same file) commits; this connection's own commits leave it alone. Reading it costs about ten
 * microseconds and touches only the write-ahead log's shared memory; the marks are read only
 * when it moved. A worker holding the store skips one look rather than make the main loop
 * wait, and a look inside a transaction waits for the next. */
static gboolean
poll_changes (gpointer data)
{
  LkStore *self = data;
  gint64 marks[G_N_ELEMENTS (mark_topics)];
  gint64 version = 0;
  gboolean moved = FALSE;

  if (!g_rec_mutex_trylock (&self->mutex))
    return G_SOURCE_CONTINUE;
  memcpy (marks, self->poll_marks, sizeof marks);
  /* A look that fails is a look skipped, as above: the next one comes soon. */
  if (sqlite3_get_autocommit (DB (self)) &&
      pragma_int (self, "PRAGMA data_version", &version, NULL) &&
      version != self->poll_version && read_marks (self, marks, NULL))
    {
      self->poll_version = version;
      moved = TRUE;
    }
  g_rec_mutex_unlock (&self->mutex);
  for (guint i = 0; moved && i < G_N_ELEMENTS (mark_topics); i++)
    if (marks[i] != self->poll_marks[i])
      {
        self->poll_marks[i] = marks[i];
        lk_store_announce_change (self, mark_topics[i]);
      }
  return G_SOURCE_CONTINUE;
}

static gboolean
sqlite_watch (LkStore  *self,
              GError  **error)
{
  if (self->poll_source != NULL)
    return TRUE;
  if (!pragma_int (self, "PRAGMA data_version", &self->poll_version, error) ||
      !read_marks (self, self->poll_marks, error))
    return FALSE;
  self->poll_source = g_timeout_source_new (LK_STORE_POLL_MS);
  g_source_set_callback (self->poll_source, poll_changes, self, NULL);
  g_source_attach (self->poll_source, self->context);
  return TRUE;
}

const LkStoreBackend lk_store_sqlite_backend = {
  .name = "SQLite",
  .open = sqlite_open,
  .close = sqlite_close,
  .check_identity = sqlite_check_identity,
  .configure = sqlite_configure,
  .initial_schema = sqlite_initial_schema,
  .migration = sqlite_migration,
  .write_identity = sqlite_write_identity,
  .read_version = sqlite_read_version,
  .write_version = sqlite_write_version,
  .exec = sqlite_exec,
  .in_transaction = sqlite_in_transaction,
  .begin = sqlite_begin,
  .commit = sqlite_commit,
  .rollback = sqlite_rollback,
  .set_busy_timeout = sqlite_set_busy_timeout,
  .watch = sqlite_watch,
  .prepare = sqlite_prepare,
  .stmt_free = sqlite_stmt_free,
  .stmt_reset = sqlite_stmt_reset,
  .bind = sqlite_bind,
  .step = sqlite_step,
  .insert = sqlite_insert,
  .changes = sqlite_changes,
  .column_type = sqlite_column_type,
  .column_text = sqlite_column_text,
  .column_int64 = sqlite_column_int64,
  .column_double = sqlite_column_double,
  .column_blob = sqlite_column_blob,
};
