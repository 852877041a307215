/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "verification/lk-verifications-private.h"

#include "casework/lk-case-status-private.h"
#include "governance/lk-feature-lists.h"
#include "governance/lk-policy.h"
#include "lk-error.h"
#include "lk-util.h"
#include "people/lk-roles.h"
#include "verification/lk-competency.h"
#include "verification/lk-verification-gate-private.h"

static const char * const resolutions[] = { "return", "consult", "third-reviewer", "final", NULL };

const char * const *
lk_verification_resolutions (void)
{
  return resolutions;
}

/* ---- shared -------------------------------------------------------------------------------- */

void
lk_verification_row_clear (LkVerificationRow *row)
{
  g_clear_object (&row->record);
  g_clear_pointer (&row->case_status, g_free);
}

gboolean
lk_verification_row_read (LkStore            *store,
                          gint64              verification_id,
                          gint64              viewer_id,
                          LkVerificationRow  *row,
                          GError            **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT " LK_VERIFICATION_COLUMNS ", p.case_id, c.status,"
                          " v.conclusion_id" LK_VERIFICATION_FROM " WHERE v.id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, verification_id);
  if (!lk_stmt_row (stmt, error, "There is no verification %" G_GINT64_FORMAT, verification_id))
    return FALSE;
  row->record = lk_verification_from_row (stmt, viewer_id);
  row->case_id = lk_stmt_int64 (stmt, 21);
  row->case_status = lk_stmt_dup_text (stmt, 22);
  row->conclusion_id = lk_stmt_int64 (stmt, 23);
  return TRUE;
}

gboolean
lk_verification_check_viewer (LkSession       *session,
                              LkVerification  *record,
                              GError         **error)
{
  gint64 me = lk_session_get_user_id (session);

  if (me == lk_verification_reviewer_id (record) || me == lk_verification_examiner_id (record) ||
      lk_session_has_role (session, LK_ROLE_ADMINISTRATOR))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED,
               "Permission denied: verification %" G_GINT64_FORMAT " is open to its reviewer, "
               "the examiner and administrators", lk_verification_get_id (record));
  return FALSE;
}

gboolean
lk_verification_move_case (LkStore        *store,
                           const LkActor  *actor,
                           gint64          user_id,
                           gint64          case_id,
                           const char     *from,
                           const char     *to,
                           const char     *reason,
                           GError        **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT number, status FROM cases WHERE id = ?",
                                          error);
  g_autofree char *number = NULL;

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, case_id);
  if (!lk_stmt_row (stmt, error, "There is no case %" G_GINT64_FORMAT, case_id))
    return FALSE;
  if (!g_str_equal (lk_stmt_text (stmt, 1), from))
    return TRUE;
  number = lk_stmt_dup_text (stmt, 0);
  g_clear_pointer (&stmt, lk_stmt_release);
  return lk_case_status_set (store, actor, user_id, case_id, number, to, reason, error);
}

