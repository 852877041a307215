/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Policy values as an administrator types them: "KEY=VALUE", optionally followed by a newline
 * and the current value of the other threshold of a quality pair. */
#include "config.h"

#include <string.h>

#include "governance/lk-policy.h"
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
  g_autofree char *text = lk_fuzz_text (data, size);
  g_autofree char *pair = NULL;
  char *value = strchr (text, '=');
  char *other = NULL;
  gboolean ok;

  if (value != NULL)
    {
      *value++ = '\0';
      if ((other = strchr (value, '\n')) != NULL)
        *other++ = '\0';
    }
  ok = lk_policy_check_value (text, value, other, &error);
  lk_fuzz_check_answer (ok, error);
  if (ok)
    g_assert_nonnull (lk_policy_key_lookup (text));
  pair = lk_policy_pair_key (text);
  return 0;
}
