/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The probe analysis (the "A" of ACE-V): drafts, the lock, amendments, and the unmasking gate. */
#include "config.h"

#include "lk-json.h"

#include "reference/lk-data.h"
#include "lk-error.h"
#include "casework/lk-probes.h"
#include "lk-util.h"
#include "store/lk-image-store.h"
#include "store/lk-store-private.h"
#include "casework/lk-vocabulary.h"
#include "people/lk-session.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"
#include "casework/lk-probes-private.h"
#include "casework/lk-analysis-private.h"
#include "casework/lk-case-status-private.h"
#include "casework/lk-probe-analysis-private.h"

/* ---- validation ---------------------------------------------------------------------------- */

/* A word listed twice would be recorded twice in a locked analysis. */
static gboolean
check_once (const char * const  *words,
            const char          *what,
            GError             **error)
{
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    for (guint j = 0; j < i; j++)
      if (g_str_equal (words[i], words[j]))
        {
          g_autofree char *quoted = lk_text_escape (words[i]);

          g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The %s “%s” is named twice",
                       what, quoted);
          return FALSE;
        }
  return TRUE;
}

static gboolean
check_words (const char * const  *words,
             const char * const  *allowed,
             const char          *what,
             GError             **error)
{
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    if (!g_strv_contains (allowed, words[i]))
      {
        g_autofree char *all = g_strjoinv (", ", (char **) allowed);
        g_autofree char *quoted = lk_text_escape (words[i]);

        g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "Unknown %s “%s” (one of: %s)",
                     what, quoted, all);
        return FALSE;
      }
  return check_once (words, what, error);
}

static gboolean
check_components (const char * const  *components,
                  GError             **error)
{
  for (guint i = 0; components != NULL && components[i] != NULL; i++)
    if (!lk_feature_list_has_component (components[i]))
      {
        g_autofree char *quoted = lk_text_escape (components[i]);

        g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                     "“%s” is not a component of the feature list (%s)", quoted,
                     lk_feature_list_edition ());
        return FALSE;
      }
  return check_once (components, "component", error);
}

gboolean
lk_analysis_check (const LkAnalysis  *a,
                   GError           **error)
{
  const char * const single[] = { a->suitability, NULL };

  if (a->suitability == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "The analysis needs a suitability: suitable, limited or not-suitable");
      return FALSE;
    }
  if (!check_words (single, lk_vocabulary_suitabilities (), "suitability", error) ||
      !check_words (a->factors, lk_vocabulary_factors (), "affecting factor", error) ||
      !check_components (a->components, error))
    return FALSE;
  if (!g_str_equal (a->suitability, "suitable") && (a->factors == NULL || a->factors[0] == NULL) &&
      lk_text_is_blank (a->notes))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "A probe of limited or no suitability needs the affecting factors or a note "
                   "saying why");
      return FALSE;
    }
  return TRUE;
}

static JsonArray *
words_json (const char * const *words)
{
  JsonArray *a = json_array_new ();

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    json_array_add_string_element (a, words[i]);
  return a;
}

static char *
words_text (const char * const *words)
{
  g_autoptr(JsonArray) array = words_json (words);

  return lk_json_array_text (array);
}

static JsonObject *
analysis_json (const LkAnalysis *a)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "suitability", a->suitability);
  json_object_set_array_member (o, "factors", words_json (a->factors));
  json_object_set_array_member (o, "components", words_json (a->components));
  json_object_set_string_member (o, "notes", a->notes ? a->notes : "");
  return o;
}

/* ---- the record against its signing event ------------------------------------------------ */

/* The analysis and the event that locked (or amended) its revision; no hash is stored for an
 * analysis, so the event's details are the record to hold it to. */
#define LOCKED_COLUMNS \
  "a.id, a.probe_id, a.revision, a.suitability, a.factors, a.components, a.notes," \
  " a.amendment_reason, e.seq, e.details FROM analyses a LEFT JOIN audit_event e" \
  " ON e.seq = (SELECT max (x.seq) FROM audit_event x WHERE x.object = 'probe:' || a.probe_id" \
  "  AND x.action IN ('analysis.locked', 'analysis.amended')" \
  "  AND CAST (json_extract (x.details, '$.revision') AS INTEGER) = a.revision)"

static gboolean
words_match (JsonObject *details,
             const char *member,
             const char *stored)
{
  JsonNode *node = json_object_get_member (details, member);
  g_autofree char *text = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  text = lk_json_array_text (json_node_get_array (node));
  return g_strcmp0 (text, stored) == 0;
}

