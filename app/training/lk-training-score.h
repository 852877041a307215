/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Proficiency scores from ordinal ratings of image pairs with known ground truth (DOMAIN.md
 * section 6): the AUC, error and inconclusive rates at the lab's decision cuts, a calibration
 * table, time per item and the agreement of two raters. Pure arithmetic: no database, the same
 * code for the application and likeness-cli. A figure that is undefined (no items, all one
 * class, a zero denominator) is never a number: it is marked undefined with a reason. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The default decision cuts: +2 and above is "same", -2 and below is "different". */
#define LK_TRAINING_SAME_CUT       2
#define LK_TRAINING_DIFFERENT_CUT (-2)

typedef struct
{
  char    *item;     /* the item's name (a pair id) */
  gboolean mated;    /* ground truth: the same person */
  int      rating;   /* the level given, an ordinal of the scale */
  double   seconds;  /* time spent on the item; negative when not known */
  gboolean over_time; /* submitted after the time limit: counted as given, and counted here */
} LkTrainingRating;

/* One figure: @defined FALSE means @value must not be read and @reason says why. */
typedef struct
{
  gboolean    defined;
  double      value;
  const char *reason;
} LkTrainingFigure;

typedef struct
{
  int              level;
  guint            n_mated;
  guint            n_nonmated;
  LkTrainingFigure likelihood_ratio; /* P(level | mated) / P(level | non-mated) */
} LkTrainingCalibration;

typedef struct
{
  int              same_cut;
  int              different_cut;
  guint            n_mated;
  guint            n_nonmated;
  LkTrainingFigure auc;
  guint            false_same;          /* non-mated rated at or above the same cut */
  LkTrainingFigure false_same_rate;     /* denominator: n_nonmated */
  guint            false_different;     /* mated rated at or below the different cut */
  LkTrainingFigure false_different_rate; /* denominator: n_mated */
  guint            inconclusive_mated;
  LkTrainingFigure inconclusive_rate_mated;
  guint            inconclusive_nonmated;
  LkTrainingFigure inconclusive_rate_nonmated;
  GArray          *calibration;         /* LkTrainingCalibration, lowest level first */
  guint            n_timed;
  guint            n_over_time;         /* answers given after the time limit (all counted) */
  LkTrainingFigure mean_seconds;
  LkTrainingFigure median_seconds;
} LkTrainingScore;

void              lk_training_rating_clear (LkTrainingRating *rating);
void              lk_training_score_free   (LkTrainingScore  *score);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkTrainingScore, lk_training_score_free)

/* Scores @n ratings. The calibration table has a row for every level from @min_level to
 * @max_level, widened to take in every rating given. @different_cut < @same_cut. */
LkTrainingScore  *lk_training_score_compute (const LkTrainingRating *ratings,
                                             guint                   n,
                                             int                     same_cut,
                                             int                     different_cut,
                                             int                     min_level,
                                             int                     max_level);

/* The score as JSON: auc, false_same_rate, false_different_rate, inconclusive_rate_mated,
 * inconclusive_rate_nonmated, n_mated, n_nonmated, calibration (level, n_mated, n_nonmated,
 * likelihood_ratio), mean_seconds, median_seconds, n_over_time, the counts behind each rate,
 * the cuts; an
 * undefined figure is null with a member NAME_reason beside it. */
JsonObject       *lk_training_score_to_json (const LkTrainingScore *score);

/* Reads ratings from CSV text: one `item,mated,rating` line per item (an optional fourth field
 * is the seconds spent), mated 0 or 1, rating a whole number; an optional header line
 * `item,mated,rating[,seconds]`; blank lines skipped. Item names are unique. An error names
 * @label and the line. Returns a GArray of LkTrainingRating (freeing clears them). */
GArray           *lk_training_ratings_parse_csv (const char  *text,
                                                 gsize        length,
                                                 const char  *label,
                                                 GError     **error);

/* Cohen's weighted kappa with quadratic weights between two raters who rated the same @n
 * items (a[i] and b[i]) on the levels @min_level..@max_level: 1 - sum w*O / sum w*E with
 * disagreement weights w(i,j) = (i - j)^2 / (k - 1)^2, k levels. Undefined without items or
 * when chance disagreement is zero (both raters used one and the same level throughout). */
LkTrainingFigure  lk_training_kappa (const int *a,
                                     const int *b,
                                     guint      n,
                                     int        min_level,
                                     int        max_level);

G_END_DECLS
