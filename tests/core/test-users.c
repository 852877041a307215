/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Accounts, log-in, lock-out and the role gate. Each argon2id hash costs about 90 ms, so the
 * cases share few users and few log-ins. */
#include "config.h"

#include <string.h>

#include "lk-test-util.h"
#include "governance/lk-audit-log.h"
#include "people/lk-roles.h"
#include "people/lk-session.h"
#include "people/lk-user.h"
#include "people/lk-users.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse"
#define EXAMINER "erin"
#define EXAMINER_PASSWORD "battery staple"

static void
assert_login_fails (LkStore    *store,
                    const char *name,
                    const char *password,
                    int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) session = lk_session_login (store, name, password, &error);

  g_assert_error (error, LK_ERROR, code);
  g_assert_null (session);
}

static void
add_user (LkSession  *admin,
          const char *name,
          LkRoles     roles,
          const char *password)
{
  g_autoptr(GError) error = NULL;

  lk_users_add (admin, name, NULL, roles, password, &error);
  g_assert_no_error (error);
}

static gint64
count_users (LkTestFixture *fixture)
{
  return lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM users");
}

static LkUser *
lookup (LkSession  *admin,
        const char *name)
{
  g_autoptr(GError) error = NULL;
  LkUser *user = lk_users_lookup (admin, name, &error);

  g_assert_no_error (error);
  return user;
}

