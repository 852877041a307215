/* SPDX-License-Identifier: GPL-3.0-or-later */
/* likeness-cli: automation and administration over the same core as the application. */
#include "config.h"

#include <gio/gunixoutputstream.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "lk-build-id.h"
#include "lk-cli-private.h"

static const char usage[] =
  "Usage: likeness-cli [--db PATH] [--user NAME] COMMAND\n"
  "\n"
  "Commands:\n"
  "  init --admin NAME                  create a database and its administrator\n"
  "  user add NAME --roles R1,R2 [--display-name TEXT]\n"
  "  user list\n"
  "  user disable NAME\n"
  "  user unlock NAME --reason TEXT     clear a lock-out after too many failed log-ins\n"
  "  audit verify [--anchor SEQ:HASH]   check the hash chain of the audit log (and that it\n"
  "                                     still holds an event written down earlier)\n"
  "  audit head                         the newest event as SEQ<TAB>HASH, to write down\n"
  "  migrate --from FILE --to URI       move a lab's database file into an empty PostgreSQL\n"
  "                                     database (as an administrator of the file, connected\n"
  "                                     as the schema's owner)\n"
  "  audit export --format jsonl|csv [FILTER]\n"
  "                                     write the audit log (or the events FILTER selects) to\n"
  "                                     standard output\n"
  "  audit list [FILTER] [--json]       the events in order: SEQ, time, user, role, action,\n"
  "                                     object, details; FILTER: --case NUMBER --user NAME\n"
  "                                     --action A (or PREFIX*) --object O --from YYYY-MM-DD\n"
  "                                     --to YYYY-MM-DD\n"
  "  case offences                      offence categories: CODE, name, seriousness, approval\n"
  "  case create --number N --title T --offence CODE --legal-basis TEXT --purpose TEXT\n"
  "              --authorised-by NAME [--requested-by TEXT] [--review-date YYYY-MM-DD]\n"
  "  case list [--status S] [--examiner NAME] [--search TEXT]\n"
  "  case show NUMBER [--json]\n"
  "  case approve NUMBER --reason TEXT [--reject]\n"
  "  case move NUMBER STATUS [--reason TEXT]\n"
  "  probe import NUMBER FILE --source-type T --kind K --acquired-by NAME --authority TEXT\n"
  "               [--acquired-at ISO-8601] [--custody-note TEXT]\n"
  "  probe analyse PROBE_ID --suitability S [--factors a,b] [--components a,b] [--notes TEXT]\n"
  "                --lock | --draft | --amend REASON\n"
  "  probe face PROBE_ID --index N      choose the face of interest\n"
  "  candidates import PROBE_ID FILE   a candidate list (.json, or .csv with its .json header)\n"
  "  candidates list PROBE_ID           POSITION, CANDIDATE_ID, subject, triage state\n"
  "                                     (and rank, score once revealed)\n"
  "  candidates reveal LIST_ID --reason TEXT\n"
  "  candidates shuffle LIST_ID [--seed N]\n"
  "  candidates triage CANDIDATE_ID retained|eliminated [--reason TEXT]\n"
  "  examination open CANDIDATE_ID     open (or find) your examination of a retained\n"
  "                                     candidate; prints its id\n"
  "  examination show ID [--json]\n"
  "  examination observe ID CHARACTERISTIC --result R [--visibility-probe V]\n"
  "              [--visibility-candidate V] [--significance S] [--note TEXT]\n"
  "              [--annotations ID,ID]   record one characteristic of the feature list\n"
  "  examination check ID --level L [--reasoning TEXT] [--limitations TEXT]\n"
  "                                     the consistency warnings of a draft conclusion\n"
  "  examination conclude ID --level L --reasoning TEXT --limitations TEXT\n"
  "              [--propositions TEXT] [--acknowledge 'WARNING_ID=text' ...]\n"
  "                                     sign the conclusion (L: an ordinal of the policy's\n"
  "                                     scale, or not-suitable); the password is asked again\n"
  "  examination amend ID --reason TEXT --level L --reasoning TEXT --limitations TEXT\n"
  "              [--propositions TEXT] [--acknowledge 'WARNING_ID=text' ...]\n"
  "                                     a new signed revision; the old one stays\n"
  "  examination reopen ID --reason TEXT\n"
  "                                     after a return: a new revision of the examination\n"
  "  competency add USER --kind examiner|reviewer --valid-from YYYY-MM-DD\n"
  "             --valid-until YYYY-MM-DD --evidence TEXT\n"
  "  competency list [--user NAME] [--json]\n"
  "  competency revoke ID --reason TEXT\n"
  "  verify submit EXAMINATION          submit a signed conclusion for verification\n"
  "  verify assign VERIFICATION REVIEWER\n"
  "  verify take VERIFICATION           a reviewer takes a verification from the queue\n"
  "  verify list [--mine|--queue|--submitted] [--json]\n"
  "  verify open VERIFICATION           the reviewer's own examination (prints its id); the\n"
  "                                     examination observe|check|conclude verbs work on it\n"
  "  verify show VERIFICATION [--json]\n"
  "  verify countersign VERIFICATION [--note TEXT]\n"
  "  verify disagree VERIFICATION --resolution return|consult|third-reviewer|final --note TEXT\n"
  "  verify consult VERIFICATION --note TEXT\n"
  "                                     the examiner's or reviewer's consultation note\n"
  "  report CASE -o FILE.pdf [--paper a4|letter] [--draft]\n"
  "                                     the examination report; before every conclusion is\n"
  "                                     countersigned only a --draft\n"
  "  stats --from YYYY-MM-DD --to YYYY-MM-DD [--period month|quarter|year]\n"
  "        [--format csv|json|pdf --out FILE]\n"
  "                                     transparency statistics, with no names or case numbers\n"
  "  assessment new [--date YYYY-MM-DD] [--answers FILE.json]\n"
  "                                     the self-assessment: Likeness's proposals, or the\n"
  "                                     answers given ({\"1.2\": {\"answer\": \"yes\", ...}})\n"
  "  assessment show [ID] [--json]      an assessment (the latest) against the one before\n"
  "  assessment export [ID] -o FILE.pdf\n"
  "  assessment install FILE.json       an agency's own edition of the questionnaire\n"
  "  retention run [--dry-run [--as-of YYYY-MM-DD]] [--json]\n"
  "                                     purge the image bytes (and templates) of expired items;\n"
  "                                     records, SHA-256 and a purge record stay\n"
  "  retention hold CASE --reason TEXT  a legal hold: the case's images are not purged\n"
  "  retention release CASE --reason TEXT\n"
  "  retention status                   images, templates and purges with their sizes\n"
  "  export CASE -o DIR [--paper a4|letter] [--draft]\n"
  "                                     the disclosure bundle in a new folder: the original\n"
  "                                     images, the report, case.json, audit.jsonl and\n"
  "                                     SHA256SUMS; a draft goes to DIR-DRAFT\n"
  "  export verify DIR                  check a bundle against its SHA256SUMS (no log-in)\n"
  "  feature-list install FILE          a lab's own edition of the feature list (JSON)\n"
  "  gallery create NAME --legal-basis TEXT [--external]\n"
  "                                     register a reference database (a gallery held by\n"
  "                                     Likeness, or with --external one held elsewhere)\n"
  "  gallery enrol DIR|CSV --database NAME\n"
  "                                     enrol images: one sub-folder per subject, or a CSV of\n"
  "                                     image,subject_ref lines\n"
  "  gallery search PROBE_ID --database NAME [--top K]\n"
  "                                     search with the built-in engine; prints the list id\n"
  "  gallery evaluate --database NAME DIR\n"
  "                                     rank-1 and rank-10 hit rates over labelled probes\n"
  "  gallery install-model MODEL.onnx --descriptor FILE\n"
  "                                     install a face-embedding model with its descriptor\n"
  "                                     (JSON: input_size, channel_order, mean, scale,\n"
  "                                     embedding_size, distance); the dnn engine uses it\n"
  "  training score FILE.csv            proficiency figures from item,mated,rating[,seconds]\n"
  "                                     lines as JSON (no database)\n"
  "  training exercise create NAME --instructions TEXT [--scale S] [--time-limit SECONDS]\n"
  "           --pair PAIR_ID,IMAGE_A,IMAGE_B,MATED,DIFFICULTY[,NOTES] ...\n"
  "  training exercise import NAME FOLDER --instructions TEXT [--scale S] [--time-limit SECONDS]\n"
  "                                     FOLDER/pairs.csv: pair_id,image_a,image_b,mated,\n"
  "                                     difficulty,notes\n"
  "  training exercise generate GALLERY --pairs N [--mated-share 0.5] [--seed S]\n"
  "           [--difficulty easy|medium|hard|mixed] [--name NAME] [--instructions TEXT]\n"
  "                                     pairs from a folder of one sub-folder per person,\n"
  "                                     difficulty by the built-in engine's score\n"
  "  training exercise assign EXERCISE TRAINEE [--due YYYY-MM-DD]\n"
  "  training exercise list\n"
  "  training item list EXERCISE [--trainee NAME] [--json]\n"
  "  training item open|show ITEM       a trainee's item (ground truth only once submitted)\n"
  "  training item observe ITEM CHARACTERISTIC RESULT\n"
  "  training item conclude ITEM --level L [--notes TEXT] [--analysis TEXT]\n"
  "           [--comparison TEXT]        submit the item\n"
  "  training item comment ITEM TRAINEE --comment TEXT\n"
  "  training results EXERCISE [--json|--csv]\n"
  "                                     trainers: every trainee; a trainee: their own, once\n"
  "                                     every item is submitted\n"
  "  training history TRAINEE [--json]  a trainee's figures per exercise by date\n"
  "  training report TRAINEE --out FILE.pdf\n"
  "                                     a trainee's PDF summary (trainers, administrators)\n"
  "  training propose EXERCISE TRAINEE [--kind examiner|reviewer] [--from D] [--until D]\n"
  "                                     propose a competency record from a passed exercise\n"
  "  training proposals [--pending] [--json]\n"
  "                                     competency proposals (trainers, administrators)\n"
  "  training decide PROPOSAL confirm|reject [--reason TEXT]\n"
  "                                     an administrator's decision on a proposal\n"
  "  policy show | policy set KEY VALUE --reason TEXT\n"
  "  demo                               create a demo workspace (password \"demo\")\n"
  "  version\n"
  "\n"
  "The acting user's password comes from LIKENESS_PASSWORD or standard input;\n"
  "a new user's password from LIKENESS_NEW_PASSWORD.\n";

