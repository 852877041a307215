/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "governance/lk-stats.h"

#include "lk-error.h"
#include "people/lk-roles.h"
#include "store/lk-audit.h"
#include "store/lk-store-private.h"

void
lk_stat_free (LkStat *stat)
{
  g_free (stat->period);
  g_free (stat->measure);
  g_free (stat->category);
  g_free (stat);
}

gboolean
lk_stats_period_parse (const char     *text,
                       LkStatsPeriod  *period,
                       GError        **error)
{
  static const char * const names[] = { "month", "quarter", "year" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *period = (LkStatsPeriod) i;
        return TRUE;
      }
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "A period is month, quarter or year");
  return FALSE;
}

/* The SQL expression of a timestamp column's period. */
static char *
period_of (const char     *column,
           LkStatsPeriod   period)
{
  switch (period)
    {
    case LK_STATS_YEAR:
      return g_strdup_printf ("substr (%s, 1, 4)", column);
    case LK_STATS_QUARTER:
      return g_strdup_printf ("substr (%s, 1, 4) || '-Q' || ((CAST (substr (%s, 6, 2) AS"
                              " INTEGER) + 2) / 3)", column, column);
    case LK_STATS_MONTH:
    default:
      return g_strdup_printf ("substr (%s, 1, 7)", column);
    }
}

/* ---- the measures -------------------------------------------------------------------------- */

/* Each query selects (period, category, value) with @P standing for the period of its time
 * column @T, between ?1 and ?2 (dates; the upper bound takes the whole day). */
typedef struct
{
  const char *measure;
  const char *time;   /* the time column, as the query names it */
  const char *query;
} Measure;

static const Measure measures[] = {
  { "cases-opened", "c.created_at",
    "SELECT @P, c.offence_code, count (*) FROM cases c WHERE @W GROUP BY 1, 2" },
  { "cases-closed", "h.at",
    "SELECT @P, c.offence_code, count (*) FROM case_status_history h JOIN cases c"
    " ON c.id = h.case_id WHERE h.status = 'closed' AND @W GROUP BY 1, 2" },
  { "probes-imported", "p.imported_at",
    "SELECT @P, p.kind, count (*) FROM probes p WHERE @W GROUP BY 1, 2" },
  { "probes-refused", "e.at",
    "SELECT @P, json_extract (e.details, '$.why'), count (*) FROM audit_event e"
    " WHERE e.action = 'probe.refused' AND @W GROUP BY 1, 2" },
  { "candidate-lists", "l.imported_at",
    "SELECT @P, l.engine_name || ' ' || l.engine_version || ' / ' || d.name, count (*)"
    " FROM candidate_lists l JOIN reference_databases d ON d.id = l.reference_db_id"
    " WHERE @W GROUP BY 1, 2" },
  { "candidates-examined", "x.started_at",
    "SELECT @P, '', count (*) FROM examinations x WHERE x.purpose = 'examination' AND @W"
    " GROUP BY 1" },
  { "conclusions", "k.signed_at",
    "SELECT @P, CASE WHEN k.outcome = 'not-suitable' THEN 'not-suitable'"
    " WHEN k.ordinal > 0 THEN '+' || k.ordinal ELSE CAST (k.ordinal AS TEXT) END, count (*)"
    " FROM conclusions k JOIN examinations x ON x.id = k.examination_id"
    " WHERE x.purpose = 'examination' AND k.revision = (SELECT max (revision) FROM conclusions"
    " WHERE examination_id = k.examination_id) AND @W GROUP BY 1, 2" },
  { "inconclusive-rate", "k.signed_at",
    "SELECT @P, '', avg (CASE WHEN k.outcome = 'level' AND k.ordinal = 0 THEN 1.0 ELSE 0.0 END)"
    " FROM conclusions k"
    " JOIN examinations x ON x.id = k.examination_id WHERE x.purpose = 'examination'"
    " AND k.revision = (SELECT max (revision) FROM conclusions"
    " WHERE examination_id = k.examination_id) AND @W GROUP BY 1" },
  { "not-suitable-rate", "k.signed_at",
    "SELECT @P, '', avg (CASE WHEN k.outcome = 'not-suitable' THEN 1.0 ELSE 0.0 END)"
    " FROM conclusions k"
    " JOIN examinations x ON x.id = k.examination_id WHERE x.purpose = 'examination'"
    " AND k.revision = (SELECT max (revision) FROM conclusions"
    " WHERE examination_id = k.examination_id) AND @W GROUP BY 1" },
  { "verifications", "v.submitted_at",
    "SELECT @P, v.state || CASE WHEN v.blind = 1 THEN ', blind' ELSE ', open review' END,"
    " count (*) FROM verifications v WHERE @W GROUP BY 1, 2" },
  { "disagreements", "s.signed_at",
    "SELECT @P, s.resolution, count (*) FROM verification_signatures s"
    " WHERE s.kind = 'disagreement' AND @W GROUP BY 1, 2" },
  { "reports-final", "e.at",
    "SELECT @P, '', count (*) FROM audit_event e WHERE e.action = 'report.generated'"
    " AND CAST (json_extract (e.details, '$.draft') AS INTEGER) = 0 AND @W GROUP BY 1" },
  { "reports-draft", "e.at",
    "SELECT @P, '', count (*) FROM audit_event e WHERE e.action = 'report.generated'"
    " AND CAST (json_extract (e.details, '$.draft') AS INTEGER) = 1 AND @W GROUP BY 1" },
};

