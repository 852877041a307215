// SPDX-License-Identifier: GPL-3.0-or-later
// The dnn engine: a face aligned to the common 112 x 112 crop and embedded by an ONNX model.
#include "config.h"

#include <cmath>
#include <string>
#include <vector>
#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>
#include <opencv2/imgproc.hpp>
#include <glib/gstdio.h>
#include <sys/stat.h>

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

// A model file rewritten in place (even within the same second, at the same size) is read
// again: the modification and change times to the nanosecond, the size and the inode.
static gint64
file_mtime (const char *path)
{
  struct stat st;

  if (stat (path, &st) != 0)
    return -1;
  return (gint64) g_int64_hash (&st.st_ino) * 1000003
         ^ ((gint64) st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec)
         ^ (((gint64) st.st_ctim.tv_sec * 1000000000 + st.st_ctim.tv_nsec) << 1)
         ^ ((gint64) st.st_size << 7);
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
align_dnn (const cv::Mat               &bgr,
           const LkFace                *face,
           const LkEmbeddingConvention *conv,
           cv::Mat                     *aligned,
           GError                     **error)
{
  std::vector<cv::Point2d> from, to;
  cv::Size canvas (conv->input_width, conv->input_height);
  // The five points scale with the crop: a 128 x 128 model sees the same framing.
  cv::Point2d scale ((double) conv->input_width / dnn_side,
                     (double) conv->input_height / dnn_side);
  cv::Point2d eyes[2];
  cv::Mat m;
  cv::Rect roi;

  if (face->n_landmarks == 5)
    for (int i = 0; i < 5; i++)
      {
        if (!finite_point (face->landmarks[i]))
          return no_usable_face (error, "a landmark is not a number");
        from.emplace_back (face->landmarks[i].x, face->landmarks[i].y);
        to.emplace_back (dnn_points[i].x * scale.x, dnn_points[i].y * scale.y);
      }
  else if (alignment_eyes (face, eyes))
    {
      from = { eyes[0], eyes[1] };
      to = { cv::Point2d (dnn_points[0].x * scale.x, dnn_points[0].y * scale.y),
             cv::Point2d (dnn_points[1].x * scale.x, dnn_points[1].y * scale.y) };
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

// The model's input: the aligned crop in its channel order, (value - mean) * scale per channel.
static cv::Mat
input_blob (const cv::Mat               &aligned,
            const LkEmbeddingConvention *conv)
{
  cv::Mat ordered, values;

  if (conv->bgr)
    ordered = aligned;
  else
    cv::cvtColor (aligned, ordered, cv::COLOR_BGR2RGB);
  ordered.convertTo (values, CV_32FC3);
  values -= cv::Scalar (conv->mean[0], conv->mean[1], conv->mean[2]);
  values *= conv->scale;
  return cv::dnn::blobFromImage (values, 1.0, values.size (), cv::Scalar (), false, false,
                                 CV_32F);
}

// The embedding of an aligned crop: a 1xD output (1xDx1x1 is accepted too).
static std::vector<float>
embed (cv::dnn::Net                &net,
       const char                  *path,
       const cv::Mat               &aligned,
       const LkEmbeddingConvention *conv,
       GError                     **error)
{
  cv::Mat blob = input_blob (aligned, conv);
  cv::Mat out;

  try
    {
      net.setInput (blob);
      out = net.forward ();
    }
  catch (const cv::Exception &e)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_FAILED,
                   "The face-embedding model %s failed on a 1x3x%dx%d face crop (its descriptor "
                   "must give its input size): %s", path, conv->input_height, conv->input_width,
                   e.err.c_str ());
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
  if (conv->embedding_size != 0 && (guint) out.size[1] != conv->embedding_size)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_FAILED,
                   "The face-embedding model %s gives %d values where its descriptor declares "
                   "%u", path, out.size[1], conv->embedding_size);
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
lk_cv::dnn_template (const cv::Mat               &bgr,
                     const LkFace                *face,
                     const char                  *path,
                     const LkEmbeddingConvention *conv,
                     GError                     **error)
{
  cv::dnn::Net *net = get_net (path, error);
  cv::Mat aligned;

  if (net == nullptr || !align_dnn (bgr, face, conv, &aligned, error))
    return {};
  std::vector<float> v = embed (*net, path, aligned, conv, error);
  if (!v.empty () && !normalise (&v))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_FAILED,
                   "The face-embedding model %s gave a zero or non-finite vector", path);
      return {};
    }
  return v;
}

// A mid-grey crop of the declared size through the model: the output must have the declared
// size. Run once at installation, so that a wrong descriptor is refused before any template.
extern "C" gboolean
lk_cv_embedding_check (const char                  *model,
                       const LkEmbeddingConvention *conv,
                       GError                     **error)
{
  g_return_val_if_fail (model != nullptr && conv != nullptr, FALSE);
  return guard (error, LK_ERROR_FAILED, "The face-embedding model could not be checked", [&] () {
    cv::dnn::Net *net = get_net (model, error);
    if (net == nullptr)
      return FALSE;
    cv::Mat grey (conv->input_height, conv->input_width, CV_8UC3, cv::Scalar (128, 128, 128));
    return embed (*net, model, grey, conv, error).empty () ? FALSE : TRUE;
  });
}
