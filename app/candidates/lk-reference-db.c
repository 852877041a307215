/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reference databases: every database a candidate list may come from, with its legal basis. */
#include "config.h"

#include "lk-json.h"

#include <math.h>

#include "candidates/lk-reference-db-private.h"
#include "lk-error.h"
#include "lk-util.h"
#include "store/lk-store-private.h"
#include "people/lk-roles.h"
#include "people/lk-session.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

#define TEXT(i) (lk_stmt_text (stmt, (i)))

/* ---- reference databases ----------------------------------------------------------------- */

void
lk_reference_db_free (LkReferenceDb *db)
{
  if (db == NULL)
    return;
  g_free (db->name);
  g_free (db->legal_basis);
  g_free (db->held_by);
  g_free (db->created_at);
  g_free (db);
}

static gboolean
check_reference_db (const char  *name,
                    const char  *legal_basis,
                    const char  *held_by,
                    GError     **error)
{
  if (!lk_require_text (name, "A reference database needs a name", error) ||
      !lk_require_name (name, "reference database name", error) ||
      !lk_require_text (legal_basis, "A reference database needs its legal basis", error))
    return FALSE;
  if (g_utf8_strlen (name, -1) > 128)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "A reference database name is at most 128 characters");
      return FALSE;
    }
  if (g_strcmp0 (held_by, "likeness") == 0 || g_strcmp0 (held_by, "external") == 0)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "A reference database is held by “likeness” (a gallery of the built-in engine) or "
               "“external” (the database of an external engine), not “%s”",
               held_by ? held_by : "");
  return FALSE;
}

static gint64
insert_reference_db (LkStore     *store,
                     const char  *name,
                     const char  *legal_basis,
                     const char  *held_by,
                     gint64       user_id,
                     GError     **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO reference_databases (name, legal_basis, held_by,"
                          " created_by, created_at) VALUES (?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_text (stmt, 1, name);
  lk_stmt_bind_text (stmt, 2, legal_basis);
  lk_stmt_bind_text (stmt, 3, held_by);
  lk_stmt_bind_int64 (stmt, 4, user_id);
  lk_stmt_bind_text (stmt, 5, now);
  return lk_stmt_insert_unique (stmt, error,
                                "A reference database named “%s” is already registered", name);
}

gint64
lk_reference_db_create (LkSession   *session,
                        const char  *name,
                        const char  *legal_basis,
                        const char  *held_by,
                        GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *object = NULL;
  LkActor actor;
  gint64 id;

  g_return_val_if_fail (LK_IS_SESSION (session), 0);

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error) ||
      !check_reference_db (name, legal_basis, held_by, error) ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      (id = insert_reference_db (store, name, legal_basis, held_by,
                                 lk_session_get_user_id (session), error)) == 0)
    return 0;
  json_object_set_string_member (details, "name", name);
  json_object_set_string_member (details, "legal_basis", legal_basis);
  json_object_set_string_member (details, "held_by", held_by);
  object = lk_object_name ("reference-db", id);
  if (!lk_audit_append (store, &actor, "reference-db.created", object, details, error) ||
      !lk_txn_commit (txn, error))
    return 0;
  return id;
}

static LkReferenceDb *
reference_db_from_row (LkStmt *stmt)
{
  LkReferenceDb *db = g_new0 (LkReferenceDb, 1);

  db->id = lk_stmt_int64 (stmt, 0);
  db->name = g_strdup (TEXT (1));
  db->legal_basis = g_strdup (TEXT (2));
  db->held_by = g_strdup (TEXT (3));
  db->created_at = g_strdup (TEXT (4));
  db->n_images = lk_stmt_int (stmt, 5);
  return db;
}

GPtrArray *
lk_reference_db_list (LkSession  *session,
                      GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(GPtrArray) dbs = NULL;
  g_autoptr(LkStoreLock) locker = NULL;
  g_autoptr(LkStmt) stmt = NULL;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if (!lk_session_require (session, LK_CASEWORK_ROLES, &actor, error))
    return NULL;
  locker = lk_store_lock (store);
  stmt = lk_store_stmt (store, "SELECT r.id, r.name, r.legal_basis, r.held_by, r.created_at,"
                               " (SELECT count(*) FROM gallery_images g"
                               "  WHERE g.database_id = r.id)"
                               " FROM reference_databases r ORDER BY r.name, r.id", error);
  if (stmt == NULL)
    return NULL;
  dbs = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_reference_db_free);
  while (lk_stmt_next (stmt, error))
    g_ptr_array_add (dbs, reference_db_from_row (stmt));
  if (lk_stmt_failed (stmt))
    return NULL;
  return g_steal_pointer (&dbs);
}

gint64
lk_reference_db_lookup (LkStore     *store,
                        const char  *name,
                        char       **legal_basis,
                        GError     **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT id, legal_basis FROM reference_databases WHERE name = ?",
                   error);

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_text (stmt, 1, name);
  if (!lk_stmt_row (stmt, error, "The reference database “%s” is not registered", name))
    return 0;
  if (legal_basis != NULL)
    *legal_basis = g_strdup (TEXT (1));
  return lk_stmt_int64 (stmt, 0);
}
