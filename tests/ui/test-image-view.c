/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The image view: zoom, fit and pan through actions and properties, the image-widget mapping,
 * the pyramid level drawn, honest pixels above 100 % (every screen pixel exactly one original
 * pixel, no blending), the accessible label, and a 100-megapixel image loading while the main
 * loop keeps running. */
#include "config.h"

#include <math.h>

#include "lk-image-view.h"
#include "lk-nearest-render.h"
#include "lk-test-ui.h"
#include "imaging/lk-cv.h"

typedef struct
{
  GtkWidget   *window;
  LkImageView *view;
  guint        n_zoom_notifies;
  guint        n_view_changed;
} Fixture;

/* ---- helpers ------------------------------------------------------------------------------ */

static void
count_zoom_notify (Fixture *f)
{
  f->n_zoom_notifies++;
}

static void
count_view_changed (Fixture *f)
{
  f->n_view_changed++;
}

static gboolean
has_size (gpointer data)
{
  Fixture *f = data;
  int width, height;

  gtk_widget_get_size_request (GTK_WIDGET (f->view), &width, &height);
  return gtk_widget_get_width (GTK_WIDGET (f->view)) == width &&
         gtk_widget_get_height (GTK_WIDGET (f->view)) == height;
}

static void
open_view (Fixture *f,
           int      width,
           int      height)
{
  f->view = LK_IMAGE_VIEW (lk_image_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (f->view), width, height);
  g_signal_connect_swapped (f->view, "notify::zoom", G_CALLBACK (count_zoom_notify), f);
  g_signal_connect_swapped (f->view, "view-changed", G_CALLBACK (count_view_changed), f);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  gtk_window_set_resizable (GTK_WINDOW (f->window), FALSE);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (lk_test_wait (has_size, f, 5000));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    lk_test_destroy_window (f->window, f->view, NULL);
}

/* Pixel (x, y) of a @width x @height test image: every pixel its own colour. */
static void
test_colour (int     x,
             int     y,
             int     width,
             guint8 *rgb)
{
  rgb[0] = 30 + 50 * x % 226;
  rgb[1] = 30 + 50 * y % 226;
  rgb[2] = (y * width + x) * 13 % 256;
}

static LkPyramid *
test_pyramid (int width,
              int height)
{
  g_autoptr(LkPixels) pixels = lk_pixels_new (width, height);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels->pixels + (gsize) y * pixels->stride + 4 * x;

        test_colour (x, y, width, p);
        p[3] = 255;
      }
  return lk_pyramid_new_from_pixels (pixels);
}

static void
set_test_image (Fixture *f,
                int      width,
                int      height)
{
  g_autoptr(LkPyramid) pyramid = test_pyramid (width, height);

  lk_image_view_set_pyramid (f->view, pyramid);
}

static void
count_paint (guint *n_paints)
{
  (*n_paints)++;
}

static gboolean
painted (gpointer data)
{
  return *(guint *) data > 0;
}

/* What the widget shows now, through the window's renderer, as BGRA bytes (cairo's order). */
static guint8 *
render (GtkWidget *widget,
        int       *width,
        int       *height,
        gsize     *stride)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  guint n_paints = 0;
  gulong handler;
  guint8 *data;

  /* The paintable shows the widget's last drawn frame: let one be drawn. */
  handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (count_paint), &n_paints);
  gtk_widget_queue_draw (widget);
  g_assert_true (lk_test_wait (painted, &n_paints, 5000));
  g_signal_handler_disconnect (clock, handler);

  *width = gtk_widget_get_width (widget);
  *height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, *width, *height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, *width, *height));
  *stride = (gsize) *width * 4;
  data = g_malloc (*stride * *height);
  gdk_texture_download (texture, data, *stride);
  return data;
}

/* Every screen pixel whose centre falls on the image shows exactly the colour of the original
 * pixel there; returns how many were checked. */
static guint
assert_honest_pixels (Fixture *f)
{
  int width, height, image_width = lk_pyramid_get_width (lk_image_view_get_pyramid (f->view));
  int image_height = lk_pyramid_get_height (lk_image_view_get_pyramid (f->view));
  gsize stride;
  g_autofree guint8 *data = render (GTK_WIDGET (f->view), &width, &height, &stride);
  guint n = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = data + (gsize) y * stride + 4 * x;
        double u, v;
        guint8 rgb[3];

        lk_image_view_widget_to_image (f->view, x + 0.5, y + 0.5, &u, &v);
        if (u < 0 || v < 0 || u >= image_width || v >= image_height)
          continue;
        test_colour (floor (u), floor (v), image_width, rgb);
        if (p[2] != rgb[0] || p[1] != rgb[1] || p[0] != rgb[2] || p[3] != 255)
          g_error ("screen pixel %d,%d is %u,%u,%u,%u; original pixel %d,%d is %u,%u,%u", x, y,
                   p[2], p[1], p[0], p[3], (int) floor (u), (int) floor (v), rgb[0], rgb[1],
                   rgb[2]);
        n++;
      }
  return n;
}

