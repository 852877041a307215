/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Examinations: annotations, time, navigation among the retained candidates, frozen cases, and the
 * `examination` commands of likeness-cli. */
#include "config.h"

#include "lk-test-examinations.h"

/* ---- annotations --------------------------------------------------------------------------- */

static const char *
some_characteristic (void)
{
  JsonArray *components = json_object_get_array_member (lk_feature_list (), "components");
  JsonObject *component = json_array_get_object_element (components, 0);
  JsonArray *characteristics = json_object_get_array_member (component, "characteristics");

  return json_object_get_string_member (json_array_get_object_element (characteristics, 0),
                                        "id");
}

static gint64
add_ok (LkTestWorld *w,
        gint64       id,
        const char  *image,
        const char  *kind,
        int          pair,
        const char  *geometry,
        const char  *label,
        const char  *characteristic)
{
  g_autoptr(JsonArray) points = array_from (geometry);
  LkAnnotationSpec spec = { image, kind, pair, points, label, characteristic };
  g_autoptr(GError) error = NULL;
  gint64 annotation = lk_examinations_add_annotation (w->examiner, id, &spec, &error);

  g_assert_no_error (error);
  g_assert_cmpint (annotation, >, 0);
  return annotation;
}

static void
add_refused (LkTestWorld *w,
             gint64       id,
             const char  *image,
             const char  *kind,
             int          pair,
             const char  *geometry,
             const char  *label,
             const char  *characteristic,
             int          code,
             const char  *expected)
{
  g_autoptr(JsonArray) points = array_from (geometry);
  LkAnnotationSpec spec = { image, kind, pair, points, label, characteristic };
  g_autoptr(GError) error = NULL;
  gint64 before = lk_test_world_sql_int (w, "SELECT count(*) FROM annotations");

  g_assert_cmpint (lk_examinations_add_annotation (w->examiner, id, &spec, &error), ==, 0);
  g_assert_error (error, LK_ERROR, code);
  lk_test_assert_message (error, expected);
  g_assert_cmpint (lk_test_world_sql_int (w, "SELECT count(*) FROM annotations"), ==, before);
}

static JsonObject *
annotation_by_id (JsonObject *examination,
                  gint64      annotation)
{
  JsonArray *all = json_object_get_array_member (examination, "annotations");

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *a = json_array_get_object_element (all, i);

      if (json_object_get_int_member (a, "id") == annotation)
        return a;
    }
  return NULL;
}

static void
add_refusals (LkTestWorld *w,
              gint64       id)
{
  add_refused (w, id, "probe", "marker", 1, "[[300, 250]]", NULL, NULL, LK_ERROR_EXISTS,
               "Pair 1 already has a marker on the probe");
  add_refused (w, id, "probe", "ellipse", 0, "[[10, 10], [40, 50]]", NULL, "eyes.no-such-thing",
               LK_ERROR_INVALID_INPUT, "not a characteristic of the feature list");
  add_refused (w, id, "probe", "text", 0, "[[10, 10]]", "  ", NULL, LK_ERROR_INVALID_INPUT,
               "needs its text");
  add_refused (w, id, "probe", "marker", 0, "[[10, 10], [20, 20]]", NULL, NULL,
               LK_ERROR_INVALID_INPUT, "has 1 point(s), not 2");
  add_refused (w, id, "candidate", "rectangle", 0, "[[10, 10], [10, 50]]", NULL, NULL,
               LK_ERROR_INVALID_INPUT, "with an area");
  add_refused (w, id, "candidate", "arrow", 0, "[[10, 10], [10, 10]]", NULL, NULL,
               LK_ERROR_INVALID_INPUT, "different points");
  add_refused (w, id, "candidate", "marker", 0, "[[130, 10]]", NULL, NULL,
               LK_ERROR_INVALID_INPUT, "outside the candidate image");
  add_refused (w, id, "candidate", "ellipse", 2, "[[10, 10], [40, 50]]", NULL, NULL,
               LK_ERROR_INVALID_INPUT, "Only markers have a pair number");
  add_refused (w, id, "candidate", "freehand", 0, "[[10, 10]]", NULL, NULL,
               LK_ERROR_INVALID_INPUT, "Unknown annotation kind");
  add_refused (w, id, "both", "marker", 0, "[[10, 10]]", NULL, NULL, LK_ERROR_INVALID_INPUT,
               "“probe” or the “candidate”");
  add_refused (w, id, "probe", "marker", 0, "[[10, \"x\"]]", NULL, NULL, LK_ERROR_INVALID_INPUT,
               "two numbers");
}

