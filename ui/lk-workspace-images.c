/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workspace's images: loaded, enhanced and compared in worker threads. */
#include "config.h"

#include <string.h>

#include "lk-workspace-private.h"

static const char * const image_names[] = { "probe", "candidate" };

/* ---- loading the images off the main loop ------------------------------------------------- */

typedef struct
{
  LkSession *session;
  gint64     probe_id;
  gint64     candidate_id;
  int        failed;        /* on failure: 0 the probe's image, 1 the candidate's */
} LoadJob;

typedef struct
{
  LkPixels  *pixels[2];
  LkPyramid *pyramid[2];
  gboolean   have_eyes;
  LkPoint    eyes[2];
  gboolean   have_face;
  LkFrame    face;       /* the candidate's face box */
} Loaded;

static void
load_job_free (LoadJob *job)
{
  g_clear_object (&job->session);
  g_free (job);
}

static void
loaded_free (Loaded *loaded)
{
  for (int i = 0; i < 2; i++)
    {
      g_clear_pointer (&loaded->pixels[i], lk_pixels_free);
      g_clear_pointer (&loaded->pyramid[i], lk_pyramid_unref);
    }
  g_free (loaded);
}

static gboolean
decode (Loaded   *loaded,
        int       which,
        GBytes   *bytes,
        GError  **error)
{
  g_autoptr(LkCvImage) image = lk_cv_image_decode (bytes, error);
  g_autoptr(GArray) faces = NULL;

  if (image == NULL)
    return FALSE;
  loaded->pixels[which] = lk_cv_image_to_pixels (image, 0);
  loaded->pyramid[which] = lk_pyramid_new_from_pixels (loaded->pixels[which]);
  if (which == 1 && (faces = lk_cv_image_find_faces (image, NULL, NULL)) != NULL)
    {
      /* The largest face is framed, as the probe's chosen face usually is the largest; the
       * eyes are those of the largest face that has them. */
      for (guint i = 0; i < faces->len && !loaded->have_eyes; i++)
        {
          LkFace *face = &g_array_index (faces, LkFace, i);

          loaded->have_eyes = face->has_eyes;
          loaded->eyes[0] = face->eye_a;
          loaded->eyes[1] = face->eye_b;
          if (i == 0)
            {
              loaded->have_face = TRUE;
              loaded->face = (LkFrame) { face->x, face->y, face->width, face->height };
            }
        }
    }
  return TRUE;
}

static gpointer
load_job (gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  LoadJob *job = data;
  g_autoptr(GBytes) probe = lk_probes_read_image (job->session, job->probe_id, error);
  g_autoptr(GBytes) candidate = NULL;
  Loaded *loaded = g_new0 (Loaded, 1);

  job->failed = 0;
  if (probe != NULL && decode (loaded, 0, probe, error))
    {
      job->failed = 1;
      if ((candidate = lk_candidates_read_image (job->session, job->candidate_id, error)) != NULL &&
          decode (loaded, 1, candidate, error))
        return loaded;
    }
  loaded_free (loaded);
  return NULL;
}

static void apply_stack (LkWorkspace *self, int which, LkEnhancementStack *stack);

LkEnhancementStack *
_lk_workspace_stack_of (LkWorkspace *self,
                        int          which)
{
  return self->stacks[which];
}

/* The comparison cannot be made: which image is missing and why. A purged image says when and
 * under which rule, from the error's purge record. */
static void
show_load_error (LkWorkspace  *self,
                 int           which,
                 const GError *error)
{
  GtkWidget *spinner = adw_status_page_get_child (self->loading_page);
  const char *whose = which == 0 ? "probe" : "candidate";
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;

  if (spinner != NULL)
    gtk_widget_set_visible (spinner, FALSE);
  adw_status_page_set_icon_name (self->loading_page, "image-missing-symbolic");
  if (g_error_matches (error, LK_ERROR, LK_ERROR_PURGED))
    {
      g_autofree char *purged = lk_image_error_text (error);

      title = g_strdup_printf ("The %s’s Image Was Purged", which == 0 ? "Probe" : "Candidate");
      text = g_strdup_printf ("%s. The %s’s record and the image’s SHA-256 are kept; the images "
                              "cannot be compared.", purged, whose);
    }
  else
    {
      title = g_strdup ("The Images Cannot Be Shown");
      text = g_strdup (error->message);
    }
  adw_status_page_set_title (self->loading_page, title);
  lk_status_page_set_text (self->loading_page, text);
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LkWorkspace) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadJob *load = lk_task_get_data (result, load_job);
  Loaded *job = lk_task_finish (result, load_job, &error);

  if (job == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_load_error (self, load->failed, error);
      return;
    }
  for (int i = 0; i < 2; i++)
    {
      self->pixels[i] = g_steal_pointer (&job->pixels[i]);
      self->originals[i] = lk_pyramid_ref (job->pyramid[i]);
      lk_image_view_set_pyramid (_lk_workspace_view_of (self, i), job->pyramid[i]);
    }
  self->have_eyes[1] = job->have_eyes;
  memcpy (self->eyes[1], job->eyes, sizeof job->eyes);
  _lk_workspace_set_faces (self, job->have_face ? &job->face : NULL);
  _lk_workspace_read_alignment (self);
  _lk_workspace_frame_faces (self);
  for (int i = 0; i < 2; i++)
    if (lk_enhancement_stack_get_n_steps (_lk_workspace_stack_of (self, i)) > 0)
      apply_stack (self, i, _lk_workspace_stack_of (self, i));
  gtk_stack_set_visible_child_name (self->stack, "compare");
  self->loaded = TRUE;
  gtk_widget_grab_focus (GTK_WIDGET (self->compare));
  loaded_free (job);
}

