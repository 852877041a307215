/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_POLICY_DIALOG (lk_policy_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LkPolicyDialog, lk_policy_dialog, LK, POLICY_DIALOG, AdwWindow)

/* Changes the policy setting @key with a reason (administrators). The value is entered as the
 * setting needs: a drop-down for the conclusion scale, a switch for showing scores, a check per
 * probe kind for the refused kinds, else text. Emits "done" (the key) after the change, then
 * closes; when the core refuses the value or the reason, the dialog stays open and says why.
 * NULL with @error when the current value cannot be read. */
LkPolicyDialog *lk_policy_dialog_new (LkSession   *session,
                                      const char  *key,
                                      GError     **error);

G_END_DECLS
