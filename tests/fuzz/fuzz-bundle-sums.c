/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The SHA256SUMS file of a disclosure bundle, which a recipient's copy may have altered. */
#include "config.h"

#include <string.h>

#include "report/lk-bundle-private.h"
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
  g_autoptr(GHashTable) sums = lk_bundle_parse_sums ((const char *) data, size, &error);
  GHashTableIter iter;
  gpointer name, sum;

  lk_fuzz_check_answer (sums != NULL, error);
  if (sums == NULL)
    return 0;
  g_hash_table_iter_init (&iter, sums);
  while (g_hash_table_iter_next (&iter, &name, &sum))
    {
      /* No name may lead out of the bundle's folder. */
      g_assert_false (g_path_is_absolute (name));
      g_assert_null (strstr (name, ".."));
      g_assert_cmpuint (strlen (sum), ==, 64);
    }
  return 0;
}