gboolean
lk_verification_close_if_done (LkStore        *store,
                               const LkActor  *actor,
                               gint64          user_id,
                               gint64          case_id,
                               GError        **error)
{
  g_autoptr(GError) local = NULL;

  if (!lk_verification_check_case_verified (store, case_id, &local))
    {
      if (g_error_matches (local, LK_ERROR, LK_ERROR_REFUSED))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return lk_verification_move_case (store, actor, user_id, case_id, "verification", "closed",
                                    "every conclusion verified and countersigned", error);
}

/* ---- submitting ---------------------------------------------------------------------------- */

typedef struct
{
  gint64    examiner_id;
  char     *purpose;
  gint64    case_id;
  char     *case_number;
  char     *case_status;
  gint64    conclusion_id;  /* the latest revision */
  gboolean  not_suitable;
  int       ordinal;
} Submission;

static void
submission_clear (Submission *s)
{
  g_clear_pointer (&s->purpose, g_free);
  g_clear_pointer (&s->case_number, g_free);
  g_clear_pointer (&s->case_status, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Submission, submission_clear)

static gboolean
read_submission (LkStore     *store,
                 gint64       examination_id,
                 Submission  *s,
                 GError     **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT e.examiner_id, e.purpose, p.case_id, c.number, c.status,"
                          " x.id, x.outcome, x.ordinal FROM examinations e"
                          " JOIN probes p ON p.id = e.probe_id JOIN cases c ON c.id = p.case_id"
                          " LEFT JOIN conclusions x ON x.examination_id = e.id AND x.revision ="
                          "   (SELECT max (revision) FROM conclusions WHERE examination_id = e.id)"
                          " WHERE e.id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, examination_id);
  if (!lk_stmt_row (stmt, error, "There is no examination %" G_GINT64_FORMAT, examination_id))
    return FALSE;
  s->examiner_id = lk_stmt_int64 (stmt, 0);
  s->purpose = lk_stmt_dup_text (stmt, 1);
  s->case_id = lk_stmt_int64 (stmt, 2);
  s->case_number = lk_stmt_dup_text (stmt, 3);
  s->case_status = lk_stmt_dup_text (stmt, 4);
  s->conclusion_id = lk_stmt_int64 (stmt, 5);
  s->not_suitable = g_strcmp0 (lk_stmt_text (stmt, 6), "not-suitable") == 0;
  s->ordinal = lk_stmt_int (stmt, 7);
  return TRUE;
}

static gboolean
check_submittable (LkSession         *session,
                   gint64             examination_id,
                   const Submission  *s,
                   GError           **error)
{
  if (!g_str_equal (s->purpose, "examination"))
    g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "Examination %" G_GINT64_FORMAT " is a "
                 "reviewer's own examination; its conclusion is part of a verification",
                 examination_id);
  else if (s->examiner_id != lk_session_get_user_id (session))
    g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED, "Permission denied: only the "
                 "examiner of examination %" G_GINT64_FORMAT " submits it", examination_id);
  else if (s->conclusion_id == 0)
    g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "Examination %" G_GINT64_FORMAT " has no "
                 "signed conclusion yet: sign one before submitting it", examination_id);
  else if (!g_str_equal (s->case_status, "examination") &&
           !g_str_equal (s->case_status, "analysis"))
    g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "Case %s is %s; work is submitted for "
                 "verification while a case is in analysis or examination", s->case_number,
                 s->case_status);
  else
    return TRUE;
  return FALSE;
}

/* The earlier verifications of the examination: refuses while one is open, once the latest
 * conclusion is verified, and after a return until the conclusion is amended. Fills the
 * reviewer and examination of a return, to send the next round back to them. */
static gboolean
check_history (LkStore           *store,
               gint64             examination_id,
               const Submission  *s,
               gint64            *returned_to,
               gint64            *review_examination_id,
               GError           **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT id, state, conclusion_id, reviewer_id, review_examination_id"
                          " FROM verifications WHERE examination_id = ? ORDER BY id", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, examination_id);
  while (lk_stmt_next (stmt, error))
    {
      const char *state = lk_stmt_text (stmt, 1);
      gboolean same = lk_stmt_int64 (stmt, 2) == s->conclusion_id;

      if (g_strv_contains ((const char *[]) { "queued", "assigned", "consultation", NULL },
                           state))
        g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "Examination %" G_GINT64_FORMAT " is "
                     "already with verification %" G_GINT64_FORMAT, examination_id,
                     lk_stmt_int64 (stmt, 0));
      else if (same && !g_str_equal (state, "returned") && !g_str_equal (state, "referred"))
        g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "The conclusion of examination %"
                     G_GINT64_FORMAT " was verified already (verification %" G_GINT64_FORMAT
                     ")", examination_id, lk_stmt_int64 (stmt, 0));
      else if (same && g_str_equal (state, "returned"))
        g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "Verification %" G_GINT64_FORMAT
                     " returned this conclusion: reopen the examination, then amend the "
                     "conclusion before submitting it again", lk_stmt_int64 (stmt, 0));
      else
        {
          if (g_str_equal (state, "returned"))
            {
              *returned_to = lk_stmt_int64 (stmt, 3);
              *review_examination_id = lk_stmt_int64 (stmt, 4);
            }
          continue;
        }
      return FALSE;
    }
  return !lk_stmt_failed (stmt);
}

/* The side of the scale a conclusion falls on, as policy blind_verification_levels names it. */
static const char *
side_of (const Submission *s)
{
  if (s->not_suitable)
    return "not-suitable";
  return s->ordinal > 0 ? "supports-same" : s->ordinal < 0 ? "supports-different" : "neutral";
}

