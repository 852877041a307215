/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-annotator.h"
#include "lk-compare-view.h"
#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_TRAINING_ITEM_VIEW (lk_training_item_view_get_type ())
G_DECLARE_FINAL_TYPE (LkTrainingItemView, lk_training_item_view, LK, TRAINING_ITEM_VIEW, AdwBin)

/* A trainee's examination of one exercise item in training mode, marked as an exercise: the
 * pair in the casework comparison view (side by side, overlay with an opacity, wipe, flicker;
 * zoom and pan) with an enhancement panel for each image, the analysis and comparison notes,
 * annotations (casework's tools: paired markers, shapes, arrows and text linked to a
 * characteristic), the feature observations, the conclusion level on the exercise's scale and notes, the time
 * left of the exercise's limit, and Submit. Once submitted the answer is fixed and the feedback
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

/* The comparison view (image A as its probe view, image B as its candidate view). */
LkCompareView  *lk_training_item_view_get_compare       (LkTrainingItemView *self);
/* The enhancement panel of image 'a' or 'b'. */
GtkWidget      *lk_training_item_view_get_enhance_panel (LkTrainingItemView *self,
                                                         char                which);
/* The annotation tools over the pair (casework's, on the attempt's own storage). */
LkAnnotator    *lk_training_item_view_get_annotator     (LkTrainingItemView *self);
/* What the time-limit label says, or NULL when it is hidden (no limit). */
const char     *lk_training_item_view_get_time_text     (LkTrainingItemView *self);

G_END_DECLS
