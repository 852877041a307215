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

#include "lk-image-view-private.h"

#define NATURAL_SIDE 256
#define MIN_SIDE 32
/* Used as the lower bound until the widget has a size. */
#define UNKNOWN_MIN_ZOOM (1.0 / 1024)

/* Above 100 % whole numbers only, so that every original pixel is a square of equal size. */
static const double zoom_steps_up[] = { 1, 2, 3, 4, 6, 8, 12, 16 };

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

void
_lk_image_view_image_to_widget_matrix (LkImageView    *self,
                                       cairo_matrix_t *matrix)
{
  cairo_matrix_t view;

  cairo_matrix_init_translate (&view, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                               gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
  cairo_matrix_scale (&view, self->zoom, self->zoom);
  cairo_matrix_translate (&view, -self->center_x, -self->center_y);
  cairo_matrix_multiply (matrix, &self->image_to_reference, &view);
}

void
_lk_image_view_transformed_bounds (const cairo_matrix_t *matrix,
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
  _lk_image_view_transformed_bounds (&self->image_to_reference,
                                     lk_pyramid_get_width (self->pyramid),
                                     lk_pyramid_get_height (self->pyramid), bounds);
}

double
_lk_image_view_transform_scale (LkImageView *self)
{
  const cairo_matrix_t *m = &self->image_to_reference;

  return sqrt (fabs (m->xx * m->yy - m->xy * m->yx));
}

/* Screen pixels per original pixel. */
double
_lk_image_view_device_scale (LkImageView *self)
{
  return self->zoom * _lk_image_view_transform_scale (self)
         * gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

/* The zoom that shows all of @bounds; 0 while unknown. */
static double
zoom_to_show (LkImageView           *self,
              const graphene_rect_t *bounds)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->pyramid == NULL || width <= 0 || height <= 0)
    return 0;
  return MIN (LK_IMAGE_VIEW_MAX_ZOOM,
              MIN (width / bounds->size.width, height / bounds->size.height));
}

/* The zoom that shows the whole image; 0 while unknown. */
static double
fit_zoom (LkImageView *self)
{
  graphene_rect_t bounds;

  if (self->pyramid == NULL)
    return 0;
  reference_bounds (self, &bounds);
  return zoom_to_show (self, &bounds);
}

/* The smallest level with at least one pixel per screen pixel, or the first level a partial
 * pyramid has. */
