/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exercises generated from a labelled gallery folder (one sub-folder per person): every face is
 * scored against every other with the built-in engine's classic template (the LBP template the
 * classic engine enrols and searches with), the candidate pairs of each class are ranked by
 * that score into thirds (mated: the lowest-scoring third is hard; non-mated: the
 * highest-scoring third, the look-alikes, is hard), and a seeded draw picks the pairs. The same
 * folder, settings and seed give the same exercise. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "training/lk-training-private.h"

#include "imaging/lk-cv.h"
#include "lk-error.h"
#include "lk-util.h"

#define MAX_IMAGES 400
#define MAX_PAIRS 500

typedef struct
{
  char   *subject;
  char   *path;
  GBytes *bytes;
  float  *template;
  guint   dimension;
} Face;

typedef struct
{
  guint       a;
  guint       b;
  double      score;
  gboolean    mated;
  const char *difficulty;
} Candidate;

static void
face_free (Face *face)
{
  g_free (face->subject);
  g_free (face->path);
  g_clear_pointer (&face->bytes, g_bytes_unref);
  g_free (face->template);
  g_free (face);
}

static gboolean
is_image_name (const char *name)
{
  static const char * const suffixes[] = { ".jpg", ".jpeg", ".png", ".pgm", ".ppm", ".bmp",
                                           ".tif", ".tiff", ".webp", NULL };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; suffixes[i] != NULL; i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return TRUE;
  return FALSE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
sorted_names (const char  *folder,
              gboolean     folders,
              GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (name[0] == '.')
        continue;
      if (folders ? g_file_test (path, G_FILE_TEST_IS_DIR)
                  : g_file_test (path, G_FILE_TEST_IS_REGULAR) && is_image_name (name))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

/* The classic template of the largest face, or NULL (no face: the image is left out). */
static float *
face_template (GBytes  *bytes,
               guint   *dimension,
               GError **error)
{
  g_autoptr(LkCvImage) image = lk_cv_image_decode (bytes, error);
  g_autoptr(GArray) faces = NULL;

  if (image == NULL || (faces = lk_cv_image_find_faces (image, NULL, error)) == NULL)
    return NULL;
  if (faces->len == 0)
    return NULL;
  /* A face that cannot be aligned is left out like one not found. */
  return lk_cv_image_template (image, &g_array_index (faces, LkFace, 0), NULL, dimension, NULL);
}

/* Every image of every subject whose face the engine finds. */
static GPtrArray *
read_gallery (const char  *gallery,
              guint       *n_left_out,
              GError     **error)
{
  g_autoptr(GPtrArray) subjects = sorted_names (gallery, TRUE, error);
  g_autoptr(GPtrArray) faces = g_ptr_array_new_with_free_func ((GDestroyNotify) face_free);

  if (subjects == NULL)
    return NULL;
  for (guint s = 0; s < subjects->len; s++)
    {
      const char *subject = g_ptr_array_index (subjects, s);
      g_autofree char *folder = g_build_filename (gallery, subject, NULL);
      g_autoptr(GPtrArray) files = sorted_names (folder, FALSE, error);

      if (files == NULL)
        return NULL;
      for (guint f = 0; f < files->len; f++)
        {
          g_autoptr(GError) local_error = NULL;
          g_autofree char *file = g_build_filename (folder, g_ptr_array_index (files, f), NULL);
          Face *face = g_new0 (Face, 1);
          char *contents;
          gsize length;

          face->subject = g_strdup (subject);
          face->path = g_build_filename (subject, g_ptr_array_index (files, f), NULL);
          g_ptr_array_add (faces, face);
          if (faces->len > MAX_IMAGES)
            return g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s holds more than "
                                "%u images", gallery, MAX_IMAGES), NULL;
          if (!g_file_get_contents (file, &contents, &length, error))
            return NULL;
          face->bytes = g_bytes_new_take (contents, length);
          face->template = face_template (face->bytes, &face->dimension, &local_error);
          if (local_error != NULL)
            return g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "%s: %s", face->path,
                                local_error->message), NULL;
          if (face->template == NULL)
            {
              (*n_left_out)++;
              g_ptr_array_remove_index (faces, faces->len - 1);
            }
        }
    }
  return g_steal_pointer (&faces);
}

static double
similarity (const Face *a,
            const Face *b)
{
  double dot = 0;

  /* Classic templates are L2-normalised: the dot product is the cosine. */
  for (guint i = 0; i < MIN (a->dimension, b->dimension); i++)
    dot += (double) a->template[i] * b->template[i];
  return dot;
}

static int
by_score (gconstpointer a,
          gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->score != y->score)
    return x->score < y->score ? -1 : 1;
  return x->a != y->a ? (x->a < y->a ? -1 : 1) : (x->b < y->b ? -1 : (x->b > y->b));
}

/* Ranks the candidates of one class by score into thirds: for mated pairs the highest scores
 * are easy, for non-mated pairs the highest are hard (look-alikes). */
static void
rank (GArray   *candidates,
      gboolean  mated)
{
  guint n = candidates->len;

  g_array_sort (candidates, by_score);
  for (guint i = 0; i < n; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);
      guint third = MIN (2, i * 3 / MAX (n, 1));

      c->difficulty = lk_training_difficulties ()[mated ? 2 - third : third];
    }
}

static void
collect (GPtrArray *faces,
         GArray    *mated,
         GArray    *nonmated)
{
  for (guint i = 0; i < faces->len; i++)
    for (guint j = i + 1; j < faces->len; j++)
      {
        const Face *a = g_ptr_array_index (faces, i), *b = g_ptr_array_index (faces, j);
        Candidate c = { i, j, similarity (a, b),
                        g_str_equal (a->subject, b->subject), NULL };

        g_array_append_val (c.mated ? mated : nonmated, c);
      }
  rank (mated, TRUE);
  rank (nonmated, FALSE);
}