static void
lk_cli_clear (LkCli *cli)
{
  g_free (cli->db_path);
  g_free (cli->user);
}

char *
lk_cli_read_line (const char *prompt)
{
  char buffer[1024];
  struct termios saved, quiet;
  gboolean tty = isatty (STDIN_FILENO);

  if (tty)
    {
      fprintf (stderr, "%s", prompt);
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
    }
  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    buffer[0] = '\0';
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSANOW, &saved);
      fputc ('\n', stderr);
    }
  buffer[strcspn (buffer, "\r\n")] = '\0';
  return g_strdup (buffer);
}

char *
lk_cli_acting_password (const char *user)
{
  const char *env = g_getenv ("LIKENESS_PASSWORD");
  g_autofree char *prompt = NULL;

  if (env != NULL)
    return g_strdup (env);
  prompt = g_strdup_printf ("Password for %s: ", user);
  return lk_cli_read_line (prompt);
}

char *
lk_cli_signing_password (LkCli *cli)
{
  const char *env = g_getenv ("LIKENESS_PASSWORD");
  g_autofree char *prompt = NULL;

  if (env != NULL)
    return g_strdup (env);
  prompt = g_strdup_printf ("Password of %s to sign: ", cli->user);
  return lk_cli_read_line (prompt);
}

