/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Feature-by-feature observations of one examination, and the gates shared with the
 * conclusions. */
#include "config.h"

#include "lk-json.h"

#include "examination/lk-conclusions-private.h"
#include "examination/lk-observation-private.h"
#include "lk-error.h"
#include "governance/lk-feature-lists.h"
#include "lk-util.h"
#include "store/lk-store-private.h"
#include "verification/lk-verification-gate-private.h"
#include "casework/lk-vocabulary.h"
#include "examination/lk-conclusions.h"
#include "people/lk-session.h"
#include "reference/lk-data.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

#define TEXT(i) (lk_stmt_text (stmt, (i)))

/* ---- the examination ----------------------------------------------------------------------- */

void
lk_exam_row_clear (LkExamRow *row)
{
  g_clear_pointer (&row->purpose, g_free);
  g_clear_pointer (&row->feature_list, g_free);
  g_clear_pointer (&row->suitability, g_free);
  g_clear_pointer (&row->case_number, g_free);
  g_clear_pointer (&row->case_status, g_free);
}

char *
lk_exam_object (gint64 examination_id)
{
  return g_strdup_printf ("examination:%" G_GINT64_FORMAT, examination_id);
}

gboolean
lk_exam_row_read (LkStore    *store,
                  gint64      examination_id,
                  LkExamRow  *row,
                  GError    **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT e.id, e.probe_id, e.examiner_id, e.feature_list,"
                          " (SELECT a.suitability FROM analyses a WHERE a.probe_id = e.probe_id"
                          "  ORDER BY a.revision DESC LIMIT 1), c.number, c.status, e.purpose"
                          " FROM examinations e JOIN probes p ON p.id = e.probe_id"
                          " JOIN cases c ON c.id = p.case_id WHERE e.id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, examination_id);
  if (!lk_stmt_row (stmt, error, "There is no examination %" G_GINT64_FORMAT, examination_id))
    return FALSE;
  row->id = lk_stmt_int64 (stmt, 0);
  row->probe_id = lk_stmt_int64 (stmt, 1);
  row->examiner_id = lk_stmt_int64 (stmt, 2);
  row->feature_list = g_strdup (TEXT (3));
  row->suitability = g_strdup (TEXT (4));
  row->case_number = g_strdup (TEXT (5));
  row->case_status = g_strdup (TEXT (6));
  row->purpose = g_strdup (TEXT (7));
  return TRUE;
}

static gboolean
refuse_other_user (LkSession      *session,
                   const LkActor  *actor,
                   gint64          examination_id,
                   GError        **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *object = lk_exam_object (examination_id);

  json_object_set_string_member (details, "reason", "not the examiner of this examination");
  /* A refusal that cannot be recorded fails with that error, not as a plain refusal. */
  if (!lk_audit_record (lk_session_get_store (session), actor, "access.denied", object, details,
                        error))
    return FALSE;
  g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED,
               "Permission denied: only the examiner of examination %" G_GINT64_FORMAT
               " may do this", examination_id);
  return FALSE;
}

/* The examiner's own examination is worked on while the case is in analysis or examination;
 * a reviewer's (purpose verification) while their verification is open to them. */
static gboolean
check_work_open (LkStore          *store,
                 const LkExamRow  *row,
                 GError          **error)
{
  if (g_str_equal (row->purpose, "verification"))
    return lk_verification_check_work_open (store, row->id, row->purpose, row->examiner_id,
                                            error);
  /* As for the examination itself: once the case went to verification, what the verifier
   * checks stays as it was. */
  if (g_str_equal (row->case_status, "analysis") || g_str_equal (row->case_status, "examination"))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "Case %s is %s; observations and conclusions "
               "are recorded while a case is in analysis or examination", row->case_number,
               lk_vocabulary_case_status_label (row->case_status));
  return FALSE;
}

gboolean
lk_exam_require_examiner (LkSession  *session,
                          gint64      examination_id,
                          LkActor    *actor,
                          LkExamRow  *row,
                          GError    **error)
{
  LkStore *store = lk_session_get_store (session);

  if (!lk_session_require (session, LK_ROLE_EXAMINER | LK_ROLE_REVIEWER, actor, error) ||
      !lk_exam_row_read (store, examination_id, row, error))
    return FALSE;
  if (row->examiner_id != lk_session_get_user_id (session))
    return refuse_other_user (session, actor, examination_id, error);
  return lk_session_require (session, lk_verification_worker_role (row->purpose), actor, error) &&
         check_work_open (store, row, error);
}

