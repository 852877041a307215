/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The compare view's overlay and wipe, kept as one composed texture while nothing changes: the
 * kept frame shows exactly the pixels of the two images drawn directly, with the window's own
 * renderer (cairo in the tests), and covers only the part the images cover. */
#include "config.h"

#include <string.h>

#include "lk-compare-view.h"
#include "lk-test-ui.h"

#define WIDTH 400
#define HEIGHT 300

typedef struct
{
  GtkWidget     *window;
  LkCompareView *compare;
} Fixture;

static gboolean
has_size (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_width (GTK_WIDGET (f->compare)) == WIDTH &&
         gtk_widget_get_height (GTK_WIDGET (f->compare)) == HEIGHT;
}

/* A @width x @height image whose pixels differ from their neighbours and from @seed's. */
static LkPyramid *
test_pyramid (int width,
              int height,
              int seed)
{
  g_autoptr(LkPixels) pixels = lk_pixels_new (width, height);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels->pixels + (gsize) y * pixels->stride + 4 * x;

        p[0] = (x * 7 + seed * 31) % 256;
        p[1] = (y * 11 + seed * 17) % 256;
        p[2] = (x * y + seed * 53) % 256;
        p[3] = 255;
      }
  return lk_pyramid_new_from_pixels (pixels);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LkPyramid) probe = test_pyramid (160, 200, 1);
  g_autoptr(LkPyramid) candidate = test_pyramid (150, 190, 2);

  f->compare = LK_COMPARE_VIEW (lk_compare_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (f->compare), WIDTH, HEIGHT);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), WIDTH, HEIGHT);
  gtk_window_set_resizable (GTK_WINDOW (f->window), FALSE);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->compare));
  gtk_window_present (GTK_WINDOW (f->window));
  if (!lk_test_wait (has_size, f, 5000))
    g_error ("the view is %d x %d", gtk_widget_get_width (GTK_WIDGET (f->compare)),
             gtk_widget_get_height (GTK_WIDGET (f->compare)));
  lk_image_view_set_pyramid (lk_compare_view_get_probe_view (f->compare), probe);
  lk_image_view_set_pyramid (lk_compare_view_get_candidate_view (f->compare), candidate);
  lk_compare_view_set_opacity (f->compare, 0.5);
  lk_test_spin (100);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lk_test_destroy_window (f->window, f->compare, NULL);
}

/* The view's drawing now, as its parent asks for it on every frame. */
static GskRenderNode *
snapshot_view (Fixture *f)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  GTK_WIDGET_GET_CLASS (f->compare)->snapshot (GTK_WIDGET (f->compare), snapshot);
  return gtk_snapshot_free_to_node (snapshot);
}

/* @node drawn by the window's renderer, as BGRA bytes. */
static guint8 *
render (Fixture       *f,
        GskRenderNode *node)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  g_autoptr(GdkTexture) texture = NULL;
  guint8 *data = g_malloc ((gsize) WIDTH * HEIGHT * 4);

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT));
  gdk_texture_download (texture, data, WIDTH * 4);
  return data;
}

/* The widest texture in @node; @n counts them. */
static int
widest_texture (GskRenderNode *node,
                guint         *n)
{
  int widest = 0;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_TEXTURE_NODE:
      (*n)++;
      return gdk_texture_get_width (gsk_texture_node_get_texture (node));
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        {
          int child = widest_texture (gsk_container_node_get_child (node, i), n);

          widest = MAX (widest, child);
        }
      return widest;
    case GSK_TRANSFORM_NODE:
      return widest_texture (gsk_transform_node_get_child (node), n);
    case GSK_CLIP_NODE:
      return widest_texture (gsk_clip_node_get_child (node), n);
    case GSK_OPACITY_NODE:
      return widest_texture (gsk_opacity_node_get_child (node), n);
    default:
      return 0;
    }
}

