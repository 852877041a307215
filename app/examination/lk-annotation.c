/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "examination/lk-annotation-private.h"
#include "lk-json.h"

struct _LkAnnotation
{
  GObject  parent_instance;

  gint64   id;
  char    *image;
  char    *kind;
  int      pair;
  char    *label;
  char    *characteristic;
  char    *created_at;
  char    *updated_at;
  GArray  *points;  /* LkPoint */
};

enum {
  PROP_0,
  PROP_ID,
  PROP_IMAGE,
  PROP_KIND,
  PROP_PAIR,
  PROP_LABEL,
  PROP_CHARACTERISTIC,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_N_POINTS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (LkAnnotation, lk_annotation, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The points as stored: [[x, y], ...]; anything else is skipped. */
static void
read_points (LkAnnotation *self,
             JsonNode     *node)
{
  JsonArray *geometry = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node)
                                                                     : NULL;

  for (guint i = 0; geometry != NULL && i < json_array_get_length (geometry); i++)
    {
      JsonNode *p = json_array_get_element (geometry, i);
      JsonArray *xy = JSON_NODE_HOLDS_ARRAY (p) ? json_node_get_array (p) : NULL;
      LkPoint point;

      if (xy == NULL || json_array_get_length (xy) < 2)
        continue;
      point = (LkPoint) { json_array_get_double_element (xy, 0),
                          json_array_get_double_element (xy, 1) };
      g_array_append_val (self->points, point);
    }
}

static LkAnnotation *
lk_annotation_new_from_json (JsonObject *o)
{
  LkAnnotation *self = g_object_new (LK_TYPE_ANNOTATION, NULL);

  self->id = json_object_get_int_member_with_default (o, "id", 0);
  self->image = g_strdup (lk_json_string (o, "image"));
  self->kind = g_strdup (lk_json_string (o, "kind"));
  self->pair = (int) json_object_get_int_member_with_default (o, "pair", 0);
  self->label = g_strdup (lk_json_string (o, "label"));
  self->characteristic = g_strdup (lk_json_string (o, "characteristic"));
  self->created_at = g_strdup (lk_json_string (o, "created_at"));
  self->updated_at = g_strdup (lk_json_string (o, "updated_at"));
  read_points (self, json_object_get_member (o, "geometry"));
  return self;
}

GListModel *
lk_annotation_list_from_json (JsonArray *annotations)
{
  GListStore *store = g_list_store_new (LK_TYPE_ANNOTATION);

  for (guint i = 0; annotations != NULL && i < json_array_get_length (annotations); i++)
    {
      JsonNode *node = json_array_get_element (annotations, i);
      g_autoptr(LkAnnotation) annotation = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      annotation = lk_annotation_new_from_json (json_node_get_object (node));
      g_list_store_append (store, annotation);
    }
  return G_LIST_MODEL (store);
}

LkAnnotation *
lk_annotation_list_find (GListModel *annotations,
                         gint64      id)
{
  g_return_val_if_fail (annotations == NULL || G_IS_LIST_MODEL (annotations), NULL);

  for (guint i = 0; annotations != NULL && i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(LkAnnotation) a = g_list_model_get_item (annotations, i);

      if (a->id == id)
        return a;  /* the list keeps its reference */
    }
  return NULL;
}

gint64
lk_annotation_get_id (LkAnnotation *self)
{
  g_return_val_if_fail (LK_IS_ANNOTATION (self), 0);
  return self->id;
}

const char *
lk_annotation_get_image (LkAnnotation *self)
{
  g_return_val_if_fail (LK_IS_ANNOTATION (self), NULL);
  return self->image;
}

const char *
lk_annotation_get_kind (LkAnnotation *self)
{
  g_return_val_if_fail (LK_IS_ANNOTATION (self), NULL);
  return self->kind;
}

int
lk_annotation_get_pair (LkAnnotation *self)
{
  g_return_val_if_fail (LK_IS_ANNOTATION (self), 0);
  return self->pair;
}

const char *
lk_annotation_get_label (LkAnnotation *self)
{
  g_return_val_if_fail (LK_IS_ANNOTATION (self), NULL);
  return self->label;
}

const char *
lk_annotation_get_characteristic (LkAnnotation *self)
{
  g_return_val_if_fail (LK_IS_ANNOTATION (self), NULL);
  return self->characteristic;
}

const char *
lk_annotation_get_created_at (LkAnnotation *self)
{
  g_return_val_if_fail (LK_IS_ANNOTATION (self), NULL);
  return self->created_at;
}

const char *
lk_annotation_get_updated_at (LkAnnotation *self)
{
  g_return_val_if_fail (LK_IS_ANNOTATION (self), NULL);
  return self->updated_at;
}

guint
lk_annotation_get_n_points (LkAnnotation *self)
{
  g_return_val_if_fail (LK_IS_ANNOTATION (self), 0);
  return self->points->len;
}

gboolean
lk_annotation_get_point (LkAnnotation *self,
                         guint         i,
                         LkPoint      *point)
{
  g_return_val_if_fail (LK_IS_ANNOTATION (self), FALSE);
  g_return_val_if_fail (point != NULL, FALSE);

  if (i >= self->points->len)
    return FALSE;
  *point = g_array_index (self->points, LkPoint, i);
  return TRUE;
}

gboolean
lk_annotation_is_partner (LkAnnotation *self,
                          LkAnnotation *other)
{
  g_return_val_if_fail (LK_IS_ANNOTATION (self), FALSE);
  g_return_val_if_fail (LK_IS_ANNOTATION (other), FALSE);

  if (self->id == other->id)
    return TRUE;
  return g_strcmp0 (self->kind, "marker") == 0 && g_strcmp0 (other->kind, "marker") == 0 &&
         self->pair == other->pair;
}

static void
lk_annotation_finalize (GObject *object)
{
  LkAnnotation *self = LK_ANNOTATION (object);

  g_free (self->image);
  g_free (self->kind);
  g_free (self->label);
  g_free (self->characteristic);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_array_unref (self->points);
  G_OBJECT_CLASS (lk_annotation_parent_class)->finalize (object);
}

static void
lk_annotation_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LkAnnotation *self = LK_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_IMAGE:
      g_value_set_string (value, self->image);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_PAIR:
      g_value_set_int (value, self->pair);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_CHARACTERISTIC:
      g_value_set_string (value, self->characteristic);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, self->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_string (value, self->updated_at);
      break;
    case PROP_N_POINTS:
      g_value_set_uint (value, self->points->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_annotation_class_init (LkAnnotationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lk_annotation_finalize;
  object_class->get_property = lk_annotation_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_IMAGE] = g_param_spec_string ("image", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_PAIR] = g_param_spec_int ("pair", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_CHARACTERISTIC] = g_param_spec_string ("characteristic", NULL, NULL, NULL,
                                                         flags);
  properties[PROP_CREATED_AT] = g_param_spec_string ("created-at", NULL, NULL, NULL, flags);
  properties[PROP_UPDATED_AT] = g_param_spec_string ("updated-at", NULL, NULL, NULL, flags);
  properties[PROP_N_POINTS] = g_param_spec_uint ("n-points", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_annotation_init (LkAnnotation *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (LkPoint));
}
