/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: the core builds candidate records from the rows it read, and shapes them
 * (presented place, hidden scores, a recorded triage) before handing them out. */
#pragma once

#include "lk-internal.h"
#include "candidates/lk-candidate.h"

G_BEGIN_DECLS

/* A candidate with its scores hidden (rank 0, score NAN) and no place yet. */
LkCandidate *lk_candidate_new            (gint64       id,
                                          gint64       list_id,
                                          const char  *subject_ref,
                                          const char  *image_sha256,
                                          const char  *triage_state,
                                          const char  *triage_reason);
LkCandidate *lk_candidate_copy           (LkCandidate *self);
void         lk_candidate_set_position   (LkCandidate *self,
                                          int          position);
/* Makes rank and score visible. */
void         lk_candidate_reveal         (LkCandidate *self,
                                          int          rank,
                                          double       score);
void         lk_candidate_hide_scores    (LkCandidate *self);
/* A blank reason is none. */
void         lk_candidate_set_triage     (LkCandidate *self,
                                          const char  *state,
                                          const char  *reason);

G_END_DECLS
