/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-face-crop-view.h"
#include "lk-texture.h"
#include "lk-triage-probe.h"
#include "lk-ui-util.h"

#define MAX_SIDE 1600

struct _LkTriageProbe
{
  GtkBox          parent_instance;

  LkSession      *session;
  GCancellable   *probe_cancellable;
  GCancellable   *candidate_cancellable;
  LkProbe        *probe;
  gboolean        showing[2];  /* probe, candidate */

  LkFaceCropView *probe_view;
  GtkLabel       *probe_label;
  GtkMenuButton  *analysis_button;
  GtkLabel       *analysis_label;
  GtkStack       *candidate_stack;
  LkFaceCropView *candidate_view;
  GtkLabel       *candidate_note;
  GtkLabel       *candidate_label;
};

G_DEFINE_FINAL_TYPE (LkTriageProbe, lk_triage_probe, GTK_TYPE_BOX)

gboolean
lk_triage_probe_get_showing (LkTriageProbe *self,
                             gboolean       candidate)
{
  g_return_val_if_fail (LK_IS_TRIAGE_PROBE (self), FALSE);
  return self->showing[candidate ? 1 : 0];
}

/* ---- the probe ----------------------------------------------------------------------------- */

/* The face of interest (the first face while none is chosen), by its eyes or its box. */
static gboolean
probe_eyes (LkProbe *probe,
            LkPoint *a,
            LkPoint *b)
{
  GListModel *faces = lk_probe_get_faces (probe);
  int chosen = MAX (lk_probe_get_face_index (probe), 0);
  g_autoptr(LkProbeFace) face = NULL;

  if ((guint) chosen >= g_list_model_get_n_items (faces))
    return FALSE;
  face = g_list_model_get_item (faces, (guint) chosen);
  if (lk_probe_face_get_eyes (face, a, b))
    return TRUE;
  lk_face_eyes_from_box (lk_probe_face_get_x (face), lk_probe_face_get_y (face),
                         lk_probe_face_get_width (face), lk_probe_face_get_height (face), a, b);
  return TRUE;
}

static char *
analysis_text (LkProbe *probe)
{
  LkProbeAnalysis *a = lk_probe_get_analysis (probe);
  g_autofree char *factors = NULL;
  g_autofree char *components = NULL;

  if (a == NULL)
    return g_strdup ("The analysis is not locked yet.");
  factors = g_strjoinv (", ", (char **) lk_probe_analysis_get_factors (a));
  components = g_strjoinv (", ", (char **) lk_probe_analysis_get_components (a));
  return g_strdup_printf ("Suitability: %s\nLimiting factors: %s\nComponents to compare: %s\n"
                          "Notes: %s\nLocked by %s at %s (revision %d)",
                          lk_vocabulary_label (lk_probe_analysis_get_suitability (a)),
                          *factors ? factors : "none", *components ? components : "none",
                          lk_probe_analysis_get_notes (a) ? lk_probe_analysis_get_notes (a) : "",
                          lk_probe_analysis_get_examiner (a),
                          lk_probe_analysis_get_locked_at (a),
                          lk_probe_analysis_get_revision (a));
}

/* The probe's image cannot be shown (a purge under the retention policy, a failed integrity
 * check): said under the probe's name, where the face would be. */
static void
show_probe_problem (LkTriageProbe *self,
                    const GError  *error)
{
  g_autofree char *problem = lk_image_error_text (error);
  g_autofree char *text = g_strdup_printf ("Probe %u: %s\n%s", lk_probe_get_number (self->probe),
                                           lk_probe_get_file_name (self->probe), problem);

  gtk_label_set_text (self->probe_label, text);
}

static void
on_probe_texture (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LkTriageProbe) self = user_data;
  g_autoptr(GError) error = NULL;
  int width = 0, height = 0;
  g_autoptr(GdkTexture) texture = lk_texture_load_probe_finish (result, &width, &height, &error);
  LkPoint a, b;

  if (texture == NULL && self->probe != NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      show_probe_problem (self, error);
      return;
    }
  if (texture == NULL || self->probe == NULL || !probe_eyes (self->probe, &a, &b))
    return;
  lk_face_crop_view_set_face (self->probe_view, texture, width, height, a, b);
  self->showing[0] = TRUE;
}

void
lk_triage_probe_set_probe (LkTriageProbe *self,
                           LkSession     *session,
                           gint64         probe_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *analysis = NULL;

  g_return_if_fail (LK_IS_TRIAGE_PROBE (self));

  g_set_object (&self->session, session);
  g_clear_object (&self->probe);
  if ((self->probe = lk_probes_get_probe (session, probe_id, &error)) == NULL)
    {
      gtk_label_set_text (self->probe_label, error->message);
      return;
    }
  name = g_strdup_printf ("Probe %u: %s", lk_probe_get_number (self->probe),
                          lk_probe_get_file_name (self->probe));
  gtk_label_set_text (self->probe_label, name);
  analysis = analysis_text (self->probe);
  gtk_label_set_text (self->analysis_label, analysis);
  lk_texture_load_probe_async (session, probe_id, MAX_SIDE, self->probe_cancellable,
                               on_probe_texture, g_object_ref (self));
}

/* ---- the candidate ------------------------------------------------------------------------- */

typedef struct
{
  LkSession *session;
  gint64     candidate_id;
} CandidateJob;

typedef struct
{
  GdkTexture *texture;
  int         width;
  int         height;
  gboolean    found;
  LkPoint     eyes[2];
} CandidateFace;

