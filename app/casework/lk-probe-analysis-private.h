/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: analyses are read from the store, and written back as JSON for
 * `case show --json` from these records. */
#pragma once

#include <json-glib/json-glib.h>

#include "lk-internal.h"
#include "casework/lk-probe-analysis.h"
#include "store/lk-store-private.h"

G_BEGIN_DECLS

/* The columns lk_probe_analysis_new_from_row reads, in order, and the tables they come from. */
#define LK_PROBE_ANALYSIS_COLUMNS \
  "a.revision, a.suitability, a.factors, a.components, a.notes, a.feature_list, u.name," \
  " a.locked_at, a.amendment_reason, a.face_index" \
  " FROM analyses a JOIN users u ON u.id = a.examiner_id"

LkProbeAnalysis *lk_probe_analysis_new_from_row  (LkStmt          *stmt);
/* A draft from its stored content ({suitability, factors, components, notes}). */
LkProbeAnalysis *lk_probe_analysis_new_draft     (JsonObject      *content);
/* A locked revision as `case show --json` writes it. */
JsonObject      *lk_probe_analysis_to_json       (LkProbeAnalysis *self);

G_END_DECLS
