/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "imaging/lk-face-crop.h"

gboolean
lk_face_crop_for_eyes (LkPoint  eye_a,
                       LkPoint  eye_b,
                       double   view_width,
                       double   view_height,
                       double   inter_eye,
                       double   eye_line,
                       LkRect  *crop)
{
  double distance = hypot (eye_b.x - eye_a.x, eye_b.y - eye_a.y);
  double scale, mid_x, mid_y;

  g_return_val_if_fail (crop != NULL, FALSE);

  if (!(distance > 0) || !(view_width > 0) || !(view_height > 0) || !(inter_eye > 0))
    return FALSE;
  /* image pixels per view pixel */
  scale = distance / inter_eye;
  mid_x = (eye_a.x + eye_b.x) / 2;
  mid_y = (eye_a.y + eye_b.y) / 2;
  crop->width = view_width * scale;
  crop->height = view_height * scale;
  crop->x = mid_x - crop->width / 2;
  crop->y = mid_y - CLAMP (eye_line, 0, 1) * crop->height;
  return TRUE;
}

void
lk_face_eyes_from_box (double   x,
                       double   y,
                       double   width,
                       double   height,
                       LkPoint *eye_a,
                       LkPoint *eye_b)
{
  eye_a->x = x + 0.3 * width;
  eye_b->x = x + 0.7 * width;
  eye_a->y = eye_b->y = y + 0.38 * height;
}