static gboolean
node_has_texture_width (GskRenderNode *node,
                        int            width)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_TEXTURE_NODE:
      return gdk_texture_get_width (gsk_texture_node_get_texture (node)) == width;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        if (node_has_texture_width (gsk_container_node_get_child (node, i), width))
          return TRUE;
      return FALSE;
    case GSK_TRANSFORM_NODE:
      return node_has_texture_width (gsk_transform_node_get_child (node), width);
    case GSK_CLIP_NODE:
      return node_has_texture_width (gsk_clip_node_get_child (node), width);
    default:
      return FALSE;
    }
}

/* Whether the view's drawing holds a texture @width pixels wide. */
static gboolean
draws_texture_of_width (LkImageView *view,
                        int          width)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  GTK_WIDGET_GET_CLASS (view)->snapshot (GTK_WIDGET (view), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  return node != NULL && node_has_texture_width (node, width);
}

static gboolean
activate (Fixture    *f,
          const char *action)
{
  return gtk_widget_activate_action (GTK_WIDGET (f->view), action, NULL);
}

/* ---- tests -------------------------------------------------------------------------------- */

static void
test_properties (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *label = NULL;
  double zoom;
  gboolean fit, grid, background;

  open_view (f, 400, 300);
  g_assert_true (lk_image_view_get_fit (f->view));
  g_assert_false (lk_image_view_get_show_pixel_grid (f->view));
  g_assert_true (lk_image_view_get_draws_background (f->view));
  g_assert_null (lk_image_view_get_pyramid (f->view));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (f->view)));

  /* 1000 x 800 in 400 x 300: fit is 300 / 800. */
  set_test_image (f, 1000, 800);
  g_assert_cmpfloat_with_epsilon (lk_image_view_get_zoom (f->view), 0.375, 1e-9);
  g_assert_cmpfloat_with_epsilon (lk_image_view_get_min_zoom (f->view), 0.375, 1e-9);
  g_assert_cmpfloat (lk_image_view_get_center_x (f->view), ==, 500);
  g_assert_cmpfloat (lk_image_view_get_center_y (f->view), ==, 400);
  g_assert_cmpuint (f->n_zoom_notifies, ==, 1);

  g_object_set (f->view, "zoom", 2.0, "center-x", 100.0, "center-y", 50.0,
                "show-pixel-grid", TRUE, "label", "Probe image", "draws-background", FALSE,
                NULL);
  g_object_get (f->view, "zoom", &zoom, "fit", &fit, "show-pixel-grid", &grid, "label", &label,
                "draws-background", &background, NULL);
  g_assert_cmpfloat (zoom, ==, 2.0);
  g_assert_false (fit);
  g_assert_true (grid);
  g_assert_false (background);
  g_assert_cmpstr (label, ==, "Probe image");
  g_assert_cmpfloat (lk_image_view_get_center_x (f->view), ==, 100);
  g_assert_cmpfloat (lk_image_view_get_center_y (f->view), ==, 50);
  g_assert_cmpuint (f->n_zoom_notifies, ==, 2);

  /* Setting the same value again notifies nothing. */
  lk_image_view_set_zoom (f->view, 2.0);
  g_assert_cmpuint (f->n_zoom_notifies, ==, 2);

  /* Clamped to [fit, 16] and the centre to the image. */
  lk_image_view_set_zoom (f->view, 100);
  g_assert_cmpfloat (lk_image_view_get_zoom (f->view), ==, LK_IMAGE_VIEW_MAX_ZOOM);
  lk_image_view_set_zoom (f->view, 0.01);
  g_assert_cmpfloat_with_epsilon (lk_image_view_get_zoom (f->view), 0.375, 1e-9);
  lk_image_view_set_center (f->view, -50, 5000);
  g_assert_cmpfloat (lk_image_view_get_center_x (f->view), ==, 0);
  g_assert_cmpfloat (lk_image_view_get_center_y (f->view), ==, 800);

  /* Another image of the same size keeps the view; one of another size starts at fit. */
  lk_image_view_set_zoom (f->view, 4);
  set_test_image (f, 1000, 800);
  g_assert_cmpfloat (lk_image_view_get_zoom (f->view), ==, 4);
  g_assert_false (lk_image_view_get_fit (f->view));
  set_test_image (f, 600, 600);
  g_assert_true (lk_image_view_get_fit (f->view));
  g_assert_cmpfloat_with_epsilon (lk_image_view_get_zoom (f->view), 0.5, 1e-9);
}

