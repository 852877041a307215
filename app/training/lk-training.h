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

#include "examination/lk-conclusions.h"
#include "examination/lk-examinations.h"
#include "imaging/lk-enhancement.h"
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
/* When the trainee first opened the item (ISO 8601, UTC), or NULL. */
const char *lk_training_item_get_opened_at    (LkTrainingItem *self);
/* The exercise's time limit per item in seconds; 0 without one. */
gint64      lk_training_item_get_time_limit   (LkTrainingItem *self);
/* Whether the attempt was submitted after the time limit (fixed with the submission). An
 * over-time answer counts in every figure as given (leaving it out would reward running over
 * on the hard items); the figures say how many answers were over time. */
gboolean    lk_training_item_get_over_time    (LkTrainingItem *self);
/* Seconds left of the time limit at @now (NULL: now) since the item was first opened: negative
 * once over; the limit itself before it is opened; for a submitted item, what was left at the
 * submission. G_MAXDOUBLE without a limit. */
double      lk_training_item_seconds_left     (LkTrainingItem *self,
                                               GDateTime      *now);
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
/* How to generate an exercise from a labelled gallery folder. */
typedef struct
{
  const char *gallery;      /* a folder holding one sub-folder of images per person */
  guint       n_pairs;      /* 1 to 500 */
  double      mated_share;  /* 0 to 1: the share of mated pairs (rounded) */
  guint32     seed;         /* the same seed, folder and settings give the same pairs */
  const char *difficulty;   /* "easy", "medium", "hard", or NULL or "mixed" for any */
} LkTrainingGenerateSpec;

/* Trainers. Scores every pair of faces of @gen's gallery with the built-in engine's classic
 * template (images without a face found are left out), ranks the mated and the non-mated pairs
 * by score into thirds (mated: the lowest third is hard; non-mated: the highest third, the
 * look-alikes, is hard), draws the pairs of the difficulty asked for with a seeded generator
 * and creates the exercise as lk_training_exercise_create() does; each pair's ground-truth notes
 * name its two files and their score. Runs in the calling thread (seconds for a few hundred
 * images). */
