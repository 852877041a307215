/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The first-run assistant welcomes the new lab, creates the administrator and logs them in. */
#include "config.h"

#include "lk-setup-window.h"
#include "lk-test-ui.h"
#include "people/lk-session.h"
#include "store/lk-store.h"

typedef struct
{
  LkSession *session;
} SetupResult;

static void
on_logged_in (LkSetupWindow *window,
              LkSession     *session,
              SetupResult   *result)
{
  g_set_object (&result->session, session);
}

static gboolean
has_session (gpointer data)
{
  return ((SetupResult *) data)->session != NULL;
}

static void
fill (GtkWidget  *window,
      const char *password,
      const char *confirm)
{
  lk_test_set_text (window, "User name", "ada");
  lk_test_set_text (window, "Full name", "Ada Lovelace");
  lk_test_set_text (window, "Password", password);
  lk_test_set_text (window, "Confirm password", confirm);
}

/* Before anything exists, the window says what it sets up and why the administrator comes
 * first, under the application's icon. */
static void
test_welcome (void)
{
  g_autofree char *folder = NULL;
  g_autoptr(LkStore) store = lk_test_store_new (&folder, NULL);
  LkSetupWindow *window = lk_setup_window_new (NULL, store);
  GtkWidget *icon;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (window), "Welcome to Likeness", 5000));
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (window),
                                     "Set up Likeness by creating its administrator account. "
                                     "The administrator manages users, roles and policy. "
                                     "Casework is done under separate examiner and reviewer "
                                     "accounts, which the administrator adds next.", 5000));
  g_assert_null (lk_test_find (GTK_WIDGET (window), GTK_TYPE_LABEL,
                               "This database has no users yet."));
  icon = lk_test_find (GTK_WIDGET (window), GTK_TYPE_IMAGE, APP_ID);
  g_assert_nonnull (icon);
  g_assert_true (gtk_widget_is_visible (icon));
  lk_test_assert_accessible (icon, GTK_ACCESSIBLE_PROPERTY_LABEL, "Likeness");
  g_assert_true (gtk_widget_get_sensitive (lk_test_find (GTK_WIDGET (window), GTK_TYPE_BUTTON,
                                                         "Create Administrator")));
  lk_test_shoot (GTK_WIDGET (window), "setup-welcome.png");

  lk_test_destroy_window (window, NULL);
  lk_test_unref_finalized (g_steal_pointer (&store));
  lk_test_remove_folder (folder);
}

static void
test_creates_administrator (void)
{
  g_autofree char *folder = NULL;
  g_autoptr(LkStore) store = lk_test_store_new (&folder, NULL);
  LkSetupWindow *window = lk_setup_window_new (NULL, store);
  SetupResult result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) again = NULL;

  g_assert_false (lk_test_sql_int64 (store, "SELECT count(*) FROM users") > 0);
  g_signal_connect (window, "logged-in", G_CALLBACK (on_logged_in), &result);
  gtk_window_present (GTK_WINDOW (window));
  fill (GTK_WIDGET (window), "correct horse battery", "correct horse battery");
  lk_test_click (GTK_WIDGET (window), "Create Administrator");
  g_assert_true (lk_test_wait (has_session, &result, 10000));

  g_assert_cmpstr (lk_session_get_user_name (result.session), ==, "ada");
  g_assert_cmpstr (lk_session_get_display_name (result.session), ==, "Ada Lovelace");
  g_assert_true (lk_session_has_role (result.session, LK_ROLE_ADMINISTRATOR));
  g_assert_true (lk_test_sql_int64 (store, "SELECT count(*) FROM users") > 0);
  /* The account works from a fresh log-in too. */
  again = lk_session_login (store, "ada", "correct horse battery", &error);
  g_assert_no_error (error);

  lk_test_destroy_window (window, NULL);
  g_clear_object (&result.session);
  g_clear_object (&again);
  lk_test_unref_finalized (g_steal_pointer (&store));
  lk_test_remove_folder (folder);
}

static void
test_refuses_mismatched_passwords (void)
{
  g_autofree char *folder = NULL;
  g_autoptr(LkStore) store = lk_test_store_new (&folder, NULL);
  LkSetupWindow *window = lk_setup_window_new (NULL, store);
  SetupResult result = { 0 };

  g_signal_connect (window, "logged-in", G_CALLBACK (on_logged_in), &result);
  gtk_window_present (GTK_WINDOW (window));
  fill (GTK_WIDGET (window), "correct horse battery", "correct horse batterx");
  lk_test_click (GTK_WIDGET (window), "Create Administrator");
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (window), "The two passwords differ.", 5000));
  g_assert_null (result.session);
  g_assert_false (lk_test_sql_int64 (store, "SELECT count(*) FROM users") > 0);

  lk_test_destroy_window (window, NULL);
  lk_test_unref_finalized (g_steal_pointer (&store));
  lk_test_remove_folder (folder);
}

static void
test_refuses_short_password (void)
{
  g_autofree char *folder = NULL;
  g_autoptr(LkStore) store = lk_test_store_new (&folder, NULL);
  LkSetupWindow *window = lk_setup_window_new (NULL, store);

  gtk_window_present (GTK_WINDOW (window));
  fill (GTK_WIDGET (window), "short", "short");
  lk_test_click (GTK_WIDGET (window), "Create Administrator");
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (window),
                                     "The password must be at least 8 characters long", 5000));
  g_assert_false (lk_test_sql_int64 (store, "SELECT count(*) FROM users") > 0);

  lk_test_destroy_window (window, NULL);
  lk_test_unref_finalized (g_steal_pointer (&store));
  lk_test_remove_folder (folder);
}

int
main (int    argc,
      char **argv)
{
  /* The test backend keeps the accessible names where the welcome case reads them. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  lk_test_ui_init (&argc, &argv);
  g_test_add_func ("/likeness/setup/welcome", test_welcome);
  g_test_add_func ("/likeness/setup/creates-administrator", test_creates_administrator);
  g_test_add_func ("/likeness/setup/refuses-mismatched-passwords",
                   test_refuses_mismatched_passwords);
  g_test_add_func ("/likeness/setup/refuses-short-password", test_refuses_short_password);
  return g_test_run ();
}
