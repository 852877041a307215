/* SPDX-License-Identifier: GPL-3.0-or-later */
/* likeness-cli: training (exercises, items for trainees, results) and `training score`, which
 * needs no database. */
#include "config.h"

#include <string.h>

#include "lk-cli-private.h"

static gboolean
print_json_and_free (JsonObject  *object,
                     GError     **error)
{
  g_autoptr(JsonObject) owned = object;

  return lk_cli_print_json (owned, error);
}

static gboolean
training_score (LkCli   *cli,
                GError **error)
{
  GOptionEntry entries[] = { { NULL } };
  g_auto(GStrv) rest = NULL;
  g_autofree char *text = NULL, *label = NULL;
  g_autoptr(GArray) ratings = NULL;
  g_autoptr(LkTrainingScore) score = NULL;
  gsize length;

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "training score FILE.csv", error) ||
      !g_file_get_contents (rest[0], &text, &length, error))
    return FALSE;
  label = g_path_get_basename (rest[0]);
  if ((ratings = lk_training_ratings_parse_csv (text, length, label, error)) == NULL)
    return FALSE;
  score = lk_training_score_compute ((LkTrainingRating *) ratings->data, ratings->len,
                                     LK_TRAINING_SAME_CUT, LK_TRAINING_DIFFERENT_CUT, -3, 3);
  return print_json_and_free (lk_training_score_to_json (score), error);
}

/* ---- exercises ------------------------------------------------------------------------------ */

static GBytes *
read_file (const char  *path,
           GError     **error)
{
  char *contents;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return g_bytes_new_take (contents, length);
}

/* --pair PAIR_ID,IMAGE_A,IMAGE_B,MATED,DIFFICULTY[,NOTES] */
static gboolean
parse_pair (const char      *text,
            LkTrainingPair  *pair,
            GPtrArray       *keep,
            GError         **error)
{
  g_auto(GStrv) f = g_strsplit (text, ",", 6);
  guint n = g_strv_length (f);

  if (n < 5 || (!g_str_equal (f[3], "0") && !g_str_equal (f[3], "1")))
    return g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "--pair is PAIR_ID,IMAGE_A,"
                        "IMAGE_B,MATED (0 or 1),DIFFICULTY[,NOTES], not “%s”", text), FALSE;
  if ((pair->image_a = read_file (f[1], error)) == NULL)
    return FALSE;
  g_ptr_array_add (keep, pair->image_a);
  if ((pair->image_b = read_file (f[2], error)) == NULL)
    return FALSE;
  g_ptr_array_add (keep, pair->image_b);
  pair->mated = f[3][0] == '1';
  g_ptr_array_add (keep, g_bytes_new_take (g_strdup (f[0]), strlen (f[0]) + 1));
  pair->pair_id = g_bytes_get_data (g_ptr_array_index (keep, keep->len - 1), NULL);
  g_ptr_array_add (keep, g_bytes_new_take (g_strdup (f[4]), strlen (f[4]) + 1));
  pair->difficulty = g_bytes_get_data (g_ptr_array_index (keep, keep->len - 1), NULL);
  if (n == 6)
    {
      g_ptr_array_add (keep, g_bytes_new_take (g_strdup (f[5]), strlen (f[5]) + 1));
      pair->notes = g_bytes_get_data (g_ptr_array_index (keep, keep->len - 1), NULL);
    }
  return TRUE;
}

static gboolean
exercise_create_or_import (LkCli     *cli,
                           gboolean   import,
                           GError   **error)
{
  g_autofree char *instructions = NULL, *scale = NULL;
  g_auto(GStrv) pair_texts = NULL, rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GArray) pairs = g_array_new (FALSE, TRUE, sizeof (LkTrainingPair));
  int time_limit = 0;
  gint64 id;
  GOptionEntry entries[] = {
    { "instructions", 0, 0, G_OPTION_ARG_STRING, &instructions, NULL, NULL },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale, NULL, NULL },
    { "time-limit", 0, 0, G_OPTION_ARG_INT, &time_limit, NULL, NULL },
    { "pair", 0, 0, G_OPTION_ARG_STRING_ARRAY, &pair_texts, NULL, NULL },
    { NULL }
  };
  LkTrainingExerciseSpec spec = { 0 };

  if (!lk_cli_parse_options (cli, 3, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, import ? 2 : 1, import
                                 ? "training exercise import NAME FOLDER --instructions TEXT"
                                 : "training exercise create NAME --instructions TEXT "
                                   "--pair PAIR_ID,IMAGE_A,IMAGE_B,MATED,DIFFICULTY[,NOTES] ...",
                                 error))
    return FALSE;
  for (guint i = 0; !import && pair_texts != NULL && pair_texts[i] != NULL; i++)
    {
      LkTrainingPair pair = { 0 };

      if (!parse_pair (pair_texts[i], &pair, keep, error))
        return FALSE;
      g_array_append_val (pairs, pair);
    }
  spec = (LkTrainingExerciseSpec) { rest[0], instructions, scale, time_limit };
  if ((session = lk_cli_log_in (cli, error)) == NULL)
    return FALSE;
  id = import ? lk_training_exercise_import (session, &spec, rest[1], error)
              : lk_training_exercise_create (session, &spec, (LkTrainingPair *) pairs->data,
                                             pairs->len, error);
  if (id == 0)
    return FALSE;
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return TRUE;
}

