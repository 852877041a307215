/* SPDX-License-Identifier: GPL-3.0-or-later */
/* likeness-cli: what leaves the lab: the examination report (PDF) and the disclosure bundle. */
#include "config.h"

#include "lk-cli-private.h"

gboolean
lk_cli_report (LkCli   *cli,
               GError **error)
{
  g_autofree char *output = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *sha256 = NULL;
  gboolean draft = FALSE;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  LkReportOptions options = { LK_PAPER_A4, FALSE };
  int pages = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, NULL, NULL },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, NULL, NULL },
    { "draft", 0, 0, G_OPTION_ARG_NONE, &draft, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 1, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "report CASE -o FILE.pdf [--paper a4|letter] "
                                 "[--draft]", error) ||
      (paper != NULL && !lk_paper_parse (paper, &options.paper, error)))
    return FALSE;
  if (output == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "Say where to write the report: "
                   "-o FILE.pdf");
      return FALSE;
    }
  options.draft = draft;
  if ((session = lk_cli_log_in (cli, error)) == NULL ||
      !lk_report_write (session, rest[0], output, &options, NULL, NULL, &sha256, &pages, error))
    return FALSE;
  g_print ("%s\t%d pages\tsha256 %s%s\n", output, pages, sha256, draft ? "\tDRAFT" : "");
  return TRUE;
}

gboolean
lk_cli_export (LkCli   *cli,
               GError **error)
{
  g_autofree char *output = NULL;
  g_autofree char *paper = NULL;
  gboolean draft = FALSE;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(LkBundle) bundle = NULL;
  LkReportOptions options = { LK_PAPER_A4, FALSE };
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, NULL, NULL },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, NULL, NULL },
    { "draft", 0, 0, G_OPTION_ARG_NONE, &draft, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 1, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "export CASE -o DIR [--paper a4|letter] [--draft]",
                                 error) ||
      (paper != NULL && !lk_paper_parse (paper, &options.paper, error)))
    return FALSE;
  if (output == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "Say where to write the bundle: "
                   "-o DIR (a new folder)");
      return FALSE;
    }
  options.draft = draft;
  if ((session = lk_cli_log_in (cli, error)) == NULL ||
      (bundle = lk_bundle_export (session, rest[0], output, &options, NULL, NULL, error)) == NULL)
    return FALSE;
  g_print ("%s\t%u files\tSHA256SUMS %s%s\n", bundle->path, bundle->n_files,
           bundle->sums_sha256, bundle->draft ? "\tDRAFT" : "");
  return TRUE;
}

static guint
count_listed (GPtrArray *problems)
{
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    n += ((const LkBundleProblem *) g_ptr_array_index (problems, i))->kind
         != LK_BUNDLE_FILE_ADDED;
  return n;
}

/* Needs no database and no log-in: whoever received the bundle can check it. */
gboolean
lk_cli_export_verify (LkCli   *cli,
                      GError **error)
{
  g_auto(GStrv) rest = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  GOptionEntry entries[] = { { NULL } };
  guint n_files = 0;

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "export verify DIR", error) ||
      (problems = lk_bundle_verify (rest[0], &n_files, NULL, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < problems->len; i++)
    {
      const LkBundleProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *file = lk_text_escape (problem->file);

      g_print ("%s: %s\n", lk_bundle_problem_kind_to_string (problem->kind), file);
    }
  if (problems->len == 0)
    {
      g_print ("bundle intact: %u files match SHA256SUMS\n", n_files);
      return TRUE;
    }
  g_set_error (error, LK_ERROR, LK_ERROR_INTEGRITY, "the bundle does not match its SHA256SUMS: "
               "%u of %u files changed or missing, %u added", count_listed (problems),
               n_files, problems->len - count_listed (problems));
  return FALSE;
}
