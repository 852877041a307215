// SPDX-License-Identifier: GPL-3.0-or-later
// Pixel buffers, and decoding image bytes: into RGBA pixels, or once into an LkCvImage that
// face finding, quality and templates work on.
#include "config.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "lk-cv-private.hpp"
#include "imaging/lk-image-check.h"

using namespace lk_cv;

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

// ---- decoding ------------------------------------------------------------------------------

cv::Mat
lk_cv::shrink_to (const cv::Mat &image,
                  int            max_side)
{
  int side = std::max (image.cols, image.rows);

  if (max_side <= 0 || side <= max_side)
    return image;

  double f = (double) max_side / side;
  cv::Size size (std::max (1, (int) std::lround (image.cols * f)),
                 std::max (1, (int) std::lround (image.rows * f)));
  cv::Mat scaled;
  cv::resize (image, scaled, size, 0, 0, cv::INTER_AREA);
  return scaled;
}

// Converted straight into the result's own memory: no cleared buffer and no second copy of a
// large image.
LkPixels *
lk_cv::to_pixels (const cv::Mat &bgr,
                  int            max_side)
{
  cv::Mat small = shrink_to (bgr, max_side);
  LkPixels *pixels = g_new0 (LkPixels, 1);

  pixels->width = small.cols;
  pixels->height = small.rows;
  pixels->stride = small.cols * 4;
  pixels->pixels = (guint8 *) g_malloc_n ((gsize) pixels->stride, (gsize) small.rows);
  cv::Mat rgba (small.rows, small.cols, CV_8UC4, pixels->pixels, (size_t) pixels->stride);
  try
    {
      cv::cvtColor (small, rgba, cv::COLOR_BGR2RGBA);
    }
  catch (...)
    {
      lk_pixels_free (pixels);
      throw;
    }
  g_assert (rgba.data == pixels->pixels);
  return pixels;
}

// An empty Mat (with @error set) when the bytes are not an image OpenCV can decode, or a damaged
// JPEG or PNG that it would pad with grey (every view of an image: evidence on intake, previews,
// thumbnails and report plates of what is stored).
cv::Mat
lk_cv::decode_bgr (GBytes  *bytes,
                   int      flags,
                   GError **error)
{
  gsize size = 0;
  const guint8 *data = (const guint8 *) g_bytes_get_data (bytes, &size);

  if (size == 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "The image file is empty");
      return cv::Mat ();
    }
  if (size > (gsize) INT_MAX)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "The image file is too large to decode");
      return cv::Mat ();
    }
  if (!lk_image_check_intact (bytes, error))
    return cv::Mat ();

  cv::Mat raw (1, (int) size, CV_8UC1, (void *) data);
  cv::Mat bgr = cv::imdecode (raw, flags);
  if (bgr.empty ())
    g_set_error (error, LK_ERROR, LK_ERROR_IMAGE,
                 "The image could not be decoded (unsupported format or damaged file)");
  return bgr;
}

// Every view of an image shows it upright: the turn a camera recorded in the EXIF orientation
// (OpenCV reads it from JPEG) is applied on decoding, so that display, face finding, measures,
// templates and thumbnails share one frame of coordinates. The stored bytes never change.
int
lk_cv::upright (int flags)
{
  return flags & ~cv::IMREAD_IGNORE_ORIENTATION;
}

extern "C" LkPixels *
lk_cv_decode (GBytes  *bytes,
              int      max_side,
              GError **error)
{
  g_return_val_if_fail (bytes != nullptr, nullptr);

  return guard (error, LK_ERROR_IMAGE, "The image could not be decoded", [&] () -> LkPixels * {
    cv::Mat bgr = decode_bgr (bytes, upright (cv::IMREAD_COLOR), error);
    return bgr.empty () ? nullptr : to_pixels (bgr, max_side);
  });
}

extern "C" LkCvImage *
lk_cv_image_decode (GBytes  *bytes,
                    GError **error)
{
  g_return_val_if_fail (bytes != nullptr, nullptr);

  // Images come in here as evidence: decode_bgr refuses damaged data before OpenCV pads it
  // with grey and its decoders print their complaints.
  return guard (error, LK_ERROR_IMAGE, "The image could not be decoded", [&] () -> LkCvImage * {
    cv::Mat bgr = decode_bgr (bytes, upright (cv::IMREAD_COLOR), error);
    if (bgr.empty ())
      return nullptr;
    LkCvImage *image = new LkCvImage;
    image->bgr = bgr;
    return image;
  });
}

extern "C" void
lk_cv_image_free (LkCvImage *image)
{
  delete image;
}

extern "C" int
lk_cv_image_get_width (LkCvImage *image)
{
  g_return_val_if_fail (image != nullptr, 0);
  return image->bgr.cols;
}

extern "C" int
lk_cv_image_get_height (LkCvImage *image)
{
  g_return_val_if_fail (image != nullptr, 0);
  return image->bgr.rows;
}

extern "C" LkPixels *
lk_cv_image_to_pixels (LkCvImage *image,
                       int        max_side)
{
  g_autoptr(GError) error = nullptr;

  g_return_val_if_fail (image != nullptr, nullptr);

  LkPixels *pixels = guard (&error, LK_ERROR_FAILED, "The image could not be converted",
                            [&] () { return to_pixels (image->bgr, max_side); });
  if (pixels == nullptr)
    g_critical ("%s", error->message);
  return pixels;
}
