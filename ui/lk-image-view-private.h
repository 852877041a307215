/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the image view's files share: lk-image-view.c has the geometry, the view state and the
 * object; lk-image-view-snapshot.c draws; lk-image-view-input.c has the gestures, the scrolling
 * and the view.* actions with their keys. */
#pragma once

#include "lk-image-view.h"

G_BEGIN_DECLS

#define EPSILON 1e-9

typedef struct
{
  LkPyramid     *pyramid;
  cairo_matrix_t image_to_widget;
  int            scale_factor;
  int            x0, y0, x1, y1;   /* device pixels */
  gboolean       grid;
} NearestKey;

struct _LkImageView
{
  GtkWidget          parent_instance;

  LkPyramid         *pyramid;
  double             zoom;
  double             center_x;
  double             center_y;
  gboolean           fit;
  gboolean           has_fit_area;  /* fit shows fit_area rather than the whole image */
  graphene_rect_t    fit_area;      /* reference coordinates */
  gboolean           show_pixel_grid;
  gboolean           draws_background;
  guint              level;
  char              *label;
  graphene_matrix_t  transform;
  cairo_matrix_t     image_to_reference;

  double             drag_center_x;
  double             drag_center_y;
  gboolean           has_pointer;
  double             pointer_x;
  double             pointer_y;
  double             wheel_zoom;   /* unused part of a smooth wheel's steps */

  GdkTexture        *nearest;
  NearestKey         nearest_key;

  GtkAdjustment     *adjustments[2];  /* horizontal, vertical: the visible part, for scroll bars */
  gboolean           adjusting;
  guint              draw_serial;     /* grows with every change of what the view draws */
};

/* lk-image-view.c */
/* Every change to what the view draws goes through here. */
void     _lk_image_view_queue_draw             (LkImageView          *self);
void     _lk_image_view_image_to_widget_matrix (LkImageView          *self,
                                                cairo_matrix_t       *matrix);
void     _lk_image_view_transformed_bounds     (const cairo_matrix_t *matrix,
                                                double                width,
                                                double                height,
                                                graphene_rect_t      *bounds);
double   _lk_image_view_transform_scale        (LkImageView          *self);
/* Screen pixels per original pixel. */
double   _lk_image_view_device_scale           (LkImageView          *self);
/* A user's change of zoom or position: fit ends only when something actually moves. */
void     _lk_image_view_move_view              (LkImageView          *self,
                                                double                zoom,
                                                double                center_x,
                                                double                center_y);
void     _lk_image_view_pan_by                 (LkImageView          *self,
                                                double                widget_dx,
                                                double                widget_dy);
double   _lk_image_view_zoom_step              (double                zoom,
                                                int                   direction);

/* lk-image-view-snapshot.c */
void     _lk_image_view_snapshot               (GtkWidget            *widget,
                                                GtkSnapshot          *snapshot);

/* lk-image-view-input.c */
void     _lk_image_view_class_actions_init     (GtkWidgetClass       *widget_class);
void     _lk_image_view_add_controllers        (LkImageView          *self);

G_END_DECLS
