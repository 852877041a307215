/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The damage check of PNG images frees what it allocated, also when libpng jumps out of a damaged
 * file. The candidate-json fuzz target found the row buffer leaking there, visible only under
 * AddressSanitizer; here png_malloc() and png_free() are wrapped (this program's definitions come
 * before libpng's) and every buffer handed out during a check must be back when it returns. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "config.h"

#include <dlfcn.h>
#include <png.h>
#include <string.h>

#include "imaging/lk-image-check.h"
#include "lk-error.h"
#include "lk-test-util.h"

/* A 2 x 2 RGB PNG, as in the fuzz targets' candidate folder. */
static const guint8 tiny_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd, 0xd4, 0x9a,
  0x73, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x38, 0x31, 0xad, 0x02,
  0x88, 0x18, 0x20, 0x14, 0x00, 0x34, 0xb6, 0x07, 0x59, 0x33, 0x47, 0x6a, 0x96, 0x00, 0x00, 0x00,
  0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82
};
/* Offset of the IDAT chunk's CRC in tiny_png. */
#define IDAT_CRC 0x39

/* The buffers png_malloc() handed out and png_free() has not taken back, while counting. */
static GHashTable *live;
static guint       handed_out;

typedef png_voidp (*PngMalloc) (png_const_structrp, png_alloc_size_t);
typedef void      (*PngFree)   (png_const_structrp, png_voidp);

png_voidp
png_malloc (png_const_structrp png,
            png_alloc_size_t   size)
{
  static PngMalloc real;
  png_voidp p;

  if (real == NULL)
    real = (PngMalloc) dlsym (RTLD_NEXT, "png_malloc");
  p = real (png, size);
  if (live != NULL && p != NULL)
    {
      g_hash_table_add (live, p);
      handed_out++;
    }
  return p;
}

void
png_free (png_const_structrp png,
          png_voidp          p)
{
  static PngFree real;

  if (real == NULL)
    real = (PngFree) dlsym (RTLD_NEXT, "png_free");
  if (live != NULL && p != NULL)
    g_hash_table_remove (live, p);
  real (png, p);
}

/* Checks @data and answers how many buffers png_malloc() handed out during the check; fails
 * when one of them was not freed. */
static guint
check_counting (const guint8  *data,
                gsize          size,
                gboolean      *intact,
                GError       **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  guint count;

  live = g_hash_table_new (NULL, NULL);
  handed_out = 0;
  *intact = lk_image_check_intact (bytes, error);
  count = handed_out;
  g_assert_cmpuint (g_hash_table_size (live), ==, 0);
  g_clear_pointer (&live, g_hash_table_destroy);
  return count;
}

static void
test_intact_png_frees (void)
{
  g_autoptr(GError) error = NULL;
  gboolean intact = FALSE;

  /* The row buffer at least went through the wrapper: the count sees what the check does. */
  g_assert_cmpuint (check_counting (tiny_png, sizeof tiny_png, &intact, &error), >=, 1);
  g_assert_no_error (error);
  g_assert_true (intact);
}

/* The fuzz target's image: the IDAT chunk's checksum broken, so libpng jumps out of reading the
 * rows after the row buffer was allocated. */
static void
test_damaged_png_frees (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *damaged = g_memdup2 (tiny_png, sizeof tiny_png);
  gboolean intact = TRUE;

  damaged[IDAT_CRC + 1] ^= 0xc0;
  g_assert_cmpuint (check_counting (damaged, sizeof tiny_png, &intact, &error), >=, 1);
  g_assert_false (intact);
  g_assert_error (error, LK_ERROR, LK_ERROR_IMAGE);
  g_assert_nonnull (strstr (error->message, "The PNG image is damaged"));
}

/* Cut inside the pixel data: libpng jumps out of a read that asked for more than is there. */
static void
test_truncated_png_frees (void)
{
  g_autoptr(GError) error = NULL;
  gboolean intact = TRUE;

  g_assert_cmpuint (check_counting (tiny_png, IDAT_CRC - 6, &intact, &error), >=, 1);
  g_assert_false (intact);
  g_assert_error (error, LK_ERROR, LK_ERROR_IMAGE);
  g_assert_nonnull (strstr (error->message, "the file ends early"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/likeness/image-check/intact-png-frees", test_intact_png_frees);
  g_test_add_func ("/likeness/image-check/damaged-png-frees", test_damaged_png_frees);
  g_test_add_func ("/likeness/image-check/truncated-png-frees", test_truncated_png_frees);

  return g_test_run ();
}
