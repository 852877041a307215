/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: the gate of sequential unmasking, and the check before a case moves on. */
#pragma once

#include "lk-internal.h"
#include "casework/lk-analysis.h"
#include "store/lk-store-private.h"

G_BEGIN_DECLS

/* The gate of sequential unmasking: every function that hands out a candidate image,
 * thumbnail, rank or score for a probe calls this first. Fails with LK_ERROR_MASKED until the
 * probe's analysis is locked, and for a probe closed as not suitable. */
gboolean    lk_analysis_require_unmasked (LkSession           *session,
                                          gint64               probe_id,
                                          GError             **error);
/* Every probe of the case is analysed (locked, or closed as not suitable). */
gboolean    lk_analysis_check_all_done   (LkStore             *store,
                                          gint64               case_id,
                                          GError             **error);

/* Adds to @mismatches (of LkAuditMismatch) each locked analysis that no longer matches the
 * details of the event that locked or amended it. */
gboolean    lk_analysis_check_locked     (LkStore             *store,
                                          GPtrArray           *mismatches,
                                          GError             **error);

G_END_DECLS
