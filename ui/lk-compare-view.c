/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Probe and candidate side by side, overlaid, wiped, flickered or differenced. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lk-compare-view.h"

#define GAP 2
#define WIPE_GRAB 12.0

struct _LkCompareView
{
  GtkWidget    parent_instance;

  LkImageView *probe;
  LkImageView *candidate;
  LkImageView *difference;
  char        *mode;
  double       opacity;
  double       wipe_position;
  gboolean     wipe_vertical;
  double       flicker_rate;
  gboolean     flicker_phase;
  guint        flicker_source;
  gboolean     locked;
  gboolean     show_annotations;
  gboolean     syncing;
  gboolean     dragging_wipe;
  JsonArray   *annotations;
  GArray      *selected;     /* gint64 ids of the annotations drawn highlighted */
  gboolean     show_eyes;
  LkPoint      eyes[2][2];   /* probe, candidate; original image coordinates */
  int          dragging_eye; /* -1 none, else image * 2 + index */
  gboolean     movable;      /* annotations may be dragged to a new place */
  gint64       moving;       /* the annotation being dragged, 0 none */
  double       move_dx;      /* how far, in its image's pixels */
  double       move_dy;
  double       drag_x;       /* where the drag started, widget pixels */
  double       drag_y;
  gboolean     holding;      /* flicker held on the candidate by a key */
};

enum {
  EYES_MOVED,
  ANNOTATION_MOVED,
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_MODE,
  PROP_OPACITY,
  PROP_WIPE_POSITION,
  PROP_WIPE_VERTICAL,
  PROP_FLICKER_RATE,
  PROP_LOCKED,
  PROP_SHOW_ANNOTATIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LkCompareView, lk_compare_view, GTK_TYPE_WIDGET)

static const char * const modes[] = {
  "side-by-side", "overlay", "wipe", "flicker", "difference", NULL,
};

static gboolean
is_mode (LkCompareView *self,
         const char    *mode)
{
  return g_strcmp0 (self->mode, mode) == 0;
}

LkImageView *
lk_compare_view_get_probe_view (LkCompareView *self)
{
  return self->probe;
}

LkImageView *
lk_compare_view_get_candidate_view (LkCompareView *self)
{
  return self->candidate;
}

LkImageView *
lk_compare_view_get_difference_view (LkCompareView *self)
{
  return self->difference;
}

const char *
lk_compare_view_get_mode (LkCompareView *self)
{
  return self->mode;
}

double
lk_compare_view_get_opacity (LkCompareView *self)
{
  return self->opacity;
}

double
lk_compare_view_get_wipe_position (LkCompareView *self)
{
  return self->wipe_position;
}

gboolean
lk_compare_view_get_locked (LkCompareView *self)
{
  return self->locked;
}

gboolean
lk_compare_view_get_flicker_phase (LkCompareView *self)
{
  return self->flicker_phase;
}

/* ---- keeping the views together ------------------------------------------------------------ */

static gboolean
views_follow (LkCompareView *self)
{
  /* Outside side by side the two images share one geometry by construction. */
  return self->locked || !is_mode (self, "side-by-side");
}

static void
copy_view (LkCompareView *self,
           LkImageView   *from,
           LkImageView   *to)
{
  if (self->syncing || !views_follow (self))
    return;
  self->syncing = TRUE;
  if (lk_image_view_get_fit (from))
    lk_image_view_set_fit (to, TRUE);
  else
    {
      lk_image_view_set_zoom (to, lk_image_view_get_zoom (from));
      lk_image_view_set_center (to, lk_image_view_get_center_x (from),
                                lk_image_view_get_center_y (from));
    }
  self->syncing = FALSE;
}

