/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The self-assessment against a database whose figures are known: one case examined, verified
 * blind and closed, a second case whose probe's acquisition time was not stated; the
 * proposals, saving per day, the comparison with the assessment before, the PDF and
 * `assessment` through likeness-cli. */
#include "config.h"

#include <string.h>

#include "lk-test-casework.h"
#include "reference/lk-data-file.h"
#include "lk-test-util.h"

#define PASSWORD "a long enough password"

/* The edition in use, asserting that it could be read. */
static char *
current_edition (LkStore *store)
{
  g_autoptr(GError) error = NULL;
  char *edition = lk_assessment_current_edition (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (edition);
  return edition;
}

static void
build (LkTestFixture *fixture,
       LkTestCase    *c)
{
  g_autofree char *folder = lk_test_path (fixture, "list");
  g_autofree char *path = lk_test_demo_path ("astronaut.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) second = NULL;
  LkCaseRequest request = {
    "2026-0501", "Assault outside a club", "ASL", "Criminal Procedure Act, section 55",
    "The offender's face is visible on a witness's phone", "Chief Inspector Ward",
    "Assault Team", NULL,
  };
  LkProvenance p = { "witness", "photograph", "PC Ada Jones", "2026-01-15T14:32:00Z",
                     "Warrant 2026/19",
                     "Exhibit AJ/3. Acquisition time not stated: the time of import is recorded",
                     FALSE };

  g_mkdir_with_parents (folder, 0700);
  lk_test_case_build (c, fixture->db_path, folder, 2, 1, TRUE);
  second = lk_cases_create (c->examiner, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_probes_import_file (c->examiner, "2026-0501", path, &p, NULL, &error), >,
                   0);
  g_assert_no_error (error);
  /* The fixture as the figures below assume it. */
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM verifications"
                                                      " WHERE blind = 1"), ==, 1);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM verifications"), ==,
                   1);
}

static LkAssessmentAnswer *
answer_of (LkAssessment *a,
           const char   *id)
{
  LkAssessmentAnswer *answer = lk_assessment_find (a, id);

  g_assert_nonnull (answer);
  return answer;
}

static void
assert_proposal (LkAssessment *a,
                 const char   *id,
                 LkAnswer      proposed,
                 const char   *figure_part)
{
  LkAssessmentAnswer *answer = answer_of (a, id);

  if (figure_part != NULL && (answer->figure == NULL ||
                              strstr (answer->figure, figure_part) == NULL))
    g_error ("%s: figure “%s” lacks “%s”", id, answer->figure, figure_part);
  g_assert_cmpstr (lk_answer_to_string (answer->proposed), ==, lk_answer_to_string (proposed));
  g_assert_cmpint (answer->answer, ==, proposed);
}

