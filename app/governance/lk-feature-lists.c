/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "reference/lk-data.h"
#include "reference/lk-feature-component-private.h"
#include "lk-error.h"
#include "lk-task.h"
#include "governance/lk-feature-lists.h"
#include "store/lk-store-private.h"
#include "people/lk-session.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

#define CURRENT_KEY "feature_list_edition"

char *
lk_feature_lists_current_edition (LkStore  *store,
                                  GError  **error)
{
  char *edition = NULL;

  g_return_val_if_fail (LK_IS_STORE (store), NULL);

  if (!lk_store_get_setting (store, CURRENT_KEY, &edition, error))
    return NULL;
  return edition != NULL ? edition : g_strdup (lk_feature_list_edition ());
}

/* The stored text and hash of an installed edition; FALSE (without an error) when absent. */
static gboolean
read_installed (LkStore     *store,
                const char  *edition,
                char       **content,
                char       **sha256,
                GError     **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT content, sha256 FROM feature_lists"
                                                 " WHERE edition = ?", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, edition);
  if (!lk_stmt_next (stmt, error))
    return FALSE;
  if (content != NULL)
    *content = lk_stmt_dup_text (stmt, 0);
  if (sha256 != NULL)
    *sha256 = lk_stmt_dup_text (stmt, 1);
  return TRUE;
}

JsonObject *
lk_feature_lists_for_edition (LkStore     *store,
                              const char  *edition,
                              GError     **error)
{
  g_autofree char *content = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LK_IS_STORE (store), NULL);
  g_return_val_if_fail (edition != NULL, NULL);

  if (g_str_equal (edition, lk_feature_list_edition ()))
    return json_object_ref (lk_feature_list ());
  if (!read_installed (store, edition, &content, NULL, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND,
                     "The feature list edition “%s” is not installed in this database", edition);
      return NULL;
    }
  bytes = g_bytes_new_take (content, strlen (content));
  content = NULL;
  root = lk_feature_list_parse (bytes, edition, error);
  return root != NULL ? json_object_ref (json_node_get_object (root)) : NULL;
}

GListModel *
lk_feature_lists_components (LkStore     *store,
                             const char  *edition,
                             GError     **error)
{
  g_autoptr(JsonObject) list = lk_feature_lists_for_edition (store, edition, error);

  return list != NULL ? lk_feature_component_list_from_json (list) : NULL;
}

/* ---- installing ---------------------------------------------------------------------------- */

static GBytes *
read_file (const char  *path,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *data = NULL;
  gsize size = 0;

  if (!g_file_get_contents (path, &data, &size, &local_error))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND, "Cannot read the feature list %s: %s",
                   path, local_error->message);
      return NULL;
    }
  return g_bytes_new_take (data, size);
}

static char *
bytes_sha256 (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* An edition name is bound to its content: the shipped edition to the shipped file, an
 * installed one to what was installed first. Sets @is_new when the edition is not known yet. */
static gboolean
check_edition_free (LkStore     *store,
                    const char  *edition,
                    const char  *sha256,
                    gboolean    *is_new,
                    GError     **error)
{
  g_autofree char *known = NULL;
  g_autoptr(GError) local_error = NULL;

  *is_new = FALSE;
  if (g_str_equal (edition, lk_feature_list_edition ()))
    {
      g_autoptr(GBytes) shipped = lk_data_file_lookup ("data/feature-list.json", error);
      g_autofree char *shipped_sha = shipped ? bytes_sha256 (shipped) : NULL;

      if (shipped == NULL)
        return FALSE;
      known = g_steal_pointer (&shipped_sha);
    }
  else if (!read_installed (store, edition, NULL, &known, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      *is_new = TRUE;
      return TRUE;
    }
  if (g_str_equal (known, sha256))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_EXISTS,
               "The edition “%s” already exists with different content; give the corrected list "
               "a new edition name (examinations refer to editions by name)", edition);
  return FALSE;
}

static gboolean
insert_edition (LkStore     *store,
                gint64       user_id,
                const char  *edition,
                GBytes      *bytes,
                const char  *sha256,
                GError     **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "INSERT INTO feature_lists (edition, content,"
                                                 " sha256, installed_by, installed_at)"
                                                 " VALUES (?, ?, ?, ?, ?)", error);
  g_autofree char *now = lk_now_utc ();
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, edition);
  lk_stmt_bind_text_len (stmt, 2, data, size);
  lk_stmt_bind_text (stmt, 3, sha256);
  lk_stmt_bind_int64 (stmt, 4, user_id);
  lk_stmt_bind_text (stmt, 5, now);
  return lk_stmt_done (stmt, error);
}

