/* SPDX-License-Identifier: GPL-3.0-or-later */
/* likeness-cli: competency records and peer review sign-off (verify ...). */
#include "config.h"

#include "lk-cli-private.h"

/* One positional id after the two command words, and the session. */
static LkSession *
id_command (LkCli         *cli,
            GOptionEntry  *entries,
            const char    *usage,
            const char    *what,
            gint64        *id,
            GError       **error)
{
  g_auto(GStrv) rest = NULL;

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, usage, error) ||
      !lk_cli_parse_id (rest[0], what, id, error))
    return NULL;
  return lk_cli_log_in (cli, error);
}

/* ---- competency ---------------------------------------------------------------------------- */

gboolean
lk_cli_competency_add (LkCli   *cli,
                       GError **error)
{
  g_autofree char *kind = NULL, *from = NULL, *until = NULL, *evidence = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  gint64 id;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, NULL, NULL },
    { "valid-from", 0, 0, G_OPTION_ARG_STRING, &from, NULL, NULL },
    { "valid-until", 0, 0, G_OPTION_ARG_STRING, &until, NULL, NULL },
    { "evidence", 0, 0, G_OPTION_ARG_STRING, &evidence, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "competency add USER --kind examiner|reviewer "
                                 "--valid-from YYYY-MM-DD --valid-until YYYY-MM-DD "
                                 "--evidence TEXT", error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      (id = lk_competencies_add (session, rest[0], kind, from, until, evidence, error)) == 0)
    return FALSE;
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return TRUE;
}

gboolean
lk_cli_competency_list (LkCli   *cli,
                        GError **error)
{
  gboolean json = FALSE;
  g_autofree char *user = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(GListModel) records = NULL;
  gboolean required = TRUE;
  GOptionEntry entries[] = {
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 0, "competency list [--user NAME] [--json]", error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      (records = lk_competencies_list (session, user, error)) == NULL ||
      !lk_competencies_required (lk_session_get_store (session), &required, error))
    return FALSE;
  if (json)
    {
      g_autoptr(JsonObject) o = json_object_new ();

      json_object_set_array_member (o, "competencies", lk_competencies_to_json (records));
      json_object_set_boolean_member (o, "required", required);
      return lk_cli_print_json (o, error);
    }
  if (!required)
    g_print ("note: this lab's policy does not require competency records\n");
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(LkCompetency) r = g_list_model_get_item (records, i);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s..%s\t%s\t%s\n", lk_competency_get_id (r),
               lk_competency_get_user (r), lk_competency_get_kind (r),
               lk_competency_get_valid_from (r), lk_competency_get_valid_until (r),
               lk_competency_get_state (r, NULL), lk_competency_get_evidence (r));
    }
  return TRUE;
}

gboolean
lk_cli_competency_revoke (LkCli   *cli,
                          GError **error)
{
  g_autofree char *reason = NULL;
  g_autoptr(LkSession) session = NULL;
  gint64 id;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, NULL, NULL },
    { NULL }
  };

  if ((session = id_command (cli, entries, "competency revoke ID --reason TEXT", "competency",
                             &id, error)) == NULL ||
      !lk_competencies_revoke (session, id, reason, error))
    return FALSE;
  g_print ("revoked competency record %" G_GINT64_FORMAT "\n", id);
  return TRUE;
}

/* ---- verification -------------------------------------------------------------------------- */

gboolean
lk_cli_verify_submit (LkCli   *cli,
                      GError **error)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(LkSession) session = NULL;
  gint64 examination_id, id;

  if ((session = id_command (cli, entries, "verify submit EXAMINATION", "examination",
                             &examination_id, error)) == NULL ||
      (id = lk_verifications_submit (session, examination_id, error)) == 0)
    return FALSE;
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return TRUE;
}

gboolean
lk_cli_verify_assign (LkCli   *cli,
                      GError **error)
{
  GOptionEntry entries[] = { { NULL } };
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  gint64 id;

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 2, "verify assign VERIFICATION REVIEWER", error) ||
      !lk_cli_parse_id (rest[0], "verification", &id, error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      !lk_verifications_assign (session, id, rest[1], error))
    return FALSE;
  g_print ("verification %" G_GINT64_FORMAT " assigned to %s\n", id, rest[1]);
  return TRUE;
}

gboolean
lk_cli_verify_take (LkCli   *cli,
                    GError **error)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(LkSession) session = NULL;
  gint64 id;

  if ((session = id_command (cli, entries, "verify take VERIFICATION", "verification", &id,
                             error)) == NULL ||
      !lk_verifications_take (session, id, error))
    return FALSE;
  g_print ("verification %" G_GINT64_FORMAT " is yours\n", id);
  return TRUE;
}

static void
print_verification (LkVerification *v)
{
  const char *level = lk_verification_get_examiner_level (v);

  g_print ("%" G_GINT64_FORMAT "\t%s\texamination %" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\n",
           lk_verification_get_id (v), lk_verification_get_case_number (v),
           lk_verification_get_examination_id (v), lk_verification_get_subject_ref (v),
           lk_verification_get_blind (v) ? "blind" : "open review",
           lk_verification_get_reviewer (v) ? lk_verification_get_reviewer (v) : "-",
           lk_verification_get_state_label (v), level ? level : "(level hidden)");
}

static LkVerificationsFilter
default_filter (LkSession *session)
{
  if (lk_session_has_role (session, LK_ROLE_ADMINISTRATOR))
    return LK_VERIFICATIONS_ALL;
  if (lk_session_has_role (session, LK_ROLE_REVIEWER))
    return LK_VERIFICATIONS_MINE;
  return LK_VERIFICATIONS_SUBMITTED;
}