static void
test_proposals (LkTestFixture *fixture,
                gconstpointer  data)
{
  LkTestCase c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAssessment) a = NULL;

  build (fixture, &c);
  a = lk_assessment_propose (c.admin, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->answers->len, >=, 9);
  g_assert_cmpint (answer_of (a, "9.2")->principle, ==, 9);
  assert_proposal (a, "1.1", LK_ANSWER_YES, "2 of 2 cases");
  assert_proposal (a, "6.1", LK_ANSWER_PARTLY, "1 of 2 probes with complete provenance (50 %)");
  assert_proposal (a, "6.2", LK_ANSWER_YES, "ai-generated");
  assert_proposal (a, "3.3", LK_ANSWER_YES, "1 of 1 leads");
  assert_proposal (a, "5.2", LK_ANSWER_YES, "1 of 1 leads");
  assert_proposal (a, "8.1", LK_ANSWER_YES, "2 of 2 examiners and reviewers");
  assert_proposal (a, "3.1", LK_ANSWER_YES, "Audit chain intact");
  assert_proposal (a, "6.3", LK_ANSWER_NO, "No retention run");
  assert_proposal (a, "4.2", LK_ANSWER_NO, "No engine has been evaluated");
  assert_proposal (a, "2.2", LK_ANSWER_NONE, "No decided requests");
  assert_proposal (a, "1.2", LK_ANSWER_NONE, NULL);
  g_assert_null (answer_of (a, "1.2")->figure);
  g_assert_null (a->previous_on);

  g_assert_null (lk_assessment_propose (c.examiner, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  lk_test_case_clear (&c);
}

static void
test_saved_and_compared (LkTestFixture *fixture,
                         gconstpointer  data)
{
  LkTestCase c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAssessment) first = NULL, second = NULL, loaded = NULL;
  g_autoptr(LkRetentionReport) run = NULL;
  g_autofree char *pdf = lk_test_path (fixture, "assessment.pdf");
  g_autofree char *text = NULL;
  g_autofree char *argv_pdf = NULL;
  LkAssessmentAnswer *answer;

  build (fixture, &c);
  first = lk_assessment_propose (c.admin, &error);
  answer = answer_of (first, "1.2");
  answer->answer = LK_ANSWER_PARTLY;
  answer->comment = g_strdup ("Roles are enforced; views are not yet minimised");
  g_assert_cmpint (lk_assessment_save (c.admin, first, "2026-01-01", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (lk_assessment_save (c.admin, first, "2026-01-01", &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (lk_test_count_action (c.store, "assessment.saved"), ==, 1);

  /* A retention run later, the next assessment says yes where the first said no. */
  run = lk_retention_run (c.admin, NULL, FALSE, &error);
  g_assert_no_error (error);
  second = lk_assessment_propose (c.admin, &error);
  g_assert_cmpstr (second->previous_on, ==, "2026-01-01");
  assert_proposal (second, "6.3", LK_ANSWER_YES, "1 retention runs");
  g_assert_cmpint (answer_of (second, "6.3")->previous, ==, LK_ANSWER_NO);
  g_assert_cmpint (answer_of (second, "1.2")->previous, ==, LK_ANSWER_PARTLY);
  g_assert_cmpint (lk_assessment_save (c.admin, second, NULL, &error), >, 0);

  loaded = lk_assessment_load (c.admin, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->assessed_on, ==, second->assessed_on);
  g_assert_cmpstr (loaded->previous_on, ==, "2026-01-01");
  g_assert_cmpint (answer_of (loaded, "6.3")->answer, ==, LK_ANSWER_YES);
  g_assert_cmpint (answer_of (loaded, "6.3")->previous, ==, LK_ANSWER_NO);
  g_assert_nonnull (strstr (answer_of (loaded, "6.3")->figure, "1 retention runs"));

  g_assert_true (lk_assessment_export_pdf (c.admin, loaded, pdf, &error));
  g_assert_no_error (error);
  argv_pdf = g_strdup_printf ("pdftotext %s -", pdf);
  g_assert_true (g_spawn_command_line_sync (argv_pdf, &text, NULL, NULL, &error));
  g_assert_nonnull (strstr (text, "Transparency"));
  g_assert_nonnull (strstr (text, "Likeness proposed"));
  g_assert_nonnull (strstr (text, "on 2026-01-01: no"));
  /* Its own wording, not a case report's: the footer and the Subject. */
  g_assert_nonnull (strstr (text, "Self-assessment of the laboratory - not casework"));
  g_assert_null (strstr (text, "Investigative lead"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&argv_pdf, g_free);
  argv_pdf = g_strdup_printf ("pdfinfo %s", pdf);
  g_assert_true (g_spawn_command_line_sync (argv_pdf, &text, NULL, NULL, &error));
  g_assert_nonnull (strstr (text, "Subject:         Self-assessment against the policy "
                                  "framework\n"));
  lk_test_case_clear (&c);
}

static void
test_cli (LkTestFixture *fixture,
          gconstpointer  data)
{
  LkTestCase c = { 0 };
  g_autofree char *answers = lk_test_path (fixture, "answers.json");
  g_autofree char *pdf = lk_test_path (fixture, "a.pdf");
  g_autoptr(LkCliRun) created = NULL, shown = NULL, json = NULL, refused = NULL, bad = NULL;
  g_autoptr(LkCliRun) exported = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o;

  build (fixture, &c);
  g_assert_true (g_file_set_contents (answers, "{\"1.2\": {\"answer\": \"yes\", \"comment\": "
                                      "\"Checked\", \"evidence\": \"Role matrix v3\"}}", -1,
                                      NULL));
  created = lk_test_cli (PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", "admin",
                         "assessment", "new", "--answers", answers, NULL);
  lk_test_cli_assert_ok (created);
  shown = lk_test_cli (PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", "admin",
                       "assessment", "show", NULL);
  lk_test_cli_assert_ok (shown);
  g_assert_nonnull (strstr (shown->out, "6. Legitimacy of probe images"));
  g_assert_nonnull (strstr (shown->out, "  6.1\tpartly\t"));
  json = lk_test_cli (PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", "admin",
                      "assessment", "show", "1", "--json", NULL);
  lk_test_cli_assert_ok (json);
  g_assert_true (json_parser_load_from_data (parser, json->out, -1, &error));
  o = json_node_get_object (json_parser_get_root (parser));
  {
    JsonArray *questions = json_object_get_array_member (o, "questions");
    JsonObject *q = json_array_get_object_element (questions, 1);

    g_assert_cmpstr (json_object_get_string_member (q, "id"), ==, "1.2");
    g_assert_cmpstr (json_object_get_string_member (q, "answer"), ==, "yes");
    g_assert_cmpstr (json_object_get_string_member (q, "evidence"), ==, "Role matrix v3");
  }
  exported = lk_test_cli (PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", "admin",
                          "assessment", "export", "-o", pdf, NULL);
  lk_test_cli_assert_ok (exported);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  refused = lk_test_cli (PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", "erin",
                         "assessment", "new", NULL);
  lk_test_cli_assert_failed (refused, NULL);
  g_assert_true (g_file_set_contents (answers, "{\"1.2\": {\"answer\": \"maybe\"}}", -1, NULL));
  bad = lk_test_cli (PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", "admin",
                     "assessment", "new", "--date", "2026-02-02", "--answers", answers, NULL);
  lk_test_cli_assert_failed (bad, "maybe");
  lk_test_case_clear (&c);
}

typedef enum
{
  ADDED,           /* question 1.9 added */
  ADDED_DUPLICATE, /* the added question reuses the id "1.1" */
  ADDED_REWORDED,  /* question 1.9 in other words */
} Variant;

/* The shipped questionnaire as an agency would start its own edition: renamed, one question
 * added to the first principle. */
static char *
agency_edition (const char *edition,
                Variant     variant)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) shipped = lk_data_file_lookup ("data/self-assessment.json", &error);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *question = json_object_new ();
  JsonObject *first;

  g_assert_no_error (error);
  root = json_from_string (g_bytes_get_data (shipped, NULL), &error);
  g_assert_no_error (error);
  json_object_set_string_member (json_node_get_object (root), "edition", edition);
  first = json_array_get_object_element (json_object_get_array_member (
                                           json_node_get_object (root), "principles"), 0);
  json_object_set_string_member (question, "id", variant == ADDED_DUPLICATE ? "1.1" : "1.9");
  json_object_set_string_member (question, "text", variant == ADDED_REWORDED
                                 ? "Is the use of facial recognition reviewed every year?"
                                 : "Does the agency's ethics board review the use of facial "
                                   "recognition every year?");
  json_array_add_object_element (json_object_get_array_member (first, "questions"), question);
  return json_to_string (root, TRUE);
}

static void
assert_refused (LkSession   *admin,
                LkStore     *store,
                const char  *path,
                const char  *text,
                GQuark       domain,
                int          code,
                const char  *said)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *edition = NULL, *current = NULL;
  gint64 events = lk_test_count_action (store, "assessment-edition.installed");

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  current = current_edition (store);
  edition = lk_assessment_install (admin, path, &error);
  g_assert_null (edition);
  g_assert_error (error, domain, code);
  g_assert_nonnull (strstr (error->message, said));
  /* nothing changed */
  g_assert_cmpint (lk_test_count_action (store, "assessment-edition.installed"), ==, events);
  g_clear_pointer (&edition, g_free);
  edition = current_edition (store);
  g_assert_cmpstr (edition, ==, current);
}

static void
test_editions (LkTestFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, "admin", PASSWORD);
  g_autoptr(LkSession) admin = lk_test_login (store, "admin", PASSWORD);
  g_autofree char *path = lk_test_path (fixture, "agency.json");
  g_autofree char *bad = lk_test_path (fixture, "bad.json");
  g_autofree char *text = agency_edition ("Agency edition 2027", ADDED);
  g_autofree char *twin = agency_edition ("Agency edition 2027", ADDED_REWORDED);
  g_autofree char *duplicate = agency_edition ("Agency edition 2028", ADDED_DUPLICATE);
  g_autofree char *shipped = current_edition (store);
  g_autofree char *installed = NULL, *again = NULL, *current = NULL;
  g_autoptr(LkAssessment) before = NULL, after = NULL, loaded = NULL, first = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCliRun) cli_bad = NULL, cli_ok = NULL;
  gint64 first_id;

  g_assert_cmpstr (shipped, ==, "Likeness working draft 2026-1");
  before = lk_assessment_propose (admin, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (before->edition, ==, shipped);
  first_id = lk_assessment_save (admin, before, "2026-01-01", &error);
  g_assert_no_error (error);

  /* malformed: nothing changes */
  assert_refused (admin, store, bad, "{\"format\": \"likeness-self-assessment\",", LK_ERROR,
                  LK_ERROR_INVALID_INPUT, "not valid JSON");
  assert_refused (admin, store, bad, "{\"format\": \"likeness-self-assessment\", \"version\": 1,"
                  " \"edition\": \"X\"}", LK_ERROR, LK_ERROR_INVALID_INPUT, "principles");
  assert_refused (admin, store, bad, duplicate, LK_ERROR, LK_ERROR_INVALID_INPUT,
                  "the question id “1.1” is used twice");
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM"
                                    " assessment_editions"), ==, 0);

  /* installed, current, audited */
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  installed = lk_assessment_install (admin, path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (installed, ==, "Agency edition 2027");
  current = current_edition (store);
  g_assert_cmpstr (current, ==, installed);
  g_assert_cmpint (lk_test_count_action (store, "assessment-edition.installed"), ==, 1);
  /* the same file again changes nothing but is fine; the name with other content is not */
  again = lk_assessment_install (admin, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM"
                                    " assessment_editions"), ==, 1);
  assert_refused (admin, store, bad, twin, LK_ERROR, LK_ERROR_EXISTS, "The questionnaire edition"
                  " “Agency edition 2027” already exists with different content; give the"
                  " corrected questionnaire a new edition name (saved assessments name the"
                  " edition they answered)");

  /* new assessments answer it; each saved one is read in its own edition */
  after = lk_assessment_propose (admin, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->edition, ==, "Agency edition 2027");
  g_assert_nonnull (lk_assessment_find (after, "1.9"));
  g_assert_cmpint (lk_assessment_save (admin, after, "2026-02-01", &error), >, 0);
  loaded = lk_assessment_load (admin, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->edition, ==, "Agency edition 2027");
  g_assert_cmpstr (loaded->previous_on, ==, "2026-01-01");
  g_assert_nonnull (lk_assessment_find (loaded, "1.9"));
  first = lk_assessment_load (admin, first_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first->edition, ==, "Likeness working draft 2026-1");
  g_assert_null (lk_assessment_find (first, "1.9"));
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count (*) FROM assessments"
                                    " WHERE edition = 'Agency edition 2027'"), ==, 1);

  /* likeness-cli */
  cli_bad = lk_test_cli (PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", "admin",
                         "assessment", "install", bad, NULL);
  lk_test_cli_assert_failed (cli_bad, "different content");
  cli_ok = lk_test_cli (PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", "admin",
                        "assessment", "install", path, NULL);
  lk_test_cli_assert_ok (cli_ok);
  g_assert_nonnull (strstr (cli_ok->out, "Agency edition 2027"));
}

