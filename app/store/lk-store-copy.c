/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Moving a lab from an SQLite file to a PostgreSQL server (likeness-cli migrate). */
#include "config.h"

#include "lk-error.h"
#include "store/lk-audit.h"
#include "store/lk-store-backend.h"
#include "store/lk-store-private.h"
#include "store/lk-store-copy.h"

static gboolean
chain_intact (LkStore     *store,
              const char  *which,
              gint64      *n_events,
              GError     **error)
{
  g_autofree char *reason = NULL;
  gint64 broken = 0;

  if (!lk_audit_verify (store, n_events, &broken, &reason, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, LK_ERROR, LK_ERROR_INTEGRITY,
                     "The audit chain of the %s (%s) is broken at event %" G_GINT64_FORMAT
                     ": %s; nothing was moved", which, lk_store_get_path (store), broken, reason);
      return FALSE;
    }
  return TRUE;
}

/* The count a query gives, or -1 with @error set when it failed (which fails the move: on a
 * server the target's transaction is aborted by then). */
static gint64
count_of (LkStore     *store,
          const char  *sql,
          GError     **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, error);

  return stmt != NULL && lk_stmt_row (stmt, error, "No count") ? lk_stmt_int64 (stmt, 0) : -1;
}

static gboolean
target_empty (LkStore  *target,
              GError  **error)
{
  const char * const counts[] = { "SELECT count (*) FROM users",
                                  "SELECT count (*) FROM audit_event",
                                  "SELECT count (*) FROM cases" };
  gboolean empty = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (counts) && empty; i++)
    {
      gint64 n = count_of (target, counts[i], error);

      if (n < 0)
        return FALSE;
      empty = n == 0;
    }
  if (empty)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_EXISTS,
               "%s is not empty; a lab moves only into an empty database",
               lk_store_get_path (target));
  return FALSE;
}

/* The tables of the source in the order they were made (which follows their references). */
static GPtrArray *
source_tables (LkStore  *source,
               GError  **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LkStmt) stmt = lk_store_stmt (source, "SELECT name FROM sqlite_schema"
                                                  " WHERE type = 'table'"
                                                  " AND name NOT LIKE 'sqlite_%'"
                                                  /* the file's marks for watchers: a server
                                                   * notifies instead */
                                                  " AND name <> 'change_marks' ORDER BY rowid",
                                          error);

  if (stmt == NULL)
    return NULL;
  while (lk_stmt_next (stmt, error))
    g_ptr_array_add (tables, lk_stmt_dup_text (stmt, 0));
  return lk_stmt_failed (stmt) ? NULL : g_steal_pointer (&tables);
}

static GPtrArray *
source_columns (LkStore     *source,
                const char  *table,
                GError     **error)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LkStmt) stmt = lk_store_stmt (source, "SELECT name FROM pragma_table_info (?)"
                                                  " ORDER BY cid", error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_text (stmt, 1, table);
  while (lk_stmt_next (stmt, error))
    g_ptr_array_add (columns, g_strdup_printf ("\"%s\"", lk_stmt_text (stmt, 0)));
  return lk_stmt_failed (stmt) ? NULL : g_steal_pointer (&columns);
}

static void
copy_value (LkStmt *from,
            int     column,
            LkStmt *to)
{
  gsize size = 0;
  gconstpointer data;

  switch (from->store->backend->column_type (from, column))
    {
    case LK_VALUE_NULL:
      lk_stmt_bind_null (to, column + 1);
      break;
    case LK_VALUE_INTEGER:
      lk_stmt_bind_int64 (to, column + 1, lk_stmt_int64 (from, column));
      break;
    case LK_VALUE_REAL:
      lk_stmt_bind_double (to, column + 1, lk_stmt_double (from, column));
      break;
    case LK_VALUE_BLOB:
      data = lk_stmt_blob (from, column, &size);
      lk_stmt_bind_blob (to, column + 1, data, size);
      break;
    case LK_VALUE_TEXT:
    default:
      lk_stmt_bind_text (to, column + 1, lk_stmt_text (from, column));
      break;
    }
}

