/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PostgreSQL backend: a lab's server, reached by a connection URI (postgresql://… or
 * postgres://…). Passwords come from libpq's own places (~/.pgpass, a service file), never from
 * Likeness. Queries keep the model files' `?` parameters (turned into $n here), are sent with
 * text parameters (text typed, numbers typed by the server; blobs as binary bytea) and read as
 * text.
 * Every write transaction takes one advisory lock first, so writers follow one another as on
 * SQLite and the audit chain cannot fork. A connection that is lost fails the action; the next
 * action connects again. */
#include "config.h"

#include <glib-unix.h>
#include <libpq-fe.h>
#include <string.h>

#include "lk-error.h"
#include "store/lk-schema.h"
#include "store/lk-store-backend.h"
#include "store/lk-store-pg-private.h"
#include "store/lk-store-private.h"

/* Server type OIDs (pg_type.h is not part of libpq's headers). */
#define PG_BOOL    16
#define PG_BYTEA   17
#define PG_INT8    20
#define PG_INT2    21
#define PG_INT4    23
#define PG_OID     26
#define PG_TEXT    25
#define PG_FLOAT4  700
#define PG_FLOAT8  701
#define PG_NUMERIC 1700

/* The key of the advisory lock every write transaction holds: "LkNs". */
#define WRITE_LOCK "1282100851"

typedef struct
{
  LkStmt     base;
  char      *sql;        /* with $n parameters */
  char      *sql_insert; /* the same with RETURNING id, made when first needed */
  int        n_params;
  char     **values;
  int       *lengths;
  int       *formats;
  Oid       *types;
  gboolean  *unused;     /* parameters that the SQL does not mention (sent typed as text) */
  PGresult  *result;
  int        row;
  GPtrArray *blobs;      /* unescaped bytea of the current row, freed on the next step */
} PgStmt;

#define STMT(stmt) ((PgStmt *) (stmt))

const char *
lk_store_pg_version (void)
{
  static char version[64];

  if (version[0] == '\0')
    {
      int v = PQlibVersion ();

      g_snprintf (version, sizeof version, "libpq %d.%d (PostgreSQL)", v / 10000, v % 10000);
    }
  return version;
}

/* The location as shown: the URI without a password, should one have been written in it. */
static char *
displayed_location (const char *uri)
{
  const char *scheme_end = strstr (uri, "://");
  const char *at;
  const char *colon;

  if (scheme_end == NULL)
    return g_strdup (uri);
  at = strchr (scheme_end + 3, '@');
  colon = strchr (scheme_end + 3, ':');
  if (at == NULL || colon == NULL || colon > at || strchr (scheme_end + 3, '/') < at)
    return g_strdup (uri);
  return g_strdup_printf ("%.*s%s", (int) (colon - uri), uri, at);
}

static int
error_code (const char *state)
{
  if (state == NULL)
    return LK_ERROR_DATABASE;
  if (strcmp (state, "23505") == 0)
    return LK_ERROR_EXISTS;
  if (g_str_has_prefix (state, "23") || strcmp (state, "P0001") == 0)
    return LK_ERROR_INVALID_INPUT;
  if (strcmp (state, "40001") == 0 || strcmp (state, "40P01") == 0 ||
      strcmp (state, "55P03") == 0)
    return LK_ERROR_BUSY;
  if (strcmp (state, "42501") == 0 || g_str_has_prefix (state, "53") ||
      strcmp (state, "25006") == 0)
    return LK_ERROR_UNWRITABLE;
  if (strcmp (state, "XX001") == 0 || strcmp (state, "XX002") == 0)
    return LK_ERROR_INTEGRITY;
  return LK_ERROR_DATABASE;
}

static gboolean
connection_lost (LkStore *self)
{
  return PQstatus (PG (self)->conn) != CONNECTION_OK;
}

