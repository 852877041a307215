/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_WINDOW (lk_window_get_type ())
G_DECLARE_FINAL_TYPE (LkWindow, lk_window, LK, WINDOW, AdwApplicationWindow)

/* The main window of a logged-in session. Emits "logged-out" (const char *reason or NULL) when
 * the session ends other than by closing the window. */
LkWindow  *lk_window_new            (GtkApplication *app,
                                     LkSession      *session);
LkSession *lk_window_get_session    (LkWindow       *self);
void       lk_window_show_page      (LkWindow       *self,
                                     const char     *name);
/* Seconds without input before the session locks (from the idle-lock-minutes setting). */
guint      lk_window_get_idle_seconds (LkWindow     *self);
void       lk_window_set_idle_seconds (LkWindow     *self,
                                       guint         seconds);

G_END_DECLS
