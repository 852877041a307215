/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-json.h"

#include "casework/lk-probe-analysis-private.h"
#include "casework/lk-probe-face-private.h"
#include "casework/lk-probe-metadata-private.h"
#include "casework/lk-probe-private.h"

/* The text fields, each with its column in LK_PROBE_COLUMNS and its property name. */
typedef enum
{
  TEXT_CASE_NUMBER,
  TEXT_SHA256,
  TEXT_FILE_NAME,
  TEXT_MEDIA_TYPE,
  TEXT_STATUS,
  TEXT_SOURCE_TYPE,
  TEXT_KIND,
  TEXT_ACQUIRED_BY,
  TEXT_ACQUIRED_AT,
  TEXT_AUTHORITY,
  TEXT_CUSTODY_NOTE,
  TEXT_IMPORTED_BY,
  TEXT_IMPORTED_AT,
  N_TEXTS
} Text;

static const struct
{
  int         column;
  const char *property;
} texts[N_TEXTS] = {
  { 19, "case-number" }, { 1, "sha256" }, { 2, "file-name" }, { 3, "media-type" },
  { 16, "status" }, { 6, "source-type" }, { 7, "kind" }, { 8, "acquired-by" },
  { 9, "acquired-at" }, { 10, "authority" }, { 11, "custody-note" }, { 17, "imported-by" },
  { 18, "imported-at" },
};

struct _LkProbe
{
  GObject          parent_instance;

  gint64           id;
  guint            number;
  char            *texts[N_TEXTS];
  int              width;
  int              height;
  gboolean         simulated;
  int              face_index;
  LkProbeMetadata *metadata;
  GListModel      *faces;
  GListModel      *quality;
  GListModel      *revisions;
  LkProbeAnalysis *analysis;
  /* The stored documents as intake wrote them, for the JSON. */
  JsonNode        *metadata_json;
  JsonNode        *faces_json;
  gboolean         faces_turned;  /* stored unrotated, turned upright when read */
};

enum {
  PROP_0,
  PROP_ID,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_SIMULATED,
  PROP_FACE_INDEX,
  PROP_METADATA,
  PROP_FACES,
  PROP_QUALITY,
  PROP_ANALYSIS,
  PROP_REVISIONS,
  PROP_FIRST_TEXT,
  N_PROPS = PROP_FIRST_TEXT + N_TEXTS
};

G_DEFINE_FINAL_TYPE (LkProbe, lk_probe, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The quality of the face of interest; an empty list when there is none. */
static GListModel *
chosen_quality (LkProbe *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (self->faces); i++)
    {
      g_autoptr(LkProbeFace) face = g_list_model_get_item (self->faces, i);

      if ((int) lk_probe_face_get_index (face) == self->face_index)
        return g_object_ref (lk_probe_face_get_quality (face));
    }
  return G_LIST_MODEL (g_list_store_new (LK_TYPE_QUALITY_MEASURE));
}

LkProbe *
lk_probe_new_from_row (LkStmt     *stmt,
                       GListModel *revisions)
{
  LkProbe *self = g_object_new (LK_TYPE_PROBE, NULL);
  guint n_revisions = g_list_model_get_n_items (revisions);

  self->id = lk_stmt_int64 (stmt, 0);
  for (guint i = 0; i < N_TEXTS; i++)
    self->texts[i] = lk_stmt_dup_text (stmt, texts[i].column);
  self->width = lk_stmt_int (stmt, 4);
  self->height = lk_stmt_int (stmt, 5);
  self->simulated = lk_stmt_int (stmt, 12) != 0;
  self->metadata_json = lk_json_parse (lk_stmt_text (stmt, 13));
  self->faces_json = lk_json_parse (lk_stmt_text (stmt, 14));
  self->face_index = lk_stmt_is_null (stmt, 15) ? -1 : lk_stmt_int (stmt, 15);
  self->number = (guint) lk_stmt_int (stmt, 20);
  self->metadata = lk_probe_metadata_new_from_json (self->metadata_json);
  self->faces = lk_probe_face_list_from_json (self->faces_json);
  self->quality = chosen_quality (self);
  self->revisions = g_object_ref (revisions);
  self->analysis = n_revisions > 0 ? g_list_model_get_item (revisions, n_revisions - 1) : NULL;
  return self;
}

void
lk_probe_set_upright_faces (LkProbe    *self,
                            const char *faces,
                            int         width,
                            int         height)
{
  g_return_if_fail (LK_IS_PROBE (self));

  g_clear_pointer (&self->faces_json, json_node_unref);
  g_clear_object (&self->faces);
  g_clear_object (&self->quality);
  self->faces_json = lk_json_parse (faces);
  self->faces = lk_probe_face_list_from_json (self->faces_json);
  self->quality = chosen_quality (self);
  self->width = width;
  self->height = height;
  self->faces_turned = TRUE;
}

/* ---- JSON ----------------------------------------------------------------------------------- */

