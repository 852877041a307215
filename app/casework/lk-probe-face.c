/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "casework/lk-probe-face-private.h"
#include "casework/lk-quality-measure-private.h"

struct _LkProbeFace
{
  GObject     parent_instance;

  guint       index;
  int         x;
  int         y;
  int         width;
  int         height;
  double      score;
  gboolean    has_eyes;
  LkPoint     eyes[2];
  GListModel *quality;
};

enum {
  PROP_0,
  PROP_INDEX,
  PROP_X,
  PROP_Y,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_SCORE,
  PROP_HAS_EYES,
  PROP_QUALITY,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (LkProbeFace, lk_probe_face, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* A point as intake stores it: [x, y]. */
static gboolean
read_point (JsonArray *eyes,
            guint      i,
            LkPoint   *point)
{
  JsonNode *node = json_array_get_element (eyes, i);
  JsonArray *xy = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  if (xy == NULL || json_array_get_length (xy) != 2)
    return FALSE;
  point->x = json_array_get_double_element (xy, 0);
  point->y = json_array_get_double_element (xy, 1);
  return TRUE;
}

static void
read_eyes (LkProbeFace *self,
           JsonObject  *face)
{
  JsonNode *node = json_object_get_member (face, "eyes");
  JsonArray *eyes = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node)
                                                                 : NULL;

  self->has_eyes = eyes != NULL && json_array_get_length (eyes) == 2 &&
                   read_point (eyes, 0, &self->eyes[0]) && read_point (eyes, 1, &self->eyes[1]);
}

static LkProbeFace *
lk_probe_face_new_from_json (guint       index,
                             JsonObject *face)
{
  LkProbeFace *self = g_object_new (LK_TYPE_PROBE_FACE, NULL);

  self->index = index;
  self->x = json_object_get_int_member_with_default (face, "x", 0);
  self->y = json_object_get_int_member_with_default (face, "y", 0);
  self->width = json_object_get_int_member_with_default (face, "width", 0);
  self->height = json_object_get_int_member_with_default (face, "height", 0);
  self->score = json_object_get_double_member_with_default (face, "score", 0);
  read_eyes (self, face);
  self->quality = lk_quality_measure_list_from_json (json_object_get_member (face, "quality"));
  return self;
}

GListModel *
lk_probe_face_list_from_json (JsonNode *node)
{
  GListStore *store = g_list_store_new (LK_TYPE_PROBE_FACE);
  JsonArray *faces = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node)
                                                                  : NULL;

  for (guint i = 0; faces != NULL && i < json_array_get_length (faces); i++)
    {
      JsonNode *face = json_array_get_element (faces, i);
      g_autoptr(LkProbeFace) record = NULL;

      /* Keeps the index of each face as stored, so a stray entry shifts nothing. */
      if (!JSON_NODE_HOLDS_OBJECT (face))
        continue;
      record = lk_probe_face_new_from_json (i, json_node_get_object (face));
      g_list_store_append (store, record);
    }
  return G_LIST_MODEL (store);
}

static void
lk_probe_face_dispose (GObject *object)
{
  LkProbeFace *self = LK_PROBE_FACE (object);

  g_clear_object (&self->quality);
  G_OBJECT_CLASS (lk_probe_face_parent_class)->dispose (object);
}

static void
lk_probe_face_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LkProbeFace *self = LK_PROBE_FACE (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_X:
      g_value_set_int (value, self->x);
      break;
    case PROP_Y:
      g_value_set_int (value, self->y);
      break;
    case PROP_WIDTH:
      g_value_set_int (value, self->width);
      break;
    case PROP_HEIGHT:
      g_value_set_int (value, self->height);
      break;
    case PROP_SCORE:
      g_value_set_double (value, self->score);
      break;
    case PROP_HAS_EYES:
      g_value_set_boolean (value, self->has_eyes);
      break;
    case PROP_QUALITY:
      g_value_set_object (value, self->quality);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define READ_ONLY (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

static void
lk_probe_face_class_init (LkProbeFaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lk_probe_face_dispose;
  object_class->get_property = lk_probe_face_get_property;

  properties[PROP_INDEX] = g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0, READ_ONLY);
  properties[PROP_X] = g_param_spec_int ("x", NULL, NULL, G_MININT, G_MAXINT, 0, READ_ONLY);
  properties[PROP_Y] = g_param_spec_int ("y", NULL, NULL, G_MININT, G_MAXINT, 0, READ_ONLY);
  properties[PROP_WIDTH] = g_param_spec_int ("width", NULL, NULL, 0, G_MAXINT, 0, READ_ONLY);
  properties[PROP_HEIGHT] = g_param_spec_int ("height", NULL, NULL, 0, G_MAXINT, 0, READ_ONLY);
  properties[PROP_SCORE] =
    g_param_spec_double ("score", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, READ_ONLY);
  properties[PROP_HAS_EYES] = g_param_spec_boolean ("has-eyes", NULL, NULL, FALSE, READ_ONLY);
  properties[PROP_QUALITY] =
    g_param_spec_object ("quality", NULL, NULL, G_TYPE_LIST_MODEL, READ_ONLY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_probe_face_init (LkProbeFace *self)
{
}

guint
lk_probe_face_get_index (LkProbeFace *self)
{
  g_return_val_if_fail (LK_IS_PROBE_FACE (self), 0);
  return self->index;
}

int
lk_probe_face_get_x (LkProbeFace *self)
{
  g_return_val_if_fail (LK_IS_PROBE_FACE (self), 0);
  return self->x;
}

int
lk_probe_face_get_y (LkProbeFace *self)
{
  g_return_val_if_fail (LK_IS_PROBE_FACE (self), 0);
  return self->y;
}

int
lk_probe_face_get_width (LkProbeFace *self)
{
  g_return_val_if_fail (LK_IS_PROBE_FACE (self), 0);
  return self->width;
}

int
lk_probe_face_get_height (LkProbeFace *self)
{
  g_return_val_if_fail (LK_IS_PROBE_FACE (self), 0);
  return self->height;
}

double
lk_probe_face_get_score (LkProbeFace *self)
{
  g_return_val_if_fail (LK_IS_PROBE_FACE (self), 0);
  return self->score;
}

gboolean
lk_probe_face_get_has_eyes (LkProbeFace *self)
{
  g_return_val_if_fail (LK_IS_PROBE_FACE (self), FALSE);
  return self->has_eyes;
}

gboolean
lk_probe_face_get_eyes (LkProbeFace *self,
                        LkPoint     *a,
                        LkPoint     *b)
{
  g_return_val_if_fail (LK_IS_PROBE_FACE (self), FALSE);

  if (!self->has_eyes)
    return FALSE;
  if (a != NULL)
    *a = self->eyes[0];
  if (b != NULL)
    *b = self->eyes[1];
  return TRUE;
}

GListModel *
lk_probe_face_get_quality (LkProbeFace *self)
{
  g_return_val_if_fail (LK_IS_PROBE_FACE (self), NULL);
  return self->quality;
}
