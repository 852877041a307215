/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An annotation an examiner placed on the probe or the candidate image: a paired marker, an
 * ellipse, a rectangle, an arrow or a text note, with its points in original image coordinates,
 * its label and the characteristic of the feature list it is linked to. */
#pragma once

#include <gio/gio.h>

#include "imaging/lk-cv.h"

G_BEGIN_DECLS

#define LK_TYPE_ANNOTATION (lk_annotation_get_type ())
G_DECLARE_FINAL_TYPE (LkAnnotation, lk_annotation, LK, ANNOTATION, GObject)

gint64      lk_annotation_get_id             (LkAnnotation *self);
/* "probe" or "candidate". */
const char *lk_annotation_get_image          (LkAnnotation *self);
/* "marker", "ellipse", "rectangle", "arrow" or "text". */
const char *lk_annotation_get_kind           (LkAnnotation *self);
/* Markers: the number of the pair the probe and candidate markers share; other kinds: 0. */
int         lk_annotation_get_pair           (LkAnnotation *self);
/* NULL when there is none. */
const char *lk_annotation_get_label          (LkAnnotation *self);
/* The id of the linked characteristic, or NULL. */
const char *lk_annotation_get_characteristic (LkAnnotation *self);
const char *lk_annotation_get_created_at     (LkAnnotation *self);
/* NULL until it is changed. */
const char *lk_annotation_get_updated_at     (LkAnnotation *self);
/* Property "n-points": 1 for markers and text, 2 for the others (see LkAnnotationSpec). */
guint       lk_annotation_get_n_points       (LkAnnotation *self);
/* Point @i, FALSE when there is no such point. */
gboolean    lk_annotation_get_point          (LkAnnotation *self,
                                              guint         i,
                                              LkPoint      *point);
/* Whether @self is @other itself or the other marker of its pair. */
gboolean    lk_annotation_is_partner         (LkAnnotation *self,
                                              LkAnnotation *other);

/* The annotation of @annotations (a GListModel of LkAnnotation) with @id, or NULL
 * (borrowed). */
LkAnnotation *lk_annotation_list_find        (GListModel   *annotations,
                                              gint64        id);

G_END_DECLS
