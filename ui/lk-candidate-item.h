/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_CANDIDATE_ITEM (lk_candidate_item_get_type ())
G_DECLARE_FINAL_TYPE (LkCandidateItem, lk_candidate_item, LK, CANDIDATE_ITEM, GObject)

/* One candidate as the triage grid shows it: what the core handed out (rank and score only when
 * revealed) and its thumbnail once loaded. */
LkCandidateItem   *lk_candidate_item_new           (const LkCandidate *candidate);
const LkCandidate *lk_candidate_item_get_candidate (LkCandidateItem   *self);
gint64             lk_candidate_item_get_id        (LkCandidateItem   *self);
GdkPaintable      *lk_candidate_item_get_thumbnail (LkCandidateItem   *self);
void               lk_candidate_item_set_thumbnail (LkCandidateItem   *self,
                                                    GdkPaintable      *thumbnail);
/* The thumbnail could not be made: the tile says why ("Image purged on 2027-01-20 under rule
 * “candidate”" for a purge), as "image-note" with "image-missing" TRUE. */
void               lk_candidate_item_set_image_error (LkCandidateItem *self,
                                                      const GError    *error);
const char        *lk_candidate_item_get_image_note  (LkCandidateItem *self);
void               lk_candidate_item_update        (LkCandidateItem   *self,
                                                    const LkCandidate *candidate);
/* After the core recorded a triage decision: the item's own copy of the state and reason. */
void               lk_candidate_item_set_triage    (LkCandidateItem   *self,
                                                    const char        *state,
                                                    const char        *reason);

G_END_DECLS
