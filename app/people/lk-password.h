/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "store/lk-store.h"

G_BEGIN_DECLS

char     *lk_password_hash   (const char  *password,
                              GError     **error);
gboolean  lk_password_verify (const char  *hash,
                              const char  *password);
/* Whether @hash (which verified) was made with weaker parameters than a new hash would be, or
 * with another algorithm: then it should be replaced. */
gboolean  lk_password_needs_rehash (const char *hash);
/* Spends the time of one verification (against a hash nobody knows the password of), so that
 * an unknown user name answers as slowly as a known one. */
void      lk_password_burn   (const char  *password);
/* Whether @password meets the policy: its minimum length, not @user_name, and libpwquality's
 * checks with at least the policy's minimum score ("min_password_score"). */
gboolean  lk_password_check_policy (LkStore     *store,
                                    const char  *user_name,
                                    const char  *password,
                                    GError     **error);

G_END_DECLS
