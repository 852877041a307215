/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The damage check run on every JPEG and PNG before it is stored: libjpeg and libpng read the
 * whole image and any complaint refuses it. */
#include "config.h"

#include "imaging/lk-image-check.h"
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
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  gboolean ok = lk_image_check_intact (bytes, &error);

  lk_fuzz_check_answer (ok, error);
  return 0;
}