static gboolean
locked_intact (LkStmt *stmt)
{
  /* Details that no longer parse are the answer: the lock is not intact. */
  g_autoptr(JsonNode) node = lk_stmt_is_null (stmt, 9) ? NULL
                             : lk_json_load_stored (lk_stmt_text (stmt, 9), NULL);
  JsonObject *details = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                                              : NULL;

  return details != NULL &&
         g_strcmp0 (json_object_get_string_member_with_default (details, "suitability", NULL),
                    lk_stmt_text (stmt, 3)) == 0 &&
         words_match (details, "factors", lk_stmt_text (stmt, 4)) &&
         words_match (details, "components", lk_stmt_text (stmt, 5)) &&
         g_strcmp0 (json_object_get_string_member_with_default (details, "notes", NULL),
                    lk_stmt_text (stmt, 6)) == 0 &&
         g_strcmp0 (json_object_get_string_member_with_default (details, "reason", NULL),
                    lk_stmt_text (stmt, 7)) == 0;
}

gboolean
lk_analysis_check_locked (LkStore    *store,
                          GPtrArray  *mismatches,
                          GError    **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT " LOCKED_COLUMNS " ORDER BY a.id",
                                          error);

  g_return_val_if_fail (LK_IS_STORE (store), FALSE);

  if (stmt == NULL)
    return FALSE;
  while (lk_stmt_next (stmt, error))
    if (!locked_intact (stmt))
      g_ptr_array_add (mismatches,
                       lk_audit_mismatch_new (lk_stmt_int64 (stmt, 8),
                                              "analysis %" G_GINT64_FORMAT " (probe %"
                                              G_GINT64_FORMAT ", revision %d)",
                                              lk_stmt_int64 (stmt, 0), lk_stmt_int64 (stmt, 1),
                                              lk_stmt_int (stmt, 2)));
  return !lk_stmt_failed (stmt);
}

/* ---- reading ------------------------------------------------------------------------------- */

LkProbeAnalysis *
lk_analysis_get_draft (LkSession  *session,
                       gint64      probe_id,
                       GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkStoreLock) locker = NULL;
  g_autoptr(LkStmt) stmt = NULL;
  g_autoptr(JsonNode) root = NULL;
  LkActor actor;

  if (!lk_session_require (session, LK_ROLE_EXAMINER, &actor, error))
    return NULL;
  locker = lk_store_lock (store);
  stmt = lk_store_stmt (store, "SELECT content FROM analysis_drafts WHERE probe_id = ?", error);
  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, probe_id);
  if (!lk_stmt_next (stmt, error) ||
      (root = lk_json_load_stored (lk_stmt_text (stmt, 0), error)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INTEGRITY,
                   "The stored draft of probe %" G_GINT64_FORMAT " is not an analysis", probe_id);
      return NULL;
    }
  return lk_probe_analysis_new_draft (json_node_get_object (root));
}

/* ---- writing ------------------------------------------------------------------------------- */

static gboolean
begin_change (LkSession   *session,
              gint64       probe_id,
              LkActor     *actor,
              LkTxn      **txn,
              LkProbePlace *row,
              GError     **error)
{
  LkStore *store = lk_session_get_store (session);

  return lk_session_require (session, LK_ROLE_EXAMINER, actor, error) &&
         (*txn = lk_txn_begin (store, error)) != NULL &&
         lk_probes_read_place (store, probe_id, row, error);
}

static gboolean
require_unlocked (const LkProbePlace  *row,
                  GError         **error)
{
  if (g_str_equal (row->status, "awaiting-analysis"))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "The analysis of probe %" G_GINT64_FORMAT " is locked; it can only be amended, "
               "with a reason", row->id);
  return FALSE;
}

gboolean
lk_analysis_choose_face (LkSession  *session,
                       gint64      probe_id,
                       int         face_index,
                       GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  g_auto(LkProbePlace) row = { 0 };
  g_autoptr(LkStmt) stmt = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *object = lk_object_name ("probe", probe_id);
  LkActor actor;

  if (!begin_change (session, probe_id, &actor, &txn, &row, error) ||
      !require_unlocked (&row, error))
    return FALSE;
  if (face_index < 0 || face_index >= row.n_faces)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "Probe %" G_GINT64_FORMAT " has %d detected faces; there is no face %d",
                   probe_id, row.n_faces, face_index);
      return FALSE;
    }
  stmt = lk_store_stmt (store, "UPDATE probes SET face_index = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int (stmt, 1, face_index);
  lk_stmt_bind_int64 (stmt, 2, probe_id);
  json_object_set_int_member (details, "face_index", face_index);
  return lk_stmt_done (stmt, error) &&
         lk_audit_append (store, &actor, "probe.face-chosen", object, details, error) &&
         lk_txn_commit (txn, error);
}

