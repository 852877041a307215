/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store: what every database engine shares (opening, migrations, the query cache, locking,
 * transactions, typed reads). The engine behind it is a backend (lk-store-backend.h): an SQLite
 * file (lk-store-sqlite.c) or a PostgreSQL server (lk-store-pg.c), chosen by the location. The
 * rest of app/ goes through lk-store-private.h and never names the engine. */
#include "config.h"

#include <string.h>

#include "lk-error.h"
#include "lk-task.h"
#include "store/lk-schema.h"
#include "store/lk-store-backend.h"
#include "store/lk-store-private.h"

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkStore, lk_store, G_TYPE_OBJECT)

static void
stmt_free (LkStmt *stmt)
{
  stmt->store->backend->stmt_free (stmt);
}

static void
lk_store_finalize (GObject *object)
{
  LkStore *self = LK_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->backend != NULL && self->conn != NULL)
    self->backend->close (self);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_rec_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (lk_store_parent_class)->finalize (object);
}

static void
lk_store_class_init (LkStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_store_finalize;

  /**
   * LkStore::changed:
   * @topic: "case", "verification", "conclusion", "connection" (connected again) or
   *   "connection-lost"
   *
   * Another workstation or process changed something of @topic (see lk_store_watch_changes()).
   * Emitted on the main context the store was opened from.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
lk_store_init (LkStore *self)
{
  g_rec_mutex_init (&self->mutex);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) stmt_free);
}

/* Called by a backend, in any thread: emits "changed" on the store's main context. */
typedef struct
{
  LkStore *store;
  char    *topic;
} Change;

static gboolean
emit_change (gpointer data)
{
  Change *change = data;

  g_signal_emit (change->store, signals[SIGNAL_CHANGED], g_quark_from_string (change->topic),
                 change->topic);
  return G_SOURCE_REMOVE;
}

static void
change_free (gpointer data)
{
  Change *change = data;

  g_object_unref (change->store);
  g_free (change->topic);
  g_free (change);
}

void
lk_store_announce_change (LkStore    *self,
                          const char *topic)
{
  Change *change = g_new0 (Change, 1);

  change->store = g_object_ref (self);
  change->topic = g_strdup (topic);
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, emit_change, change,
                              change_free);
}

/**
 * lk_store_watch_changes:
 * Starts emitting LkStore::changed for changes made by other workstations. On a PostgreSQL
 * server this LISTENs on a connection of its own and follows the server's NOTIFY within a
 * second, with "connection-lost" when that connection breaks and "connection" once it is back.
 * An SQLite file has no notices: the store reads PRAGMA data_version every
 * %LK_STORE_POLL_MS milliseconds and, when another process (or another store on the same file)
 * has committed, the file's change marks (raised by triggers, as the server's NOTIFY), and emits
 * the topics whose mark moved.
 */
gboolean
lk_store_watch_changes (LkStore  *self,
                        GError  **error)
{
  g_return_val_if_fail (LK_IS_STORE (self), FALSE);
  if (self->backend->watch == NULL)
    return TRUE;
  return self->backend->watch (self, error);
}

gboolean
lk_store_location_is_uri (const char *location)
{
  return g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://");
}

gboolean
lk_store_location_exists (const char *location)
{
  g_return_val_if_fail (location != NULL, FALSE);
  return lk_store_location_is_uri (location) || g_file_test (location, G_FILE_TEST_EXISTS);
}

gboolean
lk_store_is_server (LkStore *self)
{
  g_return_val_if_fail (LK_IS_STORE (self), FALSE);
  return self->backend == &lk_store_pg_backend;
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
  static char version[128];

  if (version[0] == '\0')
    g_snprintf (version, sizeof version, "%s; %s", lk_store_sqlite_version (),
                lk_store_pg_version ());
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
  self->backend->set_busy_timeout (self, milliseconds);
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
  return self->backend->in_transaction (self);
}

LkStmt *
lk_store_stmt (LkStore     *self,
               const char  *sql,
               GError     **error)
{
  LkStmt *stmt;

  g_return_val_if_fail (LK_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->mutex);
  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt == NULL)
    {
      stmt = self->backend->prepare (self, sql, error);
      if (stmt == NULL)
        {
          g_rec_mutex_unlock (&self->mutex);
          return NULL;
        }
      stmt->store = self;
      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
    }
  stmt->failed = FALSE;
  return stmt;
}

