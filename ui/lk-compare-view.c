/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Probe and candidate side by side, overlaid, wiped, flickered or differenced. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lk-compare-view-private.h"

#define GAP 2

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
  PROP_DIFFERENCE_GAIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LkCompareView, lk_compare_view, GTK_TYPE_WIDGET)

static const char * const modes[] = {
  "side-by-side", "overlay", "wipe", "flicker", "difference", NULL,
};

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
  return self->locked || !_lk_compare_view_is_mode (self, "side-by-side");
}

static void
copy_view (LkCompareView *self,
           LkImageView   *from,
           LkImageView   *to)
{
  graphene_rect_t area;

  if (self->syncing || !views_follow (self))
    return;
  self->syncing = TRUE;
  if (lk_image_view_get_fit_area (from, &area))
    lk_image_view_fit_area (to, &area);
  else if (lk_image_view_get_fit (from))
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

void
_lk_compare_view_update_flicker (LkCompareView *self)
{
  g_clear_handle_id (&self->flicker_source, g_source_remove);
  self->flicker_phase = FALSE;
  if (_lk_compare_view_is_mode (self, "flicker") && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->flicker_source = g_timeout_add ((guint) (500.0 / self->flicker_rate), flicker_tick,
                                          self);
}

/* ---- setters ------------------------------------------------------------------------------- */

/* The left pane's scroll bars move the view it shows; the right pane's, only side by side,
 * the candidate. */
static void
update_scroll_bars (LkCompareView *self,
                    gboolean       side,
                    gboolean       difference)
{
  LkImageView *first = difference ? self->difference : self->probe;

  gtk_scrollbar_set_adjustment (GTK_SCROLLBAR (self->hbars[0]),
                                lk_image_view_get_adjustment (first,
                                                              GTK_ORIENTATION_HORIZONTAL));
  gtk_scrollbar_set_adjustment (GTK_SCROLLBAR (self->vbars[0]),
                                lk_image_view_get_adjustment (first, GTK_ORIENTATION_VERTICAL));
  gtk_widget_set_child_visible (self->hbars[1], side);
  gtk_widget_set_child_visible (self->vbars[1], side);
}

static void
update_children (LkCompareView *self)
{
  gboolean side = _lk_compare_view_is_mode (self, "side-by-side");
  gboolean difference = _lk_compare_view_is_mode (self, "difference");

  update_scroll_bars (self, side, difference);

  lk_image_view_set_draws_background (self->candidate, side);
  gtk_widget_set_child_visible (GTK_WIDGET (self->difference), difference);
  gtk_widget_set_child_visible (GTK_WIDGET (self->probe), !difference);
  gtk_widget_set_child_visible (GTK_WIDGET (self->candidate), !difference);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
lk_compare_view_set_mode (LkCompareView *self,
                          const char    *mode)
{
  g_return_if_fail (LK_IS_COMPARE_VIEW (self));
  g_return_if_fail (mode != NULL && g_strv_contains (modes, mode));

  if (_lk_compare_view_is_mode (self, mode))
    return;
  g_free (self->mode);
  self->mode = g_strdup (mode);
  update_children (self);
  _lk_compare_view_update_flicker (self);
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

double
lk_compare_view_get_difference_gain (LkCompareView *self)
{
  g_return_val_if_fail (LK_IS_COMPARE_VIEW (self), 1.0);
  return self->gain;
}

void
lk_compare_view_set_difference_gain (LkCompareView *self,
                                     double         gain)
{
  g_return_if_fail (LK_IS_COMPARE_VIEW (self));

  gain = CLAMP (gain, 1.0, LK_COMPARE_VIEW_MAX_GAIN);
  if (gain == self->gain)
    return;
  self->gain = gain;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIFFERENCE_GAIN]);
}

static void
set_flicker_rate (LkCompareView *self,
                  double         rate)
{
  rate = CLAMP (rate, 1.0, 10.0);
  if (rate == self->flicker_rate)
    return;
  self->flicker_rate = rate;
  _lk_compare_view_update_flicker (self);
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
                                 GListModel    *annotations)
{
  g_return_if_fail (LK_IS_COMPARE_VIEW (self));
  g_return_if_fail (annotations == NULL || G_IS_LIST_MODEL (annotations));

  g_set_object (&self->annotations, annotations);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
_lk_compare_view_is_selected (LkCompareView *self,
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

gboolean
_lk_compare_view_eye_on_widget (LkCompareView *self,
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

int
_lk_compare_view_eye_near (LkCompareView *self,
                           double         x,
                           double         y)
{
  for (int which = 0; self->show_eyes && which < 4; which++)
    {
      double ex, ey;

      if (_lk_compare_view_eye_on_widget (self, which, &ex, &ey) &&
          fabs (ex - x) <= 10 && fabs (ey - y) <= 10)
        return which;
    }
  return -1;
}

/* ---- layout and drawing -------------------------------------------------------------------- */

/* One pane: the image view with a scroll bar below it and one to its right. */
static void
allocate_pane (LkCompareView *self,
               GtkWidget     *view,
               int            pane,
               int            x,
               int            width,
               int            height)
{
  int bar_height = 0, bar_width = 0;

  gtk_widget_measure (self->hbars[pane], GTK_ORIENTATION_VERTICAL, -1, &bar_height, NULL, NULL,
                      NULL);
  gtk_widget_measure (self->vbars[pane], GTK_ORIENTATION_HORIZONTAL, -1, &bar_width, NULL, NULL,
                      NULL);
  bar_height = MIN (bar_height, height / 4);
  bar_width = MIN (bar_width, width / 4);
  if (view != NULL)
    gtk_widget_size_allocate (view, &(GtkAllocation) { x, 0, width - bar_width,
                                                       height - bar_height }, -1);
  gtk_widget_size_allocate (self->hbars[pane],
                            &(GtkAllocation) { x, height - bar_height, width - bar_width,
                                               bar_height }, -1);
  gtk_widget_size_allocate (self->vbars[pane],
                            &(GtkAllocation) { x + width - bar_width, 0, bar_width,
                                               height - bar_height }, -1);
}

static void
lk_compare_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  LkCompareView *self = LK_COMPARE_VIEW (widget);
  int half = (width - GAP) / 2;

  if (_lk_compare_view_is_mode (self, "side-by-side"))
    {
      allocate_pane (self, GTK_WIDGET (self->probe), 0, 0, half, height);
      allocate_pane (self, GTK_WIDGET (self->candidate), 1, half + GAP, width - half - GAP,
                     height);
    }
  else
    {
      allocate_pane (self, GTK_WIDGET (self->probe), 0, 0, width, height);
      allocate_pane (self, GTK_WIDGET (self->candidate), 1, 0, width, height);
    }
  allocate_pane (self, GTK_WIDGET (self->difference), 0, 0, width, height);
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

/* ---- annotations --------------------------------------------------------------------------- */

/* The second image is the candidate in casework and image B of a training item. */
static gboolean
is_second_image (const char *image)
{
  return g_strcmp0 (image, "candidate") == 0 || g_strcmp0 (image, "b") == 0;
}

LkImageView *
_lk_compare_view_view_for (LkCompareView *self,
                           const char    *image)
{
  return is_second_image (image) ? self->candidate : self->probe;
}

gboolean
_lk_compare_view_image_drawn (LkCompareView *self,
                              const char    *image)
{
  if (_lk_compare_view_is_mode (self, "flicker"))
    return self->flicker_phase == is_second_image (image);
  return TRUE;
}

/* The drag in progress shifts the annotation it holds. */
static void
moved_by (LkCompareView *self,
          LkAnnotation  *a,
          double        *dx,
          double        *dy)
{
  gboolean moving = self->moving != 0 && lk_annotation_get_id (a) == self->moving;

  *dx = moving ? self->move_dx : 0;
  *dy = moving ? self->move_dy : 0;
}

/* Point @i of annotation @a in widget coordinates, through @view. */
gboolean
_lk_compare_view_point_at (LkCompareView *self,
                           LkImageView   *view,
                           LkAnnotation  *a,
                           guint          i,
                           double        *x,
                           double        *y)
{
  graphene_point_t out, point;
  LkPoint p;
  double dx, dy;

  if (!lk_annotation_get_point (a, i, &p))
    return FALSE;
  moved_by (self, a, &dx, &dy);
  point = GRAPHENE_POINT_INIT (p.x + dx, p.y + dy);
  /* The difference is drawn in the probe's frame: a candidate's point goes there through the
   * alignment its view holds. */
  if (_lk_compare_view_is_mode (self, "difference"))
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
  _lk_compare_view_update_flicker (LK_COMPARE_VIEW (widget));
}

static void
lk_compare_view_unmap (GtkWidget *widget)
{
  LkCompareView *self = LK_COMPARE_VIEW (widget);

  g_clear_handle_id (&self->flicker_source, g_source_remove);
  /* Made by a renderer that may not be there when the view is shown again. */
  g_clear_object (&self->blend);
  self->last_key = (BlendKey) { NULL, };
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
    case PROP_DIFFERENCE_GAIN: g_value_set_double (value, self->gain); break;
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
    case PROP_DIFFERENCE_GAIN:
      lk_compare_view_set_difference_gain (self, g_value_get_double (value));
      break;
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
  for (int i = 0; i < 2; i++)
    {
      g_clear_pointer (&self->hbars[i], gtk_widget_unparent);
      g_clear_pointer (&self->vbars[i], gtk_widget_unparent);
    }
  g_clear_object (&self->annotations);
  g_clear_object (&self->blend);
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
  widget_class->snapshot = _lk_compare_view_snapshot;
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
  properties[PROP_DIFFERENCE_GAIN] = number ("difference-gain", 1, LK_COMPARE_VIEW_MAX_GAIN, 1);
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
add_scroll_bars (LkCompareView *self)
{
  static const char * const names[2][2] = {
    { "Scroll the probe sideways", "Scroll the probe up and down" },
    { "Scroll the candidate sideways", "Scroll the candidate up and down" },
  };

  for (int i = 0; i < 2; i++)
    {
      LkImageView *view = i == 0 ? self->probe : self->candidate;

      self->hbars[i] = gtk_scrollbar_new (GTK_ORIENTATION_HORIZONTAL,
                                          lk_image_view_get_adjustment (
                                            view, GTK_ORIENTATION_HORIZONTAL));
      self->vbars[i] = gtk_scrollbar_new (GTK_ORIENTATION_VERTICAL,
                                          lk_image_view_get_adjustment (
                                            view, GTK_ORIENTATION_VERTICAL));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->hbars[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, names[i][0], -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->vbars[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, names[i][1], -1);
      gtk_widget_set_parent (self->hbars[i], GTK_WIDGET (self));
      gtk_widget_set_parent (self->vbars[i], GTK_WIDGET (self));
    }
}

static void
lk_compare_view_init (LkCompareView *self)
{
  self->dragging_eye = -1;
  self->mode = g_strdup ("side-by-side");
  self->opacity = 0.5;
  self->wipe_position = 0.5;
  self->wipe_vertical = TRUE;
  self->flicker_rate = 2;
  self->gain = 1;
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
  add_scroll_bars (self);
  update_children (self);
  _lk_compare_view_add_controllers (self);
}

GtkWidget *
lk_compare_view_new (void)
{
  return g_object_new (LK_TYPE_COMPARE_VIEW, NULL);
}
