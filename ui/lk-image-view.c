/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Draws an image pyramid. Below 100 % the smallest level that still has a pixel for every
 * screen pixel is drawn in tiles and GTK shrinks it; from 100 % up, GTK 4.8 cannot be told to
 * sample the nearest pixel, so the visible part is rebuilt on the CPU at screen resolution,
 * every screen pixel exactly one original pixel, and kept until the view moves.
 *
 * Coordinates: the image (original pixels) goes through the transform into reference space;
 * the zoom and centre place reference space in the widget. */
#include "config.h"

#include <graphene-gobject.h>
#include <math.h>

#include "lk-image-view.h"
#include "lk-nearest-render.h"

#define NATURAL_SIDE 256
#define MIN_SIDE 32
/* Used as the lower bound until the widget has a size. */
#define UNKNOWN_MIN_ZOOM (1.0 / 1024)
#define WHEEL_STEP 64.0
#define PAN_FRACTION 8
#define EPSILON 1e-9
#define FOCUS_WIDTH 2
#define FALLBACK_ACCENT "#3584e4"

/* Above 100 % whole numbers only, so that every original pixel is a square of equal size. */
static const double zoom_steps_up[] = { 1, 2, 3, 4, 6, 8, 12, 16 };

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
};

enum {
  PROP_0,
  PROP_PYRAMID,
  PROP_ZOOM,
  PROP_FIT,
  PROP_CENTER_X,
  PROP_CENTER_Y,
  PROP_SHOW_PIXEL_GRID,
  PROP_LEVEL,
  PROP_LABEL,
  PROP_DRAWS_BACKGROUND,
  PROP_TRANSFORM,
  N_PROPS
};

enum {
  VIEW_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkImageView, lk_image_view, GTK_TYPE_WIDGET)

GtkWidget *
lk_image_view_new (void)
{
  return g_object_new (LK_TYPE_IMAGE_VIEW, NULL);
}

/* ---- geometry ----------------------------------------------------------------------------- */

