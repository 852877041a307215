/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A feature-list edition as an administrator installs it: JSON checked against its schema. */
#include "config.h"

#include "reference/lk-feature-list.h"
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
  g_autoptr(JsonNode) list = lk_feature_list_parse (bytes, "edition.json", &error);

  lk_fuzz_check_answer (list != NULL, error);
  if (list != NULL)
    {
      JsonObject *root = json_node_get_object (list);

      g_assert_nonnull (root);
      (void) lk_feature_list_count_characteristics (root);
      {
        JsonObject *component = NULL;

        (void) lk_feature_list_find (root, "fuzz", &component);
      }
    }
  return 0;
}