static char *
annotations_text (JsonObject *examination)
{
  g_autoptr(JsonNode) node =
    json_node_init_array (json_node_alloc (),
                          json_object_get_array_member (examination, "annotations"));

  return json_to_string (node, FALSE);
}

/* ---- time, navigation, frozen cases --------------------------------------------------------- */

static void
time_refused (LkTestWorld *w,
              gint64       id,
              double       seconds)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lk_examinations_add_time (w->examiner, id, seconds, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
}

/* ---- likeness-cli -------------------------------------------------------------------------- */

static LkCliRun *
cli_as (LkTestWorld *w,
        const char  *user,
        const char  *password,
        const char  *a0,
        const char  *a1,
        const char  *a2,
        const char  *a3)
{
  return lk_test_cli (password, NULL, NULL, "--db", w->fixture->db_path, "--user", user, a0, a1,
                      a2, a3, NULL);
}

static void
test_annotations (LkTestFixture *fixture,
                  gconstpointer  data)
{
  LkTestWorld w = { 0 };
  const char *characteristic = some_characteristic ();
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonArray) moved = array_from ("[[12.5, 14], [50, 60.25]]");
  g_autofree char *gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  JsonObject *a;
  g_autofree char *reason = NULL;
  gint64 id, probe_marker, candidate_marker, second, explicit, ellipse, rectangle;
  gint64 n_events, broken;

  world_init (&w, fixture);
  id = open_ok (&w, w.candidates[0]);
  probe_marker = add_ok (&w, id, "probe", "marker", 0, "[[250.5, 260]]", NULL, NULL);
  /* Placed on the probe, then on the candidate: the two share pair 1. */
  candidate_marker = add_ok (&w, id, "candidate", "marker", 0, "[[45, 62]]", "left eye", NULL);
  second = add_ok (&w, id, "probe", "marker", 0, "[[300, 255]]", NULL, NULL);
  explicit = add_ok (&w, id, "candidate", "marker", 2, "[[75, 62]]", NULL, NULL);
  ellipse = add_ok (&w, id, "candidate", "ellipse", 0, "[[30, 40], [90, 70]]", "eye region",
                    characteristic);
  rectangle = add_ok (&w, id, "probe", "rectangle", 0, "[[200, 230], [340, 300]]", NULL, NULL);
  add_ok (&w, id, "candidate", "arrow", 0, "[[10, 10], [44, 60]]", NULL, NULL);
  add_ok (&w, id, "probe", "text", 0, "[[220, 200]]", "scar above the left brow", NULL);
  add_refusals (&w, id);
  g_assert_cmpint (lk_test_count_action (w.store, "annotation.added"), ==, 8);

  before = get_ok (&w, id);
  g_assert_cmpint (json_object_get_int_member (annotation_by_id (before, probe_marker), "pair"),
                   ==, 1);
  g_assert_cmpint (json_object_get_int_member (annotation_by_id (before, candidate_marker),
                                               "pair"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (annotation_by_id (before, second), "pair"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (annotation_by_id (before, explicit), "pair"), ==,
                   2);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (annotation_by_id (before, ellipse),
                                                               "pair")));
  g_assert_cmpstr (json_object_get_string_member (annotation_by_id (before, ellipse),
                                                  "characteristic"), ==, characteristic);

  /* Update and soft delete. */
  g_assert_true (lk_examinations_update_annotation (w.examiner, ellipse, moved, "both eyes", "",
                                                    &error));
  g_assert_no_error (error);
  g_assert_true (lk_examinations_delete_annotation (w.examiner, rectangle, &error));
  g_assert_no_error (error);
  gone = g_strdup_printf ("Annotation %" G_GINT64_FORMAT " was deleted", rectangle);
  g_assert_false (lk_examinations_delete_annotation (w.examiner, rectangle, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, gone);
  g_clear_error (&error);
  g_assert_false (lk_examinations_update_annotation (w.examiner, rectangle, NULL, "x", NULL,
                                                     &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (lk_examinations_delete_annotation (w.examiner, 987654, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no annotation 987654");
  g_clear_error (&error);
  g_assert_cmpint (lk_test_count_action (w.store, "annotation.updated"), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "annotation.deleted"), ==, 1);
  g_assert_cmpint (lk_test_world_sql_int (&w, "SELECT count(*) FROM annotations WHERE id = %"
                                          G_GINT64_FORMAT " AND deleted_at IS NOT NULL", rectangle),
                   ==, 1);
  g_clear_pointer (&before, json_object_unref);
  before = get_ok (&w, id);
  before_text = annotations_text (before);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (before, "annotations")),
                    ==, 7);
  g_assert_null (annotation_by_id (before, rectangle));
  a = annotation_by_id (before, ellipse);
  g_assert_cmpstr (json_object_get_string_member (a, "label"), ==, "both eyes");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (a, "characteristic")));
  g_assert_cmpfloat (json_array_get_double_element (
                       json_array_get_array_element (json_object_get_array_member (a, "geometry"),
                                                     1), 1), ==, 60.25);

  /* Everything is there after reopening the database. */
  lk_test_world_reopen (&w);
  after = get_ok (&w, id);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (after, "annotations")),
                    ==, 7);
  after_text = annotations_text (after);
  g_assert_cmpstr (after_text, ==, before_text);
  /* Every change went through the hash chain. */
  g_assert_true (lk_audit_verify (w.store, &n_events, &broken, &reason, &error));
  g_assert_no_error (error);
  g_assert_null (reason);
  world_clear (&w);
}

