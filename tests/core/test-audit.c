/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lk-test-util.h"
#include "store/lk-store-private.h"
#include "governance/lk-audit-log.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse"
#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

static const LkActor tester = { "tester", "examiner" };

static LkStore *
new_store (LkTestFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  LkStore *store = lk_store_open (fixture->db_path, LK_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return store;
}

/* Appends @n events, each in a transaction of its own as the application does. */
static void
append_events (LkStore *store,
               int      n)
{
  for (int i = 1; i <= n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LkTxn) txn = lk_txn_begin (store, &error);
      g_autoptr(JsonObject) details = json_object_new ();
      g_autofree char *object = g_strdup_printf ("case-%d", i);

      g_assert_no_error (error);
      json_object_set_int_member (details, "n", i);
      json_object_set_string_member (details, "note", "Zoë's \"quoted\"\nline");
      lk_audit_append (store, &tester, "test.event", object, details, &error);
      g_assert_no_error (error);
      lk_txn_commit (txn, &error);
      g_assert_no_error (error);
    }
}

static void
assert_intact (LkStore *store,
               gint64   expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gint64 n_events = -1, broken_seq = -1;

  g_assert_true (lk_audit_verify (store, &n_events, &broken_seq, &reason, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_events, ==, expected);
  g_assert_cmpint (broken_seq, ==, 0);
  g_assert_null (reason);
}

/* Returns the reason of the break, which must be at @expected_seq. */
static char *
assert_broken_at (LkStore *store,
                  gint64   expected_seq)
{
  g_autoptr(GError) error = NULL;
  char *reason = NULL;
  gint64 n_events = -1, broken_seq = -1;

  g_assert_false (lk_audit_verify (store, &n_events, &broken_seq, &reason, &error));
  g_assert_no_error (error);
  g_assert_cmpint (broken_seq, ==, expected_seq);
  g_assert_cmpint (n_events, ==, expected_seq - 1);
  g_assert_nonnull (reason);
  g_assert_cmpstr (reason, !=, "");
  return reason;
}

typedef struct
{
  char   *prev;
  gint64  n;
} ChainWalk;

static gboolean
check_link (const LkAuditEvent  *event,
            gpointer             user_data,
            GError             **error)
{
  ChainWalk *walk = user_data;
  g_autoptr(GString) canonical = g_string_new (NULL);
  g_autofree char *hash = NULL;

  g_assert_cmpint (event->seq, ==, ++walk->n);
  g_assert_cmpstr (event->prev_hash, ==, walk->prev);
  lk_audit_canonical (canonical, event->prev_hash, event->seq, event->at, event->user,
                      event->role, event->action, event->object, event->details);
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) canonical->str,
                                      canonical->len);
  g_assert_cmpstr (event->hash, ==, hash);
  g_free (walk->prev);
  walk->prev = g_strdup (event->hash);
  return TRUE;
}

/* The documented format, written the slow and obvious way. */
static char *
reference_canonical (const char  *prev_hash,
                     gint64       seq,
                     const char **fields)
{
  g_autoptr(GString) out = g_string_new (prev_hash);
  g_autofree char *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);

  g_string_append_printf (out, "%zu:%s\n", strlen (seq_text), seq_text);
  for (guint i = 0; i < 6; i++)
    g_string_append_printf (out, "%zu:%s\n", fields[i] ? strlen (fields[i]) : 0,
                            fields[i] ? fields[i] : "");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_canonical (void)
{
  static const gint64 seqs[] = { 1, 9, 10, 12345, 0, -7, G_MAXINT64, G_MININT64 };
  const char *fields[] = { "2024-05-01T10:00:00.000000Z", "zoë", "examiner", "case.opened",
                           NULL, "{\"note\":\"a\\nb\"}" };
  g_autoptr(GString) out = g_string_new ("left over");

  lk_audit_canonical (out, GENESIS, 12, fields[0], fields[1], fields[2], fields[3], fields[4],
                      fields[5]);
  g_assert_cmpstr (out->str, ==,
                   GENESIS "2:12\n27:2024-05-01T10:00:00.000000Z\n4:zoë\n8:examiner\n"
                   "11:case.opened\n0:\n15:{\"note\":\"a\\nb\"}\n");
  for (guint i = 0; i < G_N_ELEMENTS (seqs); i++)
    {
      g_autofree char *expected = reference_canonical ("abc", seqs[i], fields);

      lk_audit_canonical (out, "abc", seqs[i], fields[0], fields[1], fields[2], fields[3],
                          fields[4], fields[5]);
      g_assert_cmpstr (out->str, ==, expected);
    }
}

