/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "examination/lk-annotation-private.h"
#include "examination/lk-examination-private.h"
#include "lk-error.h"
#include "lk-json.h"

struct _LkExamination
{
  GObject       parent_instance;

  gint64        id;
  char         *purpose;
  char         *case_number;
  gint64        probe_id;
  gint64        candidate_id;
  char         *subject_ref;
  char         *feature_list;
  char         *examiner;
  char         *started_at;
  char         *updated_at;
  int           revision;
  double        seconds_spent;
  gboolean      signed_;
  gboolean      blind;
  gboolean      aligned;
  LkSimilarity  alignment;
  GListModel   *annotations;
  JsonNode     *enhancements[2];  /* as stored: probe, candidate */
};

enum {
  PROP_0,
  PROP_ID,
  PROP_PURPOSE,
  PROP_CASE_NUMBER,
  PROP_PROBE_ID,
  PROP_CANDIDATE_ID,
  PROP_SUBJECT_REF,
  PROP_FEATURE_LIST,
  PROP_EXAMINER,
  PROP_STARTED_AT,
  PROP_UPDATED_AT,
  PROP_REVISION,
  PROP_SECONDS_SPENT,
  PROP_SIGNED,
  PROP_BLIND,
  PROP_ALIGNED,
  PROP_ANNOTATIONS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (LkExamination, lk_examination, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static const char * const images[] = { "probe", "candidate" };

/* The stored alignment: {"transform": {"a", "b", "tx", "ty"}, ...} or null. */
static void
read_alignment (LkExamination *self,
                JsonNode      *node)
{
  JsonObject *alignment = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                          ? json_node_get_object (node) : NULL;
  JsonNode *transform = alignment != NULL ? json_object_get_member (alignment, "transform")
                                          : NULL;

  /* lk_examinations_get_examination refuses a damaged transform before this. */
  self->aligned = transform != NULL && JSON_NODE_HOLDS_OBJECT (transform) &&
                  lk_similarity_from_json (json_node_get_object (transform), &self->alignment,
                                           NULL);
  if (!self->aligned)
    lk_similarity_identity (&self->alignment);
}

static void
read_text_members (LkExamination *self,
                   JsonObject    *o)
{
  self->purpose = g_strdup (lk_json_string (o, "purpose"));
  self->case_number = g_strdup (lk_json_string (o, "case"));
  self->subject_ref = g_strdup (lk_json_string (o, "subject_ref"));
  self->feature_list = g_strdup (lk_json_string (o, "feature_list"));
  self->examiner = g_strdup (lk_json_string (o, "examiner"));
  self->started_at = g_strdup (lk_json_string (o, "started_at"));
  self->updated_at = g_strdup (lk_json_string (o, "updated_at"));
}

LkExamination *
lk_examination_new_from_json (JsonObject *o)
{
  LkExamination *self = g_object_new (LK_TYPE_EXAMINATION, NULL);
  JsonNode *annotations = json_object_get_member (o, "annotations");

  self->id = json_object_get_int_member_with_default (o, "id", 0);
  self->probe_id = json_object_get_int_member_with_default (o, "probe_id", 0);
  self->candidate_id = json_object_get_int_member_with_default (o, "candidate_id", 0);
  read_text_members (self, o);
  self->revision = (int) json_object_get_int_member_with_default (o, "revision", 1);
  self->seconds_spent = json_object_get_double_member_with_default (o, "seconds_spent", 0);
  self->signed_ = json_object_get_boolean_member_with_default (o, "signed", FALSE);
  self->blind = json_object_get_boolean_member_with_default (o, "blind", FALSE);
  read_alignment (self, json_object_get_member (o, "alignment"));
  self->annotations = lk_annotation_list_from_json (
    annotations != NULL && JSON_NODE_HOLDS_ARRAY (annotations) ? json_node_get_array (annotations)
                                                               : NULL);
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *member = g_strdup_printf ("%s_enhancements", images[i]);
      JsonNode *node = json_object_get_member (o, member);

      self->enhancements[i] = node != NULL ? json_node_copy (node) : NULL;
    }
  return self;
}

#define GETTER(type, name, field, fallback) \
  type \
  lk_examination_get_##name (LkExamination *self) \
  { \
    g_return_val_if_fail (LK_IS_EXAMINATION (self), fallback); \
    return self->field; \
  }

GETTER (gint64, id, id, 0)
GETTER (const char *, purpose, purpose, NULL)
GETTER (const char *, case_number, case_number, NULL)
GETTER (gint64, probe_id, probe_id, 0)
GETTER (gint64, candidate_id, candidate_id, 0)
GETTER (const char *, subject_ref, subject_ref, NULL)
GETTER (const char *, feature_list, feature_list, NULL)
GETTER (const char *, examiner, examiner, NULL)
GETTER (const char *, started_at, started_at, NULL)
GETTER (const char *, updated_at, updated_at, NULL)
GETTER (int, revision, revision, 0)
GETTER (double, seconds_spent, seconds_spent, 0)
GETTER (gboolean, signed, signed_, FALSE)
GETTER (gboolean, blind, blind, FALSE)
GETTER (gboolean, aligned, aligned, FALSE)
GETTER (GListModel *, annotations, annotations, NULL)

gboolean
lk_examination_get_alignment (LkExamination *self,
                              LkSimilarity  *transform)
{
  g_return_val_if_fail (LK_IS_EXAMINATION (self), FALSE);
  g_return_val_if_fail (transform != NULL, FALSE);

  *transform = self->alignment;
  return self->aligned;
}

LkEnhancementStack *
lk_examination_get_enhancements (LkExamination  *self,
                                 const char     *image,
                                 GError        **error)
{
  JsonNode *node;
  int i = g_strcmp0 (image, images[0]) == 0 ? 0 : g_strcmp0 (image, images[1]) == 0 ? 1 : -1;

  g_return_val_if_fail (LK_IS_EXAMINATION (self), NULL);

  if (i < 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "An enhancement stack belongs to the “probe” or the “candidate” image, "
                   "not “%s”", image ? image : "");
      return NULL;
    }
  node = self->enhancements[i];
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return lk_enhancement_stack_new ();
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "The %s enhancement stack is not a list of steps", image);
      return NULL;
    }
  return lk_enhancement_stack_new_from_json (json_node_get_array (node), error);
}

