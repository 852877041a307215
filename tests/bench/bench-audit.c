/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit log at casework scale: appending (one transaction per event, as every user action
 * is) against plain INSERTs of the same rows, and verifying the chain against raw SHA-256 over
 * the same canonical bytes. LIKENESS_BENCH_EVENTS sets the number of events (100000). */
#include "config.h"

#include <sqlite3.h>

#include <glib/gstdio.h>
#include <stdio.h>

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
  g_print ("metric: %s value=%.4g unit=%s baseline=%.4g ratio=%.3f target=%.1f\n",
           name, value, unit, baseline, ratio, target);
}

static LkStore *
open_fresh (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
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

#define COL(i) ((const char *) sqlite3_column_text (stmt, (i)))

static LkAuditEvent *
event_from_row (sqlite3_stmt *stmt)
{
  LkAuditEvent *event = g_new0 (LkAuditEvent, 1);

  event->seq = sqlite3_column_int64 (stmt, 0);
  event->at = g_strdup (COL (1));
  event->user = g_strdup (COL (2));
  event->role = g_strdup (COL (3));
  event->action = g_strdup (COL (4));
  event->object = g_strdup (COL (5));
  event->details = g_strdup (COL (6));
  event->prev_hash = g_strdup (COL (7));
  event->hash = g_strdup (COL (8));
  return event;
}

#undef COL

/* Reads the rows with a connection of its own, as an outside checker would. */
static GPtrArray *
read_events (const char *path)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_audit_event_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT seq, at, user, role, action, object, details,"
                                           " prev_hash, hash FROM audit_event ORDER BY seq",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (events, event_from_row (stmt));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
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
  g_autofree char *path = NULL;
  g_autoptr(LkStore) store = NULL;
  g_autoptr(LkStore) plain = NULL;
  BenchRows rows = { NULL, NULL, NULL };
  gint64 n = events_wanted ();
  double rate, baseline_rate, verify_seconds, sha_seconds;

  g_assert_no_error (error);
  store = open_fresh (dir, "audit.db");
  path = g_strdup (lk_store_get_path (store));
  rate = bench_append (store, n);

  rows.events = read_events (path);
  g_assert_cmpuint (rows.events->len, ==, n);
  plain = open_fresh (dir, "plain.db");
  baseline_rate = bench_plain_insert (plain, rows.events);
  g_print ("# append: %" G_GINT64_FORMAT " events, one transaction each\n", n);
  report_append (rate, baseline_rate);

  build_canonical (&rows);
  verify_seconds = bench_verify (store, n);
  sha_seconds = bench_raw_sha256 (&rows);
  report_verify (verify_seconds, sha_seconds, &rows);

  g_clear_object (&store);
  g_clear_object (&plain);
  g_ptr_array_unref (rows.events);
  g_string_free (rows.canonical, TRUE);
  g_array_unref (rows.ends);
  remove_folder (dir);
  return 0;
}
