/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Runs a core call in a worker thread for the UI (GTask), keeping the main loop free. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A job returns a new result (or GINT_TO_POINTER (TRUE) for plain success), or NULL with
 * @error set. It runs in a worker thread and is given the task's @cancellable: a job that can
 * stop part-way checks it and stops with %G_IO_ERROR_CANCELLED, leaving the database as it
 * was (its transaction is not committed). */
typedef gpointer (*LkJobFunc) (gpointer       data,
                               GCancellable  *cancellable,
                               GError       **error);

void     lk_task_run    (gpointer             source_object,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data,
                         gpointer             source_tag,
                         LkJobFunc            job,
                         gpointer             data,
                         GDestroyNotify       data_free,
                         GDestroyNotify       result_free);

/* As lk_task_run(), for a job whose work outlasts a late cancel (a file written and audited):
 * its result says what the job did. With lk_task_run() a cancel that comes after the job has
 * finished still turns its result into %G_IO_ERROR_CANCELLED; here only the job itself
 * reports a cancel, when it stopped before its work was done. */
void     lk_task_run_to_completion (gpointer             source_object,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data,
                                    gpointer             source_tag,
                                    LkJobFunc            job,
                                    gpointer             data,
                                    GDestroyNotify       data_free,
                                    GDestroyNotify       result_free);

gpointer lk_task_finish (GAsyncResult        *result,
                         gpointer             source_tag,
                         GError             **error);
/* The @data given to lk_task_run(), for a _finish that also reads what the job left there
 * (a report that counts what was done before a failure or a cancel). */
gpointer lk_task_get_data (GAsyncResult       *result,
                           gpointer            source_tag);

G_END_DECLS
