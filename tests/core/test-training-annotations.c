/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A trainee annotates an item as an examiner annotates an examination: paired markers,
 * rectangles, ellipses, arrows and text, linked to characteristics, checked by casework's rules,
 * in training's own table, audited on the exercise item, read back by the trainer and never by
 * another trainee, changed by no one but the attempt's trainee, and frozen by the submission
 * (by the core and by the database). */
#include "config.h"

#include <string.h>

#include "lk-json.h"
#include "lk-test-training.h"
#include "store/lk-store-private.h"
#include "training/lk-training.h"

/* An exercise of one pair of 160 x 120 images, assigned to both trainees. */
static gint64
make_item (LkTrainingWorld *w)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) a = lk_test_training_png (51), b = lk_test_training_png (52);
  LkTrainingPair pairs[] = { { "pair-1", a, b, TRUE, "easy", NULL } };
  LkTrainingExerciseSpec spec = { "Charting", "Chart what you compare.", NULL, 0 };
  gint64 exercise = lk_training_exercise_create (w->trainer, &spec, pairs, 1, &error);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(LkTrainingItem) item = NULL;

  g_assert_no_error (error);
  g_assert_true (lk_training_assign (w->trainer, exercise, TRAINEE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lk_training_assign (w->trainer, exercise, TRAINEE2, NULL, &error));
  g_assert_no_error (error);
  items = lk_training_items_list (w->trainee, exercise, NULL, &error);
  g_assert_no_error (error);
  item = g_list_model_get_item (items, 0);
  return lk_training_item_get_id (item);
}

static void
open_item (LkSession *session,
           gint64     item)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkTrainingItem) opened = lk_training_item_open (session, item, &error);

  g_assert_no_error (error);
  g_assert_nonnull (opened);
}

static JsonArray *
points (const char *json)
{
  JsonArray *array = lk_json_parse_array (json);

  g_assert_nonnull (array);
  return array;
}

