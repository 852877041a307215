/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Transactions on both backends: a savepoint lets one statement fail inside an action without
 * failing the action (on PostgreSQL a failed statement otherwise aborts the whole transaction,
 * which SQLite does not); an enclosing transaction holds several actions, each a savepoint,
 * that land together or not at all; on a server whose synchronous_commit is on, commits and
 * audit events alone wait for the disk outside the writers' lock and still chain in order. */
#include "config.h"

#include <string.h>

#include "lk-test-util.h"
#include "store/lk-audit.h"
#include "store/lk-store-private.h"
#include "store/lk-store.h"

#define ADMIN_PASSWORD "correct horse battery"

static const LkActor tester = { "tester", "examiner" };

static char *
setting (LkStore    *store,
         const char *key)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT value FROM settings WHERE key = ?",
                                          NULL);

  g_assert_nonnull (stmt);
  lk_stmt_bind_text (stmt, 1, key);
  return lk_stmt_next (stmt, NULL) ? lk_stmt_dup_text (stmt, 0) : NULL;
}

/* A statement that fails: the key is taken (settings.key is the primary key). */
static void
fail_statement (LkStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lk_store_exec (store, "INSERT INTO settings (key, value)"
                                        " VALUES ('txn.taken', 'again')", &error));
  g_assert_nonnull (error);
}

static void
set (LkStore    *store,
     const char *key,
     const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_store_set_setting (store, key, value, &error));
  g_assert_no_error (error);
}

static void
commit (LkTxn *txn)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_txn_commit (txn, &error));
  g_assert_no_error (error);
}

static LkStore *
new_store (LkTestFixture *fixture)
{
  LkStore *store = lk_test_store_new (fixture->db_path, "admin", ADMIN_PASSWORD);
  g_autoptr(LkTxn) txn = lk_txn_begin (store, NULL);

  set (store, "txn.taken", "first");
  commit (txn);
  return store;
}

/* A failed statement inside a savepoint leaves the action usable; without one, a server
 * refuses the rest of the action (and its commit), while SQLite carries on. */
static void
test_savepoint (LkTestFixture *fixture,
                gconstpointer  data)
{
  g_autoptr(LkStore) store = new_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  {
    g_autoptr(LkTxn) txn = lk_txn_begin (store, &error);
    g_autoptr(LkSavepoint) step = NULL;

    g_assert_no_error (error);
    set (store, "txn.a", "1");
    step = lk_savepoint_begin (store, &error);
    g_assert_no_error (error);
    set (store, "txn.undone", "1");
    fail_statement (store);
    g_clear_pointer (&step, lk_savepoint_free); /* undone: the transaction goes on */
    set (store, "txn.b", "2");
    step = lk_savepoint_begin (store, &error);
    set (store, "txn.c", "3");
    g_assert_true (lk_savepoint_release (step, &error));
    g_assert_no_error (error);
    commit (txn);
  }
  a = setting (store, "txn.a");
  b = setting (store, "txn.b");
  c = setting (store, "txn.c");
  g_assert_cmpstr (a, ==, "1");
  g_assert_cmpstr (b, ==, "2");
  g_assert_cmpstr (c, ==, "3");
  g_assert_null (setting (store, "txn.undone"));

  /* the same failure without a savepoint */
  {
    g_autoptr(LkTxn) txn = lk_txn_begin (store, &error);
    g_autofree char *d = NULL;

    set (store, "txn.d", "4");
    fail_statement (store);
    if (lk_test_server () != NULL)
      {
        g_assert_false (lk_store_set_setting (store, "txn.e", "5", &error));
        g_clear_error (&error);
        g_assert_false (lk_txn_commit (txn, &error));
        g_assert_error (error, LK_ERROR, LK_ERROR_DATABASE);
        g_assert_nonnull (g_strstr_len (error->message, -1, "an earlier step"));
        g_clear_pointer (&txn, lk_txn_free);
        g_assert_null (setting (store, "txn.d"));
      }
    else
      {
        commit (txn);
        d = setting (store, "txn.d");
        g_assert_cmpstr (d, ==, "4");
      }
  }
}

/* Actions inside an enclosing transaction: each is a savepoint (one that fails is undone
 * alone), and nothing is there until the enclosing one commits; freed uncommitted, none is. */
