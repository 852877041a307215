/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "training/lk-training-score.h"

#include "lk-error.h"

static LkTrainingFigure
figure (double value)
{
  return (LkTrainingFigure) { TRUE, value, NULL };
}

static LkTrainingFigure
undefined (const char *reason)
{
  return (LkTrainingFigure) { FALSE, 0, reason };
}

/* count / denominator, undefined without a denominator. */
static LkTrainingFigure
rate (guint       count,
      guint       denominator,
      const char *reason)
{
  if (denominator == 0)
    return undefined (reason);
  return figure ((double) count / denominator);
}

void
lk_training_rating_clear (LkTrainingRating *rating)
{
  g_clear_pointer (&rating->item, g_free);
}

void
lk_training_score_free (LkTrainingScore *score)
{
  if (score == NULL)
    return;
  g_clear_pointer (&score->calibration, g_array_unref);
  g_free (score);
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Mann-Whitney: the share of (mated, non-mated) pairs in which the mated item was rated
 * higher, ties counting half. Non-mated ratings are sorted; each mated rating is placed among
 * them by two binary searches. */
static guint
count_below (const int *sorted,
             guint      n,
             int        value,
             gboolean   or_equal)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (sorted[mid] < value || (or_equal && sorted[mid] == value))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static LkTrainingFigure
compute_auc (const LkTrainingRating *ratings,
             guint                   n,
             guint                   n_mated,
             guint                   n_nonmated)
{
  g_autoptr(GArray) nonmated = g_array_sized_new (FALSE, FALSE, sizeof (int), n_nonmated);
  double wins = 0;

  if (n_mated == 0 && n_nonmated == 0)
    return undefined ("no items");
  if (n_mated == 0)
    return undefined ("no mated items");
  if (n_nonmated == 0)
    return undefined ("no non-mated items");
  for (guint i = 0; i < n; i++)
    if (!ratings[i].mated)
      g_array_append_val (nonmated, ratings[i].rating);
  g_array_sort (nonmated, compare_int);
  for (guint i = 0; i < n; i++)
    {
      guint below, below_or_equal;

      if (!ratings[i].mated)
        continue;
      below = count_below ((int *) nonmated->data, n_nonmated, ratings[i].rating, FALSE);
      below_or_equal = count_below ((int *) nonmated->data, n_nonmated, ratings[i].rating, TRUE);
      wins += below + 0.5 * (below_or_equal - below);
    }
  return figure (wins / ((double) n_mated * n_nonmated));
}

static void
compute_calibration (LkTrainingScore        *score,
                     const LkTrainingRating *ratings,
                     guint                   n,
                     int                     min_level,
                     int                     max_level)
{
  for (guint i = 0; i < n; i++)
    {
      min_level = MIN (min_level, ratings[i].rating);
      max_level = MAX (max_level, ratings[i].rating);
    }
  score->calibration = g_array_new (FALSE, TRUE, sizeof (LkTrainingCalibration));
  for (int level = min_level; level <= max_level; level++)
    {
      LkTrainingCalibration row = { .level = level };

      for (guint i = 0; i < n; i++)
        if (ratings[i].rating == level)
          {
            if (ratings[i].mated)
              row.n_mated++;
            else
              row.n_nonmated++;
          }
      if (score->n_mated == 0 || score->n_nonmated == 0)
        row.likelihood_ratio = undefined (score->n_mated == 0 ? "no mated items"
                                                              : "no non-mated items");
      else if (row.n_nonmated == 0)
        row.likelihood_ratio = undefined ("no non-mated item at this level");
      else
        row.likelihood_ratio = figure (((double) row.n_mated / score->n_mated) /
                                       ((double) row.n_nonmated / score->n_nonmated));
      g_array_append_val (score->calibration, row);
    }
}

static void
compute_times (LkTrainingScore        *score,
               const LkTrainingRating *ratings,
               guint                   n)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double sum = 0;
  guint m;

  for (guint i = 0; i < n; i++)
    if (ratings[i].seconds >= 0)
      {
        g_array_append_val (times, ratings[i].seconds);
        sum += ratings[i].seconds;
      }
  m = score->n_timed = times->len;
  if (m == 0)
    {
      score->mean_seconds = score->median_seconds = undefined ("no timed items");
      return;
    }
  g_array_sort (times, compare_double);
  score->mean_seconds = figure (sum / m);
  score->median_seconds = figure (m % 2 == 1 ? g_array_index (times, double, m / 2)
                                             : (g_array_index (times, double, m / 2 - 1) +
                                                g_array_index (times, double, m / 2)) / 2);
}