static gboolean
exercise_generate (LkCli   *cli,
                   GError **error)
{
  g_autofree char *name = NULL, *instructions = NULL, *scale = NULL, *difficulty = NULL;
  g_autofree char *base = NULL, *own_name = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  int pairs = 0, time_limit = 0, seed = 1;
  double share = 0.5;
  gint64 id;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, NULL, NULL },
    { "instructions", 0, 0, G_OPTION_ARG_STRING, &instructions, NULL, NULL },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale, NULL, NULL },
    { "time-limit", 0, 0, G_OPTION_ARG_INT, &time_limit, NULL, NULL },
    { "pairs", 0, 0, G_OPTION_ARG_INT, &pairs, NULL, NULL },
    { "mated-share", 0, 0, G_OPTION_ARG_DOUBLE, &share, NULL, NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, NULL, NULL },
    { "difficulty", 0, 0, G_OPTION_ARG_STRING, &difficulty, NULL, NULL },
    { NULL }
  };
  LkTrainingExerciseSpec spec = { 0 };
  LkTrainingGenerateSpec gen = { 0 };

  if (!lk_cli_parse_options (cli, 3, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "training exercise generate GALLERY --pairs N "
                                 "[--mated-share 0.5] [--seed S] [--difficulty easy|medium|hard|"
                                 "mixed] [--name NAME] [--instructions TEXT]", error))
    return FALSE;
  if (pairs <= 0 || seed < 0)
    return g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "--pairs is a number of pairs "
                        "above 0 and --seed a whole number from 0"), FALSE;
  base = g_path_get_basename (rest[0]);
  own_name = g_strdup_printf ("%s, %d pairs, seed %d", base, pairs, seed);
  spec = (LkTrainingExerciseSpec) { name != NULL ? name : own_name,
                                    instructions != NULL ? instructions
                                    : "Compare each pair and give your level on the scale.",
                                    scale, time_limit };
  gen = (LkTrainingGenerateSpec) { rest[0], (guint) pairs, share, (guint32) seed, difficulty };
  if ((session = lk_cli_log_in (cli, error)) == NULL ||
      (id = lk_training_exercise_generate (session, &spec, &gen, error)) == 0)
    return FALSE;
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return TRUE;
}

static gboolean
exercise_assign (LkCli   *cli,
                 GError **error)
{
  g_autofree char *due = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  gint64 id;
  GOptionEntry entries[] = {
    { "due", 0, 0, G_OPTION_ARG_STRING, &due, NULL, NULL },
    { NULL }
  };

  return lk_cli_parse_options (cli, 3, entries, &rest, error) &&
         lk_cli_expect_positional (rest, 2, "training exercise assign EXERCISE TRAINEE "
                                   "[--due YYYY-MM-DD]", error) &&
         (session = lk_cli_log_in (cli, error)) != NULL &&
         (id = lk_training_exercise_find (session, rest[0], error)) != 0 &&
         lk_training_assign (session, id, rest[1], due, error);
}

