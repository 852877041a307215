/* SPDX-License-Identifier: GPL-3.0-or-later */
/* likeness-cli: cases, probes and policy. */
#include "config.h"

#include "lk-cli-private.h"

static gboolean
fail (GError     **error,
      const char  *message)
{
  g_set_error_literal (error, LK_ERROR, LK_ERROR_INVALID_INPUT, message);
  return FALSE;
}

/* The items of a comma-separated option: none when the option was not given, and an error
 * naming @option for an empty item (",a", "a,,b", "a," or nothing at all) or one named
 * twice. */
static gboolean
split_list (const char   *text,
            const char   *option,
            GStrv        *out,
            GError      **error)
{
  g_auto(GStrv) words = g_strsplit (text != NULL ? text : "", ",", -1);

  for (guint i = 0; words[i] != NULL; i++)
    g_strstrip (words[i]);
  /* g_strsplit() gives no items at all for "", which is one empty item here. */
  for (guint i = 0; text != NULL && (words[i] != NULL || i == 0); i++)
    if (words[i] == NULL || words[i][0] == '\0')
      {
        g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                     "%s has an empty item: name them separated by commas, such as a,b, or "
                     "leave the option out", option);
        return FALSE;
      }
    else if (g_strv_contains ((const char * const *) words + i + 1, words[i]))
      {
        g_autofree char *quoted = lk_text_escape (words[i]);

        g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s names “%s” twice", option,
                     quoted);
        return FALSE;
      }
  *out = text != NULL ? g_steal_pointer (&words) : g_new0 (char *, 1);
  return TRUE;
}

/* ---- cases --------------------------------------------------------------------------------- */

gboolean
lk_cli_case_offences (LkCli   *cli,
                      GError **error)
{
  const GPtrArray *offences = lk_offences ();

  for (guint i = 0; i < offences->len; i++)
    {
      const LkOffence *o = g_ptr_array_index (offences, i);

      g_print ("%s\t%s\t%d\t%s\n", o->code, o->name, o->seriousness, o->approval ? "yes" : "no");
    }
  return TRUE;
}

gboolean
lk_cli_case_create (LkCli   *cli,
                    GError **error)
{
  char *fields[8] = { NULL };
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(LkCase) c = NULL;
  GOptionEntry entries[] = {
    { "number", 0, 0, G_OPTION_ARG_STRING, &fields[0], NULL, NULL },
    { "title", 0, 0, G_OPTION_ARG_STRING, &fields[1], NULL, NULL },
    { "offence", 0, 0, G_OPTION_ARG_STRING, &fields[2], NULL, NULL },
    { "legal-basis", 0, 0, G_OPTION_ARG_STRING, &fields[3], NULL, NULL },
    { "purpose", 0, 0, G_OPTION_ARG_STRING, &fields[4], NULL, NULL },
    { "authorised-by", 0, 0, G_OPTION_ARG_STRING, &fields[5], NULL, NULL },
    { "requested-by", 0, 0, G_OPTION_ARG_STRING, &fields[6], NULL, NULL },
    { "review-date", 0, 0, G_OPTION_ARG_STRING, &fields[7], NULL, NULL },
    { NULL }
  };
  LkCaseRequest request;

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 0, "case create --number N --title T ...", error) ||
      (session = lk_cli_log_in (cli, error)) == NULL)
    {
      for (int i = 0; i < 8; i++)
        g_free (fields[i]);
      return FALSE;
    }
  /* The requesting unit is optional on the command line; the record says it was not given
   * rather than naming anyone. */
  if (fields[6] == NULL)
    fields[6] = g_strdup ("Not stated (case created with likeness-cli)");
  request = (LkCaseRequest) { fields[0], fields[1], fields[2], fields[3], fields[4], fields[5],
                              fields[6], fields[7] };
  c = lk_cases_create (session, &request, error);
  for (int i = 0; i < 8; i++)
    g_free (fields[i]);
  if (c == NULL)
    return FALSE;
  g_print ("%s\t%s\n", lk_case_get_number (c), lk_case_get_status (c));
  return TRUE;
}

gboolean
lk_cli_case_list (LkCli   *cli,
                  GError **error)
{
  g_autofree char *status = NULL;
  g_autofree char *examiner = NULL;
  g_autofree char *search = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(GListModel) cases = NULL;
  GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, NULL, NULL },
    { "examiner", 0, 0, G_OPTION_ARG_STRING, &examiner, NULL, NULL },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 0, "case list [--status S] [--examiner NAME]", error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      (cases = lk_cases_list (session, search, status, examiner, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(LkCase) c = g_list_model_get_item (cases, i);

      g_print ("%s\t%s\t%s\n", lk_case_get_number (c), lk_case_get_title (c),
               lk_case_get_status (c));
    }
  return TRUE;
}