static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  const double steps_up[] = { 0.5, 0.707107, 1, 2, 3, 4, 6, 8, 12, 16 };

  open_view (f, 400, 300);
  activate (f, "view.zoom-in");   /* nothing to zoom yet */
  g_assert_cmpfloat (lk_image_view_get_zoom (f->view), ==, 1);
  set_test_image (f, 1000, 800);

  for (guint i = 0; i < G_N_ELEMENTS (steps_up); i++)
    {
      g_assert_true (activate (f, "view.zoom-in"));
      g_assert_cmpfloat_with_epsilon (lk_image_view_get_zoom (f->view), steps_up[i], 1e-6);
      g_assert_false (lk_image_view_get_fit (f->view));
    }
  /* At 1600 % the zoom stays. */
  activate (f, "view.zoom-in");
  g_assert_cmpfloat (lk_image_view_get_zoom (f->view), ==, 16);

  g_assert_true (activate (f, "view.zoom-out"));
  g_assert_cmpfloat (lk_image_view_get_zoom (f->view), ==, 12);
  g_assert_true (activate (f, "view.zoom-1to1"));
  g_assert_cmpfloat (lk_image_view_get_zoom (f->view), ==, 1);
  g_assert_true (activate (f, "view.zoom-out"));
  g_assert_cmpfloat_with_epsilon (lk_image_view_get_zoom (f->view), M_SQRT1_2, 1e-9);
  g_assert_true (activate (f, "view.zoom-out"));
  g_assert_cmpfloat_with_epsilon (lk_image_view_get_zoom (f->view), 0.5, 1e-9);
  /* The next step down (0.354) is below fit (0.375): stops at fit. */
  g_assert_true (activate (f, "view.zoom-out"));
  g_assert_cmpfloat_with_epsilon (lk_image_view_get_zoom (f->view), 0.375, 1e-9);
  activate (f, "view.zoom-out");
  g_assert_cmpfloat_with_epsilon (lk_image_view_get_zoom (f->view), 0.375, 1e-9);

  /* Pans move by an eighth of the view: 50 and 37.5 widget pixels, at 100 % as many image
   * pixels. */
  g_assert_true (activate (f, "view.zoom-1to1"));
  lk_image_view_set_center (f->view, 500, 400);
  g_assert_true (activate (f, "view.pan-right"));
  g_assert_cmpfloat_with_epsilon (lk_image_view_get_center_x (f->view), 550, 1e-9);
  g_assert_true (activate (f, "view.pan-down"));
  g_assert_cmpfloat_with_epsilon (lk_image_view_get_center_y (f->view), 437.5, 1e-9);
  g_assert_true (activate (f, "view.pan-left"));
  g_assert_true (activate (f, "view.pan-left"));
  g_assert_cmpfloat_with_epsilon (lk_image_view_get_center_x (f->view), 450, 1e-9);
  g_assert_true (activate (f, "view.pan-up"));
  g_assert_cmpfloat_with_epsilon (lk_image_view_get_center_y (f->view), 400, 1e-9);
  /* At 200 % the same keys move half as many image pixels. */
  lk_image_view_set_zoom (f->view, 2);
  g_assert_true (activate (f, "view.pan-right"));
  g_assert_cmpfloat_with_epsilon (lk_image_view_get_center_x (f->view), 475, 1e-9);
  for (int i = 0; i < 100; i++)
    activate (f, "view.pan-left");
  g_assert_cmpfloat (lk_image_view_get_center_x (f->view), ==, 0);

  g_assert_true (activate (f, "view.zoom-fit"));
  g_assert_true (lk_image_view_get_fit (f->view));
  g_assert_cmpfloat_with_epsilon (lk_image_view_get_zoom (f->view), 0.375, 1e-9);
  g_assert_cmpfloat (lk_image_view_get_center_x (f->view), ==, 500);
  g_assert_cmpfloat (lk_image_view_get_center_y (f->view), ==, 400);

  g_assert_true (activate (f, "view.show-pixel-grid"));
  g_assert_true (lk_image_view_get_show_pixel_grid (f->view));
}

static void
assert_round_trip (Fixture *f)
{
  const double points[][2] = { { 0, 0 }, { 999, 0 }, { 123.25, 456.5 }, { 1000, 800 },
                               { -20, 900 } };

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      double wx, wy, ix, iy;

      lk_image_view_image_to_widget (f->view, points[i][0], points[i][1], &wx, &wy);
      lk_image_view_widget_to_image (f->view, wx, wy, &ix, &iy);
      g_assert_cmpfloat_with_epsilon (ix, points[i][0], 0.01);
      g_assert_cmpfloat_with_epsilon (iy, points[i][1], 0.01);
    }
}

