/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Proficiency scores against figures worked out by hand, the undefined cases, the CSV reader
 * and `likeness-cli training score`. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lk-test-util.h"
#include "training/lk-training-score.h"

#define R(name, m, r, s) { (char *) name, m, r, s }

/* Mated: m1 +3, m2 +2, m3 0, m4 -2; non-mated: n1 -3, n2 0, n3 +2 (cuts +2 / -2). */
static const LkTrainingRating worked[] = {
  R ("m1", TRUE, 3, 10), R ("m2", TRUE, 2, 20), R ("m3", TRUE, 0, 30), R ("m4", TRUE, -2, -1),
  R ("n1", FALSE, -3, 40), R ("n2", FALSE, 0, 50), R ("n3", FALSE, 2, 100),
};

static void
assert_figure (const LkTrainingFigure *f,
               double                  expected)
{
  g_assert_true (f->defined);
  g_assert_cmpfloat_with_epsilon (f->value, expected, 1e-9);
}

static void
assert_undefined (const LkTrainingFigure *f,
                  const char             *reason)
{
  g_assert_false (f->defined);
  g_assert_cmpstr (f->reason, ==, reason);
}

static const LkTrainingCalibration *
row (const LkTrainingScore *s,
     int                    level)
{
  for (guint i = 0; i < s->calibration->len; i++)
    if (g_array_index (s->calibration, LkTrainingCalibration, i).level == level)
      return &g_array_index (s->calibration, LkTrainingCalibration, i);
  g_assert_not_reached ();
}

static void
test_worked (void)
{
  g_autoptr(LkTrainingScore) s = lk_training_score_compute (worked, G_N_ELEMENTS (worked),
                                                            2, -2, -3, 3);

  g_assert_cmpuint (s->n_mated, ==, 4);
  g_assert_cmpuint (s->n_nonmated, ==, 3);
  /* 4 x 3 = 12 (mated, non-mated) pairs. m1 +3 beats -3, 0, +2: 3. m2 +2 beats -3, 0 and ties
   * +2: 2.5. m3 0 beats -3, ties 0, loses to +2: 1.5. m4 -2 beats -3 only: 1.
   * AUC = (3 + 2.5 + 1.5 + 1) / 12 = 8 / 12. */
  assert_figure (&s->auc, 8.0 / 12);
  /* Non-mated at +2 or above: n3; 1 of 3. Mated at -2 or below: m4; 1 of 4. */
  g_assert_cmpuint (s->false_same, ==, 1);
  assert_figure (&s->false_same_rate, 1.0 / 3);
  g_assert_cmpuint (s->false_different, ==, 1);
  assert_figure (&s->false_different_rate, 0.25);
  /* Inconclusive (-1, 0, +1): m3 of the mated (1 / 4), n2 of the non-mated (1 / 3). */
  assert_figure (&s->inconclusive_rate_mated, 0.25);
  assert_figure (&s->inconclusive_rate_nonmated, 1.0 / 3);
  /* Calibration, LR = (mated at level / 4) / (non-mated at level / 3):
   * -3: 0 and 1 -> 0 / (1/3) = 0;  0: 1 and 1 -> (1/4) / (1/3) = 0.75;  +2: the same, 0.75;
   * -2, +3: a mated item but no non-mated one -> undefined; -1, +1: nothing -> undefined. */
  g_assert_cmpuint (s->calibration->len, ==, 7);
  assert_figure (&row (s, -3)->likelihood_ratio, 0);
  g_assert_cmpuint (row (s, -3)->n_nonmated, ==, 1);
  assert_figure (&row (s, 0)->likelihood_ratio, 0.75);
  assert_figure (&row (s, 2)->likelihood_ratio, 0.75);
  assert_undefined (&row (s, -2)->likelihood_ratio, "no non-mated item at this level");
  g_assert_cmpuint (row (s, -2)->n_mated, ==, 1);
  assert_undefined (&row (s, 3)->likelihood_ratio, "no non-mated item at this level");
  assert_undefined (&row (s, 1)->likelihood_ratio, "no non-mated item at this level");
  /* Times 10, 20, 30, 40, 50, 100 (m4 untimed): mean 250 / 6; median (30 + 40) / 2 = 35. */
  g_assert_cmpuint (s->n_timed, ==, 6);
  assert_figure (&s->mean_seconds, 250.0 / 6);
  assert_figure (&s->median_seconds, 35);
}

