/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The JSON loader every outside document goes through (lk_json_load: size, nesting, strict
 * JSON), and the loader of JSON the core stored, which a copied or edited database file feeds. */
#include "config.h"

#include "lk-json.h"
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
  g_autoptr(GError) stored_error = NULL;
  g_autofree char *text = lk_fuzz_text (data, size);
  g_autoptr(JsonNode) node = lk_json_load ((const char *) data, (gssize) size, 4096, &error);
  g_autoptr(JsonNode) stored = NULL;

  lk_fuzz_check_answer (node != NULL, error);
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      /* What was accepted writes back to text that is accepted again. */
      g_autofree char *again = json_to_string (node, FALSE);
      g_autoptr(GError) again_error = NULL;
      g_autoptr(JsonNode) reread = lk_json_load (again, -1, G_MAXSIZE, &again_error);

      g_assert_no_error (again_error);
      g_assert_true (json_node_equal (node, reread));
    }
  /* lk_json_parse() and lk_json_parse_array() are this with the error dropped. */
  stored = lk_json_load_stored (text, &stored_error);
  lk_fuzz_check_answer (stored != NULL, stored_error);
  return 0;
}