/* Sets @error from a failed result (or, with @result NULL, from the connection). */
static void
set_error (LkStore     *self,
           GError     **error,
           const char  *what,
           PGresult    *result)
{
  const char *state = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  g_autofree char *message = g_strdup (primary != NULL ? primary
                                                       : PQerrorMessage (PG (self)->conn));

  g_strstrip (g_strdelimit (message, "\n\t", ' '));
  if (connection_lost (self) || (state != NULL && g_str_has_prefix (state, "08")))
    g_set_error (error, LK_ERROR, LK_ERROR_DATABASE,
                 "%s: the connection to the database server %s was lost (%s); nothing of this "
                 "action was saved, and the next action connects again",
                 what, self->path, message);
  else if (state != NULL && error_code (state) == LK_ERROR_BUSY)
    g_set_error (error, LK_ERROR, LK_ERROR_BUSY,
                 "%s: the database %s is in use by another Likeness workstation; try again",
                 what, self->path);
  else
    g_set_error (error, LK_ERROR, error_code (state), "%s: %s (%s)", what, message, self->path);
}

void
lk_store_pg_set_error (LkStore     *self,
                       GError     **error,
                       const char  *what,
                       PGresult    *result)
{
  set_error (self, error, what, result);
}

/* Before an action outside a transaction: a connection lost earlier is made again. */
static gboolean
ensure_connection (LkStore  *self,
                   GError  **error)
{
  if (!connection_lost (self))
    return TRUE;
  PQreset (PG (self)->conn);
  if (connection_lost (self))
    {
      g_autofree char *message = g_strstrip (g_strdup (PQerrorMessage (PG (self)->conn)));

      g_set_error (error, LK_ERROR, LK_ERROR_DATABASE,
                   "Cannot reach the database server %s: %s", self->path, message);
      return FALSE;
    }
  g_message ("Connected again to the database server %s", self->path);
  lk_store_announce_change (self, "connection");
  return TRUE;
}

