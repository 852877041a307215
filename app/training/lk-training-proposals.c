/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Competency proposals: a trainer proposes a competency record from an exercise a trainee
 * passed (policy's pass criteria); an administrator confirms it, which adds the record in the
 * same transaction, or rejects it with a reason. Nothing is deleted or changed once decided. */
#include "config.h"

#include <string.h>

#include "training/lk-training-private.h"

#include "governance/lk-policy.h"
#include "lk-error.h"
#include "lk-json.h"
#include "lk-util.h"
#include "store/lk-audit.h"
#include "verification/lk-competency-private.h"

struct _LkTrainingProposal
{
  GObject  parent_instance;

  gint64   id;
  gint64   exercise_id;
  char    *exercise;
  char    *trainee;
  char    *kind;
  char    *valid_from;
  char    *valid_until;
  char    *evidence;
  char    *proposed_by;
  char    *proposed_at;
  char    *decision;
  char    *decided_by;
  char    *reason;
  gint64   competency_id;
};

G_DEFINE_FINAL_TYPE (LkTrainingProposal, lk_training_proposal, G_TYPE_OBJECT)

static void
lk_training_proposal_finalize (GObject *object)
{
  LkTrainingProposal *self = LK_TRAINING_PROPOSAL (object);

  g_free (self->exercise);
  g_free (self->trainee);
  g_free (self->kind);
  g_free (self->valid_from);
  g_free (self->valid_until);
  g_free (self->evidence);
  g_free (self->proposed_by);
  g_free (self->proposed_at);
  g_free (self->decision);
  g_free (self->decided_by);
  g_free (self->reason);
  G_OBJECT_CLASS (lk_training_proposal_parent_class)->finalize (object);
}

static void
lk_training_proposal_class_init (LkTrainingProposalClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_training_proposal_finalize;
}

static void
lk_training_proposal_init (LkTrainingProposal *self)
{
}

#define PROPOSAL_GETTER(type, field, fallback) \
  type \
  lk_training_proposal_get_##field (LkTrainingProposal *self) \
  { \
    g_return_val_if_fail (LK_IS_TRAINING_PROPOSAL (self), fallback); \
    return self->field; \
  }

PROPOSAL_GETTER (gint64, id, 0)
PROPOSAL_GETTER (gint64, exercise_id, 0)
PROPOSAL_GETTER (const char *, exercise, NULL)
PROPOSAL_GETTER (const char *, trainee, NULL)
PROPOSAL_GETTER (const char *, kind, NULL)
PROPOSAL_GETTER (const char *, valid_from, NULL)
PROPOSAL_GETTER (const char *, valid_until, NULL)
PROPOSAL_GETTER (const char *, evidence, NULL)
PROPOSAL_GETTER (const char *, proposed_by, NULL)
PROPOSAL_GETTER (const char *, proposed_at, NULL)
PROPOSAL_GETTER (const char *, decision, NULL)
PROPOSAL_GETTER (const char *, decided_by, NULL)
PROPOSAL_GETTER (const char *, reason, NULL)
PROPOSAL_GETTER (gint64, competency_id, 0)

/* ---- the pass criteria --------------------------------------------------------------------- */

gboolean
lk_training_passed (LkStore                *store,
                    const LkTrainingResult *result,
                    guint                   n_items,
                    char                  **summary,
                    GError                **error)
{
  const LkTrainingScore *s = result->score;
  double min_auc = 0, max_false_same = 0;
  g_autofree char *auc = s->auc.defined ? g_strdup_printf ("%.3f", s->auc.value)
                                        : g_strdup_printf ("undefined (%s)", s->auc.reason);
  g_autofree char *fs = s->false_same_rate.defined
    ? g_strdup_printf ("%.1f %% (%u of %u)", s->false_same_rate.value * 100, s->false_same,
                       s->n_nonmated)
    : g_strdup_printf ("undefined (%s)", s->false_same_rate.reason);

  if (!lk_policy_get_double (store, "training_pass_auc", &min_auc, error) ||
      !lk_policy_get_double (store, "training_pass_false_same_rate", &max_false_same, error))
    return FALSE;
  if (summary != NULL)
    *summary = g_strdup_printf ("%u of %u items submitted; AUC %s (pass: at least %.2f); false "
                                "“same” rate %s (pass: at most %.1f %%)", result->ratings->len,
                                n_items, auc, min_auc, fs, max_false_same * 100);
  if (result->ratings->len < n_items)
    return g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "%s has submitted %u of the %u "
                        "items; an exercise is passed only once complete", result->trainee,
                        result->ratings->len, n_items), FALSE;
  if (!s->auc.defined || s->auc.value < min_auc)
    return g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "Not passed: the AUC is %s, the "
                        "policy asks for at least %.2f", auc, min_auc), FALSE;
  if (!s->false_same_rate.defined || s->false_same_rate.value > max_false_same)
    return g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "Not passed: the false “same” rate "
                        "is %s, the policy allows at most %.1f %%", fs,
                        max_false_same * 100), FALSE;
  return TRUE;
}

