/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Transparency statistics against a database whose counts are known: a case examined, verified
 * and closed, a second case opened, a probe refused by policy. No names, no case numbers. */
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

  stats = lk_stats_compute (c.admin, from, to, LK_STATS_YEAR, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (figure (stats, "cases-opened", "ROB"), ==, 1);
  g_assert_cmpfloat (figure (stats, "cases-opened", "ASL"), ==, 1);
  g_assert_cmpfloat (figure (stats, "cases-closed", "ROB"), ==, 1);
  g_assert_cmpfloat (figure (stats, "probes-imported", "video-frame"), ==, 1);
  g_assert_cmpfloat (figure (stats, "probes-refused", "refused kind"), ==, 1);
  g_assert_cmpfloat (figure (stats, "candidate-lists", "AcmeFace 7.2.1 / Custody images"), ==, 1);
  g_assert_cmpfloat (figure (stats, "candidates-examined", ""), ==, 2);
  g_assert_cmpfloat (figure (stats, "conclusions", "+1"), ==, 2);
  g_assert_cmpfloat (figure (stats, "inconclusive-rate", ""), ==, 0);
  g_assert_cmpfloat (figure (stats, "not-suitable-rate", ""), ==, 0);
  g_assert_cmpfloat (figure (stats, "verifications", "countersigned, blind"), ==, 2);
  g_assert_cmpfloat (figure (stats, "median-days-in-verification", ""), >=, 0);
  /* no names, no case numbers */
  csv = lk_stats_to_csv (stats);
  g_assert_true (g_str_has_prefix (csv, "period,measure,category,value\n"));
  g_assert_null (strstr (csv, "2026-0500"));
  g_assert_null (strstr (csv, "erin"));
  g_assert_null (strstr (csv, "rita"));

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
  lk_test_cli_assert_failed (refused, "Administrator");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/stats/known-counts", test_known_counts);
  LK_TEST_ADD ("/likeness/stats/refusals", test_refusals);
  LK_TEST_ADD ("/likeness/stats/cli", test_cli);

  return g_test_run ();
}
