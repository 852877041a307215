/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One figure of the automatic quality readout: what was measured, its value, a traffic light
 * against the policy's thresholds and a one-line explanation. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LK_TYPE_QUALITY_MEASURE (lk_quality_measure_get_type ())
G_DECLARE_FINAL_TYPE (LkQualityMeasure, lk_quality_measure, LK, QUALITY_MEASURE, GObject)

/* The metric's id ("inter_eye_px") and its label ("Pixels between the eyes"). */
const char *lk_quality_measure_get_metric      (LkQualityMeasure *self);
const char *lk_quality_measure_get_label       (LkQualityMeasure *self);
/* FALSE when the figure could not be measured; the value is then 0. */
gboolean    lk_quality_measure_get_has_value   (LkQualityMeasure *self);
double      lk_quality_measure_get_value       (LkQualityMeasure *self);
/* The unit ("px", "°"), or NULL for a plain number. */
const char *lk_quality_measure_get_unit        (LkQualityMeasure *self);
/* "green", "amber", "red" or "unknown". */
const char *lk_quality_measure_get_light       (LkQualityMeasure *self);
const char *lk_quality_measure_get_explanation (LkQualityMeasure *self);

G_END_DECLS