gint64      lk_training_exercise_generate (LkSession                    *session,
                                           const LkTrainingExerciseSpec *spec,
                                           const LkTrainingGenerateSpec *gen,
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
/* The trainee's feature comparison, kept as casework keeps an examiner's, in training's own
 * tables (never casework's or its statistics): LkObservation records in the order of the
 * characteristics' ids (visibility "probe" is image A, "candidate" image B); none before the
 * item is opened. A trainee reads their own (@trainee NULL or their name), trainers and
 * administrators @trainee's. */
GListModel *lk_training_item_list_observations (LkSession   *session,
                                                gint64       item_id,
                                                const char  *trainee,
                                                GError     **error);
/* The feature-list edition of that attempt (the current edition before it is opened). */
char       *lk_training_item_feature_list      (LkSession   *session,
                                                gint64       item_id,
                                                const char  *trainee,
                                                GError     **error);
/* Trainees, before submitting: records one observation as lk_observations_set() does in
 * casework (visibility_probe is image A, visibility_candidate image B); linked annotations are
 * refused, training items keep none. Audited as training.observation.recorded. */
gboolean    lk_training_item_set_observation   (LkSession                *session,
                                                gint64                    item_id,
                                                const LkObservationSpec  *observation,
                                                GError                  **error);
/* The enhancement stack of image @which ('a' or 'b') saved with the attempt (empty before). */
LkEnhancementStack *lk_training_item_get_enhancements (LkSession   *session,
                                                       gint64       item_id,
                                                       const char  *trainee,
                                                       char         which,
                                                       GError     **error);
/* Trainees, before submitting: saves the stack of image @which with the attempt, once
 * lk_enhancement_stack_validate() accepts it. Audited as training.enhancements.set. */
gboolean    lk_training_item_set_enhancements  (LkSession           *session,
                                                gint64               item_id,
                                                char                 which,
                                                LkEnhancementStack  *stack,
                                                GError             **error);
/* Annotations of an attempt, as an examiner annotates an examination (LkAnnotationSpec and its
 * rules, lk-examinations.h) with the images named "a" and "b": trainees annotate their own open
 * attempt; each change is audited on the exercise item (training.annotation.added, .updated,
 * .deleted) and refused to anyone else (LK_ERROR_PERMISSION_DENIED), before the item is opened
 * and once it is submitted (LK_ERROR_REFUSED). Removing is a soft delete. Returns the new id. */
gint64      lk_training_item_add_annotation    (LkSession               *session,
                                                gint64                   item_id,
                                                const LkAnnotationSpec  *spec,
                                                GError                 **error);
/* Changes what is not NULL: the geometry, the label, the characteristic ("" removes it). */
gboolean    lk_training_item_update_annotation (LkSession               *session,
                                                gint64                   annotation_id,
                                                JsonArray               *geometry,
                                                const char              *label,
                                                const char              *characteristic,
                                                GError                 **error);
gboolean    lk_training_item_delete_annotation (LkSession               *session,
                                                gint64                   annotation_id,
                                                GError                 **error);
/* The annotations (not removed) of @trainee's attempt of @item_id (@trainee NULL: the acting
 * trainee's own), a GListModel of LkAnnotation in the order they were made, images "a" and
 * "b"; empty before the item is opened. Trainers and administrators read anyone's. */
GListModel *lk_training_item_list_annotations  (LkSession               *session,
                                                gint64                   item_id,
                                                const char              *trainee,
                                                GError                 **error);
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

/* ---- history over time --------------------------------------------------------------------- */

/* One exercise in a trainee's history: dated by their last submission (YYYY-MM-DD). */
typedef struct
{
  gint64            exercise_id;
  char             *exercise;
  char             *scale;
  char             *date;
  guint             n_items;
  guint             n_submitted;
  LkTrainingResult *result;
} LkTrainingHistoryEntry;

void        lk_training_history_entry_free (LkTrainingHistoryEntry *entry);
/* Every exercise @trainee submitted at least one answer to (LkTrainingHistoryEntry), oldest
 * first, each scored as in lk_training_results(). Trainers and administrators read anyone's; a
 * trainee only their own. Audited as training.history.read. */
GPtrArray  *lk_training_history          (LkSession    *session,
                                          const char   *trainee,
                                          GError      **error);
/* Trainers and administrators: the histories of @trainees (NULL-terminated), in the same
 * order (each a GPtrArray of LkTrainingHistoryEntry), for one view of the dashboard of exercise
 * @exercise_id: one training.history.read event naming the exercise and the trainees. */
GPtrArray  *lk_training_histories        (LkSession           *session,
                                          gint64               exercise_id,
                                          const char * const  *trainees,
                                          GError             **error);
/* {trainee, history: [{date, exercise_id, exercise, scale, items, submitted, complete,
 * score}]} */
JsonObject *lk_training_history_to_json  (const char   *trainee,
                                          GPtrArray    *history);

/* ---- the PDF summary ----------------------------------------------------------------------- */

/* A PDF summary of @trainee, laid out by the report code: each exercise with its figures and
 * their denominators, the calibration table and the ROC curve, then the history over time.
 * Trainers and administrators. Audited as training.report.exported. */
gboolean    lk_training_report_pdf       (LkSession    *session,
                                          const char   *trainee,
                                          const char   *path,
                                          GError      **error);
/* The same in a worker thread. The file is written beside @path and renamed into place only
 * once complete, so a cancel (checked between the steps) leaves no file and no audit event. */
void        lk_training_report_pdf_async  (LkSession           *session,
                                           const char          *trainee,
                                           const char          *path,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    lk_training_report_pdf_finish (GAsyncResult        *result,
                                           GError             **error);

/* ---- competency proposals ------------------------------------------------------------------ */

/* A trainer's proposal of a competency record from a passed exercise, for an administrator to
 * confirm (the record is then added) or reject. */
#define LK_TYPE_TRAINING_PROPOSAL (lk_training_proposal_get_type ())
G_DECLARE_FINAL_TYPE (LkTrainingProposal, lk_training_proposal, LK, TRAINING_PROPOSAL, GObject)

gint64      lk_training_proposal_get_id            (LkTrainingProposal *self);
gint64      lk_training_proposal_get_exercise_id   (LkTrainingProposal *self);
const char *lk_training_proposal_get_exercise      (LkTrainingProposal *self);
const char *lk_training_proposal_get_trainee       (LkTrainingProposal *self);
/* "examiner" or "reviewer". */
const char *lk_training_proposal_get_kind          (LkTrainingProposal *self);
const char *lk_training_proposal_get_valid_from    (LkTrainingProposal *self);
const char *lk_training_proposal_get_valid_until   (LkTrainingProposal *self);
/* The evidence the record will carry: the exercise and its figures against the criteria. */
const char *lk_training_proposal_get_evidence      (LkTrainingProposal *self);
const char *lk_training_proposal_get_proposed_by   (LkTrainingProposal *self);
const char *lk_training_proposal_get_proposed_at   (LkTrainingProposal *self);
/* NULL while pending, then "confirmed" or "rejected". */
const char *lk_training_proposal_get_decision      (LkTrainingProposal *self);
const char *lk_training_proposal_get_decided_by    (LkTrainingProposal *self);
const char *lk_training_proposal_get_reason        (LkTrainingProposal *self);
/* The competency record added by the confirmation; 0 otherwise. */
gint64      lk_training_proposal_get_competency_id (LkTrainingProposal *self);

/* Whether @result passes: every item of the exercise submitted (@n_items), an AUC of at least
 * policy training_pass_auc (default 0.90) and a false "same" rate of at most policy
 * training_pass_false_same_rate (default 0.05), both defined. FALSE with LK_ERROR_REFUSED
 * naming the first criterion not met; @summary (may be NULL) receives the figures against the
 * criteria either way. */
gboolean    lk_training_passed             (LkStore                *store,
                                            const LkTrainingResult *result,
                                            guint                   n_items,
                                            char                  **summary,
                                            GError                **error);
/* Trainers. Proposes a competency record of @kind for @trainee from exercise @exercise_id,
 * which they must have passed; valid from @valid_from to @valid_until (YYYY-MM-DD; NULL: from
 * today, for a year). One pending proposal per trainee, exercise and kind. Audited as
 * training.competency.proposed. Returns the proposal's id, 0 on error. */
gint64      lk_training_propose            (LkSession    *session,
                                            gint64        exercise_id,
                                            const char   *trainee,
                                            const char   *kind,
                                            const char   *valid_from,
                                            const char   *valid_until,
                                            GError      **error);
/* Trainers and administrators: the proposals (LkTrainingProposal), pending first, newest
 * first; with @pending_only only those still to decide. */
GListModel *lk_training_proposals_list     (LkSession    *session,
                                            gboolean      pending_only,
                                            GError      **error);
/* Administrators. Confirms (adding the competency record in the same transaction, audited as
 * competency.added and training.competency.confirmed) or rejects (@reason required; audited as
 * training.competency.rejected) a pending proposal. */
gboolean    lk_training_proposal_decide    (LkSession    *session,
                                            gint64        proposal_id,
                                            gboolean      confirm,
                                            const char   *reason,
                                            GError      **error);
/* As JSON for likeness-cli. */
JsonArray  *lk_training_proposals_to_json  (GListModel   *proposals);

G_END_DECLS