static void
test_mapping (Fixture       *f,
              gconstpointer  data)
{
  graphene_matrix_t transform, read_back;
  double wx, wy, ix, iy, before_x, before_y;
  guint n_changed;

  open_view (f, 400, 300);
  set_test_image (f, 1000, 800);

  /* At fit the image's centre is the widget's, its corners on the widget's edges. */
  lk_image_view_image_to_widget (f->view, 500, 400, &wx, &wy);
  g_assert_cmpfloat_with_epsilon (wx, 200, 0.01);
  g_assert_cmpfloat_with_epsilon (wy, 150, 0.01);
  lk_image_view_image_to_widget (f->view, 0, 0, &wx, &wy);
  g_assert_cmpfloat_with_epsilon (wx, 200 - 500 * 0.375, 0.01);
  g_assert_cmpfloat_with_epsilon (wy, 0, 0.01);
  assert_round_trip (f);

  lk_image_view_set_zoom (f->view, 3);
  lk_image_view_set_center (f->view, 321.7, 234.1);
  lk_image_view_image_to_widget (f->view, 321.7 + 10, 234.1 - 5, &wx, &wy);
  g_assert_cmpfloat_with_epsilon (wx, 200 + 30, 0.01);
  g_assert_cmpfloat_with_epsilon (wy, 150 - 15, 0.01);
  assert_round_trip (f);

  /* Zooming about a point keeps the image point under it. */
  lk_image_view_widget_to_image (f->view, 50, 70, &before_x, &before_y);
  lk_image_view_zoom_at (f->view, 8, 50, 70);
  lk_image_view_widget_to_image (f->view, 50, 70, &ix, &iy);
  g_assert_cmpfloat_with_epsilon (ix, before_x, 0.01);
  g_assert_cmpfloat_with_epsilon (iy, before_y, 0.01);

  /* A similarity transform (as alignment makes): rotated by 30 degrees, scaled by 1.5, moved.
   * Image point (100, 0) lands 150 reference units from (40, -20) along 30 degrees. */
  n_changed = f->n_view_changed;
  graphene_matrix_init_scale (&transform, 1.5, 1.5, 1);
  graphene_matrix_rotate_z (&transform, 30);
  graphene_matrix_translate (&transform, &GRAPHENE_POINT3D_INIT (40, -20, 0));
  lk_image_view_set_transform (f->view, &transform);
  g_assert_cmpuint (f->n_view_changed, >, n_changed);
  lk_image_view_get_transform (f->view, &read_back);
  g_assert_true (graphene_matrix_equal_fast (&transform, &read_back));
  lk_image_view_set_center (f->view, 40, -20);
  lk_image_view_set_zoom (f->view, 2);
  lk_image_view_image_to_widget (f->view, 0, 0, &wx, &wy);
  g_assert_cmpfloat_with_epsilon (wx, 200, 0.01);
  g_assert_cmpfloat_with_epsilon (wy, 150, 0.01);
  lk_image_view_image_to_widget (f->view, 100, 0, &wx, &wy);
  g_assert_cmpfloat_with_epsilon (wx, 200 + 2 * 150 * cos (G_PI / 6), 0.01);
  g_assert_cmpfloat_with_epsilon (wy, 150 + 2 * 150 * sin (G_PI / 6), 0.01);
  assert_round_trip (f);

  /* Fit takes the transformed image's bounds. */
  lk_image_view_set_fit (f->view, TRUE);
  assert_round_trip (f);
  lk_image_view_image_to_widget (f->view, 500, 400, &wx, &wy);
  g_assert_cmpfloat_with_epsilon (wx, 200, 0.01);
  g_assert_cmpfloat_with_epsilon (wy, 150, 0.01);
  lk_image_view_set_transform (f->view, NULL);
  g_assert_cmpfloat_with_epsilon (lk_image_view_get_zoom (f->view), 0.375, 1e-9);
}

static void
test_level (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(LkPyramid) pyramid = test_pyramid (2048, 2048);

  /* 2048, 1024, 512, 256 */
  g_assert_cmpuint (lk_pyramid_get_n_levels (pyramid), ==, 4);
  g_assert_cmpint (gdk_texture_get_width (lk_pyramid_get_texture (pyramid, 3)), ==, 256);

  /* At fit in 200 x 200 the image is shown at 9.8 %: the 256-pixel level is enough. */
  open_view (f, 200, 200);
  lk_image_view_set_pyramid (f->view, pyramid);
  g_assert_cmpuint (lk_image_view_get_level (f->view), ==, 3);
  g_assert_true (draws_texture_of_width (f->view, 256));
  g_assert_false (draws_texture_of_width (f->view, 2048));

  lk_image_view_set_zoom (f->view, 0.3);
  g_assert_cmpuint (lk_image_view_get_level (f->view), ==, 1);
  lk_image_view_set_zoom (f->view, 0.5);
  g_assert_cmpuint (lk_image_view_get_level (f->view), ==, 1);
  lk_image_view_set_zoom (f->view, 0.6);
  g_assert_cmpuint (lk_image_view_get_level (f->view), ==, 0);
  /* From 100 % up only the visible part is drawn, at screen resolution. */
  lk_image_view_set_zoom (f->view, 4);
  g_assert_cmpuint (lk_image_view_get_level (f->view), ==, 0);
  g_assert_true (draws_texture_of_width (f->view, 200));
}

