/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Probes once taken in: integrity of the stored originals, metadata, faces and quality, access and
 * concurrency. */
#include "config.h"

#include "lk-test-probes.h"

/* ---- integrity ----------------------------------------------------------------------------- */

static void
flip_stored_byte (World      *w,
                  const char *sha256,
                  gsize       offset)
{
  g_autoptr(GBytes) blob = stored_blob (w, sha256);
  guint8 *copy = g_memdup2 (g_bytes_get_data (blob, NULL), g_bytes_get_size (blob));
  g_autoptr(GBytes) flipped = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE images SET bytes = ? WHERE sha256 = '%s'",
                                          sha256);

  copy[offset] ^= 0x01;
  flipped = g_bytes_new_take (copy, g_bytes_get_size (blob));
  g_assert_cmpint (lk_test_sql_tamper (w->fixture->db_path, sql, flipped), ==, 1);
}

static JsonObject *
first_face (JsonObject *probe)
{
  JsonArray *faces = json_object_get_array_member (probe, "faces");

  g_assert_nonnull (faces);
  g_assert_cmpuint (json_array_get_length (faces), >=, 1);
  return json_array_get_object_element (faces, 0);
}

static JsonObject *
readout_item (JsonArray  *quality,
              const char *metric)
{
  for (guint i = 0; i < json_array_get_length (quality); i++)
    {
      JsonObject *item = json_array_get_object_element (quality, i);

      if (g_str_equal (json_object_get_string_member (item, "metric"), metric))
        return item;
    }
  g_error ("No %s in the quality readout", metric);
  return NULL;
}

static int
light_rank (const char *light)
{
  static const char * const lights[] = { "green", "amber", "red", NULL };

  for (int i = 0; lights[i] != NULL; i++)
    if (g_str_equal (lights[i], light))
      return i;
  g_error ("Unexpected light “%s”", light);
  return -1;
}

static void
assert_readout_sane (JsonArray *quality)
{
  static const char * const metrics[] = { "face_width", "inter_eye", "roll", "sharpness",
                                          "exposure", "clipping", "contrast", "brisque" };

  g_assert_cmpuint (json_array_get_length (quality), ==, G_N_ELEMENTS (metrics));
  for (guint i = 0; i < G_N_ELEMENTS (metrics); i++)
    {
      JsonObject *item = json_array_get_object_element (quality, i);
      const char *light = json_object_get_string_member (item, "light");

      g_assert_cmpstr (json_object_get_string_member (item, "metric"), ==, metrics[i]);
      g_assert_cmpuint (strlen (json_object_get_string_member (item, "label")), >, 0);
      g_assert_cmpuint (strlen (json_object_get_string_member (item, "explanation")), >, 10);
      if (g_str_equal (light, "unknown"))
        g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (item, "value")));
      else
        light_rank (light);
    }
}

static void
assert_figures_sane (JsonObject *figures)
{
  g_assert_cmpint (json_object_get_int_member (figures, "face_width"), >, 100);
  g_assert_cmpint (json_object_get_int_member (figures, "face_width"), <, 512);
  g_assert_cmpfloat (json_object_get_double_member (figures, "sharpness"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (figures, "mean_brightness"), >, 20);
  g_assert_cmpfloat (json_object_get_double_member (figures, "mean_brightness"), <, 235);
  g_assert_cmpfloat (json_object_get_double_member (figures, "contrast"), >, 5);
  g_assert_cmpfloat (json_object_get_double_member (figures, "contrast"), <=, 127.5);
  g_assert_cmpfloat (json_object_get_double_member (figures, "clipped_dark"), <, 0.05);
  g_assert_cmpfloat (json_object_get_double_member (figures, "clipped_bright"), <, 0.05);
}

/* The portrait shrunk until no detector finds a face in it. */
static GBytes *
tiny_still (int width)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = demo_path ("grace_hopper.jpg");
  g_autoptr(GBytes) portrait = lk_test_read_bytes (path);
  GBytes *bytes = lk_cv_simulate_cctv (portrait, width, 0, 95, &error);

  g_assert_no_error (error);
  return bytes;
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  gint64 *id = user_data;
  g_autoptr(GError) error = NULL;

  *id = lk_probes_import_file_finish (result, &error);
  g_assert_no_error (error);
}

static void
import_failed (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;

  g_assert_cmpint (lk_probes_import_file_finish (result, error), ==, 0);
}

