/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Names and identifiers: one line of printable text; user text quoted escaped. */
#include "config.h"

#include <string.h>

#include "lk-test-util.h"

static void
assert_escaped (const char *text,
                const char *expected)
{
  g_autofree char *escaped = lk_text_escape (text);

  g_assert_cmpstr (escaped, ==, expected);
}

static void
test_escape (void)
{
  assert_escaped ("Case 2026/17 – Müller", "Case 2026/17 – Müller");
  assert_escaped ("two\nlines\r\tand a tab", "two\\nlines\\r\\tand a tab");
  assert_escaped ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m");
  assert_escaped ("del\x7f c1\xc2\x9b", "del\\x7f c1\\x9b");
  assert_escaped ("right\xe2\x80\xaeto left\xe2\x80\xa8", "right\\u202eto left\\u2028");
  assert_escaped ("bad \xff byte", "bad \\xff byte");
  g_assert_null (lk_text_escape (NULL));
}

static void
assert_name_refused (const char *value,
                     const char *expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lk_require_name (value, "case number", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  if (strstr (error->message, expected) == NULL)
    g_error ("expected “%s” in “%s”", expected, error->message);
  g_assert_null (strpbrk (error->message, "\n\r\x1b"));
}

static void
test_require_name (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_require_name ("2026/17-B Müller", "case number", &error));
  g_assert_no_error (error);
  assert_name_refused (NULL, "The case number is required");
  assert_name_refused (" \t", "The case number is required");
  assert_name_refused ("2026\n17", "“2026\\n17” contains a control character");
  assert_name_refused ("\x1b[2J2026", "“\\x1b[2J2026” contains a control character");
  assert_name_refused ("AB\xe2\x80\xae" "21", "contains a control character");
  assert_name_refused ("tab\there", "contains a control character");
  assert_name_refused ("bad \xff", "“bad \\xff” is not valid UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/likeness/util/escape", test_escape);
  g_test_add_func ("/likeness/util/require-name", test_require_name);

  return g_test_run ();
}
