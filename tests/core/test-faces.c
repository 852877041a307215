/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Decoding for analysis and face finding (Haar, and YuNet when its model is at hand) on the
 * public-domain demo portraits. */
#include "config.h"

#include <cairo.h>
#include <gexiv2/gexiv2.h>
#include <math.h>
#include <string.h>

#include "lk-test-util.h"
#include "imaging/lk-cv.h"
#include "imaging/lk-face-crop.h"

static char *
demo_path (const char *name)
{
  const char *source = g_getenv ("LIKENESS_SOURCE_DIR");

  g_assert_nonnull (source);
  return g_build_filename (source, "data", "demo", name, NULL);
}

static LkCvImage *
decode_demo (const char *name)
{
  g_autofree char *path = demo_path (name);
  g_autoptr(GBytes) bytes = lk_test_read_bytes (path);
  g_autoptr(GError) error = NULL;
  LkCvImage *image = lk_cv_image_decode (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (image);
  return image;
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
surface_to_png (cairo_surface_t *surface)
{
  GByteArray *b = g_byte_array_new ();

  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_to_array, b), ==,
                   CAIRO_STATUS_SUCCESS);
  return g_byte_array_free_to_bytes (b);
}

static GArray *
find_faces (LkCvImage  *image,
            const char *yunet_model)
{
  LkDetectorConfig config = { NULL, yunet_model };
  g_autoptr(GError) error = NULL;
  GArray *faces = lk_cv_image_find_faces (image, &config, &error);

  g_assert_no_error (error);
  g_assert_nonnull (faces);
  return faces;
}

static gboolean
inside (const LkFace  *face,
        const LkPoint *p)
{
  return p->x >= face->x && p->x < face->x + face->width
         && p->y >= face->y && p->y < face->y + face->height;
}

/* One face with two eyes in its upper half, at a plausible distance apart. */
static void
assert_portrait_face (GArray *faces,
                      int     image_width,
                      int     image_height)
{
  const LkFace *face;
  double distance;

  g_assert_cmpuint (faces->len, ==, 1);
  face = &g_array_index (faces, LkFace, 0);
  g_assert_cmpint (face->x, >=, 0);
  g_assert_cmpint (face->y, >=, 0);
  g_assert_cmpint (face->x + face->width, <=, image_width);
  g_assert_cmpint (face->y + face->height, <=, image_height);
  g_assert_cmpint (face->width, >=, image_width / 8);
  g_assert_true (face->has_eyes);
  g_assert_true (inside (face, &face->eye_a));
  g_assert_true (inside (face, &face->eye_b));
  g_assert_cmpfloat (face->eye_a.x, <, face->eye_b.x);
  g_assert_cmpfloat (face->eye_a.y, <, face->y + face->height * 0.6);
  g_assert_cmpfloat (face->eye_b.y, <, face->y + face->height * 0.6);
  distance = hypot (face->eye_b.x - face->eye_a.x, face->eye_b.y - face->eye_a.y);
  g_assert_cmpfloat (distance, >, 0.2 * face->width);
  g_assert_cmpfloat (distance, <, 0.6 * face->width);
}

static void
test_haar_demo_portraits (void)
{
  const char *names[] = { "grace_hopper.jpg", "astronaut.png" };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(LkCvImage) image = decode_demo (names[i]);
      g_autoptr(GArray) faces = find_faces (image, NULL);

      g_test_message ("%s", names[i]);
      assert_portrait_face (faces, lk_cv_image_get_width (image), lk_cv_image_get_height (image));
      g_assert_cmpfloat (g_array_index (faces, LkFace, 0).score, ==, 1.0);
      g_assert_cmpint (g_array_index (faces, LkFace, 0).n_landmarks, ==, 0);
    }
}

static void
test_no_face_in_gradient (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 640, 480);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *gradient = cairo_pattern_create_linear (0, 0, 640, 480);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCvImage) image = NULL;
  g_autoptr(GArray) faces = NULL;

  cairo_pattern_add_color_stop_rgb (gradient, 0, 0.1, 0.2, 0.6);
  cairo_pattern_add_color_stop_rgb (gradient, 1, 0.9, 0.8, 0.3);
  cairo_set_source (cr, gradient);
  cairo_paint (cr);
  cairo_pattern_destroy (gradient);
  cairo_destroy (cr);
  png = surface_to_png (surface);
  cairo_surface_destroy (surface);

  image = lk_cv_image_decode (png, &error);
  g_assert_no_error (error);
  faces = find_faces (image, NULL);
  g_assert_cmpuint (faces->len, ==, 0);
}

