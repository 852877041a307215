/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Transparency statistics against a database whose counts are known: a case examined, verified
 * and closed, its final report made twice (one lead exported), its two images purged, a
 * second case opened, a probe refused by policy; and a case whose three conclusions the
 * reviewer disagreed with, settled in each of the ways there are (returned, consulted,
 * referred to a third reviewer who disagreed too). No names, no case numbers, in the figures
 * and in the published PDF. */
#include "config.h"

#include <string.h>

#include "lk-test-casework.h"
#include "lk-test-util.h"

static char *
today (int years)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_years (now, years);

  return g_date_time_format (then, "%Y-%m-%d");
}

static double
figure (GPtrArray  *stats,
        const char *measure,
        const char *category)
{
  double total = 0;
  gboolean found = FALSE;

  for (guint i = 0; i < stats->len; i++)
    {
      const LkStat *s = g_ptr_array_index (stats, i);

      if (g_str_equal (s->measure, measure) && g_str_equal (s->category, category))
        {
          total += s->value;
          found = TRUE;
        }
    }
  if (!found)
    g_error ("No figure %s / %s", measure, category);
  return total;
}

static double
total (GPtrArray  *stats,
       const char *measure)
{
  double sum = 0;

  for (guint i = 0; i < stats->len; i++)
    if (g_str_equal (((LkStat *) g_ptr_array_index (stats, i))->measure, measure))
      sum += ((LkStat *) g_ptr_array_index (stats, i))->value;
  return sum;
}

static gboolean
has_measure (GPtrArray  *stats,
             const char *measure)
{
  for (guint i = 0; i < stats->len; i++)
    if (g_str_equal (((LkStat *) g_ptr_array_index (stats, i))->measure, measure))
      return TRUE;
  return FALSE;
}

static void
refuse_a_sketch (LkTestCase *c)
{
  g_autofree char *path = lk_test_demo_path ("astronaut.png");
  LkProvenance p = { "cctv", "sketch", "PC Ada Jones", "2026-01-15T14:32:00Z", "Warrant 2026/19",
                     "Exhibit AJ/3", FALSE };
  g_autoptr(GError) error = NULL;
  LkCaseRequest request = {
    "2026-0501", "Assault outside a club", "ASL", "Criminal Procedure Act, section 55",
    "The offender's face is visible on a witness's phone", "Chief Inspector Ward",
    "Assault Team", NULL,
  };
  g_autoptr(LkCase) second = lk_cases_create (c->examiner, &request, &error);

  g_assert_no_error (error);
  g_assert_cmpint (lk_probes_import_file (c->examiner, "2026-0501", path, &p, NULL, &error), ==,
                   0);
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
}

static void
set_policy (LkSession  *admin,
            const char *key,
            const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_policy_set (admin, key, value, "Statistics test", &error));
  g_assert_no_error (error);
}

/* Two final reports of the closed case and a draft of it: one lead, two final reports. */
static void
report_twice (LkTestFixture *fixture,
              LkTestCase    *c)
{
  LkReportOptions final = { LK_PAPER_A4, FALSE }, draft = { LK_PAPER_A4, TRUE };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("report-%u.pdf", i);
      g_autofree char *path = lk_test_path (fixture, name);

      g_assert_true (lk_report_write (c->examiner, c->number, path, i < 2 ? &final : &draft,
                                      NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
}

/* The closed case's two images: a candidate portrait (rule candidate) and the other portrait,
 * which is the probe's image too (rules closed-case and candidate). */
static void
purge_the_case (LkTestCase *c)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 40);
  g_autoptr(LkRetentionReport) report = NULL;
  g_autoptr(GError) error = NULL;

  set_policy (c->admin, "retention.closed_case_days", "30");
  set_policy (c->admin, "retention.candidate_days", "30");
  report = lk_retention_run (c->admin, later, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->images, ==, 2);
}

/* The published summary: every measure's title, its figures, no names and no case numbers. */
static void
assert_pdf (LkTestFixture *fixture,
            LkTestCase    *c,
            GPtrArray     *stats,
            const char    *from,
            const char    *to)
{
  g_autofree char *pdf = lk_test_path (fixture, "stats.pdf");
  g_autofree char *command = g_strdup_printf ("pdftotext -layout %s -", pdf);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *measures = lk_stats_measures ();
  int status = 0;

  g_assert_true (lk_stats_export_pdf (c->admin, stats, from, to, LK_STATS_YEAR, pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lk_test_count_action (c->store, "stats.exported"), ==, 1);
  if (!g_spawn_command_line_sync (command, &text, NULL, &status, NULL) || status != 0)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "Transparency statistics"));
  for (guint i = 0; measures[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (lk_stats_measure_title (measures[i]), ",", 2);

      g_assert_nonnull (strstr (text, words[0]));
    }
  g_assert_nonnull (strstr (text, "refused kind (sketch)"));
  g_assert_nonnull (strstr (text, "AcmeFace 7.2.1 / Custody images"));
  g_assert_null (strstr (text, c->number));
  g_assert_null (strstr (text, "2026-0501"));
  g_assert_null (strstr (text, "erin"));
  g_assert_null (strstr (text, "rita"));
  g_assert_null (strstr (text, "admin"));
  g_assert_null (strstr (text, "DEMO"));
}