char *
lk_cli_db_path (LkCli *cli)
{
  return cli->db_path != NULL ? g_strdup (cli->db_path) : lk_store_default_path ();
}

LkStore *
lk_cli_open_store (LkCli   *cli,
                   GError **error)
{
  g_autofree char *path = lk_cli_db_path (cli);
  g_autoptr(LkStore) store = lk_store_open (path, LK_STORE_OPEN_DEFAULT, error);

  if (store == NULL)
    return NULL;
  if (lk_store_is_demo (store))
    g_printerr ("likeness-cli: note: %s is a demo workspace, not for casework\n", path);
  return g_steal_pointer (&store);
}

LkSession *
lk_cli_log_in (LkCli   *cli,
               GError **error)
{
  g_autoptr(LkStore) store = NULL;
  g_autofree char *password = NULL;

  if (cli->user == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "This command needs an acting user: add --user NAME");
      return NULL;
    }
  store = lk_cli_open_store (cli, error);
  if (store == NULL)
    return NULL;
  password = lk_cli_acting_password (cli->user);
  return lk_session_login (store, cli->user, password, error);
}

gboolean
lk_cli_parse_options (LkCli         *cli,
                      int            first,
                      GOptionEntry  *entries,
                      char        ***rest,
                      GError       **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int argc;
  char **argvp;

  g_ptr_array_add (argv, (gpointer) "likeness-cli");
  for (int i = first; i < cli->n_args; i++)
    g_ptr_array_add (argv, cli->args[i]);
  g_ptr_array_add (argv, NULL);
  argc = (int) argv->len - 1;
  argvp = (char **) argv->pdata;

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argvp, error))
    return FALSE;
  *rest = g_strdupv (argvp + 1);
  return TRUE;
}

