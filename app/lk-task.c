/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-task.h"

typedef struct
{
  LkJobFunc      job;
  gpointer       data;
  GDestroyNotify data_free;
  GDestroyNotify result_free;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  gpointer result = job->job (job->data, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, job->result_free);
}

static void
run (gboolean             check_cancellable,
     gpointer             source_object,
     GCancellable        *cancellable,
     GAsyncReadyCallback  callback,
     gpointer             user_data,
     gpointer             source_tag,
     LkJobFunc            func,
     gpointer             data,
     GDestroyNotify       data_free,
     GDestroyNotify       result_free)
{
  g_autoptr(GTask) task = g_task_new (source_object, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->job = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, check_cancellable);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
}

void
lk_task_run (gpointer             source_object,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             source_tag,
             LkJobFunc            func,
             gpointer             data,
             GDestroyNotify       data_free,
             GDestroyNotify       result_free)
{
  run (TRUE, source_object, cancellable, callback, user_data, source_tag, func, data, data_free,
       result_free);
}

void
lk_task_run_to_completion (gpointer             source_object,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data,
                           gpointer             source_tag,
                           LkJobFunc            func,
                           gpointer             data,
                           GDestroyNotify       data_free,
                           GDestroyNotify       result_free)
{
  run (FALSE, source_object, cancellable, callback, user_data, source_tag, func, data, data_free,
       result_free);
}

gpointer
lk_task_finish (GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gpointer
lk_task_get_data (GAsyncResult *result,
                  gpointer      source_tag)
{
  Job *job;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  job = g_task_get_task_data (G_TASK (result));
  return job->data;
}
