/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "governance/lk-stats.h"

#include "lk-error.h"
#include "lk-json.h"
#include "lk-task.h"
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

static const struct
{
  const char *measure;
  const char *title;
} titles[] = {
  { "cases-opened", "Cases opened, by offence category" },
  { "cases-closed", "Cases closed, by offence category" },
  { "probes-imported", "Probes imported, by kind" },
  { "probes-refused", "Probes refused, by reason" },
  { "candidate-lists", "Candidate lists, by engine and reference database" },
  { "candidates-examined", "Candidates examined" },
  { "conclusions", "Conclusions, by level" },
  { "inconclusive-rate", "Inconclusive rate" },
  { "not-suitable-rate", "Not-suitable rate" },
  { "verifications", "Verifications, by state and kind" },
  { "disagreements", "Disagreements, by resolution" },
  { "leads-exported", "Leads exported (cases with a final report)" },
  { "reports-final", "Final reports" },
  { "reports-draft", "Draft reports" },
  { "purges", "Images purged, by retention rule" },
  { "median-days", "Median turnaround in days, by stage" },
};

const char * const *
lk_stats_measures (void)
{
  static const char * const names[] = {
    "cases-opened", "cases-closed", "probes-imported", "probes-refused", "candidate-lists",
    "candidates-examined", "conclusions", "inconclusive-rate", "not-suitable-rate",
    "verifications", "disagreements", "leads-exported", "reports-final", "reports-draft",
    "purges", "median-days", NULL
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == G_N_ELEMENTS (titles) + 1);
  return names;
}

const char *
lk_stats_measure_title (const char *measure)
{
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_strcmp0 (measure, titles[i].measure) == 0)
      return titles[i].title;
  return NULL;
}

gboolean
lk_stats_measure_is_rate (const char *measure)
{
  return g_str_has_suffix (measure, "-rate");
}