static gboolean
in_transaction (LkStore *self)
{
  PGTransactionStatusType status = PQtransactionStatus (PG (self)->conn);

  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

static gboolean
run (LkStore     *self,
     const char  *sql,
     const char  *what,
     GError     **error)
{
  PGresult *result;
  ExecStatusType status;

  if (!in_transaction (self) && !ensure_connection (self, error))
    return FALSE;
  result = PQexec (PG (self)->conn, sql);
  status = PQresultStatus (result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    {
      PQclear (result);
      return TRUE;
    }
  set_error (self, error, what, result);
  PQclear (result);
  return FALSE;
}

static gboolean
pg_exec (LkStore     *self,
         const char  *sql,
         GError     **error)
{
  return run (self, sql, "Database error", error);
}

static gboolean
pg_open (LkStore           *self,
         int                flags,
         GError           **error)
{
  /* Later keywords win: the URI may set its own timeout and name. */
  const char *keys[] = { "connect_timeout", "application_name", "dbname", NULL };
  const char *values[] = { "10", "likeness", self->path, NULL };
  PgConn *pg = g_new0 (PgConn, 1);
  g_autofree char *shown = displayed_location (self->path);

  pg->uri = g_steal_pointer (&self->path);
  self->path = g_steal_pointer (&shown);
  self->conn = pg;
  pg->lock_timeout = 30000;
  pg->conn = PQconnectdbParams (keys, values, 1);
  if (pg->conn == NULL || PQstatus (pg->conn) != CONNECTION_OK)
    {
      g_autofree char *message = g_strstrip (g_strdup (pg->conn ? PQerrorMessage (pg->conn)
                                                                : "out of memory"));

      g_set_error (error, LK_ERROR, LK_ERROR_DATABASE,
                   "Cannot connect to the database server %s: %s", self->path, message);
      return FALSE;
    }
  return TRUE;
}

static void
stop_listening (PgConn *pg)
{
  if (pg->listen_source != NULL)
    {
      g_source_destroy (pg->listen_source);
      g_clear_pointer (&pg->listen_source, g_source_unref);
    }
  g_clear_pointer (&pg->listener, PQfinish);
}

static void
pg_close (LkStore *self)
{
  PgConn *pg = PG (self);

  stop_listening (pg);
  if (pg->relisten_id != 0)
    g_source_remove (pg->relisten_id);

  g_clear_pointer (&pg->conn, PQfinish);
  g_free (pg->uri);
  g_free (pg);
  self->conn = NULL;
}

/* One integer from a query (no parameters); FALSE with @error set when it fails. */
static gboolean
query_int (LkStore     *self,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  PGresult *result = PQexec (PG (self)->conn, sql);
  gboolean ok = PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1;

  if (ok)
    *value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  else if (PQresultStatus (result) == PGRES_TUPLES_OK)
    g_set_error (error, LK_ERROR, LK_ERROR_NOT_LIKENESS_DATABASE,
                 "%s has no schema version; it is damaged or not a Likeness database",
                 self->path);
  else
    set_error (self, error, "Could not read the database", result);
  PQclear (result);
  return ok;
}

/* TRUE for a collation that orders and compares text by its bytes (code points), as SQLite
 * does: what Likeness sorts case numbers, names and the audit log's objects by. */
static gboolean
bytewise_collation (const char *name)
{
  return g_str_equal (name, "C") || g_str_equal (name, "POSIX") ||
         g_ascii_strcasecmp (name, "C.UTF-8") == 0 || g_ascii_strcasecmp (name, "C.utf8") == 0;
}

/* Likeness needs a UTF8 database with the C collation (libc's, not ICU's): text then compares,
 * sorts and counts its bytes (the audit chain hashes byte lengths) as on an SQLite file. */
static gboolean
check_database_settings (LkStore  *self,
                         GError  **error)
{
  PGresult *result = PQexec (PG (self)->conn,
                             "SELECT pg_encoding_to_char (encoding), datcollate, datctype,"
                             " datlocprovider FROM pg_catalog.pg_database"
                             " WHERE datname = current_database ()");
  gboolean ok = PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1;
  const char *encoding = ok ? PQgetvalue (result, 0, 0) : "";
  const char *collate = ok ? PQgetvalue (result, 0, 1) : "";
  const char *ctype = ok ? PQgetvalue (result, 0, 2) : "";
  const char *provider = ok ? PQgetvalue (result, 0, 3) : "";
  gboolean good = FALSE;

  if (!ok)
    set_error (self, error, "Could not read the database's settings", result);
  else if (!g_str_equal (encoding, "UTF8"))
    g_set_error (error, LK_ERROR, LK_ERROR_NOT_LIKENESS_DATABASE,
                 "The database %s is encoded in %s; Likeness needs UTF8. Create it with "
                 "createdb --encoding UTF8 --locale C --template template0", self->path, encoding);
  else if (!g_str_equal (provider, "c") || !bytewise_collation (collate) ||
           !bytewise_collation (ctype))
    g_set_error (error, LK_ERROR, LK_ERROR_NOT_LIKENESS_DATABASE,
                 "The database %s sorts text by the %s collation %s; Likeness needs the C "
                 "collation, so that text sorts and compares the same on every workstation "
                 "and as on a file. Create it with "
                 "createdb --encoding UTF8 --locale C --template template0", self->path,
                 g_str_equal (provider, "i") ? "ICU" : "locale",
                 g_str_equal (provider, "i") ? "of its ICU locale" : collate);
  else
    good = TRUE;
  PQclear (result);
  return good;
}

static gboolean
pg_check_identity (LkStore  *self,
                   gint64   *version,
                   GError  **error)
{
  gint64 objects = 0;
  gint64 ours = 0;
  gint64 app_id = 0;

  *version = 0;
  if (!check_database_settings (self, error))
    return FALSE;
  if (!query_int (self, "SELECT count (*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
                        " ON n.oid = c.relnamespace WHERE n.nspname = current_schema ()"
                        " AND c.relkind IN ('r', 'v', 'm', 'S', 'f', 'p')", &objects, error) ||
      !query_int (self, "SELECT count (*) FROM pg_catalog.pg_tables"
                        " WHERE schemaname = current_schema () AND tablename = 'likeness_schema'",
                  &ours, error))
    return FALSE;
  if (objects == 0)
    return TRUE; /* an empty database: ours to initialise */
  if (ours == 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_NOT_LIKENESS_DATABASE,
                   "%s is a PostgreSQL database of another application, not a Likeness database",
                   self->path);
      return FALSE;
    }
  if (!query_int (self, "SELECT application_id FROM likeness_schema", &app_id, error) ||
      !query_int (self, "SELECT version FROM likeness_schema", version, error))
    return FALSE;
  if (app_id != LK_APPLICATION_ID)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_NOT_LIKENESS_DATABASE,
                   "%s is not a Likeness database", self->path);
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
  if (*version < LK_PG_BASE_VERSION)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_NOT_LIKENESS_DATABASE,
                   "%s has schema version %" G_GINT64_FORMAT ", older than any Likeness "
                   "database on PostgreSQL", self->path, *version);
      return FALSE;
    }
  return TRUE;
}

