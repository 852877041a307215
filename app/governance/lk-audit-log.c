/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Verification and export of the audit log, behind the role gate. */
#include "config.h"

#include <string.h>

#include "governance/lk-audit-log.h"
#include "governance/lk-audit-log-private.h"
#include "casework/lk-analysis-private.h"
#include "examination/lk-conclusions-private.h"
#include "lk-error.h"
#include "verification/lk-verifications-private.h"
#include "verification/lk-verification-gate-private.h"
#include "lk-json.h"
#include "store/lk-store-private.h"
#include "people/lk-session.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

gboolean
lk_audit_log_format_parse (const char     *text,
                       LkAuditFormat  *format,
                       GError        **error)
{
  if (g_strcmp0 (text, "jsonl") == 0)
    *format = LK_AUDIT_FORMAT_JSONL;
  else if (g_strcmp0 (text, "csv") == 0)
    *format = LK_AUDIT_FORMAT_CSV;
  else
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "Unknown export format “%s” (use jsonl or csv)", text ? text : "");
      return FALSE;
    }
  return TRUE;
}

/* The hash of event @seq, or NULL when there is none. */
static char *
event_hash (LkStore  *store,
            gint64    seq,
            GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, seq > 0
                                          ? "SELECT seq, hash FROM audit_event WHERE seq = ?"
                                          : "SELECT seq, hash FROM audit_event "
                                            "ORDER BY seq DESC LIMIT 1", error);

  if (stmt == NULL)
    return NULL;
  if (seq > 0)
    lk_stmt_bind_int64 (stmt, 1, seq);
  if (!lk_stmt_next (stmt, error))
    return NULL;
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%s", (gint64) lk_stmt_int64 (stmt, 0),
                          lk_stmt_text (stmt, 1));
}

gboolean
lk_audit_log_head (LkSession  *session,
                   gint64     *seq,
                   char      **hash,
                   GError    **error)
{
  g_autofree char *anchor = NULL;
  LkActor actor;

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR | LK_ROLE_REVIEWER, &actor, error))
    return FALSE;
  anchor = event_hash (lk_session_get_store (session), 0, error);
  if (anchor == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND, "The audit log is empty");
      return FALSE;
    }
  return lk_audit_log_anchor_parse (anchor, seq, hash, error);
}

gboolean
lk_audit_log_anchor_parse (const char  *text,
                       gint64      *seq,
                       char       **hash,
                       GError     **error)
{
  const char *colon = text ? strchr (text, ':') : NULL;
  g_autofree char *number = colon ? g_strndup (text, colon - text) : NULL;
  guint64 value = 0;

  if (colon == NULL ||
      !g_ascii_string_to_unsigned (number, 10, 1, G_MAXINT64, &value, NULL) ||
      strlen (colon + 1) != 64 || strspn (colon + 1, "0123456789abcdef") != 64)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "“%s” is not an audit anchor: write it as SEQ:HASH, the event's number and "
                   "its 64-digit hash in lower case", text ? text : "");
      return FALSE;
    }
  *seq = (gint64) value;
  *hash = g_strdup (colon + 1);
  return TRUE;
}

/* A break at the anchor, when the chain no longer holds it as it was written down. A failed
 * read is an error, not a break. */
static gboolean
check_anchor (LkStore     *store,
              gint64       anchor_seq,
              const char  *anchor_hash,
              gint64       n_events,
              gint64      *broken_seq,
              char       **reason,
              GError     **error)
{
  g_autoptr(GError) read_error = NULL;
  g_autofree char *found = event_hash (store, anchor_seq, &read_error);
  g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", anchor_seq,
                                               anchor_hash);

  if (read_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      return FALSE;
    }
  if (found == NULL)
    {
      *broken_seq = anchor_seq;
      *reason = g_strdup_printf ("event %" G_GINT64_FORMAT " of the anchor is missing: the log "
                                 "holds %" G_GINT64_FORMAT " events, so either events were "
                                 "removed from its end or the anchor was copied wrongly",
                                 anchor_seq, n_events);
    }
  else if (!g_str_equal (found, expected))
    {
      *broken_seq = anchor_seq;
      *reason = g_strdup_printf ("event %" G_GINT64_FORMAT " no longer has the anchor's hash: "
                                 "either the log was rewritten from there or earlier, or the "
                                 "anchor was copied wrongly", anchor_seq);
    }
  return TRUE;
}