gboolean
lk_exam_require_reader (LkSession  *session,
                        gint64      examination_id,
                        LkActor    *actor,
                        LkExamRow  *row,
                        GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  gint64 me = lk_session_get_user_id (session);

  if (!lk_session_require (session, LK_ROLE_EXAMINER | LK_ROLE_REVIEWER | LK_ROLE_ADMINISTRATOR,
                           actor, error) ||
      !lk_exam_row_read (store, examination_id, row, error))
    return FALSE;
  if (row->examiner_id == me)
    return TRUE;
  /* Another examiner may be the blind verifier: they must not read this examination. */
  if (!lk_session_has_role (session, LK_ROLE_REVIEWER | LK_ROLE_ADMINISTRATOR))
    return refuse_other_user (session, actor, examination_id, error);
  /* Nor may a reviewer before signing their own conclusion in a blind verification. */
  return lk_verification_require_unblinded (store, me, row->probe_id, 0,
                                            "the other examinations of this probe", error);
}

int
lk_conclusions_latest (LkStore  *store,
                       gint64    examination_id,
                       gint64   *conclusion_id,
                       GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT id, revision FROM conclusions WHERE examination_id = ?"
                          " ORDER BY revision DESC LIMIT 1", error);

  *conclusion_id = 0;
  if (stmt == NULL)
    return -1;
  lk_stmt_bind_int64 (stmt, 1, examination_id);
  if (!lk_stmt_next (stmt, error))
    return lk_stmt_failed (stmt) ? -1 : 0;
  *conclusion_id = lk_stmt_int64 (stmt, 0);
  return lk_stmt_int (stmt, 1);
}

int
lk_conclusions_current_signed (LkStore  *store,
                               gint64    examination_id,
                               GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT 1 FROM signed_examinations WHERE examination_id = ?", error);

  if (stmt == NULL)
    return -1;
  lk_stmt_bind_int64 (stmt, 1, examination_id);
  if (!lk_stmt_next (stmt, error))
    return lk_stmt_failed (stmt) ? -1 : 0;
  return 1;
}

gboolean
lk_conclusions_require_unsigned (LkStore     *store,
                                 gint64       examination_id,
                                 const char  *what,
                                 GError     **error)
{
  int signed_now = lk_conclusions_current_signed (store, examination_id, error);

  if (signed_now < 0)
    return FALSE;
  if (signed_now == 0)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_REFUSED,
               "The conclusion of examination %" G_GINT64_FORMAT " is signed: %s %s frozen with "
               "it (amend the conclusion to record a change)", examination_id, what,
               g_str_has_suffix (what, "s") ? "are" : "is");
  return FALSE;
}

/* ---- reading ------------------------------------------------------------------------------- */

static JsonObject *
observation_json (LkStmt     *stmt,
                  JsonObject *list)
{
  JsonObject *o = json_object_new ();
  JsonObject *component = NULL;
  JsonObject *characteristic = lk_feature_list_find (list, TEXT (0), &component);

  json_object_set_string_member (o, "characteristic", TEXT (0));
  lk_json_set_text (o, "component",
                    component ? json_object_get_string_member (component, "name") : NULL);
  lk_json_set_text (o, "name",
                    characteristic ? json_object_get_string_member (characteristic, "name")
                                   : NULL);
  lk_json_set_text (o, "visibility_probe", TEXT (1));
  lk_json_set_text (o, "visibility_candidate", TEXT (2));
  lk_json_set_text (o, "result", TEXT (3));
  lk_json_set_text (o, "significance", TEXT (4));
  json_object_set_string_member (o, "note", TEXT (5));
  json_object_set_array_member (o, "annotations", lk_json_parse_array (TEXT (6)));
  json_object_set_string_member (o, "updated_at", TEXT (7));
  return o;
}

/* The position of a characteristic in the list, so that observations read top to bottom. */
static guint
list_position (JsonObject *list,
               const char *id)
{
  JsonArray *components = json_object_get_array_member (list, "components");
  guint position = 0;

  for (guint i = 0; i < json_array_get_length (components); i++)
    {
      JsonArray *characteristics =
        json_object_get_array_member (json_array_get_object_element (components, i),
                                      "characteristics");

      for (guint j = 0; j < json_array_get_length (characteristics); j++, position++)
        if (g_strcmp0 (json_object_get_string_member (
                         json_array_get_object_element (characteristics, j), "id"), id) == 0)
          return position;
    }
  return G_MAXUINT;
}

typedef struct
{
  guint       position;
  JsonObject *object;
} Placed;

static int
compare_placed (gconstpointer a,
                gconstpointer b)
{
  const Placed *x = a;
  const Placed *y = b;

  return (x->position > y->position) - (x->position < y->position);
}

static JsonArray *
sorted_array (GArray *placed)
{
  JsonArray *array = json_array_new ();

  g_array_sort (placed, compare_placed);
  for (guint i = 0; i < placed->len; i++)
    json_array_add_object_element (array, g_array_index (placed, Placed, i).object);
  return array;
}

