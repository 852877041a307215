/* SPDX-License-Identifier: GPL-3.0-or-later */
/* likeness-cli: reference databases and the built-in engine's galleries. */
#include "config.h"

#include "lk-cli-private.h"

gboolean
lk_cli_gallery_create (LkCli   *cli,
                       GError **error)
{
  g_autofree char *legal_basis = NULL;
  gboolean external = FALSE;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  GOptionEntry entries[] = {
    { "legal-basis", 0, 0, G_OPTION_ARG_STRING, &legal_basis, NULL, NULL },
    { "external", 0, 0, G_OPTION_ARG_NONE, &external, NULL, NULL },
    { NULL }
  };
  gint64 id;

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "gallery create NAME --legal-basis TEXT [--external]",
                                 error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      (id = lk_reference_db_create (session, rest[0], legal_basis,
                                    external ? "external" : "likeness", error)) == 0)
    return FALSE;
  g_print ("registered reference database %s (%s)\n", rest[0],
           external ? "held by an external engine" : "a gallery held by Likeness");
  return TRUE;
}

typedef struct
{
  guint tenths; /* progress printed so far, in tenths */
} Progress;

static void
print_progress (guint       done,
                guint       total,
                const char *current,
                gpointer    data)
{
  Progress *p = data;
  guint tenths = total > 0 ? done * 10 / total : 10;

  if (tenths <= p->tenths)
    return;
  p->tenths = tenths;
  g_print ("enrolling: %u %% (%u of %u)\n", tenths * 10, done, total);
}

static void
print_report (const LkEnrolReport *report)
{
  g_print ("enrolled %u, already enrolled %u, rejected %u\n", report->enrolled,
           report->already_enrolled, report->rejected->len);
  for (guint i = 0; i < report->rejected->len; i++)
    g_print ("rejected: %s\n", (const char *) g_ptr_array_index (report->rejected, i));
}

gboolean
lk_cli_gallery_enrol (LkCli   *cli,
                      GError **error)
{
  g_autofree char *database = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  LkEnrolReport report = { 0 };
  Progress progress = { 0 };
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_STRING, &database, NULL, NULL },
    { NULL }
  };
  gboolean ok;

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "gallery enrol DIR|CSV --database NAME", error))
    return FALSE;
  if (database == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "gallery enrol needs --database NAME");
      return FALSE;
    }
  if ((session = lk_cli_log_in (cli, error)) == NULL)
    return FALSE;
  ok = lk_gallery_enrol (session, database, rest[0], print_progress, &progress, NULL, &report,
                         error);
  if (report.rejected != NULL)
    print_report (&report);
  lk_enrol_report_clear (&report);
  return ok;
}

gboolean
lk_cli_gallery_search (LkCli   *cli,
                       GError **error)
{
  g_autofree char *database = NULL;
  int top = 0;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_STRING, &database, NULL, NULL },
    { "top", 0, 0, G_OPTION_ARG_INT, &top, NULL, NULL },
    { NULL }
  };
  char *end = NULL;
  gint64 probe_id, list_id;

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "gallery search PROBE_ID --database NAME [--top K]",
                                 error))
    return FALSE;
  probe_id = g_ascii_strtoll (rest[0], &end, 10);
  if (database == NULL || *end != '\0' || probe_id <= 0 || top < 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "Expected gallery search PROBE_ID --database NAME [--top K]");
      return FALSE;
    }
  if ((session = lk_cli_log_in (cli, error)) == NULL ||
      (list_id = lk_gallery_search (session, probe_id, database, (guint) top, error)) == 0)
    return FALSE;
  g_print ("%" G_GINT64_FORMAT "\n", list_id);
  return TRUE;
}

gboolean
lk_cli_gallery_evaluate (LkCli   *cli,
                         GError **error)
{
  g_autofree char *database = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_STRING, &database, NULL, NULL },
    { NULL }
  };
  double rank1 = 0, rank10 = 0;
  guint n = 0;

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "gallery evaluate --database NAME DIR", error))
    return FALSE;
  if (database == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "gallery evaluate needs --database NAME");
      return FALSE;
    }
  if ((session = lk_cli_log_in (cli, error)) == NULL ||
      !lk_gallery_evaluate (session, database, rest[0], &rank1, &rank10, &n, error))
    return FALSE;
  g_print ("rank-1: %.3f\nrank-10: %.3f\nprobes: %u\n", rank1, rank10, n);
  return TRUE;
}

gboolean
lk_cli_gallery_install_model (LkCli   *cli,
                              GError **error)
{
  g_autofree char *descriptor = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  GOptionEntry entries[] = {
    { "descriptor", 0, 0, G_OPTION_ARG_FILENAME, &descriptor, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "gallery install-model MODEL.onnx --descriptor FILE",
                                 error))
    return FALSE;
  if (descriptor == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "gallery install-model needs --descriptor FILE (the model's input size, "
                   "channel order, mean and scale, embedding size and distance, as JSON)");
      return FALSE;
    }
  if ((session = lk_cli_log_in (cli, error)) == NULL ||
      !lk_gallery_install_model (session, rest[0], descriptor, error))
    return FALSE;
  g_print ("installed embedding model %s; galleries enrolled with another model must be "
           "re-enrolled before they are searched\n", rest[0]);
  return TRUE;
}
