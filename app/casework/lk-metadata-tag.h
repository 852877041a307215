/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One EXIF, IPTC or XMP tag of a probe as intake read it: its full name and its value as text
 * (long values cut at intake). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LK_TYPE_METADATA_TAG (lk_metadata_tag_get_type ())
G_DECLARE_FINAL_TYPE (LkMetadataTag, lk_metadata_tag, LK, METADATA_TAG, GObject)

/* "Exif.Image.Make" */
const char *lk_metadata_tag_get_name  (LkMetadataTag *self);
const char *lk_metadata_tag_get_value (LkMetadataTag *self);

G_END_DECLS
