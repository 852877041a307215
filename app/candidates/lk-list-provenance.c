/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "candidates/lk-list-provenance-private.h"
#include "lk-json.h"

/* The text members, in the order of their JSON names below. */
enum {
  TEXT_FILE,
  TEXT_ENGINE_NAME,
  TEXT_ENGINE_VERSION,
  TEXT_REFERENCE_DATABASE,
  TEXT_LEGAL_BASIS,
  TEXT_PERFORMED_AT,
  TEXT_SOURCE_FORMAT,
  TEXT_SOURCE_SHA256,
  TEXT_IMPORTED_BY,
  TEXT_IMPORTED_AT,
  N_TEXTS
};

static const char * const members[] = {
  "file", "engine_name", "engine_version", "reference_database", "legal_basis", "performed_at",
  "source_format", "source_sha256", "imported_by", "imported_at",
};

/* The whole numbers, in the order of their JSON names below ("triage" holds the last three). */
enum {
  INT_MAX_CANDIDATES,
  INT_LIST_LENGTH,
  INT_NOT_REVIEWED,
  INT_RETAINED,
  INT_ELIMINATED,
  N_INTS
};

static const char * const int_members[] = {
  "max_candidates", "list_length", "not-reviewed", "retained", "eliminated",
};

struct _LkListProvenance
{
  GObject   parent_instance;

  gint64    id;
  gint64    probe_id;
  char     *texts[N_TEXTS];
  int       ints[N_INTS];
  gboolean  has_threshold;
  double    threshold;
  gboolean  scores_visible;
  gboolean  shuffled;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_PROBE_ID,
  PROP_HAS_THRESHOLD,
  PROP_THRESHOLD,
  PROP_SCORES_VISIBLE,
  PROP_SHUFFLED,
  PROP_FIRST_TEXT,
  PROP_FIRST_INT = PROP_FIRST_TEXT + N_TEXTS,
  N_PROPS = PROP_FIRST_INT + N_INTS
};

G_DEFINE_FINAL_TYPE (LkListProvenance, lk_list_provenance, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

G_STATIC_ASSERT (G_N_ELEMENTS (members) == N_TEXTS);
G_STATIC_ASSERT (G_N_ELEMENTS (int_members) == N_INTS);

/* A number member that may be null or absent. */
static gboolean
read_number (JsonObject *o,
             const char *name,
             double     *value)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  *value = json_node_get_double (node);
  return TRUE;
}

LkListProvenance *
lk_list_provenance_new_from_json (JsonObject *o)
{
  LkListProvenance *self = g_object_new (LK_TYPE_LIST_PROVENANCE, NULL);
  JsonNode *triage = json_object_get_member (o, "triage");
  JsonNode *presentation = json_object_get_member (o, "presentation");
  JsonObject *counts = triage != NULL && JSON_NODE_HOLDS_OBJECT (triage)
                       ? json_node_get_object (triage) : NULL;
  JsonObject *order = presentation != NULL && JSON_NODE_HOLDS_OBJECT (presentation)
                      ? json_node_get_object (presentation) : NULL;

  self->id = json_object_get_int_member_with_default (o, "id", 0);
  self->probe_id = json_object_get_int_member_with_default (o, "probe", 0);
  for (guint i = 0; i < N_TEXTS; i++)
    self->texts[i] = g_strdup (lk_json_string (o, members[i]));
  for (guint i = 0; i < N_INTS; i++)
    {
      double value = 0;

      read_number (i < INT_NOT_REVIEWED ? o : counts, int_members[i], &value);
      self->ints[i] = (int) value;
    }
  self->has_threshold = read_number (o, "threshold", &self->threshold);
  self->scores_visible = json_object_get_boolean_member_with_default (o, "scores_visible",
                                                                      FALSE);
  self->shuffled = g_strcmp0 (lk_json_string (order, "order"), "shuffled") == 0;
  return self;
}

#define GETTER(type, name, field, fallback) \
  type \
  lk_list_provenance_get_##name (LkListProvenance *self) \
  { \
    g_return_val_if_fail (LK_IS_LIST_PROVENANCE (self), fallback); \
    return self->field; \
  }