static void
test_time (LkTestFixture *fixture,
           gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  world_init (&w, fixture);
  id = open_ok (&w, w.candidates[0]);
  g_assert_true (lk_examinations_add_time (w.examiner, id, 12.5, &error));
  g_assert_true (lk_examinations_add_time (w.examiner, id, 30, &error));
  g_assert_no_error (error);
  details = last_details (&w, "examination.time-added");
  g_assert_cmpfloat (json_object_get_double_member (details, "total"), ==, 42.5);
  time_refused (&w, id, 0);
  time_refused (&w, id, -3);
  time_refused (&w, id, NAN);
  time_refused (&w, id, 1e6);
  g_assert_cmpint (lk_test_count_action (w.store, "examination.time-added"), ==, 2);
  lk_test_world_reopen (&w);
  o = get_ok (&w, id);
  g_assert_cmpfloat (json_object_get_double_member (o, "seconds_spent"), ==, 42.5);
  world_clear (&w);
}

static void
test_retained (LkTestFixture *fixture,
               gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autoptr(GListModel) retained = NULL;
  g_autoptr(GListModel) refused = NULL;
  g_autoptr(GError) error = NULL;

  world_init (&w, fixture);
  /* Even once revealed to this examiner, the workspace shows no rank or score. */
  g_assert_true (lk_candidates_reveal_scores (w.examiner, w.list, "checking the margin", &error));
  g_assert_no_error (error);
  retained = lk_examinations_retained (w.examiner, w.probe, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (retained), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      LkCandidate *c = lk_test_item_at (retained, i);

      g_assert_cmpint (lk_candidate_get_id (c), ==, w.candidates[i * 2]);
      g_assert_cmpint (lk_candidate_get_position (c), ==, (int) i + 1);
      g_assert_cmpstr (lk_candidate_get_triage_state (c), ==, "retained");
      g_assert_false (lk_candidate_get_scores_visible (c));
      g_assert_cmpint (lk_candidate_get_rank (c), ==, 0);
      g_assert_true (isnan (lk_candidate_get_score (c)));
    }
  refused = lk_examinations_retained (w.reviewer, w.probe, &error);
  g_assert_null (refused);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  world_clear (&w);
}

