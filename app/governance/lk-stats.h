/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Transparency statistics: what the laboratory did, per period, with no personal data (no
 * names, no case numbers), for publication. Administrators only. A demo workspace's figures are
 * marked as such and never pass for casework. */
#pragma once

#include <json-glib/json-glib.h>

#include "people/lk-session.h"

G_BEGIN_DECLS

typedef enum
{
  LK_STATS_MONTH,
  LK_STATS_QUARTER,
  LK_STATS_YEAR,
} LkStatsPeriod;

typedef struct
{
  char   *period;   /* "2026-12", "2026-Q4", "2026" */
  char   *measure;  /* cases-opened, cases-closed, probes-imported, probes-refused,
                     * candidate-lists, candidates-examined, conclusions, inconclusive-rate,
                     * not-suitable-rate, verifications, disagreements, reports-final,
                     * reports-draft, median-days-in-STATUS */
  char   *category; /* what the figure is broken down by ("" when not) */
  double  value;
} LkStat;

void        lk_stat_free          (LkStat       *stat);

gboolean    lk_stats_period_parse (const char    *text,
                                   LkStatsPeriod *period,
                                   GError       **error);
/* The figures of events from @from to @to (YYYY-MM-DD, both days included), by @period, in
 * period then measure order. */
GPtrArray  *lk_stats_compute      (LkSession     *session,
                                   const char    *from,
                                   const char    *to,
                                   LkStatsPeriod  period,
                                   GError       **error);
/* "period,measure,category,value" lines with a header. */
char       *lk_stats_to_csv       (GPtrArray     *stats);
/* {workspace, from, to, period, figures: [{period, measure, category, value}]} */
JsonObject *lk_stats_to_json      (GPtrArray     *stats,
                                   LkSession     *session,
                                   const char    *from,
                                   const char    *to,
                                   LkStatsPeriod  period);

G_END_DECLS
