/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The examination workspace's compare view at 1920 x 1080, rendered offscreen with the
 * window's own renderer: frames of its overlay, wipe and flicker modes (two 24-megapixel
 * images, the candidate at 50 % opacity) against frames of one image alone in the same view
 * (best frames at fit plus at 200 %, the same renderer in the same run), and while panning;
 * and the time from a 24-megapixel JPEG's bytes to its first drawn frame (pyramid load and
 * first render at fit) against a plain lk_cv_image_decode() of the same bytes. Run with
 * GSK_RENDERER=gl or cairo to time either of GTK 4.8's renderers. The JPEGs are the demo
 * portrait enlarged by ImageMagick's convert with its aspect kept and noise added. Needs a
 * display (run it under xvfb-run) and convert; exits 77 (skipped) without either. */
#include "config.h"

#include <glib/gstdio.h>
#include <time.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "lk-compare-view.h"
#include "lk-image-view.h"
#include "lk-texture.h"
#include "imaging/lk-cv.h"
/* Not in <gtk/gtk.h> in GTK 4.8; after it, so that its own includes are already there. */
#include <gsk/gl/gskglrenderer.h>

#define SKIP 77
#define WIDTH 1920
#define HEIGHT 1080
#define MEGAPIXELS "24000000@"
#define FRAMES 15
#define WARM_UP_FRAMES 2
#define OPEN_RUNS 5

typedef struct
{
  GtkWidget     *window;
  GtkWidget     *content;
  LkCompareView *compare;
  LkImageView   *bottom;  /* the probe */
  LkImageView   *top;     /* the candidate, overlaid */
  LkImageView   *single;  /* one image alone (the view the difference mode shows) */
  GskRenderer   *renderer;
} Bench;

/* The mode whose frames are timed against one image alone. */
static const char *two_mode = "overlay";

/* One image alone, or the mode being timed (overlay, wipe or flicker). */
static void
show_one (Bench    *bench,
          gboolean  one)
{
  lk_compare_view_set_mode (bench->compare, one ? "difference" : two_mode);
}

static double
ms_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / 1000.0;
}

/* The calling thread's processor time, in ms: the cairo renderer draws in this thread alone, so
 * its frames cost this much whatever else the machine runs. */
static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static void
metric (const char *name,
        double      value,
        const char *unit,
        double      baseline,
        double      target)
{
  g_print ("metric: %s value=%.1f unit=%s baseline=%.1f ratio=%.3f target=%.1f\n",
           name, value, unit, baseline, value / baseline, target);
}

/* The machine's noise only ever adds time: the best of several frames. */
static double
best (const double *values,
      guint         n)
{
  double least = G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    least = MIN (least, values[i]);
  return least;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

/* ---- the images ----------------------------------------------------------------------------- */

/* @flop mirrors the portrait so that the two images differ everywhere. */
static GBytes *
make_jpeg (const char *convert,
           const char *source,
           const char *target,
           const char *seed,
           gboolean    flop)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  char *contents = NULL;
  gsize length = 0;
  int status = 0;

  g_strv_builder_add_many (builder, convert, source, "-resize", MEGAPIXELS, "-seed", seed,
                           "-attenuate", "0.6", "+noise", "Gaussian", NULL);
  if (flop)
    g_strv_builder_add (builder, "-flop");
  g_strv_builder_add_many (builder, "-quality", "92", target, NULL);
  argv = g_strv_builder_end (builder);
  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL) ||
      !g_file_get_contents (target, &contents, &length, NULL))
    return NULL;
  return g_bytes_new_take (contents, length);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LkPyramid **pyramid = user_data;
  g_autoptr(GError) error = NULL;

  *pyramid = lk_pyramid_load_finish (result, &error);
  g_assert_no_error (error);
}

static LkPyramid *
load_pyramid (GBytes *bytes)
{
  LkPyramid *pyramid = NULL;

  lk_pyramid_load_async (bytes, NULL, on_loaded, &pyramid);
  while (pyramid == NULL)
    g_main_context_iteration (NULL, TRUE);
  return pyramid;
}

