/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Brute-force top-K search. The rows are split into one contiguous chunk per thread; each
 * thread scans its chunk once, keeping its best K in a bounded min-heap, and the heaps are
 * merged at the end. The scan is bound by memory bandwidth, so the dot product only has to
 * keep up with it: eight independent accumulators let GCC vectorise it at -O2 without
 * -ffast-math (which would let it reorder one sum freely). The scan store's int8 codes are
 * scanned with an int8 query in exact integer dot products (AVX2 where the processor has it):
 * a quarter of the bytes of float32, at about the speed of reading them. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/lk-search.h"

/* Below this many bytes of templates a second thread is not worth starting: one thread scans
 * int8 codes at about the speed of reading them (bench-search: 1.2 to 1.3 times one pass over
 * the array at 1,000,000 templates), and a thread started per search has to be scheduled
 * first, which on a loaded machine can take longer than scanning a few megabytes. */
#define MIN_BYTES_PER_THREAD (64u << 20)
#define LANES 8

typedef struct
{
  const float *matrix;  /* float32 rows, or NULL for int8 codes */
  const gint8 *codes;
  const float *scales;
  const gint8 *query_codes;
  float        query_scale;
  const float *query;
  gsize        dimension;
  gsize        first;   /* first row of the chunk */
  gsize        end;     /* one past its last row */
  guint        k;
  LkHit       *heap;    /* k slots; the worst kept hit at the root */
  guint        n_heap;
} Chunk;

/* The dot product in LANES independent partial sums. The sums are added in a fixed order, so
 * a score depends only on the two vectors, never on the chunking or the thread. */
static float
dot (const float * restrict a,
     const float * restrict b,
     gsize                  n)
{
  float acc[LANES] = { 0 };
  gsize i = 0;
  float sum;

  for (; i + LANES <= n; i += LANES)
    for (int j = 0; j < LANES; j++)
      acc[j] += a[i + j] * b[i + j];
  for (; i < n; i++)
    acc[i % LANES] += a[i] * b[i];
  sum = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
  return sum;
}

/* ---- int8 codes ---------------------------------------------------------------------------- */

/* Rows of int8 codes against an int8 query, exactly, in 32-bit integers: @out[r] for @rows
 * rows of @n codes. Codes lie in -127..127 (lk_template_quantise), so with AVX2 each pair of
 * products fits the 16 bits of maddubs (|a| times b with a's sign, 2 x 127 x 127 at most). */
typedef void (*DotRows) (const gint8 *rows_codes, const gint8 *query, gsize rows, gsize n,
                         gint32 *out);

