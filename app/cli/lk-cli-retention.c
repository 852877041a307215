/* SPDX-License-Identifier: GPL-3.0-or-later */
/* likeness-cli: retention runs and legal holds. */
#include "config.h"

#include "lk-cli-private.h"

static const char *
item_state (const LkRetentionItem *item)
{
  if (item->purged)
    return "purged before";
  if (item->hold != NULL)
    return "held";
  if (item->shared)
    return "kept: image also held by a kept item";
  return "purge";
}

static void
print_report (const LkRetentionReport *report)
{
  for (guint i = 0; i < report->items->len; i++)
    {
      const LkRetentionItem *item = g_ptr_array_index (report->items, i);
      g_autofree char *label = lk_text_escape (item->label);

      g_print ("%s\t%s\t%s\t%s\t%s\n", item->object, item->rule, item->expires,
               item_state (item), label);
    }
  g_print ("%s: %" G_GINT64_FORMAT " images (%" G_GINT64_FORMAT " bytes), %" G_GINT64_FORMAT
           " templates (%" G_GINT64_FORMAT " bytes); %" G_GINT64_FORMAT " expired items held\n",
           report->dry_run ? "would purge" : "purged", report->images, report->image_bytes,
           report->templates, report->template_bytes, report->held);
}

static gboolean
retention_run (LkCli   *cli,
               GError **error)
{
  gboolean dry_run = FALSE, json = FALSE;
  g_autofree char *as_of_text = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(LkRetentionReport) report = NULL;
  g_autoptr(GDateTime) as_of = NULL;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 0, "retention run [--dry-run [--as-of YYYY-MM-DD]] "
                                 "[--json]", error))
    return FALSE;
  if (as_of_text != NULL)
    {
      g_autofree char *midnight = g_strconcat (as_of_text, "T00:00:00Z", NULL);

      /* A preview of a later day; a real purge always runs at the present time. */
      if (!dry_run || (as_of = g_date_time_new_from_iso8601 (midnight, NULL)) == NULL)
        {
          g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                       "--as-of takes a day (YYYY-MM-DD) and only goes with --dry-run");
          return FALSE;
        }
    }
  if ((session = lk_cli_log_in (cli, error)) == NULL ||
      (report = lk_retention_run (session, as_of, dry_run, error)) == NULL)
    return FALSE;
  if (json)
    {
      g_autoptr(JsonObject) o = lk_retention_report_to_json (report);

      return lk_cli_print_json (o, error);
    }
  print_report (report);
  return TRUE;
}

static gboolean
retention_hold (LkCli    *cli,
                gboolean  hold,
                GError  **error)
{
  g_autofree char *reason = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, hold ? "retention hold CASE --reason TEXT"
                                               : "retention release CASE --reason TEXT", error) ||
      (session = lk_cli_log_in (cli, error)) == NULL)
    return FALSE;
  if (!(hold ? lk_retention_hold (session, rest[0], reason, error)
             : lk_retention_release (session, rest[0], reason, error)))
    return FALSE;
  g_print ("case %s %s\n", rest[0], hold ? "on hold" : "released from hold");
  return TRUE;
}

gboolean
lk_cli_retention_run (LkCli   *cli,
                      GError **error)
{
  return retention_run (cli, error);
}

gboolean
lk_cli_retention_hold (LkCli   *cli,
                       GError **error)
{
  return retention_hold (cli, TRUE, error);
}

gboolean
lk_cli_retention_release (LkCli   *cli,
                          GError **error)
{
  return retention_hold (cli, FALSE, error);
}

gboolean
lk_cli_retention_status (LkCli   *cli,
                         GError **error)
{
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_auto(LkRetentionTotals) totals = { 0 };
  GOptionEntry entries[] = { { NULL } };
  LkActor actor;

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 0, "retention status", error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      !lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error) ||
      !lk_retention_totals (lk_session_get_store (session), &totals, error))
    return FALSE;
  g_print ("images\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT " bytes\n", totals.images,
           totals.image_bytes);
  g_print ("templates\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT " bytes\n", totals.templates,
           totals.template_bytes);
  g_print ("purged images\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT " bytes\n", totals.purged,
           totals.purged_bytes);
  g_print ("runs\t%" G_GINT64_FORMAT "\t%s\n", totals.runs,
           totals.last_run != NULL ? totals.last_run : "never");
  return TRUE;
}
