/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Probe intake: the hash and the image store, provenance, every bad file refused. */
#include "config.h"

#include "lk-test-probes.h"

/* Imports @path, expecting @code with @expected in the message, and nothing written. */
static void
assert_import_refused (World              *w,
                       const char         *path,
                       const LkProvenance *provenance,
                       int                 code,
                       const char         *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  Counts before = counts (w);
  gint64 id;

  id = lk_probes_import_file (w->examiner, CASE_NUMBER, path, provenance, &sha256, &error);
  g_test_message ("%s: %s", path, error ? error->message : "(no error)");
  g_assert_cmpint (id, ==, 0);
  g_assert_null (sha256);
  g_assert_error (error, LK_ERROR, code);
  assert_message (error, expected);
  assert_unchanged (w, &before);
}

/* The same through lk_probes_import, from bytes in memory. */
static void
assert_bytes_refused (World              *w,
                      GBytes             *bytes,
                      const LkProvenance *provenance,
                      int                 code,
                      const char         *expected)
{
  g_autoptr(GError) error = NULL;
  Counts before = counts (w);
  gint64 id;

  id = lk_probes_import (w->examiner, CASE_NUMBER, bytes, "probe.bin", provenance, NULL, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, LK_ERROR, code);
  assert_message (error, expected);
  assert_unchanged (w, &before);
}

static void
set_policy (World      *w,
            const char *key,
            const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_policy_set (w->admin, key, value, "Test of the intake limits", &error));
  g_assert_no_error (error);
}

/* ---- hash and store ------------------------------------------------------------------------ */

/* The digest printed by the sha256sum program, or NULL when it is not installed. */
static char *
sha256sum_of (const char *path)
{
  g_autofree char *program = g_find_program_in_path ("sha256sum");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { NULL, path, NULL };
  int status = 0;

  if (program == NULL)
    return NULL;
  argv[0] = program;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpuint (strlen (out), >, 64);
  g_assert_true (out[64] == ' ');
  return g_strndup (out, 64);
}

static void
test_import_hash (LkTestFixture *fixture,
                  gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *path = demo_path ("grace_hopper.jpg");
  g_autoptr(GBytes) file = lk_test_read_bytes (path);
  g_autofree char *expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, file);
  g_autofree char *external = sha256sum_of (path);
  g_autofree char *sha256 = NULL;
  g_autofree char *row_text = NULL;
  g_autoptr(GBytes) blob = NULL;
  g_autoptr(GBytes) read_back = NULL;
  g_autoptr(JsonObject) probe = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LkAuditEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *provenance;
  gint64 id;

  world_init (&w, fixture);
  id = import_portrait (&w, &sha256);

  g_assert_cmpuint (strlen (sha256), ==, 64);
  g_assert_cmpstr (sha256, ==, expected);
  if (external != NULL)
    g_assert_cmpstr (sha256, ==, external);
  else
    g_test_message ("sha256sum is not installed: the external comparison was skipped");

  /* the original, byte for byte, both in the table and through the verified read */
  blob = stored_blob (&w, sha256);
  g_assert_true (g_bytes_equal (blob, file));
  read_back = lk_probes_read_image (w.examiner, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read_back, file));
  g_assert_cmpint (lk_test_count_action (w.store, "probe.image-viewed"), ==, 1);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT size FROM images"), ==,
                   (gint64) g_bytes_get_size (file));
  row_text = lk_test_sql_text (fixture->db_path, "SELECT media_type FROM images");
  g_assert_cmpstr (row_text, ==, "image/jpeg");

  probe = probe_json (&w, id);
  g_assert_cmpstr (json_object_get_string_member (probe, "sha256"), ==, expected);
  g_assert_cmpstr (json_object_get_string_member (probe, "file_name"), ==, "grace_hopper.jpg");
  g_assert_cmpstr (json_object_get_string_member (probe, "media_type"), ==, "image/jpeg");
  g_assert_cmpint (json_object_get_int_member (probe, "width"), ==, 512);
  g_assert_cmpint (json_object_get_int_member (probe, "height"), ==, 600);
  g_assert_cmpstr (json_object_get_string_member (probe, "status"), ==, "awaiting-analysis");
  g_assert_cmpstr (json_object_get_string_member (probe, "imported_by"), ==, EXAMINER);
  provenance = json_object_get_object_member (probe, "provenance");
  g_assert_cmpstr (json_object_get_string_member (provenance, "acquired_at"), ==,
                   "2026-01-15T14:32:00Z");
  g_assert_cmpstr (json_object_get_string_member (provenance, "custody_note"), ==,
                   "Exhibit AJ/1, received sealed in bag 0042");

  /* the import is audited with its hash, and moved the open case into analysis */
  g_assert_cmpint (lk_test_count_action (w.store, "probe.imported"), ==, 1);
  g_clear_pointer (&row_text, g_free);
  row_text = lk_test_sql_text (fixture->db_path,
                               "SELECT details FROM audit_event WHERE action = 'probe.imported'");
  g_assert_true (json_parser_load_from_data (parser, row_text, -1, NULL));
  details = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  g_assert_cmpstr (json_object_get_string_member (details, "sha256"), ==, expected);
  g_assert_cmpstr (json_object_get_string_member (details, "case"), ==, CASE_NUMBER);
  g_clear_pointer (&row_text, g_free);
  row_text = lk_test_sql_text (fixture->db_path, "SELECT status FROM cases");
  g_assert_cmpstr (row_text, ==, "analysis");
  world_clear (&w);
}

