// SPDX-License-Identifier: GPL-3.0-or-later
// Enhancement on pixels: the steps of a stack that lk-enhance-stack.c has read and checked,
// each on 8-bit RGB in place, applied to a working copy: RGBA -> RGB once at the start,
// RGB -> RGBA once at the end, alpha copied through. No JSON here.
#include "config.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "lk-cv-private.hpp"
#include "lk-enhance-stack.h"

static guint8
saturate (double v)
{
  return (guint8) std::lround (std::min (255.0, std::max (0.0, v)));
}

// One table for all three channels; built in double, so every build computes the same bytes.
template <typename Curve>
static void
apply_curve (cv::Mat &rgb,
             Curve    curve)
{
  cv::Mat lut (1, 256, CV_8U);

  for (int v = 0; v < 256; v++)
    lut.at<guint8> (v) = saturate (curve ((double) v));
  cv::LUT (rgb, lut, rgb);
}

// -100 flattens to mid-grey, 0 keeps, +100 is a threshold at mid-grey (as in GIMP).
static double
contrast_factor (double amount)
{
  if (amount < 0)
    return 1 + amount / 100;
  return amount >= 100 ? 255.0 : 100 / (100 - amount);
}

static void
apply_levels (cv::Mat             &rgb,
              const LkEnhanceStep &s)
{
  double black = s.params[0], white = s.params[1], gamma = s.params[2];

  apply_curve (rgb, [&] (double v) {
    double x = std::min (1.0, std::max (0.0, (v - black) / (white - black)));
    return 255 * std::pow (x, 1 / gamma);
  });
}

// Runs @f on the luminance (Y of YCrCb), leaving the chroma as it was.
template <typename Filter>
static void
on_luminance (cv::Mat &rgb,
              Filter   f)
{
  cv::Mat ycc, y, filtered;

  cv::cvtColor (rgb, ycc, cv::COLOR_RGB2YCrCb);
  cv::extractChannel (ycc, y, 0);
  f (y, filtered);
  cv::insertChannel (filtered, ycc, 0);
  cv::cvtColor (ycc, rgb, cv::COLOR_YCrCb2RGB);
}

static void
apply_clahe (cv::Mat             &rgb,
             const LkEnhanceStep &s)
{
  int tiles = (int) s.params[1];
  cv::Ptr<cv::CLAHE> clahe = cv::createCLAHE (s.params[0], cv::Size (tiles, tiles));

  on_luminance (rgb, [&] (const cv::Mat &y, cv::Mat &out) { clahe->apply (y, out); });
}

// out = in + amount (in - blurred), only where |in - blurred| exceeds the threshold.
static void
apply_unsharp (cv::Mat             &rgb,
               const LkEnhanceStep &s)
{
  double radius = s.params[0], amount = s.params[1], threshold = s.params[2];
  cv::Mat blurred;

  cv::GaussianBlur (rgb, blurred, cv::Size (), radius, radius);
  if (threshold <= 0)
    {
      cv::addWeighted (rgb, 1 + amount, blurred, -amount, 0, rgb);
      return;
    }
  cv::Mat sharp, difference;
  cv::addWeighted (rgb, 1 + amount, blurred, -amount, 0, sharp);
  cv::absdiff (rgb, blurred, difference);
  sharp.copyTo (rgb, difference > threshold);
}

static void
apply_denoise (cv::Mat             &rgb,
               const LkEnhanceStep &s)
{
  int strength = (int) s.params[1];
  cv::Mat out;

  if (s.params[0] == 0) // bilateral; 1 is median
    cv::bilateralFilter (rgb, out, 2 * strength + 1, 12.0 * strength, strength);
  else
    cv::medianBlur (rgb, out, 2 * strength + 1);
  rgb = out;
}

static void
grey_to_rgb (const cv::Mat &grey,
             cv::Mat       &rgb)
{
  cv::cvtColor (grey, rgb, cv::COLOR_GRAY2RGB);
}

static void
apply_step (cv::Mat             &rgb,
            const LkEnhanceStep &s)
{
  cv::Mat grey;

  switch (s.op)
    {
    case LK_ENHANCE_BRIGHTNESS:
      apply_curve (rgb, [&] (double v) { return v + 2.55 * s.params[0]; });
      break;
    case LK_ENHANCE_CONTRAST:
      apply_curve (rgb, [&] (double v) {
        return (v - 127.5) * contrast_factor (s.params[0]) + 127.5;
      });
      break;
    case LK_ENHANCE_GAMMA:
      apply_curve (rgb, [&] (double v) { return 255 * std::pow (v / 255, 1 / s.params[0]); });
      break;
    case LK_ENHANCE_LEVELS:
      apply_levels (rgb, s);
      break;
    case LK_ENHANCE_EQUALIZE:
      on_luminance (rgb, [] (const cv::Mat &y, cv::Mat &out) { cv::equalizeHist (y, out); });
      break;
    case LK_ENHANCE_CLAHE:
      apply_clahe (rgb, s);
      break;
    case LK_ENHANCE_UNSHARP:
      apply_unsharp (rgb, s);
      break;
    case LK_ENHANCE_DENOISE:
      apply_denoise (rgb, s);
      break;
    case LK_ENHANCE_GREYSCALE:
      cv::cvtColor (rgb, grey, cv::COLOR_RGB2GRAY);
      grey_to_rgb (grey, rgb);
      break;
    case LK_ENHANCE_INVERT:
      cv::bitwise_not (rgb, rgb);
      break;
    case LK_ENHANCE_CHANNEL:
      cv::extractChannel (rgb, grey, (int) s.params[0]);
      grey_to_rgb (grey, rgb);
      break;
    }
}

static LkPixels *
enhance (const LkPixels       *in,
         const LkEnhanceStack *stack)
{
  cv::Mat src = wrap (in);
  std::unique_ptr<LkPixels, decltype (&lk_pixels_free)> out (lk_pixels_new (in->width,
                                                                            in->height),
                                                             lk_pixels_free);
  cv::Mat dst = wrap (out.get ());

  if (stack->n_steps == 0)
    {
      src.copyTo (dst);
      return out.release ();
    }
  cv::Mat rgb;
  cv::cvtColor (src, rgb, cv::COLOR_RGBA2RGB);
  for (guint i = 0; i < stack->n_steps; i++)
    apply_step (rgb, stack->steps[i]);
  cv::cvtColor (rgb, dst, cv::COLOR_RGB2RGBA);
  const int alpha[] = { 3, 3 };
  cv::mixChannels (&src, 1, &dst, 1, alpha, 1);
  g_assert (dst.data == out->pixels); // written in place, never reallocated
  return out.release ();
}

extern "C" LkPixels *
lk_cv_enhance_stack (const LkPixels       *in,
                     const LkEnhanceStack *stack,
                     GError              **error)
{
  g_return_val_if_fail (valid_pixels (in), nullptr);
  g_return_val_if_fail (stack != nullptr && stack->n_steps <= LK_ENHANCEMENT_MAX_STEPS, nullptr);
  g_return_val_if_fail (error == nullptr || *error == nullptr, nullptr);

  return guard (error, LK_ERROR_IMAGE, "The enhancement could not be applied",
                [&] () { return enhance (in, stack); });
}
