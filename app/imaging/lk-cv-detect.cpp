// SPDX-License-Identifier: GPL-3.0-or-later
// Face finding: the Haar cascades with an eye search of their own, or YuNet with its five
// landmarks. A large photograph is first searched by the LBP cascade, about three times
// cheaper per window, at a scale where a face 24 pixels between the eyes still fills the
// cascades' 24-pixel window; the Haar cascade then places each face found, at full
// resolution around the hit, so that its box is the one the engine aligns by.
#include "config.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include "lk-cv-private.hpp"

using namespace lk_cv;

// Detection runs on a copy whose long side is at most this. A coarser copy would be faster but
// misses the small faces of crowd scenes, and finding every face matters more here.
static const int detect_max_side = 1280;
// The smallest face a large photograph is searched for: a Haar box of about this many pixels
// holds eyes 24 pixels apart. The pre-pass runs at the scale that makes it the cascades'
// window (24 pixels), or at detect_max_side when that is finer.
static const double smallest_face_box = 56.0;
static const int cascade_window = 24;
// The LBP pre-pass's step between scales.
static const double prepass_scale_step = 1.25;
// Around each pre-pass hit, the Haar cascade searches a crop of twice the hit's size, scaled
// so that the hit is about this wide.
static const int refine_face_width = 64;
// Eye search runs on the upper half of a face scaled to this width.
static const int eye_search_width = 320;
// Images up to this side may be tight crops of a face: see haar_faces().
static const int tight_crop_max_side = 400;

// ---- Haar face and eye detection -----------------------------------------------------------

struct HaarSet
{
  std::string           dir;
  cv::CascadeClassifier face;
  cv::CascadeClassifier eye;
  cv::CascadeClassifier eye_glasses; // optional second try
  cv::CascadeClassifier lbp_face;    // optional pre-pass for large photographs
};

// Loading a cascade costs tens of milliseconds; each thread keeps its own set, since a
// classifier must not run in two threads at once.
static thread_local std::unique_ptr<HaarSet> haar_cache;

// The LBP cascade beside the Haar cascades (OpenCV installs lbpcascades/ next to
// haarcascades/), else in OpenCV's data folders. Without it large photographs are searched by
// the Haar cascade alone, at the same scale: slower, the same faces.
static void
load_lbp (HaarSet *set)
{
  g_autofree char *parent = g_path_get_dirname (set->dir.c_str ());
  std::vector<std::string> dirs = data_dirs (nullptr, "LIKENESS_LBP_DIR", "lbpcascades");

  dirs.insert (dirs.begin (), in_dir (parent, "lbpcascades"));
  std::string dir = find_dir (dirs, "lbpcascade_frontalface.xml");
  if (!dir.empty ())
    set->lbp_face.load (in_dir (dir, "lbpcascade_frontalface.xml"));
}

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
  load_lbp (set.get ());
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

