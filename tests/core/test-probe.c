/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The typed probe record the probe page reads: faces, quality, metadata, provenance and the
 * analysis with its revisions, read as one audited consultation and agreeing with the JSON of
 * lk_probes_get (), which is written from the same record. */
#include "config.h"

#include "lk-test-casework.h"
#include "lk-test-util.h"
#include "casework/lk-analysis.h"
#include "casework/lk-cases.h"
#include "casework/lk-probe-metadata-private.h"
#include "casework/lk-probes.h"
#include "people/lk-roles.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-store.h"

#define NUMBER "2026-0001"

static const LkTestWorldSpec case_spec = {
  NUMBER, "Robbery at the petrol station on Quay Street", FALSE, FALSE, NULL,
};

/* The case with the demo portrait as its probe. */
static void
world_init (LkTestWorld   *w,
            LkTestFixture *fixture)
{
  lk_test_world_init_case (w, fixture, &case_spec);
  w->probe = lk_test_import_portrait (w->examiner, NUMBER, NULL);
}

static LkProbe *
probe_ok (LkTestWorld *w)
{
  g_autoptr(GError) error = NULL;
  LkProbe *probe = lk_probes_get_probe (w->examiner, w->probe, &error);

  g_assert_no_error (error);
  g_assert_true (LK_IS_PROBE (probe));
  return probe;
}

static JsonObject *
json_ok (LkTestWorld *w)
{
  g_autoptr(GError) error = NULL;
  JsonObject *o = lk_probes_get (w->examiner, w->probe, &error);

  g_assert_no_error (error);
  g_assert_nonnull (o);
  return o;
}

static void
assert_faces (GListModel *faces,
              JsonArray  *expected)
{
  g_assert_true (g_list_model_get_item_type (faces) == LK_TYPE_PROBE_FACE);
  g_assert_cmpuint (g_list_model_get_n_items (faces), ==, json_array_get_length (expected));
  for (guint i = 0; i < g_list_model_get_n_items (faces); i++)
    {
      g_autoptr(LkProbeFace) face = g_list_model_get_item (faces, i);
      JsonObject *o = json_array_get_object_element (expected, i);
      LkPoint a, b;

      g_assert_cmpuint (lk_probe_face_get_index (face), ==, i);
      g_assert_cmpint (lk_probe_face_get_x (face), ==, json_object_get_int_member (o, "x"));
      g_assert_cmpint (lk_probe_face_get_y (face), ==, json_object_get_int_member (o, "y"));
      g_assert_cmpint (lk_probe_face_get_width (face), ==,
                       json_object_get_int_member (o, "width"));
      g_assert_cmpint (lk_probe_face_get_height (face), ==,
                       json_object_get_int_member (o, "height"));
      g_assert_cmpint (lk_probe_face_get_has_eyes (face), ==,
                       json_object_has_member (o, "eyes"));
      if (lk_probe_face_get_eyes (face, &a, &b))
        {
          JsonArray *eyes = json_object_get_array_member (o, "eyes");

          g_assert_cmpfloat (a.x, ==, json_array_get_double_element (
                                        json_array_get_array_element (eyes, 0), 0));
          g_assert_cmpfloat (b.y, ==, json_array_get_double_element (
                                        json_array_get_array_element (eyes, 1), 1));
        }
    }
}

