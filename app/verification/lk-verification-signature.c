/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-json.h"
#include "verification/lk-verification-signature-private.h"

/* The text members, in the order of their JSON names below. */
enum {
  TEXT_KIND,
  TEXT_RESOLUTION,
  TEXT_NOTE,
  TEXT_SIGNED_BY,
  TEXT_SIGNED_AT,
  TEXT_SHA256,
  N_TEXTS
};

static const char * const members[] = {
  "kind", "resolution", "note", "signed_by", "signed_at", "sha256",
};

struct _LkVerificationSignature
{
  GObject   parent_instance;

  char     *texts[N_TEXTS];
  gboolean  content_intact;
};

enum {
  PROP_0,
  PROP_CONTENT_INTACT,
  PROP_FIRST_TEXT,
  N_PROPS = PROP_FIRST_TEXT + N_TEXTS
};

G_DEFINE_FINAL_TYPE (LkVerificationSignature, lk_verification_signature, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

G_STATIC_ASSERT (G_N_ELEMENTS (members) == N_TEXTS);

GListModel *
lk_verification_signature_list_from_json (JsonNode *node)
{
  GListStore *store = g_list_store_new (LK_TYPE_VERIFICATION_SIGNATURE);
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node)
                                                                  : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      g_autoptr(LkVerificationSignature) self = NULL;

      if (o == NULL)
        continue;
      self = g_object_new (LK_TYPE_VERIFICATION_SIGNATURE, NULL);
      for (guint t = 0; t < N_TEXTS; t++)
        self->texts[t] = g_strdup (lk_json_string (o, members[t]));
      self->content_intact = json_object_get_boolean_member_with_default (o, "content_intact",
                                                                          FALSE);
      g_list_store_append (store, self);
    }
  return G_LIST_MODEL (store);
}

#define GETTER(name, index) \
  const char * \
  lk_verification_signature_get_##name (LkVerificationSignature *self) \
  { \
    g_return_val_if_fail (LK_IS_VERIFICATION_SIGNATURE (self), NULL); \
    return self->texts[index]; \
  }

GETTER (kind, TEXT_KIND)
GETTER (resolution, TEXT_RESOLUTION)
GETTER (note, TEXT_NOTE)
GETTER (signed_by, TEXT_SIGNED_BY)
GETTER (signed_at, TEXT_SIGNED_AT)
GETTER (sha256, TEXT_SHA256)

gboolean
lk_verification_signature_get_content_intact (LkVerificationSignature *self)
{
  g_return_val_if_fail (LK_IS_VERIFICATION_SIGNATURE (self), FALSE);
  return self->content_intact;
}

static void
lk_verification_signature_finalize (GObject *object)
{
  LkVerificationSignature *self = LK_VERIFICATION_SIGNATURE (object);

  for (guint i = 0; i < N_TEXTS; i++)
    g_free (self->texts[i]);
  G_OBJECT_CLASS (lk_verification_signature_parent_class)->finalize (object);
}

static void
lk_verification_signature_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  LkVerificationSignature *self = LK_VERIFICATION_SIGNATURE (object);

  if (prop_id == PROP_CONTENT_INTACT)
    g_value_set_boolean (value, self->content_intact);
  else if (prop_id >= PROP_FIRST_TEXT && prop_id < N_PROPS)
    g_value_set_string (value, self->texts[prop_id - PROP_FIRST_TEXT]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lk_verification_signature_class_init (LkVerificationSignatureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  static const char * const names[] = {
    "kind", "resolution", "note", "signed-by", "signed-at", "sha256",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == N_TEXTS);

  object_class->finalize = lk_verification_signature_finalize;
  object_class->get_property = lk_verification_signature_get_property;

  properties[PROP_CONTENT_INTACT] = g_param_spec_boolean ("content-intact", NULL, NULL, FALSE,
                                                          flags);
  for (guint i = 0; i < N_TEXTS; i++)
    properties[PROP_FIRST_TEXT + i] = g_param_spec_string (names[i], NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_verification_signature_init (LkVerificationSignature *self)
{
}
