/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Brute-force search: one query against one contiguous float32 matrix, top K by dot product
 * (templates are L2-normalised, so this is cosine similarity), across the available cores. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint32 row;
  float   score;
} LkHit;

/* Returns up to @k hits, best first (ties: lower row first; a NaN score never ranks).
 * @n_threads 0 = all cores (fewer for a small matrix); any other count is used as given. */
GArray *lk_search_top_k (const float *matrix,
                         gsize        n_rows,
                         gsize        dimension,
                         const float *query,
                         guint        k,
                         guint        n_threads);

/* The same over int8 codes (-127..127, see lk-template-store.h): @query is quantised to int8
 * the same way, and a row's score is @scales[row] times the query's scale times the exact
 * integer dot product of the codes. An approximation of the float32 score, within about half
 * a code step per value on each side, for a shortlist that the exact scores then order. */
GArray *lk_search_top_k_codes (const gint8 *codes,
                               const float *scales,
                               gsize        n_rows,
                               gsize        dimension,
                               const float *query,
                               guint        k,
                               guint        n_threads);

G_END_DECLS