extern "C" char *
lk_cv_detector_file (const LkDetectorConfig *config,
                     GError                **error)
{
  if (config != nullptr && config->yunet_model != nullptr && *config->yunet_model != '\0')
    {
      if (g_file_test (config->yunet_model, G_FILE_TEST_IS_REGULAR))
        return g_strdup (config->yunet_model);
      g_set_error (error, LK_ERROR, LK_ERROR_FAILED,
                   "The YuNet face detector model %s does not exist or is not a file",
                   config->yunet_model);
      return nullptr;
    }
  return guard (error, LK_ERROR_FAILED, "The face detector could not be found", [&] () {
    std::vector<std::string> dirs = data_dirs (config != nullptr ? config->haar_dir : nullptr,
                                               "LIKENESS_HAAR_DIR", "haarcascades");
    std::string dir = find_dir (dirs, "haarcascade_frontalface_default.xml");
    if (!dir.empty ())
      return g_strdup (in_dir (dir, "haarcascade_frontalface_default.xml").c_str ());
    g_set_error (error, LK_ERROR, LK_ERROR_FAILED,
                 "The Haar face cascade haarcascade_frontalface_default.xml was not found; "
                 "searched: %s. Install opencv-data or set LIKENESS_HAAR_DIR",
                 join (dirs).c_str ());
    return (char *) nullptr;
  });
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

// ---- large photographs: a pre-pass, then the Haar cascade around each hit -----------------

// The share of the smaller of @a and @b that lies in both.
static double
overlap_of_smaller (const cv::Rect &a,
                    const cv::Rect &b)
{
  double smaller = std::min (a.area (), b.area ());

  return smaller > 0 ? (a & b).area () / smaller : 0;
}

// The grey copies a large photograph is searched in. The original is halved first (a factor
// of exactly two takes INTER_AREA's fast path, a mean of 2 x 2 pixels) and turned grey at that
// size; the pre-pass copy is made from the half by linear interpolation, a reduction by less
// than two. The whole original is never turned grey: a refinement or an eye search cuts its
// crop from the coarsest copy that still holds the detail it needs.
struct Level
{
  cv::Mat grey;  // empty: the original itself, cut and turned grey crop by crop
  double  f;     // this copy's pixels per original pixel
};

struct Levels
{
  const cv::Mat *bgr;
  Level          half;
  Level          prepass;  // not equalised
};

static Level
scaled_level (const cv::Mat &grey,
              double         from_f,
              const cv::Mat &bgr,
              double         f)
{
  cv::Size size (std::max (1, (int) std::lround (bgr.cols * f)),
                 std::max (1, (int) std::lround (bgr.rows * f)));
  double relative = f / from_f;
  Level level = { cv::Mat (), f };

  cv::resize (grey, level.grey, size, 0, 0, relative >= 0.5 ? cv::INTER_LINEAR : cv::INTER_AREA);
  return level;
}

static Levels
make_levels (const cv::Mat &bgr,
             double         f)
{
  Levels levels = { &bgr, { cv::Mat (), 1.0 }, { cv::Mat (), 1.0 } };
  cv::Mat half_bgr, full_grey;

  if (f <= 0.5)
    {
      cv::resize (bgr, half_bgr, cv::Size (bgr.cols / 2, bgr.rows / 2), 0, 0, cv::INTER_AREA);
      cv::cvtColor (half_bgr, levels.half.grey, cv::COLOR_BGR2GRAY);
      levels.half.f = (double) half_bgr.cols / bgr.cols;
      levels.prepass = scaled_level (levels.half.grey, levels.half.f, bgr, f);
    }
  else
    {
      cv::cvtColor (bgr, full_grey, cv::COLOR_BGR2GRAY);
      levels.prepass = scaled_level (full_grey, 1.0, bgr, f);
    }
  return levels;
}

// The coarsest copy with at least @g pixels per original pixel.
static const Level &
level_for (const Levels &levels,
           double        g)
{
  static const Level original = { cv::Mat (), 1.0 };

  if (g <= levels.prepass.f)
    return levels.prepass;
  if (!levels.half.grey.empty () && g <= levels.half.f)
    return levels.half;
  return original;
}

// @roi (original pixels) of the photograph in grey, scaled by @g.
static cv::Mat
grey_crop (const Levels   &levels,
           const cv::Rect &roi,
           double          g)
{
  const Level &level = level_for (levels, g);
  cv::Mat grey, crop;

  if (level.grey.empty ())
    cv::cvtColor ((*levels.bgr) (roi), grey, cv::COLOR_BGR2GRAY);
  else
    {
      cv::Rect r = cv::Rect ((int) std::lround (roi.x * level.f),
                             (int) std::lround (roi.y * level.f),
                             std::max (1, (int) std::lround (roi.width * level.f)),
                             std::max (1, (int) std::lround (roi.height * level.f)))
                   & cv::Rect (0, 0, level.grey.cols, level.grey.rows);
      grey = level.grey (r);
    }
  cv::Size size (std::max (1, (int) std::lround (roi.width * g)),
                 std::max (1, (int) std::lround (roi.height * g)));
  cv::resize (grey, crop, size, 0, 0, cv::INTER_AREA);
  return crop;
}

// Candidate boxes in the original's coordinates, from the LBP cascade (or, without it, the
// Haar cascade) on the pre-pass copy.
static std::vector<cv::Rect>
prepass_hits (HaarSet       &haar,
              const Levels  &levels)
{
  cv::Size window (cascade_window, cascade_window);
  std::vector<cv::Rect> hits;
  cv::Mat small;

  cv::equalizeHist (levels.prepass.grey, small);
  // Scales 1.25 apart: about a sixth fewer windows than 1.2; every face of test-small-faces is
  // still found (1.3 missed one of the twelve in a trial).
  if (!haar.lbp_face.empty ())
    haar.lbp_face.detectMultiScale (small, hits, prepass_scale_step, 1, 0, window);
  else
    haar.face.detectMultiScale (small, hits, 1.1, 3, cv::CASCADE_SCALE_IMAGE, window);
  double fx = (double) levels.bgr->cols / small.cols, fy = (double) levels.bgr->rows / small.rows;
  for (cv::Rect &r : hits)
    r = cv::Rect ((int) std::lround (r.x * fx), (int) std::lround (r.y * fy),
                  (int) std::lround (r.width * fx), (int) std::lround (r.height * fy));
  return hits;
}

// The Haar face that overlaps @hit most (at least half of the smaller box), searched in a crop
// twice the hit's size; an empty box when the Haar cascade finds none there.
static cv::Rect
refine_hit (HaarSet        &haar,
            const Levels   &levels,
            const cv::Rect &hit)
{
  cv::Rect roi = cv::Rect (hit.x - hit.width / 2, hit.y - hit.height / 2, hit.width * 2,
                           hit.height * 2) & cv::Rect (0, 0, levels.bgr->cols, levels.bgr->rows);
  double g = std::min (1.0, (double) refine_face_width / std::max (1, hit.width));
  std::vector<cv::Rect> found;
  cv::Rect best;
  double best_overlap = 0.5;
  cv::Mat crop;

  if (roi.width < cascade_window || roi.height < cascade_window)
    return best;
  crop = grey_crop (levels, roi, g);
  cv::equalizeHist (crop, crop);
  haar.face.detectMultiScale (crop, found, 1.1, 5, cv::CASCADE_SCALE_IMAGE,
                              cv::Size (cascade_window, cascade_window));
  for (const cv::Rect &q : found)
    {
      cv::Rect r ((int) std::lround (roi.x + q.x / g), (int) std::lround (roi.y + q.y / g),
                  (int) std::lround (q.width / g), (int) std::lround (q.height / g));
      double o = overlap_of_smaller (r, hit);

      if (o >= best_overlap)
        {
          best = r;
          best_overlap = o;
        }
    }
  return best;
}

// The pre-pass runs at the scale that makes the smallest face the cascades' window, or at
// detect_max_side when that is finer.
static double
prepass_scale (const cv::Mat &bgr)
{
  int side = std::max (bgr.cols, bgr.rows);

  return std::min (1.0, std::max (cascade_window / smallest_face_box,
                                  (double) detect_max_side / side));
}

static std::vector<LkFace>
detect_large (HaarSet       &haar,
              const cv::Mat &bgr)
{
  Shrunk full = { bgr, 1.0, 1.0 };
  Levels levels = make_levels (bgr, prepass_scale (bgr));
  std::vector<cv::Rect> boxes;
  std::vector<LkFace> faces;

  for (const cv::Rect &hit : prepass_hits (haar, levels))
    {
      cv::Rect r = refine_hit (haar, levels, hit);
      bool seen = std::any_of (boxes.begin (), boxes.end (), [&] (const cv::Rect &b) {
        return overlap_of_smaller (b, r) >= 0.5;
      });

      if (!r.empty () && !seen)
        boxes.push_back (r);
    }
  for (const cv::Rect &r : boxes)
    {
      LkFace face = face_from_rect_unclipped (r, full);
      find_eyes (haar, bgr, &face);
      clip_face (&face, bgr);
      if (face.width > 0 && face.height > 0)
        faces.push_back (face);
    }
  return faces;
}

// ---- Haar ----------------------------------------------------------------------------------

static std::vector<LkFace>
detect_haar (HaarSet       &haar,
             const cv::Mat &bgr)
{
  if (std::max (bgr.cols, bgr.rows) > detect_max_side)
    return detect_large (haar, bgr);

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
