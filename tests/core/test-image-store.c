/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lk-test-util.h"
#include "store/lk-store-private.h"
#include "store/lk-audit.h"
#include "store/lk-image-store.h"
#include "store/lk-store.h"

static const LkActor examiner = { "examiner1", "examiner" };

/* Whether the store holds an image of @sha256 (asserting the read worked). */
static gboolean
image_stored (LkStore    *store,
              const char *sha256)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT 1 FROM images WHERE sha256 = ?",
                                          &error);
  gboolean found;

  g_assert_no_error (error);
  lk_stmt_bind_text (stmt, 1, sha256);
  found = lk_stmt_next (stmt, &error);
  g_assert_no_error (error);
  return found;
}

static LkStore *
new_store (LkTestFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  LkStore *store = lk_store_open (fixture->db_path, LK_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return store;
}

/* Bytes that look like nothing in particular, the same in every run. */
static GBytes *
sample_bytes (gsize   size,
              guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) g_rand_int_range (rand, 0, 256);
  return g_bytes_new_take (data, size);
}

static char *
put_committed (LkStore *store,
               GBytes  *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkTxn) txn = lk_txn_begin (store, &error);
  char *sha256 = NULL;

  g_assert_no_error (error);
  lk_image_store_put (store, bytes, "image/jpeg", &sha256, &error);
  g_assert_no_error (error);
  lk_txn_commit (txn, &error);
  g_assert_no_error (error);
  return sha256;
}

static void
test_put_get (LkTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(LkStore) store = new_store (fixture);
  g_autoptr(GBytes) bytes = sample_bytes (20000, 1);
  g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                           g_bytes_get_data (bytes, NULL),
                                                           g_bytes_get_size (bytes));
  g_autofree char *sha256 = put_committed (store, bytes);
  g_autofree char *media_type = NULL;
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (sha256, ==, expected);
  g_assert_cmpuint (strlen (sha256), ==, 64);
  g_assert_true (image_stored (store, sha256));

  back = lk_image_store_get (store, &examiner, sha256, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, bytes));

  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT size FROM images"), ==, 20000);
  media_type = lk_test_sql_text (fixture->db_path, "SELECT media_type FROM images");
  g_assert_cmpstr (media_type, ==, "image/jpeg");
}

static void
test_missing (LkTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(LkStore) store = new_store (fixture);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, empty);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (image_stored (store, sha256));
  back = lk_image_store_get (store, &examiner, sha256, &error);
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  g_assert_null (back);
  g_assert_nonnull (strstr (error->message, sha256));
}

static void
test_same_bytes_twice (LkTestFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr(LkStore) store = new_store (fixture);
  g_autoptr(GBytes) bytes = sample_bytes (5000, 2);
  g_autoptr(GBytes) copy = g_bytes_new (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *first = put_committed (store, bytes);
  g_autofree char *stored_at = lk_test_sql_text (fixture->db_path,
                                                 "SELECT stored_at FROM images");
  g_autofree char *second = NULL;
  g_autofree char *stored_at_after = NULL;

  g_usleep (2000); /* a new row would get a different time stamp */
  second = put_committed (store, copy);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM images"), ==, 1);
  stored_at_after = lk_test_sql_text (fixture->db_path, "SELECT stored_at FROM images");
  g_assert_cmpstr (stored_at, ==, stored_at_after);
}

static void
test_rollback (LkTestFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(LkStore) store = new_store (fixture);
  g_autoptr(GBytes) bytes = sample_bytes (1000, 3);
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  LkTxn *txn = lk_txn_begin (store, &error);

  g_assert_no_error (error);
  lk_image_store_put (store, bytes, "image/png", &sha256, &error);
  g_assert_no_error (error);
  lk_txn_free (txn); /* not committed: the import was abandoned */
  g_assert_false (image_stored (store, sha256));
}

static void
test_immutable (LkTestFixture *fixture,
                gconstpointer  data)
{
  g_autoptr(LkStore) store = new_store (fixture);
  g_autoptr(GBytes) bytes = sample_bytes (1000, 4);
  g_autofree char *sha256 = put_committed (store, bytes);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GError) error = NULL;
  /* The image cut to its first byte (substr works on a BLOB and on bytea alike). */
  g_autofree char *bytes_refused = lk_test_sql_error (fixture->db_path, "UPDATE images SET"
                                                      " bytes = substr (bytes, 1, 1)");
  g_autofree char *type_refused = lk_test_sql_error (fixture->db_path,
                                                     "UPDATE images SET media_type = 'image/png'");

  g_assert_nonnull (bytes_refused);
  g_assert_nonnull (strstr (bytes_refused, "immutable"));
  g_assert_nonnull (type_refused);
  g_assert_nonnull (strstr (type_refused, "immutable"));

  back = lk_image_store_get (store, &examiner, sha256, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, bytes));
}

/* What someone with write access to the database could do: go round the guard, change one
 * byte. */
static void
tamper_one_byte (const char *path,
                 GBytes     *bytes,
                 gsize       offset)
{
  guint8 *changed = g_memdup2 (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GBytes) tampered = NULL;

  changed[offset] ^= 0x01;
  tampered = g_bytes_new_take (changed, g_bytes_get_size (bytes));
  g_assert_cmpint (lk_test_sql_tamper (path, "UPDATE images SET bytes = ?", tampered), ==, 1);
}

static void
assert_chain_intact (LkStore *store,
                     gint64   expected_events)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gint64 n_events = -1, broken_seq = -1;

  g_assert_true (lk_audit_verify (store, &n_events, &broken_seq, &reason, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_events, ==, expected_events);
  g_assert_cmpint (broken_seq, ==, 0);
  g_assert_null (reason);
}

static void
test_tamper (LkTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(LkStore) store = new_store (fixture);
  g_autoptr(GBytes) bytes = sample_bytes (3000, 5);
  g_autofree char *sha256 = put_committed (store, bytes);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAuditEvent) alarm = NULL;

  tamper_one_byte (fixture->db_path, bytes, 1234);
  back = lk_image_store_get (store, &examiner, sha256, &error);
  g_assert_error (error, LK_ERROR, LK_ERROR_INTEGRITY);
  g_assert_null (back);
  g_assert_nonnull (strstr (error->message, sha256));

  alarm = lk_test_last_event (store);
  g_assert_nonnull (alarm);
  g_assert_cmpstr (alarm->action, ==, "image.integrity-failure");
  g_assert_cmpstr (alarm->object, ==, sha256);
  g_assert_cmpstr (alarm->user, ==, examiner.user);
  g_assert_nonnull (strstr (alarm->details, sha256));
  /* The alarm is part of the chain, not a break in it. */
  assert_chain_intact (store, 1);

  /* Each read of the corrupt image fails again and is recorded again. */
  g_clear_error (&error);
  g_assert_null (lk_image_store_get (store, &examiner, sha256, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INTEGRITY);
  g_assert_cmpint (lk_test_count_action (store, "image.integrity-failure"), ==, 2);
  assert_chain_intact (store, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/image-store/put-get", test_put_get);
  LK_TEST_ADD ("/likeness/image-store/missing", test_missing);
  LK_TEST_ADD ("/likeness/image-store/same-bytes-twice", test_same_bytes_twice);
  LK_TEST_ADD ("/likeness/image-store/rollback", test_rollback);
  LK_TEST_ADD ("/likeness/image-store/immutable", test_immutable);
  LK_TEST_ADD ("/likeness/image-store/tamper", test_tamper);

  return g_test_run ();
}
