/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_USERS_PAGE (lk_users_page_get_type ())
G_DECLARE_FINAL_TYPE (LkUsersPage, lk_users_page, LK, USERS_PAGE, AdwBin)

/* Administration > Users. Actions: users.add, users.edit-roles (s), users.reset-password (s),
 * users.disable (s), users.enable (s), users.reload. */
void       lk_users_page_set_session (LkUsersPage *self,
                                      LkSession   *session);
/* The names shown, in order (for tests and assistive checks). */
GStrv      lk_users_page_dup_names   (LkUsersPage *self);

G_END_DECLS