/* The same bytes twice are stored once; each import is a probe of its own. */
static void
test_same_image_twice (LkTestFixture *fixture,
                       gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gint64 a, b;

  world_init (&w, fixture);
  create_case (w.examiner, "2026-0043");
  a = import_portrait (&w, &first);
  {
    g_autofree char *path = demo_path ("grace_hopper.jpg");
    LkProvenance p = provenance_of_kind ("photograph");
    g_autoptr(GError) error = NULL;

    b = lk_probes_import_file (w.examiner, "2026-0043", path, &p, &second, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (b, >, a);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpint (count_rows (&w, "images"), ==, 1);
  g_assert_cmpint (count_rows (&w, "probes"), ==, 2);
  world_clear (&w);
}

/* ---- provenance ---------------------------------------------------------------------------- */

static void
test_refused_kinds (LkTestFixture *fixture,
                    gconstpointer  data)
{
  static const char * const refused[][2] = {
    { "sketch", "Sketch" },
    { "composite", "Composite" },
    { "look-alike", "Look-alike" },
    { "edited", "Edited image" },
    { "ai-generated", "AI-generated image" },
  };
  World w = { 0 };
  g_autofree char *path = demo_path ("grace_hopper.jpg");
  g_autoptr(GBytes) bytes = lk_test_read_bytes (path);
  g_autoptr(LkAuditEvent) event = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *details;
  LkProvenance p;

  world_init (&w, fixture);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      p = provenance_of_kind (refused[i][0]);
      assert_import_refused (&w, path, &p, LK_ERROR_REFUSED, refused[i][1]);
      assert_import_refused (&w, path, &p, LK_ERROR_REFUSED, "refused by policy");
      assert_bytes_refused (&w, bytes, &p, LK_ERROR_REFUSED, "photographic image of the real face");
    }
  g_assert_cmpint (count_rows (&w, "probes"), ==, 0);

  /* only an administrator changes the policy, with a reason, and the change is audited */
  g_assert_false (lk_policy_set (w.examiner, "refused_probe_kinds", "", "I need it", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (lk_policy_set (w.admin, "refused_probe_kinds", "composite,look-alike",
                                 NULL, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (lk_policy_set (w.admin, "refused_probe_kinds",
                                "composite,look-alike,edited,ai-generated",
                                "Sketch searches approved for case 2026-0042 by the board",
                                &error));
  g_assert_no_error (error);
  event = lk_test_last_event (w.store);
  g_assert_cmpstr (event->action, ==, "policy.changed");
  g_assert_cmpstr (event->object, ==, "refused_probe_kinds");
  g_assert_cmpstr (event->user, ==, ADMIN);
  g_assert_true (json_parser_load_from_data (parser, event->details, -1, NULL));
  details = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (details, "old"), ==,
                   "sketch,composite,look-alike,edited,ai-generated");
  g_assert_cmpstr (json_object_get_string_member (details, "new"), ==,
                   "composite,look-alike,edited,ai-generated");
  g_assert_nonnull (strstr (json_object_get_string_member (details, "reason"), "board"));

  p = provenance_of_kind ("sketch");
  g_assert_cmpint (import_ok (&w, path, &p, NULL), >, 0);
  p = provenance_of_kind ("composite");
  assert_import_refused (&w, path, &p, LK_ERROR_REFUSED, "Composite");
  g_assert_cmpint (count_rows (&w, "probes"), ==, 1);
  world_clear (&w);
}

static void
test_provenance_required (LkTestFixture *fixture,
                          gconstpointer  data)
{
  static const char * const labels[] = {
    "who acquired", "time of acquisition", "legal authority", "chain-of-custody",
  };
  World w = { 0 };
  g_autofree char *path = demo_path ("grace_hopper.jpg");
  LkProvenance p;

  world_init (&w, fixture);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      const char **fields[] = { &p.acquired_by, &p.acquired_at, &p.authority, &p.custody_note };

      p = provenance_of_kind ("photograph");
      *fields[i] = NULL;
      assert_import_refused (&w, path, &p, LK_ERROR_INVALID_INPUT, labels[i]);
      *fields[i] = "   ";
      assert_import_refused (&w, path, &p, LK_ERROR_INVALID_INPUT, labels[i]);
    }

  p = provenance_of_kind ("photograph");
  p.source_type = NULL;
  assert_import_refused (&w, path, &p, LK_ERROR_INVALID_INPUT, "source type");
  p.source_type = "carrier-pigeon";
  assert_import_refused (&w, path, &p, LK_ERROR_INVALID_INPUT, "carrier-pigeon");
  p = provenance_of_kind ("oil-painting");
  assert_import_refused (&w, path, &p, LK_ERROR_INVALID_INPUT, "probe kind");
  p = provenance_of_kind (NULL);
  assert_import_refused (&w, path, &p, LK_ERROR_INVALID_INPUT, "probe kind");

  /* every listed source type is accepted */
  for (const char * const *type = lk_vocabulary_source_types (); *type != NULL; type++)
    {
      p = provenance_of_kind ("photograph");
      p.source_type = *type;
      g_assert_cmpint (import_ok (&w, path, &p, NULL), >, 0);
    }
  g_assert_cmpint (count_rows (&w, "probes"), ==, 7);
  world_clear (&w);
}

static void
test_crc32 (void)
{
  /* the check value of CRC-32 */
  g_assert_cmphex (crc32_of ((const guint8 *) "123456789", 9), ==, 0xcbf43926);
}

static void
test_bad_files (LkTestFixture *fixture,
                gconstpointer  data)
{
  static const char text[] = "Notes from the interview, not a picture at all.\n";
  static const char gif[] = "GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9"
                            "\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02"
                            "\x02\x44\x01\x00;";
  World w = { 0 };
  g_autofree char *portrait = demo_path ("grace_hopper.jpg");
  g_autoptr(GBytes) jpeg = lk_test_read_bytes (portrait);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (jpeg, 0, 1000);
  g_autoptr(GBytes) not_jpeg = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GBytes) bomb = png_header_only (30000, 30000);
  g_autoptr(GBytes) gif_bytes = g_bytes_new_static (gif, sizeof gif - 1);
  g_autofree char *empty_path = NULL;
  g_autofree char *truncated_path = NULL;
  g_autofree char *text_path = NULL;
  g_autofree char *bomb_path = NULL;
  g_autofree char *gif_path = NULL;
  g_autofree char *missing_path = NULL;
  LkProvenance p = provenance_of_kind ("photograph");

  world_init (&w, fixture);
  empty_path = write_bytes (&w, "empty.jpg", empty);
  truncated_path = write_bytes (&w, "truncated.jpg", truncated);
  text_path = write_bytes (&w, "notes.jpg", not_jpeg);
  bomb_path = write_bytes (&w, "bomb.png", bomb);
  gif_path = write_bytes (&w, "animation.gif", gif_bytes);
  missing_path = lk_test_path (fixture, "no-such-file.jpg");

  assert_import_refused (&w, empty_path, &p, LK_ERROR_IMAGE, "empty");
  assert_bytes_refused (&w, empty, &p, LK_ERROR_IMAGE, "empty");
  assert_import_refused (&w, truncated_path, &p, LK_ERROR_IMAGE, "JPEG file is truncated");
  assert_bytes_refused (&w, truncated, &p, LK_ERROR_IMAGE, "truncated");
  /* cut just before the end-of-image marker, and a PNG cut in its pixel data */
  {
    g_autoptr(GBytes) almost = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) - 2);
    g_autofree char *astronaut = demo_path ("astronaut.png");
    g_autoptr(GBytes) png = lk_test_read_bytes (astronaut);
    g_autoptr(GBytes) cut_png = g_bytes_new_from_bytes (png, 0, 100000);

    assert_bytes_refused (&w, almost, &p, LK_ERROR_IMAGE, "JPEG file is truncated");
    assert_bytes_refused (&w, cut_png, &p, LK_ERROR_IMAGE, "PNG image is damaged");
  }
  assert_import_refused (&w, text_path, &p, LK_ERROR_IMAGE, "Unsupported image format");
  assert_bytes_refused (&w, not_jpeg, &p, LK_ERROR_IMAGE, "Unsupported image format");
  assert_import_refused (&w, gif_path, &p, LK_ERROR_IMAGE, "Unsupported image format");
  assert_bytes_refused (&w, gif_bytes, &p, LK_ERROR_IMAGE, "Likeness reads JPEG, PNG");

  /* refused on the header's word: had it reached the decoder, the missing pixel data would
   * have been a decoding error instead */
  assert_import_refused (&w, bomb_path, &p, LK_ERROR_IMAGE, "megapixels");
  assert_import_refused (&w, bomb_path, &p, LK_ERROR_IMAGE, "30000 × 30000");
  assert_import_refused (&w, bomb_path, &p, LK_ERROR_IMAGE, "not decoded");
  assert_bytes_refused (&w, bomb, &p, LK_ERROR_IMAGE, "megapixels");

  {
    g_autoptr(GError) error = NULL;
    Counts before = counts (&w);

    g_assert_cmpint (lk_probes_import_file (w.examiner, CASE_NUMBER, missing_path, &p, NULL,
                                            &error), ==, 0);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpint (lk_probes_import_file (w.examiner, CASE_NUMBER, fixture->dir, &p, NULL,
                                            &error), ==, 0);
    g_assert_error (error, LK_ERROR, LK_ERROR_IMAGE);
    assert_message (error, "not a regular file");
    assert_unchanged (&w, &before);
  }
  g_assert_cmpint (count_rows (&w, "probes"), ==, 0);
  g_assert_cmpint (count_rows (&w, "images"), ==, 0);
  world_clear (&w);
}

