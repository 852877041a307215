// SPDX-License-Identifier: GPL-3.0-or-later
// The alignment warp of the examination workspace and the difference of two aligned images.
#include "config.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "lk-cv-private.hpp"

// These two have no GError: a failure (out of memory inside OpenCV) is a warning and NULL.
template <typename Body>
static LkPixels *
guard_pixels (const char  *what,
              Body       &&body)
{
  g_autoptr(GError) error = nullptr;
  LkPixels *pixels = guard (&error, LK_ERROR_IMAGE, what, body);

  if (pixels == nullptr && error != nullptr)
    g_warning ("%s", error->message);
  return pixels;
}

static LkPixels *
warp_similarity (const LkPixels *in,
                 double          a,
                 double          b,
                 double          tx,
                 double          ty,
                 int             out_width,
                 int             out_height)
{
  // OpenCV puts pixel centres at whole numbers, ours at halves: T_cv (p) = T (p + c) - c.
  double tx_cv = 0.5 * a - 0.5 * b + tx - 0.5;
  double ty_cv = 0.5 * b + 0.5 * a + ty - 0.5;
  cv::Mat m = (cv::Mat_<double> (2, 3) << a, -b, tx_cv, b, a, ty_cv);
  std::unique_ptr<LkPixels, decltype (&lk_pixels_free)> out (lk_pixels_new (out_width,
                                                                            out_height),
                                                             lk_pixels_free);
  cv::Mat dst = wrap (out.get ());

  cv::warpAffine (wrap (in), dst, m, dst.size (), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                  cv::Scalar (0, 0, 0, 0));
  g_assert (dst.data == out->pixels);
  return out.release ();
}

extern "C" LkPixels *
lk_cv_warp_similarity (const LkPixels *in,
                       double          a,
                       double          b,
                       double          tx,
                       double          ty,
                       int             out_width,
                       int             out_height)
{
  g_return_val_if_fail (valid_pixels (in), nullptr);
  g_return_val_if_fail (out_width > 0 && out_height > 0, nullptr);

  if (!std::isfinite (a) || !std::isfinite (b) || !std::isfinite (tx) || !std::isfinite (ty) ||
      !(a * a + b * b > 0))
    {
      g_warning ("lk_cv_warp_similarity: a degenerate transform (%g, %g, %g, %g)", a, b, tx, ty);
      return nullptr;
    }
  return guard_pixels ("The image could not be warped", [&] () {
    return warp_similarity (in, a, b, tx, ty, out_width, out_height);
  });
}

static LkPixels *
difference (const LkPixels *a,
            const LkPixels *b)
{
  std::unique_ptr<LkPixels, decltype (&lk_pixels_free)> out (lk_pixels_new (a->width,
                                                                            a->height),
                                                             lk_pixels_free);
  cv::Mat dst = wrap (out.get ());

  cv::absdiff (wrap (a), wrap (b), dst);
  g_assert (dst.data == out->pixels);
  for (int y = 0; y < a->height; y++)
    {
      const guint8 *pa = a->pixels + (gsize) y * a->stride;
      const guint8 *pb = b->pixels + (gsize) y * b->stride;
      guint8 *pd = out->pixels + (gsize) y * out->stride;
      for (int x = 3; x < a->width * 4; x += 4)
        pd[x] = std::min (pa[x], pb[x]);
    }
  return out.release ();
}

extern "C" LkPixels *
lk_cv_difference (const LkPixels *a,
                  const LkPixels *b)
{
  g_return_val_if_fail (valid_pixels (a) && valid_pixels (b), nullptr);
  g_return_val_if_fail (a->width == b->width && a->height == b->height, nullptr);

  return guard_pixels ("The difference could not be computed",
                       [&] () { return difference (a, b); });
}