/* An enhancement preview: only level 2 and below exist; the view draws level 2 at any zoom
 * (scaled, never at full resolution), keeps zoom and centre when the whole pyramid replaces
 * it, and then draws the whole one as usual. */
static void
test_partial (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(LkPyramid) whole = test_pyramid (2048, 1536);
  g_autoptr(LkPixels) level2 = lk_pyramid_dup_level (whole, 2);
  g_autoptr(LkPyramid) partial = NULL;
  g_autoptr(LkPixels) again = NULL;

  g_assert_cmpint (level2->width, ==, 512);
  g_assert_cmpint (level2->height, ==, 384);
  partial = lk_pyramid_new_partial (level2, 2048, 1536, 2);
  g_assert_cmpuint (lk_pyramid_get_first_level (whole), ==, 0);
  g_assert_cmpuint (lk_pyramid_get_first_level (partial), ==, 2);
  g_assert_cmpuint (lk_pyramid_get_n_levels (partial), ==, lk_pyramid_get_n_levels (whole));
  g_assert_cmpint (lk_pyramid_get_width (partial), ==, 2048);
  g_assert_cmpint (lk_pyramid_get_height (partial), ==, 1536);
  /* The levels it has are the same pixels. */
  again = lk_pyramid_dup_level (partial, 3);
  g_assert_cmpint (again->width, ==, 256);
  {
    g_autoptr(LkPixels) expected = lk_pyramid_dup_level (whole, 3);

    g_assert_cmpmem (again->pixels, (gsize) again->stride * again->height,
                     expected->pixels, (gsize) expected->stride * expected->height);
  }

  open_view (f, 400, 300);
  lk_image_view_set_pyramid (f->view, whole);
  lk_image_view_set_zoom (f->view, 4);
  lk_image_view_set_center (f->view, 700, 500);
  g_assert_cmpuint (lk_image_view_get_level (f->view), ==, 0);

  lk_image_view_set_pyramid (f->view, partial);
  g_assert_cmpuint (lk_image_view_get_level (f->view), ==, 2);
  g_assert_cmpfloat_with_epsilon (lk_image_view_get_zoom (f->view), 4, 1e-9);
  g_assert_true (draws_texture_of_width (f->view, 512));
  g_assert_false (draws_texture_of_width (f->view, 400));

  lk_image_view_set_pyramid (f->view, whole);
  g_assert_cmpfloat_with_epsilon (lk_image_view_get_center_x (f->view), 700, 1e-9);
  g_assert_cmpfloat_with_epsilon (lk_image_view_get_center_y (f->view), 500, 1e-9);
  g_assert_cmpuint (lk_image_view_get_level (f->view), ==, 0);
  g_assert_true (draws_texture_of_width (f->view, 400));
}

static void
test_nearest (Fixture       *f,
              gconstpointer  data)
{
  int width, height;
  gsize stride;
  g_autofree guint8 *pixels = NULL;
  guint8 rgb[3];

  open_view (f, 48, 48);
  set_test_image (f, 4, 4);
  lk_image_view_set_zoom (f->view, 8);
  lk_image_view_set_center (f->view, 2, 2);

  /* The image fills [8, 40) x [8, 40); each original pixel is an 8 x 8 block of its colour. */
  pixels = render (GTK_WIDGET (f->view), &width, &height, &stride);
  for (int y = 8; y < 40; y++)
    for (int x = 8; x < 40; x++)
      {
        const guint8 *p = pixels + (gsize) y * stride + 4 * x;

        test_colour ((x - 8) / 8, (y - 8) / 8, 4, rgb);
        g_assert_cmpuint (p[2], ==, rgb[0]);
        g_assert_cmpuint (p[1], ==, rgb[1]);
        g_assert_cmpuint (p[0], ==, rgb[2]);
      }
  g_assert_cmpuint (assert_honest_pixels (f), ==, 32 * 32);

  /* Off-centre and at 250 %: blocks of 2 and 3 screen pixels, never a blend. */
  lk_image_view_set_center (f->view, 2.3, 1.7);
  g_assert_cmpuint (assert_honest_pixels (f), ==, 32 * 32);
  lk_image_view_set_zoom (f->view, 2.5);
  lk_image_view_set_center (f->view, 2.05, 1.95);
  g_assert_cmpuint (assert_honest_pixels (f), ==, 10 * 10);
  lk_image_view_set_zoom (f->view, 1);
  g_assert_cmpuint (assert_honest_pixels (f), ==, 4 * 4);

  /* With the grid: each block's first row and column are shaded, the rest untouched. */
  lk_image_view_set_zoom (f->view, 8);
  lk_image_view_set_center (f->view, 2, 2);
  lk_image_view_set_show_pixel_grid (f->view, TRUE);
  g_clear_pointer (&pixels, g_free);
  pixels = render (GTK_WIDGET (f->view), &width, &height, &stride);
  for (int y = 8; y < 40; y++)
    for (int x = 8; x < 40; x++)
      {
        const guint8 *p = pixels + (gsize) y * stride + 4 * x;
        gboolean line = (x - 8) % 8 == 0 || (y - 8) % 8 == 0;

        test_colour ((x - 8) / 8, (y - 8) / 8, 4, rgb);
        g_assert_cmpuint (p[3], ==, 255);
        if (line)
          g_assert_true (p[2] != rgb[0] || p[1] != rgb[1] || p[0] != rgb[2]);
        else
          g_assert_true (p[2] == rgb[0] && p[1] == rgb[1] && p[0] == rgb[2]);
      }
  /* No grid below 800 %. */
  lk_image_view_set_zoom (f->view, 6);
  g_assert_cmpuint (assert_honest_pixels (f), >, 0);
}

