/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_TRAINING_REVIEW (lk_training_review_get_type ())
G_DECLARE_FINAL_TYPE (LkTrainingReview, lk_training_review, LK, TRAINING_REVIEW, AdwWindow)

/* A trainer's review of @trainee's attempt of item @item_id, read-only: the pair in the
 * casework comparison view with the trainee's annotations over it (a click on one opens the
 * characteristic it is linked to) and their feature comparison. NULL with the error when the
 * attempt cannot be read. */
LkTrainingReview *lk_training_review_new            (LkSession   *session,
                                                     gint64       item_id,
                                                     const char  *trainee,
                                                     GError     **error);
/* For tests: the annotations shown (a GListModel of LkAnnotation). */
GListModel       *lk_training_review_get_annotations (LkTrainingReview *self);
/* For tests: whether both images are shown. */
gboolean          lk_training_review_is_loaded      (LkTrainingReview *self);

G_END_DECLS