static void
test_chain (LkTestFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(LkStore) store = new_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) details = NULL;
  g_autoptr(LkAuditEvent) last = NULL;
  ChainWalk walk = { g_strdup (GENESIS), 0 };

  assert_intact (store, 0);
  append_events (store, 10);
  assert_intact (store, 10);

  lk_audit_foreach (store, check_link, &walk, &error);
  g_assert_no_error (error);
  g_assert_cmpint (walk.n, ==, 10);
  g_free (walk.prev);

  last = lk_test_last_event (store);
  g_assert_cmpstr (last->user, ==, "tester");
  g_assert_cmpstr (last->role, ==, "examiner");
  g_assert_cmpstr (last->object, ==, "case-10");
  g_assert_true (g_str_has_suffix (last->at, "Z"));
  details = json_from_string (last->details, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (details), "n"), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (details), "note"), ==,
                   "Zoë's \"quoted\"\nline");
}

static void
test_rollback (LkTestFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(LkStore) store = new_store (fixture);
  g_autoptr(GError) error = NULL;
  LkTxn *txn;

  append_events (store, 2);
  txn = lk_txn_begin (store, &error);
  g_assert_no_error (error);
  lk_audit_append (store, &tester, "test.abandoned", NULL, NULL, &error);
  g_assert_no_error (error);
  lk_txn_free (txn);

  /* The event went with the change it recorded, and the next one continues the chain. */
  g_assert_cmpint (lk_test_count_action (store, "test.abandoned"), ==, 0);
  append_events (store, 1);
  assert_intact (store, 3);
}

static gpointer
record_waiting (gpointer store)
{
  g_autoptr(GError) error = NULL;

  lk_audit_record (store, &tester, "test.waited", NULL, NULL, &error);
  g_assert_no_error (error);
  return NULL;
}

/* An event waiting for another workstation's write is timed when it gets its number, not when
 * it started to wait: the times of the log follow its numbers (on a server, by its clock). */
static void
test_time_after_lock (LkTestFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(LkStore) store = new_store (fixture);
  g_autoptr(LkAuditEvent) event = NULL;
  g_autofree char *released = NULL;
  LkTestWriter *other;
  GThread *thread;

  append_events (store, 1);
  other = lk_test_writer_new (fixture->db_path);
  thread = g_thread_new ("record-waiting", record_waiting, store);
  g_usleep (400 * 1000);
  released = lk_now_utc ();
  lk_test_writer_free (other);
  g_thread_join (thread);

  event = lk_test_last_event (store);
  g_assert_cmpstr (event->action, ==, "test.waited");
  g_assert_cmpint (event->seq, ==, 2);
  /* The same fixed-width form, so text order is time order. */
  g_assert_cmpuint (strlen (event->at), ==, strlen (released));
  g_assert_cmpstr (event->at, >=, released);
  assert_intact (store, 2);
}

static gboolean
sql_refused (const char *path,
             const char *sql)
{
  g_autofree char *refusal = lk_test_sql_error (path, sql);

  return refusal != NULL && strstr (refusal, "append-only") != NULL;
}

static void
test_append_only (LkTestFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr(LkStore) store = new_store (fixture);
  const char *path = fixture->db_path;

  append_events (store, 3);
  /* "user" is a keyword of PostgreSQL's, a plain name to SQLite: quoted, it is the column on
   * both. */
  g_assert_true (sql_refused (path, "UPDATE audit_event SET details = '{}' WHERE seq = 2"));
  g_assert_true (sql_refused (path, "UPDATE audit_event SET \"user\" = 'someone-else'"));
  g_assert_true (sql_refused (path, "DELETE FROM audit_event WHERE seq = 3"));
  g_assert_true (sql_refused (path, "DELETE FROM audit_event"));
  /* A server has one more way to empty a table (CASCADE: other tables refer to the log). */
  if (lk_test_server () != NULL)
    g_assert_true (sql_refused (path, "TRUNCATE audit_event CASCADE"));
  assert_intact (store, 3);
}

