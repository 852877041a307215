/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The reviewer's and the examiner's signatures on a verification, in a worker thread: each
 * re-checks a password (an argon2id hash, about 90 ms), which must not block the UI. */
#include "config.h"

#include <sodium.h>
#include <string.h>

#include "lk-task.h"
#include "verification/lk-verifications.h"

typedef enum
{
  SIGN_COUNTERSIGN,
  SIGN_DISAGREE,
  SIGN_CONSULT,
} SignKind;

typedef struct
{
  SignKind   kind;
  LkSession *session;
  gint64     verification_id;
  char      *resolution;
  char      *note;
  char      *password;
} SignJob;

static void
sign_job_free (SignJob *job)
{
  g_clear_object (&job->session);
  g_free (job->resolution);
  g_free (job->note);
  if (job->password != NULL)
    sodium_memzero (job->password, strlen (job->password));
  g_free (job->password);
  g_free (job);
}

static gpointer
sign_job (gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  SignJob *job = data;
  gboolean ok = FALSE;

  switch (job->kind)
    {
    case SIGN_COUNTERSIGN:
      ok = lk_verifications_countersign (job->session, job->verification_id, job->note,
                                         job->password, error);
      break;
    case SIGN_DISAGREE:
      ok = lk_verifications_disagree (job->session, job->verification_id, job->resolution,
                                      job->note, job->password, error);
      break;
    case SIGN_CONSULT:
      ok = lk_verifications_add_consultation_note (job->session, job->verification_id,
                                                   job->note, job->password, error);
      break;
    default:
      g_assert_not_reached ();
    }
  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
run (SignKind             kind,
     LkSession           *session,
     gint64               verification_id,
     const char          *resolution,
     const char          *note,
     const char          *password,
     GCancellable        *cancellable,
     GAsyncReadyCallback  callback,
     gpointer             user_data,
     gpointer             source_tag)
{
  SignJob *job = g_new0 (SignJob, 1);

  job->kind = kind;
  job->session = g_object_ref (session);
  job->verification_id = verification_id;
  job->resolution = g_strdup (resolution);
  job->note = g_strdup (note);
  job->password = g_strdup (password);
  lk_task_run (session, cancellable, callback, user_data, source_tag, sign_job, job,
               (GDestroyNotify) sign_job_free, NULL);
}

void
lk_verifications_countersign_async (LkSession           *session,
                                    gint64               verification_id,
                                    const char          *note,
                                    const char          *password,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (LK_IS_SESSION (session));

  run (SIGN_COUNTERSIGN, session, verification_id, NULL, note, password, cancellable, callback,
       user_data, lk_verifications_countersign_async);
}

gboolean
lk_verifications_countersign_finish (GAsyncResult  *result,
                                     GError       **error)
{
  return lk_task_finish (result, lk_verifications_countersign_async, error) != NULL;
}

void
lk_verifications_disagree_async (LkSession           *session,
                                 gint64               verification_id,
                                 const char          *resolution,
                                 const char          *note,
                                 const char          *password,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (LK_IS_SESSION (session));

  run (SIGN_DISAGREE, session, verification_id, resolution, note, password, cancellable,
       callback, user_data, lk_verifications_disagree_async);
}

gboolean
lk_verifications_disagree_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return lk_task_finish (result, lk_verifications_disagree_async, error) != NULL;
}

void
lk_verifications_add_consultation_note_async (LkSession           *session,
                                              gint64               verification_id,
                                              const char          *note,
                                              const char          *password,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_return_if_fail (LK_IS_SESSION (session));

  run (SIGN_CONSULT, session, verification_id, NULL, note, password, cancellable, callback,
       user_data, lk_verifications_add_consultation_note_async);
}

gboolean
lk_verifications_add_consultation_note_finish (GAsyncResult  *result,
                                               GError       **error)
{
  return lk_task_finish (result, lk_verifications_add_consultation_note_async, error) != NULL;
}
