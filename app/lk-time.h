/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one check of dates and times that people type: chain-of-custody times and review dates,
 * from likeness-cli and the application alike. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How far a stated time may lie ahead of this machine's clock: clocks drift. */
#define LK_TIME_TOLERANCE_SECONDS (5 * 60)

/* @text as the time something happened: ISO 8601 with a date, a time and a time zone
 * ("2026-01-15T14:32:00Z", "2026-01-15T15:32+01:00"), not later than now (give or take
 * LK_TIME_TOLERANCE_SECONDS) and not before photography. NULL with an %LK_ERROR_INVALID_INPUT
 * error naming @label for anything else. */
GDateTime *lk_time_parse_past   (const char  *text,
                                 const char  *label,
                                 GError     **error);
/* @text as a day still to come: YYYY-MM-DD from today up to @max_years ahead. The day at
 * midnight UTC, or NULL with an %LK_ERROR_INVALID_INPUT error naming @label. */
GDateTime *lk_date_parse_future (const char  *text,
                                 const char  *label,
                                 guint        max_years,
                                 GError     **error);

G_END_DECLS