static void
image_to_widget_matrix (LkImageView    *self,
                        cairo_matrix_t *matrix)
{
  cairo_matrix_t view;

  cairo_matrix_init_translate (&view, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                               gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
  cairo_matrix_scale (&view, self->zoom, self->zoom);
  cairo_matrix_translate (&view, -self->center_x, -self->center_y);
  cairo_matrix_multiply (matrix, &self->image_to_reference, &view);
}

static void
transformed_bounds (const cairo_matrix_t *matrix,
                    double                width,
                    double                height,
                    graphene_rect_t      *bounds)
{
  const double corners[4][2] = { { 0, 0 }, { width, 0 }, { 0, height }, { width, height } };
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
    {
      double x = corners[i][0], y = corners[i][1];

      cairo_matrix_transform_point (matrix, &x, &y);
      x0 = MIN (x0, x);
      y0 = MIN (y0, y);
      x1 = MAX (x1, x);
      y1 = MAX (y1, y);
    }
  graphene_rect_init (bounds, x0, y0, x1 - x0, y1 - y0);
}

/* The transformed image's bounding box. */
static void
reference_bounds (LkImageView     *self,
                  graphene_rect_t *bounds)
{
  transformed_bounds (&self->image_to_reference, lk_pyramid_get_width (self->pyramid),
                      lk_pyramid_get_height (self->pyramid), bounds);
}

static double
transform_scale (LkImageView *self)
{
  const cairo_matrix_t *m = &self->image_to_reference;

  return sqrt (fabs (m->xx * m->yy - m->xy * m->yx));
}

/* Screen pixels per original pixel. */
static double
device_scale (LkImageView *self)
{
  return self->zoom * transform_scale (self) * gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

/* 0 while unknown. */
static double
fit_zoom (LkImageView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  graphene_rect_t bounds;

  if (self->pyramid == NULL || width <= 0 || height <= 0)
    return 0;
  reference_bounds (self, &bounds);
  return MIN (LK_IMAGE_VIEW_MAX_ZOOM,
              MIN (width / bounds.size.width, height / bounds.size.height));
}

/* The smallest level with at least one pixel per screen pixel, or the first level a partial
 * pyramid has. */
static guint
choose_level (LkImageView *self)
{
  double scale = device_scale (self);
  guint level = 0;

  if (self->pyramid == NULL || scale <= 0)
    return 0;
  while (level + 1 < lk_pyramid_get_n_levels (self->pyramid) &&
         ldexp (1.0, -(int) (level + 1)) >= scale * (1 - EPSILON))
    level++;
  return MAX (level, lk_pyramid_get_first_level (self->pyramid));
}

/* ---- view state --------------------------------------------------------------------------- */

static void
update_accessible (LkImageView *self)
{
  const char *label = self->label != NULL ? self->label : "Image";
  g_autofree char *text = NULL;

  if (self->pyramid == NULL)
    text = g_strdup_printf ("%s, not loaded", label);
  else
    text = g_strdup_printf ("%s, %.0f %%", label, self->zoom * 100);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
update_actions (LkImageView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean loaded = self->pyramid != NULL;

  gtk_widget_action_set_enabled (widget, "view.zoom-in",
                                 loaded && self->zoom < LK_IMAGE_VIEW_MAX_ZOOM);
  gtk_widget_action_set_enabled (widget, "view.zoom-out",
                                 loaded && self->zoom > lk_image_view_get_min_zoom (self));
  gtk_widget_action_set_enabled (widget, "view.zoom-1to1", loaded);
  gtk_widget_action_set_enabled (widget, "view.zoom-fit", loaded);
  gtk_widget_action_set_enabled (widget, "view.pan-left", loaded);
  gtk_widget_action_set_enabled (widget, "view.pan-right", loaded);
  gtk_widget_action_set_enabled (widget, "view.pan-up", loaded);
  gtk_widget_action_set_enabled (widget, "view.pan-down", loaded);
}

/* The mapping from image to widget changed. */
static void
view_changed (LkImageView *self)
{
  guint level = choose_level (self);

  if (level != self->level)
    {
      self->level = level;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
    }
  update_accessible (self);
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[VIEW_CHANGED], 0);
}

/* Clamps and applies; returns whether anything changed. */
static gboolean
set_view (LkImageView *self,
          double       zoom,
          double       center_x,
          double       center_y)
{
  gboolean zoom_changed, x_changed, y_changed;

  zoom = CLAMP (zoom, lk_image_view_get_min_zoom (self), LK_IMAGE_VIEW_MAX_ZOOM);
  if (self->pyramid != NULL)
    {
      graphene_rect_t bounds;

      reference_bounds (self, &bounds);
      center_x = CLAMP (center_x, bounds.origin.x, bounds.origin.x + bounds.size.width);
      center_y = CLAMP (center_y, bounds.origin.y, bounds.origin.y + bounds.size.height);
    }
  zoom_changed = zoom != self->zoom;
  x_changed = center_x != self->center_x;
  y_changed = center_y != self->center_y;
  if (!zoom_changed && !x_changed && !y_changed)
    return FALSE;

  self->zoom = zoom;
  self->center_x = center_x;
  self->center_y = center_y;
  g_object_freeze_notify (G_OBJECT (self));
  if (zoom_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  if (x_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTER_X]);
  if (y_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTER_Y]);
  view_changed (self);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

static void
set_fit_flag (LkImageView *self,
              gboolean     fit)
{
  if (self->fit == fit)
    return;
  self->fit = fit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
}

static gboolean
apply_fit (LkImageView *self)
{
  double zoom = fit_zoom (self);
  graphene_rect_t bounds;

  if (zoom <= 0)
    return FALSE;
  reference_bounds (self, &bounds);
  return set_view (self, zoom, bounds.origin.x + bounds.size.width / 2,
                   bounds.origin.y + bounds.size.height / 2);
}

/* A user's change of zoom or position: fit ends only when something actually moves. */
static void
move_view (LkImageView *self,
           double       zoom,
           double       center_x,
           double       center_y)
{
  gboolean was_fit = self->fit;

  g_object_freeze_notify (G_OBJECT (self));
  self->fit = FALSE;
  if (!set_view (self, zoom, center_x, center_y))
    self->fit = was_fit;
  else if (was_fit)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
pan_by (LkImageView *self,
        double       widget_dx,
        double       widget_dy)
{
  move_view (self, self->zoom, self->center_x + widget_dx / self->zoom,
             self->center_y + widget_dy / self->zoom);
}

/* The next zoom step up (@direction 1) or down (-1): powers of the square root of two below
 * 100 %, whole numbers above. */
static double
zoom_step (double zoom,
           int    direction)
{
  if (direction > 0 && zoom < 1 - EPSILON)
    return MIN (1.0, pow (M_SQRT2, floor (2 * log2 (zoom) + EPSILON) + 1));
  if (direction < 0 && zoom <= 1 + EPSILON)
    return pow (M_SQRT2, ceil (2 * log2 (zoom) - EPSILON) - 1);
  if (direction > 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (zoom_steps_up); i++)
        if (zoom_steps_up[i] > zoom + EPSILON)
          return zoom_steps_up[i];
      return LK_IMAGE_VIEW_MAX_ZOOM;
    }
  for (guint i = G_N_ELEMENTS (zoom_steps_up); i > 0; i--)
    if (zoom_steps_up[i - 1] < zoom - EPSILON)
      return zoom_steps_up[i - 1];
  return 1.0;
}

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
  image_to_widget_matrix (self, &widget_to_level);
  cairo_matrix_multiply (&level_to_widget, &level_to_widget, &widget_to_level);
  widget_to_level = level_to_widget;
  if (cairo_matrix_invert (&widget_to_level) != CAIRO_STATUS_SUCCESS)
    return;
  transformed_bounds (&widget_to_level, width, height, &visible);
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

  image_to_widget_matrix (self, &key.image_to_widget);
  transformed_bounds (&key.image_to_widget, lk_pyramid_get_width (self->pyramid),
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
             self->zoom * transform_scale (self) >= LK_IMAGE_VIEW_GRID_ZOOM - EPSILON;
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

static void
lk_image_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  LkImageView *self = LK_IMAGE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  /* A neutral grey: no colour cast next to the image being judged. */
  const GdkRGBA backdrop = { 0.19f, 0.19f, 0.19f, 1 };

  if (self->draws_background)
    gtk_snapshot_append_color (snapshot, &backdrop, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->pyramid != NULL && width > 0 && height > 0)
    {
      /* A partial pyramid (a preview) is drawn scaled, whatever the zoom. */
      if (device_scale (self) >= 1 - EPSILON && lk_pyramid_get_first_level (self->pyramid) == 0)
        append_nearest (self, snapshot);
      else
        append_level (self, snapshot);
    }
  if (gtk_widget_has_visible_focus (widget))
    append_focus (self, snapshot);
}

static void
lk_image_view_state_flags_changed (GtkWidget     *widget,
                                   GtkStateFlags  previous)
{
  GtkWidgetClass *parent_class = GTK_WIDGET_CLASS (lk_image_view_parent_class);
  GtkStateFlags changed = previous ^ gtk_widget_get_state_flags (widget);

  if (changed & (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE))
    gtk_widget_queue_draw (widget);
  if (parent_class->state_flags_changed != NULL)
    parent_class->state_flags_changed (widget, previous);
}

static void
lk_image_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = MIN_SIDE;
  *natural = NATURAL_SIDE;
}

static void
lk_image_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  LkImageView *self = LK_IMAGE_VIEW (widget);
  gboolean changed = self->fit ? apply_fit (self)
                               : set_view (self, self->zoom, self->center_x, self->center_y);

  /* The centre moved on screen even when nothing else changed. */
  if (!changed)
    view_changed (self);
}

