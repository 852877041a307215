/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-json.h"

#include "casework/lk-probe-analysis-private.h"

struct _LkProbeAnalysis
{
  GObject   parent_instance;

  int       revision;
  char     *suitability;
  GStrv     factors;
  GStrv     components;
  char     *notes;
  char     *feature_list;
  char     *examiner;
  char     *locked_at;
  char     *amendment_reason;
  int       face_index;
};

enum {
  PROP_0,
  PROP_REVISION,
  PROP_SUITABILITY,
  PROP_FACTORS,
  PROP_COMPONENTS,
  PROP_NOTES,
  PROP_FEATURE_LIST,
  PROP_EXAMINER,
  PROP_LOCKED_AT,
  PROP_AMENDMENT_REASON,
  PROP_FACE_INDEX,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (LkProbeAnalysis, lk_probe_analysis, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The strings of a stored array of ids; NULL when @node holds no array. */
static GStrv
words_from_json (JsonNode *node)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *word = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (word) && json_node_get_value_type (word) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (word));
    }
  return g_strv_builder_end (builder);
}

static GStrv
words_from_text (const char *text)
{
  g_autoptr(JsonNode) node = lk_json_parse (text);

  return words_from_json (node);
}

static JsonNode *
words_to_json (GStrv words)
{
  JsonArray *array;

  if (words == NULL)
    return json_node_init_null (json_node_alloc ());
  array = json_array_new ();
  for (guint i = 0; words[i] != NULL; i++)
    json_array_add_string_element (array, words[i]);
  return json_node_init_array (json_node_alloc (), array);
}

LkProbeAnalysis *
lk_probe_analysis_new_from_row (LkStmt *stmt)
{
  LkProbeAnalysis *self = g_object_new (LK_TYPE_PROBE_ANALYSIS, NULL);

  self->revision = lk_stmt_int (stmt, 0);
  self->suitability = lk_stmt_dup_text (stmt, 1);
  self->factors = words_from_text (lk_stmt_text (stmt, 2));
  self->components = words_from_text (lk_stmt_text (stmt, 3));
  self->notes = lk_stmt_dup_text (stmt, 4);
  self->feature_list = lk_stmt_dup_text (stmt, 5);
  self->examiner = lk_stmt_dup_text (stmt, 6);
  self->locked_at = lk_stmt_dup_text (stmt, 7);
  self->amendment_reason = lk_stmt_is_null (stmt, 8) ? NULL : lk_stmt_dup_text (stmt, 8);
  self->face_index = lk_stmt_is_null (stmt, 9) ? -1 : lk_stmt_int (stmt, 9);
  return self;
}

LkProbeAnalysis *
lk_probe_analysis_new_draft (JsonObject *content)
{
  LkProbeAnalysis *self = g_object_new (LK_TYPE_PROBE_ANALYSIS, NULL);

  self->suitability = g_strdup (lk_json_string (content, "suitability"));
  self->factors = words_from_json (json_object_get_member (content, "factors"));
  self->components = words_from_json (json_object_get_member (content, "components"));
  self->notes = g_strdup (lk_json_string (content, "notes"));
  return self;
}

JsonObject *
lk_probe_analysis_to_json (LkProbeAnalysis *self)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (LK_IS_PROBE_ANALYSIS (self), o);

  json_object_set_int_member (o, "revision", self->revision);
  json_object_set_string_member (o, "suitability", self->suitability);
  json_object_set_member (o, "factors", words_to_json (self->factors));
  json_object_set_member (o, "components", words_to_json (self->components));
  json_object_set_string_member (o, "notes", self->notes);
  json_object_set_string_member (o, "feature_list", self->feature_list);
  json_object_set_string_member (o, "examiner", self->examiner);
  json_object_set_string_member (o, "locked_at", self->locked_at);
  if (self->amendment_reason != NULL)
    json_object_set_string_member (o, "amendment_reason", self->amendment_reason);
  if (self->face_index >= 0)
    json_object_set_int_member (o, "face_index", self->face_index);
  return o;
}

static void
lk_probe_analysis_finalize (GObject *object)
{
  LkProbeAnalysis *self = LK_PROBE_ANALYSIS (object);

  g_free (self->suitability);
  g_strfreev (self->factors);
  g_strfreev (self->components);
  g_free (self->notes);
  g_free (self->feature_list);
  g_free (self->examiner);
  g_free (self->locked_at);
  g_free (self->amendment_reason);
  G_OBJECT_CLASS (lk_probe_analysis_parent_class)->finalize (object);
}

