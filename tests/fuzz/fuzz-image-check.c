/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The damage check run on every JPEG and PNG before it is decoded: libjpeg and libpng read the
 * whole image and any complaint refuses it. As in the core, only after the header reader has
 * accepted the image within the default limit of policy max_image_megapixels. */
#include "config.h"

#include "imaging/lk-image-check.h"
#include "imaging/lk-image-header.h"
#include "lk-fuzz.h"

#define MAX_MEGAPIXELS 100

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
  g_autoptr(GBytes) bytes = NULL;
  LkImageHeader header;
  gboolean ok;

  if (!lk_image_header_read (size > 0 ? data : NULL, size, &header, NULL) ||
      (double) header.width * header.height > MAX_MEGAPIXELS * 1e6)
    return 0;
  bytes = g_bytes_new (data, size);
  ok = lk_image_check_intact (bytes, &error);

  lk_fuzz_check_answer (ok, error);
  return 0;
}