static void
test_known_counts (LkTestFixture *fixture,
                   gconstpointer  data)
{
  LkTestCase c = { 0 };
  g_autofree char *folder = lk_test_path (fixture, "list");
  g_autofree char *from = today (-1), *to = today (0);
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GPtrArray) quarters = NULL;
  g_autoptr(GError) error = NULL;
  LkStatsPeriod period;

  g_mkdir_with_parents (folder, 0700);
  lk_test_case_build (&c, fixture->db_path, folder, 4, 2, TRUE);
  refuse_a_sketch (&c);
  report_twice (fixture, &c);
  purge_the_case (&c);

  stats = lk_stats_compute (c.admin, from, to, LK_STATS_YEAR, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (figure (stats, "cases-opened", "ROB"), ==, 1);
  g_assert_cmpfloat (figure (stats, "cases-opened", "ASL"), ==, 1);
  g_assert_cmpfloat (figure (stats, "cases-closed", "ROB"), ==, 1);
  g_assert_cmpfloat (figure (stats, "probes-imported", "video-frame"), ==, 1);
  g_assert_cmpfloat (figure (stats, "probes-refused", "refused kind (sketch)"), ==, 1);
  g_assert_cmpfloat (figure (stats, "candidate-lists", "AcmeFace 7.2.1 / Custody images"), ==, 1);
  g_assert_cmpfloat (figure (stats, "candidates-examined", ""), ==, 2);
  g_assert_cmpfloat (figure (stats, "conclusions", "+1"), ==, 2);
  g_assert_cmpfloat (figure (stats, "inconclusive-rate", ""), ==, 0);
  g_assert_cmpfloat (figure (stats, "not-suitable-rate", ""), ==, 0);
  g_assert_cmpfloat (figure (stats, "verifications", "countersigned, blind"), ==, 2);
  g_assert_false (has_measure (stats, "disagreements"));
  g_assert_cmpfloat (figure (stats, "leads-exported", ""), ==, 1);
  g_assert_cmpfloat (figure (stats, "reports-final", ""), ==, 2);
  g_assert_cmpfloat (figure (stats, "reports-draft", ""), ==, 1);
  g_assert_cmpfloat (figure (stats, "purges", "candidate"), ==, 1);
  g_assert_cmpfloat (total (stats, "purges"), ==, 2);
  g_assert_cmpfloat (figure (stats, "median-days", "verification"), >=, 0);
  g_assert_cmpfloat (figure (stats, "median-days", "verification"), <, 1);
  /* no names, no case numbers */
  csv = lk_stats_to_csv (stats, c.admin);
  g_assert_true (g_str_has_prefix (csv, "period,measure,category,value\n"));
  g_assert_null (strstr (csv, "2026-0500"));
  g_assert_null (strstr (csv, "erin"));
  g_assert_null (strstr (csv, "rita"));

  assert_pdf (fixture, &c, stats, from, to);

  /* by quarter, the same totals */
  g_assert_true (lk_stats_period_parse ("quarter", &period, &error));
  quarters = lk_stats_compute (c.admin, from, to, period, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (figure (quarters, "candidates-examined", ""), ==, 2);
  g_assert_nonnull (strstr (((LkStat *) g_ptr_array_index (quarters, 0))->period, "-Q"));
  lk_test_case_clear (&c);
}

static void
test_refusals (LkTestFixture *fixture,
               gconstpointer  data)
{
  LkTestCase c = { 0 };
  g_autofree char *folder = lk_test_path (fixture, "list");
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GError) error = NULL;
  LkStatsPeriod period;

  g_mkdir_with_parents (folder, 0700);
  lk_test_case_build (&c, fixture->db_path, folder, 2, 0, FALSE);
  stats = lk_stats_compute (c.examiner, "2026-01-01", "2026-12-31", LK_STATS_MONTH, &error);
  g_assert_null (stats);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_null (lk_stats_compute (c.admin, "2026-13-01", "2026-12-31", LK_STATS_MONTH,
                                   &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (lk_stats_compute (c.admin, "2026-12-31", "2026-01-01", LK_STATS_MONTH,
                                   &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (lk_stats_period_parse ("week", &period, &error));
  g_clear_error (&error);
  lk_test_case_clear (&c);
}

static void
test_cli (LkTestFixture *fixture,
          gconstpointer  data)
{
  LkTestCase c = { 0 };
  g_autofree char *folder = lk_test_path (fixture, "list");
  g_autofree char *from = today (-1), *to = today (0);
  g_autoptr(LkCliRun) csv = NULL;
  g_autoptr(LkCliRun) json = NULL;
  g_autoptr(LkCliRun) refused = NULL;
  g_autoptr(LkCliRun) pdf = NULL, no_out = NULL;
  g_autofree char *out = lk_test_path (fixture, "summary.pdf");
  g_autofree char *bytes = NULL;
  gsize length = 0;

  g_mkdir_with_parents (folder, 0700);
  lk_test_case_build (&c, fixture->db_path, folder, 2, 1, FALSE);
  lk_test_case_clear (&c);
  csv = lk_test_cli ("a long enough password", NULL, NULL, "--db", fixture->db_path, "--user",
                     "admin", "stats", "--from", from, "--to", to, NULL);
  lk_test_cli_assert_ok (csv);
  g_assert_nonnull (strstr (csv->out, ",candidates-examined,,1\n"));
  json = lk_test_cli ("a long enough password", NULL, NULL, "--db", fixture->db_path, "--user",
                      "admin", "stats", "--from", from, "--to", to, "--period", "year",
                      "--format", "json", NULL);
  lk_test_cli_assert_ok (json);
  g_assert_nonnull (strstr (json->out, "\"workspace\" : \"casework\""));
  refused = lk_test_cli ("a long enough password", NULL, NULL, "--db", fixture->db_path,
                         "--user", "erin", "stats", "--from", from, "--to", to, NULL);
  lk_test_cli_assert_failed (refused, "Only an administrator");
  pdf = lk_test_cli ("a long enough password", NULL, NULL, "--db", fixture->db_path, "--user",
                     "admin", "stats", "--from", from, "--to", to, "--format", "pdf", "--out",
                     out, NULL);
  lk_test_cli_assert_ok (pdf);
  g_assert_true (g_file_get_contents (out, &bytes, &length, NULL));
  g_assert_true (length > 1000 && g_str_has_prefix (bytes, "%PDF-"));
  no_out = lk_test_cli ("a long enough password", NULL, NULL, "--db", fixture->db_path,
                        "--user", "admin", "stats", "--from", from, "--to", to, "--format",
                        "pdf", NULL);
  lk_test_cli_assert_failed (no_out, "--out FILE");
}

/* A demo workspace's figures are the demo's: flagged in every format. */
static void
test_demo_flagged (LkTestFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) store = lk_demo_create (fixture->db_path, &error);
  g_autoptr(LkSession) admin = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autofree char *from = today (-1), *to = today (0), *csv = NULL;

  g_assert_no_error (error);
  admin = lk_session_login (store, "demo-admin", "demo", &error);
  g_assert_no_error (error);
  stats = lk_stats_compute (admin, from, to, LK_STATS_MONTH, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (total (stats, "cases-opened"), >, 0);
  csv = lk_stats_to_csv (stats, admin);
  g_assert_true (g_str_has_prefix (csv, "# demo workspace, not casework\nperiod,measure,"));
  json = lk_stats_to_json (stats, admin, from, to, LK_STATS_MONTH);
  g_assert_cmpstr (json_object_get_string_member (json, "workspace"), ==,
                   "demo (not casework)");
}

#define PASSWORD "a long enough password"

/* The reviewer's (or third reviewer's) own opinion, on the other side of the scale. */
static void
review_against (LkSession *reviewer,
                gint64     verification)
{
  static const char * const characteristics[] = { "face-outline.frontal-shape", "nose.tip" };
  LkConclusionDraft draft = { NULL, FALSE, -2, "The nose tip and the face outline differ in "
                              "form; the difference is not explained by pose or light.",
                              "Low resolution and JPEG blocking." };
  g_autoptr(GError) error = NULL;
  gint64 own = lk_verifications_open (reviewer, verification, &error), signed_id;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (characteristics); i++)
    {
      LkObservationSpec o = { characteristics[i], "visible", "visible", "dissimilar",
                              "individualising", NULL, NULL, 0 };

      g_assert_true (lk_observations_set (reviewer, own, &o, &error));
      g_assert_no_error (error);
    }
  signed_id = lk_conclusions_sign (reviewer, own, &draft, NULL, PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (signed_id, >, 0);
}

/* The examiner submits examination @nth (0-based) of the case, rita reviews it and disagrees
 * with @resolution. Returns the verification. */
static gint64
disagree_with (LkTestCase *c,
               const char *db_path,
               guint       nth,
               const char *resolution)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM examinations WHERE purpose ="
                                          " 'examination' ORDER BY id LIMIT 1 OFFSET %u", nth);
  g_autoptr(GError) error = NULL;
  gint64 verification = lk_verifications_submit (c->examiner, lk_test_sql_int (db_path, sql),
                                                 &error);

  g_assert_no_error (error);
  g_assert_true (lk_verifications_assign (c->admin, verification, "rita", &error));
  g_assert_no_error (error);
  review_against (c->reviewer, verification);
  g_assert_true (lk_verifications_disagree (c->reviewer, verification, resolution,
                                            "The nose tip and the outline differ", PASSWORD,
                                            &error));
  g_assert_no_error (error);
  return verification;
}

static void
consult_and_countersign (LkTestCase *c,
                         gint64      verification)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_verifications_add_consultation_note (c->examiner, verification,
                                                         "Compared together: the pose explains"
                                                         " it", PASSWORD, &error));
  g_assert_true (lk_verifications_add_consultation_note (c->reviewer, verification,
                                                         "Agreed after the consultation",
                                                         PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_true (lk_verifications_countersign (c->reviewer, verification, NULL, PASSWORD,
                                               &error));
  g_assert_no_error (error);
}

/* A third reviewer, tess, takes the referral and disagrees too: the final word. */
static void
third_review (LkTestCase *c,
              const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) tess = NULL;
  gint64 third = lk_test_sql_int (db_path, "SELECT id FROM verifications"
                                           " WHERE stage = 'third-review'");

  g_assert_true (lk_users_add (c->admin, "tess", NULL, LK_ROLE_REVIEWER, PASSWORD, &error));
  g_assert_no_error (error);
  lk_test_grant_competencies (c->admin, "tess", LK_ROLE_REVIEWER);
  tess = lk_test_login (c->store, "tess", PASSWORD);
  g_assert_true (lk_verifications_take (tess, third, &error));
  g_assert_no_error (error);
  review_against (tess, third);
  g_assert_true (lk_verifications_disagree (tess, third, "final", "Different persons", PASSWORD,
                                            &error));
  g_assert_no_error (error);
}

static void
test_disagreements (LkTestFixture *fixture,
                    gconstpointer  data)
{
  LkTestCase c = { 0 };
  g_autofree char *folder = lk_test_path (fixture, "list");
  g_autofree char *from = today (-1), *to = today (0), *csv = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (folder, 0700);
  /* three conclusions signed at +1, none verified yet */
  lk_test_case_build (&c, fixture->db_path, folder, 3, 3, FALSE);
  lk_test_no_minimums (c.admin);
  disagree_with (&c, fixture->db_path, 0, "return");
  consult_and_countersign (&c, disagree_with (&c, fixture->db_path, 1, "consult"));
  disagree_with (&c, fixture->db_path, 2, "third-reviewer");
  third_review (&c, fixture->db_path);

  stats = lk_stats_compute (c.admin, from, to, LK_STATS_YEAR, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (figure (stats, "disagreements", "return"), ==, 1);
  g_assert_cmpfloat (figure (stats, "disagreements", "consult"), ==, 1);
  g_assert_cmpfloat (figure (stats, "disagreements", "third-reviewer"), ==, 1);
  g_assert_cmpfloat (figure (stats, "disagreements", "final"), ==, 1);
  g_assert_cmpfloat (total (stats, "disagreements"), ==, 4);
  /* four verifications: the three submitted and the third review */
  g_assert_cmpfloat (total (stats, "verifications"), ==, 4);
  g_assert_cmpfloat (figure (stats, "verifications", "countersigned, blind"), ==, 1);
  /* the reviewers' own examinations are not candidates examined */
  g_assert_cmpfloat (figure (stats, "candidates-examined", ""), ==, 3);
  csv = lk_stats_to_csv (stats, c.admin);
  g_assert_nonnull (strstr (csv, ",disagreements,third-reviewer,1\n"));
  g_assert_null (strstr (csv, "tess"));
  g_assert_null (strstr (csv, "rita"));
  lk_test_case_clear (&c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/stats/known-counts", test_known_counts);
  LK_TEST_ADD ("/likeness/stats/disagreements", test_disagreements);
  LK_TEST_ADD ("/likeness/stats/refusals", test_refusals);
  LK_TEST_ADD ("/likeness/stats/cli", test_cli);
  LK_TEST_ADD ("/likeness/stats/demo-flagged", test_demo_flagged);

  return g_test_run ();
}
