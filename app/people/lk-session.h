/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "store/lk-audit.h"
#include "store/lk-store.h"
#include "people/lk-roles.h"

G_BEGIN_DECLS

#define LK_TYPE_SESSION (lk_session_get_type ())
G_DECLARE_FINAL_TYPE (LkSession, lk_session, LK, SESSION, GObject)

/* Checks the password (argon2id, slow: call from a worker thread in the UI). Failed attempts
 * are counted and audited; the account locks at the policy's threshold (default 5). */
LkSession  *lk_session_login            (LkStore     *store,
                                         const char  *user_name,
                                         const char  *password,
                                         GError     **error);
LkStore    *lk_session_get_store        (LkSession   *self);
gint64      lk_session_get_user_id      (LkSession   *self);
const char *lk_session_get_user_name    (LkSession   *self);
const char *lk_session_get_display_name (LkSession   *self);
LkRoles     lk_session_get_roles        (LkSession   *self);
gboolean    lk_session_has_role         (LkSession   *self,
                                         LkRoles      any_of);
gboolean    lk_session_get_locked       (LkSession   *self);

/* The gate of every core entry point: succeeds when the acting user is still enabled and holds
 * one of @any_of (re-read from the database), filling @actor with that role for the audit log.
 * A refusal is itself audited. */
gboolean    lk_session_require          (LkSession   *self,
                                         LkRoles      any_of,
                                         LkActor     *actor,
                                         GError     **error);
/* The same, the refusal naming the @action in words ("close a case": "Only an administrator
 * can close a case; ..."). */
gboolean    lk_session_require_to       (LkSession   *self,
                                         LkRoles      any_of,
                                         const char  *action,
                                         LkActor     *actor,
                                         GError     **error);
/* The actor for actions any logged-in user may take (own password, log-out). */
void        lk_session_self_actor       (LkSession   *self,
                                         LkActor     *actor);

/* Idle lock: the UI locks after the idle time; unlocking re-checks the password. */
gboolean    lk_session_lock             (LkSession   *self,
                                         GError     **error);
gboolean    lk_session_unlock           (LkSession   *self,
                                         const char  *password,
                                         GError     **error);
/* Re-checks the acting user's password, e.g. to sign a conclusion. A wrong password counts
 * toward the lock-out like a failed log-in (and is audited as one). */
gboolean    lk_session_verify_password  (LkSession   *self,
                                         const char  *password,
                                         GError     **error);
gboolean    lk_session_change_password  (LkSession   *self,
                                         const char  *old_password,
                                         const char  *new_password,
                                         GError     **error);
gboolean    lk_session_log_out          (LkSession   *self,
                                         GError     **error);

G_END_DECLS

G_BEGIN_DECLS

/* Worker-thread versions for the UI: the password hash takes about 0.1 s. */
void        lk_session_login_async      (LkStore              *store,
                                         const char           *user_name,
                                         const char           *password,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
LkSession  *lk_session_login_finish     (GAsyncResult         *result,
                                         GError              **error);
void        lk_session_unlock_async     (LkSession            *self,
                                         const char           *password,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean    lk_session_unlock_finish    (GAsyncResult         *result,
                                         GError              **error);

void        lk_session_change_password_async  (LkSession            *self,
                                               const char           *old_password,
                                               const char           *new_password,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean    lk_session_change_password_finish (GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
