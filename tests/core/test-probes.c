/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Probe intake: the hash and the stored original, provenance and refused kinds, bad and
 * oversized files refused before anything is written, tampering found on read, metadata,
 * faces and quality, and a second process holding the database. */
#include "config.h"

#include <gexiv2/gexiv2.h>
#include <math.h>
#include <string.h>

#include "lk-test-util.h"
#include "casework/lk-cases.h"
#include "casework/lk-probes.h"
#include "casework/lk-vocabulary.h"
#include "governance/lk-policy.h"
#include "imaging/lk-cv.h"
#include "people/lk-roles.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse"
#define EXAMINER "erin"
#define EXAMINER_PASSWORD "battery staple"
#define REVIEWER "rita"
#define REVIEWER_PASSWORD "reviewer pass"
#define CASE_NUMBER "2026-0042"

typedef struct
{
  LkTestFixture *fixture;
  LkStore       *store;
  LkSession     *admin;
  LkSession     *examiner;
} World;

static LkSession *
add_and_login (World      *w,
               const char *name,
               LkRoles     roles,
               const char *password)
{
  g_autoptr(GError) error = NULL;

  lk_users_add (w->admin, name, NULL, roles, password, &error);
  g_assert_no_error (error);
  return lk_test_login (w->store, name, password);
}