/* ---- input -------------------------------------------------------------------------------- */

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               LkImageView    *self)
{
  if (self->pyramid == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_center_x = self->center_x;
  self->drag_center_y = self->center_y;
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                LkImageView    *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
  move_view (self, self->zoom, self->drag_center_x - offset_x / self->zoom,
             self->drag_center_y - offset_y / self->zoom);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             LkImageView    *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
on_pointer_motion (GtkEventControllerMotion *controller,
                   double                    x,
                   double                    y,
                   LkImageView              *self)
{
  self->has_pointer = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
on_pointer_leave (GtkEventControllerMotion *controller,
                  LkImageView              *self)
{
  self->has_pointer = FALSE;
}

/* Ctrl: zoom about the pointer, a step per wheel notch; otherwise pan. */
static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           LkImageView              *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (
    GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;
  double x = self->has_pointer ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = self->has_pointer ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  if (self->pyramid == NULL)
    return FALSE;
  if ((state & GDK_CONTROL_MASK) && wheel)
    {
      double zoom = self->zoom;

      self->wheel_zoom += dy;
      for (; self->wheel_zoom <= -1; self->wheel_zoom += 1)
        zoom = zoom_step (zoom, 1);
      for (; self->wheel_zoom >= 1; self->wheel_zoom -= 1)
        zoom = zoom_step (zoom, -1);
      lk_image_view_zoom_at (self, zoom, x, y);
      return TRUE;
    }
  if (state & GDK_CONTROL_MASK)
    {
      lk_image_view_zoom_at (self, self->zoom * exp2 (-dy / 100), x, y);
      return TRUE;
    }
  if (wheel && (state & GDK_SHIFT_MASK) && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  pan_by (self, dx * (wheel ? WHEEL_STEP : 1), dy * (wheel ? WHEEL_STEP : 1));
  return TRUE;
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LkImageView *self = LK_IMAGE_VIEW (widget);

  if (g_str_equal (action_name, "view.zoom-in"))
    lk_image_view_set_zoom (self, zoom_step (self->zoom, 1));
  else if (g_str_equal (action_name, "view.zoom-out"))
    lk_image_view_set_zoom (self, zoom_step (self->zoom, -1));
  else if (g_str_equal (action_name, "view.zoom-1to1"))
    lk_image_view_set_zoom (self, 1.0);
  else
    lk_image_view_set_fit (self, TRUE);
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  double dx = gtk_widget_get_width (widget) / (double) PAN_FRACTION;
  double dy = gtk_widget_get_height (widget) / (double) PAN_FRACTION;

  if (g_str_equal (action_name, "view.pan-left"))
    pan_by (LK_IMAGE_VIEW (widget), -dx, 0);
  else if (g_str_equal (action_name, "view.pan-right"))
    pan_by (LK_IMAGE_VIEW (widget), dx, 0);
  else if (g_str_equal (action_name, "view.pan-up"))
    pan_by (LK_IMAGE_VIEW (widget), 0, -dy);
  else
    pan_by (LK_IMAGE_VIEW (widget), 0, dy);
}

/* ---- public ------------------------------------------------------------------------------- */

LkPyramid *
lk_image_view_get_pyramid (LkImageView *self)
{
  g_return_val_if_fail (LK_IS_IMAGE_VIEW (self), NULL);
  return self->pyramid;
}

void
lk_image_view_set_pyramid (LkImageView *self,
                           LkPyramid   *pyramid)
{
  gboolean same_size;

  g_return_if_fail (LK_IS_IMAGE_VIEW (self));

  if (pyramid == self->pyramid)
    return;
  same_size = pyramid != NULL && self->pyramid != NULL &&
              lk_pyramid_get_width (pyramid) == lk_pyramid_get_width (self->pyramid) &&
              lk_pyramid_get_height (pyramid) == lk_pyramid_get_height (self->pyramid);
  g_clear_pointer (&self->pyramid, lk_pyramid_unref);
  g_clear_object (&self->nearest);
  self->pyramid = pyramid != NULL ? lk_pyramid_ref (pyramid) : NULL;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PYRAMID]);
  if (!same_size)
    set_fit_flag (self, TRUE);
  if (!(self->fit ? apply_fit (self)
                  : set_view (self, self->zoom, self->center_x, self->center_y)))
    view_changed (self);
  g_object_thaw_notify (G_OBJECT (self));
}

double
lk_image_view_get_zoom (LkImageView *self)
{
  g_return_val_if_fail (LK_IS_IMAGE_VIEW (self), 1.0);
  return self->zoom;
}

void
lk_image_view_set_zoom (LkImageView *self,
                        double       zoom)
{
  g_return_if_fail (LK_IS_IMAGE_VIEW (self));
  g_return_if_fail (zoom > 0);

  move_view (self, zoom, self->center_x, self->center_y);
}

double
lk_image_view_get_min_zoom (LkImageView *self)
{
  double fit;

  g_return_val_if_fail (LK_IS_IMAGE_VIEW (self), 1.0);

  fit = fit_zoom (self);
  return fit > 0 ? MIN (fit, 1.0) : UNKNOWN_MIN_ZOOM;
}

gboolean
lk_image_view_get_fit (LkImageView *self)
{
  g_return_val_if_fail (LK_IS_IMAGE_VIEW (self), FALSE);
  return self->fit;
}

void
lk_image_view_set_fit (LkImageView *self,
                       gboolean     fit)
{
  g_return_if_fail (LK_IS_IMAGE_VIEW (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_fit_flag (self, !!fit);
  if (self->fit)
    apply_fit (self);
  g_object_thaw_notify (G_OBJECT (self));
}

double
lk_image_view_get_center_x (LkImageView *self)
{
  g_return_val_if_fail (LK_IS_IMAGE_VIEW (self), 0);
  return self->center_x;
}

void
lk_image_view_set_center_x (LkImageView *self,
                            double       center_x)
{
  g_return_if_fail (LK_IS_IMAGE_VIEW (self));
  move_view (self, self->zoom, center_x, self->center_y);
}

double
lk_image_view_get_center_y (LkImageView *self)
{
  g_return_val_if_fail (LK_IS_IMAGE_VIEW (self), 0);
  return self->center_y;
}

void
lk_image_view_set_center_y (LkImageView *self,
                            double       center_y)
{
  g_return_if_fail (LK_IS_IMAGE_VIEW (self));
  move_view (self, self->zoom, self->center_x, center_y);
}

void
lk_image_view_set_center (LkImageView *self,
                          double       center_x,
                          double       center_y)
{
  g_return_if_fail (LK_IS_IMAGE_VIEW (self));
  move_view (self, self->zoom, center_x, center_y);
}

void
lk_image_view_zoom_at (LkImageView *self,
                       double       zoom,
                       double       widget_x,
                       double       widget_y)
{
  double dx, dy, ref_x, ref_y;

  g_return_if_fail (LK_IS_IMAGE_VIEW (self));
  g_return_if_fail (zoom > 0);

  zoom = CLAMP (zoom, lk_image_view_get_min_zoom (self), LK_IMAGE_VIEW_MAX_ZOOM);
  dx = widget_x - gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  dy = widget_y - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  ref_x = self->center_x + dx / self->zoom;
  ref_y = self->center_y + dy / self->zoom;
  move_view (self, zoom, ref_x - dx / zoom, ref_y - dy / zoom);
}

gboolean
lk_image_view_get_show_pixel_grid (LkImageView *self)
{
  g_return_val_if_fail (LK_IS_IMAGE_VIEW (self), FALSE);
  return self->show_pixel_grid;
}

void
lk_image_view_set_show_pixel_grid (LkImageView *self,
                                   gboolean     show_pixel_grid)
{
  g_return_if_fail (LK_IS_IMAGE_VIEW (self));

  show_pixel_grid = !!show_pixel_grid;
  if (show_pixel_grid == self->show_pixel_grid)
    return;
  self->show_pixel_grid = show_pixel_grid;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PIXEL_GRID]);
}

guint
lk_image_view_get_level (LkImageView *self)
{
  g_return_val_if_fail (LK_IS_IMAGE_VIEW (self), 0);
  return self->level;
}

const char *
lk_image_view_get_label (LkImageView *self)
{
  g_return_val_if_fail (LK_IS_IMAGE_VIEW (self), NULL);
  return self->label;
}

void
lk_image_view_set_label (LkImageView *self,
                         const char  *label)
{
  g_return_if_fail (LK_IS_IMAGE_VIEW (self));

  if (g_strcmp0 (label, self->label) == 0)
    return;
  g_free (self->label);
  self->label = g_strdup (label);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

gboolean
lk_image_view_get_draws_background (LkImageView *self)
{
  g_return_val_if_fail (LK_IS_IMAGE_VIEW (self), TRUE);
  return self->draws_background;
}

void
lk_image_view_set_draws_background (LkImageView *self,
                                    gboolean     draws_background)
{
  g_return_if_fail (LK_IS_IMAGE_VIEW (self));

  draws_background = !!draws_background;
  if (draws_background == self->draws_background)
    return;
  self->draws_background = draws_background;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAWS_BACKGROUND]);
}

void
lk_image_view_get_transform (LkImageView       *self,
                             graphene_matrix_t *transform)
{
  g_return_if_fail (LK_IS_IMAGE_VIEW (self));
  g_return_if_fail (transform != NULL);

  graphene_matrix_init_from_matrix (transform, &self->transform);
}

void
lk_image_view_set_transform (LkImageView             *self,
                             const graphene_matrix_t *transform)
{
  graphene_matrix_t identity;
  double xx, yx, xy, yy, x0, y0;

  g_return_if_fail (LK_IS_IMAGE_VIEW (self));
  g_return_if_fail (transform == NULL || graphene_matrix_is_2d (transform));

  if (transform == NULL)
    transform = graphene_matrix_init_identity (&identity);
  graphene_matrix_to_2d (transform, &xx, &yx, &xy, &yy, &x0, &y0);
  g_return_if_fail (fabs (xx * yy - xy * yx) > EPSILON);
  if (graphene_matrix_equal_fast (transform, &self->transform))
    return;

  graphene_matrix_init_from_matrix (&self->transform, transform);
  cairo_matrix_init (&self->image_to_reference, xx, yx, xy, yy, x0, y0);
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSFORM]);
  if (!(self->fit ? apply_fit (self)
                  : set_view (self, self->zoom, self->center_x, self->center_y)))
    view_changed (self);
  g_object_thaw_notify (G_OBJECT (self));
}

