/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Quality figures on a sharp portrait and on simulated CCTV stills made from it. */
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

#include "lk-error.h"
#include "imaging/lk-cv.h"
#include "imaging/lk-image-header.h"

static GBytes *
demo_bytes (const char *name)
{
  const char *source = g_getenv ("LIKENESS_SOURCE_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_nonnull (source);
  path = g_build_filename (source, "data", "demo", name, NULL);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static LkCvImage *
decode (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  LkCvImage *image = lk_cv_image_decode (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (image);
  return image;
}

static GBytes *
simulate (GBytes *bytes,
          int     width,
          double  degrees)
{
  g_autoptr(GError) error = NULL;
  GBytes *still = lk_cv_simulate_cctv (bytes, width, degrees, 90, &error);

  g_assert_no_error (error);
  g_assert_nonnull (still);
  return still;
}

/* The one face of a portrait, with its eyes. */
static LkFace
the_face (LkCvImage *image)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) faces = lk_cv_image_find_faces (image, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, ==, 1);
  g_assert_true (g_array_index (faces, LkFace, 0).has_eyes);
  return g_array_index (faces, LkFace, 0);
}

static LkQualityFigures
measure (LkCvImage    *image,
         const LkFace *face)
{
  g_autoptr(GError) error = NULL;
  LkQualityFigures figures;

  g_assert_true (lk_cv_image_measure (image, face, &figures, &error));
  g_assert_no_error (error);
  return figures;
}

static void
assert_sane (const LkQualityFigures *q)
{
  g_assert_cmpfloat (q->sharpness, >, 0);
  g_assert_cmpfloat (q->mean_brightness, >, 20);
  g_assert_cmpfloat (q->mean_brightness, <, 235);
  g_assert_cmpfloat (q->contrast, >, 5);
  g_assert_cmpfloat (q->contrast, <=, 127.5);
  g_assert_cmpfloat (q->clipped_dark, >=, 0);
  g_assert_cmpfloat (q->clipped_dark, <, 0.05);
  g_assert_cmpfloat (q->clipped_bright, >=, 0);
  g_assert_cmpfloat (q->clipped_bright, <, 0.05);
}

/* The same portrait at the same size, sharp and as a blurred CCTV still: the same face region
 * scores worse on the still. */
static void
test_sharp_and_blurred (void)
{
  g_autoptr(GBytes) original = demo_bytes ("grace_hopper.jpg");
  g_autoptr(GBytes) still = simulate (original, 512, 0);
  g_autoptr(LkCvImage) sharp_image = decode (original);
  g_autoptr(LkCvImage) blurred_image = decode (still);
  LkFace face = the_face (sharp_image);
  LkQualityFigures sharp = measure (sharp_image, &face);
  LkQualityFigures blurred = measure (blurred_image, &face);

  g_test_message ("sharpness %.1f -> %.1f, BRISQUE %.1f -> %.1f", sharp.sharpness,
                  blurred.sharpness, sharp.brisque, blurred.brisque);
  assert_sane (&sharp);
  assert_sane (&blurred);
  g_assert_cmpint (lk_cv_image_get_width (blurred_image), ==, 512);
  g_assert_cmpfloat (blurred.sharpness, <, sharp.sharpness * 0.5);
  g_assert_cmpfloat (fabs (blurred.mean_brightness - sharp.mean_brightness), <, 5);
  if (sharp.has_brisque && blurred.has_brisque)
    g_assert_cmpfloat (blurred.brisque, >, sharp.brisque + 10);
  else
    g_test_message ("BRISQUE model files not installed: BRISQUE not compared");
}

/* Grace Hopper faces the camera squarely, her eyes about 80 pixels apart. */
static void
test_eyes (void)
{
  g_autoptr(GBytes) original = demo_bytes ("grace_hopper.jpg");
  g_autoptr(LkCvImage) image = decode (original);
  LkFace face = the_face (image);
  LkQualityFigures q = measure (image, &face);

  g_test_message ("inter-eye %.1f px, roll %.2f degrees", q.inter_eye_px, q.roll_degrees);
  g_assert_true (q.has_eyes);
  g_assert_cmpint (q.face_width, ==, face.width);
  g_assert_cmpint (q.face_height, ==, face.height);
  g_assert_cmpfloat (q.inter_eye_px, >, 65);
  g_assert_cmpfloat (q.inter_eye_px, <, 95);
  g_assert_cmpfloat (fabs (q.roll_degrees), <, 5);
}

/* Turning the still by 8 degrees clockwise turns the measured eye line by as much. */
static void
test_roll_follows_rotation (void)
{
  g_autoptr(GBytes) original = demo_bytes ("grace_hopper.jpg");
  g_autoptr(GBytes) level_bytes = simulate (original, 512, 0);
  g_autoptr(GBytes) turned_bytes = simulate (original, 512, 8);
  g_autoptr(GBytes) back_bytes = simulate (original, 512, -8);
  g_autoptr(LkCvImage) level_image = decode (level_bytes);
  g_autoptr(LkCvImage) turned_image = decode (turned_bytes);
  g_autoptr(LkCvImage) back_image = decode (back_bytes);
  LkFace level_face = the_face (level_image);
  LkFace turned_face = the_face (turned_image);
  LkFace back_face = the_face (back_image);
  double level = measure (level_image, &level_face).roll_degrees;
  double turned = measure (turned_image, &turned_face).roll_degrees;
  double back = measure (back_image, &back_face).roll_degrees;

  g_test_message ("roll %.2f, turned %.2f, back %.2f", level, turned, back);
  g_assert_cmpfloat (fabs (turned - level - 8), <=, 3);
  g_assert_cmpfloat (fabs (back - level + 8), <=, 3);
}

static void
test_simulated_still (void)
{
  g_autoptr(GBytes) original = demo_bytes ("astronaut.png");
  g_autoptr(GBytes) first = simulate (original, 200, 3.5);
  g_autoptr(GBytes) second = simulate (original, 200, 3.5);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCvImage) image = NULL;
  LkImageHeader header;

  g_assert_true (g_bytes_equal (first, second));
  g_assert_true (lk_image_header_read (g_bytes_get_data (first, NULL), g_bytes_get_size (first),
                                       &header, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (header.media_type, ==, "image/jpeg");
  g_assert_cmpuint (header.width, ==, 200);
  g_assert_cmpuint (header.height, ==, 200);
  image = decode (first);
  g_assert_cmpint (lk_cv_image_get_width (image), ==, 200);
  g_assert_cmpint (lk_cv_image_get_height (image), ==, 200);
}

static void
test_simulate_extremes (void)
{
  g_autoptr(GBytes) original = demo_bytes ("grace_hopper.jpg");
  g_autoptr(GBytes) dot = simulate (original, 1, 0);
  g_autoptr(GBytes) upside_down = simulate (original, 64, 180);
  g_autoptr(GBytes) larger = simulate (original, 1024, -45);
  g_autoptr(LkCvImage) dot_image = decode (dot);
  g_autoptr(LkCvImage) upside_down_image = decode (upside_down);
  g_autoptr(LkCvImage) larger_image = decode (larger);

  g_assert_cmpint (lk_cv_image_get_width (dot_image), ==, 1);
  g_assert_cmpint (lk_cv_image_get_height (dot_image), ==, 1);
  g_assert_cmpint (lk_cv_image_get_width (upside_down_image), ==, 64);
  g_assert_cmpint (lk_cv_image_get_height (upside_down_image), ==, 75);
  g_assert_cmpint (lk_cv_image_get_width (larger_image), ==, 1024);
  g_assert_cmpint (lk_cv_image_get_height (larger_image), ==, 1200);
}

static void
test_simulate_refused (void)
{
  static const char text[] = "no image here";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) still = lk_cv_simulate_cctv (bytes, 320, 0, 80, &error);

  g_assert_null (still);
  g_assert_error (error, LK_ERROR, LK_ERROR_IMAGE);
}

/* Left half black, right half white: every figure is known exactly. */
static void
test_known_figures (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 100);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(LkCvImage) image = NULL;
  GByteArray *b = g_byte_array_new ();
  LkQualityFigures q;

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 100, 0, 100, 100);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_to_array, b), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  png = g_byte_array_free_to_bytes (b);

  image = decode (png);
  q = measure (image, NULL);
  g_assert_cmpint (q.face_width, ==, 200);
  g_assert_cmpint (q.face_height, ==, 100);
  g_assert_false (q.has_eyes);
  g_assert_cmpfloat_with_epsilon (q.mean_brightness, 127.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (q.contrast, 127.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (q.clipped_dark, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (q.clipped_bright, 0.5, 1e-9);
  g_assert_cmpfloat (q.sharpness, >, 0);
}

static void
test_region_outside (void)
{
  g_autoptr(GBytes) original = demo_bytes ("astronaut.png");
  g_autoptr(LkCvImage) image = decode (original);
  LkFace outside = { .x = 600, .y = 10, .width = 50, .height = 50 };
  g_autoptr(GError) error = NULL;
  LkQualityFigures q;

  g_assert_false (lk_cv_image_measure (image, &outside, &q, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/likeness/quality/sharp-and-blurred", test_sharp_and_blurred);
  g_test_add_func ("/likeness/quality/eyes", test_eyes);
  g_test_add_func ("/likeness/quality/roll-follows-rotation", test_roll_follows_rotation);
  g_test_add_func ("/likeness/quality/simulated-still", test_simulated_still);
  g_test_add_func ("/likeness/quality/simulate-extremes", test_simulate_extremes);
  g_test_add_func ("/likeness/quality/simulate-refused", test_simulate_refused);
  g_test_add_func ("/likeness/quality/known-figures", test_known_figures);
  g_test_add_func ("/likeness/quality/region-outside", test_region_outside);

  return g_test_run ();
}
