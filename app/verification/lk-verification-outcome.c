/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Comparing the two opinions, and what the reviewer decides: countersign, or disagree with a
 * resolution; consultation notes; reopening a returned examination as a new revision. */
#include "config.h"

#include "verification/lk-verifications-private.h"

#include "examination/lk-examinations-private.h"
#include "governance/lk-policy.h"
#include "lk-error.h"
#include "lk-json.h"
#include "lk-util.h"
#include "people/lk-roles.h"
#include "verification/lk-competency.h"
#include "verification/lk-verification-comparison-private.h"
#include "verification/lk-verification-gate-private.h"

/* ---- the opinions -------------------------------------------------------------------------- */

typedef struct
{
  LkOpinion  opinion;
  gint64     id;
  char      *texts[4]; /* level, reasoning, limitations, observations */
} Signed;

static void
signed_clear (Signed *s)
{
  for (guint i = 0; i < G_N_ELEMENTS (s->texts); i++)
    g_clear_pointer (&s->texts[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Signed, signed_clear)

/* A conclusion by id, or (@conclusion_id 0) the latest of @examination_id; FALSE without an
 * error when there is none. */
static gboolean
read_signed (LkStore  *store,
             gint64    conclusion_id,
             gint64    examination_id,
             Signed   *s,
             GError  **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT id, outcome, coalesce (ordinal, 0), level_label, reasoning,"
                          " limitations, observations FROM conclusions"
                          " WHERE id = ?1 OR (?1 = 0 AND examination_id = ?2)"
                          " ORDER BY revision DESC LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, conclusion_id);
  lk_stmt_bind_int64 (stmt, 2, examination_id);
  if (!lk_stmt_next (stmt, error))
    return FALSE;
  s->id = lk_stmt_int64 (stmt, 0);
  s->opinion.not_suitable = g_str_equal (lk_stmt_text (stmt, 1), "not-suitable");
  s->opinion.ordinal = lk_stmt_int (stmt, 2);
  for (guint i = 0; i < G_N_ELEMENTS (s->texts); i++)
    s->texts[i] = lk_stmt_dup_text (stmt, 3 + i);
  s->opinion.level = s->texts[0];
  s->opinion.reasoning = s->texts[1];
  s->opinion.limitations = s->texts[2];
  s->opinion.observations = s->texts[3];
  return TRUE;
}

/* Builds the comparison; for a blind verification only once the reviewer signed. */
static LkVerificationComparison *
build_comparison (LkStore                  *store,
                  const LkVerificationRow  *row,
                  GError                  **error)
{
  g_auto(Signed) examiner = { 0 };
  g_auto(Signed) reviewer = { 0 };
  g_autofree char *rule = NULL;
  gint64 review = lk_verification_get_review_examination_id (row->record);
  gboolean has_reviewer;

  if ((rule = lk_policy_get_string (store, "verification_agreement", error)) == NULL)
    return NULL;
  if (!read_signed (store, row->conclusion_id, 0, &examiner, error))
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND, "The conclusion under verification is "
                     "missing");
      return NULL;
    }
  has_reviewer = review != 0 && read_signed (store, 0, review, &reviewer, error);
  if (error != NULL && *error != NULL)
    return NULL;
  if (!has_reviewer && lk_verification_get_blind (row->record))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "Blind verification %" G_GINT64_FORMAT
                   ": the opinions are compared once the reviewer's own conclusion is signed",
                   lk_verification_get_id (row->record));
      return NULL;
    }
  return lk_verification_comparison_new (&examiner.opinion,
                                         has_reviewer ? &reviewer.opinion : NULL, rule);
}