static JsonObject *
provenance_json (LkProbe *self)
{
  JsonObject *o = json_object_new ();

  for (Text t = TEXT_SOURCE_TYPE; t <= TEXT_CUSTODY_NOTE; t++)
    {
      g_autofree char *name = g_strdelimit (g_strdup (texts[t].property), "-", '_');

      json_object_set_string_member (o, name, self->texts[t]);
    }
  json_object_set_boolean_member (o, "simulated", self->simulated);
  return o;
}

/* The face of interest and its quality readout as stored with the face, or nulls. */
static void
set_chosen_quality (LkProbe    *self,
                    JsonObject *o)
{
  JsonArray *faces = JSON_NODE_HOLDS_ARRAY (self->faces_json)
                     ? json_node_get_array (self->faces_json) : NULL;
  JsonObject *face = NULL;

  if (self->face_index < 0 || faces == NULL)
    {
      json_object_set_null_member (o, "face_index");
      json_object_set_null_member (o, "quality");
      return;
    }
  json_object_set_int_member (o, "face_index", self->face_index);
  if ((guint) self->face_index < json_array_get_length (faces))
    face = json_array_get_object_element (faces, self->face_index);
  if (face != NULL && json_object_has_member (face, "quality"))
    json_object_set_member (o, "quality",
                            json_node_copy (json_object_get_member (face, "quality")));
  else
    json_object_set_null_member (o, "quality");
}

static JsonArray *
revisions_json (LkProbe *self)
{
  JsonArray *revisions = json_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (self->revisions); i++)
    {
      g_autoptr(LkProbeAnalysis) revision = g_list_model_get_item (self->revisions, i);

      json_array_add_object_element (revisions, lk_probe_analysis_to_json (revision));
    }
  return revisions;
}

JsonObject *
lk_probe_to_json (LkProbe   *self,
                  JsonArray *examinations)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (LK_IS_PROBE (self), o);

  json_object_set_int_member (o, "id", self->id);
  json_object_set_int_member (o, "number_in_case", self->number);
  json_object_set_string_member (o, "case", self->texts[TEXT_CASE_NUMBER]);
  json_object_set_string_member (o, "sha256", self->texts[TEXT_SHA256]);
  json_object_set_string_member (o, "file_name", self->texts[TEXT_FILE_NAME]);
  json_object_set_string_member (o, "media_type", self->texts[TEXT_MEDIA_TYPE]);
  json_object_set_int_member (o, "width", self->width);
  json_object_set_int_member (o, "height", self->height);
  json_object_set_string_member (o, "status", self->texts[TEXT_STATUS]);
  json_object_set_object_member (o, "provenance", provenance_json (self));
  json_object_set_member (o, "metadata", json_node_copy (self->metadata_json));
  json_object_set_member (o, "faces", json_node_copy (self->faces_json));
  if (self->faces_turned)
    json_object_set_boolean_member (o, "faces_turned_upright", TRUE);
  set_chosen_quality (self, o);
  if (self->analysis != NULL)
    json_object_set_object_member (o, "analysis", lk_probe_analysis_to_json (self->analysis));
  else
    json_object_set_null_member (o, "analysis");
  json_object_set_array_member (o, "analysis_revisions", revisions_json (self));
  json_object_set_array_member (o, "examinations", examinations);
  json_object_set_string_member (o, "imported_by", self->texts[TEXT_IMPORTED_BY]);
  json_object_set_string_member (o, "imported_at", self->texts[TEXT_IMPORTED_AT]);
  return o;
}

/* ---- object --------------------------------------------------------------------------------- */

static void
lk_probe_dispose (GObject *object)
{
  LkProbe *self = LK_PROBE (object);

  g_clear_object (&self->metadata);
  g_clear_object (&self->faces);
  g_clear_object (&self->quality);
  g_clear_object (&self->revisions);
  g_clear_object (&self->analysis);
  G_OBJECT_CLASS (lk_probe_parent_class)->dispose (object);
}

static void
lk_probe_finalize (GObject *object)
{
  LkProbe *self = LK_PROBE (object);

  for (guint i = 0; i < N_TEXTS; i++)
    g_free (self->texts[i]);
  g_clear_pointer (&self->metadata_json, json_node_unref);
  g_clear_pointer (&self->faces_json, json_node_unref);
  G_OBJECT_CLASS (lk_probe_parent_class)->finalize (object);
}

