/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Framing faces for comparison: the part of an image the workspace opens on, and the scale and
 * shift that show two faces at the same size before they are aligned by the eyes. Plain
 * geometry in original image coordinates, no OpenCV. */
#pragma once

#include "examination/lk-similarity.h"

G_BEGIN_DECLS

/* A rectangle: its top-left corner and size. */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} LkFrame;

/* How much of the face box's size is added on every side: detectors' boxes cut the hairline,
 * the ears and the chin, which an examiner compares. */
#define LK_FACE_FRAME_MARGIN 0.25

/* Whether @frame is finite with a positive width and height. */
gboolean    lk_face_frame_is_valid     (const LkFrame       *frame);

/* The frame around a detected face box @face: the box grown by LK_FACE_FRAME_MARGIN on every
 * side. Refused (LK_ERROR_INVALID_INPUT) for a box that is not valid. */
gboolean    lk_face_frame_around       (const LkFrame       *face,
                                        LkFrame             *frame,
                                        GError             **error);

/* The bounding box of @frame mapped through @t (a rotation makes it larger). */
void        lk_face_frame_transform    (const LkFrame       *frame,
                                        const LkSimilarity  *t,
                                        LkFrame             *out);

/* Scale and shift, no rotation, that put face box @from on face box @to: the centres meet and
 * the areas agree (the scale is the square root of the ratio of the areas, so that boxes of
 * slightly different shapes still get one scale). Refused (LK_ERROR_INVALID_INPUT) when either
 * box is not valid. */
gboolean    lk_face_frame_match        (const LkFrame       *from,
                                        const LkFrame       *to,
                                        LkSimilarity        *t,
                                        GError             **error);

/* The largest zoom (view pixels per unit of @frame) at which all of @frame fits a view of
 * @view_width x @view_height; 0 when either is unknown (not positive) or @frame is not
 * valid. */
double      lk_face_frame_zoom         (const LkFrame       *frame,
                                        double               view_width,
                                        double               view_height);

G_END_DECLS
