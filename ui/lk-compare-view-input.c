/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The compare view's input: what lies under the pointer, dragging the wipe's divider, the eye
 * markers and annotations, and the space bar that holds the flicker on the candidate. */
#include "config.h"

#include <math.h>

#include "lk-compare-view-private.h"

#define WIPE_GRAB 12.0

/* ---- what is under the pointer ------------------------------------------------------------ */

const char *
lk_compare_view_pick (LkCompareView *self,
                      double         x,
                      double         y,
                      double        *image_x,
                      double        *image_y)
{
  LkImageView *view = self->probe;
  graphene_point_t local;
  const char *image = "probe";

  if (_lk_compare_view_is_mode (self, "side-by-side") &&
      x > gtk_widget_get_width (GTK_WIDGET (self)) / 2.0)
    {
      view = self->candidate;
      image = "candidate";
    }
  else if (_lk_compare_view_is_mode (self, "flicker") && self->flicker_phase)
    {
      view = self->candidate;
      image = "candidate";
    }
  if (!gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (view),
                                 &GRAPHENE_POINT_INIT (x, y), &local))
    return NULL;
  lk_image_view_widget_to_image (view, local.x, local.y, image_x, image_y);
  return image;
}

/* Distance from (px, py) to the segment (x1, y1)-(x2, y2). */
static double
segment_distance (double px,
                  double py,
                  double x1,
                  double y1,
                  double x2,
                  double y2)
{
  double dx = x2 - x1, dy = y2 - y1;
  double length2 = dx * dx + dy * dy;
  double t = length2 > 0 ? CLAMP (((px - x1) * dx + (py - y1) * dy) / length2, 0, 1) : 0;

  return hypot (px - (x1 + t * dx), py - (y1 + t * dy));
}

/* How far the widget point (x, y) is from what is drawn for @a, in widget pixels; G_MAXDOUBLE
 * when it is not drawn. Inside a rectangle or an ellipse counts as on it. */
static double
annotation_distance (LkCompareView *self,
                     LkAnnotation  *a,
                     double         x,
                     double         y)
{
  const char *image = lk_annotation_get_image (a);
  const char *kind = lk_annotation_get_kind (a);
  LkImageView *view = _lk_compare_view_view_for (self, image);
  double x1, y1, x2, y2;

  if (!_lk_compare_view_image_drawn (self, image) ||
      !_lk_compare_view_point_at (self, view, a, 0, &x1, &y1))
    return G_MAXDOUBLE;
  if (!_lk_compare_view_point_at (self, view, a, 1, &x2, &y2))
    return hypot (x - x1, y - y1);
  if (g_strcmp0 (kind, "arrow") == 0)
    return segment_distance (x, y, x1, y1, x2, y2);
  if (x >= MIN (x1, x2) && x <= MAX (x1, x2) && y >= MIN (y1, y2) && y <= MAX (y1, y2))
    return 0;
  return MIN (MIN (segment_distance (x, y, x1, y1, x2, y1), segment_distance (x, y, x2, y1, x2, y2)),
              MIN (segment_distance (x, y, x2, y2, x1, y2), segment_distance (x, y, x1, y2, x1, y1)));
}

gint64
lk_compare_view_annotation_at (LkCompareView *self,
                               double         x,
                               double         y)
{
  /* Within a finger's width of a marker or an outline. */
  double best = 10;
  gint64 id = 0;

  g_return_val_if_fail (LK_IS_COMPARE_VIEW (self), 0);

  if (!self->show_annotations || self->annotations == NULL)
    return 0;
  for (guint i = 0; i < g_list_model_get_n_items (self->annotations); i++)
    {
      g_autoptr(LkAnnotation) a = g_list_model_get_item (self->annotations, i);
      double d = annotation_distance (self, a, x, y);

      /* The later one is drawn on top: it wins a tie. */
      if (d <= best)
        {
          best = d;
          id = lk_annotation_get_id (a);
        }
    }
  return id;
}

/* ---- dragging: the wipe, eye markers and annotations -------------------------------------- */

static double
wipe_coordinate (LkCompareView *self,
                 double         x,
                 double         y)
{
  return self->wipe_vertical ? x / MAX (1, gtk_widget_get_width (GTK_WIDGET (self)))
                             : y / MAX (1, gtk_widget_get_height (GTK_WIDGET (self)));
}

/* The annotation under (x, y) that a drag may move: not in difference mode, whose image is
 * computed. */
static LkAnnotation *
movable_at (LkCompareView *self,
            double         x,
            double         y)
{
  gint64 id = self->movable && !_lk_compare_view_is_mode (self, "difference")
              ? lk_compare_view_annotation_at (self, x, y) : 0;

  return id != 0 ? lk_annotation_list_find (self->annotations, id) : NULL;
}