static void
on_probe_moved (LkCompareView *self)
{
  copy_view (self, self->probe, self->candidate);
  copy_view (self, self->probe, self->difference);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_candidate_moved (LkCompareView *self)
{
  copy_view (self, self->candidate, self->probe);
  copy_view (self, self->probe, self->difference);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
watch_view (LkCompareView *self,
            LkImageView   *view,
            GCallback      callback)
{
  static const char * const notifications[] = {
    "notify::zoom", "notify::center-x", "notify::center-y", "notify::fit",
  };

  for (guint i = 0; i < G_N_ELEMENTS (notifications); i++)
    g_signal_connect_swapped (view, notifications[i], callback, self);
}

/* ---- flicker ------------------------------------------------------------------------------- */

static gboolean
flicker_tick (gpointer user_data)
{
  LkCompareView *self = user_data;

  self->flicker_phase = !self->flicker_phase;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_CONTINUE;
}

static void
update_flicker (LkCompareView *self)
{
  g_clear_handle_id (&self->flicker_source, g_source_remove);
  self->flicker_phase = FALSE;
  if (is_mode (self, "flicker") && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->flicker_source = g_timeout_add ((guint) (500.0 / self->flicker_rate), flicker_tick,
                                          self);
}

/* ---- setters ------------------------------------------------------------------------------- */

static void
update_children (LkCompareView *self)
{
  gboolean side = is_mode (self, "side-by-side");

  lk_image_view_set_draws_background (self->candidate, side);
  gtk_widget_set_child_visible (GTK_WIDGET (self->difference), is_mode (self, "difference"));
  gtk_widget_set_child_visible (GTK_WIDGET (self->probe), !is_mode (self, "difference"));
  gtk_widget_set_child_visible (GTK_WIDGET (self->candidate), !is_mode (self, "difference"));
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
lk_compare_view_set_mode (LkCompareView *self,
                          const char    *mode)
{
  g_return_if_fail (LK_IS_COMPARE_VIEW (self));
  g_return_if_fail (mode != NULL && g_strv_contains (modes, mode));

  if (is_mode (self, mode))
    return;
  g_free (self->mode);
  self->mode = g_strdup (mode);
  update_children (self);
  update_flicker (self);
  on_probe_moved (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

void
lk_compare_view_set_opacity (LkCompareView *self,
                             double         opacity)
{
  g_return_if_fail (LK_IS_COMPARE_VIEW (self));

  opacity = CLAMP (opacity, 0.0, 1.0);
  if (opacity == self->opacity)
    return;
  self->opacity = opacity;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPACITY]);
}

void
lk_compare_view_set_wipe_position (LkCompareView *self,
                                   double         position)
{
  g_return_if_fail (LK_IS_COMPARE_VIEW (self));

  position = CLAMP (position, 0.0, 1.0);
  if (position == self->wipe_position)
    return;
  self->wipe_position = position;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIPE_POSITION]);
}

static void
set_wipe_vertical (LkCompareView *self,
                   gboolean       vertical)
{
  if (vertical == self->wipe_vertical)
    return;
  self->wipe_vertical = vertical;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIPE_VERTICAL]);
}

static void
set_flicker_rate (LkCompareView *self,
                  double         rate)
{
  rate = CLAMP (rate, 1.0, 10.0);
  if (rate == self->flicker_rate)
    return;
  self->flicker_rate = rate;
  update_flicker (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLICKER_RATE]);
}

void
lk_compare_view_set_locked (LkCompareView *self,
                            gboolean       locked)
{
  g_return_if_fail (LK_IS_COMPARE_VIEW (self));

  if (locked == self->locked)
    return;
  self->locked = locked;
  on_probe_moved (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

static void
set_show_annotations (LkCompareView *self,
                      gboolean       show)
{
  if (show == self->show_annotations)
    return;
  self->show_annotations = show;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ANNOTATIONS]);
}

