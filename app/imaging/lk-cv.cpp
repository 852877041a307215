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
#include <opencv2/dnn.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>
#include <opencv2/quality.hpp>
#include <glib/gstdio.h>

#include "imaging/lk-cv.h"
#include "lk-error.h"
#include "imaging/lk-image-header.h"

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
// Images up to this side may be tight crops of a face: see haar_faces().
static const int tight_crop_max_side = 400;
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

// Converted straight into the result's own memory: no cleared buffer and no second copy of a
// large image.
static LkPixels *
to_pixels (const cv::Mat &bgr,
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

// A detector box in the original's coordinates, not yet clipped to the image.
static LkFace
face_from_rect_unclipped (const cv::Rect &r,
                          const Shrunk   &s)
{
  LkFace face = {};

  face.x = (int) std::lround (r.x * s.sx);
  face.y = (int) std::lround (r.y * s.sy);
  face.width = (int) std::lround (r.width * s.sx);
  face.height = (int) std::lround (r.height * s.sy);
  face.score = 1.0;
  return face;
}

static void
clip_face (LkFace        *face,
           const cv::Mat &bgr)
{
  cv::Rect r = cv::Rect (face->x, face->y, face->width, face->height)
               & cv::Rect (0, 0, bgr.cols, bgr.rows);

  face->x = r.x;
  face->y = r.y;
  face->width = r.width;
  face->height = r.height;
}

static LkFace
face_from_rect (const cv::Rect  &r,
                const Shrunk    &s,
                const cv::Mat   &bgr)
{
  LkFace face = face_from_rect_unclipped (r, s);

  clip_face (&face, bgr);
  return face;
}

// Haar windows need a margin around the face, so a tight crop (a mugshot or a face data set
// cut to the face) finds nothing. When a small image finds nothing, the search runs again on
// a copy framed by a replicated border of a quarter of each side, and the boxes are moved
// back; they may then reach past the image's edges.
static std::vector<cv::Rect>
haar_faces (HaarSet       &haar,
            const cv::Mat &grey)
{
  std::vector<cv::Rect> rects;

  haar.face.detectMultiScale (grey, rects, 1.1, 5, cv::CASCADE_SCALE_IMAGE, cv::Size (24, 24));
  if (!rects.empty () || std::max (grey.cols, grey.rows) > tight_crop_max_side)
    return rects;

  int px = grey.cols / 4;
  int py = grey.rows / 4;
  cv::Mat framed;
  cv::copyMakeBorder (grey, framed, py, py, px, px, cv::BORDER_REPLICATE);
  haar.face.detectMultiScale (framed, rects, 1.1, 5, cv::CASCADE_SCALE_IMAGE,
                              cv::Size (24, 24));
  for (cv::Rect &r : rects)
    r = cv::Rect (r.x - px, r.y - py, r.width, r.height);
  return rects;
}

static std::vector<LkFace>
detect_haar (HaarSet       &haar,
             const cv::Mat &bgr)
{
  Shrunk s = shrink_for_detection (bgr);
  cv::Mat grey;
  std::vector<LkFace> faces;

  cv::cvtColor (s.image, grey, cv::COLOR_BGR2GRAY);
  cv::equalizeHist (grey, grey);
  for (const cv::Rect &r : haar_faces (haar, grey))
    {
      // Eyes are searched in the upper half of the whole box, before it is clipped.
      LkFace face = face_from_rect_unclipped (r, s);
      find_eyes (haar, bgr, &face);
      clip_face (&face, bgr);
      if (face.width > 0 && face.height > 0)
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
    // Pixels as stored, like every other view of an original (see lk_cv_image_decode).
    int flags = thumbnail_flags (bytes, size) | cv::IMREAD_IGNORE_ORIENTATION;
    cv::Mat bgr = decode_bgr (bytes, flags, error);
    return bgr.empty () ? nullptr : to_pixels (shrink_in_steps (bgr, size), size);
  });
}

// ---- face templates ------------------------------------------------------------------------

