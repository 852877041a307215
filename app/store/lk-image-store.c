/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Content-addressed, immutable image bytes, verified on every read. */
#include "config.h"

#include "lk-error.h"
#include "store/lk-image-store.h"
#include "store/lk-store-private.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

void
lk_image_purge_clear (LkImagePurge *purge)
{
  g_clear_pointer (&purge->purged_at, g_free);
  g_clear_pointer (&purge->purged_by, g_free);
  g_clear_pointer (&purge->rule, g_free);
}

gboolean
lk_image_store_purged (LkStore       *store,
                       const char    *sha256,
                       LkImagePurge  *purge,
                       GError       **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT p.purged_at, u.name, p.rule, p.run_id, p.size"
                          " FROM purged_images p JOIN users u ON u.id = p.purged_by"
                          " WHERE p.sha256 = ?", error);

  g_return_val_if_fail (LK_IS_STORE (store) && sha256 != NULL, FALSE);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, sha256);
  if (!lk_stmt_next (stmt, error))
    return FALSE;
  if (purge != NULL)
    {
      purge->purged_at = lk_stmt_dup_text (stmt, 0);
      purge->purged_by = lk_stmt_dup_text (stmt, 1);
      purge->rule = lk_stmt_dup_text (stmt, 2);
      purge->run_id = lk_stmt_int64 (stmt, 3);
      purge->size = lk_stmt_int64 (stmt, 4);
    }
  return TRUE;
}

/* An %LK_ERROR_PURGED error when the bytes of @sha256 were purged; TRUE when they were not. */
static gboolean
refuse_purged (LkStore     *store,
               const char  *sha256,
               GError     **error)
{
  g_auto(LkImagePurge) purge = { 0 };
  g_autoptr(GError) local = NULL;

  if (!lk_image_store_purged (store, sha256, &purge, &local))
    {
      if (local == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  g_set_error (error, LK_ERROR, LK_ERROR_PURGED,
               "Image %s was purged on %.10s by %s under the retention rule “%s”; its record and "
               "SHA-256 are kept, its bytes are gone", sha256, purge.purged_at, purge.purged_by,
               purge.rule);
  if (error != NULL)
    lk_error_set_purge (*error, purge.purged_at, purge.rule);
  return FALSE;
}

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
  g_return_val_if_fail (lk_store_in_transaction (store), FALSE);

  data = g_bytes_get_data (bytes, &size);
  digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (!refuse_purged (store, digest, error))
    return FALSE;
  stmt = lk_store_stmt (store,
                        "INSERT INTO images (sha256, bytes, size, media_type, stored_at)"
                        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, digest);
  lk_stmt_bind_blob (stmt, 2, data, size);
  lk_stmt_bind_int64 (stmt, 3, (gint64) size);
  lk_stmt_bind_text (stmt, 4, media_type);
  lk_stmt_bind_text (stmt, 5, now);
  if (!lk_stmt_done (stmt, error))
    return FALSE;
  if (sha256 != NULL)
    *sha256 = g_steal_pointer (&digest);
  return TRUE;
}

static GBytes *
read_bytes (LkStore     *store,
            const char  *sha256,
            GError     **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT bytes FROM images WHERE sha256 = ?",
                                          error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_text (stmt, 1, sha256);
  if (!lk_stmt_row (stmt, error, "Image %s is not in the image store", sha256))
    return NULL;
  return lk_stmt_bytes (stmt, 0);
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

  if (!refuse_purged (store, sha256, error))
    return NULL;
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
