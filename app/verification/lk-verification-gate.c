/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "verification/lk-verification-gate-private.h"

#include "lk-error.h"

LkRoles
lk_verification_worker_role (const char *purpose)
{
  return g_strcmp0 (purpose, "verification") == 0 ? LK_ROLE_REVIEWER : LK_ROLE_EXAMINER;
}

gboolean
lk_verification_check_work_open (LkStore     *store,
                                 gint64       examination_id,
                                 const char  *purpose,
                                 gint64       user_id,
                                 GError     **error)
{
  g_autoptr(LkStmt) stmt = NULL;

  if (g_strcmp0 (purpose, "verification") != 0)
    return TRUE;
  stmt = lk_store_stmt (store, "SELECT 1 FROM verifications WHERE review_examination_id = ?"
                               " AND reviewer_id = ? AND state = 'assigned'", error);
  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, examination_id);
  lk_stmt_bind_int64 (stmt, 2, user_id);
  if (lk_stmt_next (stmt, error))
    return TRUE;
  if (!lk_stmt_failed (stmt))
    g_set_error (error, LK_ERROR, LK_ERROR_REFUSED,
                 "Examination %" G_GINT64_FORMAT " is a verification that is no longer open to "
                 "you (completed, or assigned to another reviewer)", examination_id);
  return FALSE;
}

/* A blind verification of @user_id on @probe_id whose reviewer's own conclusion is unsigned;
 * @probe_id 0: on any probe. */
static gint64
blind_candidate (LkStore  *store,
                 gint64    user_id,
                 gint64    probe_id,
                 gint64   *verification_id,
                 GError  **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT v.id, e.candidate_id FROM verifications v"
                          " JOIN examinations e ON e.id = v.examination_id"
                          " WHERE v.reviewer_id = ?1 AND v.blind = 1 AND v.state = 'assigned'"
                          " AND (?2 = 0 OR e.probe_id = ?2)"
                          " AND NOT EXISTS (SELECT 1 FROM conclusions c"
                          "   WHERE c.examination_id = v.review_examination_id)"
                          " ORDER BY v.id LIMIT 1", error);

  if (stmt == NULL)
    return -1;
  lk_stmt_bind_int64 (stmt, 1, user_id);
  lk_stmt_bind_int64 (stmt, 2, probe_id);
  if (!lk_stmt_next (stmt, error))
    return lk_stmt_failed (stmt) ? -1 : 0;
  if (verification_id != NULL)
    *verification_id = lk_stmt_int64 (stmt, 0);
  return lk_stmt_int64 (stmt, 1);
}

gint64
lk_verification_blind_candidate (LkStore  *store,
                                 gint64    user_id,
                                 gint64    probe_id,
                                 GError  **error)
{
  return blind_candidate (store, user_id, probe_id, NULL, error);
}

static gboolean
refuse_blind (gint64       verification_id,
              const char  *what,
              GError     **error)
{
  g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED,
               "Blind verification %" G_GINT64_FORMAT ": %s: hidden from you until you "
               "sign your own conclusion", verification_id, what);
  return FALSE;
}

gboolean
lk_verification_require_unblinded (LkStore     *store,
                                   gint64       user_id,
                                   gint64       probe_id,
                                   gint64       candidate_id,
                                   const char  *what,
                                   GError     **error)
{
  gint64 verification_id = 0;
  gint64 open = blind_candidate (store, user_id, probe_id, &verification_id, error);

  if (open < 0)
    return FALSE;
  if (open == 0 || (candidate_id != 0 && open == candidate_id))
    return TRUE;
  return refuse_blind (verification_id, what, error);
}

gboolean
lk_verification_require_no_blind_work (LkStore     *store,
                                       gint64       user_id,
                                       const char  *what,
                                       GError     **error)
{
  gint64 verification_id = 0;
  gint64 open = blind_candidate (store, user_id, 0, &verification_id, error);

  if (open < 0)
    return FALSE;
  return open == 0 || refuse_blind (verification_id, what, error);
}

/* Examinations of the case whose latest conclusion has no countersignature or final decision
 * on that very revision. */
gboolean
lk_verification_check_case_verified (LkStore  *store,
                                     gint64    case_id,
                                     GError  **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT e.id, k.subject_ref FROM examinations e"
                          " JOIN probes p ON p.id = e.probe_id"
                          " JOIN candidates k ON k.id = e.candidate_id"
                          " JOIN conclusions c ON c.examination_id = e.id"
                          " WHERE p.case_id = ? AND e.purpose = 'examination'"
                          " AND c.revision = (SELECT max (revision) FROM conclusions"
                          "                   WHERE examination_id = e.id)"
                          " AND NOT EXISTS (SELECT 1 FROM verifications v"
                          "   WHERE v.conclusion_id = c.id"
                          "   AND v.state IN ('countersigned', 'not-confirmed'))"
                          " ORDER BY e.id LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, case_id);
  if (!lk_stmt_next (stmt, error))
    return !lk_stmt_failed (stmt);
  g_set_error (error, LK_ERROR, LK_ERROR_REFUSED,
               "The case cannot close: the conclusion of examination %" G_GINT64_FORMAT
               " (candidate %s) is not countersigned by a reviewer", lk_stmt_int64 (stmt, 0),
               lk_stmt_text (stmt, 1));
  return FALSE;
}

gboolean
lk_verification_require_lead (LkStore  *store,
                              gint64    examination_id,
                              GError  **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT 1 FROM verifications v JOIN conclusions c"
                          " ON c.id = v.conclusion_id WHERE v.examination_id = ?1"
                          " AND v.state = 'countersigned'"
                          " AND c.revision = (SELECT max (revision) FROM conclusions"
                          "                   WHERE examination_id = ?1)", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, examination_id);
  if (lk_stmt_next (stmt, error))
    return TRUE;
  if (!lk_stmt_failed (stmt))
    g_set_error (error, LK_ERROR, LK_ERROR_REFUSED,
                 "The conclusion of examination %" G_GINT64_FORMAT " is not countersigned: "
                 "nothing leaves as a lead before a second competent person verifies it",
                 examination_id);
  return FALSE;
}

gboolean
lk_verification_check_not_in_review (LkStore  *store,
                                     gint64    examination_id,
                                     GError  **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT id FROM verifications WHERE examination_id = ?"
                          " AND state IN ('queued', 'assigned', 'consultation')", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, examination_id);
  if (!lk_stmt_next (stmt, error))
    return !lk_stmt_failed (stmt);
  g_set_error (error, LK_ERROR, LK_ERROR_REFUSED,
               "Examination %" G_GINT64_FORMAT " is with verification %" G_GINT64_FORMAT
               "; its conclusion changes only if the reviewer returns it", examination_id,
               lk_stmt_int64 (stmt, 0));
  return FALSE;
}
