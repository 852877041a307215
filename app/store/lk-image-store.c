/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Content-addressed, immutable image bytes, verified on every read. */
#include "config.h"

#include "lk-error.h"
#include "lk-image-store.h"

gboolean
lk_image_store_put (LkStore     *store,
                    GBytes      *bytes,
                    const char  *media_type,
                    char       **sha256,
                    GError     **error)
{
  g_autofree char *digest = NULL;
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) stmt = NULL;
  gsize size;
  gconstpointer data;

  g_return_val_if_fail (LK_IS_STORE (store), FALSE);
  g_return_val_if_fail (bytes != NULL && media_type != NULL, FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (lk_store_get_db (store)), FALSE);

  data = g_bytes_get_data (bytes, &size);
  digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  stmt = lk_store_stmt (store,
                        "INSERT INTO images (sha256, bytes, size, media_type, stored_at)"
                        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, digest, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 2, data, size, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, (sqlite3_int64) size);
  sqlite3_bind_text (stmt, 4, media_type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
  if (!lk_store_step_done (store, stmt, error))
    return FALSE;
  if (sha256 != NULL)
    *sha256 = g_steal_pointer (&digest);
  return TRUE;
}

gboolean
lk_image_store_has (LkStore    *store,
                    const char *sha256)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (lk_store_get_mutex (store));
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT 1 FROM images WHERE sha256 = ?", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static GBytes *
read_bytes (LkStore     *store,
            const char  *sha256,
            GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (lk_store_get_mutex (store));
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT bytes FROM images WHERE sha256 = ?",
                                          error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  if (rc == SQLITE_DONE)
    g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND, "Image %s is not in the image store", sha256);
  else
    lk_store_set_error (store, error, "Could not read an image");
  return NULL;
}

static void
raise_integrity_alarm (LkStore       *store,
                       const LkActor *actor,
                       const char    *sha256,
                       const char    *actual)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (details, "expected_sha256", sha256);
  json_object_set_string_member (details, "actual_sha256", actual);
  if (!lk_audit_record (store, actor, "image.integrity-failure", sha256, details, &error))
    g_critical ("Could not record an image integrity failure: %s", error->message);
}

GBytes *
lk_image_store_get (LkStore        *store,
                    const LkActor  *actor,
                    const char     *sha256,
                    GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *actual = NULL;

  g_return_val_if_fail (LK_IS_STORE (store), NULL);
  g_return_val_if_fail (actor != NULL && sha256 != NULL, NULL);

  bytes = read_bytes (store, sha256, error);
  if (bytes == NULL)
    return NULL;
  actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (g_ascii_strcasecmp (actual, sha256) == 0)
    return g_steal_pointer (&bytes);

  raise_integrity_alarm (store, actor, sha256, actual);
  g_set_error (error, LK_ERROR, LK_ERROR_INTEGRITY,
               "Image %s is corrupt: its stored bytes now hash to %s. The original can no longer "
               "be trusted; the failure is recorded in the audit log", sha256, actual);
  return NULL;
}