static gboolean
has_opacity (GskRenderNode *node)
{
  if (gsk_render_node_get_node_type (node) == GSK_OPACITY_NODE)
    return TRUE;
  if (gsk_render_node_get_node_type (node) != GSK_CONTAINER_NODE)
    return FALSE;
  for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
    if (has_opacity (gsk_container_node_get_child (node, i)))
      return TRUE;
  return FALSE;
}

static void
assert_same_pixels (const guint8 *direct,
                    const guint8 *kept)
{
  for (int i = 0; i < WIDTH * HEIGHT * 4; i++)
    if (direct[i] != kept[i])
      g_error ("pixel %d,%d channel %d: %u drawn directly, %u kept", i / 4 % WIDTH,
               i / 4 / WIDTH, i % 4, direct[i], kept[i]);
}

/* The first frame after a change (of the opacity or the divider, to @value) draws the two
 * images, the first that repeats it composes them, and the ones after draw the kept texture:
 * all three alike. */
static void
check_kept_frame (Fixture    *f,
                  const char *mode,
                  double      value)
{
  g_autoptr(GskRenderNode) first = NULL;
  g_autoptr(GskRenderNode) second = NULL;
  g_autoptr(GskRenderNode) third = NULL;
  g_autofree guint8 *direct = NULL;
  g_autofree guint8 *composed = NULL;
  g_autofree guint8 *kept = NULL;
  guint n_first = 0, n_kept = 0;
  int widest;

  lk_compare_view_set_mode (f->compare, mode);
  lk_test_spin (50);
  /* No frame of the window's own between the change and these. */
  if (g_str_equal (mode, "overlay"))
    lk_compare_view_set_opacity (f->compare, value);
  else
    lk_compare_view_set_wipe_position (f->compare, value);
  first = snapshot_view (f);
  direct = render (f, first);
  second = snapshot_view (f);
  composed = render (f, second);
  third = snapshot_view (f);
  kept = render (f, third);
  /* At fit the images are as tall as the view and narrower: the kept texture covers them
   * only, at one texture pixel per screen pixel, with no opacity left to apply. */
  widest = widest_texture (third, &n_kept);
  g_assert_cmpint (widest, >, 100);
  g_assert_cmpint (widest, <, WIDTH);
  g_assert_cmpuint (n_kept, ==, 1);
  g_assert_false (has_opacity (third));
  widest_texture (first, &n_first);
  g_assert_cmpuint (n_first, ==, 2);
  if (g_str_equal (mode, "overlay"))
    g_assert_true (has_opacity (first));
  assert_same_pixels (direct, composed);
  assert_same_pixels (direct, kept);
}

static void
test_overlay (Fixture       *f,
              gconstpointer  data)
{
  check_kept_frame (f, "overlay", 0.4);
}

static void
test_wipe (Fixture       *f,
           gconstpointer  data)
{
  check_kept_frame (f, "wipe", 0.45);
}

/* A change of opacity is drawn directly at once, then kept again. */
static void
test_change (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GskRenderNode) before = NULL;
  g_autoptr(GskRenderNode) after = NULL;
  g_autofree guint8 *kept = NULL;
  g_autofree guint8 *changed = NULL;

  check_kept_frame (f, "overlay", 0.6);
  before = snapshot_view (f);
  kept = render (f, before);
  lk_compare_view_set_opacity (f->compare, 0.8);
  after = snapshot_view (f);
  g_assert_true (has_opacity (after));
  changed = render (f, after);
  g_assert_true (memcmp (kept, changed, (gsize) WIDTH * HEIGHT * 4) != 0);
  check_kept_frame (f, "overlay", 0.3);
}

int
main (int   argc,
      char *argv[])
{
  lk_test_ui_init (&argc, &argv);
  g_test_add ("/likeness/compare-view/overlay-kept", Fixture, NULL, fixture_set_up, test_overlay,
              fixture_tear_down);
  g_test_add ("/likeness/compare-view/wipe-kept", Fixture, NULL, fixture_set_up, test_wipe,
              fixture_tear_down);
  g_test_add ("/likeness/compare-view/change-redrawn", Fixture, NULL, fixture_set_up,
              test_change, fixture_tear_down);
  return g_test_run ();
}
