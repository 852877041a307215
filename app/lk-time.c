/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lk-error.h"
#include "lk-time.h"
#include "lk-util.h"

/* Longer than any ISO 8601 time with fractions of a second and a zone: too long to quote. */
#define MAX_LENGTH 40
/* The first photograph. */
#define EARLIEST_YEAR 1826

static gboolean
check_text (const char  *text,
            const char  *label,
            const char  *example,
            GError     **error)
{
  if (text == NULL || *text == '\0')
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The %s is required", label);
      return FALSE;
    }
  if (strlen (text) > MAX_LENGTH)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "The %s is %zu bytes long, not a date like %s", label, strlen (text),
                   example);
      return FALSE;
    }
  return TRUE;
}

static GDateTime *
refuse (GError     **error,
        const char  *label,
        const char  *text,
        const char  *why)
{
  g_autofree char *quoted = lk_text_escape (text);

  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The %s “%s” %s", label, quoted, why);
  return NULL;
}

/* GLib wants the seconds; ISO 8601 lets a time stop at the minutes ("2026-01-15T14:32Z"). */
static GDateTime *
parse_iso8601 (const char *text)
{
  const char *t = strpbrk (text, "T ");
  g_autofree char *with_seconds = NULL;

  if (t == NULL || strlen (t) < 7 || t[3] != ':' || strchr ("Z+-", t[6]) == NULL)
    return g_date_time_new_from_iso8601 (text, NULL);
  with_seconds = g_strdup_printf ("%.*s:00%s", (int) (t + 6 - text), text, t + 6);
  return g_date_time_new_from_iso8601 (with_seconds, NULL);
}

GDateTime *
lk_time_parse_past (const char  *text,
                    const char  *label,
                    GError     **error)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) latest = g_date_time_add_seconds (now, LK_TIME_TOLERANCE_SECONDS);

  g_return_val_if_fail (label != NULL, NULL);

  if (!check_text (text, label, "2026-01-15T14:32:00Z", error))
    return NULL;
  /* Without a default zone GLib refuses a time that does not state its own. */
  time = parse_iso8601 (text);
  if (time == NULL)
    return refuse (error, label, text, "is not a date and time with a time zone in ISO 8601, "
                   "such as 2026-01-15T14:32:00Z or 2026-01-15T15:32:00+01:00");
  if (g_date_time_compare (time, latest) > 0)
    return refuse (error, label, text, "lies in the future");
  if (g_date_time_get_year (time) < EARLIEST_YEAR)
    return refuse (error, label, text, "lies before photography was invented");
  return g_steal_pointer (&time);
}

static gboolean
is_calendar_date (const char *text)
{
  for (guint i = 0; i < 10; i++)
    if ((i == 4 || i == 7) ? text[i] != '-' : !g_ascii_isdigit (text[i]))
      return FALSE;
  return text[10] == '\0';
}

GDateTime *
lk_date_parse_future (const char  *text,
                      const char  *label,
                      guint        max_years,
                      GError     **error)
{
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) last = NULL;

  g_return_val_if_fail (label != NULL, NULL);

  if (!check_text (text, label, "2027-01-15", error))
    return NULL;
  if (is_calendar_date (text))
    {
      iso = g_strdup_printf ("%sT00:00:00Z", text);
      date = g_date_time_new_from_iso8601 (iso, NULL);
    }
  if (date == NULL)
    return refuse (error, label, text, "is not a date of the form YYYY-MM-DD");
  today = g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                               g_date_time_get_day_of_month (now), 0, 0, 0);
  last = g_date_time_add_years (today, (int) max_years);
  if (g_date_time_compare (date, today) < 0)
    return refuse (error, label, text, "has passed: it must be today or later");
  if (g_date_time_compare (date, last) > 0)
    {
      g_autofree char *why = g_strdup_printf ("is more than %u years ahead", max_years);

      return refuse (error, label, text, why);
    }
  return g_steal_pointer (&date);
}
