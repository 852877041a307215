/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: how a probe summary is read from the store. */
#pragma once

#include "lk-internal.h"
#include "casework/lk-probe-private.h"
#include "casework/lk-probe-summary.h"
#include "store/lk-store-private.h"

G_BEGIN_DECLS

/* The columns lk_probe_summary_new_from_row reads, in order, and the table they come from. The
 * counts are of the examiners' examinations, not the reviewers' own. */
#define LK_PROBE_SUMMARY_COLUMNS \
  "p.id, p.file_name, p.source_type, p.kind, p.width, p.height, p.image_sha256, p.status," \
  " p.simulated, (SELECT count(*) FROM examinations e WHERE e.probe_id = p.id" \
  "  AND e.purpose = 'examination')," \
  " (SELECT count(*) FROM examinations e WHERE e.probe_id = p.id AND e.purpose = 'examination'" \
  "  AND EXISTS (SELECT 1 FROM conclusions k WHERE k.examination_id = e.id))," \
  " " LK_PROBE_NUMBER_IN_CASE \
  " FROM probes p"

LkProbeSummary *lk_probe_summary_new_from_row (LkStmt *stmt);

G_END_DECLS
