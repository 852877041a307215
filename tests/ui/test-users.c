/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Administration > Users: a user added here can log in; disable and reset work. */
#include "config.h"

#include "lk-test-ui.h"
#include "lk-user-dialog.h"
#include "lk-users-page.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-store.h"

#define ADMIN_PASSWORD "amber lantern 41"

typedef struct
{
  char       *folder;
  LkStore    *store;
  LkSession  *session;
  GtkWidget  *window;
  LkUsersPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = lk_test_store_new (&f->folder, ADMIN_PASSWORD);
  f->session = lk_session_login (f->store, "admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  f->window = adw_window_new ();
  f->page = g_object_new (LK_TYPE_USERS_PAGE, NULL);
  adw_window_set_content (ADW_WINDOW (f->window),
                          adw_toast_overlay_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (adw_window_get_content (ADW_WINDOW (f->window))),
                               GTK_WIDGET (f->page));
  lk_users_page_set_session (f->page, f->session);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *dialog;

  while ((dialog = lk_test_find_window (LK_TYPE_USER_DIALOG)) != NULL)
    lk_test_destroy_window (dialog, NULL);
  lk_test_destroy_window (f->window, f->page, NULL);
  g_clear_object (&f->session);
  /* No widget kept a session: the database closes. */
  lk_test_unref_finalized (g_steal_pointer (&f->store));
  lk_test_remove_folder (f->folder);
  g_free (f->folder);
}

static gboolean
page_lists (gpointer data)
{
  gpointer *args = data;
  g_auto(GStrv) names = lk_users_page_dup_names (args[0]);

  return g_strv_contains ((const char * const *) names, args[1]);
}

static GtkWidget *
open_dialog (Fixture    *f,
             const char *action,
             const char *user)
{
  GtkWidget *dialog;

  gtk_widget_activate_action (GTK_WIDGET (f->page), action, user ? "s" : NULL, user);
  dialog = lk_test_find_window (LK_TYPE_USER_DIALOG);
  g_assert_nonnull (dialog);
  return dialog;
}

static void
add_carol (Fixture *f)
{
  GtkWidget *dialog = open_dialog (f, "users.add", NULL);
  GtkWidget *reviewer;
  gpointer args[] = { f->page, (gpointer) "carol" };

  lk_test_set_text (dialog, "User name", "carol");
  lk_test_set_text (dialog, "Full name", "Carol Reviewer");
  lk_test_set_text (dialog, "Password", "willow harbour 63");
  lk_test_set_text (dialog, "Confirm password", "willow harbour 63");
  reviewer = lk_test_find (dialog, ADW_TYPE_ACTION_ROW, "Reviewer");
  g_assert_nonnull (reviewer);
  gtk_widget_activate (reviewer);
  lk_test_click (dialog, "Add");
  g_assert_true (lk_test_wait (page_lists, args, 10000));
}

static void
test_added_user_can_log_in (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) carol = NULL;

  add_carol (f);
  /* The dialog closed itself and the row shows the account. */
  g_assert_true (lk_test_wait_closed (LK_TYPE_USER_DIALOG, 5000));
  g_assert_nonnull (lk_test_find (GTK_WIDGET (f->page), ADW_TYPE_PREFERENCES_ROW,
                                  "Carol Reviewer"));

  carol = lk_session_login (f->store, "carol", "willow harbour 63", &error);
  g_assert_no_error (error);
  /* Examiner is ticked for a new user; Reviewer was ticked by the test. */
  g_assert_cmpint (lk_session_get_roles (carol), ==, LK_ROLE_EXAMINER | LK_ROLE_REVIEWER);
}

static void
test_bad_input_keeps_dialog_open (Fixture       *f,
                                  gconstpointer  data)
{
  GtkWidget *dialog = open_dialog (f, "users.add", NULL);
  GtkWidget *trainee = lk_test_find (dialog, ADW_TYPE_ACTION_ROW, "Trainee");
  g_autoptr(GPtrArray) users = NULL;

  lk_test_set_text (dialog, "User name", "dave");
  lk_test_set_text (dialog, "Password", "pebble orchard 19");
  lk_test_set_text (dialog, "Confirm password", "pebble orchard 19");
  gtk_widget_activate (trainee); /* trainee + examiner is not allowed */
  lk_test_click (dialog, "Add");
  /* The core's answer, once it has given it: the dialog stays, nobody was added. */
  g_assert_true (lk_test_wait_shown (dialog, "A trainee cannot also be an examiner or reviewer: "
                                     "trainees do not touch casework", 10000));
  g_assert_nonnull (lk_test_find_window (LK_TYPE_USER_DIALOG));
  users = lk_users_list (f->session, NULL);
  g_assert_cmpuint (users->len, ==, 1);
  lk_test_destroy_window (dialog, NULL);
}

static void
test_disable_and_reset (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) carol = NULL;
  GtkWidget *confirm, *dialog;

  add_carol (f);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "users.disable", "s", "carol");
  confirm = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "disable");
  carol = lk_session_login (f->store, "carol", "willow harbour 63", &error);
  g_assert_error (error, LK_ERROR, LK_ERROR_ACCOUNT_DISABLED);
  g_clear_error (&error);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "users.enable", "s", "carol");
  dialog = open_dialog (f, "users.reset-password", "carol");
  lk_test_set_text (dialog, "Password", "willow harbour 64");
  lk_test_set_text (dialog, "Confirm password", "willow harbour 64");
  lk_test_click (dialog, "Reset");
  g_assert_true (lk_test_wait_closed (LK_TYPE_USER_DIALOG, 10000));
  carol = lk_session_login (f->store, "carol", "willow harbour 64", &error);
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  lk_test_ui_init (&argc, &argv);
  g_test_add ("/likeness/users/added-user-can-log-in", Fixture, NULL, fixture_set_up,
              test_added_user_can_log_in, fixture_tear_down);
  g_test_add ("/likeness/users/bad-input-keeps-dialog-open", Fixture, NULL, fixture_set_up,
              test_bad_input_keeps_dialog_open, fixture_tear_down);
  g_test_add ("/likeness/users/disable-and-reset", Fixture, NULL, fixture_set_up,
              test_disable_and_reset, fixture_tear_down);
  return g_test_run ();
}
