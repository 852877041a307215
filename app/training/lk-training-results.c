/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Results of an exercise: each trainee's submitted items scored with lk-training-score.c at
 * the policy's cuts, the agreement between trainees, and the CSV and JSON forms. */
#include "config.h"

#include <string.h>

#include "training/lk-training-private.h"

#include "lk-error.h"
#include "lk-util.h"
#include "reference/lk-scale.h"
#include "store/lk-audit.h"

void
lk_training_result_free (LkTrainingResult *result)
{
  if (result == NULL)
    return;
  g_free (result->trainee);
  g_clear_pointer (&result->ratings, g_array_unref);
  lk_training_score_free (result->score);
  g_free (result);
}

static GArray *
read_ratings (LkStore  *store,
              gint64    assignment,
              GError  **error)
{
  g_autoptr(GArray) ratings = g_array_new (FALSE, TRUE, sizeof (LkTrainingRating));
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT i.pair_id, i.mated, t.level, t.seconds_spent, t.over_time"
                          " FROM training_attempts t JOIN training_items i ON i.id = t.item_id"
                          " WHERE t.assignment_id = ? AND t.submitted_at IS NOT NULL"
                          " ORDER BY i.position", error);

  g_array_set_clear_func (ratings, (GDestroyNotify) lk_training_rating_clear);
  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, assignment);
  while (lk_stmt_next (stmt, error))
    {
      LkTrainingRating r = { lk_stmt_dup_text (stmt, 0), lk_stmt_int (stmt, 1) == 1,
                             lk_stmt_int (stmt, 2), lk_stmt_double (stmt, 3),
                             lk_stmt_int (stmt, 4) == 1 };

      g_array_append_val (ratings, r);
    }
  if (lk_stmt_failed (stmt))
    return NULL;
  return g_steal_pointer (&ratings);
}

LkTrainingResult *
lk_training_result_for (LkStore     *store,
                        const char  *scale_name,
                        const char  *trainee,
                        gint64       assignment,
                        GError     **error)
{
  g_autoptr(LkTrainingResult) result = g_new0 (LkTrainingResult, 1);
  const LkScale *scale = lk_scale_lookup (scale_name, error);
  const LkScaleLevel *high, *low;
  int same_cut, different_cut;

  if (scale == NULL || (result->ratings = read_ratings (store, assignment, error)) == NULL ||
      !lk_training_cuts (store, &same_cut, &different_cut, error))
    return NULL;
  high = g_ptr_array_index (scale->levels, 0);
  low = g_ptr_array_index (scale->levels, scale->levels->len - 1);
  result->trainee = g_strdup (trainee);
  result->score = lk_training_score_compute ((LkTrainingRating *) result->ratings->data,
                                             result->ratings->len, same_cut, different_cut,
                                             low->ordinal, high->ordinal);
  return g_steal_pointer (&result);
}

static GPtrArray *
read_results (LkStore  *store,
              gint64    exercise_id,
              gint64    only_trainee,
              GError  **error)
{
  g_autoptr(GPtrArray) results =
    g_ptr_array_new_with_free_func ((GDestroyNotify) lk_training_result_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *scale = NULL;

  {
    g_autoptr(LkStmt) stmt =
      lk_store_stmt (store, "SELECT a.id, u.name, e.scale FROM training_assignments a"
                            " JOIN users u ON u.id = a.trainee_id JOIN training_exercises e"
                            " ON e.id = a.exercise_id WHERE a.exercise_id = ?"
                            " AND (CAST (?2 AS BIGINT) IS NULL OR a.trainee_id = ?2)"
                            " ORDER BY u.name", error);

    if (stmt == NULL)
      return NULL;
    lk_stmt_bind_int64 (stmt, 1, exercise_id);
    if (only_trainee > 0)
      lk_stmt_bind_int64 (stmt, 2, only_trainee);
    while (lk_stmt_next (stmt, error))
      {
        gint64 id = lk_stmt_int64 (stmt, 0);

        g_array_append_val (ids, id);
        g_ptr_array_add (rows, lk_stmt_dup_text (stmt, 1));
        g_free (scale);
        scale = lk_stmt_dup_text (stmt, 2);
      }
    if (lk_stmt_failed (stmt))
      return NULL;
  }
  for (guint i = 0; i < ids->len; i++)
    {
      LkTrainingResult *r = lk_training_result_for (store, scale, g_ptr_array_index (rows, i),
                                                    g_array_index (ids, gint64, i), error);

      if (r == NULL)
        return NULL;
      g_ptr_array_add (results, r);
    }
  return g_steal_pointer (&results);
}

GPtrArray *
lk_training_results (LkSession  *session,
                     gint64      exercise_id,
                     GError    **error)
{
  LkStore *store;
  g_autoptr(LkTrainingExercise) exercise = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *object = NULL;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  store = lk_session_get_store (session);
  if (!lk_session_require (session, LK_ROLE_TRAINER | LK_ROLE_ADMINISTRATOR, &actor, error) ||
      (exercise = lk_training_exercise_get (session, exercise_id, error)) == NULL ||
      (results = read_results (store, exercise_id, 0, error)) == NULL)
    return NULL;
  object = lk_object_name ("exercise", exercise_id);
  if (!lk_audit_record (store, &actor, "training.results.read", object, NULL, error))
    return NULL;
  return g_steal_pointer (&results);
}

LkTrainingResult *
lk_training_own_result (LkSession  *session,
                        gint64      exercise_id,
                        GError    **error)
{
  g_autoptr(LkTrainingExercise) exercise = NULL;
  g_autoptr(GPtrArray) results = NULL;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if (!lk_session_require (session, LK_ROLE_TRAINEE, &actor, error) ||
      (exercise = lk_training_exercise_get (session, exercise_id, error)) == NULL)
    return NULL;
  if (exercise->n_submitted < exercise->n_items)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "Your figures for “%s” are shown once "
                   "you have submitted all %u items (%u so far)", exercise->name,
                   exercise->n_items, exercise->n_submitted);
      return NULL;
    }
  results = read_results (lk_session_get_store (session), exercise_id,
                          lk_session_get_user_id (session), error);
  if (results == NULL || results->len == 0)
    return NULL;
  return g_ptr_array_steal_index (results, 0);
}