static void
test_nearest_rotated (Fixture       *f,
                      gconstpointer  data)
{
  graphene_matrix_t transform;

  open_view (f, 64, 64);
  set_test_image (f, 4, 4);
  graphene_matrix_init_rotate (&transform, 20, graphene_vec3_z_axis ());
  lk_image_view_set_transform (f->view, &transform);
  lk_image_view_set_zoom (f->view, 7);
  g_assert_cmpuint (assert_honest_pixels (f), >, 600);
}

/* Below 100 % the level is drawn through the same mapping: four flat quadrants, rotated,
 * scaled and moved, each lands where image_to_widget says. */
static void
test_transformed_level (Fixture       *f,
                        gconstpointer  data)
{
  const guint8 colours[4][3] = { { 200, 30, 30 }, { 30, 200, 30 }, { 30, 30, 200 },
                                 { 230, 230, 230 } };
  g_autoptr(LkPixels) pixels = lk_pixels_new (512, 512);
  g_autoptr(LkPyramid) pyramid = NULL;
  g_autofree guint8 *rendered = NULL;
  graphene_matrix_t transform;
  int width, height;
  gsize stride;

  for (int y = 0; y < 512; y++)
    for (int x = 0; x < 512; x++)
      {
        guint8 *p = pixels->pixels + (gsize) y * pixels->stride + 4 * x;

        memcpy (p, colours[(y >= 256) * 2 + (x >= 256)], 3);
        p[3] = 255;
      }
  pyramid = lk_pyramid_new_from_pixels (pixels);
  open_view (f, 400, 400);
  lk_image_view_set_pyramid (f->view, pyramid);
  graphene_matrix_init_scale (&transform, 0.5, 0.5, 1);
  graphene_matrix_rotate_z (&transform, 30);
  graphene_matrix_translate (&transform, &GRAPHENE_POINT3D_INIT (100, 50, 0));
  lk_image_view_set_transform (f->view, &transform);
  lk_image_view_set_zoom (f->view, 0.9);
  g_assert_cmpuint (lk_image_view_get_level (f->view), ==, 1);

  rendered = render (GTK_WIDGET (f->view), &width, &height, &stride);
  for (int q = 0; q < 4; q++)
    {
      double wx, wy;
      const guint8 *p;

      lk_image_view_image_to_widget (f->view, 128 + 256 * (q % 2), 128 + 256 * (q / 2), &wx,
                                     &wy);
      g_assert_cmpfloat (wx, >=, 0);
      g_assert_cmpfloat (wy, >=, 0);
      g_assert_cmpfloat (wx, <, width);
      g_assert_cmpfloat (wy, <, height);
      p = rendered + (gsize) wy * stride + 4 * (gsize) wx;
      g_assert_cmpint (ABS (p[2] - colours[q][0]), <=, 2);
      g_assert_cmpint (ABS (p[1] - colours[q][1]), <=, 2);
      g_assert_cmpint (ABS (p[0] - colours[q][2]), <=, 2);
    }
}

static void
assert_label (LkImageView *view,
              const char  *expected)
{
  g_autofree char *value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (view),
                                                               GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                               expected);

  if (value != NULL)
    g_error ("the accessible label is \"%s\", not \"%s\"", value, expected);
}

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  open_view (f, 400, 300);
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (f->view),
                                               GTK_ACCESSIBLE_ROLE_IMG));
  lk_image_view_set_label (f->view, "Probe image");
  assert_label (f->view, "Probe image, not loaded");
  set_test_image (f, 1000, 800);
  assert_label (f->view, "Probe image, 38 %");
  lk_image_view_set_zoom (f->view, 4);
  assert_label (f->view, "Probe image, 400 %");
}