static void
test_enclosing (LkTestFixture *fixture,
                gconstpointer  data)
{
  g_autoptr(LkStore) store = new_store (fixture);
  g_autoptr(GError) error = NULL;
  gint64 events = lk_test_count_action (store, "txn.recorded");
  g_autofree char *one = NULL, *three = NULL;

  {
    g_autoptr(LkTxn) outer = lk_txn_begin_enclosing (store, &error);

    g_assert_no_error (error);
    {
      g_autoptr(LkTxn) action = lk_txn_begin (store, &error);

      g_assert_no_error (error);
      set (store, "enc.one", "1");
      g_assert_true (lk_audit_append (store, &tester, "txn.recorded", "one", NULL, &error));
      commit (action);
    }
    {
      g_autoptr(LkTxn) action = lk_txn_begin (store, &error);

      set (store, "enc.two", "2");
      fail_statement (store);
      /* freed uncommitted: this action alone is undone */
    }
    /* an event alone is a step of the enclosing transaction too */
    g_assert_true (lk_audit_record (store, &tester, "txn.recorded", "alone", NULL, &error));
    g_assert_no_error (error);
    {
      g_autoptr(LkTxn) action = lk_txn_begin (store, &error);

      set (store, "enc.three", "3");
      commit (action);
    }
    commit (outer);
  }
  one = setting (store, "enc.one");
  three = setting (store, "enc.three");
  g_assert_cmpstr (one, ==, "1");
  g_assert_null (setting (store, "enc.two"));
  g_assert_cmpstr (three, ==, "3");
  g_assert_cmpint (lk_test_count_action (store, "txn.recorded"), ==, events + 2);

  /* freed without its commit: none of its actions stays */
  {
    g_autoptr(LkTxn) outer = lk_txn_begin_enclosing (store, &error);
    g_autoptr(LkTxn) action = lk_txn_begin (store, &error);

    set (store, "enc.four", "4");
    g_assert_true (lk_audit_append (store, &tester, "txn.recorded", "four", NULL, &error));
    commit (action);
  }
  g_assert_null (setting (store, "enc.four"));
  g_assert_cmpint (lk_test_count_action (store, "txn.recorded"), ==, events + 2);
  /* and the store is an ordinary one again: a transaction is a transaction */
  {
    g_autoptr(LkTxn) txn = lk_txn_begin (store, &error);

    g_assert_no_error (error);
    g_assert_true (lk_store_in_transaction (store));
    commit (txn);
  }
}

/* With synchronous_commit on (as a lab's server runs; tests/pg-server turns it off), commits
 * wait for the disk after the writers' lock is free, and the chain still holds. */
static void
test_durable (LkTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(LkStore) setup = NULL;
  g_autoptr(LkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *setting_now = NULL;
  gint64 n = 0, broken = 0, before;

  if (lk_test_server () == NULL)
    {
      g_test_skip ("durable commits are a server's: run under tests/pg-server");
      return;
    }
  setup = new_store (fixture);
  before = lk_test_count_action (setup, "txn.durable");
  uri = g_strconcat (fixture->db_path, strchr (fixture->db_path, '?') ? "&" : "?",
                     "options=-csynchronous_commit%3Don", NULL);
  store = lk_store_open (uri, LK_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  setting_now = lk_test_sql_text (uri, "SHOW synchronous_commit");
  g_assert_cmpstr (setting_now, ==, "on");
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(LkTxn) txn = lk_txn_begin (store, &error);

      g_assert_true (lk_audit_append (store, &tester, "txn.durable", "in-action", NULL, &error));
      commit (txn);
      g_assert_true (lk_audit_record (store, &tester, "txn.durable", "alone", NULL, &error));
      g_assert_no_error (error);
    }
  /* a failed action still says so at its commit */
  {
    g_autoptr(LkTxn) txn = lk_txn_begin (store, &error);

    fail_statement (store);
    g_assert_false (lk_txn_commit (txn, &error));
    g_assert_nonnull (g_strstr_len (error->message, -1, "an earlier step"));
    g_clear_error (&error);
  }
  g_assert_cmpint (lk_test_count_action (setup, "txn.durable"), ==, before + 10);
  g_assert_true (lk_audit_verify (store, &n, &broken, &reason, &error));
  g_assert_no_error (error);
  g_assert_cmpint (broken, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/store-txn/savepoint", test_savepoint);
  LK_TEST_ADD ("/likeness/store-txn/enclosing", test_enclosing);
  LK_TEST_ADD ("/likeness/store-txn/durable", test_durable);

  return g_test_run ();
}
