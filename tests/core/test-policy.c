/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Agency policy: defaults, only administrators change it, every value checked, every change
 * audited with the old and the new value and a reason. */
#include "config.h"

#include <string.h>

#include "lk-test-util.h"
#include "lk-test-policy.h"
#include "governance/lk-feature-lists.h"
#include "governance/lk-policy.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse"
#define EXAMINER "erin"
#define EXAMINER_PASSWORD "battery staple"
#define REASON "Agreed by the lab board on 2026-02-03"

static gint64
count_settings (LkTestFixture *fixture)
{
  return lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM settings");
}

static void
assert_set_refused (LkTestFixture *fixture,
                    LkSession     *session,
                    const char    *key,
                    const char    *value,
                    const char    *reason,
                    int            code,
                    const char    *expected)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(GError) error = NULL;
  gint64 settings = count_settings (fixture);
  gint64 changes = lk_test_count_action (store, "policy.changed");

  g_assert_false (lk_policy_set (session, key, value, reason, &error));
  g_assert_error (error, LK_ERROR, code);
  if (strstr (error->message, expected) == NULL)
    g_error ("Expected “%s” in: %s", expected, error->message);
  g_assert_cmpint (count_settings (fixture), ==, settings);
  g_assert_cmpint (lk_test_count_action (store, "policy.changed"), ==, changes);
}

static void
set_ok (LkSession  *session,
        const char *key,
        const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_policy_set (session, key, value, REASON, &error));
  g_assert_no_error (error);
}

/* Every default is a valid value of its own key, and the thresholds are ordered. */
static void
test_defaults (LkTestFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  const LkPolicyKey *keys;
  guint n;

  keys = lk_policy_keys (&n);
  g_assert_cmpuint (n, >, 10);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = lk_test_policy_string (store, keys[i].key);

      g_assert_true (lk_policy_key_lookup (keys[i].key) == &keys[i]);
      g_assert_cmpstr (value, ==, keys[i].fallback);
      g_assert_cmpuint (strlen (keys[i].description), >, 0);
      if (keys[i].type == LK_POLICY_INT || keys[i].type == LK_POLICY_DOUBLE)
        {
          double number = lk_test_policy_double (store, keys[i].key);

          g_assert_cmpfloat (number, >=, keys[i].min);
          g_assert_cmpfloat (number, <=, keys[i].max);
        }
      if (g_str_has_prefix (keys[i].key, "quality.") && g_str_has_suffix (keys[i].key, ".red"))
        {
          g_autofree char *stem = g_strndup (keys[i].key, strlen (keys[i].key) - 4);
          g_autofree char *amber_key = g_strconcat (stem, ".amber", NULL);
          double red = lk_test_policy_double (store, keys[i].key);
          double amber = lk_test_policy_double (store, amber_key);

          g_assert_nonnull (lk_policy_key_lookup (amber_key));
          g_assert_cmpfloat (red, !=, amber);
        }
    }
  g_assert_null (lk_policy_key_lookup ("no.such.key"));
  g_assert_cmpint (lk_test_policy_int (store, "lockout_threshold"), ==, 5);
  g_assert_cmpfloat (lk_test_policy_double (store, "max_image_megapixels"), ==, 100);
  g_assert_cmpfloat (lk_test_policy_double (store, "max_image_megabytes"), ==, 200);
  g_assert_cmpfloat (lk_test_policy_double (store, "quality.inter_eye.red"), ==, 40);
  for (const char * const *kind = (const char * const[]) { "sketch", "composite", "look-alike",
                                                           "edited", "ai-generated", NULL };
       *kind != NULL; kind++)
    g_assert_true (lk_test_policy_contains (store, "refused_probe_kinds", *kind));
  g_assert_false (lk_test_policy_contains (store, "refused_probe_kinds", "photograph"));
  g_assert_false (lk_test_policy_contains (store, "refused_probe_kinds", "sketc"));
  g_assert_cmpint (count_settings (fixture), ==, 0);
}

static void
test_administrators_only (LkTestFixture *fixture,
                          gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) admin = lk_test_login (store, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) examiner = NULL;
  g_autoptr(LkSession) everyone_else = NULL;
  g_autoptr(GError) error = NULL;

  lk_users_add (admin, EXAMINER, NULL, LK_ROLE_EXAMINER, EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  lk_users_add (admin, "eve", NULL,
                LK_ROLE_EXAMINER | LK_ROLE_REVIEWER | LK_ROLE_TRAINER,
                "all casework roles", &error);
  g_assert_no_error (error);
  examiner = lk_test_login (store, EXAMINER, EXAMINER_PASSWORD);
  everyone_else = lk_test_login (store, "eve", "all casework roles");

  assert_set_refused (fixture, examiner, "refused_probe_kinds", "", REASON,
                      LK_ERROR_PERMISSION_DENIED, "");
  assert_set_refused (fixture, everyone_else, "max_image_megapixels", "500", REASON,
                      LK_ERROR_PERMISSION_DENIED, "");
  /* the refusal comes first: an outsider learns nothing about keys or values */
  assert_set_refused (fixture, examiner, "no.such.key", "1", NULL, LK_ERROR_PERMISSION_DENIED,
                      "");
  g_assert_true (lk_test_policy_contains (store, "refused_probe_kinds", "sketch"));
  g_assert_cmpfloat (lk_test_policy_double (store, "max_image_megapixels"), ==, 100);

  set_ok (admin, "max_image_megapixels", "500");
  g_assert_cmpfloat (lk_test_policy_double (store, "max_image_megapixels"), ==, 500);
}

