/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Candidate thumbnails: 200 JPEGs from 0.3 to 24 megapixels (made here from the demo
 * portrait, scaled and given sensor-like noise so that they compress like photographs) shrunk
 * to 256 pixels by lk_cv_thumbnail (read the file, shrink-on-load decode, INTER_AREA), against
 * gdk_pixbuf_new_from_file_at_scale over the same files in the same run. Ratios are times:
 * Likeness / gdk-pixbuf with one thread each (target 1.0), and Likeness with one thread per
 * core / gdk-pixbuf with one thread (target 0.6). LIKENESS_BENCH_THUMBNAILS sets the number of
 * files (200). */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sys/resource.h>

#include "lk-core.h"
#include "imaging/lk-cv.h"

#define DEFAULT_FILES 200
#define THUMBNAIL_SIZE 256
#define RUNS 3
#define MIN_MEGAPIXELS 0.3
#define MAX_MEGAPIXELS 24.0

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static void
metric (const char *name,
        double      value,
        const char *unit,
        double      baseline,
        double      ratio,
        double      target)
{
  g_print ("metric: %s value=%.4g unit=%s baseline=%.4g ratio=%.3f target=%.1f\n",
           name, value, unit, baseline, ratio, target);
}

/* Noise of a few grey levels, as a camera sensor leaves: without it the upscaled portrait
 * would be smooth and compress (and decode) far faster than a photograph. */
static void
add_noise (GdkPixbuf *pixbuf,
           guint32   *seed)
{
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int width = gdk_pixbuf_get_width (pixbuf) * gdk_pixbuf_get_n_channels (pixbuf);

  for (int y = 0; y < gdk_pixbuf_get_height (pixbuf); y++)
    for (int x = 0; x < width; x++)
      {
        guint32 s = *seed;
        int v;

        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        *seed = s;
        v = pixels[(gsize) y * stride + x] + (int) (s % 9) - 4;
        pixels[(gsize) y * stride + x] = (guint8) CLAMP (v, 0, 255);
      }
}

/* File i of n: megapixels spread evenly on a log scale, landscape and portrait, 3:2 and 4:3. */
static void
make_jpeg (GdkPixbuf  *portrait,
           const char *path,
           guint       i,
           guint       n)
{
  static const double aspects[] = { 1.5, 4.0 / 3.0, 2.0 / 3.0, 0.75 };
  double mp = MIN_MEGAPIXELS * pow (MAX_MEGAPIXELS / MIN_MEGAPIXELS, (double) i / (n - 1));
  double aspect = aspects[i % G_N_ELEMENTS (aspects)];
  int width = (int) lround (sqrt (mp * 1e6 * aspect));
  int height = (int) lround (mp * 1e6 / width);
  g_autoptr(GdkPixbuf) scaled = gdk_pixbuf_scale_simple (portrait, width, height,
                                                          GDK_INTERP_BILINEAR);
  g_autoptr(GError) error = NULL;
  guint32 seed = 0x9e3779b9u + i;

  add_noise (scaled, &seed);
  gdk_pixbuf_save (scaled, path, "jpeg", &error, "quality", "90", NULL);
  g_assert_no_error (error);
}

static GPtrArray *
make_files (const char *dir,
            guint       n)
{
  g_autofree char *source = g_build_filename (g_getenv ("LIKENESS_SOURCE_DIR"), "data", "demo",
                                              "grace_hopper.jpg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) portrait = gdk_pixbuf_new_from_file (source, &error);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  gint64 start = g_get_monotonic_time ();
  goffset bytes = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      char *path = g_strdup_printf ("%s/%03u.jpg", dir, i);
      GStatBuf st;

      make_jpeg (portrait, path, i, n);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      bytes += st.st_size;
      g_ptr_array_add (paths, path);
    }
  g_print ("# made %u JPEGs, %.1f to %.1f megapixels, %.0f MB, in %.1f s\n", n, MIN_MEGAPIXELS,
           MAX_MEGAPIXELS, bytes / 1e6, seconds_since (start));
  return paths;
}

