/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-json.h"

#include "casework/lk-quality-measure-private.h"

struct _LkQualityMeasure
{
  GObject   parent_instance;

  char     *metric;
  char     *label;
  gboolean  has_value;
  double    value;
  char     *unit;
  char     *light;
  char     *explanation;
};

enum {
  PROP_0,
  PROP_METRIC,
  PROP_LABEL,
  PROP_HAS_VALUE,
  PROP_VALUE,
  PROP_UNIT,
  PROP_LIGHT,
  PROP_EXPLANATION,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (LkQualityMeasure, lk_quality_measure, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

LkQualityMeasure *
lk_quality_measure_new_from_json (JsonObject *item)
{
  LkQualityMeasure *self = g_object_new (LK_TYPE_QUALITY_MEASURE, NULL);
  JsonNode *value = json_object_get_member (item, "value");
  const char *light = lk_json_string (item, "light");

  self->metric = g_strdup (lk_json_string (item, "metric"));
  self->label = g_strdup (lk_json_string (item, "label"));
  self->has_value = value != NULL && JSON_NODE_HOLDS_VALUE (value);
  self->value = self->has_value ? json_node_get_double (value) : 0;
  self->unit = g_strdup (lk_json_string (item, "unit"));
  self->light = g_strdup (light != NULL ? light : "unknown");
  self->explanation = g_strdup (lk_json_string (item, "explanation"));
  return self;
}

GListModel *
lk_quality_measure_list_from_json (JsonNode *node)
{
  GListStore *store = g_list_store_new (LK_TYPE_QUALITY_MEASURE);
  JsonArray *items = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node)
                                                                   : NULL;

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      g_autoptr(LkQualityMeasure) measure = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      measure = lk_quality_measure_new_from_json (json_node_get_object (item));
      g_list_store_append (store, measure);
    }
  return G_LIST_MODEL (store);
}

static void
lk_quality_measure_finalize (GObject *object)
{
  LkQualityMeasure *self = LK_QUALITY_MEASURE (object);

  g_free (self->metric);
  g_free (self->label);
  g_free (self->unit);
  g_free (self->light);
  g_free (self->explanation);
  G_OBJECT_CLASS (lk_quality_measure_parent_class)->finalize (object);
}

static void
lk_quality_measure_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LkQualityMeasure *self = LK_QUALITY_MEASURE (object);

  switch (prop_id)
    {
    case PROP_METRIC:
      g_value_set_string (value, self->metric);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_HAS_VALUE:
      g_value_set_boolean (value, self->has_value);
      break;
    case PROP_VALUE:
      g_value_set_double (value, self->value);
      break;
    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;
    case PROP_LIGHT:
      g_value_set_string (value, self->light);
      break;
    case PROP_EXPLANATION:
      g_value_set_string (value, self->explanation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define READ_ONLY (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

static void
lk_quality_measure_class_init (LkQualityMeasureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_quality_measure_finalize;
  object_class->get_property = lk_quality_measure_get_property;

  properties[PROP_METRIC] = g_param_spec_string ("metric", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_HAS_VALUE] = g_param_spec_boolean ("has-value", NULL, NULL, FALSE, READ_ONLY);
  properties[PROP_VALUE] =
    g_param_spec_double ("value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, READ_ONLY);
  properties[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_LIGHT] = g_param_spec_string ("light", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_EXPLANATION] = g_param_spec_string ("explanation", NULL, NULL, NULL, READ_ONLY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_quality_measure_init (LkQualityMeasure *self)
{
}

const char *
lk_quality_measure_get_metric (LkQualityMeasure *self)
{
  g_return_val_if_fail (LK_IS_QUALITY_MEASURE (self), NULL);
  return self->metric;
}

const char *
lk_quality_measure_get_label (LkQualityMeasure *self)
{
  g_return_val_if_fail (LK_IS_QUALITY_MEASURE (self), NULL);
  return self->label;
}

gboolean
lk_quality_measure_get_has_value (LkQualityMeasure *self)
{
  g_return_val_if_fail (LK_IS_QUALITY_MEASURE (self), FALSE);
  return self->has_value;
}

double
lk_quality_measure_get_value (LkQualityMeasure *self)
{
  g_return_val_if_fail (LK_IS_QUALITY_MEASURE (self), 0);
  return self->value;
}

const char *
lk_quality_measure_get_unit (LkQualityMeasure *self)
{
  g_return_val_if_fail (LK_IS_QUALITY_MEASURE (self), NULL);
  return self->unit;
}

const char *
lk_quality_measure_get_light (LkQualityMeasure *self)
{
  g_return_val_if_fail (LK_IS_QUALITY_MEASURE (self), NULL);
  return self->light;
}

const char *
lk_quality_measure_get_explanation (LkQualityMeasure *self)
{
  g_return_val_if_fail (LK_IS_QUALITY_MEASURE (self), NULL);
  return self->explanation;
}
