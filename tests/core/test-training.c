/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Training in the core and through likeness-cli: exercises from pairs and from a folder, strict
 * imports that change nothing, ground truth hidden from trainees until they submit, roles,
 * exercise images kept out of casework, and statistics that never count training. */
#include "config.h"

#include <string.h>

#include <cairo.h>

#include "lk-test-training.h"
#include "store/lk-store-private.h"
#include "training/lk-training.h"

/* An exercise of @n pairs (odd pairs mated), assigned to both trainees. */
static gint64
make_exercise (LkTrainingWorld *w,
               const char      *name,
               guint            n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) pairs = g_array_new (FALSE, TRUE, sizeof (LkTrainingPair));
  LkTrainingExerciseSpec spec = { name, "Compare each pair.", NULL, 0 };
  gint64 id;

  for (guint i = 0; i < n; i++)
    {
      LkTrainingPair pair = { NULL, lk_test_training_png (100 + 2 * i),
                              lk_test_training_png (101 + 2 * i), i % 2 == 1,
                              i % 2 ? "hard" : "easy", "the truth note" };

      g_ptr_array_add (ids, g_strdup_printf ("pair-%u", i + 1));
      pair.pair_id = g_ptr_array_index (ids, i);
      g_ptr_array_add (keep, pair.image_a);
      g_ptr_array_add (keep, pair.image_b);
      g_array_append_val (pairs, pair);
    }
  id = lk_training_exercise_create (w->trainer, &spec, (LkTrainingPair *) pairs->data, n,
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (lk_training_assign (w->trainer, id, TRAINEE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lk_training_assign (w->trainer, id, TRAINEE2, NULL, &error));
  g_assert_no_error (error);
  return id;
}

static LkTrainingItem *
nth_item (LkSession *session,
          gint64     exercise,
          guint      n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = lk_training_items_list (session, exercise, NULL, &error);

  g_assert_no_error (error);
  return g_list_model_get_item (items, n);
}

static void
conclude_ok (LkSession *session,
             gint64     item,
             int        level)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkTrainingItem) opened = lk_training_item_open (session, item, &error);

  g_assert_no_error (error);
  g_assert_true (lk_training_item_conclude (session, item, level, "my notes", &error));
  g_assert_no_error (error);
}

/* ---- ground truth --------------------------------------------------------------------------- */

