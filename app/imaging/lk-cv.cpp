// SPDX-License-Identifier: GPL-3.0-or-later
// The only C++ in Likeness: OpenCV behind a C API. No exception leaves this file: every
// extern "C" function runs its body through guard(), which catches cv::Exception and anything
// else and turns it into a GError.
#include "config.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <vector>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>
#include <opencv2/quality.hpp>

#include "lk-cv.h"
#include "lk-error.h"

struct _LkCvImage
{
  cv::Mat bgr; // 8-bit BGR, pixels as stored in the file (no EXIF rotation: originals are evidence)
};

// Detection runs on a copy whose long side is at most this. A coarser copy would be faster but
// misses the small faces of crowd scenes, and finding every face matters more here.
static const int detect_max_side = 1280;
// Eye search runs on the upper half of a face scaled to this width.
static const int eye_search_width = 320;
static const int brisque_max_side = 512;
// Where OpenCV's data files are installed: Debian, a local build, the Flatpak runtime.
static const char *const opencv_data_prefixes[] = {
  "/usr/share/opencv4", "/usr/local/share/opencv4", "/app/share/opencv4",
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

static cv::Mat
shrink_to (const cv::Mat &image,
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

static LkPixels *
to_pixels (const cv::Mat &bgr,
           int            max_side)
{
  cv::Mat rgba;

  cv::cvtColor (shrink_to (bgr, max_side), rgba, cv::COLOR_BGR2RGBA);

  LkPixels *pixels = lk_pixels_new (rgba.cols, rgba.rows);
  for (int y = 0; y < rgba.rows; y++)
    memcpy (pixels->pixels + (gsize) y * pixels->stride, rgba.ptr (y), (gsize) rgba.cols * 4);
  return pixels;
}

// An empty Mat (with @error set) when the bytes are not an image OpenCV can decode.
static cv::Mat
decode_bgr (GBytes  *bytes,
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

  cv::Mat raw (1, (int) size, CV_8UC1, (void *) data);
  cv::Mat bgr = cv::imdecode (raw, flags);
  if (bgr.empty ())
    g_set_error (error, LK_ERROR, LK_ERROR_IMAGE,
                 "The image could not be decoded (unsupported format or damaged file)");
  return bgr;
}

extern "C" LkPixels *
lk_cv_decode (GBytes  *bytes,
              int      max_side,
              GError **error)
{
  g_return_val_if_fail (bytes != nullptr, nullptr);

  return guard (error, LK_ERROR_IMAGE, "The image could not be decoded", [&] () -> LkPixels * {
    cv::Mat bgr = decode_bgr (bytes, cv::IMREAD_COLOR, error);
    return bgr.empty () ? nullptr : to_pixels (bgr, max_side);
  });
}

extern "C" LkCvImage *
lk_cv_image_decode (GBytes  *bytes,
                    GError **error)
{
  g_return_val_if_fail (bytes != nullptr, nullptr);

  return guard (error, LK_ERROR_IMAGE, "The image could not be decoded", [&] () -> LkCvImage * {
    cv::Mat bgr = decode_bgr (bytes, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION, error);
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

// ---- data files ----------------------------------------------------------------------------

// Folders to search for OpenCV data: @explicit_dir alone when given, otherwise the folder in
// @env_name, then the installed OpenCV data (Debian, /usr/local, Flatpak).
static std::vector<std::string>
data_dirs (const char *explicit_dir,
           const char *env_name,
           const char *subdir)
{
  std::vector<std::string> dirs;

  if (explicit_dir != nullptr && *explicit_dir != '\0')
    return { explicit_dir };
  const char *env = g_getenv (env_name);
  if (env != nullptr && *env != '\0')
    dirs.emplace_back (env);
  for (const char *prefix : opencv_data_prefixes)
    dirs.push_back (std::string (prefix) + "/" + subdir);
  return dirs;
}

static std::string
in_dir (const std::string &dir,
        const char        *file)
{
  g_autofree char *path = g_build_filename (dir.c_str (), file, nullptr);
  return path;
}

// The first of @dirs holding @file, or "".
static std::string
find_dir (const std::vector<std::string> &dirs,
          const char                     *file)
{
  for (const std::string &dir : dirs)
    if (g_file_test (in_dir (dir, file).c_str (), G_FILE_TEST_IS_REGULAR))
      return dir;
  return std::string ();
}

static std::string
join (const std::vector<std::string> &dirs)
{
  std::string all;

  for (const std::string &dir : dirs)
    all += (all.empty () ? "" : ", ") + dir;
  return all;
}

// ---- Haar face and eye detection -----------------------------------------------------------

struct HaarSet
{
  std::string           dir;
  cv::CascadeClassifier face;
  cv::CascadeClassifier eye;
  cv::CascadeClassifier eye_glasses; // optional second try
};

// Loading a cascade costs tens of milliseconds; each thread keeps its own set, since a
// classifier must not run in two threads at once.
static thread_local std::unique_ptr<HaarSet> haar_cache;

static HaarSet *
load_haar (const std::string &dir,
           GError           **error)
{
  auto set = std::make_unique<HaarSet> ();

  set->dir = dir;
  if (!set->face.load (in_dir (dir, "haarcascade_frontalface_default.xml"))
      || !set->eye.load (in_dir (dir, "haarcascade_eye.xml")))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_FAILED,
                   "The face detector data in %s could not be loaded", dir.c_str ());
      return nullptr;
    }
  set->eye_glasses.load (in_dir (dir, "haarcascade_eye_tree_eyeglasses.xml"));
  haar_cache = std::move (set);
  return haar_cache.get ();
}

static HaarSet *
get_haar (const LkDetectorConfig *config,
          GError                **error)
{
  std::vector<std::string> dirs = data_dirs (config != nullptr ? config->haar_dir : nullptr,
                                             "LIKENESS_HAAR_DIR", "haarcascades");
  std::string dir = find_dir (dirs, "haarcascade_frontalface_default.xml");

  if (dir.empty () || !g_file_test (in_dir (dir, "haarcascade_eye.xml").c_str (),
                                    G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_FAILED,
                   "The Haar face and eye cascades (haarcascade_frontalface_default.xml, "
                   "haarcascade_eye.xml) were not found; searched: %s. Install opencv-data or "
                   "set LIKENESS_HAAR_DIR", join (dirs).c_str ());
      return nullptr;
    }
  if (haar_cache && haar_cache->dir == dir)
    return haar_cache.get ();
  return load_haar (dir, error);
}

struct Shrunk
{
  cv::Mat image;
  double  sx; // original pixels per shrunk pixel
  double  sy;
};

static Shrunk
shrink_for_detection (const cv::Mat &bgr)
{
  Shrunk s;

  s.image = shrink_to (bgr, detect_max_side);
  s.sx = (double) bgr.cols / s.image.cols;
  s.sy = (double) bgr.rows / s.image.rows;
  return s;
}

// A point of an image scaled by @f back in the unscaled image, pixel centres matching.
static double
to_original (double v,
             double f)
{
  return (v + 0.5) / f - 0.5;
}

// The best candidate (most neighbours, then largest) among @eyes whose centre lies on the
// chosen side of @mid_x; -1 when none.
static int
best_eye (const std::vector<cv::Rect> &eyes,
          const std::vector<int>      &votes,
          double                       mid_x,
          bool                         left)
{
  int best = -1;

  for (size_t i = 0; i < eyes.size (); i++)
    {
      double cx = eyes[i].x + eyes[i].width / 2.0;
      if ((cx < mid_x) != left)
        continue;
      if (best < 0 || votes[i] > votes[best]
          || (votes[i] == votes[best] && eyes[i].area () > eyes[best].area ()))
        best = (int) i;
    }
  return best;
}

static cv::Point2d
centre (const cv::Rect &r)
{
  return cv::Point2d (r.x + r.width / 2.0, r.y + r.height / 2.0);
}

// Two eyes on a face @width wide: a plausible distance, and an eye line under 45 degrees.
static bool
plausible_eyes (cv::Point2d a,
                cv::Point2d b,
                double      width)
{
  double dx = b.x - a.x;
  double dy = b.y - a.y;
  double d = std::hypot (dx, dy);

  return d >= 0.2 * width && d <= 0.7 * width && std::fabs (dy) < std::fabs (dx);
}

// The Haar box centre wanders by several pixels with the eyebrow and the lids; the iris is
// the darkest blob in the box below the brow. Its centroid (the darkest tenth of a smoothed
// patch) places the eye more steadily.
static cv::Point2d
refine_eye (const cv::Mat  &grey,
            const cv::Rect &box)
{
  cv::Rect inner = cv::Rect ((int) (box.x + box.width * 0.15), (int) (box.y + box.height * 0.3),
                             (int) (box.width * 0.7), (int) (box.height * 0.55))
                   & cv::Rect (0, 0, grey.cols, grey.rows);
  if (inner.width < 4 || inner.height < 4)
    return centre (box);

  cv::Mat smooth;
  cv::GaussianBlur (grey (inner), smooth, cv::Size (), std::max (1.0, box.width / 12.0));
  std::vector<uchar> values (smooth.begin<uchar> (), smooth.end<uchar> ());
  std::nth_element (values.begin (), values.begin () + values.size () / 10, values.end ());
  cv::Moments m = cv::moments (smooth <= values[values.size () / 10], true);
  if (m.m00 <= 0)
    return centre (box);
  return cv::Point2d (inner.x + m.m10 / m.m00, inner.y + m.m01 / m.m00);
}

static bool
search_eyes (cv::CascadeClassifier &cascade,
             const cv::Mat         &grey,
             cv::Point2d           *a,
             cv::Point2d           *b)
{
  std::vector<cv::Rect> eyes;
  std::vector<int> votes;
  int w = grey.cols;

  cascade.detectMultiScale (grey, eyes, votes, 1.05, 3, cv::CASCADE_SCALE_IMAGE,
                            cv::Size (w / 10, w / 10), cv::Size (w * 2 / 5, w * 2 / 5));
  int left = best_eye (eyes, votes, w / 2.0, true);
  int right = best_eye (eyes, votes, w / 2.0, false);
  if (left < 0 || right < 0)
    return false;
  *a = refine_eye (grey, eyes[left]);
  *b = refine_eye (grey, eyes[right]);
  return plausible_eyes (*a, *b, w);
}

// Eyes are searched in the upper half of the face, cut from the full-resolution original and
// scaled to a fixed width, so that their centres are placed precisely.
static void
find_eyes (HaarSet       &haar,
           const cv::Mat &bgr,
           LkFace        *face)
{
  cv::Rect upper = cv::Rect (face->x, face->y, face->width, face->height / 2)
                   & cv::Rect (0, 0, bgr.cols, bgr.rows);
  if (upper.width < 8 || upper.height < 4)
    return;

  double f = (double) eye_search_width / upper.width;
  cv::Mat grey;
  cv::cvtColor (bgr (upper), grey, cv::COLOR_BGR2GRAY);
  cv::resize (grey, grey, cv::Size (), f, f, f < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
  cv::equalizeHist (grey, grey);

  cv::Point2d a, b;
  if (!search_eyes (haar.eye, grey, &a, &b)
      && (haar.eye_glasses.empty () || !search_eyes (haar.eye_glasses, grey, &a, &b)))
    return;
  face->has_eyes = TRUE;
  face->eye_a = LkPoint { upper.x + to_original (a.x, f), upper.y + to_original (a.y, f) };
  face->eye_b = LkPoint { upper.x + to_original (b.x, f), upper.y + to_original (b.y, f) };
}

static LkFace
face_from_rect (const cv::Rect  &r,
                const Shrunk    &s,
                const cv::Mat   &bgr)
{
  LkFace face = {};
  cv::Rect mapped ((int) std::lround (r.x * s.sx), (int) std::lround (r.y * s.sy),
                   (int) std::lround (r.width * s.sx), (int) std::lround (r.height * s.sy));

  mapped &= cv::Rect (0, 0, bgr.cols, bgr.rows);
  face.x = mapped.x;
  face.y = mapped.y;
  face.width = mapped.width;
  face.height = mapped.height;
  face.score = 1.0;
  return face;
}

static std::vector<LkFace>
detect_haar (HaarSet       &haar,
             const cv::Mat &bgr)
{
  Shrunk s = shrink_for_detection (bgr);
  cv::Mat grey;
  std::vector<cv::Rect> rects;
  std::vector<LkFace> faces;

  cv::cvtColor (s.image, grey, cv::COLOR_BGR2GRAY);
  cv::equalizeHist (grey, grey);
  haar.face.detectMultiScale (grey, rects, 1.1, 5, cv::CASCADE_SCALE_IMAGE, cv::Size (24, 24));
  for (const cv::Rect &r : rects)
    {
      LkFace face = face_from_rect (r, s, bgr);
      if (face.width <= 0 || face.height <= 0)
        continue;
      find_eyes (haar, bgr, &face);
      faces.push_back (face);
    }
  return faces;
}

// ---- YuNet ---------------------------------------------------------------------------------

struct YuNetCache
{
  std::string                   path;
  cv::Ptr<cv::FaceDetectorYN>   detector;
};

static thread_local YuNetCache yunet_cache;

static cv::FaceDetectorYN *
get_yunet (const char *path,
           cv::Size    size,
           GError    **error)
{
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_FAILED,
                   "The YuNet face detector model %s does not exist", path);
      return nullptr;
    }
  if (yunet_cache.detector.empty () || yunet_cache.path != path)
    {
      yunet_cache.detector.reset ();
      yunet_cache.detector = cv::FaceDetectorYN::create (path, "", size, 0.7f, 0.3f, 5000);
      yunet_cache.path = path;
    }
  yunet_cache.detector->setInputSize (size);
  return yunet_cache.detector.get ();
}

static LkFace
face_from_yunet (const float   *row,
                 const Shrunk  &s,
                 const cv::Mat &bgr)
{
  cv::Rect box ((int) std::floor (row[0]), (int) std::floor (row[1]),
                (int) std::ceil (row[2]), (int) std::ceil (row[3]));
  LkFace face = face_from_rect (box, s, bgr);

  face.score = row[14];
  face.n_landmarks = 5;
  for (int i = 0; i < 5; i++)
    face.landmarks[i] = LkPoint { to_original (row[4 + 2 * i], 1 / s.sx),
                                  to_original (row[5 + 2 * i], 1 / s.sy) };
  face.has_eyes = TRUE;
  bool first_left = face.landmarks[0].x <= face.landmarks[1].x;
  face.eye_a = face.landmarks[first_left ? 0 : 1];
  face.eye_b = face.landmarks[first_left ? 1 : 0];
  return face;
}

static bool
detect_yunet (const char          *path,
              const cv::Mat       &bgr,
              std::vector<LkFace> *faces,
              GError             **error)
{
  Shrunk s = shrink_for_detection (bgr);
  cv::FaceDetectorYN *detector = get_yunet (path, s.image.size (), error);
  cv::Mat out;

  if (detector == nullptr)
    return false;
  detector->detect (s.image, out);
  for (int i = 0; i < out.rows; i++)
    {
      LkFace face = face_from_yunet (out.ptr<float> (i), s, bgr);
      if (face.width > 0 && face.height > 0)
        faces->push_back (face);
    }
  return true;
}

static bool
larger_face (const LkFace &a,
             const LkFace &b)
{
  return (gint64) a.width * a.height > (gint64) b.width * b.height;
}

static GArray *
find_faces (LkCvImage              *image,
            const LkDetectorConfig *config,
            GError                **error)
{
  std::vector<LkFace> faces;
  const char *model = config != nullptr ? config->yunet_model : nullptr;

  if (model != nullptr && *model != '\0')
    {
      if (!detect_yunet (model, image->bgr, &faces, error))
        return nullptr;
    }
  else
    {
      HaarSet *haar = get_haar (config, error);
      if (haar == nullptr)
        return nullptr;
      faces = detect_haar (*haar, image->bgr);
    }
  std::stable_sort (faces.begin (), faces.end (), larger_face);

  GArray *array = g_array_sized_new (FALSE, TRUE, sizeof (LkFace), (guint) faces.size ());
  g_array_append_vals (array, faces.data (), (guint) faces.size ());
  return array;
}

extern "C" GArray *
lk_cv_image_find_faces (LkCvImage              *image,
                        const LkDetectorConfig *config,
                        GError                **error)
{
  g_return_val_if_fail (image != nullptr, nullptr);
  g_return_val_if_fail (error == nullptr || *error == nullptr, nullptr);

  return guard (error, LK_ERROR_FAILED, "Face finding failed",
                [&] () { return find_faces (image, config, error); });
}

// ---- quality -------------------------------------------------------------------------------

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

// ---- simulated CCTV stills -----------------------------------------------------------------

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
  cv::Mat bgr = decode_bgr (bytes, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION, error);
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