static void
test_frozen (LkTestFixture *fixture,
             gconstpointer  data)
{
  LkTestWorld w = { 0 };
  LkPoint probe_eyes[2] = { { 221, 263 }, { 301, 258 } };
  LkPoint candidate_eyes[2] = { { 45, 62 }, { 75, 62 } };
  g_autoptr(GError) error = NULL;
  gint64 id;

  world_init (&w, fixture);
  id = open_ok (&w, w.candidates[0]);
  lk_test_world_sql (&w, "UPDATE cases SET status = 'verification'");
  g_assert_false (lk_examinations_set_alignment (w.examiner, id, probe_eyes, candidate_eyes,
                                                 &error));
  lk_test_assert_message (error, "Verification");
  g_clear_error (&error);
  g_assert_false (lk_examinations_add_time (w.examiner, id, 4, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  add_refused (&w, id, "probe", "marker", 0, "[[250, 260]]", NULL, NULL, LK_ERROR_INVALID_INPUT,
               "Verification");
  world_clear (&w);
}

static void
test_case_json (LkTestFixture *fixture,
                gconstpointer  data)
{
  LkTestWorld w = { 0 };
  LkPoint probe_eyes[2] = { { 221, 263 }, { 301, 258 } };
  LkPoint candidate_eyes[2] = { { 45, 62 }, { 75, 62 } };
  g_autoptr(JsonObject) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *probe, *summary;
  JsonArray *examinations;
  gint64 id;

  world_init (&w, fixture);
  id = open_ok (&w, w.candidates[0]);
  add_ok (&w, id, "probe", "marker", 0, "[[250.5, 260]]", NULL, NULL);
  add_ok (&w, id, "candidate", "marker", 1, "[[45, 62]]", NULL, NULL);
  g_assert_true (lk_examinations_set_alignment (w.examiner, id, probe_eyes, candidate_eyes,
                                                &error));
  g_assert_true (lk_examinations_add_time (w.examiner, id, 90, &error));
  g_assert_no_error (error);
  c = lk_cases_to_json (w.examiner, CASE_NUMBER, &error);
  g_assert_no_error (error);
  probe = json_array_get_object_element (json_object_get_array_member (c, "probes"), 0);
  examinations = json_object_get_array_member (probe, "examinations");
  g_assert_cmpuint (json_array_get_length (examinations), ==, 1);
  summary = json_array_get_object_element (examinations, 0);
  g_assert_cmpint (json_object_get_int_member (summary, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (summary, "subject_ref"), ==, "SUBJ-0001");
  g_assert_cmpstr (json_object_get_string_member (summary, "examiner"), ==, LK_TEST_WORLD_EXAMINER);
  g_assert_cmpint (json_object_get_int_member (summary, "n_annotations"), ==, 2);
  g_assert_true (json_object_get_boolean_member (summary, "aligned"));
  g_assert_cmpfloat (json_object_get_double_member (summary, "seconds_spent"), ==, 90);
  text = object_to_text (summary);
  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    g_assert_null (strstr (text, scores[i]));
  world_clear (&w);
}

static void
test_cli (LkTestFixture *fixture,
          gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autofree char *candidate = NULL;
  g_autofree char *eliminated = NULL;
  g_autofree char *id = NULL;
  g_autoptr(LkCliRun) open = NULL;
  g_autoptr(LkCliRun) again = NULL;
  g_autoptr(LkCliRun) refused = NULL;
  g_autoptr(LkCliRun) show = NULL;
  g_autoptr(LkCliRun) summary = NULL;
  g_autoptr(LkCliRun) stranger = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o;

  world_init (&w, fixture);
  lk_test_world_close_sessions (&w);
  candidate = g_strdup_printf ("%" G_GINT64_FORMAT, w.candidates[0]);
  eliminated = g_strdup_printf ("%" G_GINT64_FORMAT, w.candidates[1]);
  open = cli_as (&w, LK_TEST_WORLD_EXAMINER, LK_TEST_WORLD_EXAMINER_PASSWORD,
                 "examination", "open", candidate, NULL);
  g_assert_cmpint (open->status, ==, 0);
  id = g_strstrip (g_strdup (open->out));
  g_assert_cmpint (g_ascii_strtoll (id, NULL, 10), ==,
                   lk_test_world_sql_int (&w, "SELECT id FROM examinations"));
  again = cli_as (&w, LK_TEST_WORLD_EXAMINER, LK_TEST_WORLD_EXAMINER_PASSWORD,
                  "examination", "open", candidate, NULL);
  g_assert_cmpstr (again->out, ==, open->out);
  refused = cli_as (&w, LK_TEST_WORLD_EXAMINER, LK_TEST_WORLD_EXAMINER_PASSWORD,
                    "examination", "open", eliminated, NULL);
  g_assert_cmpint (refused->status, >, 0);
  g_assert_nonnull (strstr (refused->err, "eliminated"));

  show = cli_as (&w, LK_TEST_WORLD_EXAMINER, LK_TEST_WORLD_EXAMINER_PASSWORD,
                 "examination", "show", id, "--json");
  g_assert_cmpint (show->status, ==, 0);
  json_parser_load_from_data (parser, show->out, -1, &error);
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (o, "candidate_id"), ==, w.candidates[0]);
  g_assert_null (strstr (show->out, "score"));
  summary = cli_as (&w, LK_TEST_WORLD_EXAMINER, LK_TEST_WORLD_EXAMINER_PASSWORD,
                    "examination", "show", id, NULL);
  g_assert_cmpint (summary->status, ==, 0);
  g_assert_nonnull (strstr (summary->out, "SUBJ-0001"));
  stranger = cli_as (&w, LK_TEST_WORLD_OTHER, LK_TEST_WORLD_OTHER_PASSWORD,
                     "examination", "show", id, "--json");
  g_assert_cmpint (stranger->status, >, 0);
  g_assert_nonnull (strstr (stranger->err, "belongs to"));
  world_clear (&w);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/examinations/annotations", test_annotations);
  LK_TEST_ADD ("/likeness/examinations/time", test_time);
  LK_TEST_ADD ("/likeness/examinations/retained", test_retained);
  LK_TEST_ADD ("/likeness/examinations/frozen", test_frozen);
  LK_TEST_ADD ("/likeness/examinations/case-json", test_case_json);
  LK_TEST_ADD ("/likeness/examinations/cli", test_cli);
  return g_test_run ();
}
