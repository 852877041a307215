/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Filtered reads of the audit log. Each filter is one condition the indexes of
 * migration_retention answer (object, user, action, at); a case is the set of its objects, as
 * lk-audit-log-case.c names them. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "governance/lk-audit-log-private.h"
#include "governance/lk-audit-query-private.h"
#include "lk-error.h"
#include "lk-task.h"
#include "lk-util.h"
#include "store/lk-store-private.h"
#include "verification/lk-verification-gate-private.h"

void
lk_audit_filter_clear (LkAuditFilter *filter)
{
  g_clear_pointer (&filter->case_number, g_free);
  g_clear_pointer (&filter->user, g_free);
  g_clear_pointer (&filter->action, g_free);
  g_clear_pointer (&filter->object, g_free);
  g_clear_pointer (&filter->from, g_free);
  g_clear_pointer (&filter->to, g_free);
}

static gboolean
given (const char *value)
{
  return value != NULL && !lk_text_is_blank (value);
}

static GDate *
parse_day (const char *text)
{
  int y, m, d;
  char tail;

  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || strlen (text) != 10 ||
      !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_date_new_dmy (d, m, y);
}

gboolean
lk_audit_filter_check (const LkAuditFilter  *filter,
                       GError              **error)
{
  const char *days[] = { filter->from, filter->to };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GDate) day = NULL;

      if (!given (days[i]))
        continue;
      if ((day = parse_day (days[i])) == NULL)
        {
          g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                       "The %s day “%s” is not a date (YYYY-MM-DD)", i ? "last" : "first",
                       days[i]);
          return FALSE;
        }
    }
  if (given (filter->from) && given (filter->to) && strcmp (filter->from, filter->to) > 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "The period ends (%s) before it begins (%s)", filter->to, filter->from);
      return FALSE;
    }
  return TRUE;
}

char *
lk_audit_filter_describe (const LkAuditFilter *filter)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *labels[] = { "case", "user", "action", "object", "from", "to" };
  const char *values[] = { filter->case_number, filter->user, filter->action, filter->object,
                           filter->from, filter->to };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (given (values[i]))
      g_string_append_printf (text, "%s%s %s", text->len ? ", " : "", labels[i], values[i]);
  return text->len ? g_string_free (g_steal_pointer (&text), FALSE) : g_strdup ("every event");
}

static JsonObject *
filter_to_json (const LkAuditFilter *filter)
{
  JsonObject *o = json_object_new ();
  const char *keys[] = { "case", "user", "action", "object", "from", "to" };
  const char *values[] = { filter->case_number, filter->user, filter->action, filter->object,
                           filter->from, filter->to };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (given (values[i]))
      json_object_set_string_member (o, keys[i], values[i]);
  return o;
}