void
lk_stmt_release (LkStmt *stmt)
{
  if (stmt == NULL)
    return;
  stmt->store->backend->stmt_reset (stmt);
  g_rec_mutex_unlock (&stmt->store->mutex);
}

static void
bind (LkStmt        *stmt,
      int            index,
      LkValueType    type,
      gint64         integer,
      double         real,
      gconstpointer  data,
      gsize          size)
{
  LkValue value = { type, integer, real, data, size };

  stmt->store->backend->bind (stmt, index, &value);
}

void
lk_stmt_bind_text (LkStmt     *stmt,
                   int         index,
                   const char *value)
{
  if (value == NULL)
    bind (stmt, index, LK_VALUE_NULL, 0, 0, NULL, 0);
  else
    bind (stmt, index, LK_VALUE_TEXT, 0, 0, value, strlen (value));
}

void
lk_stmt_bind_text_len (LkStmt     *stmt,
                       int         index,
                       const char *value,
                       gsize       length)
{
  bind (stmt, index, value != NULL ? LK_VALUE_TEXT : LK_VALUE_NULL, 0, 0, value, length);
}

void
lk_stmt_bind_int (LkStmt *stmt,
                  int     index,
                  int     value)
{
  bind (stmt, index, LK_VALUE_INTEGER, value, 0, NULL, 0);
}

void
lk_stmt_bind_int64 (LkStmt *stmt,
                    int     index,
                    gint64  value)
{
  bind (stmt, index, LK_VALUE_INTEGER, value, 0, NULL, 0);
}

void
lk_stmt_bind_double (LkStmt *stmt,
                     int     index,
                     double  value)
{
  bind (stmt, index, LK_VALUE_REAL, 0, value, NULL, 0);
}

void
lk_stmt_bind_null (LkStmt *stmt,
                   int     index)
{
  bind (stmt, index, LK_VALUE_NULL, 0, 0, NULL, 0);
}

void
lk_stmt_bind_blob (LkStmt        *stmt,
                   int            index,
                   gconstpointer  data,
                   gsize          size)
{
  bind (stmt, index, LK_VALUE_BLOB, 0, 0, data != NULL ? data : "", size);
}

gboolean
lk_stmt_next (LkStmt  *stmt,
              GError **error)
{
  int rc = stmt->store->backend->step (stmt, error);

  stmt->failed = rc < 0;
  return rc > 0;
}

gboolean
lk_stmt_failed (LkStmt *stmt)
{
  return stmt->failed;
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
  int rc;

  /* A statement that returns rows runs to its end. */
  while ((rc = stmt->store->backend->step (stmt, error)) > 0)
    ;
  stmt->failed = rc < 0;
  return rc == 0;
}

gint64
lk_stmt_insert (LkStmt  *stmt,
                GError **error)
{
  gint64 id = stmt->store->backend->insert (stmt, error);

  stmt->failed = id == 0;
  return id;
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
  return stmt->store->backend->changes (stmt);
}

const char *
lk_stmt_text (LkStmt *stmt,
              int     column)
{
  return stmt->store->backend->column_text (stmt, column);
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
  return (int) stmt->store->backend->column_int64 (stmt, column);
}

gint64
lk_stmt_int64 (LkStmt *stmt,
               int     column)
{
  return stmt->store->backend->column_int64 (stmt, column);
}

double
lk_stmt_double (LkStmt *stmt,
                int     column)
{
  return stmt->store->backend->column_double (stmt, column);
}

gboolean
lk_stmt_is_null (LkStmt *stmt,
                 int     column)
{
  return stmt->store->backend->column_type (stmt, column) == LK_VALUE_NULL;
}

gboolean
lk_stmt_is_integer (LkStmt *stmt,
                    int     column)
{
  return stmt->store->backend->column_type (stmt, column) == LK_VALUE_INTEGER;
}

gboolean
lk_stmt_is_real (LkStmt *stmt,
                 int     column)
{
  return stmt->store->backend->column_type (stmt, column) == LK_VALUE_REAL;
}

gconstpointer
lk_stmt_blob (LkStmt *stmt,
              int     column,
              gsize  *size)
{
  return stmt->store->backend->column_blob (stmt, column, size);
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

  return self->backend->exec (self, sql, error);
}

