/* SPDX-License-Identifier: GPL-3.0-or-later */
/* likeness-cli: candidate lists (import, view, reveal, shuffle) and triage. */
#include "config.h"

#include "lk-cli-private.h"

gboolean
lk_cli_candidates_import (LkCli   *cli,
                          GError **error)
{
  GOptionEntry entries[] = { { NULL } };
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(JsonObject) list = NULL;
  gint64 probe_id, list_id;

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 2, "candidates import PROBE_ID FILE", error) ||
      !lk_cli_parse_id (rest[0], "probe", &probe_id, error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      (list_id = lk_candidates_import (session, probe_id, rest[1], error)) == 0 ||
      (list = lk_candidates_list_json (session, list_id, error)) == NULL)
    return FALSE;
  g_print ("%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT " candidates\n", list_id,
           json_object_get_int_member (list, "list_length"));
  return TRUE;
}

/* The shortest decimal form that reads back as the same number: 0.877113, not
 * 0.87711300000000003. */
static void
format_score (char   *buffer,
              gsize   size,
              double  score)
{
  for (int digits = 15; digits <= 17; digits++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%dg", digits);

      g_ascii_formatd (buffer, (int) size, format, score);
      if (g_ascii_strtod (buffer, NULL) == score)
        return;
    }
}

static void
print_candidate (LkCandidate *c)
{
  char score[G_ASCII_DTOSTR_BUF_SIZE];

  g_print ("%d\t%" G_GINT64_FORMAT "\t%s\t%s", lk_candidate_get_position (c),
           lk_candidate_get_id (c), lk_candidate_get_subject_ref (c),
           lk_candidate_get_triage_state (c));
  if (lk_candidate_get_scores_visible (c))
    {
      format_score (score, sizeof score, lk_candidate_get_score (c));
      g_print ("\t%d\t%s", lk_candidate_get_rank (c), score);
    }
  g_print ("\n");
}

gboolean
lk_cli_candidates_list (LkCli   *cli,
                        GError **error)
{
  GOptionEntry entries[] = { { NULL } };
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(GListModel) candidates = NULL;
  gint64 probe_id;

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "candidates list PROBE_ID", error) ||
      !lk_cli_parse_id (rest[0], "probe", &probe_id, error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      (candidates = lk_candidates_for_probe (session, probe_id, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (candidates); i++)
    {
      g_autoptr(LkCandidate) c = g_list_model_get_item (candidates, i);

      print_candidate (c);
    }
  return TRUE;
}

gboolean
lk_cli_candidates_reveal (LkCli   *cli,
                          GError **error)
{
  g_autofree char *reason = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  gint64 list_id;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "candidates reveal LIST_ID --reason TEXT", error) ||
      !lk_cli_parse_id (rest[0], "list", &list_id, error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      !lk_candidates_reveal_scores (session, list_id, reason, error))
    return FALSE;
  g_print ("%" G_GINT64_FORMAT "\tscores revealed\n", list_id);
  return TRUE;
}

gboolean
lk_cli_candidates_shuffle (LkCli   *cli,
                           GError **error)
{
  g_autofree char *seed_text = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  gint64 list_id;
  guint64 seed = 0;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "candidates shuffle LIST_ID [--seed N]", error) ||
      !lk_cli_parse_id (rest[0], "list", &list_id, error))
    return FALSE;
  if (seed_text != NULL &&
      !g_ascii_string_to_unsigned (seed_text, 10, 1, G_MAXINT64, &seed, NULL))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "A shuffle seed is a whole number from 1 to %" G_GINT64_FORMAT, G_MAXINT64);
      return FALSE;
    }
  /* Chosen here when not given, so that it can be printed (the core records it too). */
  while (seed == 0)
    seed = (((guint64) g_random_int () << 32) | g_random_int ()) & G_MAXINT64;
  if ((session = lk_cli_log_in (cli, error)) == NULL ||
      !lk_candidates_shuffle (session, list_id, seed, error))
    return FALSE;
  g_print ("%" G_GINT64_FORMAT "\tshuffled with seed %" G_GUINT64_FORMAT "\n", list_id, seed);
  return TRUE;
}

gboolean
lk_cli_candidates_triage (LkCli   *cli,
                          GError **error)
{
  g_autofree char *reason = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  gint64 candidate_id;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 2, "candidates triage CANDIDATE_ID retained|eliminated "
                                 "[--reason TEXT]", error) ||
      !lk_cli_parse_id (rest[0], "candidate", &candidate_id, error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      !lk_candidates_set_triage (session, candidate_id, rest[1], reason, error))
    return FALSE;
  g_print ("%" G_GINT64_FORMAT "\t%s\n", candidate_id, rest[1]);
  return TRUE;
}