static void
count_decisions (LkTrainingScore        *score,
                 const LkTrainingRating *ratings,
                 guint                   n)
{
  for (guint i = 0; i < n; i++)
    {
      int r = ratings[i].rating;
      gboolean inconclusive = r > score->different_cut && r < score->same_cut;

      score->n_over_time += ratings[i].over_time ? 1 : 0;

      if (ratings[i].mated)
        {
          score->n_mated++;
          score->false_different += r <= score->different_cut;
          score->inconclusive_mated += inconclusive;
        }
      else
        {
          score->n_nonmated++;
          score->false_same += r >= score->same_cut;
          score->inconclusive_nonmated += inconclusive;
        }
    }
}

LkTrainingScore *
lk_training_score_compute (const LkTrainingRating *ratings,
                           guint                   n,
                           int                     same_cut,
                           int                     different_cut,
                           int                     min_level,
                           int                     max_level)
{
  LkTrainingScore *score = g_new0 (LkTrainingScore, 1);

  g_return_val_if_fail (n == 0 || ratings != NULL, NULL);
  g_return_val_if_fail (different_cut < same_cut, NULL);

  score->same_cut = same_cut;
  score->different_cut = different_cut;
  count_decisions (score, ratings, n);
  score->auc = compute_auc (ratings, n, score->n_mated, score->n_nonmated);
  score->false_same_rate = rate (score->false_same, score->n_nonmated, "no non-mated items");
  score->false_different_rate = rate (score->false_different, score->n_mated, "no mated items");
  score->inconclusive_rate_mated = rate (score->inconclusive_mated, score->n_mated,
                                         "no mated items");
  score->inconclusive_rate_nonmated = rate (score->inconclusive_nonmated, score->n_nonmated,
                                            "no non-mated items");
  compute_calibration (score, ratings, n, min_level, max_level);
  compute_times (score, ratings, n);
  return score;
}

/* ---- JSON ---------------------------------------------------------------------------------- */

static void
set_figure (JsonObject             *o,
            const char             *name,
            const LkTrainingFigure *f)
{
  if (f->defined)
    {
      json_object_set_double_member (o, name, f->value);
      return;
    }
  {
    g_autofree char *reason_name = g_strconcat (name, "_reason", NULL);

    json_object_set_null_member (o, name);
    json_object_set_string_member (o, reason_name, f->reason);
  }
}

static JsonArray *
calibration_json (GArray *calibration)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < calibration->len; i++)
    {
      const LkTrainingCalibration *row = &g_array_index (calibration, LkTrainingCalibration, i);
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "level", row->level);
      json_object_set_int_member (o, "n_mated", row->n_mated);
      json_object_set_int_member (o, "n_nonmated", row->n_nonmated);
      set_figure (o, "likelihood_ratio", &row->likelihood_ratio);
      json_array_add_object_element (array, o);
    }
  return array;
}

JsonObject *
lk_training_score_to_json (const LkTrainingScore *score)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (score != NULL, NULL);

  json_object_set_int_member (o, "n_mated", score->n_mated);
  json_object_set_int_member (o, "n_nonmated", score->n_nonmated);
  json_object_set_int_member (o, "same_cut", score->same_cut);
  json_object_set_int_member (o, "different_cut", score->different_cut);
  set_figure (o, "auc", &score->auc);
  set_figure (o, "false_same_rate", &score->false_same_rate);
  json_object_set_int_member (o, "false_same_count", score->false_same);
  set_figure (o, "false_different_rate", &score->false_different_rate);
  json_object_set_int_member (o, "false_different_count", score->false_different);
  set_figure (o, "inconclusive_rate_mated", &score->inconclusive_rate_mated);
  json_object_set_int_member (o, "inconclusive_mated_count", score->inconclusive_mated);
  set_figure (o, "inconclusive_rate_nonmated", &score->inconclusive_rate_nonmated);
  json_object_set_int_member (o, "inconclusive_nonmated_count", score->inconclusive_nonmated);
  json_object_set_array_member (o, "calibration", calibration_json (score->calibration));
  json_object_set_int_member (o, "n_timed", score->n_timed);
  set_figure (o, "mean_seconds", &score->mean_seconds);
  set_figure (o, "median_seconds", &score->median_seconds);
  json_object_set_int_member (o, "n_over_time", score->n_over_time);
  return o;
}

/* ---- CSV ----------------------------------------------------------------------------------- */

static gboolean
line_error (GError    **error,
            const char *label,
            guint       line,
            const char *format,
            ...) G_GNUC_PRINTF (4, 5);

static gboolean
line_error (GError    **error,
            const char *label,
            guint       line,
            const char *format,
            ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s: line %u: %s", label, line, reason);
  return FALSE;
}

