/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cases, probes and the analysis through the real likeness-cli, as a script would drive it,
 * and the demo workspace it creates. */
#include "config.h"

#include <string.h>

#include "lk-test-util.h"
#include "reference/lk-data.h"

#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse"
#define EXAMINER "erin"
#define EXAMINER_PASSWORD "battery staple"

static char *
demo_path (const char *name)
{
  const char *source = g_getenv ("LIKENESS_SOURCE_DIR");

  g_assert_nonnull (source);
  return g_build_filename (source, "data", "demo", name, NULL);
}

static void
init_db (LkTestFixture *fixture)
{
  g_autoptr(LkCliRun) init = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path,
                                          "init", "--admin", ADMIN, NULL);
  g_autoptr(LkCliRun) add = NULL;

  lk_test_cli_assert_ok (init);
  add = lk_test_cli (ADMIN_PASSWORD, EXAMINER_PASSWORD, NULL, "--db", fixture->db_path,
                     "--user", ADMIN, "user", "add", EXAMINER, "--roles", "examiner",
                     "--display-name", "Erin Examiner", NULL);
  lk_test_cli_assert_ok (add);
}

static LkCliRun *
as_examiner (LkTestFixture *fixture,
             const char    *first_arg,
             ...) G_GNUC_NULL_TERMINATED;

/* likeness-cli --db DB --user erin ARGS... */
static LkCliRun *
as_examiner (LkTestFixture *fixture,
             const char    *first_arg,
             ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  /* lk_test_cli takes a fixed list; a few positions are plenty for these commands */
  g_assert_cmpuint (args->len, <=, 16);
  while (args->len < 16)
    g_ptr_array_add (args, NULL);
#define A(i) ((const char *) g_ptr_array_index (args, (i)))
  return lk_test_cli (EXAMINER_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", EXAMINER,
                      A (0), A (1), A (2), A (3), A (4), A (5), A (6), A (7), A (8), A (9),
                      A (10), A (11), A (12), A (13), A (14), A (15), NULL);
#undef A
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
create_case (LkTestFixture *fixture,
             const char    *number,
             const char    *offence,
             const char    *expected_status)
{
  g_autoptr(LkCliRun) run = as_examiner (fixture, "case", "create", "--number", number,
                                         "--title", "Robbery at the petrol station",
                                         "--offence", offence,
                                         "--legal-basis", "Criminal Procedure Act, s. 55",
                                         "--purpose", "Face visible on CCTV; no other leads",
                                         "--authorised-by", "Chief Inspector Ward", NULL);
  g_autofree char *expected = g_strdup_printf ("%s\t%s\n", number, expected_status);

  lk_test_cli_assert_ok (run);
  g_assert_cmpstr (run->out, ==, expected);
}

static void
test_offences (LkTestFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(LkCliRun) run = lk_test_cli (NULL, NULL, NULL, "case", "offences", NULL);
  g_auto(GStrv) lines = NULL;
  gboolean rob = FALSE, thf = FALSE;

  lk_test_cli_assert_ok (run);
  g_assert_cmpuint (lk_test_count_lines (run->out), ==, lk_offences ()->len);
  lines = g_strsplit (run->out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      guint64 seriousness = 0;

      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      g_assert_cmpuint (strlen (fields[0]), ==, 3);
      g_assert_cmpuint (strlen (fields[1]), >, 3);
      g_assert_true (g_ascii_string_to_unsigned (fields[2], 10, 1, 5, &seriousness, NULL));
      g_assert_true (g_str_equal (fields[3], "yes") || g_str_equal (fields[3], "no"));
      if (g_str_equal (fields[0], "ROB"))
        {
          rob = TRUE;
          g_assert_cmpstr (lines[i], ==, "ROB\tArmed or aggravated robbery\t4\tno");
        }
      if (g_str_equal (fields[0], "THF"))
        {
          thf = TRUE;
          g_assert_cmpstr (lines[i], ==, "THF\tTheft\t2\tyes");
        }
    }
  g_assert_true (rob);
  g_assert_true (thf);
}

static void
test_create_list_show (LkTestFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr(LkCliRun) list = NULL;
  g_autoptr(LkCliRun) show = NULL;
  g_autoptr(LkCliRun) text = NULL;
  g_autoptr(LkCliRun) missing = NULL;
  g_autoptr(LkCliRun) duplicate = NULL;
  g_autoptr(LkCliRun) unknown = NULL;
  g_autoptr(LkCliRun) filtered = NULL;
  g_autoptr(JsonObject) json = NULL;

  init_db (fixture);
  create_case (fixture, "2026-0001", "ROB", "open");
  create_case (fixture, "2026-0002", "THF", "awaiting-approval");

  list = as_examiner (fixture, "case", "list", NULL);
  lk_test_cli_assert_ok (list);
  g_assert_cmpstr (list->out, ==,
                   "2026-0002\tRobbery at the petrol station\tawaiting-approval\n"
                   "2026-0001\tRobbery at the petrol station\topen\n");
  filtered = as_examiner (fixture, "case", "list", "--status", "open", NULL);
  lk_test_cli_assert_ok (filtered);
  g_assert_cmpstr (filtered->out, ==, "2026-0001\tRobbery at the petrol station\topen\n");

  show = as_examiner (fixture, "case", "show", "2026-0001", "--json", NULL);
  lk_test_cli_assert_ok (show);
  json = parse_object (show->out);
  g_assert_cmpstr (json_object_get_string_member (json, "number"), ==, "2026-0001");
  g_assert_cmpstr (json_object_get_string_member (json, "title"), ==,
                   "Robbery at the petrol station");
  g_assert_cmpstr (json_object_get_string_member (json, "status"), ==, "open");
  /* Not given on the command line: the record says so rather than naming anyone. */
  g_assert_cmpstr (json_object_get_string_member (json, "requested_by"), ==,
                   "Not stated (case created with likeness-cli)");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (json, "probes")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json, "probes")), ==, 0);

  text = as_examiner (fixture, "case", "show", "2026-0001", NULL);
  lk_test_cli_assert_ok (text);
  g_assert_true (g_str_has_prefix (text->out, "Case 2026-0001: Robbery at the petrol station\n"));
  g_assert_nonnull (strstr (text->out, "never identifications"));

  /* the core's checks reach the command line as one line each */
  missing = as_examiner (fixture, "case", "create", "--number", "2026-0003", "--title", "T",
                         "--offence", "ROB", "--purpose", "P", "--authorised-by", "A", NULL);
  lk_test_cli_assert_failed (missing, "legal basis");
  duplicate = as_examiner (fixture, "case", "create", "--number", "2026-0001", "--title", "T",
                           "--offence", "ROB", "--legal-basis", "L", "--purpose", "P",
                           "--authorised-by", "A", NULL);
  lk_test_cli_assert_failed (duplicate, "already exists");
  unknown = as_examiner (fixture, "case", "show", "2026-0404", "--json", NULL);
  lk_test_cli_assert_failed (unknown, "2026-0404");
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM cases"), ==, 2);
}