void
lk_compare_view_set_annotations (LkCompareView *self,
                                 JsonArray     *annotations)
{
  g_return_if_fail (LK_IS_COMPARE_VIEW (self));

  g_clear_pointer (&self->annotations, json_array_unref);
  if (annotations != NULL)
    self->annotations = json_array_ref (annotations);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
is_selected (LkCompareView *self,
             gint64         id)
{
  for (guint i = 0; self->selected != NULL && i < self->selected->len; i++)
    if (g_array_index (self->selected, gint64, i) == id)
      return TRUE;
  return FALSE;
}

void
lk_compare_view_set_selected (LkCompareView *self,
                              const gint64  *ids,
                              guint          n_ids)
{
  g_return_if_fail (LK_IS_COMPARE_VIEW (self));

  g_array_set_size (self->selected, 0);
  if (ids != NULL)
    g_array_append_vals (self->selected, ids, n_ids);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

const gint64 *
lk_compare_view_get_selected (LkCompareView *self,
                              guint         *n_ids)
{
  g_return_val_if_fail (LK_IS_COMPARE_VIEW (self), NULL);

  *n_ids = self->selected->len;
  return (const gint64 *) (gpointer) self->selected->data;
}

/* ---- eye markers for the alignment ---------------------------------------------------------- */

void
lk_compare_view_set_eye_markers (LkCompareView *self,
                                 const LkPoint  probe[2],
                                 const LkPoint  candidate[2])
{
  g_return_if_fail (LK_IS_COMPARE_VIEW (self));

  self->show_eyes = probe != NULL && candidate != NULL;
  if (self->show_eyes)
    {
      memcpy (self->eyes[0], probe, sizeof self->eyes[0]);
      memcpy (self->eyes[1], candidate, sizeof self->eyes[1]);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lk_compare_view_get_eye_markers (LkCompareView *self,
                                 LkPoint        probe[2],
                                 LkPoint        candidate[2])
{
  memcpy (probe, self->eyes[0], sizeof self->eyes[0]);
  memcpy (candidate, self->eyes[1], sizeof self->eyes[1]);
}

static gboolean
eye_on_widget (LkCompareView *self,
               int            which,
               double        *x,
               double        *y)
{
  LkImageView *view = which / 2 == 0 ? self->probe : self->candidate;
  const LkPoint *p = &self->eyes[which / 2][which % 2];
  graphene_point_t out;

  lk_image_view_image_to_widget (view, p->x, p->y, x, y);
  if (!gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (*x, *y), &out))
    return FALSE;
  *x = out.x;
  *y = out.y;
  return TRUE;
}

static void
snapshot_eyes (LkCompareView *self,
               GtkSnapshot   *snapshot,
               int            width,
               int            height)
{
  cairo_t *cr;

  if (!self->show_eyes || !is_mode (self, "side-by-side"))
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_width (cr, 2);
  for (int which = 0; which < 4; which++)
    {
      double x, y;

      if (!eye_on_widget (self, which, &x, &y))
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

static int
eye_near (LkCompareView *self,
          double         x,
          double         y)
{
  for (int which = 0; self->show_eyes && which < 4; which++)
    {
      double ex, ey;

      if (eye_on_widget (self, which, &ex, &ey) && fabs (ex - x) <= 10 && fabs (ey - y) <= 10)
        return which;
    }
  return -1;
}

/* ---- layout and drawing -------------------------------------------------------------------- */

static void
lk_compare_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  LkCompareView *self = LK_COMPARE_VIEW (widget);
  int half = (width - GAP) / 2;

  if (is_mode (self, "side-by-side"))
    {
      gtk_widget_size_allocate (GTK_WIDGET (self->probe),
                                &(GtkAllocation) { 0, 0, half, height }, -1);
      gtk_widget_size_allocate (GTK_WIDGET (self->candidate),
                                &(GtkAllocation) { half + GAP, 0, width - half - GAP, height },
                                -1);
    }
  else
    {
      gtk_widget_size_allocate (GTK_WIDGET (self->probe),
                                &(GtkAllocation) { 0, 0, width, height }, -1);
      gtk_widget_size_allocate (GTK_WIDGET (self->candidate),
                                &(GtkAllocation) { 0, 0, width, height }, -1);
    }
  gtk_widget_size_allocate (GTK_WIDGET (self->difference),
                            &(GtkAllocation) { 0, 0, width, height }, -1);
}

static void
lk_compare_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = 200;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 1000 : 700;
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

/* ---- annotations --------------------------------------------------------------------------- */

static LkImageView *
view_for (LkCompareView *self,
          const char    *image)
{
  return g_strcmp0 (image, "candidate") == 0 ? self->candidate : self->probe;
}

static gboolean
image_drawn (LkCompareView *self,
             const char    *image)
{
  if (is_mode (self, "flicker"))
    return self->flicker_phase == (g_strcmp0 (image, "candidate") == 0);
  return TRUE;
}

/* The drag in progress shifts the annotation it holds. */
static void
moved_by (LkCompareView *self,
          JsonObject    *a,
          double        *dx,
          double        *dy)
{
  gboolean moving = self->moving != 0 && json_object_get_int_member (a, "id") == self->moving;

  *dx = moving ? self->move_dx : 0;
  *dy = moving ? self->move_dy : 0;
}

/* Point @i of annotation @a in widget coordinates, through @view. */
static gboolean
point_at (LkCompareView *self,
          LkImageView   *view,
          JsonObject    *a,
          guint          i,
          double        *x,
          double        *y)
{
  JsonArray *geometry = json_object_get_array_member (a, "geometry");
  JsonArray *p = geometry != NULL && i < json_array_get_length (geometry)
                 ? json_array_get_array_element (geometry, i) : NULL;
  graphene_point_t out, point;
  double dx, dy;

  if (p == NULL || json_array_get_length (p) < 2)
    return FALSE;
  moved_by (self, a, &dx, &dy);
  point = GRAPHENE_POINT_INIT (json_array_get_double_element (p, 0) + dx,
                               json_array_get_double_element (p, 1) + dy);
  /* The difference is drawn in the probe's frame: a candidate's point goes there through the
   * alignment its view holds. */
  if (is_mode (self, "difference"))
    {
      if (view == self->candidate)
        {
          graphene_matrix_t transform;
          double xx, yx, xy, yy, x0, y0;

          lk_image_view_get_transform (view, &transform);
          graphene_matrix_to_2d (&transform, &xx, &yx, &xy, &yy, &x0, &y0);
          point = GRAPHENE_POINT_INIT (xx * point.x + xy * point.y + x0,
                                       yx * point.x + yy * point.y + y0);
        }
      view = self->difference;
    }
  lk_image_view_image_to_widget (view, point.x, point.y, x, y);
  if (!gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (*x, *y), &out))
    return FALSE;
  *x = out.x;
  *y = out.y;
  return TRUE;
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
                 JsonObject    *a)
{
  const char *image = json_object_get_string_member (a, "image");
  const char *kind = json_object_get_string_member (a, "kind");
  LkImageView *view = view_for (self, image);
  const char *label = json_object_has_member (a, "label")
                      ? json_object_get_string_member (a, "label") : NULL;
  double x1, y1, x2 = 0, y2 = 0;
  gboolean selected = is_selected (self, json_object_get_int_member (a, "id"));

  if (!image_drawn (self, image) || !point_at (self, view, a, 0, &x1, &y1))
    return;
  point_at (self, view, a, 1, &x2, &y2);
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
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 json_object_get_int_member (a, "pair"));

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
      json_array_get_length (self->annotations) == 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (guint i = 0; i < json_array_get_length (self->annotations); i++)
    draw_annotation (self, cr, json_array_get_object_element (self->annotations, i));
  cairo_destroy (cr);
}

static void
lk_compare_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  LkCompareView *self = LK_COMPARE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (is_mode (self, "side-by-side"))
    {
      gtk_widget_snapshot_child (widget, GTK_WIDGET (self->probe), snapshot);
      gtk_widget_snapshot_child (widget, GTK_WIDGET (self->candidate), snapshot);
    }
  else if (is_mode (self, "overlay"))
    {
      gtk_widget_snapshot_child (widget, GTK_WIDGET (self->probe), snapshot);
      gtk_snapshot_push_opacity (snapshot, self->opacity);
      gtk_widget_snapshot_child (widget, GTK_WIDGET (self->candidate), snapshot);
      gtk_snapshot_pop (snapshot);
    }
  else if (is_mode (self, "wipe"))
    snapshot_wipe (self, snapshot, width, height);
  else if (is_mode (self, "flicker"))
    gtk_widget_snapshot_child (widget, GTK_WIDGET (self->flicker_phase ? self->candidate
                                                                       : self->probe), snapshot);
  else
    gtk_widget_snapshot_child (widget, GTK_WIDGET (self->difference), snapshot);
  snapshot_annotations (self, snapshot, width, height);
  snapshot_eyes (self, snapshot, width, height);
}

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

  if (is_mode (self, "side-by-side") && x > gtk_widget_get_width (GTK_WIDGET (self)) / 2.0)
    {
      view = self->candidate;
      image = "candidate";
    }
  else if (is_mode (self, "flicker") && self->flicker_phase)
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
                     JsonObject    *a,
                     double         x,
                     double         y)
{
  const char *image = json_object_get_string_member (a, "image");
  const char *kind = json_object_get_string_member (a, "kind");
  double x1, y1, x2, y2;

  if (!image_drawn (self, image) ||
      !point_at (self, view_for (self, image), a, 0, &x1, &y1))
    return G_MAXDOUBLE;
  if (!point_at (self, view_for (self, image), a, 1, &x2, &y2))
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
  for (guint i = 0; i < json_array_get_length (self->annotations); i++)
    {
      JsonObject *a = json_array_get_object_element (self->annotations, i);
      double d = annotation_distance (self, a, x, y);

      /* The later one is drawn on top: it wins a tie. */
      if (d <= best)
        {
          best = d;
          id = json_object_get_int_member (a, "id");
        }
    }
  return id;
}