int
lk_store_get_schema_version (LkStore *self)
{
  g_autoptr(LkStoreLock) lock = lk_store_lock (self);
  gint64 version = -1;

  if (!self->backend->read_version (self, &version, NULL))
    return -1;
  return (int) version;
}

gboolean
lk_store_get_setting (LkStore     *self,
                      const char  *key,
                      char       **value,
                      GError     **error)
{
  g_autoptr(LkStoreLock) lock = lk_store_lock (self);
  g_autoptr(LkStmt) stmt = NULL;

  g_return_val_if_fail (LK_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  *value = NULL;
  stmt = lk_store_stmt (self, "SELECT value FROM settings WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, key);
  if (lk_stmt_next (stmt, error))
    *value = lk_stmt_dup_text (stmt, 0);
  return !lk_stmt_failed (stmt);
}

gboolean
lk_store_get_policy_int (LkStore     *self,
                         const char  *key,
                         gint64       fallback,
                         gint64      *value,
                         GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (value != NULL, FALSE);

  if (!lk_store_get_setting (self, key, &text, error))
    return FALSE;
  *value = text != NULL ? g_ascii_strtoll (text, NULL, 10) : fallback;
  return TRUE;
}

gboolean
lk_store_set_setting (LkStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (self, "INSERT INTO settings (key, value) VALUES (?, ?)"
                                                " ON CONFLICT (key) DO UPDATE"
                                                " SET value = excluded.value", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, key);
  lk_stmt_bind_text (stmt, 2, value);
  return lk_stmt_done (stmt, error);
}

gboolean
lk_store_is_initialised (LkStore   *self,
                         gboolean  *initialised,
                         GError   **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (self, "SELECT count(*) FROM users", error);

  g_return_val_if_fail (initialised != NULL, FALSE);

  if (stmt == NULL || !lk_stmt_next (stmt, error))
    return FALSE;
  *initialised = lk_stmt_int64 (stmt, 0) != 0;
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

  return self->backend->write_identity (self, error) &&
         write_meta (self, "kind", (flags & LK_STORE_OPEN_DEMO) ? "demo" : "casework", error) &&
         write_meta (self, "created_at", now, error) &&
         write_meta (self, "created_by_version", PACKAGE_VERSION, error);
}

/* One migration step in its own transaction; @from 0 makes the database and its identity. */
static gboolean
migrate_step (LkStore           *self,
              const char        *script,
              gint64             from,
              gint64             to,
              LkStoreOpenFlags   flags,
              GError           **error)
{
  g_autoptr(LkTxn) txn = lk_txn_begin (self, error);

  if (txn == NULL)
    return FALSE;
  if (script == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_DATABASE,
                   "Schema version %" G_GINT64_FORMAT " has no %s script; this build of Likeness "
                   "cannot migrate %s", to, self->backend->name, self->path);
      return FALSE;
    }
  if (!self->backend->exec (self, script, error))
    return FALSE;
  if (from == 0 && !create_identity (self, flags, error))
    return FALSE;
  return self->backend->write_version (self, to, error) && lk_txn_commit (txn, error);
}

static gboolean
migrate (LkStore           *self,
         gint64             from,
         LkStoreOpenFlags   flags,
         GError           **error)
{
  if (from == 0)
    {
      gint64 to = 0;
      const char *script = self->backend->initial_schema (&to);

      if (!migrate_step (self, script, 0, to, flags, error))
        return FALSE;
      from = to;
    }
  for (gint64 v = from; v < (gint64) lk_n_migrations; v++)
    if (!migrate_step (self, self->backend->migration ((guint) v), v, v + 1, flags, error))
      return FALSE;
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

/* An empty server database becomes a Likeness database only when asked (init, migrate): a
 * workstation pointed at the wrong database must not fill it with tables. An SQLite file that
 * is missing is refused the same way by the backend. */
static gboolean
empty_allowed (LkStore           *self,
               gint64             version,
               LkStoreOpenFlags   flags,
               GError           **error)
{
  if (version != 0 || (flags & LK_STORE_OPEN_CREATE) || self->backend != &lk_store_pg_backend)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_NOT_INITIALISED,
               "The database %s on the server is empty: it is not a Likeness database yet. An "
               "administrator creates it with likeness-cli --db URI init --admin NAME, "
               "connected as the database's owner", self->path);
  return FALSE;
}

gboolean
lk_store_location_is_server (const char *location)
{
  return location != NULL && lk_store_location_is_uri (location);
}

/**
 * lk_store_open:
 * @path: a database file, or a PostgreSQL connection URI (postgresql://… or postgres://…)
 *
 * Opens (and with %LK_STORE_OPEN_CREATE creates) a Likeness database, refusing files that are
 * not Likeness databases, databases from a newer Likeness and locations it cannot write. A
 * server that cannot be reached is an error: there is never a fallback to a local file.
 */
LkStore *
lk_store_open (const char        *path,
               LkStoreOpenFlags   flags,
               GError           **error)
{
  g_autoptr(LkStore) self = NULL;
  gint64 version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (LK_TYPE_STORE, NULL);
  self->context = g_main_context_ref_thread_default ();
  self->backend = lk_store_location_is_uri (path) ? &lk_store_pg_backend
                                                  : &lk_store_sqlite_backend;
  self->path = g_strdup (path);

  if (!self->backend->open (self, flags, error) ||
      !self->backend->check_identity (self, &version, error) ||
      !empty_allowed (self, version, flags, error) ||
      !self->backend->configure (self, error) ||
      !migrate (self, version, flags, error) ||
      !read_kind (self, flags, error))
    return NULL;

  return g_steal_pointer (&self);
}

typedef struct
{
  char             *path;
  LkStoreOpenFlags  flags;
  GMainContext     *context;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_free (job->path);
  g_main_context_unref (job->context);
  g_free (job);
}

static gpointer
open_job (gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  OpenJob *job = data;
  LkStore *store = lk_store_open (job->path, job->flags, error);

  if (store != NULL)
    {
      g_main_context_unref (store->context);
      store->context = g_main_context_ref (job->context);
    }
  return store;
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
  job->context = g_main_context_ref_thread_default ();
  lk_task_run (NULL, cancellable, callback, user_data, lk_store_open_async, open_job, job,
               (GDestroyNotify) open_job_free, g_object_unref);
}

LkStore *
lk_store_open_finish (GAsyncResult  *result,
                      GError       **error)
{
  return lk_task_finish (result, lk_store_open_async, error);
}

/**
 * lk_store_check_location:
 * @location: a database file, or a PostgreSQL connection URI
 *
 * Connects to @location without writing anything and says, in a sentence, what is there: a
 * Likeness database and its schema version. Whatever stops Likeness from using it (a server that
 * cannot be reached, refused credentials, an empty database, another application's, a wrong
 * encoding or collation, a newer Likeness) is the error. For a "Test Connection" button.
 */
char *
lk_store_check_location (const char  *location,
                         GError     **error)
{
  g_autoptr(LkStore) self = NULL;
  gint64 version = 0;

  g_return_val_if_fail (location != NULL, NULL);

  self = g_object_new (LK_TYPE_STORE, NULL);
  self->context = g_main_context_ref_thread_default ();
  self->backend = lk_store_location_is_uri (location) ? &lk_store_pg_backend
                                                      : &lk_store_sqlite_backend;
  self->path = g_strdup (location);
  if (!self->backend->open (self, LK_STORE_OPEN_DEFAULT, error) ||
      !self->backend->check_identity (self, &version, error) ||
      !empty_allowed (self, version, LK_STORE_OPEN_DEFAULT, error))
    return NULL;
  if (version < LK_SCHEMA_VERSION)
    return g_strdup_printf ("%s is a Likeness database at schema %" G_GINT64_FORMAT "; it is "
                            "brought up to schema %d when it is next opened by its owner",
                            self->path, version, LK_SCHEMA_VERSION);
  return g_strdup_printf ("%s is a Likeness database, ready to use (schema %" G_GINT64_FORMAT
                          ")", self->path, version);
}

static gpointer
check_job (gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return lk_store_check_location (data, error);
}

void
lk_store_check_location_async (const char          *location,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  lk_task_run (NULL, cancellable, callback, user_data, lk_store_check_location_async, check_job,
               g_strdup (location), g_free, g_free);
}

char *
lk_store_check_location_finish (GAsyncResult  *result,
                                GError       **error)
{
  return lk_task_finish (result, lk_store_check_location_async, error);
}