// The least-squares similarity (rotation, uniform scale, translation; no reflection) taking
// @from to @to, in closed form: exact for two points, deterministic for five (no RANSAC).
static bool
similarity (const std::vector<cv::Point2d> &from,
            const std::vector<cv::Point2d> &to,
            cv::Mat                        *m)
{
  cv::Point2d mf (0, 0), mt (0, 0);
  double n = (double) from.size (), c = 0, d = 0, norm = 0;

  for (size_t i = 0; i < from.size (); i++)
    {
      mf += from[i] / n;
      mt += to[i] / n;
    }
  for (size_t i = 0; i < from.size (); i++)
    {
      cv::Point2d a = from[i] - mf, b = to[i] - mt;
      c += a.x * b.x + a.y * b.y;
      d += a.x * b.y - a.y * b.x;
      norm += a.x * a.x + a.y * a.y;
    }
  if (norm < 1e-6)
    return false;
  c /= norm;
  d /= norm;
  *m = (cv::Mat_<double> (2, 3) << c, -d, mt.x - (c * mf.x - d * mf.y),
                                   d, c, mt.y - (d * mf.x + c * mf.y));
  return true;
}

static gboolean
no_usable_face (GError    **error,
                const char *why)
{
  g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "no usable face: %s", why);
  return FALSE;
}

static bool
finite_point (const LkPoint &p)
{
  return std::isfinite (p.x) && std::isfinite (p.y);
}

// The classic crop: grey, 96 x 112, the eye centres on a horizontal line 44 pixels down and
// 36 pixels apart, about the framing of a passport photo cut to the face.
static const int classic_width = 96;
static const int classic_height = 112;
static const cv::Point2d classic_eyes[2] = { { 30.0, 44.0 }, { 66.0, 44.0 } };
static const int lbp_grid_x = 7;
static const int lbp_grid_y = 7;
static const int lbp_bins = 59;
// Where the frontal-face cascade's box puts the eye centres: at these fractions of its width
// (and one minus it) and of its height.
static const double haar_eye_x = 0.3;
static const double haar_eye_y = 0.38;
// Haar eyes further than this fraction of the box width from where the box puts them are
// taken for a false detection.
static const double haar_eye_tolerance = 0.15;

// The eye centres a face is aligned by. YuNet's landmarks are precise and used as they are.
// A Haar eye centre wanders by several pixels with lids, brows and glasses while the Haar box
// is steadier, so for a Haar face the box gives the eyes' midpoint and distance (at fixed
// proportions of it) and the detected eyes, when they agree with the box, only the roll. A
// Haar face whose eyes were not found is aligned upright by its box alone. On the ORL faces
// this puts the right person first for about 95 % of probes, against about 89 % when the
// detected eye centres are used as they are (tests/core/test-gallery.c measures it).
static bool
alignment_eyes (const LkFace *face,
                cv::Point2d   eyes[2])
{
  if (face->n_landmarks == 5 || face->width <= 0 || face->height <= 0)
    {
      eyes[0] = cv::Point2d (face->eye_a.x, face->eye_a.y);
      eyes[1] = cv::Point2d (face->eye_b.x, face->eye_b.y);
      return face->has_eyes && finite_point (face->eye_a) && finite_point (face->eye_b);
    }
  cv::Point2d mid (face->x + face->width / 2.0, face->y + face->height * haar_eye_y);
  double half = (0.5 - haar_eye_x) * face->width;
  double angle = 0;
  if (face->has_eyes && finite_point (face->eye_a) && finite_point (face->eye_b))
    {
      double tolerance = haar_eye_tolerance * face->width;
      cv::Point2d a (face->eye_a.x, face->eye_a.y), b (face->eye_b.x, face->eye_b.y);
      if (cv::norm (a - (mid - cv::Point2d (half, 0))) <= tolerance
          && cv::norm (b - (mid + cv::Point2d (half, 0))) <= tolerance)
        angle = std::atan2 (b.y - a.y, b.x - a.x);
    }
  cv::Point2d offset (half * std::cos (angle), half * std::sin (angle));
  eyes[0] = mid - offset;
  eyes[1] = mid + offset;
  return true;
}

// The similarity taking @eyes (and with five landmarks, the rest) to @targets, restricted to
// the region of the image it reads: the canvas's corners mapped back, with a margin.
static gboolean
face_transform (const std::vector<cv::Point2d> &points,
                const std::vector<cv::Point2d> &targets,
                cv::Size                        canvas,
                cv::Size                        image,
                cv::Mat                        *m,
                cv::Rect                       *roi,
                GError                        **error)
{
  cv::Mat inverse;
  std::vector<cv::Point2f> corners = { { 0, 0 }, { (float) canvas.width, 0 },
                                       { 0, (float) canvas.height },
                                       { (float) canvas.width, (float) canvas.height } };
  std::vector<cv::Point2f> source;

  if (!similarity (points, targets, m))
    return no_usable_face (error, "its landmarks coincide");
  cv::invertAffineTransform (*m, inverse);
  cv::transform (corners, source, inverse);
  *roi = cv::boundingRect (source);
  *roi = cv::Rect (roi->x - 2, roi->y - 2, roi->width + 4, roi->height + 4)
         & cv::Rect (0, 0, image.width, image.height);
  if (roi->empty ())
    return no_usable_face (error, "it lies outside the image");
  // The transform now reads the region's pixels, not the image's.
  for (int r = 0; r < 2; r++)
    {
      double *row = m->ptr<double> (r);
      row[2] += row[0] * roi->x + row[1] * roi->y;
    }
  return TRUE;
}

