/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The built-in engine's slow work for the application, in worker threads: enrolment with
 * progress and a cancel between images, and search. */
#include "config.h"

#include "engine/lk-gallery.h"
#include "lk-task.h"
#include "people/lk-session.h"

#include <string.h>

typedef struct
{
  LkSession     *session;
  char          *database;
  char          *source;
  gint64         probe_id;
  guint          k;
  LkProgress    *progress;
  LkEnrolReport  report;
} GalleryJob;

static void
gallery_job_free (GalleryJob *job)
{
  g_clear_object (&job->session);
  g_clear_object (&job->progress);
  g_free (job->database);
  g_free (job->source);
  lk_enrol_report_clear (&job->report);
  g_free (job);
}

static GalleryJob *
gallery_job_new (LkSession  *session,
                 const char *database)
{
  GalleryJob *job = g_new0 (GalleryJob, 1);

  job->session = g_object_ref (session);
  job->database = g_strdup (database);
  return job;
}

static void
report_progress (guint       done,
                 guint       total,
                 const char *current,
                 gpointer    user_data)
{
  lk_progress_report (user_data, done, total, current);
}

static gpointer
enrol_job (gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  GalleryJob *job = data;

  return lk_gallery_enrol (job->session, job->database, job->source,
                           job->progress != NULL ? report_progress : NULL, job->progress,
                           cancellable, &job->report, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
lk_gallery_enrol_async (LkSession           *session,
                        const char          *database,
                        const char          *source,
                        LkProgress          *progress,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GalleryJob *job = gallery_job_new (session, database);

  job->source = g_strdup (source);
  job->progress = progress != NULL ? g_object_ref (progress) : NULL;
  lk_task_run (session, cancellable, callback, user_data, lk_gallery_enrol_async, enrol_job,
               job, (GDestroyNotify) gallery_job_free, NULL);
}

gboolean
lk_gallery_enrol_finish (GAsyncResult   *result,
                         LkEnrolReport  *report,
                         GError        **error)
{
  GalleryJob *job = lk_task_get_data (result, lk_gallery_enrol_async);

  if (report != NULL)
    {
      *report = job->report;
      memset (&job->report, 0, sizeof job->report);
    }
  return lk_task_finish (result, lk_gallery_enrol_async, error) != NULL;
}

static gpointer
search_job (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  GalleryJob *job = data;
  gint64 id = lk_gallery_search (job->session, job->probe_id, job->database, job->k, error);

  return id != 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

void
lk_gallery_search_async (LkSession           *session,
                         gint64               probe_id,
                         const char          *database,
                         guint                k,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GalleryJob *job = gallery_job_new (session, database);

  job->probe_id = probe_id;
  job->k = k;
  lk_task_run (session, cancellable, callback, user_data, lk_gallery_search_async, search_job,
               job, (GDestroyNotify) gallery_job_free, g_free);
}

gint64
lk_gallery_search_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_autofree gint64 *id = lk_task_finish (result, lk_gallery_search_async, error);

  return id != NULL ? *id : 0;
}
