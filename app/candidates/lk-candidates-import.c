/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Candidate-list import: everything checked first, then one transaction; and its preview. */
#include "config.h"

#include "lk-json.h"

#include <math.h>

#include "candidates/lk-list-provenance-private.h"
#include "candidates/lk-candidates.h"
#include "candidates/lk-reference-db-private.h"
#include "lk-error.h"
#include "lk-util.h"
#include "lk-task.h"
#include "governance/lk-policy.h"
#include "casework/lk-probes.h"
#include "store/lk-image-store.h"
#include "store/lk-store-private.h"
#include "engine/lk-candidate-list.h"
#include "people/lk-roles.h"
#include "people/lk-session.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"
#include "candidates/lk-candidates-private.h"
#include "casework/lk-probes-private.h"
#include "casework/lk-analysis-private.h"

#define TEXT(i) (lk_stmt_text (stmt, (i)))

/* ---- the probe a list belongs to --------------------------------------------------------- */


/* ---- import ------------------------------------------------------------------------------ */

static LkCandidateList *
load_list (LkStore     *store,
           const char  *path,
           GError     **error)
{
  LkCandidateLimits limits = { 0 };
  gint64 max_candidates = 0;

  if (!lk_policy_get_int (store, "max_candidates", &max_candidates, error) ||
      !lk_policy_get_double (store, "max_image_megapixels", &limits.max_megapixels, error) ||
      !lk_policy_get_double (store, "max_image_megabytes", &limits.max_megabytes, error))
    return NULL;
  limits.max_entries = (int) max_candidates;
  return lk_candidate_list_load (path, &limits, error);
}

static gboolean
check_not_imported (LkStore                *store,
                    gint64                  probe_id,
                    const LkCandidateList  *list,
                    const char             *name,
                    GError                **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT id FROM candidate_lists WHERE probe_id = ? AND"
                          " source_sha256 = ?", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, probe_id);
  lk_stmt_bind_text (stmt, 2, list->source_sha256);
  if (!lk_stmt_next (stmt, error))
    return !lk_stmt_failed (stmt);
  g_set_error (error, LK_ERROR, LK_ERROR_EXISTS,
               "%s: this list was already imported for probe %" G_GINT64_FORMAT " (list %"
               G_GINT64_FORMAT ")", name, probe_id, (gint64) lk_stmt_int64 (stmt, 0));
  return FALSE;
}

static gint64
find_reference_db (LkStore                *store,
                   const LkCandidateList  *list,
                   const char             *name,
                   char                  **legal_basis,
                   GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *quoted = NULL;
  gint64 id = lk_reference_db_lookup (store, list->reference_db_name, legal_basis, &local_error);

  if (id != 0 || !g_error_matches (local_error, LK_ERROR, LK_ERROR_NOT_FOUND))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return id;
    }
  quoted = g_shell_quote (list->reference_db_name);
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "%s: the reference database “%s” is not registered. Every list must come from a "
               "reference database registered with its legal basis; an administrator registers "
               "it with: likeness-cli gallery create %s --legal-basis TEXT --external", name,
               list->reference_db_name, quoted);
  return 0;
}

/* What must hold between a loaded list and the database: checked for a preview, and again
 * inside the import's transaction. */
static gint64
check_list_for_probe (LkStore                *store,
                      gint64                  probe_id,
                      const LkProbePlace        *probe,
                      const LkCandidateList  *list,
                      const char             *path,
                      char                  **legal_basis,
                      GError                **error)
{
  g_autofree char *name = g_path_get_basename (path);
  gint64 db_id = find_reference_db (store, list, name, legal_basis, error);

  if (db_id == 0)
    return 0;
  if (list->probe_sha256 != NULL && !g_str_equal (list->probe_sha256, probe->sha256))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "%s: the list was made for the probe image %s, but probe %" G_GINT64_FORMAT
                   " is %s", name, list->probe_sha256, probe_id, probe->sha256);
      return 0;
    }
  return check_not_imported (store, probe_id, list, name, error) ? db_id : 0;
}

