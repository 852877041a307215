/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "casework/lk-metadata-tag-private.h"

struct _LkMetadataTag
{
  GObject  parent_instance;

  char    *name;
  char    *value;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_VALUE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (LkMetadataTag, lk_metadata_tag, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

LkMetadataTag *
lk_metadata_tag_new (const char *name,
                     const char *value)
{
  LkMetadataTag *self = g_object_new (LK_TYPE_METADATA_TAG, NULL);

  self->name = g_strdup (name);
  self->value = g_strdup (value);
  return self;
}

static void
lk_metadata_tag_finalize (GObject *object)
{
  LkMetadataTag *self = LK_METADATA_TAG (object);

  g_free (self->name);
  g_free (self->value);
  G_OBJECT_CLASS (lk_metadata_tag_parent_class)->finalize (object);
}

static void
lk_metadata_tag_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LkMetadataTag *self = LK_METADATA_TAG (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_metadata_tag_class_init (LkMetadataTagClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_metadata_tag_finalize;
  object_class->get_property = lk_metadata_tag_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_metadata_tag_init (LkMetadataTag *self)
{
}

const char *
lk_metadata_tag_get_name (LkMetadataTag *self)
{
  g_return_val_if_fail (LK_IS_METADATA_TAG (self), NULL);
  return self->name;
}

const char *
lk_metadata_tag_get_value (LkMetadataTag *self)
{
  g_return_val_if_fail (LK_IS_METADATA_TAG (self), NULL);
  return self->value;
}
