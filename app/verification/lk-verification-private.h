/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: verification records are read from the store only. */
#pragma once

#include "lk-internal.h"
#include "store/lk-store-private.h"
#include "verification/lk-verification.h"

G_BEGIN_DECLS

/* The columns lk_verification_from_row() reads, after "SELECT ", with the FROM clause; add a
 * WHERE clause over v (verifications), e (the examination), p (probe), k (candidate). */
#define LK_VERIFICATION_COLUMNS \
  "v.id, v.examination_id, c.number, e.probe_id, e.candidate_id, k.subject_ref, v.stage," \
  " v.blind, v.state, eu.name, v.submitted_at, ru.name, v.assigned_at," \
  " v.review_examination_id, EXISTS (SELECT 1 FROM conclusions rc" \
  "   WHERE rc.examination_id = v.review_examination_id), x.revision, x.level_label," \
  " v.closed_at, v.resolves, v.reviewer_id, e.examiner_id"
#define LK_VERIFICATION_FROM \
  " FROM verifications v JOIN examinations e ON e.id = v.examination_id" \
  " JOIN probes p ON p.id = e.probe_id JOIN cases c ON c.id = p.case_id" \
  " JOIN candidates k ON k.id = e.candidate_id JOIN users eu ON eu.id = e.examiner_id" \
  " LEFT JOIN users ru ON ru.id = v.reviewer_id JOIN conclusions x ON x.id = v.conclusion_id"
#define LK_VERIFICATION_SELECT LK_VERIFICATION_COLUMNS LK_VERIFICATION_FROM

/* A record from a row of LK_VERIFICATION_SELECT, as @viewer_id may see it: the examiner's level
 * is left out for a blind reviewer who has not signed. */
LkVerification *lk_verification_from_row     (LkStmt          *stmt,
                                              gint64           viewer_id);
gint64          lk_verification_reviewer_id  (LkVerification  *self);
gint64          lk_verification_examiner_id  (LkVerification  *self);

G_END_DECLS
