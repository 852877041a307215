/* SPDX-License-Identifier: GPL-3.0-or-later */
/* examination observe | check | conclude | amend, and feature-list install. */
#include "config.h"

#include <string.h>

#include "lk-cli-private.h"

static gboolean
fail (GError     **error,
      const char  *message)
{
  g_set_error_literal (error, LK_ERROR, LK_ERROR_INVALID_INPUT, message);
  return FALSE;
}

static gboolean
parse_id (const char  *text,
          gint64      *id,
          GError     **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return fail (error, "An examination id is a positive whole number");
  *id = (gint64) value;
  return TRUE;
}

/* "1,2,3" into annotation ids. */
static GArray *
parse_ids (const char  *text,
           GError     **error)
{
  g_auto(GStrv) words = g_strsplit (text ? text : "", ",", -1);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; words[i] != NULL; i++)
    {
      guint64 value;

      if (*g_strstrip (words[i]) == '\0')
        continue;
      if (!g_ascii_string_to_unsigned (words[i], 10, 1, G_MAXINT64, &value, NULL))
        {
          fail (error, "--annotations takes annotation ids separated by commas");
          return NULL;
        }
      g_array_append_val (ids, value);
    }
  return g_steal_pointer (&ids);
}

/* ---- examination observe ------------------------------------------------------------------- */

typedef struct
{
  char *result;
  char *visibility_probe;
  char *visibility_candidate;
  char *significance;
  char *note;
  char *annotations;
} ObserveOptions;

static void
observe_options_clear (ObserveOptions *o)
{
  g_free (o->result);
  g_free (o->visibility_probe);
  g_free (o->visibility_candidate);
  g_free (o->significance);
  g_free (o->note);
  g_free (o->annotations);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ObserveOptions, observe_options_clear)

static gboolean
print_progress (LkSession   *session,
                gint64       id,
                const char  *characteristic,
                const char  *result,
                GError     **error)
{
  guint assessed, total;

  if (!lk_observations_progress (session, id, &assessed, &total, error))
    return FALSE;
  g_print ("%s\t%s\t%u of %u characteristics assessed\n", characteristic,
           result ? result : "-", assessed, total);
  return TRUE;
}

gboolean
lk_cli_examination_observe (LkCli   *cli,
                            GError **error)
{
  g_auto(ObserveOptions) f = { 0 };
  g_auto(GStrv) rest = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(LkSession) session = NULL;
  gint64 id;
  GOptionEntry entries[] = {
    { "result", 0, 0, G_OPTION_ARG_STRING, &f.result, NULL, NULL },
    { "visibility-probe", 0, 0, G_OPTION_ARG_STRING, &f.visibility_probe, NULL, NULL },
    { "visibility-candidate", 0, 0, G_OPTION_ARG_STRING, &f.visibility_candidate, NULL, NULL },
    { "significance", 0, 0, G_OPTION_ARG_STRING, &f.significance, NULL, NULL },
    { "note", 0, 0, G_OPTION_ARG_STRING, &f.note, NULL, NULL },
    { "annotations", 0, 0, G_OPTION_ARG_STRING, &f.annotations, NULL, NULL },
    { NULL }
  };
  LkObservationSpec o;

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 2, "examination observe EXAMINATION_ID CHARACTERISTIC "
                                          "--result R", error) ||
      !parse_id (rest[0], &id, error) ||
      (ids = parse_ids (f.annotations, error)) == NULL ||
      (session = lk_cli_log_in (cli, error)) == NULL)
    return FALSE;
  o = (LkObservationSpec) { rest[1], f.visibility_probe, f.visibility_candidate, f.result,
                            f.significance, f.note, (const gint64 *) ids->data, ids->len };
  return lk_observations_set (session, id, &o, error) &&
         print_progress (session, id, rest[1], f.result, error);
}

/* ---- the draft ----------------------------------------------------------------------------- */

typedef struct
{
  char  *level;
  char  *reasoning;
  char  *limitations;
  char  *propositions;
  char  *reason;
  char **acknowledge;
} DraftOptions;

static void
draft_options_clear (DraftOptions *o)
{
  g_free (o->level);
  g_free (o->reasoning);
  g_free (o->limitations);
  g_free (o->propositions);
  g_free (o->reason);
  g_strfreev (o->acknowledge);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DraftOptions, draft_options_clear)

/* An ordinal such as "+2", "0" or "-1", or "not-suitable". */
static gboolean
parse_level (const char         *text,
             LkConclusionDraft  *draft,
             GError            **error)
{
  gint64 value;

  if (g_strcmp0 (text, "not-suitable") == 0)
    {
      draft->not_suitable = TRUE;
      return TRUE;
    }
  if (text != NULL && text[0] == '+')
    text++;
  if (text == NULL || !g_ascii_string_to_signed (text, 10, -100, 100, &value, NULL))
    return fail (error, "--level takes the ordinal of a level of the policy's scale (e.g. +2, "
                        "0, -1) or not-suitable");
  draft->ordinal = (int) value;
  return TRUE;
}

