/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "candidates/lk-candidate-private.h"
#include "lk-util.h"

/* The text members, in the order of their property names below. */
enum {
  TEXT_SUBJECT_REF,
  TEXT_IMAGE_SHA256,
  TEXT_TRIAGE_STATE,
  TEXT_TRIAGE_REASON,
  N_TEXTS
};

struct _LkCandidate
{
  GObject   parent_instance;

  gint64    id;
  gint64    list_id;
  int       position;
  char     *texts[N_TEXTS];
  gboolean  scores_visible;
  int       rank;
  double    score;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_LIST_ID,
  PROP_POSITION,
  PROP_SCORES_VISIBLE,
  PROP_RANK,
  PROP_SCORE,
  PROP_FIRST_TEXT,
  N_PROPS = PROP_FIRST_TEXT + N_TEXTS
};

G_DEFINE_FINAL_TYPE (LkCandidate, lk_candidate, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

LkCandidate *
lk_candidate_new (gint64      id,
                  gint64      list_id,
                  const char *subject_ref,
                  const char *image_sha256,
                  const char *triage_state,
                  const char *triage_reason)
{
  LkCandidate *self = g_object_new (LK_TYPE_CANDIDATE, NULL);

  self->id = id;
  self->list_id = list_id;
  self->texts[TEXT_SUBJECT_REF] = g_strdup (subject_ref);
  self->texts[TEXT_IMAGE_SHA256] = g_strdup (image_sha256);
  lk_candidate_set_triage (self, triage_state, triage_reason);
  return self;
}

LkCandidate *
lk_candidate_copy (LkCandidate *self)
{
  LkCandidate *copy;

  g_return_val_if_fail (LK_IS_CANDIDATE (self), NULL);
  copy = lk_candidate_new (self->id, self->list_id, self->texts[TEXT_SUBJECT_REF],
                           self->texts[TEXT_IMAGE_SHA256], self->texts[TEXT_TRIAGE_STATE],
                           self->texts[TEXT_TRIAGE_REASON]);
  copy->position = self->position;
  copy->scores_visible = self->scores_visible;
  copy->rank = self->rank;
  copy->score = self->score;
  return copy;
}

void
lk_candidate_set_position (LkCandidate *self,
                           int          position)
{
  g_return_if_fail (LK_IS_CANDIDATE (self));
  self->position = position;
}

void
lk_candidate_reveal (LkCandidate *self,
                     int          rank,
                     double       score)
{
  g_return_if_fail (LK_IS_CANDIDATE (self));
  self->scores_visible = TRUE;
  self->rank = rank;
  self->score = score;
}

void
lk_candidate_hide_scores (LkCandidate *self)
{
  g_return_if_fail (LK_IS_CANDIDATE (self));
  self->scores_visible = FALSE;
  self->rank = 0;
  self->score = NAN;
}

void
lk_candidate_set_triage (LkCandidate *self,
                         const char  *state,
                         const char  *reason)
{
  g_return_if_fail (LK_IS_CANDIDATE (self));
  g_free (self->texts[TEXT_TRIAGE_STATE]);
  g_free (self->texts[TEXT_TRIAGE_REASON]);
  self->texts[TEXT_TRIAGE_STATE] = g_strdup (state);
  self->texts[TEXT_TRIAGE_REASON] = lk_text_is_blank (reason) ? NULL : g_strdup (reason);
}

#define GETTER(type, name, field, fallback) \
  type \
  lk_candidate_get_##name (LkCandidate *self) \
  { \
    g_return_val_if_fail (LK_IS_CANDIDATE (self), fallback); \
    return self->field; \
  }

GETTER (gint64, id, id, 0)
GETTER (gint64, list_id, list_id, 0)
GETTER (int, position, position, 0)
GETTER (const char *, subject_ref, texts[TEXT_SUBJECT_REF], NULL)
GETTER (const char *, image_sha256, texts[TEXT_IMAGE_SHA256], NULL)
GETTER (const char *, triage_state, texts[TEXT_TRIAGE_STATE], NULL)
GETTER (const char *, triage_reason, texts[TEXT_TRIAGE_REASON], NULL)
GETTER (gboolean, scores_visible, scores_visible, FALSE)
GETTER (int, rank, rank, 0)
GETTER (double, score, score, NAN)

static void
lk_candidate_finalize (GObject *object)
{
  LkCandidate *self = LK_CANDIDATE (object);

  for (guint i = 0; i < N_TEXTS; i++)
    g_free (self->texts[i]);
  G_OBJECT_CLASS (lk_candidate_parent_class)->finalize (object);
}

static void
lk_candidate_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LkCandidate *self = LK_CANDIDATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_LIST_ID:
      g_value_set_int64 (value, self->list_id);
      break;
    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;
    case PROP_SCORES_VISIBLE:
      g_value_set_boolean (value, self->scores_visible);
      break;
    case PROP_RANK:
      g_value_set_int (value, self->rank);
      break;
    case PROP_SCORE:
      g_value_set_double (value, self->score);
      break;
    default:
      if (prop_id >= PROP_FIRST_TEXT && prop_id < N_PROPS)
        g_value_set_string (value, self->texts[prop_id - PROP_FIRST_TEXT]);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_candidate_class_init (LkCandidateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  static const char * const text_names[] = {
    "subject-ref", "image-sha256", "triage-state", "triage-reason",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (text_names) == N_TEXTS);

  object_class->finalize = lk_candidate_finalize;
  object_class->get_property = lk_candidate_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LIST_ID] = g_param_spec_int64 ("list-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_POSITION] = g_param_spec_int ("position", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_SCORES_VISIBLE] = g_param_spec_boolean ("scores-visible", NULL, NULL, FALSE,
                                                          flags);
  properties[PROP_RANK] = g_param_spec_int ("rank", NULL, NULL, 0, G_MAXINT, 0, flags);
  /* NAN while hidden: no bounds, so that the hidden value is a valid one. */
  properties[PROP_SCORE] = g_param_spec_double ("score", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE,
                                                0, flags);
  for (guint i = 0; i < N_TEXTS; i++)
    properties[PROP_FIRST_TEXT + i] = g_param_spec_string (text_names[i], NULL, NULL, NULL,
                                                           flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_candidate_init (LkCandidate *self)
{
  self->score = NAN;
}
