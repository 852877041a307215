/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Eye alignment maths: the transform from two point pairs makes both pairs coincide, degenerate
 * pairs are refused, inversion, composition and JSON round trips; the similarity warp puts a
 * feature where the transform says, and the difference image. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lk-test-util.h"
#include "examination/lk-similarity.h"
#include "imaging/lk-cv.h"

#define N_RANDOM 2000

static LkPoint
random_point (double range)
{
  LkPoint p = { g_test_rand_double_range (-range, range),
                g_test_rand_double_range (-range, range) };

  return p;
}

static double
distance (LkPoint p,
          LkPoint q)
{
  return hypot (p.x - q.x, p.y - q.y);
}

static LkSimilarity
random_similarity (void)
{
  double scale = exp (g_test_rand_double_range (log (0.1), log (10)));
  double angle = g_test_rand_double_range (-G_PI, G_PI);
  LkSimilarity t = { scale * cos (angle), scale * sin (angle),
                     g_test_rand_double_range (-5000, 5000),
                     g_test_rand_double_range (-5000, 5000) };

  return t;
}

/* Two points at least @min apart. */
static void
random_pair (LkPoint *p1,
             LkPoint *p2,
             double   min)
{
  do
    {
      *p1 = random_point (6000);
      *p2 = random_point (6000);
    }
  while (distance (*p1, *p2) < min);
}

