/* SPDX-License-Identifier: GPL-3.0-or-later */
/* User accounts: first administrator and administration by administrators. */
#include "config.h"

#include <sodium.h>
#include <string.h>

#include "lk-error.h"
#include "lk-util.h"
#include "people/lk-password.h"
#include "lk-task.h"
#include "people/lk-users.h"
#include "store/lk-store-private.h"
#include "people/lk-roles.h"
#include "people/lk-session.h"
#include "people/lk-user-private.h"
#include "people/lk-user.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"


static gboolean
check_name (const char  *name,
            GError     **error)
{
  g_autofree char *quoted = NULL;

  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL) ||
      strlen (name) > 64)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "A user name is 1 to 64 characters long");
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      {
        quoted = lk_text_escape (name);
        g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                     "The user name “%s” may only hold letters a-z, digits, '.', '-' and '_'",
                     quoted);
        return FALSE;
      }
  return TRUE;
}


static JsonObject *
user_details (const char *display_name,
              LkRoles     roles)
{
  JsonObject *details = json_object_new ();
  g_autofree char *role_text = lk_roles_to_string (roles);

  if (display_name != NULL)
    json_object_set_string_member (details, "display_name", display_name);
  json_object_set_string_member (details, "roles", role_text);
  return details;
}

/* Optional; when given, one line of printable text. */
static gboolean
check_display_name (const char  *display_name,
                    GError     **error)
{
  return display_name == NULL || *display_name == '\0' ||
         lk_require_name (display_name, "display name", error);
}

gboolean
lk_users_create_administrator (LkStore     *store,
                               const char  *name,
                               const char  *display_name,
                               const char  *password,
                               GError     **error)
{
  g_autofree char *hash = NULL;
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = user_details (display_name, LK_ROLE_ADMINISTRATOR);
  LkActor actor = { name, "administrator" };
  gboolean initialised = FALSE;

  g_return_val_if_fail (LK_IS_STORE (store), FALSE);

  if (!check_name (name, error) ||
      !check_display_name (display_name, error) ||
      !lk_password_check_policy (store, name, password, error) ||
      (hash = lk_password_hash (password, error)) == NULL ||
      (txn = lk_txn_begin (store, error)) == NULL)
    return FALSE;
  /* Checked inside the transaction, so two first runs cannot both succeed. */
  if (!lk_store_is_initialised (store, &initialised, error))
    return FALSE;
  if (initialised)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_ALREADY_INITIALISED,
                   "%s already has users; it is initialised", lk_store_get_path (store));
      return FALSE;
    }
  return lk_user_insert (store, name, display_name, LK_ROLE_ADMINISTRATOR, hash, error) &&
         lk_audit_append (store, &actor, "user.created-first-administrator", name, details,
                          error) &&
         lk_txn_commit (txn, error);
}

GPtrArray *
lk_users_list (LkSession  *session,
               GError    **error)
{
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_user_free);
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkStoreLock) locker = NULL;
  g_autoptr(LkStmt) stmt = NULL;
  LkActor actor;

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error))
    return NULL;
  locker = lk_store_lock (store);
  stmt = lk_store_stmt (store, "SELECT " LK_USER_COLUMNS " FROM users ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while (lk_stmt_next (stmt, error))
    g_ptr_array_add (users, lk_user_from_row (stmt));
  if (lk_stmt_failed (stmt))
    return NULL;
  return g_steal_pointer (&users);
}

LkUser *
lk_users_lookup (LkSession   *session,
                 const char  *name,
                 GError     **error)
{
  LkActor actor;

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error))
    return NULL;
  return lk_user_read (lk_session_get_store (session), name, NULL, error);
}