/* The drag's offset in the pixels of the image the moving annotation belongs to. */
static void
update_move (LkCompareView *self,
             double         x,
             double         y)
{
  LkAnnotation *a = lk_annotation_list_find (self->annotations, self->moving);
  LkImageView *view;
  graphene_point_t start, now;
  double x0, y0, x1, y1;

  if (a == NULL)
    return;
  view = _lk_compare_view_view_for (self, lk_annotation_get_image (a));
  if (!gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (view),
                                 &GRAPHENE_POINT_INIT (self->drag_x, self->drag_y), &start) ||
      !gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (view),
                                 &GRAPHENE_POINT_INIT (x, y), &now))
    return;
  lk_image_view_widget_to_image (view, start.x, start.y, &x0, &y0);
  lk_image_view_widget_to_image (view, now.x, now.y, &x1, &y1);
  self->move_dx = x1 - x0;
  self->move_dy = y1 - y0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_wipe_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               LkCompareView  *self)
{
  double size = self->wipe_vertical ? gtk_widget_get_width (GTK_WIDGET (self))
                                    : gtk_widget_get_height (GTK_WIDGET (self));
  LkAnnotation *annotation;

  self->drag_x = x;
  self->drag_y = y;
  self->dragging_eye = _lk_compare_view_is_mode (self, "side-by-side")
                       ? _lk_compare_view_eye_near (self, x, y) : -1;
  if (self->dragging_eye >= 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }
  /* The wipe's divider before an annotation under it; otherwise the image views pan. */
  self->dragging_wipe = _lk_compare_view_is_mode (self, "wipe") &&
    fabs (wipe_coordinate (self, x, y) - self->wipe_position) * size <= WIPE_GRAB;
  if (!self->dragging_wipe && (annotation = movable_at (self, x, y)) != NULL)
    {
      self->moving = lk_annotation_get_id (annotation);
      self->move_dx = self->move_dy = 0;
    }
  if (self->dragging_wipe || self->moving != 0)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  else
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
on_wipe_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                LkCompareView  *self)
{
  double x = self->drag_x, y = self->drag_y;

  if (self->moving != 0)
    {
      update_move (self, x + dx, y + dy);
      return;
    }
  if (self->dragging_eye >= 0)
    {
      int image = self->dragging_eye / 2;
      LkImageView *view = image == 0 ? self->probe : self->candidate;
      graphene_point_t local;

      if (gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (view),
                                    &GRAPHENE_POINT_INIT (x + dx, y + dy), &local))
        {
          LkPoint *p = &self->eyes[image][self->dragging_eye % 2];

          lk_image_view_widget_to_image (view, local.x, local.y, &p->x, &p->y);
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
      return;
    }
  if (!self->dragging_wipe)
    return;
  lk_compare_view_set_wipe_position (self, wipe_coordinate (self, x + dx, y + dy));
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             LkCompareView  *self)
{
  if (self->dragging_eye >= 0)
    g_signal_emit_by_name (self, "eyes-moved");
  /* A click is not a move: under three screen pixels nothing moved. */
  if (self->moving != 0 && hypot (dx, dy) >= 3)
    {
      gint64 id = self->moving;

      update_move (self, self->drag_x + dx, self->drag_y + dy);
      self->moving = 0;
      g_signal_emit_by_name (self, "annotation-moved", id, self->move_dx, self->move_dy);
    }
  self->moving = 0;
  self->move_dx = self->move_dy = 0;
  self->dragging_eye = -1;
  self->dragging_wipe = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lk_compare_view_set_annotations_movable (LkCompareView *self,
                                         gboolean       movable)
{
  g_return_if_fail (LK_IS_COMPARE_VIEW (self));
  self->movable = movable;
}

/* ---- keys --------------------------------------------------------------------------------- */

/* Holding the space bar in flicker mode shows the candidate until it is released. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                LkCompareView         *self)
{
  if (keyval != GDK_KEY_space || !_lk_compare_view_is_mode (self, "flicker"))
    return FALSE;
  if (!self->holding)
    {
      self->holding = TRUE;
      g_clear_handle_id (&self->flicker_source, g_source_remove);
      self->flicker_phase = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  return TRUE;
}

static void
on_key_released (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 LkCompareView         *self)
{
  if (keyval != GDK_KEY_space || !self->holding)
    return;
  self->holding = FALSE;
  _lk_compare_view_update_flicker (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_lk_compare_view_add_controllers (LkCompareView *self)
{
  GtkGesture *wipe = gtk_gesture_drag_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (wipe), GTK_PHASE_CAPTURE);
  g_signal_connect (wipe, "drag-begin", G_CALLBACK (on_wipe_begin), self);
  g_signal_connect (wipe, "drag-update", G_CALLBACK (on_wipe_update), self);
  g_signal_connect (wipe, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (wipe));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_signal_connect (keys, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}
