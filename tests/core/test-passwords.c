/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Passwords and accounts: libpwquality's checks and the policy's minimum score for new
 * passwords, one answer to a wrong password whatever the account, unlocking an account, and
 * rehashing a stored hash of weaker parameters at log-in. */
#include "config.h"

#include <sodium.h>
#include <string.h>

#include "lk-test-util.h"
#include "governance/lk-policy.h"
#include "people/lk-password.h"
#include "people/lk-session.h"
#include "people/lk-user.h"
#include "people/lk-users.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse"
#define EXAMINER "erin"
#define EXAMINER_PASSWORD "battery staple"

static LkSession *
add_examiner (LkStore *store)
{
  g_autoptr(LkSession) admin = lk_test_login (store, ADMIN, ADMIN_PASSWORD);
  g_autoptr(GError) error = NULL;

  lk_users_add (admin, EXAMINER, NULL, LK_ROLE_EXAMINER, EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&admin);
}

static void
assert_refused (LkSession  *admin,
                const char *password,
                const char *expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lk_users_reset_password (admin, EXAMINER, password, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_test_message ("%s: %s", password, error->message);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_quality (LkTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) admin = add_examiner (store);
  g_autoptr(GError) error = NULL;

  /* Long enough, and still refused. */
  assert_refused (admin, "password", "dictionary");
  assert_refused (admin, "erin12345", "user name");
  assert_refused (admin, "aaaaaaaaaaaa", "choose another password");
  /* The policy's minimum score: "battery staple" scores less than 100. */
  g_assert_true (lk_policy_set (admin, "min_password_score", "100", "Stricter for a test", &error));
  g_assert_no_error (error);
  assert_refused (admin, EXAMINER_PASSWORD, "the policy asks for at least 100");
  g_assert_true (lk_policy_set (admin, "min_password_score", "30", "Back to the default", &error));
  g_assert_no_error (error);
  g_assert_true (lk_users_reset_password (admin, EXAMINER, "sunset quilt marble 42", &error));
  g_assert_no_error (error);
  /* Changing one's own password meets the same checks. */
  {
    g_autoptr(LkSession) examiner = lk_test_login (store, EXAMINER, "sunset quilt marble 42");

    g_assert_false (lk_session_change_password (examiner, "sunset quilt marble 42", "password",
                                                &error));
    g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  }
}

static char *
login_error (LkStore    *store,
             const char *name,
             const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) session = lk_session_login (store, name, password, &error);

  g_assert_null (session);
  g_assert_nonnull (error);
  return g_strdup_printf ("%s %d %s", g_quark_to_string (error->domain), error->code,
                          error->message);
}

/* A wrong password is answered alike for an active, a disabled, a locked and an unknown
 * account; only the right password learns that an account is disabled or locked. */
static void
test_same_answer (LkTestFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) admin = add_examiner (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *active = login_error (store, EXAMINER, "wrong guess");
  g_autofree char *unknown = login_error (store, "nobody", "wrong guess");
  g_autofree char *disabled = NULL;
  g_autofree char *locked = NULL;
  g_autofree char *right = NULL;

  g_assert_true (lk_users_set_disabled (admin, EXAMINER, TRUE, &error));
  g_assert_no_error (error);
  disabled = login_error (store, EXAMINER, "wrong guess");
  right = login_error (store, EXAMINER, EXAMINER_PASSWORD);
  g_assert_true (lk_users_set_disabled (admin, EXAMINER, FALSE, &error));
  g_assert_no_error (error);
  lk_test_sql (fixture->db_path, "UPDATE users SET locked = 1 WHERE name = 'erin'");
  locked = login_error (store, EXAMINER, "wrong guess");

  g_assert_cmpstr (active, ==, unknown);
  g_assert_cmpstr (disabled, ==, unknown);
  g_assert_cmpstr (locked, ==, unknown);
  g_assert_nonnull (strstr (unknown, "Wrong user name or password"));
  g_assert_nonnull (strstr (right, "disabled"));
  /* The audit log still says what happened. */
  g_assert_cmpint (lk_test_sql_int (fixture->db_path,
                                    "SELECT count(*) FROM audit_event WHERE action ="
                                    " 'session.login-failed' AND details LIKE"
                                    " '%wrong password, account disabled%'"), ==, 1);
}

/* Every attempt costs one argon2id verification: an unknown name takes as long as a known
 * one (within a wide margin; the point is that neither answers at once). */
static void
test_same_time (LkTestFixture *fixture,
                gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) admin = add_examiner (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = lk_password_hash (EXAMINER_PASSWORD, &error);
  gint64 start, known, unknown, disabled;

  g_assert_no_error (error);
  g_free (login_error (store, "nobody", "warm up"));
  start = g_get_monotonic_time ();
  g_free (login_error (store, EXAMINER, "wrong guess"));
  known = g_get_monotonic_time () - start;
  start = g_get_monotonic_time ();
  g_free (login_error (store, "nobody", "wrong guess"));
  unknown = g_get_monotonic_time () - start;
  g_assert_true (lk_users_set_disabled (admin, EXAMINER, TRUE, &error));
  start = g_get_monotonic_time ();
  g_free (login_error (store, EXAMINER, "wrong guess"));
  disabled = g_get_monotonic_time () - start;
  g_test_message ("known %" G_GINT64_FORMAT " us, unknown %" G_GINT64_FORMAT " us, disabled %"
                  G_GINT64_FORMAT " us", known, unknown, disabled);
  g_assert_cmpint (unknown, >, known / 3);
  g_assert_cmpint (disabled, >, known / 3);
}