gboolean
lk_audit_log_verify_anchored (LkSession   *session,
                              gint64       anchor_seq,
                              const char  *anchor_hash,
                              gint64      *n_events,
                              gint64      *broken_seq,
                              char       **reason,
                              GError     **error)
{
  return lk_audit_log_verify_watched (session, anchor_seq, anchor_hash, NULL, NULL, n_events,
                                      broken_seq, reason, NULL, error);
}

/* Every signed record against its signing event: the chain proves the events unchanged, this
 * proves the records still say what was signed. */
static gboolean
check_signed_records (LkStore    *store,
                      GPtrArray  *mismatches,
                      GError    **error)
{
  return lk_conclusions_check_signed (store, mismatches, error) &&
         lk_analysis_check_locked (store, mismatches, error) &&
         lk_verifications_check_signed (store, mismatches, error);
}

static char *
mismatch_reason (GPtrArray *mismatches)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "the chain holds, but %u signed record%s no longer match%s "
                          "what %s signing event holds: ", mismatches->len,
                          mismatches->len == 1 ? "" : "s", mismatches->len == 1 ? "es" : "",
                          mismatches->len == 1 ? "its" : "their");
  for (guint i = 0; i < mismatches->len; i++)
    {
      LkAuditMismatch *m = g_ptr_array_index (mismatches, i);

      if (i > 0)
        g_string_append (text, "; ");
      if (m->event_seq > 0)
        g_string_append_printf (text, "%s, signed in event %" G_GINT64_FORMAT, m->record,
                                m->event_seq);
      else
        g_string_append_printf (text, "%s, which no signing event holds", m->record);
    }
  return g_string_free (text, FALSE);
}

/* The event to name for a record that differs: its signing event, else the newest. */
static gint64
mismatch_seq (GPtrArray *mismatches,
              gint64     n_events)
{
  for (guint i = 0; i < mismatches->len; i++)
    {
      LkAuditMismatch *m = g_ptr_array_index (mismatches, i);

      if (m->event_seq > 0)
        return m->event_seq;
    }
  return MAX (n_events, 1);
}

static void
set_verify_details (JsonObject  *details,
                    gint64       n_events,
                    gint64       anchor_seq,
                    const char  *anchor_hash,
                    gint64       broken_seq,
                    const char  *reason,
                    GPtrArray   *mismatches)
{
  json_object_set_boolean_member (details, "intact", broken_seq == 0);
  json_object_set_int_member (details, "events", n_events);
  if (anchor_seq > 0)
    {
      g_autofree char *anchor = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", anchor_seq,
                                                 anchor_hash);

      json_object_set_string_member (details, "anchor", anchor);
    }
  if (broken_seq != 0)
    {
      json_object_set_int_member (details, "broken_at", broken_seq);
      json_object_set_string_member (details, "reason", reason);
    }
  if (mismatches->len > 0)
    {
      JsonArray *records = json_array_new ();

      for (guint i = 0; i < mismatches->len; i++)
        json_array_add_string_element (records,
                                       ((LkAuditMismatch *) g_ptr_array_index (mismatches,
                                                                               i))->record);
      json_object_set_array_member (details, "differing", records);
    }
}

gboolean
lk_audit_log_verify_watched (LkSession     *session,
                             gint64         anchor_seq,
                             const char    *anchor_hash,
                             LkProgress    *progress,
                             GCancellable  *cancellable,
                             gint64        *n_events,
                             gint64        *broken_seq,
                             char         **reason,
                             GPtrArray     *mismatches,
                             GError       **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                               lk_audit_mismatch_free);
  LkActor actor;

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR | LK_ROLE_REVIEWER, &actor, error) ||
      !lk_audit_verify_watched (store, progress, cancellable, n_events, broken_seq, reason,
                                error))
    return FALSE;
  if (*broken_seq == 0 && anchor_seq > 0 &&
      !check_anchor (store, anchor_seq, anchor_hash, *n_events, broken_seq, reason, error))
    return FALSE;
  if (*broken_seq == 0 && !check_signed_records (store, found, error))
    return FALSE;
  if (found->len > 0)
    {
      *broken_seq = mismatch_seq (found, *n_events);
      *reason = mismatch_reason (found);
    }
  set_verify_details (details, *n_events, anchor_seq, anchor_hash, *broken_seq, *reason, found);
  if (!lk_audit_record (store, &actor, "audit.verified", "", details, error))
    return FALSE;
  if (mismatches != NULL)
    for (guint i = 0; i < found->len; i++)
      g_ptr_array_add (mismatches, g_steal_pointer (&g_ptr_array_index (found, i)));
  return *broken_seq == 0;
}

