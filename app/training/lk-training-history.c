/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A trainee's history over time: each exercise they submitted answers to, dated by their last
 * submission and scored with the same code as the exercise's results. */
#include "config.h"

#include "training/lk-training-private.h"

#include "lk-error.h"
#include "lk-util.h"
#include "store/lk-audit.h"

void
lk_training_history_entry_free (LkTrainingHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->exercise);
  g_free (entry->scale);
  g_free (entry->date);
  lk_training_result_free (entry->result);
  g_free (entry);
}

gint64
lk_training_trainee_of (LkStore     *store,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT id, roles FROM users WHERE name = ?",
                                          error);

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_text (stmt, 1, name);
  if (!lk_stmt_row (stmt, error, "There is no user “%s”", name))
    return 0;
  if ((lk_stmt_int (stmt, 1) & LK_ROLE_TRAINEE) == 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s is not a trainee", name);
      return 0;
    }
  return lk_stmt_int64 (stmt, 0);
}

/* Trainers and administrators read anyone's history; a trainee only their own. */
static gint64
require_history_reader (LkSession   *session,
                        const char  *trainee,
                        LkActor     *actor,
                        GError     **error)
{
  LkTrainingView view;

  if (!lk_training_require (session, TRUE, actor, &view, error))
    return 0;
  if (view == LK_TRAINING_TRAINEE &&
      g_strcmp0 (trainee, lk_session_get_user_name (session)) != 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED, "Permission denied: a trainee "
                   "reads only their own history");
      return 0;
    }
  return lk_training_trainee_of (lk_session_get_store (session), trainee, error);
}

static LkTrainingHistoryEntry *
entry_from_row (LkStmt *stmt)
{
  LkTrainingHistoryEntry *entry = g_new0 (LkTrainingHistoryEntry, 1);
  const char *last = lk_stmt_text (stmt, 4);

  entry->exercise_id = lk_stmt_int64 (stmt, 1);
  entry->exercise = lk_stmt_dup_text (stmt, 2);
  entry->scale = lk_stmt_dup_text (stmt, 3);
  entry->date = g_strndup (last != NULL ? last : "", 10);
  entry->n_submitted = (guint) lk_stmt_int (stmt, 5);
  entry->n_items = (guint) lk_stmt_int (stmt, 6);
  return entry;
}

GPtrArray *
lk_training_history_read (LkStore     *store,
                          const char  *trainee,
                          gint64       trainee_id,
                          GError     **error)
{
  g_autoptr(GPtrArray) history =
    g_ptr_array_new_with_free_func ((GDestroyNotify) lk_training_history_entry_free);
  g_autoptr(GArray) assignments = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT a.id, e.id, e.name, e.scale, max (t.submitted_at),"
                          " count (t.id), (SELECT count (*) FROM training_items i"
                          " WHERE i.exercise_id = e.id)"
                          " FROM training_assignments a JOIN training_exercises e"
                          " ON e.id = a.exercise_id JOIN training_attempts t"
                          " ON t.assignment_id = a.id AND t.submitted_at IS NOT NULL"
                          " WHERE a.trainee_id = ? GROUP BY a.id, e.id, e.name, e.scale"
                          " ORDER BY max (t.submitted_at), e.id", error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, trainee_id);
  while (lk_stmt_next (stmt, error))
    {
      gint64 id = lk_stmt_int64 (stmt, 0);

      g_array_append_val (assignments, id);
      g_ptr_array_add (history, entry_from_row (stmt));
    }
  if (lk_stmt_failed (stmt))
    return NULL;
  g_clear_pointer (&stmt, lk_stmt_release);
  for (guint i = 0; i < history->len; i++)
    {
      LkTrainingHistoryEntry *entry = g_ptr_array_index (history, i);

      entry->result = lk_training_result_for (store, entry->scale, trainee,
                                              g_array_index (assignments, gint64, i), error);
      if (entry->result == NULL)
        return NULL;
    }
  return g_steal_pointer (&history);
}

GPtrArray *
lk_training_history (LkSession   *session,
                     const char  *trainee,
                     GError     **error)
{
  LkStore *store;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *object = NULL;
  LkActor actor;
  gint64 trainee_id;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);
  g_return_val_if_fail (trainee != NULL, NULL);

  store = lk_session_get_store (session);
  if ((trainee_id = require_history_reader (session, trainee, &actor, error)) == 0 ||
      (history = lk_training_history_read (store, trainee, trainee_id, error)) == NULL)
    return NULL;
  object = lk_object_name ("user", trainee_id);
  json_object_set_string_member (details, "trainee", trainee);
  if (!lk_audit_record (store, &actor, "training.history.read", object, details, error))
    return NULL;
  return g_steal_pointer (&history);
}

GPtrArray *
lk_training_histories (LkSession           *session,
                       gint64               exercise_id,
                       const char * const  *trainees,
                       GError             **error)
{
  LkStore *store;
  g_autoptr(GPtrArray) histories = g_ptr_array_new_with_free_func
    ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(JsonObject) details = json_object_new ();
  JsonArray *names = json_array_new ();
  g_autoptr(LkTrainingExercise) exercise = NULL;
  g_autofree char *object = NULL;
  LkActor actor;
  LkTrainingView view;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);
  g_return_val_if_fail (trainees != NULL, NULL);

  store = lk_session_get_store (session);
  json_object_set_array_member (details, "trainees", names);
  if (!lk_training_require (session, TRUE, &actor, &view, error))
    return NULL;
  if (view == LK_TRAINING_TRAINEE)
    return g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED, "Permission denied: only "
                        "trainers and administrators read the histories of trainees"), NULL;
  exercise = lk_training_exercise_get (session, exercise_id, error);
  if (exercise == NULL)
    return NULL;
  for (guint i = 0; trainees[i] != NULL; i++)
    {
      gint64 id = lk_training_trainee_of (store, trainees[i], error);
      GPtrArray *history = id != 0 ? lk_training_history_read (store, trainees[i], id, error)
                                   : NULL;

      if (history == NULL)
        return NULL;
      g_ptr_array_add (histories, history);
      json_array_add_string_element (names, trainees[i]);
    }
  object = lk_object_name ("exercise", exercise_id);
  json_object_set_string_member (details, "view", "dashboard");
  if (!lk_audit_record (store, &actor, "training.history.read", object, details, error))
    return NULL;
  return g_steal_pointer (&histories);
}

JsonObject *
lk_training_history_to_json (const char *trainee,
                             GPtrArray  *history)
{
  JsonObject *o = json_object_new ();
  JsonArray *entries = json_array_new ();

  json_object_set_string_member (o, "trainee", trainee);
  for (guint i = 0; i < history->len; i++)
    {
      const LkTrainingHistoryEntry *entry = g_ptr_array_index (history, i);
      JsonObject *e = json_object_new ();

      json_object_set_string_member (e, "date", entry->date);
      json_object_set_int_member (e, "exercise_id", entry->exercise_id);
      json_object_set_string_member (e, "exercise", entry->exercise);
      json_object_set_string_member (e, "scale", entry->scale);
      json_object_set_int_member (e, "items", entry->n_items);
      json_object_set_int_member (e, "submitted", entry->n_submitted);
      json_object_set_boolean_member (e, "complete", entry->n_submitted == entry->n_items);
      json_object_set_object_member (e, "score", lk_training_score_to_json (entry->result->score));
      json_array_add_object_element (entries, e);
    }
  json_object_set_array_member (o, "history", entries);
  return o;
}
