/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A user account as stored: the record, and reading and writing its row. */
#include "config.h"

#include "people/lk-user-private.h"
#include "store/lk-store-private.h"
#include "people/lk-roles.h"
#include "store/lk-store.h"

G_DEFINE_BOXED_TYPE (LkUser, lk_user, lk_user_copy, lk_user_free)

LkUser *
lk_user_copy (const LkUser *user)
{
  LkUser *copy = g_memdup2 (user, sizeof *user);

  copy->name = g_strdup (user->name);
  copy->display_name = g_strdup (user->display_name);
  copy->created_at = g_strdup (user->created_at);
  return copy;
}

void
lk_user_free (LkUser *user)
{
  if (user == NULL)
    return;
  g_free (user->name);
  g_free (user->display_name);
  g_free (user->created_at);
  g_free (user);
}

LkUser *
lk_user_from_row (LkStmt *stmt)
{
  LkUser *user = g_new0 (LkUser, 1);

  user->id = lk_stmt_int64 (stmt, 0);
  user->name = lk_stmt_dup_text (stmt, 1);
  user->display_name = lk_stmt_dup_text (stmt, 2);
  user->roles = (LkRoles) lk_stmt_int (stmt, 3);
  user->disabled = lk_stmt_int (stmt, 4) != 0;
  user->locked = lk_stmt_int (stmt, 5) != 0;
  user->failed_logins = lk_stmt_int (stmt, 6);
  user->created_at = lk_stmt_dup_text (stmt, 7);
  return user;
}

LkUser *
lk_user_read (LkStore     *store,
              const char  *name,
              char       **password_hash,
              GError     **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT " LK_USER_COLUMNS " FROM users"
                                                 " WHERE name = ?", error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_text (stmt, 1, name);
  if (!lk_stmt_row (stmt, error, "There is no user called %s", name))
    return NULL;
  if (password_hash != NULL)
    *password_hash = lk_stmt_dup_text (stmt, 8);
  return lk_user_from_row (stmt);
}

gboolean
lk_user_insert (LkStore     *store,
                const char  *name,
                const char  *display_name,
                LkRoles      roles,
                const char  *password_hash,
                GError     **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO users (name, display_name, password_hash, roles,"
                          " created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, name);
  lk_stmt_bind_text (stmt, 2, display_name != NULL && *display_name ? display_name : name);
  lk_stmt_bind_text (stmt, 3, password_hash);
  lk_stmt_bind_int (stmt, 4, (int) roles);
  lk_stmt_bind_text (stmt, 5, now);
  lk_stmt_bind_text (stmt, 6, now);
  return lk_stmt_insert_unique (stmt, error, "A user called %s already exists", name) != 0;
}
