/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Framing faces: rectangles grown, mapped and matched. */
#include "config.h"

#include <math.h>

#include "examination/lk-face-frame.h"
#include "lk-error.h"

gboolean
lk_face_frame_is_valid (const LkFrame *frame)
{
  return frame != NULL && isfinite (frame->x) && isfinite (frame->y) &&
         isfinite (frame->width) && isfinite (frame->height) &&
         frame->width > 0 && frame->height > 0;
}

static gboolean
check_box (const LkFrame  *box,
           const char     *which,
           GError        **error)
{
  if (lk_face_frame_is_valid (box))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "The %s face box must have a finite place and a positive width and height",
               which);
  return FALSE;
}

gboolean
lk_face_frame_around (const LkFrame  *face,
                      LkFrame        *frame,
                      GError        **error)
{
  g_return_val_if_fail (frame != NULL, FALSE);

  if (!check_box (face, "detected", error))
    return FALSE;
  frame->x = face->x - LK_FACE_FRAME_MARGIN * face->width;
  frame->y = face->y - LK_FACE_FRAME_MARGIN * face->height;
  frame->width = face->width * (1 + 2 * LK_FACE_FRAME_MARGIN);
  frame->height = face->height * (1 + 2 * LK_FACE_FRAME_MARGIN);
  return TRUE;
}

void
lk_face_frame_transform (const LkFrame      *frame,
                         const LkSimilarity *t,
                         LkFrame            *out)
{
  const LkPoint corners[] = {
    { frame->x, frame->y }, { frame->x + frame->width, frame->y },
    { frame->x, frame->y + frame->height }, { frame->x + frame->width, frame->y + frame->height },
  };
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  g_return_if_fail (frame != NULL && t != NULL && out != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
    {
      LkPoint p = lk_similarity_apply (t, corners[i]);

      x0 = MIN (x0, p.x);
      y0 = MIN (y0, p.y);
      x1 = MAX (x1, p.x);
      y1 = MAX (y1, p.y);
    }
  *out = (LkFrame) { x0, y0, x1 - x0, y1 - y0 };
}

gboolean
lk_face_frame_match (const LkFrame  *from,
                     const LkFrame  *to,
                     LkSimilarity   *t,
                     GError        **error)
{
  double scale;

  g_return_val_if_fail (t != NULL, FALSE);

  if (!check_box (from, "candidate's", error) || !check_box (to, "probe's", error))
    return FALSE;
  scale = sqrt ((to->width * to->height) / (from->width * from->height));
  t->a = scale;
  t->b = 0;
  t->tx = to->x + to->width / 2 - scale * (from->x + from->width / 2);
  t->ty = to->y + to->height / 2 - scale * (from->y + from->height / 2);
  return TRUE;
}

double
lk_face_frame_zoom (const LkFrame *frame,
                    double         view_width,
                    double         view_height)
{
  if (!lk_face_frame_is_valid (frame) || !(view_width > 0) || !(view_height > 0))
    return 0;
  return MIN (view_width / frame->width, view_height / frame->height);
}