/* ---- JSON and CSV --------------------------------------------------------------------------- */

static JsonArray *
ratings_json (GArray *ratings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < ratings->len; i++)
    {
      const LkTrainingRating *r = &g_array_index (ratings, LkTrainingRating, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "item", r->item);
      json_object_set_boolean_member (o, "mated", r->mated);
      json_object_set_int_member (o, "rating", r->rating);
      json_object_set_double_member (o, "seconds", r->seconds);
      json_object_set_boolean_member (o, "over_time", r->over_time);
      json_array_add_object_element (array, o);
    }
  return array;
}

LkTrainingFigure
lk_training_results_agreement (const LkTrainingResult *a,
                               const LkTrainingResult *b,
                               guint                  *n_items)
{
  g_autoptr(GArray) ra = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) rb = g_array_new (FALSE, FALSE, sizeof (int));
  const LkTrainingCalibration *first = &g_array_index (a->score->calibration,
                                                       LkTrainingCalibration, 0);

  for (guint i = 0; i < a->ratings->len; i++)
    for (guint j = 0; j < b->ratings->len; j++)
      {
        const LkTrainingRating *x = &g_array_index (a->ratings, LkTrainingRating, i);
        const LkTrainingRating *y = &g_array_index (b->ratings, LkTrainingRating, j);

        if (g_str_equal (x->item, y->item))
          {
            g_array_append_val (ra, x->rating);
            g_array_append_val (rb, y->rating);
          }
      }
  *n_items = ra->len;
  return lk_training_kappa ((int *) ra->data, (int *) rb->data, ra->len, first->level,
                            -first->level);
}

static JsonObject *
agreement_json (const LkTrainingResult *a,
                const LkTrainingResult *b)
{
  JsonObject *o = json_object_new ();
  guint n;
  LkTrainingFigure kappa = lk_training_results_agreement (a, b, &n);

  json_object_set_string_member (o, "a", a->trainee);
  json_object_set_string_member (o, "b", b->trainee);
  json_object_set_int_member (o, "items", n);
  json_object_set_string_member (o, "weights", "quadratic");
  if (kappa.defined)
    json_object_set_double_member (o, "kappa", kappa.value);
  else
    {
      json_object_set_null_member (o, "kappa");
      json_object_set_string_member (o, "kappa_reason", kappa.reason);
    }
  return o;
}

JsonObject *
lk_training_results_to_json (LkTrainingExercise *exercise,
                             GPtrArray          *results)
{
  JsonObject *o = json_object_new ();
  JsonArray *trainees = json_array_new ();
  JsonArray *agreement = json_array_new ();

  g_return_val_if_fail (LK_IS_TRAINING_EXERCISE (exercise), NULL);

  json_object_set_int_member (o, "exercise_id", exercise->id);
  json_object_set_string_member (o, "exercise", exercise->name);
  json_object_set_string_member (o, "scale", exercise->scale);
  json_object_set_int_member (o, "items", exercise->n_items);
  for (guint i = 0; i < results->len; i++)
    {
      const LkTrainingResult *r = g_ptr_array_index (results, i);
      JsonObject *t = json_object_new ();

      json_object_set_string_member (t, "trainee", r->trainee);
      json_object_set_int_member (t, "submitted", r->ratings->len);
      json_object_set_object_member (t, "score", lk_training_score_to_json (r->score));
      json_object_set_array_member (t, "ratings", ratings_json (r->ratings));
      json_array_add_object_element (trainees, t);
      for (guint j = i + 1; j < results->len; j++)
        json_array_add_object_element (agreement,
                                       agreement_json (r, g_ptr_array_index (results, j)));
    }
  json_object_set_array_member (o, "trainees", trainees);
  json_object_set_array_member (o, "agreement", agreement);
  return o;
}

static void
csv_field (GString    *out,
           const char *text)
{
  if (strpbrk (text, ",\"\n\r") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
lk_training_results_to_csv (GPtrArray *results)
{
  GString *out = g_string_new ("trainee,item,mated,rating,seconds\n");

  for (guint i = 0; i < results->len; i++)
    {
      const LkTrainingResult *r = g_ptr_array_index (results, i);

      for (guint j = 0; j < r->ratings->len; j++)
        {
          const LkTrainingRating *x = &g_array_index (r->ratings, LkTrainingRating, j);
          char seconds[G_ASCII_DTOSTR_BUF_SIZE];

          csv_field (out, r->trainee);
          g_string_append_c (out, ',');
          csv_field (out, x->item);
          g_ascii_formatd (seconds, sizeof seconds, "%.1f", x->seconds);
          g_string_append_printf (out, ",%d,%d,%s\n", x->mated ? 1 : 0, x->rating, seconds);
        }
    }
  return g_string_free (out, FALSE);
}
