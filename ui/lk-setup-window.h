/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_SETUP_WINDOW (lk_setup_window_get_type ())
G_DECLARE_FINAL_TYPE (LkSetupWindow, lk_setup_window, LK, SETUP_WINDOW, AdwApplicationWindow)

/* First run: creates the administrator, logs them in and emits "logged-in" (LkSession *). */
LkSetupWindow *lk_setup_window_new (GtkApplication *app,
                                    LkStore        *store);

G_END_DECLS
