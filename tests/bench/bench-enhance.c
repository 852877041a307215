/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The enhancement stack on a 24-megapixel image (6000 x 4000 RGBA, a pattern with noise made
 * in memory): CLAHE then an unsharp mask through lk_cv_enhance, against the same OpenCV calls
 * made directly (bench-enhance-baseline.cpp), in the same run, interleaved and taking turns to
 * go first; medians of RUNS. Both must give the same bytes, so the baseline does the same work.
 * Target ratio <= 1.2. */
#include "config.h"

#include <string.h>

#include "lk-core.h"
#include "bench-enhance-baseline.h"
#include "imaging/lk-cv.h"

#define WIDTH 6000
#define HEIGHT 4000
#define RUNS 7
#define CLIP 2.0
#define TILES 8
#define RADIUS 2.0
#define AMOUNT 1.0

static LkPixels *
make_image (void)
{
  LkPixels *pixels = lk_pixels_new (WIDTH, HEIGHT);
  guint32 s = 0x4c696b65;

  for (int y = 0; y < HEIGHT; y++)
    {
      guint8 *row = pixels->pixels + (gsize) y * pixels->stride;

      for (int x = 0; x < WIDTH; x++)
        {
          int base = ((x / 37 + y / 23) % 7) * 20 + (x * 60 / WIDTH) + (y * 40 / HEIGHT);

          for (int c = 0; c < 3; c++)
            {
              int v;

              s ^= s << 13;
              s ^= s >> 17;
              s ^= s << 5;
              v = base + c * 15 + (int) (s % 17) - 8;
              row[x * 4 + c] = (guint8) CLAMP (v, 0, 255);
            }
          row[x * 4 + 3] = 255;
        }
    }
  return pixels;
}

static JsonArray *
make_stack (void)
{
  JsonArray *stack = json_array_new ();
  JsonObject *clahe = json_object_new ();
  JsonObject *unsharp = json_object_new ();

  json_object_set_string_member (clahe, "op", "clahe");
  json_object_set_double_member (clahe, "clip", CLIP);
  json_object_set_int_member (clahe, "tiles", TILES);
  json_object_set_string_member (unsharp, "op", "unsharp");
  json_object_set_double_member (unsharp, "radius", RADIUS);
  json_object_set_double_member (unsharp, "amount", AMOUNT);
  json_object_set_double_member (unsharp, "threshold", 0);
  json_array_add_object_element (stack, clahe);
  json_array_add_object_element (stack, unsharp);
  return stack;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        int     n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[n / 2];
}

static double
time_enhance (const LkPixels *in,
              JsonArray      *stack,
              LkPixels      **out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkEnhancementStack) typed = lk_enhancement_stack_new_from_json (stack, &error);
  gint64 start = g_get_monotonic_time ();

  if (typed == NULL)
    g_error ("lk_enhancement_stack_new_from_json: %s", error->message);
  *out = lk_cv_enhance (in, typed, &error);
  if (*out == NULL)
    g_error ("lk_cv_enhance: %s", error->message);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
time_baseline (const LkPixels *in,
               LkPixels      **out)
{
  gint64 start = g_get_monotonic_time ();

  *out = bench_enhance_baseline (in, CLIP, TILES, RADIUS, AMOUNT);
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(LkPixels) in = make_image ();
  g_autoptr(JsonArray) stack = make_stack ();
  double ours[RUNS], theirs[RUNS], value, baseline;

  for (int i = -1; i < RUNS; i++)
    {
      g_autoptr(LkPixels) a = NULL;
      g_autoptr(LkPixels) b = NULL;
      double t_ours, t_theirs;

      /* Alternate which goes first, so neither always inherits the other's freed memory. */
      if (i % 2 == 0)
        {
          t_ours = time_enhance (in, stack, &a);
          t_theirs = time_baseline (in, &b);
        }
      else
        {
          t_theirs = time_baseline (in, &b);
          t_ours = time_enhance (in, stack, &a);
        }

      if (memcmp (a->pixels, b->pixels, (gsize) a->stride * a->height) != 0)
        g_error ("lk_cv_enhance and the baseline disagree: they do not do the same work");
      if (i < 0)
        continue; /* warm-up: thread pools, page faults, CPU dispatch */
      ours[i] = t_ours;
      theirs[i] = t_theirs;
    }
  value = median (ours, RUNS);
  baseline = median (theirs, RUNS);
  g_print ("metric: enhance-clahe-unsharp-24mp value=%.1f unit=ms baseline=%.1f ratio=%.3f "
           "target=1.2\n", value, baseline, value / baseline);
  return 0;
}