gboolean
lk_analysis_save_draft (LkSession         *session,
                      gint64             probe_id,
                      const LkAnalysis  *analysis,
                      GError           **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  g_auto(LkProbePlace) row = { 0 };
  g_autoptr(LkStmt) stmt = NULL;
  g_autoptr(JsonObject) content = analysis_json (analysis);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), content);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autofree char *now = lk_now_utc ();
  g_autofree char *object = lk_object_name ("probe", probe_id);
  LkActor actor;

  if (!begin_change (session, probe_id, &actor, &txn, &row, error) ||
      !require_unlocked (&row, error) ||
      (stmt = lk_store_stmt (store, "INSERT INTO analysis_drafts (probe_id, content,"
                                    " user_id, updated_at) VALUES (?, ?, ?, ?)"
                                    " ON CONFLICT (probe_id) DO UPDATE SET"
                                    " content = excluded.content, user_id = excluded.user_id,"
                                    " updated_at = excluded.updated_at", error)) == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, probe_id);
  lk_stmt_bind_text (stmt, 2, text);
  lk_stmt_bind_int64 (stmt, 3, lk_session_get_user_id (session));
  lk_stmt_bind_text (stmt, 4, now);
  return lk_stmt_done (stmt, error) &&
         lk_audit_append (store, &actor, "analysis.draft-saved", object, content, error) &&
         lk_txn_commit (txn, error);
}

static int
latest_revision (LkStore  *store,
                 gint64    probe_id,
                 gint64   *analysis_id,
                 GError  **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT id, revision FROM analyses WHERE probe_id = ?"
                          " ORDER BY revision DESC LIMIT 1", error);

  *analysis_id = 0;
  if (stmt == NULL)
    return -1;
  lk_stmt_bind_int64 (stmt, 1, probe_id);
  if (!lk_stmt_next (stmt, error))
    return error != NULL && *error != NULL ? -1 : 0;
  *analysis_id = lk_stmt_int64 (stmt, 0);
  return lk_stmt_int (stmt, 1);
}

static gboolean
insert_analysis (LkStore           *store,
                 const LkProbePlace *row,
                 const LkAnalysis  *a,
                 gint64             user_id,
                 int                revision,
                 gint64             amends,
                 const char        *reason,
                 GError           **error)
{
  g_autofree char *factor_text = words_text (a->factors);
  g_autofree char *component_text = words_text (a->components);
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO analyses (probe_id, revision, suitability, factors,"
                          " components, notes, feature_list, face_index, examiner_id, locked_at,"
                          " amends, amendment_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, row->id);
  lk_stmt_bind_int (stmt, 2, revision);
  lk_stmt_bind_text (stmt, 3, a->suitability);
  lk_stmt_bind_text (stmt, 4, factor_text);
  lk_stmt_bind_text (stmt, 5, component_text);
  lk_stmt_bind_text (stmt, 6, a->notes ? a->notes : "");
  lk_stmt_bind_text (stmt, 7, lk_feature_list_edition ());
  if (row->face_index >= 0)
    lk_stmt_bind_int (stmt, 8, row->face_index);
  lk_stmt_bind_int64 (stmt, 9, user_id);
  lk_stmt_bind_text (stmt, 10, now);
  if (amends > 0)
    lk_stmt_bind_int64 (stmt, 11, amends);
  if (reason != NULL)
    lk_stmt_bind_text (stmt, 12, reason);
  return lk_stmt_done (stmt, error);
}

static gboolean
set_probe_status (LkStore     *store,
                  gint64       probe_id,
                  const char  *suitability,
                  GError     **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "UPDATE probes SET status = ? WHERE id = ?",
                                          error);
  g_autoptr(LkStmt) drop = NULL;

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, g_str_equal (suitability, "not-suitable") ? "not-suitable"
                                                                        : "analysed");
  lk_stmt_bind_int64 (stmt, 2, probe_id);
  if (!lk_stmt_done (stmt, error))
    return FALSE;
  drop = lk_store_stmt (store, "DELETE FROM analysis_drafts WHERE probe_id = ?", error);
  if (drop == NULL)
    return FALSE;
  lk_stmt_bind_int64 (drop, 1, probe_id);
  return lk_stmt_done (drop, error);
}

