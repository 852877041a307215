/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_CANDIDATES_PAGE (lk_candidates_page_get_type ())
G_DECLARE_FINAL_TYPE (LkCandidatesPage, lk_candidates_page, LK, CANDIDATES_PAGE, AdwBin)

/* Triage of a probe's candidates: a thumbnail grid with hidden scores. Actions:
 * triage.import, triage.search, triage.shuffle, triage.reveal, triage.retain,
 * triage.eliminate, triage.examine, triage.reload. Keys: R retain, E eliminate, Enter examine.
 * Signals: "changed", "examine" (gint64 candidate id of a retained candidate). */
LkCandidatesPage *lk_candidates_page_new          (LkSession        *session,
                                                   gint64            probe_id);
GListModel       *lk_candidates_page_get_model    (LkCandidatesPage *self);
void              lk_candidates_page_reload       (LkCandidatesPage *self);
void              lk_candidates_page_select       (LkCandidatesPage *self,
                                                   guint             position);
/* Opens the import dialog for the candidate list @file, as choosing it in triage.import does. */
void              lk_candidates_page_import_file  (LkCandidatesPage *self,
                                                   GFile            *file);

G_END_DECLS