/* Draws @n candidates of @difficulty (NULL: any) from @pool with @rand into @out. */
static gboolean
draw (GArray      *pool,
      gboolean     mated,
      const char  *difficulty,
      guint        n,
      GRand       *rand,
      GArray      *out,
      GError     **error)
{
  g_autoptr(GArray) fitting = g_array_new (FALSE, FALSE, sizeof (Candidate));

  for (guint i = 0; i < pool->len; i++)
    {
      Candidate *c = &g_array_index (pool, Candidate, i);

      if (difficulty == NULL || g_str_equal (c->difficulty, difficulty))
        g_array_append_val (fitting, *c);
    }
  if (fitting->len < n)
    return g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The gallery offers %u %s%s "
                        "pairs, not the %u asked for: ask for fewer, another difficulty or a "
                        "larger gallery", fitting->len, difficulty ? difficulty : "",
                        mated ? " mated" : " non-mated", n), FALSE;
  /* A partial Fisher-Yates shuffle: the first @n of a seeded permutation. */
  for (guint i = 0; i < n; i++)
    {
      guint j = i + (guint) g_rand_int_range (rand, 0, (gint32) (fitting->len - i));
      Candidate t = g_array_index (fitting, Candidate, i);

      g_array_index (fitting, Candidate, i) = g_array_index (fitting, Candidate, j);
      g_array_index (fitting, Candidate, j) = t;
      g_array_append_val (out, g_array_index (fitting, Candidate, i));
    }
  return TRUE;
}

static void
shuffle (GArray *chosen,
         GRand  *rand)
{
  for (guint i = chosen->len; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
      Candidate t = g_array_index (chosen, Candidate, i - 1);

      g_array_index (chosen, Candidate, i - 1) = g_array_index (chosen, Candidate, j);
      g_array_index (chosen, Candidate, j) = t;
    }
}

static gboolean
check_generate (const LkTrainingGenerateSpec  *gen,
                GError                       **error)
{
  if (gen->n_pairs == 0 || gen->n_pairs > MAX_PAIRS)
    return g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "An exercise is generated "
                        "with 1 to %u pairs", MAX_PAIRS), FALSE;
  if (!(gen->mated_share >= 0 && gen->mated_share <= 1))
    return g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The share of mated pairs is "
                        "between 0 and 1"), FALSE;
  if (gen->difficulty != NULL && !g_str_equal (gen->difficulty, "mixed") &&
      !g_strv_contains (lk_training_difficulties (), gen->difficulty))
    return g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The difficulty is easy, "
                        "medium, hard or mixed, not “%s”", gen->difficulty), FALSE;
  return TRUE;
}

static gboolean
choose (GPtrArray                    *faces,
        const LkTrainingGenerateSpec *gen,
        GArray                       *chosen,
        GError                      **error)
{
  g_autoptr(GArray) mated = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) nonmated = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GRand) rand = g_rand_new_with_seed (gen->seed);
  const char *difficulty = gen->difficulty != NULL && !g_str_equal (gen->difficulty, "mixed")
                           ? gen->difficulty : NULL;
  guint n_mated = (guint) lround (gen->n_pairs * gen->mated_share);

  collect (faces, mated, nonmated);
  return draw (mated, TRUE, difficulty, n_mated, rand, chosen, error) &&
         draw (nonmated, FALSE, difficulty, gen->n_pairs - n_mated, rand, chosen, error) &&
         (shuffle (chosen, rand), TRUE);
}

gint64
lk_training_exercise_generate (LkSession                    *session,
                               const LkTrainingExerciseSpec *spec,
                               const LkTrainingGenerateSpec *gen,
                               GError                      **error)
{
  g_autoptr(GPtrArray) faces = NULL;
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) pairs = g_array_new (FALSE, TRUE, sizeof (LkTrainingPair));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *base = NULL;
  LkActor actor;
  guint left_out = 0;

  g_return_val_if_fail (LK_IS_SESSION (session), 0);
  g_return_val_if_fail (spec != NULL && gen != NULL && gen->gallery != NULL, 0);

  if (!lk_session_require (session, LK_ROLE_TRAINER, &actor, error) ||
      !check_generate (gen, error) ||
      (faces = read_gallery (gen->gallery, &left_out, error)) == NULL ||
      !choose (faces, gen, chosen, error))
    return 0;
  for (guint i = 0; i < chosen->len; i++)
    {
      const Candidate *c = &g_array_index (chosen, Candidate, i);
      const Face *a = g_ptr_array_index (faces, c->a), *b = g_ptr_array_index (faces, c->b);
      LkTrainingPair pair = { NULL, a->bytes, b->bytes, c->mated, c->difficulty, NULL };

      g_ptr_array_add (texts, g_strdup_printf ("g%03u", i + 1));
      pair.pair_id = g_ptr_array_index (texts, texts->len - 1);
      g_ptr_array_add (texts, g_strdup_printf ("%s and %s; built-in engine score %.3f",
                                               a->path, b->path, c->score));
      pair.notes = g_ptr_array_index (texts, texts->len - 1);
      g_array_append_val (pairs, pair);
    }
  base = g_path_get_basename (gen->gallery);
  json_object_set_string_member (details, "generated_from", base);
  json_object_set_int_member (details, "seed", gen->seed);
  json_object_set_double_member (details, "mated_share", gen->mated_share);
  json_object_set_string_member (details, "difficulty",
                                 gen->difficulty != NULL ? gen->difficulty : "mixed");
  json_object_set_int_member (details, "images_without_face", left_out);
  return lk_training_exercise_create_from (session, spec, (LkTrainingPair *) pairs->data,
                                           pairs->len, NULL, details, error);
}
