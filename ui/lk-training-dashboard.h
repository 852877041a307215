/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_TRAINING_DASHBOARD (lk_training_dashboard_get_type ())
G_DECLARE_FINAL_TYPE (LkTrainingDashboard, lk_training_dashboard, LK, TRAINING_DASHBOARD, AdwBin)

/* The trainer's dashboard of one exercise: per trainee the AUC, the error and inconclusive
 * rates with their denominators, time per item, the calibration table, a ROC curve, a
 * per-level bar chart and the history over time; whether the exercise is passed, with a
 * competency proposal from it (action dashboard.propose, s: the trainee); the agreement
 * between trainees; actions dashboard.export (CSV) and dashboard.report (s: the trainee's PDF
 * summary), dashboard.features ((xs): an item and a trainee, whose feature comparison opens
 * read-only). */
void       lk_training_dashboard_set_exercise (LkTrainingDashboard *self,
                                               LkSession           *session,
                                               LkTrainingExercise  *exercise);
/* The results shown (LkTrainingResult), for tests. */
GPtrArray *lk_training_dashboard_get_results  (LkTrainingDashboard *self);
/* Writes the CSV export to @path. */
gboolean   lk_training_dashboard_export       (LkTrainingDashboard *self,
                                               const char          *path,
                                               GError             **error);

/* Writes @trainee's PDF summary to @path in a worker thread (what dashboard.report does once
 * a file is chosen): the dashboard says it is busy, with a Cancel button
 * (dashboard.cancel-report), until the file is written or not. */
void       lk_training_dashboard_report       (LkTrainingDashboard *self,
                                               const char          *trainee,
                                               const char          *path);
/* Whether a summary is being written. */
gboolean   lk_training_dashboard_get_busy     (LkTrainingDashboard *self);

G_END_DECLS
