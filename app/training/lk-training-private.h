/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Inside training: the records' fields and the shared access checks. */
#pragma once

#include "lk-internal.h"

#include "store/lk-store-private.h"
#include "training/lk-training.h"

G_BEGIN_DECLS

struct _LkTrainingExercise
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *instructions;
  char    *scale;
  gint64   time_limit;
  char    *created_by;
  char    *created_at;
  guint    n_items;
  char    *due_date;
  guint    n_submitted;
  guint    n_assigned;
};

struct _LkTrainingItem
{
  GObject   parent_instance;

  gint64    id;
  gint64    exercise_id;
  guint     position;
  char     *pair_id;
  char     *image_a;
  char     *image_b;
  char     *trainee;
  char     *state;
  gint64    attempt_id;  /* 0: not opened */
  gboolean  has_level;
  int       level;
  char     *analysis;
  char     *comparison;
  char     *observations;
  char     *notes;
  double    seconds;
  char     *submitted_at;
  char     *opened_at;
  gint64    time_limit;
  gboolean  over_time;
  gboolean  truth_visible;
  gboolean  mated;
  char     *difficulty;
  char     *truth_notes;
  char     *comment;
};

/* Who acts on training: a trainer (sees everything of every exercise), an administrator
 * (reads results), or a trainee (sees their own assignments). */
typedef enum
{
  LK_TRAINING_TRAINER,
  LK_TRAINING_ADMINISTRATOR,
  LK_TRAINING_TRAINEE,
} LkTrainingView;

/* The gate of every training entry point: fills @actor and @view; refuses users without any
 * training role (and administrators where @allow_admin is FALSE). */
gboolean lk_training_require          (LkSession      *session,
                                       gboolean        allow_admin,
                                       LkActor        *actor,
                                       LkTrainingView *view,
                                       GError        **error);
/* The acting trainee's assignment of @exercise_id: its id, or 0 with LK_ERROR_NOT_FOUND
 * ("not assigned to you"). */
gint64   lk_training_assignment_of    (LkStore        *store,
                                       gint64          exercise_id,
                                       gint64          trainee_id,
                                       GError        **error);
/* The exercise of an item; 0 with LK_ERROR_NOT_FOUND. */
gint64   lk_training_item_exercise    (LkStore        *store,
                                       gint64          item_id,
                                       GError        **error);
/* The cuts of the policy (training_same_cut, training_different_cut). */
gboolean lk_training_cuts             (LkStore        *store,
                                       int            *same_cut,
                                       int            *different_cut,
                                       GError        **error);

/* The result of one assignment: its submitted items scored at the policy's cuts on the scale
 * @scale_name. */
LkTrainingResult *lk_training_result_for (LkStore     *store,
                                          const char  *scale_name,
                                          const char  *trainee,
                                          gint64       assignment,
                                          GError     **error);
/* The id of the enabled or disabled user @name holding the trainee role; 0 with an error. */
gint64   lk_training_trainee_of       (LkStore        *store,
                                       const char     *name,
                                       GError        **error);

/* The item @item_id for the acting trainee to work on: refuses anyone else. Fills @actor,
 * their @assignment and @item. */
gboolean lk_training_item_for_trainee  (LkSession       *session,
                                        gint64           item_id,
                                        LkActor         *actor,
                                        gint64          *assignment,
                                        LkTrainingItem **item,
                                        GError         **error);
/* Refuses an item not opened yet, or submitted. */
gboolean lk_training_item_require_open (LkTrainingItem  *item,
                                        GError         **error);
/* Who reads whose attempt: a trainee their own (@trainee NULL or their name), trainers and
 * administrators anyone's (@trainee required). The name, or NULL with the error. */
const char *lk_training_reader_of     (LkSession       *session,
                                       const char      *trainee,
                                       GError         **error);
/* The acting trainee's open attempt of @item_id for a change (refused to anyone else, before
 * the item is opened and after it is submitted): its id, or 0 with the error. Fills @actor. */
gint64   lk_training_attempt_for_change (LkSession     *session,
                                         gint64         item_id,
                                         LkActor       *actor,
                                         GError       **error);
/* The annotations (not removed) of an attempt as JSON objects (id, image, kind, pair,
 * geometry, label, characteristic, created_at, updated_at), without a gate. */
JsonArray *lk_training_annotations_json (LkStore       *store,
                                         gint64         attempt_id,
                                         GError       **error);
/* The results of an attempt's observations as sorted "id=result" lines. */
char    *lk_training_observation_lines (LkStore         *store,
                                        gint64           attempt_id,
                                        GError         **error);

/* The row of @trainee's attempt of @item_id with @columns (of the attempt, "t"; all NULL when
 * it is not opened yet); NULL with an error when the item is not assigned to @trainee. */
LkStmt    *lk_training_attempt_row (LkStore     *store,
                                    const char  *columns,
                                    gint64       item_id,
                                    const char  *trainee,
                                    GError     **error);

/* @trainee's history (lk_training_history()) read without the access check or the audit
 * event: the caller checks, and records what the reading was for. */
GPtrArray *lk_training_history_read (LkStore     *store,
                                     const char  *trainee,
                                     gint64       trainee_id,
                                     GError     **error);

/* Creates an exercise (lk_training_exercise_create()) naming pair i in errors as @where[i]
 * (NULL: "pair N"), with @details (more members of the audit event). */
gint64   lk_training_exercise_create_from (LkSession                    *session,
                                           const LkTrainingExerciseSpec *spec,
                                           const LkTrainingPair         *pairs,
                                           guint                         n_pairs,
                                           const char * const           *where,
                                           JsonObject                   *details,
                                           GError                      **error);

/* The text of an exercise's pairs.csv (@length bytes, @name in messages) with the images it
 * names in @dir, checked as lk_training_exercise_import() checks it: the number of pairs, or 0
 * with an error naming @name and the line. Nothing is written. */
guint    lk_training_exercise_parse       (const char                   *dir,
                                           const char                   *name,
                                           const char                   *text,
                                           gsize                         length,
                                           GError                      **error);

G_END_DECLS
