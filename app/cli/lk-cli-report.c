/* SPDX-License-Identifier: GPL-3.0-or-later */
/* likeness-cli: the examination report (PDF). */
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
