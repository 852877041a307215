/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Peer review sign-off: nothing leaves Likeness as a lead unless two competent people agree.
 *
 * The examiner submits a signed conclusion; an administrator assigns a reviewer or a reviewer
 * takes it from the queue (never one who examined the case, never without the reviewer role
 * or a current reviewer competency record). Conclusions whose side of the scale is in policy
 * blind_verification_levels are verified blind: the reviewer examines the same probe and
 * candidate independently and signs their own conclusion before the core hands them anything
 * of the first examiner's work. Then both opinions are compared; agreement under policy
 * verification_agreement lets the reviewer countersign, disagreement needs a resolution:
 * return to the examiner (who may reopen the examination as a new revision and amend), a
 * consultation note by both, or a third reviewer whose decision is final. Every opinion stays
 * on record, signed with a password and hashed; a completed verification never changes. The
 * case moves to verification when all its work is submitted and closes when all is verified.
 * Every step is audited. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "people/lk-session.h"
#include "verification/lk-verification.h"
#include "verification/lk-verification-comparison.h"
#include "verification/lk-verification-signature.h"

G_BEGIN_DECLS

/* Resolutions of a disagreement. "final" is the third reviewer's: the conclusion is not
 * confirmed and cannot leave as a lead. */
const char * const *lk_verification_resolutions (void); /* return, consult, third-reviewer,
                                                         * final */

/* The examiner submits the latest signed conclusion of their examination. Refused while one is
 * open for it, for an examination already verified, and for a returned conclusion not amended
 * since. A return sends the next submission straight back to the same reviewer. Returns the
 * verification id. Audited as verification.submitted. */
gint64      lk_verifications_submit       (LkSession    *session,
                                           gint64        examination_id,
                                           GError      **error);
/* An administrator assigns a queued verification (or reassigns one whose reviewer has not
 * opened it yet) to @reviewer. Audited as verification.assigned. */
gboolean    lk_verifications_assign       (LkSession    *session,
                                           gint64        verification_id,
                                           const char   *reviewer,
                                           GError      **error);
/* A reviewer takes a queued verification. Audited as verification.assigned. */
gboolean    lk_verifications_take         (LkSession    *session,
                                           gint64        verification_id,
                                           GError      **error);

typedef enum
{
  LK_VERIFICATIONS_ALL,        /* administrators: every verification */
  LK_VERIFICATIONS_QUEUE,      /* queued ones the acting reviewer could take */
  LK_VERIFICATIONS_MINE,       /* assigned to the acting reviewer, open ones first */
  LK_VERIFICATIONS_SUBMITTED,  /* of the acting examiner's examinations */
} LkVerificationsFilter;

/* LkVerification records, newest first within open then completed. */
GListModel *lk_verifications_list         (LkSession              *session,
                                           LkVerificationsFilter   filter,
                                           GError                **error);
/* One verification as the acting user may see it: its reviewer, the examiner of the
 * examination, or an administrator. */
LkVerification *lk_verifications_get      (LkSession    *session,
                                           gint64        verification_id,
                                           GError      **error);
/* The verifications of an examination, open ones first, then newest first, for the examiner,
 * reviewers who already signed their own opinion and administrators. */
GListModel *lk_verifications_for_examination (LkSession *session,
                                              gint64     examination_id,
                                              GError   **error);

/* The reviewer opens their own examination of the same probe and candidate (purpose
 * "verification", blind as the verification) or gets the one already open; observations,
 * annotations, enhancements and the conclusion then work on it as for any examination.
 * Audited as examination.opened. */
gint64      lk_verifications_open         (LkSession    *session,
                                           gint64        verification_id,
                                           GError      **error);

/* Both opinions side by side with the differences, once the reviewer's own conclusion is
 * signed (an open review compares with the examiner's alone). For the reviewer, the examiner
 * and administrators. */
LkVerificationComparison *lk_verifications_compare (LkSession  *session,
                                                    gint64      verification_id,
                                                    GError    **error);

/* The reviewer countersigns: the opinions must agree under policy verification_agreement
 * (or a consultation must be on record, or it is an open review). Re-checks the password.
 * Audited as verification.countersigned; final. */
gboolean    lk_verifications_countersign  (LkSession    *session,
                                           gint64        verification_id,
                                           const char   *note,
                                           const char   *password,
                                           GError      **error);
/* The reviewer records a disagreement and its resolution (lk_verification_resolutions; "final"
 * only for a third reviewer) with a @note for the examiner. Re-checks the password. Audited as
 * verification.disagreed. */
gboolean    lk_verifications_disagree     (LkSession    *session,
                                           gint64        verification_id,
                                           const char   *resolution,
                                           const char   *note,
                                           const char   *password,
                                           GError      **error);
/* During a consultation, the examiner or the reviewer signs their note of it (once each).
 * Audited as verification.consulted. */
gboolean    lk_verifications_add_consultation_note (LkSession  *session,
                                                    gint64      verification_id,
                                                    const char *note,
                                                    const char *password,
                                                    GError    **error);
/* The three signatures above in a worker thread, for the UI: the password check must not block
 * the main loop. Each _finish returns TRUE on success. */
void        lk_verifications_countersign_async  (LkSession           *session,
                                                 gint64               verification_id,
                                                 const char          *note,
                                                 const char          *password,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean    lk_verifications_countersign_finish (GAsyncResult        *result,
                                                 GError             **error);
void        lk_verifications_disagree_async     (LkSession           *session,
                                                 gint64               verification_id,
                                                 const char          *resolution,
                                                 const char          *note,
                                                 const char          *password,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean    lk_verifications_disagree_finish    (GAsyncResult        *result,
                                                 GError             **error);
void        lk_verifications_add_consultation_note_async  (LkSession           *session,
                                                           gint64               verification_id,
                                                           const char          *note,
                                                           const char          *password,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean    lk_verifications_add_consultation_note_finish (GAsyncResult        *result,
                                                           GError             **error);

/* After a return, the examiner reopens the examination as a new revision: its annotations,
 * alignment and enhancements are kept as they were (the signed conclusion keeps its
 * observations), and the observations, annotations and enhancements can change again until the
 * amended conclusion is signed. Audited as examination.reopened. */
gboolean    lk_verifications_reopen       (LkSession    *session,
                                           gint64        examination_id,
                                           const char   *reason,
                                           GError      **error);

/* `verify show --json`: the verification, the signatures on record, and the comparison once
 * the viewer may see it (before a blind reviewer signs: their own work only). */
JsonObject *lk_verifications_show_json    (LkSession    *session,
                                           gint64        verification_id,
                                           GError      **error);
JsonObject *lk_verification_to_json       (LkVerification *verification);
/* The signatures of `verify show` as a GListModel of LkVerificationSignature, in the order they
 * were signed; the same gate and consultation events as lk_verifications_show_json. */
GListModel *lk_verifications_get_signatures (LkSession  *session,
                                             gint64      verification_id,
                                             GError    **error);

G_END_DECLS