static void
candidate_job_free (CandidateJob *job)
{
  g_clear_object (&job->session);
  g_free (job);
}

static void
candidate_face_free (CandidateFace *face)
{
  g_clear_object (&face->texture);
  g_free (face);
}

/* The first (largest) face the detector finds, placed by its eyes or its box. */
static gpointer
candidate_job (gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  CandidateJob *job = data;
  g_autoptr(GBytes) bytes = lk_candidates_read_image (job->session, job->candidate_id, error);
  g_autoptr(LkCvImage) image = NULL;
  g_autoptr(GArray) faces = NULL;
  g_autoptr(LkPixels) pixels = NULL;
  CandidateFace *face;

  /* A detector that fails says why, rather than that there is no face. */
  if (bytes == NULL || (image = lk_cv_image_decode (bytes, error)) == NULL ||
      (faces = lk_cv_image_find_faces (image, NULL, error)) == NULL)
    return NULL;
  face = g_new0 (CandidateFace, 1);
  face->width = lk_cv_image_get_width (image);
  face->height = lk_cv_image_get_height (image);
  if (faces->len > 0)
    {
      LkFace *f = &g_array_index (faces, LkFace, 0);

      face->found = TRUE;
      if (f->has_eyes)
        face->eyes[0] = f->eye_a, face->eyes[1] = f->eye_b;
      else
        lk_face_eyes_from_box (f->x, f->y, f->width, f->height, &face->eyes[0],
                               &face->eyes[1]);
    }
  pixels = lk_cv_image_to_pixels (image, MAX_SIDE);
  face->texture = lk_texture_new_from_pixels (pixels);
  return face;
}

static void
show_note (LkTriageProbe *self,
           const char    *note)
{
  gtk_label_set_text (self->candidate_note, note);
  gtk_stack_set_visible_child_name (self->candidate_stack, "note");
  self->showing[1] = FALSE;
}

static void
on_candidate_face (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LkTriageProbe) self = user_data;
  g_autoptr(GError) error = NULL;
  CandidateFace *face = lk_task_finish (result, candidate_job, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (face == NULL && g_error_matches (error, LK_ERROR, LK_ERROR_PURGED))
    {
      g_autofree char *purged = lk_image_error_text (error);

      show_note (self, purged);
    }
  else if (face == NULL)
    show_note (self, error->message);
  else if (!face->found)
    show_note (self, "No face was found in this candidate's image");
  else
    {
      lk_face_crop_view_set_face (self->candidate_view, face->texture, face->width, face->height,
                                  face->eyes[0], face->eyes[1]);
      gtk_stack_set_visible_child_name (self->candidate_stack, "face");
      self->showing[1] = TRUE;
    }
  g_clear_pointer (&face, candidate_face_free);
}

void
lk_triage_probe_show_candidate (LkTriageProbe *self,
                                gint64         candidate_id,
                                const char    *title)
{
  CandidateJob *job;

  g_return_if_fail (LK_IS_TRIAGE_PROBE (self));

  g_cancellable_cancel (self->candidate_cancellable);
  g_clear_object (&self->candidate_cancellable);
  gtk_label_set_text (self->candidate_label, title != NULL ? title : "Candidate");
  if (candidate_id <= 0 || self->session == NULL)
    {
      show_note (self, "Select a candidate to see its face beside the probe's");
      return;
    }
  show_note (self, "Finding the face…");
  self->candidate_cancellable = g_cancellable_new ();
  job = g_new0 (CandidateJob, 1);
  job->session = g_object_ref (self->session);
  job->candidate_id = candidate_id;
  lk_task_run (self, self->candidate_cancellable, on_candidate_face, g_object_ref (self),
               candidate_job, candidate_job, job, (GDestroyNotify) candidate_job_free,
               (GDestroyNotify) candidate_face_free);
}

/* ---- object -------------------------------------------------------------------------------- */

static void
lk_triage_probe_dispose (GObject *object)
{
  LkTriageProbe *self = LK_TRIAGE_PROBE (object);

  g_cancellable_cancel (self->probe_cancellable);
  g_cancellable_cancel (self->candidate_cancellable);
  g_clear_object (&self->probe_cancellable);
  g_clear_object (&self->candidate_cancellable);
  g_clear_object (&self->probe);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_TRIAGE_PROBE);
  G_OBJECT_CLASS (lk_triage_probe_parent_class)->dispose (object);
}

static void
lk_triage_probe_class_init (LkTriageProbeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_triage_probe_dispose;

  g_type_ensure (LK_TYPE_FACE_CROP_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-triage-probe.ui");
  gtk_widget_class_bind_template_child (widget_class, LkTriageProbe, probe_view);
  gtk_widget_class_bind_template_child (widget_class, LkTriageProbe, probe_label);
  gtk_widget_class_bind_template_child (widget_class, LkTriageProbe, analysis_button);
  gtk_widget_class_bind_template_child (widget_class, LkTriageProbe, analysis_label);
  gtk_widget_class_bind_template_child (widget_class, LkTriageProbe, candidate_stack);
  gtk_widget_class_bind_template_child (widget_class, LkTriageProbe, candidate_view);
  gtk_widget_class_bind_template_child (widget_class, LkTriageProbe, candidate_note);
  gtk_widget_class_bind_template_child (widget_class, LkTriageProbe, candidate_label);
}

static void
lk_triage_probe_init (LkTriageProbe *self)
{
  self->probe_cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->candidate_stack, "note");
}
