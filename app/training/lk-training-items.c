/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Items and attempts: what a trainee may see of an item (no ground truth before they submit
 * it), their work on it, the submission, the trainer's comment and the images. */
#include "config.h"

#include <string.h>

#include "training/lk-training-private.h"

#include "examination/lk-conclusions.h"
#include "governance/lk-feature-lists.h"
#include "lk-error.h"
#include "lk-json.h"
#include "lk-util.h"
#include "reference/lk-feature-list.h"
#include "reference/lk-scale.h"
#include "store/lk-audit.h"
#include "store/lk-image-store.h"

/* ?1 the exercise, ?2 the assignment whose attempts to join (NULL: none), ?3 one item or NULL. */
#define ITEM_QUERY \
  "SELECT i.id, i.exercise_id, i.position, i.pair_id, i.image_a, i.image_b, i.mated," \
  " i.difficulty, i.notes, t.id, t.analysis, t.comparison, NULL, t.level, t.notes," \
  " t.seconds_spent, t.submitted_at, t.trainer_comment, u.name, t.opened_at, t.over_time," \
  " e.time_limit_seconds" \
  " FROM training_items i JOIN training_exercises e ON e.id = i.exercise_id" \
  " LEFT JOIN training_attempts t ON t.item_id = i.id AND t.assignment_id = ?2" \
  " LEFT JOIN training_assignments a ON a.id = ?2 LEFT JOIN users u ON u.id = a.trainee_id" \
  " WHERE i.exercise_id = ?1 AND (CAST (?3 AS BIGINT) IS NULL OR i.id = ?3) ORDER BY i.position"

static LkTrainingItem *
item_from_row (LkStmt         *stmt,
               LkTrainingView  view)
{
  LkTrainingItem *self = g_object_new (LK_TYPE_TRAINING_ITEM, NULL);
  gboolean attempted = !lk_stmt_is_null (stmt, 9);

  self->id = lk_stmt_int64 (stmt, 0);
  self->exercise_id = lk_stmt_int64 (stmt, 1);
  self->position = (guint) lk_stmt_int (stmt, 2);
  self->pair_id = lk_stmt_dup_text (stmt, 3);
  self->image_a = lk_stmt_dup_text (stmt, 4);
  self->image_b = lk_stmt_dup_text (stmt, 5);
  self->trainee = lk_stmt_dup_text (stmt, 18);
  self->analysis = g_strdup (attempted ? lk_stmt_text (stmt, 10) : "");
  self->comparison = g_strdup (attempted ? lk_stmt_text (stmt, 11) : "");
  self->attempt_id = attempted ? lk_stmt_int64 (stmt, 9) : 0;
  self->has_level = !lk_stmt_is_null (stmt, 13);
  self->level = lk_stmt_int (stmt, 13);
  self->notes = g_strdup (attempted ? lk_stmt_text (stmt, 14) : "");
  self->seconds = lk_stmt_double (stmt, 15);
  self->submitted_at = lk_stmt_dup_text (stmt, 16);
  self->comment = lk_stmt_dup_text (stmt, 17);
  self->opened_at = lk_stmt_dup_text (stmt, 19);
  self->over_time = attempted && lk_stmt_int (stmt, 20) == 1;
  self->time_limit = lk_stmt_int64 (stmt, 21);
  self->state = g_strdup (!attempted ? "not-started"
                          : self->submitted_at != NULL ? "submitted" : "in-progress");
  /* The ground truth leaves the database row only for those who may see it. */
  self->truth_visible = view != LK_TRAINING_TRAINEE || self->submitted_at != NULL;
  if (self->truth_visible)
    {
      self->mated = lk_stmt_int (stmt, 6) == 1;
      self->difficulty = lk_stmt_dup_text (stmt, 7);
      self->truth_notes = lk_stmt_dup_text (stmt, 8);
    }
  if (view == LK_TRAINING_TRAINEE && self->submitted_at == NULL)
    g_clear_pointer (&self->comment, g_free);
  return self;
}

static gint64
assignment_for (LkSession       *session,
                LkTrainingView   view,
                gint64           exercise_id,
                const char      *trainee,
                GError         **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkStmt) stmt = NULL;

  if (view == LK_TRAINING_TRAINEE)
    return lk_training_assignment_of (store, exercise_id, lk_session_get_user_id (session),
                                      error);
  if (trainee == NULL)
    return -1;
  stmt = lk_store_stmt (store, "SELECT a.id FROM training_assignments a JOIN users u"
                               " ON u.id = a.trainee_id WHERE a.exercise_id = ? AND u.name = ?",
                        error);
  if (stmt == NULL)
    return 0;
  lk_stmt_bind_int64 (stmt, 1, exercise_id);
  lk_stmt_bind_text (stmt, 2, trainee);
  if (!lk_stmt_row (stmt, error, "Exercise %" G_GINT64_FORMAT " is not assigned to %s",
                    exercise_id, trainee))
    return 0;
  return lk_stmt_int64 (stmt, 0);
}

