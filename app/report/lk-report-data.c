/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a report is written from: the case record, the candidate lists with their provenance,
 * reveals and triage, and the case's audit events. */
#include "config.h"

#include "report/lk-report-private.h"

#include "candidates/lk-candidate-lists-private.h"
#include "casework/lk-cases.h"
#include "governance/lk-audit-log.h"
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

#define TEXT(i) lk_stmt_text (stmt, (i))

/* ---- audit events -------------------------------------------------------------------------- */

typedef struct
{
  GHashTable *objects;
  GPtrArray  *events;
  gint64      head_seq;
  char       *head_hash;
} EventScan;

static gboolean
keep_event (const LkAuditEvent  *event,
            gpointer             user_data,
            GError             **error)
{
  EventScan *scan = user_data;

  scan->head_seq = event->seq;
  g_free (scan->head_hash);
  scan->head_hash = g_strdup (event->hash);
  if (g_hash_table_contains (scan->objects, event->object))
    {
      LkAuditEvent *copy = g_new0 (LkAuditEvent, 1);

      copy->seq = event->seq;
      copy->at = g_strdup (event->at);
      copy->user = g_strdup (event->user);
      copy->role = g_strdup (event->role);
      copy->action = g_strdup (event->action);
      copy->object = g_strdup (event->object);
      copy->details = g_strdup (event->details);
      copy->prev_hash = g_strdup (event->prev_hash);
      copy->hash = g_strdup (event->hash);
      g_ptr_array_add (scan->events, copy);
    }
  return TRUE;
}

/* The objects of the case as the audit log names them. */
static GHashTable *
case_objects (LkStore     *store,
              gint64       case_id,
              const char  *number,
              GError     **error)
{
  g_autoptr(GHashTable) objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT 'probe:' || id FROM probes WHERE case_id = ?1"
                          " UNION ALL SELECT 'candidate-list:' || l.id FROM candidate_lists l"
                          "   JOIN probes p ON p.id = l.probe_id WHERE p.case_id = ?1"
                          " UNION ALL SELECT 'candidate:' || k.id FROM candidates k"
                          "   JOIN candidate_lists l ON l.id = k.list_id"
                          "   JOIN probes p ON p.id = l.probe_id WHERE p.case_id = ?1"
                          " UNION ALL SELECT 'examination:' || e.id FROM examinations e"
                          "   JOIN probes p ON p.id = e.probe_id WHERE p.case_id = ?1"
                          " UNION ALL SELECT 'verification:' || v.id FROM verifications v"
                          "   JOIN examinations e ON e.id = v.examination_id"
                          "   JOIN probes p ON p.id = e.probe_id WHERE p.case_id = ?1",
                   error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, case_id);
  g_hash_table_add (objects, g_strdup (number));
  while (lk_stmt_next (stmt, error))
    g_hash_table_add (objects, g_strdup (TEXT (0)));
  if (lk_stmt_failed (stmt))
    return NULL;
  return g_steal_pointer (&objects);
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
  EventScan scan = { NULL, NULL, 0, NULL };
  gint64 case_id;

  data->session = session;
  data->store = store;
  data->demo = lk_store_is_demo (store);
  data->generated_by = g_strdup (lk_session_get_user_name (session));
  data->generated_at = lk_now_utc ();
  if ((data->record = lk_cases_to_json (session, number, error)) == NULL ||
      (case_id = case_id_of (store, number, error)) == 0 ||
      (data->lists = lk_candidate_lists_read (store, case_id, error)) == NULL ||
      (scan.objects = case_objects (store, case_id, number, error)) == NULL)
    return FALSE;
  scan.events = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_audit_event_free);
  if (!lk_audit_foreach (store, keep_event, &scan, error))
    {
      g_hash_table_unref (scan.objects);
      g_ptr_array_unref (scan.events);
      g_free (scan.head_hash);
      return FALSE;
    }
  g_hash_table_unref (scan.objects);
  data->events = scan.events;
  data->head_seq = scan.head_seq;
  data->head_hash = scan.head_hash;
  return TRUE;
}
