/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A probe's analysis as recorded: a draft while the examiner works (revision 0), or a locked
 * revision with its examiner, time, feature list and, for an amendment, the reason. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LK_TYPE_PROBE_ANALYSIS (lk_probe_analysis_get_type ())
G_DECLARE_FINAL_TYPE (LkProbeAnalysis, lk_probe_analysis, LK, PROBE_ANALYSIS, GObject)

/* 1 for the first locked analysis, one more for each amendment; 0 for a draft. */
int                 lk_probe_analysis_get_revision         (LkProbeAnalysis *self);
/* "suitable", "limited" or "not-suitable"; a draft may have none (NULL). */
const char         *lk_probe_analysis_get_suitability      (LkProbeAnalysis *self);
/* Ids of lk_vocabulary_factors () and of the feature list's components, NULL-terminated; NULL
 * when none were recorded. */
const char * const *lk_probe_analysis_get_factors          (LkProbeAnalysis *self);
const char * const *lk_probe_analysis_get_components       (LkProbeAnalysis *self);
const char         *lk_probe_analysis_get_notes            (LkProbeAnalysis *self);
/* For a locked revision (NULL for a draft): the feature list's edition, the examiner's user
 * name and the time of the lock (ISO 8601, UTC). */
const char         *lk_probe_analysis_get_feature_list     (LkProbeAnalysis *self);
const char         *lk_probe_analysis_get_examiner         (LkProbeAnalysis *self);
const char         *lk_probe_analysis_get_locked_at        (LkProbeAnalysis *self);
/* Why a revision after the first amends the one before; NULL otherwise. */
const char         *lk_probe_analysis_get_amendment_reason (LkProbeAnalysis *self);
/* The face of interest when it was locked, from 0; -1 for none. */
int                 lk_probe_analysis_get_face_index       (LkProbeAnalysis *self);

G_END_DECLS