static void
assert_quality (GListModel *quality,
                JsonArray  *expected)
{
  g_assert_cmpuint (g_list_model_get_n_items (quality), ==, json_array_get_length (expected));
  for (guint i = 0; i < g_list_model_get_n_items (quality); i++)
    {
      g_autoptr(LkQualityMeasure) measure = g_list_model_get_item (quality, i);
      JsonObject *o = json_array_get_object_element (expected, i);
      JsonNode *value = json_object_get_member (o, "value");

      g_assert_cmpstr (lk_quality_measure_get_metric (measure), ==,
                       json_object_get_string_member (o, "metric"));
      g_assert_cmpstr (lk_quality_measure_get_label (measure), ==,
                       json_object_get_string_member (o, "label"));
      g_assert_cmpstr (lk_quality_measure_get_light (measure), ==,
                       json_object_get_string_member (o, "light"));
      g_assert_cmpstr (lk_quality_measure_get_explanation (measure), ==,
                       json_object_get_string_member (o, "explanation"));
      g_assert_cmpint (lk_quality_measure_get_has_value (measure), ==,
                       !JSON_NODE_HOLDS_NULL (value));
      if (lk_quality_measure_get_has_value (measure))
        g_assert_cmpfloat (lk_quality_measure_get_value (measure), ==,
                           json_node_get_double (value));
    }
}

static void
assert_metadata (LkProbeMetadata *m,
                 JsonObject      *expected)
{
  JsonObject *tags = json_object_has_member (expected, "tags")
                     ? json_object_get_object_member (expected, "tags") : NULL;
  GListModel *model = lk_probe_metadata_get_tags (m);
  g_autofree char *previous = NULL;

  g_assert_cmpint (lk_probe_metadata_get_present (m), ==,
                   json_object_get_boolean_member (expected, "present"));
  g_assert_null (lk_probe_metadata_get_read_error (m));
  g_assert_cmpstr (lk_probe_metadata_get_software (m), ==,
                   json_object_get_string_member_with_default (expected, "software", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==,
                    tags != NULL ? json_object_get_size (tags) : 0);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LkMetadataTag) tag = g_list_model_get_item (model, i);
      const char *name = lk_metadata_tag_get_name (tag);

      g_assert_cmpstr (lk_metadata_tag_get_value (tag), ==,
                       json_object_get_string_member (tags, name));
      /* in name order */
      g_assert_cmpint (g_strcmp0 (previous, name), <, 0);
      g_free (previous);
      previous = g_strdup (name);
    }
}

static void
test_agrees_with_json (LkTestFixture *fixture,
                       gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autoptr(LkProbe) probe = NULL;
  g_autoptr(JsonObject) o = NULL;
  JsonObject *provenance;

  world_init (&w, fixture);
  probe = probe_ok (&w);
  o = json_ok (&w);
  provenance = json_object_get_object_member (o, "provenance");
  g_assert_cmpint (lk_probe_get_id (probe), ==, w.probe);
  g_assert_cmpstr (lk_probe_get_case_number (probe), ==, NUMBER);
  g_assert_cmpstr (lk_probe_get_sha256 (probe), ==, json_object_get_string_member (o, "sha256"));
  g_assert_cmpstr (lk_probe_get_file_name (probe), ==, "grace_hopper.jpg");
  g_assert_cmpstr (lk_probe_get_media_type (probe), ==,
                   json_object_get_string_member (o, "media_type"));
  g_assert_cmpint (lk_probe_get_width (probe), ==, json_object_get_int_member (o, "width"));
  g_assert_cmpint (lk_probe_get_height (probe), ==, json_object_get_int_member (o, "height"));
  g_assert_cmpstr (lk_probe_get_status (probe), ==, "awaiting-analysis");
  g_assert_cmpstr (lk_probe_get_source_type (probe), ==, "cctv");
  g_assert_cmpstr (lk_probe_get_kind (probe), ==, "video-frame");
  g_assert_cmpstr (lk_probe_get_acquired_by (probe), ==, "PC Ada Jones");
  g_assert_cmpstr (lk_probe_get_authority (probe), ==,
                   json_object_get_string_member (provenance, "authority"));
  g_assert_cmpstr (lk_probe_get_custody_note (probe), ==, "Exhibit AJ/1, received sealed");
  g_assert_false (lk_probe_get_simulated (probe));
  g_assert_cmpstr (lk_probe_get_imported_by (probe), ==, LK_TEST_WORLD_EXAMINER);
  g_assert_cmpstr (lk_probe_get_imported_at (probe), ==,
                   json_object_get_string_member (o, "imported_at"));
  assert_faces (lk_probe_get_faces (probe), json_object_get_array_member (o, "faces"));
  g_assert_cmpint (lk_probe_get_face_index (probe), ==,
                   json_object_get_int_member (o, "face_index"));
  assert_quality (lk_probe_get_quality (probe), json_object_get_array_member (o, "quality"));
  g_assert_cmpuint (g_list_model_get_n_items (lk_probe_get_quality (probe)), >, 0);
  assert_metadata (lk_probe_get_metadata (probe), json_object_get_object_member (o, "metadata"));
  g_assert_null (lk_probe_get_analysis (probe));
  g_assert_true (json_object_get_null_member (o, "analysis"));
  g_assert_cmpuint (g_list_model_get_n_items (lk_probe_get_revisions (probe)), ==, 0);
  lk_test_world_clear (&w);
}

