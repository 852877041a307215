/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Framing faces: the frame around a detected box, boxes mapped through a similarity, two faces
 * brought to one size, the zoom that shows a frame, refusals; and the frame of the face found
 * on a demo portrait holds both eyes and is a small part of the portrait. */
#include "config.h"

#include <math.h>

#include "lk-test-util.h"
#include "examination/lk-face-frame.h"
#include "imaging/lk-cv.h"
#include "lk-error.h"

#define N_RANDOM 1000

static LkFrame
random_box (void)
{
  LkFrame box = { g_test_rand_double_range (-2000, 2000), g_test_rand_double_range (-2000, 2000),
                  g_test_rand_double_range (1, 3000), g_test_rand_double_range (1, 3000) };

  return box;
}

static void
test_around (void)
{
  LkFrame face = { 100, 200, 40, 80 }, frame;
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_face_frame_around (&face, &frame, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (frame.x, 100 - 40 * LK_FACE_FRAME_MARGIN, 1e-9);
  g_assert_cmpfloat_with_epsilon (frame.y, 200 - 80 * LK_FACE_FRAME_MARGIN, 1e-9);
  g_assert_cmpfloat_with_epsilon (frame.width, 40 * (1 + 2 * LK_FACE_FRAME_MARGIN), 1e-9);
  g_assert_cmpfloat_with_epsilon (frame.height, 80 * (1 + 2 * LK_FACE_FRAME_MARGIN), 1e-9);
  /* The same centre. */
  g_assert_cmpfloat_with_epsilon (frame.x + frame.width / 2, 120, 1e-9);
  g_assert_cmpfloat_with_epsilon (frame.y + frame.height / 2, 240, 1e-9);
}

static void
test_refusals (void)
{
  const LkFrame bad[] = {
    { 0, 0, 0, 10 }, { 0, 0, 10, -1 }, { NAN, 0, 10, 10 }, { 0, 0, INFINITY, 10 },
  };
  LkFrame good = { 0, 0, 10, 10 }, out;
  LkSimilarity t;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) e1 = NULL;
      g_autoptr(GError) e2 = NULL;
      g_autoptr(GError) e3 = NULL;

      g_assert_false (lk_face_frame_is_valid (&bad[i]));
      g_assert_false (lk_face_frame_around (&bad[i], &out, &e1));
      g_assert_error (e1, LK_ERROR, LK_ERROR_INVALID_INPUT);
      g_assert_false (lk_face_frame_match (&bad[i], &good, &t, &e2));
      g_assert_error (e2, LK_ERROR, LK_ERROR_INVALID_INPUT);
      g_assert_false (lk_face_frame_match (&good, &bad[i], &t, &e3));
      g_assert_error (e3, LK_ERROR, LK_ERROR_INVALID_INPUT);
      g_assert_cmpfloat (lk_face_frame_zoom (&bad[i], 800, 600), ==, 0);
    }
  g_assert_true (lk_face_frame_is_valid (&good));
  g_assert_cmpfloat (lk_face_frame_zoom (&good, 0, 600), ==, 0);
  g_assert_cmpfloat (lk_face_frame_zoom (&good, 800, -1), ==, 0);
}

static gboolean
contains (const LkFrame *frame,
          LkPoint        p)
{
  const double slack = 1e-6 * (1 + fabs (p.x) + fabs (p.y));

  return p.x >= frame->x - slack && p.x <= frame->x + frame->width + slack &&
         p.y >= frame->y - slack && p.y <= frame->y + frame->height + slack;
}

/* The mapped frame holds every mapped corner and touches each of its sides. */
static void
test_transform (void)
{
  for (guint n = 0; n < N_RANDOM; n++)
    {
      LkFrame box = random_box (), out;
      double angle = g_test_rand_double_range (-G_PI, G_PI);
      double scale = exp (g_test_rand_double_range (log (0.1), log (10)));
      LkSimilarity t = { scale * cos (angle), scale * sin (angle),
                         g_test_rand_double_range (-500, 500),
                         g_test_rand_double_range (-500, 500) };
      const LkPoint corners[] = {
        { box.x, box.y }, { box.x + box.width, box.y }, { box.x, box.y + box.height },
        { box.x + box.width, box.y + box.height },
      };
      double area = box.width * box.height * scale * scale;

      lk_face_frame_transform (&box, &t, &out);
      for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
        g_assert_true (contains (&out, lk_similarity_apply (&t, corners[i])));
      /* A rotated rectangle's bounding box is at least as large as the rectangle. */
      g_assert_cmpfloat (out.width * out.height, >=, area * (1 - 1e-9));
    }
}

