/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The enhancement stack: each operation changes a synthetic image as it should, the original is
 * never touched, unknown operations and parameters out of range are refused with the step
 * named, and the same stack on the same pixels gives the same bytes, in this process and in a
 * fresh one with another thread count. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lk-test-util.h"
#include "examination/lk-stack-diff.h"
#include "imaging/lk-cv.h"
#include "imaging/lk-enhancement.h"

#define WIDTH 256
#define HEIGHT 192

/* ---- images -------------------------------------------------------------------------------- */

static guint32
xorshift (guint32 *state)
{
  guint32 s = *state;

  s ^= s << 13;
  s ^= s >> 17;
  s ^= s << 5;
  return *state = s;
}

/* Colour gradients, a few discs and edges, sensor-like noise; @low squeezes the values into
 * 100..150 (a dull image for the contrast operations). */
static LkPixels *
make_image (guint32  seed,
            gboolean low)
{
  LkPixels *pixels = lk_pixels_new (WIDTH, HEIGHT);
  guint32 state = seed;

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        guint8 *p = pixels->pixels + (gsize) y * pixels->stride + x * 4;
        gboolean disc = pow (x % 64 - 32, 2) + pow (y % 64 - 32, 2) < 300;
        int base[3] = { x, y * 255 / HEIGHT, disc ? 230 : 40 + (x + y) % 50 };

        for (int c = 0; c < 3; c++)
          {
            int v = base[c] + (int) (xorshift (&state) % 21) - 10;

            v = CLAMP (v, 0, 255);
            p[c] = (guint8) (low ? 100 + v * 50 / 255 : v);
          }
        p[3] = (guint8) (200 + (x % 56));
      }
  return pixels;
}

static LkPixels *
copy_pixels (const LkPixels *in)
{
  LkPixels *out = lk_pixels_new (in->width, in->height);

  memcpy (out->pixels, in->pixels, (gsize) in->stride * in->height);
  return out;
}

static gboolean
same_pixels (const LkPixels *a,
             const LkPixels *b)
{
  return a->width == b->width && a->height == b->height &&
         memcmp (a->pixels, b->pixels, (gsize) a->stride * a->height) == 0;
}

static char *
pixels_sha256 (const LkPixels *p)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, p->pixels,
                                      (gsize) p->stride * p->height);
}

static double
channel_mean (const LkPixels *p,
              int             channel)
{
  double sum = 0;

  for (int y = 0; y < p->height; y++)
    for (int x = 0; x < p->width; x++)
      sum += p->pixels[(gsize) y * p->stride + x * 4 + channel];
  return sum / (p->width * p->height);
}

static double
grey_at (const LkPixels *p,
         int             x,
         int             y)
{
  const guint8 *q = p->pixels + (gsize) y * p->stride + x * 4;

  return 0.299 * q[0] + 0.587 * q[1] + 0.114 * q[2];
}

static double
grey_std (const LkPixels *p)
{
  double sum = 0, sum2 = 0;
  int n = p->width * p->height;

  for (int y = 0; y < p->height; y++)
    for (int x = 0; x < p->width; x++)
      {
        double v = grey_at (p, x, y);

        sum += v;
        sum2 += v * v;
      }
  return sqrt (sum2 / n - pow (sum / n, 2));
}

/* Variance of the 4-neighbour Laplacian of grey: how sharp (or noisy) an image is. */
static double
laplacian_variance (const LkPixels *p)
{
  double sum = 0, sum2 = 0;
  int n = 0;

  for (int y = 1; y < p->height - 1; y++)
    for (int x = 1; x < p->width - 1; x++)
      {
        double l = grey_at (p, x - 1, y) + grey_at (p, x + 1, y) + grey_at (p, x, y - 1) +
                   grey_at (p, x, y + 1) - 4 * grey_at (p, x, y);

        sum += l;
        sum2 += l * l;
        n++;
      }
  return sum2 / n - pow (sum / n, 2);
}

/* ---- stacks -------------------------------------------------------------------------------- */

