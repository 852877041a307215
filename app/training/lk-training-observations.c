/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A trainee's feature comparison of an item, kept as casework keeps an examiner's: per
 * characteristic the visibility in each image, the result, the significance and a note, in a
 * table of its own (training_observations), and the enhancement stack of each image saved with
 * the attempt. Both are frozen by the submission and read back by the trainer. */
#include "config.h"

#include "training/lk-training-private.h"

#include "examination/lk-conclusions-private.h"
#include "examination/lk-observation-private.h"
#include "governance/lk-feature-lists.h"
#include "lk-error.h"
#include "lk-json.h"
#include "lk-util.h"
#include "reference/lk-feature-list.h"
#include "store/lk-audit.h"

/* ---- the attempt ---------------------------------------------------------------------------- */

typedef struct
{
  gint64  id;         /* 0: not opened yet */
  char   *edition;    /* the feature list of the attempt (the current one before it) */
  char   *enhancements[2];
} Attempt;

static void
attempt_clear (Attempt *attempt)
{
  g_clear_pointer (&attempt->edition, g_free);
  for (int i = 0; i < 2; i++)
    g_clear_pointer (&attempt->enhancements[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Attempt, attempt_clear)

const char *
lk_training_reader_of (LkSession   *session,
                       const char  *trainee,
                       GError     **error)
{
  LkTrainingView view;
  LkActor actor;

  if (!lk_training_require (session, TRUE, &actor, &view, error))
    return NULL;
  if (view == LK_TRAINING_TRAINEE)
    {
      if (trainee == NULL || g_str_equal (trainee, lk_session_get_user_name (session)))
        return lk_session_get_user_name (session);
      g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED,
                   "Permission denied: a trainee reads only their own work");
      return NULL;
    }
  if (trainee == NULL)
    g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "Name the trainee whose work to read");
  return trainee;
}

LkStmt *
lk_training_attempt_row (LkStore     *store,
                         const char  *columns,
                         gint64       item_id,
                         const char  *trainee,
                         GError     **error)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT %s FROM training_items i JOIN training_assignments a"
                     " ON a.exercise_id = i.exercise_id JOIN users u ON u.id = a.trainee_id"
                     " LEFT JOIN training_attempts t ON t.assignment_id = a.id"
                     " AND t.item_id = i.id WHERE i.id = ? AND u.name = ?", columns);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, item_id);
  lk_stmt_bind_text (stmt, 2, trainee);
  if (!lk_stmt_row (stmt, error, "Item %" G_GINT64_FORMAT " is not assigned to %s", item_id,
                    trainee))
    return NULL;
  return g_steal_pointer (&stmt);
}

/* @trainee's attempt of @item_id, which must be assigned to them. */
static gboolean
read_attempt (LkStore     *store,
              gint64       item_id,
              const char  *trainee,
              Attempt     *attempt,
              GError     **error)
{
  g_autoptr(LkStmt) stmt =
    lk_training_attempt_row (store, "t.id, t.feature_list, t.enhancements_a, t.enhancements_b",
                             item_id, trainee, error);

  if (stmt == NULL)
    return FALSE;
  attempt->id = lk_stmt_is_null (stmt, 0) ? 0 : lk_stmt_int64 (stmt, 0);
  attempt->edition = attempt->id != 0 ? lk_stmt_dup_text (stmt, 1)
                                      : lk_feature_lists_current_edition (store, error);
  attempt->enhancements[0] = g_strdup (attempt->id != 0 ? lk_stmt_text (stmt, 2) : "[]");
  attempt->enhancements[1] = g_strdup (attempt->id != 0 ? lk_stmt_text (stmt, 3) : "[]");
  return attempt->edition != NULL;
}

/* The acting trainee's open attempt of @item_id, for a change. */
static gboolean
require_open (LkSession  *session,
              gint64      item_id,
              LkActor    *actor,
              Attempt    *attempt,
              GError    **error)
{
  g_autoptr(LkTrainingItem) item = NULL;
  gint64 assignment;

  return lk_training_item_for_trainee (session, item_id, actor, &assignment, &item, error) &&
         lk_training_item_require_open (item, error) &&
         read_attempt (lk_session_get_store (session), item_id,
                       lk_session_get_user_name (session), attempt, error);
}

