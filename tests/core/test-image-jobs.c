/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The viewers' image work in the core: a pair of images read, decoded into pyramids and their
 * faces found in a worker thread, with progress; a cancel that stops the work; a corrupt image
 * that fails with its error; enhancement and the difference on the pyramids; the workspace's
 * two images read through the examination's gates. */
#include "config.h"

#include <string.h>

#include "lk-test-casework.h"
#include "lk-test-util.h"

static const char * const portraits[] = { "grace_hopper.jpg", "astronaut.png" };

typedef struct
{
  GBytes       *bytes[2];
  guint         reads;        /* how many images the worker read */
  GCancellable *cancel_after_first;
  GAsyncResult *result;
} Reader;

static GBytes *
read_portrait (gpointer   data,
               guint      which,
               GError   **error)
{
  Reader *r = data;

  g_atomic_int_inc (&r->reads);
  if (r->cancel_after_first != NULL)
    g_cancellable_cancel (r->cancel_after_first);
  return g_bytes_ref (r->bytes[which]);
}

static void
reader_init (Reader *r)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = lk_test_demo_path (portraits[i]);

      r->bytes[i] = lk_test_read_bytes (path);
    }
}

static void
reader_clear (Reader *r)
{
  for (guint i = 0; i < 2; i++)
    g_clear_pointer (&r->bytes[i], g_bytes_unref);
  g_clear_object (&r->result);
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Level 0 of a decoded image is exactly what the decoder gives, and each level halves. */
static void
assert_pyramid_of (LkImagePyramid *pyramid,
                   GBytes         *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkPixels) decoded = lk_cv_decode (bytes, 0, &error);
  LkPixels top;
  guint n = lk_image_pyramid_get_n_levels (pyramid);
  const LkImageLevel *last = lk_image_pyramid_get_level (pyramid, n - 1);

  g_assert_no_error (error);
  g_assert_cmpint (lk_image_pyramid_get_width (pyramid), ==, decoded->width);
  g_assert_cmpint (lk_image_pyramid_get_height (pyramid), ==, decoded->height);
  g_assert_true (lk_image_pyramid_peek_original (pyramid, &top));
  for (int y = 0; y < top.height; y++)
    g_assert_cmpmem (top.pixels + (gsize) y * top.stride, top.width * 4,
                     decoded->pixels + (gsize) y * decoded->stride, decoded->width * 4);
  g_assert_cmpint (MAX (last->width, last->height), <=, 256);
  for (guint k = 1; k < n; k++)
    {
      const LkImageLevel *above = lk_image_pyramid_get_level (pyramid, k - 1);
      const LkImageLevel *level = lk_image_pyramid_get_level (pyramid, k);

      g_assert_cmpint (level->width, ==, (above->width + 1) / 2);
      g_assert_cmpint (level->height, ==, (above->height + 1) / 2);
      g_assert_cmpint (level->layout, ==, LK_PIXEL_LAYOUT_RGB);
    }
}

static void
test_pair (void)
{
  Reader r = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkProgress) progress = lk_progress_new ();
  g_autoptr(LkImagePair) pair = NULL;
  LkFace face;
  LkPoint eyes[2];

  reader_init (&r);
  lk_image_pair_load_async (read_portrait, &r, NULL, TRUE, progress, NULL, on_done, &r.result);
  wait_for (&r.result);
  pair = lk_image_pair_load_finish (r.result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pair);
  g_assert_cmpuint (r.reads, ==, 2);
  for (guint i = 0; i < 2; i++)
    assert_pyramid_of (lk_image_pair_get_pyramid (pair, i), r.bytes[i]);
  /* The astronaut's face and eyes are found; a face box lies inside the image. */
  g_assert_true (lk_image_pair_get_face (pair, &face));
  g_assert_cmpint (face.width, >, 0);
  g_assert_cmpint (face.x + face.width, <=, lk_image_pyramid_get_width (
                     lk_image_pair_get_pyramid (pair, 1)));
  if (lk_image_pair_get_eyes (pair, eyes))
    g_assert_cmpfloat (eyes[0].x, <, eyes[1].x);
  /* Progress is reported to the end, coalesced on this main context. */
  while (lk_progress_get_done (progress) < 4)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (lk_progress_get_total (progress), ==, 4);
  g_assert_cmpstr (lk_progress_get_text (progress), ==, "Decoded image 2 of 2");
  reader_clear (&r);
}

