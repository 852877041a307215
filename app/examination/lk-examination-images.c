/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "examination/lk-examination-images.h"
#include "candidates/lk-candidates.h"
#include "casework/lk-probes.h"

typedef struct
{
  LkSession *session;
  gint64     probe_id;
  gint64     candidate_id;
} Source;

static void
source_free (Source *source)
{
  g_clear_object (&source->session);
  g_free (source);
}

static GBytes *
read_image (gpointer   data,
            guint      which,
            GError   **error)
{
  Source *source = data;

  if (which == 0)
    return lk_probes_read_image (source->session, source->probe_id, error);
  return lk_candidates_read_image (source->session, source->candidate_id, error);
}

void
lk_examination_images_load_async (LkSession           *session,
                                  gint64               probe_id,
                                  gint64               candidate_id,
                                  LkProgress          *progress,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Source *source;

  g_return_if_fail (LK_IS_SESSION (session));

  source = g_new0 (Source, 1);
  source->session = g_object_ref (session);
  source->probe_id = probe_id;
  source->candidate_id = candidate_id;
  lk_image_pair_load_async (read_image, source, (GDestroyNotify) source_free, TRUE, progress,
                            cancellable, callback, user_data);
}

LkImagePair *
lk_examination_images_load_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return lk_image_pair_load_finish (result, error);
}