static void
lk_probe_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  LkProbe *self = LK_PROBE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_WIDTH:
      g_value_set_int (value, self->width);
      break;
    case PROP_HEIGHT:
      g_value_set_int (value, self->height);
      break;
    case PROP_SIMULATED:
      g_value_set_boolean (value, self->simulated);
      break;
    case PROP_FACE_INDEX:
      g_value_set_int (value, self->face_index);
      break;
    case PROP_METADATA:
      g_value_set_object (value, self->metadata);
      break;
    case PROP_FACES:
      g_value_set_object (value, self->faces);
      break;
    case PROP_QUALITY:
      g_value_set_object (value, self->quality);
      break;
    case PROP_ANALYSIS:
      g_value_set_object (value, self->analysis);
      break;
    case PROP_REVISIONS:
      g_value_set_object (value, self->revisions);
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
lk_probe_class_init (LkProbeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lk_probe_dispose;
  object_class->finalize = lk_probe_finalize;
  object_class->get_property = lk_probe_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, READ_ONLY);
  properties[PROP_WIDTH] = g_param_spec_int ("width", NULL, NULL, 0, G_MAXINT, 0, READ_ONLY);
  properties[PROP_HEIGHT] = g_param_spec_int ("height", NULL, NULL, 0, G_MAXINT, 0, READ_ONLY);
  properties[PROP_SIMULATED] = g_param_spec_boolean ("simulated", NULL, NULL, FALSE, READ_ONLY);
  properties[PROP_FACE_INDEX] = g_param_spec_int ("face-index", NULL, NULL, -1, G_MAXINT, -1,
                                                  READ_ONLY);
  properties[PROP_METADATA] =
    g_param_spec_object ("metadata", NULL, NULL, LK_TYPE_PROBE_METADATA, READ_ONLY);
  properties[PROP_FACES] = g_param_spec_object ("faces", NULL, NULL, G_TYPE_LIST_MODEL,
                                                READ_ONLY);
  properties[PROP_QUALITY] = g_param_spec_object ("quality", NULL, NULL, G_TYPE_LIST_MODEL,
                                                  READ_ONLY);
  properties[PROP_ANALYSIS] =
    g_param_spec_object ("analysis", NULL, NULL, LK_TYPE_PROBE_ANALYSIS, READ_ONLY);
  properties[PROP_REVISIONS] = g_param_spec_object ("revisions", NULL, NULL, G_TYPE_LIST_MODEL,
                                                    READ_ONLY);
  for (guint i = 0; i < N_TEXTS; i++)
    properties[PROP_FIRST_TEXT + i] =
      g_param_spec_string (texts[i].property, NULL, NULL, NULL, READ_ONLY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_probe_init (LkProbe *self)
{
  self->face_index = -1;
}

/* ---- getters -------------------------------------------------------------------------------- */

#define TEXT_GETTER(name, index)                      \
  const char *                                        \
  lk_probe_get_##name (LkProbe *self)                 \
  {                                                   \
    g_return_val_if_fail (LK_IS_PROBE (self), NULL);  \
    return self->texts[index];                        \
  }

TEXT_GETTER (case_number, TEXT_CASE_NUMBER)

guint
lk_probe_get_number (LkProbe *self)
{
  g_return_val_if_fail (LK_IS_PROBE (self), 0);
  return self->number;
}
TEXT_GETTER (sha256, TEXT_SHA256)
TEXT_GETTER (file_name, TEXT_FILE_NAME)
TEXT_GETTER (media_type, TEXT_MEDIA_TYPE)
TEXT_GETTER (status, TEXT_STATUS)
TEXT_GETTER (source_type, TEXT_SOURCE_TYPE)
TEXT_GETTER (kind, TEXT_KIND)
TEXT_GETTER (acquired_by, TEXT_ACQUIRED_BY)
TEXT_GETTER (acquired_at, TEXT_ACQUIRED_AT)
TEXT_GETTER (authority, TEXT_AUTHORITY)
TEXT_GETTER (custody_note, TEXT_CUSTODY_NOTE)
TEXT_GETTER (imported_by, TEXT_IMPORTED_BY)
TEXT_GETTER (imported_at, TEXT_IMPORTED_AT)

gint64
lk_probe_get_id (LkProbe *self)
{
  g_return_val_if_fail (LK_IS_PROBE (self), 0);
  return self->id;
}

int
lk_probe_get_width (LkProbe *self)
{
  g_return_val_if_fail (LK_IS_PROBE (self), 0);
  return self->width;
}

int
lk_probe_get_height (LkProbe *self)
{
  g_return_val_if_fail (LK_IS_PROBE (self), 0);
  return self->height;
}

gboolean
lk_probe_get_simulated (LkProbe *self)
{
  g_return_val_if_fail (LK_IS_PROBE (self), FALSE);
  return self->simulated;
}

int
lk_probe_get_face_index (LkProbe *self)
{
  g_return_val_if_fail (LK_IS_PROBE (self), -1);
  return self->face_index;
}

LkProbeMetadata *
lk_probe_get_metadata (LkProbe *self)
{
  g_return_val_if_fail (LK_IS_PROBE (self), NULL);
  return self->metadata;
}

GListModel *
lk_probe_get_faces (LkProbe *self)
{
  g_return_val_if_fail (LK_IS_PROBE (self), NULL);
  return self->faces;
}

GListModel *
lk_probe_get_quality (LkProbe *self)
{
  g_return_val_if_fail (LK_IS_PROBE (self), NULL);
  return self->quality;
}

LkProbeAnalysis *
lk_probe_get_analysis (LkProbe *self)
{
  g_return_val_if_fail (LK_IS_PROBE (self), NULL);
  return self->analysis;
}

GListModel *
lk_probe_get_revisions (LkProbe *self)
{
  g_return_val_if_fail (LK_IS_PROBE (self), NULL);
  return self->revisions;
}
