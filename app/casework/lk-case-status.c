/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Where a case stands, read and changed inside the caller's transaction: what probes,
 * candidates and examinations check before they act, below the case records themselves. */
#include "config.h"

#include "casework/lk-case-status-private.h"
#include "store/lk-store-private.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

gint64
lk_case_status_lookup (LkStore     *store,
                       const char  *number,
                       char       **status,
                       GError     **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT id, status FROM cases WHERE number = ?",
                                          error);

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_text (stmt, 1, number);
  if (!lk_stmt_row (stmt, error, "There is no case numbered %s", number))
    return 0;
  if (status != NULL)
    *status = lk_stmt_dup_text (stmt, 1);
  return lk_stmt_int64 (stmt, 0);
}

gboolean
lk_case_status_set (LkStore        *store,
                    const LkActor  *actor,
                    gint64          user_id,
                    gint64          case_id,
                    const char     *number,
                    const char     *status,
                    const char     *reason,
                    GError        **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(LkStmt) update = lk_store_stmt (store, "UPDATE cases SET status = ? WHERE id = ?",
                                            error);
  g_autoptr(LkStmt) history = NULL;

  if (update == NULL)
    return FALSE;
  lk_stmt_bind_text (update, 1, status);
  lk_stmt_bind_int64 (update, 2, case_id);
  if (!lk_stmt_done (update, error))
    return FALSE;
  history = lk_store_stmt (store, "INSERT INTO case_status_history (case_id, status, at, user_id,"
                                  " reason) VALUES (?, ?, ?, ?, ?)", error);
  if (history == NULL)
    return FALSE;
  lk_stmt_bind_int64 (history, 1, case_id);
  lk_stmt_bind_text (history, 2, status);
  lk_stmt_bind_text (history, 3, now);
  lk_stmt_bind_int64 (history, 4, user_id);
  lk_stmt_bind_text (history, 5, reason != NULL ? reason : "");
  json_object_set_string_member (details, "status", status);
  json_object_set_string_member (details, "reason", reason != NULL ? reason : "");
  return lk_stmt_done (history, error) &&
         lk_audit_append (store, actor, "case.status-changed", number, details, error);
}
