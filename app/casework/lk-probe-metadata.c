/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-json.h"

#include "casework/lk-metadata-tag-private.h"
#include "casework/lk-probe-metadata-private.h"

/* The text fields, each read from the stored member of the same name. */
typedef enum
{
  TEXT_READ_ERROR,
  TEXT_CAMERA_MAKE,
  TEXT_CAMERA_MODEL,
  TEXT_LENS,
  TEXT_CAPTURED_AT,
  TEXT_CAPTURED_AT_SOURCE,
  TEXT_SOFTWARE,
  TEXT_EDITING_SOFTWARE_REASON,
  N_TEXTS
} Text;

static const char * const text_members[N_TEXTS] = {
  "read_error", "camera_make", "camera_model", "lens", "captured_at", "captured_at_source",
  "software", "editing_software_reason",
};

struct _LkProbeMetadata
{
  GObject     parent_instance;

  char       *texts[N_TEXTS];
  gboolean    present;
  gboolean    editing_software_flagged;
  int         orientation;
  gboolean    has_gps;
  double      latitude;
  double      longitude;
  GListModel *tags;
};

enum {
  PROP_0,
  PROP_PRESENT,
  PROP_EDITING_SOFTWARE_FLAGGED,
  PROP_ORIENTATION,
  PROP_HAS_GPS,
  PROP_LATITUDE,
  PROP_LONGITUDE,
  PROP_TAGS,
  PROP_FIRST_TEXT,
  N_PROPS = PROP_FIRST_TEXT + N_TEXTS
};

G_DEFINE_FINAL_TYPE (LkProbeMetadata, lk_probe_metadata, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static int
compare_tags (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return g_strcmp0 (lk_metadata_tag_get_name ((LkMetadataTag *) a),
                    lk_metadata_tag_get_name ((LkMetadataTag *) b));
}

static GListModel *
tags_from_json (JsonObject *tags)
{
  GListStore *store = g_list_store_new (LK_TYPE_METADATA_TAG);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (tags == NULL)
    return G_LIST_MODEL (store);
  json_object_iter_init (&iter, tags);
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autoptr(LkMetadataTag) tag =
        lk_metadata_tag_new (name, JSON_NODE_HOLDS_VALUE (value) &&
                                   json_node_get_value_type (value) == G_TYPE_STRING
                                   ? json_node_get_string (value) : NULL);

      g_list_store_append (store, tag);
    }
  g_list_store_sort (store, compare_tags, NULL);
  return G_LIST_MODEL (store);
}

static void
read_gps (LkProbeMetadata *self,
          JsonObject      *m)
{
  JsonNode *node = json_object_get_member (m, "gps");
  JsonObject *gps = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                                                  : NULL;

  self->has_gps = gps != NULL;
  if (gps == NULL)
    return;
  self->latitude = json_object_get_double_member_with_default (gps, "latitude", 0);
  self->longitude = json_object_get_double_member_with_default (gps, "longitude", 0);
}

LkProbeMetadata *
lk_probe_metadata_new_from_json (JsonNode *node)
{
  LkProbeMetadata *self = g_object_new (LK_TYPE_PROBE_METADATA, NULL);
  JsonObject *m = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                                                : NULL;
  JsonNode *tags = m != NULL ? json_object_get_member (m, "tags") : NULL;

  if (m != NULL)
    {
      for (guint i = 0; i < N_TEXTS; i++)
        self->texts[i] = g_strdup (lk_json_string (m, text_members[i]));
      self->present = json_object_get_boolean_member_with_default (m, "present", FALSE);
      self->editing_software_flagged =
        json_object_get_boolean_member_with_default (m, "editing_software_flagged", FALSE);
      self->orientation = json_object_get_int_member_with_default (m, "orientation", 0);
      read_gps (self, m);
    }
  self->tags = tags_from_json (tags != NULL && JSON_NODE_HOLDS_OBJECT (tags)
                               ? json_node_get_object (tags) : NULL);
  return self;
}

static void
lk_probe_metadata_dispose (GObject *object)
{
  LkProbeMetadata *self = LK_PROBE_METADATA (object);

  g_clear_object (&self->tags);
  G_OBJECT_CLASS (lk_probe_metadata_parent_class)->dispose (object);
}

static void
lk_probe_metadata_finalize (GObject *object)
{
  LkProbeMetadata *self = LK_PROBE_METADATA (object);

  for (guint i = 0; i < N_TEXTS; i++)
    g_free (self->texts[i]);
  G_OBJECT_CLASS (lk_probe_metadata_parent_class)->finalize (object);
}