LkVerificationComparison *
lk_verifications_compare (LkSession  *session,
                          gint64      verification_id,
                          GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(LkVerificationRow) row = { 0 };
  g_autofree char *object = lk_object_name ("verification", verification_id);
  LkVerificationComparison *comparison;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if (!lk_session_require (session, LK_CASEWORK_ROLES, &actor, error) ||
      !lk_verification_row_read (store, verification_id, lk_session_get_user_id (session), &row,
                                 error) ||
      !lk_verification_check_viewer (session, row.record, error) ||
      (comparison = build_comparison (store, &row, error)) == NULL)
    return NULL;
  if (!lk_audit_record (store, &actor, "verification.compared", object, NULL, error))
    {
      g_object_unref (comparison);
      return NULL;
    }
  return comparison;
}

/* ---- signatures ---------------------------------------------------------------------------- */

char *
lk_verification_signature_sha256 (gint64       verification_id,
                                  gint64       conclusion_id,
                                  const char  *kind,
                                  const char  *resolution,
                                  const char  *note,
                                  const char  *signer,
                                  const char  *signed_at)
{
  g_autoptr(JsonObject) o = json_object_new ();
  g_autofree char *text = NULL;

  json_object_set_int_member (o, "verification", verification_id);
  json_object_set_int_member (o, "conclusion", conclusion_id);
  json_object_set_string_member (o, "kind", kind);
  json_object_set_string_member (o, "resolution", resolution);
  json_object_set_string_member (o, "note", note);
  json_object_set_string_member (o, "signed_by", signer);
  json_object_set_string_member (o, "signed_at", signed_at);
  text = lk_json_object_text (o);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static char *
insert_signature (LkStore                  *store,
                  const LkVerificationRow  *row,
                  LkSession                *session,
                  const char               *kind,
                  const char               *resolution,
                  const char               *note,
                  GError                  **error)
{
  g_autofree char *now = lk_now_utc ();
  gint64 id = lk_verification_get_id (row->record);
  g_autofree char *sha256 =
    lk_verification_signature_sha256 (id, row->conclusion_id, kind, resolution, note,
                                      lk_session_get_user_name (session), now);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO verification_signatures (verification_id, kind,"
                          " resolution, note, signed_by, signed_at, content_sha256)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, id);
  lk_stmt_bind_text (stmt, 2, kind);
  if (resolution != NULL)
    lk_stmt_bind_text (stmt, 3, resolution);
  lk_stmt_bind_text (stmt, 4, note);
  lk_stmt_bind_int64 (stmt, 5, lk_session_get_user_id (session));
  lk_stmt_bind_text (stmt, 6, now);
  lk_stmt_bind_text (stmt, 7, sha256);
  return lk_stmt_insert (stmt, error) != 0 ? g_steal_pointer (&sha256) : NULL;
}

static gboolean
set_state (LkStore     *store,
           gint64       verification_id,
           const char  *state,
           gboolean     final,
           GError     **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "UPDATE verifications SET state = ?, closed_at = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, state);
  if (final)
    lk_stmt_bind_text (stmt, 2, now);
  lk_stmt_bind_int64 (stmt, 3, verification_id);
  return lk_stmt_done (stmt, error);
}

static gint64
count_signatures (LkStore     *store,
                  gint64       verification_id,
                  const char  *kind,
                  gint64       user_id,
                  GError     **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT count (*), count (DISTINCT signed_by),"
                          " count (*) FILTER (WHERE signed_by = ?3) FROM verification_signatures"
                          " WHERE verification_id = ?1 AND kind = ?2", error);

  if (stmt == NULL)
    return -1;
  lk_stmt_bind_int64 (stmt, 1, verification_id);
  lk_stmt_bind_text (stmt, 2, kind);
  lk_stmt_bind_int64 (stmt, 3, user_id);
  if (!lk_stmt_row (stmt, error, "The signatures could not be counted"))
    return -1;
  return user_id != 0 ? lk_stmt_int64 (stmt, 2) : lk_stmt_int64 (stmt, 1);
}

/* The reviewer of an open verification, with a current reviewer competency record; for a
 * blind one, their own conclusion signed. Outside the transaction (it may audit a refusal). */
static gboolean
gate_reviewer (LkSession          *session,
               gint64              verification_id,
               LkActor            *actor,
               LkVerificationRow  *row,
               GError            **error)
{
  LkStore *store = lk_session_get_store (session);
  const char *state;

  if (!lk_session_require (session, LK_ROLE_REVIEWER, actor, error) ||
      !lk_verification_row_read (store, verification_id, lk_session_get_user_id (session), row,
                                 error))
    return FALSE;
  state = lk_verification_get_state (row->record);
  if (lk_verification_reviewer_id (row->record) != lk_session_get_user_id (session))
    g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED, "Permission denied: verification %"
                 G_GINT64_FORMAT " is not assigned to you", verification_id);
  else if (!g_str_equal (state, "assigned") && !g_str_equal (state, "consultation"))
    g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "Verification %" G_GINT64_FORMAT " is %s",
                 verification_id, lk_verification_get_state_label (row->record));
  else if (lk_verification_get_blind (row->record) &&
           !lk_verification_get_reviewer_signed (row->record))
    g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "Blind verification %" G_GINT64_FORMAT
                 ": sign your own conclusion of the probe and candidate first", verification_id);
  else
    return lk_competencies_check (store, lk_session_get_user_name (session), "reviewer", error);
  return FALSE;
}

