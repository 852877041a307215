/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit trail browser over a generated log of 1,000,000 chained events (50 users, 40
 * actions, 100,000 objects, one real case): each filter's selection as a ratio to a plain
 * `SELECT count (*) FROM audit_event`, and the first page of each filter's list and the list
 * model's page reads as a ratio to a raw read of as many rows by their numbers, both baselines
 * timed in the same run. The query plan of each filter's selection is printed as comments.
 * The page offers case, user, action (a prefix with "*"), object and period filters; there is
 * no free-text filter to time. LIKENESS_BENCH_EVENTS sets the number of events. */
#include "config.h"

#include <stdio.h>

#include "governance/lk-audit-query-private.h"
#include "lk-core.h"
#include "lk-test-util.h"
#include "store/lk-store-private.h"

#define DEFAULT_EVENTS 1000000
#define PASSWORD "a long enough password"
#define RUNS 3
#define PAGE_READS 200

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static void
metric (const char *name,
        double      value,
        const char *unit,
        double      baseline,
        double      target)
{
  g_print ("metric: %s value=%.4g unit=%s baseline=%.4g ratio=%.3f target=%.1f\n",
           name, value, unit, baseline, value / baseline, target);
}

static gint64
n_events (void)
{
  const char *env = g_getenv ("LIKENESS_BENCH_EVENTS");
  gint64 n = env != NULL ? g_ascii_strtoll (env, NULL, 10) : DEFAULT_EVENTS;

  return n > 0 ? n : DEFAULT_EVENTS;
}

/* Chained events through the real append, 50,000 to a transaction. */
static void
generate (LkStore *store,
          gint64   n)
{
  g_autoptr(GError) error = NULL;

  for (gint64 done = 0; done < n;)
    {
      g_autoptr(LkTxn) txn = lk_txn_begin (store, &error);

      g_assert_no_error (error);
      for (gint64 end = MIN (n, done + 50000); done < end; done++)
        {
          g_autoptr(JsonObject) details = json_object_new ();
          char user[16], action[32], object[32];
          LkActor actor = { user, "examiner" };

          g_snprintf (user, sizeof user, "user%02d", (int) (done % 50));
          g_snprintf (action, sizeof action, "kind%02d.done", (int) (done % 40));
          g_snprintf (object, sizeof object, "probe:%" G_GINT64_FORMAT, done % 100000 + 1);
          json_object_set_int_member (details, "n", done);
          g_assert_true (lk_audit_append (store, &actor, action, object, details, &error));
        }
      g_assert_true (lk_txn_commit (txn, &error));
    }
}

static double
baseline_count (LkStore *store)
{
  double best = G_MAXDOUBLE;

  for (int run = 0; run < RUNS; run++)
    {
      g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT count (*) FROM audit_event", NULL);
      gint64 start = g_get_monotonic_time ();

      g_assert_true (lk_stmt_next (stmt, NULL));
      g_assert_cmpint (lk_stmt_int64 (stmt, 0), >, 0);
      best = MIN (best, seconds_since (start));
    }
  return best;
}

/* A page's worth of rows read by their numbers, with nothing else: the floor of a page read. */
static double
baseline_rows (LkStore *store)
{
  double best = G_MAXDOUBLE;

  for (int run = 0; run < RUNS; run++)
    {
      g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT seq, at, \"user\", role, action,"
                                                     " object, details, prev_hash, hash FROM"
                                                     " audit_event WHERE seq BETWEEN ?1 AND ?2"
                                                     " ORDER BY seq", NULL);
      gint64 start = g_get_monotonic_time (), first = 1 + run * 1000;
      guint rows = 0;

      lk_stmt_bind_int64 (stmt, 1, first);
      lk_stmt_bind_int64 (stmt, 2, first + LK_AUDIT_EVENT_LIST_PAGE - 1);
      while (lk_stmt_next (stmt, NULL))
        {
          g_autofree char *details = lk_stmt_dup_text (stmt, 6);

          rows++;
        }
      g_assert_cmpuint (rows, ==, LK_AUDIT_EVENT_LIST_PAGE);
      best = MIN (best, seconds_since (start));
    }
  return best;
}

static void
print_plan (LkStore             *store,
            const char          *name,
            const LkAuditFilter *filter)
{
  g_autofree char *sql = lk_audit_filter_select_sql (filter);
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, explain, NULL);

  while (stmt != NULL && lk_stmt_next (stmt, NULL))
    {
      g_autofree char *detail = lk_stmt_dup_text (stmt, 3);

      g_print ("# plan %s: %s\n", name, detail);
    }
}

