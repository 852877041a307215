/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workspace's view of the images: framed on the faces, the candidate shown at the probe's
 * face size until it is aligned by the eyes, the zoom controls; and the clock of the time spent
 * on the comparison, which counts only while the examiner is at it. */
#include "config.h"

#include <math.h>

#include "lk-workspace-private.h"

#define FLUSH_SECONDS 30
/* Without any input in the workspace (or an active dialog of its window) for this long, the
 * examiner is taken to be away: time stops counting until the next input. */
#define DEFAULT_IDLE_SECONDS 180

/* ---- the candidate's transform and the framing ------------------------------------------- */

void
_lk_workspace_display_transform (LkWorkspace  *self,
                                 LkSimilarity *transform)
{
  if (self->aligned)
    *transform = self->alignment;
  else if (self->matched)
    *transform = self->match;
  else
    lk_similarity_identity (transform);
}

/* Without an alignment, the candidate is scaled and moved so that its face box lies on the
 * probe's: the faces are compared at one size (nothing is turned; that is the alignment's). */
static void
update_match (LkWorkspace *self)
{
  /* Boxes too small to match leave the candidate as it is, like no face at all. */
  self->matched = self->have_face[0] && self->have_face[1] &&
                  lk_face_frame_match (&self->faces[1], &self->faces[0], &self->match, NULL);
}

/* The probe's chosen face from its record. */
static void
read_probe_face (LkWorkspace *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkProbe) probe = lk_probes_get_probe (self->session, self->probe_id, &error);
  g_autoptr(LkProbeFace) face = NULL;

  if (probe == NULL)
    _lk_workspace_problem (self, error->message);
  if (probe == NULL || lk_probe_get_face_index (probe) < 0)
    return;
  face = g_list_model_get_item (lk_probe_get_faces (probe),
                                (guint) lk_probe_get_face_index (probe));
  if (face == NULL)
    return;
  self->faces[0] = (LkFrame) { lk_probe_face_get_x (face), lk_probe_face_get_y (face),
                               lk_probe_face_get_width (face), lk_probe_face_get_height (face) };
  self->have_face[0] = lk_face_frame_is_valid (&self->faces[0]);
  if (!self->have_eyes[0])
    self->have_eyes[0] = lk_probe_face_get_eyes (face, &self->eyes[0][0], &self->eyes[0][1]);
}

/* Called once the images are loaded, with the candidate's face box (if one was found). */
void
_lk_workspace_set_faces (LkWorkspace   *self,
                         const LkFrame *candidate)
{
  read_probe_face (self);
  self->have_face[1] = candidate != NULL && lk_face_frame_is_valid (candidate);
  if (self->have_face[1])
    self->faces[1] = *candidate;
  update_match (self);
}

static void
fit_view (LkImageView   *view,
          const LkFrame *frame)
{
  graphene_rect_t area = GRAPHENE_RECT_INIT (frame->x, frame->y, frame->width, frame->height);

  lk_image_view_fit_area (view, &area);
}

/* The probe's face, and the candidate's face where the candidate is shown; the whole images
 * when no face was found. With the views linked, the candidate follows the probe. */
void
_lk_workspace_frame_faces (LkWorkspace *self)
{
  LkImageView *views[2] = { _lk_workspace_view_of (self, 0), _lk_workspace_view_of (self, 1) };
  LkSimilarity transform;
  LkFrame frame, shown;

  _lk_workspace_display_transform (self, &transform);
  for (int i = 1; i >= 0; i--)
    {
      /* A face box that frames nothing shows the whole image, like no face (above). */
      if (!self->have_face[i] || !lk_face_frame_around (&self->faces[i], &frame, NULL))
        {
          lk_image_view_set_fit (views[i], TRUE);
          continue;
        }
      if (i == 1)
        lk_face_frame_transform (&frame, &transform, &shown);
      else
        shown = frame;
      fit_view (views[i], &shown);
    }
}

/* ---- zoom --------------------------------------------------------------------------------- */