static void
test_pairs_coincide (void)
{
  for (int i = 0; i < N_RANDOM; i++)
    {
      LkPoint c1, c2, p1, p2;
      LkSimilarity t;
      g_autoptr(GError) error = NULL;

      /* Eye points anywhere, at any scale and angle between the two images. */
      random_pair (&c1, &c2, 2);
      random_pair (&p1, &p2, 2);
      g_assert_true (lk_similarity_from_pairs (&c1, &c2, &p1, &p2, &t, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (distance (lk_similarity_apply (&t, c1), p1), <, 0.5);
      g_assert_cmpfloat (distance (lk_similarity_apply (&t, c2), p2), <, 0.5);
      /* In fact exact to rounding. */
      g_assert_cmpfloat (distance (lk_similarity_apply (&t, c1), p1), <, 1e-6);
      g_assert_cmpfloat (distance (lk_similarity_apply (&t, c2), p2), <, 1e-6);
    }
}

static void
test_recovers_transform (void)
{
  for (int i = 0; i < N_RANDOM; i++)
    {
      LkSimilarity truth = random_similarity (), found;
      LkPoint c1, c2, p1, p2;
      g_autoptr(GError) error = NULL;

      random_pair (&c1, &c2, 10);
      p1 = lk_similarity_apply (&truth, c1);
      p2 = lk_similarity_apply (&truth, c2);
      g_assert_true (lk_similarity_from_pairs (&c1, &c2, &p1, &p2, &found, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (found.a, truth.a, 1e-9);
      g_assert_cmpfloat_with_epsilon (found.b, truth.b, 1e-9);
      g_assert_cmpfloat_with_epsilon (found.tx, truth.tx, 1e-5);
      g_assert_cmpfloat_with_epsilon (found.ty, truth.ty, 1e-5);
      g_assert_cmpfloat_with_epsilon (lk_similarity_scale (&found), hypot (truth.a, truth.b),
                                      1e-9);
    }
}

static void
assert_refused (const LkPoint *c1,
                const LkPoint *c2,
                const LkPoint *p1,
                const LkPoint *p2,
                const char    *expected)
{
  g_autoptr(GError) error = NULL;
  LkSimilarity t = { 7, 7, 7, 7 };

  g_assert_false (lk_similarity_from_pairs (c1, c2, p1, p2, &t, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  if (strstr (error->message, expected) == NULL)
    g_error ("Expected “%s” in: %s", expected, error->message);
  g_test_message ("refused: %s", error->message);
  /* Nothing half-written. */
  g_assert_cmpfloat (t.a, ==, 7);
  g_assert_cmpfloat (t.tx, ==, 7);
}

static void
test_degenerate (void)
{
  LkPoint a = { 100, 120 }, b = { 160, 118 }, c = { 300, 310 }, d = { 380, 305 };
  LkPoint a_again = { 100, 120 + 1e-9 }, nan_point = { NAN, 3 }, inf_point = { 1, INFINITY };

  assert_refused (&a, &a, &c, &d, "source points coincide");
  assert_refused (&a, &a_again, &c, &d, "source points coincide");
  assert_refused (&a, &b, &c, &c, "target points coincide");
  assert_refused (&nan_point, &b, &c, &d, "finite");
  assert_refused (&a, &b, &c, &inf_point, "finite");
}

static void
test_invert_compose (void)
{
  for (int i = 0; i < N_RANDOM; i++)
    {
      LkSimilarity t = random_similarity (), u = random_similarity (), inverse, both, round;
      LkPoint p = random_point (4000);
      g_autoptr(GError) error = NULL;

      g_assert_true (lk_similarity_invert (&t, &inverse, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (distance (lk_similarity_apply (&inverse, lk_similarity_apply (&t, p)), p),
                         <, 1e-6);
      lk_similarity_compose (&t, &u, &both);
      g_assert_cmpfloat (distance (lk_similarity_apply (&both, p),
                                   lk_similarity_apply (&u, lk_similarity_apply (&t, p))),
                         <, 1e-6);
      lk_similarity_compose (&t, &inverse, &round);
      g_assert_cmpfloat_with_epsilon (round.a, 1, 1e-12);
      g_assert_cmpfloat_with_epsilon (round.b, 0, 1e-12);
      g_assert_cmpfloat_with_epsilon (round.tx, 0, 1e-8);
      g_assert_cmpfloat_with_epsilon (round.ty, 0, 1e-8);
    }
}

static void
test_invert_degenerate (void)
{
  LkSimilarity zero = { 0, 0, 4, 5 }, inverse;
  g_autoptr(GError) error = NULL;

  g_assert_false (lk_similarity_invert (&zero, &inverse, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
}

static JsonObject *
reparse (JsonObject *o)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), o);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_json (void)
{
  for (int i = 0; i < 200; i++)
    {
      LkSimilarity t = random_similarity (), back;
      g_autoptr(JsonObject) o = lk_similarity_to_json (&t);
      g_autoptr(JsonObject) again = reparse (o);
      g_autoptr(GError) error = NULL;

      g_assert_true (lk_similarity_from_json (again, &back, &error));
      g_assert_no_error (error);
      /* Through text and back, bit for bit. */
      g_assert_cmpmem (&back, sizeof back, &t, sizeof t);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "scale"),
                                      lk_similarity_scale (&t), 1e-12);
    }
}

static void
test_json_refused (void)
{
  LkSimilarity t = { 1, 0, 0, 0 }, back;
  g_autoptr(JsonObject) o = lk_similarity_to_json (&t);
  g_autoptr(GError) error = NULL;

  json_object_remove_member (o, "ty");
  g_assert_false (lk_similarity_from_json (o, &back, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "ty"));
  g_clear_error (&error);
  json_object_set_string_member (o, "ty", "3");
  g_assert_false (lk_similarity_from_json (o, &back, &error));
  g_clear_error (&error);
  json_object_set_double_member (o, "ty", 3);
  json_object_set_double_member (o, "a", 0);
  g_assert_false (lk_similarity_from_json (o, &back, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
}

/* ---- the warp ------------------------------------------------------------------------------ */

/* A Gaussian blob centred at (@cx, @cy), pixel (i, j) sampled at its centre (i + 0.5, j + 0.5). */
static LkPixels *
blob_image (int    width,
            int    height,
            double cx,
            double cy,
            double sigma)
{
  LkPixels *pixels = lk_pixels_new (width, height);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        double d2 = pow (x + 0.5 - cx, 2) + pow (y + 0.5 - cy, 2);
        guint8 v = (guint8) lround (255 * exp (-d2 / (2 * sigma * sigma)));
        guint8 *p = pixels->pixels + (gsize) y * pixels->stride + x * 4;

        p[0] = p[1] = p[2] = v;
        p[3] = 255;
      }
  return pixels;
}

static LkPoint
centroid (const LkPixels *pixels)
{
  double sx = 0, sy = 0, sum = 0;
  LkPoint c;

  for (int y = 0; y < pixels->height; y++)
    for (int x = 0; x < pixels->width; x++)
      {
        double v = pixels->pixels[(gsize) y * pixels->stride + x * 4];

        sx += v * (x + 0.5);
        sy += v * (y + 0.5);
        sum += v;
      }
  g_assert_cmpfloat (sum, >, 0);
  c.x = sx / sum;
  c.y = sy / sum;
  return c;
}

static void
test_warp_places_feature (void)
{
  LkPoint feature = { 61.3, 47.8 };
  g_autoptr(LkPixels) in = blob_image (160, 120, feature.x, feature.y, 3.0);
  double angles[] = { 0, 20, -35, 90 };
  double scales[] = { 1, 1.5, 0.7, 2 };
  double shifts[][2] = { { 150, 20 }, { 110, 30 }, { 70, 40 }, { 300, 10 } };

  for (guint i = 0; i < G_N_ELEMENTS (angles); i++)
    {
      double r = angles[i] * G_PI / 180;
      LkSimilarity t = { scales[i] * cos (r), scales[i] * sin (r), shifts[i][0], shifts[i][1] };
      g_autoptr(LkPixels) out = lk_cv_warp_similarity (in, t.a, t.b, t.tx, t.ty, 400, 360);
      LkPoint expected = lk_similarity_apply (&t, feature);
      LkPoint found;

      g_assert_nonnull (out);
      g_assert_cmpint (out->width, ==, 400);
      g_assert_cmpint (out->height, ==, 360);
      found = centroid (out);
      g_test_message ("scale %g, %g°: expected (%.3f, %.3f), found (%.3f, %.3f)", scales[i],
                      angles[i], expected.x, expected.y, found.x, found.y);
      /* A half-pixel slip in the convention would be 0.25 to 0.7 px here. */
      g_assert_cmpfloat (distance (found, expected), <, 0.1);
    }
}

static void
test_warp_outside_transparent (void)
{
  g_autoptr(LkPixels) in = blob_image (50, 40, 25, 20, 4);
  g_autoptr(LkPixels) out = lk_cv_warp_similarity (in, 1, 0, 100, 100, 300, 300);
  g_autoptr(LkPixels) same = lk_cv_warp_similarity (in, 1, 0, 0, 0, 50, 40);

  g_assert_nonnull (out);
  /* Far from the warped image: transparent black; inside it: opaque. */
  g_assert_cmpint (out->pixels[(gsize) 10 * out->stride + 10 * 4 + 3], ==, 0);
  g_assert_cmpint (out->pixels[(gsize) 120 * out->stride + 125 * 4 + 3], ==, 255);
  /* The identity copies the pixels exactly. */
  g_assert_cmpmem (same->pixels, (gsize) same->stride * same->height, in->pixels,
                   (gsize) in->stride * in->height);
}

static void
test_difference (void)
{
  g_autoptr(LkPixels) a = lk_pixels_new (3, 2);
  g_autoptr(LkPixels) b = lk_pixels_new (3, 2);
  g_autoptr(LkPixels) d = NULL;

  for (int i = 0; i < 3 * 2 * 4; i++)
    {
      a->pixels[i] = (guint8) (i * 10);
      b->pixels[i] = (guint8) (200 - i * 3);
    }
  a->pixels[3] = 255;
  b->pixels[3] = 90;
  d = lk_cv_difference (a, b);
  g_assert_nonnull (d);
  for (int i = 0; i < 3 * 2 * 4; i++)
    {
      int expected = i % 4 == 3 ? MIN (a->pixels[i], b->pixels[i])
                                : ABS ((int) a->pixels[i] - (int) b->pixels[i]);

      g_assert_cmpint (d->pixels[i], ==, expected);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/likeness/alignment/pairs-coincide", test_pairs_coincide);
  g_test_add_func ("/likeness/alignment/recovers-transform", test_recovers_transform);
  g_test_add_func ("/likeness/alignment/degenerate-refused", test_degenerate);
  g_test_add_func ("/likeness/alignment/invert-compose", test_invert_compose);
  g_test_add_func ("/likeness/alignment/invert-degenerate", test_invert_degenerate);
  g_test_add_func ("/likeness/alignment/json", test_json);
  g_test_add_func ("/likeness/alignment/json-refused", test_json_refused);
  g_test_add_func ("/likeness/alignment/warp-places-feature", test_warp_places_feature);
  g_test_add_func ("/likeness/alignment/warp-outside-transparent", test_warp_outside_transparent);
  g_test_add_func ("/likeness/alignment/difference", test_difference);
  return g_test_run ();
}