static gboolean
exercise_list (LkCli   *cli,
               GError **error)
{
  GOptionEntry entries[] = { { NULL } };
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(GListModel) list = NULL;

  if (!lk_cli_parse_options (cli, 3, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 0, "training exercise list", error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      (list = lk_training_exercises_list (session, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(LkTrainingExercise) e = g_list_model_get_item (list, i);
      const char *due = lk_training_exercise_get_due_date (e);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%u items\t%u submitted\t%s\n",
               lk_training_exercise_get_id (e), lk_training_exercise_get_name (e),
               lk_training_exercise_get_n_items (e), lk_training_exercise_get_n_submitted (e),
               due != NULL ? due : "no due date");
    }
  return TRUE;
}

/* ---- items ---------------------------------------------------------------------------------- */

static gboolean
item_list (LkCli   *cli,
           GError **error)
{
  g_autofree char *trainee = NULL;
  gboolean json = FALSE;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(JsonArray) array = json_array_new ();
  gint64 id;
  GOptionEntry entries[] = {
    { "trainee", 0, 0, G_OPTION_ARG_STRING, &trainee, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 3, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "training item list EXERCISE [--trainee NAME] "
                                 "[--json]", error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      (id = lk_training_exercise_find (session, rest[0], error)) == 0 ||
      (list = lk_training_items_list (session, id, trainee, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(LkTrainingItem) item = g_list_model_get_item (list, i);

      if (json)
        json_array_add_object_element (array, lk_training_item_to_json (item));
      else
        g_print ("%" G_GINT64_FORMAT "\t%s\t%s%s\n", lk_training_item_get_id (item),
                 lk_training_item_get_pair_id (item), lk_training_item_get_state (item),
                 !lk_training_item_get_truth_visible (item) ? ""
                 : lk_training_item_get_mated (item) ? "\tmated" : "\tnon-mated");
    }
  if (json)
    {
      g_autoptr(JsonObject) o = json_object_new ();

      json_object_set_array_member (o, "items", g_steal_pointer (&array));
      return lk_cli_print_json (o, error);
    }
  return TRUE;
}

typedef LkTrainingItem *(*ItemReader) (LkSession  *session,
                                       gint64      id,
                                       GError    **error);

/* training item open|show ITEM: the item as JSON, read by @read. */
static gboolean
print_item (LkCli       *cli,
            const char  *usage,
            ItemReader   read,
            GError     **error)
{
  GOptionEntry entries[] = { { NULL } };
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(LkTrainingItem) item = NULL;
  gint64 id;

  return lk_cli_parse_options (cli, 3, entries, &rest, error) &&
         lk_cli_expect_positional (rest, 1, usage, error) &&
         lk_cli_parse_id (rest[0], "item", &id, error) &&
         (session = lk_cli_log_in (cli, error)) != NULL &&
         (item = read (session, id, error)) != NULL &&
         print_json_and_free (lk_training_item_to_json (item), error);
}

static gboolean
item_open (LkCli   *cli,
           GError **error)
{
  return print_item (cli, "training item open ITEM", lk_training_item_open, error);
}

static gboolean
item_show (LkCli   *cli,
           GError **error)
{
  return print_item (cli, "training item show ITEM", lk_training_item_get, error);
}

static gboolean
item_observe (LkCli   *cli,
              GError **error)
{
  GOptionEntry entries[] = { { NULL } };
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  gint64 id;

  return lk_cli_parse_options (cli, 3, entries, &rest, error) &&
         lk_cli_expect_positional (rest, 3, "training item observe ITEM CHARACTERISTIC RESULT",
                                   error) &&
         lk_cli_parse_id (rest[0], "item", &id, error) &&
         (session = lk_cli_log_in (cli, error)) != NULL &&
         lk_training_item_observe (session, id, rest[1], rest[2], error);
}

static gboolean
parse_level (const char  *text,
             int         *level,
             GError     **error)
{
  gint64 value;

  if (text != NULL && g_ascii_string_to_signed (text, 10, -100, 100, &value, NULL))
    {
      *level = (int) value;
      return TRUE;
    }
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "--level is an ordinal of the scale, "
               "such as +2 or -1");
  return FALSE;
}

static gboolean
item_conclude (LkCli   *cli,
               GError **error)
{
  g_autofree char *level_text = NULL, *notes = NULL, *analysis = NULL, *comparison = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(LkTrainingItem) item = NULL;
  gint64 id;
  int level;
  GOptionEntry entries[] = {
    { "level", 0, 0, G_OPTION_ARG_STRING, &level_text, NULL, NULL },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, NULL, NULL },
    { "analysis", 0, 0, G_OPTION_ARG_STRING, &analysis, NULL, NULL },
    { "comparison", 0, 0, G_OPTION_ARG_STRING, &comparison, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 3, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "training item conclude ITEM --level L [--notes TEXT]",
                                 error) ||
      !lk_cli_parse_id (rest[0], "item", &id, error) || !parse_level (level_text, &level, error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      ((analysis != NULL || comparison != NULL) &&
       !lk_training_item_save (session, id, analysis, comparison, error)) ||
      !lk_training_item_conclude (session, id, level, notes, error) ||
      (item = lk_training_item_get (session, id, error)) == NULL)
    return FALSE;
  return print_json_and_free (lk_training_item_to_json (item), error);
}

static gboolean
item_comment (LkCli   *cli,
              GError **error)
{
  g_autofree char *comment = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  gint64 id;
  GOptionEntry entries[] = {
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, NULL, NULL },
    { NULL }
  };

  return lk_cli_parse_options (cli, 3, entries, &rest, error) &&
         lk_cli_expect_positional (rest, 2, "training item comment ITEM TRAINEE --comment TEXT",
                                   error) &&
         lk_cli_parse_id (rest[0], "item", &id, error) &&
         (session = lk_cli_log_in (cli, error)) != NULL &&
         lk_training_item_comment (session, id, rest[1], comment, error);
}

/* ---- results -------------------------------------------------------------------------------- */

static void
print_figure (const char             *name,
              const LkTrainingFigure *f,
              guint                   count,
              guint                   denominator)
{
  if (!f->defined)
    g_print ("  %-26s undefined (%s)\n", name, f->reason);
  else if (denominator > 0)
    g_print ("  %-26s %.3f (%u of %u)\n", name, f->value, count, denominator);
  else
    g_print ("  %-26s %.3f\n", name, f->value);
}

static void
print_result (const LkTrainingResult *r)
{
  const LkTrainingScore *s = r->score;

  g_print ("%s: %u submitted (%u mated, %u non-mated)\n", r->trainee, r->ratings->len,
           s->n_mated, s->n_nonmated);
  print_figure ("AUC", &s->auc, 0, 0);
  print_figure ("false \"same\" rate", &s->false_same_rate, s->false_same, s->n_nonmated);
  print_figure ("false \"different\" rate", &s->false_different_rate, s->false_different,
                s->n_mated);
  print_figure ("inconclusive (mated)", &s->inconclusive_rate_mated, s->inconclusive_mated,
                s->n_mated);
  print_figure ("inconclusive (non-mated)", &s->inconclusive_rate_nonmated,
                s->inconclusive_nonmated, s->n_nonmated);
  print_figure ("mean seconds per item", &s->mean_seconds, 0, 0);
  print_figure ("median seconds per item", &s->median_seconds, 0, 0);
  g_print ("  %-26s %u\n", "answers over the time limit", s->n_over_time);
}

static gboolean
training_results (LkCli   *cli,
                  GError **error)
{
  gboolean json = FALSE, csv = FALSE;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(LkTrainingExercise) exercise = NULL;
  g_autoptr(GPtrArray) results = NULL;
  gint64 id;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "training results EXERCISE [--json|--csv]", error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      (id = lk_training_exercise_find (session, rest[0], error)) == 0 ||
      (exercise = lk_training_exercise_get (session, id, error)) == NULL)
    return FALSE;
  if (lk_session_has_role (session, LK_ROLE_TRAINEE) &&
      !lk_session_has_role (session, LK_ROLE_TRAINER | LK_ROLE_ADMINISTRATOR))
    {
      LkTrainingResult *own = lk_training_own_result (session, id, error);

      if (own == NULL)
        return FALSE;
      results = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_training_result_free);
      g_ptr_array_add (results, own);
    }
  else if ((results = lk_training_results (session, id, error)) == NULL)
    return FALSE;
  if (json)
    return print_json_and_free (lk_training_results_to_json (exercise, results), error);
  if (csv)
    {
      g_autofree char *text = lk_training_results_to_csv (results);

      g_print ("%s", text);
      return TRUE;
    }
  for (guint i = 0; i < results->len; i++)
    print_result (g_ptr_array_index (results, i));
  return TRUE;
}

/* ---- history and the PDF summary ------------------------------------------------------------ */

static gboolean
training_history (LkCli   *cli,
                  GError **error)
{
  gboolean json = FALSE;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(GPtrArray) history = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "training history TRAINEE [--json]", error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      (history = lk_training_history (session, rest[0], error)) == NULL)
    return FALSE;
  if (json)
    return print_json_and_free (lk_training_history_to_json (rest[0], history), error);
  for (guint i = 0; i < history->len; i++)
    {
      const LkTrainingHistoryEntry *e = g_ptr_array_index (history, i);

      g_print ("%s\t%s\t%u of %u submitted\n", e->date, e->exercise, e->n_submitted,
               e->n_items);
      print_result (e->result);
    }
  return TRUE;
}