static void
dot_rows_plain (const gint8 *rows_codes,
                const gint8 *query,
                gsize        rows,
                gsize        n,
                gint32      *out)
{
  for (gsize r = 0; r < rows; r++)
    {
      const gint8 *a = rows_codes + r * n;
      gint32 acc = 0;

      for (gsize i = 0; i < n; i++)
        acc += (gint16) a[i] * (gint16) query[i];
      out[r] = acc;
    }
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

/* One row's products of 32 codes against 32 query codes, as eight 32-bit partial sums. */
__attribute__ ((target ("avx2")))
static inline __m256i
madd32 (const gint8 *a,
        __m256i      vb,
        __m256i      ones)
{
  __m256i va = _mm256_loadu_si256 ((const __m256i *) a);
  __m256i pairs = _mm256_maddubs_epi16 (_mm256_abs_epi8 (va), _mm256_sign_epi8 (vb, va));

  return _mm256_madd_epi16 (pairs, ones);
}

__attribute__ ((target ("avx2")))
static gint32
dot_tail (const gint8 *a,
          const gint8 *query,
          gsize        from,
          gsize        n)
{
  gint32 total = 0;

  for (gsize i = from; i < n; i++)
    total += (gint16) a[i] * (gint16) query[i];
  return total;
}

/* Four rows at a time: the query's codes are loaded once for the four, and the four sums are
 * reduced together (two horizontal adds and one across the halves) instead of one by one. */
__attribute__ ((target ("avx2")))
static void
dot_rows_avx2 (const gint8 *rows_codes,
               const gint8 *query,
               gsize        rows,
               gsize        n,
               gint32      *out)
{
  const __m256i ones = _mm256_set1_epi16 (1);
  gsize whole = n / 32 * 32;
  gsize r = 0;

  for (; r + 4 <= rows; r += 4)
    {
      const gint8 *a = rows_codes + r * n;
      __m256i acc0 = _mm256_setzero_si256 (), acc1 = acc0, acc2 = acc0, acc3 = acc0;
      __m256i h01, h23, h;
      __m128i sum;

      for (gsize i = 0; i < whole; i += 32)
        {
          __m256i vb = _mm256_loadu_si256 ((const __m256i *) (query + i));

          acc0 = _mm256_add_epi32 (acc0, madd32 (a + i, vb, ones));
          acc1 = _mm256_add_epi32 (acc1, madd32 (a + n + i, vb, ones));
          acc2 = _mm256_add_epi32 (acc2, madd32 (a + 2 * n + i, vb, ones));
          acc3 = _mm256_add_epi32 (acc3, madd32 (a + 3 * n + i, vb, ones));
        }
      h01 = _mm256_hadd_epi32 (acc0, acc1);
      h23 = _mm256_hadd_epi32 (acc2, acc3);
      h = _mm256_hadd_epi32 (h01, h23);
      sum = _mm_add_epi32 (_mm256_castsi256_si128 (h), _mm256_extracti128_si256 (h, 1));
      _mm_storeu_si128 ((__m128i *) (out + r), sum);
      if (whole < n)
        for (int j = 0; j < 4; j++)
          out[r + j] += dot_tail (a + j * n, query, whole, n);
    }
  for (; r < rows; r++)
    {
      const gint8 *a = rows_codes + r * n;
      __m256i acc = _mm256_setzero_si256 ();
      __m128i sum;

      for (gsize i = 0; i < whole; i += 32)
        acc = _mm256_add_epi32 (acc, madd32 (a + i,
                                             _mm256_loadu_si256 ((const __m256i *) (query + i)),
                                             ones));
      sum = _mm_add_epi32 (_mm256_castsi256_si128 (acc), _mm256_extracti128_si256 (acc, 1));
      sum = _mm_add_epi32 (sum, _mm_shuffle_epi32 (sum, 0x4e));
      sum = _mm_add_epi32 (sum, _mm_shuffle_epi32 (sum, 0xb1));
      out[r] = _mm_cvtsi128_si32 (sum) + dot_tail (a, query, whole, n);
    }
}
#endif

static DotRows
dot_rows_for_cpu (void)
{
#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports ("avx2"))
    return dot_rows_avx2;
#endif
  return dot_rows_plain;
}

/* Ranking order: the higher score first, and for equal scores the lower row. */
static gboolean
better (const LkHit *a,
        const LkHit *b)
{
  return a->score > b->score || (a->score == b->score && a->row < b->row);
}

static void
swap_hits (LkHit *a,
           LkHit *b)
{
  LkHit t = *a;

  *a = *b;
  *b = t;
}

static void
sift_up (LkHit *heap,
         guint  i)
{
  while (i > 0 && better (&heap[(i - 1) / 2], &heap[i]))
    {
      swap_hits (&heap[(i - 1) / 2], &heap[i]);
      i = (i - 1) / 2;
    }
}

static void
sift_down (LkHit *heap,
           guint  n,
           guint  i)
{
  for (;;)
    {
      guint worst = i, l = 2 * i + 1, r = 2 * i + 2;

      if (l < n && better (&heap[worst], &heap[l]))
        worst = l;
      if (r < n && better (&heap[worst], &heap[r]))
        worst = r;
      if (worst == i)
        return;
      swap_hits (&heap[i], &heap[worst]);
      i = worst;
    }
}

/* Keeps @hit when it ranks among the best k seen so far. */
static void
offer (Chunk *c,
       LkHit  hit)
{
  if (c->n_heap < c->k)
    {
      c->heap[c->n_heap] = hit;
      sift_up (c->heap, c->n_heap++);
    }
  else if (better (&hit, &c->heap[0]))
    {
      c->heap[0] = hit;
      sift_down (c->heap, c->n_heap, 0);
    }
}

/* Rows per call of the int8 dot product: its results fit in a small buffer on the stack. */
#define CODE_BATCH 256

static void
scan_codes (Chunk *c)
{
  DotRows dot_rows = dot_rows_for_cpu ();
  gint32 dots[CODE_BATCH];

  for (gsize first = c->first; first < c->end; first += CODE_BATCH)
    {
      gsize rows = MIN ((gsize) CODE_BATCH, c->end - first);

      dot_rows (c->codes + first * c->dimension, c->query_codes, rows, c->dimension, dots);
      for (gsize r = 0; r < rows; r++)
        {
          LkHit hit = { (guint32) (first + r),
                        c->scales[first + r] * c->query_scale * (float) dots[r] };

          if (!isnan (hit.score))
            offer (c, hit);
        }
    }
}

static gpointer
scan_chunk (gpointer data)
{
  Chunk *c = data;

  if (c->matrix == NULL)
    {
      scan_codes (c);
      return NULL;
    }
  for (gsize row = c->first; row < c->end; row++)
    {
      LkHit hit = { (guint32) row, dot (c->matrix + row * c->dimension, c->query, c->dimension) };

      /* A NaN never ranks: it compares false with everything and would corrupt the heap. */
      if (!isnan (hit.score))
        offer (c, hit);
    }
  return NULL;
}

static gint
compare_hits (gconstpointer a,
              gconstpointer b)
{
  if (better (a, b))
    return -1;
  return better (b, a) ? 1 : 0;
}

/* An explicit thread count is used as given (at most one thread per row); with 0, every core
 * works, but only on scans large enough to repay starting a thread. */
static guint
threads_for (gsize    n_rows,
             gsize    row_bytes,
             guint    n_threads)
{
  gsize by_size = MAX ((gsize) 1, n_rows * row_bytes / MIN_BYTES_PER_THREAD);

  if (n_threads == 0)
    n_threads = (guint) MIN ((gsize) g_get_num_processors (), by_size);
  return (guint) MAX ((gsize) 1, MIN ((gsize) n_threads, n_rows));
}

/* Runs chunk 0 in the calling thread and the others in threads of their own. */
static void
scan_all (Chunk *chunks,
          guint  n)
{
  g_autofree GThread **threads = g_new0 (GThread *, n);

  for (guint t = 1; t < n; t++)
    threads[t] = g_thread_new ("lk-search", scan_chunk, &chunks[t]);
  scan_chunk (&chunks[0]);
  for (guint t = 1; t < n; t++)
    g_thread_join (threads[t]);
}

static GArray *
merge (Chunk *chunks,
       guint  n,
       guint  k)
{
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (LkHit));

  for (guint t = 0; t < n; t++)
    g_array_append_vals (hits, chunks[t].heap, chunks[t].n_heap);
  g_array_sort (hits, compare_hits);
  if (hits->len > k)
    g_array_set_size (hits, k);
  return hits;
}