static void
test_unlock (LkTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) admin = add_examiner (store);
  g_autoptr(LkSession) examiner = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  g_autoptr(LkCliRun) run = NULL;
  g_autoptr(LkCliRun) not_locked = NULL;
  g_autoptr(LkCliRun) no_reason = NULL;
  g_autoptr(LkCliRun) not_admin = NULL;

  for (int i = 0; i < 5; i++)
    g_free (login_error (store, EXAMINER, "wrong guess"));
  g_assert_cmpint (lk_test_sql_int (fixture->db_path,
                                    "SELECT locked FROM users WHERE name = 'erin'"), ==, 1);

  no_reason = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user",
                           ADMIN, "user", "unlock", EXAMINER, NULL);
  lk_test_cli_assert_failed (no_reason, "needs a reason");
  not_admin = lk_test_cli (EXAMINER_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user",
                           ADMIN, "user", "unlock", EXAMINER, "--reason", "x", NULL);
  lk_test_cli_assert_failed (not_admin, "Wrong user name or password");
  run = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", ADMIN,
                     "user", "unlock", EXAMINER, "--reason", "Called from her desk", NULL);
  lk_test_cli_assert_ok (run);
  g_assert_cmpstr (run->out, ==, "unlocked erin\n");
  event = lk_test_last_event_of (store, "user.unlocked");
  g_assert_cmpstr (event->user, ==, ADMIN);
  g_assert_cmpstr (event->object, ==, EXAMINER);
  g_assert_nonnull (strstr (event->details, "Called from her desk"));
  g_assert_cmpint (lk_test_sql_int (fixture->db_path,
                                    "SELECT failed_logins FROM users WHERE name = 'erin'"),
                   ==, 0);
  /* Her own password opens it again. */
  examiner = lk_test_login (store, EXAMINER, EXAMINER_PASSWORD);

  not_locked = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user",
                            ADMIN, "user", "unlock", EXAMINER, "--reason", "again", NULL);
  lk_test_cli_assert_failed (not_locked, "is not locked");
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (lk_users_unlock (examiner, EXAMINER, "myself", &error));
    g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  }
}

/* A hash of the lowest parameters, as an older Likeness might have stored. */
static char *
weak_hash (const char *password)
{
  char out[crypto_pwhash_STRBYTES];

  g_assert_cmpint (sodium_init (), >=, 0);
  g_assert_cmpint (crypto_pwhash_str_alg (out, password, strlen (password),
                                          crypto_pwhash_OPSLIMIT_MIN, 8192,
                                          crypto_pwhash_ALG_ARGON2ID13), ==, 0);
  return g_strdup (out);
}

static void
test_rehash (LkTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) admin = add_examiner (store);
  g_autoptr(LkSession) first = NULL;
  g_autoptr(LkSession) second = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  g_autofree char *weak = weak_hash (EXAMINER_PASSWORD);
  g_autofree char *sql = g_strdup_printf ("UPDATE users SET password_hash = '%s'"
                                          " WHERE name = 'erin'", weak);
  g_autofree char *stored = NULL;
  g_autofree char *again = NULL;

  g_assert_true (lk_password_needs_rehash (weak));
  lk_test_sql (fixture->db_path, sql);
  first = lk_test_login (store, EXAMINER, EXAMINER_PASSWORD);
  stored = lk_test_sql_text (fixture->db_path,
                             "SELECT password_hash FROM users WHERE name = 'erin'");
  g_assert_cmpstr (stored, !=, weak);
  g_assert_true (g_str_has_prefix (stored, "$argon2id$"));
  g_assert_false (lk_password_needs_rehash (stored));
  g_assert_true (lk_password_verify (stored, EXAMINER_PASSWORD));
  event = lk_test_last_event_of (store, "session.login");
  g_assert_nonnull (strstr (event->details, "\"rehashed\":true"));

  /* Once strong, the hash stays as it is. */
  second = lk_test_login (store, EXAMINER, EXAMINER_PASSWORD);
  again = lk_test_sql_text (fixture->db_path,
                            "SELECT password_hash FROM users WHERE name = 'erin'");
  g_assert_cmpstr (again, ==, stored);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/passwords/quality", test_quality);
  LK_TEST_ADD ("/likeness/passwords/same-answer", test_same_answer);
  LK_TEST_ADD ("/likeness/passwords/same-time", test_same_time);
  LK_TEST_ADD ("/likeness/passwords/unlock", test_unlock);
  LK_TEST_ADD ("/likeness/passwords/rehash", test_rehash);

  return g_test_run ();
}
