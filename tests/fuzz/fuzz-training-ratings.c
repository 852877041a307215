/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A trainee's ratings as CSV (likeness-cli training score), read and then scored: every figure
 * the score reports is a number or says why it is not. The score's JSON writer sees no outside
 * text (only the figures checked here) and is left to test-training-score. */
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

/* What the JSON writer turns into a number or into null with a reason. */
static void
check_figure (const LkTrainingFigure *f)
{
  if (f->defined)
    g_assert_true (isfinite (f->value));
  else
    g_assert_nonnull (f->reason);
}

static void
check_score (const LkTrainingScore *score,
             guint                  n)
{
  check_figure (&score->auc);
  check_figure (&score->false_same_rate);
  check_figure (&score->false_different_rate);
  check_figure (&score->inconclusive_rate_mated);
  check_figure (&score->inconclusive_rate_nonmated);
  check_figure (&score->mean_seconds);
  check_figure (&score->median_seconds);
  g_assert_cmpuint (score->n_mated + score->n_nonmated, ==, n);
  g_assert_cmpuint (score->calibration->len, >=, 1);
  for (guint i = 0; i < score->calibration->len; i++)
    check_figure (&g_array_index (score->calibration, LkTrainingCalibration, i).likelihood_ratio);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ratings = lk_training_ratings_parse_csv ((const char *) data, size,
                                                             "ratings.csv", &error);
  g_autoptr(LkTrainingScore) score = NULL;
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
  check_score (score, ratings->len);
  return 0;
}
