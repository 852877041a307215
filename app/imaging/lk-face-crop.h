/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Faces shown side by side at one scale: the part of each image to show so that both faces
 * have the same distance between the eyes on screen. */
#pragma once

#include <glib.h>

#include "imaging/lk-cv.h"

G_BEGIN_DECLS

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} LkRect;

/* The rectangle of an image, in its pixels, to show in a view of @view_width x @view_height so
 * that the eye centres @eye_a and @eye_b (image pixels) lie @inter_eye view pixels apart, their
 * midpoint centred across and at @eye_line (0 top, 1 bottom) of the height. The rectangle may
 * reach beyond the image (shown empty there). FALSE when the eyes coincide or a size is not
 * positive. */
gboolean  lk_face_crop_for_eyes  (LkPoint      eye_a,
                                  LkPoint      eye_b,
                                  double       view_width,
                                  double       view_height,
                                  double       inter_eye,
                                  double       eye_line,
                                  LkRect      *crop);
/* Eye centres assumed from a face box, for a face whose eyes were not found: at 0.3 and 0.7 of
 * its width and 0.38 of its height, the convention of the classic template. */
void      lk_face_eyes_from_box  (double       x,
                                  double       y,
                                  double       width,
                                  double       height,
                                  LkPoint     *eye_a,
                                  LkPoint     *eye_b);

G_END_DECLS
