/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exercises: creation from image pairs (checked, kept apart from casework), assignment to
 * trainees, and the lists each role may read. */
#include "config.h"

#include <string.h>

#include "training/lk-training-private.h"

#include "governance/lk-policy.h"
#include "imaging/lk-cv.h"
#include "imaging/lk-image-header.h"
#include "lk-error.h"
#include "lk-json.h"
#include "lk-time.h"
#include "lk-util.h"
#include "reference/lk-scale.h"
#include "store/lk-audit.h"
#include "store/lk-image-store.h"

static const char * const difficulties[] = { "easy", "medium", "hard", NULL };

const char * const *
lk_training_difficulties (void)
{
  return difficulties;
}

/* ---- shared gates --------------------------------------------------------------------------- */

gboolean
lk_training_require (LkSession       *session,
                     gboolean         allow_admin,
                     LkActor         *actor,
                     LkTrainingView  *view,
                     GError         **error)
{
  LkRoles roles = LK_ROLE_TRAINER | LK_ROLE_TRAINEE;

  if (allow_admin)
    roles |= LK_ROLE_ADMINISTRATOR;
  if (!lk_session_require (session, roles, actor, error))
    return FALSE;
  if (lk_session_has_role (session, LK_ROLE_TRAINER))
    *view = LK_TRAINING_TRAINER;
  else if (lk_session_has_role (session, LK_ROLE_TRAINEE))
    *view = LK_TRAINING_TRAINEE;
  else
    *view = LK_TRAINING_ADMINISTRATOR;
  return TRUE;
}

static gboolean
require_trainer (LkSession  *session,
                 LkActor    *actor,
                 GError    **error)
{
  return lk_session_require (session, LK_ROLE_TRAINER, actor, error);
}

gint64
lk_training_assignment_of (LkStore  *store,
                           gint64    exercise_id,
                           gint64    trainee_id,
                           GError  **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT id FROM training_assignments WHERE exercise_id = ?"
                          " AND trainee_id = ?", error);

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_int64 (stmt, 1, exercise_id);
  lk_stmt_bind_int64 (stmt, 2, trainee_id);
  if (!lk_stmt_row (stmt, error, "Exercise %" G_GINT64_FORMAT " is not assigned to you",
                    exercise_id))
    return 0;
  return lk_stmt_int64 (stmt, 0);
}

gint64
lk_training_item_exercise (LkStore  *store,
                           gint64    item_id,
                           GError  **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT exercise_id FROM training_items WHERE id = ?", error);

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_int64 (stmt, 1, item_id);
  if (!lk_stmt_row (stmt, error, "There is no exercise item %" G_GINT64_FORMAT, item_id))
    return 0;
  return lk_stmt_int64 (stmt, 0);
}

gboolean
lk_training_cuts (LkStore  *store,
                  int      *same_cut,
                  int      *different_cut,
                  GError  **error)
{
  gint64 same = 0, different = 0;

  if (!lk_policy_get_int (store, "training_same_cut", &same, error) ||
      !lk_policy_get_int (store, "training_different_cut", &different, error))
    return FALSE;
  *same_cut = (int) same;
  *different_cut = (int) different;
  if (*different_cut >= *same_cut)
    {
      *same_cut = LK_TRAINING_SAME_CUT;
      *different_cut = LK_TRAINING_DIFFERENT_CUT;
    }
  return TRUE;
}

/* ---- checking pairs ------------------------------------------------------------------------- */

static gboolean
check_image (LkStore     *store,
             GBytes      *bytes,
             const char  *label,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LkCvImage) image = NULL;
  LkImageHeader header = { 0 };
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  double max_mb = 0, max_mp = 0;

  if (!lk_policy_get_double (store, "max_image_megabytes", &max_mb, error) ||
      !lk_policy_get_double (store, "max_image_megapixels", &max_mp, error))
    return FALSE;
  if (size > max_mb * 1e6)
    return g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "%s: %.1f MB, over the limit of %.0f MB",
                        label, size / 1e6, max_mb), FALSE;
  if (!lk_image_header_read (data, size, &header, &local_error))
    return g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "%s cannot be read: %s", label,
                        local_error->message), FALSE;
  if ((double) header.width * header.height / 1e6 > max_mp)
    return g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "%s has %u × %u pixels, over the limit "
                        "of %.0f megapixels", label, header.width, header.height, max_mp), FALSE;
  if ((image = lk_cv_image_decode (bytes, &local_error)) == NULL)
    return g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "%s cannot be decoded: %s", label,
                        local_error->message), FALSE;
  return TRUE;
}

