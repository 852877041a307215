/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The SQLite store: opening, refusing what is not ours, migrations, queries, transactions.
 * The only file with SQLite calls besides the schema text; the rest of app/ goes through
 * lk-store-private.h. */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "lk-error.h"
#include "lk-task.h"
#include "store/lk-schema.h"
#include "store/lk-store-private.h"

struct _LkStore
{
  GObject     parent_instance;
  sqlite3    *db;
  char       *path;
  GHashTable *statements; /* SQL text -> LkStmt */
  GRecMutex   mutex;
  gboolean    demo;
};

struct _LkStmt
{
  LkStore      *store; /* unowned: the store owns its statements */
  sqlite3_stmt *handle;
  int           last_rc; /* of the last step since the statement was taken */
};

struct _LkTxn
{
  LkStore  *store;
  gboolean  finished;
};

G_DEFINE_FINAL_TYPE (LkStore, lk_store, G_TYPE_OBJECT)

static void
stmt_free (LkStmt *stmt)
{
  sqlite3_finalize (stmt->handle);
  g_free (stmt);
}

static void
lk_store_finalize (GObject *object)
{
  LkStore *self = LK_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_rec_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (lk_store_parent_class)->finalize (object);
}

static void
lk_store_class_init (LkStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_store_finalize;
}

static void
lk_store_init (LkStore *self)
{
  g_rec_mutex_init (&self->mutex);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) stmt_free);
}

char *
lk_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "likeness", "likeness.db", NULL);
}

char *
lk_store_default_demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "likeness", "demo.db", NULL);
}

const char *
lk_store_engine_version (void)
{
  static char version[64];

  if (version[0] == '\0')
    g_snprintf (version, sizeof version, "SQLite %s", sqlite3_libversion ());
  return version;
}

char *
lk_now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

const char *
lk_store_get_path (LkStore *self)
{
  g_return_val_if_fail (LK_IS_STORE (self), NULL);
  return self->path;
}

gboolean
lk_store_is_demo (LkStore *self)
{
  g_return_val_if_fail (LK_IS_STORE (self), FALSE);
  return self->demo;
}

void
lk_store_set_busy_timeout (LkStore *self,
                           int      milliseconds)
{
  g_return_if_fail (LK_IS_STORE (self));
  sqlite3_busy_timeout (self->db, milliseconds);
}

static int
store_error_code (int rc)
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
store_set_error (LkStore     *self,
                 GError     **error,
                 const char  *what)
{
  int rc = sqlite3_extended_errcode (self->db);

  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    g_set_error (error, LK_ERROR, LK_ERROR_BUSY,
                 "%s: the database %s is in use by another Likeness process; try again",
                 what, self->path);
  else
    g_set_error (error, LK_ERROR, store_error_code (rc), "%s: %s (%s)",
                 what, sqlite3_errmsg (self->db), self->path);
}

LkStoreLock *
lk_store_lock (LkStore *self)
{
  g_return_val_if_fail (LK_IS_STORE (self), NULL);
  g_rec_mutex_lock (&self->mutex);
  return (LkStoreLock *) self;
}

void
lk_store_unlock (LkStoreLock *lock)
{
  if (lock != NULL)
    g_rec_mutex_unlock (&((LkStore *) lock)->mutex);
}

gboolean
lk_store_in_transaction (LkStore *self)
{
  g_return_val_if_fail (LK_IS_STORE (self), FALSE);
  return !sqlite3_get_autocommit (self->db);
}

LkStmt *
lk_store_stmt (LkStore     *self,
               const char  *sql,
               GError     **error)
{
  LkStmt *stmt;
  sqlite3_stmt *handle = NULL;

  g_return_val_if_fail (LK_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->mutex);
  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      stmt->last_rc = SQLITE_OK;
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &handle, NULL) != SQLITE_OK)
    {
      store_set_error (self, error, "Could not prepare a query");
      g_rec_mutex_unlock (&self->mutex);
      return NULL;
    }
  stmt = g_new0 (LkStmt, 1);
  stmt->store = self;
  stmt->handle = handle;
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

void
lk_stmt_release (LkStmt *stmt)
{
  if (stmt == NULL)
    return;
  sqlite3_reset (stmt->handle);
  sqlite3_clear_bindings (stmt->handle);
  g_rec_mutex_unlock (&stmt->store->mutex);
}

