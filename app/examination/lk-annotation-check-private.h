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
 * training attempt), the images as the table names them, and in messages what one is called
 * ("annotation") and what became of a deleted one ("deleted"). */
typedef struct
{
  const char *table;
  const char *owner_column;
  const char *image_names[2];
  const char *noun;
  const char *gone;
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

/* ---- one annotation, as its table keeps it (lk-annotation-check.c) ---- */

/* The image is an index of the table's image_names and the kind of lk_annotation_kinds, -1
 * when unknown; pair is 0 for none. */
typedef struct
{
  gint64  owner_id;
  int     image;
  int     kind;
  int     pair;
  char   *geometry;
  char   *label;
  char   *characteristic;
  char   *deleted_at;
} LkAnnotationRow;

void        lk_annotation_row_clear      (LkAnnotationRow           *row);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkAnnotationRow, lk_annotation_row_clear)

/* Reads annotation @id of @table into @row; LK_ERROR_NOT_FOUND when there is none. */
gboolean    lk_annotation_read_row       (LkStore                   *store,
                                          const LkAnnotationTable   *table,
                                          gint64                     id,
                                          LkAnnotationRow           *row,
                                          GError                   **error);
/* TRUE when @row (annotation @id) is not deleted and its image and kind are known; else
 * LK_ERROR_NOT_FOUND. */
gboolean    lk_annotation_check_live     (const LkAnnotationTable   *table,
                                          gint64                     id,
                                          const LkAnnotationRow     *row,
                                          GError                   **error);

/* What an annotation is made of, as stored: geometry (JSON text), label, characteristic. */
typedef struct
{
  char   *geometry;
  char   *label;
  char   *characteristic;
} LkAnnotationState;

void        lk_annotation_state_clear    (LkAnnotationState         *state);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkAnnotationState, lk_annotation_state_clear)

/* The state of @row after an update into @after: @geometry read and checked on @images (NULL
 * keeps the row's), @label and @characteristic (NULL keeps the row's; "" removes the link), the
 * label checked for the row's kind. @changed: whether it differs from the row. */
gboolean    lk_annotation_prepare_update (const LkAnnotationImages  *images,
                                          const LkAnnotationRow     *row,
                                          JsonArray                 *geometry,
                                          const char                *label,
                                          const char                *characteristic,
                                          LkAnnotationState         *after,
                                          gboolean                  *changed,
                                          GError                   **error);
/* Writes @after into annotation @id of @table, with its update time. */
gboolean    lk_annotation_write          (LkStore                   *store,
                                          const LkAnnotationTable   *table,
                                          gint64                     id,
                                          const LkAnnotationState   *after,
                                          GError                   **error);
/* Marks annotation @id of @table deleted now (a soft delete). */
gboolean    lk_annotation_mark_deleted   (LkStore                   *store,
                                          const LkAnnotationTable   *table,
                                          gint64                     id,
                                          GError                   **error);
/* Adds an annotation of @spec with @pair (0: none) and @geometry (JSON text) to @owner_id in
 * @table; its id, or 0 with @error. */
gint64      lk_annotation_insert         (LkStore                   *store,
                                          const LkAnnotationTable   *table,
                                          gint64                     owner_id,
                                          const LkAnnotationSpec    *spec,
                                          int                        pair,
                                          const char                *geometry,
                                          GError                   **error);

/* The details of the audit events, each led by the member @key with @value (what the event is
 * about: the examination, the annotation). Added: the new annotation. */
JsonObject *lk_annotation_added_details  (const char                *key,
                                          gint64                     value,
                                          const LkAnnotationSpec    *spec,
                                          int                        pair,
                                          JsonArray                 *geometry);
/* Updated: its state before and after. */
JsonObject *lk_annotation_updated_details (const char               *key,
                                           gint64                    value,
                                           const LkAnnotationRow    *row,
                                           const LkAnnotationState  *after);
/* Deleted: the annotation as it was. */
JsonObject *lk_annotation_deleted_details (const LkAnnotationTable  *table,
                                           const char               *key,
                                           gint64                    value,
                                           const LkAnnotationRow    *row);

G_END_DECLS
