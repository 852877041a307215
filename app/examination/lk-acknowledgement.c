/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "examination/lk-acknowledgement-private.h"
#include "lk-json.h"

struct _LkAcknowledgement
{
  GObject  parent_instance;

  char    *warning;
  char    *message;
  char    *text;
};

enum {
  PROP_0,
  PROP_WARNING,
  PROP_MESSAGE,
  PROP_TEXT,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (LkAcknowledgement, lk_acknowledgement, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

GListModel *
lk_acknowledgement_list_from_json (JsonNode *node)
{
  GListStore *store = g_list_store_new (LK_TYPE_ACKNOWLEDGEMENT);
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node)
                                                                  : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      g_autoptr(LkAcknowledgement) self = NULL;

      if (o == NULL)
        continue;
      self = g_object_new (LK_TYPE_ACKNOWLEDGEMENT, NULL);
      self->warning = g_strdup (lk_json_string (o, "id"));
      self->message = g_strdup (lk_json_string (o, "message"));
      self->text = g_strdup (lk_json_string (o, "acknowledgement"));
      g_list_store_append (store, self);
    }
  return G_LIST_MODEL (store);
}

const char *
lk_acknowledgement_get_warning (LkAcknowledgement *self)
{
  g_return_val_if_fail (LK_IS_ACKNOWLEDGEMENT (self), NULL);
  return self->warning;
}

const char *
lk_acknowledgement_get_message (LkAcknowledgement *self)
{
  g_return_val_if_fail (LK_IS_ACKNOWLEDGEMENT (self), NULL);
  return self->message;
}

const char *
lk_acknowledgement_get_text (LkAcknowledgement *self)
{
  g_return_val_if_fail (LK_IS_ACKNOWLEDGEMENT (self), NULL);
  return self->text;
}

static void
lk_acknowledgement_finalize (GObject *object)
{
  LkAcknowledgement *self = LK_ACKNOWLEDGEMENT (object);

  g_free (self->warning);
  g_free (self->message);
  g_free (self->text);
  G_OBJECT_CLASS (lk_acknowledgement_parent_class)->finalize (object);
}

static void
lk_acknowledgement_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LkAcknowledgement *self = LK_ACKNOWLEDGEMENT (object);

  switch (prop_id)
    {
    case PROP_WARNING:
      g_value_set_string (value, self->warning);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_acknowledgement_class_init (LkAcknowledgementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lk_acknowledgement_finalize;
  object_class->get_property = lk_acknowledgement_get_property;

  properties[PROP_WARNING] = g_param_spec_string ("warning", NULL, NULL, NULL, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_acknowledgement_init (LkAcknowledgement *self)
{
}