static gboolean
write_revision (LkSession         *session,
                const LkActor     *actor,
                const LkProbePlace *row,
                const LkAnalysis  *a,
                const char        *reason,
                GError           **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(JsonObject) details = analysis_json (a);
  g_autofree char *object = lk_object_name ("probe", row->id);
  gint64 previous_id;
  int revision = latest_revision (store, row->id, &previous_id, error);

  if (revision < 0)
    return FALSE;
  json_object_set_int_member (details, "revision", revision + 1);
  if (reason != NULL)
    json_object_set_string_member (details, "reason", reason);
  return insert_analysis (store, row, a, lk_session_get_user_id (session), revision + 1,
                          previous_id, reason, error) &&
         set_probe_status (store, row->id, a->suitability, error) &&
         lk_audit_append (store, actor, reason ? "analysis.amended" : "analysis.locked", object,
                          details, error);
}

/* The case moves from analysis to examination by itself once every probe is analysed. */
static gboolean
move_on_when_all_analysed (LkSession           *session,
                           const LkActor       *actor,
                           const LkProbePlace  *row,
                           GError             **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(GError) pending = NULL;

  if (!g_str_equal (row->case_status, "analysis"))
    return TRUE;
  if (!lk_analysis_check_all_done (store, row->case_id, &pending))
    {
      /* Other probes still wait: the case stays in analysis. */
      if (g_error_matches (pending, LK_ERROR, LK_ERROR_INVALID_INPUT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&pending));
      return FALSE;
    }
  return lk_case_status_set (store, actor, lk_session_get_user_id (session), row->case_id,
                             row->case_number, "examination", "every probe analysed", error);
}

gboolean
lk_analysis_lock (LkSession         *session,
                         gint64             probe_id,
                         const LkAnalysis  *analysis,
                         GError           **error)
{
  g_autoptr(LkTxn) txn = NULL;
  g_auto(LkProbePlace) row = { 0 };
  LkActor actor;

  return lk_analysis_check (analysis, error) &&
         begin_change (session, probe_id, &actor, &txn, &row, error) &&
         require_unlocked (&row, error) &&
         write_revision (session, &actor, &row, analysis, NULL, error) &&
         move_on_when_all_analysed (session, &actor, &row, error) &&
         lk_txn_commit (txn, error);
}

gboolean
lk_analysis_amend (LkSession         *session,
                          gint64             probe_id,
                          const LkAnalysis  *analysis,
                          const char        *reason,
                          GError           **error)
{
  g_autoptr(LkTxn) txn = NULL;
  g_auto(LkProbePlace) row = { 0 };
  LkActor actor;

  if (lk_text_is_blank (reason))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "An amendment needs a reason");
      return FALSE;
    }
  if (!lk_analysis_check (analysis, error) ||
      !begin_change (session, probe_id, &actor, &txn, &row, error))
    return FALSE;
  if (g_str_equal (row.status, "awaiting-analysis"))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "Probe %" G_GINT64_FORMAT " has no locked analysis to amend", probe_id);
      return FALSE;
    }
  return write_revision (session, &actor, &row, analysis, reason, error) &&
         lk_txn_commit (txn, error);
}

gboolean
lk_analysis_require_unmasked (LkSession  *session,
                            gint64      probe_id,
                            GError    **error)
{
  g_auto(LkProbePlace) row = { 0 };
  LkActor actor;

  if (!lk_session_require (session, LK_ROLE_EXAMINER | LK_ROLE_REVIEWER | LK_ROLE_ADMINISTRATOR,
                           &actor, error) ||
      !lk_probes_read_place (lk_session_get_store (session), probe_id, &row, error))
    return FALSE;
  if (g_str_equal (row.status, "analysed"))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_MASKED,
               g_str_equal (row.status, "not-suitable")
               ? "Probe %" G_GINT64_FORMAT " was analysed as not suitable; it has no candidates "
                 "to examine"
               : "Candidates of probe %" G_GINT64_FORMAT " stay masked until its analysis is "
                 "locked", probe_id);
  return FALSE;
}

gboolean
lk_analysis_check_all_done (LkStore  *store,
                              gint64    case_id,
                              GError  **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT count(*), count (*) FILTER (WHERE status = 'awaiting-analysis')"
                          " FROM probes"
                          " WHERE case_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, case_id);
  if (!lk_stmt_row (stmt, error, "There is no case %" G_GINT64_FORMAT, case_id))
    return FALSE;
  if (lk_stmt_int (stmt, 0) == 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "The case has no probe yet; import and analyse one first");
      return FALSE;
    }
  if (lk_stmt_int (stmt, 1) > 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "%d probe(s) still await a locked analysis", lk_stmt_int (stmt, 1));
      return FALSE;
    }
  return TRUE;
}