/* ---- proposing ----------------------------------------------------------------------------- */

static gboolean
check_pending (LkStore     *store,
               gint64       exercise_id,
               gint64       trainee_id,
               const char  *kind,
               const char  *trainee,
               GError     **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT count (*) FROM training_proposals WHERE exercise_id = ?"
                          " AND trainee_id = ? AND kind = ? AND decision IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, exercise_id);
  lk_stmt_bind_int64 (stmt, 2, trainee_id);
  lk_stmt_bind_text (stmt, 3, kind);
  if (!lk_stmt_row (stmt, error, "no answer"))
    return FALSE;
  if (lk_stmt_int (stmt, 0) == 0)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "A proposal of an %s record for %s from this "
               "exercise is waiting for an administrator already", kind, trainee);
  return FALSE;
}

/* The default validity: from today for a year. */
static void
default_dates (const char **valid_from,
               const char **valid_until,
               char       **from,
               char       **until)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_years (now, 1);

  *from = g_date_time_format (now, "%Y-%m-%d");
  *until = g_date_time_format (later, "%Y-%m-%d");
  if (*valid_from == NULL)
    *valid_from = *from;
  if (*valid_until == NULL)
    *valid_until = *until;
}

static gboolean
check_proposal (const char  *kind,
                const char  *valid_from,
                const char  *valid_until,
                GError     **error)
{
  g_autoptr(GDate) from = g_date_new ();
  g_autoptr(GDate) until = g_date_new ();

  if (kind == NULL || !g_strv_contains (lk_competency_kinds (), kind))
    return g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "A competency record is of "
                        "kind examiner or reviewer"), FALSE;
  g_date_set_parse (from, valid_from);
  g_date_set_parse (until, valid_until);
  if (strlen (valid_from) != 10 || strlen (valid_until) != 10 || !g_date_valid (from) ||
      !g_date_valid (until))
    return g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The dates are written "
                        "YYYY-MM-DD"), FALSE;
  if (strcmp (valid_from, valid_until) > 0)
    return g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "A competency record cannot "
                        "end (%s) before it begins (%s)", valid_until, valid_from), FALSE;
  return TRUE;
}

static gint64
insert_proposal (LkStore            *store,
                 LkSession          *session,
                 gint64              exercise_id,
                 gint64              trainee_id,
                 const char         *kind,
                 const char         *valid_from,
                 const char         *valid_until,
                 const char         *evidence,
                 const char         *figures,
                 GError            **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO training_proposals (exercise_id, trainee_id, kind,"
                          " valid_from, valid_until, evidence, figures, proposed_by, proposed_at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  g_autofree char *now = lk_now_utc ();

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_int64 (stmt, 1, exercise_id);
  lk_stmt_bind_int64 (stmt, 2, trainee_id);
  lk_stmt_bind_text (stmt, 3, kind);
  lk_stmt_bind_text (stmt, 4, valid_from);
  lk_stmt_bind_text (stmt, 5, valid_until);
  lk_stmt_bind_text (stmt, 6, evidence);
  lk_stmt_bind_text (stmt, 7, figures);
  lk_stmt_bind_int64 (stmt, 8, lk_session_get_user_id (session));
  lk_stmt_bind_text (stmt, 9, now);
  return lk_stmt_insert (stmt, error);
}

/* The trainee's result on the exercise, read as the trainer. */
static LkTrainingResult *
result_of (LkSession           *session,
           LkTrainingExercise  *exercise,
           const char          *trainee,
           GError             **error)
{
  g_autoptr(GListModel) items = NULL;
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT a.id FROM training_assignments a JOIN users u"
                          " ON u.id = a.trainee_id WHERE a.exercise_id = ? AND u.name = ?",
                   error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, lk_training_exercise_get_id (exercise));
  lk_stmt_bind_text (stmt, 2, trainee);
  if (!lk_stmt_row (stmt, error, "“%s” is not assigned to %s",
                    lk_training_exercise_get_name (exercise), trainee))
    return NULL;
  return lk_training_result_for (store, lk_training_exercise_get_scale (exercise), trainee,
                                 lk_stmt_int64 (stmt, 0), error);
}

