/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: the candidate lists of a case as JSON, read in one place for
 * `case show --json` and the examination report. */
#pragma once

#include <json-glib/json-glib.h>

#include "lk-internal.h"
#include "store/lk-store-private.h"

G_BEGIN_DECLS

/* Every candidate list of the probes of case @case_id, oldest first: "id", "probe", the
 * provenance ("engine", "engine_version", "database", "legal_basis", "held_by", "threshold",
 * "max_candidates", "list_length", "performed_at", "search_ms", "source_format",
 * "source_sha256", "imported_by", "imported_at"), "shuffled" (whether it has been presented
 * shuffled), "reveals" (each score reveal: "by", "at", "reason") and "candidates" in rank order
 * (each "id", "rank", "score", "subject_ref", "image_sha256" and its triage: "triage_state",
 * "triage_reason", "triage_by", "triage_at"). Ranks and scores included: the caller decides
 * what its reader may see. */
JsonArray *lk_candidate_lists_read            (LkStore     *store,
                                               gint64       case_id,
                                               GError     **error);
/* Sets @visible to whether @user_id sees the scores (and ranks) of list @list_id: by policy
 * ("show_scores"), or after a reveal of their own. FALSE only on a database error. */
gboolean   lk_candidate_lists_scores_visible  (LkStore     *store,
                                               gint64       list_id,
                                               gint64       user_id,
                                               gboolean    *visible,
                                               GError     **error);
/* Adds to each probe object (with its "id" and "status") of @probes what @viewer_id may see
 * of its lists: "candidate_lists", with ranks and scores only where they are visible to the
 * viewer (the candidates then in order of subject reference); or, while the probe is masked
 * or the viewer's blind verification of it waits for their own conclusion,
 * "candidate_lists_withheld" saying why. */
gboolean   lk_candidate_lists_add_case_json   (LkStore     *store,
                                               gint64       case_id,
                                               gint64       viewer_id,
                                               JsonArray   *probes,
                                               GError     **error);

G_END_DECLS