/* The astronaut at full size and at half size side by side: two faces, the larger first, in
 * the coordinates of the composed image. */
static void
test_largest_first (void)
{
  g_autofree char *path = demo_path ("astronaut.png");
  cairo_surface_t *portrait = cairo_image_surface_create_from_png (path);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1024, 512);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(LkCvImage) image = NULL;
  g_autoptr(GArray) faces = NULL;
  const LkFace *large, *small;

  g_assert_cmpint (cairo_surface_status (portrait), ==, CAIRO_STATUS_SUCCESS);
  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_paint (cr);
  cairo_translate (cr, 640, 128);
  cairo_scale (cr, 0.5, 0.5);
  cairo_set_source_surface (cr, portrait, 0, 0);
  cairo_paint (cr);
  cairo_identity_matrix (cr);
  cairo_set_source_surface (cr, portrait, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  png = surface_to_png (surface);
  cairo_surface_destroy (surface);
  cairo_surface_destroy (portrait);

  image = lk_cv_image_decode (png, NULL);
  faces = find_faces (image, NULL);
  g_assert_cmpuint (faces->len, ==, 2);
  large = &g_array_index (faces, LkFace, 0);
  small = &g_array_index (faces, LkFace, 1);
  g_assert_cmpint (large->width * large->height, >, small->width * small->height);
  g_assert_cmpint (large->x, <, 512);
  g_assert_cmpint (small->x, >=, 640);
  g_assert_cmpint (small->y, >=, 128);
}

static void
test_missing_cascades (LkTestFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr(LkCvImage) image = decode_demo ("grace_hopper.jpg");
  LkDetectorConfig config = { fixture->dir, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) faces = lk_cv_image_find_faces (image, &config, &error);

  g_assert_null (faces);
  g_assert_error (error, LK_ERROR, LK_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, fixture->dir));
  g_assert_nonnull (strstr (error->message, "haarcascade_frontalface_default.xml"));
}

/* $LIKENESS_SHARED_DATA/models holds the YuNet model outside the tree. */
static char *
yunet_model_path (void)
{
  const char *shared = g_getenv ("LIKENESS_SHARED_DATA");

  if (shared == NULL || *shared == '\0')
    return NULL;
  return g_build_filename (shared, "models", "face_detection_yunet_2022mar.onnx", NULL);
}

static void
test_yunet (void)
{
  g_autofree char *model = yunet_model_path ();
  g_autoptr(LkCvImage) image = NULL;
  g_autoptr(GArray) faces = NULL;
  const LkFace *face;

  if (model == NULL || !g_file_test (model, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("The YuNet model face_detection_yunet_2022mar.onnx is not available: set "
                   "LIKENESS_SHARED_DATA to the folder holding models/");
      return;
    }
  image = decode_demo ("grace_hopper.jpg");
  faces = find_faces (image, model);
  assert_portrait_face (faces, lk_cv_image_get_width (image), lk_cv_image_get_height (image));
  face = &g_array_index (faces, LkFace, 0);
  g_assert_cmpint (face->n_landmarks, ==, 5);
  g_assert_cmpfloat (face->score, >=, 0.7);
  g_assert_cmpfloat (face->score, <=, 1.0);
  for (int i = 0; i < 5; i++)
    g_assert_true (inside (face, &face->landmarks[i]));
  /* the eyes are landmarks 0 and 1, in image order; the nose lies below them */
  g_assert_true (memcmp (&face->eye_a, &face->landmarks[0], sizeof (LkPoint)) == 0
                 || memcmp (&face->eye_a, &face->landmarks[1], sizeof (LkPoint)) == 0);
  g_assert_cmpfloat (face->landmarks[2].y, >, face->eye_a.y);
  g_assert_cmpfloat (face->landmarks[3].y, >, face->landmarks[2].y);
}

static void
test_yunet_missing_model (LkTestFixture *fixture,
                          gconstpointer  data)
{
  g_autofree char *model = lk_test_path (fixture, "absent.onnx");
  g_autoptr(LkCvImage) image = decode_demo ("astronaut.png");
  LkDetectorConfig config = { NULL, model };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) faces = lk_cv_image_find_faces (image, &config, &error);

  g_assert_null (faces);
  g_assert_error (error, LK_ERROR, LK_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "absent.onnx"));
}