void
_lk_workspace_load_images (LkWorkspace *self)
{
  LoadJob *job = g_new0 (LoadJob, 1);

  job->session = g_object_ref (self->session);
  job->probe_id = self->probe_id;
  job->candidate_id = self->candidate_id;
  lk_task_run (self, self->cancellable, on_loaded, g_object_ref (self), load_job, load_job, job,
               (GDestroyNotify) load_job_free, (GDestroyNotify) loaded_free);
}

/* ---- enhancement: the stack replayed on the original pixels in a worker thread ------------ */

/* A large image is enhanced twice: first at the pyramid level the view draws (a few hundred
 * thousand pixels, so the effect shows at once), then at full resolution, which replaces the
 * preview when it is ready. A newer stack makes older results stale. */
/* The originals are read by the jobs, never copied: they do not change once loaded, and a
 * running task holds the workspace (its source object), which owns them. */
typedef struct
{
  const LkPixels *pixels;   /* the original, full resolution; NULL for a preview */
  LkPyramid *source;   /* the original's pyramid, for a preview */
  guint      level;    /* the preview's level */
  LkEnhancementStack *stack;
  int        which;
  guint      generation;
} EnhanceJob;

static void
enhance_job_free (EnhanceJob *job)
{
  g_clear_pointer (&job->source, lk_pyramid_unref);
  g_clear_object (&job->stack);
  g_free (job);
}

typedef struct
{
  LkPyramid *pyramid;
  int        which;
  guint      generation;
  gboolean   preview;
} Enhanced;

static void
enhanced_free (Enhanced *enhanced)
{
  g_clear_pointer (&enhanced->pyramid, lk_pyramid_unref);
  g_free (enhanced);
}

static gpointer
enhance_job (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  EnhanceJob *job = data;
  g_autoptr(LkPixels) level = job->pixels == NULL
    ? lk_pyramid_dup_level (job->source, job->level) : NULL;
  g_autoptr(LkPixels) out = lk_cv_enhance (job->pixels != NULL ? job->pixels : level,
                                           job->stack, error);
  Enhanced *enhanced;

  if (out == NULL)
    return NULL;
  enhanced = g_new0 (Enhanced, 1);
  enhanced->preview = job->pixels == NULL;
  enhanced->pyramid = enhanced->preview
    ? lk_pyramid_new_partial (out, lk_pyramid_get_width (job->source),
                              lk_pyramid_get_height (job->source), job->level)
    : lk_pyramid_new_from_pixels (out);
  enhanced->which = job->which;
  enhanced->generation = job->generation;
  return enhanced;
}

static void
on_enhanced (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkWorkspace) self = user_data;
  g_autoptr(GError) error = NULL;
  Enhanced *enhanced = lk_task_finish (result, enhance_job, &error);
  int which;

  if (enhanced == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lk_workspace_problem (self, error->message);
      return;
    }
  which = enhanced->which;
  if (enhanced->generation == self->enhance_generation[which] &&
      self->enhance_shown[which] != enhanced->generation)
    {
      lk_image_view_set_pyramid (_lk_workspace_view_of (self, which), enhanced->pyramid);
      if (!enhanced->preview)
        self->enhance_shown[which] = enhanced->generation;
    }
  enhanced_free (enhanced);
}

static void
run_enhance_job (LkWorkspace *self,
                 int          which,
                 LkEnhancementStack *stack,
                 guint        preview_level)
{
  EnhanceJob *job = g_new0 (EnhanceJob, 1);

  if (preview_level > 0)
    {
      job->source = lk_pyramid_ref (self->originals[which]);
      job->level = preview_level;
    }
  else
    job->pixels = self->pixels[which];
  /* The worker reads the stack while the main thread may replace the workspace's own. */
  job->stack = lk_enhancement_stack_copy (stack);
  job->which = which;
  job->generation = self->enhance_generation[which];
  lk_task_run (self, self->cancellable, on_enhanced, g_object_ref (self), enhance_job,
               enhance_job, job, (GDestroyNotify) enhance_job_free,
               (GDestroyNotify) enhanced_free);
}

