/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A trainee's ratings as CSV (likeness-cli training score), read and then scored: every figure
 * the score reports is a number or says why it is not. */
#include "config.h"

#include <math.h>

#include "training/lk-training-score.h"
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
  g_autoptr(GArray) ratings = lk_training_ratings_parse_csv ((const char *) data, size,
                                                             "ratings.csv", &error);
  g_autoptr(LkTrainingScore) score = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GHashTable) items = g_hash_table_new (g_str_hash, g_str_equal);

  lk_fuzz_check_answer (ratings != NULL, error);
  if (ratings == NULL)
    {
      g_assert_true (g_str_has_prefix (error->message, "ratings.csv"));
      return 0;
    }
  for (guint i = 0; i < ratings->len; i++)
    {
      const LkTrainingRating *r = &g_array_index (ratings, LkTrainingRating, i);

      g_assert_true (g_utf8_validate (r->item, -1, NULL));
      /* Item names are unique. */
      g_assert_true (g_hash_table_add (items, r->item));
      g_assert_true (isfinite (r->seconds));
    }
  score = lk_training_score_compute ((LkTrainingRating *) ratings->data, ratings->len,
                                     LK_TRAINING_SAME_CUT, LK_TRAINING_DIFFERENT_CUT, -3, 3);
  json = lk_training_score_to_json (score);
  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), json);
    g_autofree char *text = json_to_string (node, FALSE);

    g_assert_true (g_utf8_validate (text, -1, NULL));
    /* No "inf" or "nan" that no JSON reader takes back. */
    g_assert_null (strstr (text, "inf"));
    g_assert_null (strstr (text, "nan"));
  }
  return 0;
}