/* ---- the pyramid itself --------------------------------------------------------------------- */

static guint8
channel (int x,
         int y,
         int c)
{
  return (x * 37 + y * 101 + c * 59) % 256;
}

static LkPixels *
ramp_pixels (int      width,
             int      height,
             gboolean with_alpha)
{
  LkPixels *pixels = lk_pixels_new (width, height);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels->pixels + (gsize) y * pixels->stride + 4 * x;

        for (int c = 0; c < 3; c++)
          p[c] = channel (x, y, c);
        p[3] = with_alpha ? (x * 7 + y * 3) % 256 : 255;
      }
  return pixels;
}

/* Channel @c of pixel (x, y), premultiplied (as GTK downloads it). */
static int
premultiplied (const LkPixels *pixels,
               int             x,
               int             y,
               int             c)
{
  const guint8 *p = pixels->pixels + (gsize) y * pixels->stride + 4 * x;

  return c == 3 ? p[3] : (p[c] * p[3] + 127) / 255;
}

/* Level 1 against 2 x 2 averages of level 0, the odd last column and row averaged with
 * themselves. */
static void
assert_halved (LkPixels *pixels)
{
  g_autoptr(LkPyramid) pyramid = lk_pyramid_new_from_pixels (pixels);
  GdkTexture *level = lk_pyramid_get_texture (pyramid, 1);
  int width = gdk_texture_get_width (level), height = gdk_texture_get_height (level);
  g_autofree guint8 *data = g_malloc ((gsize) width * height * 4);
  /* GTK downloads BGRA. */
  const int order[4] = { 2, 1, 0, 3 };

  g_assert_cmpuint (lk_pyramid_get_n_levels (pyramid), ==, 2);
  g_assert_cmpint (width, ==, (pixels->width + 1) / 2);
  g_assert_cmpint (height, ==, (pixels->height + 1) / 2);
  gdk_texture_download (level, data, (gsize) width * 4);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      for (int c = 0; c < 4; c++)
        {
          int x0 = 2 * x, x1 = MIN (2 * x + 1, pixels->width - 1);
          int y0 = 2 * y, y1 = MIN (2 * y + 1, pixels->height - 1);
          int sum = premultiplied (pixels, x0, y0, c) + premultiplied (pixels, x1, y0, c) +
                    premultiplied (pixels, x0, y1, c) + premultiplied (pixels, x1, y1, c);

          g_assert_cmpint (data[(gsize) (y * width + x) * 4 + order[c]], ==, (sum + 2) / 4);
        }
}

static void
test_pyramid_levels (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LkPixels) opaque = ramp_pixels (301, 5, FALSE);
  g_autoptr(LkPixels) translucent = ramp_pixels (301, 5, TRUE);
  g_autoptr(LkPixels) wide = ramp_pixels (1100, 600, FALSE);
  g_autoptr(LkPyramid) pyramid = lk_pyramid_new_from_pixels (wide);
  g_autofree guint8 *pixel = g_malloc (76 * 88 * 4);
  graphene_rect_t bounds;
  GdkTexture *tile;
  int columns, rows;

  assert_halved (opaque);
  assert_halved (translucent);

  /* Tiles share the level's memory and say where they lie. */
  lk_pyramid_get_n_tiles (pyramid, 0, &columns, &rows);
  g_assert_cmpint (columns, ==, 3);
  g_assert_cmpint (rows, ==, 2);
  tile = lk_pyramid_get_tile (pyramid, 0, 2, 1, &bounds);
  g_assert_true (tile == lk_pyramid_get_tile (pyramid, 0, 2, 1, &bounds));
  g_assert_true (graphene_rect_equal (&bounds, &GRAPHENE_RECT_INIT (1024, 512, 76, 88)));
  g_assert_cmpint (gdk_texture_get_width (tile), ==, 76);
  gdk_texture_download (tile, pixel, 4 * 76);
  g_assert_cmpuint (pixel[2], ==, channel (1024, 512, 0));
  g_assert_cmpuint (pixel[1], ==, channel (1024, 512, 1));
  g_assert_cmpuint (pixel[0], ==, channel (1024, 512, 2));
  /* The first tile overlaps the next by two pixels. */
  lk_pyramid_get_tile (pyramid, 0, 0, 0, &bounds);
  g_assert_true (graphene_rect_equal (&bounds, &GRAPHENE_RECT_INIT (0, 0, 514, 514)));
}

/* ---- a 100-megapixel image ---------------------------------------------------------------- */

#define BIG_SIDE 10000
#define TICK_MS 10