static void
lk_examination_dispose (GObject *object)
{
  LkExamination *self = LK_EXAMINATION (object);

  g_clear_object (&self->annotations);
  G_OBJECT_CLASS (lk_examination_parent_class)->dispose (object);
}

static void
lk_examination_finalize (GObject *object)
{
  LkExamination *self = LK_EXAMINATION (object);

  g_free (self->purpose);
  g_free (self->case_number);
  g_free (self->subject_ref);
  g_free (self->feature_list);
  g_free (self->examiner);
  g_free (self->started_at);
  g_free (self->updated_at);
  for (int i = 0; i < 2; i++)
    g_clear_pointer (&self->enhancements[i], json_node_unref);
  G_OBJECT_CLASS (lk_examination_parent_class)->finalize (object);
}

static void
lk_examination_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LkExamination *self = LK_EXAMINATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_PURPOSE:
      g_value_set_string (value, self->purpose);
      break;
    case PROP_CASE_NUMBER:
      g_value_set_string (value, self->case_number);
      break;
    case PROP_PROBE_ID:
      g_value_set_int64 (value, self->probe_id);
      break;
    case PROP_CANDIDATE_ID:
      g_value_set_int64 (value, self->candidate_id);
      break;
    case PROP_SUBJECT_REF:
      g_value_set_string (value, self->subject_ref);
      break;
    case PROP_FEATURE_LIST:
      g_value_set_string (value, self->feature_list);
      break;
    case PROP_EXAMINER:
      g_value_set_string (value, self->examiner);
      break;
    case PROP_STARTED_AT:
      g_value_set_string (value, self->started_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_string (value, self->updated_at);
      break;
    case PROP_REVISION:
      g_value_set_int (value, self->revision);
      break;
    case PROP_SECONDS_SPENT:
      g_value_set_double (value, self->seconds_spent);
      break;
    case PROP_SIGNED:
      g_value_set_boolean (value, self->signed_);
      break;
    case PROP_BLIND:
      g_value_set_boolean (value, self->blind);
      break;
    case PROP_ALIGNED:
      g_value_set_boolean (value, self->aligned);
      break;
    case PROP_ANNOTATIONS:
      g_value_set_object (value, self->annotations);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_examination_class_init (LkExaminationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lk_examination_dispose;
  object_class->finalize = lk_examination_finalize;
  object_class->get_property = lk_examination_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PURPOSE] = g_param_spec_string ("purpose", NULL, NULL, NULL, flags);
  properties[PROP_CASE_NUMBER] = g_param_spec_string ("case-number", NULL, NULL, NULL, flags);
  properties[PROP_PROBE_ID] = g_param_spec_int64 ("probe-id", NULL, NULL, 0, G_MAXINT64, 0,
                                                  flags);
  properties[PROP_CANDIDATE_ID] = g_param_spec_int64 ("candidate-id", NULL, NULL, 0, G_MAXINT64,
                                                      0, flags);
  properties[PROP_SUBJECT_REF] = g_param_spec_string ("subject-ref", NULL, NULL, NULL, flags);
  properties[PROP_FEATURE_LIST] = g_param_spec_string ("feature-list", NULL, NULL, NULL, flags);
  properties[PROP_EXAMINER] = g_param_spec_string ("examiner", NULL, NULL, NULL, flags);
  properties[PROP_STARTED_AT] = g_param_spec_string ("started-at", NULL, NULL, NULL, flags);
  properties[PROP_UPDATED_AT] = g_param_spec_string ("updated-at", NULL, NULL, NULL, flags);
  properties[PROP_REVISION] = g_param_spec_int ("revision", NULL, NULL, 0, G_MAXINT, 1, flags);
  properties[PROP_SECONDS_SPENT] = g_param_spec_double ("seconds-spent", NULL, NULL, 0,
                                                        G_MAXDOUBLE, 0, flags);
  properties[PROP_SIGNED] = g_param_spec_boolean ("signed", NULL, NULL, FALSE, flags);
  properties[PROP_BLIND] = g_param_spec_boolean ("blind", NULL, NULL, FALSE, flags);
  properties[PROP_ALIGNED] = g_param_spec_boolean ("aligned", NULL, NULL, FALSE, flags);
  properties[PROP_ANNOTATIONS] = g_param_spec_object ("annotations", NULL, NULL,
                                                      G_TYPE_LIST_MODEL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_examination_init (LkExamination *self)
{
  lk_similarity_identity (&self->alignment);
}