gboolean
lk_users_add (LkSession   *session,
              const char  *name,
              const char  *display_name,
              LkRoles      roles,
              const char  *password,
              GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autofree char *hash = NULL;
  g_autofree char *role_text = NULL;
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = NULL;
  LkActor actor;

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error) ||
      !check_name (name, error) ||
      !check_display_name (display_name, error))
    return FALSE;
  role_text = lk_roles_to_string (roles);
  if (!lk_roles_parse (role_text, &roles, error) ||
      !lk_password_check_policy (store, name, password, error) ||
      (hash = lk_password_hash (password, error)) == NULL ||
      (txn = lk_txn_begin (store, error)) == NULL)
    return FALSE;
  details = user_details (display_name, roles);
  return lk_user_insert (store, name, display_name, roles, hash, error) &&
         lk_audit_append (store, &actor, "user.created", name, details, error) &&
         lk_txn_commit (txn, error);
}

/* Refuses a change that would leave no enabled administrator able to run the lab. */
static gboolean
keeps_an_administrator (LkStore  *store,
                        GError  **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT count(*) FROM users WHERE disabled = 0 AND (roles & ?) != 0",
                   error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int (stmt, 1, LK_ROLE_ADMINISTRATOR);
  if (lk_stmt_next (stmt, error) && lk_stmt_int (stmt, 0) > 0)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "This would leave no enabled administrator; add another administrator first");
  return FALSE;
}

static gboolean
update_user (LkSession   *session,
             const char  *name,
             const char  *sql,
             gint64       value,
             const char  *text,
             const char  *action,
             JsonObject  *details,
             GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(LkStmt) stmt = NULL;
  g_autofree char *now = lk_now_utc ();
  LkActor actor;

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error) ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      (stmt = lk_store_stmt (store, sql, error)) == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, value);
  lk_stmt_bind_text (stmt, 2, text);
  lk_stmt_bind_text (stmt, 3, name);
  lk_stmt_bind_text (stmt, 4, now); /* for statements that record the time */
  if (!lk_stmt_done (stmt, error))
    return FALSE;
  if (lk_stmt_changes (stmt) == 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND, "There is no user called %s", name);
      return FALSE;
    }
  return keeps_an_administrator (store, error) &&
         lk_audit_append (store, &actor, action, name, details, error) &&
         lk_txn_commit (txn, error);
}

gboolean
lk_users_set_roles (LkSession   *session,
                    const char  *name,
                    LkRoles      roles,
                    GError     **error)
{
  g_autofree char *role_text = lk_roles_to_string (roles);
  g_autoptr(JsonObject) details = NULL;

  if (!lk_roles_parse (role_text, &roles, error))
    return FALSE;
  details = user_details (NULL, roles);
  return update_user (session, name,
                      "UPDATE users SET roles = ?1"
                      " WHERE CAST (?2 AS TEXT) IS NOT NULL AND name = ?3",
                      roles, "", "user.roles-changed", details, error);
}

gboolean
lk_users_set_disabled (LkSession   *session,
                       const char  *name,
                       gboolean     disabled,
                       GError     **error)
{
  if (disabled && g_strcmp0 (name, lk_session_get_user_name (session)) == 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "You cannot disable your own account");
      return FALSE;
    }
  return update_user (session, name,
                      "UPDATE users SET disabled = ?1"
                      " WHERE CAST (?2 AS TEXT) IS NOT NULL AND name = ?3",
                      disabled ? 1 : 0, "", disabled ? "user.disabled" : "user.enabled", NULL,
                      error);
}

/* Reads @name for an administrator's change: NULL with an error when there is no such user. */
static LkUser *
read_for_change (LkSession   *session,
                 const char  *name,
                 GError     **error)
{
  g_autofree char *hash = NULL;
  LkActor actor;

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error))
    return NULL;
  return lk_user_read (lk_session_get_store (session), name, &hash, error);
}

