/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Real key presses for widget tests: the X server's XTEST extension makes the events, as a
 * keyboard would, and GTK receives them through its usual path (the window's shortcuts, key
 * bindings, focus moves). While a key is pressed the keyboard is grabbed for the test's window,
 * so that the other programs sharing the virtual display never receive it. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether keys can be pressed for @window (an X11 display with XTEST); otherwise NULL is
 * returned and @why says why, for g_test_skip. */
gboolean lk_test_keys_available (GtkWidget   *window,
                                 const char **why);
/* Presses and releases @keyval (with Control or Shift held when @modifiers says so) for
 * @window, and returns once GTK has handled the press: its effects are done. */
void     lk_test_press_key      (GtkWidget       *window,
                                 guint            keyval,
                                 GdkModifierType  modifiers);

G_END_DECLS