/* After the checks and the password: the transaction that writes the decision, with the
 * verification read again inside it (it may have moved meanwhile). */
static LkTxn *
begin_decision (LkSession          *session,
                gint64              verification_id,
                LkVerificationRow  *row,
                GError            **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = lk_txn_begin (store, error);

  lk_verification_row_clear (row);
  if (txn == NULL ||
      !lk_verification_row_read (store, verification_id, lk_session_get_user_id (session), row,
                                 error))
    return NULL;
  return g_steal_pointer (&txn);
}

static gboolean
check_password (LkSession   *session,
                const char  *password,
                GError     **error)
{
  if (password != NULL)
    return lk_session_verify_password (session, password, error);
  g_set_error (error, LK_ERROR, LK_ERROR_AUTHENTICATION_FAILED,
               "Signing needs the signer's password");
  return FALSE;
}

static JsonObject *
outcome_details (const LkVerificationRow *row,
                 const char              *resolution,
                 const char              *note,
                 const char              *sha256)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "examination", lk_verification_get_examination_id (row->record));
  json_object_set_int_member (o, "conclusion", row->conclusion_id);
  json_object_set_string_member (o, "review", lk_verification_get_blind (row->record)
                                              ? "blind" : "open review");
  if (resolution != NULL)
    json_object_set_string_member (o, "resolution", resolution);
  json_object_set_string_member (o, "note", note);
  json_object_set_string_member (o, "sha256", sha256);
  return o;
}

/* ---- countersigning ------------------------------------------------------------------------ */

static gboolean
check_agreement (LkStore                  *store,
                 const LkVerificationRow  *row,
                 GError                  **error)
{
  g_autoptr(LkVerificationComparison) c = NULL;
  gint64 notes;

  if (g_str_equal (lk_verification_get_state (row->record), "consultation"))
    {
      /* A disagreement settled in consultation: both must have signed their note. */
      if ((notes = count_signatures (store, lk_verification_get_id (row->record),
                                     "consultation-note", 0, error)) < 0)
        return FALSE;
      if (notes >= 2)
        return TRUE;
      g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "The consultation needs a signed note from "
                   "both the examiner and the reviewer before it ends");
      return FALSE;
    }
  if ((c = build_comparison (store, row, error)) == NULL)
    return FALSE;
  if (lk_verification_comparison_get_reviewer_level (c) == NULL ||
      lk_verification_comparison_get_agrees (c))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "The two conclusions disagree under the lab's "
               "rule (%s): “%s” and “%s”. Record the disagreement and its resolution "
               "instead",
               lk_verification_comparison_get_rule (c),
               lk_verification_comparison_get_examiner_level (c),
               lk_verification_comparison_get_reviewer_level (c));
  return FALSE;
}