typedef struct
{
  guint      n_ticks;
  gint64     last_tick;
  gint64     longest_gap;
  LkPyramid *pyramid;
  GError    *error;
} BigLoad;

static gboolean
on_tick (gpointer data)
{
  BigLoad *load = data;
  gint64 now = g_get_monotonic_time ();

  load->longest_gap = MAX (load->longest_gap, now - load->last_tick);
  load->last_tick = now;
  load->n_ticks++;
  return G_SOURCE_CONTINUE;
}

static void
on_big_loaded (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  BigLoad *load = data;

  load->pyramid = lk_pyramid_load_finish (result, &load->error);
}

static guint8
big_grey (int x,
          int y)
{
  return (x / 7 + y / 3) & 0xFF;
}

/* A grey PGM, 100 MB: OpenCV reads it as any other image. */
static GBytes *
big_pgm (void)
{
  g_autofree char *header = g_strdup_printf ("P5\n%d %d\n255\n", BIG_SIDE, BIG_SIDE);
  gsize header_length = strlen (header);
  guint8 *data = g_malloc (header_length + (gsize) BIG_SIDE * BIG_SIDE);

  memcpy (data, header, header_length);
  for (int y = 0; y < BIG_SIDE; y++)
    {
      guint8 *row = data + header_length + (gsize) y * BIG_SIDE;

      for (int x = 0; x < BIG_SIDE; x++)
        row[x] = big_grey (x, y);
    }
  return g_bytes_new_take (data, header_length + (gsize) BIG_SIDE * BIG_SIDE);
}

static gboolean
big_loaded (gpointer data)
{
  BigLoad *load = data;

  return load->pyramid != NULL || load->error != NULL;
}

static void
assert_big_pixel (LkPyramid *pyramid,
                  int        x,
                  int        y)
{
  cairo_matrix_t at;
  g_autoptr(GdkTexture) texture = NULL;
  guint8 pixel[4];

  cairo_matrix_init_translate (&at, x, y);
  texture = lk_pyramid_render_nearest (pyramid, &at, 1, 1, FALSE);
  gdk_texture_download (texture, pixel, 4);
  g_assert_cmpuint (pixel[0], ==, big_grey (x, y));
  g_assert_cmpuint (pixel[1], ==, big_grey (x, y));
  g_assert_cmpuint (pixel[2], ==, big_grey (x, y));
}

static void
test_large_image (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) bytes = big_pgm ();
  BigLoad load = { 0, };
  guint tick;
  gint64 start;

  open_view (f, 400, 300);
  load.last_tick = start = g_get_monotonic_time ();
  tick = g_timeout_add (TICK_MS, on_tick, &load);
  lk_pyramid_load_async (bytes, NULL, on_big_loaded, &load);
  while (!big_loaded (&load))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_test_message ("100 megapixels loaded in %.0f ms; the main loop ticked %u times, at most "
                  "%.1f ms apart", (g_get_monotonic_time () - start) / 1000.0, load.n_ticks,
                  load.longest_gap / 1000.0);

  g_assert_no_error (load.error);
  g_assert_cmpuint (load.n_ticks, >=, 20);
  g_assert_cmpint (load.longest_gap, <, 100 * 1000);
  g_assert_cmpint (lk_pyramid_get_width (load.pyramid), ==, BIG_SIDE);
  g_assert_cmpint (lk_pyramid_get_height (load.pyramid), ==, BIG_SIDE);
  /* 10000, 5000, 2500, 1250, 625, 313, 157 */
  g_assert_cmpuint (lk_pyramid_get_n_levels (load.pyramid), ==, 7);
  assert_big_pixel (load.pyramid, 1234, 5678);
  assert_big_pixel (load.pyramid, BIG_SIDE - 1, BIG_SIDE - 1);

  /* At fit (3 %) the 313-pixel level is drawn. */
  lk_image_view_set_pyramid (f->view, load.pyramid);
  g_assert_cmpuint (lk_image_view_get_level (f->view), ==, 5);
  g_assert_true (draws_texture_of_width (f->view, 313));
  lk_pyramid_unref (load.pyramid);
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's in-process accessibility backend, so that the accessible label can be read back. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  lk_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/likeness/image-view/" path, Fixture, NULL, NULL, func, fixture_tear_down)
  ADD ("pyramid", test_pyramid_levels);
  ADD ("properties", test_properties);
  ADD ("actions", test_actions);
  ADD ("mapping", test_mapping);
  ADD ("level", test_level);
  ADD ("partial", test_partial);
  ADD ("nearest", test_nearest);
  ADD ("nearest-rotated", test_nearest_rotated);
  ADD ("transformed-level", test_transformed_level);
  ADD ("accessible", test_accessible);
  ADD ("large-image", test_large_image);
#undef ADD
  return g_test_run ();
}
