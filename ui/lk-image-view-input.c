/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The image view's input: dragging, scrolling and zooming with the wheel, and the view.*
 * actions with their keys. */
#include "config.h"

#include <math.h>

#include "lk-image-view-private.h"

#define WHEEL_STEP 64.0
#define PAN_FRACTION 8

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
  _lk_image_view_move_view (self, self->zoom, self->drag_center_x - offset_x / self->zoom,
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

/* A mouse wheel zooms about the pointer, a step per notch, as in image viewers; with Shift it
 * pans sideways. A touchpad pans, and zooms with Ctrl. */
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
  if (wheel && !(state & GDK_SHIFT_MASK))
    {
      double zoom = self->zoom;

      self->wheel_zoom += dy;
      for (; self->wheel_zoom <= -1; self->wheel_zoom += 1)
        zoom = _lk_image_view_zoom_step (zoom, 1);
      for (; self->wheel_zoom >= 1; self->wheel_zoom -= 1)
        zoom = _lk_image_view_zoom_step (zoom, -1);
      lk_image_view_zoom_at (self, zoom, x, y);
      return TRUE;
    }
  if (state & GDK_CONTROL_MASK)
    {
      lk_image_view_zoom_at (self, self->zoom * exp2 (-dy / 100), x, y);
      return TRUE;
    }
  if (wheel && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  _lk_image_view_pan_by (self, dx * (wheel ? WHEEL_STEP : 1), dy * (wheel ? WHEEL_STEP : 1));
  return TRUE;
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LkImageView *self = LK_IMAGE_VIEW (widget);

  if (g_str_equal (action_name, "view.zoom-in"))
    lk_image_view_set_zoom (self, _lk_image_view_zoom_step (self->zoom, 1));
  else if (g_str_equal (action_name, "view.zoom-out"))
    lk_image_view_set_zoom (self, _lk_image_view_zoom_step (self->zoom, -1));
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
    _lk_image_view_pan_by (LK_IMAGE_VIEW (widget), -dx, 0);
  else if (g_str_equal (action_name, "view.pan-right"))
    _lk_image_view_pan_by (LK_IMAGE_VIEW (widget), dx, 0);
  else if (g_str_equal (action_name, "view.pan-up"))
    _lk_image_view_pan_by (LK_IMAGE_VIEW (widget), 0, -dy);
  else
    _lk_image_view_pan_by (LK_IMAGE_VIEW (widget), 0, dy);
}

void
_lk_image_view_class_actions_init (GtkWidgetClass *widget_class)
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

void
_lk_image_view_add_controllers (LkImageView *self)
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
