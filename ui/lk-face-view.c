/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Draws the probe with its detected faces: the chosen face in the accent colour and numbered,
 * the others thinner, eye centres as small crosses. Clicks and Left/Right choose a face. */
#include "config.h"

#include "lk-face-view.h"

#define MIN_SIDE 200
#define MAX_UPSCALE 4.0
#define FALLBACK_ACCENT "#3584e4"

typedef struct
{
  graphene_rect_t rect;     /* original image coordinates */
  gboolean        has_eyes;
  graphene_point_t eyes[2];
} Face;

struct _LkFaceView
{
  GtkWidget   parent_instance;

  GdkTexture *texture;
  GArray     *faces;
  int         original_width;
  int         original_height;
  int         selected_face;
  gboolean    editable;
};

enum {
  PROP_0,
  PROP_TEXTURE,
  PROP_SELECTED_FACE,
  PROP_EDITABLE,
  N_PROPS
};

enum {
  FACE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkFaceView, lk_face_view, GTK_TYPE_WIDGET)

GtkWidget *
lk_face_view_new (void)
{
  return g_object_new (LK_TYPE_FACE_VIEW, NULL);
}

/* ---- geometry ----------------------------------------------------------------------------- */

/* Where the texture lands in the widget, and how many widget pixels one original pixel takes. */
static gboolean
image_placement (LkFaceView      *self,
                 graphene_rect_t *area,
                 double          *original_scale)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double tw, th, scale;

  if (self->texture == NULL || width <= 0 || height <= 0)
    return FALSE;
  tw = gdk_texture_get_width (self->texture);
  th = gdk_texture_get_height (self->texture);
  scale = MIN (MIN (width / tw, height / th), MAX_UPSCALE);
  graphene_rect_init (area, (width - tw * scale) / 2, (height - th * scale) / 2, tw * scale,
                      th * scale);
  /* Faces are in original coordinates; the texture may be a shrunk copy of the original. */
  *original_scale = area->size.width / (self->original_width > 0 ? self->original_width : tw);
  return TRUE;
}

static void
face_to_widget (const Face            *face,
                const graphene_rect_t *area,
                double                 scale,
                graphene_rect_t       *out)
{
  graphene_rect_init (out, area->origin.x + face->rect.origin.x * scale,
                      area->origin.y + face->rect.origin.y * scale,
                      face->rect.size.width * scale, face->rect.size.height * scale);
}

/* The smallest face under the point, so that a face inside another stays reachable. */
static int
face_at (LkFaceView *self,
         double      x,
         double      y)
{
  graphene_rect_t area, r;
  graphene_point_t p = GRAPHENE_POINT_INIT (x, y);
  double scale, best_area = G_MAXDOUBLE;
  int best = -1;

  if (self->faces == NULL || !image_placement (self, &area, &scale))
    return -1;
  for (guint i = 0; i < self->faces->len; i++)
    {
      face_to_widget (&g_array_index (self->faces, Face, i), &area, scale, &r);
      if (graphene_rect_contains_point (&r, &p) && r.size.width * r.size.height < best_area)
        {
          best = i;
          best_area = r.size.width * r.size.height;
        }
    }
  return best;
}

/* ---- drawing ------------------------------------------------------------------------------ */

static GdkRGBA
accent_color (LkFaceView *self)
{
  GdkRGBA color;

  /* libadwaita's named colour follows the light or dark style. */
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                       "accent_color", &color))
    gdk_rgba_parse (&color, FALLBACK_ACCENT);
  return color;
}

static void
append_frame (GtkSnapshot           *snapshot,
              const graphene_rect_t *rect,
              float                  width,
              const GdkRGBA         *color)
{
  GskRoundedRect outline;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline, rect, 0);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