static void
pg_set_busy_timeout (LkStore *self,
                     int      milliseconds)
{
  g_autofree char *sql = g_strdup_printf ("SET lock_timeout = %d", milliseconds);

  PG (self)->lock_timeout = milliseconds;
  PQclear (PQexec (PG (self)->conn, sql));
}

static gboolean
pg_configure (LkStore  *self,
              GError  **error)
{
  g_autofree char *sql = g_strdup_printf ("SET client_min_messages = warning;"
                                          " SET lock_timeout = %d;"
                                          " SET client_encoding = 'UTF8'",
                                          PG (self)->lock_timeout);

  return run (self, sql, "Could not configure the connection", error) &&
         lk_store_pg_read_flush_setting (self, error);
}

static const char *
pg_initial_schema (gint64 *version)
{
  *version = LK_PG_BASE_VERSION;
  return lk_migrations[LK_PG_BASE_VERSION - 1].postgresql;
}

static const char *
pg_migration (guint index)
{
  return index < lk_n_migrations ? lk_migrations[index].postgresql : NULL;
}

static gboolean
pg_write_identity (LkStore  *self,
                   GError  **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO likeness_schema (application_id, version)"
                                          " VALUES (%d, 0)", LK_APPLICATION_ID);

  return pg_exec (self, sql, error);
}

static gboolean
pg_read_version (LkStore  *self,
                 gint64   *version,
                 GError  **error)
{
  return query_int (self, "SELECT version FROM likeness_schema", version, error);
}

static gboolean
pg_write_version (LkStore  *self,
                  gint64    version,
                  GError  **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE likeness_schema SET version = %"
                                          G_GINT64_FORMAT, version);

  return pg_exec (self, sql, error);
}

static gboolean
pg_in_transaction (LkStore *self)
{
  return in_transaction (self);
}

static void
pg_rollback (LkStore *self)
{
  if (!connection_lost (self))
    PQclear (PQexec (PG (self)->conn, "ROLLBACK"));
}

static gboolean
pg_begin (LkStore  *self,
          GError  **error)
{
  /* The lock is released by COMMIT or ROLLBACK; a second workstation waits for it here. A
   * wait that ends in lock_timeout leaves the transaction open and aborted: it is rolled back,
   * so that the store is ready for the next action. */
  if (run (self, PG (self)->wait_flush
                 ? "BEGIN; SET LOCAL synchronous_commit = off;"
                   " SELECT pg_advisory_xact_lock (" WRITE_LOCK ")"
                 : "BEGIN; SELECT pg_advisory_xact_lock (" WRITE_LOCK ")",
           "Could not start a transaction", error))
    return TRUE;
  if (in_transaction (self))
    pg_rollback (self);
  return FALSE;
}

static gboolean
pg_commit (LkStore  *self,
           GError  **error)
{
  return lk_store_pg_commit (self, error);
}

/* `?` and `?NNN` to `$n` (outside quotes and comments); counts the parameters and lists the
 * ones mentioned. */
static char *
translate (const char *sql,
           int        *n_params,
           GArray     *mentioned)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  int next = 0;
  int highest = 0;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '"')
        {
          const char *end = strchr (p + 1, *p);

          if (end == NULL)
            end = p + strlen (p) - 1;
          g_string_append_len (out, p, end - p + 1);
          p = end;
        }
      else if (p[0] == '-' && p[1] == '-')
        {
          const char *end = strchr (p, '\n');

          if (end == NULL)
            end = p + strlen (p) - 1;
          g_string_append_len (out, p, end - p + 1);
          p = end;
        }
      else if (*p == '?')
        {
          int index;

          if (g_ascii_isdigit (p[1]))
            {
              char *end = NULL;

              index = (int) strtol (p + 1, &end, 10);
              p = end - 1;
            }
          else
            index = highest + 1;
          highest = MAX (highest, index);
          next = index;
          g_array_append_val (mentioned, index);
          g_string_append_printf (out, "$%d", index);
        }
      else
        g_string_append_c (out, *p);
    }
  (void) next;
  *n_params = highest;
  return g_string_free (out, FALSE);
}