static gint64
insert_list_row (LkStore                *store,
                 gint64                  probe_id,
                 gint64                  reference_db_id,
                 const LkCandidateList  *list,
                 double                  search_ms,
                 gint64                  user_id,
                 GError                **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO candidate_lists (probe_id, engine_name, engine_version,"
                          " reference_db_id, threshold, max_candidates, list_length, performed_at,"
                          " search_ms, source_format, source_sha256, imported_by, imported_at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_int64 (stmt, 1, probe_id);
  lk_stmt_bind_text (stmt, 2, list->engine_name);
  lk_stmt_bind_text (stmt, 3, list->engine_version);
  lk_stmt_bind_int64 (stmt, 4, reference_db_id);
  if (list->has_threshold)
    lk_stmt_bind_double (stmt, 5, list->threshold);
  if (list->max_candidates > 0)
    lk_stmt_bind_int (stmt, 6, list->max_candidates);
  lk_stmt_bind_int (stmt, 7, (int) list->entries->len);
  lk_stmt_bind_text (stmt, 8, list->performed_at);
  if (search_ms >= 0)
    lk_stmt_bind_double (stmt, 9, search_ms);
  lk_stmt_bind_text (stmt, 10, list->format);
  lk_stmt_bind_text (stmt, 11, list->source_sha256);
  lk_stmt_bind_int64 (stmt, 12, user_id);
  lk_stmt_bind_text (stmt, 13, now);
  return lk_stmt_insert (stmt, error);
}

static char *
metadata_text (JsonObject *metadata)
{
  g_autoptr(JsonObject) empty = json_object_new ();
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (),
                                                    metadata != NULL ? metadata : empty);

  return json_to_string (node, FALSE);
}

static gboolean
insert_candidate (LkStore                 *store,
                  gint64                   list_id,
                  const LkCandidateEntry  *e,
                  GError                 **error)
{
  g_autofree char *sha256 = NULL;
  g_autofree char *metadata = metadata_text (e->metadata);
  g_autoptr(LkStmt) stmt = NULL;

  if (!lk_image_store_put (store, e->image, e->media_type, &sha256, error) ||
      (stmt = lk_store_stmt (store, "INSERT INTO candidates (list_id, rank, score, subject_ref,"
                                    " image_sha256, metadata, display_order)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?)", error)) == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, list_id);
  lk_stmt_bind_int (stmt, 2, e->rank);
  lk_stmt_bind_double (stmt, 3, e->score);
  lk_stmt_bind_text (stmt, 4, e->subject_ref);
  lk_stmt_bind_text (stmt, 5, sha256);
  lk_stmt_bind_text (stmt, 6, metadata);
  lk_stmt_bind_int (stmt, 7, e->rank);
  return lk_stmt_done (stmt, error);
}

gint64
lk_candidates_insert_list (LkStore                *store,
                           gint64                  probe_id,
                           gint64                  reference_db_id,
                           const LkCandidateList  *list,
                           double                  search_ms,
                           gint64                  user_id,
                           GError                **error)
{
  gint64 list_id;

  g_return_val_if_fail (lk_store_in_transaction (store), 0);

  list_id = insert_list_row (store, probe_id, reference_db_id, list, search_ms, user_id, error);
  if (list_id == 0)
    return 0;
  for (guint i = 0; i < list->entries->len; i++)
    if (!insert_candidate (store, list_id, g_ptr_array_index (list->entries, i), error))
      return 0;
  return list_id;
}

/* The facts recorded with every list (never a rank or a score); the same member names as
 * lk_candidates_list_json. */
static JsonObject *
list_facts (const LkCandidateList *list,
            const char            *path,
            const char            *legal_basis)
{
  JsonObject *o = json_object_new ();
  g_autofree char *name = g_path_get_basename (path);

  json_object_set_string_member (o, "file", name);
  json_object_set_string_member (o, "source_format", list->format);
  json_object_set_string_member (o, "source_sha256", list->source_sha256);
  if (list->sidecar_sha256 != NULL)
    json_object_set_string_member (o, "sidecar_sha256", list->sidecar_sha256);
  json_object_set_string_member (o, "engine_name", list->engine_name);
  json_object_set_string_member (o, "engine_version", list->engine_version);
  json_object_set_string_member (o, "reference_database", list->reference_db_name);
  lk_json_set_text (o, "legal_basis", legal_basis);
  if (list->reference_db_legal_basis != NULL)
    json_object_set_string_member (o, "legal_basis_in_file", list->reference_db_legal_basis);
  json_object_set_string_member (o, "performed_at", list->performed_at);
  if (list->has_threshold)
    json_object_set_double_member (o, "threshold", list->threshold);
  else
    json_object_set_null_member (o, "threshold");
  if (list->max_candidates > 0)
    json_object_set_int_member (o, "max_candidates", list->max_candidates);
  else
    json_object_set_null_member (o, "max_candidates");
  json_object_set_int_member (o, "list_length", list->entries->len);
  return o;
}

