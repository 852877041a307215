/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The brute-force top-K search against a naive full sort of every score: sizes that do not
 * divide among the threads, K larger than the gallery, ties (broken by the lower row), NaN,
 * and the same answer for every thread count. Small integer values make every dot product
 * exact in float, whatever the order of the additions, so the comparison can be exact. */
#include "config.h"

#include <math.h>

#include "engine/lk-search.h"
#include "engine/lk-template-store.h"
#include "lk-test-util.h"

typedef struct
{
  gsize  row;
  double score;
} Scored;

static float *
integer_matrix (gsize n,
                gsize dimension,
                int   span)
{
  float *m = g_new (float, MAX (n * dimension, 1));

  for (gsize i = 0; i < n * dimension; i++)
    m[i] = (float) g_test_rand_int_range (-span, span + 1);
  return m;
}

static int
compare_scored (gconstpointer a,
                gconstpointer b)
{
  const Scored *x = a, *y = b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->row < y->row ? -1 : (x->row > y->row);
}

/* Every score in double, sorted best first, lower row first on ties. */
static GArray *
naive_ranking (const float *m,
               gsize        n,
               gsize        dimension,
               const float *query)
{
  GArray *all = g_array_sized_new (FALSE, FALSE, sizeof (Scored), (guint) n);

  for (gsize r = 0; r < n; r++)
    {
      Scored s = { r, 0 };

      for (gsize j = 0; j < dimension; j++)
        s.score += (double) m[r * dimension + j] * query[j];
      g_array_append_val (all, s);
    }
  g_array_sort (all, compare_scored);
  return all;
}

static void
assert_top_k (const float *m,
              gsize        n,
              gsize        dimension,
              const float *query,
              guint        k,
              guint        threads)
{
  g_autoptr(GArray) expected = naive_ranking (m, n, dimension, query);
  g_autoptr(GArray) hits = lk_search_top_k (m, n, dimension, query, k, threads);

  g_assert_cmpuint (hits->len, ==, MIN ((gsize) k, n));
  for (guint i = 0; i < hits->len; i++)
    {
      const LkHit *hit = &g_array_index (hits, LkHit, i);
      const Scored *want = &g_array_index (expected, Scored, i);

      if (hit->row != want->row || hit->score != (float) want->score)
        g_error ("n=%" G_GSIZE_FORMAT " dim=%" G_GSIZE_FORMAT " k=%u threads=%u: rank %u is row "
                 "%u (%g), expected row %" G_GSIZE_FORMAT " (%g)", n, dimension, k, threads,
                 i + 1, hit->row, hit->score, want->row, want->score);
    }
}

static void
test_exact (void)
{
  static const gsize sizes[] = { 1, 2, 7, 64, 1000, 4099 };
  static const gsize dimensions[] = { 1, 3, 8, 17, 128, 512 };
  static const guint ks[] = { 1, 5, 20, 5000 };
  static const guint threads[] = { 0, 1, 2, 3, 7 };

  for (gsize a = 0; a < G_N_ELEMENTS (sizes); a++)
    for (gsize b = 0; b < G_N_ELEMENTS (dimensions); b++)
      {
        gsize n = sizes[a], dim = dimensions[b];
        g_autofree float *m = integer_matrix (n, dim, 3);
        g_autofree float *query = integer_matrix (1, dim, 3);

        for (gsize c = 0; c < G_N_ELEMENTS (ks); c++)
          for (gsize t = 0; t < G_N_ELEMENTS (threads); t++)
            assert_top_k (m, n, dim, query, ks[c], threads[t]);
      }
}

/* Values of -1, 0 and 1 over few dimensions: most scores are tied. */
static void
test_ties (void)
{
  g_autofree float *m = integer_matrix (3001, 4, 1);
  g_autofree float *query = integer_matrix (1, 4, 1);

  for (guint t = 1; t <= 4; t++)
    {
      assert_top_k (m, 3001, 4, query, 50, t);
      assert_top_k (m, 3001, 4, query, 3001, t);
    }
}