static void
assert_revision (LkProbeAnalysis *a,
                 JsonObject      *expected)
{
  g_auto(GStrv) components = NULL;
  JsonArray *array = json_object_get_array_member (expected, "components");

  g_assert_cmpint (lk_probe_analysis_get_revision (a), ==,
                   json_object_get_int_member (expected, "revision"));
  g_assert_cmpstr (lk_probe_analysis_get_suitability (a), ==,
                   json_object_get_string_member (expected, "suitability"));
  g_assert_cmpstr (lk_probe_analysis_get_notes (a), ==,
                   json_object_get_string_member (expected, "notes"));
  g_assert_cmpstr (lk_probe_analysis_get_examiner (a), ==, LK_TEST_WORLD_EXAMINER);
  g_assert_cmpstr (lk_probe_analysis_get_locked_at (a), ==,
                   json_object_get_string_member (expected, "locked_at"));
  g_assert_cmpstr (lk_probe_analysis_get_feature_list (a), ==,
                   json_object_get_string_member (expected, "feature_list"));
  g_assert_cmpstr (lk_probe_analysis_get_amendment_reason (a), ==,
                   json_object_get_string_member_with_default (expected, "amendment_reason",
                                                               NULL));
  g_assert_cmpint (lk_probe_analysis_get_face_index (a), ==,
                   json_object_get_int_member_with_default (expected, "face_index", -1));
  g_assert_cmpuint (g_strv_length ((GStrv) lk_probe_analysis_get_components (a)), ==,
                    json_array_get_length (array));
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_assert_cmpstr (lk_probe_analysis_get_components (a)[i], ==,
                     json_array_get_string_element (array, i));
}

static void
test_revisions (LkTestFixture *fixture,
                gconstpointer  data)
{
  static const char * const factors[] = { "pose", NULL };
  LkAnalysis amended = { "limited", factors, NULL, "The head is turned" };
  LkTestWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkProbe) probe = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(LkProbeAnalysis) first = NULL;
  JsonArray *revisions;

  world_init (&w, fixture);
  lk_test_lock_suitable (w.examiner, w.probe);
  g_assert_true (lk_analysis_amend (w.examiner, w.probe, &amended, "Pose reconsidered", &error));
  g_assert_no_error (error);
  probe = probe_ok (&w);
  o = json_ok (&w);
  revisions = json_object_get_array_member (o, "analysis_revisions");
  g_assert_cmpstr (lk_probe_get_status (probe), ==, "analysed");
  g_assert_cmpuint (g_list_model_get_n_items (lk_probe_get_revisions (probe)), ==, 2);
  first = g_list_model_get_item (lk_probe_get_revisions (probe), 0);
  assert_revision (first, json_array_get_object_element (revisions, 0));
  g_assert_cmpstr (lk_probe_analysis_get_suitability (first), ==, "suitable");
  g_assert_null (lk_probe_analysis_get_factors (first)[0]);
  assert_revision (lk_probe_get_analysis (probe), json_object_get_object_member (o, "analysis"));
  g_assert_cmpint (lk_probe_analysis_get_revision (lk_probe_get_analysis (probe)), ==, 2);
  g_assert_cmpstr (lk_probe_analysis_get_amendment_reason (lk_probe_get_analysis (probe)), ==,
                   "Pose reconsidered");
  g_assert_cmpstr (lk_probe_analysis_get_factors (lk_probe_get_analysis (probe))[0], ==, "pose");
  lk_test_world_clear (&w);
}