static guint
choose_level (LkImageView *self)
{
  double scale = _lk_image_view_device_scale (self);
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
    text = g_strdup_printf ("%s, %.0f %%", label, lk_image_view_get_pixel_zoom (self) * 100);
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

void
_lk_image_view_queue_draw (LkImageView *self)
{
  self->draw_serial++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The scroll bars' model, in widget pixels at the current zoom: the whole range the centre may
 * take (the image's bounds) plus half a view either side, a page the view's size. */
static void
update_adjustment (LkImageView *self,
                   int          axis,
                   double       lower,
                   double       upper,
                   double       center,
                   int          size)
{
  double half = size / 2.0;

  gtk_adjustment_configure (self->adjustments[axis], center * self->zoom - half,
                            lower * self->zoom - half, upper * self->zoom + half,
                            MAX (1, size / 20.0), MAX (1, size * 0.9), size);
}

static void
update_adjustments (LkImageView *self)
{
  graphene_rect_t bounds;

  if (self->pyramid == NULL)
    return;
  reference_bounds (self, &bounds);
  self->adjusting = TRUE;
  update_adjustment (self, 0, bounds.origin.x, bounds.origin.x + bounds.size.width,
                     self->center_x, gtk_widget_get_width (GTK_WIDGET (self)));
  update_adjustment (self, 1, bounds.origin.y, bounds.origin.y + bounds.size.height,
                     self->center_y, gtk_widget_get_height (GTK_WIDGET (self)));
  self->adjusting = FALSE;
}

/* A scroll bar moved. */
static void
on_adjustment_changed (LkImageView   *self,
                       GtkAdjustment *adjustment)
{
  double center;

  if (self->adjusting || self->pyramid == NULL)
    return;
  center = (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
            / 2) / self->zoom;
  if (adjustment == self->adjustments[0])
    _lk_image_view_move_view (self, self->zoom, center, self->center_y);
  else
    _lk_image_view_move_view (self, self->zoom, self->center_x, center);
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
  update_adjustments (self);
  _lk_image_view_queue_draw (self);
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
  graphene_rect_t bounds;
  double zoom;

  if (self->pyramid == NULL)
    return FALSE;
  if (self->has_fit_area)
    bounds = self->fit_area;
  else
    reference_bounds (self, &bounds);
  if ((zoom = zoom_to_show (self, &bounds)) <= 0)
    return FALSE;
  return set_view (self, zoom, bounds.origin.x + bounds.size.width / 2,
                   bounds.origin.y + bounds.size.height / 2);
}

/* A user's change of zoom or position: fit ends only when something actually moves. */
void
_lk_image_view_move_view (LkImageView *self,
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

void
_lk_image_view_pan_by (LkImageView *self,
                       double       widget_dx,
                       double       widget_dy)
{
  _lk_image_view_move_view (self, self->zoom, self->center_x + widget_dx / self->zoom,
                            self->center_y + widget_dy / self->zoom);
}

/* The next zoom step up (@direction 1) or down (-1): powers of the square root of two below
 * 100 %, whole numbers above. */
double
_lk_image_view_zoom_step (double zoom,
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

static void
lk_image_view_state_flags_changed (GtkWidget     *widget,
                                   GtkStateFlags  previous)
{
  GtkWidgetClass *parent_class = GTK_WIDGET_CLASS (lk_image_view_parent_class);
  GtkStateFlags changed = previous ^ gtk_widget_get_state_flags (widget);

  if (changed & (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE))
    _lk_image_view_queue_draw (LK_IMAGE_VIEW (widget));
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
    {
      set_fit_flag (self, TRUE);
      self->has_fit_area = FALSE;
    }
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

  _lk_image_view_move_view (self, zoom, self->center_x, self->center_y);
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
    {
      self->has_fit_area = FALSE;
      if (!apply_fit (self))
        view_changed (self);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
lk_image_view_fit_area (LkImageView           *self,
                        const graphene_rect_t *area)
{
  g_return_if_fail (LK_IS_IMAGE_VIEW (self));
  g_return_if_fail (area == NULL || (area->size.width > 0 && area->size.height > 0));

  g_object_freeze_notify (G_OBJECT (self));
  self->has_fit_area = area != NULL;
  if (area != NULL)
    self->fit_area = *area;
  set_fit_flag (self, TRUE);
  if (!apply_fit (self))
    view_changed (self);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
lk_image_view_get_fit_area (LkImageView     *self,
                            graphene_rect_t *area)
{
  g_return_val_if_fail (LK_IS_IMAGE_VIEW (self), FALSE);

  if (self->fit && self->has_fit_area && area != NULL)
    *area = self->fit_area;
  return self->fit && self->has_fit_area;
}

double
lk_image_view_get_pixel_zoom (LkImageView *self)
{
  g_return_val_if_fail (LK_IS_IMAGE_VIEW (self), 1.0);
  return self->zoom * _lk_image_view_transform_scale (self);
}

GtkAdjustment *
lk_image_view_get_adjustment (LkImageView    *self,
                              GtkOrientation  orientation)
{
  g_return_val_if_fail (LK_IS_IMAGE_VIEW (self), NULL);
  return self->adjustments[orientation == GTK_ORIENTATION_HORIZONTAL ? 0 : 1];
}

guint
lk_image_view_get_draw_serial (LkImageView *self)
{
  g_return_val_if_fail (LK_IS_IMAGE_VIEW (self), 0);
  return self->draw_serial;
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
  _lk_image_view_move_view (self, self->zoom, center_x, self->center_y);
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
  _lk_image_view_move_view (self, self->zoom, self->center_x, center_y);
}

void
lk_image_view_set_center (LkImageView *self,
                          double       center_x,
                          double       center_y)
{
  g_return_if_fail (LK_IS_IMAGE_VIEW (self));
  _lk_image_view_move_view (self, self->zoom, center_x, center_y);
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
  _lk_image_view_move_view (self, zoom, ref_x - dx / zoom, ref_y - dy / zoom);
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
  _lk_image_view_queue_draw (self);
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
  _lk_image_view_queue_draw (self);
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

  _lk_image_view_image_to_widget_matrix (self, &m);
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

  _lk_image_view_image_to_widget_matrix (self, &m);
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
  for (int i = 0; i < 2; i++)
    if (self->adjustments[i] != NULL)
      {
        g_signal_handlers_disconnect_by_data (self->adjustments[i], self);
        g_clear_object (&self->adjustments[i]);
      }
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
lk_image_view_class_init (LkImageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_image_view_dispose;
  object_class->finalize = lk_image_view_finalize;
  object_class->get_property = lk_image_view_get_property;
  object_class->set_property = lk_image_view_set_property;
  widget_class->snapshot = _lk_image_view_snapshot;
  widget_class->measure = lk_image_view_measure;
  widget_class->size_allocate = lk_image_view_size_allocate;
  widget_class->state_flags_changed = lk_image_view_state_flags_changed;

  install_properties (object_class);
  /* The mapping between image and widget changed: zoom, centre, transform, size or image. */
  signals[VIEW_CHANGED] = g_signal_new ("view-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
  _lk_image_view_class_actions_init (widget_class);
  gtk_widget_class_set_css_name (widget_class, "imageview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lk_image_view_init (LkImageView *self)
{
  self->zoom = 1.0;
  self->fit = TRUE;
  self->draws_background = TRUE;
  graphene_matrix_init_identity (&self->transform);
  cairo_matrix_init_identity (&self->image_to_reference);
  for (int i = 0; i < 2; i++)
    {
      self->adjustments[i] = g_object_ref_sink (gtk_adjustment_new (0, 0, 0, 0, 0, 0));
      g_signal_connect_swapped (self->adjustments[i], "value-changed",
                                G_CALLBACK (on_adjustment_changed), self);
    }
  _lk_image_view_add_controllers (self);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed), NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  update_accessible (self);
  update_actions (self);
}