GETTER (gint64, id, id, 0)
GETTER (gint64, probe_id, probe_id, 0)
GETTER (const char *, file, texts[TEXT_FILE], NULL)
GETTER (const char *, engine_name, texts[TEXT_ENGINE_NAME], NULL)
GETTER (const char *, engine_version, texts[TEXT_ENGINE_VERSION], NULL)
GETTER (const char *, reference_database, texts[TEXT_REFERENCE_DATABASE], NULL)
GETTER (const char *, legal_basis, texts[TEXT_LEGAL_BASIS], NULL)
GETTER (gboolean, has_threshold, has_threshold, FALSE)
GETTER (double, threshold, threshold, 0)
GETTER (int, max_candidates, ints[INT_MAX_CANDIDATES], 0)
GETTER (int, list_length, ints[INT_LIST_LENGTH], 0)
GETTER (const char *, performed_at, texts[TEXT_PERFORMED_AT], NULL)
GETTER (const char *, source_format, texts[TEXT_SOURCE_FORMAT], NULL)
GETTER (const char *, source_sha256, texts[TEXT_SOURCE_SHA256], NULL)
GETTER (const char *, imported_by, texts[TEXT_IMPORTED_BY], NULL)
GETTER (const char *, imported_at, texts[TEXT_IMPORTED_AT], NULL)
GETTER (gboolean, scores_visible, scores_visible, FALSE)
GETTER (gboolean, shuffled, shuffled, FALSE)
GETTER (int, not_reviewed, ints[INT_NOT_REVIEWED], 0)
GETTER (int, retained, ints[INT_RETAINED], 0)
GETTER (int, eliminated, ints[INT_ELIMINATED], 0)

static void
lk_list_provenance_finalize (GObject *object)
{
  LkListProvenance *self = LK_LIST_PROVENANCE (object);

  for (guint i = 0; i < N_TEXTS; i++)
    g_free (self->texts[i]);
  G_OBJECT_CLASS (lk_list_provenance_parent_class)->finalize (object);
}

static void
lk_list_provenance_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LkListProvenance *self = LK_LIST_PROVENANCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_PROBE_ID:
      g_value_set_int64 (value, self->probe_id);
      break;
    case PROP_HAS_THRESHOLD:
      g_value_set_boolean (value, self->has_threshold);
      break;
    case PROP_THRESHOLD:
      g_value_set_double (value, self->threshold);
      break;
    case PROP_SCORES_VISIBLE:
      g_value_set_boolean (value, self->scores_visible);
      break;
    case PROP_SHUFFLED:
      g_value_set_boolean (value, self->shuffled);
      break;
    default:
      if (prop_id >= PROP_FIRST_TEXT && prop_id < PROP_FIRST_INT)
        g_value_set_string (value, self->texts[prop_id - PROP_FIRST_TEXT]);
      else if (prop_id >= PROP_FIRST_INT && prop_id < N_PROPS)
        g_value_set_int (value, self->ints[prop_id - PROP_FIRST_INT]);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_list_provenance_class_init (LkListProvenanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  static const char * const text_names[] = {
    "file", "engine-name", "engine-version", "reference-database", "legal-basis",
    "performed-at", "source-format", "source-sha256", "imported-by", "imported-at",
  };
  static const char * const int_names[] = {
    "max-candidates", "list-length", "not-reviewed", "retained", "eliminated",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (text_names) == N_TEXTS);
  G_STATIC_ASSERT (G_N_ELEMENTS (int_names) == N_INTS);

  object_class->finalize = lk_list_provenance_finalize;
  object_class->get_property = lk_list_provenance_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PROBE_ID] = g_param_spec_int64 ("probe-id", NULL, NULL, 0, G_MAXINT64, 0,
                                                  flags);
  properties[PROP_HAS_THRESHOLD] = g_param_spec_boolean ("has-threshold", NULL, NULL, FALSE,
                                                         flags);
  properties[PROP_THRESHOLD] = g_param_spec_double ("threshold", NULL, NULL, -G_MAXDOUBLE,
                                                    G_MAXDOUBLE, 0, flags);
  properties[PROP_SCORES_VISIBLE] = g_param_spec_boolean ("scores-visible", NULL, NULL, FALSE,
                                                          flags);
  properties[PROP_SHUFFLED] = g_param_spec_boolean ("shuffled", NULL, NULL, FALSE, flags);
  for (guint i = 0; i < N_TEXTS; i++)
    properties[PROP_FIRST_TEXT + i] = g_param_spec_string (text_names[i], NULL, NULL, NULL,
                                                           flags);
  for (guint i = 0; i < N_INTS; i++)
    properties[PROP_FIRST_INT + i] = g_param_spec_int (int_names[i], NULL, NULL, 0, G_MAXINT, 0,
                                                       flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_list_provenance_init (LkListProvenance *self)
{
}
