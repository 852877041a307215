/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Examinations: the gates of opening one, alignment and its replay, enhancement stacks. */
#include "config.h"

#include "lk-test-examinations.h"

/* The typed stack of a stored JSON text, which must be valid. */
static LkEnhancementStack *
stack_from (const char *text)
{
  g_autoptr(JsonArray) json = array_from (text);
  g_autoptr(GError) error = NULL;
  LkEnhancementStack *stack = lk_enhancement_stack_new_from_json (json, &error);

  g_assert_no_error (error);
  return stack;
}

static void
open_refused (LkTestWorld *w,
              LkSession   *session,
              gint64       candidate,
              int          code,
              const char  *expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (lk_examinations_open (session, candidate, &error), ==, 0);
  g_assert_error (error, LK_ERROR, code);
  lk_test_assert_message (error, expected);
  g_assert_cmpint (lk_test_world_sql_int (w, "SELECT count(*) FROM examinations"), ==, 0);
}

/* ---- alignment ----------------------------------------------------------------------------- */

static void
alignment_refused (LkTestWorld  *w,
                   gint64        id,
                   const LkPoint probe_eyes[2],
                   const LkPoint candidate_eyes[2],
                   const char   *expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lk_examinations_set_alignment (w->examiner, id, probe_eyes, candidate_eyes,
                                                 &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  lk_test_assert_message (error, expected);
}

static void
assert_points (JsonArray     *array,
               const LkPoint *points)
{
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonArray *p = json_array_get_array_element (array, i);

      g_assert_cmpfloat (json_array_get_double_element (p, 0), ==, points[i].x);
      g_assert_cmpfloat (json_array_get_double_element (p, 1), ==, points[i].y);
    }
}

static void
set_stack_ok (LkTestWorld *w,
              gint64       id,
              const char  *image,
              const char  *json)
{
  g_autoptr(LkEnhancementStack) stack = stack_from (json);
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_examinations_set_enhancements (w->examiner, id, image, stack, &error));
  g_assert_no_error (error);
}

/* Decodes the stored image and applies the stored stack, as a report would. */
static char *
replay_hash (LkTestWorld *w,
             gint64       id,
             const char  *image,
             gboolean     enhanced)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkExamination) exam = lk_examinations_get_examination (w->examiner, id, &error);
  g_autoptr(LkEnhancementStack) stack = lk_examination_get_enhancements (exam, image, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(LkPixels) pixels = NULL;
  g_autoptr(LkPixels) out = NULL;
  g_autoptr(LkEnhancementStack) none = lk_enhancement_stack_new ();

  g_assert_no_error (error);
  if (g_str_equal (image, "probe"))
    bytes = lk_probes_read_image (w->examiner, lk_examination_get_probe_id (exam), &error);
  else
    bytes = lk_candidates_read_image (w->examiner, lk_examination_get_candidate_id (exam),
                                      &error);
  g_assert_no_error (error);
  pixels = lk_cv_decode (bytes, 0, &error);
  g_assert_no_error (error);
  out = lk_cv_enhance (pixels, enhanced ? stack : none, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, out->pixels,
                                      (gsize) out->stride * out->height);
}

static void
assert_changes (LkTestWorld *w,
                const char  *image,
                const char **expected)
{
  g_autoptr(JsonObject) details = last_details (w, "examination.enhancements-changed");
  JsonArray *changes = json_object_get_array_member (details, "changes");
  guint n = g_strv_length ((char **) expected);

  g_assert_cmpstr (json_object_get_string_member (details, "image"), ==, image);
  g_assert_true (json_object_has_member (details, "before"));
  g_assert_true (json_object_has_member (details, "after"));
  for (guint i = 0; i < json_array_get_length (changes); i++)
    g_test_message ("change: %s", json_array_get_string_element (changes, i));
  g_assert_cmpuint (json_array_get_length (changes), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (json_array_get_string_element (changes, i), ==, expected[i]);
}

/* ---- opening ------------------------------------------------------------------------------- */

static void
test_open (LkTestFixture *fixture,
           gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autoptr(JsonObject) o = NULL;
  g_autofree char *text = NULL;
  JsonObject *size;
  gint64 id;

  world_init (&w, fixture);
  id = open_ok (&w, w.candidates[0]);
  g_assert_cmpint (lk_examinations_open (w.examiner, w.candidates[0], NULL), ==, id);
  g_assert_cmpint (lk_test_count_action (w.store, "examination.opened"), ==, 1);
  g_assert_cmpint (lk_examinations_find (w.examiner, w.candidates[0], NULL), ==, id);
  g_assert_cmpint (lk_examinations_find (w.examiner, w.candidates[2], NULL), ==, 0);

  o = get_ok (&w, id);
  g_assert_cmpint (lk_test_count_action (w.store, "examination.viewed"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "probe_id"), ==, w.probe);
  g_assert_cmpint (json_object_get_int_member (o, "candidate_id"), ==, w.candidates[0]);
  g_assert_cmpstr (json_object_get_string_member (o, "examiner"), ==, LK_TEST_WORLD_EXAMINER);
  g_assert_cmpstr (json_object_get_string_member (o, "feature_list"), ==,
                   lk_feature_list_edition ());
  g_assert_cmpuint (strlen (json_object_get_string_member (o, "probe_sha256")), ==, 64);
  g_assert_cmpuint (strlen (json_object_get_string_member (o, "candidate_sha256")), ==, 64);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (o, "alignment")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "annotations")), ==,
                    0);
  size = json_object_get_object_member (o, "candidate_size");
  g_assert_cmpint (json_object_get_int_member (size, "width"), ==, CANDIDATE_WIDTH);
  g_assert_cmpint (json_object_get_int_member (size, "height"), ==, CANDIDATE_HEIGHT);
  /* Never the rank or the score. */
  g_assert_false (json_object_has_member (o, "rank"));
  g_assert_false (json_object_has_member (o, "score"));
  text = object_to_text (o);
  g_assert_null (strstr (text, "rank"));
  g_assert_null (strstr (text, "score"));
  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    g_assert_null (strstr (text, scores[i]));
  world_clear (&w);
}