/* Someone with write access to the database edits the log past its guards. */
static void
tamper (const char *path,
        const char *sql)
{
  g_assert_cmpint (lk_test_sql_tamper (path, sql, NULL), >, 0);
}

static void
test_tamper_details (LkTestFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr(LkStore) store = new_store (fixture);
  g_autofree char *reason = NULL;

  append_events (store, 10);
  tamper (fixture->db_path, "UPDATE audit_event SET details = '{\"n\":55}' WHERE seq = 5");
  reason = assert_broken_at (store, 5);
  g_assert_nonnull (strstr (reason, "altered"));
}

static void
test_tamper_delete (LkTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(LkStore) store = new_store (fixture);
  g_autofree char *reason = NULL;

  append_events (store, 10);
  tamper (fixture->db_path, "DELETE FROM audit_event WHERE seq = 5");
  reason = assert_broken_at (store, 5);
  g_assert_nonnull (strstr (reason, "missing"));
}

typedef struct
{
  gint64     from;
  GPtrArray *events;
} EventCopy;

static gboolean
copy_event (const LkAuditEvent  *event,
            gpointer             user_data,
            GError             **error)
{
  EventCopy *copy = user_data;
  LkAuditEvent *mine;

  if (event->seq < copy->from)
    return TRUE;
  mine = g_new0 (LkAuditEvent, 1);
  *mine = (LkAuditEvent) { event->seq, g_strdup (event->at), g_strdup (event->user),
                           g_strdup (event->role), g_strdup (event->action),
                           g_strdup (event->object), g_strdup (event->details),
                           g_strdup (event->prev_hash), g_strdup (event->hash) };
  g_ptr_array_add (copy->events, mine);
  return TRUE;
}

/* The events from @from on, in order, as the log holds them now. */
static GPtrArray *
events_from (LkStore *store,
             gint64   from)
{
  g_autoptr(GError) error = NULL;
  EventCopy copy = { from, g_ptr_array_new_with_free_func ((GDestroyNotify) lk_audit_event_free) };

  lk_audit_foreach (store, copy_event, &copy, &error);
  g_assert_no_error (error);
  return copy.events;
}

/* @text as an SQL string literal. */
static char *
quoted (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "'", -1);
  g_autofree char *doubled = g_strjoinv ("''", parts);

  return g_strdup_printf ("'%s'", doubled);
}

static char *
event_hash (const char         *prev_hash,
            const LkAuditEvent *event,
            const char         *details)
{
  g_autoptr(GString) canonical = g_string_new (NULL);

  lk_audit_canonical (canonical, prev_hash, event->seq, event->at, event->user, event->role,
                      event->action, event->object, details);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) canonical->str,
                                      canonical->len);
}

/* Alters event 5 and gives it a hash that matches its new content. */
static void
rewrite_event_5 (LkStore    *store,
                 const char *path)
{
  g_autoptr(GPtrArray) events = events_from (store, 5);
  const LkAuditEvent *event = g_ptr_array_index (events, 0);
  g_autofree char *hash = NULL;
  g_autofree char *sql = NULL;

  g_assert_cmpint (event->seq, ==, 5);
  hash = event_hash (event->prev_hash, event, "{\"n\":55}");
  sql = g_strdup_printf ("UPDATE audit_event SET details = '{\"n\":55}', hash = '%s'"
                         " WHERE seq = 5", hash);
  tamper (path, sql);
}

static void
test_tamper_rehash (LkTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(LkStore) store = new_store (fixture);
  g_autofree char *reason = NULL;

  append_events (store, 10);
  rewrite_event_5 (store, fixture->db_path);
  /* Event 5 is consistent in itself; the link from event 6 gives it away. */
  reason = assert_broken_at (store, 6);
  g_assert_nonnull (strstr (reason, "previous"));
}

