/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A candidate list in its JSON form, as an engine export hands it to Likeness: every header
 * field, every candidate, embedded images, relative images against a folder holding one. */
#include "config.h"

#include "engine/lk-candidate-list-private.h"
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
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(LkCandidateList) list =
    lk_candidate_list_parse ("list.json", bytes, NULL, lk_fuzz_candidates_folder (), NULL,
                             &error);

  lk_fuzz_check_answer (list != NULL, error);
  if (list != NULL)
    lk_fuzz_candidates_check (list);
  return 0;
}
