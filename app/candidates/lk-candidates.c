/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Candidate lists once imported: the masking gate, scores and ranks hidden unless revealed,
 * shuffled presentation, and triage. */
#include "config.h"

#include "lk-json.h"

#include "candidates/lk-candidate-private.h"
#include "candidates/lk-list-provenance-private.h"
#include "candidates/lk-candidate-lists-private.h"
#include "candidates/lk-candidates.h"
#include "lk-error.h"
#include "governance/lk-policy.h"
#include "casework/lk-probes.h"
#include "lk-util.h"
#include "store/lk-image-store.h"
#include "store/lk-store-private.h"
#include "verification/lk-verification-gate-private.h"
#include "casework/lk-vocabulary.h"
#include "people/lk-roles.h"
#include "people/lk-session.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"
#include "candidates/lk-candidates-private.h"
#include "casework/lk-probes-private.h"
#include "casework/lk-analysis-private.h"

#define TEXT(i) (lk_stmt_text (stmt, (i)))

/* Lists arrive, and triage happens, while the case is in analysis or examination: once it
 * went to verification the candidate set is what the verifier sees. */
gboolean
lk_candidates_check_case_open (const LkProbePlace  *info,
                               const char          *what,
                               GError             **error)
{
  if (!g_str_equal (info->status, "analysed"))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_MASKED,
                   "Candidates stay masked: the probe's analysis is not locked, or the probe is "
                   "not suitable");
      return FALSE;
    }
  if (g_str_equal (info->case_status, "analysis") || g_str_equal (info->case_status, "examination"))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "Case %s is %s; %s while a case is in analysis or examination", info->case_number,
               lk_vocabulary_case_status_label (info->case_status), what);
  return FALSE;
}

/* ---- presentation ------------------------------------------------------------------------ */

/* Sets @shuffled, and @seed to the seed of the newest recorded shuffle of a list; @shuffled is
 * FALSE when the list is shown in rank order. FALSE only when the store could not be read. */
static gboolean
presentation_seed (LkStore   *store,
                   gint64     list_id,
                   gboolean  *shuffled,
                   guint64   *seed,
                   GError   **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT seed FROM list_presentations WHERE list_id = ?"
                          " ORDER BY id DESC LIMIT 1", error);

  *shuffled = FALSE;
  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, list_id);
  if (!lk_stmt_next (stmt, error))
    return !lk_stmt_failed (stmt);
  *seed = (guint64) lk_stmt_int64 (stmt, 0);
  *shuffled = TRUE;
  return TRUE;
}

/* Fisher-Yates from a seeded GRand: the same seed gives the same order, here and in any later
 * version that keeps GRand's Mersenne Twister. */
static void
shuffle (GPtrArray *items,
         guint64    seed)
{
  guint32 words[2] = { (guint32) seed, (guint32) (seed >> 32) };
  g_autoptr(GRand) rand = g_rand_new_with_seed_array (words, 2);

  for (guint i = items->len; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
      gpointer swap = items->pdata[i - 1];

      items->pdata[i - 1] = items->pdata[j];
      items->pdata[j] = swap;
    }
}

static guint64
random_seed (void)
{
  guint64 seed;

  do
    seed = (((guint64) g_random_int () << 32) | g_random_int ()) & G_MAXINT64;
  while (seed == 0);
  return seed;
}

static gboolean
insert_presentation (LkStore  *store,
                     gint64    list_id,
                     guint64   seed,
                     gint64    user_id,
                     GError  **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO list_presentations (list_id, seed, user_id, at)"
                          " VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, list_id);
  lk_stmt_bind_int64 (stmt, 2, (gint64) seed);
  lk_stmt_bind_int64 (stmt, 3, user_id);
  lk_stmt_bind_text (stmt, 4, now);
  return lk_stmt_done (stmt, error);
}

/* The one way a presentation order is recorded, whether a user asked for it or the list was
 * presented for the first time with its scores hidden: the seed in list_presentations and a
 * candidates.shuffled event saying which. Inside the caller's transaction. */