static void
test_forged_insert (LkTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(LkStore) store = new_store (fixture);
  g_autofree char *head = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *reason = NULL;

  /* INSERT is allowed at the SQL level; a forged event without the right hash is caught. */
  append_events (store, 4);
  head = lk_test_sql_text (fixture->db_path, "SELECT hash FROM audit_event WHERE seq = 4");
  sql = g_strdup_printf ("INSERT INTO audit_event VALUES (5, '2024-01-01T00:00:00.000000Z',"
                         " 'mallory', 'administrator', 'test.forged', '', '{}', '%s', '%s')",
                         head, GENESIS);
  lk_test_sql (fixture->db_path, sql);
  reason = assert_broken_at (store, 5);
  g_assert_nonnull (strstr (reason, "altered"));
}

static void
assert_cli_verify (LkTestFixture *fixture,
                   int            expected_status,
                   const char    *expected_out)
{
  g_autoptr(LkCliRun) run = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path,
                                         "--user", ADMIN, "audit", "verify", NULL);

  g_assert_cmpint (run->status, ==, expected_status);
  g_assert_true (g_str_has_prefix (run->out, expected_out));
  g_assert_cmpuint (lk_test_count_lines (run->out), ==, 1);
  g_assert_cmpuint (lk_test_count_lines (run->err), ==, expected_status == 0 ? 0 : 1);
}

static void
test_cli_verify (LkTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autofree char *intact = NULL;

  append_events (store, 9);
  /* 10 events, and the CLI's own log-in makes 11 before it verifies. */
  intact = g_strdup_printf ("audit chain intact: %d events\n", 11);
  assert_cli_verify (fixture, 0, intact);
  /* The check itself is on record. */
  g_assert_cmpint (lk_test_count_action (store, "audit.verified"), ==, 1);

  tamper (fixture->db_path, "UPDATE audit_event SET details = '{}' WHERE seq = 5");
  assert_cli_verify (fixture, 1, "audit chain broken at event 5: ");
}

static LkCliRun *
cli_audit (LkTestFixture *fixture,
           const char    *command,
           const char    *anchor)
{
  return lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", ADMIN,
                      "audit", command, anchor ? "--anchor" : NULL, anchor, NULL);
}

/* Rehashes every event from @from on after changing @from's details: a chain that verifies, as
 * someone with write access and the source code could make it. */
static void
rewrite_from (LkStore    *store,
              const char *path,
              gint64      from)
{
  g_autoptr(GPtrArray) events = events_from (store, from);
  g_autoptr(GString) updates = g_string_new (NULL);
  g_autofree char *prev = NULL;

  for (guint i = 0; i < events->len; i++)
    {
      const LkAuditEvent *event = g_ptr_array_index (events, i);
      const char *details = event->seq == from ? "{\"n\":55}" : event->details;
      const char *prev_hash = prev != NULL ? prev : event->prev_hash;
      g_autofree char *hash = event_hash (prev_hash, event, details);
      g_autofree char *details_sql = quoted (details);

      g_string_append_printf (updates, "UPDATE audit_event SET prev_hash = '%s', details = %s,"
                              " hash = '%s' WHERE seq = %" G_GINT64_FORMAT ";", prev_hash,
                              details_sql, hash, event->seq);
      g_free (prev);
      prev = g_steal_pointer (&hash);
    }
  g_assert_cmpuint (events->len, >, 0);
  tamper (path, updates->str);
}

/* What the chain alone cannot show, an anchor written down earlier can: events cut from the
 * end, or the log rewritten with fresh hashes from some event on. */
