/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The probe beside the candidate list (LkTriageProbe): the probe's face cropped, its locked
 * analysis in a popover, and the selected candidate's face next to it at the same face scale,
 * whatever the sizes of the two portraits. */
#include "config.h"

#include <math.h>

#include "lk-face-crop-view.h"
#include "lk-test-triage.h"
#include "lk-triage-probe.h"
#include "imaging/lk-cv.h"

/* The probe's portrait at half its size, as a second candidate: the same face, half as many
 * pixels between the eyes. */
static char *
write_half_size (Fixture *f)
{
  g_autofree char *source = demo_path ("grace_hopper.jpg");
  g_autofree char *path = g_build_filename (f->folder, "half.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) full = gdk_pixbuf_new_from_file (source, &error);
  g_autoptr(GdkPixbuf) half = NULL;

  g_assert_no_error (error);
  half = gdk_pixbuf_scale_simple (full, gdk_pixbuf_get_width (full) / 2,
                                  gdk_pixbuf_get_height (full) / 2, GDK_INTERP_BILINEAR);
  g_assert_true (gdk_pixbuf_save (half, path, "png", &error, NULL));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
show_with_faces (Fixture *f)
{
  g_autofree char *half = write_half_size (f);
  g_autofree char *astronaut = demo_path ("astronaut.png");
  const char * const images[] = { half, astronaut, NULL };

  lock_and_import_images (f, images);
  show_page (f);
}

static LkTriageProbe *
panel_of (Fixture *f)
{
  GtkWidget *panel = lk_test_find_type (GTK_WIDGET (f->page), LK_TYPE_TRIAGE_PROBE);

  g_assert_nonnull (panel);
  return LK_TRIAGE_PROBE (panel);
}

/* The probe's view (@which 0) or the candidate's (1). */
static LkFaceCropView *
crop_view (Fixture *f,
           int      which)
{
  GtkWidget *probe = lk_test_find_type (GTK_WIDGET (panel_of (f)), LK_TYPE_FACE_CROP_VIEW);
  GtkWidget *view = probe;

  /* The candidate's view is the next one in the panel, in a stack beside the probe's. */
  if (which == 1)
    {
      GtkWidget *stack = lk_test_find_type (GTK_WIDGET (panel_of (f)), GTK_TYPE_STACK);

      view = lk_test_find_type (stack, LK_TYPE_FACE_CROP_VIEW);
      g_assert_true (view != probe);
    }
  g_assert_nonnull (view);
  return LK_FACE_CROP_VIEW (view);
}

typedef struct
{
  Fixture *f;
  int      which;
} View;

/* Shown and drawn: the crop it drew is known. */
static gboolean
face_drawn (gpointer data)
{
  View *v = data;
  LkRect crop;

  if (!lk_triage_probe_get_showing (panel_of (v->f), v->which == 1))
    return FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (crop_view (v->f, v->which)));
  return gtk_widget_get_mapped (GTK_WIDGET (crop_view (v->f, v->which))) &&
         lk_face_crop_view_get_crop (crop_view (v->f, v->which), &crop);
}

/* The probe's face of interest by its eyes (or its box), as the core recorded it. */
static void
probe_eyes (Fixture *f,
            LkPoint  eyes[2])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkProbe) probe = lk_probes_get_probe (f->examiner, f->probe_id, &error);
  g_autoptr(LkProbeFace) face = NULL;

  g_assert_no_error (error);
  face = g_list_model_get_item (lk_probe_get_faces (probe),
                                (guint) MAX (lk_probe_get_face_index (probe), 0));
  g_assert_nonnull (face);
  if (!lk_probe_face_get_eyes (face, &eyes[0], &eyes[1]))
    lk_face_eyes_from_box (lk_probe_face_get_x (face), lk_probe_face_get_y (face),
                           lk_probe_face_get_width (face), lk_probe_face_get_height (face),
                           &eyes[0], &eyes[1]);
}

/* A candidate's largest face by its eyes (or its box), found in its image as stored. */
static void
candidate_eyes (Fixture *f,
                guint    position,
                LkPoint  eyes[2])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = lk_candidates_read_image (f->examiner,
                                                      lk_candidate_get_id (record_at (f, position)),
                                                      &error);
  g_autoptr(LkCvImage) image = NULL;
  g_autoptr(GArray) faces = NULL;
  LkFace *face;

  g_assert_no_error (error);
  image = lk_cv_image_decode (bytes, &error);
  g_assert_no_error (error);
  faces = lk_cv_image_find_faces (image, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, >, 0);
  face = &g_array_index (faces, LkFace, 0);
  eyes[0] = face->eye_a;
  eyes[1] = face->eye_b;
  if (!face->has_eyes)
    lk_face_eyes_from_box (face->x, face->y, face->width, face->height, &eyes[0], &eyes[1]);
}

/* Screen pixels per original pixel in @view, as drawn. */
static double
screen_scale (LkFaceCropView *view)
{
  LkRect crop;

  g_assert_true (lk_face_crop_view_get_crop (view, &crop));
  return gtk_widget_get_width (GTK_WIDGET (view)) / crop.width;
}

