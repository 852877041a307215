/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The crop comes from the core (lk_face_crop_for_eyes); the view only scales and clips. */
#include "config.h"

#include "lk-face-crop-view.h"

#define WIDTH 220
#define HEIGHT 264
#define EYE_LINE 0.42

struct _LkFaceCropView
{
  GtkWidget   parent_instance;

  GdkTexture *texture;
  int         original_width;
  int         original_height;
  LkPoint     eyes[2];
  gboolean    has_crop;
  LkRect      crop;
};

G_DEFINE_FINAL_TYPE (LkFaceCropView, lk_face_crop_view, GTK_TYPE_WIDGET)

GtkWidget *
lk_face_crop_view_new (void)
{
  return g_object_new (LK_TYPE_FACE_CROP_VIEW, NULL);
}

void
lk_face_crop_view_set_face (LkFaceCropView *self,
                            GdkTexture     *texture,
                            int             original_width,
                            int             original_height,
                            LkPoint         eye_a,
                            LkPoint         eye_b)
{
  g_return_if_fail (LK_IS_FACE_CROP_VIEW (self));

  g_set_object (&self->texture, texture);
  self->original_width = original_width;
  self->original_height = original_height;
  self->eyes[0] = eye_a;
  self->eyes[1] = eye_b;
  self->has_crop = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
lk_face_crop_view_get_crop (LkFaceCropView *self,
                            LkRect         *crop)
{
  g_return_val_if_fail (LK_IS_FACE_CROP_VIEW (self), FALSE);

  *crop = self->crop;
  return self->has_crop;
}

static void
lk_face_crop_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  LkFaceCropView *self = LK_FACE_CROP_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double f;

  if (self->texture == NULL || self->original_width <= 0 ||
      !lk_face_crop_for_eyes (self->eyes[0], self->eyes[1], width, height,
                              LK_FACE_CROP_INTER_EYE, EYE_LINE, &self->crop))
    return;
  self->has_crop = TRUE;
  /* view pixels per original pixel */
  f = width / self->crop.width;
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT (-self->crop.x * f, -self->crop.y * f,
                                                    self->original_width * f,
                                                    self->original_height * f));
  gtk_snapshot_pop (snapshot);
}

static void
lk_face_crop_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? WIDTH : HEIGHT;
}

static void
lk_face_crop_view_dispose (GObject *object)
{
  g_clear_object (&LK_FACE_CROP_VIEW (object)->texture);
  G_OBJECT_CLASS (lk_face_crop_view_parent_class)->dispose (object);
}

static void
lk_face_crop_view_class_init (LkFaceCropViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_face_crop_view_dispose;
  widget_class->snapshot = lk_face_crop_view_snapshot;
  widget_class->measure = lk_face_crop_view_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "lk-face-crop");
}

static void
lk_face_crop_view_init (LkFaceCropView *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}