// Warps @region by @m to @canvas. Shrinking a large face in one warp would alias, so
// INTER_AREA first brings it to about twice the canvas's scale.
static cv::Mat
warp_face (cv::Mat   region,
           cv::Mat   m,
           cv::Size  canvas,
           int       border)
{
  double scale = std::hypot (m.at<double> (0, 0), m.at<double> (1, 0));
  cv::Mat out;

  if (scale < 0.5)
    {
      cv::Mat smaller;
      double f = 2 * scale;
      cv::resize (region, smaller, cv::Size (), f, f, cv::INTER_AREA);
      region = smaller;
      // Pixel x of the smaller region is (x + 0.5) / f - 0.5 of the original.
      for (int r = 0; r < 2; r++)
        {
          double *row = m.ptr<double> (r);
          row[0] /= f;
          row[1] /= f;
          row[2] += (row[0] + row[1]) * (0.5 - 0.5 * f);
        }
    }
  cv::warpAffine (region, out, m, canvas, cv::INTER_LINEAR, border);
  return out;
}

static gboolean
align_classic (const cv::Mat &bgr,
               const LkFace  *face,
               cv::Mat       *aligned,
               GError       **error)
{
  cv::Point2d eyes[2];
  cv::Size canvas (classic_width, classic_height);
  cv::Mat m, grey;
  cv::Rect roi;

  if (!alignment_eyes (face, eyes))
    return no_usable_face (error, "its eyes were not found, so it cannot be aligned");
  if (!face_transform ({ eyes[0], eyes[1] }, { classic_eyes[0], classic_eyes[1] }, canvas,
                       bgr.size (), &m, &roi, error))
    return FALSE;
  cv::cvtColor (bgr (roi), grey, cv::COLOR_BGR2GRAY);
  *aligned = warp_face (grey, m, canvas, cv::BORDER_REPLICATE);
  return TRUE;
}

// Uniform patterns (at most two 0/1 transitions around the circle) get bins 0..57, every other
// pattern bin 58.
static const std::vector<uchar> &
uniform_lbp_table (void)
{
  static const std::vector<uchar> table = [] {
    std::vector<uchar> t (256);
    int next = 0;
    for (int code = 0; code < 256; code++)
      {
        int rotated = ((code << 1) | (code >> 7)) & 0xff;
        int transitions = __builtin_popcount ((unsigned) (code ^ rotated));
        t[code] = (uchar) (transitions <= 2 ? next++ : lbp_bins - 1);
      }
    return t;
  } ();
  return table;
}

// LBP(8, 1) codes of the interior pixels, mapped to their uniform bins.
static cv::Mat
lbp_image (const cv::Mat &grey)
{
  static const int dy[8] = { -1, -1, -1, 0, 1, 1, 1, 0 };
  static const int dx[8] = { -1, 0, 1, 1, 1, 0, -1, -1 };
  const std::vector<uchar> &table = uniform_lbp_table ();
  cv::Mat codes (grey.rows - 2, grey.cols - 2, CV_8U);

  for (int y = 1; y < grey.rows - 1; y++)
    for (int x = 1; x < grey.cols - 1; x++)
      {
        uchar c = grey.at<uchar> (y, x);
        int code = 0;
        for (int i = 0; i < 8; i++)
          code |= (grey.at<uchar> (y + dy[i], x + dx[i]) >= c) << i;
        codes.at<uchar> (y - 1, x - 1) = table[code];
      }
  return codes;
}