static void
create_case (LkSession  *session,
             const char *number)
{
  LkCaseRequest request = {
    number, "Robbery at the petrol station", "ROB", "Criminal Procedure Act, section 55",
    "The offender's face is visible on CCTV", "Chief Inspector Ward", "Robbery Squad", NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) c = lk_cases_create (session, &request, &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
}

/* A store with an administrator and an examiner, and one open robbery case. */
static void
world_init (World         *w,
            LkTestFixture *fixture)
{
  w->fixture = fixture;
  w->store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  w->admin = lk_test_login (w->store, ADMIN, ADMIN_PASSWORD);
  w->examiner = add_and_login (w, EXAMINER, LK_ROLE_EXAMINER, EXAMINER_PASSWORD);
  create_case (w->examiner, CASE_NUMBER);
}

static void
world_clear (World *w)
{
  g_clear_object (&w->examiner);
  g_clear_object (&w->admin);
  g_clear_object (&w->store);
}

static LkProvenance
provenance_of_kind (const char *kind)
{
  return (LkProvenance) {
    "cctv", kind, "PC Ada Jones", "2026-01-15T14:32:00Z", "Warrant 2026/17",
    "Exhibit AJ/1, received sealed in bag 0042", FALSE,
  };
}

static char *
demo_path (const char *name)
{
  const char *source = g_getenv ("LIKENESS_SOURCE_DIR");

  g_assert_nonnull (source);
  return g_build_filename (source, "data", "demo", name, NULL);
}

static char *
write_fixture (World        *w,
               const char   *name,
               const guint8 *data,
               gsize         length)
{
  g_autoptr(GError) error = NULL;
  char *path = lk_test_path (w->fixture, name);

  g_file_set_contents (path, (const char *) data, (gssize) length, &error);
  g_assert_no_error (error);
  return path;
}

static char *
write_bytes (World      *w,
             const char *name,
             GBytes     *bytes)
{
  return write_fixture (w, name, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gint64
import_ok (World              *w,
           const char         *path,
           const LkProvenance *provenance,
           char              **sha256)
{
  g_autoptr(GError) error = NULL;
  gint64 id = lk_probes_import_file (w->examiner, CASE_NUMBER, path, provenance, sha256,
                                     &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
import_portrait (World  *w,
                 char  **sha256)
{
  g_autofree char *path = demo_path ("grace_hopper.jpg");
  LkProvenance p = provenance_of_kind ("video-frame");

  return import_ok (w, path, &p, sha256);
}

static JsonObject *
probe_json (World  *w,
            gint64  probe_id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *probe = lk_probes_get (w->examiner, probe_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (probe);
  return probe;
}

static gint64
count_rows (World      *w,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return lk_test_sql_int (w->fixture->db_path, sql);
}

typedef struct
{
  gint64 images;
  gint64 probes;
  gint64 audit;
  gint64 history;
} Counts;

static Counts
counts (World *w)
{
  /* a refusal itself is recorded (it counts in the transparency statistics); nothing else */
  return (Counts) { count_rows (w, "images"), count_rows (w, "probes"),
                    lk_test_sql_int (w->fixture->db_path, "SELECT count(*) FROM audit_event"
                                                          " WHERE action <> 'probe.refused'"),
                    count_rows (w, "case_status_history") };
}

static void
assert_unchanged (World        *w,
                  const Counts *before)
{
  Counts after = counts (w);

  g_assert_cmpint (after.images, ==, before->images);
  g_assert_cmpint (after.probes, ==, before->probes);
  g_assert_cmpint (after.audit, ==, before->audit);
  g_assert_cmpint (after.history, ==, before->history);
}

static void
assert_message (const GError *error,
                const char   *expected)
{
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("Expected “%s” in: %s", expected, error->message);
}

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

static GBytes *
stored_blob (World      *w,
             const char *sha256)
{
  sqlite3 *db = lk_test_sqlite_open (w->fixture->db_path);
  sqlite3_stmt *stmt = NULL;
  GBytes *bytes;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT bytes FROM images WHERE sha256 = ?", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return bytes;
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

/* ---- bad files ----------------------------------------------------------------------------- */

static guint32
crc32_of (const guint8 *data,
          gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & (0 - (crc & 1)));
    }
  return crc ^ 0xffffffff;
}

static void
put_be32 (guint8  *p,
          guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

/* A PNG signature and a valid IHDR chunk declaring @width × @height RGB, and no pixels. */
static GBytes *
png_header_only (guint32 width,
                 guint32 height)
{
  guint8 png[8 + 4 + 4 + 13 + 4] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guint8 *chunk = png + 8;

  put_be32 (chunk, 13);
  memcpy (chunk + 4, "IHDR", 4);
  put_be32 (chunk + 8, width);
  put_be32 (chunk + 12, height);
  chunk[16] = 8; /* bit depth */
  chunk[17] = 2; /* RGB */
  chunk[18] = chunk[19] = chunk[20] = 0;
  put_be32 (chunk + 21, crc32_of (chunk + 4, 4 + 13));
  return g_bytes_new (png, sizeof png);
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

/* ---- integrity ----------------------------------------------------------------------------- */

static void
flip_stored_byte (World      *w,
                  const char *sha256,
                  gsize       offset)
{
  g_autoptr(GBytes) blob = stored_blob (w, sha256);
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (blob, NULL), g_bytes_get_size (blob));
  sqlite3 *db = lk_test_sqlite_open (w->fixture->db_path);
  sqlite3_stmt *stmt = NULL;

  copy[offset] ^= 0x01;
  lk_test_sqlite_exec (db, "DROP TRIGGER images_immutable");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE images SET bytes = ? WHERE sha256 = ?", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, copy, (int) g_bytes_get_size (blob), SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
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
  sqlite3 *db;
  char *message = NULL;
  gint64 id;

  world_init (&w, fixture);
  id = import_portrait (&w, &sha256);

  /* the table itself refuses a change */
  db = lk_test_sqlite_open (fixture->db_path);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE images SET media_type = 'image/png'", NULL, NULL,
                                 &message), ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (message, "stored images are immutable"));
  sqlite3_free (message);
  sqlite3_close (db);
  bytes = lk_probes_read_image (w.examiner, id, &error);
  g_assert_no_error (error);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* someone with the file and sqlite3 goes round it */
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
  sqlite3 *other;
  Counts before;
  gint64 id;

  world_init (&w, fixture);
  before = counts (&w);
  other = lk_test_sqlite_open (fixture->db_path);
  lk_test_sqlite_exec (other, "BEGIN IMMEDIATE");
  lk_store_set_busy_timeout (w.store, 100);

  id = lk_probes_import_file (w.examiner, CASE_NUMBER, path, &p, NULL, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_BUSY);
  assert_message (error, "another Likeness process");
  g_clear_error (&error);
  lk_test_sqlite_exec (other, "ROLLBACK");
  sqlite3_close (other);
  assert_unchanged (&w, &before);

  /* once the other process lets go, the same import goes through */
  g_assert_cmpint (import_ok (&w, path, &p, NULL), >, 0);
  g_assert_cmpint (count_rows (&w, "probes"), ==, 1);
  world_clear (&w);
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

  g_test_add_func ("/likeness/probes/crc32", test_crc32);
  LK_TEST_ADD ("/likeness/probes/import-hash", test_import_hash);
  LK_TEST_ADD ("/likeness/probes/same-image-twice", test_same_image_twice);
  LK_TEST_ADD ("/likeness/probes/refused-kinds", test_refused_kinds);
  LK_TEST_ADD ("/likeness/probes/provenance-required", test_provenance_required);
  LK_TEST_ADD ("/likeness/probes/bad-files", test_bad_files);
  LK_TEST_ADD ("/likeness/probes/limits", test_limits);
  LK_TEST_ADD ("/likeness/probes/tampered", test_tampered);
  LK_TEST_ADD ("/likeness/probes/exif", test_exif);
  LK_TEST_ADD ("/likeness/probes/quality-sharp-blurred", test_quality_sharp_blurred);
  LK_TEST_ADD ("/likeness/probes/faces", test_faces);
  LK_TEST_ADD ("/likeness/probes/roles", test_roles);
  LK_TEST_ADD ("/likeness/probes/busy", test_busy);
  LK_TEST_ADD ("/likeness/probes/async", test_async);

  return g_test_run ();
}
