/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo.h>
#include <string.h>

#include "lk-test-util.h"

/* Draws a 64x48 white PNG with a red rectangle at (8, 8, 16, 12) and a blue one at
 * (40, 24, 24, 24), and returns its bytes. */
static GBytes *
draw_png (LkTestFixture *fixture)
{
  g_autofree char *path = lk_test_path (fixture, "drawn.png");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 48);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_rectangle (cr, 8, 8, 16, 12);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 1);
  cairo_rectangle (cr, 40, 24, 24, 24);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static const guint8 *
pixel_at (const LkPixels *pixels,
          int             x,
          int             y)
{
  g_assert_cmpint (x, <, pixels->width);
  g_assert_cmpint (y, <, pixels->height);
  return pixels->pixels + (gsize) y * pixels->stride + (gsize) x * 4;
}

static void
assert_rgba (const LkPixels *pixels,
             int             x,
             int             y,
             guint8          r,
             guint8          g,
             guint8          b)
{
  const guint8 *p = pixel_at (pixels, x, y);

  g_assert_cmpuint (p[0], ==, r);
  g_assert_cmpuint (p[1], ==, g);
  g_assert_cmpuint (p[2], ==, b);
  g_assert_cmpuint (p[3], ==, 255);
}

static void
test_decode (LkTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(GBytes) png = draw_png (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkPixels) pixels = lk_cv_decode (png, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pixels);
  g_assert_cmpint (pixels->width, ==, 64);
  g_assert_cmpint (pixels->height, ==, 48);
  g_assert_cmpint (pixels->stride, >=, 64 * 4);
  assert_rgba (pixels, 12, 12, 255, 0, 0);
  assert_rgba (pixels, 50, 40, 0, 0, 255);
  assert_rgba (pixels, 2, 40, 255, 255, 255);
  assert_rgba (pixels, 63, 0, 255, 255, 255);
}

static void
test_decode_shrunk (LkTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(GBytes) png = draw_png (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkPixels) half = lk_cv_decode (png, 32, &error);
  g_autoptr(LkPixels) same = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (half->width, ==, 32);
  g_assert_cmpint (half->height, ==, 24);
  /* Well inside each rectangle, the colours survive the shrinking. */
  assert_rgba (half, 6, 6, 255, 0, 0);
  assert_rgba (half, 26, 20, 0, 0, 255);
  assert_rgba (half, 1, 20, 255, 255, 255);

  /* A limit above the image size leaves it alone. */
  same = lk_cv_decode (png, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (same->width, ==, 64);
  g_assert_cmpint (same->height, ==, 48);
}

static void
assert_not_decoded (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkPixels) pixels = lk_cv_decode (bytes, 0, &error);

  g_assert_null (pixels);
  g_assert_error (error, LK_ERROR, LK_ERROR_IMAGE);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_empty (void)
{
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

  assert_not_decoded (empty);
}

static void
test_text (void)
{
  static const char text[] = "This is a witness statement, not a photograph.\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);

  assert_not_decoded (bytes);
}

static void
test_truncated (LkTestFixture *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) png = draw_png (fixture);
  /* The signature and header survive; the image data does not. */
  g_autoptr(GBytes) head = g_bytes_new_from_bytes (png, 0, 60);
  g_autoptr(GBytes) signature = g_bytes_new_from_bytes (png, 0, 8);
  /* Cut inside the compressed pixels. */
  g_autoptr(GBytes) most = g_bytes_new_from_bytes (png, 0, g_bytes_get_size (png) * 2 / 3);

  assert_not_decoded (head);
  assert_not_decoded (signature);
  assert_not_decoded (most);
}

/* A JPEG cut after 60 % of its bytes: the header and the frame are whole, so OpenCV would decode
 * it with the missing rows filled with grey. No view of it may: not the full decode (report
 * plates), not a thumbnail (candidate cards), not the evidence decode. */
static void
test_truncated_jpeg_views (void)
{
  g_autofree char *path = lk_test_demo_path ("grace_hopper.jpg");
  g_autoptr(GBytes) whole = lk_test_read_bytes (path);
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (whole, 0, g_bytes_get_size (whole) * 3 / 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkPixels) thumbnail = NULL;
  g_autoptr(LkPixels) intact = NULL;
  g_autoptr(LkCvImage) image = NULL;

  intact = lk_cv_thumbnail (whole, 64, &error);
  g_assert_no_error (error);
  g_assert_nonnull (intact);

  assert_not_decoded (cut);
  thumbnail = lk_cv_thumbnail (cut, 64, &error);
  g_assert_null (thumbnail);
  g_assert_error (error, LK_ERROR, LK_ERROR_IMAGE);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_clear_error (&error);
  image = lk_cv_image_decode (cut, &error);
  g_assert_null (image);
  g_assert_error (error, LK_ERROR, LK_ERROR_IMAGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/imaging/decode", test_decode);
  LK_TEST_ADD ("/likeness/imaging/decode-shrunk", test_decode_shrunk);
  g_test_add_func ("/likeness/imaging/empty", test_empty);
  g_test_add_func ("/likeness/imaging/text", test_text);
  LK_TEST_ADD ("/likeness/imaging/truncated", test_truncated);
  g_test_add_func ("/likeness/imaging/truncated-jpeg-views", test_truncated_jpeg_views);

  return g_test_run ();
}