static void
print_case (LkCase *c)
{
  g_print ("Case %s: %s\n", lk_case_get_number (c), lk_case_get_title (c));
  g_print ("Status: %s\n", lk_vocabulary_case_status_label (lk_case_get_status (c)));
  g_print ("Offence: %s (%s, seriousness %d)\n", lk_case_get_offence_name (c),
           lk_case_get_offence_code (c), lk_case_get_seriousness (c));
  g_print ("Legal basis: %s\nPurpose and necessity: %s\n", lk_case_get_legal_basis (c),
           lk_case_get_purpose (c));
  g_print ("Authorised by: %s\nRequested by: %s\n", lk_case_get_authorised_by (c),
           lk_case_get_requested_by (c));
  g_print ("Examiner: %s\nProbes: %d\n", lk_case_get_examiner (c), lk_case_get_n_probes (c));
  g_print ("Results are investigative leads only, never identifications.\n");
}

gboolean
lk_cli_case_show (LkCli   *cli,
                  GError **error)
{
  gboolean json = FALSE;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(LkCase) c = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "case show NUMBER [--json]", error) ||
      (session = lk_cli_log_in (cli, error)) == NULL)
    return FALSE;
  if (!json)
    {
      if ((c = lk_cases_get (session, rest[0], error)) == NULL)
        return FALSE;
      print_case (c);
      return TRUE;
    }
  object = lk_cases_to_json (session, rest[0], error);
  return object != NULL && lk_cli_print_json (object, error);
}

gboolean
lk_cli_case_approve (LkCli   *cli,
                     GError **error)
{
  g_autofree char *reason = NULL;
  gboolean reject = FALSE;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, NULL, NULL },
    { "reject", 0, 0, G_OPTION_ARG_NONE, &reject, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "case approve NUMBER --reason TEXT [--reject]", error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      !lk_cases_decide (session, rest[0], !reject, reason, error))
    return FALSE;
  g_print ("%s\t%s\n", rest[0], reject ? "rejected" : "open");
  return TRUE;
}

gboolean
lk_cli_case_move (LkCli   *cli,
                  GError **error)
{
  g_autofree char *reason = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 2, "case move NUMBER STATUS [--reason TEXT]", error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      !lk_cases_move (session, rest[0], rest[1], reason, error))
    return FALSE;
  g_print ("%s\t%s\n", rest[0], rest[1]);
  return TRUE;
}

/* ---- probes -------------------------------------------------------------------------------- */

gboolean
lk_cli_probe_import (LkCli   *cli,
                     GError **error)
{
  char *f[6] = { NULL };
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *now = lk_now_utc ();
  g_autofree char *custody = NULL;
  g_autofree char *name = NULL;
  gint64 id = 0;
  GOptionEntry entries[] = {
    { "source-type", 0, 0, G_OPTION_ARG_STRING, &f[0], NULL, NULL },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &f[1], NULL, NULL },
    { "acquired-by", 0, 0, G_OPTION_ARG_STRING, &f[2], NULL, NULL },
    { "acquired-at", 0, 0, G_OPTION_ARG_STRING, &f[3], NULL, NULL },
    { "authority", 0, 0, G_OPTION_ARG_STRING, &f[4], NULL, NULL },
    { "custody-note", 0, 0, G_OPTION_ARG_STRING, &f[5], NULL, NULL },
    { NULL }
  };

  if (lk_cli_parse_options (cli, 2, entries, &rest, error) &&
      lk_cli_expect_positional (rest, 2, "probe import NUMBER FILE --source-type T ...", error) &&
      (session = lk_cli_log_in (cli, error)) != NULL)
    {
      /* Recorded as such: who received the file and, when no acquisition time was given,
       * that the import time stands in for it. */
      GString *note = g_string_new (f[5]);

      if (f[5] == NULL)
        g_string_printf (note, "Received by %s and imported with likeness-cli from %s",
                         lk_session_get_user_name (session), rest[1]);
      if (f[3] == NULL)
        g_string_append (note, ". Acquisition time not stated: the time of import is recorded "
                         "in its place");
      custody = g_string_free (note, FALSE);
      LkProvenance p = { f[0], f[1], f[2], f[3] ? f[3] : now, f[4], custody, FALSE };
      id = lk_probes_import_file (session, rest[0], rest[1], &p, &sha256, error);
    }
  for (int i = 0; i < 6; i++)
    g_free (f[i]);
  if (id == 0 || (name = lk_probes_name (session, id, NULL, NULL, error)) == NULL)
    return FALSE;
  g_print ("%" G_GINT64_FORMAT "\t%s\t%s\n", id, sha256, name);
  return TRUE;
}