/* A line in the face colour with a dark halo, so that it shows on light and dark images. */
static void
append_box (GtkSnapshot           *snapshot,
            const graphene_rect_t *rect,
            float                  width,
            const GdkRGBA         *color)
{
  const GdkRGBA halo = { 0, 0, 0, 0.55f };
  graphene_rect_t outer;

  graphene_rect_inset_r (rect, -1, -1, &outer);
  append_frame (snapshot, &outer, width + 2, &halo);
  append_frame (snapshot, rect, width, color);
}

static void
append_cross (GtkSnapshot            *snapshot,
              const graphene_point_t *centre,
              float                   arm,
              const GdkRGBA          *color)
{
  const GdkRGBA halo = { 0, 0, 0, 0.55f };
  const float t = 1.5f;

  gtk_snapshot_append_color (snapshot, &halo,
                             &GRAPHENE_RECT_INIT (centre->x - arm - 1, centre->y - t / 2 - 1,
                                                  2 * arm + 2, t + 2));
  gtk_snapshot_append_color (snapshot, &halo,
                             &GRAPHENE_RECT_INIT (centre->x - t / 2 - 1, centre->y - arm - 1,
                                                  t + 2, 2 * arm + 2));
  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT (centre->x - arm, centre->y - t / 2, 2 * arm, t));
  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT (centre->x - t / 2, centre->y - arm, t, 2 * arm));
}

/* The face's number in a small badge above its top-left corner (inside when there is no room). */
static void
append_badge (LkFaceView            *self,
              GtkSnapshot           *snapshot,
              const graphene_rect_t *face,
              int                    number,
              const GdkRGBA         *background)
{
  g_autofree char *text = g_strdup_printf ("%d", number);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  const GdkRGBA white = { 1, 1, 1, 1 };
  GskRoundedRect badge;
  int tw, th;
  float w, h, x, y;

  pango_layout_get_pixel_size (layout, &tw, &th);
  w = MAX (tw + 10, th + 4);
  h = th + 4;
  x = face->origin.x - 1;
  y = face->origin.y - h - 1 >= 0 ? face->origin.y - h - 1 : face->origin.y + 1;
  gsk_rounded_rect_init_from_rect (&badge, &GRAPHENE_RECT_INIT (x, y, w, h), h / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &badge);
  gtk_snapshot_append_color (snapshot, background, &badge.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + (w - tw) / 2, y + 2));
  gtk_snapshot_append_layout (snapshot, layout, &white);
  gtk_snapshot_restore (snapshot);
}

static void
append_face (LkFaceView            *self,
             GtkSnapshot           *snapshot,
             guint                  index,
             const graphene_rect_t *area,
             double                 scale,
             const GdkRGBA         *accent)
{
  const Face *face = &g_array_index (self->faces, Face, index);
  const GdkRGBA other = { 1, 1, 1, 0.9f };
  const GdkRGBA badge_other = { 0, 0, 0, 0.7f };
  gboolean chosen = (int) index == self->selected_face;
  const GdkRGBA *color = chosen ? accent : &other;
  graphene_rect_t r;

  face_to_widget (face, area, scale, &r);
  append_box (snapshot, &r, chosen ? 3 : 1.5f, color);
  for (guint e = 0; face->has_eyes && e < 2; e++)
    {
      graphene_point_t p = GRAPHENE_POINT_INIT (area->origin.x + face->eyes[e].x * scale,
                                                area->origin.y + face->eyes[e].y * scale);

      append_cross (snapshot, &p, CLAMP (r.size.width * 0.05f, 4, 10), color);
    }
  append_badge (self, snapshot, &r, index + 1, chosen ? accent : &badge_other);
}

static void
lk_face_view_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  LkFaceView *self = LK_FACE_VIEW (widget);
  GdkRGBA accent = accent_color (self);
  graphene_rect_t area;
  double scale;

  if (!image_placement (self, &area, &scale))
    return;
  gtk_snapshot_append_texture (snapshot, self->texture, &area);
  gtk_snapshot_push_clip (snapshot, &area);
  /* The chosen face last, so that it is never hidden under another. */
  for (guint i = 0; self->faces != NULL && i < self->faces->len; i++)
    if ((int) i != self->selected_face)
      append_face (self, snapshot, i, &area, scale, &accent);
  if (self->faces != NULL && self->selected_face >= 0 &&
      (guint) self->selected_face < self->faces->len)
    append_face (self, snapshot, self->selected_face, &area, scale, &accent);
  gtk_snapshot_pop (snapshot);
}