gboolean
lk_cli_print_json (JsonObject  *object,
                   GError     **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
  return TRUE;
}

gboolean
lk_cli_parse_id (const char  *text,
                 const char  *what,
                 gint64      *id,
                 GError     **error)
{
  guint64 value;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      *id = (gint64) value;
      return TRUE;
    }
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s %s id is a positive whole number, "
               "not “%s”", strchr ("aeiou", what[0]) != NULL ? "An" : "A", what,
               text ? text : "");
  return FALSE;
}

gboolean
lk_cli_expect_positional (char       **rest,
                          guint        n,
                          const char  *what,
                          GError     **error)
{
  if (g_strv_length (rest) == n)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "Expected %s", what);
  return FALSE;
}

/* ---- commands --------------------------------------------------------------------------- */

static gboolean
cmd_init (LkCli   *cli,
          GError **error)
{
  g_autofree char *admin = NULL;
  g_autofree char *display_name = NULL;
  g_auto(GStrv) rest = NULL;
  g_autofree char *path = lk_cli_db_path (cli);
  g_autoptr(LkStore) store = NULL;
  const char *password = g_getenv ("LIKENESS_PASSWORD");
  GOptionEntry entries[] = {
    { "admin", 0, 0, G_OPTION_ARG_STRING, &admin, NULL, NULL },
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &display_name, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 1, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 0, "init --admin NAME", error))
    return FALSE;
  if (admin == NULL || password == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "init needs --admin NAME and the administrator's password in LIKENESS_PASSWORD");
      return FALSE;
    }
  store = lk_store_open (path, LK_STORE_OPEN_CREATE, error);
  if (store == NULL ||
      !lk_users_create_administrator (store, admin, display_name, password, error))
    return FALSE;
  g_print ("initialised %s with administrator %s\n", path, admin);
  return TRUE;
}

static gboolean
cmd_user_add (LkCli   *cli,
              GError **error)
{
  g_autofree char *roles_text = NULL;
  g_autofree char *display_name = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  const char *password = g_getenv ("LIKENESS_NEW_PASSWORD");
  LkRoles roles;
  GOptionEntry entries[] = {
    { "roles", 0, 0, G_OPTION_ARG_STRING, &roles_text, NULL, NULL },
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &display_name, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "user add NAME --roles R1,R2", error) ||
      !lk_roles_parse (roles_text, &roles, error))
    return FALSE;
  if (password == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "Put the new user's password in LIKENESS_NEW_PASSWORD");
      return FALSE;
    }
  session = lk_cli_log_in (cli, error);
  if (session == NULL ||
      !lk_users_add (session, rest[0], display_name, roles, password, error))
    return FALSE;
  g_print ("added %s\n", rest[0]);
  return TRUE;
}