/* Identical rows everywhere: the answer is rows 0..k-1, whichever thread saw them. */
static void
test_all_equal (void)
{
  g_autofree float *m = g_new (float, 1000 * 8);
  float query[8] = { 1, 1, 1, 1, 1, 1, 1, 1 };

  for (gsize i = 0; i < 1000 * 8; i++)
    m[i] = 0.5f;
  for (guint t = 1; t <= 5; t++)
    {
      g_autoptr(GArray) hits = lk_search_top_k (m, 1000, 8, query, 10, t);

      g_assert_cmpuint (hits->len, ==, 10);
      for (guint i = 0; i < 10; i++)
        {
          g_assert_cmpuint (g_array_index (hits, LkHit, i).row, ==, i);
          g_assert_cmpfloat (g_array_index (hits, LkHit, i).score, ==, 4.0f);
        }
    }
}

static void
test_empty (void)
{
  float query[4] = { 1, 2, 3, 4 };
  g_autoptr(GArray) none = lk_search_top_k (NULL, 0, 4, query, 10, 0);
  g_autoptr(GArray) zero_k = lk_search_top_k (query, 1, 4, query, 0, 2);

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (zero_k->len, ==, 0);
}

/* A NaN row (a damaged template) never ranks, and does not disturb the others. */
static void
test_nan (void)
{
  g_autofree float *m = integer_matrix (100, 16, 3);
  g_autofree float *query = integer_matrix (1, 16, 3);
  g_autoptr(GArray) hits = NULL;

  for (gsize r = 0; r < 100; r += 10)
    m[r * 16 + 3] = NAN;
  for (guint t = 1; t <= 3; t++)
    {
      g_clear_pointer (&hits, g_array_unref);
      hits = lk_search_top_k (m, 100, 16, query, 200, t);
      g_assert_cmpuint (hits->len, ==, 90);
      for (guint i = 0; i < hits->len; i++)
        {
          g_assert_cmpuint (g_array_index (hits, LkHit, i).row % 10, !=, 0);
          g_assert_false (isnan (g_array_index (hits, LkHit, i).score));
          if (i > 0)
            g_assert_cmpfloat (g_array_index (hits, LkHit, i).score, <=,
                               g_array_index (hits, LkHit, i - 1).score);
        }
    }
}

/* Real-valued, L2-normalised templates as the engine makes them: the best row is the query's
 * own, with a cosine of 1, and the scores agree with double precision. */
static void
test_normalised (void)
{
  const gsize n = 20000, dim = 512;
  g_autofree float *m = g_new (float, n * dim);
  g_autoptr(GArray) hits = NULL;
  const float *query;

  for (gsize r = 0; r < n; r++)
    {
      double sum = 0;

      for (gsize j = 0; j < dim; j++)
        {
          m[r * dim + j] = (float) g_test_rand_double_range (-1, 1);
          sum += (double) m[r * dim + j] * m[r * dim + j];
        }
      for (gsize j = 0; j < dim; j++)
        m[r * dim + j] /= (float) sqrt (sum);
    }
  query = m + 12345 * dim;
  hits = lk_search_top_k (m, n, dim, query, 20, 0);
  g_assert_cmpuint (hits->len, ==, 20);
  g_assert_cmpuint (g_array_index (hits, LkHit, 0).row, ==, 12345);
  g_assert_cmpfloat_with_epsilon (g_array_index (hits, LkHit, 0).score, 1.0, 1e-5);
  for (guint i = 1; i < hits->len; i++)
    g_assert_cmpfloat (g_array_index (hits, LkHit, i).score, <,
                       g_array_index (hits, LkHit, 0).score);
}

/* int8 codes with unit scales and an integer query whose largest value is 127 (so that its
 * quantisation is itself): every score is an exact integer, so the ranking must be the naive
 * one exactly, for any thread count. 3001 rows (rows in fours, and the rest one by one); 5, 37
 * and 128 values (only the remainder, the vector loop and the remainder, only the loop). */
