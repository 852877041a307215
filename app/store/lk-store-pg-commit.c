/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Durable commits on a PostgreSQL server, outside the writers' lock. */
#include "config.h"

#include "lk-error.h"
#include "store/lk-store-pg-private.h"

/* With synchronous_commit on (the server's default) a write transaction's COMMIT waits for its
 * WAL to reach the disk while it still holds the writers' lock, so that workstations flush one
 * after another and never share a flush. Instead a write transaction commits without waiting
 * (SET LOCAL synchronous_commit = off: the lock is free at once) and the action then waits for
 * the flush in a transaction of its own that commits synchronously (a transactional logical
 * message, sent with the COMMIT: a transaction that wrote no WAL before its commit record would
 * not wait for the flush): its commit record follows the action's in the WAL, so once it is
 * flushed (and on a synchronous standby, as the server's setting asks) the action is too, and
 * the flushes of workstations that commit together are shared. No action is reported done
 * before that. A server whose synchronous_commit is off (the lab's choice) has nothing to wait
 * for. */

gboolean
lk_store_pg_read_flush_setting (LkStore  *self,
                                GError  **error)
{
  PGresult *result = PQexec (PG (self)->conn, "SHOW synchronous_commit");
  gboolean ok = PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1;

  if (ok)
    PG (self)->wait_flush = !g_str_equal (PQgetvalue (result, 0, 0), "off");
  else
    lk_store_pg_set_error (self, error, "Could not read the server's commit setting", result);
  PQclear (result);
  return ok;
}

/* Writes a WAL record (nothing reads it) and commits synchronously: returns once everything
 * before it is on disk. */
#define FLUSH_WAIT "SELECT pg_logical_emit_message (true, 'likeness', 'flushed')"

#define NOT_CONFIRMED "The action was saved but the server did not confirm that it reached its disk"

/* COMMIT, and with wait_flush the wait for its flush, in one round trip. */
gboolean
lk_store_pg_commit (LkStore  *self,
                    GError  **error)
{
  PGconn *conn = PG (self)->conn;
  gboolean wait = PG (self)->wait_flush;
  gboolean committed = FALSE;
  gboolean flushed = !wait;
  PGresult *failed = NULL; /* the first failure, read once every result is in (by then a
                            * lost connection is known as such) */
  gboolean failed_after_commit = FALSE;
  PGresult *result;

  if (!PQsendQuery (conn, wait ? "COMMIT; " FLUSH_WAIT : "COMMIT"))
    {
      lk_store_pg_set_error (self, error, "Could not commit", NULL);
      return FALSE;
    }
  for (int i = 0; (result = PQgetResult (conn)) != NULL; i++)
    {
      ExecStatusType status = PQresultStatus (result);

      if (i == 0 && status == PGRES_COMMAND_OK)
        committed = g_strcmp0 (PQcmdStatus (result), "COMMIT") == 0;
      else if (i == 1 && status == PGRES_TUPLES_OK)
        flushed = TRUE;
      else if (failed == NULL)
        {
          failed = g_steal_pointer (&result);
          failed_after_commit = committed;
        }
      g_clear_pointer (&result, PQclear);
    }
  if (failed != NULL)
    {
      lk_store_pg_set_error (self, error,
                             failed_after_commit ? NOT_CONFIRMED : "Could not commit", failed);
      PQclear (failed);
      return FALSE;
    }
  if (committed && flushed)
    return TRUE;
  /* COMMIT of a failed transaction answers ROLLBACK. */
  if (!committed)
    g_set_error (error, LK_ERROR, LK_ERROR_DATABASE,
                 "Could not commit: an earlier step of the action failed (%s)", self->path);
  else
    g_set_error (error, LK_ERROR, LK_ERROR_DATABASE, NOT_CONFIRMED " (%s)", self->path);
  return FALSE;
}

/* After a statement that was its own transaction and committed without waiting (an audit
 * event alone): waits for its flush. */
gboolean
lk_store_pg_wait_durable (LkStore  *self,
                          GError  **error)
{
  PGresult *result;
  gboolean ok;

  if (!PG (self)->wait_flush)
    return TRUE;
  result = PQexec (PG (self)->conn, FLUSH_WAIT);
  ok = PQresultStatus (result) == PGRES_TUPLES_OK;
  if (!ok)
    lk_store_pg_set_error (self, error, NOT_CONFIRMED, result);
  PQclear (result);
  return ok;
}
