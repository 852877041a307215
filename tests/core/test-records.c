/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The typed records the UI reads say what the JSON of likeness-cli says, and reading them is
 * gated and audited as reading the JSON is: an examination with its annotations, observations,
 * conclusions with their acknowledged warnings, a candidate list's provenance and its
 * candidates, a verification's signatures and the feature list's components. */
#include "config.h"

#include "lk-test-casework.h"
#include "lk-test-util.h"

#include <math.h>

#include "lk-json.h"
#include "candidates/lk-list-provenance-private.h"
#include "examination/lk-annotation-private.h"
#include "examination/lk-conclusion-private.h"

typedef struct
{
  LkTestCase  c;
  gint64      examination;
  gint64      list;
} World;

static void
world_init (World         *w,
            LkTestFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) retained = NULL;
  LkCandidate *first;

  lk_test_case_build (&w->c, fixture->db_path, fixture->dir, 2, 1, TRUE);
  retained = lk_examinations_retained (w->c.examiner, w->c.probe, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (retained), ==, 1);
  first = lk_test_item_at (retained, 0);
  w->list = lk_candidate_get_list_id (first);
  w->examination = lk_examinations_find (w->c.examiner, lk_candidate_get_id (first), &error);
  g_assert_no_error (error);
  g_assert_cmpint (w->examination, >, 0);
}

/* Reading the record records one consultation, as reading the JSON does. */
static void
assert_one_more (LkStore    *store,
                 const char *action,
                 gint64      before)
{
  g_assert_cmpint (lk_test_count_action (store, action), ==, before + 1);
}

static void
assert_point (LkAnnotation *a,
              guint         i,
              JsonArray    *geometry)
{
  JsonArray *xy = json_array_get_array_element (geometry, i);
  LkPoint p;

  g_assert_true (lk_annotation_get_point (a, i, &p));
  g_assert_cmpfloat (p.x, ==, json_array_get_double_element (xy, 0));
  g_assert_cmpfloat (p.y, ==, json_array_get_double_element (xy, 1));
}

static void
assert_annotations (GListModel *records,
                    JsonArray  *json)
{
  g_assert_cmpuint (g_list_model_get_n_items (records), ==, json_array_get_length (json));
  g_assert_cmpuint (g_list_model_get_n_items (records), >, 0);
  for (guint i = 0; i < json_array_get_length (json); i++)
    {
      g_autoptr(LkAnnotation) a = g_list_model_get_item (records, i);
      JsonObject *o = json_array_get_object_element (json, i);
      JsonArray *geometry = json_object_get_array_member (o, "geometry");

      g_assert_cmpint (lk_annotation_get_id (a), ==, json_object_get_int_member (o, "id"));
      g_assert_cmpstr (lk_annotation_get_image (a), ==, lk_json_string (o, "image"));
      g_assert_cmpstr (lk_annotation_get_kind (a), ==, lk_json_string (o, "kind"));
      g_assert_cmpint (lk_annotation_get_pair (a), ==,
                       json_object_get_int_member_with_default (o, "pair", 0));
      g_assert_cmpstr (lk_annotation_get_label (a), ==, lk_json_string (o, "label"));
      g_assert_cmpstr (lk_annotation_get_characteristic (a), ==,
                       lk_json_string (o, "characteristic"));
      g_assert_cmpstr (lk_annotation_get_created_at (a), ==, lk_json_string (o, "created_at"));
      g_assert_cmpuint (lk_annotation_get_n_points (a), ==, json_array_get_length (geometry));
      for (guint p = 0; p < json_array_get_length (geometry); p++)
        assert_point (a, p, geometry);
      g_assert_true (lk_annotation_list_find (records, lk_annotation_get_id (a)) == a);
    }
}

static void
assert_stack (LkExamination *exam,
              JsonObject    *json,
              const char    *image)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkEnhancementStack) stack = lk_examination_get_enhancements (exam, image, &error);
  g_autofree char *member = g_strdup_printf ("%s_enhancements", image);
  g_autoptr(JsonArray) written = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_no_error (error);
  written = lk_enhancement_stack_to_json (stack);
  a = lk_json_array_text (written);
  b = lk_json_array_text (json_object_get_array_member (json, member));
  g_assert_cmpstr (a, ==, b);
}