static gboolean
parse_probe_id (const char  *text,
                gint64      *id,
                GError     **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return fail (error, "A probe id is a positive whole number");
  *id = (gint64) value;
  return TRUE;
}

static gboolean
components_or_all (const char  *text,
                   GStrv       *out,
                   GError     **error)
{
  JsonArray *components;
  g_autoptr(GStrvBuilder) builder = NULL;

  if (g_strcmp0 (text, "all") != 0)
    return split_list (text, "--components", out, error);
  builder = g_strv_builder_new ();
  components = json_object_get_array_member (lk_feature_list (), "components");
  for (guint i = 0; i < json_array_get_length (components); i++)
    g_strv_builder_add (builder, json_object_get_string_member (
                          json_array_get_object_element (components, i), "id"));
  *out = g_strv_builder_end (builder);
  return TRUE;
}

gboolean
lk_cli_probe_analyse (LkCli   *cli,
                      GError **error)
{
  g_autofree char *suitability = NULL, *factor_text = NULL, *component_text = NULL;
  g_autofree char *notes = NULL, *amend = NULL;
  gboolean lock = FALSE, draft = FALSE;
  g_auto(GStrv) rest = NULL, factor_list = NULL, component_list = NULL;
  g_autoptr(LkSession) session = NULL;
  gint64 id;
  GOptionEntry entries[] = {
    { "suitability", 0, 0, G_OPTION_ARG_STRING, &suitability, NULL, NULL },
    { "factors", 0, 0, G_OPTION_ARG_STRING, &factor_text, NULL, NULL },
    { "components", 0, 0, G_OPTION_ARG_STRING, &component_text, NULL, NULL },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, NULL, NULL },
    { "lock", 0, 0, G_OPTION_ARG_NONE, &lock, NULL, NULL },
    { "draft", 0, 0, G_OPTION_ARG_NONE, &draft, NULL, NULL },
    { "amend", 0, 0, G_OPTION_ARG_STRING, &amend, NULL, NULL },
    { NULL }
  };
  LkAnalysis analysis;

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "probe analyse PROBE_ID --suitability S --lock", error) ||
      !parse_probe_id (rest[0], &id, error))
    return FALSE;
  if (lock + draft + (amend != NULL) != 1)
    return fail (error, "Say what to do with the analysis: --lock, --draft or --amend REASON");
  if (!split_list (factor_text, "--factors", &factor_list, error) ||
      !components_or_all (component_text, &component_list, error))
    return FALSE;
  analysis = (LkAnalysis) { suitability, (const char * const *) factor_list,
                            (const char * const *) component_list, notes };
  if ((session = lk_cli_log_in (cli, error)) == NULL)
    return FALSE;
  if (draft)
    return lk_analysis_save_draft (session, id, &analysis, error);
  if (amend != NULL)
    return lk_analysis_amend (session, id, &analysis, amend, error);
  if (!lk_analysis_lock (session, id, &analysis, error))
    return FALSE;
  g_print ("%" G_GINT64_FORMAT "\tlocked\t%s\n", id, suitability);
  return TRUE;
}

gboolean
lk_cli_probe_face (LkCli   *cli,
                   GError **error)
{
  int index = -1;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  gint64 id;
  GOptionEntry entries[] = {
    { "index", 0, 0, G_OPTION_ARG_INT, &index, NULL, NULL },
    { NULL }
  };

  return lk_cli_parse_options (cli, 2, entries, &rest, error) &&
         lk_cli_expect_positional (rest, 1, "probe face PROBE_ID --index N", error) &&
         parse_probe_id (rest[0], &id, error) &&
         (session = lk_cli_log_in (cli, error)) != NULL &&
         lk_analysis_choose_face (session, id, index, error);
}

/* ---- policy -------------------------------------------------------------------------------- */

gboolean
lk_cli_policy_show (LkCli   *cli,
                    GError **error)
{
  g_autoptr(LkStore) store = lk_cli_open_store (cli, error);
  const LkPolicyKey *keys;
  guint n;

  if (store == NULL)
    return FALSE;
  keys = lk_policy_keys (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = lk_policy_get_string (store, keys[i].key, error);

      if (value == NULL)
        return FALSE;
      g_print ("%s\t%s\t%s\n", keys[i].key, value, keys[i].description);
    }
  return TRUE;
}

gboolean
lk_cli_policy_set (LkCli   *cli,
                   GError **error)
{
  g_autofree char *reason = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, NULL, NULL },
    { NULL }
  };

  return lk_cli_parse_options (cli, 2, entries, &rest, error) &&
         lk_cli_expect_positional (rest, 2, "policy set KEY VALUE --reason TEXT", error) &&
         (session = lk_cli_log_in (cli, error)) != NULL &&
         lk_policy_set (session, rest[0], rest[1], reason, error);
}
