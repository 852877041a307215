/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The viewers' image work in worker threads (lk_task_run), each step checking the cancellable. */
#include "config.h"

#include <string.h>

#include "imaging/lk-image-jobs.h"
#include "lk-error.h"
#include "lk-task.h"

struct _LkImagePair
{
  LkImagePyramid *pyramid[2];
  gboolean        have_face;
  LkFace          face;
  gboolean        have_eyes;
  LkPoint         eyes[2];
};

LkImagePyramid *
lk_image_pair_get_pyramid (LkImagePair *self,
                           guint        which)
{
  g_return_val_if_fail (self != NULL && which < 2, NULL);
  return self->pyramid[which];
}

gboolean
lk_image_pair_get_face (LkImagePair *self,
                        LkFace      *face)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (self->have_face)
    *face = self->face;
  return self->have_face;
}

gboolean
lk_image_pair_get_eyes (LkImagePair *self,
                        LkPoint      eyes[2])
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (self->have_eyes)
    {
      eyes[0] = self->eyes[0];
      eyes[1] = self->eyes[1];
    }
  return self->have_eyes;
}

void
lk_image_pair_free (LkImagePair *self)
{
  if (self == NULL)
    return;
  for (int i = 0; i < 2; i++)
    g_clear_pointer (&self->pyramid[i], lk_image_pyramid_unref);
  g_free (self);
}

/* ---- decoding ------------------------------------------------------------------------------ */

/* The largest face is framed, as the probe's chosen face usually is the largest; the eyes are
 * those of the largest face that has them. */
static void
keep_faces (LkImagePair *pair,
            GArray      *faces)
{
  for (guint i = 0; i < faces->len && !pair->have_eyes; i++)
    {
      LkFace *face = &g_array_index (faces, LkFace, i);

      pair->have_eyes = face->has_eyes;
      pair->eyes[0] = face->eye_a;
      pair->eyes[1] = face->eye_b;
      if (i == 0)
        {
          pair->have_face = TRUE;
          pair->face = *face;
        }
    }
}

/* Decoded images are opaque: their pixels become level 0 as they are. */
static LkImagePyramid *
pyramid_of (LkCvImage  *image,
            GError    **error)
{
  LkPixels *pixels = lk_cv_image_to_pixels (image, 0);

  if (pixels == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "Could not convert the image for display");
      return NULL;
    }
  return lk_image_pyramid_new_take_opaque (pixels);
}

static LkImagePyramid *
decode (GBytes        *bytes,
        LkImagePair   *pair,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(LkCvImage) image = lk_cv_image_decode (bytes, error);
  g_autoptr(GArray) faces = NULL;

  if (image == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  /* The faces only frame the pair at first: without them it is shown whole, as with none. */
  if (pair != NULL && (faces = lk_cv_image_find_faces (image, NULL, NULL)) != NULL)
    keep_faces (pair, faces);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return pyramid_of (image, error);
}

typedef struct
{
  LkImageReadFunc  read;
  gpointer         data;
  GDestroyNotify   data_free;
  gboolean         find_faces;
  LkProgress      *progress;
  int              failed;      /* on failure: 0 the first image, 1 the second */
} PairJob;

static void
pair_job_free (PairJob *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_clear_object (&job->progress);
  g_free (job);
}

static void
report (PairJob    *job,
        guint       done,
        const char *what,
        guint       which)
{
  g_autofree char *text = NULL;

  if (job->progress == NULL)
    return;
  text = g_strdup_printf ("%s image %u of 2", what, which + 1);
  lk_progress_report (job->progress, done, 4, text);
}

static gpointer
pair_job (gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  PairJob *job = data;
  g_autoptr(LkImagePair) pair = g_new0 (LkImagePair, 1);

  for (guint which = 0; which < 2; which++)
    {
      g_autoptr(GBytes) bytes = NULL;

      job->failed = which;
      report (job, 2 * which, "Reading", which);
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          (bytes = job->read (job->data, which, error)) == NULL)
        return NULL;
      report (job, 2 * which + 1, "Decoding", which);
      pair->pyramid[which] = decode (bytes, which == 1 && job->find_faces ? pair : NULL,
                                     cancellable, error);
      if (pair->pyramid[which] == NULL)
        return NULL;
    }
  report (job, 4, "Decoded", 1);
  return g_steal_pointer (&pair);
}

void
lk_image_pair_load_async (LkImageReadFunc      read,
                          gpointer             data,
                          GDestroyNotify       data_free,
                          gboolean             find_faces,
                          LkProgress          *progress,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  PairJob *job;

  g_return_if_fail (read != NULL);
  g_return_if_fail (progress == NULL || LK_IS_PROGRESS (progress));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (PairJob, 1);
  job->read = read;
  job->data = data;
  job->data_free = data_free;
  job->find_faces = find_faces;
  job->progress = progress != NULL ? g_object_ref (progress) : NULL;
  lk_task_run (NULL, cancellable, callback, user_data, lk_image_pair_load_async, pair_job, job,
               (GDestroyNotify) pair_job_free, (GDestroyNotify) lk_image_pair_free);
}

LkImagePair *
lk_image_pair_load_finish (GAsyncResult  *result,
                           GError       **error)
{
  return lk_task_finish (result, lk_image_pair_load_async, error);
}

