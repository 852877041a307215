/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A probe image scaled to fit, with the detected faces drawn over it. */
#pragma once

#include <gtk/gtk.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_FACE_VIEW (lk_face_view_get_type ())
G_DECLARE_FINAL_TYPE (LkFaceView, lk_face_view, LK, FACE_VIEW, GtkWidget)

GtkWidget  *lk_face_view_new               (void);
GdkTexture *lk_face_view_get_texture       (LkFaceView *self);
void        lk_face_view_set_texture       (LkFaceView *self,
                                            GdkTexture *texture);
/* @faces: the probe's faces (LkProbeFace, lk_probe_get_faces ()), whose boxes and eyes are in
 * coordinates of the original image of the given size; NULL for none. */
void        lk_face_view_set_faces         (LkFaceView *self,
                                            GListModel *faces,
                                            int         original_width,
                                            int         original_height);
guint       lk_face_view_get_n_faces       (LkFaceView *self);
int         lk_face_view_get_selected_face (LkFaceView *self);
void        lk_face_view_set_selected_face (LkFaceView *self,
                                            int         index);
gboolean    lk_face_view_get_editable      (LkFaceView *self);
void        lk_face_view_set_editable      (LkFaceView *self,
                                            gboolean    editable);

G_END_DECLS
