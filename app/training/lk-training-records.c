/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The typed records of training: exercises and items (with an attempt), read-only GObjects
 * filled by lk-training.c and lk-training-items.c. */
#include "config.h"

#include "training/lk-training-private.h"

G_DEFINE_FINAL_TYPE (LkTrainingExercise, lk_training_exercise, G_TYPE_OBJECT)

static void
lk_training_exercise_finalize (GObject *object)
{
  LkTrainingExercise *self = LK_TRAINING_EXERCISE (object);

  g_free (self->name);
  g_free (self->instructions);
  g_free (self->scale);
  g_free (self->created_by);
  g_free (self->created_at);
  g_free (self->due_date);
  G_OBJECT_CLASS (lk_training_exercise_parent_class)->finalize (object);
}

static void
lk_training_exercise_class_init (LkTrainingExerciseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_training_exercise_finalize;
}

static void
lk_training_exercise_init (LkTrainingExercise *self)
{
}

#define EXERCISE_GETTER(type, field, fallback) \
  type \
  lk_training_exercise_get_##field (LkTrainingExercise *self) \
  { \
    g_return_val_if_fail (LK_IS_TRAINING_EXERCISE (self), fallback); \
    return self->field; \
  }

EXERCISE_GETTER (gint64, id, 0)
EXERCISE_GETTER (const char *, name, NULL)
EXERCISE_GETTER (const char *, instructions, NULL)
EXERCISE_GETTER (const char *, scale, NULL)
EXERCISE_GETTER (gint64, time_limit, 0)
EXERCISE_GETTER (const char *, created_by, NULL)
EXERCISE_GETTER (const char *, created_at, NULL)
EXERCISE_GETTER (guint, n_items, 0)
EXERCISE_GETTER (const char *, due_date, NULL)
EXERCISE_GETTER (guint, n_submitted, 0)
EXERCISE_GETTER (guint, n_assigned, 0)

G_DEFINE_FINAL_TYPE (LkTrainingItem, lk_training_item, G_TYPE_OBJECT)

static void
lk_training_item_finalize (GObject *object)
{
  LkTrainingItem *self = LK_TRAINING_ITEM (object);

  g_free (self->pair_id);
  g_free (self->image_a);
  g_free (self->image_b);
  g_free (self->trainee);
  g_free (self->state);
  g_free (self->analysis);
  g_free (self->comparison);
  g_free (self->observations);
  g_free (self->notes);
  g_free (self->submitted_at);
  g_free (self->opened_at);
  g_free (self->difficulty);
  g_free (self->truth_notes);
  g_free (self->comment);
  G_OBJECT_CLASS (lk_training_item_parent_class)->finalize (object);
}

static void
lk_training_item_class_init (LkTrainingItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_training_item_finalize;
}

static void
lk_training_item_init (LkTrainingItem *self)
{
}

#define ITEM_GETTER(type, field, fallback) \
  type \
  lk_training_item_get_##field (LkTrainingItem *self) \
  { \
    g_return_val_if_fail (LK_IS_TRAINING_ITEM (self), fallback); \
    return self->field; \
  }

ITEM_GETTER (gint64, id, 0)
ITEM_GETTER (gint64, exercise_id, 0)
ITEM_GETTER (guint, position, 0)
ITEM_GETTER (const char *, pair_id, NULL)
ITEM_GETTER (const char *, trainee, NULL)
ITEM_GETTER (const char *, state, NULL)
ITEM_GETTER (gboolean, has_level, FALSE)
ITEM_GETTER (int, level, 0)
ITEM_GETTER (const char *, analysis, NULL)
ITEM_GETTER (const char *, comparison, NULL)
ITEM_GETTER (const char *, observations, NULL)
ITEM_GETTER (const char *, notes, NULL)
ITEM_GETTER (double, seconds, 0)
ITEM_GETTER (const char *, submitted_at, NULL)
ITEM_GETTER (const char *, opened_at, NULL)
ITEM_GETTER (gint64, time_limit, 0)
ITEM_GETTER (gboolean, over_time, FALSE)
ITEM_GETTER (gboolean, truth_visible, FALSE)
ITEM_GETTER (gboolean, mated, FALSE)
ITEM_GETTER (const char *, difficulty, NULL)
ITEM_GETTER (const char *, truth_notes, NULL)
ITEM_GETTER (const char *, comment, NULL)

static void
set_optional_text (JsonObject *o,
                   const char *name,
                   const char *value)
{
  if (value != NULL)
    json_object_set_string_member (o, name, value);
  else
    json_object_set_null_member (o, name);
}

JsonObject *
lk_training_item_to_json (LkTrainingItem *self)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (LK_IS_TRAINING_ITEM (self), NULL);

  json_object_set_int_member (o, "id", self->id);
  json_object_set_int_member (o, "exercise_id", self->exercise_id);
  json_object_set_int_member (o, "position", self->position);
  json_object_set_string_member (o, "pair_id", self->pair_id);
  set_optional_text (o, "trainee", self->trainee);
  json_object_set_string_member (o, "state", self->state);
  if (self->has_level)
    json_object_set_int_member (o, "level", self->level);
  else
    json_object_set_null_member (o, "level");
  json_object_set_string_member (o, "analysis", self->analysis);
  json_object_set_string_member (o, "comparison", self->comparison);
  json_object_set_string_member (o, "observations", self->observations);
  json_object_set_string_member (o, "notes", self->notes);
  json_object_set_double_member (o, "seconds", self->seconds);
  set_optional_text (o, "opened_at", self->opened_at);
  set_optional_text (o, "submitted_at", self->submitted_at);
  if (self->time_limit > 0)
    json_object_set_int_member (o, "time_limit_seconds", self->time_limit);
  else
    json_object_set_null_member (o, "time_limit_seconds");
  json_object_set_boolean_member (o, "over_time", self->over_time);
  json_object_set_boolean_member (o, "ground_truth_visible", self->truth_visible);
  /* Hidden ground truth is absent, not false: nothing here can be read as an answer. */
  if (self->truth_visible)
    {
      json_object_set_boolean_member (o, "mated", self->mated);
      json_object_set_string_member (o, "difficulty", self->difficulty);
      json_object_set_string_member (o, "ground_truth_notes", self->truth_notes);
    }
  set_optional_text (o, "trainer_comment", self->comment);
  return o;
}

double
lk_training_item_seconds_left (LkTrainingItem *self,
                               GDateTime      *now)
{
  g_autoptr(GDateTime) opened = NULL;
  g_autoptr(GDateTime) current = NULL;

  g_return_val_if_fail (LK_IS_TRAINING_ITEM (self), 0);

  if (self->time_limit <= 0)
    return G_MAXDOUBLE;
  if (self->submitted_at != NULL)
    return self->time_limit - self->seconds;
  if (self->opened_at == NULL ||
      (opened = g_date_time_new_from_iso8601 (self->opened_at, NULL)) == NULL)
    return (double) self->time_limit;
  current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  return self->time_limit - g_date_time_difference (current, opened) / (double) G_TIME_SPAN_SECOND;
}