static gint64
insert_verification (LkStore           *store,
                     gint64             examination_id,
                     const Submission  *s,
                     gboolean           blind,
                     gint64             reviewer_id,
                     gint64             review_examination_id,
                     GError           **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO verifications (examination_id, conclusion_id, stage,"
                          " blind, submitted_by, submitted_at, reviewer_id, assigned_at,"
                          " review_examination_id, state)"
                          " VALUES (?, ?, 'review', ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_int64 (stmt, 1, examination_id);
  lk_stmt_bind_int64 (stmt, 2, s->conclusion_id);
  lk_stmt_bind_int (stmt, 3, blind);
  lk_stmt_bind_int64 (stmt, 4, s->examiner_id);
  lk_stmt_bind_text (stmt, 5, now);
  if (reviewer_id != 0)
    {
      lk_stmt_bind_int64 (stmt, 6, reviewer_id);
      lk_stmt_bind_text (stmt, 7, now);
    }
  if (review_examination_id != 0)
    lk_stmt_bind_int64 (stmt, 8, review_examination_id);
  lk_stmt_bind_text (stmt, 9, reviewer_id != 0 ? "assigned" : "queued");
  return lk_stmt_insert (stmt, error);
}

/* Retained candidates of the case whose examination's latest conclusion is not with, or past,
 * a verification. */
static gint64
count_unsubmitted (LkStore  *store,
                   gint64    case_id,
                   GError  **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT count (*) FROM candidates k"
                          " JOIN candidate_lists l ON l.id = k.list_id"
                          " JOIN probes p ON p.id = l.probe_id"
                          " WHERE p.case_id = ? AND k.triage_state = 'retained'"
                          " AND NOT EXISTS (SELECT 1 FROM examinations e"
                          "   JOIN verifications v ON v.examination_id = e.id"
                          "   WHERE e.candidate_id = k.id AND e.purpose = 'examination'"
                          "   AND v.state <> 'returned' AND v.conclusion_id ="
                          "   (SELECT id FROM conclusions WHERE examination_id = e.id"
                          "    ORDER BY revision DESC LIMIT 1))", error);

  if (stmt == NULL)
    return -1;
  lk_stmt_bind_int64 (stmt, 1, case_id);
  if (!lk_stmt_row (stmt, error, "The case could not be counted"))
    return -1;
  return lk_stmt_int64 (stmt, 0);
}

static JsonObject *
submitted_details (gint64             examination_id,
                   const Submission  *s,
                   gboolean           blind,
                   gint64             returned_to)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "examination", examination_id);
  json_object_set_int_member (o, "conclusion", s->conclusion_id);
  json_object_set_boolean_member (o, "blind", blind);
  json_object_set_string_member (o, "review", blind ? "blind" : "open review");
  if (returned_to != 0)
    json_object_set_int_member (o, "back_to_reviewer", returned_to);
  return o;
}

gint64
lk_verifications_submit (LkSession  *session,
                         gint64      examination_id,
                         GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(Submission) s = { 0 };
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *object = NULL;
  gint64 returned_to = 0, review_exam = 0, id, left;
  gboolean blind;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), 0);

  if (!lk_session_require (session, LK_ROLE_EXAMINER, &actor, error) ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      !read_submission (store, examination_id, &s, error) ||
      !check_submittable (session, examination_id, &s, error) ||
      !check_history (store, examination_id, &s, &returned_to, &review_exam, error))
    return 0;
  if (!lk_policy_list_contains (store, "blind_verification_levels", side_of (&s), &blind,
                                error) ||
      (id = insert_verification (store, examination_id, &s, blind, returned_to, review_exam,
                                 error)) == 0)
    return 0;
  object = lk_object_name ("verification", id);
  details = submitted_details (examination_id, &s, blind, returned_to);
  if (!lk_audit_append (store, &actor, "verification.submitted", object, details, error) ||
      (left = count_unsubmitted (store, s.case_id, error)) < 0 ||
      (left == 0 &&
       !lk_verification_move_case (store, &actor, lk_session_get_user_id (session), s.case_id,
                                   "examination", "verification",
                                   "every retained candidate submitted for verification",
                                   error)) ||
      !lk_txn_commit (txn, error))
    return 0;
  return id;
}