static GListModel *
read_items (LkStore         *store,
            LkTrainingView   view,
            gint64           exercise_id,
            gint64           assignment_id,
            gint64           item_id,
            GError         **error)
{
  g_autoptr(GListStore) list = g_list_store_new (LK_TYPE_TRAINING_ITEM);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, ITEM_QUERY, error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, exercise_id);
  if (assignment_id > 0)
    lk_stmt_bind_int64 (stmt, 2, assignment_id);
  if (item_id > 0)
    lk_stmt_bind_int64 (stmt, 3, item_id);
  while (lk_stmt_next (stmt, error))
    {
      g_autoptr(LkTrainingItem) item = item_from_row (stmt, view);

      g_list_store_append (list, item);
    }
  if (lk_stmt_failed (stmt))
    return NULL;
  g_clear_pointer (&stmt, lk_stmt_release);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(LkTrainingItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      item->observations = item->attempt_id != 0
                           ? lk_training_observation_lines (store, item->attempt_id, error)
                           : g_strdup ("");
      if (item->observations == NULL)
        return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

GListModel *
lk_training_items_list (LkSession   *session,
                        gint64       exercise_id,
                        const char  *trainee,
                        GError     **error)
{
  g_autoptr(LkTrainingExercise) exercise = NULL;
  LkTrainingView view;
  LkActor actor;
  gint64 assignment;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if (!lk_training_require (session, TRUE, &actor, &view, error) ||
      (exercise = lk_training_exercise_get (session, exercise_id, error)) == NULL ||
      (assignment = assignment_for (session, view, exercise_id, trainee, error)) == 0)
    return NULL;
  return read_items (lk_session_get_store (session), view, exercise_id, assignment, 0, error);
}

/* The item @item_id as the acting user may see it, with @view and the acting trainee's
 * assignment (0 for others). */
static LkTrainingItem *
read_one (LkSession       *session,
          gint64           item_id,
          LkActor         *actor,
          LkTrainingView  *view,
          gint64          *assignment,
          GError         **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(GListModel) items = NULL;
  gint64 exercise_id;

  if (!lk_training_require (session, TRUE, actor, view, error) ||
      (exercise_id = lk_training_item_exercise (store, item_id, error)) == 0 ||
      (*assignment = assignment_for (session, *view, exercise_id, NULL, error)) == 0 ||
      (items = read_items (store, *view, exercise_id, *assignment, item_id, error)) == NULL)
    return NULL;
  return g_list_model_get_item (items, 0);
}

LkTrainingItem *
lk_training_item_get (LkSession  *session,
                      gint64      item_id,
                      GError    **error)
{
  LkTrainingView view;
  LkActor actor;
  gint64 assignment;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);
  return read_one (session, item_id, &actor, &view, &assignment, error);
}

/* ---- the trainee's work --------------------------------------------------------------------- */

gboolean
lk_training_item_for_trainee (LkSession       *session,
                      gint64           item_id,
                      LkActor         *actor,
                      gint64          *assignment,
                      LkTrainingItem **item,
                      GError         **error)
{
  LkTrainingView view;

  if ((*item = read_one (session, item_id, actor, &view, assignment, error)) == NULL)
    return FALSE;
  if (view == LK_TRAINING_TRAINEE)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED,
               "Permission denied: only the trainee it is assigned to works on an item");
  return FALSE;
}

gboolean
lk_training_item_require_open (LkTrainingItem  *item,
                      GError         **error)
{
  if (g_str_equal (item->state, "in-progress"))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, g_str_equal (item->state, "submitted")
               ? "Item %s was submitted; its answer cannot change"
               : "Open item %s before working on it", item->pair_id);
  return FALSE;
}

static gboolean
insert_attempt (LkStore  *store,
                gint64    assignment,
                gint64    item_id,
                GError  **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO training_attempts (assignment_id, item_id,"
                          " feature_list, opened_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", error);
  g_autofree char *now = lk_now_utc ();
  g_autofree char *edition = NULL;

  if (stmt == NULL || (edition = lk_feature_lists_current_edition (store, error)) == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, assignment);
  lk_stmt_bind_int64 (stmt, 2, item_id);
  lk_stmt_bind_text (stmt, 3, edition);
  lk_stmt_bind_text (stmt, 4, now);
  return lk_stmt_done (stmt, error);
}