static LkStmt *
pg_prepare (LkStore     *self,
            const char  *sql,
            GError     **error)
{
  PgStmt *stmt = g_new0 (PgStmt, 1);
  g_autoptr(GArray) mentioned = g_array_new (FALSE, FALSE, sizeof (int));
  int n;

  stmt->sql = translate (sql, &n, mentioned);
  stmt->n_params = n;
  stmt->values = g_new0 (char *, MAX (n, 1));
  stmt->lengths = g_new0 (int, MAX (n, 1));
  stmt->formats = g_new0 (int, MAX (n, 1));
  stmt->types = g_new0 (Oid, MAX (n, 1));
  stmt->unused = g_new0 (gboolean, MAX (n, 1));
  for (int i = 0; i < n; i++)
    stmt->unused[i] = TRUE;
  for (guint i = 0; i < mentioned->len; i++)
    stmt->unused[g_array_index (mentioned, int, i) - 1] = FALSE;
  for (int i = 0; i < n; i++)
    stmt->types[i] = stmt->unused[i] ? PG_TEXT : 0;
  stmt->blobs = g_ptr_array_new_with_free_func (PQfreemem);
  stmt->row = -1;
  return &stmt->base;
}

static void
clear_result (PgStmt *stmt)
{
  g_clear_pointer (&stmt->result, PQclear);
  stmt->row = -1;
  g_ptr_array_set_size (stmt->blobs, 0);
}

static void
pg_stmt_reset (LkStmt *base)
{
  PgStmt *stmt = STMT (base);

  clear_result (stmt);
  for (int i = 0; i < stmt->n_params; i++)
    {
      g_clear_pointer (&stmt->values[i], g_free);
      stmt->lengths[i] = 0;
      stmt->formats[i] = 0;
      stmt->types[i] = stmt->unused[i] ? PG_TEXT : 0;
    }
}

static void
pg_stmt_free (LkStmt *base)
{
  PgStmt *stmt = STMT (base);

  pg_stmt_reset (base);
  g_ptr_array_unref (stmt->blobs);
  g_free (stmt->values);
  g_free (stmt->lengths);
  g_free (stmt->formats);
  g_free (stmt->types);
  g_free (stmt->unused);
  g_free (stmt->sql);
  g_free (stmt->sql_insert);
  g_free (stmt);
}

static void
pg_bind (LkStmt        *base,
         int            index,
         const LkValue *value)
{
  PgStmt *stmt = STMT (base);
  int i = index - 1;
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  /* A parameter the SQL does not mention (one text serving several filters) keeps its text
   * type and no value: the server cannot tell the type of what it never sees. */
  if (i < 0 || i >= stmt->n_params || stmt->unused[i])
    return;
  g_clear_pointer (&stmt->values[i], g_free);
  stmt->formats[i] = 0;
  stmt->types[i] = 0;
  stmt->lengths[i] = 0;
  switch (value->type)
    {
    case LK_VALUE_NULL:
      break;
    case LK_VALUE_INTEGER:
      stmt->values[i] = g_strdup_printf ("%" G_GINT64_FORMAT, value->integer);
      break;
    case LK_VALUE_REAL:
      stmt->values[i] = g_strdup (g_ascii_dtostr (number, sizeof number, value->real));
      break;
    case LK_VALUE_TEXT:
      /* Typed, so that a parameter seen only by IS NULL still has a type; numbers stay
       * untyped and take the type of what they meet. */
      stmt->values[i] = g_strndup (value->data, value->size);
      stmt->types[i] = PG_TEXT;
      break;
    case LK_VALUE_BLOB:
      stmt->values[i] = g_memdup2 (value->data, MAX (value->size, 1));
      stmt->lengths[i] = (int) value->size;
      stmt->formats[i] = 1;
      stmt->types[i] = PG_BYTEA;
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
execute (PgStmt      *stmt,
         const char  *sql,
         GError     **error)
{
  LkStore *self = stmt->base.store;
  ExecStatusType status;

  if (!in_transaction (self) && !ensure_connection (self, error))
    return FALSE;
  stmt->result = PQexecParams (PG (self)->conn, sql, stmt->n_params, stmt->types,
                               (const char * const *) stmt->values, stmt->lengths,
                               stmt->formats, 0);
  status = PQresultStatus (stmt->result);
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)
    {
      const char *changed = PQcmdTuples (stmt->result);

      PG (self)->changes = *changed != '\0' ? g_ascii_strtoll (changed, NULL, 10) : 0;
      return TRUE;
    }
  set_error (self, error, g_str_has_prefix (sql, "SELECT") ? "Could not read the database"
                                                            : "Could not write to the database",
             stmt->result);
  g_clear_pointer (&stmt->result, PQclear);
  return FALSE;
}

static int
pg_step (LkStmt  *base,
         GError **error)
{
  PgStmt *stmt = STMT (base);

  if (stmt->result == NULL && !execute (stmt, stmt->sql, error))
    return -1;
  g_ptr_array_set_size (stmt->blobs, 0);
  if (stmt->row + 1 >= PQntuples (stmt->result))
    {
      stmt->row = PQntuples (stmt->result);
      return 0;
    }
  stmt->row++;
  return 1;
}

static gint64
pg_insert (LkStmt  *base,
           GError **error)
{
  PgStmt *stmt = STMT (base);

  if (stmt->sql_insert == NULL)
    stmt->sql_insert = strstr (stmt->sql, "RETURNING") != NULL
                         ? g_strdup (stmt->sql)
                         : g_strconcat (stmt->sql, " RETURNING id", NULL);
  clear_result (stmt);
  if (!execute (stmt, stmt->sql_insert, error))
    return 0;
  if (PQntuples (stmt->result) < 1)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_DATABASE,
                   "Could not write to the database: no row was inserted (%s)",
                   base->store->path);
      return 0;
    }
  stmt->row = PQntuples (stmt->result);
  return g_ascii_strtoll (PQgetvalue (stmt->result, 0, 0), NULL, 10);
}