JsonArray *
lk_observations_json (LkStore     *store,
                      gint64       examination_id,
                      JsonObject  *list,
                      GError     **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT characteristic, visibility_probe, visibility_candidate,"
                          " result, significance, note, annotation_ids, updated_at"
                          " FROM observations WHERE examination_id = ? ORDER BY characteristic",
                   error);
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, examination_id);
  while (lk_stmt_next (stmt, error))
    {
      Placed p = { list_position (list, TEXT (0)), observation_json (stmt, list) };

      g_array_append_val (placed, p);
    }
  if (lk_stmt_failed (stmt))
    {
      for (guint i = 0; i < placed->len; i++)
        json_object_unref (g_array_index (placed, Placed, i).object);
      return NULL;
    }
  return sorted_array (placed);
}

void
lk_observations_count (JsonArray *observations,
                       guint     *with_result,
                       guint     *compared)
{
  *with_result = *compared = 0;
  for (guint i = 0; i < json_array_get_length (observations); i++)
    {
      JsonObject *o = json_array_get_object_element (observations, i);
      const char *result = json_object_get_null_member (o, "result") ? NULL
                           : json_object_get_string_member (o, "result");

      if (result == NULL)
        continue;
      (*with_result)++;
      if (!g_str_equal (result, "not-assessable"))
        (*compared)++;
    }
}

static JsonObject *
edition_of (LkStore          *store,
            const LkExamRow  *row,
            GError          **error)
{
  return lk_feature_lists_for_edition (store, row->feature_list, error);
}

JsonArray *
lk_observations_get (LkSession  *session,
                     gint64      examination_id,
                     GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(LkExamRow) row = { 0 };
  g_autoptr(JsonObject) list = NULL;
  g_autofree char *object = lk_exam_object (examination_id);
  LkActor actor;

  if (!lk_exam_require_reader (session, examination_id, &actor, &row, error) ||
      (list = edition_of (store, &row, error)) == NULL ||
      !lk_audit_record (store, &actor, "observations.viewed", object, NULL, error))
    return NULL;
  return lk_observations_json (store, examination_id, list, error);
}

GListModel *
lk_observations_list (LkSession  *session,
                      gint64      examination_id,
                      GError    **error)
{
  g_autoptr(JsonArray) observations = lk_observations_get (session, examination_id, error);

  return observations != NULL ? lk_observation_list_from_json (observations) : NULL;
}

gboolean
lk_observations_progress (LkSession  *session,
                          gint64      examination_id,
                          guint      *assessed,
                          guint      *total,
                          GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(LkExamRow) row = { 0 };
  g_autoptr(JsonObject) list = NULL;
  g_autoptr(JsonArray) observations = NULL;
  guint compared;
  LkActor actor;

  g_return_val_if_fail (assessed != NULL && total != NULL, FALSE);

  if (!lk_exam_require_reader (session, examination_id, &actor, &row, error) ||
      (list = edition_of (store, &row, error)) == NULL ||
      (observations = lk_observations_json (store, examination_id, list, error)) == NULL)
    return FALSE;
  lk_observations_count (observations, assessed, &compared);
  *total = lk_feature_list_count_characteristics (list);
  return TRUE;
}

/* ---- writing ------------------------------------------------------------------------------- */

static gboolean
check_word (const char          *value,
            const char * const  *allowed,
            const char          *what,
            GError             **error)
{
  g_autofree char *all = NULL;

  if (value == NULL || g_strv_contains (allowed, value))
    return TRUE;
  all = g_strjoinv (", ", (char **) allowed);
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "Unknown %s “%s” (one of: %s)", what,
               value, all);
  return FALSE;
}

gboolean
lk_observation_spec_check_words (const LkObservationSpec  *o,
                                 GError                  **error)
{
  return check_word (o->visibility_probe, lk_observation_visibilities (), "visibility", error) &&
         check_word (o->visibility_candidate, lk_observation_visibilities (), "visibility",
                     error) &&
         check_word (o->result, lk_observation_results (), "result", error) &&
         check_word (o->significance, lk_observation_significances (), "significance", error);
}

static gboolean
check_observation (const LkObservationSpec  *o,
                   GError                  **error)
{
  if (lk_text_is_blank (o->characteristic))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "An observation needs a characteristic");
      return FALSE;
    }
  return lk_observation_spec_check_words (o, error);
}

static gboolean
check_characteristic (JsonObject               *list,
                      const LkExamRow          *row,
                      const LkObservationSpec  *o,
                      GError                  **error)
{
  if (lk_feature_list_find (list, o->characteristic, NULL) != NULL)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "“%s” is not a characteristic of the feature list “%s” of examination %"
               G_GINT64_FORMAT, o->characteristic, row->feature_list, row->id);
  return FALSE;
}