gboolean
lk_verifications_countersign (LkSession   *session,
                              gint64       verification_id,
                              const char  *note,
                              const char  *password,
                              GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(LkVerificationRow) row = { 0 };
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *object = lk_object_name ("verification", verification_id);
  g_autofree char *sha256 = NULL;
  g_autofree char *text = g_strstrip (g_strdup (note ? note : ""));
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  if (!gate_reviewer (session, verification_id, &actor, &row, error) ||
      !check_agreement (store, &row, error) || !check_password (session, password, error))
    return FALSE;
  if ((txn = begin_decision (session, verification_id, &row, error)) == NULL ||
      !check_agreement (store, &row, error) ||
      (sha256 = insert_signature (store, &row, session, "countersignature", NULL, text,
                                  error)) == NULL ||
      !set_state (store, verification_id, "countersigned", TRUE, error))
    return FALSE;
  details = outcome_details (&row, NULL, text, sha256);
  return lk_audit_append (store, &actor, "verification.countersigned", object, details, error) &&
         lk_verification_close_if_done (store, &actor, lk_session_get_user_id (session),
                                        row.case_id, error) &&
         lk_txn_commit (txn, error);
}

/* ---- disagreeing --------------------------------------------------------------------------- */

static gboolean
check_resolution (const LkVerificationRow  *row,
                  const char               *resolution,
                  const char               *note,
                  GError                  **error)
{
  gboolean third = g_str_equal (lk_verification_get_stage (row->record), "third-review");

  if (resolution == NULL || !g_strv_contains (lk_verification_resolutions (), resolution))
    g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "A disagreement is resolved by "
                 "return, consult or third-reviewer (a third reviewer: final)");
  else if (third && !g_str_equal (resolution, "final") && !g_str_equal (resolution, "return"))
    g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "A third reviewer's disagreement is "
                 "final (the conclusion is not confirmed) or returns the work to the examiner");
  else if (!third && g_str_equal (resolution, "final"))
    g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "Only a third reviewer's decision "
                 "is final; choose return, consult or third-reviewer");
  else if (g_str_equal (resolution, "consult") &&
           g_str_equal (lk_verification_get_state (row->record), "consultation"))
    g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The consultation is under way; "
                 "after it, return the work or refer it to a third reviewer");
  else if (lk_text_is_blank (note))
    g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "A disagreement needs a note for the "
                 "examiner: what differs and why");
  else
    return TRUE;
  return FALSE;
}

static gint64
insert_third_review (LkStore                  *store,
                     const LkVerificationRow  *row,
                     GError                  **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO verifications (examination_id, conclusion_id, stage,"
                          " resolves, blind, submitted_by, submitted_at, state)"
                          " SELECT examination_id, conclusion_id, 'third-review', id, 1, ?, ?,"
                          " 'queued' FROM verifications WHERE id = ?", error);

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_int64 (stmt, 1, lk_verification_reviewer_id (row->record));
  lk_stmt_bind_text (stmt, 2, now);
  lk_stmt_bind_int64 (stmt, 3, lk_verification_get_id (row->record));
  return lk_stmt_insert (stmt, error);
}

static gboolean
apply_resolution (LkStore                  *store,
                  const LkActor            *actor,
                  gint64                    user_id,
                  const LkVerificationRow  *row,
                  const char               *resolution,
                  JsonObject               *details,
                  GError                  **error)
{
  gint64 id = lk_verification_get_id (row->record), third;

  if (g_str_equal (resolution, "consult"))
    return set_state (store, id, "consultation", FALSE, error);
  if (g_str_equal (resolution, "return"))
    return set_state (store, id, "returned", TRUE, error) &&
           lk_verification_move_case (store, actor, user_id, row->case_id, "verification",
                                      "examination", "returned to the examiner by the reviewer",
                                      error);
  if (g_str_equal (resolution, "final"))
    return set_state (store, id, "not-confirmed", TRUE, error) &&
           lk_verification_close_if_done (store, actor, user_id, row->case_id, error);
  if (!set_state (store, id, "referred", TRUE, error) ||
      (third = insert_third_review (store, row, error)) == 0)
    return FALSE;
  json_object_set_int_member (details, "third_review", third);
  return TRUE;
}

