/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_CANDIDATE_ITEM (lk_candidate_item_get_type ())
G_DECLARE_FINAL_TYPE (LkCandidateItem, lk_candidate_item, LK, CANDIDATE_ITEM, GObject)

/* One candidate as the triage grid shows it: the core's record (rank and score only when
 * revealed, property "candidate") and its thumbnail once loaded. */
LkCandidateItem *lk_candidate_item_new           (LkCandidate     *candidate);
LkCandidate     *lk_candidate_item_get_candidate (LkCandidateItem *self);
gint64           lk_candidate_item_get_id        (LkCandidateItem *self);
GdkPaintable    *lk_candidate_item_get_thumbnail (LkCandidateItem *self);
void             lk_candidate_item_set_thumbnail (LkCandidateItem *self,
                                                  GdkPaintable    *thumbnail);
/* Why the thumbnail cannot be shown (property "problem", and "has-problem"): the image was
 * purged, or could not be read or decoded; NULL while it can. */
const char      *lk_candidate_item_get_problem   (LkCandidateItem *self);
void             lk_candidate_item_set_problem   (LkCandidateItem *self,
                                                  const char      *problem);
/* After the core recorded a decision: the record it returned (lk_candidates_triage). */
void             lk_candidate_item_set_candidate (LkCandidateItem *self,
                                                  LkCandidate     *candidate);

G_END_DECLS