static char *
measure_sql (const Measure  *m,
             LkStatsPeriod   period)
{
  g_autofree char *p = period_of (m->time, period);
  g_autofree char *w = g_strdup_printf ("%s >= ?1 AND substr (%s, 1, 10) <= ?2", m->time,
                                        m->time);
  g_autoptr(GString) sql = g_string_new (m->query);

  g_string_replace (sql, "@P", p, 0);
  g_string_replace (sql, "@W", w, 0);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static gboolean
add_measure (LkStore        *store,
             const Measure  *m,
             const char     *from,
             const char     *to,
             LkStatsPeriod   period,
             GPtrArray      *stats,
             GError        **error)
{
  g_autofree char *sql = measure_sql (m, period);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, from);
  lk_stmt_bind_text (stmt, 2, to);
  while (lk_stmt_next (stmt, error))
    {
      LkStat *s = g_new0 (LkStat, 1);

      s->period = lk_stmt_dup_text (stmt, 0);
      s->measure = g_strdup (m->measure);
      s->category = g_strdup (lk_stmt_text (stmt, 1) ? lk_stmt_text (stmt, 1) : "");
      s->value = lk_stmt_double (stmt, 2);
      g_ptr_array_add (stats, s);
    }
  return !lk_stmt_failed (stmt);
}

/* ---- turnaround ---------------------------------------------------------------------------- */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median days a case spent in each status it left during the period: from entering it to
 * the next move. */
static gboolean
add_turnaround (LkStore        *store,
                const char     *from,
                const char     *to,
                LkStatsPeriod   period,
                GPtrArray      *stats,
                GError        **error)
{
  g_autofree char *p = period_of ("n.at", period);
  g_autofree char *sql = g_strdup_printf (
    "SELECT %s, h.status, julianday (n.at) - julianday (h.at) FROM case_status_history h"
    " JOIN case_status_history n ON n.case_id = h.case_id AND n.id = (SELECT min (id)"
    "   FROM case_status_history WHERE case_id = h.case_id AND id > h.id)"
    " WHERE n.at >= ?1 AND substr (n.at, 1, 10) <= ?2 ORDER BY 1, 2", p);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, error);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_array_unref);
  g_autoptr(GList) keys = NULL;

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, from);
  lk_stmt_bind_text (stmt, 2, to);
  while (lk_stmt_next (stmt, error))
    {
      g_autofree char *key = g_strdup_printf ("%s\t%s", lk_stmt_text (stmt, 0),
                                              lk_stmt_text (stmt, 1));
      GArray *days = g_hash_table_lookup (groups, key);
      double d = lk_stmt_double (stmt, 2);

      if (days == NULL)
        {
          days = g_array_new (FALSE, FALSE, sizeof (double));
          g_hash_table_insert (groups, g_strdup (key), days);
        }
      g_array_append_val (days, d);
    }
  if (lk_stmt_failed (stmt))
    return FALSE;
  keys = g_list_sort (g_hash_table_get_keys (groups), (GCompareFunc) strcmp);
  for (GList *k = keys; k != NULL; k = k->next)
    {
      GArray *days = g_hash_table_lookup (groups, k->data);
      g_auto(GStrv) parts = g_strsplit (k->data, "\t", 2);
      LkStat *s = g_new0 (LkStat, 1);

      g_array_sort (days, compare_doubles);
      s->period = g_strdup (parts[0]);
      s->measure = g_strdup_printf ("median-days-in-%s", parts[1]);
      s->category = g_strdup ("");
      s->value = days->len % 2 ? g_array_index (days, double, days->len / 2)
                 : (g_array_index (days, double, days->len / 2 - 1) +
                    g_array_index (days, double, days->len / 2)) / 2;
      g_ptr_array_add (stats, s);
    }
  return TRUE;
}