static const char *
user_status (const LkUser *user)
{
  if (user->disabled)
    return "disabled";
  if (user->locked)
    return "locked";
  return "active";
}

static gboolean
cmd_user_list (LkCli   *cli,
               GError **error)
{
  g_autoptr(LkSession) session = lk_cli_log_in (cli, error);
  g_autoptr(GPtrArray) users = NULL;

  if (session == NULL || (users = lk_users_list (session, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < users->len; i++)
    {
      const LkUser *user = g_ptr_array_index (users, i);
      g_autofree char *roles = lk_roles_to_string (user->roles);

      g_print ("%s\t%s\t%s\t%s\n", user->name, user->display_name, roles, user_status (user));
    }
  return TRUE;
}

static gboolean
cmd_user_disable (LkCli   *cli,
                  GError **error)
{
  g_autoptr(LkSession) session = NULL;

  if (cli->n_args != 3)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "Expected user disable NAME");
      return FALSE;
    }
  session = lk_cli_log_in (cli, error);
  if (session == NULL || !lk_users_set_disabled (session, cli->args[2], TRUE, error))
    return FALSE;
  g_print ("disabled %s\n", cli->args[2]);
  return TRUE;
}

/* The chain holds but signed records differ: one line for each. */
static gboolean
report_mismatches (GPtrArray  *mismatches,
                   gint64      n_events,
                   GError    **error)
{
  g_print ("audit chain intact: %" G_GINT64_FORMAT " events; signed records that differ from "
           "their signing events:\n", n_events);
  for (guint i = 0; i < mismatches->len; i++)
    {
      LkAuditMismatch *m = g_ptr_array_index (mismatches, i);

      if (m->event_seq > 0)
        g_print ("  %s: differs from signing event %" G_GINT64_FORMAT "\n", m->record,
                 m->event_seq);
      else
        g_print ("  %s: no signing event holds it\n", m->record);
    }
  g_set_error (error, LK_ERROR, LK_ERROR_INTEGRITY,
               "%u signed record%s changed after signing", mismatches->len,
               mismatches->len == 1 ? " was" : "s were");
  return FALSE;
}

static gboolean
cmd_user_unlock (LkCli   *cli,
                 GError **error)
{
  g_autoptr(LkSession) session = NULL;
  g_autofree char *reason = NULL;
  g_auto(GStrv) rest = NULL;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 1, "user unlock NAME --reason TEXT", error) ||
      !lk_require_text (reason, "Unlocking an account needs a reason (--reason TEXT)", error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      !lk_users_unlock (session, rest[0], reason, error))
    return FALSE;
  g_print ("unlocked %s\n", rest[0]);
  return TRUE;
}

static gboolean
cmd_audit_verify (LkCli   *cli,
                  GError **error)
{
  g_autoptr(LkSession) session = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *anchor_text = NULL;
  g_autofree char *anchor_hash = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) mismatches = NULL;
  gint64 n = 0, broken = 0, anchor_seq = 0;
  GOptionEntry entries[] = {
    { "anchor", 0, 0, G_OPTION_ARG_STRING, &anchor_text, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 0, "audit verify [--anchor SEQ:HASH]", error) ||
      (anchor_text != NULL &&
       !lk_audit_log_anchor_parse (anchor_text, &anchor_seq, &anchor_hash, error)) ||
      (session = lk_cli_log_in (cli, error)) == NULL)
    return FALSE;
  mismatches = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_audit_mismatch_free);
  if (lk_audit_log_verify_watched (session, anchor_seq, anchor_hash, NULL, NULL, &n, &broken,
                                   &reason, mismatches, &local_error))
    {
      if (anchor_seq > 0)
        g_print ("audit chain intact: %" G_GINT64_FORMAT " events, anchor %" G_GINT64_FORMAT
                 " holds\n", n, anchor_seq);
      else
        g_print ("audit chain intact: %" G_GINT64_FORMAT " events\n", n);
      return TRUE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (mismatches->len > 0)
    return report_mismatches (mismatches, n, error);
  g_print ("audit chain broken at event %" G_GINT64_FORMAT ": %s\n", broken, reason);
  g_set_error (error, LK_ERROR, LK_ERROR_INTEGRITY,
               "the audit log has been tampered with (event %" G_GINT64_FORMAT ")", broken);
  return FALSE;
}