static void
thumbnail_likeness (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_autoptr(LkPixels) pixels = NULL;

  g_assert_no_error (error);
  pixels = lk_cv_thumbnail (bytes, THUMBNAIL_SIZE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (MAX (pixels->width, pixels->height), ==, THUMBNAIL_SIZE);
}

static void
thumbnail_pixbuf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file_at_scale (path, THUMBNAIL_SIZE,
                                                                    THUMBNAIL_SIZE, TRUE, &error);

  g_assert_no_error (error);
  g_assert_cmpint (MAX (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf)), ==,
                   THUMBNAIL_SIZE);
}

typedef struct
{
  GPtrArray *paths;
  guint      first;
  guint      step;
  void     (*make) (const char *path);
} Share;

static gpointer
run_share (gpointer data)
{
  Share *s = data;

  for (guint i = s->first; i < s->paths->len; i += s->step)
    s->make (g_ptr_array_index (s->paths, i));
  return NULL;
}

/* Seconds for every file, split among @threads (file i to thread i mod threads). */
static double
run (GPtrArray   *paths,
     guint        threads,
     void       (*make) (const char *path),
     double      *cpu)
{
  g_autofree Share *shares = g_new0 (Share, threads);
  g_autofree GThread **workers = g_new0 (GThread *, threads);
  double cpu_start = cpu_seconds ();
  gint64 start = g_get_monotonic_time ();
  double wall;

  for (guint t = 0; t < threads; t++)
    {
      shares[t] = (Share) { paths, t, threads, make };
      if (t > 0)
        workers[t] = g_thread_new ("thumbnails", run_share, &shares[t]);
    }
  run_share (&shares[0]);
  for (guint t = 1; t < threads; t++)
    g_thread_join (workers[t]);
  wall = seconds_since (start);
  *cpu = cpu_seconds () - cpu_start;
  return wall;
}

/* Best of RUNS, the three ways interleaved so that each sees the same machine. */
static void
measure (GPtrArray *paths,
         guint      cores,
         double     best[3],
         double     cpu[3])
{
  for (int k = 0; k < 3; k++)
    best[k] = G_MAXDOUBLE;
  for (int r = 0; r < RUNS; r++)
    {
      double c, t;

      t = run (paths, 1, thumbnail_pixbuf, &c);
      if (t < best[0])
        best[0] = t, cpu[0] = c;
      t = run (paths, 1, thumbnail_likeness, &c);
      if (t < best[1])
        best[1] = t, cpu[1] = c;
      t = run (paths, cores, thumbnail_likeness, &c);
      if (t < best[2])
        best[2] = t, cpu[2] = c;
    }
}

static guint
files_wanted (void)
{
  const char *env = g_getenv ("LIKENESS_BENCH_THUMBNAILS");
  guint64 n = env != NULL ? g_ascii_strtoull (env, NULL, 10) : DEFAULT_FILES;

  return n >= 2 && n <= 10000 ? (guint) n : DEFAULT_FILES;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("likeness-bench-XXXXXX", &error);
  g_autoptr(GPtrArray) paths = NULL;
  guint n = files_wanted (), cores = g_get_num_processors ();
  double best[3], cpu[3];

  g_assert_no_error (error);
  paths = make_files (dir, n);
  run (paths, cores, thumbnail_pixbuf, &cpu[0]); /* the files in the page cache, loaders loaded */
  run (paths, cores, thumbnail_likeness, &cpu[0]);
  measure (paths, cores, best, cpu);
  g_print ("# gdk-pixbuf 1 thread %.3f s (CPU %.3f s); Likeness 1 thread %.3f s (CPU %.3f s); "
           "Likeness %u threads %.3f s (CPU %.3f s)\n", best[0], cpu[0], best[1], cpu[1], cores,
           best[2], cpu[2]);
  metric ("thumbnail-1-thread", best[1] * 1000 / n, "ms/image", best[0] * 1000 / n,
          best[1] / best[0], 1.0);
  metric ("thumbnail-all-cores", best[2] * 1000 / n, "ms/image", best[0] * 1000 / n,
          best[2] / best[0], 0.6);
  for (guint i = 0; i < paths->len; i++)
    g_unlink (g_ptr_array_index (paths, i));
  g_rmdir (dir);
  return 0;
}