/* A photo tagged as turned (EXIF orientation 6: rotated 90° clockwise) is decoded upright,
 * for every view: the decoded image and the thumbnail are the stored pixels turned clockwise,
 * pixel for pixel, while the bytes stay as they came. */
static void
test_orientation_applied (LkTestFixture *fixture,
                          gconstpointer  data)
{
  g_autofree char *source = demo_path ("grace_hopper.jpg");
  g_autofree char *path = lk_test_path (fixture, "rotated.jpg");
  g_autoptr(GBytes) original = lk_test_read_bytes (source);
  g_autoptr(GExiv2Metadata) meta = gexiv2_metadata_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(LkCvImage) image = NULL;
  g_autoptr(LkCvImage) stored = NULL;
  g_autoptr(LkPixels) turned = NULL;
  g_autoptr(LkPixels) plain = NULL;
  g_autoptr(LkPixels) thumbnail = NULL;

  g_file_set_contents (path, g_bytes_get_data (original, NULL),
                       (gssize) g_bytes_get_size (original), &error);
  g_assert_no_error (error);
  g_assert_true (gexiv2_metadata_open_path (meta, path, &error));
  g_assert_true (gexiv2_metadata_try_set_tag_string (meta, "Exif.Image.Orientation", "6", &error));
  g_assert_true (gexiv2_metadata_save_file (meta, path, &error));
  g_assert_no_error (error);

  bytes = lk_test_read_bytes (path);
  g_assert_false (g_bytes_equal (bytes, original));
  image = lk_cv_image_decode (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_cv_image_get_width (image), ==, 600);
  g_assert_cmpint (lk_cv_image_get_height (image), ==, 512);
  stored = lk_cv_image_decode (original, &error);
  g_assert_no_error (error);
  turned = lk_cv_image_to_pixels (image, 0);
  plain = lk_cv_image_to_pixels (stored, 0);
  /* turned clockwise: the upright (x, y) is the stored (y, height - 1 - x) */
  for (int y = 0; y < turned->height; y += 37)
    for (int x = 0; x < turned->width; x += 41)
      g_assert_cmpmem (turned->pixels + y * turned->stride + x * 4, 4,
                       plain->pixels + (plain->height - 1 - x) * plain->stride + y * 4, 4);
  thumbnail = lk_cv_thumbnail (bytes, 120, &error);
  g_assert_no_error (error);
  g_assert_cmpint (thumbnail->width, ==, 120);
  g_assert_cmpint (thumbnail->height, ==, 102);
}

/* The two demo portraits at one face scale: each crop puts the detected eyes 60 view pixels
 * apart, centred, on the line at 0.4 of a 200 x 240 view, whatever the faces' size in their
 * images; a face without eyes is placed by its box. */
static void
test_face_crop (void)
{
  const char *names[] = { "grace_hopper.jpg", "astronaut.png" };
  double widths[2];
  LkRect crop;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(LkCvImage) image = decode_demo (names[i]);
      g_autoptr(GArray) faces = find_faces (image, NULL);
      LkFace *face;
      LkPoint a, b;
      double f, ax, ay, bx, by;

      g_assert_cmpuint (faces->len, >, 0);
      face = &g_array_index (faces, LkFace, 0);
      if (face->has_eyes)
        a = face->eye_a, b = face->eye_b;
      else
        lk_face_eyes_from_box (face->x, face->y, face->width, face->height, &a, &b);
      g_assert_true (lk_face_crop_for_eyes (a, b, 200, 240, 60, 0.4, &crop));
      /* image pixels to view pixels */
      f = 200 / crop.width;
      g_assert_cmpfloat_with_epsilon (240 / crop.height, f, 1e-9);
      ax = (a.x - crop.x) * f, ay = (a.y - crop.y) * f;
      bx = (b.x - crop.x) * f, by = (b.y - crop.y) * f;
      g_assert_cmpfloat_with_epsilon (hypot (bx - ax, by - ay), 60, 1e-6);
      g_assert_cmpfloat_with_epsilon ((ax + bx) / 2, 100, 1e-6);
      g_assert_cmpfloat_with_epsilon ((ay + by) / 2, 96, 1e-6);
      widths[i] = crop.width;
    }
  /* different faces, different crops: the scale follows each face */
  g_assert_cmpfloat (fabs (widths[0] - widths[1]), >, 1);
  /* coinciding eyes give no scale */
  g_assert_false (lk_face_crop_for_eyes ((LkPoint) { 5, 5 }, (LkPoint) { 5, 5 }, 200, 240, 60,
                                         0.4, &crop));
}