static void
test_approve (LkTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(LkCliRun) by_examiner = NULL;
  g_autoptr(LkCliRun) no_reason = NULL;
  g_autoptr(LkCliRun) approved = NULL;
  g_autoptr(LkCliRun) list = NULL;

  init_db (fixture);
  create_case (fixture, "2026-0002", "THF", "awaiting-approval");
  by_examiner = as_examiner (fixture, "case", "approve", "2026-0002", "--reason", "fine", NULL);
  lk_test_cli_assert_failed (by_examiner, "Only an administrator can");
  no_reason = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", ADMIN,
                           "case", "approve", "2026-0002", NULL);
  lk_test_cli_assert_failed (no_reason, "reason");
  approved = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", ADMIN,
                          "case", "approve", "2026-0002", "--reason", "Series of thefts", NULL);
  lk_test_cli_assert_ok (approved);
  g_assert_cmpstr (approved->out, ==, "2026-0002\topen\n");
  list = as_examiner (fixture, "case", "list", NULL);
  lk_test_cli_assert_ok (list);
  g_assert_cmpstr (list->out, ==, "2026-0002\tRobbery at the petrol station\topen\n");
}

static void
test_probe_import_analyse (LkTestFixture *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = demo_path ("grace_hopper.jpg");
  g_autofree char *contents = NULL;
  g_autofree char *expected_sha = NULL;
  g_autofree char *id = NULL;
  g_autofree char *locked_line = NULL;
  g_autoptr(LkCliRun) import = NULL;
  g_autoptr(LkCliRun) sketch = NULL;
  g_autoptr(LkCliRun) lock = NULL;
  g_autoptr(LkCliRun) again = NULL;
  g_autoptr(LkCliRun) bad = NULL;
  g_autoptr(LkCliRun) show = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_auto(GStrv) fields = NULL;
  JsonArray *probes;
  JsonObject *probe, *provenance, *analysis;
  gsize length;

  init_db (fixture);
  create_case (fixture, "2026-0001", "ROB", "open");
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  expected_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents,
                                              length);

  import = as_examiner (fixture, "probe", "import", "2026-0001", path, "--source-type", "cctv",
                        "--kind", "video-frame", "--acquired-by", "PC Ada Jones",
                        "--authority", "Warrant 2026/17", NULL);
  lk_test_cli_assert_ok (import);
  g_assert_cmpuint (lk_test_count_lines (import->out), ==, 1);
  fields = g_strsplit (g_strchomp (import->out), "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 3);
  g_assert_true (g_ascii_string_to_unsigned (fields[0], 10, 1, G_MAXINT64, NULL, NULL));
  g_assert_cmpstr (fields[1], ==, expected_sha);
  /* numbered within its case, in the order of intake */
  g_assert_cmpstr (fields[2], ==, "Probe 1 of case 2026-0001");
  id = g_strdup (fields[0]);

  sketch = as_examiner (fixture, "probe", "import", "2026-0001", path, "--source-type", "witness",
                        "--kind", "sketch", "--acquired-by", "PC Ada Jones",
                        "--authority", "Warrant 2026/17", NULL);
  lk_test_cli_assert_failed (sketch, "refused by policy");
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM probes"), ==, 1);

  bad = as_examiner (fixture, "probe", "analyse", id, "--suitability", "suitable",
                     "--components", "eyes,nose", "--notes", "x", NULL);
  lk_test_cli_assert_failed (bad, "--lock");

  lock = as_examiner (fixture, "probe", "analyse", id, "--suitability", "suitable",
                      "--components", "eyes,nose", "--notes", "x", "--lock", NULL);
  lk_test_cli_assert_ok (lock);
  locked_line = g_strdup_printf ("%s\tlocked\tsuitable\n", id);
  g_assert_cmpstr (lock->out, ==, locked_line);
  again = as_examiner (fixture, "probe", "analyse", id, "--suitability", "limited",
                       "--factors", "pose", "--lock", NULL);
  lk_test_cli_assert_failed (again, "locked");
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM analyses"), ==, 1);

  show = as_examiner (fixture, "case", "show", "2026-0001", "--json", NULL);
  lk_test_cli_assert_ok (show);
  json = parse_object (show->out);
  /* its only probe analysed, the case moved on to examination by itself */
  g_assert_cmpstr (json_object_get_string_member (json, "status"), ==, "examination");
  probes = json_object_get_array_member (json, "probes");
  g_assert_cmpuint (json_array_get_length (probes), ==, 1);
  probe = json_array_get_object_element (probes, 0);
  g_assert_cmpint (json_object_get_int_member (probe, "id"), ==, g_ascii_strtoll (id, NULL, 10));
  g_assert_cmpint (json_object_get_int_member (probe, "number_in_case"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (probe, "sha256"), ==, expected_sha);
  provenance = json_object_get_object_member (probe, "provenance");
  g_assert_cmpstr (json_object_get_string_member (provenance, "source_type"), ==, "cctv");
  g_assert_cmpstr (json_object_get_string_member (provenance, "kind"), ==, "video-frame");
  g_assert_cmpstr (json_object_get_string_member (provenance, "acquired_by"), ==, "PC Ada Jones");
  g_assert_cmpstr (json_object_get_string_member (provenance, "authority"), ==,
                   "Warrant 2026/17");
  /* the CLI records who received the file, and that the time of import stands in for the
   * acquisition time that was not given */
  g_assert_nonnull (strstr (json_object_get_string_member (provenance, "custody_note"),
                            EXAMINER));
  g_assert_nonnull (strstr (json_object_get_string_member (provenance, "custody_note"),
                            "Acquisition time not stated"));
  g_assert_nonnull (json_object_get_string_member (provenance, "acquired_at"));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (probe, "quality")));
  analysis = json_object_get_object_member (probe, "analysis");
  g_assert_nonnull (analysis);
  g_assert_cmpstr (json_object_get_string_member (analysis, "suitability"), ==, "suitable");
  g_assert_cmpstr (json_object_get_string_member (analysis, "examiner"), ==, EXAMINER);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (analysis, "components")),
                    ==, 2);
  g_assert_cmpstr (json_object_get_string_member (analysis, "notes"), ==, "x");
}