static gboolean
record_shuffle (LkStore        *store,
                const LkActor  *actor,
                gint64          list_id,
                gint64          probe_id,
                guint64         seed,
                gint64          user_id,
                const char     *cause,
                GError        **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *object = lk_object_name ("candidate-list", list_id);

  json_object_set_int_member (details, "probe", probe_id);
  json_object_set_int_member (details, "seed", (gint64) seed);
  json_object_set_string_member (details, "cause", cause);
  return insert_presentation (store, list_id, seed, user_id, error) &&
         lk_audit_append (store, actor, "candidates.shuffled", object, details, error);
}

/* Records a random order for a list presented for the first time with its scores hidden;
 * @seed is the order to present it in (another session's, if one came first). */
static gboolean
shuffle_first_presentation (LkStore        *store,
                            const LkActor  *actor,
                            gint64          list_id,
                            gint64          probe_id,
                            gint64          user_id,
                            guint64        *seed,
                            GError        **error)
{
  g_autoptr(LkTxn) txn = lk_txn_begin (store, error);
  gboolean recorded;

  if (txn == NULL || !presentation_seed (store, list_id, &recorded, seed, error))
    return FALSE;
  /* Another session may have presented the list since the caller looked: its order stands. */
  if (recorded)
    return TRUE;
  *seed = random_seed ();
  return record_shuffle (store, actor, list_id, probe_id, *seed, user_id,
                         "first presentation with scores hidden", error) &&
         lk_txn_commit (txn, error);
}

static LkCandidate *
candidate_from_row (LkStmt   *stmt,
                    gboolean  visible)
{
  LkCandidate *c = lk_candidate_new (lk_stmt_int64 (stmt, 0), lk_stmt_int64 (stmt, 1), TEXT (2),
                                     TEXT (3), TEXT (4), TEXT (5));

  if (visible)
    lk_candidate_reveal (c, lk_stmt_int (stmt, 6), lk_stmt_double (stmt, 7));
  return c;
}

/* Hidden ranks and scores are not even read out of the database. */
static GPtrArray *
read_candidates (LkStore   *store,
                 gint64     list_id,
                 gboolean   visible,
                 GError   **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT id, list_id, subject_ref, image_sha256, triage_state,"
                          " triage_reason, CASE WHEN ?2 THEN rank END,"
                          " CASE WHEN ?2 THEN score END"
                          " FROM candidates WHERE list_id = ?1 ORDER BY display_order, id", error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, list_id);
  lk_stmt_bind_int (stmt, 2, visible ? 1 : 0);
  while (lk_stmt_next (stmt, error))
    g_ptr_array_add (items, candidate_from_row (stmt, visible));
  if (lk_stmt_failed (stmt))
    return NULL;
  return g_steal_pointer (&items);
}

/* The seed a list is presented with, if any. The engine's order would give hidden ranks away,
 * so unless policy says otherwise a list that has no recorded order yet and is presented to
 * someone who cannot see its scores gets one now. A viewer who sees the scores anyway is shown
 * rank order until then; a recorded order is kept after a reveal, so that "Candidate N" keeps
 * meaning the same face. */
static gboolean
presentation_for (LkSession      *session,
                  const LkActor  *actor,
                  gint64          list_id,
                  gint64          probe_id,
                  gboolean        visible,
                  guint64        *seed,
                  gboolean       *shuffled,
                  GError        **error)
{
  LkStore *store = lk_session_get_store (session);
  gint64 shuffle = 0;

  if (!presentation_seed (store, list_id, shuffled, seed, error) ||
      !lk_policy_get_int (store, "shuffle_hidden_lists", &shuffle, error))
    return FALSE;
  if (*shuffled || visible || shuffle == 0)
    return TRUE;
  *shuffled = TRUE;
  return shuffle_first_presentation (store, actor, list_id, probe_id,
                                     lk_session_get_user_id (session), seed, error);
}

static gboolean
append_list (LkSession      *session,
             const LkActor  *actor,
             gint64          probe_id,
             gint64          list_id,
             GListStore     *out,
             GError        **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(GPtrArray) items = NULL;
  gboolean visible;
  gboolean shuffled;
  guint64 seed;

  if (!lk_candidate_lists_scores_visible (store, list_id, lk_session_get_user_id (session),
                                          &visible, error) ||
      !presentation_for (session, actor, list_id, probe_id, visible, &seed, &shuffled, error) ||
      (items = read_candidates (store, list_id, visible, error)) == NULL)
    return FALSE;
  if (shuffled)
    shuffle (items, seed);
  for (guint i = 0; i < items->len; i++)
    lk_candidate_set_position (g_ptr_array_index (items, i), (int) i + 1);
  g_list_store_splice (out, g_list_model_get_n_items (G_LIST_MODEL (out)), 0, items->pdata,
                       items->len);
  return TRUE;
}

