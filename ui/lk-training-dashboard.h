/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_TRAINING_DASHBOARD (lk_training_dashboard_get_type ())
G_DECLARE_FINAL_TYPE (LkTrainingDashboard, lk_training_dashboard, LK, TRAINING_DASHBOARD, AdwBin)

/* The trainer's dashboard of one exercise: per trainee the AUC, the error and inconclusive
 * rates with their denominators, time per item, the calibration table, a ROC curve and a
 * per-level bar chart; the agreement between trainees; action dashboard.export (CSV). */
void       lk_training_dashboard_set_exercise (LkTrainingDashboard *self,
                                               LkSession           *session,
                                               LkTrainingExercise  *exercise);
/* The results shown (LkTrainingResult), for tests. */
GPtrArray *lk_training_dashboard_get_results  (LkTrainingDashboard *self);
/* Writes the CSV export to @path. */
gboolean   lk_training_dashboard_export       (LkTrainingDashboard *self,
                                               const char          *path,
                                               GError             **error);

G_END_DECLS
