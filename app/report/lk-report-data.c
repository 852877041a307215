/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a report is written from: the case record, the candidate lists with their provenance,
 * reveals and triage, and the case's audit events. */
#include "config.h"

#include "report/lk-report-private.h"

#include "candidates/lk-candidate-lists-private.h"
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

gint64
lk_report_case_id (LkStore     *store,
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
         (data->case_id = lk_report_case_id (store, number, error)) != 0 &&
         (data->lists = lk_candidate_lists_read (store, data->case_id, error)) != NULL &&
         (data->events = lk_audit_log_case_events (store, data->case_id, number, &data->head_seq,
                                                   &data->head_hash, error)) != NULL;
}