gint64
lk_training_attempt_for_change (LkSession  *session,
                                gint64      item_id,
                                LkActor    *actor,
                                GError    **error)
{
  g_auto(Attempt) attempt = { 0 };

  return require_open (session, item_id, actor, &attempt, error) ? attempt.id : 0;
}

static gboolean
append_event (LkStore     *store,
              LkActor     *actor,
              const char  *action,
              gint64       item_id,
              JsonObject  *details,
              GError     **error)
{
  g_autofree char *object = lk_object_name ("exercise-item", item_id);

  return lk_audit_append (store, actor, action, object, details, error);
}

/* ---- observations: reading ------------------------------------------------------------------ */

#define OBSERVATION_COLUMNS \
  "SELECT characteristic, visibility_a, visibility_b, result, significance, note, updated_at" \
  " FROM training_observations WHERE attempt_id = ? ORDER BY characteristic"

/* The ids of the attempt's annotations linked to @characteristic. */
static JsonArray *
linked_annotations (JsonArray  *annotations,
                    const char *characteristic)
{
  JsonArray *ids = json_array_new ();

  for (guint i = 0; annotations != NULL && i < json_array_get_length (annotations); i++)
    {
      JsonObject *a = json_array_get_object_element (annotations, i);

      if (g_strcmp0 (lk_json_string (a, "characteristic"), characteristic) == 0)
        json_array_add_int_element (ids, json_object_get_int_member (a, "id"));
    }
  return ids;
}

static JsonObject *
observation_json (LkStmt     *stmt,
                  JsonObject *list,
                  JsonArray  *annotations)
{
  JsonObject *o = json_object_new ();
  JsonObject *component = NULL;
  JsonObject *characteristic = lk_feature_list_find (list, lk_stmt_text (stmt, 0), &component);

  json_object_set_string_member (o, "characteristic", lk_stmt_text (stmt, 0));
  lk_json_set_text (o, "component", component ? lk_json_string (component, "name") : NULL);
  lk_json_set_text (o, "name", characteristic ? lk_json_string (characteristic, "name") : NULL);
  lk_json_set_text (o, "visibility_probe", lk_stmt_text (stmt, 1));
  lk_json_set_text (o, "visibility_candidate", lk_stmt_text (stmt, 2));
  lk_json_set_text (o, "result", lk_stmt_text (stmt, 3));
  lk_json_set_text (o, "significance", lk_stmt_text (stmt, 4));
  json_object_set_string_member (o, "note", lk_stmt_text (stmt, 5));
  json_object_set_array_member (o, "annotations",
                                linked_annotations (annotations, lk_stmt_text (stmt, 0)));
  json_object_set_string_member (o, "updated_at", lk_stmt_text (stmt, 6));
  return o;
}

static JsonArray *
observations_json (LkStore     *store,
                   gint64       attempt_id,
                   const char  *edition,
                   GError     **error)
{
  g_autoptr(JsonObject) list = lk_feature_lists_for_edition (store, edition, error);
  g_autoptr(JsonArray) out = json_array_new ();
  g_autoptr(JsonArray) annotations = NULL;
  g_autoptr(LkStmt) stmt = NULL;

  if (list == NULL ||
      (annotations = lk_training_annotations_json (store, attempt_id, error)) == NULL ||
      (stmt = lk_store_stmt (store, OBSERVATION_COLUMNS, error)) == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, attempt_id);
  while (lk_stmt_next (stmt, error))
    json_array_add_object_element (out, observation_json (stmt, list, annotations));
  if (lk_stmt_failed (stmt))
    return NULL;
  return g_steal_pointer (&out);
}

