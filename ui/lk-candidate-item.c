/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "lk-candidate-item.h"
#include "lk-ui-util.h"

struct _LkCandidateItem
{
  GObject       parent_instance;
  LkCandidate  *candidate;
  GdkPaintable *thumbnail;
  char         *image_note;  /* why there is no thumbnail (a purge, an unreadable image) */
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBJECT,
  PROP_STATE_LABEL,
  PROP_STATE_ICON,
  PROP_SCORE_LABEL,
  PROP_THUMBNAIL,
  PROP_ACCESSIBLE_LABEL,
  PROP_IMAGE_NOTE,
  PROP_IMAGE_MISSING,
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
score_label (const LkCandidate *c)
{
  if (!c->scores_visible)
    return g_strdup ("");
  return g_strdup_printf ("Rank %d · score %.4g", c->rank, c->score);
}

/* What a screen reader says for the tile: the place in the presented order, the subject and
 * the triage state, and rank and score only when they are shown on the tile too. */
static char *
accessible_label (const LkCandidate *c,
                  const char        *image_note)
{
  g_autofree char *score = score_label (c);
  g_autofree char *state = g_utf8_strdown (state_label (c->triage_state), -1);

  return g_strdup_printf ("Candidate %d, %s, %s%s%s%s%s", c->position, c->subject_ref, state,
                          *score ? ", " : "", score, image_note ? ", " : "",
                          image_note ? image_note : "");
}

static void
lk_candidate_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LkCandidateItem *self = LK_CANDIDATE_ITEM (object);
  const LkCandidate *c = self->candidate;

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_take_string (value, g_strdup_printf ("Candidate %d", c->position));
      break;
    case PROP_SUBJECT:
      g_value_set_string (value, c->subject_ref);
      break;
    case PROP_STATE_LABEL:
      g_value_set_string (value, state_label (c->triage_state));
      break;
    case PROP_STATE_ICON:
      g_value_set_string (value, state_icon (c->triage_state));
      break;
    case PROP_SCORE_LABEL:
      g_value_take_string (value, score_label (c));
      break;
    case PROP_THUMBNAIL:
      g_value_set_object (value, self->thumbnail);
      break;
    case PROP_ACCESSIBLE_LABEL:
      g_value_take_string (value, accessible_label (c, self->image_note));
      break;
    case PROP_IMAGE_NOTE:
      g_value_set_string (value, self->image_note);
      break;
    case PROP_IMAGE_MISSING:
      g_value_set_boolean (value, self->image_note != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_candidate_item_finalize (GObject *object)
{
  LkCandidateItem *self = LK_CANDIDATE_ITEM (object);

  g_clear_pointer (&self->candidate, lk_candidate_free);
  g_clear_object (&self->thumbnail);
  g_free (self->image_note);
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

  properties[PROP_TITLE] = string_property ("title");
  properties[PROP_SUBJECT] = string_property ("subject");
  properties[PROP_STATE_LABEL] = string_property ("state-label");
  properties[PROP_STATE_ICON] = string_property ("state-icon");
  properties[PROP_SCORE_LABEL] = string_property ("score-label");
  properties[PROP_ACCESSIBLE_LABEL] = string_property ("accessible-label");
  properties[PROP_IMAGE_NOTE] = string_property ("image-note");
  properties[PROP_IMAGE_MISSING] =
    g_param_spec_boolean ("image-missing", NULL, NULL, FALSE,
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

static LkCandidate *
copy_candidate (const LkCandidate *c)
{
  LkCandidate *copy = g_memdup2 (c, sizeof *c);

  copy->subject_ref = g_strdup (c->subject_ref);
  copy->image_sha256 = g_strdup (c->image_sha256);
  copy->triage_state = g_strdup (c->triage_state);
  copy->triage_reason = g_strdup (c->triage_reason);
  return copy;
}

LkCandidateItem *
lk_candidate_item_new (const LkCandidate *candidate)
{
  LkCandidateItem *self = g_object_new (LK_TYPE_CANDIDATE_ITEM, NULL);

  self->candidate = copy_candidate (candidate);
  return self;
}

const LkCandidate *
lk_candidate_item_get_candidate (LkCandidateItem *self)
{
  g_return_val_if_fail (LK_IS_CANDIDATE_ITEM (self), NULL);
  return self->candidate;
}

gint64
lk_candidate_item_get_id (LkCandidateItem *self)
{
  g_return_val_if_fail (LK_IS_CANDIDATE_ITEM (self), 0);
  return self->candidate->id;
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

void
lk_candidate_item_set_image_error (LkCandidateItem *self,
                                   const GError    *error)
{
  g_autofree char *note = NULL;

  g_return_if_fail (LK_IS_CANDIDATE_ITEM (self) && error != NULL);

  note = lk_image_error_text (error);
  if (g_strcmp0 (note, self->image_note) == 0)
    return;
  g_free (self->image_note);
  self->image_note = g_steal_pointer (&note);
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE_NOTE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE_MISSING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCESSIBLE_LABEL]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
lk_candidate_item_get_image_note (LkCandidateItem *self)
{
  g_return_val_if_fail (LK_IS_CANDIDATE_ITEM (self), NULL);
  return self->image_note;
}

static void
notify_changed (LkCandidateItem *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBJECT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_ICON]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORE_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCESSIBLE_LABEL]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
lk_candidate_item_update (LkCandidateItem   *self,
                          const LkCandidate *candidate)
{
  LkCandidate *old;

  g_return_if_fail (LK_IS_CANDIDATE_ITEM (self));

  /* Copied before the old one is freed: @candidate may share its strings. */
  old = g_steal_pointer (&self->candidate);
  self->candidate = copy_candidate (candidate);
  lk_candidate_free (old);
  notify_changed (self);
}

void
lk_candidate_item_set_triage (LkCandidateItem *self,
                              const char      *state,
                              const char      *reason)
{
  g_autofree char *old_state = NULL;
  g_autofree char *old_reason = NULL;

  g_return_if_fail (LK_IS_CANDIDATE_ITEM (self));
  g_return_if_fail (state != NULL);

  old_state = g_steal_pointer (&self->candidate->triage_state);
  old_reason = g_steal_pointer (&self->candidate->triage_reason);
  self->candidate->triage_state = g_strdup (state);
  self->candidate->triage_reason = lk_text_is_blank (reason) ? NULL : g_strdup (reason);
  notify_changed (self);
}
