/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Probes as JSON: what `case show --json` and the probe page read. */
#include "config.h"

#include "lk-json.h"

#include "lk-error.h"
#include "casework/lk-probes.h"
#include "store/lk-store-private.h"
#include "people/lk-session.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"
#include "casework/lk-probes-private.h"
#include "examination/lk-conclusions-private.h"
#include "examination/lk-examinations-private.h"

#define PROBE_COLUMNS \
  "p.id, p.image_sha256, p.file_name, p.media_type, p.width, p.height, p.source_type, p.kind," \
  " p.acquired_by, p.acquired_at, p.authority, p.custody_note, p.simulated, p.metadata," \
  " p.faces, p.face_index, p.status, u.name, p.imported_at, c.number" \
  " FROM probes p JOIN users u ON u.id = p.imported_by JOIN cases c ON c.id = p.case_id"

#define TEXT(i) (lk_stmt_text (stmt, (i)))

static JsonObject *
provenance_json (LkStmt *stmt)
{
  JsonObject *o = json_object_new ();
  static const char * const names[] = {
    "source_type", "kind", "acquired_by", "acquired_at", "authority", "custody_note",
  };

  for (int i = 0; i < 6; i++)
    json_object_set_string_member (o, names[i], TEXT (6 + i));
  json_object_set_boolean_member (o, "simulated", lk_stmt_int (stmt, 12) != 0);
  return o;
}

static JsonObject *
analysis_row_json (LkStmt *stmt)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "revision", lk_stmt_int (stmt, 0));
  json_object_set_string_member (o, "suitability", TEXT (1));
  json_object_set_member (o, "factors", lk_json_parse (TEXT (2)));
  json_object_set_member (o, "components", lk_json_parse (TEXT (3)));
  json_object_set_string_member (o, "notes", TEXT (4));
  json_object_set_string_member (o, "feature_list", TEXT (5));
  json_object_set_string_member (o, "examiner", TEXT (6));
  json_object_set_string_member (o, "locked_at", TEXT (7));
  if (!lk_stmt_is_null (stmt, 8))
    json_object_set_string_member (o, "amendment_reason", TEXT (8));
  if (!lk_stmt_is_null (stmt, 9))
    json_object_set_int_member (o, "face_index", lk_stmt_int (stmt, 9));
  return o;
}

static JsonArray *
revisions_json (LkStore *store,
                gint64   probe_id)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT a.revision, a.suitability, a.factors, a.components, a.notes,"
                          " a.feature_list, u.name, a.locked_at, a.amendment_reason, a.face_index"
                          " FROM analyses a JOIN users u ON u.id = a.examiner_id"
                          " WHERE a.probe_id = ? ORDER BY a.revision", NULL);
  JsonArray *revisions = json_array_new ();

  if (stmt == NULL)
    return revisions;
  lk_stmt_bind_int64 (stmt, 1, probe_id);
  while (lk_stmt_next (stmt, NULL))
    json_array_add_object_element (revisions, analysis_row_json (stmt));
  return revisions;
}

static void
set_chosen_quality (JsonObject *o,
                    JsonArray  *faces,
                    LkStmt     *stmt)
{
  JsonObject *face;

  if (lk_stmt_is_null (stmt, 15) || faces == NULL)
    {
      json_object_set_null_member (o, "face_index");
      json_object_set_null_member (o, "quality");
      return;
    }
  json_object_set_int_member (o, "face_index", lk_stmt_int (stmt, 15));
  face = json_array_get_object_element (faces, lk_stmt_int (stmt, 15));
  if (face != NULL && json_object_has_member (face, "quality"))
    json_object_set_member (o, "quality", json_node_copy (json_object_get_member (face, "quality")));
  else
    json_object_set_null_member (o, "quality");
}

static JsonObject *
probe_json (LkStore *store,
            LkStmt  *stmt)
{
  JsonObject *o = json_object_new ();
  gint64 id = lk_stmt_int64 (stmt, 0);
  JsonNode *faces = lk_json_parse (TEXT (14));
  JsonArray *revisions = revisions_json (store, id);
  JsonArray *examinations;
  guint n = json_array_get_length (revisions);

  json_object_set_int_member (o, "id", id);
  json_object_set_string_member (o, "case", TEXT (19));
  json_object_set_string_member (o, "sha256", TEXT (1));
  json_object_set_string_member (o, "file_name", TEXT (2));
  json_object_set_string_member (o, "media_type", TEXT (3));
  json_object_set_int_member (o, "width", lk_stmt_int64 (stmt, 4));
  json_object_set_int_member (o, "height", lk_stmt_int64 (stmt, 5));
  json_object_set_string_member (o, "status", TEXT (16));
  json_object_set_object_member (o, "provenance", provenance_json (stmt));
  json_object_set_member (o, "metadata", lk_json_parse (TEXT (13)));
  json_object_set_member (o, "faces", faces);
  set_chosen_quality (o, JSON_NODE_HOLDS_ARRAY (faces) ? json_node_get_array (faces) : NULL,
                      stmt);
  if (n > 0)
    json_object_set_object_member (o, "analysis",
                                   json_object_ref (json_array_get_object_element (revisions,
                                                                                   n - 1)));
  else
    json_object_set_null_member (o, "analysis");
  json_object_set_array_member (o, "analysis_revisions", revisions);
  examinations = lk_examinations_json_for_probe (store, id);
  /* Feature observations and conclusions (each with its lead-only statement) per examination;
   * like the revisions above, a read failure leaves them out rather than losing the case. */
  lk_conclusions_add_json_all (store, examinations, NULL);
  json_object_set_array_member (o, "examinations", examinations);
  json_object_set_string_member (o, "imported_by", TEXT (17));
  json_object_set_string_member (o, "imported_at", TEXT (18));
  return o;
}

JsonArray *
lk_probes_json_for_case (LkStore  *store,
                         gint64    case_id,
                         GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT " PROBE_COLUMNS
                                                 " WHERE p.case_id = ? ORDER BY p.id", error);
  g_autoptr(JsonArray) probes = json_array_new ();

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, case_id);
  while (lk_stmt_next (stmt, error))
    json_array_add_object_element (probes, probe_json (store, stmt));
  if (lk_stmt_failed (stmt))
    return NULL;
  return g_steal_pointer (&probes);
}

JsonObject *
lk_probes_get (LkSession  *session,
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
  stmt = lk_store_stmt (store, "SELECT " PROBE_COLUMNS " WHERE p.id = ?", error);
  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, probe_id);
  if (lk_stmt_next (stmt, error))
    return probe_json (store, stmt);
  g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND, "There is no probe %" G_GINT64_FORMAT,
               probe_id);
  return NULL;
}