static void
lk_face_view_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  LkFaceView *self = LK_FACE_VIEW (widget);
  int size = 0;

  if (self->texture != NULL)
    size = orientation == GTK_ORIENTATION_HORIZONTAL ? gdk_texture_get_width (self->texture)
                                                     : gdk_texture_get_height (self->texture);
  *minimum = MIN_SIDE;
  *natural = MAX (MIN_SIDE, size);
}

/* ---- accessibility ------------------------------------------------------------------------ */

static void
update_accessible (LkFaceView *self)
{
  guint n = self->faces != NULL ? self->faces->len : 0;
  g_autoptr(GString) label = g_string_new ("Probe image");

  if (self->texture == NULL)
    g_string_append (label, ", not loaded");
  if (n == 0)
    g_string_append (label, ", no face detected");
  else
    g_string_append_printf (label, ", %u %s detected", n, n == 1 ? "face" : "faces");
  if (n > 0 && self->selected_face >= 0)
    g_string_append_printf (label, ", face %d chosen", self->selected_face + 1);
  else if (n > 0)
    g_string_append (label, ", no face chosen");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label->str, -1);
  if (self->editable && n > 1)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    "Click a face, or press Left and Right, to choose the face "
                                    "of interest", -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* ---- input -------------------------------------------------------------------------------- */

static void
activate_face (LkFaceView *self,
               int         index)
{
  lk_face_view_set_selected_face (self, index);
  g_signal_emit (self, signals[FACE_ACTIVATED], 0, index);
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            LkFaceView      *self)
{
  int index;

  if (!self->editable)
    return;
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  index = face_at (self, x, y);
  if (index < 0)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  activate_face (self, index);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           LkFaceView               *self)
{
  gboolean over = self->editable && face_at (self, x, y) >= 0;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), over ? "pointer" : NULL);
}

static gboolean
step_selection (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  LkFaceView *self = LK_FACE_VIEW (widget);
  int n = self->faces != NULL ? (int) self->faces->len : 0;
  int step = g_variant_get_int32 (args);

  if (!self->editable || n == 0)
    return FALSE;
  if (self->selected_face < 0)
    activate_face (self, step > 0 ? 0 : n - 1);
  else
    activate_face (self, (self->selected_face + step + n) % n);
  return TRUE;
}

/* ---- properties --------------------------------------------------------------------------- */

GdkTexture *
lk_face_view_get_texture (LkFaceView *self)
{
  g_return_val_if_fail (LK_IS_FACE_VIEW (self), NULL);
  return self->texture;
}

void
lk_face_view_set_texture (LkFaceView *self,
                          GdkTexture *texture)
{
  g_return_if_fail (LK_IS_FACE_VIEW (self));
  g_return_if_fail (texture == NULL || GDK_IS_TEXTURE (texture));

  if (!g_set_object (&self->texture, texture))
    return;
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE]);
}

static Face
face_from_record (LkProbeFace *record)
{
  Face face = { 0 };
  LkPoint eyes[2];

  graphene_rect_init (&face.rect, lk_probe_face_get_x (record), lk_probe_face_get_y (record),
                      lk_probe_face_get_width (record), lk_probe_face_get_height (record));
  face.has_eyes = lk_probe_face_get_eyes (record, &eyes[0], &eyes[1]);
  for (guint e = 0; face.has_eyes && e < 2; e++)
    graphene_point_init (&face.eyes[e], eyes[e].x, eyes[e].y);
  return face;
}

