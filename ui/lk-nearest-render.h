/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The image view's renderer on the CPU: original pixels as sharp squares at high zoom. */
#pragma once

#include <gtk/gtk.h>

#include "lk-pyramid.h"

G_BEGIN_DECLS

/* A @width x @height texture in which each pixel is exactly the original pixel under its
 * centre (nearest neighbour, no blending), found through @device_to_image; transparent where
 * that falls outside the image. With @grid, the first pixel column and row of each original
 * pixel are shaded (darker over light pixels, lighter over dark ones). */
GdkTexture *lk_pyramid_render_nearest   (LkPyramid            *self,
                                         const cairo_matrix_t *device_to_image,
                                         int                   width,
                                         int                   height,
                                         gboolean              grid);

G_END_DECLS