static gboolean
check_pair (LkStore              *store,
            const LkTrainingPair *pair,
            GHashTable           *seen,
            const char           *where,
            GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label_a = NULL, *label_b = NULL;

  if (!lk_require_name (pair->pair_id, "pair id", &local_error))
    return g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s: %s", where,
                        local_error->message), FALSE;
  if (!g_hash_table_add (seen, (gpointer) pair->pair_id))
    return g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s: pair id “%s” appears "
                        "twice", where, pair->pair_id), FALSE;
  if (pair->difficulty == NULL || !g_strv_contains (difficulties, pair->difficulty))
    return g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s: the difficulty is easy, "
                        "medium or hard, not “%s”", where,
                        pair->difficulty ? pair->difficulty : ""), FALSE;
  if (pair->notes != NULL && !g_utf8_validate (pair->notes, -1, NULL))
    return g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s: the notes are not UTF-8",
                        where), FALSE;
  label_a = g_strdup_printf ("%s: image_a", where);
  label_b = g_strdup_printf ("%s: image_b", where);
  return check_image (store, pair->image_a, label_a, error) &&
         check_image (store, pair->image_b, label_b, error);
}

static gboolean
check_spec (LkStore                      *store,
            const LkTrainingExerciseSpec *spec,
            char                        **scale,
            GError                      **error)
{
  if (!lk_require_name (spec->name, "exercise name", error) ||
      !lk_require_text (spec->instructions, "The exercise needs instructions", error))
    return FALSE;
  if (spec->time_limit < 0)
    return g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The time limit per item is a "
                        "number of seconds above 0"), FALSE;
  *scale = spec->scale != NULL ? g_strdup (spec->scale)
                               : lk_policy_get_string (store, "conclusion_scale", error);
  return *scale != NULL && lk_scale_lookup (*scale, error) != NULL;
}

/* An image already in casework (a probe, a candidate, a gallery image) stays out of training. */
static gboolean
check_not_casework (LkStore     *store,
                    const char  *sha256,
                    const char  *label,
                    GError     **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT EXISTS (SELECT 1 FROM probes WHERE image_sha256 = ?1)"
                          " OR EXISTS (SELECT 1 FROM candidates WHERE image_sha256 = ?1)"
                          " OR EXISTS (SELECT 1 FROM gallery_images WHERE image_sha256 = ?1)",
                   error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, sha256);
  if (!lk_stmt_row (stmt, error, "no answer"))
    return FALSE;
  if (lk_stmt_int (stmt, 0) == 0)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "%s is casework material (a probe, a "
               "candidate or a gallery image) and cannot become exercise material", label);
  return FALSE;
}

/* ---- writing -------------------------------------------------------------------------------- */

static gboolean
put_image (LkStore     *store,
           gint64       exercise_id,
           GBytes      *bytes,
           const char  *label,
           char       **sha256,
           GError     **error)
{
  g_autoptr(LkStmt) stmt = NULL;
  LkImageHeader header = { 0 };
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  if (!check_not_casework (store, hash, label, error) ||
      !lk_image_header_read (data, size, &header, error) ||
      !lk_image_store_put (store, bytes, header.media_type, sha256, error) ||
      (stmt = lk_store_stmt (store, "INSERT INTO training_images (sha256, exercise_id)"
                                    " VALUES (?, ?) ON CONFLICT DO NOTHING", error)) == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, *sha256);
  lk_stmt_bind_int64 (stmt, 2, exercise_id);
  return lk_stmt_done (stmt, error);
}