static void
test_open_refused (LkTestFixture *fixture,
                   gconstpointer  data)
{
  LkTestWorld w = { 0 };

  world_init (&w, fixture);
  open_refused (&w, w.examiner, w.candidates[3], LK_ERROR_REFUSED, "not reviewed");
  open_refused (&w, w.examiner, w.candidates[1], LK_ERROR_REFUSED, "eliminated");
  open_refused (&w, w.examiner, 9999, LK_ERROR_NOT_FOUND, "no candidate");
  open_refused (&w, w.reviewer, w.candidates[0], LK_ERROR_PERMISSION_DENIED, "Only an examiner");
  open_refused (&w, w.admin, w.candidates[0], LK_ERROR_PERMISSION_DENIED, "Only an examiner");

  /* A probe whose analysis is not locked (or closed as not suitable) masks its candidates. */
  lk_test_world_sql (&w, "UPDATE probes SET status = 'awaiting-analysis' WHERE id = %"
                     G_GINT64_FORMAT, w.probe);
  open_refused (&w, w.examiner, w.candidates[0], LK_ERROR_MASKED, "masked");
  lk_test_world_sql (&w, "UPDATE probes SET status = 'not-suitable' WHERE id = %"
                     G_GINT64_FORMAT, w.probe);
  open_refused (&w, w.examiner, w.candidates[0], LK_ERROR_MASKED, "not suitable");
  lk_test_world_sql (&w, "UPDATE probes SET status = 'analysed' WHERE id = %"
                     G_GINT64_FORMAT, w.probe);

  /* Once the case went to verification, nothing new is examined. */
  lk_test_world_sql (&w, "UPDATE cases SET status = 'verification'");
  open_refused (&w, w.examiner, w.candidates[0], LK_ERROR_INVALID_INPUT, "Verification");
  lk_test_world_sql (&w, "UPDATE cases SET status = 'examination'");

  g_assert_cmpint (lk_test_count_action (w.store, "examination.opened"), ==, 0);
  open_ok (&w, w.candidates[0]);
  world_clear (&w);
}

