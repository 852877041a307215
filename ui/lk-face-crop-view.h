/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One face cropped and scaled so that its eyes lie a fixed distance apart: two of these side by
 * side show two faces at one face scale. */
#pragma once

#include <gtk/gtk.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_FACE_CROP_VIEW (lk_face_crop_view_get_type ())
G_DECLARE_FINAL_TYPE (LkFaceCropView, lk_face_crop_view, LK, FACE_CROP_VIEW, GtkWidget)

/* Pixels between the eyes on screen, in every view. */
#define LK_FACE_CROP_INTER_EYE 64.0

GtkWidget *lk_face_crop_view_new        (void);
/* @texture shows an original of @original_width x @original_height (it may be a shrunk copy);
 * @eye_a and @eye_b are in the original's pixels. NULL @texture: empty. */
void       lk_face_crop_view_set_face   (LkFaceCropView *self,
                                         GdkTexture     *texture,
                                         int             original_width,
                                         int             original_height,
                                         LkPoint         eye_a,
                                         LkPoint         eye_b);
/* The part of the original shown, as last drawn (for tests); FALSE before. */
gboolean   lk_face_crop_view_get_crop   (LkFaceCropView *self,
                                         LkRect         *crop);

G_END_DECLS
