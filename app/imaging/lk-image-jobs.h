/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The slow image work of the viewers, in worker threads: decoding into pyramids, enhancing,
 * differencing. Each takes a GCancellable that stops the work between its steps; the views
 * only turn the pyramids' pixels into textures. */
#pragma once

#include <gio/gio.h>

#include "lk-progress.h"
#include "imaging/lk-cv.h"
#include "imaging/lk-enhancement.h"
#include "imaging/lk-image-pyramid.h"

G_BEGIN_DECLS

/* Two images decoded for a comparison: image 0 (the probe) and image 1. */
typedef struct _LkImagePair LkImagePair;

LkImagePyramid *lk_image_pair_get_pyramid (LkImagePair  *self,
                                           guint         which);
/* When faces were looked for in image 1: its largest face; FALSE when none was found. */
gboolean        lk_image_pair_get_face    (LkImagePair  *self,
                                           LkFace       *face);
/* The eyes of the largest face of image 1 that has them; FALSE when none has. */
gboolean        lk_image_pair_get_eyes    (LkImagePair  *self,
                                           LkPoint       eyes[2]);
void            lk_image_pair_free        (LkImagePair  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkImagePair, lk_image_pair_free)

/* Reads the bytes of image @which (0 or 1) of a pair; runs in the worker thread. */
typedef GBytes *(*LkImageReadFunc) (gpointer   data,
                                    guint      which,
                                    GError   **error);

/* Reads, decodes and builds the pyramids of both images (and with @find_faces, finds the faces
 * of image 1), reporting each step to @progress (may be NULL). Cancelling stops the work
 * between steps with G_IO_ERROR_CANCELLED. A failed read or decode fails the whole with its
 * error (LK_ERROR_PURGED for a purged image, LK_ERROR_IMAGE for one that cannot be decoded). */
void            lk_image_pair_load_async  (LkImageReadFunc       read,
                                           gpointer              data,
                                           GDestroyNotify        data_free,
                                           gboolean              find_faces,
                                           LkProgress           *progress,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
/* After a failed load: which image failed (0 the first, 1 the second). */
int             lk_image_pair_load_failed_image (GAsyncResult      *result);
LkImagePair    *lk_image_pair_load_finish (GAsyncResult         *result,
                                           GError              **error);

/* One image's bytes decoded (pixels as stored) into a pyramid. */
void            lk_image_pyramid_load_async   (GBytes               *image_bytes,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
LkImagePyramid *lk_image_pyramid_load_finish  (GAsyncResult         *result,
                                               GError              **error);

/* @stack applied to @source: at full resolution when @level is 0, else to level @level only,
 * as a quick partial pyramid (lk_image_pyramid_new_partial) to show until the whole is made. */
void            lk_image_pyramid_enhance_async  (LkImagePyramid       *source,
                                                 guint                 level,
                                                 LkEnhancementStack   *stack,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
LkImagePyramid *lk_image_pyramid_enhance_finish (GAsyncResult         *result,
                                                 GError              **error);

/* The difference of @probe and @other brought onto it by the similarity (a, b, tx, ty). */
void            lk_image_pyramid_difference_async  (LkImagePyramid      *probe,
                                                    LkImagePyramid      *other,
                                                    const double         transform[4],
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
LkImagePyramid *lk_image_pyramid_difference_finish (GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
