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
  return lk_texture_new_for_bytes (pixels->width, pixels->height, GDK_MEMORY_R8G8B8A8, bytes,
                                   pixels->stride);
}

GdkTexture *
lk_texture_new_for_bytes (int              width,
                          int              height,
                          GdkMemoryFormat  format,
                          GBytes          *bytes,
                          gsize            stride)
{
  return gdk_memory_texture_new (width, height, format, bytes, stride);
}

GdkTexture *
lk_texture_new_from_rgb24 (cairo_surface_t *surface)
{
  g_autoptr(GBytes) bytes = NULL;
  int width, height, stride;
  const guchar *data;
  guchar *rgb;

  g_return_val_if_fail (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24, NULL);

  cairo_surface_flush (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  data = cairo_image_surface_get_data (surface);
  rgb = g_malloc ((gsize) width * height * 3);
  for (int y = 0; y < height; y++)
    {
      const guint32 *in = (const guint32 *) (data + (gsize) y * stride);
      guchar *out = rgb + (gsize) y * width * 3;

      /* Native-endian xRGB words. */
      for (int x = 0; x < width; x++, out += 3)
        {
          out[0] = in[x] >> 16;
          out[1] = in[x] >> 8;
          out[2] = in[x];
        }
    }
  bytes = g_bytes_new_take (rgb, (gsize) width * height * 3);
  return lk_texture_new_for_bytes (width, height, GDK_MEMORY_R8G8B8, bytes, (gsize) width * 3);
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
load_probe (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
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

/* ---- candidate thumbnails ------------------------------------------------------------------ */

typedef struct
{
  LkSession *session;
  gint64     candidate_id;
  int        size;
} ThumbnailJob;

static void
thumbnail_job_free (ThumbnailJob *job)
{
  g_clear_object (&job->session);
  g_free (job);
}

/* Candidate id -> GdkTexture, one table per session, kept on the session and gone with it.
 * A candidate's image is read once per session through the core, which checks the role and
 * the masking and records the consultation; another user, or the same user after logging in
 * again, reads it afresh. Touched on the main thread only. */
static GHashTable *
thumbnail_cache (LkSession *session)
{
  GHashTable *cache = g_object_get_data (G_OBJECT (session), "lk-thumbnail-cache");

  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
      g_object_set_data_full (G_OBJECT (session), "lk-thumbnail-cache", cache,
                              (GDestroyNotify) g_hash_table_unref);
    }
  return cache;
}

static gpointer
load_thumbnail (gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  ThumbnailJob *job = data;
  g_autoptr(GBytes) bytes = lk_candidates_read_image (job->session, job->candidate_id, error);
  g_autoptr(LkPixels) pixels = NULL;
  GdkTexture *texture;

  if (bytes == NULL || (pixels = lk_cv_thumbnail (bytes, job->size, error)) == NULL)
    return NULL;
  /* Memory textures are immutable and may be made off the main thread. */
  texture = lk_texture_new_from_pixels (pixels);
  /* For the finish function, which keeps it in this session's table; the job holds the session
   * until then. */
  g_object_set_data (G_OBJECT (texture), "lk-session", job->session);
  g_object_set_data_full (G_OBJECT (texture), "lk-candidate-id",
                          g_memdup2 (&job->candidate_id, sizeof (gint64)), g_free);
  return texture;
}

void
lk_texture_load_candidate_async (LkSession           *session,
                                 gint64               candidate_id,
                                 int                  size,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GdkTexture *cached = lk_session_get_locked (session)
                       ? NULL : g_hash_table_lookup (thumbnail_cache (session), &candidate_id);
  ThumbnailJob *job;

  if (cached != NULL)
    {
      g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

      g_task_set_source_tag (task, lk_texture_load_candidate_async);
      g_task_return_pointer (task, g_object_ref (cached), g_object_unref);
      return;
    }
  job = g_new0 (ThumbnailJob, 1);
  job->session = g_object_ref (session);
  job->candidate_id = candidate_id;
  job->size = size;
  lk_task_run (NULL, cancellable, callback, user_data, lk_texture_load_candidate_async,
               load_thumbnail, job, (GDestroyNotify) thumbnail_job_free, g_object_unref);
}

GdkTexture *
lk_texture_load_candidate_finish (GAsyncResult  *result,
                                  GError       **error)
{
  GdkTexture *texture = g_task_propagate_pointer (G_TASK (result), error);
  LkSession *session = texture ? g_object_steal_data (G_OBJECT (texture), "lk-session") : NULL;
  gint64 *id = texture ? g_object_steal_data (G_OBJECT (texture), "lk-candidate-id") : NULL;

  /* Only a fresh read through the core is kept; a cached texture carries neither. */
  if (session != NULL && id != NULL && !g_hash_table_contains (thumbnail_cache (session), id))
    g_hash_table_insert (thumbnail_cache (session), g_steal_pointer (&id),
                         g_object_ref (texture));
  g_free (id);
  return texture;
}

/* ---- an exercise item's image in a worker thread ------------------------------------------ */

typedef struct
{
  LkSession *session;
  gint64     item_id;
  char       which;
  int        max_side;
} TrainingRequest;

static void
training_request_free (TrainingRequest *request)
{
  g_clear_object (&request->session);
  g_free (request);
}

static gpointer
load_training (gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  TrainingRequest *request = data;
  g_autoptr(GBytes) bytes = lk_training_item_image (request->session, request->item_id,
                                                    request->which, error);
  g_autoptr(LkCvImage) image = NULL;
  g_autoptr(LkPixels) pixels = NULL;

  if (bytes == NULL || (image = lk_cv_image_decode (bytes, error)) == NULL)
    return NULL;
  if ((pixels = lk_cv_image_to_pixels (image, request->max_side)) == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "Could not convert the image for display");
      return NULL;
    }
  return lk_texture_new_from_pixels (pixels);
}

void
lk_texture_load_training_async (LkSession           *session,
                                gint64               item_id,
                                char                 which,
                                int                  max_side,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  TrainingRequest *request;

  g_return_if_fail (LK_IS_SESSION (session));

  request = g_new0 (TrainingRequest, 1);
  request->session = g_object_ref (session);
  request->item_id = item_id;
  request->which = which;
  request->max_side = max_side;
  lk_task_run (NULL, cancellable, callback, user_data, lk_texture_load_training_async,
               load_training, request, (GDestroyNotify) training_request_free, g_object_unref);
}

GdkTexture *
lk_texture_load_training_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return lk_task_finish (result, lk_texture_load_training_async, error);
}
