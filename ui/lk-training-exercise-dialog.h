/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_TRAINING_EXERCISE_DIALOG (lk_training_exercise_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LkTrainingExerciseDialog, lk_training_exercise_dialog, LK,
                      TRAINING_EXERCISE_DIALOG, AdwWindow)

/* A trainer's new exercise without a folder: name, instructions and time limit, then image
 * pairs picked two files at a time, each with its ground truth (mated or not) and difficulty.
 * Create checks and writes everything in a worker thread (lk_training_exercise_create()); the
 * dialog closes once the exercise exists. Or: the pairs generated from a labelled gallery folder
 * (lk_training_exercise_generate(): number of pairs, share of mated pairs, seed, difficulty),
 * also in a worker thread. Actions exercise-dialog.add-pair, exercise-dialog.create,
 * exercise-dialog.choose-gallery and exercise-dialog.generate. Signal "created" (gint64
 * exercise id). */
LkTrainingExerciseDialog *lk_training_exercise_dialog_new (GtkWindow *parent,
                                                           LkSession *session);
/* Adds a pair as the file chooser does (for tests as well). */
void  lk_training_exercise_dialog_add_pair    (LkTrainingExerciseDialog *self,
                                               GFile                    *a,
                                               GFile                    *b,
                                               gboolean                  mated,
                                               const char               *difficulty);
/* The gallery folder to generate from, as the folder chooser sets it (for tests as well). */
void  lk_training_exercise_dialog_set_gallery (LkTrainingExerciseDialog *self,
                                               const char               *folder);
guint lk_training_exercise_dialog_get_n_pairs (LkTrainingExerciseDialog *self);

G_END_DECLS
