/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "verification/lk-verification-comparison-private.h"

#include "lk-json.h"

/* ---- one characteristic -------------------------------------------------------------------- */

struct _LkVerificationDifference
{
  GObject  parent_instance;

  char    *characteristic;
  char    *name;
  char    *result[2];       /* examiner, reviewer */
  char    *significance[2];
};

G_DEFINE_FINAL_TYPE (LkVerificationDifference, lk_verification_difference, G_TYPE_OBJECT)

static void
lk_verification_difference_finalize (GObject *object)
{
  LkVerificationDifference *self = LK_VERIFICATION_DIFFERENCE (object);

  g_free (self->characteristic);
  g_free (self->name);
  for (int i = 0; i < 2; i++)
    {
      g_free (self->result[i]);
      g_free (self->significance[i]);
    }
  G_OBJECT_CLASS (lk_verification_difference_parent_class)->finalize (object);
}

static void
lk_verification_difference_class_init (LkVerificationDifferenceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_verification_difference_finalize;
}

static void
lk_verification_difference_init (LkVerificationDifference *self)
{
}

const char *
lk_verification_difference_get_characteristic (LkVerificationDifference *self)
{
  g_return_val_if_fail (LK_IS_VERIFICATION_DIFFERENCE (self), NULL);
  return self->characteristic;
}

const char *
lk_verification_difference_get_name (LkVerificationDifference *self)
{
  g_return_val_if_fail (LK_IS_VERIFICATION_DIFFERENCE (self), NULL);
  return self->name;
}

const char *
lk_verification_difference_get_examiner_result (LkVerificationDifference *self)
{
  g_return_val_if_fail (LK_IS_VERIFICATION_DIFFERENCE (self), NULL);
  return self->result[0];
}

const char *
lk_verification_difference_get_examiner_significance (LkVerificationDifference *self)
{
  g_return_val_if_fail (LK_IS_VERIFICATION_DIFFERENCE (self), NULL);
  return self->significance[0];
}

const char *
lk_verification_difference_get_reviewer_result (LkVerificationDifference *self)
{
  g_return_val_if_fail (LK_IS_VERIFICATION_DIFFERENCE (self), NULL);
  return self->result[1];
}

const char *
lk_verification_difference_get_reviewer_significance (LkVerificationDifference *self)
{
  g_return_val_if_fail (LK_IS_VERIFICATION_DIFFERENCE (self), NULL);
  return self->significance[1];
}

gboolean
lk_verification_difference_get_differs (LkVerificationDifference *self)
{
  g_return_val_if_fail (LK_IS_VERIFICATION_DIFFERENCE (self), FALSE);
  return g_strcmp0 (self->result[0], self->result[1]) != 0 ||
         g_strcmp0 (self->significance[0], self->significance[1]) != 0;
}

/* ---- the comparison ------------------------------------------------------------------------ */

struct _LkVerificationComparison
{
  GObject     parent_instance;

  char       *level[2];
  char       *limitations[2];
  char       *reasoning[2];
  gboolean    open_review;
  gboolean    same_level;
  char       *rule;
  gboolean    agrees;
  GListStore *characteristics;
};

G_DEFINE_FINAL_TYPE (LkVerificationComparison, lk_verification_comparison, G_TYPE_OBJECT)

static void
lk_verification_comparison_finalize (GObject *object)
{
  LkVerificationComparison *self = LK_VERIFICATION_COMPARISON (object);

  for (int i = 0; i < 2; i++)
    {
      g_free (self->level[i]);
      g_free (self->limitations[i]);
      g_free (self->reasoning[i]);
    }
  g_free (self->rule);
  g_clear_object (&self->characteristics);
  G_OBJECT_CLASS (lk_verification_comparison_parent_class)->finalize (object);
}

static void
lk_verification_comparison_class_init (LkVerificationComparisonClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_verification_comparison_finalize;
}

static void
lk_verification_comparison_init (LkVerificationComparison *self)
{
  self->characteristics = g_list_store_new (LK_TYPE_VERIFICATION_DIFFERENCE);
}

