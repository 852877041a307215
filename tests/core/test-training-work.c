/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A trainee's comparison work kept as casework keeps an examiner's, in training's own tables:
 * feature observations with both visibilities, result, significance and note, and the
 * enhancement stack of each image, audited, frozen by the submission (by the core and by the
 * database), read back by the trainer and never by another trainee, and never mixed with
 * casework's observations. The dashboard's histories are read with one audit event. */
#include "config.h"

#include <string.h>

#include "lk-json.h"
#include "lk-test-training.h"
#include "store/lk-store-private.h"
#include "training/lk-training.h"

/* An exercise of two pairs (the second mated), assigned to both trainees. */
static gint64
make_exercise (LkTrainingWorld *w,
               const char      *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) a1 = lk_test_training_png (41), b1 = lk_test_training_png (42);
  g_autoptr(GBytes) a2 = lk_test_training_png (43), b2 = lk_test_training_png (44);
  LkTrainingPair pairs[] = {
    { "pair-1", a1, b1, FALSE, "medium", NULL },
    { "pair-2", a2, b2, TRUE, "easy", NULL },
  };
  LkTrainingExerciseSpec spec = { name, "Compare each pair.", NULL, 0 };
  gint64 id = lk_training_exercise_create (w->trainer, &spec, pairs, 2, &error);

  g_assert_no_error (error);
  g_assert_true (lk_training_assign (w->trainer, id, TRAINEE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lk_training_assign (w->trainer, id, TRAINEE2, NULL, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
first_item (LkSession *session,
            gint64     exercise)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = lk_training_items_list (session, exercise, NULL, &error);
  g_autoptr(LkTrainingItem) item = NULL;

  g_assert_no_error (error);
  item = g_list_model_get_item (items, 0);
  return lk_training_item_get_id (item);
}

static LkObservation *
only_observation (LkSession  *session,
                  gint64      item,
                  const char *trainee)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = lk_training_item_list_observations (session, item, trainee,
                                                                   &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  return g_list_model_get_item (list, 0);
}

static void
test_observations (LkTestFixture *fixture,
                   gconstpointer  data)
{
  LkTrainingWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) none = NULL;
  g_autoptr(LkTrainingItem) opened = NULL, seen = NULL;
  g_autoptr(LkObservation) mine = NULL, read = NULL, kept = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  const gint64 link = 1;
  LkObservationSpec o = { "eyes.fissure", "visible", "partly", "similar", "class",
                          "Both upturned", NULL, 0 };
  LkObservationSpec linked = { "eyes.fissure", NULL, NULL, "similar", NULL, NULL, &link, 1 };
  LkObservationSpec unknown = { "eyes.nothing", NULL, NULL, "similar", NULL, NULL, NULL, 0 };
  gint64 exercise, item;

  lk_test_training_world_init (&w, fixture, TRUE);
  exercise = make_exercise (&w, "Features");
  item = first_item (w.trainee, exercise);
  /* Not opened: nothing to read, nothing to write. */
  none = lk_training_item_list_observations (w.trainee, item, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
  g_assert_false (lk_training_item_set_observation (w.trainee, item, &o, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  g_clear_error (&error);
  opened = lk_training_item_open (w.trainee, item, &error);
  g_assert_no_error (error);
  /* Every field, as in casework. */
  g_assert_true (lk_training_item_set_observation (w.trainee, item, &o, &error));
  g_assert_no_error (error);
  mine = only_observation (w.trainee, item, NULL);
  g_assert_cmpstr (lk_observation_get_characteristic (mine), ==, "eyes.fissure");
  g_assert_cmpstr (lk_observation_get_visibility_probe (mine), ==, "visible");
  g_assert_cmpstr (lk_observation_get_visibility_candidate (mine), ==, "partly");
  g_assert_cmpstr (lk_observation_get_result (mine), ==, "similar");
  g_assert_cmpstr (lk_observation_get_significance (mine), ==, "class");
  g_assert_cmpstr (lk_observation_get_note (mine), ==, "Both upturned");
  event = lk_test_last_event_of (w.store, "training.observation.recorded");
  g_assert_nonnull (event);
  g_assert_nonnull (strstr (event->details, "\"visibility_b\":\"partly\""));
  g_assert_nonnull (strstr (event->details, "\"note\":\"Both upturned\""));
  /* Refused: a link to an annotation the attempt does not have, an unknown characteristic, an
   * unknown word. */
  g_assert_false (lk_training_item_set_observation (w.trainee, item, &linked, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (lk_training_item_set_observation (w.trainee, item, &unknown, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  o.significance = "decisive";
  g_assert_false (lk_training_item_set_observation (w.trainee, item, &o, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (lk_test_count_action (w.store, "training.observation.recorded"), ==, 1);
  /* The command line's observe changes the result and keeps the rest. */
  g_assert_true (lk_training_item_observe (w.trainee, item, "eyes.fissure", "dissimilar",
                                           &error));
  g_assert_no_error (error);
  kept = only_observation (w.trainee, item, NULL);
  g_assert_cmpstr (lk_observation_get_result (kept), ==, "dissimilar");
  g_assert_cmpstr (lk_observation_get_note (kept), ==, "Both upturned");
  g_assert_cmpstr (lk_observation_get_visibility_candidate (kept), ==, "partly");
  /* The trainer reads it; the other trainee and an examiner do not; the other trainee may not
   * write into it either. */
  read = only_observation (w.trainer, item, TRAINEE);
  g_assert_cmpstr (lk_observation_get_result (read), ==, "dissimilar");
  g_assert_null (lk_training_item_list_observations (w.trainee2, item, TRAINEE, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_null (lk_training_item_list_observations (w.examiner, item, TRAINEE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (lk_training_item_list_observations (w.trainer, item, NULL, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  seen = lk_training_item_get (w.trainer, item, &error);
  g_assert_no_error (error);
  g_clear_object (&seen);
  {
    g_autoptr(GListModel) items = lk_training_items_list (w.trainer, exercise, TRAINEE, &error);
    g_autoptr(LkTrainingItem) first = g_list_model_get_item (items, 0);

    g_assert_no_error (error);
    g_assert_cmpstr (lk_training_item_get_observations (first), ==, "eyes.fissure=dissimilar");
  }
  /* Never casework's. */
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM observations"),
                   ==, 0);
  g_assert_cmpint (lk_test_count_action (w.store, "observation.recorded"), ==, 0);
  /* Frozen by the submission, in the core and in the database. */
  g_assert_true (lk_training_item_conclude (w.trainee, item, -2, NULL, &error));
  g_assert_no_error (error);
  o.significance = "class";
  g_assert_false (lk_training_item_set_observation (w.trainee, item, &o, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (lk_store_exec (w.store, "UPDATE training_observations SET note = 'later'",
                                 &error));
  g_assert_nonnull (strstr (error->message, "a submitted attempt cannot change"));
  g_clear_error (&error);
  g_assert_false (lk_store_exec (w.store, "DELETE FROM training_observations", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  lk_test_training_world_clear (&w);
}

static LkEnhancementStack *
stack_of (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) steps = lk_json_parse_array (json);
  LkEnhancementStack *stack = lk_enhancement_stack_new_from_json (steps, &error);

  g_assert_no_error (error);
  return stack;
}

static void
test_enhancements (LkTestFixture *fixture,
                   gconstpointer  data)
{
  LkTrainingWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkTrainingItem) opened = NULL;
  g_autoptr(LkEnhancementStack) stack = stack_of ("[{\"op\":\"clahe\",\"clip\":2.5,"
                                                  "\"tiles\":8},{\"op\":\"greyscale\"}]");
  g_autoptr(LkEnhancementStack) empty = NULL, back = NULL, other = NULL, trainer = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  gint64 exercise, item;

  lk_test_training_world_init (&w, fixture, FALSE);
  exercise = make_exercise (&w, "Enhanced");
  item = first_item (w.trainee, exercise);
  empty = lk_training_item_get_enhancements (w.trainee, item, NULL, 'a', &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lk_enhancement_stack_get_n_steps (empty), ==, 0);
  g_assert_false (lk_training_item_set_enhancements (w.trainee, item, 'a', stack, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  g_clear_error (&error);
  opened = lk_training_item_open (w.trainee, item, &error);
  g_assert_no_error (error);
  g_assert_true (lk_training_item_set_enhancements (w.trainee, item, 'b', stack, &error));
  g_assert_no_error (error);
  back = lk_training_item_get_enhancements (w.trainee, item, NULL, 'b', &error);
  g_assert_no_error (error);
  g_assert_true (lk_enhancement_stack_equal (back, stack));
  other = lk_training_item_get_enhancements (w.trainee, item, NULL, 'a', &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lk_enhancement_stack_get_n_steps (other), ==, 0);
  trainer = lk_training_item_get_enhancements (w.trainer, item, TRAINEE, 'b', &error);
  g_assert_no_error (error);
  g_assert_true (lk_enhancement_stack_equal (trainer, stack));
  event = lk_test_last_event_of (w.store, "training.enhancements.set");
  g_assert_nonnull (event);
  g_assert_nonnull (strstr (event->details, "\"image\":\"b\""));
  g_assert_nonnull (strstr (event->details, "clahe"));
  /* The other trainee neither reads nor writes it. */
  g_assert_null (lk_training_item_get_enhancements (w.trainee2, item, TRAINEE, 'b', &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  /* Frozen by the submission. */
  g_assert_true (lk_training_item_conclude (w.trainee, item, 1, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (lk_training_item_set_enhancements (w.trainee, item, 'b', empty, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (lk_store_exec (w.store, "UPDATE training_attempts SET enhancements_b = '[]'",
                                 &error));
  g_assert_nonnull (strstr (error->message, "a submitted attempt cannot change"));
  g_clear_error (&error);
  g_assert_cmpint (lk_test_count_action (w.store, "training.enhancements.set"), ==, 1);
  lk_test_training_world_clear (&w);
}

/* The dashboard reads every trainee's history with one audit event naming them. */
static void
test_histories (LkTestFixture *fixture,
                gconstpointer  data)
{
  LkTrainingWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) histories = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  g_autoptr(LkTrainingItem) opened = NULL;
  const char * const both[] = { TRAINEE, TRAINEE2, NULL };
  const char * const stranger[] = { TRAINEE, ADMIN, NULL };
  gint64 exercise, item;

  lk_test_training_world_init (&w, fixture, FALSE);
  exercise = make_exercise (&w, "Histories");
  item = first_item (w.trainee, exercise);
  opened = lk_training_item_open (w.trainee, item, &error);
  g_assert_no_error (error);
  g_assert_true (lk_training_item_conclude (w.trainee, item, -3, NULL, &error));
  g_assert_no_error (error);
  histories = lk_training_histories (w.trainer, exercise, both, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (histories->len, ==, 2);
  g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (histories, 0))->len, ==, 1);
  g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (histories, 1))->len, ==, 0);
  g_assert_cmpint (lk_test_count_action (w.store, "training.history.read"), ==, 1);
  event = lk_test_last_event_of (w.store, "training.history.read");
  g_assert_nonnull (strstr (event->details, "\"trainees\":[\"tim\",\"tess\"]"));
  g_assert_nonnull (strstr (event->object, "exercise:"));
  /* Trainees read no one's this way; a name that is no trainee fails the whole read. */
  g_assert_null (lk_training_histories (w.trainee, exercise, both, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_null (lk_training_histories (w.trainer, exercise, stranger, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (lk_test_count_action (w.store, "training.history.read"), ==, 1);
  lk_test_training_world_clear (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  LK_TEST_ADD ("/likeness/training-work/observations", test_observations);
  LK_TEST_ADD ("/likeness/training-work/enhancements", test_enhancements);
  LK_TEST_ADD ("/likeness/training-work/histories", test_histories);
  return g_test_run ();
}
