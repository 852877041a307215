/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo's training: an exercise of twelve pairs made from the two demo portraits (mated
 * pairs: two differently processed copies of one portrait; non-mated: copies of the two
 * different people), assigned to demo-trainee and completed, so that demo-trainer finds a
 * filled dashboard; and a short practice set demo-trainee has not started. */
#include "config.h"

#include "demo/lk-demo-private.h"

#include "demo/lk-demo.h"
#include "imaging/lk-cv.h"
#include "lk-error.h"
#include "reference/lk-data.h"
#include "store/lk-store-private.h"
#include "training/lk-training.h"

/* Each portrait in six versions: long side, roll (degrees), JPEG quality. None is the
 * processing of a demo probe, so no exercise image is casework material. */
static const struct
{
  int    width;
  double degrees;
  int    quality;
} variants[] = {
  { 300, 0.0, 85 }, { 260, -4.0, 70 }, { 220, 5.0, 55 },
  { 180, 1.5, 45 }, { 140, -6.0, 35 }, { 320, 8.0, 90 },
};

static const char * const portraits[] = { "grace_hopper.jpg", "astronaut.png" };

/* Pairs: portrait and version of each side; the trainee's level and seconds. */
static const struct
{
  const char *pair_id;
  int         portrait_a, variant_a, portrait_b, variant_b;
  const char *difficulty;
  int         level;
  int         seconds;
} pairs[] = {
  { "P01", 0, 0, 0, 3, "easy", 3, 140 },
  { "P02", 0, 1, 1, 2, "easy", -3, 95 },
  { "P03", 1, 1, 1, 4, "medium", 2, 210 },
  { "P04", 0, 2, 1, 3, "medium", -2, 180 },
  { "P05", 0, 1, 0, 4, "hard", 1, 320 },
  { "P06", 1, 0, 0, 5, "medium", 0, 260 },
  { "P07", 1, 0, 1, 3, "easy", 3, 120 },
  { "P08", 1, 4, 0, 4, "hard", 2, 300 },
  { "P09", 0, 2, 0, 5, "medium", 2, 190 },
  { "P10", 1, 5, 0, 0, "easy", -3, 80 },
  { "P11", 1, 2, 1, 5, "hard", -1, 350 },
  { "P12", 0, 3, 1, 1, "medium", -1, 230 },
};

static GBytes *
version (GBytes      *portraits_bytes[],
         int          portrait,
         int          v,
         GError     **error)
{
  return lk_cv_simulate_cctv (portraits_bytes[portrait], variants[v].width, variants[v].degrees,
                              variants[v].quality, error);
}

static gint64
create_exercise (LkSession  *trainer,
                 const char *name,
                 const char *instructions,
                 guint       first,
                 guint       n,
                 GError    **error)
{
  GBytes *sources[2] = { NULL, NULL };
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GArray) list = g_array_new (FALSE, TRUE, sizeof (LkTrainingPair));
  LkTrainingExerciseSpec spec = { name, instructions, NULL, 600 };
  gint64 id = 0;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *file = g_strconcat ("demo/", portraits[i], NULL);

      if ((sources[i] = lk_data_file_lookup (file, error)) == NULL)
        goto out;
      g_ptr_array_add (keep, sources[i]);
    }
  for (guint i = first; i < first + n; i++)
    {
      LkTrainingPair pair = { pairs[i].pair_id, NULL, NULL,
                              pairs[i].portrait_a == pairs[i].portrait_b, pairs[i].difficulty,
                              NULL };

      if ((pair.image_a = version (sources, pairs[i].portrait_a, pairs[i].variant_a,
                                   error)) == NULL)
        goto out;
      g_ptr_array_add (keep, pair.image_a);
      if ((pair.image_b = version (sources, pairs[i].portrait_b, pairs[i].variant_b,
                                   error)) == NULL)
        goto out;
      g_ptr_array_add (keep, pair.image_b);
      pair.notes = pair.mated ? "Demo: two processed copies of one public-domain portrait"
                              : "Demo: processed copies of two different people";
      g_array_append_val (list, pair);
    }
  id = lk_training_exercise_create (trainer, &spec, (LkTrainingPair *) list->data, list->len,
                                    error);
out:
  return id;
}