static GArray *
top_k (const float *matrix,
       const gint8 *codes,
       const float *scales,
       const gint8 *query_codes,
       float        query_scale,
       gsize        n_rows,
       gsize        dimension,
       const float *query,
       guint        k,
       guint        n_threads)
{
  g_autofree Chunk *chunks = NULL;
  g_autofree LkHit *heaps = NULL;
  guint n, kept;

  n = threads_for (n_rows, dimension * (matrix != NULL ? sizeof (float) : 1), n_threads);
  kept = (guint) MIN ((gsize) k, n_rows);
  chunks = g_new0 (Chunk, n);
  heaps = g_new (LkHit, (gsize) kept * n + 1);
  for (guint t = 0; t < n; t++)
    chunks[t] = (Chunk) { matrix, codes, scales, query_codes, query_scale, query, dimension,
                          n_rows * t / n,
                          n_rows * (t + 1) / n, kept, heaps + (gsize) kept * t, 0 };
  if (kept > 0)
    scan_all (chunks, n);
  return merge (chunks, n, kept);
}

GArray *
lk_search_top_k (const float *matrix,
                 gsize        n_rows,
                 gsize        dimension,
                 const float *query,
                 guint        k,
                 guint        n_threads)
{
  g_return_val_if_fail (matrix != NULL || n_rows == 0, NULL);
  g_return_val_if_fail (query != NULL && dimension > 0, NULL);
  g_return_val_if_fail (n_rows <= G_MAXUINT32, NULL);

  return top_k (matrix, NULL, NULL, NULL, 0, n_rows, dimension, query, k, n_threads);
}

GArray *
lk_search_top_k_codes (const gint8 *codes,
                       const float *scales,
                       gsize        n_rows,
                       gsize        dimension,
                       const float *query,
                       guint        k,
                       guint        n_threads)
{
  g_return_val_if_fail ((codes != NULL && scales != NULL) || n_rows == 0, NULL);
  g_return_val_if_fail (query != NULL && dimension > 0, NULL);
  g_return_val_if_fail (n_rows <= G_MAXUINT32, NULL);

  g_autofree gint8 *query_codes = NULL;
  float max = 0;

  /* An empty matrix of codes scans like an empty matrix of floats. */
  if (n_rows == 0)
    return g_array_new (FALSE, FALSE, sizeof (LkHit));
  /* The query quantised like the rows (symmetric, to -127..127): the dot products are then
   * exact integers, and only the two scales are floats. */
  query_codes = g_new (gint8, dimension);
  for (gsize i = 0; i < dimension; i++)
    max = MAX (max, fabsf (query[i]));
  for (gsize i = 0; i < dimension; i++)
    query_codes[i] = max > 0 ? (gint8) lrintf (query[i] / max * 127.0f) : 0;
  return top_k (NULL, codes, scales, query_codes, max / 127.0f, n_rows, dimension, query, k,
                n_threads);
}