gint64
lk_training_propose (LkSession   *session,
                     gint64       exercise_id,
                     const char  *trainee,
                     const char  *kind,
                     const char  *valid_from,
                     const char  *valid_until,
                     GError     **error)
{
  LkStore *store;
  g_autoptr(LkTrainingExercise) exercise = NULL;
  g_autoptr(LkTrainingResult) result = NULL;
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JsonObject) figures = NULL;
  g_autofree char *from = NULL, *until = NULL, *summary = NULL, *evidence = NULL;
  g_autofree char *figures_text = NULL, *object = NULL;
  LkActor actor;
  gint64 trainee_id, id;

  g_return_val_if_fail (LK_IS_SESSION (session), 0);
  g_return_val_if_fail (trainee != NULL, 0);

  store = lk_session_get_store (session);
  default_dates (&valid_from, &valid_until, &from, &until);
  if (!lk_session_require (session, LK_ROLE_TRAINER, &actor, error) ||
      !check_proposal (kind, valid_from, valid_until, error) ||
      (exercise = lk_training_exercise_get (session, exercise_id, error)) == NULL ||
      (trainee_id = lk_training_trainee_of (store, trainee, error)) == 0 ||
      (result = result_of (session, exercise, trainee, error)) == NULL ||
      !lk_training_passed (store, result, lk_training_exercise_get_n_items (exercise), &summary,
                           error))
    return 0;
  evidence = g_strdup_printf ("Passed the training exercise “%s”: %s",
                              lk_training_exercise_get_name (exercise), summary);
  figures = lk_training_score_to_json (result->score);
  figures_text = lk_json_object_text (figures);
  if ((txn = lk_txn_begin (store, error)) == NULL ||
      !check_pending (store, exercise_id, trainee_id, kind, trainee, error) ||
      (id = insert_proposal (store, session, exercise_id, trainee_id, kind, valid_from,
                             valid_until, evidence, figures_text, error)) == 0)
    return 0;
  object = lk_object_name ("competency-proposal", id);
  json_object_set_int_member (details, "exercise_id", exercise_id);
  json_object_set_string_member (details, "trainee", trainee);
  json_object_set_string_member (details, "kind", kind);
  json_object_set_string_member (details, "valid_from", valid_from);
  json_object_set_string_member (details, "valid_until", valid_until);
  json_object_set_string_member (details, "evidence", evidence);
  if (!lk_audit_append (store, &actor, "training.competency.proposed", object, details, error) ||
      !lk_txn_commit (txn, error))
    return 0;
  return id;
}

/* ---- reading ------------------------------------------------------------------------------- */

#define PROPOSAL_QUERY \
  "SELECT p.id, p.exercise_id, e.name, t.name, p.kind, p.valid_from, p.valid_until, p.evidence," \
  " b.name, p.proposed_at, p.decision, d.name, p.reason, p.competency_id" \
  " FROM training_proposals p JOIN training_exercises e ON e.id = p.exercise_id" \
  " JOIN users t ON t.id = p.trainee_id JOIN users b ON b.id = p.proposed_by" \
  " LEFT JOIN users d ON d.id = p.decided_by"

static LkTrainingProposal *
proposal_from_row (LkStmt *stmt)
{
  LkTrainingProposal *self = g_object_new (LK_TYPE_TRAINING_PROPOSAL, NULL);

  self->id = lk_stmt_int64 (stmt, 0);
  self->exercise_id = lk_stmt_int64 (stmt, 1);
  self->exercise = lk_stmt_dup_text (stmt, 2);
  self->trainee = lk_stmt_dup_text (stmt, 3);
  self->kind = lk_stmt_dup_text (stmt, 4);
  self->valid_from = lk_stmt_dup_text (stmt, 5);
  self->valid_until = lk_stmt_dup_text (stmt, 6);
  self->evidence = lk_stmt_dup_text (stmt, 7);
  self->proposed_by = lk_stmt_dup_text (stmt, 8);
  self->proposed_at = lk_stmt_dup_text (stmt, 9);
  self->decision = lk_stmt_dup_text (stmt, 10);
  self->decided_by = lk_stmt_dup_text (stmt, 11);
  self->reason = lk_stmt_dup_text (stmt, 12);
  self->competency_id = lk_stmt_int64 (stmt, 13);
  return self;
}

GListModel *
lk_training_proposals_list (LkSession  *session,
                            gboolean    pending_only,
                            GError    **error)
{
  g_autoptr(GListStore) list = g_list_store_new (LK_TYPE_TRAINING_PROPOSAL);
  g_autoptr(LkStmt) stmt = NULL;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if (!lk_session_require (session, LK_ROLE_TRAINER | LK_ROLE_ADMINISTRATOR, &actor, error) ||
      (stmt = lk_store_stmt (lk_session_get_store (session),
                             PROPOSAL_QUERY " WHERE ? = 0 OR p.decision IS NULL ORDER BY"
                             " CASE WHEN p.decision IS NULL THEN 0 ELSE 1 END,"
                             " p.proposed_at DESC, p.id DESC", error)) == NULL)
    return NULL;
  lk_stmt_bind_int (stmt, 1, pending_only ? 1 : 0);
  while (lk_stmt_next (stmt, error))
    {
      g_autoptr(LkTrainingProposal) proposal = proposal_from_row (stmt);

      g_list_store_append (list, proposal);
    }
  if (lk_stmt_failed (stmt))
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&list));
}