static GArray *
list_ids_of_probe (LkStore  *store,
                   gint64    probe_id,
                   GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT id FROM candidate_lists WHERE probe_id = ? ORDER BY id", error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, probe_id);
  while (lk_stmt_next (stmt, error))
    {
      gint64 id = lk_stmt_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (lk_stmt_failed (stmt))
    return NULL;
  return g_steal_pointer (&ids);
}

static JsonObject *
viewed_details (GArray     *ids,
                GListModel *candidates)
{
  JsonObject *o = json_object_new ();
  JsonArray *lists = json_array_new ();

  for (guint i = 0; i < ids->len; i++)
    json_array_add_int_element (lists, g_array_index (ids, gint64, i));
  json_object_set_array_member (o, "lists", lists);
  json_object_set_int_member (o, "candidates", g_list_model_get_n_items (candidates));
  return o;
}

GListModel *
lk_candidates_for_probe (LkSession  *session,
                         gint64      probe_id,
                         GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(GListStore) candidates = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *object = lk_object_name ("probe", probe_id);
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if (!lk_analysis_require_unmasked (session, probe_id, error) ||
      !lk_session_require (session, LK_CASEWORK_ROLES, &actor, error) ||
      !lk_verification_require_unblinded (store, lk_session_get_user_id (session), probe_id, 0,
                                          "the candidate list and its triage", error) ||
      (ids = list_ids_of_probe (store, probe_id, error)) == NULL)
    return NULL;
  candidates = g_list_store_new (LK_TYPE_CANDIDATE);
  for (guint i = 0; i < ids->len; i++)
    if (!append_list (session, &actor, probe_id, g_array_index (ids, gint64, i), candidates,
                      error))
      return NULL;
  details = viewed_details (ids, G_LIST_MODEL (candidates));
  if (!lk_audit_record (store, &actor, "candidates.viewed", object, details, error))
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&candidates));
}

/* ---- one list, one candidate ------------------------------------------------------------- */

static gint64
probe_of_list (LkStore  *store,
               gint64    list_id,
               GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT probe_id FROM candidate_lists WHERE id = ?", error);

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_int64 (stmt, 1, list_id);
  if (!lk_stmt_row (stmt, error, "There is no candidate list %" G_GINT64_FORMAT, list_id))
    return 0;
  return lk_stmt_int64 (stmt, 0);
}

/* The role first (a refused user learns nothing), then the list, then the masking gate. */
static gint64
gate_list (LkSession  *session,
           gint64      list_id,
           LkRoles     roles,
           LkActor    *actor,
           GError    **error)
{
  gint64 probe_id;

  if (!lk_session_require (session, roles, actor, error) ||
      (probe_id = probe_of_list (lk_session_get_store (session), list_id, error)) == 0 ||
      !lk_analysis_require_unmasked (session, probe_id, error) ||
      !lk_verification_require_unblinded (lk_session_get_store (session),
                                          lk_session_get_user_id (session), probe_id, 0,
                                          "the candidate list, its scores and its triage", error))
    return 0;
  return probe_id;
}

void
lk_candidate_place_clear (LkCandidatePlace *p)
{
  g_clear_pointer (&p->sha256, g_free);
  g_clear_pointer (&p->state, g_free);
  g_clear_pointer (&p->case_number, g_free);
  g_clear_pointer (&p->case_status, g_free);
}

gboolean
lk_candidates_read_place (LkStore           *store,
                          gint64             candidate_id,
                          LkCandidatePlace  *place,
                          GError           **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT k.list_id, l.probe_id, k.image_sha256, k.triage_state,"
                          " c.number, c.status"
                          " FROM candidates k JOIN candidate_lists l ON l.id = k.list_id"
                          " JOIN probes p ON p.id = l.probe_id JOIN cases c ON c.id = p.case_id"
                          " WHERE k.id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, candidate_id);
  if (!lk_stmt_row (stmt, error, "There is no candidate %" G_GINT64_FORMAT, candidate_id))
    return FALSE;
  lk_candidate_place_clear (place);
  place->list_id = lk_stmt_int64 (stmt, 0);
  place->probe_id = lk_stmt_int64 (stmt, 1);
  place->sha256 = g_strdup (TEXT (2));
  place->state = g_strdup (TEXT (3));
  place->case_number = g_strdup (TEXT (4));
  place->case_status = g_strdup (TEXT (5));
  return TRUE;
}