/* The demo's timings are simulated: the attempt is dated back by its seconds. */
static gboolean
backdate (LkStore  *store,
          gint64    item_id,
          int       seconds,
          GError  **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "UPDATE training_attempts SET opened_at = ? WHERE item_id = ?", error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) opened = g_date_time_add_seconds (now, -seconds);
  g_autofree char *at = g_date_time_format (opened, "%Y-%m-%dT%H:%M:%S.%fZ");

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, at);
  lk_stmt_bind_int64 (stmt, 2, item_id);
  return lk_stmt_done (stmt, error);
}

static gboolean
attempt_item (LkSession      *trainee,
              LkTrainingItem *item,
              guint           index,
              GError        **error)
{
  g_autoptr(LkTrainingItem) opened = NULL;
  gint64 id = lk_training_item_get_id (item);

  if ((opened = lk_training_item_open (trainee, id, error)) == NULL ||
      !backdate (lk_session_get_store (trainee), id, pairs[index].seconds, error))
    return FALSE;
  if (index == 0 &&
      (!lk_training_item_save (trainee, id, "Both images frontal, sharp enough for the eyes "
                               "and nose; the second is smaller and compressed.",
                               "Eyes, nose and mouth compared side by side.", error) ||
       !lk_training_item_observe (trainee, id, "eyes.fissure", "similar", error) ||
       !lk_training_item_observe (trainee, id, "nose.tip", "similar", error) ||
       !lk_training_item_observe (trainee, id, "mouth.width", "similar", error)))
    return FALSE;
  return lk_training_item_conclude (trainee, id, pairs[index].level,
                                    "Demo attempt by the demo trainee.", error);
}

static gboolean
complete (LkStore  *store,
          gint64    exercise,
          GError  **error)
{
  g_autoptr(LkSession) trainee = lk_session_login (store, "demo-trainee", LK_DEMO_PASSWORD,
                                                   error);
  g_autoptr(GListModel) items = NULL;

  if (trainee == NULL ||
      (items = lk_training_items_list (trainee, exercise, NULL, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(LkTrainingItem) item = g_list_model_get_item (items, i);

      if (!attempt_item (trainee, item, i, error))
        return FALSE;
    }
  return lk_session_log_out (trainee, error);
}

static gint64
item_at (LkSession  *trainer,
         gint64      exercise,
         guint       index,
         GError    **error)
{
  g_autoptr(GListModel) items = lk_training_items_list (trainer, exercise, NULL, error);
  g_autoptr(LkTrainingItem) item = items ? g_list_model_get_item (items, index) : NULL;

  if (item != NULL)
    return lk_training_item_get_id (item);
  if (items != NULL)
    g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND, "The demo exercise has no item %u",
                 index + 1);
  return 0;
}

static char *
due_in_days (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) due = g_date_time_add_days (now, days);

  return g_date_time_format (due, "%Y-%m-%d");
}

gboolean
lk_demo_training (LkStore  *store,
                  GError  **error)
{
  g_autoptr(LkSession) trainer = lk_session_login (store, "demo-trainer", LK_DEMO_PASSWORD,
                                                   error);
  g_autofree char *due = due_in_days (14);
  gint64 exercise, practice, commented;

  return trainer != NULL &&
         (exercise = create_exercise (trainer, "Demo exercise: processed portraits",
                                      "Compare each pair of images as in casework and give "
                                      "your level on the scale. The images may be scaled, "
                                      "rotated, blurred and compressed.", 0, 12, error)) != 0 &&
         lk_training_assign (trainer, exercise, "demo-trainee", due, error) &&
         (practice = create_exercise (trainer, "Demo practice set",
                                      "Four pairs to practise on: examine each and give your "
                                      "level.", 8, 4, error)) != 0 &&
         lk_training_assign (trainer, practice, "demo-trainee", due, error) &&
         complete (store, exercise, error) &&
         /* P08, two different people rated +2: the trainer's comment. */
         (commented = item_at (trainer, exercise, 7, error)) != 0 &&
         lk_training_item_comment (trainer, commented, "demo-trainee",
                                   "Look again at the ears and the mouth: their shapes differ "
                                   "between the two images, which scaling cannot explain.",
                                   error) &&
         lk_session_log_out (trainer, error);
}