static void
test_to_pixels (void)
{
  g_autoptr(LkCvImage) image = decode_demo ("grace_hopper.jpg");
  g_autoptr(LkPixels) full = lk_cv_image_to_pixels (image, 0);
  g_autoptr(LkPixels) small = lk_cv_image_to_pixels (image, 300);

  g_assert_cmpint (full->width, ==, 512);
  g_assert_cmpint (full->height, ==, 600);
  g_assert_cmpint (full->stride, ==, 512 * 4);
  g_assert_cmpint (small->height, ==, 300);
  g_assert_cmpint (small->width, ==, 256);
  /* opaque RGBA */
  g_assert_cmpint (full->pixels[3], ==, 255);
}

static gpointer
find_in_thread (gpointer data)
{
  LkCvImage *image = data;
  g_autoptr(GArray) faces = NULL;

  for (int i = 0; i < 3; i++)
    {
      g_clear_pointer (&faces, g_array_unref);
      faces = find_faces (image, NULL);
    }
  return GUINT_TO_POINTER (faces->len);
}

/* Each thread keeps its own classifiers: concurrent searches agree with a lone one. */
static void
test_threads (void)
{
  g_autoptr(LkCvImage) image = decode_demo ("grace_hopper.jpg");
  GThread *threads[3];

  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("faces", find_in_thread, image);
  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (threads[i])), ==, 1);
}

static GBytes *
blank_png (int width,
           int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  GBytes *png = surface_to_png (surface);

  cairo_surface_destroy (surface);
  return png;
}

/* Degenerate sizes find nothing, measure what there is, and raise nothing. */
static void
test_tiny_images (void)
{
  static const int sizes[][2] = { { 1, 1 }, { 3, 2 }, { 1, 500 }, { 700, 1 }, { 23, 23 } };
  g_autofree char *model = yunet_model_path ();
  gboolean have_yunet = model != NULL && g_file_test (model, G_FILE_TEST_IS_REGULAR);

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GBytes) png = blank_png (sizes[i][0], sizes[i][1]);
      g_autoptr(LkCvImage) image = lk_cv_image_decode (png, NULL);
      g_autoptr(GArray) faces = find_faces (image, NULL);
      g_autoptr(GError) error = NULL;
      LkQualityFigures q;

      g_assert_cmpuint (faces->len, ==, 0);
      g_assert_true (lk_cv_image_measure (image, NULL, &q, &error));
      g_assert_no_error (error);
      g_assert_cmpint (q.face_width, ==, sizes[i][0]);
      g_assert_cmpfloat (q.clipped_dark, ==, 1.0);
      if (have_yunet)
        {
          LkDetectorConfig config = { NULL, model };
          g_autoptr(GArray) dnn_faces = lk_cv_image_find_faces (image, &config, &error);

          g_assert_true ((dnn_faces != NULL && dnn_faces->len == 0)
                         || (dnn_faces == NULL && error != NULL));
        }
    }
}

static void
test_decode_refused (void)
{
  static const char text[] = "not an image at all\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCvImage) image = lk_cv_image_decode (bytes, &error);

  g_assert_null (image);
  g_assert_error (error, LK_ERROR, LK_ERROR_IMAGE);
  g_clear_error (&error);
  image = lk_cv_image_decode (empty, &error);
  g_assert_null (image);
  g_assert_error (error, LK_ERROR, LK_ERROR_IMAGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gexiv2_initialize ();

  g_test_add_func ("/likeness/faces/haar-demo-portraits", test_haar_demo_portraits);
  g_test_add_func ("/likeness/faces/no-face-in-gradient", test_no_face_in_gradient);
  g_test_add_func ("/likeness/faces/largest-first", test_largest_first);
  LK_TEST_ADD ("/likeness/faces/missing-cascades", test_missing_cascades);
  g_test_add_func ("/likeness/faces/yunet", test_yunet);
  LK_TEST_ADD ("/likeness/faces/yunet-missing-model", test_yunet_missing_model);
  LK_TEST_ADD ("/likeness/faces/orientation-applied", test_orientation_applied);
  g_test_add_func ("/likeness/faces/face-crop", test_face_crop);
  g_test_add_func ("/likeness/faces/to-pixels", test_to_pixels);
  g_test_add_func ("/likeness/faces/threads", test_threads);
  g_test_add_func ("/likeness/faces/tiny-images", test_tiny_images);
  g_test_add_func ("/likeness/faces/decode-refused", test_decode_refused);

  return g_test_run ();
}