/* ---- reviewers ----------------------------------------------------------------------------- */

/* Never one who examined the case, never without the reviewer role or a current reviewer
 * competency record; a third reviewer is neither the examiner nor the first reviewer. */
static gboolean
check_reviewer (LkStore                  *store,
                const LkVerificationRow  *row,
                gint64                    reviewer_id,
                GError                  **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT u.name, u.roles, u.disabled,"
                          " EXISTS (SELECT 1 FROM examinations e JOIN probes p ON p.id = e.probe_id"
                          "   WHERE p.case_id = ?2 AND e.examiner_id = u.id"
                          "   AND e.purpose = 'examination')"
                          "  OR EXISTS (SELECT 1 FROM cases WHERE id = ?2 AND examiner_id = u.id),"
                          " EXISTS (SELECT 1 FROM verifications w WHERE w.id = ?3"
                          "   AND w.reviewer_id = u.id)"
                          " FROM users u WHERE u.id = ?1", error);
  g_autofree char *name = NULL;

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, reviewer_id);
  lk_stmt_bind_int64 (stmt, 2, row->case_id);
  lk_stmt_bind_int64 (stmt, 3, lk_verification_get_resolves (row->record));
  if (!lk_stmt_row (stmt, error, "There is no such user"))
    return FALSE;
  name = lk_stmt_dup_text (stmt, 0);
  if ((lk_stmt_int64 (stmt, 1) & LK_ROLE_REVIEWER) == 0 || lk_stmt_int (stmt, 2) != 0)
    g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED, "%s cannot verify: the account "
                 "%s", name, lk_stmt_int (stmt, 2) ? "is disabled" : "lacks the Reviewer role");
  else if (lk_stmt_int (stmt, 3) != 0)
    g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED, "%s cannot verify case %s: they "
                 "examined it, and nobody verifies their own case", name,
                 lk_verification_get_case_number (row->record));
  else if (lk_stmt_int (stmt, 4) != 0)
    g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED, "%s cannot be the third reviewer: "
                 "they gave one of the opinions in dispute", name);
  else
    {
      g_clear_pointer (&stmt, lk_stmt_release);
      return lk_competencies_check (store, name, "reviewer", error);
    }
  return FALSE;
}

static gboolean
set_reviewer (LkStore        *store,
              const LkActor  *actor,
              gint64          verification_id,
              gint64          reviewer_id,
              const char     *reviewer,
              gint64          assigned_by,
              GError        **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autofree char *object = lk_object_name ("verification", verification_id);
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "UPDATE verifications SET reviewer_id = ?, assigned_by = ?,"
                          " assigned_at = ?, state = 'assigned' WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, reviewer_id);
  lk_stmt_bind_int64 (stmt, 2, assigned_by);
  lk_stmt_bind_text (stmt, 3, now);
  lk_stmt_bind_int64 (stmt, 4, verification_id);
  if (!lk_stmt_done (stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, lk_stmt_release);
  json_object_set_string_member (details, "reviewer", reviewer);
  return lk_audit_append (store, actor, "verification.assigned", object, details, error);
}

static gint64
user_id_of (LkStore     *store,
            const char  *name,
            GError     **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT id FROM users WHERE name = ?", error);

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_text (stmt, 1, name ? name : "");
  if (!lk_stmt_row (stmt, error, "There is no user %s", name ? name : "(none)"))
    return 0;
  return lk_stmt_int64 (stmt, 0);
}

gboolean
lk_verifications_assign (LkSession   *session,
                         gint64       verification_id,
                         const char  *reviewer,
                         GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(LkVerificationRow) row = { 0 };
  g_autoptr(LkTxn) txn = NULL;
  gint64 reviewer_id;
  const char *state;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error) ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      !lk_verification_row_read (store, verification_id, 0, &row, error) ||
      (reviewer_id = user_id_of (store, reviewer, error)) == 0)
    return FALSE;
  state = lk_verification_get_state (row.record);
  if (!g_str_equal (state, "queued") &&
      !(g_str_equal (state, "assigned") &&
        lk_verification_get_review_examination_id (row.record) == 0))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "Verification %" G_GINT64_FORMAT " is "
                   "%s; only a queued one, or one its reviewer has not opened, is assigned",
                   verification_id, lk_verification_get_state_label (row.record));
      return FALSE;
    }
  return check_reviewer (store, &row, reviewer_id, error) &&
         set_reviewer (store, &actor, verification_id, reviewer_id, reviewer,
                       lk_session_get_user_id (session), error) &&
         lk_txn_commit (txn, error);
}

