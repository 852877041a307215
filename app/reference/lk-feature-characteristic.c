/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-json.h"
#include "reference/lk-feature-characteristic-private.h"

struct _LkFeatureCharacteristic
{
  GObject   parent_instance;

  char     *id;
  char     *name;
  GStrv     descriptors;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTORS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (LkFeatureCharacteristic, lk_feature_characteristic, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static GStrv
read_descriptors (JsonNode *node)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node)
                                                                  : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }
  return g_strv_builder_end (builder);
}

GListModel *
lk_feature_characteristic_list_from_json (JsonArray *characteristics)
{
  GListStore *store = g_list_store_new (LK_TYPE_FEATURE_CHARACTERISTIC);

  for (guint i = 0; characteristics != NULL && i < json_array_get_length (characteristics); i++)
    {
      JsonNode *node = json_array_get_element (characteristics, i);
      g_autoptr(LkFeatureCharacteristic) self = NULL;
      JsonObject *o;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      o = json_node_get_object (node);
      self = g_object_new (LK_TYPE_FEATURE_CHARACTERISTIC, NULL);
      self->id = g_strdup (lk_json_string (o, "id"));
      self->name = g_strdup (lk_json_string (o, "name"));
      self->descriptors = read_descriptors (json_object_get_member (o, "descriptors"));
      g_list_store_append (store, self);
    }
  return G_LIST_MODEL (store);
}

const char *
lk_feature_characteristic_get_id (LkFeatureCharacteristic *self)
{
  g_return_val_if_fail (LK_IS_FEATURE_CHARACTERISTIC (self), NULL);
  return self->id;
}

const char *
lk_feature_characteristic_get_name (LkFeatureCharacteristic *self)
{
  g_return_val_if_fail (LK_IS_FEATURE_CHARACTERISTIC (self), NULL);
  return self->name;
}

const char * const *
lk_feature_characteristic_get_descriptors (LkFeatureCharacteristic *self)
{
  g_return_val_if_fail (LK_IS_FEATURE_CHARACTERISTIC (self), NULL);
  return (const char * const *) self->descriptors;
}

static void
lk_feature_characteristic_finalize (GObject *object)
{
  LkFeatureCharacteristic *self = LK_FEATURE_CHARACTERISTIC (object);

  g_free (self->id);
  g_free (self->name);
  g_strfreev (self->descriptors);
  G_OBJECT_CLASS (lk_feature_characteristic_parent_class)->finalize (object);
}

static void
lk_feature_characteristic_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  LkFeatureCharacteristic *self = LK_FEATURE_CHARACTERISTIC (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTORS:
      g_value_set_boxed (value, self->descriptors);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_feature_characteristic_class_init (LkFeatureCharacteristicClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lk_feature_characteristic_finalize;
  object_class->get_property = lk_feature_characteristic_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTORS] = g_param_spec_boxed ("descriptors", NULL, NULL, G_TYPE_STRV,
                                                     flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_feature_characteristic_init (LkFeatureCharacteristic *self)
{
}