static gboolean
append_item_event (LkStore     *store,
                   LkActor     *actor,
                   const char  *action,
                   gint64       item_id,
                   JsonObject  *details,
                   GError     **error)
{
  g_autofree char *object = lk_object_name ("exercise-item", item_id);

  return lk_audit_append (store, actor, action, object, details, error);
}

LkTrainingItem *
lk_training_item_open (LkSession  *session,
                       gint64      item_id,
                       GError    **error)
{
  LkStore *store;
  g_autoptr(LkTrainingItem) item = NULL;
  g_autoptr(LkTxn) txn = NULL;
  LkActor actor;
  gint64 assignment;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  store = lk_session_get_store (session);
  if (!lk_training_item_for_trainee (session, item_id, &actor, &assignment, &item, error) ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      !insert_attempt (store, assignment, item_id, error) ||
      !append_item_event (store, &actor, "training.item.opened", item_id, NULL, error) ||
      !lk_txn_commit (txn, error))
    return NULL;
  return lk_training_item_get (session, item_id, error);
}

static gboolean
update_text (LkStore     *store,
             const char  *column_sql,
             gint64       assignment,
             gint64       item_id,
             const char  *value,
             GError     **error)
{
  g_autoptr(LkStmt) stmt = NULL;

  if (value == NULL)
    return TRUE;
  if (!g_utf8_validate (value, -1, NULL))
    return g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The text is not UTF-8"), FALSE;
  stmt = lk_store_stmt (store, column_sql, error);
  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, value);
  lk_stmt_bind_int64 (stmt, 2, assignment);
  lk_stmt_bind_int64 (stmt, 3, item_id);
  return lk_stmt_done (stmt, error);
}

gboolean
lk_training_item_save (LkSession   *session,
                       gint64       item_id,
                       const char  *analysis,
                       const char  *comparison,
                       GError     **error)
{
  LkStore *store;
  g_autoptr(LkTrainingItem) item = NULL;
  g_autoptr(LkTxn) txn = NULL;
  LkActor actor;
  gint64 assignment;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  store = lk_session_get_store (session);
  return lk_training_item_for_trainee (session, item_id, &actor, &assignment, &item, error) &&
         lk_training_item_require_open (item, error) &&
         (txn = lk_txn_begin (store, error)) != NULL &&
         update_text (store, "UPDATE training_attempts SET analysis = ? WHERE assignment_id = ?"
                             " AND item_id = ?", assignment, item_id, analysis, error) &&
         update_text (store, "UPDATE training_attempts SET comparison = ? WHERE assignment_id = ?"
                             " AND item_id = ?", assignment, item_id, comparison, error) &&
         append_item_event (store, &actor, "training.attempt.saved", item_id, NULL, error) &&
         lk_txn_commit (txn, error);
}

static gboolean
check_level (LkStore     *store,
             gint64       exercise_id,
             int          level,
             GError     **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT scale FROM training_exercises WHERE id = ?", error);
  const LkScale *scale;

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, exercise_id);
  if (!lk_stmt_row (stmt, error, "There is no exercise %" G_GINT64_FORMAT, exercise_id) ||
      (scale = lk_scale_lookup (lk_stmt_text (stmt, 0), error)) == NULL)
    return FALSE;
  if (lk_scale_get_level (scale, level) != NULL)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%+d is not a level of the scale %s",
               level, scale->name);
  return FALSE;
}

/* The seconds since @item was first opened, and whether that is past its time limit. */
static double
seconds_since_opened (LkTrainingItem *item,
                      const char     *now,
                      gboolean       *over_time)
{
  g_autoptr(GDateTime) opened = g_date_time_new_from_iso8601 (item->opened_at, NULL);
  g_autoptr(GDateTime) then = g_date_time_new_from_iso8601 (now, NULL);
  double seconds = 0;

  if (opened != NULL && then != NULL)
    seconds = MAX (0, g_date_time_difference (then, opened) / (double) G_TIME_SPAN_SECOND);
  *over_time = item->time_limit > 0 && seconds > item->time_limit;
  return seconds;
}

