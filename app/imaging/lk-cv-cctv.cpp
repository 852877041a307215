// SPDX-License-Identifier: GPL-3.0-or-later
// Simulated CCTV stills for the demo workspace.
#include "config.h"

#include <algorithm>
#include <cmath>
#include <vector>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "lk-cv-private.hpp"

using namespace lk_cv;

// Positive @degrees turn the picture clockwise, as roll_degrees measures it.
static cv::Mat
rotate (const cv::Mat &image,
        double         degrees)
{
  cv::Point2f centre_point ((image.cols - 1) / 2.0f, (image.rows - 1) / 2.0f);
  cv::Mat m = cv::getRotationMatrix2D (centre_point, -degrees, 1.0);
  cv::Mat out;

  cv::warpAffine (image, out, m, image.size (), cv::INTER_LINEAR, cv::BORDER_REFLECT);
  return out;
}

// Sensor noise from a fixed seed, so that the same input always gives the same bytes.
static cv::Mat
add_noise (const cv::Mat &image)
{
  cv::RNG rng (0x4c696b65);
  cv::Mat noise (image.size (), CV_16SC3);
  cv::Mat wide, out;

  rng.fill (noise, cv::RNG::NORMAL, 0.0, 3.0);
  image.convertTo (wide, CV_16SC3);
  wide += noise;
  wide.convertTo (out, CV_8UC3);
  return out;
}

static GBytes *
simulate_cctv (GBytes  *bytes,
               int      width,
               double   degrees,
               int      jpeg_quality,
               GError **error)
{
  cv::Mat bgr = decode_bgr (bytes, upright (cv::IMREAD_COLOR), error);
  if (bgr.empty ())
    return nullptr;

  int height = std::max (1, (int) std::lround ((double) bgr.rows * width / bgr.cols));
  cv::Mat small, blurred;
  cv::resize (bgr, small, cv::Size (width, height), 0, 0,
              width < bgr.cols ? cv::INTER_AREA : cv::INTER_CUBIC);
  cv::GaussianBlur (small, blurred, cv::Size (), 1.2);

  std::vector<uchar> jpeg;
  cv::imencode (".jpg", add_noise (rotate (blurred, degrees)), jpeg,
                { cv::IMWRITE_JPEG_QUALITY, jpeg_quality });
  return g_bytes_new (jpeg.data (), jpeg.size ());
}

extern "C" GBytes *
lk_cv_simulate_cctv (GBytes  *bytes,
                     int      width,
                     double   degrees,
                     int      jpeg_quality,
                     GError **error)
{
  g_return_val_if_fail (bytes != nullptr, nullptr);
  g_return_val_if_fail (width > 0 && width <= 16384, nullptr);
  g_return_val_if_fail (jpeg_quality >= 1 && jpeg_quality <= 100, nullptr);
  g_return_val_if_fail (error == nullptr || *error == nullptr, nullptr);

  return guard (error, LK_ERROR_IMAGE, "The simulated CCTV still could not be made",
                [&] () { return simulate_cctv (bytes, width, degrees, jpeg_quality, error); });
}
