// SPDX-License-Identifier: GPL-3.0-or-later
// Smaller copies for display: the halvings of the viewer's pyramid, and gallery thumbnails
// shrunk while decoding.
#include "config.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "lk-cv-private.hpp"
#include "lk-image-header.h"

using namespace lk_cv;

// ---- the display pyramid -------------------------------------------------------------------

static LkPixels *
rgb_pixels_new (cv::Size size)
{
  LkPixels *pixels = g_new0 (LkPixels, 1);

  pixels->width = size.width;
  pixels->height = size.height;
  pixels->stride = size.width * 3;
  pixels->pixels = (guint8 *) g_malloc_n ((gsize) pixels->stride, (gsize) size.height);
  return pixels;
}

// @src halved into @dst (sides rounded up, same type): the even part by OpenCV's area
// resampling of an exact half, which is vectorised and runs on every core (any other ratio
// takes a general path ten times slower); an odd last column or row is averaged with itself.
static void
halve_into (const cv::Mat &src,
            cv::Mat       &dst)
{
  int w = src.cols / 2, h = src.rows / 2;

  if (w > 0 && h > 0)
    {
      cv::Mat even = dst (cv::Rect (0, 0, w, h));
      cv::resize (src (cv::Rect (0, 0, 2 * w, 2 * h)), even, even.size (), 0, 0,
                  cv::INTER_AREA);
    }
  // Two pixels averaged with rounding, as the exact half does four: (2a + 2b + 2) / 4.
  int n = src.channels ();
  if (src.cols % 2 == 1)
    for (int y = 0; y < h; y++)
      for (int c = 0; c < n; c++)
        dst.ptr (y)[w * n + c] = (uchar) ((src.ptr (2 * y)[(src.cols - 1) * n + c]
                                           + src.ptr (2 * y + 1)[(src.cols - 1) * n + c] + 1)
                                          >> 1);
  if (src.rows % 2 == 1)
    for (int x = 0; x < w * n; x++)
      {
        const uchar *last = src.ptr (src.rows - 1);
        dst.ptr (h)[x] = (uchar) ((last[2 * x - x % n] + last[2 * x - x % n + n] + 1) >> 1);
      }
  if (src.cols % 2 == 1 && src.rows % 2 == 1)
    for (int c = 0; c < n; c++)
      dst.ptr (h)[w * n + c] = src.ptr (src.rows - 1)[(src.cols - 1) * n + c];
}

// Each level straight into its own memory, from the level before.
static GPtrArray *
halvings (const LkPixels *rgba,
          int             smallest_side)
{
  g_autoptr(GPtrArray) levels = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_pixels_free);
  cv::Mat previous (rgba->height, rgba->width, CV_8UC4, rgba->pixels, (size_t) rgba->stride);

  while (std::max (previous.cols, previous.rows) > smallest_side)
    {
      cv::Size size ((previous.cols + 1) / 2, (previous.rows + 1) / 2);
      LkPixels *pixels = rgb_pixels_new (size);
      cv::Mat level (size, CV_8UC3, pixels->pixels, (size_t) pixels->stride);

      g_ptr_array_add (levels, pixels);
      if (previous.channels () == 4)
        {
          cv::Mat half (size, CV_8UC4);
          halve_into (previous, half);
          cv::cvtColor (half, level, cv::COLOR_RGBA2RGB);
        }
      else
        halve_into (previous, level);
      g_assert (level.data == pixels->pixels);
      previous = level;
    }
  return levels->len > 0 ? (GPtrArray *) g_steal_pointer (&levels) : nullptr;
}

extern "C" GPtrArray *
lk_cv_halvings (const LkPixels *pixels,
                int             smallest_side)
{
  g_autoptr(GError) error = nullptr;

  g_return_val_if_fail (pixels != nullptr, nullptr);
  g_return_val_if_fail (pixels->stride >= pixels->width * 4, nullptr);
  g_return_val_if_fail (smallest_side > 0, nullptr);

  GPtrArray *levels = guard (&error, LK_ERROR_FAILED, "The image could not be reduced",
                             [&] () { return halvings (pixels, smallest_side); });
  if (error != nullptr)
    g_critical ("%s", error->message);
  return levels;
}

// ---- thumbnails ----------------------------------------------------------------------------

// libjpeg decodes at 1/2, 1/4 or 1/8 scale for little more than the cost of reading the file.
// The largest factor that still leaves the long side at least @size is chosen, so that the
// rest only ever shrinks. Other formats decode in full (OpenCV would shrink them after
// decoding with a linear filter, which aliases).
static int
thumbnail_flags (GBytes *bytes,
                 int     size)
{
  static const struct
  {
    guint32 factor;
    int     flag;
  } reductions[] = {
    { 8, cv::IMREAD_REDUCED_COLOR_8 },
    { 4, cv::IMREAD_REDUCED_COLOR_4 },
    { 2, cv::IMREAD_REDUCED_COLOR_2 },
  };
  gsize length = 0;
  const guint8 *data = (const guint8 *) g_bytes_get_data (bytes, &length);
  LkImageHeader header;

  if (length == 0 || !lk_image_header_read (data, length, &header, nullptr)
      || strcmp (header.media_type, "image/jpeg") != 0)
    return cv::IMREAD_COLOR;
  guint32 side = std::max (header.width, header.height);
  for (const auto &r : reductions)
    if (side >= r.factor * (guint32) size)
      return r.flag;
  return cv::IMREAD_COLOR;
}

// A whole-number reduction is a box average (INTER_AREA's fast path), on the image cut to a
// multiple of the factor (losing less than the factor in pixels at the right and bottom
// edges). What remains is less than 2x and is interpolated (INTER_LINEAR): INTER_AREA over a
// fractional factor costs about five times as much here, for the same result within a grey
// level on average (tests/core/test-gallery.c compares with a full decode shrunk by
// INTER_AREA).
static cv::Mat
shrink_in_steps (const cv::Mat &image,
                 int            max_side)
{
  int side = std::max (image.cols, image.rows);
  int factor = side / max_side;
  cv::Mat boxed = image, out;

  if (factor < 1 || side <= max_side)
    return image;
  if (factor >= 2)
    {
      cv::Mat whole = image (cv::Rect (0, 0, image.cols - image.cols % factor,
                                       image.rows - image.rows % factor));
      cv::resize (whole, boxed, cv::Size (whole.cols / factor, whole.rows / factor), 0, 0,
                  cv::INTER_AREA);
    }
  double f = (double) max_side / std::max (boxed.cols, boxed.rows);
  if (f >= 1.0)
    return boxed;
  cv::resize (boxed, out, cv::Size (std::max (1, (int) std::lround (boxed.cols * f)),
                                    std::max (1, (int) std::lround (boxed.rows * f))),
              0, 0, cv::INTER_LINEAR);
  return out;
}

extern "C" LkPixels *
lk_cv_thumbnail (GBytes  *bytes,
                 int      size,
                 GError **error)
{
  g_return_val_if_fail (bytes != nullptr, nullptr);
  g_return_val_if_fail (size > 0, nullptr);
  g_return_val_if_fail (error == nullptr || *error == nullptr, nullptr);

  return guard (error, LK_ERROR_IMAGE, "The thumbnail could not be made", [&] () -> LkPixels * {
    // Upright, like every other view of an original (see lk_cv::upright).
    int flags = upright (thumbnail_flags (bytes, size));
    cv::Mat bgr = decode_bgr (bytes, flags, error);
    return bgr.empty () ? nullptr : to_pixels (shrink_in_steps (bgr, size), size);
  });
}