const char *
lk_stats_period_name (LkStatsPeriod period)
{
  static const char * const names[] = { "month", "quarter", "year" };

  return names[period];
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

/* The period of a timestamp ("2026-12-06T12:15:00Z"): "2026-12", "2026-Q4" or "2026"; NULL
 * for text that is no timestamp. Worked out here, not in SQL, so that the queries stay plain. */
static char *
period_of (const char     *at,
           LkStatsPeriod   period)
{
  unsigned y, m;

  if (at == NULL || sscanf (at, "%4u-%2u", &y, &m) != 2 || m < 1 || m > 12)
    return NULL;
  switch (period)
    {
    case LK_STATS_YEAR:
      return g_strdup_printf ("%04u", y);
    case LK_STATS_QUARTER:
      return g_strdup_printf ("%04u-Q%u", y, (m + 2) / 3);
    case LK_STATS_MONTH:
    default:
      return g_strdup_printf ("%04u-%02u", y, m);
    }
}

/* ---- the measures -------------------------------------------------------------------------- */

typedef enum
{
  SUM,      /* the values added up: counts */
  MEAN,     /* the mean of the values: rates (each row 1 or 0) */
  DISTINCT, /* the distinct values (text) */
  MEDIAN,   /* the median of the values */
} Aggregate;

/* A row's category from an audit event's details, or NULL to leave the row out. */
typedef char *(*Classify) (JsonObject *details);

/* Each query selects (time, category, value) rows, where @W stands for its time column between
 * ?1 and ?2 (the day after the last: the upper bound takes the whole day). A query with a
 * @classify selects (time, details) of audit events instead, each counting 1 in the category
 * @classify says. Plain SQL: the periods, the groups and the details are worked out in C. */
typedef struct
{
  const char *measure;
  const char *time;   /* the time column, as the query names it */
  Aggregate   aggregate;
  const char *query;
  Classify    classify;
} Measure;

/* The last conclusion of each examination (not of a verification), signed in the period. */
#define LAST_CONCLUSION \
  " FROM conclusions k JOIN examinations x ON x.id = k.examination_id" \
  " WHERE x.purpose = 'examination' AND k.revision = (SELECT max (r.revision)" \
  " FROM conclusions r WHERE r.examination_id = k.examination_id) AND @W"

static char *
refusal_category (JsonObject *details)
{
  const char *why = lk_json_string (details, "why");
  const char *kind = lk_json_string (details, "kind");

  if (why == NULL)
    return g_strdup ("unknown");
  if (g_str_equal (why, "refused kind") && kind != NULL && *kind != '\0')
    return g_strdup_printf ("refused kind (%s)", kind);
  return g_strdup (why);
}

static gboolean
is_draft (JsonObject *details)
{
  return json_object_has_member (details, "draft") &&
         json_object_get_boolean_member (details, "draft");
}

static char *
final_only (JsonObject *details)
{
  return is_draft (details) ? NULL : g_strdup ("");
}

static char *
draft_only (JsonObject *details)
{
  return is_draft (details) ? g_strdup ("") : NULL;
}

static const Measure measures[] = {
  { "cases-opened", "c.created_at", SUM,
    "SELECT c.created_at, c.offence_code, 1 FROM cases c WHERE @W", NULL },
  { "cases-closed", "h.at", SUM,
    "SELECT h.at, c.offence_code, 1 FROM case_status_history h JOIN cases c"
    " ON c.id = h.case_id WHERE h.status = 'closed' AND @W", NULL },
  { "probes-imported", "p.imported_at", SUM,
    "SELECT p.imported_at, p.kind, 1 FROM probes p WHERE @W", NULL },
  { "probes-refused", "e.at", SUM,
    "SELECT e.at, e.details FROM audit_event e WHERE e.action = 'probe.refused' AND @W",
    refusal_category },
  { "candidate-lists", "l.imported_at", SUM,
    "SELECT l.imported_at, l.engine_name || ' ' || l.engine_version || ' / ' || d.name, 1"
    " FROM candidate_lists l JOIN reference_databases d ON d.id = l.reference_db_id"
    " WHERE @W", NULL },
  { "candidates-examined", "x.started_at", SUM,
    "SELECT x.started_at, '', 1 FROM examinations x WHERE x.purpose = 'examination' AND @W",
    NULL },
  { "conclusions", "k.signed_at", SUM,
    "SELECT k.signed_at, CASE WHEN k.outcome = 'not-suitable' THEN 'not-suitable'"
    " WHEN k.ordinal > 0 THEN '+' || CAST (k.ordinal AS TEXT) ELSE CAST (k.ordinal AS TEXT)"
    " END, 1" LAST_CONCLUSION, NULL },
  { "inconclusive-rate", "k.signed_at", MEAN,
    "SELECT k.signed_at, '', CASE WHEN k.outcome = 'level' AND k.ordinal = 0 THEN 1 ELSE 0"
    " END" LAST_CONCLUSION, NULL },
  { "not-suitable-rate", "k.signed_at", MEAN,
    "SELECT k.signed_at, '', CASE WHEN k.outcome = 'not-suitable' THEN 1 ELSE 0 END"
    LAST_CONCLUSION, NULL },
  { "verifications", "v.submitted_at", SUM,
    "SELECT v.submitted_at, v.state || CASE WHEN v.blind <> 0 THEN ', blind'"
    " ELSE ', open review' END, 1 FROM verifications v WHERE @W", NULL },
  { "disagreements", "s.signed_at", SUM,
    "SELECT s.signed_at, s.resolution, 1 FROM verification_signatures s"
    " WHERE s.kind = 'disagreement' AND @W", NULL },
  /* A lead leaves the laboratory with the case's final report: the cases of final reports. */
  { "leads-exported", "e.at", DISTINCT,
    "SELECT e.at, e.details, e.object FROM audit_event e"
    " WHERE e.action = 'report.generated' AND @W", final_only },
  { "reports-final", "e.at", SUM,
    "SELECT e.at, e.details FROM audit_event e WHERE e.action = 'report.generated' AND @W",
    final_only },
  { "reports-draft", "e.at", SUM,
    "SELECT e.at, e.details FROM audit_event e WHERE e.action = 'report.generated' AND @W",
    draft_only },
  /* Casework images purged, by rule; exercise material is training and never counts. */
  { "purges", "g.purged_at", SUM,
    "SELECT g.purged_at, g.rule, 1 FROM purged_images g WHERE g.rule <> 'exercise' AND @W",
    NULL },
  /* The days a case spent in each status it left during the period: from entering it to the
   * next move. */
  { "median-days", "n.at", MEDIAN,
    "SELECT n.at, h.status, h.at FROM case_status_history h JOIN case_status_history n"
    " ON n.case_id = h.case_id AND n.id = (SELECT min (m.id) FROM case_status_history m"
    " WHERE m.case_id = h.case_id AND m.id > h.id) WHERE @W", NULL },
};

/* The figures of one measure as they add up: "period\tcategory" to a Group. */
typedef struct
{
  double      sum;
  guint       n;
  GArray     *values;   /* MEDIAN */
  GHashTable *distinct; /* DISTINCT */
} Group;

static void
group_free (Group *g)
{
  g_clear_pointer (&g->values, g_array_unref);
  g_clear_pointer (&g->distinct, g_hash_table_unref);
  g_free (g);
}

static char *
measure_sql (const Measure *m)
{
  g_autofree char *w = g_strdup_printf ("%s >= ?1 AND %s < ?2", m->time, m->time);
  g_autoptr(GString) sql = g_string_new (m->query);

  g_string_replace (sql, "@W", w, 0);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* Days from @start to @end (timestamps); -1 when either is no timestamp. */
static double
days_between (const char *start,
              const char *end)
{
  g_autoptr(GDateTime) a = start ? g_date_time_new_from_iso8601 (start, NULL) : NULL;
  g_autoptr(GDateTime) b = end ? g_date_time_new_from_iso8601 (end, NULL) : NULL;

  if (a == NULL || b == NULL)
    return -1;
  return g_date_time_difference (b, a) / (double) G_TIME_SPAN_DAY;
}

/* The category of the current row (new string), or NULL to leave it out. */
static char *
row_category (const Measure *m,
              LkStmt        *stmt)
{
  g_autoptr(JsonNode) node = NULL;

  if (m->classify == NULL)
    return g_strdup (lk_stmt_text (stmt, 1) ? lk_stmt_text (stmt, 1) : "");
  node = lk_json_parse (lk_stmt_text (stmt, 1));
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return m->classify (json_node_get_object (node));
}

static void
add_row (const Measure *m,
         LkStmt        *stmt,
         Group         *g)
{
  double value = m->classify != NULL ? 1 : lk_stmt_double (stmt, 2);

  if (m->aggregate == MEDIAN)
    {
      value = days_between (lk_stmt_text (stmt, 2), lk_stmt_text (stmt, 0));
      if (value < 0)
        return;
      if (g->values == NULL)
        g->values = g_array_new (FALSE, FALSE, sizeof (double));
      g_array_append_val (g->values, value);
    }
  else if (m->aggregate == DISTINCT)
    {
      if (g->distinct == NULL)
        g->distinct = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_add (g->distinct, lk_stmt_dup_text (stmt, 2));
    }
  g->sum += value;
  g->n++;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
group_value (Aggregate  aggregate,
             Group     *g)
{
  switch (aggregate)
    {
    case MEAN:
      return g->sum / g->n;
    case DISTINCT:
      return g_hash_table_size (g->distinct);
    case MEDIAN:
      g_array_sort (g->values, compare_doubles);
      return g->values->len % 2 ? g_array_index (g->values, double, g->values->len / 2)
             : (g_array_index (g->values, double, g->values->len / 2 - 1) +
                g_array_index (g->values, double, g->values->len / 2)) / 2;
    case SUM:
    default:
      return g->sum;
    }
}

static gboolean
add_measure (LkStore        *store,
             const Measure  *m,
             const char     *from,
             const char     *until,
             LkStatsPeriod   period,
             GPtrArray      *stats,
             GError        **error)
{
  g_autofree char *sql = measure_sql (m);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, error);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) group_free);
  GHashTableIter iter;
  gpointer key, value;

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, from);
  lk_stmt_bind_text (stmt, 2, until);
  while (lk_stmt_next (stmt, error))
    {
      g_autofree char *p = period_of (lk_stmt_text (stmt, 0), period);
      g_autofree char *category = p != NULL ? row_category (m, stmt) : NULL;
      g_autofree char *k = NULL;
      Group *g;

      if (category == NULL)
        continue;
      k = g_strdup_printf ("%s\t%s", p, category);
      if ((g = g_hash_table_lookup (groups, k)) == NULL)
        g_hash_table_insert (groups, g_strdup (k), (g = g_new0 (Group, 1)));
      add_row (m, stmt, g);
    }
  if (lk_stmt_failed (stmt))
    return FALSE;
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GStrv) parts = g_strsplit (key, "\t", 2);
      LkStat *s = g_new0 (LkStat, 1);

      s->period = g_strdup (parts[0]);
      s->measure = g_strdup (m->measure);
      s->category = g_strdup (parts[1]);
      s->value = group_value (m->aggregate, value);
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

  if (c == 0)
    c = strcmp (x->measure, y->measure);
  return c != 0 ? c : strcmp (x->category, y->category);
}