static gboolean
parse_draft (LkCli               *cli,
             DraftOptions        *f,
             const char          *usage,
             gint64              *id,
             LkConclusionDraft   *draft,
             GError             **error)
{
  g_auto(GStrv) rest = NULL;
  GOptionEntry entries[] = {
    { "level", 0, 0, G_OPTION_ARG_STRING, &f->level, NULL, NULL },
    { "reasoning", 0, 0, G_OPTION_ARG_STRING, &f->reasoning, NULL, NULL },
    { "limitations", 0, 0, G_OPTION_ARG_STRING, &f->limitations, NULL, NULL },
    { "propositions", 0, 0, G_OPTION_ARG_STRING, &f->propositions, NULL, NULL },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &f->reason, NULL, NULL },
    { "acknowledge", 0, 0, G_OPTION_ARG_STRING_ARRAY, &f->acknowledge, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, usage, error) ||
      !parse_id (rest[0], id, error))
    return FALSE;
  *draft = (LkConclusionDraft) { f->propositions, FALSE, 0, f->reasoning, f->limitations };
  return parse_level (f->level, draft, error);
}

/* 'WARNING_ID=written acknowledgement' into a table of borrowed strings. */
static GHashTable *
parse_acknowledgements (char    **items,
                        GError  **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      char *equals = strchr (items[i], '=');

      if (equals == NULL || equals == items[i])
        {
          fail (error, "--acknowledge takes 'WARNING_ID=written acknowledgement'");
          return NULL;
        }
      *equals = '\0';
      g_hash_table_insert (table, items[i], equals + 1);
    }
  return g_steal_pointer (&table);
}

gboolean
lk_cli_examination_check (LkCli   *cli,
                          GError **error)
{
  g_auto(DraftOptions) f = { 0 };
  g_autoptr(LkSession) session = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  LkConclusionDraft draft;
  gint64 id;

  if (!parse_draft (cli, &f, "examination check EXAMINATION_ID --level L [--reasoning TEXT] "
                             "[--limitations TEXT]", &id, &draft, error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      !lk_conclusions_check (session, id, &draft, &warnings, error))
    return FALSE;
  for (guint i = 0; i < warnings->len; i++)
    {
      LkConclusionWarning *w = g_ptr_array_index (warnings, i);

      g_print ("%s\t%s\n", w->id, w->message);
    }
  return TRUE;
}

/* ---- signing ------------------------------------------------------------------------------- */

static gboolean
print_signed (LkSession  *session,
              gint64      id,
              GError    **error)
{
  g_autoptr(JsonArray) list = lk_conclusions_list (session, id, error);
  JsonObject *c;
  g_autofree char *level = NULL;

  if (list == NULL || json_array_get_length (list) == 0)
    return list != NULL;
  c = json_array_get_object_element (list, json_array_get_length (list) - 1);
  level = json_object_get_null_member (c, "ordinal")
          ? g_strdup ("not suitable:")
          : g_strdup_printf ("%+" G_GINT64_FORMAT, json_object_get_int_member (c, "ordinal"));
  g_print ("examination %" G_GINT64_FORMAT ", conclusion %" G_GINT64_FORMAT ", revision %"
           G_GINT64_FORMAT ": %s %s (%s)\n", id, json_object_get_int_member (c, "id"),
           json_object_get_int_member (c, "revision"), level,
           json_object_get_string_member (c, "level"),
           json_object_get_string_member (c, "result_use"));
  return TRUE;
}

static gboolean
sign_or_amend (LkCli       *cli,
               gboolean     amend,
               GError     **error)
{
  g_auto(DraftOptions) f = { 0 };
  g_autoptr(LkSession) session = NULL;
  g_autoptr(GHashTable) acknowledgements = NULL;
  g_autofree char *password = NULL;
  LkConclusionDraft draft;
  gint64 id;

  if (!parse_draft (cli, &f, amend ? "examination amend EXAMINATION_ID --reason TEXT --level L "
                                     "--reasoning TEXT --limitations TEXT"
                                   : "examination conclude EXAMINATION_ID --level L --reasoning "
                                     "TEXT --limitations TEXT", &id, &draft, error) ||
      (acknowledgements = parse_acknowledgements (f.acknowledge, error)) == NULL)
    return FALSE;
  if (!amend && f.reason != NULL)
    return fail (error, "--reason belongs to examination amend");
  if ((session = lk_cli_log_in (cli, error)) == NULL)
    return FALSE;
  password = lk_cli_signing_password (cli);
  if ((amend ? lk_conclusions_amend (session, id, &draft, acknowledgements, f.reason, password,
                                     error)
             : lk_conclusions_sign (session, id, &draft, acknowledgements, password,
                                    error)) == 0)
    return FALSE;
  return print_signed (session, id, error);
}

gboolean
lk_cli_examination_conclude (LkCli   *cli,
                             GError **error)
{
  return sign_or_amend (cli, FALSE, error);
}

gboolean
lk_cli_examination_amend (LkCli   *cli,
                          GError **error)
{
  return sign_or_amend (cli, TRUE, error);
}

/* ---- feature-list install ------------------------------------------------------------------ */

gboolean
lk_cli_feature_list_install (LkCli   *cli,
                             GError **error)
{
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autofree char *edition = NULL;
  GOptionEntry entries[] = { { NULL } };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "feature-list install FILE", error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      (edition = lk_feature_lists_install (session, rest[0], error)) == NULL)
    return FALSE;
  g_print ("installed feature list edition “%s”; new examinations use it\n", edition);
  return TRUE;
}