GListModel *
lk_training_item_list_observations (LkSession   *session,
                                    gint64       item_id,
                                    const char  *trainee,
                                    GError     **error)
{
  LkStore *store;
  g_auto(Attempt) attempt = { 0 };
  g_autoptr(JsonArray) observations = NULL;
  const char *whose;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  store = lk_session_get_store (session);
  if ((whose = lk_training_reader_of (session, trainee, error)) == NULL ||
      !read_attempt (store, item_id, whose, &attempt, error))
    return NULL;
  if (attempt.id == 0)
    return G_LIST_MODEL (g_list_store_new (LK_TYPE_OBSERVATION));
  if ((observations = observations_json (store, attempt.id, attempt.edition, error)) == NULL)
    return NULL;
  return lk_observation_list_from_json (observations);
}

char *
lk_training_item_feature_list (LkSession   *session,
                               gint64       item_id,
                               const char  *trainee,
                               GError     **error)
{
  g_auto(Attempt) attempt = { 0 };
  const char *whose;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if ((whose = lk_training_reader_of (session, trainee, error)) == NULL ||
      !read_attempt (lk_session_get_store (session), item_id, whose, &attempt, error))
    return NULL;
  return g_steal_pointer (&attempt.edition);
}

char *
lk_training_observation_lines (LkStore  *store,
                               gint64    attempt_id,
                               GError  **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, OBSERVATION_COLUMNS, error);
  g_autoptr(GString) out = g_string_new (NULL);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, attempt_id);
  while (lk_stmt_next (stmt, error))
    if (!lk_stmt_is_null (stmt, 3))
      g_string_append_printf (out, "%s%s=%s", out->len ? "\n" : "", lk_stmt_text (stmt, 0),
                              lk_stmt_text (stmt, 3));
  if (lk_stmt_failed (stmt))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- observations: writing ------------------------------------------------------------------ */

static gboolean
check_observation (LkStore                  *store,
                   const char               *edition,
                   const LkObservationSpec  *o,
                   GError                  **error)
{
  g_autoptr(JsonObject) list = NULL;

  if (lk_text_is_blank (o->characteristic))
    return g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                        "An observation needs a characteristic"), FALSE;
  if (o->note != NULL && !g_utf8_validate (o->note, -1, NULL))
    return g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The note is not UTF-8"),
           FALSE;
  if (!lk_observation_spec_check_words (o, error) ||
      (list = lk_feature_lists_for_edition (store, edition, error)) == NULL)
    return FALSE;
  if (lk_feature_list_find (list, o->characteristic, NULL) != NULL)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "“%s” is not a characteristic of the "
               "feature list “%s”", o->characteristic, edition);
  return FALSE;
}

/* The annotations an observation links are the attempt's own, not removed, and linked to its
 * characteristic (the link itself is kept with the annotation). */
static gboolean
check_links (LkStore                  *store,
             gint64                    attempt_id,
             const LkObservationSpec  *o,
             GError                  **error)
{
  for (guint i = 0; i < o->n_annotation_ids; i++)
    {
      g_autoptr(LkStmt) stmt =
        lk_store_stmt (store, "SELECT 1 FROM training_annotations WHERE id = ? AND attempt_id = ?"
                              " AND deleted_at IS NULL AND characteristic = ?", error);

      if (stmt == NULL)
        return FALSE;
      lk_stmt_bind_int64 (stmt, 1, o->annotation_ids[i]);
      lk_stmt_bind_int64 (stmt, 2, attempt_id);
      lk_stmt_bind_text (stmt, 3, o->characteristic);
      if (lk_stmt_next (stmt, error))
        continue;
      if (!lk_stmt_failed (stmt))
        g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "Annotation %" G_GINT64_FORMAT
                     " is not one of this attempt's annotations linked to “%s”",
                     o->annotation_ids[i], o->characteristic);
      return FALSE;
    }
  return TRUE;
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
        gint64                    attempt_id,
        const LkObservationSpec  *o,
        GError                  **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO training_observations (attempt_id, characteristic,"
                          " visibility_a, visibility_b, result, significance, note, updated_at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                          " ON CONFLICT (attempt_id, characteristic) DO UPDATE SET"
                          " visibility_a = excluded.visibility_a,"
                          " visibility_b = excluded.visibility_b, result = excluded.result,"
                          " significance = excluded.significance, note = excluded.note,"
                          " updated_at = excluded.updated_at", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, attempt_id);
  lk_stmt_bind_text (stmt, 2, o->characteristic);
  bind_text_or_null (stmt, 3, o->visibility_probe);
  bind_text_or_null (stmt, 4, o->visibility_candidate);
  bind_text_or_null (stmt, 5, o->result);
  bind_text_or_null (stmt, 6, o->significance);
  lk_stmt_bind_text (stmt, 7, o->note != NULL ? o->note : "");
  lk_stmt_bind_text (stmt, 8, now);
  return lk_stmt_done (stmt, error);
}

