/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The image-header reader: sizes and type of JPEG, PNG, TIFF, BMP, WebP and PNM before any
 * decoder sees the bytes. */
#include "config.h"

#include "imaging/lk-image-header.h"
#include "lk-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  lk_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  LkImageHeader header;
  gboolean ok = lk_image_header_read (size > 0 ? data : NULL, size, &header, &error);

  lk_fuzz_check_answer (ok, error);
  if (ok)
    {
      g_assert_cmpuint (header.width, >, 0);
      g_assert_cmpuint (header.height, >, 0);
      g_assert_nonnull (header.media_type);
    }
  return 0;
}
