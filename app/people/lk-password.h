/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "store/lk-store.h"

G_BEGIN_DECLS

char     *lk_password_hash   (const char  *password,
                              GError     **error);
gboolean  lk_password_verify (const char  *hash,
                              const char  *password);
/* Spends the time of one verification, so that unknown user names answer as slowly as known
 * ones. */
void      lk_password_burn   (const char  *password);
/* Whether @password meets the policy (its minimum length) and is not @user_name. */
gboolean  lk_password_check_policy (LkStore     *store,
                                    const char  *user_name,
                                    const char  *password,
                                    GError     **error);

G_END_DECLS
