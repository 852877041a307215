/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Similarity transforms as complex arithmetic: w = a + i b scales and rotates, t translates. */
#include "config.h"

#include <math.h>

#include "examination/lk-similarity.h"
#include "lk-error.h"
#include "imaging/lk-cv.h"

/* Points closer than this are one point for the purpose of fixing a transform. */
#define MIN_SEPARATION 1e-6

static gboolean
finite_point (const LkPoint *p)
{
  return isfinite (p->x) && isfinite (p->y);
}

static gboolean
finite_transform (const LkSimilarity *t)
{
  return isfinite (t->a) && isfinite (t->b) && isfinite (t->tx) && isfinite (t->ty);
}

void
lk_similarity_identity (LkSimilarity *t)
{
  g_return_if_fail (t != NULL);

  t->a = 1;
  t->b = 0;
  t->tx = 0;
  t->ty = 0;
}

static gboolean
check_pair (const LkPoint  *p1,
            const LkPoint  *p2,
            const char     *which,
            GError        **error)
{
  if (!finite_point (p1) || !finite_point (p2))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "The %s points must be finite numbers", which);
      return FALSE;
    }
  if (hypot (p2->x - p1->x, p2->y - p1->y) >= MIN_SEPARATION)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "The two %s points coincide (%g, %g): a similarity transform needs two distinct "
               "points on each side", which, p1->x, p1->y);
  return FALSE;
}

gboolean
lk_similarity_from_pairs (const LkPoint  *from_1,
                          const LkPoint  *from_2,
                          const LkPoint  *to_1,
                          const LkPoint  *to_2,
                          LkSimilarity   *t,
                          GError        **error)
{
  double fx, fy, gx, gy, d;

  g_return_val_if_fail (from_1 != NULL && from_2 != NULL, FALSE);
  g_return_val_if_fail (to_1 != NULL && to_2 != NULL && t != NULL, FALSE);

  if (!check_pair (from_1, from_2, "source", error) ||
      !check_pair (to_1, to_2, "target", error))
    return FALSE;
  /* w = (to_2 - to_1) / (from_2 - from_1), t = to_1 - w from_1 */
  fx = from_2->x - from_1->x;
  fy = from_2->y - from_1->y;
  gx = to_2->x - to_1->x;
  gy = to_2->y - to_1->y;
  d = fx * fx + fy * fy;
  t->a = (gx * fx + gy * fy) / d;
  t->b = (gy * fx - gx * fy) / d;
  t->tx = to_1->x - (t->a * from_1->x - t->b * from_1->y);
  t->ty = to_1->y - (t->b * from_1->x + t->a * from_1->y);
  return TRUE;
}

LkPoint
lk_similarity_apply (const LkSimilarity *t,
                     LkPoint             p)
{
  LkPoint q = { t->a * p.x - t->b * p.y + t->tx, t->b * p.x + t->a * p.y + t->ty };

  return q;
}

gboolean
lk_similarity_invert (const LkSimilarity  *t,
                      LkSimilarity        *inverse,
                      GError             **error)
{
  double d;
  LkSimilarity r;

  g_return_val_if_fail (t != NULL && inverse != NULL, FALSE);

  d = t->a * t->a + t->b * t->b;
  if (!finite_transform (t) || !(d > 0) || !isfinite (1 / d))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "The transform has no inverse (its scale is zero or not finite)");
      return FALSE;
    }
  /* w' = conj (w) / |w|^2, t' = -w' t */
  r.a = t->a / d;
  r.b = -t->b / d;
  r.tx = -(r.a * t->tx - r.b * t->ty);
  r.ty = -(r.b * t->tx + r.a * t->ty);
  *inverse = r;
  return TRUE;
}

void
lk_similarity_compose (const LkSimilarity *first,
                       const LkSimilarity *then,
                       LkSimilarity       *result)
{
  LkSimilarity r;

  g_return_if_fail (first != NULL && then != NULL && result != NULL);

  /* then (first (z)) = w2 (w1 z + t1) + t2 = (w2 w1) z + (w2 t1 + t2) */
  r.a = then->a * first->a - then->b * first->b;
  r.b = then->a * first->b + then->b * first->a;
  r.tx = then->a * first->tx - then->b * first->ty + then->tx;
  r.ty = then->b * first->tx + then->a * first->ty + then->ty;
  *result = r;
}

double
lk_similarity_scale (const LkSimilarity *t)
{
  return hypot (t->a, t->b);
}

double
lk_similarity_rotation_degrees (const LkSimilarity *t)
{
  return atan2 (t->b, t->a) * 180.0 / G_PI;
}

JsonObject *
lk_similarity_to_json (const LkSimilarity *t)
{
  JsonObject *o = json_object_new ();

  json_object_set_double_member (o, "a", t->a);
  json_object_set_double_member (o, "b", t->b);
  json_object_set_double_member (o, "tx", t->tx);
  json_object_set_double_member (o, "ty", t->ty);
  json_object_set_double_member (o, "scale", lk_similarity_scale (t));
  json_object_set_double_member (o, "rotation_degrees", lk_similarity_rotation_degrees (t));
  return o;
}

static gboolean
read_number (JsonObject  *o,
             const char  *name,
             double      *value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
       json_node_get_value_type (node) == G_TYPE_INT64))
    {
      *value = json_node_get_double (node);
      return TRUE;
    }
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "A similarity transform needs a number “%s”", name);
  return FALSE;
}

gboolean
lk_similarity_from_json (JsonObject    *o,
                         LkSimilarity  *t,
                         GError       **error)
{
  LkSimilarity r, inverse;

  g_return_val_if_fail (t != NULL, FALSE);

  if (o == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "A similarity transform is missing");
      return FALSE;
    }
  if (!read_number (o, "a", &r.a, error) || !read_number (o, "b", &r.b, error) ||
      !read_number (o, "tx", &r.tx, error) || !read_number (o, "ty", &r.ty, error) ||
      !lk_similarity_invert (&r, &inverse, error))
    return FALSE;
  *t = r;
  return TRUE;
}
