/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Legal holds: a case on hold keeps its images whatever the retention periods say. */
#include "config.h"

#include "casework/lk-case-status-private.h"
#include "governance/lk-retention-private.h"
#include "lk-error.h"
#include "lk-util.h"
#include "store/lk-audit.h"
#include "store/lk-store-private.h"

char *
lk_retention_case_hold (LkStore  *store,
                        gint64    case_id,
                        GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT reason FROM retention_holds WHERE case_id = ?"
                          " AND released_at IS NULL ORDER BY id LIMIT 1", error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, case_id);
  if (!lk_stmt_next (stmt, error))
    return NULL;
  return lk_stmt_dup_text (stmt, 0);
}

static gboolean
insert_hold (LkStore     *store,
             gint64       case_id,
             gint64       user_id,
             const char  *reason,
             GError     **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO retention_holds (case_id, reason, held_by, held_at)"
                          " VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, case_id);
  lk_stmt_bind_text (stmt, 2, reason);
  lk_stmt_bind_int64 (stmt, 3, user_id);
  lk_stmt_bind_text (stmt, 4, now);
  return lk_stmt_insert (stmt, error) > 0;
}

static gboolean
release_hold (LkStore     *store,
              gint64       case_id,
              gint64       user_id,
              const char  *reason,
              GError     **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "UPDATE retention_holds SET released_by = ?, released_at = ?,"
                          " release_reason = ? WHERE case_id = ? AND released_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, user_id);
  lk_stmt_bind_text (stmt, 2, now);
  lk_stmt_bind_text (stmt, 3, reason);
  lk_stmt_bind_int64 (stmt, 4, case_id);
  return lk_stmt_done (stmt, error);
}

/* Holds (@hold) or releases case @number, refusing a second hold and a release without one. */
static gboolean
change_hold (LkSession   *session,
             const char  *number,
             const char  *reason,
             gboolean     hold,
             GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  gint64 user_id = lk_session_get_user_id (session);
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *current = NULL;
  g_autoptr(GError) local = NULL;
  gint64 case_id;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session) && number != NULL, FALSE);

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error) ||
      !lk_require_text (reason, hold ? "A legal hold needs a reason"
                                     : "Releasing a legal hold needs a reason", error) ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      (case_id = lk_case_status_lookup (store, number, NULL, error)) == 0)
    return FALSE;
  current = lk_retention_case_hold (store, case_id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (hold == (current != NULL))
    {
      g_set_error (error, LK_ERROR, hold ? LK_ERROR_EXISTS : LK_ERROR_NOT_FOUND,
                   hold ? "Case %s is already on hold (%s)" : "Case %s is not on hold", number,
                   current);
      return FALSE;
    }
  json_object_set_string_member (details, "reason", reason);
  return (hold ? insert_hold (store, case_id, user_id, reason, error)
               : release_hold (store, case_id, user_id, reason, error)) &&
         lk_audit_append (store, &actor, hold ? "case.retention-hold" : "case.retention-release",
                          number, details, error) &&
         lk_txn_commit (txn, error);
}

gboolean
lk_retention_hold (LkSession   *session,
                   const char  *case_number,
                   const char  *reason,
                   GError     **error)
{
  return change_hold (session, case_number, reason, TRUE, error);
}

gboolean
lk_retention_release (LkSession   *session,
                      const char  *case_number,
                      const char  *reason,
                      GError     **error)
{
  return change_hold (session, case_number, reason, FALSE, error);
}
