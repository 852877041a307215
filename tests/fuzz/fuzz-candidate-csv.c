/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A candidate list in its CSV form. The input is the CSV alone, read with a fixed, valid JSON
 * header; or, when it holds a NUL byte, the header's text before it and the CSV after it. */
#include "config.h"

#include <string.h>

#include "engine/lk-candidate-list-private.h"
#include "lk-fuzz-candidates.h"
#include "lk-fuzz.h"

static const char header_text[] =
  "{\"format\":\"likeness-candidate-list\",\"version\":1,"
  "\"engine\":{\"name\":\"Fuzz\",\"version\":\"1\"},"
  "\"reference_database\":{\"name\":\"Fuzz custody images\"},"
  "\"search\":{\"performed_at\":\"2026-01-16T09:30:00Z\",\"threshold\":0.4}}";

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
  const uint8_t *nul = memchr (data, '\0', size);
  g_autoptr(GBytes) header = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(LkCandidateList) list = NULL;

  if (nul != NULL)
    {
      header = g_bytes_new (data, (gsize) (nul - data));
      csv = g_bytes_new (nul + 1, size - (gsize) (nul - data) - 1);
    }
  else
    {
      header = g_bytes_new_static (header_text, sizeof header_text - 1);
      csv = g_bytes_new (data, size);
    }
  list = lk_candidate_list_parse ("list.csv", csv, header, lk_fuzz_candidates_folder (), NULL,
                                  &error);
  lk_fuzz_check_answer (list != NULL, error);
  if (list != NULL)
    lk_fuzz_candidates_check (list);
  return 0;
}