static void
lk_probe_metadata_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LkProbeMetadata *self = LK_PROBE_METADATA (object);

  switch (prop_id)
    {
    case PROP_PRESENT:
      g_value_set_boolean (value, self->present);
      break;
    case PROP_EDITING_SOFTWARE_FLAGGED:
      g_value_set_boolean (value, self->editing_software_flagged);
      break;
    case PROP_ORIENTATION:
      g_value_set_int (value, self->orientation);
      break;
    case PROP_HAS_GPS:
      g_value_set_boolean (value, self->has_gps);
      break;
    case PROP_LATITUDE:
      g_value_set_double (value, self->latitude);
      break;
    case PROP_LONGITUDE:
      g_value_set_double (value, self->longitude);
      break;
    case PROP_TAGS:
      g_value_set_object (value, self->tags);
      break;
    default:
      if (prop_id >= PROP_FIRST_TEXT && prop_id < N_PROPS)
        g_value_set_string (value, self->texts[prop_id - PROP_FIRST_TEXT]);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define READ_ONLY (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

static void
install_text_properties (void)
{
  /* The property names are the stored members' with dashes: "camera-make". */
  for (guint i = 0; i < N_TEXTS; i++)
    {
      g_autofree char *name = g_strdelimit (g_strdup (text_members[i]), "_", '-');

      properties[PROP_FIRST_TEXT + i] =
        g_param_spec_string (g_intern_string (name), NULL, NULL, NULL, READ_ONLY);
    }
}

static void
lk_probe_metadata_class_init (LkProbeMetadataClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lk_probe_metadata_dispose;
  object_class->finalize = lk_probe_metadata_finalize;
  object_class->get_property = lk_probe_metadata_get_property;

  properties[PROP_PRESENT] = g_param_spec_boolean ("present", NULL, NULL, FALSE, READ_ONLY);
  properties[PROP_EDITING_SOFTWARE_FLAGGED] =
    g_param_spec_boolean ("editing-software-flagged", NULL, NULL, FALSE, READ_ONLY);
  properties[PROP_ORIENTATION] = g_param_spec_int ("orientation", NULL, NULL, G_MININT, G_MAXINT, 0,
                                                   READ_ONLY);
  properties[PROP_HAS_GPS] = g_param_spec_boolean ("has-gps", NULL, NULL, FALSE, READ_ONLY);
  properties[PROP_LATITUDE] =
    g_param_spec_double ("latitude", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, READ_ONLY);
  properties[PROP_LONGITUDE] =
    g_param_spec_double ("longitude", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, READ_ONLY);
  properties[PROP_TAGS] = g_param_spec_object ("tags", NULL, NULL, G_TYPE_LIST_MODEL, READ_ONLY);
  install_text_properties ();
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_probe_metadata_init (LkProbeMetadata *self)
{
}

#define TEXT_GETTER(name, index)                                  \
  const char *                                                    \
  lk_probe_metadata_get_##name (LkProbeMetadata *self)            \
  {                                                               \
    g_return_val_if_fail (LK_IS_PROBE_METADATA (self), NULL);     \
    return self->texts[index];                                    \
  }

TEXT_GETTER (read_error, TEXT_READ_ERROR)
TEXT_GETTER (camera_make, TEXT_CAMERA_MAKE)
TEXT_GETTER (camera_model, TEXT_CAMERA_MODEL)
TEXT_GETTER (lens, TEXT_LENS)
TEXT_GETTER (captured_at, TEXT_CAPTURED_AT)
TEXT_GETTER (captured_at_source, TEXT_CAPTURED_AT_SOURCE)
TEXT_GETTER (software, TEXT_SOFTWARE)
TEXT_GETTER (editing_software_reason, TEXT_EDITING_SOFTWARE_REASON)

gboolean
lk_probe_metadata_get_present (LkProbeMetadata *self)
{
  g_return_val_if_fail (LK_IS_PROBE_METADATA (self), FALSE);
  return self->present;
}

gboolean
lk_probe_metadata_get_editing_software_flagged (LkProbeMetadata *self)
{
  g_return_val_if_fail (LK_IS_PROBE_METADATA (self), FALSE);
  return self->editing_software_flagged;
}

int
lk_probe_metadata_get_orientation (LkProbeMetadata *self)
{
  g_return_val_if_fail (LK_IS_PROBE_METADATA (self), 0);
  return self->orientation;
}

gboolean
lk_probe_metadata_get_has_gps (LkProbeMetadata *self)
{
  g_return_val_if_fail (LK_IS_PROBE_METADATA (self), FALSE);
  return self->has_gps;
}

double
lk_probe_metadata_get_latitude (LkProbeMetadata *self)
{
  g_return_val_if_fail (LK_IS_PROBE_METADATA (self), 0);
  return self->latitude;
}

double
lk_probe_metadata_get_longitude (LkProbeMetadata *self)
{
  g_return_val_if_fail (LK_IS_PROBE_METADATA (self), 0);
  return self->longitude;
}

GListModel *
lk_probe_metadata_get_tags (LkProbeMetadata *self)
{
  g_return_val_if_fail (LK_IS_PROBE_METADATA (self), NULL);
  return self->tags;
}
