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
/* The same for a database file not made yet: it is created (with LK_STORE_OPEN_CREATE) only
 * when the administrator is, so that choosing a lab server instead creates nothing here. The
 * store is lk_session_get_store() of the session "logged-in" gives. */
LkSetupWindow *lk_setup_window_new_for_location (GtkApplication *app,
                                                 const char     *location);

G_END_DECLS
