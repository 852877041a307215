/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one place where core pixel buffers become GDK textures. */
#pragma once

#include <gtk/gtk.h>

#include "lk-core.h"

G_BEGIN_DECLS

/* A texture holding a copy of @pixels (8-bit RGBA). */
GdkTexture *lk_texture_new_from_pixels   (const LkPixels       *pixels);

/* Reads the probe's original through lk_probes_read_image() (verified against its stored
 * SHA-256, and recorded as a consultation), decodes it and shrinks it so that neither side
 * exceeds @max_side, all in a worker thread. A tampered image fails with %LK_ERROR_INTEGRITY. */
void        lk_texture_load_probe_async  (LkSession            *session,
                                          gint64                probe_id,
                                          int                   max_side,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
/* The texture (full reference), and the size of the undecimated original in
 * @original_width and @original_height (either may be NULL): the coordinates that face
 * rectangles use. */
GdkTexture *lk_texture_load_probe_finish (GAsyncResult         *result,
                                          int                  *original_width,
                                          int                  *original_height,
                                          GError              **error);

G_END_DECLS