/* The eyes lie inside the part of the original shown, which is not the whole portrait. */
static void
assert_face_cropped (LkFaceCropView *view,
                     const LkPoint   eyes[2],
                     int             image_width)
{
  LkRect crop;

  g_assert_true (lk_face_crop_view_get_crop (view, &crop));
  for (int i = 0; i < 2; i++)
    {
      g_assert_cmpfloat (eyes[i].x, >, crop.x);
      g_assert_cmpfloat (eyes[i].x, <, crop.x + crop.width);
      g_assert_cmpfloat (eyes[i].y, >, crop.y);
      g_assert_cmpfloat (eyes[i].y, <, crop.y + crop.height);
    }
  g_assert_cmpfloat (crop.width, <, image_width);
}

static double
distance (const LkPoint eyes[2])
{
  return hypot (eyes[1].x - eyes[0].x, eyes[1].y - eyes[0].y);
}

/* Selects candidate @position and checks that its face is shown with its eyes as far apart on
 * screen as the probe's; returns its scale (screen pixels per original pixel). */
static double
assert_same_face_scale (Fixture *f,
                        guint    position)
{
  View candidate = { f, 1 };
  LkPoint probe[2], other[2];
  double probe_on_screen, other_on_screen, scale;

  lk_candidates_page_select (f->page, position);
  g_assert_true (lk_test_wait (face_drawn, &candidate, 20000));
  probe_eyes (f, probe);
  candidate_eyes (f, position, other);
  probe_on_screen = distance (probe) * screen_scale (crop_view (f, 0));
  scale = screen_scale (crop_view (f, 1));
  other_on_screen = distance (other) * scale;
  g_test_message ("inter-eye distance on screen: probe %.2f px, candidate %u %.2f px",
                  probe_on_screen, position + 1, other_on_screen);
  g_assert_cmpfloat (fabs (probe_on_screen - other_on_screen), <, 1.0);
  return scale;
}

static void
test_probe_face_and_analysis (Fixture       *f,
                              gconstpointer  data)
{
  View probe = { f, 0 };
  LkPoint eyes[2];
  GtkWidget *button, *popover;
  const char *text;

  show_with_faces (f);
  g_assert_true (lk_test_wait (face_drawn, &probe, 20000));
  probe_eyes (f, eyes);
  assert_face_cropped (crop_view (f, 0), eyes, 512);
  g_assert_nonnull (lk_test_find (GTK_WIDGET (panel_of (f)), GTK_TYPE_LABEL,
                                  "Probe 1: grace_hopper.jpg"));

  /* The locked analysis, a click away. */
  button = lk_test_find_type (GTK_WIDGET (panel_of (f)), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==, "Analysis");
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_true (lk_test_wait ((LkTestCondition) gtk_widget_get_mapped, popover, 5000));
  text = gtk_label_get_text (GTK_LABEL (lk_test_find_type (popover, GTK_TYPE_LABEL)));
  g_assert_nonnull (strstr (text, "Suitability: "));
  g_assert_nonnull (strstr (text, lk_vocabulary_label ("suitable")));
  g_assert_nonnull (strstr (text, "Components to compare: eyes, nose"));
  g_assert_nonnull (strstr (text, "Notes: Clear frontal view."));
  g_assert_nonnull (strstr (text, "Locked by erin"));
  g_assert_nonnull (strstr (text, "(revision 1)"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

/* The half-size copy of the probe's portrait and a different portrait: each shown with its
 * eyes as far apart as the probe's, so the half-size copy is drawn twice as large. */
static void
test_same_face_scale (Fixture       *f,
                      gconstpointer  data)
{
  View probe = { f, 0 };
  double half_scale, probe_scale, other_scale;
  guint half = 0, other = 1;
  LkPoint eyes[2];

  show_with_faces (f);
  g_assert_true (lk_test_wait (face_drawn, &probe, 20000));
  g_assert_true (lk_test_wait (tiles_made, f, 10000));
  /* The list is shown shuffled: find the half-size copy by its subject. */
  if (g_strcmp0 (lk_candidate_get_subject_ref (record_at (f, 0)), "SUBJ-1") != 0)
    half = 1, other = 0;

  half_scale = assert_same_face_scale (f, half);
  probe_scale = screen_scale (crop_view (f, 0));
  g_assert_cmpfloat (half_scale / probe_scale, >, 1.6);
  g_assert_cmpfloat (half_scale / probe_scale, <, 2.4);
  candidate_eyes (f, half, eyes);
  assert_face_cropped (crop_view (f, 1), eyes, 256);
  g_assert_nonnull (lk_test_find (GTK_WIDGET (panel_of (f)), GTK_TYPE_LABEL,
                                  half == 0 ? "Candidate 1" : "Candidate 2"));

  other_scale = assert_same_face_scale (f, other);
  g_assert_cmpfloat (fabs (other_scale - half_scale), >, 0.01);
  /* to look at, at the size of a common laptop screen */
  gtk_widget_set_size_request (f->window, 1440, 900);
  lk_test_shoot (f->window, "triage-1440x900.png");
}

int
main (int    argc,
      char **argv)
{
  lk_test_ui_init (&argc, &argv);
  g_test_add ("/likeness/triage-probe/probe-face-and-analysis", Fixture, NULL, fixture_set_up,
              test_probe_face_and_analysis, fixture_tear_down);
  g_test_add ("/likeness/triage-probe/same-face-scale", Fixture, NULL, fixture_set_up,
              test_same_face_scale, fixture_tear_down);
  return g_test_run ();
}