/* ---- computing ----------------------------------------------------------------------------- */

static gboolean
check_date (const char  *text,
            const char  *what,
            GError     **error)
{
  unsigned y, m, d;

  if (text != NULL && strlen (text) == 10 && sscanf (text, "%4u-%2u-%2u", &y, &m, &d) == 3 &&
      text[4] == '-' && text[7] == '-' && g_date_valid_dmy (d, m, y))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The %s date is written YYYY-MM-DD",
               what);
  return FALSE;
}

static int
by_period (gconstpointer a,
           gconstpointer b)
{
  const LkStat *x = *(LkStat * const *) a, *y = *(LkStat * const *) b;
  int c = strcmp (x->period, y->period);

  return c != 0 ? c : strcmp (x->measure, y->measure);
}

GPtrArray *
lk_stats_compute (LkSession     *session,
                  const char    *from,
                  const char    *to,
                  LkStatsPeriod  period,
                  GError       **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(GPtrArray) stats = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_stat_free);
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(LkStoreLock) locker = NULL;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error) ||
      !check_date (from, "from", error) || !check_date (to, "to", error))
    return NULL;
  if (strcmp (from, to) > 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The period ends (%s) before it "
                   "begins (%s)", to, from);
      return NULL;
    }
  locker = lk_store_lock (store);
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    if (!add_measure (store, &measures[i], from, to, period, stats, error))
      return NULL;
  if (!add_turnaround (store, from, to, period, stats, error))
    return NULL;
  g_clear_pointer (&locker, lk_store_unlock);
  g_ptr_array_sort (stats, by_period);
  json_object_set_string_member (details, "from", from);
  json_object_set_string_member (details, "to", to);
  if (!lk_audit_record (store, &actor, "stats.computed", "", details, error))
    return NULL;
  return g_steal_pointer (&stats);
}

/* ---- output -------------------------------------------------------------------------------- */

static void
csv_field (GString    *out,
           const char *text)
{
  if (strpbrk (text, ",\"\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}

char *
lk_stats_to_csv (GPtrArray *stats)
{
  GString *out = g_string_new ("period,measure,category,value\n");

  for (guint i = 0; i < stats->len; i++)
    {
      const LkStat *s = g_ptr_array_index (stats, i);
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (out, "%s,%s,", s->period, s->measure);
      csv_field (out, s->category);
      g_string_append_printf (out, ",%s\n",
                              g_ascii_formatd (number, sizeof number,
                                               s->value == (gint64) s->value ? "%.0f" : "%.4f",
                                               s->value));
    }
  return g_string_free (out, FALSE);
}

JsonObject *
lk_stats_to_json (GPtrArray      *stats,
                  LkSession      *session,
                  const char     *from,
                  const char     *to,
                  LkStatsPeriod   period)
{
  static const char * const names[] = { "month", "quarter", "year" };
  JsonObject *o = json_object_new ();
  JsonArray *figures = json_array_new ();

  json_object_set_string_member (o, "workspace",
                                 lk_store_is_demo (lk_session_get_store (session))
                                 ? "demo (not casework)" : "casework");
  json_object_set_string_member (o, "from", from);
  json_object_set_string_member (o, "to", to);
  json_object_set_string_member (o, "period", names[period]);
  for (guint i = 0; i < stats->len; i++)
    {
      const LkStat *s = g_ptr_array_index (stats, i);
      JsonObject *f = json_object_new ();

      json_object_set_string_member (f, "period", s->period);
      json_object_set_string_member (f, "measure", s->measure);
      json_object_set_string_member (f, "category", s->category);
      json_object_set_double_member (f, "value", s->value);
      json_array_add_object_element (figures, f);
    }
  json_object_set_array_member (o, "figures", figures);
  return o;
}
