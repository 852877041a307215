/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The image view's drawing: tiles of a level below 100 %, the nearest-neighbour rendering from
 * 100 % up, and the focus outline. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lk-image-view-private.h"
#include "lk-nearest-render.h"

#define FOCUS_WIDTH 2
#define FALLBACK_ACCENT "#3584e4"

/* ---- drawing ------------------------------------------------------------------------------ */

static void
push_matrix (GtkSnapshot          *snapshot,
             const cairo_matrix_t *m)
{
  graphene_matrix_t matrix;
  double scale = sqrt (fabs (m->xx * m->yy - m->xy * m->yx));
  double flip = m->xx * m->yy - m->xy * m->yx < 0 ? -1 : 1;
  double angle = atan2 (m->yx, m->xx);

  /* Similarities as translate, rotate, scale: renderers handle those without offscreens. */
  if (fabs (m->xx - flip * m->yy) < 1e-9 * scale && fabs (m->yx + flip * m->xy) < 1e-9 * scale)
    {
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (m->x0, m->y0));
      if (fabs (angle) > 1e-12)
        gtk_snapshot_rotate (snapshot, angle * 180 / G_PI);
      gtk_snapshot_scale (snapshot, scale, flip * scale);
      return;
    }
  graphene_matrix_init_from_2d (&matrix, m->xx, m->yx, m->xy, m->yy, m->x0, m->y0);
  gtk_snapshot_transform_matrix (snapshot, &matrix);
}

/* Below 100 %: the chosen level's visible tiles, shrunk by GTK. */
static void
append_level (LkImageView *self,
              GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double size = ldexp (1.0, self->level);
  cairo_matrix_t level_to_widget, widget_to_level;
  graphene_rect_t visible;
  int columns, rows;

  cairo_matrix_init_scale (&level_to_widget, size, size);
  _lk_image_view_image_to_widget_matrix (self, &widget_to_level);
  cairo_matrix_multiply (&level_to_widget, &level_to_widget, &widget_to_level);
  widget_to_level = level_to_widget;
  if (cairo_matrix_invert (&widget_to_level) != CAIRO_STATUS_SUCCESS)
    return;
  _lk_image_view_transformed_bounds (&widget_to_level, width, height, &visible);
  lk_pyramid_get_n_tiles (self->pyramid, self->level, &columns, &rows);

  gtk_snapshot_save (snapshot);
  push_matrix (snapshot, &level_to_widget);
  /* The last level pixels reach past the original's edge. */
  gtk_snapshot_push_clip (snapshot,
                          &GRAPHENE_RECT_INIT (0, 0, lk_pyramid_get_width (self->pyramid) / size,
                                               lk_pyramid_get_height (self->pyramid) / size));
  for (int row = MAX (0, floor (visible.origin.y / LK_PYRAMID_TILE_SIZE));
       row <= MIN (rows - 1, floor ((visible.origin.y + visible.size.height)
                                    / LK_PYRAMID_TILE_SIZE)); row++)
    for (int column = MAX (0, floor (visible.origin.x / LK_PYRAMID_TILE_SIZE));
         column <= MIN (columns - 1, floor ((visible.origin.x + visible.size.width)
                                            / LK_PYRAMID_TILE_SIZE)); column++)
      {
        graphene_rect_t bounds;
        GdkTexture *tile = lk_pyramid_get_tile (self->pyramid, self->level, column, row,
                                                &bounds);

        gtk_snapshot_append_texture (snapshot, tile, &bounds);
      }
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_restore (snapshot);
}

static gboolean
nearest_key_equal (const NearestKey *a,
                   const NearestKey *b)
{
  return a->pyramid == b->pyramid && a->scale_factor == b->scale_factor &&
         a->x0 == b->x0 && a->y0 == b->y0 && a->x1 == b->x1 && a->y1 == b->y1 &&
         a->grid == b->grid &&
         memcmp (&a->image_to_widget, &b->image_to_widget, sizeof (cairo_matrix_t)) == 0;
}

/* Screen pixels, relative to the key's area, to original pixels. */
static void
device_to_image_matrix (const NearestKey *key,
                        cairo_matrix_t   *matrix)
{
  cairo_matrix_t widget_to_image = key->image_to_widget;

  cairo_matrix_init_translate (matrix, key->x0, key->y0);
  cairo_matrix_scale (matrix, 1.0 / key->scale_factor, 1.0 / key->scale_factor);
  cairo_matrix_invert (&widget_to_image);
  cairo_matrix_multiply (matrix, matrix, &widget_to_image);
}