/* A cancel stops the work: the second image is never read, and the result says cancelled. */
static void
test_cancel (void)
{
  Reader r = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  reader_init (&r);
  r.cancel_after_first = cancellable;
  lk_image_pair_load_async (read_portrait, &r, NULL, TRUE, NULL, cancellable, on_done,
                            &r.result);
  wait_for (&r.result);
  g_assert_null (lk_image_pair_load_finish (r.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (r.reads, ==, 1);
  reader_clear (&r);
}

/* A corrupt image fails the whole with the decoder's error. */
static void
test_corrupt (void)
{
  Reader r = { { NULL } };
  g_autoptr(GError) error = NULL;
  const char junk[] = "\x89PNG\r\n\x1a\n this is not the rest of a PNG file";

  reader_init (&r);
  g_bytes_unref (r.bytes[1]);
  r.bytes[1] = g_bytes_new (junk, sizeof junk - 1);
  lk_image_pair_load_async (read_portrait, &r, NULL, FALSE, NULL, NULL, on_done, &r.result);
  wait_for (&r.result);
  g_assert_null (lk_image_pair_load_finish (r.result, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_IMAGE);
  g_clear_error (&error);
  g_clear_object (&r.result);

  lk_image_pyramid_load_async (r.bytes[1], NULL, on_done, &r.result);
  wait_for (&r.result);
  g_assert_null (lk_image_pyramid_load_finish (r.result, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_IMAGE);
  reader_clear (&r);
}

/* Enhancing a preview level gives a partial pyramid of the whole image's size; at full
 * resolution a whole one; the difference of an image with itself is black. */
static void
test_enhance_and_difference (void)
{
  g_autofree char *path = lk_test_demo_path (portraits[0]);
  g_autoptr(GBytes) bytes = lk_test_read_bytes (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkImagePyramid) source = NULL;
  g_autoptr(LkImagePyramid) preview = NULL;
  g_autoptr(LkImagePyramid) whole = NULL;
  g_autoptr(LkImagePyramid) difference = NULL;
  g_autoptr(LkEnhancementStack) stack = lk_enhancement_stack_new ();
  g_autoptr(LkEnhancementStep) grey = lk_enhancement_step_new ("greyscale");
  g_autoptr(LkPixels) black = NULL;
  const double identity[4] = { 1, 0, 0, 0 };

  lk_image_pyramid_load_async (bytes, NULL, on_done, &result);
  wait_for (&result);
  source = lk_image_pyramid_load_finish (result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_true (lk_enhancement_stack_append (stack, grey));

  lk_image_pyramid_enhance_async (source, 1, stack, NULL, on_done, &result);
  wait_for (&result);
  preview = lk_image_pyramid_enhance_finish (result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (lk_image_pyramid_get_first_level (preview), ==, 1);
  g_assert_cmpint (lk_image_pyramid_get_width (preview), ==,
                   lk_image_pyramid_get_width (source));

  lk_image_pyramid_enhance_async (source, 0, stack, NULL, on_done, &result);
  wait_for (&result);
  whole = lk_image_pyramid_enhance_finish (result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (lk_image_pyramid_get_first_level (whole), ==, 0);
  g_assert_cmpuint (lk_image_pyramid_get_n_levels (whole), ==,
                    lk_image_pyramid_get_n_levels (source));

  lk_image_pyramid_difference_async (source, source, identity, NULL, on_done, &result);
  wait_for (&result);
  difference = lk_image_pyramid_difference_finish (result, &error);
  g_assert_no_error (error);
  black = lk_image_pyramid_dup_level (difference, lk_image_pyramid_get_n_levels (difference) - 1);
  for (int y = 0; y < black->height; y++)
    for (int x = 0; x < black->width; x++)
      g_assert_cmpuint (black->pixels[(gsize) y * black->stride + 4 * x], <=, 1);
}

/* The workspace's images come through the examination's gates and consultation events. */
static void
test_examination_images (LkTestFixture *fixture,
                         gconstpointer  data)
{
  LkTestCase c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) retained = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkImagePair) pair = NULL;
  gint64 viewed, candidate;

  lk_test_case_build (&c, fixture->db_path, fixture->dir, 2, 1, FALSE);
  retained = lk_examinations_retained (c.examiner, c.probe, &error);
  g_assert_no_error (error);
  candidate = lk_candidate_get_id (lk_test_item_at (retained, 0));
  viewed = lk_test_count_action (c.store, "candidate.image-viewed");
  lk_examination_images_load_async (c.examiner, c.probe, candidate, NULL, NULL, on_done,
                                    &result);
  wait_for (&result);
  pair = lk_examination_images_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_test_count_action (c.store, "candidate.image-viewed"), ==, viewed + 1);
  g_assert_cmpint (lk_image_pyramid_get_width (lk_image_pair_get_pyramid (pair, 0)), >, 0);
  g_clear_object (&result);

  /* A list masked from the reader fails the load with the gate's error. */
  lk_examination_images_load_async (c.examiner, c.probe, candidate + 1000, NULL, NULL, on_done,
                                    &result);
  wait_for (&result);
  g_assert_null (lk_examination_images_load_finish (result, &error));
  g_assert_nonnull (error);
  lk_test_case_clear (&c);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/likeness/image-jobs/pair", test_pair);
  g_test_add_func ("/likeness/image-jobs/cancel", test_cancel);
  g_test_add_func ("/likeness/image-jobs/corrupt", test_corrupt);
  g_test_add_func ("/likeness/image-jobs/enhance-and-difference", test_enhance_and_difference);
  LK_TEST_ADD ("/likeness/image-jobs/examination", test_examination_images);
  return g_test_run ();
}