static gboolean
parse_int_field (const char *text,
                 gint64      min,
                 gint64      max,
                 gint64     *value)
{
  return g_ascii_string_to_signed (text, 10, min, max, value, NULL);
}

static gboolean
parse_line (char            **fields,
            const char       *label,
            guint             line,
            LkTrainingRating *rating,
            GError          **error)
{
  guint n = g_strv_length (fields);
  gint64 mated, level;

  if (n != 3 && n != 4)
    return line_error (error, label, line, "expected item,mated,rating[,seconds], found %u "
                       "field%s", n, n == 1 ? "" : "s");
  g_strstrip (fields[0]);
  if (*fields[0] == '\0' || !g_utf8_validate (fields[0], -1, NULL))
    return line_error (error, label, line, "the item is empty or not UTF-8");
  if (!parse_int_field (g_strstrip (fields[1]), 0, 1, &mated))
    return line_error (error, label, line, "mated is 0 or 1, not “%s”", fields[1]);
  if (!parse_int_field (g_strstrip (fields[2]), -100, 100, &level))
    return line_error (error, label, line, "the rating is a whole number from -100 to 100, "
                       "not “%s”", fields[2]);
  rating->seconds = -1;
  if (n == 4 && *g_strstrip (fields[3]) != '\0')
    {
      char *end = NULL;
      double seconds = g_ascii_strtod (fields[3], &end);

      if (end == fields[3] || *end != '\0' || !(seconds >= 0 && seconds < 1e9))
        return line_error (error, label, line, "seconds is a number of at least 0, not “%s”",
                           fields[3]);
      rating->seconds = seconds;
    }
  rating->item = g_strdup (fields[0]);
  rating->mated = mated == 1;
  rating->rating = (int) level;
  return TRUE;
}

static gboolean
is_header (char **fields)
{
  guint n = g_strv_length (fields);

  return (n == 3 || n == 4) && g_str_equal (g_strstrip (fields[0]), "item") &&
         g_str_equal (g_strstrip (fields[1]), "mated") &&
         g_str_equal (g_strstrip (fields[2]), "rating") &&
         (n == 3 || g_str_equal (g_strstrip (fields[3]), "seconds"));
}

GArray *
lk_training_ratings_parse_csv (const char  *text,
                               gsize        length,
                               const char  *label,
                               GError     **error)
{
  g_autoptr(GArray) ratings = g_array_new (FALSE, TRUE, sizeof (LkTrainingRating));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *copy = g_strndup (text, length);
  g_auto(GStrv) lines = NULL;

  g_array_set_clear_func (ratings, (GDestroyNotify) lk_training_rating_clear);
  if (strlen (copy) != length)
    return line_error (error, label, 1, "the file holds a NUL byte"), NULL;
  lines = g_strsplit (copy, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      LkTrainingRating rating = { 0 };

      g_strchomp (lines[i]);
      if (*lines[i] == '\0')
        continue;
      fields = g_strsplit (lines[i], ",", -1);
      if (ratings->len == 0 && g_hash_table_size (seen) == 0 && is_header (fields))
        continue;
      if (!parse_line (fields, label, i + 1, &rating, error))
        return NULL;
      g_array_append_val (ratings, rating);
      if (!g_hash_table_add (seen, rating.item))
        return line_error (error, label, i + 1, "item “%s” appears twice", rating.item), NULL;
    }
  return g_steal_pointer (&ratings);
}

/* ---- agreement ----------------------------------------------------------------------------- */

LkTrainingFigure
lk_training_kappa (const int *a,
                   const int *b,
                   guint      n,
                   int        min_level,
                   int        max_level)
{
  g_autofree double *row = NULL, *column = NULL;
  double observed = 0, expected = 0;
  int k;

  if (n == 0)
    return undefined ("no items rated by both");
  for (guint i = 0; i < n; i++)
    {
      min_level = MIN (min_level, MIN (a[i], b[i]));
      max_level = MAX (max_level, MAX (a[i], b[i]));
    }
  k = max_level - min_level + 1;
  if (k < 2)
    return undefined ("a single level: no disagreement is possible");
  row = g_new0 (double, k);
  column = g_new0 (double, k);
  for (guint i = 0; i < n; i++)
    {
      double d = (double) (a[i] - b[i]) / (k - 1);

      observed += d * d;
      row[a[i] - min_level] += 1;
      column[b[i] - min_level] += 1;
    }
  for (int i = 0; i < k; i++)
    for (int j = 0; j < k; j++)
      {
        double d = (double) (i - j) / (k - 1);

        expected += d * d * row[i] * column[j] / n;
      }
  if (expected == 0)
    return undefined ("both raters gave one and the same level throughout");
  return figure (1 - observed / expected);
}