static void
test_owner (LkTestFixture *fixture,
            gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  LkPoint eyes[2] = { { 10, 10 }, { 40, 10 } };
  gint64 id, other_id;

  world_init (&w, fixture);
  id = open_ok (&w, w.candidates[0]);
  g_assert_null (lk_examinations_get (w.other, id, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  lk_test_assert_message (error, "belongs to " LK_TEST_WORLD_EXAMINER);
  g_clear_error (&error);
  g_assert_false (lk_examinations_set_alignment (w.other, id, eyes, eyes, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (lk_examinations_add_time (w.other, id, 5, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_null (lk_examinations_get (w.reviewer, id, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  /* Another examiner has an examination of their own of the same candidate. */
  other_id = lk_examinations_open (w.other, w.candidates[0], &error);
  g_assert_no_error (error);
  g_assert_cmpint (other_id, !=, id);
  world_clear (&w);
}

static void
test_alignment (LkTestFixture *fixture,
                gconstpointer  data)
{
  LkTestWorld w = { 0 };
  LkPoint probe_eyes[2] = { { 221.4, 263.7 }, { 301.9, 258.2 } };
  LkPoint candidate_eyes[2] = { { 45.2, 62.5 }, { 74.6, 61.8 } };
  LkPoint same[2] = { { 45.2, 62.5 }, { 45.5, 62.5 } };
  LkPoint outside[2] = { { 45.2, 62.5 }, { 121.0, 61.8 } };
  LkPoint off_probe[2] = { { -3, 263.7 }, { 301.9, 258.2 } };
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(JsonObject) cleared = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *alignment;
  LkSimilarity t;
  gint64 id;

  world_init (&w, fixture);
  id = open_ok (&w, w.candidates[0]);
  alignment_refused (&w, id, probe_eyes, same, "less than a pixel apart");
  alignment_refused (&w, id, probe_eyes, outside, "outside the candidate image (120 x 150");
  alignment_refused (&w, id, off_probe, candidate_eyes, "outside the probe image (512 x 600");
  g_assert_cmpint (lk_test_count_action (w.store, "examination.aligned"), ==, 0);

  g_assert_true (lk_examinations_set_alignment (w.examiner, id, probe_eyes, candidate_eyes,
                                                &error));
  g_assert_no_error (error);
  details = last_details (&w, "examination.aligned");
  g_assert_true (json_object_has_member (details, "transform"));
  o = get_ok (&w, id);
  alignment = json_object_get_object_member (o, "alignment");
  g_assert_nonnull (alignment);
  assert_points (json_object_get_array_member (alignment, "probe_eyes"), probe_eyes);
  assert_points (json_object_get_array_member (alignment, "candidate_eyes"), candidate_eyes);
  g_assert_cmpstr (json_object_get_string_member (alignment, "maps"), ==, "candidate-to-probe");
  g_assert_true (lk_similarity_from_json (json_object_get_object_member (alignment, "transform"),
                                          &t, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 2; i++)
    {
      LkPoint mapped = lk_similarity_apply (&t, candidate_eyes[i]);

      g_assert_cmpfloat (hypot (mapped.x - probe_eyes[i].x, mapped.y - probe_eyes[i].y), <, 0.5);
    }
  g_assert_cmpfloat (lk_similarity_scale (&t), >, 2.5);

  g_assert_true (lk_examinations_reset_alignment (w.examiner, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lk_test_count_action (w.store, "examination.alignment-reset"), ==, 1);
  cleared = get_ok (&w, id);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (cleared, "alignment")));
  /* Nothing to reset: nothing recorded. */
  g_assert_true (lk_examinations_reset_alignment (w.examiner, id, &error));
  g_assert_cmpint (lk_test_count_action (w.store, "examination.alignment-reset"), ==, 1);
  world_clear (&w);
}

static void
test_enhancement_replay (LkTestFixture *fixture,
                         gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autofree char *candidate_before = NULL;
  g_autofree char *probe_before = NULL;
  g_autofree char *candidate_after = NULL;
  g_autofree char *probe_after = NULL;
  g_autofree char *candidate_plain = NULL;
  g_autofree char *probe_plain = NULL;
  gint64 id;

  world_init (&w, fixture);
  id = open_ok (&w, w.candidates[2]);
  set_stack_ok (&w, id, "candidate", candidate_stack);
  set_stack_ok (&w, id, "probe", probe_stack);
  candidate_before = replay_hash (&w, id, "candidate", TRUE);
  probe_before = replay_hash (&w, id, "probe", TRUE);

  lk_test_world_reopen (&w);
  candidate_after = replay_hash (&w, id, "candidate", TRUE);
  probe_after = replay_hash (&w, id, "probe", TRUE);
  g_test_message ("candidate %s, probe %s", candidate_after, probe_after);
  g_assert_cmpstr (candidate_after, ==, candidate_before);
  g_assert_cmpstr (probe_after, ==, probe_before);
  /* The stacks did change the pixels: a hash that could not differ proves nothing. */
  candidate_plain = replay_hash (&w, id, "candidate", FALSE);
  probe_plain = replay_hash (&w, id, "probe", FALSE);
  g_assert_cmpstr (candidate_plain, !=, candidate_after);
  g_assert_cmpstr (probe_plain, !=, probe_after);
  world_clear (&w);
}

static void
test_enhancement_audit (LkTestFixture *fixture,
                        gconstpointer  data)
{
  LkTestWorld w = { 0 };
  const char *added[] = { "added step 1: gamma (gamma 1.3)", NULL };
  const char *added_2[] = { "added step 2: clahe (clip 2, tiles 8)", NULL };
  const char *moved[] = { "moved gamma from step 1 to step 2", NULL };
  const char *changed[] = { "changed step 1: clahe, clip 2 → 3.5", NULL };
  const char *removed[] = { "removed step 2: gamma (gamma 1.3)", NULL };
  g_autoptr(LkEnhancementStack) bad =
    stack_from ("[{\"op\": \"invert\"}, {\"op\": \"levels\", \"black\": 10, \"white\": 200,"
                " \"gamma\": 1}]");
  g_autoptr(LkEnhancementStack) empty = lk_enhancement_stack_new ();
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, n;

  world_init (&w, fixture);
  id = open_ok (&w, w.candidates[0]);
  set_stack_ok (&w, id, "candidate", "[{\"op\": \"gamma\", \"gamma\": 1.3}]");
  assert_changes (&w, "candidate", added);
  set_stack_ok (&w, id, "candidate", "[{\"op\": \"gamma\", \"gamma\": 1.3},"
                                     " {\"op\": \"clahe\", \"clip\": 2, \"tiles\": 8}]");
  assert_changes (&w, "candidate", added_2);
  set_stack_ok (&w, id, "candidate", "[{\"op\": \"clahe\", \"clip\": 2, \"tiles\": 8},"
                                     " {\"op\": \"gamma\", \"gamma\": 1.3}]");
  assert_changes (&w, "candidate", moved);
  set_stack_ok (&w, id, "candidate", "[{\"op\": \"clahe\", \"clip\": 3.5, \"tiles\": 8},"
                                     " {\"op\": \"gamma\", \"gamma\": 1.3}]");
  assert_changes (&w, "candidate", changed);
  set_stack_ok (&w, id, "candidate", "[{\"op\": \"clahe\", \"clip\": 3.5, \"tiles\": 8}]");
  assert_changes (&w, "candidate", removed);
  n = lk_test_count_action (w.store, "examination.enhancements-changed");
  g_assert_cmpint (n, ==, 5);

  /* The same stack again changes nothing and records nothing. */
  set_stack_ok (&w, id, "candidate", "[{\"op\": \"clahe\", \"clip\": 3.5, \"tiles\": 8.0}]");
  g_assert_cmpint (lk_test_count_action (w.store, "examination.enhancements-changed"), ==, n);

  /* Each value is in range, but black above white is refused when the stack is set. */
  g_assert_true (lk_enhancement_stack_set_value (bad, 1, 0, 220, &error));
  g_assert_false (lk_examinations_set_enhancements (w.examiner, id, "candidate", bad, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  lk_test_assert_message (error, "step 2 (levels)");
  g_clear_error (&error);
  g_assert_false (lk_examinations_set_enhancements (w.examiner, id, "background", empty, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (lk_test_count_action (w.store, "examination.enhancements-changed"), ==, n);
  o = get_ok (&w, id);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o,
                                                                         "candidate_enhancements")),
                    ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o,
                                                                         "probe_enhancements")),
                    ==, 0);
  world_clear (&w);
}

/* Someone edits the stored alignment and enhancement steps behind Likeness's back: opening
 * the examination says what is damaged instead of showing it unaligned or unenhanced. */
static void
tamper (LkTestFixture *fixture,
        gint64         id,
        const char    *assignments)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE examinations SET %s WHERE id = %" G_GINT64_FORMAT,
                                          assignments, id);

  g_assert_cmpint (lk_test_sql_tamper (fixture->db_path, sql, NULL), ==, 1);
}

static void
test_damaged (LkTestFixture *fixture,
              gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  LkExamination *examination;
  gint64 id;

  world_init (&w, fixture);
  id = open_ok (&w, w.candidates[0]);
  tamper (fixture, id, "alignment = '{\"transform\": {\"a\": 0, \"b\": 0, \"tx\": 1,"
                       " \"ty\": 2}}'");
  examination = lk_examinations_get_examination (w.examiner, id, &error);
  g_assert_null (examination);
  g_assert_error (error, LK_ERROR, LK_ERROR_INTEGRITY);
  lk_test_assert_message (error, "The alignment stored for examination");
  g_clear_error (&error);

  tamper (fixture, id, "alignment = NULL, candidate_enhancements = '[{\"op\": '");
  g_assert_null (lk_examinations_get (w.examiner, id, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INTEGRITY);
  lk_test_assert_message (error, "candidate's enhancement stack stored for examination");
  g_clear_error (&error);

  tamper (fixture, id, "candidate_enhancements = '[]'");
  examination = lk_examinations_get_examination (w.examiner, id, &error);
  g_assert_no_error (error);
  g_assert_false (lk_examination_get_aligned (examination));
  g_object_unref (examination);
  world_clear (&w);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/examinations/open", test_open);
  LK_TEST_ADD ("/likeness/examinations/open-refused", test_open_refused);
  LK_TEST_ADD ("/likeness/examinations/owner", test_owner);
  LK_TEST_ADD ("/likeness/examinations/alignment", test_alignment);
  LK_TEST_ADD ("/likeness/examinations/enhancement-replay", test_enhancement_replay);
  LK_TEST_ADD ("/likeness/examinations/enhancement-audit", test_enhancement_audit);
  LK_TEST_ADD ("/likeness/examinations/damaged", test_damaged);
  return g_test_run ();
}
