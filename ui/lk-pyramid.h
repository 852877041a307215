/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Image pyramids for the image view: a core pyramid (imaging/lk-image-pyramid.h) with its
 * levels and tiles as textures. */
#pragma once

#include <gtk/gtk.h>

#include "lk-core.h"

G_BEGIN_DECLS

/* The levels of an LkImagePyramid as textures. Immutable once made, and may be shared between
 * views; the tile cache is touched on the main thread only. */
typedef struct _LkPyramid LkPyramid;

#define LK_TYPE_PYRAMID (lk_pyramid_get_type ())
#define LK_PYRAMID_TILE_SIZE 512

GType       lk_pyramid_get_type         (void) G_GNUC_CONST;
/* The textures of @image's levels (no copy of its pixels). */
LkPyramid  *lk_pyramid_new_for_image    (LkImagePyramid       *image);
LkImagePyramid *lk_pyramid_get_image    (LkPyramid            *self);
/* Copies @pixels (8-bit RGBA, straight alpha) and builds the levels in the calling thread. */
LkPyramid  *lk_pyramid_new_from_pixels  (const LkPixels       *pixels);
/* Decodes @image_bytes once (lk_image_pyramid_load_async, pixels as stored) into a pyramid
 * in a worker thread. */
void        lk_pyramid_load_async       (GBytes               *image_bytes,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
LkPyramid  *lk_pyramid_load_finish      (GAsyncResult         *result,
                                         GError              **error);
/* lk_image_pyramid_new_partial() with textures: the levels above @level have no textures or
 * tiles, and nothing can be rendered at full resolution from it. */
LkPyramid  *lk_pyramid_new_partial      (const LkPixels       *pixels,
                                         int                   width,
                                         int                   height,
                                         guint                 level);
/* The first level that exists: 0 for a whole pyramid. */
guint       lk_pyramid_get_first_level  (LkPyramid            *self);
/* A copy of @level (from the first level on) as 8-bit RGBA, straight alpha. Any thread. */
LkPixels   *lk_pyramid_dup_level        (LkPyramid            *self,
                                         guint                 level);
LkPyramid  *lk_pyramid_ref              (LkPyramid            *self);
void        lk_pyramid_unref            (LkPyramid            *self);
int         lk_pyramid_get_width        (LkPyramid            *self);
int         lk_pyramid_get_height       (LkPyramid            *self);
guint       lk_pyramid_get_n_levels     (LkPyramid            *self);
/* The whole level as one texture; level 0 is the original. From the first level on. */
GdkTexture *lk_pyramid_get_texture      (LkPyramid            *self,
                                         guint                 level);
/* Columns and rows of LK_PYRAMID_TILE_SIZE tiles that cover @level (any level). */
void        lk_pyramid_get_n_tiles      (LkPyramid            *self,
                                         guint                 level,
                                         int                  *columns,
                                         int                  *rows);
/* One tile of @level, sharing the level's memory, made on first use and kept; @bounds
 * receives where it lies in level pixels; from the first level on. Tiles overlap their right and bottom neighbours by
 * two pixels so that a scaled tile never leaves a seam. Main thread only. */
GdkTexture *lk_pyramid_get_tile         (LkPyramid            *self,
                                         guint                 level,
                                         int                   column,
                                         int                   row,
                                         graphene_rect_t      *bounds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkPyramid, lk_pyramid_unref)

G_END_DECLS