/* ---- wipe dragging ------------------------------------------------------------------------- */

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
static JsonObject *
movable_at (LkCompareView *self,
            double         x,
            double         y)
{
  gint64 id = self->movable && !is_mode (self, "difference")
              ? lk_compare_view_annotation_at (self, x, y) : 0;

  for (guint i = 0; id != 0 && i < json_array_get_length (self->annotations); i++)
    if (json_object_get_int_member (json_array_get_object_element (self->annotations, i),
                                    "id") == id)
      return json_array_get_object_element (self->annotations, i);
  return NULL;
}

/* The drag's offset in the pixels of the image the moving annotation belongs to. */
static void
update_move (LkCompareView *self,
             double         x,
             double         y)
{
  JsonObject *a = NULL;
  LkImageView *view;
  graphene_point_t start, now;
  double x0, y0, x1, y1;

  for (guint i = 0; i < json_array_get_length (self->annotations); i++)
    if (json_object_get_int_member (json_array_get_object_element (self->annotations, i),
                                    "id") == self->moving)
      a = json_array_get_object_element (self->annotations, i);
  if (a == NULL)
    return;
  view = view_for (self, json_object_get_string_member (a, "image"));
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
  JsonObject *annotation;

  self->drag_x = x;
  self->drag_y = y;
  self->dragging_eye = is_mode (self, "side-by-side") ? eye_near (self, x, y) : -1;
  if (self->dragging_eye >= 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }
  /* The wipe's divider before an annotation under it; otherwise the image views pan. */
  self->dragging_wipe = is_mode (self, "wipe") &&
    fabs (wipe_coordinate (self, x, y) - self->wipe_position) * size <= WIPE_GRAB;
  if (!self->dragging_wipe && (annotation = movable_at (self, x, y)) != NULL)
    {
      self->moving = json_object_get_int_member (annotation, "id");
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
    g_signal_emit (self, signals[EYES_MOVED], 0);
  /* A click is not a move: under three screen pixels nothing moved. */
  if (self->moving != 0 && hypot (dx, dy) >= 3)
    {
      gint64 id = self->moving;

      update_move (self, self->drag_x + dx, self->drag_y + dy);
      self->moving = 0;
      g_signal_emit (self, signals[ANNOTATION_MOVED], 0, id, self->move_dx, self->move_dy);
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

/* Holding the space bar in flicker mode shows the candidate until it is released. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                LkCompareView         *self)
{
  if (keyval != GDK_KEY_space || !is_mode (self, "flicker"))
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
  update_flicker (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- actions and object -------------------------------------------------------------------- */

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LkCompareView *self = LK_COMPARE_VIEW (widget);

  if (g_str_has_prefix (action_name, "compare.opacity"))
    lk_compare_view_set_opacity (self, self->opacity + (g_str_has_suffix (action_name, "up")
                                                        ? 0.1 : -0.1));
  else
    lk_compare_view_set_wipe_position (self, self->wipe_position +
                                       (g_str_has_suffix (action_name, "right") ? 0.05 : -0.05));
}

static void
lk_compare_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (lk_compare_view_parent_class)->map (widget);
  update_flicker (LK_COMPARE_VIEW (widget));
}

static void
lk_compare_view_unmap (GtkWidget *widget)
{
  g_clear_handle_id (&LK_COMPARE_VIEW (widget)->flicker_source, g_source_remove);
  GTK_WIDGET_CLASS (lk_compare_view_parent_class)->unmap (widget);
}

static void
lk_compare_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LkCompareView *self = LK_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODE: g_value_set_string (value, self->mode); break;
    case PROP_OPACITY: g_value_set_double (value, self->opacity); break;
    case PROP_WIPE_POSITION: g_value_set_double (value, self->wipe_position); break;
    case PROP_WIPE_VERTICAL: g_value_set_boolean (value, self->wipe_vertical); break;
    case PROP_FLICKER_RATE: g_value_set_double (value, self->flicker_rate); break;
    case PROP_LOCKED: g_value_set_boolean (value, self->locked); break;
    case PROP_SHOW_ANNOTATIONS: g_value_set_boolean (value, self->show_annotations); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_compare_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LkCompareView *self = LK_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODE: lk_compare_view_set_mode (self, g_value_get_string (value)); break;
    case PROP_OPACITY: lk_compare_view_set_opacity (self, g_value_get_double (value)); break;
    case PROP_WIPE_POSITION:
      lk_compare_view_set_wipe_position (self, g_value_get_double (value));
      break;
    case PROP_WIPE_VERTICAL: set_wipe_vertical (self, g_value_get_boolean (value)); break;
    case PROP_FLICKER_RATE: set_flicker_rate (self, g_value_get_double (value)); break;
    case PROP_LOCKED: lk_compare_view_set_locked (self, g_value_get_boolean (value)); break;
    case PROP_SHOW_ANNOTATIONS: set_show_annotations (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_compare_view_dispose (GObject *object)
{
  LkCompareView *self = LK_COMPARE_VIEW (object);

  g_clear_handle_id (&self->flicker_source, g_source_remove);
  g_clear_pointer ((GtkWidget **) &self->probe, gtk_widget_unparent);
  g_clear_pointer ((GtkWidget **) &self->candidate, gtk_widget_unparent);
  g_clear_pointer ((GtkWidget **) &self->difference, gtk_widget_unparent);
  g_clear_pointer (&self->annotations, json_array_unref);
  g_clear_pointer (&self->selected, g_array_unref);
  G_OBJECT_CLASS (lk_compare_view_parent_class)->dispose (object);
}

static void
lk_compare_view_finalize (GObject *object)
{
  g_free (LK_COMPARE_VIEW (object)->mode);
  G_OBJECT_CLASS (lk_compare_view_parent_class)->finalize (object);
}

static GParamSpec *
flag (const char *name,
      gboolean    fallback)
{
  return g_param_spec_boolean (name, NULL, NULL, fallback,
                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
number (const char *name,
        double      min,
        double      max,
        double      fallback)
{
  return g_param_spec_double (name, NULL, NULL, min, max, fallback,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                              G_PARAM_STATIC_STRINGS);
}

static void
lk_compare_view_class_init (LkCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_compare_view_dispose;
  object_class->finalize = lk_compare_view_finalize;
  object_class->get_property = lk_compare_view_get_property;
  object_class->set_property = lk_compare_view_set_property;
  widget_class->size_allocate = lk_compare_view_size_allocate;
  widget_class->measure = lk_compare_view_measure;
  widget_class->snapshot = lk_compare_view_snapshot;
  widget_class->map = lk_compare_view_map;
  widget_class->unmap = lk_compare_view_unmap;

  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);
  signals[ANNOTATION_MOVED] = g_signal_new ("annotation-moved", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                            3, G_TYPE_INT64, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  signals[EYES_MOVED] = g_signal_new ("eyes-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  properties[PROP_MODE] =
    g_param_spec_string ("mode", NULL, NULL, "side-by-side",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPACITY] = number ("opacity", 0, 1, 0.5);
  properties[PROP_WIPE_POSITION] = number ("wipe-position", 0, 1, 0.5);
  properties[PROP_WIPE_VERTICAL] = flag ("wipe-vertical", TRUE);
  properties[PROP_FLICKER_RATE] = number ("flicker-rate", 1, 10, 2);
  properties[PROP_LOCKED] = flag ("locked", TRUE);
  properties[PROP_SHOW_ANNOTATIONS] = flag ("show-annotations", TRUE);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "compare.mode", "mode");
  gtk_widget_class_install_property_action (widget_class, "compare.locked", "locked");
  gtk_widget_class_install_property_action (widget_class, "compare.show-annotations",
                                            "show-annotations");
  gtk_widget_class_install_property_action (widget_class, "compare.wipe-vertical",
                                            "wipe-vertical");
  gtk_widget_class_install_action (widget_class, "compare.opacity-up", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "compare.opacity-down", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "compare.wipe-left", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "compare.wipe-right", NULL, step_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketright, 0,
                                       "compare.opacity-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketleft, 0,
                                       "compare.opacity-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_braceright, GDK_SHIFT_MASK,
                                       "compare.wipe-right", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_braceleft, GDK_SHIFT_MASK,
                                       "compare.wipe-left", NULL);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lk_compare_view_init (LkCompareView *self)
{
  GtkGesture *wipe = gtk_gesture_drag_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->dragging_eye = -1;
  self->mode = g_strdup ("side-by-side");
  self->opacity = 0.5;
  self->wipe_position = 0.5;
  self->wipe_vertical = TRUE;
  self->flicker_rate = 2;
  self->locked = TRUE;
  self->show_annotations = TRUE;
  self->selected = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->probe = LK_IMAGE_VIEW (lk_image_view_new ());
  self->candidate = LK_IMAGE_VIEW (lk_image_view_new ());
  self->difference = LK_IMAGE_VIEW (lk_image_view_new ());
  lk_image_view_set_label (self->probe, "Probe image");
  lk_image_view_set_label (self->candidate, "Candidate image");
  lk_image_view_set_label (self->difference, "Difference of the aligned images");
  gtk_widget_set_parent (GTK_WIDGET (self->probe), GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->candidate), GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->difference), GTK_WIDGET (self));
  watch_view (self, self->probe, G_CALLBACK (on_probe_moved));
  watch_view (self, self->candidate, G_CALLBACK (on_candidate_moved));
  update_children (self);

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (wipe), GTK_PHASE_CAPTURE);
  g_signal_connect (wipe, "drag-begin", G_CALLBACK (on_wipe_begin), self);
  g_signal_connect (wipe, "drag-update", G_CALLBACK (on_wipe_update), self);
  g_signal_connect (wipe, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (wipe));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_signal_connect (keys, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
lk_compare_view_new (void)
{
  return g_object_new (LK_TYPE_COMPARE_VIEW, NULL);
}
