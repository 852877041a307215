/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An embedding model's descriptor as an administrator installs it beside the model: JSON read
 * into the input convention every template of the model records. */
#include "config.h"

#include <math.h>

#include "engine/lk-gallery-private.h"
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
  LkEmbeddingConvention c = { 0 };
  gboolean ok = lk_gallery_descriptor_parse ((const char *) data, size, "model.json", &c,
                                             &error);

  lk_fuzz_check_answer (ok, error);
  if (ok)
    {
      /* What the crop and the templates are made with stays in the documented ranges. */
      g_assert_cmpint (c.input_width, >=, 16);
      g_assert_cmpint (c.input_width, <=, 1024);
      g_assert_cmpint (c.input_height, >=, 16);
      g_assert_cmpint (c.input_height, <=, 1024);
      g_assert_true (c.scale > 0 && isfinite (c.scale));
      for (guint i = 0; i < 3; i++)
        g_assert_true (isfinite (c.mean[i]));
      g_assert_cmpuint (c.embedding_size, >=, 2);
      g_assert_cmpuint (c.embedding_size, <=, 65536);
    }
  else
    g_assert_true (g_str_has_prefix (error->message, "The model descriptor model.json"));
  return 0;
}