static void
test_validation (LkTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) admin = lk_test_login (store, ADMIN, ADMIN_PASSWORD);

  assert_set_refused (fixture, admin, "no_such_key", "1", REASON, LK_ERROR_INVALID_INPUT,
                      "no_such_key");
  assert_set_refused (fixture, admin, "lockout_threshold", "five", REASON,
                      LK_ERROR_INVALID_INPUT, "whole number");
  assert_set_refused (fixture, admin, "lockout_threshold", "5.5", REASON,
                      LK_ERROR_INVALID_INPUT, "whole number");
  assert_set_refused (fixture, admin, "lockout_threshold", "", REASON, LK_ERROR_INVALID_INPUT,
                      "whole number");
  assert_set_refused (fixture, admin, "lockout_threshold", "6 attempts", REASON,
                      LK_ERROR_INVALID_INPUT, "whole number");
  assert_set_refused (fixture, admin, "max_image_megapixels", "lots", REASON,
                      LK_ERROR_INVALID_INPUT, "number");
  assert_set_refused (fixture, admin, "max_image_megapixels", "nan", REASON,
                      LK_ERROR_INVALID_INPUT, "number");
  assert_set_refused (fixture, admin, "max_image_megapixels", "inf", REASON,
                      LK_ERROR_INVALID_INPUT, "number");
  assert_set_refused (fixture, admin, "lockout_threshold", "2", REASON, LK_ERROR_INVALID_INPUT,
                      "between 3 and 10");
  assert_set_refused (fixture, admin, "lockout_threshold", "11", REASON, LK_ERROR_INVALID_INPUT,
                      "between 3 and 10");
  assert_set_refused (fixture, admin, "max_image_megabytes", "0.5", REASON,
                      LK_ERROR_INVALID_INPUT, "between 1 and 2000");
  assert_set_refused (fixture, admin, "quality.clipping.red", "1.5", REASON,
                      LK_ERROR_INVALID_INPUT, "between 0 and 1");
  assert_set_refused (fixture, admin, "lockout_threshold", NULL, REASON, LK_ERROR_INVALID_INPUT,
                      "value");
  /* red lies beyond amber: below it where less is worse, above it otherwise */
  assert_set_refused (fixture, admin, "quality.face_width.red", "500", REASON,
                      LK_ERROR_INVALID_INPUT, "red must lie at or below amber");
  assert_set_refused (fixture, admin, "quality.face_width.amber", "30", REASON,
                      LK_ERROR_INVALID_INPUT, "red must lie at or below amber");
  assert_set_refused (fixture, admin, "quality.brisque.red", "10", REASON,
                      LK_ERROR_INVALID_INPUT, "red must lie at or above amber");
  /* a misspelt kind would let the real one through */
  assert_set_refused (fixture, admin, "refused_probe_kinds", "sketches,composite", REASON,
                      LK_ERROR_INVALID_INPUT, "sketches");

  assert_set_refused (fixture, admin, "lockout_threshold", "6", NULL, LK_ERROR_INVALID_INPUT,
                      "reason");
  assert_set_refused (fixture, admin, "lockout_threshold", "6", "   ", LK_ERROR_INVALID_INPUT,
                      "reason");
  g_assert_cmpint (lk_test_policy_int (store, "lockout_threshold"), ==, 5);
  g_assert_cmpint (count_settings (fixture), ==, 0);
}