/* A quarter turn of a 40 x 80 box gives an 80 x 40 bounding box, exactly. */
static void
test_transform_quarter_turn (void)
{
  LkFrame box = { 10, 20, 40, 80 }, out;
  LkSimilarity t = { 0, 1, 0, 0 };

  lk_face_frame_transform (&box, &t, &out);
  g_assert_cmpfloat_with_epsilon (out.width, 80, 1e-9);
  g_assert_cmpfloat_with_epsilon (out.height, 40, 1e-9);
  g_assert_cmpfloat_with_epsilon (out.x, -100, 1e-9);
  g_assert_cmpfloat_with_epsilon (out.y, 10, 1e-9);
}

/* Matched boxes share their centre and their area, and nothing is turned. */
static void
test_match (void)
{
  for (guint n = 0; n < N_RANDOM; n++)
    {
      LkFrame from = random_box (), to = random_box (), out;
      LkSimilarity t;
      g_autoptr(GError) error = NULL;

      g_assert_true (lk_face_frame_match (&from, &to, &t, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (t.b, ==, 0);
      g_assert_cmpfloat (t.a, >, 0);
      lk_face_frame_transform (&from, &t, &out);
      g_assert_cmpfloat_with_epsilon (out.x + out.width / 2, to.x + to.width / 2,
                                      1e-6 * (1 + fabs (to.x) + to.width));
      g_assert_cmpfloat_with_epsilon (out.y + out.height / 2, to.y + to.height / 2,
                                      1e-6 * (1 + fabs (to.y) + to.height));
      g_assert_cmpfloat_with_epsilon (out.width * out.height / (to.width * to.height), 1, 1e-9);
    }
}

static void
test_zoom (void)
{
  LkFrame frame = { 50, 50, 200, 100 };

  /* The narrower side limits: 800 / 200 = 4 against 600 / 100 = 6. */
  g_assert_cmpfloat_with_epsilon (lk_face_frame_zoom (&frame, 800, 600), 4, 1e-12);
  g_assert_cmpfloat_with_epsilon (lk_face_frame_zoom (&frame, 800, 200), 2, 1e-12);
}

static LkCvImage *
decode_demo (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("LIKENESS_SOURCE_DIR"), "data", "demo",
                                            name, NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  LkCvImage *image;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  image = lk_cv_image_decode (bytes, &error);
  g_assert_no_error (error);
  return image;
}

/* On the demo portrait: the frame is well inside the portrait and holds both eyes. */
static void
test_demo_portrait (void)
{
  g_autoptr(LkCvImage) image = decode_demo ("grace_hopper.jpg");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) faces = lk_cv_image_find_faces (image, NULL, &error);
  double image_area = lk_cv_image_get_width (image) * (double) lk_cv_image_get_height (image);
  LkFace *face;
  LkFrame box, frame;

  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, >=, 1);
  face = &g_array_index (faces, LkFace, 0);
  box = (LkFrame) { face->x, face->y, face->width, face->height };
  g_assert_true (lk_face_frame_around (&box, &frame, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (frame.width * frame.height, <, 0.6 * image_area);
  g_assert_cmpfloat (frame.width * frame.height, >, box.width * box.height);
  if (face->has_eyes)
    {
      g_assert_true (contains (&frame, face->eye_a));
      g_assert_true (contains (&frame, face->eye_b));
    }
  /* Shown in a 600 x 700 half of the workspace, the face is larger than the whole portrait
   * would be. */
  g_assert_cmpfloat (lk_face_frame_zoom (&frame, 600, 700), >,
                     MIN (600.0 / lk_cv_image_get_width (image),
                          700.0 / lk_cv_image_get_height (image)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/likeness/face-frame/around", test_around);
  g_test_add_func ("/likeness/face-frame/refusals", test_refusals);
  g_test_add_func ("/likeness/face-frame/transform", test_transform);
  g_test_add_func ("/likeness/face-frame/transform-quarter-turn", test_transform_quarter_turn);
  g_test_add_func ("/likeness/face-frame/match", test_match);
  g_test_add_func ("/likeness/face-frame/zoom", test_zoom);
  g_test_add_func ("/likeness/face-frame/demo-portrait", test_demo_portrait);
  return g_test_run ();
}
