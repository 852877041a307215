/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The examination report read back with poppler's tools (pdfinfo, pdftotext, pdfimages): what a
 * court would check is on the pages, on every page where it must be, and nothing leaves as a
 * final report before a second person countersigns. */
#include "config.h"

#include <string.h>

#include "lk-test-casework.h"
#include "lk-test-util.h"

/* Runs a poppler tool; NULL (and the test skipped) when it is not installed. */
static char *
poppler (const char *tool,
         ...) G_GNUC_NULL_TERMINATED;

static char *
poppler (const char *tool,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *program = g_find_program_in_path (tool);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  va_list ap;

  if (program == NULL)
    {
      g_test_skip ("poppler-utils is not installed (build-aux/likeness installs it)");
      return NULL;
    }
  g_ptr_array_add (argv, program);
  va_start (ap, tool);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static char *
write_report (LkSession  *session,
              const char *number,
              const char *path,
              LkPaper     paper,
              gboolean    draft,
              int        *pages)
{
  LkReportOptions options = { paper, draft };
  g_autoptr(GError) error = NULL;
  char *sha256 = NULL;

  g_assert_true (lk_report_write (session, number, path, &options, NULL, NULL, &sha256, pages,
                                  &error));
  g_assert_no_error (error);
  return sha256;
}

/* Each page (pdftotext separates them with form feeds) holds @text. */
static void
assert_every_page (const char *text,
                   int         pages,
                   const char *expected)
{
  g_auto(GStrv) split = g_strsplit (text, "\f", -1);

  g_assert_cmpuint (g_strv_length (split), >=, (guint) pages);
  for (int i = 0; i < pages; i++)
    if (strstr (split[i], expected) == NULL)
      g_error ("Page %d lacks “%s”", i + 1, expected);
}

/* Text wraps where the layout wraps it: compare with runs of white space made one space. */
static char *
flatten (const char *text)
{
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
}

static void
assert_contains (const char *text,
                 const char *expected)
{
  g_autofree char *flat = flatten (text);

  if (strstr (flat, expected) == NULL)
    g_error ("The report lacks “%s”", expected);
}

static void
assert_raw (const char *text,
            const char *expected)
{
  if (strstr (text, expected) == NULL)
    g_error ("Expected “%s” in:\n%s", expected, text);
}

static void
test_final (LkTestFixture *fixture,
            gconstpointer  data)
{
  LkTestCase c = { 0 };
  g_autofree char *folder = lk_test_path (fixture, "list");
  g_autofree char *path = lk_test_path (fixture, "report.pdf");
  g_autofree char *sha256 = NULL, *info = NULL, *text = NULL, *images = NULL;
  g_autofree char *pages_line = NULL, *file_sha = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  gboolean is_final = FALSE;
  int pages = 0;

  g_mkdir_with_parents (folder, 0700);
  lk_test_case_build (&c, fixture->db_path, folder, 4, 1, TRUE);
  g_assert_true (lk_report_check_final (c.examiner, c.number, &is_final, &why, &error));
  g_assert_no_error (error);
  g_assert_true (is_final);
  g_assert_null (why);
  sha256 = write_report (c.examiner, c.number, path, LK_PAPER_A4, FALSE, &pages);
  g_assert_cmpint (pages, >=, 5);
  if ((info = poppler ("pdfinfo", path, NULL)) == NULL)
    {
      lk_test_case_clear (&c);
      return;
    }
  pages_line = g_strdup_printf ("Pages:           %d\n", pages);
  assert_raw (info, pages_line);
  assert_raw (info, "Title:           Facial image examination report, case 2026-0500");
  assert_raw (info, "Author:          erin");
  assert_raw (info, "Creator:         Likeness");
  assert_raw (info, "(A4)");
  text = poppler ("pdftotext", path, "-", NULL);
  assert_every_page (text, pages, "Investigative lead only - not an identification");
  assert_every_page (text, pages, "Case 2026-0500");
  assert_every_page (text, pages, "build ");
  assert_contains (text, "Page 1 of");
  assert_contains (text, c.probe_sha256);
  assert_contains (text, "The observations support to some extent that it is the same person");
  assert_contains (text, "Countersigned");
  assert_contains (text, "countersignature by rita");
  assert_contains (text, "Every conclusion in this report was verified");
  assert_contains (text, "SUBJ-0004");
  assert_contains (text, "Different face shape");
  assert_contains (text, "likeness-cli audit verify --anchor");
  g_assert_null (strstr (text, "DRAFT - NOT VERIFIED"));
  g_assert_null (strstr (text, "DEMO"));
  /* the plates carry the images at full resolution: the 512 x 600 portrait is embedded */
  images = poppler ("pdfimages", "-list", path, NULL);
  assert_raw (images, "  512   600 ");
  /* the file is what the audit log says was made */
  bytes = lk_test_read_bytes (path);
  file_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_assert_cmpstr (file_sha, ==, sha256);
  event = lk_test_last_event_of (c.store, "report.generated");
  g_assert_nonnull (strstr (event->details, sha256));
  g_assert_cmpstr (event->object, ==, c.number);
  lk_test_case_clear (&c);
}

static void
test_draft_only_before_countersigning (LkTestFixture *fixture,
                                       gconstpointer  data)
{
  LkTestCase c = { 0 };
  g_autofree char *folder = lk_test_path (fixture, "list");
  g_autofree char *path = lk_test_path (fixture, "draft.pdf");
  g_autofree char *sha256 = NULL, *text = NULL, *info = NULL;
  LkReportOptions final = { LK_PAPER_LETTER, FALSE };
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  gboolean is_final = TRUE;
  int pages = 0;

  g_mkdir_with_parents (folder, 0700);
  lk_test_case_build (&c, fixture->db_path, folder, 3, 1, FALSE);
  g_assert_true (lk_report_check_final (c.examiner, c.number, &is_final, &why, &error));
  g_assert_no_error (error);
  g_assert_false (is_final);
  g_assert_nonnull (why);
  g_assert_false (lk_report_write (c.examiner, c.number, path, &final, NULL, NULL, NULL, NULL,
                                   &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Only a draft report"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (lk_test_count_action (c.store, "report.generated"), ==, 0);
  sha256 = write_report (c.examiner, c.number, path, LK_PAPER_LETTER, TRUE, &pages);
  if ((info = poppler ("pdfinfo", path, NULL)) == NULL)
    {
      lk_test_case_clear (&c);
      return;
    }
  assert_raw (info, "612 x 792 pts (letter)");
  assert_raw (info, "DRAFT - NOT VERIFIED");
  text = poppler ("pdftotext", path, "-", NULL);
  assert_every_page (text, pages, "DRAFT - NOT VERIFIED");
  assert_contains (text, "Not verified:");
  lk_test_case_clear (&c);
}

static void
test_demo_and_blind (LkTestFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) store = lk_demo_create (fixture->db_path, &error);
  g_autoptr(LkSession) examiner = NULL;
  g_autoptr(LkSession) reviewer = NULL;
  g_autofree char *path = lk_test_path (fixture, "demo.pdf");
  g_autofree char *sha256 = NULL, *text = NULL;
  LkReportOptions draft = { LK_PAPER_A4, TRUE };
  int pages = 0;

  g_assert_no_error (error);
  examiner = lk_test_login (store, "demo-examiner", LK_DEMO_PASSWORD);
  reviewer = lk_test_login (store, "demo-reviewer", LK_DEMO_PASSWORD);
  /* a reviewer whose blind verification in the case waits gets no report of it */
  g_assert_false (lk_report_write (reviewer, "DEMO-2026-004", path, &draft, NULL, NULL, NULL,
                                   NULL, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  /* a demo's report says so on every page; the third review's outcome is in it */
  sha256 = write_report (examiner, "DEMO-2026-001", path, LK_PAPER_A4, FALSE, &pages);
  if ((text = poppler ("pdftotext", path, "-", NULL)) == NULL)
    return;
  assert_every_page (text, pages, "DEMO WORKSPACE - NOT CASEWORK");
  assert_contains (text, "Not confirmed by the third reviewer");
  assert_contains (text, "Third review");
}

static void
test_large_case (LkTestFixture *fixture,
                 gconstpointer  data)
{
  LkTestCase c = { 0 };
  g_autofree char *folder = lk_test_path (fixture, "list");
  g_autofree char *path = lk_test_path (fixture, "large.pdf");
  g_autofree char *sha256 = NULL, *text = NULL;
  int pages = 0;

  g_mkdir_with_parents (folder, 0700);
  lk_test_case_build (&c, fixture->db_path, folder, 20, 3, TRUE);
  sha256 = write_report (c.examiner, c.number, path, LK_PAPER_A4, FALSE, &pages);
  g_assert_cmpint (pages, >, 10);
  if ((text = poppler ("pdftotext", path, "-", NULL)) != NULL)
    {
      assert_contains (text, "SUBJ-0020");
      assert_contains (text, "Examination 3");
      assert_every_page (text, pages, "Investigative lead only - not an identification");
    }
  lk_test_case_clear (&c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/report/final", test_final);
  LK_TEST_ADD ("/likeness/report/draft-only-before-countersigning",
               test_draft_only_before_countersigning);
  LK_TEST_ADD ("/likeness/report/demo-and-blind", test_demo_and_blind);
  LK_TEST_ADD ("/likeness/report/large-case", test_large_case);

  return g_test_run ();
}