/* Offscreen frames allocate a fresh 8 MB target each time, which glibc sometimes maps anew (a
 * page fault every 4 KiB) and sometimes reuses, doubling a frame's time at random; a window's
 * frames draw into the same surface every time. Keeping freed memory for reuse measures that.
 * Called after the open benchmark, which should pay for fresh memory as a real opening does. */
static void
keep_freed_memory (void)
{
#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 512 * 1024 * 1024);
#endif
}

/* ---- frames ----------------------------------------------------------------------------- */

static void
count_paint (guint *n_paints)
{
  (*n_paints)++;
}

/* Lets the window lay out and paint once, after views were shown, hidden or moved. */
static void
settle (Bench *bench)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (bench->window);
  guint n_paints = 0;
  gulong handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (count_paint),
                                             &n_paints);

  gtk_widget_queue_draw (bench->window);
  while (n_paints == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

/* One frame: the widget tree (the overlay and its views) snapshots itself afresh into a render
 * node, the views keeping their caches as when they repaint without moving, and the window's
 * renderer draws the node. Returns the wall-clock time; @cpu, the thread's processor time. */
static double
render_frame (Bench  *bench,
              double *cpu)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  double cpu_start;
  gint64 start;

  gtk_widget_queue_draw (GTK_WIDGET (bench->bottom));
  gtk_widget_queue_draw (GTK_WIDGET (bench->top));
  gtk_widget_queue_draw (GTK_WIDGET (bench->single));
  start = g_get_monotonic_time ();
  cpu_start = thread_cpu_ms ();
  GTK_WIDGET_GET_CLASS (bench->content)->snapshot (bench->content, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (bench->renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, WIDTH);
  if (cpu != NULL)
    *cpu = thread_cpu_ms () - cpu_start;
  return ms_since (start);
}

/* The best frame's wall-clock time; @cpu, the best frame's processor time. */
static double
frame_ms (Bench  *bench,
          double *cpu)
{
  double times[FRAMES], cpus[FRAMES];

  for (guint i = 0; i < WARM_UP_FRAMES; i++)
    render_frame (bench, NULL);
  for (guint i = 0; i < FRAMES; i++)
    times[i] = render_frame (bench, &cpus[i]);
  *cpu = best (cpus, FRAMES);
  return best (times, FRAMES);
}

static void
set_zoom (Bench  *bench,
          double  zoom)
{
  LkImageView *views[] = { bench->bottom, bench->top, bench->single };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      if (zoom <= 0)
        lk_image_view_set_fit (views[i], TRUE);
      else
        lk_image_view_set_zoom (views[i], zoom);
    }
}

/* Frames of one view and of the mode being timed, at fit and at 200 %: the sums of the best
 * frames, wall-clock ([0]) and processor time ([1]). */
static void
bench_frames (Bench  *bench,
              double  single[2],
              double  two_views[2])
{
  const double zooms[] = { 0, 2.0 };

  single[0] = single[1] = two_views[0] = two_views[1] = 0;
  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    {
      double one, two, one_cpu, two_cpu;

      set_zoom (bench, zooms[i]);
      show_one (bench, TRUE);
      settle (bench);
      one = frame_ms (bench, &one_cpu);
      show_one (bench, FALSE);
      settle (bench);
      two = frame_ms (bench, &two_cpu);
      g_print ("# %s, %s: one view %.1f ms (processor %.1f ms), %s %.1f ms (processor "
               "%.1f ms) a frame (level %u)\n", G_OBJECT_TYPE_NAME (bench->renderer),
               zooms[i] > 0 ? "200 %" : "fit", one, one_cpu, two_mode, two, two_cpu,
               lk_image_view_get_level (bench->bottom));
      single[0] += one;
      single[1] += one_cpu;
      two_views[0] += two;
      two_views[1] += two_cpu;
    }
}

/* Dragging at 200 %: every frame moves the view, so the visible part is rebuilt on the CPU,
 * and a composed overlay or wipe cannot be kept. */