static LkTrainingProposal *
read_proposal (LkStore  *store,
               gint64    id,
               GError  **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, PROPOSAL_QUERY " WHERE p.id = ?", error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, id);
  if (!lk_stmt_row (stmt, error, "There is no competency proposal %" G_GINT64_FORMAT, id))
    return NULL;
  return proposal_from_row (stmt);
}

/* ---- deciding ------------------------------------------------------------------------------ */

static gboolean
record_decision (LkStore     *store,
                 LkSession   *session,
                 gint64       id,
                 gboolean     confirm,
                 const char  *reason,
                 gint64       competency_id,
                 GError     **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "UPDATE training_proposals SET decision = ?, decided_by = ?,"
                          " decided_at = ?, reason = ?, competency_id = ?"
                          " WHERE id = ? AND decision IS NULL", error);
  g_autofree char *now = lk_now_utc ();

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, confirm ? "confirmed" : "rejected");
  lk_stmt_bind_int64 (stmt, 2, lk_session_get_user_id (session));
  lk_stmt_bind_text (stmt, 3, now);
  if (reason != NULL && *reason != '\0')
    lk_stmt_bind_text (stmt, 4, reason);
  else
    lk_stmt_bind_null (stmt, 4);
  if (competency_id > 0)
    lk_stmt_bind_int64 (stmt, 5, competency_id);
  else
    lk_stmt_bind_null (stmt, 5);
  lk_stmt_bind_int64 (stmt, 6, id);
  if (!lk_stmt_done (stmt, error))
    return FALSE;
  if (lk_stmt_changes (stmt) == 1)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "Proposal %" G_GINT64_FORMAT " was decided "
               "already", id);
  return FALSE;
}

gboolean
lk_training_proposal_decide (LkSession   *session,
                             gint64       proposal_id,
                             gboolean     confirm,
                             const char  *reason,
                             GError     **error)
{
  LkStore *store;
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(LkTrainingProposal) proposal = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *object = NULL;
  gint64 competency_id = 0;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  store = lk_session_get_store (session);
  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error) ||
      (!confirm && !lk_require_text (reason, "A rejection needs its reason", error)) ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      (proposal = read_proposal (store, proposal_id, error)) == NULL)
    return FALSE;
  if (proposal->decision != NULL)
    return g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "Proposal %" G_GINT64_FORMAT " was "
                        "%s already", proposal_id, proposal->decision), FALSE;
  if (confirm &&
      (competency_id = lk_competencies_insert (store, &actor, lk_session_get_user_id (session),
                                               proposal->trainee, proposal->kind,
                                               proposal->valid_from, proposal->valid_until,
                                               proposal->evidence, error)) == 0)
    return FALSE;
  if (!record_decision (store, session, proposal_id, confirm, reason, competency_id, error))
    return FALSE;
  object = lk_object_name ("competency-proposal", proposal_id);
  json_object_set_string_member (details, "trainee", proposal->trainee);
  json_object_set_string_member (details, "kind", proposal->kind);
  lk_json_set_text (details, "reason", reason);
  if (competency_id > 0)
    json_object_set_int_member (details, "competency_id", competency_id);
  return lk_audit_append (store, &actor, confirm ? "training.competency.confirmed"
                                                 : "training.competency.rejected",
                          object, details, error) &&
         lk_txn_commit (txn, error);
}

JsonArray *
lk_training_proposals_to_json (GListModel *proposals)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr(LkTrainingProposal) p = g_list_model_get_item (proposals, i);
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "id", p->id);
      json_object_set_int_member (o, "exercise_id", p->exercise_id);
      json_object_set_string_member (o, "exercise", p->exercise);
      json_object_set_string_member (o, "trainee", p->trainee);
      json_object_set_string_member (o, "kind", p->kind);
      json_object_set_string_member (o, "valid_from", p->valid_from);
      json_object_set_string_member (o, "valid_until", p->valid_until);
      json_object_set_string_member (o, "evidence", p->evidence);
      json_object_set_string_member (o, "proposed_by", p->proposed_by);
      json_object_set_string_member (o, "proposed_at", p->proposed_at);
      lk_json_set_text (o, "decision", p->decision);
      lk_json_set_text (o, "decided_by", p->decided_by);
      lk_json_set_text (o, "reason", p->reason);
      if (p->competency_id > 0)
        json_object_set_int_member (o, "competency_id", p->competency_id);
      else
        json_object_set_null_member (o, "competency_id");
      json_array_add_object_element (array, o);
    }
  return array;
}
