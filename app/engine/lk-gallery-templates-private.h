/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Templates are engine data, apart from images: what retention needs to know of them and how
 * they go with their image. The only place outside enrolment and search that names their
 * storage. */
#pragma once

#include "lk-internal.h"

#include "store/lk-store.h"

G_BEGIN_DECLS

/* The templates of gallery image @image_id: how many and their size in bytes. */
gboolean lk_gallery_templates_count (LkStore  *store,
                                     gint64    image_id,
                                     gint64   *n,
                                     gint64   *bytes,
                                     GError  **error);
/* All templates of every gallery (@image_id 0) with their size, for the retention page. */
gboolean lk_gallery_templates_total (LkStore  *store,
                                     gint64   *n,
                                     gint64   *bytes,
                                     GError  **error);
/* Deletes the templates of gallery image @image_id, whose image is purged; runs inside the
 * caller's transaction. The gallery's search cache sees the rows change and reloads. */
gboolean lk_gallery_templates_drop  (LkStore  *store,
                                     gint64    image_id,
                                     GError  **error);
/* Deletes the probe templates kept of image @sha256 (lk-probe-templates.h), whose image is
 * purged; runs inside the caller's transaction. */
gboolean lk_gallery_probe_templates_drop (LkStore     *store,
                                          const char  *sha256,
                                          GError     **error);

G_END_DECLS
