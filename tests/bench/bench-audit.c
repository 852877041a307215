/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit log at casework scale: appending (one transaction per event, as every user action
 * is) against plain INSERTs of the same rows, and verifying the chain against raw SHA-256 over
 * the same canonical bytes. LIKENESS_BENCH_EVENTS sets the number of events (100000).
 * With LIKENESS_TEST_PG (under tests/pg-server) the same runs on the PostgreSQL server, in
 * throwaway databases there, and the metrics are named with "-server": the append baseline is
 * then the server's raw rate of the same INSERTs sent over libpq, one transaction each. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "bench-pg.h"
#include "lk-core.h"
#include "store/lk-store-private.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

#define DEFAULT_EVENTS 100000
#define VERIFY_RUNS 3

static const LkActor bench_actor = { "examiner1", "examiner" };
/* Keeps the baseline's digests from being optimised away. */
static volatile guint8 digest_sink;

typedef struct
{
  GPtrArray *events;    /* LkAuditEvent, as stored */
  GString   *canonical; /* every event's canonical bytes, back to back */
  GArray    *ends;      /* gsize: where each event's bytes end in @canonical */
} BenchRows;

/* The PostgreSQL server under test, or NULL: an SQLite file in a temporary folder. */
static const char *server;

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
        double      ratio,
        double      target)
{
  g_print ("metric: %s%s value=%.4g unit=%s baseline=%.4g ratio=%.3f target=%.1f\n",
           name, server != NULL ? "-server" : "", value, unit, baseline, ratio, target);
}

/* A new database: the file @name.db in @dir, or the database likeness_bench_@name on the
 * server. */
static LkStore *
open_fresh (const char *dir,
            const char *name)
{
  g_autofree char *file = g_strconcat (name, ".db", NULL);
  g_autofree char *database = g_strconcat ("likeness_bench_", name, NULL);
  g_autofree char *path = server != NULL ? bench_pg_create (server, database)
                                         : g_build_filename (dir, file, NULL);
  g_autoptr(GError) error = NULL;
  LkStore *store = lk_store_open (path, LK_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return store;
}

static void
append_one (LkStore *store,
            gint64   i)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkTxn) txn = lk_txn_begin (store, &error);
  g_autoptr(JsonObject) details = json_object_new ();
  char object[32];

  g_assert_no_error (error);
  g_snprintf (object, sizeof object, "case-%" G_GINT64_FORMAT, i % 1000);
  json_object_set_int_member (details, "n", i);
  json_object_set_string_member (details, "view", "side-by-side");
  lk_audit_append (store, &bench_actor, "examination.viewed", object, details, &error);
  g_assert_no_error (error);
  lk_txn_commit (txn, &error);
  g_assert_no_error (error);
}

/* Returns events per second. */
static double
bench_append (LkStore *store,
              gint64   n)
{
  gint64 start = g_get_monotonic_time ();

  for (gint64 i = 1; i <= n; i++)
    append_one (store, i);
  return n / seconds_since (start);
}

static gboolean
collect_event (const LkAuditEvent *event,
               gpointer            user_data,
               GError            **error)
{
  LkAuditEvent *copy = g_new0 (LkAuditEvent, 1);

  copy->seq = event->seq;
  copy->at = g_strdup (event->at);
  copy->user = g_strdup (event->user);
  copy->role = g_strdup (event->role);
  copy->action = g_strdup (event->action);
  copy->object = g_strdup (event->object);
  copy->details = g_strdup (event->details);
  copy->prev_hash = g_strdup (event->prev_hash);
  copy->hash = g_strdup (event->hash);
  g_ptr_array_add (user_data, copy);
  return TRUE;
}

/* The rows as stored, read through the core on either backend (not timed). */
static GPtrArray *
read_events (LkStore *store)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_audit_event_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_audit_foreach (store, collect_event, events, &error));
  g_assert_no_error (error);
  return events;
}

/* The bytes that lk_audit_verify() hashes, one event after the other. */
static void
build_canonical (BenchRows *rows)
{
  g_autoptr(GString) one = g_string_sized_new (512);

  rows->canonical = g_string_sized_new (rows->events->len * 256);
  rows->ends = g_array_sized_new (FALSE, FALSE, sizeof (gsize), rows->events->len);
  for (guint i = 0; i < rows->events->len; i++)
    {
      const LkAuditEvent *e = g_ptr_array_index (rows->events, i);

      lk_audit_canonical (one, e->prev_hash, e->seq, e->at, e->user, e->role, e->action,
                          e->object, e->details);
      g_string_append_len (rows->canonical, one->str, one->len);
      g_array_append_val (rows->ends, rows->canonical->len);
    }
}

#define PLAIN_INSERT \
  "INSERT INTO audit_event (seq, at, user, role, action, object, details, prev_hash, hash)" \
  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"

static void
insert_plain (LkStore            *store,
              const LkAuditEvent *e)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkTxn) txn = lk_txn_begin (store, &error);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, PLAIN_INSERT, &error);

  g_assert_no_error (error);
  lk_stmt_bind_int64 (stmt, 1, e->seq);
  lk_stmt_bind_text (stmt, 2, e->at);
  lk_stmt_bind_text (stmt, 3, e->user);
  lk_stmt_bind_text (stmt, 4, e->role);
  lk_stmt_bind_text (stmt, 5, e->action);
  lk_stmt_bind_text (stmt, 6, e->object);
  lk_stmt_bind_text (stmt, 7, e->details);
  lk_stmt_bind_text (stmt, 8, e->prev_hash);
  lk_stmt_bind_text (stmt, 9, e->hash);
  g_assert_true (lk_stmt_done (stmt, &error));
  g_clear_pointer (&stmt, lk_stmt_release);
  lk_txn_commit (txn, &error);
  g_assert_no_error (error);
}