static gint64
add (LkSession  *session,
     gint64      item,
     const char *image,
     const char *kind,
     const char *geometry,
     const char *label,
     const char *characteristic)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) where = points (geometry);
  LkAnnotationSpec spec = { image, kind, 0, where, label, characteristic };
  gint64 id = lk_training_item_add_annotation (session, item, &spec, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* @spec refused with @code, and nothing written. */
static void
assert_add_refused (LkTrainingWorld         *w,
                    LkSession               *session,
                    gint64                   item,
                    const LkAnnotationSpec  *spec,
                    int                      code)
{
  g_autoptr(GError) error = NULL;
  gint64 before = lk_test_count_action (w->store, "training.annotation.added");

  g_assert_cmpint (lk_training_item_add_annotation (session, item, spec, &error), ==, 0);
  g_assert_error (error, LK_ERROR, code);
  g_assert_cmpint (lk_test_count_action (w->store, "training.annotation.added"), ==, before);
}

static GListModel *
list_of (LkSession  *session,
         gint64      item,
         const char *trainee)
{
  g_autoptr(GError) error = NULL;
  GListModel *list = lk_training_item_list_annotations (session, item, trainee, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static void
test_charting (LkTestFixture *fixture,
               gconstpointer  data)
{
  LkTrainingWorld w = { 0 };
  g_autofree char *gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) none = NULL, mine = NULL, trainers = NULL;
  g_autoptr(JsonArray) one = points ("[[10, 10]]");
  g_autoptr(JsonArray) outside = points ("[[200, 10]]");
  g_autoptr(JsonArray) flat = points ("[[10, 10], [50, 10]]");
  g_autoptr(LkAuditEvent) event = NULL;
  g_autoptr(LkAnnotation) first = NULL, second = NULL, box = NULL;
  LkAnnotationSpec spec = { "a", "marker", 0, one, NULL, NULL };
  LkPoint p;
  gint64 item, marker_a, marker_b, rectangle, arrow;

  lk_test_training_world_init (&w, fixture, TRUE);
  item = make_item (&w);
  /* Not opened: nothing to read, nothing to add. */
  none = list_of (w.trainee, item, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
  assert_add_refused (&w, w.trainee, item, &spec, LK_ERROR_REFUSED);
  open_item (w.trainee, item);

  /* A pair of markers, one on each image, numbered as casework numbers them. */
  marker_a = add (w.trainee, item, "a", "marker", "[[40, 50]]", NULL, NULL);
  marker_b = add (w.trainee, item, "b", "marker", "[[42, 51]]", NULL, NULL);
  rectangle = add (w.trainee, item, "b", "rectangle", "[[20, 20], [60, 40]]", "left eye",
                   "eyes.fissure");
  arrow = add (w.trainee, item, "a", "arrow", "[[5, 5], [30, 30]]", NULL, NULL);
  mine = list_of (w.trainee, item, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (mine), ==, 4);
  first = g_list_model_get_item (mine, 0);
  second = g_list_model_get_item (mine, 1);
  box = g_list_model_get_item (mine, 2);
  g_assert_cmpint (lk_annotation_get_id (first), ==, marker_a);
  g_assert_cmpstr (lk_annotation_get_image (first), ==, "a");
  g_assert_cmpstr (lk_annotation_get_image (second), ==, "b");
  g_assert_cmpint (lk_annotation_get_pair (first), ==, 1);
  g_assert_cmpint (lk_annotation_get_pair (second), ==, 1);
  g_assert_true (lk_annotation_is_partner (first, second));
  g_assert_cmpstr (lk_annotation_get_kind (box), ==, "rectangle");
  g_assert_cmpstr (lk_annotation_get_label (box), ==, "left eye");
  g_assert_cmpstr (lk_annotation_get_characteristic (box), ==, "eyes.fissure");
  g_assert_true (lk_annotation_get_point (box, 1, &p));
  g_assert_cmpfloat (p.x, ==, 60);
  g_assert_cmpfloat (p.y, ==, 40);

  /* Casework's rules: on the image (160 x 120), a shape with an area, images a and b only, a
   * text with its text, a characteristic of the feature list, one marker of a pair per image. */
  spec.geometry = outside;
  assert_add_refused (&w, w.trainee, item, &spec, LK_ERROR_INVALID_INPUT);
  spec = (LkAnnotationSpec) { "a", "rectangle", 0, flat, NULL, NULL };
  assert_add_refused (&w, w.trainee, item, &spec, LK_ERROR_INVALID_INPUT);
  spec = (LkAnnotationSpec) { "probe", "marker", 0, one, NULL, NULL };
  assert_add_refused (&w, w.trainee, item, &spec, LK_ERROR_INVALID_INPUT);
  spec = (LkAnnotationSpec) { "a", "text", 0, one, "  ", NULL };
  assert_add_refused (&w, w.trainee, item, &spec, LK_ERROR_INVALID_INPUT);
  spec = (LkAnnotationSpec) { "a", "marker", 0, one, NULL, "eyes.nothing" };
  assert_add_refused (&w, w.trainee, item, &spec, LK_ERROR_INVALID_INPUT);
  spec = (LkAnnotationSpec) { "b", "marker", 1, one, NULL, NULL };
  assert_add_refused (&w, w.trainee, item, &spec, LK_ERROR_EXISTS);

  /* Audited on the exercise item, with what was placed. */
  g_assert_cmpint (lk_test_count_action (w.store, "training.annotation.added"), ==, 4);
  event = lk_test_last_event_of (w.store, "training.annotation.added");
  g_assert_nonnull (strstr (event->object, "exercise-item:"));
  g_assert_nonnull (strstr (event->details, "\"kind\":\"arrow\""));
  g_clear_pointer (&event, lk_audit_event_free);

  /* Moved, labelled, linked; removed (kept on record). */
  {
    g_autoptr(JsonArray) moved = points ("[[45, 55]]");

    g_assert_true (lk_training_item_update_annotation (w.trainee, marker_b, moved, "tip",
                                                       "nose.tip", &error));
    g_assert_no_error (error);
  }
  event = lk_test_last_event_of (w.store, "training.annotation.updated");
  g_assert_nonnull (strstr (event->details, "\"before\""));
  g_assert_nonnull (strstr (event->details, "nose.tip"));
  g_clear_pointer (&event, lk_audit_event_free);
  g_assert_true (lk_training_item_delete_annotation (w.trainee, arrow, &error));
  g_assert_no_error (error);
  gone = g_strdup_printf ("Training annotation %" G_GINT64_FORMAT " was removed", arrow);
  g_assert_false (lk_training_item_delete_annotation (w.trainee, arrow, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, gone);
  g_clear_error (&error);
  g_assert_false (lk_training_item_delete_annotation (w.trainee, 987654, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no training annotation 987654");
  g_clear_error (&error);
  g_assert_cmpint (lk_test_count_action (w.store, "training.annotation.deleted"), ==, 1);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM training_annotations"
                                                      " WHERE deleted_at IS NOT NULL"), ==, 1);

  /* The feature panel's link: an observation may name the attempt's annotations linked to its
   * characteristic, and no other. */
  {
    const gint64 linked[] = { rectangle };
    const gint64 unlinked[] = { marker_a };
    LkObservationSpec o = { "eyes.fissure", NULL, NULL, "similar", NULL, NULL, linked, 1 };

    g_assert_true (lk_training_item_set_observation (w.trainee, item, &o, &error));
    g_assert_no_error (error);
    o.annotation_ids = unlinked;
    g_assert_false (lk_training_item_set_observation (w.trainee, item, &o, &error));
    g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
    g_clear_error (&error);
  }

  /* The trainer reads them; the other trainee and an examiner do not. */
  trainers = list_of (w.trainer, item, TRAINEE);
  g_assert_cmpuint (g_list_model_get_n_items (trainers), ==, 3);
  g_assert_null (lk_training_item_list_annotations (w.trainee2, item, TRAINEE, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_null (lk_training_item_list_annotations (w.examiner, item, TRAINEE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Never casework's. */
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM annotations"), ==, 0);
  g_assert_cmpint (lk_test_count_action (w.store, "annotation.added"), ==, 0);
  lk_test_training_world_clear (&w);
}

/* No one but the attempt's own trainee changes its annotations: not the other trainee (even
 * with their own attempt of the same item open), not the trainer. */
static void
test_owner (LkTestFixture *fixture,
            gconstpointer  data)
{
  LkTrainingWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) moved = points ("[[1, 1]]");
  g_autoptr(JsonArray) one = points ("[[10, 10]]");
  g_autoptr(GListModel) tims = NULL, tess = NULL;
  LkAnnotationSpec spec = { "a", "marker", 0, one, NULL, NULL };
  gint64 item, marker, hers;

  lk_test_training_world_init (&w, fixture, FALSE);
  item = make_item (&w);
  open_item (w.trainee, item);
  open_item (w.trainee2, item);
  marker = add (w.trainee, item, "a", "marker", "[[40, 50]]", NULL, NULL);
  g_assert_false (lk_training_item_update_annotation (w.trainee2, marker, moved, NULL, NULL,
                                                      &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (lk_training_item_delete_annotation (w.trainee2, marker, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (lk_training_item_delete_annotation (w.trainer, marker, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  assert_add_refused (&w, w.trainer, item, &spec, LK_ERROR_PERMISSION_DENIED);
  /* Her own marker goes to her own attempt, numbered there from 1. */
  hers = add (w.trainee2, item, "a", "marker", "[[20, 20]]", NULL, NULL);
  tims = list_of (w.trainer, item, TRAINEE);
  tess = list_of (w.trainer, item, TRAINEE2);
  g_assert_cmpuint (g_list_model_get_n_items (tims), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (tess), ==, 1);
  g_assert_nonnull (lk_annotation_list_find (tess, hers));
  g_assert_cmpint (lk_annotation_get_pair (lk_annotation_list_find (tess, hers)), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "training.annotation.updated"), ==, 0);
  g_assert_cmpint (lk_test_count_action (w.store, "training.annotation.deleted"), ==, 0);
  lk_test_training_world_clear (&w);
}

/* The submission freezes them, in the core and in the database; a removed one never changes. */
static void
test_frozen (LkTestFixture *fixture,
             gconstpointer  data)
{
  LkTrainingWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) moved = points ("[[1, 1]]");
  g_autoptr(GListModel) kept = NULL;
  LkAnnotationSpec spec = { "b", "marker", 0, moved, NULL, NULL };
  g_autofree char *insert = NULL;
  gint64 item, marker, removed;

  lk_test_training_world_init (&w, fixture, FALSE);
  item = make_item (&w);
  open_item (w.trainee, item);
  marker = add (w.trainee, item, "a", "marker", "[[40, 50]]", NULL, NULL);
  removed = add (w.trainee, item, "a", "text", "[[30, 30]]", "scar", NULL);
  g_assert_true (lk_training_item_delete_annotation (w.trainee, removed, &error));
  g_assert_no_error (error);
  g_assert_false (lk_store_exec (w.store, "UPDATE training_annotations SET label = 'later'"
                                          " WHERE deleted_at IS NOT NULL", &error));
  g_assert_nonnull (strstr (error->message, "a removed annotation cannot change"));
  g_clear_error (&error);
  g_assert_true (lk_training_item_conclude (w.trainee, item, 2, NULL, &error));
  g_assert_no_error (error);

  assert_add_refused (&w, w.trainee, item, &spec, LK_ERROR_REFUSED);
  g_assert_false (lk_training_item_update_annotation (w.trainee, marker, moved, NULL, NULL,
                                                      &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (lk_training_item_delete_annotation (w.trainee, marker, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (lk_store_exec (w.store, "UPDATE training_annotations SET label = 'later'",
                                 &error));
  g_assert_nonnull (strstr (error->message, "a submitted attempt cannot change"));
  g_clear_error (&error);
  insert = g_strdup_printf ("INSERT INTO training_annotations (attempt_id, image, kind,"
                            " geometry, created_at) SELECT attempt_id, 'a', 'marker',"
                            " '[[1, 1]]', 'now' FROM training_annotations WHERE id = %"
                            G_GINT64_FORMAT, marker);
  g_assert_false (lk_store_exec (w.store, insert, &error));
  g_assert_nonnull (strstr (error->message, "a submitted attempt cannot change"));
  g_clear_error (&error);
  g_assert_false (lk_store_exec (w.store, "DELETE FROM training_annotations", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* What was charted stays for the trainer. */
  kept = list_of (w.trainer, item, TRAINEE);
  g_assert_cmpuint (g_list_model_get_n_items (kept), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "training.annotation.added"), ==, 2);
  lk_test_training_world_clear (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  LK_TEST_ADD ("/likeness/training-annotations/charting", test_charting);
  LK_TEST_ADD ("/likeness/training-annotations/owner", test_owner);
  LK_TEST_ADD ("/likeness/training-annotations/frozen", test_frozen);
  return g_test_run ();
}