static gboolean
require_unsigned (LkStore  *store,
                  gint64    examination_id,
                  GError  **error)
{
  return lk_conclusions_require_unsigned (store, examination_id, "its observations", error);
}

static gboolean
check_annotation (LkStore  *store,
                  gint64    examination_id,
                  gint64    annotation_id,
                  GError  **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT 1 FROM annotations WHERE id = ? AND"
                                                 " examination_id = ? AND deleted_at IS NULL",
                                          error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, annotation_id);
  lk_stmt_bind_int64 (stmt, 2, examination_id);
  if (lk_stmt_next (stmt, error))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "Annotation %" G_GINT64_FORMAT " is not an annotation of examination %"
               G_GINT64_FORMAT, annotation_id, examination_id);
  return FALSE;
}

static JsonArray *
annotation_array (const LkObservationSpec *o)
{
  JsonArray *ids = json_array_new ();

  for (guint i = 0; i < o->n_annotation_ids; i++)
    json_array_add_int_element (ids, o->annotation_ids[i]);
  return ids;
}

static char *
annotation_text (const LkObservationSpec *o)
{
  g_autoptr(JsonArray) ids = annotation_array (o);
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), ids);

  return json_to_string (node, FALSE);
}

static void
bind_text_or_null (LkStmt     *stmt,
                   int         index,
                   const char *value)
{
  if (value != NULL)
    lk_stmt_bind_text (stmt, index, value);
  else
    lk_stmt_bind_null (stmt, index);
}

static gboolean
upsert (LkStore                  *store,
        gint64                    examination_id,
        const LkObservationSpec  *o,
        GError                  **error)
{
  g_autofree char *annotations = annotation_text (o);
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO observations (examination_id, characteristic,"
                          " visibility_probe, visibility_candidate, result, significance, note,"
                          " annotation_ids, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                          " ON CONFLICT (examination_id, characteristic) DO UPDATE SET"
                          " visibility_probe = excluded.visibility_probe,"
                          " visibility_candidate = excluded.visibility_candidate,"
                          " result = excluded.result, significance = excluded.significance,"
                          " note = excluded.note, annotation_ids = excluded.annotation_ids,"
                          " updated_at = excluded.updated_at", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, examination_id);
  lk_stmt_bind_text (stmt, 2, o->characteristic);
  bind_text_or_null (stmt, 3, o->visibility_probe);
  bind_text_or_null (stmt, 4, o->visibility_candidate);
  bind_text_or_null (stmt, 5, o->result);
  bind_text_or_null (stmt, 6, o->significance);
  lk_stmt_bind_text (stmt, 7, o->note ? o->note : "");
  lk_stmt_bind_text (stmt, 8, annotations);
  lk_stmt_bind_text (stmt, 9, now);
  return lk_stmt_done (stmt, error);
}

static JsonObject *
observation_details (const LkObservationSpec *o)
{
  JsonObject *details = json_object_new ();

  json_object_set_string_member (details, "characteristic", o->characteristic);
  lk_json_set_text (details, "visibility_probe", o->visibility_probe);
  lk_json_set_text (details, "visibility_candidate", o->visibility_candidate);
  lk_json_set_text (details, "result", o->result);
  lk_json_set_text (details, "significance", o->significance);
  json_object_set_string_member (details, "note", o->note ? o->note : "");
  json_object_set_array_member (details, "annotations", annotation_array (o));
  return details;
}

static gboolean
write_observation (LkStore                  *store,
                   const LkActor            *actor,
                   gint64                    examination_id,
                   const LkObservationSpec  *o,
                   GError                  **error)
{
  g_autoptr(JsonObject) details = observation_details (o);
  g_autofree char *object = lk_exam_object (examination_id);

  for (guint i = 0; i < o->n_annotation_ids; i++)
    if (!check_annotation (store, examination_id, o->annotation_ids[i], error))
      return FALSE;
  return upsert (store, examination_id, o, error) &&
         lk_audit_append (store, actor, "observation.recorded", object, details, error);
}

gboolean
lk_observations_set (LkSession                *session,
                     gint64                    examination_id,
                     const LkObservationSpec  *observation,
                     GError                  **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(LkExamRow) row = { 0 };
  g_autoptr(JsonObject) list = NULL;
  g_autoptr(LkTxn) txn = NULL;
  LkActor actor;

  g_return_val_if_fail (observation != NULL, FALSE);

  if (!check_observation (observation, error) ||
      !lk_exam_require_examiner (session, examination_id, &actor, &row, error) ||
      (list = edition_of (store, &row, error)) == NULL ||
      !check_characteristic (list, &row, observation, error) ||
      (txn = lk_txn_begin (store, error)) == NULL)
    return FALSE;
  return require_unsigned (store, examination_id, error) &&
         write_observation (store, &actor, examination_id, observation, error) &&
         lk_txn_commit (txn, error);
}
