/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "reference/lk-data.h"
#include "reference/lk-feature-component-private.h"
#include "lk-error.h"
#include "lk-task.h"
#include "governance/lk-editions-private.h"
#include "governance/lk-feature-lists.h"
#include "store/lk-store-private.h"
#include "people/lk-session.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

#define CURRENT_KEY "feature_list_edition"

static const LkEditionKind feature_lists = {
  "feature_lists", CURRENT_KEY, "feature list", "edition",
  "give the corrected list a new edition name (examinations refer to editions by name)", 0
};

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

JsonObject *
lk_feature_lists_for_edition (LkStore     *store,
                              const char  *edition,
                              GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (LK_IS_STORE (store), NULL);
  g_return_val_if_fail (edition != NULL, NULL);

  if (g_str_equal (edition, lk_feature_list_edition ()))
    return json_object_ref (lk_feature_list ());
  if ((bytes = lk_editions_read_content (store, &feature_lists, edition, error)) == NULL)
    return NULL;
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

/* The hash the shipped list is bound to when @edition is its name, else NULL. */
static gboolean
shipped_sha256 (const char  *edition,
                char       **sha256,
                GError     **error)
{
  g_autoptr(GBytes) shipped = NULL;

  *sha256 = NULL;
  if (!g_str_equal (edition, lk_feature_list_edition ()))
    return TRUE;
  if ((shipped = lk_data_file_lookup ("data/feature-list.json", error)) == NULL)
    return FALSE;
  *sha256 = lk_editions_sha256 (shipped);
  return TRUE;
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

  if ((*bytes = lk_editions_read_file (&feature_lists, path, error)) == NULL)
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
  g_autofree char *shipped = NULL;
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
  sha256 = lk_editions_sha256 (bytes);
  if ((previous = lk_feature_lists_current_edition (store, error)) == NULL ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      !shipped_sha256 (edition, &shipped, error) ||
      !lk_editions_install (store, &feature_lists, lk_session_get_user_id (session), edition,
                            bytes, sha256, shipped, &is_new, error))
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