static gint64
insert_exercise (LkStore                      *store,
                 LkSession                    *session,
                 const LkTrainingExerciseSpec *spec,
                 const char                   *scale,
                 GError                      **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO training_exercises (name, instructions, scale,"
                          " time_limit_seconds, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                   error);
  g_autofree char *now = lk_now_utc ();

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_text (stmt, 1, spec->name);
  lk_stmt_bind_text (stmt, 2, spec->instructions);
  lk_stmt_bind_text (stmt, 3, scale);
  if (spec->time_limit > 0)
    lk_stmt_bind_int64 (stmt, 4, spec->time_limit);
  else
    lk_stmt_bind_null (stmt, 4);
  lk_stmt_bind_int64 (stmt, 5, lk_session_get_user_id (session));
  lk_stmt_bind_text (stmt, 6, now);
  return lk_stmt_insert_unique (stmt, error, "An exercise called “%s” exists already",
                                spec->name);
}

static gboolean
insert_item (LkStore              *store,
             gint64                exercise_id,
             guint                 position,
             const LkTrainingPair *pair,
             GError              **error)
{
  g_autofree char *a = NULL, *b = NULL, *label_a = NULL, *label_b = NULL;
  g_autoptr(LkStmt) stmt = NULL;

  label_a = g_strdup_printf ("Pair %s: image_a", pair->pair_id);
  label_b = g_strdup_printf ("Pair %s: image_b", pair->pair_id);
  if (!put_image (store, exercise_id, pair->image_a, label_a, &a, error) ||
      !put_image (store, exercise_id, pair->image_b, label_b, &b, error) ||
      (stmt = lk_store_stmt (store, "INSERT INTO training_items (exercise_id, position, pair_id,"
                                    " image_a, image_b, mated, difficulty, notes)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error)) == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, exercise_id);
  lk_stmt_bind_int (stmt, 2, (int) position);
  lk_stmt_bind_text (stmt, 3, pair->pair_id);
  lk_stmt_bind_text (stmt, 4, a);
  lk_stmt_bind_text (stmt, 5, b);
  lk_stmt_bind_int (stmt, 6, pair->mated ? 1 : 0);
  lk_stmt_bind_text (stmt, 7, pair->difficulty);
  lk_stmt_bind_text (stmt, 8, pair->notes != NULL ? pair->notes : "");
  return lk_stmt_insert (stmt, error) != 0;
}

static gboolean
check_pairs (LkStore              *store,
             const LkTrainingPair *pairs,
             guint                 n_pairs,
             const char * const   *where,
             GError              **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (n_pairs == 0)
    return g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                        "An exercise needs at least one pair"), FALSE;
  for (guint i = 0; i < n_pairs; i++)
    {
      g_autofree char *own = g_strdup_printf ("pair %u", i + 1);

      if (!check_pair (store, &pairs[i], seen, where ? where[i] : own, error))
        return FALSE;
    }
  return TRUE;
}

/* Shared by create and import: @where names each pair in errors (NULL: "pair N"). */
gint64
lk_training_exercise_create_from (LkSession                    *session,
                                  const LkTrainingExerciseSpec *spec,
                                  const LkTrainingPair         *pairs,
                                  guint                         n_pairs,
                                  const char * const           *where,
                                  JsonObject                   *details,
                                  GError                      **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  g_autofree char *scale = NULL, *object = NULL;
  LkActor actor;
  gint64 id;

  if (!require_trainer (session, &actor, error) || !check_spec (store, spec, &scale, error) ||
      !check_pairs (store, pairs, n_pairs, where, error) ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      (id = insert_exercise (store, session, spec, scale, error)) == 0)
    return 0;
  for (guint i = 0; i < n_pairs; i++)
    if (!insert_item (store, id, i + 1, &pairs[i], error))
      return 0;
  object = lk_object_name ("exercise", id);
  json_object_set_string_member (details, "name", spec->name);
  json_object_set_string_member (details, "scale", scale);
  json_object_set_int_member (details, "items", n_pairs);
  if (!lk_audit_append (store, &actor, "training.exercise.created", object, details, error) ||
      !lk_txn_commit (txn, error))
    return 0;
  return id;
}

gint64
lk_training_exercise_create (LkSession                    *session,
                             const LkTrainingExerciseSpec *spec,
                             const LkTrainingPair         *pairs,
                             guint                         n_pairs,
                             GError                      **error)
{
  g_autoptr(JsonObject) details = json_object_new ();

  g_return_val_if_fail (LK_IS_SESSION (session), 0);
  g_return_val_if_fail (spec != NULL, 0);

  return lk_training_exercise_create_from (session, spec, pairs, n_pairs, NULL, details, error);
}

/* ---- assignment ----------------------------------------------------------------------------- */

static gint64
trainee_id (LkStore     *store,
            const char  *name,
            GError     **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT id, roles, disabled FROM users WHERE name = ?", error);

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_text (stmt, 1, name);
  if (!lk_stmt_row (stmt, error, "There is no user “%s”", name))
    return 0;
  if ((lk_stmt_int (stmt, 1) & LK_ROLE_TRAINEE) == 0 || lk_stmt_int (stmt, 2) != 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s is not an enabled trainee",
                   name);
      return 0;
    }
  /* A trainer reads every ground truth: their own answers would prove nothing. */
  if ((lk_stmt_int (stmt, 1) & LK_ROLE_TRAINER) != 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "%s is also a trainer and can read every "
                   "ground truth; assign exercises only to trainees who are not trainers", name);
      return 0;
    }
  return lk_stmt_int64 (stmt, 0);
}

static gboolean
check_due_date (const char  *due_date,
                GError     **error)
{
  g_autoptr(GDateTime) parsed = NULL;

  if (due_date == NULL)
    return TRUE;
  parsed = lk_date_parse_future (due_date, "due date", 5, error);
  return parsed != NULL;
}

static gboolean
insert_assignment (LkStore     *store,
                   LkSession   *session,
                   gint64       exercise_id,
                   gint64       trainee,
                   const char  *name,
                   const char  *due_date,
                   GError     **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO training_assignments (exercise_id, trainee_id, due_date,"
                          " assigned_by, assigned_at) VALUES (?, ?, ?, ?, ?)", error);
  g_autofree char *now = lk_now_utc ();

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, exercise_id);
  lk_stmt_bind_int64 (stmt, 2, trainee);
  if (due_date != NULL)
    lk_stmt_bind_text (stmt, 3, due_date);
  else
    lk_stmt_bind_null (stmt, 3);
  lk_stmt_bind_int64 (stmt, 4, lk_session_get_user_id (session));
  lk_stmt_bind_text (stmt, 5, now);
  return lk_stmt_insert_unique (stmt, error, "The exercise is already assigned to %s",
                                name) != 0;
}

