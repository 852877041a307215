// SPDX-License-Identifier: GPL-3.0-or-later
// The dnn engine: a face aligned to the common 112 x 112 crop and embedded by an ONNX model.
#include "config.h"

#include <cmath>
#include <string>
#include <vector>
#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>
#include <glib/gstdio.h>

#include "lk-cv-private.hpp"

using namespace lk_cv;

static const int dnn_side = 112;
// The five points of the common 112 x 112 face-embedding crop (as used by ArcFace-style
// models), in YuNet's landmark order: the eye, then mouth corner, on the image's left first.
static const cv::Point2d dnn_points[5] = {
  { 38.2946, 51.6963 }, { 73.5318, 51.5014 }, { 56.0252, 71.7366 },
  { 41.5493, 92.3655 }, { 70.7299, 92.2041 },
};

struct NetCache
{
  std::string  path;
  gint64       mtime = 0;
  cv::dnn::Net net;
};

// A network must not run in two threads at once: each thread keeps its own.
static thread_local NetCache net_cache;

static gint64
file_mtime (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_mtime : -1;
}

static cv::dnn::Net *
get_net (const char *path,
         GError    **error)
{
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_FAILED,
                   "The face-embedding model %s does not exist or is not a file", path);
      return nullptr;
    }
  gint64 mtime = file_mtime (path);
  if (!net_cache.net.empty () && net_cache.path == path && net_cache.mtime == mtime)
    return &net_cache.net;
  net_cache = NetCache ();
  try
    {
      net_cache.net = cv::dnn::readNetFromONNX (path);
    }
  catch (const cv::Exception &e)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_FAILED,
                   "The face-embedding model %s could not be read as an ONNX network: %s",
                   path, e.err.c_str ());
      return nullptr;
    }
  if (net_cache.net.empty ())
    {
      g_set_error (error, LK_ERROR, LK_ERROR_FAILED,
                   "The face-embedding model %s holds no network", path);
      return nullptr;
    }
  net_cache.path = path;
  net_cache.mtime = mtime;
  return &net_cache.net;
}

// Five landmarks when the detector gave them (YuNet); for a Haar face, the two eye centres of
// alignment_eyes(), which fix roll and scale but leave the rest of the face's placement to the
// box.
static gboolean
align_dnn (const cv::Mat &bgr,
           const LkFace  *face,
           cv::Mat       *aligned,
           GError       **error)
{
  std::vector<cv::Point2d> from, to;
  cv::Size canvas (dnn_side, dnn_side);
  cv::Point2d eyes[2];
  cv::Mat m;
  cv::Rect roi;

  if (face->n_landmarks == 5)
    for (int i = 0; i < 5; i++)
      {
        if (!finite_point (face->landmarks[i]))
          return no_usable_face (error, "a landmark is not a number");
        from.emplace_back (face->landmarks[i].x, face->landmarks[i].y);
        to.push_back (dnn_points[i]);
      }
  else if (alignment_eyes (face, eyes))
    {
      from = { eyes[0], eyes[1] };
      to = { dnn_points[0], dnn_points[1] };
    }
  else
    return no_usable_face (error, "its eyes were not found, so it cannot be aligned");
  if (!face_transform (from, to, canvas, bgr.size (), &m, &roi, error))
    return FALSE;
  *aligned = warp_face (bgr (roi), m, canvas, cv::BORDER_CONSTANT);
  return TRUE;
}

static std::string
shape_text (const cv::Mat &m)
{
  std::string text;

  for (int i = 0; i < m.dims; i++)
    text += (i > 0 ? "x" : "") + std::to_string (m.size[i]);
  return text;
}

// The embedding of an aligned crop: a 1xD output (1xDx1x1 is accepted too).
static std::vector<float>
embed (cv::dnn::Net  &net,
       const char    *path,
       const cv::Mat &aligned,
       GError       **error)
{
  cv::Mat blob = cv::dnn::blobFromImage (aligned, 1.0 / 128.0, cv::Size (dnn_side, dnn_side),
                                         cv::Scalar (127.5, 127.5, 127.5), true, false);
  cv::Mat out;

  try
    {
      net.setInput (blob);
      out = net.forward ();
    }
  catch (const cv::Exception &e)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_FAILED,
                   "The face-embedding model %s failed on a 1x3x112x112 face crop (it must take "
                   "that input): %s", path, e.err.c_str ());
      return {};
    }
  bool flat = out.dims >= 2 && out.size[0] == 1 && out.type () == CV_32F
              && (out.dims == 2 || (out.dims == 4 && out.size[2] == 1 && out.size[3] == 1));
  if (!flat || out.size[1] < 2)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_FAILED,
                   "The face-embedding model %s gives an output of shape %s; Likeness needs one "
                   "vector of 32-bit floats, 1xD", path, shape_text (out).c_str ());
      return {};
    }
  const float *p = out.ptr<float> ();
  return std::vector<float> (p, p + out.size[1]);
}

static bool
normalise (std::vector<float> *v)
{
  double sum = 0;

  for (float f : *v)
    sum += (double) f * f;
  if (!(sum > 0) || !std::isfinite (sum))
    return false;
  double norm = std::sqrt (sum);
  for (float &f : *v)
    f = (float) (f / norm);
  return true;
}

std::vector<float>
lk_cv::dnn_template (const cv::Mat &bgr,
                     const LkFace  *face,
                     const char    *path,
                     GError       **error)
{
  cv::dnn::Net *net = get_net (path, error);
  cv::Mat aligned;

  if (net == nullptr || !align_dnn (bgr, face, &aligned, error))
    return {};
  std::vector<float> v = embed (*net, path, aligned, error);
  if (!v.empty () && !normalise (&v))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_FAILED,
                   "The face-embedding model %s gave a zero or non-finite vector", path);
      return {};
    }
  return v;
}