/* The first page of a new list of the filter's events (the rows a page shows first). */
static double
time_first_page (LkSession           *admin,
                 const LkAuditFilter *filter)
{
  double best = G_MAXDOUBLE;

  for (int run = 0; run < RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LkAuditEventList) list = lk_audit_event_list_new (admin, filter, &error);
      g_autoptr(LkAuditEntry) entry = NULL;
      gint64 start;

      g_assert_no_error (error);
      if (g_list_model_get_n_items (G_LIST_MODEL (list)) == 0)
        return 0;
      start = g_get_monotonic_time ();
      entry = g_list_model_get_item (G_LIST_MODEL (list), 0);
      g_assert_nonnull (entry);
      best = MIN (best, seconds_since (start));
    }
  return best;
}

static double
time_filter (LkSession           *admin,
             const LkAuditFilter *filter,
             guint               *matches)
{
  double best = G_MAXDOUBLE;

  for (int run = 0; run < RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GArray) seqs = lk_audit_log_select (admin, filter, &error);

      g_assert_no_error (error);
      best = MIN (best, seconds_since (start));
      *matches = seqs->len;
    }
  return best;
}

/* Mean time of a page read at random places of the whole log (each a page not yet read). */
static double
time_pages (LkSession *admin)
{
  LkAuditFilter all = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAuditEventList) list = lk_audit_event_list_new (admin, &all, &error);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  GRand *rand = g_rand_new_with_seed (17);
  gint64 start;

  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  for (int i = 0; i < PAGE_READS; i++)
    {
      g_autoptr(LkAuditEntry) entry =
        g_list_model_get_item (G_LIST_MODEL (list), g_rand_int_range (rand, 0, (gint32) n));

      g_assert_nonnull (entry);
    }
  g_rand_free (rand);
  g_print ("# %u pages read for %d rows\n", lk_audit_event_list_pages_read (list), PAGE_READS);
  return seconds_since (start) / lk_audit_event_list_pages_read (list);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("likeness-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "likeness.db", NULL);
  g_autoptr(LkStore) store = lk_test_store_new (path, "admin", PASSWORD);
  g_autoptr(LkSession) admin = lk_test_login (store, "admin", PASSWORD);
  gint64 n = n_events (), start;
  struct { const char *name; LkAuditFilter filter; } filters[] = {
    { "user", { NULL, "user07", NULL, NULL, NULL, NULL } },
    { "action", { NULL, NULL, "kind13.done", NULL, NULL, NULL } },
    { "action-prefix", { NULL, NULL, "kind1*", NULL, NULL, NULL } },
    { "object", { NULL, NULL, NULL, "probe:4242", NULL, NULL } },
    { "user-and-action", { NULL, "user07", "kind07.done", NULL, NULL, NULL } },
    { "case", { "2026-0001", NULL, NULL, NULL, NULL, NULL } },
    { "period-last-day", { NULL, NULL, NULL, NULL, NULL, NULL } },
    { "everything", { NULL, NULL, NULL, NULL, NULL, NULL } },
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  double baseline, rows_baseline;

  filters[6].filter.from = today;
  start = g_get_monotonic_time ();
  generate (store, n);
  g_print ("# %" G_GINT64_FORMAT " events generated in %.1f s\n", n, seconds_since (start));
  baseline = baseline_count (store);
  rows_baseline = baseline_rows (store);
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autofree char *name = g_strdup_printf ("audit-filter-%s", filters[i].name);
      g_autofree char *first = g_strdup_printf ("audit-first-page-%s", filters[i].name);
      guint matches = 0;
      double s = time_filter (admin, &filters[i].filter, &matches);

      print_plan (store, filters[i].name, &filters[i].filter);
      g_print ("# %s: %u events\n", filters[i].name, matches);
      metric (name, s * 1000, "ms", baseline * 1000, 10);
      metric (first, time_first_page (admin, &filters[i].filter) * 1000, "ms",
              rows_baseline * 1000, 5);
    }
  metric ("audit-page-read", time_pages (admin) * 1000, "ms", rows_baseline * 1000, 5);
  g_clear_object (&admin);
  g_clear_object (&store);
  lk_test_remove_tree (dir);
  return 0;
}
