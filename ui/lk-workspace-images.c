/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workspace's images: loaded, enhanced and compared by the core's async image work; here
 * they only become textures. */
#include "config.h"

#include "lk-workspace-private.h"

static const char * const image_names[] = { "probe", "candidate" };

/* ---- loading the images: read, decoded and made into pyramids by the core ----------------- */

static void apply_stack (LkWorkspace *self, int which, LkEnhancementStack *stack);

LkEnhancementStack *
_lk_workspace_stack_of (LkWorkspace *self,
                        int          which)
{
  return self->stacks[which];
}

/* The core pyramid of an original, for the core's image work. */
static LkImagePyramid *
original_of (LkWorkspace *self,
             int          which)
{
  return self->originals[which] != NULL ? lk_pyramid_get_image (self->originals[which]) : NULL;
}

static void
show_loaded (LkWorkspace *self,
             LkImagePair *pair)
{
  LkFace face;
  LkFrame frame;
  gboolean have_face = lk_image_pair_get_face (pair, &face);

  for (int i = 0; i < 2; i++)
    {
      self->originals[i] = lk_pyramid_new_for_image (lk_image_pair_get_pyramid (pair, i));
      lk_image_view_set_pyramid (_lk_workspace_view_of (self, i), self->originals[i]);
    }
  self->have_eyes[1] = lk_image_pair_get_eyes (pair, self->eyes[1]);
  if (have_face)
    frame = (LkFrame) { face.x, face.y, face.width, face.height };
  _lk_workspace_set_faces (self, have_face ? &frame : NULL);
  _lk_workspace_read_alignment (self);
  _lk_workspace_frame_faces (self);
  for (int i = 0; i < 2; i++)
    if (lk_enhancement_stack_get_n_steps (_lk_workspace_stack_of (self, i)) > 0)
      apply_stack (self, i, _lk_workspace_stack_of (self, i));
  gtk_stack_set_visible_child_name (self->stack, "compare");
  self->loaded = TRUE;
  gtk_widget_grab_focus (GTK_WIDGET (self->compare));
}

/* Nothing can be examined without both images: what works on them is not offered (the view
 * modes, the zoom, the enhancement stacks and, as once a conclusion is signed, the alignment
 * and the annotation tools), and the clock stops (counting () asks). */
static void
stop_image_work (LkWorkspace *self)
{
  static const char * const actions[] = {
    "workspace.mode", "workspace.zoom-in", "workspace.zoom-out", "workspace.zoom-faces",
    "workspace.zoom-fit", "workspace.zoom-1to1", "workspace.zoom-to", "workspace.enhancements",
  };
  GtkWidget *controls[] = {
    GTK_WIDGET (self->side_button), GTK_WIDGET (self->overlay_button),
    GTK_WIDGET (self->wipe_button), GTK_WIDGET (self->flicker_button),
    GTK_WIDGET (self->difference_button), GTK_WIDGET (self->zoom_button),
    GTK_WIDGET (self->annotations_button), GTK_WIDGET (self->lock_button),
  };

  self->images_missing = TRUE;
  _lk_workspace_show_side_panel (self, 1, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    gtk_widget_set_sensitive (controls[i], FALSE);
  _lk_workspace_freeze (self);
  _lk_workspace_update_actions (self);
  _lk_workspace_update_status (self);
}

/* The comparison cannot be made: which image is missing and why. A purged image says when and
 * under which rule, from the error's purge record. */
static void
show_load_error (LkWorkspace  *self,
                 int           which,
                 const GError *error)
{
  const char *whose = which == 0 ? "probe" : "candidate";
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  GtkWidget *spinner = adw_status_page_get_child (self->loading_page);

  /* Nothing is loading any more. */
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
  adw_status_page_set_description (self->loading_page, text);
  stop_image_work (self);
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LkWorkspace) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImagePair) pair = lk_examination_images_load_finish (result, &error);

  g_clear_object (&self->load_progress);
  if (pair != NULL)
    {
      show_loaded (self, pair);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  show_load_error (self, lk_image_pair_load_failed_image (result), error);
}