static JsonArray *
stack_from (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static LkPixels *
enhance_ok (const LkPixels *in,
            const char     *json)
{
  g_autoptr(JsonArray) stack = stack_from (json);
  g_autoptr(LkPixels) before = copy_pixels (in);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkEnhancementStack) typed = NULL;
  LkPixels *out;

  g_assert_true (lk_cv_enhancement_validate (stack, &error));
  g_assert_no_error (error);
  typed = lk_enhancement_stack_new_from_json (stack, &error);
  g_assert_no_error (error);
  out = lk_cv_enhance (in, typed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (out);
  g_assert_cmpint (out->width, ==, in->width);
  g_assert_cmpint (out->height, ==, in->height);
  /* Non-destructive: the input is as it was. */
  g_assert_true (same_pixels (in, before));
  return out;
}

static void
assert_alpha_kept (const LkPixels *in,
                   const LkPixels *out)
{
  for (int y = 0; y < in->height; y++)
    for (int x = 0; x < in->width; x++)
      g_assert_cmpint (out->pixels[(gsize) y * out->stride + x * 4 + 3], ==,
                       in->pixels[(gsize) y * in->stride + x * 4 + 3]);
}

/* ---- each operation ------------------------------------------------------------------------ */

static void
test_empty_stack (void)
{
  g_autoptr(LkPixels) in = make_image (1, FALSE);
  g_autoptr(LkPixels) out = enhance_ok (in, "[]");

  g_assert_true (same_pixels (in, out));
}

static void
test_invert_twice (void)
{
  g_autoptr(LkPixels) in = make_image (2, FALSE);
  g_autoptr(LkPixels) once = enhance_ok (in, "[{\"op\": \"invert\"}]");
  g_autoptr(LkPixels) twice = enhance_ok (in, "[{\"op\": \"invert\"}, {\"op\": \"invert\"}]");

  g_assert_false (same_pixels (in, once));
  g_assert_cmpint (once->pixels[0], ==, 255 - in->pixels[0]);
  g_assert_true (same_pixels (in, twice));
}

static void
assert_grey (const LkPixels *p)
{
  for (int y = 0; y < p->height; y++)
    for (int x = 0; x < p->width; x++)
      {
        const guint8 *q = p->pixels + (gsize) y * p->stride + x * 4;

        g_assert_cmpint (q[0], ==, q[1]);
        g_assert_cmpint (q[1], ==, q[2]);
      }
}

static void
test_greyscale (void)
{
  g_autoptr(LkPixels) in = make_image (3, FALSE);
  g_autoptr(LkPixels) out = enhance_ok (in, "[{\"op\": \"greyscale\"}]");

  assert_grey (out);
  assert_alpha_kept (in, out);
  g_assert_cmpfloat (fabs (channel_mean (out, 0) - (0.299 * channel_mean (in, 0) +
                                                    0.587 * channel_mean (in, 1) +
                                                    0.114 * channel_mean (in, 2))), <, 1.0);
}

static void
test_channel (void)
{
  g_autoptr(LkPixels) in = make_image (4, FALSE);
  g_autoptr(LkPixels) out = enhance_ok (in, "[{\"op\": \"channel\", \"channel\": \"green\"}]");

  assert_grey (out);
  for (int y = 0; y < in->height; y++)
    for (int x = 0; x < in->width; x++)
      g_assert_cmpint (out->pixels[(gsize) y * out->stride + x * 4],
                       ==, in->pixels[(gsize) y * in->stride + x * 4 + 1]);
}

static void
test_brightness (void)
{
  g_autoptr(LkPixels) in = make_image (5, FALSE);
  g_autoptr(LkPixels) up = enhance_ok (in, "[{\"op\": \"brightness\", \"amount\": 20}]");
  g_autoptr(LkPixels) down = enhance_ok (in, "[{\"op\": \"brightness\", \"amount\": -20}]");
  g_autoptr(LkPixels) none = enhance_ok (in, "[{\"op\": \"brightness\", \"amount\": 0}]");

  for (int c = 0; c < 3; c++)
    {
      g_assert_cmpfloat (channel_mean (up, c), >, channel_mean (in, c) + 20);
      g_assert_cmpfloat (channel_mean (down, c), <, channel_mean (in, c) - 20);
    }
  g_assert_true (same_pixels (in, none));
  assert_alpha_kept (in, up);
}

static void
test_contrast (void)
{
  g_autoptr(LkPixels) in = make_image (6, FALSE);
  g_autoptr(LkPixels) more = enhance_ok (in, "[{\"op\": \"contrast\", \"amount\": 50}]");
  g_autoptr(LkPixels) less = enhance_ok (in, "[{\"op\": \"contrast\", \"amount\": -50}]");
  g_autoptr(LkPixels) flat = enhance_ok (in, "[{\"op\": \"contrast\", \"amount\": -100}]");

  g_assert_cmpfloat (grey_std (more), >, grey_std (in) * 1.3);
  g_assert_cmpfloat (grey_std (less), <, grey_std (in) * 0.6);
  g_assert_cmpfloat (grey_std (flat), <, 1.0);
}

static void
test_gamma_levels (void)
{
  g_autoptr(LkPixels) in = make_image (7, FALSE);
  g_autoptr(LkPixels) bright = enhance_ok (in, "[{\"op\": \"gamma\", \"gamma\": 2.2}]");
  g_autoptr(LkPixels) dark = enhance_ok (in, "[{\"op\": \"gamma\", \"gamma\": 0.5}]");
  g_autoptr(LkPixels) levels =
    enhance_ok (in, "[{\"op\": \"levels\", \"black\": 60, \"white\": 180, \"gamma\": 1}]");

  g_assert_cmpfloat (channel_mean (bright, 1), >, channel_mean (in, 1) + 10);
  g_assert_cmpfloat (channel_mean (dark, 1), <, channel_mean (in, 1) - 10);
  for (int y = 0; y < in->height; y++)
    for (int x = 0; x < in->width; x++)
      for (int c = 0; c < 3; c++)
        {
          int v = in->pixels[(gsize) y * in->stride + x * 4 + c];
          int w = levels->pixels[(gsize) y * levels->stride + x * 4 + c];

          if (v <= 60)
            g_assert_cmpint (w, ==, 0);
          else if (v >= 180)
            g_assert_cmpint (w, ==, 255);
          else
            g_assert_cmpint (abs (w - (int) lround ((v - 60) * 255.0 / 120)), <=, 1);
        }
}

static void
test_equalize_clahe (void)
{
  g_autoptr(LkPixels) dull = make_image (8, TRUE);
  g_autoptr(LkPixels) equalized = enhance_ok (dull, "[{\"op\": \"equalize\"}]");
  g_autoptr(LkPixels) clahe =
    enhance_ok (dull, "[{\"op\": \"clahe\", \"clip\": 8, \"tiles\": 8}]");

  g_test_message ("grey std: dull %.1f, equalized %.1f, clahe %.1f", grey_std (dull),
                  grey_std (equalized), grey_std (clahe));
  g_assert_cmpfloat (grey_std (equalized), >, grey_std (dull) * 3);
  g_assert_cmpfloat (grey_std (clahe), >, grey_std (dull) * 1.5);
  assert_alpha_kept (dull, clahe);
}

static void
test_unsharp (void)
{
  g_autoptr(LkPixels) in = make_image (9, FALSE);
  g_autoptr(LkPixels) sharp =
    enhance_ok (in, "[{\"op\": \"unsharp\", \"radius\": 2, \"amount\": 1.5, \"threshold\": 0}]");
  g_autoptr(LkPixels) none =
    enhance_ok (in, "[{\"op\": \"unsharp\", \"radius\": 2, \"amount\": 0, \"threshold\": 0}]");
  g_autoptr(LkPixels) above_all =
    enhance_ok (in, "[{\"op\": \"unsharp\", \"radius\": 2, \"amount\": 3, "
                    "\"threshold\": 255}]");

  g_test_message ("Laplacian variance: %.1f, sharpened %.1f", laplacian_variance (in),
                  laplacian_variance (sharp));
  g_assert_cmpfloat (laplacian_variance (sharp), >, laplacian_variance (in) * 1.5);
  g_assert_true (same_pixels (in, none));
  /* No difference exceeds 255: the threshold leaves every pixel alone. */
  g_assert_true (same_pixels (in, above_all));
}

static void
test_denoise (void)
{
  g_autoptr(LkPixels) in = make_image (10, FALSE);
  g_autoptr(LkPixels) median =
    enhance_ok (in, "[{\"op\": \"denoise\", \"method\": \"median\", \"strength\": 1}]");
  g_autoptr(LkPixels) bilateral =
    enhance_ok (in, "[{\"op\": \"denoise\", \"method\": \"bilateral\", \"strength\": 3}]");

  g_test_message ("Laplacian variance: %.1f, median %.1f, bilateral %.1f",
                  laplacian_variance (in), laplacian_variance (median),
                  laplacian_variance (bilateral));
  g_assert_cmpfloat (laplacian_variance (median), <, laplacian_variance (in) * 0.5);
  g_assert_cmpfloat (laplacian_variance (bilateral), <, laplacian_variance (in) * 0.5);
  assert_alpha_kept (in, median);
}

/* ---- refusals ------------------------------------------------------------------------------ */

static void
assert_refused (const char *json,
                const char *expected_1,
                const char *expected_2)
{
  g_autoptr(JsonArray) stack = stack_from (json);
  g_autoptr(LkEnhancementStack) typed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (lk_cv_enhancement_validate (stack, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_test_message ("refused: %s", error->message);
  if (strstr (error->message, expected_1) == NULL ||
      (expected_2 != NULL && strstr (error->message, expected_2) == NULL))
    g_error ("Expected “%s” and “%s” in: %s", expected_1, expected_2, error->message);
  g_clear_error (&error);
  /* Reading it as a typed stack refuses as well, with the same message. */
  typed = lk_enhancement_stack_new_from_json (stack, &error);
  g_assert_null (typed);
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_assert_true (strstr (error->message, expected_1) != NULL);
}

static void
test_refused (void)
{
  assert_refused ("[{\"op\": \"invert\"}, {\"op\": \"paint\", \"colour\": \"red\"}]",
                  "step 2", "“paint” is not an enhancement");
  assert_refused ("[{\"op\": \"clone\"}]", "step 1", "excluded by design");
  assert_refused ("[{\"op\": \"greyscale\"}, {\"op\": \"invert\"},"
                  " {\"op\": \"clahe\", \"clip\": 12, \"tiles\": 8}]",
                  "step 3 (clahe)", "“clip” must be a number from 0.5 to 10, not 12");
  assert_refused ("[{\"op\": \"clahe\", \"clip\": 2, \"tiles\": 1}]", "step 1 (clahe)", "tiles");
  assert_refused ("[{\"op\": \"clahe\", \"clip\": 2, \"tiles\": 4.5}]", "whole number", NULL);
  assert_refused ("[{\"op\": \"brightness\", \"amount\": 101}]", "step 1 (brightness)",
                  "amount");
  assert_refused ("[{\"op\": \"brightness\", \"amount\": \"high\"}]", "step 1 (brightness)",
                  "\"high\"");
  assert_refused ("[{\"op\": \"gamma\"}]", "step 1 (gamma)", "“gamma” is missing");
  assert_refused ("[{\"op\": \"gamma\", \"gamma\": 0.05}]", "step 1 (gamma)",
                  "from 0.1 to 5, not 0.05");
  assert_refused ("[{\"op\": \"invert\", \"amount\": 3}]", "step 1 (invert)", "takes none");
  assert_refused ("[{\"op\": \"brightness\", \"amount\": 3, \"radius\": 2}]",
                  "step 1 (brightness)", "“radius” is not one of its parameters");
  assert_refused ("[{\"op\": \"levels\", \"black\": 200, \"white\": 100, \"gamma\": 1}]",
                  "step 1 (levels)", "below");
  assert_refused ("[{\"op\": \"denoise\", \"method\": \"nlmeans\", \"strength\": 3}]",
                  "step 1 (denoise)", "“bilateral” or “median”, not \"nlmeans\"");
  assert_refused ("[{\"op\": \"unsharp\", \"radius\": 2, \"amount\": 6, \"threshold\": 0}]",
                  "step 1 (unsharp)", "amount");
  assert_refused ("[{\"op\": \"channel\", \"channel\": \"alpha\"}]", "step 1 (channel)",
                  "“red”, “green” or “blue”");
  assert_refused ("[\"invert\"]", "step 1", "“op”");
  assert_refused ("[{\"operation\": \"invert\"}]", "step 1", "“op”");
}

static void
test_too_many_steps (void)
{
  GString *json = g_string_new ("[");
  g_autofree char *text = NULL;

  for (int i = 0; i <= LK_ENHANCEMENT_MAX_STEPS; i++)
    g_string_append_printf (json, "%s{\"op\": \"invert\"}", i > 0 ? ", " : "");
  g_string_append (json, "]");
  text = g_string_free (json, FALSE);
  assert_refused (text, "at most", NULL);
}

/* ---- determinism --------------------------------------------------------------------------- */

/* Every operation once, with parameters off their defaults. */
static const char full_stack[] =
  "[{\"op\": \"levels\", \"black\": 10, \"white\": 240, \"gamma\": 1.1},"
  " {\"op\": \"brightness\", \"amount\": 7.5},"
  " {\"op\": \"contrast\", \"amount\": 12},"
  " {\"op\": \"gamma\", \"gamma\": 1.3},"
  " {\"op\": \"denoise\", \"method\": \"bilateral\", \"strength\": 2},"
  " {\"op\": \"denoise\", \"method\": \"median\", \"strength\": 1},"
  " {\"op\": \"clahe\", \"clip\": 2.5, \"tiles\": 6},"
  " {\"op\": \"equalize\"},"
  " {\"op\": \"unsharp\", \"radius\": 1.7, \"amount\": 0.8, \"threshold\": 3},"
  " {\"op\": \"unsharp\", \"radius\": 3, \"amount\": 0.5, \"threshold\": 0},"
  " {\"op\": \"invert\"}, {\"op\": \"channel\", \"channel\": \"red\"},"
  " {\"op\": \"greyscale\"}]";

static char *
full_stack_hash (void)
{
  g_autoptr(LkPixels) in = make_image (12, FALSE);
  g_autoptr(LkPixels) out = enhance_ok (in, full_stack);

  return pixels_sha256 (out);
}

/* Every operation copes with images far smaller than its window or grid. */
static void
test_tiny_images (void)
{
  int sizes[][2] = { { 1, 1 }, { 2, 3 }, { 17, 5 }, { 5, 40 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(LkPixels) in = lk_pixels_new (sizes[i][0], sizes[i][1]);
      g_autoptr(LkPixels) out = NULL;

      for (int j = 0; j < in->stride * in->height; j++)
        in->pixels[j] = (guint8) (j * 37);
      out = enhance_ok (in, full_stack);
      assert_grey (out);
      g_clear_pointer (&out, lk_pixels_free);
      out = enhance_ok (in, "[{\"op\": \"denoise\", \"method\": \"median\", \"strength\": 10},"
                            " {\"op\": \"denoise\", \"method\": \"bilateral\", \"strength\": 10},"
                            " {\"op\": \"clahe\", \"clip\": 10, \"tiles\": 16},"
                            " {\"op\": \"unsharp\", \"radius\": 10, \"amount\": 5,"
                            " \"threshold\": 255}]");
    }
}

static void
test_deterministic (void)
{
  g_autofree char *first = full_stack_hash ();
  g_autofree char *second = full_stack_hash ();
  g_autoptr(LkPixels) in = make_image (12, FALSE);
  g_autofree char *original = pixels_sha256 (in);

  g_assert_cmpstr (first, ==, second);
  /* The stack did something: a hash that never changes could not fail. */
  g_assert_cmpstr (first, !=, original);
}

static void
test_deterministic_across_processes (void)
{
  g_autofree char *here = full_stack_hash ();
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "OPENCV_FOR_THREADS_NUM", "1", TRUE);
  const char *argv[] = { self, "--print-full-stack-hash", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (self);
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_strstrip (out);
  g_test_message ("this process %s, a fresh single-threaded one %s", here, out);
  g_assert_cmpstr (out, ==, here);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 2 && g_str_equal (argv[1], "--print-full-stack-hash"))
    {
      g_autofree char *hash = full_stack_hash ();

      g_print ("%s\n", hash);
      return 0;
    }
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/likeness/enhance/empty-stack", test_empty_stack);
  g_test_add_func ("/likeness/enhance/invert-twice", test_invert_twice);
  g_test_add_func ("/likeness/enhance/greyscale", test_greyscale);
  g_test_add_func ("/likeness/enhance/channel", test_channel);
  g_test_add_func ("/likeness/enhance/brightness", test_brightness);
  g_test_add_func ("/likeness/enhance/contrast", test_contrast);
  g_test_add_func ("/likeness/enhance/gamma-levels", test_gamma_levels);
  g_test_add_func ("/likeness/enhance/equalize-clahe", test_equalize_clahe);
  g_test_add_func ("/likeness/enhance/unsharp", test_unsharp);
  g_test_add_func ("/likeness/enhance/denoise", test_denoise);
  g_test_add_func ("/likeness/enhance/refused", test_refused);
  g_test_add_func ("/likeness/enhance/too-many-steps", test_too_many_steps);
  g_test_add_func ("/likeness/enhance/tiny-images", test_tiny_images);
  g_test_add_func ("/likeness/enhance/deterministic", test_deterministic);
  g_test_add_func ("/likeness/enhance/deterministic-across-processes",
                   test_deterministic_across_processes);
  return g_test_run ();
}
