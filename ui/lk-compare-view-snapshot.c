/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The compare view's drawing: the images as the mode shows them, the annotations over them and
 * the eye markers. */
#include "config.h"

#include <math.h>

#include "lk-compare-view-private.h"
#include "lk-texture.h"

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

/* The probe, and the part of the candidate on the far side of the divider. */
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

  gtk_widget_snapshot_child (widget, GTK_WIDGET (self->probe), snapshot);
  gtk_snapshot_push_clip (snapshot, &shown);
  gtk_widget_snapshot_child (widget, GTK_WIDGET (self->candidate), snapshot);
  gtk_snapshot_pop (snapshot);
}

static void
snapshot_wipe_line (LkCompareView *self,
                    GtkSnapshot   *snapshot,
                    int            width,
                    int            height)
{
  double at = self->wipe_position * (self->wipe_vertical ? width : height);
  graphene_rect_t line = self->wipe_vertical ? GRAPHENE_RECT_INIT (at - 1, 0, 2, height)
                                             : GRAPHENE_RECT_INIT (0, at - 1, width, 2);

  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 0.8, 0.1, 1 }, &line);
}

static void
snapshot_overlay (LkCompareView *self,
                  GtkSnapshot   *snapshot)
{
  gtk_widget_snapshot_child (GTK_WIDGET (self), GTK_WIDGET (self->probe), snapshot);
  gtk_snapshot_push_opacity (snapshot, self->opacity);
  gtk_widget_snapshot_child (GTK_WIDGET (self), GTK_WIDGET (self->candidate), snapshot);
  gtk_snapshot_pop (snapshot);
}

/* ---- composing two images once ------------------------------------------------------------ */

/* Overlay and wipe draw two whole images where the others draw one, and an overlay's opacity
 * costs the renderer an offscreen pass on every frame. While nothing that shows changes (the
 * views, the opacity, the divider, the size), the composed frame is kept as one texture of the
 * part the images cover, over the probe's plain backdrop: a repaint then costs about what one
 * image costs. A frame that differs from the one before is drawn directly, as it is while
 * panning or dragging the divider; the first frame that repeats it is composed and kept. */
static void
blend_key_init (LkCompareView *self,
                BlendKey      *key,
                int            width,
                int            height)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));

  *key = (BlendKey) {
    g_intern_string (self->mode),
    { lk_image_view_get_draw_serial (self->probe),
      lk_image_view_get_draw_serial (self->candidate) },
    _lk_compare_view_is_mode (self, "overlay") ? self->opacity : 0,
    _lk_compare_view_is_mode (self, "wipe") ? self->wipe_position : 0,
    _lk_compare_view_is_mode (self, "wipe") && self->wipe_vertical,
    width, height, gtk_widget_get_scale_factor (GTK_WIDGET (self)),
    native != NULL ? gtk_native_get_renderer (native) : NULL,
  };
}

static gboolean
blend_key_equal (const BlendKey *a,
                 const BlendKey *b)
{
  return a->mode == b->mode && a->serials[0] == b->serials[0] &&
         a->serials[1] == b->serials[1] && a->opacity == b->opacity &&
         a->wipe_position == b->wipe_position && a->wipe_vertical == b->wipe_vertical &&
         a->width == b->width && a->height == b->height &&
         a->scale_factor == b->scale_factor && a->renderer == b->renderer;
}

/* Where @view's image lies in this view, added to @area. */
static void
add_image_bounds (LkCompareView   *self,
                  LkImageView     *view,
                  graphene_rect_t *area,
                  gboolean        *any)
{
  graphene_rect_t bounds;
  graphene_point_t origin;

  if (!lk_image_view_get_image_bounds (view, &bounds) ||
      !gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (0, 0), &origin))
    return;
  graphene_rect_offset (&bounds, origin.x, origin.y);
  if (*any)
    graphene_rect_union (area, &bounds, area);
  else
    *area = bounds;
  *any = TRUE;
}

/* The part of the view the two images cover, in whole device pixels; FALSE when neither
 * shows. */
static gboolean
blend_area (LkCompareView   *self,
            const BlendKey  *key,
            graphene_rect_t *area)
{
  graphene_rect_t widget = GRAPHENE_RECT_INIT (0, 0, key->width, key->height);
  double sf = key->scale_factor;
  gboolean any = FALSE;
  double x0, y0, x1, y1;

  add_image_bounds (self, self->probe, area, &any);
  add_image_bounds (self, self->candidate, area, &any);
  if (!any || !graphene_rect_intersection (area, &widget, area))
    return FALSE;
  x0 = floor (area->origin.x * sf) / sf;
  y0 = floor (area->origin.y * sf) / sf;
  x1 = ceil ((area->origin.x + area->size.width) * sf) / sf;
  y1 = ceil ((area->origin.y + area->size.height) * sf) / sf;
  *area = GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0);
  return area->size.width > 0 && area->size.height > 0;
}

/* The cairo renderer's own textures (premultiplied BGRA) cost it three times as much to draw
 * on every frame as opaque 3-byte RGB ones (bench-viewer), so it composes into an opaque
 * surface, kept as RGB. */
static GdkTexture *
compose_with_cairo (const BlendKey        *key,
                    GskRenderNode         *node,
                    const graphene_rect_t *area)
{
  double sf = key->scale_factor;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                         ceil (area->size.width * sf),
                                                         ceil (area->size.height * sf));
  cairo_t *cr = cairo_create (surface);
  GdkTexture *texture;

  cairo_scale (cr, sf, sf);
  cairo_translate (cr, -area->origin.x, -area->origin.y);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  texture = cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS
            ? lk_texture_new_from_rgb24 (surface) : NULL;
  cairo_surface_destroy (surface);
  return texture;
}