gboolean
lk_verifications_take (LkSession  *session,
                       gint64      verification_id,
                       GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(LkVerificationRow) row = { 0 };
  g_autoptr(LkTxn) txn = NULL;
  gint64 me = lk_session_get_user_id (session);
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  if (!lk_session_require (session, LK_ROLE_REVIEWER, &actor, error) ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      !lk_verification_row_read (store, verification_id, me, &row, error))
    return FALSE;
  if (!g_str_equal (lk_verification_get_state (row.record), "queued"))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "Verification %" G_GINT64_FORMAT " is "
                   "not in the queue (%s)", verification_id,
                   lk_verification_get_state_label (row.record));
      return FALSE;
    }
  return check_reviewer (store, &row, me, error) &&
         set_reviewer (store, &actor, verification_id, me, lk_session_get_user_name (session), me,
                       error) &&
         lk_txn_commit (txn, error);
}

/* ---- lists --------------------------------------------------------------------------------- */

static const char *
filter_clause (LkVerificationsFilter filter)
{
  switch (filter)
    {
    case LK_VERIFICATIONS_QUEUE:
      return " WHERE v.state = 'queued' AND e.examiner_id <> ?1"
             " AND NOT EXISTS (SELECT 1 FROM examinations o JOIN probes q ON q.id = o.probe_id"
             "   WHERE q.case_id = p.case_id AND o.examiner_id = ?1"
             "   AND o.purpose = 'examination')"
             " AND NOT EXISTS (SELECT 1 FROM verifications w WHERE w.id = v.resolves"
             "   AND w.reviewer_id = ?1)";
    case LK_VERIFICATIONS_MINE:
      return " WHERE v.reviewer_id = ?1";
    case LK_VERIFICATIONS_SUBMITTED:
      return " WHERE e.examiner_id = ?1";
    case LK_VERIFICATIONS_ALL:
    default:
      return " WHERE ?1 = ?1";
    }
}

static LkRoles
filter_roles (LkVerificationsFilter filter)
{
  switch (filter)
    {
    case LK_VERIFICATIONS_QUEUE:
      return LK_ROLE_REVIEWER | LK_ROLE_ADMINISTRATOR;
    case LK_VERIFICATIONS_MINE:
      return LK_ROLE_REVIEWER;
    case LK_VERIFICATIONS_SUBMITTED:
      return LK_ROLE_EXAMINER;
    case LK_VERIFICATIONS_ALL:
    default:
      return LK_ROLE_ADMINISTRATOR;
    }
}

static GListModel *
read_list (LkStore     *store,
           const char  *where,
           gint64       arg,
           gint64       viewer_id,
           GError     **error)
{
  g_autoptr(GListStore) list = g_list_store_new (LK_TYPE_VERIFICATION);
  g_autofree char *sql =
    g_strconcat ("SELECT " LK_VERIFICATION_SELECT, where,
                 " ORDER BY v.state IN ('countersigned', 'returned', 'referred', 'not-confirmed'),"
                 " v.id DESC", NULL);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, arg);
  while (lk_stmt_next (stmt, error))
    {
      g_autoptr(LkVerification) v = lk_verification_from_row (stmt, viewer_id);

      g_list_store_append (list, v);
    }
  if (lk_stmt_failed (stmt))
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&list));
}

GListModel *
lk_verifications_list (LkSession              *session,
                       LkVerificationsFilter   filter,
                       GError                **error)
{
  gint64 me = lk_session_get_user_id (session);
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if (!lk_session_require (session, filter_roles (filter), &actor, error))
    return NULL;
  return read_list (lk_session_get_store (session), filter_clause (filter), me, me, error);
}

LkVerification *
lk_verifications_get (LkSession  *session,
                      gint64      verification_id,
                      GError    **error)
{
  g_auto(LkVerificationRow) row = { 0 };
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if (!lk_session_require (session, LK_CASEWORK_ROLES, &actor, error) ||
      !lk_verification_row_read (lk_session_get_store (session), verification_id,
                                 lk_session_get_user_id (session), &row, error) ||
      !lk_verification_check_viewer (session, row.record, error))
    return NULL;
  return g_steal_pointer (&row.record);
}