/* What the core is doing, under "Opening the Images". */
static void
on_load_progress (LkProgress  *progress,
                  GParamSpec  *pspec,
                  LkWorkspace *self)
{
  adw_status_page_set_description (self->loading_page, lk_progress_get_text (progress));
}

void
_lk_workspace_load_images (LkWorkspace *self)
{
  g_clear_object (&self->load_progress);
  self->load_progress = lk_progress_new ();
  g_signal_connect_object (self->load_progress, "notify::text", G_CALLBACK (on_load_progress),
                           self, 0);
  lk_examination_images_load_async (self->session, self->probe_id, self->candidate_id,
                                    self->load_progress, self->cancellable, on_loaded,
                                    g_object_ref (self));
}

/* ---- enhancement: the stack replayed on the original by the core --------------------------- */

/* A large image is enhanced twice: first at the pyramid level the view draws (a few hundred
 * thousand pixels, so the effect shows at once), then at full resolution, which replaces the
 * preview when it is ready. A newer stack makes older results stale. */
typedef struct
{
  LkWorkspace *self;
  int          which;
  guint        generation;
  gboolean     preview;
} Enhancing;

static void
on_enhanced (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Enhancing *e = user_data;
  g_autoptr(LkWorkspace) self = e->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImagePyramid) enhanced = lk_image_pyramid_enhance_finish (result, &error);
  int which = e->which;

  if (enhanced == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lk_workspace_problem (self, error->message);
    }
  else if (e->generation == self->enhance_generation[which] &&
           self->enhance_shown[which] != e->generation)
    {
      g_autoptr(LkPyramid) pyramid = lk_pyramid_new_for_image (enhanced);

      lk_image_view_set_pyramid (_lk_workspace_view_of (self, which), pyramid);
      if (!e->preview)
        self->enhance_shown[which] = e->generation;
    }
  g_free (e);
}

static void
run_enhance_job (LkWorkspace        *self,
                 int                 which,
                 LkEnhancementStack *stack,
                 guint               preview_level)
{
  Enhancing *e = g_new0 (Enhancing, 1);

  e->self = g_object_ref (self);
  e->which = which;
  e->generation = self->enhance_generation[which];
  e->preview = preview_level > 0;
  lk_image_pyramid_enhance_async (original_of (self, which), preview_level, stack,
                                  self->cancellable, on_enhanced, e);
}

static void
apply_stack (LkWorkspace        *self,
             int                 which,
             LkEnhancementStack *stack)
{
  guint level;

  if (self->originals[which] == NULL)
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
  _lk_workspace_refresh (self);
  apply_stack (self, which, stack);
}

/* ---- the difference of the aligned images ------------------------------------------------- */

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
  g_autoptr(LkImagePyramid) difference = lk_image_pyramid_difference_finish (result, &error);
  g_autoptr(LkPyramid) pyramid = NULL;

  if (difference == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lk_workspace_problem (self, error->message);
      return;
    }
  pyramid = lk_pyramid_new_for_image (difference);
  lk_image_view_set_pyramid (lk_compare_view_get_difference_view (self->compare), pyramid);
  show_as_probe (self, lk_compare_view_get_difference_view (self->compare));
}

void
_lk_workspace_refresh_difference (LkWorkspace *self)
{
  LkSimilarity t;
  double transform[4];

  if (self->originals[0] == NULL || g_strcmp0 (lk_compare_view_get_mode (self->compare),
                                               "difference") != 0)
    return;
  _lk_workspace_display_transform (self, &t);
  transform[0] = t.a;
  transform[1] = t.b;
  transform[2] = t.tx;
  transform[3] = t.ty;
  lk_image_pyramid_difference_async (original_of (self, 0), original_of (self, 1), transform,
                                     self->cancellable, on_difference, g_object_ref (self));
}