/* From 100 % up: the visible part, one texture pixel per screen pixel. */
static void
append_nearest (LkImageView *self,
                GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  NearestKey key = { self->pyramid, };
  graphene_rect_t area, widget = GRAPHENE_RECT_INIT (0, 0, width, height);
  float sf;

  _lk_image_view_image_to_widget_matrix (self, &key.image_to_widget);
  _lk_image_view_transformed_bounds (&key.image_to_widget, lk_pyramid_get_width (self->pyramid),
                                     lk_pyramid_get_height (self->pyramid), &area);
  if (!graphene_rect_intersection (&area, &widget, &area))
    return;
  key.scale_factor = sf = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  if (key.image_to_widget.xy == 0 && key.image_to_widget.yx == 0)
    {
      /* Exactly the screen pixels whose centres fall on the image: all opaque. */
      key.x0 = ceil (area.origin.x * sf - 0.5);
      key.y0 = ceil (area.origin.y * sf - 0.5);
      key.x1 = ceil ((area.origin.x + area.size.width) * sf - 0.5);
      key.y1 = ceil ((area.origin.y + area.size.height) * sf - 0.5);
    }
  else
    {
      key.x0 = floor (area.origin.x * sf);
      key.y0 = floor (area.origin.y * sf);
      key.x1 = ceil ((area.origin.x + area.size.width) * sf);
      key.y1 = ceil ((area.origin.y + area.size.height) * sf);
    }
  key.grid = self->show_pixel_grid &&
             self->zoom * _lk_image_view_transform_scale (self)
             >= LK_IMAGE_VIEW_GRID_ZOOM - EPSILON;
  if (key.x1 <= key.x0 || key.y1 <= key.y0)
    return;
  if (self->nearest == NULL || !nearest_key_equal (&key, &self->nearest_key))
    {
      cairo_matrix_t device_to_image;

      device_to_image_matrix (&key, &device_to_image);
      g_clear_object (&self->nearest);
      self->nearest = lk_pyramid_render_nearest (self->pyramid, &device_to_image,
                                                 key.x1 - key.x0, key.y1 - key.y0, key.grid);
      self->nearest_key = key;
    }
  gtk_snapshot_append_texture (snapshot, self->nearest,
                               &GRAPHENE_RECT_INIT (key.x0 / sf, key.y0 / sf,
                                                    (key.x1 - key.x0) / sf,
                                                    (key.y1 - key.y0) / sf));
}

/* Two views side by side: the one that takes the keys shows it. */
static void
append_focus (LkImageView *self,
              GtkSnapshot *snapshot)
{
  GskRoundedRect outline;
  GdkRGBA color;
  const float widths[4] = { FOCUS_WIDTH, FOCUS_WIDTH, FOCUS_WIDTH, FOCUS_WIDTH };

  /* libadwaita's named colour follows the style and the accent. */
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                       "accent_color", &color))
    gdk_rgba_parse (&color, FALLBACK_ACCENT);
  gsk_rounded_rect_init_from_rect (&outline,
                                   &GRAPHENE_RECT_INIT (0, 0,
                                                        gtk_widget_get_width (GTK_WIDGET (self)),
                                                        gtk_widget_get_height (GTK_WIDGET (self))),
                                   0);
  gtk_snapshot_append_border (snapshot, &outline, widths,
                              (const GdkRGBA[4]) { color, color, color, color });
}

void
_lk_image_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  LkImageView *self = LK_IMAGE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  if (self->draws_background)
    gtk_snapshot_append_color (snapshot, &LK_IMAGE_VIEW_BACKDROP,
                               &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->pyramid != NULL && width > 0 && height > 0)
    {
      /* A partial pyramid (a preview) is drawn scaled, whatever the zoom. */
      if (_lk_image_view_device_scale (self) >= 1 - EPSILON &&
          lk_pyramid_get_first_level (self->pyramid) == 0)
        append_nearest (self, snapshot);
      else
        append_level (self, snapshot);
    }
  if (gtk_widget_has_visible_focus (widget))
    append_focus (self, snapshot);
}

gboolean
lk_image_view_get_image_bounds (LkImageView     *self,
                                graphene_rect_t *bounds)
{
  graphene_rect_t widget;
  cairo_matrix_t matrix;

  g_return_val_if_fail (LK_IS_IMAGE_VIEW (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  if (self->pyramid == NULL)
    return FALSE;
  widget = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (self)),
                               gtk_widget_get_height (GTK_WIDGET (self)));
  _lk_image_view_image_to_widget_matrix (self, &matrix);
  _lk_image_view_transformed_bounds (&matrix, lk_pyramid_get_width (self->pyramid),
                                     lk_pyramid_get_height (self->pyramid), bounds);
  return graphene_rect_intersection (bounds, &widget, bounds);
}