static JsonObject *
observation_details (const LkObservationSpec *o)
{
  JsonObject *details = json_object_new ();

  json_object_set_string_member (details, "characteristic", o->characteristic);
  lk_json_set_text (details, "visibility_a", o->visibility_probe);
  lk_json_set_text (details, "visibility_b", o->visibility_candidate);
  lk_json_set_text (details, "result", o->result);
  lk_json_set_text (details, "significance", o->significance);
  json_object_set_string_member (details, "note", o->note != NULL ? o->note : "");
  return details;
}

gboolean
lk_training_item_set_observation (LkSession                *session,
                                  gint64                    item_id,
                                  const LkObservationSpec  *observation,
                                  GError                  **error)
{
  LkStore *store;
  g_auto(Attempt) attempt = { 0 };
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = NULL;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);
  g_return_val_if_fail (observation != NULL, FALSE);

  store = lk_session_get_store (session);
  if (!require_open (session, item_id, &actor, &attempt, error) ||
      !check_observation (store, attempt.edition, observation, error) ||
      !check_links (store, attempt.id, observation, error) ||
      (txn = lk_txn_begin (store, error)) == NULL)
    return FALSE;
  details = observation_details (observation);
  return upsert (store, attempt.id, observation, error) &&
         append_event (store, &actor, "training.observation.recorded", item_id, details,
                       error) &&
         lk_txn_commit (txn, error);
}

/* The CLI's `training item observe`: the result only, the rest of the row as it was. */
gboolean
lk_training_item_observe (LkSession   *session,
                          gint64       item_id,
                          const char  *characteristic,
                          const char  *result,
                          GError     **error)
{
  g_autoptr(GListModel) current = NULL;
  LkObservationSpec o = { characteristic, NULL, NULL, result, NULL, NULL, NULL, 0 };

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);
  g_return_val_if_fail (characteristic != NULL, FALSE);

  if ((current = lk_training_item_list_observations (session, item_id, NULL, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (current); i++)
    {
      g_autoptr(LkObservation) was = g_list_model_get_item (current, i);

      if (g_strcmp0 (lk_observation_get_characteristic (was), characteristic) != 0)
        continue;
      o.visibility_probe = lk_observation_get_visibility_probe (was);
      o.visibility_candidate = lk_observation_get_visibility_candidate (was);
      o.significance = lk_observation_get_significance (was);
      o.note = lk_observation_get_note (was);
      return lk_training_item_set_observation (session, item_id, &o, error);
    }
  return lk_training_item_set_observation (session, item_id, &o, error);
}

void
lk_training_observation_free (LkTrainingObservation *observation)
{
  if (observation == NULL)
    return;
  g_free (observation->id);
  g_free (observation->component);
  g_free (observation->name);
  g_free (observation->result);
  g_free (observation);
}

static const char *
result_of (GListModel *observations,
           const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (observations); i++)
    {
      g_autoptr(LkObservation) o = g_list_model_get_item (observations, i);

      if (g_strcmp0 (lk_observation_get_characteristic (o), id) == 0)
        return lk_observation_get_result (o);
    }
  return NULL;
}

