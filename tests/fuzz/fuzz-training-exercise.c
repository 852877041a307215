/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A training exercise's pairs.csv as a trainer imports it, against a folder holding one image
 * (a.png): every line, quoting and image reference checked before anything is written. */
#include "config.h"

#include "training/lk-training-private.h"
#include "lk-fuzz-candidates.h"
#include "lk-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  lk_fuzz_init ();
  lk_fuzz_candidates_folder ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  guint n = lk_training_exercise_parse (lk_fuzz_candidates_folder (), "pairs.csv",
                                        (const char *) data, size, &error);

  lk_fuzz_check_answer (n > 0, error);
  if (n == 0)
    g_assert_true (g_str_has_prefix (error->message, "pairs.csv: line "));
  return 0;
}
