/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_VERIFICATION_DIALOG (lk_verification_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LkVerificationDialog, lk_verification_dialog, LK, VERIFICATION_DIALOG,
                      AdwWindow)

typedef enum
{
  LK_VERIFICATION_DIALOG_COUNTERSIGN,
  LK_VERIFICATION_DIALOG_DISAGREE,
  LK_VERIFICATION_DIALOG_CONSULT,
} LkVerificationDialogMode;

/* Signs one step of a verification with the user's password, off the main loop: the
 * reviewer's countersignature (an optional note), a disagreement (a resolution and a required
 * note) or a consultation note (required). Stays open on a refusal, to try again; emits
 * "signed" and closes once the core has recorded it. */
LkVerificationDialog *lk_verification_dialog_new (LkSession                *session,
                                                  LkVerification           *verification,
                                                  LkVerificationDialogMode  mode);

G_END_DECLS