gboolean
lk_training_assign (LkSession   *session,
                    gint64       exercise_id,
                    const char  *trainee,
                    const char  *due_date,
                    GError     **error)
{
  LkStore *store;
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(LkTrainingExercise) exercise = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *object = NULL;
  LkActor actor;
  gint64 id;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  store = lk_session_get_store (session);
  if (!require_trainer (session, &actor, error) || !check_due_date (due_date, error) ||
      (exercise = lk_training_exercise_get (session, exercise_id, error)) == NULL ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      (id = trainee_id (store, trainee, error)) == 0 ||
      !insert_assignment (store, session, exercise_id, id, trainee, due_date, error))
    return FALSE;
  object = lk_object_name ("exercise", exercise_id);
  json_object_set_string_member (details, "trainee", trainee);
  lk_json_set_text (details, "due_date", due_date);
  return lk_audit_append (store, &actor, "training.assigned", object, details, error) &&
         lk_txn_commit (txn, error);
}

static GStrv
names_of (LkStmt  *stmt,
          GError **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  while (lk_stmt_next (stmt, error))
    g_strv_builder_add (builder, lk_stmt_text (stmt, 0));
  if (lk_stmt_failed (stmt))
    return NULL;
  return g_strv_builder_end (builder);
}

GStrv
lk_training_trainees (LkSession  *session,
                      gint64      exercise_id,
                      GError    **error)
{
  g_autoptr(LkStmt) stmt = NULL;
  LkTrainingView view;
  LkActor actor;

  if (!lk_training_require (session, TRUE, &actor, &view, error))
    return NULL;
  if (view == LK_TRAINING_TRAINEE)
    return g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED, "Permission denied: only "
                        "trainers see who else is assigned"), NULL;
  stmt = lk_store_stmt (lk_session_get_store (session),
                        "SELECT u.name FROM training_assignments a JOIN users u"
                        " ON u.id = a.trainee_id WHERE a.exercise_id = ? ORDER BY u.name", error);
  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, exercise_id);
  return names_of (stmt, error);
}

GStrv
lk_training_trainee_candidates (LkSession  *session,
                                GError    **error)
{
  g_autoptr(LkStmt) stmt = NULL;
  LkActor actor;

  if (!require_trainer (session, &actor, error))
    return NULL;
  stmt = lk_store_stmt (lk_session_get_store (session),
                        "SELECT name FROM users WHERE roles & ? AND disabled = 0 ORDER BY name",
                        error);
  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int (stmt, 1, LK_ROLE_TRAINEE);
  return names_of (stmt, error);
}

/* ---- reading exercises ---------------------------------------------------------------------- */

