/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "examination/lk-acknowledgement-private.h"
#include "examination/lk-conclusion-private.h"
#include "lk-json.h"

struct _LkConclusion
{
  GObject     parent_instance;

  gint64      id;
  int         revision;
  gboolean    current;
  gint64      amends;
  gboolean    has_ordinal;
  int         ordinal;
  gboolean    content_intact;
  char       *texts[11];  /* by TEXT_... */
  GListModel *warnings;
};

/* The text members, in the order of the JSON's names below. */
enum {
  TEXT_AMENDMENT_REASON,
  TEXT_SCALE,
  TEXT_SCALE_VERSION,
  TEXT_OUTCOME,
  TEXT_LEVEL,
  TEXT_PROPOSITIONS,
  TEXT_REASONING,
  TEXT_LIMITATIONS,
  TEXT_SIGNED_BY,
  TEXT_SIGNED_AT,
  TEXT_CONTENT_SHA256,
  N_TEXTS
};

static const char * const members[] = {
  "amendment_reason", "scale", "scale_version", "outcome", "level", "propositions", "reasoning",
  "limitations", "signed_by", "signed_at", "content_sha256",
};

enum {
  PROP_0,
  PROP_ID,
  PROP_REVISION,
  PROP_CURRENT,
  PROP_AMENDS,
  PROP_HAS_ORDINAL,
  PROP_ORDINAL,
  PROP_CONTENT_INTACT,
  PROP_WARNINGS,
  PROP_FIRST_TEXT,
  N_PROPS = PROP_FIRST_TEXT + N_TEXTS
};