static void
test_truth_hidden_core (LkTestFixture *fixture,
                        gconstpointer  data)
{
  LkTrainingWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkTrainingItem) before = NULL, after = NULL, trainer_view = NULL, other = NULL;
  g_autoptr(JsonObject) json = NULL;
  gint64 exercise, item;

  lk_test_training_world_init (&w, fixture, TRUE);
  exercise = make_exercise (&w, "Hidden truth", 2);
  /* pair-2 is mated: a hidden "false" must not be mistaken for the answer either. */
  before = nth_item (w.trainee, exercise, 1);
  item = lk_training_item_get_id (before);
  g_assert_false (lk_training_item_get_truth_visible (before));
  g_assert_false (lk_training_item_get_mated (before));
  g_assert_null (lk_training_item_get_difficulty (before));
  g_assert_null (lk_training_item_get_truth_notes (before));
  json = lk_training_item_to_json (before);
  g_assert_false (json_object_has_member (json, "mated"));
  g_assert_false (json_object_has_member (json, "difficulty"));
  g_clear_object (&before);
  before = lk_training_item_open (w.trainee, item, &error);
  g_assert_no_error (error);
  g_assert_false (lk_training_item_get_truth_visible (before));
  g_assert_false (lk_training_item_get_mated (before));
  /* The trainer sees it. */
  trainer_view = nth_item (w.trainer, exercise, 1);
  g_assert_true (lk_training_item_get_truth_visible (trainer_view));
  g_assert_true (lk_training_item_get_mated (trainer_view));
  g_assert_cmpstr (lk_training_item_get_difficulty (trainer_view), ==, "hard");
  /* No audit event carries it. */
  g_assert_cmpint (lk_test_count_action (w.store, "training.exercise.created"), ==, 1);
  {
    g_autoptr(LkAuditEvent) created = lk_test_last_event_of (w.store,
                                                              "training.exercise.created");

    g_assert_null (strstr (created->details, "mated"));
    g_assert_null (strstr (created->details, "truth note"));
  }
  /* Submitted: the truth and the feedback become visible to this trainee only. */
  conclude_ok (w.trainee, item, 2);
  after = lk_training_item_get (w.trainee, item, &error);
  g_assert_no_error (error);
  g_assert_true (lk_training_item_get_truth_visible (after));
  g_assert_true (lk_training_item_get_mated (after));
  g_assert_cmpstr (lk_training_item_get_truth_notes (after), ==, "the truth note");
  g_assert_cmpint (lk_training_item_get_level (after), ==, 2);
  other = lk_training_item_get (w.trainee2, item, &error);
  g_assert_no_error (error);
  g_assert_false (lk_training_item_get_truth_visible (other));
  /* The answer cannot change, in the core or in SQL. */
  g_assert_false (lk_training_item_conclude (w.trainee, item, -3, NULL, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (lk_store_exec (w.store, "UPDATE training_attempts SET level = -3", &error));
  g_assert_nonnull (strstr (error->message, "a submitted attempt cannot change"));
  g_clear_error (&error);
  g_assert_false (lk_store_exec (w.store, "UPDATE training_items SET mated = 0", &error));
  g_clear_error (&error);
  lk_test_training_world_clear (&w);
}

static void
test_truth_hidden_cli (LkTestFixture *fixture,
                       gconstpointer  data)
{
  LkTrainingWorld w = { 0 };
  g_autoptr(LkCliRun) run = NULL;
  g_autoptr(LkTrainingItem) item = NULL;
  g_autofree char *id = NULL;
  gint64 exercise;

  lk_test_training_world_init (&w, fixture, TRUE);
  exercise = make_exercise (&w, "CLI truth", 2);
  item = nth_item (w.trainee, exercise, 1);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, lk_training_item_get_id (item));
  run = lk_test_cli (TRAINEE_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", TRAINEE,
                     "training", "item", "list", "CLI truth", "--json", NULL);
  lk_test_cli_assert_ok (run);
  g_assert_null (strstr (run->out, "\"mated\""));
  g_assert_null (strstr (run->out, "hard"));
  g_assert_null (strstr (run->out, "truth note"));
  g_clear_pointer (&run, lk_cli_run_free);
  run = lk_test_cli (TRAINEE_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", TRAINEE,
                     "training", "item", "open", id, NULL);
  lk_test_cli_assert_ok (run);
  g_assert_null (strstr (run->out, "\"mated\""));
  g_assert_nonnull (strstr (run->out, "\"ground_truth_visible\" : false"));
  g_clear_pointer (&run, lk_cli_run_free);
  /* A trainee's own figures wait until every item is submitted. */
  run = lk_test_cli (TRAINEE_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", TRAINEE,
                     "training", "results", "CLI truth", "--json", NULL);
  lk_test_cli_assert_failed (run, "Your figures for “CLI truth” are shown once you have "
                             "submitted all 2 items (0 so far)");
  g_clear_pointer (&run, lk_cli_run_free);
  run = lk_test_cli (TRAINEE_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", TRAINEE,
                     "training", "item", "conclude", id, "--level", "+1", "--notes", "close",
                     NULL);
  lk_test_cli_assert_ok (run);
  g_assert_nonnull (strstr (run->out, "\"mated\" : true"));
  g_assert_nonnull (strstr (run->out, "truth note"));
  g_clear_pointer (&run, lk_cli_run_free);
  run = lk_test_cli (TRAINER_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", TRAINER,
                     "training", "results", "CLI truth", "--json", NULL);
  lk_test_cli_assert_ok (run);
  g_assert_nonnull (strstr (run->out, "\"false_different_rate\" : 0"));
  g_assert_nonnull (strstr (run->out, "\"auc\" : null"));
  lk_test_training_world_clear (&w);
}

