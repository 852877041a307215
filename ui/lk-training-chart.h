/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "lk-core.h"

G_BEGIN_DECLS

typedef enum
{
  LK_TRAINING_CHART_ROC,    /* the ROC curve of the ordinal ratings, one point per cut */
  LK_TRAINING_CHART_LEVELS, /* per level, bars for mated and non-mated counts */
  LK_TRAINING_CHART_HISTORY, /* AUC and false "same" rate per exercise, oldest first */
} LkTrainingChartKind;

#define LK_TYPE_TRAINING_CHART (lk_training_chart_get_type ())
G_DECLARE_FINAL_TYPE (LkTrainingChart, lk_training_chart, LK, TRAINING_CHART, GtkWidget)

/* A small chart drawn with cairo of a trainee's ratings. Its accessible description is the
 * figures in words, so a screen-reader user gets what the picture shows. */
GtkWidget *lk_training_chart_new          (LkTrainingChartKind     kind);
void       lk_training_chart_set_ratings  (LkTrainingChart        *self,
                                           const LkTrainingRating *ratings,
                                           guint                   n,
                                           int                     min_level,
                                           int                     max_level);
/* A trainee's history (LkTrainingHistoryEntry, oldest first), for LK_TRAINING_CHART_HISTORY. */
void       lk_training_chart_set_history  (LkTrainingChart        *self,
                                           GPtrArray              *history);
/* The points of the ROC curve (false positive rate, true positive rate), from (0, 0) to
 * (1, 1), one per cut from the highest level down; for tests. NULL without both classes. */
GArray    *lk_training_chart_roc_points   (LkTrainingChart        *self);

G_END_DECLS
