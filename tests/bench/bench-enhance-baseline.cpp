// SPDX-License-Identifier: GPL-3.0-or-later
// The baseline of bench-enhance: CLAHE on the luminance and an unsharp mask made with plain
// OpenCV calls, with the same conversions as the "clahe" and "unsharp" steps of lk_cv_enhance
// (RGBA to RGB, RGB to YCrCb and back around CLAHE, Gaussian blur and addWeighted, RGB to
// RGBA). Only this benchmark uses it.
#include "config.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "bench-enhance-baseline.h"

static void
baseline (const LkPixels *in,
          LkPixels       *out,
          double          clip,
          int             tiles,
          double          radius,
          double          amount)
{
  cv::Mat src (in->height, in->width, CV_8UC4, in->pixels, (size_t) in->stride);
  cv::Mat dst (out->height, out->width, CV_8UC4, out->pixels, (size_t) out->stride);
  cv::Mat rgb, ycc, y, equalised, blurred;

  cv::cvtColor (src, rgb, cv::COLOR_RGBA2RGB);
  cv::cvtColor (rgb, ycc, cv::COLOR_RGB2YCrCb);
  cv::extractChannel (ycc, y, 0);
  cv::createCLAHE (clip, cv::Size (tiles, tiles))->apply (y, equalised);
  cv::insertChannel (equalised, ycc, 0);
  cv::cvtColor (ycc, rgb, cv::COLOR_YCrCb2RGB);
  cv::GaussianBlur (rgb, blurred, cv::Size (), radius, radius);
  cv::addWeighted (rgb, 1 + amount, blurred, -amount, 0, rgb);
  cv::cvtColor (rgb, dst, cv::COLOR_RGB2RGBA);
}

extern "C" LkPixels *
bench_enhance_baseline (const LkPixels *in,
                        double          clip,
                        int             tiles,
                        double          radius,
                        double          amount)
{
  LkPixels *out = lk_pixels_new (in->width, in->height);

  try
    {
      baseline (in, out, clip, tiles, radius, amount);
    }
  catch (const cv::Exception &e)
    {
      g_error ("baseline: %s", e.what ());
    }
  catch (...)
    {
      g_error ("baseline failed");
    }
  return out;
}