static void
test_ties (void)
{
  /* Every item at 0: each of the 2 x 2 pairs ties, AUC = 4 x 0.5 / 4 = 0.5; all inconclusive. */
  static const LkTrainingRating ties[] = {
    R ("a", TRUE, 0, 1), R ("b", TRUE, 0, 2), R ("c", FALSE, 0, 3), R ("d", FALSE, 0, 5),
  };
  g_autoptr(LkTrainingScore) s = lk_training_score_compute (ties, 4, 2, -2, -3, 3);

  assert_figure (&s->auc, 0.5);
  assert_figure (&s->false_same_rate, 0);
  assert_figure (&s->false_different_rate, 0);
  assert_figure (&s->inconclusive_rate_mated, 1);
  assert_figure (&s->inconclusive_rate_nonmated, 1);
  /* Level 0: 2 of 2 mated, 2 of 2 non-mated: LR 1. Median of 1, 2, 3, 5: 2.5. */
  assert_figure (&row (s, 0)->likelihood_ratio, 1);
  assert_figure (&s->median_seconds, 2.5);
  assert_figure (&s->mean_seconds, 11.0 / 4);
}

static void
test_one_class (void)
{
  static const LkTrainingRating mated[] = { R ("a", TRUE, 3, -1), R ("b", TRUE, -2, -1) };
  g_autoptr(LkTrainingScore) s = lk_training_score_compute (mated, 2, 2, -2, -3, 3);
  g_autoptr(JsonObject) o = lk_training_score_to_json (s);

  assert_undefined (&s->auc, "no non-mated items");
  assert_undefined (&s->false_same_rate, "no non-mated items");
  assert_undefined (&s->inconclusive_rate_nonmated, "no non-mated items");
  assert_figure (&s->false_different_rate, 0.5);
  assert_undefined (&row (s, 3)->likelihood_ratio, "no non-mated items");
  assert_undefined (&s->mean_seconds, "no timed items");
  g_assert_true (json_node_is_null (json_object_get_member (o, "auc")));
  g_assert_cmpstr (json_object_get_string_member (o, "auc_reason"), ==, "no non-mated items");
  g_assert_cmpfloat (json_object_get_double_member (o, "false_different_rate"), ==, 0.5);
}

static void
test_empty (void)
{
  g_autoptr(LkTrainingScore) s = lk_training_score_compute (NULL, 0, 2, -2, -3, 3);

  g_assert_cmpuint (s->n_mated + s->n_nonmated, ==, 0);
  assert_undefined (&s->auc, "no items");
  assert_undefined (&s->false_same_rate, "no non-mated items");
  assert_undefined (&s->false_different_rate, "no mated items");
  assert_undefined (&s->inconclusive_rate_mated, "no mated items");
  assert_undefined (&s->median_seconds, "no timed items");
  g_assert_cmpuint (s->calibration->len, ==, 7);
}

static void
test_kappa (void)
{
  /* Levels -1..1 (k = 3), weights (i - j)^2 / 4. A: 1, 1, 0, -1; B: 1, 0, 0, -1.
   * Observed: one item one level apart: 0.25.
   * Margins A: -1:1, 0:1, 1:2; B: -1:1, 0:2, 1:1. Expected = sum w r_i c_j / n =
   * (0.25*1*2 + 1*1*1 + 0.25*1*1 + 0.25*1*1 + 1*2*1 + 0.25*2*2) / 4 = 5 / 4 = 1.25.
   * Kappa = 1 - 0.25 / 1.25 = 0.8. */
  static const int a[] = { 1, 1, 0, -1 }, b[] = { 1, 0, 0, -1 };
  static const int same[] = { 2, 2, 2 };
  LkTrainingFigure k = lk_training_kappa (a, b, 4, -1, 1);

  assert_figure (&k, 0.8);
  k = lk_training_kappa (a, a, 4, -1, 1);
  assert_figure (&k, 1);
  k = lk_training_kappa (same, same, 3, -3, 3);
  assert_undefined (&k, "both raters gave one and the same level throughout");
  k = lk_training_kappa (NULL, NULL, 0, -3, 3);
  assert_undefined (&k, "no items rated by both");
}