gboolean
lk_opinions_agree (const LkOpinion *a,
                   const LkOpinion *b,
                   const char      *rule)
{
  if (a->not_suitable || b->not_suitable)
    return a->not_suitable == b->not_suitable;
  if (a->ordinal == b->ordinal)
    return TRUE;
  if (g_strcmp0 (rule, "same-side-within-one") != 0)
    return FALSE;
  /* The same side of the scale (neutral is a side of its own), at most one level apart. */
  return (a->ordinal > 0) == (b->ordinal > 0) && (a->ordinal < 0) == (b->ordinal < 0) &&
         abs (a->ordinal - b->ordinal) <= 1;
}

static JsonArray *
snapshot_observations (const char *text)
{
  g_autoptr(JsonNode) node = lk_json_parse (text);
  JsonObject *o = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                                                : NULL;

  if (o == NULL || !json_object_has_member (o, "observations"))
    return json_array_new ();
  return json_array_ref (json_object_get_array_member (o, "observations"));
}

static LkVerificationDifference *
find_or_add (LkVerificationComparison *self,
             JsonObject               *observation)
{
  const char *id = json_object_get_string_member_with_default (observation, "characteristic",
                                                               "");
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->characteristics));
  g_autoptr(LkVerificationDifference) added = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkVerificationDifference) d =
        g_list_model_get_item (G_LIST_MODEL (self->characteristics), i);

      if (g_str_equal (d->characteristic, id))
        return d;
    }
  added = g_object_new (LK_TYPE_VERIFICATION_DIFFERENCE, NULL);
  added->characteristic = g_strdup (id);
  added->name = g_strdup (json_object_get_string_member_with_default (observation, "name", id));
  g_list_store_append (self->characteristics, added);
  return added;
}

static void
add_side (LkVerificationComparison *self,
          const char               *snapshot,
          int                       side)
{
  g_autoptr(JsonArray) observations = snapshot_observations (snapshot);

  for (guint i = 0; i < json_array_get_length (observations); i++)
    {
      JsonObject *o = json_array_get_object_element (observations, i);
      LkVerificationDifference *d = find_or_add (self, o);

      g_free (d->result[side]);
      g_free (d->significance[side]);
      d->result[side] = g_strdup (json_object_get_string_member_with_default (o, "result", NULL));
      d->significance[side] =
        g_strdup (json_object_get_string_member_with_default (o, "significance", NULL));
    }
}

static void
set_side (LkVerificationComparison *self,
          const LkOpinion          *opinion,
          int                       side)
{
  self->level[side] = g_strdup (opinion->level);
  self->limitations[side] = g_strdup (opinion->limitations);
  self->reasoning[side] = g_strdup (opinion->reasoning);
  add_side (self, opinion->observations, side);
}

LkVerificationComparison *
lk_verification_comparison_new (const LkOpinion *examiner,
                                const LkOpinion *reviewer,
                                const char      *rule)
{
  LkVerificationComparison *self = g_object_new (LK_TYPE_VERIFICATION_COMPARISON, NULL);

  self->rule = g_strdup (rule);
  set_side (self, examiner, 0);
  self->open_review = reviewer == NULL;
  if (reviewer != NULL)
    {
      set_side (self, reviewer, 1);
      self->same_level = examiner->not_suitable == reviewer->not_suitable &&
                         (examiner->not_suitable || examiner->ordinal == reviewer->ordinal);
      self->agrees = lk_opinions_agree (examiner, reviewer, rule);
    }
  return self;
}

#define SIDE_GETTER(what, field, side) \
  const char * \
  lk_verification_comparison_get_##what (LkVerificationComparison *self) \
  { \
    g_return_val_if_fail (LK_IS_VERIFICATION_COMPARISON (self), NULL); \
    return self->field[side]; \
  }

