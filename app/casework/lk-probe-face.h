/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A face the detector found on a probe at intake: its box and eye centres in the coordinates of
 * the original image, the detector's score, and the quality figures measured on it. */
#pragma once

#include <gio/gio.h>

#include "imaging/lk-cv.h"

G_BEGIN_DECLS

#define LK_TYPE_PROBE_FACE (lk_probe_face_get_type ())
G_DECLARE_FINAL_TYPE (LkProbeFace, lk_probe_face, LK, PROBE_FACE, GObject)

/* Its place among the probe's faces, from 0, as lk_analysis_choose_face () counts. */
guint       lk_probe_face_get_index   (LkProbeFace *self);
int         lk_probe_face_get_x       (LkProbeFace *self);
int         lk_probe_face_get_y       (LkProbeFace *self);
int         lk_probe_face_get_width   (LkProbeFace *self);
int         lk_probe_face_get_height  (LkProbeFace *self);
double      lk_probe_face_get_score   (LkProbeFace *self);
/* Property "has-eyes": whether the eye centres were found; if so lk_probe_face_get_eyes ()
 * gives them. */
gboolean    lk_probe_face_get_has_eyes (LkProbeFace *self);
gboolean    lk_probe_face_get_eyes    (LkProbeFace *self,
                                       LkPoint     *a,
                                       LkPoint     *b);
/* The quality readout measured on this face: a GListModel of LkQualityMeasure, empty when the
 * face was not measured (intake measures the first faces only). */
GListModel *lk_probe_face_get_quality (LkProbeFace *self);

G_END_DECLS