static void
test_limits (LkTestFixture *fixture,
             gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *portrait = demo_path ("grace_hopper.jpg");
  g_autoptr(GBytes) jpeg = lk_test_read_bytes (portrait);
  g_autoptr(GByteArray) padded = g_byte_array_new ();
  g_autoptr(GBytes) padded_bytes = NULL;
  g_autofree char *padded_path = NULL;
  g_autofree guint8 *zeros = g_malloc0 (1500000);
  LkProvenance p = provenance_of_kind ("photograph");

  world_init (&w, fixture);
  /* a valid JPEG with 1.5 MB of trailing bytes, which decoders ignore */
  g_byte_array_append (padded, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg));
  g_byte_array_append (padded, zeros, 1500000);
  padded_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&padded));
  padded_path = write_bytes (&w, "padded.jpg", padded_bytes);

  set_policy (&w, "max_image_megabytes", "1");
  assert_import_refused (&w, padded_path, &p, LK_ERROR_IMAGE, "over the limit of 1 MB");
  assert_bytes_refused (&w, padded_bytes, &p, LK_ERROR_IMAGE, "over the limit of 1 MB");
  /* the portrait itself is well under a megabyte */
  g_assert_cmpint (import_ok (&w, portrait, &p, NULL), >, 0);

  /* the portrait is 512 × 600, 0.3 megapixels; the smallest limit is 1 megapixel, so a
   * 1200 × 1000 header is over it */
  set_policy (&w, "max_image_megapixels", "1");
  {
    g_autoptr(GBytes) big = png_header_only (1200, 1000);
    g_autoptr(GBytes) fits = png_header_only (1000, 1000);

    assert_bytes_refused (&w, big, &p, LK_ERROR_IMAGE, "over the limit of 1 megapixels");
    /* exactly at the limit passes the header check and fails as damaged instead: it has no
     * image data */
    assert_bytes_refused (&w, fits, &p, LK_ERROR_IMAGE, "PNG image is damaged");
  }
  set_policy (&w, "max_image_megabytes", "200");
  g_assert_cmpint (import_ok (&w, padded_path, &p, NULL), >, 0);
  world_clear (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/likeness/probes/crc32", test_crc32);
  LK_TEST_ADD ("/likeness/probes/import-hash", test_import_hash);
  LK_TEST_ADD ("/likeness/probes/same-image-twice", test_same_image_twice);
  LK_TEST_ADD ("/likeness/probes/refused-kinds", test_refused_kinds);
  LK_TEST_ADD ("/likeness/probes/provenance-required", test_provenance_required);
  LK_TEST_ADD ("/likeness/probes/bad-files", test_bad_files);
  LK_TEST_ADD ("/likeness/probes/limits", test_limits);

  return g_test_run ();
}