SIDE_GETTER (examiner_level, level, 0)
SIDE_GETTER (examiner_limitations, limitations, 0)
SIDE_GETTER (examiner_reasoning, reasoning, 0)
SIDE_GETTER (reviewer_level, level, 1)
SIDE_GETTER (reviewer_limitations, limitations, 1)
SIDE_GETTER (reviewer_reasoning, reasoning, 1)

gboolean
lk_verification_comparison_get_same_level (LkVerificationComparison *self)
{
  g_return_val_if_fail (LK_IS_VERIFICATION_COMPARISON (self), FALSE);
  return self->same_level;
}

gboolean
lk_verification_comparison_get_same_limitations (LkVerificationComparison *self)
{
  g_return_val_if_fail (LK_IS_VERIFICATION_COMPARISON (self), FALSE);
  return !self->open_review && g_strcmp0 (self->limitations[0], self->limitations[1]) == 0;
}

const char *
lk_verification_comparison_get_rule (LkVerificationComparison *self)
{
  g_return_val_if_fail (LK_IS_VERIFICATION_COMPARISON (self), NULL);
  return self->rule;
}

gboolean
lk_verification_comparison_get_agrees (LkVerificationComparison *self)
{
  g_return_val_if_fail (LK_IS_VERIFICATION_COMPARISON (self), FALSE);
  return self->agrees;
}

GListModel *
lk_verification_comparison_get_characteristics (LkVerificationComparison *self)
{
  g_return_val_if_fail (LK_IS_VERIFICATION_COMPARISON (self), NULL);
  return G_LIST_MODEL (self->characteristics);
}

guint
lk_verification_comparison_get_n_differences (LkVerificationComparison *self)
{
  guint n = 0;

  g_return_val_if_fail (LK_IS_VERIFICATION_COMPARISON (self), 0);

  if (self->open_review)
    return 0;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->characteristics)); i++)
    {
      g_autoptr(LkVerificationDifference) d =
        g_list_model_get_item (G_LIST_MODEL (self->characteristics), i);

      n += lk_verification_difference_get_differs (d);
    }
  return n;
}

static JsonObject *
side_json (LkVerificationComparison *self,
           int                       side)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "level", self->level[side]);
  json_object_set_string_member (o, "reasoning", self->reasoning[side]);
  json_object_set_string_member (o, "limitations", self->limitations[side]);
  return o;
}

JsonObject *
lk_verification_comparison_to_json (LkVerificationComparison *self)
{
  JsonObject *o = json_object_new ();
  JsonArray *characteristics = json_array_new ();
  GListModel *model = G_LIST_MODEL (self->characteristics);

  json_object_set_object_member (o, "examiner", side_json (self, 0));
  if (self->open_review)
    json_object_set_null_member (o, "reviewer");
  else
    json_object_set_object_member (o, "reviewer", side_json (self, 1));
  json_object_set_boolean_member (o, "open_review", self->open_review);
  json_object_set_boolean_member (o, "same_level", self->same_level);
  json_object_set_boolean_member (o, "same_limitations",
                                  lk_verification_comparison_get_same_limitations (self));
  json_object_set_string_member (o, "rule", self->rule);
  json_object_set_boolean_member (o, "agrees", self->agrees);
  json_object_set_int_member (o, "n_differences",
                              lk_verification_comparison_get_n_differences (self));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LkVerificationDifference) d = g_list_model_get_item (model, i);
      JsonObject *c = json_object_new ();

      json_object_set_string_member (c, "characteristic", d->characteristic);
      json_object_set_string_member (c, "name", d->name);
      json_object_set_string_member (c, "examiner_result", d->result[0]);
      json_object_set_string_member (c, "examiner_significance", d->significance[0]);
      json_object_set_string_member (c, "reviewer_result", d->result[1]);
      json_object_set_string_member (c, "reviewer_significance", d->significance[1]);
      json_object_set_boolean_member (c, "differs", !self->open_review &&
                                      lk_verification_difference_get_differs (d));
      json_array_add_object_element (characteristics, c);
    }
  json_object_set_array_member (o, "characteristics", characteristics);
  return o;
}