void
lk_stmt_bind_text (LkStmt     *stmt,
                   int         index,
                   const char *value)
{
  sqlite3_bind_text (stmt->handle, index, value, -1, SQLITE_TRANSIENT);
}

void
lk_stmt_bind_text_len (LkStmt     *stmt,
                       int         index,
                       const char *value,
                       gsize       length)
{
  sqlite3_bind_text64 (stmt->handle, index, value, length, SQLITE_TRANSIENT, SQLITE_UTF8);
}

void
lk_stmt_bind_int (LkStmt *stmt,
                  int     index,
                  int     value)
{
  sqlite3_bind_int (stmt->handle, index, value);
}

void
lk_stmt_bind_int64 (LkStmt *stmt,
                    int     index,
                    gint64  value)
{
  sqlite3_bind_int64 (stmt->handle, index, value);
}

void
lk_stmt_bind_double (LkStmt *stmt,
                     int     index,
                     double  value)
{
  sqlite3_bind_double (stmt->handle, index, value);
}

void
lk_stmt_bind_null (LkStmt *stmt,
                   int     index)
{
  sqlite3_bind_null (stmt->handle, index);
}

void
lk_stmt_bind_blob (LkStmt        *stmt,
                   int            index,
                   gconstpointer  data,
                   gsize          size)
{
  sqlite3_bind_blob64 (stmt->handle, index, data, size, SQLITE_TRANSIENT);
}

gboolean
lk_stmt_next (LkStmt  *stmt,
              GError **error)
{
  int rc = stmt->last_rc = sqlite3_step (stmt->handle);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    store_set_error (stmt->store, error, "Could not read the database");
  return FALSE;
}

gboolean
lk_stmt_failed (LkStmt *stmt)
{
  return stmt->last_rc != SQLITE_OK && stmt->last_rc != SQLITE_ROW &&
         stmt->last_rc != SQLITE_DONE;
}

gboolean
lk_stmt_row (LkStmt     *stmt,
             GError    **error,
             const char *not_found,
             ...)
{
  g_autoptr(GError) local_error = NULL;
  va_list args;

  if (lk_stmt_next (stmt, &local_error))
    return TRUE;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  va_start (args, not_found);
  g_propagate_error (error, g_error_new_valist (LK_ERROR, LK_ERROR_NOT_FOUND, not_found, args));
  va_end (args);
  return FALSE;
}

gboolean
lk_stmt_done (LkStmt  *stmt,
              GError **error)
{
  stmt->last_rc = sqlite3_step (stmt->handle);
  if (stmt->last_rc == SQLITE_DONE)
    return TRUE;
  store_set_error (stmt->store, error, "Could not write to the database");
  return FALSE;
}