G_DEFINE_FINAL_TYPE (LkConclusion, lk_conclusion, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

G_STATIC_ASSERT (G_N_ELEMENTS (members) == N_TEXTS);

static LkConclusion *
lk_conclusion_new_from_json (JsonObject *o)
{
  LkConclusion *self = g_object_new (LK_TYPE_CONCLUSION, NULL);
  JsonNode *ordinal = json_object_get_member (o, "ordinal");

  self->id = json_object_get_int_member_with_default (o, "id", 0);
  self->revision = (int) json_object_get_int_member_with_default (o, "revision", 0);
  self->current = json_object_get_boolean_member_with_default (o, "current", FALSE);
  self->amends = json_object_get_int_member_with_default (o, "amends", 0);
  self->has_ordinal = ordinal != NULL && JSON_NODE_HOLDS_VALUE (ordinal);
  self->ordinal = self->has_ordinal ? (int) json_node_get_int (ordinal) : 0;
  self->content_intact = json_object_get_boolean_member_with_default (o, "content_intact",
                                                                      FALSE);
  for (guint i = 0; i < N_TEXTS; i++)
    self->texts[i] = g_strdup (lk_json_string (o, members[i]));
  self->warnings = lk_acknowledgement_list_from_json (json_object_get_member (o, "warnings"));
  return self;
}

GListModel *
lk_conclusion_list_from_json (JsonArray *conclusions)
{
  GListStore *store = g_list_store_new (LK_TYPE_CONCLUSION);

  for (guint i = 0; conclusions != NULL && i < json_array_get_length (conclusions); i++)
    {
      JsonNode *node = json_array_get_element (conclusions, i);
      g_autoptr(LkConclusion) conclusion = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      conclusion = lk_conclusion_new_from_json (json_node_get_object (node));
      g_list_store_append (store, conclusion);
    }
  return G_LIST_MODEL (store);
}

#define GETTER(type, name, field, fallback) \
  type \
  lk_conclusion_get_##name (LkConclusion *self) \
  { \
    g_return_val_if_fail (LK_IS_CONCLUSION (self), fallback); \
    return self->field; \
  }

GETTER (gint64, id, id, 0)
GETTER (int, revision, revision, 0)
GETTER (gboolean, current, current, FALSE)
GETTER (gint64, amends, amends, 0)
GETTER (gboolean, has_ordinal, has_ordinal, FALSE)
GETTER (int, ordinal, ordinal, 0)
GETTER (gboolean, content_intact, content_intact, FALSE)
GETTER (GListModel *, warnings, warnings, NULL)
GETTER (const char *, amendment_reason, texts[TEXT_AMENDMENT_REASON], NULL)
GETTER (const char *, scale, texts[TEXT_SCALE], NULL)
GETTER (const char *, scale_version, texts[TEXT_SCALE_VERSION], NULL)
GETTER (const char *, outcome, texts[TEXT_OUTCOME], NULL)
GETTER (const char *, level, texts[TEXT_LEVEL], NULL)
GETTER (const char *, propositions, texts[TEXT_PROPOSITIONS], NULL)
GETTER (const char *, reasoning, texts[TEXT_REASONING], NULL)
GETTER (const char *, limitations, texts[TEXT_LIMITATIONS], NULL)
GETTER (const char *, signed_by, texts[TEXT_SIGNED_BY], NULL)
GETTER (const char *, signed_at, texts[TEXT_SIGNED_AT], NULL)
GETTER (const char *, content_sha256, texts[TEXT_CONTENT_SHA256], NULL)

static void
lk_conclusion_dispose (GObject *object)
{
  LkConclusion *self = LK_CONCLUSION (object);

  g_clear_object (&self->warnings);
  G_OBJECT_CLASS (lk_conclusion_parent_class)->dispose (object);
}

static void
lk_conclusion_finalize (GObject *object)
{
  LkConclusion *self = LK_CONCLUSION (object);

  for (guint i = 0; i < N_TEXTS; i++)
    g_free (self->texts[i]);
  G_OBJECT_CLASS (lk_conclusion_parent_class)->finalize (object);
}

static void
lk_conclusion_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LkConclusion *self = LK_CONCLUSION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_REVISION:
      g_value_set_int (value, self->revision);
      break;
    case PROP_CURRENT:
      g_value_set_boolean (value, self->current);
      break;
    case PROP_AMENDS:
      g_value_set_int64 (value, self->amends);
      break;
    case PROP_HAS_ORDINAL:
      g_value_set_boolean (value, self->has_ordinal);
      break;
    case PROP_ORDINAL:
      g_value_set_int (value, self->ordinal);
      break;
    case PROP_CONTENT_INTACT:
      g_value_set_boolean (value, self->content_intact);
      break;
    case PROP_WARNINGS:
      g_value_set_object (value, self->warnings);
      break;
    default:
      if (prop_id >= PROP_FIRST_TEXT && prop_id < N_PROPS)
        g_value_set_string (value, self->texts[prop_id - PROP_FIRST_TEXT]);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_conclusion_class_init (LkConclusionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  static const char * const names[] = {
    "amendment-reason", "scale", "scale-version", "outcome", "level", "propositions",
    "reasoning", "limitations", "signed-by", "signed-at", "content-sha256",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == N_TEXTS);

  object_class->dispose = lk_conclusion_dispose;
  object_class->finalize = lk_conclusion_finalize;
  object_class->get_property = lk_conclusion_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_REVISION] = g_param_spec_int ("revision", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_CURRENT] = g_param_spec_boolean ("current", NULL, NULL, FALSE, flags);
  properties[PROP_AMENDS] = g_param_spec_int64 ("amends", NULL, NULL, 0, G_MAXINT64, 0,
                                                flags);
  properties[PROP_HAS_ORDINAL] = g_param_spec_boolean ("has-ordinal", NULL, NULL, FALSE, flags);
  properties[PROP_ORDINAL] = g_param_spec_int ("ordinal", NULL, NULL, G_MININT, G_MAXINT, 0,
                                               flags);
  properties[PROP_CONTENT_INTACT] = g_param_spec_boolean ("content-intact", NULL, NULL, FALSE,
                                                          flags);
  properties[PROP_WARNINGS] = g_param_spec_object ("warnings", NULL, NULL, G_TYPE_LIST_MODEL,
                                                   flags);
  for (guint i = 0; i < N_TEXTS; i++)
    properties[PROP_FIRST_TEXT + i] = g_param_spec_string (names[i], NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_conclusion_init (LkConclusion *self)
{
}