static void
test_consultation (LkTestFixture *fixture,
                   gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) trainee = NULL;
  g_autoptr(LkProbe) probe = NULL;
  gint64 before;

  world_init (&w, fixture);
  before = lk_test_count_action (w.store, "probe.viewed");
  probe = probe_ok (&w);
  g_assert_cmpint (lk_test_count_action (w.store, "probe.viewed"), ==, before + 1);

  trainee = lk_test_world_add_user (&w, "tim", LK_ROLE_TRAINEE, "trainee pass");
  g_assert_null (lk_probes_get_probe (trainee, w.probe, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  g_assert_null (lk_probes_get_probe (w.examiner, 4040, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  lk_test_world_clear (&w);
}

/* Metadata as lk_metadata_read () stores them, including what the demo portrait lacks. */
static void
test_metadata (void)
{
  static const char stored[] =
    "{\"present\": true, \"camera_make\": \"Canon\", \"camera_model\": \"Canon EOS 5D\","
    " \"captured_at\": \"2026-01-15T14:32:00\","
    " \"captured_at_source\": \"Exif.Photo.DateTimeOriginal\","
    " \"software\": \"Adobe Photoshop 25.0\", \"gps\": {\"latitude\": 51.5, \"longitude\": -0.125},"
    " \"orientation\": 6, \"editing_software_flagged\": true,"
    " \"tags\": {\"Exif.Image.Model\": \"Canon EOS 5D\", \"Exif.Image.Make\": \"Canon\"}}";
  g_autoptr(JsonNode) node = json_from_string (stored, NULL);
  g_autoptr(LkProbeMetadata) m = lk_probe_metadata_new_from_json (node);
  g_autoptr(LkProbeMetadata) none = lk_probe_metadata_new_from_json (NULL);
  g_autoptr(LkMetadataTag) first = NULL;
  GListModel *tags = lk_probe_metadata_get_tags (m);

  g_assert_true (lk_probe_metadata_get_present (m));
  g_assert_cmpstr (lk_probe_metadata_get_camera_make (m), ==, "Canon");
  g_assert_cmpstr (lk_probe_metadata_get_captured_at_source (m), ==,
                   "Exif.Photo.DateTimeOriginal");
  g_assert_true (lk_probe_metadata_get_editing_software_flagged (m));
  g_assert_null (lk_probe_metadata_get_editing_software_reason (m));
  g_assert_cmpint (lk_probe_metadata_get_orientation (m), ==, 6);
  g_assert_true (lk_probe_metadata_get_has_gps (m));
  g_assert_cmpfloat (lk_probe_metadata_get_longitude (m), ==, -0.125);
  g_assert_cmpuint (g_list_model_get_n_items (tags), ==, 2);
  first = g_list_model_get_item (tags, 0);
  g_assert_cmpstr (lk_metadata_tag_get_name (first), ==, "Exif.Image.Make");
  g_assert_cmpstr (lk_metadata_tag_get_value (first), ==, "Canon");

  g_assert_false (lk_probe_metadata_get_present (none));
  g_assert_false (lk_probe_metadata_get_has_gps (none));
  g_assert_cmpint (lk_probe_metadata_get_orientation (none), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (lk_probe_metadata_get_tags (none)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  LK_TEST_ADD ("/likeness/probe/agrees-with-json", test_agrees_with_json);
  LK_TEST_ADD ("/likeness/probe/revisions", test_revisions);
  LK_TEST_ADD ("/likeness/probe/consultation", test_consultation);
  g_test_add_func ("/likeness/probe/metadata", test_metadata);
  return g_test_run ();
}