/* The saved answers replaced behind Likeness's back by @answers: loading the assessment (or
 * proposing the next, which compares with it) fails, naming @expected. */
static void
assert_damaged (LkTestFixture *fixture,
                LkTestCase    *c,
                const char    *answers,
                gboolean       propose,
                const char    *expected)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE assessments SET answers = '%s'", answers);
  g_autoptr(GError) error = NULL;
  LkAssessment *none;

  g_assert_cmpint (lk_test_sql_tamper (fixture->db_path, sql, NULL), ==, 1);
  none = propose ? lk_assessment_propose (c->admin, &error)
                 : lk_assessment_load (c->admin, 0, &error);
  g_assert_null (none);
  g_assert_error (error, LK_ERROR, LK_ERROR_INTEGRITY);
  lk_test_assert_message (error, expected);
}

/* Saved answers damaged behind Likeness's back are reported, never shown as unanswered. */
static void
test_damaged (LkTestFixture *fixture,
              gconstpointer  data)
{
  LkTestCase c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAssessment) first = NULL;

  build (fixture, &c);
  first = lk_assessment_propose (c.admin, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_assessment_save (c.admin, first, "2026-01-01", &error), >, 0);
  g_assert_no_error (error);
  assert_damaged (fixture, &c, "{\"1.2\": {\"answer\": \"maybe\"}}", FALSE,
                  "saved answer to question 1.2 is damaged");
  assert_damaged (fixture, &c, "{\"1.2\": ", TRUE, "saved answers of the assessment are damaged");
  lk_test_case_clear (&c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  LK_TEST_ADD ("/likeness/assessment/proposals", test_proposals);
  LK_TEST_ADD ("/likeness/assessment/saved-and-compared", test_saved_and_compared);
  LK_TEST_ADD ("/likeness/assessment/cli", test_cli);
  LK_TEST_ADD ("/likeness/assessment/editions", test_editions);
  LK_TEST_ADD ("/likeness/assessment/damaged", test_damaged);
  return g_test_run ();
}