static double
bench_pan (Bench    *bench,
           gboolean  one)
{
  double times[FRAMES];
  LkImageView *view = one ? bench->single : bench->bottom;

  set_zoom (bench, 2.0);
  show_one (bench, one);
  settle (bench);
  for (guint i = 0; i < FRAMES; i++)
    {
      lk_image_view_set_center_x (view, lk_image_view_get_center_x (view) + 3);
      times[i] = render_frame (bench, NULL);
    }
  show_one (bench, FALSE);
  return best (times, FRAMES);
}

/* GTK 4.8's other renderer (GL when the window draws with cairo, and the other way round), for
 * comparison; NULL when it cannot start here. */
static GskRenderer *
other_renderer (Bench *bench)
{
  g_autoptr(GskRenderer) renderer = GSK_IS_CAIRO_RENDERER (bench->renderer)
                                    ? gsk_gl_renderer_new () : gsk_cairo_renderer_new ();

  if (!gsk_renderer_realize (renderer, gtk_native_get_surface (GTK_NATIVE (bench->window)),
                             NULL))
    return NULL;
  return g_steal_pointer (&renderer);
}

/* From the JPEG's bytes to the first frame drawn at fit, against a plain decode. */
static void
bench_open (Bench  *bench,
            GBytes *bytes,
            double *open,
            double *decode)
{
  g_autoptr(LkCvImage) warm_up = lk_cv_image_decode (bytes, NULL);

  /* The first decode also starts OpenCV's threads; neither side should pay for that. */
  g_assert_nonnull (warm_up);
  g_clear_pointer (&warm_up, lk_cv_image_free);
  *open = *decode = G_MAXDOUBLE;
  show_one (bench, TRUE);
  settle (bench);
  for (guint run = 0; run < OPEN_RUNS; run++)
    {
      g_autoptr(LkPyramid) pyramid = NULL;
      g_autoptr(LkCvImage) image = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start;

      lk_image_view_set_pyramid (bench->single, NULL);
      settle (bench);
      start = g_get_monotonic_time ();
      pyramid = load_pyramid (bytes);
      lk_image_view_set_pyramid (bench->single, pyramid);
      render_frame (bench, NULL);
      *open = MIN (*open, ms_since (start));

      start = g_get_monotonic_time ();
      image = lk_cv_image_decode (bytes, &error);
      g_assert_no_error (error);
      *decode = MIN (*decode, ms_since (start));
    }
  show_one (bench, FALSE);
}

