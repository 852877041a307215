/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_USER_DIALOG (lk_user_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LkUserDialog, lk_user_dialog, LK, USER_DIALOG, AdwWindow)

/* Each emits "done" (const char *message for a toast) after a successful change, then closes. */
LkUserDialog *lk_user_dialog_new_add            (LkSession    *session);
LkUserDialog *lk_user_dialog_new_edit_roles     (LkSession    *session,
                                                 const LkUser *user);
LkUserDialog *lk_user_dialog_new_reset_password (LkSession    *session,
                                                 const LkUser *user);

G_END_DECLS
