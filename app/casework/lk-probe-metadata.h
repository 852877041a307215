/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a probe's EXIF, IPTC and XMP metadata say, as read at intake: the summary the examiner
 * weighs (camera, capture time, place, orientation, editing software) and every tag. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LK_TYPE_PROBE_METADATA (lk_probe_metadata_get_type ())
G_DECLARE_FINAL_TYPE (LkProbeMetadata, lk_probe_metadata, LK, PROBE_METADATA, GObject)

/* Whether the image carries any tag. */
gboolean    lk_probe_metadata_get_present            (LkProbeMetadata *self);
/* Why the metadata could not be read, or NULL. */
const char *lk_probe_metadata_get_read_error         (LkProbeMetadata *self);
/* The summary; each NULL when the image does not say. */
const char *lk_probe_metadata_get_camera_make        (LkProbeMetadata *self);
const char *lk_probe_metadata_get_camera_model       (LkProbeMetadata *self);
const char *lk_probe_metadata_get_lens               (LkProbeMetadata *self);
/* ISO 8601, and the tag it was read from. */
const char *lk_probe_metadata_get_captured_at        (LkProbeMetadata *self);
const char *lk_probe_metadata_get_captured_at_source (LkProbeMetadata *self);
const char *lk_probe_metadata_get_software           (LkProbeMetadata *self);
/* Whether the software is known editing software, and why it was flagged. */
gboolean    lk_probe_metadata_get_editing_software_flagged (LkProbeMetadata *self);
const char *lk_probe_metadata_get_editing_software_reason  (LkProbeMetadata *self);
/* The EXIF orientation, 1 (upright) to 8; 0 when the image does not say. */
int         lk_probe_metadata_get_orientation        (LkProbeMetadata *self);
/* The GPS position in degrees, when there is one. */
gboolean    lk_probe_metadata_get_has_gps            (LkProbeMetadata *self);
double      lk_probe_metadata_get_latitude           (LkProbeMetadata *self);
double      lk_probe_metadata_get_longitude          (LkProbeMetadata *self);
/* Every tag, a GListModel of LkMetadataTag in name order. */
GListModel *lk_probe_metadata_get_tags               (LkProbeMetadata *self);

G_END_DECLS