static void
apply_stack (LkWorkspace *self,
             int          which,
             LkEnhancementStack *stack)
{
  guint level;

  if (self->pixels[which] == NULL)
    return;
  self->enhance_generation[which]++;
  if (lk_enhancement_stack_get_n_steps (stack) == 0)
    {
      /* Nothing to apply: the original, at once. */
      self->enhance_shown[which] = self->enhance_generation[which];
      lk_image_view_set_pyramid (_lk_workspace_view_of (self, which), self->originals[which]);
      return;
    }
  level = lk_image_view_get_level (_lk_workspace_view_of (self, which));
  if (level > 0)
    run_enhance_job (self, which, stack, level);
  run_enhance_job (self, which, stack, 0);
}

/* What is shown of a stack: all of it, or its steps before @before_step. */
static LkEnhancementStack *
shown_stack (LkEnhancementStack *stack,
             int                 before_step)
{
  LkEnhancementStack *shown = lk_enhancement_stack_copy (stack);

  while (before_step >= 0 && lk_enhancement_stack_get_n_steps (shown) > (guint) before_step)
    lk_enhancement_stack_remove (shown, lk_enhancement_stack_get_n_steps (shown) - 1);
  return shown;
}

/* Before and after a step: only what is shown changes, never the stored stack. */
void
_lk_workspace_on_before_step (LkWorkspace *self,
                              int          step,
                              GtkWidget   *panel)
{
  int which = panel == self->panels[0] ? 0 : 1;
  g_autoptr(LkEnhancementStack) shown = NULL;

  self->before_step[which] = step;
  shown = shown_stack (self->stacks[which], step);
  apply_stack (self, which, shown);
  _lk_workspace_update_status (self);
}

void
_lk_workspace_on_stack_changed (LkWorkspace *self,
                                LkEnhancementStack *stack,
                                GtkWidget   *panel)
{
  int which = panel == self->panels[0] ? 0 : 1;
  g_autoptr(GError) error = NULL;

  if (!lk_examinations_set_enhancements (self->session, self->examination_id,
                                         image_names[which], stack, &error))
    {
      _lk_workspace_problem (self, error->message);
      return;
    }
  _lk_workspace_reload (self, NULL);
  apply_stack (self, which, stack);
}

/* ---- the difference of the aligned images ------------------------------------------------- */

typedef struct
{
  const LkPixels *probe;      /* the originals, borrowed as by the enhancement jobs */
  const LkPixels *candidate;
  LkSimilarity    transform;
} DifferenceJob;

static gpointer
difference_job (gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  DifferenceJob *job = data;
  g_autoptr(LkPixels) warped = lk_cv_warp_similarity (job->candidate, job->transform.a,
                                                      job->transform.b, job->transform.tx,
                                                      job->transform.ty, job->probe->width,
                                                      job->probe->height);
  g_autoptr(LkPixels) difference = warped ? lk_cv_difference (job->probe, warped) : NULL;

  if (difference == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "The difference could not be computed");
      return NULL;
    }
  return lk_pyramid_new_from_pixels (difference);
}

/* A new difference image starts where the probe is: framed, zoomed and placed the same. */
static void
show_as_probe (LkWorkspace *self,
               LkImageView *view)
{
  LkImageView *probe = _lk_workspace_view_of (self, 0);
  graphene_rect_t area;

  if (lk_image_view_get_fit_area (probe, &area))
    lk_image_view_fit_area (view, &area);
  else if (lk_image_view_get_fit (probe))
    lk_image_view_set_fit (view, TRUE);
  else
    {
      lk_image_view_set_zoom (view, lk_image_view_get_zoom (probe));
      lk_image_view_set_center (view, lk_image_view_get_center_x (probe),
                                lk_image_view_get_center_y (probe));
    }
}

static void
on_difference (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LkWorkspace) self = user_data;
  g_autoptr(GError) error = NULL;
  LkPyramid *pyramid = lk_task_finish (result, difference_job, &error);

  if (pyramid == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lk_workspace_problem (self, error->message);
      return;
    }
  lk_image_view_set_pyramid (lk_compare_view_get_difference_view (self->compare), pyramid);
  lk_pyramid_unref (pyramid);
  show_as_probe (self, lk_compare_view_get_difference_view (self->compare));
}

void
_lk_workspace_refresh_difference (LkWorkspace *self)
{
  DifferenceJob *job;

  if (self->pixels[0] == NULL || g_strcmp0 (lk_compare_view_get_mode (self->compare),
                                            "difference") != 0)
    return;
  job = g_new0 (DifferenceJob, 1);
  job->probe = self->pixels[0];
  job->candidate = self->pixels[1];
  _lk_workspace_display_transform (self, &job->transform);
  lk_task_run (self, self->cancellable, on_difference, g_object_ref (self), difference_job,
               difference_job, job, g_free,
               (GDestroyNotify) lk_pyramid_unref);
}
