/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: where a candidate stands, triage checks, reference databases and list writes. */
#pragma once

#include "lk-internal.h"
#include "candidates/lk-candidates.h"
#include "casework/lk-probes-private.h"
#include "store/lk-store-private.h"

G_BEGIN_DECLS

/* where a candidate stands (its list, probe, image, triage state and case). */
typedef struct
{
  gint64  list_id;
  gint64  probe_id;
  char   *sha256;
  char   *state;
  char   *case_number;
  char   *case_status;
} LkCandidatePlace;

void        lk_candidate_place_clear    (LkCandidatePlace *place);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkCandidatePlace, lk_candidate_place_clear)
gboolean    lk_candidates_read_place    (LkStore           *store,
                                         gint64             candidate_id,
                                         LkCandidatePlace  *place,
                                         GError           **error);

/* every candidate of the case's lists (of probes not closed as not suitable) has a
 * triage state other than not-reviewed. */
gboolean    lk_candidates_check_triaged (LkStore      *store,
                                         gint64        case_id,
                                         GError      **error);
/* writes a validated list, its images and candidates (display order = rank) inside
 * the caller's transaction and returns the list id; @search_ms < 0 when unknown. The caller
 * checks the probe and writes the audit event. */
gint64      lk_candidates_insert_list   (LkStore                *store,
                                         gint64                  probe_id,
                                         gint64                  reference_db_id,
                                         const LkCandidateList  *list,
                                         double                  search_ms,
                                         gint64                  user_id,
                                         GError                **error);

/* Lists arrive, and triage happens, only while the probe's analysis is locked and the case is
 * in analysis or examination; @what names the refused action. */
gboolean    lk_candidates_check_case_open (const LkProbePlace  *info,
                                           const char          *what,
                                           GError             **error);

G_END_DECLS