// Histograms of the cells of a grid, concatenated, square-rooted (so that the dot product of
// two templates is the Bhattacharyya coefficient of their histograms) and L2-normalised.
static std::vector<float>
lbp_histograms (const cv::Mat &codes)
{
  std::vector<float> v ((size_t) lbp_grid_x * lbp_grid_y * lbp_bins, 0.0f);

  for (int y = 0; y < codes.rows; y++)
    for (int x = 0; x < codes.cols; x++)
      {
        int cell = (y * lbp_grid_y / codes.rows) * lbp_grid_x + x * lbp_grid_x / codes.cols;
        v[(size_t) cell * lbp_bins + codes.at<uchar> (y, x)] += 1.0f;
      }
  double sum = 0;
  for (float &f : v)
    {
      f = std::sqrt (f);
      sum += (double) f * f;
    }
  for (float &f : v)
    f = (float) (f / std::sqrt (sum));
  return v;
}

static std::vector<float>
classic_template (const cv::Mat &bgr,
                  const LkFace  *face,
                  GError       **error)
{
  cv::Mat aligned, smooth, equalised;

  if (!align_classic (bgr, face, &aligned, error))
    return {};
  // A light blur keeps sensor noise and JPEG blocking out of the texture codes; the global
  // equalisation evens out exposure (CLAHE did slightly worse on ORL).
  cv::GaussianBlur (aligned, smooth, cv::Size (), 0.8);
  cv::equalizeHist (smooth, equalised);
  return lbp_histograms (lbp_image (equalised));
}

// ---- the dnn engine ------------------------------------------------------------------------

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

static std::vector<float>
dnn_template (const cv::Mat &bgr,
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

static float *
image_template (LkCvImage    *image,
                const LkFace *face,
                const char   *model,
                guint        *dimension,
                GError      **error)
{
  std::vector<float> v = model != nullptr && *model != '\0'
                         ? dnn_template (image->bgr, face, model, error)
                         : classic_template (image->bgr, face, error);

  if (v.empty ())
    return nullptr;
  float *out = g_new (float, v.size ());
  std::copy (v.begin (), v.end (), out);
  *dimension = (guint) v.size ();
  return out;
}

extern "C" float *
lk_cv_image_template (LkCvImage    *image,
                      const LkFace *face,
                      const char   *embedding_model,
                      guint        *dimension,
                      GError      **error)
{
  g_return_val_if_fail (image != nullptr, nullptr);
  g_return_val_if_fail (face != nullptr, nullptr);
  g_return_val_if_fail (dimension != nullptr, nullptr);
  g_return_val_if_fail (error == nullptr || *error == nullptr, nullptr);

  return guard (error, LK_ERROR_FAILED, "The face template could not be computed",
                [&] () { return image_template (image, face, embedding_model, dimension, error); });
}

extern "C" char *
lk_cv_template_version (const char *embedding_model)
{
  g_autofree char *base = nullptr;

  if (embedding_model == nullptr || *embedding_model == '\0')
    return g_strdup ("lbp-1");
  base = g_path_get_basename (embedding_model);
  return g_strconcat ("onnx:", base, nullptr);
}

// ---- enhancement ---------------------------------------------------------------------------
// A closed list of tone, contrast, sharpness and noise operations. The stack is parsed into
// Steps once (validation and application share the parser), then applied to an RGB working
// copy: RGBA -> RGB once at the start, RGB -> RGBA once at the end, alpha copied through.

namespace {

enum class ParamKind { number, integer, choice };

struct ParamSpec
{
  const char         *name;
  ParamKind           kind;
  double              min;
  double              max;
  double              fallback;  // the catalogue's default (a choice: its index)
  const char *const  *choices;   // NULL-terminated, for ParamKind::choice
};

enum class Op
{
  brightness, contrast, gamma, levels, equalize, clahe, unsharp, denoise, greyscale, invert,
  channel,
};

const int max_params = 3;

struct OpSpec
{
  const char *name;
  Op          op;
  int         n_params;
  ParamSpec   params[max_params];
};

const char *const denoise_methods[] = { "bilateral", "median", nullptr };
const char *const channel_names[] = { "red", "green", "blue", nullptr };

const OpSpec op_specs[] = {
  { "brightness", Op::brightness, 1, { { "amount", ParamKind::number, -100, 100, 0, nullptr } } },
  { "contrast", Op::contrast, 1, { { "amount", ParamKind::number, -100, 100, 0, nullptr } } },
  { "gamma", Op::gamma, 1, { { "gamma", ParamKind::number, 0.1, 5, 1, nullptr } } },
  { "levels", Op::levels, 3, { { "black", ParamKind::integer, 0, 254, 0, nullptr },
                               { "white", ParamKind::integer, 1, 255, 255, nullptr },
                               { "gamma", ParamKind::number, 0.1, 5, 1, nullptr } } },
  { "equalize", Op::equalize, 0, {} },
  { "clahe", Op::clahe, 2, { { "clip", ParamKind::number, 0.5, 10, 2, nullptr },
                             { "tiles", ParamKind::integer, 2, 16, 8, nullptr } } },
  { "unsharp", Op::unsharp, 3, { { "radius", ParamKind::number, 0.5, 10, 2, nullptr },
                                 { "amount", ParamKind::number, 0, 5, 1, nullptr },
                                 { "threshold", ParamKind::number, 0, 255, 0, nullptr } } },
  { "denoise", Op::denoise, 2, { { "method", ParamKind::choice, 0, 0, 0, denoise_methods },
                                 { "strength", ParamKind::integer, 1, 10, 3, nullptr } } },
  { "greyscale", Op::greyscale, 0, {} },
  { "invert", Op::invert, 0, {} },
  { "channel", Op::channel, 1, { { "channel", ParamKind::choice, 0, 0, 0, channel_names } } },
};

struct Step
{
  const OpSpec *spec;
  double        v[max_params]; // numbers, or the index of a choice
};

} // namespace

static const OpSpec *
find_op (const char *name)
{
  for (const OpSpec &spec : op_specs)
    if (g_strcmp0 (spec.name, name) == 0)
      return &spec;
  return nullptr;
}

static std::string
op_names (void)
{
  std::string names;

  for (const OpSpec &spec : op_specs)
    names += std::string (names.empty () ? "" : ", ") + spec.name;
  return names;
}

static const ParamSpec *
find_param (const OpSpec *spec,
            const char   *name)
{
  for (int i = 0; i < spec->n_params; i++)
    if (g_str_equal (spec->params[i].name, name))
      return &spec->params[i];
  return nullptr;
}

static void G_GNUC_PRINTF (4, 5)
step_error (GError     **error,
            guint        index,
            const char  *op,
            const char  *format,
            ...)
{
  va_list args;

  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  if (op != nullptr)
    g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "Enhancement step %u (%s): %s",
                 index + 1, op, message);
  else
    g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "Enhancement step %u: %s", index + 1,
                 message);
}