/* ?1: the acting trainee's id, or NULL for a trainer's view. */
#define EXERCISE_COLUMNS \
  "SELECT e.id, e.name, e.instructions, e.scale, e.time_limit_seconds, u.name, e.created_at," \
  " (SELECT count(*) FROM training_items i WHERE i.exercise_id = e.id)," \
  " (SELECT due_date FROM training_assignments a WHERE a.exercise_id = e.id" \
  "    AND a.trainee_id = ?1)," \
  " (SELECT count(*) FROM training_attempts t JOIN training_assignments a" \
  "    ON a.id = t.assignment_id WHERE a.exercise_id = e.id AND t.submitted_at IS NOT NULL" \
  "    AND (CAST (?1 AS BIGINT) IS NULL OR a.trainee_id = ?1))," \
  " (SELECT count(*) FROM training_assignments a WHERE a.exercise_id = e.id)" \
  " FROM training_exercises e JOIN users u ON u.id = e.created_by"

static LkTrainingExercise *
exercise_from_row (LkStmt *stmt)
{
  LkTrainingExercise *self = g_object_new (LK_TYPE_TRAINING_EXERCISE, NULL);

  self->id = lk_stmt_int64 (stmt, 0);
  self->name = lk_stmt_dup_text (stmt, 1);
  self->instructions = lk_stmt_dup_text (stmt, 2);
  self->scale = lk_stmt_dup_text (stmt, 3);
  self->time_limit = lk_stmt_int64 (stmt, 4);
  self->created_by = lk_stmt_dup_text (stmt, 5);
  self->created_at = lk_stmt_dup_text (stmt, 6);
  self->n_items = (guint) lk_stmt_int (stmt, 7);
  self->due_date = lk_stmt_dup_text (stmt, 8);
  self->n_submitted = (guint) lk_stmt_int (stmt, 9);
  self->n_assigned = (guint) lk_stmt_int (stmt, 10);
  return self;
}

static void
bind_viewer (LkStmt         *stmt,
             LkSession      *session,
             LkTrainingView  view)
{
  if (view == LK_TRAINING_TRAINEE)
    lk_stmt_bind_int64 (stmt, 1, lk_session_get_user_id (session));
  else
    lk_stmt_bind_null (stmt, 1);
}

GListModel *
lk_training_exercises_list (LkSession  *session,
                            GError    **error)
{
  g_autoptr(GListStore) list = g_list_store_new (LK_TYPE_TRAINING_EXERCISE);
  g_autoptr(LkStmt) stmt = NULL;
  LkTrainingView view;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if (!lk_training_require (session, TRUE, &actor, &view, error) ||
      (stmt = lk_store_stmt (lk_session_get_store (session),
                             EXERCISE_COLUMNS " WHERE CAST (?1 AS BIGINT) IS NULL"
                             " OR e.id IN (SELECT exercise_id"
                             " FROM training_assignments WHERE trainee_id = ?1)"
                             " ORDER BY e.created_at DESC, e.id DESC", error)) == NULL)
    return NULL;
  bind_viewer (stmt, session, view);
  while (lk_stmt_next (stmt, error))
    {
      g_autoptr(LkTrainingExercise) exercise = exercise_from_row (stmt);

      g_list_store_append (list, exercise);
    }
  if (lk_stmt_failed (stmt))
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&list));
}

LkTrainingExercise *
lk_training_exercise_get (LkSession  *session,
                          gint64      exercise_id,
                          GError    **error)
{
  LkStore *store;
  g_autoptr(LkStmt) stmt = NULL;
  LkTrainingView view;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  store = lk_session_get_store (session);
  if (!lk_training_require (session, TRUE, &actor, &view, error) ||
      (view == LK_TRAINING_TRAINEE &&
       lk_training_assignment_of (store, exercise_id, lk_session_get_user_id (session),
                                  error) == 0) ||
      (stmt = lk_store_stmt (store, EXERCISE_COLUMNS " WHERE e.id = ?2", error)) == NULL)
    return NULL;
  bind_viewer (stmt, session, view);
  lk_stmt_bind_int64 (stmt, 2, exercise_id);
  if (!lk_stmt_row (stmt, error, "There is no exercise %" G_GINT64_FORMAT, exercise_id))
    return NULL;
  return exercise_from_row (stmt);
}

gint64
lk_training_exercise_find (LkSession   *session,
                           const char  *name,
                           GError     **error)
{
  g_autoptr(GListModel) list = lk_training_exercises_list (session, error);
  guint n;

  if (list == NULL)
    return 0;
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkTrainingExercise) e = g_list_model_get_item (list, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, e->id);

      if (g_str_equal (e->name, name) || g_str_equal (id, name))
        return e->id;
    }
  g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND, "There is no exercise “%s” you may see",
               name);
  return 0;
}