/* The same rows as plain INSERTs through the store's own query interface, one transaction
 * each: what the audit chain adds is the head read and the hashing. */
static double
bench_plain_insert (LkStore   *store,
                    GPtrArray *events)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < events->len; i++)
    insert_plain (store, g_ptr_array_index (events, i));
  return events->len / seconds_since (start);
}

#define SERVER_INSERT \
  "INSERT INTO audit_event (seq, at, \"user\", role, action, object, details, prev_hash," \
  " hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"

/* On the server: the same rows as raw INSERTs over a libpq connection of its own, one
 * transaction each, into the audit_event table of the fresh database behind @store. */
static double
bench_server_insert (LkStore   *store,
                     GPtrArray *events)
{
  PGconn *conn = PQconnectdb (lk_store_get_path (store));
  gint64 start;
  double rate;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < events->len; i++)
    {
      const LkAuditEvent *e = g_ptr_array_index (events, i);
      char seq[32];
      const char *params[] = { seq, e->at, e->user, e->role, e->action, e->object, e->details,
                               e->prev_hash, e->hash };

      g_snprintf (seq, sizeof seq, "%" G_GINT64_FORMAT, e->seq);
      bench_pg_insert (conn, SERVER_INSERT, G_N_ELEMENTS (params), params);
    }
  rate = events->len / seconds_since (start);
  PQfinish (conn);
  return rate;
}

/* Best of a few runs: the machine's noise only ever adds time. */
static double
bench_verify (LkStore *store,
              gint64   n)
{
  double best = G_MAXDOUBLE;

  for (int run = 0; run < VERIFY_RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *reason = NULL;
      gint64 n_events = 0, broken_seq = -1;
      gint64 start = g_get_monotonic_time ();
      gboolean intact = lk_audit_verify (store, &n_events, &broken_seq, &reason, &error);

      best = MIN (best, seconds_since (start));
      g_assert_no_error (error);
      g_assert_true (intact);
      g_assert_cmpint (n_events, ==, n);
    }
  return best;
}

static double
bench_raw_sha256 (BenchRows *rows)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  double best = G_MAXDOUBLE;
  guint8 digest[32];
  gsize digest_len;

  for (int run = 0; run < VERIFY_RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      gsize begin = 0;

      for (guint i = 0; i < rows->ends->len; i++)
        {
          gsize end = g_array_index (rows->ends, gsize, i);

          g_checksum_reset (checksum);
          g_checksum_update (checksum, (const guchar *) rows->canonical->str + begin,
                             end - begin);
          digest_len = sizeof digest;
          g_checksum_get_digest (checksum, digest, &digest_len);
          digest_sink ^= digest[0];
          begin = end;
        }
      best = MIN (best, seconds_since (start));
    }
  return best;
}

static gint64
events_wanted (void)
{
  const char *env = g_getenv ("LIKENESS_BENCH_EVENTS");
  gint64 n = env != NULL ? g_ascii_strtoll (env, NULL, 10) : DEFAULT_EVENTS;

  return n > 0 ? n : DEFAULT_EVENTS;
}

static void
remove_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
report_append (double rate,
               double baseline_rate)
{
  /* The ratio compares time per event: how much slower than a plain INSERT. */
  metric ("audit-append", rate, "events/s", baseline_rate, baseline_rate / rate, 1.5);
}

static void
report_verify (double     verify_seconds,
               double     sha_seconds,
               BenchRows *rows)
{
  double bytes = (double) rows->canonical->len;
  double value = verify_seconds * 1e9 / bytes;
  double baseline = sha_seconds * 1e9 / bytes;

  g_print ("# verify: %u events, %.0f canonical bytes, %.3f s; raw SHA-256 %.3f s\n",
           rows->events->len, bytes, verify_seconds, sha_seconds);
  metric ("audit-verify-time-per-byte", value, "ns/B", baseline, value / baseline, 2.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("likeness-bench-XXXXXX", &error);
  g_autoptr(LkStore) store = NULL;
  g_autoptr(LkStore) plain = NULL;
  BenchRows rows = { NULL, NULL, NULL };
  gint64 n = events_wanted ();
  double rate, baseline_rate, verify_seconds, sha_seconds;

  g_assert_no_error (error);
  server = bench_pg_server ();
  if (server != NULL)
    {
      g_autofree char *version = bench_pg_version (server);

      g_print ("# backend: PostgreSQL %s server (LIKENESS_TEST_PG)\n", version);
    }
  store = open_fresh (dir, "audit");
  rate = bench_append (store, n);

  rows.events = read_events (store);
  g_assert_cmpuint (rows.events->len, ==, n);
  plain = open_fresh (dir, "plain");
  baseline_rate = server != NULL ? bench_server_insert (plain, rows.events)
                                 : bench_plain_insert (plain, rows.events);
  g_print ("# append: %" G_GINT64_FORMAT " events, one transaction each\n", n);
  report_append (rate, baseline_rate);

  build_canonical (&rows);
  verify_seconds = bench_verify (store, n);
  sha_seconds = bench_raw_sha256 (&rows);
  report_verify (verify_seconds, sha_seconds, &rows);

  g_clear_object (&store);
  g_clear_object (&plain);
  if (server != NULL)
    {
      bench_pg_drop (server, "likeness_bench_audit");
      bench_pg_drop (server, "likeness_bench_plain");
    }
  g_ptr_array_unref (rows.events);
  g_string_free (rows.canonical, TRUE);
  g_array_unref (rows.ends);
  remove_folder (dir);
  return 0;
}