static void
assert_csv_refused (const char *text,
                    const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ratings = lk_training_ratings_parse_csv (text, strlen (text), "r.csv",
                                                             &error);

  g_assert_null (ratings);
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  if (strstr (error->message, expected) == NULL)
    g_error ("expected “%s” in “%s”", expected, error->message);
}

static void
test_csv (void)
{
  const char *text = "item,mated,rating\r\np1,1,3\n\np2,0,-1,12.5\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ratings = lk_training_ratings_parse_csv (text, strlen (text), "r.csv",
                                                             &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ratings->len, ==, 2);
  g_assert_cmpstr (g_array_index (ratings, LkTrainingRating, 1).item, ==, "p2");
  g_assert_false (g_array_index (ratings, LkTrainingRating, 1).mated);
  g_assert_cmpint (g_array_index (ratings, LkTrainingRating, 1).rating, ==, -1);
  g_assert_cmpfloat (g_array_index (ratings, LkTrainingRating, 1).seconds, ==, 12.5);
  g_assert_cmpfloat (g_array_index (ratings, LkTrainingRating, 0).seconds, <, 0);
  assert_csv_refused ("item,mated,rating\np1,1,3\np2,2,1\n", "r.csv: line 3: mated is 0 or 1");
  assert_csv_refused ("p1,1,high\n", "r.csv: line 1: the rating is a whole number");
  assert_csv_refused ("p1,1\n", "r.csv: line 1: expected item,mated,rating[,seconds], found 2");
  assert_csv_refused ("p1,1,1\np1,0,1\n", "r.csv: line 2: item “p1” appears twice");
  assert_csv_refused ("p1,1,1,-3\n", "r.csv: line 1: seconds is a number");
}

static void
test_cli (LkTestFixture *f,
          gconstpointer  data)
{
  g_autofree char *path = lk_test_path (f, "ratings.csv");
  g_autofree char *bad = lk_test_path (f, "bad.csv");
  g_autoptr(LkCliRun) run = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;

  g_file_set_contents (path, "item,mated,rating\nm1,1,3\nm2,1,2\nm3,1,0\nm4,1,-2\n"
                             "n1,0,-3\nn2,0,0\nn3,0,2\n", -1, NULL);
  run = lk_test_cli (NULL, NULL, NULL, "training", "score", path, NULL);
  lk_test_cli_assert_ok (run);
  node = json_from_string (run->out, NULL);
  o = json_node_get_object (node);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "auc"), 8.0 / 12, 1e-9);
  g_assert_cmpint (json_object_get_int_member (o, "n_mated"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (o, "n_nonmated"), ==, 3);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "false_same_rate"),
                                  1.0 / 3, 1e-9);
  g_assert_cmpfloat (json_object_get_double_member (o, "false_different_rate"), ==, 0.25);
  g_assert_cmpfloat (json_object_get_double_member (o, "inconclusive_rate_mated"), ==, 0.25);
  g_assert_true (json_object_has_member (o, "inconclusive_rate_nonmated"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "calibration")),
                    ==, 7);
  lk_cli_run_free (g_steal_pointer (&run));

  g_file_set_contents (bad, "m1,1,3\nm2,yes,2\n", -1, NULL);
  run = lk_test_cli (NULL, NULL, NULL, "training", "score", bad, NULL);
  lk_test_cli_assert_failed (run, "line 2: mated is 0 or 1");
  lk_cli_run_free (g_steal_pointer (&run));

  g_file_set_contents (bad, "", -1, NULL);
  run = lk_test_cli (NULL, NULL, NULL, "training", "score", bad, NULL);
  lk_test_cli_assert_ok (run);
  g_assert_nonnull (strstr (run->out, "\"auc\" : null"));
  g_assert_nonnull (strstr (run->out, "\"auc_reason\" : \"no items\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/likeness/training-score/worked", test_worked);
  g_test_add_func ("/likeness/training-score/ties", test_ties);
  g_test_add_func ("/likeness/training-score/one-class", test_one_class);
  g_test_add_func ("/likeness/training-score/empty", test_empty);
  g_test_add_func ("/likeness/training-score/kappa", test_kappa);
  g_test_add_func ("/likeness/training-score/csv", test_csv);
  LK_TEST_ADD ("/likeness/training-score/cli", test_cli);
  return g_test_run ();
}