void
lk_image_view_image_to_widget (LkImageView *self,
                               double       image_x,
                               double       image_y,
                               double      *widget_x,
                               double      *widget_y)
{
  cairo_matrix_t m;

  g_return_if_fail (LK_IS_IMAGE_VIEW (self));
  g_return_if_fail (widget_x != NULL && widget_y != NULL);

  image_to_widget_matrix (self, &m);
  cairo_matrix_transform_point (&m, &image_x, &image_y);
  *widget_x = image_x;
  *widget_y = image_y;
}

void
lk_image_view_widget_to_image (LkImageView *self,
                               double       widget_x,
                               double       widget_y,
                               double      *image_x,
                               double      *image_y)
{
  cairo_matrix_t m;

  g_return_if_fail (LK_IS_IMAGE_VIEW (self));
  g_return_if_fail (image_x != NULL && image_y != NULL);

  image_to_widget_matrix (self, &m);
  /* The zoom and the transform's scale are never 0, so this is always invertible. */
  cairo_matrix_invert (&m);
  cairo_matrix_transform_point (&m, &widget_x, &widget_y);
  *image_x = widget_x;
  *image_y = widget_y;
}

/* ---- object ------------------------------------------------------------------------------- */

static void
on_scale_factor_changed (LkImageView *self)
{
  g_clear_object (&self->nearest);
  view_changed (self);
}

