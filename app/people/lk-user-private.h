/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: user rows for the session (log-in) and the administration. */
#pragma once

#include "lk-internal.h"
#include "people/lk-user.h"
#include "store/lk-store-private.h"

G_BEGIN_DECLS

#define LK_USER_COLUMNS \
  "id, name, display_name, roles, disabled, locked, failed_logins, created_at, password_hash"

LkUser    *lk_user_from_row   (LkStmt       *stmt);
/* A user row by name; NULL with %LK_ERROR_NOT_FOUND when absent. */
LkUser    *lk_user_read       (LkStore      *store,
                               const char   *name,
                               char        **password_hash,
                               GError      **error);
gboolean   lk_user_insert     (LkStore      *store,
                               const char   *name,
                               const char   *display_name,
                               LkRoles       roles,
                               const char   *password_hash,
                               GError      **error);

G_END_DECLS