static gboolean
cmd_migrate (LkCli   *cli,
             GError **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  LkStoreCopyStats stats;
  LkActor actor;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from, NULL, NULL },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 1, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 0, "migrate --from FILE --to URI", error))
    return FALSE;
  if (from == NULL || to == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "migrate needs --from FILE and --to postgresql://…");
      return FALSE;
    }
  g_free (cli->db_path);
  cli->db_path = g_strdup (from);
  if ((session = lk_cli_log_in (cli, error)) == NULL ||
      !lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error) ||
      !lk_store_copy (lk_session_get_store (session), to, &actor, &stats, error))
    return FALSE;
  g_print ("moved %s to %s: %" G_GINT64_FORMAT " tables, %" G_GINT64_FORMAT " rows, %"
           G_GINT64_FORMAT " images, %" G_GINT64_FORMAT " audit events; chain verified on both "
           "sides\n", from, to, stats.tables, stats.rows, stats.images, stats.events);
  return TRUE;
}

static gboolean
cmd_audit_head (LkCli   *cli,
                GError **error)
{
  g_autoptr(LkSession) session = NULL;
  g_autofree char *hash = NULL;
  g_auto(GStrv) rest = NULL;
  GOptionEntry entries[] = { { NULL } };
  gint64 seq = 0;

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 0, "audit head", error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      !lk_audit_log_head (session, &seq, &hash, error))
    return FALSE;
  g_print ("%" G_GINT64_FORMAT "\t%s\n", seq, hash);
  return TRUE;
}

static gboolean
cmd_demo (LkCli   *cli,
          GError **error)
{
  g_autofree char *path = cli->db_path ? g_strdup (cli->db_path) : lk_store_default_demo_path ();
  g_autoptr(LkStore) store = lk_demo_create (path, error);

  if (store == NULL)
    return FALSE;
  g_print ("demo workspace created at %s (not for casework)\n", path);
  for (const char * const *name = lk_demo_user_names (); *name != NULL; name++)
    g_print ("  user %s, password %s\n", *name, LK_DEMO_PASSWORD);
  return TRUE;
}

static gboolean
cmd_version (LkCli   *cli,
             GError **error)
{
  g_print ("likeness-cli %s (build %s, OpenCV %s, %s)\n", PACKAGE_VERSION, LK_BUILD_ID,
           lk_cv_version (), lk_store_engine_version ());
  return TRUE;
}

