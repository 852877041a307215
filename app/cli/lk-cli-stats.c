/* SPDX-License-Identifier: GPL-3.0-or-later */
/* likeness-cli: transparency statistics. */
#include "config.h"

#include "lk-cli-private.h"

gboolean
lk_cli_stats (LkCli   *cli,
              GError **error)
{
  g_autofree char *from = NULL, *to = NULL, *period_text = NULL, *format = NULL, *out = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  LkStatsPeriod period = LK_STATS_MONTH;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, NULL, NULL },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, NULL, NULL },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_text, NULL, NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 1, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 0, "stats --from YYYY-MM-DD --to YYYY-MM-DD "
                                 "[--period month|quarter|year] [--format csv|json|pdf --out FILE]",
                                 error) ||
      (period_text != NULL && !lk_stats_period_parse (period_text, &period, error)))
    return FALSE;
  if (format != NULL && g_strcmp0 (format, "csv") != 0 && g_strcmp0 (format, "json") != 0 &&
      g_strcmp0 (format, "pdf") != 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The format is csv, json or pdf");
      return FALSE;
    }
  if ((g_strcmp0 (format, "pdf") == 0) != (out != NULL))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "A PDF is written to a file: --format pdf --out FILE (and --out only so)");
      return FALSE;
    }
  if ((session = lk_cli_log_in (cli, error)) == NULL ||
      (stats = lk_stats_compute (session, from, to, period, error)) == NULL)
    return FALSE;
  if (out != NULL)
    {
      if (!lk_stats_export_pdf (session, stats, from, to, period, out, error))
        return FALSE;
      g_print ("Wrote %s\n", out);
      return TRUE;
    }
  if (g_strcmp0 (format, "json") == 0)
    {
      g_autoptr(JsonObject) o = lk_stats_to_json (stats, session, from, to, period);

      return lk_cli_print_json (o, error);
    }
  {
    g_autofree char *csv = lk_stats_to_csv (stats, session);

    g_print ("%s", csv);
  }
  return TRUE;
}