static std::string
range_text (const ParamSpec *p)
{
  if (p->kind == ParamKind::choice)
    {
      std::string s;
      for (int i = 0; p->choices[i] != nullptr; i++)
        s += std::string (i == 0 ? "" : p->choices[i + 1] == nullptr ? " or " : ", ") + "“" +
             p->choices[i] + "”";
      return s;
    }
  char text[128];
  g_snprintf (text, sizeof text, "%s from %g to %g",
              p->kind == ParamKind::integer ? "a whole number" : "a number", p->min, p->max);
  return text;
}

static int
choice_index (const ParamSpec *p,
              JsonNode        *node)
{
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return -1;
  for (int i = 0; p->choices[i] != nullptr; i++)
    if (g_str_equal (p->choices[i], json_node_get_string (node)))
      return i;
  return -1;
}

static gboolean
number_value (const ParamSpec *p,
              JsonNode        *node,
              double          *value)
{
  GType type = json_node_get_value_type (node);

  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *value = json_node_get_double (node);
  if (!std::isfinite (*value) || *value < p->min || *value > p->max)
    return FALSE;
  return p->kind != ParamKind::integer || *value == std::floor (*value);
}

// A number as the user would write it (0.05, not 0.050000000000000003); anything else as JSON.
static std::string
node_text (JsonNode *node)
{
  GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      double value = json_node_get_double (node);
      for (int digits = 6; digits <= 17; digits++)
        {
          g_autofree char *format = g_strdup_printf ("%%.%dg", digits);
          g_ascii_formatd (buffer, sizeof buffer, format, value);
          if (g_ascii_strtod (buffer, nullptr) == value)
            break;
        }
      return buffer;
    }
  g_autofree char *text = json_to_string (node, FALSE);
  return text;
}

static gboolean
read_param (const ParamSpec *p,
            JsonObject      *o,
            guint            index,
            const char      *op,
            double          *value,
            GError         **error)
{
  JsonNode *node = json_object_get_member (o, p->name);

  if (node == nullptr)
    {
      step_error (error, index, op, "the parameter “%s” is missing (%s)", p->name,
                  range_text (p).c_str ());
      return FALSE;
    }
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      if (p->kind == ParamKind::choice)
        {
          int i = choice_index (p, node);
          *value = i;
          if (i >= 0)
            return TRUE;
        }
      else if (number_value (p, node, value))
        return TRUE;
    }
  std::string text = node_text (node);
  step_error (error, index, op, "“%s” must be %s, not %s", p->name, range_text (p).c_str (),
              text.c_str ());
  return FALSE;
}