/* The demo's examination of the mated candidate: annotations, observations of several
 * characteristics and a conclusion signed by demo-examiner, marked as a lead and as a demo. */
/* The first examiner's examination of @subject_ref in a probe of `case show --json`. */
static JsonObject *
find_examination (JsonObject *probe,
                  const char *subject_ref)
{
  JsonArray *examinations = json_object_get_array_member (probe, "examinations");

  for (guint i = 0; i < json_array_get_length (examinations); i++)
    {
      JsonObject *e = json_array_get_object_element (examinations, i);

      if (g_str_equal (json_object_get_string_member (e, "subject_ref"), subject_ref) &&
          g_str_equal (json_object_get_string_member (e, "purpose"), "examination"))
        return e;
    }
  g_error ("No examination of %s", subject_ref);
  return NULL;
}

static void
assert_demo_examination (JsonObject *probe)
{
  JsonObject *examination, *conclusion, *verification;
  JsonArray *conclusions, *verifications;

  /* the examiner's two, and the reviewers' own (two by demo-reviewer, one by demo-reviewer2) */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (probe, "examinations")),
                    ==, 5);
  examination = find_examination (probe, "DEMO-SUBJ-0417");
  g_assert_cmpint (json_object_get_int_member (examination, "n_annotations"), >=, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (examination,
                                                                         "observations")), >=, 5);
  conclusions = json_object_get_array_member (examination, "conclusions");
  g_assert_cmpuint (json_array_get_length (conclusions), ==, 1);
  conclusion = json_array_get_object_element (conclusions, 0);
  g_assert_cmpstr (json_object_get_string_member (conclusion, "signed_by"), ==, "demo-examiner");
  g_assert_cmpint (json_object_get_int_member (conclusion, "ordinal"), ==, 2);
  g_assert_true (json_object_get_boolean_member (conclusion, "content_intact"));
  g_assert_nonnull (strstr (json_object_get_string_member (conclusion, "result_use"),
                            "Investigative lead only"));
  g_assert_nonnull (strstr (json_object_get_string_member (conclusion, "reasoning"), "DEMO"));
  g_assert_nonnull (strstr (json_object_get_string_member (conclusion, "limitations"), "DEMO"));
  /* verified blind by demo-reviewer and countersigned */
  verifications = json_object_get_array_member (examination, "verifications");
  g_assert_cmpuint (json_array_get_length (verifications), ==, 1);
  verification = json_array_get_object_element (verifications, 0);
  g_assert_cmpstr (json_object_get_string_member (verification, "reviewer"), ==, "demo-reviewer");
  g_assert_true (json_object_get_boolean_member (verification, "blind"));
  g_assert_cmpstr (json_object_get_string_member (verification, "state"), ==, "countersigned");
  g_assert_nonnull (json_object_get_string_member (verification, "signed_at"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (verification,
                                                                         "signatures")), ==, 1);
  /* the other candidate: disputed, then not confirmed by a third reviewer; both on record */
  verifications = json_object_get_array_member (find_examination (probe, "DEMO-SUBJ-1092"),
                                                "verifications");
  g_assert_cmpuint (json_array_get_length (verifications), ==, 2);
  verification = json_array_get_object_element (verifications, 0);
  g_assert_cmpstr (json_object_get_string_member (verification, "state"), ==, "referred");
  verification = json_array_get_object_element (verifications, 1);
  g_assert_cmpstr (json_object_get_string_member (verification, "stage"), ==, "third-review");
  g_assert_cmpstr (json_object_get_string_member (verification, "reviewer"), ==,
                   "demo-reviewer2");
  g_assert_cmpstr (json_object_get_string_member (verification, "state"), ==, "not-confirmed");
}

