/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-candidate-item.h"
#include "lk-ui-util.h"

struct _LkCandidateItem
{
  GObject       parent_instance;
  LkCandidate  *candidate;      /* the core's read-only record */
  GdkPaintable *thumbnail;
  char         *problem;
};

enum {
  PROP_0,
  PROP_CANDIDATE,
  PROP_TITLE,
  PROP_SUBJECT,
  PROP_STATE_LABEL,
  PROP_STATE_ICON,
  PROP_SCORE_LABEL,
  PROP_THUMBNAIL,
  PROP_ACCESSIBLE_LABEL,
  PROP_PROBLEM,
  PROP_HAS_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LkCandidateItem, lk_candidate_item, G_TYPE_OBJECT)

static const char *
state_label (const char *state)
{
  if (g_strcmp0 (state, "retained") == 0)
    return "Retained";
  if (g_strcmp0 (state, "eliminated") == 0)
    return "Eliminated";
  return "Not reviewed";
}

static const char *
state_icon (const char *state)
{
  if (g_strcmp0 (state, "retained") == 0)
    return "emblem-ok-symbolic";
  if (g_strcmp0 (state, "eliminated") == 0)
    return "window-close-symbolic";
  return "content-loading-symbolic";
}

static char *
score_label (LkCandidate *c)
{
  if (!lk_candidate_get_scores_visible (c))
    return g_strdup ("");
  return g_strdup_printf ("Rank %d · score %.4g", lk_candidate_get_rank (c),
                          lk_candidate_get_score (c));
}

/* What a screen reader says for the tile: the place in the presented order, the subject and
 * the triage state, and rank and score only when they are shown on the tile too. */
static char *
accessible_label (LkCandidate *c,
                  const char  *problem)
{
  g_autofree char *score = score_label (c);
  g_autofree char *state = g_utf8_strdown (state_label (lk_candidate_get_triage_state (c)), -1);
  g_autofree char *trouble = problem != NULL ? g_utf8_strdown (problem, -1) : NULL;

  return g_strdup_printf ("Candidate %d, %s, %s%s%s%s%s", lk_candidate_get_position (c),
                          lk_candidate_get_subject_ref (c), state, *score ? ", " : "", score,
                          trouble != NULL ? ", " : "", trouble != NULL ? trouble : "");
}

static void
lk_candidate_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LkCandidateItem *self = LK_CANDIDATE_ITEM (object);
  LkCandidate *c = self->candidate;

  switch (prop_id)
    {
    case PROP_CANDIDATE:
      g_value_set_object (value, c);
      break;
    case PROP_TITLE:
      g_value_take_string (value, g_strdup_printf ("Candidate %d", lk_candidate_get_position (c)));
      break;
    case PROP_SUBJECT:
      g_value_set_string (value, lk_candidate_get_subject_ref (c));
      break;
    case PROP_STATE_LABEL:
      g_value_set_string (value, state_label (lk_candidate_get_triage_state (c)));
      break;
    case PROP_STATE_ICON:
      g_value_set_string (value, state_icon (lk_candidate_get_triage_state (c)));
      break;
    case PROP_SCORE_LABEL:
      g_value_take_string (value, score_label (c));
      break;
    case PROP_THUMBNAIL:
      g_value_set_object (value, self->thumbnail);
      break;
    case PROP_ACCESSIBLE_LABEL:
      g_value_take_string (value, accessible_label (c, self->problem));
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    case PROP_HAS_PROBLEM:
      g_value_set_boolean (value, self->problem != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_candidate_item_finalize (GObject *object)
{
  LkCandidateItem *self = LK_CANDIDATE_ITEM (object);

  g_clear_object (&self->candidate);
  g_clear_object (&self->thumbnail);
  g_free (self->problem);
  G_OBJECT_CLASS (lk_candidate_item_parent_class)->finalize (object);
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
lk_candidate_item_class_init (LkCandidateItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_candidate_item_finalize;
  object_class->get_property = lk_candidate_item_get_property;

  properties[PROP_CANDIDATE] =
    g_param_spec_object ("candidate", NULL, NULL, LK_TYPE_CANDIDATE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = string_property ("title");
  properties[PROP_SUBJECT] = string_property ("subject");
  properties[PROP_STATE_LABEL] = string_property ("state-label");
  properties[PROP_STATE_ICON] = string_property ("state-icon");
  properties[PROP_SCORE_LABEL] = string_property ("score-label");
  properties[PROP_ACCESSIBLE_LABEL] = string_property ("accessible-label");
  properties[PROP_PROBLEM] = string_property ("problem");
  properties[PROP_HAS_PROBLEM] =
    g_param_spec_boolean ("has-problem", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THUMBNAIL] =
    g_param_spec_object ("thumbnail", NULL, NULL, GDK_TYPE_PAINTABLE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_candidate_item_init (LkCandidateItem *self)
{
}

LkCandidateItem *
lk_candidate_item_new (LkCandidate *candidate)
{
  LkCandidateItem *self;

  g_return_val_if_fail (LK_IS_CANDIDATE (candidate), NULL);
  self = g_object_new (LK_TYPE_CANDIDATE_ITEM, NULL);
  self->candidate = g_object_ref (candidate);
  return self;
}

LkCandidate *
lk_candidate_item_get_candidate (LkCandidateItem *self)
{
  g_return_val_if_fail (LK_IS_CANDIDATE_ITEM (self), NULL);
  return self->candidate;
}

gint64
lk_candidate_item_get_id (LkCandidateItem *self)
{
  g_return_val_if_fail (LK_IS_CANDIDATE_ITEM (self), 0);
  return lk_candidate_get_id (self->candidate);
}

GdkPaintable *
lk_candidate_item_get_thumbnail (LkCandidateItem *self)
{
  g_return_val_if_fail (LK_IS_CANDIDATE_ITEM (self), NULL);
  return self->thumbnail;
}

void
lk_candidate_item_set_thumbnail (LkCandidateItem *self,
                                 GdkPaintable    *thumbnail)
{
  g_return_if_fail (LK_IS_CANDIDATE_ITEM (self));
  if (g_set_object (&self->thumbnail, thumbnail))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THUMBNAIL]);
}

const char *
lk_candidate_item_get_problem (LkCandidateItem *self)
{
  g_return_val_if_fail (LK_IS_CANDIDATE_ITEM (self), NULL);
  return self->problem;
}

void
lk_candidate_item_set_problem (LkCandidateItem *self,
                               const char      *problem)
{
  g_return_if_fail (LK_IS_CANDIDATE_ITEM (self));
  if (g_strcmp0 (self->problem, problem) == 0)
    return;
  g_free (self->problem);
  self->problem = g_strdup (problem);
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_PROBLEM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCESSIBLE_LABEL]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
notify_changed (LkCandidateItem *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_CANDIDATE; i <= PROP_ACCESSIBLE_LABEL; i++)
    if (i != PROP_THUMBNAIL)
      g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
lk_candidate_item_set_candidate (LkCandidateItem *self,
                                 LkCandidate     *candidate)
{
  g_return_if_fail (LK_IS_CANDIDATE_ITEM (self));
  g_return_if_fail (LK_IS_CANDIDATE (candidate));

  if (g_set_object (&self->candidate, candidate))
    notify_changed (self);
}
