/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The built-in engine's scan: one query against 1,000,000 synthetic 512-dimensional templates
 * (2 GB of float32), and queries per second over 10,000 and 100,000 templates, each against a
 * plain read-only pass over the same array (a sum of every float, with the same threads and
 * the same chunks). The scan is bound by memory bandwidth, so the pass is the floor.
 *
 * Every ratio compares times: search time / pass time. For the rates this is pass rate /
 * query rate. Below the target of 1.5 the search costs at most half again what merely
 * reading the templates costs. Peak memory (getrusage) is compared with the array's size. */
#include "config.h"

#include <sys/resource.h>

#include "engine/lk-search.h"

#define DIMENSION 512
#define TOP_K 20
#define LANES 8

/* Keeps the pass's sums from being optimised away. */
static volatile float sum_sink;

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
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

/* Small values from a xorshift generator: realistic magnitudes, quick to make. */
static void
fill (float *m,
      gsize  n)
{
  guint32 x = 2463534242u;

  for (gsize i = 0; i < n; i++)
    {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      m[i] = (float) ((double) x / G_MAXUINT32 - 0.5) * 0.09f;
    }
}

typedef struct
{
  const float *data;
  gsize        n;
  float        sum;
} Pass;

static gpointer
pass_chunk (gpointer data)
{
  Pass *p = data;
  float acc[LANES] = { 0 };
  gsize i = 0;

  for (; i + LANES <= p->n; i += LANES)
    for (int j = 0; j < LANES; j++)
      acc[j] += p->data[i + j];
  for (; i < p->n; i++)
    acc[0] += p->data[i];
  p->sum = acc[0] + acc[1] + acc[2] + acc[3] + acc[4] + acc[5] + acc[6] + acc[7];
  return NULL;
}

/* The read-only pass: the rows split into the search's chunks, one thread each. */
static double
read_pass (const float *m,
           gsize        rows,
           guint        threads)
{
  g_autofree Pass *passes = g_new0 (Pass, threads);
  g_autofree GThread **workers = g_new0 (GThread *, threads);
  gint64 start = g_get_monotonic_time ();
  float total = 0;

  for (guint t = 0; t < threads; t++)
    {
      gsize first = rows * t / threads, end = rows * (t + 1) / threads;

      passes[t] = (Pass) { m + first * DIMENSION, (end - first) * DIMENSION, 0 };
      if (t > 0)
        workers[t] = g_thread_new ("pass", pass_chunk, &passes[t]);
    }
  pass_chunk (&passes[0]);
  for (guint t = 1; t < threads; t++)
    g_thread_join (workers[t]);
  for (guint t = 0; t < threads; t++)
    total += passes[t].sum;
  sum_sink = total;
  return seconds_since (start);
}

static double
search_once (const float *m,
             gsize        rows,
             const float *query,
             guint        threads)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GArray) hits = lk_search_top_k (m, rows, DIMENSION, query, TOP_K, threads);

  g_assert_cmpuint (hits->len, ==, TOP_K);
  return seconds_since (start);
}

/* Best of @runs for both, interleaved, so that both see the same machine. */
static void
measure (const float *m,
         gsize        rows,
         const float *query,
         guint        threads,
         int          runs,
         double      *search,
         double      *pass)
{
  *search = *pass = G_MAXDOUBLE;
  for (int r = 0; r < runs; r++)
    {
      *pass = MIN (*pass, read_pass (m, rows, threads));
      *search = MIN (*search, search_once (m, rows, query, threads));
    }
}

static void
bench_rate (const float *m,
            gsize        rows,
            const float *query,
            guint        threads,
            const char  *name)
{
  double search, pass;
  int runs = (int) MAX (20, 2000000 / rows);

  measure (m, rows, query, threads, runs, &search, &pass);
  metric (name, 1 / search, "queries/s", 1 / pass, search / pass, 1.5);
}

static double
peak_megabytes (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

int
main (int   argc,
      char *argv[])
{
  const gsize rows = 1000000;
  guint threads = g_get_num_processors ();
  gsize floats = rows * DIMENSION;
  g_autofree float *m = g_try_malloc (floats * sizeof (float));
  float query[DIMENSION];
  double search, pass;

  if (m == NULL)
    {
      g_print ("# SKIP bench-search: could not allocate %.1f GB for 1,000,000 templates\n",
               floats * sizeof (float) / 1e9);
      return 77;
    }
  fill (m, floats);
  fill (query, DIMENSION);
  g_print ("# %u threads, %d-dimensional float32 templates, top %d\n", threads, DIMENSION, TOP_K);

  bench_rate (m, 10000, query, threads, "search-10k-rate");
  bench_rate (m, 100000, query, threads, "search-100k-rate");
  measure (m, rows, query, threads, 5, &search, &pass);
  g_print ("# 1,000,000 templates: search %.3f s, read-only pass %.3f s (%.1f GB/s)\n", search,
           pass, floats * sizeof (float) / pass / 1e9);
  metric ("search-1m-time", search, "s", pass, search / pass, 1.5);
  metric ("search-peak-memory", peak_megabytes (), "MB", floats * sizeof (float) / 1048576.0,
          peak_megabytes () / (floats * sizeof (float) / 1048576.0), 1.1);
  return 0;
}