static void
bench_init (Bench *bench)
{
  GtkWidget *compare = lk_compare_view_new ();

  bench->window = gtk_window_new ();
  bench->compare = LK_COMPARE_VIEW (compare);
  bench->bottom = lk_compare_view_get_probe_view (bench->compare);
  bench->top = lk_compare_view_get_candidate_view (bench->compare);
  bench->single = lk_compare_view_get_difference_view (bench->compare);
  lk_compare_view_set_opacity (bench->compare, 0.5);
  gtk_widget_set_size_request (compare, WIDTH, HEIGHT);
  gtk_window_set_child (GTK_WINDOW (bench->window), compare);
  gtk_window_set_default_size (GTK_WINDOW (bench->window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (bench->window));
  bench->content = compare;
  while (gtk_widget_get_width (compare) != WIDTH || gtk_widget_get_height (compare) != HEIGHT)
    g_main_context_iteration (NULL, TRUE);
  bench->renderer = gtk_native_get_renderer (GTK_NATIVE (bench->window));
}

int
main (int   argc,
      char *argv[])
{
  const char *source_dir = g_getenv ("LIKENESS_SOURCE_DIR");
  g_autofree char *convert = g_find_program_in_path ("convert");
  g_autofree char *source = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path_a = NULL;
  g_autofree char *path_b = NULL;
  g_autoptr(GBytes) bytes_a = NULL;
  g_autoptr(GBytes) bytes_b = NULL;
  g_autoptr(LkPyramid) pyramid_a = NULL;
  g_autoptr(LkPyramid) pyramid_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GskRenderer) other = NULL;
  Bench bench = { NULL, };
  static const char * const two_modes[] = { "overlay", "wipe", "flicker" };
  double single[2], two_views[2], open, decode;

  if (source_dir == NULL)
    {
      g_printerr ("bench-viewer: LIKENESS_SOURCE_DIR is not set\n");
      return 1;
    }
  if (!gtk_init_check ())
    {
      g_print ("bench-viewer: SKIP: no display (run it under xvfb-run)\n");
      return SKIP;
    }
  if (convert == NULL)
    {
      g_print ("bench-viewer: SKIP: ImageMagick's convert is needed to make the images\n");
      return SKIP;
    }
  source = g_build_filename (source_dir, "data", "demo", "grace_hopper.jpg", NULL);
  dir = g_dir_make_tmp ("likeness-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path_a = g_build_filename (dir, "a.jpg", NULL);
  path_b = g_build_filename (dir, "b.jpg", NULL);
  bytes_a = make_jpeg (convert, source, path_a, "1", FALSE);
  bytes_b = bytes_a != NULL ? make_jpeg (convert, source, path_b, "2", TRUE) : NULL;
  remove_tree (dir);
  if (bytes_b == NULL)
    {
      g_print ("bench-viewer: SKIP: convert could not make the 24-megapixel JPEGs\n");
      return SKIP;
    }

  bench_init (&bench);
  bench_open (&bench, bytes_a, &open, &decode);
  pyramid_a = load_pyramid (bytes_a);
  pyramid_b = load_pyramid (bytes_b);
  g_print ("# images: %d x %d (%.1f megapixels), JPEG %.1f MB and %.1f MB; renderer %s; "
           "%d levels\n", lk_pyramid_get_width (pyramid_a), lk_pyramid_get_height (pyramid_a),
           lk_pyramid_get_width (pyramid_a) * (double) lk_pyramid_get_height (pyramid_a) / 1e6,
           g_bytes_get_size (bytes_a) / 1e6, g_bytes_get_size (bytes_b) / 1e6,
           G_OBJECT_TYPE_NAME (bench.renderer), lk_pyramid_get_n_levels (pyramid_a));
  g_print ("# first frame at fit %.1f ms after the bytes, plain decode %.1f ms (best of %d)\n",
           open, decode, OPEN_RUNS);

  keep_freed_memory ();
  lk_image_view_set_pyramid (bench.bottom, pyramid_a);
  lk_image_view_set_pyramid (bench.top, pyramid_b);
  lk_image_view_set_pyramid (bench.single, pyramid_a);
  settle (&bench);
  for (guint m = 0; m < G_N_ELEMENTS (two_modes); m++)
    {
      g_autofree char *name = g_strdup_printf ("%s-frame", two_modes[m]);
      g_autofree char *cpu_name = g_strdup_printf ("%s-frame-processor", two_modes[m]);

      two_mode = two_modes[m];
      bench_frames (&bench, single, two_views);
      metric (name, two_views[0], "ms", single[0], 1.5);
      metric (cpu_name, two_views[1], "ms", single[1], 1.5);
    }
  two_mode = "overlay";
  /* The overlay and wipe keep a frame composed by the window's renderer: another renderer
   * would draw that texture, not its own work. Run with GSK_RENDERER=cairo or gl to time one
   * or the other. */
  if ((other = other_renderer (&bench)) != NULL)
    {
      g_print ("# %s: run again with GSK_RENDERER set to time it\n", G_OBJECT_TYPE_NAME (other));
      gsk_renderer_unrealize (other);
    }
  g_print ("# %s, panning at 200 %%: one view %.1f ms a frame, overlay %.1f ms\n",
           G_OBJECT_TYPE_NAME (bench.renderer), bench_pan (&bench, TRUE),
           bench_pan (&bench, FALSE));

  metric ("open-24mp", open, "ms", decode, 1.3);
  gtk_window_destroy (GTK_WINDOW (bench.window));
  return 0;
}
