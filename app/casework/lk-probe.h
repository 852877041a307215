/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A probe as the probe page reads it: the image and its integrity hash, provenance, metadata,
 * the faces found at intake, the face of interest with its quality readout, where the probe
 * stands, and its analysis with every revision. */
#pragma once

#include <gio/gio.h>

#include "casework/lk-metadata-tag.h"
#include "casework/lk-probe-analysis.h"
#include "casework/lk-probe-face.h"
#include "casework/lk-probe-metadata.h"
#include "casework/lk-quality-measure.h"

G_BEGIN_DECLS

#define LK_TYPE_PROBE (lk_probe_get_type ())
G_DECLARE_FINAL_TYPE (LkProbe, lk_probe, LK, PROBE, GObject)

gint64           lk_probe_get_id            (LkProbe *self);
/* The number of the case it belongs to. */
const char      *lk_probe_get_case_number   (LkProbe *self);
/* Its number within that case, from 1, in the order of intake ("Probe 1 of case ..."). */
guint            lk_probe_get_number        (LkProbe *self);
const char      *lk_probe_get_sha256        (LkProbe *self);
const char      *lk_probe_get_file_name     (LkProbe *self);
const char      *lk_probe_get_media_type    (LkProbe *self);
int              lk_probe_get_width         (LkProbe *self);
int              lk_probe_get_height        (LkProbe *self);
/* "awaiting-analysis", "analysed" or "not-suitable". */
const char      *lk_probe_get_status        (LkProbe *self);

/* Provenance, as given at intake (see LkProvenance). */
const char      *lk_probe_get_source_type   (LkProbe *self);
const char      *lk_probe_get_kind          (LkProbe *self);
const char      *lk_probe_get_acquired_by   (LkProbe *self);
const char      *lk_probe_get_acquired_at   (LkProbe *self);
const char      *lk_probe_get_authority     (LkProbe *self);
const char      *lk_probe_get_custody_note  (LkProbe *self);
gboolean         lk_probe_get_simulated     (LkProbe *self);
/* Who imported it (user name) and when (ISO 8601, UTC). */
const char      *lk_probe_get_imported_by   (LkProbe *self);
const char      *lk_probe_get_imported_at   (LkProbe *self);

LkProbeMetadata *lk_probe_get_metadata      (LkProbe *self);
/* The faces found at intake: a GListModel of LkProbeFace. */
GListModel      *lk_probe_get_faces         (LkProbe *self);
/* The face of interest, from 0; -1 while none is chosen. */
int              lk_probe_get_face_index    (LkProbe *self);
/* The quality readout of the face of interest: a GListModel of LkQualityMeasure, empty while
 * no face is chosen or when the face was not measured. */
GListModel      *lk_probe_get_quality       (LkProbe *self);
/* The latest locked revision of the analysis, or NULL before the lock. */
LkProbeAnalysis *lk_probe_get_analysis      (LkProbe *self);
/* Every locked revision, oldest first: a GListModel of LkProbeAnalysis. */
GListModel      *lk_probe_get_revisions     (LkProbe *self);

G_END_DECLS