static void
test_demo (LkTestFixture *fixture,
           gconstpointer  data)
{
  g_autoptr(LkCliRun) create = lk_test_cli (NULL, NULL, NULL, "--db", fixture->db_path, "demo",
                                            NULL);
  g_autoptr(LkCliRun) list = NULL;
  g_autoptr(LkCliRun) first = NULL;
  g_autoptr(LkCliRun) second = NULL;
  g_autoptr(LkCliRun) candidates = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(JsonObject) approval = NULL;
  JsonArray *probes;
  JsonObject *probe, *provenance;

  lk_test_cli_assert_ok (create);
  g_assert_nonnull (strstr (create->out, "not for casework"));

  list = lk_test_cli ("demo", NULL, NULL, "--db", fixture->db_path, "--user", "demo-examiner",
                      "case", "list", NULL);
  lk_test_cli_assert_ok (list);
  g_assert_nonnull (strstr (list->out, "DEMO-2026-001\t"));
  g_assert_nonnull (strstr (list->out, "DEMO-2026-002\tShop theft (demo, needs approval)\t"
                                       "awaiting-approval\n"));
  g_assert_nonnull (strstr (list->out, "DEMO-2026-003\t"));
  g_assert_nonnull (strstr (list->out, "DEMO-2026-004\t"));
  g_assert_cmpuint (lk_test_count_lines (list->out), ==, 4);
  /* the workspace warns that it is a demo on every run */
  g_assert_nonnull (strstr (list->err, "demo workspace"));

  first = lk_test_cli ("demo", NULL, NULL, "--db", fixture->db_path, "--user", "demo-examiner",
                       "case", "show", "DEMO-2026-001", "--json", NULL);
  lk_test_cli_assert_ok (first);
  json = parse_object (first->out);
  g_assert_cmpstr (json_object_get_string_member (json, "workspace"), ==, "demo");
  /* every conclusion verified: the case closed by itself */
  g_assert_cmpstr (json_object_get_string_member (json, "status"), ==, "closed");
  probes = json_object_get_array_member (json, "probes");
  g_assert_cmpuint (json_array_get_length (probes), ==, 1);
  probe = json_array_get_object_element (probes, 0);
  provenance = json_object_get_object_member (probe, "provenance");
  g_assert_true (json_object_get_boolean_member (provenance, "simulated"));
  g_assert_nonnull (strstr (json_object_get_string_member (provenance, "custody_note"),
                            "Simulated"));
  g_assert_cmpstr (json_object_get_string_member (probe, "media_type"), ==, "image/jpeg");
  g_assert_cmpint (json_object_get_int_member (probe, "width"), ==, 240);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (probe, "faces")), >=, 1);
  /* The first case shows the whole path: analysis locked, a gallery search, triage, an
   * examination with annotations and feature observations, and a signed conclusion. */
  g_assert_cmpstr (json_object_get_string_member (probe, "status"), ==, "analysed");
  candidates = lk_test_cli ("demo", NULL, NULL, "--db", fixture->db_path, "--user",
                            "demo-examiner", "candidates", "list",
                            "1", NULL);
  lk_test_cli_assert_ok (candidates);
  g_assert_nonnull (strstr (candidates->out, "DEMO-SUBJ-0417\tretained"));
  g_assert_nonnull (strstr (candidates->out, "DEMO-SUBJ-1092\tretained"));
  g_assert_cmpuint (lk_test_count_lines (candidates->out), ==, 2);
  assert_demo_examination (probe);

  second = lk_test_cli ("demo", NULL, NULL, "--db", fixture->db_path, "--user", "demo-examiner",
                        "case", "show", "DEMO-2026-002", "--json", NULL);
  lk_test_cli_assert_ok (second);
  approval = parse_object (second->out);
  g_assert_cmpstr (json_object_get_string_member (approval, "status"), ==, "awaiting-approval");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (approval, "probes")), ==,
                    0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/cli-cases/offences", test_offences);
  LK_TEST_ADD ("/likeness/cli-cases/create-list-show", test_create_list_show);
  LK_TEST_ADD ("/likeness/cli-cases/approve", test_approve);
  LK_TEST_ADD ("/likeness/cli-cases/probe-import-analyse", test_probe_import_analyse);
  LK_TEST_ADD ("/likeness/cli-cases/demo", test_demo);

  return g_test_run ();
}