static GdkTexture *
compose (const BlendKey        *key,
         GskRenderNode         *node,
         const graphene_rect_t *area)
{
  g_autoptr(GskRenderNode) scaled = NULL;
  double sf = key->scale_factor;

  if (GSK_IS_CAIRO_RENDERER (key->renderer))
    return compose_with_cairo (key, node, area);
  if (key->scale_factor != 1)
    {
      g_autoptr(GskTransform) transform = gsk_transform_scale (NULL, sf, sf);

      node = scaled = gsk_transform_node_new (node, transform);
    }
  return gsk_renderer_render_texture (key->renderer, node,
                                      &GRAPHENE_RECT_INIT (area->origin.x * sf,
                                                           area->origin.y * sf,
                                                           area->size.width * sf,
                                                           area->size.height * sf));
}

/* The probe's backdrop, and the kept frame over the part the images cover. */
static void
append_blend (LkCompareView *self,
              GtkSnapshot   *snapshot)
{
  graphene_rect_t probe;

  if (lk_image_view_get_draws_background (self->probe) &&
      gtk_widget_compute_bounds (GTK_WIDGET (self->probe), GTK_WIDGET (self), &probe))
    gtk_snapshot_append_color (snapshot, &LK_IMAGE_VIEW_BACKDROP, &probe);
  gtk_snapshot_append_texture (snapshot, self->blend, &self->blend_area);
}

/* The children are snapshot on every frame, the kept texture or not: a child left with its
 * drawing queued would not pass a later request to draw on to this view. */
static void
snapshot_two (LkCompareView *self,
              GtkSnapshot   *snapshot,
              int            width,
              int            height)
{
  GtkSnapshot *inner = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  BlendKey key;

  if (_lk_compare_view_is_mode (self, "overlay"))
    snapshot_overlay (self, inner);
  else
    snapshot_wipe (self, inner, width, height);
  node = gtk_snapshot_free_to_node (inner);
  if (node == NULL)
    return;
  blend_key_init (self, &key, width, height);
  if (self->blend != NULL && blend_key_equal (&key, &self->blend_key))
    {
      append_blend (self, snapshot);
      return;
    }
  g_clear_object (&self->blend);
  if (key.renderer != NULL && blend_key_equal (&key, &self->last_key) &&
      blend_area (self, &key, &self->blend_area) &&
      (self->blend = compose (&key, node, &self->blend_area)) != NULL)
    {
      self->blend_key = key;
      append_blend (self, snapshot);
      return;
    }
  self->last_key = key;
  gtk_snapshot_append_node (snapshot, node);
}

static void draw_label (cairo_t *cr, double x, double y, const char *text);

/* A label starts right of its point; where that would cut it at @right (the edge of the view
 * it belongs to), it ends left of the point instead, and never starts left of @left. */
static void
draw_label_within (cairo_t    *cr,
                   double      x,
                   double      y,
                   const char *text,
                   double      left,
                   double      right)
{
  cairo_text_extents_t extents;

  cairo_set_font_size (cr, 13);
  cairo_text_extents (cr, text, &extents);
  if (x + extents.x_advance > right - 2)
    x = MAX (left + 2, MIN (x - 16 - extents.x_advance, right - 2 - extents.x_advance));
  draw_label (cr, x, y, text);
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
    {
      graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);
      GtkWidget *shown = _lk_compare_view_is_mode (self, "difference")
                         ? GTK_WIDGET (self->difference) : GTK_WIDGET (view);

      if (!gtk_widget_compute_bounds (shown, GTK_WIDGET (self), &bounds))
        bounds.size.width = gtk_widget_get_width (GTK_WIDGET (self));
      draw_label_within (cr, x1 + 8, y1 + (g_strcmp0 (kind, "text") == 0 ? 0 : 20), label,
                         bounds.origin.x, bounds.origin.x + bounds.size.width);
    }
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

/* The difference multiplied by the gain, clipped at white. */
static void
snapshot_difference (LkCompareView *self,
                     GtkSnapshot   *snapshot)
{
  graphene_matrix_t matrix;
  float g = (float) self->gain;

  if (self->gain <= 1)
    {
      gtk_widget_snapshot_child (GTK_WIDGET (self), GTK_WIDGET (self->difference), snapshot);
      return;
    }
  graphene_matrix_init_from_float (&matrix, (const float[16]) { g, 0, 0, 0, 0, g, 0, 0,
                                                                 0, 0, g, 0, 0, 0, 0, 1 });
  gtk_snapshot_push_color_matrix (snapshot, &matrix, graphene_vec4_zero ());
  gtk_widget_snapshot_child (GTK_WIDGET (self), GTK_WIDGET (self->difference), snapshot);
  gtk_snapshot_pop (snapshot);
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
    snapshot_two (self, snapshot, width, height);
  else if (_lk_compare_view_is_mode (self, "wipe"))
    {
      snapshot_two (self, snapshot, width, height);
      snapshot_wipe_line (self, snapshot, width, height);
    }
  else if (_lk_compare_view_is_mode (self, "flicker"))
    gtk_widget_snapshot_child (widget, GTK_WIDGET (self->flicker_phase ? self->candidate
                                                                       : self->probe), snapshot);
  else
    {
      snapshot_difference (self, snapshot);
    }
  snapshot_annotations (self, snapshot, width, height);
  snapshot_eyes (self, snapshot, width, height);
  for (int i = 0; i < 2; i++)
    {
      gtk_widget_snapshot_child (widget, self->hbars[i], snapshot);
      gtk_widget_snapshot_child (widget, self->vbars[i], snapshot);
    }
}