static gboolean
submit_attempt (LkStore         *store,
                gint64           assignment,
                LkTrainingItem  *item,
                int              level,
                const char      *notes,
                double          *seconds,
                gboolean        *over_time,
                GError         **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "UPDATE training_attempts SET level = ?, notes = ?, submitted_at = ?,"
                          " seconds_spent = ?, over_time = ? WHERE assignment_id = ?"
                          " AND item_id = ? AND submitted_at IS NULL", error);
  g_autofree char *now = lk_now_utc ();

  if (stmt == NULL)
    return FALSE;
  *seconds = seconds_since_opened (item, now, over_time);
  lk_stmt_bind_int (stmt, 1, level);
  lk_stmt_bind_text (stmt, 2, notes != NULL ? notes : "");
  lk_stmt_bind_text (stmt, 3, now);
  lk_stmt_bind_double (stmt, 4, *seconds);
  lk_stmt_bind_int (stmt, 5, *over_time ? 1 : 0);
  lk_stmt_bind_int64 (stmt, 6, assignment);
  lk_stmt_bind_int64 (stmt, 7, item->id);
  if (!lk_stmt_done (stmt, error))
    return FALSE;
  if (lk_stmt_changes (stmt) == 1)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "The attempt was not found, or was submitted");
  return FALSE;
}

gboolean
lk_training_item_conclude (LkSession   *session,
                           gint64       item_id,
                           int          level,
                           const char  *notes,
                           GError     **error)
{
  LkStore *store;
  g_autoptr(LkTrainingItem) item = NULL;
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  LkActor actor;
  gint64 assignment;
  double seconds = 0;
  gboolean over_time = FALSE;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  store = lk_session_get_store (session);
  if (!lk_training_item_for_trainee (session, item_id, &actor, &assignment, &item, error) ||
      !lk_training_item_require_open (item, error) ||
      !check_level (store, item->exercise_id, level, error) ||
      (notes != NULL && !g_utf8_validate (notes, -1, NULL) &&
       (g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The notes are not UTF-8"), TRUE)) ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      !submit_attempt (store, assignment, item, level, notes, &seconds, &over_time, error))
    return FALSE;
  json_object_set_int_member (details, "level", level);
  json_object_set_double_member (details, "seconds", seconds);
  json_object_set_boolean_member (details, "over_time", over_time);
  return append_item_event (store, &actor, "training.attempt.submitted", item_id, details,
                            error) &&
         lk_txn_commit (txn, error);
}

gboolean
lk_training_item_comment (LkSession   *session,
                          gint64       item_id,
                          const char  *trainee,
                          const char  *comment,
                          GError     **error)
{
  LkStore *store;
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(LkStmt) stmt = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *now = lk_now_utc ();
  LkActor actor;
  gint64 exercise_id, assignment;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  store = lk_session_get_store (session);
  if (!lk_session_require (session, LK_ROLE_TRAINER, &actor, error) ||
      !lk_require_text (comment, "The comment is empty", error) ||
      (exercise_id = lk_training_item_exercise (store, item_id, error)) == 0 ||
      (assignment = assignment_for (session, LK_TRAINING_TRAINER, exercise_id, trainee,
                                    error)) == 0 ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      (stmt = lk_store_stmt (store, "UPDATE training_attempts SET trainer_comment = ?,"
                                    " commented_by = ?, commented_at = ? WHERE assignment_id = ?"
                                    " AND item_id = ? AND submitted_at IS NOT NULL",
                             error)) == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, comment);
  lk_stmt_bind_int64 (stmt, 2, lk_session_get_user_id (session));
  lk_stmt_bind_text (stmt, 3, now);
  lk_stmt_bind_int64 (stmt, 4, assignment);
  lk_stmt_bind_int64 (stmt, 5, item_id);
  if (!lk_stmt_done (stmt, error))
    return FALSE;
  if (lk_stmt_changes (stmt) != 1)
    return g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "%s has not submitted this item yet",
                        trainee), FALSE;
  json_object_set_string_member (details, "trainee", trainee);
  return append_item_event (store, &actor, "training.comment.added", item_id, details, error) &&
         lk_txn_commit (txn, error);
}

GBytes *
lk_training_item_image (LkSession  *session,
                        gint64      item_id,
                        char        which,
                        GError    **error)
{
  g_autoptr(LkTrainingItem) item = NULL;
  LkTrainingView view;
  LkActor actor;
  gint64 assignment;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);
  g_return_val_if_fail (which == 'a' || which == 'b', NULL);

  if ((item = read_one (session, item_id, &actor, &view, &assignment, error)) == NULL)
    return NULL;
  return lk_image_store_get (lk_session_get_store (session), &actor,
                             which == 'a' ? item->image_a : item->image_b, error);
}
