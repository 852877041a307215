/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_LOGIN_WINDOW (lk_login_window_get_type ())
G_DECLARE_FINAL_TYPE (LkLoginWindow, lk_login_window, LK, LOGIN_WINDOW, AdwApplicationWindow)

/* Emits "logged-in" (LkSession *) once the password is checked. */
LkLoginWindow *lk_login_window_new         (GtkApplication *app,
                                            LkStore        *store);
void           lk_login_window_set_message (LkLoginWindow *self,
                                            const char    *message);

G_END_DECLS