static gboolean
check_members (const OpSpec  *spec,
               JsonObject    *o,
               guint          index,
               GError       **error)
{
  g_autoptr(GList) names = json_object_get_members (o);

  for (GList *l = names; l != nullptr; l = l->next)
    {
      const char *name = (const char *) l->data;
      if (g_str_equal (name, "op") || find_param (spec, name) != nullptr)
        continue;
      if (spec->n_params == 0)
        step_error (error, index, spec->name, "“%s” is not a parameter; %s takes none", name,
                    spec->name);
      else
        step_error (error, index, spec->name, "“%s” is not one of its parameters", name);
      return FALSE;
    }
  return TRUE;
}

static const OpSpec *
read_op (JsonNode  *node,
         guint      index,
         GError   **error)
{
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : nullptr;
  JsonNode *op = o != nullptr ? json_object_get_member (o, "op") : nullptr;

  if (op == nullptr || !JSON_NODE_HOLDS_VALUE (op) ||
      json_node_get_value_type (op) != G_TYPE_STRING)
    {
      step_error (error, index, nullptr, "a step is an object with an operation name in “op”");
      return nullptr;
    }
  const OpSpec *spec = find_op (json_node_get_string (op));
  if (spec == nullptr)
    step_error (error, index, nullptr,
                "“%s” is not an enhancement Likeness offers (%s); painting, cloning and "
                "generative operations are excluded by design", json_node_get_string (op),
                op_names ().c_str ());
  return spec;
}

static gboolean
read_step (JsonNode  *node,
           guint      index,
           Step      *step,
           GError   **error)
{
  const OpSpec *spec = read_op (node, index, error);
  if (spec == nullptr)
    return FALSE;

  JsonObject *o = json_node_get_object (node);
  step->spec = spec;
  for (int i = 0; i < spec->n_params; i++)
    if (!read_param (&spec->params[i], o, index, spec->name, &step->v[i], error))
      return FALSE;
  if (!check_members (spec, o, index, error))
    return FALSE;
  if (spec->op == Op::levels && step->v[0] >= step->v[1])
    {
      step_error (error, index, spec->name, "“black” (%g) must be below “white” (%g)",
                  step->v[0], step->v[1]);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_stack (JsonArray          *stack,
             std::vector<Step>  *steps,
             GError            **error)
{
  guint n = json_array_get_length (stack);

  if (n > LK_ENHANCEMENT_MAX_STEPS)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "An enhancement stack has at most %d steps, not %u", LK_ENHANCEMENT_MAX_STEPS,
                   n);
      return FALSE;
    }
  steps->resize (n);
  for (guint i = 0; i < n; i++)
    if (!read_step (json_array_get_element (stack, i), i, &(*steps)[i], error))
      return FALSE;
  return TRUE;
}

extern "C" gboolean
lk_cv_enhancement_validate (JsonArray  *stack,
                            GError    **error)
{
  g_return_val_if_fail (stack != nullptr, FALSE);

  return guard (error, LK_ERROR_INVALID_INPUT, "The enhancement stack could not be read",
                [&] () -> gboolean {
    std::vector<Step> steps;
    return parse_stack (stack, &steps, error);
  });
}

static JsonNode *
default_node (const ParamSpec *p)
{
  JsonNode *node = json_node_alloc ();

  if (p->kind == ParamKind::choice)
    return json_node_init_string (node, p->choices[(int) p->fallback]);
  if (p->kind == ParamKind::integer)
    return json_node_init_int (node, (gint64) p->fallback);
  return json_node_init_double (node, p->fallback);
}

static JsonObject *
default_step (const OpSpec *spec)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "op", spec->name);
  for (int i = 0; i < spec->n_params; i++)
    json_object_set_member (o, spec->params[i].name, default_node (&spec->params[i]));
  return o;
}

extern "C" JsonObject *
lk_cv_enhancement_default_step (const char *op)
{
  const OpSpec *spec = find_op (op);

  return spec != nullptr ? default_step (spec) : nullptr;
}

static JsonObject *
param_json (const ParamSpec *p)
{
  JsonObject *o = json_object_new ();
  static const char *const kinds[] = { "number", "integer", "choice" };

  json_object_set_string_member (o, "name", p->name);
  json_object_set_string_member (o, "kind", kinds[(int) p->kind]);
  if (p->kind == ParamKind::choice)
    {
      JsonArray *choices = json_array_new ();
      for (int i = 0; p->choices[i] != nullptr; i++)
        json_array_add_string_element (choices, p->choices[i]);
      json_object_set_array_member (o, "choices", choices);
    }
  else
    {
      json_object_set_double_member (o, "min", p->min);
      json_object_set_double_member (o, "max", p->max);
    }
  json_object_set_member (o, "default", default_node (p));
  return o;
}