static gint64
store_list (LkSession              *session,
            const LkActor          *actor,
            gint64                  probe_id,
            const LkCandidateList  *list,
            const char             *path,
            GError                **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = lk_txn_begin (store, error);
  g_auto(LkProbePlace) probe = { 0 };
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *legal_basis = NULL;
  g_autofree char *object = NULL;
  gint64 db_id, list_id;

  /* The case, the probe or the register may have moved while the images were checked. */
  if (txn == NULL ||
      !lk_probes_read_place (store, probe_id, &probe, error) ||
      !lk_candidates_check_case_open (&probe, "lists are imported", error) ||
      (db_id = check_list_for_probe (store, probe_id, &probe, list, path, &legal_basis,
                                     error)) == 0 ||
      (list_id = lk_candidates_insert_list (store, probe_id, db_id, list, -1,
                                            lk_session_get_user_id (session), error)) == 0)
    return 0;
  details = list_facts (list, path, legal_basis);
  json_object_set_int_member (details, "probe", probe_id);
  json_object_set_string_member (details, "case", probe.case_number);
  object = lk_object_name ("candidate-list", list_id);
  if (!lk_audit_append (store, actor, "candidates.imported", object, details, error) ||
      !lk_txn_commit (txn, error))
    return 0;
  return list_id;
}

/* The examiner, the unmasking gate and the case, before the (slow) load. */
static gboolean
begin_import (LkSession   *session,
              gint64       probe_id,
              LkActor     *actor,
              LkProbePlace   *probe,
              GError     **error)
{
  return lk_session_require (session, LK_ROLE_EXAMINER, actor, error) &&
         lk_analysis_require_unmasked (session, probe_id, error) &&
         lk_probes_read_place (lk_session_get_store (session), probe_id, probe, error) &&
         lk_candidates_check_case_open (probe, "lists are imported", error);
}

gint64
lk_candidates_import (LkSession   *session,
                      gint64       probe_id,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(LkCandidateList) list = NULL;
  g_auto(LkProbePlace) probe = { 0 };
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), 0);
  g_return_val_if_fail (path != NULL, 0);

  if (!begin_import (session, probe_id, &actor, &probe, error) ||
      (list = load_list (lk_session_get_store (session), path, error)) == NULL)
    return 0;
  return store_list (session, &actor, probe_id, list, path, error);
}

JsonObject *
lk_candidates_preview (LkSession   *session,
                       gint64       probe_id,
                       const char  *path,
                       GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkCandidateList) list = NULL;
  g_auto(LkProbePlace) probe = { 0 };
  g_autofree char *legal_basis = NULL;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!begin_import (session, probe_id, &actor, &probe, error) ||
      (list = load_list (store, path, error)) == NULL ||
      check_list_for_probe (store, probe_id, &probe, list, path, &legal_basis, error) == 0)
    return NULL;
  return list_facts (list, path, legal_basis);
}

/* ---- in a worker thread ------------------------------------------------------------------ */

typedef struct
{
  LkSession *session;
  gint64     probe_id;
  char      *path;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->session);
  g_free (job->path);
  g_free (job);
}

static ImportJob *
import_job_new (LkSession  *session,
                gint64      probe_id,
                const char *path)
{
  ImportJob *job = g_new0 (ImportJob, 1);

  job->session = g_object_ref (session);
  job->probe_id = probe_id;
  job->path = g_strdup (path);
  return job;
}

static gpointer
import_job (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ImportJob *job = data;
  gint64 id = lk_candidates_import (job->session, job->probe_id, job->path, error);

  return id != 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

void
lk_candidates_import_async (LkSession           *session,
                            gint64               probe_id,
                            const char          *path,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  lk_task_run (session, cancellable, callback, user_data, lk_candidates_import_async,
               import_job, import_job_new (session, probe_id, path),
               (GDestroyNotify) import_job_free, g_free);
}

gint64
lk_candidates_import_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_autofree gint64 *id = lk_task_finish (result, lk_candidates_import_async, error);

  return id != NULL ? *id : 0;
}

static gpointer
preview_job (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ImportJob *job = data;

  g_autoptr(JsonObject) facts = lk_candidates_preview (job->session, job->probe_id, job->path,
                                                       error);

  return facts != NULL ? lk_list_provenance_new_from_json (facts) : NULL;
}

void
lk_candidates_preview_async (LkSession           *session,
                             gint64               probe_id,
                             const char          *path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  lk_task_run (session, cancellable, callback, user_data, lk_candidates_preview_async,
               preview_job, import_job_new (session, probe_id, path),
               (GDestroyNotify) import_job_free, g_object_unref);
}

LkListProvenance *
lk_candidates_preview_finish (GAsyncResult  *result,
                              GError       **error)
{
  return lk_task_finish (result, lk_candidates_preview_async, error);
}
