/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Similarity transforms (scale, rotation, translation) for eye alignment: plain maths, no
 * OpenCV. A transform maps (x, y) to (a x - b y + tx, b x + a y + ty); as a complex number,
 * z' = w z + t with w = a + i b. Coordinates are those of the original image, pixel (i, j)
 * covering [i, i + 1) x [j, j + 1). */
#pragma once

#include <json-glib/json-glib.h>

#include "imaging/lk-cv.h"

G_BEGIN_DECLS

typedef struct
{
  double a;
  double b;
  double tx;
  double ty;
} LkSimilarity;

void        lk_similarity_identity         (LkSimilarity        *t);

/* The transform that maps @from_1 to @to_1 and @from_2 to @to_2 exactly. Refused with
 * LK_ERROR_INVALID_INPUT when a point is not finite, or when either pair of points coincides
 * (closer than 1e-6): two distinct points on each side fix a similarity, one does not. */
gboolean    lk_similarity_from_pairs       (const LkPoint       *from_1,
                                            const LkPoint       *from_2,
                                            const LkPoint       *to_1,
                                            const LkPoint       *to_2,
                                            LkSimilarity        *t,
                                            GError             **error);

LkPoint     lk_similarity_apply            (const LkSimilarity  *t,
                                            LkPoint              p);

/* Fails (LK_ERROR_INVALID_INPUT) only for a degenerate transform (zero or non-finite scale). */
gboolean    lk_similarity_invert           (const LkSimilarity  *t,
                                            LkSimilarity        *inverse,
                                            GError             **error);

/* @first, then @then: result (p) = then (first (p)). @result may be either argument. */
void        lk_similarity_compose          (const LkSimilarity  *first,
                                            const LkSimilarity  *then,
                                            LkSimilarity        *result);

double      lk_similarity_scale            (const LkSimilarity  *t);
/* The rotation in degrees, -180..180, positive from +x towards +y (clockwise as seen, since
 * image y runs downwards). */
double      lk_similarity_rotation_degrees (const LkSimilarity  *t);

/* {"a", "b", "tx", "ty"} and, for readers, "scale" and "rotation_degrees". */
JsonObject *lk_similarity_to_json          (const LkSimilarity  *t);
/* Reads "a", "b", "tx" and "ty" (the derived members are ignored); refuses a missing or
 * non-numeric member and a degenerate transform. */
gboolean    lk_similarity_from_json        (JsonObject          *o,
                                            LkSimilarity        *t,
                                            GError             **error);

G_END_DECLS
