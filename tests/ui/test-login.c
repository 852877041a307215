/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The log-in window refuses a wrong password and admits the right one. */
#include "config.h"

#include "lk-login-window.h"
#include "lk-test-ui.h"
#include "demo/lk-demo.h"
#include "people/lk-session.h"
#include "store/lk-store.h"

#define ADMIN_PASSWORD "amber lantern 41"

static void
on_logged_in (LkLoginWindow  *window,
              LkSession      *session,
              LkSession     **out)
{
  g_set_object (out, session);
}

static gboolean
has_session (gpointer data)
{
  return *(LkSession **) data != NULL;
}

#define WRONG "Wrong user name or password"
#define LOCKED "The account admin is locked after too many failed log-ins; an administrator " \
               "must reset its password"

static LkLoginWindow *
login_window (LkStore    *store,
              LkSession **session)
{
  LkLoginWindow *window = lk_login_window_new (NULL, store);

  g_signal_connect (window, "logged-in", G_CALLBACK (on_logged_in), session);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
try_password (GtkWidget  *window,
              const char *user,
              const char *password)
{
  lk_test_set_text (window, "User name", user);
  lk_test_set_text (window, "Password", password);
  lk_test_click (window, "Log In");
}

static void
test_wrong_password_refused (void)
{
  g_autofree char *folder = NULL;
  g_autoptr(LkStore) store = lk_test_store_new (&folder, ADMIN_PASSWORD);
  LkSession *session = NULL;
  LkLoginWindow *window = login_window (store, &session);
  GtkWidget *password_row;

  try_password (GTK_WIDGET (window), "admin", "not the password");
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (window), WRONG, 10000));
  g_assert_null (session);
  /* The wrong password is cleared so it is not resubmitted by accident. */
  password_row = lk_test_find (GTK_WIDGET (window), ADW_TYPE_PREFERENCES_ROW, "Password");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password_row)), ==, "");

  try_password (GTK_WIDGET (window), "nobody", ADMIN_PASSWORD);
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (window), WRONG, 10000));
  g_assert_null (session);

  lk_test_destroy_window (window, NULL);
  lk_test_unref_finalized (g_steal_pointer (&store));
  lk_test_remove_folder (folder);
}

static void
test_right_password_admitted (void)
{
  g_autofree char *folder = NULL;
  g_autoptr(LkStore) store = lk_test_store_new (&folder, ADMIN_PASSWORD);
  LkSession *session = NULL;
  LkLoginWindow *window = login_window (store, &session);

  try_password (GTK_WIDGET (window), "admin", ADMIN_PASSWORD);
  g_assert_true (lk_test_wait (has_session, &session, 10000));
  g_assert_cmpstr (lk_session_get_user_name (session), ==, "admin");

  lk_test_destroy_window (window, NULL);
  g_clear_object (&session);
  lk_test_unref_finalized (g_steal_pointer (&store));
  lk_test_remove_folder (folder);
}

static void
test_lockout_shown (void)
{
  g_autofree char *folder = NULL;
  g_autoptr(LkStore) store = lk_test_store_new (&folder, ADMIN_PASSWORD);
  LkSession *session = NULL;
  LkLoginWindow *window = login_window (store, &session);

  for (int i = 0; i < 4; i++)
    {
      try_password (GTK_WIDGET (window), "admin", "guess");
      /* Submitting hides the previous message; the answer shows it again. */
      g_assert_true (lk_test_wait_shown (GTK_WIDGET (window), WRONG, 10000));
    }
  try_password (GTK_WIDGET (window), "admin", "guess");
  /* The guess that locks the account is answered as any other wrong password. */
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (window), WRONG, 10000));
  /* Even the right password no longer opens the account: the answer says why. */
  try_password (GTK_WIDGET (window), "admin", ADMIN_PASSWORD);
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (window), LOCKED, 10000));
  g_assert_null (session);

  lk_test_destroy_window (window, NULL);
  lk_test_unref_finalized (g_steal_pointer (&store));
  lk_test_remove_folder (folder);
}

static void
test_demo_accounts_listed (void)
{
  g_autofree char *folder = g_dir_make_tmp ("likeness-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) store = lk_demo_open (path, &error);
  LkSession *session = NULL;
  LkLoginWindow *window;

  g_assert_no_error (error);
  window = login_window (store, &session);
  g_assert_nonnull (lk_test_find (GTK_WIDGET (window), GTK_TYPE_LABEL,
                                  "Demo workspace, not for casework"));
  for (const char * const *name = lk_demo_user_names (); *name != NULL; name++)
    g_assert_nonnull (lk_test_find (GTK_WIDGET (window), ADW_TYPE_PREFERENCES_ROW, *name));

  try_password (GTK_WIDGET (window), "demo-examiner", LK_DEMO_PASSWORD);
  g_assert_true (lk_test_wait (has_session, &session, 10000));
  g_assert_true (lk_session_has_role (session, LK_ROLE_EXAMINER));

  lk_test_destroy_window (window, NULL);
  g_clear_object (&session);
  lk_test_unref_finalized (g_steal_pointer (&store));
  lk_test_remove_folder (folder);
}

int
main (int    argc,
      char **argv)
{
  lk_test_ui_init (&argc, &argv);
  g_test_add_func ("/likeness/login/wrong-password-refused", test_wrong_password_refused);
  g_test_add_func ("/likeness/login/right-password-admitted", test_right_password_admitted);
  g_test_add_func ("/likeness/login/lockout-shown", test_lockout_shown);
  g_test_add_func ("/likeness/login/demo-accounts-listed", test_demo_accounts_listed);
  return g_test_run ();
}
