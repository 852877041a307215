/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_EVALUATE_DIALOG (lk_evaluate_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LkEvaluateDialog, lk_evaluate_dialog, LK, EVALUATE_DIALOG, AdwWindow)

/* The Evaluate step: propositions, the level on the policy's scale, reasoning and limitations;
 * consistency warnings to acknowledge in writing; then signing with the password. With
 * @amends a reason is asked for and the new conclusion becomes a revision. Emits "signed"
 * (gint64 conclusion id). */
LkEvaluateDialog *lk_evaluate_dialog_new (LkSession  *session,
                                          gint64      examination_id,
                                          gboolean    amends,
                                          GError    **error);

G_END_DECLS
