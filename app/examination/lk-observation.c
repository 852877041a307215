/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "examination/lk-observation-private.h"
#include "lk-json.h"

struct _LkObservation
{
  GObject  parent_instance;

  char    *characteristic;
  char    *component;
  char    *name;
  char    *visibility_probe;
  char    *visibility_candidate;
  char    *result;
  char    *significance;
  char    *note;
  char    *updated_at;
};

enum {
  PROP_0,
  PROP_CHARACTERISTIC,
  PROP_COMPONENT,
  PROP_NAME,
  PROP_VISIBILITY_PROBE,
  PROP_VISIBILITY_CANDIDATE,
  PROP_RESULT,
  PROP_SIGNIFICANCE,
  PROP_NOTE,
  PROP_UPDATED_AT,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (LkObservation, lk_observation, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static const char * const visibilities[] = { "visible", "partly", "not-visible", NULL };
static const char * const results[] = {
  "similar", "dissimilar", "not-assessable", "explainable-difference", NULL,
};
static const char * const significances[] = { "class", "individualising", NULL };

const char * const *
lk_observation_visibilities (void)
{
  return visibilities;
}

const char * const *
lk_observation_results (void)
{
  return results;
}

const char * const *
lk_observation_significances (void)
{
  return significances;
}

static LkObservation *
lk_observation_new_from_json (JsonObject *o)
{
  LkObservation *self = g_object_new (LK_TYPE_OBSERVATION, NULL);
  const char *note = lk_json_string (o, "note");

  self->characteristic = g_strdup (lk_json_string (o, "characteristic"));
  self->component = g_strdup (lk_json_string (o, "component"));
  self->name = g_strdup (lk_json_string (o, "name"));
  self->visibility_probe = g_strdup (lk_json_string (o, "visibility_probe"));
  self->visibility_candidate = g_strdup (lk_json_string (o, "visibility_candidate"));
  self->result = g_strdup (lk_json_string (o, "result"));
  self->significance = g_strdup (lk_json_string (o, "significance"));
  self->note = g_strdup (note != NULL ? note : "");
  self->updated_at = g_strdup (lk_json_string (o, "updated_at"));
  return self;
}

GListModel *
lk_observation_list_from_json (JsonArray *observations)
{
  GListStore *store = g_list_store_new (LK_TYPE_OBSERVATION);

  for (guint i = 0; observations != NULL && i < json_array_get_length (observations); i++)
    {
      JsonNode *node = json_array_get_element (observations, i);
      g_autoptr(LkObservation) observation = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      observation = lk_observation_new_from_json (json_node_get_object (node));
      g_list_store_append (store, observation);
    }
  return G_LIST_MODEL (store);
}

#define GETTER(name) \
  const char * \
  lk_observation_get_##name (LkObservation *self) \
  { \
    g_return_val_if_fail (LK_IS_OBSERVATION (self), NULL); \
    return self->name; \
  }

GETTER (characteristic)
GETTER (component)
GETTER (name)
GETTER (visibility_probe)
GETTER (visibility_candidate)
GETTER (result)
GETTER (significance)
GETTER (note)
GETTER (updated_at)

static void
lk_observation_finalize (GObject *object)
{
  LkObservation *self = LK_OBSERVATION (object);

  g_free (self->characteristic);
  g_free (self->component);
  g_free (self->name);
  g_free (self->visibility_probe);
  g_free (self->visibility_candidate);
  g_free (self->result);
  g_free (self->significance);
  g_free (self->note);
  g_free (self->updated_at);
  G_OBJECT_CLASS (lk_observation_parent_class)->finalize (object);
}

static void
lk_observation_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LkObservation *self = LK_OBSERVATION (object);
  const char * const texts[] = {
    NULL, self->characteristic, self->component, self->name, self->visibility_probe,
    self->visibility_candidate, self->result, self->significance, self->note, self->updated_at,
  };

  if (prop_id > 0 && prop_id < N_PROPS)
    g_value_set_string (value, texts[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lk_observation_class_init (LkObservationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[] = {
    NULL, "characteristic", "component", "name", "visibility-probe", "visibility-candidate",
    "result", "significance", "note", "updated-at",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == N_PROPS);

  object_class->finalize = lk_observation_finalize;
  object_class->get_property = lk_observation_get_property;

  for (guint i = 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_observation_init (LkObservation *self)
{
}