static void
test_anchor (LkTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkCliRun) head = NULL, holds = NULL, bad = NULL, cut = NULL, plain = NULL;
  g_autoptr(LkCliRun) rewritten = NULL, plain_again = NULL;
  g_auto(GStrv) fields = NULL;
  g_autofree char *anchor = NULL, *expected = NULL;

  append_events (store, 9);
  head = cli_audit (fixture, "head", NULL);
  lk_test_cli_assert_ok (head);
  fields = g_strsplit (g_strchomp (head->out), "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 2);
  /* 10 events, the CLI's own log-in the 11th */
  g_assert_cmpstr (fields[0], ==, "11");
  g_assert_cmpuint (strlen (fields[1]), ==, 64);
  anchor = g_strdup_printf ("%s:%s", fields[0], fields[1]);

  holds = cli_audit (fixture, "verify", anchor);
  lk_test_cli_assert_ok (holds);
  g_assert_nonnull (strstr (holds->out, "anchor 11 holds"));
  bad = cli_audit (fixture, "verify", "11:abc");
  lk_test_cli_assert_failed (bad, "not an audit anchor");

  /* Events 8 onwards cut away: the chain that is left still verifies on its own. */
  tamper (fixture->db_path, "DELETE FROM audit_event WHERE seq >= 8");
  plain = cli_audit (fixture, "verify", NULL);
  lk_test_cli_assert_ok (plain);
  cut = cli_audit (fixture, "verify", anchor);
  g_assert_cmpint (cut->status, ==, 1);
  g_assert_true (g_str_has_prefix (cut->out, "audit chain broken at event 11: event 11 of the "
                                             "anchor is missing"));

  /* Rewritten from event 5 with fresh hashes: intact to the chain, not to an older anchor. */
  g_clear_pointer (&head, lk_cli_run_free);
  head = cli_audit (fixture, "head", NULL);
  g_strfreev (fields);
  fields = g_strsplit (g_strchomp (head->out), "\t", -1);
  g_free (anchor);
  anchor = g_strdup_printf ("%s:%s", fields[0], fields[1]);
  rewrite_from (store, fixture->db_path, 5);
  plain_again = cli_audit (fixture, "verify", NULL);
  lk_test_cli_assert_ok (plain_again);
  rewritten = cli_audit (fixture, "verify", anchor);
  g_assert_cmpint (rewritten->status, ==, 1);
  expected = g_strdup_printf ("audit chain broken at event %s: event %s no longer has the "
                              "anchor's hash", fields[0], fields[0]);
  g_assert_true (g_str_has_prefix (rewritten->out, expected));
}

static void
test_log_verify_roles (LkTestFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) admin = lk_session_login (store, ADMIN, ADMIN_PASSWORD, NULL);
  g_autoptr(LkSession) examiner = NULL;
  g_autoptr(LkAuditEvent) last = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gint64 n = 0, broken = -1;

  lk_users_add (admin, "erin", NULL, LK_ROLE_EXAMINER, "granite ladder 5", &error);
  g_assert_no_error (error);
  examiner = lk_session_login (store, "erin", "granite ladder 5", &error);
  g_assert_no_error (error);

  g_assert_false (lk_audit_log_verify (examiner, &n, &broken, &reason, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);

  g_assert_true (lk_audit_log_verify (admin, &n, &broken, &reason, NULL));
  g_assert_cmpint (broken, ==, 0);
  last = lk_test_last_event (store);
  g_assert_cmpstr (last->action, ==, "audit.verified");
  g_assert_cmpstr (last->user, ==, ADMIN);
  g_assert_nonnull (strstr (last->details, "\"intact\":true"));
  assert_intact (store, last->seq);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/likeness/audit/canonical", test_canonical);
  LK_TEST_ADD ("/likeness/audit/chain", test_chain);
  LK_TEST_ADD ("/likeness/audit/rollback", test_rollback);
  LK_TEST_ADD ("/likeness/audit/time-after-lock", test_time_after_lock);
  LK_TEST_ADD ("/likeness/audit/append-only", test_append_only);
  LK_TEST_ADD ("/likeness/audit/tamper-details", test_tamper_details);
  LK_TEST_ADD ("/likeness/audit/tamper-delete", test_tamper_delete);
  LK_TEST_ADD ("/likeness/audit/tamper-rehash", test_tamper_rehash);
  LK_TEST_ADD ("/likeness/audit/forged-insert", test_forged_insert);
  LK_TEST_ADD ("/likeness/audit/cli-verify", test_cli_verify);
  LK_TEST_ADD ("/likeness/audit/anchor", test_anchor);
  LK_TEST_ADD ("/likeness/audit/log-verify-roles", test_log_verify_roles);

  return g_test_run ();
}