/* ---- roles ---------------------------------------------------------------------------------- */

static void
test_roles (LkTestFixture *fixture,
            gconstpointer  data)
{
  LkTrainingWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(LkTrainingItem) item = NULL;
  g_autoptr(GBytes) image = NULL;
  LkTrainingExerciseSpec spec = { "Not mine", "x", NULL, 0 };
  gint64 exercise, other;

  lk_test_training_world_init (&w, fixture, TRUE);
  exercise = make_exercise (&w, "Roles", 1);
  /* Only trainers create and assign. */
  g_assert_cmpint (lk_training_exercise_create (w.trainee, &spec, NULL, 0, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (lk_training_assign (w.admin, exercise, TRAINEE, NULL, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (lk_training_assign (w.trainer, exercise, EXAMINER, NULL, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  {
    g_autoptr(LkSession) both = lk_test_training_add_user (&w, "bo",
                                                           LK_ROLE_TRAINER | LK_ROLE_TRAINEE,
                                                           "both roles pass");

    g_assert_false (lk_training_assign (w.trainer, exercise, "bo", NULL, &error));
    g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
    g_clear_error (&error);
  }
  /* Examiners have nothing to do with training; trainees see only their assignments. */
  g_assert_null (lk_training_exercises_list (w.examiner, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_null (lk_cases_list (w.trainee, NULL, NULL, NULL, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  other = make_exercise (&w, "Other", 1);
  g_assert_cmpint (other, >, 0);
  {
    g_autoptr(LkSession) newcomer = lk_test_training_add_user (&w, "nina", LK_ROLE_TRAINEE,
                                                               "newcomer pass");

    list = lk_training_exercises_list (newcomer, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
    g_assert_null (lk_training_items_list (newcomer, exercise, NULL, &error));
    g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
    g_clear_error (&error);
    item = nth_item (w.trainer, exercise, 0);
    g_assert_null (lk_training_item_open (newcomer, lk_training_item_get_id (item), &error));
    g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_null (lk_training_item_image (newcomer, lk_training_item_get_id (item), 'a',
                                           &error));
    g_clear_error (&error);
  }
  /* The trainer does not answer for a trainee; a level must be on the scale. */
  g_assert_false (lk_training_item_conclude (w.trainer, lk_training_item_get_id (item), 1, NULL,
                                             &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_clear_object (&item);
  item = lk_training_item_open (w.trainee, lk_training_item_get_id (nth_item (w.trainee,
                                                                              exercise, 0)),
                                &error);
  g_assert_no_error (error);
  g_assert_false (lk_training_item_conclude (w.trainee, lk_training_item_get_id (item), 7, NULL,
                                             &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (lk_training_item_observe (w.trainee, lk_training_item_get_id (item),
                                            "eyes.nonsense", "similar", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (lk_training_item_observe (w.trainee, lk_training_item_get_id (item),
                                           "eyes.fissure", "similar", &error));
  g_assert_no_error (error);
  image = lk_training_item_image (w.trainee, lk_training_item_get_id (item), 'b', &error);
  g_assert_no_error (error);
  g_assert_nonnull (image);
  g_assert_cmpint (lk_test_count_action (w.store, "training.observation.recorded"), ==, 1);
  lk_test_training_world_clear (&w);
}

/* ---- kept apart from casework --------------------------------------------------------------- */

static void
test_exercise_image_not_casework (LkTestFixture *fixture,
                                  gconstpointer  data)
{
  LkTrainingWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) exercise_image = lk_test_training_png (100);
  g_autoptr(LkCase) c = NULL;
  g_autofree char *portrait = lk_test_demo_path ("grace_hopper.jpg");
  g_autoptr(GBytes) probe_bytes = lk_test_read_bytes (portrait);
  LkCaseRequest request = {
    "2026/90", "Robbery at the petrol station", "ROB", "Criminal Procedure Act, section 55",
    "The offender's face is visible on CCTV", "Chief Inspector Ward", "Robbery Squad", NULL,
  };
  LkProvenance p = { "cctv", "video-frame", "PC Ada Jones", "2026-01-15T14:32:00Z",
                     "Warrant 2026/19", "Exhibit AJ/3", FALSE };
  LkTrainingPair pair = { "casework", NULL, lk_test_training_png (7), FALSE, "easy", NULL };
  LkTrainingExerciseSpec spec = { "Smuggled", "x", NULL, 0 };
  gint64 before;

  lk_test_training_world_init (&w, fixture, TRUE);
  make_exercise (&w, "Apart", 1);
  c = lk_cases_create (w.examiner, &request, &error);
  g_assert_no_error (error);
  /* An exercise image (image_a of pair-1 is lk_test_training_png (100)) cannot become a probe. */
  g_assert_cmpint (lk_probes_import (w.examiner, "2026/90", exercise_image, "still.png", &p, NULL,
                                     &error), ==, 0);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "an exercise image cannot become a probe"));
  g_clear_error (&error);
  /* Nor can casework material become an exercise image. */
  g_assert_cmpint (lk_probes_import (w.examiner, "2026/90", probe_bytes, "still.jpg", &p, NULL,
                                     &error), >, 0);
  g_assert_no_error (error);
  pair.image_a = probe_bytes;
  before = lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM training_exercises");
  g_assert_cmpint (lk_training_exercise_create (w.trainer, &spec, &pair, 1, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "casework material"));
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM training_exercises"),
                   ==, before);
  g_bytes_unref ((GBytes *) pair.image_b);
  /* In SQL too: no candidate or gallery image from exercise material. */
  g_clear_error (&error);
  g_assert_false (lk_store_exec (w.store, "INSERT INTO gallery_images (database_id, subject_ref,"
                                 " image_sha256, source_name, enrolled_by, enrolled_at)"
                                 " SELECT 1, 's', sha256, 'x', 1, 'now' FROM training_images"
                                 " LIMIT 1", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "exercise image"));
  lk_test_training_world_clear (&w);
}

static char *
stats_text (LkTrainingWorld *w)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_years (now, -1);
  g_autoptr(GDateTime) end = g_date_time_add_days (now, 1);
  g_autofree char *from = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *to = g_date_time_format (end, "%Y-%m-%d");
  g_autoptr(GPtrArray) stats = lk_stats_compute (w->admin, from, to, LK_STATS_MONTH, &error);

  g_assert_no_error (error);
  return lk_stats_to_csv (stats, w->admin);
}

static void
test_not_in_stats (LkTestFixture *fixture,
                   gconstpointer  data)
{
  LkTrainingWorld w = { 0 };
  g_autofree char *before = NULL, *after = NULL;
  gint64 exercise;

  lk_test_training_world_init (&w, fixture, TRUE);
  before = stats_text (&w);
  exercise = make_exercise (&w, "Stats", 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(LkTrainingItem) item = nth_item (w.trainee, exercise, i);

      conclude_ok (w.trainee, lk_training_item_get_id (item), i % 2 ? 3 : -3);
    }
  after = stats_text (&w);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (lk_test_count_action (w.store, "training.attempt.submitted"), ==, 4);
  lk_test_training_world_clear (&w);
}

/* ---- retention ----------------------------------------------------------------------------- */

static LkRetentionReport *
retention_at (LkSession *admin,
              int        days,
              gboolean   dry_run)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) as_of = g_date_time_add_days (now, days);
  g_autoptr(GError) error = NULL;
  LkRetentionReport *report = lk_retention_run (admin, as_of, dry_run, &error);

  g_assert_no_error (error);
  return report;
}

/* Exercise material expires retention.exercise_days after the exercise's last use: the bytes
 * of its images go, the items with their ground truth and SHA-256 stay, each purge audited;
 * a trainee asking for a purged image is told so; the statistics do not count it. */
static void
test_exercise_retention (LkTestFixture *fixture,
                         gconstpointer  data)
{
  LkTrainingWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkRetentionReport) early = NULL, dry = NULL, run = NULL;
  g_autoptr(LkTrainingItem) item = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autofree char *after = NULL, *reason = NULL;
  gint64 exercise, n_events = 0, broken = 0;
  guint exercise_items = 0;

  lk_test_training_world_init (&w, fixture, TRUE);
  exercise = make_exercise (&w, "Retention", 2);
  item = nth_item (w.trainee, exercise, 0);
  conclude_ok (w.trainee, lk_training_item_get_id (item), 3);
  g_assert_true (lk_policy_set (w.admin, "retention.exercise_days", "30", "Exercise retention",
                                &error));
  g_assert_no_error (error);

  /* not yet: the last attempt is today */
  early = retention_at (w.admin, 20, TRUE);
  g_assert_cmpint (early->images, ==, 0);
  dry = retention_at (w.admin, 40, TRUE);
  g_assert_cmpint (dry->images, ==, 4);
  for (guint i = 0; i < dry->items->len; i++)
    {
      const LkRetentionItem *it = g_ptr_array_index (dry->items, i);

      exercise_items += it->kind == LK_RETENTION_EXERCISE;
      if (it->kind == LK_RETENTION_EXERCISE)
        {
          g_assert_cmpstr (it->rule, ==, "exercise");
          g_assert_nonnull (strstr (it->label, "Exercise “Retention”, pair pair-"));
        }
    }
  g_assert_cmpuint (exercise_items, ==, 4);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM purged_images"),
                   ==, 0);

  run = retention_at (w.admin, 40, FALSE);
  g_assert_cmpint (run->images, ==, 4);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM purged_images"
                                    " WHERE rule = 'exercise'"), ==, 4);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM images i"
                                    " JOIN training_images t ON t.sha256 = i.sha256"
                                    " WHERE length (i.bytes) = 0"), ==, 4);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM training_items"),
                   ==, 2);
  g_assert_cmpint (lk_test_count_action (w.store, "exercise-item.image-purged"), ==, 4);
  g_assert_true (lk_audit_log_verify (w.admin, &n_events, &broken, &reason, &error));
  g_assert_no_error (error);
  g_assert_cmpint (broken, ==, 0);
  g_assert_null (reason);

  image = lk_training_item_image (w.trainee, lk_training_item_get_id (item), 'a', &error);
  g_assert_null (image);
  g_assert_error (error, LK_ERROR, LK_ERROR_PURGED);
  g_clear_error (&error);

  /* training never counts, its purges neither */
  after = stats_text (&w);
  g_assert_null (strstr (after, ",purges,"));
  lk_test_training_world_clear (&w);
}

/* ---- results -------------------------------------------------------------------------------- */

static void
test_results (LkTestFixture *fixture,
              gconstpointer  data)
{
  LkTrainingWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(LkTrainingExercise) exercise_record = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autofree char *csv = NULL;
  const LkTrainingResult *tim;
  /* pair-1 non-mated, pair-2 mated, pair-3 non-mated, pair-4 mated. */
  static const int tim_levels[] = { -3, 3, 2, 1 }, tess_levels[] = { -3, 3, 1, 1 };
  gint64 exercise;

  lk_test_training_world_init (&w, fixture, TRUE);
  exercise = make_exercise (&w, "Results", 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(LkTrainingItem) item = nth_item (w.trainee, exercise, i);

      conclude_ok (w.trainee, lk_training_item_get_id (item), tim_levels[i]);
      conclude_ok (w.trainee2, lk_training_item_get_id (item), tess_levels[i]);
    }
  results = lk_training_results (w.trainer, exercise, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);
  tim = g_ptr_array_index (results, 1);
  g_assert_cmpstr (tim->trainee, ==, TRAINEE);
  /* Mated 3, 1; non-mated -3, 2. Pairs: 3>-3, 3>2, 1>-3, 1<2: AUC 3/4. One false "same" of 2
   * non-mated; one inconclusive (+1) of 2 mated. */
  g_assert_cmpfloat (tim->score->auc.value, ==, 0.75);
  g_assert_cmpfloat (tim->score->false_same_rate.value, ==, 0.5);
  g_assert_cmpfloat (tim->score->inconclusive_rate_mated.value, ==, 0.5);
  exercise_record = lk_training_exercise_get (w.trainer, exercise, &error);
  json = lk_training_results_to_json (exercise_record, results);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json, "agreement")),
                    ==, 1);
  csv = lk_training_results_to_csv (results);
  g_assert_nonnull (strstr (csv, "tim,pair-3,0,2,"));
  g_assert_cmpint (lk_test_count_action (w.store, "training.results.read"), ==, 1);
  /* Feedback: the trainer's comment reaches the trainee. */
  {
    g_autoptr(LkTrainingItem) item = nth_item (w.trainee, exercise, 2);
    g_autoptr(LkTrainingItem) seen = NULL;

    g_assert_true (lk_training_item_comment (w.trainer, lk_training_item_get_id (item), TRAINEE,
                                             "Check the ears", &error));
    g_assert_no_error (error);
    seen = lk_training_item_get (w.trainee, lk_training_item_get_id (item), &error);
    g_assert_cmpstr (lk_training_item_get_comment (seen), ==, "Check the ears");
  }
  lk_test_training_world_clear (&w);
}