int
lk_image_pair_load_failed_image (GAsyncResult *result)
{
  PairJob *job = lk_task_get_data (result, lk_image_pair_load_async);

  return job != NULL ? job->failed : 0;
}

static gpointer
pyramid_job (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  return decode (data, NULL, cancellable, error);
}

void
lk_image_pyramid_load_async (GBytes              *image_bytes,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (image_bytes != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  lk_task_run (NULL, cancellable, callback, user_data, lk_image_pyramid_load_async, pyramid_job,
               g_bytes_ref (image_bytes), (GDestroyNotify) g_bytes_unref,
               (GDestroyNotify) lk_image_pyramid_unref);
}

LkImagePyramid *
lk_image_pyramid_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  return lk_task_finish (result, lk_image_pyramid_load_async, error);
}

/* ---- enhancing ----------------------------------------------------------------------------- */

typedef struct
{
  LkImagePyramid     *source;
  guint               level;
  LkEnhancementStack *stack;
} EnhanceJob;

static void
enhance_job_free (EnhanceJob *job)
{
  g_clear_pointer (&job->source, lk_image_pyramid_unref);
  g_clear_object (&job->stack);
  g_free (job);
}

static gpointer
enhance_job (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  EnhanceJob *job = data;
  g_autoptr(LkPixels) copy = NULL;
  g_autoptr(LkPixels) out = NULL;
  LkPixels original;
  const LkPixels *in = &original;

  if (job->level > 0 || !lk_image_pyramid_peek_original (job->source, &original))
    in = copy = lk_image_pyramid_dup_level (job->source, job->level);
  if ((out = lk_cv_enhance (in, job->stack, error)) == NULL ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (job->level == 0)
    return lk_image_pyramid_new_from_pixels (out);
  return lk_image_pyramid_new_partial (out, lk_image_pyramid_get_width (job->source),
                                       lk_image_pyramid_get_height (job->source), job->level);
}

void
lk_image_pyramid_enhance_async (LkImagePyramid      *source,
                                guint                level,
                                LkEnhancementStack  *stack,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  EnhanceJob *job;

  g_return_if_fail (source != NULL);
  g_return_if_fail (level < lk_image_pyramid_get_n_levels (source));
  g_return_if_fail (stack != NULL);

  job = g_new0 (EnhanceJob, 1);
  job->source = lk_image_pyramid_ref (source);
  job->level = level;
  /* The worker reads its own copy while the caller may change theirs. */
  job->stack = lk_enhancement_stack_copy (stack);
  lk_task_run (NULL, cancellable, callback, user_data, lk_image_pyramid_enhance_async,
               enhance_job, job, (GDestroyNotify) enhance_job_free,
               (GDestroyNotify) lk_image_pyramid_unref);
}

LkImagePyramid *
lk_image_pyramid_enhance_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return lk_task_finish (result, lk_image_pyramid_enhance_async, error);
}

/* ---- the difference of two aligned images -------------------------------------------------- */

typedef struct
{
  LkImagePyramid *probe;
  LkImagePyramid *other;
  double          transform[4];
} DifferenceJob;

static void
difference_job_free (DifferenceJob *job)
{
  g_clear_pointer (&job->probe, lk_image_pyramid_unref);
  g_clear_pointer (&job->other, lk_image_pyramid_unref);
  g_free (job);
}

static gpointer
difference_job (gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  DifferenceJob *job = data;
  g_autoptr(LkPixels) probe_copy = NULL;
  g_autoptr(LkPixels) other_copy = NULL;
  g_autoptr(LkPixels) warped = NULL;
  g_autoptr(LkPixels) difference = NULL;
  LkPixels probe, other;
  const LkPixels *p = &probe, *o = &other;

  if (!lk_image_pyramid_peek_original (job->probe, &probe))
    p = probe_copy = lk_image_pyramid_dup_level (job->probe, 0);
  if (!lk_image_pyramid_peek_original (job->other, &other))
    o = other_copy = lk_image_pyramid_dup_level (job->other, 0);
  warped = lk_cv_warp_similarity (o, job->transform[0], job->transform[1], job->transform[2],
                                  job->transform[3], p->width, p->height);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  difference = warped != NULL ? lk_cv_difference (p, warped) : NULL;
  if (difference == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "The difference could not be computed");
      return NULL;
    }
  return lk_image_pyramid_new_from_pixels (difference);
}

void
lk_image_pyramid_difference_async (LkImagePyramid      *probe,
                                   LkImagePyramid      *other,
                                   const double         transform[4],
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  DifferenceJob *job;

  g_return_if_fail (probe != NULL && other != NULL && transform != NULL);

  job = g_new0 (DifferenceJob, 1);
  job->probe = lk_image_pyramid_ref (probe);
  job->other = lk_image_pyramid_ref (other);
  memcpy (job->transform, transform, sizeof job->transform);
  lk_task_run (NULL, cancellable, callback, user_data, lk_image_pyramid_difference_async,
               difference_job, job, (GDestroyNotify) difference_job_free,
               (GDestroyNotify) lk_image_pyramid_unref);
}

LkImagePyramid *
lk_image_pyramid_difference_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return lk_task_finish (result, lk_image_pyramid_difference_async, error);
}
