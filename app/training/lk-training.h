/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Training and proficiency. A trainer builds an exercise of image pairs with ground truth
 * (mated or not, difficulty, notes) and assigns it to trainees with a due date. A trainee sees
 * only their own assignments, never casework; they examine each item (analysis, comparison,
 * feature observations, a level of the exercise's conclusion scale, notes) and submit it; only
 * then does the core let them see its ground truth, their feedback and the trainer's comment.
 * Exercise images are kept apart from casework: an image that is exercise material can never
 * become a probe, a candidate or a gallery image (database triggers), and an image already
 * used in casework is refused as exercise material. Training never enters casework statistics
 * (its tables are its own). Every change is audited; no audit event carries ground truth. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "people/lk-session.h"
#include "training/lk-training-score.h"

G_BEGIN_DECLS

/* ---- records ------------------------------------------------------------------------------- */

#define LK_TYPE_TRAINING_EXERCISE (lk_training_exercise_get_type ())
G_DECLARE_FINAL_TYPE (LkTrainingExercise, lk_training_exercise, LK, TRAINING_EXERCISE, GObject)

gint64      lk_training_exercise_get_id           (LkTrainingExercise *self);
const char *lk_training_exercise_get_name         (LkTrainingExercise *self);
const char *lk_training_exercise_get_instructions (LkTrainingExercise *self);
/* The conclusion scale's name (default-7, enfsi). */
const char *lk_training_exercise_get_scale        (LkTrainingExercise *self);
/* Seconds per item; 0 without a limit. */
gint64      lk_training_exercise_get_time_limit   (LkTrainingExercise *self);
const char *lk_training_exercise_get_created_by   (LkTrainingExercise *self);
const char *lk_training_exercise_get_created_at   (LkTrainingExercise *self);
guint       lk_training_exercise_get_n_items      (LkTrainingExercise *self);
/* For a trainee: the due date of their assignment (YYYY-MM-DD or NULL) and the items they
 * submitted. For a trainer: NULL, and the items submitted by all trainees. */
const char *lk_training_exercise_get_due_date     (LkTrainingExercise *self);
guint       lk_training_exercise_get_n_submitted  (LkTrainingExercise *self);
/* Trainees assigned. */
guint       lk_training_exercise_get_n_assigned   (LkTrainingExercise *self);

#define LK_TYPE_TRAINING_ITEM (lk_training_item_get_type ())
G_DECLARE_FINAL_TYPE (LkTrainingItem, lk_training_item, LK, TRAINING_ITEM, GObject)

gint64      lk_training_item_get_id           (LkTrainingItem *self);
gint64      lk_training_item_get_exercise_id  (LkTrainingItem *self);
guint       lk_training_item_get_position     (LkTrainingItem *self);
const char *lk_training_item_get_pair_id      (LkTrainingItem *self);
/* The trainee whose attempt this record carries (NULL for a trainer's view of the item). */
const char *lk_training_item_get_trainee      (LkTrainingItem *self);
/* "not-started", "in-progress" or "submitted". */
const char *lk_training_item_get_state        (LkTrainingItem *self);
gboolean    lk_training_item_get_has_level    (LkTrainingItem *self);
int         lk_training_item_get_level        (LkTrainingItem *self);
const char *lk_training_item_get_analysis     (LkTrainingItem *self);
const char *lk_training_item_get_comparison   (LkTrainingItem *self);
/* The attempt's feature observations: characteristic ids and results, as "id=result" lines. */
const char *lk_training_item_get_observations (LkTrainingItem *self);
const char *lk_training_item_get_notes        (LkTrainingItem *self);
double      lk_training_item_get_seconds      (LkTrainingItem *self);
const char *lk_training_item_get_submitted_at (LkTrainingItem *self);
/* Ground truth: FALSE for a trainee before they submit the item; then the getters below
 * return FALSE and NULL whatever the truth is. */
gboolean    lk_training_item_get_truth_visible (LkTrainingItem *self);
gboolean    lk_training_item_get_mated        (LkTrainingItem *self);
const char *lk_training_item_get_difficulty   (LkTrainingItem *self);
const char *lk_training_item_get_truth_notes  (LkTrainingItem *self);
/* The trainer's comment on a submitted attempt, or NULL. */
const char *lk_training_item_get_comment      (LkTrainingItem *self);

/* ---- exercises ----------------------------------------------------------------------------- */

typedef struct
{
  const char *name;          /* unique */
  const char *instructions;  /* required */
  const char *scale;         /* NULL: the policy's conclusion_scale */
  gint64      time_limit;    /* seconds per item; 0: none */
} LkTrainingExerciseSpec;

/* One image pair with its ground truth, for lk_training_exercise_create(). */
typedef struct
{
  const char *pair_id;
  GBytes     *image_a;
  GBytes     *image_b;
  gboolean    mated;
  const char *difficulty;   /* "easy", "medium" or "hard" */
  const char *notes;        /* NULL: none */
} LkTrainingPair;

/* The difficulties, NULL-terminated: easy, medium, hard. */
const char * const *lk_training_difficulties (void);

/* Trainers. Creates an exercise with @n_pairs items (at least one), every image checked (header,
 * size limits, decoding) and refused when it is already casework material. One transaction,
 * audited as training.exercise.created. Returns the exercise id, 0 on error. */
gint64      lk_training_exercise_create  (LkSession                    *session,
                                          const LkTrainingExerciseSpec *spec,
                                          const LkTrainingPair         *pairs,
                                          guint                         n_pairs,
                                          GError                      **error);
/* Trainers. @path is a folder holding pairs.csv, or a CSV file: a header line
 * `pair_id,image_a,image_b,mated,difficulty,notes` then one pair a line (RFC 4180 quoting),
 * images as paths relative to the CSV's folder. Everything is checked before anything is
 * written; the first problem is one error naming the file and the line, and nothing changes. */
gint64      lk_training_exercise_import  (LkSession                    *session,
                                          const LkTrainingExerciseSpec *spec,
                                          const char                   *path,
                                          GError                      **error);
/* The import in a worker thread (images are decoded to be checked). */
void        lk_training_exercise_import_async  (LkSession                    *session,
                                                const LkTrainingExerciseSpec *spec,
                                                const char                   *path,
                                                GCancellable                 *cancellable,
                                                GAsyncReadyCallback           callback,
                                                gpointer                      user_data);
gint64      lk_training_exercise_import_finish (GAsyncResult                 *result,
                                                GError                      **error);
/* Trainers: every exercise. Trainees: the ones assigned to them. Others: refused. */
GListModel *lk_training_exercises_list   (LkSession    *session,
                                          GError      **error);
LkTrainingExercise *lk_training_exercise_get (LkSession *session,
                                              gint64     exercise_id,
                                              GError   **error);
/* The id of the exercise called @name (for the CLI), 0 with LK_ERROR_NOT_FOUND. */
gint64      lk_training_exercise_find    (LkSession    *session,
                                          const char   *name,
                                          GError      **error);
/* Trainers. @trainee must hold the trainee role; @due_date YYYY-MM-DD or NULL. Audited as
 * training.assigned. */
gboolean    lk_training_assign           (LkSession    *session,
                                          gint64        exercise_id,
                                          const char   *trainee,
                                          const char   *due_date,
                                          GError      **error);
/* Trainers: the names of the trainees assigned to an exercise. */
GStrv       lk_training_trainees         (LkSession    *session,
                                          gint64        exercise_id,
                                          GError      **error);
/* The users who hold the trainee role (trainers, for assigning). */
GStrv       lk_training_trainee_candidates (LkSession  *session,
                                            GError    **error);

/* ---- items and attempts -------------------------------------------------------------------- */

/* Trainees: the items of an exercise assigned to them, with their own attempts. Trainers: with
 * @trainee NULL the items with their ground truth; with a trainee's name, that trainee's
 * attempts with the ground truth. */
GListModel *lk_training_items_list       (LkSession    *session,
                                          gint64        exercise_id,
                                          const char   *trainee,
                                          GError      **error);
/* Trainees: opens an item of an assigned exercise for examination (starts the attempt and its
 * clock the first time; audited as training.item.opened). Returns the item as they may see
 * it. */
LkTrainingItem *lk_training_item_open    (LkSession    *session,
                                          gint64        item_id,
                                          GError      **error);
/* The item as the acting user may see it (no side effects beyond the read). */
LkTrainingItem *lk_training_item_get     (LkSession    *session,
                                          gint64        item_id,
                                          GError      **error);
/* The bytes of image "a" or "b" of an item, for a trainer or a trainee assigned to it. */
GBytes     *lk_training_item_image       (LkSession    *session,
                                          gint64        item_id,
                                          char          which,
                                          GError      **error);
/* Trainees, before submitting: the analysis and comparison notes (NULL leaves one as it is).
 * Audited as training.attempt.saved. */
gboolean    lk_training_item_save        (LkSession    *session,
                                          gint64        item_id,
                                          const char   *analysis,
                                          const char   *comparison,
                                          GError      **error);
/* Trainees, before submitting: one feature observation (the characteristic of the current
 * feature-list edition, a result of lk_observation_results(); NULL result removes it). */
gboolean    lk_training_item_observe     (LkSession    *session,
                                          gint64        item_id,
                                          const char   *characteristic,
                                          const char   *result,
                                          GError      **error);
/* One characteristic of the feature list as a trainee observes it for an item. */
typedef struct
{
  char *id;          /* "eyes.fissure" */
  char *component;   /* "Eyes" */
  char *name;        /* "Fissure shape and tilt" */
  char *result;      /* lk_observation_results () or NULL: not assessed */
} LkTrainingObservation;

void        lk_training_observation_free (LkTrainingObservation *observation);
/* Every characteristic of the feature-list edition of the acting trainee's attempt (the
 * current edition before it is opened), in the list's order, with their result for the item
 * (LkTrainingObservation). */
GPtrArray  *lk_training_item_observations (LkSession   *session,
                                           gint64       item_id,
                                           GError     **error);
/* Trainees: submits the item with @level (an ordinal of the exercise's scale) and @notes. The
 * time spent is the time since the item was first opened. The answer cannot change afterwards;
 * the ground truth becomes visible to them. Audited as training.attempt.submitted (level and
 * time only). */
gboolean    lk_training_item_conclude    (LkSession    *session,
                                          gint64        item_id,
                                          int           level,
                                          const char   *notes,
                                          GError      **error);
/* Trainers: a comment on a trainee's submitted attempt. Audited as training.comment.added. */
gboolean    lk_training_item_comment     (LkSession    *session,
                                          gint64        item_id,
                                          const char   *trainee,
                                          const char   *comment,
                                          GError      **error);
/* The item as JSON for likeness-cli: the ground truth members only when visible. */
JsonObject *lk_training_item_to_json     (LkTrainingItem *item);

/* ---- results ------------------------------------------------------------------------------- */

typedef struct
{
  char            *trainee;
  GArray          *ratings; /* LkTrainingRating of the submitted items */
  LkTrainingScore *score;
} LkTrainingResult;

void        lk_training_result_free      (LkTrainingResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkTrainingResult, lk_training_result_free)

/* Trainers and administrators: per trainee of an exercise (LkTrainingResult), scored at the
 * policy's training cuts on the exercise's scale. Audited as training.results.read. */
GPtrArray  *lk_training_results          (LkSession    *session,
                                          gint64        exercise_id,
                                          GError      **error);
/* A trainee's own figures, once they have submitted every item of the exercise. */
LkTrainingResult *lk_training_own_result (LkSession    *session,
                                          gint64        exercise_id,
                                          GError      **error);
/* The results as JSON: exercise, trainees (name, score, items), agreement (quadratic weighted
 * kappa for each pair of trainees on the items both submitted). */
JsonObject *lk_training_results_to_json  (LkTrainingExercise *exercise,
                                          GPtrArray          *results);
/* The agreement of two trainees on the items both submitted (@n_items): Cohen's kappa with
 * quadratic weights over the scale's levels. */
LkTrainingFigure lk_training_results_agreement (const LkTrainingResult *a,
                                                const LkTrainingResult *b,
                                                guint                  *n_items);
/* One CSV line per trainee and item: trainee,item,mated,rating,seconds. */
char       *lk_training_results_to_csv   (GPtrArray    *results);

G_END_DECLS
