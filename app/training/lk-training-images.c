/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "training/lk-training-images.h"
#include "training/lk-training.h"

typedef struct
{
  LkSession *session;
  gint64     item_id;
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

  return lk_training_item_image (source->session, source->item_id, "ab"[which], error);
}

void
lk_training_images_load_async (LkSession           *session,
                               gint64               item_id,
                               LkProgress          *progress,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Source *source;

  g_return_if_fail (LK_IS_SESSION (session));

  source = g_new0 (Source, 1);
  source->session = g_object_ref (session);
  source->item_id = item_id;
  lk_image_pair_load_async (read_image, source, (GDestroyNotify) source_free, FALSE, progress,
                            cancellable, callback, user_data);
}

LkImagePair *
lk_training_images_load_finish (GAsyncResult  *result,
                                GError       **error)
{
  return lk_image_pair_load_finish (result, error);
}
