/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An image examined at any zoom from fit to 1600 %: the pyramid level that matches the screen
 * below 100 %, original pixels drawn as exact blocks from 100 % up. */
#pragma once

#include <gtk/gtk.h>

#include "lk-pyramid.h"

G_BEGIN_DECLS

#define LK_IMAGE_VIEW_MAX_ZOOM 16.0
/* The pixel grid shows from this zoom on. */
#define LK_IMAGE_VIEW_GRID_ZOOM 8.0

#define LK_TYPE_IMAGE_VIEW (lk_image_view_get_type ())
G_DECLARE_FINAL_TYPE (LkImageView, lk_image_view, LK, IMAGE_VIEW, GtkWidget)

GtkWidget  *lk_image_view_new                  (void);

LkPyramid  *lk_image_view_get_pyramid          (LkImageView             *self);
/* A pyramid of another size starts at fit; one of the same size (an enhanced preview of the
 * same image) keeps the zoom and position. */
void        lk_image_view_set_pyramid          (LkImageView             *self,
                                                LkPyramid               *pyramid);

/* 1.0 is 100 %: one original pixel per screen pixel. Kept between
 * lk_image_view_get_min_zoom() and LK_IMAGE_VIEW_MAX_ZOOM; setting it ends fit. */
double      lk_image_view_get_zoom             (LkImageView             *self);
void        lk_image_view_set_zoom             (LkImageView             *self,
                                                double                   zoom);
/* The smaller of the fit zoom and 1.0. */
double      lk_image_view_get_min_zoom         (LkImageView             *self);
/* While TRUE the zoom follows the widget's size and the image (or the fit area) is centred.
 * Setting it TRUE shows the whole image. */
gboolean    lk_image_view_get_fit              (LkImageView             *self);
void        lk_image_view_set_fit              (LkImageView             *self,
                                                gboolean                 fit);
/* Fit to @area of reference space (a face, say) rather than the whole image; NULL is the whole
 * image. Turns fit on; a user's zoom or pan ends it as any fit. */
void        lk_image_view_fit_area             (LkImageView             *self,
                                                const graphene_rect_t   *area);
/* Whether the view is fitted to an area, and which. */
gboolean    lk_image_view_get_fit_area         (LkImageView             *self,
                                                graphene_rect_t         *area);
/* Screen pixels per original pixel of this image: the zoom times the transform's scale. */
double      lk_image_view_get_pixel_zoom       (LkImageView             *self);
/* The visible part as scroll bars show it (widget pixels); moving one pans the view. */
GtkAdjustment *lk_image_view_get_adjustment    (LkImageView             *self,
                                                GtkOrientation           orientation);
/* Grows whenever what the view draws changes (view, image, focus, grid, backdrop): a cache of
 * its drawing is current while this stays the same. */
guint       lk_image_view_get_draw_serial      (LkImageView             *self);
/* The point of the (transformed) image at the centre of the view; kept inside the image's
 * bounds. Setting it ends fit. */
double      lk_image_view_get_center_x         (LkImageView             *self);
void        lk_image_view_set_center_x         (LkImageView             *self,
                                                double                   center_x);
double      lk_image_view_get_center_y         (LkImageView             *self);
void        lk_image_view_set_center_y         (LkImageView             *self,
                                                double                   center_y);
void        lk_image_view_set_center           (LkImageView             *self,
                                                double                   center_x,
                                                double                   center_y);
/* Zooms so that the image point under (@widget_x, @widget_y) stays there. */
void        lk_image_view_zoom_at              (LkImageView             *self,
                                                double                   zoom,
                                                double                   widget_x,
                                                double                   widget_y);

gboolean    lk_image_view_get_show_pixel_grid  (LkImageView             *self);
void        lk_image_view_set_show_pixel_grid  (LkImageView             *self,
                                                gboolean                 show_pixel_grid);
/* The pyramid level drawn: 0 from 100 % up. */
guint       lk_image_view_get_level            (LkImageView             *self);
/* What the image is, for assistive technologies ("Probe image"); the zoom is added. */
const char *lk_image_view_get_label            (LkImageView             *self);
void        lk_image_view_set_label            (LkImageView             *self,
                                                const char              *label);
/* The neutral backdrop around the image (a grey without colour cast next to the image being
 * judged); turn it off in a view stacked over another. */
#define LK_IMAGE_VIEW_BACKDROP ((const GdkRGBA) { 0.19f, 0.19f, 0.19f, 1 })
gboolean    lk_image_view_get_draws_background (LkImageView             *self);
void        lk_image_view_set_draws_background (LkImageView             *self,
                                                gboolean                 draws_background);
/* The part of the view that the image covers, in widget coordinates; FALSE when none does. */
gboolean    lk_image_view_get_image_bounds     (LkImageView             *self,
                                                graphene_rect_t         *bounds);

/* A 2D similarity (rotation, uniform scale, translation, possibly a reflection) from image
 * coordinates into the space that the zoom and centre refer to, e.g. to align a candidate
 * with the probe. NULL is the identity. */
void        lk_image_view_get_transform        (LkImageView             *self,
                                                graphene_matrix_t       *transform);
void        lk_image_view_set_transform        (LkImageView             *self,
                                                const graphene_matrix_t *transform);

/* Original image coordinates (before the transform) to widget coordinates and back. */
void        lk_image_view_image_to_widget      (LkImageView             *self,
                                                double                   image_x,
                                                double                   image_y,
                                                double                  *widget_x,
                                                double                  *widget_y);
void        lk_image_view_widget_to_image      (LkImageView             *self,
                                                double                   widget_x,
                                                double                   widget_y,
                                                double                  *image_x,
                                                double                  *image_y);

G_END_DECLS
