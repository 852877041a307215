/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_TRAINING_ITEM_VIEW (lk_training_item_view_get_type ())
G_DECLARE_FINAL_TYPE (LkTrainingItemView, lk_training_item_view, LK, TRAINING_ITEM_VIEW, AdwBin)

/* A trainee's examination of one exercise item in training mode, marked as an exercise: the
 * two images side by side, the analysis and comparison notes, the conclusion level on the
 * exercise's scale and notes, and Submit. Once submitted the answer is fixed and the feedback
 * shows: the ground truth, the level given, the notes, the time and the trainer's comment.
 * Action training-item.submit. Signal "submitted" after a submission. */
void            lk_training_item_view_set_item (LkTrainingItemView *self,
                                                LkSession          *session,
                                                LkTrainingExercise *exercise,
                                                LkTrainingItem     *item);
LkTrainingItem *lk_training_item_view_get_item (LkTrainingItemView *self);
/* For tests: the result of @characteristic as the user picks it: 0 not assessed, then the
 * results of lk_observation_results() from 1; recorded at once. */
gboolean        lk_training_item_view_observe  (LkTrainingItemView *self,
                                                const char         *characteristic,
                                                guint               result);
/* For tests: choose level @ordinal of the scale and write the notes. */
gboolean        lk_training_item_view_choose   (LkTrainingItemView *self,
                                                int                 ordinal,
                                                const char         *analysis,
                                                const char         *notes);

G_END_DECLS
