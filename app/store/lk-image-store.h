/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "store/lk-audit.h"
#include "store/lk-store.h"

G_BEGIN_DECLS

/* Stores @bytes under their SHA-256 (returned in @sha256, 64 lower-case hex digits). Storing the
 * same bytes twice is a no-op. Runs inside the caller's transaction. */
gboolean  lk_image_store_put (LkStore        *store,
                              GBytes         *bytes,
                              const char     *media_type,
                              char          **sha256,
                              GError        **error);

/* Returns the bytes stored under @sha256 after checking that they still hash to it. A mismatch
 * is an %LK_ERROR_INTEGRITY error naming the image, and an audit event "image.integrity-failure".
 * Must not run inside an open transaction (the alarm is committed on its own). */
GBytes   *lk_image_store_get (LkStore        *store,
                              const LkActor  *actor,
                              const char     *sha256,
                              GError        **error);

gboolean  lk_image_store_has (LkStore        *store,
                              const char     *sha256);

G_END_DECLS
