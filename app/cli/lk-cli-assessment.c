/* SPDX-License-Identifier: GPL-3.0-or-later */
/* likeness-cli: the self-assessment questionnaire. */
#include "config.h"

#include "lk-cli-private.h"

/* Answers from a JSON file: {"1.2": {"answer": "yes", "comment": "...", "evidence": "..."}}. */
static gboolean
apply_answers (LkAssessment  *assessment,
               const char    *path,
               GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GList) ids = NULL;
  JsonNode *root;
  JsonObject *o;

  if (!json_parser_load_from_file (parser, path, error))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "%s: the answers are one JSON object keyed by question id", path);
      return FALSE;
    }
  o = json_node_get_object (root);
  ids = json_object_get_members (o);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      LkAssessmentAnswer *a = lk_assessment_find (assessment, l->data);
      JsonNode *node = json_object_get_member (o, l->data);
      JsonObject *given;

      if (a == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                       "%s: “%s” is not a question of this questionnaire, or its answer is not "
                       "an object", path, (char *) l->data);
          return FALSE;
        }
      given = json_node_get_object (node);
      if (!lk_answer_parse (json_object_get_string_member_with_default (given, "answer", ""),
                            &a->answer, error))
        return FALSE;
      g_free (a->comment);
      a->comment = g_strdup (json_object_get_string_member_with_default (given, "comment", ""));
      g_free (a->evidence);
      a->evidence = g_strdup (json_object_get_string_member_with_default (given, "evidence",
                                                                          ""));
    }
  return TRUE;
}

static void
print_assessment (const LkAssessment *assessment)
{
  int principle = 0;

  g_print ("assessment %" G_GINT64_FORMAT " of %s by %s (%s)%s%s\n", assessment->id,
           assessment->assessed_on, assessment->by, assessment->edition,
           assessment->previous_on ? ", compared with " : "",
           assessment->previous_on ? assessment->previous_on : "");
  for (guint i = 0; i < assessment->answers->len; i++)
    {
      const LkAssessmentAnswer *a = g_ptr_array_index (assessment->answers, i);

      if (a->principle != principle)
        g_print ("%d. %s\n", principle = a->principle, a->principle_title);
      g_print ("  %s\t%s\t%s%s%s\t%s\n", a->id, lk_answer_to_string (a->answer),
               a->previous != a->answer && assessment->previous_on ? "was " : "",
               a->previous != a->answer && assessment->previous_on
               ? lk_answer_to_string (a->previous) : "",
               a->previous == LK_ANSWER_NONE && assessment->previous_on ? "unanswered" : "",
               a->figure ? a->figure : "");
    }
}

gboolean
lk_cli_assessment_new (LkCli   *cli,
                       GError **error)
{
  g_autofree char *date = NULL, *answers = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(LkAssessment) assessment = NULL;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, NULL, NULL },
    { "answers", 0, 0, G_OPTION_ARG_FILENAME, &answers, NULL, NULL },
    { NULL }
  };
  gint64 id;

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 0, "assessment new [--date YYYY-MM-DD] "
                                 "[--answers FILE.json]", error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      (assessment = lk_assessment_propose (session, error)) == NULL ||
      (answers != NULL && !apply_answers (assessment, answers, error)) ||
      (id = lk_assessment_save (session, assessment, date, error)) == 0)
    return FALSE;
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return TRUE;
}

static gboolean
load (LkCli          *cli,
      char          **rest,
      LkSession     **session,
      LkAssessment  **assessment,
      GError        **error)
{
  gint64 id = 0;

  if ((rest[0] != NULL && !lk_cli_parse_id (rest[0], "assessment", &id, error)) ||
      (*session = lk_cli_log_in (cli, error)) == NULL)
    return FALSE;
  *assessment = lk_assessment_load (*session, id, error);
  return *assessment != NULL;
}

gboolean
lk_cli_assessment_show (LkCli   *cli,
                        GError **error)
{
  gboolean json = FALSE;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(LkAssessment) assessment = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      g_strv_length (rest) > 1)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                     "usage: assessment show [ID] [--json]");
      return FALSE;
    }
  if (!load (cli, rest, &session, &assessment, error))
    return FALSE;
  if (json)
    {
      g_autoptr(JsonObject) o = lk_assessment_to_json (assessment);

      return lk_cli_print_json (o, error);
    }
  print_assessment (assessment);
  return TRUE;
}

gboolean
lk_cli_assessment_export (LkCli   *cli,
                          GError **error)
{
  g_autofree char *output = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(LkAssessment) assessment = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      g_strv_length (rest) > 1 || output == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                     "usage: assessment export [ID] -o FILE.pdf");
      return FALSE;
    }
  if (!load (cli, rest, &session, &assessment, error) ||
      !lk_assessment_export_pdf (session, assessment, output, error))
    return FALSE;
  g_print ("%s\n", output);
  return TRUE;
}

gboolean
lk_cli_assessment_install (LkCli   *cli,
                           GError **error)
{
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autofree char *edition = NULL;
  GOptionEntry entries[] = { { NULL } };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "assessment install FILE.json", error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      (edition = lk_assessment_install (session, rest[0], error)) == NULL)
    return FALSE;
  g_print ("Questionnaire edition “%s” installed; new assessments answer it\n", edition);
  return TRUE;
}
