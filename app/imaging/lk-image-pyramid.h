/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Image pyramids, without a toolkit: an image at full resolution and at 1/2, 1/4, ... of it,
 * made in the calling or a worker thread. The UI turns the levels into textures (ui/lk-pyramid.c);
 * the slow work that makes them is asynchronous in lk-image-jobs.h. */
#pragma once

#include <gio/gio.h>

#include "imaging/lk-cv.h"

G_BEGIN_DECLS

/* How a level's pixels are laid out: 8-bit RGBA with straight or premultiplied alpha, or RGB. */
typedef enum
{
  LK_PIXEL_LAYOUT_RGBA,
  LK_PIXEL_LAYOUT_RGBA_PREMULTIPLIED,
  LK_PIXEL_LAYOUT_RGB,
} LkPixelLayout;

typedef struct
{
  GBytes        *bytes;    /* the level's memory; NULL above the first level */
  const guint8  *data;
  int            width;
  int            height;
  gsize          stride;
  guint          bpp;      /* bytes per pixel: 4 or 3 */
  LkPixelLayout  layout;
} LkImageLevel;

/* Each level's sides are the previous level's halved and rounded up, each of its pixels the
 * 2 x 2 box average of the level above, so that a level-k pixel covers exactly 2^k x 2^k
 * original pixels, the last row and column reaching past the edge), down to a level whose long
 * side is at most 256 pixels. Level 0 of an opaque image is its pixels as given (straight
 * RGBA), the smaller levels RGB; an image with transparency is premultiplied RGBA throughout.
 * Immutable once made and may be shared between threads. */
typedef struct _LkImagePyramid LkImagePyramid;

#define LK_TYPE_IMAGE_PYRAMID (lk_image_pyramid_get_type ())

GType           lk_image_pyramid_get_type        (void) G_GNUC_CONST;
/* Copies @pixels (8-bit RGBA, straight alpha) and builds the levels. */
LkImagePyramid *lk_image_pyramid_new_from_pixels (const LkPixels *pixels);
/* Takes @pixels (opaque RGBA, rows width * 4 bytes apart, as lk_cv_image_to_pixels makes
 * them) as level 0 without a copy, and builds the levels. */
LkImagePyramid *lk_image_pyramid_new_take_opaque (LkPixels       *pixels);
/* A quick stand-in for the pyramid of a @width x @height image while the whole one is being
 * made: only @level and the levels below it exist, made from @pixels (8-bit RGBA, straight
 * alpha) of exactly that level's size; the levels above have their sizes only. */
LkImagePyramid *lk_image_pyramid_new_partial     (const LkPixels *pixels,
                                                  int             width,
                                                  int             height,
                                                  guint           level);
LkImagePyramid *lk_image_pyramid_ref             (LkImagePyramid *self);
void            lk_image_pyramid_unref           (LkImagePyramid *self);
int             lk_image_pyramid_get_width       (LkImagePyramid *self);
int             lk_image_pyramid_get_height      (LkImagePyramid *self);
guint           lk_image_pyramid_get_n_levels    (LkImagePyramid *self);
/* The first level that exists: 0 for a whole pyramid. */
guint           lk_image_pyramid_get_first_level (LkImagePyramid *self);
gboolean        lk_image_pyramid_get_opaque      (LkImagePyramid *self);
/* Any level: those above the first level have their sizes only. */
const LkImageLevel *lk_image_pyramid_get_level   (LkImagePyramid *self,
                                                  guint           level);
/* A copy of @level (from the first level on) as 8-bit RGBA, straight alpha. */
LkPixels       *lk_image_pyramid_dup_level       (LkImagePyramid *self,
                                                  guint           level);
/* Level 0 of a whole opaque pyramid as the original pixels, borrowed (no copy): valid while
 * @self is; FALSE for a partial pyramid or one with transparency. */
gboolean        lk_image_pyramid_peek_original   (LkImagePyramid *self,
                                                  LkPixels       *pixels);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkImagePyramid, lk_image_pyramid_unref)

G_END_DECLS
