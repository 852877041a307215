/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_TRAINING_PAGE (lk_training_page_get_type ())
G_DECLARE_FINAL_TYPE (LkTrainingPage, lk_training_page, LK, TRAINING_PAGE, AdwBin)

/* The Training section. Trainees: their assignments, the items of each with their state, and
 * an item opened for examination in training mode (training.open-exercise x, training.open-item
 * x). Trainers: every exercise, its dashboard (training.open-exercise), importing an exercise
 * from a folder (training.import) and assigning it (training.assign x). training.back returns
 * one level. Other roles see what the section is for. */
void        lk_training_page_set_session (LkTrainingPage *self,
                                          LkSession      *session);
void        lk_training_page_reload      (LkTrainingPage *self);
/* The visible view: "exercises", "items", "item" or "dashboard". */
const char *lk_training_page_get_view    (LkTrainingPage *self);
GtkWidget  *lk_training_page_get_item_view (LkTrainingPage *self);
GtkWidget  *lk_training_page_get_dashboard (LkTrainingPage *self);

G_END_DECLS
