/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The acting user: log-in with lock-out, the role gate, idle lock. */
#include "config.h"

#include <sodium.h>
#include <string.h>

#include "lk-error.h"
#include "lk-task.h"
#include "people/lk-password.h"
#include "people/lk-session.h"
#include "store/lk-store-private.h"
#include "people/lk-roles.h"
#include "people/lk-user-private.h"
#include "people/lk-user.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

#define DEFAULT_LOCKOUT_THRESHOLD 5

struct _LkSession
{
  GObject   parent_instance;
  LkStore  *store;
  gint64    user_id;
  char     *user_name;
  char     *display_name;
  LkRoles   roles;
  gboolean  locked;
};

enum {
  PROP_0,
  PROP_USER_NAME,
  PROP_DISPLAY_NAME,
  PROP_LOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LkSession, lk_session, G_TYPE_OBJECT)

static void
lk_session_finalize (GObject *object)
{
  LkSession *self = LK_SESSION (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->user_name, g_free);
  g_clear_pointer (&self->display_name, g_free);

  G_OBJECT_CLASS (lk_session_parent_class)->finalize (object);
}

static void
lk_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LkSession *self = LK_SESSION (object);

  switch (prop_id)
    {
    case PROP_USER_NAME:
      g_value_set_string (value, self->user_name);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, self->locked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_session_class_init (LkSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_session_finalize;
  object_class->get_property = lk_session_get_property;

  properties[PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_session_init (LkSession *self)
{
}

LkStore *
lk_session_get_store (LkSession *self)
{
  g_return_val_if_fail (LK_IS_SESSION (self), NULL);
  return self->store;
}

gint64
lk_session_get_user_id (LkSession *self)
{
  g_return_val_if_fail (LK_IS_SESSION (self), 0);
  return self->user_id;
}

const char *
lk_session_get_user_name (LkSession *self)
{
  g_return_val_if_fail (LK_IS_SESSION (self), NULL);
  return self->user_name;
}

const char *
lk_session_get_display_name (LkSession *self)
{
  g_return_val_if_fail (LK_IS_SESSION (self), NULL);
  return self->display_name;
}

LkRoles
lk_session_get_roles (LkSession *self)
{
  g_return_val_if_fail (LK_IS_SESSION (self), 0);
  return self->roles;
}

gboolean
lk_session_has_role (LkSession *self,
                     LkRoles    any_of)
{
  g_return_val_if_fail (LK_IS_SESSION (self), FALSE);
  return (self->roles & any_of) != 0;
}

gboolean
lk_session_get_locked (LkSession *self)
{
  g_return_val_if_fail (LK_IS_SESSION (self), FALSE);
  return self->locked;
}

void
lk_session_self_actor (LkSession *self,
                       LkActor   *actor)
{
  actor->user = self->user_name;
  /* Acting as themselves, not through a role: record the first role held. */
  actor->role = lk_role_name (self->roles & -self->roles);
}

/* ---- log-in ---------------------------------------------------------------------------- */

/* A refusal that cannot be recorded is not given as a plain refusal: the audit failure is
 * the error, so nobody is told "wrong password" while the log misses the attempt. */
static gboolean
record_refusal (LkStore        *store,
                const LkActor  *actor,
                const char     *action,
                const char     *object,
                JsonObject     *details,
                GError        **error)
{
  if (lk_audit_record (store, actor, action, object, details, error))
    return TRUE;
  g_prefix_error (error, "The refusal could not be recorded in the audit log: ");
  return FALSE;
}

static gboolean
record_failure (LkStore     *store,
                const char  *user_name,
                const char  *reason,
                GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  LkActor actor = { user_name, "none" };

  json_object_set_string_member (details, "reason", reason);
  return record_refusal (store, &actor, "session.login-failed", user_name, details, error);
}

/* Counts a wrong password and locks the account at the threshold, setting @locked. An attempt
 * that cannot be counted (the database is busy) is an error: it must not pass unrecorded. */
static gboolean
count_failed_login (LkStore     *store,
                    const char  *user_name,
                    gboolean    *locked,
                    GError     **error)
{
  gint64 threshold = 0;
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(LkStmt) stmt = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  LkActor actor = { user_name, "none" };
  gint64 failures;

  if (!lk_store_get_policy_int (store, "lockout_threshold", DEFAULT_LOCKOUT_THRESHOLD,
                                &threshold, error) ||
      (txn = lk_txn_begin (store, error)) == NULL)
    return FALSE;
  stmt = lk_store_stmt (store,
                        "UPDATE users SET failed_logins = failed_logins + 1,"
                        " locked = CASE WHEN failed_logins + 1 >= ? THEN 1 ELSE 0 END"
                        " WHERE name = ?"
                        " RETURNING failed_logins, locked", error);
  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, threshold);
  lk_stmt_bind_text (stmt, 2, user_name);
  if (!lk_stmt_row (stmt, error, "There is no user called %s", user_name))
    return FALSE;
  failures = lk_stmt_int64 (stmt, 0);
  *locked = lk_stmt_int (stmt, 1) != 0;
  g_clear_pointer (&stmt, lk_stmt_release);

  json_object_set_string_member (details, "reason", "wrong password");
  json_object_set_int_member (details, "failed_logins", failures);
  return lk_audit_append (store, &actor, "session.login-failed", user_name, details, error) &&
         (!*locked || failures != threshold ||
          lk_audit_append (store, &actor, "user.locked-out", user_name, details, error)) &&
         lk_txn_commit (txn, error);
}

static gboolean
check_account (LkStore      *store,
               const LkUser *user,
               GError      **error)
{
  if (user->disabled)
    {
      if (!record_failure (store, user->name, "account disabled", error))
        return FALSE;
      g_set_error (error, LK_ERROR, LK_ERROR_ACCOUNT_DISABLED,
                   "The account %s is disabled; ask an administrator", user->name);
      return FALSE;
    }
  if (user->locked)
    {
      if (!record_failure (store, user->name, "account locked", error))
        return FALSE;
      g_set_error (error, LK_ERROR, LK_ERROR_ACCOUNT_LOCKED,
                   "The account %s is locked after too many failed log-ins; an administrator "
                   "must reset its password", user->name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_password (LkStore      *store,
                const LkUser *user,
                const char   *hash,
                const char   *password,
                GError      **error)
{
  gboolean locked = FALSE;

  if (lk_password_verify (hash, password))
    return TRUE;
  if (!count_failed_login (store, user->name, &locked, error))
    return FALSE;
  if (locked)
    g_set_error (error, LK_ERROR, LK_ERROR_ACCOUNT_LOCKED,
                 "Wrong password. The account %s is now locked after too many failed log-ins; "
                 "an administrator must reset its password", user->name);
  else
    g_set_error (error, LK_ERROR, LK_ERROR_AUTHENTICATION_FAILED,
                 "Wrong user name or password");
  return FALSE;
}

/* A hash of weaker parameters than a new one is replaced now that the password is known. */
static gboolean
rehash_if_weak (LkSession   *self,
                const char  *hash,
                const char  *password,
                JsonObject  *details,
                GError     **error)
{
  g_autofree char *stronger = NULL;
  g_autoptr(LkStmt) stmt = NULL;

  if (!lk_password_needs_rehash (hash))
    return TRUE;
  if ((stronger = lk_password_hash (password, error)) == NULL ||
      (stmt = lk_store_stmt (self->store, "UPDATE users SET password_hash = ? WHERE id = ?",
                             error)) == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, stronger);
  lk_stmt_bind_int64 (stmt, 2, self->user_id);
  json_object_set_boolean_member (details, "rehashed", TRUE);
  return lk_stmt_done (stmt, error);
}

static gboolean
record_login (LkSession   *self,
              const char  *hash,
              const char  *password,
              GError     **error)
{
  g_autoptr(LkTxn) txn = lk_txn_begin (self->store, error);
  g_autoptr(LkStmt) stmt = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *roles = lk_roles_to_string (self->roles);
  LkActor actor;

  if (txn == NULL)
    return FALSE;
  stmt = lk_store_stmt (self->store, "UPDATE users SET failed_logins = 0 WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, self->user_id);
  if (!lk_stmt_done (stmt, error) || !rehash_if_weak (self, hash, password, details, error))
    return FALSE;
  lk_session_self_actor (self, &actor);
  json_object_set_string_member (details, "roles", roles);
  return lk_audit_append (self->store, &actor, "session.login", self->user_name, details, error) &&
         lk_txn_commit (txn, error);
}

/* A wrong password is answered in the same words for every account, known or not, enabled or
 * not: only the audit log says which it was. A usable account counts the failure (and locks at
 * the threshold). */
static void
refuse_login (LkStore      *store,
              const LkUser *user,
              const char   *user_name,
              GError      **error)
{
  const char *unusable = NULL;
  gboolean locked = FALSE;

  if (user == NULL)
    unusable = "unknown user";
  else if (user->disabled)
    unusable = "wrong password, account disabled";
  else if (user->locked)
    unusable = "wrong password, account locked";
  if (unusable != NULL ? !record_failure (store, user ? user->name : user_name, unusable, error)
                       : !count_failed_login (store, user->name, &locked, error))
    return;
  g_set_error (error, LK_ERROR, LK_ERROR_AUTHENTICATION_FAILED, "Wrong user name or password");
}

LkSession *
lk_session_login (LkStore     *store,
                  const char  *user_name,
                  const char  *password,
                  GError     **error)
{
  g_autoptr(LkSession) self = NULL;
  g_autoptr(LkUser) user = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GError) lookup_error = NULL;

  g_return_val_if_fail (LK_IS_STORE (store), NULL);
  g_return_val_if_fail (user_name != NULL && password != NULL, NULL);

  user = lk_user_read (store, user_name, &hash, &lookup_error);
  if (user == NULL && !g_error_matches (lookup_error, LK_ERROR, LK_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&lookup_error));
      return NULL;
    }
  /* One argon2id verification for every attempt, whatever the account, so that the time taken
   * tells nothing either; only the holder of the password learns that it is disabled or
   * locked. */
  if (user == NULL)
    lk_password_burn (password);
  if (user == NULL || !lk_password_verify (hash, password))
    {
      refuse_login (store, user, user_name, error);
      return NULL;
    }
  if (!check_account (store, user, error))
    return NULL;

  self = g_object_new (LK_TYPE_SESSION, NULL);
  self->store = g_object_ref (store);
  self->user_id = user->id;
  self->user_name = g_strdup (user->name);
  self->display_name = g_strdup (user->display_name);
  self->roles = user->roles;
  if (!record_login (self, hash, password, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- the role gate ----------------------------------------------------------------------- */

static gboolean
record_denied (LkSession   *self,
               LkRoles      any_of,
               const char  *reason,
               GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *wanted = lk_roles_to_string (any_of);
  LkActor actor;

  lk_session_self_actor (self, &actor);
  json_object_set_string_member (details, "required_roles", wanted);
  json_object_set_string_member (details, "reason", reason);
  return record_refusal (self->store, &actor, "access.denied", self->user_name, details, error);
}

gboolean
lk_session_require (LkSession  *self,
                    LkRoles     any_of,
                    LkActor    *actor,
                    GError    **error)
{
  return lk_session_require_to (self, any_of, NULL, actor, error);
}

gboolean
lk_session_require_to (LkSession   *self,
                       LkRoles      any_of,
                       const char  *action,
                       LkActor     *actor,
                       GError     **error)
{
  g_autoptr(LkUser) user = NULL;
  g_autofree char *wanted = NULL;
  LkRoles granted;

  g_return_val_if_fail (LK_IS_SESSION (self), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  user = lk_user_read (self->store, self->user_name, NULL, error);
  if (user == NULL)
    return FALSE;
  if (self->locked || user->disabled || user->locked)
    {
      if (!record_denied (self, any_of,
                          self->locked ? "session locked" : "account disabled or locked", error))
        return FALSE;
      g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED,
                   self->locked ? "The session is locked; unlock it with your password first"
                                : "The account %s is disabled or locked", self->user_name);
      return FALSE;
    }
  self->roles = user->roles;
  granted = user->roles & any_of;
  if (granted == 0)
    {
      wanted = lk_roles_to_phrase (any_of);
      if (!record_denied (self, any_of, "role not held", error))
        return FALSE;
      g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED,
                   "Only %s can %s; the account %s does not have that role", wanted,
                   action != NULL ? action : "do this", self->user_name);
      return FALSE;
    }
  actor->user = self->user_name;
  actor->role = lk_role_name (granted & -granted);
  return TRUE;
}

/* ---- idle lock, password change, log-out ---------------------------------------------- */

static gboolean
record_self (LkSession   *self,
             const char  *action,
             GError     **error)
{
  LkActor actor;

  lk_session_self_actor (self, &actor);
  return lk_audit_record (self->store, &actor, action, self->user_name, NULL, error);
}

gboolean
lk_session_lock (LkSession  *self,
                 GError    **error)
{
  g_return_val_if_fail (LK_IS_SESSION (self), FALSE);

  if (self->locked)
    return TRUE;
  if (!record_self (self, "session.locked", error))
    return FALSE;
  self->locked = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
  return TRUE;
}

static gboolean
verify_own_password (LkSession   *self,
                     const char  *password,
                     GError     **error)
{
  g_autofree char *hash = NULL;
  g_autoptr(LkUser) user = lk_user_read (self->store, self->user_name, &hash, error);

  return user != NULL &&
         check_account (self->store, user, error) &&
         check_password (self->store, user, hash, password, error);
}

gboolean
lk_session_unlock (LkSession   *self,
                   const char  *password,
                   GError     **error)
{
  g_return_val_if_fail (LK_IS_SESSION (self), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  if (!verify_own_password (self, password, error) ||
      !record_self (self, "session.unlocked", error))
    return FALSE;
  if (self->locked)
    {
      self->locked = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
    }
  return TRUE;
}

gboolean
lk_session_verify_password (LkSession   *self,
                            const char  *password,
                            GError     **error)
{
  g_return_val_if_fail (LK_IS_SESSION (self), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  return verify_own_password (self, password, error);
}

gboolean
lk_session_change_password (LkSession   *self,
                            const char  *old_password,
                            const char  *new_password,
                            GError     **error)
{
  g_autofree char *hash = NULL;
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(LkStmt) stmt = NULL;
  g_autofree char *now = lk_now_utc ();
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (self), FALSE);

  if (!lk_password_check_policy (self->store, self->user_name, new_password, error) ||
      !verify_own_password (self, old_password, error) ||
      (hash = lk_password_hash (new_password, error)) == NULL ||
      (txn = lk_txn_begin (self->store, error)) == NULL)
    return FALSE;
  stmt = lk_store_stmt (self->store, "UPDATE users SET password_hash = ?, password_changed_at = ?"
                                     " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, hash);
  lk_stmt_bind_text (stmt, 2, now);
  lk_stmt_bind_int64 (stmt, 3, self->user_id);
  lk_session_self_actor (self, &actor);
  return lk_stmt_done (stmt, error) &&
         lk_audit_append (self->store, &actor, "user.password-changed", self->user_name, NULL,
                          error) &&
         lk_txn_commit (txn, error);
}

gboolean
lk_session_log_out (LkSession  *self,
                    GError    **error)
{
  g_return_val_if_fail (LK_IS_SESSION (self), FALSE);
  return record_self (self, "session.logout", error);
}

/* ---- worker-thread versions ------------------------------------------------------------ */

typedef struct
{
  LkStore   *store;
  LkSession *session;
  char      *user_name;
  char      *password;
  char      *new_password;
} Credentials;

static void
credentials_free (Credentials *c)
{
  g_clear_object (&c->store);
  g_clear_object (&c->session);
  g_free (c->user_name);
  if (c->password != NULL)
    sodium_memzero (c->password, strlen (c->password));
  g_free (c->password);
  if (c->new_password != NULL)
    sodium_memzero (c->new_password, strlen (c->new_password));
  g_free (c->new_password);
  g_free (c);
}

static gpointer
login_job (gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Credentials *c = data;

  return lk_session_login (c->store, c->user_name, c->password, error);
}

void
lk_session_login_async (LkStore             *store,
                        const char          *user_name,
                        const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  Credentials *c = g_new0 (Credentials, 1);

  c->store = g_object_ref (store);
  c->user_name = g_strdup (user_name);
  c->password = g_strdup (password);
  lk_task_run (store, cancellable, callback, user_data, lk_session_login_async, login_job, c,
               (GDestroyNotify) credentials_free, g_object_unref);
}

LkSession *
lk_session_login_finish (GAsyncResult  *result,
                         GError       **error)
{
  return lk_task_finish (result, lk_session_login_async, error);
}

static gpointer
unlock_job (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Credentials *c = data;

  return lk_session_unlock (c->session, c->password, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
lk_session_unlock_async (LkSession           *self,
                         const char          *password,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Credentials *c = g_new0 (Credentials, 1);

  c->session = g_object_ref (self);
  c->password = g_strdup (password);
  lk_task_run (self, cancellable, callback, user_data, lk_session_unlock_async, unlock_job, c,
               (GDestroyNotify) credentials_free, NULL);
}

gboolean
lk_session_unlock_finish (GAsyncResult  *result,
                          GError       **error)
{
  return lk_task_finish (result, lk_session_unlock_async, error) != NULL;
}

static gpointer
password_job (gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Credentials *c = data;

  return lk_session_change_password (c->session, c->password, c->new_password, error)
         ? GINT_TO_POINTER (TRUE) : NULL;
}

void
lk_session_change_password_async (LkSession           *self,
                                  const char          *old_password,
                                  const char          *new_password,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Credentials *c = g_new0 (Credentials, 1);

  c->session = g_object_ref (self);
  c->password = g_strdup (old_password);
  c->new_password = g_strdup (new_password);
  lk_task_run (self, cancellable, callback, user_data, lk_session_change_password_async,
               password_job, c, (GDestroyNotify) credentials_free, NULL);
}

gboolean
lk_session_change_password_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return lk_task_finish (result, lk_session_change_password_async, error) != NULL;
}