gboolean
lk_audit_log_verify (LkSession  *session,
                     gint64     *n_events,
                     gint64     *broken_seq,
                     char      **reason,
                     GError    **error)
{
  return lk_audit_log_verify_anchored (session, 0, NULL, n_events, broken_seq, reason, error);
}

typedef struct
{
  GOutputStream *out;
  LkAuditFormat  format;
  gboolean       demo;
  GString       *line;
  GCancellable  *cancellable;
} ExportState;

static void
csv_field (GString    *line,
           const char *value,
           gboolean    last)
{
  g_string_append_c (line, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append (line, last ? "\"\n" : "\",");
}

void
lk_audit_log_format_csv (GString            *line,
            const LkAuditEvent *e,
            gboolean            demo)
{
  char seq[32];

  g_snprintf (seq, sizeof seq, "%" G_GINT64_FORMAT, e->seq);
  csv_field (line, seq, FALSE);
  csv_field (line, e->at, FALSE);
  csv_field (line, e->user, FALSE);
  csv_field (line, e->role, FALSE);
  csv_field (line, e->action, FALSE);
  csv_field (line, e->object, FALSE);
  csv_field (line, e->details, FALSE);
  csv_field (line, e->prev_hash, FALSE);
  csv_field (line, e->hash, FALSE);
  csv_field (line, demo ? "demo" : "casework", TRUE);
}

void
lk_audit_log_format_jsonl (GString            *line,
                           const LkAuditEvent *e,
                           gboolean            demo)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  /* Details that are not JSON are exported as the text they are (below), not dropped. */
  g_autoptr(JsonNode) details = e->details != NULL ? lk_json_load_stored (e->details, NULL) : NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "seq");
  json_builder_add_int_value (b, e->seq);
  json_builder_set_member_name (b, "at");
  json_builder_add_string_value (b, e->at);
  json_builder_set_member_name (b, "user");
  json_builder_add_string_value (b, e->user);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, e->role);
  json_builder_set_member_name (b, "action");
  json_builder_add_string_value (b, e->action);
  json_builder_set_member_name (b, "object");
  json_builder_add_string_value (b, e->object);
  json_builder_set_member_name (b, "details");
  if (details != NULL)
    json_builder_add_value (b, g_steal_pointer (&details));
  else
    json_builder_add_string_value (b, e->details);
  json_builder_set_member_name (b, "prev_hash");
  json_builder_add_string_value (b, e->prev_hash);
  json_builder_set_member_name (b, "hash");
  json_builder_add_string_value (b, e->hash);
  json_builder_set_member_name (b, "workspace");
  json_builder_add_string_value (b, demo ? "demo" : "casework");
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = json_to_string (root, FALSE);
  g_string_append (line, text);
  g_string_append_c (line, '\n');
}

static gboolean
export_one (const LkAuditEvent  *event,
            gpointer             user_data,
            GError             **error)
{
  ExportState *state = user_data;

  g_string_truncate (state->line, 0);
  if (state->format == LK_AUDIT_FORMAT_CSV)
    lk_audit_log_format_csv (state->line, event, state->demo);
  else
    lk_audit_log_format_jsonl (state->line, event, state->demo);
  return g_output_stream_write_all (state->out, state->line->str, state->line->len, NULL,
                                    state->cancellable, error);
}

gboolean
lk_audit_log_export (LkSession      *session,
                     LkAuditFormat   format,
                     GOutputStream  *out,
                     GError        **error)
{
  return lk_audit_log_export_cancellable (session, format, out, NULL, error);
}

gboolean
lk_audit_log_export_cancellable (LkSession      *session,
                                 LkAuditFormat   format,
                                 GOutputStream  *out,
                                 GCancellable   *cancellable,
                                 GError        **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(GString) line = g_string_new (NULL);
  ExportState state = { out, format, lk_store_is_demo (store), line, cancellable };
  static const char csv_header[] = LK_AUDIT_CSV_HEADER;
  LkActor actor;

  /* The audit log tells the first examiner's work: not to a blind reviewer before they sign. */
  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error) ||
      !lk_verification_require_no_blind_work (store, lk_session_get_user_id (session),
                                              "the audit log", error))
    return FALSE;
  json_object_set_string_member (details, "format",
                                 format == LK_AUDIT_FORMAT_CSV ? "csv" : "jsonl");
  if (!lk_audit_record (store, &actor, "audit.exported", "", details, error))
    return FALSE;
  if (format == LK_AUDIT_FORMAT_CSV &&
      !g_output_stream_write_all (out, csv_header, strlen (csv_header), NULL, cancellable,
                                  error))
    return FALSE;
  return lk_audit_foreach (store, export_one, &state, error);
}