gboolean
lk_cli_verify_list (LkCli   *cli,
                    GError **error)
{
  gboolean json = FALSE, mine = FALSE, queue = FALSE, submitted = FALSE;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(GListModel) list = NULL;
  LkVerificationsFilter filter;
  GOptionEntry entries[] = {
    { "mine", 0, 0, G_OPTION_ARG_NONE, &mine, NULL, NULL },
    { "queue", 0, 0, G_OPTION_ARG_NONE, &queue, NULL, NULL },
    { "submitted", 0, 0, G_OPTION_ARG_NONE, &submitted, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 0, "verify list [--mine|--queue|--submitted] [--json]",
                                 error) ||
      (session = lk_cli_log_in (cli, error)) == NULL)
    return FALSE;
  filter = mine ? LK_VERIFICATIONS_MINE : queue ? LK_VERIFICATIONS_QUEUE
         : submitted ? LK_VERIFICATIONS_SUBMITTED : default_filter (session);
  if ((list = lk_verifications_list (session, filter, error)) == NULL)
    return FALSE;
  if (json)
    {
      g_autoptr(JsonObject) o = json_object_new ();
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(LkVerification) v = g_list_model_get_item (list, i);

          json_array_add_object_element (array, lk_verification_to_json (v));
        }
      json_object_set_array_member (o, "verifications", array);
      return lk_cli_print_json (o, error);
    }
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(LkVerification) v = g_list_model_get_item (list, i);

      print_verification (v);
    }
  return TRUE;
}

gboolean
lk_cli_verify_open (LkCli   *cli,
                    GError **error)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(LkSession) session = NULL;
  gint64 id, examination_id;

  if ((session = id_command (cli, entries, "verify open VERIFICATION", "verification", &id,
                             error)) == NULL ||
      (examination_id = lk_verifications_open (session, id, error)) == 0)
    return FALSE;
  g_print ("%" G_GINT64_FORMAT "\n", examination_id);
  return TRUE;
}

gboolean
lk_cli_verify_show (LkCli   *cli,
                    GError **error)
{
  gboolean json = FALSE;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(LkVerification) v = NULL;
  gint64 id;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };

  if ((session = id_command (cli, entries, "verify show VERIFICATION [--json]", "verification",
                             &id, error)) == NULL ||
      (o = lk_verifications_show_json (session, id, error)) == NULL)
    return FALSE;
  if (json)
    return lk_cli_print_json (o, error);
  if ((v = lk_verifications_get (session, id, error)) == NULL)
    return FALSE;
  print_verification (v);
  if (json_object_get_member (o, "comparison") != NULL &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (o, "comparison")))
    {
      JsonObject *c = json_object_get_object_member (o, "comparison");

      g_print ("agreement (%s): %s; %" G_GINT64_FORMAT " characteristic(s) differ\n",
               json_object_get_string_member (c, "rule"),
               json_object_get_boolean_member (c, "agrees") ? "yes" : "no",
               json_object_get_int_member (c, "n_differences"));
    }
  else
    g_print ("%s\n", json_object_get_string_member (o, "comparison"));
  return TRUE;
}

typedef enum
{
  COUNTERSIGN,
  DISAGREE,
  CONSULT,
} Decision;

/* The signed decisions: each takes the verification, a note, and the password again. */
static gboolean
decide (LkCli     *cli,
        Decision   decision,
        GError   **error)
{
  static const char * const usages[] = {
    "verify countersign VERIFICATION [--note TEXT]",
    "verify disagree VERIFICATION --resolution return|consult|third-reviewer|final --note TEXT",
    "verify consult VERIFICATION --note TEXT",
  };
  static const char * const done[] = {
    "countersigned", "disagreement recorded", "consultation note signed",
  };
  g_autofree char *resolution = NULL;
  g_autofree char *note = NULL;
  g_autofree char *password = NULL;
  g_autoptr(LkSession) session = NULL;
  gint64 id;
  gboolean ok;
  GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, NULL, NULL },
    { "resolution", 0, 0, G_OPTION_ARG_STRING, &resolution, NULL, NULL },
    { NULL }
  };

  if (decision != DISAGREE)
    entries[1] = entries[2];
  if ((session = id_command (cli, entries, usages[decision], "verification", &id,
                             error)) == NULL)
    return FALSE;
  password = lk_cli_signing_password (cli);
  if (decision == COUNTERSIGN)
    ok = lk_verifications_countersign (session, id, note, password, error);
  else if (decision == DISAGREE)
    ok = lk_verifications_disagree (session, id, resolution, note, password, error);
  else
    ok = lk_verifications_add_consultation_note (session, id, note, password, error);
  if (ok)
    g_print ("verification %" G_GINT64_FORMAT ": %s by %s\n", id, done[decision], cli->user);
  return ok;
}

gboolean
lk_cli_verify_countersign (LkCli   *cli,
                           GError **error)
{
  return decide (cli, COUNTERSIGN, error);
}

gboolean
lk_cli_verify_disagree (LkCli   *cli,
                        GError **error)
{
  return decide (cli, DISAGREE, error);
}

gboolean
lk_cli_verify_consult (LkCli   *cli,
                       GError **error)
{
  return decide (cli, CONSULT, error);
}

gboolean
lk_cli_examination_reopen (LkCli   *cli,
                           GError **error)
{
  g_autofree char *reason = NULL;
  g_autoptr(LkSession) session = NULL;
  gint64 id;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, NULL, NULL },
    { NULL }
  };

  if ((session = id_command (cli, entries, "examination reopen ID --reason TEXT", "examination",
                             &id, error)) == NULL ||
      !lk_verifications_reopen (session, id, reason, error))
    return FALSE;
  g_print ("examination %" G_GINT64_FORMAT " reopened as a new revision\n", id);
  return TRUE;
}