GBytes *
lk_candidates_read_image (LkSession  *session,
                          gint64      candidate_id,
                          GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(LkCandidatePlace) place = { 0 };
  g_autofree char *object = lk_object_name ("candidate", candidate_id);
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if (!lk_session_require (session, LK_CASEWORK_ROLES, &actor, error) ||
      !lk_candidates_read_place (store, candidate_id, &place, error) ||
      !lk_analysis_require_unmasked (session, place.probe_id, error) ||
      !lk_verification_require_unblinded (store, lk_session_get_user_id (session), place.probe_id,
                                          candidate_id, "every other candidate", error) ||
      !lk_audit_record (store, &actor, "candidate.image-viewed", object, NULL, error))
    return NULL;
  return lk_image_store_get (store, &actor, place.sha256, error);
}

static void
set_optional_number (JsonObject *o,
                     const char *name,
                     LkStmt     *stmt,
                     int         column)
{
  if (lk_stmt_is_null (stmt, column))
    json_object_set_null_member (o, name);
  else if (lk_stmt_is_integer (stmt, column))
    json_object_set_int_member (o, name, lk_stmt_int64 (stmt, column));
  else
    json_object_set_double_member (o, name, lk_stmt_double (stmt, column));
}

static JsonObject *
list_row_json (LkStmt *stmt)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "id", lk_stmt_int64 (stmt, 0));
  json_object_set_int_member (o, "probe", lk_stmt_int64 (stmt, 1));
  json_object_set_string_member (o, "engine_name", TEXT (2));
  json_object_set_string_member (o, "engine_version", TEXT (3));
  json_object_set_string_member (o, "reference_database", TEXT (4));
  json_object_set_string_member (o, "legal_basis", TEXT (5));
  json_object_set_string_member (o, "held_by", TEXT (6));
  set_optional_number (o, "threshold", stmt, 7);
  set_optional_number (o, "max_candidates", stmt, 8);
  json_object_set_int_member (o, "list_length", lk_stmt_int (stmt, 9));
  json_object_set_string_member (o, "performed_at", TEXT (10));
  set_optional_number (o, "search_ms", stmt, 11);
  json_object_set_string_member (o, "source_format", TEXT (12));
  json_object_set_string_member (o, "source_sha256", TEXT (13));
  json_object_set_string_member (o, "imported_by", TEXT (14));
  json_object_set_string_member (o, "imported_at", TEXT (15));
  return o;
}

static JsonObject *
read_list_json (LkStore  *store,
                gint64    list_id,
                GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT l.id, l.probe_id, l.engine_name, l.engine_version, r.name,"
                          " r.legal_basis, r.held_by, l.threshold, l.max_candidates,"
                          " l.list_length, l.performed_at, l.search_ms, l.source_format,"
                          " l.source_sha256, u.name, l.imported_at FROM candidate_lists l"
                          " JOIN reference_databases r ON r.id = l.reference_db_id"
                          " JOIN users u ON u.id = l.imported_by WHERE l.id = ?", error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, list_id);
  if (!lk_stmt_row (stmt, error, "There is no candidate list %" G_GINT64_FORMAT, list_id))
    return NULL;
  return list_row_json (stmt);
}

static JsonObject *
triage_counts (LkStore  *store,
               gint64    list_id,
               GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT count (*) FILTER (WHERE triage_state = 'not-reviewed'),"
                          " count (*) FILTER (WHERE triage_state = 'retained'),"
                          " count (*) FILTER (WHERE triage_state = 'eliminated')"
                          " FROM candidates WHERE list_id = ?", error);
  JsonObject *o;

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, list_id);
  if (!lk_stmt_row (stmt, error, "There is no candidate list %" G_GINT64_FORMAT, list_id))
    return NULL;
  o = json_object_new ();
  json_object_set_int_member (o, "not-reviewed", lk_stmt_int (stmt, 0));
  json_object_set_int_member (o, "retained", lk_stmt_int (stmt, 1));
  json_object_set_int_member (o, "eliminated", lk_stmt_int (stmt, 2));
  return o;
}