/* The day after @day, as the exclusive end of the period. */
static char *
day_after (const char *day)
{
  g_autoptr(GDate) date = parse_day (day);
  char text[16];

  g_date_add_days (date, 1);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

/* The objects of a case as the audit log names them (see lk-audit-log-case.c). */
#define CASE_OBJECTS(p) \
  "SELECT number FROM cases WHERE number = " p \
  " UNION ALL SELECT 'probe:' || p.id FROM probes p JOIN cases c ON c.id = p.case_id" \
  "   WHERE c.number = " p \
  " UNION ALL SELECT 'candidate-list:' || l.id FROM candidate_lists l" \
  "   JOIN probes p ON p.id = l.probe_id JOIN cases c ON c.id = p.case_id WHERE c.number = " p \
  " UNION ALL SELECT 'candidate:' || k.id FROM candidates k" \
  "   JOIN candidate_lists l ON l.id = k.list_id JOIN probes p ON p.id = l.probe_id" \
  "   JOIN cases c ON c.id = p.case_id WHERE c.number = " p \
  " UNION ALL SELECT 'examination:' || e.id FROM examinations e" \
  "   JOIN probes p ON p.id = e.probe_id JOIN cases c ON c.id = p.case_id WHERE c.number = " p \
  " UNION ALL SELECT 'verification:' || v.id FROM verifications v" \
  "   JOIN examinations e ON e.id = v.examination_id JOIN probes p ON p.id = e.probe_id" \
  "   JOIN cases c ON c.id = p.case_id WHERE c.number = " p

/* "WORD*": a prefix (a "*" anywhere else is taken as itself). */
static gboolean
is_prefix (const char *action)
{
  gsize n = strlen (action);

  return n >= 2 && action[n - 1] == '*';
}

/* The end of the range of a prefix: the prefix with its last byte one higher. */
static char *
prefix_end (const char *action)
{
  char *end = g_strndup (action, strlen (action) - 1);
  gsize n = strlen (end);

  end[n - 1] = (char) ((guchar) end[n - 1] + 1);
  return end;
}

/* The WHERE clause of @filter with its parameters ?1..?9 (always all bound, NULL when unused,
 * so that one statement text serves every value), within the numbers ?7..?8 when @range: a
 * page. Without the range the planner answers the filter from its own index instead of
 * walking the table by number (a prefix of actions, a quarter of a million events, took 1.1 s
 * so at a million events; 0.1 s from the index of actions and a sort). */
static char *
where_clause (const LkAuditFilter *filter,
              gboolean             range)
{
  g_autoptr(GString) sql = g_string_new (range ? " WHERE seq BETWEEN ?7 AND ?8"
                                               : " WHERE 1 = 1");

  if (given (filter->case_number))
    g_string_append (sql, " AND object IN (" CASE_OBJECTS ("?1") ")");
  if (given (filter->user))
    g_string_append (sql, " AND \"user\" = ?2");
  /* A prefix is a range of the index: "probe.*" is probe. <= action < probe/ */
  if (given (filter->action))
    g_string_append (sql, is_prefix (filter->action) ? " AND action >= ?3 AND action < ?9"
                                                     : " AND action = ?3");
  if (given (filter->object))
    g_string_append (sql, " AND object = ?4");
  if (given (filter->from))
    g_string_append (sql, " AND at >= ?5");
  if (given (filter->to))
    g_string_append (sql, " AND at < ?6");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static void
bind_filter (LkStmt              *stmt,
             const LkAuditFilter *filter,
             gint64               first_seq,
             gint64               last_seq)
{
  g_autofree char *action = given (filter->action) && is_prefix (filter->action)
                            ? g_strndup (filter->action, strlen (filter->action) - 1) : NULL;
  g_autofree char *action_end = action != NULL ? prefix_end (filter->action) : NULL;
  const char *values[] = { filter->case_number, filter->user,
                           action != NULL ? action : filter->action, filter->object,
                           filter->from };

  if (action_end != NULL)
    lk_stmt_bind_text (stmt, 9, action_end);
  else
    lk_stmt_bind_null (stmt, 9);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (given (values[i]))
        lk_stmt_bind_text (stmt, (int) i + 1, values[i]);
      else
        lk_stmt_bind_null (stmt, (int) i + 1);
    }
  if (given (filter->to))
    {
      g_autofree char *end = day_after (filter->to);

      lk_stmt_bind_text (stmt, 6, end);
    }
  else
    lk_stmt_bind_null (stmt, 6);
  lk_stmt_bind_int64 (stmt, 7, first_seq);
  lk_stmt_bind_int64 (stmt, 8, last_seq);
}

/* In no particular order: the index that answers the filter gives it (a prefix of actions
 * comes action by action); read_seqs() sorts them. */
char *
lk_audit_filter_select_sql (const LkAuditFilter *filter)
{
  g_autofree char *where = where_clause (filter, FALSE);

  return g_strdup_printf ("SELECT seq FROM audit_event%s", where);
}

static LkStmt *
filter_stmt (LkStore              *store,
             const char           *columns,
             const LkAuditFilter  *filter,
             gint64                first_seq,
             gint64                last_seq,
             GError              **error)
{
  g_autofree char *where = where_clause (filter, TRUE);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM audit_event%s ORDER BY seq", columns,
                                          where);
  LkStmt *stmt = lk_store_stmt (store, sql, error);

  if (stmt != NULL)
    bind_filter (stmt, filter, first_seq, last_seq);
  return stmt;
}

