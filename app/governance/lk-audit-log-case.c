/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit events of one case: every event whose object is the case or one of its probes,
 * candidate lists, candidates, examinations or verifications, read in one walk of the chain
 * that also finds its head. */
#include "config.h"

#include "governance/lk-audit-log-private.h"

#include "store/lk-store-private.h"

typedef struct
{
  GHashTable *objects;
  GPtrArray  *events;
  gint64      head_seq;
  char       *head_hash;
} EventScan;

static LkAuditEvent *
event_copy (const LkAuditEvent *event)
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
  return copy;
}

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
    g_ptr_array_add (scan->events, event_copy (event));
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
    g_hash_table_add (objects, g_strdup (lk_stmt_text (stmt, 0)));
  if (lk_stmt_failed (stmt))
    return NULL;
  return g_steal_pointer (&objects);
}

GPtrArray *
lk_audit_log_case_events (LkStore     *store,
                          gint64       case_id,
                          const char  *number,
                          gint64      *head_seq,
                          char       **head_hash,
                          GError     **error)
{
  g_autoptr(GHashTable) objects = case_objects (store, case_id, number, error);
  g_autoptr(GPtrArray) events = NULL;
  EventScan scan = { NULL, NULL, 0, NULL };

  if (objects == NULL)
    return NULL;
  events = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_audit_event_free);
  scan.objects = objects;
  scan.events = events;
  if (!lk_audit_foreach (store, keep_event, &scan, error))
    {
      g_free (scan.head_hash);
      return NULL;
    }
  *head_seq = scan.head_seq;
  *head_hash = scan.head_hash;
  return g_steal_pointer (&events);
}
