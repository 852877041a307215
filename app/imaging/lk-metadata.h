/* SPDX-License-Identifier: GPL-3.0-or-later */
/* EXIF, IPTC and XMP of an image (through gexiv2), as shown in the metadata panel. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Returns a JSON object (never NULL for a readable image; an image without metadata gives an
 * object with "present": false). Members, each only when known:
 *   present (bool), camera_make, camera_model, lens, captured_at (ISO 8601 as written, with
 *   "captured_at_source" naming the tag), software, editing_software_flagged (bool, with
 *   "editing_software_reason"), gps {latitude, longitude, altitude} (degrees, metres),
 *   orientation (int), exif_width, exif_height, and "tags": an object of every tag name to
 *   its interpreted string value (values cut at 1024 characters, at most 2000 tags). */
JsonObject *lk_metadata_read (GBytes   *bytes,
                              GError  **error);

G_END_DECLS
