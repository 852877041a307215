/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A database that cannot be read at start: the application says so with the store's reason as
 * it is, says how to open another database, and offers only Quit. */
#include "config.h"

#include "lk-application.h"
#include "lk-test-ui.h"
#include "store/lk-store.h"
#include "store/lk-store-private.h"

#define ANOTHER "To open another database, start Likeness with “-\u2060-\u2060db” followed " \
                "by its path or server address. If this one is damaged, the lab’s administrator " \
                "can restore it from a backup."

static gboolean
dialog_shown (gpointer data)
{
  return lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* The application as lk_application_new() makes it, under an id of its own: an application
 * that was never run keeps its object on the session bus, where the next case's would go. */
static LkApplication *
application_new (const char *case_name)
{
  g_autofree char *id = g_strconcat (APP_ID ".Test.", case_name, NULL);

  return g_object_new (LK_TYPE_APPLICATION, "application-id", id,
                       "resource-base-path", LK_RESOURCE_PATH,
                       "flags", G_APPLICATION_NON_UNIQUE, NULL);
}

/* Starts the application on @path and returns the dialog it shows instead of a window. */
static AdwMessageDialog *
start_on (LkApplication *app,
          const char    *path)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;

  g_settings_set_string (settings, "database-path", path);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  g_assert_true (lk_test_wait (dialog_shown, NULL, 10000));
  return ADW_MESSAGE_DIALOG (lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
}

/* What every such dialog shows: the heading, the way to another database, Quit alone. */
static void
assert_failure_shown (AdwMessageDialog *dialog,
                      const char       *reason)
{
  GtkWidget *quit;

  g_assert_true (lk_test_wait_shown (GTK_WIDGET (dialog), "Cannot Open the Database", 5000));
  g_assert_true (lk_test_wait_shown_containing (GTK_WIDGET (dialog), reason, 5000));
  g_assert_true (lk_test_wait_shown_containing (GTK_WIDGET (dialog), ANOTHER, 5000));
  g_assert_true (adw_message_dialog_has_response (dialog, "quit"));
  quit = lk_test_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Quit");
  g_assert_nonnull (quit);
  g_assert_true (gtk_widget_is_visible (quit));
  /* named by its text alone, as the other buttons are (see lk_fix_button_names) */
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (quit),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL));
  lk_test_assert_accessible (GTK_WIDGET (dialog), GTK_ACCESSIBLE_PROPERTY_LABEL,
                             "Cannot Open the Database");
  g_assert_null (lk_application_get_store (LK_APPLICATION (gtk_window_get_application (
    GTK_WINDOW (dialog)))));
}

static void
close_all (AdwMessageDialog *dialog,
           LkApplication    *app,
           const char       *folder)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (lk_test_wait_closed (ADW_TYPE_MESSAGE_DIALOG, 5000));
  g_settings_reset (settings, "database-path");
  g_object_unref (app);
  lk_test_remove_folder (folder);
}

/* A database whose users table was renamed: the reason (the store's, naming the table and the
 * file) is kept, and the database is not offered as a new one to set up. */
static void
test_users_unreadable (void)
{
  g_autofree char *folder = NULL;
  LkStore *store = lk_test_store_new (&folder, "correct horse battery");
  g_autofree char *path = g_strdup (lk_store_get_path (store));
  g_autoptr(GError) error = NULL;
  LkApplication *app = application_new ("UsersUnreadable");
  AdwMessageDialog *dialog;

  g_assert_true (lk_store_exec (store, "ALTER TABLE users RENAME TO u2", &error));
  g_assert_no_error (error);
  lk_test_unref_finalized (store);

  dialog = start_on (app, path);
  assert_failure_shown (dialog, "no such table: users");
  g_assert_true (lk_test_wait_shown_containing (GTK_WIDGET (dialog),
                                                "Likeness could not read its database.", 5000));
  lk_test_shoot (GTK_WIDGET (dialog), "open-failure-users.png");
  close_all (dialog, app, folder);
}

/* A file that is not a database at all. */
static void
test_not_a_database (void)
{
  g_autofree char *folder = g_dir_make_tmp ("likeness-open-failure-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "notes.db", NULL);
  g_autoptr(GError) error = NULL;
  LkApplication *app = application_new ("NotADatabase");
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (path, "Case notes, not a database.\n", -1, &error));
  g_assert_no_error (error);

  dialog = start_on (app, path);
  assert_failure_shown (dialog, "is not a Likeness database");
  lk_test_shoot (GTK_WIDGET (dialog), "open-failure-not-a-database.png");
  close_all (dialog, app, folder);
}

int
main (int   argc,
      char *argv[])
{
  /* The test backend keeps the accessible names where the dialog's are checked. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  lk_test_ui_init (&argc, &argv);
  g_test_add_func ("/likeness/open-failure/users-unreadable", test_users_unreadable);
  g_test_add_func ("/likeness/open-failure/not-a-database", test_not_a_database);
  return g_test_run ();
}
