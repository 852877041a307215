/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The C face of the OpenCV wrapper: every OpenCV call and every C++ exception stays in the
 * lk-cv-*.cpp files. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* 8-bit RGBA pixels, rows @stride bytes apart. */
typedef struct
{
  int     width;
  int     height;
  int     stride;
  guint8 *pixels;
} LkPixels;

const char *lk_cv_version  (void);

/* Decodes image bytes (any format OpenCV reads). With @max_side > 0 the result is shrunk,
 * so that neither side exceeds @max_side. */
LkPixels   *lk_cv_decode   (GBytes      *bytes,
                            int          max_side,
                            GError     **error);

LkPixels   *lk_pixels_new  (int          width,
                            int          height);
void        lk_pixels_free (LkPixels    *pixels);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkPixels, lk_pixels_free)

/* The smaller levels of a display pyramid of opaque RGBA @pixels: halved (INTER_AREA, sides
 * rounded up), then halved again, until the long side is at most @smallest_side; level 1
 * first, NULL when @pixels are that small already. Alpha is dropped: unlike everywhere else,
 * these pixels are 3 bytes each (R, G, B), rows @stride bytes apart. */
GPtrArray  *lk_cv_halvings         (const LkPixels          *pixels,
                                    int                      smallest_side);

/* ---- decoded images, face finding, quality ---------------------------------------------- */

typedef struct
{
  double x;
  double y;
} LkPoint;

/* A face in image coordinates of the full-resolution original. Eyes are given as they appear
 * in the image: eye_a has the smaller x. Landmarks (YuNet only): right eye, left eye, nose tip,
 * right and left mouth corners, in YuNet's order. */
typedef struct
{
  int      x;
  int      y;
  int      width;
  int      height;
  double   score;        /* detector confidence, 0..1 (1 for Haar) */
  gboolean has_eyes;
  LkPoint  eye_a;
  LkPoint  eye_b;
  int      n_landmarks;  /* 0 or 5 */
  LkPoint  landmarks[5];
} LkFace;

typedef struct
{
  const char *haar_dir;     /* NULL: LIKENESS_HAAR_DIR, then the installed OpenCV data */
  const char *yunet_model;  /* NULL or "": Haar; a path: YuNet 2022mar ONNX */
} LkDetectorConfig;

typedef struct
{
  int      face_width;
  int      face_height;
  gboolean has_eyes;
  double   inter_eye_px;       /* distance between eye centres, original pixels */
  double   roll_degrees;       /* angle of the eye line from horizontal, -90..90; positive
                                  when it falls to the right (a clockwise roll as seen) */
  double   sharpness;          /* variance of the Laplacian over the face, grey 0..255 */
  double   mean_brightness;    /* 0..255 over the face */
  double   clipped_dark;       /* fraction of face pixels at <= 2 */
  double   clipped_bright;     /* fraction of face pixels at >= 253 */
  double   contrast;           /* standard deviation of grey over the face, 0..127.5 */
  gboolean has_brisque;
  double   brisque;            /* OpenCV BRISQUE score over the face, lower is better */
} LkQualityFigures;

typedef struct _LkCvImage LkCvImage;

/* Decodes once, upright (the EXIF orientation a camera recorded applied, as in every view of
 * an image); everything below works on the decoded image. */
LkCvImage  *lk_cv_image_decode     (GBytes                  *bytes,
                                    GError                 **error);
void        lk_cv_image_free       (LkCvImage               *image);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkCvImage, lk_cv_image_free)
int         lk_cv_image_get_width  (LkCvImage               *image);
int         lk_cv_image_get_height (LkCvImage               *image);
/* RGBA copy, shrunk (INTER_AREA) so that neither side exceeds @max_side when > 0. */
LkPixels   *lk_cv_image_to_pixels  (LkCvImage               *image,
                                    int                      max_side);
/* Faces, largest first (GArray of LkFace; empty when none). Detection runs on a copy shrunk
 * for speed; results are mapped back to the original's coordinates. */
GArray     *lk_cv_image_find_faces (LkCvImage               *image,
                                    const LkDetectorConfig  *config,
                                    GError                 **error);
/* Quality figures over @face (NULL: the whole image). */
gboolean    lk_cv_image_measure    (LkCvImage               *image,
                                    const LkFace            *face,
                                    LkQualityFigures        *figures,
                                    GError                 **error);
/* A simulated CCTV still for the demo workspace: down-scaled to @width, blurred, rotated by
 * @degrees (positive: clockwise, the sense of roll_degrees), JPEG at @jpeg_quality.
 * Deterministic. */
GBytes     *lk_cv_simulate_cctv    (GBytes                  *bytes,
                                    int                      width,
                                    double                   degrees,
                                    int                      jpeg_quality,
                                    GError                 **error);

/* ---- thumbnails and engine templates ------------------------------------------------------ */

/* A thumbnail whose long side is at most @size, upright (the EXIF orientation applied): JPEGs
 * are shrunk while decoding (1/2, 1/4, 1/8), then a box average takes the whole-number part
 * of the remaining reduction and bilinear interpolation the rest (less than 2x). */
LkPixels   *lk_cv_thumbnail        (GBytes                  *bytes,
                                    int                      size,
                                    GError                 **error);

