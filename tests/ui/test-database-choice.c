/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The database choice of the first start and of Preferences: a file on this computer or a lab
 * server's address, stored in GSettings for the next start; an address with a password in it
 * refused; Test Connection run in a worker, its answer in plain words. With LIKENESS_TEST_PG (a
 * throwaway server from tests/pg-server) the test also connects for real. */
#include "config.h"

#include <string.h>

#include "lk-application.h"
#include "lk-database-choice.h"
#include "lk-setup-window.h"
#include "lk-window.h"
#include "lk-test-ui.h"
#include "store/lk-store.h"

#define URI_ROW "Server address"
#define PATH_ROW "Database file (empty: the usual place)"

typedef struct
{
  GSettings        *settings;
  GtkWidget        *window;
  LkDatabaseChoice *choice;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *page = adw_preferences_page_new ();

  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "database-path");
  f->choice = lk_database_choice_new (f->settings, "/nonexistent/open-now.db");
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (f->choice));
  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 640, 700);
  adw_window_set_content (ADW_WINDOW (f->window), page);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lk_test_destroy_window (f->window, f->choice, NULL);
  g_settings_reset (f->settings, "database-path");
  g_clear_object (&f->settings);
}

typedef struct
{
  LkDatabaseChoice *choice;
  const char       *part;
} StatusWanted;

static gboolean
status_contains (gpointer data)
{
  StatusWanted *wanted = data;
  const char *status = lk_database_choice_get_status (wanted->choice);

  return status != NULL && strstr (status, wanted->part) != NULL;
}

static void
assert_status (Fixture    *f,
               const char *part,
               guint       timeout_ms)
{
  StatusWanted wanted = { f->choice, part };

  if (!lk_test_wait (status_contains, &wanted, timeout_ms))
    g_error ("the status reads \"%s\", not \"…%s…\"", lk_database_choice_get_status (f->choice),
             part);
}

static char *
stored (Fixture *f)
{
  return g_settings_get_string (f->settings, "database-path");
}

static void
choose (Fixture    *f,
        const char *row_title)
{
  GtkWidget *row = lk_test_find (f->window, ADW_TYPE_ACTION_ROW, row_title);

  g_assert_nonnull (row);
  adw_action_row_activate (ADW_ACTION_ROW (row));
}

static void
enter (Fixture    *f,
       const char *row_title,
       const char *text)
{
  lk_test_set_text (f->window, row_title, text);
  g_signal_emit_by_name (lk_test_find (f->window, ADW_TYPE_PREFERENCES_ROW, row_title), "apply");
}

static gboolean
sensitive (gpointer data)
{
  return gtk_widget_is_sensitive (data);
}

/* A server's address is stored for the next start; one with a password is not. */
static void
test_server_address (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *uri_row = lk_test_find (f->window, ADW_TYPE_PREFERENCES_ROW, URI_ROW);
  GtkWidget *path_row = lk_test_find (f->window, ADW_TYPE_PREFERENCES_ROW, PATH_ROW);

  /* A file is the default, and the address cannot be typed until the server is chosen. */
  g_assert_nonnull (uri_row);
  g_assert_false (gtk_widget_is_sensitive (uri_row));
  g_assert_true (gtk_widget_is_sensitive (path_row));
  choose (f, "A lab server");
  g_assert_true (lk_test_wait (sensitive, uri_row, 1000));
  g_assert_false (gtk_widget_is_sensitive (path_row));
  assert_status (f, "Enter the server's address", 1000);

  before = stored (f);
  enter (f, URI_ROW, "postgresql://bob:hunter2@db.lab.example/likeness");
  assert_status (f, "Leave the password out of the address", 1000);
  after = stored (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  enter (f, URI_ROW, "db.lab.example");
  assert_status (f, "starts with postgresql://", 1000);

  enter (f, URI_ROW, "postgresql://likeness@db.lab.example/likeness?sslmode=verify-full");
  assert_status (f, "when it starts again", 1000);
  after = stored (f);
  g_assert_cmpstr (after, ==, "postgresql://likeness@db.lab.example/likeness?sslmode=verify-full");
  g_clear_pointer (&after, g_free);

  /* Back to a file: the usual place. */
  choose (f, "This computer (a database file)");
  assert_status (f, "when it starts again", 1000);
  after = stored (f);
  g_assert_cmpstr (after, ==, "");

  /* The choice as stored is what a new group shows. */
  g_settings_set_string (f->settings, "database-path", "postgresql://db.lab.example/likeness");
  {
    g_autoptr(LkDatabaseChoice) again =
      g_object_ref_sink (lk_database_choice_new (f->settings, NULL));
    GtkWidget *row = lk_test_find (GTK_WIDGET (again), ADW_TYPE_PREFERENCES_ROW, URI_ROW);

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==,
                     "postgresql://db.lab.example/likeness");
    g_assert_true (gtk_widget_is_sensitive (row));
  }
}

/* Test Connection runs in a worker and answers in words: a server that is not there, and, on a
 * throwaway server, an empty database and a Likeness database. */
