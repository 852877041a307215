/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-json.h"
#include "reference/lk-feature-characteristic-private.h"
#include "reference/lk-feature-component-private.h"

struct _LkFeatureComponent
{
  GObject     parent_instance;

  char       *id;
  int         number;
  char       *name;
  GListModel *characteristics;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NUMBER,
  PROP_NAME,
  PROP_CHARACTERISTICS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (LkFeatureComponent, lk_feature_component, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static LkFeatureComponent *
lk_feature_component_new_from_json (JsonObject *o)
{
  LkFeatureComponent *self = g_object_new (LK_TYPE_FEATURE_COMPONENT, NULL);
  JsonNode *characteristics = json_object_get_member (o, "characteristics");

  self->id = g_strdup (lk_json_string (o, "id"));
  self->number = (int) json_object_get_int_member_with_default (o, "number", 0);
  self->name = g_strdup (lk_json_string (o, "name"));
  self->characteristics = lk_feature_characteristic_list_from_json (
    characteristics != NULL && JSON_NODE_HOLDS_ARRAY (characteristics)
    ? json_node_get_array (characteristics) : NULL);
  return self;
}

GListModel *
lk_feature_component_list_from_json (JsonObject *list)
{
  GListStore *store = g_list_store_new (LK_TYPE_FEATURE_COMPONENT);
  JsonNode *node = list != NULL ? json_object_get_member (list, "components") : NULL;
  JsonArray *components = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node)
                                                                       : NULL;

  for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
    {
      JsonNode *element = json_array_get_element (components, i);
      g_autoptr(LkFeatureComponent) component = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      component = lk_feature_component_new_from_json (json_node_get_object (element));
      g_list_store_append (store, component);
    }
  return G_LIST_MODEL (store);
}

const char *
lk_feature_component_get_id (LkFeatureComponent *self)
{
  g_return_val_if_fail (LK_IS_FEATURE_COMPONENT (self), NULL);
  return self->id;
}

int
lk_feature_component_get_number (LkFeatureComponent *self)
{
  g_return_val_if_fail (LK_IS_FEATURE_COMPONENT (self), 0);
  return self->number;
}

const char *
lk_feature_component_get_name (LkFeatureComponent *self)
{
  g_return_val_if_fail (LK_IS_FEATURE_COMPONENT (self), NULL);
  return self->name;
}

GListModel *
lk_feature_component_get_characteristics (LkFeatureComponent *self)
{
  g_return_val_if_fail (LK_IS_FEATURE_COMPONENT (self), NULL);
  return self->characteristics;
}

static void
lk_feature_component_dispose (GObject *object)
{
  LkFeatureComponent *self = LK_FEATURE_COMPONENT (object);

  g_clear_object (&self->characteristics);
  G_OBJECT_CLASS (lk_feature_component_parent_class)->dispose (object);
}

static void
lk_feature_component_finalize (GObject *object)
{
  LkFeatureComponent *self = LK_FEATURE_COMPONENT (object);

  g_free (self->id);
  g_free (self->name);
  G_OBJECT_CLASS (lk_feature_component_parent_class)->finalize (object);
}

static void
lk_feature_component_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LkFeatureComponent *self = LK_FEATURE_COMPONENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NUMBER:
      g_value_set_int (value, self->number);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_CHARACTERISTICS:
      g_value_set_object (value, self->characteristics);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_feature_component_class_init (LkFeatureComponentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lk_feature_component_dispose;
  object_class->finalize = lk_feature_component_finalize;
  object_class->get_property = lk_feature_component_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NUMBER] = g_param_spec_int ("number", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_CHARACTERISTICS] = g_param_spec_object ("characteristics", NULL, NULL,
                                                          G_TYPE_LIST_MODEL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_feature_component_init (LkFeatureComponent *self)
{
}