/* A face template for the built-in engine: a float vector of @dimension, L2-normalised, so a
 * dot product is the cosine similarity (free with g_free). With @embedding_model NULL or "":
 * the classic template (2891 values), the face aligned by its eye centres to a fixed 96 x 112
 * grey crop, uniform LBP histograms over a 7 x 7 grid, square-rooted and normalised. With a
 * path: 5-point alignment to the 112 x 112 template and the ONNX model's 1xD output (any such
 * model; another output shape, a missing or unreadable file: LK_ERROR_FAILED naming it).
 *
 * The eye centres: a face with five landmarks (YuNet) is aligned by them as they are. A face
 * without landmarks (Haar) is placed by its box, with the eyes at 0.3 and 0.7 of its width and
 * 0.38 of its height; its detected eyes, when each lies within 0.15 of the box's width of
 * those points, give only the roll (Haar eye centres wander by several pixels, the box much
 * less). A Haar face whose eyes were not found, or were found far from those points, is
 * aligned upright by its box alone. A face that cannot be aligned (no box and no eyes):
 * LK_ERROR_IMAGE "no usable face". */
float      *lk_cv_image_template   (LkCvImage               *image,
                                    const LkFace            *face,
                                    const char              *embedding_model,
                                    guint                   *dimension,
                                    GError                 **error);
/* How an embedding model wants its face crop: @input_width x @input_height (the five points of
 * the 112 x 112 crop scaled to it), channels in RGB or BGR order, each (value - mean) * scale
 * (mean in the model's channel order), and the number of values it gives (0: any). */
typedef struct
{
  int      input_width;
  int      input_height;
  gboolean bgr;
  double   mean[3];
  double   scale;
  guint    embedding_size;
} LkEmbeddingConvention;

/* The convention of models installed without a descriptor: 112 x 112 RGB, (x - 127.5) / 128. */
#define LK_EMBEDDING_CONVENTION_DEFAULT { 112, 112, FALSE, { 127.5, 127.5, 127.5 }, 1.0 / 128, 0 }

/* lk_cv_image_template() for a model with its convention (NULL: the default one). */
float      *lk_cv_image_embedding  (LkCvImage                   *image,
                                    const LkFace                *face,
                                    const char                  *embedding_model,
                                    const LkEmbeddingConvention *convention,
                                    guint                       *dimension,
                                    GError                     **error);
/* Runs @model once on a grey crop of the convention's size; FALSE (LK_ERROR_FAILED, saying
 * what disagrees) when it cannot be read, fails on that input or gives another number of
 * values than the convention declares. */
gboolean    lk_cv_embedding_check  (const char                  *model,
                                    const LkEmbeddingConvention *convention,
                                    GError                     **error);
/* The file that finds faces for @config: the YuNet model, or the Haar frontal-face cascade
 * (NULL with @error when it is missing). What a template records of its detector. */
char       *lk_cv_detector_file    (const LkDetectorConfig      *config,
                                    GError                     **error);
/* "lbp-1", or "onnx:" and the model file's base name. */
char       *lk_cv_template_version (const char              *embedding_model);

/* ---- enhancement, alignment warp and difference (the examination workspace) --------------- */

/* An enhancement stack is a JSON array of steps applied in order, each {"op": NAME, params}.
 * The list of operations is closed by design: tone, contrast, sharpness and noise only, never
 * painting, cloning or generative operations. Every parameter is required, none else allowed:
 *   brightness  {amount -100..100}            adds amount % of full scale
 *   contrast    {amount -100..100}            about mid-grey; -100 flat, 100 a threshold
 *   gamma       {gamma 0.1..5}                out = in ^ (1 / gamma): above 1 brightens
 *   levels      {black 0..254, white 1..255, gamma 0.1..5}   black < white
 *   equalize    {}                            histogram equalisation of the luminance
 *   clahe       {clip 0.5..10, tiles 2..16}   CLAHE of the luminance, tiles x tiles grid
 *   unsharp     {radius 0.5..10, amount 0..5, threshold 0..255}   Gaussian sigma = radius
 *   denoise     {method "bilateral"|"median", strength 1..10}   window 2 strength + 1
 *   greyscale   {}
 *   invert      {}
 *   channel     {channel "red"|"green"|"blue"}   that channel shown as grey
 * tiles, black, white and strength are whole numbers. Luminance is Y of YCrCb. At most
 * LK_ENHANCEMENT_MAX_STEPS steps. */
#define LK_ENHANCEMENT_MAX_STEPS 32

/* Checks a stack as JSON (what examinations store); the error (LK_ERROR_INVALID_INPUT) names
 * the step number (1-based), its operation and the problem. The typed stack of
 * lk-enhancement.h is read and checked with the same rules and messages, and applied to
 * pixels with lk_cv_enhance() (declared there). */
gboolean    lk_cv_enhancement_validate  (JsonArray               *stack,
                                         GError                 **error);

/* @in warped by the similarity (x, y) -> (a x - b y + tx, b x + a y + ty) (coordinates with
 * pixel (i, j) covering [i, i + 1) x [j, j + 1)) into an image of @out_width x @out_height,
 * bilinear; what the warped image does not cover is transparent black. NULL when the
 * transform is degenerate or OpenCV fails (with a warning). */
LkPixels   *lk_cv_warp_similarity       (const LkPixels          *in,
                                         double                   a,
                                         double                   b,
                                         double                   tx,
                                         double                   ty,
                                         int                      out_width,
                                         int                      out_height);
/* |a - b| per colour channel; alpha is the smaller of the two alphas, so what either image
 * does not cover stays transparent. Both of the same size. */
LkPixels   *lk_cv_difference            (const LkPixels          *a,
                                         const LkPixels          *b);

G_END_DECLS