static void
test_tampered (LkTestFixture *fixture,
               gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *sha256 = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  g_autofree char *refusal = NULL;
  gint64 id;

  world_init (&w, fixture);
  id = import_portrait (&w, &sha256);

  /* the table itself refuses a change */
  refusal = lk_test_sql_error (fixture->db_path, "UPDATE images SET media_type = 'image/png'");
  g_assert_nonnull (refusal);
  g_assert_nonnull (strstr (refusal, "stored images are immutable"));
  bytes = lk_probes_read_image (w.examiner, id, &error);
  g_assert_no_error (error);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* someone with the database and a connection of their own goes round it */
  flip_stored_byte (&w, sha256, 20000);
  bytes = lk_probes_read_image (w.examiner, id, &error);
  g_assert_null (bytes);
  g_assert_error (error, LK_ERROR, LK_ERROR_INTEGRITY);
  assert_message (error, sha256);
  g_assert_cmpint (lk_test_count_action (w.store, "image.integrity-failure"), ==, 1);
  event = lk_test_last_event (w.store);
  g_assert_cmpstr (event->action, ==, "image.integrity-failure");
  g_assert_cmpstr (event->object, ==, sha256);
  g_assert_cmpstr (event->user, ==, EXAMINER);
  g_assert_nonnull (strstr (event->details, sha256));
  world_clear (&w);
}

/* ---- metadata, faces, quality -------------------------------------------------------------- */

static void
test_exif (LkTestFixture *fixture,
           gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *portrait = demo_path ("grace_hopper.jpg");
  g_autoptr(GBytes) original = lk_test_read_bytes (portrait);
  g_autofree char *path = NULL;
  g_autoptr(GExiv2Metadata) meta = gexiv2_metadata_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(JsonObject) probe = NULL;
  JsonObject *metadata;
  LkProvenance p = provenance_of_kind ("photograph");
  static const char * const tags[][2] = {
    { "Exif.Image.Make", "FUJIFILM" },
    { "Exif.Image.Model", "X-T4" },
    { "Exif.Photo.DateTimeOriginal", "2025:11:02 21:14:09" },
    { "Exif.Image.Software", "Adobe Photoshop Lightroom Classic 13.0 (Windows)" },
  };

  world_init (&w, fixture);
  path = write_bytes (&w, "witness.jpg", original);
  g_assert_true (gexiv2_metadata_open_path (meta, path, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      g_assert_true (gexiv2_metadata_try_set_tag_string (meta, tags[i][0], tags[i][1], &error));
      g_assert_no_error (error);
    }
  g_assert_true (gexiv2_metadata_save_file (meta, path, &error));
  g_assert_no_error (error);
  written = lk_test_read_bytes (path);
  g_assert_false (g_bytes_equal (written, original));
  expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, written);

  p.source_type = "witness";
  probe = probe_json (&w, import_ok (&w, path, &p, &sha256));
  /* the file as received, metadata and all */
  g_assert_cmpstr (sha256, ==, expected);
  metadata = json_object_get_object_member (probe, "metadata");
  g_assert_nonnull (metadata);
  g_assert_true (json_object_get_boolean_member (metadata, "present"));
  g_assert_cmpstr (json_object_get_string_member (metadata, "camera_make"), ==, "FUJIFILM");
  g_assert_cmpstr (json_object_get_string_member (metadata, "camera_model"), ==, "X-T4");
  g_assert_cmpstr (json_object_get_string_member (metadata, "captured_at"), ==,
                   "2025-11-02T21:14:09");
  g_assert_cmpstr (json_object_get_string_member (metadata, "software"), ==,
                   "Adobe Photoshop Lightroom Classic 13.0 (Windows)");
  g_assert_true (json_object_get_boolean_member (metadata, "editing_software_flagged"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (metadata,
                                                                                  "tags"),
                                                  "Exif.Image.Model"), ==, "X-T4");
  g_clear_pointer (&probe, json_object_unref);

  /* the demo portrait carries none */
  probe = probe_json (&w, import_portrait (&w, NULL));
  metadata = json_object_get_object_member (probe, "metadata");
  g_assert_false (json_object_get_boolean_member (metadata, "present"));
  g_assert_false (json_object_has_member (metadata, "camera_make"));
  world_clear (&w);
}

