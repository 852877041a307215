/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a report is written from: the case record, the candidate lists with their provenance,
 * reveals and triage, and the case's audit events. */
#include "config.h"

#include "report/lk-report-private.h"

#include "casework/lk-cases.h"
#include "governance/lk-audit-log-private.h"
#include "lk-util.h"
#include "store/lk-store-private.h"

void
lk_report_data_clear (LkReportData *data)
{
  g_clear_pointer (&data->record, json_object_unref);
  g_clear_pointer (&data->lists, json_array_unref);
  g_clear_pointer (&data->events, g_ptr_array_unref);
  g_clear_pointer (&data->head_hash, g_free);
  g_clear_pointer (&data->generated_by, g_free);
  g_clear_pointer (&data->generated_at, g_free);
}

const char *
lk_report_str (JsonObject *o,
               const char *name)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

char *
lk_report_words (JsonObject *o,
                 const char *name)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup ("-");
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING)
        g_string_append_printf (out, "%s%s", out->len ? ", " : "", json_node_get_string (e));
    }
  return out->len ? g_string_free (g_steal_pointer (&out), FALSE) : g_strdup ("none");
}

/* ---- candidate lists ----------------------------------------------------------------------- */

#define TEXT(i) lk_stmt_text (stmt, (i))

static void
set_text (JsonObject *o,
          const char *name,
          const char *value)
{
  if (value != NULL)
    json_object_set_string_member (o, name, value);
  else
    json_object_set_null_member (o, name);
}

static JsonArray *
read_rows (LkStore     *store,
           const char  *sql,
           gint64       id,
           const char * const *names,
           GError     **error)
{
  g_autoptr(JsonArray) rows = json_array_new ();
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, id);
  while (lk_stmt_next (stmt, error))
    {
      JsonObject *o = json_object_new ();

      for (int i = 0; names[i] != NULL; i++)
        if (lk_stmt_is_null (stmt, i))
          json_object_set_null_member (o, names[i]);
        else if (lk_stmt_is_integer (stmt, i))
          json_object_set_int_member (o, names[i], lk_stmt_int64 (stmt, i));
        else if (lk_stmt_is_real (stmt, i))
          json_object_set_double_member (o, names[i], lk_stmt_double (stmt, i));
        else
          set_text (o, names[i], TEXT (i));
      json_array_add_object_element (rows, o);
    }
  if (lk_stmt_failed (stmt))
    return NULL;
  return g_steal_pointer (&rows);
}

static const char * const list_names[] = {
  "id", "probe", "engine", "engine_version", "database", "legal_basis", "held_by", "threshold",
  "max_candidates", "list_length", "performed_at", "search_ms", "source_format",
  "source_sha256", "imported_by", "imported_at", "shuffled", NULL,
};
static const char * const reveal_names[] = { "by", "at", "reason", NULL };
static const char * const candidate_names[] = {
  "id", "rank", "subject_ref", "image_sha256", "triage_state", "triage_reason", "triage_by",
  "triage_at", NULL,
};

static gboolean
add_list_parts (LkStore     *store,
                JsonObject  *list,
                GError     **error)
{
  gint64 id = json_object_get_int_member (list, "id");
  JsonArray *reveals =
    read_rows (store, "SELECT u.name, r.at, r.reason FROM score_reveals r"
                      " JOIN users u ON u.id = r.user_id WHERE r.list_id = ? ORDER BY r.id",
               id, reveal_names, error);
  JsonArray *candidates = reveals == NULL ? NULL :
    read_rows (store, "SELECT k.id, k.rank, k.subject_ref, k.image_sha256, k.triage_state,"
                      " k.triage_reason, u.name, k.triage_at FROM candidates k"
                      " LEFT JOIN users u ON u.id = k.triage_by WHERE k.list_id = ?"
                      " ORDER BY k.rank", id, candidate_names, error);

  if (candidates == NULL)
    {
      g_clear_pointer (&reveals, json_array_unref);
      return FALSE;
    }
  json_object_set_array_member (list, "reveals", reveals);
  json_object_set_array_member (list, "candidates", candidates);
  return TRUE;
}

static JsonArray *
read_lists (LkStore  *store,
            gint64    case_id,
            GError  **error)
{
  g_autoptr(JsonArray) lists =
    read_rows (store, "SELECT l.id, l.probe_id, l.engine_name, l.engine_version, d.name,"
                      " d.legal_basis, d.held_by, l.threshold, l.max_candidates, l.list_length,"
                      " l.performed_at, l.search_ms, l.source_format, l.source_sha256, u.name,"
                      " l.imported_at, EXISTS (SELECT 1 FROM list_presentations s"
                      "   WHERE s.list_id = l.id)"
                      " FROM candidate_lists l JOIN probes p ON p.id = l.probe_id"
                      " JOIN reference_databases d ON d.id = l.reference_db_id"
                      " JOIN users u ON u.id = l.imported_by WHERE p.case_id = ?"
                      " ORDER BY l.id", case_id, list_names, error);

  for (guint i = 0; lists != NULL && i < json_array_get_length (lists); i++)
    if (!add_list_parts (store, json_array_get_object_element (lists, i), error))
      return NULL;
  return g_steal_pointer (&lists);
}

static gint64
case_id_of (LkStore     *store,
            const char  *number,
            GError     **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT id FROM cases WHERE number = ?", error);

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_text (stmt, 1, number);
  if (!lk_stmt_row (stmt, error, "There is no case %s", number))
    return 0;
  return lk_stmt_int64 (stmt, 0);
}

gboolean
lk_report_data_read (LkSession     *session,
                     const char    *number,
                     LkReportData  *data,
                     GError       **error)
{
  LkStore *store = lk_session_get_store (session);

  data->session = session;
  data->store = store;
  data->demo = lk_store_is_demo (store);
  data->generated_by = g_strdup (lk_session_get_user_name (session));
  data->generated_at = lk_now_utc ();
  return (data->record = lk_cases_to_json (session, number, error)) != NULL &&
         (data->case_id = case_id_of (store, number, error)) != 0 &&
         (data->lists = read_lists (store, data->case_id, error)) != NULL &&
         (data->events = lk_audit_log_case_events (store, data->case_id, number, &data->head_seq,
                                                   &data->head_hash, error)) != NULL;
}
