/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The C face of the OpenCV wrapper: every OpenCV call and every C++ exception stays in
 * lk-cv.cpp. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 8-bit RGBA pixels, rows @stride bytes apart. */
typedef struct
{
  int     width;
  int     height;
  int     stride;
  guint8 *pixels;
} LkPixels;

const char *lk_cv_version  (void);

/* Decodes image bytes (any format OpenCV reads). With @max_side > 0 the result is shrunk,
 * so that neither side exceeds @max_side. */
LkPixels   *lk_cv_decode   (GBytes      *bytes,
                            int          max_side,
                            GError     **error);

LkPixels   *lk_pixels_new  (int          width,
                            int          height);
void        lk_pixels_free (LkPixels    *pixels);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkPixels, lk_pixels_free)

G_END_DECLS
