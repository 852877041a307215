/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One candidate of a list as a view may show it: its place in the presented order, the subject
 * and image it names and its triage; its rank and score only when revealed (or when policy
 * shows them). Read-only: only the core makes these (lk_candidates_for_probe,
 * lk_examinations_retained, lk_candidates_triage). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LK_TYPE_CANDIDATE (lk_candidate_get_type ())
G_DECLARE_FINAL_TYPE (LkCandidate, lk_candidate, LK, CANDIDATE, GObject)

gint64      lk_candidate_get_id             (LkCandidate *self);
gint64      lk_candidate_get_list_id        (LkCandidate *self);
/* 1-based place in the order in which the list is presented. */
int         lk_candidate_get_position       (LkCandidate *self);
const char *lk_candidate_get_subject_ref    (LkCandidate *self);
const char *lk_candidate_get_image_sha256   (LkCandidate *self);
/* "not-reviewed", "retained" or "eliminated"; the reason of an elimination, else NULL. */
const char *lk_candidate_get_triage_state   (LkCandidate *self);
const char *lk_candidate_get_triage_reason  (LkCandidate *self);
/* Whether rank and score are shown to the reader; when not, rank is 0 and score NAN. */
gboolean    lk_candidate_get_scores_visible (LkCandidate *self);
int         lk_candidate_get_rank           (LkCandidate *self);
double      lk_candidate_get_score          (LkCandidate *self);

G_END_DECLS
