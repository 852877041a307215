/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "people/lk-session.h"
#include "people/lk-user.h"

G_BEGIN_DECLS

/* First run: creates the administrator of a database that has no users yet. */
gboolean   lk_users_create_administrator (LkStore     *store,
                                          const char  *name,
                                          const char  *display_name,
                                          const char  *password,
                                          GError     **error);

/* Administration; each call checks that @session holds the administrator role. */
GPtrArray *lk_users_list            (LkSession   *session,
                                     GError     **error);
LkUser    *lk_users_lookup          (LkSession   *session,
                                     const char  *name,
                                     GError     **error);
gboolean   lk_users_add             (LkSession   *session,
                                     const char  *name,
                                     const char  *display_name,
                                     LkRoles      roles,
                                     const char  *password,
                                     GError     **error);
gboolean   lk_users_set_roles       (LkSession   *session,
                                     const char  *name,
                                     LkRoles      roles,
                                     GError     **error);
gboolean   lk_users_set_disabled    (LkSession   *session,
                                     const char  *name,
                                     gboolean     disabled,
                                     GError     **error);
/* Administrators: clears the lock-out of @name (which must be locked) and its count of failed
 * log-ins, keeping its password; audited as "user.unlocked" with @reason (not blank). */
gboolean   lk_users_unlock          (LkSession   *session,
                                     const char  *name,
                                     const char  *reason,
                                     GError     **error);
/* Sets a new password and clears a lock-out. */
gboolean   lk_users_reset_password  (LkSession   *session,
                                     const char  *name,
                                     const char  *new_password,
                                     GError     **error);

G_END_DECLS

G_BEGIN_DECLS

/* Worker-thread versions for the UI (each hashes a password). */
void       lk_users_create_administrator_async (LkStore             *store,
                                                const char          *name,
                                                const char          *display_name,
                                                const char          *password,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
void       lk_users_add_async            (LkSession           *session,
                                          const char          *name,
                                          const char          *display_name,
                                          LkRoles              roles,
                                          const char          *password,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
void       lk_users_reset_password_async (LkSession           *session,
                                          const char          *name,
                                          const char          *password,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* Finishes any of the three. */
gboolean   lk_users_finish               (GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