void
lk_face_view_set_faces (LkFaceView *self,
                        GListModel *faces,
                        int         original_width,
                        int         original_height)
{
  g_return_if_fail (LK_IS_FACE_VIEW (self));
  g_return_if_fail (faces == NULL || G_IS_LIST_MODEL (faces));

  g_clear_pointer (&self->faces, g_array_unref);
  self->faces = g_array_new (FALSE, TRUE, sizeof (Face));
  for (guint i = 0; faces != NULL && i < g_list_model_get_n_items (faces); i++)
    {
      g_autoptr(LkProbeFace) record = g_list_model_get_item (faces, i);
      Face face = face_from_record (record);

      g_array_append_val (self->faces, face);
    }
  self->original_width = original_width;
  self->original_height = original_height;
  if (self->selected_face >= (int) self->faces->len)
    lk_face_view_set_selected_face (self, -1);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
lk_face_view_get_n_faces (LkFaceView *self)
{
  g_return_val_if_fail (LK_IS_FACE_VIEW (self), 0);
  return self->faces != NULL ? self->faces->len : 0;
}

int
lk_face_view_get_selected_face (LkFaceView *self)
{
  g_return_val_if_fail (LK_IS_FACE_VIEW (self), -1);
  return self->selected_face;
}

void
lk_face_view_set_selected_face (LkFaceView *self,
                                int         index)
{
  g_return_if_fail (LK_IS_FACE_VIEW (self));

  index = MAX (index, -1);
  if (index == self->selected_face)
    return;
  self->selected_face = index;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_FACE]);
}

gboolean
lk_face_view_get_editable (LkFaceView *self)
{
  g_return_val_if_fail (LK_IS_FACE_VIEW (self), FALSE);
  return self->editable;
}

void
lk_face_view_set_editable (LkFaceView *self,
                           gboolean    editable)
{
  g_return_if_fail (LK_IS_FACE_VIEW (self));

  editable = !!editable;
  if (editable == self->editable)
    return;
  self->editable = editable;
  gtk_widget_set_focusable (GTK_WIDGET (self), editable);
  if (!editable)
    gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

/* ---- object ------------------------------------------------------------------------------- */

static void
lk_face_view_dispose (GObject *object)
{
  LkFaceView *self = LK_FACE_VIEW (object);

  g_clear_object (&self->texture);
  G_OBJECT_CLASS (lk_face_view_parent_class)->dispose (object);
}

static void
lk_face_view_finalize (GObject *object)
{
  g_clear_pointer (&LK_FACE_VIEW (object)->faces, g_array_unref);
  G_OBJECT_CLASS (lk_face_view_parent_class)->finalize (object);
}

static void
lk_face_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LkFaceView *self = LK_FACE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TEXTURE:
      g_value_set_object (value, self->texture);
      break;
    case PROP_SELECTED_FACE:
      g_value_set_int (value, self->selected_face);
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_face_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LkFaceView *self = LK_FACE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TEXTURE:
      lk_face_view_set_texture (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_FACE:
      lk_face_view_set_selected_face (self, g_value_get_int (value));
      break;
    case PROP_EDITABLE:
      lk_face_view_set_editable (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_face_view_class_init (LkFaceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_face_view_dispose;
  object_class->finalize = lk_face_view_finalize;
  object_class->get_property = lk_face_view_get_property;
  object_class->set_property = lk_face_view_set_property;
  widget_class->snapshot = lk_face_view_snapshot;
  widget_class->measure = lk_face_view_measure;

  properties[PROP_TEXTURE] =
    g_param_spec_object ("texture", NULL, NULL, GDK_TYPE_TEXTURE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_FACE] =
    g_param_spec_int ("selected-face", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FACE_ACTIVATED] = g_signal_new ("face-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, 0, step_selection, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Left, 0, step_selection, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, 0, step_selection, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Right, 0, step_selection, "i", 1);
  gtk_widget_class_set_css_name (widget_class, "faceview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lk_face_view_init (LkFaceView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->selected_face = -1;
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  update_accessible (self);
}