static void
test_first_administrator (LkTestFixture *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) store = lk_store_open (fixture->db_path, LK_STORE_OPEN_CREATE, &error);
  g_autoptr(LkAuditEvent) event = NULL;

  g_assert_no_error (error);
  g_assert_false (lk_users_create_administrator (store, ADMIN, NULL, "short", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "8"));
  g_clear_error (&error);
  g_assert_false (lk_users_create_administrator (store, "bad name!", NULL, ADMIN_PASSWORD,
                                                 &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (lk_test_store_initialised (store));

  g_assert_true (lk_users_create_administrator (store, ADMIN, "Ada", ADMIN_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_true (lk_test_store_initialised (store));
  event = lk_test_last_event (store);
  g_assert_cmpstr (event->action, ==, "user.created-first-administrator");
  g_assert_cmpstr (event->object, ==, ADMIN);
  g_assert_null (strstr (event->details, ADMIN_PASSWORD));

  g_assert_false (lk_users_create_administrator (store, "second", NULL, ADMIN_PASSWORD, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_ALREADY_INITIALISED);
  g_assert_cmpint (count_users (fixture), ==, 1);
}

static void
test_login (LkTestFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) session = lk_test_login (store, ADMIN, ADMIN_PASSWORD);
  g_autoptr(GError) unknown_error = NULL;
  g_autoptr(GError) wrong_error = NULL;

  g_assert_cmpstr (lk_session_get_user_name (session), ==, ADMIN);
  g_assert_true (lk_session_has_role (session, LK_ROLE_ADMINISTRATOR));
  g_assert_false (lk_session_has_role (session, LK_ROLE_EXAMINER));
  g_assert_cmpint (lk_test_count_action (store, "session.login"), ==, 1);

  g_assert_null (lk_session_login (store, ADMIN, "wrong password", &wrong_error));
  g_assert_error (wrong_error, LK_ERROR, LK_ERROR_AUTHENTICATION_FAILED);
  /* An unknown name answers exactly like a wrong password: no user enumeration. */
  g_assert_null (lk_session_login (store, "nobody", "wrong password", &unknown_error));
  g_assert_error (unknown_error, LK_ERROR, LK_ERROR_AUTHENTICATION_FAILED);
  g_assert_cmpstr (unknown_error->message, ==, wrong_error->message);
  g_assert_cmpint (lk_test_count_action (store, "session.login-failed"), ==, 2);
}

static void
test_lockout (LkTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) admin = lk_test_login (store, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) session = NULL;
  g_autoptr(LkUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *changed_at = NULL;

  add_user (admin, EXAMINER, LK_ROLE_EXAMINER, EXAMINER_PASSWORD);
  for (int i = 1; i <= 4; i++)
    assert_login_fails (store, EXAMINER, "guess", LK_ERROR_AUTHENTICATION_FAILED);
  g_assert_cmpint (lk_test_count_action (store, "user.locked-out"), ==, 0);
  /* The guess that locks the account is answered as any wrong password: the answer must not
   * tell an outsider that the name exists. */
  assert_login_fails (store, EXAMINER, "guess", LK_ERROR_AUTHENTICATION_FAILED);
  g_assert_cmpint (lk_test_count_action (store, "user.locked-out"), ==, 1);
  /* Locked means locked: the right password does not open it either, and only its holder
   * learns why. */
  assert_login_fails (store, EXAMINER, EXAMINER_PASSWORD, LK_ERROR_ACCOUNT_LOCKED);
  assert_login_fails (store, EXAMINER, "guess", LK_ERROR_AUTHENTICATION_FAILED);
  g_assert_cmpint (lk_test_count_action (store, "user.locked-out"), ==, 1);
  user = lookup (admin, EXAMINER);
  g_assert_true (user->locked);

  lk_users_reset_password (admin, EXAMINER, "fresh start", &error);
  g_assert_no_error (error);
  g_clear_pointer (&user, lk_user_free);
  user = lookup (admin, EXAMINER);
  g_assert_false (user->locked);
  g_assert_cmpint (user->failed_logins, ==, 0);
  session = lk_test_login (store, EXAMINER, "fresh start");
  g_assert_true (lk_session_has_role (session, LK_ROLE_EXAMINER));
  /* Time stamps keep one format (ISO 8601 UTC), so that they sort and compare as text. */
  changed_at = lk_test_sql_text (fixture->db_path,
                                 "SELECT password_changed_at FROM users WHERE name = 'erin'");
  g_assert_true (g_str_has_suffix (changed_at, "Z"));
  g_assert_cmpint (changed_at[10], ==, 'T');
}

static void
test_login_busy (LkTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  LkTestWriter *other = lk_test_writer_new (fixture->db_path);

  /* While another process writes, a wrong password cannot be counted: that is an error, not
   * a silent pass that would let guesses escape the lock-out and the audit log. */
  lk_store_set_busy_timeout (store, 100);
  assert_login_fails (store, ADMIN, "guess", LK_ERROR_BUSY);
  lk_test_writer_free (other);

  g_assert_cmpint (lk_test_count_action (store, "session.login-failed"), ==, 0);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT failed_logins FROM users"), ==, 0);
  assert_login_fails (store, ADMIN, "guess", LK_ERROR_AUTHENTICATION_FAILED);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT failed_logins FROM users"), ==, 1);
  g_assert_cmpint (lk_test_count_action (store, "session.login-failed"), ==, 1);
}

static void
test_disabled (LkTestFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) admin = lk_test_login (store, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) examiner = NULL;
  g_autoptr(LkSession) again = NULL;
  g_autoptr(GError) error = NULL;
  LkActor actor;

  add_user (admin, EXAMINER, LK_ROLE_EXAMINER, EXAMINER_PASSWORD);
  examiner = lk_test_login (store, EXAMINER, EXAMINER_PASSWORD);
  g_assert_true (lk_session_require (examiner, LK_ROLE_EXAMINER, &actor, &error));
  g_assert_cmpstr (actor.user, ==, EXAMINER);
  g_assert_cmpstr (actor.role, ==, "examiner");

  lk_users_set_disabled (admin, EXAMINER, TRUE, &error);
  g_assert_no_error (error);
  /* The open session is refused at its next action, not only at the next log-in. */
  g_assert_false (lk_session_require (examiner, LK_ROLE_EXAMINER, &actor, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  assert_login_fails (store, EXAMINER, EXAMINER_PASSWORD, LK_ERROR_ACCOUNT_DISABLED);

  lk_users_set_disabled (admin, EXAMINER, FALSE, &error);
  g_assert_no_error (error);
  again = lk_test_login (store, EXAMINER, EXAMINER_PASSWORD);
  g_assert_true (lk_session_require (examiner, LK_ROLE_EXAMINER, &actor, &error));
  g_assert_cmpint (lk_test_count_action (store, "user.disabled"), ==, 1);
  g_assert_cmpint (lk_test_count_action (store, "user.enabled"), ==, 1);
}

static void
assert_denied (GError **error)
{
  g_assert_error (*error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (error);
}

static void
test_role_gate (LkTestFixture *fixture,
                gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) admin = lk_test_login (store, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) examiner = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(LkUser) user = NULL;
  g_autoptr(GError) error = NULL;

  add_user (admin, EXAMINER, LK_ROLE_EXAMINER, EXAMINER_PASSWORD);
  examiner = lk_test_login (store, EXAMINER, EXAMINER_PASSWORD);

  g_assert_false (lk_users_add (examiner, "mallory", NULL, LK_ROLE_ADMINISTRATOR,
                                "mallory's password", &error));
  assert_denied (&error);
  users = lk_users_list (examiner, &error);
  g_assert_null (users);
  assert_denied (&error);
  g_assert_false (lk_users_set_disabled (examiner, ADMIN, TRUE, &error));
  assert_denied (&error);
  g_assert_false (lk_audit_log_export (examiner, LK_AUDIT_FORMAT_JSONL, out, &error));
  assert_denied (&error);
  g_assert_false (lk_users_set_roles (examiner, EXAMINER, LK_ROLE_ADMINISTRATOR, &error));
  assert_denied (&error);
  g_assert_false (lk_users_reset_password (examiner, ADMIN, "taken over!", &error));
  assert_denied (&error);

  g_assert_cmpint (count_users (fixture), ==, 2);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), ==, 0);
  g_assert_cmpint (lk_test_count_action (store, "access.denied"), ==, 6);
  user = lookup (admin, ADMIN);
  g_assert_false (user->disabled);
  g_clear_pointer (&user, lk_user_free);
  user = lookup (admin, EXAMINER);
  g_assert_cmpint (user->roles, ==, LK_ROLE_EXAMINER);
}

static void
test_roles_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  LkRoles roles = 0;

  g_assert_true (lk_roles_parse (" Examiner, reviewer ", &roles, &error));
  g_assert_no_error (error);
  g_assert_cmpint (roles, ==, LK_ROLE_EXAMINER | LK_ROLE_REVIEWER);
  text = lk_roles_to_string (roles);
  g_assert_cmpstr (text, ==, "examiner,reviewer");

  roles = LK_ROLE_TRAINER;
  g_assert_false (lk_roles_parse ("trainee,examiner", &roles, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "trainee"));
  g_assert_cmpint (roles, ==, LK_ROLE_TRAINER);
  g_clear_error (&error);
  g_assert_false (lk_roles_parse ("reviewer,trainee", &roles, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (lk_roles_parse ("", &roles, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (lk_roles_parse ("examiner,wizard", &roles, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "wizard"));
}

static void
test_add_checks (LkTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) admin = lk_test_login (store, ADMIN, ADMIN_PASSWORD);
  g_autoptr(GError) error = NULL;

  /* The same rules hold for the core API as for the command line. */
  g_assert_false (lk_users_add (admin, "tina", NULL, LK_ROLE_TRAINEE | LK_ROLE_EXAMINER,
                                "long enough", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (lk_users_add (admin, "tina", NULL, LK_ROLE_TRAINEE, "1234567", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (lk_users_add (admin, "trainee1", NULL, LK_ROLE_TRAINEE, "TRAINEE1", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (lk_users_add (admin, ADMIN, NULL, LK_ROLE_TRAINEE, "long enough", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_EXISTS);
  g_assert_cmpint (count_users (fixture), ==, 1);
  g_assert_cmpint (lk_test_count_action (store, "user.created"), ==, 0);
}

static void
test_last_administrator (LkTestFixture *fixture,
                         gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) admin = lk_test_login (store, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkUser) user = NULL;
  g_autoptr(GError) error = NULL;
  LkActor actor;

  g_assert_false (lk_users_set_disabled (admin, ADMIN, TRUE, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (lk_users_set_roles (admin, ADMIN, LK_ROLE_EXAMINER, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "administrator"));
  g_clear_error (&error);

  /* Nothing changed: the refused update was rolled back. */
  user = lookup (admin, ADMIN);
  g_assert_false (user->disabled);
  g_assert_cmpint (user->roles, ==, LK_ROLE_ADMINISTRATOR);
  g_assert_true (lk_session_require (admin, LK_ROLE_ADMINISTRATOR, &actor, &error));
  g_assert_cmpint (lk_test_count_action (store, "user.roles-changed"), ==, 0);

  /* With a second administrator, the first may step down. */
  add_user (admin, "admin2", LK_ROLE_ADMINISTRATOR, "second admin");
  lk_users_set_roles (admin, ADMIN, LK_ROLE_EXAMINER, &error);
  g_assert_no_error (error);
  g_assert_false (lk_session_require (admin, LK_ROLE_ADMINISTRATOR, &actor, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
}

static void
test_change_password (LkTestFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) session = lk_test_login (store, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (lk_session_change_password (session, "not my password", "new password",
                                              &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_AUTHENTICATION_FAILED);
  g_clear_error (&error);
  g_assert_false (lk_session_change_password (session, ADMIN_PASSWORD, "short", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (lk_test_count_action (store, "user.password-changed"), ==, 0);

  g_assert_true (lk_session_change_password (session, ADMIN_PASSWORD, "new password", &error));
  g_assert_no_error (error);
  g_assert_cmpint (lk_test_count_action (store, "user.password-changed"), ==, 1);
  assert_login_fails (store, ADMIN, ADMIN_PASSWORD, LK_ERROR_AUTHENTICATION_FAILED);
  again = lk_test_login (store, ADMIN, "new password");
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  (*(int *) user_data)++;
}

static void
test_idle_lock (LkTestFixture *fixture,
                gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) session = lk_test_login (store, ADMIN, ADMIN_PASSWORD);
  g_autoptr(GError) error = NULL;
  int notified = 0;
  LkActor actor;

  g_signal_connect (session, "notify::locked", G_CALLBACK (on_notify), &notified);
  g_assert_true (lk_session_lock (session, &error));
  g_assert_true (lk_session_get_locked (session));
  g_assert_cmpint (notified, ==, 1);
  g_assert_false (lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  g_assert_false (lk_session_unlock (session, "not my password", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_AUTHENTICATION_FAILED);
  g_clear_error (&error);
  g_assert_true (lk_session_get_locked (session));

  g_assert_true (lk_session_unlock (session, ADMIN_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_false (lk_session_get_locked (session));
  g_assert_cmpint (notified, ==, 2);
  g_assert_true (lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, &error));
  g_assert_cmpint (lk_test_count_action (store, "session.locked"), ==, 1);
  g_assert_cmpint (lk_test_count_action (store, "session.unlocked"), ==, 1);
}

/* A refusal whose audit event cannot be written says so instead of passing for a plain
 * refusal: the log never silently misses a failed log-in or a denied action. */
static void
test_refusal_unrecorded (LkTestFixture *fixture,
                         gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) admin = lk_test_login (store, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) examiner = NULL;
  g_autoptr(GError) error = NULL;
  gint64 events;

  add_user (admin, EXAMINER, LK_ROLE_EXAMINER, EXAMINER_PASSWORD);
  examiner = lk_test_login (store, EXAMINER, EXAMINER_PASSWORD);
  events = lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM audit_event");
  lk_test_sql (fixture->db_path,
               lk_test_server () != NULL
                 ? "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_event FOR EACH ROW"
                   " EXECUTE FUNCTION lk_refuse ('audit log unwritable')"
                 : "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_event"
                   " BEGIN SELECT RAISE (ABORT, 'audit log unwritable'); END");

  g_assert_null (lk_session_login (store, "nobody", "wrong password", &error));
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, LK_ERROR, LK_ERROR_AUTHENTICATION_FAILED));
  g_assert_nonnull (strstr (error->message, "could not be recorded in the audit log"));
  g_clear_error (&error);
  /* A wrong password is counted and logged in one transaction: neither happens. */
  g_assert_null (lk_session_login (store, ADMIN, "wrong password", &error));
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, LK_ERROR, LK_ERROR_AUTHENTICATION_FAILED));
  g_assert_nonnull (strstr (error->message, "audit log unwritable"));
  g_assert_cmpint (lk_test_sql_int (fixture->db_path,
                                    "SELECT failed_logins FROM users WHERE name = 'admin'"), ==, 0);
  g_clear_error (&error);
  g_assert_false (lk_users_add (examiner, "mallory", NULL, LK_ROLE_ADMINISTRATOR,
                                "mallory's password", &error));
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED));
  g_assert_nonnull (strstr (error->message, "could not be recorded in the audit log"));
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM audit_event"), ==,
                   events);
  g_assert_cmpint (count_users (fixture), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/users/first-administrator", test_first_administrator);
  LK_TEST_ADD ("/likeness/users/login", test_login);
  LK_TEST_ADD ("/likeness/users/lockout", test_lockout);
  LK_TEST_ADD ("/likeness/users/login-busy", test_login_busy);
  LK_TEST_ADD ("/likeness/users/disabled", test_disabled);
  LK_TEST_ADD ("/likeness/users/role-gate", test_role_gate);
  g_test_add_func ("/likeness/users/roles-parse", test_roles_parse);
  LK_TEST_ADD ("/likeness/users/add-checks", test_add_checks);
  LK_TEST_ADD ("/likeness/users/last-administrator", test_last_administrator);
  LK_TEST_ADD ("/likeness/users/change-password", test_change_password);
  LK_TEST_ADD ("/likeness/users/idle-lock", test_idle_lock);
  LK_TEST_ADD ("/likeness/users/refusal-unrecorded", test_refusal_unrecorded);

  return g_test_run ();
}
