// SPDX-License-Identifier: GPL-3.0-or-later
// What the lk-cv-*.cpp files share. C++ only, and only for app/imaging/lk-cv-*.cpp: the rest
// of Likeness sees lk-cv.h. No exception leaves these files: every extern "C" function runs its
// body through guard(), which catches cv::Exception and anything else and turns it into a
// GError.
#pragma once

#include <string>
#include <vector>
#include <opencv2/core.hpp>

#include "lk-cv.h"
#include "lk-error.h"

struct _LkCvImage
{
  cv::Mat bgr; // 8-bit BGR, pixels as stored in the file (no EXIF rotation: originals are evidence)
};

template <typename Body>
static auto
guard (GError     **error,
       int          code,
       const char  *what,
       Body       &&body) -> decltype (body ())
{
  try
    {
      return body ();
    }
  catch (const cv::Exception &e)
    {
      g_set_error (error, LK_ERROR, code, "%s: %s", what, e.err.c_str ());
    }
  catch (const std::exception &e)
    {
      g_set_error (error, LK_ERROR, code, "%s: %s", what, e.what ());
    }
  catch (...)
    {
      g_set_error (error, LK_ERROR, code, "%s", what);
    }
  return decltype (body ()) ();
}

static inline gboolean
valid_pixels (const LkPixels *p)
{
  return p != nullptr && p->pixels != nullptr && p->width > 0 && p->height > 0 &&
         p->stride >= p->width * 4;
}

// The pixels as a Mat over the same memory, not a copy.
static inline cv::Mat
wrap (const LkPixels *pixels)
{
  return cv::Mat (pixels->height, pixels->width, CV_8UC4, pixels->pixels,
                  (size_t) pixels->stride);
}

namespace lk_cv {

// ---- decoding (lk-cv-decode.cpp) ----

// @image itself when neither side exceeds @max_side (or @max_side <= 0), else shrunk
// (INTER_AREA) to fit.
cv::Mat   shrink_to  (const cv::Mat &image,
                      int            max_side);
// RGBA pixels of @bgr, shrunk as by shrink_to().
LkPixels *to_pixels  (const cv::Mat &bgr,
                      int            max_side);
// An empty Mat (with @error set) when the bytes are not an image OpenCV can decode.
cv::Mat   decode_bgr (GBytes        *bytes,
                      int            flags,
                      GError       **error);
// @flags for decoding an image as it is seen: upright, the EXIF orientation applied.
int       upright    (int            flags);

// ---- data files (lk-cv-data.cpp) ----

// Folders to search for OpenCV data: @explicit_dir alone when given, otherwise the folder in
// @env_name, then the installed OpenCV data (Debian, /usr/local, Flatpak).
std::vector<std::string> data_dirs (const char                     *explicit_dir,
                                    const char                     *env_name,
                                    const char                     *subdir);
std::string              in_dir    (const std::string              &dir,
                                    const char                     *file);
// The first of @dirs holding @file, or "".
std::string              find_dir  (const std::vector<std::string> &dirs,
                                    const char                     *file);
// @dirs separated by commas, for error messages.
std::string              join      (const std::vector<std::string> &dirs);

// ---- face alignment (lk-cv-template.cpp), shared with the dnn engine ----

gboolean no_usable_face (GError                        **error,
                         const char                     *why);
bool     finite_point   (const LkPoint                  &p);
bool     alignment_eyes (const LkFace                   *face,
                         cv::Point2d                     eyes[2]);
gboolean face_transform (const std::vector<cv::Point2d> &points,
                         const std::vector<cv::Point2d> &targets,
                         cv::Size                        canvas,
                         cv::Size                        image,
                         cv::Mat                        *m,
                         cv::Rect                       *roi,
                         GError                        **error);
cv::Mat  warp_face      (cv::Mat                         region,
                         cv::Mat                         m,
                         cv::Size                        canvas,
                         int                             border);

// ---- the dnn engine (lk-cv-dnn.cpp) ----

// The L2-normalised embedding of @face by the ONNX model at @path; empty with @error set when
// the model or the face is unusable.
std::vector<float> dnn_template (const cv::Mat               &bgr,
                                 const LkFace                *face,
                                 const char                  *path,
                                 const LkEmbeddingConvention *conv,
                                 GError                     **error);

} // namespace lk_cv
