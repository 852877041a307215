// SPDX-License-Identifier: GPL-3.0-or-later
// The only C++ in Likeness: OpenCV behind a C API. No exception leaves this file.
#include "config.h"

#include <algorithm>
#include <cstring>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "lk-cv.h"
#include "lk-error.h"

extern "C" const char *
lk_cv_version (void)
{
  return CV_VERSION;
}

extern "C" LkPixels *
lk_pixels_new (int width,
               int height)
{
  g_return_val_if_fail (width > 0 && height > 0, nullptr);

  LkPixels *pixels = g_new0 (LkPixels, 1);
  pixels->width = width;
  pixels->height = height;
  pixels->stride = width * 4;
  pixels->pixels = (guint8 *) g_malloc0_n ((gsize) pixels->stride, (gsize) height);
  return pixels;
}

extern "C" void
lk_pixels_free (LkPixels *pixels)
{
  if (pixels == nullptr)
    return;
  g_free (pixels->pixels);
  g_free (pixels);
}

static LkPixels *
to_pixels (const cv::Mat &bgr,
           int            max_side)
{
  cv::Mat rgba;
  cv::Mat scaled = bgr;
  int side = std::max (bgr.cols, bgr.rows);

  if (max_side > 0 && side > max_side)
    {
      double f = (double) max_side / side;
      cv::resize (bgr, scaled, cv::Size (), f, f, cv::INTER_AREA);
    }
  cv::cvtColor (scaled, rgba, cv::COLOR_BGR2RGBA);

  LkPixels *pixels = lk_pixels_new (rgba.cols, rgba.rows);
  for (int y = 0; y < rgba.rows; y++)
    memcpy (pixels->pixels + (gsize) y * pixels->stride, rgba.ptr (y), (gsize) rgba.cols * 4);
  return pixels;
}

extern "C" LkPixels *
lk_cv_decode (GBytes  *bytes,
              int      max_side,
              GError **error)
{
  g_return_val_if_fail (bytes != nullptr, nullptr);

  try
    {
      gsize size = 0;
      const guint8 *data = (const guint8 *) g_bytes_get_data (bytes, &size);
      cv::Mat raw (1, (int) size, CV_8UC1, (void *) data);

      if (size == 0)
        {
          g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "The image file is empty");
          return nullptr;
        }
      cv::Mat bgr = cv::imdecode (raw, cv::IMREAD_COLOR);
      if (bgr.empty ())
        {
          g_set_error (error, LK_ERROR, LK_ERROR_IMAGE,
                       "The image could not be decoded (unsupported format or damaged file)");
          return nullptr;
        }
      return to_pixels (bgr, max_side);
    }
  catch (const cv::Exception &e)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "The image could not be decoded: %s",
                   e.what ());
    }
  catch (...)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "The image could not be decoded");
    }
  return nullptr;
}
