/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "store/lk-audit.h"
#include "store/lk-store.h"

G_BEGIN_DECLS

/* Stores @bytes under their SHA-256 (returned in @sha256, 64 lower-case hex digits). Storing the
 * same bytes twice is a no-op; bytes that were purged under the retention policy are refused
 * (%LK_ERROR_PURGED): what was purged does not come back. Runs inside the caller's transaction. */
gboolean  lk_image_store_put (LkStore        *store,
                              GBytes         *bytes,
                              const char     *media_type,
                              char          **sha256,
                              GError        **error);

/* Returns the bytes stored under @sha256 after checking that they still hash to it. A mismatch
 * is an %LK_ERROR_INTEGRITY error naming the image, and an audit event "image.integrity-failure".
 * Must not run inside an open transaction (the alarm is committed on its own). Bytes purged
 * under the retention policy are an %LK_ERROR_PURGED error saying when and under which rule. */
GBytes   *lk_image_store_get (LkStore        *store,
                              const LkActor  *actor,
                              const char     *sha256,
                              GError        **error);

/* What a retention purge left of an image: the record, its SHA-256, and who purged it when
 * under which rule. */
typedef struct
{
  char   *purged_at;
  char   *purged_by;  /* the user name */
  char   *rule;       /* the retention rule, e.g. "closed-case" */
  gint64  run_id;
  gint64  size;       /* the size the bytes had */
} LkImagePurge;

void      lk_image_purge_clear (LkImagePurge *purge);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkImagePurge, lk_image_purge_clear)

/* TRUE (filling @purge when not NULL) when the bytes of @sha256 were purged; FALSE when they
 * are kept or on a failed read (@error set). */
gboolean  lk_image_store_purged (LkStore       *store,
                                 const char    *sha256,
                                 LkImagePurge  *purge,
                                 GError       **error);

G_END_DECLS
