/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_CASE_DIALOG (lk_case_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LkCaseDialog, lk_case_dialog, LK, CASE_DIALOG, AdwWindow)

/* The new-case form. Emits "created" (const char *case number) and closes on success. */
LkCaseDialog *lk_case_dialog_new (LkSession *session);

G_END_DECLS