/* ---- import --------------------------------------------------------------------------------- */

static void
write_folder (const char *dir,
              const char *csv)
{
  g_autofree char *csv_path = g_build_filename (dir, "pairs.csv", NULL);

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("img%u.png", i);
      g_autofree char *path = g_build_filename (dir, "images", name, NULL);
      g_autoptr(GBytes) png = lk_test_training_png (200 + i);

      lk_test_write_bytes (path, png);
    }
  {
    g_autofree char *path = g_build_filename (dir, "images", "broken.png", NULL);
    g_autoptr(GBytes) broken = g_bytes_new_static ("\x89PNG\r\n\x1a\nnot really", 18);

    lk_test_write_bytes (path, broken);
  }
  g_assert_true (g_file_set_contents (csv_path, csv, -1, NULL));
}

#define GOOD_HEADER "pair_id,image_a,image_b,mated,difficulty,notes\n"

static void
test_import (LkTestFixture *fixture,
             gconstpointer  data)
{
  static const struct
  {
    const char *csv;
    const char *expected;
  } bad[] = {
    { "pair,a,b\n", "pairs.csv: line 1: the first line must be pair_id,image_a" },
    { GOOD_HEADER "p1,images/img0.png,images/img1.png,1,easy,ok\n"
      "p2,images/img2.png,images/img3.png,2,easy,\n", "pairs.csv: line 3: mated is 0 or 1" },
    { GOOD_HEADER "p1,images/img0.png,images/img1.png,1,easy,ok\n"
      "p2,images/img2.png,images/missing.png,0,easy,\n", "pairs.csv: line 3: image "
      "images/missing.png is missing" },
    { GOOD_HEADER "p1,images/img0.png,../outside.png,1,easy,\n", "pairs.csv: line 2: image "
      "“../outside.png” is not a path inside" },
    { GOOD_HEADER "p1,images/img0.png,/etc/passwd,1,easy,\n", "line 2: image “/etc/passwd”" },
    { GOOD_HEADER "p1,images/img0.png,images/img1.png,1,trivial,\n", "pairs.csv: line 2: the "
      "difficulty is easy, medium or hard" },
    { GOOD_HEADER "p1,images/img0.png,images/img1.png,1,easy,\n"
      "p1,images/img2.png,images/img3.png,0,easy,\n", "pairs.csv: line 3: pair id “p1” appears "
      "twice" },
    { GOOD_HEADER "p1,images/img0.png,images/broken.png,1,easy,\n", "pairs.csv: line 2: "
      "image_b cannot be" },
    { GOOD_HEADER "p1,images/img0.png,images/img1.png,1,easy\n", "pairs.csv: line 2: expected "
      "pair_id,image_a,image_b,mated,difficulty,notes, found 5 fields" },
    { GOOD_HEADER "p1,images/img0.png,images/img1.png,1,easy,\"unclosed\n", "pairs.csv: line 2: "
      "a quoted field is not closed" },
    { GOOD_HEADER, "pairs.csv: line 2: no pairs" },
  };
  LkTrainingWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lk_test_path (fixture, "exercise");
  g_autoptr(GListModel) items = NULL;
  LkTrainingExerciseSpec spec = { "Imported", "Compare them.", "enfsi", 120 };
  gint64 events, images, id;

  lk_test_training_world_init (&w, fixture, TRUE);
  events = lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM audit_event");
  images = lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM images");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      write_folder (dir, bad[i].csv);
      g_assert_cmpint (lk_training_exercise_import (w.trainer, &spec, dir, &error), ==, 0);
      g_assert_nonnull (error);
      if (strstr (error->message, bad[i].expected) == NULL)
        g_error ("case %u: expected “%s” in “%s”", i, bad[i].expected, error->message);
      g_clear_error (&error);
    }
  /* Nothing changed: no exercise, no image, no event (refusals of the trainer are not
   * permission refusals, so nothing is logged). */
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM training_exercises"),
                   ==, 0);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM images"), ==, images);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM audit_event"), ==,
                   events);
  write_folder (dir, GOOD_HEADER "p1,images/img0.png,images/img1.png,1,easy,\"same, person\"\n"
                     "\n" "p2,images/img2.png,images/img3.png,0,hard,\n");
  id = lk_training_exercise_import (w.trainer, &spec, dir, &error);
  g_assert_no_error (error);
  items = lk_training_items_list (w.trainer, id, NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  {
    g_autoptr(LkTrainingItem) first = g_list_model_get_item (items, 0);

    g_assert_cmpstr (lk_training_item_get_truth_notes (first), ==, "same, person");
  }
  /* Through likeness-cli: the same message, and a second import of the name is refused. */
  {
    g_autoptr(LkCliRun) run = lk_test_cli (TRAINER_PASSWORD, NULL, NULL, "--db",
                                           fixture->db_path, "--user", TRAINER, "training",
                                           "exercise", "import", "Imported", dir,
                                           "--instructions", "x", NULL);

    lk_test_cli_assert_failed (run, "An exercise called “Imported” exists already");
  }
  lk_test_training_world_clear (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  LK_TEST_ADD ("/likeness/training/truth-hidden-core", test_truth_hidden_core);
  LK_TEST_ADD ("/likeness/training/truth-hidden-cli", test_truth_hidden_cli);
  LK_TEST_ADD ("/likeness/training/roles", test_roles);
  LK_TEST_ADD ("/likeness/training/exercise-image-not-casework",
               test_exercise_image_not_casework);
  LK_TEST_ADD ("/likeness/training/not-in-stats", test_not_in_stats);
  LK_TEST_ADD ("/likeness/training/exercise-retention", test_exercise_retention);
  LK_TEST_ADD ("/likeness/training/results", test_results);
  LK_TEST_ADD ("/likeness/training/import", test_import);
  return g_test_run ();
}