static void
test_set_and_read (LkTestFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) admin = lk_test_login (store, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkStore) reopened = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *yunet = NULL;
  g_autofree char *broken_reason = NULL;
  gint64 n_events = 0, broken_seq = 0;
  JsonObject *details;

  set_ok (admin, "lockout_threshold", "7");
  set_ok (admin, "max_image_megapixels", "50.5");
  set_ok (admin, "yunet_model", "/opt/models/face_detection_yunet_2022mar.onnx");
  set_ok (admin, "refused_probe_kinds", " composite , ai-generated ");
  set_ok (admin, "quality.inter_eye.red", "0");
  set_ok (admin, "quality.brisque.amber", "50");

  g_assert_cmpint (lk_test_policy_int (store, "lockout_threshold"), ==, 7);
  g_assert_cmpfloat (lk_test_policy_double (store, "max_image_megapixels"), ==, 50.5);
  yunet = lk_test_policy_string (store, "yunet_model");
  g_assert_cmpstr (yunet, ==, "/opt/models/face_detection_yunet_2022mar.onnx");
  g_assert_true (lk_test_policy_contains (store, "refused_probe_kinds", "ai-generated"));
  g_assert_true (lk_test_policy_contains (store, "refused_probe_kinds", "composite"));
  g_assert_false (lk_test_policy_contains (store, "refused_probe_kinds", "sketch"));
  g_assert_cmpfloat (lk_test_policy_double (store, "quality.inter_eye.red"), ==, 0);

  /* every change is in the log: who, the old and the new value, and why */
  g_assert_cmpint (lk_test_count_action (store, "policy.changed"), ==, 6);
  set_ok (admin, "lockout_threshold", "4");
  event = lk_test_last_event (store);
  g_assert_cmpstr (event->action, ==, "policy.changed");
  g_assert_cmpstr (event->object, ==, "lockout_threshold");
  g_assert_cmpstr (event->user, ==, ADMIN);
  g_assert_cmpstr (event->role, ==, "administrator");
  g_assert_true (json_parser_load_from_data (parser, event->details, -1, NULL));
  details = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (details, "old"), ==, "7");
  g_assert_cmpstr (json_object_get_string_member (details, "new"), ==, "4");
  g_assert_cmpstr (json_object_get_string_member (details, "reason"), ==, REASON);

  /* the policy is the database's, not the process's */
  g_clear_object (&admin);
  g_clear_object (&store);
  reopened = lk_store_open (fixture->db_path, LK_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_test_policy_int (reopened, "lockout_threshold"), ==, 4);
  g_assert_cmpfloat (lk_test_policy_double (reopened, "max_image_megapixels"), ==, 50.5);
  g_assert_true (lk_audit_verify (reopened, &n_events, &broken_seq, &broken_reason, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_events, >, 6);
}

/* The lock-out threshold is read at log-in: a change takes effect for the next failures. */
static void
test_takes_effect (LkTestFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) admin = lk_test_login (store, ADMIN, ADMIN_PASSWORD);
  g_autoptr(GError) error = NULL;

  lk_users_add (admin, EXAMINER, NULL, LK_ROLE_EXAMINER, EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  set_ok (admin, "lockout_threshold", "3");
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(LkSession) none = lk_session_login (store, EXAMINER, "wrong", &error);

      g_assert_null (none);
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
  {
    g_autoptr(LkSession) locked = lk_session_login (store, EXAMINER, EXAMINER_PASSWORD, &error);

    g_assert_error (error, LK_ERROR, LK_ERROR_ACCOUNT_LOCKED);
    g_assert_null (locked);
  }
}

/* A database whose settings cannot be read is not taken for one that sets none: every read
 * of the policy fails with the database's error instead of returning the default, and so does
 * what rests on it (the lock-out threshold of a failed log-in). */
static void
test_broken_store (LkTestFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) admin = lk_test_login (store, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) nobody = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 number = -1;
  double real = -1;
  gboolean yes = TRUE;

  set_ok (admin, "lockout_threshold", "7");
  g_assert_cmpint (lk_test_policy_int (store, "lockout_threshold"), ==, 7);
  lk_test_sql (fixture->db_path, "ALTER TABLE settings RENAME TO settings_moved");

  g_assert_false (lk_policy_get_int (store, "lockout_threshold", &number, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (lk_policy_get_int (store, "idle_lock_max_minutes", &number, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (lk_policy_get_double (store, "max_image_megapixels", &real, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (lk_policy_get_string (store, "conclusion_scale", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (lk_policy_list_contains (store, "refused_probe_kinds", "sketch", &yes, &error));
  g_assert_nonnull (error);
  g_assert_false (yes);
  g_clear_error (&error);
  g_assert_false (lk_policy_refuses (store, "rules.limited_cap", &yes, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (lk_store_get_policy_int (store, "min_password_length", 8, &number, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  text = lk_feature_lists_current_edition (store, &error);
  g_assert_null (text);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* a wrong password whose failure cannot be counted against the threshold says so */
  nobody = lk_session_login (store, ADMIN, "wrong horse", &error);
  g_assert_null (nobody);
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, LK_ERROR, LK_ERROR_AUTHENTICATION_FAILED));
  g_clear_error (&error);

  /* the same database mended reads as before */
  lk_test_sql (fixture->db_path, "ALTER TABLE settings_moved RENAME TO settings");
  g_assert_true (lk_policy_get_int (store, "lockout_threshold", &number, &error));
  g_assert_no_error (error);
  g_assert_cmpint (number, ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/policy/defaults", test_defaults);
  LK_TEST_ADD ("/likeness/policy/administrators-only", test_administrators_only);
  LK_TEST_ADD ("/likeness/policy/validation", test_validation);
  LK_TEST_ADD ("/likeness/policy/set-and-read", test_set_and_read);
  LK_TEST_ADD ("/likeness/policy/takes-effect", test_takes_effect);
  LK_TEST_ADD ("/likeness/policy/broken-store", test_broken_store);

  return g_test_run ();
}
