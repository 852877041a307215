/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one place where core pixel buffers become GDK textures. */
#pragma once

#include <gtk/gtk.h>

#include "lk-core.h"

G_BEGIN_DECLS

/* A texture holding a copy of @pixels (8-bit RGBA). */
GdkTexture *lk_texture_new_from_pixels   (const LkPixels       *pixels);
/* A texture over @bytes as they are, without a copy: @width x @height pixels in @format, rows
 * @stride bytes apart. Any thread. */
GdkTexture *lk_texture_new_for_bytes     (int                   width,
                                          int                   height,
                                          GdkMemoryFormat       format,
                                          GBytes               *bytes,
                                          gsize                 stride);

/* An opaque copy of @surface (CAIRO_FORMAT_RGB24) in 3-byte RGB, the format that GTK 4.8's
 * cairo renderer draws fastest: it converts every texture on every frame, and converts its own
 * default format (premultiplied BGRA) at about a third of the speed (bench-viewer). */
GdkTexture *lk_texture_new_from_rgb24    (cairo_surface_t      *surface);

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

/* A thumbnail of a candidate's image (masked like the candidate list), made in a worker thread
 * with shrink-on-load decoding. Each is read once per session through the core (role, masking
 * and the consultation record) and then kept with the session, which drops them at log-out. */
void        lk_texture_load_candidate_async  (LkSession           *session,
                                              gint64               candidate_id,
                                              int                  size,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GdkTexture *lk_texture_load_candidate_finish (GAsyncResult        *result,
                                              GError             **error);

/* Image "a" or "b" of an exercise item, read through the core (a trainer, or a trainee assigned
 * to it), decoded and shrunk to @max_side in a worker thread. */
void        lk_texture_load_training_async  (LkSession           *session,
                                             gint64               item_id,
                                             char                 which,
                                             int                  max_side,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GdkTexture *lk_texture_load_training_finish (GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
