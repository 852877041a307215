/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: what an annotation must be wherever it is kept (an examination, a training
 * attempt), checked by the same code (lk-annotation-check.c). */
#pragma once

#include "lk-internal.h"
#include "examination/lk-examinations.h"
#include "store/lk-store-private.h"

G_BEGIN_DECLS

/* "marker", "ellipse", "rectangle", "arrow", "text", NULL: indexes of the kinds below. */
extern const char * const lk_annotation_kinds[];

/* How many points a kind has: 1 for markers and text, 2 for the others. */
guint       lk_annotation_kind_points    (int kind);

/* The two images an annotation may be placed on: their names (as stored and in messages) and
 * their sizes in pixels (0 when unknown: the points are then only checked to be finite). */
typedef struct
{
  const char *names[2];
  int         width[2];
  int         height[2];
} LkAnnotationImages;

/* The image (an index of @images->names), the kind (of lk_annotation_kinds), the pair, the
 * label and the characteristic of @spec; its geometry is read by lk_annotation_read_geometry. */
gboolean    lk_annotation_check_spec     (const LkAnnotationSpec    *spec,
                                          const LkAnnotationImages  *images,
                                          int                       *image,
                                          int                       *kind,
                                          GError                   **error);
/* A label: UTF-8, at most 500 characters; a text annotation needs one. */
gboolean    lk_annotation_check_label    (const char                *label,
                                          int                        kind,
                                          GError                   **error);
/* NULL or "" (no link), or a characteristic of the feature list. */
gboolean    lk_annotation_check_characteristic (const char          *id,
                                                GError             **error);
/* Reads and checks @geometry for @kind on @image into @points (room for 2). */
gboolean    lk_annotation_read_geometry  (const LkAnnotationImages  *images,
                                          int                        image,
                                          int                        kind,
                                          JsonArray                 *geometry,
                                          LkPoint                   *points,
                                          GError                   **error);

/* Where annotations are kept: the table, the column naming their owner (an examination, a
 * training attempt) and the images as the table names them. */
typedef struct
{
  const char *table;
  const char *owner_column;
  const char *image_names[2];
} LkAnnotationTable;

/* The pair a new annotation of @spec on @image gets: 0 for other kinds than markers; for a
 * marker given no pair, the lowest pair that has its marker on the other image only, else a
 * new pair after the highest; for a marker given a pair, that pair when this image has no
 * marker of it yet, else -1 with LK_ERROR_EXISTS. Inside the change's transaction. */
int         lk_annotation_choose_pair    (LkStore                   *store,
                                          const LkAnnotationTable   *table,
                                          gint64                     owner_id,
                                          const LkAnnotationSpec    *spec,
                                          int                        image,
                                          GError                   **error);

G_END_DECLS