static void
test_quality_sharp_blurred (LkTestFixture *fixture,
                            gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *portrait = demo_path ("grace_hopper.jpg");
  g_autoptr(GBytes) original = lk_test_read_bytes (portrait);
  g_autoptr(GBytes) still = NULL;
  g_autofree char *still_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) sharp = NULL;
  g_autoptr(JsonObject) blurred = NULL;
  JsonObject *sharp_face, *blurred_face, *sharp_figures, *blurred_figures;
  JsonArray *sharp_quality, *blurred_quality;
  LkProvenance p = provenance_of_kind ("video-frame");
  double sharp_sharpness, blurred_sharpness;

  world_init (&w, fixture);
  /* the same portrait at the same size, blurred and recompressed as a CCTV still, not turned */
  still = lk_cv_simulate_cctv (original, 512, 0, 90, &error);
  g_assert_no_error (error);
  still_path = write_bytes (&w, "still.jpg", still);

  sharp = probe_json (&w, import_ok (&w, portrait, &p, NULL));
  blurred = probe_json (&w, import_ok (&w, still_path, &p, NULL));
  g_assert_cmpint (json_object_get_int_member (blurred, "width"), ==, 512);

  sharp_face = first_face (sharp);
  blurred_face = first_face (blurred);
  sharp_figures = json_object_get_object_member (sharp_face, "figures");
  blurred_figures = json_object_get_object_member (blurred_face, "figures");
  assert_figures_sane (sharp_figures);
  assert_figures_sane (blurred_figures);
  sharp_quality = json_object_get_array_member (sharp_face, "quality");
  blurred_quality = json_object_get_array_member (blurred_face, "quality");
  assert_readout_sane (sharp_quality);
  assert_readout_sane (blurred_quality);

  /* the readout of the chosen face is the probe's own */
  g_assert_true (json_node_equal (json_object_get_member (sharp, "quality"),
                                  json_object_get_member (sharp_face, "quality")));

  sharp_sharpness = json_object_get_double_member (sharp_figures, "sharpness");
  blurred_sharpness = json_object_get_double_member (blurred_figures, "sharpness");
  g_test_message ("sharpness %.1f (%s) -> %.1f (%s)", sharp_sharpness,
                  json_object_get_string_member (readout_item (sharp_quality, "sharpness"),
                                                 "light"),
                  blurred_sharpness,
                  json_object_get_string_member (readout_item (blurred_quality, "sharpness"),
                                                 "light"));
  g_assert_cmpfloat (blurred_sharpness, <, sharp_sharpness * 0.5);
  g_assert_cmpint (light_rank (json_object_get_string_member (readout_item (blurred_quality,
                                                                            "sharpness"),
                                                              "light")), >=,
                   light_rank (json_object_get_string_member (readout_item (sharp_quality,
                                                                            "sharpness"),
                                                              "light")));
  /* the sharp portrait itself is green for sharpness, the still is not */
  g_assert_cmpstr (json_object_get_string_member (readout_item (sharp_quality, "sharpness"),
                                                  "light"), ==, "green");
  g_assert_cmpstr (json_object_get_string_member (readout_item (blurred_quality, "sharpness"),
                                                  "light"), !=, "green");
  if (json_object_has_member (sharp_figures, "brisque") &&
      json_object_has_member (blurred_figures, "brisque"))
    g_assert_cmpfloat (json_object_get_double_member (blurred_figures, "brisque"), >,
                       json_object_get_double_member (sharp_figures, "brisque"));
  world_clear (&w);
}

