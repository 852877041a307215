// SPDX-License-Identifier: GPL-3.0-or-later
// Quality figures over a face: size, eyes and roll, sharpness, exposure, contrast and BRISQUE.
#include "config.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/quality.hpp>

#include "lk-cv-private.hpp"

using namespace lk_cv;

static const int brisque_max_side = 512;

struct BrisqueCache
{
  std::string                             dir;
  cv::Ptr<cv::quality::QualityBRISQUE>    model;
};

static thread_local BrisqueCache brisque_cache;

// The BRISQUE model of this thread, or null when its files are not installed.
static cv::quality::QualityBRISQUE *
get_brisque (void)
{
  std::vector<std::string> dirs = data_dirs (nullptr, "LIKENESS_BRISQUE_DIR", "quality");
  std::string dir = find_dir (dirs, "brisque_model_live.yml");

  if (dir.empty () || !g_file_test (in_dir (dir, "brisque_range_live.yml").c_str (),
                                    G_FILE_TEST_IS_REGULAR))
    return nullptr;
  if (brisque_cache.model.empty () || brisque_cache.dir != dir)
    {
      brisque_cache.model = cv::quality::QualityBRISQUE::create (
        in_dir (dir, "brisque_model_live.yml"), in_dir (dir, "brisque_range_live.yml"));
      brisque_cache.dir = dir;
    }
  return brisque_cache.model.get ();
}

// BRISQUE is a figure among several: when it cannot be computed (no model files, a region too
// small for its filters) the others still stand.
static void
measure_brisque (const cv::Mat    &region,
                 LkQualityFigures *figures)
{
  try
    {
      cv::quality::QualityBRISQUE *brisque = get_brisque ();
      if (brisque == nullptr || std::min (region.cols, region.rows) < 16)
        return;
      cv::Scalar score = brisque->compute (shrink_to (region, brisque_max_side));
      if (std::isfinite (score[0]))
        {
          figures->has_brisque = TRUE;
          figures->brisque = score[0];
        }
    }
  catch (const cv::Exception &)
    {
      figures->has_brisque = FALSE;
    }
}

static void
measure_grey (const cv::Mat    &grey,
              LkQualityFigures *figures)
{
  cv::Mat laplacian;
  cv::Scalar mean, sd;
  double total = (double) grey.total ();

  // 16-bit output holds the 3x3 Laplacian of 8-bit data exactly (|value| <= 1020) at a
  // quarter of the memory traffic of CV_64F; the statistics are computed in double.
  cv::Laplacian (grey, laplacian, CV_16S);
  cv::meanStdDev (laplacian, mean, sd);
  figures->sharpness = sd[0] * sd[0];
  cv::meanStdDev (grey, mean, sd);
  figures->mean_brightness = mean[0];
  figures->contrast = sd[0];
  figures->clipped_dark = cv::countNonZero (grey <= 2) / total;
  figures->clipped_bright = cv::countNonZero (grey >= 253) / total;
}

static void
measure_eyes (const LkFace     *face,
              LkQualityFigures *figures)
{
  double dx = face->eye_b.x - face->eye_a.x;
  double dy = face->eye_b.y - face->eye_a.y;

  figures->has_eyes = TRUE;
  figures->inter_eye_px = std::hypot (dx, dy);
  // eye_a has the smaller x, so dx >= 0 and the angle stays within -90..90; positive when
  // the eye line falls to the right (y grows downwards): a clockwise roll as seen.
  figures->roll_degrees = std::atan2 (dy, dx) * 180.0 / CV_PI;
}

static gboolean
measure (LkCvImage        *image,
         const LkFace     *face,
         LkQualityFigures *figures,
         GError          **error)
{
  cv::Rect all (0, 0, image->bgr.cols, image->bgr.rows);
  cv::Rect r = face != nullptr ? cv::Rect (face->x, face->y, face->width, face->height) & all : all;
  cv::Mat grey;

  if (r.width <= 0 || r.height <= 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "The face region lies outside the image");
      return FALSE;
    }
  *figures = LkQualityFigures {};
  figures->face_width = r.width;
  figures->face_height = r.height;
  cv::cvtColor (image->bgr (r), grey, cv::COLOR_BGR2GRAY);
  measure_grey (grey, figures);
  if (face != nullptr && face->has_eyes)
    measure_eyes (face, figures);
  measure_brisque (image->bgr (r), figures);
  return TRUE;
}

extern "C" gboolean
lk_cv_image_measure (LkCvImage        *image,
                     const LkFace     *face,
                     LkQualityFigures *figures,
                     GError          **error)
{
  g_return_val_if_fail (image != nullptr, FALSE);
  g_return_val_if_fail (figures != nullptr, FALSE);
  g_return_val_if_fail (error == nullptr || *error == nullptr, FALSE);

  return guard (error, LK_ERROR_FAILED, "The image quality could not be measured",
                [&] () { return measure (image, face, figures, error); });
}