static void
check_codes_exact (gsize dim)
{
  const gsize n = 3001;
  g_autofree gint8 *codes = g_new (gint8, n * dim);
  g_autofree float *as_floats = g_new (float, n * dim);
  g_autofree float *scales = g_new (float, n);
  g_autofree float *query = g_new (float, dim);

  for (gsize i = 0; i < n * dim; i++)
    {
      codes[i] = (gint8) g_test_rand_int_range (-127, 128);
      as_floats[i] = codes[i];
    }
  for (gsize r = 0; r < n; r++)
    scales[r] = 1;
  for (gsize j = 0; j < dim; j++)
    query[j] = (float) g_test_rand_int_range (-127, 128);
  query[dim / 2] = 127;
  for (guint threads = 0; threads <= 3; threads++)
    {
      g_autoptr(GArray) all = naive_ranking (as_floats, n, dim, query);
      g_autoptr(GArray) hits = lk_search_top_k_codes (codes, scales, n, dim, query, 50, threads);

      g_assert_cmpuint (hits->len, ==, 50);
      for (guint i = 0; i < hits->len; i++)
        {
          g_assert_cmpuint (g_array_index (hits, LkHit, i).row, ==,
                            g_array_index (all, Scored, i).row);
          g_assert_cmpfloat (g_array_index (hits, LkHit, i).score, ==,
                             g_array_index (all, Scored, i).score);
        }
    }
}

static void
test_codes_exact (void)
{
  static const gsize dimensions[] = { 5, 37, 128 };

  for (guint i = 0; i < G_N_ELEMENTS (dimensions); i++)
    check_codes_exact (dimensions[i]);
}

/* Normalised templates quantised as the scan store does: every score within the bound of half
 * a code step per value (scale / 2 times the query's L1 norm) of the float32 score, and each
 * template still finds itself first. */
static void
test_codes_quantised (void)
{
  const gsize n = 5000, dim = 128;
  g_autofree float *m = g_new (float, n * dim);
  g_autofree gint8 *codes = g_new (gint8, n * dim);
  g_autofree float *scales = g_new (float, n);
  const float *query = NULL;
  double l1 = 0, worst = 0, max_q = 0;

  for (gsize r = 0; r < n; r++)
    {
      double sum = 0;

      for (gsize j = 0; j < dim; j++)
        {
          m[r * dim + j] = (float) g_test_rand_double_range (-1, 1);
          sum += (double) m[r * dim + j] * m[r * dim + j];
        }
      for (gsize j = 0; j < dim; j++)
        m[r * dim + j] /= (float) sqrt (sum);
      lk_template_quantise (m + r * dim, dim, codes + r * dim, &scales[r]);
    }
  query = m + 777 * dim;
  for (gsize j = 0; j < dim; j++)
    {
      l1 += fabs (query[j]);
      max_q = MAX (max_q, fabs (query[j]));
    }
  {
    g_autoptr(GArray) hits = lk_search_top_k_codes (codes, scales, n, dim, query, (guint) n, 0);
    g_autoptr(GArray) exact = lk_search_top_k (m, n, dim, query, (guint) n, 0);
    g_autofree float *by_row = g_new (float, n);

    g_assert_cmpuint (g_array_index (hits, LkHit, 0).row, ==, 777);
    for (guint i = 0; i < exact->len; i++)
      by_row[g_array_index (exact, LkHit, i).row] = g_array_index (exact, LkHit, i).score;
    for (guint i = 0; i < hits->len; i++)
      {
        const LkHit *h = &g_array_index (hits, LkHit, i);
        double error = fabs (h->score - by_row[h->row]);

        worst = MAX (worst, error);
        /* Half a code step on each side: the row's and the query's. */
        g_assert_cmpfloat (error, <=, scales[h->row] / 2 * l1 + max_q / 127 / 2 * 1.0001 *
                                      sqrt (dim) + scales[h->row] * max_q / 127 * dim / 4);
      }
  }
  g_test_message ("largest score error of int8 codes at D = 128: %.5f", worst);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/likeness/search/exact", test_exact);
  g_test_add_func ("/likeness/search/ties", test_ties);
  g_test_add_func ("/likeness/search/all-equal", test_all_equal);
  g_test_add_func ("/likeness/search/empty", test_empty);
  g_test_add_func ("/likeness/search/nan", test_nan);
  g_test_add_func ("/likeness/search/normalised", test_normalised);
  g_test_add_func ("/likeness/search/codes-exact", test_codes_exact);
  g_test_add_func ("/likeness/search/codes-quantised", test_codes_quantised);
  return g_test_run ();
}
