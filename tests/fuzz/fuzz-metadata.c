/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Image metadata (EXIF, XMP, IPTC through gexiv2) as read at probe intake. */
#include "config.h"

#include "imaging/lk-metadata.h"
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
  g_autoptr(JsonObject) metadata = lk_metadata_read (bytes, &error);

  lk_fuzz_check_answer (metadata != NULL, error);
  if (metadata != NULL)
    {
      /* Stored as JSON text: it must write out and read back. */
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), metadata);
      g_autofree char *text = json_to_string (node, FALSE);

      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_true (json_object_has_member (metadata, "present"));
    }
  return 0;
}