GListModel *
lk_verifications_for_examination (LkSession  *session,
                                  gint64      examination_id,
                                  GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  gint64 me = lk_session_get_user_id (session);
  g_autoptr(GListModel) list = NULL;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if (!lk_session_require (session, LK_CASEWORK_ROLES, &actor, error) ||
      (list = read_list (store, " WHERE v.examination_id = ?1", examination_id, me,
                         error)) == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(LkVerification) v = g_list_model_get_item (list, i);

      if (!lk_verification_require_unblinded (store, me, lk_verification_get_probe_id (v), 0,
                                              "the verifications of the first examiner's work",
                                              error))
        return NULL;
    }
  return g_steal_pointer (&list);
}

/* ---- the reviewer's own examination -------------------------------------------------------- */

static gint64
insert_review_examination (LkStore                  *store,
                           const LkVerificationRow  *row,
                           gint64                    reviewer_id,
                           GError                  **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autofree char *edition = NULL;
  g_autoptr(LkStmt) stmt = NULL;

  if ((edition = lk_feature_lists_current_edition (store, error)) == NULL)
    return 0;
  stmt = lk_store_stmt (store, "INSERT INTO examinations (candidate_id, probe_id, examiner_id,"
                               " purpose, blind, feature_list, candidate_width, candidate_height,"
                               " started_at, updated_at) SELECT candidate_id, probe_id, ?,"
                               " 'verification', ?, ?, candidate_width, candidate_height, ?, ?"
                               " FROM examinations WHERE id = ?", error);
  if (stmt == NULL)
    return 0;
  lk_stmt_bind_int64 (stmt, 1, reviewer_id);
  lk_stmt_bind_int (stmt, 2, lk_verification_get_blind (row->record));
  lk_stmt_bind_text (stmt, 3, edition);
  lk_stmt_bind_text (stmt, 4, now);
  lk_stmt_bind_text (stmt, 5, now);
  lk_stmt_bind_int64 (stmt, 6, lk_verification_get_examination_id (row->record));
  return lk_stmt_insert_unique (stmt, error, "You examined this candidate for another "
                                "verification already");
}

static gboolean
link_review_examination (LkStore  *store,
                         gint64    verification_id,
                         gint64    examination_id,
                         GError  **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "UPDATE verifications SET review_examination_id = ? WHERE id = ?",
                   error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, examination_id);
  lk_stmt_bind_int64 (stmt, 2, verification_id);
  return lk_stmt_done (stmt, error);
}

static JsonObject *
review_opened_details (const LkVerificationRow *row)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "candidate", lk_verification_get_candidate_id (row->record));
  json_object_set_int_member (o, "probe", lk_verification_get_probe_id (row->record));
  json_object_set_string_member (o, "purpose", "verification");
  json_object_set_int_member (o, "verification", lk_verification_get_id (row->record));
  json_object_set_boolean_member (o, "blind", lk_verification_get_blind (row->record));
  return o;
}

gint64
lk_verifications_open (LkSession  *session,
                       gint64      verification_id,
                       GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(LkVerificationRow) row = { 0 };
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *object = NULL;
  gint64 me = lk_session_get_user_id (session), id;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), 0);

  if (!lk_session_require (session, LK_ROLE_REVIEWER, &actor, error) ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      !lk_verification_row_read (store, verification_id, me, &row, error))
    return 0;
  if (lk_verification_reviewer_id (row.record) != me ||
      !g_str_equal (lk_verification_get_state (row.record), "assigned"))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED, "Verification %" G_GINT64_FORMAT
                   " is not assigned to you, or it is complete (%s)", verification_id,
                   lk_verification_get_state_label (row.record));
      return 0;
    }
  if ((id = lk_verification_get_review_examination_id (row.record)) != 0)
    return id;
  if ((id = insert_review_examination (store, &row, me, error)) == 0 ||
      !link_review_examination (store, verification_id, id, error))
    return 0;
  object = lk_object_name ("examination", id);
  details = review_opened_details (&row);
  return lk_audit_append (store, &actor, "examination.opened", object, details, error) &&
         lk_txn_commit (txn, error) ? id : 0;
}