/* The day after @day (YYYY-MM-DD, checked), as YYYY-MM-DD. */
static char *
day_after (const char *day)
{
  unsigned y, m, d;
  g_autoptr(GDate) date = NULL;
  char text[16];

  sscanf (day, "%4u-%2u-%2u", &y, &m, &d);
  date = g_date_new_dmy (d, m, y);
  g_date_add_days (date, 1);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

GStrv
lk_stats_periods (const char    *from,
                  const char    *to,
                  LkStatsPeriod  period)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *last = NULL;
  unsigned y, m, d;

  /* Not dates: no periods, as lk-stats.h says; lk_stats_compute reports why. */
  if (!check_date (from, "from", NULL) || !check_date (to, "to", NULL) || strcmp (from, to) > 0)
    return NULL;
  last = period_of (to, period);
  sscanf (from, "%4u-%2u-%2u", &y, &m, &d);
  for (;;)
    {
      g_autofree char *month = g_strdup_printf ("%04u-%02u", y, m);
      g_autofree char *p = period_of (month, period);

      g_strv_builder_add (builder, p);
      if (g_str_equal (p, last))
        break;
      /* on to the first month of the next period */
      m += period == LK_STATS_YEAR ? 12 - m + 1 : period == LK_STATS_QUARTER ? 3 - (m - 1) % 3 : 1;
      if (m > 12)
        {
          m = 1;
          y++;
        }
    }
  return g_strv_builder_end (builder);
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
  g_autofree char *until = NULL;
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
  until = day_after (to);
  locker = lk_store_lock (store);
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    if (!add_measure (store, &measures[i], from, until, period, stats, error))
      return NULL;
  g_clear_pointer (&locker, lk_store_unlock);
  g_ptr_array_sort (stats, by_period);
  json_object_set_string_member (details, "from", from);
  json_object_set_string_member (details, "to", to);
  if (!lk_audit_record (store, &actor, "stats.computed", "", details, error))
    return NULL;
  return g_steal_pointer (&stats);
}