static gint64
pg_changes (LkStmt *stmt)
{
  return PG (stmt->store)->changes;
}

static gboolean
has_value (PgStmt *stmt,
           int     column)
{
  return stmt->result != NULL && stmt->row >= 0 && stmt->row < PQntuples (stmt->result) &&
         column >= 0 && column < PQnfields (stmt->result) &&
         !PQgetisnull (stmt->result, stmt->row, column);
}

static LkValueType
pg_column_type (LkStmt *base,
                int     column)
{
  PgStmt *stmt = STMT (base);

  if (!has_value (stmt, column))
    return LK_VALUE_NULL;
  switch (PQftype (stmt->result, column))
    {
    case PG_BOOL:
    case PG_INT2:
    case PG_INT4:
    case PG_INT8:
    case PG_OID:
      return LK_VALUE_INTEGER;
    case PG_FLOAT4:
    case PG_FLOAT8:
    case PG_NUMERIC:
      return LK_VALUE_REAL;
    case PG_BYTEA:
      return LK_VALUE_BLOB;
    default:
      return LK_VALUE_TEXT;
    }
}

static const char *
pg_column_text (LkStmt *base,
                int     column)
{
  PgStmt *stmt = STMT (base);
  const char *value;

  if (!has_value (stmt, column))
    return NULL;
  value = PQgetvalue (stmt->result, stmt->row, column);
  if (PQftype (stmt->result, column) == PG_BOOL)
    return *value == 't' ? "1" : "0";
  return value;
}

static gint64
pg_column_int64 (LkStmt *base,
                 int     column)
{
  const char *text = pg_column_text (base, column);

  if (text == NULL)
    return 0;
  if (strpbrk (text, ".eE") != NULL)
    return (gint64) g_ascii_strtod (text, NULL);
  return g_ascii_strtoll (text, NULL, 10);
}

static double
pg_column_double (LkStmt *base,
                  int     column)
{
  const char *text = pg_column_text (base, column);

  return text != NULL ? g_ascii_strtod (text, NULL) : 0.0;
}

static gconstpointer
pg_column_blob (LkStmt *base,
                int     column,
                gsize  *size)
{
  PgStmt *stmt = STMT (base);
  unsigned char *data;
  size_t length = 0;

  *size = 0;
  if (!has_value (stmt, column))
    return NULL;
  if (PQftype (stmt->result, column) != PG_BYTEA)
    {
      *size = (gsize) PQgetlength (stmt->result, stmt->row, column);
      return PQgetvalue (stmt->result, stmt->row, column);
    }
  data = PQunescapeBytea ((const unsigned char *) PQgetvalue (stmt->result, stmt->row, column),
                          &length);
  if (data == NULL)
    return NULL;
  g_ptr_array_add (stmt->blobs, data);
  *size = length;
  return data;
}

/* ---- live updates: LISTEN/NOTIFY -------------------------------------------------------- */

static gboolean start_listening (LkStore *self, GError **error);

