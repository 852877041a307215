/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lk_time_parse_past and lk_date_parse_future: the one check of typed dates and times. */
#include "config.h"

#include <string.h>

#include "lk-test-util.h"
#include "lk-time.h"

static void
assert_time_refused (const char *text,
                     const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = lk_time_parse_past (text, "time of acquisition", &error);

  g_assert_null (time);
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  if (strstr (error->message, expected) == NULL)
    g_error ("expected “%s” in “%s”", expected, error->message);
  /* One line, whatever was typed. */
  g_assert_null (strpbrk (error->message, "\n\r\x1b"));
  g_assert_cmpuint (strlen (error->message), <, 300);
}

static void
test_past (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) utc = lk_time_parse_past ("2026-01-15T14:32:00Z", "time", &error);
  g_autoptr(GDateTime) zoned = lk_time_parse_past ("2026-01-15T15:32:00.5+01:00", "time", &error);
  g_autoptr(GDateTime) minutes = lk_time_parse_past ("2026-01-15T15:32+01:00", "time", &error);
  g_autoptr(GDateTime) minutes_utc = lk_time_parse_past ("2026-01-15T14:32Z", "time", &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_seconds (now, LK_TIME_TOLERANCE_SECONDS / 2);
  g_autofree char *soon_text = g_date_time_format_iso8601 (soon);
  g_autoptr(GDateTime) skewed = lk_time_parse_past (soon_text, "time", &error);

  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_to_unix (utc), ==, g_date_time_to_unix (zoned));
  /* ISO 8601 lets a time stop at the minutes. */
  g_assert_cmpint (g_date_time_to_unix (utc), ==, g_date_time_to_unix (minutes));
  g_assert_cmpint (g_date_time_to_unix (utc), ==, g_date_time_to_unix (minutes_utc));
  /* A clock a little ahead of this one is not refused. */
  g_assert_nonnull (skewed);
}

static void
test_past_refused (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 1);
  g_autofree char *later_text = g_date_time_format_iso8601 (later);
  g_autofree char *huge = g_strnfill (100000, '7');

  assert_time_refused ("2026-02-30T25:61Z", "is not a date and time with a time zone");
  assert_time_refused ("-1", "“-1” is not a date and time");
  assert_time_refused ("2026-01-15T14:32:00", "with a time zone");
  assert_time_refused ("2026-01-15T14:32", "with a time zone");
  assert_time_refused ("2026-01-15T14:3Z", "with a time zone");
  assert_time_refused ("2026-01-15", "with a time zone");
  assert_time_refused ("2026-01-15T14:32:00Z\n", "“2026-01-15T14:32:00Z\\n”");
  assert_time_refused ("2026-01-15T14:32\x1b[2J", "\\x1b[2J");
  assert_time_refused (huge, "is 100000 bytes long");
  assert_time_refused ("2999-01-01T00:00:00Z", "lies in the future");
  assert_time_refused (later_text, "lies in the future");
  assert_time_refused ("1800-01-01T00:00:00Z", "before photography");
  assert_time_refused ("", "is required");
}

static void
assert_date_refused (const char *text,
                     const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date = lk_date_parse_future (text, "review date", 10, &error);

  g_assert_null (date);
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  if (strstr (error->message, expected) == NULL)
    g_error ("expected “%s” in “%s”", expected, error->message);
}

static void
test_future (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GDateTime) past = g_date_time_add_days (now, -1);
  g_autofree char *yesterday = g_date_time_format (past, "%Y-%m-%d");
  g_autoptr(GDateTime) far = g_date_time_add_years (now, 11);
  g_autofree char *too_far = g_date_time_format (far, "%Y-%m-%d");
  g_autofree char *next_year = g_strdup_printf ("%d-02-28", g_date_time_get_year (now) + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) ok = lk_date_parse_future (next_year, "review date", 10, &error);
  g_autoptr(GDateTime) ok_today = lk_date_parse_future (today, "review date", 10, &error);

  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_get_year (ok), ==, g_date_time_get_year (now) + 1);
  g_assert_nonnull (ok_today);
  assert_date_refused ("1900-01-01", "has passed");
  assert_date_refused (yesterday, "has passed");
  assert_date_refused (too_far, "more than 10 years ahead");
  assert_date_refused ("2027-02-30", "not a date of the form YYYY-MM-DD");
  assert_date_refused ("2027-2-3", "not a date of the form YYYY-MM-DD");
  assert_date_refused ("+2027-02-03", "not a date of the form YYYY-MM-DD");
  assert_date_refused ("2027-02-03T00:00:00Z", "not a date of the form YYYY-MM-DD");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/likeness/time/past", test_past);
  g_test_add_func ("/likeness/time/past-refused", test_past_refused);
  g_test_add_func ("/likeness/time/future", test_future);

  return g_test_run ();
}