GPtrArray *
lk_training_item_observations (LkSession  *session,
                               gint64      item_id,
                               GError    **error)
{
  LkStore *store;
  g_autoptr(GListModel) results = NULL;
  g_autoptr(JsonObject) list = NULL;
  g_autoptr(GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) lk_training_observation_free);
  g_autofree char *edition = NULL;
  JsonArray *components;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  store = lk_session_get_store (session);
  if ((results = lk_training_item_list_observations (session, item_id, NULL, error)) == NULL ||
      (edition = lk_training_item_feature_list (session, item_id, NULL, error)) == NULL ||
      (list = lk_feature_lists_for_edition (store, edition, error)) == NULL)
    return NULL;
  components = json_object_get_array_member (list, "components");
  for (guint i = 0; i < json_array_get_length (components); i++)
    {
      JsonObject *c = json_array_get_object_element (components, i);
      JsonArray *characteristics = json_object_get_array_member (c, "characteristics");

      for (guint j = 0; j < json_array_get_length (characteristics); j++)
        {
          JsonObject *ch = json_array_get_object_element (characteristics, j);
          LkTrainingObservation *o = g_new0 (LkTrainingObservation, 1);

          o->id = g_strdup (lk_json_string (ch, "id"));
          o->component = g_strdup (lk_json_string (c, "name"));
          o->name = g_strdup (lk_json_string (ch, "name"));
          o->result = g_strdup (result_of (results, o->id));
          g_ptr_array_add (out, o);
        }
    }
  return g_steal_pointer (&out);
}

/* ---- enhancement stacks --------------------------------------------------------------------- */

LkEnhancementStack *
lk_training_item_get_enhancements (LkSession   *session,
                                   gint64       item_id,
                                   const char  *trainee,
                                   char         which,
                                   GError     **error)
{
  g_auto(Attempt) attempt = { 0 };
  g_autoptr(JsonArray) steps = NULL;
  const char *whose;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);
  g_return_val_if_fail (which == 'a' || which == 'b', NULL);

  if ((whose = lk_training_reader_of (session, trainee, error)) == NULL ||
      !read_attempt (lk_session_get_store (session), item_id, whose, &attempt, error))
    return NULL;
  steps = lk_json_parse_array (attempt.enhancements[which == 'a' ? 0 : 1]);
  if (steps == NULL)
    steps = json_array_new ();
  return lk_enhancement_stack_new_from_json (steps, error);
}

gboolean
lk_training_item_set_enhancements (LkSession           *session,
                                   gint64               item_id,
                                   char                 which,
                                   LkEnhancementStack  *stack,
                                   GError             **error)
{
  LkStore *store;
  g_auto(Attempt) attempt = { 0 };
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(LkStmt) stmt = NULL;
  g_autoptr(JsonArray) steps = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *text = NULL;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);
  g_return_val_if_fail (which == 'a' || which == 'b', FALSE);
  g_return_val_if_fail (LK_IS_ENHANCEMENT_STACK (stack), FALSE);

  store = lk_session_get_store (session);
  if (!lk_enhancement_stack_validate (stack, error) ||
      !require_open (session, item_id, &actor, &attempt, error) ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      (stmt = lk_store_stmt (store, which == 'a'
                             ? "UPDATE training_attempts SET enhancements_a = ? WHERE id = ?"
                             : "UPDATE training_attempts SET enhancements_b = ? WHERE id = ?",
                             error)) == NULL)
    return FALSE;
  steps = lk_enhancement_stack_to_json (stack);
  node = json_node_init_array (json_node_alloc (), steps);
  text = json_to_string (node, FALSE);
  lk_stmt_bind_text (stmt, 1, text);
  lk_stmt_bind_int64 (stmt, 2, attempt.id);
  json_object_set_string_member (details, "image", which == 'a' ? "a" : "b");
  json_object_set_array_member (details, "steps", json_array_ref (steps));
  return lk_stmt_done (stmt, error) &&
         append_event (store, &actor, "training.enhancements.set", item_id, details, error) &&
         lk_txn_commit (txn, error);
}
