/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_APPLICATION (lk_application_get_type ())
G_DECLARE_FINAL_TYPE (LkApplication, lk_application, LK, APPLICATION, AdwApplication)

LkApplication *lk_application_new          (void);
LkStore       *lk_application_get_store    (LkApplication *self);
GSettings     *lk_application_get_settings (LkApplication *self);

/* Shows the log-in window again (after log-out or a forced end of the session), with an
 * optional message explaining why. */
void           lk_application_show_login   (LkApplication *self,
                                            const char    *message);

/* Registers the resources and types the widgets need; used by main() and the tests. */
void           lk_ui_init                  (void);

G_END_DECLS