gboolean
lk_verifications_disagree (LkSession   *session,
                           gint64       verification_id,
                           const char  *resolution,
                           const char  *note,
                           const char  *password,
                           GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(LkVerificationRow) row = { 0 };
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *object = lk_object_name ("verification", verification_id);
  g_autofree char *sha256 = NULL;
  g_autofree char *text = g_strstrip (g_strdup (note ? note : ""));
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  if (!gate_reviewer (session, verification_id, &actor, &row, error) ||
      !check_resolution (&row, resolution, text, error) ||
      !check_password (session, password, error))
    return FALSE;
  if ((txn = begin_decision (session, verification_id, &row, error)) == NULL ||
      !check_resolution (&row, resolution, text, error) ||
      (sha256 = insert_signature (store, &row, session, "disagreement", resolution, text,
                                  error)) == NULL)
    return FALSE;
  details = outcome_details (&row, resolution, text, sha256);
  return apply_resolution (store, &actor, lk_session_get_user_id (session), &row, resolution,
                           details, error) &&
         lk_audit_append (store, &actor, "verification.disagreed", object, details, error) &&
         lk_txn_commit (txn, error);
}

/* ---- consultation -------------------------------------------------------------------------- */

gboolean
lk_verifications_add_consultation_note (LkSession   *session,
                                        gint64       verification_id,
                                        const char  *note,
                                        const char  *password,
                                        GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(LkVerificationRow) row = { 0 };
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *object = lk_object_name ("verification", verification_id);
  g_autofree char *sha256 = NULL;
  g_autofree char *text = g_strstrip (g_strdup (note ? note : ""));
  gint64 me = lk_session_get_user_id (session), mine;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  if (!lk_session_require (session, LK_ROLE_EXAMINER | LK_ROLE_REVIEWER, &actor, error) ||
      !lk_require_text (text, "A consultation note needs its text: what was discussed and "
                        "agreed", error) ||
      !check_password (session, password, error) ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      !lk_verification_row_read (store, verification_id, me, &row, error))
    return FALSE;
  if (me != lk_verification_reviewer_id (row.record) &&
      me != lk_verification_examiner_id (row.record))
    g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED, "Permission denied: the "
                 "consultation of verification %" G_GINT64_FORMAT " is between its examiner "
                 "and its reviewer", verification_id);
  else if (!g_str_equal (lk_verification_get_state (row.record), "consultation"))
    g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "Verification %" G_GINT64_FORMAT " is not "
                 "in consultation (%s)", verification_id,
                 lk_verification_get_state_label (row.record));
  else if ((mine = count_signatures (store, verification_id, "consultation-note", me,
                                     error)) < 0)
    return FALSE;
  else if (mine > 0)
    g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "You signed your consultation note of "
                 "verification %" G_GINT64_FORMAT " already", verification_id);
  else if ((sha256 = insert_signature (store, &row, session, "consultation-note", NULL, text,
                                       error)) != NULL)
    {
      details = outcome_details (&row, NULL, text, sha256);
      return lk_audit_append (store, &actor, "verification.consulted", object, details, error) &&
             lk_txn_commit (txn, error);
    }
  return FALSE;
}

/* ---- reopening after a return -------------------------------------------------------------- */