static JsonObject *
install_details (JsonObject *list,
                 const char *path,
                 const char *sha256,
                 const char *previous,
                 gboolean    is_new)
{
  JsonObject *details = json_object_new ();
  g_autofree char *file = g_path_get_basename (path);

  json_object_set_string_member (details, "edition",
                                 json_object_get_string_member (list, "edition"));
  json_object_set_string_member (details, "previous_edition", previous);
  json_object_set_string_member (details, "file", file);
  json_object_set_string_member (details, "sha256", sha256);
  json_object_set_int_member (details, "components",
                              json_array_get_length (json_object_get_array_member (list,
                                                                                   "components")));
  json_object_set_int_member (details, "characteristics",
                              lk_feature_list_count_characteristics (list));
  json_object_set_boolean_member (details, "new_edition", is_new);
  return details;
}

/* Reads and checks the file; errors name the file and the JSON path. */
static JsonNode *
load_list_file (const char  *path,
                GBytes     **bytes,
                GError     **error)
{
  g_autofree char *label = g_path_get_basename (path);

  if ((*bytes = read_file (path, error)) == NULL)
    return NULL;
  return lk_feature_list_parse (*bytes, label, error);
}

char *
lk_feature_lists_install (LkSession   *session,
                          const char  *path,
                          GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *previous = NULL;
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = NULL;
  const char *edition;
  gboolean is_new;
  LkActor actor;

  g_return_val_if_fail (path != NULL, NULL);

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error) ||
      (root = load_list_file (path, &bytes, error)) == NULL)
    return NULL;
  edition = json_object_get_string_member (json_node_get_object (root), "edition");
  sha256 = bytes_sha256 (bytes);
  if ((previous = lk_feature_lists_current_edition (store, error)) == NULL ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      !check_edition_free (store, edition, sha256, &is_new, error) ||
      (is_new && !insert_edition (store, lk_session_get_user_id (session), edition, bytes,
                                  sha256, error)) ||
      !lk_store_set_setting (store, CURRENT_KEY, edition, error))
    return NULL;
  details = install_details (json_node_get_object (root), path, sha256, previous, is_new);
  if (!lk_audit_append (store, &actor, "feature-list.installed", edition, details, error) ||
      !lk_txn_commit (txn, error))
    return NULL;
  return g_strdup (edition);
}

typedef struct
{
  LkSession *session;
  char      *path;
} InstallJob;

static void
install_job_free (InstallJob *job)
{
  g_clear_object (&job->session);
  g_free (job->path);
  g_free (job);
}

static gpointer
install_job (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  InstallJob *job = data;

  return lk_feature_lists_install (job->session, job->path, error);
}

void
lk_feature_lists_install_async (LkSession           *session,
                                const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  InstallJob *job = g_new0 (InstallJob, 1);

  job->session = g_object_ref (session);
  job->path = g_strdup (path);
  lk_task_run (session, cancellable, callback, user_data, lk_feature_lists_install_async,
               install_job, job, (GDestroyNotify) install_job_free, g_free);
}

char *
lk_feature_lists_install_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return lk_task_finish (result, lk_feature_lists_install_async, error);
}