static void
lk_image_view_dispose (GObject *object)
{
  LkImageView *self = LK_IMAGE_VIEW (object);

  g_clear_pointer (&self->pyramid, lk_pyramid_unref);
  g_clear_object (&self->nearest);
  G_OBJECT_CLASS (lk_image_view_parent_class)->dispose (object);
}

static void
lk_image_view_finalize (GObject *object)
{
  g_free (LK_IMAGE_VIEW (object)->label);
  G_OBJECT_CLASS (lk_image_view_parent_class)->finalize (object);
}

static void
lk_image_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LkImageView *self = LK_IMAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_PYRAMID:
      g_value_set_boxed (value, self->pyramid);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_FIT:
      g_value_set_boolean (value, self->fit);
      break;
    case PROP_CENTER_X:
      g_value_set_double (value, self->center_x);
      break;
    case PROP_CENTER_Y:
      g_value_set_double (value, self->center_y);
      break;
    case PROP_SHOW_PIXEL_GRID:
      g_value_set_boolean (value, self->show_pixel_grid);
      break;
    case PROP_LEVEL:
      g_value_set_uint (value, self->level);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_DRAWS_BACKGROUND:
      g_value_set_boolean (value, self->draws_background);
      break;
    case PROP_TRANSFORM:
      g_value_set_boxed (value, &self->transform);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_image_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LkImageView *self = LK_IMAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_PYRAMID:
      lk_image_view_set_pyramid (self, g_value_get_boxed (value));
      break;
    case PROP_ZOOM:
      lk_image_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_FIT:
      lk_image_view_set_fit (self, g_value_get_boolean (value));
      break;
    case PROP_CENTER_X:
      lk_image_view_set_center_x (self, g_value_get_double (value));
      break;
    case PROP_CENTER_Y:
      lk_image_view_set_center_y (self, g_value_get_double (value));
      break;
    case PROP_SHOW_PIXEL_GRID:
      lk_image_view_set_show_pixel_grid (self, g_value_get_boolean (value));
      break;
    case PROP_LABEL:
      lk_image_view_set_label (self, g_value_get_string (value));
      break;
    case PROP_DRAWS_BACKGROUND:
      lk_image_view_set_draws_background (self, g_value_get_boolean (value));
      break;
    case PROP_TRANSFORM:
      lk_image_view_set_transform (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_properties (GObjectClass *object_class)
{
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  properties[PROP_PYRAMID] =
    g_param_spec_boxed ("pyramid", NULL, NULL, LK_TYPE_PYRAMID, rw);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, UNKNOWN_MIN_ZOOM, LK_IMAGE_VIEW_MAX_ZOOM, 1.0, rw);
  properties[PROP_FIT] =
    g_param_spec_boolean ("fit", NULL, NULL, TRUE, rw);
  properties[PROP_CENTER_X] =
    g_param_spec_double ("center-x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, rw);
  properties[PROP_CENTER_Y] =
    g_param_spec_double ("center-y", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, rw);
  properties[PROP_SHOW_PIXEL_GRID] =
    g_param_spec_boolean ("show-pixel-grid", NULL, NULL, FALSE, rw);
  properties[PROP_LEVEL] =
    g_param_spec_uint ("level", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, rw);
  properties[PROP_DRAWS_BACKGROUND] =
    g_param_spec_boolean ("draws-background", NULL, NULL, TRUE, rw);
  properties[PROP_TRANSFORM] =
    g_param_spec_boxed ("transform", NULL, NULL, GRAPHENE_TYPE_MATRIX, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  const struct { guint key; const char *action; } keys[] = {
    { GDK_KEY_plus, "view.zoom-in" }, { GDK_KEY_equal, "view.zoom-in" },
    { GDK_KEY_KP_Add, "view.zoom-in" },
    { GDK_KEY_minus, "view.zoom-out" }, { GDK_KEY_KP_Subtract, "view.zoom-out" },
    { GDK_KEY_1, "view.zoom-1to1" }, { GDK_KEY_KP_1, "view.zoom-1to1" },
    { GDK_KEY_0, "view.zoom-fit" }, { GDK_KEY_KP_0, "view.zoom-fit" },
    { GDK_KEY_Left, "view.pan-left" }, { GDK_KEY_KP_Left, "view.pan-left" },
    { GDK_KEY_Right, "view.pan-right" }, { GDK_KEY_KP_Right, "view.pan-right" },
    { GDK_KEY_Up, "view.pan-up" }, { GDK_KEY_KP_Up, "view.pan-up" },
    { GDK_KEY_Down, "view.pan-down" }, { GDK_KEY_KP_Down, "view.pan-down" },
    { GDK_KEY_g, "view.show-pixel-grid" },
  };

  gtk_widget_class_install_action (widget_class, "view.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-1to1", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "view.pan-left", NULL, pan_action);
  gtk_widget_class_install_action (widget_class, "view.pan-right", NULL, pan_action);
  gtk_widget_class_install_action (widget_class, "view.pan-up", NULL, pan_action);
  gtk_widget_class_install_action (widget_class, "view.pan-down", NULL, pan_action);
  gtk_widget_class_install_property_action (widget_class, "view.show-pixel-grid",
                                            "show-pixel-grid");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding_action (widget_class, keys[i].key, 0, keys[i].action, NULL);
}

static void
lk_image_view_class_init (LkImageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_image_view_dispose;
  object_class->finalize = lk_image_view_finalize;
  object_class->get_property = lk_image_view_get_property;
  object_class->set_property = lk_image_view_set_property;
  widget_class->snapshot = lk_image_view_snapshot;
  widget_class->measure = lk_image_view_measure;
  widget_class->size_allocate = lk_image_view_size_allocate;
  widget_class->state_flags_changed = lk_image_view_state_flags_changed;

  install_properties (object_class);
  /* The mapping between image and widget changed: zoom, centre, transform, size or image. */
  signals[VIEW_CHANGED] = g_signal_new ("view-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
  install_actions (widget_class);
  gtk_widget_class_set_css_name (widget_class, "imageview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
add_controllers (LkImageView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *scroll =
    gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (motion, "enter", G_CALLBACK (on_pointer_motion), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_pointer_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_pointer_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

static void
lk_image_view_init (LkImageView *self)
{
  self->zoom = 1.0;
  self->fit = TRUE;
  self->draws_background = TRUE;
  graphene_matrix_init_identity (&self->transform);
  cairo_matrix_init_identity (&self->image_to_reference);
  add_controllers (self);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed), NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  update_accessible (self);
  update_actions (self);
}
