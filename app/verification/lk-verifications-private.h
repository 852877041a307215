/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: what lk-verifications.c shares with lk-verification-outcome.c and
 * lk-verifications-json.c. */
#pragma once

#include "lk-internal.h"
#include "store/lk-audit.h"
#include "store/lk-store-private.h"
#include "verification/lk-verification-private.h"
#include "verification/lk-verifications.h"

G_BEGIN_DECLS

/* A verification read for a change, with what the rules need. */
typedef struct
{
  LkVerification *record;
  gint64          case_id;
  char           *case_status;
  gint64          conclusion_id;
} LkVerificationRow;

void      lk_verification_row_clear   (LkVerificationRow *row);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkVerificationRow, lk_verification_row_clear)

gboolean  lk_verification_row_read    (LkStore            *store,
                                       gint64              verification_id,
                                       gint64              viewer_id,
                                       LkVerificationRow  *row,
                                       GError            **error);
/* Who may see a verification at all: its reviewer, the examiner, an administrator. */
gboolean  lk_verification_check_viewer (LkSession         *session,
                                        LkVerification    *record,
                                        GError           **error);
/* Moves case @case_id from @from to @to when it is there, with a history row and audit event. */
gboolean  lk_verification_move_case   (LkStore            *store,
                                       const LkActor      *actor,
                                       gint64              user_id,
                                       gint64              case_id,
                                       const char         *from,
                                       const char         *to,
                                       const char         *reason,
                                       GError            **error);
/* Closes the case when it is in verification and every conclusion is verified. */
gboolean  lk_verification_close_if_done (LkStore          *store,
                                         const LkActor    *actor,
                                         gint64            user_id,
                                         gint64            case_id,
                                         GError          **error);

/* For `case show --json`: in each probe object of @probes, each examination gets its
 * "verifications" (with reviewer, blind, outcome, signed_at and the signatures); a probe under
 * @viewer_id's unsigned blind verification loses its examinations and says so. */
gboolean  lk_verifications_add_case_json (LkStore         *store,
                                          gint64           viewer_id,
                                          JsonArray       *probes,
                                          GError         **error);

/* The SHA-256 a signed verification record (countersignature, disagreement, consultation
 * note) is stored and audited with. */
char     *lk_verification_signature_sha256 (gint64       verification_id,
                                            gint64       conclusion_id,
                                            const char  *kind,
                                            const char  *resolution,
                                            const char  *note,
                                            const char  *signer,
                                            const char  *signed_at);
/* Adds to @mismatches (of LkAuditMismatch) each signed verification record whose content no
 * longer hashes to the "sha256" of its signing event. */
gboolean  lk_verifications_check_signed    (LkStore     *store,
                                            GPtrArray   *mismatches,
                                            GError     **error);

G_END_DECLS