static JsonObject *
presentation_json (LkStore  *store,
                   gint64    list_id,
                   GError  **error)
{
  JsonObject *o;
  gboolean shuffled;
  guint64 seed;

  if (!presentation_seed (store, list_id, &shuffled, &seed, error))
    return NULL;
  o = json_object_new ();
  json_object_set_string_member (o, "order", shuffled ? "shuffled" : "rank");
  if (shuffled)
    json_object_set_int_member (o, "seed", (gint64) seed);
  return o;
}

JsonObject *
lk_candidates_list_json (LkSession  *session,
                         gint64      list_id,
                         GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(JsonObject) presentation = NULL;
  g_autoptr(JsonObject) triage = NULL;
  g_autofree char *object = lk_object_name ("candidate-list", list_id);
  gboolean visible;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if (gate_list (session, list_id, LK_CASEWORK_ROLES, &actor, error) == 0 ||
      (o = read_list_json (store, list_id, error)) == NULL ||
      (presentation = presentation_json (store, list_id, error)) == NULL ||
      !lk_candidate_lists_scores_visible (store, list_id, lk_session_get_user_id (session),
                                          &visible, error) ||
      (triage = triage_counts (store, list_id, error)) == NULL)
    return NULL;
  json_object_set_object_member (o, "presentation", g_steal_pointer (&presentation));
  json_object_set_boolean_member (o, "scores_visible", visible);
  json_object_set_object_member (o, "triage", g_steal_pointer (&triage));
  if (!lk_audit_record (store, &actor, "candidate-list.viewed", object, NULL, error))
    return NULL;
  return g_steal_pointer (&o);
}

LkListProvenance *
lk_candidates_get_list (LkSession  *session,
                        gint64      list_id,
                        GError    **error)
{
  g_autoptr(JsonObject) o = lk_candidates_list_json (session, list_id, error);

  return o != NULL ? lk_list_provenance_new_from_json (o) : NULL;
}

/* ---- reveal and shuffle ------------------------------------------------------------------ */

static gboolean
insert_reveal (LkStore     *store,
               gint64       list_id,
               gint64       user_id,
               const char  *reason,
               GError     **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO score_reveals (list_id, user_id, at, reason)"
                          " VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, list_id);
  lk_stmt_bind_int64 (stmt, 2, user_id);
  lk_stmt_bind_text (stmt, 3, now);
  lk_stmt_bind_text (stmt, 4, reason);
  return lk_stmt_done (stmt, error);
}

gboolean
lk_candidates_reveal_scores (LkSession   *session,
                             gint64       list_id,
                             const char  *reason,
                             GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *object = lk_object_name ("candidate-list", list_id);
  gint64 probe_id;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  if (!lk_require_text (reason, "Revealing the engine's scores and ranks needs a reason", error) ||
      (probe_id = gate_list (session, list_id, LK_CASEWORK_ROLES, &actor, error)) == 0 ||
      (txn = lk_txn_begin (store, error)) == NULL)
    return FALSE;
  json_object_set_int_member (details, "probe", probe_id);
  json_object_set_string_member (details, "reason", reason);
  return insert_reveal (store, list_id, lk_session_get_user_id (session), reason, error) &&
         lk_audit_append (store, &actor, "scores.revealed", object, details, error) &&
         lk_txn_commit (txn, error);
}

gboolean
lk_candidates_shuffle (LkSession  *session,
                       gint64      list_id,
                       guint64     seed,
                       GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  gint64 probe_id;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  if (seed > G_MAXINT64)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "A shuffle seed is a whole number from 1 to %" G_GINT64_FORMAT, G_MAXINT64);
      return FALSE;
    }
  if ((probe_id = gate_list (session, list_id, LK_ROLE_EXAMINER, &actor, error)) == 0 ||
      (txn = lk_txn_begin (store, error)) == NULL)
    return FALSE;
  if (seed == 0)
    seed = random_seed ();
  return record_shuffle (store, &actor, list_id, probe_id, seed,
                         lk_session_get_user_id (session), "requested", error) &&
         lk_txn_commit (txn, error);
}