static gboolean
copy_table (LkStore           *source,
            LkStore           *target,
            const char        *table,
            LkStoreCopyStats  *stats,
            GError           **error)
{
  g_autoptr(GPtrArray) columns = source_columns (source, table, error);
  g_autofree char *list = NULL;
  g_autoptr(GString) marks = g_string_new (NULL);
  g_autofree char *select = NULL;
  g_autofree char *insert = NULL;
  g_autoptr(LkStmt) from = NULL;

  if (columns == NULL)
    return FALSE;
  g_ptr_array_add (columns, NULL);
  list = g_strjoinv (", ", (char **) columns->pdata);
  for (guint i = 0; i + 1 < columns->len; i++)
    g_string_append (marks, i == 0 ? "?" : ", ?");
  select = g_strdup_printf ("SELECT %s FROM \"%s\" ORDER BY rowid", list, table);
  insert = g_strdup_printf ("INSERT INTO \"%s\" (%s) VALUES (%s)%s", table, list, marks->str,
                            g_str_equal (table, "meta")
                              ? " ON CONFLICT (key) DO UPDATE SET value = excluded.value" : "");
  if ((from = lk_store_stmt (source, select, error)) == NULL)
    return FALSE;
  while (lk_stmt_next (from, error))
    {
      g_autoptr(LkStmt) to = lk_store_stmt (target, insert, error);

      if (to == NULL)
        return FALSE;
      for (guint i = 0; i + 1 < columns->len; i++)
        copy_value (from, (int) i, to);
      if (!lk_stmt_done (to, error))
        {
          g_prefix_error (error, "Copying %s: ", table);
          return FALSE;
        }
      stats->rows++;
      if (g_str_equal (table, "images"))
        stats->images++;
    }
  stats->tables++;
  return !lk_stmt_failed (from);
}

/* Identity columns continue after the copied ids. */
static gboolean
continue_ids (LkStore     *target,
              const char  *table,
              GError     **error)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT setval (pg_get_serial_sequence ('\"%s\"', 'id'), coalesce (max (id), 0) + 1, false)"
    " FROM \"%s\" WHERE pg_get_serial_sequence ('\"%s\"', 'id') IS NOT NULL"
    " GROUP BY pg_get_serial_sequence ('\"%s\"', 'id')", table, table, table, table);
  g_autofree char *has_id = g_strdup_printf (
    "SELECT count (*) FROM information_schema.columns WHERE table_schema = current_schema ()"
    " AND table_name = '%s' AND column_name = 'id' AND is_identity = 'YES'", table);

  gint64 identity = count_of (target, has_id, error);

  if (identity <= 0)
    return identity == 0;
  return lk_store_exec (target, sql, error);
}

static gboolean
copy_all (LkStore           *source,
          LkStore           *target,
          const LkActor     *actor,
          LkStoreCopyStats  *stats,
          GError           **error)
{
  g_autoptr(GPtrArray) tables = source_tables (source, error);
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = json_object_new ();

  if (tables == NULL || (txn = lk_txn_begin (target, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autofree char *off = g_strdup_printf ("ALTER TABLE \"%s\" DISABLE TRIGGER USER", table);

      if (!lk_store_exec (target, off, error) ||
          !copy_table (source, target, table, stats, error))
        return FALSE;
    }
  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autofree char *on = g_strdup_printf ("ALTER TABLE \"%s\" ENABLE TRIGGER USER", table);

      if (!lk_store_exec (target, on, error) || !continue_ids (target, table, error))
        return FALSE;
    }
  json_object_set_string_member (details, "from", lk_store_get_path (source));
  json_object_set_int_member (details, "rows", stats->rows);
  json_object_set_int_member (details, "images", stats->images);
  return lk_audit_append (target, actor, "database.migrated", lk_store_get_path (target),
                          details, error) &&
         lk_txn_commit (txn, error);
}

gboolean
lk_store_copy (LkStore           *source,
               const char        *target_location,
               const LkActor     *actor,
               LkStoreCopyStats  *stats,
               GError           **error)
{
  g_autoptr(LkStore) target = NULL;
  gint64 before = 0, after = 0;

  g_return_val_if_fail (LK_IS_STORE (source), FALSE);
  *stats = (LkStoreCopyStats) { 0 };

  if (lk_store_is_server (source) || !lk_store_location_is_uri (target_location))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "A lab moves from a database file to a PostgreSQL server "
                   "(--from FILE --to postgresql://…)");
      return FALSE;
    }
  if (!chain_intact (source, "source", &before, error))
    return FALSE;
  target = lk_store_open (target_location, LK_STORE_OPEN_CREATE |
                          (lk_store_is_demo (source) ? LK_STORE_OPEN_DEMO : 0), error);
  if (target == NULL || !target_empty (target, error) ||
      !copy_all (source, target, actor, stats, error) ||
      !chain_intact (target, "target", &after, error))
    return FALSE;
  if (after != before + 1)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INTEGRITY,
                   "The target holds %" G_GINT64_FORMAT " audit events, the source %"
                   G_GINT64_FORMAT, after - 1, before);
      return FALSE;
    }
  stats->events = before;
  return TRUE;
}