static void
test_examination (LkTestFixture *fixture,
                  gconstpointer  data)
{
  World w = { { 0 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(LkExamination) exam = NULL;
  JsonObject *transform;
  LkSimilarity t;
  gint64 viewed;

  world_init (&w, fixture);
  json = lk_examinations_get (w.c.examiner, w.examination, &error);
  g_assert_no_error (error);
  viewed = lk_test_count_action (w.c.store, "examination.viewed");
  exam = lk_examinations_get_examination (w.c.examiner, w.examination, &error);
  g_assert_no_error (error);
  assert_one_more (w.c.store, "examination.viewed", viewed);

  g_assert_cmpint (lk_examination_get_id (exam), ==, w.examination);
  g_assert_cmpstr (lk_examination_get_purpose (exam), ==, "examination");
  g_assert_cmpstr (lk_examination_get_case_number (exam), ==, w.c.number);
  g_assert_cmpint (lk_examination_get_probe_id (exam), ==, w.c.probe);
  g_assert_cmpint (lk_examination_get_candidate_id (exam), ==,
                   json_object_get_int_member (json, "candidate_id"));
  g_assert_cmpstr (lk_examination_get_subject_ref (exam), ==, lk_json_string (json, "subject_ref"));
  g_assert_cmpstr (lk_examination_get_feature_list (exam), ==,
                   lk_json_string (json, "feature_list"));
  g_assert_cmpstr (lk_examination_get_examiner (exam), ==, "erin");
  g_assert_cmpstr (lk_examination_get_started_at (exam), ==, lk_json_string (json, "started_at"));
  g_assert_cmpint (lk_examination_get_revision (exam), ==,
                   json_object_get_int_member (json, "revision"));
  g_assert_cmpfloat (lk_examination_get_seconds_spent (exam), ==,
                     json_object_get_double_member (json, "seconds_spent"));
  /* Signed by the examiner, countersigned: frozen, and not a reviewer's blind examination. */
  g_assert_true (lk_examination_get_signed (exam));
  g_assert_true (json_object_get_boolean_member (json, "signed"));
  g_assert_false (lk_examination_get_blind (exam));

  transform = json_object_get_object_member (json_object_get_object_member (json, "alignment"),
                                             "transform");
  g_assert_true (lk_examination_get_aligned (exam));
  g_assert_true (lk_examination_get_alignment (exam, &t));
  g_assert_cmpfloat (t.a, ==, json_object_get_double_member (transform, "a"));
  g_assert_cmpfloat (t.b, ==, json_object_get_double_member (transform, "b"));
  g_assert_cmpfloat (t.tx, ==, json_object_get_double_member (transform, "tx"));
  g_assert_cmpfloat (t.ty, ==, json_object_get_double_member (transform, "ty"));

  assert_annotations (lk_examination_get_annotations (exam),
                      json_object_get_array_member (json, "annotations"));
  assert_stack (exam, json, "probe");
  assert_stack (exam, json, "candidate");
  g_assert_null (lk_examination_get_enhancements (exam, "both", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Gated as the JSON is: another examiner's examination is refused. */
  g_assert_null (lk_examinations_get_examination (w.c.reviewer, w.examination, &error));
  g_assert_nonnull (error);
  lk_test_case_clear (&w.c);
}

static void
test_observations_and_conclusions (LkTestFixture *fixture,
                                   gconstpointer  data)
{
  World w = { { 0 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) observations = NULL;
  g_autoptr(JsonArray) conclusions = NULL;
  g_autoptr(GListModel) records = NULL;
  g_autoptr(GListModel) revisions = NULL;
  gint64 viewed;

  world_init (&w, fixture);
  observations = lk_observations_get (w.c.examiner, w.examination, &error);
  g_assert_no_error (error);
  viewed = lk_test_count_action (w.c.store, "observations.viewed");
  records = lk_observations_list (w.c.examiner, w.examination, &error);
  g_assert_no_error (error);
  assert_one_more (w.c.store, "observations.viewed", viewed);
  g_assert_cmpuint (g_list_model_get_n_items (records), ==, json_array_get_length (observations));
  g_assert_cmpuint (g_list_model_get_n_items (records), >, 0);
  for (guint i = 0; i < json_array_get_length (observations); i++)
    {
      g_autoptr(LkObservation) o = g_list_model_get_item (records, i);
      JsonObject *j = json_array_get_object_element (observations, i);

      g_assert_cmpstr (lk_observation_get_characteristic (o), ==,
                       lk_json_string (j, "characteristic"));
      g_assert_cmpstr (lk_observation_get_name (o), ==, lk_json_string (j, "name"));
      g_assert_cmpstr (lk_observation_get_visibility_probe (o), ==,
                       lk_json_string (j, "visibility_probe"));
      g_assert_cmpstr (lk_observation_get_visibility_candidate (o), ==,
                       lk_json_string (j, "visibility_candidate"));
      g_assert_cmpstr (lk_observation_get_result (o), ==, "similar");
      g_assert_cmpstr (lk_observation_get_significance (o), ==, "class");
      g_assert_cmpstr (lk_observation_get_note (o), ==, "Corresponds in form and position");
    }

  conclusions = lk_conclusions_list (w.c.examiner, w.examination, &error);
  g_assert_no_error (error);
  viewed = lk_test_count_action (w.c.store, "conclusions.viewed");
  revisions = lk_conclusions_list_revisions (w.c.examiner, w.examination, &error);
  g_assert_no_error (error);
  assert_one_more (w.c.store, "conclusions.viewed", viewed);
  g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 1);
  g_assert_cmpuint (json_array_get_length (conclusions), ==, 1);
  {
    g_autoptr(LkConclusion) c = g_list_model_get_item (revisions, 0);
    JsonObject *j = json_array_get_object_element (conclusions, 0);

    g_assert_cmpint (lk_conclusion_get_id (c), ==, json_object_get_int_member (j, "id"));
    g_assert_cmpint (lk_conclusion_get_revision (c), ==, 1);
    g_assert_true (lk_conclusion_get_current (c));
    g_assert_cmpint (lk_conclusion_get_amends (c), ==, 0);
    g_assert_null (lk_conclusion_get_amendment_reason (c));
    g_assert_cmpstr (lk_conclusion_get_level (c), ==, lk_json_string (j, "level"));
    g_assert_nonnull (lk_conclusion_get_level (c));
    g_assert_true (lk_conclusion_get_has_ordinal (c));
    g_assert_cmpint (lk_conclusion_get_ordinal (c), ==, json_object_get_int_member (j, "ordinal"));
    g_assert_cmpstr (lk_conclusion_get_outcome (c), ==, lk_json_string (j, "outcome"));
    g_assert_cmpstr (lk_conclusion_get_scale (c), ==, lk_json_string (j, "scale"));
    g_assert_cmpstr (lk_conclusion_get_reasoning (c), ==, lk_json_string (j, "reasoning"));
    g_assert_cmpstr (lk_conclusion_get_signed_by (c), ==, "erin");
    g_assert_cmpstr (lk_conclusion_get_content_sha256 (c), ==,
                     lk_json_string (j, "content_sha256"));
    g_assert_true (lk_conclusion_get_content_intact (c));
    g_assert_cmpuint (g_list_model_get_n_items (lk_conclusion_get_warnings (c)), ==,
                      json_array_get_length (json_object_get_array_member (j, "warnings")));
  }
  lk_test_case_clear (&w.c);
}

/* What the store writes for a conclusion signed over two warnings, read back as a record; and
 * an annotation whose stored members are partly missing. */
static void
test_read_edge_cases (void)
{
  g_autoptr(JsonNode) conclusions = lk_json_parse (
    "[{\"id\": 9, \"revision\": 2, \"current\": false, \"amends\": 7,"
    " \"amendment_reason\": \"Returned\", \"outcome\": \"not-suitable\", \"ordinal\": null,"
    " \"level\": null, \"warnings\": [{\"id\": \"nothing-assessed\", \"message\": \"m1\","
    " \"acknowledgement\": \"a1\"}, {\"id\": \"above-policy-limit\", \"message\": \"m2\","
    " \"acknowledgement\": \"a2\"}], \"content_intact\": false}]");
  g_autoptr(JsonNode) annotations = lk_json_parse (
    "[{\"id\": 3, \"image\": \"probe\", \"kind\": \"marker\", \"pair\": 2,"
    " \"geometry\": [[1.5, 2]], \"label\": null, \"characteristic\": null},"
    " {\"id\": 4, \"image\": \"candidate\", \"kind\": \"marker\", \"pair\": 2,"
    " \"geometry\": [[3, 4]]}, {\"id\": 5, \"kind\": \"arrow\", \"geometry\": \"bad\"}, 17]");
  g_autoptr(GListModel) list = lk_conclusion_list_from_json (json_node_get_array (conclusions));
  g_autoptr(GListModel) marks = lk_annotation_list_from_json (json_node_get_array (annotations));
  g_autoptr(LkConclusion) c = g_list_model_get_item (list, 0);
  g_autoptr(LkAcknowledgement) second = g_list_model_get_item (lk_conclusion_get_warnings (c), 1);
  LkAnnotation *probe, *candidate, *arrow;
  LkPoint p;

  g_assert_false (lk_conclusion_get_current (c));
  g_assert_cmpint (lk_conclusion_get_amends (c), ==, 7);
  g_assert_cmpstr (lk_conclusion_get_amendment_reason (c), ==, "Returned");
  g_assert_false (lk_conclusion_get_has_ordinal (c));
  g_assert_null (lk_conclusion_get_level (c));
  g_assert_false (lk_conclusion_get_content_intact (c));
  g_assert_cmpuint (g_list_model_get_n_items (lk_conclusion_get_warnings (c)), ==, 2);
  g_assert_cmpstr (lk_acknowledgement_get_warning (second), ==, "above-policy-limit");
  g_assert_cmpstr (lk_acknowledgement_get_message (second), ==, "m2");
  g_assert_cmpstr (lk_acknowledgement_get_text (second), ==, "a2");

  /* The stray element is skipped; the others keep their order. */
  g_assert_cmpuint (g_list_model_get_n_items (marks), ==, 3);
  probe = lk_annotation_list_find (marks, 3);
  candidate = lk_annotation_list_find (marks, 4);
  arrow = lk_annotation_list_find (marks, 5);
  g_assert_null (lk_annotation_list_find (marks, 17));
  g_assert_null (lk_annotation_get_label (probe));
  g_assert_true (lk_annotation_get_point (probe, 0, &p));
  g_assert_cmpfloat (p.x, ==, 1.5);
  g_assert_cmpfloat (p.y, ==, 2);
  g_assert_false (lk_annotation_get_point (probe, 1, &p));
  g_assert_true (lk_annotation_is_partner (probe, candidate));
  g_assert_true (lk_annotation_is_partner (probe, probe));
  g_assert_false (lk_annotation_is_partner (probe, arrow));
  g_assert_null (lk_annotation_get_image (arrow));
  g_assert_cmpuint (lk_annotation_get_n_points (arrow), ==, 0);
}

static void
test_list_provenance (LkTestFixture *fixture,
                      gconstpointer  data)
{
  World w = { { 0 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(LkListProvenance) list = NULL;
  JsonObject *triage;
  gint64 viewed;

  world_init (&w, fixture);
  json = lk_candidates_list_json (w.c.examiner, w.list, &error);
  g_assert_no_error (error);
  viewed = lk_test_count_action (w.c.store, "candidate-list.viewed");
  list = lk_candidates_get_list (w.c.examiner, w.list, &error);
  g_assert_no_error (error);
  assert_one_more (w.c.store, "candidate-list.viewed", viewed);

  triage = json_object_get_object_member (json, "triage");
  g_assert_cmpint (lk_list_provenance_get_id (list), ==, w.list);
  g_assert_cmpint (lk_list_provenance_get_probe_id (list), ==, w.c.probe);
  g_assert_null (lk_list_provenance_get_file (list));
  g_assert_cmpstr (lk_list_provenance_get_engine_name (list), ==, "AcmeFace");
  g_assert_cmpstr (lk_list_provenance_get_engine_version (list), ==, "7.2.1");
  g_assert_cmpstr (lk_list_provenance_get_reference_database (list), ==, "Custody images");
  g_assert_cmpstr (lk_list_provenance_get_legal_basis (list), ==,
                   lk_json_string (json, "legal_basis"));
  g_assert_true (lk_list_provenance_get_has_threshold (list));
  g_assert_cmpfloat (lk_list_provenance_get_threshold (list), ==, 0.4);
  g_assert_cmpint (lk_list_provenance_get_list_length (list), ==, 2);
  g_assert_cmpstr (lk_list_provenance_get_performed_at (list), ==, "2026-01-16T09:30:00Z");
  g_assert_cmpstr (lk_list_provenance_get_source_format (list), ==, "json");
  g_assert_cmpstr (lk_list_provenance_get_source_sha256 (list), ==,
                   lk_json_string (json, "source_sha256"));
  g_assert_cmpstr (lk_list_provenance_get_imported_by (list), ==, "erin");
  g_assert_cmpint (lk_list_provenance_get_retained (list), ==,
                   json_object_get_int_member (triage, "retained"));
  g_assert_cmpint (lk_list_provenance_get_retained (list), ==, 1);
  g_assert_cmpint (lk_list_provenance_get_eliminated (list), ==,
                   json_object_get_int_member (triage, "eliminated"));
  g_assert_cmpint (lk_list_provenance_get_not_reviewed (list), ==,
                   json_object_get_int_member (triage, "not-reviewed"));
  g_assert_cmpint (lk_list_provenance_get_scores_visible (list), ==,
                   json_object_get_boolean_member (json, "scores_visible"));
  g_assert_cmpint (lk_list_provenance_get_shuffled (list), ==,
                   g_strcmp0 (lk_json_string (json_object_get_object_member (json,
                                                                             "presentation"),
                                              "order"), "shuffled") == 0);
  lk_test_case_clear (&w.c);
}

/* ---- candidates ---------------------------------------------------------------------------- */

/* The candidate of `case show --json` with the record's id, and the list it is in. */
static JsonObject *
json_candidate (JsonObject  *case_json,
                gint64       id,
                JsonObject **list_out)
{
  JsonObject *probe = json_array_get_object_element (json_object_get_array_member (case_json,
                                                                                   "probes"), 0);
  JsonArray *lists = json_object_get_array_member (probe, "candidate_lists");

  for (guint i = 0; i < json_array_get_length (lists); i++)
    {
      JsonObject *list = json_array_get_object_element (lists, i);
      JsonArray *candidates = json_object_get_array_member (list, "candidates");

      for (guint j = 0; j < json_array_get_length (candidates); j++)
        {
          JsonObject *k = json_array_get_object_element (candidates, j);

          *list_out = list;
          if (json_object_get_int_member (k, "id") == id)
            return k;
        }
    }
  return NULL;
}

/* A record says what the JSON says, and its properties what its getters say. */
static void
assert_candidate (LkCandidate *c,
                  JsonObject  *case_json)
{
  JsonObject *list = NULL;
  JsonObject *k = json_candidate (case_json, lk_candidate_get_id (c), &list);
  g_autofree char *subject = NULL;
  g_autofree char *state = NULL;
  gint64 list_id;
  int position;

  g_assert_nonnull (k);
  g_assert_cmpint (lk_candidate_get_list_id (c), ==, json_object_get_int_member (list, "id"));
  g_assert_cmpstr (lk_candidate_get_subject_ref (c), ==, lk_json_string (k, "subject_ref"));
  g_assert_cmpstr (lk_candidate_get_image_sha256 (c), ==, lk_json_string (k, "image_sha256"));
  g_assert_cmpstr (lk_candidate_get_triage_state (c), ==, lk_json_string (k, "triage_state"));
  g_assert_cmpstr (lk_candidate_get_triage_reason (c), ==, lk_json_string (k, "triage_reason"));
  g_assert_cmpint (lk_candidate_get_scores_visible (c), ==,
                   json_object_get_boolean_member (list, "scores_visible"));
  g_assert_cmpint (lk_candidate_get_scores_visible (c), ==, json_object_has_member (k, "rank"));
  if (lk_candidate_get_scores_visible (c))
    {
      g_assert_cmpint (lk_candidate_get_rank (c), ==, json_object_get_int_member (k, "rank"));
      g_assert_cmpfloat (lk_candidate_get_score (c), ==,
                         json_object_get_double_member (k, "score"));
    }
  else
    {
      g_assert_cmpint (lk_candidate_get_rank (c), ==, 0);
      g_assert_true (isnan (lk_candidate_get_score (c)));
    }
  g_object_get (c, "subject-ref", &subject, "triage-state", &state, "list-id", &list_id,
                "position", &position, NULL);
  g_assert_cmpstr (subject, ==, lk_candidate_get_subject_ref (c));
  g_assert_cmpstr (state, ==, lk_candidate_get_triage_state (c));
  g_assert_cmpint (list_id, ==, lk_candidate_get_list_id (c));
  g_assert_cmpint (position, ==, lk_candidate_get_position (c));
}

static void
test_candidates (LkTestFixture *fixture,
                 gconstpointer  data)
{
  World w = { { 0 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GListModel) candidates = NULL;
  g_autoptr(GListModel) retained = NULL;
  gint64 viewed;

  world_init (&w, fixture);
  g_assert_true (lk_candidates_reveal_scores (w.c.examiner, w.list, "the margin", &error));
  g_assert_no_error (error);
  for (int revealed = 1; revealed >= 0; revealed--)
    {
      LkSession *reader = revealed ? w.c.examiner : w.c.reviewer;

      g_clear_pointer (&json, json_object_unref);
      g_clear_object (&candidates);
      json = lk_cases_to_json (reader, w.c.number, &error);
      g_assert_no_error (error);
      viewed = lk_test_count_action (w.c.store, "candidates.viewed");
      candidates = lk_candidates_for_probe (reader, w.c.probe, &error);
      g_assert_no_error (error);
      assert_one_more (w.c.store, "candidates.viewed", viewed);
      g_assert_true (g_list_model_get_item_type (candidates) == LK_TYPE_CANDIDATE);
      g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 2);
      for (guint i = 0; i < 2; i++)
        {
          LkCandidate *c = lk_test_item_at (candidates, i);

          g_assert_cmpint (lk_candidate_get_position (c), ==, (int) i + 1);
          g_assert_cmpint (lk_candidate_get_scores_visible (c), ==, revealed);
          assert_candidate (c, json);
        }
    }
  /* The examiner's retained ones: the same records, numbered among themselves, scores hidden
   * even once revealed. */
  retained = lk_examinations_retained (w.c.examiner, w.c.probe, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (retained), ==, 1);
  g_assert_cmpstr (lk_candidate_get_triage_state (lk_test_item_at (retained, 0)), ==, "retained");
  g_assert_cmpint (lk_candidate_get_position (lk_test_item_at (retained, 0)), ==, 1);
  g_assert_false (lk_candidate_get_scores_visible (lk_test_item_at (retained, 0)));
  lk_test_case_clear (&w.c);
}

/* A decision taken on a record gives the record after it; the gate and the event are those of
 * lk_candidates_set_triage, and a refusal changes nothing. */
static void
test_candidate_triage (LkTestFixture *fixture,
                       gconstpointer  data)
{
  LkTestCase c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) candidates = NULL;
  g_autoptr(GListModel) again = NULL;
  g_autoptr(LkCandidate) decided = NULL;
  LkCandidate *eliminated;
  gint64 triaged;

  lk_test_case_build (&c, fixture->db_path, fixture->dir, 2, 1, FALSE);
  candidates = lk_candidates_for_probe (c.examiner, c.probe, &error);
  g_assert_no_error (error);
  eliminated = lk_test_item_at (candidates, 1);
  g_assert_cmpstr (lk_candidate_get_triage_state (eliminated), ==, "eliminated");
  triaged = lk_test_count_action (c.store, "candidate.triaged");

  g_assert_null (lk_candidates_triage (c.reviewer, eliminated, "retained", NULL, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (lk_test_count_action (c.store, "candidate.triaged"), ==, triaged);

  decided = lk_candidates_triage (c.examiner, eliminated, "retained", "  ", &error);
  g_assert_no_error (error);
  assert_one_more (c.store, "candidate.triaged", triaged);
  g_assert_true (decided != eliminated);
  g_assert_cmpint (lk_candidate_get_id (decided), ==, lk_candidate_get_id (eliminated));
  g_assert_cmpint (lk_candidate_get_position (decided), ==, 2);
  g_assert_cmpstr (lk_candidate_get_triage_state (decided), ==, "retained");
  g_assert_null (lk_candidate_get_triage_reason (decided));
  g_assert_cmpstr (lk_candidate_get_triage_state (eliminated), ==, "eliminated");
  again = lk_candidates_for_probe (c.examiner, c.probe, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_candidate_get_triage_state (lk_test_item_at (again, 1)), ==, "retained");
  g_assert_null (lk_candidate_get_triage_reason (lk_test_item_at (again, 1)));
  lk_test_case_clear (&c);
}

static void
test_signatures (LkTestFixture *fixture,
                 gconstpointer  data)
{
  World w = { { 0 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) verifications = NULL;
  g_autoptr(LkVerification) v = NULL;
  g_autoptr(JsonObject) shown = NULL;
  g_autoptr(GListModel) signatures = NULL;
  g_autoptr(LkVerificationSignature) s = NULL;
  JsonObject *j;

  world_init (&w, fixture);
  verifications = lk_verifications_for_examination (w.c.examiner, w.examination, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (verifications), ==, 1);
  v = g_list_model_get_item (verifications, 0);
  shown = lk_verifications_show_json (w.c.examiner, lk_verification_get_id (v), &error);
  g_assert_no_error (error);
  signatures = lk_verifications_get_signatures (w.c.examiner, lk_verification_get_id (v),
                                                &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (signatures), ==, 1);
  s = g_list_model_get_item (signatures, 0);
  j = json_array_get_object_element (json_object_get_array_member (shown, "signatures"), 0);
  g_assert_cmpstr (lk_verification_signature_get_kind (s), ==, "countersignature");
  g_assert_cmpstr (lk_verification_signature_get_kind (s), ==, lk_json_string (j, "kind"));
  g_assert_null (lk_verification_signature_get_resolution (s));
  g_assert_cmpstr (lk_verification_signature_get_note (s), ==, "Agreed");
  g_assert_cmpstr (lk_verification_signature_get_signed_by (s), ==, "rita");
  g_assert_cmpstr (lk_verification_signature_get_signed_at (s), ==,
                   lk_json_string (j, "signed_at"));
  g_assert_cmpstr (lk_verification_signature_get_sha256 (s), ==, lk_json_string (j, "sha256"));
  g_assert_true (lk_verification_signature_get_content_intact (s));
  lk_test_case_clear (&w.c);
}

static void
test_feature_components (LkTestFixture *fixture,
                         gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, "admin", "a long password");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) components = lk_feature_lists_components (store,
                                                                  lk_feature_list_edition (),
                                                                  &error);
  JsonArray *json = json_object_get_array_member (lk_feature_list (), "components");
  guint characteristics = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (components), ==, json_array_get_length (json));
  for (guint i = 0; i < json_array_get_length (json); i++)
    {
      g_autoptr(LkFeatureComponent) c = g_list_model_get_item (components, i);
      JsonObject *j = json_array_get_object_element (json, i);
      GListModel *list = lk_feature_component_get_characteristics (c);
      JsonArray *items = json_object_get_array_member (j, "characteristics");

      g_assert_cmpstr (lk_feature_component_get_id (c), ==, lk_json_string (j, "id"));
      g_assert_cmpstr (lk_feature_component_get_name (c), ==, lk_json_string (j, "name"));
      g_assert_cmpint (lk_feature_component_get_number (c), ==,
                       json_object_get_int_member (j, "number"));
      g_assert_cmpuint (g_list_model_get_n_items (list), ==, json_array_get_length (items));
      for (guint k = 0; k < json_array_get_length (items); k++)
        {
          g_autoptr(LkFeatureCharacteristic) ch = g_list_model_get_item (list, k);
          JsonObject *item = json_array_get_object_element (items, k);
          JsonNode *descriptors = json_object_get_member (item, "descriptors");

          g_assert_cmpstr (lk_feature_characteristic_get_id (ch), ==,
                           lk_json_string (item, "id"));
          g_assert_cmpstr (lk_feature_characteristic_get_name (ch), ==,
                           lk_json_string (item, "name"));
          g_assert_cmpuint (g_strv_length ((GStrv) lk_feature_characteristic_get_descriptors (ch)),
                            ==, descriptors ? json_array_get_length (json_node_get_array (
                                                descriptors)) : 0);
          characteristics++;
        }
    }
  g_assert_cmpuint (characteristics, ==,
                    lk_feature_list_count_characteristics (lk_feature_list ()));
  g_assert_null (lk_feature_lists_components (store, "Lab South", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "The feature list edition “Lab South” is not installed in"
                                       " this database");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  LK_TEST_ADD ("/likeness/records/examination", test_examination);
  LK_TEST_ADD ("/likeness/records/observations-and-conclusions",
               test_observations_and_conclusions);
  g_test_add_func ("/likeness/records/read-edge-cases", test_read_edge_cases);
  LK_TEST_ADD ("/likeness/records/list-provenance", test_list_provenance);
  LK_TEST_ADD ("/likeness/records/candidates", test_candidates);
  LK_TEST_ADD ("/likeness/records/candidate-triage", test_candidate_triage);
  LK_TEST_ADD ("/likeness/records/signatures", test_signatures);
  LK_TEST_ADD ("/likeness/records/feature-components", test_feature_components);
  return g_test_run ();
}