static void
test_connection (Fixture       *f,
                 gconstpointer  data)
{
  const char *server = g_getenv ("LIKENESS_TEST_PG");

  choose (f, "A lab server");
  lk_test_set_text (f->window, URI_ROW, "postgresql://likeness@127.0.0.1:1/likeness"
                                        "?connect_timeout=3");
  lk_test_click (f->window, "Test Connection");
  /* The button waits for the answer; the window does not. */
  g_assert_false (gtk_widget_is_sensitive (lk_test_find (f->window, GTK_TYPE_BUTTON,
                                                         "Test Connection")));
  assert_status (f, "Likeness cannot use this database. Cannot connect", 10000);

  if (server == NULL || *server == '\0')
    {
      g_test_message ("no LIKENESS_TEST_PG: only the unreachable server was tried");
      return;
    }
  /* The server's own database is not a Likeness database. */
  lk_test_set_text (f->window, URI_ROW, server);
  lk_test_click (f->window, "Test Connection");
  assert_status (f, "Likeness cannot use this database", 10000);
}

/* The first start offers the choice under the administrator's form. */
static void
test_first_start (void)
{
  g_autofree char *folder = NULL;
  g_autoptr(LkStore) store = lk_test_store_new (&folder, NULL);
  LkSetupWindow *setup = lk_setup_window_new (NULL, store);

  gtk_window_present (GTK_WINDOW (setup));
  g_assert_nonnull (lk_test_find (GTK_WIDGET (setup), ADW_TYPE_ACTION_ROW, "A lab server"));
  g_assert_nonnull (lk_test_find (GTK_WIDGET (setup), GTK_TYPE_BUTTON, "Test Connection"));
  lk_test_destroy_window (setup, NULL);
  lk_test_unref_finalized (g_steal_pointer (&store));
  lk_test_remove_folder (folder);
}

static gboolean
setup_shown (gpointer data)
{
  return lk_test_find_window (LK_TYPE_SETUP_WINDOW) != NULL;
}

static gboolean
main_window_shown (gpointer data)
{
  return lk_test_find_window (LK_TYPE_WINDOW) != NULL;
}

static gboolean
folder_is_empty (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);

  return dir != NULL && g_dir_read_name (dir) == NULL;
}

/* The application's first start, with no database file yet: choosing a lab server leaves
 * nothing on this computer (the file would be made with its administrator, which is then made on
 * the server by its own administrator); choosing the file again and creating the administrator
 * makes it. */
static void
test_first_start_creates_nothing (void)
{
  g_autofree char *folder = g_dir_make_tmp ("likeness-first-start-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "likeness.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(LkApplication) app = lk_application_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *chosen = NULL;
  GtkWidget *setup;
  GtkWidget *create;
  LkStore *store;

  g_settings_set_string (settings, "database-path", path);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  g_assert_true (lk_test_wait (setup_shown, NULL, 10000));
  setup = lk_test_find_window (LK_TYPE_SETUP_WINDOW);
  g_assert_true (folder_is_empty (folder));
  lk_test_shoot (setup, "first-start.png");

  /* A lab server instead: saved for the next start, and still nothing made here */
  adw_action_row_activate (ADW_ACTION_ROW (lk_test_find (setup, ADW_TYPE_ACTION_ROW,
                                                         "A lab server")));
  lk_test_set_text (setup, URI_ROW, "postgresql://likeness@db.lab.example/likeness");
  g_signal_emit_by_name (lk_test_find (setup, ADW_TYPE_PREFERENCES_ROW, URI_ROW), "apply");
  chosen = g_settings_get_string (settings, "database-path");
  g_assert_cmpstr (chosen, ==, "postgresql://likeness@db.lab.example/likeness");
  g_assert_true (lk_test_wait_shown_containing (setup, "Nothing was created on this computer",
                                                5000));
  create = lk_test_find (setup, GTK_TYPE_BUTTON, "Create Administrator");
  g_assert_false (gtk_widget_get_sensitive (create));
  lk_test_shoot (setup, "first-start-server.png");
  lk_test_spin (200);
  g_assert_true (folder_is_empty (folder));

  /* Back to the file: it is made with its administrator */
  adw_action_row_activate (ADW_ACTION_ROW (lk_test_find (setup, ADW_TYPE_ACTION_ROW,
                                                         "This computer (a database file)")));
  g_assert_true (gtk_widget_get_sensitive (create));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  lk_test_set_text (setup, "User name", "ada");
  lk_test_set_text (setup, "Full name", "Ada Lovelace");
  lk_test_set_text (setup, "Password", "correct horse battery");
  lk_test_set_text (setup, "Confirm password", "correct horse battery");
  lk_test_click (setup, "Create Administrator");
  g_assert_true (lk_test_wait (main_window_shown, NULL, 20000));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  store = lk_application_get_store (app);
  g_assert_nonnull (store);
  g_assert_true (lk_test_sql_int64 (store, "SELECT count(*) FROM users") > 0);

  /* the application closed the first-run window as it opened the main one */
  g_assert_true (lk_test_wait_closed (LK_TYPE_SETUP_WINDOW, 5000));
  gtk_window_destroy (GTK_WINDOW (lk_test_find_window (LK_TYPE_WINDOW)));
  g_assert_true (lk_test_wait_closed (LK_TYPE_WINDOW, 5000));
  g_settings_reset (settings, "database-path");
  g_clear_object (&app);
  lk_test_remove_folder (folder);
}

int
main (int   argc,
      char *argv[])
{
  lk_test_ui_init (&argc, &argv);

  g_test_add ("/likeness/database-choice/server-address", Fixture, NULL, fixture_set_up,
              test_server_address, fixture_tear_down);
  g_test_add ("/likeness/database-choice/connection", Fixture, NULL, fixture_set_up,
              test_connection, fixture_tear_down);
  g_test_add_func ("/likeness/database-choice/first-start", test_first_start);
  g_test_add_func ("/likeness/database-choice/first-start-creates-nothing",
                   test_first_start_creates_nothing);
  return g_test_run ();
}
