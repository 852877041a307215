/* SPDX-License-Identifier: GPL-3.0-or-later */
/* likeness-cli: examinations (open one for a retained candidate, show it). */
#include "config.h"

#include "lk-cli-private.h"

gboolean
lk_cli_examination_open (LkCli   *cli,
                         GError **error)
{
  GOptionEntry entries[] = { { NULL } };
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  gint64 candidate_id, id;

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "examination open CANDIDATE_ID", error) ||
      !lk_cli_parse_id (rest[0], "candidate", &candidate_id, error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      (id = lk_examinations_open (session, candidate_id, error)) == 0)
    return FALSE;
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return TRUE;
}

static void
print_summary (JsonObject *o)
{
  JsonNode *alignment = json_object_get_member (o, "alignment");

  g_print ("examination %" G_GINT64_FORMAT " of candidate %" G_GINT64_FORMAT " (%s) against "
           "probe %" G_GINT64_FORMAT ", case %s\n", json_object_get_int_member (o, "id"),
           json_object_get_int_member (o, "candidate_id"),
           json_object_get_string_member (o, "subject_ref"),
           json_object_get_int_member (o, "probe_id"), json_object_get_string_member (o, "case"));
  g_print ("examiner %s, %.0f s spent, feature list %s\n",
           json_object_get_string_member (o, "examiner"),
           json_object_get_double_member (o, "seconds_spent"),
           json_object_get_string_member (o, "feature_list"));
  g_print ("aligned: %s; enhancement steps: probe %u, candidate %u; annotations: %u\n",
           JSON_NODE_HOLDS_NULL (alignment) ? "no" : "yes",
           json_array_get_length (json_object_get_array_member (o, "probe_enhancements")),
           json_array_get_length (json_object_get_array_member (o, "candidate_enhancements")),
           json_array_get_length (json_object_get_array_member (o, "annotations")));
}

gboolean
lk_cli_examination_show (LkCli   *cli,
                         GError **error)
{
  gboolean json = FALSE;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(JsonObject) object = NULL;
  gint64 id;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "examination show ID [--json]", error) ||
      !lk_cli_parse_id (rest[0], "examination", &id, error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      (object = lk_examinations_get (session, id, error)) == NULL)
    return FALSE;
  if (json)
    return lk_cli_print_json (object, error);
  print_summary (object);
  return TRUE;
}