/* "150 %", or "150 % · 75 %" when the candidate is shown at another scale. */
void
_lk_workspace_update_zoom (LkWorkspace *self)
{
  double probe = lk_image_view_get_pixel_zoom (_lk_workspace_view_of (self, 0)) * 100;
  double candidate = lk_image_view_get_pixel_zoom (_lk_workspace_view_of (self, 1)) * 100;
  gboolean same = G_APPROX_VALUE (probe, candidate, 0.5);
  g_autofree char *text = same ? g_strdup_printf ("%.0f %%", probe)
                               : g_strdup_printf ("%.0f %% · %.0f %%", probe, candidate);
  g_autofree char *spoken = same
    ? g_strdup_printf ("Zoom %.0f %%, zoom options", probe)
    : g_strdup_printf ("Zoom: probe %.0f %%, candidate %.0f %%, zoom options", probe, candidate);

  gtk_label_set_text (self->zoom_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->zoom_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

/* The views a zoom button acts on: the probe (the others follow it), and the candidate too
 * when it is shown on its own. */
static guint
zoom_targets (LkWorkspace  *self,
              LkImageView **views)
{
  LkCompareView *compare = self->compare;
  gboolean apart = g_str_equal (lk_compare_view_get_mode (compare), "side-by-side") &&
                   !lk_compare_view_get_locked (compare);

  views[0] = _lk_workspace_view_of (self, 0);
  views[1] = _lk_workspace_view_of (self, 1);
  return apart ? 2 : 1;
}

static void
zoom_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LkWorkspace *self = LK_WORKSPACE (widget);
  LkImageView *views[2];
  guint n = zoom_targets (self, views);
  const char *view_action = g_str_equal (action_name, "workspace.zoom-in") ? "view.zoom-in"
                                                                           : "view.zoom-out";

  for (guint i = 0; i < n; i++)
    gtk_widget_activate_action (GTK_WIDGET (views[i]), view_action, NULL);
}

/* A zoom in original pixels of each view's own image: 1.0 is 100 %. */
static void
zoom_to (LkWorkspace *self,
         double       pixel_zoom)
{
  LkImageView *views[2];
  guint n = zoom_targets (self, views);

  for (guint i = 0; i < n; i++)
    {
      double scale = lk_image_view_get_pixel_zoom (views[i]) / lk_image_view_get_zoom (views[i]);

      lk_image_view_set_zoom (views[i], pixel_zoom / scale);
    }
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LkWorkspace *self = LK_WORKSPACE (widget);

  if (g_str_equal (action_name, "workspace.zoom-faces"))
    _lk_workspace_frame_faces (self);
  else if (g_str_equal (action_name, "workspace.zoom-fit"))
    for (int i = 0; i < 2; i++)
      lk_image_view_set_fit (_lk_workspace_view_of (self, i), TRUE);
  else if (g_str_equal (action_name, "workspace.zoom-1to1"))
    zoom_to (self, 1.0);
  else
    zoom_to (self, g_variant_get_double (parameter));
}

static void
zoom_idle_done (gpointer data)
{
  LkWorkspace *self = data;

  self->zoom_idle = 0;
  _lk_workspace_update_zoom (self);
}

/* The views change their zoom while they are allocated (fit follows the size): the label,
 * whose size may change, is set afterwards, not in the middle of the layout. */
static void
on_view_zoomed (LkWorkspace *self)
{
  if (self->zoom_idle == 0)
    self->zoom_idle = g_idle_add_once (zoom_idle_done, self);
}

/* What the difference's grey levels mean at the gain chosen. */
static void
update_legend (LkWorkspace *self)
{
  double gain = lk_compare_view_get_difference_gain (self->compare);
  g_autofree char *text =
    g_strdup_printf ("black: the same · white: %.0f+ levels apart", ceil (255 / gain));

  gtk_label_set_text (self->legend_label, text);
}

void
_lk_workspace_watch_zoom (LkWorkspace *self)
{
  for (int i = 0; i < 2; i++)
    {
      g_signal_connect_object (_lk_workspace_view_of (self, i), "notify::zoom",
                               G_CALLBACK (on_view_zoomed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (_lk_workspace_view_of (self, i), "notify::transform",
                               G_CALLBACK (on_view_zoomed), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->compare, "notify::difference-gain",
                           G_CALLBACK (update_legend), self, G_CONNECT_SWAPPED);
  _lk_workspace_update_zoom (self);
  update_legend (self);
}

/* ---- the clock ---------------------------------------------------------------------------- */

void
_lk_workspace_flush_time (LkWorkspace *self)
{
  g_autoptr(GError) error = NULL;

  if (self->unsaved_seconds < 1 || self->examination_id == 0)
    return;
  if (lk_examinations_add_time (self->session, self->examination_id, self->unsaved_seconds,
                                &error))
    {
      self->flushed_seconds += self->unsaved_seconds;
      self->unsaved_seconds = 0;
    }
}

/* A dialog of the workspace's window (the Evaluate dialog, a label) is being used. */
static gboolean
own_dialog_active (LkWorkspace *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL && root != NULL; l = l->next)
    if (gtk_window_is_active (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (root))
      return TRUE;
  return FALSE;
}

/* Time counts while the workspace is shown with both images, the session is not locked and the
 * examiner has used the workspace (or one of its dialogs) within the idle time. It does not
 * depend on the window manager's idea of the active window, which a popover or another display
 * can take away for good. */
static gboolean
counting (LkWorkspace *self)
{
  gint64 now = g_get_monotonic_time ();

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || lk_session_get_locked (self->session) ||
      self->images_missing)
    return FALSE;
  if (own_dialog_active (self))
    self->last_activity = now;
  return now - self->last_activity < (gint64) self->idle_seconds * G_USEC_PER_SEC;
}

static gboolean
tick (gpointer user_data)
{
  LkWorkspace *self = user_data;

  if (counting (self))
    self->unsaved_seconds += 1;
  if (self->unsaved_seconds >= FLUSH_SECONDS)
    _lk_workspace_flush_time (self);
  _lk_workspace_update_status (self);
  return G_SOURCE_CONTINUE;
}

/* Keys, clicks, scrolls and touch count as being at work. Pointer motion and crossing alone do
 * not: GTK makes them up whenever what lies under a still pointer changes (a page, the lock
 * screen, a status line), which would keep an idle workspace's clock running. */
static gboolean
on_input (LkWorkspace *self,
          GdkEvent    *event)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      self->last_activity = g_get_monotonic_time ();
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

/* Coming back to the workspace (from another page, or after unlocking) is taken as being at
 * work: the examiner sees it and the clock again. */
static void
on_mapped (LkWorkspace *self)
{
  self->last_activity = g_get_monotonic_time ();
}

void
_lk_workspace_start_clock (LkWorkspace *self)
{
  GtkEventController *input = gtk_event_controller_legacy_new ();

  self->idle_seconds = DEFAULT_IDLE_SECONDS;
  self->last_activity = g_get_monotonic_time ();
  gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (input, "event", G_CALLBACK (on_input), self);
  gtk_widget_add_controller (GTK_WIDGET (self), input);
  g_signal_connect (self, "map", G_CALLBACK (on_mapped), NULL);
  self->clock = g_timeout_add_seconds (1, tick, self);
}

double
lk_workspace_get_seconds_spent (LkWorkspace *self)
{
  g_return_val_if_fail (LK_IS_WORKSPACE (self), 0);

  return (self->examination ? lk_examination_get_seconds_spent (self->examination) : 0)
         + self->flushed_seconds + self->unsaved_seconds;
}

void
lk_workspace_set_idle_seconds (LkWorkspace *self,
                               guint        seconds)
{
  g_return_if_fail (LK_IS_WORKSPACE (self));
  g_return_if_fail (seconds > 0);

  self->idle_seconds = seconds;
}

/* ---- installing ------------------------------------------------------------------------- */

void
_lk_workspace_class_view_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "workspace.zoom-in", NULL, zoom_step_action);
  gtk_widget_class_install_action (widget_class, "workspace.zoom-out", NULL, zoom_step_action);
  gtk_widget_class_install_action (widget_class, "workspace.zoom-faces", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "workspace.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "workspace.zoom-1to1", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "workspace.zoom-to", "d", zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "workspace.zoom-faces", NULL);
}
