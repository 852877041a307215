/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One verification (the "V" of ACE-V) as a reviewer or the examiner may see it. While a blind
 * verification waits for the reviewer's own conclusion, the reviewer's copy carries nothing of
 * the first examiner's opinion (the level is NULL, has-opinion FALSE). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LK_TYPE_VERIFICATION (lk_verification_get_type ())
G_DECLARE_FINAL_TYPE (LkVerification, lk_verification, LK, VERIFICATION, GObject)

gint64      lk_verification_get_id                    (LkVerification *self);
/* The examination verified (the first examiner's) and its case, probe and candidate. */
gint64      lk_verification_get_examination_id        (LkVerification *self);
const char *lk_verification_get_case_number           (LkVerification *self);
gint64      lk_verification_get_probe_id              (LkVerification *self);
gint64      lk_verification_get_candidate_id          (LkVerification *self);
const char *lk_verification_get_subject_ref           (LkVerification *self);
/* "review" (the second person) or "third-review" (settles a disagreement). */
const char *lk_verification_get_stage                 (LkVerification *self);
/* Blind, or an open review (marked "open review" wherever it appears). */
gboolean    lk_verification_get_blind                 (LkVerification *self);
/* queued, assigned, consultation, countersigned, returned, referred, not-confirmed. */
const char *lk_verification_get_state                 (LkVerification *self);
/* A sentence for the state, e.g. "Awaiting a reviewer". */
const char *lk_verification_get_state_label           (LkVerification *self);
const char *lk_verification_get_examiner              (LkVerification *self);
const char *lk_verification_get_submitted_at          (LkVerification *self);
/* NULL while queued. */
const char *lk_verification_get_reviewer              (LkVerification *self);
const char *lk_verification_get_assigned_at           (LkVerification *self);
/* The reviewer's own examination; 0 until opened. */
gint64      lk_verification_get_review_examination_id (LkVerification *self);
/* Whether the reviewer's own conclusion is signed. */
gboolean    lk_verification_get_reviewer_signed       (LkVerification *self);
/* The revision of the examiner's conclusion under verification. */
int         lk_verification_get_conclusion_revision   (LkVerification *self);
/* The examiner's level as worded; NULL while hidden from the viewer. */
const char *lk_verification_get_examiner_level        (LkVerification *self);
/* When it ended (countersigned, returned, referred, decided); NULL while open. */
const char *lk_verification_get_closed_at             (LkVerification *self);
/* The verification a third review settles; 0 for a review. */
gint64      lk_verification_get_resolves              (LkVerification *self);

G_END_DECLS
