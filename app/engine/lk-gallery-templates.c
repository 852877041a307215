/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Gallery templates as retention sees them: counted, sized, and deleted with their image. */
#include "config.h"

#include "engine/lk-gallery-templates-private.h"
#include "engine/lk-gallery.h"
#include "engine/lk-probe-templates.h"
#include "store/lk-store-private.h"

static gboolean
count_rows (LkStore     *store,
            const char  *sql,
            gint64       image_id,
            gint64      *n,
            gint64      *bytes,
            GError     **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (image_id > 0)
    lk_stmt_bind_int64 (stmt, 1, image_id);
  if (!lk_stmt_row (stmt, error, "No template count"))
    return FALSE;
  *n = lk_stmt_int64 (stmt, 0);
  *bytes = lk_stmt_int64 (stmt, 1);
  return TRUE;
}

gboolean
lk_gallery_templates_count (LkStore  *store,
                            gint64    image_id,
                            gint64   *n,
                            gint64   *bytes,
                            GError  **error)
{
  g_return_val_if_fail (image_id > 0, FALSE);
  return count_rows (store, "SELECT count (*), coalesce (sum (length (vector)), 0)"
                            " FROM templates WHERE image_id = ?", image_id, n, bytes, error);
}

gboolean
lk_gallery_templates_total (LkStore  *store,
                            gint64   *n,
                            gint64   *bytes,
                            GError  **error)
{
  return count_rows (store, "SELECT count (*), coalesce (sum (length (vector)), 0)"
                            " FROM templates", 0, n, bytes, error);
}

/* The templates go with their rows in the scan stores (lk_gallery_delete_template_for_image),
 * so that no biometric code of a purged image outlives it until the next search. */
gboolean
lk_gallery_templates_drop (LkStore  *store,
                           gint64    image_id,
                           GError  **error)
{
  g_return_val_if_fail (lk_store_in_transaction (store), FALSE);

  return lk_gallery_delete_template_for_image (store, image_id, error);
}

gboolean
lk_gallery_probe_templates_drop (LkStore     *store,
                                 const char  *sha256,
                                 GError     **error)
{
  return lk_probe_templates_drop (store, sha256, error);
}