static const struct
{
  const char    *word1;
  const char    *word2;
  LkCommandFunc  func;
} commands[] = {
  { "init", NULL, cmd_init },
  { "user", "add", cmd_user_add },
  { "user", "list", cmd_user_list },
  { "user", "disable", cmd_user_disable },
  { "user", "unlock", cmd_user_unlock },
  { "audit", "verify", cmd_audit_verify },
  { "audit", "head", cmd_audit_head },
  { "migrate", NULL, cmd_migrate },
  { "audit", "export", lk_cli_audit_export },
  { "audit", "list", lk_cli_audit_list },
  { "case", "offences", lk_cli_case_offences },
  { "case", "create", lk_cli_case_create },
  { "case", "list", lk_cli_case_list },
  { "case", "show", lk_cli_case_show },
  { "case", "approve", lk_cli_case_approve },
  { "case", "move", lk_cli_case_move },
  { "probe", "import", lk_cli_probe_import },
  { "probe", "analyse", lk_cli_probe_analyse },
  { "probe", "analyze", lk_cli_probe_analyse },
  { "probe", "face", lk_cli_probe_face },
  { "policy", "show", lk_cli_policy_show },
  { "policy", "set", lk_cli_policy_set },
  { "candidates", "import", lk_cli_candidates_import },
  { "candidates", "list", lk_cli_candidates_list },
  { "candidates", "reveal", lk_cli_candidates_reveal },
  { "candidates", "shuffle", lk_cli_candidates_shuffle },
  { "candidates", "triage", lk_cli_candidates_triage },
  { "examination", "open", lk_cli_examination_open },
  { "examination", "show", lk_cli_examination_show },
  { "examination", "observe", lk_cli_examination_observe },
  { "examination", "check", lk_cli_examination_check },
  { "examination", "conclude", lk_cli_examination_conclude },
  { "examination", "amend", lk_cli_examination_amend },
  { "examination", "reopen", lk_cli_examination_reopen },
  { "report", NULL, lk_cli_report },
  { "stats", NULL, lk_cli_stats },
  { "assessment", "new", lk_cli_assessment_new },
  { "assessment", "show", lk_cli_assessment_show },
  { "assessment", "export", lk_cli_assessment_export },
  { "assessment", "install", lk_cli_assessment_install },
  { "retention", "run", lk_cli_retention_run },
  { "retention", "hold", lk_cli_retention_hold },
  { "retention", "release", lk_cli_retention_release },
  { "retention", "status", lk_cli_retention_status },
  { "export", "verify", lk_cli_export_verify },
  { "export", NULL, lk_cli_export },
  { "competency", "add", lk_cli_competency_add },
  { "competency", "list", lk_cli_competency_list },
  { "competency", "revoke", lk_cli_competency_revoke },
  { "verify", "submit", lk_cli_verify_submit },
  { "verify", "assign", lk_cli_verify_assign },
  { "verify", "take", lk_cli_verify_take },
  { "verify", "list", lk_cli_verify_list },
  { "verify", "open", lk_cli_verify_open },
  { "verify", "show", lk_cli_verify_show },
  { "verify", "countersign", lk_cli_verify_countersign },
  { "verify", "disagree", lk_cli_verify_disagree },
  { "verify", "consult", lk_cli_verify_consult },
  { "feature-list", "install", lk_cli_feature_list_install },
  { "gallery", "create", lk_cli_gallery_create },
  { "gallery", "enrol", lk_cli_gallery_enrol },
  { "gallery", "enroll", lk_cli_gallery_enrol },
  { "gallery", "search", lk_cli_gallery_search },
  { "gallery", "evaluate", lk_cli_gallery_evaluate },
  { "gallery", "install-model", lk_cli_gallery_install_model },
  { "training", NULL, lk_cli_training },
  { "demo", NULL, cmd_demo },
  { "version", NULL, cmd_version },
};

static LkCommandFunc
find_command (LkCli *cli)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (cli->n_args < 1 || g_strcmp0 (cli->args[0], commands[i].word1) != 0)
        continue;
      if (commands[i].word2 == NULL ||
          (cli->n_args >= 2 && g_strcmp0 (cli->args[1], commands[i].word2) == 0))
        return commands[i].func;
    }
  return NULL;
}

static gboolean
parse_global (LkCli    *cli,
              int      *argc,
              char   ***argv,
              GError  **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("COMMAND");
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &cli->db_path, "Database file", "PATH" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &cli->user, "Acting user", "NAME" },
    { NULL }
  };

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  cli->args = *argv + 1;
  cli->n_args = *argc - 1;
  return TRUE;
}

int
lk_cli_run (int    argc,
            char **argv)
{
  LkCli cli = { 0 };
  g_autoptr(GError) error = NULL;
  LkCommandFunc func;
  int status = 0;

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s", usage);
      return 0;
    }
  if (!parse_global (&cli, &argc, &argv, &error))
    status = 2;
  else if ((func = find_command (&cli)) == NULL)
    {
      g_printerr ("likeness-cli: unknown or missing command; see likeness-cli --help\n");
      status = 2;
    }
  else if (!func (&cli, &error))
    status = 1;

  if (error != NULL)
    {
      /* One line, and no escape sequence from anyone's input reaches the terminal. */
      g_autofree char *message = lk_text_escape (error->message);

      g_printerr ("likeness-cli: %s\n", message);
    }
  lk_cli_clear (&cli);
  return status;
}
