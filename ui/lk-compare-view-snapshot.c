/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The compare view's drawing: the images as the mode shows them, the annotations over them and
 * the eye markers. */
#include "config.h"

#include <math.h>

#include "lk-compare-view-private.h"

static void
snapshot_eyes (LkCompareView *self,
               GtkSnapshot   *snapshot,
               int            width,
               int            height)
{
  cairo_t *cr;

  if (!self->show_eyes || !_lk_compare_view_is_mode (self, "side-by-side"))
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_width (cr, 2);
  for (int which = 0; which < 4; which++)
    {
      double x, y;

      if (!_lk_compare_view_eye_on_widget (self, which, &x, &y))
        continue;
      cairo_set_source_rgb (cr, 0.2, 0.9, 1.0);
      cairo_new_path (cr);
      cairo_move_to (cr, x - 9, y);
      cairo_line_to (cr, x + 9, y);
      cairo_move_to (cr, x, y - 9);
      cairo_line_to (cr, x, y + 9);
      cairo_stroke (cr);
      cairo_arc (cr, x, y, 5, 0, 2 * G_PI);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
snapshot_wipe (LkCompareView *self,
               GtkSnapshot   *snapshot,
               int            width,
               int            height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double at = self->wipe_position * (self->wipe_vertical ? width : height);
  graphene_rect_t shown = self->wipe_vertical
    ? GRAPHENE_RECT_INIT (at, 0, width - at, height)
    : GRAPHENE_RECT_INIT (0, at, width, height - at);
  graphene_rect_t line = self->wipe_vertical ? GRAPHENE_RECT_INIT (at - 1, 0, 2, height)
                                             : GRAPHENE_RECT_INIT (0, at - 1, width, 2);

  gtk_widget_snapshot_child (widget, GTK_WIDGET (self->probe), snapshot);
  gtk_snapshot_push_clip (snapshot, &shown);
  gtk_widget_snapshot_child (widget, GTK_WIDGET (self->candidate), snapshot);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 0.8, 0.1, 1 }, &line);
}

static void
draw_label (cairo_t    *cr,
            double      x,
            double      y,
            const char *text)
{
  cairo_new_path (cr);
  cairo_set_font_size (cr, 13);
  cairo_move_to (cr, x + 1, y + 1);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
  cairo_show_text (cr, text);
  cairo_move_to (cr, x, y);
  cairo_set_source_rgb (cr, 1, 0.85, 0.1);
  cairo_show_text (cr, text);
  cairo_new_path (cr);
}

static void
draw_annotation (LkCompareView *self,
                 cairo_t       *cr,
                 LkAnnotation  *a)
{
  const char *image = lk_annotation_get_image (a);
  const char *kind = lk_annotation_get_kind (a);
  LkImageView *view = _lk_compare_view_view_for (self, image);
  const char *label = lk_annotation_get_label (a);
  double x1, y1, x2 = 0, y2 = 0;
  gboolean selected = _lk_compare_view_is_selected (self, lk_annotation_get_id (a));

  if (!_lk_compare_view_image_drawn (self, image) ||
      !_lk_compare_view_point_at (self, view, a, 0, &x1, &y1))
    return;
  _lk_compare_view_point_at (self, view, a, 1, &x2, &y2);
  cairo_new_path (cr);
  /* A selected annotation is thicker and cyan, as the eye markers are not: it stands out on
   * any image. */
  cairo_set_line_width (cr, selected ? 4 : 2);
  if (selected)
    cairo_set_source_rgb (cr, 0.2, 0.9, 1);
  else
    cairo_set_source_rgb (cr, 1, 0.85, 0.1);
  if (g_strcmp0 (kind, "marker") == 0)
    {
      g_autofree char *number = g_strdup_printf ("%d", lk_annotation_get_pair (a));

      cairo_new_sub_path (cr);
      cairo_arc (cr, x1, y1, 6, 0, 2 * G_PI);
      cairo_stroke (cr);
      draw_label (cr, x1 + 8, y1 - 8, number);
    }
  else if (g_strcmp0 (kind, "rectangle") == 0)
    {
      cairo_rectangle (cr, MIN (x1, x2), MIN (y1, y2), fabs (x2 - x1), fabs (y2 - y1));
      cairo_stroke (cr);
    }
  else if (g_strcmp0 (kind, "ellipse") == 0 && fabs (x2 - x1) > 1 && fabs (y2 - y1) > 1)
    {
      cairo_save (cr);
      cairo_new_path (cr);
      cairo_translate (cr, (x1 + x2) / 2, (y1 + y2) / 2);
      cairo_scale (cr, fabs (x2 - x1) / 2, fabs (y2 - y1) / 2);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      cairo_stroke (cr);
    }
  else if (g_strcmp0 (kind, "arrow") == 0)
    {
      double angle = atan2 (y2 - y1, x2 - x1);

      cairo_move_to (cr, x1, y1);
      cairo_line_to (cr, x2, y2);
      cairo_line_to (cr, x2 - 12 * cos (angle - 0.4), y2 - 12 * sin (angle - 0.4));
      cairo_move_to (cr, x2, y2);
      cairo_line_to (cr, x2 - 12 * cos (angle + 0.4), y2 - 12 * sin (angle + 0.4));
      cairo_stroke (cr);
    }
  if (label != NULL && *label != '\0')
    draw_label (cr, x1 + 8, y1 + (g_strcmp0 (kind, "text") == 0 ? 0 : 20), label);
}

static void
snapshot_annotations (LkCompareView *self,
                      GtkSnapshot   *snapshot,
                      int            width,
                      int            height)
{
  cairo_t *cr;

  if (!self->show_annotations || self->annotations == NULL ||
      g_list_model_get_n_items (self->annotations) == 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (guint i = 0; i < g_list_model_get_n_items (self->annotations); i++)
    {
      g_autoptr(LkAnnotation) a = g_list_model_get_item (self->annotations, i);

      draw_annotation (self, cr, a);
    }
  cairo_destroy (cr);
}

void
_lk_compare_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  LkCompareView *self = LK_COMPARE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (_lk_compare_view_is_mode (self, "side-by-side"))
    {
      gtk_widget_snapshot_child (widget, GTK_WIDGET (self->probe), snapshot);
      gtk_widget_snapshot_child (widget, GTK_WIDGET (self->candidate), snapshot);
    }
  else if (_lk_compare_view_is_mode (self, "overlay"))
    {
      gtk_widget_snapshot_child (widget, GTK_WIDGET (self->probe), snapshot);
      gtk_snapshot_push_opacity (snapshot, self->opacity);
      gtk_widget_snapshot_child (widget, GTK_WIDGET (self->candidate), snapshot);
      gtk_snapshot_pop (snapshot);
    }
  else if (_lk_compare_view_is_mode (self, "wipe"))
    snapshot_wipe (self, snapshot, width, height);
  else if (_lk_compare_view_is_mode (self, "flicker"))
    gtk_widget_snapshot_child (widget, GTK_WIDGET (self->flicker_phase ? self->candidate
                                                                       : self->probe), snapshot);
  else
    gtk_widget_snapshot_child (widget, GTK_WIDGET (self->difference), snapshot);
  snapshot_annotations (self, snapshot, width, height);
  snapshot_eyes (self, snapshot, width, height);
}