/* The gate of every read: administrators, with no blind work pending. */
static gboolean
require_reader (LkSession  *session,
                LkActor    *actor,
                GError    **error)
{
  return lk_session_require (session, LK_ROLE_ADMINISTRATOR, actor, error) &&
         lk_verification_require_no_blind_work (lk_session_get_store (session),
                                                lk_session_get_user_id (session),
                                                "the audit log", error);
}

static gboolean
audit_read (LkSession            *session,
            const LkAuditFilter  *filter,
            const char           *action,
            const char           *format,
            GError              **error)
{
  LkActor actor;
  g_autoptr(JsonObject) details = NULL;

  if (!lk_audit_filter_check (filter, error) || !require_reader (session, &actor, error))
    return FALSE;
  details = json_object_new ();
  json_object_set_object_member (details, "filter", filter_to_json (filter));
  if (format != NULL)
    json_object_set_string_member (details, "format", format);
  return lk_audit_record (lk_session_get_store (session), &actor, action, "", details, error);
}

static gboolean
filtered (const LkAuditFilter *filter)
{
  return given (filter->case_number) || given (filter->user) || given (filter->action) ||
         given (filter->object) || given (filter->from) || given (filter->to);
}

/* One figure of the whole log. */
static gboolean
log_figure (LkStore     *store,
            const char  *sql,
            gint64      *value,
            GError     **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, error);

  if (stmt == NULL || !lk_stmt_next (stmt, error))
    return FALSE;
  *value = lk_stmt_int64 (stmt, 0);
  return TRUE;
}

/* Every event: an append-only log numbers them 1..N without a gap (the chain checks it), so
 * the numbers need not be read one by one. NULL when the count says otherwise. The count and
 * the highest number are asked apart: together they cost a walk of the whole table (0.7 s at a
 * million events), apart a count of the table's pages and one look at its last row. */
static GArray *
every_seq (LkStore  *store,
           GError  **error)
{
  GArray *seqs;
  gint64 n, last;

  if (!log_figure (store, "SELECT count (*) FROM audit_event", &n, error) ||
      !log_figure (store, "SELECT coalesce (max (seq), 0) FROM audit_event", &last, error) ||
      n != last)
    return NULL;
  seqs = g_array_sized_new (FALSE, FALSE, sizeof (gint64), (guint) n);
  g_array_set_size (seqs, (guint) n);
  for (gint64 i = 0; i < n; i++)
    g_array_index (seqs, gint64, i) = i + 1;
  return seqs;
}

/* A period alone: its events are numbered without a gap when the clock only went forward, so
 * counting them and their first and last numbers in one aggregate (SQLite counts over the
 * index of times, with no row handed back one at a time) gives them all. NULL when the count
 * says otherwise (a clock set back), and the numbers are read one by one. */
static GArray *
period_seqs (LkStore              *store,
             const LkAuditFilter  *filter,
             GError              **error)
{
  /* the times alone, no range of numbers: the planner then counts over the index of times
   * (which holds the numbers) rather than walking the table by number */
  g_autofree char *sql = g_strdup_printf ("SELECT count (*), coalesce (min (seq), 0),"
                                          " coalesce (max (seq), 0) FROM audit_event WHERE %s%s%s",
                                          given (filter->from) ? "at >= ?1" : "",
                                          given (filter->from) && given (filter->to) ? " AND "
                                                                                      : "",
                                          given (filter->to) ? "at < ?2" : "");
  g_autofree char *end = given (filter->to) ? day_after (filter->to) : NULL;
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, error);
  GArray *seqs;
  gint64 n, first;

  if (stmt == NULL)
    return NULL;
  if (given (filter->from))
    lk_stmt_bind_text (stmt, 1, filter->from);
  if (end != NULL)
    lk_stmt_bind_text (stmt, 2, end);
  if (!lk_stmt_next (stmt, error))
    return NULL;
  n = lk_stmt_int64 (stmt, 0);
  first = lk_stmt_int64 (stmt, 1);
  if (n > 0 && lk_stmt_int64 (stmt, 2) - first + 1 != n)
    return NULL;
  seqs = g_array_sized_new (FALSE, FALSE, sizeof (gint64), (guint) n);
  g_array_set_size (seqs, (guint) n);
  for (gint64 i = 0; i < n; i++)
    g_array_index (seqs, gint64, i) = first + i;
  return seqs;
}