static void
test_faces (LkTestFixture *fixture,
            gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(JsonObject) probe = NULL;
  g_autoptr(JsonObject) faceless = NULL;
  g_autoptr(GBytes) tiny = tiny_still (24);
  g_autofree char *tiny_path = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *face;
  JsonArray *eyes;
  LkProvenance p = provenance_of_kind ("photograph");
  gint64 id, none_id;
  double ax, bx;

  world_init (&w, fixture);
  id = import_portrait (&w, NULL);
  probe = probe_json (&w, id);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (probe, "faces")), ==, 1);
  g_assert_cmpint (json_object_get_int_member (probe, "face_index"), ==, 0);
  face = first_face (probe);
  g_assert_cmpint (json_object_get_int_member (face, "width"), >, 100);
  eyes = json_object_get_array_member (face, "eyes");
  g_assert_nonnull (eyes);
  g_assert_cmpuint (json_array_get_length (eyes), ==, 2);
  ax = json_array_get_double_element (json_array_get_array_element (eyes, 0), 0);
  bx = json_array_get_double_element (json_array_get_array_element (eyes, 1), 0);
  g_assert_cmpfloat (ax, <, bx);
  g_assert_cmpfloat (bx - ax, >, 60);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (face, "figures"),
                                                 "has_eyes"));

  /* the examiner picks among the faces found, and only among them */
  g_assert_false (lk_analysis_choose_face (w.examiner, id, 1, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  assert_message (error, "no face 1");
  g_clear_error (&error);
  g_assert_false (lk_analysis_choose_face (w.examiner, id, -1, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (lk_analysis_choose_face (w.admin, id, 0, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (lk_analysis_choose_face (w.examiner, 999, 0, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (lk_test_count_action (w.store, "probe.face-chosen"), ==, 0);
  g_assert_true (lk_analysis_choose_face (w.examiner, id, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lk_test_count_action (w.store, "probe.face-chosen"), ==, 1);

  /* no face: imported all the same, with nothing chosen and no readout */
  tiny_path = write_bytes (&w, "tiny.jpg", tiny);
  none_id = import_ok (&w, tiny_path, &p, NULL);
  faceless = probe_json (&w, none_id);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (faceless, "faces")), ==,
                    0);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (faceless, "face_index")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (faceless, "quality")));
  g_assert_false (lk_analysis_choose_face (w.examiner, none_id, 0, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  world_clear (&w);
}

/* ---- access and concurrency ---------------------------------------------------------------- */

static void
test_roles (LkTestFixture *fixture,
            gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(LkSession) reviewer = NULL;
  g_autoptr(LkSession) trainee = NULL;
  g_autoptr(JsonObject) seen = NULL;
  g_autoptr(JsonObject) denied = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = demo_path ("grace_hopper.jpg");
  LkProvenance p = provenance_of_kind ("photograph");
  Counts before;
  gint64 id;

  world_init (&w, fixture);
  reviewer = add_and_login (&w, REVIEWER, LK_ROLE_REVIEWER, REVIEWER_PASSWORD);
  trainee = add_and_login (&w, "tim", LK_ROLE_TRAINEE, "trainee pass");

  /* importing is an examiner's act: neither the administrator nor a reviewer */
  before = counts (&w);
  g_assert_cmpint (lk_probes_import_file (w.admin, CASE_NUMBER, path, &p, NULL, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (lk_probes_import_file (reviewer, CASE_NUMBER, path, &p, NULL, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (&w, "probes"), ==, before.probes);
  g_assert_cmpint (count_rows (&w, "images"), ==, before.images);

  id = import_portrait (&w, NULL);
  seen = lk_probes_get (reviewer, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (seen);
  denied = lk_probes_get (trainee, id, &error);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_assert_null (denied);
  g_clear_error (&error);
  image = lk_probes_read_image (trainee, id, &error);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_assert_null (image);
  g_clear_error (&error);
  /* not even whether a probe exists */
  image = lk_probes_read_image (trainee, 4040, &error);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_assert_null (image);
  g_clear_error (&error);
  image = lk_probes_read_image (w.examiner, 4040, &error);
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  g_assert_null (image);
  g_clear_error (&error);
  g_assert_cmpint (lk_test_count_action (w.store, "probe.image-viewed"), ==, 0);
  g_assert_null (lk_probes_get (w.examiner, 4040, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  world_clear (&w);
}

static void
test_busy (LkTestFixture *fixture,
           gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *path = demo_path ("grace_hopper.jpg");
  g_autoptr(GError) error = NULL;
  LkProvenance p = provenance_of_kind ("photograph");
  LkTestWriter *other;
  Counts before;
  gint64 id;

  world_init (&w, fixture);
  before = counts (&w);
  other = lk_test_writer_new (fixture->db_path);
  lk_store_set_busy_timeout (w.store, 100);

  id = lk_probes_import_file (w.examiner, CASE_NUMBER, path, &p, NULL, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_BUSY);
  assert_message (error, lk_test_server () != NULL ? "another Likeness workstation"
                                                  : "another Likeness process");
  g_clear_error (&error);
  lk_test_writer_free (other);
  assert_unchanged (&w, &before);

  /* once the other process lets go, the same import goes through */
  g_assert_cmpint (import_ok (&w, path, &p, NULL), >, 0);
  g_assert_cmpint (count_rows (&w, "probes"), ==, 1);
  world_clear (&w);
}

/* The UI imports in a worker thread; the result is the same probe. */
static void
test_async (LkTestFixture *fixture,
            gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *path = demo_path ("grace_hopper.jpg");
  g_autofree char *bomb_path = NULL;
  g_autoptr(GBytes) bomb = png_header_only (30000, 30000);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) probe = NULL;
  LkProvenance p = provenance_of_kind ("screenshot");
  gint64 id = 0;

  world_init (&w, fixture);
  lk_probes_import_file_async (w.examiner, CASE_NUMBER, path, &p, NULL, import_done, &id);
  while (id == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (id, >, 0);
  probe = probe_json (&w, id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (probe,
                                                                                 "provenance"),
                                                  "kind"), ==, "screenshot");

  bomb_path = write_bytes (&w, "bomb.png", bomb);
  lk_probes_import_file_async (w.examiner, CASE_NUMBER, bomb_path, &p, NULL, import_failed,
                               &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, LK_ERROR, LK_ERROR_IMAGE);
  g_assert_cmpint (count_rows (&w, "probes"), ==, 1);
  world_clear (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/probes/tampered", test_tampered);
  LK_TEST_ADD ("/likeness/probes/exif", test_exif);
  LK_TEST_ADD ("/likeness/probes/quality-sharp-blurred", test_quality_sharp_blurred);
  LK_TEST_ADD ("/likeness/probes/faces", test_faces);
  LK_TEST_ADD ("/likeness/probes/roles", test_roles);
  LK_TEST_ADD ("/likeness/probes/busy", test_busy);
  LK_TEST_ADD ("/likeness/probes/async", test_async);

  return g_test_run ();
}