typedef struct
{
  LkSession     *session;
  char          *from;
  char          *to;
  LkStatsPeriod  period;
} ComputeJob;

static void
compute_job_free (ComputeJob *job)
{
  g_clear_object (&job->session);
  g_free (job->from);
  g_free (job->to);
  g_free (job);
}

static gpointer
compute_job (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ComputeJob *job = data;

  return lk_stats_compute (job->session, job->from, job->to, job->period, error);
}

void
lk_stats_compute_async (LkSession           *session,
                        const char          *from,
                        const char          *to,
                        LkStatsPeriod        period,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  ComputeJob *job = g_new0 (ComputeJob, 1);

  job->session = g_object_ref (session);
  job->from = g_strdup (from);
  job->to = g_strdup (to);
  job->period = period;
  lk_task_run (session, cancellable, callback, user_data, lk_stats_compute_async, compute_job,
               job, (GDestroyNotify) compute_job_free, (GDestroyNotify) g_ptr_array_unref);
}

GPtrArray *
lk_stats_compute_finish (GAsyncResult  *result,
                         GError       **error)
{
  return lk_task_finish (result, lk_stats_compute_async, error);
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
lk_stats_to_csv (GPtrArray *stats,
                 LkSession *session)
{
  GString *out = g_string_new (NULL);

  if (lk_store_is_demo (lk_session_get_store (session)))
    g_string_append (out, "# demo workspace, not casework\n");
  g_string_append (out, "period,measure,category,value\n");

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
  JsonObject *o = json_object_new ();
  JsonArray *figures = json_array_new ();

  json_object_set_string_member (o, "workspace",
                                 lk_store_is_demo (lk_session_get_store (session))
                                 ? "demo (not casework)" : "casework");
  json_object_set_string_member (o, "from", from);
  json_object_set_string_member (o, "to", to);
  json_object_set_string_member (o, "period", lk_stats_period_name (period));
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
