/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading probes: the LkProbe records the probe page reads, and the JSON of `case show --json`
 * written from those same records. */
#include "config.h"

#include "lk-json.h"

#include "lk-error.h"
#include "casework/lk-probes.h"
#include "store/lk-store-private.h"
#include "people/lk-session.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"
#include "casework/lk-probe-analysis-private.h"
#include "casework/lk-probe-frame-private.h"
#include "casework/lk-probe-private.h"
#include "casework/lk-probes-private.h"
#include "examination/lk-conclusions-private.h"
#include "examination/lk-examinations-private.h"

/* The locked revisions of the analysis, oldest first. */
static GListModel *
read_revisions (LkStore  *store,
                gint64    probe_id,
                GError  **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT " LK_PROBE_ANALYSIS_COLUMNS
                                                 " WHERE a.probe_id = ? ORDER BY a.revision",
                                          error);
  g_autoptr(GListStore) revisions = g_list_store_new (LK_TYPE_PROBE_ANALYSIS);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, probe_id);
  while (lk_stmt_next (stmt, error))
    {
      g_autoptr(LkProbeAnalysis) revision = lk_probe_analysis_new_from_row (stmt);

      g_list_store_append (revisions, revision);
    }
  if (lk_stmt_failed (stmt))
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&revisions));
}

/* The probe on the current row of @stmt (LK_PROBE_COLUMNS), with its revisions. */
static LkProbe *
probe_from_row (LkStore  *store,
                LkStmt   *stmt,
                GError  **error)
{
  g_autoptr(GListModel) revisions = read_revisions (store, lk_stmt_int64 (stmt, 0), error);
  g_autoptr(LkProbe) probe = NULL;
  g_autofree char *upright = NULL;
  int width = lk_stmt_int (stmt, 4), height = lk_stmt_int (stmt, 5);

  if (revisions == NULL ||
      !lk_probe_frame_upright_faces (store, lk_stmt_text (stmt, 1), lk_stmt_text (stmt, 21),
                                     lk_stmt_text (stmt, 13), lk_stmt_text (stmt, 14), &width,
                                     &height, &upright, error))
    return NULL;
  probe = lk_probe_new_from_row (stmt, revisions);
  /* An old probe's faces, stored unrotated, are shown, measured and searched upright. */
  if (upright != NULL)
    lk_probe_set_upright_faces (probe, upright, width, height);
  return g_steal_pointer (&probe);
}

/* The probe with its examinations, each with its feature observations and conclusions (and
 * their lead-only statements). */
static JsonObject *
probe_json (LkStore  *store,
            LkProbe  *probe,
            GError  **error)
{
  g_autoptr(JsonArray) examinations = lk_examinations_json_for_probe (store,
                                                                      lk_probe_get_id (probe),
                                                                      error);

  if (examinations == NULL || !lk_conclusions_add_json_all (store, examinations, error))
    return NULL;
  return lk_probe_to_json (probe, g_steal_pointer (&examinations));
}

JsonArray *
lk_probes_json_for_case (LkStore  *store,
                         gint64    case_id,
                         GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT " LK_PROBE_COLUMNS
                                                 " WHERE p.case_id = ? ORDER BY p.id", error);
  g_autoptr(JsonArray) probes = json_array_new ();

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, case_id);
  while (lk_stmt_next (stmt, error))
    {
      g_autoptr(LkProbe) probe = probe_from_row (store, stmt, error);
      JsonObject *o = probe != NULL ? probe_json (store, probe, error) : NULL;

      if (o == NULL)
        return NULL;
      json_array_add_object_element (probes, o);
    }
  if (lk_stmt_failed (stmt))
    return NULL;
  return g_steal_pointer (&probes);
}

/* The role check and the audit record of a consultation, then the probe. */
static LkProbe *
read_probe (LkSession  *session,
            gint64      probe_id,
            GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkStoreLock) locker = NULL;
  g_autoptr(LkStmt) stmt = NULL;
  g_autofree char *object = g_strdup_printf ("probe:%" G_GINT64_FORMAT, probe_id);
  LkActor actor;

  if (!lk_session_require (session, LK_ROLE_EXAMINER | LK_ROLE_REVIEWER | LK_ROLE_ADMINISTRATOR,
                           &actor, error) ||
      !lk_audit_record (store, &actor, "probe.viewed", object, NULL, error))
    return NULL;
  locker = lk_store_lock (store);
  stmt = lk_store_stmt (store, "SELECT " LK_PROBE_COLUMNS " WHERE p.id = ?", error);
  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, probe_id);
  if (lk_stmt_next (stmt, error))
    return probe_from_row (store, stmt, error);
  if (!lk_stmt_failed (stmt))
    g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND, "There is no probe %" G_GINT64_FORMAT,
                 probe_id);
  return NULL;
}

LkProbe *
lk_probes_get_probe (LkSession  *session,
                     gint64      probe_id,
                     GError    **error)
{
  g_return_val_if_fail (LK_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_probe (session, probe_id, error);
}

JsonObject *
lk_probes_get (LkSession  *session,
               gint64      probe_id,
               GError    **error)
{
  LkStore *store;
  g_autoptr(LkStoreLock) locker = NULL;
  g_autoptr(LkProbe) probe = NULL;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  store = lk_session_get_store (session);
  probe = read_probe (session, probe_id, error);
  if (probe == NULL)
    return NULL;
  locker = lk_store_lock (store);
  return probe_json (store, probe, error);
}