static gboolean
training_report (LkCli   *cli,
                 GError **error)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "training report TRAINEE --out FILE.pdf", error))
    return FALSE;
  if (out == NULL)
    return g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "training report needs "
                        "--out FILE.pdf"), FALSE;
  if ((session = lk_cli_log_in (cli, error)) == NULL ||
      !lk_training_report_pdf (session, rest[0], out, error))
    return FALSE;
  g_print ("%s\n", out);
  return TRUE;
}

/* ---- competency proposals ------------------------------------------------------------------- */

static gboolean
training_propose (LkCli   *cli,
                  GError **error)
{
  g_autofree char *kind = NULL, *from = NULL, *until = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  gint64 exercise, id;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, NULL, NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, NULL, NULL },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 2, "training propose EXERCISE TRAINEE [--kind examiner|"
                                 "reviewer] [--from YYYY-MM-DD] [--until YYYY-MM-DD]", error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      (exercise = lk_training_exercise_find (session, rest[0], error)) == 0 ||
      (id = lk_training_propose (session, exercise, rest[1], kind != NULL ? kind : "examiner",
                                 from, until, error)) == 0)
    return FALSE;
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return TRUE;
}

static gboolean
training_proposals (LkCli   *cli,
                    GError **error)
{
  gboolean json = FALSE, pending = FALSE;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(GListModel) list = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { "pending", 0, 0, G_OPTION_ARG_NONE, &pending, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 0, "training proposals [--pending] [--json]", error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      (list = lk_training_proposals_list (session, pending, error)) == NULL)
    return FALSE;
  if (json)
    {
      g_autoptr(JsonObject) o = json_object_new ();

      json_object_set_array_member (o, "proposals", lk_training_proposals_to_json (list));
      return lk_cli_print_json (o, error);
    }
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(LkTrainingProposal) p = g_list_model_get_item (list, i);
      const char *decision = lk_training_proposal_get_decision (p);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n", lk_training_proposal_get_id (p),
               lk_training_proposal_get_trainee (p), lk_training_proposal_get_kind (p),
               lk_training_proposal_get_exercise (p), decision != NULL ? decision : "pending");
    }
  return TRUE;
}

