/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit log's slow work for the application: checking, reading the anchor and exporting,
 * each in a worker thread with a real cancel. */
#include "config.h"

#include "governance/lk-audit-log.h"
#include "lk-task.h"
#include "people/lk-session.h"

void
lk_audit_log_verdict_free (LkAuditLogVerdict *verdict)
{
  if (verdict == NULL)
    return;
  g_free (verdict->reason);
  g_free (verdict->head);
  g_clear_pointer (&verdict->mismatches, g_ptr_array_unref);
  g_free (verdict);
}

char *
lk_audit_log_anchor (LkSession  *session,
                     GError    **error)
{
  g_autofree char *hash = NULL;
  gint64 seq = 0;

  if (!lk_audit_log_head (session, &seq, &hash, error))
    return NULL;
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%s", seq, hash);
}

typedef struct
{
  LkSession     *session;
  char          *anchor;
  LkProgress    *progress;
  LkAuditFormat  format;
  GFile         *file;
} AuditJob;

static void
audit_job_free (AuditJob *job)
{
  g_clear_object (&job->session);
  g_clear_object (&job->progress);
  g_clear_object (&job->file);
  g_free (job->anchor);
  g_free (job);
}

static AuditJob *
audit_job_new (LkSession *session)
{
  AuditJob *job = g_new0 (AuditJob, 1);

  job->session = g_object_ref (session);
  return job;
}

static gpointer
check_job (gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  AuditJob *job = data;
  g_autoptr(LkAuditLogVerdict) verdict = g_new0 (LkAuditLogVerdict, 1);
  g_autofree char *anchor = g_strstrip (g_strdup (job->anchor != NULL ? job->anchor : ""));
  g_autofree char *anchor_hash = NULL;
  g_autoptr(GError) local_error = NULL;

  verdict->mismatches = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                        lk_audit_mismatch_free);
  if (*anchor != '\0' &&
      !lk_audit_log_anchor_parse (anchor, &verdict->anchor_seq, &anchor_hash, error))
    return NULL;
  /* FALSE without an error is a verdict: the chain or the anchor does not hold. */
  if (!lk_audit_log_verify_watched (job->session, verdict->anchor_seq, anchor_hash,
                                    job->progress, cancellable, &verdict->n_events,
                                    &verdict->broken_seq, &verdict->reason, verdict->mismatches,
                                    &local_error) &&
      local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if ((verdict->head = lk_audit_log_anchor (job->session, error)) == NULL)
    return NULL;
  return g_steal_pointer (&verdict);
}

void
lk_audit_log_check_async (LkSession           *session,
                          const char          *anchor,
                          LkProgress          *progress,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  AuditJob *job = audit_job_new (session);

  job->anchor = g_strdup (anchor);
  job->progress = progress != NULL ? g_object_ref (progress) : NULL;
  lk_task_run (session, cancellable, callback, user_data, lk_audit_log_check_async, check_job,
               job, (GDestroyNotify) audit_job_free,
               (GDestroyNotify) lk_audit_log_verdict_free);
}

LkAuditLogVerdict *
lk_audit_log_check_finish (GAsyncResult  *result,
                           GError       **error)
{
  return lk_task_finish (result, lk_audit_log_check_async, error);
}

static gpointer
anchor_job (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  AuditJob *job = data;

  return lk_audit_log_anchor (job->session, error);
}

void
lk_audit_log_anchor_async (LkSession           *session,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  lk_task_run (session, cancellable, callback, user_data, lk_audit_log_anchor_async, anchor_job,
               audit_job_new (session), (GDestroyNotify) audit_job_free, g_free);
}

char *
lk_audit_log_anchor_finish (GAsyncResult  *result,
                            GError       **error)
{
  return lk_task_finish (result, lk_audit_log_anchor_async, error);
}

static gpointer
export_job (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  AuditJob *job = data;
  g_autoptr(GFileOutputStream) out = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_NONE,
                                                     cancellable, error);
  g_autoptr(GCancellable) abandon = NULL;

  if (out == NULL)
    return NULL;
  if (lk_audit_log_export_cancellable (job->session, job->format, G_OUTPUT_STREAM (out),
                                       cancellable, error) &&
      g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    return GINT_TO_POINTER (TRUE);
  /* Closing with a cancelled cancellable drops the half-written copy and keeps the old file. */
  abandon = g_cancellable_new ();
  g_cancellable_cancel (abandon);
  g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
  return NULL;
}

void
lk_audit_log_export_file_async (LkSession           *session,
                                LkAuditFormat        format,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  AuditJob *job = audit_job_new (session);

  job->format = format;
  job->file = g_object_ref (file);
  lk_task_run (session, cancellable, callback, user_data, lk_audit_log_export_file_async,
               export_job, job, (GDestroyNotify) audit_job_free, NULL);
}

gboolean
lk_audit_log_export_file_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return lk_task_finish (result, lk_audit_log_export_file_async, error) != NULL;
}