gboolean
lk_users_unlock (LkSession   *session,
                 const char  *name,
                 const char  *reason,
                 GError     **error)
{
  g_autoptr(LkUser) user = NULL;
  g_autoptr(JsonObject) details = json_object_new ();

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!lk_require_text (reason, "Unlocking an account needs a reason", error) ||
      (user = read_for_change (session, name, error)) == NULL)
    return FALSE;
  if (!user->locked)
    {
      g_autofree char *shown = lk_text_escape (name);

      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The account %s is not locked",
                   shown);
      return FALSE;
    }
  json_object_set_string_member (details, "reason", reason);
  json_object_set_int_member (details, "failed_logins", user->failed_logins);
  return update_user (session, name,
                      "UPDATE users SET failed_logins = ?1, locked = 0"
                      " WHERE CAST (?2 AS TEXT) IS NOT NULL AND name = ?3",
                      0, "", "user.unlocked", details, error);
}

gboolean
lk_users_reset_password (LkSession   *session,
                         const char  *name,
                         const char  *new_password,
                         GError     **error)
{
  g_autofree char *hash = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  LkActor actor;

  /* Check the role before spending time on the hash. */
  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error) ||
      !lk_password_check_policy (lk_session_get_store (session), name, new_password, error) ||
      (hash = lk_password_hash (new_password, error)) == NULL)
    return FALSE;
  json_object_set_boolean_member (details, "lock_cleared", TRUE);
  /* ?1 is unused here: failed_logins is cleared with the lock. */
  return update_user (session, name,
                      "UPDATE users SET failed_logins = ?1, locked = 0, password_hash = ?2,"
                      " password_changed_at = ?4"
                      " WHERE name = ?3",
                      0, hash, "user.password-reset", details, error);
}

/* ---- worker-thread versions ------------------------------------------------------------ */

typedef struct
{
  LkStore   *store;
  LkSession *session;
  char      *name;
  char      *display_name;
  char      *password;
  LkRoles    roles;
} UserJob;

static void
user_job_free (UserJob *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->session);
  g_free (job->name);
  g_free (job->display_name);
  if (job->password != NULL)
    sodium_memzero (job->password, strlen (job->password));
  g_free (job->password);
  g_free (job);
}

static UserJob *
user_job_new (const char *name,
              const char *display_name,
              const char *password)
{
  UserJob *job = g_new0 (UserJob, 1);

  job->name = g_strdup (name);
  job->display_name = g_strdup (display_name);
  job->password = g_strdup (password);
  return job;
}

static gpointer
create_administrator_job (gpointer       data,
                          GCancellable  *cancellable,
                          GError       **error)
{
  UserJob *job = data;

  return lk_users_create_administrator (job->store, job->name, job->display_name, job->password,
                                        error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static gpointer
add_job (gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  UserJob *job = data;

  return lk_users_add (job->session, job->name, job->display_name, job->roles, job->password,
                       error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static gpointer
reset_job (gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  UserJob *job = data;

  return lk_users_reset_password (job->session, job->name, job->password, error)
         ? GINT_TO_POINTER (TRUE) : NULL;
}

void
lk_users_create_administrator_async (LkStore             *store,
                                     const char          *name,
                                     const char          *display_name,
                                     const char          *password,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  UserJob *job = user_job_new (name, display_name, password);

  job->store = g_object_ref (store);
  lk_task_run (store, cancellable, callback, user_data, lk_users_finish,
               create_administrator_job, job, (GDestroyNotify) user_job_free, NULL);
}

void
lk_users_add_async (LkSession           *session,
                    const char          *name,
                    const char          *display_name,
                    LkRoles              roles,
                    const char          *password,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  UserJob *job = user_job_new (name, display_name, password);

  job->session = g_object_ref (session);
  job->roles = roles;
  lk_task_run (session, cancellable, callback, user_data, lk_users_finish, add_job, job,
               (GDestroyNotify) user_job_free, NULL);
}

void
lk_users_reset_password_async (LkSession           *session,
                               const char          *name,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  UserJob *job = user_job_new (name, NULL, password);

  job->session = g_object_ref (session);
  lk_task_run (session, cancellable, callback, user_data, lk_users_finish, reset_job, job,
               (GDestroyNotify) user_job_free, NULL);
}

gboolean
lk_users_finish (GAsyncResult  *result,
                 GError       **error)
{
  return lk_task_finish (result, lk_users_finish, error) != NULL;
}