gint64
lk_stmt_insert (LkStmt  *stmt,
                GError **error)
{
  if (!lk_stmt_done (stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (stmt->store->db);
}

gint64
lk_stmt_insert_unique (LkStmt     *stmt,
                       GError    **error,
                       const char *exists,
                       ...)
{
  g_autoptr(GError) local_error = NULL;
  gint64 id = lk_stmt_insert (stmt, &local_error);
  va_list args;

  if (local_error == NULL)
    return id;
  if (!g_error_matches (local_error, LK_ERROR, LK_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  va_start (args, exists);
  g_propagate_error (error, g_error_new_valist (LK_ERROR, LK_ERROR_EXISTS, exists, args));
  va_end (args);
  return 0;
}

gint64
lk_stmt_changes (LkStmt *stmt)
{
  return sqlite3_changes64 (stmt->store->db);
}

const char *
lk_stmt_text (LkStmt *stmt,
              int     column)
{
  return (const char *) sqlite3_column_text (stmt->handle, column);
}

char *
lk_stmt_dup_text (LkStmt *stmt,
                  int     column)
{
  return g_strdup (lk_stmt_text (stmt, column));
}

int
lk_stmt_int (LkStmt *stmt,
             int     column)
{
  return sqlite3_column_int (stmt->handle, column);
}

gint64
lk_stmt_int64 (LkStmt *stmt,
               int     column)
{
  return sqlite3_column_int64 (stmt->handle, column);
}

double
lk_stmt_double (LkStmt *stmt,
                int     column)
{
  return sqlite3_column_double (stmt->handle, column);
}

gboolean
lk_stmt_is_null (LkStmt *stmt,
                 int     column)
{
  return sqlite3_column_type (stmt->handle, column) == SQLITE_NULL;
}

gboolean
lk_stmt_is_integer (LkStmt *stmt,
                    int     column)
{
  return sqlite3_column_type (stmt->handle, column) == SQLITE_INTEGER;
}

gboolean
lk_stmt_is_real (LkStmt *stmt,
                 int     column)
{
  return sqlite3_column_type (stmt->handle, column) == SQLITE_FLOAT;
}

gconstpointer
lk_stmt_blob (LkStmt *stmt,
              int     column,
              gsize  *size)
{
  gconstpointer data = sqlite3_column_blob (stmt->handle, column);

  *size = (gsize) sqlite3_column_bytes (stmt->handle, column);
  return data;
}

GBytes *
lk_stmt_bytes (LkStmt *stmt,
               int     column)
{
  gsize size = 0;
  gconstpointer data = lk_stmt_blob (stmt, column, &size);

  return g_bytes_new (data, size);
}

gboolean
lk_store_exec (LkStore     *self,
               const char  *sql,
               GError     **error)
{
  g_autoptr(LkStoreLock) lock = lk_store_lock (self);
  g_autofree char *message = NULL;
  char *raw = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &raw) == SQLITE_OK)
    return TRUE;
  message = g_strdup (raw != NULL ? raw : sqlite3_errmsg (self->db));
  sqlite3_free (raw);
  g_set_error (error, LK_ERROR, store_error_code (sqlite3_extended_errcode (self->db)),
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

int
lk_store_get_schema_version (LkStore *self)
{
  gint64 version = -1;

  if (!pragma_int (self, "PRAGMA user_version", &version, NULL))
    return -1;
  return (int) version;
}

gint64
lk_store_get_policy_int (LkStore    *self,
                         const char *key,
                         gint64      fallback)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (self, "SELECT value FROM settings WHERE key = ?", NULL);

  if (stmt == NULL)
    return fallback;
  lk_stmt_bind_text (stmt, 1, key);
  if (!lk_stmt_next (stmt, NULL))
    return fallback;
  return g_ascii_strtoll (lk_stmt_text (stmt, 0), NULL, 10);
}

gboolean
lk_store_is_initialised (LkStore *self)
{
  gint64 users = 0;

  return pragma_int (self, "SELECT count(*) FROM users", &users, NULL) && users > 0;
}

LkTxn *
lk_txn_begin (LkStore  *store,
              GError  **error)
{
  LkTxn *txn;

  g_return_val_if_fail (LK_IS_STORE (store), NULL);

  g_rec_mutex_lock (&store->mutex);
  if (!sqlite3_get_autocommit (store->db))
    {
      g_rec_mutex_unlock (&store->mutex);
      g_set_error (error, LK_ERROR, LK_ERROR_FAILED, "A transaction is already open");
      g_return_val_if_reached (NULL);
    }
  /* IMMEDIATE takes the write lock now, so a second process fails here, before any work. */
  if (sqlite3_exec (store->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    {
      store_set_error (store, error, "Could not start a transaction");
      g_rec_mutex_unlock (&store->mutex);
      return NULL;
    }
  txn = g_new0 (LkTxn, 1);
  txn->store = g_object_ref (store);
  return txn;
}

gboolean
lk_txn_commit (LkTxn   *txn,
               GError **error)
{
  g_return_val_if_fail (txn != NULL && !txn->finished, FALSE);

  if (sqlite3_exec (txn->store->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      store_set_error (txn->store, error, "Could not commit");
      return FALSE;
    }
  txn->finished = TRUE;
  return TRUE;
}

void
lk_txn_free (LkTxn *txn)
{
  if (txn == NULL)
    return;
  if (!txn->finished)
    sqlite3_exec (txn->store->db, "ROLLBACK", NULL, NULL, NULL);
  g_rec_mutex_unlock (&txn->store->mutex);
  g_object_unref (txn->store);
  g_free (txn);
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
open_connection (LkStore           *self,
                 LkStoreOpenFlags   flags,
                 GError           **error)
{
  int open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
  gboolean exists = g_file_test (self->path, G_FILE_TEST_EXISTS);

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

  if (sqlite3_open_v2 (self->path, &self->db, open_flags, NULL) != SQLITE_OK)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_UNWRITABLE, "Cannot open %s for writing: %s",
                   self->path, self->db ? sqlite3_errmsg (self->db) : "out of memory");
      return FALSE;
    }
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_UNWRITABLE,
                   "%s is read-only: Likeness needs to write its audit log", self->path);
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  return TRUE;
}

static gboolean
check_identity (LkStore  *self,
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
configure_connection (LkStore  *self,
                      GError  **error)
{
  /* FULL: a committed audit event survives a power cut, which matters more than speed. */
  if (!lk_store_exec (self, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL", error))
    return FALSE;
  if (sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_UNWRITABLE,
                   "Cannot open %s in write-ahead mode (is its folder writable?): %s",
                   self->path, sqlite3_errmsg (self->db));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_meta (LkStore     *self,
            const char  *key,
            const char  *value,
            GError     **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (self,
                                          "INSERT INTO meta (key, value) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, key);
  lk_stmt_bind_text (stmt, 2, value);
  return lk_stmt_done (stmt, error);
}

static gboolean
create_identity (LkStore           *self,
                 LkStoreOpenFlags   flags,
                 GError           **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autofree char *pragma = g_strdup_printf ("PRAGMA application_id = %d", LK_APPLICATION_ID);

  return lk_store_exec (self, pragma, error) &&
         write_meta (self, "kind", (flags & LK_STORE_OPEN_DEMO) ? "demo" : "casework", error) &&
         write_meta (self, "created_at", now, error) &&
         write_meta (self, "created_by_version", PACKAGE_VERSION, error);
}

static gboolean
migrate (LkStore           *self,
         gint64             from,
         LkStoreOpenFlags   flags,
         GError           **error)
{
  for (gint64 v = from; v < (gint64) lk_n_migrations; v++)
    {
      g_autoptr(LkTxn) txn = lk_txn_begin (self, error);
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, v + 1);

      if (txn == NULL || !lk_store_exec (self, lk_migrations[v], error))
        return FALSE;
      if (v == 0 && !create_identity (self, flags, error))
        return FALSE;
      if (!lk_store_exec (self, pragma, error) || !lk_txn_commit (txn, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_kind (LkStore           *self,
           LkStoreOpenFlags   flags,
           GError           **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (self, "SELECT value FROM meta WHERE key = 'kind'", error);

  if (stmt == NULL)
    return FALSE;
  if (!lk_stmt_next (stmt, error))
    {
      g_prefix_error (error, "%s has no workspace kind: ", self->path);
      if (error != NULL && *error != NULL)
        return FALSE;
      g_set_error (error, LK_ERROR, LK_ERROR_NOT_LIKENESS_DATABASE,
                   "%s has no workspace kind; it is damaged or not a Likeness database",
                   self->path);
      return FALSE;
    }
  self->demo = g_strcmp0 (lk_stmt_text (stmt, 0), "demo") == 0;
  if ((flags & LK_STORE_OPEN_DEMO) && !self->demo)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_EXISTS,
                   "%s is a casework database; it cannot hold a demo workspace", self->path);
      return FALSE;
    }
  return TRUE;
}

/**
 * lk_store_open:
 * Opens (and with %LK_STORE_OPEN_CREATE creates) a Likeness database, refusing files that are
 * not Likeness databases, databases from a newer Likeness and locations it cannot write.
 */
LkStore *
lk_store_open (const char        *path,
               LkStoreOpenFlags   flags,
               GError           **error)
{
  g_autoptr(LkStore) self = NULL;
  gint64 version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_path (path, error))
    return NULL;
  self = g_object_new (LK_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!open_connection (self, flags, error) ||
      !check_identity (self, &version, error) ||
      !configure_connection (self, error) ||
      !migrate (self, version, flags, error) ||
      !read_kind (self, flags, error))
    return NULL;

  return g_steal_pointer (&self);
}

typedef struct
{
  char             *path;
  LkStoreOpenFlags  flags;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_free (job->path);
  g_free (job);
}

static gpointer
open_job (gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  OpenJob *job = data;

  return lk_store_open (job->path, job->flags, error);
}

void
lk_store_open_async (const char          *path,
                     LkStoreOpenFlags     flags,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  OpenJob *job = g_new0 (OpenJob, 1);

  job->path = g_strdup (path);
  job->flags = flags;
  lk_task_run (NULL, cancellable, callback, user_data, lk_store_open_async, open_job, job,
               (GDestroyNotify) open_job_free, g_object_unref);
}

LkStore *
lk_store_open_finish (GAsyncResult  *result,
                      GError       **error)
{
  return lk_task_finish (result, lk_store_open_async, error);
}
