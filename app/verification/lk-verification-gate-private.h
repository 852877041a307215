/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: the rules of verification that the rest of the core applies, kept apart
 * from the verification workflow so that examinations, candidates, cases and the audit log can
 * ask without depending on it.
 *
 * Blind rule: while a reviewer's own conclusion in a blind verification is not signed, the
 * core hands that reviewer nothing of the first examiner's work on the probe (examinations,
 * observations, annotations, conclusions, triage decisions and reasons, scores, ranks,
 * positions in the list, other candidates) and no audit events. */
#pragma once

#include "lk-internal.h"
#include "people/lk-roles.h"
#include "store/lk-store-private.h"

G_BEGIN_DECLS

/* The role that works on an examination of @purpose ("examination" or "verification"). */
LkRoles   lk_verification_worker_role      (const char  *purpose);

/* For the reviewer's own examination (purpose "verification") of @examination_id: refuses
 * unless its verification is assigned to @user_id and still waits for the reviewer's
 * conclusion or comparison. Examinations of purpose "examination" pass. */
gboolean  lk_verification_check_work_open  (LkStore     *store,
                                            gint64       examination_id,
                                            const char  *purpose,
                                            gint64       user_id,
                                            GError     **error);

/* The candidate the blind gate leaves open to @user_id on @probe_id: > 0 while the gate is
 * closed (that candidate only), 0 when it is open, -1 with @error on a database error. */
gint64    lk_verification_blind_candidate  (LkStore     *store,
                                            gint64       user_id,
                                            gint64       probe_id,
                                            GError     **error);
/* Refuses (LK_ERROR_PERMISSION_DENIED) what the blind gate hides: anything of @probe_id but
 * @candidate_id (0: anything at all) while closed. @what names it in the message. */
gboolean  lk_verification_require_unblinded (LkStore    *store,
                                             gint64      user_id,
                                             gint64      probe_id,
                                             gint64      candidate_id,
                                             const char *what,
                                             GError    **error);
/* Refuses while @user_id has any blind verification whose own conclusion is unsigned (the
 * audit log would tell them the first examiner's work). */
gboolean  lk_verification_require_no_blind_work (LkStore    *store,
                                                 gint64      user_id,
                                                 const char *what,
                                                 GError    **error);

/* Refuses (LK_ERROR_REFUSED) closing case @case_id while a signed conclusion of an
 * examination is not verified: each examination's latest conclusion needs a countersigned
 * verification, or a third reviewer's final decision. */
gboolean  lk_verification_check_case_verified (LkStore   *store,
                                               gint64     case_id,
                                               GError   **error);
/* Refuses (LK_ERROR_REFUSED) a new conclusion revision of @examination_id while one of its
 * verifications is open: the reviewer verifies the revision submitted. */
gboolean  lk_verification_check_not_in_review (LkStore   *store,
                                               gint64     examination_id,
                                               GError   **error);
/* Refuses (LK_ERROR_REFUSED) releasing the conclusion of @examination_id as a lead unless its
 * latest revision is countersigned. */
gboolean  lk_verification_require_lead     (LkStore     *store,
                                            gint64       examination_id,
                                            GError     **error);

G_END_DECLS
