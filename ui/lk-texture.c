/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-texture.h"

GdkTexture *
lk_texture_new_from_pixels (const LkPixels *pixels)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (pixels != NULL, NULL);
  g_return_val_if_fail (pixels->width > 0 && pixels->height > 0, NULL);
  g_return_val_if_fail (pixels->stride >= pixels->width * 4, NULL);

  bytes = g_bytes_new (pixels->pixels, (gsize) pixels->stride * (gsize) pixels->height);
  return gdk_memory_texture_new (pixels->width, pixels->height, GDK_MEMORY_R8G8B8A8, bytes,
                                 pixels->stride);
}

/* ---- loading a probe in a worker thread ------------------------------------------------- */

typedef struct
{
  LkSession *session;
  gint64     probe_id;
  int        max_side;
} Request;

typedef struct
{
  GdkTexture *texture;
  int         original_width;
  int         original_height;
} Loaded;

static void
request_free (Request *request)
{
  g_clear_object (&request->session);
  g_free (request);
}

static void
loaded_free (Loaded *loaded)
{
  g_clear_object (&loaded->texture);
  g_free (loaded);
}

/* Runs in the worker thread: GdkMemoryTexture is immutable and may be made off the main thread. */
static gpointer
load_probe (gpointer   data,
            GError   **error)
{
  Request *request = data;
  g_autoptr(GBytes) bytes = lk_probes_read_image (request->session, request->probe_id, error);
  g_autoptr(LkCvImage) image = NULL;
  g_autoptr(LkPixels) pixels = NULL;
  Loaded *loaded;

  if (bytes == NULL || (image = lk_cv_image_decode (bytes, error)) == NULL)
    return NULL;
  pixels = lk_cv_image_to_pixels (image, request->max_side);
  if (pixels == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "Could not convert the probe image for display");
      return NULL;
    }
  loaded = g_new0 (Loaded, 1);
  loaded->texture = lk_texture_new_from_pixels (pixels);
  loaded->original_width = lk_cv_image_get_width (image);
  loaded->original_height = lk_cv_image_get_height (image);
  return loaded;
}

void
lk_texture_load_probe_async (LkSession           *session,
                             gint64               probe_id,
                             int                  max_side,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Request *request;

  g_return_if_fail (LK_IS_SESSION (session));
  g_return_if_fail (max_side >= 0);

  request = g_new0 (Request, 1);
  request->session = g_object_ref (session);
  request->probe_id = probe_id;
  request->max_side = max_side;
  lk_task_run (NULL, cancellable, callback, user_data, lk_texture_load_probe_async, load_probe,
               request, (GDestroyNotify) request_free, (GDestroyNotify) loaded_free);
}

GdkTexture *
lk_texture_load_probe_finish (GAsyncResult  *result,
                              int           *original_width,
                              int           *original_height,
                              GError       **error)
{
  Loaded *loaded = lk_task_finish (result, lk_texture_load_probe_async, error);
  GdkTexture *texture;

  if (loaded == NULL)
    return NULL;
  if (original_width != NULL)
    *original_width = loaded->original_width;
  if (original_height != NULL)
    *original_height = loaded->original_height;
  texture = g_steal_pointer (&loaded->texture);
  loaded_free (loaded);
  return texture;
}