static void
lk_probe_analysis_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LkProbeAnalysis *self = LK_PROBE_ANALYSIS (object);

  switch (prop_id)
    {
    case PROP_REVISION:
      g_value_set_int (value, self->revision);
      break;
    case PROP_SUITABILITY:
      g_value_set_string (value, self->suitability);
      break;
    case PROP_FACTORS:
      g_value_set_boxed (value, self->factors);
      break;
    case PROP_COMPONENTS:
      g_value_set_boxed (value, self->components);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case PROP_FEATURE_LIST:
      g_value_set_string (value, self->feature_list);
      break;
    case PROP_EXAMINER:
      g_value_set_string (value, self->examiner);
      break;
    case PROP_LOCKED_AT:
      g_value_set_string (value, self->locked_at);
      break;
    case PROP_AMENDMENT_REASON:
      g_value_set_string (value, self->amendment_reason);
      break;
    case PROP_FACE_INDEX:
      g_value_set_int (value, self->face_index);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define READ_ONLY (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

static void
lk_probe_analysis_class_init (LkProbeAnalysisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_probe_analysis_finalize;
  object_class->get_property = lk_probe_analysis_get_property;

  properties[PROP_REVISION] = g_param_spec_int ("revision", NULL, NULL, 0, G_MAXINT, 0,
                                                READ_ONLY);
  properties[PROP_SUITABILITY] = g_param_spec_string ("suitability", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_FACTORS] = g_param_spec_boxed ("factors", NULL, NULL, G_TYPE_STRV, READ_ONLY);
  properties[PROP_COMPONENTS] =
    g_param_spec_boxed ("components", NULL, NULL, G_TYPE_STRV, READ_ONLY);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_FEATURE_LIST] =
    g_param_spec_string ("feature-list", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_EXAMINER] = g_param_spec_string ("examiner", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_LOCKED_AT] = g_param_spec_string ("locked-at", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_AMENDMENT_REASON] =
    g_param_spec_string ("amendment-reason", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_FACE_INDEX] = g_param_spec_int ("face-index", NULL, NULL, -1, G_MAXINT, -1,
                                                  READ_ONLY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_probe_analysis_init (LkProbeAnalysis *self)
{
  self->face_index = -1;
}

int
lk_probe_analysis_get_revision (LkProbeAnalysis *self)
{
  g_return_val_if_fail (LK_IS_PROBE_ANALYSIS (self), 0);
  return self->revision;
}

const char *
lk_probe_analysis_get_suitability (LkProbeAnalysis *self)
{
  g_return_val_if_fail (LK_IS_PROBE_ANALYSIS (self), NULL);
  return self->suitability;
}

const char * const *
lk_probe_analysis_get_factors (LkProbeAnalysis *self)
{
  g_return_val_if_fail (LK_IS_PROBE_ANALYSIS (self), NULL);
  return (const char * const *) self->factors;
}

const char * const *
lk_probe_analysis_get_components (LkProbeAnalysis *self)
{
  g_return_val_if_fail (LK_IS_PROBE_ANALYSIS (self), NULL);
  return (const char * const *) self->components;
}

const char *
lk_probe_analysis_get_notes (LkProbeAnalysis *self)
{
  g_return_val_if_fail (LK_IS_PROBE_ANALYSIS (self), NULL);
  return self->notes;
}

const char *
lk_probe_analysis_get_feature_list (LkProbeAnalysis *self)
{
  g_return_val_if_fail (LK_IS_PROBE_ANALYSIS (self), NULL);
  return self->feature_list;
}

const char *
lk_probe_analysis_get_examiner (LkProbeAnalysis *self)
{
  g_return_val_if_fail (LK_IS_PROBE_ANALYSIS (self), NULL);
  return self->examiner;
}

const char *
lk_probe_analysis_get_locked_at (LkProbeAnalysis *self)
{
  g_return_val_if_fail (LK_IS_PROBE_ANALYSIS (self), NULL);
  return self->locked_at;
}

const char *
lk_probe_analysis_get_amendment_reason (LkProbeAnalysis *self)
{
  g_return_val_if_fail (LK_IS_PROBE_ANALYSIS (self), NULL);
  return self->amendment_reason;
}

int
lk_probe_analysis_get_face_index (LkProbeAnalysis *self)
{
  g_return_val_if_fail (LK_IS_PROBE_ANALYSIS (self), -1);
  return self->face_index;
}