static gboolean
period_only (const LkAuditFilter *filter)
{
  return !given (filter->case_number) && !given (filter->user) && !given (filter->action) &&
         !given (filter->object) && (given (filter->from) || given (filter->to));
}

GArray *
lk_audit_log_select (LkSession            *session,
                     const LkAuditFilter  *filter,
                     GError              **error)
{
  return lk_audit_log_select_cancellable (session, filter, NULL, error);
}

static int
compare_seq (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The numbers one by one, checking @cancellable now and then (a new filter in the browser
 * stops the old read rather than waiting for it), then in order. */
static GArray *
read_seqs (LkStmt        *stmt,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean sorted = TRUE;
  gint64 last = G_MININT64;

  while (lk_stmt_next (stmt, error))
    {
      gint64 seq = lk_stmt_int64 (stmt, 0);

      sorted = sorted && seq > last;
      last = seq;
      g_array_append_val (seqs, seq);
      if (seqs->len % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  if (lk_stmt_failed (stmt))
    return NULL;
  if (!sorted)
    g_array_sort (seqs, compare_seq);
  return g_steal_pointer (&seqs);
}

GArray *
lk_audit_log_select_cancellable (LkSession            *session,
                                 const LkAuditFilter  *filter,
                                 GCancellable         *cancellable,
                                 GError              **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(GArray) seqs = NULL;
  g_autoptr(LkStoreLock) locker = NULL;
  g_autoptr(LkStmt) stmt = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (LK_IS_SESSION (session) && filter != NULL, NULL);

  if (!audit_read (session, filter, "audit.listed", NULL, error))
    return NULL;
  locker = lk_store_lock (store);
  if (!filtered (filter))
    {
      g_autoptr(GError) local = NULL;

      if ((seqs = every_seq (store, &local)) != NULL)
        return g_steal_pointer (&seqs);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  if (period_only (filter))
    {
      g_autoptr(GError) local = NULL;

      if ((seqs = period_seqs (store, filter, &local)) != NULL)
        return g_steal_pointer (&seqs);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  sql = lk_audit_filter_select_sql (filter);
  if ((stmt = lk_store_stmt (store, sql, error)) == NULL)
    return NULL;
  bind_filter (stmt, filter, 1, G_MAXINT64);
  return read_seqs (stmt, cancellable, error);
}

static LkAuditEvent *
read_event (LkStmt *stmt)
{
  LkAuditEvent *e = g_new0 (LkAuditEvent, 1);

  e->seq = lk_stmt_int64 (stmt, 0);
  e->at = lk_stmt_dup_text (stmt, 1);
  e->user = lk_stmt_dup_text (stmt, 2);
  e->role = lk_stmt_dup_text (stmt, 3);
  e->action = lk_stmt_dup_text (stmt, 4);
  e->object = lk_stmt_dup_text (stmt, 5);
  e->details = lk_stmt_dup_text (stmt, 6);
  e->prev_hash = lk_stmt_dup_text (stmt, 7);
  e->hash = lk_stmt_dup_text (stmt, 8);
  return e;
}

#define EVENT_COLUMNS "seq, at, \"user\", role, action, object, details, prev_hash, hash"

GPtrArray *
lk_audit_log_fetch (LkSession            *session,
                    const LkAuditFilter  *filter,
                    gint64                first_seq,
                    gint64                last_seq,
                    GError              **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(LkStoreLock) locker = NULL;
  g_autoptr(LkStmt) stmt = NULL;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session) && filter != NULL, NULL);

  if (!require_reader (session, &actor, error))
    return NULL;
  locker = lk_store_lock (store);
  if ((stmt = filter_stmt (store, EVENT_COLUMNS, filter, first_seq, last_seq, error)) == NULL)
    return NULL;
  events = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_audit_event_free);
  while (lk_stmt_next (stmt, error))
    g_ptr_array_add (events, read_event (stmt));
  if (lk_stmt_failed (stmt))
    return NULL;
  return g_steal_pointer (&events);
}

gboolean
lk_audit_log_export_filtered (LkSession           *session,
                              const LkAuditFilter *filter,
                              LkAuditFormat        format,
                              GOutputStream       *out,
                              GCancellable        *cancellable,
                              GError             **error)
{
  LkStore *store = lk_session_get_store (session);
  gboolean demo = lk_store_is_demo (store);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(LkStoreLock) locker = NULL;
  g_autoptr(LkStmt) stmt = NULL;

  if (!audit_read (session, filter, "audit.exported",
                   format == LK_AUDIT_FORMAT_CSV ? "csv" : "jsonl", error))
    return FALSE;
  if (format == LK_AUDIT_FORMAT_CSV)
    g_string_append (line, LK_AUDIT_CSV_HEADER);
  locker = lk_store_lock (store);
  if ((stmt = filter_stmt (store, EVENT_COLUMNS, filter, 1, G_MAXINT64, error)) == NULL)
    return FALSE;
  while (lk_stmt_next (stmt, error))
    {
      g_autoptr(LkAuditEvent) e = read_event (stmt);

      if (format == LK_AUDIT_FORMAT_CSV)
        lk_audit_log_format_csv (line, e, demo);
      else
        lk_audit_log_format_jsonl (line, e, demo);
      if (line->len < 65536)
        continue;
      if (!g_output_stream_write_all (out, line->str, line->len, NULL, cancellable, error))
        return FALSE;
      g_string_truncate (line, 0);
    }
  if (lk_stmt_failed (stmt))
    return FALSE;
  return g_output_stream_write_all (out, line->str, line->len, NULL, cancellable, error);
}

typedef struct
{
  LkSession     *session;
  LkAuditFilter  filter;
  LkAuditFormat  format;
  GFile         *file;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->session);
  g_clear_object (&job->file);
  lk_audit_filter_clear (&job->filter);
  g_free (job);
}

void
lk_audit_filter_copy (LkAuditFilter       *to,
                      const LkAuditFilter *from)
{
  to->case_number = g_strdup (from->case_number);
  to->user = g_strdup (from->user);
  to->action = g_strdup (from->action);
  to->object = g_strdup (from->object);
  to->from = g_strdup (from->from);
  to->to = g_strdup (from->to);
}

static gpointer
export_job (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ExportJob *job = data;
  g_autoptr(GFileOutputStream) out = g_file_replace (job->file, NULL, FALSE,
                                                     G_FILE_CREATE_REPLACE_DESTINATION,
                                                     cancellable, error);

  /* Replaced only once the whole export is written: a failure leaves the old file. */
  if (out == NULL)
    return NULL;
  if (!lk_audit_log_export_filtered (job->session, &job->filter, job->format,
                                     G_OUTPUT_STREAM (out), cancellable, error))
    {
      g_autoptr(GCancellable) stop = g_cancellable_new ();

      g_cancellable_cancel (stop);
      g_output_stream_close (G_OUTPUT_STREAM (out), stop, NULL);
      return NULL;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

void
lk_audit_log_export_filtered_async (LkSession            *session,
                                    const LkAuditFilter  *filter,
                                    LkAuditFormat         format,
                                    GFile                *file,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  job->session = g_object_ref (session);
  lk_audit_filter_copy (&job->filter, filter);
  job->format = format;
  job->file = g_object_ref (file);
  lk_task_run (session, cancellable, callback, user_data, lk_audit_log_export_filtered_async,
               export_job, job, (GDestroyNotify) export_job_free, NULL);
}

gboolean
lk_audit_log_export_filtered_finish (GAsyncResult  *result,
                                     GError       **error)
{
  return lk_task_finish (result, lk_audit_log_export_filtered_async, error) != NULL;
}
