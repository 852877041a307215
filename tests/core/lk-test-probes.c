/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lk-test-probes.h"

LkSession *
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

void
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
void
world_init (World         *w,
            LkTestFixture *fixture)
{
  w->fixture = fixture;
  w->store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  w->admin = lk_test_login (w->store, ADMIN, ADMIN_PASSWORD);
  w->examiner = add_and_login (w, EXAMINER, LK_ROLE_EXAMINER, EXAMINER_PASSWORD);
  create_case (w->examiner, CASE_NUMBER);
}

void
world_clear (World *w)
{
  g_clear_object (&w->examiner);
  g_clear_object (&w->admin);
  g_clear_object (&w->store);
}

LkProvenance
provenance_of_kind (const char *kind)
{
  return (LkProvenance) {
    "cctv", kind, "PC Ada Jones", "2026-01-15T14:32:00Z", "Warrant 2026/17",
    "Exhibit AJ/1, received sealed in bag 0042", FALSE,
  };
}

char *
demo_path (const char *name)
{
  const char *source = g_getenv ("LIKENESS_SOURCE_DIR");

  g_assert_nonnull (source);
  return g_build_filename (source, "data", "demo", name, NULL);
}

char *
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

char *
write_bytes (World      *w,
             const char *name,
             GBytes     *bytes)
{
  return write_fixture (w, name, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

gint64
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

gint64
import_portrait (World  *w,
                 char  **sha256)
{
  g_autofree char *path = demo_path ("grace_hopper.jpg");
  LkProvenance p = provenance_of_kind ("video-frame");

  return import_ok (w, path, &p, sha256);
}

JsonObject *
probe_json (World  *w,
            gint64  probe_id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *probe = lk_probes_get (w->examiner, probe_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (probe);
  return probe;
}

gint64
count_rows (World      *w,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return lk_test_sql_int (w->fixture->db_path, sql);
}

Counts
counts (World *w)
{
  /* a refusal itself is recorded (it counts in the transparency statistics); nothing else */
  return (Counts) { count_rows (w, "images"), count_rows (w, "probes"),
                    lk_test_sql_int (w->fixture->db_path, "SELECT count(*) FROM audit_event"
                                                          " WHERE action <> 'probe.refused'"),
                    count_rows (w, "case_status_history") };
}

void
assert_unchanged (World        *w,
                  const Counts *before)
{
  Counts after = counts (w);

  g_assert_cmpint (after.images, ==, before->images);
  g_assert_cmpint (after.probes, ==, before->probes);
  g_assert_cmpint (after.audit, ==, before->audit);
  g_assert_cmpint (after.history, ==, before->history);
}

void
assert_message (const GError *error,
                const char   *expected)
{
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("Expected “%s” in: %s", expected, error->message);
}

GBytes *
stored_blob (World      *w,
             const char *sha256)
{
  g_autofree char *sql = g_strdup_printf ("SELECT bytes FROM images WHERE sha256 = '%s'",
                                          sha256);

  g_assert_true (g_str_is_ascii (sha256) && strchr (sha256, '\'') == NULL);
  return lk_test_sql_blob (w->fixture->db_path, sql);
}

guint32
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

void
put_be32 (guint8  *p,
          guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

/* A PNG signature and a valid IHDR chunk declaring @width × @height RGB, and no pixels. */
GBytes *
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

