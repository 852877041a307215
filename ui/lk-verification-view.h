/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_VERIFICATION_VIEW (lk_verification_view_get_type ())
G_DECLARE_FINAL_TYPE (LkVerificationView, lk_verification_view, LK, VERIFICATION_VIEW, AdwBin)

/* One verification as the acting user may see it. For its reviewer before their own conclusion
 * is signed: the blind banner and "Open My Examination" (signal "open-examination", gint64 the
 * reviewer's examination id), nothing of the first examiner's work. For the examiner, "Open the
 * Examination" opens theirs (to reopen it after a return). Once signed: both opinions
 * side by side with the differing characteristics marked in words, the agreement verdict and
 * its rule, and the reviewer's actions (verification.countersign, verification.disagree);
 * during a consultation, verification.consult for the examiner and the reviewer. Emits
 * "changed" after each signature. */
LkVerificationView *lk_verification_view_new     (LkSession          *session,
                                                  gint64              verification_id,
                                                  GError            **error);
gint64              lk_verification_view_get_id  (LkVerificationView *self);
/* Reads the verification again (after the reviewer signed their conclusion, say). */
void                lk_verification_view_reload  (LkVerificationView *self);

G_END_DECLS