static gboolean
check_reopenable (LkStore     *store,
                  gint64       examination_id,
                  gint64       me,
                  GError     **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT e.examiner_id, e.purpose, v.state,"
                          " v.conclusion_id = (SELECT id FROM conclusions"
                          "   WHERE examination_id = e.id ORDER BY revision DESC LIMIT 1),"
                          " e.id IN (SELECT examination_id FROM signed_examinations)"
                          " FROM examinations e LEFT JOIN verifications v"
                          " ON v.id = (SELECT max (id) FROM verifications"
                          "            WHERE examination_id = e.id AND stage = 'review')"
                          " WHERE e.id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, examination_id);
  if (!lk_stmt_row (stmt, error, "There is no examination %" G_GINT64_FORMAT, examination_id))
    return FALSE;
  if (lk_stmt_int64 (stmt, 0) != me || g_strcmp0 (lk_stmt_text (stmt, 1), "examination") != 0)
    g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED, "Permission denied: only the "
                 "examiner reopens their examination %" G_GINT64_FORMAT, examination_id);
  else if (g_strcmp0 (lk_stmt_text (stmt, 2), "returned") != 0 || lk_stmt_int (stmt, 3) == 0)
    g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "Examination %" G_GINT64_FORMAT " was not "
                 "returned by its reviewer; a signed examination reopens only after a return",
                 examination_id);
  else if (lk_stmt_int (stmt, 4) == 0)
    g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "Examination %" G_GINT64_FORMAT " is open "
                 "already: amend its conclusion", examination_id);
  else
    return TRUE;
  return FALSE;
}

static gboolean
write_revision (LkStore     *store,
                gint64       examination_id,
                gint64       me,
                const char  *reason,
                int         *revision,
                GError     **error)
{
  g_autoptr(JsonObject) snapshot = lk_examinations_to_json (store, examination_id, error);
  g_autofree char *text = snapshot ? lk_json_object_text (snapshot) : NULL;
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) stmt = NULL;

  if (text == NULL ||
      (stmt = lk_store_stmt (store, "INSERT INTO examination_revisions (examination_id,"
                                    " revision, snapshot, reopened_by, reopened_at, reason)"
                                    " SELECT id, revision, ?, ?, ?, ? FROM examinations"
                                    " WHERE id = ?", error)) == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, text);
  lk_stmt_bind_int64 (stmt, 2, me);
  lk_stmt_bind_text (stmt, 3, now);
  lk_stmt_bind_text (stmt, 4, reason);
  lk_stmt_bind_int64 (stmt, 5, examination_id);
  /* (the table has no id column: lk_stmt_insert would ask the server for one) */
  if (!lk_stmt_done (stmt, error))
    return FALSE;
  if (lk_stmt_changes (stmt) != 1)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND, "There is no examination %" G_GINT64_FORMAT,
                   examination_id);
      return FALSE;
    }
  g_clear_pointer (&stmt, lk_stmt_release);
  stmt = lk_store_stmt (store, "UPDATE examinations SET revision = revision + 1, updated_at = ?"
                               " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, now);
  lk_stmt_bind_int64 (stmt, 2, examination_id);
  if (!lk_stmt_done (stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, lk_stmt_release);
  stmt = lk_store_stmt (store, "SELECT revision FROM examinations WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, examination_id);
  if (!lk_stmt_row (stmt, error, "There is no examination %" G_GINT64_FORMAT, examination_id))
    return FALSE;
  *revision = lk_stmt_int (stmt, 0);
  return TRUE;
}

gboolean
lk_verifications_reopen (LkSession   *session,
                         gint64       examination_id,
                         const char  *reason,
                         GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *object = lk_object_name ("examination", examination_id);
  g_autofree char *text = g_strstrip (g_strdup (reason ? reason : ""));
  int revision = 0;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  if (!lk_session_require (session, LK_ROLE_EXAMINER, &actor, error) ||
      !lk_require_text (text, "Reopening an examination needs a reason: what the review "
                        "asked for", error) ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      !check_reopenable (store, examination_id, lk_session_get_user_id (session), error) ||
      !write_revision (store, examination_id, lk_session_get_user_id (session), text, &revision,
                       error))
    return FALSE;
  json_object_set_int_member (details, "revision", revision);
  json_object_set_string_member (details, "reason", text);
  return lk_audit_append (store, &actor, "examination.reopened", object, details, error) &&
         lk_txn_commit (txn, error);
}
