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

/* The same over int8 codes, a row's score being @scales[row] times the dot product of its
 * codes with @query (see lk-template-store.h): an approximation of the float32 score, within
 * about half a code step per value, for a shortlist that the exact scores then order. */
GArray *lk_search_top_k_codes (const gint8 *codes,
                               const float *scales,
                               gsize        n_rows,
                               gsize        dimension,
                               const float *query,
                               guint        k,
                               guint        n_threads);

G_END_DECLS