/* ---- triage ------------------------------------------------------------------------------ */

static gboolean
check_triage (const char  *state,
              const char  *reason,
              GError     **error)
{
  if (g_strcmp0 (state, "not-reviewed") == 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "A candidate cannot go back to not reviewed: once looked at, it is retained "
                   "or eliminated");
      return FALSE;
    }
  if (g_strcmp0 (state, "retained") != 0 && g_strcmp0 (state, "eliminated") != 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "Unknown triage state “%s” (retained or eliminated)", state ? state : "");
      return FALSE;
    }
  if (g_str_equal (state, "eliminated") &&
      !lk_require_text (reason, "Eliminating a candidate at triage needs a reason", error))
    return FALSE;
  if (reason == NULL || g_utf8_validate (reason, -1, NULL))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The reason is not valid UTF-8 text");
  return FALSE;
}

static gboolean
update_triage (LkStore     *store,
               gint64       candidate_id,
               const char  *state,
               const char  *reason,
               gint64       user_id,
               GError     **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "UPDATE candidates SET triage_state = ?, triage_reason = ?,"
                          " triage_by = ?, triage_at = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, state);
  if (!lk_text_is_blank (reason))
    lk_stmt_bind_text (stmt, 2, reason);
  lk_stmt_bind_int64 (stmt, 3, user_id);
  lk_stmt_bind_text (stmt, 4, now);
  lk_stmt_bind_int64 (stmt, 5, candidate_id);
  return lk_stmt_done (stmt, error);
}

static JsonObject *
triage_details (const LkCandidatePlace *place,
                const char           *state,
                const char           *reason)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "list", place->list_id);
  json_object_set_string_member (o, "state", state);
  json_object_set_string_member (o, "previous", place->state);
  lk_json_set_text (o, "reason", lk_text_is_blank (reason) ? NULL : reason);
  return o;
}

gboolean
lk_candidates_set_triage (LkSession   *session,
                          gint64       candidate_id,
                          const char  *state,
                          const char  *reason,
                          GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  g_auto(LkCandidatePlace) place = { 0 };
  g_auto(LkProbePlace) probe = { 0 };
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *object = lk_object_name ("candidate", candidate_id);
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  if (!check_triage (state, reason, error) ||
      !lk_session_require (session, LK_ROLE_EXAMINER, &actor, error) ||
      !lk_candidates_read_place (store, candidate_id, &place, error) ||
      !lk_analysis_require_unmasked (session, place.probe_id, error) ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      !lk_probes_read_place (store, place.probe_id, &probe, error) ||
      !lk_candidates_check_case_open (&probe, "triage happens", error))
    return FALSE;
  details = triage_details (&place, state, reason);
  return update_triage (store, candidate_id, state, reason, lk_session_get_user_id (session),
                        error) &&
         lk_audit_append (store, &actor, "candidate.triaged", object, details, error) &&
         lk_txn_commit (txn, error);
}

LkCandidate *
lk_candidates_triage (LkSession    *session,
                      LkCandidate  *candidate,
                      const char   *state,
                      const char   *reason,
                      GError      **error)
{
  LkCandidate *decided;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);
  g_return_val_if_fail (LK_IS_CANDIDATE (candidate), NULL);

  if (!lk_candidates_set_triage (session, lk_candidate_get_id (candidate), state, reason, error))
    return NULL;
  decided = lk_candidate_copy (candidate);
  lk_candidate_set_triage (decided, state, reason);
  return decided;
}

gboolean
lk_candidates_check_triaged (LkStore  *store,
                             gint64    case_id,
                             GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT count(*) FROM candidates c"
                          " JOIN candidate_lists l ON l.id = c.list_id"
                          " JOIN probes p ON p.id = l.probe_id"
                          " WHERE p.case_id = ? AND p.status = 'analysed'"
                          " AND c.triage_state = 'not-reviewed'", error);
  int n;

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, case_id);
  if (!lk_stmt_row (stmt, error, "There is no case %" G_GINT64_FORMAT, case_id))
    return FALSE;
  n = lk_stmt_int (stmt, 0);
  if (n == 0)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "%d candidate(s) have not been triaged: every candidate must be retained or "
               "eliminated before the case goes to verification", n);
  return FALSE;
}