static gboolean
training_decide (LkCli   *cli,
                 GError **error)
{
  g_autofree char *reason = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  gint64 id;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 2, "training decide PROPOSAL confirm|reject "
                                 "[--reason TEXT]", error) ||
      !lk_cli_parse_id (rest[0], "proposal", &id, error))
    return FALSE;
  if (!g_str_equal (rest[1], "confirm") && !g_str_equal (rest[1], "reject"))
    return g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "A proposal is confirmed or "
                        "rejected, not “%s”", rest[1]), FALSE;
  return (session = lk_cli_log_in (cli, error)) != NULL &&
         lk_training_proposal_decide (session, id, g_str_equal (rest[1], "confirm"), reason,
                                      error);
}

/* ---- dispatch ------------------------------------------------------------------------------- */

static const struct
{
  const char    *word2;
  const char    *word3;
  LkCommandFunc  func;
} training_commands[] = {
  { "score", NULL, training_score },
  { "results", NULL, training_results },
  { "history", NULL, training_history },
  { "report", NULL, training_report },
  { "propose", NULL, training_propose },
  { "proposals", NULL, training_proposals },
  { "decide", NULL, training_decide },
  { "exercise", "assign", exercise_assign },
  { "exercise", "generate", exercise_generate },
  { "exercise", "list", exercise_list },
  { "item", "list", item_list },
  { "item", "open", item_open },
  { "item", "show", item_show },
  { "item", "observe", item_observe },
  { "item", "conclude", item_conclude },
  { "item", "comment", item_comment },
};

static gboolean
exercise_create (LkCli *cli, GError **error)
{
  return exercise_create_or_import (cli, FALSE, error);
}

static gboolean
exercise_import (LkCli *cli, GError **error)
{
  return exercise_create_or_import (cli, TRUE, error);
}

gboolean
lk_cli_training (LkCli   *cli,
                 GError **error)
{
  const char *word2 = cli->n_args >= 2 ? cli->args[1] : NULL;
  const char *word3 = cli->n_args >= 3 ? cli->args[2] : NULL;

  if (g_strcmp0 (word2, "exercise") == 0 && g_strcmp0 (word3, "create") == 0)
    return exercise_create (cli, error);
  if (g_strcmp0 (word2, "exercise") == 0 && g_strcmp0 (word3, "import") == 0)
    return exercise_import (cli, error);
  for (guint i = 0; i < G_N_ELEMENTS (training_commands); i++)
    if (g_strcmp0 (word2, training_commands[i].word2) == 0 &&
        (training_commands[i].word3 == NULL || g_strcmp0 (word3, training_commands[i].word3) == 0))
      return training_commands[i].func (cli, error);
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "Unknown training command; see "
               "likeness-cli --help");
  return FALSE;
}
