/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Several workstations writing at once to one PostgreSQL server (LIKENESS_TEST_PG; run under
 * tests/pg-server, skipped otherwise): N processes each append events to the audit chain, one
 * transaction per event as every user action is. Reports events per second over all writers and
 * the 99th percentile of one append's latency, against the server's raw rate of one-row INSERT
 * transactions from as many processes into a plain table (no chain, no lock). Then checks the
 * chain. LIKENESS_BENCH_WRITERS (4) and LIKENESS_BENCH_WRITER_EVENTS (300) set the load. */
#include "config.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-pg.h"
#include "lk-core.h"
#include "store/lk-audit.h"
#include "store/lk-store-private.h"
#include "store/lk-store.h"

static const LkActor bench_actor = { "examiner1", "examiner" };

static int
env_int (const char *name,
         int         fallback)
{
  const char *value = g_getenv (name);

  return value != NULL && atoi (value) > 0 ? atoi (value) : fallback;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* A child: appends @n events (or, with @raw, INSERTs @n plain rows) and prints each latency in
 * milliseconds, one a line. */
static int
run_writer (const char *uri,
            int         n,
            gboolean    raw)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) store = NULL;
  PGconn *conn = NULL;

  if (raw)
    conn = PQconnectdb (uri);
  else
    store = lk_store_open (uri, LK_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  for (int i = 0; i < n; i++)
    {
      gint64 start = g_get_monotonic_time ();

      if (raw)
        bench_pg_insert (conn, "INSERT INTO raw_rows (at, details) VALUES"
                               " ('2026-12-06T12:00:00Z', '{\"n\": 1}')", 0, NULL);
      else
        {
          g_autoptr(JsonObject) details = json_object_new ();

          json_object_set_int_member (details, "n", i);
          lk_audit_record (store, &bench_actor, "examination.viewed", "case-1", details, &error);
          g_assert_no_error (error);
        }
      printf ("%.3f\n", (g_get_monotonic_time () - start) / 1000.0);
    }
  if (conn != NULL)
    PQfinish (conn);
  return 0;
}

/* Runs @writers children at once; returns rows per second, and the latencies sorted. */
static double
run_writers (const char *self,
             const char *uri,
             int         writers,
             int         n,
             gboolean    raw,
             GArray     *latencies)
{
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *count = g_strdup_printf ("%d", n);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  for (int w = 0; w < writers; w++)
    {
      GSubprocess *child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self,
                                             raw ? "--raw-writer" : "--writer", uri, count,
                                             NULL);

      g_assert_no_error (error);
      g_ptr_array_add (children, child);
    }
  for (guint w = 0; w < children->len; w++)
    {
      g_autofree char *out = NULL;
      g_auto(GStrv) lines = NULL;

      g_subprocess_communicate_utf8 (g_ptr_array_index (children, w), NULL, NULL, &out, NULL,
                                     &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_successful (g_ptr_array_index (children, w)));
      lines = g_strsplit (out, "\n", -1);
      for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
        {
          double ms = g_ascii_strtod (lines[i], NULL);

          g_array_append_val (latencies, ms);
        }
    }
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_array_sort (latencies, compare_double);
  return writers * n / seconds;
}

static double
p99 (GArray *latencies)
{
  return g_array_index (latencies, double, (guint) (latencies->len * 0.99));
}

int
main (int   argc,
      char *argv[])
{
  const char *server = bench_pg_server ();
  int writers = env_int ("LIKENESS_BENCH_WRITERS", 4);
  int n = env_int ("LIKENESS_BENCH_WRITER_EVENTS", 300);
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) store = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *version = NULL;
  double rate, raw_rate;
  gint64 events = 0, broken = 0;

  if (argc == 4 && (g_str_equal (argv[1], "--writer") || g_str_equal (argv[1], "--raw-writer")))
    return run_writer (argv[2], atoi (argv[3]), g_str_equal (argv[1], "--raw-writer"));
  if (server == NULL)
    {
      g_print ("1..0 # SKIP needs a PostgreSQL server: run under tests/pg-server\n");
      return 0;
    }
  uri = bench_pg_create (server, "likeness_bench");
  store = lk_store_open (uri, LK_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (lk_store_exec (store, "CREATE TABLE raw_rows (id BIGINT GENERATED BY DEFAULT"
                                       " AS IDENTITY PRIMARY KEY, at TEXT, details TEXT)",
                                &error));

  raw_rate = run_writers (argv[0], uri, writers, n, TRUE, raw);
  rate = run_writers (argv[0], uri, writers, n, FALSE, ours);
  g_assert_true (lk_audit_verify (store, &events, &broken, &reason, &error));
  g_assert_no_error (error);
  g_assert_cmpint (events, ==, writers * n);

  version = bench_pg_version (server);
  g_print ("# %d writers x %d events; server %s; the machine is shared with other builds\n",
           writers, n, version);
  g_print ("metric: writers-append-rate value=%.4g unit=events/s baseline=%.4g ratio=%.3f"
           " target=2.0\n", rate, raw_rate, raw_rate / rate);
  g_print ("metric: writers-append-p99 value=%.4g unit=ms baseline=%.4g ratio=%.3f"
           " target=2.0\n", p99 (ours), p99 (raw), p99 (ours) / p99 (raw));
  g_clear_object (&store);
  bench_pg_drop (server, "likeness_bench");
  return 0;
}