extern "C" JsonArray *
lk_cv_enhancement_catalogue (void)
{
  JsonArray *ops = json_array_new ();

  for (const OpSpec &spec : op_specs)
    {
      JsonObject *o = json_object_new ();
      JsonArray *params = json_array_new ();
      for (int i = 0; i < spec.n_params; i++)
        json_array_add_object_element (params, param_json (&spec.params[i]));
      json_object_set_string_member (o, "op", spec.name);
      json_object_set_array_member (o, "params", params);
      json_array_add_object_element (ops, o);
    }
  return ops;
}

// ---- the operations, each on 8-bit RGB in place --------------------------------------------

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
apply_levels (cv::Mat    &rgb,
              const Step &s)
{
  double black = s.v[0], white = s.v[1], gamma = s.v[2];

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
apply_clahe (cv::Mat    &rgb,
             const Step &s)
{
  cv::Ptr<cv::CLAHE> clahe = cv::createCLAHE (s.v[0], cv::Size ((int) s.v[1], (int) s.v[1]));

  on_luminance (rgb, [&] (const cv::Mat &y, cv::Mat &out) { clahe->apply (y, out); });
}

// out = in + amount (in - blurred), only where |in - blurred| exceeds the threshold.
static void
apply_unsharp (cv::Mat    &rgb,
               const Step &s)
{
  double radius = s.v[0], amount = s.v[1], threshold = s.v[2];
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
apply_denoise (cv::Mat    &rgb,
               const Step &s)
{
  int strength = (int) s.v[1];
  cv::Mat out;

  if (s.v[0] == 0)
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
apply_step (cv::Mat    &rgb,
            const Step &s)
{
  cv::Mat grey;

  switch (s.spec->op)
    {
    case Op::brightness:
      apply_curve (rgb, [&] (double v) { return v + 2.55 * s.v[0]; });
      break;
    case Op::contrast:
      apply_curve (rgb, [&] (double v) { return (v - 127.5) * contrast_factor (s.v[0]) + 127.5; });
      break;
    case Op::gamma:
      apply_curve (rgb, [&] (double v) { return 255 * std::pow (v / 255, 1 / s.v[0]); });
      break;
    case Op::levels:
      apply_levels (rgb, s);
      break;
    case Op::equalize:
      on_luminance (rgb, [] (const cv::Mat &y, cv::Mat &out) { cv::equalizeHist (y, out); });
      break;
    case Op::clahe:
      apply_clahe (rgb, s);
      break;
    case Op::unsharp:
      apply_unsharp (rgb, s);
      break;
    case Op::denoise:
      apply_denoise (rgb, s);
      break;
    case Op::greyscale:
      cv::cvtColor (rgb, grey, cv::COLOR_RGB2GRAY);
      grey_to_rgb (grey, rgb);
      break;
    case Op::invert:
      cv::bitwise_not (rgb, rgb);
      break;
    case Op::channel:
      cv::extractChannel (rgb, grey, (int) s.v[0]);
      grey_to_rgb (grey, rgb);
      break;
    }
}

static gboolean
valid_pixels (const LkPixels *p)
{
  return p != nullptr && p->pixels != nullptr && p->width > 0 && p->height > 0 &&
         p->stride >= p->width * 4;
}

static cv::Mat
wrap (const LkPixels *pixels)
{
  return cv::Mat (pixels->height, pixels->width, CV_8UC4, pixels->pixels,
                  (size_t) pixels->stride);
}

static LkPixels *
enhance (const LkPixels          *in,
         const std::vector<Step> &steps)
{
  cv::Mat src = wrap (in);
  std::unique_ptr<LkPixels, decltype (&lk_pixels_free)> out (lk_pixels_new (in->width,
                                                                            in->height),
                                                             lk_pixels_free);
  cv::Mat dst = wrap (out.get ());

  if (steps.empty ())
    {
      src.copyTo (dst);
      return out.release ();
    }
  cv::Mat rgb;
  cv::cvtColor (src, rgb, cv::COLOR_RGBA2RGB);
  for (const Step &s : steps)
    apply_step (rgb, s);
  cv::cvtColor (rgb, dst, cv::COLOR_RGB2RGBA);
  const int alpha[] = { 3, 3 };
  cv::mixChannels (&src, 1, &dst, 1, alpha, 1);
  g_assert (dst.data == out->pixels); // written in place, never reallocated
  return out.release ();
}

extern "C" LkPixels *
lk_cv_enhance (const LkPixels  *in,
               JsonArray       *stack,
               GError         **error)
{
  g_return_val_if_fail (valid_pixels (in), nullptr);
  g_return_val_if_fail (stack != nullptr, nullptr);
  g_return_val_if_fail (error == nullptr || *error == nullptr, nullptr);

  return guard (error, LK_ERROR_IMAGE, "The enhancement could not be applied",
                [&] () -> LkPixels * {
    std::vector<Step> steps;
    return parse_stack (stack, &steps, error) ? enhance (in, steps) : nullptr;
  });
}

// ---- alignment warp and difference ---------------------------------------------------------

// These two have no GError: a failure (out of memory inside OpenCV) is a warning and NULL.
template <typename Body>
static LkPixels *
guard_pixels (const char  *what,
              Body       &&body)
{
  g_autoptr(GError) error = nullptr;
  LkPixels *pixels = guard (&error, LK_ERROR_IMAGE, what, body);

  if (pixels == nullptr && error != nullptr)
    g_warning ("%s", error->message);
  return pixels;
}

static LkPixels *
warp_similarity (const LkPixels *in,
                 double          a,
                 double          b,
                 double          tx,
                 double          ty,
                 int             out_width,
                 int             out_height)
{
  // OpenCV puts pixel centres at whole numbers, ours at halves: T_cv (p) = T (p + c) - c.
  double tx_cv = 0.5 * a - 0.5 * b + tx - 0.5;
  double ty_cv = 0.5 * b + 0.5 * a + ty - 0.5;
  cv::Mat m = (cv::Mat_<double> (2, 3) << a, -b, tx_cv, b, a, ty_cv);
  std::unique_ptr<LkPixels, decltype (&lk_pixels_free)> out (lk_pixels_new (out_width,
                                                                            out_height),
                                                             lk_pixels_free);
  cv::Mat dst = wrap (out.get ());

  cv::warpAffine (wrap (in), dst, m, dst.size (), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                  cv::Scalar (0, 0, 0, 0));
  g_assert (dst.data == out->pixels);
  return out.release ();
}

extern "C" LkPixels *
lk_cv_warp_similarity (const LkPixels *in,
                       double          a,
                       double          b,
                       double          tx,
                       double          ty,
                       int             out_width,
                       int             out_height)
{
  g_return_val_if_fail (valid_pixels (in), nullptr);
  g_return_val_if_fail (out_width > 0 && out_height > 0, nullptr);

  if (!std::isfinite (a) || !std::isfinite (b) || !std::isfinite (tx) || !std::isfinite (ty) ||
      !(a * a + b * b > 0))
    {
      g_warning ("lk_cv_warp_similarity: a degenerate transform (%g, %g, %g, %g)", a, b, tx, ty);
      return nullptr;
    }
  return guard_pixels ("The image could not be warped", [&] () {
    return warp_similarity (in, a, b, tx, ty, out_width, out_height);
  });
}

static LkPixels *
difference (const LkPixels *a,
            const LkPixels *b)
{
  std::unique_ptr<LkPixels, decltype (&lk_pixels_free)> out (lk_pixels_new (a->width,
                                                                            a->height),
                                                             lk_pixels_free);
  cv::Mat dst = wrap (out.get ());

  cv::absdiff (wrap (a), wrap (b), dst);
  g_assert (dst.data == out->pixels);
  for (int y = 0; y < a->height; y++)
    {
      const guint8 *pa = a->pixels + (gsize) y * a->stride;
      const guint8 *pb = b->pixels + (gsize) y * b->stride;
      guint8 *pd = out->pixels + (gsize) y * out->stride;
      for (int x = 3; x < a->width * 4; x += 4)
        pd[x] = std::min (pa[x], pb[x]);
    }
  return out.release ();
}

extern "C" LkPixels *
lk_cv_difference (const LkPixels *a,
                  const LkPixels *b)
{
  g_return_val_if_fail (valid_pixels (a) && valid_pixels (b), nullptr);
  g_return_val_if_fail (a->width == b->width && a->height == b->height, nullptr);

  return guard_pixels ("The difference could not be computed",
                       [&] () { return difference (a, b); });
}