static gboolean
relisten (gpointer data)
{
  LkStore *self = data;

  /* Failing is why it is here: it tries again in two seconds. */
  if (!start_listening (self, NULL))
    return G_SOURCE_CONTINUE;
  PG (self)->relisten_id = 0;
  lk_store_announce_change (self, "connection");
  return G_SOURCE_REMOVE;
}

/* The server went away: say so, and try again every two seconds on the store's context. */
static void
listener_lost (LkStore *self)
{
  PgConn *pg = PG (self);

  g_clear_pointer (&pg->listen_source, g_source_unref);
  g_clear_pointer (&pg->listener, PQfinish);
  if (pg->relisten_id == 0)
    {
      GSource *timer = g_timeout_source_new_seconds (2);

      g_source_set_callback (timer, relisten, self, NULL);
      pg->relisten_id = g_source_attach (timer, self->context);
      g_source_unref (timer);
    }
  lk_store_announce_change (self, "connection-lost");
}

/* The server sent something: each notification of another connection is a change. */
static gboolean
on_listener_ready (int          fd,
                   GIOCondition condition,
                   gpointer     data)
{
  LkStore *self = data;
  PgConn *pg = PG (self);
  PGnotify *notify;
  int own = PQbackendPID (pg->conn);

  if (!PQconsumeInput (pg->listener) || PQstatus (pg->listener) != CONNECTION_OK)
    {
      listener_lost (self);
      return G_SOURCE_REMOVE;
    }
  while ((notify = PQnotifies (pg->listener)) != NULL)
    {
      if (notify->be_pid != own)
        lk_store_announce_change (self, notify->extra);
      PQfreemem (notify);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
start_listening (LkStore  *self,
                 GError  **error)
{
  const char *keys[] = { "connect_timeout", "application_name", "dbname", NULL };
  const char *values[] = { "10", "likeness-listener", PG (self)->uri, NULL };
  PgConn *pg = PG (self);
  PGresult *result;

  stop_listening (pg);
  pg->listener = PQconnectdbParams (keys, values, 1);
  if (pg->listener == NULL || PQstatus (pg->listener) != CONNECTION_OK)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_DATABASE,
                   "Cannot listen for changes on the database server %s", self->path);
      g_clear_pointer (&pg->listener, PQfinish);
      return FALSE;
    }
  result = PQexec (pg->listener, "LISTEN likeness");
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_DATABASE,
                   "Cannot listen for changes on the database server %s: %s", self->path,
                   PQerrorMessage (pg->listener));
      PQclear (result);
      g_clear_pointer (&pg->listener, PQfinish);
      return FALSE;
    }
  PQclear (result);
  pg->listen_source = g_unix_fd_source_new (PQsocket (pg->listener), G_IO_IN | G_IO_HUP |
                                                                     G_IO_ERR);
  g_source_set_callback (pg->listen_source, G_SOURCE_FUNC (on_listener_ready), self, NULL);
  g_source_attach (pg->listen_source, self->context);
  return TRUE;
}

static gboolean
pg_watch (LkStore  *self,
          GError  **error)
{
  if (PG (self)->listener != NULL)
    return TRUE;
  return start_listening (self, error);
}

const LkStoreBackend lk_store_pg_backend = {
  .name = "PostgreSQL",
  .open = pg_open,
  .close = pg_close,
  .check_identity = pg_check_identity,
  .configure = pg_configure,
  .initial_schema = pg_initial_schema,
  .migration = pg_migration,
  .write_identity = pg_write_identity,
  .read_version = pg_read_version,
  .write_version = pg_write_version,
  .exec = pg_exec,
  .in_transaction = pg_in_transaction,
  .begin = pg_begin,
  .commit = pg_commit,
  .rollback = pg_rollback,
  .wait_durable = lk_store_pg_wait_durable,
  .set_busy_timeout = pg_set_busy_timeout,
  .watch = pg_watch,
  .prepare = pg_prepare,
  .stmt_free = pg_stmt_free,
  .stmt_reset = pg_stmt_reset,
  .bind = pg_bind,
  .step = pg_step,
  .insert = pg_insert,
  .changes = pg_changes,
  .column_type = pg_column_type,
  .column_text = pg_column_text,
  .column_int64 = pg_column_int64,
  .column_double = pg_column_double,
  .column_blob = pg_column_blob,
};
